/*
 * Level maps and level comparisons, always through the AQRF.
 *
 * A level's place in the AQRF is a range (Indonesia's nine KKNI levels
 * share eight AQRF levels; an ambiguous type spans two).  Another
 * framework's comparable levels are those whose AQRF ranges overlap that
 * range.  Every mapping row used becomes a step of the trace, with its
 * file and line, status, date, edition, sources and confidence; the answer
 * takes the weakest status and confidence of its steps and is indicative
 * when any step is.  An empty answer is an answer, not an error.
 */
#include <string.h>

#include "qf_int.h"

struct setara_qf_map {
	char *from;
	char *target;
	char **levels;
	size_t nlevels;
	int aqrf_min, aqrf_max;
	setara_qf_status status;
	setara_confidence conf;
	int indicative;
	setara_qf_table table;
	setara_qf_step *steps;
	size_t nsteps;
	setara_buf note;
};

struct setara_qf_comparison {
	setara_qf_map *side[2];
	setara_qf_comparable result;
	int distance;
	setara_confidence conf;
	int indicative;
};

/* Columns shared by the two step queries below, from index 1. */
#define STEP_COLUMNS \
	"s.path, m.line, m.min, m.max, m.src, m.confidence, m.note," \
	" r.status, r.date, r.edition, r.indicative, m.framework," \
	" r.meeting, m.level_table"

static void free_step(setara_qf_step *s)
{
	setara__free((char *)s->file);
	setara__free((char *)s->framework);
	setara__free((char *)s->mapping);
	setara__free((char *)s->status);
	setara__free((char *)s->date);
	setara__free((char *)s->edition);
	setara__free((char *)s->source);
	setara__free((char *)s->source_text);
	setara__free((char *)s->confidence);
	setara__free((char *)s->note);
	setara__free((char *)s->report);
	setara__free((char *)s->meeting);
	setara__free((char *)s->table);
}

void setara_qf_map_free(setara_qf_map *m)
{
	size_t i;

	if (m == NULL)
		return;
	setara__free_strv(m->levels, m->nlevels);
	for (i = 0; i < m->nsteps; i++)
		free_step(&m->steps[i]);
	setara__free(m->steps);
	setara__free(m->from);
	setara__free(m->target);
	setara_buf_dispose(&m->note);
	setara__free(m);
}

static int dup_opt(const char **out, const char *s)
{
	*out = NULL;
	if (s == NULL)
		return 0;
	if ((*out = setara__strdup(s)) == NULL)
		return SETARA_ENOMEM;
	return 0;
}

static int add_level(setara_qf_map *m, const char *fw, int n)
{
	char **l;

	l = setara__realloc(m->levels, (m->nlevels + 1) * sizeof(*l));
	if (l == NULL)
		return SETARA_ENOMEM;
	m->levels = l;
	if ((l[m->nlevels] = setara__asprintf("%s:%d", fw, n)) == NULL)
		return SETARA_ENOMEM;
	m->nlevels++;
	return 0;
}

static int add_note(setara_qf_map *m, const char *text)
{
	int error = 0;

	if (m->note.size)
		error = setara_buf_puts(&m->note, "; ");
	return error ? error : setara_buf_puts(&m->note, text);
}

/*
 * Append the mapping row at the statement's current row (STEP_COLUMNS from
 * column @c) as a step, and fold its status, confidence and level-table
 * status into @m.
 * @level is the national level the row is about.
 */
