/*
 * The mrs component's tables in the store, and its reference-data loader.
 *
 * load() claims the data files whose document element is
 * {urn:setara:data:1}competencyStandard or unitEquivalence (normally
 * mappings/occupations/), validates them against mrs/occupation.xsd, then
 * applies the rules a schema cannot say (docs/data-occupations.md): every
 * source key cited is defined in the file, a national standard names its
 * country, unit codes are unique within a standard, a local (setara) unit
 * code is never shipped with more than low confidence on its code's
 * behalf, and ids are defined once across all files.  Rows keep the line
 * of their element, so that check(), which runs after every
 * file is in, can name file and line when a table points at a standard or
 * a unit that does not exist.  The caller (store/load.c) holds one
 * transaction around the whole load.
 */
#include <string.h>
#include <libxml/tree.h>

#include "mrs_int.h"
#include "qf/qf_api.h"

/*
 * The MRS facts to confirm next (setara_store_data_report()): every fact
 * below high confidence, the occupations' required AQRF levels included.
 */
static const char report[] =
	"SELECT 'mrs', 'standard', d.id, s.path, d.line, d.confidence, NULL,"
	"  d.title FROM mrs_standard d JOIN source s ON s.id = d.source_id"
	" WHERE d.confidence IN ('medium', 'low')"
	" UNION ALL SELECT 'mrs', 'requirement', d.id || ' requires aqrf:' ||"
	"  d.req_aqrf, s.path, d.line, d.req_confidence, NULL, d.title"
	" FROM mrs_standard d JOIN source s ON s.id = d.source_id"
	" WHERE d.req_aqrf IS NOT NULL"
	"  AND d.req_confidence IN ('medium', 'low')"
	" UNION ALL SELECT 'mrs', 'unit', u.standard || ' ' || u.code, s.path,"
	"  u.line, u.confidence, CASE WHEN u.local THEN 'local code' END,"
	"  u.title FROM mrs_unit u JOIN mrs_standard d ON d.id = u.standard"
	" JOIN source s ON s.id = d.source_id"
	" WHERE u.confidence IN ('medium', 'low')"
	" UNION ALL SELECT 'mrs', 'equivalence', m.table_id || ' ' ||"
	"  m.from_unit || ' -> ' || m.to_unit, s.path, m.line, m.confidence,"
	"  m.coverage, NULL FROM mrs_map m JOIN mrs_table t ON t.id ="
	"  m.table_id JOIN source s ON s.id = t.source_id"
	" WHERE m.confidence IN ('medium', 'low')";

