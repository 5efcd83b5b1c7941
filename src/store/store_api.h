/*
 * The store's interface for the components above it (qf, credit, cred,
 * mrs): transactions, the statement cache, migrations and loaders, the
 * catalog rows and the register of issued documents.  The store's own
 * files include store_int.h, which adds the handle's layout.
 *
 * Components own their tables: each declares its migrations and its
 * loader in a setara_store__component of its own folder, and src/lib.c
 * registers them all, in dependency order, when the library starts.
 */
#ifndef SETARA_STORE_API_H
#define SETARA_STORE_API_H

#include <stdarg.h>

#include <sqlite3.h>
#include <libxml/tree.h>

#include "setara/store.h"
#include "setara/catalog.h"
#include "setara/register.h"
#include "util/util.h"

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
/* The end of a transaction that came to @error: committed when it is 0
 * (the commit's error, if any, returned), else rolled back and @error
 * returned. */
int setara_store__end(setara_store *st, int error);

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
 * Step @s: 1 a row, 0 no more rows, or SETARA_ESTORE with the last error
 * set ("@what: ...") when sqlite failed.  A failed step is never "no
 * row": an out-of-memory or an I/O error of sqlite is not a missing fact.
 */
int setara_store__step(setara_store *st, sqlite3_stmt *s, const char *what);

/* Bind @v to parameter @i of @s (borrowed until the step), NULL as SQL
 * NULL. */
void setara_store__bind_opt(sqlite3_stmt *s, int i, const char *v);
/*
 * Step @s, a statement that returns no rows (an INSERT, ...), and reset
 * it: 0, or SETARA_ESTORE with the last error set ("@what: ...").
 */
int setara_store__step_done(setara_store *st, sqlite3_stmt *s,
	const char *what);

/*
 * A kept statement (setara_store__stmt()) with its parameters bound in
 * order from the arguments after @types, one letter each: 's' a text
 * (borrowed until the step; NULL binds SQL NULL), 'i' an int, 'I' an
 * sqlite3_int64, '-' none (the parameter stays NULL, for the caller to
 * bind or not).  A parameter left out of @types stays NULL.
 */
int setara_store__prepare(setara_store *st, sqlite3_stmt **out,
	const char *sql, const char *types, ...);
int setara_store__vprepare(setara_store *st, sqlite3_stmt **out,
	const char *sql, const char *types, va_list ap);
/*
 * One statement that returns no rows, in one call: prepared and bound as
 * setara_store__prepare() does, then stepped and reset as
 * setara_store__step_done() does (@what names it in the error).
 */
int setara_store__run(setara_store *st, const char *sql, const char *what,
	const char *types, ...);

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
 * A component that keeps rows in the store, as the library registers it
 * (src/lib.c, in dependency order): its schema steps and, for a component
 * that owns reference data, its loader.
 *
 * @load sees every data file: if the document element is one it owns, it
 * validates the document (its XSD and its own rules), inserts its rows
 * with @source_id, sets *handled = 1 and returns 0; on bad data it returns
 * SETARA_EINVALID naming @path, line and field.  @check runs after all
 * files are loaded, inside the same transaction, to check references
 * across files (a mapping to a level that does not exist); it names the
 * file and line of the offending row.  Both NULL for a component without
 * reference data.
 */
typedef struct setara_store__component {
	const char *name;
	const setara_store__migration *migrations;
	int (*load)(setara_store *st, xmlDocPtr doc, const char *path,
		sqlite3_int64 source_id, int *handled);
	int (*check)(setara_store *st);
	/*
	 * The component's facts a maintainer should confirm next, for
	 * setara_store_data_report(): one SELECT of (component, kind,
	 * subject, path, line, confidence, flag, text), or NULL.
	 */
	const char *report;
} setara_store__component;

/*
 * Set the components, a NULL-terminated list in dependency order, whose
 * migrations run on every open after the store's own and whose loaders
 * see every data file.  Called by setara_init(); the list must outlive
 * every store.  Until it is called, setara_store_open() refuses with
 * SETARA_EUSAGE.
 */
void setara_store__set_components(
	const setara_store__component *const *list);

/* The register's own tables, a component like the others. */
extern const setara_store__component setara_register__component;

/* Source file a row came from, for messages (caller frees), or NULL. */
char *setara_store__source_path(setara_store *st, sqlite3_int64 source_id);

/* Time now as text for the store ("YYYY-MM-DDThh:mm:ssZ"). */
void setara_store__now(char out[21]);

/*
 * The rows of a catalog (setara/catalog.h): each component lists its own
 * tables with one SELECT whose columns are, in order, kind, id, name,
 * country, parent, detail, detail2, source, confidence, status, file and
 * line; this runs it and hands each row to the callback.
 * @return 0, the callback's non-zero value, or SETARA_ESTORE.
 */
int setara_store__catalog(setara_store *st, const char *sql,
	setara_catalog_cb cb, void *payload);

