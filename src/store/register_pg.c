/*
 * The register on PostgreSQL (see pg.h and docs/register.md), the
 * backend setara_pg__backend (register_backend.h): the same tables and
 * the same operations as the sqlite one (register.c), safe for several
 * processes on several machines issuing, revoking and publishing at once.
 *
 * What differs from sqlite, where one process issues at a time:
 *   - status indexes are taken in blocks (BLOCK) from the list's
 *     next_index in a short transaction of their own, on a second
 *     connection while the main one is inside a transaction; the row lock
 *     is held for that one UPDATE, never across a batch's chunk.  What a
 *     process did not use of its block goes back when it closes, if no
 *     one took indexes after it; a crash leaves a gap, never a reuse.
 *   - each issuing process holds a session advisory lock on a token of
 *     its own (sequence issuing_session), written in its pending rows
 *     with its host name.  Recovery settles only the pending rows of this
 *     host whose token is not locked: the processes that hold one are
 *     alive, and their rows in flight are not debris.
 *   - the record key and the (list, index) pair are unique in the
 *     database: two processes cannot issue one record twice, nor two
 *     documents at one index.
 *   - a transaction that fails with a serialization failure or a
 *     deadlock is run again (RETRIES times) when it is the outermost.
 */
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pg.h"
#include "util/bitstring.h"

#define BLOCK 64
#define RETRIES 8
#define NBLOCKS 16
#define NPREPARED 64
#define NQUEUED 256

struct setara_pg {
	PGconn *conn;
	PGconn *alloc;         /* index blocks while conn is in a transaction */
	char *conninfo;
	char *name;            /* the URL without user, password, options */
	int depth;
	long long owner;       /* issuing token, 0 until taken */
	char host[256];
	char sqlstate[6];      /* of the last error */
	const char *prepared[NPREPARED];
	/* statements sent in pipeline mode, not yet answered (queue()) */
	struct queued {
		const char *what;
		long want;             /* the rows it must change; -1: any */
		char id[46];           /* the document it is about */
	} queued[NQUEUED];
	int nqueued;
	struct block {
		char *issuer;
		long long list;
		long next, end;
		char rev[46], sus[46];
	} blocks[NBLOCKS];
	size_t nblocks;
};

/*
 * The register's schema: the same numbered steps as on sqlite.  Version 1
 * is written here in PostgreSQL's words, with what the store's core gives
 * sqlite (the audit log) and what only a shared register needs (the
 * issuing token and host of a pending row); the later versions are the
 * sqlite steps themselves (register.c), which both databases read alike.
 */
static const setara_store__migration pg_migrations[] = {
	{ 1,
	  "CREATE TABLE audit ("
	  " id BIGSERIAL PRIMARY KEY,"
	  " at TEXT NOT NULL,"
	  " action TEXT NOT NULL,"
	  " object TEXT,"
	  " detail TEXT);"
	  "CREATE FUNCTION setara_append_only() RETURNS trigger"
	  " LANGUAGE plpgsql AS $f$ BEGIN"
	  " RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $f$;"
	  "CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit"
	  " FOR EACH ROW EXECUTE FUNCTION setara_append_only();"
	  "CREATE TABLE status_list ("
	  " id BIGSERIAL PRIMARY KEY,"
	  SETARA_REGISTER__LIST_COLUMNS
	  "CREATE SEQUENCE issuing_session;"
	  "CREATE TABLE issued ("
	  " id TEXT PRIMARY KEY,"
	  " seqno BIGSERIAL NOT NULL UNIQUE,"
	  " type TEXT NOT NULL,"
	  " subject TEXT NOT NULL,"
	  " issuer TEXT NOT NULL,"
	  " list BIGINT NOT NULL REFERENCES status_list(id),"
	  SETARA_REGISTER__ISSUED_COLUMNS
	  " owner BIGINT,"
	  " host TEXT,"
	  " UNIQUE (list, status_index),"
	  " CHECK (state = 'pending' OR digest IS NOT NULL));"
	  "CREATE INDEX issued_state ON issued (state);"
	  "CREATE TABLE status_change ("
	  " id BIGSERIAL PRIMARY KEY,"
	  SETARA_REGISTER__CHANGE_COLUMNS
	  "CREATE TRIGGER status_change_append_only BEFORE UPDATE OR DELETE"
	  " ON status_change FOR EACH ROW EXECUTE FUNCTION setara_append_only();"
	  "CREATE FUNCTION setara_revoked_final() RETURNS trigger"
	  " LANGUAGE plpgsql AS $f$ BEGIN"
	  " IF OLD.status = 'revoked' AND NEW.status <> 'revoked' THEN"
	  " RAISE EXCEPTION 'a revoked document stays revoked'; END IF;"
	  " RETURN NEW; END $f$;"
	  "CREATE TRIGGER issued_revoked_final BEFORE UPDATE OF status ON issued"
	  " FOR EACH ROW EXECUTE FUNCTION setara_revoked_final();" },
	SETARA_STORE_MIGRATIONS_END
};

int setara_pg__is_url(const char *db)
{
	return db && (strncmp(db, "postgresql://", 13) == 0 ||
		strncmp(db, "postgres://", 11) == 0);
}

/*
 * Where a URL's host begins: past "user:password@" when libpq would read
 * one there (it takes credentials up to the first '@' met before any
 * '/', whatever '?' they hold).
 */
static const char *url_host(const char *db)
{
	const char *p = strstr(db, "://") + 3;
	size_t n = strcspn(p, "@/");

	return p[n] == '@' ? p + n + 1 : p;
}

char *setara_pg__redact(const char *db)
{
	const char *host = url_host(db);

	return setara__asprintf("postgresql://%.*s",
		(int)strcspn(host, "?"), host);
}

/*
 * Refuse, before libpq reads it, a URL whose password would be shown:
 * an '@' left after the credentials (a password holding '@' or '/' not
 * percent-encoded, which libpq would take for part of the host and print
 * in its message), or a URL libpq cannot parse (its message repeats the
 * bad part, password and all).  The message shows none of the URL.
 */
static int url_check(const char *db)
{
	const char *host = url_host(db);
	PQconninfoOption *o;
	char *err = NULL;

	if (memchr(host, '@', strcspn(host, "?")) == NULL &&
	    (o = PQconninfoParse(db, &err)) != NULL) {
		PQconninfoFree(o);
		return 0;
	}
	if (err)
		PQfreemem(err);
	return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
		"postgresql://...", 0, "--db", "not a connection URL libpq "
		"reads (not repeated: it may hold a password); percent-encode "
		"'@', '/' and '%%' in a user name or password");
}

/* ---- errors and statements ------------------------------------------- */

/* The server's (or libpq's) message, one line, as SETARA_ESTORE. */
static int pg_error(setara_store *st, PGconn *conn, const PGresult *r,
	const char *what)
{
	const char *msg = r ? PQresultErrorMessage(r) : NULL;
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	int n;

	if (msg == NULL || *msg == '\0')
		msg = PQerrorMessage(conn);
	snprintf(st->pg->sqlstate, sizeof(st->pg->sqlstate), "%s",
		state ? state : "");
	n = (int)strcspn(msg, "\n");
	return setara_error__set(SETARA_ESTORE, SETARA_ERROR_STORE,
		st->pg->name, 0, NULL, "%s: %.*s", what, n, msg);
}

/* A number the server printed (a count, an index, a flag). */
static long long num(const char *v)
{
	return strtoll(v, NULL, 10);
}

/* A failure worth running the transaction again for. */
static int retryable(setara_store *st)
{
	return strcmp(st->pg->sqlstate, "40001") == 0 ||
		strcmp(st->pg->sqlstate, "40P01") == 0;
}

static int finish_queued(setara_store *st, int quiet);

/*
 * @sql prepared on the main connection once per connection (@sql's
 * address is its identity, as in the sqlite statement cache), as *name;
 * an empty *name when the cache is full (run it unnamed).  Statements
 * still queued are answered first: nothing is prepared in pipeline mode.
 */
static int prepare(setara_store *st, const char *sql, int n, char name[16],
	const char *what)
{
	struct setara_pg *pg = st->pg;
	PGresult *r;
	size_t i;
	int error;

	for (i = 0; i < NPREPARED && pg->prepared[i] && pg->prepared[i] != sql;
	    i++)
		;
	snprintf(name, 16, "s%zu", i);
	if (i == NPREPARED)
		name[0] = '\0';
	if (i == NPREPARED || pg->prepared[i] != NULL)
		return 0;
	if ((error = finish_queued(st, 0)) < 0)
		return error;
	r = PQprepare(pg->conn, name, sql, n, NULL);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		error = pg_error(st, pg->conn, r, what);
		PQclear(r);
		return error;
	}
	PQclear(r);
	pg->prepared[i] = sql;
	return 0;
}

