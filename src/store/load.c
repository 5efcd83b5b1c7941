/*
 * Loading the reference data (frameworks/, mappings/) into the store.
 *
 * One transaction for the whole load: each file is read once, hashed,
 * skipped when its hash is unchanged, otherwise parsed with the safe loader
 * and handed to the component that owns its document element, which
 * validates it against its XSD and inserts its rows.  Rows of a changed or
 * removed file go first (ON DELETE CASCADE from source).  Then every
 * component checks the references across files.  Any error rolls the whole
 * load back, leaving the store as it was.
 */
#include <string.h>
#include <sys/stat.h>

#include "store_int.h"

/* Bump when the loaders change what they store: forces a full reload. */
#define DATA_FORMAT SETARA_VERSION "/2"

static int meta_get(setara_store *st, const char *key, char **out)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = ?";
	sqlite3_stmt *s;
	int error;

	*out = NULL;
	if ((error = setara_store__prepare(st, &s, sql, "s", key)) < 0)
		return error;
	if ((error = setara_store__step(st, s, "meta")) > 0)
		error = (*out = setara__strdup(setara_store__col_text(s,
			0))) == NULL ? SETARA_ENOMEM : 0;
	sqlite3_reset(s);
	return error;
}

static int meta_set(setara_store *st, const char *key, const char *value)
{
	static const char sql[] =
		"INSERT INTO meta (key, value) VALUES (?, ?)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value";

	return setara_store__run(st, sql, "meta", "ss", key, value);
}

/*
 * A cheap stamp of the data directory: the SHA-256 of every data file's
 * path, size and modification time.  When it matches the stamp of the last
 * load, nothing needs loading; when not, setara_store_load() decides file
 * by file with content hashes.
 */
static int data_stamp(const char *datadir, char out[65])
{
	static const char *const dirs[] = { "frameworks", "mappings", NULL };
	setara__strlist files = { NULL, 0, 0 };
	setara_buf b = SETARA_BUF_INIT;
	struct stat sb;
	char *dir;
	size_t i;
	int d, error = 0;

	for (d = 0; dirs[d] && error == 0; d++) {
		if ((dir = setara__path_join(datadir, dirs[d])) == NULL)
			return SETARA_ENOMEM;
		if (setara__is_dir(dir))
			error = setara__list_files(&files, dir, ".xml", 1);
		setara__free(dir);
	}
	for (i = 0; error == 0 && i < files.count; i++) {
		if (stat(files.items[i], &sb) < 0)
			continue;
		error = setara_buf_printf(&b, "%s %lld %lld.%09ld\n",
			files.items[i], (long long)sb.st_size,
			(long long)sb.st_mtim.tv_sec, sb.st_mtim.tv_nsec);
	}
	if (error == 0)
		error = setara__sha256_hex(out, b.ptr ? b.ptr : "", b.size);
	setara_buf_dispose(&b);
	setara__strlist_dispose(&files);
	return error;
}

int setara_store_is_current(setara_store *st, const char *datadir)
{
	char stamp[65], *have = NULL;
	int error, loaded;

	if ((loaded = setara_store_is_loaded(st)) <= 0)
		return loaded;
	if ((error = data_stamp(datadir, stamp)) < 0 ||
	    (error = meta_get(st, "data_stamp", &have)) < 0)
		return error;
	loaded = have != NULL && strcmp(have, stamp) == 0;
	setara__free(have);
	return loaded;
}

int setara_store_is_loaded(setara_store *st)
{
	char *v = NULL;
	int error, loaded;

	if ((error = meta_get(st, "data_format", &v)) < 0)
		return error;
	loaded = v != NULL && strcmp(v, DATA_FORMAT) == 0;
	setara__free(v);
	return loaded;
}

static int dispatch(setara_store *st, xmlDocPtr doc, const char *path,
	sqlite3_int64 source_id)
{
	const setara_store__component *l;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	int handled = 0, error;
	size_t i;

	for (i = 0; (l = setara_store__component_at(i)); i++) {
		if (l->load == NULL)
			continue;
		if ((error = l->load(st, doc, path, source_id, &handled)) < 0) {
			setara_error__set_file(path);
			return error;
		}
		if (handled)
			return 0;
	}
	return setara_error__data(path, (int)xmlGetLineNo(root),
		(const char *)root->name,
		"not a setara data file: document element {%s}%s",
		root->ns ? (const char *)root->ns->href : "",
		(const char *)root->name);
}

