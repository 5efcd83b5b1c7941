/*
 * Nothing wrong gets signed: a built document checked against the
 * reference data in the store, and against the signer, before it is
 * registered and signed.
 *
 *   issuer       the signer certificate is the issuer's: with a trust list,
 *                bound to the issuer the document names and accredited
 *                for its type, frameworks and levels (the verifier's own
 *                issuer check); without one, a certificate whose common
 *                name is an issuer id (the convention of certs/mkpki and
 *                docs/trust.md) must name the document's issuer
 *   levels       every qualification's national level exists and its AQRF
 *                level is the one the referencing gives (the verifier's
 *                consistency check)
 *   transcripts  the programme's credit system and grade scale are known;
 *                every grade is on its scale, with the points the scale
 *                gives it; with a conversion, the target system and scale
 *                are known, every converted grade is on the target scale
 *                and is the grade setara computes by the stated method,
 *                and every converted credit value lies in what setara
 *                computes by hours or load share (a range when a system
 *                defines its credit by a range of hours)
 *
 * Answers are kept per check for the life of the checker, so that a
 * batch of transcripts repeating the same grades and credit values asks
 * the store once for each.  A refusal is a data error (exit 3) naming the
 * file, the line and the field, with the difference.
 */
#include <string.h>

#include "cred_int.h"
#include "setara/credit.h"
#include "util/dec.h"

#define MEMO_MAX 4096

typedef struct memo {
	char *key;
	int error;       /* 0, or the error code the check gave */
	char *a, *b;     /* answers (converted grade; low and high) */
	char *message;   /* the error's message */
} memo;

struct setara_cred__refcheck {
	setara_store *st;
	const setara_trust *trust;
	setara_cred__levels *levels;
	setara_cred__certcache *certs;
	memo *m;
	size_t n;
};

int setara_cred__refcheck_new(setara_cred__refcheck **out, setara_store *st,
	const setara_trust *trust)
{
	setara_cred__refcheck *rc;
	int error = 0;

	*out = NULL;
	if ((rc = setara__calloc(1, sizeof(*rc))) == NULL)
		return SETARA_ENOMEM;
	rc->st = st;
	rc->trust = trust;
	if ((rc->m = setara__calloc(MEMO_MAX, sizeof(*rc->m))) == NULL)
		error = SETARA_ENOMEM;
	else if ((error = setara_cred__levels_new(&rc->levels)) == 0)
		error = setara_cred__certcache_new(&rc->certs);
	if (error < 0) {
		setara_cred__refcheck_free(rc);
		return error;
	}
	*out = rc;
	return 0;
}

void setara_cred__refcheck_free(setara_cred__refcheck *rc)
{
	size_t i;

	if (rc == NULL)
		return;
	for (i = 0; i < rc->n; i++) {
		setara__free(rc->m[i].key);
		setara__free(rc->m[i].a);
		setara__free(rc->m[i].b);
		setara__free(rc->m[i].message);
	}
	setara__free(rc->m);
	setara_cred__levels_free(rc->levels);
	setara_cred__certcache_free(rc->certs);
	setara__free(rc);
}

/* ---- remembered answers ------------------------------------------------ */

static memo *memo_find(setara_cred__refcheck *rc, const char *key)
{
	size_t i;

	for (i = 0; i < rc->n; i++)
		if (strcmp(rc->m[i].key, key) == 0)
			return &rc->m[i];
	return NULL;
}

/*
 * Keep the answer to @key in *out: @error is 0 (with the values @a and @b,
 * either NULL), SETARA_ENOTFOUND or SETARA_EINVALID (the values are not
 * kept, the error's message is).  Any other @error is the question
 * failing: returned, nothing kept.  Out of room, the memo is @tmp.
 */
