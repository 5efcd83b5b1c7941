/*
 * Every OpenSSL call of the vc component lives here (as cred keeps its
 * own in cred/ossl.c): the keys of the JCS cryptosuites (Ed25519, ECDSA
 * P-256 and P-384) from PEM or from raw Multikey bytes, the suites'
 * digests, and signatures in the form the proofs carry them: Ed25519's 64
 * bytes (RFC 8032), ECDSA's r || s of fixed size (IEEE P1363), never DER.
 * A P-256 key verifies with its table of multiples once it has verified
 * 256 signatures: the table is cred's (cred_api.h), shared with the XML
 * verifier.
 */
#include <pthread.h>
#include <string.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "vc_int.h"
#include "cred/cred_api.h"

struct setara_vc_key {
	EVP_PKEY *pkey;
	setara_vc_alg alg;
	int can_sign;
	setara_cred__keytable *table; /* P-256 keys only */
};


/* The algorithm of an OpenSSL key, or -1 when it is none of ours. */
static int pkey_alg(EVP_PKEY *k)
{
	char group[64] = "";
	size_t n = 0;

	if (EVP_PKEY_get_id(k) == EVP_PKEY_ED25519)
		return SETARA_VC_ALG_ED25519;
	if (EVP_PKEY_get_id(k) != EVP_PKEY_EC ||
	    EVP_PKEY_get_group_name(k, group, sizeof(group), &n) != 1)
		return -1;
	if (strcmp(group, "prime256v1") == 0 || strcmp(group, "P-256") == 0)
		return SETARA_VC_ALG_P256;
	if (strcmp(group, "secp384r1") == 0 || strcmp(group, "P-384") == 0)
		return SETARA_VC_ALG_P384;
	return -1;
}

/* Wrap @pkey (taken over, freed on failure) into a new key. */
static int wrap(setara_vc_key **out, EVP_PKEY *pkey, int can_sign)
{
	setara_vc_key *key;
	unsigned char pub[65];
	size_t n = 0;
	int alg = pkey_alg(pkey), error;

	if (alg < 0) {
		EVP_PKEY_free(pkey);
		return setara_error__data(NULL, 0, NULL,
			"the key is not Ed25519, P-256 or P-384");
	}
	if ((key = setara__calloc(1, sizeof(*key))) == NULL) {
		EVP_PKEY_free(pkey);
		return SETARA_ENOMEM;
	}
	/* A P-256 key's counter of uses, for its table. */
	if (alg == SETARA_VC_ALG_P256) {
		if (EVP_PKEY_get_octet_string_param(pkey,
		    OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof(pub), &n) != 1)
			error = setara__ossl_error(SETARA_ERROR, NULL,
				"cannot read the public key");
		else
			error = setara_cred__keytable_new(&key->table, pub, n);
		if (error < 0) {
			EVP_PKEY_free(pkey);
			setara__free(key);
			return error;
		}
	}
	key->pkey = pkey;
	key->alg = (setara_vc_alg)alg;
	key->can_sign = can_sign;
	*out = key;
	return 0;
}

/* Never ask for a pass phrase: encrypted keys are refused. */
static int no_passphrase(char *buf, int size, int rwflag, void *u)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)u;
	return -1;
}

int setara_vc_key_from_pem(setara_vc_key **out, const char *pem,
	size_t len)
{
	EVP_PKEY *pkey = NULL;
	X509 *cert = NULL;
	BIO *bio = NULL;
	int can_sign = 0, error;

	SETARA_ASSERT_ARG(out && pem && len < 0x7fffffff);
	*out = NULL;
	/* The PEM label says what the text holds. */
	if ((bio = BIO_new_mem_buf(pem, (int)len)) == NULL)
		return setara__ossl_error(SETARA_ENOMEM, NULL,
			"no memory for a PEM key");
	if (memmem(pem, len, "-----BEGIN CERTIFICATE-----", 27)) {
		if ((cert = PEM_read_bio_X509(bio, NULL, no_passphrase,
			NULL)) != NULL)
			pkey = X509_get_pubkey(cert);
	} else if (memmem(pem, len, "-----BEGIN PUBLIC KEY-----", 26)) {
		pkey = PEM_read_bio_PUBKEY(bio, NULL, no_passphrase, NULL);
	} else {
		pkey = PEM_read_bio_PrivateKey(bio, NULL, no_passphrase,
			NULL);
		can_sign = 1;
	}
	X509_free(cert);
	BIO_free(bio);
	if (pkey == NULL)
		return setara__ossl_error(SETARA_EINVALID, NULL,
			"not a PEM key, public key or certificate");
	ERR_clear_error();
	error = wrap(out, pkey, can_sign);
	return error;
}

