/*
 * The loader's limits, checked over raw XML bytes before libxml2 reads
 * them (see xml_limits.h for why, and docs/documents.md for the limits).
 *
 * The scanner is a state machine over characters: a byte, or a 16-bit
 * unit of UTF-16.  Markup is all ASCII, so a character at or above 0x80
 * is only ever "something else"; no character is decoded.  Memory is the
 * struct, whatever the input.
 *
 * Where the input is malformed the scanner does what libxml2 does after
 * the error, as far as it matters for counting: a '<' inside a tag or an
 * attribute value starts new markup (libxml2 gives up on the tag there and
 * may read on), so markup cannot hide from the count behind a broken tag.
 */
#include <string.h>

#include "xml_limits.h"

enum {
	X_BYTES = 1,   /* UTF-8 or an ASCII-compatible encoding */
	X_UTF16LE,
	X_UTF16BE
};

enum {
	S_TEXT,        /* character data, or between markup */
	S_LT,          /* after '<' */
	S_STAG_NAME,   /* a start tag's element name */
	S_STAG,        /* inside a start tag, outside values */
	S_STAG_SLASH,  /* a '/' inside a start tag */
	S_VALUE,       /* a quoted attribute value */
	S_ETAG,        /* an end tag */
	S_BANG,        /* after "<!" */
	S_COMMENT,
	S_CDATA,
	S_PI
};

/* What may follow "<!". */
static const char *const bang_kw[] = { "--", "[CDATA[", "DOCTYPE" };

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void setara__xml_scan_init(setara__xml_scanner *s, const char *name)
{
	memset(s, 0, sizeof(*s));
	s->name = name;
	s->line = 1;
	s->state = S_TEXT;
}

/* Refuse the input: @fmt holds at most one %lu, for @n. */
static int fail(setara__xml_scanner *s, int line, const char *field,
	const char *fmt, unsigned long n)
{
	char msg[160];

	s->failed = 1;
	if (strstr(fmt, "%lu"))
		snprintf(msg, sizeof(msg), fmt, n);
	else
		snprintf(msg, sizeof(msg), "%s", fmt);
	return setara_error__set(SETARA_EINVALID, SETARA_ERROR_XML, s->name,
		line, field, "%s", msg);
}

/*
 * A text-like run grows by @n bytes: text, value, comment, PI, CDATA.  The
 * last @held bytes may turn out to be the end of the markup ("--", "]]",
 * "?") and do not count yet.  @line: where the run began, if it does now.
 */
static int add_run(setara__xml_scanner *s, size_t n, size_t held,
	const char *what, int line)
{
	if (s->run == 0)
		s->run_line = line;
	s->run += n;
	if (s->run - held <= SETARA_XML_MAX_TEXT)
		return 0;
	s->failed = 1;
	return setara_error__set(SETARA_EINVALID, SETARA_ERROR_XML, s->name,
		s->run_line, NULL, "%s longer than %u bytes (the limit)",
		what, SETARA_XML_MAX_TEXT);
}

static int grow_run(setara__xml_scanner *s, size_t n, size_t held,
	const char *what)
{
	return add_run(s, n, held, what, s->line);
}

static int upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

static int has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/*
 * Encodings in which every byte below 0x80 is that ASCII character, so
 * that the scanner reads them right byte by byte.  Not Shift_JIS, Big5,
 * GBK or GB18030 (a second byte can be ']' or '\'), not ISO-2022 or
 * UTF-7 (ASCII bytes stand for other characters), not UTF-16 or UCS-4
 * with ASCII bytes before them.
 */
