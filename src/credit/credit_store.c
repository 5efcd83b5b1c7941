/*
 * The credit component's tables in the store, and its reference-data
 * loader.
 *
 * load() claims the data files whose document element is
 * one of {urn:setara:data:1}creditSystem, gradeScale, gradeConversion,
 * gradeDistribution, institution or agreement, validates them against
 * credit/credit-data.xsd, then applies the rules a schema cannot say
 * (docs/data-credit.md): every cited source key is defined in the file,
 * every fact has a source and a confidence or a status (inherited from
 * its parent element when absent), a value is given one way only, ranges
 * are ordered, grades are listed from best to worst with the passing ones
 * first, a reference distribution sums to 100, rule shapes fit their
 * kind, policy items carry what they need, and an id is defined once
 * across all files.  Each row keeps the line of its element, so that
 * check(), run after all files are in, names the file and
 * line of a reference to something that does not exist.  store/load.c
 * holds one transaction around the whole load.
 */
#include <stdarg.h>
#include <string.h>

#include "credit_int.h"

/*
 * The credit facts to confirm next (setara_store_data_report()): every
 * fact below high confidence that is not sample data.
 */
#define CR_LOW(t) " WHERE " t ".confidence IN ('medium', 'low')" \
	" AND coalesce(" t ".status, '') <> 'sample'"
#define CR_SYS(tab, t) " FROM " tab " " t " JOIN credit_system y" \
	" ON y.id = " t ".system JOIN source s ON s.id = y.source_id" CR_LOW(t)
static const char report[] =
	"SELECT 'credit', 'system', y.id, s.path, y.line, y.confidence, NULL,"
	"  y.name FROM credit_system y JOIN source s ON s.id = y.source_id"
	CR_LOW("y")
	" UNION ALL SELECT 'credit', 'hours', h.system || ' ' || h.activity"
	"  || ' ' || h.basis, s.path, h.line, h.confidence, NULL, h.note"
	CR_SYS("credit_hours", "h")
	" UNION ALL SELECT 'credit', 'load', l.system || ' ' || l.period,"
	"  s.path, l.line, l.confidence, NULL, l.note" CR_SYS("credit_load", "l")
	" UNION ALL SELECT 'credit', 'total', t.system || ' ' || t.award,"
	"  s.path, t.line, t.confidence, NULL, t.note" CR_SYS("credit_total", "t")
	" UNION ALL SELECT 'credit', 'scale', g.id, s.path, g.line,"
	"  g.confidence, NULL, g.name FROM grade_scale g"
	" JOIN source s ON s.id = g.source_id" CR_LOW("g")
	" UNION ALL SELECT 'credit', 'grade', d.scale || ' ' || d.symbol,"
	"  s.path, d.line, d.confidence, NULL, d.note FROM grade d"
	" JOIN grade_scale g ON g.id = d.scale"
	" JOIN source s ON s.id = g.source_id" CR_LOW("d")
	" UNION ALL SELECT 'credit', 'conversion', c.id, s.path, c.line,"
	"  c.confidence, NULL, c.name FROM grade_conversion c"
	" JOIN source s ON s.id = c.source_id" CR_LOW("c")
	" UNION ALL SELECT 'credit', 'institution', i.id, s.path, i.line,"
	"  i.confidence, NULL, i.name FROM credit_institution i"
	" JOIN source s ON s.id = i.source_id" CR_LOW("i")
	" UNION ALL SELECT DISTINCT 'credit', 'policy', p.institution || ' ' ||"
	"  p.policy || ' ' || p.item, s.path, p.line, p.confidence, NULL,"
	"  p.note FROM credit_policy_item p"
	" JOIN credit_institution i ON i.id = p.institution"
	" JOIN source s ON s.id = i.source_id" CR_LOW("p")
	" UNION ALL SELECT 'credit', 'agreement', a.id, s.path, a.line,"
	"  a.confidence, NULL, a.name FROM credit_agreement a"
	" JOIN source s ON s.id = a.source_id" CR_LOW("a");
#undef CR_SYS
#undef CR_LOW

