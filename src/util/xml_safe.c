/*
 * The one XML loader for every input.
 *
 * Untrusted XML is parsed with no DTD (a DOCTYPE stops the parser before its
 * internal subset is read, so no entity is ever declared), no entity
 * substitution, no network and no external loading (setara_init() installs
 * an entity loader that serves only the schemas compiled into the library),
 * a byte ceiling, and the limits of xml_limits.c on attributes, namespace
 * declarations, depth and text, checked over the bytes before libxml2
 * reads them.  Errors keep the file name and line of the first problem.
 *
 * Schemas are compiled once from the embedded copies and shared: a compiled
 * xmlSchema is read-only, each validation gets its own context.
 */
#include <pthread.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>

#include "util.h"
#include "xml_limits.h"

struct parse_state {
	const char *name;
	int doctype;
	int doctype_line;
	int have_error;
	xmlError first;
	char message[512];
	char file[256];
};

static void keep_first(struct parse_state *ps, const xmlError *e)
{
	if (ps->have_error || e == NULL || e->level < XML_ERR_ERROR)
		return;
	ps->have_error = 1;
	ps->first = *e;
	snprintf(ps->message, sizeof(ps->message), "%s",
		e->message ? e->message : "malformed XML");
	ps->first.message = ps->message;
	ps->first.file = NULL;
	ps->first.str1 = ps->first.str2 = ps->first.str3 = NULL;
	ps->first.node = NULL;
	ps->first.ctxt = NULL;
}

static void on_parse_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = data;

	keep_first(ctxt->_private, e);
}

static void on_doctype(void *data, const xmlChar *name,
	const xmlChar *external_id, const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = data;
	struct parse_state *ps = ctxt->_private;

	(void)name;
	(void)external_id;
	(void)system_id;
	ps->doctype = 1;
	ps->doctype_line = ctxt->input ? ctxt->input->line : 0;
	xmlStopParser(ctxt);
}

static int parse_mem(xmlDocPtr *out, const char *data, size_t len,
	const char *name, int scanned)
{
	struct parse_state ps;
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	int error;

	*out = NULL;
	memset(&ps, 0, sizeof(ps));
	ps.name = name;
	if (len == 0)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_XML,
			name, 0, NULL, "empty document");
	if (len > (size_t)INT_MAX)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_XML,
			name, 0, NULL, "document too large");
	/* The limits first: libxml2 may spend minutes on a start tag
	 * before any callback can stop it. */
	if (!scanned && (error = setara__xml_scan_mem(data, len, name)) < 0)
		return error;
	if ((ctxt = xmlNewParserCtxt()) == NULL)
		return setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
			name, 0, NULL, "out of memory");
	ctxt->_private = &ps;
	ctxt->sax->internalSubset = on_doctype;
	ctxt->sax->externalSubset = NULL;
	ctxt->sax->entityDecl = NULL;
	ctxt->sax->resolveEntity = NULL;
	ctxt->sax->serror = on_parse_error;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;

	/* Compact: a short text node's content sits in the node (fewer
	 * allocations); libxml2's tree calls handle such nodes, and setara
	 * never writes a node's content field itself. */
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, NULL,
		XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);

	if (ps.doctype) {
		error = setara_error__set(SETARA_EINVALID, SETARA_ERROR_XML,
			name, ps.doctype_line, "DOCTYPE",
			"a DOCTYPE is not allowed (no DTDs, no entities)");
	} else if (doc == NULL || !ctxt->wellFormed || ps.have_error) {
		if (ps.have_error)
			error = setara_error__set(SETARA_EINVALID,
				SETARA_ERROR_XML, name, ps.first.line, NULL,
				"%s", ps.message);
		else
			error = setara_error__set(SETARA_EINVALID,
				SETARA_ERROR_XML, name, 0, NULL,
				"malformed XML");
	} else if (xmlDocGetRootElement(doc) == NULL) {
		error = setara_error__set(SETARA_EINVALID, SETARA_ERROR_XML,
			name, 0, NULL, "no document element");
	} else if (ctxt->input && ctxt->input->cur < ctxt->input->end) {
		/*
		 * libxml2 takes a NUL after the document element for the end
		 * of the input and leaves the rest unread (a file padded with
		 * zeros, as a crash may leave one).  U+0000 is not an XML
		 * character anywhere; the batch reader refuses it too.
		 */
		error = setara_error__set(SETARA_EINVALID, SETARA_ERROR_XML,
			name, ctxt->input->line, NULL, "a NUL character "
			"(U+0000) after the document element");
	} else {
		*out = doc;
		doc = NULL;
		error = 0;
	}
	xmlFreeDoc(doc);
	ctxt->_private = NULL;
	xmlFreeParserCtxt(ctxt);
	return error;
}

