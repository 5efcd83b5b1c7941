/*
 * The MRS decision as pure functions: the level step (a credential's AQRF
 * range against the level an occupation requires), the coverage of the
 * occupation's competency units through the unit-equivalence tables, the
 * credential's own validity dates, and the outcome with its reasons.
 *
 * The rules follow the ASEAN MRS practice: two national standards are
 * compared through a regional benchmark (the ILO RMCS, the ACCSTP), and an
 * AQRF level match alone is information, never recognition (AQRF
 * "information tool"; domain notes 4.4).
 */
#include <stdarg.h>
#include <string.h>

#include "mrs_int.h"

static const char *const coverage_names[] = {
	[SETARA_MRS_COV_NONE] = "none",
	[SETARA_MRS_COV_PARTIAL] = "partial",
	[SETARA_MRS_COV_FULL] = "full"
};

const char *setara_mrs__coverage_name(int cov)
{
	return setara__name_of(coverage_names,
		SETARA_NAMES_COUNT(coverage_names), cov, "none");
}

static const char *const level_result_names[] = {
	[SETARA_MRS_LEVEL_MET] = "met",
	[SETARA_MRS_LEVEL_TOO_LOW] = "too-low",
	[SETARA_MRS_LEVEL_UNCERTAIN] = "uncertain",
	[SETARA_MRS_LEVEL_UNKNOWN] = "unknown"
};

const char *setara_mrs__level_result_name(int result)
{
	return setara__name_of(level_result_names,
		SETARA_NAMES_COUNT(level_result_names), result, "unknown");
}

static setara_confidence conf_min(setara_confidence a, setara_confidence b)
{
	return a < b ? a : b;
}

static int has_code(const char *const *codes, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (codes[i] && strcmp(codes[i], code) == 0)
			return 1;
	return 0;
}

const setara_mrs__unit *setara_mrs__find_unit(
	const setara_mrs__standard *s, const char *code)
{
	size_t i;

	for (i = 0; s && i < s->nunits; i++)
		if (strcmp(s->units[i].code, code) == 0)
			return &s->units[i];
	return NULL;
}

void setara_mrs__coverage_dispose(setara_mrs__coverage *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nunits; i++) {
		setara__free(c->units[i].basis);
		setara__free(c->units[i].close);
	}
	setara__free(c->units);
	memset(c, 0, sizeof(*c));
}

/* The best path found so far for one host unit. */
typedef struct path {
	int cov;
	setara_confidence conf;
	setara_buf text;
} path;

/* Keep @cov/@conf/@text when better than @p: more coverage, then more
 * confidence. */
static int offer(path *p, int cov, setara_confidence conf,
	const char *fmt, ...) SETARA_PRINTF(4, 5);

static int offer(path *p, int cov, setara_confidence conf,
	const char *fmt, ...)
{
	va_list ap;
	int error;

	if (cov == SETARA_MRS_COV_NONE || cov < p->cov ||
	    (cov == p->cov && conf <= p->conf))
		return 0;
	p->cov = cov;
	p->conf = conf;
	setara_buf_clear(&p->text);
	va_start(ap, fmt);
	error = setara_buf_vprintf(&p->text, fmt, ap);
	va_end(ap);
	return error;
}

/*
 * How well the credential covers benchmark unit @rcode of standard @rstd:
 * listed on the credential itself, or mapped from a credential unit by a
 * table home->rstd.  Fills @cov, @conf and a short description in @how.
 */
static int bench_cover(int *cov, setara_confidence *conf, setara_buf *how,
	const char *rstd, const char *rcode,
	const setara_mrs__standard *home, const setara_mrs__table *tables,
	size_t ntables, const char *const *codes, size_t n)
{
	size_t t, m;
	int error = 0;

	*cov = SETARA_MRS_COV_NONE;
	*conf = SETARA_CONFIDENCE_UNKNOWN;
	setara_buf_clear(how);
	if (has_code(codes, n, rcode)) {
		*cov = SETARA_MRS_COV_FULL;
		*conf = SETARA_CONFIDENCE_HIGH;
		return setara_buf_printf(how, "%s (on the credential)",
			rcode);
	}
	if (home == NULL)
		return 0;
	for (t = 0; t < ntables; t++) {
		const setara_mrs__table *tb = &tables[t];

		if (strcmp(tb->from, home->id) != 0 ||
		    strcmp(tb->to, rstd) != 0)
			continue;
		for (m = 0; m < tb->nmaps; m++) {
			const setara_mrs__map *mp = &tb->maps[m];
			setara_confidence c = conf_min(mp->conf, tb->conf);

			if (strcmp(mp->to, rcode) != 0 ||
			    !has_code(codes, n, mp->from))
				continue;
			if (mp->coverage < *cov ||
			    (mp->coverage == *cov && c <= *conf))
				continue;
			*cov = mp->coverage;
			*conf = c;
			setara_buf_clear(how);
			error = setara_buf_printf(how, "%s -> %s:%s (%s, "
				"table %s, %s)", mp->from, rstd, rcode,
				setara_mrs__coverage_name(mp->coverage),
				tb->id, setara__confidence_name(c));
			if (error < 0)
				return error;
		}
	}
	return error;
}

