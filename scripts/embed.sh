#!/bin/sh
# Write an assembler file that compiles every file named on the command
# line into the binary, with a table {name, data, length} ending in zeros.
# Used by the Makefile for data/*.tsv (see store/embedded.h).
set -eu
out=$1; shift
{
	echo '	.section .data.rel.ro,"aw"'
	echo '	.balign 8'
	echo '	.globl zt_embedded_table'
	echo 'zt_embedded_table:'
	i=0
	for f in "$@"; do
		echo "	.quad zt_embed_name$i, zt_embed_data$i, zt_embed_end$i - zt_embed_data$i"
		i=$((i + 1))
	done
	echo '	.quad 0, 0, 0'
	echo '	.section .rodata'
	i=0
	for f in "$@"; do
		echo "zt_embed_name$i: .asciz \"$(basename "$f")\""
		echo "zt_embed_data$i: .incbin \"$f\""
		echo "zt_embed_end$i: .byte 0"
		i=$((i + 1))
	done
	echo '	.section .note.GNU-stack,"",@progbits'
} >"$out"
