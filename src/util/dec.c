/*
 * Exact rational arithmetic for credits and grades (see dec.h).
 *
 * Values are kept reduced, with a positive denominator, so that equal
 * numbers have equal representations and comparison by cross products
 * in 128 bits is exact.  Each operation computes in 128 bits, reduces,
 * then checks that the result fits in 64.
 */
#include <string.h>

#include "util.h"
#include "dec.h"

typedef __int128 wide;

static wide wabs(wide v)
{
	return v < 0 ? -v : v;
}

static wide gcd(wide a, wide b)
{
	wide t;

	a = wabs(a);
	b = wabs(b);
	while (b != 0) {
		t = a % b;
		a = b;
		b = t;
	}
	return a;
}

static int overflow(void)
{
	return setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA, NULL, 0,
		NULL, "arithmetic overflow: number too large for exact "
		"arithmetic");
}

/* Reduce n/d (d != 0) into *out; SETARA_EINVALID when it does not fit. */
static int make(setara__dec *out, wide n, wide d)
{
	wide g;

	if (d < 0) {
		n = -n;
		d = -d;
	}
	g = gcd(n, d);
	if (g > 1) {
		n /= g;
		d /= g;
	}
	if (n == 0)
		d = 1;
	if (n > INT64_MAX || n < -INT64_MAX || d > INT64_MAX)
		return overflow();
	out->num = (int64_t)n;
	out->den = (int64_t)d;
	return 0;
}

setara__dec setara__dec_int(int64_t n)
{
	setara__dec d;

	d.num = n;
	d.den = 1;
	return d;
}

int setara__dec_parse(setara__dec *out, const char *s)
{
	wide n = 0, d = 1, n2 = 0;
	const char *p = s;
	int neg = 0, digits = 0, frac = 0;

	out->num = 0;
	out->den = 1;
	if (s == NULL)
		return SETARA_EINVALID;
	if (*p == '-') {
		neg = 1;
		p++;
	}
	for (; *p >= '0' && *p <= '9'; p++) {
		if (digits > 0 || *p != '0')
			digits++;
		n = n * 10 + (*p - '0');
		frac = 1;
	}
	if (!frac || digits > 18)
		return SETARA_EINVALID;
	if (*p == '.') {
		p++;
		frac = 0;
		for (; *p >= '0' && *p <= '9'; p++) {
			if (digits > 0 || *p != '0')
				digits++;
			if (++frac > 18 || digits > 18)
				return SETARA_EINVALID;
			n = n * 10 + (*p - '0');
			d *= 10;
		}
		if (frac == 0)
			return SETARA_EINVALID;
	} else if (*p == '/') {
		p++;
		digits = 0;
		frac = 0;
		for (; *p >= '0' && *p <= '9'; p++) {
			if (digits > 0 || *p != '0')
				digits++;
			if (digits > 18)
				return SETARA_EINVALID;
			n2 = n2 * 10 + (*p - '0');
			frac = 1;
		}
		if (!frac || n2 == 0)
			return SETARA_EINVALID;
		d = n2;
	}
	if (*p != '\0')
		return SETARA_EINVALID;
	if (neg)
		n = -n;
	return make(out, n, d) < 0 ? SETARA_EINVALID : 0;
}

int setara__dec_add(setara__dec *out, setara__dec a, setara__dec b)
{
	return make(out, (wide)a.num * b.den + (wide)b.num * a.den,
		(wide)a.den * b.den);
}

int setara__dec_sub(setara__dec *out, setara__dec a, setara__dec b)
{
	return make(out, (wide)a.num * b.den - (wide)b.num * a.den,
		(wide)a.den * b.den);
}

int setara__dec_mul(setara__dec *out, setara__dec a, setara__dec b)
{
	return make(out, (wide)a.num * b.num, (wide)a.den * b.den);
}

int setara__dec_div(setara__dec *out, setara__dec a, setara__dec b)
{
	if (b.num == 0)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA,
			NULL, 0, NULL, "division by zero");
	return make(out, (wide)a.num * b.den, (wide)a.den * b.num);
}

int setara__dec_cmp(setara__dec a, setara__dec b)
{
	wide l = (wide)a.num * b.den, r = (wide)b.num * a.den;

	return l < r ? -1 : l > r;
}

int setara__dec_sign(setara__dec a)
{
	return a.num < 0 ? -1 : a.num > 0;
}

int setara__dec_is_int(setara__dec a)
{
	return a.den == 1;
}

int setara__dec_is_terminating(setara__dec a)
{
	int64_t d = a.den;

	while (d % 2 == 0)
		d /= 2;
	while (d % 5 == 0)
		d /= 5;
	return d == 1;
}

setara__dec setara__dec_min(setara__dec a, setara__dec b)
{
	return setara__dec_cmp(a, b) <= 0 ? a : b;
}

