/*
 * Status-list bitstrings, after the W3C Bitstring Status List: the bits
 * (index 0 is the left-most bit of the first byte) are GZIP-compressed,
 * then base64url-encoded without padding and prefixed with 'u' (multibase).
 *
 * Decoding takes untrusted input: the compressed size and the inflated size
 * are both bounded, so a small list cannot expand into a large allocation.
 */
#include <string.h>
#include <zlib.h>
#include <openssl/evp.h>

#include "util.h"
#include "bitstring.h"

int setara__status_encode(char **out, const unsigned char *bits,
	size_t nbytes)
{
	z_stream z;
	unsigned char *gz = NULL, *b64 = NULL;
	size_t gzcap, i, n;
	char *s = NULL;
	int error = -1, zrc;

	*out = NULL;
	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return setara_error__set(SETARA_ERROR, SETARA_ERROR_INTERNAL,
			NULL, 0, NULL, "gzip: cannot initialise");
	gzcap = deflateBound(&z, (uLong)nbytes) + 32;
	if ((gz = setara__malloc(gzcap)) == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	z.next_in = (unsigned char *)bits;
	z.avail_in = (uInt)nbytes;
	z.next_out = gz;
	z.avail_out = (uInt)gzcap;
	if ((zrc = deflate(&z, Z_FINISH)) != Z_STREAM_END) {
		error = setara_error__set(SETARA_ERROR, SETARA_ERROR_INTERNAL,
			NULL, 0, NULL, "gzip: %d", zrc);
		goto done;
	}
	n = z.total_out;
	if ((b64 = setara__malloc(4 * ((n + 2) / 3) + 1)) == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	i = (size_t)EVP_EncodeBlock(b64, gz, (int)n);
	while (i > 0 && b64[i - 1] == '=')
		i--;
	if ((s = setara__malloc(i + 2)) == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	s[0] = 'u';
	for (n = 0; n < i; n++)
		s[n + 1] = b64[n] == '+' ? '-' : b64[n] == '/' ? '_' :
			(char)b64[n];
	s[i + 1] = '\0';
	*out = s;
	s = NULL;
	error = 0;
done:
	deflateEnd(&z);
	setara__free(gz);
	setara__free(b64);
	setara__free(s);
	return error;
}

int setara__status_decode(unsigned char **out, size_t *nbytes,
	const char *encoded, size_t max_bytes)
{
	z_stream z;
	unsigned char *raw = NULL, *bits = NULL;
	char *std = NULL;
	size_t len, i, pad, cap = 0;
	int n, error = SETARA_EINVALID, zrc;

	*out = NULL;
	*nbytes = 0;
	memset(&z, 0, sizeof(z));
	if (encoded == NULL || encoded[0] != 'u')
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA,
			NULL, 0, "encodedList",
			"not a multibase base64url string (must start 'u')");
	encoded++;
	len = strlen(encoded);
	if (len == 0 || len > 4 * max_bytes + 64)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA,
			NULL, 0, "encodedList", "encoded list of bad length");
	pad = (4 - len % 4) % 4;
	if (pad == 3)
		return setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA,
			NULL, 0, "encodedList", "bad base64url length");
	if ((std = setara__malloc(len + pad + 1)) == NULL)
		return SETARA_ENOMEM;
	for (i = 0; i < len; i++) {
		char c = encoded[i];

		if (c == '-')
			c = '+';
		else if (c == '_')
			c = '/';
		else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9'))) {
			error = setara_error__set(SETARA_EINVALID,
				SETARA_ERROR_DATA, NULL, 0, "encodedList",
				"not base64url");
			goto done;
		}
		std[i] = c;
	}
	for (i = 0; i < pad; i++)
		std[len + i] = '=';
	std[len + pad] = '\0';
	if ((raw = setara__malloc((len + pad) / 4 * 3 + 1)) == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	if ((n = EVP_DecodeBlock(raw, (unsigned char *)std,
	    (int)(len + pad))) < 0) {
		error = setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA,
			NULL, 0, "encodedList", "not base64url");
		goto done;
	}
	n -= (int)pad;
	if (inflateInit2(&z, 15 + 16) != Z_OK) {
		error = setara_error__set(SETARA_ERROR, SETARA_ERROR_INTERNAL,
			NULL, 0, NULL, "gzip: cannot initialise");
		goto done;
	}
	z.next_in = raw;
	z.avail_in = (uInt)n;
	/* Grow the output as needed, never past max_bytes + 1. */
	for (zrc = Z_OK; zrc == Z_OK;) {
		unsigned char *nb;

		if (cap > max_bytes)
			break;
		cap = cap ? cap * 2 : 32768;
		if (cap > max_bytes + 1)
			cap = max_bytes + 1;
		if ((nb = setara__realloc(bits, cap)) == NULL) {
			error = SETARA_ENOMEM;
			goto done;
		}
		bits = nb;
		z.next_out = bits + z.total_out;
		z.avail_out = (uInt)(cap - z.total_out);
		zrc = inflate(&z, Z_NO_FLUSH);
		if (zrc == Z_BUF_ERROR && z.avail_out == 0)
			zrc = Z_OK;
	}
	if (zrc != Z_STREAM_END || z.avail_in != 0 ||
	    z.total_out > max_bytes) {
		error = setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA,
			NULL, 0, "encodedList", "%s",
			z.total_out > max_bytes || cap > max_bytes ?
			"status list too large" : "not a valid GZIP stream");
		goto done;
	}
	*nbytes = z.total_out;
	*out = bits;
	bits = NULL;
	error = 0;
done:
	inflateEnd(&z);
	setara__free(std);
	setara__free(raw);
	setara__free(bits);
	return error;
}

int setara__bit_get(const unsigned char *bits, size_t nbytes, size_t index)
{
	if (index / 8 >= nbytes)
		return -1;
	return (bits[index / 8] >> (7 - index % 8)) & 1;
}

void setara__bit_set(unsigned char *bits, size_t index, int value)
{
	unsigned char mask = (unsigned char)(0x80u >> (index % 8));

	if (value)
		bits[index / 8] |= mask;
	else
		bits[index / 8] &= (unsigned char)~mask;
}