/*
 * Append home unit @code to the closers in @out as "CODE Title", unless
 * it is named there already (a unit mapped twice, by two benchmark paths,
 * is named once).
 */
static int add_closer(setara_buf *out, int *count,
	const setara_mrs__standard *home, const char *code)
{
	const setara_mrs__unit *u;

	if (out->size && strstr(out->ptr, code))
		return 0;
	u = setara_mrs__find_unit(home, code);
	return setara_buf_printf(out, "%s%s%s%s", (*count)++ ? "; " : "",
		code, u ? " " : "", u ? u->title : "");
}

/*
 * Units of @home, not on the credential, that a table home->rstd maps
 * fully to @rcode: holding one of them would cover it.  Appended to
 * @out as "CODE Title".
 */
static int home_closers(setara_buf *out, int *count, const char *rstd,
	const char *rcode, const setara_mrs__standard *home,
	const setara_mrs__table *tables, size_t ntables,
	const char *const *codes, size_t n)
{
	size_t t, m;
	int error = 0;

	if (home == NULL)
		return 0;
	for (t = 0; t < ntables && error == 0; t++) {
		const setara_mrs__table *tb = &tables[t];

		if (strcmp(tb->from, home->id) != 0 ||
		    strcmp(tb->to, rstd) != 0)
			continue;
		for (m = 0; m < tb->nmaps && error == 0; m++) {
			const setara_mrs__map *mp = &tb->maps[m];

			if (strcmp(mp->to, rcode) != 0 ||
			    mp->coverage != SETARA_MRS_COV_FULL ||
			    has_code(codes, n, mp->from))
				continue;
			error = add_closer(out, count, home, mp->from);
		}
	}
	return error;
}

/* One host unit being covered: the inputs, the best path so far, the home
 * units that would close it, and how many equivalences were tried. */
typedef struct cover {
	const setara_mrs__unit *h;
	const setara_mrs__standard *host, *home;
	const setara_mrs__table *tables;
	size_t ntables;
	const char *const *codes;
	size_t n;
	path best;
	setara_buf how, closers;
	int nclosers, nbench;
} cover;

/* 1. The same unit code on the credential; 2. the host is itself the
 * benchmark. */
static int cover_direct(cover *cv)
{
	const setara_mrs__unit *h = cv->h;
	setara_confidence c;
	int cov, error;

	if (has_code(cv->codes, cv->n, h->code) && (error = offer(&cv->best,
	    SETARA_MRS_COV_FULL, SETARA_CONFIDENCE_HIGH,
	    "%s is on the credential", h->code)) < 0)
		return error;
	if (strcmp(cv->host->scope, "regional") != 0)
		return 0;
	cv->nbench++;
	if ((error = bench_cover(&cov, &c, &cv->how, cv->host->id, h->code,
	    cv->home, cv->tables, cv->ntables, cv->codes, cv->n)) < 0)
		return error;
	if ((error = offer(&cv->best, cov, c, "%s", cv->how.ptr ?
	    cv->how.ptr : "")) < 0)
		return error;
	return home_closers(&cv->closers, &cv->nclosers, cv->host->id,
		h->code, cv->home, cv->tables, cv->ntables, cv->codes, cv->n);
}

/* 3. Through a benchmark: host->R maps h to r; home->R covers r.  An
 * overlap on either side is an overlap. */
