/*
 * The vc component's private header: the JSON loader and writers, the
 * encodings, the OpenSSL layer and the proof's intermediate values, shared
 * by the files of src/vc/ and reached by the unit tests.  Other components include
 * setara/vc.h only.
 */
#ifndef SETARA_VC_INT_H
#define SETARA_VC_INT_H

#include <time.h>
#include <jansson.h>
#include <libxml/tree.h>

#include "setara/vc.h"
#include "util/util.h"

/* ---- JSON (vc/jsonload.c, vc/jcs.c) ----------------------------------- */

/*
 * Parse untrusted JSON: the SETARA_VC_JSON_MAX_* limits are checked over
 * the bytes first, then jansson decodes with duplicate member names
 * refused, NUL characters refused and every number read as a double (as
 * RFC 8785 and I-JSON, RFC 7493, require).  @name (a file name, or NULL)
 * goes into the error.  Free the result with json_decref().
 */
int setara_vc__json_load(json_t **out, const char *data, size_t len,
	const char *name);

/*
 * The loader's fast reader (vc/jsonfast.c): 0 and *out the tree that
 * json_loadb() builds with the loader's flags, or 1 when it declines the
 * text (anything jansson would refuse, and a few rare things it reads),
 * leaving it to jansson.  It declines what is nested deeper than
 * SETARA_VC_JSON_MAX_DEPTH; the size limit is the loader's.
 */
int setara_vc__json_parse_fast(json_t **out, const char *data, size_t len);

/*
 * The verifier's tree (vc/jsonfast.c): one compact, read-only tree of a
 * JSON text in an arena, built by the fast reader in one pass (no
 * allocation per value).  Members keep their order; strings are
 * NUL-terminated (no NUL inside: the loader refuses \u0000); numbers
 * are doubles, as the loader reads them.
 */
typedef enum setara_vc__jtype {
	SETARA_VC__JNULL,
	SETARA_VC__JFALSE,
	SETARA_VC__JTRUE,
	SETARA_VC__JNUMBER,
	SETARA_VC__JSTRING,
	SETARA_VC__JARRAY,
	SETARA_VC__JOBJECT
} setara_vc__jtype;

typedef struct setara_vc__jv setara_vc__jv;
typedef struct setara_vc__jm setara_vc__jm;

struct setara_vc__jv {
	unsigned char type;  /* setara_vc__jtype */
	unsigned char plain; /* a string JCS writes as it is (no byte to
				escape) */
	size_t n;            /* bytes, items or members */
	union {
		const char *s;
		double d;
		const setara_vc__jv *items;
		const setara_vc__jm *members;
	} u;
};

struct setara_vc__jm {
	const char *key;
	size_t len;
	unsigned char plain; /* the name as the string's plain */
	setara_vc__jv v;
};

/* A loaded tree: its arena, and the jansson tree it borrows strings
 * from when it was made from one. */
typedef struct setara_vc__jdoc {
	void *arena;
	json_t *owner;
	const setara_vc__jv *root;
} setara_vc__jdoc;

#define SETARA_VC__JDOC_INIT { NULL, NULL, NULL }

/*
 * setara_vc__json_load() as the verifier's tree: the same limits, the
 * same refusals and messages (what the fast reader declines, jansson
 * reads or refuses), the same values.  Dispose of @d even on failure.
 */
int setara_vc__jdoc_load(setara_vc__jdoc *d, const char *data, size_t len,
	const char *name);
/* The verifier's tree of a jansson tree @v (borrowed: it must outlive
 * @d, unchanged). */
int setara_vc__jdoc_from_json(setara_vc__jdoc *d, const json_t *v);
void setara_vc__jdoc_dispose(setara_vc__jdoc *d);

/*
 * The fast reader into @d (vc/jsonfast.c): 0, or 1 when it declines
 * (setara_vc__json_parse_fast() below); @d is disposed of then.
 */
int setara_vc__jparse_fast(setara_vc__jdoc *d, const char *data,
	size_t len);
/* @n bytes (aligned for any value) from @d's arena, freed with it;
 * setara_vc__jreserve(): the first chunk of @n bytes, when @d has none. */
void *setara_vc__jalloc(setara_vc__jdoc *d, size_t n);
int setara_vc__jreserve(setara_vc__jdoc *d, size_t n);
/* The jansson tree of @v (a new reference), or NULL out of memory. */
json_t *setara_vc__jto_json(const setara_vc__jv *v);

/* Reading the tree, as jansson's functions of the same names: NULL, 0
 * or 0.0 for a value of another type (or NULL). */
