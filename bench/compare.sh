#!/usr/bin/env bash
# compare.sh - time artclean against classic text tools on the same corpus.
#
# Usage: bench/compare.sh [--large] [SIZE_MiB]        (default 100)
#
# Builds artclean and gencorpus into bench/out/, generates a deterministic
# noisy Polish corpus of SIZE_MiB as one text file and as JSON Lines, and
# times on it:
#
#   text:  artclean from the file and through a pipe (default -j: a long
#          stream's stages on every core), and with -j 1 (one core)
#          (cat FILE | artclean); the byte-oriented perl and sed one-liners
#          users write (bench/base_perl.sh, bench/base_sed.sh: the
#          baselines); the Unicode-aware perl -00 running the same Polish
#          seed rules as artclean (bench/equiv/clean.pl); cat FILE | cat,
#          the pipe limit;
#   JSONL: artclean --jsonl on raw UTF-8 records and on the same records
#          as Python's json.dumps writes them (\u0142, \", \n escapes),
#          jq and Python json+re with the seed rules, and cat FILE | cat;
#   start-up: artclean /dev/null against perl -e 1;
#   small files: 20,000 files of 2-20 KB in a tree (on /dev/shm when it
#          is there): artclean -r -o at -j1 and -j2, -i at -j2, against
#          find | xargs -0 -P2 -n 100 perl -i -00 with base_perl.sh's rules.
#
# It prints markdown tables: throughput, artclean's speed divided by each
# tool's, peak RSS and whether the output is the same as artclean's; then
# throughput against corpus size at 10 and 100 MiB, and 1 GiB with --large.
# Everything it writes goes to bench/out/ (gitignored); the report is also
# saved as bench/out/report-SIZE.md.
#
# Environment: RUNS (timed runs per tool, default 5), SLOW_SECS (a tool whose
# first run takes longer is timed by that run alone, default 20), SEED
# (corpus seed, default 1), SMALL (0 skips the small-files table),
# SMALL_MIB (size of the small-files tree, default 258: about 20,000 files),
# STARTUP_RUNS (runs of the start-up row, default 100).
# Timing uses hyperfine when installed (apt-get install -y hyperfine), else
# /usr/bin/time; peak RSS always comes from GNU time -v (apt-get install -y
# time). The machine should be otherwise idle: the load average is printed.
set -euo pipefail

die() { printf 'compare.sh: %s\n' "$*" >&2; exit 1; }
note() { printf 'compare.sh: %s\n' "$*" >&2; }
usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; }

LARGE=0
SIZE=100
while (($#)); do
	case $1 in
	--large) LARGE=1 ;;
	-h | --help) usage; exit 0 ;;
	-*) usage >&2; die "unknown option $1" ;;
	*)
		[[ $1 =~ ^[1-9][0-9]*$ ]] || die "SIZE_MiB must be a whole number of MiB, not '$1'"
		SIZE=$1
		;;
	esac
	shift
done
RUNS=${RUNS:-5}
SLOW_SECS=${SLOW_SECS:-20}
SEED=${SEED:-1}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number"
[[ $SLOW_SECS =~ ^[0-9]+$ ]] || die "SLOW_SECS must be a number of seconds"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/bench/out
EQ=$ROOT/bench/equiv

# --- tools ---------------------------------------------------------------
need() { command -v "$1" >/dev/null 2>&1 || die "$1 not found: $2"; }
need go "install Go 1.26 or newer (https://go.dev/dl/)"
need perl "apt-get install -y perl"
need sed "apt-get install -y sed"
need cat "apt-get install -y coreutils"
need diff "apt-get install -y diffutils"
need jq "apt-get install -y jq"
need python3 "apt-get install -y python3"
need awk "apt-get install -y mawk"
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found: apt-get install -y time"
/usr/bin/time -v true 2>/dev/null || die "/usr/bin/time is not GNU time (no -v): apt-get install -y time"
HYPERFINE=0
if command -v hyperfine >/dev/null 2>&1; then
	HYPERFINE=1
