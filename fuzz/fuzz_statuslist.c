/*
 * Fuzz target: a BitstringStatusListCredential read as hostile input
 * (src/vc/statuslist.c): the JSON loader, the shape, the multibase and
 * the bounded GZIP inflation.
 *
 * Oracles: a list that is read has 131,072 to 16,777,216 entries, a
 * multiple of 8, every index below its size answers 0 or 1 and the first
 * past it is refused; written again with the same bits, id, issuer and
 * purpose it reads back with the same bits.  Anything else aborts.
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setara_vc_status_list_options o = SETARA_VC_STATUS_LIST_OPTIONS_INIT;
	setara_vc_status_list *l = NULL, *again = NULL;
	setara_buf w = SETARA_BUF_INIT;
	unsigned char *bits = NULL;
	size_t n, i;

	if (setara_vc_status_list_read(&l, (const char *)data, size,
	    "fuzz") < 0)
		goto done;
	n = setara_vc_status_list_size(l);
	if (n < SETARA_VC_STATUS_LIST_MIN_ENTRIES ||
	    n > SETARA_VC_STATUS_LIST_MAX_ENTRIES || n % 8 ||
	    setara_vc_status_list_bit(l, n) != SETARA_EINVALID)
		abort();
	if ((bits = calloc(1, n / 8)) == NULL)
		abort();
	for (i = 0; i < n; i++) {
		int b = setara_vc_status_list_bit(l, i);

		if (b != 0 && b != 1)
			abort();
		if (b)
			bits[i / 8] |= (unsigned char)(0x80u >> (i % 8));
	}
	o.id = setara_vc_status_list_id(l);
	o.issuer = setara_vc_status_list_issuer(l);
	o.suspension = setara_vc_status_list_suspension(l);
	o.valid_from = 1;
	if (setara_vc_status_list_write(&w, bits, n, &o) < 0 ||
	    setara_vc_status_list_read(&again, w.ptr, w.size, "again") < 0 ||
	    setara_vc_status_list_size(again) != n)
		abort();
	for (i = 0; i < n; i += 1 + i % 61)
		if (setara_vc_status_list_bit(again, i) !=
		    setara_vc_status_list_bit(l, i))
			abort();
done:
	free(bits);
	setara_vc_status_list_free(l);
	setara_vc_status_list_free(again);
	setara_buf_dispose(&w);
	return 0;
}
