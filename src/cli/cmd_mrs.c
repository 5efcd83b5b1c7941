/*
 * setara mrs: not built yet (see the open issues).
 */
#include "cli.h"

int cmd_mrs(cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	cli_warn("'mrs' is not available in this build yet");
	return EXIT_INTERNAL;
}
