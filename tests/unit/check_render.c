/*
 * Unit tests of rendering (render.c, the render-*.xsl stylesheets) and of
 * the ELMO export (elmo.c): real documents built from the sample records,
 * signed with keys of a demo PKI made by certs/mkpki for this run, with a
 * store loaded from the checkout's data.  Pages are parsed back with
 * libxml2's HTML parser and checked with XPath; the libxslt lock-down is
 * attacked with stylesheets that try to read and write files.
 */
#include <sys/stat.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>

#include "check_common.h"
#include "cred/render_int.h"

/* ---- fixtures ------------------------------------------------------------ */

static const char *tmp; /* PKI, store; made once by the parent process */
static setara_store *st;
static setara_trust *trust;

static const char *in_tmp(const char *rel)
{
	return test_path(tmp, rel);
}

static const char *top(const char *rel)
{
	return test_path(test_top(), rel);
}

static void setup_once(void)
{
	/* Issue and verify at one fixed time: a verifier made before a
	 * document is issued must not find it not yet valid. */
	clock_at("2026-11-23T10:00:00Z");

	if (tmp)
		return;
	tmp = test_run_dir();
	test_mkpki(in_tmp("pki"));
	ck_assert_msg(setara_store_open(&st, in_tmp("render.db"), 0) == 0 &&
		setara_store_load(st, test_top(), NULL) == 0,
		"store: %s", setara_error_last()->message);
	setara_store_free(st);
	st = NULL;
}

static void setup(void)
{
	setup_once();
	ck_assert_msg(setara_store_open(&st, in_tmp("render.db"),
		SETARA_STORE_READONLY) == 0, "store: %s",
		setara_error_last()->message);
	ck_assert_msg(setara_cred_trust_load(&trust, in_tmp("pki/trust")) ==
		0, "trust: %s", setara_error_last()->message);
}

static void teardown(void)
{
	setara_cred_trust_free(trust);
	trust = NULL;
	setara_store_free(st);
	st = NULL;
}

/* ---- helpers ------------------------------------------------------------- */

static void read_all(setara_buf *b, const char *path)
{
	ck_assert_msg(setara__read_file(b, path, 0) == 0, "%s: %s", path,
		setara_error_last()->message);
}

/* The unsigned document of @type built from the sample record @rec. */
static void build(setara_buf *out, setara_doc_type type, const setara_buf *rec)
{
	xmlDocPtr doc = NULL;
	xmlChar *mem = NULL;
	int n = 0;

	ck_assert_msg(setara_cred_build(&doc, type, rec->ptr, rec->size,
		"record.xml") == 0, "build: %s", setara_error_last()->message);
	xmlDocDumpMemoryEnc(doc, &mem, &n, "UTF-8");
	setara_buf_clear(out);
	setara_buf_put(out, mem, (size_t)n);
	xmlFree(mem);
	xmlFreeDoc(doc);
}

/* The same, signed by issuer @who of the demo PKI. */
static void build_signed(setara_buf *out, setara_doc_type type,
	const setara_buf *rec, const char *who)
{
	setara_signer *s = test_pki_signer(in_tmp("pki"), who);
	xmlDocPtr doc = NULL;
	xmlChar *mem = NULL;
	int n = 0;

	ck_assert_int_eq(setara_cred_build(&doc, type, rec->ptr, rec->size,
		"record.xml"), 0);
	ck_assert_int_eq(setara_cred_sign(doc, s), 0);
	xmlDocDumpMemoryEnc(doc, &mem, &n, "UTF-8");
	setara_buf_clear(out);
	setara_buf_put(out, mem, (size_t)n);
	xmlFree(mem);
	xmlFreeDoc(doc);
	setara_cred_signer_free(s);
}

static void sample_transcript(setara_buf *out, int sign)
{
	setara_buf rec = SETARA_BUF_INIT;

	read_all(&rec, top("examples/transcript.xml"));
	if (sign)
		build_signed(out, SETARA_DOC_TRANSCRIPT, &rec, "my-um");
	else
		build(out, SETARA_DOC_TRANSCRIPT, &rec);
	setara_buf_dispose(&rec);
}

static setara_verifier *verifier(void)
{
	setara_verify_options o = SETARA_VERIFY_OPTIONS_INIT;
	setara_verifier *v = NULL;

	o.crosscheck = 1;  /* libxmlsec1 checks every signature too */
	o.trust = trust;
	o.store = st;
	ck_assert_int_eq(setara_cred_verifier_new(&v, &o), 0);
	return v;
}

/* What a test of a document works with: the document, its page or
 * export, a verifier and its verdict, and a signer (or NULL). */
typedef struct doc_run {
	setara_buf doc, out;
	setara_verifier *vf;
	setara_verdict *v;
	setara_signer *s;
} doc_run;

static doc_run doc_run_start(void)
{
	doc_run t = { SETARA_BUF_INIT, SETARA_BUF_INIT, NULL, NULL, NULL };

	t.vf = verifier();
	return t;
}

static void doc_run_end(doc_run *t)
{
	setara_verdict_free(t->v);
	setara_cred_signer_free(t->s);
	setara_cred_verifier_free(t->vf);
	setara_buf_dispose(&t->out);
	setara_buf_dispose(&t->doc);
}