static int memo_keep(setara_cred__refcheck *rc, const char *key, int error,
	const char *a, const char *b, memo *tmp, memo **out)
{
	memo *m = rc->n < MEMO_MAX ? &rc->m[rc->n] : tmp;

	if (error < 0 && error != SETARA_ENOTFOUND && error != SETARA_EINVALID)
		return error;
	if (error < 0)
		a = b = NULL;
	memset(m, 0, sizeof(*m));
	m->error = error;
	if ((m->key = setara__strdup(key)) == NULL ||
	    (a && (m->a = setara__strdup(a)) == NULL) ||
	    (b && (m->b = setara__strdup(b)) == NULL) ||
	    (error < 0 && (m->message = setara__strdup(
	    setara_error_last()->message)) == NULL)) {
		/* Not kept: what was copied goes. */
		setara__free(m->key);
		setara__free(m->a);
		setara__free(m->b);
		memset(m, 0, sizeof(*m));
		return SETARA_ENOMEM;
	}
	if (error < 0)
		setara_error_clear();
	if (m != tmp)
		rc->n++;
	*out = m;
	return 0;
}

static void memo_dispose(memo *m, memo *tmp)
{
	if (m != tmp)
		return;
	setara__free(m->key);
	setara__free(m->a);
	setara__free(m->b);
	setara__free(m->message);
}

/* A data error at @n's line for @field.  No argument may point into the
 * last error, which this replaces. */
static int refuse(const char *name, xmlNodePtr n, const char *field,
	const char *fmt, ...) SETARA_PRINTF(4, 5);

static int refuse(const char *name, xmlNodePtr n, const char *field,
	const char *fmt, ...)
{
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = setara_error__vset(SETARA_EINVALID, SETARA_ERROR_DATA, name,
		n ? (int)xmlGetLineNo(n) : 0, field, fmt, ap);
	va_end(ap);
	return error;
}

/* ---- the questions ----------------------------------------------------- */

/* Is @grade on @scale; *points its points there ("" when none). */
static int grade_on(setara_cred__refcheck *rc, const char *scale,
	const char *grade, const memo **out, memo *tmp)
{
	char *key, points[SETARA_GRADE_POINTS_BUFSIZE];
	memo *m;
	int error = 0;

	if ((key = setara__asprintf("g\x1f%s\x1f%s", scale, grade)) == NULL)
		return SETARA_ENOMEM;
	if ((m = memo_find(rc, key)) == NULL)
		error = memo_keep(rc, key, setara_grade_find(rc->st, scale,
			grade, points), points, NULL, tmp, &m);
	if (error == 0)
		*out = m;
	setara__free(key);
	return error;
}

static int grade_method(setara_grade_method *out, const char *m)
{
	*out = strcmp(m, "table") == 0 ? SETARA_GRADE_TABLE :
		strcmp(m, "distribution") == 0 ? SETARA_GRADE_DISTRIBUTION :
		SETARA_GRADE_LINEAR;
	return 0;
}

/* The grade setara computes for @grade from @from to @to by @method. */
static int grade_conv(setara_cred__refcheck *rc, const char *from,
	const char *to, const char *method, const char *isced,
	const char *grade, const memo **out, memo *tmp)
{
	setara_grade_convert_options o = SETARA_GRADE_CONVERT_OPTIONS_INIT;
	setara_grade_result *r = NULL;
	char *key;
	memo *m;
	int error = 0;

	if ((key = setara__asprintf("c\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s", from,
	    to, method, isced ? isced : "", grade)) == NULL)
		return SETARA_ENOMEM;
	if ((m = memo_find(rc, key)) == NULL) {
		grade_method(&o.method, method);
		o.isced = isced;
		error = setara_grade_convert(&r, rc->st, from, to, grade, &o);
		error = memo_keep(rc, key, error, r ? r->converted : NULL,
			NULL, tmp, &m);
		setara_grade_result_free(r);
	}
	if (error == 0)
		*out = m;
	setara__free(key);
	return error;
}