static const setara_store__migration migrations[] = {
	{ 1,
	  "CREATE TABLE mrs_standard ("
	  " id TEXT PRIMARY KEY,"
	  " source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,"
	  " line INTEGER NOT NULL,"
	  " scope TEXT NOT NULL CHECK (scope IN ('national', 'regional')),"
	  " country TEXT,"
	  " title TEXT NOT NULL,"
	  " edition TEXT,"
	  " superseded INTEGER NOT NULL,"
	  " body_id TEXT,"
	  " body_name TEXT NOT NULL,"
	  " level TEXT,"             /* the qualification's FRAMEWORK:LEVEL */
	  " qual_title TEXT,"
	  " qual_line INTEGER,"
	  " req_aqrf INTEGER,"       /* NULL: a benchmark, not an occupation */
	  " req_confidence TEXT,"
	  " isco TEXT,"
	  " validity_years INTEGER,"
	  " status TEXT NOT NULL,"
	  " src TEXT NOT NULL,"
	  " confidence TEXT NOT NULL);"
	  "CREATE INDEX mrs_standard_source ON mrs_standard(source_id);"
	  "CREATE TABLE mrs_unit ("
	  " standard TEXT NOT NULL"
	  "  REFERENCES mrs_standard(id) ON DELETE CASCADE,"
	  " seq INTEGER NOT NULL,"
	  " code TEXT NOT NULL,"
	  " title TEXT NOT NULL,"
	  " kind TEXT,"
	  " required INTEGER NOT NULL,"
	  " local INTEGER NOT NULL,"
	  " src TEXT NOT NULL,"
	  " confidence TEXT NOT NULL,"
	  " line INTEGER NOT NULL,"
	  " PRIMARY KEY (standard, code));"
	  "CREATE TABLE mrs_table ("
	  " id TEXT PRIMARY KEY,"
	  " source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,"
	  " line INTEGER NOT NULL,"
	  " from_std TEXT NOT NULL,"
	  " to_std TEXT NOT NULL,"
	  " title TEXT NOT NULL,"
	  " basis TEXT NOT NULL,"
	  " status TEXT NOT NULL,"
	  " src TEXT NOT NULL,"
	  " confidence TEXT NOT NULL);"
	  "CREATE INDEX mrs_table_source ON mrs_table(source_id);"
	  "CREATE INDEX mrs_table_from ON mrs_table(from_std);"
	  "CREATE TABLE mrs_map ("
	  " table_id TEXT NOT NULL REFERENCES mrs_table(id) ON DELETE CASCADE,"
	  " seq INTEGER NOT NULL,"
	  " from_unit TEXT NOT NULL,"
	  " to_unit TEXT NOT NULL,"
	  " coverage TEXT NOT NULL CHECK (coverage IN ('full', 'partial')),"
	  " src TEXT NOT NULL,"
	  " confidence TEXT NOT NULL,"
	  " line INTEGER NOT NULL,"
	  " PRIMARY KEY (table_id, seq));" },
	SETARA_STORE_MIGRATIONS_END
};

/* What one file's load needs at hand. */
typedef struct ctx {
	setara_store *st;
	const char *path;
	sqlite3_int64 source_id;
	setara__strlist keys;    /* <source id> of the file */
} ctx;

static int line_of(const xmlNode *n)
{
	return (int)xmlGetLineNo(n);
}

static int is_el(const xmlNode *n, const char *local)
{
	return setara__xml_is(n, SETARA_NS_DATA, local);
}

/* Every key of every "source" attribute in the file is a <source id>. */
static int check_keys(ctx *c, xmlNodePtr n)
{
	char *v, *p, *k;
	size_t i;
	int found, error = 0;

	for (; n && error == 0; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((v = setara__xml_attr(n, "source")) != NULL) {
			for (p = v; error == 0 && *p; ) {
				while (*p == ' ' || *p == '\t' || *p == '\n')
					p++;
				k = p;
				while (*p && *p != ' ' && *p != '\t' &&
				    *p != '\n')
					p++;
				if (p == k)
					break;
				for (found = 0, i = 0; i < c->keys.count;
				    i++)
					if (strlen(c->keys.items[i]) ==
					    (size_t)(p - k) && strncmp(
					    c->keys.items[i], k,
					    (size_t)(p - k)) == 0)
						found = 1;
				if (!found)
					error = setara_error__data(c->path,
						line_of(n), "source",
						"source key '%.*s' is not "
						"defined by a <source> of "
						"this file", (int)(p - k), k);
			}
			xmlFree(v);
		}
		if (error == 0)
			error = check_keys(c, n->children);
	}
	return error;
}

static int collect_keys(ctx *c, xmlNodePtr root)
{
	xmlNodePtr n;
	char *id;
	size_t i;
	int error = 0;

	for (n = setara__xml_child(root, SETARA_NS_DATA, "source"); n &&
	    error == 0; n = setara__xml_next(n, SETARA_NS_DATA, "source")) {
		id = setara__xml_attr(n, "id");
		for (i = 0; id && i < c->keys.count; i++)
			if (strcmp(c->keys.items[i], id) == 0)
				error = setara_error__data(c->path,
					line_of(n), "source",
					"source key '%s' is defined twice",
					id);
		if (error == 0 && id)
			error = setara__strlist_add(&c->keys, id);
		xmlFree(id);
	}
	if (error == 0)
		error = check_keys(c, root);
	return error;
}

