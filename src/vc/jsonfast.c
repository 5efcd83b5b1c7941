/*
 * The JSON loader's fast path: a strict reader of RFC 8259 text that
 * builds the tree of the values json_loadb() reads with the loader's
 * flags (JSON_REJECT_DUPLICATES | JSON_DECODE_ANY |
 * JSON_DECODE_INT_AS_REAL), in one pass over the bytes, without
 * jansson's per-character lexer and without an allocation per value: the
 * verifier's compact tree (jtree.c), or jansson's made from it.
 *
 * It never refuses anything by itself: on whatever it does not take --
 * any syntax error, invalid UTF-8, a control character, a bad escape,
 * \u0000, an unpaired surrogate, a repeated member name, a number out of
 * range or longer than 63 characters, an allocation failure -- it
 * declines, and the loader hands the same bytes to jansson, which gives
 * the refusal and its message (or, for what this reader declines only
 * out of caution, such as a number that underflows, the tree).  So what
 * the loader accepts and refuses is jansson's, and this file only has to
 * be right about what it accepts: the tree must be the one jansson would
 * build, member order included.  tests/unit/check_vc.c and
 * fuzz/fuzz_jsonfast.c hold it to that over the corpora and the hostile
 * inputs of the tests.
 */
#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "vc_int.h"

/* The reader's state: the bytes left, the values of the arrays and the
 * members of the objects still open. */
typedef struct reader {
	unsigned char *p, *end; /* in the arena's copy of the text */
	size_t values;      /* read so far: past the limit, the loader's
			       scan refuses with its message */
	setara_vc__jdoc *doc;
	setara_vc__jv *items; /* a stack */
	size_t nitems, items_size;
	setara_vc__jm *members; /* a stack */
	size_t nmembers, members_size;
} reader;

#define DECLINE 1

/*
 * The runs the reader skips most: spaces (indentation) and the plain
 * bytes of a string (none a quote, a backslash, a control character or
 * a byte of a multibyte character).  With SSE2 (every x86-64), sixteen
 * bytes are compared at once; the bytes a full block does not cover are
 * left to the byte loops of the callers.
 */
#ifdef __SSE2__
static unsigned char *spaces(unsigned char *q, const unsigned char *end)
{
	const __m128i space = _mm_set1_epi8(' ');
	unsigned m;

	while (end - q >= 16) {
		m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
			_mm_loadu_si128((const __m128i *)(const void *)q),
			space));
		if (m != 0xffff)
			return q + __builtin_ctz(~m);
		q += 16;
	}
	return q;
}

static unsigned char *plain(unsigned char *q, const unsigned char *end)
{
	const __m128i quote = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\'),
		ctl = _mm_set1_epi8(0x20);
	__m128i v;
	unsigned m;

	while (end - q >= 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)q);
		/* Signed: the bytes from 0x80 are below 0x20 too. */
		m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
			_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bs)),
			_mm_cmplt_epi8(v, ctl)));
		if (m)
			return q + __builtin_ctz(m);
		q += 16;
	}
	return q;
}
#else
static unsigned char *spaces(unsigned char *q, const unsigned char *end)
{
	(void)end;
	return q;
}

static unsigned char *plain(unsigned char *q, const unsigned char *end)
{
	(void)end;
	return q;
}
#endif

static void skip_run(reader *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' ||
	    *r->p == '\r' || *r->p == '\t')) {
		r->p++;
		r->p = spaces(r->p, r->end);
	}
}

/* Whitespace: none before most tokens, which the first byte tells (the
 * copy of the text ends in a NUL, so there is always one to read). */
static inline void skip_ws(reader *r)
{
	/* A line break and its indentation, as indented text has before
	 * most tokens: found here, the rest by skip_run(). */
	if (*r->p == '\n') {
		r->p = spaces(r->p + 1, r->end);
		if (*r->p > ' ')
			return;
	}
	if (*r->p <= ' ')
		skip_run(r);
}

