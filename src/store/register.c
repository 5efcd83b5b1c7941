/*
 * The register of issued documents: ids, status-list indexes, the state
 * of each document (active, revoked, suspended) with an append-only
 * history, and crash recovery of interrupted issuing (see
 * store_api.h for the protocol).
 *
 * Indexes: each issuer has numbered status lists of
 * SETARA_STATUS_LIST_MIN_ENTRIES entries; a list's next_index only grows,
 * inside the same transaction that inserts the row using it, so an index
 * is never handed out twice, even when the row is later abandoned.
 *
 * Each operation is a front function, which does what every backend does
 * alike and calls st->backend (register_backend.h), and beside it the
 * sqlite backend's member, sqlite_<op>; setara_register__sqlite, at the
 * end, gathers them.
 */
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "pg.h"
#include "util/bitstring.h"

static const setara_store__migration migrations[] = {
	{ 1,
	  "CREATE TABLE status_list ("
	  " id INTEGER PRIMARY KEY,"
	  SETARA_REGISTER__LIST_COLUMNS
	  "CREATE TABLE issued ("
	  " id TEXT PRIMARY KEY,"
	  " type TEXT NOT NULL,"
	  " subject TEXT NOT NULL,"
	  " issuer TEXT NOT NULL,"
	  " list INTEGER NOT NULL REFERENCES status_list(id),"
	  SETARA_REGISTER__ISSUED_COLUMNS
	  " UNIQUE (list, status_index),"
	  " CHECK (state = 'pending' OR digest IS NOT NULL));"
	  "CREATE INDEX issued_state ON issued (state);"
	  "CREATE TABLE status_change ("
	  " id INTEGER PRIMARY KEY,"
	  SETARA_REGISTER__CHANGE_COLUMNS
	  "CREATE TRIGGER status_change_no_update BEFORE UPDATE ON status_change"
	  " BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END;"
	  "CREATE TRIGGER status_change_no_delete BEFORE DELETE ON status_change"
	  " BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END;"
	  /* A revoked document stays revoked. */
	  "CREATE TRIGGER issued_revoked_final BEFORE UPDATE OF status ON issued"
	  " WHEN OLD.status = 'revoked' AND NEW.status <> 'revoked'"
	  " BEGIN SELECT RAISE(ABORT, 'a revoked document stays revoked'); END;" },
	/* A registrar looks documents up by their subject. */
	{ 2, "CREATE INDEX issued_subject ON issued (subject);" },
	/*
	 * Every register operation as fast at 1M documents as at 10k
	 * (docs/register.md, "Scaling"): an index for each filter of
	 * 'register list'; the documents that are not active (the set bits
	 * of the status lists, few) in partial indexes, so that publishing
	 * a list reads its set bits and not its 131,072 rows; pending rows
	 * (recovery) likewise; the history by document.
	 *
	 * Incremental publishing: each list has a change counter, bumped in
	 * the transaction that sets or clears one of its bits, and
	 * status_publication records, per list and file, the counter, the
	 * signer and the file's digest as last written: a list whose
	 * counter, signer and file are as recorded is not written again
	 * (until half its validity is gone).
	 */
	{ 3,
	  "ALTER TABLE status_list ADD COLUMN"
	  " revocation_changes INTEGER NOT NULL DEFAULT 0;"
	  "ALTER TABLE status_list ADD COLUMN"
	  " suspension_changes INTEGER NOT NULL DEFAULT 0;"
	  "CREATE TABLE status_publication ("
	  " list TEXT NOT NULL,"          /* list id (urn:uuid) */
	  " path TEXT NOT NULL,"          /* the file, absolute */
	  " changes INTEGER NOT NULL,"    /* the list's counter it shows */
	  " signed_with TEXT NOT NULL,"   /* SHA-256: certificates, issuer */
	  " digest TEXT NOT NULL,"        /* SHA-256 of the file written */
	  " entries_set INTEGER NOT NULL,"
	  " valid_until TEXT NOT NULL,"
	  " published_at TEXT NOT NULL,"
	  " PRIMARY KEY (list, path));"
	  "DROP INDEX issued_state;"
	  "CREATE INDEX issued_pending ON issued (state)"
	  " WHERE state = 'pending';"
	  "CREATE INDEX issued_type ON issued (type);"
	  "CREATE INDEX issued_issuer ON issued (issuer);"
	  "CREATE INDEX issued_flagged ON issued (status)"
	  " WHERE status <> 'active';"
	  "CREATE INDEX issued_flagged_bits ON issued"
	  " (list, status, status_index) WHERE status <> 'active';"
	  "CREATE INDEX status_change_document ON status_change (document);" },
	SETARA_STORE_MIGRATIONS_END
};

const setara_store__component setara_register__component = {
	"register", migrations, NULL, NULL, NULL
};

static int step_done(setara_store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return setara_store__error(st, what);
	return 0;
}

/* Column @i as text, or NULL when it is NULL. */
static const char *col_or_null(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? NULL :
		setara_store__col_text(s, i);
}

/* The issuer's current list with room, creating a new one when full. */
static int current_list(setara_store *st, const setara_register__doc *d,
	sqlite3_int64 *list, unsigned long *index,
	setara_register__slot *slot)
{
	static const char find_sql[] =
		"SELECT id, next_index, revocation_id, suspension_id"
		" FROM status_list WHERE issuer = ? AND next_index < size"
		" ORDER BY seq DESC LIMIT 1";
	static const char new_sql[] =
		"INSERT INTO status_list (issuer, seq, revocation_id,"
		" suspension_id, size, created_at, issuer_name, issuer_country)"
		" VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM status_list"
		" WHERE issuer = ?1), ?2, ?3, ?4, ?5, ?6, ?7)";
	const char *issuer = d->issuer;
	sqlite3_stmt *s;
	char rev[46], sus[46], now[21];
	int error, rc;

	if ((error = setara_store__prepare(st, &s, find_sql, "s", issuer)) < 0)
		return error;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*list = sqlite3_column_int64(s, 0);
		*index = (unsigned long)sqlite3_column_int64(s, 1);
		snprintf(slot->revocation_list, sizeof(slot->revocation_list),
			"%s", setara_store__col_text(s, 2));
		snprintf(slot->suspension_list, sizeof(slot->suspension_list),
			"%s", setara_store__col_text(s, 3));
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return setara_store__error(st, "status list");
	if ((error = setara__uuid_urn(rev)) < 0 ||
	    (error = setara__uuid_urn(sus)) < 0)
		return error;
	setara_store__now(now);
	if ((error = setara_store__prepare(st, &s, new_sql, "sssIsss", issuer,
	    rev, sus, (sqlite3_int64)SETARA_STATUS_LIST_MIN_ENTRIES, now,
	    d->issuer_name, d->issuer_country)) < 0 ||
	    (error = step_done(st, s, "status list")) < 0)
		return error;
	*list = sqlite3_last_insert_rowid(st->db);
	*index = 0;
	memcpy(slot->revocation_list, rev, sizeof(rev));
	memcpy(slot->suspension_list, sus, sizeof(sus));
	return 0;
}

