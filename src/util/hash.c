/*
 * Content hashes (SHA-256) of data files and documents, the ids of what
 * setara issues, and OpenSSL's errors as setara errors.  The one SHA-256
 * of the library (signing digests too): the store, below cred and vc,
 * hashes data files.
 */
#include <string.h>
#include <time.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "util.h"

int setara__ossl_error(int code, const char *file, const char *what)
{
	char buf[256] = "";
	unsigned long e = ERR_peek_last_error();

	if (e)
		ERR_error_string_n(e, buf, sizeof(buf));
	ERR_clear_error();
	return setara_error__set(code, SETARA_ERROR_CRYPTO, file, 0, NULL,
		"%s%s%s", what, *buf ? ": " : "", buf);
}

int setara__sha256(unsigned char out[32], const void *data, size_t len)
{
	unsigned int n = 32;

	if (EVP_Digest(data, len, out, &n, EVP_sha256(), NULL) != 1 ||
	    n != 32) {
		ERR_clear_error();
		return setara_error__set(SETARA_ERROR, SETARA_ERROR_CRYPTO,
			NULL, 0, NULL, "SHA-256 failed");
	}
	return 0;
}

int setara__sha256_hex(char out[65], const void *data, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[32];
	unsigned int i;
	int error;

	if ((error = setara__sha256(md, data, len)) < 0)
		return error;
	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
	return 0;
}

int setara__uuid_urn(char out[46])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char r[16];
	struct timespec ts;
	unsigned long long ms;
	char *p = out;
	int i;

	if (RAND_bytes(r, sizeof(r)) != 1)
		return setara_error__set(SETARA_ERROR, SETARA_ERROR_CRYPTO,
			NULL, 0, NULL, "no random bytes for a UUID");
	/*
	 * Version 7 (RFC 9562): the first 48 bits are the Unix time in
	 * milliseconds, the other 74 (after version and variant) random.
	 * Ids made one after another sort together, so the register's index
	 * of ids grows at its end instead of at random pages: with the
	 * store's pragmas (store.c), a batch of 20,000 documents wrote about
	 * a fifth less to the disk (docs/register.md).
	 */
	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return setara_error__os(NULL, "no clock for a UUID");
	ms = (unsigned long long)ts.tv_sec * 1000u +
		(unsigned long long)ts.tv_nsec / 1000000u;
	for (i = 0; i < 6; i++)
		r[i] = (unsigned char)(ms >> (40 - 8 * i));
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x70); /* version 7 */
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80); /* variant 10 */
	memcpy(p, "urn:uuid:", 9);
	p += 9;
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		*p++ = hex[r[i] >> 4];
		*p++ = hex[r[i] & 15];
	}
	*p = '\0';
	return 0;
}
