/*
 * Every OpenSSL call of setara lives here (as xmlsec keeps its own in
 * src/openssl/): loading a signer, signing a digest in the XML-DSig form,
 * reading certificates out of a signature, verifying a chain to the trust
 * anchors at a given time with the signer's key usage, SHA-256, base64 and
 * random identifiers; and the table of a P-256 key that verifies many
 * signatures, for the XML verifier and the vc component alike.
 * Certificate checks return a verdict (ok + reason), not an error.
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
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "cred_int.h"

/* ---- keys --------------------------------------------------------------- */

/* SETARA_CRED_ALG_* of a key, with its size; 0 when not allowed. */
static int key_alg(EVP_PKEY *k, int *bits)
{
	char curve[64];
	size_t n;

	*bits = EVP_PKEY_get_bits(k);
	if (EVP_PKEY_is_a(k, "RSA"))
		return *bits >= 2048 ? SETARA_CRED_ALG_RSA : 0;
	if (EVP_PKEY_is_a(k, "EC") &&
	    EVP_PKEY_get_utf8_string_param(k, "group", curve, sizeof(curve),
	    &n) == 1 && (strcmp(curve, "prime256v1") == 0 ||
	    strcmp(curve, "P-256") == 0))
		return SETARA_CRED_ALG_ECDSA_P256;
	return 0;
}

static int key_usage_ok(X509 *x)
{
	uint32_t ku;

	if (!(X509_get_extension_flags(x) & EXFLAG_KUSAGE))
		return 0;
	ku = X509_get_key_usage(x);
	return (ku & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) != 0;
}

/*
 * Extended key usage, when the certificate has the extension: it must
 * name a purpose that fits signing documents, or any purpose.  NULL when
 * it does, else why not (in @buf).  Accepted: id-kp-documentSigning
 * (RFC 9336), Microsoft's Document Signing, anyExtendedKeyUsage.  Not
 * accepted: serverAuth, clientAuth, emailProtection (S/MIME mail),
 * codeSigning, timeStamping, OCSPSigning and every other purpose: a key
 * certified for a web server or for mail does not sign transcripts.
 */
#define OID_DOCUMENT_SIGNING "1.3.6.1.5.5.7.3.36"
#define OID_MS_DOCUMENT_SIGNING "1.3.6.1.4.1.311.10.3.12"

static const char *eku_refusal(X509 *x, char *buf, size_t len)
{
	EXTENDED_KEY_USAGE *eku;
	ASN1_OBJECT *o;
	size_t used = 0;
	char oid[80], name[80];
	int i, crit = 0, ok = 0;

	if (!(X509_get_extension_flags(x) & EXFLAG_XKUSAGE))
		return NULL;
	if ((eku = X509_get_ext_d2i(x, NID_ext_key_usage, &crit, NULL)) ==
	    NULL) {
		ERR_clear_error();
		snprintf(buf, len, "the extended key usage cannot be read");
		return buf;
	}
	snprintf(buf, len, "the extended key usage (");
	used = strlen(buf);
	for (i = 0; i < sk_ASN1_OBJECT_num(eku); i++) {
		o = sk_ASN1_OBJECT_value(eku, i);
		OBJ_obj2txt(oid, sizeof(oid), o, 1);
		if (OBJ_obj2nid(o) == NID_anyExtendedKeyUsage ||
		    strcmp(oid, OID_DOCUMENT_SIGNING) == 0 ||
		    strcmp(oid, OID_MS_DOCUMENT_SIGNING) == 0)
			ok = 1;
		OBJ_obj2txt(name, sizeof(name), o, 0);
		if (used < len)
			used += (size_t)snprintf(buf + used, len - used,
				"%s%s", i ? ", " : "", name);
	}
	sk_ASN1_OBJECT_pop_free(eku, ASN1_OBJECT_free);
	ERR_clear_error();
	if (ok)
		return NULL;
	if (used < len)
		snprintf(buf + used, len - used, ") does not include document "
			"signing (" OID_DOCUMENT_SIGNING ") or any purpose");
	return buf;
}

static int asn1_time(time_t *out, const ASN1_TIME *t)
{
	struct tm tm;

	if (ASN1_TIME_to_tm(t, &tm) != 1)
		return -1;
	*out = timegm(&tm);
	return 0;
}

