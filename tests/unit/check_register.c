/*
 * Unit tests of the register (src/store/register.c, register_pg.c) and
 * the status-list bitstring (src/util/bitstring.c).
 *
 * The register's behaviour is tested on both backends: case "register"
 * on sqlite, always; case "register-pg", the same tests on PostgreSQL,
 * when SETARA_TEST_PG names the directory of a server tests/pg.sh
 * started (tests/pg/run.sh sets it: 'make pg'), each test in a fresh
 * database of its own.  There a missing server fails the test, it is
 * never skipped.
 */
#include <sys/stat.h>

#include <libpq-fe.h>

#include "check_common.h"
#include "store/store_int.h"
#include "util/bitstring.h"

static char *dir;
static setara_store *st;
/* The test's own connection to the PostgreSQL register, or NULL on
 * sqlite: what the tests read behind the register's back. */
static PGconn *pgc;

static void setup(void)
{
	char *db;

	dir = test_tmpdir();
	db = setara__path_join(dir, "t.db");
	ck_assert_int_eq(setara_store_open(&st, db, 0), 0);
	setara__free(db);
}

/* A fresh database on the server of SETARA_TEST_PG, the register in it,
 * the reference data in a sqlite cache in the test's directory. */
static void setup_pg(void)
{
	char *db, url[64];

	ck_assert_msg(test_store_is_pg(), "SETARA_TEST_PG is not set");
	dir = test_tmpdir();
	db = setara__path_join(dir, "cache.db");
	ck_assert_msg(test_store_open(&st, db, 0) == 0, "%s: %s", db,
		setara_error_last()->message);
	test_store_pg_url(db, url, sizeof(url));
	pgc = PQconnectdb(url);
	ck_assert_msg(PQstatus(pgc) == CONNECTION_OK, "%s",
		PQerrorMessage(pgc));
	setara__free(db);
}

static void teardown(void)
{
	char *cmd;

	if (pgc)
		PQfinish(pgc);
	pgc = NULL;
	setara_store_free(st);
	st = NULL;
	cmd = setara__asprintf("rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	setara__free(cmd);
	free(dir);
}

/* The integer @sql reads from the register, on either backend. */
static long long count(const char *sql)
{
	PGresult *r;
	long long n = -1;

	if (pgc == NULL)
		return test_sql_int(st, sql);
	r = PQexec(pgc, sql);
	ck_assert_msg(PQresultStatus(r) == PGRES_TUPLES_OK, "%s: %s", sql,
		PQresultErrorMessage(r));
	if (PQntuples(r) > 0)
		n = atoll(PQgetvalue(r, 0, 0));
	PQclear(r);
	return n;
}

/* Does the register refuse @sql, run behind its back? */
static int refused(const char *sql)
{
	PGresult *r;
	int ok;

	if (pgc == NULL)
		return sqlite3_exec(setara_store__db(st), sql, NULL, NULL,
			NULL) != SQLITE_OK;
	r = PQexec(pgc, sql);
	ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	return !ok;
}

static int reserve_doc(const char *issuer, const char *subject,
	const char *key, const char *path, setara_register__slot *slot,
	int *existing)
{
	setara_register__doc d = { NULL, "transcript", issuer, "Sample",
		"MY", subject, key, path, NULL };

	return setara_register__reserve(st, &d, slot, existing);
}

/* A minimal complete output: the id, then a Signature as last child. */
static void write_doc(const char *path, const char *id)
{
	char *text = setara__asprintf(
		"<transcript xmlns='urn:setara:doc:1'><id>%s</id>"
		"<ds:Signature xmlns:ds='http://www.w3.org/2000/09/xmldsig#'/>"
		"</transcript>", id);

	test_write(path, text);
	setara__free(text);
}

static void issue(const char *issuer, const char *key,
	setara_register__slot *slot)
{
	char *path = setara__asprintf("%s/%s.xml", dir, key);
	int existing = -1;

	ck_assert_int_eq(reserve_doc(issuer, "s1", key, path, slot, &existing), 0);
	ck_assert_int_eq(existing, 0);
	write_doc(path, slot->id);
	ck_assert_int_eq(setara_register__complete(st, slot->id,
		"00000000000000000000000000000000000000000000000000000000000000"
		"00"), 0);
	setara__free(path);
}

START_TEST(test_store_register__indexes_are_sequential_and_unique)
{
	setara_register__slot a, b, c;

	issue("my-um", "r1", &a);
	issue("my-um", "r2", &b);
	issue("ph-upd", "r3", &c);
	ck_assert_uint_eq(a.index, 0);
	ck_assert_uint_eq(b.index, 1);
	ck_assert_str_eq(a.revocation_list, b.revocation_list);
	ck_assert_str_ne(a.revocation_list, a.suspension_list);
	/* Another issuer has lists of its own, starting at 0. */
	ck_assert_str_ne(a.revocation_list, c.revocation_list);
	ck_assert_uint_eq(c.index, 0);
	ck_assert_str_ne(a.id, b.id);
	ck_assert_int_eq(strncmp(a.id, "urn:uuid:", 9), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM issued"
		" WHERE state = 'issued'"), 3);
}
END_TEST

