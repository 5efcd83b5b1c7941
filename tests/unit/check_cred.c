/*
 * Unit tests of the cred component: real documents built from the sample
 * records, signed with keys of a demo PKI made by certs/mkpki for this run,
 * verified, then tampered with in every way issue 4 lists -- each must
 * fail on the right check.  Interop both ways with the xmlsec1 tool.
 */
#include <pthread.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <libxml/c14n.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>

#include "check_common.h"
#include "c14n_oracle.h"
#include "cred/cred_int.h"
#include "setara/register.h"
#include "store/store_api.h"
#include "util/bitstring.h"

/* ---- fixtures ------------------------------------------------------------ */

static const char *pki;    /* the demo PKI, made once in the parent process */

static void pki_setup(void)
{
	if (pki)
		return;
	pki = test_run_dir();
	test_mkpki(pki);
}

static const char *pk(const char *rel)
{
	return test_path(pki, rel);
}

static const char *top(const char *rel)
{
	return test_path(test_top(), rel);
}

/* The issuer @name of the demo PKI; "rogue", the issuer of its untrusted
 * CA. */
static setara_signer *signer(const char *name)
{
	setara_signer *s = NULL;

	if (strncmp(name, "rogue", 5) != 0)
		return test_pki_signer(pki, name);
	ck_assert_msg(setara_cred_signer_load(&s, pk("rogue/my-um.key"),
		pk("rogue/my-um.pem"), NULL) == 0, "signer %s: %s", name,
		setara_error_last()->message);
	return s;
}

static void read_text(setara_buf *b, const char *path)
{
	setara_buf_clear(b);
	ck_assert_int_eq(setara__read_file(b, path, 0), 0);
}

static void dump(setara_buf *out, xmlDocPtr doc)
{
	xmlChar *mem = NULL;
	int len = 0;

	xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
	ck_assert_ptr_nonnull(mem);
	setara_buf_clear(out);
	setara_buf_put(out, mem, (size_t)len);
	xmlFree(mem);
}

/* Build from a record (text) and sign with @who; the signed bytes. */
static void issue_text(setara_buf *out, setara_doc_type type,
	const setara_buf *record, const char *who)
{
	setara_signer *s = signer(who);
	xmlDocPtr doc = NULL;

	ck_assert_msg(setara_cred_build(&doc, type, record->ptr,
		record->size, "record") == 0, "build: %s",
		setara_error_last()->message);
	ck_assert_int_eq(setara_cred_sign(doc, s), 0);
	dump(out, doc);
	xmlFreeDoc(doc);
	setara_cred_signer_free(s);
}

/* The sample record of @type: examples/transcript.xml or
 * examples/certificate.xml. */
static void sample_record(setara_buf *rec, setara_doc_type type)
{
	read_text(rec, top(type == SETARA_DOC_TRANSCRIPT ?
		"examples/transcript.xml" : "examples/certificate.xml"));
}

static void issue_sample(setara_buf *out, setara_doc_type type,
	const char *who)
{
	setara_buf rec = SETARA_BUF_INIT;

	sample_record(&rec, type);
	issue_text(out, type, &rec, who);
	setara_buf_dispose(&rec);
}

/* The document tree of @type built from its sample record. */
static xmlDocPtr built_sample(setara_doc_type type)
{
	setara_buf rec = SETARA_BUF_INIT;
	xmlDocPtr doc = NULL;

	sample_record(&rec, type);
	ck_assert_msg(setara_cred_build(&doc, type, rec.ptr, rec.size,
		type == SETARA_DOC_TRANSCRIPT ? "t" : "c") == 0, "build: %s",
		setara_error_last()->message);
	setara_buf_dispose(&rec);
	return doc;
}

/* The sample record of @type with up to three edits (from, to; NULL for
 * none), issued by @who into @out. */
static void issue_edited(setara_buf *out, setara_doc_type type,
	const char *const edit[6], const char *who)
{
	setara_buf rec = SETARA_BUF_INIT;
	int i;

	sample_record(&rec, type);
	for (i = 0; i < 6 && edit[i]; i += 2)
		test_replace(&rec, edit[i], edit[i + 1]);
	issue_text(out, type, &rec, who);
	setara_buf_dispose(&rec);
}

/* The store s.db in @dir, its path into @db, with the reference data of
 * the checkout loaded when @load. */
static setara_store *store_in(const char *dir, char *db, size_t size,
	int load)
{
	setara_store *st = NULL;

	snprintf(db, size, "%s/s.db", dir);
	ck_assert_int_eq(test_store_open(&st, db, 0), 0);
	if (load)
		ck_assert_msg(setara_store_load(st, test_top(), NULL) == 0,
			"load: %s", setara_error_last()->message);
	return st;
}

/* Verify options that check every signature with libxmlsec1 too and,
 * when @t is not NULL, trust the PKI's trust list, loaded into *@t. */
static setara_verify_options crosschecked(setara_trust **t)
{
	setara_verify_options o = SETARA_VERIFY_OPTIONS_INIT;

	o.crosscheck = 1;
	if (t) {
		ck_assert_msg(setara_cred_trust_load(t, pk("trust")) == 0,
			"trust: %s", setara_error_last()->message);
		o.trust = *t;
	}
	return o;
}

/* Verify bytes with the PKI's trust store, status lists from @status. */
static setara_verdict *verify_at(const setara_buf *doc, const char *status,
	const char *at)
{
	setara_verify_options o;
	setara_trust *t = NULL;
	setara_verifier *v = NULL;
	setara_verdict *vd = NULL;
	time_t when;

	o = crosschecked(&t);
	o.status = status;
	if (at) {
		ck_assert_int_eq(setara__time_parse(&when, at), 0);
		o.at = (long long)when;
	}
	ck_assert_msg(setara_cred_verifier_new(&v, &o) == 0, "verifier: %s",
		setara_error_last()->message);
	ck_assert_int_eq(setara_cred_verify_mem(&vd, v, doc->ptr, doc->size,
		"doc.xml"), 0);
	setara_cred_verifier_free(v);
	setara_cred_trust_free(t);
	return vd;
}

static setara_verdict *verify(const setara_buf *doc)
{
	return verify_at(doc, NULL, NULL);
}

#define ASSERT_CHECK(vd, check, want) do { \
		const char *why_; \
		setara_check_status s_ = setara_verdict_check((vd), (check), \
			&why_); \
		ck_assert_msg((int)s_ == (int)(want), \
			"%s: %s (%s), expected %s", \
			setara_cred_check_name(check), \
			setara_cred_check_status_name(s_), why_, \
			setara_cred_check_status_name( \
			(setara_check_status)(want))); \
	} while (0)

#define ASSERT_REASON(vd, check, text) do { \
		const char *why_; \
		setara_verdict_check((vd), (check), &why_); \
		ck_assert_msg(why_ && strstr(why_, (text)), \
			"%s reason '%s' lacks '%s'", \
			setara_cred_check_name(check), why_, (text)); \
	} while (0)

/* Every check up to issuer passes; validity and status too. */
static void assert_good(const setara_verdict *vd)
{
	int k;

	for (k = SETARA_CHECK_FORMAT; k <= SETARA_CHECK_STATUS; k++)
		ASSERT_CHECK(vd, (setara_check)k, SETARA_CHECK_PASS);
	ck_assert_int_ne(setara_verdict_result(vd), SETARA_RESULT_INVALID);
}

/* The failing check of a tampered document: @k fails, the result is
 * invalid. */
static void assert_fails(const setara_buf *doc, setara_check k,
	const char *reason)
{
	setara_verdict *vd = verify(doc);

	ASSERT_CHECK(vd, k, SETARA_CHECK_FAIL);
	if (reason)
		ASSERT_REASON(vd, k, reason);
	ck_assert_int_eq(setara_verdict_result(vd), SETARA_RESULT_INVALID);
	setara_verdict_free(vd);
}

/* The sample of @type issued by @who into @out, verified: every check
 * passes (assert_good()); caller frees the verdict. */
static setara_verdict *good_sample(setara_buf *out, setara_doc_type type,
	const char *who)
{
	setara_verdict *vd;

	issue_sample(out, type, who);
	vd = verify(out);
	assert_good(vd);
	return vd;
}

/* The sample of @type issued by @who verifies, its check @k saying
 * @reason. */
static void good_sample_says(setara_doc_type type, const char *who,
	setara_check k, const char *reason)
{
	setara_buf out = SETARA_BUF_INIT;
	setara_verdict *vd = good_sample(&out, type, who);

	ASSERT_REASON(vd, k, reason);
	setara_verdict_free(vd);
	setara_buf_dispose(&out);
}

/* The sample transcript issued by my-um, with the first @from replaced by
 * @to: check @k fails (assert_fails()). */
static void tamper_fails(const char *from, const char *to, setara_check k,
	const char *reason)
{
	setara_buf out = SETARA_BUF_INIT;

	issue_sample(&out, SETARA_DOC_TRANSCRIPT, "my-um");
	test_replace(&out, from, to);
	assert_fails(&out, k, reason);
	setara_buf_dispose(&out);
}

static int sh(const char *fmt, ...) SETARA_PRINTF(1, 2);

static int sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	rc = system(cmd);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/* Remove the temporary directory @dir of a test and free its name. */
static void rm_tmpdir(char *dir)
{
	sh("rm -rf '%s'", dir);
	free(dir);
}

static void write_buf(const char *path, const setara_buf *b)
{
	ck_assert_int_eq(setara__write_file_atomic(path, b->ptr, b->size,
		0644), 0);
}

/* The signed document with its Signature replaced by @tmpl. */
static void with_template(setara_buf *out, const setara_buf *signed_doc,
	const char *tmpl)
{
	const char *a = strstr(signed_doc->ptr, "<ds:Signature");
	const char *b = strstr(signed_doc->ptr, "</ds:Signature>");

	ck_assert(a && b);
	setara_buf_clear(out);
	setara_buf_put(out, signed_doc->ptr, (size_t)(a - signed_doc->ptr));
	setara_buf_puts(out, tmpl);
	setara_buf_puts(out, b + strlen("</ds:Signature>"));
}

#define DS "http://www.w3.org/2000/09/xmldsig#"
#define TEMPLATE(sigalg, transforms, digest, keyinfo) \
	"<ds:Signature xmlns:ds=\"" DS "\"><ds:SignedInfo>" \
	"<ds:CanonicalizationMethod Algorithm=\"" SETARA_ALG_EXC_C14N "\"/>" \
	"<ds:SignatureMethod Algorithm=\"" sigalg "\"/>" \
	"<ds:Reference URI=\"\"><ds:Transforms>" transforms \
	"</ds:Transforms><ds:DigestMethod Algorithm=\"" digest "\"/>" \
	"<ds:DigestValue/></ds:Reference></ds:SignedInfo>" \
	"<ds:SignatureValue/><ds:KeyInfo>" keyinfo "</ds:KeyInfo>" \
	"</ds:Signature>"
#define T_ENV "<ds:Transform Algorithm=\"" SETARA_ALG_ENVELOPED "\"/>"
#define T_EXC "<ds:Transform Algorithm=\"" SETARA_ALG_EXC_C14N "\"/>"
#define X509 "<ds:X509Data><ds:X509Certificate/></ds:X509Data>"

/* Sign @in with the xmlsec1 tool (key and certificate of @who). */
static void xmlsec_sign(setara_buf *out, const setara_buf *in,
	const char *who)
{
	char *dir = test_tmpdir(), in_path[512], out_path[512], key[128],
		cert[128];

	snprintf(in_path, sizeof(in_path), "%s/in.xml", dir);
	snprintf(out_path, sizeof(out_path), "%s/out.xml", dir);
	write_buf(in_path, in);
	snprintf(key, sizeof(key), "issuers/%s.key", who);
	snprintf(cert, sizeof(cert), "issuers/%s.pem", who);
	ck_assert_msg(sh("xmlsec1 --sign --privkey-pem '%s,%s' --output "
		"'%s' '%s' 2>/dev/null", pk(key), pk(cert), out_path,
		in_path) == 0, "xmlsec1 --sign failed");
	read_text(out, out_path);
	rm_tmpdir(dir);
}

/* The documents of a test of signatures the xmlsec1 tool made: a sample
 * we signed (ours), a signature template put in its place (tmpl) and
 * that template signed by xmlsec1 (theirs). */
typedef struct foreign {
	setara_buf ours, tmpl, theirs;
} foreign;

/* @f, with the sample document @type signed by @who in ours. */
static void foreign_sample(foreign *f, setara_doc_type type,
	const char *who)
{
	const setara_buf empty = SETARA_BUF_INIT;

	f->ours = f->tmpl = f->theirs = empty;
	issue_sample(&f->ours, type, who);
}

/* Dispose of the documents of @f. */
static void foreign_free(foreign *f)
{
	setara_buf_dispose(&f->ours);
	setara_buf_dispose(&f->tmpl);
	setara_buf_dispose(&f->theirs);
}

/* @tmpl in place of the signature of f->ours, into f->tmpl, and signed
 * by @who with the xmlsec1 tool into f->theirs (or left unsigned, @who
 * NULL): a signature the profile refuses for @reason. */
static void template_refused(foreign *f, const char *tmpl, const char *who,
	const char *reason)
{
	with_template(&f->tmpl, &f->ours, tmpl);
	if (who)
		xmlsec_sign(&f->theirs, &f->tmpl, who);
	assert_fails(who ? &f->theirs : &f->tmpl, SETARA_CHECK_PROFILE,
		reason);
}

/* @doc, a document setara signed, signed again by my-um's key with the
 * xmlsec1 tool, then verified. */
static setara_verdict *resigned_by_xmlsec1(const setara_buf *doc)
{
	setara_buf tmpl = SETARA_BUF_INIT, theirs = SETARA_BUF_INIT;
	setara_verdict *vd;

	with_template(&tmpl, doc, TEMPLATE(SETARA_ALG_ECDSA_SHA256,
		T_ENV T_EXC, SETARA_ALG_SHA256, X509));
	xmlsec_sign(&theirs, &tmpl, "my-um");
	vd = verify(&theirs);
	ASSERT_CHECK(vd, SETARA_CHECK_SIGNATURE, SETARA_CHECK_PASS);
	setara_buf_dispose(&tmpl);
	setara_buf_dispose(&theirs);
	return vd;
}

/* ---- types.c ------------------------------------------------------------- */

START_TEST(test_cred_types__names)
{
	setara_doc_type t;

	ck_assert_int_eq(setara_cred_type_from_name(&t, "transcript"), 0);
	ck_assert_int_eq(t, SETARA_DOC_TRANSCRIPT);
	ck_assert_int_eq(setara_cred_type_from_name(&t, "statusList"), 0);
	ck_assert_int_eq(t, SETARA_DOC_STATUS_LIST);
	ck_assert_int_eq(setara_cred_type_from_name(&t, "diploma"),
		SETARA_ENOTFOUND);
	ck_assert_str_eq(setara_cred_type_name(SETARA_DOC_ATTESTATION),
		"attestation");
	ck_assert_ptr_null(setara_cred_type_name(SETARA_DOC_TYPE_COUNT));
	/* every schema of ours is embedded and compiles */
	ck_assert_ptr_nonnull(setara__embedded("cred/transcript.xsd", NULL));
	ck_assert_ptr_nonnull(setara__embedded("cred/trust.xsd", NULL));
}
END_TEST

/* ---- dec.c --------------------------------------------------------------- */

START_TEST(test_cred_dec__exact)
{
	long long a, b, c;
	char out[32];

	ck_assert_int_eq(setara_cred__dec_parse(&a, "0.1"), 0);
	ck_assert_int_eq(setara_cred__dec_parse(&b, "0.2"), 0);
	ck_assert_int_eq(setara_cred__dec_parse(&c, "0.3"), 0);
	ck_assert(a + b == c); /* never 0.30000000000000004 */
	setara_cred__dec_format(out, a + b);
	ck_assert_str_eq(out, "0.3");
	setara_cred__dec_format(out, 150000000);
	ck_assert_str_eq(out, "150");
	ck_assert_int_eq(setara_cred__dec_parse(&a, "4.1234567"),
		SETARA_EINVALID);
	ck_assert_int_eq(setara_cred__dec_parse(&a, "-1"), SETARA_EINVALID);
	ck_assert_int_eq(setara_cred__dec_parse(&a, "1."), SETARA_EINVALID);
	ck_assert_int_eq(setara_cred__dec_parse(&a, ""), SETARA_EINVALID);
}
END_TEST

/* ---- build.c ------------------------------------------------------------- */

START_TEST(test_cred_build__transcript_from_record)
{
	xmlDocPtr doc;
	xmlNodePtr root;
	char *t;

	doc = built_sample(SETARA_DOC_TRANSCRIPT);
	root = xmlDocGetRootElement(doc);
	ck_assert_str_eq((const char *)root->name, "transcript");
	t = setara__xml_child_text(root, SETARA_NS_DOC, "id");
	ck_assert_int_eq(strncmp(t, "urn:uuid:", 9), 0);
	ck_assert_int_eq(strlen(t), 45);
	setara__free(t);
	ck_assert_ptr_nonnull(setara__xml_child(root, SETARA_NS_DOC,
		"subject"));
	ck_assert_ptr_null(setara__xml_child(root, SETARA_NS_DOC, "learner"));
	t = setara__xml_child_text(root, SETARA_NS_DOC, "issued");
	ck_assert_str_eq(t, "2026-11-23T10:00:00Z"); /* setara_clock_set() */
	setara__free(t);
	xmlFreeDoc(doc);
}
END_TEST

/* A SHA-256 in hex, for the fields that hold one. */
#define SHA64 "0123456789abcdef0123456789abcdef" \
	"0123456789abcdef0123456789abcdef"

/* Comments and processing instructions are not covered by the signature
 * (exclusive C14N without comments), so a built document has none; a
 * CDATA section becomes plain text. */
/* The sample transcript record changed by @edits (from, to, ...) is refused
 * with a message holding @why. */
static void transcript_refused(const char *const *edits, const char *why)
{
	setara_buf rec = SETARA_BUF_INIT;
	xmlDocPtr doc = NULL;
	size_t i;

	read_text(&rec, top("examples/transcript.xml"));
	for (i = 0; edits[i]; i += 2)
		test_replace(&rec, edits[i], edits[i + 1]);
	ck_assert_int_eq(setara_cred_build(&doc, SETARA_DOC_TRANSCRIPT,
		rec.ptr, rec.size, "r"), SETARA_EINVALID);
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message, why));
	ck_assert_ptr_null(doc);
	setara_buf_dispose(&rec);
}

/* Build @rec (changed by @from -> @to pairs) and validate the result
 * against the document's schema, which issuing no longer does. */
static void built_is_valid(setara_doc_type type, const char *rec_path,
	const char *const *edits)
{
	setara_buf rec = SETARA_BUF_INIT;
	xmlDocPtr doc = NULL;
	size_t i;

	read_text(&rec, top(rec_path));
	for (i = 0; edits && edits[i]; i += 2)
		test_replace(&rec, edits[i], edits[i + 1]);
	ck_assert_msg(setara_cred_build(&doc, type, rec.ptr, rec.size,
		"r") == 0, "%s", setara_error_last()->message);
	ck_assert_msg(setara__xml_validate(doc, type == SETARA_DOC_TRANSCRIPT ?
		"cred/transcript.xsd" : "cred/certificate.xsd", "r") == 0,
		"built from %s%s: %s", rec_path, edits ? " (changed)" : "",
		setara_error_last()->message);
	/* and once signed, with its status entries */
	ck_assert_int_eq(setara_cred__add_status(doc, "urn:uuid:"
		"00000000-0000-7000-8000-000000000000", 7, 0), 0);
	xmlFreeDoc(doc);
	setara_buf_dispose(&rec);
}