static int add_cert_b64(setara_signer *s, X509 *x, const char *file)
{
	unsigned char *der = NULL;
	setara_buf b = SETARA_BUF_INIT;
	int n, error;

	if (s->ncerts == SETARA_CRED_MAX_CERTS)
		return setara_error__data(file, 0, NULL,
			"more than %d certificates", SETARA_CRED_MAX_CERTS);
	if ((n = i2d_X509(x, &der)) <= 0)
		return setara__ossl_error(SETARA_EINVALID, file,
			"bad certificate");
	error = setara__base64(&b, der, (size_t)n, 64);
	OPENSSL_free(der);
	if (error < 0)
		return error;
	s->certs_b64[s->ncerts++] = setara_buf_detach(&b);
	return 0;
}

/* Read every certificate of a PEM file; the first into *first. */
static int read_certs(setara_signer *s, const char *path, X509 **first)
{
	BIO *bio;
	X509 *x;
	int count = 0, error = 0;

	if ((bio = BIO_new_file(path, "r")) == NULL) {
		ERR_clear_error();
		return setara_error__os(path, "cannot open");
	}
	while ((x = PEM_read_bio_X509(bio, NULL, NULL, NULL)) != NULL) {
		error = add_cert_b64(s, x, path);
		if (error == 0 && first && *first == NULL) {
			*first = x;
			x = NULL;
		}
		X509_free(x);
		if (error < 0)
			goto done;
		count++;
	}
	ERR_clear_error();
	if (count == 0)
		error = setara_error__data(path, 0, NULL,
			"no PEM certificate in the file");
done:
	BIO_free(bio);
	return error;
}

int setara_cred_signer_load(setara_signer **out, const char *key_path,
	const char *cert_path, const char *chain_path)
{
	setara_signer *s;
	BIO *bio = NULL;
	const char *why;
	char ekubuf[300];
	int bits, error = -1;

	*out = NULL;
	SETARA_ASSERT_ARG(key_path && cert_path);
	if ((s = setara__calloc(1, sizeof(*s))) == NULL)
		return SETARA_ENOMEM;
	if ((bio = BIO_new_file(key_path, "r")) == NULL) {
		ERR_clear_error();
		error = setara_error__os(key_path, "cannot open");
		goto done;
	}
	if ((s->key = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL)) ==
	    NULL) {
		error = setara__ossl_error(SETARA_EINVALID, key_path,
			"not a PEM private key (or it is encrypted)");
		goto done;
	}
	if ((s->alg = key_alg(s->key, &bits)) == 0) {
		error = setara_error__data(key_path, 0, NULL,
			"the key must be ECDSA P-256 or RSA of at least 2048 "
			"bits (%d bits given)", bits);
		goto done;
	}
	if ((error = read_certs(s, cert_path, &s->cert)) < 0)
		goto done;
	if (chain_path && (error = read_certs(s, chain_path, NULL)) < 0)
		goto done;
	if (X509_check_private_key(s->cert, s->key) != 1) {
		error = setara__ossl_error(SETARA_EINVALID, cert_path,
			"the certificate does not match the key");
		goto done;
	}
	if (!key_usage_ok(s->cert)) {
		error = setara_error__data(cert_path, 0, "keyUsage",
			"the certificate does not allow digitalSignature or "
			"nonRepudiation");
		goto done;
	}
	if ((why = eku_refusal(s->cert, ekubuf, sizeof(ekubuf))) != NULL) {
		error = setara_error__data(cert_path, 0, "extendedKeyUsage",
			"%s", why);
		goto done;
	}
	if (asn1_time(&s->not_before, X509_get0_notBefore(s->cert)) < 0 ||
	    asn1_time(&s->not_after, X509_get0_notAfter(s->cert)) < 0) {
		error = setara_error__data(cert_path, 0, NULL,
			"unreadable validity dates");
		goto done;
	}
	*out = s;
	s = NULL;
	error = 0;
done:
	BIO_free(bio);
	setara_cred_signer_free(s);
	return error;
}

void setara_cred_signer_free(setara_signer *s)
{
	size_t i;

	if (s == NULL)
		return;
	EVP_PKEY_free(s->key);
	X509_free(s->cert);
	for (i = 0; i < s->ncerts; i++)
		setara__free(s->certs_b64[i]);
	setara__free(s);
}

/* DER ECDSA-Sig-Value -> r||s, each left-padded to 32 bytes. */
static int ecdsa_raw(unsigned char raw[64], const unsigned char *der,
	size_t len)
{
	const unsigned char *p = der;
	ECDSA_SIG *sig = d2i_ECDSA_SIG(NULL, &p, (long)len);
	const BIGNUM *r, *s;
	int ok;

	if (sig == NULL)
		return -1;
	ECDSA_SIG_get0(sig, &r, &s);
	ok = BN_bn2binpad(r, raw, 32) == 32 && BN_bn2binpad(s, raw + 32,
		32) == 32;
	ECDSA_SIG_free(sig);
	return ok ? 0 : -1;
}