/*
 * Run @sql with the text parameters @v on the main connection, prepared
 * (prepare()).  Returns the result, or NULL with the error set.
 */
static PGresult *run(setara_store *st, const char *sql, int n,
	const char *const *v, const char *what)
{
	struct setara_pg *pg = st->pg;
	char name[16];
	PGresult *r;
	ExecStatusType t;

	if (prepare(st, sql, n, name, what) < 0 ||
	    finish_queued(st, 0) < 0)
		return NULL;
	if (name[0])
		r = PQexecPrepared(pg->conn, name, n, v, NULL, NULL, 0);
	else
		r = PQexecParams(pg->conn, sql, n, NULL, v, NULL, NULL, 0);
	t = PQresultStatus(r);
	if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK) {
		pg_error(st, pg->conn, r, what);
		PQclear(r);
		return NULL;
	}
	return r;
}

/* Run @sql for its effect only; *rows gets the rows it changed. */
static int run_cmd(setara_store *st, const char *sql, int n,
	const char *const *v, const char *what, long *rows)
{
	PGresult *r = run(st, sql, n, v, what);

	if (r == NULL)
		return SETARA_ESTORE;
	if (rows)
		*rows = (long)num(PQcmdTuples(r));
	PQclear(r);
	return 0;
}

/*
 * Send @sql with the parameters @v for its effect only, and go on without
 * its answer: inside a transaction, what nothing needs at once (a batch's
 * completions) goes out in pipeline mode, one round trip for all of it.
 * The answers are read before the next statement that waits for its own
 * (finish_queued()), at the latest the transaction's COMMIT: a statement
 * that failed, or did not change @want rows (-1: any; the error then says
 * @id is not pending), fails that one.
 */
static int queue(setara_store *st, const char *sql, int n,
	const char *const *v, const char *what, long want, const char *id)
{
	struct setara_pg *pg = st->pg;
	struct queued *q;
	char name[16];
	int error, sent;

	if ((pg->nqueued == NQUEUED && (error = finish_queued(st, 0)) < 0) ||
	    (error = prepare(st, sql, n, name, what)) < 0)
		return error;
	if (pg->nqueued == 0 && PQenterPipelineMode(pg->conn) != 1)
		return pg_error(st, pg->conn, NULL, what);
	q = &pg->queued[pg->nqueued++];
	q->what = what;
	q->want = want;
	snprintf(q->id, sizeof(q->id), "%s", id ? id : "");
	if (name[0])
		sent = PQsendQueryPrepared(pg->conn, name, n, v, NULL, NULL, 0);
	else
		sent = PQsendQueryParams(pg->conn, sql, n, NULL, v, NULL, NULL,
			0);
	if (sent != 1) {
		pg->nqueued--;
		error = pg_error(st, pg->conn, NULL, what);
		finish_queued(st, 1);
		return error;
	}
	return 0;
}

/*
 * Read the answers of the statements queue() sent and leave pipeline
 * mode.  The first failure is the error, unless @quiet (on the way to a
 * rollback, which keeps the error that caused it).
 */
static int finish_queued(setara_store *st, int quiet)
{
	struct setara_pg *pg = st->pg;
	PGresult *r;
	ExecStatusType t;
	int i, n = pg->nqueued, error = 0;

	if (PQpipelineStatus(pg->conn) == PQ_PIPELINE_OFF)
		return 0;
	/*
	 * Without the sync point no answer can be read: they stay queued
	 * (counted), a later call reads them, and every statement sent
	 * before that fails (libpq refuses them in pipeline mode).
	 */
	if (PQpipelineSync(pg->conn) != 1)
		return quiet ? 0 : pg_error(st, pg->conn, NULL, "register");
	pg->nqueued = 0;
	/* Each statement's result, then NULL; an aborted pipeline answers
	 * the statements after a failure with PGRES_PIPELINE_ABORTED. */
	for (i = 0; i < n; i++)
		while ((r = PQgetResult(pg->conn)) != NULL) {
			t = PQresultStatus(r);
			if (quiet || error || t == PGRES_PIPELINE_ABORTED)
				;
			else if (t != PGRES_COMMAND_OK)
				error = pg_error(st, pg->conn, r,
					pg->queued[i].what);
			else if (pg->queued[i].want >= 0 &&
			    num(PQcmdTuples(r)) != pg->queued[i].want)
				error = setara_error__set(SETARA_ESTORE,
					SETARA_ERROR_STORE, pg->name, 0, NULL,
					"%s is not pending", pg->queued[i].id);
			PQclear(r);
		}
	/* The synchronisation point. */
	while ((r = PQgetResult(pg->conn)) != NULL) {
		t = PQresultStatus(r);
		PQclear(r);
		if (t == PGRES_PIPELINE_SYNC)
			break;
	}
	if (PQexitPipelineMode(pg->conn) != 1 && !quiet && error == 0)
		error = pg_error(st, pg->conn, NULL, "register");
	return error;
}

static int exec_plain(setara_store *st, PGconn *conn, const char *sql,
	const char *what)
{
	PGresult *r;
	int error = 0;

	if (conn == st->pg->conn && (error = finish_queued(st, 0)) < 0)
		return error;
	r = PQexec(conn, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK &&
	    PQresultStatus(r) != PGRES_TUPLES_OK)
		error = pg_error(st, conn, r, what);
	else if (strcmp(sql, "COMMIT") == 0 &&
	    strcmp(PQcmdStatus(r), "COMMIT") != 0)
		/* The server ends a transaction a statement failed in
		 * with ROLLBACK, and answers COMMIT without an error. */
		error = setara_error__set(SETARA_ESTORE, SETARA_ERROR_STORE,
			st->pg->name, 0, NULL, "%s: the server rolled the "
			"transaction back (a statement in it failed)", what);
	PQclear(r);
	return error;
}

static const char *val(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

/* ---- transactions ----------------------------------------------------- */

static int pg_rollback(setara_store *st);

static int pg_begin(setara_store *st)
{
	char sql[32];
	int error;

	if (st->pg->depth == 0)
		error = exec_plain(st, st->pg->conn, "BEGIN", "begin");
	else {
		snprintf(sql, sizeof(sql), "SAVEPOINT s%d", st->pg->depth);
		error = exec_plain(st, st->pg->conn, sql, "savepoint");
	}
	if (error == 0)
		st->pg->depth++;
	return error;
}

static int pg_commit(setara_store *st)
{
	char sql[40];
	int error;

	if (st->pg->depth <= 0)
		return setara_error__set(SETARA_ERROR, SETARA_ERROR_INTERNAL,
			NULL, 0, NULL, "commit without a transaction");
	if (st->pg->depth == 1)
		error = exec_plain(st, st->pg->conn, "COMMIT", "commit");
	else {
		snprintf(sql, sizeof(sql), "RELEASE SAVEPOINT s%d",
			st->pg->depth - 1);
		error = exec_plain(st, st->pg->conn, sql, "commit");
	}
	if (error < 0)
		pg_rollback(st);
	else
		st->pg->depth--;
	return error;
}

static int pg_rollback(setara_store *st)
{
	char sql[80];
	PGresult *r;

	if (st->pg->depth <= 0)
		return 0;
	st->pg->depth--;
	if (st->pg->depth == 0)
		snprintf(sql, sizeof(sql), "ROLLBACK");
	else
		snprintf(sql, sizeof(sql), "ROLLBACK TO SAVEPOINT s%d;"
			" RELEASE SAVEPOINT s%d", st->pg->depth, st->pg->depth);
	/* Keep the error that made us roll back. */
	finish_queued(st, 1);
	r = PQexec(st->pg->conn, sql);
	PQclear(r);
	return 0;
}

/*
 * Run @fn in a transaction of its own (a savepoint inside the caller's),
 * again when the server gave up on it for a serialization failure or a
 * deadlock and it is the outermost.
 */
static int in_tx(setara_store *st, int (*fn)(setara_store *st, void *arg),
	void *arg)
{
	int error, attempt, outer = st->pg->depth == 0;

	/*
	 * Inside the caller's transaction (a batch's chunk), a failure
	 * fails the caller's whole transaction: no savepoint is needed,
	 * and none is paid for (two round trips a document).  Reserving
	 * meets a row committed meanwhile without failing (reserve_fn():
	 * ON CONFLICT DO NOTHING), and takes a savepoint only then; any
	 * other error of its statement fails the caller's transaction.
	 */
	if (!outer)
		return fn(st, arg);
	for (attempt = 0;; attempt++) {
		st->pg->sqlstate[0] = '\0';
		if ((error = pg_begin(st)) < 0)
			return error;
		if ((error = fn(st, arg)) == 0)
			error = pg_commit(st);
		else
			pg_rollback(st);
		if (error == 0 || !outer || !retryable(st) ||
		    attempt + 1 >= RETRIES)
			return error;
		setara_error_clear();
		usleep((useconds_t)(1000 << (attempt < 6 ? attempt : 6)));
	}
}

/* ---- opening ---------------------------------------------------------- */

static int migrate_fn(setara_store *st, void *arg)
{
	static const char ver_sql[] =
		"SELECT version FROM component_version WHERE component = $1";
	static const char set_sql[] =
		"INSERT INTO component_version (component, version)"
		" VALUES ($1, $2) ON CONFLICT (component)"
		" DO UPDATE SET version = excluded.version";
	const setara_store__migration *m, *all;
	const char *v[2];
	char ver[16];
	PGresult *r;
	int have = 0, latest = 0, error;

	(void)arg;
	/*
	 * One node migrates at a time; the others wait, then see it done.
	 * The version table is made only when missing: a role that may
	 * not create tables (the issuer's, docs/register-roles.sql) opens
	 * a register that is up to date.
	 */
	if ((error = exec_plain(st, st->pg->conn,
	    "SELECT pg_advisory_xact_lock(7365746172)", "schema")) < 0 ||
	    (error = exec_plain(st, st->pg->conn,
	    "DO $d$ BEGIN IF to_regclass('component_version') IS NULL THEN"
	    " CREATE TABLE component_version (component TEXT PRIMARY KEY,"
	    " version INTEGER NOT NULL); END IF; END $d$", "schema")) < 0)
		return error;
	v[0] = "register";
	if ((r = run(st, ver_sql, 1, v, "schema version")) == NULL)
		return SETARA_ESTORE;
	if (PQntuples(r) == 1)
		have = (int)num(PQgetvalue(r, 0, 0));
	PQclear(r);
	all = setara_register__component.migrations;
	for (m = all; m->sql; m++)
		latest = m->version;
	if (have > latest)
		return setara_error__set(SETARA_ESTORE, SETARA_ERROR_STORE,
			st->pg->name, 0, NULL, "register was written by a newer "
			"setara (schema %d, this one knows %d)", have, latest);
	for (m = all; m->sql; m++) {
		if (m->version <= have)
			continue;
		if ((error = exec_plain(st, st->pg->conn, m->version == 1 ?
		    pg_migrations[0].sql : m->sql, "schema")) < 0)
			return error;
		snprintf(ver, sizeof(ver), "%d", m->version);
		v[1] = ver;
		if ((error = run_cmd(st, set_sql, 2, v, "schema version",
		    NULL)) < 0)
			return error;
	}
	return 0;
}

static PGconn *connect_to(setara_store *st, const char *conninfo)
{
	PGconn *c = PQconnectdb(conninfo);

	if (c == NULL) {
		setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY, NULL,
			0, NULL, "out of memory");
		return NULL;
	}
	if (PQstatus(c) != CONNECTION_OK) {
		pg_error(st, c, NULL, "cannot connect to the register");
		PQfinish(c);
		return NULL;
	}
	return c;
}