const setara_vc__jv *setara_vc__jget(const setara_vc__jv *o,
	const char *key);
const char *setara_vc__jstr(const setara_vc__jv *v);
size_t setara_vc__jsize(const setara_vc__jv *v);
const setara_vc__jv *setara_vc__jat(const setara_vc__jv *a, size_t i);
double setara_vc__jnum(const setara_vc__jv *v);
int setara_vc__jequal(const setara_vc__jv *a, const setara_vc__jv *b);

#define SETARA_VC__JIS(v, t) ((v) != NULL && (v)->type == (t))
#define setara_vc__jis_object(v) SETARA_VC__JIS(v, SETARA_VC__JOBJECT)
#define setara_vc__jis_array(v) SETARA_VC__JIS(v, SETARA_VC__JARRAY)
#define setara_vc__jis_string(v) SETARA_VC__JIS(v, SETARA_VC__JSTRING)
#define setara_vc__jis_number(v) SETARA_VC__JIS(v, SETARA_VC__JNUMBER)
#define setara_vc__jis_true(v) SETARA_VC__JIS(v, SETARA_VC__JTRUE)
#define setara_vc__jis_false(v) SETARA_VC__JIS(v, SETARA_VC__JFALSE)
#define setara_vc__jis_null(v) SETARA_VC__JIS(v, SETARA_VC__JNULL)
#define setara_vc__jis_boolean(v) \
	(setara_vc__jis_true(v) || setara_vc__jis_false(v))

/* Every member of object @o (none when @o is no object): @i a size_t,
 * @k the name, @val the value. */
#define setara_vc__jforeach(o, i, k, val) \
	for ((i) = 0; setara_vc__jis_object(o) && (i) < (o)->n && \
	    ((k) = (o)->u.members[i].key, (val) = &(o)->u.members[i].v, 1); \
	    (i)++)
/* Every item of array @a (none when @a is no array). */
#define setara_vc__jarray_foreach(a, i, val) \
	for ((i) = 0; setara_vc__jis_array(a) && (i) < (a)->n && \
	    ((val) = &(a)->u.items[i], 1); (i)++)

/* The canonical form of @v (RFC 8785), appended to @out. */
int setara_vc__jcs(setara_buf *out, const json_t *v);
/*
 * The canonical form of object @o with member @skip left out (NULL:
 * none) and the value of member @swap_key, when @o has it, written as
 * @swap (vc/proof.c: the document without its proof, under the proof's
 * @context).
 */
int setara_vc__jcs_tree(setara_buf *out, const setara_vc__jv *o,
	const char *skip, const char *swap_key, const setara_vc__jv *swap);

/*
 * @v written with its members in their order, numbers and strings as JCS
 * writes them; @pretty: two-space indentation and a final newline.
 */
int setara_vc__json_write(setara_buf *out, const json_t *v, int pretty);

/*
 * A double as ECMAScript's Number.prototype.toString() writes it
 * (ECMA-262, Number::toString; RFC 8785 section 3.2.2.3).  @out holds at
 * least 32 bytes.  Returns SETARA_EINVALID for NaN and infinities.
 */
#define SETARA_VC__NUMBER_MAX 32
int setara_vc__number(char out[SETARA_VC__NUMBER_MAX], double d);

/*
 * A dateTime member of @obj (xsd:dateTime: a date alone is not one; vc/
 * proof.c): 1 absent, 0 well-formed (*t set), -1 malformed.
 */
int setara_vc__json_time(const setara_vc__jv *obj, const char *name,
	time_t *t);

/* ---- encodings (vc/multibase.c) ---------------------------------------- */

int setara_vc__base58_encode(setara_buf *out, const unsigned char *data,
	size_t len);
int setara_vc__base58_decode(setara_buf *out, const char *s, size_t len);
int setara_vc__base64url_decode(setara_buf *out, const char *s,
	size_t len);

/* ---- Multikey (vc/multikey.c) ------------------------------------------ */

/* What a Multikey value holds: the algorithm, public or secret, the raw
 * bytes (32-byte Ed25519 key, compressed point or private scalar). */
typedef struct setara_vc__multikey {
	setara_vc_alg alg;
	int secret;
	unsigned char bytes[64];
	size_t len;
} setara_vc__multikey;

int setara_vc__multikey_decode(setara_vc__multikey *out,
	const char *multibase);
int setara_vc__multikey_encode(setara_buf *out,
	const setara_vc__multikey *mk);

/* ---- OpenSSL (vc/ossl.c: every OpenSSL call of the component) -------- */

