/*
 * The JSON Canonicalization Scheme (RFC 8785) and the writer of the
 * documents setara secures.
 *
 * JCS writes a JSON value the way ECMAScript's JSON.stringify() does, with
 * the members of each object sorted by the UTF-16 code units of their
 * names (RFC 8785 section 3.2.3):
 *   - literals as themselves; strings with only '"', '\\' and the
 *     control characters escaped (\b \t \n \f \r, else \u00xx in lower
 *     case), everything else as its UTF-8 bytes (section 3.2.2.2);
 *   - numbers as Number.prototype.toString() (ECMA-262, Number::toString,
 *     section 3.2.2.3): the shortest decimal that reads back as the same
 *     double, in plain notation for exponents from -6 to 20 and in
 *     exponent notation otherwise.
 * The ordered writer uses the same rules but keeps each object's members
 * in their order, so that a document setara secures reads as it was
 * written and its numbers and strings are already in their canonical
 * spelling.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vc_int.h"

/* ---- numbers ----------------------------------------------------------- */

/*
 * The decimal digits of a candidate and its exponent: value =
 * 0.d1d2...dk * 10^n, as ECMA-262 writes it (s with k digits, n).
 */
typedef struct decimal {
	char d[20];
	int k;
	int n;
} decimal;

/* Read "%.*e" output ("d.ddde[+-]XX") into a decimal without trailing
 * zeros. */
static void decimal_from_e(decimal *dec, const char *s)
{
	const char *e = strchr(s, 'e');
	int k = 0, x = 0, neg;

	for (; s < e; s++)
		if (*s >= '0' && *s <= '9' && k < (int)sizeof(dec->d) - 1)
			dec->d[k++] = *s;
	while (k > 1 && dec->d[k - 1] == '0')
		k--;
	dec->d[k] = '\0';
	dec->k = k;
	/* The exponent: a sign and at least two digits. */
	e++;
	neg = *e == '-';
	if (*e == '-' || *e == '+')
		e++;
	for (; *e >= '0' && *e <= '9'; e++)
		x = x * 10 + (*e - '0');
	dec->n = (neg ? -x : x) + 1;
}

/* 1 when the decimal reads back as @x. */
static int decimal_reads_as(const decimal *dec, double x)
{
	char buf[48];

	snprintf(buf, sizeof(buf), "%c.%se%d", dec->d[0],
		dec->k > 1 ? dec->d + 1 : "0", dec->n - 1);
	return strtod(buf, NULL) == x;
}

/* The next decimal of @p digits above @dec (p >= dec->k). */
static void decimal_up(decimal *dec, int p)
{
	int i;

	while (dec->k < p)
		dec->d[dec->k++] = '0';
	dec->d[p] = '\0';
	for (i = p - 1; i >= 0; i--) {
		if (dec->d[i] != '9') {
			dec->d[i]++;
			break;
		}
		dec->d[i] = '0';
	}
	if (i < 0) { /* 99..9 + 1 = 100..0: one more power of ten */
		dec->d[0] = '1';
		dec->n++;
	}
	while (dec->k > 1 && dec->d[dec->k - 1] == '0')
		dec->k--;
	dec->d[dec->k] = '\0';
}

/*
 * The candidate of @p significant digits that reads back as @x, if any:
 * the correctly rounded one ("%.*e" is exact in glibc), or, where the
 * double's neighbours are not equally far (a power of two: the gap below
 * is half the gap above), the next decimal above it.
 */
static int try_digits(decimal *dec, double x, int p)
{
	char buf[48];

	snprintf(buf, sizeof(buf), "%.*e", p - 1, x);
	decimal_from_e(dec, buf);
	if (decimal_reads_as(dec, x))
		return 1;
	if (frexp(x, &(int){0}) == 0.5) {
		decimal up = *dec;

		decimal_up(&up, p);
		if (decimal_reads_as(&up, x)) {
			*dec = up;
			return 1;
		}
	}
	return 0;
}

