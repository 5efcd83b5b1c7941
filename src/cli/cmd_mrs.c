/*
 * setara mrs check CREDENTIAL.xml --occupation OCC --trust DIR
 *     [--status FILE|DIR] [--at TIME]
 *     [-o ATTESTATION.xml --key KEY --cert CERT [--chain PEM] [--issuer ID]
 *      [--format xml|vc] [--proof-key KEY]]
 *
 * Decide a mutual-recognition-of-skills claim: is the signed skills
 * credential recognised for occupation OCC?  Exit 0 recognised; 1 partly
 * or not recognised, or the credential is invalid or indeterminate; 2
 * usage; 3 bad input (unknown occupation, bad trust directory); 4 when a
 * file cannot be read or written.  With -o, the decision is also issued as
 * a signed attestation.
 */
#include <string.h>

#include "cli.h"
#include "util/util.h"

static const cli_opt check_opts[] = {
	{ "occupation", 0, "OCC", "the occupation claimed (an occupational "
	  "standard id, e.g. th-dsd-bricklaying-plastering-1)" },
	{ "trust", 't', "DIR", "trust anchors (*.pem) and trust list "
	  "(trust.xml) to verify the credential" },
	{ "status", 's', "FILE|DIR", "signed status list(s) for the "
	  "credential's revocation check" },
	{ "at", 0, "TIME", "decide as of this xs:dateTime (default: now)" },
	{ "output", 'o', "FILE", "also issue the signed attestation here" },
	{ "key", 'k', "KEY", "the attesting body's private key (PEM)" },
	{ "cert", 'c', "CERT", "its certificate (PEM)" },
	CLI_OPT_CHAIN,
	{ "issuer", 0, "ID", "the attesting body's id (default: the "
	  "occupation's awarding body)" },
	{ "format", 0, "FORMAT", "the attestation as xml (the default: signed "
	  "XML) or vc (a W3C Verifiable Credential 2.0, "
	  "SetaraSkillsRecognitionCredential; docs/vc.md)" },
	{ "proof-key", 0, "KEY", "with --format vc: make the proof with this "
	  "key (Ed25519: eddsa-jcs-2022) instead of --key" },
	{ NULL, 0, NULL, NULL }
};

static int cmd_mrs_check(cli *c, int argc, char **argv);

static const cli_cmd mrs_cmd = {
	"mrs", NULL,
	"Mutual recognition of skills: decide whether a skills credential\n"
	"from one member state is recognised for an occupation in another.",
	"mrs check CREDENTIAL.xml --occupation OCC --trust DIR ...", NULL,
	NULL
};

static const cli_cmd check_cmd = {
	"check", cmd_mrs_check,
	"decide a mutual-recognition-of-skills claim",
	"mrs check CREDENTIAL.xml --occupation OCC --trust DIR "
	"[--status FILE|DIR] [--at TIME] [-o ATTESTATION.xml --key KEY "
	"--cert CERT [--format xml|vc] [--proof-key KEY]]", check_opts,
	"The credential is verified with every check of 'setara verify' (an\n"
	"invalid credential is never recognised; one that cannot be fully\n"
	"checked is indeterminate), its validity dates are checked, its\n"
	"qualification level is mapped to the AQRF and compared with the\n"
	"level the occupation requires, and the occupation's competency units\n"
	"are compared with the credential's through the unit-equivalence\n"
	"tables (mappings/occupations).  The answer is recognised, partly\n"
	"recognised (with the missing units and what would close the gap),\n"
	"not recognised or indeterminate, with reason codes and the trace.\n"
	"Exit 0 when recognised, 1 otherwise.  With -o the decision is also\n"
	"issued as a signed attestation; --format vc writes it as a W3C\n"
	"Verifiable Credential 2.0 with a Data Integrity proof instead.\n"
};

static const cli_sub subs[] = {
	{ &check_cmd, "decide a claim; optionally attest it",
	  "mrs check CREDENTIAL.xml --occupation OCC --trust DIR" },
	{ &cli_mrs_occupations_cmd, "list the occupational standards",
	  "mrs occupations" },
	{ NULL, NULL, NULL }
};

const cli_group cli_mrs_group = { &mrs_cmd, subs };

/*
 * Whether @path is a readable XML document without an XML Signature on
 * its document element: a record, or a document never issued.
 */
static int is_unsigned(const char *path)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	int r = 0;

	if (setara__xml_parse_file(&doc, path, 0) == 0 &&
	    (root = xmlDocGetRootElement(doc)) != NULL)
		r = setara__xml_child(root, "http://www.w3.org/2000/09/"
			"xmldsig#", "Signature") == NULL;
	xmlFreeDoc(doc);
	setara_error_clear();
	return r;
}

