#!/bin/sh
# Run each libFuzzer target for a bounded time (used by `make fuzz`).
#
#   scripts/fuzz.sh BUILD SECONDS [NAME...]
#
# BUILD/fuzz/fuzz_NAME are the targets (built by `make fuzz`); NAME
# defaults to every one.  Each run starts from the committed seeds
# (tests/fuzz/NAME/seed) and kept findings (tests/fuzz/NAME/regress) plus
# the working corpus BUILD/corpus/NAME, which grows between runs and is
# not committed.  A crash, leak, sanitizer report or timeout leaves its
# input in BUILD/artifacts/NAME/; copy it to tests/fuzz/NAME/regress/
# once fixed so that `make test` replays it.  Runs are niced: the fuzzers
# share the machine.  Prints one line per target and exits non-zero when
# any target found something.
#
# FUZZ_KEEP_GOING=1 runs libFuzzer in fork mode and carries on after a
# finding (for long runs that should collect every finding, not the first).
set -u
build=${1:?usage: scripts/fuzz.sh BUILD SECONDS [NAME...]}
secs=${2:?usage: scripts/fuzz.sh BUILD SECONDS [NAME...]}
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
export LC_ALL=C.UTF-8 TZ=UTC
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

if [ $# -eq 0 ]; then
	for b in "$build"/fuzz/fuzz_*; do
		[ -x "$b" ] && set -- "$@" "$(basename "$b" | sed 's/^fuzz_//')"
	done
fi
[ $# -gt 0 ] || { echo "fuzz: no targets in $build/fuzz (run make fuzz)"; exit 1; }

status=0
for name in "$@"; do
	bin=$build/fuzz/fuzz_$name
	[ -x "$bin" ] || { echo "fuzz $name: $bin not built"; status=1; continue; }
	corpus=$build/corpus/$name
	art=$build/artifacts/$name
	mkdir -p "$corpus" "$art" "tests/fuzz/$name/seed" "tests/fuzz/$name/regress"
	dict=
	[ -f "tests/fuzz/$name.dict" ] && dict=-dict=tests/fuzz/$name.dict
	log=$build/fuzz-$name.log
	# -timeout: one input running this long is a finding (a hang);
	# -rss_limit_mb / -malloc_limit_mb: an input that needs this much
	# memory is a finding (unbounded growth).
	keep=
	[ "${FUZZ_KEEP_GOING:-0}" = 1 ] && keep="-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
	# shellcheck disable=SC2086
	nice -n 10 "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-malloc_limit_mb=1024 -max_len=65536 -print_final_stats=1 \
		-artifact_prefix="$art/" $dict $keep \
		"$corpus" "tests/fuzz/$name/seed" "tests/fuzz/$name/regress" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	# fork mode prints no final stats: take the last "#N" progress line
	[ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9][0-9]*\)[: ].*/\1/p' "$log" | tail -n 1)
	found=$(find "$art" -type f | wc -l)
	size=$(find "$corpus" -type f | wc -l)
	echo "fuzz $name: ${execs:-?} executions in ${secs}s, corpus $size inputs, $found findings in $art (exit $rc, log $log)"
	if [ "$rc" -ne 0 ] || [ "$found" -gt 0 ]; then
		grep -m 3 -E 'ERROR:|runtime error:|contract broken' "$log"
		status=1
	fi
done
exit $status
