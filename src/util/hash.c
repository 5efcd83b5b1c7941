/*
 * Content hashes (SHA-256) of data files and documents.
 */
#include <string.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "util.h"

int setara__sha256_hex(char out[65], const void *data, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	if (!EVP_Digest(data, len, md, &n, EVP_sha256(), NULL) || n != 32)
		return setara_error__set(SETARA_ERROR, SETARA_ERROR_CRYPTO,
			NULL, 0, NULL, "SHA-256 failed");
	for (i = 0; i < n; i++) {
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
	char *p = out;
	int i;

	if (RAND_bytes(r, sizeof(r)) != 1)
		return setara_error__set(SETARA_ERROR, SETARA_ERROR_CRYPTO,
			NULL, 0, NULL, "no random bytes for a UUID");
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x40); /* version 4 */
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80); /* RFC 4122 variant */
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
