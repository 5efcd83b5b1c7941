/*
 * The store: opening, schema migrations, transactions, a statement cache
 * and the audit log.
 *
 * The schema is versioned per component (table component_version).  On
 * open, every component's pending migrations run in one transaction, so a
 * store is either at the old version or the new one, never between.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "pg.h"

sqlite3 *setara_store__db(setara_store *st)
{
	return st->db;
}

int setara_store__error(setara_store *st, const char *what)
{
	const char *msg = st && st->db ? sqlite3_errmsg(st->db) : "no store";

	return setara_error__set(SETARA_ESTORE, SETARA_ERROR_STORE,
		st ? st->path : NULL, 0, NULL, "%s: %s", what, msg);
}

int setara_store__exec(setara_store *st, const char *sql)
{
	char *err = NULL;
	int rc;

	rc = sqlite3_exec(st->db, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK) {
		setara_error__set(SETARA_ESTORE, SETARA_ERROR_STORE, st->path,
			0, NULL, "%s", err ? err : sqlite3_errstr(rc));
		sqlite3_free(err);
		return SETARA_ESTORE;
	}
	return 0;
}

int setara_store__step(setara_store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return setara_store__error(st, what);
}

int setara_store__stmt(setara_store *st, sqlite3_stmt **out,
	const char *sql)
{
	size_t n = sizeof(st->cache) / sizeof(st->cache[0]);
	size_t h = ((uintptr_t)sql >> 3) % n, i, k;

	*out = NULL;
	for (i = 0; i < n; i++) {
		k = (h + i) % n;
		if (st->cache[k].sql == sql) {
			sqlite3_reset(st->cache[k].stmt);
			sqlite3_clear_bindings(st->cache[k].stmt);
			*out = st->cache[k].stmt;
			return 0;
		}
		if (st->cache[k].sql == NULL)
			break;
	}
	if (i == n)
		return setara_error__set(SETARA_ERROR, SETARA_ERROR_INTERNAL,
			NULL, 0, NULL, "statement cache full");
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &st->cache[k].stmt, NULL) != SQLITE_OK)
		return setara_store__error(st, "prepare");
	st->cache[k].sql = sql;
	*out = st->cache[k].stmt;
	return 0;
}

/*
 * The savepoints of nested transactions run once or twice per record in
 * batch work: prepared once, from the statement cache, rather than parsed
 * each time.
 */
static const char savepoint_sql[] = "SAVEPOINT nested";
static const char commit_sql[] = "COMMIT";
static const char release_sql[] = "RELEASE nested";

static const char rollback_sql[] = "ROLLBACK";
static const char rollback_to_sql[] = "ROLLBACK TO nested";
static int step_quiet(setara_store *st, const char *sql);

static int exec_cached(setara_store *st, const char *sql)
{
	sqlite3_stmt *s;
	int error, rc;

	if ((error = setara_store__stmt(st, &s, sql)) < 0)
		return error;
	rc = sqlite3_step(s);
	error = rc == SQLITE_DONE ? 0 : setara_store__error(st, sql);
	sqlite3_reset(s);
	return error;
}

int setara_store__begin(setara_store *st)
{
	int error;

	/*
	 * sqlite rolls a whole transaction back on some errors (out of
	 * memory, a full disk, an I/O error): a savepoint then would run in
	 * autocommit mode, committing what the caller means to undo.
	 */
	if (st->tx_depth > 0 && sqlite3_get_autocommit(st->db))
		return setara_error__set(SETARA_ESTORE, SETARA_ERROR_STORE,
			st->path, 0, NULL, "the transaction was rolled back "
			"after an earlier error");
	/* A transaction left open by a rollback that failed (out of
	 * memory) goes now, before it can be committed with the new one. */
	if (st->tx_depth == 0 && !sqlite3_get_autocommit(st->db) &&
	    step_quiet(st, rollback_sql) < 0)
		return setara_store__error(st, "cannot roll back an earlier "
			"transaction");
	if (st->tx_depth == 0)
		error = setara_store__exec(st, "BEGIN IMMEDIATE");
	else
		error = exec_cached(st, savepoint_sql);
	if (error == 0)
		st->tx_depth++;
	return error;
}