int setara_mrs__small_int(const char *s, int max)
{
	int v = 0;

	for (; s && *s >= '0' && *s <= '9' && v < max; s++)
		v = v * 10 + (*s - '0');
	return v;
}

/* The file that defines an id already, for the message; caller frees. */
static char *defined_in(ctx *c, const char *sql, const char *id, int *line)
{
	sqlite3_stmt *s;
	char *path = NULL;

	*line = 0;
	if (setara_store__stmt(c->st, &s, sql) < 0)
		return NULL;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*line = sqlite3_column_int(s, 1);
		path = setara_store__source_path(c->st,
			sqlite3_column_int64(s, 0));
	}
	sqlite3_reset(s);
	return path;
}

/* Refuse @root's @id when another file (@dup_sql finds it) defines a
 * @what of that id too. */
static int unique_id(ctx *c, xmlNodePtr root, const char *dup_sql,
	const char *what, const char *id)
{
	char *other;
	int line, error;

	if ((other = defined_in(c, dup_sql, id, &line)) == NULL)
		return 0;
	error = setara_error__data(c->path, line_of(root), "id", "%s '%s' is "
		"defined twice (also in %s:%d)", what, id, other, line);
	setara__free(other);
	return error;
}

static int load_unit(ctx *c, const char *std, xmlNodePtr u, int seq)
{
	static const char sql[] =
		"INSERT INTO mrs_unit (standard, seq, code, title, kind,"
		" required, local, src, confidence, line)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char dup_sql[] =
		"SELECT line FROM mrs_unit WHERE standard = ? AND code = ?";
	static const char *const names[] = { "code", "codeStatus", "kind",
		"required", "source", "confidence", NULL };
	enum { CODE, STATUS, KIND, REQ, SRC, CONF, NATTRS };
	sqlite3_stmt *s;
	char *a[NATTRS], *title = NULL;
	int local, required, error;

	setara__xml_attrs(u, names, a);
	local = a[STATUS] && strcmp(a[STATUS], "local") == 0;
	required = !(a[REQ] && (strcmp(a[REQ], "false") == 0 ||
		strcmp(a[REQ], "0") == 0));
	if ((error = setara__xml_child_text_get(&title, u, SETARA_NS_DATA,
	    "title")) < 0)
		goto done;
	if (title == NULL) {
		error = setara_error__data(c->path, line_of(u), "title",
			"unit %s has no title", a[CODE]);
		goto done;
	}
	if ((error = setara_store__prepare(c->st, &s, dup_sql, "ss", std,
	    a[CODE])) < 0)
		goto done;
	if ((error = setara_store__step(c->st, s, "mrs_unit")) > 0) {
		int first = sqlite3_column_int(s, 0);

		sqlite3_reset(s);
		error = setara_error__data(c->path, line_of(u), "code",
			"unit %s is listed twice in %s (first at line %d)",
			a[CODE], std, first);
		goto done;
	}
	sqlite3_reset(s);
	if (error < 0)
		goto done;
	/* A setara key is not a published code: claim no more than low
	 * confidence for it, so that no one reads it as official. */
	if (local && strcmp(a[CONF], "low") != 0 &&
	    strcmp(a[CONF], "medium") != 0) {
		error = setara_error__data(c->path, line_of(u), "confidence",
			"unit %s has a local (setara) code: its confidence "
			"cannot be high", a[CODE]);
		goto done;
	}
	error = setara_store__run(c->st, sql, "mrs_unit", "sisssiissi", std,
		seq, a[CODE], title, a[KIND], required && !(a[KIND] &&
		strcmp(a[KIND], "elective") == 0), local, a[SRC], a[CONF],
		line_of(u));
done:
	setara__free(title);
	setara__xml_attrs_free(a, NATTRS);
	return error;
}