static int cover_via_benchmarks(cover *cv)
{
	const setara_mrs__unit *h = cv->h;
	setara_confidence c;
	size_t t, m;
	int cov, error;

	for (t = 0; t < cv->ntables; t++) {
		const setara_mrs__table *tb = &cv->tables[t];

		if (strcmp(tb->from, cv->host->id) != 0)
			continue;
		for (m = 0; m < tb->nmaps; m++) {
			const setara_mrs__map *mp = &tb->maps[m];

			if (strcmp(mp->from, h->code) != 0)
				continue;
			cv->nbench++;
			if ((error = bench_cover(&cov, &c, &cv->how, tb->to,
			    mp->to, cv->home, cv->tables, cv->ntables,
			    cv->codes, cv->n)) < 0)
				return error;
			if (mp->coverage < cov)
				cov = mp->coverage;
			c = conf_min(c, conf_min(mp->conf, tb->conf));
			if (cov != SETARA_MRS_COV_NONE &&
			    (error = offer(&cv->best, cov, c, "%s = %s "
			    "(table %s, %s, %s)", cv->how.ptr, h->code, tb->id,
			    setara_mrs__coverage_name(mp->coverage),
			    setara__confidence_name(conf_min(mp->conf,
			    tb->conf)))) < 0)
				return error;
			if (mp->coverage == SETARA_MRS_COV_FULL &&
			    (error = home_closers(&cv->closers, &cv->nclosers,
			    tb->to, mp->to, cv->home, cv->tables, cv->ntables,
			    cv->codes, cv->n)) < 0)
				return error;
		}
	}
	return 0;
}

/* 4. A bilateral table home->host: a mapped unit on the credential
 * covers; a fully mapped one not on it would close. */
static int cover_bilateral(cover *cv)
{
	const setara_mrs__unit *h = cv->h;
	const setara_mrs__standard *home = cv->home;
	setara_confidence c;
	size_t t, m;
	int error;

	for (t = 0; home && t < cv->ntables; t++) {
		const setara_mrs__table *tb = &cv->tables[t];

		if (strcmp(tb->from, home->id) != 0 ||
		    strcmp(tb->to, cv->host->id) != 0)
			continue;
		for (m = 0; m < tb->nmaps; m++) {
			const setara_mrs__map *mp = &tb->maps[m];

			if (strcmp(mp->to, h->code) != 0)
				continue;
			cv->nbench++;
			c = conf_min(mp->conf, tb->conf);
			if (has_code(cv->codes, cv->n, mp->from)) {
				if ((error = offer(&cv->best, mp->coverage, c,
				    "%s -> %s (table %s, %s, %s)", mp->from,
				    h->code, tb->id,
				    setara_mrs__coverage_name(mp->coverage),
				    setara__confidence_name(c))) < 0)
					return error;
			} else if (mp->coverage == SETARA_MRS_COV_FULL &&
			    (error = add_closer(&cv->closers, &cv->nclosers,
			    home, mp->from)) < 0)
				return error;
		}
	}
	return 0;
}

/* The unit's status, confidence and basis from the best path, and what
 * would close it when it is not fully covered. */
static int cover_result(setara_mrs__unit_result *r, cover *cv)
{
	const setara_mrs__unit *h = cv->h;

	r->status = cv->best.cov;
	r->conf = cv->best.cov ? cv->best.conf : SETARA_CONFIDENCE_UNKNOWN;
	if (cv->best.cov != SETARA_MRS_COV_NONE)
		r->basis = setara_buf_detach(&cv->best.text);
	else if (cv->nbench == 0)
		r->basis = setara__asprintf("no equivalence for %s in the "
			"reference data and not on the credential", h->code);
	else if (cv->home == NULL)
		r->basis = setara__asprintf("not on the credential; the "
			"credential's standard is not in the reference data, "
			"so its units cannot be compared");
	else
		r->basis = setara__asprintf("no unit on the credential "
			"covers %s", h->code);
	if (r->basis == NULL)
		return SETARA_ENOMEM;
	if (cv->best.cov == SETARA_MRS_COV_FULL)
		return 0;
	r->close = setara__asprintf("assessment of %s %s (%s)%s%s%s",
		h->code, h->title, cv->host->id, cv->nclosers ? ", or home "
		"unit(s) " : "", cv->nclosers ? cv->closers.ptr : "",
		cv->nclosers && cv->home ? " of " : "");
	if (r->close && cv->nclosers && cv->home) {
		char *s = setara__asprintf("%s%s", r->close, cv->home->id);

		setara__free(r->close);
		r->close = s;
	}
	return r->close ? 0 : SETARA_ENOMEM;
}