int setara_cred__signer_cn(const setara_signer *s, char *out, size_t size)
{
	return X509_NAME_get_text_by_NID(X509_get_subject_name(s->cert),
		NID_commonName, out, (int)size);
}

int setara_cred__ossl_sign(setara_buf *sig, const setara_signer *s,
	const void *data, size_t len)
{
	EVP_MD_CTX *md;
	unsigned char der[512];
	size_t n = sizeof(der);
	int error = -1;

	if ((md = EVP_MD_CTX_new()) == NULL)
		return setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
			NULL, 0, NULL, "out of memory");
	if (EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, s->key) != 1 ||
	    EVP_DigestSign(md, NULL, &n, data, len) != 1 ||
	    n > sizeof(der) ||
	    EVP_DigestSign(md, der, &n, data, len) != 1) {
		error = setara__ossl_error(SETARA_ERROR, NULL,
			"signing failed");
		goto done;
	}
	setara_buf_clear(sig);
	if (s->alg == SETARA_CRED_ALG_ECDSA_P256) {
		if ((error = setara_buf_grow(sig, 64)) < 0)
			goto done;
		if (ecdsa_raw((unsigned char *)sig->ptr, der, n) < 0) {
			error = setara_error__set(SETARA_ERROR,
				SETARA_ERROR_CRYPTO, NULL, 0, NULL,
				"bad ECDSA signature");
			goto done;
		}
		sig->size = 64;
	} else if ((error = setara_buf_put(sig, der, n)) < 0) {
		goto done;
	}
	error = 0;
done:
	EVP_MD_CTX_free(md);
	return error;
}

/* ECDSA with the key's table (a P-256 key's table, below). */
static int table_verify(int *verdict, const setara_cred__keytable *t,
	const unsigned char *sig, const void *data, size_t len);

/*
 * Verify an XML-DSig signature value over @data with the signer's @key:
 * ECDSA as raw r||s of 64 bytes (P-256), RSA PKCS#1 v1.5 of the key's
 * size, both with SHA-256.  *verdict is 1 when it verifies, 0 when it
 * does not, and -1 when the value has another length: libxmlsec1 accepts
 * a few shorter forms (r and s without leading zeros), and those are left
 * to it rather than decided here.
 */
int setara_cred__ossl_verify(int *verdict, EVP_PKEY *key,
	const setara_cred__keytable *table, int alg,
	const unsigned char *sig, size_t siglen, const void *data, size_t len)
{
	EVP_MD_CTX *md = NULL;
	ECDSA_SIG *es = NULL;
	BIGNUM *r = NULL, *s = NULL;
	unsigned char *der = NULL;
	const unsigned char *value = sig;
	int n, rc, error = -1;

	*verdict = -1;
	if (alg == SETARA_CRED_ALG_ECDSA_P256) {
		if (siglen != 64)
			return 0;
		if (table)
			return table_verify(verdict, table, sig, data, len);
		if ((es = ECDSA_SIG_new()) == NULL ||
		    (r = BN_bin2bn(sig, 32, NULL)) == NULL ||
		    (s = BN_bin2bn(sig + 32, 32, NULL)) == NULL)
			goto oom;
		if (ECDSA_SIG_set0(es, r, s) != 1)
			goto oom;
		r = s = NULL; /* owned by es */
		if ((n = i2d_ECDSA_SIG(es, &der)) <= 0)
			goto oom;
		value = der;
		siglen = (size_t)n;
	} else if (alg == SETARA_CRED_ALG_RSA) {
		if ((int)siglen != EVP_PKEY_get_size(key))
			return 0;
	} else {
		return 0;
	}
	if ((md = EVP_MD_CTX_new()) == NULL)
		goto oom;
	if (EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL, key) != 1) {
		error = setara__ossl_error(SETARA_ERROR, NULL,
			"EVP_DigestVerifyInit");
		goto done;
	}
	rc = EVP_DigestVerify(md, value, siglen, data, len);
	/* A value that does not verify, or is no signature at all (an r or
	 * s out of range), is a verdict; anything else an error. */
	*verdict = rc == 1;
	ERR_clear_error();
	error = 0;
	goto done;
oom:
	error = setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY, NULL,
		0, NULL, "out of memory");
done:
	EVP_MD_CTX_free(md);
	OPENSSL_free(der);
	BN_free(r);
	BN_free(s);
	ECDSA_SIG_free(es);
	return error;
}