int setara_pg__open(setara_store *st, const char *conninfo, int readonly)
{
	int error;

	if ((st->pg = setara__calloc(1, sizeof(*st->pg))) == NULL ||
	    (st->pg->conninfo = setara__strdup(conninfo)) == NULL ||
	    (st->pg->name = setara__strdup("postgresql")) == NULL)
		return SETARA_ENOMEM;
	if (setara_pg__is_url(conninfo)) {
		setara__free(st->pg->name);
		if ((st->pg->name = setara_pg__redact(conninfo)) == NULL)
			return SETARA_ENOMEM;
		if ((error = url_check(conninfo)) < 0)
			return error;
	}
	if (gethostname(st->pg->host, sizeof(st->pg->host) - 1) < 0)
		snprintf(st->pg->host, sizeof(st->pg->host), "localhost");
	if ((st->pg->conn = connect_to(st, conninfo)) == NULL)
		return setara_error_last()->code;
	if ((error = exec_plain(st, st->pg->conn,
	    "SET client_min_messages = warning", "connect")) < 0)
		return error;
	if (readonly)
		return 0;
	return in_tx(st, migrate_fn, NULL);
}

/* Give back the unused tail of each index block, if nobody took after. */
static void return_blocks(setara_store *st)
{
	static const char sql[] =
		"UPDATE status_list SET next_index = $1"
		" WHERE id = $2 AND next_index = $3";
	struct setara_pg *pg = st->pg;
	char a[24], b[24], c[24];
	const char *v[3] = { a, b, c };
	PGresult *r;
	size_t i;

	for (i = 0; i < pg->nblocks; i++) {
		struct block *k = &pg->blocks[i];

		if (k->next < k->end && pg->depth == 0) {
			snprintf(a, sizeof(a), "%ld", k->next);
			snprintf(b, sizeof(b), "%lld", k->list);
			snprintf(c, sizeof(c), "%ld", k->end);
			r = PQexecParams(pg->conn, sql, 3, NULL, v, NULL,
				NULL, 0);
			PQclear(r);
		}
		setara__free(k->issuer);
	}
	pg->nblocks = 0;
}

static void pg_close(setara_store *st)
{
	struct setara_pg *pg = st->pg;

	if (pg == NULL)
		return;
	if (pg->conn && PQstatus(pg->conn) == CONNECTION_OK) {
		while (pg->depth > 0)
			pg_rollback(st);
		return_blocks(st);
	} else {
		size_t i;

		for (i = 0; i < pg->nblocks; i++)
			setara__free(pg->blocks[i].issuer);
	}
	if (pg->conn)
		PQfinish(pg->conn);
	if (pg->alloc)
		PQfinish(pg->alloc);
	setara__free(pg->conninfo);
	setara__free(pg->name);
	setara__free(pg);
	st->pg = NULL;
}

static const char *pg_name(const setara_store *st)
{
	return st->pg->name;
}

static int pg_lock_issuing(setara_store *st, int wait)
{
	static const char sql[] =
		"SELECT t, pg_advisory_lock(t) FROM"
		" (SELECT nextval('issuing_session') AS t) s";
	PGresult *r;

	(void)wait;
	if (st->pg->owner)
		return 0;
	if ((r = run(st, sql, 0, NULL, "issuing token")) == NULL)
		return SETARA_ESTORE;
	st->pg->owner = num(PQgetvalue(r, 0, 0));
	PQclear(r);
	return 0;
}

/* ---- audit ------------------------------------------------------------ */

static int pg_audit(setara_store *st, const char *action,
	const char *object, const char *detail)
{
	char now[21];
	const char *v[4] = { now, action, object, detail };

	setara_store__now(now);
	return run_cmd(st, setara_store__audit_sql, 4, v, "audit", NULL);
}

static int pg_audit_list(setara_store *st, const char *action,
	unsigned long last,
	int (*cb)(const setara_audit_entry *e, void *payload), void *payload)
{
	static const char sql[] =
		"SELECT * FROM (SELECT id, at, action, object, detail FROM audit"
		" WHERE $1::text IS NULL OR action = $1"
		" ORDER BY id DESC LIMIT $2::bigint) a ORDER BY id";
	setara_audit_entry e;
	char lim[24];
	const char *v[2] = { action, last ? lim : NULL };
	PGresult *r;
	int i, error = 0;

	snprintf(lim, sizeof(lim), "%lu", last);
	if ((r = run(st, sql, 2, v, "audit")) == NULL)
		return SETARA_ESTORE;
	for (i = 0; i < PQntuples(r) && error == 0; i++) {
		e.seq = num(PQgetvalue(r, i, 0));
		e.at = val(r, i, 1);
		e.action = val(r, i, 2);
		e.object = val(r, i, 3);
		e.detail = val(r, i, 4);
		error = cb(&e, payload);
	}
	PQclear(r);
	return error;
}

/* ---- issuing ---------------------------------------------------------- */

/*
 * A block of BLOCK indexes of the issuer's current list (a new list when
 * it is full), taken in a transaction of its own on @conn.  The row is
 * locked FOR NO KEY UPDATE, which does not wait for the key-share locks
 * of the foreign keys of the main connection's uncommitted rows: the
 * second connection never waits for the first.
 */
