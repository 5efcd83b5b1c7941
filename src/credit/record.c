/*
 * The input of a transfer evaluation: a foreign academic record
 * (credit/record.xsd), read with the safe parser, validated, and kept as
 * plain structures with the line of each element for messages.  The
 * SHA-256 of the bytes read goes into the decision, which so names the
 * exact record it was made on.
 */
#include <string.h>
#include <libxml/xmlschemastypes.h>

#include "credit_int.h"

/* What credit/record.xsd keeps unique (util/xml_safe.c checks it; the
 * schema says so in a comment); codes are tokens. */
const setara__xml_unique setara_credit__unique[] = {
	{ "credit/record.xsd", NULL, "term", "id", 0,
	  "term '%s' is listed twice" },
	{ "credit/record.xsd", "term", "course", "code", 1,
	  "course '%s' is listed twice in this term (a retake belongs in "
	  "another term)" },
	{ NULL, NULL, NULL, NULL, 0, NULL }
};

static const char *dup_attr(cr_arena *a, xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	const char *r;

	if (v == NULL)
		return NULL;
	r = setara_credit__strdup(a, (const char *)v);
	xmlFree(v);
	return r;
}

/* An xs:token attribute as the schema reads it: white space collapsed
 * (a code " X1 " is the course X1, on the record and in a retake). */
static const char *dup_token(cr_arena *a, xmlNodePtr n, const char *name)
{
	const char *r = dup_attr(a, n, name);
	xmlChar *c;

	if (r == NULL || (c = xmlSchemaCollapseString((const xmlChar *)r)) ==
	    NULL)
		return r;
	r = setara_credit__strdup(a, (const char *)c);
	xmlFree(c);
	return r;
}

static const char *dup_child(cr_arena *a, xmlNodePtr n, const char *name)
{
	char *v = setara__xml_child_text(n, SETARA_NS_DOC, name);
	const char *r = setara_credit__strdup(a, v);

	setara__free(v);
	return r;
}

static int is(const xmlNode *n, const char *local)
{
	return setara__xml_is(n, SETARA_NS_DOC, local);
}

/*
 * What a schema cannot say about a course: its credits are a number above
 * zero, and a completed course has a grade (only a course in progress or
 * withdrawn has none).  Exit 3 naming the line and the field.
 */
static int check_course(setara_record *r, rec_course *k)
{
	if (setara__dec_parse(&k->credits, k->credits_text) < 0)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA,
			r->name, k->line, "credits", "'%s' is not a number of "
			"credits", k->credits_text);
	if (setara__dec_sign(k->credits) <= 0)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA,
			r->name, k->line, "credits", "course %s has %s "
			"credits: a course carries credits above zero",
			k->code, k->credits_text);
	if (k->hours_text && (setara__dec_parse(&k->hours, k->hours_text) < 0 ||
	    setara__dec_sign(k->hours) <= 0))
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA,
			r->name, k->line, "hours", "course %s states %s "
			"learning hours: a number above zero", k->code,
			k->hours_text);
	k->has_hours = k->hours_text != NULL;
	if (k->grade == NULL && strcmp(k->status, "completed") == 0)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA,
			r->name, k->line, "grade", "course %s is completed "
			"and has no grade (a course in progress or withdrawn "
			"says so in status=)", k->code);
	return 0;
}