static void render(setara_buf *page, setara_verdict **verdict,
	const setara_buf *doc, setara_verifier *v)
{
	setara_render_options ro = SETARA_RENDER_OPTIONS_INIT;

	ro.verifier = v;
	ro.store = st;
	ck_assert_msg(setara_cred_render(page, verdict, doc->ptr, doc->size,
		"doc.xml", &ro) == 0, "render: %s",
		setara_error_last()->message);
	ck_assert(strncmp(page->ptr, "<!DOCTYPE html>\n", 16) == 0);
}

/* The string value of @xpath in an HTML page or XML document. */
static char *xp(const setara_buf *b, int html, const char *xpath)
{
	xmlDocPtr doc = html ? htmlReadMemory(b->ptr, (int)b->size, "p.html",
		"UTF-8", HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
		HTML_PARSE_NONET | HTML_PARSE_RECOVER) :
		xmlReadMemory(b->ptr, (int)b->size, "d.xml", NULL,
		XML_PARSE_NONET);
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr o;
	char *s;

	ck_assert_ptr_nonnull(doc);
	ctx = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(ctx, (const xmlChar *)"e",
		(const xmlChar *)SETARA_NS_ELMO);
	xmlXPathRegisterNs(ctx, (const xmlChar *)"s",
		(const xmlChar *)SETARA_NS_DOC);
	xmlXPathRegisterNs(ctx, (const xmlChar *)"ds",
		(const xmlChar *)"http://www.w3.org/2000/09/xmldsig#");
	o = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
	ck_assert_msg(o != NULL, "bad XPath %s", xpath);
	s = (char *)xmlXPathCastToString(o);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	return s;
}

#define ck_xp(b, html, xpath, want) do { \
		char *got_ = xp((b), (html), (xpath)); \
		ck_assert_msg(strcmp(got_, (want)) == 0, "%s: '%s', want '%s'", \
			(xpath), got_, (want)); \
		xmlFree(got_); \
	} while (0)

/* An XPath expression and the string value it must have. */
typedef struct xp_want {
	const char *xpath, *want;
} xp_want;

/* ck_xp() for each of the @n entries of @w. */
static void ck_xps(const setara_buf *b, int html, const xp_want *w,
	size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		ck_xp(b, html, w[i].xpath, w[i].want);
}

#define CK_XPS(b, html, w) ck_xps((b), (html), (w), TEST_COUNT(w))

/* ---- render.c ------------------------------------------------------------ */

START_TEST(test_render_render__stylesheets_are_safe)
{
	const char *const *n;
	const unsigned char *d;
	size_t len;
	int sheets = 0;
	const char *banned[] = { "disable-output-escaping", "document(",
		"xsl:include", "xsl:import", "<script", "href=\"{",
		"src=\"{", "style=\"{", NULL };
	char *text;
	int i;

	for (n = setara__embedded_names(); *n; n++) {
		if (strncmp(*n, "cred/render-", 12) != 0)
			continue;
		sheets++;
		d = setara__embedded(*n, &len);
		text = strndup((const char *)d, len);
		for (i = 0; banned[i]; i++)
			ck_assert_msg(strstr(text, banned[i]) == NULL,
				"%s holds %s", *n, banned[i]);
		free(text);
	}
	/* common, generic, transcript, certificate, statuslist at least */
	ck_assert_int_ge(sheets, 5);
}
END_TEST

/* A stylesheet that tries to read a file, fetch a URL and write a file:
 * the locked-down run must neither read nor write. */
START_TEST(test_render_render__lockdown)
{
	char sheet[4096], secret[600], written[600];
	setara_buf out = SETARA_BUF_INIT;
	xsltStylesheetPtr style;
	xmlDocPtr sdoc, doc;
	struct stat sb;
	const char *attacks[] = {
		"<xsl:value-of select=\"document('%s')\"/>",
		"<xsl:copy-of select=\"document('file://%s')\"/>",
		"<xsl:value-of select=\"document('http://127.0.0.1:9/x')\"/>",
		"<xsl:document href=\"%s\">pwned</xsl:document>",
		NULL };
	int i;

	setup_once();
	snprintf(secret, sizeof(secret), "%s/secret.xml", tmp);
	snprintf(written, sizeof(written), "%s/written.txt", tmp);
	test_write(secret, "<s>TOPSECRET</s>");
	for (i = 0; attacks[i]; i++) {
		char body[1200];

		snprintf(body, sizeof(body), attacks[i], i == 3 ? written :
			secret);
		snprintf(sheet, sizeof(sheet), "<xsl:stylesheet version=\"1.1\""
			" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
			"<xsl:template match=\"/\"><r>%s</r></xsl:template>"
			"</xsl:stylesheet>", body);
		sdoc = xmlReadMemory(sheet, (int)strlen(sheet), "a.xsl", NULL,
			XML_PARSE_NONET);
		ck_assert_ptr_nonnull(sdoc);
		style = xsltParseStylesheetDoc(sdoc);
		ck_assert_ptr_nonnull(style);
		doc = xmlReadMemory("<x/>", 4, "x.xml", NULL, 0);
		setara_buf_clear(&out);
		/* refused (an error) or empty: never the secret */
		if (setara_cred__xslt_run(&out, style, doc, NULL, "x") == 0)
			ck_assert_msg(out.ptr == NULL ||
				strstr(out.ptr, "TOPSECRET") == NULL,
				"attack %d read the file", i);
		ck_assert_msg(stat(written, &sb) != 0,
			"attack %d wrote a file", i);
		setara_error_clear();
		xmlFreeDoc(doc);
		xsltFreeStylesheet(style);
	}
	setara_buf_dispose(&out);
}
END_TEST