static int ascii_compatible(const char *enc)
{
	static const char *const exact[] = {
		"UTF-8", "UTF8", "US-ASCII", "ASCII", "TIS-620", "TIS620",
		"VISCII", "EUC-JP", "EUC-KR", "EUC-CN", "GB2312",
		"WINDOWS-874", "CP874", NULL
	};
	static const char *const prefix[] = {
		"ISO-8859-", "ISO8859-", "ISO_8859-", "ISO-LATIN-", "LATIN",
		"WINDOWS-125", "CP125", "KOI8-", NULL
	};
	size_t i;

	for (i = 0; exact[i]; i++)
		if (strcmp(enc, exact[i]) == 0)
			return 1;
	for (i = 0; prefix[i]; i++)
		if (has_prefix(enc, prefix[i]) && enc[strlen(prefix[i])])
			return 1;
	return 0;
}

/* The XML declaration is read: does its encoding fit what was detected? */
static int check_decl(setara__xml_scanner *s)
{
	char enc[SETARA_XML_MAX_DECL + 1];
	const char *p = s->decl, *q;
	size_t n = 0;
	int quote;

	/* "xml" S ... encoding S? = S? ('...' | "...") ... */
	for (;;) {
		if ((p = strstr(p, "encoding")) == NULL)
			return 0;
		if (p > s->decl && is_space((unsigned char)p[-1]))
			break;
		p += 8;
	}
	p += 8;
	while (is_space((unsigned char)*p))
		p++;
	if (*p++ != '=')
		return 0;
	while (is_space((unsigned char)*p))
		p++;
	if (*p != '"' && *p != '\'')
		return 0;
	quote = *p++;
	if ((q = strchr(p, quote)) == NULL)
		return 0;
	while (p < q && n < sizeof(enc) - 1)
		enc[n++] = (char)upper((unsigned char)*p++);
	enc[n] = '\0';
	if (s->enc == X_BYTES ? ascii_compatible(enc) :
	    strcmp(enc, "UTF-16") == 0 || strcmp(enc, "UTF16") == 0 ||
	    strcmp(enc, s->enc == X_UTF16LE ? "UTF-16LE" : "UTF-16BE") == 0)
		return 0;
	s->failed = 1;
	if (s->enc != X_BYTES)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_XML,
			s->name, 1, "encoding", "the document is in UTF-16 "
			"but declares the encoding %.40s", enc);
	return setara_error__set(SETARA_EINVALID, SETARA_ERROR_XML, s->name,
		1, "encoding", "the encoding %.40s is not accepted: use UTF-8, "
		"UTF-16 or an ASCII-compatible one such as ISO-8859-1", enc);
}

/* A character of an element name, kept printable for messages. */
static void keep_elem(setara__xml_scanner *s, int c)
{
	if (s->elem_len < sizeof(s->elem) - 1) {
		s->elem[s->elem_len++] = c > ' ' && c < 0x7f ? (char)c : '?';
		s->elem[s->elem_len] = '\0';
	}
}

static int start_tag(setara__xml_scanner *s, int c)
{
	s->tag_line = s->line;
	s->elem_len = 0;
	s->elem[0] = '\0';
	keep_elem(s, c);
	s->attrs = 0;
	s->nsdecls = 0;
	s->in_name = 0;
	s->state = S_STAG_NAME;
	if (s->depth >= SETARA_XML_MAX_DEPTH)
		return fail(s, s->line, NULL, "elements nested deeper than "
			"%lu (the limit)", SETARA_XML_MAX_DEPTH);
	s->depth++;
	return 0;
}

/* The start tag ends: its element is open, or (empty tag) closed. */
static void end_start_tag(setara__xml_scanner *s, int empty)
{
	if (empty) {
		s->scope -= s->nsdecls;
		s->depth--;
	} else {
		s->ns_at[s->depth] = (unsigned char)s->nsdecls;
	}
}

static void end_end_tag(setara__xml_scanner *s)
{
	if (s->depth > 0) {
		s->scope -= s->ns_at[s->depth];
		s->depth--;
	}
}

