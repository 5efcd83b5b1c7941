/*
 * The transfer engine: a foreign academic record against a host's rules.
 *
 * Order of work (docs/data-credit.md, "Evaluation"):
 *  1. the record's grades are checked against its scale, the credit
 *     conversion factor and the grade method are fixed for the record;
 *  2. advanced standing for each qualification held (vertical transfer:
 *     the qualification's AQRF level must lie below the programme's, by
 *     at most the policy's number of levels);
 *  3. each course in record order: the first equivalence rule of the
 *     agreement that applies (in force on the completion date, the unit
 *     range, every source course on the record) or, with none, the
 *     unmatched policy; then the checks: completed and passed, recency,
 *     level match through the AQRF, learning-outcome overlap, credits
 *     (converted exactly, then the credit-value rule and the rounding of
 *     the rule), grade (converted, original kept; minimum grade);
 *  4. each prior-learning claim: a host course, the minimum score, no
 *     grade;
 *  5. caps across the whole record, in this order: prior learning,
 *     the major, the degree (the smaller of its maximum share and the
 *     programme's credits less the residency), each allocated in item
 *     order (standing, courses, prior learning); a cap leaves a course
 *     partly granted when the policy allows it, else refuses it;
 *  6. totals, rounded on the total when that is the policy.
 * Every check leaves a step in the item's trace, with the source and
 * confidence (or sample status) of the rule that made it.
 */
#include <string.h>

#include "credit_int.h"

typedef struct ev_item {
	setara_transfer_item pub;
	cr_vec steps, from, to;
	setara__dec original, converted, granted;
	int has_converted;
	const cr_grade *hgrade; /* the converted grade on the host scale */
	const char *credits_how; /* the credits step, when not the factor */
	int major;            /* counts toward the cap on the major */
} ev_item;

struct setara_transfer_decision {
	cr_arena arena;
	setara_transfer_item *items;
	size_t nitems;
	setara_transfer_totals totals;
	/* for the document; the rules take the blocks back when it is
	 * freed */
	setara_transfer_rules *rules;
	const setara_record *record;
	const char *policy_id, *agreement_id;
	int aqrf;             /* the programme's single AQRF level, or 0 */
};

/* The grade method fixed for a record. */
typedef struct gsetup {
	int needed;
	cr_gopts o;
	const char *what;     /* "table th-cu--my-um", ... */
	cr_fact f;
} gsetup;

typedef struct factor_cache {
	const char *system;
	const cr_agreement *ag;
	cr_factor k;
	int error;
	const char *message, *file, *field;
	int line;
} factor_cache;

typedef struct ev {
	setara_transfer_rules *r;
	const setara_record *rec;
	struct setara_transfer_decision *d;
	cr_arena *a;
	const cr_policy *p;
	const cr_agreement *ag;
	cr_system *rsys;
	cr_scale *rscale;
	const cr_factor *k;
	const char *k_text;          /* k->lo for people, once per record */
	gsetup gs;
	const cr_level *prog_level;  /* the host programme's */
	int sender_known;            /* the record's institution is in data */
	char at[11];
	char recency_cutoff[11];
	const cr_grade **grades;     /* per record course */
	const cr_grade **hgrades;    /* per host-record course at this host */
	unsigned char *used;         /* per record course */
	cr_vec credited;             /* host course codes granted so far */
	int has_limit;               /* the cap on the degree, once known */
	setara__dec limit;
	cr_vec items;                /* ev_item */
} ev;

/* ---- helpers ------------------------------------------------------------- */

static const char *D(ev *e, setara__dec d)
{
	return setara_credit__dec(e->a, d);
}

static const char *DH(ev *e, setara__dec d)
{
	char b[SETARA_DEC_BUFSIZE];

	return setara_credit__strdup(e->a, setara__dec_format_human(b, d));
}

static int step(ev *e, ev_item *x, const char *check,
	setara_step_outcome outcome, const cr_fact *f, const char *fmt, ...)
	SETARA_PRINTF(6, 7);

static int step(ev *e, ev_item *x, const char *check,
	setara_step_outcome outcome, const cr_fact *f, const char *fmt, ...)
{
	setara_transfer_step *s;
	va_list ap;

	if ((s = setara_credit__vec_push(e->a, &x->steps, sizeof(*s))) == NULL)
		return SETARA_ENOMEM;
	s->check = check;
	s->outcome = outcome;
	va_start(ap, fmt);
	s->text = setara_credit__vprintf(e->a, fmt, ap);
	va_end(ap);
	if (f) {
		s->source = f->source;
		s->confidence = setara_credit__is_sample(f) ?
			SETARA_CONFIDENCE_UNKNOWN : f->confidence;
		s->status = f->status;
	}
	return s->text ? 0 : SETARA_ENOMEM;
}

static void refuse(ev_item *x, const char *reason)
{
	x->pub.status = SETARA_TRANSFER_REFUSED;
	if (x->pub.reason == NULL)
		x->pub.reason = reason;
	x->granted = setara__dec_int(0);
}

static int add_course(ev *e, cr_vec *v, const char *code, const char *title,
	const char *credits, const char *grade, const char *area)
{
	setara_transfer_course *c = setara_credit__vec_push(e->a, v,
		sizeof(*c));

	if (c == NULL)
		return SETARA_ENOMEM;
	c->code = code;
	c->title = title;
	c->credits = credits;
	c->grade = grade;
	c->area = area;
	return 0;
}

static ev_item *item_new(ev *e, setara_transfer_kind kind)
{
	ev_item *x = setara_credit__vec_push(e->a, &e->items, sizeof(*x));

	if (x) {
		x->pub.kind = kind;
		x->pub.status = SETARA_TRANSFER_GRANTED;
	}
	return x;
}

/* ---- levels -------------------------------------------------------------- */

/* "6", or "6-7" for a range. */
static const char *range(ev *e, int min, int max)
{
	return min == max ? setara_credit__printf(e->a, "%d", min) :
		setara_credit__printf(e->a, "%d-%d", min, max);
}

/*
 * Compare the AQRF places of @ref (the record's side) and the host
 * programme by the policy's level rule.  Returns 1 pass, 0 fail (with the
 * step written), negative on error.
 */
static int level_check(ev *e, ev_item *x, const char *ref)
{
	const cr_policy *p = e->p;
	const cr_level *l, *h = e->prog_level;
	int ok;

	if (!p->level.present || p->level_mode == 0)
		return 1;
	if (ref == NULL) {
		if (p->level_unmapped_accept) {
			step(e, x, "level", SETARA_STEP_PASS, &p->level.f,
				"the record states no level: accepted by the "
				"policy");
			return 1;
		}
		step(e, x, "level", SETARA_STEP_FAIL, &p->level.f, "the "
			"record states no level: the level rule cannot be "
			"checked");
		refuse(x, "no level stated for the level rule");
		return 0;
	}
	if ((l = setara_credit__rules_level(e->r, ref)) == NULL ||
	    h == NULL)
		return SETARA_ENOMEM;
	if (l->error < 0)
		return setara_error__set(l->error, SETARA_ERROR_DATA,
			e->rec->name, e->rec->prog_line, "level", "%s",
			l->message ? l->message : "unknown level");
	if (h->error < 0)
		return setara_error__set(h->error, SETARA_ERROR_DATA,
			e->r->prog_f.file, e->r->prog_f.line, "level", "%s",
			h->message ? h->message : "unknown level");
	if (l->min == 0 || h->min == 0) {
		const char *which = l->min == 0 ? ref : e->r->prog_level;

		if (p->level_unmapped_accept) {
			step(e, x, "level", SETARA_STEP_PASS, &p->level.f,
				"%s is not referenced to the AQRF: accepted by "
				"the policy", which);
			return 1;
		}
		step(e, x, "level", SETARA_STEP_FAIL, &p->level.f, "%s is not "
			"referenced to the AQRF: levels cannot be compared",
			which);
		refuse(x, "level not referenced to the AQRF");
		return 0;
	}
	if (p->level_mode == 1)
		/* same level: the AQRF ranges overlap */
		ok = l->min <= h->max && h->min <= l->max;
	else
		/* not above, and at most "below" levels under */
		ok = l->max <= h->max && l->max >= h->min - p->level_below;
	x->pub.level_basis = l->indicative || h->indicative ?
		"indicative" : "confirmed";
	step(e, x, "level", ok ? SETARA_STEP_PASS : SETARA_STEP_FAIL,
		&p->level.f, "%s is AQRF %s%s, the programme (%s) AQRF %s%s: "
		"%s %s", ref, range(e, l->min, l->max), l->mark,
		e->r->prog_level, range(e, h->min, h->max), h->mark,
		p->level_mode == 1 ? "same level" : setara_credit__printf(
		e->a, "not above, at most %d below", p->level_below), ok ?
		"met" : "not met");
	if (!ok)
		refuse(x, "level does not match");
	return ok;
}

/* ---- grades -------------------------------------------------------------- */

/* Equal keys, either NULL. */
static int same(const char *x, const char *y)
{
	return x == y || (x && y && strcmp(x, y) == 0);
}

/* A cached entry of @v for (@a, @b), or a new one to fill (*fresh). */
static cr_lookup *lookup(setara_transfer_rules *r, cr_vec *v, const char *a,
	const char *b, int *fresh)
{
	cr_lookup *c = v->items;
	size_t i;

	*fresh = 0;
	for (i = 0; i < v->n; i++)
		if (same(c[i].a, a) && same(c[i].b, b))
			return &c[i];
	if ((c = setara_credit__vec_push(&r->arena, v, sizeof(*c))) == NULL)
		return NULL;
	c->a = setara_credit__strdup(&r->arena, a);
	c->b = setara_credit__strdup(&r->arena, b);
	*fresh = 1;
	return c;
}

/* Keep the last error in @c, so that a cached failure says it again. */
static void keep_error(setara_transfer_rules *r, cr_lookup *c, int error)
{
	const setara_error *er = setara_error_last();

	c->error = error;
	c->message = setara_credit__strdup(&r->arena, er->message);
	c->file = setara_credit__strdup(&r->arena, er->file);
	c->field = setara_credit__strdup(&r->arena, er->field);
	c->line = er->line;
}

static int replay(const cr_lookup *c)
{
	return setara_error__set(c->error, SETARA_ERROR_CREDIT, c->file,
		c->line, c->field, "%s", c->message ? c->message : "");
}

/* The store's table from scale @from to @to, cached; NULL when none. */
static int table_for(const cr_gconv **out, setara_transfer_rules *r,
	const char *from, const char *to)
{
	cr_lookup *c;
	cr_gconv *t = NULL;
	int fresh;

	if ((c = lookup(r, &r->gconvs, from, to, &fresh)) == NULL)
		return SETARA_ENOMEM;
	if (fresh) {
		if (setara_credit__gconv_get(&t, &r->arena, r->st, NULL, from,
		    to) < 0)
			setara_error_clear();
		c->found = t;
	}
	*out = c->found;
	return 0;
}

