/*
 * Records for batch work, one at a time, in constant memory.
 *
 * The input is a directory of XML files (each one record, in name order)
 * or one XML file.  A file whose document element is named "batch" holds
 * many records, its element children; any other file is one record.
 *
 * A batch file is read twice, both times with a SAX parser that builds no
 * tree.  The first pass (prescan) counts the records and refuses the file
 * whole if it is malformed or has a DOCTYPE.  The second pass cuts each
 * record's bytes out of the file: the parser reports where a record's
 * start tag ends and where its end tag ends, and the start is the last '<'
 * before the first (an attribute value cannot hold a '<').  The bytes go
 * to a worker, which parses them (setara__record_load) with the namespace
 * declarations of the <batch> element around them; the reading thread
 * never builds a record's tree.
 *
 * Offsets from the parser are offsets in the bytes it parses, which are
 * the file's bytes only when no transcoding happens: a batch file in
 * another encoding than UTF-8 is read the old way instead, with a
 * streaming reader that copies each record into a document of its own.
 *
 * Every parser gets the safe settings of the loader: no network, no DTD
 * loading, no entity substitution, and a DOCTYPE is refused.  And every
 * byte goes through the loader's limit scanner (xml_limits.c) before the
 * parser sees it, in both passes: the parser would spend minutes on one
 * start tag with 100,000 attributes before any callback could stop it.
 */
#include <stdio.h>
#include <string.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>

#include "util.h"
#include "records.h"
#include "xml_limits.h"

/* Bytes handed to the SAX parser at a time.  The fuzz build (make fuzz)
 * makes it small, so that records are cut across many reads. */
#ifndef SETARA_RECORDS_FEED
#define SETARA_RECORDS_FEED 65536
#endif
#define FEED SETARA_RECORDS_FEED

typedef struct cut {
	unsigned long long start, end; /* file offsets */
	int line;
	unsigned long number;
	int too_large;
} cut;

enum { M_DIR, M_SINGLE, M_SLICE, M_DOM };

struct setara__records {
	char *path;
	int mode;
	unsigned long count;
	unsigned long total;     /* records in the input */
	int failed;              /* the stream broke: no more records */
	int ended;

	/* directory */
	setara__strlist files;
	size_t next_file;

	/* batch file, cut into slices */
	FILE *f;
	xmlParserCtxtPtr ctxt;
	int depth;
	char *ns;                /* declarations of <batch> */
	char *win;               /* the file's bytes from win_base on */
	size_t win_len, win_cap;
	unsigned long long win_base;
	unsigned long long counted; /* newlines counted up to here */
	int line_at_counted;
	int open;                /* inside a record */
	cut cur;
	cut *queue;              /* records cut, not yet handed out */
	size_t qhead, qlen, qcap;
	int nomem, doctype;

	/* batch file, another encoding: streaming reader */
	xmlTextReaderPtr reader;
	int pending;             /* the reader sits on an unread node */
	int scan_error;          /* the scanner refused what it read */

	/* the limits, over the bytes of the pass under way */
	setara__xml_scanner scan;
};

/* ---- first pass --------------------------------------------------------- */

struct prescan {
	setara__records *r;
	xmlParserCtxtPtr ctxt;
	int depth, batch, seen_root, encoded, doctype, doctype_line;
};

static void pre_start(void *data, const xmlChar *local,
	const xmlChar *prefix, const xmlChar *uri, int nns,
	const xmlChar **ns, int nattr, int ndef, const xmlChar **attrs)
{
	struct prescan *ps = ((xmlParserCtxtPtr)data)->_private;

	(void)prefix; (void)uri; (void)nns; (void)ns; (void)nattr;
	(void)ndef; (void)attrs;
	if (ps->depth == 0 && !ps->seen_root) {
		xmlParserInputPtr in = ps->ctxt->input;

		ps->seen_root = 1;
		ps->batch = strcmp((const char *)local, "batch") == 0;
		ps->encoded = in && in->buf && in->buf->encoder != NULL;
		ps->r->total = ps->batch ? 0 : 1;
	} else if (ps->depth == 1 && ps->batch) {
		ps->r->total++;
	}
	ps->depth++;
}