/* A document id the register holds already: a clear data error. */
static int id_taken(setara_store *st, const char *id)
{
	static const char sql[] =
		"SELECT path, state FROM issued WHERE id = ?";
	sqlite3_stmt *s;
	int rc, error = 0;

	if ((error = setara_store__prepare(st, &s, sql, "s", id)) < 0)
		return error;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		error = setara_error__set(SETARA_EEXISTS, SETARA_ERROR_DATA,
			NULL, 0, "id", "already issued as %s (%s%s): a "
			"document is issued once; revoke it and issue a new "
			"one to replace it", id, setara_store__col_text(s, 0),
			strcmp(setara_store__col_text(s, 1), "pending") == 0 ?
			", pending: run 'setara init' to recover" : "");
	else if (rc != SQLITE_DONE)
		error = setara_store__error(st, "register");
	sqlite3_reset(s);
	return error;
}

/* The register's issue time: the document's own (normalised to UTC). */
static int issue_time(char out[21], const char *issued)
{
	time_t t;

	if (issued == NULL) {
		setara_store__now(out);
		return 0;
	}
	if (setara__time_parse(&t, issued) < 0)
		return setara_error__data(NULL, 0, "issued", "not a time: "
			"'%s'", issued);
	setara__time_format(out, t);
	return 0;
}

/*
 * A record already in the register under @record_key: 0 when there is
 * none; 1 when it was issued (its slot is in @out, issuing it again gives
 * the same document); SETARA_EEXISTS when it is still pending.
 */
static int reserve_by_key(setara_store *st, const char *record_key,
	setara_register__slot *out)
{
	static const char key_sql[] =
		"SELECT i.id, i.state, i.status_index, l.revocation_id,"
		" l.suspension_id FROM issued i JOIN status_list l"
		" ON l.id = i.list WHERE i.record_key = ?";
	sqlite3_stmt *s;
	int error, rc, issued;

	if ((error = setara_store__prepare(st, &s, key_sql, "s",
	    record_key)) < 0)
		return error;
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		return rc == SQLITE_DONE ? 0 :
			setara_store__error(st, "register");
	}
	issued = strcmp(setara_store__col_text(s, 1), "issued") == 0;
	snprintf(out->id, sizeof(out->id), "%s", setara_store__col_text(s, 0));
	out->index = (unsigned long)sqlite3_column_int64(s, 2);
	snprintf(out->revocation_list, sizeof(out->revocation_list), "%s",
		setara_store__col_text(s, 3));
	snprintf(out->suspension_list, sizeof(out->suspension_list), "%s",
		setara_store__col_text(s, 4));
	sqlite3_reset(s);
	if (issued)
		return 1;
	return setara_error__set(SETARA_EEXISTS, SETARA_ERROR_STORE, NULL, 0,
		"record", "record %s is being issued as %s (pending); run "
		"'setara init' to recover", record_key, out->id);
}

/* Take the next index of the current status list: @list and out->index. */
static int reserve_index(setara_store *st, const setara_register__doc *d,
	sqlite3_int64 *list, setara_register__slot *out)
{
	static const char bump_sql[] =
		"UPDATE status_list SET next_index = next_index + 1"
		" WHERE id = ? AND next_index = ?";
	sqlite3_stmt *s;
	int error;

	if ((error = current_list(st, d, list, &out->index, out)) < 0 ||
	    (error = setara_store__prepare(st, &s, bump_sql, "II", *list,
	    (sqlite3_int64)out->index)) < 0 ||
	    (error = step_done(st, s, "status index")) < 0)
		return error;
	if (sqlite3_changes(st->db) != 1)
		return setara_error__set(SETARA_ESTORE, SETARA_ERROR_STORE,
			st->path, 0, NULL, "status index raced");
	return 0;
}

/* The pending row: the document's id (or a new UUID) at @list/out->index,
 * with its output's absolute @path. */
static int reserve_insert(setara_store *st, const setara_register__doc *d,
	sqlite3_int64 list, const char *path, setara_register__slot *out)
{
	static const char ins_sql[] =
		"INSERT INTO issued (id, type, subject, issuer, list,"
		" status_index, record_key, path, state, issued_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)";
	sqlite3_stmt *s;
	char now[21];
	int error;

	if (d->id && strlen(d->id) < sizeof(out->id))
		memcpy(out->id, d->id, strlen(d->id) + 1);
	else if ((error = setara__uuid_urn(out->id)) < 0)
		return error;
	if ((error = issue_time(now, d->issued)) < 0 ||
	    (error = setara_store__prepare(st, &s, ins_sql, "ssssIIsss",
	    out->id, d->type, d->subject, d->issuer, list,
	    (sqlite3_int64)out->index, d->record_key, path, now)) < 0)
		return error;
	return step_done(st, s, "register");
}

static int sqlite_reserve(setara_store *st, const setara_register__doc *d,
	const char *path, setara_register__slot *out, int *existing)
{
	sqlite3_int64 list = 0;
	int error;

	if ((error = setara_store__begin(st)) < 0)
		return error;
	if (d->id)
		error = id_taken(st, d->id);
	if (error == 0 && d->record_key &&
	    (error = reserve_by_key(st, d->record_key, out)) > 0) {
		*existing = 1;
		error = 0;
	} else if (error == 0 &&
	    (error = reserve_index(st, d, &list, out)) == 0) {
		error = reserve_insert(st, d, list, path, out);
	}
	return setara_store__end(st, error);
}

