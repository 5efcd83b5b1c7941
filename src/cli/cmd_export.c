/*
 * setara export: not built yet (see the open issues).
 */
#include "cli.h"

int cmd_export(cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	cli_warn("'export' is not available in this build yet");
	return EXIT_INTERNAL;
}
