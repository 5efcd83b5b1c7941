/*
 * Internal utilities shared by every component: allocation, the last
 * error, files, the safe XML loader, embedded resources, hashes, time and a
 * JSON writer.  Not a public header: components include it, programs do not.
 */
#ifndef SETARA_UTIL_H
#define SETARA_UTIL_H

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "setara/common.h"
#include "setara/errors.h"
#include "setara/buf.h"

/* ---- allocation (util/alloc.c) ---------------------------------------- */

/*
 * All allocation goes through these so that tests can make the n-th
 * allocation fail (setara__alloc_fail_after).  They set the last error on
 * failure.
 */
void *setara__malloc(size_t n);
void *setara__calloc(size_t n, size_t size);
void *setara__realloc(void *p, size_t n);
char *setara__strdup(const char *s);
char *setara__strndup(const char *s, size_t n);
char *setara__asprintf(const char *fmt, ...) SETARA_PRINTF(1, 2);
/* setara__asprintf with a va_list; "" for an empty result, NULL after an
 * error. */
char *setara__vasprintf(const char *fmt, va_list ap)
	SETARA_PRINTF(1, 0);
/*
 * Room for one more element in the array @p of @n elements of @size bytes
 * that has room for *@alloc: @p itself while there is room, else @p grown
 * to twice its room (@first elements at first) with *@alloc updated, or
 * NULL with @p and *@alloc as they were when memory runs out.
 */
void *setara__grow(void *p, size_t *alloc, size_t n, size_t size,
	size_t first);
#define setara__free(p) setara_free(p)
/* Free the @n strings of @v, then @v. */
void setara__free_strv(char **v, size_t n);
/* Fail every allocation after the next @n succeed; -1 turns it off. */
void setara__alloc_fail_after(long n);
/*
 * Tests: fail the allocation @n from now (0: the next one) and, when
 * @persist, every one after it; -1 turns injection off.  Either call
 * resets the counts that setara__alloc_fault_stats() returns: the
 * allocations asked for since, and how many of them were made to fail.
 */
void setara__alloc_fault(long n, int persist);
void setara__alloc_fault_stats(long *calls, long *failed);

/* ---- names of enumerations (util/names.c) ----------------------------- */

/*
 * An enumeration's names in a table indexed by its values (a value without
 * a name: NULL): the value named @s, or @dflt for NULL or a name not in
 * the table; the name of @k, or @dflt for a value without one.
 */
int setara__name_find(const char *const *names, size_t n, const char *s,
	int dflt);
const char *setara__name_of(const char *const *names, size_t n, int k,
	const char *dflt);
#define SETARA_NAMES_COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define SETARA_ASSERT_ARG(x) do { \
	if (!(x)) \
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_INTERNAL, \
			NULL, 0, NULL, "invalid argument: %s", #x); \
	} while (0)

/*
 * Refuse an options struct of a version this library does not know, 1 to
 * @max (NULL options, the defaults, pass): SETARA_EUSAGE naming @init.
 */
#define SETARA_CHECK_VERSION(opts, max, init) do { \
	if ((opts) != NULL && ((opts)->version < 1 || \
	    (opts)->version > (max))) \
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE, \
			NULL, 0, "version", "unknown options version %d " \
			"(use %s)", (opts)->version, (init)); \
	} while (0)

/* SETARA_CHECK_VERSION, then @opts pointed at @dflt when NULL. */
#define SETARA_CHECK_OPTIONS(opts, dflt, max, init) do { \
	SETARA_CHECK_VERSION(opts, max, init); \
	if ((opts) == NULL) \
		(opts) = &(dflt); \
	} while (0)


/* ---- errors (util/error.c) -------------------------------------------- */

/*
 * Set the last error and return @code, so that failure sites read
 *   return setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA,
 *                            path, line, "level", "no level %d", n);
 * @file and @field may be NULL, @line 0.
 */