START_TEST(test_cred_build__valid_by_construction)
{
	static const char *const no_totals[] = {
		"<totals credits=\"150\" convertedCredits=\"225.0\" "
		"gpa=\"3.65\"/>", "", NULL };
	static const char *const no_converted[] = {
		" convertedCredits=\"225.0\"", "", NULL };
	static const char *const dates[] = {
		"</learner>", "</learner>\n  <validFrom>2025-09-01T00:00:00Z"
		"</validFrom>\n  <validUntil>2035-09-01T00:00:00Z</validUntil>",
		"version=\"1\"", "version=\"7\" xml:lang=\"ms\"", NULL };
	static const char *const until_only[] = {
		"</learner>", "</learner><validUntil>2035-09-01T00:00:00Z"
		"</validUntil>", NULL };
	static const char *const cert_from[] = {
		"<validUntil>", "<validFrom>2026-01-01T00:00:00+08:00"
		"</validFrom><validUntil>", NULL };
	static const char *const huge[] = {
		"credits=\"3\" grade=\"A\" points=\"4.00\"",
		"credits=\"999999999\" grade=\"A\" points=\"4.00\"",
		"credits=\"5\" grade=\"A-\"", "credits=\"999999999\" grade=\"A-\"",
		"<totals credits=\"150\" convertedCredits=\"225.0\" "
		"gpa=\"3.65\"/>", "", NULL };
	built_is_valid(SETARA_DOC_TRANSCRIPT, "examples/transcript.xml",
		NULL);
	built_is_valid(SETARA_DOC_TRANSCRIPT, "examples/transcript.xml",
		no_totals);
	built_is_valid(SETARA_DOC_TRANSCRIPT, "examples/transcript.xml",
		no_converted);
	built_is_valid(SETARA_DOC_TRANSCRIPT, "examples/transcript.xml",
		dates);
	built_is_valid(SETARA_DOC_TRANSCRIPT, "examples/transcript.xml",
		until_only);
	built_is_valid(SETARA_DOC_CERTIFICATE, "examples/certificate.xml",
		NULL);
	built_is_valid(SETARA_DOC_CERTIFICATE, "examples/certificate.xml",
		cert_from);
	/* Totals that no Amount can hold are refused, not written. */
	transcript_refused(huge, "largest amount");
}
END_TEST

START_TEST(test_cred_build__comments_and_cdata)
{
	setara_buf rec = SETARA_BUF_INIT;
	xmlDocPtr doc = NULL;
	xmlChar *mem = NULL;
	xmlNodePtr course, title;
	char *t;
	int len = 0;

	read_text(&rec, top("examples/transcript.xml"));
	test_replace(&rec, "<title>Computing Mathematics I</title>",
		"<?note keep?><title><![CDATA[Computing <Mathematics> I]]>"
		"</title><!-- checked by the registry -->");
	test_replace(&rec, "<learner ", "<!-- inside --><learner ");
	ck_assert_msg(setara_cred_build(&doc, SETARA_DOC_TRANSCRIPT, rec.ptr,
		rec.size, "t") == 0, "%s", setara_error_last()->message);
	xmlDocDumpMemory(doc, &mem, &len);
	ck_assert_ptr_nonnull(mem);
	ck_assert_ptr_null(strstr((const char *)mem, "<!--"));
	ck_assert_ptr_null(strstr((const char *)mem, "<?note"));
	ck_assert_ptr_null(strstr((const char *)mem, "CDATA"));
	ck_assert_ptr_nonnull(strstr((const char *)mem,
		"<title>Computing &lt;Mathematics&gt; I</title>"));
	course = setara__xml_child(setara__xml_child(xmlDocGetRootElement(doc),
		SETARA_NS_DOC, "term"), SETARA_NS_DOC, "course");
	title = setara__xml_child(course, SETARA_NS_DOC, "title");
	t = (char *)xmlNodeGetContent(title);
	ck_assert_str_eq(t, "Computing <Mathematics> I");
	xmlFree(t);
	xmlFree(mem);
	xmlFreeDoc(doc);

	/* A document given as its own input (here an attestation) too. */
	setara_buf_clear(&rec);
	setara_buf_puts(&rec, "<!-- exported -->"
		"<attestation xmlns=\"urn:setara:doc:1\" version=\"1\">"
		"<id>urn:uuid:6b1f0e0a-8a55-4c1e-9d55-2b7f1c0d9e21</id>"
		"<issuer id=\"ph-tesda\" country=\"PH\"><name>N</name></issuer>"
		"<subject id=\"s1\"><name>L<!-- x --></name></subject>"
		"<issued>2026-11-20T00:00:00Z</issued>"
		"<validFrom>2026-11-20T00:00:00Z</validFrom>"
		"<claim occupation=\"ph-tesda-bpp\" country=\"PH\" "
		"requiredAqrf=\"2\" confidence=\"medium\"><title>Bread<?pi?>"
		"</title></claim><credential sha256=\"" SHA64 "\" "
		"result=\"valid\"/><decision outcome=\"recognised\" "
		"at=\"2026-11-20T00:00:00Z\"><reason code=\"RECOGNISED\"/>"
		"</decision><inputs><input role=\"credential\" name=\"c.xml\" "
		"sha256=\"" SHA64 "\"/></inputs><trace><step rule=\"outcome\">"
		"recognised</step></trace></attestation>");
	ck_assert_msg(setara_cred_build(&doc, SETARA_DOC_ATTESTATION, rec.ptr,
		rec.size, "a") == 0, "%s", setara_error_last()->message);
	mem = NULL;
	xmlDocDumpMemory(doc, &mem, &len);
	ck_assert_ptr_nonnull(mem);
	ck_assert_ptr_null(strstr((const char *)mem, "<!--"));
	ck_assert_ptr_null(strstr((const char *)mem, "<?pi"));
	ck_assert_ptr_nonnull(strstr((const char *)mem, "<title>Bread</title>"));
	xmlFree(mem);
	xmlFreeDoc(doc);
	setara_buf_dispose(&rec);
}
END_TEST

START_TEST(test_cred_build__totals_computed_and_checked)
{
	static const char *const wrong_total[] = {
		"credits=\"150\"", "credits=\"149\"", NULL };
	setara_buf rec = SETARA_BUF_INIT;
	xmlDocPtr doc = NULL;
	xmlNodePtr totals;
	char *c;

	read_text(&rec, top("examples/transcript.xml"));
	test_replace(&rec, "<totals credits=\"150\" convertedCredits=\"225.0\" "
		"gpa=\"3.65\"/>", "");
	ck_assert_int_eq(setara_cred_build(&doc, SETARA_DOC_TRANSCRIPT,
		rec.ptr, rec.size, "t"), 0);
	totals = setara__xml_child(xmlDocGetRootElement(doc), SETARA_NS_DOC,
		"totals");
	ck_assert_ptr_nonnull(totals);
	c = setara__xml_attr(totals, "credits");
	ck_assert_str_eq(c, "150");
	xmlFree(c);
	c = setara__xml_attr(totals, "convertedCredits");
	ck_assert_str_eq(c, "225");
	xmlFree(c);
	xmlFreeDoc(doc);

	setara_buf_dispose(&rec);
	transcript_refused(wrong_total, "sum to 150");
}
END_TEST

START_TEST(test_cred_build__bad_records_refused)
{
	setara_buf rec = SETARA_BUF_INIT;
	xmlDocPtr doc = NULL;

	/* schema-invalid record: nothing is built, line and message */
	read_text(&rec, top("examples/transcript.xml"));
	test_replace(&rec, "level=\"my-mqf:6\"", "level=\"MQF level six\"");
	ck_assert_int_eq(setara_cred_build(&doc, SETARA_DOC_TRANSCRIPT,
		rec.ptr, rec.size, "t.xml"), SETARA_EINVALID);
	ck_assert_ptr_null(doc);
	ck_assert_int_gt(setara_error_last()->line, 0);
	/* a certificate record given as a transcript */
	read_text(&rec, top("examples/certificate.xml"));
	ck_assert_int_eq(setara_cred_build(&doc, SETARA_DOC_TRANSCRIPT,
		rec.ptr, rec.size, "c.xml"), SETARA_EINVALID);
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message,
		"transcriptRecord"));
	/* a DOCTYPE in a record */
	setara_buf_clear(&rec);
	setara_buf_puts(&rec, "<!DOCTYPE x [<!ENTITY e \"boom\">]>"
		"<transcriptRecord xmlns=\"urn:setara:doc:1\"/>");
	ck_assert_int_eq(setara_cred_build(&doc, SETARA_DOC_TRANSCRIPT,
		rec.ptr, rec.size, "d.xml"), SETARA_EINVALID);
	ck_assert_str_eq(setara_error_last()->field, "DOCTYPE");
	setara_buf_dispose(&rec);
}
END_TEST

START_TEST(test_cred_build__status_entry_inserted)
{
	xmlDocPtr doc;
	xmlNodePtr st;
	char *idx;

	doc = built_sample(SETARA_DOC_CERTIFICATE);
	ck_assert_int_eq(setara_cred__add_status(doc, "urn:uuid:"
		"00000000-0000-4000-8000-000000000001", 42, 0), 0);
	ck_assert_int_eq(setara_cred__add_status(doc, "urn:uuid:"
		"00000000-0000-4000-8000-000000000002", 7, 1), 0);
	/* still valid: the entries are where the schema wants them */
	ck_assert_msg(setara__xml_validate(doc, "cred/certificate.xsd",
		"c") == 0, "%s", setara_error_last()->message);
	st = setara__xml_child(xmlDocGetRootElement(doc), SETARA_NS_DOC,
		"status");
	idx = setara__xml_attr(st, "index");
	ck_assert_str_eq(idx, "42");
	xmlFree(idx);
	xmlFreeDoc(doc);
}
END_TEST

/* ---- ossl.c -------------------------------------------------------------- */

START_TEST(test_cred_ossl__base64)
{
	setara_buf b = SETARA_BUF_INIT, d = SETARA_BUF_INIT;
	const unsigned char raw[] = { 0xfb, 0xff, 0x00, 0x10, 0x83 };

	ck_assert_int_eq(setara__base64(&b, raw, sizeof(raw), 0), 0);
	ck_assert_str_eq(b.ptr, "+/8AEIM=");
	ck_assert_int_eq(setara__base64_decode(&d, " +/8A\nEIM= ", 11, 0),
		0);
	ck_assert_uint_eq(d.size, sizeof(raw));
	ck_assert_int_eq(memcmp(d.ptr, raw, sizeof(raw)), 0);
	setara_buf_clear(&d);
	ck_assert_int_eq(setara__base64_decode(&d, "-_8AEIM", 7, 1), 0);
	ck_assert_int_eq(memcmp(d.ptr, raw, sizeof(raw)), 0);
	setara_buf_clear(&d);
	ck_assert_int_eq(setara__base64_decode(&d, "a*b=", 4, 0),
		SETARA_EINVALID);
	setara_buf_dispose(&b);
	setara_buf_dispose(&d);
}
END_TEST

START_TEST(test_cred_ossl__signer_checks)
{
	setara_signer *s = NULL;

	/* the key does not match the certificate */
	ck_assert_int_eq(setara_cred_signer_load(&s, pk("issuers/my-um.key"),
		pk("issuers/ph-upd.pem"), NULL), SETARA_EINVALID);
	/* no digitalSignature key usage */
	ck_assert_int_eq(setara_cred_signer_load(&s,
		pk("issuers/id-ui-nokeyusage.key"),
		pk("issuers/id-ui-nokeyusage.pem"), NULL), SETARA_EINVALID);
	ck_assert_str_eq(setara_error_last()->field, "keyUsage");
	/* an extended key usage that excludes document signing */
	ck_assert_int_eq(setara_cred_signer_load(&s,
		pk("issuers/id-ui-serverauth.key"),
		pk("issuers/id-ui-serverauth.pem"), NULL), SETARA_EINVALID);
	ck_assert_str_eq(setara_error_last()->field, "extendedKeyUsage");
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message,
		"TLS Web Server Authentication"));
	/* missing file */
	ck_assert_int_eq(setara_cred_signer_load(&s, pk("issuers/none.key"),
		pk("issuers/my-um.pem"), NULL), SETARA_EIO);
	ck_assert_ptr_null(s);
	/* with chain: signer then intermediate */
	s = signer("ph-tesda");
	ck_assert_uint_eq(s->ncerts, 2);
	setara_cred_signer_free(s);
	setara_cred_signer_free(NULL);
}
END_TEST

/* ---- sign.c -------------------------------------------------------------- */

/* C14N visibility: the SignedInfo subtree only. */
static int in_subtree(void *data, xmlNodePtr node, xmlNodePtr parent)
{
	xmlNodePtr top_ = data, n = node->type == XML_NAMESPACE_DECL ?
		parent : node;

	for (; n; n = n->parent)
		if (n == top_)
			return 1;
	return 0;
}

/* The order's inverses agree with BN_mod_inverse(), at the edges and on
 * random values; 0 and values from n up have none. */
START_TEST(test_cred_ossl__p256_order_inverse)
{
	EC_GROUP *g = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
	const BIGNUM *n = g ? EC_GROUP_get0_order(g) : NULL;
	BIGNUM *x = BN_new(), *want = BN_new(), *got = BN_new();
	BN_CTX *bc = BN_CTX_new();
	unsigned char in[32], out[32], order[32];
	int i;

	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(BN_bn2binpad(n, order, 32), 32);
	ck_assert_ptr_nonnull(bc);
	for (i = 0; i < 5000; i++) {
		if (i < 4)
			/* 1, 2, n - 1, n - 2 */
			ck_assert(i < 2 ? BN_set_word(x, (BN_ULONG)i + 1) :
				BN_sub(x, n, BN_value_one()) &&
				(i == 2 || BN_sub_word(x, 1)));
		else if (i < 260)
			/* 2^k, k < 256, and their neighbours below n */
			ck_assert(BN_lshift(x, BN_value_one(), (i - 4) % 256) &&
				(i % 2 || BN_cmp(x, n) >= 0 ||
				BN_add_word(x, 1)));
		else
			ck_assert(BN_rand_range(x, n));
		if (BN_is_zero(x) || BN_cmp(x, n) >= 0)
			continue;
		ck_assert_int_eq(BN_bn2binpad(x, in, 32), 32);
		ck_assert_int_eq(setara_cred__p256_inverse(out, in), 0);
		ck_assert_ptr_nonnull(BN_mod_inverse(want, x, n, bc));
		ck_assert_ptr_nonnull(BN_bin2bn(out, 32, got));
		ck_assert_int_eq(BN_cmp(want, got), 0);
	}
	memset(in, 0, 32);
	ck_assert_int_eq(setara_cred__p256_inverse(out, in), -1);
	ck_assert_int_eq(setara_cred__p256_inverse(out, order), -1);
	memset(in, 0xff, 32);
	ck_assert_int_eq(setara_cred__p256_inverse(out, in), -1);
	EC_GROUP_free(g);
	BN_free(x);
	BN_free(want);
	BN_free(got);
	BN_CTX_free(bc);
}
END_TEST

START_TEST(test_cred_sign__signed_info_is_canonical)
{
	setara_buf out = SETARA_BUF_INIT, want = SETARA_BUF_INIT;
	xmlOutputBufferPtr ob;
	xmlDocPtr doc = NULL;
	xmlNodePtr sig, si;
	char *digest;

	/* Our SignedInfo, written directly as bytes, must be exactly what
	 * libxml2's exclusive C14N makes of the element in the tree. */
	issue_sample(&out, SETARA_DOC_CERTIFICATE, "ph-tesda");
	ck_assert_int_eq(setara__xml_parse_mem(&doc, out.ptr, out.size, "c"),
		0);
	sig = xmlDocGetRootElement(doc)->last;
	ck_assert(setara__xml_is(sig, SETARA_NS_DSIG, "Signature"));
	si = setara__xml_child(sig, SETARA_NS_DSIG, "SignedInfo");
	digest = setara__xml_child_text(setara__xml_child(si, SETARA_NS_DSIG,
		"Reference"), SETARA_NS_DSIG, "DigestValue");
	setara_buf_printf(&want, "<ds:SignedInfo xmlns:ds=\"" DS "\">"
		"<ds:CanonicalizationMethod Algorithm=\"" SETARA_ALG_EXC_C14N
		"\"></ds:CanonicalizationMethod><ds:SignatureMethod Algorithm="
		"\"" SETARA_ALG_ECDSA_SHA256 "\"></ds:SignatureMethod>"
		"<ds:Reference URI=\"\"><ds:Transforms><ds:Transform "
		"Algorithm=\"" SETARA_ALG_ENVELOPED "\"></ds:Transform>"
		"<ds:Transform Algorithm=\"" SETARA_ALG_EXC_C14N "\">"
		"</ds:Transform></ds:Transforms><ds:DigestMethod Algorithm=\""
		SETARA_ALG_SHA256 "\"></ds:DigestMethod><ds:DigestValue>%s"
		"</ds:DigestValue></ds:Reference></ds:SignedInfo>", digest);
	ob = xmlAllocOutputBuffer(NULL);
	ck_assert_int_eq(xmlC14NExecute(doc, in_subtree, si,
		XML_C14N_EXCLUSIVE_1_0, NULL, 0, ob), 0);
	xmlOutputBufferFlush(ob);
	ck_assert_str_eq((const char *)xmlBufContent(ob->buffer), want.ptr);
	xmlOutputBufferClose(ob);
	setara__free(digest);
	xmlFreeDoc(doc);
	setara_buf_dispose(&out);
	setara_buf_dispose(&want);
}
END_TEST

START_TEST(test_cred_sign__refuses_signed)
{
	setara_buf out = SETARA_BUF_INIT;
	setara_signer *s = signer("my-um");
	xmlDocPtr doc = NULL;

	issue_sample(&out, SETARA_DOC_TRANSCRIPT, "my-um");
	ck_assert_int_eq(setara__xml_parse_mem(&doc, out.ptr, out.size, "t"),
		0);
	ck_assert_int_eq(setara_cred_sign(doc, s), SETARA_EINVALID);
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message,
		"already signed"));
	xmlFreeDoc(doc);
	setara_cred_signer_free(s);
	setara_buf_dispose(&out);
}
END_TEST

/* ---- batch.c ------------------------------------------------------------- */

static void count_failed(unsigned long number, const setara_error *e,
	void *payload)
{
	(void)number;
	(void)e;
	(*(int *)payload)++;
}

/* Rows of the register in @state, counted with the sqlite3 tool. */
static int rows(const char *db, const char *state)
{
	char sql[128];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM issued WHERE "
		"state = '%s'", state);
	return (int)test_register_int(db, sql);
}