int setara_register__reserve(setara_store *st,
	const setara_register__doc *d, setara_register__slot *out,
	int *existing)
{
	char *path = NULL;
	int error;

	SETARA_ASSERT_ARG(st && d && d->issuer && d->type && d->subject &&
		d->path && out);
	/* Issuing holds the lock for the life of the store handle. */
	if ((error = setara_store__lock_issuing(st, 1)) < 0)
		return error;
	memset(out, 0, sizeof(*out));
	*existing = 0;
	/*
	 * The register keeps the output's absolute path: recovery (at the
	 * next issue, or 'setara init') may run in another directory, and
	 * must find the file to keep its row.
	 */
	if ((error = setara__path_absolute(&path, d->path)) < 0)
		return error;
	error = st->backend->reserve(st, d, path, out, existing);
	setara__free(path);
	return error;
}

int setara_register__begin(setara_store *st)
{
	return st->backend->begin(st);
}

int setara_register__commit(setara_store *st)
{
	return st->backend->commit(st);
}

int setara_register__rollback(setara_store *st)
{
	return st->backend->rollback(st);
}

static int sqlite_complete(setara_store *st, const char *id,
	const char *digest)
{
	static const char sql[] =
		"UPDATE issued SET state = 'issued', digest = ?"
		" WHERE id = ? AND state = 'pending'";
	sqlite3_stmt *s;
	int error;

	if ((error = setara_store__begin(st)) < 0)
		return error;
	if ((error = setara_store__prepare(st, &s, sql, "ss", digest, id)) < 0)
		goto fail;
	if ((error = step_done(st, s, "register")) < 0)
		goto fail;
	if (sqlite3_changes(st->db) != 1) {
		error = setara_error__set(SETARA_ESTORE, SETARA_ERROR_STORE,
			st->path, 0, NULL, "%s is not pending", id);
		goto fail;
	}
	if ((error = setara_store_audit(st, "issue", id, digest)) < 0)
		goto fail;
	return setara_store__commit(st);
fail:
	setara_store__rollback(st);
	return error;
}

int setara_register__complete(setara_store *st, const char *id,
	const char *digest)
{
	return st->backend->complete(st, id, digest);
}

static int sqlite_abandon(setara_store *st, const char *id)
{
	static const char sql[] =
		"DELETE FROM issued WHERE id = ? AND state = 'pending'";
	sqlite3_stmt *s;
	int error;

	if ((error = setara_store__prepare(st, &s, sql, "s", id)) < 0)
		return error;
	return step_done(st, s, "register");
}

int setara_register__abandon(setara_store *st, const char *id)
{
	return st->backend->abandon(st, id);
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Remove the files listed in @l that are "BASENAME.tmp.*" of a path
 * "PREFIX BASENAME" in the sorted @pending. */
static void remove_matching(const setara__strlist *l, const char *prefix,
	const setara__strlist *pending)
{
	size_t i;

	for (i = 0; i < l->count; i++) {
		const char *b = strrchr(l->items[i], '/'), *t, *p;
		char *want;

		b = b ? b + 1 : l->items[i];
		for (t = NULL, p = b; (p = strstr(p, ".tmp.")) != NULL; p++)
			t = p;
		if (t == NULL || (want = setara__asprintf("%s%.*s", prefix,
		    (int)(t - b), b)) == NULL)
			continue;
		if (bsearch(&want, pending->items, pending->count,
		    sizeof(char *), cmp_path))
			unlink(l->items[i]);
		setara__free(want);
	}
}

/*
 * Remove leftover temporary files "BASENAME.tmp.*" of interrupted writes
 * of the documents @paths: beside them, and in the staging directories of
 * batch workers (DIR/.setara-tmp/N).  Each directory is listed once,
 * however many documents were pending in it.
 */
static void remove_temps(setara__strlist *paths)
{
	setara__strlist dirs = { NULL, 0, 0 };
	size_t i, k;

	qsort(paths->items, paths->count, sizeof(char *), cmp_path);
	/* Each distinct "DIR/" (or "" in the working directory). */
	for (i = 0; i < paths->count; i++) {
		const char *slash = strrchr(paths->items[i], '/');
		char *dir = setara__asprintf("%.*s", slash ? (int)(slash + 1 -
			paths->items[i]) : 0, paths->items[i]);

		if (dir == NULL)
			break;
		for (k = 0; k < dirs.count; k++)
			if (strcmp(dirs.items[k], dir) == 0)
				break;
		if (k == dirs.count && setara__strlist_add(&dirs, dir) < 0)
			k = 0;
		setara__free(dir);
	}
	for (k = 0; k < dirs.count; k++) {
		setara__strlist l = { NULL, 0, 0 };
		const char *d = *dirs.items[k] ? dirs.items[k] : ".";
		char *stage = setara__path_join(d, SETARA__STAGING);

		if (setara__list_files(&l, d, "", 0) < 0)
			setara_error_clear();
		if (stage && setara__is_dir(stage) &&
		    setara__list_files(&l, stage, "", 1) < 0)
			setara_error_clear();
		remove_matching(&l, dirs.items[k], paths);
		setara__strlist_dispose(&l);
		setara__free(stage);
	}
	setara__strlist_dispose(&dirs);
}

/* Is the file at @path a complete document carrying @id? */
static int complete_file(const char *path, const char *id, char digest[65])
{
	setara_buf b = SETARA_BUF_INIT;
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	char *got = NULL;
	int ok = 0;

	if (setara__read_file(&b, path, 0) < 0 || b.size == 0)
		goto done;
	if (setara__xml_parse_mem(&doc, b.ptr, b.size, path) < 0)
		goto done;
	root = xmlDocGetRootElement(doc);
	got = setara__xml_child_text(root, SETARA_NS_DOC, "id");
	/* The signature is the last thing written: a complete file has it. */
	ok = got && strcmp(got, id) == 0 && root->last &&
		setara__xml_is(xmlGetLastChild(root),
		"http://www.w3.org/2000/09/xmldsig#", "Signature") &&
		setara__sha256_hex(digest, b.ptr, b.size) == 0;
done:
	setara__free(got);
	xmlFreeDoc(doc);
	setara_buf_dispose(&b);
	setara_error_clear();
	return ok;
}

/* Every pending row is debris: the issuing lock is this process's. */
static int sqlite_recover(setara_store *st, unsigned *repaired,
	int (*complete)(const char *path, const char *id, char digest[65]),
	void (*remove_tmp)(setara__strlist *paths))
{
	static const char sql[] =
		"SELECT id, path FROM issued WHERE state = 'pending'";
	setara__strlist ids = { NULL, 0, 0 }, paths = { NULL, 0, 0 };
	sqlite3_stmt *s;
	char digest[65];
	size_t i;
	unsigned n = 0;
	int error = 0, rc;

	if ((error = setara_store__stmt(st, &s, sql)) < 0)
		return error;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((error = setara__strlist_add(&ids,
		    setara_store__col_text(s, 0))) < 0 ||
		    (error = setara__strlist_add(&paths,
		    setara_store__col_text(s, 1))) < 0)
			break;
	}
	sqlite3_reset(s);
	if (error == 0 && rc != SQLITE_DONE)
		error = setara_store__error(st, "recover");
	if (error < 0 || ids.count == 0)
		goto done;
	if ((error = setara_store__begin(st)) < 0)
		goto done;
	for (i = 0; i < ids.count && error == 0; i++) {
		if (complete(paths.items[i], ids.items[i], digest)) {
			static const char upd[] =
				"UPDATE issued SET state = 'issued', digest = ?"
				" WHERE id = ?";

			if ((error = setara_store__prepare(st, &s, upd, "ss",
			    digest, ids.items[i])) < 0)
				break;
			error = step_done(st, s, "recover");
			if (error == 0)
				error = setara_store_audit(st, "recover",
					ids.items[i], "completed");
		} else {
			/* No complete file: the row goes, the index stays
			 * used (next_index never goes back). */
			if (setara__exists(paths.items[i]))
				unlink(paths.items[i]);
			error = sqlite_abandon(st, ids.items[i]);
			if (error == 0)
				error = setara_store_audit(st, "recover",
					ids.items[i], "abandoned");
		}
		n++;
	}
	error = setara_store__end(st, error);
	if (error == 0) {
		/* Temporary files go only once the rows are settled. */
		remove_tmp(&paths);
		if (repaired)
			*repaired = n;
	}
done:
	setara__strlist_dispose(&ids);
	setara__strlist_dispose(&paths);
	return error;
}

