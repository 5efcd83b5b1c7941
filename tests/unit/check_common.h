/*
 * Shared by the Check unit tests: paths to the checkout, a main() that
 * runs one suite, and small helpers.
 *
 * Each tests/unit/check_<comp>.c defines
 *     Suite *<comp>_suite(void)
 * and ends with SETARA_CHECK_MAIN(<comp>_suite).  CK_RUN_SUITE and
 * CK_RUN_CASE select tests; CK_FORK=no goes with valgrind.
 */
#ifndef SETARA_CHECK_COMMON_H
#define SETARA_CHECK_COMMON_H

#include <sys/stat.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "setara.h"
#include "util/util.h"
#include "store/store_api.h"

/* The checkout's root (tests run from it). */
static inline const char *test_top(void)
{
	const char *t = getenv("SETARA_TOP");
	return t && *t ? t : ".";
}

/* A fresh temporary directory for one test; caller frees. */
static inline char *test_tmpdir(void)
{
	char tmpl[] = "/tmp/setara-test-XXXXXX";
	char *d = mkdtemp(tmpl);

	ck_assert_ptr_nonnull(d);
	return strdup(d);
}

/* @dir/@rel, in one of 16 buffers used in turn (so that a call can take
 * several); for names of fixtures and of files a test writes. */
static inline const char *test_path(const char *dir, const char *rel)
{
	static char buf[16][1024];
	static int i;

	i = (i + 1) % 16;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", dir, rel);
	return buf[i];
}

/* The directory of this run of a suite (test_run_dir()) and the process
 * that made it, the only one that removes it. */
static char *test__run_dir;
static pid_t test__run_owner;

static inline void test__run_dir_remove(void)
{
	char cmd[600];

	if (test__run_dir && getpid() == test__run_owner) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", test__run_dir);
		if (system(cmd) != 0)
			fprintf(stderr, "cannot remove %s\n", test__run_dir);
	}
}

/* A temporary directory shared by the tests of a run, made by the first
 * call (an unchecked fixture, in the parent process, so that the forked
 * tests share it) and removed when that process exits. */
static inline const char *test_run_dir(void)
{
	if (!test__run_dir) {
		test__run_dir = test_tmpdir();
		test__run_owner = getpid();
		atexit(test__run_dir_remove);
	}
	return test__run_dir;
}

/* The demo PKI of certs/mkpki, made in @dir. */
static inline void test_mkpki(const char *dir)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), "sh '%s/certs/mkpki' '%s' >/dev/null",
		test_top(), dir);
	ck_assert_msg(system(cmd) == 0, "certs/mkpki %s failed", dir);
}

/* The issuer @name of the demo PKI in @pki: its key and certificate in
 * issuers/, with its chain when it has one. */
static inline setara_signer *test_pki_signer(const char *pki,
	const char *name)
{
	setara_signer *s = NULL;
	char key[1024], cert[1024], chain[1024];
	struct stat sb;

	snprintf(key, sizeof(key), "%s/issuers/%s.key", pki, name);
	snprintf(cert, sizeof(cert), "%s/issuers/%s.pem", pki, name);
	snprintf(chain, sizeof(chain), "%s/issuers/%s.chain.pem", pki, name);
	ck_assert_msg(setara_cred_signer_load(&s, key, cert,
		stat(chain, &sb) == 0 ? chain : NULL) == 0,
		"signer %s: %s", name, setara_error_last()->message);
	return s;
}

/* Replace the first @from in @b by @to. */
static inline void test_replace(setara_buf *b, const char *from,
	const char *to)
{
	setara_buf out = SETARA_BUF_INIT;
	char *p = strstr(b->ptr, from);

	ck_assert_msg(p != NULL, "'%s' not found", from);
	setara_buf_put(&out, b->ptr, (size_t)(p - b->ptr));
	setara_buf_puts(&out, to);
	setara_buf_puts(&out, p + strlen(from));
	setara_buf_dispose(b);
	*b = out;
}

