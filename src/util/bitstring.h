/*
 * Status-list bitstrings (W3C Bitstring Status List encoding).
 */
#ifndef SETARA_BITSTRING_H
#define SETARA_BITSTRING_H

#include <stddef.h>

/* Minimum entries of a list (16 KiB of bits), for herd privacy. */
#define SETARA_STATUS_LIST_MIN_ENTRIES 131072u
/* Largest list a verifier accepts, in bytes of bits (16 Mi entries). */
#define SETARA_STATUS_LIST_MAX_BYTES (2u * 1024u * 1024u)

/* 'u' + base64url(gzip(bits)); caller frees *out with setara_free. */
int setara__status_encode(char **out, const unsigned char *bits,
	size_t nbytes);
/*
 * Decode an encodedList of at most @max_bytes of bits; caller frees *out.
 * SETARA_EINVALID (field "encodedList") on anything malformed.
 */
int setara__status_decode(unsigned char **out, size_t *nbytes,
	const char *encoded, size_t max_bytes);
/* Bit @index (0 = left-most bit of byte 0): 0, 1, or -1 out of range. */
int setara__bit_get(const unsigned char *bits, size_t nbytes, size_t index);
void setara__bit_set(unsigned char *bits, size_t index, int value);

#endif
