// Command mangen writes artclean's man pages (artclean.1 and one per
// subcommand) from the command tree, so that they say what --help says.
//
//	go run ./cmd/mangen -o man
//
//go:generate go run . -o ../../man
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	dir := flag.String("o", "man", "write the pages into `DIR`")
	flag.Parse()
	if err := writePages(*dir); err != nil {
		fmt.Fprintf(os.Stderr, "mangen: %v\n", err)
		os.Exit(2)
	}
}
