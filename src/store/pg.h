/*
 * The register on PostgreSQL (register_pg.c), private to src/store: the
 * same operations as register.c, on a server shared by several issuing
 * and verifying nodes.  A store whose --db is a postgresql:// URL keeps
 * its reference data in a local sqlite cache and its register here,
 * through the backend setara_pg__backend (register_backend.h).  Also
 * what register.c, register_move.c and register_pg.c share.
 */
#ifndef SETARA_STORE_PG_H
#define SETARA_STORE_PG_H

#include "register_backend.h"

/* Is @db a PostgreSQL connection URL (postgresql:// or postgres://)? */
int setara_pg__is_url(const char *db);

/* @db with its user, password and parameters left out, for messages;
 * caller frees. */
char *setara_pg__redact(const char *db);

/* Shared with register.c: the error for an id the register did not
 * issue, and a status column's value as a setara_doc_status. */
int setara_register__not_issued(const char *id);
setara_doc_status setara_register__status_of(const char *v);
#define not_issued setara_register__not_issued
#define status_of setara_register__status_of

/*
 * The issuer's name and country, copied into *name and *country from
 * @n and @c (each NULL for a NULL column) when a row was @found; the
 * error for an issuer with no list when none was.
 */
int setara_register__issuer_row(const char *issuer, int found,
	const char *n, const char *c, char **name, char **country);

/*
 * A list's bits as setara_register__list_bits() hands them out, for a
 * list of @size entries of @list_issuer: *bits zeroed, copies in *issuer
 * and *purpose; SETARA_ENOMEM with all three NULL.  _free frees the
 * three and sets them NULL.
 */
int setara_register__bits_new(size_t size, const char *list_issuer,
	int revocation, unsigned char **bits, size_t *nbytes, char **issuer,
	char **purpose);
void setara_register__bits_free(unsigned char **bits, char **issuer,
	char **purpose);

/* Statements both databases run as they are (their parameters $1, ...,
 * which sqlite numbers in the order they first appear). */
extern const char setara_register__issued_sql[];
extern const char setara_register__history_sql[];
extern const char setara_register__issuers_sql[];
extern const char setara_register__issuer_sql[];
extern const char setara_register__list_file_sql[];
extern const char setara_register__list_changes_sql[];
extern const char setara_register__status_sql[];
extern const char setara_register__entry_sql[];
extern const char setara_register__publication_sql[];
extern const char setara_register__revoked_sql[];
extern const char setara_register__set_status_sql[];
extern const char setara_register__change_sql[];

/*
 * Where @action (revoke, suspend, reinstate) takes document @id from
 * status @cur: *to, its new status, and whether its revocation and
 * suspension bits change (a list's bit changes when the document enters
 * or leaves that list's status).  SETARA_EINVALID with its message when
 * the action does not apply to @cur; 1 when the document is revoked
 * already: setara_register__already_revoked() then says since when.
 */
int setara_register__transition(const char *id, const char *cur,
	const char *action, const char **to, int *revocation, int *suspension);
/* The error for revoking @id again: its first revocation's time @at and
 * @reason (a row of setara_register__revoked_sql), or @at NULL. */
int setara_register__already_revoked(const char *id, const char *at,
	const char *reason);

/* The error for a list id the register has no list for. */
int setara_register__no_list(const char *list_id);
/* The file a list is written to: DIR/ISSUER-SEQ-PURPOSE.EXT (caller
 * frees; NULL when memory runs out). */
char *setara_register__list_path(const char *dir, const char *issuer,
	const char *seq, int revocation, const char *ext);

/*
 * The columns both databases give the register's tables, in words both
 * read alike (register_move.c copies them from one to the other): those
 * of status_list after its key, those of issued from status_index to
 * issued_at, and those of status_change after its key.
 */
#define SETARA_REGISTER__LIST_COLUMNS \
	" issuer TEXT NOT NULL," \
	" issuer_name TEXT," \
	" issuer_country TEXT," \
	" seq INTEGER NOT NULL," \
	" revocation_id TEXT NOT NULL UNIQUE," \
	" suspension_id TEXT NOT NULL UNIQUE," \
	" size INTEGER NOT NULL," \
	" next_index INTEGER NOT NULL DEFAULT 0" \
	"  CHECK (next_index >= 0 AND next_index <= size)," \
	" created_at TEXT NOT NULL," \
	" UNIQUE (issuer, seq));"
#define SETARA_REGISTER__ISSUED_COLUMNS \
	" status_index INTEGER NOT NULL," \
	" record_key TEXT UNIQUE," \
	" path TEXT NOT NULL," \
	" digest TEXT," \
	" state TEXT NOT NULL CHECK (state IN ('pending', 'issued'))," \
	" status TEXT NOT NULL DEFAULT 'active'" \
	"  CHECK (status IN ('active', 'revoked', 'suspended'))," \
	" issued_at TEXT NOT NULL,"
#define SETARA_REGISTER__CHANGE_COLUMNS \
	" document TEXT NOT NULL REFERENCES issued(id)," \
	" action TEXT NOT NULL" \
	"  CHECK (action IN ('revoke', 'suspend', 'reinstate'))," \
	" reason TEXT NOT NULL," \
	" at TEXT NOT NULL);"

/*
 * Connect, and create or migrate the register's schema unless
 * @readonly; st->backend is setara_pg__backend already, whose close
 * releases what a failed open left.
 */
int setara_pg__open(setara_store *st, const char *conninfo, int readonly);

/* The register on PostgreSQL. */
extern const setara_register__backend setara_pg__backend;

/* The audit log's INSERT, which both databases run (store.c). */
extern const char setara_store__audit_sql[];

/* The register's tables in the order their rows can go in (referenced
 * rows first), with the columns both backends have, the order of their
 * rows on sqlite and the serial column on PostgreSQL (NULL: none; the
 * order there too).  register_move.c. */
typedef struct setara_register__table {
	const char *table, *columns, *order, *seq;
} setara_register__table;
extern const setara_register__table setara_register__moved[];
extern const size_t setara_register__nmoved;
/* "INSERT INTO table (columns) VALUES (?, ...)" of @m into @sql, and
 * *ncol, the number of its columns. */
int setara_register__insert_sql(setara_buf *sql,
	const setara_register__table *m, int *ncol);
/* The refusal to export the register @name while @pending documents are
 * being issued. */
int setara_register__export_busy(const char *name, long long pending);

#endif
