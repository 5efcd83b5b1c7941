/*
 * Exclusive XML Canonicalization 1.0 without comments and without
 * inclusive prefixes, of a whole document or of one element's subtree,
 * written straight from the tree: the bytes libxml2's C14N writes
 * (xmlC14NExecute with XML_C14N_EXCLUSIVE_1_0, the code libxmlsec1
 * drives), without its per-node lists, normalised copies and output
 * buffer calls.
 *
 * It writes only trees it has no doubt about and declines the rest,
 * which the caller then canonicalises with libxml2 (so a decline is never
 * an answer): processing instructions, entity references, DTD nodes or
 * any other node kind but elements, text, CDATA and comments; a
 * namespace name that is empty, relative, or holds a quote, '&', '<',
 * '>' or a control character; an element in no namespace where a default
 * namespace is declared or was written; an element in the xml namespace;
 * a namespaced attribute without a prefix; an attribute whose value is
 * not one text node; more than MAX_ITEMS attributes or namespaces on one
 * element; for a subtree, a relative namespace name declared anywhere in
 * the document (libxml2 walks the whole document and refuses it).  What is left is what documents of the setara profile are
 * made of, and a unit test compares the bytes with libxml2's on every
 * document of the test suites and fuzz corpora.
 *
 * The rules (https://www.w3.org/TR/xml-exc-c14n/, as libxml2 applies
 * them): an element writes the namespaces it and its attributes visibly
 * use that its nearest output ancestor writing that prefix did not write
 * with the same name, sorted by prefix (the default first); attributes
 * sorted by namespace name (none first), then local name; text escapes
 * '&', '<', '>' and CR; attribute values '&', '<', '"', TAB, LF and CR;
 * comments are left out.
 */
#include <string.h>
#include <libxml/c14n.h>
#include <libxml/uri.h>

#include "cred_int.h"

#define MAX_ITEMS 16

/* A namespace written by an output ancestor (or the element itself). */
typedef struct rendered {
	const xmlChar *prefix; /* NULL: the default namespace */
	const xmlChar *href;
} rendered;

typedef struct c14n {
	setara_buf *out;
	rendered *ns;
	size_t nns, alloc;
	int declined;
} c14n;

/* Most writes are a few bytes into room already made. */
static int put(c14n *c, const void *p, size_t n)
{
	setara_buf *b = c->out;

	if (b->size + n >= b->asize)
		return setara_buf_put(b, p, n);
	memcpy(b->ptr + b->size, p, n);
	b->size += n;
	b->ptr[b->size] = '\0';
	return 0;
}

static int puts_(c14n *c, const char *s)
{
	return setara_buf_put(c->out, s, strlen(s));
}

/*
 * @s escaped: text (@attr 0) or an attribute value (@attr 1).  Runs of
 * bytes that stand for themselves are copied whole.
 */
static int escaped(c14n *c, const xmlChar *s, int attr)
{
	const xmlChar *run = s;
	const char *rep;
	int error;

	for (;; s++) {
		switch (*s) {
		case '\0':
			return put(c, run, (size_t)(s - run));
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '\r':
			rep = "&#xD;";
			break;
		case '>':
			if (attr)
				continue;
			rep = "&gt;";
			break;
		case '"':
			if (!attr)
				continue;
			rep = "&quot;";
			break;
		case '\t':
			if (!attr)
				continue;
			rep = "&#x9;";
			break;
		case '\n':
			if (!attr)
				continue;
			rep = "&#xA;";
			break;
		default:
			continue;
		}
		if ((error = put(c, run, (size_t)(s - run))) < 0 ||
		    (error = puts_(c, rep)) < 0)
			return error;
		run = s + 1;
	}
}

static int str_eq(const xmlChar *a, const xmlChar *b)
{
	return strcmp(a ? (const char *)a : "", b ? (const char *)b : "") ==
		0;
}

static int is_xml_ns(const xmlNs *ns)
{
	return ns->prefix && strcmp((const char *)ns->prefix, "xml") == 0;
}

/*
 * A namespace name libxml2 writes as it is and takes for absolute: no
 * byte it would quote or the canonical form escapes, and a scheme.
 */
static int plain_href(const xmlChar *href)
{
	const xmlChar *p;
	xmlURIPtr uri;
	int ok;

	if (href == NULL || *href == '\0')
		return 0;
	for (p = href; *p; p++)
		if (*p < 0x20 || *p == '"' || *p == '\'' || *p == '&' ||
		    *p == '<' || *p == '>' || *p == 0x7f)
			return 0;
	if ((uri = xmlParseURI((const char *)href)) == NULL)
		return 0;
	ok = uri->scheme != NULL && *uri->scheme != '\0';
	xmlFreeURI(uri);
	return ok;
}

/* Was @ns written, with this name, by the nearest output ancestor that
 * wrote its prefix?  (Nothing written: only the empty default was.) */