START_TEST(test_render_render__transcript_values)
{
	static const xp_want transcript[] = {
		{ "string(/html/@lang)", "en" },
		{ "string(//dd[@class='subject-name'])",
		  "Nur Aisyah binti Ahmad" },
		{ "string(//p[@class='issuer-name'])", "Universiti Malaya" },
		{ "count(//table[@class='courses'])", "8" },
		{ "count(//table[@class='courses']/tbody/tr)", "47" },
		/* original and converted side by side */
		{ "concat(//tr[th/span='WIX1002']/td[2], ' ', "
		  "//tr[th/span='WIX1002']/td[3], ' ', "
		  "//tr[th/span='WIX1002']/td[5], ' ', "
		  "//tr[th/span='WIX1002']/td[6])", "5 A- 7.5 A" },
		/* exact term sums: 3+5+3+2+2+3 and 1.5 times that */
		{ "string((//table[@class='courses'])[1]/tfoot/tr/td[1])",
		  "18" },
		{ "string((//table[@class='courses'])[1]/tfoot/tr/td[4])",
		  "27" },
		{ "string(//td[contains(@class,'total-credits')])", "150" },
		{ "string(//td[contains(@class,'total-converted')])", "225.0" },
		{ "string(//dd[@class='aqrf-level'])", "AQRF level 6" },
		{ "substring-before(//dd[@class='derivation'], ',')",
		  "my-mqf:6 is referenced to AQRF level 6 (referencing status "
		  "endorsed" },
		/* accessible tables: captions and scoped headers everywhere */
		{ "count(//table[not(caption)])", "0" },
		{ "count(//th[not(@scope)])", "0" },
		{ "count(//script)", "0" },
		{ "normalize-space(//p[@class='not-verified']/strong)",
		  "Not verified." },
	};
	setara_buf doc = SETARA_BUF_INIT, page = SETARA_BUF_INIT;
	setara_verdict *v = NULL;

	sample_transcript(&doc, 0);
	render(&page, &v, &doc, NULL);
	ck_assert_ptr_null(v);
	CK_XPS(&page, 1, transcript);
	ck_assert_ptr_nonnull(strstr(page.ptr, "@media print"));
	setara_buf_dispose(&page);
	setara_buf_dispose(&doc);
}
END_TEST

START_TEST(test_render_render__text_is_escaped)
{
	static const xp_want escaped[] = {
		{ "count(//script)", "0" },
		{ "count(//h1)", "1" },
		{ "string(//dd[@class='subject-name'])",
		  "<script>alert(1)</script>\"'&" },
		{ "string(//tr[th/span='WIA1002']/td[1])", "</td><h1>X</h1>" },
	};
	setara_buf rec = SETARA_BUF_INIT, doc = SETARA_BUF_INIT,
		page = SETARA_BUF_INIT;

	read_all(&rec, top("examples/transcript.xml"));
	test_replace(&rec, "<name>Nur Aisyah binti Ahmad</name>",
		"<name>&lt;script&gt;alert(1)&lt;/script&gt;\"'&amp;</name>");
	test_replace(&rec, "Data Structures", "&lt;/td&gt;&lt;h1&gt;X&lt;/h1&gt;");
	build(&doc, SETARA_DOC_TRANSCRIPT, &rec);
	render(&page, NULL, &doc, NULL);
	CK_XPS(&page, 1, escaped);
	ck_assert_ptr_nonnull(strstr(page.ptr, "&lt;script&gt;alert(1)"));
	setara_buf_dispose(&page);
	setara_buf_dispose(&doc);
	setara_buf_dispose(&rec);
}
END_TEST

START_TEST(test_render_render__verified_and_tampered)
{
	static const xp_want verified[] = {
		{ "count(//table[@class='checks']/tbody/tr)", "8" },
		{ "string(//table[@class='checks']//tr[th='signature']"
		  "/td[1])", "Pass" },
		{ "string(//table[@class='checks']//tr[th='issuer']"
		  "/td[1])", "Pass" },
	};
	static const xp_want tampered[] = {
		{ "string(//section[contains(@class,'verification')]"
		  "/@class)", "verification result-invalid" },
		{ "string(//table[@class='checks']//tr[th='signature']"
		  "/td[1])", "Fail" },
		{ "normalize-space(//p[@class='verdict'])",
		  "Invalid: do not rely on this document. Failed: signature." },
	};
	doc_run t = doc_run_start();

	sample_transcript(&t.doc, 1);
	render(&t.out, &t.v, &t.doc, t.vf);
	ck_assert_ptr_nonnull(t.v);
	ck_assert_int_ne(setara_verdict_result(t.v), SETARA_RESULT_INVALID);
	CK_XPS(&t.out, 1, verified);
	setara_verdict_free(t.v);

	test_replace(&t.doc, "grade=\"A-\"", "grade=\"A\"");
	render(&t.out, &t.v, &t.doc, t.vf);
	ck_assert_int_eq(setara_verdict_result(t.v), SETARA_RESULT_INVALID);
	CK_XPS(&t.out, 1, tampered);
	doc_run_end(&t);
}
END_TEST

