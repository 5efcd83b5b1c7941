/*
 * Base64 (RFC 4648): the standard alphabet with padding, wrapped or not,
 * for XML Signature values and certificates; base64url without padding
 * for status-list bitstrings.  The one base64 of the library.
 */
#include <string.h>

#include "util.h"

static const char b64chars[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b64url[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static int encode(setara_buf *out, const unsigned char *d, size_t len,
	const char *alpha, int pad, int wrap)
{
	size_t i, col = 0, need = (len + 2) / 3 * 4;
	char q[4];
	int error, n;

	if (wrap > 0)
		need += need / (size_t)wrap + 1;
	if ((error = setara_buf_grow(out, need + 1)) < 0)
		return error;
	for (i = 0; i < len; i += 3) {
		unsigned v = (unsigned)d[i] << 16;

		if (i + 1 < len)
			v |= (unsigned)d[i + 1] << 8;
		if (i + 2 < len)
			v |= d[i + 2];
		q[0] = alpha[(v >> 18) & 63];
		q[1] = alpha[(v >> 12) & 63];
		q[2] = i + 1 < len ? alpha[(v >> 6) & 63] : '=';
		q[3] = i + 2 < len ? alpha[v & 63] : '=';
		n = pad ? 4 : i + 2 < len ? 4 : i + 1 < len ? 3 : 2;
		if (wrap > 0 && col + 4 > (size_t)wrap) {
			out->ptr[out->size++] = '\n';
			col = 0;
		}
		memcpy(out->ptr + out->size, q, (size_t)n);
		out->size += (size_t)n;
		col += 4;
	}
	out->ptr[out->size] = '\0';
	return 0;
}

int setara__base64(setara_buf *out, const unsigned char *data, size_t len,
	int wrap)
{
	return encode(out, data, len, b64chars, 1, wrap);
}

int setara__base64url(setara_buf *out, const unsigned char *data,
	size_t len)
{
	return encode(out, data, len, b64url, 0, 0);
}

/*
 * Each byte's meaning in base64: 0-63 a digit ('+' 62, '/' 63), B_SPACE
 * skipped, B_PAD '=', B_DASH and B_LOW '-' and '_' (62 and 63 in the URL
 * alphabet), B_BAD anything else.  A table, not comparisons: the digits
 * of a value are in no order a branch predictor can follow.
 */
enum { B_SPACE = 64, B_PAD, B_DASH, B_LOW, B_BAD = 255 };

static const unsigned char b64_value[256] = {
	255, 255, 255, 255, 255, 255, 255, 255, 255,  64,  64, 255,
	255,  64, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255, 255,  64, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255,  62, 255,  66, 255,  63,
	 52,  53,  54,  55,  56,  57,  58,  59,  60,  61, 255, 255,
	255,  65, 255, 255, 255,   0,   1,   2,   3,   4,   5,   6,
	  7,   8,   9,  10,  11,  12,  13,  14,  15,  16,  17,  18,
	 19,  20,  21,  22,  23,  24,  25, 255, 255, 255, 255,  67,
	255,  26,  27,  28,  29,  30,  31,  32,  33,  34,  35,  36,
	 37,  38,  39,  40,  41,  42,  43,  44,  45,  46,  47,  48,
	 49,  50,  51, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255,
};

int setara__base64_decode(setara_buf *out, const char *s, size_t len,
	int url)
{
	unsigned v = 0;
	size_t i;
	int bits = 0, c, d, pads = 0, error;

	if ((error = setara_buf_grow(out, len / 4 * 3 + 4)) < 0)
		return error;
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		d = b64_value[c];
		if (d >= 62) {
			if (d == B_SPACE)
				continue;
			if (d == B_PAD && !url) {
				pads++;
				continue;
			}
			if (url ? d == B_DASH || d == B_LOW : d < 64)
				d = d < 64 ? d : d - B_DASH + 62;
			else
				goto bad;
		}
		if (pads)
			goto bad;
		v = (v << 6) | (unsigned)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out->ptr[out->size++] = (char)((v >> bits) & 0xff);
		}
	}
	if (pads > 2 || bits >= 6)
		goto bad;
	out->ptr[out->size] = '\0';
	return 0;
bad:
	return setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA, NULL, 0,
		NULL, "malformed base64");
}