/* An '=' in a start tag: one more attribute, perhaps a declaration. */
static int attribute(setara__xml_scanner *s)
{
	const char *field = s->elem;

	s->in_name = 0;
	if (++s->attrs > SETARA_XML_MAX_ATTRS)
		return fail(s, s->tag_line, field, "more than %lu attributes "
			"on one element (the limit)", SETARA_XML_MAX_ATTRS);
	if (!((s->name6_len == 5 && memcmp(s->name6, "xmlns", 5) == 0) ||
	    (s->name6_len >= 6 && memcmp(s->name6, "xmlns:", 6) == 0)))
		return 0;
	if (++s->nsdecls > SETARA_XML_MAX_NSDECLS)
		return fail(s, s->tag_line, field, "more than %lu namespace "
			"declarations on one element (the limit)",
			SETARA_XML_MAX_NSDECLS);
	if (++s->scope > SETARA_XML_MAX_NS_SCOPE)
		return fail(s, s->tag_line, field, "more than %lu namespace "
			"declarations in scope (the limit)",
			SETARA_XML_MAX_NS_SCOPE);
	return 0;
}

/* A '<' where libxml2 gives up on the markup in hand and reads on. */
static void broken_tag(setara__xml_scanner *s)
{
	if (s->state == S_STAG_NAME || s->state == S_STAG ||
	    s->state == S_STAG_SLASH || s->state == S_VALUE)
		end_start_tag(s, 1);
	s->run = 0;
	s->state = S_LT;
	s->tag_line = s->line;
}

/*
 * One character @c, @n bytes of input.  Long on purpose: one switch over
 * the scanner's states, each case a few lines of transitions; the whole
 * machine in one place is what lets a reader check it against the
 * markup it follows (split by state, the transitions would hide in a
 * dozen functions that all share the scanner).
 */
