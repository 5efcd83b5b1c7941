/*
 * HTML rendering of setara documents: one stylesheet per document type
 * (cred/render-<type>.xsl, with the shared page skeleton, styles and
 * verification table of cred/render-common.xsl merged in), applied with
 * libxslt.
 *
 * Only stylesheets compiled into the library are ever used, and libxslt is
 * locked down for every transformation: its security preferences forbid
 * reading and writing files, reading and writing the network and creating
 * directories, so document() can reach nothing outside the stylesheet and
 * the document, and no extension that writes (exsl:document) is
 * registered.  The stylesheets never use disable-output-escaping: every
 * string of the document reaches the page through the serialiser, which
 * escapes it.
 *
 * The stylesheets get what the document does not say -- the verdict,
 * exact per-term credit sums, the file's digest -- as one element
 * r:render (namespace SETARA_NS_RENDER) appended to the document element
 * after schema validation.  The schemas allow no foreign element there
 * (only the ds:Signature slot), so a document cannot bring its own.
 */
#include <string.h>
#include <qrencode.h>
#include <libxml/xmlsave.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/transform.h>
#include <libxslt/security.h>
#include <libxslt/variables.h>
#include <libxslt/xsltutils.h>

#include "setara/qf.h"
#include "setara/catalog.h"
#include "util/bitstring.h"
#include "render_int.h"

#define COMMON_SHEET "cred/render-common.xsl"
#define GENERIC_SHEET "cred/render-generic.xsl"

/* ---- loading --------------------------------------------------------- */

int setara_cred__doc_load(xmlDocPtr *out, const setara_cred__type **type_out,
	const char *data, size_t len, const char *name)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	const setara_cred__type *t;
	int error;

	*out = NULL;
	if (type_out)
		*type_out = NULL;
	if ((error = setara__xml_parse_mem(&doc, data, len, name)) < 0)
		goto done;
	root = xmlDocGetRootElement(doc);
	if (root->ns == NULL || root->ns->href == NULL ||
	    strcmp((const char *)root->ns->href, SETARA_NS_DOC) != 0 ||
	    (t = setara_cred__type_find((const char *)root->name)) == NULL) {
		error = setara_error__data(name, (int)xmlGetLineNo(root),
			(const char *)root->name, "not a setara document "
			"(transcript, certificate, decision, attestation or "
			"statusList in namespace %s)", SETARA_NS_DOC);
		goto done;
	}
	if ((error = setara__xml_validate(doc, t->schema, name)) < 0)
		goto done;
	if (type_out)
		*type_out = t;
	*out = doc;
	doc = NULL;
done:
	xmlFreeDoc(doc);
	return error;
}

int setara_cred__course_counts(const char *status)
{
	/* The schema's default is "passed"; see transcript.xsd Totals. */
	return status == NULL || strcmp(status, "passed") == 0 ||
		strcmp(status, "transferred") == 0 ||
		strcmp(status, "exempted") == 0;
}

/* ---- XSLT, locked down ------------------------------------------------- */

struct xslt_errors {
	char first[256];
};

static void on_xslt_error(void *ctx, const char *msg, ...)
{
	struct xslt_errors *e = ctx;
	va_list ap;
	size_t n;

	if (e == NULL || e->first[0])
		return;
	va_start(ap, msg);
	vsnprintf(e->first, sizeof(e->first), msg, ap);
	va_end(ap);
	n = strlen(e->first);
	while (n > 0 && (e->first[n - 1] == '\n' || e->first[n - 1] == ' '))
		e->first[--n] = '\0';
}

/*
 * The stylesheet @sheet with the top-level children of the common one
 * appended: no xsl:include, so no loader is involved at all.
 */
