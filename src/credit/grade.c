/*
 * Grade conversion between grade scales, and setara_grade_convert().
 *
 * Three methods:
 *   table         a fixed row per grade, agreed between two institutions;
 *   distribution  the ECTS Users' Guide (2015, 4.4) way: each grade's band
 *                 of the passing cohort in the foreign grading table is
 *                 compared with the home table's bands; the bands overlap,
 *                 so a policy fixed in advance picks the home grade: the
 *                 worst (min), best (max) or mean (avg) of the overlapping
 *                 grades, the one holding the band's midpoint, or the one
 *                 overlapping most;
 *   linear        the modified Bavarian formula,
 *                 t = Tmin + (Tbest - Tmin) (Nd - Nmin) / (Nmax - Nmin)
 *                 (NL 8 of 10, 6 to pass, is German 2.5), then the result
 *                 goes to a valid grade by the rounding policy: nearest,
 *                 in the student's favour (the next better grade, Passau,
 *                 optionally after truncating to one decimal), or against.
 * Bands and the formula are exact rationals.  A failing grade stays a
 * failing grade; a pass without a rank (S, K) converts by table only.
 */
#include <string.h>

#include "credit_int.h"

static const char *H(cr_arena *a, setara__dec d)
{
	char b[SETARA_DEC_BUFSIZE];

	return setara_credit__strdup(a, setara__dec_format_human(b, d));
}

/* The value of a scale's best grade and of its lowest pass. */
static int scale_ends(const cr_scale *sc, setara__dec *best,
	setara__dec *pass, const cr_grade **gbest, const cr_grade **gpass)
{
	size_t i;

	*gbest = *gpass = NULL;
	if (sc->numeric) {
		*best = sc->best;
		*pass = sc->lowest_pass;
		return 0;
	}
	for (i = 0; i < sc->ngrades; i++) {
		const cr_grade *g = &sc->grades[i];

		if (g->rank < 0 || !g->pass)
			continue;
		if (*gbest == NULL || g->rank < (*gbest)->rank)
			*gbest = g;
		if (*gpass == NULL || g->rank > (*gpass)->rank)
			*gpass = g;
	}
	if (*gbest == NULL)
		return SETARA_EINVALID;
	*best = setara_credit__grade_value(sc, *gbest);
	*pass = setara_credit__grade_value(sc, *gpass);
	return 0;
}

/* +1 when a higher value is a better grade on @sc, -1 when lower is. */
static int direction(const cr_scale *sc)
{
	setara__dec b, p;
	const cr_grade *gb, *gp;

	if (scale_ends(sc, &b, &p, &gb, &gp) < 0)
		return 1;
	if (sc->numeric)
		return setara__dec_cmp(sc->best, sc->worst) > 0 ? 1 : -1;
	return setara__dec_cmp(b, p) >= 0 ? 1 : -1;
}

/* The target's grade for a fail: its best failing ranked grade. */
static int fail_grade(cr_gres *r, cr_arena *a, const cr_scale *to)
{
	size_t i;
	cr_grade *g;

	if (to->numeric) {
		if ((g = setara_credit__alloc(a, sizeof(*g))) == NULL)
			return SETARA_ENOMEM;
		g->symbol = setara_credit__dec(a, to->worst);
		g->has_points = 1;
		g->points = to->worst;
		g->f = to->f;
		r->grade = g;
		r->symbol = g->symbol;
		return 0;
	}
	for (i = 0; i < to->ngrades; i++)
		if (to->grades[i].rank >= 0 && !to->grades[i].pass) {
			r->grade = &to->grades[i];
			r->symbol = to->grades[i].symbol;
			return 0;
		}
	return setara_error__set(SETARA_EINVALID, SETARA_ERROR_CREDIT,
		to->f.file, to->f.line, "grade", "scale '%s' has no failing "
		"grade to convert a fail to", to->id);
}

/*
 * Snap value @t to a valid passing grade of @to by @mode: NEAREST (ties
 * to the better grade), FAVOUR (the next better or equal grade), AGAINST
 * (the next worse or equal), NONE (numeric scales: keep @t).
 */