static void pre_end(void *data, const xmlChar *local,
	const xmlChar *prefix, const xmlChar *uri)
{
	struct prescan *ps = ((xmlParserCtxtPtr)data)->_private;

	(void)local; (void)prefix; (void)uri;
	ps->depth--;
}

static void pre_doctype(void *data, const xmlChar *name,
	const xmlChar *external_id, const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = data;
	struct prescan *ps = ctxt->_private;

	(void)name; (void)external_id; (void)system_id;
	ps->doctype = 1;
	ps->doctype_line = ctxt->input ? ctxt->input->line : 0;
	xmlStopParser(ctxt);
}

/* The line of the DOCTYPE (the parser reports where it has read up to). */
static int doctype_line(const char *path, int fallback)
{
	char buf[FEED];
	size_t n, i;
	int line = 1, lt = 0;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		return fallback;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		for (i = 0; i < n; i++) {
			/* "<!DOCTYPE": a '<' then '!' then 'D' is enough
			 * before the document element. */
			if (buf[i] == '\n')
				line++;
			if (lt == 2 && buf[i] == 'D') {
				fclose(f);
				return line;
			}
			lt = buf[i] == '<' ? 1 : lt == 1 && buf[i] == '!' ?
				2 : 0;
		}
	fclose(f);
	return fallback;
}

static int xml_error(xmlParserCtxtPtr ctxt, const char *path,
	const char *what)
{
	const xmlError *e = xmlCtxtGetLastError(ctxt);

	return setara_error__set(SETARA_EINVALID, SETARA_ERROR_XML, path,
		e && e->line ? e->line : ctxt->input ? ctxt->input->line : 0,
		NULL, "%s%s%.*s", what, e && e->message ? ": " : "",
		e && e->message ? (int)strcspn(e->message, "\n") : 0,
		e && e->message ? e->message : "");
}

/* A SAX handler that sees elements, and a DOCTYPE to refuse it. */
static void sax_handler(xmlSAXHandler *sax, startElementNsSAX2Func start,
	endElementNsSAX2Func end, internalSubsetSAXFunc doctype)
{
	memset(sax, 0, sizeof(*sax));
	sax->initialized = XML_SAX2_MAGIC;
	sax->startElementNs = start;
	sax->endElementNs = end;
	sax->internalSubset = doctype;
}

static xmlParserCtxtPtr push_parser(xmlSAXHandler *sax, void *priv,
	const char *path)
{
	xmlParserCtxtPtr ctxt;

	if ((ctxt = xmlCreatePushParserCtxt(sax, NULL, NULL, 0, path)) ==
	    NULL)
		return NULL;
	/* No DTD loading or entity substitution (the defaults), no network,
	 * no messages on stderr. */
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOWARNING |
		XML_PARSE_NOERROR);
	ctxt->_private = priv;
	return ctxt;
}

