/*
 * The cred component's private interface, shared by its files:
 *
 *   types.c   the document types (type -> schema table) and the header
 *             and claims every check reads
 *   build.c   input records -> unsigned documents
 *   dec.c     exact decimal sums for credits
 *   ossl.c    every OpenSSL call: keys, signing, certificates, chains,
 *             digests, base64, random ids
 *   sign.c    the enveloped signature of our profile (exc-C14N + ossl.c)
 *   c14n.c    exclusive C14N written from the tree (libxml2's bytes;
 *             declines what it leaves to libxml2)
 *   issue.c   build -> validate -> [register] -> sign -> write
 *   trust.c   the trust directory (anchors + trust list), issuer check
 *   status.c  status lists: building, loading, the status check
 *   levels.c  levels against the reference data (consistency check)
 *   verify.c  the verifier: every check, libxmlsec1 locked down
 *   cred_init.c  libxmlsec1 set-up (no I/O callbacks), its errors
 * and, around them, batch.c and publish.c (issuing many records, status
 * lists for the register), render.c and elmo.c (HTML, EMREX ELMO).
 */
#ifndef SETARA_CRED_INT_H
#define SETARA_CRED_INT_H

#include <time.h>
#include <libxml/tree.h>
#include <openssl/types.h>

#include "setara/cred.h"
#include "setara/store.h"
#include "cred_api.h"
#include "util/util.h"

#define SETARA_NS_DSIG "http://www.w3.org/2000/09/xmldsig#"
#define SETARA_ALG_EXC_C14N "http://www.w3.org/2001/10/xml-exc-c14n#"
#define SETARA_ALG_ENVELOPED \
	"http://www.w3.org/2000/09/xmldsig#enveloped-signature"
#define SETARA_ALG_SHA256 "http://www.w3.org/2001/04/xmlenc#sha256"
#define SETARA_ALG_ECDSA_SHA256 \
	"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
#define SETARA_ALG_RSA_SHA256 \
	"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"

/* Most certificates a KeyInfo may carry (signer + chain). */
#define SETARA_CRED_MAX_CERTS 8
/* Seconds a document's issue time may lie ahead of the verifier's clock. */
#define SETARA_CRED_CLOCK_SKEW 300
/* Ceiling on a document to verify or an input record to issue. */
#define SETARA_CRED_MAX_DOC (8u * 1024u * 1024u)
/* The largest Amount of the schemas (999999999.999999), in millionths. */
#define SETARA_CRED_AMOUNT_MAX 999999999999999LL

/* ---- document types (types.c) ------------------------------------------ */

struct setara_cred__type {
	setara_doc_type type;
	const char *name;         /* document element and CLI name */
	const char *schema;       /* embedded XSD of the document */
	const char *record;       /* input record element, NULL: the input
				     is the unsigned document itself */
	const char *record_schema;
	int (*build)(xmlDocPtr *out, xmlDocPtr record, const char *name);
};

/* By document element or CLI name; NULL when unknown. */
const setara_cred__type *setara_cred__type_find(const char *name);

/* The header of a built document; on an error nothing is kept (*out is
 * empty, and disposing it again is harmless). */
int setara_cred__header_read(setara_cred__header *out, xmlDocPtr doc,
	const char *name);

/* ---- building (build.c) ------------------------------------------------ */

int setara_cred__build_transcript(xmlDocPtr *out, xmlDocPtr record,
	const char *name);
int setara_cred__build_certificate(xmlDocPtr *out, xmlDocPtr record,
	const char *name);
/* The sums a transcript's totals must equal (exact decimals). */
typedef struct setara_cred__sums {
	long long credits;   /* counted courses' credits */
	long long converted; /* their converted credits */
	int has_conversion;
	int courses;
	int missing_line;    /* a counted course without converted values */
	int stray_line;      /* converted values without a conversion */
} setara_cred__sums;

int setara_cred__transcript_sums(setara_cred__sums *s, xmlNodePtr root,
	const char *name);
/*
 * Insert <status list= index= purpose=/> into @doc's header at its place
 * (after validUntil/validFrom, after any status entry already there).
 * For the register, between validation and signing.
 */