static int add_step(setara_qf_map *m, setara_store *st, sqlite3_stmt *s,
	int c, int level)
{
	setara_qf_step *steps, *p;
	setara_buf b = SETARA_BUF_INIT;
	const char *fw = setara_store__col_text(s, c + 11);
	int min = sqlite3_column_int(s, c + 2);
	int max = sqlite3_column_int(s, c + 3);
	setara_qf_status status;
	setara_qf_table table;
	setara_confidence conf;
	int error;

	steps = setara__realloc(m->steps, (m->nsteps + 1) * sizeof(*steps));
	if (steps == NULL)
		return SETARA_ENOMEM;
	m->steps = steps;
	p = &steps[m->nsteps];
	memset(p, 0, sizeof(*p));
	m->nsteps++;
	p->line = sqlite3_column_int(s, c + 1);
	p->indicative = sqlite3_column_int(s, c + 10) != 0;
	if (min == max)
		error = setara_buf_printf(&b, "%s:%d -> aqrf:%d", fw, level,
			min);
	else
		error = setara_buf_printf(&b, "%s:%d -> aqrf:%d..aqrf:%d", fw,
			level, min, max);
	if (error == 0 && (p->mapping = setara_buf_detach(&b)) == NULL)
		error = SETARA_ENOMEM;
	if (error == 0)
		error = dup_opt(&p->file, setara_store__col_text(s, c));
	if (error == 0)
		error = dup_opt(&p->framework, fw);
	if (error == 0)
		error = dup_opt(&p->source, setara_store__col_text(s, c + 4));
	if (error == 0)
		error = dup_opt(&p->confidence,
			setara_store__col_text(s, c + 5));
	if (error == 0)
		error = dup_opt(&p->note, setara_store__col_text(s, c + 6));
	/* The step's status is the coarse one; the report's own stage
	 * (peer-reviewed, submitted) is kept apart. */
	if (error == 0)
		error = dup_opt(&p->report, setara_store__col_text(s, c + 7));
	if (error == 0)
		error = dup_opt(&p->status, setara_qf_status_name(
			setara_qf__status(p->report)));
	if (error == 0)
		error = dup_opt(&p->meeting, setara_store__col_text(s,
			c + 12));
	if (error == 0)
		error = dup_opt(&p->table, setara_store__col_text(s, c + 13));
	if (error == 0)
		error = dup_opt(&p->date, setara_store__col_text(s, c + 8));
	if (error == 0)
		error = dup_opt(&p->edition, setara_store__col_text(s, c + 9));
	if (error == 0)
		error = setara_qf__source_text(st, &b, p->framework,
			p->source);
	if (error == 0 && (p->source_text = setara_buf_detach(&b)) == NULL)
		error = dup_opt(&p->source_text, "");
	setara_buf_dispose(&b);
	if (error < 0)
		return error;
	status = setara_qf__status(p->report);
	table = setara_qf__table(p->table);
	conf = setara__confidence(p->confidence);
	if (status < m->status)
		m->status = status;
	if (table < m->table)
		m->table = table;
	if (conf < m->conf)
		m->conf = conf;
	if (p->indicative)
		m->indicative = 1;
	return 0;
}

/*
 * The AQRF range of @fw:@n into @m, with its step.  Leaves 0, 0 when the
 * level has no AQRF mapping.
 */
static int from_range(setara_qf_map *m, setara_store *st, const char *fw,
	int n)
{
	static const char sql[] =
		"SELECT " STEP_COLUMNS
		" FROM qf_map m JOIN qf_referencing r"
		"  ON r.framework = m.framework AND r.target = m.target"
		" JOIN qf_framework f ON f.id = m.framework"
		" JOIN source s ON s.id = f.source_id"
		" WHERE m.framework = ? AND m.target = 'aqrf' AND m.level = ?";
	sqlite3_stmt *s;
	int error, rc;

	if (strcmp(fw, SETARA_QF_AQRF) == 0) {
		m->aqrf_min = m->aqrf_max = n;
		return 0;
	}
	if ((error = setara_store__prepare(st, &s, sql, "si", fw, n)) < 0)
		return error;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		m->aqrf_min = sqlite3_column_int(s, 2);
		m->aqrf_max = sqlite3_column_int(s, 3);
		error = add_step(m, st, s, 0, n);
	} else if (rc != SQLITE_DONE) {
		error = setara_store__error(st, "qf_map");
	}
	sqlite3_reset(s);
	return error;
}

/* The referencing status of @fw to the AQRF, for an empty answer. */
static int no_mapping(setara_qf_map *m, setara_store *st, const char *fw,
	int n)
{
	static const char sql[] =
		"SELECT status FROM qf_referencing"
		" WHERE framework = ? AND target = 'aqrf'";
	sqlite3_stmt *s;
	char *text;
	int error;

	m->conf = SETARA_CONFIDENCE_UNKNOWN;
	m->status = SETARA_QF_STATUS_NONE;
	m->table = SETARA_QF_TABLE_ASSUMED;
	if ((error = setara_store__prepare(st, &s, sql, "s", fw)) < 0)
		return error;
	if (sqlite3_step(s) == SQLITE_ROW)
		m->status = setara_qf__status(setara_store__col_text(s, 0));
	sqlite3_reset(s);
	text = setara__asprintf("no AQRF level is known for %s:%d (%s: %s)",
		fw, n, fw, m->status == SETARA_QF_STATUS_NONE ?
		"not referenced to the AQRF, no link known" :
		"no link for this level");
	if (text == NULL)
		return SETARA_ENOMEM;
	error = add_note(m, text);
	setara__free(text);
	return error;
}

