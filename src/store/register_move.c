/*
 * Moving a register between stores: `setara register export` writes the
 * register of a store, on either backend, into a new sqlite store; the
 * way back into PostgreSQL is setara_register_import() (register.c, with
 * the copy in register_pg.c).  A register moves whole: the status lists
 * with their next indexes, the issued documents in their order, their
 * history, the publications and the audit log, so that the documents
 * already issued and the lists already published stay right.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "pg.h"

const setara_register__table setara_register__moved[] = {
	{ "status_list", "id, issuer, issuer_name, issuer_country, seq,"
	  " revocation_id, suspension_id, size, next_index, created_at,"
	  " revocation_changes, suspension_changes", "id", "id" },
	{ "issued", "id, type, subject, issuer, list, status_index,"
	  " record_key, path, digest, state, status, issued_at", "rowid",
	  "seqno" },
	{ "status_change", "id, document, action, reason, at", "id", "id" },
	{ "status_publication", "list, path, changes, signed_with, digest,"
	  " entries_set, valid_until, published_at", "list, path", NULL },
	{ "audit", "id, at, action, object, detail", "id", "id" },
};
const size_t setara_register__nmoved = sizeof(setara_register__moved) /
	sizeof(setara_register__moved[0]);

int setara_register__insert_sql(setara_buf *sql,
	const setara_register__table *m, int *ncol)
{
	int i, error;

	for (i = 0, *ncol = 1; m->columns[i]; i++)
		*ncol += m->columns[i] == ',';
	error = setara_buf_printf(sql, "INSERT INTO %s (%s) VALUES (?",
		m->table, m->columns);
	for (i = 1; i < *ncol && error == 0; i++)
		error = setara_buf_puts(sql, ", ?");
	return error < 0 ? error : setara_buf_puts(sql, ")");
}

static int sq_error(sqlite3 *db, const char *path, const char *what)
{
	return setara_error__set(SETARA_ESTORE, SETARA_ERROR_STORE, path, 0,
		NULL, "%s: %s", what, sqlite3_errmsg(db));
}

/* Copy the rows of table @t from @src to @dst, in their order. */
static int copy_table(sqlite3 *src, const char *src_name, sqlite3 *dst,
	const char *dst_name, size_t t, unsigned long *n)
{
	const setara_register__table *m = &setara_register__moved[t];
	setara_buf sql = SETARA_BUF_INIT;
	sqlite3_stmt *sel = NULL, *ins = NULL;
	int i, ncol, rc, error;

	if ((error = setara_buf_printf(&sql, "SELECT %s FROM %s ORDER BY %s",
	    m->columns, m->table, m->order)) < 0)
		goto done;
	if (sqlite3_prepare_v2(src, sql.ptr, -1, &sel, NULL) != SQLITE_OK) {
		error = sq_error(src, src_name, m->table);
		goto done;
	}
	setara_buf_clear(&sql);
	if ((error = setara_register__insert_sql(&sql, m, &ncol)) < 0)
		goto done;
	if (sqlite3_prepare_v2(dst, sql.ptr, -1, &ins, NULL) != SQLITE_OK) {
		error = sq_error(dst, dst_name, m->table);
		goto done;
	}
	while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
		for (i = 0; i < ncol; i++)
			sqlite3_bind_value(ins, i + 1,
				sqlite3_column_value(sel, i));
		if (sqlite3_step(ins) != SQLITE_DONE) {
			error = sq_error(dst, dst_name, m->table);
			goto done;
		}
		sqlite3_reset(ins);
		(*n)++;
	}
	if (rc != SQLITE_DONE)
		error = sq_error(src, src_name, m->table);
done:
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	setara_buf_dispose(&sql);
	return error;
}

int setara_register__export_busy(const char *name, long long pending)
{
	return setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA, name, 0,
		NULL, "%lld document%s being issued: export when issuing has "
		"finished (or 'setara init' has settled an interrupted issue)",
		pending, pending == 1 ? "" : "s");
}

/* The register of the sqlite store @st into @dst, read in one
 * transaction. */
int setara_register__sqlite_export(setara_store *st, sqlite3 *dst,
	const char *path, unsigned long *rows)
{
	sqlite3 *src = setara_store__db(st);
	const char *name = setara_store_name(st);
	sqlite3_stmt *s;
	int pending = -1, error = 0;
	size_t t;

	*rows = 0;
	if (sqlite3_exec(src, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return sq_error(src, name, "export");
	if (sqlite3_prepare_v2(src, "SELECT count(*) FROM issued WHERE "
	    "state = 'pending'", -1, &s, NULL) != SQLITE_OK) {
		error = sq_error(src, name, "export");
		goto done;
	}
	if (sqlite3_step(s) == SQLITE_ROW)
		pending = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (pending != 0) {
		error = pending < 0 ? sq_error(src, name, "export") :
			setara_register__export_busy(name, pending);
		goto done;
	}
	for (t = 0; t < setara_register__nmoved && error == 0; t++)
		error = copy_table(src, name, dst, path, t, rows);
done:
	sqlite3_exec(src, "ROLLBACK", NULL, NULL, NULL);
	return error;
}

int setara_register_export(setara_store *st, const char *path,
	unsigned long *rows)
{
	setara_store *out = NULL;
	sqlite3 *dst;
	unsigned long n = 0;
	char *tmp = NULL;
	int error;

	SETARA_ASSERT_ARG(st && path);
	if (rows)
		*rows = 0;
	if (setara__exists(path))
		return setara_error__set(SETARA_EEXISTS, SETARA_ERROR_USAGE,
			path, 0, NULL, "exists: a register is exported into a "
			"new file only");
	/* A new sqlite store under a temporary name, its schema made; the
	 * rows in one transaction of it; then the name.  Owner-only: the
	 * register names learners and workers. */
	if ((error = setara__write_temp(&tmp, path, NULL, "", 0, 0600, 0)) < 0)
		return error;
	if ((error = setara_store_open(&out, tmp, 0)) < 0)
		goto done;
	dst = setara_store__db(out);
	if (sqlite3_exec(dst, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		error = sq_error(dst, path, "export");
		goto done;
	}
	error = st->backend->export(st, dst, path, &n);
	if (error == 0 && sqlite3_exec(dst, "COMMIT", NULL, NULL, NULL) !=
	    SQLITE_OK)
		error = sq_error(dst, path, "export");
done:
	if (out && error < 0)
		sqlite3_exec(setara_store__db(out), "ROLLBACK", NULL, NULL,
			NULL);
	setara_store_free(out);
	/* Never over a file that appeared meanwhile: link, not rename. */
	if (error == 0 && link(tmp, path) < 0)
		error = errno == EEXIST ? setara_error__set(SETARA_EEXISTS,
			SETARA_ERROR_USAGE, path, 0, NULL, "exists: a register "
			"is exported into a new file only") :
			setara_error__os(path, "cannot write");
	if (tmp)
		unlink(tmp);
	setara__free(tmp);
	if (error == 0 && rows)
		*rows = n;
	return error;
}