/* The store's grading table of @sc for @isced, of @institution, for
 * @cycle, cached (NULL: the scale's reference distribution). */
static int dist_for(const cr_dist **out, setara_transfer_rules *r,
	const cr_scale *sc, const char *isced, const char *institution,
	const char *cycle)
{
	cr_lookup *c;
	cr_dist *d = NULL;
	char ka[160], kb[40];
	int fresh, error;

	snprintf(ka, sizeof(ka), "%s|%s", sc->id, institution ?
		institution : "");
	snprintf(kb, sizeof(kb), "%s|%s", isced ? isced : "", cycle ?
		cycle : "");
	if ((c = lookup(r, &r->dists, ka, kb, &fresh)) == NULL)
		return SETARA_ENOMEM;
	if (fresh) {
		if ((error = setara_credit__dist_get(&d, &r->arena, r->st,
		    NULL, sc, isced, institution, cycle)) < 0)
			keep_error(r, c, error);
		c->found = d;
	}
	*out = c->found;
	return c->error < 0 ? replay(c) : 0;
}

/* The cycle of the host programme by its AQRF level (5 short, 6 first,
 * 7 second, 8 third), or NULL. */
static const char *cycle_of(const cr_level *l)
{
	static const char *const cycles[] = { "short", "first", "second",
		"third" };

	if (l == NULL || l->error < 0 || l->min != l->max || l->min < 5 ||
	    l->min > 8)
		return NULL;
	return cycles[l->min - 5];
}

/* "th-cu-0613 (th-cu, ISCED 0613, 2022-2024)": which table, whose. */
static const char *dist_name(ev *e, const cr_dist *d)
{
	if (d == NULL)
		return "reference shares";
	return setara_credit__printf(e->a, "%s (%s%s, ISCED %s, %s%s%s)",
		d->id, d->fallback ? "reference table" : d->institution ?
		d->institution : "", d->fallback || !d->institution ? "" :
		"'s table", d->isced, d->years, d->cycle ? ", cycle " : "",
		d->cycle ? d->cycle : "");
}

/*
 * The record's own grading table for field @isced, as a table of the
 * store would be (its grades on the record's scale), into *out; NULL
 * when the record has none.
 */
static int record_dist(const cr_dist **out, ev *e, const char *isced)
{
	const setara_record *rec = e->rec;
	cr_dist *d;
	size_t i, j;
	int error;

	*out = NULL;
	for (i = 0; i < rec->ndists; i++) {
		const rec_dist *rd = &rec->dists[i];

		if (isced && strcmp(rd->isced, isced) != 0)
			continue;
		if ((d = setara_credit__alloc(e->a, sizeof(*d))) == NULL)
			return SETARA_ENOMEM;
		d->id = setara_credit__printf(e->a, "%s (record, ISCED %s)",
			rec->inst_id, rd->isced);
		d->scale = e->rscale->id;
		d->isced = rd->isced;
		d->years = rd->years;
		d->n = rd->n;
		d->grade = rd->grade;
		d->count = rd->count;
		d->f.file = rec->name;
		d->f.line = rd->line;
		for (j = 0; j < d->n; j++) {
			const cr_grade *g;

			if ((error = setara_credit__grade_find(&g, e->a,
			    e->rscale, d->grade[j])) < 0) {
				setara_error__set_file(rec->name);
				return error;
			}
		}
		*out = d;
		return 0;
	}
	return 0;
}

/* Grades by distribution: the record's own grading table for the field,
 * else the store's; the host's from the store. */
static int grade_dists(ev *e)
{
	gsetup *gs = &e->gs;
	const cr_agreement *ag = e->ag;
	setara_transfer_rules *r = e->r;
	const char *isced = ag && ag->isced ? ag->isced :
		e->rec->isced ? e->rec->isced : r->prog_isced;
	const cr_dist *fd = NULL, *td = NULL;
	int error;

	if ((error = record_dist(&fd, e, isced)) < 0)
		return error;
	if (fd == NULL && (error = dist_for(&fd, r, e->rscale, isced,
	    e->rec->inst_id, cycle_of(e->prog_level))) < 0)
		return error;
	if ((error = dist_for(&td, r, r->scale, isced, r->host_id,
	    cycle_of(e->prog_level))) < 0)
		return error;
	gs->o.from_dist = fd;
	gs->o.to_dist = td;
	gs->what = setara_credit__printf(e->a, "distribution (%s against %s, "
		"policy %s fixed in advance)", fd && fd->f.file ==
		e->rec->name ? fd->id : dist_name(e, fd), dist_name(e, td),
		setara_credit__band_policy_name(gs->o.policy));
	return 0;
}

static int grade_setup(ev *e)
{
	gsetup *gs = &e->gs;
	const cr_agreement *ag = e->ag;
	const cr_policy *p = e->p;
	setara_transfer_rules *r = e->r;
	int error;

	memset(gs, 0, sizeof(*gs));
	gs->needed = p->with_grade || p->min_grade.present || p->ntiers;
	if (!gs->needed)
		return 0;
	if (r->scale == NULL)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA,
			r->host_f.file, r->host_f.line, "gradeScale", "host "
			"'%s' has no grade scale: grades cannot transfer",
			r->host_id);
	gs->o.rounding = SETARA_ROUNDING_NEAREST;
	gs->o.truncate = -1;
	if (ag && ag->has_grade) {
		gs->o.method = ag->gmethod;
		gs->o.policy = (setara_band_policy)ag->policy;
		gs->o.rounding = ag->ground;
		gs->f = ag->grade_f;
		if (ag->gmethod == SETARA_GRADE_TABLE) {
			if (strcmp(ag->table->from, e->rscale->id) != 0)
				return setara_error__set(SETARA_EINVALID,
					SETARA_ERROR_DATA, ag->grade_f.file,
					ag->grade_f.line, "conversion", "table "
					"'%s' converts '%s', the record's "
					"grades are on '%s'", ag->table->id,
					ag->table->from, e->rscale->id);
			gs->o.table = ag->table;
			gs->what = setara_credit__printf(e->a, "table %s "
				"(agreement %s)", ag->table->id, ag->id);
			return 0;
		}
	} else {
		const cr_gconv *t;

		/* no agreement says: a table if one exists, else linear */
		if ((error = table_for(&t, r, e->rscale->id,
		    r->scale->id)) < 0)
			return error;
		if (t) {
			gs->o.method = SETARA_GRADE_TABLE;
			gs->o.table = t;
			gs->f = t->f;
			gs->what = setara_credit__printf(e->a, "table %s",
				t->id);
			return 0;
		}
		gs->o.method = SETARA_GRADE_LINEAR;
	}
	if (gs->o.method == SETARA_GRADE_LINEAR) {
		gs->what = setara_credit__printf(e->a, "linear (modified "
			"Bavarian formula), to the %s valid grade",
			gs->o.rounding == SETARA_ROUNDING_FAVOUR ?
			"next better" : gs->o.rounding ==
			SETARA_ROUNDING_AGAINST ? "next worse" : "nearest");
		return 0;
	}
	return grade_dists(e);
}

/* Convert grade @g; the converted grade into *out. */
static int grade_of(ev *e, ev_item *x, const cr_grade *g,
	const cr_grade **out, setara__dec *value)
{
	cr_gres res;
	const char *const *s;
	size_t i;
	int error;

	memset(&res, 0, sizeof(res));
	setara_credit__facts_init(&res.facts);
	/* no store: sources are cited by key in the trace */
	if ((error = setara_credit__grade_convert(&res, e->a, NULL,
	    e->rscale, g, e->r->scale, &e->gs.o)) < 0) {
		setara_error__set_file(e->rec->name);
		return error;
	}
	s = res.steps.items;
	for (i = 0; i < res.steps.n; i++)
		if ((error = step(e, x, "grade", SETARA_STEP_INFO, &e->gs.f,
		    "%s", s[i])) < 0)
			return error;
	*out = res.grade;
	*value = setara_credit__grade_value(e->r->scale, res.grade);
	return 0;
}

/* ---- credits ------------------------------------------------------------- */

static int factor_for(ev *e)
{
	factor_cache *c = e->r->factors.items;
	cr_method_opts mo;
	size_t i;

	for (i = 0; i < e->r->factors.n; i++)
		if (strcmp(c[i].system, e->rsys->id) == 0 && c[i].ag == e->ag)
			break;
	if (i == e->r->factors.n) {
		c = setara_credit__vec_push(&e->r->arena, &e->r->factors,
			sizeof(*c));
		if (c == NULL)
			return SETARA_ENOMEM;
		c->system = e->rsys->id;
		c->ag = e->ag;
		memset(&mo, 0, sizeof(mo));
		if (e->ag && e->ag->has_credit) {
			mo.method = e->ag->method;
			mo.period = e->ag->period;
			mo.activity = e->ag->activity;
			mo.has_ratio = e->ag->has_ratio;
			mo.ratio = e->ag->ratio;
			mo.ratio_fact = &e->ag->credit_f;
		}
		c->error = setara_credit__factor(&c->k, &e->r->arena,
			e->r->st, e->rsys, e->r->system, &mo);
		if (c->error == 0 && setara__dec_cmp(c->k.lo, c->k.hi) != 0)
			c->error = setara_error__set(SETARA_EINVALID,
				SETARA_ERROR_CREDIT, e->rsys->f.file,
				e->rsys->f.line, "hours", "converting %s to "
				"%s gives a range (a definition is a range): "
				"an agreement must fix the value", e->rsys->id,
				e->r->system->id);
		if (c->error < 0) {
			const setara_error *er = setara_error_last();

			c->message = setara_credit__strdup(&e->r->arena,
				er->message);
			c->file = setara_credit__strdup(&e->r->arena,
				er->file);
			c->field = setara_credit__strdup(&e->r->arena,
				er->field);
			c->line = er->line;
		}
	} else {
		c = &c[i];
	}
	if (c->error < 0)
		return setara_error__set(c->error, SETARA_ERROR_CREDIT,
			c->file, c->line, c->field, "%s", c->message);
	e->k = &c->k;
	return 0;
}

/*
 * A converted value short of the host course's @target by at most the
 * policy's tolerance (UKM: 10% of the host course's credits) earns the
 * host course's value.  1 when it does (the step written), 0 when there
 * is no tolerance or the shortfall is larger, negative on error.
 */
static int tolerance(ev *e, ev_item *x, setara__dec converted,
	setara__dec target)
{
	const cr_policy *p = e->p;
	setara__dec short_by, pct;
	int error, ok;

	if (!p->has_tolerance || setara__dec_sign(target) <= 0)
		return 0;
	if ((error = setara__dec_sub(&short_by, target, converted)) < 0 ||
	    (error = setara__dec_div(&pct, short_by, target)) < 0 ||
	    (error = setara__dec_mul(&pct, pct, setara__dec_int(100))) < 0)
		return error;
	ok = setara__dec_cmp(pct, p->tolerance) <= 0;
	if ((error = step(e, x, "credit-value", ok ? SETARA_STEP_PASS :
	    SETARA_STEP_INFO, &p->value.f, "converted %s is %s%% below the "
	    "host course's %s: %s the tolerance of %s%%", DH(e, converted),
	    DH(e, pct), D(e, target), ok ? "within" : "beyond",
	    D(e, p->tolerance))) < 0)
		return error;
	if (!ok)
		return 0;
	x->granted = target;
	return 1;
}

