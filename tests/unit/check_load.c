/*
 * Unit tests of loading framework files (src/qf/qf_store.c through
 * src/store/load.c): every kind of bad file is rejected with its file,
 * line and field, and leaves the store exactly as it was (a digest of
 * every row before and after); unchanged files are skipped; a changed
 * file replaces its rows; a removed file takes its rows with it.
 */
#include <sys/stat.h>

#include "check_common.h"
#include "qf/qf_int.h"

/*
 * A small valid framework.  Line numbers matter: the tests below expect
 * errors on the lines given in the comments.
 */
static const char base[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                /* 1 */
	"<framework xmlns=\"urn:setara:data:1\" id=\"zz-tqf\" "
	"kind=\"national\" country=\"ZZ\" levels=\"2\" source=\"S1\" "
	"confidence=\"low\">\n"                                       /* 2 */
	"  <name>Test framework</name>\n"                             /* 3 */
	"  <acronym>TQF</acronym>\n"                                  /* 4 */
	"  <source id=\"S1\">test source</source>\n"                  /* 5 */
	"  <edition id=\"e1\" date=\"2020\" source=\"S1\" "
	"confidence=\"low\">first</edition>\n"                        /* 6 */
	"  <level n=\"1\" source=\"S1\" confidence=\"low\">"
	"<title>one</title></level>\n"                                /* 7 */
	"  <level n=\"2\" source=\"S1\" confidence=\"low\">"
	"<title>two</title>\n"                                        /* 8 */
	"    <qualification sector=\"tvet\" from=\"e1\" source=\"S1\" "
	"confidence=\"low\">Cert</qualification></level>\n"           /* 9 */
	"  <referencing target=\"aqrf\" status=\"none\" "
	"indicative=\"true\" source=\"S1\" confidence=\"low\">\n"     /* 10 */
	"    <map level=\"1\" min=\"1\" max=\"1\"/>\n"                /* 11 */
	"    <map level=\"2\" min=\"2\" max=\"2\"/>\n"                /* 12 */
	"  </referencing>\n"                                          /* 13 */
	"</framework>\n";                                             /* 14 */

static char *data_dir;
static char *db_path;

/* @text with the first @from replaced by @to; caller frees. */
static char *subst(const char *text, const char *from, const char *to)
{
	const char *p = strstr(text, from);
	char *out;
	size_t n;

	ck_assert_msg(p != NULL, "'%s' not in the template", from);
	n = strlen(text) - strlen(from) + strlen(to) + 1;
	out = malloc(n);
	ck_assert_ptr_nonnull(out);
	snprintf(out, n, "%.*s%s%s", (int)(p - text), text, to,
		p + strlen(from));
	return out;
}

static void copy_shipped(const char *name)
{
	setara_buf b = SETARA_BUF_INIT;
	char src[512], dst[512];

	snprintf(src, sizeof(src), "%s/frameworks/%s", test_top(), name);
	snprintf(dst, sizeof(dst), "%s/frameworks/%s", data_dir, name);
	ck_assert_int_eq(setara__read_file(&b, src, 1 << 20), 0);
	test_write(dst, b.ptr);
	setara_buf_dispose(&b);
}

static void write_data(const char *name, const char *text)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/frameworks/%s", data_dir, name);
	test_write(path, text);
}

static void remove_data(const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/frameworks/%s", data_dir, name);
	ck_assert_int_eq(unlink(path), 0);
}

/* A fresh data directory with the AQRF, the PQF and the test framework. */
static void setup(void)
{
	char path[512];

	data_dir = test_tmpdir();
	snprintf(path, sizeof(path), "%s/frameworks", data_dir);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/store.db", data_dir);
	db_path = strdup(path);
	copy_shipped("aqrf.xml");
	copy_shipped("ph-pqf.xml");
	write_data("zz-tqf.xml", base);
}

static void teardown(void)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", data_dir);
	ck_assert_int_eq(system(cmd), 0);
	free(data_dir);
	free(db_path);
}

static setara_store *open_store(void)
{
	setara_store *st = NULL;

	ck_assert_int_eq(test_store_open(&st, db_path, 0), 0);
	return st;
}

