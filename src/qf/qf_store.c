/*
 * The qf component's tables in the store, and its reference-data loader.
 *
 * load() claims the data files whose document element is
 * {urn:setara:data:1}framework, validates them against qf/framework.xsd,
 * then applies the rules a schema cannot say (docs/data-frameworks.md):
 * levels numbered 1..levels, every source key cited is defined, editions
 * and levels referenced exist, a framework id is defined once across all
 * files, and a mapping that is not an endorsed referencing outcome is
 * flagged indicative with confidence low.  Every row keeps the line of its
 * element so that check(), which runs after all files are in,
 * can name file and line when a mapping points at a framework or a level
 * that does not exist.  The caller (store/load.c) holds one transaction
 * around the whole load, so any error leaves the store as it was.
 */
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>

#include "qf_int.h"

static const setara_store__migration migrations[] = {
	{ 1,
	  "CREATE TABLE qf_framework ("
	  " id TEXT PRIMARY KEY,"
	  " source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,"
	  " line INTEGER NOT NULL,"
	  " kind TEXT NOT NULL,"
	  " country TEXT,"
	  " stage TEXT NOT NULL,"
	  " nlevels INTEGER NOT NULL,"
	  " name TEXT NOT NULL,"
	  " acronym TEXT NOT NULL,"
	  " basis TEXT,"
	  " notes TEXT,"
	  " src TEXT NOT NULL,"
	  " confidence TEXT NOT NULL);"
	  "CREATE INDEX qf_framework_source ON qf_framework(source_id);"
	  "CREATE TABLE qf_source ("
	  " framework TEXT NOT NULL"
	  "  REFERENCES qf_framework(id) ON DELETE CASCADE,"
	  " key TEXT NOT NULL,"
	  " href TEXT,"
	  " text TEXT NOT NULL,"
	  " PRIMARY KEY (framework, key));"
	  "CREATE TABLE qf_edition ("
	  " framework TEXT NOT NULL"
	  "  REFERENCES qf_framework(id) ON DELETE CASCADE,"
	  " id TEXT NOT NULL,"
	  " date TEXT NOT NULL,"
	  " text TEXT NOT NULL,"
	  " src TEXT NOT NULL,"
	  " confidence TEXT NOT NULL,"
	  " line INTEGER NOT NULL,"
	  " PRIMARY KEY (framework, id));"
	  "CREATE TABLE qf_level ("
	  " framework TEXT NOT NULL"
	  "  REFERENCES qf_framework(id) ON DELETE CASCADE,"
	  " n INTEGER NOT NULL,"
	  " title TEXT NOT NULL,"
	  " notes TEXT,"
	  " src TEXT NOT NULL,"
	  " confidence TEXT NOT NULL,"
	  " line INTEGER NOT NULL,"
	  " PRIMARY KEY (framework, n));"
	  /* Descriptor summaries (kind 'd', domain) and qualifications
	   * (kind 'q', sector), in file order. */
	  "CREATE TABLE qf_entry ("
	  " id INTEGER PRIMARY KEY,"
	  " framework TEXT NOT NULL"
	  "  REFERENCES qf_framework(id) ON DELETE CASCADE,"
	  " level INTEGER NOT NULL,"
	  " kind TEXT NOT NULL CHECK (kind IN ('d', 'q')),"
	  " class TEXT NOT NULL,"
	  " text TEXT NOT NULL,"
	  " from_edition TEXT,"
	  " until_edition TEXT,"
	  " src TEXT NOT NULL,"
	  " confidence TEXT NOT NULL,"
	  " line INTEGER NOT NULL);"
	  "CREATE INDEX qf_entry_fw ON qf_entry(framework, kind, level);"
	  "CREATE TABLE qf_referencing ("
	  " framework TEXT NOT NULL"
	  "  REFERENCES qf_framework(id) ON DELETE CASCADE,"
	  " target TEXT NOT NULL,"
	  " status TEXT NOT NULL,"
	  " date TEXT,"
	  " edition TEXT,"
	  " indicative INTEGER NOT NULL,"
	  " src TEXT NOT NULL,"
	  " confidence TEXT NOT NULL,"
	  " notes TEXT,"
	  " line INTEGER NOT NULL,"
	  " PRIMARY KEY (framework, target));"
	  /* One national level's range of target levels.  src and confidence
	   * are resolved (the referencing's when the map has none). */
	  "CREATE TABLE qf_map ("
	  " framework TEXT NOT NULL,"
	  " target TEXT NOT NULL,"
	  " level INTEGER NOT NULL,"
	  " min INTEGER NOT NULL,"
	  " max INTEGER NOT NULL,"
	  " src TEXT NOT NULL,"
	  " confidence TEXT NOT NULL,"
	  " note TEXT,"
	  " line INTEGER NOT NULL,"
	  " PRIMARY KEY (framework, target, level),"
	  " FOREIGN KEY (framework, target)"
	  "  REFERENCES qf_referencing(framework, target) ON DELETE CASCADE,"
	  " CHECK (min <= max));"
	  "CREATE INDEX qf_map_target ON qf_map(target, min, max);" },
	/* The referencing report's meeting and submission date apart from
	 * its status, and the level table's status (confirmed, secondary,
	 * assumed) apart from both; a map's is resolved as its src. */
	{ 2,
	  "ALTER TABLE qf_referencing ADD COLUMN meeting TEXT;"
	  "ALTER TABLE qf_referencing ADD COLUMN submitted TEXT;"
	  "ALTER TABLE qf_referencing ADD COLUMN level_table TEXT NOT NULL"
	  " DEFAULT 'assumed';"
	  "ALTER TABLE qf_map ADD COLUMN level_table TEXT NOT NULL"
	  " DEFAULT 'assumed';" },
	SETARA_STORE_MIGRATIONS_END
};