int setara_register_recover(setara_store *st, unsigned *repaired)
{
	int error;

	if (repaired)
		*repaired = 0;
	/* Another process issuing: its pending rows are not debris. */
	if ((error = setara_store__lock_issuing(st, 0)) == SETARA_EEXISTS) {
		setara_error_clear();
		return 0;
	}
	if (error < 0)
		return error;
	return st->backend->recover(st, repaired, complete_file,
		remove_temps);
}

/* The error for an id the register has no issued document for. */
int setara_register__not_issued(const char *id)
{
	return setara_error__set(SETARA_ENOTFOUND, SETARA_ERROR_DATA, NULL, 0,
		"id", "no issued document %s in the register", id);
}

/* A status column's value. */
setara_doc_status setara_register__status_of(const char *v)
{
	return strcmp(v, "revoked") == 0 ? SETARA_DOC_REVOKED :
		strcmp(v, "suspended") == 0 ? SETARA_DOC_SUSPENDED :
		SETARA_DOC_ACTIVE;
}

/* Statements both databases run as they are. */
const char setara_register__issued_sql[] =
	"SELECT 1 FROM issued WHERE id = $1 AND state = 'issued'";
const char setara_register__history_sql[] =
	"SELECT action, reason, at FROM status_change"
	" WHERE document = $1 ORDER BY id";
const char setara_register__issuers_sql[] =
	"SELECT DISTINCT issuer FROM status_list ORDER BY issuer";
const char setara_register__issuer_sql[] =
	"SELECT issuer_name, issuer_country FROM status_list"
	" WHERE issuer = $1 ORDER BY seq DESC LIMIT 1";
const char setara_register__list_file_sql[] =
	"SELECT issuer, seq, CAST(revocation_id = $1 AS INTEGER)"
	" FROM status_list WHERE revocation_id = $1 OR suspension_id = $1";
const char setara_register__status_sql[] =
	"SELECT status FROM issued WHERE id = $1 AND state = 'issued'";
const char setara_register__entry_sql[] =
	"SELECT i.status, i.status_index, l.revocation_id,"
	" l.suspension_id FROM issued i JOIN status_list l"
	" ON l.id = i.list WHERE i.id = $1 AND i.issuer = $2"
	" AND l.issuer = i.issuer AND i.state = 'issued'";
const char setara_register__publication_sql[] =
	"SELECT changes, signed_with, digest, entries_set, valid_until"
	" FROM status_publication WHERE list = $1 AND path = $2";
const char setara_register__revoked_sql[] =
	"SELECT at, reason FROM status_change WHERE document = $1"
	" AND action = 'revoke' ORDER BY id LIMIT 1";
const char setara_register__set_status_sql[] =
	"UPDATE issued SET status = $1 WHERE id = $2";
const char setara_register__change_sql[] =
	"INSERT INTO status_change (document, action, reason, at)"
	" VALUES ($1, $2, $3, $4)";
const char setara_register__list_changes_sql[] =
	"SELECT CASE WHEN revocation_id = $1 THEN revocation_changes"
	" ELSE suspension_changes END, CAST(revocation_id <> $1 AS INTEGER)"
	" FROM status_list WHERE revocation_id = $1 OR suspension_id = $1";

int setara_register__no_list(const char *list_id)
{
	return setara_error__set(SETARA_ENOTFOUND, SETARA_ERROR_DATA, NULL, 0,
		"list", "no status list %s", list_id);
}

char *setara_register__list_path(const char *dir, const char *issuer,
	const char *seq, int revocation, const char *ext)
{
	return setara__asprintf("%s%s%s-%s-%s%s", dir,
		dir[strlen(dir) - 1] == '/' ? "" : "/", issuer, seq,
		revocation ? "revocation" : "suspension", ext);
}