static int snap(cr_gres *r, cr_arena *a, const cr_scale *to, setara__dec t,
	setara_rounding mode)
{
	int dir = direction(to);
	const cr_grade *best = NULL;
	setara__dec bestd = SETARA_DEC_ZERO;
	size_t i;
	int error;

	if (to->numeric) {
		setara__dec v = t, lo, hi;
		setara__round_mode m;
		cr_grade *g;

		if (mode == SETARA_ROUNDING_FAVOUR)
			m = dir > 0 ? SETARA_ROUND_UP : SETARA_ROUND_DOWN;
		else if (mode == SETARA_ROUNDING_AGAINST ||
		    mode == SETARA_ROUNDING_DOWN)
			m = dir > 0 ? SETARA_ROUND_DOWN : SETARA_ROUND_UP;
		else if (mode == SETARA_ROUNDING_UP)
			m = dir > 0 ? SETARA_ROUND_UP : SETARA_ROUND_DOWN;
		else
			m = SETARA_ROUND_NEAREST;
		if (mode != SETARA_ROUNDING_NONE &&
		    (error = setara__dec_round(&v, t, to->step, m)) < 0)
			return error;
		/* a pass stays a pass, within the scale */
		lo = setara__dec_min(to->best, to->lowest_pass);
		hi = setara__dec_max(to->best, to->lowest_pass);
		v = setara__dec_max(lo, setara__dec_min(hi, v));
		if ((g = setara_credit__alloc(a, sizeof(*g))) == NULL)
			return SETARA_ENOMEM;
		g->symbol = setara_credit__dec(a, v);
		g->has_points = 1;
		g->points = v;
		g->pass = 1;
		g->f = to->f;
		r->grade = g;
		r->symbol = g->symbol;
		return 0;
	}
	for (i = 0; i < to->ngrades; i++) {
		const cr_grade *g = &to->grades[i];
		setara__dec v = setara_credit__grade_value(to, g), d;
		int c, better;

		if (g->rank < 0 || !g->pass)
			continue;
		/* c > 0: g is better than t */
		c = setara__dec_cmp(v, t) * dir;
		if (mode == SETARA_ROUNDING_FAVOUR && c < 0)
			continue;
		if ((mode == SETARA_ROUNDING_AGAINST ||
		    mode == SETARA_ROUNDING_DOWN) && c > 0)
			continue;
		if ((error = setara__dec_sub(&d, v, t)) < 0)
			return error;
		if (setara__dec_sign(d) < 0)
			d.num = -d.num;
		if (best == NULL) {
			better = 1;
		} else {
			int dc = setara__dec_cmp(d, bestd);

			/* closer wins; on a tie the better grade, but of
			 * grades with the same value (A+ and A at 4.00) the
			 * plain one */
			better = dc < 0 || (dc == 0 &&
				(setara__dec_cmp(v, setara_credit__grade_value(
				to, best)) == 0 ?
				setara_credit__grade_cmp(to, g, best) < 0 :
				setara_credit__grade_cmp(to, g, best) > 0));
		}
		if (better) {
			best = g;
			bestd = d;
		}
	}
	if (best == NULL) {
		/* t is beyond the scale's ends: take the nearer end */
		setara__dec vb, vp;
		const cr_grade *gb, *gp;

		if ((error = scale_ends(to, &vb, &vp, &gb, &gp)) < 0)
			return error;
		best = mode == SETARA_ROUNDING_FAVOUR ? gb : gp;
	}
	r->grade = best;
	r->symbol = best->symbol;
	return 0;
}

/* ---- table --------------------------------------------------------------- */

static int by_table(cr_gres *r, cr_arena *a, setara_store *st,
	const cr_scale *to, const cr_grade *g, const cr_gconv *t)
{
	size_t i;
	int error;

	r->method = "table";
	for (i = 0; i < t->n; i++)
		if (strcmp(t->from_g[i], g->symbol) == 0)
			break;
	if (i == t->n)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_CREDIT,
			t->f.file, t->f.line, "grade", "table '%s' has no row "
			"for grade '%s'", t->id, g->symbol);
	if ((error = setara_credit__grade_find(&r->grade, a, to,
	    t->to_g[i])) < 0)
		return error;
	r->symbol = r->grade->symbol;
	if ((error = setara_credit__facts_add(a, &r->facts, st, t->id,
	    "grade conversion table", setara_credit__printf(a, "%s -> %s",
	    g->symbol, r->symbol), &t->f)) < 0)
		return error;
	return setara_credit__step(a, &r->steps, "table %s: %s -> %s",
		t->id, g->symbol, r->symbol);
}