else
	note "hyperfine not found (apt-get install -y hyperfine): timing with /usr/bin/time instead"
fi
if ! locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then
	die "the C.UTF-8 locale is missing (sed needs it for case-insensitive Polish): apt-get install -y locales"
fi
for f in clean.pl clean.jq clean_jsonl.py; do
	[[ -r $EQ/$f ]] || die "$EQ/$f is missing"
done
BASE_PERL=$ROOT/bench/base_perl.sh
BASE_SED=$ROOT/bench/base_sed.sh
for f in "$BASE_PERL" "$BASE_SED"; do
	[[ -r $f ]] || die "$f is missing"
done
# The program of base_perl.sh, for perl -i over the small files: the same
# rules, taken from the one copy.
PERL_PROG=$(sed -n "s/^perl -00 -ne '\(.*\)' \"\$@\"\$/\1/p" "$BASE_PERL")
[[ -n $PERL_PROG ]] || die "cannot find the perl program in $BASE_PERL"
SMALL=${SMALL:-1}
SMALL_MIB=${SMALL_MIB:-258}
STARTUP_RUNS=${STARTUP_RUNS:-100}

mkdir -p "$OUT"
avail_mib=$(df -Pm "$OUT" | awk 'NR == 2 { print $4 }')
need_mib=$((SIZE * 6 + (LARGE ? 1024 * 2 : 0) + 100))
((avail_mib > need_mib)) || die "$OUT has ${avail_mib} MiB free; this run needs about ${need_mib} MiB"

# --- build ---------------------------------------------------------------
note "building artclean and gencorpus into bench/out/"
# artclean is built as README's install line builds it: static, without cgo.
(cd "$ROOT" && CGO_ENABLED=0 go build -o "$OUT/artclean" ./cmd/artclean && go build -o "$OUT/gencorpus" ./cmd/gencorpus) ||
	die "go build failed"

ART=("$OUT/artclean")
art_help=$("$OUT/artclean" --help 2>&1 | tr -d '\000' || true)
# artclean runs with its default -j (every core: a long stream's stages,
# a JSON Lines input's records); the j1 row adds -j 1.
if grep -q -- '--quiet' <<<"$art_help"; then ART+=(--quiet); fi
ART_CMD=$(printf '%q ' "${ART[@]}")

# --- corpora -------------------------------------------------------------
# corpus SIZE_MiB FORMAT prints the corpus path, generating it unless an
# identical one (same generator binary, size, format and seed) is there.
corpus() {
	local size=$1 format=$2 file stamp
	file=$OUT/corpus-${size}MiB-seed$SEED.$format
	stamp="$(sha256sum <"$OUT/gencorpus" | cut -c1-16) $size $format $SEED"
	if [[ ! -s $file || ! -r $file.stamp || $(<"$file.stamp") != "$stamp" ]]; then
		note "generating $(basename "$file")"
		"$OUT/gencorpus" -size "${size}MiB" -format "$format" -seed "$SEED" -out "$file" ||
			die "gencorpus failed"
		printf '%s\n' "$stamp" >"$file.stamp"
	fi
	printf '%s\n' "$file"
}

# time_runs NAME SCRIPT CMD [PREP] times SCRIPT RUNS times without hyperfine,
# running PREP (not timed) before each run, and sets MEAN, SD (seconds) and
# NRUNS.
time_runs() {
	local name=$1 script=$2 cmd=$3 prep=${4:-} i t0 t1 times=()
	for ((i = 0; i < RUNS; i++)); do
		[[ -n $prep ]] && bash "$prep"
		t0=$(date +%s%N)
		bash "$script" >/dev/null || die "$name failed: $cmd"
		t1=$(date +%s%N)
		times+=("$(((t1 - t0) / 1000))")
	done
	read -r MEAN SD < <(printf '%s\n' "${times[@]}" |
		awk '{ s += $1 / 1e6; q += ($1 / 1e6)^2; n++ } END { m = s / n; v = n > 1 ? (q - n * m * m) / (n - 1) : 0; printf "%.6f %.6f\n", m, (v > 0 ? sqrt(v) : 0) }')
	NRUNS=$RUNS
}

