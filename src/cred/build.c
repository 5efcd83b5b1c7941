/*
 * Building documents from the records a registrar's system exports.
 *
 * A record (transcriptRecord, certificateRecord) is already validated
 * against its schema when it gets here.  The document is made from the
 * record's own tree, in place: the element is renamed, the learner or
 * holder becomes the subject, the header gets its new id, issue time and
 * validFrom, and a transcript gets its totals (computed with exact
 * decimals when absent, checked when given).  Working in place keeps the
 * record's text exactly and costs no copy.
 *
 * The result is valid against the document's schema by construction, so
 * it is not validated again (setara_cred__build_doc()): the record was
 * valid against its schema, which uses the document's own types for every
 * element it shares with the document (transcriptBody, certificateBody,
 * Issuer, Subject, Totals); what changes is the document element's name
 * and version, learner or holder renamed subject (the same type), and
 * elements added in the order the header group fixes -- an id (a
 * lower-case RFC 9562 urn:uuid), issued and validFrom (dates written by
 * setara__time_format()), and totals whose sums are kept within the
 * Amount type (add_amount()).  A unit test validates what the builder
 * makes from every record of the tests.
 */
#include <string.h>
#include <libxml/tree.h>

#include "cred_int.h"

/* The whitespace text node just before @n, or NULL. */
static const xmlChar *indent_before(xmlNodePtr n)
{
	xmlNodePtr p = n ? n->prev : NULL;

	return p && p->type == XML_TEXT_NODE && xmlIsBlankNode(p) ?
		p->content : NULL;
}

/*
 * Insert element @name (with @text, may be NULL) just before @ref, or with
 * @after just after it, keeping indentation: @ref's own indentation goes
 * between the two.
 */
static xmlNodePtr insert_by(xmlNodePtr ref, int after, const char *name,
	const char *text)
{
	const xmlChar *ws = indent_before(ref);
	xmlNodePtr e, t, done;

	e = xmlNewDocNode(ref->doc, ref->parent->ns, (const xmlChar *)name,
		NULL);
	if (e == NULL)
		return NULL;
	if (text)
		xmlNodeAddContent(e, (const xmlChar *)text);
	done = after ? xmlAddNextSibling(ref, e) : xmlAddPrevSibling(ref, e);
	if (done == NULL) {
		xmlFreeNode(e);
		return NULL;
	}
	if (ws && (t = xmlNewDocText(ref->doc, ws)) != NULL) {
		if (after)
			xmlAddNextSibling(ref, t);
		else
			xmlAddPrevSibling(ref, t);
	}
	return e;
}

static xmlNodePtr insert_before(xmlNodePtr ref, const char *name,
	const char *text)
{
	return insert_by(ref, 0, name, text);
}

static xmlNodePtr insert_after(xmlNodePtr ref, const char *name)
{
	return insert_by(ref, 1, name, NULL);
}

xmlNodePtr setara_cred__append(xmlNodePtr parent, const char *name,
	const char *text, int depth)
{
	xmlNodePtr e;
	char ws[32];
	int i;

	ws[0] = '\n';
	for (i = 0; i < depth && i < 14; i++) {
		ws[1 + 2 * i] = ' ';
		ws[2 + 2 * i] = ' ';
	}
	ws[1 + 2 * i] = '\0';
	if (depth >= 0)
		xmlAddChild(parent, xmlNewDocText(parent->doc,
			(const xmlChar *)ws));
	e = xmlNewDocNode(parent->doc, parent->ns, (const xmlChar *)name,
		NULL);
	if (e == NULL)
		return NULL;
	if (text)
		xmlNodeAddContent(e, (const xmlChar *)text);
	return xmlAddChild(parent, e);
}

/*
 * The common part: rename the root, rename @person to "subject", add id,
 * issued and validFrom.
 */
