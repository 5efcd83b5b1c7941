/*
 * Fuzz target: the JSON loader's fast reader (src/vc/jsonfast.c) against
 * jansson, the reader it stands in for.
 *
 * Oracle: what the fast reader takes, json_loadb() with the loader's
 * flags takes too, as an equal tree with its members in the same order
 * (the ordered writer's bytes); so the loader accepts and refuses
 * exactly what jansson does.  Anything else aborts.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "setara.h"
#include "vc/vc_int.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return setara_init();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setara_buf a = SETARA_BUF_INIT, b = SETARA_BUF_INIT;
	json_error_t e;
	json_t *fast = NULL, *ref;

	if (setara_vc__json_parse_fast(&fast, (const char *)data, size) != 0)
		return 0;
	ref = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES |
		JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL, &e);
	if (ref == NULL || !json_equal(fast, ref) ||
	    setara_vc__json_write(&a, fast, 0) < 0 ||
	    setara_vc__json_write(&b, ref, 0) < 0 || a.size != b.size ||
	    memcmp(a.ptr, b.ptr, a.size) != 0)
		abort();
	json_decref(fast);
	json_decref(ref);
	setara_buf_dispose(&a);
	setara_buf_dispose(&b);
	return 0;
}