# --- measuring -----------------------------------------------------------
# measure NAME CMD FILE [KEEP] times the shell command CMD, which reads FILE,
# and sets MEAN (seconds), SD, NRUNS, RSS (KiB of the largest process) and
# CPU (user + system seconds of all its processes, in the first run). CMD
# goes in a script, bench/out/cmd-NAME.sh, run by bash in every run, so all
# tools pay the same start-up. The first run, under GNU time, gives the peak
# RSS and warms the page cache; its output goes to bench/out/out-NAME when
# KEEP is 1 (for the comparison) and to /dev/null otherwise, as in the timed
# runs. A tool whose first run takes more than SLOW_SECS is timed by that run
# alone.
measure() {
	local name=$1 cmd=$2 keep=${4:-0} sink=/dev/null script tf wall usr sys
	script=$OUT/cmd-$name.sh
	rm -f "$OUT/hyperfine-$name.json" "$OUT/hyperfine-$name.log"
	printf '%s\n' "$cmd" >"$script"
	[[ $keep == 1 ]] && sink=$OUT/out-$name
	tf=$(mktemp)
	if ! /usr/bin/time -f '%e %M %U %S' -o "$tf" bash "$script" >"$sink"; then
		rm -f "$tf"
		die "$name failed: $cmd"
	fi
	read -r wall RSS usr sys <"$tf"
	CPU=$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	rm -f "$tf"
	if awk -v w="$wall" -v s="$SLOW_SECS" 'BEGIN { exit !(w > s) }'; then
		MEAN=$wall SD=0 NRUNS=1
		return
	fi
	if ((HYPERFINE)); then
		hyperfine -N --style none --warmup 0 --runs "$RUNS" --export-json "$OUT/hyperfine-$name.json" \
			"bash '$script'" >/dev/null 2>"$OUT/hyperfine-$name.log" ||
			die "hyperfine failed on $name (see $OUT/hyperfine-$name.log)"
		read -r MEAN SD NRUNS < <(jq -r '.results[0] | "\(.mean) \(.stddev // 0) \(.times | length)"' "$OUT/hyperfine-$name.json")
	else
		time_runs "$name" "$script" "$cmd"
	fi
}