/* A key from raw bytes: a public key (Ed25519 32 bytes, or a compressed
 * or uncompressed point) or a private key (the public part derived). */
int setara_vc__key_from_raw(setara_vc_key **out, setara_vc_alg alg,
	int secret, const unsigned char *bytes, size_t len);
/* The public key as raw bytes: Ed25519's 32, or the compressed point. */
int setara_vc__key_public_raw(const setara_vc_key *key,
	unsigned char out[64], size_t *len);
/* The digest of the key's suite: SHA-256, or SHA-384 for P-384; @out
 * holds 48 bytes, *n gets 32 or 48. */
int setara_vc__digest(unsigned char out[48], size_t *n, setara_vc_alg alg,
	const void *data, size_t len);
/* The size of a signature of the key's algorithm in bytes (64 or 96). */
size_t setara_vc__sig_size(setara_vc_alg alg);
/* Sign @data: Ed25519 (pure), or ECDSA with the suite's digest as r || s
 * (IEEE P1363).  @sig holds 96 bytes, *n gets the size. */
int setara_vc__sign(unsigned char sig[96], size_t *n,
	const setara_vc_key *key, const void *data, size_t len);
/* 1 when the signature verifies, 0 when not, < 0 on failure.  A P-256
 * key used many times verifies with a table of its multiples (ossl.c). */
int setara_vc__verify(const setara_vc_key *key, const void *data,
	size_t len, const unsigned char *sig, size_t siglen);
/* The same through EVP_DigestVerify() only (what the table's answers are
 * tested against). */
int setara_vc__verify_evp(const setara_vc_key *key, const void *data,
	size_t len, const unsigned char *sig, size_t siglen);
/* Build a P-256 public key's table now (else on its 256th verification):
 * 0 when it is ready, -1 when the key has none (not P-256, or the
 * process's limit of tables reached). */
int setara_vc__key_table(const setara_vc_key *key);
/* 1 when @key's table is built and in use. */
int setara_vc__key_table_ready(const setara_vc_key *key);

/* Overwrite secret bytes so that the compiler keeps the writes. */
void setara_vc__cleanse(void *p, size_t n);

/* ---- proofs (vc/proof.c) ----------------------------------------------- */

/* Every intermediate value of a proof (the specs' names), for tests. */
typedef struct setara_vc__proof_data {
	setara_buf canon_doc;     /* transformedData */
	setara_buf canon_config;  /* canonicalProofConfig */
	unsigned char hash_data[96]; /* proofConfigHash || documentHash */
	size_t hash_len;
	unsigned char sig[96];    /* proofBytes */
	size_t sig_len;
} setara_vc__proof_data;

void setara_vc__proof_data_dispose(setara_vc__proof_data *d);

/*
 * The hash data of a proof: @doc without its proof, @config the proof
 * options with any proofValue removed and the @context already in place.
 */
int setara_vc__proof_hash(setara_vc__proof_data *d, const json_t *doc,
	const json_t *config, setara_vc_alg alg);

/* setara_vc_proof_create() with its intermediates in @d (NULL: none). */
int setara_vc__proof_create(setara_buf *out, setara_vc__proof_data *d,
	const char *json, size_t len, const setara_vc_key *key,
	const setara_vc_proof_options *opts);

/*
 * setara_vc_proof_create() of a document already in memory (an object,
 * not changed): what it writes is what setara_vc_proof_create() writes
 * of @doc's text (the ordered writer's output reads back as the same
 * tree).  The issuing step (vc/issue.c) so skips writing and reading the
 * credential once more.
 */
int setara_vc__proof_create_doc(setara_buf *out, const json_t *doc,
	const setara_vc_key *key, const setara_vc_proof_options *opts);

/* setara_vc_proof_verify() on a document already loaded (an object):
 * the verifier's tree, read once. */
int setara_vc__proof_verify_tree(setara_vc_proof_result *r,
	const setara_vc__jv *doc, const setara_vc_verify_options *opts);

/* ---- status lists (vc/statuslist.c) ----------------------------------- */

/*
 * setara_vc_status_check() on a credential already loaded (the verifier's
 * tree): its credentialStatus, issuer and validFrom.
 */
int setara_vc__status_check(setara_vc_status_result *out,
	const setara_vc_status_lists *lists, const setara_vc__jv *credential,
	long long at);

/* ---- credentials (vc/map.c, vc/issue.c, vc/check.c) -------------------- */

/* The contexts setara's credentials use, in this order; each is a shipped
 * file pinned by its SHA-256 (vc/contexts.c), never fetched. */
