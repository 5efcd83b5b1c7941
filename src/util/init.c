/*
 * libxml2 in its safe configuration, the first step of setara_init()
 * (src/lib.c, which sets up the components after it).
 *
 * The external entity loader installed here is process-wide and serves
 * only files compiled into the library (schemas importing one another);
 * everything else -- files, http, DTDs -- is refused.  Safety therefore
 * does not depend on every caller remembering the right parser flags.
 */
#include <string.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "util.h"

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static xmlParserInputPtr embedded_loader(const char *url, const char *id,
	xmlParserCtxtPtr ctxt)
{
	const char *const *names = setara__embedded_names();
	const char *base, *slash;
	const unsigned char *data;
	xmlParserInputBufferPtr buf;
	size_t len, blen, nlen;

	(void)id;
	if (url == NULL)
		return NULL;
	base = (slash = strrchr(url, '/')) ? slash + 1 : url;
	blen = strlen(base);
	for (; *names; names++) {
		nlen = strlen(*names);
		if (nlen <= blen || (*names)[nlen - blen - 1] != '/' ||
		    strcmp(*names + nlen - blen, base) != 0)
			continue;
		data = setara__embedded(*names, &len);
		/* A copy: libxml2 2.9's static input buffers misread
		 * included schemas. */
		buf = xmlParserInputBufferCreateMem((const char *)data,
			(int)len, XML_CHAR_ENCODING_NONE);
		if (buf == NULL)
			return NULL;
		return xmlNewIOInputStream(ctxt, buf, XML_CHAR_ENCODING_NONE);
	}
	return NULL;
}

void setara__xml_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(embedded_loader);
	xmlSetGenericErrorFunc(NULL, quiet);
	xmlThrDefSetGenericErrorFunc(NULL, quiet);
	xmlSetStructuredErrorFunc(NULL, NULL);
}

void setara__xml_shutdown(void)
{
	setara__xml_schemas_free();
	xmlCleanupParser();
}