int setara_error__set(int code, int klass, const char *file, int line,
	const char *field, const char *fmt, ...) SETARA_PRINTF(6, 7);
int setara_error__vset(int code, int klass, const char *file, int line,
	const char *field, const char *fmt, va_list ap);
/* Shorthands for the common cases. */
#define setara_error__data(file, line, field, ...) \
	setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA, file, line, \
		field, __VA_ARGS__)
#define setara_error__notfound(field, ...) \
	setara_error__set(SETARA_ENOTFOUND, SETARA_ERROR_DATA, NULL, 0, \
		field, __VA_ARGS__)
/* Set from errno (after a failed system call on @path). */
int setara_error__os(const char *path, const char *what);
/* Add a file name to the last error when it has none. */
void setara_error__set_file(const char *file);

/* ---- files (util/fs.c) ------------------------------------------------ */

/* Read a whole file, refusing files larger than @max bytes. */
int setara__read_file(setara_buf *out, const char *path, size_t max);
/*
 * Write @len bytes to @path atomically: a temporary file in the same
 * directory, fsync, then rename.  Nothing is left behind on failure.
 */
int setara__write_file_atomic(const char *path, const void *data,
	size_t len, int mode);
/*
 * The two halves of an atomic write, for callers that write many files
 * and sync once (batch issuing): write @data to a new temporary file
 * "PATH.tmp.XXXXXX" -- or "TMP_DIR/BASENAME.tmp.XXXXXX" when @tmp_dir is
 * given, a directory on the same file system -- (fsync it when @sync),
 * returning its name in *tmp_out (caller frees); then rename it over
 * @path (fsync the directory when @sync).  On failure the temporary file
 * is removed.
 */
int setara__write_temp(char **tmp_out, const char *path, const char *tmp_dir,
	const void *data, size_t len, int mode, int sync);
int setara__commit_temp(const char *tmp, const char *path, int sync);
/* Tests: the next @n files are written, then every write fails with
 * ENOSPC, as on a full disk; -1 turns it off. */
void setara__write_fail_after(long n);
/* The directory that holds the temporary files of batch worker N beside
 * the documents of DIR: "DIR/.setara-tmp/N". */
#define SETARA__STAGING ".setara-tmp"
/* Join two path parts with one '/'.  Caller frees. */
char *setara__path_join(const char *a, const char *b);
/* *out: @path made absolute against the working directory, lexically
 * (leading "./" dropped, links not resolved); the caller frees it.
 * Returns 0, SETARA_ENOMEM or SETARA_EIO. */
int setara__path_absolute(char **out, const char *path);
/* 1 if @path is a directory, 0 if not or missing. */
int setara__is_dir(const char *path);
/* 1 if @path exists (any kind), 0 if not. */
int setara__exists(const char *path);

/* List regular files ending in @suffix below @dir (recursive), sorted. */
typedef struct setara__strlist {
	char **items;
	size_t count, alloc;
} setara__strlist;
int setara__strlist_add(setara__strlist *l, const char *s);
void setara__strlist_dispose(setara__strlist *l);
int setara__list_files(setara__strlist *out, const char *dir,
	const char *suffix, int recursive);

/* ---- safe XML (util/xml_safe.c) --------------------------------------- */

/* Default ceiling on an input XML file. */
#define SETARA_XML_MAX_DEFAULT (16u * 1024u * 1024u)

/*
 * Limits on the shape of any XML input, checked over its raw bytes before
 * libxml2 reads them (util/xml_limits.c; docs/documents.md, "Limits").
 * libxml2 2.9 compares each attribute and namespace declaration of an
 * element with every other, so their number per element must be small;
 * the documents and data setara reads have a handful.  The depth is
 * libxml2's own default limit; the text limit holds the largest status
 * list (2 MiB of bits, compressed and in base64: under 2.8 MiB) with room
 * to spare.
 */
