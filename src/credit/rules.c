/*
 * A host's transfer rules in memory: the institution, its credit system
 * and grade scale, the programme (credits, areas, level), the course
 * catalogue, the policy that governs the programme (every limit with its
 * source), and every agreement with a partner (credit and grade methods,
 * equivalence rules indexed by partner course code).  Loaded once from
 * the store, then read by each evaluation; the lookups an evaluation
 * needs beyond that (the record's credit system and scale, level
 * references) are cached here as they come.
 */
#include <string.h>

#include "credit_int.h"
#include "qf/qf_api.h"

#define S(i) setara_credit__strdup(&r->arena, setara_store__col_text(s, (i)))

static setara__dec dec_text(const char *t)
{
	setara__dec d = SETARA_DEC_ZERO;

	setara__dec_parse(&d, t);
	return d;
}

static void col_fact(cr_fact *f, setara_transfer_rules *r, sqlite3_stmt *s,
	int col, const char *file, int line, sqlite3_int64 sid)
{
	f->source = S(col);
	f->confidence = setara__confidence(
		setara_store__col_text(s, col + 1));
	f->status = S(col + 2);
	f->file = file;
	f->line = line;
	f->source_id = sid;
}

static int bad_item(const cr_item *it, const char *field, const char *msg,
	const char *arg)
{
	return setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA,
		it->f.file, it->f.line, field, msg, arg);
}

/* ---- the policy ---------------------------------------------------------- */

/* A share of @whole: percent=, share= or credits= (then @whole unused). */
static int share_of(setara__dec *out, const char *attr, const char *value,
	setara__dec whole)
{
	setara__dec v = dec_text(value);

	if (strcmp(attr, "credits") == 0) {
		*out = v;
		return 0;
	}
	if (strcmp(attr, "percent") == 0 &&
	    setara__dec_div(&v, v, setara__dec_int(100)) < 0)
		return SETARA_EINVALID;
	return setara__dec_mul(out, v, whole);
}

typedef struct kv {
	const char *attr, *value;
} kv;

#define MAX_ATTRS 12

static const char *get(const kv *a, size_t n, const char *k)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(a[i].attr, k) == 0)
			return a[i].value;
	return NULL;
}

/* The attribute among percent=, share=, credits= that is given. */
static const kv *amount(const kv *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(a[i].attr, "percent") ||
		    !strcmp(a[i].attr, "share") ||
		    !strcmp(a[i].attr, "credits"))
			return &a[i];
	return NULL;
}

static int is_true(const char *v)
{
	return v && strcmp(v, "true") == 0;
}

/*
 * A residency as a period: years= or semesters= of the host's full-time
 * load, final="true" when it is the programme's last period (MQA: one
 * year for a bachelor's; UTeM: not the final semester elsewhere).
 */
static int residency_period(setara_transfer_rules *r, const cr_item *it,
	const kv *a, size_t n)
{
	cr_policy *p = &r->policy;
	const char *y = get(a, n, "years"), *sm = get(a, n, "semesters");
	const char *period = y ? "year" : "semester";
	const cr_load *l = setara_credit__load_find(r->system, period);
	int final = is_true(get(a, n, "final")), one;

	if (l == NULL || setara__dec_cmp(l->lo, l->hi) != 0)
		return bad_item(it, y ? "years" : "semesters", "a residency "
			"in %ss needs the host's full-time load per that "
			"period, which the host's credit system does not "
			"publish", period);
	one = strcmp(y ? y : sm, "1") == 0;
	/* a plain number of years reads as before: credits in residence */
	if (final || sm)
		p->residency_period = setara_credit__printf(&r->arena,
			"%s%s %s%s", !final ? "" : one ? "the final" :
			"the last ", final && one ? "" : y ? y : sm, period,
			one ? "" : "s");
	return setara__dec_mul(&p->residency_credits, dec_text(y ? y : sm),
		l->lo);
}

/* A tier of the cap on the degree, kept sorted by limit. */
static int cap_tier(setara_transfer_rules *r, const cr_item *it,
	const kv *a, size_t n, cr_vec *tiers)
{
	const kv *am = amount(a, n);
	cr_tier *t, *all;
	size_t i;
	int error;

	if ((t = setara_credit__vec_push(&r->arena, tiers,
	    sizeof(*t))) == NULL)
		return SETARA_ENOMEM;
	t->it = *it;
	if ((error = share_of(&t->limit, am->attr, am->value,
	    r->prog_credits)) < 0 ||
	    (error = setara_credit__grade_find(&t->grade, &r->arena,
	    r->scale, get(a, n, "grade"))) < 0)
		return error;
	if (t->grade->rank < 0)
		return bad_item(it, "grade", "the grade of a cap tier, '%s', "
			"has no rank on the host scale", get(a, n, "grade"));
	/* insertion: tiers by limit, the smallest first */
	all = tiers->items;
	for (i = tiers->n - 1; i > 0 &&
	    setara__dec_cmp(all[i - 1].limit, all[i].limit) > 0; i--) {
		cr_tier tmp = all[i];

		all[i] = all[i - 1];
		all[i - 1] = tmp;
	}
	return 0;
}