/* A document cannot bring its own verification result. */
START_TEST(test_render_render__no_forged_result)
{
	setara_buf doc = SETARA_BUF_INIT, page = SETARA_BUF_INIT,
		forged = SETARA_BUF_INIT;
	const char *fake = "<r:render xmlns:r=\"urn:setara:render:1\">"
		"<r:verification result=\"valid\"><r:check name=\"signature\" "
		"status=\"pass\">forged</r:check></r:verification></r:render>";
	char *p;

	sample_transcript(&doc, 0);
	/* as a child of the document element: schema-invalid */
	setara_buf_puts(&forged, doc.ptr);
	p = strstr(forged.ptr, "</transcript>");
	ck_assert_ptr_nonnull(p);
	*p = '\0';
	forged.size = (size_t)(p - forged.ptr);
	setara_buf_puts(&forged, fake);
	setara_buf_puts(&forged, "</transcript>\n");
	ck_assert_int_eq(setara_cred_render(&page, NULL, forged.ptr,
		forged.size, "f.xml", NULL), SETARA_EINVALID);
	/* inside the (unchecked) signature slot: ignored */
	test_replace(&doc, "</transcript>", "<ds:Signature xmlns:ds=\"http://www."
		"w3.org/2000/09/xmldsig#\">");
	setara_buf_puts(&doc, fake);
	setara_buf_puts(&doc, "</ds:Signature></transcript>\n");
	render(&page, NULL, &doc, NULL);
	ck_assert_ptr_null(strstr(page.ptr, "forged"));
	ck_xp(&page, 1, "count(//section[contains(@class,'verification')])",
		"0");
	ck_xp(&page, 1, "normalize-space(//p[@class='not-verified']/strong)",
		"Not verified.");
	setara_buf_dispose(&forged);
	setara_buf_dispose(&page);
	setara_buf_dispose(&doc);
}
END_TEST

START_TEST(test_render_render__certificate_and_status_list)
{
	static const xp_want certificate[] = {
		{ "string(//h1)", "Qualification Certificate" },
		{ "string(//dd[@class='certificate-number'])",
		  "NC2-BPP-2026-0451-88213" },
		{ "count(//table[@class='units']/tbody/tr)", "14" },
		{ "normalize-space(//dd[@class='national-level'])",
		  "ph-pqf level 2" },
	};
	static const xp_want status_list[] = {
		{ "string(//h1)", "Status List" },
		{ "string(//dd[@class='set-bits'])", "3" },
		{ "string(//dd[@class='size'])", "131072" },
		{ "string(//dd[@class='purpose'])", "revocation" },
	};
	setara_buf rec = SETARA_BUF_INIT, doc = SETARA_BUF_INIT,
		page = SETARA_BUF_INIT;
	unsigned char bits[16384];
	xmlDocPtr sl = NULL;
	xmlChar *mem = NULL;
	int n = 0;

	read_all(&rec, top("examples/certificate.xml"));
	build(&doc, SETARA_DOC_CERTIFICATE, &rec);
	render(&page, NULL, &doc, NULL);
	CK_XPS(&page, 1, certificate);

	memset(bits, 0, sizeof(bits));
	bits[0] = 0x81; /* indexes 0 and 7 */
	bits[100] = 0x10;
	ck_assert_int_eq(setara_cred__statuslist_build(&sl, "my-um", "MY",
		"Universiti Malaya", NULL, 0, bits, sizeof(bits) * 8,
		setara__time_now() + 3600), 0);
	xmlDocDumpMemoryEnc(sl, &mem, &n, "UTF-8");
	setara_buf_clear(&doc);
	setara_buf_put(&doc, mem, (size_t)n);
	render(&page, NULL, &doc, NULL);
	CK_XPS(&page, 1, status_list);
	xmlFree(mem);
	xmlFreeDoc(sl);
	setara_buf_dispose(&page);
	setara_buf_dispose(&doc);
	setara_buf_dispose(&rec);
}
END_TEST

START_TEST(test_render_render__refused_inputs)
{
	setara_buf page = SETARA_BUF_INIT, rec = SETARA_BUF_INIT;
	const char *bad[] = { "<x", "<x xmlns='urn:setara:doc:1'/>",
		"<transcript xmlns='urn:setara:doc:1' version='1'/>",
		"<?xml version='1.0'?><!DOCTYPE t [<!ENTITY e 'x'>]><t>&e;</t>",
		NULL };
	int i;

	for (i = 0; bad[i]; i++) {
		ck_assert_int_eq(setara_cred_render(&page, NULL, bad[i],
			strlen(bad[i]), "bad.xml", NULL), SETARA_EINVALID);
		ck_assert_uint_eq(page.size, 0);
	}
	read_all(&rec, top("examples/transcript.xml"));
	ck_assert_int_eq(setara_cred_render(&page, NULL, rec.ptr, rec.size,
		"record.xml", NULL), SETARA_EINVALID);
	ck_assert_int_eq(setara_cred_render_file(&page, NULL,
		"/nonexistent/doc.xml", NULL), SETARA_EIO);
	setara_buf_dispose(&rec);
	setara_buf_dispose(&page);
}
END_TEST

/* ---- elmo.c ---------------------------------------------------------------- */

static int elmo_v(setara_buf *out, setara_verdict **v, const setara_buf *doc,
	setara_verifier *vf, const setara_signer *signer, int version)
{
	setara_elmo_options eo = SETARA_ELMO_OPTIONS_INIT;

	eo.verifier = vf;
	eo.store = st;
	eo.signer = signer;
	eo.issuer_url = "https://www.um.edu.my/";
	eo.elmo_version = version;
	return setara_cred_export_elmo(out, v, doc->ptr, doc->size, "t.xml",
		&eo);
}