static int take_block(setara_store *st, PGconn *conn,
	const setara_register__doc *d, struct block *k, int count)
{
	static const char take_sql[] =
		"WITH c AS (SELECT id, next_index FROM status_list"
		" WHERE issuer = $1 AND next_index < size"
		" ORDER BY seq DESC LIMIT 1 FOR NO KEY UPDATE)"
		" UPDATE status_list s SET next_index ="
		" least(s.size, c.next_index + $2::int) FROM c WHERE s.id = c.id"
		" RETURNING s.id, c.next_index, s.next_index, s.revocation_id,"
		" s.suspension_id";
	static const char new_sql[] =
		"INSERT INTO status_list (issuer, seq, revocation_id,"
		" suspension_id, size, next_index, created_at, issuer_name,"
		" issuer_country) VALUES ($1, (SELECT coalesce(max(seq), 0) + 1"
		" FROM status_list WHERE issuer = $1), $3, $4, $5::int,"
		" least($5::int, $2::int), $6, $7, $8)"
		" ON CONFLICT DO NOTHING"
		" RETURNING id, 0, next_index, revocation_id, suspension_id";
	char rev[46], sus[46], now[21], blk[16], size[16];
	const char *v[8] = { d->issuer, blk, rev, sus, size, now,
		d->issuer_name, d->issuer_country };
	PGresult *r;
	int attempt, error;

	snprintf(blk, sizeof(blk), "%d", count);
	snprintf(size, sizeof(size), "%u", SETARA_STATUS_LIST_MIN_ENTRIES);
	for (attempt = 0; attempt < 100; attempt++) {
		r = PQexecParams(conn, take_sql, 2, NULL, v, NULL, NULL, 0);
		if (PQresultStatus(r) == PGRES_TUPLES_OK &&
		    PQntuples(r) == 0) {
			PQclear(r);
			if ((error = setara__uuid_urn(rev)) < 0 ||
			    (error = setara__uuid_urn(sus)) < 0)
				return error;
			setara_store__now(now);
			r = PQexecParams(conn, new_sql, 8, NULL, v, NULL,
				NULL, 0);
		}
		if (PQresultStatus(r) != PGRES_TUPLES_OK) {
			error = pg_error(st, conn, r, "status index");
			PQclear(r);
			if (!retryable(st))
				return error;
			setara_error_clear();
			continue;
		}
		if (PQntuples(r) == 1)
			break;
		/* Another process made that list first: take from it. */
		PQclear(r);
	}
	if (attempt == 100)
		return setara_error__set(SETARA_ESTORE, SETARA_ERROR_STORE,
			st->pg->name, 0, NULL, "status index: no list after "
			"100 attempts");
	k->list = num(PQgetvalue(r, 0, 0));
	k->next = (long)num(PQgetvalue(r, 0, 1));
	k->end = (long)num(PQgetvalue(r, 0, 2));
	snprintf(k->rev, sizeof(k->rev), "%s", PQgetvalue(r, 0, 3));
	snprintf(k->sus, sizeof(k->sus), "%s", PQgetvalue(r, 0, 4));
	PQclear(r);
	return 0;
}

/* The block of indexes this process holds for @issuer, or NULL. */
static struct block *held_block(struct setara_pg *pg, const char *issuer)
{
	size_t i;

	for (i = 0; i < pg->nblocks; i++)
		if (strcmp(pg->blocks[i].issuer, issuer) == 0)
			return &pg->blocks[i];
	return NULL;
}

/*
 * Give back @index of @list, the last one taken from @issuer's block,
 * for a row that did not go in.
 */
static void give_back(struct setara_pg *pg, const char *issuer,
	long long list, unsigned long index)
{
	struct block *k = held_block(pg, issuer);

	if (k && k->list == list && k->next == (long)index + 1)
		k->next--;
}

/*
 * The next index for @d's issuer: @list and out->index, out's lists.
 * Issuing one document (@outer) takes one index in its own transaction,
 * as sqlite does; a batch's chunk takes blocks, committed at once on the
 * second connection.
 */
static int next_index(setara_store *st, const setara_register__doc *d,
	long long *list, setara_register__slot *out, int outer)
{
	struct setara_pg *pg = st->pg;
	struct block *k, one;
	int error;

	if (outer) {
		memset(&one, 0, sizeof(one));
		if ((error = take_block(st, pg->conn, d, &one, 1)) < 0)
			return error;
		*list = one.list;
		out->index = (unsigned long)one.next;
		memcpy(out->revocation_list, one.rev, sizeof(one.rev));
		memcpy(out->suspension_list, one.sus, sizeof(one.sus));
		return 0;
	}
	if ((k = held_block(pg, d->issuer)) == NULL) {
		if (pg->nblocks == NBLOCKS) {
			/* Forget the oldest (its tail is a gap). */
			setara__free(pg->blocks[0].issuer);
			memmove(pg->blocks, pg->blocks + 1,
				(NBLOCKS - 1) * sizeof(pg->blocks[0]));
			pg->nblocks--;
		}
		k = &pg->blocks[pg->nblocks];
		memset(k, 0, sizeof(*k));
		if ((k->issuer = setara__strdup(d->issuer)) == NULL)
			return SETARA_ENOMEM;
		pg->nblocks++;
	}
	if (k->next >= k->end) {
		if (pg->alloc == NULL &&
		    (pg->alloc = connect_to(st, pg->conninfo)) == NULL)
			return setara_error_last()->code;
		if ((error = take_block(st, pg->alloc, d, k, BLOCK)) < 0)
			return error;
	}
	*list = k->list;
	out->index = (unsigned long)k->next++;
	memcpy(out->revocation_list, k->rev, sizeof(k->rev));
	memcpy(out->suspension_list, k->sus, sizeof(k->sus));
	return 0;
}

struct reserve_arg {
	const setara_register__doc *d;
	const char *path;
	setara_register__slot *out;
	int *existing;
	long long list;
	int have_index;
	int outer;        /* not inside the caller's transaction */
};

/*
 * The record already in the register under the document's record key,
 * from columns 2-6 of the reserving statement's row @r: 0 when there is
 * none; 1 when it was issued (its slot in a->out); SETARA_EEXISTS when it
 * is still pending.
 */
static int by_key(const PGresult *r, struct reserve_arg *a)
{
	setara_register__slot *out = a->out;
	int issued;

	if (PQgetisnull(r, 0, 2))
		return 0;
	issued = strcmp(PQgetvalue(r, 0, 3), "issued") == 0;
	snprintf(out->id, sizeof(out->id), "%s", PQgetvalue(r, 0, 2));
	out->index = strtoul(PQgetvalue(r, 0, 4), NULL, 10);
	snprintf(out->revocation_list, sizeof(out->revocation_list), "%s",
		PQgetvalue(r, 0, 5));
	snprintf(out->suspension_list, sizeof(out->suspension_list), "%s",
		PQgetvalue(r, 0, 6));
	if (issued)
		return 1;
	return setara_error__set(SETARA_EEXISTS, SETARA_ERROR_STORE, NULL, 0,
		"record", "record %s is being issued as %s (pending); run "
		"'setara init' to recover", a->d->record_key, out->id);
}

/* The document's @id held already, from columns 0-1 (path and state) of
 * the reserving statement's row @r: a clear data error. */
static int id_taken(const PGresult *r, const char *id)
{
	if (PQgetisnull(r, 0, 0))
		return 0;
	return setara_error__set(SETARA_EEXISTS, SETARA_ERROR_DATA, NULL, 0,
		"id", "already issued as %s (%s%s): a document is issued "
		"once; revoke it and issue a new one to replace it", id,
		PQgetvalue(r, 0, 0), strcmp(PQgetvalue(r, 0, 1),
		"pending") == 0 ? ", pending: run 'setara init' to recover" :
		"");
}

/*
 * Reserving is one statement, one round trip: it looks up the document's
 * id ($12, NULL for none) and its record key ($7) and inserts the pending
 * row only when neither is there and an index is given ($6), answering
 * with one row: the id's path and state, the key's slot, and whether the
 * row went in.  A row another transaction committed with that id or key
 * after the statement began, which the lookups do not see, stops the
 * insert without an error (ON CONFLICT DO NOTHING), so that the caller's
 * transaction goes on: no savepoint is needed.
 */