/* Levels of @to whose AQRF ranges overlap m's range. */
static int comparable_levels(setara_qf_map *m, setara_store *st,
	const char *to)
{
	static const char sql[] =
		"SELECT m.level, " STEP_COLUMNS
		" FROM qf_map m JOIN qf_referencing r"
		"  ON r.framework = m.framework AND r.target = m.target"
		" JOIN qf_framework f ON f.id = m.framework"
		" JOIN source s ON s.id = f.source_id"
		" WHERE m.framework = ? AND m.target = 'aqrf'"
		"  AND m.min <= ? AND m.max >= ?"
		" ORDER BY m.level";
	static const char any_sql[] =
		"SELECT count(*) FROM qf_map"
		" WHERE framework = ? AND target = 'aqrf'";
	sqlite3_stmt *s;
	char *text = NULL;
	int error, rc, any = 0, level;

	/* add_step() reads qf_source through another statement, which may
	 * run while this one is open. */
	if ((error = setara_store__prepare(st, &s, sql, "sii", to,
	    m->aqrf_max, m->aqrf_min)) < 0)
		return error;
	while (error == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		level = sqlite3_column_int(s, 0);
		if ((error = add_step(m, st, s, 1, level)) == 0)
			error = add_level(m, to, level);
	}
	if (error == 0 && rc != SQLITE_DONE)
		error = setara_store__error(st, "qf_map");
	sqlite3_reset(s);
	if (error < 0 || m->nlevels)
		return error;
	if ((error = setara_store__prepare(st, &s, any_sql, "s", to)) < 0)
		return error;
	if (sqlite3_step(s) == SQLITE_ROW)
		any = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (any)
		text = setara__asprintf("no level of %s is comparable: none "
			"maps to AQRF %d..%d", to, m->aqrf_min, m->aqrf_max);
	else
		text = setara__asprintf("%s has no known AQRF levels: nothing "
			"to compare with", to);
	if (text == NULL)
		return SETARA_ENOMEM;
	m->conf = SETARA_CONFIDENCE_UNKNOWN;
	error = add_note(m, text);
	setara__free(text);
	return error;
}