static int load_standard(ctx *c, xmlNodePtr root)
{
	static const char sql[] =
		"INSERT INTO mrs_standard (id, source_id, line, scope, country,"
		" title, edition, superseded, body_id, body_name, level,"
		" qual_title, qual_line, req_aqrf, req_confidence, isco,"
		" validity_years, status, src, confidence)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
		" ?, ?)";
	static const char dup_sql[] =
		"SELECT source_id, line FROM mrs_standard WHERE id = ?";
	static const char *const names[] = { "id", "scope", "country",
		"edition", "superseded", "status", "source", "confidence",
		NULL };
	static const char *const req_names[] = { "aqrf", "confidence",
		"isco", "validityYears", NULL };
	enum { ID, SCOPE, COUNTRY, EDITION, SUPERSEDED, STATUS, SRC, CONF,
		NATTRS };
	enum { AQRF, RCONF, ISCO, YEARS, NREQ };
	xmlNodePtr body, q, u;
	sqlite3_stmt *s;
	char *a[NATTRS], *req[NREQ];
	char *title = NULL, *body_id = NULL, *body_name = NULL, *level = NULL;
	char *qtitle = NULL;
	int error, seq = 0;

	setara__xml_attrs(root, names, a);
	/* all NULL without a requirement */
	setara__xml_attrs(setara__xml_child(root, SETARA_NS_DATA,
		"requirement"), req_names, req);
	if ((error = setara__xml_child_text_get(&title, root, SETARA_NS_DATA,
	    "title")) < 0)
		goto done;
	body = setara__xml_child(root, SETARA_NS_DATA, "body");
	q = setara__xml_child(root, SETARA_NS_DATA, "qualification");
	if (body) {
		body_id = setara__xml_attr(body, "id");
		body_name = (char *)xmlNodeGetContent(body);
	}
	if (q) {
		level = setara__xml_attr(q, "level");
		qtitle = (char *)xmlNodeGetContent(q);
	}

	if (strcmp(a[SCOPE], "national") == 0 && a[COUNTRY] == NULL) {
		error = setara_error__data(c->path, line_of(root), "country",
			"a national standard names its country");
		goto done;
	}
	if (strcmp(a[SCOPE], "regional") == 0 && a[COUNTRY] != NULL) {
		error = setara_error__data(c->path, line_of(root), "country",
			"a regional benchmark has no country");
		goto done;
	}
	if ((error = unique_id(c, root, dup_sql, "standard", a[ID])) < 0)
		goto done;
	if ((error = setara_store__prepare(c->st, &s, sql,
	    "sIissssissss--ss-sss", a[ID], c->source_id, line_of(root),
	    a[SCOPE], a[COUNTRY], title, a[EDITION], a[SUPERSEDED] &&
	    (strcmp(a[SUPERSEDED], "true") == 0 ||
	    strcmp(a[SUPERSEDED], "1") == 0), body_id, body_name, level,
	    qtitle, req[RCONF], req[ISCO], a[STATUS], a[SRC], a[CONF])) < 0)
		goto done;
	if (q)
		sqlite3_bind_int(s, 13, line_of(q));
	if (req[AQRF])
		sqlite3_bind_int(s, 14,
		    setara_mrs__small_int(req[AQRF], 100000));
	if (req[YEARS])
		sqlite3_bind_int(s, 17,
		    setara_mrs__small_int(req[YEARS], 100000));
	if ((error = setara_store__step_done(c->st, s, "mrs_standard")) < 0)
		goto done;
	for (u = setara__xml_child(root, SETARA_NS_DATA, "unit"); u;
	    u = setara__xml_next(u, SETARA_NS_DATA, "unit"))
		if ((error = load_unit(c, a[ID], u, ++seq)) < 0)
			goto done;
done:
	xmlFree(qtitle);
	xmlFree(level);
	xmlFree(body_name);
	xmlFree(body_id);
	setara__free(title);
	setara__xml_attrs_free(req, NREQ);
	setara__xml_attrs_free(a, NATTRS);
	return error;
}

