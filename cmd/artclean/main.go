// Command artclean removes scraping noise from article text. See README.md.
package main

import (
	"os"

	"github.com/artclean/artclean/internal/cli"
)

func main() { os.Exit(cli.Main()) }
