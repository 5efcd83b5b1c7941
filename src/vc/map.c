/*
 * A built setara document (cred's XML tree, validated and checked, its
 * status entries in place) as the JSON of a W3C Verifiable Credential
 * 2.0 (docs/vc.md, "From the record to the credential"):
 *
 *   transcript   1EdTech CLR 2.0 ClrCredential: the subject holds the
 *                qualification as an Achievement aligned to its framework
 *                level and AQRF level, then one Achievement per course
 *                (credits, grade on its scale, the converted equivalent);
 *   certificate  1EdTech Open Badges 3.0 OpenBadgeCredential: the
 *                qualification as the subject's Achievement, aligned to
 *                its framework level and AQRF level;
 *   decision     SetaraTransferDecisionCredential of setara's context:
 *                the learner and the whole transfer element (items with
 *                their courses, credits, grades, reasons and traces);
 *   attestation  SetaraSkillsRecognitionCredential of setara's context:
 *                the holder, the claim, the credential checked, the
 *                decision, the level and unit comparisons, the inputs
 *                and the trace.
 *
 * The two types of setara's own context carry the document's body
 * losslessly, by one rule (tree() below): an element is an object of its
 * attributes and children, an element with text only is a string, the
 * text beside attributes is the member "text", and the elements the
 * schema lets repeat are always arrays.
 *
 * Whatever the vocabularies above have no term for keeps setara's name
 * under setara's context (SETARA_VC_CONTEXT_SETARA).  The proof is added
 * afterwards (issue.c).
 */
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>

#include "vc_int.h"

typedef struct mapper {
	json_t *doc;  /* the credential */
	const char *id; /* the document's id (borrowed) */
	int oom;
	xmlNodePtr clash; /* an element the one rule cannot carry whole */
} mapper;

/* Put @v (taken; NULL: out of memory) as member @key of @o. */
static void put(mapper *m, json_t *o, const char *key, json_t *v)
{
	if (o == NULL)
		json_decref(v);
	if (v == NULL || o == NULL || json_object_set_new(o, key, v) < 0)
		m->oom = 1;
}

static void push(mapper *m, json_t *a, json_t *v)
{
	if (a == NULL)
		json_decref(v);
	if (v == NULL || a == NULL || json_array_append_new(a, v) < 0)
		m->oom = 1;
}

/* A string member from a value that may be NULL (then nothing). */
static void put_str(mapper *m, json_t *o, const char *key, const char *s)
{
	if (s)
		put(m, o, key, json_string(s));
}

/* The attribute @attr of @n as a string member @key. */
static void put_attr(mapper *m, json_t *o, const char *key, xmlNodePtr n,
	const char *attr)
{
	char *v = n ? setara__xml_attr(n, attr) : NULL;

	put_str(m, o, key, v);
	xmlFree(v);
}

/* The text of @n's child @child as a string member @key. */
static void put_text(mapper *m, json_t *o, const char *key, xmlNodePtr n,
	const char *child)
{
	char *v = n ? setara__xml_child_text(n, SETARA_NS_DOC, child) : NULL;

	put_str(m, o, key, v);
	setara__free(v);
}

/* The decimal attribute @attr as a JSON number (CLR's creditsAvailable);
 * the record's schema allows only plain decimals. */
static void put_number(mapper *m, json_t *o, const char *key, xmlNodePtr n,
	const char *attr)
{
	char *v = n ? setara__xml_attr(n, attr) : NULL;

	if (v)
		put(m, o, key, json_real(strtod(v, NULL)));
	xmlFree(v);
}

static json_t *types(const char *a, const char *b)
{
	return b ? json_pack("[ss]", a, b) : json_pack("[s]", a);
}

/*
 * An element as a plain object of setara's terms: its attributes, then
 * its children (text-only ones as strings, the others as objects; a name
 * met twice becomes an array).
 */
