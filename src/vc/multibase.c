/*
 * Byte encodings of Verifiable Credentials: base58btc (the Bitcoin
 * alphabet, draft-msporny-base58), base64url without padding (RFC 4648
 * section 5) and the multibase prefixes that name them ('z', 'u';
 * W3C Controlled Identifiers, "Multibase").
 *
 * base58 is a change of radix, quadratic in the length (decoded five
 * digits at a time into 32-bit limbs): it carries keys
 * and signatures of a few dozen bytes, so its input is held to
 * SETARA_VC__BASE58_MAX characters (a status list's bitstring, the one
 * large value, is base64url).
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "vc_int.h"

#define SETARA_VC__BASE58_MAX 4096

static const char b58[] =
	"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
static const char b64url[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int setara_vc__base58_encode(setara_buf *out, const unsigned char *data,
	size_t len)
{
	unsigned char *digits = NULL; /* base-58 digits, most significant
					 first, in the last ndig places */
	size_t zeros = 0, size, ndig = 0, i, j;
	int error = -1;

	if (len > SETARA_VC__BASE58_MAX)
		return setara_error__data(NULL, 0, NULL,
			"too many bytes for base58");
	while (zeros < len && data[zeros] == 0)
		zeros++;
	/* log(256) / log(58) < 1.37 */
	size = (len - zeros) * 137 / 100 + 1;
	if ((digits = setara__calloc(size, 1)) == NULL)
		return SETARA_ENOMEM;
	for (i = zeros; i < len; i++) {
		unsigned carry = data[i];

		/* digits = digits * 256 + byte */
		for (j = 0; j < ndig || carry; j++) {
			unsigned char *d = &digits[size - 1 - j];

			assert(j < size);
			carry += 256u * *d;
			*d = (unsigned char)(carry % 58);
			carry /= 58;
		}
		ndig = j;
	}
	if ((error = setara_buf_grow(out, zeros + ndig + 1)) < 0)
		goto done;
	for (i = 0; i < zeros; i++)
		out->ptr[out->size++] = '1';
	for (i = size - ndig; i < size; i++)
		out->ptr[out->size++] = b58[digits[i]];
	out->ptr[out->size] = '\0';
	error = 0;
done:
	setara__free(digits);
	return error;
}

/* The value of a base58 character, or -1. */
static int b58_value(unsigned char c)
{
	if (c >= '1' && c <= '9')
		return c - '1';
	if (c >= 'A' && c <= 'H')
		return c - 'A' + 9;
	if (c >= 'J' && c <= 'N')
		return c - 'J' + 17;
	if (c >= 'P' && c <= 'Z')
		return c - 'P' + 22;
	if (c >= 'a' && c <= 'k')
		return c - 'a' + 33;
	if (c >= 'm' && c <= 'z')
		return c - 'm' + 44;
	return -1;
}

