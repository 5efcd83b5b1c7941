/*
 * Reading the MRS reference data back from the store: one competency
 * standard with its units, and the unit-equivalence tables a decision
 * needs, into the plain structures of mrs_int.h that the engine works on.
 * Each keeps the path and SHA-256 of its data file, which the attestation
 * records as the digests of its inputs.
 */
#include <string.h>

#include "mrs_int.h"

static int dup(char **out, sqlite3_stmt *s, int i)
{
	const char *v = setara_store__col_text(s, i);

	*out = NULL;
	if (v == NULL)
		return 0;
	return (*out = setara__strdup(v)) == NULL ? SETARA_ENOMEM : 0;
}

static void hash(char out[65], sqlite3_stmt *s, int i)
{
	const char *v = setara_store__col_text(s, i);

	snprintf(out, 65, "%s", v ? v : "");
}

void setara_mrs__standard_dispose(setara_mrs__standard *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nunits; i++) {
		setara__free(s->units[i].code);
		setara__free(s->units[i].title);
		setara__free(s->units[i].kind);
	}
	setara__free(s->units);
	setara__free(s->id);
	setara__free(s->scope);
	setara__free(s->country);
	setara__free(s->title);
	setara__free(s->body_id);
	setara__free(s->body_name);
	setara__free(s->level);
	setara__free(s->qual_title);
	setara__free(s->status);
	setara__free(s->path);
	memset(s, 0, sizeof(*s));
}

void setara_mrs__table_dispose(setara_mrs__table *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nmaps; i++) {
		setara__free(t->maps[i].from);
		setara__free(t->maps[i].to);
	}
	setara__free(t->maps);
	setara__free(t->id);
	setara__free(t->from);
	setara__free(t->to);
	setara__free(t->status);
	setara__free(t->path);
	memset(t, 0, sizeof(*t));
}

void setara_mrs__tables_free(setara_mrs__table *t, size_t n)
{
	size_t i;

	for (i = 0; t && i < n; i++)
		setara_mrs__table_dispose(&t[i]);
	setara__free(t);
}

/* "a, b, c" of the standards that define an occupation, for messages. */
static int known_occupations(setara_store *st, setara_buf *out)
{
	static const char sql[] =
		"SELECT id FROM mrs_standard WHERE req_aqrf IS NOT NULL"
		" ORDER BY id";
	sqlite3_stmt *s;
	int error, n = 0, rc;

	if ((error = setara_store__stmt(st, &s, sql)) < 0)
		return error;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && error == 0)
		error = setara_buf_printf(out, "%s%s", n++ ? ", " : "",
			setara_store__col_text(s, 0));
	sqlite3_reset(s);
	if (error == 0 && rc != SQLITE_DONE && rc != SQLITE_ROW)
		error = setara_store__error(st, "mrs_standard");
	return error;
}

/*
 * Each row of @sql (bound as @types from @a and @b) read by @row into a
 * new zeroed element of @size bytes at the end of the array *@v of *@n;
 * @table names a failed step.  On failure *@v keeps the elements read so
 * far (the last one perhaps in part) for the caller to free.
 */
static int read_rows(void **v, size_t *n, size_t size,
	int (*row)(void *el, sqlite3_stmt *s), setara_store *st,
	const char *sql, const char *table, const char *types, const char *a,
	const char *b)
{
	sqlite3_stmt *s;
	size_t alloc = 0;
	void *grown;
	char *el;
	int rc, error;

	if ((error = setara_store__prepare(st, &s, sql, types, a, b)) < 0)
		return error;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((grown = setara__grow(*v, &alloc, *n, size, 16)) == NULL) {
			error = SETARA_ENOMEM;
			break;
		}
		*v = grown;
		el = (char *)grown + *n * size;
		memset(el, 0, size);
		(*n)++;
		if ((error = row(el, s)) < 0)
			break;
	}
	if (error == 0 && rc != SQLITE_DONE)
		error = setara_store__error(st, table);
	sqlite3_reset(s);
	return error;
}

static int unit_row(void *el, sqlite3_stmt *s)
{
	setara_mrs__unit *u = el;
	int error;

	if ((error = dup(&u->code, s, 0)) < 0 ||
	    (error = dup(&u->title, s, 1)) < 0 ||
	    (error = dup(&u->kind, s, 2)) < 0)
		return error;
	u->required = sqlite3_column_int(s, 3);
	u->local = sqlite3_column_int(s, 4);
	u->conf = setara__confidence(setara_store__col_text(s, 5));
	return 0;
}

static int read_units(setara_mrs__standard *out, setara_store *st)
{
	static const char sql[] =
		"SELECT code, title, kind, required, local, confidence"
		" FROM mrs_unit WHERE standard = ? ORDER BY seq";
	void *v = NULL;
	int error = read_rows(&v, &out->nunits, sizeof(*out->units),
		unit_row, st, sql, "mrs_unit", "s", out->id, NULL);

	out->units = v;
	return error;
}

