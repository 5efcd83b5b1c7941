/*
 * Fuzz target: the safe XML loader (every untrusted input goes through it).
 */
#include <stdint.h>

#include "setara.h"
#include "util/util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return setara_init();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	xmlDocPtr doc = NULL;

	if (setara__xml_parse_mem(&doc, (const char *)data, size, "fuzz") == 0)
		xmlFreeDoc(doc);
	return 0;
}