START_TEST(test_store_register__record_key_is_idempotent)
{
	setara_register__slot a, again;
	int existing = 0;

	issue("my-um", "r1", &a);
	ck_assert_int_eq(reserve_doc("my-um", "s1", "r1", "/nowhere", &again, &existing), 0);
	ck_assert_int_eq(existing, 1);
	ck_assert_str_eq(again.id, a.id);
	ck_assert_uint_eq(again.index, a.index);
	ck_assert_int_eq(count("SELECT count(*) FROM issued"), 1);
}
END_TEST

START_TEST(test_store_register__pending_key_is_refused)
{
	setara_register__slot a, b;
	int existing = 0;

	ck_assert_int_eq(reserve_doc("my-um", "s1", "r1", "/x", &a, &existing), 0);
	ck_assert_int_eq(reserve_doc("my-um", "s1", "r1", "/x", &b, &existing), SETARA_EEXISTS);
}
END_TEST

/*
 * A batch's chunk: rows reserved in one transaction (a record issued
 * before, a record twice) and completed in another, where a row that is
 * not pending fails the transaction -- at the completion or at the
 * commit -- and nothing of it stays.
 */
START_TEST(test_store_register__chunk_in_transactions)
{
	static const char zeros[] =
		"0000000000000000000000000000000000000000000000000000000000000000";
	setara_register__slot a, again, b, dup, c;
	char sql[256];
	int existing = 0, error;

	issue("my-um", "r1", &a);
	ck_assert_int_eq(setara_register__begin(st), 0);
	ck_assert_int_eq(reserve_doc("my-um", "s1", "r1", "/x1", &again, &existing), 0);
	ck_assert_int_eq(existing, 1);
	ck_assert_str_eq(again.id, a.id);
	ck_assert_int_eq(reserve_doc("my-um", "s2", "r2", "/x2", &b, &existing), 0);
	ck_assert_int_eq(existing, 0);
	ck_assert_int_eq(reserve_doc("my-um", "s2", "r2", "/x2", &dup, &existing), SETARA_EEXISTS);
	setara_error_clear();
	ck_assert_int_eq(reserve_doc("my-um", "s3", "r3", "/x3", &c, &existing), 0);
	ck_assert_int_eq(setara_register__commit(st), 0);
	/* What was found or refused took no index. */
	ck_assert_uint_eq(a.index, 0);
	ck_assert_uint_eq(b.index, 1);
	ck_assert_uint_eq(c.index, 2);
	ck_assert_int_eq(count("SELECT count(*) FROM issued"
		" WHERE state = 'pending'"), 2);

	ck_assert_int_eq(setara_register__begin(st), 0);
	ck_assert_int_eq(setara_register__complete(st, b.id, zeros), 0);
	if ((error = setara_register__complete(st, "urn:uuid:nothing",
	    zeros)) == 0)
		error = setara_register__commit(st);
	else
		setara_register__rollback(st);
	ck_assert_int_eq(error, SETARA_ESTORE);
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message,
		"urn:uuid:nothing is not pending"));
	setara_error_clear();
	ck_assert_int_eq(count("SELECT count(*) FROM issued"
		" WHERE state = 'pending'"), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM audit"
		" WHERE action = 'issue'"), 1);

	ck_assert_int_eq(setara_register__begin(st), 0);
	ck_assert_int_eq(setara_register__complete(st, c.id, zeros), 0);
	ck_assert_int_eq(setara_register__complete(st, b.id, zeros), 0);
	ck_assert_int_eq(setara_register__commit(st), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM issued"
		" WHERE state = 'issued'"), 3);
	/* The audit entries in the order of the completions. */
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit x JOIN audit y"
		" ON x.id < y.id WHERE x.action = 'issue' AND x.object = '%s'"
		" AND y.action = 'issue' AND y.object = '%s'", c.id, b.id);
	ck_assert_int_eq(count(sql), 1);
}
END_TEST