/* The shortest decimal that reads back as @x > 0 (17 digits always do). */
static void shortest(decimal *dec, double x)
{
	int p;

	/*
	 * Most doubles need 16 or 17 digits and the values people write
	 * need few: try 15 first, then count up from 1 only when it held.
	 * For a normal double the count is not needed: any decimal of at
	 * most 15 significant digits survives the trip to a double and back
	 * to 15 digits (DBL_DIG, C11 5.2.4.2.2), so a shorter decimal that
	 * reads back as @x is the 15-digit one without its trailing zeros,
	 * which decimal_from_e() has already dropped.
	 */
	if (try_digits(dec, x, 15)) {
		if (x >= DBL_MIN)
			return;
		for (p = 1; p < 15; p++)
			if (try_digits(dec, x, p))
				return;
		try_digits(dec, x, 15);
		return;
	}
	if (try_digits(dec, x, 16))
		return;
	try_digits(dec, x, 17);
}

int setara_vc__number(char out[SETARA_VC__NUMBER_MAX], double x)
{
	decimal dec;
	char *p = out;
	int i, k, n;

	if (isnan(x) || isinf(x))
		return setara_error__data(NULL, 0, NULL,
			"a number that is not finite has no JSON form");
	if (x == 0) { /* -0 too */
		out[0] = '0';
		out[1] = '\0';
		return 0;
	}
	if (x < 0) {
		*p++ = '-';
		x = -x;
	}
	/* An integer below 2^53 is exact: its digits are the shortest
	 * form, written plain (n = k + trailing zeros <= 16 < 21). */
	if (x < 9007199254740992.0 && x == (double)(long long)x) {
		unsigned long long u = (unsigned long long)x;
		char digits[20];
		int nd = 0;

		do
			digits[nd++] = (char)('0' + u % 10);
		while ((u /= 10) != 0);
		while (nd > 0)
			*p++ = digits[--nd];
		*p = '\0';
		return 0;
	}
	shortest(&dec, x);
	k = dec.k;
	n = dec.n;
	/* ECMA-262 Number::toString, steps for k, n (here 1 <= k <= 17). */
	if (k <= n && n <= 21) {
		memcpy(p, dec.d, (size_t)k);
		p += k;
		for (i = 0; i < n - k; i++)
			*p++ = '0';
	} else if (0 < n && n <= 21) {
		memcpy(p, dec.d, (size_t)n);
		p += n;
		*p++ = '.';
		memcpy(p, dec.d + n, (size_t)(k - n));
		p += k - n;
	} else if (-6 < n && n <= 0) {
		*p++ = '0';
		*p++ = '.';
		for (i = 0; i < -n; i++)
			*p++ = '0';
		memcpy(p, dec.d, (size_t)k);
		p += k;
	} else {
		*p++ = dec.d[0];
		if (k > 1) {
			*p++ = '.';
			memcpy(p, dec.d + 1, (size_t)(k - 1));
			p += k - 1;
		}
		p += snprintf(p, 8, "e%c%d", n - 1 < 0 ? '-' : '+',
			abs(n - 1));
	}
	*p = '\0';
	return 0;
}

/* ---- strings ------------------------------------------------------------ */

/*
 * @s as a JSON string.  Room for the worst case (every byte a six-byte
 * escape) is made once, then the bytes are written in place.
 */
static int put_string(setara_buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t i;
	char *d;
	int error;

	if (len > (SIZE_MAX - 2) / 6)
		return setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
			NULL, 0, NULL, "buffer too large");
	if ((error = setara_buf_grow(out, len * 6 + 2)) < 0)
		return error;
	d = out->ptr + out->size;
	*d++ = '"';
	for (i = 0; i < len; i++) {
		unsigned char c = p[i];

		if (c >= 0x20 && c != '"' && c != '\\') {
			*d++ = (char)c;
			continue;
		}
		*d++ = '\\';
		switch (c) {
		case '"': *d++ = '"'; break;
		case '\\': *d++ = '\\'; break;
		case '\b': *d++ = 'b'; break;
		case '\f': *d++ = 'f'; break;
		case '\n': *d++ = 'n'; break;
		case '\r': *d++ = 'r'; break;
		case '\t': *d++ = 't'; break;
		default:
			*d++ = 'u';
			*d++ = '0';
			*d++ = '0';
			*d++ = hex[c >> 4];
			*d++ = hex[c & 15];
			break;
		}
	}
	*d++ = '"';
	*d = '\0';
	out->size = (size_t)(d - out->ptr);
	return 0;
}

/* ---- member order -------------------------------------------------------- */