/*
 * The qf facts to confirm next (setara_store_data_report()): every fact
 * below high confidence, every referencing and level link whose table is
 * not confirmed.
 */
#define QF_FROM(t, fw) " FROM " t " JOIN qf_framework f ON f.id = " fw \
	" JOIN source s ON s.id = f.source_id"
static const char report[] =
	"SELECT 'qf', 'framework', f.id, s.path, f.line, f.confidence, NULL,"
	"  f.name FROM qf_framework f JOIN source s ON s.id = f.source_id"
	" WHERE f.confidence <> 'high'"
	" UNION ALL SELECT 'qf', 'edition', e.framework || ' edition ' || e.id,"
	"  s.path, e.line, e.confidence, NULL, e.text"
	QF_FROM("qf_edition e", "e.framework") " WHERE e.confidence <> 'high'"
	" UNION ALL SELECT 'qf', 'level', l.framework || ':' || l.n, s.path,"
	"  l.line, l.confidence, NULL, l.title"
	QF_FROM("qf_level l", "l.framework") " WHERE l.confidence <> 'high'"
	" UNION ALL SELECT 'qf', CASE q.kind WHEN 'q' THEN 'qualification'"
	"  ELSE 'descriptor' END, q.framework || ':' || q.level, s.path,"
	"  q.line, q.confidence, NULL, q.text"
	QF_FROM("qf_entry q", "q.framework") " WHERE q.confidence <> 'high'"
	" UNION ALL SELECT 'qf', 'referencing', r.framework || ' -> ' ||"
	"  r.target, s.path, r.line, r.confidence, 'report ' || r.status ||"
	"  CASE WHEN EXISTS (SELECT 1 FROM qf_map m WHERE m.framework ="
	"  r.framework AND m.target = r.target) THEN ', table ' ||"
	"  r.level_table ELSE ', no level links' END ||"
	"  CASE WHEN r.indicative THEN ', indicative' ELSE '' END, NULL"
	QF_FROM("qf_referencing r", "r.framework")
	" WHERE r.confidence <> 'high' OR r.level_table <> 'confirmed'"
	" UNION ALL SELECT 'qf', 'level-link', m.framework || ':' || m.level"
	"  || ' -> ' || m.target || ':' || m.min || CASE WHEN m.max > m.min"
	"  THEN '..' || m.target || ':' || m.max ELSE '' END, s.path, m.line,"
	"  m.confidence, 'table ' || m.level_table || CASE WHEN r.indicative"
	"  THEN ', indicative' ELSE '' END, m.note"
	" FROM qf_map m JOIN qf_referencing r ON r.framework = m.framework"
	"  AND r.target = m.target"
	" JOIN qf_framework f ON f.id = m.framework"
	" JOIN source s ON s.id = f.source_id"
	" WHERE m.confidence <> 'high' OR m.level_table <> 'confirmed'";
#undef QF_FROM

/*
 * The data root of the files being loaded, so that check() can
 * name a file as the loader did ("./data/frameworks/x.xml") although the
 * store keeps paths relative to the root.  Set by each load() on this
 * thread; empty when no file was (re)loaded, and then check() names the
 * file relative to the data root.
 */
static _Thread_local char data_root[512];