/* Credits granted for @converted against target credits @target. */
static int credit_value(ev *e, ev_item *x, setara__dec converted,
	int has_target, setara__dec target)
{
	const cr_policy *p = e->p;
	setara__dec g;
	int error;

	if (has_target && p->value_target) {
		if (setara__dec_cmp(converted, target) >= 0) {
			x->granted = target;
			return step(e, x, "credit-value", SETARA_STEP_PASS,
				&p->value.f, "credit value of the host "
				"course%s: %s (converted %s)", x->to.n > 1 ?
				"s" : "", D(e, target),
				DH(e, converted));
		}
		if ((error = tolerance(e, x, converted, target)) != 0)
			return error < 0 ? error : 0;
		if (!p->shortfall_partial) {
			if ((error = step(e, x, "credit-value",
			    SETARA_STEP_FAIL, &p->value.f, "converted %s is "
			    "below the host course's %s: refused",
			    DH(e, converted), D(e, target))) < 0)
				return error;
			refuse(x, setara_credit__printf(e->a, "converted "
				"credits %s below the host course's %s",
				DH(e, converted), D(e, target)));
			return 0;
		}
		x->pub.status = SETARA_TRANSFER_PARTIAL;
		x->pub.reason = setara_credit__printf(e->a, "converted credits "
			"%s below the host course's %s", DH(e, converted),
			D(e, target));
		if ((error = step(e, x, "credit-value", SETARA_STEP_LIMIT,
		    &p->value.f, "converted %s is below the host course's "
		    "%s: partial credit", DH(e, converted), D(e, target))) < 0)
			return error;
	} else if (p->value.present && (error = step(e, x, "credit-value",
	    SETARA_STEP_INFO, &p->value.f, "credit value: the converted "
	    "credits, %s", DH(e, converted))) < 0) {
		return error;
	}
	g = converted;
	if (p->rounding.present && !p->round_total &&
	    p->round != SETARA_ROUNDING_NONE) {
		if ((error = setara_credit__round_credits(&g, converted,
		    p->round, p->round_step)) < 0)
			return error;
		if ((error = step(e, x, "rounding", SETARA_STEP_INFO,
		    &p->rounding.f, "rounded %s to a multiple of %s, per "
		    "course: %s", setara_credit__rounding_name(p->round),
		    D(e, p->round_step), D(e, g))) < 0)
			return error;
		if (setara__dec_sign(g) <= 0) {
			refuse(x, "no credit left after rounding");
			return 0;
		}
	}
	x->granted = g;
	return 0;
}

/*
 * One source course to several host courses (one-to-many): the converted
 * credits split as the rule states (share=), else in proportion to the
 * host courses' credits, one step per target.  When the policy grants
 * the host course's value, each part must reach its course's credits
 * (within the tolerance).  1 when the split holds, 0 when the item is
 * refused, negative on error.
 */
static int split_credits(ev *e, ev_item *x, const cr_rule *ru,
	setara__dec conv, setara__dec target)
{
	const cr_policy *p = e->p;
	setara__dec part, need, gap;
	size_t j;
	int error, ok = 1;

	for (j = 0; j < ru->nto; j++) {
		const cr_rule_to *tt = &ru->to[j];
		setara__dec w = tt->share;
		int met = 1;

		if (!tt->has_share && (error = setara__dec_div(&w,
		    tt->course->credits, target)) < 0)
			return error;
		if ((error = setara__dec_mul(&part, conv, w)) < 0)
			return error;
		if (p->value_target && setara__dec_cmp(part,
		    tt->course->credits) < 0) {
			/* short: at most the tolerance of the course's value */
			met = 0;
			if (p->has_tolerance) {
				if ((error = setara__dec_mul(&need,
				    tt->course->credits, p->tolerance)) < 0 ||
				    (error = setara__dec_div(&need, need,
				    setara__dec_int(100))) < 0 ||
				    (error = setara__dec_sub(&gap,
				    tt->course->credits, part)) < 0)
					return error;
				met = setara__dec_cmp(gap, need) <= 0;
			}
		}
		ok = ok && met;
		if ((error = step(e, x, "split", met ? SETARA_STEP_INFO :
		    SETARA_STEP_FAIL, &ru->f,
		    "%s of the converted %s (%s) to %s (%s credits)%s",
		    DH(e, w), DH(e, conv), DH(e, part), tt->code,
		    D(e, tt->course->credits), met ? "" : ": short of the "
		    "host course's value")) < 0)
			return error;
	}
	if (!ok)
		refuse(x, "a part of the split is short of its host course's "
			"value");
	return ok;
}

/* ---- one course or group of courses -------------------------------------- */

typedef struct credited {
	const char *code;
	size_t item;         /* 1-based */
	int source;          /* a record course, else a host course */
} credited;

/* The item that already credits host course @code (@source 0) or record
 * course @code (@source 1), or 0 (1-based). */
static size_t credited_by_kind(ev *e, const char *code, int source)
{
	const credited *c = e->credited.items;
	size_t i;

	for (i = 0; i < e->credited.n; i++)
		if (c[i].source == source && strcmp(c[i].code, code) == 0)
			return c[i].item;
	return 0;
}

static size_t credited_by(ev *e, const char *code)
{
	return credited_by_kind(e, code, 0);
}

static int remember(ev *e, const setara_transfer_course *t, size_t nt,
	size_t n, int source)
{
	credited *slot;
	size_t i;

	for (i = 0; i < nt; i++) {
		if (t[i].code == NULL)
			continue;
		if ((slot = setara_credit__vec_push(e->a, &e->credited,
		    sizeof(*slot))) == NULL)
			return SETARA_ENOMEM;
		slot->code = t[i].code;
		slot->item = n;
		slot->source = source;
	}
	return 0;
}

/* Remember the host courses of granted item @x (number @n, 1-based), and
 * the record courses it was granted for: a course taken again (a
 * retake, in another term) is credited once. */
static int credit_courses(ev *e, ev_item *x, size_t n)
{
	int error;

	if (x->pub.status == SETARA_TRANSFER_REFUSED)
		return 0;
	if ((error = remember(e, x->to.items, x->to.n, n, 0)) < 0)
		return error;
	return remember(e, x->from.items, x->from.n, n, 1);
}

/*
 * The student's record at this host (hostRecord): the grades are on the
 * host's scale (else exit 3 at their line).  Called once per evaluation.
 */
static int host_record(ev *e)
{
	const setara_record *rec = e->rec;
	size_t i;
	int error;

	if (rec->nhosts == 0)
		return 0;
	if ((e->hgrades = setara_credit__alloc(e->a, rec->nhosts *
	    sizeof(*e->hgrades))) == NULL)
		return SETARA_ENOMEM;
	for (i = 0; i < rec->nhosts; i++) {
		const rec_host *h = &rec->hosts[i];

		if (strcmp(h->institution, e->r->host_id) != 0 ||
		    h->grade == NULL)
			continue;
		if (e->r->scale == NULL)
			return setara_error__set(SETARA_EINVALID,
				SETARA_ERROR_DATA, rec->name, h->line, "grade",
				"host '%s' has no grade scale for the grade of "
				"%s", e->r->host_id, h->code);
		if ((error = setara_credit__grade_find(&e->hgrades[i], e->a,
		    e->r->scale, h->grade)) < 0) {
			char *msg = setara__strdup(
				setara_error_last()->message);

			error = setara_error__set(error, SETARA_ERROR_DATA,
				rec->name, h->line, "grade", "%s", msg ? msg :
				"grade not on the host's scale");
			setara__free(msg);
			return error;
		}
	}
	return 0;
}

/*
 * Host course @code already passed at the host, by the student's record
 * there: not credited twice (a step and a refusal, 0).  1 when it was
 * not passed there, negative on error.
 */
static int host_passed(ev *e, ev_item *x, const char *code)
{
	const setara_record *rec = e->rec;
	size_t i;

	for (i = 0; e->hgrades && i < rec->nhosts; i++) {
		const rec_host *h = &rec->hosts[i];
		const cr_grade *g = e->hgrades[i];

		if (g == NULL || !g->pass || strcmp(h->code, code) != 0)
			continue;
		if (step(e, x, "host-record", SETARA_STEP_FAIL, NULL, "host "
		    "course %s was passed at %s (grade %s%s%s, record line "
		    "%d): not credited twice", code, h->institution,
		    g->symbol, h->completed ? ", " : "", h->completed ?
		    h->completed : "", h->line) < 0)
			return SETARA_ENOMEM;
		refuse(x, setara_credit__printf(e->a, "%s was already passed "
			"at the host", code));
		return 0;
	}
	return 1;
}

/*
 * Learning hours the record states for every source course convert by
 * the host's total hours per credit for the activity, when it publishes
 * one value and no agreement fixes another method (UKM: credits compare
 * through student learning time first, the credit totals only when it
 * is unknown).  *conv is replaced and the
 * step kept for credits_step(); nothing changes otherwise.
 */
static int stated_hours(ev *e, ev_item *x, const long *srcs, size_t nsrc,
	setara__dec *conv)
{
	const rec_course *c = &e->rec->courses[srcs[0]];
	const cr_hours *h;
	setara__dec sum = SETARA_DEC_ZERO;
	size_t i;
	int error;

	/* an agreement that fixes another method keeps it */
	if (e->ag && e->ag->has_credit &&
	    e->ag->method != SETARA_CREDIT_HOURS)
		return 0;
	for (i = 0; i < nsrc; i++)
		if (!e->rec->courses[srcs[i]].has_hours)
			return 0;
	h = setara_credit__hours_find(e->r->system, c->activity ?
		c->activity : "lecture", "total");
	if (h == NULL || setara__dec_cmp(h->lo, h->hi) != 0)
		return 0;
	for (i = 0; i < nsrc; i++)
		if ((error = setara__dec_add(&sum, sum,
		    e->rec->courses[srcs[i]].hours)) < 0)
			return error;
	if ((error = setara__dec_div(conv, sum, h->lo)) < 0)
		return error;
	x->credits_how = setara_credit__printf(e->a, "stated learning "
		"hours: %s h / %s h a credit = %s %s (hours stated on the "
		"record)", D(e, sum), DH(e, h->lo), DH(e, *conv),
		e->r->system->id);
	x->pub.credit_method = "hours";
	return 0;
}