int setara__xml_parse_mem(xmlDocPtr *out, const char *data, size_t len,
	const char *name)
{
	return parse_mem(out, data, len, name, 0);
}

int setara__xml_parse_scanned(xmlDocPtr *out, const char *data, size_t len,
	const char *name)
{
	return parse_mem(out, data, len, name, 1);
}

int setara__xml_parse_file(xmlDocPtr *out, const char *path, size_t max)
{
	setara_buf b = SETARA_BUF_INIT;
	int error;

	*out = NULL;
	if ((error = setara__read_file(&b, path,
	    max ? max : SETARA_XML_MAX_DEFAULT)) < 0)
		goto done;
	error = setara__xml_parse_mem(out, b.ptr ? b.ptr : "", b.size, path);
done:
	setara_buf_dispose(&b);
	return error;
}

/* ---- schemas -------------------------------------------------------- */

#define MAX_SCHEMAS 64

static struct {
	const char *name;
	xmlSchemaPtr schema;
} schemas[MAX_SCHEMAS];
static size_t nschemas;
static pthread_mutex_t schema_lock = PTHREAD_MUTEX_INITIALIZER;

static void on_schema_error(void *data, xmlErrorPtr e)
{
	keep_first(data, e);
}

static int compile_schema(xmlSchemaPtr *out, const char *name)
{
	const unsigned char *data;
	size_t len;
	xmlSchemaParserCtxtPtr pctxt;
	struct parse_state ps;

	*out = NULL;
	memset(&ps, 0, sizeof(ps));
	if ((data = setara__embedded(name, &len)) == NULL)
		return setara_error__set(SETARA_ERROR, SETARA_ERROR_INTERNAL,
			NULL, 0, NULL, "no built-in schema %s", name);
	if ((pctxt = xmlSchemaNewMemParserCtxt((const char *)data,
	    (int)len)) == NULL)
		return setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
			NULL, 0, NULL, "out of memory");
	xmlSchemaSetParserStructuredErrors(pctxt, on_schema_error, &ps);
	*out = xmlSchemaParse(pctxt);
	xmlSchemaFreeParserCtxt(pctxt);
	if (*out == NULL)
		return setara_error__set(SETARA_ERROR, SETARA_ERROR_INTERNAL,
			name, ps.have_error ? ps.first.line : 0, NULL,
			"built-in schema does not compile: %s",
			ps.have_error ? ps.message : "unknown error");
	return 0;
}

static int get_schema(xmlSchemaPtr *out, const char *name)
{
	size_t i;
	int error = 0;

	pthread_mutex_lock(&schema_lock);
	for (i = 0; i < nschemas; i++)
		if (strcmp(schemas[i].name, name) == 0) {
			*out = schemas[i].schema;
			goto done;
		}
	if (nschemas == MAX_SCHEMAS) {
		error = setara_error__set(SETARA_ERROR, SETARA_ERROR_INTERNAL,
			NULL, 0, NULL, "too many schemas");
		goto done;
	}
	if ((error = compile_schema(out, name)) < 0)
		goto done;
	schemas[nschemas].name = name;
	schemas[nschemas].schema = *out;
	nschemas++;
done:
	pthread_mutex_unlock(&schema_lock);
	return error;
}

void setara__xml_schemas_free(void)
{
	size_t i;

	pthread_mutex_lock(&schema_lock);
	for (i = 0; i < nschemas; i++)
		xmlSchemaFree(schemas[i].schema);
	nschemas = 0;
	pthread_mutex_unlock(&schema_lock);
}