/* The credits setara computes for @amount from @from to @to. */
static int credit_conv(setara_cred__refcheck *rc, const char *from,
	const char *to, const char *method, const char *amount,
	const memo **out, memo *tmp)
{
	setara_credit_convert_options o = SETARA_CREDIT_CONVERT_OPTIONS_INIT;
	setara_credit_result *r = NULL;
	char *key;
	memo *m;
	int error = 0;

	if ((key = setara__asprintf("k\x1f%s\x1f%s\x1f%s\x1f%s", from, to,
	    method, amount)) == NULL)
		return SETARA_ENOMEM;
	if ((m = memo_find(rc, key)) == NULL) {
		o.method = strcmp(method, "hours") == 0 ? SETARA_CREDIT_HOURS :
			SETARA_CREDIT_LOAD;
		error = setara_credit_convert(&r, rc->st, from, to, amount,
			&o);
		error = memo_keep(rc, key, error, r ? r->value : NULL, r ?
			(r->value_max ? r->value_max : r->value) : NULL, tmp,
			&m);
		setara_credit_result_free(r);
	}
	if (error == 0)
		*out = m;
	setara__free(key);
	return error;
}

/* -1, 0, 1 as decimal @a is below, equal to, above @b; -2 unreadable. */
static int dec_cmp(const char *a, const char *b)
{
	setara__dec x, y;

	if (setara__dec_parse(&x, a) < 0 || setara__dec_parse(&y, b) < 0) {
		setara_error_clear();
		return -2;
	}
	return setara__dec_cmp(x, y);
}

/* ---- transcripts ------------------------------------------------------- */

typedef struct tctx {
	setara_cred__refcheck *rc;
	const char *name;
	char *psys, *pscale, *isced;        /* programme */
	char *csys, *cmethod, *cscale, *gmethod; /* conversion, or NULL */
	xmlNodePtr prog, conv;
} tctx;

static int course_grade(tctx *c, xmlNodePtr course, const char *grade)
{
	memo tmp;
	const memo *m;
	char *points = setara__xml_attr(course, "points");
	int error;

	if ((error = grade_on(c->rc, c->pscale, grade, &m, &tmp)) < 0)
		goto done;
	if (m->error < 0)
		error = refuse(c->name, course, "grade", "%s", m->message);
	else if (points && m->a[0] && dec_cmp(points, m->a) != 0)
		error = refuse(c->name, course, "points", "grade '%s' has %s "
			"points on scale '%s', the record says %s", grade,
			m->a, c->pscale, points);
	memo_dispose((memo *)m, &tmp);
done:
	xmlFree(points);
	return error;
}

static int course_converted(tctx *c, const char *grade,
	const char *credits, xmlNodePtr conv)
{
	memo tmp;
	const memo *m;
	char *cg = setara__xml_attr(conv, "grade");
	char *cc = setara__xml_attr(conv, "credits");
	int error = 0;

	if (cg == NULL || cc == NULL)
		goto done;
	/* the converted grade is on the target scale ... */
	if ((error = grade_on(c->rc, c->cscale, cg, &m, &tmp)) < 0)
		goto done;
	if (m->error < 0)
		error = refuse(c->name, conv, "grade", "%s", m->message);
	memo_dispose((memo *)m, &tmp);
	if (error < 0)
		goto done;
	/* ... and is what the stated method gives */
	if ((error = grade_conv(c->rc, c->pscale, c->cscale, c->gmethod,
	    c->isced, grade, &m, &tmp)) < 0)
		goto done;
	if (m->error < 0)
		error = refuse(c->name, conv, "grade", "'%s' (%s) cannot be "
			"converted to %s by %s, so the stated '%s' cannot be "
			"checked: %s", grade, c->pscale, c->cscale, c->gmethod,
			cg, m->message);
	else if (strcmp(m->a, cg) != 0)
		error = refuse(c->name, conv, "grade", "'%s' (%s) converts to "
			"'%s' (%s) by %s; the record says '%s'", grade,
			c->pscale, m->a, c->cscale, c->gmethod, cg);
	memo_dispose((memo *)m, &tmp);
	if (error < 0 || strcmp(c->cmethod, "table") == 0)
		goto done;
	/* the converted credits lie in what the systems give */
	if ((error = credit_conv(c->rc, c->psys, c->csys, c->cmethod, credits,
	    &m, &tmp)) < 0)
		goto done;
	if (m->error < 0)
		error = refuse(c->name, conv, "credits", "%s %s cannot be "
			"converted to %s by %s, so the stated %s cannot be "
			"checked: %s", credits, c->psys, c->csys, c->cmethod,
			cc, m->message);
	else if (dec_cmp(cc, m->a) < 0 || dec_cmp(cc, m->b) > 0)
		error = refuse(c->name, conv, "credits", "%s %s converts to "
			"%s%s%s %s by %s; the record says %s", credits,
			c->psys, m->a, strcmp(m->a, m->b) ? " to " : "",
			strcmp(m->a, m->b) ? m->b : "", c->csys, c->cmethod,
			cc);
	memo_dispose((memo *)m, &tmp);
done:
	xmlFree(cg);
	xmlFree(cc);
	return error;
}

