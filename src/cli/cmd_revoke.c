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
	const char *val[3] = { NULL };
	const char *reason, *action = "revoke", *done_word;
	int rc = EXIT_OK, error;

	if (cli_args(&p, c, &revoke_cmd, argc, argv, val, -1, &rc))
		goto done;
	reason = val[0];
	/* --suspend and --lift: the later one counts */
	if (val[1] || val[2])
		action = cli_args_later(&p, val[1], val[2]) ? "suspend" :
			"lift";
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
		cli_json_begin(&j, &b, NULL);
		setara__json_str(&j, "id", p.pos[0]);
		setara__json_str(&j, "status", done_word);
		setara__json_str(&j, "reason", reason);
		if (cli_json_end(&j, &b, 0) < 0)
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