/* ---- linear -------------------------------------------------------------- */

static int by_linear(cr_gres *r, cr_arena *a, const cr_scale *from,
	const cr_grade *g, const cr_scale *to, const cr_gopts *o)
{
	setara__dec nmax, nmin, nd, tbest, tmin, t, x, y;
	const cr_grade *gb, *gp, *tb, *tp;
	int error;

	r->method = "linear";
	if (scale_ends(from, &nmax, &nmin, &gb, &gp) < 0 ||
	    scale_ends(to, &tbest, &tmin, &tb, &tp) < 0)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_CREDIT,
			NULL, 0, "grade", "a linear conversion needs ranked "
			"passing grades on both scales");
	if (setara__dec_cmp(nmax, nmin) == 0 ||
	    setara__dec_cmp(tbest, tmin) == 0)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_CREDIT,
			setara__dec_cmp(nmax, nmin) ? to->f.file : from->f.file,
			setara__dec_cmp(nmax, nmin) ? to->f.line : from->f.line,
			"grade", "scale '%s' has a single passing value: no "
			"linear conversion", setara__dec_cmp(nmax, nmin) ?
			to->id : from->id);
	nd = setara_credit__grade_value(from, g);
	if (!from->numeric && !from->has_points && (error =
	    setara_credit__step(a, &r->steps, "%s has no grade points: its "
	    "passing grades are numbered from the lowest (1) up",
	    from->id)) < 0)
		return error;
	if (!to->numeric && !to->has_points && (error =
	    setara_credit__step(a, &r->steps, "%s has no grade points: its "
	    "passing grades are numbered from the lowest (1) up", to->id)) < 0)
		return error;
	/* t = Tmin + (Tbest - Tmin) * (Nd - Nmin) / (Nmax - Nmin) */
	if ((error = setara__dec_sub(&x, nd, nmin)) < 0 ||
	    (error = setara__dec_sub(&y, nmax, nmin)) < 0 ||
	    (error = setara__dec_div(&x, x, y)) < 0 ||
	    (error = setara__dec_sub(&y, tbest, tmin)) < 0 ||
	    (error = setara__dec_mul(&x, x, y)) < 0 ||
	    (error = setara__dec_add(&t, tmin, x)) < 0)
		return error;
	if ((error = setara_credit__step(a, &r->steps, "modified Bavarian "
	    "formula: t = Tmin + (Tbest - Tmin) x (Nd - Nmin) / (Nmax - "
	    "Nmin)")) < 0 ||
	    (error = setara_credit__step(a, &r->steps, "Nmax %s, Nmin %s, "
	    "Nd %s (%s); Tbest %s, Tmin %s (%s)", H(a, nmax), H(a, nmin),
	    H(a, nd), from->id, H(a, tbest), H(a, tmin), to->id)) < 0 ||
	    (error = setara_credit__step(a, &r->steps, "t = %s + (%s - %s) x "
	    "(%s - %s) / (%s - %s) = %s", H(a, tmin), H(a, tbest), H(a, tmin),
	    H(a, nd), H(a, nmin), H(a, nmax), H(a, nmin), H(a, t))) < 0)
		return error;
	r->has_value = 1;
	r->value = t;
	if (o->truncate >= 0) {
		setara__dec s = setara__dec_int(1);
		int i;

		for (i = 0; i < o->truncate; i++)
			s.den *= 10;
		if ((error = setara__dec_round(&t, t, s,
		    SETARA_ROUND_TRUNCATE)) < 0 ||
		    (error = setara_credit__step(a, &r->steps, "truncated to "
		    "%d decimal%s: %s", o->truncate, o->truncate == 1 ? "" :
		    "s", H(a, t))) < 0)
			return error;
	}
	if ((error = snap(r, a, to, t, o->rounding)) < 0)
		return error;
	return setara_credit__step(a, &r->steps, "to a valid grade of %s "
		"(%s): %s", to->id, o->rounding == SETARA_ROUNDING_FAVOUR ?
		"the next better grade, in the student's favour" :
		o->rounding == SETARA_ROUNDING_AGAINST ?
		"the next worse grade" :
		o->rounding == SETARA_ROUNDING_NONE ? "kept exact" :
		"nearest, a tie to the better grade", r->symbol);
}

