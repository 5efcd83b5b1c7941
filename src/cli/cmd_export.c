/*
 * setara export elmo FILE.xml [-o FILE] [--key KEY --cert CERT [--chain PEM]]
 *                    [--trust DIR] [--status FILE|DIR] [--at TIME]
 *                    [--url URL] [--elmo-version 1|2]
 *
 * A signed transcript as an EMREX ELMO document, v1.7.0 (the default) or
 * v2.0.0, or a signed transfer decision as ELMO v2.0.0 results of
 * recognition (docs/elmo.md).  The document is verified first: an
 * invalid one is refused (exit 1, the
 * failing check and its reason on stderr); checks that could not be made
 * are named on stderr and the export goes on.  The ELMO file is written
 * atomically (or to stdout), signed when --key and --cert are given.
 */
#include <string.h>

#include "cli.h"
#include "util/util.h"
#include "cred/cred_api.h"

static const cli_opt elmo_opts[] = {
	{ "output", 'o', "FILE", "write the ELMO document to FILE (default: "
	  "stdout)" },
	{ "key", 'k', "KEY", "sign with this private key (PEM)" },
	{ "cert", 'c', "CERT", "the signer's certificate (PEM)" },
	{ "chain", 0, "PEM", "intermediate certificates for KeyInfo" },
	{ "trust", 't', "DIR", "verify the document against these trust "
	  "anchors and trust list" },
	{ "status", 's', "FILE|DIR", "signed status list(s) for the "
	  "document's status check" },
	CLI_OPT_AT,
	{ "url", 0, "URL", "the issuer's web page (ELMO report/issuer/url)" },
	{ "elmo-version", 0, "1|2", "the ELMO schema: 1 (v1.7.0, default) or 2 "
	  "(v2.0.0; needed for a decision)" },
	{ NULL, 0, NULL, NULL }
};

static int cmd_export_elmo(cli *c, int argc, char **argv);

static const cli_cmd export_cmd = {
	"export", NULL,
	"Export a document in another format.",
	"export elmo FILE.xml [-o FILE] [--elmo-version 1|2] [options]", NULL,
	NULL
};

static const cli_cmd elmo_cmd = {
	"elmo", cmd_export_elmo,
	"A signed transcript or transfer decision as an EMREX ELMO document",
	"export elmo FILE.xml [-o FILE] [--key KEY --cert CERT [--chain PEM]] "
	"[--trust DIR] [--status FILE|DIR] [--at TIME] [--url URL] "
	"[--elmo-version 1|2]",
	elmo_opts,
	"The document is verified first (give --trust DIR to check its\n"
	"issuer): an invalid one is refused with exit status 1.\n"
	"A transcript: learner, issuer, the programme with its national,\n"
	"AQRF and EQF levels (EQF only indicative), every course with its\n"
	"grade, ECTS credits and original credits, and the transcript's\n"
	"HTML page as an attachment.  A transfer decision (--elmo-version 2\n"
	"only): one resultOfRecognition per item -- Positive, Negative or\n"
	"Partially Positive, the decision date, the partner's courses with\n"
	"their grades and credits, the host courses with the credits\n"
	"granted, and the mapping from one to the other.  ELMO v1.7.0 is\n"
	"the default; 2 writes v2.0.0 (same namespace).  A value ELMO\n"
	"requires that the document does not have is refused (exit 3),\n"
	"never made up.  Signed with the setara signature profile when\n"
	"--key and --cert are given (EMREX receivers check it).\n"
};

static const cli_sub export_subs[] = {
	{ &elmo_cmd, "a transcript or decision as EMREX ELMO",
	  "export elmo FILE.xml [-o FILE] [options]" },
	{ NULL, NULL, NULL }
};

const cli_group cli_export_group = { &export_cmd, export_subs };

static int print_json(const char *file, const char *output, size_t bytes,
	int sig, int elmo_version, const setara_verdict *v)
{
	setara_buf b = SETARA_BUF_INIT;
	setara__json j;
	int error;

	cli_json_begin(&j, &b, NULL);
	setara__json_str(&j, "file", file);
	setara__json_str(&j, "format", "elmo");
	setara__json_str(&j, "elmoVersion", elmo_version == 2 ? "2.0.0" :
		"1.7.0");
	if (output)
		setara__json_str(&j, "output", output);
	else
		setara__json_null(&j, "output");
	setara__json_int(&j, "bytes", (long long)bytes);
	setara__json_bool(&j, "signed", sig);
	setara__json_bool(&j, "exported", bytes > 0);
	setara_cred__verdict_json(&j, v);
	error = cli_json_end(&j, &b, 0);
	setara_buf_dispose(&b);
	return error;
}

/* The options of export elmo that go together: EXIT_OK, or the usage
 * error's exit status. */
/* The options, in the order of elmo_opts[]. */
enum { E_OUT, E_KEY, E_CERT, E_CHAIN, E_TRUST, E_STATUS, E_AT, E_URL,
	E_VERSION, E_N };