static int elmo(setara_buf *out, setara_verdict **v, const setara_buf *doc,
	setara_verifier *vf, const setara_signer *signer)
{
	return elmo_v(out, v, doc, vf, signer, 1);
}

/*
 * 1 when @doc is valid against the ELMO schema in @dir (its catalog
 * maps every import to a local file; --nonet: nothing is fetched).
 */
static int elmo_xsd_valid(const char *dir, const setara_buf *doc)
{
	char cmd[4096];

	test_write(in_tmp("x.elmo"), doc->ptr);
	snprintf(cmd, sizeof(cmd), "XML_CATALOG_FILES='%s/catalog.xml' "
		"xmllint --nonet --noout --schema '%s/schema.xsd' '%s' "
		">/dev/null 2>&1", dir, dir, in_tmp("x.elmo"));
	return system(cmd) == 0;
}

/* The issuer @name of the demo PKI as the signer of an export: its key
 * and certificate, without the chain. */
static setara_signer *elmo_signer(const char *name)
{
	setara_signer *s = NULL;
	char key[64], cert[64];

	snprintf(key, sizeof(key), "pki/issuers/%s.key", name);
	snprintf(cert, sizeof(cert), "pki/issuers/%s.pem", name);
	ck_assert_msg(setara_cred_signer_load(&s, in_tmp(key), in_tmp(cert),
		NULL) == 0, "signer %s: %s", name,
		setara_error_last()->message);
	return s;
}

/* ELMO v2.0.0's schema, which the project carries. */
static const char *elmo2_dir(void)
{
	return top("tests/vectors/elmo-2.0.0");
}

START_TEST(test_render_elmo__structure)
{
	static const xp_want export[] = {
		{ "count(/e:elmo/e:report)", "1" },
		{ "string(/e:elmo/e:learner/e:givenNames)",
		  "Nur Aisyah binti Ahmad" },
		{ "string(/e:elmo/e:learner/e:bday)", "2003-04-17" },
		{ "string(//e:report/e:issuer/e:url)",
		  "https://www.um.edu.my/" },
		{ "string(//e:report/e:learningOpportunitySpecification"
		  "/e:type)", "Degree Programme" },
		{ "count(//e:hasPart)", "47" },
		/* ECTS only on the courses, never again on the programme */
		{ "count(//e:report/e:learningOpportunitySpecification/"
		  "e:specifies//e:credit[not(ancestor::e:hasPart)])", "0" },
		{ "count(//e:credit[e:scheme='ects'])", "47" },
		{ "string(//e:learningOpportunitySpecification"
		  "[e:identifier='WIX1002']//e:credit[e:scheme='ects']"
		  "/e:value)",
		  "6.66" },
		/* 5 my credits x 40 h = 200 h = 20/3 to 8 ECTS credits
		 * (25-30 h): the low end, rounded down, and the whole range
		 * beside it */
		{ "concat(//e:learningOpportunitySpecification"
		  "[e:identifier='WIX1002']//s:ects/@value, ' ', "
		  "//e:learningOpportunitySpecification"
		  "[e:identifier='WIX1002']//s:ects/@valueMax)", "20/3 8" },
		/* 3 my credits: 4 to 4.8, exact */
		{ "string(//e:learningOpportunitySpecification"
		  "[e:identifier='WIX1001']//e:credit[e:scheme='ects']"
		  "/e:value)",
		  "4" },
		{ "string(//e:learningOpportunitySpecification"
		  "[e:identifier='WIX1002']//e:credit[e:scheme='my']/e:value)",
		  "5" },
		{ "string(//e:learningOpportunitySpecification"
		  "[e:identifier='WIX1002']//e:resultLabel)", "A-" },
		{ "string(//e:level[e:type='AQRF']/e:value)", "6" },
		{ "string(//e:level[e:type='EQF']/e:value)", "6" },
		{ "substring(//e:level[e:type='EQF']/e:description, 1, "
		  "15)", "Indicative only" },
		{ "local-name(/e:elmo/*[last()])", "Signature" },
		{ "count(//ds:Reference[@URI=''])", "1" },
	};
	doc_run t = doc_run_start();

	sample_transcript(&t.doc, 1);
	t.s = elmo_signer("my-um");
	ck_assert_msg(elmo(&t.out, &t.v, &t.doc, t.vf, t.s) == 0, "elmo: %s",
		setara_error_last()->message);
	ck_assert_int_ne(setara_verdict_result(t.v), SETARA_RESULT_INVALID);
	ck_assert_uint_gt(t.out.size, 0);
	CK_XPS(&t.out, 0, export);
	doc_run_end(&t);
}
END_TEST