mibps() { awk -v b="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.1f", b / t / 1048576; else printf "—" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2f×", a / b; else printf "—" }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }

# same REF FILE: is FILE's content REF's? "identical", or how many lines
# differ.
same() {
	if cmp -s "$1" "$2"; then
		printf 'identical'
	else
		printf '%s lines differ' "$({ diff "$1" "$2" || true; } | grep -c '^[<>]' || true)"
	fi
}

declare -A SPEED # "tool@size" → MiB/s, for the size table
declare -A MEM   # "tool@size" → peak RSS KiB
declare -A CPUS  # "tool@size" → MiB per CPU second

REPORT=$OUT/report-$SIZE.md
exec > >(tee "$REPORT")
TEE_PID=$!

load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'; }
commit=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')
if [[ -n $(cd "$ROOT" && git status --porcelain 2>/dev/null) ]]; then commit+=" (with uncommitted changes)"; fi
echo "# artclean vs text tools, ${SIZE} MiB corpus"
echo
echo "- $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit, $(go version | cut -d' ' -f3-)"
echo "- CPU: $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo '?'), $(nproc) cores; load average at start: $(load)"
versions="$(perl -e 'printf "perl %vd", $^V'), $(sed --version | head -1), $(jq --version), $(python3 --version)"
if ((HYPERFINE)); then versions+=", $(hyperfine --version)"; fi
echo "- $versions"
timer=/usr/bin/time
if ((HYPERFINE)); then timer=hyperfine; fi
echo "- timing: $timer, $RUNS runs after one warm-up run (one run only when it takes over ${SLOW_SECS}s), each command run by bash from a script; output to /dev/null; peak RSS of the largest process, from GNU time"
echo "- artclean: \`${ART_CMD% }\` with all its default rules ($("$OUT/artclean" rules 2>/dev/null | tail -n +2 | grep -c ' on ' || echo '?') rules and filters on); the baselines are the byte-oriented one-liners users write (bench/base_perl.sh, bench/base_sed.sh: four rules on bytes); perl -CSD, jq and Python run artclean's Polish seed rules (bench/equiv/: ad markers, teasers, leading date, date lines, spaces), without NFC, the other packs and the other rule kinds"

# --- text ------------------------------------------------------------------
TEXT=$(corpus "$SIZE" text)
JSONL=$(corpus "$SIZE" jsonl)
TBYTES=$(stat -c %s "$TEXT")
JBYTES=$(stat -c %s "$JSONL")
Q=$(printf '%q' "$TEXT")
JQ=$(printf '%q' "$JSONL")

# text_cmd TOOL FILE prints the shell command that runs TOOL on FILE.
text_cmd() {
	local q
	q=$(printf '%q' "$2")
	case $1 in
	artclean) printf '%s' "$ART_CMD$q" ;;
	pipe) printf '%s' "cat $q | ${ART_CMD% }" ;;
	j1) printf '%s' "$ART_CMD-j 1 $q" ;;
	perl) printf '%s' "sh $(printf '%q' "$BASE_PERL") $q" ;;
	sed) printf '%s' "sh $(printf '%q' "$BASE_SED") $q" ;;
	perlu) printf '%s' "perl -CSD -Mutf8 -00 -n $(printf '%q' "$EQ/clean.pl") $q" ;;
	cat) printf '%s' "cat $q | cat" ;;
	esac
}
text_tools=(artclean pipe j1 perl sed perlu cat)
declare -A TEXT_LABEL=(
	[artclean]="artclean (default -j: all cores)"
	[pipe]="cat FILE \| artclean (all cores)"
	[j1]="artclean -j 1 (one core)"
	[perl]="base_perl.sh: perl -00 -ne, bytes (baseline)"
	[sed]="base_sed.sh: sed -E \| cat -s, bytes (baseline)"
	[perlu]="perl -CSD -Mutf8 -00 (seed rules, Unicode)"
	[cat]="cat FILE \| cat (pipe limit)"
)

echo
echo "## Text: one $(mib $((TBYTES / 1024))) file ($(basename "$TEXT"))"
echo
declare -A T_MEAN T_SD T_RUNS T_RSS T_CPU
for t in "${text_tools[@]}"; do
	note "timing $t on the text corpus"
	keep=1
	[[ $t == cat ]] && keep=0
	measure "text-$t" "$(text_cmd "$t" "$TEXT")" "$TEXT" "$keep"
	T_MEAN[$t]=$MEAN T_SD[$t]=$SD T_RUNS[$t]=$NRUNS T_RSS[$t]=$RSS T_CPU[$t]=$CPU
	SPEED[$t@$SIZE]=$(mibps "$TBYTES" "$MEAN")
	MEM[$t@$SIZE]=$RSS
	CPUS[$t@$SIZE]=$(mibps "$TBYTES" "$CPU")
done
echo "| tool | MiB/s | artclean ÷ tool | peak RSS | time (s) | runs | CPU (s) | MiB per CPU s | output |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
for t in "${text_tools[@]}"; do
	speed=$(mibps "$TBYTES" "${T_MEAN[$t]}")
	r=$(ratio "${T_MEAN[$t]}" "${T_MEAN[artclean]}")
	out='—'
	case $t in
	artclean) out="$(mib $(($(stat -c %s "$OUT/out-text-artclean") / 1024)))" ;;
	cat) out='(copy)' ;;
	*) out="$(same "$OUT/out-text-artclean" "$OUT/out-text-$t")" ;;
	esac
	printf '| %s | %s | %s | %s | %.3f ± %.3f | %s | %s | %s | %s |\n' "${TEXT_LABEL[$t]}" "$speed" "$r" \
		"$(mib "${T_RSS[$t]}")" "${T_MEAN[$t]}" "${T_SD[$t]}" "${T_RUNS[$t]}" "${T_CPU[$t]}" \
		"$(mibps "$TBYTES" "${T_CPU[$t]}")" "$out"
