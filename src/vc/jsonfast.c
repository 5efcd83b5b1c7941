/*
 * The JSON loader's fast path: a strict reader of RFC 8259 text that
 * builds the same jansson tree as json_loadb() with the loader's flags
 * (JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL),
 * in one pass over the bytes and without jansson's per-character lexer.
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
#include <string.h>

#include "vc_int.h"

/* The reader's state: the bytes left. */
typedef struct reader {
	const unsigned char *p, *end;
	char *scratch;      /* decoded strings with escapes */
	size_t scratch_size;
	size_t values;      /* read so far: past the limit, the loader's
			       scan refuses with its message */
} reader;

#define DECLINE 1

static void skip_ws(reader *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' ||
	    *r->p == '\r' || *r->p == '\t'))
		r->p++;
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
 * in the input when it has no escape, else in r->scratch.
 */
static int read_string(reader *r, const char **s, size_t *len)
{
	const unsigned char *start = r->p, *q = r->p;
	size_t n, cap, used = 0;
	char *d;

	/* The common case: plain characters up to the closing quote. */
	for (;;) {
		if (q >= r->end)
			return DECLINE;
		if (*q == '"') {
			*s = (const char *)start;
			*len = (size_t)(q - start);
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
	/* Escapes: decode into the scratch buffer (never longer than the
	 * text it comes from). */
	cap = (size_t)(r->end - start);
	if (r->scratch_size < cap) {
		char *grown = setara__realloc(r->scratch, cap);

		if (grown == NULL)
			return DECLINE;
		r->scratch = grown;
		r->scratch_size = cap;
	}
	d = r->scratch;
	memcpy(d, start, (size_t)(q - start));
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
			memcpy(d + used, q, n);
			used += n;
			q += n;
			continue;
		}
		if (*q != '\\') {
			d[used++] = (char)*q++;
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
			d[used++] = (char)cp;
		} else if (cp < 0x800) {
			d[used++] = (char)(0xc0 | cp >> 6);
			d[used++] = (char)(0x80 | (cp & 0x3f));
		} else if (cp < 0x10000) {
			d[used++] = (char)(0xe0 | cp >> 12);
			d[used++] = (char)(0x80 | (cp >> 6 & 0x3f));
			d[used++] = (char)(0x80 | (cp & 0x3f));
		} else {
			d[used++] = (char)(0xf0 | cp >> 18);
			d[used++] = (char)(0x80 | (cp >> 12 & 0x3f));
			d[used++] = (char)(0x80 | (cp >> 6 & 0x3f));
			d[used++] = (char)(0x80 | (cp & 0x3f));
		}
	}
	*s = d;
	*len = used;
	r->p = q + 1;
	return 0;
}

static int is_digit(const unsigned char *p, const unsigned char *end)
{
	return p < end && *p >= '0' && *p <= '9';
}

/* A number (RFC 8259 section 6), as a double: strtod() of the token, as
 * jansson reads it with JSON_DECODE_INT_AS_REAL. */