static const setara_store__migration migrations[] = {
	{ 1,
	  /* the <source> entries of each credit data file */
	  "CREATE TABLE credit_ref ("
	  " source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,"
	  " key TEXT NOT NULL,"
	  " href TEXT,"
	  " text TEXT NOT NULL,"
	  " PRIMARY KEY (source_id, key));"
	  "CREATE TABLE credit_system ("
	  " id TEXT PRIMARY KEY,"
	  " source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,"
	  " line INTEGER NOT NULL,"
	  " kind TEXT NOT NULL,"
	  " defined TEXT,"
	  " country TEXT,"
	  " institution TEXT,"
	  " basis TEXT,"
	  " name TEXT NOT NULL,"
	  " unit TEXT NOT NULL,"
	  " notes TEXT,"
	  " gaps TEXT,"
	  " src TEXT, confidence TEXT, status TEXT);"
	  "CREATE INDEX credit_system_source ON credit_system(source_id);"
	  /* lo = hi unless the definition is a range; exact numbers as text */
	  "CREATE TABLE credit_hours ("
	  " system TEXT NOT NULL"
	  "  REFERENCES credit_system(id) ON DELETE CASCADE,"
	  " activity TEXT NOT NULL,"
	  " basis TEXT NOT NULL,"
	  " lo TEXT NOT NULL,"
	  " hi TEXT NOT NULL,"
	  " expr TEXT NOT NULL,"
	  " note TEXT,"
	  " src TEXT, confidence TEXT, status TEXT,"
	  " line INTEGER NOT NULL,"
	  " PRIMARY KEY (system, activity, basis));"
	  "CREATE TABLE credit_load ("
	  " system TEXT NOT NULL"
	  "  REFERENCES credit_system(id) ON DELETE CASCADE,"
	  " period TEXT NOT NULL,"
	  " lo TEXT NOT NULL,"
	  " hi TEXT NOT NULL,"
	  " note TEXT,"
	  " src TEXT, confidence TEXT, status TEXT,"
	  " line INTEGER NOT NULL,"
	  " PRIMARY KEY (system, period));"
	  "CREATE TABLE credit_total ("
	  " system TEXT NOT NULL"
	  "  REFERENCES credit_system(id) ON DELETE CASCADE,"
	  " award TEXT NOT NULL,"
	  " lo TEXT NOT NULL,"
	  " hi TEXT NOT NULL,"
	  " level TEXT,"
	  " note TEXT,"
	  " src TEXT, confidence TEXT, status TEXT,"
	  " line INTEGER NOT NULL,"
	  " PRIMARY KEY (system, award));"
	  "CREATE TABLE grade_scale ("
	  " id TEXT PRIMARY KEY,"
	  " source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,"
	  " line INTEGER NOT NULL,"
	  " kind TEXT NOT NULL,"
	  " name TEXT NOT NULL,"
	  " country TEXT,"
	  " institution TEXT,"
	  " best TEXT, worst TEXT, lowest_pass TEXT, step TEXT,"
	  " notes TEXT,"
	  " gaps TEXT,"
	  " src TEXT, confidence TEXT, status TEXT,"
	  " ref_src TEXT, ref_confidence TEXT, ref_status TEXT);"
	  "CREATE INDEX grade_scale_source ON grade_scale(source_id);"
	  /* rank: order from the best (0); -1 for unranked marks (S, K) */
	  "CREATE TABLE grade ("
	  " scale TEXT NOT NULL REFERENCES grade_scale(id) ON DELETE CASCADE,"
	  " symbol TEXT NOT NULL,"
	  " seq INTEGER NOT NULL,"
	  " rank INTEGER NOT NULL,"
	  " points TEXT,"
	  " marks_lo TEXT, marks_hi TEXT,"
	  " pass INTEGER NOT NULL,"
	  " share TEXT,"
	  " note TEXT,"
	  " src TEXT, confidence TEXT, status TEXT,"
	  " line INTEGER NOT NULL,"
	  " PRIMARY KEY (scale, symbol));"
	  "CREATE TABLE grade_conversion ("
	  " id TEXT PRIMARY KEY,"
	  " source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,"
	  " line INTEGER NOT NULL,"
	  " from_scale TEXT NOT NULL,"
	  " to_scale TEXT NOT NULL,"
	  " name TEXT NOT NULL,"
	  " src TEXT, confidence TEXT, status TEXT);"
	  "CREATE INDEX grade_conversion_source ON grade_conversion(source_id);"
	  "CREATE TABLE grade_map ("
	  " conversion TEXT NOT NULL"
	  "  REFERENCES grade_conversion(id) ON DELETE CASCADE,"
	  " from_grade TEXT NOT NULL,"
	  " to_grade TEXT NOT NULL,"
	  " line INTEGER NOT NULL,"
	  " PRIMARY KEY (conversion, from_grade));"
	  "CREATE TABLE grade_distribution ("
	  " id TEXT PRIMARY KEY,"
	  " source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,"
	  " line INTEGER NOT NULL,"
	  " scale TEXT NOT NULL,"
	  " institution TEXT,"
	  " isced TEXT NOT NULL,"
	  " years TEXT NOT NULL,"
	  " name TEXT NOT NULL,"
	  " src TEXT, confidence TEXT, status TEXT);"
	  "CREATE INDEX grade_distribution_source"
	  " ON grade_distribution(source_id);"
	  "CREATE TABLE grade_frequency ("
	  " distribution TEXT NOT NULL"
	  "  REFERENCES grade_distribution(id) ON DELETE CASCADE,"
	  " seq INTEGER NOT NULL,"
	  " grade TEXT NOT NULL,"
	  " count INTEGER NOT NULL,"
	  " line INTEGER NOT NULL,"
	  " PRIMARY KEY (distribution, grade));"
	  "CREATE TABLE credit_institution ("
	  " id TEXT PRIMARY KEY,"
	  " source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,"
	  " line INTEGER NOT NULL,"
	  " country TEXT NOT NULL,"
	  " name TEXT NOT NULL,"
	  " credit_system TEXT NOT NULL,"
	  " grade_scale TEXT,"
	  " notes TEXT,"
	  " src TEXT, confidence TEXT, status TEXT);"
	  "CREATE INDEX credit_institution_source"
	  " ON credit_institution(source_id);"
	  "CREATE TABLE credit_programme ("
	  " institution TEXT NOT NULL"
	  "  REFERENCES credit_institution(id) ON DELETE CASCADE,"
	  " id TEXT NOT NULL,"
	  " name TEXT NOT NULL,"
	  " level TEXT NOT NULL,"
	  " credits TEXT NOT NULL,"
	  " isced TEXT,"
	  " src TEXT, confidence TEXT, status TEXT,"
	  " line INTEGER NOT NULL,"
	  " PRIMARY KEY (institution, id));"
	  "CREATE TABLE credit_area ("
	  " institution TEXT NOT NULL"
	  "  REFERENCES credit_institution(id) ON DELETE CASCADE,"
	  " programme TEXT NOT NULL,"
	  " area TEXT NOT NULL,"
	  " credits TEXT NOT NULL,"
	  " line INTEGER NOT NULL,"
	  " PRIMARY KEY (institution, programme, area));"
	  "CREATE TABLE credit_course ("
	  " institution TEXT NOT NULL"
	  "  REFERENCES credit_institution(id) ON DELETE CASCADE,"
	  " code TEXT NOT NULL,"
	  " title TEXT NOT NULL,"
	  " credits TEXT NOT NULL,"
	  " area TEXT,"
	  " level TEXT,"
	  " src TEXT, confidence TEXT, status TEXT,"
	  " line INTEGER NOT NULL,"
	  " PRIMARY KEY (institution, code));"
	  "CREATE TABLE credit_policy ("
	  " institution TEXT NOT NULL"
	  "  REFERENCES credit_institution(id) ON DELETE CASCADE,"
	  " id TEXT NOT NULL,"
	  " seq INTEGER NOT NULL,"
	  " programmes TEXT,"
	  " name TEXT NOT NULL,"
	  " src TEXT, confidence TEXT, status TEXT,"
	  " line INTEGER NOT NULL,"
	  " PRIMARY KEY (institution, id));"
	  /* one row per attribute of a policy item (minGrade grade="C") */
	  "CREATE TABLE credit_policy_item ("
	  " institution TEXT NOT NULL"
	  "  REFERENCES credit_institution(id) ON DELETE CASCADE,"
	  " policy TEXT NOT NULL,"
	  " seq INTEGER NOT NULL,"
	  " item TEXT NOT NULL,"
	  " attr TEXT NOT NULL,"
	  " value TEXT NOT NULL,"
	  " note TEXT,"
	  " src TEXT, confidence TEXT, status TEXT,"
	  " line INTEGER NOT NULL);"
	  "CREATE INDEX credit_policy_item_policy"
	  " ON credit_policy_item(institution, policy);"
	  "CREATE TABLE credit_agreement ("
	  " id TEXT PRIMARY KEY,"
	  " source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,"
	  " line INTEGER NOT NULL,"
	  " host TEXT NOT NULL,"
	  " partner TEXT NOT NULL,"
	  " name TEXT NOT NULL,"
	  " valid_from TEXT, valid_until TEXT,"
	  " credit_method TEXT, period TEXT, activity TEXT, ratio TEXT,"
	  " credit_src TEXT, credit_confidence TEXT, credit_status TEXT,"
	  " credit_line INTEGER,"
	  " grade_method TEXT, grade_conversion TEXT, grade_policy TEXT,"
	  " grade_round TEXT, isced TEXT,"
	  " grade_src TEXT, grade_confidence TEXT, grade_status TEXT,"
	  " grade_line INTEGER,"
	  " src TEXT, confidence TEXT, status TEXT);"
	  "CREATE INDEX credit_agreement_host"
	  " ON credit_agreement(host, partner);"
	  "CREATE INDEX credit_agreement_source ON credit_agreement(source_id);"
	  "CREATE TABLE credit_rule ("
	  " agreement TEXT NOT NULL"
	  "  REFERENCES credit_agreement(id) ON DELETE CASCADE,"
	  " seq INTEGER NOT NULL,"
	  " id TEXT NOT NULL,"
	  " kind TEXT NOT NULL,"
	  " valid_from TEXT, valid_until TEXT,"
	  " overlap TEXT,"
	  " note TEXT,"
	  " src TEXT, confidence TEXT, status TEXT,"
	  " line INTEGER NOT NULL,"
	  " PRIMARY KEY (agreement, seq));"
	  /* side 'f' (partner course) or 't' (host course or area) */
	  "CREATE TABLE credit_rule_course ("
	  " agreement TEXT NOT NULL"
	  "  REFERENCES credit_agreement(id) ON DELETE CASCADE,"
	  " seq INTEGER NOT NULL,"
	  " side TEXT NOT NULL,"
	  " pos INTEGER NOT NULL,"
	  " code TEXT,"
	  " area TEXT,"
	  " credits TEXT,"
	  " min_credits TEXT, max_credits TEXT,"
	  " grade_from TEXT,"
	  " line INTEGER NOT NULL,"
	  " PRIMARY KEY (agreement, seq, side, pos));" },
	{ 2,
	  /* one-to-many rules: a target's share of the converted credits */
	  "ALTER TABLE credit_rule_course ADD COLUMN share TEXT;" },
	{ 3,
	  /* grading tables: the cycle they count, and whether a national or
	   * scheme table is a reference other institutions may fall back to */
	  "ALTER TABLE grade_distribution ADD COLUMN cycle TEXT;"
	  "ALTER TABLE grade_distribution ADD COLUMN reference INTEGER"
	  " NOT NULL DEFAULT 0;" },
	SETARA_STORE_MIGRATIONS_END
};

/* ---- the state of one file's load ---------------------------------------- */

#define MAX_KEYS 64

typedef struct fact {
	char source[256];
	char confidence[8];
	char status[16];
} fact;

typedef struct ld {
	setara_store *st;
	const char *path;
	sqlite3_int64 source_id;
	xmlNodePtr root;
	char keys[MAX_KEYS][33];
	size_t nkeys;
	/* attribute values to free at the end */
	xmlChar **pool;
	size_t npool, apool;
	int nomem;      /* A() or T() ran out of memory: a value that reads
	                   as absent may not be, so no data error stands */
} ld;

static int line_of(const xmlNode *n)
{
	return (int)xmlGetLineNo(n);
}

/*
 * An attribute's value (borrowed until the end of the load), or NULL.
 * Out of memory gives "" for a value that is there (the checks that
 * follow rely on what the schema requires) and sets l->nomem, which
 * makes the load fail with SETARA_ENOMEM.
 */
/* Hand @v (from libxml2) to @l's pool: 0, or -1 (with @v freed and
 * l->nomem set) when out of memory. */
static int pool_keep(ld *l, xmlChar *v)
{
	xmlChar **p;

	if ((p = setara__grow(l->pool, &l->apool, l->npool, sizeof(*p),
	    64)) == NULL) {
		xmlFree(v);
		l->nomem = 1;
		return -1;
	}
	l->pool = p;
	l->pool[l->npool++] = v;
	return 0;
}

static const char *A(ld *l, xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);

	if (v == NULL)
		return NULL;
	if (pool_keep(l, v) < 0)
		return "";
	return (const char *)v;
}

/* The trimmed text of @n (borrowed as A()), or NULL when empty. */
static const char *T(ld *l, xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s, *e;

	if (v == NULL)
		return NULL;
	for (s = (char *)v; *s == ' ' || *s == '\n' || *s == '\t' ||
	    *s == '\r'; s++)
		;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\t' ||
	    e[-1] == '\r'))
		e--;
	*e = '\0';
	if (*s == '\0') {
		xmlFree(v);
		return NULL;
	}
	memmove(v, s, (size_t)(e - s) + 1);
	if (pool_keep(l, v) < 0)
		return NULL;
	return (const char *)v;
}

static int is(const xmlNode *n, const char *local)
{
	return setara__xml_is(n, SETARA_NS_DATA, local);
}