static inline void test_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* The first column of the first row of @sql on @st, as an integer; -1
 * when there is no row. */
static inline long long test_sql_int(setara_store *st, const char *sql)
{
	sqlite3_stmt *s;
	long long n = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(setara_store__db(st), sql, -1, &s,
		NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* Whether the run puts the register on PostgreSQL (test_store_open()). */
static inline int test_store_is_pg(void)
{
	const char *server = getenv("SETARA_TEST_PG");

	return server != NULL && *server != '\0';
}

/* The postgresql:// URL of the database of @path (see test_store_open()),
 * into @url; the database is made the first time this process asks. */
static inline void test_store_pg_url(const char *path, char *url, size_t n)
{
	static unsigned long long made[64];
	static size_t nmade;
	unsigned long long h = 14695981039346656037ULL;
	const unsigned char *p;
	char name[40], cmd[1024];
	size_t i;

	for (p = (const unsigned char *)path; *p; p++)
		h = (h ^ *p) * 1099511628211ULL; /* FNV-1a */
	snprintf(name, sizeof(name), "unit_%016llx", h);
	for (i = 0; i < nmade && made[i] != h; i++)
		;
	if (i == nmade) {
		ck_assert_uint_lt(nmade, sizeof(made) / sizeof(made[0]));
		snprintf(cmd, sizeof(cmd), "sh '%s/tests/pg.sh' createdb '%s' %s",
			test_top(), getenv("SETARA_TEST_PG"), name);
		ck_assert_msg(system(cmd) == 0, "cannot create database %s "
			"on %s", name, getenv("SETARA_TEST_PG"));
		made[nmade++] = h;
	}
	snprintf(url, n, "postgresql:///%s", name);
}

/*
 * The store of a test at @path, on the backend the run asks for: the
 * sqlite file @path; or, when SETARA_TEST_PG names the directory of a
 * server tests/pg.sh started (tests/pg/run.sh sets it: 'make pg'), the
 * register in a database of its own on that server and the reference data
 * in the sqlite cache @path -- the same test on the other backend.  The
 * database is named after @path (a path under the test's own temporary
 * directory), so that reopening @path reopens the same register; it is
 * made the first time this process opens @path.  A missing server fails
 * the test, it is never skipped.
 */
static inline int test_store_open(setara_store **st, const char *path,
	unsigned int flags)
{
	char url[64];

	if (!test_store_is_pg())
		return setara_store_open(st, path, flags);
	test_store_pg_url(path, url, sizeof(url));
	return setara_store_open_cached(st, url, path, flags);
}

/* The integer @sql reads from the register of the store a test opened at
 * @path with test_store_open(), on either backend, behind the store's
 * back (the sqlite3 or psql command). */
static inline long long test_register_int(const char *path, const char *sql)
{
	char cmd[1400], url[64], line[32] = "";
	FILE *p;

	if (test_store_is_pg()) {
		test_store_pg_url(path, url, sizeof(url));
		snprintf(cmd, sizeof(cmd), "psql -XAtq -d '%s' -c \"%s\"", url,
			sql);
	} else {
		snprintf(cmd, sizeof(cmd), "sqlite3 '%s' \"%s\"", path, sql);
	}
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	ck_assert_msg(fgets(line, sizeof(line), p) != NULL, "no row: %s",
		cmd);
	ck_assert_int_eq(pclose(p), 0);
	return atoll(line);
}

/* Fix the library's clock at @iso (an xs:dateTime); also outside a test. */
static inline void clock_at(const char *iso)
{
	time_t t;

	if (setara__time_parse(&t, iso) < 0)
		abort();
	setara_clock_set((long long)t);
}

/* One test of a suite and the name of its case; the tests of a case stand
 * together, in the order they run. */
typedef struct test_def {
	const char *tcase;
	const TTest *test;
} test_def;

/* What a case needs besides its tests: a timeout in seconds (0: Check's
 * default), fixtures run once per case (unchecked) and around each test
 * (checked), any of them NULL.  @tcase "*" stands for every case. */
typedef struct test_case_opts {
	const char *tcase;
	int timeout;
	SFun once_setup, once_teardown;
	SFun setup, teardown;
} test_case_opts;

/* A test of a table of cases, run once for each row (@rows times), as a
 * Check loop test: its body reads the row _i, and each row passes or
 * fails as a test of its own. */
typedef struct test_loop {
	const TTest *test;
	int rows;
} test_loop;

#define TEST_COUNT(a) (sizeof(a) / sizeof((a)[0]))
/* The suite @name of the array @tests, its cases set up by the array
 * @opts. */
#define TEST_SUITE(name, tests, opts) \
	test_suite((name), (tests), TEST_COUNT(tests), (opts), TEST_COUNT(opts))
/* The same, where the tests the array @loops names run over tables. */
#define TEST_SUITE_LOOPS(name, tests, opts, loops) \
	test_suite_loops((name), (tests), TEST_COUNT(tests), (opts), \
		TEST_COUNT(opts), (loops), TEST_COUNT(loops))

/* Add @test to @tc: once, or once a row when one of the @nloops entries
 * of @loops names it. */
static inline void test_add(TCase *tc, const TTest *test,
	const test_loop *loops, size_t nloops)
{
	size_t k;

	for (k = 0; k < nloops; k++)
		if (loops[k].test == test) {
			tcase_add_loop_test(tc, test, 0, loops[k].rows);
			return;
		}
	tcase_add_test(tc, test);
}

/* The suite @name of the @n tests @t, each case set up as the first of the
 * @nopts entries of @opts that names it (or "*") says; the tests of
 * @loops run once a row. */
static inline Suite *test_suite_loops(const char *name, const test_def *t,
	size_t n, const test_case_opts *opts, size_t nopts,
	const test_loop *loops, size_t nloops)
{
	Suite *s = suite_create(name);
	TCase *tc = NULL;
	const test_case_opts *o;
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(t[i].tcase, t[i - 1].tcase) == 0) {
			test_add(tc, t[i].test, loops, nloops);
			continue;
		}
		tc = tcase_create(t[i].tcase);
		for (k = 0, o = NULL; k < nopts && o == NULL; k++)
			if (strcmp(opts[k].tcase, "*") == 0 ||
			    strcmp(opts[k].tcase, t[i].tcase) == 0)
				o = &opts[k];
		if (o && o->timeout)
			tcase_set_timeout(tc, o->timeout);
		if (o && (o->once_setup || o->once_teardown))
			tcase_add_unchecked_fixture(tc, o->once_setup,
				o->once_teardown);
		if (o && (o->setup || o->teardown))
			tcase_add_checked_fixture(tc, o->setup, o->teardown);
		test_add(tc, t[i].test, loops, nloops);
		suite_add_tcase(s, tc);
	}
	return s;
}

/* test_suite_loops() with no loop test. */
static inline Suite *test_suite(const char *name, const test_def *t,
	size_t n, const test_case_opts *opts, size_t nopts)
{
	return test_suite_loops(name, t, n, opts, nopts, NULL, 0);
}

#define SETARA_CHECK_MAIN(suite_fn) \
	int main(void) \
	{ \
		SRunner *sr; \
		int failed; \
		if (setara_init() < 0) { \
			fprintf(stderr, "setara_init failed: %s\n", \
				setara_error_last()->message); \
			return 2; \
		} \
		sr = srunner_create(suite_fn()); \
		srunner_run_all(sr, CK_NORMAL); \
		failed = srunner_ntests_failed(sr); \
		srunner_free(sr); \
		setara_shutdown(); \
		return failed ? 1 : 0; \
	}

#endif