static int reserve_fn(setara_store *st, void *arg)
{
	static const char sql[] =
		"WITH t AS (SELECT path, state FROM issued WHERE id = $12),"
		" k AS (SELECT i.id, i.state, i.status_index, l.revocation_id,"
		" l.suspension_id FROM issued i JOIN status_list l"
		" ON l.id = i.list WHERE i.record_key = $7),"
		" n AS (INSERT INTO issued (id, type, subject, issuer, list,"
		" status_index, record_key, path, state, issued_at, owner, host)"
		" SELECT $1::text, $2::text, $3::text, $4::text, $5::bigint,"
		" $6::int, $7::text, $8::text, 'pending', $9::text, $10::bigint,"
		" $11::text WHERE $6::int IS NOT NULL"
		" AND NOT EXISTS (SELECT FROM t) AND NOT EXISTS (SELECT FROM k)"
		" ON CONFLICT DO NOTHING RETURNING id)"
		" SELECT t.path, t.state, k.id, k.state, k.status_index,"
		" k.revocation_id, k.suspension_id, (SELECT count(*) FROM n)"
		" FROM (SELECT) o LEFT JOIN t ON true LEFT JOIN k ON true";
	static const char ins_sql[] =
		"INSERT INTO issued (id, type, subject, issuer, list,"
		" status_index, record_key, path, state, issued_at, owner, host)"
		" VALUES ($1, $2, $3, $4, $5::bigint, $6::int, $7, $8, 'pending',"
		" $9, $10::bigint, $11)";
	struct reserve_arg *a = arg;
	const setara_register__doc *d = a->d;
	setara_register__slot *out = a->out, mine;
	struct block *k = held_block(st->pg, d->issuer);
	char list[24], idx[24], owner[24], now[21];
	const char *v[12] = { out->id, d->type, d->subject, d->issuer, list,
		NULL, d->record_key, a->path, now, owner, st->pg->host, d->id };
	PGresult *r;
	time_t t;
	int error, time_ok = 1, inserted, fresh = 0;

	if (d->issued == NULL)
		setara_store__now(now);
	else if (setara__time_parse(&t, d->issued) < 0)
		time_ok = 0;
	else
		setara__time_format(now, t);
	if (d->id && strlen(d->id) < sizeof(out->id))
		memcpy(out->id, d->id, strlen(d->id) + 1);
	else if (out->id[0] == '\0' && (error = setara__uuid_urn(out->id)) < 0)
		return error;
	snprintf(owner, sizeof(owner), "%lld", st->pg->owner);
	/*
	 * A block's index is taken once: a retry keeps it.  A single index
	 * is taken in the transaction, and undone with it.  An index of the
	 * block in hand costs no round trip: take it at once, and give it
	 * back if the row does not go in.
	 */
	if (a->outer)
		a->have_index = 0;
	else if (!a->have_index && time_ok && k && k->next < k->end) {
		if ((error = next_index(st, d, &a->list, out, 0)) < 0)
			return error;
		a->have_index = 1;
	}
	for (;;) {
		mine = *out;
		snprintf(list, sizeof(list), "%lld", a->list);
		snprintf(idx, sizeof(idx), "%lu", out->index);
		v[5] = a->have_index ? idx : NULL;
		if ((r = run(st, sql, 12, v, "register")) == NULL)
			return SETARA_ESTORE;
		if ((error = d->id ? id_taken(r, d->id) : 0) == 0 &&
		    (error = by_key(r, a)) > 0)
			*a->existing = 1;
		inserted = num(PQgetvalue(r, 0, 7)) == 1;
		PQclear(r);
		if (inserted)
			return 0;
		if (error != 0 && fresh) {
			/* Seen only after the index was taken: raced. */
			*a->existing = 0;
			*out = mine;
			setara_error_clear();
			break;
		}
		if (error != 0) {
			if (a->have_index && !a->outer)
				give_back(st->pg, d->issuer, a->list,
					mine.index);
			a->have_index = 0;
			return error < 0 ? error : 0;
		}
		if (!time_ok)
			return setara_error__data(NULL, 0, "issued", "not a "
				"time: '%s'", d->issued);
		if (a->have_index)
			break;
		if ((error = next_index(st, d, &a->list, out, a->outer)) < 0)
			return error;
		a->have_index = fresh = 1;
	}
	/*
	 * Nothing went in: a row committed since the lookups holds the id
	 * or the key (or the index).  The plain INSERT, in a savepoint,
	 * gives the server's own error: a unique violation, which
	 * pg_reserve() runs again for.
	 */
	if ((error = pg_begin(st)) < 0)
		return error;
	if ((error = run_cmd(st, ins_sql, 11, v, "register", NULL)) < 0) {
		pg_rollback(st);
		return error;
	}
	return pg_commit(st);
}

static int pg_reserve(setara_store *st, const setara_register__doc *d,
	const char *path, setara_register__slot *out, int *existing)
{
	struct reserve_arg a = { d, path, out, existing, 0, 0,
		st->pg->depth == 0 };
	int error, attempt;

	/*
	 * The record key is unique in the database: a second process
	 * inserting the same key waits for the first and then fails with
	 * a unique violation; run again, it finds the first one's row.
	 */
	for (attempt = 0; attempt < 3; attempt++) {
		error = in_tx(st, reserve_fn, &a);
		if (error == 0 || strcmp(st->pg->sqlstate, "23505") != 0 ||
		    d->record_key == NULL)
			break;
		setara_error_clear();
		st->pg->sqlstate[0] = '\0';
	}
	return error;
}

struct id_arg {
	const char *id;
	const char *digest;
	int queued;       /* answered at the caller's commit (queue()) */
};

/* The row marked issued and its audit entry written in one statement:
 * the entry goes in only if the row was pending. */
static int complete_fn(setara_store *st, void *arg)
{
	static const char sql[] =
		"WITH u AS (UPDATE issued SET state = 'issued', digest = $1"
		" WHERE id = $2 AND state = 'pending' RETURNING id)"
		" INSERT INTO audit (at, action, object, detail)"
		" SELECT $3, 'issue', id, $1 FROM u";
	struct id_arg *a = arg;
	char now[21];
	const char *v[3] = { a->digest, a->id, now };
	long rows;
	int error;

	setara_store__now(now);
	if (a->queued)
		return queue(st, sql, 3, v, "register", 1, a->id);
	if ((error = run_cmd(st, sql, 3, v, "register", &rows)) < 0)
		return error;
	if (rows != 1)
		return setara_error__set(SETARA_ESTORE, SETARA_ERROR_STORE,
			st->pg->name, 0, NULL, "%s is not pending", a->id);
	return 0;
}

static int pg_complete(setara_store *st, const char *id,
	const char *digest)
{
	struct id_arg a = { id, digest, st->pg->depth > 0 };

	return in_tx(st, complete_fn, &a);
}

static int pg_abandon(setara_store *st, const char *id)
{
	static const char sql[] =
		"DELETE FROM issued WHERE id = $1 AND state = 'pending'";
	const char *v[1] = { id };

	if (st->pg->depth > 0)
		return queue(st, sql, 1, v, "register", -1, id);
	return run_cmd(st, sql, 1, v, "register", NULL);
}

/* ---- recovery --------------------------------------------------------- */

static int pg_recover(setara_store *st, unsigned *repaired,
	int (*complete)(const char *path, const char *id, char digest[65]),
	void (*remove_temps)(setara__strlist *paths))
{
	static const char sql[] =
		"SELECT id, path, owner FROM issued WHERE state = 'pending'"
		" AND host = $1 ORDER BY owner";
	/* The owner's token is free: it is not issuing any more (or it
	 * is this process). */
	static const char free_sql[] =
		"SELECT pg_try_advisory_xact_lock($1::bigint)";
	static const char upd_sql[] =
		"UPDATE issued SET state = 'issued', digest = $1"
		" WHERE id = $2 AND state = 'pending'";
	setara__strlist paths = { NULL, 0, 0 };
	const char *v[2] = { st->pg->host, NULL };
	PGresult *r, *f;
	char digest[65], owner[24] = "";
	unsigned n = 0;
	int i, error, mine = 0;

	if ((error = pg_begin(st)) < 0)
		return error;
	if ((r = run(st, sql, 1, v, "recover")) == NULL) {
		pg_rollback(st);
		return SETARA_ESTORE;
	}
	for (i = 0; i < PQntuples(r) && error == 0; i++) {
		const char *id = PQgetvalue(r, i, 0);
		const char *path = PQgetvalue(r, i, 1);
		const char *o = val(r, i, 2);

		if (o == NULL)
			o = "0";
		if (strcmp(o, owner) != 0) {
			snprintf(owner, sizeof(owner), "%s", o);
			v[0] = owner;
			if ((f = run(st, free_sql, 1, v, "recover")) == NULL) {
				error = SETARA_ESTORE;
				break;
			}
			mine = strcmp(PQgetvalue(f, 0, 0), "t") == 0;
			PQclear(f);
		}
		if (!mine)
			continue;
		if (complete(path, id, digest)) {
			v[0] = digest;
			v[1] = id;
			error = run_cmd(st, upd_sql, 2, v, "recover", NULL);
			if (error == 0)
				error = pg_audit(st, "recover", id,
					"completed");
		} else {
			if (setara__exists(path))
				unlink(path);
			error = pg_abandon(st, id);
			if (error == 0)
				error = pg_audit(st, "recover", id,
					"abandoned");
		}
		if (error == 0)
			error = setara__strlist_add(&paths, path);
		n++;
	}
	PQclear(r);
	if (error == 0)
		error = pg_commit(st);
	else
		pg_rollback(st);
	if (error == 0) {
		if (paths.count)
			remove_temps(&paths);
		if (repaired)
			*repaired = n;
	}
	setara__strlist_dispose(&paths);
	return error;
}

/* ---- status changes --------------------------------------------------- */


