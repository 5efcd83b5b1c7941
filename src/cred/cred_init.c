/*
 * Global set-up of the libraries the cred component uses (xmlsec, libxslt),
 * and its tables in the store.  (Filled in as the component is built.)
 */
#include "store/store_int.h"

int setara_cred__global_init(void);
void setara_cred__global_shutdown(void);

const setara_store__migration setara_cred__migrations[] = {
	SETARA_STORE_MIGRATIONS_END
};

int setara_cred__global_init(void)
{
	return 0;
}

void setara_cred__global_shutdown(void)
{
}