/* The sending institution's grading table @n for one field. */
static int read_dist(setara_record *r, xmlNodePtr n, cr_vec *dv)
{
	cr_arena *a = &r->arena;
	rec_dist *d = setara_credit__vec_push(a, dv, sizeof(*d));
	cr_vec gv = { 0 }, kv = { 0 };
	xmlNodePtr c;

	if (d == NULL)
		return SETARA_ENOMEM;
	d->isced = dup_attr(a, n, "iscedF");
	d->years = dup_attr(a, n, "years");
	d->line = (int)xmlGetLineNo(n);
	for (c = n->children; c; c = c->next) {
		const char **g;
		setara__dec *k;
		const char *cs;

		if (!is(c, "frequency"))
			continue;
		g = setara_credit__vec_push(a, &gv, sizeof(*g));
		k = setara_credit__vec_push(a, &kv, sizeof(*k));
		if (!g || !k)
			return SETARA_ENOMEM;
		*g = dup_attr(a, c, "grade");
		cs = dup_attr(a, c, "count");
		if (setara__dec_parse(k, cs) < 0 || k->num > 1000000000)
			return setara_error__set(SETARA_EINVALID,
				SETARA_ERROR_DATA, r->name,
				(int)xmlGetLineNo(c), "count",
				"count '%s' is too large", cs);
	}
	d->n = gv.n;
	d->grade = gv.items;
	d->count = kv.items;
	return 0;
}

/* The courses of term @n; a course's completion date is the term's end
 * unless it states its own, its status "completed" unless it says. */
static int read_term(setara_record *r, xmlNodePtr n, cr_vec *cv)
{
	cr_arena *a = &r->arena;
	const char *term = dup_attr(a, n, "id"), *end = dup_attr(a, n, "end");
	xmlNodePtr t;
	int error;

	for (t = n->children; t; t = t->next) {
		rec_course *k;

		if (!is(t, "course"))
			continue;
		if ((k = setara_credit__vec_push(a, cv, sizeof(*k))) == NULL)
			return SETARA_ENOMEM;
		k->code = dup_token(a, t, "code");
		k->title = dup_child(a, t, "title");
		k->credits_text = dup_attr(a, t, "credits");
		k->grade = dup_attr(a, t, "grade");
		k->activity = dup_attr(a, t, "activity");
		k->hours_text = dup_attr(a, t, "hours");
		k->completed = dup_attr(a, t, "completed");
		if (k->completed == NULL)
			k->completed = end;
		k->status = dup_attr(a, t, "status");
		if (k->status == NULL)
			k->status = "completed";
		k->level = dup_attr(a, t, "level");
		k->isced = dup_attr(a, t, "iscedF");
		k->term = term;
		k->line = (int)xmlGetLineNo(t);
		if ((error = check_course(r, k)) < 0)
			return error;
	}
	return 0;
}

/* The student's courses at a host institution (hostRecord @n). */
static int read_host(setara_record *r, xmlNodePtr n, cr_vec *hv)
{
	cr_arena *a = &r->arena;
	const char *inst = dup_attr(a, n, "institution");
	xmlNodePtr t;

	for (t = n->children; t; t = t->next) {
		rec_host *h;

		if (!is(t, "course"))
			continue;
		if ((h = setara_credit__vec_push(a, hv, sizeof(*h))) == NULL)
			return SETARA_ENOMEM;
		h->institution = inst;
		h->code = dup_token(a, t, "code");
		h->grade = dup_attr(a, t, "grade");
		h->completed = dup_attr(a, t, "completed");
		h->line = (int)xmlGetLineNo(t);
	}
	return 0;
}