int setara_vc_key_load(setara_vc_key **out, const char *path)
{
	setara_buf pem = SETARA_BUF_INIT;
	int error;

	SETARA_ASSERT_ARG(out && path);
	*out = NULL;
	if ((error = setara__read_file(&pem, path, 1024 * 1024)) < 0)
		goto done;
	if ((error = setara_vc_key_from_pem(out, pem.ptr ? pem.ptr : "",
		pem.size)) < 0)
		setara_error__set_file(path);
done:
	if (pem.ptr)
		OPENSSL_cleanse(pem.ptr, pem.size);
	setara_buf_dispose(&pem);
	return error;
}

/* An EC key of @nid from a public point, or a private scalar and the
 * public point computed from it. */
static int ec_from_raw(EVP_PKEY **out, int nid, const char *group_name,
	int secret, const unsigned char *bytes, size_t len)
{
	EVP_PKEY_CTX *ctx = NULL;
	OSSL_PARAM_BLD *bld = NULL;
	OSSL_PARAM *params = NULL;
	EC_GROUP *group = NULL;
	EC_POINT *point = NULL;
	BIGNUM *priv = NULL;
	unsigned char pub[1 + 2 * 48];
	size_t publen = len;
	const unsigned char *pubp = bytes;
	int error = -1;

	*out = NULL;
	if ((group = EC_GROUP_new_by_curve_name(nid)) == NULL) {
		error = setara__ossl_error(SETARA_ERROR, NULL, "no EC group");
		goto done;
	}
	if (secret) {
		/* 0 < d < n, then Q = dG (SEC 1, section 3.2.1). */
		if ((priv = BN_bin2bn(bytes, (int)len, NULL)) == NULL ||
		    (point = EC_POINT_new(group)) == NULL) {
			error = setara__ossl_error(SETARA_ENOMEM, NULL,
				"no memory for a key");
			goto done;
		}
		if (BN_is_zero(priv) ||
		    BN_cmp(priv, EC_GROUP_get0_order(group)) >= 0) {
			error = setara_error__data(NULL, 0, NULL,
				"the private key is out of the curve's range");
			goto done;
		}
		if (EC_POINT_mul(group, point, priv, NULL, NULL, NULL) != 1 ||
		    (publen = EC_POINT_point2oct(group, point,
			POINT_CONVERSION_UNCOMPRESSED, pub, sizeof(pub),
			NULL)) == 0) {
			error = setara__ossl_error(SETARA_ERROR, NULL,
				"cannot derive the public key");
			goto done;
		}
		pubp = pub;
	}
	if ((bld = OSSL_PARAM_BLD_new()) == NULL ||
	    !OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME,
		group_name, 0) ||
	    !OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY,
		pubp, publen) ||
	    (priv && !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY,
		priv)) ||
	    (params = OSSL_PARAM_BLD_to_param(bld)) == NULL ||
	    (ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL)) == NULL ||
	    EVP_PKEY_fromdata_init(ctx) != 1) {
		error = setara__ossl_error(SETARA_ERROR, NULL,
			"cannot build an EC key");
		goto done;
	}
	/* The import checks that the point is on the curve. */
	if (EVP_PKEY_fromdata(ctx, out, secret ? EVP_PKEY_KEYPAIR :
		EVP_PKEY_PUBLIC_KEY, params) != 1) {
		error = setara__ossl_error(SETARA_EINVALID, NULL,
			"not a point of the curve");
		goto done;
	}
	error = 0;