/* Cover one host unit; fills @r. */
static int cover_unit(setara_mrs__unit_result *r,
	const setara_mrs__standard *host, const setara_mrs__standard *home,
	const setara_mrs__table *tables, size_t ntables,
	const char *const *codes, size_t n)
{
	cover cv = { r->unit, host, home, tables, ntables, codes, n,
		{ SETARA_MRS_COV_NONE, SETARA_CONFIDENCE_UNKNOWN,
		SETARA_BUF_INIT }, SETARA_BUF_INIT, SETARA_BUF_INIT, 0, 0 };
	int error;

	if ((error = cover_direct(&cv)) >= 0 &&
	    (error = cover_via_benchmarks(&cv)) >= 0 &&
	    (error = cover_bilateral(&cv)) >= 0)
		error = cover_result(r, &cv);
	setara_buf_dispose(&cv.best.text);
	setara_buf_dispose(&cv.how);
	setara_buf_dispose(&cv.closers);
	return error;
}

int setara_mrs__cover(setara_mrs__coverage *out,
	const setara_mrs__standard *host, const setara_mrs__standard *home,
	const setara_mrs__table *tables, size_t ntables,
	const char *const *codes, size_t n)
{
	size_t i, k = 0;
	int error = 0;

	memset(out, 0, sizeof(*out));
	SETARA_ASSERT_ARG(host);
	out->home_known = home != NULL;
	out->conf = SETARA_CONFIDENCE_HIGH;
	for (i = 0; i < host->nunits; i++)
		out->required += host->units[i].required != 0;
	if (out->required && (out->units = setara__calloc(out->required,
	    sizeof(*out->units))) == NULL)
		return SETARA_ENOMEM;
	for (i = 0; i < host->nunits; i++) {
		setara_mrs__unit_result *r;

		if (!host->units[i].required)
			continue;
		r = &out->units[k++];
		out->nunits = k;
		r->unit = &host->units[i];
		if ((error = cover_unit(r, host, home, tables, ntables,
		    codes, n)) < 0)
			goto fail;
		if (r->status == SETARA_MRS_COV_FULL)
			out->full++;
		else if (r->status == SETARA_MRS_COV_PARTIAL)
			out->partial++;
		else
			out->missing++;
		if (r->status != SETARA_MRS_COV_NONE)
			out->conf = conf_min(out->conf, r->conf);
	}
	if (out->required == 0 || out->full + out->partial == 0) {
		out->overall = SETARA_MRS_COV_NONE;
		out->conf = SETARA_CONFIDENCE_UNKNOWN;
	} else if (out->full == out->required) {
		out->overall = SETARA_MRS_COV_FULL;
	} else {
		out->overall = SETARA_MRS_COV_PARTIAL;
	}
	return 0;
fail:
	setara_mrs__coverage_dispose(out);
	return error;
}

void setara_mrs__level_decide(setara_mrs__level *l)
{
	/* No AQRF place at all: nothing to compare (Singapore's WSQ, Lao
	 * NVQF, an unknown framework). */
	if (!l->found || l->min <= 0 || l->max <= 0 || l->required <= 0)
		l->result = SETARA_MRS_LEVEL_UNKNOWN;
	else if (l->min >= l->required)
		l->result = SETARA_MRS_LEVEL_MET;
	else if (l->max < l->required)
		l->result = SETARA_MRS_LEVEL_TOO_LOW;
	else
		/* A one-to-many link (ID KKNI, EQF style): some of the
		 * range reaches the level, some does not. */
		l->result = SETARA_MRS_LEVEL_UNCERTAIN;
}

void setara_mrs__dates_decide(setara_mrs__dates *d)
{
	d->expired = d->has_valid_until && d->at > d->valid_until;
	d->not_yet_valid = d->valid_from && d->at < d->valid_from;
}

static void add_reason(setara_mrs__outcome *o, setara_mrs_reason r)
{
	size_t i;

	for (i = 0; i < o->nreasons; i++)
		if (o->reasons[i] == r)
			return;
	if (o->nreasons < SETARA_MRS_MAX_REASONS)
		o->reasons[o->nreasons++] = r;
}

/* The worse of two outcomes: not > indeterminate > partly > recognised. */
static setara_mrs_outcome worse(setara_mrs_outcome a, setara_mrs_outcome b)
{
	static const int rank[] = {
		[SETARA_MRS_RECOGNISED] = 0,
		[SETARA_MRS_PARTLY_RECOGNISED] = 1,
		[SETARA_MRS_INDETERMINATE] = 2,
		[SETARA_MRS_NOT_RECOGNISED] = 3
	};

	return rank[a] >= rank[b] ? a : b;
}

