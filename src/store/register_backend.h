/*
 * The register's backend, private to src/store: the operations whose
 * SQL differs between the databases that can hold the register, as one
 * table of function pointers (the way libgit2 has git_refdb_backend and
 * SQLite its VFS).  The store holds a pointer to its backend
 * (st->backend), set where it is opened: the sqlite one
 * (setara_register__sqlite, register.c) by default, the PostgreSQL one
 * (setara_pg__backend, register_pg.c) for a postgresql:// URL.
 *
 * The front functions (setara_register_*, setara_register__* and the
 * store's audit and issuing lock) keep what both databases do alike --
 * argument checks, the output zeroed, the absolute path, the issuing
 * lock, the usage messages -- and then call the member; a member is
 * handed checked arguments and zeroed outputs.  Errors are set as
 * everywhere: a negative code with the last error set.
 */
#ifndef SETARA_STORE_REGISTER_BACKEND_H
#define SETARA_STORE_REGISTER_BACKEND_H

#include "store_int.h"

typedef struct setara_register__backend {
	/*
	 * A transaction on the register, nested as setara_store__begin()
	 * nests them (a savepoint inside an open one).  rollback returns 0
	 * and keeps the error that made the caller roll back.
	 */
	int (*begin)(setara_store *st);
	int (*commit)(setara_store *st);
	int (*rollback)(setara_store *st);

	/*
	 * Take the issuing lock for the life of the store handle (0 when
	 * held already); with @wait 0, SETARA_EEXISTS while another process
	 * holds it.  A backend on which several processes issue at once
	 * takes a token of its own instead and never refuses.
	 */
	int (*lock_issuing)(setara_store *st, int wait);

	/*
	 * Reserve, in a transaction of its own, or inside the caller's when
	 * one is open (there a failure may fail the caller's transaction:
	 * PostgreSQL takes no savepoint for it): the record key's document when one is issued (*existing 1, nothing
	 * reserved; SETARA_EEXISTS while it is pending), else an id (@d's
	 * or a new UUID) and the next index of the issuer's current list (a
	 * new list when full), in a pending row with the output's absolute
	 * @path.  An id the register holds already is SETARA_EEXISTS.  On a
	 * server shared by several processes, run again when another one
	 * inserted the same record key first.  @out is zeroed and the
	 * issuing lock held.
	 */
	int (*reserve)(setara_store *st, const setara_register__doc *d,
		const char *path, setara_register__slot *out, int *existing);
	/* The pending row @id issued with @digest, and the audit entry
	 * "issue", in one transaction (or in the caller's, when one is
	 * open); SETARA_ESTORE when @id is not pending.  Inside the
	 * caller's transaction a backend may send it without waiting for
	 * the answer (PostgreSQL's pipeline mode): its failure then comes
	 * from the next statement that waits, at the latest the commit,
	 * which fails the caller's transaction. */
	int (*complete)(setara_store *st, const char *id, const char *digest);
	/* Delete the pending row @id (nothing when there is none); no
	 * transaction of its own (answered later inside one, as complete). */
	int (*abandon)(setara_store *st, const char *id);
	/*
	 * Settle, in one transaction, the pending rows no live process is
	 * issuing: a row whose file is @complete is issued with its digest,
	 * any other loses its row and its file (audit "recover", "completed"
	 * or "abandoned"); then @remove_temps on the settled paths, and
	 * *repaired (may be NULL) the rows settled.  The issuing lock has
	 * been taken without waiting.
	 */
	int (*recover)(setara_store *st, unsigned *repaired,
		int (*complete)(const char *path, const char *id,
		char digest[65]),
		void (*remove_temps)(setara__strlist *paths));
	/*
	 * Revoke, suspend or reinstate (@action, its word) the issued
	 * document @id for the checked @reason: its status, the list's
	 * change counter, the history row and the audit entry in one
	 * transaction; not_issued() for a document not issued (or pending),
	 * the errors of setara_register__transition() and
	 * setara_register__already_revoked() (pg.h) for one the action does
	 * not apply to.
	 */
	int (*change_status)(setara_store *st, const char *id,
		const char *reason, const char *action);
	/* The status of the issued document @id; not_issued() when none
	 * (*out is SETARA_DOC_ACTIVE on entry). */
	int (*status)(setara_doc_status *out, setara_store *st,
		const char *id);

	/* setara_register__list_bits(), with its outputs zeroed: the set
	 * bits of the list's status, from setara_register__bits_new(). */
	int (*list_bits)(setara_store *st, const char *list_id,
		unsigned char **bits, size_t *nbytes, char **issuer,
		char **purpose);
	/* setara_register__list_changes() (outputs zeroed; no_list() for an
	 * unknown list). */
	int (*list_changes)(setara_store *st, const char *list_id,
		sqlite3_int64 *changes, int *suspension);
	/* setara_register__publication_get() (@out zeroed; SETARA_ENOTFOUND
	 * with no message when none is recorded). */
	int (*publication_get)(setara_store *st, const char *list_id,
		const char *path, setara_register__publication *out);
	/* Insert or replace the publication of @list_id to @path, stamped
	 * now, with the audit entry "publish", in one transaction. */
	int (*publication_set)(setara_store *st, const char *list_id,
		const char *path, const setara_register__publication *p);
	/* The revocation then suspension id of each list of @issuer (NULL:
	 * all), by issuer and number, added to @out. */
	int (*lists)(setara_store *st, const char *issuer,
		setara__strlist *out);
	/* setara_register__issuers_sql's rows added to @out. */
	int (*issuers)(setara_store *st, setara__strlist *out);
	/* setara_register__list_file() (*out NULL on entry): the row of
	 * setara_register__list_file_sql through
	 * setara_register__list_path(). */
	int (*list_file)(setara_store *st, const char *dir,
		const char *list_id, const char *ext, char **out);
	/* setara_register__issuer_sql's row through
	 * setara_register__issuer_row() (both outputs NULL on entry). */
	int (*issuer)(setara_store *st, const char *issuer, char **name,
		char **country);
	/* setara_register__entry() (@slot zeroed, *status active on
	 * entry). */
	int (*entry)(setara_store *st, const char *id, const char *issuer,
		setara_doc_status *status, setara_register__slot *slot);

	/*
	 * setara_register_list() on a checked query: the issued documents
	 * matching it, in issuing order (the latest q->limit when limited),
	 * to @cb until it returns non-zero (returned unchanged); *count
	 * (may be NULL) the rows handed out; not_issued() when q->id
	 * matched none.  Memory stays flat whatever the register's size.
	 */
	int (*list)(setara_store *st, const setara_register_query *q,
		setara_register_cb cb, void *payload, unsigned long *count);
	/* setara_register_history(): not_issued() for a document not
	 * issued, else its changes in order to @cb. */
	int (*history)(setara_store *st, const char *id,
		int (*cb)(const setara_register_change *ch, void *payload),
		void *payload);

	/* Append to the audit log, stamped now (setara_store_audit()). */
	int (*audit)(setara_store *st, const char *action, const char *object,
		const char *detail);
	/* setara_store_audit_list(): the @last entries (0: all) of @action
	 * (NULL: every action), oldest first, to @cb. */
	int (*audit_list)(setara_store *st, const char *action,
		unsigned long last,
		int (*cb)(const setara_audit_entry *e, void *payload),
		void *payload);

	/*
	 * Copy the register of the sqlite store @path, whole, into this
	 * empty register in one transaction; *rows counts the rows.  NULL
	 * for a backend a register does not move into (sqlite).
	 */
	int (*import)(setara_store *st, const char *path,
		unsigned long *rows);
	/*
	 * Copy every row of the register, as one snapshot, into the tables
	 * of the new sqlite database @dst (in its transaction; @path names
	 * it in messages), in setara_register__moved's order; *rows counts
	 * them.  Refused while a document is being issued.
	 */
	int (*export)(setara_store *st, sqlite3 *dst, const char *path,
		unsigned long *rows);

	/* The store's name in messages (setara_store_name()). */
	const char *(*name)(const setara_store *st);
	/* Release what the backend holds (may be NULL: nothing beyond the
	 * store's own); the store is freed next. */
	void (*close)(setara_store *st);
} setara_register__backend;

/* The sqlite register, in the store's own file (register.c). */
extern const setara_register__backend setara_register__sqlite;

/* Its members that live beside the code they share: the issuing lock
 * file and the audit log of the store's core (store.c), the export
 * (register_move.c). */
int setara_store__sqlite_lock(setara_store *st, int wait);
int setara_store__sqlite_audit(setara_store *st, const char *action,
	const char *object, const char *detail);
int setara_store__sqlite_audit_list(setara_store *st, const char *action,
	unsigned long last,
	int (*cb)(const setara_audit_entry *e, void *payload), void *payload);
int setara_register__sqlite_export(setara_store *st, sqlite3 *dst,
	const char *path, unsigned long *rows);

#endif
