/*
 * The store's internal interface, used by the components that keep rows in
 * it (qf, credit, mrs, cred, the register).  Components own their tables:
 * each declares its migrations in its own folder and registers them in
 * src/store/schema.c; each loads the reference-data files it understands
 * through the loader hooks listed in src/store/load.c.
 */
#ifndef SETARA_STORE_INT_H
#define SETARA_STORE_INT_H

#include <sqlite3.h>
#include <libxml/tree.h>

#include "setara/store.h"
#include "util/util.h"

struct setara_store {
	sqlite3 *db;
	char *path;
	int tx_depth;           /* nesting of setara_store__begin() */
	int lock_fd;            /* issuing lock (PATH.lock), -1 when not held */
	unsigned int flags;
	struct {
		const char *sql;       /* identity: a static string */
		sqlite3_stmt *stmt;
	} cache[128];
};

/* The raw connection, borrowed. */
sqlite3 *setara_store__db(setara_store *st);

/*
 * Transactions nest: the outermost begin is BEGIN IMMEDIATE, inner ones are
 * savepoints.  Every begin is matched by a commit or a rollback; a commit
 * that fails rolls back (do not roll back after it), and a begin inside a
 * transaction sqlite has already rolled back (after an I/O error or out of
 * memory) fails.
 */
int setara_store__begin(setara_store *st);
int setara_store__commit(setara_store *st);
int setara_store__rollback(setara_store *st);

/*
 * The issuing lock: one process at a time issues into (or recovers) a
 * store, so that recovery never mistakes another process's document in
 * flight for the debris of a crash.  An flock on "PATH.lock", released by
 * the kernel when the process dies.  With @wait 0 a busy lock returns
 * SETARA_EEXISTS at once.  Held until the store is freed.
 */
int setara_store__lock_issuing(setara_store *st, int wait);

/* Set the last error from the connection and return SETARA_ESTORE. */
int setara_store__error(setara_store *st, const char *what);

/* Run SQL with no result rows. */
int setara_store__exec(setara_store *st, const char *sql);

/*
 * A prepared statement kept for the life of the store, looked up by the
 * address of @sql (pass a string literal or a static const char[]).  The
 * statement is reset and its bindings cleared before it is returned; do
 * not finalize it.
 */
int setara_store__stmt(setara_store *st, sqlite3_stmt **out,
	const char *sql);

/* Text of column @i, or NULL. Borrowed until the next step/reset. */
#define setara_store__col_text(s, i) \
	((const char *)sqlite3_column_text((s), (i)))

/* One schema step: run @sql to go from version - 1 to @version. */
typedef struct setara_store__migration {
	int version;
	const char *sql;
} setara_store__migration;

/* Terminates a migration array. */
#define SETARA_STORE_MIGRATIONS_END { 0, NULL }

/*
 * A reference-data loader.  @load sees every data file: if the document
 * element is one it owns, it validates the document (its XSD and its own
 * rules), inserts its rows with @source_id, sets *handled = 1 and returns
 * 0; on bad data it returns SETARA_EINVALID naming @path, line and field.
 * @check runs after all files are loaded, inside the same transaction, to
 * check references across files (a mapping to a level that does not
 * exist); it names the file and line of the offending row.
 */
typedef struct setara_store__loader {
	const char *component;
	int (*load)(setara_store *st, xmlDocPtr doc, const char *path,
		sqlite3_int64 source_id, int *handled);
	int (*check)(setara_store *st);
	/*
	 * The component's facts a maintainer should confirm next, for
	 * setara_store_data_report(): one SELECT of (component, kind,
	 * subject, path, line, confidence, flag, text), or NULL.
	 */
	const char *report;
} setara_store__loader;

/* Source file a row came from, for messages (caller frees), or NULL. */
char *setara_store__source_path(setara_store *st, sqlite3_int64 source_id);

/* Time now as text for the store ("YYYY-MM-DDThh:mm:ssZ"). */
void setara_store__now(char out[21]);

#endif