static int sheet_load(xsltStylesheetPtr *out, const char *sheet)
{
	const unsigned char *data, *cdata;
	size_t len, clen;
	xmlDocPtr doc = NULL, common = NULL;
	xmlNodePtr root, croot, n, copy;
	xmlNsPtr ns;
	int error;

	*out = NULL;
	if ((data = setara__embedded(sheet, &len)) == NULL ||
	    (cdata = setara__embedded(COMMON_SHEET, &clen)) == NULL) {
		error = setara_error__set(SETARA_ERROR, SETARA_ERROR_INTERNAL,
			NULL, 0, NULL, "no built-in stylesheet %s", sheet);
		goto done;
	}
	if ((error = setara__xml_parse_mem(&doc, (const char *)data, len,
	    sheet)) < 0 ||
	    (error = setara__xml_parse_mem(&common, (const char *)cdata, clen,
	    COMMON_SHEET)) < 0)
		goto done;
	root = xmlDocGetRootElement(doc);
	croot = xmlDocGetRootElement(common);
	/* Prefixes used in XPath expressions resolve against the
	 * declarations in scope: carry the common sheet's over. */
	for (ns = croot->nsDef; ns; ns = ns->next)
		if (xmlSearchNs(doc, root, ns->prefix) == NULL)
			xmlNewNs(root, ns->href, ns->prefix);
	for (n = croot->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((copy = xmlDocCopyNode(n, doc, 1)) == NULL ||
		    xmlAddChild(root, copy) == NULL) {
			xmlFreeNode(copy);
			error = SETARA_ENOMEM;
			goto done;
		}
	}
	if ((*out = xsltParseStylesheetDoc(doc)) == NULL) {
		error = setara_error__set(SETARA_ERROR, SETARA_ERROR_INTERNAL,
			sheet, 0, NULL, "built-in stylesheet does not "
			"compile");
		goto done;
	}
	doc = NULL; /* owned by the stylesheet now */
	error = 0;
done:
	xmlFreeDoc(common);
	xmlFreeDoc(doc);
	return error;
}

static xsltSecurityPrefsPtr locked_prefs(void)
{
	xsltSecurityPrefsPtr p = xsltNewSecurityPrefs();

	if (p == NULL)
		return NULL;
	if (xsltSetSecurityPrefs(p, XSLT_SECPREF_READ_FILE,
	    xsltSecurityForbid) < 0 ||
	    xsltSetSecurityPrefs(p, XSLT_SECPREF_WRITE_FILE,
	    xsltSecurityForbid) < 0 ||
	    xsltSetSecurityPrefs(p, XSLT_SECPREF_CREATE_DIRECTORY,
	    xsltSecurityForbid) < 0 ||
	    xsltSetSecurityPrefs(p, XSLT_SECPREF_READ_NETWORK,
	    xsltSecurityForbid) < 0 ||
	    xsltSetSecurityPrefs(p, XSLT_SECPREF_WRITE_NETWORK,
	    xsltSecurityForbid) < 0) {
		xsltFreeSecurityPrefs(p);
		return NULL;
	}
	return p;
}

int setara_cred__xslt_run(setara_buf *out, xsltStylesheetPtr style,
	xmlDocPtr doc, const char *const *params, const char *name)
{
	xsltTransformContextPtr ctxt = NULL;
	xsltSecurityPrefsPtr prefs = NULL;
	xmlDocPtr res = NULL;
	xmlChar *mem = NULL;
	struct xslt_errors errs;
	int len = 0, error;

	memset(&errs, 0, sizeof(errs));
	if ((ctxt = xsltNewTransformContext(style, doc)) == NULL ||
	    (prefs = locked_prefs()) == NULL ||
	    xsltSetCtxtSecurityPrefs(prefs, ctxt) < 0) {
		error = setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
			name, 0, NULL, "out of memory");
		goto done;
	}
	xsltSetTransformErrorFunc(ctxt, &errs, on_xslt_error);
	if (params && xsltQuoteUserParams(ctxt, (const char **)params) < 0) {
		error = setara_error__set(SETARA_ERROR, SETARA_ERROR_INTERNAL,
			name, 0, NULL, "stylesheet parameters refused");
		goto done;
	}
	res = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, ctxt);
	if (res == NULL || ctxt->state != XSLT_STATE_OK) {
		error = setara_error__set(SETARA_ERROR, SETARA_ERROR_INTERNAL,
			name, 0, NULL, "rendering failed: %s", errs.first[0] ?
			errs.first : "unknown XSLT error");
		goto done;
	}
	if (xsltSaveResultToString(&mem, &len, res, style) < 0 ||
	    (len > 0 && mem == NULL)) {
		error = setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
			name, 0, NULL, "out of memory");
		goto done;
	}
	error = setara_buf_put(out, mem ? (const char *)mem : "",
		(size_t)len);
