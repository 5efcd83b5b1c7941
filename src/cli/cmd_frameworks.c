/*
 * setara frameworks: not built yet (see the open issues).
 */
#include "cli.h"

int cmd_frameworks(cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	cli_warn("'frameworks' is not available in this build yet");
	return EXIT_INTERNAL;
}