START_TEST(test_cred_batch__write_failure_stops_the_batch)
{
	setara_batch_options bo = SETARA_BATCH_OPTIONS_INIT;
	setara_batch_stats stats;
	setara_signer *s = signer("my-um");
	setara_store *st;
	char *dir = test_tmpdir(), db[512], in[512], out[512];
	int jobs, reported;

	snprintf(in, sizeof(in), "%s/batch.xml", dir);
	ck_assert_int_eq(sh("sh '%s' 20 > '%s'", top("bench/gen-batch.sh"),
		in), 0);
	bo.record_failed = count_failed;
	bo.payload = &reported;
	for (jobs = 1; jobs <= 2; jobs++) {
		snprintf(db, sizeof(db), "%s/s%d.db", dir, jobs);
		snprintf(out, sizeof(out), "%s/out%d", dir, jobs);
		st = NULL;
		ck_assert_int_eq(test_store_open(&st, db, 0), 0);
		ck_assert_int_eq(setara_store_load(st, test_top(), NULL), 0);
		bo.jobs = jobs;
		reported = 0;
		/* Five documents fit, then the disk is full. */
		setara__write_fail_after(5);
		ck_assert_int_eq(setara_issue_batch(&stats, st,
			SETARA_DOC_TRANSCRIPT, in, s, out, &bo), SETARA_EIO);
		setara__write_fail_after(-1);
		ck_assert_str_eq(setara_error_last()->file, out);
		ck_assert_msg(strstr(setara_error_last()->message, "No space "
			"left on device; the batch stopped there (5 of 20 "
			"records issued)") != NULL, "%s",
			setara_error_last()->message);
		ck_assert_uint_eq(stats.issued, 5);
		/* No message per record; nothing pending, nothing staged;
		 * the files are the registered documents. */
		ck_assert_int_eq(reported, 0);
		ck_assert_int_eq(rows(db, "pending"), 0);
		ck_assert_int_eq(rows(db, "issued"), 5);
		ck_assert_int_eq(sh("test ! -e '%s/.setara-tmp'", out), 0);
		ck_assert_int_eq(sh("test $(ls '%s' | wc -l) = 5", out), 0);
		/* Room again: the rest is issued, no index twice. */
		ck_assert_int_eq(setara_issue_batch(&stats, st,
			SETARA_DOC_TRANSCRIPT, in, s, out, &bo), 0);
		ck_assert_uint_eq(stats.issued, 15);
		ck_assert_uint_eq(stats.skipped, 5);
		ck_assert_int_eq(rows(db, "issued"), 20);
		ck_assert_int_eq(sh("test $(ls '%s' | wc -l) = 20", out), 0);
		setara_store_free(st);
	}
	setara_cred_signer_free(s);
	rm_tmpdir(dir);
}
END_TEST

/* ---- issue.c ------------------------------------------------------------- */

START_TEST(test_cred_issue__file_atomic)
{
	setara_cred_issued info = SETARA_CRED_ISSUED_INIT;
	setara_signer *s = signer("my-um"), *old = signer("ph-upd-expired");
	char *dir = test_tmpdir(), out[512], sum[65];
	setara_buf b = SETARA_BUF_INIT;
	struct stat st;

	snprintf(out, sizeof(out), "%s/t.xml", dir);
	ck_assert_msg(setara_cred_issue(&info, NULL, SETARA_DOC_TRANSCRIPT,
		top("examples/transcript.xml"), s, out) == 0, "%s",
		setara_error_last()->message);
	read_text(&b, out);
	setara__sha256_hex(sum, b.ptr, b.size);
	ck_assert_str_eq(sum, info.sha256);
	ck_assert_ptr_nonnull(strstr(b.ptr, info.id));
	/* an expired signing certificate: refused, nothing written */
	snprintf(out, sizeof(out), "%s/old.xml", dir);
	ck_assert_int_eq(setara_cred_issue(&info, NULL, SETARA_DOC_TRANSCRIPT,
		top("examples/transcript.xml"), old, out), SETARA_EINVALID);
	ck_assert_int_ne(stat(out, &st), 0);
	/* a missing input */
	ck_assert_int_eq(setara_cred_issue(&info, NULL, SETARA_DOC_TRANSCRIPT,
		top("examples/none.xml"), s, out), SETARA_EIO);
	rm_tmpdir(dir);
	setara_buf_dispose(&b);
	setara_cred_signer_free(s);
	setara_cred_signer_free(old);
}
END_TEST

START_TEST(test_cred_issue__document_in_memory)
{
	setara_cred_issued info = SETARA_CRED_ISSUED_INIT;
	setara_signer *s = signer("ph-tesda");
	setara_buf rec = SETARA_BUF_INIT, b = SETARA_BUF_INIT;
	char *dir = test_tmpdir(), out[512];
	xmlDocPtr doc = NULL;
	setara_verdict *vd;

	/* as another component would: a document tree, then issue it */
	read_text(&rec, top("examples/certificate.xml"));
	ck_assert_int_eq(setara_cred_build(&doc, SETARA_DOC_CERTIFICATE,
		rec.ptr, rec.size, "c"), 0);
	snprintf(out, sizeof(out), "%s/c.xml", dir);
	ck_assert_msg(setara_cred_issue_doc(&info, NULL, doc, s, out) == 0,
		"%s", setara_error_last()->message);
	read_text(&b, out);
	vd = verify(&b);
	assert_good(vd);
	ck_assert_str_eq(setara_verdict_id(vd), info.id);
	setara_verdict_free(vd);
	/* signed now: refused a second time */
	ck_assert_int_eq(setara_cred_issue_doc(&info, NULL, doc, s, out),
		SETARA_EINVALID);
	xmlFreeDoc(doc);
	/* schema-invalid: refused, nothing written */
	ck_assert_int_eq(setara_cred_build(&doc, SETARA_DOC_CERTIFICATE,
		rec.ptr, rec.size, "c"), 0);
	{
		xmlNodePtr u = setara__xml_child(xmlDocGetRootElement(doc),
			SETARA_NS_DOC, "units");

		xmlUnlinkNode(u);
		xmlFreeNode(u);
	}
	snprintf(out, sizeof(out), "%s/bad.xml", dir);
	ck_assert_int_eq(setara_cred_issue_doc(&info, NULL, doc, s, out),
		SETARA_EINVALID);
	ck_assert_int_ne(access(out, F_OK), 0);
	xmlFreeDoc(doc);
	rm_tmpdir(dir);
	setara_cred_signer_free(s);
	setara_buf_dispose(&rec);
	setara_buf_dispose(&b);
}
END_TEST

/* Issue @rec (a record's text) as @type, signed by @s, into @dir; on
 * refusal, the message must hold @want and nothing is written. */
static void issue_refused(setara_store *st, setara_doc_type type,
	const char *rec, const setara_signer *s, const char *dir,
	const char *want)
{
	setara_cred_issued info = SETARA_CRED_ISSUED_INIT;
	char in[512], out[512];

	snprintf(in, sizeof(in), "%s/r.xml", dir);
	snprintf(out, sizeof(out), "%s/o.xml", dir);
	ck_assert_int_eq(setara__write_file_atomic(in, rec, strlen(rec),
		0644), 0);
	ck_assert_int_eq(setara_cred_issue(&info, st, type, in, s, out),
		SETARA_EINVALID);
	ck_assert_msg(strstr(setara_error_last()->message, want) != NULL,
		"wanted '%s' in: %s", want, setara_error_last()->message);
	ck_assert_int_ne(access(out, F_OK), 0);
}

/* @text with the first @from replaced by @to (which must be there). */
static char *replaced(const setara_buf *text, const char *from,
	const char *to)
{
	const char *at = strstr(text->ptr, from);
	char *r;

	ck_assert_msg(at != NULL, "'%s' is not in the sample", from);
	ck_assert_ptr_nonnull(r = malloc(text->size + strlen(to) + 1));
	memcpy(r, text->ptr, (size_t)(at - text->ptr));
	strcpy(r + (at - text->ptr), to);
	strcat(r, at + strlen(from));
	return r;
}

START_TEST(test_cred_issue__refuted_records)
{
	static const struct { const char *from, *to, *want; } cases[] = {
		{ "credits=\"5\" grade=\"A-\"", "credits=\"5\" grade=\"Z\"",
		  "is not on" },
		{ "creditSystem=\"my\" gradeScale=\"my-um\"",
		  "creditSystem=\"my-xx\" gradeScale=\"my-um\"", "my-xx" },
		{ "gradeScale=\"my-um\" iscedF", "gradeScale=\"my-zz\" iscedF",
		  "my-zz" },
		{ "level=\"my-mqf:6\" aqrf=\"6\"",
		  "level=\"my-mqf:6\" aqrf=\"7\"", "AQRF" },
		{ "id=\"my-um\" country=\"MY\" accreditation=\"demo-my-um\"",
		  "id=\"th-cu\" country=\"TH\"", "th-cu" },
	};
	setara_signer *s = signer("my-um");
	setara_store *st = NULL;
	setara_buf rec = SETARA_BUF_INIT;
	char *dir = test_tmpdir(), db[512], *r;
	size_t i;

	st = store_in(dir, db, sizeof(db), 1);
	read_text(&rec, top("examples/transcript.xml"));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		r = replaced(&rec, cases[i].from, cases[i].to);
		issue_refused(st, SETARA_DOC_TRANSCRIPT, r, s, dir,
			cases[i].want);
		free(r);
	}
	/* none of them reached the register */
	ck_assert_int_eq(rows(db, "issued"), 0);
	setara_store_free(st);
	setara_cred_signer_free(s);
	setara_buf_dispose(&rec);
	rm_tmpdir(dir);
}
END_TEST

START_TEST(test_cred_issue__within_the_accreditation)
{
	setara_cred_issued info = SETARA_CRED_ISSUED_INIT;
	setara_signer *tesda = signer("ph-tesda"), *um = signer("my-um");
	setara_trust *t = NULL;
	setara_store *st = NULL;
	setara_buf rec = SETARA_BUF_INIT, tr = SETARA_BUF_INIT;
	char *dir = test_tmpdir(), db[512], in[512], out[512], *r;

	st = store_in(dir, db, sizeof(db), 1);
	ck_assert_int_eq(setara_cred_trust_load(&t, pk("trust")), 0);
	read_text(&rec, top("examples/certificate.xml"));
	read_text(&tr, top("examples/transcript.xml"));
	r = replaced(&rec, "level=\"ph-pqf:2\" aqrf=\"2\"",
		"level=\"ph-pqf:6\" aqrf=\"6\"");
	/* Without a trust list the level 6 certificate is consistent and
	 * its signer is the issuer it names: it issues. */
	snprintf(in, sizeof(in), "%s/c6-record.xml", dir);
	snprintf(out, sizeof(out), "%s/c6.xml", dir);
	ck_assert_int_eq(setara__write_file_atomic(in, r, strlen(r), 0644), 0);
	ck_assert_msg(setara_cred_issue(&info, st, SETARA_DOC_CERTIFICATE,
		in, tesda, out) == 0, "%s", setara_error_last()->message);
	/* With it, the accreditation stops at AQRF 5. */
	setara_cred_signer_set_trust(tesda, t);
	issue_refused(st, SETARA_DOC_CERTIFICATE, r, tesda, dir,
		"accredited up to AQRF level 5");
	free(r);
	/* the sample, within the scope, issues */
	snprintf(out, sizeof(out), "%s/c.xml", dir);
	ck_assert_msg(setara_cred_issue(&info, st, SETARA_DOC_CERTIFICATE,
		top("examples/certificate.xml"), tesda, out) == 0, "%s",
		setara_error_last()->message);
	/* a type outside it: a skills agency's transcript */
	r = replaced(&tr, "id=\"my-um\" country=\"MY\" "
		"accreditation=\"demo-my-um\"", "id=\"ph-tesda\" country=\"PH\"");
	issue_refused(st, SETARA_DOC_TRANSCRIPT, r, tesda, dir,
		"not accredited to issue transcript");
	free(r);
	/* another issuer's certificate */
	setara_cred_signer_set_trust(um, t);
	issue_refused(st, SETARA_DOC_CERTIFICATE, rec.ptr, um, dir,
		"belongs to my-um");
	ck_assert_int_eq(rows(db, "issued"), 2);
	setara_store_free(st);
	setara_cred_signer_free(tesda);
	setara_cred_signer_free(um);
	setara_cred_trust_free(t);
	setara_buf_dispose(&rec);
	setara_buf_dispose(&tr);
	rm_tmpdir(dir);
}
END_TEST

/* ---- verify.c: round trips ----------------------------------------------- */

START_TEST(test_cred_verify__transcript_ecdsa_and_rsa)
{
	setara_buf out = SETARA_BUF_INIT;
	setara_verdict *vd;

	vd = good_sample(&out, SETARA_DOC_TRANSCRIPT, "my-um");
	ASSERT_REASON(vd, SETARA_CHECK_SIGNATURE, "ECDSA");
	ASSERT_REASON(vd, SETARA_CHECK_ISSUER, "my-um");
	ck_assert_str_eq(setara_verdict_type(vd), "transcript");
	ck_assert_str_eq(setara_verdict_issuer(vd), "my-um");
	ck_assert_ptr_nonnull(setara_verdict_id(vd));
	setara_verdict_free(vd);
	setara_buf_dispose(&out);
	good_sample_says(SETARA_DOC_TRANSCRIPT, "my-um-rsa",
		SETARA_CHECK_SIGNATURE, "RSA");
}
END_TEST

START_TEST(test_cred_verify__certificate_with_chain)
{
	good_sample_says(SETARA_DOC_CERTIFICATE, "ph-tesda",
		SETARA_CHECK_TRUST, "chain of 3");
	/* RSA-2048, the smallest RSA key allowed, below the same CA */
	good_sample_says(SETARA_DOC_CERTIFICATE, "ph-tesda-rsa",
		SETARA_CHECK_SIGNATURE, "RSA-SHA256");
}
END_TEST

START_TEST(test_cred_verify__certificate_rsa)
{
	/* a Malaysian university certificate, signed with RSA-3072 */
	static const char *const edit[6] = { "id=\"ph-tesda\" country=\"PH\""
		" accreditation=\"demo-ph-tesda\"",
		"id=\"my-um\" country=\"MY\"", "level=\"ph-pqf:2\"",
		"level=\"my-mqf:6\"", "aqrf=\"2\"", "aqrf=\"6\"" };
	setara_buf out = SETARA_BUF_INIT;
	setara_verdict *vd;

	issue_edited(&out, SETARA_DOC_CERTIFICATE, edit, "my-um-rsa");
	vd = verify(&out);
	assert_good(vd);
	setara_verdict_free(vd);
	setara_buf_dispose(&out);
}
END_TEST

/* A decision or attestation: the unsigned document itself is signed. */
static void other_type(const char *type, const char *body, const char *who)
{
	setara_buf doc = SETARA_BUF_INIT;
	setara_signer *s = signer(who);
	setara_verdict *vd;
	xmlDocPtr d = NULL;

	setara_buf_printf(&doc, "<%s xmlns=\"urn:setara:doc:1\" version=\"1\">"
		"\n  <id>urn:uuid:6b1f0e0a-8a55-4c1e-9d55-2b7f1c0d9e21</id>\n"
		"  <issuer id=\"%s\" country=\"%s\"><name>N</name></issuer>\n"
		"  <subject id=\"s1\"><name>Learner</name></subject>\n"
		"  <issued>2026-11-20T00:00:00Z</issued>\n"
		"  <validFrom>2026-11-20T00:00:00Z</validFrom>\n%s\n</%s>\n",
		type, strncmp(who, "my-um", 5) == 0 ? "my-um" :
		strncmp(who, "ph-tesda", 8) == 0 ? "ph-tesda" : who,
		strncmp(who, "my-um", 5) == 0 ? "MY" : "PH", body, type);
	ck_assert_int_eq(setara__xml_parse_mem(&d, doc.ptr, doc.size, "d"),
		0);
	ck_assert_int_eq(setara_cred_sign(d, s), 0);
	dump(&doc, d);
	vd = verify(&doc);
	/* Their schemas belong to the credit and mrs components, always
	 * in the build: the format is checked like any other. */
	ck_assert_ptr_nonnull(setara__embedded(
		setara_cred__type_find(type)->schema, NULL));
	ASSERT_CHECK(vd, SETARA_CHECK_FORMAT, SETARA_CHECK_PASS);
	ASSERT_CHECK(vd, SETARA_CHECK_PROFILE, SETARA_CHECK_PASS);
	ASSERT_CHECK(vd, SETARA_CHECK_SIGNATURE, SETARA_CHECK_PASS);
	ASSERT_CHECK(vd, SETARA_CHECK_TRUST, SETARA_CHECK_PASS);
	ASSERT_CHECK(vd, SETARA_CHECK_ISSUER, SETARA_CHECK_PASS);
	ck_assert_str_eq(setara_verdict_type(vd), type);
	setara_verdict_free(vd);
	xmlFreeDoc(d);
	setara_cred_signer_free(s);
	setara_buf_dispose(&doc);
}

/* A decision as 'setara transfer evaluate -o' writes it, signed here. */
static void decision(const char *who)
{
	setara_buf doc = SETARA_BUF_INIT;
	setara_signer *s = signer(who);
	setara_verdict *vd;
	xmlDocPtr d = NULL;

	read_text(&doc, top("tests/unit/data/decision.xml"));
	ck_assert_int_eq(setara__xml_parse_mem(&d, doc.ptr, doc.size, "d"),
		0);
	ck_assert_int_eq(setara_cred_sign(d, s), 0);
	dump(&doc, d);
	vd = verify(&doc);
	ASSERT_CHECK(vd, SETARA_CHECK_FORMAT, SETARA_CHECK_PASS);
	ASSERT_CHECK(vd, SETARA_CHECK_PROFILE, SETARA_CHECK_PASS);
	ASSERT_CHECK(vd, SETARA_CHECK_SIGNATURE, SETARA_CHECK_PASS);
	ASSERT_CHECK(vd, SETARA_CHECK_TRUST, SETARA_CHECK_PASS);
	ASSERT_CHECK(vd, SETARA_CHECK_ISSUER, SETARA_CHECK_PASS);
	ck_assert_str_eq(setara_verdict_type(vd), "decision");
	setara_verdict_free(vd);
	xmlFreeDoc(d);
	setara_cred_signer_free(s);
	setara_buf_dispose(&doc);
}

/* The smallest body of mrs/attestation.xsd. */
#define ATTESTATION "  <claim occupation=\"ph-tesda-bpp\" country=\"PH\"" \
	" requiredAqrf=\"2\" confidence=\"medium\">" \
	"<title>Bread and Pastry Production NC II</title></claim>" \
	"<credential sha256=\"" SHA64 "\" result=\"valid\"/>" \
	"<decision outcome=\"recognised\" at=\"2026-11-20T00:00:00Z\">" \
	"<reason code=\"RECOGNISED\"/></decision><inputs><input" \
	" role=\"credential\" name=\"c.xml\" sha256=\"" SHA64 "\"/>" \
	"</inputs><trace><step rule=\"outcome\">recognised</step></trace>"

START_TEST(test_cred_verify__decision_and_attestation)
{
	decision("my-um");
	decision("my-um-rsa");
	other_type("attestation", ATTESTATION, "ph-tesda");
	/* and with RSA-2048 */
	other_type("attestation", ATTESTATION, "ph-tesda-rsa");
}
END_TEST

/* ---- verify.c: interop with the xmlsec1 tool ----------------------------- */

START_TEST(test_cred_verify__xmlsec1_verifies_ours)
{
	setara_buf out = SETARA_BUF_INIT;
	char *dir = test_tmpdir(), path[512];
	const char *who[] = { "my-um", "my-um-rsa", "ph-tesda" };
	int i;

	snprintf(path, sizeof(path), "%s/doc.xml", dir);
	for (i = 0; i < 3; i++) {
		issue_sample(&out, i < 2 ? SETARA_DOC_TRANSCRIPT :
			SETARA_DOC_CERTIFICATE, who[i]);
		write_buf(path, &out);
		ck_assert_msg(sh("xmlsec1 --verify --enabled-reference-uris "
			"empty --enabled-key-data x509 --trusted-pem '%s' '%s' "
			">/dev/null 2>&1", pk("trust/anchor.pem"), path) == 0,
			"xmlsec1 rejects a document signed by %s", who[i]);
		/* and rejects it once changed */
		test_replace(&out, "<name>", "<name>X");
		write_buf(path, &out);
		ck_assert_int_ne(sh("xmlsec1 --verify --enabled-reference-uris "
			"empty --enabled-key-data x509 --trusted-pem '%s' '%s' "
			">/dev/null 2>&1", pk("trust/anchor.pem"), path), 0);
	}
	rm_tmpdir(dir);
	setara_buf_dispose(&out);
}
END_TEST