done:
	xmlFree(mem);
	xmlFreeDoc(res);
	if (ctxt)
		xsltFreeTransformContext(ctxt);
	xsltFreeSecurityPrefs(prefs);
	return error;
}

int setara_cred__xslt_apply(setara_buf *out, const char *sheet,
	xmlDocPtr doc, const char *const *params, const char *name)
{
	xsltStylesheetPtr style = NULL;
	int error;

	if ((error = sheet_load(&style, sheet)) < 0)
		return error;
	error = setara_cred__xslt_run(out, style, doc, params, name);
	xsltFreeStylesheet(style);
	return error;
}

/* ---- what the stylesheets get besides the document --------------------- */

static xmlNodePtr add_el(xmlNodePtr parent, xmlNsPtr ns, const char *name,
	const char *text)
{
	return xmlNewTextChild(parent, ns, (const xmlChar *)name,
		(const xmlChar *)text);
}

static int set_attr(xmlNodePtr n, const char *name, const char *value)
{
	return xmlSetProp(n, (const xmlChar *)name,
		(const xmlChar *)(value ? value : "")) ? 0 : SETARA_ENOMEM;
}

/* Exact per-term sums of a transcript's counted courses. */
static int add_term_sums(xmlNodePtr r, xmlNsPtr ns, xmlNodePtr root,
	const char *name)
{
	xmlNodePtr term, course, conv, t;
	long long credits, converted, v;
	char *s, a[32], b[32];
	int counted, ncounted;

	for (term = setara__xml_child(root, SETARA_NS_DOC, "term"); term;
	    term = setara__xml_next(term, SETARA_NS_DOC, "term")) {
		credits = converted = 0;
		ncounted = 0;
		for (course = setara__xml_child(term, SETARA_NS_DOC, "course");
		    course; course = setara__xml_next(course, SETARA_NS_DOC,
		    "course")) {
			s = setara__xml_attr(course, "status");
			counted = setara_cred__course_counts(s);
			xmlFree(s);
			if (!counted)
				continue;
			ncounted++;
			if (setara_cred__dec_attr(&v, course, "credits") < 0)
				goto bad;
			credits += v;
			if ((conv = setara__xml_child(course, SETARA_NS_DOC,
			    "converted")) == NULL)
				continue;
			if (setara_cred__dec_attr(&v, conv, "credits") < 0)
				goto bad;
			converted += v;
		}
		setara_cred__dec_format(a, credits);
		setara_cred__dec_format(b, converted);
		if ((t = add_el(r, ns, "term", NULL)) == NULL ||
		    set_attr(t, "credits", a) < 0 ||
		    set_attr(t, "converted", b) < 0)
			return SETARA_ENOMEM;
		snprintf(a, sizeof(a), "%d", ncounted);
		if (set_attr(t, "counted", a) < 0)
			return SETARA_ENOMEM;
	}
	return 0;
bad:
	return setara_error__data(name, (int)xmlGetLineNo(course), "credits",
		"not an exact decimal amount");
}

/* How many entries of a status list are set. */
static int add_statuslist_count(xmlNodePtr r, xmlNodePtr root)
{
	char *enc = setara__xml_child_text(root, SETARA_NS_DOC,
		"encodedList");
	unsigned char *bits = NULL, c;
	unsigned long long set = 0;
	size_t i, n = 0;
	char num[32];
	int error = 0;

	if (enc == NULL)
		goto done;
	/* An undecodable list is shown as such, not refused: the page
	 * describes the document, the verifier judges it. */
	if ((error = setara__status_decode(&bits, &n, enc,
	    SETARA_STATUS_LIST_MAX_BYTES)) < 0) {
		if (error == SETARA_ENOMEM)
			goto done;
		setara_error_clear();
		error = set_attr(r, "setBits", "undecodable");
		goto done;
	}
	for (i = 0; i < n; i++)
		for (c = bits[i]; c; c &= (unsigned char)(c - 1))
			set++;
	snprintf(num, sizeof(num), "%llu", set);
	error = set_attr(r, "setBits", num);
done:
	setara__free(enc);
	setara__free(bits);
	return error;
}