static json_t *plain(mapper *m, xmlNodePtr n)
{
	json_t *o = json_object(), *prev, *v, *a;
	xmlAttrPtr at;
	xmlNodePtr c;

	if (o == NULL) {
		m->oom = 1;
		return NULL;
	}
	for (at = n->properties; at; at = at->next)
		put_attr(m, o, (const char *)at->name, n,
			(const char *)at->name);
	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (c->properties == NULL && (c->children == NULL ||
		    (c->children->type == XML_TEXT_NODE &&
		    c->children->next == NULL))) {
			xmlChar *t = xmlNodeGetContent(c);

			v = json_string(t ? (const char *)t : "");
			xmlFree(t);
		} else {
			v = plain(m, c);
		}
		if (v == NULL) {
			m->oom = 1;
			continue;
		}
		prev = json_object_get(o, (const char *)c->name);
		if (prev == NULL) {
			put(m, o, (const char *)c->name, v);
		} else if (json_is_array(prev)) {
			push(m, prev, v);
		} else {
			a = json_array();
			push(m, a, json_incref(prev));
			push(m, a, v);
			put(m, o, (const char *)c->name, a);
		}
	}
	return o;
}

/* Is @name one of the NULL-terminated @names? */
static int listed(const char *const *names, const char *name)
{
	for (; names && *names; names++)
		if (strcmp(*names, name) == 0)
			return 1;
	return 0;
}

/* Does @n hold text other than white space directly? */
static int has_text(xmlNodePtr n)
{
	xmlNodePtr c;
	const xmlChar *p;

	for (c = n->children; c; c = c->next)
		if (c->type == XML_TEXT_NODE && c->content)
			for (p = c->content; *p; p++)
				if (*p != ' ' && *p != '\t' && *p != '\n' &&
				    *p != '\r')
					return 1;
	return 0;
}

/* The text directly in @n (not its children's) as the member "text". */
static void put_text_nodes(mapper *m, json_t *o, xmlNodePtr n)
{
	setara_buf b = SETARA_BUF_INIT;
	xmlNodePtr c;

	for (c = n->children; c; c = c->next)
		if (c->type == XML_TEXT_NODE && c->content &&
		    setara_buf_puts(&b, (const char *)c->content) < 0)
			m->oom = 1;
	put_str(m, o, "text", b.ptr ? b.ptr : "");
	setara_buf_dispose(&b);
}

/* Whether @n has an element child named @name. */
static int has_child(xmlNodePtr n, const xmlChar *name)
{
	xmlNodePtr c;

	for (c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, name))
			return 1;
	return 0;
}

/* The attributes of @n as string members of @o: an attribute that shares
 * its name with a child element is carried as NAME + "Id" (the only one
 * in setara's schemas: a decision's transfer/@programme, the programme's
 * id beside its title).  A name taken twice, or a namespaced attribute,
 * is a clash: the document is refused rather than a field dropped. */
static void put_attrs(mapper *m, json_t *o, xmlNodePtr n, int text)
{
	xmlAttrPtr at;
	char key[128];
	const char *name;

	for (at = n->properties; at; at = at->next) {
		name = (const char *)at->name;
		if (has_child(n, at->name))
			snprintf(key, sizeof(key), "%.120sId", name);
		else
			snprintf(key, sizeof(key), "%.127s", name);
		if (at->ns || strlen(name) > 120 || json_object_get(o, key) ||
		    has_child(n, (const xmlChar *)key) ||
		    (text && strcmp(key, "text") == 0)) {
			m->clash = n;
			return;
		}
		put_attr(m, o, key, n, name);
	}
}

/* Whether child @c can be carried: in setara's namespace, not "text"
 * beside its parent's text, and its name free (@a, the member of that
 * name so far) or an array of a repeating element. */
static int carried(xmlNodePtr c, json_t *a, int text,
	const char *const *repeated)
{
	if (c->ns == NULL || !xmlStrEqual(c->ns->href,
	    (const xmlChar *)SETARA_NS_DOC))
		return 0;
	if (text && xmlStrEqual(c->name, (const xmlChar *)"text"))
		return 0;
	return a == NULL || (listed(repeated, (const char *)c->name) &&
		json_is_array(a));
}

/*
 * An element of a decision or attestation as JSON, losslessly: an
 * element without attributes or element children is its text (a string);
 * any other is an object of its attributes (strings, as written; see
 * put_attrs() for a name a child has too), then its text as "text" when
 * it has some, then its children by name -- arrays for the names of
 * @repeated (the elements the schema lets repeat), whatever their
 * number, so that the shape never depends on a count.  What the rule
 * cannot carry whole sets m->clash.
 */
