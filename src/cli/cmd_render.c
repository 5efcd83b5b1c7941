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
	{ "at", 0, "TIME", "verify as of this xs:dateTime (default: now)" },
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

	setara__json_init(&j, &b, 1);
	setara__json_obj_open(&j, NULL);
	setara__json_int(&j, "version", 1);
	setara__json_str(&j, "file", file);
	setara__json_str(&j, "output", output);
	setara__json_int(&j, "bytes", (long long)bytes);
	if (v) {
		setara__json_str(&j, "type", setara_verdict_type(v));
		setara_cred__verdict_json(&j, v);
	} else {
		setara__json_null(&j, "result");
	}
	setara__json_obj_close(&j);
	error = setara__json_error(&j);
	if (error == 0)
		error = cli_json_print(&b);
	setara_buf_dispose(&b);
	return error;
}

int cmd_render(cli *c, int argc, char **argv)
{
	setara_render_options ro = SETARA_RENDER_OPTIONS_INIT;
	setara_verify_options vo = SETARA_VERIFY_OPTIONS_INIT;
	setara_trust *trust = NULL;
	setara_verifier *vf = NULL;
	setara_verdict *v = NULL;
	setara_store *st = NULL;
	setara_buf html = SETARA_BUF_INIT;
	cli_parser p;
	const char *out = NULL, *trust_dir = NULL, *status = NULL, *at = NULL;
	setara_check first;
	const char *reason;
	time_t t;
	int r, rc = EXIT_OK;

	if (cli_parser_init(&p, c, &render_cmd, argc, argv) < 0)
		return EXIT_INTERNAL;
	while ((r = cli_next(&p)) >= 0) {
		switch (r) {
		case 0: out = p.arg; break;
		case 1: trust_dir = p.arg; break;
		case 2: status = p.arg; break;
		case 3: at = p.arg; break;
		case 4: ro.verify_url = p.arg; break;
		case 5: ro.lang = p.arg; break;
		}
	}
	if (cli_args_done(&p, r, -1, &rc))
		goto done;
	if (p.npos != 1) {
		rc = cli_usage_error(&render_cmd, p.npos ? "one FILE at a "
			"time" : "no FILE to render");
		goto done;
	}
	if ((status || at) && trust_dir == NULL) {
		rc = cli_usage_error(&render_cmd, "--status and --at go with "
			"--trust");
		goto done;
	}
	if (c->json && out == NULL) {
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
	if (trust_dir) {
		if (at) {
			if (setara__time_parse(&t, at) < 0) {
				rc = cli_usage_error(&render_cmd, "--at: not "
					"an xs:dateTime or xs:date: '%s'", at);
				goto done;
			}
			vo.at = (long long)t;
		}
		vo.status = status;
		vo.store = st;
		if (setara_cred_trust_load(&trust, trust_dir) < 0) {
			rc = cli_fail(c);
			goto done;
		}
		vo.trust = trust;
		vo.crosscheck = cli_crosscheck();
		if (setara_cred_verifier_new(&vf, &vo) < 0) {
			rc = cli_fail(c);
			goto done;
		}
		ro.verifier = vf;
	}
	if (setara_cred_render_file(&html, &v, p.pos[0], &ro) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	if (out) {
		if (setara__write_file_atomic(out, html.ptr, html.size,
		    0644) < 0) {
			rc = cli_fail(c);
			goto done;
		}
	} else if (fwrite(html.ptr, 1, html.size, stdout) != html.size ||
	    fflush(stdout) != 0) {
		setara_error__os("stdout", "cannot write");
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
		if (print_json(p.pos[0], out, html.size, v) < 0)
			rc = cli_fail(c);
	} else if (out && !c->quiet) {
		printf("rendered %s -> %s", p.pos[0], out);
		if (v)
			printf(" (%s)", setara_cred_result_name(
				setara_verdict_result(v)));
		putchar('\n');
	}
done:
	setara_buf_dispose(&html);
	setara_verdict_free(v);
	setara_cred_verifier_free(vf);
	setara_cred_trust_free(trust);
	cli_parser_dispose(&p);
	return rc;
}
