/*
 * setara issue TYPE INPUT.xml --key KEY --cert CERT [--chain PEM]
 *     [--trust DIR] -o OUT
 *
 * Build one document from a registrar's record (transcript, certificate)
 * or take the unsigned document itself (decision, attestation,
 * statusList), validate it, sign it and write it atomically.
 */
#include <string.h>

#include "cli.h"
#include "util/util.h"

static const cli_opt opts[] = {
	{ "key", 'k', "KEY", "the signer's private key (PEM)" },
	{ "cert", 'c', "CERT", "the signer's certificate (PEM; more "
	  "certificates after it join the chain)" },
	CLI_OPT_CHAIN,
	{ "output", 'o', "OUT", "the signed document to write (with --batch: "
	  "the directory)" },
	{ "batch", 'b', "INPUT", "many records: a directory of XML files, or "
	  "one file <batch>...</batch>" },
	{ "jobs", 'j', "N", "with --batch: threads (default: one per core)" },
	{ "trust", 't', "DIR", "refuse what the trust list (DIR/trust.xml) "
	  "would not accept from this signer: issuer, accreditation, type, "
	  "framework, level" },
	{ "format", 0, "FORMAT", "xml (the default: a signed XML document) or "
	  "vc (a W3C Verifiable Credential 2.0, JSON, with a Data Integrity "
	  "proof; every type but statusList)" },
	{ "proof-key", 0, "KEY", "with --format vc: make the proof with this "
	  "key (Ed25519: eddsa-jcs-2022; P-256: ecdsa-jcs-2019) instead of "
	  "--key" },
	{ NULL, 0, NULL, NULL }
};

static const cli_cmd issue_cmd = {
	"issue", cmd_issue,
	"Build, validate and sign one document, and write it atomically.\n"
	"TYPE is transcript or certificate (INPUT is the record a registrar's\n"
	"system exports: examples/transcript.xml, examples/certificate.xml),\n"
	"or decision, attestation or statusList (INPUT is the unsigned\n"
	"document itself).  The signature is one enveloped XML Signature\n"
	"(exclusive C14N, SHA-256, ECDSA P-256 or RSA >= 2048) carrying the\n"
	"certificate and chain; see docs/signature-profile.md.",
	"issue TYPE INPUT.xml --key KEY --cert CERT [--chain PEM] "
	"[--trust DIR] [--format xml|vc] [--proof-key KEY] -o OUT\n"
	"       setara issue TYPE --batch INPUT --key KEY --cert CERT "
	"[--trust DIR] [--format xml|vc] [--proof-key KEY] -o DIR [-j N]",
	opts,
	"Every issued document is recorded in the register (the store) with\n"
	"its status-list index.  With --batch, each record becomes\n"
	"DIR/TYPE-KEY.xml (.json with --format vc); records already issued\n"
	"by this signer in this format are\n"
	"skipped, so a batch can be run again after an interruption; a bad\n"
	"record is reported with its position and the others go on (exit 3\n"
	"at the end when any failed).  Progress shows on a terminal.\n"
	"\n"
	"Nothing a verifier would refute is signed: ids known to the store,\n"
	"grades on their scale, conversions as setara computes them, and\n"
	"the issuer the signer's (by the certificate's name, or with --trust\n"
	"by the trust list and its accreditation's scope).\n"
	"\n"
	"--format vc writes the same document as a W3C Verifiable Credential\n"
	"2.0 (a transcript as a CLR 2.0 ClrCredential, a certificate as an\n"
	"Open Badges 3.0 OpenBadgeCredential, a decision as a\n"
	"SetaraTransferDecisionCredential, an attestation as a\n"
	"SetaraSkillsRecognitionCredential; docs/vc.md), after the same\n"
	"checks, with the same register row and status index.  The proof is\n"
	"ecdsa-jcs-2019 with the P-256 --key, or eddsa-jcs-2022 with an\n"
	"Ed25519 --proof-key; its verificationMethod is\n"
	"urn:setara:issuer:ID#key-SHA256(public key), which the trust list\n"
	"binds to the issuer (docs/trust.md).\n"
};

/* The options, in the order of opts[]. */
enum { I_KEY, I_CERT, I_CHAIN, I_OUT, I_BATCH, I_JOBS, I_TRUST, I_FORMAT,
	I_PROOF_KEY, I_N };

static int load_signer(setara_signer **signer, setara_trust **trust,
	const char *const val[I_N])
{
	int error;

	if ((error = setara_cred_signer_load(signer, val[I_KEY], val[I_CERT],
	    val[I_CHAIN])) < 0)
		return error;
	if (val[I_TRUST] == NULL)
		return 0;
	if ((error = setara_cred_trust_load(trust, val[I_TRUST])) < 0)
		return error;
	setara_cred_signer_set_trust(*signer, *trust);
	return 0;
}

/* issue TYPE --batch INPUT ...: the signer, then batch issuing; with
 * @proof_key, as VCs. */