#define SETARA_XML_MAX_ATTRS 256        /* attributes on one element */
#define SETARA_XML_MAX_NSDECLS 64       /* declarations on one element */
#define SETARA_XML_MAX_NS_SCOPE 256     /* declarations in scope */
#define SETARA_XML_MAX_DEPTH 256        /* elements open at once */
#define SETARA_XML_MAX_TEXT (4u * 1024u * 1024u) /* bytes of one text,
	CDATA section, attribute value, comment or processing instruction */
#define SETARA_XML_MAX_DECL 256         /* bytes of the XML declaration */

/*
 * Parse untrusted XML: no DTD (a DOCTYPE is rejected), no entity
 * expansion, no network, no external loading, the SETARA_XML_MAX_* limits
 * checked before libxml2 reads a byte, and at most @max bytes (0:
 * SETARA_XML_MAX_DEFAULT).  Errors name @name (a file name) and the line.
 * Free the result with xmlFreeDoc().
 */
int setara__xml_parse_file(xmlDocPtr *out, const char *path, size_t max);
int setara__xml_parse_mem(xmlDocPtr *out, const char *data, size_t len,
	const char *name);
/*
 * The same for bytes already held to the limits by the limit scanner (a
 * record cut out of a batch file the reader scanned, wrapped in an element
 * with the declarations that file's document element made): not scanned
 * again.
 */
int setara__xml_parse_scanned(xmlDocPtr *out, const char *data, size_t len,
	const char *name);

/*
 * libxml2's process-wide set-up (init.c), run by setara_init(): the
 * external entity loader serves only embedded files, parser messages are
 * silenced.  setara__xml_shutdown() also frees the schema cache.
 */
void setara__xml_init(void);
void setara__xml_shutdown(void);
/* Free the compiled schemas cached by setara__xml_validate(). */
void setara__xml_schemas_free(void);

/*
 * Validate @doc against the embedded XSD @schema (for example
 * "qf/framework.xsd").  Schemas are compiled once and cached.  On
 * failure: SETARA_EINVALID with the first error's line and element.
 */
int setara__xml_validate(xmlDocPtr doc, const char *schema,
	const char *name);

/*
 * A value a schema keeps unique, which setara__xml_validate() checks once
 * a document is valid rather than by xs:unique (libxml2's identity
 * constraints about double the cost of validating a transcript): among
 * the children @child of the document element (@parent NULL) or of each
 * of its children @parent, the attribute @attr once; compared as xs:token
 * (white space collapsed) when @token.  @twice is the message, with %s
 * for the value.  A table ends with a row whose @schema is NULL.
 */
typedef struct setara__xml_unique {
	const char *schema, *parent, *child, *attr;
	int token;
	const char *twice;
} setara__xml_unique;

/* The components' tables of unique values (NULL-terminated), set by
 * setara_init() from above: util names no component's schema. */
void setara__xml_set_unique(const setara__xml_unique *const *tables);

/* Attribute value (caller frees with xmlFree), or NULL. */
#define setara__xml_attr(node, name) \
	((char *)xmlGetProp((node), (const xmlChar *)(name)))
/*
 * The attributes named in @names (NULL-terminated) of @node into @out, one
 * slot each in the same order, NULL when absent: a loader's table of the
 * attributes it reads.  Free them with setara__xml_attrs_free().
 */
void setara__xml_attrs(const xmlNode *node, const char *const *names,
	char **out);
/* Free the @n values of @v (from setara__xml_attrs()); each is NULL after. */
void setara__xml_attrs_free(char **v, size_t n);
/* 1 if @node is an element named @local in namespace @ns. */
int setara__xml_is(const xmlNode *node, const char *ns, const char *local);
/* First child element named @local in namespace @ns, or NULL. */
xmlNodePtr setara__xml_child(const xmlNode *node, const char *ns,
	const char *local);
/* Next sibling element named @local in namespace @ns after @node. */
xmlNodePtr setara__xml_next(const xmlNode *node, const char *ns,
	const char *local);
