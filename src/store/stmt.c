/*
 * Small steps on a prepared statement that every component's loader takes
 * alike: an optional text bound, a row written.
 */
#include "store_int.h"

void setara_store__bind_opt(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

int setara_store__step_done(setara_store *st, sqlite3_stmt *s,
	const char *what)
{
	int rc = sqlite3_step(s), error = 0;

	if (rc != SQLITE_DONE)
		error = setara_store__error(st, what);
	sqlite3_reset(s);
	return error;
}