static int load_map(ctx *c, const char *table, xmlNodePtr m, int seq)
{
	static const char sql[] =
		"INSERT INTO mrs_map (table_id, seq, from_unit, to_unit,"
		" coverage, src, confidence, line)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	static const char *const names[] = { "from", "to", "coverage",
		"source", "confidence", NULL };
	char *v[5];
	int error;

	setara__xml_attrs(m, names, v);
	error = setara_store__run(c->st, sql, "mrs_map", "sisssssi", table,
		seq, v[0], v[1], v[2], v[3], v[4], line_of(m));
	setara__xml_attrs_free(v, 5);
	return error;
}

static int load_table(ctx *c, xmlNodePtr root)
{
	static const char sql[] =
		"INSERT INTO mrs_table (id, source_id, line, from_std, to_std,"
		" title, basis, status, src, confidence)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char dup_sql[] =
		"SELECT source_id, line FROM mrs_table WHERE id = ?";
	static const char *const names[] = { "id", "from", "to", "status",
		"source", "confidence", NULL };
	enum { ID, FROM, TO, STATUS, SRC, CONF, NATTRS };
	xmlNodePtr m;
	char *a[NATTRS], *title = NULL, *basis = NULL;
	int error, seq = 0;

	setara__xml_attrs(root, names, a);
	if ((error = setara__xml_child_text_get(&title, root, SETARA_NS_DATA,
	    "title")) < 0 ||
	    (error = setara__xml_child_text_get(&basis, root, SETARA_NS_DATA,
	    "basis")) < 0)
		goto done;
	if (strcmp(a[FROM], a[TO]) == 0) {
		error = setara_error__data(c->path, line_of(root), "to",
			"a table maps one standard to another, not to itself");
		goto done;
	}
	if ((error = unique_id(c, root, dup_sql, "equivalence table",
	    a[ID])) < 0)
		goto done;
	if ((error = setara_store__run(c->st, sql, "mrs_table", "sIisssssss",
	    a[ID], c->source_id, line_of(root), a[FROM], a[TO], title, basis,
	    a[STATUS], a[SRC], a[CONF])) < 0)
		goto done;
	for (m = setara__xml_child(root, SETARA_NS_DATA, "map"); m;
	    m = setara__xml_next(m, SETARA_NS_DATA, "map"))
		if ((error = load_map(c, a[ID], m, ++seq)) < 0)
			goto done;
done:
	setara__free(basis);
	setara__free(title);
	setara__xml_attrs_free(a, NATTRS);
	return error;
}

static int load(setara_store *st, xmlDocPtr doc, const char *path,
	sqlite3_int64 source_id, int *handled)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	ctx c = { st, path, source_id, { NULL, 0, 0 } };
	int standard, error;

	*handled = 0;
	standard = root && is_el(root, "competencyStandard");
	if (!standard && !(root && is_el(root, "unitEquivalence")))
		return 0;
	*handled = 1;
	if ((error = setara__xml_validate(doc, "mrs/occupation.xsd",
	    path)) < 0 ||
	    (error = collect_keys(&c, root)) < 0)
		goto done;
	error = standard ? load_standard(&c, root) : load_table(&c, root);
done:
	setara__strlist_dispose(&c.keys);
	return error;
}

/* ---- checks across files ---------------------------------------------- */

