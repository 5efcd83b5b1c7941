/*
 * The level part of the consistency check: each qualification a document
 * claims names a national level (FRAMEWORK:LEVEL) and an AQRF level; the
 * pair must agree with the reference data (the framework's AQRF
 * referencing, from the qf component).
 */
#include "cred_int.h"

int setara_cred__levels_check(setara_store *st, const setara_cred__header *h,
	int *status, char **reason)
{
	(void)h;
	*status = SETARA_CHECK_COULD_NOT_CHECK;
	*reason = setara__strdup(st ? "level reference data (qf) is not "
		"available in this build" : "no reference data (store) given");
	return *reason ? 0 : SETARA_ENOMEM;
}