static int make_header(xmlDocPtr doc, const char *type, const char *person,
	const char *name)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), issuer, subj, from, after;
	char uuid[46], now[21];
	int error;

	issuer = setara__xml_child(root, SETARA_NS_DOC, "issuer");
	subj = setara__xml_child(root, SETARA_NS_DOC, person);
	if (issuer == NULL || subj == NULL)
		return setara_error__data(name, 0, person, "missing");
	xmlNodeSetName(root, (const xmlChar *)type);
	xmlSetProp(root, (const xmlChar *)"version", (const xmlChar *)"1");
	xmlNodeSetName(subj, (const xmlChar *)"subject");
	if ((error = setara__uuid_urn(uuid)) < 0)
		return error;
	setara__time_format(now, setara__time_now());
	if (insert_before(issuer, "id", uuid) == NULL)
		return SETARA_ENOMEM;
	from = setara__xml_child(root, SETARA_NS_DOC, "validFrom");
	if (from) {
		if (insert_before(from, "issued", now) == NULL)
			return SETARA_ENOMEM;
	} else {
		after = insert_after(subj, "issued");
		if (after == NULL)
			return SETARA_ENOMEM;
		xmlNodeAddContent(after, (const xmlChar *)now);
		if ((from = insert_after(after, "validFrom")) == NULL)
			return SETARA_ENOMEM;
		xmlNodeAddContent(from, (const xmlChar *)now);
	}
	return 0;
}

/* Does this course count in the totals? */
static int counted(xmlNodePtr course)
{
	char *st = setara__xml_attr(course, "status");
	int yes = st == NULL || strcmp(st, "passed") == 0 ||
		strcmp(st, "transferred") == 0 || strcmp(st, "exempted") == 0;

	xmlFree(st);
	return yes;
}

static int amount_attr(long long *out, xmlNodePtr n, const char *attr,
	const char *name)
{
	char *v = setara__xml_attr(n, attr);
	int error = 0;

	if (v == NULL || setara_cred__dec_parse(out, v) < 0)
		error = setara_error__data(name, (int)xmlGetLineNo(n), attr,
			"not an amount: '%s'", v ? v : "");
	xmlFree(v);
	return error;
}

/*
 * Add the credits of @n to a sum that must stay an Amount of the schema
 * (at most nine integer digits): totals written from it are then valid
 * by construction, and no sum overflows.
 */
static int add_amount(long long *sum, xmlNodePtr n, const char *name)
{
	long long v;
	int error;

	if ((error = amount_attr(&v, n, "credits", name)) < 0)
		return error;
	if (v > SETARA_CRED_AMOUNT_MAX - *sum)
		return setara_error__data(name, (int)xmlGetLineNo(n),
			"credits", "the credits add up to more than the "
			"largest amount (999999999.999999)");
	*sum += v;
	return 0;
}

int setara_cred__transcript_sums(setara_cred__sums *s, xmlNodePtr root,
	const char *name)
{
	xmlNodePtr term, course, conv;
	int error;

	memset(s, 0, sizeof(*s));
	s->has_conversion = setara__xml_child(root, SETARA_NS_DOC,
		"conversion") != NULL;
	for (term = setara__xml_child(root, SETARA_NS_DOC, "term"); term;
	    term = setara__xml_next(term, SETARA_NS_DOC, "term"))
		for (course = setara__xml_child(term, SETARA_NS_DOC, "course");
		    course; course = setara__xml_next(course, SETARA_NS_DOC,
		    "course")) {
			s->courses++;
			conv = setara__xml_child(course, SETARA_NS_DOC,
				"converted");
			if (conv && !s->has_conversion && !s->stray_line)
				s->stray_line = (int)xmlGetLineNo(conv);
			if (!counted(course))
				continue;
			if ((error = add_amount(&s->credits, course,
			    name)) < 0)
				return error;
			if (!s->has_conversion)
				continue;
			if (conv == NULL) {
				if (!s->missing_line)
					s->missing_line =
						(int)xmlGetLineNo(course);
				continue;
			}
			if ((error = add_amount(&s->converted, conv,
			    name)) < 0)
				return error;
		}
	return 0;
}