/*
 * The length of the UTF-8 sequence at @p (its first byte >= 0x80), or 0
 * when it is not one of a scalar value (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF), as jansson checks it.
 */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned c = p[0];
	size_t n, i;
	unsigned lo = 0x80, hi = 0xbf;

	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if ((size_t)(end - p) < n || p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return n;
}

static int hex4(const unsigned char *p, unsigned *out)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		unsigned c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	*out = v;
	return 0;
}

/*
 * A string (r->p after its opening quote): *s, *len its decoded bytes,
 * in place in the copy of the text: its closing quote becomes its NUL,
 * and escapes are decoded over the bytes they were written with (never
 * more bytes than that: the writing stays behind the reading); *plain
 * when it had no escape.
 */
static int read_string_rest(reader *r, unsigned char *q, const char **s,
	size_t *len, unsigned char *plain_out);

static inline int read_string(reader *r, const char **s, size_t *len,
	unsigned char *plain_out)
{
	unsigned char *q = plain(r->p, r->end);

	/* Most strings: plain bytes up to the closing quote, in one block
	 * of sixteen or two. */
	if (q < r->end && *q == '"') {
		*s = (const char *)r->p;
		*len = (size_t)(q - r->p);
		*q = '\0';
		*plain_out = 1;
		r->p = q + 1;
		return 0;
	}
	return read_string_rest(r, q, s, len, plain_out);
}

/* The rest of read_string() from @q: UTF-8, escapes, the end. */
static int read_string_rest(reader *r, unsigned char *q, const char **s,
	size_t *len, unsigned char *plain_out)
{
	unsigned char *start = r->p;
	size_t n, used = 0;
	unsigned char *d;

	/* Plain characters, multibyte ones among them. */
	for (;;) {
		q = plain(q, r->end);
		if (q >= r->end)
			return DECLINE;
		if (*q == '"') {
			*s = (const char *)start;
			*len = (size_t)(q - start);
			*q = '\0';
			*plain_out = 1;
			r->p = q + 1;
			return 0;
		}
		if (*q == '\\')
			break;
		if (*q < 0x20)
			return DECLINE;
		if (*q < 0x80) {
			q++;
			continue;
		}
		if ((n = utf8_len(q, r->end)) == 0)
			return DECLINE;
		q += n;
	}
	/* Escapes: decoded in place after the plain bytes before them. */
	d = start;
	used = (size_t)(q - start);
	for (;;) {
		unsigned cp, lo;

		if (q >= r->end)
			return DECLINE;
		if (*q == '"')
			break;
		if (*q < 0x20)
			return DECLINE;
		if (*q >= 0x80) {
			if ((n = utf8_len(q, r->end)) == 0)
				return DECLINE;
			memmove(d + used, q, n);
			used += n;
			q += n;
			continue;
		}
		if (*q != '\\') {
			d[used++] = (unsigned char)*q++;
			continue;
		}
		if (r->end - q < 2)
			return DECLINE;
		switch (q[1]) {
		case '"': d[used++] = '"'; q += 2; continue;
		case '\\': d[used++] = '\\'; q += 2; continue;
		case '/': d[used++] = '/'; q += 2; continue;
		case 'b': d[used++] = '\b'; q += 2; continue;
		case 'f': d[used++] = '\f'; q += 2; continue;
		case 'n': d[used++] = '\n'; q += 2; continue;
		case 'r': d[used++] = '\r'; q += 2; continue;
		case 't': d[used++] = '\t'; q += 2; continue;
		case 'u': break;
		default: return DECLINE;
		}
		if (r->end - q < 6 || hex4(q + 2, &cp) < 0)
			return DECLINE;
		q += 6;
		/* NUL and lone surrogates: jansson's to refuse. */
		if (cp == 0 || (cp >= 0xdc00 && cp <= 0xdfff))
			return DECLINE;
		if (cp >= 0xd800 && cp <= 0xdbff) {
			if (r->end - q < 6 || q[0] != '\\' || q[1] != 'u' ||
			    hex4(q + 2, &lo) < 0 || lo < 0xdc00 || lo > 0xdfff)
				return DECLINE;
			q += 6;
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
		}
		/* Six escaped bytes or more give at most four. */
		if (cp < 0x80) {
			d[used++] = (unsigned char)cp;
		} else if (cp < 0x800) {
			d[used++] = (unsigned char)(0xc0 | cp >> 6);
			d[used++] = (unsigned char)(0x80 | (cp & 0x3f));
		} else if (cp < 0x10000) {
			d[used++] = (unsigned char)(0xe0 | cp >> 12);
			d[used++] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
			d[used++] = (unsigned char)(0x80 | (cp & 0x3f));
		} else {
			d[used++] = (unsigned char)(0xf0 | cp >> 18);
			d[used++] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
			d[used++] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
			d[used++] = (unsigned char)(0x80 | (cp & 0x3f));
		}
	}
	d[used] = '\0';
	*s = (const char *)d;
	*len = used;
	*plain_out = 0;
	r->p = q + 1;
	return 0;
}

