/*
 * Credit conversion: the factor that turns one system's credits into
 * another's, and setara_credit_convert().
 *
 * Three methods (domain notes, section 6):
 *   hours  x * source hours per credit / target hours per credit, on the
 *          same basis (total learning hours, or contact hours, for the
 *          same kind of activity);
 *   load   x * target full-time load / source full-time load for the same
 *          period: the ACTS/UCTS top-down formula (UCTS: 4 credits at a
 *          host whose full semester is 16 are 4 x 30 / 16 = 7.5 UCTS);
 *   ratio  x * a ratio two institutions agreed (NUS's per-partner ratio).
 * AUTO follows the systems' definitions: load share when one of them is
 * defined as a share of a load and both publish a load for a common
 * period, else hours when both publish hours on a common basis, else load
 * share when both publish a load for a common period, else an error that
 * says what is missing.  The load share is named "load-share" (as in the
 * transcript's creditMethod); "load" is its old name, still accepted.
 * A definition that is a range (ECTS: 25-30 hours) gives a range.
 * Nothing is rounded unless asked.
 */
#include <string.h>

#include "credit_int.h"

/* the period of the ACTS/UCTS formula first */
static const char *const periods[] = { "semester", "year", "trimester",
	NULL };

static const char *basis_words(const char *basis)
{
	return strcmp(basis, "total") == 0 ? "total learning" : "contact";
}

static char *range_text(cr_arena *a, setara__dec lo, setara__dec hi,
	const char *unit)
{
	char l[SETARA_DEC_BUFSIZE], h[SETARA_DEC_BUFSIZE];

	setara__dec_format_human(l, lo);
	if (setara__dec_cmp(lo, hi) == 0)
		return setara_credit__printf(a, "%s%s", l, unit);
	setara__dec_format_human(h, hi);
	return setara_credit__printf(a, "%s-%s%s", l, h, unit);
}

/* The error for a value @sys never published, quoting its gaps. */
static int missing(const cr_system *sys, const char *field,
	const char *what, const char *method)
{
	return setara_error__set(SETARA_EINVALID, SETARA_ERROR_CREDIT,
		sys->f.file, sys->f.line, field, "%s (%s) publishes no %s: "
		"conversion by %s is not possible%s%s", sys->id, sys->name,
		what, method, sys->gaps ? ". Not published: " : "",
		sys->gaps ? sys->gaps : "");
}

static int add_fact(cr_arena *a, cr_factor *k, setara_store *st,
	const char *subject, const char *what, const char *value,
	const cr_fact *f)
{
	return setara_credit__facts_add(a, &k->facts, st, subject, what,
		value, f);
}

/* ---- by hours ------------------------------------------------------------ */

/* The hours per credit of one side, as a step and a fact; nothing for
 * the pseudo system "hours" (an amount already in hours). */
static int hours_side(cr_factor *k, cr_arena *a, setara_store *st,
	const cr_system *sys, const cr_hours *h)
{
	int error;

	if (strcmp(sys->kind, "hours") == 0)
		return setara_credit__step(a, &k->steps, "%s: the amount is "
			"in %s hours", sys->id, basis_words(h->basis)) < 0 ?
			SETARA_ENOMEM : 0;
	if ((error = setara_credit__step(a, &k->steps, "%s: 1 credit = %s "
	    "(%s hours, %s%s)%s", sys->id, range_text(a, h->lo, h->hi,
	    " h"), basis_words(h->basis), strcmp(h->activity, "any") ?
	    h->activity : "any activity", strcmp(h->system, sys->id) ?
	    setara_credit__printf(a, ", from %s", h->system) : "",
	    setara_credit__fact_tag(a, &h->f))) < 0)
		return error;
	return add_fact(a, k, st, h->system, setara_credit__printf(a,
		"hours per credit (%s, %s)", h->activity, h->basis),
		range_text(a, h->lo, h->hi, ""), &h->f);
}