int setara_cred__add_status(xmlDocPtr doc, const char *list,
	unsigned long long index, int suspension);
/*
 * What is signed is what the file shows: exclusive C14N without comments
 * leaves comments and processing instructions out of the signature, so
 * they go, wherever they are; a CDATA section becomes the text it holds
 * (an empty one goes).  Depth first, without recursion.
 */
int setara_cred__plain_tree(xmlDocPtr doc);
/*
 * Build the document of type @t from its parsed input @in, which this
 * takes (the builders work on it in place), and validate it.  @in has
 * been through setara_cred__plain_tree() (every type, a document given as
 * its own input -- decision, attestation -- too).
 */
int setara_cred__build_doc(xmlDocPtr *out, const setara_cred__type *t,
	xmlDocPtr in, const char *name);
/* The signer's certificate must be valid at the document's issue time. */
int setara_cred__check_signer(const setara_signer *s, xmlDocPtr doc,
	const char *name);
/* Text of a new element child appended with indentation. */
xmlNodePtr setara_cred__append(xmlNodePtr parent, const char *name,
	const char *text, int depth);

/* ---- exact decimals (dec.c) -------------------------------------------- */

/*
 * The second exact-number type, on purpose (docs/conventions.md): the
 * document format of credits on transcripts, which are only summed.  Its
 * parser is the check that a value has at most 12 integer and 6 fraction
 * digits and no sign, and its output is the document's spelling; the
 * fractions of src/util/dec.h are the arithmetic of conversions and
 * rules, which divide.  Merging them would change which totals a
 * transcript accepts.
 */

/* A non-negative decimal with at most 6 fraction digits, as micro-units. */
int setara_cred__dec_parse(long long *out, const char *s);
/* The attribute @attr of @n (NULL: none) read by setara_cred__dec_parse(). */
int setara_cred__dec_attr(long long *out, const xmlNode *n,
	const char *attr);
/* Format micro-units with the fewest fraction digits (at least none). */
void setara_cred__dec_format(char out[32], long long v);

/* ---- OpenSSL (ossl.c) -------------------------------------------------- */

enum { SETARA_CRED_ALG_ECDSA_P256 = 1, SETARA_CRED_ALG_RSA = 2 };

struct setara_signer {
	EVP_PKEY *key;
	X509 *cert;
	int alg;
	char *certs_b64[SETARA_CRED_MAX_CERTS]; /* signer first, then chain */
	size_t ncerts;
	time_t not_before, not_after;
	const setara_trust *trust;   /* issue checks against it; not owned */
};

/* SHA-256 and base64 are util's: setara__sha256(), setara__base64(). */

/* The common name of the signer's certificate into @out; its length, or
 * <= 0 when it has none. */
int setara_cred__signer_cn(const setara_signer *s, char *out, size_t size);
/*
 * The convention of certs/mkpki and docs/trust.md: a signer certificate
 * whose common name is an issuer id is that issuer's and signs for no
 * other.  A data error naming @name (field "issuer", "@what names issuer
 * ...") when it names another than @issuer; 0 otherwise.
 */
int setara_cred__signer_named(const setara_signer *s, const char *issuer,
	const char *name, const char *what);
/* Sign SHA-256(@data): ECDSA as raw r||s (XML-DSig), RSA PKCS#1 v1.5. */
int setara_cred__ossl_sign(setara_buf *sig, const setara_signer *s,
	const void *data, size_t len);

/*
 * Verify a signature value over @data (SHA-256; ECDSA raw r||s, RSA
 * PKCS#1 v1.5): *verdict 1 verifies, 0 does not, -1 a length this does
 * not decide (the caller asks libxmlsec1).  An ECDSA value is checked
 * with @table, @key's ready table, when there is one (NULL: through
 * EVP_DigestVerify()).  Returns 0 or an error.
 */
int setara_cred__ossl_verify(int *verdict, EVP_PKEY *key,
	const setara_cred__keytable *table, int alg,
	const unsigned char *sig, size_t siglen, const void *data,
	size_t len);

/*
 * A verifier's P-256 key tables, by the signer's public key (ossl.c):
 * at most 64 keys counted, each with its table from its 256th use.
 * Thread-safe; an entry stays until the cache is freed.
 */
