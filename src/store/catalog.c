/*
 * Catalog rows: run a component's listing SELECT (columns as
 * store_api.h says) and hand each row to the caller as an entry.
 */
#include "store_int.h"

int setara_store__catalog(setara_store *st, const char *sql,
	setara_catalog_cb cb, void *payload)
{
	setara_catalog_entry e;
	sqlite3_stmt *s = NULL;
	int error = 0, rc;

	SETARA_ASSERT_ARG(st && sql && cb);
	if (sqlite3_prepare_v2(setara_store__db(st), sql, -1, &s, NULL) !=
	    SQLITE_OK)
		return setara_store__error(st, "catalog");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		e.kind = setara_store__col_text(s, 0);
		e.id = setara_store__col_text(s, 1);
		e.name = setara_store__col_text(s, 2);
		e.country = setara_store__col_text(s, 3);
		e.parent = setara_store__col_text(s, 4);
		e.detail = setara_store__col_text(s, 5);
		e.detail2 = setara_store__col_text(s, 6);
		e.source = setara_store__col_text(s, 7);
		e.confidence = setara_store__col_text(s, 8);
		e.status = setara_store__col_text(s, 9);
		e.file = setara_store__col_text(s, 10);
		e.line = sqlite3_column_int(s, 11);
		if ((error = cb(&e, payload)) != 0)
			break;
	}
	if (error == 0 && rc != SQLITE_DONE)
		error = setara_store__error(st, "catalog");
	sqlite3_finalize(s);
	return error;
}