/* The conversion of the item's credits, once, after its rule. */
static int credits_step(ev *e, ev_item *x, setara__dec orig,
	setara__dec conv)
{
	setara_transfer_step *s = x->steps.items;
	size_t i;

	for (i = 0; i < x->steps.n; i++)
		if (s[i].check[0] == 'c' && strcmp(s[i].check, "credits") == 0)
			return 0;
	if (x->credits_how)
		return step(e, x, "credits", SETARA_STEP_INFO, NULL, "%s",
			x->credits_how);
	if (e->k_text == NULL && (e->k_text = DH(e, e->k->lo)) == NULL)
		return SETARA_ENOMEM;
	return step(e, x, "credits", SETARA_STEP_INFO, NULL, "%s %s x %s = "
		"%s %s (%s)", D(e, orig), e->rsys->id, e->k_text,
		DH(e, conv), e->r->system->id, e->k->method);
}

/* Index of the unused record course with @code, or -1. */
static long find_course(ev *e, const char *code)
{
	size_t i;

	for (i = 0; i < e->rec->ncourses; i++)
		if (!e->used[i] && strcmp(e->rec->courses[i].code, code) == 0)
			return (long)i;
	return -1;
}

static int in_range(const cr_rule_from *f, setara__dec credits)
{
	return (!f->has_min || setara__dec_cmp(credits, f->min) >= 0) &&
		(!f->has_max || setara__dec_cmp(credits, f->max) <= 0);
}

/*
 * Whether rule @ru applies to record course @idx: in force on its
 * completion date, within the unit range, every other source on the
 * record.  *srcs gets the record indices of its sources.
 */
static int applies(ev *e, ev_item *x, const cr_rule *ru, size_t idx,
	long *srcs)
{
	const rec_course *c = &e->rec->courses[idx];
	size_t j;
	int error;

	if (ru->from_date || ru->until_date) {
		if (c->completed == NULL) {
			error = step(e, x, "rule", SETARA_STEP_INFO, &ru->f,
				"rule %s does not apply: it holds for courses "
				"completed%s%s%s%s, and %s has no completion "
				"date", ru->id, ru->from_date ? " from " : "",
				ru->from_date ? ru->from_date : "",
				ru->until_date ? " until " : "",
				ru->until_date ? ru->until_date : "", c->code);
			return error < 0 ? error : 0;
		}
		if ((ru->from_date &&
		    strcmp(c->completed, ru->from_date) < 0) ||
		    (ru->until_date &&
		    strcmp(c->completed, ru->until_date) > 0)) {
			error = step(e, x, "rule", SETARA_STEP_INFO, &ru->f,
				"rule %s does not apply: %s was completed on "
				"%s, the rule holds%s%s%s%s", ru->id, c->code,
				c->completed, ru->from_date ? " from " : "",
				ru->from_date ? ru->from_date : "",
				ru->until_date ? " until " : "",
				ru->until_date ? ru->until_date : "");
			return error < 0 ? error : 0;
		}
	}
	for (j = 0; j < ru->nfrom; j++) {
		const cr_rule_from *f = &ru->from[j];
		long k = strcmp(f->code, c->code) == 0 ? (long)idx :
			find_course(e, f->code);

		if (k < 0) {
			error = step(e, x, "rule", SETARA_STEP_INFO, &ru->f,
				"rule %s does not apply: it needs %s too, "
				"which is not on the record", ru->id, f->code);
			return error < 0 ? error : 0;
		}
		if (!in_range(f, e->rec->courses[k].credits)) {
			error = step(e, x, "rule", SETARA_STEP_INFO, &ru->f,
				"rule %s does not apply: %s has %s credits, "
				"the rule is for %s%s%s%s", ru->id, f->code,
				e->rec->courses[k].credits_text, f->has_min ?
				"at least " : "", f->has_min ? D(e, f->min) :
				"", f->has_min && f->has_max ? " and " : "",
				f->has_max ? setara_credit__printf(e->a,
				"at most %s", D(e, f->max)) : "");
			return error < 0 ? error : 0;
		}
		srcs[j] = k;
	}
	return 1;
}

/*
 * The course being evaluated: its item, the rule that applies and the
 * record courses it takes (the course itself first), what they are worth
 * and the grades they convert to.
 */
typedef struct ev_course {
	ev_item *x;
	size_t idx;                /* the record course it starts from */
	const cr_rule *ru;         /* or NULL: no rule applies */
	long srcs[16];             /* record indices of its sources */
	size_t nsrc;
	setara__dec orig, conv;    /* credits: the record's, the host's */
	int has_target;            /* host courses (or a block) of a value */
	setara__dec target;
	const cr_grade *gconv[16]; /* the converted grade of each source */
} ev_course;

/*
 * 1. The rule: the first rule of the agreement that applies (in force on
 * the completion date, the unit range, every source on the record), with
 * a step for each that does not; none when there is no agreement or it
 * was not in force.  0 or negative on error.
 */
static int pick_rule(ev *e, ev_course *k)
{
	const rec_course *c = &e->rec->courses[k->idx];
	const cr_agreement *ag = e->ag;
	const cr_rule_index *ix;
	size_t i;
	int r;

	if (ag == NULL)
		return step(e, k->x, "rule", SETARA_STEP_INFO, NULL, "no "
			"agreement between %s and %s", e->r->host_id,
			e->rec->inst_id);
	if ((ag->from_date && c->completed &&
	    strcmp(c->completed, ag->from_date) < 0) ||
	    (ag->until_date && c->completed &&
	    strcmp(c->completed, ag->until_date) > 0))
		return step(e, k->x, "rule", SETARA_STEP_INFO, &ag->f,
			"agreement %s was not in force on %s", ag->id,
			c->completed);
	if ((ix = setara_credit__rules_for(ag, c->code)) == NULL)
		return 0;
	for (i = 0; i < ix->n && k->ru == NULL; i++) {
		const cr_rule *cand = &ag->rules[ix->rules[i]];

		if ((r = applies(e, k->x, cand, k->idx, k->srcs)) < 0)
			return r;
		if (r) {
			k->ru = cand;
			k->nsrc = cand->nfrom;
		}
	}
	return 0;
}

/*
 * The item's sources, taken off the record, and their credits converted
 * exactly: what the course is worth at the host.  0 or negative.
 */
static int convert_sources(ev *e, ev_course *k)
{
	const rec_course *c = &e->rec->courses[k->idx];
	ev_item *x = k->x;
	setara__dec hi;
	size_t i;
	int error;

	for (i = 0; i < k->nsrc; i++) {
		const rec_course *s = &e->rec->courses[k->srcs[i]];

		e->used[k->srcs[i]] = 1;
		if ((error = add_course(e, &x->from, s->code, s->title,
		    s->credits_text, s->grade, NULL)) < 0 ||
		    (error = setara__dec_add(&k->orig, k->orig,
		    s->credits)) < 0)
			return error;
	}
	x->original = k->orig;
	x->pub.credits_original = k->nsrc == 1 ? c->credits_text :
		D(e, k->orig);
	x->pub.grade_original = k->nsrc == 1 ? c->grade : NULL;
	if ((error = setara_credit__apply(&k->conv, &hi, e->a, NULL, e->k,
	    k->orig, e->rsys->id, e->r->system->id)) < 0)
		return error;
	x->pub.credit_method = e->k->method;
	if (c->has_hours && (error = stated_hours(e, x, k->srcs, k->nsrc,
	    &k->conv)) < 0)
		return error;
	x->converted = k->conv;
	x->has_converted = 1;
	x->pub.credits_converted = D(e, k->conv);
	return 0;
}

/* The host courses of rule @ru on the item; the target credits summed. */
static int rule_targets(ev *e, ev_course *k, const cr_rule *ru)
{
	ev_item *x = k->x;
	size_t j;
	int error;

	for (j = 0; j < ru->nto; j++) {
		const cr_rule_to *tt = &ru->to[j];

		if (tt->course) {
			k->has_target = 1;
			if ((error = setara__dec_add(&k->target, k->target,
			    tt->course->credits)) < 0)
				return error;
			if (tt->area && e->p->major_cap.present &&
			    strcmp(tt->area, e->p->major_area) == 0)
				x->major = 1;
		}
		if ((error = add_course(e, &x->to, tt->code,
		    tt->course ? tt->course->title : NULL,
		    tt->course ? D(e, tt->course->credits) :
		    tt->has_credits ? D(e, tt->credits) : NULL, NULL,
		    tt->area)) < 0)
			return error;
	}
	return 0;
}

/*
 * The rule's step: with no rule, the unmatched policy (block credit, or a
 * refusal); a rule that rejects; else the rule and its host courses.
 * 1 to go on, 0 when the item is refused, negative on error.
 */
static int rule_step(ev *e, ev_course *k)
{
	const cr_policy *p = e->p;
	const cr_rule *ru = k->ru;
	const char *code = e->rec->courses[k->idx].code;
	ev_item *x = k->x;
	int error;

	if (ru == NULL && p->unmatched_block) {
		x->pub.kind = SETARA_TRANSFER_BLOCK;
		x->pub.area = p->unmatched_area;
		error = step(e, x, "rule", SETARA_STEP_PASS, &p->unmatched.f,
			"no equivalence rule for %s: block credit in area "
			"'%s'", code, p->unmatched_area);
		return error < 0 ? error : 1;
	}
	if (ru == NULL) {
		if ((error = step(e, x, "rule", SETARA_STEP_FAIL,
		    p->unmatched.present ? &p->unmatched.f : NULL,
		    "no equivalence rule for %s", code)) < 0)
			return error;
		refuse(x, setara_credit__printf(e->a, "no equivalence rule "
			"for %s", code));
		return 0;
	}
	x->pub.rule = ru->id;
	if (strcmp(ru->kind, "reject") == 0) {
		if ((error = step(e, x, "rule", SETARA_STEP_FAIL, &ru->f,
		    "rule %s (reject): %s", ru->id, ru->note ? ru->note :
		    "no credit")) < 0)
			return error;
		refuse(x, ru->note ? ru->note : "rejected by rule");
		return 0;
	}
	if (strcmp(ru->kind, "block") == 0) {
		x->pub.kind = SETARA_TRANSFER_BLOCK;
		x->pub.area = ru->to[0].area;
	}
	if ((error = step(e, x, "rule", SETARA_STEP_PASS, &ru->f,
	    "rule %s (%s)%s%s", ru->id, ru->kind, ru->note ? ": " : "",
	    ru->note ? ru->note : "")) < 0 ||
	    (error = rule_targets(e, k, ru)) < 0)
		return error;
	return 1;
}

/*
 * A host course is credited once, and not when the student already
 * passed it at the host.  1 to go on, 0 refused, negative on error.
 */
