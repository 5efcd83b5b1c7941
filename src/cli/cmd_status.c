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
	{ "chain", 0, "PEM", "intermediate CA certificates (PEM)" },
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

static const cli_cmd subs[] = {
	{ "publish", cmd_publish, "write the signed status lists",
	  "status publish --key KEY --cert CERT -o FILE|DIR", publish_opts,
	  NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL }
};

static const cli_cmd status_cmd = {
	"status", cmd_status, "Publish the register's status lists.",
	"status publish ...", NULL, NULL
};

int cmd_status(cli *c, int argc, char **argv)
{
	return cli_dispatch_sub(c, &status_cmd, subs, argc, argv);
}

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
	const char *key = NULL, *cert = NULL, *chain = NULL, *out = NULL;
	char *end;
	long days;
	int r, rc = EXIT_OK, vc = 0;

	memset(&o, 0, sizeof(o));
	o.c = c;
	po.unchanged = on_unchanged;
	if (cli_parser_init(&p, c, &publish_cmd, argc, argv) < 0)
		return EXIT_INTERNAL;
	while ((r = cli_next(&p)) >= 0) {
		switch (r) {
		case 0: key = p.arg; break;
		case 1: cert = p.arg; break;
		case 2: chain = p.arg; break;
		case 3: out = p.arg; break;
		case 4: po.issuer = p.arg; break;
		case 5: po.list = p.arg; break;
		case 6: po.suspension = 1; break;
		case 7:
			days = strtol(p.arg, &end, 10);
			if (*p.arg == '\0' || *end || days < 1 || days > 3660) {
				rc = cli_usage_error(&publish_cmd,
					"--valid-days takes 1 to 3660");
				goto done;
			}
			po.valid_for = days * 24 * 3600;
			break;
		case 8: po.all = 1; break;
		case 9:
			if (strcmp(p.arg, "vc") != 0 &&
			    strcmp(p.arg, "xml") != 0) {
				rc = cli_usage_error(&publish_cmd,
					"--format takes xml or vc");
				goto done;
			}
			vc = strcmp(p.arg, "vc") == 0;
			break;
		case 10: vo.verification_method = p.arg; break;
		}
	}
	if (cli_args_done(&p, r, 0, &rc))
		goto done;
	if (key == NULL || cert == NULL || out == NULL) {
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
		setara__json_init(&j, &b, 1);
		setara__json_obj_open(&j, NULL);
		setara__json_int(&j, "version", 1);
		setara__json_arr_open(&j, "lists");
		o.j = &j;
	}
	if (setara_cred_signer_load(&signer, key, cert, chain) < 0 ||
	    (vc && setara_vc_key_load(&vckey, key) < 0) ||
	    cli_store(c, &st) < 0 ||
	    (vc ? setara_vc_status_publish(st, signer, vckey, out, &po, &vo,
	    on_list, &o) : setara_status_publish(st, signer, out, &po,
	    on_list, &o)) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	if (c->json) {
		setara__json_arr_close(&j);
		setara__json_obj_close(&j);
		if (setara__json_error(&j) < 0 || cli_json_print(&b) < 0)
			rc = cli_fail(c);
	}
done:
	setara_cred_signer_free(signer);
	setara_vc_key_free(vckey);
	setara_buf_dispose(&b);
	cli_parser_dispose(&p);
	return rc;
}