int setara_register__issuer_row(const char *issuer, int found,
	const char *n, const char *c, char **name, char **country)
{
	if (!found)
		return setara_error__set(SETARA_ENOTFOUND, SETARA_ERROR_DATA,
			NULL, 0, "issuer", "the register has issued nothing "
			"for %s", issuer);
	if ((n && (*name = setara__strdup(n)) == NULL) ||
	    (c && (*country = setara__strdup(c)) == NULL)) {
		setara__free(*name);
		*name = NULL;
		return SETARA_ENOMEM;
	}
	return 0;
}

int setara_register__transition(const char *id, const char *cur,
	const char *action, const char **to, int *revocation, int *suspension)
{
	if (strcmp(action, "revoke") == 0) {
		*to = "revoked";
		if (strcmp(cur, "revoked") == 0)
			return 1;
	} else if (strcmp(action, "suspend") == 0) {
		*to = "suspended";
		if (strcmp(cur, "active") != 0)
			return setara_error__set(SETARA_EINVALID,
				SETARA_ERROR_DATA, NULL, 0, "id",
				"%s is %s, not active: cannot suspend", id,
				cur);
	} else {
		*to = "active";
		if (strcmp(cur, "suspended") != 0)
			return setara_error__set(SETARA_EINVALID,
				SETARA_ERROR_DATA, NULL, 0, "id",
				"%s is %s, not suspended: nothing to reinstate",
				id, cur);
	}
	*revocation = (strcmp(cur, "revoked") == 0) !=
		(strcmp(*to, "revoked") == 0);
	*suspension = (strcmp(cur, "suspended") == 0) !=
		(strcmp(*to, "suspended") == 0);
	return 0;
}

/*
 * Revoking a revoked document changes nothing: the first revocation, its
 * time and its reason stand (revocation is permanent and its history
 * append-only), and the caller is told so rather than told "revoked".
 */
int setara_register__already_revoked(const char *id, const char *at,
	const char *reason)
{
	if (at == NULL)
		return setara_error__set(SETARA_EEXISTS, SETARA_ERROR_DATA,
			NULL, 0, "id", "%s was already revoked; nothing was "
			"changed or recorded", id);
	return setara_error__set(SETARA_EEXISTS, SETARA_ERROR_DATA, NULL, 0,
		"id", "%s was already revoked on %s (reason: %s); that "
		"revocation stands, nothing was changed or recorded", id, at,
		reason);
}

static int already_revoked(setara_store *st, const char *id)
{
	sqlite3_stmt *s;
	int rc, error;

	if ((error = setara_store__prepare(st, &s,
	    setara_register__revoked_sql, "s", id)) < 0)
		return error;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		error = setara_register__already_revoked(id,
			setara_store__col_text(s, 0),
			setara_store__col_text(s, 1));
	else if (rc == SQLITE_DONE)
		error = setara_register__already_revoked(id, NULL, NULL);
	else
		error = setara_store__error(st, "register");
	sqlite3_reset(s);
	return error;
}

static int sqlite_change_status(setara_store *st, const char *id,
	const char *reason, const char *action)
{
	static const char get_sql[] =
		"SELECT status, state, list FROM issued WHERE id = ?";
	/*
	 * The bit of a list changes when the document enters or leaves that
	 * list's status: revoking a suspended document clears its
	 * suspension bit as it sets its revocation bit.
	 */
	static const char bump_sql[] =
		"UPDATE status_list SET"
		" revocation_changes = revocation_changes + ?2,"
		" suspension_changes = suspension_changes + ?3 WHERE id = ?1";
	sqlite3_stmt *s;
	char *cur = NULL, now[21];
	const char *to;
	sqlite3_int64 list = 0;
	int error, rc, pending = 0, rev, sus;

	if ((error = setara_store__begin(st)) < 0)
		return error;
	if ((error = setara_store__prepare(st, &s, get_sql, "s", id)) < 0)
		goto fail;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		cur = setara__strdup(setara_store__col_text(s, 0));
		pending = strcmp(setara_store__col_text(s, 1), "pending") == 0;
		list = sqlite3_column_int64(s, 2);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW || pending) {
		error = rc == SQLITE_ROW || rc == SQLITE_DONE ?
			not_issued(id) : setara_store__error(st, "register");
		goto fail;
	}
	if (cur == NULL) {
		error = SETARA_ENOMEM;
		goto fail;
	}
	if ((error = setara_register__transition(id, cur, action, &to, &rev,
	    &sus)) != 0) {
		if (error > 0)
			error = already_revoked(st, id);
		goto fail;
	}
	if ((error = setara_store__prepare(st, &s,
	    setara_register__set_status_sql, "ss", to, id)) < 0)
		goto fail;
	if ((error = step_done(st, s, "register")) < 0)
		goto fail;
	if ((error = setara_store__prepare(st, &s, bump_sql, "Iii", list, rev,
	    sus)) < 0)
		goto fail;
	if ((error = step_done(st, s, "status list")) < 0)
		goto fail;
	setara_store__now(now);
	if ((error = setara_store__prepare(st, &s,
	    setara_register__change_sql, "ssss", id, action, reason,
	    now)) < 0 ||
	    (error = step_done(st, s, "register")) < 0)
		goto fail;
	if ((error = setara_store_audit(st, action, id, reason)) < 0)
		goto fail;
	setara__free(cur);
	return setara_store__commit(st);
fail:
	setara__free(cur);
	setara_store__rollback(st);
	return error;
}

static int change_status(setara_store *st, const char *id,
	const char *reason, const char *action)
{
	SETARA_ASSERT_ARG(st && id && action);
	if (reason == NULL || *reason == '\0' || strchr(reason, '\n'))
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, "--reason", "a reason (one line) is required");
	return st->backend->change_status(st, id, reason, action);
}

int setara_register_revoke(setara_store *st, const char *id,
	const char *reason)
{
	return change_status(st, id, reason, "revoke");
}

int setara_register_suspend(setara_store *st, const char *id,
	const char *reason)
{
	return change_status(st, id, reason, "suspend");
}

int setara_register_reinstate(setara_store *st, const char *id,
	const char *reason)
{
	return change_status(st, id, reason, "reinstate");
}

