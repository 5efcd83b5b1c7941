/*
 * The reference data of the credit component as the engine uses it:
 * credit systems (with what an institutional system inherits from its
 * basis), grade scales, grade conversion tables and grading tables, read
 * from the store into structures in an arena.
 */
#include <string.h>

#include "credit_int.h"

#define S(a, i) setara_credit__strdup((a), setara_store__col_text(s, (i)))

const char *setara_credit__path(cr_arena *a, setara_store *st,
	sqlite3_int64 source_id)
{
	char *p = setara_store__source_path(st, source_id);
	const char *r = setara_credit__strdup(a, p);

	setara__free(p);
	return r;
}

const char *setara_credit__source_text(cr_arena *a, setara_store *st,
	sqlite3_int64 source_id, const char *keys)
{
	static const char sql[] =
		"SELECT text, href FROM credit_ref"
		" WHERE source_id = ? AND key = ?";
	setara_buf b = SETARA_BUF_INIT;
	const char *p = keys, *e, *r = NULL;
	sqlite3_stmt *s;

	while (p && *p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		for (e = p; *e && *e != ' '; e++)
			;
		if (setara_store__stmt(st, &s, sql) < 0)
			goto done;
		sqlite3_bind_int64(s, 1, source_id);
		sqlite3_bind_text(s, 2, p, (int)(e - p), SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			setara_buf_printf(&b, "%s%.*s: %s", b.size ? "; " : "",
				(int)(e - p), p, setara_store__col_text(s, 0));
		sqlite3_reset(s);
		p = e;
	}
	if (b.size)
		r = setara_credit__strdup(a, b.ptr);
done:
	setara_buf_dispose(&b);
	return r;
}

static void read_fact(cr_fact *f, cr_arena *a, sqlite3_stmt *s, int col,
	const char *file, int line, sqlite3_int64 source_id)
{
	f->source = S(a, col);
	f->confidence = setara__confidence(
		setara_store__col_text(s, col + 1));
	f->status = S(a, col + 2);
	f->file = file;
	f->line = line;
	f->source_id = source_id;
}

static setara__dec dec_col(sqlite3_stmt *s, int col)
{
	setara__dec d = SETARA_DEC_ZERO;

	/* the loader stored only numbers it parsed */
	setara__dec_parse(&d, setara_store__col_text(s, col));
	return d;
}

/* "a, b, c" of a column over a query, for "known: ..." messages. */
static char *known_list(setara_store *st, const char *sql)
{
	setara_buf b = SETARA_BUF_INIT;
	sqlite3_stmt *s;
	char *r;

	if (setara_store__stmt(st, &s, sql) < 0)
		return NULL;
	while (sqlite3_step(s) == SQLITE_ROW)
		setara_buf_printf(&b, "%s%s", b.size ? ", " : "",
			setara_store__col_text(s, 0));
	sqlite3_reset(s);
	r = setara_buf_detach(&b);
	return r;
}

/* ---- credit systems ------------------------------------------------------ */

static int read_system(cr_system *sys, cr_arena *a, setara_store *st,
	const char *id, int *found)
{
	static const char sql[] =
		"SELECT id, kind, defined, country, institution, basis, name,"
		" unit, notes, gaps, src, confidence, status, source_id, line"
		" FROM credit_system WHERE id = ?";
	sqlite3_stmt *s;
	int error;

	*found = 0;
	if ((error = setara_store__prepare(st, &s, sql, "s", id)) < 0)
		return error;
	if ((error = setara_store__step(st, s, "credit_system")) > 0) {
		*found = 1;
		sys->id = S(a, 0);
		sys->kind = S(a, 1);
		sys->defined = S(a, 2);
		sys->country = S(a, 3);
		sys->institution = S(a, 4);
		sys->basis = S(a, 5);
		sys->name = S(a, 6);
		sys->unit = S(a, 7);
		sys->notes = S(a, 8);
		sys->gaps = S(a, 9);
		sys->source_id = sqlite3_column_int64(s, 13);
		read_fact(&sys->f, a, s, 10, NULL, sqlite3_column_int(s, 14),
			sys->source_id);
	}
	sqlite3_reset(s);
	if (error < 0)
		return error;
	if (*found)
		sys->f.file = setara_credit__path(a, st, sys->source_id);
	return 0;
}

/* Append the hours and loads of @id that @sys does not state yet. */
static int add_values(cr_system *sys, cr_arena *a, setara_store *st,
	const char *id, const char *file, sqlite3_int64 source_id,
	cr_vec *hv, cr_vec *lv, int loads)
{
	static const char hsql[] =
		"SELECT activity, basis, lo, hi, expr, note, src, confidence,"
		" status, line FROM credit_hours WHERE system = ?"
		" ORDER BY line";
	static const char lsql[] =
		"SELECT period, lo, hi, note, src, confidence, status, line"
		" FROM credit_load WHERE system = ? ORDER BY line";
	sqlite3_stmt *s;
	size_t i;
	int error, dup;

	if ((error = setara_store__prepare(st, &s, hsql, "s", id)) < 0)
		return error;
	while ((error = setara_store__step(st, s, "credit_hours")) > 0) {
		cr_hours *h, *all = hv->items;
		const char *act = setara_store__col_text(s, 0),
			*bas = setara_store__col_text(s, 1);

		for (dup = 0, i = 0; i < hv->n; i++)
			if (strcmp(all[i].activity, act) == 0 &&
			    strcmp(all[i].basis, bas) == 0)
				dup = 1;
		if (dup)
			continue;
		if ((h = setara_credit__vec_push(a, hv, sizeof(*h))) == NULL) {
			sqlite3_reset(s);
			return SETARA_ENOMEM;
		}
		h->activity = S(a, 0);
		h->basis = S(a, 1);
		h->lo = dec_col(s, 2);
		h->hi = dec_col(s, 3);
		h->expr = S(a, 4);
		h->note = S(a, 5);
		h->system = setara_credit__strdup(a, id);
		read_fact(&h->f, a, s, 6, file, sqlite3_column_int(s, 9),
			source_id);
	}
	sqlite3_reset(s);
	if (error < 0)
		return error;
	if (!loads)
		return 0;
	if ((error = setara_store__prepare(st, &s, lsql, "s", id)) < 0)
		return error;
	while ((error = setara_store__step(st, s, "credit_load")) > 0) {
		cr_load *l, *all = lv->items;

		for (dup = 0, i = 0; i < lv->n; i++)
			if (strcmp(all[i].period,
			    setara_store__col_text(s, 0)) == 0)
				dup = 1;
		if (dup)
			continue;
		if ((l = setara_credit__vec_push(a, lv, sizeof(*l))) == NULL) {
			sqlite3_reset(s);
			return SETARA_ENOMEM;
		}
		l->period = S(a, 0);
		l->lo = dec_col(s, 1);
		l->hi = dec_col(s, 2);
		l->note = S(a, 3);
		l->system = setara_credit__strdup(a, id);
		read_fact(&l->f, a, s, 4, file, sqlite3_column_int(s, 7),
			source_id);
	}
	sqlite3_reset(s);
	(void)sys;
	return error;
}

/*
 * The pseudo system "hours" (total learning hours) or "contact-hours":
 * an amount in hours, one hour a unit, for input stated in hours rather
 * than credits.  Not data: a definition, so it carries no fact.
 */
static int hours_system(cr_system **out, cr_arena *a, const char *id)
{
	cr_system *sys;
	cr_hours *h;

	if ((sys = setara_credit__alloc(a, sizeof(*sys))) == NULL ||
	    (h = setara_credit__alloc(a, sizeof(*h))) == NULL)
		return SETARA_ENOMEM;
	sys->id = setara_credit__strdup(a, id);
	sys->kind = "hours";
	sys->defined = "hours";
	sys->name = strcmp(id, "hours") == 0 ? "hours of learning (total)" :
		"contact hours";
	sys->unit = "hour";
	h->activity = "any";
	h->basis = strcmp(id, "hours") == 0 ? "total" : "contact";
	h->lo = h->hi = setara__dec_int(1);
	h->expr = "1";
	h->system = sys->id;
	sys->hours = h;
	sys->nhours = 1;
	sys->f.confidence = SETARA_CONFIDENCE_HIGH;
	*out = sys;
	return 0;
}

int setara_credit__system_get(cr_system **out, cr_arena *a,
	setara_store *st, const char *id)
{
	cr_system *sys, base;
	cr_vec hv = { 0 }, lv = { 0 };
	char *known;
	int error, found;

	*out = NULL;
	if ((sys = setara_credit__alloc(a, sizeof(*sys))) == NULL)
		return SETARA_ENOMEM;
	if ((error = read_system(sys, a, st, id, &found)) < 0)
		return error;
	if (!found && (strcmp(id, "hours") == 0 ||
	    strcmp(id, "contact-hours") == 0))
		return hours_system(out, a, id);
	if (!found) {
		known = known_list(st, "SELECT id FROM credit_system"
			" ORDER BY id");
		error = setara_error__set(SETARA_ENOTFOUND,
			SETARA_ERROR_CREDIT, NULL, 0, "credit system",
			"unknown credit system '%s' (known: %s)", id,
			known && *known ? known : "none loaded");
		setara__free(known);
		return error;
	}
	if ((error = add_values(sys, a, st, sys->id, sys->f.file,
	    sys->source_id, &hv, &lv, 1)) < 0)
		return error;
	if (sys->basis) {
		memset(&base, 0, sizeof(base));
		if ((error = read_system(&base, a, st, sys->basis,
		    &found)) < 0)
			return error;
		/* hours per activity come from the basis when not stated;
		 * a load is the institution's own, the basis's only when it
		 * states none */
		if (found && (error = add_values(sys, a, st, base.id,
		    base.f.file, base.source_id, &hv, &lv, lv.n == 0)) < 0)
			return error;
	}
	sys->hours = hv.items;
	sys->nhours = hv.n;
	sys->loads = lv.items;
	sys->nloads = lv.n;
	*out = sys;
	return 0;
}

const cr_hours *setara_credit__hours_find(const cr_system *s,
	const char *activity, const char *basis)
{
	size_t i;

	for (i = 0; i < s->nhours; i++)
		if (strcmp(s->hours[i].activity, activity) == 0 &&
		    strcmp(s->hours[i].basis, basis) == 0)
			return &s->hours[i];
	for (i = 0; i < s->nhours; i++)
		if (strcmp(s->hours[i].activity, "any") == 0 &&
		    strcmp(s->hours[i].basis, basis) == 0)
			return &s->hours[i];
	return NULL;
}

const cr_load *setara_credit__load_find(const cr_system *s,
	const char *period)
{
	size_t i;

	for (i = 0; i < s->nloads; i++)
		if (strcmp(s->loads[i].period, period) == 0)
			return &s->loads[i];
	return NULL;
}

/* ---- grade scales -------------------------------------------------------- */

int setara_credit__scale_get(cr_scale **out, cr_arena *a, setara_store *st,
	const char *id)
{
	static const char sql[] =
		"SELECT id, kind, name, notes, gaps, best, worst, lowest_pass,"
		" step, src, confidence, status, ref_src, ref_confidence,"
		" ref_status, source_id, line FROM grade_scale WHERE id = ?";
	static const char gsql[] =
		"SELECT symbol, rank, points, pass, share, note, src,"
		" confidence, status, line FROM grade WHERE scale = ?"
		" ORDER BY seq";
	cr_scale *sc;
	cr_vec gv = { 0 };
	sqlite3_stmt *s;
	char *known;
	int error, found = 0;
	size_t i;

	*out = NULL;
	if ((sc = setara_credit__alloc(a, sizeof(*sc))) == NULL)
		return SETARA_ENOMEM;
	if ((error = setara_store__prepare(st, &s, sql, "s", id)) < 0)
		return error;
	if ((error = setara_store__step(st, s, "grade_scale")) > 0) {
		found = 1;
		sc->id = S(a, 0);
		sc->kind = S(a, 1);
		sc->name = S(a, 2);
		sc->notes = S(a, 3);
		sc->gaps = S(a, 4);
		sc->numeric = strcmp(sc->kind, "numeric") == 0;
		if (sc->numeric) {
			sc->best = dec_col(s, 5);
			sc->worst = dec_col(s, 6);
			sc->lowest_pass = dec_col(s, 7);
			sc->step = dec_col(s, 8);
		}
		sc->source_id = sqlite3_column_int64(s, 15);
		read_fact(&sc->f, a, s, 9, NULL, sqlite3_column_int(s, 16),
			sc->source_id);
		sc->has_ref = sqlite3_column_type(s, 12) != SQLITE_NULL ||
			sqlite3_column_type(s, 13) != SQLITE_NULL ||
			sqlite3_column_type(s, 14) != SQLITE_NULL;
		read_fact(&sc->ref, a, s, 12, NULL, sqlite3_column_int(s, 16),
			sc->source_id);
	}
	sqlite3_reset(s);
	if (error < 0)
		return error;
	if (!found) {
		known = known_list(st, "SELECT id FROM grade_scale"
			" ORDER BY id");
		error = setara_error__set(SETARA_ENOTFOUND,
			SETARA_ERROR_CREDIT, NULL, 0, "grade scale",
			"unknown grade scale '%s' (known: %s)", id,
			known && *known ? known : "none loaded");
		setara__free(known);
		return error;
	}
	sc->f.file = sc->ref.file = setara_credit__path(a, st, sc->source_id);
	if ((error = setara_store__prepare(st, &s, gsql, "s", id)) < 0)
		return error;
	while ((error = setara_store__step(st, s, "grade")) > 0) {
		cr_grade *g = setara_credit__vec_push(a, &gv, sizeof(*g));

		if (g == NULL) {
			sqlite3_reset(s);
			return SETARA_ENOMEM;
		}
		g->symbol = S(a, 0);
		g->rank = sqlite3_column_int(s, 1);
		g->has_points = sqlite3_column_type(s, 2) != SQLITE_NULL;
		if (g->has_points)
			g->points = dec_col(s, 2);
		g->pass = sqlite3_column_int(s, 3);
		g->has_share = sqlite3_column_type(s, 4) != SQLITE_NULL;
		if (g->has_share)
			g->share = dec_col(s, 4);
		g->note = S(a, 5);
		read_fact(&g->f, a, s, 6, sc->f.file,
			sqlite3_column_int(s, 9), sc->source_id);
	}
	sqlite3_reset(s);
	if (error < 0)
		return error;
	sc->grades = gv.items;
	sc->ngrades = gv.n;
	sc->has_points = 1;
	for (i = 0; i < sc->ngrades; i++) {
		if (sc->grades[i].rank < 0)
			continue;
		sc->nranked++;
		if (!sc->grades[i].has_points)
			sc->has_points = 0;
	}
	if (sc->nranked == 0)
		sc->has_points = 0;
	*out = sc;
	return 0;
}

/* 1 when @sym is a multiple of the scale's step within its range. */
static int numeric_grade(cr_grade *g, cr_arena *a, const cr_scale *sc,
	const char *sym)
{
	setara__dec v, q;
	int dir = setara__dec_cmp(sc->best, sc->worst);

	if (setara__dec_parse(&v, sym) < 0)
		return 0;
	if (setara__dec_cmp(v, setara__dec_min(sc->best, sc->worst)) < 0 ||
	    setara__dec_cmp(v, setara__dec_max(sc->best, sc->worst)) > 0)
		return 0;
	if (setara__dec_div(&q, v, sc->step) < 0 || !setara__dec_is_int(q))
		return 0;
	g->symbol = setara_credit__strdup(a, sym);
	g->rank = 0;
	g->has_points = 1;
	g->points = v;
	/* passing: on the best side of the lowest pass, inclusive */
	g->pass = dir > 0 ? setara__dec_cmp(v, sc->lowest_pass) >= 0 :
		setara__dec_cmp(v, sc->lowest_pass) <= 0;
	g->f = sc->f;
	return 1;
}

int setara_credit__grade_find(const cr_grade **out, cr_arena *a,
	const cr_scale *sc, const char *symbol)
{
	setara_buf b = SETARA_BUF_INIT;
	cr_grade *g;
	size_t i;
	int error;

	*out = NULL;
	if (sc->numeric) {
		char lo[SETARA_DEC_BUFSIZE], hi[SETARA_DEC_BUFSIZE],
			stp[SETARA_DEC_BUFSIZE];

		if ((g = setara_credit__alloc(a, sizeof(*g))) == NULL)
			return SETARA_ENOMEM;
		if (numeric_grade(g, a, sc, symbol)) {
			*out = g;
			return 0;
		}
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_CREDIT,
			sc->f.file, sc->f.line, "grade", "grade '%s' is not "
			"on scale '%s' (a multiple of %s from %s to %s)",
			symbol, sc->id, setara__dec_format(stp, sc->step),
			setara__dec_format(lo, sc->best),
			setara__dec_format(hi, sc->worst));
	}
	for (i = 0; i < sc->ngrades; i++)
		if (strcmp(sc->grades[i].symbol, symbol) == 0) {
			*out = &sc->grades[i];
			return 0;
		}
	for (i = 0; i < sc->ngrades; i++)
		setara_buf_printf(&b, "%s%s", i ? " " : "",
			sc->grades[i].symbol);
	error = setara_error__set(SETARA_EINVALID, SETARA_ERROR_CREDIT,
		sc->f.file, sc->f.line, "grade", "grade '%s' is not on scale "
		"'%s' (grades: %s)", symbol, sc->id, b.ptr ? b.ptr : "none");
	setara_buf_dispose(&b);
	return error;
}

