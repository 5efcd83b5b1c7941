/*
 * Reading a skills credential: what a certificate document (the
 * "certificate" type of the cred component, cred/certificate.xsd) says
 * about its issuer, holder, qualification and level, occupation, the
 * competency units assessed and its validity.  The document has been
 * parsed with the safe loader; whether it is authentic is the verifier's
 * business, not this file's.
 */
#include <string.h>

#include "mrs_int.h"

static int text(char **out, xmlNodePtr parent, const char *local)
{
	*out = NULL;
	if (parent == NULL)
		return 0;
	*out = setara__xml_child_text(parent, SETARA_NS_DOC, local);
	return 0;
}

static int attr(char **out, xmlNodePtr n, const char *name)
{
	char *v;

	*out = NULL;
	if (n == NULL || (v = setara__xml_attr(n, name)) == NULL)
		return 0;
	*out = setara__strdup(v);
	xmlFree(v);
	return *out ? 0 : SETARA_ENOMEM;
}

static int when(time_t *out, xmlNodePtr root, const char *local)
{
	char *s = setara__xml_child_text(root, SETARA_NS_DOC, local);
	int found = 0;

	*out = 0;
	if (s && setara__time_parse(out, s) == 0)
		found = 1;
	setara__free(s);
	return found;
}

static int read_units(setara_mrs__credential *c, xmlNodePtr units)
{
	xmlNodePtr u;
	char **grown, *code;
	size_t alloc = 0;

	for (u = setara__xml_child(units, SETARA_NS_DOC, "unit"); u;
	    u = setara__xml_next(u, SETARA_NS_DOC, "unit")) {
		if ((code = setara__xml_attr(u, "code")) == NULL)
			continue;
		if ((grown = setara__grow(c->units, &alloc, c->nunits,
		    sizeof(*grown), 16)) == NULL) {
			xmlFree(code);
			return SETARA_ENOMEM;
		}
		c->units = grown;
		c->units[c->nunits] = setara__strdup(code);
		xmlFree(code);
		if (c->units[c->nunits] == NULL)
			return SETARA_ENOMEM;
		c->nunits++;
	}
	return 0;
}

int setara_mrs__credential_read(setara_mrs__credential *c, xmlDocPtr doc)
{
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlNodePtr issuer, subject, q, occ, units;
	char *aqrf = NULL;
	int error = 0;

	c->readable = 0;
	if (root == NULL || root->ns == NULL || strcmp((const char *)
	    root->ns->href, SETARA_NS_DOC) != 0)
		return 0;
	if ((c->type = setara__strdup((const char *)root->name)) == NULL)
		return SETARA_ENOMEM;
	issuer = setara__xml_child(root, SETARA_NS_DOC, "issuer");
	subject = setara__xml_child(root, SETARA_NS_DOC, "subject");
	q = setara__xml_child(root, SETARA_NS_DOC, "qualification");
	occ = setara__xml_child(root, SETARA_NS_DOC, "occupation");
	units = setara__xml_child(root, SETARA_NS_DOC, "units");
	if ((error = text(&c->id, root, "id")) < 0 ||
	    (error = text(&c->number, root, "number")) < 0 ||
	    (error = attr(&c->issuer_id, issuer, "id")) < 0 ||
	    (error = attr(&c->issuer_country, issuer, "country")) < 0 ||
	    (error = attr(&c->accreditation, issuer, "accreditation")) < 0 ||
	    (error = text(&c->issuer_name, issuer, "name")) < 0 ||
	    (error = attr(&c->holder_id, subject, "id")) < 0 ||
	    (error = attr(&c->holder_country, subject, "country")) < 0 ||
	    (error = text(&c->holder_name, subject, "name")) < 0 ||
	    (error = attr(&c->qual_code, q, "code")) < 0 ||
	    (error = attr(&c->level, q, "level")) < 0 ||
	    (error = attr(&aqrf, q, "aqrf")) < 0 ||
	    (error = text(&c->qual_title, q, "title")) < 0 ||
	    (error = attr(&c->occupation, occ, "code")) < 0 ||
	    (error = text(&c->occupation_title, occ, "title")) < 0 ||
	    (error = read_units(c, units)) < 0)
		goto done;
	c->aqrf = setara_mrs__small_int(aqrf, 1000);
	when(&c->issued, root, "issued");
	when(&c->valid_from, root, "validFrom");
	c->has_valid_until = when(&c->valid_until, root, "validUntil");
	c->readable = strcmp(c->type, "certificate") == 0 &&
		c->level != NULL && c->holder_id != NULL;
done:
	setara__free(aqrf);
	return error;
}
