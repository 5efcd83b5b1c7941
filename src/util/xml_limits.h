/*
 * A lexical pre-scanner that holds XML input to the loader's limits
 * (SETARA_XML_MAX_* in util.h) before libxml2 sees any of it.
 *
 * libxml2 2.9 checks an element's attributes and namespace declarations
 * for duplicates pairwise while it reads the start tag, before any SAX
 * callback: 100,000 attributes on one element cost it a minute, and no
 * callback can stop it in time.  The scanner reads the same bytes first,
 * in constant memory and in chunks of any size, and refuses what goes past
 * a limit with the file, the line and the limit.  It follows only what it
 * must to count right: start, end and empty-element tags, quoted attribute
 * values (where '>' is text), comments, processing instructions, CDATA
 * sections, and the XML declaration's encoding.  Whether the input is
 * well-formed is libxml2's to say.
 *
 * Encodings are detected as libxml2 detects them (XML 1.0 Appendix F):
 * UTF-16 (little or big endian, with or without a byte order mark) is
 * read in 16-bit units; UCS-4 and EBCDIC are refused; anything else is
 * read byte by byte, which is right for UTF-8 and for the ASCII-compatible
 * encodings it accepts in the XML declaration (ISO-8859-*, Windows code
 * pages, TIS-620, VISCII, KOI8, EUC).  A declaration naming any other
 * encoding -- one in which a byte '<' need not be a '<', or one that
 * contradicts the detected UTF-16 -- is refused.
 */
#ifndef SETARA_XML_LIMITS_H
#define SETARA_XML_LIMITS_H

#include <stddef.h>

#include "util.h"

typedef struct setara__xml_scanner {
	const char *name;        /* for messages; borrowed */
	int enc;                 /* 0 not yet known, else an X_ value */
	unsigned char head[4];   /* the first bytes, until enc is known */
	size_t nhead;
	int odd, have_odd;       /* a UTF-16 unit's first byte */
	int state;
	int line, prev_cr;
	int failed;              /* an error was returned: stay failed */
	int slow;                /* tests: no whole tokens (fast_run()),
	                          * only runs and steps: the reference */
	unsigned long units;     /* characters read (for the declaration) */
	/* the markup being read */
	int tag_line, run_line;
	size_t run;              /* bytes of the current text-like run */
	int marks;               /* '-', ']' or '?' just before */
	unsigned kw;             /* characters matched after "<!" */
	int quote;
	int in_name;
	char name6[8];           /* an attribute name's first characters */
	size_t name6_len;
	char elem[64];           /* the start tag's element name */
	size_t elem_len;
	unsigned attrs, nsdecls;
	/* open elements and the declarations each made */
	unsigned depth;
	unsigned scope;
	unsigned char ns_at[SETARA_XML_MAX_DEPTH + 1];
	/* the XML declaration, read to check its encoding */
	int in_decl;
	char decl[SETARA_XML_MAX_DECL + 1];
	size_t decl_len;
} setara__xml_scanner;

/* Start scanning a new input; @name (borrowed) names it in messages. */
void setara__xml_scan_init(setara__xml_scanner *s, const char *name);
/*
 * The next @len bytes of the input.  Returns 0, or SETARA_EINVALID with
 * the last error set (file, line, what went past which limit); after an
 * error every call returns it again.
 */
int setara__xml_scan(setara__xml_scanner *s, const void *data, size_t len);
/* The end of the input (decides the encoding of an input under 4 bytes). */
int setara__xml_scan_end(setara__xml_scanner *s);
/* The whole of an input in memory: init, scan, end. */
int setara__xml_scan_mem(const void *data, size_t len, const char *name);

#endif
