/*
 * The register of issued documents, revocations and status-list indexes.
 * (Filled in as the register is built.)
 */
#include "store_int.h"

const setara_store__migration setara_register__migrations[] = {
	SETARA_STORE_MIGRATIONS_END
};