START_TEST(test_render_elmo__valid_against_the_elmo_xsd)
{
	doc_run t = doc_run_start();
	char dir[1024], cmd[4096];
	const char *cand[] = { getenv("SETARA_ELMO_SCHEMAS"),
		"../shared/schemas/elmo", "../../shared/schemas/elmo", NULL };
	struct stat sb;
	int i, found = 0;

	for (i = 0; i < 3 && !found; i++) {
		if (cand[i] == NULL)
			continue;
		if (cand[i][0] == '/')
			snprintf(dir, sizeof(dir), "%s", cand[i]);
		else
			snprintf(dir, sizeof(dir), "%s/%s", test_top(),
				cand[i]);
		snprintf(cmd, sizeof(cmd), "%s/schema.xsd", dir);
		found = stat(cmd, &sb) == 0;
	}
	if (!found) {
		fprintf(stderr, "skipped: ELMO XSD check (no "
			"../shared/schemas/elmo)\n");
		goto done;
	}
	sample_transcript(&t.doc, 1);
	t.s = elmo_signer("my-um");
	ck_assert_int_eq(elmo(&t.out, &t.v, &t.doc, t.vf, t.s), 0);
	test_write(in_tmp("t.elmo"), t.out.ptr);
	snprintf(cmd, sizeof(cmd), "XML_CATALOG_FILES='%s/catalog.xml' "
		"xmllint --nonet --noout --schema '%s/schema.xsd' '%s' "
		">/dev/null 2>&1", dir, dir, in_tmp("t.elmo"));
	ck_assert_msg(system(cmd) == 0, "not valid against the ELMO XSD");
	/* the signature verifies with the xmlsec1 tool, when it is there */
	snprintf(cmd, sizeof(cmd), "command -v xmlsec1 >/dev/null || exit 0; "
		"xmlsec1 --verify --trusted-pem '%s' "
		"--enabled-reference-uris empty '%s' >/dev/null 2>&1",
		in_tmp("pki/trust/anchor.pem"), in_tmp("t.elmo"));
	ck_assert_msg(system(cmd) == 0, "xmlsec1 does not verify the ELMO "
		"signature");
	snprintf(cmd, sizeof(cmd), "XML_CATALOG_FILES='%s/catalog.xml' "
		"xmllint --nonet --noout --schema '%s/schema.xsd' '%s' "
		">/dev/null 2>&1", dir, dir, in_tmp("t.elmo"));
	/* the same schema catches a broken export */
	test_replace(&t.out, "<status>passed</status>",
		"<status>done</status>");
	test_write(in_tmp("t.elmo"), t.out.ptr);
	ck_assert_msg(system(cmd) != 0, "the ELMO XSD check cannot fail");
done:
	doc_run_end(&t);
}
END_TEST

START_TEST(test_render_elmo__refuses_invalid_and_other_types)
{
	doc_run t = doc_run_start();
	setara_buf rec = SETARA_BUF_INIT;

	sample_transcript(&t.doc, 1);
	test_replace(&t.doc, "credits=\"5\"", "credits=\"6\"");
	ck_assert_int_eq(elmo(&t.out, &t.v, &t.doc, t.vf, NULL), 0);
	ck_assert_int_eq(setara_verdict_result(t.v), SETARA_RESULT_INVALID);
	ck_assert_int_eq(setara_verdict_first_problem(t.v),
		SETARA_CHECK_SIGNATURE);
	ck_assert_uint_eq(t.out.size, 0);
	setara_verdict_free(t.v);
	t.v = NULL;

	read_all(&rec, top("examples/certificate.xml"));
	build_signed(&t.doc, SETARA_DOC_CERTIFICATE, &rec, "ph-tesda");
	ck_assert_int_eq(elmo(&t.out, &t.v, &t.doc, t.vf, NULL),
		SETARA_EINVALID);
	ck_assert_ptr_null(t.v);
	ck_assert_uint_eq(t.out.size, 0);
	doc_run_end(&t);
	setara_buf_dispose(&rec);
}
END_TEST

