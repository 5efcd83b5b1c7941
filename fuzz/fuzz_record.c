/*
 * Fuzz target: the input record of 'setara transfer evaluate' (safe parse,
 * record.xsd, then the reader that turns it into the engine's structures).
 */
#include <stdint.h>

#include "setara.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return setara_init();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setara_record *r = NULL;

	if (setara_record_parse(&r, (const char *)data, size, "fuzz") == 0)
		setara_record_free(r);
	return 0;
}