/* SHA-256 over every row of the tables loading touches. */
static void digest(setara_store *st, char out[65])
{
	static const char *const tables[] = {
		"source", "audit", "meta", "qf_framework", "qf_source",
		"qf_edition", "qf_level", "qf_entry", "qf_referencing",
		"qf_map", NULL
	};
	setara_buf b = SETARA_BUF_INIT;
	sqlite3_stmt *s;
	char sql[128];
	int i, c;

	for (i = 0; tables[i]; i++) {
		snprintf(sql, sizeof(sql), "SELECT * FROM %s ORDER BY 1, 2",
			tables[i]);
		ck_assert_int_eq(sqlite3_prepare_v2(setara_store__db(st), sql,
			-1, &s, NULL), SQLITE_OK);
		setara_buf_printf(&b, "[%s]", tables[i]);
		while (sqlite3_step(s) == SQLITE_ROW)
			for (c = 0; c < sqlite3_column_count(s); c++)
				setara_buf_printf(&b, "%s|",
					setara_store__col_text(s, c) ?
					setara_store__col_text(s, c) : "~");
		sqlite3_finalize(s);
	}
	ck_assert_int_eq(setara__sha256_hex(out, b.ptr, b.size), 0);
	setara_buf_dispose(&b);
}

static int count(setara_store *st, const char *sql)
{
	return (int)test_sql_int(st, sql);
}

/* Load, expect a failure in @file at @line on @field, store unchanged;
 * the messages name the case @what. */
static void expect_rejected(const char *what, const char *file,
	const char *text, int line, const char *field, const char *words)
{
	setara_store *st = open_store();
	setara_load_stats stats = SETARA_LOAD_STATS_INIT;
	const setara_error *e;
	char before[65], after[65];
	size_t fl;
	int rc;

	ck_assert_int_eq(setara_store_load(st, data_dir, NULL), 0);
	digest(st, before);
	write_data(file, text);
	rc = setara_store_load(st, data_dir, &stats);
	ck_assert_msg(rc == SETARA_EINVALID, "%s: load returned %d, not "
		"SETARA_EINVALID", what, rc);
	e = setara_error_last();
	ck_assert_msg(e->file != NULL, "%s: the error names no file", what);
	fl = strlen(e->file);
	ck_assert_msg(fl >= strlen(file) &&
		strcmp(e->file + fl - strlen(file), file) == 0,
		"%s: error names %s, not %s", what, e->file, file);
	ck_assert_msg(e->line == line, "%s: line %d, expected %d (%s)", what,
		e->line, line, e->message);
	if (field)
		ck_assert_msg(e->field && strcmp(e->field, field) == 0,
			"%s: field %s, expected %s (%s)", what, e->field ?
			e->field : "(none)", field, e->message);
	if (words)
		ck_assert_msg(strstr(e->message, words) != NULL,
			"%s: message '%s' lacks '%s'", what, e->message, words);
	digest(st, after);
	ck_assert_msg(strcmp(before, after) == 0, "%s: the store changed",
		what);
	setara_store_free(st);
	/* A fresh connection sees the same store. */
	st = open_store();
	digest(st, after);
	ck_assert_msg(strcmp(before, after) == 0, "%s: the store changed, "
		"seen afresh", what);
	setara_store_free(st);
}

START_TEST(test_qf_load__valid_files_load)
{
	setara_store *st = open_store();
	setara_load_stats stats = SETARA_LOAD_STATS_INIT;

	ck_assert_int_eq(setara_store_load(st, data_dir, &stats), 0);
	ck_assert_uint_eq(stats.files, 3);
	ck_assert_uint_eq(stats.loaded, 3);
	ck_assert_int_eq(count(st, "SELECT count(*) FROM qf_framework"), 3);
	ck_assert_int_eq(count(st, "SELECT count(*) FROM qf_level"), 18);
	ck_assert_int_eq(count(st,
		"SELECT count(*) FROM qf_map WHERE framework = 'ph-pqf'"), 8);
	ck_assert_int_eq(count(st, "SELECT line FROM qf_map"
		" WHERE framework = 'zz-tqf' AND level = 2"), 12);
	setara_store_free(st);
}
END_TEST

START_TEST(test_qf_load__reload_unchanged_is_noop)
{
	setara_store *st = open_store();
	setara_load_stats stats = SETARA_LOAD_STATS_INIT;
	char before[65], after[65];

	ck_assert_int_eq(setara_store_load(st, data_dir, NULL), 0);
	digest(st, before);
	ck_assert_int_eq(setara_store_load(st, data_dir, &stats), 0);
	ck_assert_uint_eq(stats.unchanged, 3);
	ck_assert_uint_eq(stats.loaded, 0);
	ck_assert_uint_eq(stats.removed, 0);
	digest(st, after);
	ck_assert_str_eq(before, after);
	setara_store_free(st);
}
END_TEST

