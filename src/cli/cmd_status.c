/*
 * setara status: not built yet (see the open issues).
 */
#include "cli.h"

int cmd_status(cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	cli_warn("'status' is not available in this build yet");
	return EXIT_INTERNAL;
}
