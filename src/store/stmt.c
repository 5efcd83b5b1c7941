/*
 * Small steps on a prepared statement that every component's loader takes
 * alike: an optional text bound, arguments bound from a list of types, a
 * row written.
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

int setara_store__vprepare(setara_store *st, sqlite3_stmt **out,
	const char *sql, const char *types, va_list ap)
{
	sqlite3_stmt *s;
	int error, i;

	if ((error = setara_store__stmt(st, &s, sql)) < 0)
		return error;
	for (i = 0; types[i]; i++) {
		switch (types[i]) {
		case 's':
			setara_store__bind_opt(s, i + 1,
				va_arg(ap, const char *));
			break;
		case 'i':
			sqlite3_bind_int(s, i + 1, va_arg(ap, int));
			break;
		case 'I':
			sqlite3_bind_int64(s, i + 1,
				va_arg(ap, sqlite3_int64));
			break;
		default:        /* '-': left NULL, no argument */
			break;
		}
	}
	*out = s;
	return 0;
}

int setara_store__prepare(setara_store *st, sqlite3_stmt **out,
	const char *sql, const char *types, ...)
{
	va_list ap;
	int error;

	va_start(ap, types);
	error = setara_store__vprepare(st, out, sql, types, ap);
	va_end(ap);
	return error;
}

int setara_store__run(setara_store *st, const char *sql, const char *what,
	const char *types, ...)
{
	sqlite3_stmt *s;
	va_list ap;
	int error;

	va_start(ap, types);
	if ((error = setara_store__vprepare(st, &s, sql, types, ap)) == 0)
		error = setara_store__step_done(st, s, what);
	va_end(ap);
	return error;
}