/* Reads UTF-8 as UTF-16 code units (the input is valid UTF-8). */
typedef struct utf16_iter {
	const unsigned char *p, *end;
	unsigned pending; /* a low surrogate still to give, or 0 */
} utf16_iter;

/* The next code unit, or -1 at the end. */
static long next_unit(utf16_iter *it)
{
	unsigned long cp;
	unsigned c;
	int more, i;

	if (it->pending) {
		cp = it->pending;
		it->pending = 0;
		return (long)cp;
	}
	if (it->p >= it->end)
		return -1;
	c = *it->p++;
	if (c < 0x80)
		return c;
	more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
	cp = c & (0x3fu >> more);
	for (i = 0; i < more && it->p < it->end; i++)
		cp = cp << 6 | (*it->p++ & 0x3fu);
	if (cp < 0x10000)
		return (long)cp;
	cp -= 0x10000;
	it->pending = 0xdc00 + (unsigned)(cp & 0x3ff);
	return (long)(0xd800 + (cp >> 10));
}

typedef setara_vc__jm member;

static int member_cmp_utf16(const member *x, const member *y);

/* The order of two members' names (unique: never equal). */
static int name_order(const member *x, const member *y)
{
	size_t k, n = x->len < y->len ? x->len : y->len;
	const unsigned char *s = (const unsigned char *)x->key;
	const unsigned char *t = (const unsigned char *)y->key;

	/*
	 * Up to the first byte that differs the code units are the same.
	 * Two ASCII bytes there start a character each and compare as
	 * their code units do; a name that is a prefix of the other comes
	 * first in both orders.  Otherwise count the code units.
	 */
	for (k = 0; k < n && s[k] == t[k]; k++)
		;
	if (k == n)
		return x->len < y->len ? -1 : x->len > y->len;
	if (s[k] < 0x80 && t[k] < 0x80)
		return s[k] < t[k] ? -1 : 1;
	return member_cmp_utf16(x, y);
}

static int member_cmp(const void *a, const void *b)
{
	return name_order(*(const member *const *)a,
		*(const member *const *)b);
}

static int member_cmp_utf16(const member *x, const member *y)
{
	utf16_iter i = { (const unsigned char *)x->key,
		(const unsigned char *)x->key + x->len, 0 };
	utf16_iter j = { (const unsigned char *)y->key,
		(const unsigned char *)y->key + y->len, 0 };

	for (;;) {
		long u = next_unit(&i), v = next_unit(&j);

		if (u != v)
			return u < v ? -1 : 1;
		if (u < 0)
			return 0;
	}
}

/* The members in JCS order: insertion sort for the few members of most
 * objects, qsort() beyond (names are unique: no ties). */
static void sort_members(const member **ms, size_t n)
{
	const member *t;
	unsigned a, b;
	size_t i, j;

	if (n > 16) {
		qsort(ms, n, sizeof(*ms), member_cmp);
		return;
	}
	for (i = 1; i < n; i++) {
		t = ms[i];
		for (j = i; j > 0; j--) {
			/* Names are NUL-terminated: two first bytes that
			 * differ, both ASCII, decide (most names). */
			a = (unsigned char)ms[j - 1]->key[0];
			b = (unsigned char)t->key[0];
			if (a != b && a < 0x80 && b < 0x80 ? a < b :
			    name_order(ms[j - 1], t) < 0)
				break;
			ms[j] = ms[j - 1];
		}
		ms[j] = t;
	}
}

/* ---- writing -------------------------------------------------------------- */

enum mode { COMPACT, PRETTY };

/* One byte of punctuation: the common case without a call. */
static int put1(setara_buf *out, char c)
{
	if (out->size + 2 <= out->asize) {
		out->ptr[out->size++] = c;
		out->ptr[out->size] = '\0';
		return 0;
	}
	return setara_buf_put(out, &c, 1);
}

static int write_value(setara_buf *out, const json_t *v, enum mode m,
	int depth);

static int newline(setara_buf *out, enum mode m, int depth)
{
	int error, i;

	if (m != PRETTY)
		return 0;
	if ((error = setara_buf_grow(out, 1 + 2 * (size_t)depth)) < 0)
		return error;
	out->ptr[out->size++] = '\n';
	for (i = 0; i < 2 * depth; i++)
		out->ptr[out->size++] = ' ';
	out->ptr[out->size] = '\0';
	return 0;
}