static int by_hours(cr_factor *k, cr_arena *a, setara_store *st,
	const cr_system *from, const cr_system *to, const char *activity,
	int quiet)
{
	static const char *const bases[] = { "total", "contact", NULL };
	const cr_hours *hf = NULL, *ht = NULL;
	const char *act = activity ? activity : "lecture";
	int b, error;

	if (from->nhours == 0)
		return quiet ? SETARA_EINVALID : missing(from, "hours",
			"hours per credit", "hours");
	if (to->nhours == 0)
		return quiet ? SETARA_EINVALID : missing(to, "hours",
			"hours per credit", "hours");
	for (b = 0; bases[b]; b++) {
		hf = setara_credit__hours_find(from, act, bases[b]);
		ht = setara_credit__hours_find(to, act, bases[b]);
		if (hf && ht)
			break;
	}
	if (bases[b] == NULL) {
		if (quiet)
			return SETARA_EINVALID;
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_CREDIT,
			from->f.file, from->f.line, "hours", "no common basis "
			"for '%s': %s states %s hours and %s %s hours per "
			"credit, and hours of one kind do not convert into "
			"the other (use a load share or an agreement)", act,
			from->id, setara_credit__hours_find(from, act,
			"total") ? "total learning" :
			setara_credit__hours_find(from, act, "contact") ?
			"contact" : "no", to->id,
			setara_credit__hours_find(to, act, "total") ?
			"total learning" : setara_credit__hours_find(to, act,
			"contact") ? "contact" : "no");
	}
	k->method = "hours";
	k->basis = bases[b];
	k->num_lo = hf->lo;
	k->num_hi = hf->hi;
	k->den_lo = ht->lo;
	k->den_hi = ht->hi;
	k->num_what = "h";
	k->den_what = "h";
	/* factor = source hours / target hours; a range widens it */
	if ((error = setara__dec_div(&k->lo, hf->lo, ht->hi)) < 0 ||
	    (error = setara__dec_div(&k->hi, hf->hi, ht->lo)) < 0)
		return error;
	if ((error = hours_side(k, a, st, from, hf)) < 0 ||
	    (error = hours_side(k, a, st, to, ht)) < 0)
		return error;
	return 0;
}

/* ---- by load share ------------------------------------------------------- */

static int by_load(cr_factor *k, cr_arena *a, setara_store *st,
	const cr_system *from, const cr_system *to, const char *period,
	int quiet)
{
	const cr_load *lf = NULL, *lt = NULL;
	int p, error;

	if (from->nloads == 0)
		return quiet ? SETARA_EINVALID : missing(from, "load",
			"full-time load", "load share");
	if (to->nloads == 0)
		return quiet ? SETARA_EINVALID : missing(to, "load",
			"full-time load", "load share");
	if (period) {
		lf = setara_credit__load_find(from, period);
		lt = setara_credit__load_find(to, period);
		if ((!lf || !lt) && !quiet)
			return missing(lf ? to : from, "load",
				setara_credit__printf(a, "full-time load per "
				"%s", period), "load share");
	} else {
		for (p = 0; periods[p]; p++) {
			lf = setara_credit__load_find(from, periods[p]);
			lt = setara_credit__load_find(to, periods[p]);
			if (lf && lt)
				break;
		}
		if (!periods[p] && !quiet)
			return setara_error__set(SETARA_EINVALID,
				SETARA_ERROR_CREDIT, from->f.file,
				from->f.line, "load", "no common period: %s "
				"publishes a load per %s and %s per %s",
				from->id, from->loads[0].period, to->id,
				to->loads[0].period);
	}
	if (!lf || !lt)
		return SETARA_EINVALID;
	k->method = "load-share";
	k->basis = lf->period;
	k->num_lo = lt->lo;
	k->num_hi = lt->hi;
	k->den_lo = lf->lo;
	k->den_hi = lf->hi;
	k->num_what = "";
	k->den_what = "";
	/* factor = target load / source load */
	if ((error = setara__dec_div(&k->lo, lt->lo, lf->hi)) < 0 ||
	    (error = setara__dec_div(&k->hi, lt->hi, lf->lo)) < 0)
		return error;
	if ((error = setara_credit__step(a, &k->steps, "%s: full %s = %s "
	    "credits%s%s", from->id, lf->period, range_text(a, lf->lo, lf->hi,
	    ""), strcmp(lf->system, from->id) ? setara_credit__printf(a,
	    " (from %s)", lf->system) : "",
	    setara_credit__fact_tag(a, &lf->f))) < 0 ||
	    (error = setara_credit__step(a, &k->steps, "%s: full %s = %s "
	    "credits%s%s", to->id, lt->period, range_text(a, lt->lo, lt->hi,
	    ""), strcmp(lt->system, to->id) ? setara_credit__printf(a,
	    " (from %s)", lt->system) : "",
	    setara_credit__fact_tag(a, &lt->f))) < 0)
		return error;
	if ((error = add_fact(a, k, st, lf->system, setara_credit__printf(a,
	    "full-time load per %s", lf->period), range_text(a, lf->lo,
	    lf->hi, ""), &lf->f)) < 0 ||
	    (error = add_fact(a, k, st, lt->system, setara_credit__printf(a,
	    "full-time load per %s", lt->period), range_text(a, lt->lo,
	    lt->hi, ""), &lt->f)) < 0)
		return error;
	return 0;
}

