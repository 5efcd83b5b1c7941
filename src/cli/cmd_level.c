/*
 * setara level: not built yet (see the open issues).
 */
#include "cli.h"

int cmd_level(cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	cli_warn("'level' is not available in this build yet");
	return EXIT_INTERNAL;
}