/*
 * How each qualification's AQRF level is obtained, from the qf
 * component's level map with its trace.  Missing reference data is said
 * on the page, not an error: the page describes, the verifier judges.
 */
static int add_derivation(xmlNodePtr r, xmlNsPtr ns, setara_store *st,
	xmlNodePtr q)
{
	setara_qf_map *m = NULL;
	const setara_qf_step *s;
	xmlNodePtr d;
	char *ref = setara__xml_attr(q, "level"),
		*aqrf = setara__xml_attr(q, "aqrf"), *txt = NULL;
	char range[32];
	int amin = 0, amax = 0, stated, error = SETARA_ENOMEM;
	size_t i;

	if (ref == NULL || aqrf == NULL) {
		error = 0;
		goto done;
	}
	if ((d = add_el(r, ns, "derivation", NULL)) == NULL ||
	    set_attr(d, "level", ref) < 0)
		goto done;
	if ((error = setara_qf_level_map(&m, st, ref, NULL)) < 0) {
		/* Out of memory or a store that fails is not a level the
		 * data does not know. */
		if (error != SETARA_ENOTFOUND && error != SETARA_EINVALID)
			goto done;
		txt = setara__asprintf("The reference data does not know "
			"%s: %s", ref, setara_error_last()->message);
		if (txt == NULL) {
			error = SETARA_ENOMEM;
			goto done;
		}
		setara_error_clear();
		error = set_attr(d, "summary", txt);
		goto done;
	}
	setara_qf_map_aqrf(m, &amin, &amax);
	/* schema-valid: an AQRF level, 1 to 8 */
	stated = aqrf[0] >= '1' && aqrf[0] <= '8' && aqrf[1] == '\0' ?
		aqrf[0] - '0' : 0;
	if (amin == 0)
		txt = setara__asprintf("The reference data gives no AQRF "
			"level for %s%s%s.", ref, setara_qf_map_note(m) ?
			": " : "", setara_qf_map_note(m) ?
			setara_qf_map_note(m) : "");
	else {
		if (amax > amin)
			snprintf(range, sizeof(range), "%d to %d", amin, amax);
		else
			snprintf(range, sizeof(range), "%d", amin);
		txt = setara__asprintf("%s is referenced to AQRF level %s "
			"(referencing status %s, confidence %s%s)%s", ref,
			range, setara_qf_status_name(setara_qf_map_status(m)),
			setara_confidence_name(setara_qf_map_confidence(m)),
			setara_qf_map_indicative(m) ? ", indicative only" : "",
			stated >= amin && stated <= amax ?
			", as the document states." :
			"; the document states another AQRF level.");
	}
	if (txt == NULL || set_attr(d, "summary", txt) < 0)
		goto done;
	for (i = 0; i < setara_qf_map_trace_count(m); i++) {
		s = setara_qf_map_trace(m, i);
		setara__free(txt);
		txt = setara__asprintf("%s:%d: %s (referencing status %s%s%s"
			"%s%s, confidence %s%s; sources %s)", s->file, s->line,
			s->mapping, s->status, s->date ? ", " : "",
			s->date ? s->date : "", s->edition ? ", edition " : "",
			s->edition ? s->edition : "", s->confidence,
			s->indicative ? ", indicative" : "", s->source);
		if (txt == NULL || add_el(d, ns, "step", txt) == NULL)
			goto done;
	}
	error = 0;
done:
	setara_qf_map_free(m);
	setara__free(txt);
	xmlFree(ref);
	xmlFree(aqrf);
	return error;
}

