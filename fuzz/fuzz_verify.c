/*
 * Fuzz target: document verification, every check, on arbitrary bytes --
 * the safe loader, the schemas, the signature-profile walk, certificate
 * parsing and libxmlsec1 behind it.  No trust store (trust and issuer are
 * could-not-check), so inputs need no particular PKI; the corpus holds
 * real signed documents and the tampered forms the tests use.  Every
 * signature is checked by the direct path and by libxmlsec1 both
 * (the crosscheck option): the two disagreeing is a crash.
 */
#include <stdint.h>
#include <stdlib.h>

#include "setara.h"
#include "fuzz.h"

static setara_verifier *verifier;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	setara_verify_options o = SETARA_VERIFY_OPTIONS_INIT;

	(void)argc;
	(void)argv;
	o.crosscheck = 1;
	if (setara_init() < 0 || setara_cred_verifier_new(&verifier, &o) < 0)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setara_verdict *v = NULL;
	int k;

	if (setara_cred_verify_mem(&v, verifier, (const char *)data, size,
	    "fuzz") < 0) {
		/* The two signature paths disagree. */
		if (setara_error_last()->klass == SETARA_ERROR_INTERNAL)
			abort();
		return 0;
	}
	/* A verdict always has every check with a reason. */
	for (k = 0; k < SETARA_CHECK_COUNT; k++) {
		const char *reason = NULL;

		setara_verdict_check(v, (setara_check)k, &reason);
		if (reason == NULL)
			abort();
	}
	if (setara_verdict_result(v) == SETARA_RESULT_VALID)
		abort(); /* impossible without a trust store */
	setara_verdict_free(v);
	return 0;
}
