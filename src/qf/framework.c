/*
 * Frameworks as loaded: the list, and one framework with its levels,
 * descriptor summaries, main qualification types, editions, sources and
 * referencing, for `setara frameworks` and for programs.
 *
 * A setara_framework owns every string its getters return (a string pool
 * freed with it), so callers never free what they get.  The queries here
 * run once per call and are not worth a cached statement each.
 */
#include <string.h>

#include "qf_int.h"

struct setara_framework {
	setara_framework_info info;
	setara_framework_level *levels;
	int nlevels;
	setara_framework_entry *quals, *descs;
	size_t nquals, ndescs, aquals, adescs;
	setara_framework_referencing *refs;
	size_t nrefs, arefs;
	setara_framework_item *editions, *sources;
	size_t neditions, nsources, aeditions, asources;
	char **pool;
	size_t npool, apool;
	int oom;
};

/* Hand @d (allocated, may be NULL) to @fw's pool; returns it. */
static const char *pool_add(setara_framework *fw, char *d)
{
	char **p;

	if (d == NULL)
		return NULL;
	if ((p = setara__grow(fw->pool, &fw->apool, fw->npool, sizeof(*p),
	    64)) == NULL) {
		setara__free(d);
		fw->oom = 1;
		return NULL;
	}
	fw->pool = p;
	fw->pool[fw->npool++] = d;
	return d;
}

/* A copy of column @i owned by @fw (NULL stays NULL). */
static const char *keep(setara_framework *fw, sqlite3_stmt *s, int i)
{
	const char *v = setara_store__col_text(s, i);
	char *d;

	if (v == NULL || fw->oom)
		return NULL;
	if ((d = setara__strdup(v)) == NULL) {
		fw->oom = 1;
		return NULL;
	}
	return pool_add(fw, d);
}

/*
 * @arr with room for one more element of @size (@n used, *@alloc
 * allocated), or NULL when out of memory (@arr is then left as it was).
 */
static void *grow(setara_framework *fw, void *arr, size_t *alloc, size_t n,
	size_t size)
{
	void *p;

	if ((p = setara__grow(arr, alloc, n, size, 8)) == NULL)
		fw->oom = 1;
	return p;
}

void setara_framework_free(setara_framework *fw)
{
	if (fw == NULL)
		return;
	setara__free_strv(fw->pool, fw->npool);
	setara__free(fw->levels);
	setara__free(fw->quals);
	setara__free(fw->descs);
	setara__free(fw->refs);
	setara__free(fw->editions);
	setara__free(fw->sources);
	setara__free(fw);
}

/* Run @sql with ?1 = @id, calling @row for each row. */
static int each_row(setara_store *st, const char *sql, const char *id,
	int (*row)(setara_framework *fw, setara_store *st, sqlite3_stmt *s),
	setara_framework *fw)
{
	sqlite3_stmt *s = NULL;
	int error = 0, rc;

	if (sqlite3_prepare_v2(setara_store__db(st), sql, -1, &s, NULL) !=
	    SQLITE_OK)
		return setara_store__error(st, "qf");
	if (id)
		sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	while (error == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		error = row(fw, st, s);
		if (error == 0 && fw && fw->oom)
			error = SETARA_ENOMEM;
	}
	if (error == 0 && rc != SQLITE_DONE)
		error = setara_store__error(st, "qf");
	sqlite3_finalize(s);
	return error;
}

#define INFO_SQL \
	"SELECT f.id, f.name, f.acronym, f.kind, f.country, f.stage," \
	" f.basis, f.notes, f.src, f.confidence, s.path, f.nlevels," \
	" r.status, r.indicative," \
	" CASE WHEN EXISTS (SELECT 1 FROM qf_map m WHERE m.framework = f.id" \
	"  AND m.target = 'aqrf') THEN r.level_table END" \
	" FROM qf_framework f JOIN source s ON s.id = f.source_id" \
	" LEFT JOIN qf_referencing r" \
	"  ON r.framework = f.id AND r.target = 'aqrf'"

static void read_info(setara_framework *fw, sqlite3_stmt *s)
{
	setara_framework_info *i = &fw->info;

	i->id = keep(fw, s, 0);
	i->name = keep(fw, s, 1);
	i->acronym = keep(fw, s, 2);
	i->kind = keep(fw, s, 3);
	i->country = keep(fw, s, 4);
	i->stage = keep(fw, s, 5);
	i->basis = keep(fw, s, 6);
	i->notes = keep(fw, s, 7);
	i->source = keep(fw, s, 8);
	i->confidence = keep(fw, s, 9);
	i->file = keep(fw, s, 10);
	i->levels = sqlite3_column_int(s, 11);
	i->aqrf_status = strcmp(i->id ? i->id : "", SETARA_QF_AQRF) == 0 ?
		"reference" : keep(fw, s, 12);
	i->aqrf_indicative = sqlite3_column_int(s, 13);
	i->aqrf_table = strcmp(i->id ? i->id : "", SETARA_QF_AQRF) == 0 ?
		"reference" : keep(fw, s, 14);
}