static json_t *tree(mapper *m, xmlNodePtr n, const char *const *repeated)
{
	json_t *o, *a;
	xmlNodePtr c;
	xmlChar *t;
	int kids = 0, text;

	for (c = n->children; c; c = c->next)
		kids |= c->type == XML_ELEMENT_NODE;
	if (n->properties == NULL && !kids) {
		t = xmlNodeGetContent(n);
		o = json_string(t ? (const char *)t : "");
		if (o == NULL || (t == NULL && n->children))
			m->oom = 1;
		xmlFree(t);
		return o;
	}
	if ((o = json_object()) == NULL) {
		m->oom = 1;
		return NULL;
	}
	text = has_text(n);
	put_attrs(m, o, n, text);
	if (text)
		put_text_nodes(m, o, n);
	for (c = n->children; c && !m->clash; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		a = json_object_get(o, (const char *)c->name);
		if (!carried(c, a, text, repeated)) {
			m->clash = c;
			break;
		}
		if (!listed(repeated, (const char *)c->name)) {
			put(m, o, (const char *)c->name, tree(m, c,
				repeated));
			continue;
		}
		if (a == NULL) {
			a = json_array();
			put(m, o, (const char *)c->name, a);
		}
		push(m, a, tree(m, c, repeated));
	}
	return o;
}

/* The elements of each body that repeat (credit/decision.xsd,
 * mrs/attestation.xsd): always arrays. */
static const char *const decision_lists[] = { "basis", "item", "cap",
	"from", "to", "step", NULL };
static const char *const attestation_lists[] = { "check", "reason",
	"unit", "input", "step", NULL };

/* A credit-transfer decision: the learner and the transfer. */
static void decision(mapper *m, json_t *subject, xmlNodePtr root)
{
	xmlNodePtr n;

	put_str(m, subject, "type", "TransferDecisionSubject");
	if ((n = setara__xml_child(root, SETARA_NS_DOC, "subject")))
		put(m, subject, "learner", tree(m, n, decision_lists));
	if ((n = setara__xml_child(root, SETARA_NS_DOC, "transfer")))
		put(m, subject, "transfer", tree(m, n, decision_lists));
}

/* An MRS attestation: the holder, then every element of the body. */
static void attestation(mapper *m, json_t *subject, xmlNodePtr root)
{
	static const char *const head[] = { "id", "issuer", "subject",
		"issued", "validFrom", "validUntil", "status", NULL };
	xmlNodePtr n;

	put_str(m, subject, "type", "SkillsRecognitionSubject");
	if ((n = setara__xml_child(root, SETARA_NS_DOC, "subject")))
		put(m, subject, "holder", tree(m, n, attestation_lists));
	for (n = root->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && n->ns && strcmp((const char
		    *)n->ns->href, SETARA_NS_DOC) == 0 &&
		    !listed(head, (const char *)n->name))
			put(m, subject, (const char *)n->name, tree(m, n,
				attestation_lists));
}

/* An OB 3.0 Alignment to a level: framework FW:LEVEL or AQRF. */
static json_t *alignment(mapper *m, const char *framework, const char *code,
	const char *name)
{
	json_t *a = json_object();
	int aqrf = strcmp(framework, "AQRF") == 0;
	char *url = setara__asprintf("urn:setara:level:%s%s",
		aqrf ? "aqrf:" : "", code);

	put(m, a, "type", types("Alignment", NULL));
	put_str(m, a, "targetType", "ext:QualificationLevel");
	put_str(m, a, "targetFramework", framework);
	put_str(m, a, "targetCode", code);
	put_str(m, a, "targetName", name);
	if (url == NULL)
		m->oom = 1;
	put_str(m, a, "targetUrl", url);
	setara__free(url);
	return a;
}