struct change_arg {
	const char *id, *reason, *action;
};

static int change_fn(setara_store *st, void *arg)
{
	/* The row locked: two revokers of one document take turns. */
	static const char get_sql[] =
		"SELECT status, state, list FROM issued WHERE id = $1 FOR UPDATE";
	static const char bump_sql[] =
		"UPDATE status_list SET"
		" revocation_changes = revocation_changes + $2::int,"
		" suspension_changes = suspension_changes + $3::int"
		" WHERE id = $1::bigint";
	struct change_arg *a = arg;
	const char *v[4] = { a->id, NULL, NULL, NULL };
	char cur[16], list[24], rb[4], sb[4], now[21];
	const char *to;
	PGresult *r;
	int error, rev, sus;

	if ((r = run(st, get_sql, 1, v, "register")) == NULL)
		return SETARA_ESTORE;
	if (PQntuples(r) == 0 || strcmp(PQgetvalue(r, 0, 1), "pending") == 0) {
		PQclear(r);
		return not_issued(a->id);
	}
	snprintf(cur, sizeof(cur), "%s", PQgetvalue(r, 0, 0));
	snprintf(list, sizeof(list), "%s", PQgetvalue(r, 0, 2));
	PQclear(r);
	if ((error = setara_register__transition(a->id, cur, a->action, &to,
	    &rev, &sus)) < 0)
		return error;
	if (error > 0) {
		if ((r = run(st, setara_register__revoked_sql, 1, v,
		    "register")) == NULL)
			return SETARA_ESTORE;
		error = setara_register__already_revoked(a->id,
			PQntuples(r) == 1 ? PQgetvalue(r, 0, 0) : NULL,
			PQntuples(r) == 1 ? PQgetvalue(r, 0, 1) : NULL);
		PQclear(r);
		return error;
	}
	v[0] = to;
	v[1] = a->id;
	if ((error = run_cmd(st, setara_register__set_status_sql, 2, v,
	    "register", NULL)) < 0)
		return error;
	snprintf(rb, sizeof(rb), "%d", rev);
	snprintf(sb, sizeof(sb), "%d", sus);
	v[0] = list;
	v[1] = rb;
	v[2] = sb;
	if ((error = run_cmd(st, bump_sql, 3, v, "status list", NULL)) < 0)
		return error;
	setara_store__now(now);
	v[0] = a->id;
	v[1] = a->action;
	v[2] = a->reason;
	v[3] = now;
	if ((error = run_cmd(st, setara_register__change_sql, 4, v,
	    "register", NULL)) < 0)
		return error;
	return pg_audit(st, a->action, a->id, a->reason);
}

static int pg_change_status(setara_store *st, const char *id,
	const char *reason, const char *action)
{
	struct change_arg a = { id, reason, action };

	return in_tx(st, change_fn, &a);
}

static int pg_status(setara_doc_status *out, setara_store *st,
	const char *id)
{
	const char *v[1] = { id };
	PGresult *r;
	int found;

	if ((r = run(st, setara_register__status_sql, 1, v,
	    "register")) == NULL)
		return SETARA_ESTORE;
	if ((found = PQntuples(r) == 1))
		*out = status_of(PQgetvalue(r, 0, 0));
	PQclear(r);
	return found ? 0 : not_issued(id);
}

/* ---- status lists ----------------------------------------------------- */

static int pg_list_bits(setara_store *st, const char *list_id,
	unsigned char **bits, size_t *nbytes, char **issuer, char **purpose)
{
	static const char list_sql[] =
		"SELECT id, size, issuer, (revocation_id = $1)::int"
		" FROM status_list"
		" WHERE revocation_id = $1 OR suspension_id = $1";
	static const char bits_sql[] =
		"SELECT status_index FROM issued WHERE list = $1::bigint"
		" AND status = $2 AND status <> 'active'";
	const char *v[2] = { list_id, NULL };
	char list[24];
	PGresult *r;
	size_t size;
	int i, revocation, error;

	if ((r = run(st, list_sql, 1, v, "status list")) == NULL)
		return SETARA_ESTORE;
	if (PQntuples(r) != 1) {
		PQclear(r);
		return setara_register__no_list(list_id);
	}
	snprintf(list, sizeof(list), "%s", PQgetvalue(r, 0, 0));
	size = (size_t)strtoul(PQgetvalue(r, 0, 1), NULL, 10);
	revocation = (int)num(PQgetvalue(r, 0, 3));
	error = setara_register__bits_new(size, PQgetvalue(r, 0, 2),
		revocation, bits, nbytes, issuer, purpose);
	PQclear(r);
	if (error < 0)
		return error;
	v[0] = list;
	v[1] = revocation ? "revoked" : "suspended";
	if ((r = run(st, bits_sql, 2, v, "status list")) == NULL) {
		setara_register__bits_free(bits, issuer, purpose);
		return SETARA_ESTORE;
	}
	for (i = 0; i < PQntuples(r); i++) {
		size_t idx = (size_t)strtoul(PQgetvalue(r, i, 0), NULL, 10);

		if (idx < size)
			setara__bit_set(*bits, idx, 1);
	}
	PQclear(r);
	return 0;
}

static int pg_list_changes(setara_store *st, const char *list_id,
	sqlite3_int64 *changes, int *suspension)
{
	const char *v[1] = { list_id };
	PGresult *r;
	int found;

	if ((r = run(st, setara_register__list_changes_sql, 1, v,
	    "status list")) == NULL)
		return SETARA_ESTORE;
	if ((found = PQntuples(r) == 1)) {
		*changes = num(PQgetvalue(r, 0, 0));
		*suspension = (int)num(PQgetvalue(r, 0, 1));
	}
	PQclear(r);
	return found ? 0 : setara_register__no_list(list_id);
}

static int pg_publication_get(setara_store *st, const char *list_id,
	const char *path, setara_register__publication *out)
{
	const char *v[2] = { list_id, path };
	PGresult *r;
	int found;

	if ((r = run(st, setara_register__publication_sql, 2, v,
	    "status list")) == NULL)
		return SETARA_ESTORE;
	if ((found = PQntuples(r) == 1)) {
		out->changes = num(PQgetvalue(r, 0, 0));
		snprintf(out->signed_with, sizeof(out->signed_with), "%s",
			PQgetvalue(r, 0, 1));
		snprintf(out->digest, sizeof(out->digest), "%s",
			PQgetvalue(r, 0, 2));
		out->entries_set = strtoul(PQgetvalue(r, 0, 3), NULL, 10);
		snprintf(out->valid_until, sizeof(out->valid_until), "%s",
			PQgetvalue(r, 0, 4));
	}
	PQclear(r);
	return found ? 0 : SETARA_ENOTFOUND;
}

struct pub_arg {
	const char *list_id, *path;
	const setara_register__publication *p;
};

static int publication_fn(setara_store *st, void *arg)
{
	static const char sql[] =
		"INSERT INTO status_publication (list, path, changes,"
		" signed_with, digest, entries_set, valid_until, published_at)"
		" VALUES ($1, $2, $3::bigint, $4, $5, $6::bigint, $7, $8)"
		" ON CONFLICT (list, path) DO UPDATE SET"
		" changes = excluded.changes, signed_with = excluded.signed_with,"
		" digest = excluded.digest, entries_set = excluded.entries_set,"
		" valid_until = excluded.valid_until,"
		" published_at = excluded.published_at";
	struct pub_arg *a = arg;
	char ch[24], set[24], now[21];
	const char *v[8] = { a->list_id, a->path, ch, a->p->signed_with,
		a->p->digest, set, a->p->valid_until, now };
	int error;

	snprintf(ch, sizeof(ch), "%lld", (long long)a->p->changes);
	snprintf(set, sizeof(set), "%lu", a->p->entries_set);
	setara_store__now(now);
	if ((error = run_cmd(st, sql, 8, v, "status list", NULL)) < 0)
		return error;
	return pg_audit(st, "publish", a->list_id, a->path);
}

static int pg_publication_set(setara_store *st, const char *list_id,
	const char *path, const setara_register__publication *p)
{
	struct pub_arg a = { list_id, path, p };

	return in_tx(st, publication_fn, &a);
}

static int pg_lists(setara_store *st, const char *issuer,
	setara__strlist *out)
{
	static const char sql[] =
		"SELECT revocation_id, suspension_id FROM status_list"
		" WHERE $1::text IS NULL OR issuer = $1 ORDER BY issuer, seq";
	const char *v[1] = { issuer };
	PGresult *r;
	int i, error = 0;

	if ((r = run(st, sql, 1, v, "status list")) == NULL)
		return SETARA_ESTORE;
	for (i = 0; i < PQntuples(r) && error == 0; i++)
		if ((error = setara__strlist_add(out, PQgetvalue(r, i, 0))) == 0)
			error = setara__strlist_add(out, PQgetvalue(r, i, 1));
	PQclear(r);
	return error;
}