static int sqlite_status(setara_doc_status *out, setara_store *st,
	const char *id)
{
	sqlite3_stmt *s;
	int error, rc;

	if ((error = setara_store__prepare(st, &s,
	    setara_register__status_sql, "s", id)) < 0)
		return error;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*out = status_of(setara_store__col_text(s, 0));
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return not_issued(id);
	return rc == SQLITE_ROW ? 0 : setara_store__error(st, "register");
}

int setara_register_status(setara_doc_status *out, setara_store *st,
	const char *id)
{
	*out = SETARA_DOC_ACTIVE;
	return st->backend->status(out, st, id);
}

int setara_register__bits_new(size_t size, const char *list_issuer,
	int revocation, unsigned char **bits, size_t *nbytes, char **issuer,
	char **purpose)
{
	*issuer = setara__strdup(list_issuer);
	*purpose = setara__strdup(revocation ? "revocation" : "suspension");
	*nbytes = (size + 7) / 8;
	if (*issuer && *purpose && (*bits = setara__calloc(*nbytes, 1)))
		return 0;
	setara_register__bits_free(bits, issuer, purpose);
	return SETARA_ENOMEM;
}

void setara_register__bits_free(unsigned char **bits, char **issuer,
	char **purpose)
{
	setara__free(*bits);
	setara__free(*issuer);
	setara__free(*purpose);
	*bits = NULL;
	*issuer = *purpose = NULL;
}

static int sqlite_list_bits(setara_store *st, const char *list_id,
	unsigned char **bits, size_t *nbytes, char **issuer, char **purpose)
{
	static const char list_sql[] =
		"SELECT id, size, issuer, revocation_id = ?1 FROM status_list"
		" WHERE revocation_id = ?1 OR suspension_id = ?1";
	/* The set bits only, through issued_flagged_bits. */
	static const char bits_sql[] =
		"SELECT status_index FROM issued WHERE list = ? AND status = ?"
		" AND status <> 'active'";
	sqlite3_stmt *s;
	sqlite3_int64 list;
	size_t size;
	int error, rc, revocation;

	if ((error = setara_store__prepare(st, &s, list_sql, "s",
	    list_id)) < 0)
		return error;
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		return rc == SQLITE_DONE ? setara_register__no_list(list_id) :
			setara_store__error(st, "status list");
	}
	list = sqlite3_column_int64(s, 0);
	size = (size_t)sqlite3_column_int64(s, 1);
	revocation = sqlite3_column_int(s, 3);
	error = setara_register__bits_new(size, setara_store__col_text(s, 2),
		revocation, bits, nbytes, issuer, purpose);
	sqlite3_reset(s);
	if (error < 0)
		return error;
	if ((error = setara_store__prepare(st, &s, bits_sql, "Is", list,
	    revocation ? "revoked" : "suspended")) < 0)
		goto fail;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		size_t idx = (size_t)sqlite3_column_int64(s, 0);

		if (idx < size)
			setara__bit_set(*bits, idx, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		error = setara_store__error(st, "status list");
		goto fail;
	}
	return 0;
fail:
	setara_register__bits_free(bits, issuer, purpose);
	return error;
}

int setara_register__list_bits(setara_store *st, const char *list_id,
	unsigned char **bits, size_t *nbytes, char **issuer, char **purpose)
{
	*bits = NULL;
	*nbytes = 0;
	*issuer = *purpose = NULL;
	return st->backend->list_bits(st, list_id, bits, nbytes, issuer,
		purpose);
}

static int sqlite_list_changes(setara_store *st, const char *list_id,
	sqlite3_int64 *changes, int *suspension)
{
	sqlite3_stmt *s;
	int error, rc;

	if ((error = setara_store__prepare(st, &s,
	    setara_register__list_changes_sql, "s", list_id)) < 0)
		return error;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*changes = sqlite3_column_int64(s, 0);
		*suspension = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return setara_register__no_list(list_id);
	return rc == SQLITE_ROW ? 0 : setara_store__error(st, "status list");
}

int setara_register__list_changes(setara_store *st, const char *list_id,
	sqlite3_int64 *changes, int *suspension)
{
	*changes = 0;
	*suspension = 0;
	return st->backend->list_changes(st, list_id, changes, suspension);
}

static int sqlite_publication_get(setara_store *st, const char *list_id,
	const char *path, setara_register__publication *out)
{
	sqlite3_stmt *s;
	int error, rc;

	if ((error = setara_store__prepare(st, &s,
	    setara_register__publication_sql, "ss", list_id, path)) < 0)
		return error;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->changes = sqlite3_column_int64(s, 0);
		snprintf(out->signed_with, sizeof(out->signed_with), "%s",
			setara_store__col_text(s, 1));
		snprintf(out->digest, sizeof(out->digest), "%s",
			setara_store__col_text(s, 2));
		out->entries_set = (unsigned long)sqlite3_column_int64(s, 3);
		snprintf(out->valid_until, sizeof(out->valid_until), "%s",
			setara_store__col_text(s, 4));
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return SETARA_ENOTFOUND;
	return rc == SQLITE_ROW ? 0 : setara_store__error(st, "status list");
}

int setara_register__publication_get(setara_store *st, const char *list_id,
	const char *path, setara_register__publication *out)
{
	memset(out, 0, sizeof(*out));
	return st->backend->publication_get(st, list_id, path, out);
}

static int sqlite_publication_set(setara_store *st, const char *list_id,
	const char *path, const setara_register__publication *p)
{
	static const char sql[] =
		"INSERT OR REPLACE INTO status_publication (list, path,"
		" changes, signed_with, digest, entries_set, valid_until,"
		" published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *s;
	char now[21];
	int error;

	if ((error = setara_store__begin(st)) < 0)
		return error;
	setara_store__now(now);
	if ((error = setara_store__prepare(st, &s, sql, "ssIssIss", list_id,
	    path, (sqlite3_int64)p->changes, p->signed_with, p->digest,
	    (sqlite3_int64)p->entries_set, p->valid_until, now)) < 0 ||
	    (error = step_done(st, s, "status list")) < 0 ||
	    (error = setara_store_audit(st, "publish", list_id, path)) < 0)
		goto fail;
	return setara_store__commit(st);
fail:
	setara_store__rollback(st);
	return error;
}