/* ---- distribution -------------------------------------------------------- */

typedef struct band {
	const cr_grade *g;
	setara__dec w, lo, hi;
} band;

/* Bands of a grading table (or the scale's reference shares), from the
 * best grade down: [cumulative share above, cumulative share to here). */
static int bands_of(band **out, size_t *n, cr_arena *a, const cr_scale *sc,
	const cr_dist *d, setara__dec *total)
{
	band *b;
	size_t i, j, k = 0;
	setara__dec cum = SETARA_DEC_ZERO;
	int error;

	*out = NULL;
	*n = 0;
	*total = setara__dec_int(0);
	if ((b = setara_credit__alloc(a, (sc->ngrades + 1) *
	    sizeof(*b))) == NULL)
		return SETARA_ENOMEM;
	/* scale order is rank order: walk ranks 0, 1, ... */
	for (i = 0; i < sc->ngrades; i++) {
		const cr_grade *g = NULL;

		for (j = 0; j < sc->ngrades; j++)
			if (sc->grades[j].rank == (int)i)
				g = &sc->grades[j];
		if (g == NULL || !g->pass)
			continue;
		b[k].g = g;
		b[k].w = setara__dec_int(0);
		if (d) {
			for (j = 0; j < d->n; j++)
				if (strcmp(d->grade[j], g->symbol) == 0)
					b[k].w = d->count[j];
		} else if (g->has_share) {
			b[k].w = g->share;
		}
		if ((error = setara__dec_add(total, *total, b[k].w)) < 0)
			return error;
		k++;
	}
	if (setara__dec_sign(*total) <= 0)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_CREDIT,
			d ? d->f.file : sc->f.file, d ? d->f.line : sc->f.line,
			"distribution", "%s holds no passing grades",
			d ? d->id : sc->id);
	for (i = 0; i < k; i++) {
		if ((error = setara__dec_div(&b[i].lo, cum, *total)) < 0 ||
		    (error = setara__dec_add(&cum, cum, b[i].w)) < 0 ||
		    (error = setara__dec_div(&b[i].hi, cum, *total)) < 0)
			return error;
	}
	*out = b;
	*n = k;
	return 0;
}

static const char *pct(cr_arena *a, setara__dec x)
{
	setara__dec p;

	if (setara__dec_mul(&p, x, setara__dec_int(100)) < 0)
		return "?";
	return H(a, p);
}

/* The target bands that overlap a source band, and the grade a policy
 * takes from them (avg sums their values instead). */
typedef struct overlap {
	const cr_grade *pick;
	setara__dec mid, sum, cnt, bestov;
	setara_buf list;             /* "B 20%-45%, C 45%-80%" */
} overlap;

/* Walk the bands @hb of @to that overlap [lo, hi): list each and let
 * policy @policy pick among them. */
static int overlap_pick(overlap *ov, cr_arena *a, const band *hb,
	size_t nh, const cr_scale *to, setara__dec lo, setara__dec hi,
	int policy)
{
	setara__dec o, v;
	size_t i;
	int error, take;

	for (i = 0; i < nh; i++) {
		take = 0;
		if ((error = setara__dec_sub(&o, setara__dec_min(hi,
		    hb[i].hi), setara__dec_max(lo, hb[i].lo))) < 0)
			return error;
		if (setara__dec_sign(o) <= 0)
			continue;
		setara_buf_printf(&ov->list, "%s%s %s%%-%s%%", ov->list.size ?
			", " : "", hb[i].g->symbol, pct(a, hb[i].lo),
			pct(a, hb[i].hi));
		v = setara_credit__grade_value(to, hb[i].g);
		switch (policy) {
		case SETARA_BAND_MIN:
			take = 1; /* later bands are worse */
			break;
		case SETARA_BAND_MAX:
			take = ov->pick == NULL;
			break;
		case SETARA_BAND_AVG:
			if ((error = setara__dec_add(&ov->sum, ov->sum, v)) < 0 ||
			    (error = setara__dec_add(&ov->cnt, ov->cnt,
			    setara__dec_int(1))) < 0)
				return error;
			break;
		case SETARA_BAND_MIDPOINT:
			take = setara__dec_cmp(hb[i].lo, ov->mid) <= 0 &&
				setara__dec_cmp(ov->mid, hb[i].hi) < 0;
			break;
		case SETARA_BAND_MAX_OVERLAP:
			/* a tie keeps the better (earlier) grade */
			take = ov->pick == NULL ||
				setara__dec_cmp(o, ov->bestov) > 0;
			if (take)
				ov->bestov = o;
			break;
		}
		if (take)
			ov->pick = hb[i].g;
	}
	return 0;
}