/* First element child, then next element sibling (any name). */
static xmlNodePtr first_el(const xmlNode *n)
{
	xmlNodePtr c;

	for (c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

static xmlNodePtr next_el(const xmlNode *n)
{
	xmlNodePtr c;

	for (c = n->next; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

static int bad(ld *l, const xmlNode *n, const char *field, const char *fmt,
	...) SETARA_PRINTF(4, 5);

static int bad(ld *l, const xmlNode *n, const char *field, const char *fmt,
	...)
{
	va_list ap;
	int rc;

	if (l->nomem)
		return setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
			NULL, 0, NULL, "out of memory");
	va_start(ap, fmt);
	rc = setara_error__vset(SETARA_EINVALID, SETARA_ERROR_DATA, l->path,
		n ? line_of(n) : 0, field, fmt, ap);
	va_end(ap);
	return rc;
}

/* Run one statement, its arguments bound as @types says
 * (setara_store__prepare()). */
static int run(ld *l, const char *sql, const char *types, ...)
{
	sqlite3_stmt *s;
	va_list ap;
	int error;

	if (l->nomem)   /* a NULL below may be a value lost, not absent */
		return bad(l, NULL, NULL, "out of memory");
	va_start(ap, types);
	error = setara_store__vprepare(l->st, &s, sql, types, ap);
	va_end(ap);
	return error < 0 ? error : setara_store__step_done(l->st, s,
		"credit data");
}

/* ---- facts: source, confidence, status ----------------------------------- */

static int key_known(const ld *l, const char *k, size_t len)
{
	size_t i;

	for (i = 0; i < l->nkeys; i++)
		if (strlen(l->keys[i]) == len &&
		    strncmp(l->keys[i], k, len) == 0)
			return 1;
	return 0;
}

/* Every key of @refs is defined in the file. */
static int check_refs(ld *l, const xmlNode *n, const char *refs)
{
	const char *p = refs, *e;

	while (p && *p) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		for (e = p; *e && *e != ' ' && *e != '\t' && *e != '\n'; e++)
			;
		if (!key_known(l, p, (size_t)(e - p)))
			return bad(l, n, "source", "no <source id=\"%.*s\"> "
				"in this file", (int)(e - p), p);
		p = e;
	}
	return 0;
}

/*
 * The fact of element @n: its own source/confidence/status, else its
 * parent's (@up).  Checks the keys.  With @need set, a fact must end up
 * with a source and a confidence, or a status.
 */
static int fact_of(ld *l, xmlNodePtr n, const fact *up, fact *out, int need)
{
	const char *s = A(l, n, "source"), *c = A(l, n, "confidence"),
		*st = A(l, n, "status");
	int error;

	if (up)
		*out = *up;
	else
		memset(out, 0, sizeof(*out));
	if (s) {
		if ((error = check_refs(l, n, s)) < 0)
			return error;
		snprintf(out->source, sizeof(out->source), "%s", s);
	}
	if (c)
		snprintf(out->confidence, sizeof(out->confidence), "%s", c);
	if (st)
		snprintf(out->status, sizeof(out->status), "%s", st);
	else if (s || c)
		/* a fact with its own source is not its parent's sample */
		out->status[0] = '\0';
	if (need && strcmp(out->status, "sample") != 0 &&
	    (!out->source[0] || !out->confidence[0]))
		return bad(l, n, out->source[0] ? "confidence" : "source",
			"a fact needs a source and a confidence, or "
			"status=\"sample\" (none here nor on its parents)");
	return 0;
}

#define FS(f) ((f)->source[0] ? (f)->source : NULL)
#define FC(f) ((f)->confidence[0] ? (f)->confidence : NULL)
#define FT(f) ((f)->status[0] ? (f)->status : NULL)

/* ---- the common head: name, notes, sources, gaps ------------------------- */

typedef struct head {
	const char *name;
	setara_buf notes;
	setara_buf gaps;
	xmlNodePtr next;    /* first element after the head */
} head;

/* @text NULL: an empty element, or out of memory (ld.nomem says). */
static int join(setara_buf *b, const char *text)
{
	if (text == NULL)
		return 0;
	if (b->size && setara_buf_puts(b, "\n") < 0)
		return SETARA_ENOMEM;
	return setara_buf_puts(b, text);
}

static int read_head(ld *l, head *h)
{
	static const char sql[] =
		"INSERT INTO credit_ref (source_id, key, href, text)"
		" VALUES (?, ?, ?, ?)";
	xmlNodePtr n;
	const char *id;
	int error = 0;

	memset(h, 0, sizeof(*h));
	/* sources first: facts anywhere may cite them */
	for (n = first_el(l->root); n; n = next_el(n)) {
		if (!is(n, "source"))
			continue;
		if (l->nkeys == MAX_KEYS)
			return bad(l, n, "source", "more than %d sources",
				MAX_KEYS);
		id = A(l, n, "id");
		snprintf(l->keys[l->nkeys++], sizeof(l->keys[0]), "%s", id);
		if ((error = run(l, sql, "Isss", l->source_id, id,
		    A(l, n, "href"), T(l, n))) < 0)
			return error;
	}
	for (n = first_el(l->root); n; n = next_el(n)) {
		error = 0;
		if (is(n, "name"))
			h->name = T(l, n);
		else if (is(n, "note"))
			error = join(&h->notes, T(l, n));
		else if (is(n, "gap"))
			error = join(&h->gaps, T(l, n));
		else if (!is(n, "source"))
			break;
		if (error < 0)
			return error;
	}
	h->next = n;
	return 0;
}

static void head_dispose(head *h)
{
	setara_buf_dispose(&h->notes);
	setara_buf_dispose(&h->gaps);
}

/* ---- numbers ------------------------------------------------------------- */

/* Parse @s into @out or fail naming @n and @field. */
static int num(ld *l, const xmlNode *n, const char *field, const char *s,
	setara__dec *out)
{
	if (setara__dec_parse(out, s) < 0)
		return bad(l, n, field, "'%s' is not an exact number", s);
	return 0;
}

/*
 * A value given as value= (or @single), or as min= and max=; into lo and
 * hi, formatted.  Exactly one form.
 */
static int value_or_range(ld *l, xmlNodePtr n, const char *single,
	char lo[SETARA_DEC_BUFSIZE], char hi[SETARA_DEC_BUFSIZE],
	int allow_zero)
{
	const char *v = A(l, n, single), *mn = A(l, n, "min"),
		*mx = A(l, n, "max");
	setara__dec a, b;
	int error;

	if (v && (mn || mx))
		return bad(l, n, single, "give %s= or min= and max=, not both",
			single);
	if (v) {
		if ((error = num(l, n, single, v, &a)) < 0)
			return error;
		b = a;
	} else if (mn && mx) {
		if ((error = num(l, n, "min", mn, &a)) < 0 ||
		    (error = num(l, n, "max", mx, &b)) < 0)
			return error;
		if (setara__dec_cmp(a, b) > 0)
			return bad(l, n, "min", "min %s is above max %s", mn,
				mx);
	} else {
		return bad(l, n, single, "needs %s= or both min= and max=",
			single);
	}
	if (!allow_zero && setara__dec_sign(a) <= 0)
		return bad(l, n, v ? single : "min", "must be above zero");
	setara__dec_format(lo, a);
	setara__dec_format(hi, b);
	return 0;
}

/* ---- unique ids across files --------------------------------------------- */

static int unique_id(ld *l, const char *table_sql, const char *what,
	const char *id)
{
	sqlite3_stmt *s;
	char *other = NULL;
	int error, line = 0;

	if ((error = setara_store__stmt(l->st, &s, table_sql)) < 0)
		return error;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	if ((error = setara_store__step(l->st, s, what)) > 0) {
		other = setara_store__source_path(l->st,
			sqlite3_column_int64(s, 0));
		line = sqlite3_column_int(s, 1);
		error = bad(l, l->root, "id", "%s '%s' is also defined in "
			"%s:%d", what, id, other ? other : "another file",
			line);
	}
	sqlite3_reset(s);
	setara__free(other);
	return error;
}

/* ---- creditSystem -------------------------------------------------------- */

static int load_hours(ld *l, xmlNodePtr n, const char *sys, const fact *up)
{
	static const char sql[] =
		"INSERT INTO credit_hours (system, activity, basis, lo, hi,"
		" expr, note, src, confidence, status, line)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	const char *mpw = A(l, n, "minutesPerWeek"), *wk = A(l, n, "weeks");
	char lo[SETARA_DEC_BUFSIZE], hi[SETARA_DEC_BUFSIZE], expr[200];
	setara__dec m, w, h;
	fact f;
	int error;

	if ((error = fact_of(l, n, up, &f, 1)) < 0)
		return error;
	if (mpw || wk) {
		if (!mpw || !wk || A(l, n, "value") || A(l, n, "min") ||
		    A(l, n, "max"))
			return bad(l, n, mpw ? "weeks" : "minutesPerWeek",
				"give minutesPerWeek= with weeks=, and no "
				"value=, min= or max=");
		if ((error = num(l, n, "minutesPerWeek", mpw, &m)) < 0 ||
		    (error = num(l, n, "weeks", wk, &w)) < 0)
			return error;
		/* hours = minutes a week x weeks / 60, exactly */
		if ((error = setara__dec_mul(&h, m, w)) < 0 ||
		    (error = setara__dec_div(&h, h, setara__dec_int(60))) < 0)
			return error;
		if (setara__dec_sign(h) <= 0)
			return bad(l, n, "minutesPerWeek",
				"must be above zero");
		setara__dec_format(lo, h);
		setara__dec_format(hi, h);
		snprintf(expr, sizeof(expr), "%s min/week x %s weeks / 60",
			mpw, wk);
	} else {
		if ((error = value_or_range(l, n, "value", lo, hi, 0)) < 0)
			return error;
		if (strcmp(lo, hi) == 0)
			snprintf(expr, sizeof(expr), "%s h", lo);
		else
			snprintf(expr, sizeof(expr), "%s-%s h", lo, hi);
	}
	return run(l, sql, "ssssssssssi", sys, A(l, n, "activity"),
		A(l, n, "basis"), lo, hi, expr, T(l, n), FS(&f), FC(&f),
		FT(&f), line_of(n));
}

static int load_system(ld *l, const char *id, const head *hd,
	const fact *top)
{
	static const char sql[] =
		"INSERT INTO credit_system (id, source_id, line, kind, defined,"
		" country, institution, basis, name, unit, notes, gaps, src,"
		" confidence, status)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char load_sql[] =
		"INSERT INTO credit_load (system, period, lo, hi, note, src,"
		" confidence, status, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char total_sql[] =
		"INSERT INTO credit_total (system, award, lo, hi, level, note,"
		" src, confidence, status, line)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	const char *kind = A(l, l->root, "kind"),
		*basis = A(l, l->root, "basis"), *unit = NULL;
	char lo[SETARA_DEC_BUFSIZE], hi[SETARA_DEC_BUFSIZE];
	xmlNodePtr n;
	fact f;
	int error = 0;

	if (strcmp(kind, "institutional") == 0 &&
	    A(l, l->root, "institution") == NULL)
		return bad(l, l->root, "institution", "an institutional "
			"system names its institution");
	if (basis && strcmp(basis, id) == 0)
		return bad(l, l->root, "basis", "a system cannot be its own "
			"basis");
	for (n = hd->next; n && is(n, "unit"); n = next_el(n))
		unit = T(l, n);
	if ((error = run(l, sql, "sIissssssssssss", id, l->source_id,
	    line_of(l->root), kind, A(l, l->root, "defined"),
	    A(l, l->root, "country"), A(l, l->root, "institution"), basis,
	    hd->name, unit, hd->notes.size ? hd->notes.ptr : NULL,
	    hd->gaps.size ? hd->gaps.ptr : NULL, FS(top), FC(top),
	    FT(top))) < 0)
		return error;
	for (n = hd->next; n; n = next_el(n)) {
		if (is(n, "hours")) {
			error = load_hours(l, n, id, top);
		} else if (is(n, "load") || is(n, "total")) {
			int load = is(n, "load");

			if ((error = fact_of(l, n, top, &f, 1)) < 0 ||
			    (error = value_or_range(l, n, "credits", lo, hi,
			    0)) < 0)
				return error;
			if (load)
				error = run(l, load_sql, "ssssssssi", id,
					A(l, n, "period"), lo, hi, T(l, n),
					FS(&f), FC(&f), FT(&f), line_of(n));
			else
				error = run(l, total_sql, "sssssssssi", id,
					A(l, n, "award"), lo, hi,
					A(l, n, "level"), T(l, n), FS(&f),
					FC(&f), FT(&f), line_of(n));
		}
		if (error < 0)
			return error;
	}
	return 0;
}

/* ---- gradeScale ---------------------------------------------------------- */

/*
 * best, worst, lowestPass and step (@vals, in that order): all four on a
 * numeric scale, best and worst apart, lowestPass between them; none on
 * a letter scale, which takes its values from its grades.
 */
static int scale_bounds(ld *l, const char *kind, const char *vals[4])
{
	static const char *const names[4] = { "best", "worst", "lowestPass",
		"step" };
	setara__dec v[4];
	int error, i;

	if (strcmp(kind, "numeric") != 0) {
		for (i = 0; i < 4; i++)
			if (vals[i])
				return bad(l, l->root, names[i], "a letter "
					"scale takes its values from its "
					"grades (no %s=)", names[i]);
		return 0;
	}
	for (i = 0; i < 4; i++) {
		if (vals[i] == NULL)
			return bad(l, l->root, names[i], "a numeric scale "
				"needs best, worst, lowestPass and step");
		if ((error = num(l, l->root, names[i], vals[i], &v[i])) < 0)
			return error;
	}
	if (setara__dec_cmp(v[0], v[1]) == 0 || setara__dec_sign(v[3]) <= 0)
		return bad(l, l->root, "best", "best and worst must differ and "
			"step be above zero");
	/* lowestPass lies between best and worst */
	if ((setara__dec_cmp(v[2], setara__dec_min(v[0], v[1])) < 0) ||
	    (setara__dec_cmp(v[2], setara__dec_max(v[0], v[1])) > 0))
		return bad(l, l->root, "lowestPass", "lowestPass %s is not "
			"between best %s and worst %s", vals[2], vals[0],
			vals[1]);
	return 0;
}

/* The order of a scale's ranked grades, checked as they are read. */
typedef struct grade_order {
	setara__dec prevp;  /* the points of the last grade with points */
	int have_prev, dir; /* dir: the sign of points going down the list */
	int seen_fail, npass, rank;
} grade_order;

/*
 * Rank the next ranked grade @n (points @pts, or NULL, worth @p): the
 * grades are listed from the best to the worst, points running one way
 * and the passing grades first.  Its rank into *rank.
 */
static int grade_rank(ld *l, xmlNodePtr n, const char *pts, setara__dec p,
	grade_order *o, int *rank)
{
	if (pts && o->have_prev) {
		int c2 = setara__dec_cmp(p, o->prevp);

		if (c2 != 0 && o->dir == 0)
			o->dir = c2;
		else if (c2 != 0 && c2 != o->dir)
			return bad(l, n, "points", "grade '%s': points must "
				"run one way from the best grade to the worst",
				A(l, n, "symbol"));
	}
	if (pts) {
		o->prevp = p;
		o->have_prev = 1;
	}
	if (strcmp(A(l, n, "pass"), "true") == 0) {
		if (o->seen_fail)
			return bad(l, n, "pass", "passing grade '%s' listed "
				"after a failing one: list the best first",
				A(l, n, "symbol"));
		o->npass++;
	} else {
		o->seen_fail = 1;
	}
	*rank = o->rank++;
	return 0;
}

/*
 * The grades of scale @id (elements from @first), in order; when some
 * have points, only those are ranked.  *ref gets the reference
 * distribution element, if any.
 */
static int scale_grades(ld *l, const char *id, const char *kind,
	xmlNodePtr first, const fact *top, xmlNodePtr *ref)
{
	static const char grade_sql[] =
		"INSERT INTO grade (scale, symbol, seq, rank, points, marks_lo,"
		" marks_hi, pass, note, src, confidence, status, line)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	grade_order o;
	xmlNodePtr n;
	setara__dec p = SETARA_DEC_ZERO;
	fact f;
	int error, seq = 0, any_points = 0;

	memset(&o, 0, sizeof(o));
	o.prevp = setara__dec_int(0);
	for (n = first; n; n = next_el(n))
		if (is(n, "grade") && A(l, n, "points"))
			any_points = 1;
	for (n = first; n; n = next_el(n)) {
		const char *pts, *pass;
		int r = -1;

		if (is(n, "reference")) {
			*ref = n;
			continue;
		}
		if (!is(n, "grade"))
			continue;
		if (strcmp(kind, "numeric") == 0)
			return bad(l, n, "grade", "a numeric scale lists no "
				"grades");
		if ((error = fact_of(l, n, top, &f, 1)) < 0)
			return error;
		pts = A(l, n, "points");
		pass = A(l, n, "pass");
		if (pts && (error = num(l, n, "points", pts, &p)) < 0)
			return error;
		if (A(l, n, "min") && A(l, n, "max")) {
			setara__dec a, b;

			if ((error = num(l, n, "min", A(l, n, "min"),
			    &a)) < 0 ||
			    (error = num(l, n, "max", A(l, n, "max"),
			    &b)) < 0)
				return error;
			if (setara__dec_cmp(a, b) > 0)
				return bad(l, n, "min", "marks min is above "
					"max");
		}
		if ((!any_points || pts != NULL) &&
		    (error = grade_rank(l, n, pts, p, &o, &r)) < 0)
			return error;
		if ((error = run(l, grade_sql, "ssiisssissssi", id,
		    A(l, n, "symbol"), seq++, r, pts, A(l, n, "min"),
		    A(l, n, "max"), strcmp(pass, "true") == 0, T(l, n), FS(&f),
		    FC(&f), FT(&f), line_of(n))) < 0)
			return error;
	}
	if (strcmp(kind, "letter") == 0 && o.npass == 0)
		return bad(l, l->root, "grade", "a letter scale needs at least "
			"one ranked passing grade");
	return 0;
}

/*
 * The reference distribution @ref of scale @id: each share on a ranked
 * passing grade of the scale, the shares summing to 100.
 */
static int scale_reference(ld *l, const char *id, xmlNodePtr ref,
	const fact *top)
{
	static const char share_sql[] =
		"UPDATE grade SET share = ? WHERE scale = ? AND symbol = ?";
	static const char rank_sql[] =
		"SELECT pass, rank FROM grade WHERE scale = ? AND symbol = ?";
	setara__dec p, sum = SETARA_DEC_ZERO;
	char b[SETARA_DEC_BUFSIZE];
	xmlNodePtr c;
	fact rf;
	int error;

	memset(&rf, 0, sizeof(rf));
	if ((error = fact_of(l, ref, top, &rf, 1)) < 0)
		return error;
	for (c = first_el(ref); c; c = next_el(c)) {
		const char *g = A(l, c, "grade");
		sqlite3_stmt *s;
		int found = 0, gpass = 0, grank = -1;

		if ((error = num(l, c, "percent", A(l, c, "percent"),
		    &p)) < 0 ||
		    (error = setara__dec_add(&sum, sum, p)) < 0)
			return error;
		if ((error = setara_store__stmt(l->st, &s, rank_sql)) < 0)
			return error;
		sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, g, -1, SQLITE_STATIC);
		if ((error = setara_store__step(l->st, s, "grade")) > 0) {
			found = 1;
			gpass = sqlite3_column_int(s, 0);
			grank = sqlite3_column_int(s, 1);
		}
		sqlite3_reset(s);
		if (error < 0)
			return error;
		if (!found || !gpass || grank < 0)
			return bad(l, c, "grade", "'%s' is not a ranked passing "
				"grade of this scale", g);
		if ((error = run(l, share_sql, "sss", A(l, c, "percent"), id,
		    g)) < 0)
			return error;
	}
	if (setara__dec_cmp(sum, setara__dec_int(100)) != 0)
		return bad(l, ref, "share", "the shares sum to %s, not 100",
			setara__dec_format(b, sum));
	return run(l, "UPDATE grade_scale SET ref_src = ?, ref_confidence = ?,"
		" ref_status = ? WHERE id = ?", "ssss", FS(&rf), FC(&rf),
		FT(&rf), id);
}

static int load_scale(ld *l, const char *id, const head *hd,
	const fact *top)
{
	static const char sql[] =
		"INSERT INTO grade_scale (id, source_id, line, kind, name,"
		" country, institution, best, worst, lowest_pass, step, notes,"
		" gaps, src, confidence, status, ref_src, ref_confidence,"
		" ref_status)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
		" ?)";
	const char *kind = A(l, l->root, "kind");
	const char *vals[4];
	xmlNodePtr ref = NULL;
	int error;

	vals[0] = A(l, l->root, "best");
	vals[1] = A(l, l->root, "worst");
	vals[2] = A(l, l->root, "lowestPass");
	vals[3] = A(l, l->root, "step");
	if ((error = scale_bounds(l, kind, vals)) < 0 ||
	    (error = run(l, sql, "sIissssssssssssssss", id, l->source_id,
	    line_of(l->root), kind, hd->name, A(l, l->root, "country"),
	    A(l, l->root, "institution"), vals[0], vals[1], vals[2], vals[3],
	    hd->notes.size ? hd->notes.ptr : NULL,
	    hd->gaps.size ? hd->gaps.ptr : NULL,
	    FS(top), FC(top), FT(top), NULL, NULL, NULL)) < 0 ||
	    (error = scale_grades(l, id, kind, hd->next, top, &ref)) < 0)
		return error;
	return ref ? scale_reference(l, id, ref, top) : 0;
}

/* ---- gradeConversion, gradeDistribution ---------------------------------- */

static int load_conversion(ld *l, const char *id, const head *hd,
	const fact *top)
{
	static const char sql[] =
		"INSERT INTO grade_conversion (id, source_id, line, from_scale,"
		" to_scale, name, src, confidence, status)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char map_sql[] =
		"INSERT INTO grade_map (conversion, from_grade, to_grade, line)"
		" VALUES (?, ?, ?, ?)";
	xmlNodePtr n;
	int error;

	if (strcmp(A(l, l->root, "from"), A(l, l->root, "to")) == 0)
		return bad(l, l->root, "to", "a conversion goes between two "
			"different scales");
	if ((error = run(l, sql, "sIissssss", id, l->source_id,
	    line_of(l->root), A(l, l->root, "from"), A(l, l->root, "to"),
	    hd->name, FS(top), FC(top), FT(top))) < 0)
		return error;
	for (n = hd->next; n; n = next_el(n))
		if (is(n, "map") && (error = run(l, map_sql, "sssi", id,
		    A(l, n, "from"), A(l, n, "to"), line_of(n))) < 0)
			return error;
	return 0;
}

static int load_distribution(ld *l, const char *id, const head *hd,
	const fact *top)
{
	static const char sql[] =
		"INSERT INTO grade_distribution (id, source_id, line, scale,"
		" institution, isced, years, name, src, confidence, status,"
		" cycle, reference)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char freq_sql[] =
		"INSERT INTO grade_frequency (distribution, seq, grade, count,"
		" line) VALUES (?, ?, ?, ?, ?)";
	xmlNodePtr n;
	int error, seq = 0;
	long long total = 0;

	if ((error = run(l, sql, "sIisssssssssi", id, l->source_id,
	    line_of(l->root), A(l, l->root, "scale"),
	    A(l, l->root, "institution"), A(l, l->root, "isced"),
	    A(l, l->root, "years"), hd->name, FS(top), FC(top),
	    FT(top), A(l, l->root, "cycle"), A(l, l->root, "reference") &&
	    strcmp(A(l, l->root, "reference"), "true") == 0)) < 0)
		return error;
	for (n = hd->next; n; n = next_el(n)) {
		const char *cs;
		setara__dec c;

		if (!is(n, "frequency"))
			continue;
		cs = A(l, n, "count");
		if (setara__dec_parse(&c, cs) < 0 || !setara__dec_is_int(c) ||
		    c.num > 1000000000)
			return bad(l, n, "count", "count '%s' is too large",
				cs);
		total += c.num;
		if ((error = run(l, freq_sql, "sisIi", id, seq++,
		    A(l, n, "grade"), (sqlite3_int64)c.num, line_of(n))) < 0)
			return error;
	}
	if (total == 0)
		return bad(l, l->root, "frequency", "a distribution needs at "
			"least one grade awarded");
	return 0;
}

/* ---- institution --------------------------------------------------------- */

/* What each policy item must (req) and may (opt) carry, besides the fact
 * attributes. */
static const struct item_spec {
	const char *item;
	const char *req;  /* space separated; "a|b" means one of */
	const char *opt;
} item_specs[] = {
	{ "minGrade", "grade", "" },
	{ "outcomeOverlap", "percent", "" },
	{ "maxShare", "of percent|share|credits", "area" },
	{ "residency", "years|semesters|credits|percent|share", "final" },
	{ "recency", "years", "" },
	{ "levelMatch", "mode", "below unmapped" },
	{ "grades", "withGrade inGpa", "" },
	{ "creditValue", "value", "shortfall tolerance" },
	{ "rounding", "round", "step on" },
	{ "caps", "partial", "" },
	{ "unmatched", "action", "area" },
	{ "rpl", "percent|share|credits", "minScore partial block" },
	{ "advancedStanding", "qualification credits|percent|share",
	  "below area" },
	{ "capTier", "percent|share grade", "" },
	{ NULL, NULL, NULL }
};

/* Whether word @w (length @n) appears in the space/| separated @list. */
static int in_list(const char *list, const char *w, size_t n)
{
	const char *p = list, *e;

	while (*p) {
		for (e = p; *e && *e != ' ' && *e != '|'; e++)
			;
		if ((size_t)(e - p) == n && strncmp(p, w, n) == 0)
			return 1;
		p = *e ? e + 1 : e;
	}
	return 0;
}

static int check_item(ld *l, xmlNodePtr n, const struct item_spec *sp)
{
	const char *p = sp->req, *e, *q;
	xmlAttrPtr a;
	const char *mode;
	int have;

	/* each required group: at least (and for a|b, exactly) one */
	while (*p) {
		for (e = p; *e && *e != ' '; e++)
			;
		have = 0;
		for (q = p; q < e;) {
			const char *qe;
			char name[32];

			for (qe = q; qe < e && *qe != '|'; qe++)
				;
			snprintf(name, sizeof(name), "%.*s", (int)(qe - q), q);
			if (A(l, n, name))
				have++;
			q = qe < e ? qe + 1 : qe;
		}
		if (have != 1)
			return bad(l, n, sp->item, "<%s> needs %s %.*s",
				sp->item, have ? "only one of" : "",
				(int)(e - p), p);
		p = *e ? e + 1 : e;
	}
	for (a = n->properties; a; a = a->next) {
		const char *an = (const char *)a->name;
		size_t len = strlen(an);

		if (in_list("source confidence status", an, len) ||
		    in_list(sp->req, an, len) || in_list(sp->opt, an, len))
			continue;
		return bad(l, n, an, "<%s> takes no %s=", sp->item, an);
	}
	if (strcmp(sp->item, "levelMatch") == 0) {
		mode = A(l, n, "mode");
		if (strcmp(mode, "same") && strcmp(mode, "any") &&
		    strcmp(mode, "not-above"))
			return bad(l, n, "mode", "levelMatch mode is same, "
				"not-above or any, not '%s'", mode);
	}
	if (strcmp(sp->item, "unmatched") == 0 &&
	    strcmp(A(l, n, "action"), "block") == 0 && !A(l, n, "area"))
		return bad(l, n, "area", "unmatched action=\"block\" names "
			"the area credited");
	if (strcmp(sp->item, "creditValue") == 0 && A(l, n, "tolerance") &&
	    strcmp(A(l, n, "value"), "target") != 0)
		return bad(l, n, "tolerance", "a tolerance goes with "
			"value=\"target\": how far the converted credits may "
			"fall short of the host course's");
	if (strcmp(sp->item, "residency") == 0 && A(l, n, "final") &&
	    !A(l, n, "years") && !A(l, n, "semesters"))
		return bad(l, n, "final", "final= qualifies a period: "
			"years= or semesters=");
	if (strcmp(sp->item, "rounding") == 0 && A(l, n, "round") &&
	    strcmp(A(l, n, "round"), "against") == 0)
		return bad(l, n, "round", "credits round nearest, down, up, "
			"favour or none");
	return 0;
}

static int load_policy(ld *l, xmlNodePtr pol, const char *inst, int seq,
	const fact *up)
{
	static const char sql[] =
		"INSERT INTO credit_policy (institution, id, seq, programmes,"
		" name, src, confidence, status, line)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char item_sql[] =
		"INSERT INTO credit_policy_item (institution, policy, seq,"
		" item, attr, value, note, src, confidence, status, line)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char prog_sql[] =
		"SELECT 1 FROM credit_programme"
		" WHERE institution = ? AND id = ?";
	const char *pid = A(l, pol, "id"), *progs = A(l, pol, "programmes"),
		*name = NULL;
	char seen[64][48];
	size_t nseen = 0, k;
	xmlNodePtr n;
	fact pf, f;
	int error, iseq = 0;

	if ((error = fact_of(l, pol, up, &pf, 0)) < 0)
		return error;
	/* the programmes it names exist in this file */
	if (progs) {
		const char *p = progs, *e;

		while (*p) {
			sqlite3_stmt *s;
			int found;

			while (*p == ' ')
				p++;
			if (!*p)
				break;
			for (e = p; *e && *e != ' '; e++)
				;
			if ((error = setara_store__stmt(l->st, &s,
			    prog_sql)) < 0)
				return error;
			sqlite3_bind_text(s, 1, inst, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, p, (int)(e - p),
				SQLITE_STATIC);
			found = setara_store__step(l->st, s,
				"credit_programme");
			sqlite3_reset(s);
			if (found < 0)
				return found;
			if (!found)
				return bad(l, pol, "programmes", "no programme "
					"'%.*s' in this institution",
					(int)(e - p), p);
			p = e;
		}
	}
	for (n = first_el(pol); n; n = next_el(n)) {
		const struct item_spec *sp;
		xmlAttrPtr a;
		char key[48];

		if (is(n, "name")) {
			name = T(l, n);
			continue;
		}
		for (sp = item_specs; sp->item; sp++)
			if (is(n, sp->item))
				break;
		if (sp->item == NULL)
			continue;
		if ((error = check_item(l, n, sp)) < 0 ||
		    (error = fact_of(l, n, &pf, &f, 1)) < 0)
			return error;
		/* once per policy; maxShare once per "of", advanced
		 * standing once per qualification */
		snprintf(key, sizeof(key), "%s/%s", sp->item,
			A(l, n, "of") ? A(l, n, "of") :
			A(l, n, "qualification") ? A(l, n, "qualification") :
			A(l, n, "grade") && !strcmp(sp->item, "capTier") ?
			A(l, n, "grade") : "");
		for (k = 0; k < nseen; k++)
			if (strcmp(seen[k], key) == 0)
				return bad(l, n, sp->item, "<%s> given twice "
					"in policy '%s'", sp->item, pid);
		if (nseen < 64)
			snprintf(seen[nseen++], sizeof(seen[0]), "%s", key);
		for (a = n->properties; a; a = a->next) {
			const char *an = (const char *)a->name;

			if (strcmp(an, "source") == 0 ||
			    strcmp(an, "confidence") == 0 ||
			    strcmp(an, "status") == 0)
				continue;
			if ((error = run(l, item_sql, "ssisssssssi", inst, pid,
			    iseq, sp->item, an, A(l, n, an), T(l, n), FS(&f),
			    FC(&f), FT(&f), line_of(n))) < 0)
				return error;
		}
		iseq++;
	}
	return run(l, sql, "ssisssssi", inst, pid, seq, progs, name,
		FS(&pf), FC(&pf), FT(&pf), line_of(pol));
}

static int load_institution(ld *l, const char *id, const head *hd,
	const fact *top)
{
	static const char sql[] =
		"INSERT INTO credit_institution (id, source_id, line, country,"
		" name, credit_system, grade_scale, notes, src, confidence,"
		" status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char prog_sql[] =
		"INSERT INTO credit_programme (institution, id, name, level,"
		" credits, isced, src, confidence, status, line)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char area_sql[] =
		"INSERT INTO credit_area (institution, programme, area,"
		" credits, line) VALUES (?, ?, ?, ?, ?)";
	static const char course_sql[] =
		"INSERT INTO credit_course (institution, code, title, credits,"
		" area, level, src, confidence, status, line)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	char lo[SETARA_DEC_BUFSIZE], hi[SETARA_DEC_BUFSIZE];
	xmlNodePtr n, c;
	fact f;
	int error, pseq = 0;

	if ((error = run(l, sql, "sIissssssss", id, l->source_id,
	    line_of(l->root), A(l, l->root, "country"), hd->name,
	    A(l, l->root, "creditSystem"), A(l, l->root, "gradeScale"),
	    hd->notes.size ? hd->notes.ptr : NULL, FS(top), FC(top),
	    FT(top))) < 0)
		return error;
	for (n = hd->next; n; n = next_el(n)) {
		if (is(n, "programme")) {
			const char *pid = A(l, n, "id");

			if ((error = fact_of(l, n, top, &f, 1)) < 0 ||
			    (error = value_or_range(l, n, "credits", lo, hi,
			    0)) < 0)
				return error;
			if ((error = run(l, prog_sql, "sssssssssi", id, pid,
			    T(l, setara__xml_child(n, SETARA_NS_DATA, "name")),
			    A(l, n, "level"), lo, A(l, n, "isced"),
			    FS(&f), FC(&f), FT(&f), line_of(n))) < 0)
				return error;
			for (c = setara__xml_child(n, SETARA_NS_DATA, "area");
			    c; c = setara__xml_next(c, SETARA_NS_DATA,
			    "area")) {
				if ((error = value_or_range(l, c, "credits",
				    lo, hi, 0)) < 0 ||
				    (error = run(l, area_sql, "ssssi", id, pid,
				    A(l, c, "id"), lo, line_of(c))) < 0)
					return error;
			}
		} else if (is(n, "course")) {
			if ((error = fact_of(l, n, top, &f, 1)) < 0 ||
			    (error = value_or_range(l, n, "credits", lo, hi,
			    0)) < 0)
				return error;
			if ((error = run(l, course_sql, "sssssssssi", id,
			    A(l, n, "code"), T(l, setara__xml_child(n,
			    SETARA_NS_DATA, "title")), lo, A(l, n, "area"),
			    A(l, n, "level"), FS(&f), FC(&f), FT(&f),
			    line_of(n))) < 0)
				return error;
		} else if (is(n, "policy")) {
			if ((error = load_policy(l, n, id, pseq++, top)) < 0)
				return error;
		}
	}
	return 0;
}

/* ---- agreement ----------------------------------------------------------- */

/* What a rule's from/to elements add up to: its shape (DESIGN's rule
 * kinds), checked once all are read.  At most 16 of each (the schema). */
typedef struct rule_shape {
	const char *codes[16];       /* the source courses, in order */
	int nf, nt, nto_course, nto_area, nshare;
	setara__dec shares;
} rule_shape;

static const char rule_course_sql[] =
	"INSERT INTO credit_rule_course (agreement, seq, side, pos,"
	" code, area, credits, min_credits, max_credits, grade_from,"
	" line, share) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/* A source course of rule @rid: a credit range in order, named once. */
static int rule_from(ld *l, xmlNodePtr n, const char *ag, int seq,
	const char *rid, rule_shape *rs)
{
	const char *mn = A(l, n, "minCredits"), *mx = A(l, n, "maxCredits");
	setara__dec a, b;
	int error, i;

	if ((mn && (error = num(l, n, "minCredits", mn, &a)) < 0) ||
	    (mx && (error = num(l, n, "maxCredits", mx, &b)) < 0))
		return error;
	if (mn && mx && setara__dec_cmp(a, b) > 0)
		return bad(l, n, "minCredits", "minCredits is above "
			"maxCredits");
	for (i = 0; i < rs->nf; i++)
		if (strcmp(rs->codes[i], A(l, n, "course")) == 0)
			return bad(l, n, "course", "course '%s' named twice "
				"in rule '%s'", rs->codes[i], rid);
	rs->codes[rs->nf] = A(l, n, "course");
	if ((error = run(l, rule_course_sql, "sisissssssis", ag, seq, "f",
	    rs->nf, A(l, n, "course"), NULL, NULL, mn, mx, NULL, line_of(n),
	    NULL)) < 0)
		return error;
	rs->nf++;
	return 0;
}

/* A target of rule @rid: a host course or an area (with its credits), a
 * grade taken from one of the rule's sources, a share of one-to-many. */
static int rule_to(ld *l, xmlNodePtr n, const char *ag, int seq,
	const char *rid, const char *kind, rule_shape *rs)
{
	const char *c = A(l, n, "course"), *ar = A(l, n, "area"),
		*cr = A(l, n, "credits"), *gf = A(l, n, "gradeFrom"),
		*sh = A(l, n, "share");
	setara__dec a;
	int error, i;

	if ((c != NULL) == (ar != NULL))
		return bad(l, n, "course", "a target is a host course or an "
			"area, one of the two");
	if (cr && c)
		return bad(l, n, "credits", "a host course target takes the "
			"course's credits");
	if (cr && (error = num(l, n, "credits", cr, &a)) < 0)
		return error;
	if (gf) {
		for (i = 0; i < rs->nf; i++)
			if (strcmp(rs->codes[i], gf) == 0)
				break;
		if (i == rs->nf)
			return bad(l, n, "gradeFrom", "'%s' is not a source "
				"course of rule '%s'", gf, rid);
	}
	if (sh && ((error = num(l, n, "share", sh, &a)) < 0 ||
	    (error = setara__dec_add(&rs->shares, rs->shares, a)) < 0))
		return error;
	if (sh && strcmp(kind, "one-to-many") != 0)
		return bad(l, n, "share", "share= splits the credits of a "
			"one-to-many rule");
	rs->nshare += sh != NULL;
	rs->nto_course += c != NULL;
	rs->nto_area += ar != NULL;
	if ((error = run(l, rule_course_sql, "sisissssssis", ag, seq, "t",
	    rs->nt, c, ar, cr, NULL, NULL, gf, line_of(n), sh)) < 0)
		return error;
	rs->nt++;
	return 0;
}

/* The shape each kind of rule has; shares, when given, cover every
 * target and add up to 1. */
static int rule_shape_check(ld *l, xmlNodePtr r, const char *kind,
	const char *rid, const rule_shape *rs)
{
	int nf = rs->nf, nt = rs->nt;

	if (strcmp(kind, "one-to-one") == 0 && (nf != 1 || nt != 1 ||
	    rs->nto_course != 1))
		return bad(l, r, "kind", "one-to-one rule '%s' has one source "
			"course and one host course", rid);
	if (strcmp(kind, "one-to-many") == 0 && (nf != 1 || nt < 2 ||
	    rs->nto_area))
		return bad(l, r, "kind", "one-to-many rule '%s' has one source "
			"course and two or more host courses", rid);
	if (rs->nshare && (rs->nshare != nt ||
	    setara__dec_cmp(rs->shares, setara__dec_int(1)) != 0))
		return bad(l, r, "share", "the shares of rule '%s' are given "
			"for every target and add up to 1", rid);
	if (strcmp(kind, "many-to-one") == 0 && (nf < 2 || nt != 1 ||
	    rs->nto_course != 1))
		return bad(l, r, "kind", "many-to-one rule '%s' has two or "
			"more source courses and one host course", rid);
	if (strcmp(kind, "many-to-many") == 0 && (nf < 2 || nt < 2 ||
	    rs->nto_area))
		return bad(l, r, "kind", "many-to-many rule '%s' has two or "
			"more source courses and two or more host courses",
			rid);
	if (strcmp(kind, "block") == 0 && (nt != 1 || rs->nto_area != 1))
		return bad(l, r, "kind", "block rule '%s' credits one area",
			rid);
	if (strcmp(kind, "reject") == 0 && nt != 0)
		return bad(l, r, "kind", "reject rule '%s' has no target",
			rid);
	return 0;
}

static int load_rule(ld *l, xmlNodePtr r, const char *ag, int seq,
	const fact *up)
{
	static const char sql[] =
		"INSERT INTO credit_rule (agreement, seq, id, kind, valid_from,"
		" valid_until, overlap, note, src, confidence, status, line)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	const char *kind = A(l, r, "kind"), *rid = A(l, r, "id"),
		*note = NULL, *from = A(l, r, "from"),
		*until = A(l, r, "until");
	rule_shape rs = { { NULL }, 0, 0, 0, 0, 0, SETARA_DEC_ZERO };
	xmlNodePtr n;
	fact f;
	int error;

	if ((error = fact_of(l, r, up, &f, 1)) < 0)
		return error;
	if (from && until && strcmp(from, until) > 0)
		return bad(l, r, "until", "rule '%s' ends (%s) before it "
			"starts (%s)", rid, until, from);
	for (n = first_el(r); n; n = next_el(n)) {
		if (is(n, "note"))
			note = T(l, n);
		else if (is(n, "from") &&
		    (error = rule_from(l, n, ag, seq, rid, &rs)) < 0)
			return error;
		else if (is(n, "to") &&
		    (error = rule_to(l, n, ag, seq, rid, kind, &rs)) < 0)
			return error;
	}
	if ((error = rule_shape_check(l, r, kind, rid, &rs)) < 0)
		return error;
	return run(l, sql, "sisssssssssi", ag, seq, rid, kind, from,
		until, A(l, r, "overlap"), note, FS(&f), FC(&f), FT(&f),
		line_of(r));
}

static int load_agreement(ld *l, const char *id, const head *hd,
	const fact *top)
{
	static const char sql[] =
		"INSERT INTO credit_agreement (id, source_id, line, host,"
		" partner, name, valid_from, valid_until, src, confidence,"
		" status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char cr_sql[] =
		"UPDATE credit_agreement SET credit_method = ?, period = ?,"
		" activity = ?, ratio = ?, credit_src = ?,"
		" credit_confidence = ?, credit_status = ?, credit_line = ?"
		" WHERE id = ?";
	static const char gr_sql[] =
		"UPDATE credit_agreement SET grade_method = ?,"
		" grade_conversion = ?, grade_policy = ?, grade_round = ?,"
		" isced = ?, grade_src = ?, grade_confidence = ?,"
		" grade_status = ?, grade_line = ? WHERE id = ?";
	const char *from = A(l, l->root, "from"),
		*until = A(l, l->root, "until");
	xmlNodePtr n;
	fact f;
	setara__dec r;
	int error, seq = 0;

	if (strcmp(A(l, l->root, "host"), A(l, l->root, "partner")) == 0)
		return bad(l, l->root, "partner", "host and partner are the "
			"same institution");
	if (from && until && strcmp(from, until) > 0)
		return bad(l, l->root, "until", "the agreement ends before "
			"it starts");
	if ((error = run(l, sql, "sIissssssss", id, l->source_id,
	    line_of(l->root), A(l, l->root, "host"), A(l, l->root, "partner"),
	    hd->name, from, until, FS(top), FC(top), FT(top))) < 0)
		return error;
	for (n = hd->next; n; n = next_el(n)) {
		if (is(n, "credits")) {
			const char *m = A(l, n, "method"),
				*ra = A(l, n, "ratio");

			if ((error = fact_of(l, n, top, &f, 1)) < 0)
				return error;
			if ((strcmp(m, "ratio") == 0) != (ra != NULL))
				return bad(l, n, "ratio", "ratio= goes with "
					"method=\"ratio\" and only with it");
			if (ra && ((error = num(l, n, "ratio", ra, &r)) < 0 ||
			    setara__dec_sign(r) <= 0))
				return error < 0 ? error : bad(l, n, "ratio",
					"the ratio must be above zero");
			if ((error = run(l, cr_sql, "sssssssis", m,
			    A(l, n, "period"), A(l, n, "activity"), ra,
			    FS(&f), FC(&f), FT(&f), line_of(n), id)) < 0)
				return error;
		} else if (is(n, "grades")) {
			const char *m = A(l, n, "method");

			if ((error = fact_of(l, n, top, &f, 1)) < 0)
				return error;
			if ((strcmp(m, "table") == 0) !=
			    (A(l, n, "conversion") != NULL))
				return bad(l, n, "conversion", "conversion= "
					"goes with method=\"table\" and only "
					"with it");
			if (strcmp(m, "distribution") == 0 &&
			    !A(l, n, "policy"))
				return bad(l, n, "policy", "a distribution "
					"conversion fixes its policy (min, "
					"avg, max, midpoint, max-overlap) in "
					"advance");
			if ((error = run(l, gr_sql, "ssssssssis", m,
			    A(l, n, "conversion"), A(l, n, "policy"),
			    A(l, n, "round"), A(l, n, "isced"), FS(&f),
			    FC(&f), FT(&f), line_of(n), id)) < 0)
				return error;
		} else if (is(n, "rule")) {
			if ((error = load_rule(l, n, id, seq++, top)) < 0)
				return error;
		}
	}
	return 0;
}

/* ---- the loader hooks ---------------------------------------------------- */

/*
 * Each kind of document: its element, what its id names (no other file
 * defines the same id: @dup_sql finds it) and what loads the rest, once
 * its sources and head are read and its own fact is known.
 */
#define DUP_SQL(table) "SELECT source_id, line FROM " table " WHERE id = ?"
static const struct kind {
	const char *name;
	const char *what;
	const char *dup_sql;
	int (*fn)(ld *, const char *, const head *, const fact *);
} kinds[] = {
	{ "creditSystem", "credit system", DUP_SQL("credit_system"),
	  load_system },
	{ "gradeScale", "grade scale", DUP_SQL("grade_scale"), load_scale },
	{ "gradeConversion", "grade conversion", DUP_SQL("grade_conversion"),
	  load_conversion },
	{ "gradeDistribution", "grade distribution",
	  DUP_SQL("grade_distribution"), load_distribution },
	{ "institution", "institution", DUP_SQL("credit_institution"),
	  load_institution },
	{ "agreement", "agreement", DUP_SQL("credit_agreement"),
	  load_agreement },
	{ NULL, NULL, NULL, NULL }
};
#undef DUP_SQL

/* The document of kind @k: head, fact and id first, then the rest. */
static int load_kind(ld *l, const struct kind *k)
{
	const char *id = A(l, l->root, "id");
	head h;
	fact top;
	int error;

	if ((error = read_head(l, &h)) >= 0 &&
	    (error = fact_of(l, l->root, NULL, &top, 1)) >= 0 &&
	    (error = unique_id(l, k->dup_sql, k->what, id)) >= 0)
		error = k->fn(l, id, &h, &top);
	head_dispose(&h);
	return error;
}

static int load(setara_store *st, xmlDocPtr doc, const char *path,
	sqlite3_int64 source_id, int *handled)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	ld l;
	size_t i;
	int error, k;

	*handled = 0;
	for (k = 0; kinds[k].name; k++)
		if (is(root, kinds[k].name))
			break;
	if (kinds[k].name == NULL)
		return 0;
	*handled = 1;
	if ((error = setara__xml_validate(doc, "credit/credit-data.xsd",
	    path)) < 0)
		return error;
	memset(&l, 0, sizeof(l));
	l.st = st;
	l.path = path;
	l.source_id = source_id;
	l.root = root;
	error = load_kind(&l, &kinds[k]);
	if (l.nomem && error >= 0)
		error = bad(&l, NULL, NULL, "out of memory");
	for (i = 0; i < l.npool; i++)
		xmlFree(l.pool[i]);
	setara__free(l.pool);
	return error;
}