setara__dec setara__dec_max(setara__dec a, setara__dec b)
{
	return setara__dec_cmp(a, b) >= 0 ? a : b;
}

/* floor(n / d) for d > 0. */
static wide floor_div(wide n, wide d)
{
	wide q = n / d;

	if ((n % d != 0) && (n < 0))
		q--;
	return q;
}

int setara__dec_round(setara__dec *out, setara__dec x, setara__dec step,
	setara__round_mode mode)
{
	/* q = x / step = (x.num * step.den) / (x.den * step.num) */
	wide n = (wide)x.num * step.den, d = (wide)x.den * step.num, k, r;

	if (step.num <= 0)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA,
			NULL, 0, NULL, "rounding step must be positive");
	k = floor_div(n, d);
	r = n - k * d;          /* 0 <= r < d: the fraction is r / d */
	if (r != 0) {
		switch (mode) {
		case SETARA_ROUND_DOWN:
			break;
		case SETARA_ROUND_UP:
			k++;
			break;
		case SETARA_ROUND_TRUNCATE:
			if (n < 0)
				k++;
			break;
		case SETARA_ROUND_NEAREST:
		default:
			/* halves away from zero */
			if (2 * r > d || (2 * r == d && n > 0))
				k++;
			break;
		}
	}
	return make(out, k * step.num, (wide)step.den);
}

/* Decimal digits of a non-negative 128-bit value into @buf (reversed). */
static size_t put_digits(char *buf, wide v, int min_digits)
{
	size_t i = 0;

	/* in 64 bits while the value fits: a 128-bit division is a call */
	for (; v > UINT64_MAX; v /= 10)
		buf[i++] = (char)('0' + (int)(v % 10));
	{
		uint64_t s = (uint64_t)v;

		do {
			buf[i++] = (char)('0' + (int)(s % 10));
			s /= 10;
		} while (s > 0 || (int)i < min_digits);
	}
	return i;
}

/* Write |n| / 10^places as a decimal, with sign @neg, into @buf. */
static void write_scaled(char *buf, wide n, int places, int neg)
{
	char tmp[64];
	size_t len, i, o = 0;

	len = put_digits(tmp, n, places + 1);
	if (neg)
		buf[o++] = '-';
	for (i = len; i > 0; i--) {
		buf[o++] = tmp[i - 1];
		if ((int)(i - 1) == places && places > 0)
			buf[o++] = '.';
	}
	buf[o] = '\0';
}

char *setara__dec_format(char buf[SETARA_DEC_BUFSIZE], setara__dec x)
{
	int64_t d = x.den;
	int twos = 0, fives = 0, places, neg = x.num < 0;
	wide n = wabs((wide)x.num), scale = 1;

	while (d % 2 == 0) {
		d /= 2;
		twos++;
	}
	while (d % 5 == 0) {
		d /= 5;
		fives++;
	}
	places = twos > fives ? twos : fives;
	if (d != 1 || places > 18) {
		/* "num/den": at most 20 + 1 + 19 characters */
		write_scaled(buf, n, 0, neg);
		d = (int64_t)strlen(buf);
		buf[d++] = '/';
		write_scaled(buf + d, (wide)x.den, 0, 0);
		return buf;
	}
	for (d = 0; d < places; d++)
		scale *= 10;
	write_scaled(buf, n * (scale / x.den), places, neg);
	return buf;
}

char *setara__dec_format_fixed(char buf[SETARA_DEC_BUFSIZE], setara__dec x,
	int places)
{
	wide scale = 1, n, d = x.den, q, r;
	int i, neg = x.num < 0;

	if (places < 0)
		places = 0;
	if (places > 18)
		places = 18;
	for (i = 0; i < places; i++)
		scale *= 10;
	n = wabs((wide)x.num) * scale;
	q = n / d;
	r = n % d;
	if (2 * r >= d)
		q++;
	write_scaled(buf, q, places, neg && q != 0);
	return buf;
}

char *setara__dec_format_human(char buf[SETARA_DEC_BUFSIZE], setara__dec x)
{
	char b[SETARA_DEC_BUFSIZE];
	size_t n, m;

	setara__dec_format(buf, x);
	if (setara__dec_is_terminating(x))
		return buf;
	/* a fraction is at most 41 characters: room for " (~" and 24 more */
	n = strlen(buf);
	setara__dec_format_fixed(b, x, 2);
	m = strlen(b);
	if (m > SETARA_DEC_BUFSIZE - n - 5)
		m = SETARA_DEC_BUFSIZE - n - 5;
	memcpy(buf + n, " (~", 3);
	memcpy(buf + n + 3, b, m);
	memcpy(buf + n + 3 + m, ")", 2);
	return buf;
}