done:
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	EC_POINT_free(point);
	BN_clear_free(priv);
	EC_GROUP_free(group);
	return error;
}

int setara_vc__key_from_raw(setara_vc_key **out, setara_vc_alg alg,
	int secret, const unsigned char *bytes, size_t len)
{
	EVP_PKEY *pkey = NULL;
	int error;

	SETARA_ASSERT_ARG(out && bytes);
	*out = NULL;
	switch (alg) {
	case SETARA_VC_ALG_ED25519:
		SETARA_ASSERT_ARG(len == 32);
		pkey = secret ?
			EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL,
				bytes, len) :
			EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL,
				bytes, len);
		if (pkey == NULL)
			return setara__ossl_error(SETARA_EINVALID, NULL,
				"not an Ed25519 key");
		break;
	case SETARA_VC_ALG_P256:
	case SETARA_VC_ALG_P384:
		if ((error = ec_from_raw(&pkey, alg == SETARA_VC_ALG_P256 ?
			NID_X9_62_prime256v1 : NID_secp384r1,
			alg == SETARA_VC_ALG_P256 ? "P-256" : "P-384", secret,
			bytes, len)) < 0)
			return error;
		break;
	default:
		SETARA_ASSERT_ARG(!"a known algorithm");
	}
	return wrap(out, pkey, secret);
}

int setara_vc__key_public_raw(const setara_vc_key *key,
	unsigned char out[64], size_t *len)
{
	unsigned char pub[1 + 2 * 66];
	size_t n = 0, coord;

	SETARA_ASSERT_ARG(key && out && len);
	*len = 0;
	if (key->alg == SETARA_VC_ALG_ED25519) {
		n = 32;
		if (EVP_PKEY_get_raw_public_key(key->pkey, out, &n) != 1)
			return setara__ossl_error(SETARA_ERROR, NULL,
				"cannot read the public key");
		*len = n;
		return 0;
	}
	if (EVP_PKEY_get_octet_string_param(key->pkey,
		OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof(pub), &n) != 1 || n < 1)
		return setara__ossl_error(SETARA_ERROR, NULL,
			"cannot read the public key");
	coord = key->alg == SETARA_VC_ALG_P256 ? 32 : 48;
	if (pub[0] == 0x04 && n == 1 + 2 * coord) {
		/* SEC 1, 2.3.3: 02 or 03 by the parity of y, then x. */
		out[0] = (unsigned char)(0x02 | (pub[n - 1] & 1));
		memcpy(out + 1, pub + 1, coord);
	} else if ((pub[0] == 0x02 || pub[0] == 0x03) && n == 1 + coord) {
		memcpy(out, pub, n);
	} else {
		return setara_error__set(SETARA_ERROR, SETARA_ERROR_CRYPTO,
			NULL, 0, NULL, "an EC public key of unknown form");
	}
	*len = 1 + coord;
	return 0;
}

setara_vc_alg setara_vc_key_alg(const setara_vc_key *key)
{
	return key ? key->alg : SETARA_VC_ALG_ED25519;
}

int setara_vc_key_can_sign(const setara_vc_key *key)
{
	return key ? key->can_sign : 0;
}

void setara_vc_key_free(setara_vc_key *key)
{
	if (key == NULL)
		return;
	setara_cred__keytable_free(key->table);
	EVP_PKEY_free(key->pkey);
	setara__free(key);
}

/*
 * The suites' digests, fetched from the provider once for the process:
 * EVP_sha256() stands for a name that every digest and every verify
 * would look up again (the built-in one if the fetch fails).
 */
static pthread_once_t md_once = PTHREAD_ONCE_INIT;
static EVP_MD *md_fetched[2];

static void md_fetch(void)
{
	md_fetched[0] = EVP_MD_fetch(NULL, "SHA2-256", NULL);
	md_fetched[1] = EVP_MD_fetch(NULL, "SHA2-384", NULL);
	ERR_clear_error();
}

static const EVP_MD *suite_md(setara_vc_alg alg)
{
	int p384 = alg == SETARA_VC_ALG_P384;

	pthread_once(&md_once, md_fetch);
	if (md_fetched[p384])
		return md_fetched[p384];
	return p384 ? EVP_sha384() : EVP_sha256();
}

