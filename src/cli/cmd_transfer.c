/*
 * setara transfer: not built yet (see the open issues).
 */
#include "cli.h"

int cmd_transfer(cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	cli_warn("'transfer' is not available in this build yet");
	return EXIT_INTERNAL;
}