static int targets_open(ev *e, ev_item *x)
{
	const setara_transfer_course *tc = x->to.items;
	const setara_transfer_course *fc = x->from.items;
	size_t j, by;
	int r;

	/* A course on the record twice (taken again) earns credit once:
	 * the first attempt granted keeps it, whatever the rule (a block of
	 * elective credit names no host course to catch it below). */
	for (j = 0; j < x->from.n; j++)
		if (fc[j].code && (by = credited_by_kind(e, fc[j].code, 1))) {
			step(e, x, "rule", SETARA_STEP_FAIL, NULL, "%s was "
				"taken again: its credit is already granted "
				"(item %zu)", fc[j].code, by);
			refuse(x, setara_credit__printf(e->a, "%s is already "
				"credited (taken again)", fc[j].code));
			return 0;
		}

	for (j = 0; j < x->to.n; j++) {
		by = tc[j].code ? credited_by(e, tc[j].code) : 0;
		if (tc[j].code && (r = host_passed(e, x, tc[j].code)) <= 0)
			return r;
		if (by) {
			step(e, x, "rule", SETARA_STEP_FAIL, NULL, "host course "
				"%s is already credited (item %zu)", tc[j].code,
				by);
			refuse(x, setara_credit__printf(e->a, "%s is already "
				"credited", tc[j].code));
			return 0;
		}
	}
	return 1;
}

/* 2. Each source completed and passed.  1 to go on, 0 refused. */
static int check_passed(ev *e, ev_course *k)
{
	ev_item *x = k->x;
	size_t i;

	for (i = 0; i < k->nsrc; i++) {
		const rec_course *s = &e->rec->courses[k->srcs[i]];
		const cr_grade *g = e->grades[k->srcs[i]];

		if (strcmp(s->status, "completed") != 0) {
			step(e, x, "completed", SETARA_STEP_FAIL, NULL, "%s is "
				"%s", s->code, s->status);
			refuse(x, setara_credit__printf(e->a, "%s is not "
				"completed", s->code));
			return 0;
		}
		if (g == NULL) {
			step(e, x, "passed", SETARA_STEP_FAIL, NULL,
				"%s has no grade", s->code);
			refuse(x, setara_credit__printf(e->a, "%s has no "
				"grade", s->code));
			return 0;
		}
		if (!g->pass) {
			step(e, x, "passed", SETARA_STEP_FAIL, &g->f, "%s: %s "
				"is a failing grade on %s", s->code, g->symbol,
				e->rscale->id);
			refuse(x, setara_credit__printf(e->a, "%s was not "
				"passed (%s)", s->code, g->symbol));
			return 0;
		}
	}
	return 1;
}

/* 3. Recency: each source completed within the policy's years.  1 to go
 * on, 0 refused. */
static int check_recency(ev *e, ev_course *k)
{
	const cr_policy *p = e->p;
	ev_item *x = k->x;
	size_t i;

	if (!p->recency.present)
		return 1;
	for (i = 0; i < k->nsrc; i++) {
		const rec_course *s = &e->rec->courses[k->srcs[i]];
		int ok = s->completed &&
			strcmp(s->completed, e->recency_cutoff) >= 0;

		step(e, x, "recency", ok ? SETARA_STEP_PASS :
			SETARA_STEP_FAIL, &p->recency.f, "%s completed "
			"%s: %s the last %d years (since %s)", s->code,
			s->completed ? s->completed : "(unknown)",
			ok ? "within" : "not within", p->recency_years,
			e->recency_cutoff);
		if (!ok) {
			refuse(x, setara_credit__printf(e->a, "%s is "
				"older than %d years", s->code,
				p->recency_years));
			return 0;
		}
	}
	return 1;
}

/* 4. Level: each source's own level, or the programme's once.  1 to go
 * on, 0 refused, negative on error. */
static int check_levels(ev *e, ev_course *k)
{
	size_t i;
	int r;

	for (i = 0; i < k->nsrc; i++) {
		const rec_course *s = &e->rec->courses[k->srcs[i]];

		if ((r = level_check(e, k->x, s->level ? s->level :
		    e->rec->level)) <= 0)
			return r;
		if (!s->level)
			break;  /* the programme's level: once is enough */
	}
	return 1;
}

/* 5. Learning outcomes: the rule's assessed overlap against the policy's
 * minimum (a course, not block credit).  1 to go on, 0 refused. */
static int check_overlap(ev *e, ev_course *k)
{
	const cr_policy *p = e->p;
	const cr_rule *ru = k->ru;
	ev_item *x = k->x;
	int ok;

	if (!p->overlap.present || x->pub.kind != SETARA_TRANSFER_COURSE)
		return 1;
	ok = ru->has_overlap &&
		setara__dec_cmp(ru->overlap, p->overlap_pct) >= 0;
	step(e, x, "overlap", ok ? SETARA_STEP_PASS : SETARA_STEP_FAIL,
		&p->overlap.f, ru->has_overlap ? "learning outcomes "
		"overlap %s%%, at least %s%% needed" : "the rule "
		"states no assessed overlap (%s), at least %s%% "
		"needed",
		ru->has_overlap ? D(e, ru->overlap) : "none",
		D(e, p->overlap_pct));
	if (!ok) {
		refuse(x, ru->has_overlap ? setara_credit__printf(e->a,
			"learning-outcome overlap %s%% below %s%%",
			D(e, ru->overlap), D(e, p->overlap_pct)) :
			"no assessed learning-outcome overlap");
		return 0;
	}
	return 1;
}

/*
 * The grade of several sources: the credit-weighted mean @v of their
 * converted grades, to the nearest valid grade (a tie to the better, but
 * of equal values, A+ and A, the plain one); each host course gets it, or
 * the grade of the source its rule names.  k->gconv[0] becomes it.
 */
static int composite_grade(ev *e, ev_course *k, setara__dec v)
{
	const cr_scale *sc = e->r->scale;
	const cr_rule *ru = k->ru;
	const cr_grade *best = NULL;
	ev_item *x = k->x;
	size_t i, j;
	int error;

	for (i = 0, j = 0; i < sc->ngrades; i++) {
		const cr_grade *hg = &sc->grades[i];
		setara__dec dv, bv;

		if (hg->rank < 0 || !hg->pass)
			continue;
		if (j++ == 0) {
			best = hg;
			continue;
		}
		setara__dec_sub(&dv, setara_credit__grade_value(sc, hg), v);
		setara__dec_sub(&bv, setara_credit__grade_value(sc, best), v);
		if (dv.num < 0)
			dv.num = -dv.num;
		if (bv.num < 0)
			bv.num = -bv.num;
		if (setara__dec_cmp(dv, bv) < 0 ||
		    (setara__dec_cmp(dv, bv) == 0 &&
		    setara__dec_cmp(setara_credit__grade_value(sc, hg),
		    setara_credit__grade_value(sc, best)) == 0))
			best = hg;
	}
	x->pub.grade_converted = best ? best->symbol : NULL;
	if (best && (error = step(e, x, "grade", SETARA_STEP_INFO, &e->gs.f,
	    "composite grade: the credit-weighted mean %s, nearest grade %s",
	    DH(e, v), best->symbol)) < 0)
		return error;
	for (j = 0; j < ru->nto && best; j++) {
		const cr_rule_to *tt = &ru->to[j];
		setara_transfer_course *tc = x->to.items;

		tc[j].grade = best->symbol;
		for (i = 0; tt->grade_from && i < k->nsrc; i++)
			if (strcmp(e->rec->courses[k->srcs[i]].code,
			    tt->grade_from) == 0)
				tc[j].grade = k->gconv[i]->symbol;
	}
	k->gconv[0] = best;
	return 0;
}

/* Each target's grade (or the one grade) against the policy's minimum;
 * an unranked pass (S, K) meets it.  1 to go on, 0 refused. */
static int check_min_grade(ev *e, ev_course *k)
{
	const cr_policy *p = e->p;
	ev_item *x = k->x;
	setara_transfer_course *tc = x->to.items;
	size_t n = k->nsrc > 1 ? x->to.n : 1, j;

	for (j = 0; j < n; j++) {
		const cr_grade *hg = k->gconv[0];
		int ok;

		if (k->nsrc > 1 && tc[j].grade &&
		    setara_credit__grade_find(&hg, e->a, e->r->scale,
		    tc[j].grade) < 0)
			return SETARA_ERROR;
		ok = hg && hg->pass && (hg->rank < 0 ||
			setara_credit__grade_cmp(e->r->scale, hg,
			p->min_grade_g) >= 0);
		step(e, x, "min-grade", ok ? SETARA_STEP_PASS :
			SETARA_STEP_FAIL, &p->min_grade.f, "converted grade %s "
			"against the minimum %s: %s", hg ? hg->symbol :
			"(none)", p->min_grade_g->symbol, ok ? "met" :
			"not met");
		if (!ok) {
			refuse(x, setara_credit__printf(e->a, "grade %s below "
				"the minimum %s", hg ? hg->symbol : "(none)",
				p->min_grade_g->symbol));
			return 0;
		}
	}
	return 1;
}

/*
 * 7. Grades, when the policy looks at them: converted per source (the
 * original kept), composite for several, against the minimum; dropped
 * again when only credit transfers.  1 to go on, 0 refused, negative on
 * error.
 */
static int convert_grades(ev *e, ev_course *k)
{
	const cr_policy *p = e->p;
	ev_item *x = k->x;
	setara__dec gval, v, wsum = SETARA_DEC_ZERO, csum = SETARA_DEC_ZERO;
	size_t i;
	int error, r;

	if (!e->gs.needed)
		return 1;
	for (i = 0; i < k->nsrc; i++) {
		const rec_course *s = &e->rec->courses[k->srcs[i]];

		if ((error = grade_of(e, x, e->grades[k->srcs[i]],
		    &k->gconv[i], &gval)) < 0 ||
		    (error = setara__dec_mul(&v, gval, s->credits)) < 0 ||
		    (error = setara__dec_add(&wsum, wsum, v)) < 0 ||
		    (error = setara__dec_add(&csum, csum, s->credits)) < 0)
			return error;
	}
	if (k->nsrc == 1)
		x->pub.grade_converted = k->gconv[0]->symbol;
	else if ((error = setara__dec_div(&v, wsum, csum)) < 0 ||
	    (error = composite_grade(e, k, v)) < 0)
		return error;
	x->hgrade = k->gconv[0];
	x->pub.grade_method = e->gs.o.method == SETARA_GRADE_TABLE ?
		"table" : e->gs.o.method == SETARA_GRADE_LINEAR ?
		"linear" : "distribution";
	if (p->min_grade.present && (r = check_min_grade(e, k)) <= 0)
		return r;
	if (!p->with_grade) {
		/* checked, not carried: credit only */
		x->pub.grade_converted = NULL;
		x->pub.grade_method = NULL;
		for (i = 0; i < x->to.n; i++)
			((setara_transfer_course *)x->to.items)[i].grade =
				NULL;
	}
	return 1;
}

/* What the policy does with the grade: credit only, or carried to the
 * host courses and counted in the GPA or not.  0 or negative. */