static int load_one(setara_store *st, const char *path, const char *rel,
	setara_load_stats *stats)
{
	static const char find_sql[] =
		"SELECT id, sha256 FROM source WHERE path = ?";
	static const char del_sql[] = "DELETE FROM source WHERE id = ?";
	static const char ins_sql[] =
		"INSERT INTO source (path, kind, sha256, loaded_at)"
		" VALUES (?, ?, ?, ?)";
	static const char seen_sql[] =
		"INSERT OR IGNORE INTO temp.seen (path) VALUES (?)";
	setara_buf b = SETARA_BUF_INIT;
	xmlDocPtr doc = NULL;
	sqlite3_stmt *s;
	sqlite3_int64 old_id = 0, id;
	char hash[65], now[21];
	int error, same = 0;

	if ((error = setara__read_file(&b, path, SETARA_XML_MAX_DEFAULT)) < 0)
		goto done;
	if ((error = setara__sha256_hex(hash, b.ptr ? b.ptr : "", b.size)) < 0)
		goto done;

	if ((error = setara_store__run(st, seen_sql, "load", "s", rel)) < 0 ||
	    (error = setara_store__prepare(st, &s, find_sql, "s", rel)) < 0)
		goto done;
	if ((error = setara_store__step(st, s, "load")) > 0) {
		old_id = sqlite3_column_int64(s, 0);
		same = strcmp(setara_store__col_text(s, 1), hash) == 0;
	}
	sqlite3_reset(s);
	if (error < 0)
		goto done;
	error = 0;
	if (same) {
		stats->unchanged++;
		goto done;
	}
	if (old_id && (error = setara_store__run(st, del_sql, "load", "I",
	    old_id)) < 0)
		goto done;
	if ((error = setara__xml_parse_mem(&doc, b.ptr ? b.ptr : "", b.size,
	    path)) < 0)
		goto done;
	setara_store__now(now);
	if ((error = setara_store__run(st, ins_sql, "load", "ssss", rel,
	    (const char *)xmlDocGetRootElement(doc)->name, hash, now)) < 0)
		goto done;
	id = sqlite3_last_insert_rowid(st->db);
	if ((error = dispatch(st, doc, path, id)) < 0)
		goto done;
	stats->loaded++;
done:
	xmlFreeDoc(doc);
	setara_buf_dispose(&b);
	return error;
}