/* ---- choosing ------------------------------------------------------------ */

int setara_credit__factor(cr_factor *k, cr_arena *a, setara_store *st,
	const cr_system *from, const cr_system *to, const cr_method_opts *o)
{
	int load_defined, error;

	memset(k, 0, sizeof(*k));
	setara_credit__facts_init(&k->facts);
	switch (o->method) {
	case SETARA_CREDIT_HOURS:
		return by_hours(k, a, st, from, to, o->activity, 0);
	case SETARA_CREDIT_LOAD:
		return by_load(k, a, st, from, to, o->period, 0);
	case SETARA_CREDIT_RATIO:
		if (!o->has_ratio)
			return setara_error__set(SETARA_EUSAGE,
				SETARA_ERROR_USAGE, NULL, 0, "ratio",
				"conversion by ratio needs the ratio");
		k->method = "ratio";
		k->basis = "agreement";
		k->lo = k->hi = k->num_lo = k->num_hi = o->ratio;
		k->den_lo = k->den_hi = setara__dec_int(1);
		k->num_what = k->den_what = "";
		if ((error = setara_credit__step(a, &k->steps, "agreed ratio: "
		    "1 %s credit = %s %s credits%s", from->id, range_text(a,
		    o->ratio, o->ratio, ""), to->id, o->ratio_fact ?
		    setara_credit__fact_tag(a, o->ratio_fact) : "")) < 0)
			return error;
		if (o->ratio_fact && (error = add_fact(a, k, st, to->id,
		    "credit ratio", range_text(a, o->ratio, o->ratio, ""),
		    o->ratio_fact)) < 0)
			return error;
		return 0;
	case SETARA_CREDIT_AUTO:
	default:
		break;
	}
	load_defined = (from->defined && !strcmp(from->defined, "load")) ||
		(to->defined && !strcmp(to->defined, "load"));
	if (load_defined && (error = by_load(k, a, st, from, to, o->period,
	    1)) == 0)
		return setara_credit__step(a, &k->steps, "method: load share "
			"(%s is defined as a share of a full-time load)",
			from->defined && !strcmp(from->defined, "load") ?
			from->id : to->id) < 0 ? SETARA_ENOMEM : 0;
	memset(k, 0, sizeof(*k));
	setara_credit__facts_init(&k->facts);
	if ((error = by_hours(k, a, st, from, to, o->activity, 1)) == 0)
		return setara_credit__step(a, &k->steps, "method: hours "
			"(both systems define a credit by %s hours)",
			basis_words(k->basis)) < 0 ? SETARA_ENOMEM : 0;
	memset(k, 0, sizeof(*k));
	setara_credit__facts_init(&k->facts);
	/* hours do not convert (no common basis, or none published) but
	 * both systems publish a full-time load: the data supports a load
	 * share, so that is the default */
	if (!load_defined && (error = by_load(k, a, st, from, to, o->period,
	    1)) == 0)
		return setara_credit__step(a, &k->steps, "method: load share "
			"(no hours on a common basis; both publish a full-time "
			"load per %s)", k->basis) < 0 ? SETARA_ENOMEM : 0;
	memset(k, 0, sizeof(*k));
	setara_credit__facts_init(&k->facts);
	/* say why: the first reason of the first method that applies */
	if (load_defined)
		return by_load(k, a, st, from, to, o->period, 0);
	error = by_hours(k, a, st, from, to, o->activity, 0);
	if (error < 0 && from->nloads && to->nloads) {
		const setara_error *e = setara_error_last();
		char *msg = setara__strdup(e->message),
			*file = setara__strdup(e->file),
			*field = setara__strdup(e->field);
		int line = e->line, code = e->code;

		setara_error__set(code, SETARA_ERROR_CREDIT, file, line, field,
			"%s; both publish a full-time load: --method "
			"load-share converts by load share", msg ? msg : "");
		setara__free(msg);
		setara__free(file);
		setara__free(field);
	}
	return error;
}

