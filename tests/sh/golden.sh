#!/bin/sh
# Golden query tests: every tests/golden/*.test file loads its fixtures
# into a fresh database and runs its cases, comparing output exactly.
#
# File format (one file per group of cases, like jq's tests/jq.test):
#   # comment                  (between cases)
#   @load FILE                 load tests/golden/fixtures/FILE (before the first case)
#   % OPTIONS                  options for `zhitu query` for the next case (default: tsv)
#   > QUERY LINE               the query; several '>' lines make a multi-line query
#   expected output ...        up to the next blank line or end of file
# A carriage return at the end of an output line is written "^M".
# When the expected output starts with "error: " the case must fail (non-zero
# exit) and its standard error is compared; otherwise it must succeed with
# nothing on standard error and its standard output is compared.
#
# Prints "ok golden/FILE:LINE" or "FAIL golden/FILE:LINE" with a diff.
# Run from the repository root; ZHITU names the binary (default ./zhitu).
set -u
zhitu=${ZHITU:-./zhitu}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export LC_ALL=C.UTF-8 TZ=UTC

for test in tests/golden/*.test; do
	[ -f "$test" ] || continue
	base=$(basename "$test" .test)
	dir="$tmp/$base"
	mkdir -p "$dir/cases"
	# Split the file into cases: NNN.line, NNN.opts, NNN.query, NNN.expect.
	awk -v dir="$dir" '
		function flush() {
			if (n > 0 && state == "expect") close(dir "/cases/" sprintf("%04d", n) ".expect")
			state = ""
		}
		BEGIN { n = 0; state = ""; opts = "" }
		/^@load / { if (state == "") { print substr($0, 7) >> (dir "/loads"); next } }
		/^% / { if (state == "" || state == "expect") { flush(); opts = substr($0, 3); next } }
		/^> / || /^>$/ {
			if (state != "query") {
				flush(); n++; state = "query"
				id = sprintf("%04d", n)
				print NR > (dir "/cases/" id ".line"); close(dir "/cases/" id ".line")
				printf "%s", opts > (dir "/cases/" id ".opts"); close(dir "/cases/" id ".opts")
				opts = ""
				printf "" > (dir "/cases/" id ".query")
				printf "" > (dir "/cases/" id ".expect")
			} else {
				printf "\n" >> (dir "/cases/" id ".query")
			}
			printf "%s", substr($0, 3) >> (dir "/cases/" id ".query")
			next
		}
		/^$/ { if (state == "query" || state == "expect") { close(dir "/cases/" id ".query"); flush() } next }
		/^#/ { if (state == "") next }
		{
			if (state == "query") { close(dir "/cases/" id ".query"); state = "expect" }
			if (state == "expect") print >> (dir "/cases/" id ".expect")
		}
	' "$test"
	db="$dir/db"
	loadok=1
	if [ -f "$dir/loads" ]; then
		while read -r fixture; do
			if ! "$zhitu" --db "$db" load --quiet "tests/golden/fixtures/$fixture" >"$dir/load.out" 2>&1; then
				echo "FAIL golden/$base: loading $fixture failed:"
				sed 's/^/    /' "$dir/load.out"
				loadok=0
			fi
		done <"$dir/loads"
	fi
	[ "$loadok" -eq 1 ] || continue
	for q in "$dir"/cases/*.query; do
		[ -f "$q" ] || continue
		id=${q%.query}
		line=$(cat "$id.line")
		opts=$(cat "$id.opts")
		[ -n "$opts" ] || opts="--format tsv"
		# shellcheck disable=SC2086
		"$zhitu" --db "$db" query $opts "$(cat "$q")" >"$id.raw" 2>"$id.err"
		rc=$?
		# a carriage return (CSV ends lines with CRLF) is written ^M in the files
		sed 's/\r$/^M/' "$id.raw" >"$id.out"
		if head -n 1 "$id.expect" | grep -q '^error: '; then
			if [ "$rc" -ne 0 ] && cmp -s "$id.expect" "$id.err"; then
				echo "ok golden/$base.test:$line"
			else
				echo "FAIL golden/$base.test:$line (exit $rc; expected a failure with this message)"
				diff "$id.expect" "$id.err" | sed 's/^/    /'
			fi
		else
			if [ "$rc" -eq 0 ] && [ ! -s "$id.err" ] && cmp -s "$id.expect" "$id.out"; then
				echo "ok golden/$base.test:$line"
			else
				echo "FAIL golden/$base.test:$line (exit $rc)"
				sed 's/^/    stderr: /' "$id.err"
				diff "$id.expect" "$id.out" | sed 's/^/    /'
			fi
		fi
	done
done
exit 0