static int add_verdict(xmlNodePtr r, xmlNsPtr ns, const setara_verdict *v,
	time_t at)
{
	xmlNodePtr ver, c;
	const char *reason;
	char when[21];
	int k;

	setara__time_format(when, at);
	if ((ver = add_el(r, ns, "verification", NULL)) == NULL ||
	    set_attr(ver, "result", setara_cred_result_name(
	    setara_verdict_result(v))) < 0 ||
	    set_attr(ver, "at", when) < 0)
		return SETARA_ENOMEM;
	for (k = 0; k < SETARA_CHECK_COUNT; k++) {
		setara_check_status st = setara_verdict_check(v,
			(setara_check)k, &reason);

		if ((c = add_el(ver, ns, "check", reason ? reason : "")) ==
		    NULL || set_attr(c, "name",
		    setara_cred_check_name((setara_check)k)) < 0 ||
		    set_attr(c, "status",
		    setara_cred_check_status_name(st)) < 0)
			return SETARA_ENOMEM;
	}
	return 0;
}

/*
 * Where a reader verifies the document (@url with "{id}" replaced by the
 * id, or the id appended; the id alone without @url), and the same as a QR
 * code: r:qr with @url, @size (modules) and @path, the dark modules as an
 * SVG path of unit squares, one run per row segment.  libqrencode
 * allocates with malloc: freed with QRcode_free here.
 */
static int add_qr(xmlNodePtr r, xmlNsPtr ns, xmlNodePtr root,
	const char *url)
{
	setara_buf link = SETARA_BUF_INIT, path = SETARA_BUF_INIT;
	char *id = setara__xml_child_text(root, SETARA_NS_DOC, "id");
	const char *at = url ? strstr(url, "{id}") : NULL;
	QRcode *q = NULL;
	xmlNodePtr n;
	char size[16];
	int error = SETARA_ENOMEM, x, y, run;

	if (id == NULL)
		return 0;
	if (url == NULL)
		error = setara_buf_puts(&link, id);
	else if (at)
		error = setara_buf_printf(&link, "%.*s%s%s", (int)(at - url),
			url, id, at + 4);
	else
		error = setara_buf_printf(&link, "%s%s", url, id);
	if (error < 0)
		goto done;
	error = SETARA_ENOMEM;
	if ((q = QRcode_encodeString(link.ptr, 0, QR_ECLEVEL_M, QR_MODE_8,
	    1)) == NULL)
		goto done;
	for (y = 0; y < q->width; y++)
		for (x = 0; x < q->width; x += run ? run : 1) {
			for (run = 0; x + run < q->width &&
			    (q->data[y * q->width + x + run] & 1); run++)
				;
			if (run && setara_buf_printf(&path, "M%d %dh%dv1h-%dz",
			    x, y, run, run) < 0)
				goto done;
		}
	snprintf(size, sizeof(size), "%d", q->width);
	if ((n = add_el(r, ns, "qr", NULL)) == NULL ||
	    set_attr(n, "url", link.ptr) < 0 ||
	    set_attr(n, "link", url ? "1" : "0") < 0 ||
	    set_attr(n, "size", size) < 0 ||
	    set_attr(n, "path", path.ptr ? path.ptr : "") < 0)
		goto done;
	error = 0;
done:
	QRcode_free(q);
	setara_buf_dispose(&link);
	setara_buf_dispose(&path);
	setara__free(id);
	return error;
}

/*
 * The page's words in @lang (cred/render-labels.xml): one r:label per key,
 * English where the language has none.
 */