int setara_vc__digest(unsigned char out[48], size_t *n, setara_vc_alg alg,
	const void *data, size_t len)
{
	unsigned int m = 0;

	if (EVP_Digest(data, len, out, &m, suite_md(alg), NULL) != 1)
		return setara__ossl_error(SETARA_ERROR, NULL, "digest failed");
	*n = m;
	return 0;
}

size_t setara_vc__sig_size(setara_vc_alg alg)
{
	return alg == SETARA_VC_ALG_P384 ? 96 : 64;
}

int setara_vc__sign(unsigned char sig[96], size_t *n,
	const setara_vc_key *key, const void *data, size_t len)
{
	EVP_MD_CTX *ctx = NULL;
	ECDSA_SIG *es = NULL;
	unsigned char der[160];
	const unsigned char *p = der;
	const BIGNUM *r, *s;
	size_t derlen = sizeof(der), half;
	int error = -1;

	SETARA_ASSERT_ARG(sig && n && key && (data || len == 0));
	*n = 0;
	if (!key->can_sign)
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, NULL, "the key has no private part");
	if ((ctx = EVP_MD_CTX_new()) == NULL) {
		error = setara__ossl_error(SETARA_ENOMEM, NULL,
			"no memory to sign");
		goto done;
	}
	if (key->alg == SETARA_VC_ALG_ED25519) {
		/* Pure Ed25519 over the data: no digest of ours. */
		derlen = 64;
		if (EVP_DigestSignInit(ctx, NULL, NULL, NULL, key->pkey) != 1 ||
		    EVP_DigestSign(ctx, sig, &derlen, data, len) != 1 ||
		    derlen != 64) {
			error = setara__ossl_error(SETARA_ERROR, NULL,
				"Ed25519 signing failed");
			goto done;
		}
		*n = 64;
		error = 0;
		goto done;
	}
	if (EVP_DigestSignInit(ctx, NULL, suite_md(key->alg), NULL,
		key->pkey) != 1 ||
	    EVP_DigestSign(ctx, der, &derlen, data, len) != 1 ||
	    (es = d2i_ECDSA_SIG(NULL, &p, (long)derlen)) == NULL) {
		error = setara__ossl_error(SETARA_ERROR, NULL,
			"ECDSA signing failed");
		goto done;
	}
	/* DER SEQUENCE { r, s } to r || s, each the size of the order. */
	half = setara_vc__sig_size(key->alg) / 2;
	ECDSA_SIG_get0(es, &r, &s);
	if (BN_bn2binpad(r, sig, (int)half) != (int)half ||
	    BN_bn2binpad(s, sig + half, (int)half) != (int)half) {
		error = setara__ossl_error(SETARA_ERROR, NULL,
			"ECDSA signature too large");
		goto done;
	}
	*n = 2 * half;
	error = 0;
done:
	ECDSA_SIG_free(es);
	EVP_MD_CTX_free(ctx);
	return error;
}

/*
 * A P-256 key's table of its multiples is cred's (cred/ossl.c, "a P-256
 * key's table"), shared with the XML verifier: a key has its counter
 * from the start and its table from its 256th verification.
 */
int setara_vc__key_table(const setara_vc_key *key)
{
	return key && key->table ? setara_cred__keytable_build(key->table) :
		-1;
}

int setara_vc__key_table_ready(const setara_vc_key *key)
{
	return key && setara_cred__keytable_ready(key->table);
}

/* ECDSA P-256 of r || s (@sig) over @data with a ready table. */
static int verify_table(const setara_cred__keytable *t, const void *data,
	size_t len, const unsigned char *sig)
{
	unsigned char h[48];
	size_t hn = 0;
	int error;

	if ((error = setara_vc__digest(h, &hn, SETARA_VC_ALG_P256, data,
		len)) < 0)
		return error;
	return setara_cred__keytable_verify(t, h, sig);
}