START_TEST(test_qf_load__changed_file_replaces_rows)
{
	setara_store *st = open_store();
	setara_load_stats stats = SETARA_LOAD_STATS_INIT;
	char *t = subst(base, "<title>two</title>", "<title>TWO</title>");
	char *u = subst(t, "    <map level=\"2\" min=\"2\" max=\"2\"/>\n",
		"    <map level=\"2\" min=\"2\" max=\"3\"/>\n");
	int min, max;

	ck_assert_int_eq(setara_store_load(st, data_dir, NULL), 0);
	write_data("zz-tqf.xml", u);
	ck_assert_int_eq(setara_store_load(st, data_dir, &stats), 0);
	ck_assert_uint_eq(stats.loaded, 1);
	ck_assert_uint_eq(stats.unchanged, 2);
	ck_assert_int_eq(count(st, "SELECT count(*) FROM qf_level"
		" WHERE framework = 'zz-tqf'"), 2);
	ck_assert_int_eq(count(st, "SELECT count(*) FROM qf_level"
		" WHERE framework = 'zz-tqf' AND title = 'TWO'"), 1);
	ck_assert_int_eq(count(st, "SELECT count(*) FROM qf_map"
		" WHERE framework = 'zz-tqf'"), 2);
	ck_assert_int_eq(count(st, "SELECT count(*) FROM source"), 3);
	ck_assert_int_eq(setara_qf__aqrf_range(st, "zz-tqf:2", &min, &max,
		NULL, NULL), 0);
	ck_assert_int_eq(min, 2);
	ck_assert_int_eq(max, 3);
	setara_store_free(st);
	free(t);
	free(u);
}
END_TEST

START_TEST(test_qf_load__removed_file_removes_rows)
{
	setara_store *st = open_store();
	setara_load_stats stats = SETARA_LOAD_STATS_INIT;

	ck_assert_int_eq(setara_store_load(st, data_dir, NULL), 0);
	remove_data("zz-tqf.xml");
	ck_assert_int_eq(setara_store_load(st, data_dir, &stats), 0);
	ck_assert_uint_eq(stats.removed, 1);
	ck_assert_int_eq(count(st, "SELECT count(*) FROM qf_framework"), 2);
	ck_assert_int_eq(count(st, "SELECT count(*) FROM qf_map"
		" WHERE framework = 'zz-tqf'"), 0);
	ck_assert_int_eq(count(st, "SELECT count(*) FROM qf_entry"
		" WHERE framework = 'zz-tqf'"), 0);
	setara_store_free(st);
}
END_TEST

/* Each kind of bad file: the test framework with @from replaced by @to
 * (and then @from2 by @to2, when given), rejected at @line on @field
 * (NULL: any) with @words in the message (NULL: any). */
static const struct bad_file {
	const char *name;
	const char *from, *to, *from2, *to2;
	int line;
	const char *field, *words;
} bad_files[] = {
	{ "broken xml", "<acronym>TQF</acronym>", "<acronym>TQF</acr>",
	  NULL, NULL, 4, NULL, NULL },
	{ "schema invalid", "min=\"2\" max=\"2\"", "min=\"two\" max=\"2\"",
	  NULL, NULL, 12, "map/@min", "'two' is not a valid level number" },
	{ "unknown element", "  <acronym>TQF</acronym>\n",
	  "  <acronym>TQF</acronym><script>x</script>\n",
	  NULL, NULL, 4, "script", "not expected here" },
	{ "map to a missing aqrf level", "min=\"2\" max=\"2\"",
	  "min=\"2\" max=\"9\"",
	  NULL, NULL, 12, "map/@max", "aqrf level 9, which does not exist" },
	{ "map of a missing level", "<map level=\"2\"", "<map level=\"3\"",
	  NULL, NULL, 12, "map/@level", "no level 3" },
	{ "unknown target framework", "target=\"aqrf\"", "target=\"xx\"",
	  NULL, NULL, 10, "referencing/@target",
	  "'xx', which is not loaded" },
	{ "doctype", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
	  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	  "<!DOCTYPE framework [<!ENTITY x \"boom\">]>\n",
	  NULL, NULL, 2, "DOCTYPE", "DOCTYPE" },
	{ "external entity", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
	  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	  "<!DOCTYPE framework [<!ENTITY x SYSTEM "
	  "\"file:///etc/passwd\">]>\n",
	  "<name>Test framework</name>", "<name>&x;</name>",
	  2, "DOCTYPE", NULL },
	{ "billion laughs", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
	  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	  "<!DOCTYPE framework [<!ENTITY a \"lol\">"
	  "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
	  "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n",
	  "<name>Test framework</name>", "<name>&c;</name>",
	  2, "DOCTYPE", NULL },
	{ "undeclared entity", "<name>Test framework</name>",
	  "<name>&x;</name>", NULL, NULL, 3, NULL, NULL },
	/* Loaded after ph-pqf.xml (files load in name order). */
	{ "duplicate id", "id=\"zz-tqf\"", "id=\"ph-pqf\"",
	  "country=\"ZZ\"", "country=\"PH\"",
	  2, "framework/@id", "duplicate framework id 'ph-pqf'" },
	{ "duplicate level", "<level n=\"2\"", "<level n=\"1\"",
	  NULL, NULL, 8, NULL, "uniqueLevel" },
	{ "level count mismatch", "levels=\"2\"", "levels=\"3\"",
	  NULL, NULL, 2, "framework/@levels", "level 3 missing" },
	{ "undefined source", "<level n=\"2\" source=\"S1\"",
	  "<level n=\"2\" source=\"S1 S9\"",
	  NULL, NULL, 8, "source", "'S9'" },
	{ "undefined edition", "from=\"e1\"", "from=\"e2\"",
	  NULL, NULL, 9, "qualification/@from", "'e2'" },
	{ "unflagged unofficial mapping", " indicative=\"true\"", "",
	  NULL, NULL, 10, "referencing/@indicative", "indicative" },
	{ "confident indicative mapping",
	  "<map level=\"1\" min=\"1\" max=\"1\"/>",
	  "<map level=\"1\" min=\"1\" max=\"1\" confidence=\"high\"/>",
	  NULL, NULL, 11, "map/@confidence", "low" },
	{ "country id mismatch", "country=\"ZZ\"", "country=\"MT\"",
	  NULL, NULL, 2, "framework/@id", "'mt-'" },
	{ "min above max", "min=\"2\" max=\"2\"", "min=\"2\" max=\"1\"",
	  NULL, NULL, 12, "map/@min", "above" },
};

