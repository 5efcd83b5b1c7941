/*
 * Records for batch work, one at a time, in constant memory.
 *
 * The input is a directory of XML files (each one record, in name order)
 * or one XML file.  A file whose document element is named "batch" holds
 * many records, its element children; it is read with a streaming reader
 * and each record is copied into a document of its own, so memory stays
 * flat however many records the file holds.  Any other file is one record.
 *
 * The streaming reader gets the safe settings of the loader: no network,
 * no DTD loading, no entity substitution, and a DOCTYPE is refused before
 * the first element is read.
 */
#include <string.h>
#include <libxml/xmlreader.h>

#include "util.h"
#include "records.h"

struct setara__records {
	char *path;
	setara__strlist files; /* directory mode */
	size_t next_file;
	xmlTextReaderPtr reader; /* batch-file mode */
	int single_done;         /* single-record file mode */
	int in_batch;
	int pending;             /* the reader sits on an unread node */
	int ended;
	unsigned long count;
	unsigned long total;     /* records in the input */
	int failed;              /* the stream broke: no more records */
};

static xmlTextReaderPtr open_reader(const char *path)
{
	return xmlReaderForFile(path, NULL, XML_PARSE_NONET |
		XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
}

/*
 * First pass over a file: well-formed to the end, no DOCTYPE, and how many
 * records.  A file that fails here is refused whole, before any record of
 * it is used.
 */
/* The line of the DOCTYPE (the reader reports where it has read up to). */
static int doctype_line(const char *path, int fallback)
{
	setara_buf b = SETARA_BUF_INIT;
	const char *p, *end;
	int line = 1;

	if (setara__read_file(&b, path, 0) < 0 || b.ptr == NULL) {
		setara_error_clear();
		setara_buf_dispose(&b);
		return fallback;
	}
	end = strstr(b.ptr, "<!DOCTYPE");
	if (end == NULL)
		line = fallback;
	else
		for (p = b.ptr; p < end; p++)
			line += *p == '\n';
	setara_buf_dispose(&b);
	return line;
}

static int prescan(setara__records *r)
{
	xmlTextReaderPtr rd = open_reader(r->path);
	const xmlChar *name;
	int rc, type, depth, batch = 0, error = 0;

	if (rd == NULL)
		return setara_error__set(SETARA_EIO, SETARA_ERROR_OS, r->path,
			0, NULL, "cannot read");
	r->total = 0;
	while ((rc = xmlTextReaderRead(rd)) == 1) {
		type = xmlTextReaderNodeType(rd);
		if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
			error = setara_error__set(SETARA_EINVALID,
				SETARA_ERROR_XML, r->path, doctype_line(r->path,
				xmlTextReaderGetParserLineNumber(rd)), "DOCTYPE",
				"a DOCTYPE is not allowed (no DTDs, no entities)");
			break;
		}
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		depth = xmlTextReaderDepth(rd);
		if (depth == 0) {
			name = xmlTextReaderConstLocalName(rd);
			batch = name && strcmp((const char *)name, "batch") == 0;
			if (!batch)
				r->total = 1;
		} else if (depth == 1 && batch) {
			r->total++;
		}
	}
	if (error == 0 && rc < 0) {
		const xmlError *e = xmlGetLastError();

		error = setara_error__set(SETARA_EINVALID, SETARA_ERROR_XML,
			r->path, e && e->line ? e->line :
			xmlTextReaderGetParserLineNumber(rd), NULL,
			"malformed XML%s%s", e && e->message ? ": " : "",
			e && e->message ? e->message : "");
	}
	xmlFreeTextReader(rd);
	return error;
}

unsigned long setara__records_total(const setara__records *r)
{
	return r->total;
}

int setara__records_open(setara__records **out, const char *path)
{
	setara__records *r;
	int error;

	*out = NULL;
	if ((r = setara__calloc(1, sizeof(*r))) == NULL)
		return SETARA_ENOMEM;
	if ((r->path = setara__strdup(path)) == NULL) {
		error = SETARA_ENOMEM;
		goto fail;
	}
	if (setara__is_dir(path)) {
		if ((error = setara__list_files(&r->files, path, ".xml",
		    0)) < 0)
			goto fail;
		r->total = r->files.count;
		*out = r;
		return 0;
	}
	if (!setara__exists(path)) {
		error = setara_error__os(path, "cannot open");
		goto fail;
	}
	if ((error = prescan(r)) < 0)
		goto fail;
	r->reader = open_reader(path);
	if (r->reader == NULL) {
		error = setara_error__set(SETARA_EIO, SETARA_ERROR_OS, path, 0,
			NULL, "cannot read");
		goto fail;
	}
	*out = r;
	return 0;
fail:
	setara__records_free(r);
	return error;
}