/* ---- cross-file checks --------------------------------------------------- */

/*
 * Each query returns rows (source_id, line, field, message) of problems;
 * the first one found is reported.
 */
static const struct xcheck {
	const char *sql;
} xchecks[] = {
	{ "SELECT s.source_id, s.line, 'basis',"
	  " 'basis system ''' || s.basis || ''' is not defined'"
	  " FROM credit_system s WHERE s.basis IS NOT NULL"
	  " AND s.basis NOT IN (SELECT id FROM credit_system)" },
	{ "SELECT s.source_id, s.line, 'basis',"
	  " 'basis ''' || s.basis || ''' is itself based on another system:"
	  " one level of basis only'"
	  " FROM credit_system s JOIN credit_system b ON b.id = s.basis"
	  " WHERE b.basis IS NOT NULL" },
	{ "SELECT i.source_id, i.line, 'creditSystem',"
	  " 'credit system ''' || i.credit_system || ''' is not defined'"
	  " FROM credit_institution i"
	  " WHERE i.credit_system NOT IN (SELECT id FROM credit_system)" },
	{ "SELECT i.source_id, i.line, 'gradeScale',"
	  " 'grade scale ''' || i.grade_scale || ''' is not defined'"
	  " FROM credit_institution i WHERE i.grade_scale IS NOT NULL"
	  " AND i.grade_scale NOT IN (SELECT id FROM grade_scale)" },
	{ "SELECT c.source_id, c.line, 'from',"
	  " 'grade scale ''' || c.from_scale || ''' is not defined'"
	  " FROM grade_conversion c"
	  " WHERE c.from_scale NOT IN (SELECT id FROM grade_scale)" },
	{ "SELECT c.source_id, c.line, 'to',"
	  " 'grade scale ''' || c.to_scale || ''' is not defined'"
	  " FROM grade_conversion c"
	  " WHERE c.to_scale NOT IN (SELECT id FROM grade_scale)" },
	{ "SELECT c.source_id, m.line, 'from',"
	  " 'grade ''' || m.from_grade || ''' is not on scale '''"
	  " || c.from_scale || ''''"
	  " FROM grade_map m JOIN grade_conversion c ON c.id = m.conversion"
	  " WHERE NOT EXISTS (SELECT 1 FROM grade g WHERE g.scale ="
	  " c.from_scale AND g.symbol = m.from_grade)" },
	{ "SELECT c.source_id, m.line, 'to',"
	  " 'grade ''' || m.to_grade || ''' is not on scale '''"
	  " || c.to_scale || ''''"
	  " FROM grade_map m JOIN grade_conversion c ON c.id = m.conversion"
	  " WHERE NOT EXISTS (SELECT 1 FROM grade g WHERE g.scale ="
	  " c.to_scale AND g.symbol = m.to_grade)" },
	{ "SELECT d.source_id, d.line, 'scale',"
	  " 'grade scale ''' || d.scale || ''' is not defined'"
	  " FROM grade_distribution d"
	  " WHERE d.scale NOT IN (SELECT id FROM grade_scale)" },
	{ "SELECT d.source_id, f.line, 'grade',"
	  " 'grade ''' || f.grade || ''' is not a ranked passing grade of '''"
	  " || d.scale || ''' (a grading table counts passing grades)'"
	  " FROM grade_frequency f JOIN grade_distribution d"
	  " ON d.id = f.distribution"
	  " WHERE NOT EXISTS (SELECT 1 FROM grade g WHERE g.scale = d.scale"
	  " AND g.symbol = f.grade AND g.pass = 1 AND g.rank >= 0)" },
	{ "SELECT a.source_id, a.line, 'host',"
	  " 'institution ''' || a.host || ''' is not defined'"
	  " FROM credit_agreement a"
	  " WHERE a.host NOT IN (SELECT id FROM credit_institution)" },
	{ "SELECT a.source_id, a.line, 'partner',"
	  " 'institution ''' || a.partner || ''' is not defined'"
	  " FROM credit_agreement a"
	  " WHERE a.partner NOT IN (SELECT id FROM credit_institution)" },
	{ "SELECT a.source_id, a.grade_line, 'conversion',"
	  " 'grade conversion ''' || a.grade_conversion || ''' is not"
	  " defined'"
	  " FROM credit_agreement a WHERE a.grade_conversion IS NOT NULL"
	  " AND a.grade_conversion NOT IN (SELECT id FROM grade_conversion)" },
	{ "SELECT a.source_id, a.grade_line, 'conversion',"
	  " 'grade conversion ''' || c.id || ''' goes to '''"
	  " || c.to_scale || ''', not to the host''s scale '''"
	  " || ifnull(i.grade_scale, '(none)') || ''''"
	  " FROM credit_agreement a JOIN grade_conversion c"
	  " ON c.id = a.grade_conversion"
	  " JOIN credit_institution i ON i.id = a.host"
	  " WHERE c.to_scale IS NOT i.grade_scale" },
	{ "SELECT a.source_id, c.line, 'course',"
	  " 'host course ''' || c.code || ''' is not in the catalogue of '''"
	  " || a.host || ''''"
	  " FROM credit_rule_course c JOIN credit_agreement a"
	  " ON a.id = c.agreement"
	  " WHERE c.side = 't' AND c.code IS NOT NULL"
	  " AND NOT EXISTS (SELECT 1 FROM credit_course k"
	  " WHERE k.institution = a.host AND k.code = c.code)" },
	{ "SELECT a.source_id, c.line, 'area',"
	  " 'no programme of ''' || a.host || ''' has an area '''"
	  " || c.area || ''''"
	  " FROM credit_rule_course c JOIN credit_agreement a"
	  " ON a.id = c.agreement"
	  " WHERE c.side = 't' AND c.area IS NOT NULL"
	  " AND NOT EXISTS (SELECT 1 FROM credit_area r"
	  " WHERE r.institution = a.host AND r.area = c.area)" },
	{ "SELECT i.source_id, p.line, 'grade',"
	  " 'grade ''' || p.value || ''' is not on the host''s scale '''"
	  " || ifnull(i.grade_scale, '(none)') || ''''"
	  " FROM credit_policy_item p JOIN credit_institution i"
	  " ON i.id = p.institution"
	  " WHERE p.item = 'minGrade' AND p.attr = 'grade'"
	  " AND NOT EXISTS (SELECT 1 FROM grade g WHERE g.scale ="
	  " i.grade_scale AND g.symbol = p.value AND g.rank >= 0)" },
	{ "SELECT i.source_id, p.line, 'area',"
	  " 'no programme of ''' || i.id || ''' has an area '''"
	  " || p.value || ''''"
	  " FROM credit_policy_item p JOIN credit_institution i"
	  " ON i.id = p.institution"
	  " WHERE p.attr = 'area' AND NOT EXISTS (SELECT 1 FROM credit_area r"
	  " WHERE r.institution = i.id AND r.area = p.value)" },
	{ NULL }
};

static int check(setara_store *st)
{
	sqlite3_stmt *s = NULL;
	char *path = NULL;
	const struct xcheck *x;
	int error = 0, rc;

	for (x = xchecks; x->sql && error == 0; x++) {
		if (sqlite3_prepare_v2(setara_store__db(st), x->sql, -1, &s,
		    NULL) != SQLITE_OK)
			return setara_store__error(st, "credit check");
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			path = setara_store__source_path(st,
				sqlite3_column_int64(s, 0));
			error = setara_error__data(path,
				sqlite3_column_int(s, 1),
				setara_store__col_text(s, 2), "%s",
				setara_store__col_text(s, 3));
			setara__free(path);
		} else if (rc != SQLITE_DONE) {
			error = setara_store__error(st, "credit check");
		}
		sqlite3_finalize(s);
	}
	return error;
}

const setara_store__component setara_credit__component = {
	"credit", migrations, load, check, report
};
