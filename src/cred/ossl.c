/*
 * Every OpenSSL call of setara lives here (as xmlsec keeps its own in
 * src/openssl/): loading a signer, signing a digest in the XML-DSig form,
 * reading certificates out of a signature, verifying a chain to the trust
 * anchors at a given time with the signer's key usage, SHA-256, base64 and
 * random identifiers.  Certificate checks return a verdict (ok + reason),
 * not an error.
 */
#include <pthread.h>
#include <string.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
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

/*
 * Verify an XML-DSig signature value over @data with the signer's @key:
 * ECDSA as raw r||s of 64 bytes (P-256), RSA PKCS#1 v1.5 of the key's
 * size, both with SHA-256.  *verdict is 1 when it verifies, 0 when it
 * does not, and -1 when the value has another length: libxmlsec1 accepts
 * a few shorter forms (r and s without leading zeros), and those are left
 * to it rather than decided here.
 */
int setara_cred__ossl_verify(int *verdict, EVP_PKEY *key, int alg,
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