/* Every qualification level a standard names exists in the frameworks. */
static int check_levels(setara_store *st)
{
	static const char sql[] =
		"SELECT source_id, qual_line, id, level FROM mrs_standard"
		" WHERE level IS NOT NULL ORDER BY id";
	sqlite3_stmt *s;
	char fw[64], *path, *msg;
	int n, rc, error = 0;

	if ((error = setara_store__stmt(st, &s, sql)) < 0)
		return error;
	while (error == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *level = setara_store__col_text(s, 3);

		if ((error = setara_qf__parse_ref(fw, sizeof(fw), &n,
		    level)) == 0)
			error = setara_qf__check_level(st, fw, n, NULL);
		if (error == SETARA_ENOTFOUND || error == SETARA_EINVALID) {
			msg = setara__strdup(setara_error_last()->message);
			path = setara_store__source_path(st,
				sqlite3_column_int64(s, 0));
			error = setara_error__data(path,
				sqlite3_column_int(s, 1), "level",
				"standard %s: qualification level %s: %s",
				setara_store__col_text(s, 2), level,
				msg ? msg : "unknown");
			setara__free(path);
			setara__free(msg);
		}
	}
	if (error == 0 && rc != SQLITE_DONE)
		error = setara_store__error(st, "mrs_standard");
	sqlite3_reset(s);
	return error;
}

static int check(setara_store *st)
{
	/* Tables whose standards are missing. */
	static const char std_sql[] =
		"SELECT t.source_id, t.line, t.id, t.from_std, t.to_std,"
		" f.id IS NULL, g.id IS NULL FROM mrs_table t"
		" LEFT JOIN mrs_standard f ON f.id = t.from_std"
		" LEFT JOIN mrs_standard g ON g.id = t.to_std"
		" WHERE f.id IS NULL OR g.id IS NULL ORDER BY t.id LIMIT 1";
	/* Maps whose units are missing from their standards. */
	static const char unit_sql[] =
		"SELECT t.source_id, m.line, m.from_unit, t.from_std,"
		" m.to_unit, t.to_std, fu.code IS NULL FROM mrs_map m"
		" JOIN mrs_table t ON t.id = m.table_id"
		" LEFT JOIN mrs_unit fu ON fu.standard = t.from_std"
		"  AND fu.code = m.from_unit"
		" LEFT JOIN mrs_unit tu ON tu.standard = t.to_std"
		"  AND tu.code = m.to_unit"
		" WHERE fu.code IS NULL OR tu.code IS NULL"
		" ORDER BY t.id, m.seq LIMIT 1";
	sqlite3_stmt *s;
	char *path;
	int error;

	if ((error = setara_store__stmt(st, &s, std_sql)) < 0)
		return error;
	if ((error = setara_store__step(st, s, "mrs_table")) > 0) {
		int from_missing = sqlite3_column_int(s, 5);

		path = setara_store__source_path(st,
			sqlite3_column_int64(s, 0));
		error = setara_error__data(path, sqlite3_column_int(s, 1),
			from_missing ? "from" : "to", "equivalence table "
			"'%s' refers to standard '%s', which no file of "
			"mappings/occupations defines",
			setara_store__col_text(s, 2),
			setara_store__col_text(s, from_missing ? 3 : 4));
		setara__free(path);
		sqlite3_reset(s);
		return error;
	}
	sqlite3_reset(s);
	if (error < 0 ||
	    (error = setara_store__stmt(st, &s, unit_sql)) < 0)
		return error;
	if ((error = setara_store__step(st, s, "mrs_map")) > 0) {
		int from_missing = sqlite3_column_int(s, 6);

		path = setara_store__source_path(st,
			sqlite3_column_int64(s, 0));
		error = setara_error__data(path, sqlite3_column_int(s, 1),
			from_missing ? "from" : "to", "unit %s is not a unit "
			"of standard '%s'",
			setara_store__col_text(s, from_missing ? 2 : 4),
			setara_store__col_text(s, from_missing ? 3 : 5));
		setara__free(path);
		sqlite3_reset(s);
		return error;
	}
	sqlite3_reset(s);
	if (error < 0)
		return error;
	return check_levels(st);
}

const setara_store__component setara_mrs__component = {
	"mrs", migrations, load, check, report
};
