#!/bin/sh
# Build and run the store's bulk-load benchmark: tests/perf/run.sh [N] [DIR]
set -eu
cd "$(dirname "$0")/../.."
make -s libzhitu.a
mkdir -p build/perf
cc -O2 -g -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I. -o build/perf/store_bench \
	tests/perf/store_bench.c libzhitu.a $(pkg-config --libs lmdb libutf8proc libxxhash) -lm -pthread
exec build/perf/store_bench "$@"
