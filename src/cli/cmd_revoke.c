/*
 * setara revoke: revoke an issued document (permanent), suspend it, or
 * lift a suspension.  The change shows in the next published status list.
 */
#include <string.h>

#include "cli.h"
#include "util/util.h"

static const cli_opt opts[] = {
	{ "reason", 'r', "TEXT", "why (required; kept in the register)" },
	{ "suspend", 0, NULL, "suspend instead of revoking (reversible)" },
	{ "lift", 0, NULL, "lift a suspension" },
	{ NULL, 0, NULL, NULL }
};

static const cli_cmd revoke_cmd = {
	"revoke", cmd_revoke,
	"Revoke an issued document (permanent), suspend it (--suspend), or\n"
	"lift its suspension (--lift).  The register records the reason and\n"
	"time; verifiers see the change in the next status list published\n"
	"with 'setara status publish'.",
	"revoke ID --reason TEXT [--suspend | --lift]", opts, NULL
};

int cmd_revoke(cli *c, int argc, char **argv)
{
	setara_store *st;
	setara_buf b = SETARA_BUF_INIT;
	setara__json j;
	cli_parser p;
	const char *reason = NULL, *action = "revoke", *done_word;
	int r, rc = EXIT_OK, error;

	if (cli_parser_init(&p, c, &revoke_cmd, argc, argv) < 0)
		return EXIT_INTERNAL;
	while ((r = cli_next(&p)) >= 0) {
		if (r == 0)
			reason = p.arg;
		else if (r == 1)
			action = "suspend";
		else if (r == 2)
			action = "lift";
	}
	if (cli_args_done(&p, r, -1, &rc))
		goto done;
	if (p.npos != 1) {
		rc = cli_usage_error(&revoke_cmd, p.npos ? "one document id, "
			"please" : "which document? (its id, urn:uuid:...)");
		goto done;
	}
	if (reason == NULL || *reason == '\0') {
		rc = cli_usage_error(&revoke_cmd, "--reason is required");
		goto done;
	}
	if (cli_store(c, &st) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	if (strcmp(action, "revoke") == 0) {
		error = setara_register_revoke(st, p.pos[0], reason);
		done_word = "revoked";
	} else if (strcmp(action, "suspend") == 0) {
		error = setara_register_suspend(st, p.pos[0], reason);
		done_word = "suspended";
	} else {
		error = setara_register_reinstate(st, p.pos[0], reason);
		done_word = "active";
	}
	if (error < 0) {
		rc = cli_fail(c);
		goto done;
	}
	if (c->json) {
		setara__json_init(&j, &b, 1);
		setara__json_obj_open(&j, NULL);
		setara__json_int(&j, "version", 1);
		setara__json_str(&j, "id", p.pos[0]);
		setara__json_str(&j, "status", done_word);
		setara__json_str(&j, "reason", reason);
		setara__json_obj_close(&j);
		if (setara__json_error(&j) < 0 || cli_json_print(&b) < 0)
			rc = cli_fail(c);
	} else {
		printf("%s: %s (%s)\n", p.pos[0], done_word, reason);
		if (!c->quiet)
			cli_warn("publish the status list again "
				"('setara status publish') for verifiers to "
				"see it");
	}
done:
	setara_buf_dispose(&b);
	cli_parser_dispose(&p);
	return rc;
}