done
echo
echo "artclean ÷ tool is artclean's throughput (from the file) divided by the tool's: above 1×"
echo "artclean is faster. Against the targets: artclean ÷ base_perl.sh $(ratio "${T_MEAN[perl]}" "${T_MEAN[artclean]}") from the"
echo "file, $(ratio "${T_MEAN[perl]}" "${T_MEAN[pipe]}") through the pipe (target 2×); artclean ÷ cat \\| cat $(ratio "${T_MEAN[cat]}" "${T_MEAN[artclean]}") from the file,"
echo "$(ratio "${T_MEAN[cat]}" "${T_MEAN[pipe]}") through the pipe (target 0.60×)."
echo "CPU (s) is user + system time of all the command's processes in its first run; MiB per CPU s"
echo "is less disturbed than wall time when other work shares the machine."
echo "Output compares each tool's output with artclean's. The byte-oriented one-liners run four"
echo "rules on bytes: they keep what artclean's other rules and its character tier change, and"
echo "perl -00 keeps the blank lines it reads; the Unicode-aware perl runs artclean's Polish seed"
echo "rules (bench/equiv/), without NFC, the other packs and the other rule kinds."

# --- JSONL -----------------------------------------------------------------
# The same records as Python's json.dumps writes them: ASCII, with \uXXXX
# escapes for every other character, \" and \n.
ASCII=$OUT/$(basename "$JSONL" .jsonl)-ascii.jsonl
astamp="$(sha256sum <"$JSONL" | cut -c1-16) ascii"
if [[ ! -s $ASCII || ! -r $ASCII.stamp || $(<"$ASCII.stamp") != "$astamp" ]]; then
	note "writing $(basename "$ASCII") with json.dumps"
	python3 -c 'import json, sys
for line in sys.stdin:
    sys.stdout.write(json.dumps(json.loads(line)) + "\n")' <"$JSONL" >"$ASCII" || die "python3 failed to write $ASCII"
	printf '%s\n' "$astamp" >"$ASCII.stamp"
fi
ABYTES=$(stat -c %s "$ASCII")
AQ=$(printf '%q' "$ASCII")

jsonl_tools=(artclean ascii jq python cat)
declare -A JSONL_CMD=(
	[artclean]="$ART_CMD--jsonl $JQ"
	[ascii]="$ART_CMD--jsonl $AQ"
	[jq]="jq -c -f $(printf '%q' "$EQ/clean.jq") $JQ"
	[python]="python3 $(printf '%q' "$EQ/clean_jsonl.py") <$JQ"
	[cat]="cat $JQ | cat"
)
declare -A JSONL_LABEL=(
	[artclean]="artclean --jsonl, raw UTF-8"
	[ascii]="artclean --jsonl, json.dumps escapes"
	[jq]="jq -c (seed rules)"
	[python]="python3 json+re (seed rules)"
	[cat]="cat FILE \| cat (pipe limit)"
)
ART_JSONL=0
head -n 3 "$JSONL" >"$OUT/probe.jsonl"
if "${ART[@]}" --jsonl "$OUT/probe.jsonl" >/dev/null 2>&1; then
	ART_JSONL=1
else
	note "artclean --jsonl failed on a 3-record probe: its JSONL row is n/a"
fi
rm -f "$OUT/probe.jsonl"

