/*
 * The qf component's tables in the store and its reference-data loader.
 * (Filled in as the component is built.)
 */
#include "store/store_int.h"

const setara_store__migration setara_qf__migrations[] = {
	SETARA_STORE_MIGRATIONS_END
};

int setara_qf__load(setara_store *st, xmlDocPtr doc, const char *path,
	sqlite3_int64 source_id, int *handled)
{
	(void)st;
	(void)doc;
	(void)path;
	(void)source_id;
	*handled = 0;
	return 0;
}

int setara_qf__check(setara_store *st)
{
	(void)st;
	return 0;
}
