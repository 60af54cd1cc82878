#!/bin/sh
# Replay every fuzz target's seed corpus and every kept finding
# (tests/fuzz/NAME/seed, tests/fuzz/NAME/regress) through the target built
# as a plain program (BUILD/fuzzrun/fuzz_NAME, tests/fuzz/standalone.c).
# A finding stays here once fixed, so it cannot come back unnoticed; under
# `make test-asan` the replay runs with the sanitizers.
. tests/sh/rel.inc
found=0
for src in tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	short=${name#fuzz_}
	bin=$BUILD/fuzzrun/$name
	found=1
	if [ ! -x "$bin" ]; then
		fail "fuzz-regress-$short" "$bin is not built (make test builds it)"
		continue
	fi
	for set in seed regress; do
		d=tests/fuzz/$short/$set
		[ -d "$d" ] || continue
		n=$(find "$d" -type f | wc -l)
		[ "$n" -gt 0 ] || continue
		bounded 300 /dev/null "$T/out" "$T/err" "$bin" "$d"
		if [ "$BSTATUS" = 0 ]; then
			ok "fuzz-$set-$short" "$n inputs, ${BSECS}s"
		else
			fail "fuzz-$set-$short" "exit $BSTATUS: $(grep -m 3 -E 'contract broken|ERROR|runtime error|differs' "$T/err" | tr '\n' ' ')"
		fi
	done
done
[ $found = 1 ] || fail fuzz-regress "no fuzz targets under tests/fuzz"
exit 0