static void remember_root(setara_store *st, const char *path,
	sqlite3_int64 source_id)
{
	char *rel = setara_store__source_path(st, source_id);
	size_t pl = strlen(path), rl = rel ? strlen(rel) : 0;

	data_root[0] = '\0';
	if (rel && rl <= pl && strcmp(path + pl - rl, rel) == 0 &&
	    pl - rl < sizeof(data_root))
		snprintf(data_root, sizeof(data_root), "%.*s",
			(int)(pl - rl), path);
	setara__free(rel);
}

/* ---- parsing helpers ------------------------------------------------- */

#define NS SETARA_NS_DATA
#define MAX_SOURCES 64
#define MAX_EDITIONS 16
#define MAX_LEVELS 20

struct ctx {
	setara_store *st;
	const char *path;
	const char *fw;
	int nlevels;
	char *sources[MAX_SOURCES];
	int nsources;
	char *editions[MAX_EDITIONS];
	int neditions;
};

static int line_of(const xmlNode *n)
{
	return (int)xmlGetLineNo(n);
}

static int bad(struct ctx *c, const xmlNode *n, const char *field,
	const char *fmt, const char *a, const char *b)
{
	return setara_error__data(c->path, line_of(n), field, fmt, a, b);
}

/*
 * Every key in @keys (space-separated) must be a <source> of this file.
 * The schema already checked the token syntax.
 */
static int check_sources(struct ctx *c, const xmlNode *n, const char *keys)
{
	const char *p = keys, *e;
	char key[40];
	int i, found;

	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e && *e != ' ' && *e != '\t' && *e != '\n' &&
		    *e != '\r'; e++)
			;
		snprintf(key, sizeof(key), "%.*s", (int)(e - p), p);
		for (found = 0, i = 0; i < c->nsources && !found; i++)
			found = strcmp(c->sources[i], key) == 0;
		if (!found)
			return bad(c, n, "source",
				"source key '%s' is not defined by a <source> "
				"element of this file%s", key, "");
		p = e;
	}
	return 0;
}

static int check_edition(struct ctx *c, const xmlNode *n, const char *field,
	const char *id)
{
	int i;

	if (id == NULL)
		return 0;
	for (i = 0; i < c->neditions; i++)
		if (strcmp(c->editions[i], id) == 0)
			return 0;
	return bad(c, n, field, "edition '%s' is not defined by an <edition> "
		"element of %s", id, c->fw);
}

static int check_level(struct ctx *c, const xmlNode *n, const char *field,
	int level)
{
	char num[16], range[48];

	if (level >= 1 && level <= c->nlevels)
		return 0;
	snprintf(num, sizeof(num), "%d", level);
	snprintf(range, sizeof(range), "%s has levels 1-%d", c->fw,
		c->nlevels);
	return bad(c, n, field, "no level %s in this framework (%s)", num,
		range);
}

/* Text of @n with surrounding white space removed; caller frees. */
static char *text_of(const xmlNode *n)
{
	xmlChar *t = xmlNodeGetContent(n);
	char *b, *e, *s;

	if (t == NULL)
		return setara__strdup("");
	for (b = (char *)t; *b == ' ' || *b == '\t' || *b == '\n' ||
	    *b == '\r'; b++)
		;
	e = b + strlen(b);
	while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
	    e[-1] == '\r'))
		e--;
	s = setara__strndup(b, (size_t)(e - b));
	xmlFree(t);
	return s;
}

/* The texts of the <note> children of @n, one per line, or NULL. */
static int notes_of(char **out, const xmlNode *n)
{
	setara_buf b = SETARA_BUF_INIT;
	xmlNodePtr k;
	char *t;
	int error = 0;

	*out = NULL;
	for (k = setara__xml_child(n, NS, "note"); k;
	    k = setara__xml_next(k, NS, "note")) {
		if ((t = text_of(k)) == NULL) {
			error = SETARA_ENOMEM;
			break;
		}
		if ((b.size && (error = setara_buf_puts(&b, "\n")) < 0) ||
		    (error = setara_buf_puts(&b, t)) < 0) {
			setara__free(t);
			break;
		}
		setara__free(t);
	}
	if (error == 0 && b.size)
		*out = setara_buf_detach(&b);
	setara_buf_dispose(&b);
	return error;
}

/*
 * libxml2 schema messages read "Element '{ns}name', attribute 'x': ...":
 * keep the element (and attribute) as the error's field.
 */
