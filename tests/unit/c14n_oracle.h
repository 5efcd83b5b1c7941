/*
 * libxml2's exclusive C14N as libxmlsec1 drives it: the oracle that the
 * C14N written from the tree (src/cred/c14n.c) is held to, by
 * tests/unit/check_cred.c and fuzz/fuzz_c14n.c.
 */
#ifndef SETARA_TEST_C14N_ORACLE_H
#define SETARA_TEST_C14N_ORACLE_H

#include <libxml/c14n.h>
#include "setara.h"

/* Visible: the apex (user data) and what lies under it, as libxmlsec1
 * selects a subtree. */
static int oracle_under_apex(void *apex, xmlNodePtr node, xmlNodePtr parent)
{
	xmlNodePtr n = node->type == XML_NAMESPACE_DECL ||
		node->type == XML_ATTRIBUTE_NODE ? parent : node;

	for (; n; n = n->parent)
		if (n == apex)
			return 1;
	return 0;
}

/* libxml2's exclusive C14N of the document (@apex NULL) or of the
 * subtree of @apex into @out; -1 where libxml2 fails. */
static int oracle_c14n(setara_buf *out, xmlDocPtr doc, xmlNodePtr apex)
{
	xmlOutputBufferPtr ob = xmlAllocOutputBuffer(NULL);
	int rc;

	if (ob == NULL)
		return -1;
	rc = xmlC14NExecute(doc, apex ? oracle_under_apex : NULL, apex,
		XML_C14N_EXCLUSIVE_1_0, NULL, 0, ob);
	setara_buf_clear(out);
	if (rc >= 0 && !ob->error)
		setara_buf_put(out, xmlOutputBufferGetContent(ob),
			xmlOutputBufferGetSize(ob));
	else
		rc = -1;
	xmlOutputBufferClose(ob);
	return rc < 0 ? -1 : 0;
}

#endif
