package main

import (
	"math"
	"strings"
)

var nan = math.NaN()

// Counts is a confusion matrix, summed over pages.
type Counts struct {
	TP, FN, FP, TN int
}

// Add sums two matrices.
func (c *Counts) Add(o Counts) {
	c.TP += o.TP
	c.FN += o.FN
	c.FP += o.FP
	c.TN += o.TN
}

// Evaluate mirrors comparison_news.py's evaluate_result: each 'with' snippet
// that is a substring of the result is a true positive, else a false
// negative; each 'without' snippet that is a substring is a false positive,
// else a true negative. The result is used exactly as the extractor returned
// it: the script defines trim() but does not apply it. A result of None
// (ok=false here) counts every 'with' as a false negative and every 'without'
// as a true negative.
func Evaluate(result string, ok bool, with, without []string) Counts {
	var c Counts
	if !ok {
		c.FN += len(with)
		c.TN += len(without)
		return c
	}
	for _, s := range with {
		if strings.Contains(result, s) {
			c.TP++
		} else {
			c.FN++
		}
	}
	for _, s := range without {
		if strings.Contains(result, s) {
			c.FP++
		} else {
			c.TN++
		}
	}
	return c
}

// Scores mirrors calculate_scores. Where the script would raise
// ZeroDivisionError the value is NaN.
type Scores struct {
	Precision, Recall, Accuracy, F1 float64
}

// Scores computes precision tp/(tp+fp), recall tp/(tp+fn), accuracy
// (tp+tn)/all and F1 2tp/(2tp+fp+fn).
func (c Counts) Scores() Scores {
	return Scores{
		Precision: div(c.TP, c.TP+c.FP),
		Recall:    div(c.TP, c.TP+c.FN),
		Accuracy:  div(c.TP+c.TN, c.TP+c.TN+c.FP+c.FN),
		F1:        div(2*c.TP, 2*c.TP+c.FP+c.FN),
	}
}

func div(a, b int) float64 {
	if b == 0 {
		return nan
	}
	return float64(a) / float64(b)
}