setara__dec setara_credit__grade_value(const cr_scale *sc, const cr_grade *g)
{
	size_t i;
	int64_t ord = 0;

	if (g->has_points && (sc->numeric || sc->has_points))
		return g->points;
	/* ordinal: the lowest ranked passing grade is 1, each better one
	 * more; failing grades 0 */
	if (!g->pass || g->rank < 0)
		return setara__dec_int(0);
	for (i = 0; i < sc->ngrades; i++)
		if (sc->grades[i].rank >= g->rank && sc->grades[i].pass)
			ord++;
	return setara__dec_int(ord);
}

int setara_credit__grade_cmp(const cr_scale *sc, const cr_grade *a,
	const cr_grade *b)
{
	if (sc->numeric) {
		int c = setara__dec_cmp(a->points, b->points);

		return setara__dec_cmp(sc->best, sc->worst) > 0 ? c : -c;
	}
	return a->rank < b->rank ? 1 : a->rank > b->rank ? -1 : 0;
}

/* ---- tables -------------------------------------------------------------- */

int setara_credit__gconv_get(cr_gconv **out, cr_arena *a, setara_store *st,
	const char *id, const char *from, const char *to)
{
	static const char by_id[] =
		"SELECT id, from_scale, to_scale, name, src, confidence,"
		" status, source_id, line FROM grade_conversion WHERE id = ?";
	static const char by_scales[] =
		"SELECT id, from_scale, to_scale, name, src, confidence,"
		" status, source_id, line FROM grade_conversion"
		" WHERE from_scale = ? AND to_scale = ? ORDER BY id";
	static const char map_sql[] =
		"SELECT from_grade, to_grade FROM grade_map"
		" WHERE conversion = ?"
		" ORDER BY line";
	cr_gconv *c;
	cr_vec fv = { 0 }, tv = { 0 };
	sqlite3_stmt *s;
	sqlite3_int64 sid = 0;
	int error, found = 0;

	*out = NULL;
	if ((c = setara_credit__alloc(a, sizeof(*c))) == NULL)
		return SETARA_ENOMEM;
	if ((error = setara_store__stmt(st, &s, id ? by_id : by_scales)) < 0)
		return error;
	if (id) {
		sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_text(s, 1, from, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, to, -1, SQLITE_STATIC);
	}
	if ((error = setara_store__step(st, s, "grade_conversion")) > 0) {
		found = 1;
		c->id = S(a, 0);
		c->from = S(a, 1);
		c->to = S(a, 2);
		c->name = S(a, 3);
		sid = sqlite3_column_int64(s, 7);
		read_fact(&c->f, a, s, 4, NULL, sqlite3_column_int(s, 8), sid);
	}
	sqlite3_reset(s);
	if (error < 0)
		return error;
	if (!found) {
		if (id)
			return setara_error__set(SETARA_ENOTFOUND,
				SETARA_ERROR_CREDIT, NULL, 0, "table",
				"unknown grade conversion table '%s'", id);
		return setara_error__set(SETARA_ENOTFOUND,
			SETARA_ERROR_CREDIT, NULL, 0, "table", "no grade "
			"conversion table from '%s' to '%s' (try --method "
			"linear or distribution)", from, to);
	}
	if (id && ((from && strcmp(from, c->from) != 0) ||
	    (to && strcmp(to, c->to) != 0)))
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_CREDIT,
			NULL, 0, "table", "table '%s' converts '%s' to '%s', "
			"not '%s' to '%s'", id, c->from, c->to, from, to);
	c->f.file = setara_credit__path(a, st, sid);
	if ((error = setara_store__prepare(st, &s, map_sql, "s", c->id)) < 0)
		return error;
	while ((error = setara_store__step(st, s, "grade_map")) > 0) {
		const char **f = setara_credit__vec_push(a, &fv, sizeof(*f));
		const char **t = setara_credit__vec_push(a, &tv, sizeof(*t));

		if (!f || !t) {
			sqlite3_reset(s);
			return SETARA_ENOMEM;
		}
		*f = S(a, 0);
		*t = S(a, 1);
	}
	sqlite3_reset(s);
	if (error < 0)
		return error;
	c->n = fv.n;
	c->from_g = fv.items;
	c->to_g = tv.items;
	*out = c;
	return 0;
}