/* minGrade: the lowest grade transferred, which must rank on the host
 * scale. */
static int item_min_grade(setara_transfer_rules *r, const cr_item *it,
	const kv *a, size_t n)
{
	cr_policy *p = &r->policy;
	int error;

	p->min_grade = *it;
	if ((error = setara_credit__grade_find(&p->min_grade_g, &r->arena,
	    r->scale, get(a, n, "grade"))) < 0)
		return error;
	if (p->min_grade_g->rank < 0)
		return bad_item(it, "grade", "minimum grade '%s' has no rank "
			"on the host scale", get(a, n, "grade"));
	return 0;
}

/* maxShare: a cap on the major (an area the programme has) or, else, on
 * the degree. */
static int item_max_share(setara_transfer_rules *r, const cr_item *it,
	const kv *a, size_t n)
{
	cr_policy *p = &r->policy;
	const kv *am = amount(a, n);
	const cr_area *ar;

	if (strcmp(get(a, n, "of"), "major") != 0) {
		p->degree_cap = *it;
		return share_of(&p->degree_limit, am->attr, am->value,
			r->prog_credits);
	}
	p->major_cap = *it;
	p->major_area = setara_credit__strdup(&r->arena, get(a, n, "area") ?
		get(a, n, "area") : "major");
	if ((ar = setara_credit__area(r, p->major_area)) == NULL)
		return bad_item(it, "area", "the programme has no area '%s' "
			"for the cap on the major", p->major_area);
	return share_of(&p->major_limit, am->attr, am->value, ar->credits);
}

/* recency: a whole number of years, at most 100. */
static int item_recency(setara_transfer_rules *r, const cr_item *it,
	const kv *a, size_t n)
{
	cr_policy *p = &r->policy;
	setara__dec y = dec_text(get(a, n, "years"));

	p->recency = *it;
	if (!setara__dec_is_int(y) || y.num > 100)
		return bad_item(it, "years", "recency is a whole number of "
			"years, not '%s'", get(a, n, "years"));
	p->recency_years = (int)y.num;
	return 0;
}

/* unmatched: what becomes of credit no course matches; block credit
 * needs an area the programme has. */
static int item_unmatched(setara_transfer_rules *r, const cr_item *it,
	const kv *a, size_t n)
{
	cr_policy *p = &r->policy;

	p->unmatched = *it;
	p->unmatched_block = strcmp(get(a, n, "action"), "block") == 0;
	p->unmatched_area = setara_credit__strdup(&r->arena, get(a, n,
		"area"));
	if (p->unmatched_block &&
	    setara_credit__area(r, p->unmatched_area) == NULL)
		return bad_item(it, "area", "the programme has no area '%s' "
			"for block credit", p->unmatched_area);
	return 0;
}

/* advancedStanding: credit granted for a prior qualification, one more
 * entry in @standings. */
static int item_standing(setara_transfer_rules *r, const cr_item *it,
	const kv *a, size_t n, cr_vec *standings)
{
	const kv *am = amount(a, n);
	const char *v;
	cr_standing *sd = setara_credit__vec_push(&r->arena, standings,
		sizeof(*sd));

	if (sd == NULL)
		return SETARA_ENOMEM;
	sd->it = *it;
	sd->qualification = setara_credit__strdup(&r->arena, get(a, n,
		"qualification"));
	sd->area = setara_credit__strdup(&r->arena, get(a, n, "area"));
	sd->below = (v = get(a, n, "below")) ? (int)dec_text(v).num : 1;
	return share_of(&sd->credits, am->attr, am->value, r->prog_credits);
}

/*
 * Apply one policy item, @it its fact, @a its attributes: a dispatch on
 * the item's name; the items that can refuse their data have a function
 * of their own above, those that only record attributes stay inline.
 */