static int prescan(setara__records *r)
{
	xmlSAXHandler sax;
	struct prescan ps;
	char *buf = NULL;
	FILE *f = NULL;
	size_t n;
	int error = 0, rc = 0;

	sax_handler(&sax, pre_start, pre_end, pre_doctype);
	memset(&ps, 0, sizeof(ps));
	ps.r = r;
	if ((f = fopen(r->path, "rb")) == NULL)
		return setara_error__os(r->path, "cannot read");
	if ((buf = setara__malloc(FEED)) == NULL ||
	    (ps.ctxt = push_parser(&sax, &ps, r->path)) == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	setara__xml_scan_init(&r->scan, r->path);
	while (rc == 0 && !ps.doctype && (n = fread(buf, 1, FEED, f)) > 0) {
		if ((error = setara__xml_scan(&r->scan, buf, n)) < 0)
			goto done;
		rc = xmlParseChunk(ps.ctxt, buf, (int)n, 0);
	}
	if (ferror(f)) {
		error = setara_error__os(r->path, "cannot read");
		goto done;
	}
	if (rc == 0 && !ps.doctype &&
	    (error = setara__xml_scan_end(&r->scan)) < 0)
		goto done;
	if (rc == 0 && !ps.doctype)
		rc = xmlParseChunk(ps.ctxt, NULL, 0, 1);
	if (ps.doctype)
		error = setara_error__set(SETARA_EINVALID, SETARA_ERROR_XML,
			r->path, doctype_line(r->path, ps.doctype_line),
			"DOCTYPE", "a DOCTYPE is not allowed "
			"(no DTDs, no entities)");
	else if (rc != 0 || !ps.ctxt->wellFormed)
		error = xml_error(ps.ctxt, r->path, "malformed XML");
	else if (!ps.seen_root)
		error = setara_error__set(SETARA_EINVALID, SETARA_ERROR_XML,
			r->path, 0, NULL, "no document element");
	else
		r->mode = !ps.batch ? M_SINGLE : ps.encoded ? M_DOM : M_SLICE;
done:
	if (ps.ctxt) {
		ps.ctxt->_private = NULL;
		xmlFreeParserCtxt(ps.ctxt);
	}
	setara__free(buf);
	fclose(f);
	return error;
}

/* ---- second pass: cutting ---------------------------------------------- */

static unsigned long long parse_offset(xmlParserCtxtPtr ctxt)
{
	xmlParserInputPtr in = ctxt->input;

	return (unsigned long long)in->consumed +
		(unsigned long long)(in->cur - in->base);
}

/* Count the newlines of the window up to file offset @to. */
static void count_lines(setara__records *r, unsigned long long to)
{
	const char *p, *end;

	if (to <= r->counted)
		return;
	p = r->win + (r->counted - r->win_base);
	end = r->win + (to - r->win_base);
	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		r->line_at_counted++;
		p++;
	}
	r->counted = to;
}

/*
 * A namespace name as the parser hands it over, made an attribute value
 * again.  Without entity substitution the parser leaves a '&' as "&#38;"
 * already, so only '"' and '<' need escaping.
 */
static int put_attr_value(setara_buf *b, const char *v)
{
	int error = 0;

	for (; *v && error == 0; v++)
		error = *v == '"' ? setara_buf_puts(b, "&quot;") :
			*v == '<' ? setara_buf_puts(b, "&lt;") :
			setara_buf_put(b, v, 1);
	return error;
}

static int keep_ns(setara__records *r, int nns, const xmlChar **ns)
{
	setara_buf b = SETARA_BUF_INIT;
	int i, error = 0;

	for (i = 0; i < nns && error == 0; i++) {
		const char *prefix = (const char *)ns[2 * i];
		const char *uri = (const char *)ns[2 * i + 1];

		error = prefix ? setara_buf_printf(&b, " xmlns:%s=\"",
			prefix) : setara_buf_puts(&b, " xmlns=\"");
		if (error == 0)
			error = put_attr_value(&b, uri ? uri : "");
		if (error == 0)
			error = setara_buf_puts(&b, "\"");
	}
	if (error < 0) {
		setara_buf_dispose(&b);
		return error;
	}
	r->ns = b.size ? setara_buf_detach(&b) : NULL;
	return 0;
}

static void cut_start(void *data, const xmlChar *local,
	const xmlChar *prefix, const xmlChar *uri, int nns,
	const xmlChar **ns, int nattr, int ndef, const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = data;
	setara__records *r = ctxt->_private;
	unsigned long long at, lt;

	(void)local; (void)prefix; (void)uri; (void)nattr; (void)ndef;
	(void)attrs;
	if (r->depth == 0 && keep_ns(r, nns, ns) < 0)
		r->nomem = 1;
	if (r->depth++ != 1)
		return;
	/* The parser stands at the start tag's '>' or "/>". */
	at = parse_offset(ctxt);
	memset(&r->cur, 0, sizeof(r->cur));
	r->open = 1;
	r->cur.number = ++r->count;
	lt = at;
	if (at >= r->win_base && at <= r->win_base + r->win_len) {
		while (lt > r->win_base && r->win[lt - r->win_base] != '<')
			lt--;
	}
	r->cur.start = lt;
	count_lines(r, lt);
	r->cur.line = r->line_at_counted;
}

