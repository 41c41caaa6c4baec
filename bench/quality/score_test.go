package main

import (
	"math"
	"testing"
)

// The cases follow comparison_news.py's evaluate_result line by line.
func TestEvaluate(t *testing.T) {
	with := []string{"Pierwsze zdanie", "drugie zdanie."}
	without := []string{"Reklama", "Czytaj też"}
	tests := []struct {
		name    string
		result  string
		ok      bool
		with    []string
		without []string
		want    Counts
	}{
		{"None counts with as FN and without as TN", "", false, with, without, Counts{FN: 2, TN: 2}},
		{"empty string is scored, not None", "", true, with, without, Counts{FN: 2, TN: 2}},
		{"all found", "Pierwsze zdanie i drugie zdanie.\nReklama\nCzytaj też: x", true, with, without, Counts{TP: 2, FP: 2}},
		{"clean article", "Pierwsze zdanie, drugie zdanie.", true, with, without, Counts{TP: 2, TN: 2}},
		{"substring, case-sensitive", "pierwsze zdanie; REKLAMA; drugie zdanie.", true, with, without, Counts{TP: 1, FN: 1, TN: 2}},
		{"no trimming or space folding", "Pierwsze  zdanie", true, []string{"Pierwsze zdanie"}, nil, Counts{FN: 1}},
		{"snippet spanning a newline is not found", "Pierwsze\nzdanie", true, []string{"Pierwsze zdanie"}, nil, Counts{FN: 1}},
		{"trailing space in a snippet counts", "Jak w tytule. Już x", true, []string{"Jak w tytule. Już "}, nil, Counts{TP: 1}},
		{"NBSP is not a space", "Jak w tytule. Już\u00a0x", true, []string{"Jak w tytule. Już "}, nil, Counts{FN: 1}},
		{"empty snippet is in every string", "", true, []string{""}, []string{""}, Counts{TP: 1, FP: 1}},
		{"a reported word inside another word", "Reklamacja", true, nil, []string{"Reklama"}, Counts{FP: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Evaluate(tt.result, tt.ok, tt.with, tt.without); got != tt.want {
				t.Errorf("Evaluate(%q) = %+v, want %+v", tt.result, got, tt.want)
			}
		})
	}
}

func TestScores(t *testing.T) {
	c := Counts{TP: 6, FN: 2, FP: 3, TN: 9}
	s := c.Scores()
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-12 }
	if !near(s.Precision, 6.0/9) || !near(s.Recall, 6.0/8) || !near(s.Accuracy, 15.0/20) || !near(s.F1, 12.0/17) {
		t.Errorf("Scores = %+v", s)
	}
	// F1 as 2tp/(2tp+fp+fn) equals the harmonic mean.
	if hm := 2 * s.Precision * s.Recall / (s.Precision + s.Recall); !near(hm, s.F1) {
		t.Errorf("F1 %v != harmonic mean %v", s.F1, hm)
	}
	var sum Counts
	sum.Add(Counts{TP: 1, FN: 2})
	sum.Add(Counts{FP: 3, TN: 4})
	if sum != (Counts{1, 2, 3, 4}) {
		t.Errorf("Add = %+v", sum)
	}
	z := Counts{}.Scores()
	if !math.IsNaN(z.Precision) || !math.IsNaN(z.F1) {
		t.Errorf("zero counts should give NaN (ZeroDivisionError in Python): %+v", z)
	}
	if f3(z.Precision) != "n/a" || f3(0.5) != "0.500" {
		t.Errorf("f3: %q %q", f3(z.Precision), f3(0.5))
	}
}