static void schema_field(void)
{
	const setara_error *e = setara_error_last();
	const char *m = e->message, *p, *q;
	char field[96], msg[512], file[256];
	int line = e->line, code = e->code, klass = e->klass;
	size_t n = 0;

	if (e->field || (p = strstr(m, "Element '")) == NULL)
		return;
	p += 9;
	if (*p == '{' && (q = strchr(p, '}')) != NULL)
		p = q + 1;
	if ((q = strchr(p, '\'')) == NULL)
		return;
	n = (size_t)(q - p);
	snprintf(field, sizeof(field), "%.*s", (int)n, p);
	if (strncmp(q, "', attribute '", 14) == 0) {
		p = q + 14;
		if ((q = strchr(p, '\'')) != NULL)
			snprintf(field + strlen(field),
				sizeof(field) - strlen(field), "/@%.*s",
				(int)(q - p), p);
	}
	snprintf(msg, sizeof(msg), "%s", m);
	snprintf(file, sizeof(file), "%s", e->file ? e->file : "");
	setara_error__set(code, klass, *file ? file : NULL, line, field, "%s",
		msg);
}

/* ---- loading one file ------------------------------------------------- */

static int load_sources_editions(struct ctx *c, const xmlNode *root)
{
	static const char src_sql[] =
		"INSERT INTO qf_source (framework, key, href, text)"
		" VALUES (?, ?, ?, ?)";
	static const char ed_sql[] =
		"INSERT INTO qf_edition (framework, id, date, text, src,"
		" confidence, line) VALUES (?, ?, ?, ?, ?, ?, ?)";
	static const char *const ed_names[] = { "id", "date", "source",
		"confidence", NULL };
	enum { ID, DATE, SRC, CONF, NATTRS };
	xmlNodePtr n;
	char *id = NULL, *href = NULL, *text = NULL, *a[NATTRS];
	int error = 0;

	for (n = setara__xml_child(root, NS, "source"); n && error == 0;
	    n = setara__xml_next(n, NS, "source")) {
		id = setara__xml_attr(n, "id");
		href = setara__xml_attr(n, "href");
		text = text_of(n);
		if (id == NULL || text == NULL) {
			error = id ? SETARA_ENOMEM : setara_error__data(
				c->path, line_of(n), "source/@id",
				"missing id");
		} else if (c->nsources == MAX_SOURCES) {
			error = setara_error__data(c->path, line_of(n),
				"source", "too many sources");
		} else if ((c->sources[c->nsources] = setara__strdup(id)) ==
		    NULL) {
			error = SETARA_ENOMEM;
		} else {
			c->nsources++;
			error = setara_store__run(c->st, src_sql, "qf_source",
				"ssss", c->fw, id, href, text);
		}
		xmlFree(id);
		xmlFree(href);
		setara__free(text);
		id = href = text = NULL;
	}
	for (n = setara__xml_child(root, NS, "edition"); n && error == 0;
	    n = setara__xml_next(n, NS, "edition")) {
		setara__xml_attrs(n, ed_names, a);
		text = text_of(n);
		if (text == NULL)       /* only when memory runs out */
			error = SETARA_ENOMEM;
		else if (!a[ID] || !a[DATE] || !a[SRC] || !a[CONF])
			error = setara_error__data(c->path, line_of(n),
				"edition", "incomplete edition");
		else if (c->neditions == MAX_EDITIONS)
			error = setara_error__data(c->path, line_of(n),
				"edition", "too many editions");
		else if ((error = check_sources(c, n, a[SRC])) == 0 &&
		    (c->editions[c->neditions] = setara__strdup(a[ID])) ==
		    NULL)
			error = SETARA_ENOMEM;
		if (error == 0) {
			c->neditions++;
			error = setara_store__run(c->st, ed_sql, "qf_edition",
				"ssssssi", c->fw, a[ID], a[DATE], text, a[SRC],
				a[CONF], line_of(n));
		}
		setara__xml_attrs_free(a, NATTRS);
		setara__free(text);
		text = NULL;
	}
	return error;
}

