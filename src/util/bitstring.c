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

#include "util.h"
#include "bitstring.h"

int setara__status_encode(char **out, const unsigned char *bits,
	size_t nbytes)
{
	z_stream z;
	setara_buf b64 = SETARA_BUF_INIT;
	unsigned char *gz = NULL;
	size_t gzcap, n;
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
	if ((error = setara_buf_puts(&b64, "u")) < 0 ||
	    (error = setara__base64url(&b64, gz, n)) < 0)
		goto done;
	*out = setara_buf_detach(&b64);
	error = 0;
done:
	deflateEnd(&z);
	setara__free(gz);
	setara_buf_dispose(&b64);
	return error;
}

int setara__status_decode(unsigned char **out, size_t *nbytes,
	const char *encoded, size_t max_bytes)
{
	z_stream z;
	setara_buf raw = SETARA_BUF_INIT;
	unsigned char *bits = NULL;
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
	for (i = 0; i < len; i++) {
		char c = encoded[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_')) {
			error = setara_error__set(SETARA_EINVALID,
				SETARA_ERROR_DATA, NULL, 0, "encodedList",
				"not base64url");
			goto done;
		}
	}
	if ((error = setara__base64_decode(&raw, encoded, len, 1)) < 0) {
		if (error == SETARA_EINVALID)
			error = setara_error__set(SETARA_EINVALID,
				SETARA_ERROR_DATA, NULL, 0, "encodedList",
				"not base64url");
		goto done;
	}
	n = (int)raw.size;
	if (inflateInit2(&z, 15 + 16) != Z_OK) {
		error = setara_error__set(SETARA_ERROR, SETARA_ERROR_INTERNAL,
			NULL, 0, NULL, "gzip: cannot initialise");
		goto done;
	}
	z.next_in = (unsigned char *)raw.ptr;
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
	setara_buf_dispose(&raw);
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