START_TEST(test_render_elmo__v2_transcript)
{
	static const xp_want learner_v2[] = {
		{ "string(/e:elmo/e:learner/e:dateOfBirth)", "2003-04-17" },
		{ "count(/e:elmo/e:learner/e:bday)", "0" },
		{ "count(/e:elmo/e:learner/e:alternativeName)", "1" },
		{ "string(/e:elmo/e:learner/e:alternativeName)", "" },
		/* the rest as in v1: the same courses, credits and grades */
		{ "count(//e:hasPart)", "47" },
		{ "string(//e:learningOpportunitySpecification"
		  "[e:identifier='WIX1002']//e:credit[e:scheme='ects']"
		  "/e:value)",
		  "6.66" },
		{ "string(//e:learningOpportunitySpecification"
		  "[e:identifier='WIX1002']//e:resultLabel)", "A-" },
		{ "local-name(/e:elmo/*[last()])", "Signature" },
	};
	doc_run t = doc_run_start();
	setara_buf v1 = SETARA_BUF_INIT, rec = SETARA_BUF_INIT;
	setara_elmo_options eo = SETARA_ELMO_OPTIONS_INIT;
	char dir[1024];

	snprintf(dir, sizeof(dir), "%s", elmo2_dir());
	sample_transcript(&t.doc, 1);
	t.s = elmo_signer("my-um");
	ck_assert_msg(elmo_v(&t.out, &t.v, &t.doc, t.vf, t.s, 2) == 0,
		"elmo: %s", setara_error_last()->message);
	setara_verdict_free(t.v);
	t.v = NULL;
	/* v2's learner: dateOfBirth for bday, and alternativeName, empty
	 * for a name in Latin letters */
	CK_XPS(&t.out, 0, learner_v2);
	ck_assert_msg(elmo_xsd_valid(dir, &t.out),
		"not valid against ELMO 2.0.0");
	/* v1 (the default) is not v2: bday and no alternativeName */
	ck_assert_int_eq(elmo(&v1, &t.v, &t.doc, t.vf, NULL), 0);
	setara_verdict_free(t.v);
	t.v = NULL;
	ck_xp(&v1, 0, "count(/e:elmo/e:learner/e:bday)", "1");
	ck_assert_msg(!elmo_xsd_valid(dir, &v1),
		"ELMO 2.0.0's schema accepts a v1 learner");
	/* a name in Thai script is the alternative name, as written */
	read_all(&rec, top("examples/transcript.xml"));
	test_replace(&rec, "<name>Nur Aisyah binti Ahmad</name>",
		"<name>\xe0\xb8\x98\xe0\xb8\x99\xe0\xb8\xb2\xe0\xb8\x81"
		"\xe0\xb8\xa3 \xe0\xb9\x83\xe0\xb8\x88\xe0\xb8\x94"
		"\xe0\xb8\xb5</name>");
	build_signed(&t.doc, SETARA_DOC_TRANSCRIPT, &rec, "my-um");
	ck_assert_int_eq(elmo_v(&t.out, &t.v, &t.doc, t.vf, NULL, 2), 0);
	setara_verdict_free(t.v);
	t.v = NULL;
	ck_xp(&t.out, 0, "string(/e:elmo/e:learner/e:alternativeName)",
		"\xe0\xb8\x98\xe0\xb8\x99\xe0\xb8\xb2\xe0\xb8\x81"
		"\xe0\xb8\xa3 \xe0\xb9\x83\xe0\xb8\x88\xe0\xb8\x94"
		"\xe0\xb8\xb5");
	ck_assert(elmo_xsd_valid(dir, &t.out));
	/* a Vietnamese name is in Latin letters: no alternative name */
	read_all(&rec, top("examples/transcript.xml"));
	test_replace(&rec, "<name>Nur Aisyah binti Ahmad</name>",
		"<name>Nguy\xe1\xbb\x85n V\xc4\x83n An</name>");
	build_signed(&t.doc, SETARA_DOC_TRANSCRIPT, &rec, "my-um");
	ck_assert_int_eq(elmo_v(&t.out, &t.v, &t.doc, t.vf, NULL, 2), 0);
	ck_xp(&t.out, 0, "string(/e:elmo/e:learner/e:alternativeName)", "");
	/* an ELMO version that does not exist is misuse */
	eo.verifier = t.vf;
	eo.store = st;
	eo.elmo_version = 3;
	ck_assert_int_eq(setara_cred_export_elmo(&t.out, &t.v, t.doc.ptr,
		t.doc.size, "t.xml", &eo), SETARA_EUSAGE);
	doc_run_end(&t);
	setara_buf_dispose(&rec);
	setara_buf_dispose(&v1);
}
END_TEST

/* The signed decision on examples/record-exchange.xml at NUS: granted,
 * partial and refused items; with @from, its first occurrence replaced
 * by @to before signing. */
static void sample_decision(setara_buf *out, const char *from,
	const char *to)
{
	setara_transfer_options o = SETARA_TRANSFER_OPTIONS_INIT;
	setara_transfer_rules *rules = NULL;
	setara_transfer_decision *d = NULL;
	setara_record *r = NULL;
	setara_buf xml = SETARA_BUF_INIT;

	ck_assert_msg(setara_transfer_rules_load(&rules, st, "sg-nus",
		NULL) == 0 && setara_record_load(&r,
		top("examples/record-exchange.xml")) == 0 &&
		setara_transfer_evaluate(&d, rules, r, &o) == 0 &&
		setara_transfer_decision_xml(&xml, d) == 0, "decision: %s",
		setara_error_last()->message);
	if (from)
		test_replace(&xml, from, to);
	build_signed(out, SETARA_DOC_DECISION, &xml, "sg-nus");
	setara_transfer_decision_free(d);
	setara_record_free(r);
	setara_transfer_rules_free(rules);
	setara_buf_dispose(&xml);
}