START_TEST(test_store_register__revoke_suspend_lift)
{
	setara_register__slot a;
	setara_doc_status s;

	issue("my-um", "r1", &a);
	ck_assert_int_eq(setara_register_status(&s, st, a.id), 0);
	ck_assert_int_eq(s, SETARA_DOC_ACTIVE);
	ck_assert_int_eq(setara_register_reinstate(st, a.id, "x"),
		SETARA_EINVALID);
	ck_assert_int_eq(setara_register_suspend(st, a.id, "inquiry"), 0);
	ck_assert_int_eq(setara_register_status(&s, st, a.id), 0);
	ck_assert_int_eq(s, SETARA_DOC_SUSPENDED);
	ck_assert_int_eq(setara_register_reinstate(st, a.id, "cleared"), 0);
	ck_assert_int_eq(setara_register_revoke(st, a.id, "fraud"), 0);
	ck_assert_int_eq(setara_register_status(&s, st, a.id), 0);
	ck_assert_int_eq(s, SETARA_DOC_REVOKED);
	/* Revoked is final; revoking again changes nothing. */
	ck_assert_int_eq(setara_register_suspend(st, a.id, "x"),
		SETARA_EINVALID);
	ck_assert_int_eq(setara_register_revoke(st, a.id, "again"),
		SETARA_EEXISTS);
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message,
		"already revoked on"));
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message,
		"(reason: fraud)"));
	ck_assert_int_eq(count("SELECT count(*) FROM status_change"), 3);
	ck_assert_int_eq(setara_register_revoke(st, "urn:uuid:nope", "x"),
		SETARA_ENOTFOUND);
	ck_assert_int_eq(setara_register_revoke(st, a.id, ""), SETARA_EUSAGE);
	/* Histories are append-only, and a revoked row cannot be revived. */
	ck_assert(refused("DELETE FROM status_change"));
	ck_assert(refused("DELETE FROM audit"));
	ck_assert(refused("UPDATE issued SET status = 'active'"));
	ck_assert_int_eq(count("SELECT count(*) FROM status_change"), 3);
}
END_TEST

/* A document id is issued once, and the register keeps the document's
 * own issue time. */
START_TEST(test_store_register__id_once_and_issue_time)
{
	setara_register__slot a, b;
	setara_register__doc d = { "urn:uuid:0190aaaa-0000-7000-8000-000000000001",
		"decision", "my-um", "Sample", "MY", "s1", NULL, "/tmp/d.xml",
		"2026-11-20T17:30:00+08:00" };
	int existing;

	ck_assert_int_eq(setara_register__reserve(st, &d, &a, &existing), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM issued WHERE issued_at"
		" = '2026-11-20T09:30:00Z'"), 1);
	d.path = "/tmp/d2.xml";
	ck_assert_int_eq(setara_register__reserve(st, &d, &b, &existing),
		SETARA_EEXISTS);
	ck_assert_str_eq(setara_error_last()->field, "id");
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message,
		"already issued as urn:uuid:0190aaaa-0000-7000-8000-000000000001"
		" (/tmp/d.xml"));
	ck_assert_int_eq(count("SELECT count(*) FROM issued"), 1);
	ck_assert_int_eq(count("SELECT next_index FROM status_list"), 1);
}
END_TEST