static int load_entry(struct ctx *c, const xmlNode *n, int level, int desc)
{
	static const char sql[] =
		"INSERT INTO qf_entry (framework, level, kind, class, text,"
		" from_edition, until_edition, src, confidence, line)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	/* a descriptor has no editions */
	static const char *const desc_names[] = { "domain", "source",
		"confidence", NULL };
	static const char *const qual_names[] = { "sector", "source",
		"confidence", "from", "until", NULL };
	enum { CLS, SRC, CONF, FROM, UNTIL, NATTRS };
	char *a[NATTRS] = { NULL };
	char *text = text_of(n);
	int error;

	setara__xml_attrs(n, desc ? desc_names : qual_names, a);
	if (text == NULL) {
		/* text_of() fails only when memory runs out. */
		error = SETARA_ENOMEM;
		goto done;
	}
	if (!a[CLS] || !a[SRC] || !a[CONF]) {
		error = setara_error__data(c->path, line_of(n),
			(const char *)n->name, "incomplete entry");
		goto done;
	}
	if ((error = check_sources(c, n, a[SRC])) < 0 ||
	    (error = check_edition(c, n, "qualification/@from",
	    a[FROM])) < 0 ||
	    (error = check_edition(c, n, "qualification/@until",
	    a[UNTIL])) < 0)
		goto done;
	error = setara_store__run(c->st, sql, "qf_entry", "sisssssssi", c->fw,
		level, desc ? "d" : "q", a[CLS], text, a[FROM], a[UNTIL],
		a[SRC], a[CONF], line_of(n));
done:
	setara__xml_attrs_free(a, NATTRS);
	setara__free(text);
	return error;
}

static int load_levels(struct ctx *c, const xmlNode *root)
{
	static const char sql[] =
		"INSERT INTO qf_level (framework, n, title, notes, src,"
		" confidence, line) VALUES (?, ?, ?, ?, ?, ?, ?)";
	static const char *const names[] = { "n", "source", "confidence",
		NULL };
	enum { NUM, SRC, CONF, NATTRS };
	xmlNodePtr n, k;
	char *a[NATTRS], *title, *notes;
	char seen[MAX_LEVELS + 1];
	int error = 0, count = 0, level, i;
	char lv[16];

	memset(seen, 0, sizeof(seen));
	for (n = setara__xml_child(root, NS, "level"); n && error == 0;
	    n = setara__xml_next(n, NS, "level")) {
		setara__xml_attrs(n, names, a);
		notes = NULL;
		level = a[NUM] ? (int)strtol(a[NUM], NULL, 10) : 0;
		count++;
		if ((error = setara__xml_child_text_get(&title, n, NS,
		    "title")) == 0 && (!a[NUM] || !a[SRC] || !a[CONF] ||
		    !title))
			error = setara_error__data(c->path, line_of(n),
				"level", "incomplete level");
		else if (error == 0 && (level < 1 || level > c->nlevels))
			error = check_level(c, n, "level/@n", level);
		else if (error == 0 &&
		    (error = check_sources(c, n, a[SRC])) == 0)
			error = notes_of(&notes, n);
		if (error == 0) {
			seen[level] = 1;
			error = setara_store__run(c->st, sql, "qf_level",
				"sissssi", c->fw, level, title, notes, a[SRC],
				a[CONF], line_of(n));
		}
		for (k = n->children; k && error == 0; k = k->next) {
			if (setara__xml_is(k, NS, "descriptor"))
				error = load_entry(c, k, level, 1);
			else if (setara__xml_is(k, NS, "qualification"))
				error = load_entry(c, k, level, 0);
		}
		setara__xml_attrs_free(a, NATTRS);
		setara__free(title);
		setara__free(notes);
	}
	if (error == 0 && count != c->nlevels) {
		snprintf(lv, sizeof(lv), "%d", c->nlevels);
		for (i = 1; i <= c->nlevels && seen[i]; i++)
			;
		error = setara_error__data(c->path, line_of(root),
			"framework/@levels", "levels=\"%s\" but the file "
			"defines %d <level> elements (level %d missing)", lv,
			count, i);
	}
	return error;
}

/*
 * A level table read in the report (confirmed) is an outcome only once the
 * report is endorsed: before, the table may still change.
 */
static int check_table(struct ctx *c, const xmlNode *n, const char *field,
	const char *table, const char *status)
{
	if (table && strcmp(table, "confirmed") == 0 &&
	    strcmp(status, "endorsed") != 0)
		return bad(c, n, field, "a level table can be confirmed only "
			"from an endorsed report, not one that is %s%s",
			status, "");
	return 0;
}

