/*
 * Content hashes (SHA-256) of data files and documents.
 */
#include <openssl/evp.h>

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
