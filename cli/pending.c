/* pending.c — commands whose modules are being written.  Each helper
 * deletes its command from this file when it adds cli/cmd_NAME.c. */
#include <stdio.h>

#include "cli.h"

#define PENDING(name) \
	int zt_cmd_##name(const zt_cli *cli, int argc, char **argv) \
	{ (void)cli; (void)argc; (void)argv; \
	  fprintf(stderr, "zhitu " #name ": not built yet\n"); return 1; }