/* Before item @i of a container at @depth: the comma after the item
 * before it, then the item's line. */
static int item_start(setara_buf *out, size_t i, enum mode m, int depth)
{
	int error;

	if (i > 0 && (error = put1(out, ',')) < 0)
		return error;
	return newline(out, m, depth + 1);
}

/* The end of a container at @depth that holds items: its line, @c. */
static int close_items(setara_buf *out, enum mode m, int depth, char c)
{
	int error = newline(out, m, depth);

	return error < 0 ? error : put1(out, c);
}

static int write_object(setara_buf *out, const json_t *v, enum mode m,
	int depth)
{
	const char *key;
	size_t len, i = 0;
	json_t *value;
	int error;

	if (json_object_size(v) == 0)
		return setara_buf_put(out, "{}", 2);
	if ((error = put1(out, '{')) < 0)
		return error;
	/* jansson keeps members in their insertion order. */
	json_object_keylen_foreach((json_t *)v, key, len, value) {
		if ((error = item_start(out, i++, m, depth)) < 0 ||
		    (error = put_string(out, key, len)) < 0 ||
		    (error = put1(out, ':')) < 0 ||
		    (m == PRETTY && (error = put1(out, ' ')) < 0) ||
		    (error = write_value(out, value, m, depth + 1)) < 0)
			return error;
	}
	return close_items(out, m, depth, '}');
}

static int write_array(setara_buf *out, const json_t *v, enum mode m,
	int depth)
{
	size_t i, n = json_array_size(v);
	int error;

	if (n == 0)
		return setara_buf_put(out, "[]", 2);
	if ((error = put1(out, '[')) < 0)
		return error;
	for (i = 0; i < n; i++) {
		if ((error = item_start(out, i, m, depth)) < 0 ||
		    (error = write_value(out, json_array_get(v, i), m,
			depth + 1)) < 0)
			return error;
	}
	return close_items(out, m, depth, ']');
}

static int write_value(setara_buf *out, const json_t *v, enum mode m,
	int depth)
{
	char num[SETARA_VC__NUMBER_MAX];
	int error;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return write_object(out, v, m, depth);
	case JSON_ARRAY:
		return write_array(out, v, m, depth);
	case JSON_STRING:
		return put_string(out, json_string_value(v),
			json_string_length(v));
	case JSON_INTEGER:
		/* Values built in memory; JCS sees every number as a double. */
		if ((error = setara_vc__number(num,
			(double)json_integer_value(v))) < 0)
			return error;
		return setara_buf_puts(out, num);
	case JSON_REAL:
		if ((error = setara_vc__number(num, json_real_value(v))) < 0)
			return error;
		return setara_buf_puts(out, num);
	case JSON_TRUE:
		return setara_buf_puts(out, "true");
	case JSON_FALSE:
		return setara_buf_puts(out, "false");
	case JSON_NULL:
		return setara_buf_puts(out, "null");
	}
	return setara_error__set(SETARA_ERROR, SETARA_ERROR_INTERNAL, NULL, 0,
		NULL, "unknown JSON value");
}

/* ---- the canonical form ------------------------------------------------ */

/* A string JCS writes as it is: read with no escape, it holds no byte
 * that needs one. */
static int put_plain(setara_buf *out, const char *s, size_t len)
{
	int error;
	char *d;

	/* The room is there most of the time: no call then. */
	if (out->asize - out->size < len + 3 &&
	    (error = setara_buf_grow(out, len + 2)) < 0)
		return error;
	d = out->ptr + out->size;
	*d++ = '"';
	memcpy(d, s, len);
	d += len;
	*d++ = '"';
	*d = '\0';
	out->size = (size_t)(d - out->ptr);
	return 0;
}

/* A member's name and colon, after a comma unless @first: in one step
 * when the name is plain and the room is there (most names). */
static int put_name(setara_buf *out, const member *m, int first)
{
	int error;
	char *d;

	if (!m->plain || out->asize - out->size < m->len + 5) {
		if ((!first && (error = put1(out, ',')) < 0) ||
		    (error = m->plain ? put_plain(out, m->key, m->len) :
			put_string(out, m->key, m->len)) < 0)
			return error;
		return put1(out, ':');
	}
	d = out->ptr + out->size;
	if (!first)
		*d++ = ',';
	*d++ = '"';
	memcpy(d, m->key, m->len);
	d += m->len;
	*d++ = '"';
	*d++ = ':';
	*d = '\0';
	out->size = (size_t)(d - out->ptr);
	return 0;
}

