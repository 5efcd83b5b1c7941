/*
 * Fuzz target: VC 2.0 well-formedness (src/vc/wellformed.c) and the
 * verifier's reading of contexts, on hostile JSON.
 *
 * Oracles: the answer is the same twice; a refusal names its rule and
 * says why; what a full credential passes, an issuer's input passes too
 * (SETARA_VC_WELLFORMED_INPUT only relaxes the issuer); and the profile
 * check's reading refuses whatever well-formedness refuses.
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
	setara_vc_wellformed_result full, again, input;
	json_t *doc = NULL;
	char why[384];
	int r;

	if (setara_vc__json_load(&doc, (const char *)data, size, "fuzz") < 0) {
		setara_error_clear();
		return 0;
	}
	if (setara_vc__wellformed_doc(&full, doc, 0) < 0 ||
	    setara_vc__wellformed_doc(&again, doc, 0) < 0 ||
	    setara_vc__wellformed_doc(&input, doc,
	    SETARA_VC_WELLFORMED_INPUT) < 0)
		abort();
	if (full.wellformed != again.wellformed ||
	    strcmp(full.rule, again.rule) != 0 ||
	    strcmp(full.reason, again.reason) != 0)
		abort();
	if (!full.wellformed && (!full.rule[0] || !full.reason[0]))
		abort();
	if (full.wellformed && !input.wellformed)
		abort();
	if ((r = setara_vc__profile_meaning(why, sizeof(why), doc)) < 0 ||
	    (!full.wellformed && r != 1))
		abort();
	json_decref(doc);
	return 0;
}
