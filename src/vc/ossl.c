/*
 * Every OpenSSL call of the vc component lives here (as cred keeps its
 * own in cred/ossl.c): the keys of the JCS cryptosuites (Ed25519, ECDSA
 * P-256 and P-384) from PEM or from raw Multikey bytes, the suites'
 * digests, and signatures in the form the proofs carry them: Ed25519's 64
 * bytes (RFC 8032), ECDSA's r || s of fixed size (IEEE P1363), never DER.
 */
#include <pthread.h>
#include <stdint.h>
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

/* A P-256 public key's table (below): its use count, its state, and the
 * curve twice, once with the key as its generator. */
typedef struct key_table {
	unsigned long uses;
	int state;              /* TABLE_NONE, _BUILDING, _READY */
	EC_GROUP *curve, *keyed;
} key_table;

struct setara_vc_key {
	EVP_PKEY *pkey;
	setara_vc_alg alg;
	int can_sign;
	key_table *table;       /* P-256 keys only */
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

static void table_free(key_table *t);

/* Wrap @pkey (taken over, freed on failure) into a new key. */
static int wrap(setara_vc_key **out, EVP_PKEY *pkey, int can_sign)
{
	setara_vc_key *key;
	int alg = pkey_alg(pkey);

	if (alg < 0) {
		EVP_PKEY_free(pkey);
		return setara_error__data(NULL, 0, NULL,
			"the key is not Ed25519, P-256 or P-384");
	}
	if ((key = setara__calloc(1, sizeof(*key))) == NULL) {
		EVP_PKEY_free(pkey);
		return SETARA_ENOMEM;
	}
	if (alg == SETARA_VC_ALG_P256 && (key->table = setara__calloc(1,
	    sizeof(*key->table))) == NULL) {
		EVP_PKEY_free(pkey);
		setara__free(key);
		return SETARA_ENOMEM;
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
	table_free(key->table);
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
 * P-256 verification with a table of the public key.
 *
 * An ECDSA verification computes u1 G + u2 Q.  OpenSSL's P-256 code has
 * a fixed table of multiples of the generator G, which makes u1 G cheap,
 * but computes u2 Q from scratch on every call: most of a verification.
 * A key that verifies many signatures (the verifier's kept keys: one per
 * verification method the trust list binds) gets the same kind of table
 * for Q: a copy of the curve whose generator is Q, its multiples
 * precomputed by OpenSSL (about 150 KB, about 20 ms of CPU once), and
 * then u2 Q is a generator multiplication of that copy: with the
 * inverse and the comparison of x below, a verification takes about a
 * third of EVP_DigestVerify()'s time.
 *
 * The table is built on a key's TABLE_AFTER-th verification, so that a
 * key used a few times never pays for it, and a key used more has
 * spent about as much before the table as the table costs; at most
 * TABLES_MAX keys of the process have one.  Until a key's table is
 * ready (another thread may be building it), its signatures go through
 * EVP_DigestVerify() as before.  The verification with the table is
 * SEC 1 (version 2), section 4.1.4, on the same r || s and the same
 * digest: r and s in [1, n-1], e the SHA-256 of the data, w = s^-1,
 * u1 = e w, u2 = r w (mod n), R = u1 G + u2 Q not the point at
 * infinity, and R's x mod n equal to r; tests/unit/check_vc.c holds it
 * to EVP_DigestVerify()'s answer on valid, altered and out-of-range
 * signatures.
 */
#define TABLE_NONE 0
#define TABLE_BUILDING 1
#define TABLE_READY 2
#define TABLE_AFTER 256
#define TABLES_MAX 32

static int tables_made;

static void table_free(key_table *t)
{
	if (t == NULL)
		return;
	if (t->keyed)
		__atomic_fetch_sub(&tables_made, 1, __ATOMIC_SEQ_CST);
	EC_GROUP_free(t->keyed);
	EC_GROUP_free(t->curve);
	setara__free(t);
}

/* The multiples of @g's generator (EC_GROUP_precompute_mult(), which
 * OpenSSL 3 marks deprecated but keeps; not built without it). */
static int precompute(EC_GROUP *g, BN_CTX *bc)
{
#ifndef OPENSSL_NO_DEPRECATED_3_0
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
	return EC_GROUP_precompute_mult(g, bc) == 1 ? 0 : -1;
#pragma GCC diagnostic pop
#else
	(void)g;
	(void)bc;
	return -1;
#endif
}

/* Build @key's table now; 0 when it is ready (for the tests and the
 * bench). */
int setara_vc__key_table(const setara_vc_key *key)
{
	key_table *t = key ? key->table : NULL;
	unsigned char pub[65];
	size_t n = 0;
	EC_GROUP *curve = NULL, *keyed = NULL;
	EC_POINT *q = NULL;
	BN_CTX *bc = NULL;
	int expected = TABLE_NONE, error = -1;

	if (t == NULL)
		return -1;
	if (!__atomic_compare_exchange_n(&t->state, &expected,
	    TABLE_BUILDING, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return expected == TABLE_READY ? 0 : -1;
	if (__atomic_add_fetch(&tables_made, 1, __ATOMIC_SEQ_CST) >
	    TABLES_MAX) {
		__atomic_fetch_sub(&tables_made, 1, __ATOMIC_SEQ_CST);
		return -1; /* stays "building": never tried again */
	}
	if (EVP_PKEY_get_octet_string_param(key->pkey,
		OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof(pub), &n) != 1 ||
	    (bc = BN_CTX_new()) == NULL ||
	    (curve = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1)) ==
		NULL ||
	    (keyed = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1)) ==
		NULL ||
	    (q = EC_POINT_new(curve)) == NULL ||
	    EC_POINT_oct2point(curve, q, pub, n, bc) != 1 ||
	    EC_POINT_is_at_infinity(curve, q) ||
	    EC_GROUP_set_generator(keyed, q, EC_GROUP_get0_order(curve),
		EC_GROUP_get0_cofactor(curve)) != 1 ||
	    precompute(keyed, bc) < 0) {
		__atomic_fetch_sub(&tables_made, 1, __ATOMIC_SEQ_CST);
		EC_GROUP_free(keyed);
		EC_GROUP_free(curve);
		ERR_clear_error();
		goto done;
	}
	t->curve = curve;
	t->keyed = keyed;
	__atomic_store_n(&t->state, TABLE_READY, __ATOMIC_RELEASE);
	error = 0;
done:
	EC_POINT_free(q);
	BN_CTX_free(bc);
	return error;
}

int setara_vc__key_table_ready(const setara_vc_key *key)
{
	return key && key->table && __atomic_load_n(&key->table->state,
		__ATOMIC_ACQUIRE) == TABLE_READY;
}

/* @key's table when it is ready; counts the use, and builds the table
 * on the TABLE_AFTER-th. */
static const key_table *table_of(const setara_vc_key *key)
{
	key_table *t = key->table;

	if (t == NULL)
		return NULL;
	if (__atomic_load_n(&t->state, __ATOMIC_ACQUIRE) == TABLE_READY)
		return t;
	if (__atomic_add_fetch(&t->uses, 1, __ATOMIC_RELAXED) !=
	    TABLE_AFTER || setara_vc__key_table(key) < 0)
		return NULL;
	return t;
}

/*
 * s^-1 mod n for the order n of P-256 (prime), by the binary algorithm
 * (Hankerson, Menezes, Vanstone, "Guide to Elliptic Curve Cryptography",
 * algorithm 2.22) on 64-bit limbs, little-endian: about three times as
 * fast as BN_mod_inverse().  s is public (a signature's), so the time
 * may depend on it.  x1 s = u and x2 s = v (mod n) all along, each x
 * below n.
 */
static const uint64_t p256_n[4] = {
	0xf3b9cac2fc632551ULL, 0xbce6faada7179e84ULL,
	0xffffffffffffffffULL, 0xffffffff00000000ULL
};

/* r = a + b, the carry out. */
static uint64_t add4(uint64_t r[4], const uint64_t a[4],
	const uint64_t b[4])
{
	unsigned __int128 c = 0;
	int i;

	for (i = 0; i < 4; i++) {
		c += (unsigned __int128)a[i] + b[i];
		r[i] = (uint64_t)c;
		c >>= 64;
	}
	return (uint64_t)c;
}

/* r = a - b, the borrow out. */
static uint64_t sub4(uint64_t r[4], const uint64_t a[4],
	const uint64_t b[4])
{
	uint64_t borrow = 0, d;
	int i;

	for (i = 0; i < 4; i++) {
		d = a[i] - b[i] - borrow;
		borrow = a[i] < b[i] || (a[i] == b[i] && borrow);
		r[i] = d;
	}
	return borrow;
}

static int geq4(const uint64_t a[4], const uint64_t b[4])
{
	int i;

	for (i = 3; i >= 0; i--)
		if (a[i] != b[i])
			return a[i] > b[i];
	return 1;
}

static int is_one4(const uint64_t a[4])
{
	return a[0] == 1 && (a[1] | a[2] | a[3]) == 0;
}

/* a >>= k, 0 < k < 64. */
static void shr4(uint64_t a[4], int k)
{
	int i;

	for (i = 0; i < 3; i++)
		a[i] = a[i] >> k | a[i + 1] << (64 - k);
	a[3] >>= k;
}

/* -n^-1 mod 2^64 (Newton: each step doubles the bits that are right). */
static uint64_t neg_inv64(uint64_t n)
{
	uint64_t inv = 1;
	int i;

	for (i = 0; i < 6; i++)
		inv *= 2 - n * inv;
	return 0 - inv;
}

/*
 * u even: u shifted right until odd, and x divided by 2 as many times
 * modulo n: k bits at once as (x + m n) / 2^k, m = x (-n^-1) mod 2^k the
 * multiple of n that clears x's low k bits (x + m n < 2^257: five limbs).
 */
static void make_odd(uint64_t u[4], uint64_t x[4], uint64_t ninv)
{
	unsigned __int128 c;
	uint64_t m, hi;
	int k, i;

	while (!(u[0] & 1)) {
		k = u[0] ? __builtin_ctzll(u[0]) : 63;
		shr4(u, k);
		m = x[0] * ninv & (((uint64_t)1 << k) - 1);
		c = 0;
		for (i = 0; i < 4; i++) {
			c += (unsigned __int128)m * p256_n[i] + x[i];
			x[i] = (uint64_t)c;
			c >>= 64;
		}
		hi = (uint64_t)c;
		shr4(x, k);
		x[3] |= hi << (64 - k);
	}
}

int setara_vc__p256_inverse(unsigned char out[32],
	const unsigned char in[32])
{
	uint64_t u[4], v[4], x1[4] = { 1, 0, 0, 0 }, x2[4] = { 0, 0, 0, 0 };
	uint64_t ninv = neg_inv64(p256_n[0]);
	int i, k;

	for (i = 0; i < 4; i++)
		for (u[i] = 0, k = 0; k < 8; k++)
			u[i] |= (uint64_t)in[31 - 8 * i - k] << (8 * k);
	if ((u[0] | u[1] | u[2] | u[3]) == 0 || geq4(u, p256_n))
		return -1;
	memcpy(v, p256_n, sizeof(v));
	/* u and v odd; the one made smaller becomes even, then odd again */
	make_odd(u, x1, ninv);
	while (!is_one4(u) && !is_one4(v)) {
		if (geq4(u, v)) {
			sub4(u, u, v);
			if (sub4(x1, x1, x2))
				add4(x1, x1, p256_n);
			make_odd(u, x1, ninv);
		} else {
			sub4(v, v, u);
			if (sub4(x2, x2, x1))
				add4(x2, x2, p256_n);
			make_odd(v, x2, ninv);
		}
	}
	if (!is_one4(u))
		memcpy(x1, x2, sizeof(x1));
	for (i = 0; i < 4; i++)
		for (k = 0; k < 8; k++)
			out[31 - 8 * i - k] = (unsigned char)(x1[i] >> (8 * k));
	return 0;
}

/*
 * 1 when the x of @p (not at infinity) is @r modulo the order n, 0 when
 * not, -1 on failure; @x a scratch number.  x < p < 2n, so x mod n = r
 * when x is r or r + n.  With Jacobian coordinates, x = X / Z^2: X = r Z^2
 * (mod p) or X = (r + n) Z^2 when r + n < p, without the inversion of Z
 * that the affine x would take.
 */
static int x_is(const EC_GROUP *g, const EC_POINT *p, const BIGNUM *r,
	BIGNUM *x, BN_CTX *bc)
{
#ifndef OPENSSL_NO_DEPRECATED_3_0
	const BIGNUM *prime = EC_GROUP_get0_field(g);
	BIGNUM *jx, *z, *t;
	int ok = -1;

	BN_CTX_start(bc);
	jx = BN_CTX_get(bc);
	z = BN_CTX_get(bc);
	if ((t = BN_CTX_get(bc)) == NULL || prime == NULL ||
	    EC_POINT_get_Jprojective_coordinates_GFp(g, p, jx, NULL, z,
		bc) != 1 ||
	    BN_mod_sqr(z, z, prime, bc) != 1 ||
	    BN_mod_mul(t, r, z, prime, bc) != 1)
		goto done;
	ok = BN_cmp(t, jx) == 0;
	if (!ok) {
		/* r + n, when below p */
		if (BN_add(x, r, EC_GROUP_get0_order(g)) != 1)
			ok = -1;
		else if (BN_cmp(x, prime) < 0)
			ok = BN_mod_mul(t, x, z, prime, bc) != 1 ? -1 :
				BN_cmp(t, jx) == 0;
	}
done:
	BN_CTX_end(bc);
	return ok;
#else
	if (EC_POINT_get_affine_coordinates(g, p, x, NULL, bc) != 1 ||
	    BN_nnmod(x, x, EC_GROUP_get0_order(g), bc) != 1)
		return -1;
	return BN_cmp(x, r) == 0;
#endif
}

/* ECDSA P-256 verification of r || s (@sig, 64 bytes) over @data with
 * @t (SEC 1, 4.1.4): 1 valid, 0 not, < 0 on failure. */
static int verify_table(const key_table *t, const void *data, size_t len,
	const unsigned char *sig)
{
	const BIGNUM *order = EC_GROUP_get0_order(t->curve);
	BIGNUM *r, *s, *e, *w, *u1, *u2, *x;
	EC_POINT *p = NULL, *pq = NULL;
	BN_CTX *bc = NULL;
	unsigned char h[48], inv[32];
	size_t hn = 0;
	int error = -1;

	if ((bc = BN_CTX_new()) == NULL)
		return setara__ossl_error(SETARA_ENOMEM, NULL,
			"no memory to verify");
	BN_CTX_start(bc);
	r = BN_CTX_get(bc);
	s = BN_CTX_get(bc);
	e = BN_CTX_get(bc);
	w = BN_CTX_get(bc);
	u1 = BN_CTX_get(bc);
	u2 = BN_CTX_get(bc);
	if ((x = BN_CTX_get(bc)) == NULL ||
	    BN_bin2bn(sig, 32, r) == NULL || BN_bin2bn(sig + 32, 32, s) ==
		NULL) {
		error = setara__ossl_error(SETARA_ENOMEM, NULL,
			"no memory to verify");
		goto done;
	}
	if (BN_is_zero(r) || BN_is_zero(s) || BN_cmp(r, order) >= 0 ||
	    BN_cmp(s, order) >= 0) {
		error = 0;
		goto done;
	}
	if (setara_vc__digest(h, &hn, SETARA_VC_ALG_P256, data, len) < 0)
		goto done;
	if (setara_vc__p256_inverse(inv, sig + 32) < 0 ||
	    BN_bin2bn(h, (int)hn, e) == NULL ||
	    BN_bin2bn(inv, 32, w) == NULL ||
	    BN_mod_mul(u1, e, w, order, bc) != 1 ||
	    BN_mod_mul(u2, r, w, order, bc) != 1 ||
	    (p = EC_POINT_new(t->curve)) == NULL ||
	    (pq = EC_POINT_new(t->keyed)) == NULL ||
	    EC_POINT_mul(t->curve, p, u1, NULL, NULL, bc) != 1 ||
	    EC_POINT_mul(t->keyed, pq, u2, NULL, NULL, bc) != 1 ||
	    EC_POINT_add(t->curve, p, p, pq, bc) != 1) {
		error = setara__ossl_error(SETARA_ERROR, NULL,
			"cannot verify with the key");
		goto done;
	}
	if (EC_POINT_is_at_infinity(t->curve, p)) {
		error = 0;
		goto done;
	}
	if ((error = x_is(t->curve, p, r, x, bc)) < 0)
		error = setara__ossl_error(SETARA_ERROR, NULL,
			"cannot verify with the key");
done:
	EC_POINT_free(pq);
	EC_POINT_free(p);
	BN_CTX_end(bc);
	BN_CTX_free(bc);
	return error;
}

int setara_vc__verify(const setara_vc_key *key, const void *data,
	size_t len, const unsigned char *sig, size_t siglen)
{
	const key_table *t;

	SETARA_ASSERT_ARG(key && (data || len == 0) && sig);
	if (siglen != setara_vc__sig_size(key->alg))
		return 0;
	if ((t = table_of(key)) != NULL)
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