void setara_mrs__decide(setara_mrs__outcome *o,
	const setara_mrs__verified *v, const setara_mrs__dates *d,
	const setara_mrs__level *level, const setara_mrs__coverage *cov)
{
	setara_mrs_outcome out = SETARA_MRS_RECOGNISED;

	memset(o, 0, sizeof(*o));

	/* The credential itself: an invalid one is never recognised. */
	if (v->result == SETARA_MRS_CREDENTIAL_INVALID) {
		out = SETARA_MRS_NOT_RECOGNISED;
		if (v->issuer_failed)
			add_reason(o, SETARA_MRS_REASON_ISSUER_NOT_ACCREDITED);
		if (v->validity_failed && d && d->expired)
			add_reason(o, SETARA_MRS_REASON_EXPIRED);
		else if (v->validity_failed && d && d->not_yet_valid)
			add_reason(o, SETARA_MRS_REASON_NOT_YET_VALID);
		if (v->other_failed || (v->validity_failed && !(d &&
		    (d->expired || d->not_yet_valid))) ||
		    o->nreasons == 0)
			add_reason(o, SETARA_MRS_REASON_INVALID_CREDENTIAL);
	}
	/* Its own dates, whatever the verifier said. */
	if (d && d->expired) {
		out = SETARA_MRS_NOT_RECOGNISED;
		add_reason(o, SETARA_MRS_REASON_EXPIRED);
	} else if (d && d->not_yet_valid) {
		out = SETARA_MRS_NOT_RECOGNISED;
		add_reason(o, SETARA_MRS_REASON_NOT_YET_VALID);
	}

	if (level) {
		switch (level->result) {
		case SETARA_MRS_LEVEL_TOO_LOW:
			out = SETARA_MRS_NOT_RECOGNISED;
			add_reason(o, SETARA_MRS_REASON_LEVEL_TOO_LOW);
			break;
		case SETARA_MRS_LEVEL_UNCERTAIN:
			out = worse(out, SETARA_MRS_PARTLY_RECOGNISED);
			add_reason(o, SETARA_MRS_REASON_LEVEL_UNCERTAIN);
			break;
		case SETARA_MRS_LEVEL_UNKNOWN:
			out = worse(out, SETARA_MRS_PARTLY_RECOGNISED);
			add_reason(o,
				SETARA_MRS_REASON_UNREFERENCED_FRAMEWORK);
			break;
		default:
			break;
		}
		/* An indicative link is information, not a referencing
		 * outcome: it cannot carry a full recognition. */
		if (level->indicative && level->result !=
		    SETARA_MRS_LEVEL_UNKNOWN) {
			out = worse(out, SETARA_MRS_PARTLY_RECOGNISED);
			add_reason(o,
				SETARA_MRS_REASON_UNREFERENCED_FRAMEWORK);
		}
	}
	if (cov) {
		if (cov->overall == SETARA_MRS_COV_NONE) {
			out = SETARA_MRS_NOT_RECOGNISED;
			add_reason(o, level && level->result ==
				SETARA_MRS_LEVEL_MET ?
				SETARA_MRS_REASON_COMPARABLE_LEVEL_ONLY :
				SETARA_MRS_REASON_NO_UNITS_COVERED);
		} else if (cov->overall == SETARA_MRS_COV_PARTIAL) {
			out = worse(out, SETARA_MRS_PARTLY_RECOGNISED);
			add_reason(o,
				SETARA_MRS_REASON_PARTIAL_UNITS_MISSING);
		}
	}
	if (!v->schema_valid || level == NULL || cov == NULL) {
		/* Nothing of the content can be relied on. */
		out = SETARA_MRS_NOT_RECOGNISED;
		add_reason(o, SETARA_MRS_REASON_INVALID_CREDENTIAL);
	}

	/* Could not verify: never more than indeterminate. */
	if (v->result == SETARA_MRS_CREDENTIAL_INDETERMINATE ||
	    v->result == SETARA_MRS_CREDENTIAL_UNCHECKED) {
		out = worse(out, SETARA_MRS_INDETERMINATE);
		add_reason(o, SETARA_MRS_REASON_INDETERMINATE);
	}
	if (out == SETARA_MRS_RECOGNISED)
		add_reason(o, SETARA_MRS_REASON_RECOGNISED);
	o->outcome = out;
}
