/*
 * Well-formedness of a W3C Verifiable Credential 2.0: the MUSTs of the
 * data model a reader can check on the JSON text alone (VC Data Model
 * 2.0, sections 4.3 to 4.12, 5.3 to 5.6, 11.1), without JSON-LD
 * processing and without fetching anything.
 *
 * The contexts a credential names are read as far as setara holds them
 * (vc/contexts.c): the terms of a shipped context are known, an inline
 * context's terms are read from the credential, and a context setara
 * does not hold may define anything.  That is enough to refuse a type
 * that no context defines (a term, not a URL, with no @vocab in force)
 * and an inline context redefining a protected term, as a JSON-LD
 * processor would; anything subtler is the processor's business, and the
 * JCS proofs never need it.
 *
 * The first rule broken is reported, named by its member
 * ("credentialSubject", "issuer.name"); the verifier's profile check
 * (setara_vc__profile_meaning(), called by vc/check.c) runs it on every
 * credential, and `setara vc check` on unsigned ones.
 */
#include <stdarg.h>
#include <string.h>

#include "vc_int.h"

/* At most this many contexts are read for their terms; a credential
 * naming more is refused (reading it as if it named a context setara
 * cannot read would let any term pass). */
#define MAX_DEFS 32

/* A context's term definitions: a shipped one (jansson's tree, its
 * terms found by hash) or the credential's inline one. */
typedef struct defs {
	const json_t *shipped;
	const setara_vc__jv *inline_ctx;
} defs;

typedef struct wf {
	setara_vc_wellformed_result *out;
	unsigned flags;
	defs defs[MAX_DEFS]; /* term definitions in force, in order */
	size_t ndefs;
	int lenient;   /* a context setara cannot read is in force */
	int vocab;     /* an @vocab is in force */
} wf;

static int refuse(wf *w, const char *rule, const char *fmt, ...)
	SETARA_PRINTF(3, 4);

/*
 * Record the broken rule; returns 1, the "not well-formed" answer.  The
 * reason quotes the credential's strings, so it is made printable (no
 * control character; no character cut by a quote's precision).
 */
static int refuse(wf *w, const char *rule, const char *fmt, ...)
{
	va_list ap;

	w->out->wellformed = 0;
	snprintf(w->out->rule, sizeof(w->out->rule), "%s", rule);
	va_start(ap, fmt);
	vsnprintf(w->out->reason, sizeof(w->out->reason), fmt, ap);
	va_end(ap);
	setara__printable(w->out->reason);
	return 1;
}

static int alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int digit(int c)
{
	return c >= '0' && c <= '9';
}

/*
 * A URL (an absolute IRI, RFC 3987): a scheme (RFC 3986 3.1), ':' and at
 * least one character, none of them white space, controls or the
 * characters URLs never hold unescaped.  "did:example:1", "urn:uuid:..."
 * and "https://..." are URLs; "https ://x", "fake-issuer" are not.
 */