/* The policy's answer: avg snaps the mean of the overlapping values onto
 * @to; the others give the grade they picked, or refuse when none
 * overlaps. */
static int overlap_answer(cr_gres *r, cr_arena *a, const cr_scale *to,
	const cr_gopts *o, const overlap *ov)
{
	const cr_grade *pick = ov->pick;
	setara__dec m;
	int error;

	if (o->policy == SETARA_BAND_AVG) {
		if ((error = setara__dec_div(&m, ov->sum, ov->cnt)) < 0)
			return error;
		r->has_value = 1;
		r->value = m;
		if ((error = snap(r, a, to, m, o->rounding ==
		    SETARA_ROUNDING_NONE && !to->numeric ?
		    SETARA_ROUNDING_NEAREST : o->rounding)) < 0)
			return error;
		return setara_credit__step(a, &r->steps, "policy avg: the "
			"mean of their values is %s: %s", H(a, m), r->symbol);
	}
	if (pick == NULL)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_CREDIT,
			NULL, 0, "distribution", "no band of %s overlaps: the "
			"tables do not cover the same cohort", to->id);
	r->grade = pick;
	r->symbol = pick->symbol;
	return setara_credit__step(a, &r->steps, "policy %s: %s", r->policy,
		o->policy == SETARA_BAND_MIN ? setara_credit__printf(a, "the "
		"worst overlapping grade, %s", pick->symbol) :
		o->policy == SETARA_BAND_MAX ? setara_credit__printf(a, "the "
		"best overlapping grade, %s", pick->symbol) :
		o->policy == SETARA_BAND_MIDPOINT ? setara_credit__printf(a,
		"the band holding the midpoint %s%%, %s", pct(a, ov->mid),
		pick->symbol) : setara_credit__printf(a, "the band "
		"overlapping most (%s%%), %s", pct(a, ov->bestov),
		pick->symbol));
}

/* The fact behind one side: its grading table @d (of @total passing
 * grades), or the reference shares of scale @sc. */
static int dist_fact(cr_gres *r, cr_arena *a, setara_store *st,
	const cr_dist *d, const cr_scale *sc, setara__dec total)
{
	if (d)
		return setara_credit__facts_add(a, &r->facts, st, d->id,
			setara_credit__printf(a, "grading table, ISCED %s, %s",
			d->isced, d->years), H(a, total), &d->f);
	return setara_credit__facts_add(a, &r->facts, st, sc->id,
		"reference distribution", "shares", &sc->ref);
}