/* A row of grade_distribution (the columns of dist_get's queries). */
static void dist_row(cr_dist *d, cr_arena *a, sqlite3_stmt *s,
	sqlite3_int64 *sid)
{
	d->id = S(a, 0);
	d->scale = S(a, 1);
	d->institution = S(a, 2);
	d->isced = S(a, 3);
	d->years = S(a, 4);
	d->name = S(a, 5);
	d->cycle = S(a, 11);
	d->reference = sqlite3_column_int(s, 12);
	*sid = sqlite3_column_int64(s, 9);
	read_fact(&d->f, a, s, 6, NULL, sqlite3_column_int(s, 10), *sid);
}

/*
 * The grading table of the query @sql (bound: scale, field, institution,
 * cycle; ordered best first), into @d.  1 found, 0 none, or an error when
 * the best two tie (the same cycle and years): which one is ambiguous.
 */
static int dist_pick(cr_dist *d, cr_arena *a, setara_store *st,
	const char *sql, const cr_scale *scale, const char *isced,
	const char *institution, const char *cycle, sqlite3_int64 *sid)
{
	sqlite3_stmt *s;
	int error, found = 0;
	char *key = NULL;

	if ((error = setara_store__prepare(st, &s, sql, "s", scale->id)) < 0)
		return error;
	if (isced)
		sqlite3_bind_text(s, 2, isced, -1, SQLITE_STATIC);
	if (institution)
		sqlite3_bind_text(s, 3, institution, -1, SQLITE_STATIC);
	if (cycle)
		sqlite3_bind_text(s, 4, cycle, -1, SQLITE_STATIC);
	while ((error = setara_store__step(st, s,
	    "grade_distribution")) > 0) {
		const char *k = setara_credit__printf(a, "%s|%s",
			setara_store__col_text(s, 11) ?
			setara_store__col_text(s, 11) : "", S(a, 4));

		if (found++) {
			const char *other = S(a, 0);

			if (key && k && strcmp(key, k) != 0)
				break;  /* a worse match: the first one wins */
			sqlite3_reset(s);
			return setara_error__set(SETARA_EINVALID,
				SETARA_ERROR_CREDIT, NULL, 0, "isced",
				"scale '%s' has several grading tables%s%s "
				"(%s, %s, ...): name the field (ISCED), the "
				"institution or the table", scale->id,
				institution ? " of " : "", institution ?
				institution : "", d->id, other);
		}
		key = (char *)k;
		dist_row(d, a, s, sid);
	}
	sqlite3_reset(s);
	return error < 0 ? error : found > 0;
}

