/* common.c — opening the database for a command and printing errors. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "../store/schema.h"

int zt_cli_error(const char *cmd, zt_status st, const zt_error *err)
{
	const char *msg = err && err->msg[0] ? err->msg : zt_strerror(st);
	fprintf(stderr, "zhitu %s: %s\n", cmd, msg);
	return 1;
}

zt_store *zt_cli_open(const zt_cli *cli, const char *cmd, int write)
{
	const char *path = cli->db_path && *cli->db_path ? cli->db_path : "zhitu.db";
	struct stat sb;
	if (!write && stat(path, &sb) != 0 && errno == ENOENT) {
		fprintf(stderr, "zhitu %s: no database at '%s'; make one with `zhitu --db %s import FILE` "
		        "(or load N-Triples with `zhitu --db %s load FILE`), or choose another with --db "
		        "or $ZHITU_DB\n", cmd, path, path, path);
		return NULL;
	}
	unsigned flags = write ? ZT_OPEN_CREATE : ZT_OPEN_RDONLY;
	if (cli->nosync)
		flags |= ZT_OPEN_NOSYNC;
	if (cli->nowait)
		flags |= ZT_OPEN_NOWAIT;
	zt_store *st;
	zt_error err;
	zt_error_clear(&err);
	zt_status s = zt_store_open(path, flags, &st, &err);
	if (s != ZT_OK) {
		zt_cli_error(cmd, s, &err);
		return NULL;
	}
	if (write) {
		/* Every database carries the vocabulary; a no-op when current. */
		zt_error_clear(&err);
		s = zt_schema_seed(st, &err);
		if (s != ZT_OK) {
			zt_cli_error(cmd, s, &err);
			zt_store_close(st);
			return NULL;
		}
	}
	return st;
}