static int load_maps(struct ctx *c, const xmlNode *ref, const char *target,
	const char *rsrc, const char *rconf, int indicative,
	const char *rstatus, const char *rtable)
{
	static const char sql[] =
		"INSERT INTO qf_map (framework, target, level, min, max, src,"
		" confidence, note, line, level_table)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char *const names[] = { "level", "min", "max", "source",
		"confidence", "table", NULL };
	enum { LV, MN, MX, SRC, CONF, TABLE, NATTRS };
	xmlNodePtr n;
	char *a[NATTRS], *note;
	int error = 0, level, min, max;

	for (n = setara__xml_child(ref, NS, "map"); n && error == 0;
	    n = setara__xml_next(n, NS, "map")) {
		setara__xml_attrs(n, names, a);
		note = NULL;
		level = a[LV] ? (int)strtol(a[LV], NULL, 10) : 0;
		min = a[MN] ? (int)strtol(a[MN], NULL, 10) : 0;
		max = a[MX] ? (int)strtol(a[MX], NULL, 10) : 0;
		if (!a[LV] || !a[MN] || !a[MX])
			error = setara_error__data(c->path, line_of(n), "map",
				"incomplete map");
		else if ((error = check_level(c, n, "map/@level", level)) < 0)
			;
		else if (min > max)
			error = setara_error__data(c->path, line_of(n),
				"map/@min", "min %d is above max %d", min,
				max);
		else if (a[SRC] && (error = check_sources(c, n, a[SRC])) < 0)
			;
		else if (indicative && a[CONF] && strcmp(a[CONF], "low") != 0)
			error = setara_error__data(c->path, line_of(n),
				"map/@confidence", "an indicative mapping "
				"has confidence low, not %s", a[CONF]);
		else if ((error = check_table(c, n, "map/@table", a[TABLE],
		    rstatus)) < 0)
			;
		else
			error = notes_of(&note, n);
		if (error == 0)
			error = setara_store__run(c->st, sql, "qf_map",
				"ssiiisssis", c->fw, target, level, min, max,
				a[SRC] ? a[SRC] : rsrc,
				a[CONF] ? a[CONF] : rconf, note, line_of(n),
				a[TABLE] ? a[TABLE] : rtable);
		setara__xml_attrs_free(a, NATTRS);
		setara__free(note);
	}
	return error;
}

static int load_referencing(struct ctx *c, const xmlNode *root)
{
	static const char sql[] =
		"INSERT INTO qf_referencing (framework, target, status, date,"
		" edition, indicative, src, confidence, notes, line, meeting,"
		" submitted, level_table)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char *const names[] = { "target", "status", "date",
		"edition", "indicative", "source", "confidence", "meeting",
		"submitted", "table", NULL };
	enum { TARGET, STATUS, DATE, EDITION, IND, SRC, CONF, MEETING,
		SUBMITTED, TABLE, NATTRS };
	xmlNodePtr n;
	char *a[NATTRS], *notes;
	int error = 0, indicative, nmaps;

	for (n = setara__xml_child(root, NS, "referencing"); n && error == 0;
	    n = setara__xml_next(n, NS, "referencing")) {
		setara__xml_attrs(n, names, a);
		notes = NULL;
		indicative = a[IND] && (strcmp(a[IND], "true") == 0 ||
			strcmp(a[IND], "1") == 0);
		nmaps = setara__xml_child(n, NS, "map") != NULL;
		if (!a[TARGET] || !a[STATUS] || !a[SRC] || !a[CONF])
			error = setara_error__data(c->path, line_of(n),
				"referencing", "incomplete referencing");
		else if (strcmp(a[TARGET], c->fw) == 0)
			error = bad(c, n, "referencing/@target",
				"%s cannot be referenced to itself%s",
				c->fw, "");
		else if ((error = check_sources(c, n, a[SRC])) < 0 ||
		    (error = check_edition(c, n, "referencing/@edition",
		    a[EDITION])) < 0)
			;
		/* DESIGN: never show a link for an unreferenced framework
		 * unless it is labelled indicative (frameworks.md). */
		else if (nmaps && strcmp(a[STATUS], "endorsed") != 0 &&
		    !indicative)
			error = bad(c, n, "referencing/@indicative",
				"status '%s' is not an endorsed referencing: "
				"its level links must be marked "
				"indicative=\"true\"%s", a[STATUS], "");
		else if (indicative && strcmp(a[CONF], "low") != 0)
			error = bad(c, n, "referencing/@confidence",
				"an indicative mapping has confidence low, "
				"not %s%s", a[CONF], "");
		else if ((error = check_table(c, n, "referencing/@table",
		    a[TABLE], a[STATUS])) < 0)
			;
		else
			error = notes_of(&notes, n);
		if (error == 0)
			error = setara_store__run(c->st, sql,
				"qf_referencing", "sssssisssisss", c->fw,
				a[TARGET], a[STATUS], a[DATE], a[EDITION],
				indicative, a[SRC], a[CONF], notes, line_of(n),
				a[MEETING], a[SUBMITTED],
				a[TABLE] ? a[TABLE] : "assumed");
		if (error == 0)
			error = load_maps(c, n, a[TARGET], a[SRC], a[CONF],
				indicative, a[STATUS],
				a[TABLE] ? a[TABLE] : "assumed");
		setara__xml_attrs_free(a, NATTRS);
		setara__free(notes);
	}
	return error;
}