int setara_register__publication_set(setara_store *st, const char *list_id,
	const char *path, const setara_register__publication *p)
{
	return st->backend->publication_set(st, list_id, path, p);
}

static int sqlite_lists(setara_store *st, const char *issuer,
	setara__strlist *out)
{
	static const char sql[] =
		"SELECT revocation_id, suspension_id FROM status_list"
		" WHERE ?1 IS NULL OR issuer = ?1 ORDER BY issuer, seq";
	sqlite3_stmt *s;
	int error = 0, rc;

	if ((error = setara_store__prepare(st, &s, sql, "s", issuer)) < 0)
		return error;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((error = setara__strlist_add(out,
		    setara_store__col_text(s, 0))) < 0 ||
		    (error = setara__strlist_add(out,
		    setara_store__col_text(s, 1))) < 0)
			break;
	}
	sqlite3_reset(s);
	if (error == 0 && rc != SQLITE_DONE)
		error = setara_store__error(st, "status list");
	return error;
}

int setara_register__lists(setara_store *st, const char *issuer,
	setara__strlist *out)
{
	return st->backend->lists(st, issuer, out);
}

static int sqlite_issuers(setara_store *st, setara__strlist *out)
{
	sqlite3_stmt *s;
	int error, rc = 0;

	if ((error = setara_store__stmt(st, &s,
	    setara_register__issuers_sql)) < 0)
		return error;
	while (error == 0 && (rc = setara_store__step(st, s, "register")) > 0)
		error = setara__strlist_add(out, setara_store__col_text(s, 0));
	sqlite3_reset(s);
	return error < 0 ? error : rc;
}

int setara_register__issuers(setara_store *st, setara__strlist *out)
{
	return st->backend->issuers(st, out);
}

static int sqlite_list_file(setara_store *st, const char *dir,
	const char *list_id, const char *ext, char **out)
{
	sqlite3_stmt *s;
	int error;

	if ((error = setara_store__prepare(st, &s,
	    setara_register__list_file_sql, "s", list_id)) < 0)
		return error;
	if ((error = setara_store__step(st, s, "status list")) > 0)
		*out = setara_register__list_path(dir,
			setara_store__col_text(s, 0), setara_store__col_text(s,
			1), sqlite3_column_int(s, 2), ext);
	sqlite3_reset(s);
	if (error == 0)
		return setara_register__no_list(list_id);
	return error < 0 ? error : *out ? 0 : SETARA_ENOMEM;
}

int setara_register__list_file(setara_store *st, const char *dir,
	const char *list_id, const char *ext, char **out)
{
	*out = NULL;
	return st->backend->list_file(st, dir, list_id, ext, out);
}

static int sqlite_issuer(setara_store *st, const char *issuer,
	char **name, char **country)
{
	sqlite3_stmt *s;
	int error, rc;

	if ((error = setara_store__prepare(st, &s,
	    setara_register__issuer_sql, "s", issuer)) < 0)
		return error;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		error = setara_register__issuer_row(issuer, rc == SQLITE_ROW,
			col_or_null(s, 0), col_or_null(s, 1), name, country);
	else
		error = setara_store__error(st, "register");
	sqlite3_reset(s);
	return error;
}

int setara_register__issuer(setara_store *st, const char *issuer,
	char **name, char **country)
{
	*name = *country = NULL;
	return st->backend->issuer(st, issuer, name, country);
}

static int sqlite_entry(setara_store *st, const char *id,
	const char *issuer, setara_doc_status *status,
	setara_register__slot *slot)
{
	sqlite3_stmt *s;
	int error, rc;

	if ((error = setara_store__prepare(st, &s, setara_register__entry_sql,
	    "ss", id, issuer)) < 0)
		return error;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*status = status_of(setara_store__col_text(s, 0));
		snprintf(slot->id, sizeof(slot->id), "%s", id);
		slot->index = (unsigned long)sqlite3_column_int64(s, 1);
		snprintf(slot->revocation_list, sizeof(slot->revocation_list),
			"%s", setara_store__col_text(s, 2));
		snprintf(slot->suspension_list, sizeof(slot->suspension_list),
			"%s", setara_store__col_text(s, 3));
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return SETARA_ENOTFOUND;
	return rc == SQLITE_ROW ? 0 : setara_store__error(st, "register");
}

int setara_register__entry(setara_store *st, const char *id,
	const char *issuer, setara_doc_status *status,
	setara_register__slot *slot)
{
	memset(slot, 0, sizeof(*slot));
	*status = SETARA_DOC_ACTIVE;
	return st->backend->entry(st, id, issuer, status, slot);
}

/* ---- reading ------------------------------------------------------------ */

static const char *const status_words[] = { "active", "revoked",
	"suspended" };

