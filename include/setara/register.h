/*
 * setara: the register of issued documents -- their status (revocation,
 * suspension), the listing and history of what was issued, and recovery
 * of interrupted issuing.  Kept in the store (src/store/register.c);
 * issuing, batches and status-list publishing are in cred.h.
 *
 * Thread-safety: these calls take the store handle, which is not
 * thread-safe (store.h).
 */
#ifndef SETARA_REGISTER_H
#define SETARA_REGISTER_H

#include "common.h"
#include "store.h"

SETARA_BEGIN_DECL

/* ---- the register of issued documents ---------------------------------- */

/** Status of an issued document in the register. */
typedef enum {
	SETARA_DOC_ACTIVE = 0,
	SETARA_DOC_REVOKED,   /**< permanent */
	SETARA_DOC_SUSPENDED  /**< reversible with setara_register_reinstate */
} setara_doc_status;

/**
 * Revoke an issued document (permanent), suspend it, or lift a suspension.
 * Each change is recorded with its reason and time in the append-only
 * history and the audit log, in one transaction.  Revoking a revoked
 * document changes nothing: SETARA_EEXISTS, the message giving the first
 * revocation's time and reason, which stand.
 *
 * @param id the document's id (urn:uuid:...).
 * @param reason why; required, one line.
 * @return 0; SETARA_ENOTFOUND for an unknown id; SETARA_EINVALID when the
 *         change is not possible (reinstate a document that is not
 *         suspended, suspend a revoked one); SETARA_EEXISTS for a
 *         revoked one revoked again; SETARA_ESTORE.
 */
SETARA_EXTERN(int) setara_register_revoke(setara_store *st, const char *id,
	const char *reason);
SETARA_EXTERN(int) setara_register_suspend(setara_store *st,
	const char *id, const char *reason);
SETARA_EXTERN(int) setara_register_reinstate(setara_store *st,
	const char *id, const char *reason);

/**
 * Status of a registered document.
 * @return 0 and *out, or SETARA_ENOTFOUND.
 */
SETARA_EXTERN(int) setara_register_status(setara_doc_status *out,
	setara_store *st, const char *id);

/* ---- reading the register and the audit log ---------------------------- */

/** One issued document, as the register holds it.  Borrowed: valid
 *  during the callback only. */
typedef struct setara_register_entry {
	const char *id;              /**< urn:uuid:... */
	const char *type;            /**< transcript, certificate, ... */
	const char *subject;
	const char *issuer;
	const char *issuer_name;     /**< may be NULL */
	const char *issuer_country;  /**< may be NULL */
	const char *path;            /**< the output file, as issued */
	const char *digest;          /**< SHA-256 of the file, hex */
	const char *issued_at;       /**< UTC, YYYY-MM-DDTHH:MM:SSZ */
	const char *revocation_list; /**< status list ids (urn:uuid:...) */
	const char *suspension_list;
	unsigned long status_index;  /**< the index in both lists */
	setara_doc_status status;
} setara_register_entry;

/** What setara_register_list() selects; NULL or 0 fields select all. */
typedef struct setara_register_query {
	int version;          /**< SETARA_REGISTER_QUERY_VERSION */
	const char *id;       /**< one document */
	const char *type;
	const char *subject;
	const char *issuer;
	int status;           /**< -1 any, else a setara_doc_status */
	unsigned long limit;  /**< at most this many (the latest); 0: all */
} setara_register_query;

#define SETARA_REGISTER_QUERY_VERSION 1
#define SETARA_REGISTER_QUERY_INIT \
	{ SETARA_REGISTER_QUERY_VERSION, NULL, NULL, NULL, NULL, -1, 0 }

/** Called per row; a non-zero return stops the walk and is returned. */
typedef int (*setara_register_cb)(const setara_register_entry *e,
	void *payload);

/**
 * Walk the issued documents that @p q selects (all when NULL), oldest
 * first.  @p q must begin as SETARA_REGISTER_QUERY_INIT.  Pending rows (issuing in progress, or interrupted before
 * recovery) are not shown.  Memory does not grow with the register.
 *
 * @param[out] count the number of rows walked; may be NULL.
 * @return 0; the callback's non-zero value; SETARA_ENOTFOUND when @p q
 *         names an id the register did not issue; SETARA_EUSAGE for a bad
 *         query; SETARA_ESTORE.
 */
SETARA_EXTERN(int) setara_register_list(setara_store *st,
	const setara_register_query *q, setara_register_cb cb, void *payload,
	unsigned long *count);

/** One change of a document's status (revoke, suspend, reinstate). */
typedef struct setara_register_change {
	const char *action;
	const char *reason;
	const char *at;
} setara_register_change;

/**
 * Walk the status history of document @p id, oldest first.  The callback
 * must not call setara_register_history() itself.
 * @return 0; the callback's non-zero value; SETARA_ENOTFOUND for an id not
 *         in the register; SETARA_ESTORE.
 */
SETARA_EXTERN(int) setara_register_history(setara_store *st,
	const char *id, int (*cb)(const setara_register_change *ch,
	void *payload), void *payload);

/**
 * Finish or undo issuing that a crash interrupted: a pending register row
 * whose output file is complete becomes issued; one without its file is
 * removed (its status index stays used: indexes are never reused), and
 * its temporary file deleted.  Runs at `setara init` and before issuing.
 *
 * @param repaired set to the number of rows settled, when not NULL.
 */
SETARA_EXTERN(int) setara_register_recover(setara_store *st,
	unsigned *repaired);

/**
 * Move a register from sqlite to PostgreSQL: copy every row of the
 * register of the sqlite store @p path (issued documents, status lists
 * with their next indexes, history, publications, audit log) into the
 * register of @p st, which must be on PostgreSQL and empty, in one
 * transaction.  The sqlite store must have no document being issued.
 *
 * @param[out] rows the rows copied; may be NULL.
 * @return 0; SETARA_EUSAGE when @p st is not on PostgreSQL;
 *         SETARA_EEXISTS when it is not empty; SETARA_EINVALID for a
 *         store with pending rows or another schema; SETARA_EIO;
 *         SETARA_ESTORE.
 */
SETARA_EXTERN(int) setara_register_import(setara_store *st,
	const char *path, unsigned long *rows);

/**
 * Write the register of @p st, on either backend, into a new sqlite store
 * at @p path: every row of the status lists (with their next indexes), the
 * issued documents in their order, their history, the publications and
 * the audit log, read as one snapshot.  The file is made under a
 * temporary name beside @p path, readable by its owner only, and takes
 * its name when complete: @p path is whole or absent.  Its reference data
 * is empty (`setara --db PATH init` loads it); setara_register_import()
 * moves it into PostgreSQL.  Reading only: a verifier's role will do.
 *
 * @param[out] rows the rows copied; may be NULL.
 * @return 0; SETARA_EEXISTS when @p path exists; SETARA_EINVALID while a
 *         document is being issued (a pending row); SETARA_EIO;
 *         SETARA_ESTORE.
 */
SETARA_EXTERN(int) setara_register_export(setara_store *st,
	const char *path, unsigned long *rows);

SETARA_END_DECL

#endif