static int jcs_value(setara_buf *out, const setara_vc__jv *v);

static int jcs_object(setara_buf *out, const setara_vc__jv *o,
	const char *skip, const char *swap_key, const setara_vc__jv *swap)
{
	const member *small[16], **ms = NULL, *m;
	size_t i, n = 0;
	int error = 0;

	if (o->n <= sizeof(small) / sizeof(small[0]))
		ms = small;
	else if ((ms = setara__calloc(o->n, sizeof(*ms))) == NULL)
		return setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
			NULL, 0, NULL, "out of memory");
	for (i = 0; i < o->n; i++)
		if (skip == NULL || strcmp(o->u.members[i].key, skip) != 0)
			ms[n++] = &o->u.members[i];
	sort_members(ms, n);
	if ((error = put1(out, '{')) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		m = ms[i];
		if ((error = put_name(out, m, i == 0)) < 0 ||
		    (error = jcs_value(out, swap_key && strcmp(m->key,
			swap_key) == 0 ? swap : &m->v)) < 0)
			goto done;
	}
	error = put1(out, '}');
done:
	if (ms != small)
		setara__free(ms);
	return error;
}

static int jcs_value(setara_buf *out, const setara_vc__jv *v)
{
	char num[SETARA_VC__NUMBER_MAX];
	size_t i;
	int error;

	switch (v->type) {
	case SETARA_VC__JOBJECT:
		return jcs_object(out, v, NULL, NULL, NULL);
	case SETARA_VC__JARRAY:
		if ((error = put1(out, '[')) < 0)
			return error;
		for (i = 0; i < v->n; i++)
			if ((i > 0 && (error = put1(out, ',')) < 0) ||
			    (error = jcs_value(out, &v->u.items[i])) < 0)
				return error;
		return put1(out, ']');
	case SETARA_VC__JSTRING:
		return v->plain ? put_plain(out, v->u.s, v->n) :
			put_string(out, v->u.s, v->n);
	case SETARA_VC__JNUMBER:
		if ((error = setara_vc__number(num, v->u.d)) < 0)
			return error;
		return setara_buf_puts(out, num);
	case SETARA_VC__JTRUE:
		return setara_buf_put(out, "true", 4);
	case SETARA_VC__JFALSE:
		return setara_buf_put(out, "false", 5);
	default:
		return setara_buf_put(out, "null", 4);
	}
}

int setara_vc__jcs_tree(setara_buf *out, const setara_vc__jv *o,
	const char *skip, const char *swap_key, const setara_vc__jv *swap)
{
	SETARA_ASSERT_ARG(out && o);
	if (o->type != SETARA_VC__JOBJECT)
		return jcs_value(out, o);
	return jcs_object(out, o, skip, swap_key, swap);
}

int setara_vc__jcs(setara_buf *out, const json_t *v)
{
	setara_vc__jdoc d = SETARA_VC__JDOC_INIT;
	int error;

	SETARA_ASSERT_ARG(out && v);
	if ((error = setara_vc__jdoc_from_json(&d, v)) == 0)
		error = jcs_value(out, d.root);
	setara_vc__jdoc_dispose(&d);
	return error;
}

int setara_vc__json_write(setara_buf *out, const json_t *v, int pretty)
{
	int error;

	SETARA_ASSERT_ARG(out && v);
	if ((error = write_value(out, v, pretty ? PRETTY : COMPACT, 0)) < 0)
		return error;
	return pretty ? setara_buf_put(out, "\n", 1) : 0;
}

int setara_vc_jcs(setara_buf *out, const char *json, size_t len)
{
	setara_vc__jdoc d = SETARA_VC__JDOC_INIT;
	int error;

	SETARA_ASSERT_ARG(out && (json || len == 0));
	if ((error = setara_vc__jdoc_load(&d, json, len, NULL)) == 0)
		error = jcs_value(out, d.root);
	setara_vc__jdoc_dispose(&d);
	return error;
}
