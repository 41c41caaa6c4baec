#!/bin/sh
# Origin: copied verbatim (but for these three comment lines) from the team's shared
# benchmark scripts, issue #21: the byte-oriented one-liner users write. CI clones only
# this repository, so bench/compare.sh runs this copy.
# naive user pipeline: sed rules then squeeze blank lines
sed -E '1s/^ ?date [0-9]{4}-[0-9]{2} //; /^[[:space:]]*(Reklama|REKLAMA)[[:space:]]*$/d; /^(Czytaj więcej|Czytaj też|Zobacz także|CZYTAJ TAKŻE)/d; /^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}(, [0-9]{1,2}:[0-9]{2})?$/d' "$@" | cat -s