static void cut_end(void *data, const xmlChar *local,
	const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = data;
	setara__records *r = ctxt->_private;

	(void)local; (void)prefix; (void)uri;
	if (--r->depth != 1 || !r->open)
		return;
	r->open = 0;
	r->cur.end = parse_offset(ctxt);
	if (r->qhead + r->qlen == r->qcap) {
		size_t cap = r->qcap ? r->qcap * 2 : 64;
		cut *q;

		if (r->qhead > 0) {
			memmove(r->queue, r->queue + r->qhead,
				r->qlen * sizeof(cut));
			r->qhead = 0;
		} else if ((q = setara__realloc(r->queue,
		    cap * sizeof(cut))) == NULL) {
			r->nomem = 1;
			return;
		} else {
			r->queue = q;
			r->qcap = cap;
		}
	}
	r->queue[r->qhead + r->qlen++] = r->cur;
}

/* Drop the bytes of the window that no record needs any more. */
static void trim_window(setara__records *r)
{
	unsigned long long keep = r->win_base + r->win_len;
	size_t drop;

	if (r->qlen)
		keep = r->queue[r->qhead].start;
	else if (r->open && !r->cur.too_large)
		keep = r->cur.start;
	/* Nor the bytes the parser holds but has not reported on yet. */
	if (r->ctxt->input && parse_offset(r->ctxt) < keep)
		keep = parse_offset(r->ctxt);
	if (keep < r->win_base)
		keep = r->win_base;
	count_lines(r, keep);
	drop = (size_t)(keep - r->win_base);
	if (drop == 0 || (drop < r->win_len / 2 && drop < FEED))
		return;
	memmove(r->win, r->win + drop, r->win_len - drop);
	r->win_len -= drop;
	r->win_base = keep;
}

/* Feed the parser until a record is cut or the file ends. */
static int fill(setara__records *r)
{
	size_t n;
	int rc;

	while (r->qlen == 0 && !r->ended) {
		trim_window(r);
		if (r->open && !r->cur.too_large &&
		    r->win_base + r->win_len - r->cur.start >
		    SETARA_XML_MAX_DEFAULT) {
			/* Keep counting it, not its bytes. */
			r->cur.too_large = 1;
			trim_window(r);
		}
		if (r->win_cap - r->win_len < FEED) {
			size_t cap = r->win_cap ? r->win_cap * 2 : 4 * FEED;
			char *w = setara__realloc(r->win, cap);

			if (w == NULL)
				return SETARA_ENOMEM;
			r->win = w;
			r->win_cap = cap;
		}
		n = fread(r->win + r->win_len, 1, FEED, r->f);
		if (n == 0 && ferror(r->f)) {
			r->failed = 1;
			return setara_error__os(r->path, "cannot read");
		}
		r->win_len += n;
		/* The file may have changed since the first pass. */
		if ((n > 0 && setara__xml_scan(&r->scan, r->win +
		    r->win_len - n, n) < 0) || (n == 0 &&
		    setara__xml_scan_end(&r->scan) < 0)) {
			r->failed = 1;
			return SETARA_EINVALID;
		}
		rc = xmlParseChunk(r->ctxt, r->win + r->win_len - n, (int)n,
			n == 0);
		if (r->nomem)
			return SETARA_ENOMEM;
		if (r->doctype || rc != 0 || !r->ctxt->wellFormed) {
			/* The file changed since it was first read. */
			r->failed = 1;
			if (r->doctype)
				return setara_error__set(SETARA_EINVALID,
					SETARA_ERROR_XML, r->path,
					r->ctxt->input ? r->ctxt->input->line :
					0, "DOCTYPE", "a DOCTYPE is not "
					"allowed (no DTDs, no entities)");
			return xml_error(r->ctxt, r->path, "malformed XML");
		}
		if (n == 0)
			r->ended = 1;
	}
	return 0;
}