static int is_digit(const unsigned char *p, const unsigned char *end)
{
	return p < end && *p >= '0' && *p <= '9';
}

/*
 * A number's value without strtod() when it is exact: at most 15
 * significant digits (below 2^53, so an exact double) and a power of ten
 * up to 10^22 (exact too) give the correctly rounded value in one IEEE
 * multiplication or division, as strtod() rounds it (Clinger's fast
 * path).  0 and *d, or 1 when the token needs strtod().
 */
static int number_exact(const unsigned char *q, const unsigned char *end,
	double *d)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
		1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
		1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
	unsigned long long m = 0;
	int neg = 0, digits = 0, scale = 0;

	if (*q == '-') {
		neg = 1;
		q++;
	}
	for (; q < end && *q >= '0' && *q <= '9'; q++) {
		if (m || *q != '0')
			digits++;
		m = m * 10 + (unsigned)(*q - '0');
		if (digits > 15)
			return 1;
	}
	if (q < end && *q == '.')
		for (q++; q < end && *q >= '0' && *q <= '9'; q++) {
			if (m || *q != '0')
				digits++;
			m = m * 10 + (unsigned)(*q - '0');
			scale--;
			if (digits > 15 || scale < -22)
				return 1;
		}
	if (q < end && (*q == 'e' || *q == 'E'))
		return 1;
	*d = scale ? (double)m / pow10[-scale] : (double)m;
	if (neg)
		*d = -*d;
	return 0;
}

/* A number (RFC 8259 section 6), as a double: strtod() of the token, as
 * jansson reads it with JSON_DECODE_INT_AS_REAL. */
static int read_number(reader *r, setara_vc__jv *out)
{
	unsigned char *q = r->p;
	char tok[64], *e;
	size_t n;
	double d;

	if (q < r->end && *q == '-')
		q++;
	if (!is_digit(q, r->end))
		return DECLINE;
	if (*q == '0') {
		q++;
		if (is_digit(q, r->end))
			return DECLINE;
	} else {
		while (is_digit(q, r->end))
			q++;
	}
	if (q < r->end && *q == '.') {
		q++;
		if (!is_digit(q, r->end))
			return DECLINE;
		while (is_digit(q, r->end))
			q++;
	}
	if (q < r->end && (*q == 'e' || *q == 'E')) {
		q++;
		if (q < r->end && (*q == '+' || *q == '-'))
			q++;
		if (!is_digit(q, r->end))
			return DECLINE;
		while (is_digit(q, r->end))
			q++;
	}
	n = (size_t)(q - r->p);
	if (n >= sizeof(tok))
		return DECLINE;
	if (number_exact(r->p, q, &d) != 0) {
		memcpy(tok, r->p, n);
		tok[n] = '\0';
		errno = 0;
		d = strtod(tok, &e);
		/* Overflow is jansson's to refuse; underflow it accepts,
		 * and so it reads that too. */
		if (errno == ERANGE || e != tok + n)
			return DECLINE;
	}
	out->type = SETARA_VC__JNUMBER;
	out->u.d = d;
	r->p = q;
	return 0;
}

static int literal(reader *r, const char *word, size_t n)
{
	if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
		return 0;
	r->p += n;
	return 1;
}