static int issue_batch(cli *c, const cli_parser *p,
	const char *const val[I_N], const char *proof_key)
{
	setara_signer *signer = NULL;
	setara_trust *trust = NULL;
	setara_vc_key *vkey = NULL;
	setara_doc_type type;
	int rc;

	if (p->npos != 1)
		return cli_usage_error(&issue_cmd, "with --batch, give TYPE "
			"only (the records come from --batch)");
	if (val[I_KEY] == NULL || val[I_CERT] == NULL || val[I_OUT] == NULL)
		return cli_usage_error(&issue_cmd, "--key, --cert and -o are "
			"required");
	if (setara_cred_type_from_name(&type, p->pos[0]) < 0)
		return cli_usage_error(&issue_cmd, "%s",
			setara_error_last()->message);
	if (load_signer(&signer, &trust, val) < 0 ||
	    (proof_key && setara_vc_key_load(&vkey, proof_key) < 0))
		rc = cli_fail(c);
	else
		rc = cli_issue_batch(c, type, val[I_BATCH], signer, vkey,
			val[I_OUT], val[I_JOBS]);
	setara_vc_key_free(vkey);
	setara_cred_signer_free(signer);
	setara_cred_trust_free(trust);
	return rc;
}

/* What one issued document says: a line, or the JSON answer. */
/*
 * The context files of the data directory against their pins: a changed
 * context would change what the credential about to be signed means.
 */
static int check_contexts(cli *c)
{
	const char *data = cli_data_dir(c);
	char *dir;
	int rc = EXIT_OK;

	if (data == NULL)
		return cli_fail(c);
	if ((dir = setara__path_join(data, "contexts")) == NULL ||
	    setara_vc_contexts_check(dir) < 0)
		rc = cli_fail(c);
	setara__free(dir);
	return rc;
}

static int print_issued(cli *c, setara_doc_type type, int vc,
	const setara_cred_issued *info, const char *input, const char *out)
{
	setara_buf b = SETARA_BUF_INIT;
	setara__json j;
	int error;

	if (!c->json) {
		printf("issued %s%s %s -> %s\n", setara_cred_type_name(type),
			vc ? " (vc)" : "", info->id, out);
		return 0;
	}
	/* One line per document: scripts read it as JSON Lines. */
	setara__json_init(&j, &b, 0);
	setara__json_obj_open(&j, NULL);
	setara__json_int(&j, "version", 1);
	setara__json_str(&j, "type", setara_cred_type_name(type));
	if (vc)
		setara__json_str(&j, "format", "vc");
	setara__json_str(&j, "id", info->id);
	setara__json_str(&j, "input", input);
	setara__json_str(&j, "file", out);
	setara__json_str(&j, "sha256", info->sha256);
	error = cli_json_end(&j, &b, 0);
	setara_buf_dispose(&b);
	return error;
}

int cmd_issue(cli *c, int argc, char **argv)
{
	setara_cred_issued info = SETARA_CRED_ISSUED_INIT;
	setara_signer *signer = NULL;
	setara_trust *trust = NULL;
	setara_store *st = NULL;
	setara_doc_type type;
	cli_parser p;
	const char *val[I_N] = { NULL };
	setara_vc_key *vkey = NULL;
	int rc = EXIT_OK, vc = 0;

	if (cli_args(&p, c, &issue_cmd, argc, argv, val, -1, &rc))
		goto done;
	if ((rc = cli_format_args(&issue_cmd, val[I_FORMAT],
	    val[I_PROOF_KEY], &vc)) != EXIT_OK)
		goto done;
	if (val[I_BATCH]) {
		/* With --format vc and no --proof-key, --key makes the proof. */
		rc = issue_batch(c, &p, val, vc ? (val[I_PROOF_KEY] ?
			val[I_PROOF_KEY] : val[I_KEY]) : NULL);
		goto done;
	}
	if (val[I_JOBS]) {
		rc = cli_usage_error(&issue_cmd, "-j goes with --batch");
		goto done;
	}
	if (p.npos != 2) {
		rc = cli_usage_error(&issue_cmd, p.npos < 2 ?
			"TYPE and INPUT are required" :
			"unexpected argument '%s'", p.npos > 2 ? p.pos[2] : "");
		goto done;
	}
	if (val[I_KEY] == NULL || val[I_CERT] == NULL || val[I_OUT] == NULL) {
		rc = cli_usage_error(&issue_cmd, "--key, --cert and -o are "
			"required");
		goto done;
	}
	if (setara_cred_type_from_name(&type, p.pos[0]) < 0) {
		rc = cli_usage_error(&issue_cmd, "%s",
			setara_error_last()->message);
		goto done;
	}
	if (vc && (rc = check_contexts(c)) != EXIT_OK)
		goto done;
	if (load_signer(&signer, &trust, val) < 0 ||
	    (vc && setara_vc_key_load(&vkey, val[I_PROOF_KEY] ?
	    val[I_PROOF_KEY] : val[I_KEY]) < 0) ||
	    cli_store(c, &st) < 0 || setara_register_recover(st, NULL) < 0 ||
	    (vc ? setara_vc_issue(&info, st, type, p.pos[1], signer, vkey,
	    val[I_OUT]) : setara_cred_issue(&info, st, type, p.pos[1], signer,
	    val[I_OUT])) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	if (print_issued(c, type, vc, &info, p.pos[1], val[I_OUT]) < 0)
		rc = cli_fail(c);
done:
	setara_vc_key_free(vkey);
	setara_cred_signer_free(signer);
	setara_cred_trust_free(trust);
	cli_parser_dispose(&p);
	return rc;
}
