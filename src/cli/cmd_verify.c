/*
 * setara verify FILE... [--trust DIR] [--status FILE|DIR] [--at TIME]
 *
 * Every check on each document, each reported with its reason, then the
 * overall verdict.  Exit 0 only when every document is valid; 1 when one
 * is invalid or indeterminate; 3 or 4 when an input cannot be used at all
 * (a bad trust directory, a file that cannot be opened).
 */
#include "cli.h"
#include "util/util.h"
#include "cred/cred_api.h"

static const cli_opt opts[] = {
	CLI_OPT_TRUST,
	{ "status", 's', "FILE|DIR", "signed status list(s) to check "
	  "revocation against" },
	CLI_OPT_AT,
	{ NULL, 0, NULL, NULL }
};

static const cli_cmd verify_cmd = {
	"verify", cmd_verify,
	"Run every check on each signed document: format, profile,\n"
	"signature, trust, issuer, validity, status, consistency.  Each is\n"
	"pass, fail or could-not-check with a reason; the document is valid\n"
	"(all pass), invalid (one fails) or indeterminate.  A file whose text\n"
	"starts with '{' is a W3C Verifiable Credential (JSON, Data\n"
	"Integrity proof; docs/vc.md), anything else an XML document.",
	"verify FILE... [--trust DIR] [--status FILE|DIR] [--at TIME]",
	opts,
	"A check that cannot be made (no trust store, a status list that is\n"
	"missing, unsigned, expired or another issuer's) is could-not-check,\n"
	"never pass.  --json prints one object per document per line.\n"
};

static int print_json(const setara_verdict *v)
{
	setara_buf b = SETARA_BUF_INIT;
	setara__json j;
	int error;

	setara__json_init(&j, &b, 0);
	setara_cred__verdict_report_json(&j, v);
	error = setara__json_error(&j);
	if (error == 0)
		error = cli_json_print(&b);
	setara_buf_dispose(&b);
	return error;
}

static void print_text(const setara_verdict *v)
{
	const char *reason, *id = setara_verdict_id(v),
		*type = setara_verdict_type(v),
		*issuer = setara_verdict_issuer(v);
	int k;

	printf("%s: %s", setara_verdict_file(v),
		setara_cred_result_name(setara_verdict_result(v)));
	if (type)
		printf(" (%s%s%s%s%s)", type, id ? " " : "", id ? id : "",
			issuer ? ", issuer " : "", issuer ? issuer : "");
	putchar('\n');
	for (k = 0; k < SETARA_CHECK_COUNT; k++) {
		setara_check_status st = setara_verdict_check(v,
			(setara_check)k, &reason);

		printf("  %-12s %-16s %s\n",
			setara_cred_check_name((setara_check)k),
			setara_cred_check_status_name(st),
			reason ? reason : "");
	}
}

/*
 * One file: a W3C Verifiable Credential when its text starts with "{"
 * (setara_vc_verify(): JSON the loader refuses is an error, exit 3),
 * otherwise an XML document.
 */
static int verify_one(setara_verdict **v, setara_verifier *vf,
	const char *path)
{
	setara_buf b = SETARA_BUF_INIT;
	int error;

	*v = NULL;
	error = setara__read_file(&b, path, SETARA_VC_JSON_MAX_SIZE);
	if (error == SETARA_EINVALID) { /* too large for either */
		setara_error_clear();
		error = setara_cred_verify(v, vf, path);
	} else if (error == 0 && setara_vc_is_json(b.ptr ? b.ptr : "",
	    b.size)) {
		error = setara_vc_verify(v, vf, b.ptr, b.size, path);
	} else if (error == 0) {
		error = setara_cred_verify_mem(v, vf, b.ptr ? b.ptr : "",
			b.size, path);
	}
	setara_buf_dispose(&b);
	return error;
}

/* The options, in the order of opts[]. */
enum { V_TRUST, V_STATUS, V_AT, V_N };

int cmd_verify(cli *c, int argc, char **argv)
{
	cli_check k = CLI_CHECK_INIT;
	setara_verdict *v = NULL;
	setara_store *st = NULL;
	cli_parser p;
	const char *val[V_N] = { NULL };
	int i, rc = EXIT_OK, erc;

	if (cli_args(&p, c, &verify_cmd, argc, argv, val, -1, &rc))
		goto done;
	k.vo.status = val[V_STATUS];
	if (p.npos == 0) {
		rc = cli_usage_error(&verify_cmd, "no FILE to verify");
		goto done;
	}
	if (val[V_AT] && (rc = cli_time_arg(&verify_cmd, val[V_AT],
	    &k.vo.at)) != EXIT_OK)
		goto done;
	if (cli_check_trust(&k, val[V_TRUST]) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	/* Reference data for the consistency check, when there is a store;
	 * without one that check is could-not-check, not an error. */
	if (cli_store(c, &st) < 0) {
		setara_error_clear();
		st = NULL;
	}
	if (cli_check_verifier(&k, st) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	for (i = 0; i < p.npos; i++) {
		if (verify_one(&v, k.vf, p.pos[i]) < 0) {
			erc = cli_fail(c);
			if (erc > rc)
				rc = erc;
			continue;
		}
		if (c->json) {
			if (print_json(v) < 0) {
				rc = cli_fail(c);
				setara_verdict_free(v);
				goto done;
			}
		} else {
			print_text(v);
		}
		if (setara_verdict_result(v) != SETARA_RESULT_VALID &&
		    rc == EXIT_OK)
			rc = EXIT_NEGATIVE;
		setara_verdict_free(v);
		v = NULL;
	}
done:
	cli_check_dispose(&k);
	cli_parser_dispose(&p);
	return rc;
}
