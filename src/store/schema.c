/*
 * The store's schema: the core tables, and the list of every component's
 * migrations in the order they run.
 *
 * A migration is never edited once released; a change is a new version.
 */
#include "store_int.h"

static const setara_store__migration core[] = {
	{ 1,
	  "CREATE TABLE meta ("
	  " key TEXT PRIMARY KEY,"
	  " value TEXT NOT NULL);"
	  /* One row per loaded reference-data file. */
	  "CREATE TABLE source ("
	  " id INTEGER PRIMARY KEY,"
	  " path TEXT NOT NULL UNIQUE,"   /* relative to the data root */
	  " kind TEXT NOT NULL,"          /* document element name */
	  " sha256 TEXT NOT NULL,"
	  " loaded_at TEXT NOT NULL);"
	  /* Append-only: the triggers refuse changes and deletions. */
	  "CREATE TABLE audit ("
	  " id INTEGER PRIMARY KEY,"
	  " at TEXT NOT NULL,"
	  " action TEXT NOT NULL,"
	  " object TEXT,"
	  " detail TEXT);"
	  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	  " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	  " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;" },
	SETARA_STORE_MIGRATIONS_END
};

extern const setara_store__migration setara_qf__migrations[];
extern const setara_store__migration setara_credit__migrations[];
extern const setara_store__migration setara_mrs__migrations[];
extern const setara_store__migration setara_cred__migrations[];
extern const setara_store__migration setara_register__migrations[];

const struct setara_store__component {
	const char *name;
	const setara_store__migration *migrations;
} setara_store__components[] = {
	{ "store", core },
	{ "qf", setara_qf__migrations },
	{ "credit", setara_credit__migrations },
	{ "mrs", setara_mrs__migrations },
	{ "cred", setara_cred__migrations },
	{ "register", setara_register__migrations },
	{ NULL, NULL }
};