static int add_labels(xmlNodePtr r, xmlNsPtr ns, const char *lang)
{
	const unsigned char *data;
	xmlDocPtr doc = NULL;
	xmlNodePtr l, t, pick, en, n;
	xmlChar *key, *tl;
	size_t len;
	int error;

	if ((data = setara__embedded("cred/render-labels.xml", &len)) ==
	    NULL)
		return setara_error__set(SETARA_ERROR, SETARA_ERROR_INTERNAL,
			NULL, 0, NULL, "no built-in cred/render-labels.xml");
	if ((error = setara__xml_parse_mem(&doc, (const char *)data, len,
	    "cred/render-labels.xml")) < 0)
		return error;
	for (l = setara__xml_child(xmlDocGetRootElement(doc),
	    SETARA_NS_RENDER, "l"); l && error == 0;
	    l = setara__xml_next(l, SETARA_NS_RENDER, "l")) {
		pick = en = NULL;
		for (t = setara__xml_child(l, SETARA_NS_RENDER, "t"); t;
		    t = setara__xml_next(t, SETARA_NS_RENDER, "t")) {
			tl = xmlGetProp(t, (const xmlChar *)"lang");
			if (tl && strcmp((const char *)tl, lang) == 0)
				pick = t;
			if (tl && strcmp((const char *)tl, "en") == 0)
				en = t;
			xmlFree(tl);
		}
		if (pick == NULL)
			pick = en;
		key = xmlGetProp(l, (const xmlChar *)"key");
		tl = pick ? xmlNodeGetContent(pick) : NULL;
		if (key == NULL || tl == NULL ||
		    (n = add_el(r, ns, "label", (const char *)tl)) == NULL ||
		    set_attr(n, "key", (const char *)key) < 0)
			error = SETARA_ENOMEM;
		xmlFree(key);
		xmlFree(tl);
	}
	xmlFreeDoc(doc);
	return error;
}

/* Names for the ids a page shows (credit systems, grade scales,
 * institutions): r:name with @kind and @id. */
static int add_name(const setara_catalog_entry *e, void *payload)
{
	xmlNodePtr r = payload, n;

	if (strcmp(e->kind, "programme") == 0 ||
	    strcmp(e->kind, "agreement") == 0)
		return 0;
	if ((n = add_el(r, r->ns, "name", e->name)) == NULL ||
	    set_attr(n, "kind", e->kind) < 0 || set_attr(n, "id", e->id) < 0)
		return SETARA_ENOMEM;
	return 0;
}

static int add_names(xmlNodePtr r, setara_store *st)
{
	int error;

	if ((error = setara_credit_systems(st, add_name, r)) < 0 ||
	    (error = setara_grade_scales(st, add_name, r)) < 0 ||
	    (error = setara_institutions(st, add_name, r)) < 0)
		return error;
	return 0;
}

static int add_facts(xmlDocPtr doc, const setara_cred__type *t,
	const char *data, size_t len, const char *name,
	const setara_verdict *v, time_t at, setara_store *st,
	const char *verify_url, const char *lang)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), r, q;
	xmlNsPtr ns;
	char sha[65];
	const char *base = name ? strrchr(name, '/') : NULL;
	xmlChar *lang_doc;
	int error;

	if ((r = xmlNewChild(root, NULL, (const xmlChar *)"render", NULL)) ==
	    NULL || (ns = xmlNewNs(r, (const xmlChar *)SETARA_NS_RENDER,
	    (const xmlChar *)"r")) == NULL)
		return SETARA_ENOMEM;
	xmlSetNs(r, ns);
	if ((error = setara__sha256_hex(sha, data, len)) < 0)
		return error;
	if (set_attr(r, "file", base ? base + 1 : name ? name : "") < 0 ||
	    set_attr(r, "sha256", sha) < 0 ||
	    set_attr(r, "generator", "setara " SETARA_VERSION) < 0)
		return SETARA_ENOMEM;
	if (setara__xml_child(root, SETARA_NS_DSIG, "Signature") == NULL &&
	    set_attr(r, "unsigned", "1") < 0)
		return SETARA_ENOMEM;
	/* The page's language: asked for, else the document's. */
	lang_doc = xmlNodeGetLang(root);
	if (lang == NULL)
		lang = lang_doc ? (const char *)lang_doc : "en";
	error = set_attr(r, "lang", lang) < 0 ? SETARA_ENOMEM :
		add_labels(r, ns, lang);
	xmlFree(lang_doc);
	if (error < 0)
		return error;
	if (st && (error = add_names(r, st)) < 0)
		return error;
	if (t->type != SETARA_DOC_STATUS_LIST &&
	    (error = add_qr(r, ns, root, verify_url)) < 0)
		return error;
	if (v && (error = add_verdict(r, ns, v, at)) < 0)
		return error;
	if (t->type == SETARA_DOC_TRANSCRIPT &&
	    (error = add_term_sums(r, ns, root, name)) < 0)
		return error;
	if (t->type == SETARA_DOC_STATUS_LIST &&
	    (error = add_statuslist_count(r, root)) < 0)
		return error;
	/* Qualifications are children of the document element, or of a
	 * decision's transfer element. */
	for (q = setara__xml_child(root, SETARA_NS_DOC, "qualification");
	    st && q; q = setara__xml_next(q, SETARA_NS_DOC, "qualification"))
		if ((error = add_derivation(r, ns, st, q)) < 0)
			return error;
	q = setara__xml_child(setara__xml_child(root, SETARA_NS_DOC,
		"transfer"), SETARA_NS_DOC, "qualification");
	if (st && q && (error = add_derivation(r, ns, st, q)) < 0)
		return error;
	return 0;
}

