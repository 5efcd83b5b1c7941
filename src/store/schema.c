/*
 * The store's schema: the core tables, then the migrations of the
 * components setara_init() registers (src/lib.c), in the order they run.
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

static const setara_store__component core_component = {
	"store", core, NULL, NULL, NULL
};

/* Set once by setara_init(); the list is static data of the library. */
static const setara_store__component *const *registered;

void setara_store__set_components(
	const setara_store__component *const *list)
{
	registered = list;
}

int setara_store__components_ready(void)
{
	return registered != NULL;
}

const setara_store__component *setara_store__component_at(size_t i)
{
	if (i == 0)
		return &core_component;
	return registered ? registered[i - 1] : NULL;
}
