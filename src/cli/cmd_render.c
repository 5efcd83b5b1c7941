/*
 * setara render FILE.xml [-o FILE.html] [--trust DIR] [--status FILE|DIR]
 *                        [--at TIME]
 *
 * One self-contained HTML page for any setara document; with --trust the
 * page shows the verification result check by check.  The page goes to
 * FILE.html (written atomically) or to stdout.  Exit 0 when rendered (and,
 * with --trust, valid); 1 when rendered but the document is invalid or
 * indeterminate; 3 when the input is not a valid setara document.
 */
#include "cli.h"
#include "util/util.h"
#include "cred/cred_api.h"

static const cli_opt opts[] = {
	{ "output", 'o', "FILE", "write the page to FILE (default: stdout)" },
	{ "trust", 't', "DIR", "verify against these trust anchors and "
	  "trust list, and show the result" },
	{ "status", 's', "FILE|DIR", "signed status list(s), with --trust" },
	CLI_OPT_AT,
	{ "verify-url", 0, "URL", "where readers verify it ({id}: the "
	  "document's id, else appended); shown with its QR code" },
	{ "lang", 0, "LANG", "the page's language: en, ms (default: the "
	  "document's, else en)" },
	{ NULL, 0, NULL, NULL }
};

static const cli_cmd render_cmd = {
	"render", cmd_render,
	"Render a transcript, certificate, decision, attestation or status\n"
	"list as one self-contained HTML page (inline styles, printable,\n"
	"accessible).  With --trust, the page also shows the verification\n"
	"result, check by check.",
	"render FILE.xml [-o FILE.html] [--trust DIR] [--status FILE|DIR] "
	"[--at TIME] [--verify-url URL] [--lang LANG]",
	opts,
	"Exit status: 0 rendered (and valid, with --trust); 1 rendered, but\n"
	"the document is invalid or indeterminate; 3 not a valid setara\n"
	"document.  --json (with -o) prints what was written and the\n"
	"verdict.\n"
};

static int print_json(const char *file, const char *output, size_t bytes,
	const setara_verdict *v)
{
	setara_buf b = SETARA_BUF_INIT;
	setara__json j;
	int error;

	cli_json_begin(&j, &b, NULL);
	setara__json_str(&j, "file", file);
	setara__json_str(&j, "output", output);
	setara__json_int(&j, "bytes", (long long)bytes);
	if (v) {
		setara__json_str(&j, "type", setara_verdict_type(v));
		setara_cred__verdict_json(&j, v);
	} else {
		setara__json_null(&j, "result");
	}
	error = cli_json_end(&j, &b, 0);
	setara_buf_dispose(&b);
	return error;
}

/* The options, in the order of opts[]. */
enum { R_OUT, R_TRUST, R_STATUS, R_AT, R_URL, R_LANG, R_N };

int cmd_render(cli *c, int argc, char **argv)
{
	setara_render_options ro = SETARA_RENDER_OPTIONS_INIT;
	cli_check k = CLI_CHECK_INIT;
	setara_verdict *v = NULL;
	setara_store *st = NULL;
	setara_buf html = SETARA_BUF_INIT;
	cli_parser p;
	const char *val[R_N] = { NULL };
	setara_check first;
	const char *reason;
	int rc = EXIT_OK;

	if (cli_args(&p, c, &render_cmd, argc, argv, val, -1, &rc))
		goto done;
	ro.verify_url = val[R_URL];
	ro.lang = val[R_LANG];
	if (p.npos != 1) {
		rc = cli_usage_error(&render_cmd, p.npos ? "one FILE at a "
			"time" : "no FILE to render");
		goto done;
	}
	if ((val[R_STATUS] || val[R_AT]) && val[R_TRUST] == NULL) {
		rc = cli_usage_error(&render_cmd, "--status and --at go with "
			"--trust");
		goto done;
	}
	if (c->json && val[R_OUT] == NULL) {
		rc = cli_usage_error(&render_cmd, "--json needs -o FILE (the "
			"page cannot share stdout)");
		goto done;
	}
	/* Reference data (level derivations, the consistency check) when a
	 * store is at hand; without one they are simply not shown. */
	if (cli_store(c, &st) < 0) {
		setara_error_clear();
		st = NULL;
	}
	ro.store = st;
	if (val[R_TRUST]) {
		if (val[R_AT] && (rc = cli_time_arg(&render_cmd, val[R_AT],
		    &k.vo.at)) != EXIT_OK)
			goto done;
		k.vo.status = val[R_STATUS];
		if (cli_check_trust(&k, val[R_TRUST]) < 0 ||
		    cli_check_verifier(&k, st) < 0) {
			rc = cli_fail(c);
			goto done;
		}
		ro.verifier = k.vf;
	}
	if (setara_cred_render_file(&html, &v, p.pos[0], &ro) < 0 ||
	    cli_write_output(val[R_OUT], &html) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	if (v && setara_verdict_result(v) != SETARA_RESULT_VALID) {
		first = setara_verdict_first_problem(v);
		setara_verdict_check(v, first, &reason);
		cli_warn("%s: %s: %s: %s", p.pos[0],
			setara_cred_result_name(setara_verdict_result(v)),
			setara_cred_check_name(first), reason ? reason : "");
		rc = EXIT_NEGATIVE;
	}
	if (c->json) {
		if (print_json(p.pos[0], val[R_OUT], html.size, v) < 0)
			rc = cli_fail(c);
	} else if (val[R_OUT] && !c->quiet) {
		printf("rendered %s -> %s", p.pos[0], val[R_OUT]);
		if (v)
			printf(" (%s)", setara_cred_result_name(
				setara_verdict_result(v)));
		putchar('\n');
	}
done:
	setara_buf_dispose(&html);
	setara_verdict_free(v);
	cli_check_dispose(&k);
	cli_parser_dispose(&p);
	return rc;
}