/* A framework id may be defined by one file only. */
static int check_unique(struct ctx *c, const xmlNode *root)
{
	sqlite3_stmt *s = NULL;
	char *other = NULL;
	int error = 0;

	if (sqlite3_prepare_v2(setara_store__db(c->st),
	    "SELECT s.path FROM qf_framework f JOIN source s"
	    " ON s.id = f.source_id WHERE f.id = ?", -1, &s, NULL) !=
	    SQLITE_OK)
		return setara_store__error(c->st, "qf_framework");
	sqlite3_bind_text(s, 1, c->fw, -1, SQLITE_STATIC);
	if ((error = setara_store__step(c->st, s, "qf_framework")) > 0 &&
	    (other = setara__strdup(setara_store__col_text(s, 0))) == NULL)
		error = SETARA_ENOMEM;
	sqlite3_finalize(s);
	if (error < 0)
		return error;
	error = 0;
	if (other)
		error = bad(c, root, "framework/@id",
			"duplicate framework id '%s': already defined in %s",
			c->fw, other);
	setara__free(other);
	return error;
}

static int load_framework(struct ctx *c, xmlNodePtr root,
	sqlite3_int64 source_id)
{
	static const char sql[] =
		"INSERT INTO qf_framework (id, source_id, line, kind, country,"
		" stage, nlevels, name, acronym, basis, notes, src, confidence)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char *const names[] = { "kind", "country", "stage",
		"levels", "source", "confidence", NULL };
	/* the texts of these children, then the notes */
	static const char *const texts[] = { "name", "acronym", "basis" };
	enum { KIND, COUNTRY, STAGE, LEVELS, SRC, CONF, NATTRS };
	enum { NAME, ACRONYM, BASIS, NOTES, NTEXTS };
	char *a[NATTRS], *t[NTEXTS] = { NULL }, prefix[4];
	int error = 0, national, i;

	setara__xml_attrs(root, names, a);
	c->nlevels = a[LEVELS] ? (int)strtol(a[LEVELS], NULL, 10) : 0;
	for (i = 0; i < NOTES && error == 0; i++)
		error = setara__xml_child_text_get(&t[i], root, NS,
			texts[i]);
	if (error < 0)
		goto done;
	if (!a[KIND] || !a[LEVELS] || !a[SRC] || !a[CONF] || !t[NAME] ||
	    !t[ACRONYM]) {
		error = setara_error__data(c->path, line_of(root), "framework",
			"incomplete framework");
		goto done;
	}
	national = strcmp(a[KIND], "national") == 0 ||
		strcmp(a[KIND], "sectoral") == 0;
	/* DESIGN 2: a national framework's id is its a[COUNTRY] code, '-',
	 * its acronym (MQF is also Malta's). */
	if (national && a[COUNTRY] == NULL) {
		error = bad(c, root, "framework/@country",
			"a %s framework needs its country%s", a[KIND], "");
		goto done;
	}
	if (a[COUNTRY]) {
		prefix[0] = (char)(a[COUNTRY][0] | 0x20);
		prefix[1] = (char)(a[COUNTRY][1] | 0x20);
		prefix[2] = '-';
		prefix[3] = '\0';
		if (strncmp(c->fw, prefix, 3) != 0) {
			error = bad(c, root, "framework/@id",
				"framework id '%s' must start with its country "
				"code '%s'", c->fw, prefix);
			goto done;
		}
	} else if (strchr(c->fw, '-')) {
		error = bad(c, root, "framework/@id", "framework id '%s' has "
			"a country prefix but no country%s", c->fw, "");
		goto done;
	}
	if ((error = check_unique(c, root)) < 0 ||
	    (error = notes_of(&t[NOTES], root)) < 0)
		goto done;
	if ((error = setara_store__run(c->st, sql, "qf_framework",
	    "sIisssissssss", c->fw, source_id, line_of(root), a[KIND],
	    a[COUNTRY], a[STAGE] ? a[STAGE] : "in-force", c->nlevels, t[NAME],
	    t[ACRONYM], t[BASIS], t[NOTES], a[SRC], a[CONF])) < 0)
		goto done;
	if ((error = load_sources_editions(c, root)) < 0 ||
	    (error = check_sources(c, root, a[SRC])) < 0 ||
	    (error = load_levels(c, root)) < 0 ||
	    (error = load_referencing(c, root)) < 0)
		goto done;
done:
	setara__xml_attrs_free(a, NATTRS);
	for (i = 0; i < NTEXTS; i++)
		setara__free(t[i]);
	return error;
}