echo
echo "## JSON Lines: one $(mib $((JBYTES / 1024))) file ($(basename "$JSONL")), a document per record"
echo
declare -A J_MEAN J_SD J_RUNS J_RSS J_CPU J_BYTES
for t in "${jsonl_tools[@]}"; do
	[[ ($t == artclean || $t == ascii) && $ART_JSONL == 0 ]] && continue
	note "timing $t on the JSONL corpus"
	keep=1
	[[ $t == cat || $t == ascii ]] && keep=0
	measure "jsonl-$t" "${JSONL_CMD[$t]}" "$JSONL" "$keep"
	J_MEAN[$t]=$MEAN J_SD[$t]=$SD J_RUNS[$t]=$NRUNS J_RSS[$t]=$RSS J_CPU[$t]=$CPU
done
# Outputs are compared with artclean's, or with Python's without artclean.
ref=python
((ART_JSONL)) && ref=artclean
echo "| tool | MiB/s | artclean ÷ tool | peak RSS | time (s) | runs | CPU (s) | MiB per CPU s | output vs $ref |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
for t in "${jsonl_tools[@]}"; do
	bytes=$JBYTES
	[[ $t == ascii ]] && bytes=$ABYTES
	if [[ ($t == artclean || $t == ascii) && $ART_JSONL == 0 ]]; then
		printf '| %s | n/a | n/a | n/a | n/a | — | n/a | n/a | — |\n' "${JSONL_LABEL[$t]}"
		continue
	fi
	speed=$(mibps "$bytes" "${J_MEAN[$t]}")
	r=n/a
	((ART_JSONL)) && r=$(ratio "${J_MEAN[$t]}" "${J_MEAN[artclean]}")
	case $t in
	"$ref") out="$(mib $(($(stat -c %s "$OUT/out-jsonl-$t") / 1024)))" ;;
	cat) out='(copy)' ;;
	ascii) out="($(mib $((ABYTES / 1024))) in: keeps its escapes)" ;;
	*) out="$(same "$OUT/out-jsonl-$ref" "$OUT/out-jsonl-$t")" ;;
	esac
	printf '| %s | %s | %s | %s | %.3f ± %.3f | %s | %s | %s | %s |\n' "${JSONL_LABEL[$t]}" "$speed" "$r" \
		"$(mib "${J_RSS[$t]}")" "${J_MEAN[$t]}" "${J_SD[$t]}" "${J_RUNS[$t]}" "${J_CPU[$t]}" \
		"$(mibps "$bytes" "${J_CPU[$t]}")" "$out"
done
if ((ART_JSONL)); then
	tspeed=$(mibps "$TBYTES" "${T_MEAN[artclean]}")
	echo
	jr=$(awk -v j="$(mibps "$JBYTES" "${J_MEAN[artclean]}")" -v t="$tspeed" 'BEGIN { printf "%.2f×", j / t }')
	ar=$(awk -v j="$(mibps "$ABYTES" "${J_MEAN[ascii]}")" -v t="$tspeed" 'BEGIN { printf "%.2f×", j / t }')
	echo "Against artclean's own text throughput ($tspeed MiB/s; target 0.80×, MiB of the file per"
	echo "second each): raw UTF-8 records $jr, json.dumps records $ar."
fi
rm -f "$OUT"/out-text-* "$OUT"/out-jsonl-*

# --- start-up ----------------------------------------------------------------
echo
echo "## Start-up"
echo
if ((HYPERFINE)); then
	note "timing start-up"
	hyperfine -N --style none --warmup 10 --runs "$STARTUP_RUNS" --export-json "$OUT/hyperfine-startup.json" \
		"$OUT/artclean /dev/null" "perl -e 1" >/dev/null 2>"$OUT/hyperfine-startup.log" ||
		die "hyperfine failed on start-up (see $OUT/hyperfine-startup.log)"
	echo "| command | mean (ms) | median (ms) | min (ms) | runs |"
	echo "|---|---:|---:|---:|---:|"
	jq -r '.results[] | "| `\(.command | sub(".*/artclean"; "artclean"))` | \(.mean * 1000 * 100 | round / 100) ± \(.stddev * 1000 * 100 | round / 100) | \(.median * 1000 * 100 | round / 100) | \(.min * 1000 * 100 | round / 100) | \(.times | length) |"' \
		"$OUT/hyperfine-startup.json"
	echo
	echo "Target: artclean /dev/null within 3 ms."