START_TEST(test_cred_verify__we_verify_xmlsec1)
{
	setara_buf ours = SETARA_BUF_INIT;
	setara_verdict *vd;

	issue_sample(&ours, SETARA_DOC_TRANSCRIPT, "my-um");
	vd = resigned_by_xmlsec1(&ours);
	assert_good(vd);
	setara_verdict_free(vd);
	setara_buf_dispose(&ours);
}
END_TEST

/* ---- verify.c: the direct signature check agrees with libxmlsec1 --------- */

typedef struct agreement {
	setara_verifier *direct, *xmlsec;
	int documents;   /* replayed through both paths */
	int signatures;  /* of which the signature was checked (profile) */
	int passed;      /* of which the signature verified */
} agreement;

/* @data through both signature paths: the same outcome, always. */
static void both_paths(agreement *a, const char *data, size_t len,
	const char *name)
{
	setara_verdict *x = NULL, *y = NULL;
	setara_check_status sx, sy;
	const char *rx, *ry;

	ck_assert_msg(setara_cred_verify_mem(&x, a->direct, data, len,
		name) == 0, "%s: %s", name, setara_error_last()->message);
	ck_assert_msg(setara_cred_verify_mem(&y, a->xmlsec, data, len,
		name) == 0, "%s: %s", name, setara_error_last()->message);
	sx = setara_verdict_check(x, SETARA_CHECK_SIGNATURE, &rx);
	sy = setara_verdict_check(y, SETARA_CHECK_SIGNATURE, &ry);
	ck_assert_msg(sx == sy, "%s: signature %s (%s) by the direct path, "
		"%s (%s) by libxmlsec1", name,
		setara_cred_check_status_name(sx), rx,
		setara_cred_check_status_name(sy), ry);
	a->documents++;
	if (setara_verdict_check(x, SETARA_CHECK_PROFILE, NULL) ==
	    SETARA_CHECK_PASS)
		a->signatures++;
	a->passed += sx == SETARA_CHECK_PASS;
	setara_verdict_free(x);
	setara_verdict_free(y);
}

/* @fn on every file that find(1) lists for @args, under the checkout
 * (the files it cannot read, too large, left out). */
static void each_file(const char *args, void (*fn)(void *arg,
	const char *data, size_t len, const char *name), void *arg)
{
	setara_buf doc = SETARA_BUF_INIT;
	char cmd[1024], line[1024];
	FILE *f;
	size_t n;

	snprintf(cmd, sizeof(cmd), "cd '%s' && find %s | sort", test_top(),
		args);
	ck_assert_ptr_nonnull(f = popen(cmd, "r"));
	while (fgets(line, sizeof(line), f)) {
		if ((n = strlen(line)) > 0 && line[n - 1] == '\n')
			line[n - 1] = '\0';
		setara_buf_clear(&doc);
		if (setara__read_file(&doc, top(line), 0) < 0) {
			setara_error_clear(); /* too large: no signature */
			continue;
		}
		fn(arg, doc.ptr ? doc.ptr : "", doc.size, line);
	}
	pclose(f);
	setara_buf_dispose(&doc);
}

static void replay_file(void *a, const char *data, size_t len,
	const char *name)
{
	both_paths(a, data, len, name);
}

static void replay_files(agreement *a, const char *args)
{
	each_file(args, replay_file, a);
}

/*
 * Signed documents changed one character at a time, every @step bytes:
 * content, digest, signature value, certificates, algorithms, names.
 * Markup characters are left alone so that most changes stay
 * well-formed and reach the signature check.
 */
static void replay_changes(agreement *a, const setara_buf *doc, size_t step,
	const char *name)
{
	setara_buf m = SETARA_BUF_INIT;
	char label[128];
	size_t i;

	for (i = 0; i < doc->size; i += step) {
		char c = doc->ptr[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '+' || c == ' '))
			continue;
		setara_buf_clear(&m);
		setara_buf_put(&m, doc->ptr, doc->size);
		m.ptr[i] = c == 'z' ? 'a' : c == 'Z' ? 'A' : c == '9' ? '0' :
			c == ' ' ? '\n' : c == '+' ? '/' : (char)(c + 1);
		snprintf(label, sizeof(label), "%s, byte %zu", name, i);
		both_paths(a, m.ptr, m.size, label);
	}
	setara_buf_dispose(&m);
}

/* @doc with @from replaced by @to, through both paths. */
static void replay_edit(agreement *a, const setara_buf *doc,
	const char *from, const char *to, const char *name)
{
	setara_buf m = SETARA_BUF_INIT;

	setara_buf_put(&m, doc->ptr, doc->size);
	test_replace(&m, from, to);
	both_paths(a, m.ptr, m.size, name);
	setara_buf_dispose(&m);
}

/* ---- exclusive C14N written from the tree (c14n.c) --------------------- */

typedef struct c14n_tally {
	size_t written, declined, subtrees;
} c14n_tally;

/* What c14n.c writes for @top is what libxml2 writes, or it declines. */
static void c14n_agree(c14n_tally *t, xmlDocPtr doc, xmlNodePtr top,
	const char *name)
{
	setara_buf mine = SETARA_BUF_INIT, want = SETARA_BUF_INIT;
	int rc = setara_cred__c14n(&mine, top);

	ck_assert_int_ge(rc, 0);
	if (rc == 0) {
		t->declined++;
	} else {
		ck_assert_msg(oracle_c14n(&want, doc, top->type ==
			XML_DOCUMENT_NODE ? NULL : top) == 0, "%s: written "
			"where libxml2 fails", name);
		ck_assert_msg(mine.size == want.size && memcmp(mine.ptr,
			want.ptr, mine.size) == 0, "%s: '%.*s' against "
			"libxml2's '%.*s'", name, (int)mine.size, mine.ptr,
			(int)want.size, want.ptr);
		t->written++;
	}
	setara_buf_dispose(&mine);
	setara_buf_dispose(&want);
}

static void c14n_subtrees(c14n_tally *t, xmlDocPtr doc, xmlNodePtr n,
	const char *name)
{
	for (; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE) {
			c14n_agree(t, doc, n, name);
			t->subtrees++;
			c14n_subtrees(t, doc, n->children, name);
		}
}

static void c14n_doc(c14n_tally *t, const char *data, size_t len,
	const char *name)
{
	xmlDocPtr doc = NULL;

	if (setara__xml_parse_mem(&doc, data, len, name) < 0) {
		setara_error_clear();
		return;
	}
	c14n_agree(t, doc, (xmlNodePtr)doc, name);
	c14n_subtrees(t, doc, doc->children, name);
	xmlFreeDoc(doc);
}

static void c14n_file(void *t, const char *data, size_t len,
	const char *name)
{
	c14n_doc(t, data, len, name);
}

/*
 * The canonical form written from the tree is libxml2's, byte for byte,
 * for every document of the test suites and fuzz corpora, each element's
 * subtree as libxmlsec1 selects it, and the shapes of namespaces,
 * attributes and text that a signer may send; what it does not write it
 * declines (the callers then ask libxml2), including everything libxml2
 * refuses.
 */
START_TEST(test_cred_c14n__libxml2s_bytes_or_declined)
{
	static const char *const shapes[] = {
		/* attributes out of order, namespaced ones, xml:lang */
		"<r xmlns='urn:a' xmlns:b='urn:b' xmlns:c='urn:c' z='1' "
		"c:y='2' b:y='3' a='4' xml:lang='ms' b:a='5'><e/></r>",
		/* prefixes declared unused, used below, redeclared */
		"<p:r xmlns:p='urn:p' xmlns:q='urn:q'><q:e><p:f xmlns:p="
		"'urn:other'/><p:g/></q:e><x:h xmlns:x='urn:p'/></p:r>",
		/* a default namespace changed and prefixed elements under it */
		"<r xmlns='urn:a'><e xmlns='urn:b'><f/></e><p:g xmlns:p="
		"'urn:p'><h/></p:g></r>",
		/* text and values that need escaping */
		"<r a='&lt;&amp;&gt;&quot;&#9;&#10;&#13;x'>&lt;&amp;&gt;"
		"&#13;\"'<![CDATA[<&>]]>\t\n</r>",
		/* comments in and around, UTF-8 */
		"<!--a--><r><!--b-->\xe0\xb8\x81\xe2\x82\xac</r><!--c-->",
		/* no namespace at all; an empty element */
		"<r><e a='1'/></r>",
		/* the dsig namespace on the root and on a child */
		"<r xmlns='urn:setara:doc:1' xmlns:ds='http://www.w3.org/2000/"
		"09/xmldsig#'><ds:Signature><ds:SignedInfo a='1'/>"
		"</ds:Signature></r>",
		/* declined: a PI, xmlns="", a relative namespace, one with
		 * an ampersand */
		"<?pi x?><r><?q y?></r>",
		"<r xmlns='urn:a'><e xmlns=''/></r>",
		"<r xmlns:p='rel/x'><p:e/></r>",
		"<r xmlns='urn:a&amp;b'/>",
		/* declined: a relative namespace outside the subtree, which
		 * libxml2 refuses whatever subtree it is asked for */
		"<r><s xmlns:p='rel/x'/><t/></r>",
		/* declined: more attributes on one element than it sorts */
		"<r a0='' a1='' a2='' a3='' a4='' a5='' a6='' a7='' a8='' a9='' "
		"b0='' b1='' b2='' b3='' b4='' b5='' b6=''/>",
	};
	c14n_tally t;
	size_t i, n, d;

	memset(&t, 0, sizeof(t));
	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		n = t.written;
		d = t.declined;
		c14n_doc(&t, shapes[i], strlen(shapes[i]), shapes[i]);
		/* the first seven written whole, subtrees too; the rest
		 * declined (the document and the subtrees that hold it) */
		if (i < 7)
			ck_assert_msg(t.written > n && t.declined == d, "%s",
				shapes[i]);
		else
			ck_assert_msg(t.written == n && t.declined > d, "%s",
				shapes[i]);
	}
	each_file("tests/unit/data tests/e2e fuzz/corpus examples -type f "
		"-size -2048k", c14n_file, &t);
	printf("C14N from the tree: %zu written as libxml2 writes them, "
		"%zu declined (%zu subtrees)\n", t.written, t.declined,
		t.subtrees);
	ck_assert_uint_gt(t.written, 1000);
}
END_TEST

START_TEST(test_cred_verify__direct_path_agrees_with_xmlsec)
{
	setara_verify_options o;
	setara_buf docs[6], tmpl = SETARA_BUF_INIT, dv = SETARA_BUF_INIT;
	const char *names[6] = { "transcript, ECDSA", "transcript, RSA",
		"certificate with a chain", "signed by xmlsec1, ECDSA",
		"signed by xmlsec1, RSA", "certificate, RSA" };
	setara_trust *t = NULL;
	agreement a;
	const char *p, *q;
	size_t i;

	memset(&a, 0, sizeof(a));
	memset(docs, 0, sizeof(docs));
	o = crosschecked(&t);
	ck_assert_int_eq(setara_cred_verifier_new(&a.direct, &o), 0);
	ck_assert_int_eq(setara_cred_verifier_new(&a.xmlsec, &o), 0);
	setara_cred__verifier_engine(a.direct, SETARA_CRED__SIG_FAST);
	setara_cred__verifier_engine(a.xmlsec, SETARA_CRED__SIG_XMLSEC);

	/* The signed and tampered fixtures of the tests, the fuzz corpus,
	 * the e2e cases' inputs and the examples. */
	replay_files(&a, "tests/unit/data tests/e2e fuzz/corpus/fuzz_verify "
		"examples -type f -name '*.xml' -o -type f -path "
		"'*fuzz_verify/*'");

	/* Documents signed here and by the xmlsec1 tool. */
	issue_sample(&docs[0], SETARA_DOC_TRANSCRIPT, "my-um");
	issue_sample(&docs[1], SETARA_DOC_TRANSCRIPT, "my-um-rsa");
	issue_sample(&docs[2], SETARA_DOC_CERTIFICATE, "ph-tesda");
	with_template(&tmpl, &docs[0], TEMPLATE(SETARA_ALG_ECDSA_SHA256,
		T_ENV T_EXC, SETARA_ALG_SHA256, X509));
	xmlsec_sign(&docs[3], &tmpl, "my-um");
	with_template(&tmpl, &docs[1], TEMPLATE(SETARA_ALG_RSA_SHA256,
		T_ENV T_EXC, SETARA_ALG_SHA256, X509));
	xmlsec_sign(&docs[4], &tmpl, "my-um-rsa");
	issue_sample(&docs[5], SETARA_DOC_CERTIFICATE, "my-um-rsa");
	for (i = 0; i < 6; i++) {
		both_paths(&a, docs[i].ptr, docs[i].size, names[i]);
		replay_changes(&a, &docs[i], i < 3 ? 23 : 61, names[i]);
	}

	/* Forms a signer may choose, which both paths must read alike. */
	ck_assert_ptr_nonnull(p = strstr(docs[0].ptr, "<ds:DigestValue>"));
	p += strlen("<ds:DigestValue>");
	ck_assert_ptr_nonnull(q = strstr(p, "</ds:DigestValue>"));
	setara_buf_put(&dv, p, (size_t)(q - p));
	{
		char from[128], to[160];

		snprintf(from, sizeof(from), ">%s<", dv.ptr);
		snprintf(to, sizeof(to), ">\n%.20s\n%s\n<", dv.ptr,
			dv.ptr + 20);
		replay_edit(&a, &docs[0], from, to, "digest on lines");
		snprintf(to, sizeof(to), ">%.20s\t%s<", dv.ptr, dv.ptr + 20);
		replay_edit(&a, &docs[0], from, to, "digest with a tab");
		snprintf(to, sizeof(to), ">%.43s<", dv.ptr);
		replay_edit(&a, &docs[0], from, to, "digest unpadded");
		snprintf(to, sizeof(to), ">%.42sB=<", dv.ptr);
		replay_edit(&a, &docs[0], from, to, "digest, bits under the "
			"padding");
		snprintf(to, sizeof(to), ">%s=<", dv.ptr);
		replay_edit(&a, &docs[0], from, to, "digest over-padded");
	}
	replay_edit(&a, &docs[0], "<ds:SignedInfo>",
		"<ds:SignedInfo Id=\"si\">", "an attribute on SignedInfo");
	replay_edit(&a, &docs[0], "<ds:SignedInfo>",
		"<ds:SignedInfo xmlns:x=\"urn:x\">", "an unused namespace");
	replay_edit(&a, &docs[0], "<ds:Reference URI=\"\">",
		"<ds:Reference URI=\"\" xmlns:ds=\"" DS "\">",
		"the namespace declared again");
	replay_edit(&a, &docs[0], "</ds:Signature>",
		"</ds:Signature>\n", "text after the Signature");
	replay_edit(&a, &docs[3], "<ds:SignatureValue>",
		"<ds:SignatureValue>\n", "a value on a new line");
	replay_edit(&a, &docs[0], "<ds:SignatureValue>",
		"<ds:SignatureValue>AAAA", "a longer signature value");
	replay_edit(&a, &docs[0], "<ds:SignatureValue>",
		"<ds:SignatureValue>=", "a value that is not base64");
	{
		/* The dsig namespace declared on the document element. */
		setara_buf m = SETARA_BUF_INIT;

		setara_buf_put(&m, docs[3].ptr, docs[3].size);
		test_replace(&m, "<ds:Signature xmlns:ds=\"" DS "\">",
			"<ds:Signature>");
		test_replace(&m, "<transcript ", "<transcript xmlns:ds=\"" DS
			"\" ");
		both_paths(&a, m.ptr, m.size, "dsig declared on the root");
		setara_buf_dispose(&m);
	}

	printf("the direct path and libxmlsec1 agree on %d documents (%d "
		"signatures checked, %d verified)\n", a.documents,
		a.signatures, a.passed);
	ck_assert_int_gt(a.signatures, 500);
	ck_assert_int_gt(a.passed, 5);
	for (i = 0; i < 6; i++)
		setara_buf_dispose(&docs[i]);
	setara_buf_dispose(&tmpl);
	setara_buf_dispose(&dv);
	setara_cred_verifier_free(a.direct);
	setara_cred_verifier_free(a.xmlsec);
	setara_cred_trust_free(t);
}
END_TEST

/* @doc with its signature value's r (the first 32 bytes) set to @fill:
 * a value of the right length that is no signature. */
static void with_r(setara_buf *out, const setara_buf *doc, int fill)
{
	const char *a = strstr(doc->ptr, "<ds:SignatureValue>");
	const char *b = strstr(doc->ptr, "</ds:SignatureValue>");
	setara_buf raw = SETARA_BUF_INIT;

	ck_assert(a && b);
	a += strlen("<ds:SignatureValue>");
	ck_assert_int_eq(setara__base64_decode(&raw, a, (size_t)(b - a), 0),
		0);
	ck_assert_uint_eq(raw.size, 64);
	memset(raw.ptr, fill, 32);
	setara_buf_clear(out);
	setara_buf_put(out, doc->ptr, (size_t)(a - doc->ptr));
	ck_assert_int_eq(setara__base64(out, (unsigned char *)raw.ptr, 64,
		0), 0);
	setara_buf_puts(out, b);
	setara_buf_dispose(&raw);
}

/* A verifier kept for many documents verifies a P-256 signer's
 * signatures with the key's table from the key's 256th (ossl.c): every
 * verdict the same before and after the switch, and libxmlsec1 (the
 * crosscheck) agreeing with each, on valid and tampered documents. */
START_TEST(test_cred_verify__signers_table_agrees_with_xmlsec)
{
	setara_verify_options o;
	setara_buf docs[7];
	setara_trust *t = NULL;
	setara_verifier *v = NULL;
	setara_verdict *vd;
	/* what each document's signature check says */
	const struct { int status; const char *why; } want[7] = {
		{ SETARA_CHECK_PASS, "ECDSA-P256-SHA256 signature" },
		{ SETARA_CHECK_FAIL, "signature value does not match" },
		{ SETARA_CHECK_FAIL, "signature value does not match" },
		{ SETARA_CHECK_FAIL, "signature value does not match" },
		{ SETARA_CHECK_FAIL, "digest does not match" },
		{ SETARA_CHECK_PASS, "ECDSA-P256-SHA256 signature" },
		{ SETARA_CHECK_PASS, "RSA-SHA256 signature" },
	};
	int i, k, ready = -1;

	memset(docs, 0, sizeof(docs));
	issue_sample(&docs[0], SETARA_DOC_TRANSCRIPT, "my-um");
	/* one base64 digit of the value changed */
	setara_buf_put(&docs[1], docs[0].ptr, docs[0].size);
	{
		char *p = strstr(docs[1].ptr, "<ds:SignatureValue>") + 19;

		*p = *p == 'A' ? 'B' : 'A';
	}
	with_r(&docs[2], &docs[0], 0xff);  /* r >= n */
	with_r(&docs[3], &docs[0], 0);     /* r = 0 */
	setara_buf_put(&docs[4], docs[0].ptr, docs[0].size);
	test_replace(&docs[4], "Nur Aisyah", "Nur Aishah");
	issue_sample(&docs[5], SETARA_DOC_CERTIFICATE, "ph-tesda");
	issue_sample(&docs[6], SETARA_DOC_TRANSCRIPT, "my-um-rsa");

	o = crosschecked(&t);
	ck_assert_int_eq(setara_cred_verifier_new(&v, &o), 0);
	/* my-um's key signs four of the values checked each round (the
	 * changed content stops at the digest), ph-tesda's one */
	for (i = 0; i < 300; i++) {
		for (k = 0; k < 7; k++) {
			vd = NULL;
			ck_assert_msg(setara_cred_verify_mem(&vd, v,
				docs[k].ptr, docs[k].size, "doc.xml") == 0,
				"round %d, document %d: %s", i, k,
				setara_error_last()->message);
			ASSERT_CHECK(vd, SETARA_CHECK_SIGNATURE,
				want[k].status);
			ASSERT_REASON(vd, SETARA_CHECK_SIGNATURE,
				want[k].why);
			setara_verdict_free(vd);
		}
		if (ready < 0 && setara_cred__verifier_tables(v) > 0)
			ready = i;
	}
	/* my-um's table from its 256th signature (round 63), ph-tesda's
	 * from round 255; none for the RSA key */
	ck_assert_int_eq(ready, 63);
	ck_assert_int_eq(setara_cred__verifier_tables(v), 2);
	for (k = 0; k < 7; k++)
		setara_buf_dispose(&docs[k]);
	setara_cred_verifier_free(v);
	setara_cred_trust_free(t);
}
END_TEST