START_TEST(test_store_register__recover_settles_pending_rows)
{
	setara_register__slot done_slot, lost, next;
	char *p1 = setara__asprintf("%s/complete.xml", dir);
	char *p2 = setara__asprintf("%s/lost.xml", dir);
	char *tmp = setara__asprintf("%s/lost.xml.tmp.abc123", dir);
	unsigned n = 0;
	int existing;

	/* Crash after the rename: the file is complete, the row pending. */
	ck_assert_int_eq(reserve_doc("my-um", "s1", "k1", p1, &done_slot, &existing), 0);
	write_doc(p1, done_slot.id);
	/* Crash before the rename: a temporary file, no output. */
	ck_assert_int_eq(reserve_doc("my-um", "s2", "k2", p2, &lost, &existing), 0);
	test_write(tmp, "<transcript");
	ck_assert_int_eq(setara_register_recover(st, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(count("SELECT count(*) FROM issued"
		" WHERE state = 'pending'"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM issued"
		" WHERE state = 'issued' AND length(digest) = 64"), 1);
	ck_assert(!setara__exists(tmp));
	ck_assert(setara__exists(p1));
	/* The lost row's index is not handed out again. */
	ck_assert_int_eq(reserve_doc("my-um", "s2", "k2", p2, &next, &existing), 0);
	ck_assert_uint_eq(next.index, 2);
	ck_assert_str_ne(next.id, lost.id);
	ck_assert_int_eq(setara_register_recover(st, &n), 0);
	setara__free(p1);
	setara__free(p2);
	setara__free(tmp);
}
END_TEST

START_TEST(test_store_register__list_bits_follow_status)
{
	setara_register__slot a, b, c;
	unsigned char *bits;
	size_t n;
	char *issuer, *purpose;

	issue("my-um", "r1", &a);
	issue("my-um", "r2", &b);
	issue("my-um", "r3", &c);
	ck_assert_int_eq(setara_register_revoke(st, b.id, "x"), 0);
	ck_assert_int_eq(setara_register_suspend(st, c.id, "y"), 0);
	ck_assert_int_eq(setara_register__list_bits(st, a.revocation_list,
		&bits, &n, &issuer, &purpose), 0);
	ck_assert_uint_eq(n, SETARA_STATUS_LIST_MIN_ENTRIES / 8);
	ck_assert_str_eq(issuer, "my-um");
	ck_assert_str_eq(purpose, "revocation");
	ck_assert_int_eq(setara__bit_get(bits, n, a.index), 0);
	ck_assert_int_eq(setara__bit_get(bits, n, b.index), 1);
	ck_assert_int_eq(setara__bit_get(bits, n, c.index), 0);
	ck_assert_uint_eq(bits[0], 0x40);
	setara__free(bits);
	setara__free(issuer);
	setara__free(purpose);
	ck_assert_int_eq(setara_register__list_bits(st, a.suspension_list,
		&bits, &n, &issuer, &purpose), 0);
	ck_assert_str_eq(purpose, "suspension");
	ck_assert_int_eq(setara__bit_get(bits, n, c.index), 1);
	ck_assert_int_eq(setara__bit_get(bits, n, b.index), 0);
	setara__free(bits);
	setara__free(issuer);
	setara__free(purpose);
}
END_TEST

/*
 * A document issued to a relative path, then a crash, then recovery run
 * from another directory: the row keeps its file (the register holds the
 * absolute path), rather than being dropped with the file left behind.
 */
START_TEST(test_store_register__recover_from_another_directory)
{
	setara_register__slot a;
	char here[4096], *abs = setara__asprintf("%s/rel.xml", dir);
	unsigned n = 0;
	int existing;

	ck_assert_ptr_nonnull(getcwd(here, sizeof(here)));
	ck_assert_int_eq(chdir(dir), 0);
	ck_assert_int_eq(reserve_doc("my-um", "s1", "k1", "./rel.xml", &a,
		&existing), 0);
	write_doc("rel.xml", a.id);
	ck_assert_int_eq(chdir("/"), 0);
	ck_assert_int_eq(setara_register_recover(st, &n), 0);
	ck_assert_int_eq(chdir(here), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert(setara__exists(abs));
	ck_assert_int_eq(count("SELECT count(*) FROM issued"
		" WHERE state = 'issued' AND path LIKE '/%/rel.xml'"), 1);
	setara__free(abs);
}
END_TEST

struct seen {
	int n;
	char ids[8][64];
	char what[8][32];
};

static int on_entry(const setara_register_entry *e, void *payload)
{
	struct seen *v = payload;

	ck_assert_int_lt(v->n, 8);
	snprintf(v->ids[v->n], sizeof(v->ids[0]), "%s", e->id);
	snprintf(v->what[v->n], sizeof(v->what[0]), "%s/%d/%lu", e->subject,
		(int)e->status, e->status_index);
	ck_assert_str_eq(e->issuer_name, "Sample");
	ck_assert_int_eq(strlen(e->digest), 64);
	v->n++;
	return 0;
}

static int stop_at_first(const setara_register_entry *e, void *payload)
{
	(void)e;
	(void)payload;
	return 7;
}

START_TEST(test_store_register__list_filters_and_order)
{
	setara_register_query q = SETARA_REGISTER_QUERY_INIT;
	setara_register__slot a, b, c, p;
	struct seen v;
	unsigned long n;
	int existing;

	issue("my-um", "r1", &a);
	issue("my-um", "r2", &b);
	issue("ph-upd", "r3", &c);
	/* A pending row is not listed. */
	ck_assert_int_eq(reserve_doc("my-um", "s9", "r4", "/x", &p,
		&existing), 0);
	ck_assert_int_eq(setara_register_revoke(st, b.id, "x"), 0);
	memset(&v, 0, sizeof(v));
	ck_assert_int_eq(setara_register_list(st, NULL, on_entry, &v, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(v.ids[0], a.id);
	ck_assert_str_eq(v.ids[1], b.id);
	ck_assert_str_eq(v.ids[2], c.id);
	ck_assert_str_eq(v.what[1], "s1/1/1");
	/* By status, by issuer, by id; the latest N, still oldest first. */
	memset(&v, 0, sizeof(v));
	q.status = SETARA_DOC_REVOKED;
	ck_assert_int_eq(setara_register_list(st, &q, on_entry, &v, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(v.ids[0], b.id);
	memset(&v, 0, sizeof(v));
	q.status = -1;
	q.issuer = "my-um";
	ck_assert_int_eq(setara_register_list(st, &q, on_entry, &v, &n), 0);
	ck_assert_uint_eq(n, 2);
	memset(&v, 0, sizeof(v));
	q.issuer = NULL;
	q.limit = 2;
	ck_assert_int_eq(setara_register_list(st, &q, on_entry, &v, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(v.ids[0], b.id);
	ck_assert_str_eq(v.ids[1], c.id);
	memset(&v, 0, sizeof(v));
	q.limit = 0;
	q.id = c.id;
	ck_assert_int_eq(setara_register_list(st, &q, on_entry, &v, &n), 0);
	ck_assert_uint_eq(n, 1);
	/* An id not issued (pending here) is not found. */
	q.id = p.id;
	ck_assert_int_eq(setara_register_list(st, &q, on_entry, &v, &n),
		SETARA_ENOTFOUND);
	ck_assert_uint_eq(n, 0);
	ck_assert_str_eq(setara_error_last()->field, "id");
	/* A subject is a value, never SQL. */
	q.id = NULL;
	q.subject = "s1' OR '1'='1";
	ck_assert_int_eq(setara_register_list(st, &q, on_entry, &v, &n), 0);
	ck_assert_uint_eq(n, 0);
	/* The callback stops the walk. */
	ck_assert_int_eq(setara_register_list(st, NULL, stop_at_first, NULL,
		&n), 7);
	ck_assert_uint_eq(n, 1);
	q.subject = NULL;
	q.status = 9;
	ck_assert_int_eq(setara_register_list(st, &q, on_entry, &v, &n),
		SETARA_EUSAGE);
}
END_TEST

static int on_change(const setara_register_change *ch, void *payload)
{
	setara_buf *b = payload;

	setara_buf_printf(b, "%s:%s;", ch->action, ch->reason);
	ck_assert_int_eq(strlen(ch->at), 20);
	return 0;
}

static int on_audit(const setara_audit_entry *e, void *payload)
{
	setara_buf *b = payload;

	setara_buf_printf(b, "%s:%s;", e->action, e->detail ? e->detail : "");
	return 0;
}

START_TEST(test_store_register__history_and_audit)
{
	setara_register__slot a;
	setara_buf b = SETARA_BUF_INIT;

	issue("my-um", "r1", &a);
	ck_assert_int_eq(setara_register_suspend(st, a.id, "inquiry"), 0);
	ck_assert_int_eq(setara_register_reinstate(st, a.id, "cleared"), 0);
	ck_assert_int_eq(setara_register_revoke(st, a.id, "fraud"), 0);
	ck_assert_int_eq(setara_register_history(st, a.id, on_change, &b), 0);
	ck_assert_str_eq(b.ptr, "suspend:inquiry;reinstate:cleared;"
		"revoke:fraud;");
	ck_assert_int_eq(setara_register_history(st, "urn:uuid:none",
		on_change, &b), SETARA_ENOTFOUND);
	setara_buf_clear(&b);
	ck_assert_int_eq(setara_store_audit_list(st, NULL, 2, on_audit, &b),
		0);
	ck_assert_str_eq(b.ptr, "reinstate:cleared;revoke:fraud;");
	setara_buf_clear(&b);
	ck_assert_int_eq(setara_store_audit_list(st, "issue", 0, on_audit,
		&b), 0);
	ck_assert_str_eq(b.ptr, "issue:00000000000000000000000000000000"
		"00000000000000000000000000000000;");
	setara_buf_clear(&b);
	ck_assert_int_eq(setara_store_audit_list(st, "publish", 0, on_audit,
		&b), 0);
	ck_assert_uint_eq(b.size, 0);
	setara_buf_dispose(&b);
}
END_TEST

static int on_entry_text(const setara_register_entry *e, void *payload)
{
	setara_buf *b = payload;

	setara_buf_printf(b, "%s %s %s %s %s %d %s %s %lu %s;", e->id, e->type,
		e->subject, e->issuer, e->issued_at, (int)e->status, e->path,
		e->digest, e->status_index, e->revocation_list);
	return 0;
}

/* Everything a reader of the register of @s sees: its documents, their
 * history, the bits of their lists, the audit log. */
static void register_text(setara_store *s, setara_buf *b)
{
	setara_register_query q = SETARA_REGISTER_QUERY_INIT;
	setara_buf docs = SETARA_BUF_INIT;
	unsigned char *bits;
	char *issuer, *purpose, *p, *id, *end, *entry;
	size_t n, i;

	ck_assert_int_eq(setara_register_list(s, &q, on_entry_text, &docs, NULL),
		0);
	setara_buf_puts(b, docs.ptr ? docs.ptr : "");
	for (p = docs.ptr; p && (end = strchr(p, ';')); p = end + 1) {
		id = setara__strndup(p, (size_t)(strchr(p, ' ') - p));
		ck_assert_int_eq(setara_register_history(s, id, on_change, b),
			0);
		setara__free(id);
		/* the revocation list: the last word of the entry */
		entry = setara__strndup(p, (size_t)(end - p));
		id = setara__strdup(strrchr(entry, ' ') + 1);
		setara__free(entry);
		ck_assert_int_eq(setara_register__list_bits(s, id, &bits, &n,
			&issuer, &purpose), 0);
		for (i = 0; i < n; i++)
			setara_buf_printf(b, "%02x", bits[i]);
		setara_buf_printf(b, " %s %s;", issuer, purpose);
		setara__free(bits);
		setara__free(issuer);
		setara__free(purpose);
		setara__free(id);
	}
	ck_assert_int_eq(setara_store_audit_list(s, NULL, 0, on_audit, b), 0);
	setara_buf_dispose(&docs);
}

/* The register exported whole into a new sqlite store, on either backend:
 * not while a document is being issued, never over a file. */
START_TEST(test_store_register__export_whole)
{
	setara_register__slot a, b, c;
	setara_buf before = SETARA_BUF_INIT, after = SETARA_BUF_INIT;
	setara_store *out = NULL;
	char *path = setara__path_join(dir, "export.db"), *doc;
	unsigned long rows = 0;
	struct stat sb;
	int existing;

	issue("my-um", "e1", &a);
	issue("ph-tesda", "e2", &b);
	ck_assert_int_eq(setara_register_revoke(st, a.id, "fraud"), 0);
	ck_assert_int_eq(setara_register_suspend(st, b.id, "inquiry"), 0);
	doc = setara__path_join(dir, "e3.xml");
	ck_assert_int_eq(reserve_doc("my-um", "s3", "e3", doc, &c, &existing),
		0);
	ck_assert_int_eq(setara_register_export(st, path, &rows),
		SETARA_EINVALID);
	ck_assert_int_eq(rows, 0);
	ck_assert(!setara__exists(path));
	ck_assert_int_eq(setara_register__abandon(st, c.id), 0);

	ck_assert_int_eq(setara_register_export(st, path, &rows), 0);
	/* 2 lists, 2 documents, 2 changes, 4 audit entries */
	ck_assert_uint_eq(rows, 10);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 0777, 0600);
	ck_assert_int_eq(setara_register_export(st, path, NULL),
		SETARA_EEXISTS);
	ck_assert_int_eq(setara_store_open(&out, path, SETARA_STORE_READONLY),
		0);
	register_text(st, &before);
	register_text(out, &after);
	ck_assert_str_eq(after.ptr, before.ptr);
	setara_store_free(out);
	setara_buf_dispose(&before);
	setara_buf_dispose(&after);
	setara__free(doc);
	setara__free(path);
}
END_TEST

/* The change counters of a document's two lists. */
static void changes(const setara_register__slot *x, long long *rev,
	long long *sus)
{
	sqlite3_int64 n;
	int suspension;

	ck_assert_int_eq(setara_register__list_changes(st, x->revocation_list,
		&n, &suspension), 0);
	ck_assert_int_eq(suspension, 0);
	*rev = n;
	ck_assert_int_eq(setara_register__list_changes(st, x->suspension_list,
		&n, &suspension), 0);
	ck_assert_int_eq(suspension, 1);
	*sus = n;
}

#define CHANGES(x, r, s) do { \
	long long r_, s_; \
	changes((x), &r_, &s_); \
	ck_assert_int_eq(r_, (r)); \
	ck_assert_int_eq(s_, (s)); \
} while (0)

START_TEST(test_store_register__change_counters_follow_the_bits)
{
	setara_register__slot a, b, c;

	issue("my-um", "r1", &a);
	issue("my-um", "r2", &b);
	issue("ph-upd", "r3", &c);
	/* issuing sets no bit */
	CHANGES(&a, 0, 0);
	ck_assert_int_eq(setara_register_suspend(st, a.id, "x"), 0);
	CHANGES(&a, 0, 1);
	ck_assert_int_eq(setara_register_reinstate(st, a.id, "x"), 0);
	CHANGES(&a, 0, 2);
	ck_assert_int_eq(setara_register_revoke(st, b.id, "x"), 0);
	CHANGES(&a, 1, 2);
	/* revoking a suspended document: both bits change */
	ck_assert_int_eq(setara_register_suspend(st, a.id, "x"), 0);
	ck_assert_int_eq(setara_register_revoke(st, a.id, "x"), 0);
	CHANGES(&a, 2, 4);
	/* refused changes count nothing; another issuer's lists, nothing */
	ck_assert_int_lt(setara_register_revoke(st, a.id, "x"), 0);
	setara_error_clear();
	CHANGES(&a, 2, 4);
	CHANGES(&c, 0, 0);
}
END_TEST

/* The most VM steps of a 'register list' statement (sqlite's own count,
 * not a time): what the statement read. */
static int list_steps;

static int on_profile(unsigned type, void *ctx, void *p, void *x)
{
	sqlite3_stmt *s = p;
	const char *sql = sqlite3_sql(s);
	int n;

	(void)ctx;
	(void)x;
	if (type == SQLITE_TRACE_PROFILE && sql &&
	    strncmp(sql, "SELECT * FROM (SELECT i.rowid", 29) == 0) {
		n = sqlite3_stmt_status(s, SQLITE_STMTSTATUS_VM_STEP, 0);
		if (n > list_steps)
			list_steps = n;
	}
	return 0;
}

static int on_any(const setara_register_entry *e, void *payload)
{
	(void)e;
	(*(int *)payload)++;
	return 0;
}

static int steps_of(const setara_register_query *q, int *rows)
{
	*rows = 0;
	list_steps = 0;
	ck_assert_int_eq(setara_register_list(st, q, on_any, rows, NULL), 0);
	return list_steps;
}

/*
 * Every filter of 'register list' reads about the rows it returns, not
 * the register: 2,000 documents, each query limited or selective, each
 * under 1,000 VM steps (80 to 300 when written; a scan of the register
 * takes several per row, thousands).
 * On sqlite only: it counts sqlite's own VM steps and reads sqlite's
 * query plan, which PostgreSQL has no equivalent of to count.
 */
START_TEST(test_store_register__list_reads_what_it_returns)
{
	static const struct {
		const char *type, *subject, *issuer;
		int status;
		unsigned long limit;
		int by_id, rows;
	} cases[] = {
		{ NULL, NULL, NULL, -1, 5, 0, 5 },
		{ "certificate", NULL, NULL, -1, 5, 0, 4 },
		{ NULL, NULL, "ph-upd", -1, 5, 0, 1 },
		{ "certificate", NULL, "my-um", -1, 5, 0, 4 },
		{ NULL, NULL, NULL, SETARA_DOC_REVOKED, 0, 0, 2 },
		{ "transcript", NULL, NULL, SETARA_DOC_SUSPENDED, 0, 0, 1 },
		{ "transcript", "learner-625", NULL, -1, 0, 0, 2 },
		{ NULL, NULL, NULL, -1, 0, 1, 1 },
	};
	setara_register_query q = SETARA_REGISTER_QUERY_INIT;
	setara_register__slot x, keep[4];
	setara_register__doc d = { NULL, NULL, NULL, "Sample", "MY", NULL,
		NULL, "/nowhere", NULL };
	char subject[32];
	int i, rows, existing;

	ck_assert_int_eq(setara_store__begin(st), 0);
	for (i = 0; i < 2000; i++) {
		d.type = i % 500 == 3 ? "certificate" : "transcript";
		d.issuer = i == 1000 ? "ph-upd" : "my-um";
		snprintf(subject, sizeof(subject), "learner-%d", i / 2);
		d.subject = subject;
		ck_assert_int_eq(setara_register__reserve(st, &d, &x,
			&existing), 0);
		ck_assert_int_eq(setara_register__complete(st, x.id, "00"),
			0);
		if (i % 500 == 250)
			keep[i / 500] = x;
	}
	ck_assert_int_eq(setara_store__commit(st), 0);
	ck_assert_int_eq(setara_register_revoke(st, keep[0].id, "x"), 0);
	ck_assert_int_eq(setara_register_revoke(st, keep[1].id, "x"), 0);
	ck_assert_int_eq(setara_register_suspend(st, keep[2].id, "x"), 0);
	sqlite3_trace_v2(setara_store__db(st), SQLITE_TRACE_PROFILE,
		on_profile, NULL);

	for (i = 0; i < (int)(sizeof(cases) / sizeof(cases[0])); i++) {
		q.type = cases[i].type;
		q.subject = cases[i].subject;
		q.issuer = cases[i].issuer;
		q.status = cases[i].status;
		q.limit = cases[i].limit;
		q.id = cases[i].by_id ? keep[3].id : NULL;
		ck_assert_msg(steps_of(&q, &rows) < 1000, "case %d: %d steps",
			i, list_steps);
		ck_assert_int_eq(rows, cases[i].rows);
	}
	/* the bits of a list: its set bits, not its rows */
	{
		unsigned char *bits = NULL;
		size_t nbytes;
		char *issuer = NULL, *purpose = NULL;
		sqlite3_stmt *s;

		ck_assert_int_eq(setara_register__list_bits(st,
			keep[0].revocation_list, &bits, &nbytes, &issuer,
			&purpose), 0);
		ck_assert_int_eq(sqlite3_prepare_v2(setara_store__db(st),
			"EXPLAIN QUERY PLAN SELECT status_index FROM issued"
			" WHERE list = 1 AND status = 'revoked'"
			" AND status <> 'active'", -1, &s, NULL), SQLITE_OK);
		ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
		ck_assert_ptr_nonnull(strstr(setara_store__col_text(s, 3),
			"issued_flagged_bits"));
		sqlite3_finalize(s);
		setara__free(bits);
		setara__free(issuer);
		setara__free(purpose);
	}
	sqlite3_trace_v2(setara_store__db(st), 0, NULL, NULL);
}
END_TEST

START_TEST(test_util_bitstring__round_trip)
{
	size_t nbytes = SETARA_STATUS_LIST_MIN_ENTRIES / 8, n;
	unsigned char *bits = calloc(nbytes, 1), *back;
	char *enc;

	setara__bit_set(bits, 0, 1);
	setara__bit_set(bits, 7, 1);
	setara__bit_set(bits, 131071, 1);
	ck_assert_int_eq(setara__status_encode(&enc, bits, nbytes), 0);
	ck_assert_int_eq(enc[0], 'u');
	ck_assert_ptr_null(strpbrk(enc, "+/="));
	/* Mostly zero: compresses far below the 16 KiB of bits. */
	ck_assert_uint_lt(strlen(enc), 200);
	ck_assert_int_eq(setara__status_decode(&back, &n, enc,
		SETARA_STATUS_LIST_MAX_BYTES), 0);
	ck_assert_uint_eq(n, nbytes);
	ck_assert_int_eq(memcmp(back, bits, nbytes), 0);
	ck_assert_int_eq(setara__bit_get(back, n, 0), 1);
	ck_assert_int_eq(setara__bit_get(back, n, 1), 0);
	ck_assert_int_eq(setara__bit_get(back, n, 7), 1);
	ck_assert_int_eq(setara__bit_get(back, n, 131071), 1);
	ck_assert_int_eq(setara__bit_get(back, n, 131072), -1);
	setara__free(back);
	/* A list larger than the caller accepts is refused, not inflated. */
	ck_assert_int_eq(setara__status_decode(&back, &n, enc, 1000),
		SETARA_EINVALID);
	setara__free(back);
	setara__free(enc);
	free(bits);
}
END_TEST

START_TEST(test_util_bitstring__rejects_malformed)
{
	unsigned char *b;
	size_t n;

	ck_assert_int_eq(setara__status_decode(&b, &n, "H4sI", 100),
		SETARA_EINVALID);
	ck_assert_int_eq(setara__status_decode(&b, &n, "u", 100),
		SETARA_EINVALID);
	ck_assert_int_eq(setara__status_decode(&b, &n, "uH4s+AAA", 100),
		SETARA_EINVALID);
	/* base64url of bytes that are not GZIP. */
	ck_assert_int_eq(setara__status_decode(&b, &n, "uAAAAAAAA", 100),
		SETARA_EINVALID);
	ck_assert_str_eq(setara_error_last()->field, "encodedList");
}
END_TEST

/* The register's behaviour, the same on both backends. */
#define REGISTER_TESTS(tc) \
	{ tc, test_store_register__indexes_are_sequential_and_unique }, \
	{ tc, test_store_register__record_key_is_idempotent }, \
	{ tc, test_store_register__pending_key_is_refused }, \
	{ tc, test_store_register__chunk_in_transactions }, \
	{ tc, test_store_register__revoke_suspend_lift }, \
	{ tc, test_store_register__id_once_and_issue_time }, \
	{ tc, test_store_register__recover_settles_pending_rows }, \
	{ tc, test_store_register__list_bits_follow_status }, \
	{ tc, test_store_register__recover_from_another_directory }, \
	{ tc, test_store_register__list_filters_and_order }, \
	{ tc, test_store_register__history_and_audit }, \
	{ tc, test_store_register__change_counters_follow_the_bits }, \
	{ tc, test_store_register__export_whole }

static Suite *register_suite(void)
{
	/* "register-pg" last: left out unless a server is given. */
	const test_def tests[] = {
		REGISTER_TESTS("register"),
		{ "register", test_store_register__list_reads_what_it_returns },
		{ "bitstring", test_util_bitstring__round_trip },
		{ "bitstring", test_util_bitstring__rejects_malformed },
		REGISTER_TESTS("register-pg"),
	};
	const test_case_opts opts[] = {
		{ "register", 0, NULL, NULL, setup, teardown },
		{ "register-pg", 0, NULL, NULL, setup_pg, teardown },
	};
	const test_def pg[] = { REGISTER_TESTS("register-pg") };
	size_t n = TEST_COUNT(tests);

	if (!test_store_is_pg())
		n -= TEST_COUNT(pg);
	return test_suite("register", tests, n, opts, TEST_COUNT(opts));
}

SETARA_CHECK_MAIN(register_suite)