int setara_qf_level_map(setara_qf_map **out, setara_store *st,
	const char *ref, const char *to)
{
	setara_qf_map *m = NULL;
	char fw[64];
	int error, n, i;

	SETARA_ASSERT_ARG(out && st);
	*out = NULL;
	if (to == NULL)
		to = SETARA_QF_AQRF;
	if ((error = setara_qf__parse_ref(fw, sizeof(fw), &n, ref)) < 0 ||
	    (error = setara_qf__check_level(st, fw, n, NULL)) < 0 ||
	    (error = setara_qf__check_level(st, to, 0, NULL)) < 0)
		return error;
	if ((m = setara__calloc(1, sizeof(*m))) == NULL)
		return SETARA_ENOMEM;
	m->status = SETARA_QF_STATUS_REFERENCE;
	m->table = SETARA_QF_TABLE_REFERENCE;
	m->conf = SETARA_CONFIDENCE_HIGH;
	if ((m->from = setara__asprintf("%s:%d", fw, n)) == NULL ||
	    (m->target = setara__strdup(to)) == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	if (strcmp(fw, to) == 0 && strcmp(fw, SETARA_QF_AQRF) != 0) {
		/* The same framework: the level itself. */
		error = from_range(m, st, fw, n);
		if (error == 0)
			error = add_level(m, fw, n);
		m->status = SETARA_QF_STATUS_REFERENCE;
		m->table = SETARA_QF_TABLE_REFERENCE;
		m->conf = SETARA_CONFIDENCE_HIGH;
		m->indicative = 0;
		goto done;
	}
	if ((error = from_range(m, st, fw, n)) < 0)
		goto done;
	if (m->aqrf_min == 0) {
		error = no_mapping(m, st, fw, n);
		goto done;
	}
	if (m->aqrf_max > m->aqrf_min) {
		char *t = setara__asprintf("%s spans several AQRF levels "
			"(%d..%d)", m->from, m->aqrf_min, m->aqrf_max);

		error = t ? add_note(m, t) : SETARA_ENOMEM;
		setara__free(t);
		if (error < 0)
			goto done;
	}
	if (strcmp(to, SETARA_QF_AQRF) == 0) {
		for (i = m->aqrf_min; i <= m->aqrf_max && error == 0; i++)
			error = add_level(m, SETARA_QF_AQRF, i);
	} else {
		error = comparable_levels(m, st, to);
		if (error == 0 && m->nlevels > 1) {
			char *t = setara__asprintf("%zu levels of %s are "
				"comparable", m->nlevels, to);

			error = t ? add_note(m, t) : SETARA_ENOMEM;
			setara__free(t);
		}
	}
	if (error == 0 && m->indicative)
		error = add_note(m, "indicative only: not an official "
			"referencing outcome");
	else if (error == 0 && m->table < SETARA_QF_TABLE_CONFIRMED) {
		char *t = setara__asprintf("the referencing is endorsed but "
			"its level table is %s: the link is not confirmed "
			"level by level", setara_qf_table_name(m->table));

		error = t ? add_note(m, t) : SETARA_ENOMEM;
		setara__free(t);
	}
done:
	if (error < 0)
		setara_qf_map_free(m);
	else
		*out = m;
	return error;
}

const char *setara_qf_map_from(const setara_qf_map *m)
{
	return m->from;
}

const char *setara_qf_map_target(const setara_qf_map *m)
{
	return m->target;
}

size_t setara_qf_map_count(const setara_qf_map *m)
{
	return m->nlevels;
}

const char *setara_qf_map_level(const setara_qf_map *m, size_t i)
{
	return i < m->nlevels ? m->levels[i] : NULL;
}

void setara_qf_map_aqrf(const setara_qf_map *m, int *min, int *max)
{
	if (min)
		*min = m->aqrf_min;
	if (max)
		*max = m->aqrf_max;
}

setara_qf_status setara_qf_map_status(const setara_qf_map *m)
{
	return m->status;
}

setara_confidence setara_qf_map_confidence(const setara_qf_map *m)
{
	return m->conf;
}

int setara_qf_map_indicative(const setara_qf_map *m)
{
	return m->indicative;
}

setara_qf_table setara_qf_map_table(const setara_qf_map *m)
{
	return m->table;
}

size_t setara_qf_map_trace_count(const setara_qf_map *m)
{
	return m->nsteps;
}

const setara_qf_step *setara_qf_map_trace(const setara_qf_map *m, size_t i)
{
	return i < m->nsteps ? &m->steps[i] : NULL;
}

const char *setara_qf_map_note(const setara_qf_map *m)
{
	return m->note.size ? m->note.ptr : NULL;
}

/* ---- compare ---------------------------------------------------------- */

void setara_qf_comparison_free(setara_qf_comparison *c)
{
	if (c == NULL)
		return;
	setara_qf_map_free(c->side[0]);
	setara_qf_map_free(c->side[1]);
	setara__free(c);
}

int setara_qf_level_compare(setara_qf_comparison **out, setara_store *st,
	const char *a, const char *b)
{
	setara_qf_comparison *c;
	int error, amin, amax, bmin, bmax;

	SETARA_ASSERT_ARG(out && st);
	*out = NULL;
	if ((c = setara__calloc(1, sizeof(*c))) == NULL)
		return SETARA_ENOMEM;
	if ((error = setara_qf_level_map(&c->side[0], st, a, NULL)) < 0 ||
	    (error = setara_qf_level_map(&c->side[1], st, b, NULL)) < 0)
		goto done;
	setara_qf_map_aqrf(c->side[0], &amin, &amax);
	setara_qf_map_aqrf(c->side[1], &bmin, &bmax);
	c->indicative = c->side[0]->indicative || c->side[1]->indicative;
	c->conf = c->side[0]->conf < c->side[1]->conf ? c->side[0]->conf :
		c->side[1]->conf;
	if (amin == 0 || bmin == 0) {
		c->result = SETARA_QF_UNKNOWN;
		c->conf = SETARA_CONFIDENCE_UNKNOWN;
	} else if (bmin > amax) {
		c->result = SETARA_QF_NOT_COMPARABLE;
		c->distance = bmin - amax;
	} else if (bmax < amin) {
		c->result = SETARA_QF_NOT_COMPARABLE;
		c->distance = -(amin - bmax);
	} else {
		c->result = SETARA_QF_COMPARABLE;
	}
done:
	if (error < 0)
		setara_qf_comparison_free(c);
	else
		*out = c;
	return error;
}

setara_qf_comparable setara_qf_comparison_result(
	const setara_qf_comparison *c)
{
	return c->result;
}

int setara_qf_comparison_distance(const setara_qf_comparison *c)
{
	return c->distance;
}

setara_confidence setara_qf_comparison_confidence(
	const setara_qf_comparison *c)
{
	return c->conf;
}

int setara_qf_comparison_indicative(const setara_qf_comparison *c)
{
	return c->indicative;
}

const setara_qf_map *setara_qf_comparison_side(
	const setara_qf_comparison *c, int side)
{
	return side == 0 || side == 1 ? c->side[side] : NULL;
}