static int by_distribution(cr_gres *r, cr_arena *a, setara_store *st,
	const cr_scale *from, const cr_grade *g, const cr_scale *to,
	const cr_gopts *o)
{
	band *fb, *hb;
	size_t nf, nh, fi;
	setara__dec tf, th, lo, hi;
	overlap ov = { NULL, SETARA_DEC_ZERO, SETARA_DEC_ZERO,
		SETARA_DEC_ZERO, SETARA_DEC_ZERO, SETARA_BUF_INIT };
	int error;

	r->method = "distribution";
	r->policy = setara_credit__band_policy_name(o->policy);
	if ((error = bands_of(&fb, &nf, a, from, o->from_dist, &tf)) < 0 ||
	    (error = bands_of(&hb, &nh, a, to, o->to_dist, &th)) < 0)
		return error;
	for (fi = 0; fi < nf; fi++)
		if (fb[fi].g == g)
			break;
	if (fi == nf || setara__dec_sign(fb[fi].w) == 0)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_CREDIT,
			o->from_dist ? o->from_dist->f.file : from->f.file,
			o->from_dist ? o->from_dist->f.line : from->f.line,
			"grade", "grade '%s' does not occur in %s: it has no "
			"band to compare", g->symbol, o->from_dist ?
			o->from_dist->id : setara_credit__printf(a, "the "
			"reference distribution of %s", from->id));
	lo = fb[fi].lo;
	hi = fb[fi].hi;
	if ((error = setara_credit__step(a, &r->steps, "%s: %s holds the "
	    "band %s%%-%s%% of %s passing grades (0%% = the top)",
	    o->from_dist ? o->from_dist->id : from->id, g->symbol,
	    pct(a, lo), pct(a, hi), H(a, tf))) < 0)
		return error;
	if ((error = setara__dec_add(&ov.mid, lo, hi)) < 0 ||
	    (error = setara__dec_div(&ov.mid, ov.mid, setara__dec_int(2))) < 0)
		return error;
	if ((error = overlap_pick(&ov, a, hb, nh, to, lo, hi,
	    o->policy)) < 0 ||
	    (error = setara_credit__step(a, &r->steps, "%s bands overlapping "
	    "it: %s", o->to_dist ? o->to_dist->id : to->id,
	    ov.list.ptr ? ov.list.ptr : "none")) < 0 ||
	    (error = overlap_answer(r, a, to, o, &ov)) < 0 ||
	    (error = dist_fact(r, a, st, o->from_dist, from, tf)) < 0)
		goto done;
	error = dist_fact(r, a, st, o->to_dist, to, th);
done:
	setara_buf_dispose(&ov.list);
	return error;
}

/* ---- the conversion ------------------------------------------------------ */