static int next_cut(setara__records *r, setara__record *rec)
{
	cut c;
	int error;

	if ((error = fill(r)) < 0)
		return error;
	if (r->qlen == 0)
		return 0;
	c = r->queue[r->qhead++];
	r->qlen--;
	if (r->qlen == 0)
		r->qhead = 0;
	rec->pos.file = r->path;
	rec->pos.line = c.line;
	rec->pos.number = c.number;
	if (c.too_large)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_XML,
			r->path, c.line, NULL, "record too large (over %u "
			"bytes)", SETARA_XML_MAX_DEFAULT);
	if (c.start < r->win_base || c.end > r->win_base + r->win_len ||
	    c.end <= c.start || r->win[c.start - r->win_base] != '<' ||
	    r->win[c.end - 1 - r->win_base] != '>')
		return setara_error__set(SETARA_ERROR, SETARA_ERROR_INTERNAL,
			r->path, c.line, NULL, "cannot cut the record out of "
			"the file");
	rec->len = (size_t)(c.end - c.start);
	if ((rec->data = setara__malloc(rec->len + 1)) == NULL)
		return SETARA_ENOMEM;
	memcpy(rec->data, r->win + (c.start - r->win_base), rec->len);
	rec->data[rec->len] = '\0';
	rec->ns = r->ns;
	return 1;
}

/* Only if the file changed since the first pass refused any DOCTYPE. */
static void cut_doctype(void *data, const xmlChar *name,
	const xmlChar *external_id, const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = data;
	setara__records *r = ctxt->_private;

	(void)name; (void)external_id; (void)system_id;
	r->doctype = 1;
	xmlStopParser(ctxt);
}

static int open_cutter(setara__records *r)
{
	xmlSAXHandler sax;

	sax_handler(&sax, cut_start, cut_end, cut_doctype);
	if ((r->f = fopen(r->path, "rb")) == NULL)
		return setara_error__os(r->path, "cannot read");
	if ((r->ctxt = push_parser(&sax, r, r->path)) == NULL)
		return SETARA_ENOMEM;
	r->line_at_counted = 1;
	setara__xml_scan_init(&r->scan, r->path);
	return 0;
}

/* ---- a batch file in another encoding: the streaming reader ------------ */

static int reader_error(setara__records *r, const char *what)
{
	const xmlError *e = xmlGetLastError();
	int line = xmlTextReaderGetParserLineNumber(r->reader);

	r->failed = 1;
	if (r->scan_error)
		return SETARA_EINVALID; /* the scanner's error stands */
	return setara_error__set(SETARA_EINVALID, SETARA_ERROR_XML, r->path,
		e && e->line ? e->line : line, NULL, "%s%s%s", what,
		e && e->message ? ": " : "",
		e && e->message ? e->message : "");
}

/*
 * The reader reads the file through the scanner; a refusal ends its input
 * with an error (the scanner's message is the last error).
 */
static int reader_read(void *ctx, char *buf, int len)
{
	setara__records *r = ctx;
	size_t n;

	if (r->scan_error)
		return -1;
	n = fread(buf, 1, (size_t)len, r->f);
	if (n == 0 && ferror(r->f))
		return -1;
	if ((n > 0 && setara__xml_scan(&r->scan, buf, n) < 0) ||
	    (n == 0 && setara__xml_scan_end(&r->scan) < 0)) {
		r->scan_error = 1;
		return -1;
	}
	return (int)n;
}

static int reader_close(void *ctx)
{
	(void)ctx;
	return 0;
}