static int grade_policy(ev *e, ev_course *k)
{
	const cr_policy *p = e->p;
	ev_item *x = k->x;
	size_t j;
	int error;

	if (!p->with_grade && (error = step(e, x, "grades", SETARA_STEP_INFO,
	    &p->grades.f, "credit only: the grade is not transferred")) < 0)
		return error;
	if (k->nsrc == 1 && x->pub.grade_converted && x->to.n)
		for (j = 0; j < x->to.n; j++)
			((setara_transfer_course *)x->to.items)[j].grade =
				x->pub.grade_converted;
	x->pub.in_gpa = p->with_grade && p->in_gpa;
	if (p->grades.present && p->with_grade && (error = step(e, x,
	    "grades", SETARA_STEP_INFO, &p->grades.f, "with grade; %s the "
	    "GPA", p->in_gpa ? "counted in" : "not counted in")) < 0)
		return error;
	return 0;
}

/*
 * The checks of an item its rule grants, in the order of the header
 * comment; the first that refuses ends them.  0 (granted or refused) or
 * negative on error.
 */
static int course_checks(ev *e, ev_course *k)
{
	const cr_rule *ru = k->ru;
	ev_item *x = k->x;
	int r;

	if (x->pub.kind == SETARA_TRANSFER_BLOCK && e->p->major_cap.present &&
	    x->pub.area && strcmp(x->pub.area, e->p->major_area) == 0)
		x->major = 1;
	if ((r = credits_step(e, x, k->orig, k->conv)) < 0)
		return r;
	if (ru && strcmp(ru->kind, "one-to-many") == 0 &&
	    (r = split_credits(e, x, ru, k->conv, k->target)) <= 0)
		return r;
	if ((r = targets_open(e, x)) <= 0 || (r = check_passed(e, k)) <= 0 ||
	    (r = check_recency(e, k)) <= 0 || (r = check_levels(e, k)) <= 0 ||
	    (r = check_overlap(e, k)) <= 0 ||
	    (r = convert_grades(e, k)) <= 0 || (r = grade_policy(e, k)) < 0)
		return r;
	/* 8. the credit value */
	if (x->pub.kind == SETARA_TRANSFER_BLOCK && ru &&
	    ru->to[0].has_credits) {
		k->has_target = 1;
		k->target = ru->to[0].credits;
	}
	return credit_value(e, x, k->conv, k->has_target, k->target);
}

/* One course of the record (and the courses its rule takes with it). */
static int eval_course(ev *e, size_t idx)
{
	ev_course k;
	ev_item *x;
	int r;

	memset(&k, 0, sizeof(k));
	if ((k.x = x = item_new(e, SETARA_TRANSFER_COURSE)) == NULL)
		return SETARA_ENOMEM;
	k.idx = idx;
	k.srcs[0] = (long)idx;
	k.nsrc = 1;
	k.orig = k.conv = k.target = setara__dec_int(0);
	if ((r = pick_rule(e, &k)) < 0 || (r = convert_sources(e, &k)) < 0 ||
	    (r = rule_step(e, &k)) < 0)
		return r;
	if (r > 0 && (r = course_checks(e, &k)) < 0)
		return r;
	if (x->pub.status == SETARA_TRANSFER_REFUSED)
		x->granted = setara__dec_int(0);
	if ((r = credit_courses(e, x, e->items.n)) < 0)
		return r;
	return credits_step(e, x, k.orig, k.conv);
}

/* ---- advanced standing and prior learning -------------------------------- */

static int eval_standing(ev *e, const rec_qual *q)
{
	const cr_policy *p = e->p;
	const cr_standing *sd = NULL;
	const cr_level *l, *h = e->prog_level;
	ev_item *x;
	size_t i;
	int ok, error;

	if ((x = item_new(e, SETARA_TRANSFER_STANDING)) == NULL)
		return SETARA_ENOMEM;
	x->pub.credits_original = q->credits;
	x->pub.grade_original = NULL;
	if ((error = add_course(e, &x->from, q->kind, q->title, q->credits,
	    NULL, NULL)) < 0)
		return error;
	for (i = 0; i < p->nstandings; i++)
		if (strcmp(p->standings[i].qualification, q->kind) == 0)
			sd = &p->standings[i];
	if (sd == NULL) {
		step(e, x, "standing", SETARA_STEP_FAIL, NULL, "the host "
			"policy grants no advanced standing for a '%s'",
			q->kind);
		refuse(x, setara_credit__printf(e->a, "no advanced standing "
			"for a '%s'", q->kind));
		return 0;
	}
	x->pub.rule = "advancedStanding";
	x->pub.area = sd->area;
	if (sd->area && e->p->major_cap.present &&
	    strcmp(sd->area, e->p->major_area) == 0)
		x->major = 1;
	if ((l = setara_credit__rules_level(e->r, q->level)) == NULL)
		return SETARA_ENOMEM;
	if (l->error < 0)
		return setara_error__set(l->error, SETARA_ERROR_DATA,
			e->rec->name, q->line, "level", "%s", l->message);
	if (h->error < 0)
		return setara_error__set(h->error, SETARA_ERROR_DATA,
			e->r->prog_f.file, e->r->prog_f.line, "level", "%s",
			h->message);
	if (l->min == 0 || h->min == 0) {
		step(e, x, "level", SETARA_STEP_FAIL, &sd->it.f, "%s is not "
			"referenced to the AQRF: the level rule of advanced "
			"standing cannot be checked", l->min == 0 ? q->level :
			e->r->prog_level);
		refuse(x, "level not referenced to the AQRF");
		return 0;
	}
	/* vertical: below the programme, by at most sd->below levels */
	ok = l->max < h->min && h->min - l->max <= sd->below;
	x->pub.level_basis = l->indicative || h->indicative ?
		"indicative" : "confirmed";
	step(e, x, "level", ok ? SETARA_STEP_PASS : SETARA_STEP_FAIL,
		&sd->it.f, "%s (%s) is AQRF %s%s, the programme (%s) AQRF "
		"%s%s: %s", q->kind, q->level, range(e, l->min, l->max),
		l->mark, e->r->prog_level, range(e, h->min, h->max), h->mark,
		ok ?
		setara_credit__printf(e->a, "vertical transfer, %d level%s "
		"below (at most %d)", h->min - l->max, h->min - l->max > 1 ?
		"s" : "", sd->below) : l->max >= h->min ? "not below the "
		"programme: credit transfers course by course" :
		setara_credit__printf(e->a, "more than %d level%s below",
		sd->below, sd->below > 1 ? "s" : ""));
	if (!ok) {
		refuse(x, "the level rule of advanced standing is not met");
		return 0;
	}
	x->granted = sd->credits;
	x->pub.credits_converted = NULL;
	if ((error = step(e, x, "standing", SETARA_STEP_PASS, &sd->it.f,
	    "advanced standing: %s credits of block credit%s%s, without "
	    "grade", D(e, sd->credits), sd->area ? " in area " : "",
	    sd->area ? sd->area : "")) < 0)
		return error;
	return 0;
}

static int eval_prior(ev *e, const rec_prior *pr)
{
	const cr_policy *p = e->p;
	const cr_host_course *hc;
	ev_item *x;
	size_t i;
	int ok, error;

	if ((x = item_new(e, SETARA_TRANSFER_RPL)) == NULL)
		return SETARA_ENOMEM;
	if ((error = add_course(e, &x->from, pr->id, pr->title, NULL, NULL,
	    NULL)) < 0)
		return error;
	if ((hc = setara_credit__host_course(e->r, pr->target)) == NULL)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA,
			e->rec->name, pr->line, "target", "'%s' is not a "
			"course of %s", pr->target, e->r->host_id);
	if ((error = add_course(e, &x->to, hc->code, hc->title,
	    D(e, hc->credits), NULL, hc->area)) < 0)
		return error;
	if (hc->area && e->p->major_cap.present &&
	    strcmp(hc->area, e->p->major_area) == 0)
		x->major = 1;
	if ((ok = host_passed(e, x, hc->code)) <= 0)
		return ok;
	if ((i = credited_by(e, hc->code)) != 0) {
		step(e, x, "rpl", SETARA_STEP_FAIL, NULL, "host course %s is "
			"already credited (item %zu)", hc->code, i);
		refuse(x, setara_credit__printf(e->a, "%s is already "
			"credited", hc->code));
		return 0;
	}
	if (!p->rpl.present) {
		step(e, x, "rpl", SETARA_STEP_FAIL, NULL, "the host policy "
			"provides no recognition of prior learning");
		refuse(x, "no recognition of prior learning in the policy");
		return 0;
	}
	x->pub.rule = "rpl";
	ok = setara__dec_cmp(pr->score, p->rpl_min_score) >= 0;
	step(e, x, "rpl", ok ? SETARA_STEP_PASS : SETARA_STEP_FAIL, &p->rpl.f,
		"assessed against %s: %s%% of its learning outcomes shown, at "
		"least %s%% needed%s", hc->code, D(e, pr->score),
		D(e, p->rpl_min_score), p->rpl_block ? "" :
		" (course by course, no block award)");
	if (!ok) {
		refuse(x, setara_credit__printf(e->a, "assessed %s%% below the "
			"%s%% needed", D(e, pr->score),
			D(e, p->rpl_min_score)));
		return 0;
	}
	x->granted = hc->credits;
	if ((error = credit_courses(e, x, e->items.n)) < 0)
		return error;
	return step(e, x, "rpl", SETARA_STEP_INFO, &p->rpl.f, "credit of "
		"%s: %s, without grade, not in the GPA", hc->code,
		D(e, hc->credits));
}

/* ---- caps ---------------------------------------------------------------- */

static int cap_apply(ev *e, ev_item *x, setara__dec *used, setara__dec limit,
	const char *what, const cr_item *it, int partial_ok)
{
	const cr_policy *p = e->p;
	setara__dec room, g;
	int error;

	if (x->pub.status == SETARA_TRANSFER_REFUSED)
		return 0;
	if ((error = setara__dec_sub(&room, limit, *used)) < 0)
		return error;
	if (setara__dec_cmp(x->granted, room) <= 0) {
		if ((error = setara__dec_add(used, *used, x->granted)) < 0)
			return error;
		return step(e, x, "cap", SETARA_STEP_PASS, &it->f, "within "
			"the cap on %s: %s of %s used", what, D(e, *used),
			D(e, limit));
	}
	g = room;
	if (partial_ok && p->rounding.present && !p->round_total &&
	    p->round != SETARA_ROUNDING_NONE &&
	    (error = setara__dec_round(&g, room, p->round_step,
	    SETARA_ROUND_DOWN)) < 0)
		return error;
	if (!partial_ok || setara__dec_sign(g) <= 0) {
		step(e, x, "cap", SETARA_STEP_FAIL, &it->f, "the cap on %s "
			"(%s) %s", what, D(e, limit),
			setara__dec_sign(room) > 0 ?
			setara_credit__printf(e->a, "leaves %s, and no partial "
			"credit is given", D(e, room)) : "is reached");
		refuse(x, setara_credit__printf(e->a, "the cap on %s (%s) "
			"is reached", what, D(e, limit)));
		return 0;
	}
	step(e, x, "cap", SETARA_STEP_LIMIT, &it->f, "the cap on %s (%s) "
		"leaves %s of %s", what, D(e, limit), D(e, g),
		D(e, x->granted));
	x->granted = g;
	x->pub.status = SETARA_TRANSFER_PARTIAL;
	x->pub.reason = setara_credit__printf(e->a, "the cap on %s (%s)",
		what, D(e, limit));
	return setara__dec_add(used, *used, g);
}