typedef struct setara_cred__keycache setara_cred__keycache;
int setara_cred__keycache_new(setara_cred__keycache **out);
void setara_cred__keycache_free(setara_cred__keycache *kc);
/* Count a use of the key of point @pub: its table once ready, or NULL
 * (not yet, or no room). */
const setara_cred__keytable *setara_cred__keycache_use(
	setara_cred__keycache *kc, const unsigned char *pub, size_t len);
/* How many of the cache's keys have their table (the tests). */
int setara_cred__keycache_ready(setara_cred__keycache *kc);

/* Certificates read from a document's KeyInfo. */
typedef struct setara_cred__certs {
	X509 *all[SETARA_CRED_MAX_CERTS];
	size_t n;
	X509 *leaf;                  /* borrowed from all[] */
	unsigned char set_sha256[32]; /* identity of the set presented */
	unsigned char leaf_sha256[32];
	char leaf_hex[65];
	int alg;                     /* SETARA_CRED_ALG_* of the leaf key */
	int bits;
	unsigned char pub[65];       /* a P-256 leaf key's point */
	size_t publen;               /* 0 for other keys */
} setara_cred__certs;

/*
 * Parsed certificate sets, remembered by the SHA-256 of their DER bytes
 * (OpenSSL 3 decodes a certificate slowly; a verifier sees the same few
 * issuers again and again).  Thread-safe.
 */
typedef struct setara_cred__certcache setara_cred__certcache;
int setara_cred__certcache_new(setara_cred__certcache **out);
void setara_cred__certcache_free(setara_cred__certcache *cc);

/*
 * Parse DER certificates and find the signer: the certificate that issued
 * none of the others.  Returns 0 with *why NULL, or 0 with *why set to a
 * static reason when the set is unusable (a verdict, not an error).
 * @cache may be NULL.
 */
int setara_cred__certs_parse(setara_cred__certs *c,
	setara_cred__certcache *cache, const setara_buf *der, size_t n,
	const char **why);
void setara_cred__certs_dispose(setara_cred__certs *c);
/* The leaf's public key, borrowed. */
EVP_PKEY *setara_cred__certs_key(const setara_cred__certs *c);
/* 1 when the leaf's key is the DER SubjectPublicKeyInfo @der, else 0. */
int setara_cred__certs_spki_is(const setara_cred__certs *c,
	const unsigned char *der, size_t len);

/* Trust anchors. */
typedef struct setara_cred__anchors setara_cred__anchors;
int setara_cred__anchors_new(setara_cred__anchors **out);
/* Add every certificate of a PEM file; returns how many via @count. */
int setara_cred__anchors_add_file(setara_cred__anchors *a, const char *path,
	int *count);
void setara_cred__anchors_free(setara_cred__anchors *a);
/*
 * Verify @c's chain to an anchor at time @at, with the signer's key
 * usage.  @when names that time in the reason ("signing time").  0 once
 * run; *ok 1 or 0 with @why (a reason) filled.
 */
int setara_cred__anchors_verify(setara_cred__anchors *a,
	const setara_cred__certs *c, time_t at, const char *when, int *ok,
	char *why, size_t whylen);

/* ---- signing (sign.c) -------------------------------------------------- */

/* 1 if @doc holds a ds:Signature element anywhere. */
int setara_cred__has_signature(xmlDocPtr doc);

/* ---- exclusive C14N (c14n.c) ------------------------------------------- */

/*
 * Exclusive C14N 1.0, no comments, no inclusive prefixes, of the document
 * @top (an xmlDocPtr) or of the subtree of the element @top, into @out:
 * 1 written, the bytes libxml2's C14N writes; 0 declined (a tree with
 * something it leaves to libxml2: canonicalise with libxml2); < 0 out of
 * memory.
 */
int setara_cred__c14n(setara_buf *out, xmlNodePtr top);
/* Exclusive C14N (no comments, no inclusive prefixes) of @doc into @out:
 * written from the tree (setara_cred__c14n()), or by libxml2 where that
 * declines; 0 or a negative code. */