int setara_credit__apply(setara__dec *lo, setara__dec *hi, cr_arena *a,
	cr_vec *steps, const cr_factor *k, setara__dec x, const char *from_id,
	const char *to_id)
{
	char xs[SETARA_DEC_BUFSIZE], rl[SETARA_DEC_BUFSIZE],
		rh[SETARA_DEC_BUFSIZE];
	int error;

	if ((error = setara__dec_mul(lo, x, k->lo)) < 0 ||
	    (error = setara__dec_mul(hi, x, k->hi)) < 0)
		return error;
	if (steps == NULL)
		return 0;
	setara__dec_format(xs, x);
	setara__dec_format_human(rl, *lo);
	setara__dec_format_human(rh, *hi);
	if (strcmp(k->method, "hours") == 0) {
		/* x * source hours = hours; hours / target hours */
		char hl[SETARA_DEC_BUFSIZE], hh[SETARA_DEC_BUFSIZE];
		setara__dec hlo, hhi;

		if ((error = setara__dec_mul(&hlo, x, k->num_lo)) < 0 ||
		    (error = setara__dec_mul(&hhi, x, k->num_hi)) < 0)
			return error;
		setara__dec_format_human(hl, hlo);
		setara__dec_format_human(hh, hhi);
		if (setara__dec_cmp(k->lo, k->hi) == 0)
			return setara_credit__step(a, steps, "%s %s x %s h = "
				"%s h; %s h / %s h = %s %s", xs, from_id,
				range_text(a, k->num_lo, k->num_hi, ""), hl,
				hl, range_text(a, k->den_lo, k->den_hi, ""),
				rl, to_id);
		return setara_credit__step(a, steps, "%s %s x %s h = %s h; "
			"%s h / %s h = %s to %s %s", xs, from_id,
			range_text(a, k->num_lo, k->num_hi, ""),
			setara__dec_cmp(hlo, hhi) ? range_text(a, hlo, hhi,
			"") : hl, setara__dec_cmp(hlo, hhi) ? hh : hl,
			range_text(a, k->den_lo, k->den_hi, ""), rl, rh, to_id);
	}
	if (strcmp(k->method, "load-share") == 0) {
		if (setara__dec_cmp(k->lo, k->hi) == 0)
			return setara_credit__step(a, steps, "%s x %s / %s = "
				"%s %s", xs, range_text(a, k->num_lo,
				k->num_hi, ""), range_text(a, k->den_lo,
				k->den_hi, ""), rl, to_id);
		return setara_credit__step(a, steps, "%s x %s / %s = %s to %s "
			"%s", xs, range_text(a, k->num_lo, k->num_hi, ""),
			range_text(a, k->den_lo, k->den_hi, ""), rl, rh,
			to_id);
	}
	return setara_credit__step(a, steps, "%s x %s = %s %s", xs,
		range_text(a, k->lo, k->hi, ""), rl, to_id);
}

static const char *const rounding_names[] = {
	[SETARA_ROUNDING_NONE] = "none",
	[SETARA_ROUNDING_NEAREST] = "nearest",
	[SETARA_ROUNDING_DOWN] = "down",
	[SETARA_ROUNDING_UP] = "up",
	[SETARA_ROUNDING_FAVOUR] = "favour",
	[SETARA_ROUNDING_AGAINST] = "against"
};

setara_rounding setara_credit__rounding(const char *s)
{
	if (s == NULL)
		return SETARA_ROUNDING_NONE;
	if (strcmp(s, "favor") == 0)
		return SETARA_ROUNDING_FAVOUR;
	return (setara_rounding)setara__name_find(rounding_names,
		SETARA_NAMES_COUNT(rounding_names), s, -1);
}

const char *setara_credit__rounding_name(setara_rounding r)
{
	return setara__name_of(rounding_names,
		SETARA_NAMES_COUNT(rounding_names), (int)r, "none");
}