static int info_row(setara_framework *fw, setara_store *st, sqlite3_stmt *s)
{
	(void)st;
	read_info(fw, s);
	return 0;
}

static int level_row(setara_framework *fw, setara_store *st,
	sqlite3_stmt *s)
{
	int n = sqlite3_column_int(s, 0);
	setara_framework_level *l;

	(void)st;
	if (n < 1 || n > fw->nlevels)
		return 0;
	l = &fw->levels[n - 1];
	l->n = n;
	l->title = keep(fw, s, 1);
	l->notes = keep(fw, s, 2);
	l->source = keep(fw, s, 3);
	l->confidence = keep(fw, s, 4);
	l->line = sqlite3_column_int(s, 5);
	l->aqrf_min = sqlite3_column_int(s, 6);
	l->aqrf_max = sqlite3_column_int(s, 7);
	l->aqrf_confidence = keep(fw, s, 8);
	l->aqrf_note = keep(fw, s, 9);
	l->aqrf_table = keep(fw, s, 10);
	if (fw->info.id && strcmp(fw->info.id, SETARA_QF_AQRF) == 0) {
		l->aqrf_min = l->aqrf_max = n;
		l->aqrf_confidence = "high";
		l->aqrf_table = "reference";
	}
	return 0;
}

static int entry_row(setara_framework *fw, setara_store *st,
	sqlite3_stmt *s)
{
	const char *kind = setara_store__col_text(s, 1);
	setara_framework_entry *e;
	void *p;

	(void)st;
	if (kind && kind[0] == 'q') {
		if ((p = grow(fw, fw->quals, &fw->aquals, fw->nquals,
		    sizeof(*e))) == NULL)
			return SETARA_ENOMEM;
		fw->quals = p;
		e = &fw->quals[fw->nquals++];
	} else {
		if ((p = grow(fw, fw->descs, &fw->adescs, fw->ndescs,
		    sizeof(*e))) == NULL)
			return SETARA_ENOMEM;
		fw->descs = p;
		e = &fw->descs[fw->ndescs++];
	}
	memset(e, 0, sizeof(*e));
	e->level = sqlite3_column_int(s, 0);
	e->kind = keep(fw, s, 2);
	e->text = keep(fw, s, 3);
	e->from = keep(fw, s, 4);
	e->until = keep(fw, s, 5);
	e->source = keep(fw, s, 6);
	e->confidence = keep(fw, s, 7);
	return 0;
}

static int ref_row(setara_framework *fw, setara_store *st, sqlite3_stmt *s)
{
	setara_framework_referencing *r;
	setara_buf b = SETARA_BUF_INIT;
	int error;

	void *p;

	if ((p = grow(fw, fw->refs, &fw->arefs, fw->nrefs,
	    sizeof(*r))) == NULL)
		return SETARA_ENOMEM;
	fw->refs = p;
	r = &fw->refs[fw->nrefs++];
	memset(r, 0, sizeof(*r));
	r->target = keep(fw, s, 0);
	r->status = keep(fw, s, 1);
	r->date = keep(fw, s, 2);
	r->edition = keep(fw, s, 3);
	r->indicative = sqlite3_column_int(s, 4);
	r->source = keep(fw, s, 5);
	r->confidence = keep(fw, s, 6);
	r->notes = keep(fw, s, 7);
	r->line = sqlite3_column_int(s, 8);
	r->maps = sqlite3_column_int(s, 9);
	r->meeting = keep(fw, s, 10);
	r->submitted = keep(fw, s, 11);
	r->table = keep(fw, s, 12);
	if ((error = setara_qf__source_text(st, &b, fw->info.id,
	    r->source)) == 0)
		r->source_text = b.size ? pool_add(fw, setara_buf_detach(&b)) :
			"";
	setara_buf_dispose(&b);
	return error;
}

static int item_row(setara_framework *fw, setara_framework_item **arr,
	size_t *n, size_t *alloc, sqlite3_stmt *s)
{
	setara_framework_item *it;

	void *p;

	if ((p = grow(fw, *arr, alloc, *n, sizeof(*it))) == NULL)
		return SETARA_ENOMEM;
	*arr = p;
	it = &(*arr)[(*n)++];
	it->id = keep(fw, s, 0);
	it->date = keep(fw, s, 1);
	it->text = keep(fw, s, 2);
	return 0;
}

static int edition_row(setara_framework *fw, setara_store *st,
	sqlite3_stmt *s)
{
	(void)st;
	return item_row(fw, &fw->editions, &fw->neditions, &fw->aeditions, s);
}

static int source_row(setara_framework *fw, setara_store *st,
	sqlite3_stmt *s)
{
	(void)st;
	return item_row(fw, &fw->sources, &fw->nsources, &fw->asources, s);
}