int setara_store_load(setara_store *st, const char *datadir,
	setara_load_stats *stats)
{
	static const char *const dirs[] = { "frameworks", "mappings", NULL };
	setara_load_stats local = SETARA_LOAD_STATS_INIT;
	setara__strlist files = { NULL, 0, 0 };
	const setara_store__component *l;
	char *dir = NULL, *fmt = NULL, detail[128];
	size_t i, rootlen = strlen(datadir);
	int error, d, nfound = 0;

	SETARA_ASSERT_ARG(st && datadir);
	if (stats == NULL)
		stats = &local;
	for (d = 0; dirs[d]; d++) {
		if ((dir = setara__path_join(datadir, dirs[d])) == NULL)
			return SETARA_ENOMEM;
		if (setara__is_dir(dir)) {
			nfound++;
			error = setara__list_files(&files, dir, ".xml", 1);
		} else {
			error = 0;
		}
		setara__free(dir);
		if (error < 0)
			goto out;
	}
	if (nfound == 0) {
		error = setara_error__set(SETARA_EIO, SETARA_ERROR_OS, datadir,
			0, NULL, "no frameworks/ or mappings/ here: "
			"not a setara data directory (see --data)");
		goto out;
	}
	if ((error = setara_store__begin(st)) < 0)
		goto out;
	if ((error = setara_store__exec(st,
	    "CREATE TEMP TABLE IF NOT EXISTS seen (path TEXT PRIMARY KEY);"
	    "DELETE FROM temp.seen;")) < 0)
		goto fail;
	if ((error = meta_get(st, "data_format", &fmt)) < 0)
		goto fail;
	/* Another version of the loaders: reload everything. */
	if ((fmt == NULL || strcmp(fmt, DATA_FORMAT) != 0) &&
	    (error = setara_store__exec(st, "DELETE FROM source")) < 0)
		goto fail;
	for (i = 0; i < files.count; i++) {
		const char *rel = files.items[i] + rootlen;

		while (*rel == '/')
			rel++;
		stats->files++;
		if ((error = load_one(st, files.items[i], rel, stats)) < 0)
			goto fail;
	}
	stats->removed = 0;
	{
		sqlite3_stmt *s;

		if (sqlite3_prepare_v2(st->db,
		    "DELETE FROM source WHERE path NOT IN"
		    " (SELECT path FROM temp.seen)", -1, &s, NULL) != SQLITE_OK) {
			error = setara_store__error(st, "load");
			goto fail;
		}
		if (sqlite3_step(s) != SQLITE_DONE) {
			sqlite3_finalize(s);
			error = setara_store__error(st, "load");
			goto fail;
		}
		stats->removed = (unsigned)sqlite3_changes(st->db);
		sqlite3_finalize(s);
	}
	for (i = 0; (l = setara_store__component_at(i)); i++)
		if (l->check && (error = l->check(st)) < 0)
			goto fail;
	if ((error = meta_set(st, "data_format", DATA_FORMAT)) < 0)
		goto fail;
	{
		char stamp[65];

		if ((error = data_stamp(datadir, stamp)) < 0 ||
		    (error = meta_set(st, "data_stamp", stamp)) < 0)
			goto fail;
	}
	snprintf(detail, sizeof(detail),
		"%u files: %u loaded, %u unchanged, %u removed", stats->files,
		stats->loaded, stats->unchanged, stats->removed);
	if (stats->loaded || stats->removed)
		error = setara_store_audit(st, "load", datadir, detail);
fail:
	error = setara_store__end(st, error);
out:
	setara__free(fmt);
	setara__strlist_dispose(&files);
	return error;
}

/*
 * Every fact below high confidence and every level link not confirmed
 * from a referencing report's own table, component by component, in file
 * and line order.  Sample data (status="sample") is an illustration and is
 * left out.
 */
int setara_store_data_report(setara_store *st,
	int (*cb)(const setara_data_fact *fact, void *payload), void *payload)
{
	const setara_store__component *l;
	setara_data_fact f;
	sqlite3_stmt *s = NULL;
	char *sql = NULL;
	int error = 0, rc = SQLITE_DONE;
	size_t i;

	SETARA_ASSERT_ARG(st && cb);
	for (i = 0; error == 0 && (l = setara_store__component_at(i)); i++) {
		if (l->report == NULL)
			continue;
		sql = setara__asprintf("SELECT * FROM (%s) ORDER BY 4, 5, 3",
			l->report);
		if (sql == NULL) {
			error = SETARA_ENOMEM;
			break;
		}
		if (sqlite3_prepare_v2(setara_store__db(st), sql, -1, &s,
		    NULL) != SQLITE_OK) {
			error = setara_store__error(st, l->name);
			break;
		}
		while (error == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
			memset(&f, 0, sizeof(f));
			f.component = setara_store__col_text(s, 0);
			f.kind = setara_store__col_text(s, 1);
			f.subject = setara_store__col_text(s, 2);
			f.file = setara_store__col_text(s, 3);
			f.line = sqlite3_column_int(s, 4);
			f.confidence = setara_store__col_text(s, 5);
			f.flag = setara_store__col_text(s, 6);
			f.text = setara_store__col_text(s, 7);
			error = cb(&f, payload);
		}
		if (error == 0 && rc != SQLITE_DONE)
			error = setara_store__error(st, l->name);
		sqlite3_finalize(s);
		s = NULL;
		setara__free(sql);
		sql = NULL;
	}
	sqlite3_finalize(s);
	setara__free(sql);
	return error;
}