int setara_mrs__standard_read(setara_mrs__standard *out, setara_store *st,
	const char *id)
{
	static const char sql[] =
		"SELECT m.id, m.scope, m.country, m.title, m.body_id,"
		" m.body_name, m.level, m.qual_title, m.req_aqrf,"
		" m.req_confidence, m.status, m.confidence, m.superseded,"
		" s.path, s.sha256"
		" FROM mrs_standard m JOIN source s ON s.id = m.source_id"
		" WHERE m.id = ?";
	setara_buf known = SETARA_BUF_INIT;
	sqlite3_stmt *s;
	int error, rc;

	memset(out, 0, sizeof(*out));
	SETARA_ASSERT_ARG(st && id);
	if ((error = setara_store__prepare(st, &s, sql, "s", id)) < 0)
		return error;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if ((error = dup(&out->id, s, 0)) < 0 ||
		    (error = dup(&out->scope, s, 1)) < 0 ||
		    (error = dup(&out->country, s, 2)) < 0 ||
		    (error = dup(&out->title, s, 3)) < 0 ||
		    (error = dup(&out->body_id, s, 4)) < 0 ||
		    (error = dup(&out->body_name, s, 5)) < 0 ||
		    (error = dup(&out->level, s, 6)) < 0 ||
		    (error = dup(&out->qual_title, s, 7)) < 0 ||
		    (error = dup(&out->status, s, 10)) < 0 ||
		    (error = dup(&out->path, s, 13)) < 0)
			goto fail;
		out->req_aqrf = sqlite3_column_int(s, 8);
		out->req_conf = setara__confidence(
			setara_store__col_text(s, 9));
		out->conf = setara__confidence(
			setara_store__col_text(s, 11));
		out->superseded = sqlite3_column_int(s, 12);
		hash(out->sha256, s, 14);
		sqlite3_reset(s);
		if ((error = read_units(out, st)) < 0)
			goto fail;
		return 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return setara_store__error(st, "mrs_standard");
	if ((error = known_occupations(st, &known)) == 0)
		error = setara_error__notfound("OCCUPATION", "no occupational "
			"standard '%s' in the reference data (occupations: "
			"%s)", id, known.size ? known.ptr : "none loaded");
	setara_buf_dispose(&known);
	return error;
fail:
	sqlite3_reset(s);
	setara_mrs__standard_dispose(out);
	return error;
}

static int map_row(void *el, sqlite3_stmt *s)
{
	setara_mrs__map *m = el;
	int error;

	if ((error = dup(&m->from, s, 0)) < 0 ||
	    (error = dup(&m->to, s, 1)) < 0)
		return error;
	m->coverage = strcmp(setara_store__col_text(s, 2), "full") == 0 ?
		SETARA_MRS_COV_FULL : SETARA_MRS_COV_PARTIAL;
	m->conf = setara__confidence(setara_store__col_text(s, 3));
	return 0;
}

static int table_row(void *el, sqlite3_stmt *s)
{
	setara_mrs__table *t = el;
	int error;

	if ((error = dup(&t->id, s, 0)) < 0 ||
	    (error = dup(&t->from, s, 1)) < 0 ||
	    (error = dup(&t->to, s, 2)) < 0 ||
	    (error = dup(&t->status, s, 3)) < 0 ||
	    (error = dup(&t->path, s, 5)) < 0)
		return error;
	t->conf = setara__confidence(setara_store__col_text(s, 4));
	hash(t->sha256, s, 6);
	return 0;
}

int setara_mrs__tables_read(setara_mrs__table **out, size_t *n,
	setara_store *st, const char *a, const char *b)
{
	static const char sql[] =
		"SELECT t.id, t.from_std, t.to_std, t.status, t.confidence,"
		" s.path, s.sha256"
		" FROM mrs_table t JOIN source s ON s.id = t.source_id"
		" WHERE t.from_std = ? OR t.from_std = ? ORDER BY t.id";
	static const char maps_sql[] =
		"SELECT from_unit, to_unit, coverage, confidence FROM mrs_map"
		" WHERE table_id = ? ORDER BY seq";
	setara_mrs__table *all;
	void *v = NULL;
	size_t count = 0, i;
	int error;

	*out = NULL;
	*n = 0;
	error = read_rows(&v, &count, sizeof(*all), table_row, st, sql,
		"mrs_table", "ss", a ? a : "", b ? b : "");
	all = v;
	for (i = 0; error == 0 && i < count; i++) {
		v = NULL;
		error = read_rows(&v, &all[i].nmaps, sizeof(*all[i].maps),
			map_row, st, maps_sql, "mrs_map", "s", all[i].id, NULL);
		all[i].maps = v;
	}
	if (error < 0) {
		setara_mrs__tables_free(all, count);
		return error;
	}
	*out = all;
	*n = count;
	return 0;
}
