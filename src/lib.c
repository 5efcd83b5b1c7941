/*
 * The library as a whole, above every component: setara_init() sets up
 * libxml2 (util), then libxmlsec1 (cred), registers with the store the
 * components that keep rows in it, in the order their migrations run, and
 * with util's validation the values their schemas keep unique.  So
 * no component calls up into another (src/README.md).
 *
 * Initialisation is reference-counted under a lock: each setara_init()
 * that succeeded is matched by one setara_shutdown(), from any thread.
 */
#include <pthread.h>

#include "setara.h"
#include "util/util.h"
#include "store/store_api.h"
#include "qf/qf_api.h"
#include "credit/credit_api.h"
#include "mrs/mrs_api.h"
#include "cred/cred_api.h"

/* Dependency order: a component's tables may refer to earlier ones. */
static const setara_store__component *const components[] = {
	&setara_qf__component,
	&setara_credit__component,
	&setara_mrs__component,
	&setara_register__component,
	NULL
};

/* The values the components' schemas keep unique. */
static const setara__xml_unique *const uniques[] = {
	setara_credit__unique,
	setara_cred__unique,
	NULL
};

static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;
static int init_count;

int setara_init(void)
{
	int error = 0;

	pthread_mutex_lock(&init_lock);
	if (init_count > 0) {
		init_count++;
		goto done;
	}
	setara__xml_init();
	setara__xml_set_unique(uniques);
	if ((error = setara_cred__global_init()) < 0)
		goto done;
	setara_store__set_components(components);
	init_count = 1;
done:
	pthread_mutex_unlock(&init_lock);
	return error;
}

void setara_shutdown(void)
{
	pthread_mutex_lock(&init_lock);
	if (init_count > 0 && --init_count == 0) {
		setara_cred__global_shutdown();
		setara__xml_shutdown();
	}
	pthread_mutex_unlock(&init_lock);
}

const char *setara_version(void)
{
	return SETARA_VERSION;
}