static int written(const c14n *c, const xmlChar *prefix, const xmlChar *href)
{
	size_t i;

	for (i = c->nns; i-- > 0;)
		if (str_eq(c->ns[i].prefix, prefix))
			return str_eq(c->ns[i].href, href);
	return (prefix == NULL || *prefix == '\0') &&
		(href == NULL || *href == '\0');
}

static int push(c14n *c, const xmlChar *prefix, const xmlChar *href)
{
	rendered *n;

	if (c->nns == c->alloc) {
		c->alloc = c->alloc ? 2 * c->alloc : 32;
		if ((n = setara__realloc(c->ns, c->alloc * sizeof(*n))) ==
		    NULL)
			return SETARA_ENOMEM;
		c->ns = n;
	}
	c->ns[c->nns].prefix = prefix;
	c->ns[c->nns].href = href;
	c->nns++;
	return 0;
}

static int decline(c14n *c)
{
	c->declined = 1;
	return 0;
}

static int prefix_cmp(const xmlNs *a, const xmlNs *b)
{
	if (a->prefix == NULL)
		return b->prefix == NULL ? 0 : -1;
	if (b->prefix == NULL)
		return 1;
	return strcmp((const char *)a->prefix, (const char *)b->prefix);
}

static int attr_cmp(const xmlAttr *a, const xmlAttr *b)
{
	int r;

	if (a->ns == b->ns)
		return strcmp((const char *)a->name, (const char *)b->name);
	if (a->ns == NULL)
		return -1;
	if (b->ns == NULL)
		return 1;
	if ((r = strcmp((const char *)a->ns->href,
	    (const char *)b->ns->href)) != 0)
		return r;
	return strcmp((const char *)a->name, (const char *)b->name);
}

/* The namespaces @e and its attributes use that are not written yet, in
 * the order they are written; 0, or declined. */
static int ns_axis(c14n *c, xmlNodePtr e, xmlNsPtr *list, size_t *n)
{
	xmlNsPtr ns, t;
	xmlAttrPtr a;
	size_t i, j;

	*n = 0;
	for (ns = e->nsDef; ns; ns = ns->next)
		if (!plain_href(ns->href))
			return decline(c);
	if (e->ns == NULL) {
		/* libxml2 looks for a default namespace in scope and would
		 * write xmlns="" under a written one: leave both to it. */
		if (!written(c, NULL, NULL) ||
		    xmlSearchNs(e->doc, e, NULL) != NULL)
			return decline(c);
	} else if (is_xml_ns(e->ns) || (e->ns->prefix &&
	    *e->ns->prefix == '\0') || e->ns->href == NULL ||
	    *e->ns->href == '\0') {
		return decline(c);
	} else if (!written(c, e->ns->prefix, e->ns->href)) {
		/* Each name is checked where it is declared and where it
		 * is written, not at every use. */
		if (!plain_href(e->ns->href))
			return decline(c);
		list[(*n)++] = e->ns;
	}
	for (a = e->properties; a; a = a->next) {
		if (a->ns == NULL || is_xml_ns(a->ns))
			continue;
		if (a->ns->prefix == NULL || *a->ns->prefix == '\0' ||
		    a->ns->href == NULL || *a->ns->href == '\0')
			return decline(c);
		if (written(c, a->ns->prefix, a->ns->href))
			continue;
		if (!plain_href(a->ns->href))
			return decline(c);
		for (i = 0; i < *n; i++)
			if (str_eq(list[i]->prefix, a->ns->prefix))
				break;
		if (i < *n) {
			/* One prefix, two names on one element: libxml2's
			 * tree never has it; not ours to settle. */
			if (!str_eq(list[i]->href, a->ns->href))
				return decline(c);
			continue;
		}
		if (*n == MAX_ITEMS)
			return decline(c);
		list[(*n)++] = a->ns;
	}
	/* Insertion sort: a handful at most. */
	for (i = 1; i < *n; i++)
		for (j = i; j > 0 && prefix_cmp(list[j - 1], list[j]) > 0;
		    j--) {
			t = list[j];
			list[j] = list[j - 1];
			list[j - 1] = t;
		}
	return 0;
}

static int element(c14n *c, xmlNodePtr e);

static int children(c14n *c, xmlNodePtr n)
{
	int error;

	for (; n && !c->declined; n = n->next)
		switch (n->type) {
		case XML_ELEMENT_NODE:
			if ((error = element(c, n)) < 0)
				return error;
			break;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content && (error = escaped(c, n->content,
			    0)) < 0)
				return error;
			break;
		case XML_COMMENT_NODE:
			break;
		default:
			return decline(c);
		}
	return 0;
}

static int qname(c14n *c, xmlNodePtr e)
{
	int error;

	if (e->ns && e->ns->prefix && ((error = puts_(c,
	    (const char *)e->ns->prefix)) < 0 || (error = put(c, ":",
	    1)) < 0))
		return error;
	return puts_(c, (const char *)e->name);
}