/*
 * The register (register.c): what the issuing path (cred) and the
 * status-list publisher call.
 *
 * Issuing one document, crash-safely:
 *   1. setara_register__reserve(): in one transaction, allocate the next
 *      status index of the issuer's current list (never reused) and insert
 *      a *pending* row naming the output path.
 *   2. build, sign, write the output to a temporary file and fsync it.
 *   3. rename it into place, then setara_register__complete() marks the
 *      row issued with the file's digest.
 * A crash before 3 leaves a pending row and no file: recovery removes the
 * row.  A crash inside 3 leaves a pending row and a complete file:
 * recovery marks it issued.  So there is never a register row without
 * its complete file, nor a file without its row.
 */
typedef struct setara_register__slot {
	char id[46];              /* the new document's urn:uuid */
	char revocation_list[46]; /* status list ids (urn:uuid) */
	char suspension_list[46];
	unsigned long index;      /* the document's index in both lists */
} setara_register__slot;

/* What the register records of a document about to be issued. */
typedef struct setara_register__doc {
	const char *id;             /* urn:uuid; NULL: make a new one */
	const char *type;           /* document element name */
	const char *issuer;         /* issuer id */
	const char *issuer_name;    /* for status lists; may be NULL */
	const char *issuer_country; /* ISO alpha-2; may be NULL */
	const char *subject;        /* subject id */
	const char *record_key;     /* idempotency key; may be NULL */
	const char *path;           /* output file */
	const char *issued;         /* the document's issue time, as it
	                               says it; NULL: now */
} setara_register__doc;

/*
 * Reserve an id and a status index for a document about to be issued.
 * doc->record_key (may be NULL) makes issuing idempotent: when a document with
 * that key is already issued, *existing is set to 1, @out holds its id
 * and nothing is reserved.
 */
int setara_register__reserve(setara_store *st,
	const setara_register__doc *doc, setara_register__slot *out,
	int *existing);

/*
 * A transaction on the register: the store's own (setara_store__begin())
 * with sqlite; with the register on PostgreSQL, one on the server, which
 * the reference data (in the local cache) is not part of.  Nest like
 * setara_store__begin().
 */
int setara_register__begin(setara_store *st);
int setara_register__commit(setara_store *st);
int setara_register__rollback(setara_store *st);

/* Every issuer with a status list, sorted, added to @out. */
int setara_register__issuers(setara_store *st, setara__strlist *out);

/*
 * The file a status list is published to in directory @dir,
 * "DIR/ISSUER-SEQ-PURPOSE" + @ext (purpose revocation or suspension; @ext
 * ".xml" or ".json", one per format); caller frees *out.
 */
int setara_register__list_file(setara_store *st, const char *dir,
	const char *list_id, const char *ext, char **out);

/* Name and country of an issuer as the register knows them; caller frees. */
int setara_register__issuer(setara_store *st, const char *issuer,
	char **name, char **country);

/* Mark a reserved document issued; @digest is the output's SHA-256 hex. */
int setara_register__complete(setara_store *st, const char *id,
	const char *digest);

/* Give up a reservation that failed before its file was written. */
int setara_register__abandon(setara_store *st, const char *id);

/*
 * The bits of one status list (by list id, revocation or suspension), as
 * many bytes as the list has entries / 8.  Caller frees *bits.  Also
 * returns the issuer and purpose ("revocation" or "suspension").
 */
int setara_register__list_bits(setara_store *st, const char *list_id,
	unsigned char **bits, size_t *nbytes, char **issuer, char **purpose);

/*
 * A document of issuer @issuer issued through this register: its status
 * and its entry (lists and index).  SETARA_ENOTFOUND (no message set)
 * when the register did not issue it -- also when its row of that id is
 * another issuer's: an id is the document's word, and another issuer's
 * document must never get the status of ours.
 */
int setara_register__entry(setara_store *st, const char *id,
	const char *issuer, setara_doc_status *status,
	setara_register__slot *slot);

/*
 * The change counter of one status list (by list id): bumped in the
 * transaction that sets or clears one of its bits (revoke, suspend,
 * reinstate); *suspension says which of the pair it is.  Read it before
 * the bits: a change between the two makes the next publication write the
 * list again, never skip it.
 */
int setara_register__list_changes(setara_store *st, const char *list_id,
	sqlite3_int64 *changes, int *suspension);

/* What was last written of a list to one file. */
typedef struct setara_register__publication {
	sqlite3_int64 changes;      /* the list's change counter it shows */
	char signed_with[65];       /* SHA-256 hex: signer, issuer */
	char digest[65];            /* SHA-256 hex of the file */
	unsigned long entries_set;  /* bits set */
	char valid_until[21];
} setara_register__publication;

/*
 * The last publication of @list_id to @path (absolute).  SETARA_ENOTFOUND
 * (no message set) when none is recorded.
 */
int setara_register__publication_get(setara_store *st, const char *list_id,
	const char *path, setara_register__publication *out);

/*
 * Record that @list_id was written to @path (absolute), with its audit
 * entry, in one transaction.  Call after the file is in place: a crash
 * in between leaves the file unrecorded, and the next publication writes
 * it again.
 */
int setara_register__publication_set(setara_store *st, const char *list_id,
	const char *path, const setara_register__publication *p);

/* Ids of every status list of @issuer (NULL: all issuers). */
int setara_register__lists(setara_store *st, const char *issuer,
	setara__strlist *out);

#endif
