/*
 * Fuzz target: exclusive C14N written from the tree (src/cred/c14n.c),
 * with libxml2's C14N as its oracle.  For the document and each element's
 * subtree (as libxmlsec1 selects one), what c14n.c writes must be what
 * libxml2 writes, byte for byte; where it declines, libxml2 is asked
 * instead, so a decline is never wrong.  A signature's digest is taken
 * over these bytes: a difference would let a changed document keep its
 * digest, or make a valid one fail.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "setara.h"
#include "util/util.h"
#include "cred/cred_int.h"
#include "fuzz.h"
#include "../tests/unit/c14n_oracle.h"

/* Subtrees compared in one input, at the most (time per input). */
#define MAX_SUBTREES 64

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return setara_init();
}

static void agree(xmlDocPtr doc, xmlNodePtr top)
{
	setara_buf mine = SETARA_BUF_INIT, want = SETARA_BUF_INIT;
	int rc = setara_cred__c14n(&mine, top);

	if (rc < 0)
		abort();
	/* written where libxml2 fails, or other bytes */
	if (rc == 1 && (oracle_c14n(&want, doc, top->type ==
	    XML_DOCUMENT_NODE ? NULL : top) < 0 || want.size != mine.size ||
	    memcmp(want.ptr, mine.ptr, mine.size) != 0))
		abort();
	setara_buf_dispose(&mine);
	setara_buf_dispose(&want);
}

static void subtrees(xmlDocPtr doc, xmlNodePtr n, int *left)
{
	for (; n && *left > 0; n = n->next)
		if (n->type == XML_ELEMENT_NODE) {
			(*left)--;
			agree(doc, n);
			subtrees(doc, n->children, left);
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	xmlDocPtr doc = NULL;
	int left = MAX_SUBTREES;

	if (setara__xml_parse_mem(&doc, (const char *)data, size, "fuzz") <
	    0) {
		setara_error_clear();
		return 0;
	}
	agree(doc, (xmlNodePtr)doc);
	subtrees(doc, doc->children, &left);
	xmlFreeDoc(doc);
	return 0;
}