static int sqlite_list(setara_store *st, const setara_register_query *q,
	setara_register_cb cb, void *payload, unsigned long *count)
{
	setara_buf sql = SETARA_BUF_INIT;
	static const char *const column[4] = { "id", "type", "subject",
		"issuer" };
	setara_register_entry e;
	sqlite3_stmt *s = NULL;
	const char *value[4];
	unsigned long n = 0;
	int error = 0, rc, k, driver, flagged;

	value[0] = q->id;
	value[1] = q->type;
	value[2] = q->subject;
	value[3] = q->issuer;
	/*
	 * The filters that are set, as bound parameters; the latest rows
	 * first when limited, then turned back into issuing order.
	 *
	 * One filter drives the query through its index, the others are
	 * tested on the rows it yields ("+" keeps sqlite from using their
	 * indexes): without statistics sqlite cannot tell that a subject
	 * selects two rows and a type half the register.  The driver is
	 * the filter that selects fewest rows in any register: the id,
	 * the subject, a status other than active (issued_flagged), the
	 * type, the issuer.  Each index holds the rowid last, so walking
	 * it backwards gives the latest rows first, and a limit stops the
	 * walk: the time does not grow with the register.  The register
	 * drives the join (CROSS JOIN), never the list table.
	 */
	flagged = q->status > SETARA_DOC_ACTIVE;
	driver = value[0] ? 0 : value[2] ? 2 : flagged ? -1 : value[1] ? 1 :
		value[3] ? 3 : -2;
	setara_buf_puts(&sql,
		"SELECT * FROM (SELECT i.rowid AS r, i.id, i.type, i.subject,"
		" i.issuer, l.issuer_name, l.issuer_country, i.path, i.digest,"
		" i.issued_at, l.revocation_id, l.suspension_id,"
		" i.status_index, i.status FROM issued i"
		" CROSS JOIN status_list l ON l.id = i.list"
		" WHERE i.state = 'issued'");
	for (k = 0; k < 4; k++)
		if (value[k])
			setara_buf_printf(&sql, " AND %si.%s = ?%d",
				k == driver ? "" : "+", column[k], k + 1);
	if (q->status >= 0)
		setara_buf_printf(&sql, " AND %si.status = '%s'%s",
			driver == -1 ? "" : "+", status_words[q->status],
			driver == -1 ? " AND i.status <> 'active'" : "");
	/* ?5 is the limit, -1 for none. */
	if (setara_buf_puts(&sql, " ORDER BY i.rowid DESC LIMIT ?5)"
	    " ORDER BY r") < 0) {
		error = SETARA_ENOMEM;
		goto done;
	}
	if (sqlite3_prepare_v2(setara_store__db(st), sql.ptr, -1, &s,
	    NULL) != SQLITE_OK) {
		error = setara_store__error(st, "register");
		goto done;
	}
	for (k = 0; k < 4; k++)
		if (value[k])
			sqlite3_bind_text(s, k + 1, value[k], -1,
				SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, q->limit == 0 ? -1 :
		q->limit > (unsigned long)INT64_MAX ? INT64_MAX :
		(sqlite3_int64)q->limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&e, 0, sizeof(e));
		e.id = setara_store__col_text(s, 1);
		e.type = setara_store__col_text(s, 2);
		e.subject = setara_store__col_text(s, 3);
		e.issuer = setara_store__col_text(s, 4);
		e.issuer_name = col_or_null(s, 5);
		e.issuer_country = col_or_null(s, 6);
		e.path = setara_store__col_text(s, 7);
		e.digest = setara_store__col_text(s, 8);
		e.issued_at = setara_store__col_text(s, 9);
		e.revocation_list = setara_store__col_text(s, 10);
		e.suspension_list = setara_store__col_text(s, 11);
		e.status_index = (unsigned long)sqlite3_column_int64(s, 12);
		e.status = status_of(setara_store__col_text(s, 13));
		n++;
		if ((error = cb(&e, payload)) != 0)
			goto done;
	}
	if (rc != SQLITE_DONE)
		error = setara_store__error(st, "register");
	else if (n == 0 && q->id)
		error = not_issued(q->id);
done:
	if (count)
		*count = n;
	sqlite3_finalize(s);
	setara_buf_dispose(&sql);
	return error;
}

int setara_register_list(setara_store *st, const setara_register_query *q,
	setara_register_cb cb, void *payload, unsigned long *count)
{
	setara_register_query all = SETARA_REGISTER_QUERY_INIT;

	SETARA_ASSERT_ARG(st && cb);
	if (count)
		*count = 0;
	if (q == NULL)
		q = &all;
	if (q->version != SETARA_REGISTER_QUERY_VERSION)
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, "version", "unknown query version %d "
			"(use SETARA_REGISTER_QUERY_INIT)", q->version);
	if (q->status < -1 || q->status > SETARA_DOC_SUSPENDED)
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, "status", "no such status: %d", q->status);
	return st->backend->list(st, q, cb, payload, count);
}

static int sqlite_history(setara_store *st, const char *id,
	int (*cb)(const setara_register_change *ch, void *payload),
	void *payload)
{
	setara_register_change ch;
	sqlite3_stmt *s;
	int error, rc;

	if ((error = setara_store__prepare(st, &s,
	    setara_register__issued_sql, "s", id)) < 0)
		return error;
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return not_issued(id);
	if (rc != SQLITE_ROW)
		return setara_store__error(st, "register");
	if ((error = setara_store__prepare(st, &s,
	    setara_register__history_sql, "s", id)) < 0)
		return error;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ch.action = setara_store__col_text(s, 0);
		ch.reason = setara_store__col_text(s, 1);
		ch.at = setara_store__col_text(s, 2);
		if ((error = cb(&ch, payload)) != 0)
			break;
	}
	sqlite3_reset(s);
	if (error == 0 && rc != SQLITE_DONE)
		error = setara_store__error(st, "register");
	return error;
}

int setara_register_history(setara_store *st, const char *id,
	int (*cb)(const setara_register_change *ch, void *payload),
	void *payload)
{
	SETARA_ASSERT_ARG(st && id && cb);
	return st->backend->history(st, id, cb, payload);
}

int setara_register_import(setara_store *st, const char *path,
	unsigned long *rows)
{
	unsigned long n = 0;
	int error;

	SETARA_ASSERT_ARG(st && path);
	if (st->backend->import == NULL)
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, "--db", "a register moves into PostgreSQL: "
			"give a postgresql:// URL");
	error = st->backend->import(st, path, &n);
	if (rows)
		*rows = error == 0 ? n : 0;
	return error;
}

static const char *sqlite_name(const setara_store *st)
{
	return st->path;
}

const setara_register__backend setara_register__sqlite = {
	.begin = setara_store__begin,
	.commit = setara_store__commit,
	.rollback = setara_store__rollback,
	.lock_issuing = setara_store__sqlite_lock,
	.reserve = sqlite_reserve,
	.complete = sqlite_complete,
	.abandon = sqlite_abandon,
	.recover = sqlite_recover,
	.change_status = sqlite_change_status,
	.status = sqlite_status,
	.list_bits = sqlite_list_bits,
	.list_changes = sqlite_list_changes,
	.publication_get = sqlite_publication_get,
	.publication_set = sqlite_publication_set,
	.lists = sqlite_lists,
	.issuers = sqlite_issuers,
	.list_file = sqlite_list_file,
	.issuer = sqlite_issuer,
	.entry = sqlite_entry,
	.list = sqlite_list,
	.history = sqlite_history,
	.audit = setara_store__sqlite_audit,
	.audit_list = setara_store__sqlite_audit_list,
	.import = NULL,	/* a register moves into PostgreSQL only */
	.export = setara_register__sqlite_export,
	.name = sqlite_name,
	.close = NULL,
};