/* The top @n entries of a stack moved into the arena. */
static void *pop(reader *r, const void *top, size_t n, size_t size)
{
	void *block;

	if (n == 0)
		return NULL;
	if ((block = setara_vc__jalloc(r->doc, n * size)) != NULL)
		memcpy(block, top, n * size);
	return block;
}

/* A stack of *@size entries of @elem bytes made twice as large; NULL
 * (the stack as it was) when out of memory. */
static void *grow(void *stack, size_t *size, size_t elem)
{
	size_t n = *size ? 2 * *size : 64;
	void *grown;

	if (n > (size_t)-1 / 2 / elem ||
	    (grown = setara__realloc(stack, n * elem)) == NULL)
		return NULL;
	*size = n;
	return grown;
}

static int read_value(reader *r, setara_vc__jv *out, int depth);

static int read_array(reader *r, setara_vc__jv *out, int depth)
{
	size_t base = r->nitems;
	setara_vc__jv v;
	void *grown;

	out->type = SETARA_VC__JARRAY;
	skip_ws(r);
	if (r->p < r->end && *r->p == ']') {
		r->p++;
		return 0;
	}
	for (;;) {
		if (read_value(r, &v, depth) != 0)
			return DECLINE;
		if (r->nitems == r->items_size) {
			if ((grown = grow(r->items, &r->items_size,
			    sizeof(*r->items))) == NULL)
				return DECLINE;
			r->items = grown;
		}
		r->items[r->nitems++] = v;
		skip_ws(r);
		if (r->p >= r->end)
			return DECLINE;
		if (*r->p == ',') {
			r->p++;
			continue;
		}
		if (*r->p != ']')
			return DECLINE;
		r->p++;
		out->n = r->nitems - base;
		r->nitems = base;
		return (out->u.items = pop(r, r->items + base, out->n,
			sizeof(*r->items))) ? 0 : DECLINE;
	}
}

/* Member names by length, then bytes. */
static int name_cmp(const void *a, const void *b)
{
	const setara_vc__jm *x = *(const setara_vc__jm *const *)a;
	const setara_vc__jm *y = *(const setara_vc__jm *const *)b;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->key, y->key, x->len);
}

/* 1 when two of the @n members at @ms have the same name (jansson's to
 * refuse): each pair for the few members of most objects, else sorted. */
static int repeated(const setara_vc__jm *ms, size_t n)
{
	const setara_vc__jm **sorted;
	size_t i, j;
	int found = 0;

	if (n <= 16) {
		for (i = 1; i < n; i++)
			for (j = 0; j < i; j++)
				if (ms[i].len == ms[j].len && memcmp(ms[i].key,
				    ms[j].key, ms[i].len) == 0)
					return 1;
		return 0;
	}
	if ((sorted = setara__malloc(n * sizeof(*sorted))) == NULL)
		return 1; /* declined: jansson decides */
	for (i = 0; i < n; i++)
		sorted[i] = &ms[i];
	qsort(sorted, n, sizeof(*sorted), name_cmp);
	for (i = 1; i < n && !found; i++)
		found = name_cmp(&sorted[i - 1], &sorted[i]) == 0;
	setara__free(sorted);
	return found;
}

static int read_object(reader *r, setara_vc__jv *out, int depth)
{
	size_t base = r->nmembers;
	setara_vc__jm m;
	void *grown;

	out->type = SETARA_VC__JOBJECT;
	skip_ws(r);
	if (r->p < r->end && *r->p == '}') {
		r->p++;
		return 0;
	}
	for (;;) {
		if (r->p >= r->end || *r->p != '"')
			return DECLINE;
		r->p++;
		if (read_string(r, &m.key, &m.len, &m.plain) != 0)
			return DECLINE;
		skip_ws(r);
		if (r->p >= r->end || *r->p != ':')
			return DECLINE;
		/* ": " then the value, as most writers put it */
		r->p += r->p[1] == ' ' && r->p[2] > ' ' ? 2 : 1;
		if (read_value(r, &m.v, depth) != 0)
			return DECLINE;
		if (r->nmembers == r->members_size) {
			if ((grown = grow(r->members, &r->members_size,
			    sizeof(*r->members))) == NULL)
				return DECLINE;
			r->members = grown;
		}
		r->members[r->nmembers++] = m;
		skip_ws(r);
		if (r->p >= r->end)
			return DECLINE;
		if (*r->p == ',') {
			r->p++;
			skip_ws(r);
			continue;
		}
		if (*r->p != '}')
			return DECLINE;
		r->p++;
		out->n = r->nmembers - base;
		r->nmembers = base;
		if (repeated(r->members + base, out->n))
			return DECLINE;
		return (out->u.members = pop(r, r->members + base, out->n,
			sizeof(*r->members))) ? 0 : DECLINE;
	}
}