static int apply_item(setara_transfer_rules *r, const cr_item *it,
	const kv *a, size_t n, cr_vec *standings, cr_vec *tiers)
{
	cr_policy *p = &r->policy;
	const char *name = it->name, *v;
	const kv *am = amount(a, n);
	int error = 0;

	if (strcmp(name, "minGrade") == 0) {
		error = item_min_grade(r, it, a, n);
	} else if (strcmp(name, "outcomeOverlap") == 0) {
		p->overlap = *it;
		p->overlap_pct = dec_text(get(a, n, "percent"));
	} else if (strcmp(name, "maxShare") == 0) {
		error = item_max_share(r, it, a, n);
	} else if (strcmp(name, "residency") == 0) {
		p->residency = *it;
		if (get(a, n, "years") != NULL ||
		    get(a, n, "semesters") != NULL) {
			error = residency_period(r, it, a, n);
		} else {
			error = share_of(&p->residency_credits, am->attr,
				am->value, r->prog_credits);
		}
	} else if (strcmp(name, "recency") == 0) {
		error = item_recency(r, it, a, n);
	} else if (strcmp(name, "levelMatch") == 0) {
		p->level = *it;
		v = get(a, n, "mode");
		p->level_mode = strcmp(v, "same") == 0 ? 1 :
			strcmp(v, "not-above") == 0 ? 2 : 0;
		if ((v = get(a, n, "below")) != NULL)
			p->level_below = (int)dec_text(v).num;
		p->level_unmapped_accept = (v = get(a, n, "unmapped")) &&
			strcmp(v, "accept") == 0;
	} else if (strcmp(name, "grades") == 0) {
		p->grades = *it;
		p->with_grade = is_true(get(a, n, "withGrade"));
		p->in_gpa = is_true(get(a, n, "inGpa"));
	} else if (strcmp(name, "creditValue") == 0) {
		p->value = *it;
		p->value_target = strcmp(get(a, n, "value"), "target") == 0;
		p->shortfall_partial = (v = get(a, n, "shortfall")) &&
			strcmp(v, "partial") == 0;
		if ((v = get(a, n, "tolerance")) != NULL) {
			p->has_tolerance = 1;
			p->tolerance = dec_text(v);
		}
	} else if (strcmp(name, "capTier") == 0) {
		error = cap_tier(r, it, a, n, tiers);
	} else if (strcmp(name, "rounding") == 0) {
		p->rounding = *it;
		p->round = setara_credit__rounding(get(a, n, "round"));
		if ((v = get(a, n, "step")) != NULL)
			p->round_step = dec_text(v);
		p->round_total = (v = get(a, n, "on")) &&
			strcmp(v, "total") == 0;
	} else if (strcmp(name, "caps") == 0) {
		p->caps = *it;
		p->caps_partial = is_true(get(a, n, "partial"));
	} else if (strcmp(name, "unmatched") == 0) {
		error = item_unmatched(r, it, a, n);
	} else if (strcmp(name, "rpl") == 0) {
		p->rpl = *it;
		p->rpl_min_score = dec_text(get(a, n, "minScore") ?
			get(a, n, "minScore") : "0");
		p->rpl_partial = is_true(get(a, n, "partial"));
		p->rpl_block = is_true(get(a, n, "block"));
		error = share_of(&p->rpl_limit, am->attr, am->value,
			r->prog_credits);
	} else if (strcmp(name, "advancedStanding") == 0) {
		error = item_standing(r, it, a, n, standings);
	}
	return error;
}