static int step(setara__xml_scanner *s, int c, size_t n)
{
	int first = s->units++ == 0;
	size_t i;
	unsigned mask;

	if (c == '\r' || (c == '\n' && !s->prev_cr))
		s->line++;
	s->prev_cr = c == '\r';
	if (s->in_decl) {
		if (s->decl_len == SETARA_XML_MAX_DECL)
			return fail(s, 1, NULL, "an XML declaration longer "
				"than %lu bytes", SETARA_XML_MAX_DECL);
		s->decl[s->decl_len++] = c > 0 && c < 0x80 ? (char)c : '?';
		s->decl[s->decl_len] = '\0';
		/* Only "<?xml" and a space is the declaration. */
		if (s->decl_len == 5 ? !is_space(c) :
		    s->decl_len < 5 && strncmp(s->decl, "?xml",
		    s->decl_len) != 0)
			s->in_decl = 0;
	}
again:
	switch (s->state) {
	case S_TEXT:
		if (c == '<') {
			s->run = 0;
			s->state = S_LT;
			s->tag_line = s->line;
			s->in_decl = first;
			s->decl_len = 0;
			return 0;
		}
		return grow_run(s, n, 0, "a text node");
	case S_LT:
		if (c == '/') {
			s->state = S_ETAG;
		} else if (c == '!') {
			s->state = S_BANG;
			s->kw = 0;
			s->marks = (1 << 3) - 1;
		} else if (c == '?') {
			s->state = S_PI;
			s->marks = 0;
		} else if (c == '<') {
			s->tag_line = s->line;
		} else if (is_space(c) || c == '>') {
			s->state = S_TEXT; /* not markup: libxml2 says so */
		} else {
			return start_tag(s, c);
		}
		return 0;
	case S_STAG_NAME:
		if (!is_space(c) && c != '>' && c != '/' && c != '<' &&
		    c != '=' && c != '"' && c != '\'') {
			keep_elem(s, c);
			return 0;
		}
		s->state = S_STAG;
		goto again;
	case S_STAG:
		if (is_space(c)) {
			s->in_name = 0;
		} else if (c == '>') {
			end_start_tag(s, 0);
			s->state = S_TEXT;
		} else if (c == '/') {
			s->state = S_STAG_SLASH;
		} else if (c == '=') {
			return attribute(s);
		} else if (c == '"' || c == '\'') {
			s->quote = c;
			s->in_name = 0;
			s->run = 0;
			s->state = S_VALUE;
		} else if (c == '<') {
			broken_tag(s);
		} else {
			if (!s->in_name) {
				s->in_name = 1;
				s->name6_len = 0;
			}
			if (s->name6_len < 6)
				s->name6[s->name6_len] = (char)c;
			s->name6_len++;
		}
		return 0;
	case S_STAG_SLASH:
		if (c == '>') {
			end_start_tag(s, 1);
			s->state = S_TEXT;
			return 0;
		}
		s->state = S_STAG;
		goto again;
	case S_VALUE:
		if (c == s->quote) {
			s->run = 0;
			s->state = S_STAG;
			return 0;
		}
		if (c == '<') {
			broken_tag(s);
			return 0;
		}
		return grow_run(s, n, 0, "an attribute value");
	case S_ETAG:
		if (c == '>') {
			end_end_tag(s);
			s->state = S_TEXT;
		} else if (c == '<') {
			end_end_tag(s);
			broken_tag(s);
		}
		return 0;
	case S_BANG:
		/* s->marks: the keywords still matching. */
		mask = (unsigned)s->marks;
		for (i = 0; i < 3; i++)
			if ((mask & (1u << i)) && bang_kw[i][s->kw] != c)
				mask &= ~(1u << i);
		s->marks = (int)mask;
		if (mask == 0) {
			/* Not markup libxml2 knows: it stops there. */
			s->state = S_TEXT;
			goto again;
		}
		s->kw++;
		for (i = 0; i < 3; i++)
			if ((mask & (1u << i)) && bang_kw[i][s->kw] == '\0')
				break;
		if (i == 0 || i == 1) {
			s->state = i == 0 ? S_COMMENT : S_CDATA;
			s->marks = 0;
			s->run = 0;
		} else if (i == 2) {
			return fail(s, s->tag_line, "DOCTYPE", "a DOCTYPE is "
				"not allowed (no DTDs, no entities)", 0);
		}
		return 0;
	case S_COMMENT:
	case S_CDATA:
		/* s->marks: the '-' or ']' just before. */
		if (c == '>' && s->marks >= 2) {
			s->run = 0;
			s->state = S_TEXT;
			return 0;
		}
		s->marks = c == (s->state == S_COMMENT ? '-' : ']') ?
			s->marks + 1 : 0;
		return grow_run(s, n, (s->marks < 2 ? s->marks : 2) * n,
			s->state == S_COMMENT ? "a comment" :
			"a CDATA section");
	case S_PI:
		if (c == '>' && s->marks) {
			s->run = 0;
			s->state = S_TEXT;
			if (s->in_decl) {
				s->in_decl = 0;
				return check_decl(s);
			}
			return 0;
		}
		s->marks = c == '?';
		return grow_run(s, n, s->marks * n,
			"a processing instruction");
	default:
		return 0;
	}
}

