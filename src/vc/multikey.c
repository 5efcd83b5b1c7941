/*
 * Multikey (W3C Controlled Identifiers 1.0, "Multikey"): a key as a
 * multibase base58btc string of a multicodec header and the key's bytes.
 * The headers are the unsigned varints of the multicodec table's codes:
 *
 *   ed25519-pub 0xed   -> ed 01 + 32 bytes
 *   p256-pub    0x1200 -> 80 24 + 33 bytes (compressed point)
 *   p384-pub    0x1201 -> 81 24 + 49 bytes (compressed point)
 *   ed25519-priv 0x1300 -> 80 26 + 32 bytes
 *   p256-priv   0x1306 -> 86 26 + 32 bytes
 *   p384-priv   0x1307 -> 87 26 + 48 bytes
 */
#include <string.h>

#include "vc_int.h"

static const struct codec {
	unsigned char h[2];
	setara_vc_alg alg;
	int secret;
	size_t len;
	const char *name;
} codecs[] = {
	{ { 0xed, 0x01 }, SETARA_VC_ALG_ED25519, 0, 32, "Ed25519 public" },
	{ { 0x80, 0x24 }, SETARA_VC_ALG_P256, 0, 33, "P-256 public" },
	{ { 0x81, 0x24 }, SETARA_VC_ALG_P384, 0, 49, "P-384 public" },
	{ { 0x80, 0x26 }, SETARA_VC_ALG_ED25519, 1, 32, "Ed25519 secret" },
	{ { 0x86, 0x26 }, SETARA_VC_ALG_P256, 1, 32, "P-256 secret" },
	{ { 0x87, 0x26 }, SETARA_VC_ALG_P384, 1, 48, "P-384 secret" },
};

int setara_vc__multikey_decode(setara_vc__multikey *out,
	const char *multibase)
{
	setara_buf raw = SETARA_BUF_INIT;
	const unsigned char *b;
	size_t i;
	int error = -1;

	SETARA_ASSERT_ARG(out && multibase);
	memset(out, 0, sizeof(*out));
	if (multibase[0] != SETARA_VC_MULTIBASE_BASE58BTC) {
		error = setara_error__data(NULL, 0, NULL,
			"a Multikey is multibase base58btc ('z...')");
		goto done;
	}
	if ((error = setara_vc_multibase_decode(&raw, multibase,
		strlen(multibase))) < 0)
		goto done;
	b = (const unsigned char *)raw.ptr;
	for (i = 0; i < sizeof(codecs) / sizeof(codecs[0]); i++) {
		if (raw.size < 2 || memcmp(b, codecs[i].h, 2) != 0)
			continue;
		if (raw.size - 2 != codecs[i].len) {
			error = setara_error__data(NULL, 0, NULL,
				"a %s Multikey of %zu bytes instead of %zu",
				codecs[i].name, raw.size - 2, codecs[i].len);
			goto done;
		}
		out->alg = codecs[i].alg;
		out->secret = codecs[i].secret;
		out->len = codecs[i].len;
		memcpy(out->bytes, b + 2, out->len);
		error = 0;
		goto done;
	}
	error = setara_error__data(NULL, 0, NULL,
		"not an Ed25519, P-256 or P-384 Multikey");
done:
	setara_vc__cleanse(raw.ptr, raw.size);
	setara_buf_dispose(&raw);
	return error;
}

int setara_vc__multikey_encode(setara_buf *out,
	const setara_vc__multikey *mk)
{
	unsigned char raw[2 + sizeof(mk->bytes)];
	size_t i;

	SETARA_ASSERT_ARG(out && mk);
	for (i = 0; i < sizeof(codecs) / sizeof(codecs[0]); i++) {
		if (codecs[i].alg != mk->alg || codecs[i].secret != mk->secret)
			continue;
		SETARA_ASSERT_ARG(mk->len == codecs[i].len);
		memcpy(raw, codecs[i].h, 2);
		memcpy(raw + 2, mk->bytes, mk->len);
		return setara_vc_multibase_encode(out,
			SETARA_VC_MULTIBASE_BASE58BTC, raw, 2 + mk->len);
	}
	return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE, NULL, 0,
		NULL, "no Multikey header for this key");
}

int setara_vc_key_from_multikey(setara_vc_key **out, const char *multibase)
{
	setara_vc__multikey mk;
	int error;

	SETARA_ASSERT_ARG(out);
	*out = NULL;
	if ((error = setara_vc__multikey_decode(&mk, multibase)) < 0)
		return error;
	error = setara_vc__key_from_raw(out, mk.alg, mk.secret, mk.bytes,
		mk.len);
	/* Secret bytes do not linger on the stack. */
	setara_vc__cleanse(&mk, sizeof(mk));
	return error;
}

int setara_vc_key_multikey(setara_buf *out, const setara_vc_key *key)
{
	setara_vc__multikey mk;
	int error;

	SETARA_ASSERT_ARG(out && key);
	memset(&mk, 0, sizeof(mk));
	mk.alg = setara_vc_key_alg(key);
	if ((error = setara_vc__key_public_raw(key, mk.bytes, &mk.len)) < 0)
		return error;
	return setara_vc__multikey_encode(out, &mk);
}