int setara_vc__verify(const setara_vc_key *key, const void *data,
	size_t len, const unsigned char *sig, size_t siglen)
{
	const setara_cred__keytable *t;

	SETARA_ASSERT_ARG(key && (data || len == 0) && sig);
	if (siglen != setara_vc__sig_size(key->alg))
		return 0;
	if ((t = setara_cred__keytable_use(key->table)) != NULL)
		return verify_table(t, data, len, sig);
	return setara_vc__verify_evp(key, data, len, sig, siglen);
}

int setara_vc__verify_evp(const setara_vc_key *key, const void *data,
	size_t len, const unsigned char *sig, size_t siglen)
{
	EVP_MD_CTX *ctx = NULL;
	ECDSA_SIG *es = NULL;
	BIGNUM *r = NULL, *s = NULL;
	unsigned char *der = NULL;
	size_t half;
	int derlen, ok = 0, error = -1;

	SETARA_ASSERT_ARG(key && (data || len == 0) && sig);
	if (siglen != setara_vc__sig_size(key->alg))
		return 0;
	if ((ctx = EVP_MD_CTX_new()) == NULL) {
		error = setara__ossl_error(SETARA_ENOMEM, NULL,
			"no memory to verify");
		goto done;
	}
	if (key->alg == SETARA_VC_ALG_ED25519) {
		if (EVP_DigestVerifyInit(ctx, NULL, NULL, NULL,
			key->pkey) != 1) {
			error = setara__ossl_error(SETARA_ERROR, NULL,
				"cannot verify with the key");
			goto done;
		}
		ok = EVP_DigestVerify(ctx, sig, siglen, data, len) == 1;
		error = ok;
		goto done;
	}
	/* r || s to DER for OpenSSL. */
	half = siglen / 2;
	if ((r = BN_bin2bn(sig, (int)half, NULL)) == NULL ||
	    (s = BN_bin2bn(sig + half, (int)half, NULL)) == NULL ||
	    (es = ECDSA_SIG_new()) == NULL ||
	    ECDSA_SIG_set0(es, r, s) != 1) {
		error = setara__ossl_error(SETARA_ENOMEM, NULL,
			"no memory to verify");
		goto done;
	}
	r = s = NULL; /* es owns them */
	if ((derlen = i2d_ECDSA_SIG(es, &der)) <= 0 ||
	    EVP_DigestVerifyInit(ctx, NULL, suite_md(key->alg), NULL,
		key->pkey) != 1) {
		error = setara__ossl_error(SETARA_ERROR, NULL,
			"cannot verify with the key");
		goto done;
	}
	ok = EVP_DigestVerify(ctx, der, (size_t)derlen, data, len) == 1;
	error = ok;
done:
	/* A signature that does not verify leaves errors in the queue. */
	ERR_clear_error();
	OPENSSL_free(der);
	BN_free(r);
	BN_free(s);
	ECDSA_SIG_free(es);
	EVP_MD_CTX_free(ctx);
	return error;
}

void setara_vc__cleanse(void *p, size_t n)
{
	if (p)
		OPENSSL_cleanse(p, n);
}

int setara_vc__key_spki(setara_buf *out, const setara_vc_key *key)
{
	unsigned char *der = NULL;
	int n, error;

	if ((n = i2d_PUBKEY(key->pkey, &der)) <= 0)
		return setara__ossl_error(SETARA_ENOMEM, NULL,
			"cannot encode the public key");
	error = setara_buf_put(out, der, (size_t)n);
	OPENSSL_free(der);
	return error;
}

int setara_vc__key_from_spki(setara_vc_key **out, const unsigned char *der,
	size_t len)
{
	const unsigned char *p = der;
	EVP_PKEY *pkey = NULL;

	*out = NULL;
	if (len <= 0x7fffffff)
		pkey = d2i_PUBKEY(NULL, &p, (long)len);
	if (pkey == NULL || p != der + len) {
		EVP_PKEY_free(pkey);
		return setara__ossl_error(SETARA_EINVALID, NULL,
			"not a DER SubjectPublicKeyInfo");
	}
	ERR_clear_error();
	return wrap(out, pkey, 0);
}