static int is_url(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (s == NULL || !alpha(*p))
		return 0;
	while (alpha(*p) || digit(*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	if (*p != ':' || p[1] == '\0')
		return 0;
	for (p++; *p; p++) {
		if (*p <= 0x20 || *p == 0x7f)
			return 0;
		switch (*p) {
		case '<': case '>': case '"': case '{': case '}': case '|':
		case '\\': case '^': case '`':
			return 0;
		}
	}
	return 1;
}

static int leap(long long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int num(const char **s, int n)
{
	int v = 0;

	while (n-- > 0) {
		if (!digit(**s))
			return -1;
		v = v * 10 + (*(*s)++ - '0');
	}
	return v;
}

/*
 * An XML Schema 1.1 dateTimeStamp: -?YYYY-MM-DDThh:mm:ss(.s+)? and a
 * time zone, Z or +hh:mm / -hh:mm (at most 14:00), which dateTimeStamp
 * requires; 24:00:00 is the end of the day.  A year has four digits or
 * more (no leading zero then), at most nine here.  *t gets the seconds
 * since the epoch (UTC) and *ns the fraction's first nine digits.
 */
static int datetimestamp(const char *s, long long *t, long *ns)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
		31, 30, 31 };
	long long y = 0;
	int neg = 0, digits = 0, mo, d, h, mi, sec, k, tz = 0;

	*ns = 0;
	if (*s == '-') {
		neg = 1;
		s++;
	}
	if (*s == '0' && digit(s[1]) && digit(s[2]) && digit(s[3]) &&
	    digit(s[4]))
		return -1;
	while (digit(*s) && digits < 10) {
		y = y * 10 + (*s++ - '0');
		digits++;
	}
	if (digits < 4 || digits > 9 || *s++ != '-')
		return -1;
	if (neg)
		y = -y;
	if ((mo = num(&s, 2)) < 1 || mo > 12 || *s++ != '-' ||
	    (d = num(&s, 2)) < 1 ||
	    d > mdays[mo - 1] + (mo == 2 && leap(y)) || *s++ != 'T' ||
	    (h = num(&s, 2)) < 0 || h > 24 || *s++ != ':' ||
	    (mi = num(&s, 2)) < 0 || mi > 59 || *s++ != ':' ||
	    (sec = num(&s, 2)) < 0 || sec > 59)
		return -1;
	if (*s == '.') {
		s++;
		if (!digit(*s))
			return -1;
		for (k = 0; digit(*s); s++, k++)
			if (k < 9)
				*ns = *ns * 10 + (*s - '0');
		for (; k < 9; k++)
			*ns *= 10;
	}
	if (h == 24 && (mi != 0 || sec != 0 || *ns != 0))
		return -1;
	if (*s == 'Z') {
		s++;
	} else if (*s == '+' || *s == '-') {
		int sign = *s++ == '-' ? -1 : 1, th, tm;

		if ((th = num(&s, 2)) < 0 || th > 14 || *s++ != ':' ||
		    (tm = num(&s, 2)) < 0 || tm > 59 || (th == 14 && tm != 0))
			return -1;
		tz = sign * (th * 60 + tm);
	} else {
		return -1;  /* a dateTime without a time zone */
	}
	if (*s != '\0')
		return -1;
	*t = setara__days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 +
		sec - tz * 60;
	return 0;
}

/* A language tag's shape (BCP 47): letters, then subtags of letters and
 * digits, each one to eight long. */
static int language_tag(const char *s)
{
	size_t n;

	for (n = 0; alpha(s[n]); n++)
		;
	if (n < 1 || n > 8)
		return 0;
	for (s += n; *s == '-'; s += n) {
		for (s++, n = 0; alpha(s[n]) || digit(s[n]); n++)
			;
		if (n < 1 || n > 8)
			return 0;
	}
	return *s == '\0';
}

/* A language value object (VC 2.0, 11.1): @value, and optionally
 * @language and @direction, nothing else. */
static int language_value(const setara_vc__jv *v)
{
	const char *key;
	const setara_vc__jv *m;
	size_t i;

	if (!setara_vc__jis_string(setara_vc__jget(v, "@value")))
		return 0;
	setara_vc__jforeach(v, i, key, m) {
		if (strcmp(key, "@value") == 0)
			continue;
		if (strcmp(key, "@language") == 0) {
			if (!setara_vc__jis_string(m) ||
			    !language_tag(setara_vc__jstr(m)))
				return 0;
		} else if (strcmp(key, "@direction") == 0) {
			if (!setara_vc__jis_string(m) ||
			    (strcmp(setara_vc__jstr(m), "ltr") != 0 &&
			    strcmp(setara_vc__jstr(m), "rtl") != 0))
				return 0;
		} else {
			return 0;
		}
	}
	return 1;
}

/* name, description: a string, a language value object, or a list of
 * them (one per language). */
static int text(wf *w, const setara_vc__jv *o, const char *key, const char *rule)
{
	const setara_vc__jv *v = setara_vc__jget(o, key), *e;
	size_t i;

	if (v == NULL || setara_vc__jis_string(v))
		return 0;
	if (setara_vc__jis_object(v)) {
		if (language_value(v))
			return 0;
		return refuse(w, rule, "a language value object has @value, "
			"and optionally @language and @direction (ltr, rtl), "
			"nothing else");
	}
	if (setara_vc__jis_array(v) && setara_vc__jsize(v) > 0) {
		setara_vc__jarray_foreach(v, i, e)
			if (!setara_vc__jis_string(e) && !language_value(e))
				return refuse(w, rule, "entry %zu is neither a "
					"string nor a language value object",
					i + 1);
		return 0;
	}
	return refuse(w, rule, "neither a string nor a language value object");
}

/* ---- contexts --------------------------------------------------------- */

/* A term's definition in @d: 0 none, else 1 with *def (inline) or
 * *shipped set. */
static int def_get(const defs *d, const char *term,
	const setara_vc__jv **def, const json_t **shipped)
{
	*def = NULL;
	*shipped = NULL;
	if (d->shipped)
		*shipped = json_object_get(d->shipped, term);
	else
		*def = setara_vc__jget(d->inline_ctx, term);
	return *def != NULL || *shipped != NULL;
}

static int is_protected(const defs *d, const setara_vc__jv *def,
	const json_t *shipped)
{
	if (shipped) {
		const json_t *p = json_is_object(shipped) ?
			json_object_get(shipped, "@protected") : NULL;

		return p ? json_is_true(p) : json_is_true(json_object_get(
			d->shipped, "@protected"));
	} else {
		const setara_vc__jv *p = setara_vc__jis_object(def) ?
			setara_vc__jget(def, "@protected") : NULL;

		return p ? setara_vc__jis_true(p) : setara_vc__jis_true(
			setara_vc__jget(d->inline_ctx, "@protected"));
	}
}

/* An earlier definition @prev_def or @shipped, the same as @def? */
static int same_def(const setara_vc__jv *prev_def, const json_t *shipped,
	const setara_vc__jv *def, int *same)
{
	setara_vc__jdoc d = SETARA_VC__JDOC_INIT;

	if (prev_def) {
		*same = setara_vc__jequal(prev_def, def);
		return 0;
	}
	if (setara_vc__jdoc_from_json(&d, shipped) < 0)
		return SETARA_ENOMEM;
	*same = setara_vc__jequal(d.root, def);
	setara_vc__jdoc_dispose(&d);
	return 0;
}

static int add_defs(wf *w, const json_t *shipped,
	const setara_vc__jv *inline_ctx)
{
	if (w->ndefs == MAX_DEFS)
		return refuse(w, "@context", "more than %d contexts defining "
			"terms: setara reads no more", MAX_DEFS);
	w->defs[w->ndefs].shipped = shipped;
	w->defs[w->ndefs++].inline_ctx = inline_ctx;
	return 0;
}

/* An inline context (entry @i): its terms' definitions are IRIs or
 * objects, and none redefines a protected term differently. */
static int inline_context(wf *w, size_t i, const setara_vc__jv *ctx)
{
	const setara_vc__jv *def, *id, *prev;
	const json_t *shipped;
	const char *key, *s;
	size_t j, k;
	int same, error;

	setara_vc__jforeach(ctx, k, key, def) {
		if (key[0] == '@') {
			if (strcmp(key, "@vocab") == 0)
				w->vocab = !setara_vc__jis_null(def);
			continue;
		}
		if (!setara_vc__jis_null(def) && !setara_vc__jis_string(def) &&
		    !setara_vc__jis_object(def))
			return refuse(w, "@context", "entry %zu: the term "
				"'%.60s' is defined by neither an IRI nor an "
				"object", i + 1, key);
		id = setara_vc__jis_object(def) ? setara_vc__jget(def, "@id") :
			def;
		s = setara_vc__jstr(id);
		if (s && s[0] != '@' && strchr(s, ':') && !is_url(s))
			return refuse(w, "@context", "entry %zu: the term "
				"'%.60s' maps to '%.80s', which is not a URL",
				i + 1, key, s);
		for (j = w->ndefs; j-- > 0;) {
			if (!def_get(&w->defs[j], key, &prev, &shipped))
				continue;
			if (!is_protected(&w->defs[j], prev, shipped))
				break;
			if ((error = same_def(prev, shipped, def, &same)) < 0)
				return error;
			if (!same)
				return refuse(w, "@context", "entry %zu "
					"redefines '%.60s', a protected term "
					"of an earlier context", i + 1, key);
			break;
		}
	}
	return add_defs(w, NULL, ctx);
}

static int contexts(wf *w, const setara_vc__jv *doc)
{
	const setara_vc__jv *ctx = setara_vc__jget(doc, "@context"), *v;
	const setara_vc__context *c;
	const json_t *d;
	const char *s;
	size_t i;

	if (ctx == NULL)
		return refuse(w, "@context", "missing: a credential names "
			"its contexts, the first being %s",
			SETARA_VC_CONTEXT_V2);
	if (!setara_vc__jis_array(ctx) || (s = setara_vc__jstr(setara_vc__jat(
	    ctx, 0))) == NULL || strcmp(s, SETARA_VC_CONTEXT_V2) != 0)
		return refuse(w, "@context", "an ordered set (a JSON array) "
			"whose first entry is %s", SETARA_VC_CONTEXT_V2);
	setara_vc__jarray_foreach(ctx, i, v) {
		if (setara_vc__jis_object(v)) {
			if (inline_context(w, i, v))
				return 1;
			continue;
		}
		if (!setara_vc__jis_string(v))
			return refuse(w, "@context", "entry %zu is neither a "
				"URL nor a context object", i + 1);
		s = setara_vc__jstr(v);
		if (!is_url(s))
			return refuse(w, "@context", "entry %zu, '%.80s', is "
				"not a URL", i + 1, s);
		if (i > 0 && strcmp(s, SETARA_VC_CONTEXT_V2) == 0)
			continue;
		c = setara_vc__context_find(s);
		if ((d = setara_vc__context_doc(c)) != NULL) {
			if (add_defs(w, d, NULL))
				return 1;
			if (json_is_string(json_object_get(d, "@vocab")))
				w->vocab = 1;
		} else {
			w->lenient = 1;
		}
	}
	return 0;
}

/* A term defined by the contexts in force (the last definition counts;
 * a null one undefines it). */
static int defined(const wf *w, const char *term)
{
	const setara_vc__jv *d;
	const json_t *shipped;
	size_t i;

	if (w->lenient || w->vocab)
		return 1;
	for (i = w->ndefs; i-- > 0;)
		if (def_get(&w->defs[i], term, &d, &shipped))
			return d ? !setara_vc__jis_null(d) :
				!json_is_null(shipped);
	return 0;
}

/*
 * A type (VC 2.0, 4.5): one or more terms or absolute URLs; a term must
 * be defined.  @what names the place in the reason ("" or "entry 2: ").
 */
static int types(wf *w, const setara_vc__jv *t, const char *rule,
	const char *what)
{
	const char *tp = what[0] ? "type: " : "";
	const setara_vc__jv *e;
	const char *s;
	size_t i, n;

	if (t == NULL)
		return refuse(w, rule, "%sno type (the data model requires "
			"one)", what);
	if (!setara_vc__jis_string(t) && (!setara_vc__jis_array(t) ||
	    setara_vc__jsize(t) == 0))
		return refuse(w, rule, "%s%sone or more terms or URLs "
			"(strings)", what, tp);
	n = setara_vc__jis_array(t) ? setara_vc__jsize(t) : 1;
	for (i = 0; i < n; i++) {
		e = setara_vc__jis_array(t) ? setara_vc__jat(t, i) : t;
		if ((s = setara_vc__jstr(e)) == NULL || !*s)
			return refuse(w, rule, "%s%sentry %zu is not a term or "
				"URL", what, tp, i + 1);
		if (strchr(s, ':') ? !is_url(s) : !defined(w, s))
			return refuse(w, rule, "%s%s'%.60s' is neither a URL "
				"nor a term any context defines", what, tp, s);
	}
	return 0;
}

/* An id (VC 2.0, 4.4): when present, a single URL. */
static int id_ok(const setara_vc__jv *o)
{
	const setara_vc__jv *id = setara_vc__jget(o, "id");

	return id == NULL || is_url(setara_vc__jstr(id));
}

/*
 * @key's objects: one object or a non-empty list; each with a type
 * (VC 2.0, 4.5: credentialStatus, credentialSchema, evidence,
 * refreshService, termsOfUse; Data Integrity: proof) and, when it has an
 * id, a single URL; @need_id: the id is required (credentialSchema).
 */
static int typed_objects(wf *w, const setara_vc__jv *doc, const char *key,
	int need_id)
{
	const setara_vc__jv *v = setara_vc__jget(doc, key), *e;
	char what[32];
	size_t i, n;

	if (v == NULL)
		return 0;
	if (setara_vc__jis_array(v) && setara_vc__jsize(v) == 0)
		return refuse(w, key, "an empty list");
	n = setara_vc__jis_array(v) ? setara_vc__jsize(v) : 1;
	for (i = 0; i < n; i++) {
		e = setara_vc__jis_array(v) ? setara_vc__jat(v, i) : v;
		snprintf(what, sizeof(what), "entry %zu: ", i + 1);
		if (!setara_vc__jis_object(e))
			return refuse(w, key, "%snot an object", what);
		if (types(w, setara_vc__jget(e, "type"), key, what))
			return 1;
		if (need_id && setara_vc__jget(e, "id") == NULL)
			return refuse(w, key, "%sno id (the data model "
				"requires a URL)", what);
		if (!id_ok(e))
			return refuse(w, key, "%sid: not a single URL", what);
	}
	return 0;
}

/* relatedResource (VC 2.0, 5.3): objects with a unique URL id and a
 * digestSRI or digestMultibase.  The ids seen are kept in an object, so
 * that a long hostile list costs linear time. */
static int related(wf *w, const setara_vc__jv *doc)
{
	const setara_vc__jv *v = setara_vc__jget(doc, "relatedResource"), *e;
	json_t *seen;
	const char *id;
	size_t i, n;
	int r = 0;

	if (v == NULL)
		return 0;
	if (setara_vc__jis_array(v) && setara_vc__jsize(v) == 0)
		return refuse(w, "relatedResource", "an empty list");
	if ((seen = json_object()) == NULL)
		return SETARA_ENOMEM;
	n = setara_vc__jis_array(v) ? setara_vc__jsize(v) : 1;
	for (i = 0; i < n && r == 0; i++) {
		e = setara_vc__jis_array(v) ? setara_vc__jat(v, i) : v;
		id = setara_vc__jstr(setara_vc__jget(e, "id"));
		if (!setara_vc__jis_object(e))
			r = refuse(w, "relatedResource", "entry %zu: not an "
				"object", i + 1);
		else if (!is_url(id))
			r = refuse(w, "relatedResource", "entry %zu: id "
				"must be a URL", i + 1);
		else if (json_object_get(seen, id))
			r = refuse(w, "relatedResource", "entry %zu: an id "
				"given before", i + 1);
		else if (!setara_vc__jis_string(setara_vc__jget(e, "digestSRI")) &&
		    !setara_vc__jis_string(setara_vc__jget(e, "digestMultibase")))
			r = refuse(w, "relatedResource", "entry %zu: neither "
				"digestSRI nor digestMultibase", i + 1);
		else if (json_object_set_new(seen, id, json_null()) < 0)
			r = SETARA_ENOMEM;
	}
	json_decref(seen);
	return r;
}

static int issuer(wf *w, const setara_vc__jv *doc)
{
	const setara_vc__jv *v = setara_vc__jget(doc, "issuer"), *id;
	int input = (w->flags & SETARA_VC_WELLFORMED_INPUT) != 0;

	if (v == NULL)
		return input ? 0 : refuse(w, "issuer", "missing (a URL, or "
			"an object whose id is a URL)");
	if (setara_vc__jis_string(v))
		return is_url(setara_vc__jstr(v)) ? 0 : refuse(w, "issuer",
			"'%.80s' is not a URL", setara_vc__jstr(v));
	if (!setara_vc__jis_object(v))
		return refuse(w, "issuer", "neither a URL nor an object");
	id = setara_vc__jget(v, "id");
	if (id == NULL && !input)
		return refuse(w, "issuer", "an object without an id (a URL)");
	if (id && !is_url(setara_vc__jstr(id)))
		return refuse(w, "issuer", "its id must be a URL");
	return text(w, v, "name", "issuer.name") ||
		text(w, v, "description", "issuer.description");
}

static int subjects(wf *w, const setara_vc__jv *doc)
{
	const setara_vc__jv *v = setara_vc__jget(doc, "credentialSubject"), *e;
	size_t i, n;

	if (v == NULL)
		return refuse(w, "credentialSubject", "missing");
	if (setara_vc__jis_array(v) && setara_vc__jsize(v) == 0)
		return refuse(w, "credentialSubject", "an empty list");
	n = setara_vc__jis_array(v) ? setara_vc__jsize(v) : 1;
	for (i = 0; i < n; i++) {
		e = setara_vc__jis_array(v) ? setara_vc__jat(v, i) : v;
		if (!setara_vc__jis_object(e))
			return refuse(w, "credentialSubject", "entry %zu is "
				"not an object", i + 1);
		if (e->n == 0)
			return refuse(w, "credentialSubject", "entry %zu "
				"makes no claim (an empty object)", i + 1);
		if (!id_ok(e))
			return refuse(w, "credentialSubject", "entry %zu: id "
				"must be a single URL", i + 1);
	}
	return 0;
}

static int validity(wf *w, const setara_vc__jv *doc)
{
	const setara_vc__jv *from = setara_vc__jget(doc, "validFrom");
	const setara_vc__jv *until = setara_vc__jget(doc, "validUntil");
	long long tf = 0, tu = 0;
	long nf = 0, nu = 0;

	if (from && (!setara_vc__jis_string(from) || datetimestamp(
	    setara_vc__jstr(from), &tf, &nf) < 0))
		return refuse(w, "validFrom", "not an XML Schema "
			"dateTimeStamp (a date, a time and a time zone, as "
			"2026-11-23T10:00:00Z)");
	if (until && (!setara_vc__jis_string(until) || datetimestamp(
	    setara_vc__jstr(until), &tu, &nu) < 0))
		return refuse(w, "validUntil", "not an XML Schema "
			"dateTimeStamp (a date, a time and a time zone, as "
			"2026-11-23T10:00:00Z)");
	if (from && until && (tu < tf || (tu == tf && nu < nf)))
		return refuse(w, "validUntil", "earlier than validFrom");
	return 0;
}

int setara_vc__wellformed_tree(setara_vc_wellformed_result *out,
	const setara_vc__jv *doc, unsigned flags)
{
	wf w;
	const setara_vc__jv *t, *e;
	size_t i;
	int vc = 0, r;

	memset(out, 0, sizeof(*out));
	memset(&w, 0, sizeof(w));
	w.out = out;
	w.flags = flags;
	out->wellformed = 1;
	if (!setara_vc__jis_object(doc))
		return refuse(&w, "credential", "not a JSON object");
	if (contexts(&w, doc))
		return 1;
	if (!id_ok(doc))
		return refuse(&w, "id", "not a single URL");
	t = setara_vc__jget(doc, "type");
	if (types(&w, t, "type", ""))
		return 1;
	if (setara_vc__jis_string(t))
		vc = strcmp(setara_vc__jstr(t), "VerifiableCredential") == 0;
	setara_vc__jarray_foreach(t, i, e)
		vc |= setara_vc__jis_string(e) && strcmp(setara_vc__jstr(e),
			"VerifiableCredential") == 0;
	if (!vc)
		return refuse(&w, "type", "VerifiableCredential is not among "
			"the types");
	if (issuer(&w, doc) || subjects(&w, doc) || validity(&w, doc) ||
	    text(&w, doc, "name", "name") ||
	    text(&w, doc, "description", "description") ||
	    typed_objects(&w, doc, "credentialStatus", 0) ||
	    typed_objects(&w, doc, "credentialSchema", 1) ||
	    typed_objects(&w, doc, "evidence", 0) ||
	    typed_objects(&w, doc, "refreshService", 0) ||
	    typed_objects(&w, doc, "termsOfUse", 0))
		return 1;
	if ((r = related(&w, doc)) != 0)
		return r;
	return typed_objects(&w, doc, "proof", 0);
}

int setara_vc__wellformed_doc(setara_vc_wellformed_result *out,
	const json_t *doc, unsigned flags)
{
	setara_vc__jdoc d = SETARA_VC__JDOC_INIT;
	int error;

	memset(out, 0, sizeof(*out));
	if ((error = setara_vc__jdoc_from_json(&d, doc)) == 0)
		error = setara_vc__wellformed_tree(out, d.root, flags);
	setara_vc__jdoc_dispose(&d);
	return error;
}

int setara_vc__profile_meaning_tree(char *why, size_t n,
	const setara_vc__jv *doc)
{
	setara_vc_wellformed_result r;
	int error;

	if ((error = setara_vc__wellformed_tree(&r, doc, 0)) < 0)
		return error;
	if (error) {
		snprintf(why, n, "not well-formed VC 2.0: %s: %s", r.rule,
			r.reason);
		return 1;
	}
	return setara_vc__contexts_profile(why, n, doc);
}

int setara_vc__profile_meaning(char *why, size_t n, const json_t *doc)
{
	setara_vc__jdoc d = SETARA_VC__JDOC_INIT;
	int error;

	if ((error = setara_vc__jdoc_from_json(&d, doc)) == 0)
		error = setara_vc__profile_meaning_tree(why, n, d.root);
	setara_vc__jdoc_dispose(&d);
	return error;
}

int setara_vc_wellformed(setara_vc_wellformed_result *out, const char *json,
	size_t len, const char *name, unsigned flags)
{
	setara_vc__jdoc doc = SETARA_VC__JDOC_INIT;
	int error;

	SETARA_ASSERT_ARG(out && (json || len == 0));
	memset(out, 0, sizeof(*out));
	if ((error = setara_vc__jdoc_load(&doc, json ? json : "", len,
	    name)) == 0)
		error = setara_vc__wellformed_tree(out, doc.root, flags);
	setara_vc__jdoc_dispose(&doc);
	return error < 0 ? error : 0;
}
