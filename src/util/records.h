/*
 * Records for batch work, one at a time in constant memory: a directory
 * of XML files, or one file (a <batch> of records, or a single record).
 */
#ifndef SETARA_RECORDS_H
#define SETARA_RECORDS_H

#include <libxml/tree.h>

typedef struct setara__records setara__records;

/* Where a record came from, for messages.  Borrowed from the reader. */
typedef struct setara__record_pos {
	const char *file;
	int line;             /* line of the record's element, 0 unknown */
	unsigned long number; /* 1-based position in the input */
} setara__record_pos;

/*
 * Open a directory or a file.  A file is first read through once: one
 * that is not well-formed, or has a DOCTYPE, is refused whole here
 * (SETARA_EINVALID with the line), before any record of it is used.
 */
int setara__records_open(setara__records **out, const char *path);
/* How many records the input holds (files, for a directory). */
unsigned long setara__records_total(const setara__records *r);
/*
 * The next record as a document of its own (free with xmlFreeDoc), or
 * *doc NULL at the end.  A negative return is one bad record: in a
 * directory the next call goes on with the next file; in a file that is no
 * longer well-formed there are no more records.
 */
int setara__records_next(setara__records *r, xmlDocPtr *doc,
	setara__record_pos *pos);
void setara__records_free(setara__records *r);

#endif