static int read_value(reader *r, setara_vc__jv *out, int depth)
{
	out->plain = 0;
	out->n = 0;
	out->u.s = NULL;
	skip_ws(r);
	if (r->p >= r->end || ++r->values > SETARA_VC_JSON_MAX_VALUES)
		return DECLINE;
	switch (*r->p) {
	case '{':
	case '[':
		/* The loader's depth scan runs only on what this declines:
		 * the limit is kept here too. */
		if (depth >= SETARA_VC_JSON_MAX_DEPTH)
			return DECLINE;
		return *r->p++ == '{' ? read_object(r, out, depth + 1) :
			read_array(r, out, depth + 1);
	case '"':
		r->p++;
		out->type = SETARA_VC__JSTRING;
		return read_string(r, &out->u.s, &out->n, &out->plain);
	case 't':
		out->type = SETARA_VC__JTRUE;
		return literal(r, "true", 4) ? 0 : DECLINE;
	case 'f':
		out->type = SETARA_VC__JFALSE;
		return literal(r, "false", 5) ? 0 : DECLINE;
	case 'n':
		out->type = SETARA_VC__JNULL;
		return literal(r, "null", 4) ? 0 : DECLINE;
	default:
		return read_number(r, out);
	}
}

int setara_vc__jparse_fast(setara_vc__jdoc *d, const char *data, size_t len)
{
	reader r;
	setara_vc__jv *root = NULL;
	unsigned char *text;
	size_t tree;
	int rc = DECLINE;

	/* strtod() reads the locale's decimal point: under another than
	 * ".", jansson's own conversion is the one to use. */
	if (strcmp(localeconv()->decimal_point, ".") != 0 ||
	    len > SETARA_VC_JSON_MAX_SIZE)
		return DECLINE;
	memset(&r, 0, sizeof(r));
	r.doc = d;
	/* The text is copied into the arena, where its strings stay, and
	 * the tree after it: one chunk for most texts (the tree of an
	 * indented credential is about 1.4 times its text; no tree is
	 * larger than the most values can make). */
	tree = 2 * len < SETARA_VC_JSON_MAX_VALUES * sizeof(setara_vc__jm) ?
		2 * len : SETARA_VC_JSON_MAX_VALUES * sizeof(setara_vc__jm);
	if (setara_vc__jreserve(d, len + 64 + tree) == 0 &&
	    (text = setara_vc__jalloc(d, len + 1)) != NULL &&
	    (root = setara_vc__jalloc(d, sizeof(*root))) != NULL) {
		memcpy(text, data, len);
		text[len] = '\0';
		r.p = text;
		r.end = text + len;
		rc = read_value(&r, root, 0);
	}
	setara__free(r.items);
	setara__free(r.members);
	if (rc == 0) {
		skip_ws(&r);
		if (r.p == r.end) {
			d->root = root;
			return 0;
		}
	}
	setara_vc__jdoc_dispose(d);
	return DECLINE;
}

int setara_vc__json_parse_fast(json_t **out, const char *data, size_t len)
{
	setara_vc__jdoc d = SETARA_VC__JDOC_INIT;

	*out = NULL;
	if (setara_vc__jparse_fast(&d, data, len) != 0)
		return DECLINE;
	*out = setara_vc__jto_json(d.root);
	setara_vc__jdoc_dispose(&d);
	return *out ? 0 : DECLINE;
}