int setara_credit__band_policy(const char *s)
{
	static const char *const names[] = { "min", "avg", "max", "midpoint",
		"max-overlap", NULL };
	int i;

	for (i = 0; s && names[i]; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

const char *setara_credit__band_policy_name(setara_band_policy p)
{
	static const char *const names[] = { "min", "avg", "max", "midpoint",
		"max-overlap" };

	return (unsigned)p < 5 ? names[p] : "min";
}

int setara_credit__grade_convert(cr_gres *r, cr_arena *a, setara_store *st,
	const cr_scale *from, const cr_grade *g, const cr_scale *to,
	const cr_gopts *o)
{
	int error;

	if (r->facts.lowest == SETARA_CONFIDENCE_UNKNOWN)
		setara_credit__facts_init(&r->facts);
	if ((error = setara_credit__facts_add(a, &r->facts, st, from->id,
	    "grade scale", from->name, &g->f)) < 0 ||
	    (error = setara_credit__facts_add(a, &r->facts, st, to->id,
	    "grade scale", to->name, &to->f)) < 0)
		return error;
	if (o->method == SETARA_GRADE_TABLE)
		return by_table(r, a, st, to, g, o->table);
	r->method = o->method == SETARA_GRADE_LINEAR ? "linear" :
		"distribution";
	if (!g->pass) {
		if ((error = fail_grade(r, a, to)) < 0)
			return error;
		return setara_credit__step(a, &r->steps, "'%s' is a failing "
			"grade on %s: it stays a fail, %s on %s", g->symbol,
			from->id, r->symbol, to->id);
	}
	if (g->rank < 0)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_CREDIT,
			from->f.file, g->f.line, "grade", "'%s' on %s is a "
			"pass without a rank: only a conversion table "
			"converts it",
			g->symbol, from->id);
	if (o->method == SETARA_GRADE_LINEAR)
		return by_linear(r, a, from, g, to, o);
	return by_distribution(r, a, st, from, g, to, o);
}

/* ---- the public call ----------------------------------------------------- */

struct result {
	setara_grade_result pub;
	cr_arena arena;
};

void setara_grade_result_free(setara_grade_result *r)
{
	if (r != NULL)
		setara_credit__arena_free(&((struct result *)r)->arena);
}

int setara_grade_convert(setara_grade_result **out, setara_store *st,
	const char *from, const char *to, const char *grade,
	const setara_grade_convert_options *opts)
{
	setara_grade_convert_options def = SETARA_GRADE_CONVERT_OPTIONS_INIT;
	struct result *res;
	cr_arena a = { NULL, NULL };
	cr_scale *sf, *stt;
	const cr_grade *g;
	cr_gconv *table = NULL;
	cr_dist *df = NULL, *dt = NULL;
	cr_gopts o;
	cr_gres r;
	int error;

	*out = NULL;
	SETARA_ASSERT_ARG(st && from && to && grade);
	SETARA_CHECK_OPTIONS(opts, def, SETARA_GRADE_CONVERT_OPTIONS_VERSION,
		"SETARA_GRADE_CONVERT_OPTIONS_INIT");
	if ((res = setara_credit__alloc(&a, sizeof(*res))) == NULL)
		return SETARA_ENOMEM;
	memset(&o, 0, sizeof(o));
	memset(&r, 0, sizeof(r));
	setara_credit__facts_init(&r.facts);
	o.method = opts->method;
	o.policy = opts->policy;
	o.rounding = opts->rounding;
	o.truncate = opts->truncate;
	if ((error = setara_credit__scale_get(&sf, &a, st, from)) < 0 ||
	    (error = setara_credit__scale_get(&stt, &a, st, to)) < 0 ||
	    (error = setara_credit__grade_find(&g, &a, sf, grade)) < 0)
		goto fail;
	if (o.method == SETARA_GRADE_AUTO) {
		/* a table agreed between the two, else the formula */
		if (opts->table || setara_credit__gconv_get(&table, &a, st,
		    NULL, from, to) == 0) {
			o.method = SETARA_GRADE_TABLE;
		} else {
			setara_error_clear();
			o.method = SETARA_GRADE_LINEAR;
		}
	}
	if (o.method == SETARA_GRADE_TABLE && table == NULL &&
	    (error = setara_credit__gconv_get(&table, &a, st, opts->table,
	    from, to)) < 0)
		goto fail;
	if (o.method == SETARA_GRADE_DISTRIBUTION &&
	    ((error = setara_credit__dist_get(&df, &a, st, opts->from_table,
	    sf, opts->isced, opts->version >= 2 ? opts->from_institution :
	    NULL, NULL)) < 0 ||
	    (error = setara_credit__dist_get(&dt, &a, st, opts->to_table,
	    stt, opts->isced, opts->version >= 2 ? opts->to_institution :
	    NULL, NULL)) < 0))
		goto fail;
	o.table = table;
	o.from_dist = df;
	o.to_dist = dt;
	if ((error = setara_credit__grade_convert(&r, &a, st, sf, g, stt,
	    &o)) < 0)
		goto fail;
	res->pub.version = 1;
	res->pub.from = sf->id;
	res->pub.to = stt->id;
	res->pub.grade = g->symbol;
	res->pub.passed = g->pass;
	res->pub.converted = r.symbol;
	res->pub.value = r.has_value ? setara_credit__dec(&a, r.value) : NULL;
	res->pub.method = r.method;
	res->pub.policy = r.policy;
	res->pub.confidence = r.facts.lowest;
	res->pub.sample = r.facts.sample;
	res->pub.nsteps = r.steps.n;
	res->pub.steps = r.steps.items;
	res->pub.nfacts = r.facts.v.n;
	res->pub.facts = r.facts.v.items;
	res->arena = a;
	*out = &res->pub;
	return 0;
fail:
	setara_credit__arena_free(&a);
	return error;
}

int setara_grade_find(setara_store *st, const char *scale, const char *grade,
	char points[SETARA_GRADE_POINTS_BUFSIZE])
{
	cr_arena a = { NULL, NULL };
	cr_scale *sc;
	const cr_grade *g;
	int error;

	SETARA_ASSERT_ARG(st && scale && grade);
	if (points)
		points[0] = '\0';
	if ((error = setara_credit__scale_get(&sc, &a, st, scale)) == 0 &&
	    (error = setara_credit__grade_find(&g, &a, sc, grade)) == 0 &&
	    points && g->has_points && !sc->numeric)
		setara__dec_format(points, g->points);
	setara_credit__arena_free(&a);
	return error;
}