static int load_policy(setara_transfer_rules *r, const char *file,
	sqlite3_int64 sid)
{
	static const char psql[] =
		"SELECT id, programmes, name, src, confidence, status, line"
		" FROM credit_policy WHERE institution = ? ORDER BY seq";
	static const char isql[] =
		"SELECT seq, item, attr, value, note, src, confidence, status,"
		" line FROM credit_policy_item"
		" WHERE institution = ? AND policy = ? ORDER BY seq, rowid";
	cr_policy *p = &r->policy;
	cr_vec sv = { 0 }, tv = { 0 };
	cr_item it;
	kv attrs[MAX_ATTRS];
	size_t nattrs = 0;
	sqlite3_stmt *s;
	int error = 0, seq = -1, found = 0, rc;
	size_t len = strlen(r->prog_id);

	if ((error = setara_store__prepare(r->st, &s, psql, "s",
	    r->host_id)) < 0)
		return error;
	while ((rc = setara_store__step(r->st, s, "credit_policy")) > 0) {
		const char *progs = setara_store__col_text(s, 1), *q;
		int match = progs == NULL;

		/* a policy naming the programme wins over a general one */
		for (q = progs; q && (q = strstr(q, r->prog_id)); q += len)
			if ((q == progs || q[-1] == ' ') &&
			    (q[len] == '\0' || q[len] == ' '))
				match = 2;
		if (!match || (found && match < 2))
			continue;
		found = match;
		p->id = S(0);
		p->name = S(2);
		col_fact(&p->f, r, s, 3, file, sqlite3_column_int(s, 6), sid);
		if (match == 2)
			break;
	}
	sqlite3_reset(s);
	if (rc < 0)
		return rc;
	/* defaults where the policy says nothing */
	p->with_grade = 1;
	p->caps_partial = 1;
	p->round_step = setara__dec_int(1);
	p->level_below = 1;
	if (!found)
		return 0;
	r->has_policy = 1;
	memset(&it, 0, sizeof(it));
	if ((error = setara_store__prepare(r->st, &s, isql, "ss", r->host_id,
	    p->id)) < 0)
		return error;
	/* rows come grouped by item: apply an item when the next begins */
	do {
		if ((rc = setara_store__step(r->st, s, "credit_policy")) < 0) {
			error = rc;
			break;
		}
		if (nattrs && (!rc ||
		    sqlite3_column_int(s, 0) != seq)) {
			if ((error = apply_item(r, &it, attrs, nattrs,
			    &sv, &tv)) < 0)
				break;
			nattrs = 0;
		}
		if (!rc)
			break;
		if (nattrs == 0) {
			seq = sqlite3_column_int(s, 0);
			memset(&it, 0, sizeof(it));
			it.present = 1;
			it.name = S(1);
			it.note = S(4);
			col_fact(&it.f, r, s, 5, file,
				sqlite3_column_int(s, 8), sid);
		}
		if (nattrs < MAX_ATTRS) {
			attrs[nattrs].attr = S(2);
			attrs[nattrs].value = S(3);
			nattrs++;
		}
		/* The item is applied by name and attribute: out of memory
		 * here is an error, not an item without them. */
		if (it.name == NULL || attrs[nattrs - 1].attr == NULL ||
		    (sqlite3_column_type(s, 3) != SQLITE_NULL &&
		    attrs[nattrs - 1].value == NULL)) {
			error = SETARA_ENOMEM;
			break;
		}
	} while (1);
	sqlite3_reset(s);
	if (error < 0)
		return error;
	p->standings = sv.items;
	p->nstandings = sv.n;
	p->tiers = tv.items;
	p->ntiers = tv.n;
	return 0;
}

/* ---- agreements ---------------------------------------------------------- */