static int pg_issuers(setara_store *st, setara__strlist *out)
{
	PGresult *r;
	int i, error = 0;

	if ((r = run(st, setara_register__issuers_sql, 0, NULL,
	    "register")) == NULL)
		return SETARA_ESTORE;
	for (i = 0; i < PQntuples(r) && error == 0; i++)
		error = setara__strlist_add(out, PQgetvalue(r, i, 0));
	PQclear(r);
	return error;
}

static int pg_list_file(setara_store *st, const char *dir,
	const char *list_id, const char *ext, char **out)
{
	const char *v[1] = { list_id };
	PGresult *r;
	int found;

	if ((r = run(st, setara_register__list_file_sql, 1, v,
	    "status list")) == NULL)
		return SETARA_ESTORE;
	if ((found = PQntuples(r) == 1))
		*out = setara_register__list_path(dir, PQgetvalue(r, 0, 0),
			PQgetvalue(r, 0, 1), (int)num(PQgetvalue(r, 0, 2)),
			ext);
	PQclear(r);
	if (!found)
		return setara_register__no_list(list_id);
	return *out ? 0 : SETARA_ENOMEM;
}

static int pg_issuer(setara_store *st, const char *issuer, char **name,
	char **country)
{
	const char *v[1] = { issuer };
	PGresult *r;
	int error, found;

	if ((r = run(st, setara_register__issuer_sql, 1, v,
	    "register")) == NULL)
		return SETARA_ESTORE;
	found = PQntuples(r) == 1;
	error = setara_register__issuer_row(issuer, found,
		found ? val(r, 0, 0) : NULL, found ? val(r, 0, 1) : NULL,
		name, country);
	PQclear(r);
	return error;
}

static int pg_entry(setara_store *st, const char *id,
	const char *issuer, setara_doc_status *status,
	setara_register__slot *slot)
{
	const char *v[2] = { id, issuer };
	PGresult *r;
	int found;

	if ((r = run(st, setara_register__entry_sql, 2, v,
	    "register")) == NULL)
		return SETARA_ESTORE;
	if ((found = PQntuples(r) == 1)) {
		*status = status_of(PQgetvalue(r, 0, 0));
		snprintf(slot->id, sizeof(slot->id), "%s", id);
		slot->index = strtoul(PQgetvalue(r, 0, 1), NULL, 10);
		snprintf(slot->revocation_list, sizeof(slot->revocation_list),
			"%s", PQgetvalue(r, 0, 2));
		snprintf(slot->suspension_list, sizeof(slot->suspension_list),
			"%s", PQgetvalue(r, 0, 3));
	}
	PQclear(r);
	return found ? 0 : SETARA_ENOTFOUND;
}

/* ---- reading ---------------------------------------------------------- */

/*
 * The rows come through a cursor, FETCH_ROWS at a time, so that memory
 * does not grow with the register.
 */
#define FETCH_ROWS 1000

static int pg_list(setara_store *st, const setara_register_query *q,
	setara_register_cb cb, void *payload, unsigned long *count)
{
	static const char *const column[4] = { "id", "type", "subject",
		"issuer" };
	static const char *const status_words[] = { "active", "revoked",
		"suspended" };
	setara_buf sql = SETARA_BUF_INIT;
	const char *value[5];
	char lim[24];
	setara_register_entry e;
	unsigned long n = 0;
	PGresult *r;
	int error, k, i, rows, np = 0;

	value[0] = q->id;
	value[1] = q->type;
	value[2] = q->subject;
	value[3] = q->issuer;
	setara_buf_puts(&sql, "DECLARE setara_list NO SCROLL CURSOR FOR"
		" SELECT * FROM (SELECT i.seqno, i.id, i.type, i.subject,"
		" i.issuer, l.issuer_name, l.issuer_country, i.path, i.digest,"
		" i.issued_at, l.revocation_id, l.suspension_id,"
		" i.status_index, i.status FROM issued i"
		" JOIN status_list l ON l.id = i.list"
		" WHERE i.state = 'issued'");
	for (k = 0; k < 4; k++)
		if (value[k]) {
			value[np++] = value[k];
			setara_buf_printf(&sql, " AND i.%s = $%d", column[k],
				np);
		}
	if (q->status >= 0)
		setara_buf_printf(&sql, " AND i.status = '%s'",
			status_words[q->status]);
	snprintf(lim, sizeof(lim), "%lu", q->limit);
	value[np++] = q->limit ? lim : NULL;
	if (setara_buf_printf(&sql, " ORDER BY i.seqno DESC LIMIT $%d::bigint)"
	    " r ORDER BY seqno", np) < 0) {
		setara_buf_dispose(&sql);
		return SETARA_ENOMEM;
	}
	if ((error = pg_begin(st)) < 0)
		goto done;
	r = PQexecParams(st->pg->conn, sql.ptr, np, NULL, value, NULL, NULL,
		0);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		error = pg_error(st, st->pg->conn, r, "register");
	PQclear(r);
	while (error == 0) {
		r = PQexec(st->pg->conn, "FETCH 1000 FROM setara_list");
		if (PQresultStatus(r) != PGRES_TUPLES_OK) {
			error = pg_error(st, st->pg->conn, r, "register");
			PQclear(r);
			break;
		}
		rows = PQntuples(r);
		for (i = 0; i < rows && error == 0; i++) {
			memset(&e, 0, sizeof(e));
			e.id = PQgetvalue(r, i, 1);
			e.type = PQgetvalue(r, i, 2);
			e.subject = PQgetvalue(r, i, 3);
			e.issuer = PQgetvalue(r, i, 4);
			e.issuer_name = val(r, i, 5);
			e.issuer_country = val(r, i, 6);
			e.path = PQgetvalue(r, i, 7);
			e.digest = PQgetvalue(r, i, 8);
			e.issued_at = PQgetvalue(r, i, 9);
			e.revocation_list = PQgetvalue(r, i, 10);
			e.suspension_list = PQgetvalue(r, i, 11);
			e.status_index = strtoul(PQgetvalue(r, i, 12), NULL,
				10);
			e.status = status_of(PQgetvalue(r, i, 13));
			n++;
			error = cb(&e, payload);
		}
		PQclear(r);
		if (rows < FETCH_ROWS)
			break;
	}
	if (error == 0)
		error = pg_commit(st);
	else
		pg_rollback(st);
	if (error == 0 && n == 0 && q->id)
		error = not_issued(q->id);
done:
	if (count)
		*count = n;
	setara_buf_dispose(&sql);
	return error;
}

static int pg_history(setara_store *st, const char *id,
	int (*cb)(const setara_register_change *ch, void *payload),
	void *payload)
{
	const char *v[1] = { id };
	setara_register_change ch;
	PGresult *r;
	int i, error = 0, found;

	if ((r = run(st, setara_register__issued_sql, 1, v,
	    "register")) == NULL)
		return SETARA_ESTORE;
	found = PQntuples(r) == 1;
	PQclear(r);
	if (!found)
		return not_issued(id);
	if ((r = run(st, setara_register__history_sql, 1, v,
	    "register")) == NULL)
		return SETARA_ESTORE;
	for (i = 0; i < PQntuples(r) && error == 0; i++) {
		ch.action = PQgetvalue(r, i, 0);
		ch.reason = PQgetvalue(r, i, 1);
		ch.at = PQgetvalue(r, i, 2);
		error = cb(&ch, payload);
	}
	PQclear(r);
	return error;
}

/* ---- moving a register from sqlite ------------------------------------ */

#define moved setara_register__moved

static int sq_fail(sqlite3 *db, const char *path, const char *what)
{
	return setara_error__set(SETARA_ESTORE, SETARA_ERROR_STORE, path, 0,
		NULL, "%s: %s", what, db ? sqlite3_errmsg(db) : "cannot open");
}

/* Copy one table's rows; *n counts them. */
static int move_table(setara_store *st, sqlite3 *db, const char *path,
	size_t t, unsigned long *n)
{
	setara_buf sel = SETARA_BUF_INIT, ins = SETARA_BUF_INIT;
	const char *v[16];
	sqlite3_stmt *s = NULL;
	PGresult *r;
	int i, ncol, rc, error = 0;

	setara_buf_printf(&sel, "SELECT %s FROM %s ORDER BY %s",
		moved[t].columns, moved[t].table, moved[t].order);
	if (sqlite3_prepare_v2(db, sel.ptr, -1, &s, NULL) != SQLITE_OK) {
		error = sq_fail(db, path, moved[t].table);
		goto done;
	}
	ncol = sqlite3_column_count(s);
	setara_buf_printf(&ins, "INSERT INTO %s (%s) VALUES (",
		moved[t].table, moved[t].columns);
	for (i = 0; i < ncol; i++)
		setara_buf_printf(&ins, "%s$%d", i ? ", " : "", i + 1);
	if (setara_buf_puts(&ins, ")") < 0) {
		error = SETARA_ENOMEM;
		goto done;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (i = 0; i < ncol; i++)
			v[i] = (const char *)sqlite3_column_text(s, i);
		r = PQexecParams(st->pg->conn, ins.ptr, ncol, NULL, v, NULL,
			NULL, 0);
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			error = pg_error(st, st->pg->conn, r, moved[t].table);
		PQclear(r);
		if (error < 0)
			goto done;
		(*n)++;
	}
	if (rc != SQLITE_DONE)
		error = sq_fail(db, path, moved[t].table);
done:
	sqlite3_finalize(s);
	setara_buf_dispose(&sel);
	setara_buf_dispose(&ins);
	return error;
}