/*
 * The tier of the cap on the degree item @x may fill (capTier: UTHM and
 * UKM, up to 30% at C+, 31-50% at B): the largest tier whose grade the
 * item's converted grade meets, within @limit.  An item without a grade
 * (advanced standing, prior learning) is held to @limit alone.  1 with
 * *lim and *it set, 0 when the item is refused (no tier met), or an error.
 */
static int tier_limit(ev *e, ev_item *x, setara__dec limit,
	setara__dec *lim, const cr_item **it)
{
	const cr_policy *p = e->p;
	const cr_tier *t = NULL;
	size_t i;

	if (x->pub.status == SETARA_TRANSFER_REFUSED ||
	    x->pub.kind != SETARA_TRANSFER_COURSE)
		return 1;
	for (i = 0; x->hgrade && x->hgrade->rank >= 0 && i < p->ntiers; i++)
		if (setara_credit__grade_cmp(e->r->scale, x->hgrade,
		    p->tiers[i].grade) >= 0)
			t = &p->tiers[i];  /* sorted: the last met is largest */
	if (t == NULL) {
		step(e, x, "cap", SETARA_STEP_FAIL, &p->tiers[0].it.f, "grade "
			"%s meets no tier of the cap on the degree (the lowest "
			"needs %s)", x->hgrade ? x->hgrade->symbol : "(none)",
			p->tiers[0].grade->symbol);
		refuse(x, setara_credit__printf(e->a, "grade %s below every "
			"tier of the cap (the lowest needs %s)", x->hgrade ?
			x->hgrade->symbol : "(none)",
			p->tiers[0].grade->symbol));
		return 0;
	}
	*lim = setara__dec_min(limit, t->limit);
	*it = &t->it;
	return step(e, x, "cap", SETARA_STEP_INFO, &t->it.f, "grade %s: the "
		"tier up to %s credits (at least %s)", x->hgrade->symbol,
		D(e, t->limit), t->grade->symbol) < 0 ? SETARA_ENOMEM : 1;
}

static int add_cap(ev *e, cr_vec *caps, const char *kind, setara__dec limit,
	setara__dec used, const char *text)
{
	setara_transfer_cap *c = setara_credit__vec_push(e->a, caps,
		sizeof(*c));

	if (c == NULL)
		return SETARA_ENOMEM;
	c->kind = kind;
	c->limit = D(e, limit);
	c->used = D(e, used);
	c->text = text;
	return 0;
}

static int caps(ev *e, cr_vec *capv)
{
	const cr_policy *p = e->p;
	ev_item *it = e->items.items;
	size_t n = e->items.n, i;
	setara__dec used, limit, resid;
	int error, have;

	if (p->rpl.present && e->rec->npriors) {
		used = setara__dec_int(0);
		for (i = 0; i < n; i++)
			if (it[i].pub.kind == SETARA_TRANSFER_RPL &&
			    (error = cap_apply(e, &it[i], &used, p->rpl_limit,
			    "prior learning", &p->rpl, p->rpl_partial)) < 0)
				return error;
		if ((error = add_cap(e, capv, "rpl", p->rpl_limit, used,
		    setara_credit__printf(e->a, "prior learning: at most %s "
		    "credits%s", D(e, p->rpl_limit), p->rpl.note ?
		    setara_credit__printf(e->a, " (%s)", p->rpl.note) :
		    ""))) < 0)
			return error;
	}
	if (p->major_cap.present) {
		used = setara__dec_int(0);
		for (i = 0; i < n; i++)
			if (it[i].major && (error = cap_apply(e, &it[i], &used,
			    p->major_limit, setara_credit__printf(e->a,
			    "the %s", p->major_area), &p->major_cap,
			    p->caps_partial)) < 0)
				return error;
		if ((error = add_cap(e, capv, "major", p->major_limit, used,
		    setara_credit__printf(e->a, "area %s: at most %s credits "
		    "transferred", p->major_area, D(e, p->major_limit)))) < 0)
			return error;
	}
	have = 0;
	limit = e->r->prog_credits;
	if (p->degree_cap.present) {
		limit = setara__dec_min(limit, p->degree_limit);
		have = 1;
	}
	if (p->residency.present) {
		if ((error = setara__dec_sub(&resid, e->r->prog_credits,
		    p->residency_credits)) < 0)
			return error;
		if (setara__dec_sign(resid) < 0)
			resid = setara__dec_int(0);
		limit = setara__dec_min(limit, resid);
		have = 1;
	}
	if (have) {
		e->has_limit = 1;
		e->limit = limit;
	}
	if (have) {
		const cr_item *ci = p->degree_cap.present &&
			(!p->residency.present ||
			setara__dec_cmp(limit, p->degree_limit) == 0) ?
			&p->degree_cap : &p->residency;

		used = setara__dec_int(0);
		for (i = 0; i < n; i++) {
			int partial = it[i].pub.kind == SETARA_TRANSFER_RPL ?
				p->rpl_partial : p->caps_partial;
			setara__dec lim = limit;
			const cr_item *cit = ci;

			if (p->ntiers && (error = tier_limit(e, &it[i], limit,
			    &lim, &cit)) <= 0) {
				if (error < 0)
					return error;
				continue;
			}
			if ((error = cap_apply(e, &it[i], &used, lim,
			    "the degree", cit, partial)) < 0)
				return error;
		}
		if ((error = add_cap(e, capv, "degree", limit, used,
		    setara_credit__printf(e->a, "the degree: at most %s of "
		    "the programme's %s credits%s%s%s", D(e, limit),
		    D(e, e->r->prog_credits), p->degree_cap.present ?
		    setara_credit__printf(e->a, " (maximum share %s)",
		    D(e, p->degree_limit)) : "", !p->residency.present ? "" :
		    p->residency_period ? setara_credit__printf(e->a, " (%s "
		    "in residence at the host, %s credits)",
		    p->residency_period, D(e, p->residency_credits)) :
		    setara_credit__printf(e->a, " (%s to be earned in "
		    "residence)", D(e, p->residency_credits)), p->ntiers ?
		    setara_credit__printf(e->a, " in %zu tiers by grade",
		    p->ntiers) : ""))) < 0)
			return error;
	}
	return 0;
}

/* ---- the sending institution -------------------------------------------- */

/*
 * The record's sender against the data: whether it is an institution of
 * the store (an unknown one is allowed: no agreement, no tables of its
 * own, and the basis says so), and that an institutional credit system
 * the record names is the sender's own or the one the data gives the
 * sender (exit 3 at the programme's line).
 */
static int sender_check(ev *e)
{
	const setara_record *rec = e->rec;
	const char *own;
	int known;

	if ((known = setara_credit__rules_institution(e->r, rec->inst_id,
	    &own)) < 0)
		return known;
	e->sender_known = known;
	if (e->rsys->institution && rec->inst_id &&
	    strcmp(e->rsys->institution, rec->inst_id) != 0 &&
	    (own == NULL || strcmp(own, e->rsys->id) != 0))
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA,
			rec->name, rec->prog_line, "creditSystem", "'%s' is "
			"the credit system of %s, and the record is from %s%s",
			e->rsys->id, e->rsys->institution, rec->inst_id,
			known ? "" : " (an institution not in the data: "
			"name its national credit system)");
	return 0;
}

/* ---- the evaluation ------------------------------------------------------ */

static int basis_notes(ev *e, cr_vec *notes)
{
	const setara_transfer_rules *r = e->r;
	const cr_policy *p = e->p;
	const char *const *ks = e->k ? e->k->steps.items : NULL;
	const char **n;
	size_t i;

#define NOTE(...) do { \
	if ((n = setara_credit__vec_push(e->a, notes, sizeof(*n))) == NULL) \
		return SETARA_ENOMEM; \
	*n = setara_credit__printf(e->a, __VA_ARGS__); \
	} while (0)

	NOTE("host %s (%s), programme %s (%s, %s credits)%s", r->host_id,
		r->host_name, r->prog_id, r->prog_name,
		D(e, r->prog_credits), setara_credit__fact_tag(e->a,
		&r->prog_f));
	if (r->has_policy)
		NOTE("policy %s: %s%s", p->id, p->name ? p->name : "",
			setara_credit__fact_tag(e->a, &p->f));
	else
		NOTE("no transfer policy for the programme: defaults apply");
	if (e->ag)
		NOTE("agreement %s: %s%s", e->ag->id, e->ag->name,
			setara_credit__fact_tag(e->a, &e->ag->f));
	else
		NOTE("no agreement between %s and %s%s", r->host_id,
			e->rec->inst_id, e->sender_known ? "" : " (an "
			"institution not in the data)");
	if (e->k == NULL) {
		NOTE("no courses on the record: no credit or grade "
			"conversion");
	} else {
		NOTE("credits: %s %s to %s by %s", e->rec->system,
			e->rsys->name, r->system->id, e->k->method);
		for (i = 0; i < e->k->steps.n; i++)
			NOTE("credits: %s", ks[i]);
	}
	if (e->k == NULL)
		;
	else if (e->gs.needed)
		NOTE("grades: %s to %s by %s", e->rscale->id, r->scale->id,
			e->gs.what);
	else
		NOTE("grades: not transferred (credit only)");
	if (p->rounding.present && p->round != SETARA_ROUNDING_NONE)
		NOTE("rounding: %s to a multiple of %s, on the %s%s",
			setara_credit__rounding_name(p->round),
			D(e, p->round_step), p->round_total ? "total" :
			"course", setara_credit__fact_tag(e->a,
			&p->rounding.f));
	NOTE("caps in this order: prior learning, the major, the degree");
#undef NOTE
	return 0;
}

/*
 * The blocks a decision's arena kept, up to this many bytes, go back to
 * its rules for the next evaluation.  Freed, they would be the top of the
 * heap, which malloc hands back to the kernel; the next evaluation would
 * then fault every page in again (for a 100-course record that was half
 * the time of the evaluation; docs/performance.md).
 */
#define SPARE_MAX (1024 * 1024)

static void decision_release(struct setara_transfer_decision *d)
{
	setara_transfer_rules *r = d->rules;
	cr_arena a = d->arena;   /* d lives in it */
	cr_block *blocks = setara_credit__arena_take(&a, SPARE_MAX), *none =
		NULL;

	if (!atomic_compare_exchange_strong(&r->spare, &none, blocks))
		setara_credit__blocks_free(blocks);
}

static void date_of(char out[11], time_t t)
{
	char full[21];

	setara__time_format(full, t);
	memcpy(out, full, 10);
	out[10] = '\0';
}

/* The day of the evaluation (--at, else today) and the recency cutoff:
 * the same day, that many years back. */
