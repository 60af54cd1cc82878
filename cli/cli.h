/* cli.h — the command-line front end: shared context and the commands.
 *
 * Only the CLI prints and exits.  Each command is a function
 *   int zt_cmd_NAME(const zt_cli *cli, int argc, char **argv)
 * that gets the arguments after its name (argv[0] is the command name),
 * prints its results to stdout and its errors to stderr as
 * "zhitu NAME: message", and returns the process exit status
 * (0 success, 1 failure, 2 usage error).
 */
#ifndef ZT_CLI_H
#define ZT_CLI_H

#include "../store/store.h"

typedef struct zt_cli {
	const char *db_path;     /* --db, else $ZHITU_DB, else ./zhitu.db */
	const char *prog;        /* "zhitu" */
	int nosync;              /* --nosync: opt-in faster, less durable commits */
	int nowait;              /* --nowait: a second writer fails at once instead of waiting */
} zt_cli;

/* Open the database for the command `cmd` (for messages).  With `write`,
 * create it when absent (and seed the vocabulary, store/schema.h);
 * without, a missing database is an error that says how to make one.
 * Prints the error and returns NULL on failure. */
zt_store *zt_cli_open(const zt_cli *cli, const char *cmd, int write);

/* Print "zhitu CMD: message" for a failed status to stderr; returns 1. */
int zt_cli_error(const char *cmd, zt_status st, const zt_error *err);

int zt_cmd_import(const zt_cli *cli, int argc, char **argv);
int zt_cmd_load(const zt_cli *cli, int argc, char **argv);
int zt_cmd_export(const zt_cli *cli, int argc, char **argv);
int zt_cmd_query(const zt_cli *cli, int argc, char **argv);
int zt_cmd_repl(const zt_cli *cli, int argc, char **argv);
int zt_cmd_check(const zt_cli *cli, int argc, char **argv);
int zt_cmd_stats(const zt_cli *cli, int argc, char **argv);
int zt_cmd_sources(const zt_cli *cli, int argc, char **argv);
int zt_cmd_forget(const zt_cli *cli, int argc, char **argv);

#endif