/* The first bytes say the encoding (XML 1.0 Appendix F, as libxml2). */
static int detect(setara__xml_scanner *s, size_t *skip)
{
	const unsigned char *h = s->head;
	size_t n = s->nhead;

	*skip = 0;
	s->enc = X_BYTES;
	if (n == 4 && ((h[0] == 0 && h[1] == 0 && (h[2] == 0 || h[2] == 0x3c ||
	    h[2] == 0xfe)) || (h[2] == 0 && h[3] == 0 && (h[0] == 0x3c ||
	    (h[0] == 0xff && h[1] == 0xfe) || (h[0] == 0 && h[1] == 0x3c)))))
		return fail(s, 1, "encoding", "UCS-4 (UTF-32) is not "
			"accepted: use UTF-8 or UTF-16", 0);
	if (n == 4 && h[0] == 0x4c && h[1] == 0x6f && h[2] == 0xa7 &&
	    h[3] == 0x94)
		return fail(s, 1, "encoding", "EBCDIC is not accepted: use "
			"UTF-8 or UTF-16", 0);
	if (n == 4 && h[0] == 0x3c && h[1] == 0 && h[2] == 0x3f && h[3] == 0)
		s->enc = X_UTF16LE;
	else if (n == 4 && h[0] == 0 && h[1] == 0x3c && h[2] == 0 &&
	    h[3] == 0x3f)
		s->enc = X_UTF16BE;
	else if (n >= 3 && h[0] == 0xef && h[1] == 0xbb && h[2] == 0xbf)
		*skip = 3;
	else if (n >= 2 && h[0] == 0xfe && h[1] == 0xff)
		s->enc = X_UTF16BE;
	else if (n >= 2 && h[0] == 0xff && h[1] == 0xfe)
		s->enc = X_UTF16LE;
	return 0;
}

/* Byte classes for the runs taken whole (plain_run(), tag_run()). */
enum {
	C_MAY_STOP = 1,  /* may end a run of text, a value or an end tag */
	C_NAME_END = 2   /* ends a name inside a start tag (name_end()) */
};

static const unsigned char byte_class[256] = {
	['\t'] = C_NAME_END, ['\n'] = C_MAY_STOP | C_NAME_END,
	['\r'] = C_MAY_STOP | C_NAME_END, [' '] = C_NAME_END,
	['"'] = C_MAY_STOP | C_NAME_END, ['\''] = C_MAY_STOP | C_NAME_END,
	['/'] = C_NAME_END, ['<'] = C_MAY_STOP | C_NAME_END,
	['='] = C_NAME_END, ['>'] = C_MAY_STOP | C_NAME_END
};

/*
 * Bytes of text, of an attribute value or of an end tag that step() would
 * only count (and the lines they end): up to the next byte that can change
 * the state.
 * Most of a document is such runs; taking them whole keeps the scanner
 * several times faster than the parser.
 */
static size_t plain_run(setara__xml_scanner *s, const unsigned char *p,
	size_t len)
{
	int stop = s->state == S_VALUE ? s->quote : s->state == S_ETAG ? '>' :
		'<';
	size_t k = 0;

	if (s->units == 0 || s->in_decl || (s->state != S_TEXT &&
	    s->state != S_VALUE && s->state != S_ETAG))
		return 0;
	for (;;) {
		/* Bytes that are none of '<', '>', '"', '\'', CR, LF. */
		while (k < len && !(byte_class[p[k]] & C_MAY_STOP))
			k++;
		if (k == len || p[k] == stop || p[k] == '<' || p[k] == '\r')
			return k;
		if (p[k] == '\n' && (k > 0 || !s->prev_cr))
			s->line++;
		k++;
	}
}

/* A byte that ends a name inside a start tag. */
static int name_end(int c)
{
	return byte_class[c] & C_NAME_END;
}

/*
 * Take whole the runs step() would read one at a time inside a start tag:
 * the element's name, the blanks between attributes (not line ends), and
 * an attribute's name.  The same effect on the scanner as stepping each.
 */
static size_t tag_run(setara__xml_scanner *s, const unsigned char *p,
	size_t len)
{
	size_t k = 0;

	if (s->in_decl)
		return 0;
	if (s->state == S_STAG_NAME) {
		for (; k < len && !name_end(p[k]); k++)
			keep_elem(s, p[k]);
		return k;
	}
	if (s->state != S_STAG)
		return 0;
	for (; k < len && (p[k] == ' ' || p[k] == '\t'); k++)
		s->in_name = 0;
	if (k > 0)
		return k;
	for (; k < len && !name_end(p[k]); k++) {
		if (!s->in_name) {
			s->in_name = 1;
			s->name6_len = 0;
		}
		if (s->name6_len < 6)
			s->name6[s->name6_len] = (char)p[k];
		s->name6_len++;
	}
	return k;
}

