/*
 * Building an XML document element by element with the first failure
 * kept, and the head every document of urn:setara:doc:1 opens with
 * (cred/doc-common.xsd): the transfer decision (credit) and the MRS
 * attestation (mrs) are written with it.
 */
#include <string.h>

#include "util.h"

/* @s cut to b->text_max bytes on a character boundary (UTF-8), "..."
 * marking the cut; a copy either way (caller frees). */
static char *fit(const setara__xml_builder *b, const char *s)
{
	size_t n = strlen(s);
	char *r;

	if (n <= b->text_max)
		return setara__strdup(s);
	n = b->text_max - 3;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	if ((r = setara__malloc(n + 4)) == NULL)
		return NULL;
	memcpy(r, s, n);
	memcpy(r + n, "...", 4);
	return r;
}

xmlNodePtr setara__xb_start(setara__xml_builder *b, const char *root,
	const char *ns, size_t text_max)
{
	xmlNodePtr r;

	memset(b, 0, sizeof(*b));
	b->text_max = text_max;
	if ((b->doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL ||
	    (r = xmlNewNode(NULL, (const xmlChar *)root)) == NULL) {
		b->error = SETARA_ENOMEM;
		return NULL;
	}
	xmlDocSetRootElement(b->doc, r);
	if ((b->ns = xmlNewNs(r, (const xmlChar *)ns, NULL)) == NULL) {
		b->error = SETARA_ENOMEM;
		return NULL;
	}
	xmlSetNs(r, b->ns);
	return r;
}

xmlNodePtr setara__xb_el(setara__xml_builder *b, xmlNodePtr parent,
	const char *name, const char *text)
{
	xmlNodePtr n;
	char *t = NULL;

	if (b->error)
		return NULL;
	if (text && b->text_max && (t = fit(b, text)) == NULL) {
		b->error = SETARA_ENOMEM;
		return NULL;
	}
	n = xmlNewTextChild(parent, b->ns, (const xmlChar *)name,
		(const xmlChar *)(t ? t : text));
	setara__free(t);
	if (n == NULL)
		b->error = SETARA_ENOMEM;
	return n;
}

void setara__xb_at(setara__xml_builder *b, xmlNodePtr n, const char *name,
	const char *value)
{
	char *t = NULL;

	if (b->error || n == NULL || value == NULL)
		return;
	if ((b->text_max && (t = fit(b, value)) == NULL) ||
	    xmlNewProp(n, (const xmlChar *)name,
	    (const xmlChar *)(t ? t : value)) == NULL)
		b->error = SETARA_ENOMEM;
	setara__free(t);
}

void setara__xb_attrs(setara__xml_builder *b, xmlNodePtr n,
	const char *const *names, const char *const *values)
{
	size_t i;

	for (i = 0; names[i]; i++)
		setara__xb_at(b, n, names[i], values[i]);
}

void setara__xb_at_int(setara__xml_builder *b, xmlNodePtr n,
	const char *name, long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	setara__xb_at(b, n, name, buf);
}

void setara__xb_el_time(setara__xml_builder *b, xmlNodePtr parent,
	const char *name, time_t t)
{
	char buf[21];

	setara__time_format(buf, t);
	setara__xb_el(b, parent, name, buf);
}

/* An issuer or a subject: its id and country, then its name. */
static xmlNodePtr party(setara__xml_builder *b, xmlNodePtr root,
	const char *el, const char *const who[3])
{
	xmlNodePtr n = setara__xb_el(b, root, el, NULL);

	setara__xb_at(b, n, "id", who[0]);
	setara__xb_at(b, n, "country", who[1]);
	setara__xb_el(b, n, "name", who[2]);
	return n;
}

void setara__xb_doc_head(setara__xml_builder *b, xmlNodePtr root,
	const setara__doc_head *h)
{
	xmlNodePtr n;

	setara__xb_at(b, root, "version", "1");
	setara__xb_el(b, root, "id", h->id);
	party(b, root, "issuer", h->issuer);
	n = party(b, root, "subject", h->subject);
	if (h->birth)
		setara__xb_el(b, n, "birthDate", h->birth);
	setara__xb_el_time(b, root, "issued", h->issued);
	setara__xb_el_time(b, root, "validFrom", h->issued);
}

int setara__xb_finish(xmlDocPtr *out, setara__xml_builder *b,
	const char *schema, const char *name, const char *oom)
{
	*out = NULL;
	/* what we write, we validate */
	if (b->error == 0)
		b->error = setara__xml_validate(b->doc, schema, name);
	if (b->error < 0) {
		/* libxml2's allocations failing leave no last error */
		if (b->error == SETARA_ENOMEM)
			setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
				NULL, 0, NULL, "%s", oom);
		xmlFreeDoc(b->doc);
		b->doc = NULL;
		return b->error;
	}
	*out = b->doc;
	b->doc = NULL;
	return 0;
}
