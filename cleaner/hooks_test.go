package cleaner

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

func TestSeparator(t *testing.T) {
	c, err := New(WithSeparator("\f"), WithoutGuard())
	if err != nil {
		t.Fatal(err)
	}
	in := "date 2022-04 Pierwszy.\nReklama\n\f\ndate 2022-05 Drugi.\n\n\n\f\nReklama\n\f\nTrzeci."
	var docs []DocStats
	var removed []Removal
	var out strings.Builder
	if _, err := c.Clean(&out, strings.NewReader(in), &Hooks{
		Removal: func(r Removal) { removed = append(removed, r) },
		DocEnd:  func(s DocStats) { docs = append(docs, s) },
	}); err != nil {
		t.Fatal(err)
	}
	// Document-start rules apply to each document; separators stay.
	want := "Pierwszy.\n\f\nDrugi.\n\f\n\f\nTrzeci.\n"
	if out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
	if len(docs) != 4 || docs[1].Doc != 2 || docs[1].Line != 4 || docs[2].Kept != 0 || docs[2].Removed != int64(len("Reklama")) {
		t.Errorf("doc stats %+v", docs)
	}
	var got []string
	for _, r := range removed {
		got = append(got, fmt.Sprintf("%s@%d:%d", r.Rule, r.Doc, r.Line))
	}
	if s := strings.Join(got, " "); s != "intl/leading-date@1:1 pl/ad-marker@1:2 intl/leading-date@2:4 pl/ad-marker@3:8" {
		t.Errorf("removals %s", s)
	}
	if _, err := New(WithSeparator("a\nb")); err == nil {
		t.Error("a separator with a line break was accepted")
	}
}

func TestMaxRemoved(t *testing.T) {
	c, err := New(WithMaxRemoved(0.5), WithSeparator("---"))
	if err != nil {
		t.Fatal(err)
	}
	mostlyNoise := strings.Repeat("Reklama\nREKLAMA\u00a0\n", 20) + "OK.\n"
	fine := "Długi akapit artykułu, który zostaje.\nReklama\n"
	var docs []DocStats
	var removals, guards int
	var out strings.Builder
	st, _ := c.Clean(&out, strings.NewReader(mostlyNoise+"---\n"+fine), &Hooks{
		Removal: func(Removal) { removals++ },
		DocEnd:  func(s DocStats) { docs = append(docs, s) },
		Guard:   func(g Guarded) { guards++ },
	})

	// The first document would lose more than half: it stays as it came,
	// and its removals are not reported.
	want := strings.ReplaceAll(mostlyNoise, "\u00a0", "") + "---\nDługi akapit artykułu, który zostaje.\n"
	if out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
	if len(docs) != 2 || !docs[0].KeptWhole || docs[1].KeptWhole || removals != 1 || st.KeptWhole != 1 || guards != 1 || st.Guarded != 1 {
		t.Errorf("docs %+v, removals %d, guards %d, stats %+v", docs, removals, guards, st)
	}
	if st.LinesOut != 42 {
		t.Errorf("LinesOut = %d, want the 41 lines of the kept document and 1", st.LinesOut)
	}
	for _, bad := range []float64{-0.1, 0, 1.5} {
		if _, err := New(WithMaxRemoved(bad)); err == nil {
			t.Errorf("share %g accepted", bad)
		}
	}
}

// Events replay the document: kept lines, removals and breaks, in order.
func TestEvents(t *testing.T) {
	c, _ := New()
	in := "date 2022-04 Tekst.\n\nReklama\n\nCzytaj też: X\ndalej\n\nKoniec."
	var got []string
	c.Clean(&strings.Builder{}, strings.NewReader(in), &Hooks{Event: func(e Event) {
		switch e.Kind {
		case EventKeep:
			got = append(got, fmt.Sprintf("keep %d %q", e.Line, e.Text))
		case EventRemove:
			got = append(got, fmt.Sprintf("remove %d %s %s %q", e.Line, e.Removal.Rule, e.Removal.Action, e.Removal.Text))
		case EventBreak:
			got = append(got, "break")
		}
	}})

	want := []string{
		`remove 1 intl/leading-date strip "date 2022-04 "`,
		`keep 1 "Tekst."`,
		`remove 3 pl/ad-marker drop-line "Reklama"`,
		`remove 5 pl/teaser drop-paragraph "Czytaj też: X\ndalej"`,
		"break",
		`keep 8 "Koniec."`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// OmitText leaves a removal's text out but not its size, with and without
// the max-removed guard, and an Event hook brings the text back.
func TestOmitText(t *testing.T) {
	in := "date 2022-04 Pierwszy akapit artykułu.\nReklama\n\nCzytaj też: Inny tekst\no czymś innym\n\nKoniec artykułu, który zostaje.\n"
	for guard, opt := range map[string]Option{"off": WithoutGuard(), "0.9": WithMaxRemoved(0.9)} {
		c, err := New(opt)
		if err != nil {
			t.Fatal(err)
		}
		collect := func(h Hooks) []Removal {
			var got []Removal
			h.Removal = func(r Removal) { got = append(got, r) }
			if _, err := c.Clean(io.Discard, strings.NewReader(in), &h); err != nil {
				t.Fatal(err)
			}
			return got
		}
		full, omitted := collect(Hooks{}), collect(Hooks{OmitText: true})
		if len(full) != 3 || len(omitted) != len(full) {
			t.Fatalf("guard %v: %d removals, %d with OmitText, want 3", guard, len(full), len(omitted))
		}
		for i, r := range full {
			if r.Bytes != len(r.Text) || r.Lines != strings.Count(r.Text, "\n")+1 {
				t.Errorf("guard %v: %+v: Bytes and Lines do not fit Text", guard, r)
			}
			o := r
			o.Text = ""
			if omitted[i] != o {
				t.Errorf("guard %v: with OmitText %+v, want %+v", guard, omitted[i], o)
			}
		}
		if withEvents := collect(Hooks{OmitText: true, Event: func(Event) {}}); withEvents[2] != full[2] {
			t.Errorf("guard %v: with an Event hook %+v, want %+v", guard, withEvents[2], full[2])
		}
	}
}