static int eval_date(ev *e, const setara_transfer_options *opts)
{
	time_t at = setara__time_now();
	int y;

	if (opts && opts->at && setara__time_parse(&at, opts->at) < 0)
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, "--at", "'%s' is not a date", opts->at);
	date_of(e->at, at);
	y = (e->at[0] - '0') * 1000 + (e->at[1] - '0') * 100 +
		(e->at[2] - '0') * 10 + (e->at[3] - '0') - e->p->recency_years;
	snprintf(e->recency_cutoff, sizeof(e->recency_cutoff), "%04d%.6s",
		y < 0 ? 0 : y % 10000, e->at + 4);
	return 0;
}

/* The record's credit system and grade scale; an unknown id is named at
 * the record's line that gives it. */
static int record_system(ev *e)
{
	const setara_record *rec = e->rec;
	char *msg;
	int error;

	if ((error = setara_credit__rules_system(&e->rsys, e->r,
	    rec->system)) >= 0 &&
	    (error = setara_credit__rules_scale(&e->rscale, e->r,
	    rec->scale)) >= 0)
		return 0;
	msg = setara__strdup(setara_error_last()->message);
	error = setara_error__set(error, SETARA_ERROR_DATA, rec->name,
		rec->prog_line, e->rsys ? "gradeScale" : "creditSystem", "%s",
		msg ? msg : "unknown id");
	setara__free(msg);
	return error;
}

/* Every grade of the record is on its scale (else exit 3 at its line). */
static int record_grades(ev *e)
{
	const setara_record *rec = e->rec;
	size_t i;
	int error;

	if ((e->grades = setara_credit__alloc(e->a, (rec->ncourses + 1) *
	    sizeof(*e->grades))) == NULL ||
	    (e->used = setara_credit__alloc(e->a, rec->ncourses + 1)) == NULL)
		return SETARA_ENOMEM;
	for (i = 0; i < rec->ncourses; i++) {
		char *msg;

		if (rec->courses[i].grade == NULL ||
		    (error = setara_credit__grade_find(&e->grades[i], e->a,
		    e->rscale, rec->courses[i].grade)) >= 0)
			continue;
		msg = setara__strdup(setara_error_last()->message);
		error = setara_error__set(error, SETARA_ERROR_DATA, rec->name,
			rec->courses[i].line, "grade", "%s", msg ? msg :
			"grade not on the scale");
		setara__free(msg);
		return error;
	}
	return 0;
}

/*
 * 1. What is fixed for the record: the day, the agreement, the record's
 * system, scale and sender, its grades at the host and on its own scale,
 * the programme's level, the credit factor and the grade method.
 */
static int eval_setup(ev *e, const setara_transfer_options *opts)
{
	const setara_record *rec = e->rec;
	int error;

	if ((error = eval_date(e, opts)) < 0)
		return error;
	e->ag = setara_credit__agreement(e->r, rec->inst_id);
	if ((error = record_system(e)) < 0 || (error = sender_check(e)) < 0 ||
	    (error = host_record(e)) < 0 || (error = record_grades(e)) < 0)
		return error;
	if ((e->prog_level = setara_credit__rules_level(e->r,
	    e->r->prog_level)) == NULL)
		return SETARA_ENOMEM;
	/* credits and grades convert only when there are courses */
	if (rec->ncourses && ((error = factor_for(e)) < 0 ||
	    (error = grade_setup(e)) < 0))
		return error;
	return 0;
}

/* 2-4: the items in order: standing, courses, prior learning. */
static int eval_items(ev *e)
{
	const setara_record *rec = e->rec;
	size_t i;
	int error;

	for (i = 0; i < rec->nquals; i++)
		if ((error = eval_standing(e, &rec->quals[i])) < 0)
			return error;
	for (i = 0; i < rec->ncourses; i++)
		if (!e->used[i] && (error = eval_course(e, i)) < 0)
			return error;
	for (i = 0; i < rec->npriors; i++)
		if ((error = eval_prior(e, &rec->priors[i])) < 0)
			return error;
	return 0;
}

/* 6. The total granted rounded, when the policy rounds on the total
 * (never over the cap on the degree), and the rounding said. */
static int total_rounding(ev *e, setara__dec granted)
{
	setara_transfer_totals *tot = &e->d->totals;
	const cr_policy *p = e->p;
	setara__dec rt;
	int error;

	if (!p->rounding.present || p->round == SETARA_ROUNDING_NONE)
		return 0;
	if (!p->round_total) {
		tot->rounding = setara_credit__printf(e->a, "%s to a multiple "
			"of %s per course", setara_credit__rounding_name(
			p->round), D(e, p->round_step));
		return 0;
	}
	if ((error = setara_credit__round_credits(&rt, granted, p->round,
	    p->round_step)) < 0)
		return error;
	tot->rounding = setara_credit__printf(e->a, "%s to a multiple of %s "
		"on the total", setara_credit__rounding_name(p->round),
		D(e, p->round_step));
	/* rounding never takes the total over the cap on the degree */
	if (e->has_limit && setara__dec_cmp(rt, e->limit) > 0) {
		if ((error = setara__dec_round(&rt, granted, p->round_step,
		    SETARA_ROUND_DOWN)) < 0)
			return error;
		tot->rounding = setara_credit__printf(e->a, "%s (down: up "
			"would pass the cap on the degree, %s)", tot->rounding,
			D(e, e->limit));
	}
	tot->credits_granted_rounded = D(e, rt);
	return 0;
}

/* 6. The public items, and the totals over them. */
static int publish(ev *e)
{
	struct setara_transfer_decision *d = e->d;
	setara_transfer_totals *tot = &d->totals;
	setara__dec orig = SETARA_DEC_ZERO, conv = SETARA_DEC_ZERO,
		granted = SETARA_DEC_ZERO;
	size_t i;
	int error;

	if ((d->items = setara_credit__alloc(e->a, (e->items.n + 1) *
	    sizeof(*d->items))) == NULL)
		return SETARA_ENOMEM;
	for (i = 0; i < e->items.n; i++) {
		ev_item *x = &((ev_item *)e->items.items)[i];

		if ((x->pub.kind == SETARA_TRANSFER_COURSE ||
		    x->pub.kind == SETARA_TRANSFER_BLOCK) &&
		    (error = setara__dec_add(&orig, orig, x->original)) < 0)
			return error;
		if (x->has_converted &&
		    (error = setara__dec_add(&conv, conv, x->converted)) < 0)
			return error;
		if (x->pub.status != SETARA_TRANSFER_REFUSED &&
		    (error = setara__dec_add(&granted, granted,
		    x->granted)) < 0)
			return error;
		x->pub.credits_granted = D(e, x->granted);
		x->pub.nfrom = x->from.n;
		x->pub.from = x->from.items;
		x->pub.nto = x->to.n;
		x->pub.to = x->to.items;
		x->pub.nsteps = x->steps.n;
		x->pub.steps = x->steps.items;
		if (x->pub.status == SETARA_TRANSFER_GRANTED)
			tot->granted++;
		else if (x->pub.status == SETARA_TRANSFER_PARTIAL)
			tot->partial++;
		else
			tot->refused++;
		/* one item on an unconfirmed link makes the decision so */
		if (x->pub.level_basis && (tot->level_basis == NULL ||
		    strcmp(x->pub.level_basis, "indicative") == 0))
			tot->level_basis = x->pub.level_basis;
		d->items[i] = x->pub;
	}
	d->nitems = e->items.n;
	tot->host = e->r->host_id;
	tot->programme = e->r->prog_id;
	tot->partner = e->rec->inst_id;
	tot->evaluated = setara_credit__strdup(e->a, e->at);
	tot->credits_original = D(e, orig);
	tot->credits_converted = D(e, conv);
	tot->credits_granted = D(e, granted);
	return total_rounding(e, granted);
}

int setara_transfer_evaluate(setara_transfer_decision **out,
	setara_transfer_rules *rules, const setara_record *rec,
	const setara_transfer_options *opts)
{
	struct setara_transfer_decision *d;
	cr_arena a = { NULL, NULL };
	cr_vec capv = { 0 }, notes = { 0 };
	setara_transfer_totals *tot;
	ev e;
	int error;

	*out = NULL;
	SETARA_ASSERT_ARG(rules && rec);
	SETARA_CHECK_VERSION(opts, SETARA_TRANSFER_OPTIONS_VERSION,
		"SETARA_TRANSFER_OPTIONS_INIT");
	setara_credit__arena_reuse(&a, atomic_exchange(&rules->spare, NULL));
	if ((d = setara_credit__alloc(&a, sizeof(*d))) == NULL) {
		setara_credit__arena_free(&a);
		return SETARA_ENOMEM;
	}
	memset(&e, 0, sizeof(e));
	e.r = rules;
	e.rec = rec;
	e.d = d;
	d->arena = a;
	e.a = &d->arena;
	e.p = &rules->policy;
	d->rules = rules;
	d->record = rec;
	if ((error = eval_setup(&e, opts)) < 0 ||
	    (error = eval_items(&e)) < 0 ||
	    (error = caps(&e, &capv)) < 0 ||    /* 5. */
	    (error = publish(&e)) < 0 ||
	    (error = basis_notes(&e, &notes)) < 0)
		goto fail;
	tot = &d->totals;
	tot->ncaps = capv.n;
	tot->caps = capv.items;
	tot->nnotes = notes.n;
	tot->notes = notes.items;
	d->policy_id = rules->has_policy ? rules->policy.id : NULL;
	d->agreement_id = e.ag ? e.ag->id : NULL;
	if (e.prog_level->error == 0 && e.prog_level->min > 0 &&
	    e.prog_level->min == e.prog_level->max &&
	    strncmp(rules->prog_level, "aqrf:", 5) != 0)
		d->aqrf = e.prog_level->min;
	*out = d;
	return 0;
fail:
	decision_release(d);
	return error;
}

void setara_transfer_decision_free(setara_transfer_decision *d)
{
	if (d == NULL)
		return;
	decision_release(d);
}

size_t setara_transfer_decision_count(const setara_transfer_decision *d)
{
	return d ? d->nitems : 0;
}

const setara_transfer_item *setara_transfer_decision_item(
	const setara_transfer_decision *d, size_t i)
{
	return d && i < d->nitems ? &d->items[i] : NULL;
}

const setara_transfer_totals *setara_transfer_decision_totals(
	const setara_transfer_decision *d)
{
	return d ? &d->totals : NULL;
}

/* For decision.c. */
const setara_transfer_rules *setara_credit__decision_rules(
	const setara_transfer_decision *d)
{
	return d->rules;
}

const setara_record *setara_credit__decision_record(
	const setara_transfer_decision *d)
{
	return d->record;
}

void setara_credit__decision_ids(const setara_transfer_decision *d,
	const char **policy, const char **agreement, int *aqrf)
{
	*policy = d->policy_id;
	*agreement = d->agreement_id;
	*aqrf = d->aqrf;
}