/* Threads sharing one verifier as a signer's key gets its table: one
 * builds it, the others go on without it meanwhile, every verdict
 * right (one count of wrong verdicts for all). */
typedef struct table_race {
	setara_verifier *v;
	const setara_buf *good, *bad;
	int wrong;
} table_race;

static void *race_verify(void *p)
{
	table_race *r = p;
	setara_verdict *vd;
	int i, k;

	for (i = 0; i < 100; i++)
		for (k = 0; k < 2; k++) {
			const setara_buf *d = k ? r->bad : r->good;

			vd = NULL;
			if (setara_cred_verify_mem(&vd, r->v, d->ptr, d->size,
			    "doc.xml") != 0 || setara_verdict_check(vd,
			    SETARA_CHECK_SIGNATURE, NULL) != (k ?
			    SETARA_CHECK_FAIL : SETARA_CHECK_PASS))
				__atomic_add_fetch(&r->wrong, 1,
					__ATOMIC_RELAXED);
			setara_verdict_free(vd);
		}
	return NULL;
}

START_TEST(test_cred_verify__signers_table_under_threads)
{
	setara_verify_options o = SETARA_VERIFY_OPTIONS_INIT;
	setara_buf good = SETARA_BUF_INIT, bad = SETARA_BUF_INIT;
	setara_trust *t = NULL;
	setara_verifier *v = NULL;
	table_race r;
	pthread_t th[4];
	int i;

	issue_sample(&good, SETARA_DOC_TRANSCRIPT, "my-um");
	with_r(&bad, &good, 0x7f);
	ck_assert_int_eq(setara_cred_trust_load(&t, pk("trust")), 0);
	o.trust = t;
	ck_assert_int_eq(setara_cred_verifier_new(&v, &o), 0);
	r.v = v;
	r.good = &good;
	r.bad = &bad;
	r.wrong = 0;
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_create(&th[i], NULL, race_verify,
			&r), 0);
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_join(th[i], NULL), 0);
	ck_assert_int_eq(r.wrong, 0);
	ck_assert_int_eq(setara_cred__verifier_tables(v), 1);
	setara_buf_dispose(&good);
	setara_buf_dispose(&bad);
	setara_cred_verifier_free(v);
	setara_cred_trust_free(t);
}
END_TEST

/* ---- verify.c: tampering, each on the right check ------------------------ */

START_TEST(test_cred_verify__changed_byte)
{
	setara_buf out = SETARA_BUF_INIT;

	tamper_fails("grade=\"A-\" points=\"3.70\"",
		"grade=\"A\" points=\"3.70\"", SETARA_CHECK_SIGNATURE,
		"digest does not match");
	tamper_fails("Nur Aisyah", "Nur Aishah", SETARA_CHECK_SIGNATURE,
		"changed");
	/* the signature value itself */
	issue_sample(&out, SETARA_DOC_TRANSCRIPT, "my-um");
	{
		char *p = strstr(out.ptr, "<ds:SignatureValue>") + 19;

		*p = *p == 'A' ? 'B' : 'A';
	}
	assert_fails(&out, SETARA_CHECK_SIGNATURE, "signature value");
	setara_buf_dispose(&out);
}
END_TEST

/* Exclusive C14N leaves comments and instructions out of the digest:
 * the signature verifies, but the profile refuses them, naming the place. */
START_TEST(test_cred_verify__comment_or_instruction_not_signed)
{
	setara_buf out = SETARA_BUF_INIT;
	setara_verdict *vd;

	issue_sample(&out, SETARA_DOC_TRANSCRIPT, "my-um");
	test_replace(&out, "Nur Aisyah", "Nur <!-- x -->Aisyah");
	assert_fails(&out, SETARA_CHECK_PROFILE, "a comment inside name");
	vd = verify(&out);
	ASSERT_REASON(vd, SETARA_CHECK_PROFILE, "line 8:");
	ASSERT_CHECK(vd, SETARA_CHECK_SIGNATURE, SETARA_CHECK_COULD_NOT_CHECK);
	setara_verdict_free(vd);
	tamper_fails("Nur Aisyah", "Nur <?x?>Aisyah", SETARA_CHECK_PROFILE,
		"processing instruction inside name");
	tamper_fails("?>\n", "?>\n<?xml-stylesheet href=\"x.xsl\"?>\n",
		SETARA_CHECK_PROFILE, "outside the document element");
	issue_sample(&out, SETARA_DOC_TRANSCRIPT, "my-um");
	setara_buf_puts(&out, "<!-- after -->\n");
	assert_fails(&out, SETARA_CHECK_PROFILE, "comment outside");
	setara_buf_dispose(&out);
}
END_TEST

/* @doc with a copy of its Signature put before the first @before. */
static void second_signature(setara_buf *two, const setara_buf *doc,
	const char *before)
{
	const char *a = strstr(doc->ptr, "<ds:Signature");
	const char *b = strstr(doc->ptr, "</ds:Signature>") +
		strlen("</ds:Signature>");
	const char *end = strstr(doc->ptr, before);

	ck_assert_msg(end != NULL, "'%s' not found", before);
	setara_buf_clear(two);
	setara_buf_put(two, doc->ptr, (size_t)(end - doc->ptr));
	setara_buf_put(two, a, (size_t)(b - a));
	setara_buf_puts(two, end);
}

START_TEST(test_cred_verify__second_signature)
{
	setara_buf out = SETARA_BUF_INIT, two = SETARA_BUF_INIT;

	/* a copy of the Signature appended after it */
	issue_sample(&out, SETARA_DOC_CERTIFICATE, "ph-tesda");
	second_signature(&two, &out, "</certificate>");
	assert_fails(&two, SETARA_CHECK_PROFILE, "2 Signature elements");
	/* or nested inside a course */
	issue_sample(&out, SETARA_DOC_TRANSCRIPT, "my-um");
	second_signature(&two, &out, "</course>");
	assert_fails(&two, SETARA_CHECK_PROFILE, "2 Signature elements");
	setara_buf_dispose(&out);
	setara_buf_dispose(&two);
}
END_TEST

START_TEST(test_cred_verify__signature_not_child_of_root)
{
	setara_buf out = SETARA_BUF_INIT, sig = SETARA_BUF_INIT;
	const char *a, *b;

	issue_sample(&out, SETARA_DOC_CERTIFICATE, "ph-tesda");
	a = strstr(out.ptr, "<ds:Signature");
	b = strstr(out.ptr, "</ds:Signature>") + strlen("</ds:Signature>");
	setara_buf_put(&sig, a, (size_t)(b - a));
	/* cut it out and put it inside the units */
	memmove((char *)a, b, strlen(b) + 1);
	out.size = strlen(out.ptr);
	setara_buf_puts(&sig, "</units>");
	test_replace(&out, "</units>", sig.ptr);
	assert_fails(&out, SETARA_CHECK_PROFILE, "not a child of the "
		"document element");
	setara_buf_dispose(&out);
	setara_buf_dispose(&sig);
}
END_TEST

START_TEST(test_cred_verify__reference_uris)
{
	tamper_fails("URI=\"\"", "URI=\"#unit\"", SETARA_CHECK_PROFILE,
		"Reference URI \"#unit\"");
	tamper_fails("URI=\"\"", "URI=\"http://example.org/t.xml\"",
		SETARA_CHECK_PROFILE, "is not allowed");
	tamper_fails(" URI=\"\"", "", SETARA_CHECK_PROFILE, "missing");
	tamper_fails("URI=\"\"", "URI=\"#xpointer(/)\"", SETARA_CHECK_PROFILE,
		"xpointer");
}
END_TEST

START_TEST(test_cred_verify__id_reference_signed_by_xmlsec1)
{
	foreign f;

	/* really signed (over the certificate's units, by ID), refused */
	foreign_sample(&f, SETARA_DOC_CERTIFICATE, "ph-tesda");
	test_replace(&f.ours, "<units>", "<units xml:id=\"u\">");
	template_refused(&f, "<ds:Signature xmlns:ds=\"" DS "\">"
		"<ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\""
		SETARA_ALG_EXC_C14N "\"/><ds:SignatureMethod Algorithm=\""
		SETARA_ALG_ECDSA_SHA256 "\"/><ds:Reference URI=\"#u\">"
		"<ds:Transforms>" T_EXC "</ds:Transforms><ds:DigestMethod "
		"Algorithm=\"" SETARA_ALG_SHA256 "\"/><ds:DigestValue/>"
		"</ds:Reference></ds:SignedInfo><ds:SignatureValue/>"
		"<ds:KeyInfo>" X509 "</ds:KeyInfo></ds:Signature>", "my-um",
		"Reference URI \"#u\"");
	foreign_free(&f);
}
END_TEST

START_TEST(test_cred_verify__wrapping)
{
	setara_buf out = SETARA_BUF_INIT, orig = SETARA_BUF_INIT;
	const char *body, *sig;
	char *forged;

	/* The signed document moved into a ds:Object of its own Signature,
	 * a forged one put where the application reads. */
	issue_sample(&orig, SETARA_DOC_TRANSCRIPT, "my-um");
	body = strstr(orig.ptr, "<transcript");
	sig = strstr(orig.ptr, "<ds:Signature");
	setara_buf_put(&out, orig.ptr, (size_t)(sig - orig.ptr));
	forged = strstr(out.ptr, "Nur Aisyah binti Ahmad");
	memcpy(forged, "Mallory Xavier binti X", 22);
	setara_buf_puts(&out, "<ds:Signature xmlns:ds=\"" DS "\">");
	{
		const char *si = strstr(sig, "<ds:SignedInfo>");
		const char *ki_end = strstr(sig, "</ds:KeyInfo>") + 13;

		setara_buf_put(&out, si, (size_t)(ki_end - si));
	}
	setara_buf_puts(&out, "<ds:Object>");
	setara_buf_put(&out, body, (size_t)(sig - body));
	setara_buf_puts(&out, "</transcript></ds:Object></ds:Signature>"
		"</transcript>\n");
	assert_fails(&out, SETARA_CHECK_PROFILE, NULL);

	/* The whole signed document wrapped in a forged root. */
	setara_buf_clear(&out);
	setara_buf_puts(&out, "<transcript xmlns=\"urn:setara:doc:1\" "
		"version=\"1\"><ds:Object xmlns:ds=\"" DS "\">");
	setara_buf_puts(&out, body);
	setara_buf_puts(&out, "</ds:Object></transcript>");
	{
		setara_verdict *vd = verify(&out);

		ASSERT_CHECK(vd, SETARA_CHECK_FORMAT, SETARA_CHECK_FAIL);
		ASSERT_CHECK(vd, SETARA_CHECK_PROFILE, SETARA_CHECK_FAIL);
		ck_assert_int_eq(setara_verdict_result(vd),
			SETARA_RESULT_INVALID);
		setara_verdict_free(vd);
	}
	setara_buf_dispose(&out);
	setara_buf_dispose(&orig);
}
END_TEST

START_TEST(test_cred_verify__transforms_signed_by_xmlsec1)
{
	foreign f;

	foreign_sample(&f, SETARA_DOC_TRANSCRIPT, "my-um");
	/* XPath: signs only the header, a valid signature xmlsec accepts */
	template_refused(&f, TEMPLATE(SETARA_ALG_ECDSA_SHA256,
		T_ENV "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/"
		"REC-xpath-19991116\"><ds:XPath xmlns:d=\"urn:setara:doc:1\">"
		"ancestor-or-self::d:subject</ds:XPath></ds:Transform>" T_EXC,
		SETARA_ALG_SHA256, X509), "my-um", "REC-xpath");
	/* the same with the courses changed after signing: still the
	 * profile that refuses it, nothing reaches xmlsec */
	test_replace(&f.theirs, "grade=\"A-\"", "grade=\"A+\"");
	assert_fails(&f.theirs, SETARA_CHECK_PROFILE, "REC-xpath");
	{
		setara_verdict *vd = verify(&f.theirs);

		ASSERT_CHECK(vd, SETARA_CHECK_SIGNATURE,
			SETARA_CHECK_COULD_NOT_CHECK);
		setara_verdict_free(vd);
	}
	foreign_free(&f);
}
END_TEST

/* Signature templates the profile refuses in place of the signature of
 * a my-um transcript: signed by @who with the xmlsec1 tool, or as
 * written, unsigned (@who NULL). */
static const struct refused_template {
	const char *tmpl, *who, *reason;
	const char *has; /* what xmlsec1 wrote in, or NULL */
} refused[] = {
	/* XSLT and XPointer, as written by an attacker */
	{ TEMPLATE(SETARA_ALG_ECDSA_SHA256, T_ENV "<ds:Transform"
	  " Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\"/>",
	  SETARA_ALG_SHA256, X509), NULL, "REC-xslt", NULL },
	{ TEMPLATE(SETARA_ALG_ECDSA_SHA256, T_ENV "<ds:Transform"
	  " Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#xptr\"/>",
	  SETARA_ALG_SHA256, X509), NULL, "xptr", NULL },
	/* inclusive C14N, or only one transform */
	{ TEMPLATE(SETARA_ALG_ECDSA_SHA256, T_ENV "<ds:Transform"
	  " Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/>",
	  SETARA_ALG_SHA256, X509), NULL, "c14n-20010315", NULL },
	{ TEMPLATE(SETARA_ALG_ECDSA_SHA256, T_ENV, SETARA_ALG_SHA256, X509),
	  NULL, "enveloped-signature then exclusive C14N", NULL },
	/* SHA-1 digest, really signed by xmlsec1 */
	{ TEMPLATE(SETARA_ALG_ECDSA_SHA256, T_ENV T_EXC,
	  "http://www.w3.org/2000/09/xmldsig#sha1", X509), "my-um",
	  "xmldsig#sha1", NULL },
	/* ECDSA with SHA-1 */
	{ TEMPLATE("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1",
	  T_ENV T_EXC, SETARA_ALG_SHA256, X509), "my-um", "ecdsa-sha1",
	  NULL },
	/* RSA with SHA-1 */
	{ TEMPLATE("http://www.w3.org/2000/09/xmldsig#rsa-sha1", T_ENV T_EXC,
	  SETARA_ALG_SHA256, X509), NULL, "rsa-sha1", NULL },
	/* the key as a KeyValue only, no certificate */
	{ TEMPLATE(SETARA_ALG_RSA_SHA256, T_ENV T_EXC, SETARA_ALG_SHA256,
	  "<ds:KeyValue/>"), "my-um-rsa", "KeyValue", "KeyValue>" },
	/* a KeyName next to the certificate is refused too */
	{ TEMPLATE(SETARA_ALG_ECDSA_SHA256, T_ENV T_EXC, SETARA_ALG_SHA256,
	  "<ds:KeyName>k</ds:KeyName>" X509), "my-um", "KeyName", NULL },
};

/* One row of refused a run. */
START_TEST(test_cred_verify__template_refused)
{
	foreign f;

	foreign_sample(&f, SETARA_DOC_TRANSCRIPT, "my-um");
	template_refused(&f, refused[_i].tmpl, refused[_i].who,
		refused[_i].reason);
	if (refused[_i].has)
		ck_assert_ptr_nonnull(strstr(f.theirs.ptr, refused[_i].has));
	foreign_free(&f);
}
END_TEST

START_TEST(test_cred_verify__key_that_does_not_fit)
{
	setara_buf ours = SETARA_BUF_INIT;

	/* a certificate that does not fit the algorithm */
	issue_sample(&ours, SETARA_DOC_TRANSCRIPT, "my-um-rsa");
	test_replace(&ours, "xmldsig-more#rsa-sha256",
		"xmldsig-more#ecdsa-sha256");
	assert_fails(&ours, SETARA_CHECK_PROFILE, "does not fit");
	setara_buf_dispose(&ours);
}
END_TEST

/* A transcript record of ph-upd (for its listed expired/notyet keys). */
static void ph_upd_record(setara_buf *rec)
{
	read_text(rec, top("examples/transcript.xml"));
	test_replace(rec, "id=\"my-um\" country=\"MY\" accreditation=\"demo-my-um\"",
		"id=\"ph-upd\" country=\"PH\"");
	test_replace(rec, "level=\"my-mqf:6\"", "level=\"ph-pqf:6\"");
}

START_TEST(test_cred_verify__untrusted_expired_notyet)
{
	setara_buf rec = SETARA_BUF_INIT, out = SETARA_BUF_INIT;
	setara_verdict *vd;

	/* a certificate from another CA, claiming my-um */
	issue_sample(&out, SETARA_DOC_TRANSCRIPT, "rogue");
	vd = verify(&out);
	ASSERT_CHECK(vd, SETARA_CHECK_SIGNATURE, SETARA_CHECK_PASS);
	ASSERT_CHECK(vd, SETARA_CHECK_TRUST, SETARA_CHECK_FAIL);
	ASSERT_REASON(vd, SETARA_CHECK_TRUST, "unable to get local issuer");
	ASSERT_CHECK(vd, SETARA_CHECK_ISSUER, SETARA_CHECK_FAIL);
	setara_verdict_free(vd);

	/* listed in the trust list, but expired at signing time; the
	 * library signs what it is given (issue refuses, see issue.c) */
	ph_upd_record(&rec);
	issue_text(&out, SETARA_DOC_TRANSCRIPT, &rec, "ph-upd-expired");
	vd = verify(&out);
	ASSERT_CHECK(vd, SETARA_CHECK_TRUST, SETARA_CHECK_FAIL);
	ASSERT_REASON(vd, SETARA_CHECK_TRUST, "had expired at signing time");
	ASSERT_CHECK(vd, SETARA_CHECK_ISSUER, SETARA_CHECK_PASS);
	setara_verdict_free(vd);

	issue_text(&out, SETARA_DOC_TRANSCRIPT, &rec, "ph-upd-notyet");
	vd = verify(&out);
	ASSERT_CHECK(vd, SETARA_CHECK_TRUST, SETARA_CHECK_FAIL);
	ASSERT_REASON(vd, SETARA_CHECK_TRUST, "not yet valid");
	setara_verdict_free(vd);

	/* the good ph-upd key, for contrast (and the chain cache) */
	issue_text(&out, SETARA_DOC_TRANSCRIPT, &rec, "ph-upd");
	vd = verify(&out);
	assert_good(vd);
	setara_verdict_free(vd);
	setara_buf_dispose(&rec);
	setara_buf_dispose(&out);
}
END_TEST

/* A listed id-ui certificate @cert signs with the xmlsec1 tool: the
 * signature verifies, the trust check fails for @reason. */