static int element(c14n *c, xmlNodePtr e)
{
	xmlNsPtr nsl[MAX_ITEMS];
	xmlAttrPtr al[MAX_ITEMS], a, t;
	size_t nn, na = 0, i, j, mark = c->nns;
	int error;

	if ((error = ns_axis(c, e, nsl, &nn)) < 0 || c->declined)
		return error;
	for (a = e->properties; a; a = a->next) {
		if (na == MAX_ITEMS || (a->children && (a->children->type !=
		    XML_TEXT_NODE || a->children->next)))
			return decline(c);
		al[na++] = a;
	}
	for (i = 1; i < na; i++)
		for (j = i; j > 0 && attr_cmp(al[j - 1], al[j]) > 0; j--) {
			t = al[j];
			al[j] = al[j - 1];
			al[j - 1] = t;
		}
	if ((error = put(c, "<", 1)) < 0 || (error = qname(c, e)) < 0)
		return error;
	for (i = 0; i < nn; i++) {
		if ((error = puts_(c, nsl[i]->prefix ? " xmlns:" :
		    " xmlns")) < 0 || (nsl[i]->prefix && (error = puts_(c,
		    (const char *)nsl[i]->prefix)) < 0) ||
		    (error = put(c, "=\"", 2)) < 0 ||
		    (error = puts_(c, (const char *)nsl[i]->href)) < 0 ||
		    (error = put(c, "\"", 1)) < 0 ||
		    (error = push(c, nsl[i]->prefix, nsl[i]->href)) < 0)
			return error;
	}
	for (i = 0; i < na; i++) {
		a = al[i];
		if ((error = put(c, " ", 1)) < 0 || (a->ns && a->ns->prefix &&
		    ((error = puts_(c, (const char *)a->ns->prefix)) < 0 ||
		    (error = put(c, ":", 1)) < 0)) ||
		    (error = puts_(c, (const char *)a->name)) < 0 ||
		    (error = put(c, "=\"", 2)) < 0 ||
		    (a->children && a->children->content &&
		    (error = escaped(c, a->children->content, 1)) < 0) ||
		    (error = put(c, "\"", 1)) < 0)
			return error;
	}
	if ((error = put(c, ">", 1)) < 0 ||
	    (error = children(c, e->children)) < 0 || c->declined ||
	    (error = put(c, "</", 2)) < 0 || (error = qname(c, e)) < 0 ||
	    (error = put(c, ">", 1)) < 0)
		return error;
	c->nns = mark;
	return 0;
}

/*
 * Would libxml2 refuse the document anywhere?  Its C14N of a subtree walks
 * the whole document and fails on a relative namespace name declared on
 * any element, even outside the subtree; decline where it would.
 */
static int doc_declines(const xmlNode *n)
{
	const xmlNs *ns;

	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (ns = n->nsDef; ns; ns = ns->next)
			if (ns->href && *ns->href && !plain_href(ns->href))
				return 1;
		if (doc_declines(n->children))
			return 1;
	}
	return 0;
}

int setara_cred__c14n(setara_buf *out, xmlNodePtr top)
{
	c14n c;
	xmlNodePtr n;
	int error = 0;

	memset(&c, 0, sizeof(c));
	c.out = out;
	setara_buf_clear(out);
	if (top->doc == NULL || top->doc->charset != XML_CHAR_ENCODING_UTF8)
		return 0;
	if (top->type == XML_ELEMENT_NODE) {
		if (doc_declines(top->doc->children))
			decline(&c);
		else
			error = element(&c, top);
	} else if (top->type == XML_DOCUMENT_NODE) {
		for (n = top->children; n && error == 0 && !c.declined;
		    n = n->next)
			if (n->type == XML_ELEMENT_NODE)
				error = element(&c, n);
			else if (n->type != XML_COMMENT_NODE)
				decline(&c);
	} else {
		decline(&c);
	}
	setara__free(c.ns);
	if (error < 0)
		return error;
	return c.declined ? 0 : 1;
}

int setara_cred__exc_c14n(setara_buf *out, xmlDocPtr doc)
{
	xmlOutputBufferPtr ob;
	int rc, error = 0;

	if ((error = setara_cred__c14n(out, (xmlNodePtr)doc)) != 0)
		return error < 0 ? error : 0;
	if ((ob = xmlAllocOutputBuffer(NULL)) == NULL)
		return setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
			NULL, 0, NULL, "out of memory");
	rc = xmlC14NExecute(doc, NULL, NULL, XML_C14N_EXCLUSIVE_1_0, NULL, 0,
		ob);
	setara_buf_clear(out);
	if (rc < 0 || ob->error)
		error = setara_error__set(SETARA_ERROR, SETARA_ERROR_XML, NULL,
			0, NULL, "exclusive C14N failed");
	else
		error = setara_buf_put(out, xmlOutputBufferGetContent(ob),
			xmlOutputBufferGetSize(ob));
	xmlOutputBufferClose(ob);
	return error;
}
