/*
 * setara revoke: not built yet (see the open issues).
 */
#include "cli.h"

int cmd_revoke(cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	cli_warn("'revoke' is not available in this build yet");
	return EXIT_INTERNAL;
}