static int known_system(tctx *c, xmlNodePtr at, const char *sys)
{
	const memo *m;
	memo tmp;
	int error;

	/* a system converts to itself exactly when it is known */
	if ((error = credit_conv(c->rc, sys, sys, "hours", "1", &m, &tmp)) < 0)
		return error;
	if (m->error == SETARA_ENOTFOUND)
		error = refuse(c->name, at, "creditSystem", "%s", m->message);
	memo_dispose((memo *)m, &tmp);
	return error;
}

static int known_scale(tctx *c, xmlNodePtr at, const char *scale)
{
	int error = setara_grade_find(c->rc->st, scale, "\x1f", NULL);
	char *why;

	if (error == SETARA_ENOTFOUND) {
		/* refuse() replaces the last error: keep its words first */
		if ((why = setara__strdup(setara_error_last()->message)) ==
		    NULL)
			return SETARA_ENOMEM;
		error = refuse(c->name, at, "gradeScale", "%s", why);
		setara__free(why);
		return error;
	}
	if (error == SETARA_EINVALID) {
		setara_error_clear();
		return 0;
	}
	return error;
}

static int check_transcript(setara_cred__refcheck *rc, xmlNodePtr root,
	const char *name)
{
	tctx c;
	xmlNodePtr term, course;
	char *grade, *credits;
	int error;

	memset(&c, 0, sizeof(c));
	c.rc = rc;
	c.name = name;
	c.prog = setara__xml_child(root, SETARA_NS_DOC, "programme");
	c.conv = setara__xml_child(root, SETARA_NS_DOC, "conversion");
	c.psys = setara__xml_attr(c.prog, "creditSystem");
	c.pscale = setara__xml_attr(c.prog, "gradeScale");
	c.isced = setara__xml_attr(c.prog, "iscedF");
	if (c.conv) {
		c.csys = setara__xml_attr(c.conv, "creditSystem");
		c.cmethod = setara__xml_attr(c.conv, "creditMethod");
		c.cscale = setara__xml_attr(c.conv, "gradeScale");
		c.gmethod = setara__xml_attr(c.conv, "gradeMethod");
	}
	if (c.psys == NULL || c.pscale == NULL || (c.conv && (c.csys == NULL ||
	    c.cmethod == NULL || c.cscale == NULL || c.gmethod == NULL))) {
		error = refuse(name, c.prog, NULL, "the programme or the "
			"conversion lacks its credit system or grade scale");
		goto done;
	}
	if ((error = known_system(&c, c.prog, c.psys)) < 0 ||
	    (error = known_scale(&c, c.prog, c.pscale)) < 0 ||
	    (c.conv && ((error = known_system(&c, c.conv, c.csys)) < 0 ||
	    (error = known_scale(&c, c.conv, c.cscale)) < 0)))
		goto done;
	for (term = setara__xml_child(root, SETARA_NS_DOC, "term");
	    term && error == 0;
	    term = setara__xml_next(term, SETARA_NS_DOC, "term"))
		for (course = setara__xml_child(term, SETARA_NS_DOC, "course");
		    course && error == 0; course = setara__xml_next(course,
		    SETARA_NS_DOC, "course")) {
			xmlNodePtr conv = setara__xml_child(course,
				SETARA_NS_DOC, "converted");

			grade = setara__xml_attr(course, "grade");
			credits = setara__xml_attr(course, "credits");
			if (grade && credits) {
				error = course_grade(&c, course, grade);
				if (error == 0 && conv && c.conv)
					error = course_converted(&c, grade,
						credits, conv);
			}
			xmlFree(grade);
			xmlFree(credits);
		}
done:
	xmlFree(c.psys);
	xmlFree(c.pscale);
	xmlFree(c.isced);
	xmlFree(c.csys);
	xmlFree(c.cmethod);
	xmlFree(c.cscale);
	xmlFree(c.gmethod);
	return error;
}

