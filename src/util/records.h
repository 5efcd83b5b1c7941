/*
 * Records for batch work, one at a time in constant memory: a directory
 * of XML files, or one file (a <batch> of records, or a single record).
 *
 * The reader only finds the records; turning one into a document
 * (setara__record_load) is separate so that it can run in a worker thread.
 */
#ifndef SETARA_RECORDS_H
#define SETARA_RECORDS_H

#include <stddef.h>
#include <libxml/tree.h>

typedef struct setara__records setara__records;

/* Where a record came from, for messages.  Borrowed from the reader. */
typedef struct setara__record_pos {
	const char *file;
	int line;             /* line of the record's element, 0 unknown */
	unsigned long number; /* 1-based position in the input */
} setara__record_pos;

/*
 * One record, not parsed yet: the bytes of its element cut from a batch
 * file (with the namespace declarations in scope there), or a file that
 * is the record, or -- for a batch file in an encoding other than UTF-8 --
 * a document already copied out.  Owned by the caller once returned; the
 * borrowed strings live as long as the reader.
 */
typedef struct setara__record {
	setara__record_pos pos;
	char *data;           /* the element's bytes, UTF-8 */
	size_t len;
	const char *ns;       /* " xmlns:p='...'" declarations, or NULL */
	int whole_file;       /* the record is the whole of pos.file */
	xmlDocPtr doc;        /* already a document */
} setara__record;

/*
 * Open a directory or a file.  A file is first read through once: one
 * that is not well-formed, or has a DOCTYPE, is refused whole here
 * (SETARA_EINVALID with the line), before any record of it is used.
 */
int setara__records_open(setara__records **out, const char *path);
/* How many records the input holds (files, for a directory). */
unsigned long setara__records_total(const setara__records *r);
/*
 * The next record: 1 with @rec filled, 0 at the end.  A negative return
 * is one bad record (@rec->pos says which; the error is set): in a
 * directory the next call goes on with the next file; in a file that is
 * no longer well-formed there are no more records.
 */
int setara__records_next(setara__records *r, setara__record *rec);
void setara__records_free(setara__records *r);

/*
 * The record as a document of its own (free with xmlFreeDoc), parsed with
 * the safe loader.  Any thread may call it; @rec keeps nothing of it.
 * Lines in errors count from the record's first line.
 */
int setara__record_load(xmlDocPtr *out, setara__record *rec);
void setara__record_dispose(setara__record *rec);

#endif