/* The options, in the order of check_opts[]. */
enum { M_OCC, M_TRUST, M_STATUS, M_AT, M_OUT, M_KEY, M_CERT, M_CHAIN,
	M_ISSUER, M_FORMAT, M_PROOF_KEY, M_N };

static int cmd_mrs_check(cli *c, int argc, char **argv)
{
	cli_check k = CLI_CHECK_INIT;
	setara_mrs_options mo = SETARA_MRS_OPTIONS_INIT;
	setara_cred_issued issued = SETARA_CRED_ISSUED_INIT;
	setara_signer *signer = NULL;
	setara_vc_key *vkey = NULL;
	setara_mrs_decision *d = NULL;
	setara_store *st = NULL;
	setara_buf b = SETARA_BUF_INIT;
	cli_parser p;
	const char *val[M_N] = { NULL };
	int rc = EXIT_OK, vc = 0;

	if (cli_args(&p, c, &check_cmd, argc, argv, val, -1, &rc))
		goto done;
	k.vo.status = val[M_STATUS];
	if (p.npos != 1) {
		rc = cli_usage_error(&check_cmd, p.npos ? "one CREDENTIAL at "
			"a time" : "no CREDENTIAL to check");
		goto done;
	}
	if (val[M_OCC] == NULL) {
		rc = cli_usage_error(&check_cmd, "--occupation is required");
		goto done;
	}
	if (val[M_TRUST] == NULL) {
		rc = cli_usage_error(&check_cmd, "--trust is required: a "
			"credential is never recognised unverified");
		goto done;
	}
	if (val[M_OUT] && (val[M_KEY] == NULL || val[M_CERT] == NULL)) {
		rc = cli_usage_error(&check_cmd, "-o needs --key and --cert");
		goto done;
	}
	if (!val[M_OUT] && (val[M_KEY] || val[M_CERT] || val[M_CHAIN] ||
	    val[M_ISSUER] || val[M_FORMAT] || val[M_PROOF_KEY])) {
		rc = cli_usage_error(&check_cmd, "--key, --cert, --chain, "
			"--issuer, --format and --proof-key go with -o");
		goto done;
	}
	if ((rc = cli_format_args(&check_cmd, val[M_FORMAT],
	    val[M_PROOF_KEY], &vc)) != EXIT_OK)
		goto done;
	if (val[M_AT] && (rc = cli_time_arg(&check_cmd, val[M_AT],
	    &mo.at)) != EXIT_OK)
		goto done;
	if (!val[M_AT])
		mo.at = (long long)setara__time_now();
	k.vo.at = mo.at;
	if (cli_store(c, &st) < 0 ||
	    cli_check_trust(&k, val[M_TRUST]) < 0 ||
	    (val[M_OUT] && setara_cred_signer_load(&signer, val[M_KEY],
	    val[M_CERT], val[M_CHAIN]) < 0) ||
	    (vc && setara_vc_key_load(&vkey, val[M_PROOF_KEY] ?
	    val[M_PROOF_KEY] : val[M_KEY]) < 0)) {
		rc = cli_fail(c);
		goto done;
	}
	/* The attestation's issuer answers to the same trust list. */
	setara_cred_signer_set_trust(signer, k.trust);
	if (cli_check_verifier(&k, st) < 0 ||
	    setara_mrs_check(&d, st, k.vf, p.pos[0], val[M_OCC], &mo) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	/* The attestation first, so that the output names it. */
	if (val[M_OUT] && (vc ? setara_mrs_attest_vc(&issued, st, d,
	    val[M_ISSUER], signer, vkey, val[M_OUT]) : setara_mrs_attest(
	    &issued, st, d, val[M_ISSUER], signer, val[M_OUT])) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	if (c->json ? setara_mrs_decision_json(&b, d, 1) < 0 ||
	    cli_json_print(&b) < 0 : setara_mrs_decision_text(&b, d) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	if (!c->json)
		fputs(b.ptr, stdout);
	if (setara_mrs_decision_outcome(d) != SETARA_MRS_RECOGNISED)
		rc = EXIT_NEGATIVE;
	if (rc == EXIT_NEGATIVE && !c->quiet && is_unsigned(p.pos[0]))
		cli_warn("%s: this credential is not signed: issue it first "
			"('setara issue certificate %s ...') or ask the issuer "
			"for the signed one", p.pos[0], p.pos[0]);
done:
	setara_buf_dispose(&b);
	setara_mrs_decision_free(d);
	setara_vc_key_free(vkey);
	setara_cred_signer_free(signer);
	cli_check_dispose(&k);
	cli_parser_dispose(&p);
	return rc;
}