static void signed_by_xmlsec1_with(const char *cert, const char *reason)
{
	static const char *const edit[6] = { "id=\"my-um\" country=\"MY\""
		" accreditation=\"demo-my-um\"", "id=\"id-ui\" country=\"ID\"",
		"level=\"my-mqf:6\"", "level=\"id-kkni:6\"" };
	setara_buf ours = SETARA_BUF_INIT, tmpl = SETARA_BUF_INIT,
		theirs = SETARA_BUF_INIT;
	setara_verdict *vd;

	issue_edited(&ours, SETARA_DOC_TRANSCRIPT, edit, "id-ui");
	with_template(&tmpl, &ours, TEMPLATE(SETARA_ALG_ECDSA_SHA256,
		T_ENV T_EXC, SETARA_ALG_SHA256, X509));
	xmlsec_sign(&theirs, &tmpl, cert);
	vd = verify(&theirs);
	ASSERT_CHECK(vd, SETARA_CHECK_SIGNATURE, SETARA_CHECK_PASS);
	ASSERT_CHECK(vd, SETARA_CHECK_TRUST, SETARA_CHECK_FAIL);
	ASSERT_REASON(vd, SETARA_CHECK_TRUST, reason);
	ck_assert_int_eq(setara_verdict_result(vd), SETARA_RESULT_INVALID);
	setara_verdict_free(vd);
	setara_buf_dispose(&ours);
	setara_buf_dispose(&tmpl);
	setara_buf_dispose(&theirs);
}

/* A course listed twice in one term, signed by the issuer's key with the
 * xmlsec1 tool (setara refuses to issue it): the signature holds, the
 * format check fails and names the course; a code differing only in case
 * is another course. */
START_TEST(test_cred_verify__course_twice_in_a_term_signed_by_xmlsec1)
{
	setara_buf ours = SETARA_BUF_INIT, rec = SETARA_BUF_INIT;
	setara_verdict *vd;
	xmlDocPtr doc = NULL;

	read_text(&rec, top("examples/transcript.xml"));
	issue_text(&ours, SETARA_DOC_TRANSCRIPT, &rec, "my-um");
	test_replace(&ours, "<course code=\"WIX1002\"", "<course code=\"wix1001\"");
	vd = resigned_by_xmlsec1(&ours);
	ASSERT_CHECK(vd, SETARA_CHECK_FORMAT, SETARA_CHECK_PASS);
	setara_verdict_free(vd);

	test_replace(&ours, "<course code=\"wix1001\"", "<course code=\"WIX1001\"");
	vd = resigned_by_xmlsec1(&ours);
	ASSERT_CHECK(vd, SETARA_CHECK_FORMAT, SETARA_CHECK_FAIL);
	ASSERT_REASON(vd, SETARA_CHECK_FORMAT,
		"course 'WIX1001' is listed twice in this term");
	ck_assert_int_eq(setara_verdict_result(vd), SETARA_RESULT_INVALID);
	setara_verdict_free(vd);

	/* the same record refused at issue, naming the line of the repeat */
	test_replace(&rec, "<course code=\"WIX1002\"", "<course code=\"WIX1001\"");
	ck_assert_int_eq(setara_cred_build(&doc, SETARA_DOC_TRANSCRIPT,
		rec.ptr, rec.size, "rec.xml"), SETARA_EINVALID);
	ck_assert_str_eq(setara_error_last()->field, "course/@code");
	ck_assert_int_eq(setara_error_last()->line, 31);
	ck_assert_ptr_null(doc);
	setara_buf_dispose(&ours);
	setara_buf_dispose(&rec);
}
END_TEST

START_TEST(test_cred_verify__no_key_usage_signed_by_xmlsec1)
{
	signed_by_xmlsec1_with("id-ui-nokeyusage", "key usage");
}
END_TEST

/* Listed in the trust list, but certified for TLS servers only. */
START_TEST(test_cred_verify__server_auth_only_signed_by_xmlsec1)
{
	signed_by_xmlsec1_with("id-ui-serverauth", "extended key usage (TLS "
		"Web Server Authentication) does not include document "
		"signing");
}
END_TEST

START_TEST(test_cred_verify__issuer_not_listed_or_not_accredited)
{
	setara_buf rec = SETARA_BUF_INIT, out = SETARA_BUF_INIT;
	setara_verdict *vd;

	/* chains to the anchor, absent from the trust list */
	ph_upd_record(&rec);
	test_replace(&rec, "id=\"ph-upd\"", "id=\"ph-unaccredited\"");
	issue_text(&out, SETARA_DOC_TRANSCRIPT, &rec, "ph-unaccredited");
	vd = verify(&out);
	ASSERT_CHECK(vd, SETARA_CHECK_TRUST, SETARA_CHECK_PASS);
	ASSERT_CHECK(vd, SETARA_CHECK_ISSUER, SETARA_CHECK_FAIL);
	ASSERT_REASON(vd, SETARA_CHECK_ISSUER, "not in the trust list");
	setara_verdict_free(vd);
	setara_buf_dispose(&rec);
	setara_buf_dispose(&out);
}
END_TEST

/* Documents of a listed issuer that its accreditation does not cover:
 * the sample of @type edited, signed with the key of @who. */
static const struct issuer_refused {
	setara_doc_type type;
	const char *edit[6], *who, *reason;
} issuer_refused[] = {
	/* another issuer's key for a my-um transcript */
	{ SETARA_DOC_TRANSCRIPT, { NULL }, "ph-upd", "belongs to ph-upd" },
	/* a skills agency issuing a transcript: type */
	{ SETARA_DOC_TRANSCRIPT, { "id=\"my-um\" country=\"MY\""
	  " accreditation=\"demo-my-um\"", "id=\"ph-tesda\" country=\"PH\"",
	  "level=\"my-mqf:6\"", "level=\"ph-pqf:6\"" }, "ph-tesda",
	  "not accredited to issue transcript" },
	/* a certificate in a framework it is not accredited for */
	{ SETARA_DOC_CERTIFICATE, { "level=\"ph-pqf:2\"",
	  "level=\"my-mqf:2\"" }, "ph-tesda", "framework my-mqf" },
	/* above its highest AQRF level */
	{ SETARA_DOC_CERTIFICATE, { "level=\"ph-pqf:2\" aqrf=\"2\"",
	  "level=\"ph-pqf:6\" aqrf=\"6\"" }, "ph-tesda",
	  "up to AQRF level 5" },
	/* an accreditation reference the trust list does not know */
	{ SETARA_DOC_CERTIFICATE, { "demo-ph-tesda", "TESDA-2099" },
	  "ph-tesda", "TESDA-2099" },
	/* the country named differs from the trust list's */
	{ SETARA_DOC_CERTIFICATE, { "id=\"ph-tesda\" country=\"PH\"",
	  "id=\"ph-tesda\" country=\"MY\"" }, "ph-tesda",
	  "places ph-tesda in PH" },
};

/* One row of issuer_refused a run. */
START_TEST(test_cred_verify__issuer_refused)
{
	const struct issuer_refused *c = &issuer_refused[_i];
	setara_buf out = SETARA_BUF_INIT;

	issue_edited(&out, c->type, c->edit, c->who);
	assert_fails(&out, SETARA_CHECK_ISSUER, c->reason);
	setara_buf_dispose(&out);
}
END_TEST

START_TEST(test_cred_verify__validity_dates)
{
	setara_buf out = SETARA_BUF_INIT;
	setara_verdict *vd;

	issue_sample(&out, SETARA_DOC_CERTIFICATE, "ph-tesda");
	/* past validUntil (2031-10-14T23:59:59Z) */
	vd = verify_at(&out, NULL, "2032-01-01T00:00:00Z");
	ASSERT_CHECK(vd, SETARA_CHECK_VALIDITY, SETARA_CHECK_FAIL);
	ASSERT_REASON(vd, SETARA_CHECK_VALIDITY, "expired on 2031-10-14");
	/* trust is judged at signing time: still fine */
	ASSERT_CHECK(vd, SETARA_CHECK_TRUST, SETARA_CHECK_PASS);
	ck_assert_int_eq(setara_verdict_result(vd), SETARA_RESULT_INVALID);
	setara_verdict_free(vd);
	/* before it was issued */
	vd = verify_at(&out, NULL, "2026-01-01");
	ASSERT_CHECK(vd, SETARA_CHECK_VALIDITY, SETARA_CHECK_FAIL);
	ASSERT_REASON(vd, SETARA_CHECK_VALIDITY, "after the time");
	setara_verdict_free(vd);
	/* within */
	vd = verify_at(&out, NULL, "2030-06-01T00:00:00Z");
	ASSERT_CHECK(vd, SETARA_CHECK_VALIDITY, SETARA_CHECK_PASS);
	setara_verdict_free(vd);
	setara_buf_dispose(&out);
}
END_TEST

/* A verifier made without a fixed time (a service's, for days) judges
 * each verification at its own time: a document that expires while the
 * verifier lives is expired from then on. */
START_TEST(test_cred_verify__time_moves_on)
{
	setara_verify_options o = SETARA_VERIFY_OPTIONS_INIT;
	setara_buf out = SETARA_BUF_INIT;
	setara_trust *t = NULL;
	setara_verifier *v = NULL;
	setara_verdict *vd = NULL;
	time_t now = setara__time_now();

	issue_sample(&out, SETARA_DOC_CERTIFICATE, "ph-tesda");
	ck_assert_int_eq(setara_cred_trust_load(&t, pk("trust")), 0);
	o.trust = t;
	clock_at("2031-10-14T00:00:00Z");
	ck_assert_int_eq(setara_cred_verifier_new(&v, &o), 0);
	ck_assert_int_eq(setara_cred_verify_mem(&vd, v, out.ptr, out.size,
		"doc.xml"), 0);
	ASSERT_CHECK(vd, SETARA_CHECK_VALIDITY, SETARA_CHECK_PASS);
	setara_verdict_free(vd);
	/* past validUntil (2031-10-14T23:59:59Z), the same verifier */
	clock_at("2031-10-15T00:00:00Z");
	ck_assert_int_eq(setara_cred_verify_mem(&vd, v, out.ptr, out.size,
		"doc.xml"), 0);
	ASSERT_CHECK(vd, SETARA_CHECK_VALIDITY, SETARA_CHECK_FAIL);
	ASSERT_REASON(vd, SETARA_CHECK_VALIDITY, "checked at "
		"2031-10-15T00:00:00Z");
	setara_verdict_free(vd);
	setara_clock_set((long long)now);
	setara_cred_verifier_free(v);
	setara_cred_trust_free(t);
	setara_buf_dispose(&out);
}
END_TEST

START_TEST(test_cred_verify__doctype_entities)
{
	setara_buf out = SETARA_BUF_INIT, bad = SETARA_BUF_INIT;
	setara_verdict *vd;

	issue_sample(&out, SETARA_DOC_TRANSCRIPT, "my-um");
	/* an internal subset with an entity used in a name */
	setara_buf_puts(&bad, "<?xml version=\"1.0\"?>\n<!DOCTYPE transcript "
		"[<!ENTITY n \"Nur Aisyah binti Ahmad\">]>\n");
	setara_buf_puts(&bad, strstr(out.ptr, "<transcript"));
	test_replace(&bad, "Nur Aisyah binti Ahmad", "&n;");
	vd = verify(&bad);
	ASSERT_CHECK(vd, SETARA_CHECK_FORMAT, SETARA_CHECK_FAIL);
	ASSERT_REASON(vd, SETARA_CHECK_FORMAT, "DOCTYPE");
	ASSERT_CHECK(vd, SETARA_CHECK_SIGNATURE, SETARA_CHECK_COULD_NOT_CHECK);
	ck_assert_int_eq(setara_verdict_result(vd), SETARA_RESULT_INVALID);
	setara_verdict_free(vd);
	/* external entity (XXE) and billion laughs */
	setara_buf_clear(&bad);
	setara_buf_puts(&bad, "<!DOCTYPE t [<!ENTITY x SYSTEM "
		"\"file:///etc/passwd\">]><transcript>&x;</transcript>");
	assert_fails(&bad, SETARA_CHECK_FORMAT, "DOCTYPE");
	setara_buf_clear(&bad);
	setara_buf_puts(&bad, "<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">"
		"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
		"<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><l>&c;</l>");
	assert_fails(&bad, SETARA_CHECK_FORMAT, "DOCTYPE");
	/* an undeclared entity reference without DOCTYPE */
	setara_buf_clear(&bad);
	setara_buf_puts(&bad, strstr(out.ptr, "<transcript"));
	test_replace(&bad, "Nur Aisyah", "&xxe;");
	assert_fails(&bad, SETARA_CHECK_FORMAT, NULL);
	setara_buf_dispose(&out);
	setara_buf_dispose(&bad);
}
END_TEST

START_TEST(test_cred_verify__truncated_empty_oversize)
{
	setara_buf out = SETARA_BUF_INIT, big = SETARA_BUF_INIT;
	setara_verify_options o;
	setara_verifier *v = NULL;
	setara_verdict *vd;
	char *dir = test_tmpdir(), path[512];
	size_t i;

	o = crosschecked(NULL);
	issue_sample(&out, SETARA_DOC_TRANSCRIPT, "my-um");
	out.size /= 2;
	out.ptr[out.size] = '\0';
	assert_fails(&out, SETARA_CHECK_FORMAT, NULL);
	setara_buf_clear(&out);
	assert_fails(&out, SETARA_CHECK_FORMAT, "empty");
	/* over the 8 MiB ceiling, from a file: a verdict, not an error */
	setara_buf_puts(&big, "<transcript xmlns=\"urn:setara:doc:1\">");
	for (i = 0; big.size < SETARA_CRED_MAX_DOC + 10; i++)
		setara_buf_puts(&big, "<!-- padding padding padding -->");
	setara_buf_puts(&big, "</transcript>");
	snprintf(path, sizeof(path), "%s/big.xml", dir);
	write_buf(path, &big);
	ck_assert_int_eq(setara_cred_verifier_new(&v, &o), 0);
	ck_assert_int_eq(setara_cred_verify(&vd, v, path), 0);
	ASSERT_CHECK(vd, SETARA_CHECK_FORMAT, SETARA_CHECK_FAIL);
	ASSERT_REASON(vd, SETARA_CHECK_FORMAT, "too large");
	setara_verdict_free(vd);
	/* from memory too */
	ck_assert_int_eq(setara_cred_verify_mem(&vd, v, big.ptr, big.size,
		"big"), 0);
	ASSERT_CHECK(vd, SETARA_CHECK_FORMAT, SETARA_CHECK_FAIL);
	setara_verdict_free(vd);
	/* a file that cannot be opened is an error, not a verdict */
	snprintf(path, sizeof(path), "%s/none.xml", dir);
	ck_assert_int_eq(setara_cred_verify(&vd, v, path), SETARA_EIO);
	ck_assert_ptr_null(vd);
	/* not a setara document */
	setara_buf_clear(&big);
	setara_buf_puts(&big, "<html/>");
	ck_assert_int_eq(setara_cred_verify_mem(&vd, v, big.ptr, big.size,
		"h"), 0);
	ASSERT_REASON(vd, SETARA_CHECK_FORMAT, "not a setara document");
	ASSERT_CHECK(vd, SETARA_CHECK_PROFILE, SETARA_CHECK_FAIL);
	setara_verdict_free(vd);
	setara_cred_verifier_free(v);
	rm_tmpdir(dir);
	setara_buf_dispose(&out);
	setara_buf_dispose(&big);
}
END_TEST

START_TEST(test_cred_verify__without_trust_is_indeterminate)
{
	setara_verify_options o;
	setara_buf out = SETARA_BUF_INIT;
	setara_verifier *v = NULL;
	setara_verdict *vd = NULL;

	o = crosschecked(NULL);
	issue_sample(&out, SETARA_DOC_TRANSCRIPT, "my-um");
	ck_assert_int_eq(setara_cred_verifier_new(&v, &o), 0);
	ck_assert_int_eq(setara_cred_verify_mem(&vd, v, out.ptr, out.size,
		"t"), 0);
	ASSERT_CHECK(vd, SETARA_CHECK_SIGNATURE, SETARA_CHECK_PASS);
	ASSERT_CHECK(vd, SETARA_CHECK_TRUST, SETARA_CHECK_COULD_NOT_CHECK);
	ASSERT_CHECK(vd, SETARA_CHECK_ISSUER, SETARA_CHECK_COULD_NOT_CHECK);
	ck_assert_int_eq(setara_verdict_result(vd),
		SETARA_RESULT_INDETERMINATE);
	ck_assert_int_eq(setara_verdict_first_problem(vd), SETARA_CHECK_TRUST);
	setara_verdict_free(vd);
	setara_cred_verifier_free(v);
	setara_buf_dispose(&out);
}
END_TEST

START_TEST(test_cred_verify__consistency_totals)
{
	setara_buf out = SETARA_BUF_INIT;
	setara_signer *s = signer("my-um");
	xmlDocPtr doc;
	xmlNodePtr totals;
	setara_verdict *vd;

	/* Signed with totals that disagree with the courses (the builder
	 * refuses that, so change the tree before signing). */
	doc = built_sample(SETARA_DOC_TRANSCRIPT);
	totals = setara__xml_child(xmlDocGetRootElement(doc), SETARA_NS_DOC,
		"totals");
	xmlSetProp(totals, (const xmlChar *)"credits",
		(const xmlChar *)"160");
	ck_assert_int_eq(setara_cred_sign(doc, s), 0);
	dump(&out, doc);
	vd = verify(&out);
	ASSERT_CHECK(vd, SETARA_CHECK_SIGNATURE, SETARA_CHECK_PASS);
	ASSERT_CHECK(vd, SETARA_CHECK_CONSISTENCY, SETARA_CHECK_FAIL);
	ASSERT_REASON(vd, SETARA_CHECK_CONSISTENCY, "sum 150");
	setara_verdict_free(vd);
	xmlFreeDoc(doc);
	setara_cred_signer_free(s);
	setara_buf_dispose(&out);
}
END_TEST

/* Verify against the reference data loaded from the checkout. */
static setara_verdict *verify_store(const setara_buf *doc, int load)
{
	setara_verify_options o;
	setara_trust *t = NULL;
	setara_store *st = NULL;
	setara_verifier *v = NULL;
	setara_verdict *vd = NULL;
	char *dir = test_tmpdir(), db[512];

	st = store_in(dir, db, sizeof(db), load);
	o = crosschecked(&t);
	o.store = st;
	ck_assert_int_eq(setara_cred_verifier_new(&v, &o), 0);
	ck_assert_int_eq(setara_cred_verify_mem(&vd, v, doc->ptr, doc->size,
		"doc.xml"), 0);
	/* a second time: the cached answer is the same */
	{
		setara_verdict *again = NULL;
		const char *r1, *r2;

		ck_assert_int_eq(setara_cred_verify_mem(&again, v, doc->ptr,
			doc->size, "doc.xml"), 0);
		ck_assert_int_eq(setara_verdict_check(again,
			SETARA_CHECK_CONSISTENCY, &r2), setara_verdict_check(vd,
			SETARA_CHECK_CONSISTENCY, &r1));
		ck_assert_str_eq(r1, r2);
		setara_verdict_free(again);
	}
	setara_cred_verifier_free(v);
	setara_cred_trust_free(t);
	setara_store_free(st);
	rm_tmpdir(dir);
	return vd;
}