else
	echo "(needs hyperfine)"
fi

# --- small files -------------------------------------------------------------
# measure_prep NAME PREP CMD times CMD with PREP run before every run (not
# timed) and sets MEAN, SD, NRUNS, RSS and CPU as measure does.
measure_prep() {
	local name=$1 prep=$2 cmd=$3 script tf usr sys wall
	script=$OUT/cmd-$name.sh
	printf '%s\n' "$cmd" >"$script"
	printf '%s\n' "$prep" >"$OUT/prep-$name.sh"
	bash "$OUT/prep-$name.sh" || die "$name: preparing failed: $prep"
	tf=$(mktemp)
	/usr/bin/time -f '%e %M %U %S' -o "$tf" bash "$script" >/dev/null || { rm -f "$tf"; die "$name failed: $cmd"; }
	read -r wall RSS usr sys <"$tf"
	CPU=$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	rm -f "$tf"
	if ((HYPERFINE)); then
		hyperfine -N --style none --warmup 0 --runs "$RUNS" --prepare "bash '$OUT/prep-$name.sh'" \
			--export-json "$OUT/hyperfine-$name.json" "bash '$script'" >/dev/null 2>"$OUT/hyperfine-$name.log" ||
			die "hyperfine failed on $name (see $OUT/hyperfine-$name.log)"
		read -r MEAN SD NRUNS < <(jq -r '.results[0] | "\(.mean) \(.stddev // 0) \(.times | length)"' "$OUT/hyperfine-$name.json")
	else
		time_runs "$name" "$script" "$cmd" "$OUT/prep-$name.sh"
	fi
}