int setara_credit__dist_get(cr_dist **out, cr_arena *a, setara_store *st,
	const char *id, const cr_scale *scale, const char *isced,
	const char *institution, const char *cycle)
{
	static const char by_id[] =
		"SELECT id, scale, institution, isced, years, name, src,"
		" confidence, status, source_id, line, cycle, reference"
		" FROM grade_distribution WHERE id = ?";
	/* the institution's own (or, without one, any) table of the scale
	 * and field, the cycle's before a table of every cycle, the most
	 * recent years first (ECTS Users' Guide 2015, 4.3) */
	static const char by_scale[] =
		"SELECT id, scale, institution, isced, years, name, src,"
		" confidence, status, source_id, line, cycle, reference"
		" FROM grade_distribution"
		" WHERE scale = ?1 AND (?2 IS NULL OR isced = ?2)"
		" AND (?3 IS NULL OR institution = ?3)"
		" AND (cycle IS NULL OR ?4 IS NULL OR cycle = ?4)"
		" ORDER BY cycle IS NULL, years DESC, id";
	/* a national or scheme reference, only when the data says so */
	static const char by_ref[] =
		"SELECT id, scale, institution, isced, years, name, src,"
		" confidence, status, source_id, line, cycle, reference"
		" FROM grade_distribution"
		" WHERE scale = ?1 AND (?2 IS NULL OR isced = ?2)"
		" AND reference = 1"
		" AND (cycle IS NULL OR ?4 IS NULL OR cycle = ?4)"
		" ORDER BY cycle IS NULL, years DESC, id";
	static const char freq_sql[] =
		"SELECT grade, count FROM grade_frequency"
		" WHERE distribution = ?"
		" ORDER BY seq";
	cr_dist *d;
	cr_vec gv = { 0 }, cv = { 0 };
	sqlite3_stmt *s;
	sqlite3_int64 sid = 0;
	int error, found = 0;

	*out = NULL;
	if ((d = setara_credit__alloc(a, sizeof(*d))) == NULL)
		return SETARA_ENOMEM;
	if (id) {
		if ((error = setara_store__prepare(st, &s, by_id, "s",
		    id)) < 0)
			return error;
		if ((error = setara_store__step(st, s,
		    "grade_distribution")) > 0) {
			found = 1;
			dist_row(d, a, s, &sid);
		}
		sqlite3_reset(s);
		if (error < 0)
			return error;
	} else {
		if ((found = dist_pick(d, a, st, by_scale, scale, isced,
		    institution, cycle, &sid)) < 0)
			return found;
		/* never another institution's table: a reference only */
		if (!found && institution && (found = dist_pick(d, a, st,
		    by_ref, scale, isced, institution, cycle, &sid)) < 0)
			return found;
		d->fallback = found && institution &&
			(d->institution == NULL ||
			strcmp(d->institution, institution) != 0);
	}
	if (!found) {
		if (id)
			return setara_error__set(SETARA_ENOTFOUND,
				SETARA_ERROR_CREDIT, NULL, 0, "table",
				"unknown grading table '%s'", id);
		if (scale->has_ref)
			return 0;
		return setara_error__set(SETARA_ENOTFOUND,
			SETARA_ERROR_CREDIT, scale->f.file, scale->f.line,
			"distribution", "no grading table %s%s%sfor scale "
			"'%s'%s%s%s, no reference table, and the scale defines "
			"no reference distribution", institution ? "of " : "",
			institution ? institution : "", institution ? " " : "",
			scale->id, isced ? " in field " : "",
			isced ? isced : "", isced ? " (ISCED-F)" : "");
	}
	if (scale && strcmp(d->scale, scale->id) != 0)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_CREDIT,
			NULL, 0, "table", "grading table '%s' is on scale "
			"'%s', not '%s'", d->id, d->scale, scale->id);
	d->f.file = setara_credit__path(a, st, sid);
	if ((error = setara_store__prepare(st, &s, freq_sql, "s", d->id)) < 0)
		return error;
	while ((error = setara_store__step(st, s, "grade_frequency")) > 0) {
		const char **g = setara_credit__vec_push(a, &gv, sizeof(*g));
		setara__dec *c = setara_credit__vec_push(a, &cv, sizeof(*c));

		if (!g || !c) {
			sqlite3_reset(s);
			return SETARA_ENOMEM;
		}
		*g = S(a, 0);
		*c = setara__dec_int(sqlite3_column_int64(s, 1));
	}
	sqlite3_reset(s);
	if (error < 0)
		return error;
	d->n = gv.n;
	d->grade = gv.items;
	d->count = cv.items;
	*out = d;
	return 0;
}