START_TEST(test_cred_levels__reference_data)
{
	setara_buf out = SETARA_BUF_INIT;
	setara_verdict *vd;

	/* my-mqf:6 is AQRF 6: every check passes, the result is valid */
	issue_sample(&out, SETARA_DOC_TRANSCRIPT, "my-um");
	vd = verify_store(&out, 1);
	ASSERT_CHECK(vd, SETARA_CHECK_CONSISTENCY, SETARA_CHECK_PASS);
	ASSERT_REASON(vd, SETARA_CHECK_CONSISTENCY, "my-mqf:6 is AQRF level 6");
	ck_assert_int_eq(setara_verdict_result(vd), SETARA_RESULT_VALID);
	setara_verdict_free(vd);
	issue_sample(&out, SETARA_DOC_CERTIFICATE, "ph-tesda");
	vd = verify_store(&out, 1);
	ck_assert_int_eq(setara_verdict_result(vd), SETARA_RESULT_VALID);
	setara_verdict_free(vd);

	/* a store without reference data: could not check */
	issue_sample(&out, SETARA_DOC_TRANSCRIPT, "my-um");
	vd = verify_store(&out, 0);
	ASSERT_CHECK(vd, SETARA_CHECK_CONSISTENCY,
		SETARA_CHECK_COULD_NOT_CHECK);
	setara_verdict_free(vd);
	setara_buf_dispose(&out);
}
END_TEST

/* Level claims checked against the reference data: the sample of @type
 * edited, signed with the key of @who; the issuer check passing too when
 * @issuer. */
static const struct level_claim {
	setara_doc_type type;
	const char *edit[6], *who;
	int issuer;
	setara_check_status consistency;
	const char *reason;
} level_claims[] = {
	/* the AQRF level claimed is not the referenced one */
	{ SETARA_DOC_TRANSCRIPT, { "aqrf=\"6\"", "aqrf=\"7\"" }, "my-um", 1,
	  SETARA_CHECK_FAIL, "referenced to AQRF level 6" },
	/* a level the framework does not have */
	{ SETARA_DOC_TRANSCRIPT, { "my-mqf:6", "my-mqf:9" }, "my-um", 0,
	  SETARA_CHECK_FAIL, "no level 9" },
	/* an indicative referencing is said so */
	{ SETARA_DOC_CERTIFICATE, { "id=\"ph-tesda\" country=\"PH\""
	  " accreditation=\"demo-ph-tesda\"", "id=\"th-dsd\" country=\"TH\"",
	  "ph-pqf:2\" aqrf=\"2\"", "th-nqf:3\" aqrf=\"3\"" }, "th-dsd", 1,
	  SETARA_CHECK_PASS, "indicative" },
	/* a framework with no AQRF referencing cannot carry an AQRF level */
	{ SETARA_DOC_CERTIFICATE, { "ph-pqf:2", "sg-wsq:2" }, "ph-tesda", 0,
	  SETARA_CHECK_FAIL, "not referenced" },
};

/* One row of level_claims a run. */
START_TEST(test_cred_levels__claim_checked)
{
	const struct level_claim *c = &level_claims[_i];
	setara_buf out = SETARA_BUF_INIT;
	setara_verdict *vd;

	issue_edited(&out, c->type, c->edit, c->who);
	vd = verify_store(&out, 1);
	if (c->issuer)
		ASSERT_CHECK(vd, SETARA_CHECK_ISSUER, SETARA_CHECK_PASS);
	ASSERT_CHECK(vd, SETARA_CHECK_CONSISTENCY, c->consistency);
	ASSERT_REASON(vd, SETARA_CHECK_CONSISTENCY, c->reason);
	setara_verdict_free(vd);
	setara_buf_dispose(&out);
}
END_TEST

/* ---- trust.c ------------------------------------------------------------- */

START_TEST(test_cred_trust__bad_directories)
{
	setara_trust *t = NULL;
	char *dir = test_tmpdir(), path[512];

	ck_assert_int_eq(setara_cred_trust_load(&t, pk("nowhere")),
		SETARA_ENOTFOUND);
	/* anchors but no trust list */
	ck_assert_int_eq(sh("cp '%s' '%s/'", pk("trust/anchor.pem"), dir), 0);
	ck_assert_int_eq(setara_cred_trust_load(&t, dir), SETARA_ENOTFOUND);
	/* a schema-invalid trust list: file and line */
	snprintf(path, sizeof(path), "%s/trust.xml", dir);
	test_write(path, "<trustList xmlns=\"urn:setara:data:1\" version=\"1\""
		" source=\"t\" status=\"sample\">\n<issuer id=\"My UM\" "
		"country=\"MY\"><name>x</name></issuer></trustList>\n");
	ck_assert_int_eq(setara_cred_trust_load(&t, dir), SETARA_EINVALID);
	ck_assert_int_eq(setara_error_last()->line, 2);
	/* a certificate listed for two issuers */
	test_write(path, "<trustList xmlns=\"urn:setara:data:1\" version=\"1\""
		" source=\"t\" status=\"sample\">"
		"<issuer id=\"a\" country=\"MY\"><name>a</name><certificate "
		"sha256=\"00000000000000000000000000000000000000000000"
		"00000000000000000000\"/><accreditation ref=\"r\" "
		"types=\"transcript\" from=\"2024-01-01T00:00:00Z\"/></issuer>"
		"<issuer id=\"b\" country=\"MY\"><name>b</name><certificate "
		"sha256=\"00000000000000000000000000000000000000000000"
		"00000000000000000000\"/><accreditation ref=\"r\" "
		"types=\"transcript\" from=\"2024-01-01T00:00:00Z\"/>"
		"</issuer></trustList>\n");
	ck_assert_int_eq(setara_cred_trust_load(&t, dir), SETARA_EINVALID);
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message, "twice"));
	ck_assert_ptr_null(t);
	rm_tmpdir(dir);
}
END_TEST

START_TEST(test_cred_trust__accreditation_period)
{
	setara_buf out = SETARA_BUF_INIT;
	char *dir = test_tmpdir();
	setara_verify_options o;
	setara_trust *t = NULL;
	setara_verifier *v = NULL;
	setara_verdict *vd = NULL;

	o = crosschecked(NULL);
	/* the same trust list with my-um's accreditation ending in 2025 */
	ck_assert_int_eq(sh("cp '%s' '%s/' && sed -e '/demo-my-um/s/until="
		"\"2031-12-31T23:59:59Z\"/until=\"2025-12-31T23:59:59Z\"/' "
		"'%s' > '%s/trust.xml'", pk("trust/anchor.pem"), dir,
		pk("trust/trust.xml"), dir), 0);
	ck_assert_int_eq(setara_cred_trust_load(&t, dir), 0);
	o.trust = t;
	ck_assert_int_eq(setara_cred_verifier_new(&v, &o), 0);
	issue_sample(&out, SETARA_DOC_TRANSCRIPT, "my-um");
	ck_assert_int_eq(setara_cred_verify_mem(&vd, v, out.ptr, out.size,
		"t"), 0);
	ASSERT_CHECK(vd, SETARA_CHECK_ISSUER, SETARA_CHECK_FAIL);
	ASSERT_REASON(vd, SETARA_CHECK_ISSUER, "to 2025-12-31");
	setara_verdict_free(vd);
	setara_cred_verifier_free(v);
	setara_cred_trust_free(t);
	rm_tmpdir(dir);
	setara_buf_dispose(&out);
}
END_TEST

/* ---- status.c ------------------------------------------------------------ */

START_TEST(test_cred_status__encoding)
{
	unsigned char *bits = calloc(16384, 1), *dec = NULL;
	char *enc = NULL;
	size_t i, n = 0, zero = 1;

	/* the shared codec (util/bitstring.c) as status lists use it */
	bits[0] = 0x80;     /* index 0: the left-most bit */
	bits[16383] = 0x01; /* index 131071 */
	ck_assert_int_eq(setara__status_encode(&enc, bits, 16384), 0);
	ck_assert_int_eq(enc[0], 'u');
	ck_assert_ptr_null(strchr(enc, '='));
	ck_assert_int_eq(setara__status_decode(&dec, &n, enc, 16384), 0);
	ck_assert_uint_eq(n, 16384);
	ck_assert_int_eq(memcmp(dec, bits, 16384), 0);
	ck_assert_int_eq(setara__bit_get(dec, n, 0), 1);
	ck_assert_int_eq(setara__bit_get(dec, n, 1), 0);
	ck_assert_int_eq(setara__bit_get(dec, n, 131071), 1);
	setara_free(dec);
	dec = NULL;
	/* longer than allowed: refused (a bomb stops at the limit) */
	ck_assert_int_eq(setara__status_decode(&dec, &n, enc, 100),
		SETARA_EINVALID);
	/* the W3C Bitstring Status List example: 16 KiB of zeros */
	ck_assert_int_eq(setara__status_decode(&dec, &n,
		"uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3"
		"AYbSVKsAQAAA", 16384), 0);
	ck_assert_uint_eq(n, 16384);
	for (i = 0; i < n; i++)
		zero &= dec[i] == 0;
	ck_assert(zero);
	setara_free(dec);
	free(bits);
	setara_free(enc);
}
END_TEST

/*
 * A status list of @issuer in @dir/@file, issued at @issued (NULL: now),
 * valid until @until (0: a week later), with index 5 set when @set;
 * signed by @who when @sign.
 */
static void write_list_at(const char *dir, const char *file,
	const char *issuer, const char *country, const char *who,
	const char *list_id, const char *issued, time_t until, int sign,
	int suspension, int set)
{
	unsigned char *bits = calloc(16384, 1);
	setara_signer *s = signer(who);
	setara_buf b = SETARA_BUF_INIT;
	xmlDocPtr doc = NULL;
	char path[512];
	time_t now = setara__time_now();

	if (issued)
		clock_at(issued);
	if (until == 0)
		until = setara__time_now() + 7 * 24 * 3600;
	bits[0] = set ? 0x04 : 0; /* index 5 */
	ck_assert_int_eq(setara_cred__statuslist_build(&doc, issuer, country,
		"Issuer", list_id, suspension, bits, 131072, until), 0);
	setara_clock_set((long long)now);
	if (sign)
		ck_assert_int_eq(setara_cred_sign(doc, s), 0);
	dump(&b, doc);
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	write_buf(path, &b);
	xmlFreeDoc(doc);
	setara_buf_dispose(&b);
	setara_cred_signer_free(s);
	free(bits);
}

/* A list issued now with index 5 set. */
static void write_list(const char *dir, const char *file,
	const char *issuer, const char *country, const char *who,
	const char *list_id, time_t until, int sign, int suspension)
{
	write_list_at(dir, file, issuer, country, who, list_id, NULL, until,
		sign, suspension, 1);
}

#define LIST_ID "urn:uuid:0f8e4a52-3c1d-4e8f-9a6b-7c2d1e0f3a4b"

/* A my-um certificate with status entry @index on LIST_ID, issued at
 * @issued (NULL: now). */
static void with_status_at(setara_buf *out, unsigned long long index,
	int suspension, const char *issued)
{
	setara_buf rec = SETARA_BUF_INIT;
	setara_signer *s = signer("my-um");
	xmlDocPtr doc = NULL;
	time_t now = setara__time_now();

	if (issued)
		clock_at(issued);
	read_text(&rec, top("examples/certificate.xml"));
	test_replace(&rec, "id=\"ph-tesda\" country=\"PH\" "
		"accreditation=\"demo-ph-tesda\"",
		"id=\"my-um\" country=\"MY\"");
	test_replace(&rec, "level=\"ph-pqf:2\"", "level=\"my-mqf:2\"");
	ck_assert_int_eq(setara_cred_build(&doc, SETARA_DOC_CERTIFICATE,
		rec.ptr, rec.size, "c"), 0);
	ck_assert_int_eq(setara_cred__add_status(doc, LIST_ID, index,
		suspension), 0);
	ck_assert_int_eq(setara_cred_sign(doc, s), 0);
	setara_clock_set((long long)now);
	dump(out, doc);
	xmlFreeDoc(doc);
	setara_cred_signer_free(s);
	setara_buf_dispose(&rec);
}

static void with_status(setara_buf *out, unsigned long long index,
	int suspension)
{
	with_status_at(out, index, suspension, NULL);
}

static void status_is(const setara_buf *doc, const char *status,
	int want, const char *reason)
{
	setara_verdict *vd = verify_at(doc, status, NULL);

	ASSERT_CHECK(vd, SETARA_CHECK_STATUS, want);
	if (reason)
		ASSERT_REASON(vd, SETARA_CHECK_STATUS, reason);
	ck_assert_int_eq(setara_verdict_result(vd), want == SETARA_CHECK_FAIL ?
		SETARA_RESULT_INVALID : want == SETARA_CHECK_COULD_NOT_CHECK ?
		SETARA_RESULT_INDETERMINATE : setara_verdict_result(vd));
	setara_verdict_free(vd);
}

START_TEST(test_cred_status__revoked_and_not)
{
	setara_buf revoked = SETARA_BUF_INIT, fine = SETARA_BUF_INIT;
	char *dir = test_tmpdir(), file[512];

	write_list(dir, "my-um.xml", "my-um", "MY", "my-um", LIST_ID, 0, 1, 0);
	snprintf(file, sizeof(file), "%s/my-um.xml", dir);
	with_status(&revoked, 5, 0);
	with_status(&fine, 6, 0);
	status_is(&revoked, file, SETARA_CHECK_FAIL, "revoked");
	status_is(&revoked, dir, SETARA_CHECK_FAIL, "index 5");
	status_is(&fine, dir, SETARA_CHECK_PASS, "not revoked");
	/* a list not given: never pass */
	status_is(&fine, NULL, SETARA_CHECK_COULD_NOT_CHECK, "not available");
	/* a document without status entry passes, saying so */
	issue_sample(&fine, SETARA_DOC_TRANSCRIPT, "my-um");
	status_is(&fine, dir, SETARA_CHECK_PASS, "no status entry");
	/* a list signed with the issuer's RSA key serves as well */
	write_list(dir, "my-um.xml", "my-um", "MY", "my-um-rsa", LIST_ID, 0,
		1, 0);
	status_is(&revoked, file, SETARA_CHECK_FAIL, "revoked");
	/* the list itself verifies as a document */
	{
		setara_buf l = SETARA_BUF_INIT;
		setara_verdict *vd;

		read_text(&l, file);
		vd = verify(&l);
		assert_good(vd);
		ck_assert_str_eq(setara_verdict_type(vd), "statusList");
		setara_verdict_free(vd);
		setara_buf_dispose(&l);
	}
	rm_tmpdir(dir);
	setara_buf_dispose(&revoked);
	setara_buf_dispose(&fine);
}
END_TEST

START_TEST(test_cred_status__unusable_lists_never_pass)
{
	setara_buf doc = SETARA_BUF_INIT, l = SETARA_BUF_INIT;
	char *dir = test_tmpdir(), file[512];
	time_t now = setara__time_now();

	with_status(&doc, 6, 0);
	snprintf(file, sizeof(file), "%s/l.xml", dir);
	/* unsigned */
	write_list(dir, "l.xml", "my-um", "MY", "my-um", LIST_ID, 0, 0, 0);
	status_is(&doc, file, SETARA_CHECK_COULD_NOT_CHECK, "not signed");
	/* expired */
	write_list(dir, "l.xml", "my-um", "MY", "my-um", LIST_ID,
		now - 3600, 1, 0);
	status_is(&doc, file, SETARA_CHECK_COULD_NOT_CHECK, "expired");
	/* another issuer's list under the same id */
	write_list(dir, "l.xml", "ph-upd", "PH", "ph-upd", LIST_ID, 0, 1, 0);
	status_is(&doc, file, SETARA_CHECK_COULD_NOT_CHECK,
		"published by ph-upd");
	/* signed by someone not in the trust list */
	write_list(dir, "l.xml", "ph-unaccredited", "PH", "ph-unaccredited",
		LIST_ID, 0, 1, 0);
	status_is(&doc, file, SETARA_CHECK_COULD_NOT_CHECK, "issuer fail");
	/* tampered after signing: the revoked bit cleared */
	write_list(dir, "l.xml", "my-um", "MY", "my-um", LIST_ID, 0, 1, 0);
	read_text(&l, file);
	test_replace(&l, "<size>131072</size>", "<size>131080</size>");
	write_buf(file, &l);
	status_is(&doc, file, SETARA_CHECK_COULD_NOT_CHECK, "signature fail");
	/* a suspension list for a revocation entry */
	write_list(dir, "l.xml", "my-um", "MY", "my-um", LIST_ID, 0, 1, 1);
	status_is(&doc, file, SETARA_CHECK_COULD_NOT_CHECK, "suspension list");
	/* index outside the list */
	write_list(dir, "l.xml", "my-um", "MY", "my-um", LIST_ID, 0, 1, 0);
	with_status(&doc, 200000, 0);
	status_is(&doc, file, SETARA_CHECK_COULD_NOT_CHECK, "RANGE_ERROR");
	/* suspended */
	write_list(dir, "l.xml", "my-um", "MY", "my-um", LIST_ID, 0, 1, 1);
	with_status(&doc, 5, 1);
	status_is(&doc, file, SETARA_CHECK_FAIL, "suspended");
	rm_tmpdir(dir);
	setara_buf_dispose(&doc);
	setara_buf_dispose(&l);
}
END_TEST

/*
 * Copies of the same list, as mirrors and dated archives hold them: the
 * order of the files never decides.  The document is issued on 11-01, the
 * lists on 11-10 and 11-20, verified on 11-23.
 */
#define DOC_AT "2026-11-01T09:00:00Z"
#define OLD_AT "2026-11-10T09:00:00Z"
#define NEW_AT "2026-11-20T09:00:00Z"

static void two_lists(const char *dir, const char *first, int first_set,
	const char *first_at, const char *second, int second_set,
	const char *second_at, int suspension)
{
	sh("rm -f '%s'/*.xml", dir);
	write_list_at(dir, first, "my-um", "MY", "my-um", LIST_ID, first_at, 0,
		1, suspension, first_set);
	write_list_at(dir, second, "my-um", "MY", "my-um", LIST_ID, second_at,
		0, 1, suspension, second_set);
}

START_TEST(test_cred_status__copies_of_a_list)
{
	setara_buf doc = SETARA_BUF_INIT, sus = SETARA_BUF_INIT;
	char *dir = test_tmpdir();

	with_status_at(&doc, 5, 0, DOC_AT);
	with_status_at(&sus, 5, 1, DOC_AT);
	/* revoked in the new copy: whichever file sorts first */
	two_lists(dir, "a.xml", 0, OLD_AT, "b.xml", 1, NEW_AT, 0);
	status_is(&doc, dir, SETARA_CHECK_FAIL, "revoked");
	two_lists(dir, "a.xml", 1, NEW_AT, "b.xml", 0, OLD_AT, 0);
	status_is(&doc, dir, SETARA_CHECK_FAIL, "issued 2026-11-20T09:00:00Z, the newest of 2");
	/* revocation is permanent: a newer copy with the bit clear (a
	 * replay, a rebuilt register) does not undo it */
	two_lists(dir, "a.xml", 1, OLD_AT, "b.xml", 0, NEW_AT, 0);
	status_is(&doc, dir, SETARA_CHECK_FAIL, "revoked");
	/* neither copy revokes: the newest answers, naming the copies */
	two_lists(dir, "a.xml", 0, NEW_AT, "b.xml", 0, OLD_AT, 0);
	status_is(&doc, dir, SETARA_CHECK_PASS, "newest of 2 copies");
	/* suspension is lifted: the newest copy decides, both ways */
	two_lists(dir, "a.xml", 1, OLD_AT, "b.xml", 0, NEW_AT, 1);
	status_is(&sus, dir, SETARA_CHECK_PASS, "not suspended");
	two_lists(dir, "a.xml", 1, NEW_AT, "b.xml", 0, OLD_AT, 1);
	status_is(&sus, dir, SETARA_CHECK_FAIL, "suspended");
	two_lists(dir, "b.xml", 0, OLD_AT, "a.xml", 1, NEW_AT, 1);
	status_is(&sus, dir, SETARA_CHECK_FAIL, "suspended");
	/* a bit set in a list published before the document was issued
	 * belongs to no document of ours: ignored */
	two_lists(dir, "a.xml", 1, "2026-10-01T09:00:00Z", "b.xml", 0,
		NEW_AT, 0);
	status_is(&doc, dir, SETARA_CHECK_PASS, "not revoked");
	sh("rm -f '%s'/*.xml", dir);
	write_list_at(dir, "a.xml", "my-um", "MY", "my-um", LIST_ID,
		"2026-10-01T09:00:00Z", 0, 1, 0, 1);
	status_is(&doc, dir, SETARA_CHECK_COULD_NOT_CHECK,
		"before the document was issued");
	rm_tmpdir(dir);
	setara_buf_dispose(&doc);
	setara_buf_dispose(&sus);
}
END_TEST