int setara_store__commit(setara_store *st)
{
	int error;

	if (st->tx_depth <= 0)
		return setara_error__set(SETARA_ERROR, SETARA_ERROR_INTERNAL,
			NULL, 0, NULL, "commit without a transaction");
	if (st->tx_depth == 1)
		error = exec_cached(st, commit_sql);
	else
		error = exec_cached(st, release_sql);
	/* A commit that fails undoes the transaction: the caller is not
	 * left with one open, to be committed by whatever comes next. */
	if (error < 0)
		setara_store__rollback(st);
	else
		st->tx_depth--;
	return error;
}

/*
 * Ending a transaction must work when memory has run out: its statements
 * are prepared when the store opens (rollback_prepare()), and stepping
 * them allocates nothing, where sqlite3_exec() would parse them first.
 */
static int rollback_prepare(setara_store *st)
{
	sqlite3_stmt *s;
	int error;

	if ((error = setara_store__stmt(st, &s, commit_sql)) < 0 ||
	    (error = setara_store__stmt(st, &s, rollback_sql)) < 0 ||
	    (error = setara_store__stmt(st, &s, rollback_to_sql)) < 0 ||
	    (error = setara_store__stmt(st, &s, release_sql)) < 0)
		return error;
	return 0;
}

/* Step a statement of the cache without touching the last error. */
static int step_quiet(setara_store *st, const char *sql)
{
	sqlite3_stmt *s;
	int rc;

	if (setara_store__stmt(st, &s, sql) < 0)
		return SETARA_ESTORE;
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : SETARA_ESTORE;
}

int setara_store__end(setara_store *st, int error)
{
	if (error != 0) {
		setara_store__rollback(st);
		return error;
	}
	return setara_store__commit(st);
}

int setara_store__rollback(setara_store *st)
{
	int rc;

	if (st->tx_depth <= 0)
		return 0;
	/* Keep the error that made us roll back: do not overwrite it.  A
	 * transaction sqlite rolled back already has nothing left to undo. */
	if (sqlite3_get_autocommit(st->db))
		rc = 0;
	else if (st->tx_depth == 1)
		rc = step_quiet(st, rollback_sql);
	else if ((rc = step_quiet(st, rollback_to_sql)) == 0)
		rc = step_quiet(st, release_sql);
	st->tx_depth--;
	return rc;
}

void setara_store__now(char out[21])
{
	setara__time_format(out, setara__time_now());
}

static int component_version(setara_store *st, const char *name, int *out)
{
	sqlite3_stmt *s;
	int rc;

	*out = 0;
	if (sqlite3_prepare_v2(st->db,
	    "SELECT version FROM component_version WHERE component = ?",
	    -1, &s, NULL) != SQLITE_OK)
		return setara_store__error(st, "schema version");
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return setara_store__error(st, "schema version");
	return 0;
}

static int set_version(setara_store *st, const char *name, int version)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db,
	    "INSERT INTO component_version (component, version) VALUES (?, ?)"
	    " ON CONFLICT(component) DO UPDATE SET version = excluded.version",
	    -1, &s, NULL) != SQLITE_OK)
		return setara_store__error(st, "schema version");
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, version);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : setara_store__error(st,
		"schema version");
}

static int migrate(setara_store *st)
{
	const setara_store__component *c;
	const setara_store__migration *m;
	int have, latest, error;
	size_t i;

	if ((error = setara_store__begin(st)) < 0)
		return error;
	error = setara_store__exec(st,
		"CREATE TABLE IF NOT EXISTS component_version ("
		" component TEXT PRIMARY KEY,"
		" version INTEGER NOT NULL)");
	for (i = 0; error == 0 && (c = setara_store__component_at(i)); i++) {
		if ((error = component_version(st, c->name, &have)) < 0)
			break;
		latest = 0;
		for (m = c->migrations; m->sql; m++)
			latest = m->version;
		if (have > latest) {
			error = setara_error__set(SETARA_ESTORE,
				SETARA_ERROR_STORE, st->path, 0, NULL,
				"store was written by a newer setara "
				"(%s schema %d, this one knows %d)", c->name,
				have, latest);
			break;
		}
		for (m = c->migrations; error == 0 && m->sql; m++) {
			if (m->version <= have)
				continue;
			error = setara_store__exec(st, m->sql);
			if (error == 0)
				error = set_version(st, c->name, m->version);
		}
	}
	return setara_store__end(st, error);
}

/*
 * The local sqlite file of a store named @db: @db itself, or for a
 * PostgreSQL register the reference-data cache, @cache or else
 * ./setara-cache.db.
 */