static int read_number(reader *r, json_t **out)
{
	const unsigned char *q = r->p;
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
	memcpy(tok, r->p, n);
	tok[n] = '\0';
	errno = 0;
	d = strtod(tok, &e);
	/* Overflow is jansson's to refuse; underflow it accepts, and so it
	 * reads that too. */
	if (errno == ERANGE || e != tok + n)
		return DECLINE;
	if ((*out = json_real(d)) == NULL)
		return DECLINE;
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

static int read_value(reader *r, json_t **out, int depth);

static int read_array(reader *r, json_t **out, int depth)
{
	json_t *a = json_array(), *v;
	int rc;

	if (a == NULL)
		return DECLINE;
	skip_ws(r);
	if (r->p < r->end && *r->p == ']') {
		r->p++;
		*out = a;
		return 0;
	}
	for (;;) {
		if ((rc = read_value(r, &v, depth)) != 0)
			goto fail;
		if (json_array_append_new(a, v) != 0)
			goto fail;
		skip_ws(r);
		if (r->p >= r->end)
			goto fail;
		if (*r->p == ',') {
			r->p++;
			continue;
		}
		if (*r->p != ']')
			goto fail;
		r->p++;
		*out = a;
		return 0;
	}
fail:
	json_decref(a);
	return DECLINE;
}

static int read_object(reader *r, json_t **out, int depth)
{
	json_t *o = json_object(), *v;
	const char *key;
	char small[128], *k = NULL;
	size_t len;

	if (o == NULL)
		return DECLINE;
	skip_ws(r);
	if (r->p < r->end && *r->p == '}') {
		r->p++;
		*out = o;
		return 0;
	}
	for (;;) {
		if (r->p >= r->end || *r->p != '"')
			goto fail;
		r->p++;
		if (read_string(r, &key, &len) != 0)
			goto fail;
		/* The name outlives the scratch buffer (the value may hold
		 * escapes too): keep a copy. */
		if (key == r->scratch) {
			k = len < sizeof(small) ? small : setara__malloc(len);
			if (k == NULL)
				goto fail;
			memcpy(k, key, len);
			key = k;
		}
		/* A repeated name is jansson's to refuse. */
		if (json_object_getn(o, key, len) != NULL)
			goto fail;
		skip_ws(r);
		if (r->p >= r->end || *r->p != ':')
			goto fail;
		r->p++;
		if (read_value(r, &v, depth) != 0)
			goto fail;
		if (json_object_setn_new_nocheck(o, key, len, v) != 0)
			goto fail;
		if (k != small)
			setara__free(k);
		k = NULL;
		skip_ws(r);
		if (r->p >= r->end)
			goto fail;
		if (*r->p == ',') {
			r->p++;
			skip_ws(r);
			continue;
		}
		if (*r->p != '}')
			goto fail;
		r->p++;
		*out = o;
		return 0;
	}
fail:
	if (k != small)
		setara__free(k);
	json_decref(o);
	return DECLINE;
}

static int read_value(reader *r, json_t **out, int depth)
{
	const char *s;
	size_t len;

	*out = NULL;
	skip_ws(r);
	if (r->p >= r->end || ++r->values > SETARA_VC_JSON_MAX_VALUES)
		return DECLINE;
	switch (*r->p) {
	case '{':
	case '[':
		/* The loader's depth scan has run; this only keeps the
		 * recursion bounded on its own. */
		if (depth >= SETARA_VC_JSON_MAX_DEPTH)
			return DECLINE;
		return *r->p++ == '{' ? read_object(r, out, depth + 1) :
			read_array(r, out, depth + 1);
	case '"':
		r->p++;
		if (read_string(r, &s, &len) != 0)
			return DECLINE;
		return (*out = json_stringn_nocheck(s, len)) ? 0 : DECLINE;
	case 't':
		return literal(r, "true", 4) ? (*out = json_true(), 0) :
			DECLINE;
	case 'f':
		return literal(r, "false", 5) ? (*out = json_false(), 0) :
			DECLINE;
	case 'n':
		return literal(r, "null", 4) ? (*out = json_null(), 0) :
			DECLINE;
	default:
		return read_number(r, out);
	}
}

int setara_vc__json_parse_fast(json_t **out, const char *data, size_t len)
{
	reader r;
	json_t *v = NULL;
	int rc;

	*out = NULL;
	/* strtod() reads the locale's decimal point: under another than
	 * ".", jansson's own conversion is the one to use. */
	if (strcmp(localeconv()->decimal_point, ".") != 0)
		return DECLINE;
	r.p = (const unsigned char *)data;
	r.end = r.p + len;
	r.scratch = NULL;
	r.scratch_size = 0;
	r.values = 0;
	rc = read_value(&r, &v, 0);
	setara__free(r.scratch);
	if (rc != 0)
		return DECLINE;
	skip_ws(&r);
	if (r.p != r.end) {
		json_decref(v);
		return DECLINE;
	}
	*out = v;
	return 0;
}
