/*
 * setara status publish: the issuer's status lists as signed files.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util/util.h"

static int cmd_publish(cli *c, int argc, char **argv);

static const cli_opt publish_opts[] = {
	{ "key", 'k', "KEY", "the issuer's private key (PEM)" },
	{ "cert", 'c', "CERT", "the issuer's certificate (PEM)" },
	CLI_OPT_CHAIN,
	{ "output", 'o', "OUT", "a directory for every list, or one file" },
	{ "issuer", 0, "ID", "whose lists (default: the register's only "
	  "issuer)" },
	{ "list", 0, "ID", "only this list (urn:uuid:...)" },
	{ "suspension", 0, NULL, "with a file: the suspension list" },
	{ "valid-days", 0, "N", "validity of the lists (default 7 days)" },
	{ "all", 0, NULL, "write every list, even those unchanged" },
	{ "format", 0, "FMT", "xml (statusList, the default) or vc "
	  "(BitstringStatusListCredential, JSON)" },
	{ "method", 0, "ID", "with --format vc: the proofs' verification "
	  "method" },
	{ NULL, 0, NULL, NULL }
};

static const cli_cmd publish_cmd = {
	"publish", cmd_publish,
	"Write the issuer's status lists (revocation and suspension) as\n"
	"signed statusList documents: the bits GZIP-compressed and\n"
	"base64url-encoded as in the W3C Bitstring Status List.  Verifiers\n"
	"read them with 'setara verify --status FILE|DIR'.  With a directory\n"
	"every list is written (ISSUER-SEQ-PURPOSE.xml); with a file, one\n"
	"list (the current revocation list unless --suspension or --list).\n"
	"A list is written and signed again only when it changed since it\n"
	"was last written to that file (or half its validity is gone, or\n"
	"the signer or the file changed); --all writes every list.\n"
	"--format vc writes each list as a W3C BitstringStatusListCredential\n"
	"(ISSUER-SEQ-PURPOSE.json) secured with a Data Integrity proof\n"
	"(ecdsa-jcs-2019 with the issuer's P-256 key).",
	"status publish --key KEY --cert CERT -o FILE|DIR [--issuer ID] "
	"[--format xml|vc]",
	publish_opts, NULL
};

static const cli_sub subs[] = {
	{ &publish_cmd, "write the signed status lists",
	  "status publish --key KEY --cert CERT -o FILE|DIR" },
	{ NULL, NULL, NULL }
};

static const cli_cmd status_cmd = {
	"status", NULL, "Publish the register's status lists.",
	"status publish ...", NULL, NULL
};

const cli_group cli_status_group = { &status_cmd, subs };

struct out_ctx {
	cli *c;
	setara__json *j;
	unsigned n;
};

static void report(struct out_ctx *o, const char *file,
	const char *list_id, const char *purpose, unsigned long set,
	int written)
{
	o->n++;
	if (o->j) {
		setara__json_obj_open(o->j, NULL);
		setara__json_str(o->j, "file", file);
		setara__json_str(o->j, "list", list_id);
		setara__json_str(o->j, "purpose", purpose);
		setara__json_int(o->j, "set", (long long)set);
		setara__json_bool(o->j, "written", written);
		setara__json_obj_close(o->j);
	} else {
		printf("%s: %s list %s, %lu %s%s\n", file, purpose, list_id,
			set, strcmp(purpose, "revocation") == 0 ? "revoked" :
			"suspended", written ? "" : " (unchanged, not written)");
	}
}

static void on_list(const char *file, const char *list_id,
	const char *purpose, unsigned long set, void *payload)
{
	report(payload, file, list_id, purpose, set, 1);
}

static void on_unchanged(const char *file, const char *list_id,
	const char *purpose, unsigned long set, void *payload)
{
	report(payload, file, list_id, purpose, set, 0);
}

/* The options, in the order of publish_opts[]. */
enum { P_KEY, P_CERT, P_CHAIN, P_OUT, P_ISSUER, P_LIST, P_SUSPENSION,
	P_DAYS, P_ALL, P_FORMAT, P_METHOD, P_N };

static int cmd_publish(cli *c, int argc, char **argv)
{
	setara_publish_options po = SETARA_PUBLISH_OPTIONS_INIT;
	setara_vc_publish_options vo = SETARA_VC_PUBLISH_OPTIONS_INIT;
	setara_signer *signer = NULL;
	setara_vc_key *vckey = NULL;
	setara_store *st;
	setara_buf b = SETARA_BUF_INIT;
	setara__json j;
	struct out_ctx o;
	cli_parser p;
	const char *val[P_N] = { NULL };
	char *end;
	long days;
	int rc = EXIT_OK, vc = 0;

	memset(&o, 0, sizeof(o));
	o.c = c;
	po.unchanged = on_unchanged;
	if (cli_args(&p, c, &publish_cmd, argc, argv, val, 0, &rc))
		goto done;
	po.issuer = val[P_ISSUER];
	po.list = val[P_LIST];
	po.suspension = val[P_SUSPENSION] != NULL;
	po.all = val[P_ALL] != NULL;
	vo.verification_method = val[P_METHOD];
	if (val[P_DAYS]) {
		days = strtol(val[P_DAYS], &end, 10);
		if (*val[P_DAYS] == '\0' || *end || days < 1 || days > 3660) {
			rc = cli_usage_error(&publish_cmd,
				"--valid-days takes 1 to 3660");
			goto done;
		}
		po.valid_for = days * 24 * 3600;
	}
	if (val[P_FORMAT]) {
		if (strcmp(val[P_FORMAT], "vc") != 0 &&
		    strcmp(val[P_FORMAT], "xml") != 0) {
			rc = cli_usage_error(&publish_cmd,
				"--format takes xml or vc");
			goto done;
		}
		vc = strcmp(val[P_FORMAT], "vc") == 0;
	}
	if (val[P_KEY] == NULL || val[P_CERT] == NULL || val[P_OUT] == NULL) {
		rc = cli_usage_error(&publish_cmd,
			"--key, --cert and -o are required");
		goto done;
	}
	if (vo.verification_method && !vc) {
		rc = cli_usage_error(&publish_cmd,
			"--method goes with --format vc");
		goto done;
	}
	if (c->json) {
		cli_json_begin(&j, &b, "lists");
		o.j = &j;
	}
	if (setara_cred_signer_load(&signer, val[P_KEY], val[P_CERT],
	    val[P_CHAIN]) < 0 ||
	    (vc && setara_vc_key_load(&vckey, val[P_KEY]) < 0) ||
	    cli_store(c, &st) < 0 ||
	    (vc ? setara_vc_status_publish(st, signer, vckey, val[P_OUT], &po,
	    &vo, on_list, &o) : setara_status_publish(st, signer, val[P_OUT],
	    &po, on_list, &o)) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	if (c->json && cli_json_end(&j, &b, 1) < 0)
		rc = cli_fail(c);
done:
	setara_cred_signer_free(signer);
	setara_vc_key_free(vckey);
	setara_buf_dispose(&b);
	cli_parser_dispose(&p);
	return rc;
}
