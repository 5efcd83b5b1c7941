/*
 * Rendering and export, shared by render.c (HTML through XSLT) and elmo.c
 * (EMREX ELMO): loading a document for them, and the facts both add to
 * what the document says (exact credit sums, how a level is referenced).
 */
#ifndef SETARA_RENDER_INT_H
#define SETARA_RENDER_INT_H

#include <libxml/tree.h>

#include "setara/render.h"
#include "cred_int.h"

/* Namespace of the facts render.c appends for its stylesheets. */
#define SETARA_NS_RENDER "urn:setara:render:1"

/*
 * Parse @data with the safe loader, find its type from the document
 * element (in SETARA_NS_DOC) and validate it against the type's schema.
 * *type_out may be NULL.  Free *out with xmlFreeDoc().
 */
int setara_cred__doc_load(xmlDocPtr *out, const setara_cred__type **type_out,
	const char *data, size_t len, const char *name);

/*
 * Apply the embedded stylesheet @sheet (with the shared templates of
 * cred/render-common.xsl merged in) to @doc, locked down: no file or
 * network access of any kind, no writing, no directories.  @params is
 * NULL or NULL-terminated name/value pairs, passed as literal strings.
 * The result is serialised as its xsl:output says and appended to @out.
 */
int setara_cred__xslt_apply(setara_buf *out, const char *sheet,
	xmlDocPtr doc, const char *const *params, const char *name);

/*
 * The same with a compiled stylesheet (the caller keeps it): the one
 * place a transformation runs, always with the locked-down security
 * preferences.  For tests of the lock-down.
 */
struct _xsltStylesheet;
int setara_cred__xslt_run(setara_buf *out, struct _xsltStylesheet *style,
	xmlDocPtr doc, const char *const *params, const char *name);

/* 1 if @status ("passed", ...) counts in a transcript's totals. */
int setara_cred__course_counts(const char *status);

#endif