/* ---- a P-256 key's table ----------------------------------------------- */

/*
 * P-256 verification with a table of the public key.
 *
 * An ECDSA verification computes u1 G + u2 Q.  OpenSSL's P-256 code has
 * a fixed table of multiples of the generator G, which makes u1 G cheap,
 * but computes u2 Q from scratch on every call: most of a verification.
 * A key that verifies many signatures (a verifier's signers: the
 * certificates' keys of XML documents, keycache below; the vc
 * component's kept keys, one per verification method the trust list
 * binds) gets the same kind of table for Q: a copy of the curve whose generator is Q, its multiples
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
 * digest: r and s in [1, n-1], e the SHA-256 digest given, w = s^-1,
 * u1 = e w, u2 = r w (mod n), R = u1 G + u2 Q not the point at
 * infinity, and R's x mod n equal to r; tests/unit/check_vc.c holds it
 * to EVP_DigestVerify()'s answer on valid, altered and out-of-range
 * signatures, tests/unit/check_cred.c to libxmlsec1's on signed
 * documents past a key's TABLE_AFTER-th.
 */
#define TABLE_NONE 0
#define TABLE_BUILDING 1
#define TABLE_READY 2
#define TABLE_AFTER 256
#define TABLES_MAX 32

/* A P-256 public key's use count, its table's state, and the curve
 * twice, once with the key as its generator. */
struct setara_cred__keytable {
	unsigned long uses;
	int state;              /* TABLE_NONE, _BUILDING, _READY */
	unsigned char pub[65];  /* the point, compressed or not */
	size_t publen;
	EC_GROUP *curve, *keyed;
};

static int tables_made;

int setara_cred__keytable_new(setara_cred__keytable **out,
	const unsigned char *pub, size_t len)
{
	setara_cred__keytable *t;

	*out = NULL;
	SETARA_ASSERT_ARG(pub && len > 0 && len <= sizeof(t->pub));
	if ((t = setara__calloc(1, sizeof(*t))) == NULL)
		return SETARA_ENOMEM;
	memcpy(t->pub, pub, len);
	t->publen = len;
	*out = t;
	return 0;
}

void setara_cred__keytable_free(setara_cred__keytable *t)
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

int setara_cred__keytable_build(setara_cred__keytable *t)
{
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
	if ((bc = BN_CTX_new()) == NULL ||
	    (curve = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1)) ==
		NULL ||
	    (keyed = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1)) ==
		NULL ||
	    (q = EC_POINT_new(curve)) == NULL ||
	    EC_POINT_oct2point(curve, q, t->pub, t->publen, bc) != 1 ||
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

int setara_cred__keytable_ready(const setara_cred__keytable *t)
{
	return t && __atomic_load_n(&t->state, __ATOMIC_ACQUIRE) ==
		TABLE_READY;
}