/* ---- the entry points ------------------------------------------------- */

static const char *sheet_for(const setara_cred__type *t)
{
	static const char *const sheets[SETARA_DOC_TYPE_COUNT] = {
		"cred/render-transcript.xsl",
		"cred/render-certificate.xsl",
		"cred/render-decision.xsl",
		"cred/render-attestation.xsl",
		"cred/render-statuslist.xsl",
	};
	const char *s = (unsigned)t->type < SETARA_DOC_TYPE_COUNT ?
		sheets[t->type] : NULL;

	/* A type without its own page yet gets the generic one. */
	return s && setara__embedded(s, NULL) ? s : GENERIC_SHEET;
}

int setara_cred_render(setara_buf *out, setara_verdict **verdict,
	const char *data, size_t len, const char *name,
	const setara_render_options *opts)
{
	setara_verdict *v = NULL;
	const setara_cred__type *t = NULL;
	xmlDocPtr doc = NULL;
	time_t at = 0;
	int error;

	SETARA_ASSERT_ARG(out);
	SETARA_ASSERT_ARG(data);
	SETARA_ASSERT_ARG(opts == NULL || (opts->version >= 1 &&
		opts->version <= SETARA_RENDER_OPTIONS_VERSION));
	if (verdict)
		*verdict = NULL;
	setara_buf_clear(out);
	if (name == NULL)
		name = "document";
	if ((error = setara_cred__doc_load(&doc, &t, data, len, name)) < 0)
		goto done;
	if (opts && opts->verifier) {
		if ((error = setara_cred_verify_mem(&v, opts->verifier, data,
		    len, name)) < 0)
			goto done;
		at = setara_cred__verifier_at(opts->verifier);
	}
	/* Version 1 options end before verify_url. */
	if ((error = add_facts(doc, t, data, len, name, v, at,
	    opts ? opts->store : NULL, opts && opts->version >= 2 ?
	    opts->verify_url : NULL, opts && opts->version >= 2 ?
	    opts->lang : NULL)) < 0)
		goto done;
	if ((error = setara_buf_puts(out, "<!DOCTYPE html>\n")) < 0 ||
	    (error = setara_cred__xslt_apply(out, sheet_for(t), doc, NULL,
	    name)) < 0)
		goto done;
	if (verdict) {
		*verdict = v;
		v = NULL;
	}
done:
	if (error < 0)
		setara_buf_clear(out);
	setara_verdict_free(v);
	xmlFreeDoc(doc);
	return error;
}

int setara_cred_render_file(setara_buf *out, setara_verdict **verdict,
	const char *path, const setara_render_options *opts)
{
	setara_buf b = SETARA_BUF_INIT;
	int error;

	SETARA_ASSERT_ARG(path);
	if (verdict)
		*verdict = NULL;
	if ((error = setara__read_file(&b, path, SETARA_CRED_MAX_DOC)) < 0)
		goto done;
	error = setara_cred_render(out, verdict, b.ptr ? b.ptr : "", b.size,
		path, opts);
done:
	setara_buf_dispose(&b);
	return error;
}