const char *setara_store_local_path(const char *db, const char *cache)
{
	if (!setara_pg__is_url(db))
		return db;
	return cache && *cache ? cache : "setara-cache.db";
}

int setara_store_open(setara_store **out, const char *path,
	unsigned int flags)
{
	return setara_store_open_cached(out, path, NULL, flags);
}

/*
 * Whether @path reads as a libpq "key=value" connection string (host=...,
 * dbname=..., password=...): taken as a file name it would make a sqlite
 * store named after the password and print that name.
 */
static int is_keyword_conninfo(const char *path)
{
	static const char *const keys[] = { "host", "hostaddr", "port",
		"dbname", "user", "password", "passfile", "service", "sslmode",
		"connect_timeout", "options", NULL };
	size_t i, n;

	while (*path == ' ' || *path == '\t')
		path++;
	for (i = 0; keys[i]; i++) {
		n = strlen(keys[i]);
		if (strncmp(path, keys[i], n) == 0) {
			const char *p = path + n;

			while (*p == ' ' || *p == '\t')
				p++;
			if (*p == '=')
				return 1;
		}
	}
	return 0;
}

int setara_store_name_check(const char *db)
{
	if (db && is_keyword_conninfo(db))
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, "--db", "a PostgreSQL register is named by a "
			"postgresql:// URL, not by key=value settings (the "
			"text is not repeated: it may hold a password)");
	return 0;
}

int setara_store_open_cached(setara_store **out, const char *path,
	const char *cache, unsigned int flags)
{
	const char *url = NULL;
	setara_store *st;
	int rc, error = SETARA_ESTORE;
	int oflags = (flags & SETARA_STORE_READONLY) ? SQLITE_OPEN_READONLY :
		SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

	*out = NULL;
	SETARA_ASSERT_ARG(path);
	if ((error = setara_store_name_check(path)) < 0)
		return error;
	if (setara_pg__is_url(path)) {
		url = path;
		path = setara_store_local_path(url, cache);
	}
	if (!setara_store__components_ready())
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_INTERNAL,
			NULL, 0, NULL, "setara_init() has not been called");
	if ((st = setara__calloc(1, sizeof(*st))) == NULL)
		return SETARA_ENOMEM;
	st->backend = &setara_register__sqlite;
	st->flags = flags;
	st->lock_fd = -1;
	if ((st->path = setara__strdup(path)) == NULL) {
		error = SETARA_ENOMEM;
		goto fail;
	}
	rc = sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOMUTEX,
		NULL);
	if (rc != SQLITE_OK) {
		error = setara_error__set(rc == SQLITE_CANTOPEN ? SETARA_EIO :
			SETARA_ESTORE, SETARA_ERROR_STORE, path, 0, NULL,
			"cannot open store: %s", st->db ?
			sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, 10000);
	/*
	 * Statement journals (of savepoints) stay in memory.  A checkpoint
	 * every 10,000 WAL pages (40 MiB) instead of 1,000: between two, a
	 * page changed by many transactions -- the register's indexes, in a
	 * batch -- goes back into the database once, not once a few
	 * transactions.  The WAL goes when the last connection closes.
	 */
	if (!(flags & SETARA_STORE_READONLY) &&
	    (error = setara_store__exec(st,
	    "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = FULL;"
	    "PRAGMA temp_store = MEMORY;"
	    "PRAGMA wal_autocheckpoint = 10000;")) < 0)
		goto fail;
	if ((error = setara_store__exec(st, "PRAGMA foreign_keys = ON;")) < 0 ||
	    (error = rollback_prepare(st)) < 0)
		goto fail;
	/* Refuse a file that is not a database before touching it. */
	if ((error = setara_store__exec(st,
	    "SELECT count(*) FROM sqlite_master")) < 0)
		goto fail;
	if (!(flags & SETARA_STORE_READONLY) && (error = migrate(st)) < 0)
		goto fail;
	if (url) {
		st->backend = &setara_pg__backend;
		if ((error = setara_pg__open(st, url,
		    (flags & SETARA_STORE_READONLY) != 0)) < 0)
			goto fail;
	}
	*out = st;
	return 0;
fail:
	setara_store_free(st);
	return error;
}

const char *setara_store_name(const setara_store *st)
{
	return st->backend->name(st);
}

