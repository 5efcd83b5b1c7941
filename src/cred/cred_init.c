/*
 * Global set-up of the cred component, called by setara_init(): libxmlsec1
 * with OpenSSL, locked down -- no I/O callbacks at all (1.2.37 registers
 * libxml2's file, HTTP and FTP handlers in xmlSecInit; we remove them, so
 * no Reference or KeyInfo can make it read a file or the network), and its
 * errors captured per thread instead of printed, to become check reasons.
 * The component keeps no tables: the register (src/store/register.c) owns
 * those of issued documents.
 */
#include <stdio.h>
#include <string.h>
#include <libxml/parser.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/errors.h>
#include <xmlsec/io.h>
#include <xmlsec/crypto.h>

#include "cred_int.h"

static _Thread_local char xmlsec_error[256];

static void on_xmlsec_error(const char *file, int line, const char *func,
	const char *object, const char *subject, int reason,
	const char *msg)
{
	(void)file;
	(void)line;
	(void)func;
	(void)reason;
	if (xmlsec_error[0])
		return; /* keep the first, the closest to the cause */
	snprintf(xmlsec_error, sizeof(xmlsec_error), "%s%s%s%s%s",
		subject ? subject : "", subject && msg ? ": " : "",
		msg ? msg : "", object ? " in " : "", object ? object : "");
}

const char *setara_cred__xmlsec_error(void)
{
	return xmlsec_error[0] ? xmlsec_error : "unknown libxmlsec1 error";
}

void setara_cred__xmlsec_error_clear(void)
{
	xmlsec_error[0] = '\0';
}

static int initialised;

int setara_cred__global_init(void)
{
	/* xmlSecInit() installs its own external entity loader; keep the
	 * one setara_init() set (embedded schemas only, nothing else). */
	xmlExternalEntityLoader loader = xmlGetExternalEntityLoader();

	if (xmlSecInit() < 0)
		return setara_error__set(SETARA_ERROR, SETARA_ERROR_CRYPTO,
			NULL, 0, NULL, "libxmlsec1 initialisation failed");
	xmlSetExternalEntityLoader(loader);
	if (xmlSecCheckVersion() != 1) {
		xmlSecShutdown();
		return setara_error__set(SETARA_ERROR, SETARA_ERROR_CRYPTO,
			NULL, 0, NULL, "libxmlsec1 version mismatch");
	}
	xmlSecErrorsSetCallback(on_xmlsec_error);
	if (xmlSecCryptoAppInit(NULL) < 0 || xmlSecCryptoInit() < 0) {
		xmlSecShutdown();
		return setara_error__set(SETARA_ERROR, SETARA_ERROR_CRYPTO,
			NULL, 0, NULL, "libxmlsec1-openssl initialisation "
			"failed");
	}
	/* No reading of files or URLs through xmlsec, ever. */
	xmlSecIOCleanupCallbacks();
	initialised = 1;
	return 0;
}

void setara_cred__global_shutdown(void)
{
	if (!initialised)
		return;
	xmlSecCryptoShutdown();
	xmlSecCryptoAppShutdown();
	xmlSecShutdown();
	initialised = 0;
}
