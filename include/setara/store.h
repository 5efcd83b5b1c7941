/*
 * setara: the embedded store (sqlite3).
 *
 * One store file holds the loaded reference data (with the SHA-256 of each
 * source file), the register of issued documents, revocations and an
 * append-only audit log.  The file is opened in WAL mode with foreign keys
 * on; every multi-row change runs in one transaction.
 *
 * Thread-safety: a store handle is not thread-safe; use it from one thread
 * at a time, or open one handle per thread (several handles and processes
 * may share the file: SQLite serialises the writers).  The same holds for
 * every call that takes a handle, in any header, and for an object that
 * keeps one (a transfer rules object, credit.h).  A verifier made with a
 * store takes a lock around it (cred.h), so it may be shared, but its
 * threads then wait for each other: a server gives each worker thread its
 * own handle (SETARA_STORE_READONLY) and its own verifier over it, as
 * `setara serve` does (docs/serve.md).  Errors are per thread
 * (errors.h).
 */
#ifndef SETARA_STORE_H
#define SETARA_STORE_H

#include "common.h"

SETARA_BEGIN_DECL

typedef struct setara_store setara_store;

/** Flags for setara_store_open(). */
#define SETARA_STORE_READONLY 0x01 /**< open an existing store read-only */

/**
 * Open (creating it when missing) the store at @p path and bring its schema
 * up to date.
 *
 * @param[out] out the store; free it with setara_store_free().
 * @param path file name of the store, or a postgresql:// URL: the
 *        register (issued documents, status lists, revocations, audit
 *        log) on that server, the reference data in the local cache
 *        (setara_store_local_path()).
 * @param flags SETARA_STORE_* flags.
 * @return 0, SETARA_ESTORE or SETARA_EIO.
 */
SETARA_EXTERN(int) setara_store_open(setara_store **out, const char *path,
	unsigned int flags);

/**
 * setara_store_open() with the reference-data cache of a PostgreSQL
 * register named: @p cache, or NULL for "setara-cache.db" in the working
 * directory (the library reads no environment: the command line passes
 * $SETARA_CACHE here).  For a sqlite store @p cache is not used.
 */
SETARA_EXTERN(int) setara_store_open_cached(setara_store **out,
	const char *path, const char *cache, unsigned int flags);

/**
 * Whether @p db can name a store: SETARA_EUSAGE (error set, @p db not
 * repeated) for a libpq "key=value" connection string, which would
 * otherwise be taken as a file name -- a PostgreSQL register is named by
 * a postgresql:// URL.  0 otherwise.
 */
SETARA_EXTERN(int) setara_store_name_check(const char *db);

/**
 * The local sqlite file of the store named @p db: @p db itself, or, when
 * @p db is a postgresql:// URL (the register on PostgreSQL), the cache of
 * reference data: @p cache, or "setara-cache.db" when it is NULL.
 */
SETARA_EXTERN(const char *) setara_store_local_path(const char *db,
	const char *cache);

/**
 * The store's name for messages: its file, or its PostgreSQL URL without
 * user, password and options.
 */
SETARA_EXTERN(const char *) setara_store_name(const setara_store *st);

/** Close the store.  NULL-safe. */
SETARA_EXTERN(void) setara_store_free(setara_store *st);

/** Summary of one load of the reference data. */
typedef struct setara_load_stats {
	int version;        /**< struct version, SETARA_LOAD_STATS_VERSION */
	unsigned files;     /**< data files seen */
	unsigned loaded;    /**< files (re)loaded because new or changed */
	unsigned unchanged; /**< files skipped, same content hash */
	unsigned removed;   /**< files gone from the data directory */
} setara_load_stats;

#define SETARA_LOAD_STATS_VERSION 1
#define SETARA_LOAD_STATS_INIT { SETARA_LOAD_STATS_VERSION, 0, 0, 0, 0 }

/**
 * Validate and load every reference-data file under @p datadir
 * (frameworks/ and mappings/) in one transaction.
 *
 * Unchanged files (same content hash) are skipped; a changed file replaces
 * its old rows; rows of removed files are deleted.  On any error the store
 * is left exactly as it was and the last error names file, line and field.
 *
 * @param stats filled when not NULL.
 * @return 0, SETARA_EINVALID (bad data), SETARA_EIO or SETARA_ESTORE.
 */
SETARA_EXTERN(int) setara_store_load(setara_store *st, const char *datadir,
	setara_load_stats *stats);

/**
 * One fact of the loaded reference data a maintainer should confirm next:
 * below high confidence, or a level link not confirmed from a
 * referencing report's own table.  Strings borrowed for the callback only.
 */
typedef struct setara_data_fact {
	const char *component;   /**< qf, credit, mrs */
	const char *kind;        /**< level-link, referencing, total, ... */
	const char *subject;     /**< what it is about, "id-kkni:8 -> aqrf:7" */
	const char *file;        /**< data file, relative to the data root */
	int line;
	const char *confidence;  /**< high, medium, low */
	const char *flag;        /**< why else it is listed, or NULL
	                              ("table assumed, indicative") */
	const char *text;        /**< its text or note, or NULL */
} setara_data_fact;

/**
 * Walk every fact below high confidence and every level link whose table
 * is not confirmed, component by component, in file and line order
 * (sample data left out).  @p cb may return non-zero to stop; that value
 * is returned.
 *
 * @return 0, the callback's value, or SETARA_ESTORE.
 */
SETARA_EXTERN(int) setara_store_data_report(setara_store *st,
	int (*cb)(const setara_data_fact *fact, void *payload),
	void *payload);

/**
 * Whether reference data has been loaded into the store.
 * @return 1 if loaded, 0 if not, negative on store error.
 */
SETARA_EXTERN(int) setara_store_is_loaded(setara_store *st);

/**
 * Whether the store holds the reference data of @p datadir as it is now
 * (a stamp of the files' paths, sizes and times, taken at the last load).
 * @return 1 current, 0 to be (re)loaded, negative on error.
 */
SETARA_EXTERN(int) setara_store_is_current(setara_store *st,
	const char *datadir);

/**
 * Append one row to the audit log (in its own transaction unless one is
 * open).  @p object and @p detail may be NULL.
 */
SETARA_EXTERN(int) setara_store_audit(setara_store *st, const char *action,
	const char *object, const char *detail);

/** One entry of the audit log. */
typedef struct setara_audit_entry {
	long long seq;       /**< its number; grows, never reused */
	const char *at;
	const char *action;  /**< load, issue, recover, revoke, suspend,
	                          reinstate, publish */
	const char *object;  /**< may be NULL */
	const char *detail;  /**< may be NULL */
} setara_audit_entry;

/**
 * Walk the audit log, oldest first: the last @p last entries (0: all),
 * only those of @p action when not NULL.  The callback must not write to
 * the store (an audit entry would join the walk) nor call
 * setara_store_audit_list() itself.
 * @return 0; the callback's non-zero value; SETARA_ESTORE.
 */
SETARA_EXTERN(int) setara_store_audit_list(setara_store *st,
	const char *action, unsigned long last,
	int (*cb)(const setara_audit_entry *e, void *payload),
	void *payload);

SETARA_END_DECL

#endif