START_TEST(test_cred_status__stale_and_foreign_copies)
{
	setara_buf doc = SETARA_BUF_INIT;
	char *dir = test_tmpdir();
	time_t old_until;

	with_status_at(&doc, 5, 0, DOC_AT);
	/* another issuer's list under the same id is ignored: the issuer's
	 * own list still revokes, whichever sorts first */
	sh("rm -f '%s'/*.xml", dir);
	write_list_at(dir, "a.xml", "ph-upd", "PH", "ph-upd", LIST_ID, NEW_AT,
		0, 1, 0, 0);
	write_list_at(dir, "b.xml", "my-um", "MY", "my-um", LIST_ID, OLD_AT, 0,
		1, 0, 1);
	status_is(&doc, dir, SETARA_CHECK_FAIL, "revoked");
	/* a foreign list alone cannot answer */
	sh("rm -f '%s'/b.xml", dir);
	status_is(&doc, dir, SETARA_CHECK_COULD_NOT_CHECK,
		"published by ph-upd");
	/* the newest copy has expired: stale, even when an older copy is
	 * still within its validity */
	sh("rm -f '%s'/*.xml", dir);
	ck_assert_int_eq(setara__time_parse(&old_until,
		"2026-12-31T00:00:00Z"), 0);
	write_list_at(dir, "a.xml", "my-um", "MY", "my-um", LIST_ID, OLD_AT,
		old_until, 1, 0, 0);
	write_list_at(dir, "b.xml", "my-um", "MY", "my-um", LIST_ID, NEW_AT,
		old_until - 40 * 24 * 3600, 1, 0, 0);
	status_is(&doc, dir, SETARA_CHECK_COULD_NOT_CHECK, "expired on");
	/* an unusable copy beside a usable one does not hide it */
	sh("rm -f '%s'/*.xml", dir);
	write_list_at(dir, "a.xml", "my-um", "MY", "my-um", LIST_ID, NEW_AT,
		0, 0, 0, 0);
	write_list_at(dir, "b.xml", "my-um", "MY", "my-um", LIST_ID, OLD_AT,
		0, 1, 0, 1);
	status_is(&doc, dir, SETARA_CHECK_FAIL, "revoked");
	rm_tmpdir(dir);
	setara_buf_dispose(&doc);
}
END_TEST

START_TEST(test_cred_status__list_without_valid_until)
{
	setara_buf doc = SETARA_BUF_INIT, l = SETARA_BUF_INIT;
	unsigned char *bits = calloc(16384, 1);
	setara_signer *s = signer("my-um");
	xmlDocPtr list = NULL;
	xmlNodePtr until;
	char *dir = test_tmpdir(), file[512];

	with_status(&doc, 6, 0);
	snprintf(file, sizeof(file), "%s/l.xml", dir);
	ck_assert_int_eq(setara_cred__statuslist_build(&list, "my-um", "MY",
		"Issuer", LIST_ID, 0, bits, 131072, setara__time_now() + 3600),
		0);
	/* a list that never goes stale, signed by its issuer: refused by
	 * its schema, so it can never answer */
	until = setara__xml_child(xmlDocGetRootElement(list), SETARA_NS_DOC,
		"validUntil");
	ck_assert_ptr_nonnull(until);
	xmlUnlinkNode(until);
	xmlFreeNode(until);
	ck_assert_int_eq(setara_cred_sign(list, s), 0);
	dump(&l, list);
	write_buf(file, &l);
	status_is(&doc, file, SETARA_CHECK_COULD_NOT_CHECK, "format fail");
	/* nor can the builder make one */
	xmlFreeDoc(list);
	list = NULL;
	ck_assert_int_lt(setara_cred__statuslist_build(&list, "my-um", "MY",
		"Issuer", LIST_ID, 0, bits, 131072, 0), 0);
	ck_assert_ptr_null(list);
	setara_error_clear();
	rm_tmpdir(dir);
	free(bits);
	setara_cred_signer_free(s);
	setara_buf_dispose(&doc);
	setara_buf_dispose(&l);
}
END_TEST

/*
 * The lists of a directory are indexed by id once per verifier; a list is
 * verified the first time a document names it, and only the lists the
 * documents name are: many documents, each file verified once.
 */
START_TEST(test_cred_status__index_verifies_each_list_once)
{
	setara_verify_options o;
	setara_cred__lists *l = NULL;
	setara_cred__header h;
	setara_verifier *v = NULL;
	setara_trust *t = NULL;
	char *dir = test_tmpdir(), *reason = NULL;
	static const char *const other[3] = {
		"urn:uuid:1f8e4a52-3c1d-4e8f-9a6b-7c2d1e0f3a4b",
		"urn:uuid:2f8e4a52-3c1d-4e8f-9a6b-7c2d1e0f3a4b",
		"urn:uuid:3f8e4a52-3c1d-4e8f-9a6b-7c2d1e0f3a4b" };
	int i, status;

	/* two copies of LIST_ID (index 5 revoked in the newer), three
	 * other lists, and a file that is not a list */
	write_list_at(dir, "a.xml", "my-um", "MY", "my-um", LIST_ID, OLD_AT,
		0, 1, 0, 0);
	write_list_at(dir, "b.xml", "my-um", "MY", "my-um", LIST_ID, NEW_AT,
		0, 1, 0, 1);
	for (i = 0; i < 3; i++) {
		char name[32];

		snprintf(name, sizeof(name), "o%d.xml", i);
		write_list_at(dir, name, "my-um", "MY", "my-um", other[i],
			NEW_AT, 0, 1, 0, 0);
	}
	sh("echo '<notalist/>' > '%s/x.xml'", dir);
	o = crosschecked(&t);
	ck_assert_int_eq(setara_cred_verifier_new(&v, &o), 0);
	ck_assert_int_eq(setara_cred__lists_load(&l, v, dir), 0);
	/* indexed, nothing verified yet */
	ck_assert_uint_eq(setara_cred__lists_loads(l), 0);
	memset(&h, 0, sizeof(h));
	h.issuer_id = (char *)"my-um";
	ck_assert_int_eq(setara__time_parse(&h.issued, DOC_AT), 0);
	h.nstatus = 1;
	h.status[0].list = (char *)LIST_ID;
	/* many documents on LIST_ID: its two copies verified once */
	for (i = 0; i < 50; i++) {
		h.status[0].index = (unsigned long long)(i % 10);
		ck_assert_int_eq(setara_cred__status_check(l, &h,
			setara__time_now(), &status, &reason), 0);
		/* the weighing of copies is unchanged: the newer revokes 5 */
		ck_assert_int_eq(status, i % 10 == 5 ? SETARA_CHECK_FAIL :
			SETARA_CHECK_PASS);
		if (i % 10 != 5)
			ck_assert_ptr_nonnull(strstr(reason, "newest of 2"));
		setara__free(reason);
		reason = NULL;
		ck_assert_uint_eq(setara_cred__lists_loads(l), 2);
	}
	/* another list: that file alone, once */
	h.status[0].list = (char *)other[1];
	for (i = 0; i < 5; i++) {
		ck_assert_int_eq(setara_cred__status_check(l, &h,
			setara__time_now(), &status, &reason), 0);
		ck_assert_int_eq(status, SETARA_CHECK_PASS);
		setara__free(reason);
		reason = NULL;
	}
	ck_assert_uint_eq(setara_cred__lists_loads(l), 3);
	/* an id no file holds: nothing more verified */
	h.status[0].list = (char *)"urn:uuid:9f8e4a52-3c1d-4e8f-9a6b-7c2d1e0f3a4b";
	ck_assert_int_eq(setara_cred__status_check(l, &h, setara__time_now(),
		&status, &reason), 0);
	ck_assert_int_eq(status, SETARA_CHECK_COULD_NOT_CHECK);
	setara__free(reason);
	ck_assert_uint_eq(setara_cred__lists_loads(l), 3);
	setara_cred__lists_free(l);
	setara_cred_verifier_free(v);
	setara_cred_trust_free(t);
	rm_tmpdir(dir);
}
END_TEST

/* ---- incremental publishing (publish.c) ----------------------------- */

struct published {
	int written, unchanged;
	char last[256];       /* purpose of the last list written */
};

static void on_written(const char *file, const char *list_id,
	const char *purpose, unsigned long set, void *payload)
{
	struct published *p = payload;

	(void)file;
	(void)list_id;
	(void)set;
	p->written++;
	snprintf(p->last, sizeof(p->last), "%s", purpose);
}

static void on_unchanged(const char *file, const char *list_id,
	const char *purpose, unsigned long set, void *payload)
{
	struct published *p = payload;

	(void)file;
	(void)list_id;
	(void)purpose;
	(void)set;
	p->unchanged++;
}

/* Publish my-um's lists into @out; what was written and left. */
static struct published publish(setara_store *st, const setara_signer *s,
	const char *out, int all)
{
	setara_publish_options po = SETARA_PUBLISH_OPTIONS_INIT;
	struct published p;

	memset(&p, 0, sizeof(p));
	po.issuer = "my-um";
	po.all = all;
	po.unchanged = on_unchanged;
	ck_assert_msg(setara_status_publish(st, s, out, &po, on_written,
		&p) == 0, "publish: %s", setara_error_last()->message);
	return p;
}

#define PUBLISHED(p, w, u) do { \
	ck_assert_int_eq((p).written, (w)); \
	ck_assert_int_eq((p).unchanged, (u)); \
} while (0)

START_TEST(test_cred_publish__incremental)
{
	setara_register__doc d = { NULL, "certificate", "my-um",
		"Universiti Malaya", "MY", "s1", NULL, NULL, NULL };
	setara_register__slot a, b;
	setara_signer *s = signer("my-um");
	setara_store *st = NULL;
	setara_buf before = SETARA_BUF_INIT, after = SETARA_BUF_INIT;
	char *dir = test_tmpdir(), *db, *out, *other, *rev, *sus;
	struct published p;
	int existing;

	db = setara__path_join(dir, "t.db");
	out = setara__path_join(dir, "lists");
	other = setara__path_join(dir, "mirror");
	rev = setara__path_join(out, "my-um-1-revocation.xml");
	sus = setara__path_join(out, "my-um-1-suspension.xml");
	ck_assert_int_eq(test_store_open(&st, db, 0), 0);
	d.path = db; /* never written: the register alone matters here */
	ck_assert_int_eq(setara_register__reserve(st, &d, &a, &existing), 0);
	ck_assert_int_eq(setara_register__complete(st, a.id, "00"), 0);
	ck_assert_int_eq(setara_register__reserve(st, &d, &b, &existing), 0);
	ck_assert_int_eq(setara_register__complete(st, b.id, "00"), 0);

	/* the first time, both lists; the second, neither, nothing touched */
	p = publish(st, s, out, 0);
	PUBLISHED(p, 2, 0);
	read_text(&before, rev);
	p = publish(st, s, out, 0);
	PUBLISHED(p, 0, 2);
	read_text(&after, rev);
	ck_assert_str_eq(before.ptr, after.ptr);

	/* a revocation changes the revocation list, and only it */
	ck_assert_int_eq(setara_register_revoke(st, a.id, "error"), 0);
	p = publish(st, s, out, 0);
	PUBLISHED(p, 1, 1);
	ck_assert_str_eq(p.last, "revocation");
	read_text(&after, rev);
	ck_assert_str_ne(before.ptr, after.ptr);
	p = publish(st, s, out, 0);
	PUBLISHED(p, 0, 2);

	/* a suspension, the suspension list; its lifting, again */
	ck_assert_int_eq(setara_register_suspend(st, b.id, "inquiry"), 0);
	p = publish(st, s, out, 0);
	PUBLISHED(p, 1, 1);
	ck_assert_str_eq(p.last, "suspension");
	ck_assert_int_eq(setara_register_reinstate(st, b.id, "cleared"), 0);
	p = publish(st, s, out, 0);
	PUBLISHED(p, 1, 1);
	ck_assert_str_eq(p.last, "suspension");

	/* revoking a suspended document changes both lists */
	ck_assert_int_eq(setara_register_suspend(st, b.id, "inquiry"), 0);
	p = publish(st, s, out, 0);
	PUBLISHED(p, 1, 1);
	ck_assert_int_eq(setara_register_revoke(st, b.id, "fraud"), 0);
	p = publish(st, s, out, 0);
	PUBLISHED(p, 2, 0);

	/* a file removed or altered is written again */
	ck_assert_int_eq(unlink(sus), 0);
	p = publish(st, s, out, 0);
	PUBLISHED(p, 1, 1);
	ck_assert_str_eq(p.last, "suspension");
	sh("echo ' ' >> '%s'", rev);
	p = publish(st, s, out, 0);
	PUBLISHED(p, 1, 1);
	ck_assert_str_eq(p.last, "revocation");

	/* another directory has none of them yet; --all writes every list;
	 * another signer's key signs every list again */
	p = publish(st, s, other, 0);
	PUBLISHED(p, 2, 0);
	p = publish(st, s, out, 1);
	PUBLISHED(p, 2, 0);
	setara_cred_signer_free(s);
	s = signer("my-um-rsa");
	p = publish(st, s, out, 0);
	PUBLISHED(p, 2, 0);
	p = publish(st, s, out, 0);
	PUBLISHED(p, 0, 2);

	/* a list is signed again once half its validity (7 days) is gone */
	clock_at("2026-11-26T09:00:00Z");
	p = publish(st, s, out, 0);
	PUBLISHED(p, 0, 2);
	clock_at("2026-11-27T10:00:00Z");
	p = publish(st, s, out, 0);
	PUBLISHED(p, 2, 0);
	clock_at("2026-11-23T10:00:00Z");

	setara_store_free(st);
	setara_cred_signer_free(s);
	setara_buf_dispose(&before);
	setara_buf_dispose(&after);
	sh("rm -rf '%s'", dir);
	setara__free(db);
	setara__free(out);
	setara__free(other);
	setara__free(rev);
	setara__free(sus);
	free(dir);
}
END_TEST

START_TEST(test_cred_status__missing_path)
{
	setara_verify_options o;
	setara_verifier *v = NULL;

	o = crosschecked(NULL);
	o.status = pk("no-such-list.xml");
	ck_assert_int_eq(setara_cred_verifier_new(&v, &o), SETARA_ENOTFOUND);
	ck_assert_ptr_null(v);
}
END_TEST

/* ---- suite --------------------------------------------------------------- */

static Suite *cred_suite(void);

static Suite *cred_suite(void)
{
	const test_def tests[] = {
		{ "types", test_cred_types__names },
		{ "dec", test_cred_dec__exact },
		{ "build", test_cred_build__transcript_from_record },
		{ "build", test_cred_build__valid_by_construction },
		{ "build", test_cred_build__comments_and_cdata },
		{ "build", test_cred_build__totals_computed_and_checked },
		{ "build", test_cred_build__bad_records_refused },
		{ "build", test_cred_build__status_entry_inserted },
		{ "ossl", test_cred_ossl__base64 },
		{ "ossl", test_cred_ossl__signer_checks },
		{ "ossl", test_cred_ossl__p256_order_inverse },
		{ "sign", test_cred_sign__signed_info_is_canonical },
		{ "sign", test_cred_sign__refuses_signed },
		{ "issue", test_cred_issue__file_atomic },
		{ "issue", test_cred_issue__document_in_memory },
		{ "issue", test_cred_issue__refuted_records },
		{ "issue", test_cred_issue__within_the_accreditation },
		{ "batch", test_cred_batch__write_failure_stops_the_batch },
		{ "verify", test_cred_verify__transcript_ecdsa_and_rsa },
		{ "verify", test_cred_verify__certificate_with_chain },
		{ "verify", test_cred_verify__certificate_rsa },
		{ "verify", test_cred_verify__decision_and_attestation },
		{ "verify", test_cred_verify__xmlsec1_verifies_ours },
		{ "verify", test_cred_verify__we_verify_xmlsec1 },
		{ "verify", test_cred_verify__direct_path_agrees_with_xmlsec },
		{ "verify",
		  test_cred_verify__signers_table_agrees_with_xmlsec },
		{ "verify", test_cred_verify__signers_table_under_threads },
		{ "verify", test_cred_c14n__libxml2s_bytes_or_declined },
		{ "verify", test_cred_verify__changed_byte },
		{ "verify", test_cred_verify__second_signature },
		{ "verify",
		  test_cred_verify__comment_or_instruction_not_signed },
		{ "verify", test_cred_verify__signature_not_child_of_root },
		{ "verify", test_cred_verify__reference_uris },
		{ "verify", test_cred_verify__id_reference_signed_by_xmlsec1 },
		{ "verify", test_cred_verify__wrapping },
		{ "verify", test_cred_verify__transforms_signed_by_xmlsec1 },
		{ "verify", test_cred_verify__template_refused },
		{ "verify", test_cred_verify__key_that_does_not_fit },
		{ "verify", test_cred_verify__untrusted_expired_notyet },
		{ "verify", test_cred_verify__no_key_usage_signed_by_xmlsec1 },
		{ "verify",
		  test_cred_verify__course_twice_in_a_term_signed_by_xmlsec1 },
		{ "verify",
		  test_cred_verify__server_auth_only_signed_by_xmlsec1 },
		{ "verify",
		  test_cred_verify__issuer_not_listed_or_not_accredited },
		{ "verify", test_cred_verify__issuer_refused },
		{ "verify", test_cred_verify__validity_dates },
		{ "verify", test_cred_verify__time_moves_on },
		{ "verify", test_cred_verify__doctype_entities },
		{ "verify", test_cred_verify__truncated_empty_oversize },
		{ "verify", test_cred_verify__without_trust_is_indeterminate },
		{ "verify", test_cred_verify__consistency_totals },
		{ "levels", test_cred_levels__reference_data },
		{ "levels", test_cred_levels__claim_checked },
		{ "trust", test_cred_trust__bad_directories },
		{ "trust", test_cred_trust__accreditation_period },
		{ "status", test_cred_status__encoding },
		{ "status", test_cred_status__revoked_and_not },
		{ "status", test_cred_status__unusable_lists_never_pass },
		{ "status", test_cred_status__missing_path },
		{ "status", test_cred_status__copies_of_a_list },
		{ "status", test_cred_status__stale_and_foreign_copies },
		{ "status", test_cred_status__list_without_valid_until },
		{ "status", test_cred_status__index_verifies_each_list_once },
		{ "status", test_cred_publish__incremental },
	};
	const test_case_opts opts[] = {
		{ "*", 60, pki_setup, NULL, NULL, NULL },
	};

	clock_at("2026-11-23T10:00:00Z");
	const test_loop loops[] = {
		{ test_cred_verify__template_refused,
		  (int)TEST_COUNT(refused) },
		{ test_cred_verify__issuer_refused,
		  (int)TEST_COUNT(issuer_refused) },
		{ test_cred_levels__claim_checked,
		  (int)TEST_COUNT(level_claims) },
	};

	return TEST_SUITE_LOOPS("cred", tests, opts, loops);
}

SETARA_CHECK_MAIN(cred_suite)