/* The qualification as an Achievement aligned to its levels. */
static json_t *qualification(mapper *m, xmlNodePtr q, const char *kind)
{
	json_t *a = json_object(), *al = json_array();
	char *level = setara__xml_attr(q, "level");
	char *aqrf = setara__xml_attr(q, "aqrf");
	char *id = setara__asprintf("%s#qualification", m->id);
	char *fw = NULL, *name = NULL, *colon;

	put_str(m, a, "id", id);
	put(m, a, "type", types("Achievement", NULL));
	put_str(m, a, "achievementType", kind);
	put_text(m, a, "name", q, "title");
	put_attr(m, a, "humanCode", q, "code");
	put_attr(m, a, "awarded", q, "awarded");
	if (level && (colon = strchr(level, ':')) != NULL) {
		fw = setara__strndup(level, (size_t)(colon - level));
		name = setara__asprintf("%s level %s", fw ? fw : "",
			colon + 1);
		if (fw == NULL || name == NULL)
			m->oom = 1;
		else
			push(m, al, alignment(m, fw, level, name));
		setara__free(name);
		name = NULL;
	}
	if (aqrf) {
		if ((name = setara__asprintf("AQRF level %s", aqrf)) == NULL)
			m->oom = 1;
		else
			push(m, al, alignment(m, "AQRF", aqrf, name));
	}
	put(m, a, "alignment", al);
	if (id == NULL)
		m->oom = 1;
	setara__free(id);
	setara__free(fw);
	setara__free(name);
	xmlFree(level);
	xmlFree(aqrf);
	return a;
}

/* One course as an Achievement with its result and its equivalent. */
static json_t *course(mapper *m, xmlNodePtr c, xmlNodePtr term,
	xmlNodePtr programme, xmlNodePtr conversion, int k)
{
	json_t *a = json_object(), *r = json_object(), *e;
	xmlNodePtr conv = setara__xml_child(c, SETARA_NS_DOC, "converted");
	char *id = setara__asprintf("%s#course-%d", m->id, k);

	if (id == NULL)
		m->oom = 1;
	put_str(m, a, "id", id);
	setara__free(id);
	put(m, a, "type", types("Achievement", NULL));
	put_str(m, a, "achievementType", "Course");
	put_text(m, a, "name", c, "title");
	put_attr(m, a, "humanCode", c, "code");
	put_number(m, a, "creditsAvailable", c, "credits");
	put_attr(m, a, "term", term, "id");
	put_attr(m, a, "termName", term, "name");
	put(m, r, "type", types("Result", NULL));
	put_attr(m, r, "value", c, "grade");
	put_attr(m, r, "gradeScale", programme, "gradeScale");
	put_attr(m, r, "points", c, "points");
	put_attr(m, r, "credits", c, "credits");
	put_attr(m, r, "creditSystem", programme, "creditSystem");
	put_attr(m, r, "counted", c, "counted");
	put(m, a, "result", r);
	if (conv) {
		e = json_object();
		put_attr(m, e, "creditSystem", conversion, "creditSystem");
		put_attr(m, e, "credits", conv, "credits");
		put_attr(m, e, "gradeScale", conversion, "gradeScale");
		put_attr(m, e, "grade", conv, "grade");
		put(m, a, "equivalent", e);
	}
	return a;
}

static json_t *subject_ids(mapper *m, xmlNodePtr person)
{
	json_t *ids = json_array(), *o = json_object();

	put_str(m, o, "type", "IdentityObject");
	put_str(m, o, "identityType", "identifier");
	put(m, o, "hashed", json_false());
	put_attr(m, o, "identityHash", person, "id");
	push(m, ids, o);
	return ids;
}

static void transcript(mapper *m, json_t *subject, xmlNodePtr root)
{
	xmlNodePtr programme = setara__xml_child(root, SETARA_NS_DOC,
		"programme");
	xmlNodePtr conversion = setara__xml_child(root, SETARA_NS_DOC,
		"conversion");
	xmlNodePtr q, t, c, n;
	json_t *ach = json_array();
	int k = 0;

	put(m, subject, "type", types("ClrSubject", NULL));
	if ((n = setara__xml_child(root, SETARA_NS_DOC, "subject")))
		put(m, subject, "identifier", subject_ids(m, n));
	if (n)
		put(m, subject, "learner", plain(m, n));
	if (programme)
		put(m, subject, "programme", plain(m, programme));
	if (conversion)
		put(m, subject, "conversion", plain(m, conversion));
	for (q = setara__xml_child(root, SETARA_NS_DOC, "qualification"); q;
	    q = setara__xml_next(q, SETARA_NS_DOC, "qualification"))
		push(m, ach, qualification(m, q, "Degree"));
	for (t = setara__xml_child(root, SETARA_NS_DOC, "term"); t;
	    t = setara__xml_next(t, SETARA_NS_DOC, "term"))
		for (c = setara__xml_child(t, SETARA_NS_DOC, "course"); c;
		    c = setara__xml_next(c, SETARA_NS_DOC, "course"))
			push(m, ach, course(m, c, t, programme, conversion,
				++k));
	put(m, subject, "achievement", ach);
	if ((n = setara__xml_child(root, SETARA_NS_DOC, "totals")))
		put(m, subject, "totals", plain(m, n));
}

