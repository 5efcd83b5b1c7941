/*
 * Fuzz target: the batch reader of 'setara issue --batch' (src/util/
 * records.c), against the safe loader as its oracle.
 *
 * The input is written to a file and read both ways: whole, by the safe
 * loader, and record by record, by the reader (which cuts each record's
 * bytes out of the file and parses them apart).  When the loader accepts
 * the file, the reader must accept it too, hand out one record for each
 * child element of a <batch> (or the whole of any other file), in
 * order, each of which must load and have the same exclusive canonical
 * form as that element (or document) in the loader's tree.  Anything else
 * aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libxml/c14n.h>

#include "setara.h"
#include "util/util.h"
#include "util/records.h"
#include "fuzz.h"

static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(path, sizeof(path), "/tmp/setara-fuzz-batch-%ld.xml",
		(long)getpid());
	return setara_init();
}

static void fail(const char *what, unsigned long n)
{
	const setara_error *e = setara_error_last();

	fprintf(stderr, "fuzz_batch: %s (record %lu)%s%s\n", what, n,
		e && e->message ? ": " : "", e && e->message ? e->message : "");
	abort();
}

/* Exclusive C14N of the subtree of @top only. */
static int in_subtree(void *top, xmlNodePtr node, xmlNodePtr parent)
{
	xmlNodePtr n = node;

	if (node->type == XML_NAMESPACE_DECL ||
	    node->type == XML_ATTRIBUTE_NODE)
		n = parent;
	for (; n; n = n->parent)
		if (n == top)
			return 1;
	return 0;
}

static int subtree_c14n(xmlNodePtr top, xmlChar **out)
{
	xmlOutputBufferPtr buf = xmlAllocOutputBuffer(NULL);
	int len;

	*out = NULL;
	if (buf == NULL)
		return -1;
	if (xmlC14NExecute(top->doc, in_subtree, top, XML_C14N_EXCLUSIVE_1_0,
	    NULL, 0, buf) < 0) {
		xmlOutputBufferClose(buf);
		return -1;
	}
	len = (int)xmlBufUse(buf->buffer);
	*out = xmlStrndup(xmlBufContent(buf->buffer), len);
	xmlOutputBufferClose(buf);
	return *out ? len : -1;
}

static xmlNodePtr next_element(xmlNodePtr n)
{
	while (n && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	xmlDocPtr ref = NULL, got = NULL;
	setara__records *r = NULL;
	setara__record rec;
	xmlNodePtr root = NULL, want = NULL;
	xmlChar *a = NULL, *b = NULL;
	unsigned long n = 0, expected = 0;
	int ok, rc, la, lb;
	FILE *f;

	if ((f = fopen(path, "wb")) == NULL)
		return 0;
	if (fwrite(data, 1, size, f) != size) {
		fclose(f);
		return 0;
	}
	fclose(f);
	ok = setara__xml_parse_mem(&ref, (const char *)data, size, path) == 0;
	setara_error_clear();
	if (setara__records_open(&r, path) < 0) {
		if (ok)
			fail("the reader refused a file the loader accepts", 0);
		goto done;
	}
	if (ok) {
		root = xmlDocGetRootElement(ref);
		if (xmlStrEqual(root->name, (const xmlChar *)"batch")) {
			for (want = next_element(root->children); want;
			    want = next_element(want->next))
				expected++;
			want = next_element(root->children);
		} else {
			expected = 1;
			want = root;
		}
		if (setara__records_total(r) != expected)
			fail("the first pass counted other records", expected);
	}
	for (;;) {
		rc = setara__records_next(r, &rec);
		if (rc == 0)
			break;
		n++;
		if (rc < 0) {
			if (ok)
				fail("a record of a well-formed file failed", n);
			setara_error_clear();
			setara__record_dispose(&rec);
			continue;
		}
		if (rec.pos.number != n)
			fail("records out of order", n);
		if (setara__record_load(&got, &rec) < 0) {
			if (ok)
				fail("a record did not load", n);
			setara_error_clear();
			setara__record_dispose(&rec);
			continue;
		}
		setara__record_dispose(&rec);
		if (ok) {
			if (want == NULL)
				fail("more records than elements", n);
			/* A file that is not a <batch> is one record whole,
			 * prolog and epilogue included. */
			la = want == root ? xmlC14NDocDumpMemory(ref, NULL,
				XML_C14N_EXCLUSIVE_1_0, NULL, 0, &a) :
				subtree_c14n(want, &a);
			lb = xmlC14NDocDumpMemory(got, NULL,
				XML_C14N_EXCLUSIVE_1_0, NULL, 0, &b);
			/* libxml2 refuses a relative namespace name anywhere
			 * in the document, outside the subtree too: the
			 * record alone may have none. */
			if (la >= 0 && lb < 0)
				fail("the record does not canonicalise", n);
			if (la >= 0 && (la != lb ||
			    memcmp(a, b, (size_t)la) != 0)) {
				fprintf(stderr, "want: %.*s\ngot:  %.*s\n",
					la, (const char *)a, lb,
					(const char *)b);
				fail("the record differs from the element", n);
			}
			xmlFree(a);
			xmlFree(b);
			a = b = NULL;
			want = want == root ? NULL : next_element(want->next);
		}
		xmlFreeDoc(got);
		got = NULL;
	}
	if (ok && n != expected)
		fail("fewer records than elements", n);
done:
	setara_error_clear();
	setara__records_free(r);
	xmlFreeDoc(ref);
	unlink(path);
	return 0;
}