void setara_store_free(setara_store *st)
{
	size_t i;

	if (st == NULL)
		return;
	if (st->backend->close)
		st->backend->close(st);
	for (i = 0; i < sizeof(st->cache) / sizeof(st->cache[0]); i++)
		if (st->cache[i].stmt)
			sqlite3_finalize(st->cache[i].stmt);
	if (st->db)
		sqlite3_close(st->db);
	if (st->lock_fd >= 0)
		close(st->lock_fd);
	setara__free(st->path);
	setara__free(st);
}

const char setara_store__audit_sql[] =
	"INSERT INTO audit (at, action, object, detail)"
	" VALUES ($1, $2, $3, $4)";

int setara_store__sqlite_audit(setara_store *st, const char *action,
	const char *object, const char *detail)
{
	char now[21];

	setara_store__now(now);
	return setara_store__run(st, setara_store__audit_sql, "audit",
		"ssss", now, action, object, detail);
}

int setara_store_audit(setara_store *st, const char *action,
	const char *object, const char *detail)
{
	SETARA_ASSERT_ARG(st && action);
	return st->backend->audit(st, action, object, detail);
}

int setara_store__sqlite_audit_list(setara_store *st, const char *action,
	unsigned long last,
	int (*cb)(const setara_audit_entry *e, void *payload),
	void *payload)
{
	/* The last entries (all when ?2 is -1), in order. */
	static const char sql[] =
		"SELECT * FROM (SELECT id, at, action, object, detail FROM audit"
		" WHERE ?1 IS NULL OR action = ?1 ORDER BY id DESC LIMIT ?2)"
		" ORDER BY id";
	setara_audit_entry e;
	sqlite3_stmt *s;
	int error, rc;

	if ((error = setara_store__prepare(st, &s, sql, "sI", action,
	    last == 0 ? (sqlite3_int64)-1 : last > (unsigned long)INT64_MAX ?
	    (sqlite3_int64)INT64_MAX : (sqlite3_int64)last)) < 0)
		return error;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		e.seq = sqlite3_column_int64(s, 0);
		e.at = setara_store__col_text(s, 1);
		e.action = setara_store__col_text(s, 2);
		e.object = sqlite3_column_type(s, 3) == SQLITE_NULL ? NULL :
			setara_store__col_text(s, 3);
		e.detail = sqlite3_column_type(s, 4) == SQLITE_NULL ? NULL :
			setara_store__col_text(s, 4);
		if ((error = cb(&e, payload)) != 0)
			break;
	}
	sqlite3_reset(s);
	if (error == 0 && rc != SQLITE_DONE)
		error = setara_store__error(st, "audit");
	return error;
}

int setara_store_audit_list(setara_store *st, const char *action,
	unsigned long last,
	int (*cb)(const setara_audit_entry *e, void *payload),
	void *payload)
{
	SETARA_ASSERT_ARG(st && cb);
	return st->backend->audit_list(st, action, last, cb, payload);
}

char *setara_store__source_path(setara_store *st, sqlite3_int64 source_id)
{
	static const char sql[] = "SELECT path FROM source WHERE id = ?";
	sqlite3_stmt *s;
	char *path = NULL;

	if (setara_store__prepare(st, &s, sql, "I", source_id) < 0)
		return NULL;
	if (sqlite3_step(s) == SQLITE_ROW)
		path = setara__strdup(setara_store__col_text(s, 0));
	sqlite3_reset(s);
	return path;
}

int setara_store__lock_issuing(setara_store *st, int wait)
{
	return st->backend->lock_issuing(st, wait);
}

/* The issuing lock of a sqlite store: the file PATH.lock, locked. */
int setara_store__sqlite_lock(setara_store *st, int wait)
{
	char *path;
	int fd, rc;

	if (st->lock_fd >= 0)
		return 0;
	if ((path = setara__asprintf("%s.lock", st->path)) == NULL)
		return SETARA_ENOMEM;
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		rc = setara_error__os(path, "cannot open the issuing lock");
		setara__free(path);
		return rc;
	}
	do
		rc = flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB));
	while (rc < 0 && errno == EINTR);
	if (rc < 0) {
		rc = errno == EWOULDBLOCK ? setara_error__set(SETARA_EEXISTS,
			SETARA_ERROR_STORE, st->path, 0, NULL,
			"another setara process is issuing into this store") :
			setara_error__os(path, "cannot take the issuing lock");
		close(fd);
		setara__free(path);
		return rc;
	}
	setara__free(path);
	st->lock_fd = fd;
	return 0;
}