const setara_cred__keytable *setara_cred__keytable_use(
	setara_cred__keytable *t)
{
	if (t == NULL)
		return NULL;
	if (__atomic_load_n(&t->state, __ATOMIC_ACQUIRE) == TABLE_READY)
		return t;
	if (__atomic_add_fetch(&t->uses, 1, __ATOMIC_RELAXED) !=
	    TABLE_AFTER || setara_cred__keytable_build(t) < 0)
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

int setara_cred__p256_inverse(unsigned char out[32],
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

int setara_cred__keytable_verify(const setara_cred__keytable *t,
	const unsigned char digest[32], const unsigned char sig[64])
{
	const BIGNUM *order = EC_GROUP_get0_order(t->curve);
	BIGNUM *r, *s, *e, *w, *u1, *u2, *x;
	EC_POINT *p = NULL, *pq = NULL;
	BN_CTX *bc = NULL;
	unsigned char inv[32];
	int error = -1;

	SETARA_ASSERT_ARG(t && t->keyed && digest && sig);
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
	if (setara_cred__p256_inverse(inv, sig + 32) < 0 ||
	    BN_bin2bn(digest, 32, e) == NULL ||
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


/* The XML path's: SHA-256 of @data (SignedInfo), then the table. */
static int table_verify(int *verdict, const setara_cred__keytable *t,
	const unsigned char *sig, const void *data, size_t len)
{
	unsigned char md[32];
	int rc;

	if ((rc = setara__sha256(md, data, len)) < 0 ||
	    (rc = setara_cred__keytable_verify(t, md, sig)) < 0)
		return rc;
	*verdict = rc;
	return 0;
}

/*
 * A verifier's tables, by the signer's public key (the point's bytes as
 * the certificate gives them).  A key is counted from its first
 * signature; entries stay until the verifier goes (a thread may hold one
 * while another looks), so at most KEYCACHE_SIZE keys are counted: a
 * key seen after that verifies through EVP_DigestVerify() only.  An
 * entry without its table is about 100 bytes; the tables themselves are
 * bounded by TABLES_MAX for the process.
 */
#define KEYCACHE_SIZE 64

struct setara_cred__keycache {
	pthread_mutex_t lock;
	setara_cred__keytable *v[KEYCACHE_SIZE];
	size_t n;
};

int setara_cred__keycache_new(setara_cred__keycache **out)
{
	setara_cred__keycache *kc;

	*out = NULL;
	if ((kc = setara__calloc(1, sizeof(*kc))) == NULL)
		return SETARA_ENOMEM;
	pthread_mutex_init(&kc->lock, NULL);
	*out = kc;
	return 0;
}

void setara_cred__keycache_free(setara_cred__keycache *kc)
{
	size_t i;

	if (kc == NULL)
		return;
	for (i = 0; i < kc->n; i++)
		setara_cred__keytable_free(kc->v[i]);
	pthread_mutex_destroy(&kc->lock);
	setara__free(kc);
}

const setara_cred__keytable *setara_cred__keycache_use(
	setara_cred__keycache *kc, const unsigned char *pub, size_t len)
{
	setara_cred__keytable *t = NULL;
	size_t i;

	if (kc == NULL || len == 0 || len > sizeof(t->pub))
		return NULL;
	pthread_mutex_lock(&kc->lock);
	for (i = 0; i < kc->n && t == NULL; i++)
		if (kc->v[i]->publen == len &&
		    memcmp(kc->v[i]->pub, pub, len) == 0)
			t = kc->v[i];
	/* A new key; out of memory, it goes without (a verdict is the
	 * same either way). */
	if (t == NULL && kc->n < KEYCACHE_SIZE &&
	    setara_cred__keytable_new(&t, pub, len) == 0)
		kc->v[kc->n++] = t;
	pthread_mutex_unlock(&kc->lock);
	/* Counted and built outside the lock: the entry stays. */
	return setara_cred__keytable_use(t);
}

int setara_cred__keycache_ready(setara_cred__keycache *kc)
{
	size_t i;
	int n = 0;

	pthread_mutex_lock(&kc->lock);
	for (i = 0; i < kc->n; i++)
		n += setara_cred__keytable_ready(kc->v[i]);
	pthread_mutex_unlock(&kc->lock);
	return n;
}

/* ---- certificates from a signature -------------------------------------- */

#define CERTCACHE_SIZE 256

typedef struct cached_set {
	unsigned char key[32];
	setara_cred__certs c;      /* holds one reference of each X509 */
	const char *why;
} cached_set;

struct setara_cred__certcache {
	pthread_mutex_t lock;
	cached_set v[CERTCACHE_SIZE];
	size_t n, next;
};

int setara_cred__certcache_new(setara_cred__certcache **out)
{
	setara_cred__certcache *cc;

	*out = NULL;
	if ((cc = setara__calloc(1, sizeof(*cc))) == NULL)
		return SETARA_ENOMEM;
	pthread_mutex_init(&cc->lock, NULL);
	*out = cc;
	return 0;
}

void setara_cred__certcache_free(setara_cred__certcache *cc)
{
	size_t i;

	if (cc == NULL)
		return;
	for (i = 0; i < cc->n; i++)
		setara_cred__certs_dispose(&cc->v[i].c);
	pthread_mutex_destroy(&cc->lock);
	setara__free(cc);
}

/* Copy @from into @to, taking a reference to each certificate. */
static void certs_share(setara_cred__certs *to,
	const setara_cred__certs *from)
{
	size_t i;

	*to = *from;
	for (i = 0; i < from->n; i++) {
		X509_up_ref(from->all[i]);
		if (from->leaf == from->all[i])
			to->leaf = to->all[i];
	}
}

static int set_key(unsigned char key[32], const setara_buf *der, size_t n)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char len[8];
	unsigned int mdlen = 32;
	size_t i, k;
	int ok = md && EVP_DigestInit_ex(md, EVP_sha256(), NULL) == 1;

	for (i = 0; ok && i < n; i++) {
		for (k = 0; k < 8; k++)
			len[k] = (unsigned char)(der[i].size >> (8 * k));
		ok = EVP_DigestUpdate(md, len, 8) == 1 &&
			EVP_DigestUpdate(md, der[i].ptr, der[i].size) == 1;
	}
	ok = ok && EVP_DigestFinal_ex(md, key, &mdlen) == 1;
	EVP_MD_CTX_free(md);
	return ok ? 0 : setara__ossl_error(SETARA_ERROR, NULL,
		"SHA-256 failed");
}

static int parse(setara_cred__certs *c, const setara_buf *der, size_t n,
	const char **why)
{
	const unsigned char *p;
	unsigned char *d = NULL;
	size_t i, j;
	X509 *leaf = NULL;
	int issued, len, error;

	if (n == 0 || n > SETARA_CRED_MAX_CERTS) {
		*why = n ? "too many certificates in X509Data" :
			"no certificate in X509Data";
		return 0;
	}
	for (i = 0; i < n; i++) {
		p = (const unsigned char *)der[i].ptr;
		c->all[i] = d2i_X509(NULL, &p, (long)der[i].size);
		if (c->all[i] == NULL ||
		    p != (const unsigned char *)der[i].ptr + der[i].size) {
			ERR_clear_error();
			*why = "an X509Certificate is not a DER certificate";
			c->n = i + (c->all[i] != NULL);
			return 0;
		}
		c->n = i + 1;
	}
	/* The signer is the certificate that issued none of the others;
	 * when several qualify, the first in document order. */
	for (i = 0; i < n && leaf == NULL; i++) {
		issued = 0;
		for (j = 0; j < n && !issued; j++)
			if (j != i && X509_check_issued(c->all[i],
			    c->all[j]) == X509_V_OK)
				issued = 1;
		if (!issued)
			leaf = c->all[i];
	}
	if (leaf == NULL) {
		*why = "cannot tell the signer's certificate in X509Data";
		return 0;
	}
	c->leaf = leaf;
	c->alg = key_alg(X509_get0_pubkey(leaf), &c->bits);
	/* The point's bytes, by which a verifier keeps the key's table. */
	if (c->alg == SETARA_CRED_ALG_ECDSA_P256 &&
	    EVP_PKEY_get_octet_string_param(X509_get0_pubkey(leaf),
		OSSL_PKEY_PARAM_PUB_KEY, c->pub, sizeof(c->pub),
		&c->publen) != 1) {
		ERR_clear_error();
		c->publen = 0;
	}
	if ((len = i2d_X509(leaf, &d)) <= 0) {
		ERR_clear_error();
		*why = "unreadable signer certificate";
		return 0;
	}
	error = setara__sha256(c->leaf_sha256, d, (size_t)len);
	OPENSSL_free(d);
	if (error < 0)
		return error;
	for (i = 0; i < 32; i++)
		snprintf(c->leaf_hex + 2 * i, 3, "%02x", c->leaf_sha256[i]);
	return 0;
}

int setara_cred__certs_parse(setara_cred__certs *c,
	setara_cred__certcache *cc, const setara_buf *der, size_t n,
	const char **why)
{
	unsigned char key[32];
	cached_set *e;
	size_t i;
	int error;

	memset(c, 0, sizeof(*c));
	*why = NULL;
	if ((error = set_key(key, der, n)) < 0)
		return error;
	if (cc) {
		pthread_mutex_lock(&cc->lock);
		for (i = 0; i < cc->n; i++)
			if (memcmp(cc->v[i].key, key, 32) == 0) {
				certs_share(c, &cc->v[i].c);
				*why = cc->v[i].why;
				pthread_mutex_unlock(&cc->lock);
				return 0;
			}
		pthread_mutex_unlock(&cc->lock);
	}
	if ((error = parse(c, der, n, why)) < 0)
		return error;
	memcpy(c->set_sha256, key, 32);
	if (cc) {
		pthread_mutex_lock(&cc->lock);
		e = &cc->v[cc->next];
		if (cc->n == CERTCACHE_SIZE)
			setara_cred__certs_dispose(&e->c);
		else
			cc->n++;
		cc->next = (cc->next + 1) % CERTCACHE_SIZE;
		memcpy(e->key, key, 32);
		certs_share(&e->c, c);
		e->why = *why;
		pthread_mutex_unlock(&cc->lock);
	}
	return 0;
}

void setara_cred__certs_dispose(setara_cred__certs *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		X509_free(c->all[i]);
	memset(c, 0, sizeof(*c));
}

EVP_PKEY *setara_cred__certs_key(const setara_cred__certs *c)
{
	return c->leaf ? X509_get0_pubkey(c->leaf) : NULL;
}

int setara_cred__certs_spki_is(const setara_cred__certs *c,
	const unsigned char *der, size_t len)
{
	EVP_PKEY *k = setara_cred__certs_key(c);
	unsigned char *mine = NULL;
	int n, same;

	if (k == NULL || (n = i2d_PUBKEY(k, &mine)) <= 0) {
		ERR_clear_error();
		return 0;
	}
	same = (size_t)n == len && memcmp(mine, der, len) == 0;
	OPENSSL_free(mine);
	return same;
}

/* ---- trust anchors ------------------------------------------------------ */

/*
 * A chain verified once: the window in which every certificate of it is
 * valid, and what the reason says.  Key usage and the CA flag do not
 * depend on time, the rest of the verification only on the window.
 */
typedef struct verified_chain {
	unsigned char key[32];
	time_t not_before, not_after;
	int length;
	char anchor[128];
	int nonrep;
} verified_chain;

#define CHAIN_CACHE_SIZE 256

struct setara_cred__anchors {
	X509_STORE *store;
	int count;
	pthread_mutex_t lock;
	verified_chain cache[CHAIN_CACHE_SIZE];
	size_t n, next;
};

int setara_cred__anchors_new(setara_cred__anchors **out)
{
	setara_cred__anchors *a;

	*out = NULL;
	if ((a = setara__calloc(1, sizeof(*a))) == NULL)
		return SETARA_ENOMEM;
	if ((a->store = X509_STORE_new()) == NULL) {
		setara__free(a);
		return setara__ossl_error(SETARA_ENOMEM, NULL,
			"X509_STORE_new");
	}
	pthread_mutex_init(&a->lock, NULL);
	*out = a;
	return 0;
}

int setara_cred__anchors_add_file(setara_cred__anchors *a, const char *path,
	int *count)
{
	BIO *bio;
	X509 *x;
	int error = 0;

	*count = 0;
	if ((bio = BIO_new_file(path, "r")) == NULL) {
		ERR_clear_error();
		return setara_error__os(path, "cannot open");
	}
	while ((x = PEM_read_bio_X509(bio, NULL, NULL, NULL)) != NULL) {
		if (X509_STORE_add_cert(a->store, x) != 1)
			ERR_clear_error();
		X509_free(x);
		(*count)++;
	}
	ERR_clear_error();
	if (*count == 0)
		error = setara_error__data(path, 0, NULL,
			"no PEM certificate in the file");
	a->count += *count;
	BIO_free(bio);
	return error;
}

void setara_cred__anchors_free(setara_cred__anchors *a)
{
	if (a == NULL)
		return;
	X509_STORE_free(a->store);
	pthread_mutex_destroy(&a->lock);
	setara__free(a);
}

static void fmt_time(char out[21], const ASN1_TIME *t)
{
	time_t tt;

	if (asn1_time(&tt, t) < 0)
		snprintf(out, 21, "(unreadable)");
	else
		setara__time_format(out, tt);
}

static void chain_reason(char *why, size_t whylen, const verified_chain *vc,
	time_t at, const char *when)
{
	char t[21];

	setara__time_format(t, at);
	snprintf(why, whylen, "chain of %d to anchor '%s', valid at %s %s, "
		"key usage digitalSignature%s", vc->length, vc->anchor, when,
		t, vc->nonrep ? ", nonRepudiation" : "");
}

/* Remember a verified chain (its certificates' common validity). */
static void remember(setara_cred__anchors *a, const setara_cred__certs *c,
	X509_STORE_CTX *ctx, verified_chain *vc)
{
	STACK_OF(X509) *chain = X509_STORE_CTX_get0_chain(ctx);
	X509 *x;
	time_t nb, na;
	int i;

	memcpy(vc->key, c->set_sha256, 32);
	vc->length = sk_X509_num(chain);
	vc->not_before = 0;
	vc->not_after = (time_t)0x7fffffffffffLL;
	for (i = 0; i < vc->length; i++) {
		x = sk_X509_value(chain, i);
		if (asn1_time(&nb, X509_get0_notBefore(x)) < 0 ||
		    asn1_time(&na, X509_get0_notAfter(x)) < 0)
			return; /* not cached; verified each time */
		if (nb > vc->not_before)
			vc->not_before = nb;
		if (na < vc->not_after)
			vc->not_after = na;
	}
	x = sk_X509_value(chain, vc->length - 1);
	vc->anchor[0] = '\0';
	X509_NAME_get_text_by_NID(X509_get_subject_name(x), NID_commonName,
		vc->anchor, sizeof(vc->anchor));
	ERR_clear_error();
	vc->nonrep = (X509_get_key_usage(c->leaf) & KU_NON_REPUDIATION) != 0;
	pthread_mutex_lock(&a->lock);
	a->cache[a->next] = *vc;
	if (a->n < CHAIN_CACHE_SIZE)
		a->n++;
	a->next = (a->next + 1) % CHAIN_CACHE_SIZE;
	pthread_mutex_unlock(&a->lock);
}

int setara_cred__anchors_verify(setara_cred__anchors *a,
	const setara_cred__certs *c, time_t at, const char *when, int *ok,
	char *why, size_t whylen)
{
	X509_STORE_CTX *ctx = NULL;
	STACK_OF(X509) *untrusted = NULL;
	X509_VERIFY_PARAM *param;
	verified_chain vc;
	X509 *bad;
	char t1[21], t2[21], t3[21], ekubuf[300];
	size_t i;
	int rc, hit = 0, depth, error = -1;

	*ok = 0;
	snprintf(why, whylen, "not checked");
	/* A chain verified before, and the signing time in its window. */
	pthread_mutex_lock(&a->lock);
	for (i = 0; i < a->n && !hit; i++)
		if (memcmp(a->cache[i].key, c->set_sha256, 32) == 0) {
			vc = a->cache[i];
			hit = at >= vc.not_before && at <= vc.not_after;
		}
	pthread_mutex_unlock(&a->lock);
	if (hit) {
		chain_reason(why, whylen, &vc, at, when);
		*ok = 1;
		return 0;
	}
	if ((ctx = X509_STORE_CTX_new()) == NULL ||
	    (untrusted = sk_X509_new_null()) == NULL) {
		error = setara__ossl_error(SETARA_ENOMEM, NULL,
			"out of memory");
		goto done;
	}
	for (i = 0; i < c->n; i++)
		if (c->all[i] != c->leaf &&
		    !sk_X509_push(untrusted, c->all[i])) {
			error = setara__ossl_error(SETARA_ENOMEM, NULL,
				"out of memory");
			goto done;
		}
	if (X509_STORE_CTX_init(ctx, a->store, c->leaf, untrusted) != 1) {
		error = setara__ossl_error(SETARA_ERROR, NULL,
			"X509_STORE_CTX_init");
		goto done;
	}
	param = X509_STORE_CTX_get0_param(ctx);
	X509_VERIFY_PARAM_set_time(param, at);
	X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_X509_STRICT);
	X509_VERIFY_PARAM_set_depth(param, 6);
	rc = X509_verify_cert(ctx);
	ERR_clear_error();
	setara__time_format(t3, at);
	if (rc != 1) {
		int e = X509_STORE_CTX_get_error(ctx);

		depth = X509_STORE_CTX_get_error_depth(ctx);
		bad = X509_STORE_CTX_get_current_cert(ctx);
		if (bad && (e == X509_V_ERR_CERT_HAS_EXPIRED ||
		    e == X509_V_ERR_CERT_NOT_YET_VALID)) {
			fmt_time(t1, X509_get0_notBefore(bad));
			fmt_time(t2, X509_get0_notAfter(bad));
			snprintf(why, whylen, "%s certificate %s at %s %s "
				"(valid %s to %s)",
				depth == 0 ? "signer" : "issuing CA",
				e == X509_V_ERR_CERT_HAS_EXPIRED ?
				"had expired" : "was not yet valid", when, t3,
				t1, t2);
		} else {
			snprintf(why, whylen, "%s certificate: %s",
				depth == 0 ? "signer" : "chain",
				X509_verify_cert_error_string(e));
		}
		error = 0;
		goto done;
	}
	if (X509_check_ca(c->leaf)) {
		snprintf(why, whylen, "the signer certificate is a CA "
			"certificate");
		error = 0;
		goto done;
	}
	if (!key_usage_ok(c->leaf)) {
		snprintf(why, whylen, "the signer certificate's key usage "
			"allows neither digitalSignature nor nonRepudiation");
		error = 0;
		goto done;
	}
	if (eku_refusal(c->leaf, ekubuf, sizeof(ekubuf)) != NULL) {
		snprintf(why, whylen, "the signer certificate's %s", ekubuf);
		error = 0;
		goto done;
	}
	memset(&vc, 0, sizeof(vc));
	remember(a, c, ctx, &vc);
	chain_reason(why, whylen, &vc, at, when);
	*ok = 1;
	error = 0;
done:
	sk_X509_free(untrusted);
	X509_STORE_CTX_free(ctx);
	return error;
}