/* The components' tables (setara__xml_set_unique()). */
static const setara__xml_unique *const *unique_tables;

void setara__xml_set_unique(const setara__xml_unique *const *tables)
{
	unique_tables = tables;
}

typedef struct keyed {
	const char *value;
	xmlChar *own;   /* the value when it had to be made */
	xmlNodePtr node;
	size_t order;   /* document order among its siblings */
} keyed;

static int keyed_cmp(const void *pa, const void *pb)
{
	const keyed *a = pa, *b = pb;
	int r = strcmp(a->value, b->value);

	if (r)
		return r;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* @k's value: @n's attribute @attr, collapsed as xs:token has it when
 * @token; 0, 1 when @n has no such attribute, or SETARA_ENOMEM. */
static int key_of(keyed *k, const xmlNode *n, const char *attr, int token)
{
	xmlAttrPtr a = xmlHasProp(n, (const xmlChar *)attr);
	xmlChar *c;

	k->own = NULL;
	if (a == NULL)
		return 1;
	if (a->children && a->children->type == XML_TEXT_NODE &&
	    a->children->next == NULL)
		k->value = (const char *)a->children->content;
	else if (a->children == NULL)
		k->value = "";
	else if ((k->own = xmlNodeListGetString(n->doc, a->children, 1)) ==
	    NULL)
		return SETARA_ENOMEM;
	else
		k->value = (const char *)k->own;
	if (token && (c = xmlSchemaCollapseString((const xmlChar *)
	    k->value)) != NULL) {
		xmlFree(k->own);
		k->own = c;
		k->value = (const char *)c;
	}
	return 0;
}

/* The children @r->child of @parent with a value of @r->attr listed
 * twice: the first repeat in document order is refused. */
static int unique_among(const xmlNode *parent, const setara__xml_unique *r,
	const char *name)
{
	keyed *k = NULL, *nk;
	size_t n = 0, alloc = 0, i, at = (size_t)-1;
	xmlNodePtr c;
	char field[64];
	int error = 0;

	for (c = parent->children; c && error == 0; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || c->ns != parent->ns ||
		    strcmp((const char *)c->name, r->child) != 0)
			continue;
		if ((nk = setara__grow(k, &alloc, n, sizeof(*k), 16)) ==
		    NULL) {
			error = SETARA_ENOMEM;
			break;
		}
		k = nk;
		if ((error = key_of(&k[n], c, r->attr, r->token)) != 0) {
			if (error == 1)
				error = 0;
			else
				setara_error__set(error, SETARA_ERROR_NOMEMORY,
					name, 0, NULL, "out of memory");
			continue;
		}
		k[n].node = c;
		k[n].order = n;
		n++;
	}
	if (error == 0 && n > 1)
		qsort(k, n, sizeof(*k), keyed_cmp);
	for (i = 1; error == 0 && i < n; i++)
		if (strcmp(k[i - 1].value, k[i].value) == 0 &&
		    (at == (size_t)-1 || k[i].order < k[at].order))
			at = i;
	if (error == 0 && at != (size_t)-1) {
		snprintf(field, sizeof(field), "%s/@%s", r->child, r->attr);
		error = setara_error__set(SETARA_EINVALID, SETARA_ERROR_SCHEMA,
			name, (int)xmlGetLineNo(k[at].node), field, r->twice,
			k[at].value);
	}
	for (i = 0; i < n; i++)
		xmlFree(k[i].own);
	setara__free(k);
	return error;
}

/* The rules of @schema on @doc, which is valid against it. */
static int unique_check(xmlDocPtr doc, const char *schema, const char *name)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), p;
	const setara__xml_unique *const *tab;
	const setara__xml_unique *r;
	int error;

	for (tab = unique_tables; tab && *tab && root; tab++)
		for (r = *tab; r->schema; r++) {
			if (strcmp(r->schema, schema) != 0)
				continue;
			if (r->parent == NULL) {
				if ((error = unique_among(root, r, name)) < 0)
					return error;
				continue;
			}
			for (p = root->children; p; p = p->next)
				if (p->type == XML_ELEMENT_NODE &&
				    p->ns == root->ns && strcmp((const char *)
				    p->name, r->parent) == 0 &&
				    (error = unique_among(p, r, name)) < 0)
					return error;
		}
	return 0;
}