int setara_framework_get(setara_framework **out, setara_store *st,
	const char *id)
{
	setara_framework *fw;
	int error, n;

	SETARA_ASSERT_ARG(out && st && id);
	*out = NULL;
	if ((error = setara_qf__check_level(st, id, 0, &n)) < 0)
		return error;
	if ((fw = setara__calloc(1, sizeof(*fw))) == NULL)
		return SETARA_ENOMEM;
	fw->nlevels = n;
	if ((fw->levels = setara__calloc((size_t)n + 1,
	    sizeof(*fw->levels))) == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	if ((error = each_row(st, INFO_SQL " WHERE f.id = ?1", id, info_row,
	    fw)) < 0 ||
	    (error = each_row(st,
	    "SELECT l.n, l.title, l.notes, l.src, l.confidence, l.line,"
	    " m.min, m.max, m.confidence, m.note, m.level_table"
	    " FROM qf_level l"
	    " LEFT JOIN qf_map m ON m.framework = l.framework"
	    "  AND m.target = 'aqrf' AND m.level = l.n"
	    " WHERE l.framework = ?1 ORDER BY l.n", id, level_row, fw)) < 0 ||
	    (error = each_row(st,
	    "SELECT level, kind, class, text, from_edition, until_edition,"
	    " src, confidence FROM qf_entry WHERE framework = ?1"
	    " ORDER BY level, id", id, entry_row, fw)) < 0 ||
	    (error = each_row(st,
	    "SELECT r.target, r.status, r.date, r.edition, r.indicative,"
	    " r.src, r.confidence, r.notes, r.line,"
	    " (SELECT count(*) FROM qf_map m WHERE m.framework = r.framework"
	    "  AND m.target = r.target), r.meeting, r.submitted,"
	    " r.level_table"
	    " FROM qf_referencing r WHERE r.framework = ?1"
	    " ORDER BY r.target", id, ref_row, fw)) < 0 ||
	    (error = each_row(st,
	    "SELECT id, date, text FROM qf_edition WHERE framework = ?1"
	    " ORDER BY date, id", id, edition_row, fw)) < 0 ||
	    (error = each_row(st,
	    "SELECT key, href, text FROM qf_source WHERE framework = ?1"
	    " ORDER BY rowid", id, source_row, fw)) < 0)
		goto done;
done:
	if (error < 0)
		setara_framework_free(fw);
	else
		*out = fw;
	return error;
}

int setara_qf_frameworks(setara_store *st,
	int (*cb)(const setara_framework_info *fw, void *payload),
	void *payload)
{
	sqlite3_stmt *s = NULL;
	setara_framework *fw = NULL;
	int error = 0, rc, r;

	SETARA_ASSERT_ARG(st && cb);
	if (sqlite3_prepare_v2(setara_store__db(st), INFO_SQL
	    " ORDER BY CASE f.id WHEN 'aqrf' THEN 0 WHEN 'eqf' THEN 1"
	    " ELSE 2 END, f.id", -1, &s, NULL) != SQLITE_OK)
		return setara_store__error(st, "qf_framework");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((fw = setara__calloc(1, sizeof(*fw))) == NULL) {
			error = SETARA_ENOMEM;
			break;
		}
		read_info(fw, s);
		if (fw->oom) {
			error = SETARA_ENOMEM;
			break;
		}
		r = cb(&fw->info, payload);
		setara_framework_free(fw);
		fw = NULL;
		if (r != 0) {
			error = r;
			break;
		}
	}
	if (error == 0 && rc != SQLITE_DONE)
		error = setara_store__error(st, "qf_framework");
	setara_framework_free(fw);
	sqlite3_finalize(s);
	return error;
}

const setara_framework_info *setara_framework_about(
	const setara_framework *fw)
{
	return &fw->info;
}

const setara_framework_level *setara_framework_level_get(
	const setara_framework *fw, int n)
{
	return n >= 1 && n <= fw->nlevels && fw->levels[n - 1].n == n ?
		&fw->levels[n - 1] : NULL;
}

size_t setara_framework_qualification_count(const setara_framework *fw)
{
	return fw->nquals;
}

const setara_framework_entry *setara_framework_qualification(
	const setara_framework *fw, size_t i)
{
	return i < fw->nquals ? &fw->quals[i] : NULL;
}

size_t setara_framework_descriptor_count(const setara_framework *fw)
{
	return fw->ndescs;
}

const setara_framework_entry *setara_framework_descriptor(
	const setara_framework *fw, size_t i)
{
	return i < fw->ndescs ? &fw->descs[i] : NULL;
}

size_t setara_framework_referencing_count(const setara_framework *fw)
{
	return fw->nrefs;
}

const setara_framework_referencing *setara_framework_referencing_get(
	const setara_framework *fw, size_t i)
{
	return i < fw->nrefs ? &fw->refs[i] : NULL;
}

size_t setara_framework_edition_count(const setara_framework *fw)
{
	return fw->neditions;
}

const setara_framework_item *setara_framework_edition(
	const setara_framework *fw, size_t i)
{
	return i < fw->neditions ? &fw->editions[i] : NULL;
}

size_t setara_framework_source_count(const setara_framework *fw)
{
	return fw->nsources;
}

const setara_framework_item *setara_framework_source(
	const setara_framework *fw, size_t i)
{
	return i < fw->nsources ? &fw->sources[i] : NULL;
}
