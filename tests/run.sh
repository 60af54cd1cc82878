#!/bin/sh
# Run every test: the Check unit suites (build/tests/test_*), then every
# shell test script tests/sh/*.sh (each prints "ok NAME" or "FAIL NAME"
# lines), and print one closing line "N passed, N failed".
# Usage: tests/run.sh BUILD_DIR
set -u
build=${1:-build}
export LC_ALL=C.UTF-8 TZ=UTC ZHITU_TEST_BUILD="$build"
# Shared, noisy machines: a slow run must not fail a test (speed is measured
# in `make bench`, never here).
export CK_DEFAULT_TIMEOUT=${CK_DEFAULT_TIMEOUT:-300}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
passed=0 failed=0
log=$(mktemp)
for t in "$build"/tests/test_*; do
	[ -x "$t" ] || continue
	"$t" >"$log" 2>&1
	rc=$?
	cat "$log"
	line=$(grep -E '^[0-9]+%: Checks: [0-9]+, Failures: [0-9]+, Errors: [0-9]+' "$log" | tail -n 1)
	if [ -n "$line" ]; then
		n=$(echo "$line" | sed -E 's/.*Checks: ([0-9]+).*/\1/')
		f=$(echo "$line" | sed -E 's/.*Failures: ([0-9]+).*/\1/')
		e=$(echo "$line" | sed -E 's/.*Errors: ([0-9]+).*/\1/')
		passed=$((passed + n - f - e)); failed=$((failed + f + e))
	else
		echo "FAIL $(basename "$t"): no Check summary (exit $rc)"
		failed=$((failed + 1))
	fi
done
for s in tests/sh/*.sh; do
	[ -f "$s" ] || continue
	sh "$s" >"$log" 2>&1
	rc=$?
	cat "$log"
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^FAIL ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL $(basename "$s"): exited $rc"
		f=1
	fi
	passed=$((passed + p)); failed=$((failed + f))
done
rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