START_TEST(test_render_elmo__v2_decision)
{
	static const xp_want recognition[] = {
		{ "string(//e:report/e:issuer/e:identifier)", "sg-nus" },
		{ "string(/e:elmo/e:learner/e:identifier)", "A0251234X" },
		{ "count(//e:resultOfRecognition)", "7" },
		{ "count(//e:resultOfRecognition[e:status='Positive'])", "4" },
		{ "count(//e:resultOfRecognition"
		  "[e:status='Partially Positive'])", "1" },
		{ "count(//e:resultOfRecognition[e:status='Negative'])", "2" },
		/* the partial item: MAT1101 -> ST2334, 1 of its 4.5 credits
		 * granted under the cap on the major, the reason as
		 * description */
		{ "concat(//e:resultOfRecognition[e:status="
		  "'Partially Positive']//e:fromMapping/e:ref, ' -> ', "
		  "//e:resultOfRecognition[e:status='Partially Positive']"
		  "//e:toMapping/e:ref)", "MAT1101 -> ST2334" },
		{ "string(//e:resultOfRecognition[e:status="
		  "'Partially Positive']/e:recognitionResult//e:credit"
		  "/e:value)",
		  "1" },
		{ "string(//e:resultOfRecognition[e:status="
		  "'Partially Positive']/e:description)",
		  "the cap on the major (16)" },
		/* its source course as the partner's: grade and credits as the
		 * record gives them, on the partner's scale and system */
		{ "concat(//e:resultOfRecognition[e:status="
		  "'Partially Positive']//e:recognitionReport/e:issuer/"
		  "e:identifier, ' ', //e:resultOfRecognition[e:status="
		  "'Partially Positive']//e:recognitionReport//e:resultLabel, "
		  "' ', "
		  "//e:resultOfRecognition[e:status='Partially Positive']"
		  "//e:recognitionReport//e:credit/e:scheme, ' ', "
		  "//e:resultOfRecognition[e:status='Partially Positive']"
		  "//e:recognitionReport//e:credit/e:value)",
		  "vn-vnu C+ vn-vnu 3" },
		/* the converted credits (4.5) are not ELMO's: in the item
		 * copy */
		{ "string(//e:resultOfRecognition[e:status="
		  "'Partially Positive']//s:item/s:credits/@converted)",
		  "4.5" },
		/* a refused item grants nothing: no credit on its host
		 * course */
		{ "count(//e:resultOfRecognition[e:status='Negative']"
		  "/e:recognitionResult//e:credit)", "0" },
	};
	static const xp_want attachment[] = {
		{ "string(//e:report/e:attachment/e:type)", "Other" },
		{ "string(//s:source/@type)", "decision" },
		{ "local-name(/e:elmo/*[last()])", "Signature" },
	};
	doc_run t = doc_run_start();
	char *evaluated;

	sample_decision(&t.doc, NULL, NULL);
	t.s = elmo_signer("sg-nus");
	ck_assert_msg(elmo_v(&t.out, &t.v, &t.doc, t.vf, t.s, 2) == 0,
		"elmo: %s", setara_error_last()->message);
	ck_assert_int_eq(setara_verdict_result(t.v), SETARA_RESULT_VALID);
	setara_verdict_free(t.v);
	t.v = NULL;
	ck_assert_msg(elmo_xsd_valid(elmo2_dir(), &t.out),
		"not valid against ELMO 2.0.0");
	CK_XPS(&t.out, 0, recognition);
	evaluated = xp(&t.doc, 0, "string(//s:transfer/@evaluated)");
	ck_assert_uint_eq(strlen(evaluated), 10);
	ck_xp(&t.out, 0, "string((//e:resultOfRecognition)[1]/e:decisionDate)",
		evaluated);
	xmlFree(evaluated);
	CK_XPS(&t.out, 0, attachment);
	/* the schema catches an outcome ELMO does not know */
	test_replace(&t.out, "<status>Negative</status>",
		"<status>Refused</status>");
	ck_assert_msg(!elmo_xsd_valid(elmo2_dir(), &t.out),
		"the ELMO 2.0.0 XSD check cannot fail");

	/* ELMO 1.7 has no results of recognition */
	ck_assert_int_eq(elmo(&t.out, &t.v, &t.doc, t.vf, NULL),
		SETARA_EINVALID);
	ck_assert_ptr_null(t.v);
	ck_assert_uint_eq(t.out.size, 0);
	/* a changed decision is refused: nothing written */
	test_replace(&t.doc, "granted=\"1\"", "granted=\"4.5\"");
	ck_assert_int_eq(elmo_v(&t.out, &t.v, &t.doc, t.vf, NULL, 2), 0);
	ck_assert_int_eq(setara_verdict_result(t.v), SETARA_RESULT_INVALID);
	ck_assert_uint_eq(t.out.size, 0);
	doc_run_end(&t);
}
END_TEST

START_TEST(test_render_elmo__v2_refuses_what_elmo_needs_and_lacks)
{
	doc_run t = doc_run_start();

	/* a source course without a code: ELMO 2 needs an identifier */
	sample_decision(&t.doc, "<from code=\"MAT1101\"", "<from");
	ck_assert_int_eq(elmo_v(&t.out, &t.v, &t.doc, t.vf, NULL, 2),
		SETARA_EINVALID);
	ck_assert_str_eq(setara_error_last()->field, "code");
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message,
		"item 6"));
	ck_assert_uint_eq(t.out.size, 0);
	setara_verdict_free(t.v);
	t.v = NULL;
	/* a partner the reference data does not know: no name for ELMO's
	 * issuer, and none is made up */
	sample_decision(&t.doc, "partner=\"vn-vnu\"", "partner=\"vn-nowhere\"");
	ck_assert_int_eq(elmo_v(&t.out, &t.v, &t.doc, t.vf, NULL, 2),
		SETARA_EINVALID);
	ck_assert_str_eq(setara_error_last()->field, "partner");
	ck_assert_uint_eq(t.out.size, 0);
	doc_run_end(&t);
}
END_TEST

/* ---- the suite ------------------------------------------------------------- */

static Suite *render_suite(void)
{
	const test_def tests[] = {
		{ "render", test_render_render__stylesheets_are_safe },
		{ "render", test_render_render__lockdown },
		{ "render", test_render_render__transcript_values },
		{ "render", test_render_render__text_is_escaped },
		{ "render", test_render_render__verified_and_tampered },
		{ "render", test_render_render__no_forged_result },
		{ "render", test_render_render__certificate_and_status_list },
		{ "render", test_render_render__refused_inputs },
		{ "elmo", test_render_elmo__structure },
		{ "elmo", test_render_elmo__valid_against_the_elmo_xsd },
		{ "elmo", test_render_elmo__refuses_invalid_and_other_types },
		{ "elmo", test_render_elmo__v2_transcript },
		{ "elmo", test_render_elmo__v2_decision },
		{ "elmo",
		  test_render_elmo__v2_refuses_what_elmo_needs_and_lacks },
	};
	const test_case_opts opts[] = {
		{ "*", 60, setup_once, NULL, setup, teardown },
	};

	return TEST_SUITE("render", tests, opts);
}

SETARA_CHECK_MAIN(render_suite)