int setara_cred__exc_c14n(setara_buf *out, xmlDocPtr doc);

/* ---- issuing (issue.c) ------------------------------------------------- */

/*
 * Sign @doc (built, schema-valid), serialise it and write it to @out_path
 * atomically: the one function where the register plugs in (status index,
 * register row, same transaction as the rename).  See issue.c.
 */
int setara_cred__issue_commit(setara_cred_issued *info, setara_store *st,
	const setara_cred__type *t, xmlDocPtr doc,
	const setara_signer *signer, const char *out_path);

/* ---- trust (trust.c) --------------------------------------------------- */

/* The issuer check against the trust list; fills @status and @reason. */
int setara_cred__trust_issuer(const setara_trust *t,
	const setara_cred__header *h, const setara_cred__certs *c,
	int *status, char **reason);
int setara_cred__trust_anchors_verify(const setara_trust *t,
	const setara_cred__certs *c, time_t at, const char *when, int *ok,
	char *why, size_t whylen);

/* ---- status lists (status.c) ------------------------------------------- */

/*
 * An unsigned statusList document of @nbits entries (>= 131072, a multiple
 * of 8) from @bits; @list_id NULL makes a new urn:uuid; @valid_until is
 * required (a list that never goes stale could be replayed forever).  For
 * 'status publish' (the register) and tests.
 */
int setara_cred__statuslist_build(xmlDocPtr *out, const char *issuer_id,
	const char *country, const char *issuer_name, const char *list_id,
	int suspension, const unsigned char *bits, size_t nbits,
	time_t valid_until);

/*
 * The status lists given to a verifier (a file or a directory): indexed
 * by list id when made, each file parsed once for its id; a list is
 * verified with @v (borrowed, it must outlive the lists) and its bits
 * read the first time a document names it, once.  Thread-safe.
 */
typedef struct setara_cred__lists setara_cred__lists;
int setara_cred__lists_load(setara_cred__lists **out, setara_verifier *v,
	const char *path);
void setara_cred__lists_free(setara_cred__lists *l);
/* How many list files were verified so far (for tests). */
unsigned long setara_cred__lists_loads(setara_cred__lists *l);
/* The status check of one document; fills @status and @reason.  Verifies
 * the document's own lists on first use. */
int setara_cred__status_check(setara_cred__lists *l,
	const setara_cred__header *h, time_t at, int *status, char **reason);

/* ---- what is signed, against the reference data (refcheck.c) ------------ */

typedef struct setara_cred__refcheck setara_cred__refcheck;
/* @st NULL: the issuer check only; @trust NULL: the issuer by the
 * certificate's common name only.  Both borrowed. */
int setara_cred__refcheck_new(setara_cred__refcheck **out, setara_store *st,
	const setara_trust *trust);
void setara_cred__refcheck_free(setara_cred__refcheck *rc);
/* A built, unsigned document that @signer is about to sign: a data error
 * naming file, line and field when anything in it is wrong.  Not
 * thread-safe (one checker per thread). */
int setara_cred__refcheck_doc(setara_cred__refcheck *rc, xmlDocPtr doc,
	const setara_cred__type *t, const setara_signer *signer,
	const char *name);

/* ---- verification (verify.c) ------------------------------------------- */

/* Verify an already parsed document (used for status lists). */
/* How the verifier checks signatures (verify.c): the direct path with
 * libxmlsec1 deciding what it leaves, libxmlsec1 alone, or both on every
 * document with a disagreement an error (the crosscheck option). */
enum { SETARA_CRED__SIG_FAST, SETARA_CRED__SIG_XMLSEC, SETARA_CRED__SIG_BOTH };
void setara_cred__verifier_engine(setara_verifier *v, int engine);
/* How many signers' keys of @v verify with their table (the tests). */
int setara_cred__verifier_tables(setara_verifier *v);

int setara_cred__verify_doc(setara_verdict **out, setara_verifier *v,
	xmlDocPtr doc, const char *name, setara_cred__header *h_out);

/* The last libxmlsec1 error of this thread (cred_init.c). */
const char *setara_cred__xmlsec_error(void);
void setara_cred__xmlsec_error_clear(void);

#endif