/*
 * Text content of the first such child, trimmed, into *out (caller
 * frees): 0 with *out NULL when there is no such child, 0 with the text,
 * or SETARA_ENOMEM -- out of memory is not a missing field.
 */
int setara__xml_child_text_get(char **out, const xmlNode *node,
	const char *ns, const char *local);
/* The same, NULL for both: for callers that check the last error or for
 * which a missing text is no answer either way. */
char *setara__xml_child_text(const xmlNode *node, const char *ns,
	const char *local);

/* ---- building XML (util/xml_build.c) ---------------------------------- */

/*
 * A document built element by element: the first failure sticks in
 * @error and every call after it does nothing.  With @text_max, each text
 * and attribute value longer than that many bytes is cut on a character
 * boundary and ends in "..." (a schema's limit on text).
 */
typedef struct setara__xml_builder {
	xmlDocPtr doc;
	xmlNsPtr ns;
	size_t text_max;
	int error;
} setara__xml_builder;

/* Start @b on a new document whose root @root is in namespace @ns: the
 * root, or NULL with b->error set. */
xmlNodePtr setara__xb_start(setara__xml_builder *b, const char *root,
	const char *ns, size_t text_max);
/* A child element @name of @parent, with @text when not NULL. */
xmlNodePtr setara__xb_el(setara__xml_builder *b, xmlNodePtr parent,
	const char *name, const char *text);
/* An attribute of @n; nothing when @n or @value is NULL. */
void setara__xb_at(setara__xml_builder *b, xmlNodePtr n, const char *name,
	const char *value);
/* The attributes @names (NULL-terminated) of @n, with @values in the same
 * order (a NULL value is left out): setara__xml_attrs() the other way. */
void setara__xb_attrs(setara__xml_builder *b, xmlNodePtr n,
	const char *const *names, const char *const *values);
void setara__xb_at_int(setara__xml_builder *b, xmlNodePtr n,
	const char *name, long long v);
/* A child element holding @t as an xs:dateTime in UTC. */
void setara__xb_el_time(setara__xml_builder *b, xmlNodePtr parent,
	const char *name, time_t t);

/*
 * The head of a document of urn:setara:doc:1 (cred/doc-common.xsd): its
 * version, @id, the issuer and the subject (id, country, name; the
 * subject's birth date when given), issued and valid from @issued.
 */
typedef struct setara__doc_head {
	const char *id;
	const char *issuer[3], *subject[3];
	const char *birth;
	time_t issued;
} setara__doc_head;
void setara__xb_doc_head(setara__xml_builder *b, xmlNodePtr root,
	const setara__doc_head *h);

/*
 * The document of @b validated against the embedded @schema (@name its
 * root) into *out, or the first error with the document freed; @oom is
 * the message when memory ran out.
 */
int setara__xb_finish(xmlDocPtr *out, setara__xml_builder *b,
	const char *schema, const char *name, const char *oom);

/* ---- embedded resources (generated: build/gen/embedded.c) ------------- */

/*
 * Files compiled into the library: every .xsd and .xsl file below src/,
 * named "<component>/<file>".  Returns NULL when there is no such file.
 */
const unsigned char *setara__embedded(const char *name, size_t *len);
/* The names of all embedded files, NULL-terminated. */
const char *const *setara__embedded_names(void);

/* ---- hashes (util/hash.c) --------------------------------------------- */

/* SHA-256 of @len bytes as 64 lower-case hex digits plus NUL. */
int setara__sha256_hex(char out[65], const void *data, size_t len);
/* Set the last error (class crypto) to @what with OpenSSL's last reason
 * appended, and empty OpenSSL's error queue.  Returns @code. */
int setara__ossl_error(int code, const char *file, const char *what);
/* SHA-256 of @data, raw. */
int setara__sha256(unsigned char out[32], const void *data, size_t len);

/* ---- base64 (util/base64.c) ------------------------------------------- */