if ((SMALL)); then
	SBASE=$OUT
	[[ -d /dev/shm && -w /dev/shm ]] && SBASE=/dev/shm
	S=$(mktemp -d "$SBASE/artclean-small.XXXXXX")
	trap 'rm -rf "$S"' EXIT
	note "generating ${SMALL_MIB} MiB of small files under $S"
	# 258 MiB of 13 KiB articles: about 20,200 files of 2 to 20 KB.
	"$OUT/gencorpus" -size "${SMALL_MIB}MiB" -article 13KiB -format dir -seed "$SEED" -out "$S/tree" || die "gencorpus failed"
	NFILES=$(find "$S/tree" -type f | wc -l)
	SBYTES=$(du -sb "$S/tree" | cut -f1)
	SQ=$(printf '%q' "$S")
	AC=$(printf '%q' "$OUT/artclean")
	small_tools=(j1 j2 inplace perl)
	declare -A SMALL_PREP=(
		[j1]="rm -rf $SQ/out"
		[j2]="rm -rf $SQ/out"
		[inplace]="rm -rf $SQ/work && cp -r $SQ/tree $SQ/work"
		[perl]="rm -rf $SQ/work && cp -r $SQ/tree $SQ/work"
	)
	declare -A SMALL_CMD=(
		[j1]="$AC --quiet -r $SQ/tree -o $SQ/out -j 1"
		[j2]="$AC --quiet -r $SQ/tree -o $SQ/out -j 2"
		[inplace]="$AC --quiet -r -i $SQ/work -j 2"
		[perl]="find $SQ/work -type f -name '*.txt' -print0 | xargs -0 -P2 -n 100 perl -i -00 -ne $(printf '%q' "$PERL_PROG")"
	)
	declare -A SMALL_LABEL=(
		[j1]="artclean -r -o, -j 1"
		[j2]="artclean -r -o, -j 2"
		[inplace]="artclean -r -i, -j 2"
		[perl]="find \| xargs -0 -P2 -n 100 perl -i -00 (base_perl.sh's rules)"
	)
	declare -A S_MEAN S_SD S_RUNS S_RSS S_CPU
	for t in "${small_tools[@]}"; do
		note "timing $t on the small files"
		measure_prep "small-$t" "${SMALL_PREP[$t]}" "${SMALL_CMD[$t]}"
		S_MEAN[$t]=$MEAN S_SD[$t]=$SD S_RUNS[$t]=$NRUNS S_RSS[$t]=$RSS S_CPU[$t]=$CPU
		[[ $t == inplace ]] && { diff -rq "$S/out" "$S/work" >/dev/null || note "-i and -o outputs differ"; }
	done
	echo
	echo "## Small files: $NFILES files, $(mib $((SBYTES / 1024))), in a tree on $(df -PT "$S" | awk 'NR == 2 { print $2 }')"
	echo
	echo "| command | time (s) | files/s | µs per file | CPU (s) | peak RSS | runs | vs -j 1 | artclean ÷ perl |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
	for t in "${small_tools[@]}"; do
		vs=—
		[[ $t != perl ]] && vs=$(ratio "${S_MEAN[j1]}" "${S_MEAN[$t]}")
		vp=—
		[[ $t != perl ]] && vp=$(ratio "${S_MEAN[perl]}" "${S_MEAN[$t]}")
		printf '| %s | %.3f ± %.3f | %s | %s | %s | %s | %s | %s | %s |\n' "${SMALL_LABEL[$t]}" "${S_MEAN[$t]}" "${S_SD[$t]}" \
			"$(awk -v n="$NFILES" -v t="${S_MEAN[$t]}" 'BEGIN { printf "%d", n / t }')" \
			"$(awk -v n="$NFILES" -v t="${S_MEAN[$t]}" 'BEGIN { printf "%.0f", t / n * 1e6 }')" \
			"${S_CPU[$t]}" "$(mib "${S_RSS[$t]}")" "${S_RUNS[$t]}" "$vs" "$vp"
	done
	echo
	echo "Targets: -j 2 at least 1.8× -j 1, and at least 1.5× faster than perl -i. µs per file is the"
	echo "wall time over the file count, cleaning included; the -i runs start from a fresh copy each."
	rm -rf "$S"
fi

# --- throughput against size -------------------------------------------------
sizes=(10 100)
((LARGE)) && sizes+=(1024)
echo
echo "## Throughput against corpus size (text)"
echo
for s in "${sizes[@]}"; do
	[[ -n ${SPEED[artclean@$s]:-} ]] && continue
	f=$(corpus "$s" text)
	b=$(stat -c %s "$f")
	for t in artclean perl sed cat; do
		note "timing $t on $s MiB"
		measure "size$s-$t" "$(text_cmd "$t" "$f")" "$f"
		SPEED[$t@$s]=$(mibps "$b" "$MEAN")
		MEM[$t@$s]=$RSS
		CPUS[$t@$s]=$(mibps "$b" "$CPU")
	done
done
printf '| size | artclean MiB/s | artclean MiB per CPU s | artclean peak RSS | base_perl.sh MiB/s | base_sed.sh MiB/s | cat \\| cat MiB/s |\n'
echo "|---:|---:|---:|---:|---:|---:|---:|"
for s in "${sizes[@]}"; do
	label="$s MiB"
	((s == 1024)) && label="1 GiB"
	printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" "${SPEED[artclean@$s]}" "${CPUS[artclean@$s]}" "$(mib "${MEM[artclean@$s]}")" \
		"${SPEED[perl@$s]}" "${SPEED[sed@$s]}" "${SPEED[cat@$s]}"
done
if ((!LARGE)); then
	echo
	echo "(1 GiB only with --large.)"
fi
echo
echo "Load average at the end: $(load). Report saved as bench/out/$(basename "$REPORT")."
exec >&-
wait "$TEE_PID" 2>/dev/null || true