/* Byte classes for fast_run(): what ends the run it is in. */
enum {
	F_LT_CR = 1,   /* '<' and CR end every run */
	F_QUOTE = 2,   /* may end an attribute value */
	F_GT = 4,      /* ends an end tag */
	F_LF = 8       /* counted, and the run goes on */
};

static const unsigned char fast_class[256] = {
	['<'] = F_LT_CR, ['\r'] = F_LT_CR, ['"'] = F_QUOTE, ['\''] = F_QUOTE,
	['>'] = F_GT, ['\n'] = F_LF
};

/* The first byte from @p of a class in @stop; the line ends on the way
 * are counted. */
static const unsigned char *skip(setara__xml_scanner *s,
	const unsigned char *p, const unsigned char *end, unsigned stop)
{
	unsigned m = stop | F_LF;

	for (;; p++) {
		while (p < end && !(fast_class[*p] & m))
			p++;
		if (p == end || *p != '\n')
			return p;
		s->line++;
	}
}

/*
 * The usual tokens of a document in an ASCII-compatible encoding, taken
 * one whole token at a time: text up to '<', a start tag's name, its
 * attributes (name, '=', a quoted value) and its end, an end tag.  The
 * same effect on the scanner, byte for byte, as plain_run(), tag_run() and
 * step() would have; anything else (a CR, '<' inside a tag or a value,
 * "<!", "<?", a line end right after a CR, the XML declaration) is left to
 * them.  Sets *@used to the bytes taken; returns 0 or the error of a
 * limit.
 */
static int fast_run(setara__xml_scanner *s, const unsigned char *p,
	size_t len, size_t *used)
{
	const unsigned char *q = p, *end = p + len, *t;
	int c, line, error = 0;

	*used = 0;
	if (s->in_decl || s->units == 0 || s->prev_cr || s->slow)
		return 0;
	while (q < end) {
		switch (s->state) {
		case S_TEXT:
			line = s->line;
			t = skip(s, q, end, F_LT_CR);
			if (t > q && (error = add_run(s, (size_t)(t - q), 0,
			    "a text node", line)) < 0)
				goto done;
			q = t;
			if (q == end || *q != '<')
				goto done;
			s->run = 0;
			s->state = S_LT;
			s->tag_line = s->line;
			s->decl_len = 0;
			q++;
			break;
		case S_LT:
			c = *q;
			if (c == '/') {
				s->state = S_ETAG;
			} else if (c == '!' || c == '?' || c == '<' ||
			    is_space(c) || c == '>') {
				goto done;
			} else if ((error = start_tag(s, c)) < 0) {
				goto done;
			}
			q++;
			break;
		case S_STAG_NAME:
			for (; q < end && !name_end(*q); q++)
				keep_elem(s, *q);
			if (q == end)
				goto done;
			s->state = S_STAG;
			break;
		case S_STAG:
			c = *q;
			if (c == ' ' || c == '\t' || c == '\n') {
				s->in_name = 0;
				s->line += c == '\n';
				q++;
			} else if (c == '>') {
				end_start_tag(s, 0);
				s->state = S_TEXT;
				q++;
			} else if (c == '/') {
				s->state = S_STAG_SLASH;
				q++;
			} else if (c == '=') {
				q++;
				if ((error = attribute(s)) < 0)
					goto done;
			} else if (c == '"' || c == '\'') {
				s->quote = c;
				s->in_name = 0;
				s->run = 0;
				s->state = S_VALUE;
				q++;
			} else if (c == '<' || c == '\r') {
				goto done;
			} else {
				if (!s->in_name) {
					s->in_name = 1;
					s->name6_len = 0;
				}
				for (; q < end && !name_end(*q); q++) {
					if (s->name6_len < 6)
						s->name6[s->name6_len] =
							(char)*q;
					s->name6_len++;
				}
			}
			break;
		case S_STAG_SLASH:
			if (*q != '>') {
				s->state = S_STAG;
				break;
			}
			end_start_tag(s, 1);
			s->state = S_TEXT;
			q++;
			break;
		case S_VALUE:
			line = s->line;
			c = s->quote;
			for (t = q; (t = skip(s, t, end, F_LT_CR | F_QUOTE)) <
			    end && *t != c && (fast_class[*t] & F_QUOTE); t++)
				;
			if (t > q && (error = add_run(s, (size_t)(t - q), 0,
			    "an attribute value", line)) < 0)
				goto done;
			q = t;
			if (q == end || *q != c)
				goto done;
			s->run = 0;
			s->state = S_STAG;
			q++;
			break;
		case S_ETAG:
			q = t = skip(s, q, end, F_LT_CR | F_GT);
			if (q == end || *q != '>')
				goto done;
			end_end_tag(s);
			s->state = S_TEXT;
			q++;
			break;
		default:
			goto done;
		}
	}
done:
	*used = (size_t)(q - p);
	s->units += *used;
	return error;
}