int setara_vc__base58_decode(setara_buf *out, const char *s, size_t len)
{
	uint32_t *limbs = NULL; /* the value, least significant first */
	size_t zeros = 0, size, nlimbs = 0, nbytes, i, j, k;
	uint32_t acc, mul;
	uint64_t t;
	int v, error = -1;
	char *d;

	if (len > SETARA_VC__BASE58_MAX)
		return setara_error__data(NULL, 0, NULL,
			"base58 text longer than %d characters",
			SETARA_VC__BASE58_MAX);
	while (zeros < len && s[zeros] == '1')
		zeros++;
	/* log(58) / log(256) < 0.733; bytes to 32-bit limbs */
	size = ((len - zeros) * 733 / 1000 + 1) / 4 + 2;
	if ((limbs = setara__calloc(size, sizeof(*limbs))) == NULL)
		return SETARA_ENOMEM;
	/* limbs = limbs * 58^k + the next k digits, up to five at once
	 * (58^5 < 2^32). */
	for (i = zeros; i < len; i += k) {
		acc = 0;
		mul = 1;
		for (k = 0; k < 5 && i + k < len; k++) {
			if ((v = b58_value((unsigned char)s[i + k])) < 0) {
				error = setara_error__data(NULL, 0, NULL,
					"not a base58 character at offset %zu",
					i + k);
				goto done;
			}
			acc = acc * 58 + (uint32_t)v;
			mul *= 58;
		}
		t = acc;
		for (j = 0; j < nlimbs; j++) {
			t += (uint64_t)limbs[j] * mul;
			limbs[j] = (uint32_t)t;
			t >>= 32;
		}
		if (t) {
			assert(nlimbs < size);
			limbs[nlimbs++] = (uint32_t)t;
		}
	}
	/* The bytes of the value, without leading zero bytes. */
	nbytes = 4 * nlimbs;
	while (nbytes > 0 && (limbs[(nbytes - 1) / 4] >>
	    (8 * ((nbytes - 1) % 4)) & 0xff) == 0)
		nbytes--;
	if ((error = setara_buf_grow(out, zeros + nbytes + 1)) < 0)
		goto done;
	d = out->ptr + out->size;
	memset(d, 0, zeros);
	d += zeros;
	for (j = nbytes; j-- > 0;)
		*d++ = (char)(limbs[j / 4] >> (8 * (j % 4)) & 0xff);
	out->size += zeros + nbytes;
	out->ptr[out->size] = '\0';
	error = 0;
done:
	setara__free(limbs);
	return error;
}

int setara_vc__base64url_decode(setara_buf *out, const char *s, size_t len)
{
	unsigned long v = 0;
	size_t i, start = out->size;
	int bits = 0, error;

	if (len % 4 == 1)
		return setara_error__data(NULL, 0, NULL,
			"base64url text of an impossible length");
	if ((error = setara_buf_grow(out, len / 4 * 3 + 3)) < 0)
		return error;
	for (i = 0; i < len; i++) {
		const char *p = s[i] ? strchr(b64url, s[i]) : NULL;

		if (p == NULL) {
			out->size = start;
			return setara_error__data(NULL, 0, NULL,
				"not a base64url character at offset %zu", i);
		}
		v = (v << 6 | (unsigned long)(p - b64url)) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out->ptr[out->size++] = (char)((v >> bits) & 0xff);
		}
	}
	/* The last character's unused bits are zero in canonical text. */
	if (bits > 0 && (v & ((1ul << bits) - 1)) != 0) {
		out->size = start;
		return setara_error__data(NULL, 0, NULL,
			"base64url text with stray trailing bits");
	}
	out->ptr[out->size] = '\0';
	return 0;
}

int setara_vc_multibase_encode(setara_buf *out, char base, const void *data,
	size_t len)
{
	int error;

	SETARA_ASSERT_ARG(out && (data || len == 0));
	if (base != SETARA_VC_MULTIBASE_BASE58BTC &&
	    base != SETARA_VC_MULTIBASE_BASE64URL)
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, NULL, "multibase '%c' is not supported",
			base);
	if ((error = setara_buf_put(out, &base, 1)) < 0)
		return error;
	if (base == SETARA_VC_MULTIBASE_BASE58BTC)
		return setara_vc__base58_encode(out, data, len);
	return setara__base64url(out, data, len);
}

int setara_vc_multibase_decode(setara_buf *out, const char *s, size_t len)
{
	SETARA_ASSERT_ARG(out && (s || len == 0));
	if (len == 0)
		return setara_error__data(NULL, 0, NULL, "empty multibase");
	if (s[0] == SETARA_VC_MULTIBASE_BASE58BTC)
		return setara_vc__base58_decode(out, s + 1, len - 1);
	if (s[0] == SETARA_VC_MULTIBASE_BASE64URL)
		return setara_vc__base64url_decode(out, s + 1, len - 1);
	return setara_error__data(NULL, 0, NULL,
		"multibase prefix '%c' is not supported", s[0]);
}
