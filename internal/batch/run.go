package batch

import (
	"context"
	"sync"
)

// Ordered runs do(i) for i in [0, n) on up to workers goroutines and calls
// emit(i, result) on the calling goroutine in order of i, as gofmt prints
// files: the output order never depends on scheduling. Workers run at most
// 2*workers jobs ahead of emit, which bounds the results held in memory.
// When ctx is done no new job starts; jobs already started are emitted.
// Ordered returns how many jobs were emitted.
func Ordered[R any](ctx context.Context, n, workers int, do func(i int) R, emit func(i int, r R)) int {
	if workers < 1 {
		workers = 1
	}
	window := make(chan struct{}, 2*workers)
	jobs := make(chan int)
	var (
		mu         sync.Mutex
		cond       = sync.NewCond(&mu)
		results    = map[int]R{}
		dispatched = -1 // total jobs handed out, -1 while still dispatching
	)
	go func() {
		i := 0
	loop:
		for ; i < n; i++ {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				break loop
			}
			// Check again: select picks at random when both are ready.
			if ctx.Err() != nil {
				break
			}
			jobs <- i
		}
		close(jobs)
		mu.Lock()
		dispatched = i
		cond.Broadcast()
		mu.Unlock()
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				r := do(i)
				mu.Lock()
				results[i] = r
				cond.Broadcast()
				mu.Unlock()
			}
		}()
	}
	next := 0
	for {
		mu.Lock()
		for {
			if _, ok := results[next]; ok || dispatched >= 0 && next >= dispatched {
				break
			}
			cond.Wait()
		}
		r, ok := results[next]
		delete(results, next)
		mu.Unlock()
		if !ok {
			break
		}
		emit(next, r)
		<-window
		next++
	}
	wg.Wait()
	return next
}