/* The sqlite register at @path holds no pending row, at schema 3. */
static int import_ready(sqlite3 *db, const char *path)
{
	sqlite3_stmt *s;
	int version = 0, pending = -1;

	if (sqlite3_prepare_v2(db, "SELECT (SELECT version FROM"
	    " component_version WHERE component = 'register'),"
	    " (SELECT count(*) FROM issued WHERE state = 'pending')", -1, &s,
	    NULL) != SQLITE_OK)
		return sq_fail(db, path, "not a setara store");
	if (sqlite3_step(s) == SQLITE_ROW) {
		version = sqlite3_column_int(s, 0);
		pending = sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	if (version != 3)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA,
			path, 0, NULL, "register schema %d: this setara moves "
			"schema 3 (run 'setara init' on it first)", version);
	if (pending != 0)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA,
			path, 0, NULL, "%d document%s being issued: run "
			"'setara init' on it to settle them first", pending,
			pending == 1 ? "" : "s");
	return 0;
}

struct import_arg {
	sqlite3 *db;
	const char *path;
	unsigned long *rows;
};

static int import_fn(setara_store *st, void *arg)
{
	static const char empty_sql[] =
		"SELECT (SELECT count(*) FROM status_list)"
		" + (SELECT count(*) FROM issued)";
	struct import_arg *a = arg;
	char sql[160];
	PGresult *r;
	size_t t;
	int error, empty;

	/* Nobody issues while the rows move in. */
	if ((error = exec_plain(st, st->pg->conn, "LOCK TABLE status_list,"
	    " issued IN EXCLUSIVE MODE", "import")) < 0)
		return error;
	if ((r = run(st, empty_sql, 0, NULL, "import")) == NULL)
		return SETARA_ESTORE;
	empty = num(PQgetvalue(r, 0, 0)) == 0;
	PQclear(r);
	if (!empty)
		return setara_error__set(SETARA_EEXISTS, SETARA_ERROR_STORE,
			st->pg->name, 0, NULL, "the register is not empty: "
			"a register moves into a new one only");
	*a->rows = 0;
	for (t = 0; t < setara_register__nmoved; t++) {
		if ((error = move_table(st, a->db, a->path, t, a->rows)) < 0)
			return error;
		if (moved[t].seq == NULL)
			continue;
		/* The sequence goes on after the rows moved in. */
		snprintf(sql, sizeof(sql), "SELECT setval(pg_get_serial_sequence("
			"'%s', '%s'), coalesce(max(%s), 0) + 1, false) FROM %s",
			moved[t].table, moved[t].seq, moved[t].seq,
			moved[t].table);
		if ((error = exec_plain(st, st->pg->conn, sql, "import")) < 0)
			return error;
	}
	return pg_audit(st, "import", a->path, NULL);
}

static int pg_import(setara_store *st, const char *path,
	unsigned long *rows)
{
	struct import_arg a = { NULL, path, rows };
	int error;

	if (sqlite3_open_v2(path, &a.db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		error = setara_error__set(SETARA_EIO, SETARA_ERROR_OS, path, 0,
			NULL, "cannot open: %s", a.db ? sqlite3_errmsg(a.db) :
			"out of memory");
		sqlite3_close(a.db);
		return error;
	}
	/* One read transaction: the check and every table read see the same
	 * register, even while a process still writes to it. */
	sqlite3_busy_timeout(a.db, 5000);
	if (sqlite3_exec(a.db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		error = sq_fail(a.db, path, "cannot read");
	else if ((error = import_ready(a.db, path)) == 0)
		error = in_tx(st, import_fn, &a);
	sqlite3_exec(a.db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(a.db);
	return error;
}

/* Copy the rows of table @t, read through a cursor (memory stays flat
 * whatever the register's size), into @dst. */
static int export_table(setara_store *st, sqlite3 *dst, const char *path,
	size_t t, unsigned long *n)
{
	const setara_register__table *m = &moved[t];
	setara_buf sql = SETARA_BUF_INIT;
	sqlite3_stmt *ins = NULL;
	PGconn *conn = st->pg->conn;
	PGresult *r = NULL;
	int i, row, ncol, error;

	if ((error = setara_buf_printf(&sql, "DECLARE export_rows NO SCROLL "
	    "CURSOR FOR SELECT %s FROM %s ORDER BY %s", m->columns, m->table,
	    m->seq ? m->seq : m->order)) < 0 ||
	    (error = exec_plain(st, conn, sql.ptr, "export")) < 0)
		goto done;
	setara_buf_clear(&sql);
	if ((error = setara_register__insert_sql(&sql, m, &ncol)) < 0)
		goto done;
	if (sqlite3_prepare_v2(dst, sql.ptr, -1, &ins, NULL) != SQLITE_OK) {
		error = sq_fail(dst, path, m->table);
		goto done;
	}
	for (;;) {
		r = PQexec(conn, "FETCH 2000 FROM export_rows");
		if (PQresultStatus(r) != PGRES_TUPLES_OK) {
			error = pg_error(st, conn, r, m->table);
			goto done;
		}
		if (PQntuples(r) == 0)
			break;
		for (row = 0; row < PQntuples(r); row++) {
			for (i = 0; i < ncol; i++)
				if (PQgetisnull(r, row, i))
					sqlite3_bind_null(ins, i + 1);
				else
					sqlite3_bind_text(ins, i + 1,
						PQgetvalue(r, row, i),
						PQgetlength(r, row, i),
						SQLITE_STATIC);
			if (sqlite3_step(ins) != SQLITE_DONE) {
				error = sq_fail(dst, path, m->table);
				goto done;
			}
			sqlite3_reset(ins);
			(*n)++;
		}
		PQclear(r);
	}
	PQclear(r);
	r = NULL;
	error = exec_plain(st, conn, "CLOSE export_rows", "export");
done:
	PQclear(r);
	sqlite3_finalize(ins);
	setara_buf_dispose(&sql);
	return error;
}

static int pg_export(setara_store *st, sqlite3 *dst, const char *path,
	unsigned long *rows)
{
	PGconn *conn = st->pg->conn;
	PGresult *r;
	long long pending;
	size_t t;
	int error;

	*rows = 0;
	/* One snapshot: every table as of the same moment, other nodes
	 * issuing meanwhile or not; read only, so a verifier's role will do. */
	if ((error = exec_plain(st, conn, "BEGIN ISOLATION LEVEL REPEATABLE "
	    "READ READ ONLY", "export")) < 0)
		return error;
	if ((r = run(st, "SELECT count(*) FROM issued WHERE state = "
	    "'pending'", 0, NULL, "export")) == NULL) {
		error = SETARA_ESTORE;
		goto done;
	}
	pending = num(PQgetvalue(r, 0, 0));
	PQclear(r);
	if (pending) {
		error = setara_register__export_busy(st->pg->name, pending);
		goto done;
	}
	for (t = 0; t < setara_register__nmoved && error == 0; t++)
		error = export_table(st, dst, path, t, rows);
done:
	exec_plain(st, conn, error ? "ROLLBACK" : "COMMIT", "export");
	return error;
}

const setara_register__backend setara_pg__backend = {
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.lock_issuing = pg_lock_issuing,
	.reserve = pg_reserve,
	.complete = pg_complete,
	.abandon = pg_abandon,
	.recover = pg_recover,
	.change_status = pg_change_status,
	.status = pg_status,
	.list_bits = pg_list_bits,
	.list_changes = pg_list_changes,
	.publication_get = pg_publication_get,
	.publication_set = pg_publication_set,
	.lists = pg_lists,
	.issuers = pg_issuers,
	.list_file = pg_list_file,
	.issuer = pg_issuer,
	.entry = pg_entry,
	.list = pg_list,
	.history = pg_history,
	.audit = pg_audit,
	.audit_list = pg_audit_list,
	.import = pg_import,
	.export = pg_export,
	.name = pg_name,
	.close = pg_close,
};