void setara__records_free(setara__records *r)
{
	if (r == NULL)
		return;
	if (r->reader)
		xmlFreeTextReader(r->reader);
	setara__strlist_dispose(&r->files);
	setara__free(r->path);
	setara__free(r);
}

static int reader_error(setara__records *r, const char *what)
{
	const xmlError *e = xmlGetLastError();
	int line = r->reader ? xmlTextReaderGetParserLineNumber(r->reader) : 0;

	r->failed = 1;
	return setara_error__set(SETARA_EINVALID, SETARA_ERROR_XML, r->path,
		e && e->line ? e->line : line, NULL, "%s%s%s", what,
		e && e->message ? ": " : "",
		e && e->message ? e->message : "");
}

/* Copy the reader's current element (expanded) into a new document. */
static int copy_current(setara__records *r, xmlDocPtr *doc)
{
	xmlNodePtr node, copy;
	xmlDocPtr d;

	if ((node = xmlTextReaderExpand(r->reader)) == NULL)
		return reader_error(r, "malformed record");
	if ((d = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return SETARA_ENOMEM;
	if ((copy = xmlDocCopyNode(node, d, 1)) == NULL) {
		xmlFreeDoc(d);
		return SETARA_ENOMEM;
	}
	xmlDocSetRootElement(d, copy);
	xmlReconciliateNs(d, copy);
	*doc = d;
	return 0;
}

int setara__records_next(setara__records *r, xmlDocPtr *doc,
	setara__record_pos *pos)
{
	int rc, type, error;

	*doc = NULL;
	memset(pos, 0, sizeof(*pos));
	if (r->failed)
		return 0;
	if (r->reader == NULL) {
		/* Directory: one file, one record. */
		if (r->next_file >= r->files.count)
			return 0;
		pos->file = r->files.items[r->next_file++];
		pos->number = ++r->count;
		pos->line = 0;
		return setara__xml_parse_file(doc, pos->file, 0);
	}
	pos->file = r->path;
	if (r->single_done || r->ended)
		return 0;
	for (;;) {
		if (r->pending) {
			r->pending = 0;
		} else {
			rc = xmlTextReaderRead(r->reader);
			if (rc == 0) {
				r->ended = 1;
				return 0;
			}
			if (rc < 0)
				return reader_error(r, "malformed XML");
		}
		type = xmlTextReaderNodeType(r->reader);
		if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
			r->failed = 1;
			return setara_error__set(SETARA_EINVALID,
				SETARA_ERROR_XML, r->path,
				xmlTextReaderGetParserLineNumber(r->reader),
				"DOCTYPE", "a DOCTYPE is not allowed "
				"(no DTDs, no entities)");
		}
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		if (xmlTextReaderDepth(r->reader) == 0) {
			const xmlChar *name = xmlTextReaderConstLocalName(
				r->reader);

			if (name && strcmp((const char *)name, "batch") == 0) {
				r->in_batch = 1;
				continue;
			}
			/* Not a batch: the whole file is one record. */
			r->single_done = 1;
			pos->number = ++r->count;
			pos->line = (int)xmlGetLineNo(
				xmlTextReaderCurrentNode(r->reader));
			if ((error = copy_current(r, doc)) < 0)
				return error;
			/* Read to the end so that trailing garbage counts. */
			while ((rc = xmlTextReaderNext(r->reader)) == 1)
				;
			if (rc < 0) {
				xmlFreeDoc(*doc);
				*doc = NULL;
				return reader_error(r, "malformed XML");
			}
			return 0;
		}
		if (xmlTextReaderDepth(r->reader) == 1 && r->in_batch) {
			pos->number = ++r->count;
			pos->line = (int)xmlGetLineNo(
				xmlTextReaderCurrentNode(r->reader));
			if ((error = copy_current(r, doc)) < 0)
				return error;
			/* Skip the record's subtree (the reader frees it); it
			 * then sits on the following node, not yet looked at. */
			rc = xmlTextReaderNext(r->reader);
			if (rc < 0) {
				xmlFreeDoc(*doc);
				*doc = NULL;
				return reader_error(r, "malformed XML");
			}
			if (rc == 0)
				r->ended = 1;
			else
				r->pending = 1;
			return 0;
		}
	}
}