/* ---- issuer and levels -------------------------------------------------- */

/* The signer's certificates as a verifier would read them. */
static int signer_certs(setara_cred__refcheck *rc, const setara_signer *s,
	setara_cred__certs *out)
{
	setara_buf der[SETARA_CRED_MAX_CERTS];
	const char *why = NULL;
	size_t i;
	int error = 0;

	memset(der, 0, sizeof(der));
	for (i = 0; i < s->ncerts && error == 0; i++)
		error = setara__base64_decode(&der[i], s->certs_b64[i],
			strlen(s->certs_b64[i]), 0);
	if (error == 0)
		error = setara_cred__certs_parse(out, rc->certs, der,
			s->ncerts, &why);
	if (error == 0 && why)
		error = setara_error__data(NULL, 0, "--cert", "%s", why);
	for (i = 0; i < SETARA_CRED_MAX_CERTS; i++)
		setara_buf_dispose(&der[i]);
	return error;
}

int setara_cred__signer_named(const setara_signer *s, const char *issuer,
	const char *name, const char *what)
{
	char cn[128];
	size_t i;
	int n;

	n = setara_cred__signer_cn(s, cn, sizeof(cn));
	if (n <= 0)
		return 0;
	/* An issuer id: lower case, a country code, '-', the rest. */
	if (n < 4 || cn[2] != '-')
		return 0;
	for (i = 0; cn[i]; i++)
		if (!((cn[i] >= 'a' && cn[i] <= 'z') ||
		    (cn[i] >= '0' && cn[i] <= '9') || cn[i] == '-'))
			return 0;
	if (strcmp(cn, issuer) == 0)
		return 0;
	return setara_error__data(name, 0, "issuer", "%s names issuer %s, "
		"but the signing certificate is %s's (CN=%s): sign with %s's "
		"key, or correct the issuer", what, issuer, cn, cn, issuer);
}

/* Without a trust list: a certificate named for an issuer id is that
 * issuer's, and signs for no other. */
static int issuer_by_name(const setara_signer *s,
	const setara_cred__header *h, const char *name)
{
	return setara_cred__signer_named(s, h->issuer_id, name,
		"the document");
}

int setara_cred__refcheck_doc(setara_cred__refcheck *rc, xmlDocPtr doc,
	const setara_cred__type *t, const setara_signer *signer,
	const char *name)
{
	setara_cred__header h;
	setara_cred__certs certs;
	char *reason = NULL;
	int status, error;

	memset(&h, 0, sizeof(h));
	memset(&certs, 0, sizeof(certs));
	if ((error = setara_cred__header_read(&h, doc, name)) < 0)
		return error;
	if (rc->trust) {
		if ((error = signer_certs(rc, signer, &certs)) < 0 ||
		    (error = setara_cred__trust_issuer(rc->trust, &h, &certs,
		    &status, &reason)) < 0)
			goto done;
		if (status != SETARA_CHECK_PASS) {
			error = setara_error__data(name, 0, "issuer", "%s "
				"(the trust list would not accept it)",
				reason);
			goto done;
		}
		setara__free(reason);   /* the pass's own description */
		reason = NULL;
	} else if ((error = issuer_by_name(signer, &h, name)) < 0) {
		goto done;
	}
	if (rc->st == NULL)
		goto done;
	if (h.nclaims) {
		if ((error = setara_cred__levels_check(rc->levels, rc->st, &h,
		    &status, &reason)) < 0)
			goto done;
		if (status != SETARA_CHECK_PASS) {
			error = setara_error__data(name, h.claims[0].line,
				"level", "%s", reason);
			goto done;
		}
	}
	if (t->type == SETARA_DOC_TRANSCRIPT)
		error = check_transcript(rc, xmlDocGetRootElement(doc), name);
done:
	setara__free(reason);
	if (certs.n)
		setara_cred__certs_dispose(&certs);
	setara_cred__header_dispose(&h);
	return error;
}