#define SETARA_VC_CONTEXT_V2 "https://www.w3.org/ns/credentials/v2"
#define SETARA_VC_CONTEXT_CLR \
	"https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
#define SETARA_VC_CONTEXT_OB \
	"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
#define SETARA_VC_CONTEXT_SETARA "urn:setara:context:vc:1"

/* The credential types of setara's own context (contexts/setara-vc-1.jsonld):
 * a credit-transfer decision, an MRS attestation. */
#define SETARA_VC_TYPE_DECISION "SetaraTransferDecisionCredential"
#define SETARA_VC_TYPE_ATTESTATION "SetaraSkillsRecognitionCredential"


/* ---- contexts (vc/contexts.c) and well-formedness (vc/wellformed.c) -- */

/* A context setara knows: its URL, its file under contexts/ and the
 * SHA-256 (hex) of that file; file and digest NULL for a context known
 * by its URL only (no copy could be sourced: contexts/README.md). */
typedef struct setara_vc__context {
	const char *url;
	const char *file;
	const char *sha256;
} setara_vc__context;

/* The table, ended by a NULL url; the entry of @url, or NULL. */
const setara_vc__context *setara_vc__context_table(void);
const setara_vc__context *setara_vc__context_find(const char *url);

/*
 * The "@context" object of a shipped context, from the library's
 * compiled-in copy once its bytes matched the pin; NULL when the
 * context is not shipped or its copy differs from the pin.  Borrowed,
 * valid for the life of the process.
 */
const json_t *setara_vc__context_doc(const setara_vc__context *c);

/*
 * The meaning a verifier can read (vc/check.c, the profile check): every
 * @context entry of a well-formed credential (setara_vc__wellformed_doc()
 * first) a URL of the table.  Returns 0, or 1 with the reason in @why.
 */
int setara_vc__contexts_profile(char *why, size_t n,
	const setara_vc__jv *doc);

/*
 * VC 2.0 well-formedness of a loaded credential (setara_vc_wellformed()):
 * 0 well-formed, 1 not (@out's rule and reason set), SETARA_ENOMEM.
 */
int setara_vc__wellformed_doc(setara_vc_wellformed_result *out,
	const json_t *doc, unsigned flags);
int setara_vc__wellformed_tree(setara_vc_wellformed_result *out,
	const setara_vc__jv *doc, unsigned flags);

/*
 * The profile check's reading of a credential beyond its proof: VC 2.0
 * well-formedness, then setara's contexts.  0, 1 with the reason in
 * @why, or SETARA_ENOMEM.
 */
int setara_vc__profile_meaning(char *why, size_t n, const json_t *doc);
int setara_vc__profile_meaning_tree(char *why, size_t n,
	const setara_vc__jv *doc);

/* A built setara document (transcript, certificate, decision,
 * attestation) as an unsecured credential (docs/vc.md). */
int setara_vc__from_doc(json_t **out, xmlDocPtr doc, const char *name);

/* The key's DER SubjectPublicKeyInfo (appended), and a public key from
 * one. */
int setara_vc__key_spki(setara_buf *out, const setara_vc_key *key);
int setara_vc__key_from_spki(setara_vc_key **out, const unsigned char *der,
	size_t len);

/*
 * The verification method id setara gives a key of issuer @issuer_id:
 * "urn:setara:issuer:ID#key-" and the SHA-256 (hex) of its DER
 * SubjectPublicKeyInfo; certs/mkpki writes the same ids into the trust
 * list.  Caller frees *out.
 */
int setara_vc__method_id(char **out, const char *issuer_id,
	const setara_vc_key *key);

/*
 * A built document (its register status entries added, if any) as a
 * secured credential (vc/issue.c): the credential (map.c), its proof by
 * @key with the method id above and the document's issue time as
 * created; the secured text appended to @out, *vc the unsecured
 * credential (caller json_decref()s it).  The issuing step without the
 * checks, the register and the file (bench/bench_cred.c times it so).
 */
int setara_vc__secure_doc(setara_buf *out, json_t **vc, xmlDocPtr doc,
	const setara_vc_key *key, const char *name);

/*
 * The status check of a credential @doc (vc/check.c): from the
 * BitstringStatusListCredential files of the verifier's status path when
 * it has one, else from the local register that issued it; *status is a
 * setara_check_status, @reason allocated.
 */
struct setara_cred__header;
int setara_vc__cred_status(setara_verifier *vf,
	const struct setara_cred__header *h, const setara_vc__jv *doc,
	int *status, char **reason);

#endif