static int open_reader(setara__records *r)
{
	if ((r->f = fopen(r->path, "rb")) == NULL)
		return setara_error__os(r->path, "cannot read");
	setara__xml_scan_init(&r->scan, r->path);
	if ((r->reader = xmlReaderForIO(reader_read, reader_close, r,
	    r->path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING |
	    XML_PARSE_NOERROR)) == NULL)
		return setara_error__set(SETARA_EIO, SETARA_ERROR_OS, r->path,
			0, NULL, "cannot read");
	return 0;
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

static int next_dom(setara__records *r, setara__record *rec)
{
	int rc, type, error;

	rec->pos.file = r->path;
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
		if (type != XML_READER_TYPE_ELEMENT ||
		    xmlTextReaderDepth(r->reader) != 1)
			continue;
		rec->pos.number = ++r->count;
		rec->pos.line = (int)xmlGetLineNo(
			xmlTextReaderCurrentNode(r->reader));
		if ((error = copy_current(r, &rec->doc)) < 0)
			return error;
		/* Skip the record's subtree (the reader frees it); it then
		 * sits on the following node, not yet looked at. */
		rc = xmlTextReaderNext(r->reader);
		if (rc < 0) {
			xmlFreeDoc(rec->doc);
			rec->doc = NULL;
			return reader_error(r, "malformed XML");
		}
		if (rc == 0)
			r->ended = 1;
		else
			r->pending = 1;
		return 1;
	}
}

/* ---- the reader ------------------------------------------------------- */

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
		r->mode = M_DIR;
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
	if (r->mode == M_SLICE && (error = open_cutter(r)) < 0)
		goto fail;
	if (r->mode == M_DOM && (error = open_reader(r)) < 0)
		goto fail;
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
	if (r->ctxt) {
		r->ctxt->_private = NULL;
		xmlFreeParserCtxt(r->ctxt);
	}
	if (r->f)
		fclose(r->f);
	setara__strlist_dispose(&r->files);
	setara__free(r->win);
	setara__free(r->queue);
	setara__free(r->ns);
	setara__free(r->path);
	setara__free(r);
}

int setara__records_next(setara__records *r, setara__record *rec)
{
	memset(rec, 0, sizeof(*rec));
	if (r->failed)
		return 0;
	switch (r->mode) {
	case M_DIR:
		if (r->next_file >= r->files.count)
			return 0;
		rec->pos.file = r->files.items[r->next_file++];
		rec->pos.number = ++r->count;
		rec->whole_file = 1;
		return 1;
	case M_SINGLE:
		if (r->count)
			return 0;
		rec->pos.file = r->path;
		rec->pos.number = ++r->count;
		rec->whole_file = 1;
		return 1;
	case M_SLICE:
		return next_cut(r, rec);
	default:
		return r->ended ? 0 : next_dom(r, rec);
	}
}

/* ---- a record becomes a document ---------------------------------------- */

static int same_prefix(const xmlChar *a, const xmlChar *b)
{
	return a == NULL ? b == NULL : b != NULL && xmlStrEqual(a, b);
}

static xmlNsPtr mapped(xmlNsPtr ns, xmlNsPtr *from, xmlNsPtr *to,
	int *used, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (ns == from[i]) {
			used[i] = 1;
			return to[i];
		}
	return ns;
}

/* Take declaration @ns off @node and free it. */
static void drop_ns(xmlNodePtr node, xmlNsPtr ns)
{
	xmlNsPtr *p = &node->nsDef;

	while (*p && *p != ns)
		p = &(*p)->next;
	if (*p) {
		*p = ns->next;
		ns->next = NULL;
		xmlFreeNs(ns);
	}
}

/*
 * The record @rec, taken out of @wrap, declares on itself what @wrap
 * declared (prefixes it does not declare itself) and its elements or
 * attributes use, and its nodes use those declarations: the same prefixes
 * and names as in the batch file.  A declaration nothing uses is left
 * out, as exclusive C14N leaves it out of the signed form.
 */