static int load(setara_store *st, xmlDocPtr doc, const char *path,
	sqlite3_int64 source_id, int *handled)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	struct ctx c;
	char *id = NULL;
	int error, i;

	*handled = 0;
	if (!setara__xml_is(root, NS, "framework"))
		return 0;
	*handled = 1;
	remember_root(st, path, source_id);
	memset(&c, 0, sizeof(c));
	c.st = st;
	c.path = path;
	if ((error = setara__xml_validate(doc, "qf/framework.xsd", path)) < 0) {
		schema_field();
		return error;
	}
	if ((id = setara__xml_attr(root, "id")) == NULL)
		return setara_error__data(path, line_of(root), "framework/@id",
			"missing id");
	c.fw = id;
	if ((error = setara_store__begin(st)) < 0)
		goto done;
	if ((error = load_framework(&c, root, source_id)) < 0)
		setara_store__rollback(st);
	else
		error = setara_store__commit(st);
done:
	for (i = 0; i < c.nsources; i++)
		setara__free(c.sources[i]);
	for (i = 0; i < c.neditions; i++)
		setara__free(c.editions[i]);
	xmlFree(id);
	return error;
}

/* ---- checks across files ---------------------------------------------- */

/*
 * Every referencing names a loaded framework, and every map's target
 * levels exist there.  Runs after all files are loaded.
 */
static int check(setara_store *st)
{
	static const char *const sql =
		"SELECT s.path, r.line, r.framework, r.target, NULL, 0, 0,"
		"  NULL"
		" FROM qf_referencing r JOIN qf_framework f"
		"  ON f.id = r.framework JOIN source s ON s.id = f.source_id"
		" WHERE r.target NOT IN (SELECT id FROM qf_framework)"
		" UNION ALL "
		"SELECT s.path, m.line, m.framework, m.target, m.level, m.min,"
		"  m.max, t.nlevels"
		" FROM qf_map m JOIN qf_framework f ON f.id = m.framework"
		"  JOIN source s ON s.id = f.source_id"
		"  JOIN qf_framework t ON t.id = m.target"
		" WHERE m.min < 1 OR m.max > t.nlevels"
		" ORDER BY 1, 2 LIMIT 1";
	sqlite3_stmt *s = NULL;
	setara_buf ids = SETARA_BUF_INIT;
	char file[1024];
	int error = 0, rc;

	if (sqlite3_prepare_v2(setara_store__db(st), sql, -1, &s, NULL) !=
	    SQLITE_OK)
		return setara_store__error(st, "qf check");
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		snprintf(file, sizeof(file), "%s%s", data_root,
			setara_store__col_text(s, 0));
	if (rc == SQLITE_ROW && sqlite3_column_type(s, 4) == SQLITE_NULL) {
		sqlite3_stmt *l = NULL;

		/* The target framework is not loaded: list those that are. */
		if (sqlite3_prepare_v2(setara_store__db(st),
		    "SELECT id FROM qf_framework ORDER BY id", -1, &l, NULL) ==
		    SQLITE_OK) {
			while (sqlite3_step(l) == SQLITE_ROW)
				if ((ids.size && setara_buf_puts(&ids, ", ")
				    < 0) || setara_buf_puts(&ids,
				    setara_store__col_text(l, 0)) < 0)
					break;
		}
		sqlite3_finalize(l);
		error = setara_error__data(file,
			sqlite3_column_int(s, 1), "referencing/@target",
			"%s is referenced to framework '%s', which is not "
			"loaded (loaded: %s)", setara_store__col_text(s, 2),
			setara_store__col_text(s, 3),
			ids.size ? ids.ptr : "none");
	} else if (rc == SQLITE_ROW) {
		int min = sqlite3_column_int(s, 5);
		int max = sqlite3_column_int(s, 6);
		int n = sqlite3_column_int(s, 7);

		error = setara_error__data(file,
			sqlite3_column_int(s, 1),
			min < 1 ? "map/@min" : "map/@max",
			"%s level %d maps to %s level %d, which does not "
			"exist (%s has levels 1-%d)",
			setara_store__col_text(s, 2), sqlite3_column_int(s, 4),
			setara_store__col_text(s, 3), min < 1 ? min : max,
			setara_store__col_text(s, 3), n);
	} else if (rc != SQLITE_DONE) {
		error = setara_store__error(st, "qf check");
	}
	sqlite3_finalize(s);
	setara_buf_dispose(&ids);
	return error;
}

const setara_store__component setara_qf__component = {
	"qf", migrations, load, check, report
};