static int feed(setara__xml_scanner *s, const unsigned char *p, size_t len)
{
	size_t k;
	int error, u, line;

	if (s->enc == X_BYTES) {
		while (len > 0) {
			if ((error = fast_run(s, p, len, &k)) < 0)
				return error;
			if (k > 0) {
				p += k;
				len -= k;
				continue;
			}
			line = s->line;
			if ((k = plain_run(s, p, len)) > 0) {
				s->units += k;
				s->prev_cr = 0;
				if (s->state != S_ETAG && (error = add_run(s,
				    k, 0, s->state == S_TEXT ? "a text node" :
				    "an attribute value", line)) < 0)
					return error;
				p += k;
				len -= k;
				continue;
			}
			if ((k = tag_run(s, p, len)) > 0) {
				s->units += k;
				s->prev_cr = 0;
				p += k;
				len -= k;
				continue;
			}
			if ((error = step(s, *p, 1)) < 0)
				return error;
			p++;
			len--;
		}
		return 0;
	}
	for (; len > 0; p++, len--) {
		if (!s->have_odd) {
			s->odd = *p;
			s->have_odd = 1;
			continue;
		}
		s->have_odd = 0;
		u = s->enc == X_UTF16LE ? s->odd | *p << 8 : s->odd << 8 | *p;
		/* The byte order mark is not a character of the document. */
		if (u == 0xfeff && s->units == 0)
			continue;
		if ((error = step(s, u, 2)) < 0)
			return error;
	}
	return 0;
}

static int start(setara__xml_scanner *s)
{
	size_t skip;
	int error;

	if ((error = detect(s, &skip)) < 0)
		return error;
	return feed(s, s->head + skip, s->nhead - skip);
}

int setara__xml_scan(setara__xml_scanner *s, const void *data, size_t len)
{
	const unsigned char *p = data;
	int error;

	if (s->failed)
		return SETARA_EINVALID;
	while (s->enc == 0 && len > 0) {
		s->head[s->nhead++] = *p++;
		len--;
		if (s->nhead == sizeof(s->head) && (error = start(s)) < 0)
			return error;
	}
	return len > 0 ? feed(s, p, len) : 0;
}

int setara__xml_scan_end(setara__xml_scanner *s)
{
	if (s->failed)
		return SETARA_EINVALID;
	return s->enc == 0 ? start(s) : 0;
}

int setara__xml_scan_mem(const void *data, size_t len, const char *name)
{
	setara__xml_scanner s;
	int error;

	setara__xml_scan_init(&s, name);
	if ((error = setara__xml_scan(&s, data, len)) < 0)
		return error;
	return setara__xml_scan_end(&s);
}