static size_t hash(const char *s)
{
	size_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static int index_rules(setara_transfer_rules *r, cr_agreement *ag)
{
	size_t i, j, k, size = 16, nfrom = 0;

	for (i = 0; i < ag->nrules; i++)
		nfrom += ag->rules[i].nfrom;
	while (size < 2 * nfrom + 1)
		size *= 2;
	if ((ag->index = setara_credit__alloc(&r->arena, size *
	    sizeof(*ag->index))) == NULL)
		return SETARA_ENOMEM;
	ag->index_size = size;
	for (i = 0; i < ag->nrules; i++) {
		for (j = 0; j < ag->rules[i].nfrom; j++) {
			const char *code = ag->rules[i].from[j].code;
			cr_rule_index *e;
			size_t *nr;

			for (k = hash(code) & (size - 1);
			    ag->index[k].code && strcmp(ag->index[k].code,
			    code); k = (k + 1) & (size - 1))
				;
			e = &ag->index[k];
			e->code = code;
			if ((nr = setara_credit__alloc(&r->arena, (e->n + 1) *
			    sizeof(*nr))) == NULL)
				return SETARA_ENOMEM;
			if (e->n)
				memcpy(nr, e->rules, e->n * sizeof(*nr));
			nr[e->n++] = i;
			e->rules = nr;
		}
	}
	return 0;
}

const cr_rule_index *setara_credit__rules_for(const cr_agreement *ag,
	const char *code)
{
	size_t k;

	if (ag == NULL || ag->index_size == 0)
		return NULL;
	for (k = hash(code) & (ag->index_size - 1); ag->index[k].code;
	    k = (k + 1) & (ag->index_size - 1))
		if (strcmp(ag->index[k].code, code) == 0)
			return &ag->index[k];
	return NULL;
}

static int load_rules(setara_transfer_rules *r, cr_agreement *ag,
	const char *file, sqlite3_int64 sid)
{
	static const char rsql[] =
		"SELECT seq, id, kind, valid_from, valid_until, overlap, note,"
		" src, confidence, status, line FROM credit_rule"
		" WHERE agreement = ? ORDER BY seq";
	static const char csql[] =
		"SELECT seq, side, code, area, credits, min_credits,"
		" max_credits, grade_from, share FROM credit_rule_course"
		" WHERE agreement = ? ORDER BY seq, side, pos";
	cr_vec rv = { 0 };
	sqlite3_stmt *s;
	size_t i;
	int error;

	if ((error = setara_store__prepare(r->st, &s, rsql, "s", ag->id)) < 0)
		return error;
	while ((error = setara_store__step(r->st, s, "credit_rule")) > 0) {
		cr_rule *ru = setara_credit__vec_push(&r->arena, &rv,
			sizeof(*ru));

		if (ru == NULL) {
			sqlite3_reset(s);
			return SETARA_ENOMEM;
		}
		ru->id = S(1);
		ru->kind = S(2);
		ru->from_date = S(3);
		ru->until_date = S(4);
		ru->has_overlap = sqlite3_column_type(s, 5) != SQLITE_NULL;
		if (ru->has_overlap)
			ru->overlap = dec_text(setara_store__col_text(s, 5));
		ru->note = S(6);
		col_fact(&ru->f, r, s, 7, file, sqlite3_column_int(s, 10),
			sid);
	}
	sqlite3_reset(s);
	if (error < 0)
		return error;
	ag->rules = rv.items;
	ag->nrules = rv.n;
	/* two passes over the rule courses: count, then fill */
	for (i = 0; i < ag->nrules; i++) {
		cr_rule *ru = &ag->rules[i];

		if ((ru->from = setara_credit__alloc(&r->arena, 16 *
		    sizeof(*ru->from))) == NULL ||
		    (ru->to = setara_credit__alloc(&r->arena, 16 *
		    sizeof(*ru->to))) == NULL)
			return SETARA_ENOMEM;
	}
	if ((error = setara_store__prepare(r->st, &s, csql, "s", ag->id)) < 0)
		return error;
	while ((error = setara_store__step(r->st, s, "credit_rule")) > 0) {
		int seq = sqlite3_column_int(s, 0);
		cr_rule *ru;

		if (seq < 0 || (size_t)seq >= ag->nrules)
			continue;
		ru = &ag->rules[seq];
		if (strcmp(setara_store__col_text(s, 1), "f") == 0 &&
		    ru->nfrom < 16) {
			cr_rule_from *f = &ru->from[ru->nfrom++];

			f->code = S(2);
			if ((f->has_min = sqlite3_column_type(s, 5) !=
			    SQLITE_NULL))
				f->min = dec_text(setara_store__col_text(s, 5));
			if ((f->has_max = sqlite3_column_type(s, 6) !=
			    SQLITE_NULL))
				f->max = dec_text(setara_store__col_text(s, 6));
		} else if (ru->nto < 16) {
			cr_rule_to *t = &ru->to[ru->nto++];

			t->code = S(2);
			t->area = S(3);
			if ((t->has_credits = sqlite3_column_type(s, 4) !=
			    SQLITE_NULL))
				t->credits = dec_text(
					setara_store__col_text(s, 4));
			t->grade_from = S(7);
			if ((t->has_share = sqlite3_column_type(s, 8) !=
			    SQLITE_NULL))
				t->share = dec_text(
					setara_store__col_text(s, 8));
			if (t->code && (t->course = setara_credit__host_course(
			    r, t->code)) == NULL) {
				sqlite3_reset(s);
				return setara_error__set(SETARA_EINVALID,
					SETARA_ERROR_DATA, file, ru->f.line,
					"course", "host course '%s' is not in "
					"the catalogue", t->code);
			}
			if (t->course && !t->area)
				t->area = t->course->area;
		}
	}
	sqlite3_reset(s);
	if (error < 0)
		return error;
	return index_rules(r, ag);
}

static int load_agreements(setara_transfer_rules *r)
{
	static const char sql[] =
		"SELECT id, partner, name, valid_from, valid_until, src,"
		" confidence, status, line, credit_method, period, activity,"
		" ratio, credit_src, credit_confidence, credit_status,"
		" credit_line, grade_method, grade_conversion, grade_policy,"
		" grade_round, isced, grade_src, grade_confidence,"
		" grade_status, grade_line, source_id"
		" FROM credit_agreement WHERE host = ? ORDER BY id";
	cr_vec av = { 0 };
	sqlite3_stmt *s;
	size_t i;
	int error;

	if ((error = setara_store__prepare(r->st, &s, sql, "s",
	    r->host_id)) < 0)
		return error;
	while ((error = setara_store__step(r->st, s,
	    "credit_agreement")) > 0) {
		cr_agreement *ag = setara_credit__vec_push(&r->arena, &av,
			sizeof(*ag));
		sqlite3_int64 sid = sqlite3_column_int64(s, 26);
		const char *file = setara_credit__path(&r->arena, r->st, sid);
		const char *m;

		if (ag == NULL) {
			sqlite3_reset(s);
			return SETARA_ENOMEM;
		}
		ag->id = S(0);
		ag->partner = S(1);
		ag->name = S(2);
		ag->from_date = S(3);
		ag->until_date = S(4);
		col_fact(&ag->f, r, s, 5, file, sqlite3_column_int(s, 8), sid);
		if ((m = setara_store__col_text(s, 9)) != NULL) {
			ag->has_credit = 1;
			ag->method = strcmp(m, "hours") == 0 ?
				SETARA_CREDIT_HOURS : strcmp(m, "ratio") != 0 ?
				SETARA_CREDIT_LOAD : SETARA_CREDIT_RATIO;
			ag->period = S(10);
			ag->activity = S(11);
			if ((ag->has_ratio = sqlite3_column_type(s, 12) !=
			    SQLITE_NULL))
				ag->ratio = dec_text(
					setara_store__col_text(s, 12));
			col_fact(&ag->credit_f, r, s, 13, file,
				sqlite3_column_int(s, 16), sid);
		}
		if ((m = setara_store__col_text(s, 17)) != NULL) {
			ag->has_grade = 1;
			ag->gmethod = strcmp(m, "table") == 0 ?
				SETARA_GRADE_TABLE : strcmp(m, "linear") == 0 ?
				SETARA_GRADE_LINEAR : SETARA_GRADE_DISTRIBUTION;
			ag->conversion = S(18);
			ag->policy = setara_credit__band_policy(
				setara_store__col_text(s, 19));
			if (ag->policy < 0)
				ag->policy = SETARA_BAND_MIN;
			ag->ground = setara_credit__rounding(
				setara_store__col_text(s, 20));
			if (ag->ground == SETARA_ROUNDING_NONE ||
			    (int)ag->ground < 0)
				ag->ground = SETARA_ROUNDING_NEAREST;
			ag->isced = S(21);
			col_fact(&ag->grade_f, r, s, 22, file,
				sqlite3_column_int(s, 25), sid);
		}
	}
	sqlite3_reset(s);
	if (error < 0)
		return error;
	r->agreements = av.items;
	r->nagreements = av.n;
	for (i = 0; i < r->nagreements; i++) {
		cr_agreement *ag = &r->agreements[i];

		if ((error = load_rules(r, ag, ag->f.file,
		    ag->f.source_id)) < 0)
			return error;
		if (ag->conversion) {
			cr_gconv *t;

			if ((error = setara_credit__gconv_get(&t, &r->arena,
			    r->st, ag->conversion, NULL, NULL)) < 0)
				return error;
			ag->table = t;
		}
	}
	return 0;
}

/* ---- lookups ------------------------------------------------------------- */

const cr_host_course *setara_credit__host_course(
	const setara_transfer_rules *r, const char *code)
{
	size_t lo = 0, hi = r->ncourses, mid;
	int c;

	/* the catalogue is sorted by code */
	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(r->courses[mid].code, code);
		if (c == 0)
			return &r->courses[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const cr_area *setara_credit__area(const setara_transfer_rules *r,
	const char *id)
{
	size_t i;

	for (i = 0; id && i < r->nareas; i++)
		if (strcmp(r->areas[i].id, id) == 0)
			return &r->areas[i];
	return NULL;
}

const cr_agreement *setara_credit__agreement(const setara_transfer_rules *r,
	const char *partner)
{
	size_t i;

	for (i = 0; partner && i < r->nagreements; i++)
		if (strcmp(r->agreements[i].partner, partner) == 0)
			return &r->agreements[i];
	return NULL;
}

int setara_credit__rules_system(cr_system **out, setara_transfer_rules *r,
	const char *id)
{
	cr_system **c = r->systems.items, **slot;
	size_t i;
	int error;

	for (i = 0; i < r->systems.n; i++)
		if (strcmp(c[i]->id, id) == 0) {
			*out = c[i];
			return 0;
		}
	if ((error = setara_credit__system_get(out, &r->arena, r->st,
	    id)) < 0)
		return error;
	if ((slot = setara_credit__vec_push(&r->arena, &r->systems,
	    sizeof(*slot))) == NULL)
		return SETARA_ENOMEM;
	*slot = *out;
	return 0;
}

int setara_credit__rules_scale(cr_scale **out, setara_transfer_rules *r,
	const char *id)
{
	cr_scale **c = r->scales.items, **slot;
	size_t i;
	int error;

	for (i = 0; i < r->scales.n; i++)
		if (strcmp(c[i]->id, id) == 0) {
			*out = c[i];
			return 0;
		}
	if ((error = setara_credit__scale_get(out, &r->arena, r->st, id)) < 0)
		return error;
	if ((slot = setara_credit__vec_push(&r->arena, &r->scales,
	    sizeof(*slot))) == NULL)
		return SETARA_ENOMEM;
	*slot = *out;
	return 0;
}

const cr_level *setara_credit__rules_level(setara_transfer_rules *r,
	const char *ref)
{
	cr_level *c = r->levels.items, *l;
	setara_qf__link link;
	size_t i;

	for (i = 0; i < r->levels.n; i++)
		if (strcmp(c[i].ref, ref) == 0)
			return &c[i];
	if ((l = setara_credit__vec_push(&r->arena, &r->levels,
	    sizeof(*l))) == NULL)
		return NULL;
	l->ref = setara_credit__strdup(&r->arena, ref);
	l->error = setara_qf__aqrf_link(r->st, ref, &link);
	l->min = link.min;
	l->max = link.max;
	l->conf = link.conf;
	/* A link not confirmed level by level makes the level step, and
	 * a vertical transfer resting on it, indicative (issue 20). */
	l->indicative = setara_qf__link_unconfirmed(&link);
	l->mark = link.indicative ? " (indicative)" :
		!l->indicative ? "" : link.table == SETARA_QF_TABLE_SECONDARY ?
		" (indicative: level table secondary)" :
		" (indicative: level table assumed)";
	if (l->error < 0) {
		l->message = setara_credit__strdup(&r->arena,
			setara_error_last()->message);
		setara_error_clear();
	}
	return l;
}

int setara_credit__rules_institution(setara_transfer_rules *r,
	const char *id, const char **system)
{
	static const char sql[] =
		"SELECT credit_system FROM credit_institution WHERE id = ?";
	sqlite3_stmt *s;
	int error;

	*system = NULL;
	if (id == NULL)
		return 0;
	if (r->known_inst == NULL || strcmp(r->known_inst, id) != 0) {
		if ((error = setara_store__prepare(r->st, &s, sql, "s",
		    id)) < 0)
			return error;
		r->known_inst = NULL;  /* nothing cached if the step fails */
		error = setara_store__step(r->st, s, "credit_institution");
		r->known_inst_found = error > 0;
		r->known_inst_system = r->known_inst_found ? S(0) : NULL;
		sqlite3_reset(s);
		if (error < 0)
			return error;
		r->known_inst = setara_credit__strdup(&r->arena, id);
	}
	*system = r->known_inst_system;
	return r->known_inst_found;
}

/* ---- loading ------------------------------------------------------------- */

/*
 * Programme @programme of @host (else its first) into @r; an unknown one
 * is named with the programmes there are (@file, @line: the host's).
 */
/* What @sql (on @host, or on nothing when NULL) lists in *@out, for the
 * message of a name not found; NULL when it lists nothing. */
static int known_of(setara_transfer_rules *r, const char *sql,
	const char *host, const char *table, const char **out)
{
	sqlite3_stmt *s;
	int error;

	*out = NULL;
	if ((error = setara_store__prepare(r->st, &s, sql, host ? "s" : "",
	    host)) < 0)
		return error;
	if ((error = setara_store__step(r->st, s, table)) > 0)
		*out = S(0);
	sqlite3_reset(s);
	return error < 0 ? error : 0;
}

static int load_programme(setara_transfer_rules *r, const char *host,
	const char *programme, const char *file, int line, sqlite3_int64 sid)
{
	static const char psql[] =
		"SELECT id, name, level, credits, isced, src, confidence,"
		" status, line FROM credit_programme WHERE institution = ?"
		" ORDER BY line";
	static const char known_prog[] =
		"SELECT group_concat(id, ', ') FROM"
		" (SELECT id FROM credit_programme WHERE institution = ?"
		" ORDER BY line)";
	const char *known;
	sqlite3_stmt *s;
	int error, found = 0;

	if ((error = setara_store__prepare(r->st, &s, psql, "s", host)) < 0)
		return error;
	while ((error = setara_store__step(r->st, s,
	    "credit_programme")) > 0) {
		if (programme && strcmp(programme,
		    setara_store__col_text(s, 0)) != 0)
			continue;
		found = 1;
		r->prog_id = S(0);
		r->prog_name = S(1);
		r->prog_level = S(2);
		r->prog_credits = dec_text(setara_store__col_text(s, 3));
		r->prog_isced = S(4);
		col_fact(&r->prog_f, r, s, 5, file, sqlite3_column_int(s, 8),
			sid);
		break;
	}
	sqlite3_reset(s);
	if (error < 0 || found)
		return error < 0 ? error : 0;
	if ((error = known_of(r, known_prog, host, "credit_programme",
	    &known)) < 0)
		return error;
	return setara_error__set(SETARA_ENOTFOUND, SETARA_ERROR_CREDIT,
		file, line, "--programme", programme ? "'%s' has no "
		"programme '%s' (programmes: %s)" : "'%s' lists no "
		"programme%s%s", host, programme ? programme : "",
		known ? known : "none");
}

/* The programme's areas and the host's catalogue of courses (by code:
 * sqlite's ORDER BY is binary (memcmp) order, as strcmp's). */
static int load_catalogue(setara_transfer_rules *r, const char *host)
{
	static const char asql[] =
		"SELECT area, credits FROM credit_area"
		" WHERE institution = ? AND programme = ? ORDER BY line";
	static const char csql[] =
		"SELECT code, title, credits, area FROM credit_course"
		" WHERE institution = ? ORDER BY code";
	sqlite3_stmt *s;
	cr_vec av = { 0 }, cv = { 0 };
	int error;

	if ((error = setara_store__prepare(r->st, &s, asql, "ss", host,
	    r->prog_id)) < 0)
		return error;
	while ((error = setara_store__step(r->st, s, "credit_area")) > 0) {
		cr_area *ar = setara_credit__vec_push(&r->arena, &av,
			sizeof(*ar));

		if (ar == NULL) {
			sqlite3_reset(s);
			return SETARA_ENOMEM;
		}
		ar->id = S(0);
		ar->credits = dec_text(setara_store__col_text(s, 1));
	}
	sqlite3_reset(s);
	if (error < 0)
		return error;
	r->areas = av.items;
	r->nareas = av.n;
	if ((error = setara_store__prepare(r->st, &s, csql, "s", host)) < 0)
		return error;
	while ((error = setara_store__step(r->st, s, "credit_course")) > 0) {
		cr_host_course *c = setara_credit__vec_push(&r->arena, &cv,
			sizeof(*c));

		if (c == NULL) {
			sqlite3_reset(s);
			return SETARA_ENOMEM;
		}
		c->code = S(0);
		c->title = S(1);
		c->credits = dec_text(setara_store__col_text(s, 2));
		c->area = S(3);
	}
	sqlite3_reset(s);
	if (error < 0)
		return error;
	r->courses = cv.items;
	r->ncourses = cv.n;
	return 0;
}

/* Host @host: the institution, its credit system and scale, the
 * programme, its catalogue, policy and agreements. */
static int load_host(setara_transfer_rules *r, const char *host,
	const char *programme)
{
	static const char isql[] =
		"SELECT country, name, credit_system, grade_scale, src,"
		" confidence, status, source_id, line"
		" FROM credit_institution WHERE id = ?";
	static const char known_sql[] =
		"SELECT group_concat(id, ', ') FROM"
		" (SELECT id FROM credit_institution ORDER BY id)";
	char *sys = NULL, *scale = NULL;
	const char *file = NULL;
	sqlite3_int64 sid = 0;
	sqlite3_stmt *s;
	int error, found = 0, line = 0;

	if ((error = setara_store__prepare(r->st, &s, isql, "s", host)) < 0)
		return error;
	if ((error = setara_store__step(r->st, s,
	    "credit_institution")) > 0) {
		found = 1;
		r->host_id = setara_credit__strdup(&r->arena, host);
		r->host_country = S(0);
		r->host_name = S(1);
		sys = S(2);
		scale = S(3);
		sid = sqlite3_column_int64(s, 7);
		line = sqlite3_column_int(s, 8);
		col_fact(&r->host_f, r, s, 4, NULL, line, sid);
	}
	sqlite3_reset(s);
	if (error < 0)
		return error;
	if (!found) {
		const char *known;

		if ((error = known_of(r, known_sql, NULL,
		    "credit_institution", &known)) < 0)
			return error;
		return setara_error__set(SETARA_ENOTFOUND, SETARA_ERROR_CREDIT,
			NULL, 0, "--host", "unknown institution '%s' (known: "
			"%s)", host, known ? known : "none loaded");
	}
	file = setara_credit__path(&r->arena, r->st, sid);
	r->host_f.file = file;
	if ((error = setara_credit__system_get(&r->system, &r->arena, r->st,
	    sys)) < 0)
		return error;
	if (scale && (error = setara_credit__scale_get(&r->scale, &r->arena,
	    r->st, scale)) < 0)
		return error;
	if ((error = load_programme(r, host, programme, file, line,
	    sid)) < 0 || (error = load_catalogue(r, host)) < 0 ||
	    (error = load_policy(r, file, sid)) < 0)
		return error;
	return load_agreements(r);
}

int setara_transfer_rules_load(setara_transfer_rules **out,
	setara_store *st, const char *host, const char *programme)
{
	setara_transfer_rules *r;
	cr_arena a = { NULL, NULL };
	int error;

	*out = NULL;
	SETARA_ASSERT_ARG(st && host);
	if ((r = setara_credit__alloc(&a, sizeof(*r))) == NULL)
		return SETARA_ENOMEM;
	r->arena = a;
	r->st = st;
	if ((error = load_host(r, host, programme)) < 0) {
		a = r->arena;
		setara_credit__arena_free(&a);
		return error;
	}
	*out = r;
	return 0;
}

void setara_transfer_rules_free(setara_transfer_rules *r)
{
	cr_arena a;

	if (r == NULL)
		return;
	setara_credit__blocks_free(atomic_exchange(&r->spare, NULL));
	a = r->arena;
	setara_credit__arena_free(&a);
}
