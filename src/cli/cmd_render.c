/*
 * setara render: not built yet (see the open issues).
 */
#include "cli.h"

int cmd_render(cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	cli_warn("'render' is not available in this build yet");
	return EXIT_INTERNAL;
}