/* One row of bad_files a run. */
START_TEST(test_qf_load__rejects_bad_file)
{
	const struct bad_file *c = &bad_files[_i];
	char *t = subst(base, c->from, c->to);
	char *u = c->from2 ? subst(t, c->from2, c->to2) : NULL;

	expect_rejected(c->name, "zz-tqf.xml", u ? u : t, c->line, c->field,
		c->words);
	free(t);
	free(u);
}
END_TEST

START_TEST(test_qf_load__bad_file_among_many_keeps_old_rows)
{
	setara_store *st = open_store();
	char *t = subst(base, "<title>two</title>", "<title>TWO</title>");
	char *u = subst(t, "min=\"2\" max=\"2\"", "min=\"2\" max=\"12\"");

	/* The old good version stays in place after a bad update. */
	ck_assert_int_eq(setara_store_load(st, data_dir, NULL), 0);
	write_data("zz-tqf.xml", u);
	ck_assert_int_eq(setara_store_load(st, data_dir, NULL),
		SETARA_EINVALID);
	ck_assert_int_eq(count(st, "SELECT count(*) FROM qf_level"
		" WHERE framework = 'zz-tqf' AND title = 'two'"), 1);
	ck_assert_int_eq(count(st, "SELECT max(max) FROM qf_map"
		" WHERE framework = 'zz-tqf'"), 2);
	setara_store_free(st);
	free(t);
	free(u);
}
END_TEST

/* Every shipped framework file validates and loads. */
START_TEST(test_qf_load__shipped_files_load)
{
	setara_store *st = NULL;
	setara_load_stats stats = SETARA_LOAD_STATS_INIT;

	ck_assert_int_eq(test_store_open(&st, db_path, 0), 0);
	ck_assert_msg(setara_store_load(st, test_top(), &stats) == 0, "%s:%d:"
		" %s", setara_error_last()->file, setara_error_last()->line,
		setara_error_last()->message);
	ck_assert_int_ge(count(st, "SELECT count(*) FROM qf_framework"), 14);
	setara_store_free(st);
}
END_TEST

static Suite *load_suite(void)
{
	const test_def tests[] = {
		{ "qf_store", test_qf_load__valid_files_load },
		{ "qf_store", test_qf_load__reload_unchanged_is_noop },
		{ "qf_store", test_qf_load__changed_file_replaces_rows },
		{ "qf_store", test_qf_load__removed_file_removes_rows },
		{ "qf_store", test_qf_load__rejects_bad_file },
		{ "qf_store",
		  test_qf_load__bad_file_among_many_keeps_old_rows },
		{ "qf_store", test_qf_load__shipped_files_load },
	};
	const test_case_opts opts[] = {
		{ "*", 60, NULL, NULL, setup, teardown },
	};
	const test_loop loops[] = {
		{ test_qf_load__rejects_bad_file, (int)TEST_COUNT(bad_files) },
	};

	return TEST_SUITE_LOOPS("load", tests, opts, loops);
}

SETARA_CHECK_MAIN(load_suite)
