#!/bin/sh
# Crash safety (issue 6): SIGKILL `zhitu import` and `zhitu load` at random
# moments while they work through a multi-file batch, and after every kill
# verify that
#   - `zhitu check` passes (or the kill came before the database existed),
#   - the graph is exactly the reference graph after some whole number of
#     files (every source fully present or absent, in batch order): the
#     reference is built beforehand, one file at a time, without kills,
# then rerun the same batch, killing again, until a run completes; the
# completed graph must equal the reference of the whole batch.
#
# ZHITU_CRASH_KILLS (default 25, so 50 in all; 8 under the sanitizers,
# where every run is several times slower) kills are made for each of
# import and load; ZHITU_CRASH_SEED (default 6) fixes the random moments,
# so a failure can be replayed.  Kill moments are spread over the time a whole batch
# takes, measured first.
. tests/sh/rel.inc
needs crash import load export check

if [ "$SANITIZED" = 1 ]; then KILLS=${ZHITU_CRASH_KILLS:-8}; else KILLS=${ZHITU_CRASH_KILLS:-25}; fi
SEED=${ZHITU_CRASH_SEED:-6}
BAD=$ROOT/tests/bad

# ---- the batches
mkdir -p "$T/docs" "$T/rdf"
# documents: the sample issue and the shared corpus (read in place, never copied
# into the repository), in a fixed order
set -- "$BAD/doc/base.txt"
for f in "$SHARED"/corpus/*; do [ -f "$f" ] && set -- "$@" "$f"; done
DOCS=$*
# RDF: four N-Triples files of 25,000 statements, generated here
"$PY" - "$T/rdf" <<'EOF'
import sys
for k in range(4):
    with open('%s/part%d.nt' % (sys.argv[1], k), 'w') as f:
        for i in range(5000):
            s = '<urn:x:f%d/n%d>' % (k, i)
            f.write('%s <http://www.w3.org/2000/01/rdf-schema#label> "节点 %d-%d"@zh .\n' % (s, k, i))
            f.write('%s <urn:zhitu:p:part_of> <urn:x:f%d/n%d> .\n' % (s, k, (i * 7 + 1) % 5000))
            f.write('%s <urn:zhitu:p:date> "2024-%02d-%02d"^^<http://www.w3.org/2001/XMLSchema#date> .\n' % (s, i % 12 + 1, i % 28 + 1))
            f.write('%s <urn:zhitu:p:amount> "%d USD" .\n' % (s, i * 1000 + k))
            f.write('%s <urn:zhitu:p:part_of> <urn:x:shared/n%d> .\n' % (s, i % 50))
EOF
RDFS="$T/rdf/part0.nt $T/rdf/part1.nt $T/rdf/part2.nt $T/rdf/part3.nt"

now() { "$PY" -c 'import time; print(time.monotonic())'; }

# reference CMD FILES... — build the graph after each prefix of the batch,
# one file per run, and keep each state's digest in $T/ref-CMD.N; also
# time a whole batch on a fresh database (sets FULL, seconds).
reference() {
	_cmd=$1; shift
	_db=$T/ref-$_cmd.db
	rm -rf "$_db"
	_n=0
	# state 0: the database as a run leaves it before its first file is
	# in: the vocabulary alone (an empty file loaded, then forgotten)
	: >"$T/empty.nt"
	zt "$_db" load "$T/empty.nt" >/dev/null 2>&1 || return 1
	zt "$_db" forget empty >/dev/null 2>&1 || return 1
	state "$_db" | sha256sum | cut -c 1-64 >"$T/ref-$_cmd.0"
	for _f; do
		_n=$((_n + 1))
		zt "$_db" "$_cmd" "$_f" >/dev/null 2>&1 || return 1
		state "$_db" | sha256sum | cut -c 1-64 >"$T/ref-$_cmd.$_n"
	done
	NFILES=$_n
	rm -rf "$T/time.db"
	_t0=$(now)
	zt "$T/time.db" "$_cmd" "$@" >/dev/null 2>&1 || return 1
	FULL=$("$PY" -c "print(max(0.05, $(now) - $_t0))")
	# the one-shot batch must reach the same graph as file by file
	[ "$(state "$T/time.db" | sha256sum | cut -c 1-64)" = "$(cat "$T/ref-$_cmd.$_n")" ] || return 2
	return 0
}

# which_state CMD DB — the N whose reference graph DB holds, or "none".
which_state() {
	[ -d "$2" ] || { echo absent; return; }
	state "$2" >"$T/state.nq"
	# a database created but not yet seeded holds nothing: as good as absent
	[ -s "$T/state.nq" ] || { echo empty; return; }
	_h=$(sha256sum <"$T/state.nq" | cut -c 1-64)
	for _r in "$T"/ref-"$1".*; do
		case $_r in *.db) continue ;; esac
		[ "$(cat "$_r")" = "$_h" ] && { echo "${_r##*.}"; return; }
	done
	echo none
}

# campaign CMD FILES... — the kills.
campaign() {
	_cmd=$1; shift
	reference "$_cmd" "$@"
	case $? in
	0) ;;
	2) fail "crash-$_cmd" "one batch run and file-by-file runs give different graphs"; return ;;
	*) fail "crash-$_cmd" "cannot build the reference without kills"; return ;;
	esac
	# random moments in [0, 1.3 * FULL], from a fixed seed
	"$PY" -c "
import random; r = random.Random($SEED)
for _ in range(20 * $KILLS): print('%.4f' % (r.random() * 1.3 * $FULL))" >"$T/delays"
	_kills=0 _rounds=0 _done=0 _bad=0 _seen=
	_db=$T/crash-$_cmd.db
	exec 3<"$T/delays"
	while [ $_kills -lt "$KILLS" ] && [ $_bad -eq 0 ]; do
		_rounds=$((_rounds + 1))
		rm -rf "$_db"
		_runs=0
		while :; do
			_runs=$((_runs + 1))
			read -r _d <&3 || { fail "crash-$_cmd" "ran out of random moments"; _bad=1; break; }
			"$ZHITU" --db "$_db" "$_cmd" "$@" >"$T/run.out" 2>&1 &
			_pid=$!
			sleep "$_d"
			kill -9 $_pid 2>/dev/null
			wait $_pid 2>/dev/null
			_rc=$?
			if [ $_rc -ne 137 ] && [ $_rc -ne 0 ]; then
				fail "crash-$_cmd" "round $_rounds run $_runs: exit $_rc: $(tail -n 3 "$T/run.out" | tr '\n' ' ')"
				_bad=1; break
			fi
			[ $_rc -eq 137 ] && _kills=$((_kills + 1))
			_s=
			if [ -d "$_db" ] && ! checked "$_db"; then
				# Killed while creating the database, before its first
				# commit: a directory without the environment, or an
				# environment without zhitu's tables.  That is no
				# database yet; the rerun (which must complete) creates it.
				if grep -Eq 'no zhitu database in this directory|without zhitu.s tables' "$T/.check.out"; then
					_s=uncreated
				else
					fail "crash-$_cmd" "check fails after a kill at ${_d}s (round $_rounds run $_runs): $(head -n 3 "$T/.check.out" | tr '\n' ' ')"
					_bad=1; break
				fi
			fi
			[ -n "$_s" ] || _s=$(which_state "$_cmd" "$_db")
			if [ "$_s" = none ]; then
				fail "crash-$_cmd" "after a kill at ${_d}s (round $_rounds run $_runs) the graph ($(grep -c '' "$T/state.nq") lines, $(grep -c 'zhitu:schema' "$T/state.nq") of the vocabulary) is not the reference after any whole number of files"
				cp "$T/state.nq" "${TMPDIR:-/tmp}/zhitu-crash-state.nq" 2>/dev/null
				_bad=1; break
			fi
			case " $_seen " in *" $_s "*) ;; *) _seen="$_seen $_s" ;; esac
			if [ $_rc -eq 0 ]; then
				if [ "$_s" != "$NFILES" ]; then
					fail "crash-$_cmd" "a completed rerun left state $_s, not $NFILES (round $_rounds)"
					_bad=1
				fi
				_done=$((_done + 1))
				break
			fi
			[ $_runs -ge 200 ] && { fail "crash-$_cmd" "round $_rounds never completed in 200 runs"; _bad=1; break; }
		done
	done
	exec 3<&-
	[ $_bad -eq 0 ] && ok "crash-$_cmd" "$_kills kills survived over $_rounds rounds of $NFILES files, all $_done reruns completed, states seen:$_seen; batch ${FULL}s"
}

# shellcheck disable=SC2086
campaign import $DOCS
# shellcheck disable=SC2086
campaign load $RDFS
exit 0