/* Append @data in base64 with padding, a newline every @wrap characters
 * (0: one line). */
int setara__base64(setara_buf *out, const unsigned char *data, size_t len,
	int wrap);
/* Append @data in base64url, without padding. */
int setara__base64url(setara_buf *out, const unsigned char *data,
	size_t len);
/* Append the bytes of base64 (@url: base64url) text @s; white space is
 * skipped.  SETARA_EINVALID when malformed. */
int setara__base64_decode(setara_buf *out, const char *s, size_t len,
	int url);
/* A new UUID (version 7: time, then 74 random bits) as
 * "urn:uuid:xxxxxxxx-...", 45 chars + NUL. */
int setara__uuid_urn(char out[46]);

/* ---- confidence (util/confidence.c) ----------------------------------- */

/* "high", "medium", "low" to setara_confidence (UNKNOWN for NULL or any
 * other word), and back ("unknown" for UNKNOWN). */
setara_confidence setara__confidence(const char *s);
const char *setara__confidence_name(setara_confidence c);

/* ---- time (util/time.c) ----------------------------------------------- */

/*
 * Parse an xs:dateTime or xs:date ("2026-11-23", "2026-11-23T10:00:00Z",
 * with an optional +hh:mm offset) into seconds since the epoch (UTC).
 * A date alone means 00:00:00Z.  Returns SETARA_EINVALID when malformed.
 */
int setara__time_parse(time_t *out, const char *s);
/* Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar
 * (astronomical years: 0 is 1 BCE). */
long long setara__days_from_civil(long long y, int m, int d);
/* Format as "YYYY-MM-DDThh:mm:ssZ" into @out (21 bytes). */
void setara__time_format(char out[21], time_t t);
/* The current time, or the one setara_clock_set() fixed. */
time_t setara__time_now(void);

/*
 * A libxml2 schema message as a sentence (schema_msg.c): @field gets the
 * element (element/@attribute), @out the rest in plain words.  Returns 0
 * when @msg is not of the "Element '...': ..." form.
 */
int setara__schema_sentence(const char *msg, char *field, size_t fsize,
	char *out, size_t osize);

/* ---- JSON writer (util/json.c) ---------------------------------------- */

/*
 * The length of the well-formed UTF-8 sequence at @p (@n bytes left, at
 * least one), 1 for ASCII, or 0: a stray continuation byte, a truncated
 * sequence, an overlong form, a surrogate or a code point above U+10FFFF.
 */
size_t setara__utf8_len(const unsigned char *p, size_t n);

/*
 * @s made printable in place, for a message quoting hostile text: each
 * control character (a terminal's escape sequence) and each byte of a
 * malformed or cut UTF-8 sequence becomes '?'.  Returns @s (NULL too).
 */
char *setara__printable(char *s);

/*
 * Writes compact or indented JSON into a setara_buf; commas are handled.
 * Pass @key NULL inside arrays.  Errors stick: check setara__json_error().
 */
typedef struct setara__json {
	setara_buf *out;
	int depth;
	int pretty;
	int error;
	unsigned char first[64];
} setara__json;

void setara__json_init(setara__json *j, setara_buf *out, int pretty);
void setara__json_obj_open(setara__json *j, const char *key);
void setara__json_obj_close(setara__json *j);
void setara__json_arr_open(setara__json *j, const char *key);
void setara__json_arr_close(setara__json *j);
void setara__json_str(setara__json *j, const char *key, const char *v);
void setara__json_strn(setara__json *j, const char *key, const char *v,
	size_t n);
void setara__json_int(setara__json *j, const char *key, long long v);
void setara__json_bool(setara__json *j, const char *key, int v);
void setara__json_null(setara__json *j, const char *key);
/* A number already formatted (e.g. an exact decimal "7.5"). */
void setara__json_raw(setara__json *j, const char *key, const char *v);
int setara__json_error(const setara__json *j);

#endif
