/*
 * Fuzz target: the safe XML loader (every untrusted input goes through it).
 *
 * The loader's limit scanner reads the bytes before libxml2 does; what it
 * lets through must hold to the limits in the tree libxml2 builds, or the
 * scanner was fooled (an encoding, a quote, a comment): abort then.
 */
#include <stdint.h>
#include <stdlib.h>

#include "setara.h"
#include "util/util.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return setara_init();
}

static void within_limits(const xmlNode *node, int depth)
{
	const xmlAttr *a;
	const xmlNs *ns;
	int nattr = 0, nns = 0;

	for (; node; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		for (a = node->properties; a; a = a->next)
			nattr++;
		for (ns = node->nsDef; ns; ns = ns->next)
			nns++;
		if (depth > SETARA_XML_MAX_DEPTH ||
		    nns > SETARA_XML_MAX_NSDECLS ||
		    nattr + nns > SETARA_XML_MAX_ATTRS)
			abort();
		within_limits(node->children, depth + 1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	xmlDocPtr doc = NULL;

	if (setara__xml_parse_mem(&doc, (const char *)data, size, "fuzz") ==
	    0) {
		within_limits(xmlDocGetRootElement(doc), 1);
		xmlFreeDoc(doc);
	}
	return 0;
}