static void certificate(mapper *m, json_t *subject, xmlNodePtr root)
{
	xmlNodePtr n;
	static const char *const rest[] = { "number", "sector", "occupation",
		"units", "assessment", NULL };
	int i;

	put(m, subject, "type", types("AchievementSubject", NULL));
	if ((n = setara__xml_child(root, SETARA_NS_DOC, "subject"))) {
		put(m, subject, "identifier", subject_ids(m, n));
		put(m, subject, "holder", plain(m, n));
	}
	if ((n = setara__xml_child(root, SETARA_NS_DOC, "qualification")))
		put(m, subject, "achievement", qualification(m, n,
			"Certificate"));
	for (i = 0; rest[i]; i++) {
		if ((n = setara__xml_child(root, SETARA_NS_DOC, rest[i])) ==
		    NULL)
			continue;
		if (n->properties == NULL && n->children &&
		    n->children->type == XML_TEXT_NODE &&
		    n->children->next == NULL)
			put_text(m, subject, rest[i], root, rest[i]);
		else
			put(m, subject, rest[i], plain(m, n));
	}
}

/* The two BitstringStatusListEntry of the register's status entries. */
static void status_entries(mapper *m, json_t *vc, xmlNodePtr root)
{
	json_t *a = json_array(), *e;
	xmlNodePtr s;
	char *list, *index, *purpose, *id;

	for (s = setara__xml_child(root, SETARA_NS_DOC, "status"); s;
	    s = setara__xml_next(s, SETARA_NS_DOC, "status")) {
		list = setara__xml_attr(s, "list");
		index = setara__xml_attr(s, "index");
		purpose = setara__xml_attr(s, "purpose");
		id = setara__asprintf("%s#%s", list ? list : "",
			index ? index : "");
		e = json_object();
		put_str(m, e, "id", id);
		put_str(m, e, "type", "BitstringStatusListEntry");
		put_str(m, e, "statusPurpose", purpose);
		put_str(m, e, "statusListIndex", index);
		put_str(m, e, "statusListCredential", list);
		push(m, a, e);
		if (id == NULL)
			m->oom = 1;
		setara__free(id);
		xmlFree(list);
		xmlFree(index);
		xmlFree(purpose);
	}
	if (json_array_size(a))
		put(m, vc, "credentialStatus", a);
	else
		json_decref(a);
}

/* The document types, and for each its credential type, the element
 * whose child gives the credential's name, and the name without it. */
static const struct kind {
	const char *element, *vc_type, *title_of, *title, *fallback;
} kinds[] = {
	{ "transcript", "ClrCredential", "programme", "title", "Transcript" },
	{ "certificate", "OpenBadgeCredential", "qualification", "title",
	  "Certificate" },
	{ "decision", SETARA_VC_TYPE_DECISION, "transfer", "programme",
	  "Credit transfer decision" },
	{ "attestation", SETARA_VC_TYPE_ATTESTATION, "claim", "title",
	  "Skills recognition" },
};
enum { K_TRANSCRIPT, K_CERTIFICATE, K_DECISION, K_ATTESTATION, K_COUNT };

/* The credential's @context: VC 2.0 first, setara's last. */
static json_t *contexts(mapper *m, int k)
{
	json_t *ctx = json_pack("[s]", SETARA_VC_CONTEXT_V2);

	if (k == K_TRANSCRIPT)
		push(m, ctx, json_string(SETARA_VC_CONTEXT_CLR));
	if (k == K_TRANSCRIPT || k == K_CERTIFICATE)
		push(m, ctx, json_string(SETARA_VC_CONTEXT_OB));
	push(m, ctx, json_string(SETARA_VC_CONTEXT_SETARA));
	return ctx;
}

/*
 * The issuer: an OB 3.0 Profile with its Address for the 1EdTech types;
 * for setara's own, {id, name, country, accreditation} of setara's
 * context alone.
 */