static int adopt_ns(xmlNodePtr rec, xmlNodePtr wrap)
{
	xmlNsPtr *from = NULL, *to, w, own;
	xmlNodePtr node;
	xmlAttrPtr a;
	int *used = NULL;
	int n = 0, max = 0, i, error = 0;

	for (w = wrap->nsDef; w; w = w->next)
		max++;
	if (max == 0)
		return 0;
	if ((from = setara__calloc(2 * (size_t)max, sizeof(*from))) == NULL ||
	    (used = setara__calloc((size_t)max, sizeof(*used))) == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	to = from + max;
	for (w = wrap->nsDef; w; w = w->next) {
		for (own = rec->nsDef; own; own = own->next)
			if (same_prefix(own->prefix, w->prefix))
				break;
		if (own)
			continue; /* shadowed: nothing inside uses @w */
		if ((own = xmlNewNs(rec, w->href, w->prefix)) == NULL) {
			error = SETARA_ENOMEM;
			goto done;
		}
		from[n] = w;
		to[n++] = own;
	}
	/* Every element and attribute below, depth first. */
	node = n ? rec : NULL;
	while (node) {
		if (node->type == XML_ELEMENT_NODE) {
			node->ns = mapped(node->ns, from, to, used, n);
			for (a = node->properties; a; a = a->next)
				a->ns = mapped(a->ns, from, to, used, n);
		}
		if (node->children && node->type == XML_ELEMENT_NODE) {
			node = node->children;
			continue;
		}
		while (node && node != rec && node->next == NULL)
			node = node->parent;
		node = node == rec || node == NULL ? NULL : node->next;
	}
	for (i = 0; i < n; i++)
		if (!used[i])
			drop_ns(rec, to[i]);
done:
	setara__free(used);
	setara__free(from);
	return error;
}

/* Parse the bytes inside an element that declares @ns, then make the
 * record the document element with the declarations it uses. */
static int load_in_scope(xmlDocPtr *out, setara__record *rec)
{
	setara_buf b = SETARA_BUF_INIT;
	xmlDocPtr doc = NULL;
	xmlNodePtr wrap, n;
	int error;

	if ((error = setara_buf_puts(&b, "<batch")) < 0 ||
	    (error = setara_buf_puts(&b, rec->ns)) < 0 ||
	    (error = setara_buf_puts(&b, ">")) < 0 ||
	    (error = setara_buf_put(&b, rec->data, rec->len)) < 0 ||
	    (error = setara_buf_puts(&b, "</batch>")) < 0 ||
	    (error = setara__xml_parse_scanned(&doc, b.ptr, b.size,
	    rec->pos.file)) < 0)
		goto done;
	wrap = xmlDocGetRootElement(doc);
	for (n = wrap->children; n && n->type != XML_ELEMENT_NODE;
	    n = n->next)
		;
	if (n == NULL) {
		error = setara_error__set(SETARA_EINVALID, SETARA_ERROR_XML,
			rec->pos.file, 1, NULL, "no record element");
		goto done;
	}
	xmlUnlinkNode(n);
	xmlDocSetRootElement(doc, n);
	/* @wrap is off the document now: free it on every path. */
	error = adopt_ns(n, wrap);
	xmlFreeNode(wrap);
	if (error < 0)
		goto done;
	*out = doc;
	doc = NULL;
done:
	xmlFreeDoc(doc);
	setara_buf_dispose(&b);
	return error;
}

int setara__record_load(xmlDocPtr *out, setara__record *rec)
{
	*out = NULL;
	if (rec->doc) {
		*out = rec->doc;
		rec->doc = NULL;
		return 0;
	}
	if (rec->whole_file)
		return setara__xml_parse_file(out, rec->pos.file, 0);
	if (rec->data == NULL)
		return setara_error__set(SETARA_ERROR, SETARA_ERROR_INTERNAL,
			rec->pos.file, rec->pos.line, NULL, "no record");
	if (rec->ns)
		return load_in_scope(out, rec);
	/* The reader scanned the bytes for the limits as it cut them. */
	return setara__xml_parse_scanned(out, rec->data, rec->len,
		rec->pos.file);
}

void setara__record_dispose(setara__record *rec)
{
	xmlFreeDoc(rec->doc);
	setara__free(rec->data);
	memset(rec, 0, sizeof(*rec));
}
