package batch

import (
	"context"
	"math"
	"sync"
)

// Ordered runs do(i) for i in [0, n) on up to workers goroutines and calls
// emit(i, result) in order of i, one call at a time, as gofmt prints files:
// the output order never depends on scheduling. Workers run at most
// 2*workers jobs ahead of emit, which bounds the results held in memory.
// When ctx is done no new job starts; jobs already started are emitted.
// Ordered returns how many jobs were emitted.
//
// The worker that completes the next job in order emits it, and any that
// follow and are done: a job costs no hand-off between goroutines, which
// for a batch of small files cost more than opening them.
func Ordered[R any](ctx context.Context, n, workers int, do func(i int) R, emit func(i int, r R)) int {
	return OrderedAhead(ctx, n, workers, 2*workers, do, emit)
}

// OrderedAhead is Ordered with workers running at most ahead jobs ahead of
// emit (at least workers). Results that are small (what a file written in
// place or mirrored leaves) can wait in a wide window: with one of
// 2*workers, a worker done with three small files waited for the other's
// large one, most of a batch's futex calls and context switches.
func OrderedAhead[R any](ctx context.Context, n, workers, ahead int, do func(i int) R, emit func(i int, r R)) int {
	return ordered(ctx, n, nil, workers, ahead, do, emit)
}

// OrderedFeed is OrderedAhead over the items of a feed that may still be
// growing: a worker starts on item i as soon as it is added, and the run
// ends once the feed is closed and every item is emitted.
func OrderedFeed[T, R any](ctx context.Context, f *Feed[T], workers, ahead int, do func(i int, x T) R, emit func(i int, x T, r R)) int {
	at := func(i int) T { x, _ := f.At(i); return x }
	return ordered(ctx, math.MaxInt, func(i int) bool { _, ok := f.At(i); return ok }, workers, ahead,
		func(i int) R { return do(i, at(i)) },
		func(i int, r R) { emit(i, at(i), r) })
}

// ordered is OrderedAhead with has, if not nil, told each job before it
// starts: false says there is no job i, nor any after it.
func ordered[R any](ctx context.Context, n int, has func(i int) bool, workers, ahead int, do func(i int) R, emit func(i int, r R)) int {
	if workers < 1 {
		workers = 1
	}
	window := max(ahead, workers)
	var (
		mu   sync.Mutex
		room = sync.NewCond(&mu) // signalled as emit makes room in the window
		// Job i's result waits in slot i%window: a job starts only
		// within window of the next to emit, whose slot is free by then.
		results  = make([]R, window)
		ready    = make([]bool, window)
		started  int  // jobs handed out
		next     int  // the next job to emit
		emitting bool // a worker is emitting: the others leave results to it
	)
	work := func() {
		mu.Lock()
		defer mu.Unlock()
		for {
			for started < n && started >= next+window && ctx.Err() == nil {
				room.Wait()
			}
			if started >= n || ctx.Err() != nil {
				return
			}
			i := started
			started++
			mu.Unlock()
			if has != nil && !has(i) {
				mu.Lock()
				n = min(n, i) // the jobs end before i
				room.Broadcast()
				return
			}
			r := do(i)
			mu.Lock()
			results[i%window], ready[i%window] = r, true
			if emitting {
				continue
			}
			emitting = true
			for ready[next%window] {
				k := next % window
				r := results[k]
				var none R
				results[k], ready[k] = none, false // holds nothing of the emitted
				mu.Unlock()
				emit(next, r)
				mu.Lock()
				next++
				room.Broadcast()
			}
			emitting = false
		}
	}
	if workers == 1 {
		work()
		return next
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(work)
	}
	wg.Wait()
	return next
}

// Feed is a list of jobs that grows while OrderedFeed works through it: a
// walk adds the inputs it finds, and the workers start on the first while
// the walk goes on (listing a tree of 20,000 files took a twentieth of
// cleaning them with two workers, and was all the batch did meanwhile).
// Items are kept in blocks that never move: a growing slice copied the
// list under the lock the workers wait on.
type Feed[T any] struct {
	mu     sync.Mutex
	grown  sync.Cond // signalled as an item is added or the feed closed
	blocks [][]T     // of feedBlock items each
	n      int
	closed bool
}

const feedBlock = 1 << 10

// NewFeed returns an empty feed.
func NewFeed[T any]() *Feed[T] {
	f := &Feed[T]{}
	f.grown.L = &f.mu
	return f
}

// Add appends x to the feed.
func (f *Feed[T]) Add(x T) {
	f.mu.Lock()
	if f.n%feedBlock == 0 {
		f.blocks = append(f.blocks, make([]T, 0, feedBlock))
	}
	b := &f.blocks[len(f.blocks)-1]
	*b = append(*b, x)
	f.n++
	f.mu.Unlock()
	f.grown.Broadcast()
}

// Close says no item follows.
func (f *Feed[T]) Close() {
	f.mu.Lock()
	f.closed = true
	f.mu.Unlock()
	f.grown.Broadcast()
}

// At returns item i, waiting until it is added; false once the feed is
// closed without it.
func (f *Feed[T]) At(i int) (T, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i >= f.n && !f.closed {
		f.grown.Wait()
	}
	if i < f.n {
		return f.blocks[i/feedBlock][i%feedBlock], true
	}
	var zero T
	return zero, false
}

// All returns every item, once the feed is closed.
func (f *Feed[T]) All() []T {
	f.mu.Lock()
	defer f.mu.Unlock()
	for !f.closed {
		f.grown.Wait()
	}
	all := make([]T, 0, f.n)
	for _, b := range f.blocks {
		all = append(all, b...)
	}
	return all
}