static int elmo_usage(cli *c, const cli_parser *p,
	const char *const val[E_N])
{
	if (p->npos != 1)
		return cli_usage_error(&elmo_cmd, p->npos ?
			"one FILE at a time" : "no transcript to export");
	if ((val[E_KEY] == NULL) != (val[E_CERT] == NULL) ||
	    (val[E_CHAIN] && val[E_KEY] == NULL))
		return cli_usage_error(&elmo_cmd, "--key and --cert go "
			"together (and --chain with them)");
	if (val[E_VERSION] && strcmp(val[E_VERSION], "1") != 0 &&
	    strcmp(val[E_VERSION], "2") != 0)
		return cli_usage_error(&elmo_cmd, "--elmo-version: 1 or 2, "
			"not '%s'", val[E_VERSION]);
	if (c->json && val[E_OUT] == NULL)
		return cli_usage_error(&elmo_cmd, "--json needs -o FILE (the "
			"document cannot share stdout)");
	return EXIT_OK;
}

/* 1 when the verdict refuses the export (said on stderr); else 0, after a
 * note for each check that could not be made. */
static int refused(const setara_verdict *v, const char *name)
{
	const char *reason;
	setara_check first;
	int k;

	if (setara_verdict_result(v) == SETARA_RESULT_INVALID) {
		first = setara_verdict_first_problem(v);
		setara_verdict_check(v, first, &reason);
		cli_warn("%s: refused: the %s is invalid: %s: %s", name,
			setara_verdict_type(v) ? setara_verdict_type(v) :
			"document", setara_cred_check_name(first),
			reason ? reason : "");
		return 1;
	}
	for (k = 0; k < SETARA_CHECK_COUNT; k++)
		if (setara_verdict_check(v, (setara_check)k, &reason) ==
		    SETARA_CHECK_COULD_NOT_CHECK)
			cli_warn("%s: note: %s could not be checked: %s",
				name, setara_cred_check_name((setara_check)k),
				reason ? reason : "");
	return 0;
}

static int cmd_export_elmo(cli *c, int argc, char **argv)
{
	setara_elmo_options eo = SETARA_ELMO_OPTIONS_INIT;
	cli_check k = CLI_CHECK_INIT;
	setara_verdict *v = NULL;
	setara_signer *signer = NULL;
	setara_store *st = NULL;
	setara_buf in = SETARA_BUF_INIT, xml = SETARA_BUF_INIT;
	cli_parser p;
	const char *val[E_N] = { NULL };
	int rc = EXIT_OK;

	if (cli_args(&p, c, &elmo_cmd, argc, argv, val, -1, &rc))
		goto done;
	k.vo.status = val[E_STATUS];
	eo.issuer_url = val[E_URL];
	if ((rc = elmo_usage(c, &p, val)) != EXIT_OK ||
	    (val[E_AT] && (rc = cli_time_arg(&elmo_cmd, val[E_AT],
	    &k.vo.at)) != EXIT_OK))
		goto done;
	if (val[E_VERSION])
		eo.elmo_version = val[E_VERSION][0] - '0';
	/* The credit conversion and the level maps need the reference
	 * data: here the store is required. */
	if (cli_store(c, &st) < 0 ||
	    cli_check_trust(&k, val[E_TRUST]) < 0 ||
	    (val[E_KEY] && setara_cred_signer_load(&signer, val[E_KEY],
	    val[E_CERT], val[E_CHAIN]) < 0)) {
		rc = cli_fail(c);
		goto done;
	}
	if (cli_check_verifier(&k, st) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	eo.verifier = k.vf;
	eo.store = st;
	eo.signer = signer;
	if (setara__read_file(&in, p.pos[0], 8u * 1024u * 1024u) < 0 ||
	    setara_cred_export_elmo(&xml, &v, in.ptr ? in.ptr : "", in.size,
	    p.pos[0], &eo) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	if (refused(v, p.pos[0])) {
		rc = EXIT_NEGATIVE;
		if (c->json && print_json(p.pos[0], NULL, 0, 0,
		    eo.elmo_version, v) < 0)
			rc = cli_fail(c);
		goto done;
	}
	if (signer == NULL)
		cli_warn("note: the ELMO document is not signed (give --key "
			"and --cert)");
	if (cli_write_output(val[E_OUT], &xml) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	if (c->json) {
		if (print_json(p.pos[0], val[E_OUT], xml.size, signer != NULL,
		    eo.elmo_version, v) < 0)
			rc = cli_fail(c);
	} else if (val[E_OUT] && !c->quiet) {
		printf("exported %s -> %s (ELMO%s%s; %s %s)\n",
			p.pos[0], val[E_OUT],
			eo.elmo_version == 2 ? " 2.0.0" : "",
			signer ? ", signed" : ", unsigned",
			setara_verdict_type(v) ? setara_verdict_type(v) :
			"document",
			setara_cred_result_name(setara_verdict_result(v)));
	}
done:
	setara_buf_dispose(&in);
	setara_buf_dispose(&xml);
	setara_verdict_free(v);
	setara_cred_signer_free(signer);
	cli_check_dispose(&k);
	cli_parser_dispose(&p);
	return rc;
}