static int read_doc(setara_record *r, xmlDocPtr doc)
{
	cr_arena *a = &r->arena;
	xmlNodePtr root = xmlDocGetRootElement(doc), n;
	cr_vec cv = { 0 }, qv = { 0 }, pv = { 0 }, dv = { 0 }, hv = { 0 };
	int error;

	if (!is(root, "academicRecord"))
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA,
			r->name, (int)xmlGetLineNo(root),
			(const char *)root->name,
			"not an academic record: document element {%s}%s "
			"(expected {%s}academicRecord)", root->ns ?
			(const char *)root->ns->href : "",
			(const char *)root->name, SETARA_NS_DOC);
	for (n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is(n, "institution")) {
			r->inst_id = dup_attr(a, n, "id");
			r->inst_country = dup_attr(a, n, "country");
			r->inst_name = dup_child(a, n, "name");
		} else if (is(n, "student")) {
			r->student_id = dup_attr(a, n, "id");
			r->student_country = dup_attr(a, n, "country");
			r->student_name = dup_child(a, n, "name");
			r->student_birth = dup_child(a, n, "birthDate");
		} else if (is(n, "programme")) {
			r->prog_code = dup_attr(a, n, "code");
			r->prog_title = dup_child(a, n, "title");
			r->level = dup_attr(a, n, "level");
			r->system = dup_attr(a, n, "creditSystem");
			r->scale = dup_attr(a, n, "gradeScale");
			r->isced = dup_attr(a, n, "iscedF");
			r->prog_line = (int)xmlGetLineNo(n);
		} else if (is(n, "qualification")) {
			rec_qual *q = setara_credit__vec_push(a, &qv,
				sizeof(*q));

			if (q == NULL)
				return SETARA_ENOMEM;
			q->kind = dup_attr(a, n, "kind");
			q->level = dup_attr(a, n, "level");
			q->awarded = dup_attr(a, n, "awarded");
			q->credits = dup_attr(a, n, "credits");
			q->title = dup_child(a, n, "title");
			q->line = (int)xmlGetLineNo(n);
		} else if (is(n, "gradeDistribution")) {
			if ((error = read_dist(r, n, &dv)) < 0)
				return error;
		} else if (is(n, "term")) {
			if ((error = read_term(r, n, &cv)) < 0)
				return error;
		} else if (is(n, "hostRecord")) {
			if ((error = read_host(r, n, &hv)) < 0)
				return error;
		} else if (is(n, "priorLearning")) {
			rec_prior *p = setara_credit__vec_push(a, &pv,
				sizeof(*p));

			if (p == NULL)
				return SETARA_ENOMEM;
			p->id = dup_attr(a, n, "id");
			p->target = dup_attr(a, n, "target");
			p->assessed = dup_attr(a, n, "assessed");
			p->title = dup_child(a, n, "title");
			p->line = (int)xmlGetLineNo(n);
			setara__dec_parse(&p->score, dup_attr(a, n, "score"));
		}
	}
	r->courses = cv.items;
	r->ncourses = cv.n;
	r->quals = qv.items;
	r->nquals = qv.n;
	r->priors = pv.items;
	r->npriors = pv.n;
	r->dists = dv.items;
	r->ndists = dv.n;
	r->hosts = hv.items;
	r->nhosts = hv.n;
	return 0;
}

int setara_record_parse(setara_record **out, const char *data, size_t len,
	const char *name)
{
	setara_record *r;
	cr_arena a = { NULL, NULL };
	xmlDocPtr doc = NULL;
	char hash[65];
	int error;

	*out = NULL;
	SETARA_ASSERT_ARG(data && name);
	if ((r = setara_credit__alloc(&a, sizeof(*r))) == NULL)
		return SETARA_ENOMEM;
	r->name = setara_credit__strdup(&a, name);
	if ((error = setara__sha256_hex(hash, data, len)) < 0)
		goto fail;
	r->sha256 = setara_credit__strdup(&a, hash);
	if ((error = setara__xml_parse_mem(&doc, data, len, name)) < 0 ||
	    (error = setara__xml_validate(doc, "credit/record.xsd",
	    name)) < 0)
		goto fail;
	r->arena = a;
	if ((error = read_doc(r, doc)) < 0) {
		a = r->arena;
		goto fail;
	}
	xmlFreeDoc(doc);
	*out = r;
	return 0;
fail:
	xmlFreeDoc(doc);
	setara_credit__arena_free(&a);
	return error;
}

int setara_record_load(setara_record **out, const char *path)
{
	setara_buf b = SETARA_BUF_INIT;
	int error;

	*out = NULL;
	SETARA_ASSERT_ARG(path);
	if ((error = setara__read_file(&b, path, SETARA_XML_MAX_DEFAULT)) == 0)
		error = setara_record_parse(out, b.ptr ? b.ptr : "", b.size,
			path);
	setara_buf_dispose(&b);
	return error;
}

void setara_record_free(setara_record *r)
{
	cr_arena a;

	if (r == NULL)
		return;
	a = r->arena;
	setara_credit__arena_free(&a);
}
