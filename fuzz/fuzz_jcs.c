/*
 * Fuzz target: the vc component's JSON loader and JCS (RFC 8785).
 *
 * Oracles: what the loader accepts canonicalizes, and the canonical form
 * is a fixed point (the loader accepts it again and JCS gives the same
 * bytes back); the ordered writer's output, read again, has the same
 * canonical form.  A numbers' formatting that does not read back, an
 * escape JCS writes but the loader refuses, or a sort that depends on
 * the input's order all break one of these: abort then.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "setara.h"
#include "vc/vc_int.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return setara_init();
}

/* JCS of @len bytes into @out; 0, or < 0 when the loader refuses. */
static int canon(setara_buf *out, const char *data, size_t len)
{
	return setara_vc_jcs(out, data, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setara_buf c1 = SETARA_BUF_INIT, c2 = SETARA_BUF_INIT,
		w = SETARA_BUF_INIT, c3 = SETARA_BUF_INIT;
	json_t *v = NULL;

	if (setara_vc__json_load(&v, (const char *)data, size, "fuzz") < 0)
		goto done;
	if (setara_vc__jcs(&c1, v) < 0 ||
	    setara_vc__json_write(&w, v, size % 2) < 0)
		abort();
	if (canon(&c2, c1.ptr, c1.size) < 0 || c2.size != c1.size ||
	    memcmp(c1.ptr, c2.ptr, c1.size) != 0)
		abort();
	if (canon(&c3, w.ptr, w.size) < 0 || c3.size != c1.size ||
	    memcmp(c1.ptr, c3.ptr, c1.size) != 0)
		abort();
done:
	json_decref(v);
	setara_buf_dispose(&c1);
	setara_buf_dispose(&c2);
	setara_buf_dispose(&c3);
	setara_buf_dispose(&w);
	return 0;
}
