package batch

import (
	"context"
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
	if workers < 1 {
		workers = 1
	}
	window := 2 * workers
	var (
		mu       sync.Mutex
		room     = sync.NewCond(&mu) // signalled as emit makes room in the window
		results  = map[int]R{}
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
			r := do(i)
			mu.Lock()
			results[i] = r
			if emitting {
				continue
			}
			emitting = true
			for {
				r, ok := results[next]
				if !ok {
					break
				}
				delete(results, next)
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