/* Check the given totals against the sums, or add them. */
static int transcript_totals(xmlDocPtr doc, const char *name)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), totals, last;
	setara_cred__sums s;
	char a[32], b[32];
	long long v;
	int error;

	if ((error = setara_cred__transcript_sums(&s, root, name)) < 0)
		return error;
	if (s.stray_line)
		return setara_error__data(name, s.stray_line, "converted",
			"converted values without a conversion element");
	if (s.missing_line)
		return setara_error__data(name, s.missing_line, "course",
			"a conversion is given but this course has no "
			"converted values");
	setara_cred__dec_format(a, s.credits);
	setara_cred__dec_format(b, s.converted);
	totals = setara__xml_child(root, SETARA_NS_DOC, "totals");
	if (totals) {
		if ((error = amount_attr(&v, totals, "credits", name)) < 0)
			return error;
		if (v != s.credits) {
			char given[32];

			setara_cred__dec_format(given, v);
			return setara_error__data(name,
				(int)xmlGetLineNo(totals), "credits",
				"totals say %s, the counted courses sum to %s",
				given, a);
		}
		if (s.has_conversion) {
			char *cc = setara__xml_attr(totals,
				"convertedCredits");

			if (cc == NULL) {
				xmlSetProp(totals, (const xmlChar *)
					"convertedCredits", (const xmlChar *)b);
			} else {
				xmlFree(cc);
				if ((error = amount_attr(&v, totals,
				    "convertedCredits", name)) < 0)
					return error;
				if (v != s.converted)
					return setara_error__data(name,
						(int)xmlGetLineNo(totals),
						"convertedCredits",
						"totals say otherwise; the "
						"counted courses sum to %s", b);
			}
		}
		return 0;
	}
	for (last = root->last; last && last->type != XML_ELEMENT_NODE;
	    last = last->prev)
		;
	if (last == NULL || (totals = insert_after(last, "totals")) == NULL)
		return SETARA_ENOMEM;
	xmlSetProp(totals, (const xmlChar *)"credits", (const xmlChar *)a);
	if (s.has_conversion)
		xmlSetProp(totals, (const xmlChar *)"convertedCredits",
			(const xmlChar *)b);
	return 0;
}

/*
 * A period's end not before its start (the programme's, each term's): the
 * schema checks each date, not the two together.  xs:date values of
 * years 0001 to 9999 compare as their first ten characters.
 */
static int period(xmlNodePtr n, const char *what, const char *name)
{
	char *start = setara__xml_attr(n, "start");
	char *end = setara__xml_attr(n, "end");
	char *id = setara__xml_attr(n, "id");
	int error = 0;

	if (start && end && strncmp(end, start, 10) < 0)
		error = setara_error__data(name, (int)xmlGetLineNo(n), what,
			"%s%s%s ends on %.10s, before it starts on %.10s",
			id ? "term '" : "the programme", id ? id : "",
			id ? "'" : "", end, start);
	xmlFree(start);
	xmlFree(end);
	xmlFree(id);
	return error;
}

static int transcript_periods(xmlDocPtr doc, const char *name)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), n;
	int error;

	if ((n = setara__xml_child(root, SETARA_NS_DOC, "programme")) &&
	    (error = period(n, "programme/@end", name)) < 0)
		return error;
	for (n = setara__xml_child(root, SETARA_NS_DOC, "term"); n;
	    n = setara__xml_next(n, SETARA_NS_DOC, "term"))
		if ((error = period(n, "term/@end", name)) < 0)
			return error;
	return 0;
}

int setara_cred__build_transcript(xmlDocPtr *out, xmlDocPtr record,
	const char *name)
{
	int error;

	*out = NULL;
	if ((error = transcript_periods(record, name)) < 0 ||
	    (error = make_header(record, "transcript", "learner", name)) < 0 ||
	    (error = transcript_totals(record, name)) < 0)
		return error;
	*out = record;
	return 0;
}

int setara_cred__build_certificate(xmlDocPtr *out, xmlDocPtr record,
	const char *name)
{
	int error;

	*out = NULL;
	if ((error = make_header(record, "certificate", "holder", name)) < 0)
		return error;
	*out = record;
	return 0;
}

int setara_cred__add_status(xmlDocPtr doc, const char *list,
	unsigned long long index, int suspension)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), n, after = NULL, e;
	char idx[24];

	SETARA_ASSERT_ARG(root && list);
	for (n = root->children; n; n = n->next)
		if (setara__xml_is(n, SETARA_NS_DOC, "validFrom") ||
		    setara__xml_is(n, SETARA_NS_DOC, "validUntil") ||
		    setara__xml_is(n, SETARA_NS_DOC, "status"))
			after = n;
	if (after == NULL)
		return setara_error__data(NULL, 0, "validFrom",
			"the document has no header to add a status entry to");
	if ((e = insert_after(after, "status")) == NULL)
		return SETARA_ENOMEM;
	snprintf(idx, sizeof(idx), "%llu", index);
	xmlSetProp(e, (const xmlChar *)"list", (const xmlChar *)list);
	xmlSetProp(e, (const xmlChar *)"index", (const xmlChar *)idx);
	xmlSetProp(e, (const xmlChar *)"purpose", (const xmlChar *)
		(suspension ? "suspension" : "revocation"));
	return 0;
}