int setara_credit__round_credits(setara__dec *out, setara__dec x,
	setara_rounding mode, setara__dec step)
{
	switch (mode) {
	case SETARA_ROUNDING_NONE:
		*out = x;
		return 0;
	case SETARA_ROUNDING_DOWN:
	case SETARA_ROUNDING_AGAINST:
		return setara__dec_round(out, x, step, SETARA_ROUND_DOWN);
	case SETARA_ROUNDING_UP:
	case SETARA_ROUNDING_FAVOUR:
		/* more credit is in the student's favour */
		return setara__dec_round(out, x, step, SETARA_ROUND_UP);
	case SETARA_ROUNDING_NEAREST:
	default:
		return setara__dec_round(out, x, step, SETARA_ROUND_NEAREST);
	}
}

/* ---- the public call ----------------------------------------------------- */

struct result {
	setara_credit_result pub;
	cr_arena arena;
};

void setara_credit_result_free(setara_credit_result *r)
{
	if (r != NULL)
		setara_credit__arena_free(&((struct result *)r)->arena);
}

static int merge(cr_arena *a, cr_facts *all, cr_vec *steps,
	const cr_factor *k)
{
	const setara_credit_fact *f = k->facts.v.items;
	const char *const *s = k->steps.items;
	size_t i;

	for (i = 0; i < k->facts.v.n; i++) {
		setara_credit_fact *x = setara_credit__vec_push(a, &all->v,
			sizeof(*x));

		if (x == NULL)
			return SETARA_ENOMEM;
		*x = f[i];
	}
	if (k->facts.sample)
		all->sample = 1;
	if (k->facts.lowest < all->lowest)
		all->lowest = k->facts.lowest;
	for (i = 0; i < k->steps.n; i++)
		if (setara_credit__step(a, steps, "%s", s[i]) < 0)
			return SETARA_ENOMEM;
	return 0;
}

/* The caller's numbers: @amount, and the options' ratio and rounding step
 * (1 when none), each exact and refused when malformed or not above 0. */
static int convert_args(setara__dec *x, cr_method_opts *mo,
	setara__dec *step, const char *amount,
	const setara_credit_convert_options *opts)
{
	memset(mo, 0, sizeof(*mo));
	mo->method = opts->method;
	mo->activity = opts->activity;
	mo->period = opts->period;
	if (setara__dec_parse(x, amount) < 0 || setara__dec_sign(*x) < 0)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_CREDIT,
			NULL, 0, "AMOUNT", "'%s' is not a number of credits "
			"(an exact decimal such as 4 or 7.5)", amount);
	if (opts->ratio) {
		if (setara__dec_parse(&mo->ratio, opts->ratio) < 0 ||
		    setara__dec_sign(mo->ratio) <= 0)
			return setara_error__set(SETARA_EINVALID,
				SETARA_ERROR_CREDIT, NULL, 0, "ratio", "'%s' "
				"is not a ratio above zero", opts->ratio);
		mo->has_ratio = 1;
		if (mo->method == SETARA_CREDIT_AUTO)
			mo->method = SETARA_CREDIT_RATIO;
	}
	*step = setara__dec_int(1);
	if (opts->step && (setara__dec_parse(step, opts->step) < 0 ||
	    setara__dec_sign(*step) <= 0))
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_CREDIT,
			NULL, 0, "step", "'%s' is not a rounding step above "
			"zero", opts->step);
	return 0;
}

/* The second leg through @sv: each end of the range [lo, hi] goes on to
 * @stt; the method names both legs when they differ. */
static int convert_via(struct result *res, cr_arena *a, setara_store *st,
	const cr_system *sv, const cr_system *stt, const cr_method_opts *mo,
	const cr_factor *k1, cr_facts *all, cr_vec *steps, setara__dec *lo,
	setara__dec *hi, const char *to)
{
	cr_factor k2;
	setara__dec lo2, hi2, rl, rh;
	int error;

	if ((error = setara_credit__factor(&k2, a, st, sv, stt, mo)) < 0 ||
	    (error = merge(a, all, steps, &k2)) < 0)
		return error;
	if ((error = setara_credit__apply(&lo2, &rh, a, steps, &k2, *lo,
	    sv->id, to)) < 0 ||
	    (error = setara_credit__apply(&rl, &hi2, a, NULL, &k2, *hi,
	    sv->id, to)) < 0)
		return error;
	*lo = lo2;
	*hi = hi2;
	if (strcmp(k1->method, k2.method) != 0)
		res->pub.method = setara_credit__printf(a, "%s+%s",
			k1->method, k2.method);
	if (setara__dec_cmp(*lo, *hi) != 0)
		return setara_credit__step(a, steps, "range: %s to %s %s",
			setara_credit__dec(a, *lo), setara_credit__dec(a, *hi),
			to);
	return 0;
}

