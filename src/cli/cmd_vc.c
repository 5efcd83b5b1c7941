/*
 * setara vc check [--input] FILE...
 *
 * Is each FILE a well-formed W3C Verifiable Credential 2.0
 * (setara_vc_wellformed(), docs/vc.md)?  For credentials before they are
 * secured, or from anyone: nothing is verified, no store is opened.  Text:
 * "FILE: well-formed" or "FILE: not well-formed: RULE: reason"; --json:
 * {"version": 1, "credentials": [{file, wellFormed, rule, reason}]}.
 * Exit 0 when every file is well-formed, 1 when one is not, 3 when one
 * is not JSON the loader accepts, 4 when one cannot be read.
 */
#include <string.h>

#include "cli.h"
#include "util/util.h"

static const cli_opt check_opts[] = {
	{ "input", 0, NULL, "the files are an issuer's input: issuer may be "
	  "absent, or an object without id (the issuer fills it in)" },
	{ NULL, 0, NULL, NULL }
};

static int cmd_vc_check(cli *c, int argc, char **argv);

static const cli_cmd vc_cmd = {
	"vc", NULL,
	"W3C Verifiable Credentials 2.0 without a proof check.",
	"vc check [--input] FILE...", NULL, NULL
};

static const cli_cmd check_cmd = {
	"check", cmd_vc_check,
	"Is each FILE a well-formed W3C Verifiable Credential 2.0?",
	"vc check [--input] FILE...",
	check_opts,
	"The data model's rules that the JSON text shows, with no JSON-LD\n"
	"processing and nothing fetched: @context an array whose first\n"
	"entry is https://www.w3.org/ns/credentials/v2 and whose others are\n"
	"URLs or inline contexts (none redefining a protected term); type\n"
	"with VerifiableCredential, each type a URL or a term a context\n"
	"defines; id values single URLs; issuer a URL or an object whose id\n"
	"is a URL; credentialSubject objects making claims; validFrom and\n"
	"validUntil XML Schema dateTimeStamps with a time zone, in order;\n"
	"credentialStatus, credentialSchema (with an id), evidence,\n"
	"refreshService, termsOfUse and proof objects with a type;\n"
	"relatedResource with an id and a digest; name and description\n"
	"strings or language value objects.  The first rule broken is\n"
	"named.  Nothing is verified: `setara verify` checks proofs (and\n"
	"runs this check in its profile check).\n"
	"Exit status: 0 every file well-formed, 1 one is not, 3 one is not\n"
	"JSON within the loader's limits, 4 one cannot be read.\n"
};

static const cli_sub vc_subs[] = {
	{ &check_cmd, "is a file a well-formed VC 2.0 credential",
	  "vc check [--input] FILE..." },
	{ NULL, NULL, NULL }
};

const cli_group cli_vc_group = { &vc_cmd, vc_subs };

/* One file's answer into *r: 0, or a negative code (the error set). */
static int check_file(setara_vc_wellformed_result *r, const char *path,
	unsigned flags)
{
	setara_buf b = SETARA_BUF_INIT;
	int error;

	if ((error = setara__read_file(&b, path, SETARA_VC_JSON_MAX_SIZE)) ==
	    0)
		error = setara_vc_wellformed(r, b.ptr, b.size, path, flags);
	setara_buf_dispose(&b);
	return error;
}

static int cmd_vc_check(cli *c, int argc, char **argv)
{
	setara_vc_wellformed_result r;
	setara_buf out = SETARA_BUF_INIT;
	setara__json j;
	cli_parser p;
	const char *val[1] = { NULL };
	unsigned flags;
	int i, rc = EXIT_OK, erc, bad = 0;

	if (cli_args(&p, c, &check_cmd, argc, argv, val, -1, &rc))
		goto done;
	if (p.npos == 0) {
		rc = cli_usage_error(&check_cmd, "no FILE to check");
		goto done;
	}
	flags = val[0] ? SETARA_VC_WELLFORMED_INPUT : 0;
	if (c->json)
		cli_json_begin(&j, &out, "credentials");
	for (i = 0; i < p.npos; i++) {
		if (check_file(&r, p.pos[i], flags) < 0) {
			/* The worst failure decides the exit status. */
			if ((erc = cli_fail(c)) > rc)
				rc = erc;
			continue;
		}
		bad |= !r.wellformed;
		if (!c->json) {
			if (r.wellformed)
				printf("%s: well-formed\n", p.pos[i]);
			else
				printf("%s: not well-formed: %s: %s\n",
					p.pos[i], r.rule, r.reason);
			continue;
		}
		setara__json_obj_open(&j, NULL);
		setara__json_str(&j, "file", p.pos[i]);
		setara__json_bool(&j, "wellFormed", r.wellformed);
		if (r.wellformed) {
			setara__json_null(&j, "rule");
			setara__json_null(&j, "reason");
		} else {
			setara__json_str(&j, "rule", r.rule);
			setara__json_str(&j, "reason", r.reason);
		}
		setara__json_obj_close(&j);
	}
	if (c->json && cli_json_end(&j, &out, 1) < 0 &&
	    (erc = cli_fail(c)) > rc)
		rc = erc;
	if (bad && rc == EXIT_OK)
		rc = EXIT_NEGATIVE;
done:
	setara_buf_dispose(&out);
	cli_parser_dispose(&p);
	return rc;
}
