/*
 * The register on PostgreSQL (register_pg.c), private to src/store: the
 * same operations as register.c, on a server shared by several issuing
 * and verifying nodes.  A store whose --db is a postgresql:// URL keeps
 * its reference data in a local sqlite cache and its register here; the
 * functions of register.c hand over to these when st->pg is set.
 */
#ifndef SETARA_STORE_PG_H
#define SETARA_STORE_PG_H

#include "store_int.h"

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

/* Connect, and create or migrate the register's schema unless
 * @readonly. */
int setara_pg__open(setara_store *st, const char *conninfo, int readonly);
void setara_pg__close(setara_store *st);

/* The register's URL without user, password and options. */
const char *setara_pg__name(const setara_store *st);

int setara_pg__begin(setara_store *st);
int setara_pg__commit(setara_store *st);
int setara_pg__rollback(setara_store *st);
int setara_pg__lock_issuing(setara_store *st);

/* The audit log's INSERT, which both databases run (store.c). */
extern const char setara_store__audit_sql[];
int setara_pg__audit(setara_store *st, const char *action,
	const char *object, const char *detail);
int setara_pg__audit_list(setara_store *st, const char *action,
	unsigned long last,
	int (*cb)(const setara_audit_entry *e, void *payload), void *payload);

int setara_pg__reserve(setara_store *st, const setara_register__doc *d,
	const char *path, setara_register__slot *out, int *existing);
int setara_pg__complete(setara_store *st, const char *id,
	const char *digest);
int setara_pg__abandon(setara_store *st, const char *id);
int setara_pg__recover(setara_store *st, unsigned *repaired,
	int (*complete)(const char *path, const char *id, char digest[65]),
	void (*remove_temps)(setara__strlist *paths));
int setara_pg__change_status(setara_store *st, const char *id,
	const char *reason, const char *action);
int setara_pg__status(setara_doc_status *out, setara_store *st,
	const char *id);
int setara_pg__list_bits(setara_store *st, const char *list_id,
	unsigned char **bits, size_t *nbytes, char **issuer, char **purpose);
int setara_pg__list_changes(setara_store *st, const char *list_id,
	sqlite3_int64 *changes, int *suspension);
int setara_pg__publication_get(setara_store *st, const char *list_id,
	const char *path, setara_register__publication *out);
int setara_pg__publication_set(setara_store *st, const char *list_id,
	const char *path, const setara_register__publication *p);
int setara_pg__lists(setara_store *st, const char *issuer,
	setara__strlist *out);
int setara_pg__issuers(setara_store *st, setara__strlist *out);
int setara_pg__list_file(setara_store *st, const char *dir,
	const char *list_id, const char *ext, char **out);
int setara_pg__issuer(setara_store *st, const char *issuer, char **name,
	char **country);
int setara_pg__entry(setara_store *st, const char *id, const char *issuer,
	setara_doc_status *status, setara_register__slot *slot);
int setara_pg__list(setara_store *st, const setara_register_query *q,
	setara_register_cb cb, void *payload, unsigned long *count);
int setara_pg__history(setara_store *st, const char *id,
	int (*cb)(const setara_register_change *ch, void *payload),
	void *payload);

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

/* Copy the register of the sqlite store @path into this empty one. */
int setara_pg__import(setara_store *st, const char *path,
	unsigned long *rows);

/* Copy every row of the register, as one snapshot, into the register of
 * the new sqlite database @dst (in its transaction); *rows counts them.
 * Refused while a document is being issued. */
int setara_pg__export(setara_store *st, sqlite3 *dst, const char *path,
	unsigned long *rows);

#endif