int setara__xml_validate(xmlDocPtr doc, const char *schema,
	const char *name)
{
	xmlSchemaPtr s = NULL;
	xmlSchemaValidCtxtPtr vctxt;
	struct parse_state ps;
	char field[128], sentence[512];
	int rc, error;

	if ((error = get_schema(&s, schema)) < 0)
		return error;
	memset(&ps, 0, sizeof(ps));
	if ((vctxt = xmlSchemaNewValidCtxt(s)) == NULL)
		return setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
			name, 0, NULL, "out of memory");
	xmlSchemaSetValidStructuredErrors(vctxt, on_schema_error, &ps);
	rc = xmlSchemaValidateDoc(vctxt, doc);
	xmlSchemaFreeValidCtxt(vctxt);
	if (rc == 0)
		return unique_check(doc, schema, name);
	if (ps.have_error) {
		/* libxml2 messages start "Element '{ns}name': ...": the
		 * element is the field, the rest a sentence. */
		if (setara__schema_sentence(ps.message, field, sizeof(field),
		    sentence, sizeof(sentence)))
			return setara_error__set(SETARA_EINVALID,
				SETARA_ERROR_SCHEMA, name, ps.first.line,
				field, "%s", sentence);
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_SCHEMA,
			name, ps.first.line, NULL, "schema %s: %s", schema,
			ps.message);
	}
	return setara_error__set(SETARA_EINVALID, SETARA_ERROR_SCHEMA, name, 0,
		NULL, "not valid against schema %s", schema);
}

/* ---- tree helpers --------------------------------------------------- */

int setara__xml_is(const xmlNode *node, const char *ns, const char *local)
{
	if (node == NULL || node->type != XML_ELEMENT_NODE)
		return 0;
	if (strcmp((const char *)node->name, local) != 0)
		return 0;
	if (ns == NULL)
		return node->ns == NULL;
	return node->ns && node->ns->href &&
		strcmp((const char *)node->ns->href, ns) == 0;
}

xmlNodePtr setara__xml_next(const xmlNode *node, const char *ns,
	const char *local)
{
	const xmlNode *n;

	for (n = node ? node->next : NULL; n; n = n->next)
		if (setara__xml_is(n, ns, local))
			return (xmlNodePtr)n;
	return NULL;
}

xmlNodePtr setara__xml_child(const xmlNode *node, const char *ns,
	const char *local)
{
	xmlNodePtr first = node ? node->children : NULL;

	if (first == NULL || setara__xml_is(first, ns, local))
		return first;
	return setara__xml_next(first, ns, local);
}

void setara__xml_attrs(const xmlNode *node, const char *const *names,
	char **out)
{
	size_t i;

	for (i = 0; names[i]; i++)
		out[i] = setara__xml_attr(node, names[i]);
}

void setara__xml_attrs_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		xmlFree(v[i]);
		v[i] = NULL;
	}
}

int setara__xml_child_text_get(char **out, const xmlNode *node,
	const char *ns, const char *local)
{
	xmlNodePtr c = setara__xml_child(node, ns, local);
	xmlChar *t;
	char *b, *e;

	*out = NULL;
	if (c == NULL)
		return 0;
	if ((t = xmlNodeGetContent(c)) == NULL)
		return setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
			NULL, 0, NULL, "out of memory");
	for (b = (char *)t; *b == ' ' || *b == '\t' || *b == '\n' ||
	    *b == '\r'; b++)
		;
	e = b + strlen(b);
	while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
	    e[-1] == '\r'))
		e--;
	*out = setara__strndup(b, (size_t)(e - b));
	xmlFree(t);
	return *out ? 0 : SETARA_ENOMEM;
}

char *setara__xml_child_text(const xmlNode *node, const char *ns,
	const char *local)
{
	char *s;

	return setara__xml_child_text_get(&s, node, ns, local) < 0 ? NULL : s;
}