/* Round both ends of [lo, hi] to a multiple of @step as @mode says. */
static int convert_round(struct result *res, cr_arena *a, cr_vec *steps,
	setara__dec lo, setara__dec hi, setara_rounding mode,
	setara__dec step)
{
	setara__dec rl, rh;
	int error;

	if ((error = setara_credit__round_credits(&rl, lo, mode, step)) < 0 ||
	    (error = setara_credit__round_credits(&rh, hi, mode, step)) < 0)
		return error;
	res->pub.rounded = setara__dec_cmp(rl, rh) == 0 ?
		setara_credit__dec(a, rl) : setara_credit__printf(a, "%s-%s",
		setara_credit__dec(a, rl), setara_credit__dec(a, rh));
	return setara_credit__step(a, steps, "rounded %s to a multiple of "
		"%s: %s", setara_credit__rounding_name(mode),
		setara_credit__dec(a, step), res->pub.rounded);
}

int setara_credit_convert(setara_credit_result **out, setara_store *st,
	const char *from, const char *to, const char *amount,
	const setara_credit_convert_options *opts)
{
	setara_credit_convert_options def =
		SETARA_CREDIT_CONVERT_OPTIONS_INIT;
	struct result *res;
	cr_arena a = { NULL, NULL };
	cr_system *sf, *sv = NULL, *stt;
	cr_factor k1;
	cr_method_opts mo;
	cr_facts all;
	cr_vec steps = { 0 };
	setara__dec x, lo, hi, step;
	int error;

	*out = NULL;
	SETARA_ASSERT_ARG(st && from && to && amount);
	SETARA_CHECK_OPTIONS(opts, def, SETARA_CREDIT_CONVERT_OPTIONS_VERSION,
		"SETARA_CREDIT_CONVERT_OPTIONS_INIT");
	if ((error = convert_args(&x, &mo, &step, amount, opts)) < 0)
		return error;
	/* the result lives in its own arena */
	if ((res = setara_credit__alloc(&a, sizeof(*res))) == NULL)
		return SETARA_ENOMEM;
	setara_credit__facts_init(&all);
	if ((error = setara_credit__system_get(&sf, &a, st, from)) < 0 ||
	    (error = setara_credit__system_get(&stt, &a, st, to)) < 0 ||
	    (opts->via && (error = setara_credit__system_get(&sv, &a, st,
	    opts->via)) < 0))
		goto fail;
	if (sv && mo.method == SETARA_CREDIT_RATIO) {
		error = setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, "via", "a ratio converts directly: no --via");
		goto fail;
	}
	if ((error = setara_credit__factor(&k1, &a, st, sf, sv ? sv : stt,
	    &mo)) < 0 ||
	    (error = merge(&a, &all, &steps, &k1)) < 0 ||
	    (error = setara_credit__apply(&lo, &hi, &a, &steps, &k1, x, from,
	    sv ? sv->id : to)) < 0)
		goto fail;
	res->pub.method = k1.method;
	res->pub.basis = k1.basis;
	if (sv && (error = convert_via(res, &a, st, sv, stt, &mo, &k1, &all,
	    &steps, &lo, &hi, to)) < 0)
		goto fail;
	res->pub.version = 1;
	res->pub.from = sf->id;
	res->pub.to = stt->id;
	res->pub.via = sv ? sv->id : NULL;
	res->pub.amount = setara_credit__dec(&a, x);
	res->pub.value = setara_credit__dec(&a, lo);
	res->pub.value_max = setara__dec_cmp(lo, hi) ?
		setara_credit__dec(&a, hi) : NULL;
	if (opts->rounding != SETARA_ROUNDING_NONE && (error =
	    convert_round(res, &a, &steps, lo, hi, opts->rounding,
	    step)) < 0)
		goto fail;
	res->pub.confidence = all.lowest;
	res->pub.sample = all.sample;
	res->pub.nsteps = steps.n;
	res->pub.steps = steps.items;
	res->pub.nfacts = all.v.n;
	res->pub.facts = all.v.items;
	res->arena = a;
	*out = &res->pub;
	return 0;
fail:
	setara_credit__arena_free(&a);
	return error;
}