static json_t *issuer_of(mapper *m, xmlNodePtr n, const char *id, int k)
{
	json_t *issuer = json_object(), *addr;

	put_str(m, issuer, "id", id);
	if (k == K_DECISION || k == K_ATTESTATION) {
		put_text(m, issuer, "name", n, "name");
		put_attr(m, issuer, "country", n, "country");
	} else {
		put(m, issuer, "type", types("Profile", NULL));
		put_text(m, issuer, "name", n, "name");
		addr = json_object();
		put(m, addr, "type", types("Address", NULL));
		put_attr(m, addr, "addressCountryCode", n, "country");
		put(m, issuer, "address", addr);
	}
	put_attr(m, issuer, "accreditation", n, "accreditation");
	return issuer;
}

int setara_vc__from_doc(json_t **out, xmlDocPtr doc, const char *name)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), n;
	json_t *vc = NULL, *subject;
	mapper m = { NULL, NULL, 0, NULL };
	char *id = NULL, *iid = NULL, *title = NULL, *cname = NULL;
	char *what = NULL;
	int k, error = 0;

	*out = NULL;
	for (k = 0; root && k < K_COUNT; k++)
		if (setara__xml_is(root, SETARA_NS_DOC, kinds[k].element))
			break;
	if (root == NULL || k == K_COUNT)
		return setara_error__data(name, 0, NULL, "only transcripts, "
			"certificates, decisions and attestations are issued "
			"as Verifiable Credentials");
	id = setara__xml_child_text(root, SETARA_NS_DOC, "id");
	n = setara__xml_child(root, SETARA_NS_DOC, "issuer");
	iid = n ? setara__xml_attr(n, "id") : NULL;
	/* There, but not copied: out of memory. */
	if ((id == NULL && setara__xml_child(root, SETARA_NS_DOC, "id")) ||
	    (iid == NULL && n && xmlHasProp(n, (const xmlChar *)"id"))) {
		error = SETARA_ENOMEM;
		goto done;
	}
	if (id == NULL || iid == NULL) {
		error = setara_error__data(name, 0, NULL,
			"the document lacks an id or issuer");
		goto done;
	}
	m.id = id;
	if ((vc = m.doc = json_object()) == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	put(&m, vc, "@context", contexts(&m, k));
	put_str(&m, vc, "id", id);
	put(&m, vc, "type", types("VerifiableCredential", kinds[k].vc_type));
	cname = setara__asprintf("%s%s", SETARA_VC_ISSUER_PREFIX, iid);
	put(&m, vc, "issuer", issuer_of(&m, n, cname, k));
	put_text(&m, vc, "validFrom", root, "validFrom");
	put_text(&m, vc, "validUntil", root, "validUntil");
	n = setara__xml_child(root, SETARA_NS_DOC, kinds[k].title_of);
	title = n ? setara__xml_child_text(n, SETARA_NS_DOC, kinds[k].title) :
		NULL;
	/* A transcript or certificate is named by its title alone. */
	if (k == K_DECISION || k == K_ATTESTATION)
		what = title ? setara__asprintf("%s: %s", kinds[k].fallback,
			title) : setara__strdup(kinds[k].fallback);
	else
		what = setara__strdup(title ? title : kinds[k].fallback);
	put_str(&m, vc, "name", what);
	subject = json_object();
	switch (k) {
	case K_TRANSCRIPT: transcript(&m, subject, root); break;
	case K_CERTIFICATE: certificate(&m, subject, root); break;
	case K_DECISION: decision(&m, subject, root); break;
	default: attestation(&m, subject, root); break;
	}
	put(&m, vc, "credentialSubject", subject);
	status_entries(&m, vc, root);
	if (m.clash) {
		error = setara_error__data(name, xmlGetLineNo(m.clash),
			(const char *)m.clash->name, "an attribute, an element "
			"or the text here would take a JSON member name "
			"already used: the credential cannot carry it whole, "
			"so it is not issued");
		goto done;
	}
	if (m.oom || cname == NULL || what == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	*out = vc;
	vc = NULL;
done:
	json_decref(vc);
	setara__free(id);
	xmlFree(iid);
	setara__free(title);
	setara__free(cname);
	setara__free(what);
	return error;
}
