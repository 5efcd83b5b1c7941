/*
 * setara: the vc component -- W3C Verifiable Credentials with Data
 * Integrity proofs of the JCS cryptosuites.
 *
 * This is the foundation the VC documents build on (docs/vc.md):
 *   - a hostile-input JSON loader (size, depth, duplicate keys, invalid
 *     UTF-8, NUL characters, numbers out of range all refused);
 *   - the JSON Canonicalization Scheme, RFC 8785 (setara_vc_jcs());
 *   - multibase (base58btc "z", base64url "u") and Multikey encodings;
 *   - keys (Ed25519, ECDSA P-256 and P-384) from PEM or Multikey;
 *   - Data Integrity proofs of the cryptosuites eddsa-jcs-2022 and
 *     ecdsa-jcs-2019: setara_vc_proof_create(), setara_vc_proof_verify();
 *   - W3C Bitstring Status List v1.0: BitstringStatusListCredentials
 *     written, read and published from the register
 *     (setara_vc_status_publish()), and a credential's status from the
 *     lists a verifier was given (setara_vc_status_check()).
 *
 * No JSON-LD processing is done and no context is ever fetched: the JCS
 * cryptosuites sign the JSON text's canonical form, not an RDF graph.
 *
 * A verdict is not an error: setara_vc_proof_verify() returns 0 once it
 * has run and says in its result whether the proof verified.  Keys are
 * immutable once made and may be shared by threads, and so are opened
 * status lists (setara_vc_status_lists); everything else belongs to the
 * calling thread.
 */
#ifndef SETARA_VC_H
#define SETARA_VC_H

#include "common.h"
#include "buf.h"

#include "store.h"
#include "cred.h"

SETARA_BEGIN_DECL

/* ---- JSON input and JCS ---------------------------------------------- */

/**
 * Limits on any JSON the vc component reads, checked over the raw bytes
 * before the parser builds anything: at most SETARA_VC_JSON_MAX_SIZE bytes
 * and SETARA_VC_JSON_MAX_DEPTH arrays and objects open at once.  A
 * credential of setara nests about ten deep (a transcript's courses with
 * their results and alignments); 64 leaves room while keeping the
 * parser's recursion small.  At most SETARA_VC_JSON_MAX_VALUES values
 * (each member's value and array element, and the text itself): the
 * tree of 16 MiB of "[{},{},...]" would take over a gigabyte, a service
 * reading many at once far more; a 47-course transcript has about 1,200
 * values, so 262,144 leaves room for two hundred times that.
 */
#define SETARA_VC_JSON_MAX_SIZE (16u * 1024u * 1024u)
#define SETARA_VC_JSON_MAX_DEPTH 64
#define SETARA_VC_JSON_MAX_VALUES 262144u

/**
 * The canonical form of a JSON text (RFC 8785, JSON Canonicalization
 * Scheme): members sorted by the UTF-16 code units of their names, no
 * whitespace, strings escaped as ECMAScript's JSON.stringify() does and
 * numbers written as ECMAScript's Number.prototype.toString().
 *
 * The input is refused when it is not one well-formed JSON value (RFC
 * 8259) in UTF-8, or when it breaks the limits above, repeats a member
 * name in an object, holds a NUL character (\u0000) or a lone surrogate,
 * or a number out of the range of IEEE 754 double precision.
 *
 * @param[out] out receives the canonical bytes (appended); the caller
 *         disposes of it with setara_buf_dispose().
 * @param json the JSON text, @p len bytes (no NUL needed).
 * @return 0, SETARA_EINVALID (the reason in setara_error_last()) or
 *         SETARA_ENOMEM.
 */
SETARA_EXTERN(int) setara_vc_jcs(setara_buf *out, const char *json,
	size_t len);

/* ---- multibase --------------------------------------------------------- */

/** Multibase prefixes setara reads and writes. */
#define SETARA_VC_MULTIBASE_BASE58BTC 'z'
#define SETARA_VC_MULTIBASE_BASE64URL 'u'

/**
 * Encode @p len bytes as a multibase string: 'z' (base58btc, Bitcoin's
 * alphabet) or 'u' (base64url without padding).
 *
 * @param[out] out receives the string (appended, NUL-terminated).
 * @return 0, SETARA_EUSAGE (another base) or SETARA_ENOMEM.
 */
SETARA_EXTERN(int) setara_vc_multibase_encode(setara_buf *out, char base,
	const void *data, size_t len);

/**
 * Decode a multibase string of @p len characters ('z' or 'u').  Every
 * character must belong to the base's alphabet (no whitespace, no
 * padding); base64url's unused trailing bits must be zero.
 *
 * @param[out] out receives the bytes (appended; out->size counts them,
 *         they may contain NUL).
 * @return 0, SETARA_EINVALID or SETARA_ENOMEM.
 */
SETARA_EXTERN(int) setara_vc_multibase_decode(setara_buf *out,
	const char *s, size_t len);

/* ---- keys --------------------------------------------------------------- */

/** A public key, or a key pair, of one of the supported algorithms. */
typedef struct setara_vc_key setara_vc_key;

/** The algorithms of the JCS cryptosuites. */
typedef enum {
	SETARA_VC_ALG_ED25519 = 0, /**< eddsa-jcs-2022 */
	SETARA_VC_ALG_P256,        /**< ecdsa-jcs-2019 with SHA-256 */
	SETARA_VC_ALG_P384         /**< ecdsa-jcs-2019 with SHA-384 */
} setara_vc_alg;

/**
 * A key from PEM text: a private key (PKCS#8 "PRIVATE KEY" or SEC1 "EC
 * PRIVATE KEY", unencrypted), a public key ("PUBLIC KEY") or a
 * certificate (its public key).  Only Ed25519, P-256 and P-384 keys are
 * accepted.
 *
 * @param[out] out free it with setara_vc_key_free().
 * @return 0, SETARA_EINVALID (not such PEM, another algorithm) or
 *         SETARA_ENOMEM.
 */
SETARA_EXTERN(int) setara_vc_key_from_pem(setara_vc_key **out,
	const char *pem, size_t len);

/**
 * The same from a PEM file.
 * @return 0, SETARA_EIO, SETARA_EINVALID or SETARA_ENOMEM.
 */
SETARA_EXTERN(int) setara_vc_key_load(setara_vc_key **out,
	const char *path);

/**
 * A key from a Multikey value (W3C Controlled Identifiers, "Multikey"):
 * a publicKeyMultibase (Ed25519 0xed01 + 32 bytes, P-256 0x8024 or P-384
 * 0x8124 + the compressed point) or a secretKeyMultibase (0x8026, 0x8626
 * or 0x8726 + the private scalar; the public key is derived from it).
 * The multibase must be base58btc ('z').
 *
 * @param[out] out free it with setara_vc_key_free().
 * @return 0, SETARA_EINVALID or SETARA_ENOMEM.
 */
SETARA_EXTERN(int) setara_vc_key_from_multikey(setara_vc_key **out,
	const char *multibase);

/**
 * The public key as a publicKeyMultibase value ('z', compressed point
 * for ECDSA).
 * @param[out] out receives the string (appended).
 * @return 0 or SETARA_ENOMEM.
 */
SETARA_EXTERN(int) setara_vc_key_multikey(setara_buf *out,
	const setara_vc_key *key);

/** The key's algorithm. */
SETARA_EXTERN(setara_vc_alg) setara_vc_key_alg(const setara_vc_key *key);

/** 1 when the key holds its private part (it can sign), else 0. */
SETARA_EXTERN(int) setara_vc_key_can_sign(const setara_vc_key *key);

/** Free a key.  NULL-safe. */
SETARA_EXTERN(void) setara_vc_key_free(setara_vc_key *key);

/* ---- Data Integrity proofs -------------------------------------------- */

/** The cryptosuites' names. */
#define SETARA_VC_EDDSA_JCS_2022 "eddsa-jcs-2022"
#define SETARA_VC_ECDSA_JCS_2019 "ecdsa-jcs-2019"

/** Options of setara_vc_proof_create(). */
typedef struct setara_vc_proof_options {
	int version;              /**< SETARA_VC_PROOF_OPTIONS_VERSION */
	const char *cryptosuite;  /**< NULL: the key's (eddsa-jcs-2022 for
				       Ed25519, ecdsa-jcs-2019 for ECDSA) */
	const char *verification_method; /**< the key's id; required */
	const char *proof_purpose; /**< NULL: "assertionMethod" */
	long long created;        /**< seconds since the epoch; 0: now
				       (setara_clock_set()); < 0: none */
	long long expires;        /**< seconds since the epoch; 0: none */
	int pretty;               /**< 1: indent the output by two spaces;
				       0: no whitespace */
} setara_vc_proof_options;

#define SETARA_VC_PROOF_OPTIONS_VERSION 1
#define SETARA_VC_PROOF_OPTIONS_INIT \
	{ SETARA_VC_PROOF_OPTIONS_VERSION, NULL, NULL, NULL, 0, 0, 0 }

/**
 * Secure a JSON document with a Data Integrity proof (W3C VC Data
 * Integrity 1.0; the "Create Proof" algorithms of eddsa-jcs-2022 and
 * ecdsa-jcs-2019): the proof options, with the document's "@context"
 * copied in, are canonicalized and hashed, the document without proof is
 * canonicalized and hashed, and the two hashes are signed; the signature
 * becomes the proof's proofValue (multibase base58btc; ECDSA as r || s).
 *
 * The output is the document with a "proof" member added last, its other
 * members in their input order, numbers and strings written as JCS does.
 *
 * @param[out] out receives the secured document (appended).
 * @param json the unsecured document: a JSON object without "proof",
 *         read under the limits of setara_vc_jcs().
 * @param key a key that can sign and fits the cryptosuite.
 * @return 0, SETARA_EINVALID (the document), SETARA_EUSAGE (options or
 *         key), SETARA_ENOMEM or -1 (a cryptographic failure).
 */
SETARA_EXTERN(int) setara_vc_proof_create(setara_buf *out,
	const char *json, size_t len, const setara_vc_key *key,
	const setara_vc_proof_options *opts);

/**
 * Find the key of a verification method.  Set *out to a key that stays
 * valid until the verification returns (borrowed) and return 0, or
 * return SETARA_ENOTFOUND when the method is unknown (the proof then
 * "could not be checked"); any other negative value stops the
 * verification with that error.
 */
typedef int (*setara_vc_resolve_fn)(const setara_vc_key **out,
	const char *verification_method, void *payload);

/** Options of setara_vc_proof_verify(). */
typedef struct setara_vc_verify_options {
	int version;                  /**< SETARA_VC_VERIFY_OPTIONS_VERSION */
	const setara_vc_key *key;     /**< verify with this key; NULL: ask
					   resolve */
	const char *verification_method; /**< with key: the proof must name
					   this method; NULL: any */
	setara_vc_resolve_fn resolve; /**< used when key is NULL */
	void *payload;                /**< passed to resolve */
	const char *proof_purpose;    /**< expected; NULL: "assertionMethod" */
	long long at;                 /**< the time of the verification
					   (seconds since the epoch) for the
					   proof's expires; 0: now */
} setara_vc_verify_options;

#define SETARA_VC_VERIFY_OPTIONS_VERSION 1
#define SETARA_VC_VERIFY_OPTIONS_INIT \
	{ SETARA_VC_VERIFY_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL, 0 }

/** What a proof verification concluded. */
typedef enum {
	SETARA_VC_PROOF_VERIFIED = 0, /**< the proof holds */
	SETARA_VC_PROOF_FAILED,       /**< refused: see the failure */
	SETARA_VC_PROOF_UNRESOLVED    /**< no key for its verification
					   method: could not check */
} setara_vc_proof_status;

/** Why a proof was refused. */
typedef enum {
	SETARA_VC_FAIL_NONE = 0,
	SETARA_VC_FAIL_MISSING,   /**< no "proof" member */
	SETARA_VC_FAIL_MALFORMED, /**< not one object with the required
				       members as strings, a bad date, a
				       proofValue that is not base58btc of
				       the signature's length, proof sets */
	SETARA_VC_FAIL_SUITE,     /**< type is not DataIntegrityProof or
				       the cryptosuite is not a JCS one */
	SETARA_VC_FAIL_PURPOSE,   /**< proofPurpose is not the expected */
	SETARA_VC_FAIL_CONTEXT,   /**< the proof's @context does not start
				       the document's */
	SETARA_VC_FAIL_METHOD,    /**< not the expected verification
				       method */
	SETARA_VC_FAIL_KEY,       /**< the key does not fit the suite */
	SETARA_VC_FAIL_EXPIRED,   /**< the proof's expires has passed */
	SETARA_VC_FAIL_SIGNATURE  /**< the signature does not verify */
} setara_vc_proof_failure;

/** The result of setara_vc_proof_verify(), owned by the caller. */
typedef struct setara_vc_proof_result {
	int version;                   /**< SETARA_VC_PROOF_RESULT_VERSION */
	setara_vc_proof_status status;
	setara_vc_proof_failure failure;
	char reason[256];              /**< one line; "" when verified */
	char *verification_method;     /**< the proof's, or NULL; freed by
					    setara_vc_proof_result_dispose */
	char *cryptosuite;             /**< the proof's, or NULL; idem */
} setara_vc_proof_result;

#define SETARA_VC_PROOF_RESULT_VERSION 1
#define SETARA_VC_PROOF_RESULT_INIT \
	{ SETARA_VC_PROOF_RESULT_VERSION, SETARA_VC_PROOF_FAILED, \
	  SETARA_VC_FAIL_NONE, "", NULL, NULL }

/**
 * Verify the Data Integrity proof of a secured JSON document (the
 * "Verify Proof" algorithms of eddsa-jcs-2022 and ecdsa-jcs-2019, with
 * the checks of VC Data Integrity 1.0 on the proof's members).  One
 * proof (an object) is verified; proof sets and chains are refused as
 * malformed.
 *
 * A verdict is not an error: the call returns 0 once it has run, and
 * @p out says verified, failed (and why) or unresolved.
 *
 * @param[out] out filled in; dispose of it with
 *         setara_vc_proof_result_dispose() (also after an error).
 * @param json the secured document, read under the limits of
 *         setara_vc_jcs().
 * @return 0 once verified or refused; SETARA_EINVALID when the text is
 *         not a JSON object that the loader accepts; SETARA_EUSAGE (no
 *         key and no resolver); SETARA_ENOMEM; or the resolver's error.
 */
SETARA_EXTERN(int) setara_vc_proof_verify(setara_vc_proof_result *out,
	const char *json, size_t len, const setara_vc_verify_options *opts);

/** Free what a result holds; the result can be reused.  NULL-safe. */
SETARA_EXTERN(void) setara_vc_proof_result_dispose(
	setara_vc_proof_result *result);

/** Names: "missing", "malformed", ..., "signature" ("" for NONE). */
SETARA_EXTERN(const char *) setara_vc_failure_name(
	setara_vc_proof_failure failure);

/* ---- Bitstring Status List ---------------------------------------------- */

/*
 * W3C Bitstring Status List v1.0 (Recommendation, May 2025): a
 * BitstringStatusListCredential holds a bitstring, GZIP-compressed and
 * written as multibase base64url ('u'), whose bit i -- counted from the
 * left-most bit of the first byte -- is set when the credential with
 * statusListIndex i is revoked (or suspended, for a suspension list).
 * setara's lists are the register's (docs/register.md), published with
 * setara_vc_status_publish(); their id is the register's list id
 * (urn:uuid:...), which a credential's BitstringStatusListEntry names as
 * its statusListCredential.
 */

/** The smallest bitstring written and accepted: 131,072 entries (16 KiB),
 *  the specification's minimum, for herd privacy. */
#define SETARA_VC_STATUS_LIST_MIN_ENTRIES 131072u
/** The largest bitstring accepted: 16 Mi entries (2 MiB decompressed);
 *  an encodedList that inflates past it is refused, whatever its size. */
#define SETARA_VC_STATUS_LIST_MAX_ENTRIES (16u * 1024u * 1024u)

/** Options of setara_vc_status_list_write(). */
typedef struct setara_vc_status_list_options {
	int version;          /**< SETARA_VC_STATUS_LIST_OPTIONS_VERSION */
	const char *id;       /**< the list credential's id (a URL);
				   required; the subject's is id + "#list" */
	const char *issuer;   /**< the issuer's id (a URL); required */
	int suspension;       /**< 1: statusPurpose "suspension"; 0:
				   "revocation" */
	long long valid_from; /**< seconds since the epoch; 0: now */
	long long valid_until;/**< seconds since the epoch; 0: none */
	long long ttl;        /**< milliseconds a verifier may cache the
				   list; 0: not written */
	int pretty;           /**< 1: two-space indentation */
} setara_vc_status_list_options;

#define SETARA_VC_STATUS_LIST_OPTIONS_VERSION 1
#define SETARA_VC_STATUS_LIST_OPTIONS_INIT \
	{ SETARA_VC_STATUS_LIST_OPTIONS_VERSION, NULL, NULL, 0, 0, 0, 0, 0 }

/**
 * Write an unsecured BitstringStatusListCredential holding @p nbits bits
 * (bit i is bit 7 - i % 8 of byte i / 8), padded with clear bits to at
 * least SETARA_VC_STATUS_LIST_MIN_ENTRIES: "@context" (VC 2.0), id, type
 * [VerifiableCredential, BitstringStatusListCredential], issuer,
 * validFrom, validUntil, credentialSubject {id, type BitstringStatusList,
 * statusPurpose, encodedList, ttl}.  Secure it with
 * setara_vc_proof_create().
 *
 * @param[out] out receives the JSON text (appended).
 * @return 0, SETARA_EUSAGE (no id or issuer, more bits than
 *         SETARA_VC_STATUS_LIST_MAX_ENTRIES, valid_until before
 *         valid_from) or SETARA_ENOMEM.
 */
SETARA_EXTERN(int) setara_vc_status_list_write(setara_buf *out,
	const unsigned char *bits, size_t nbits,
	const setara_vc_status_list_options *opts);

/** A BitstringStatusListCredential read back (its shape, not its proof). */
typedef struct setara_vc_status_list setara_vc_status_list;

/**
 * Read a BitstringStatusListCredential, strictly: a JSON object (the
 * loader's limits) whose "@context" starts with the VC 2.0 context, with
 * a string id, a type array naming VerifiableCredential and
 * BitstringStatusListCredential, an issuer (a string, or an object with a
 * string id), validFrom and validUntil as dateTimes when present (and in
 * that order), and one credentialSubject object of type
 * BitstringStatusList whose statusPurpose is "revocation" or "suspension"
 * (other purposes, and statusSize other than 1, are refused as
 * unsupported), whose ttl, when present, is a non-negative integer, and
 * whose encodedList is 'u' + base64url of a GZIP stream that inflates to
 * SETARA_VC_STATUS_LIST_MIN_ENTRIES .. _MAX_ENTRIES bits (inflating stops
 * at the maximum: a GZIP bomb costs no more than a large list).  The
 * proof is not verified here (setara_vc_proof_verify()).
 *
 * @param[out] out free it with setara_vc_status_list_free().
 * @param name the file name, for messages (may be NULL).
 * @return 0, SETARA_EINVALID (the reason, with @p name and the member, in
 *         setara_error_last()) or SETARA_ENOMEM.
 */
SETARA_EXTERN(int) setara_vc_status_list_read(setara_vc_status_list **out,
	const char *json, size_t len, const char *name);

/** The list's id, issuer id: borrowed. */
SETARA_EXTERN(const char *) setara_vc_status_list_id(
	const setara_vc_status_list *l);
SETARA_EXTERN(const char *) setara_vc_status_list_issuer(
	const setara_vc_status_list *l);
/** 1 for a suspension list, 0 for a revocation list. */
SETARA_EXTERN(int) setara_vc_status_list_suspension(
	const setara_vc_status_list *l);
/** validFrom, validUntil in seconds since the epoch; 0 when absent. */
SETARA_EXTERN(long long) setara_vc_status_list_valid_from(
	const setara_vc_status_list *l);
SETARA_EXTERN(long long) setara_vc_status_list_valid_until(
	const setara_vc_status_list *l);
/** ttl in milliseconds; 0 when absent. */
SETARA_EXTERN(long long) setara_vc_status_list_ttl(
	const setara_vc_status_list *l);
/** The number of entries (bits). */
SETARA_EXTERN(size_t) setara_vc_status_list_size(
	const setara_vc_status_list *l);

/**
 * The bit of entry @p index: 1 (set), 0 (clear), or SETARA_EINVALID when
 * the index is past the end of the list (the specification's
 * RANGE_ERROR).
 */
SETARA_EXTERN(int) setara_vc_status_list_bit(const setara_vc_status_list *l,
	unsigned long long index);

/** Free a list.  NULL-safe. */
SETARA_EXTERN(void) setara_vc_status_list_free(setara_vc_status_list *l);

/* ---- a credential's status, from published lists ------------------------ */

/** The published lists a verifier was given (a directory or one file). */
typedef struct setara_vc_status_lists setara_vc_status_lists;

/** Options of setara_vc_status_lists_open(): how list proofs are checked. */
typedef struct setara_vc_status_lists_options {
	int version;               /**< SETARA_VC_STATUS_LISTS_OPTIONS_VERSION */
	const setara_vc_key *key;  /**< verify every list with this key;
					NULL: ask resolve */
	setara_vc_resolve_fn resolve; /**< the trust list's resolver: it must
					give only keys of the issuers it
					accredits */
	void *payload;             /**< passed to resolve */
} setara_vc_status_lists_options;

#define SETARA_VC_STATUS_LISTS_OPTIONS_VERSION 1
#define SETARA_VC_STATUS_LISTS_OPTIONS_INIT \
	{ SETARA_VC_STATUS_LISTS_OPTIONS_VERSION, NULL, NULL, NULL }

/**
 * Read the status lists at @p path: every "*.json" file of a directory
 * (not below it), or one file.  Each JSON object typed
 * BitstringStatusListCredential is indexed by its id, read with
 * setara_vc_status_list_read() and its proof verified (assertionMethod)
 * once, here; a file that fails either is kept as a copy that cannot be
 * used, with the reason, so that a check naming its id says why.  Other
 * files (credentials, other JSON, unreadable JSON) are skipped.  Nothing
 * is fetched: the network is never used.
 *
 * Once opened the lists are only read: one handle may serve several
 * threads' setara_vc_status_check() calls.
 *
 * @param[out] out free it with setara_vc_status_lists_free().
 * @return 0; SETARA_EIO (@p path cannot be read); SETARA_EUSAGE (no key
 *         and no resolver); SETARA_ENOMEM; or the resolver's error.
 */
SETARA_EXTERN(int) setara_vc_status_lists_open(setara_vc_status_lists **out,
	const char *path, const setara_vc_status_lists_options *opts);

/** Free the lists.  NULL-safe. */
SETARA_EXTERN(void) setara_vc_status_lists_free(setara_vc_status_lists *l);

/** What the status check of a credential concluded. */
typedef enum {
	SETARA_VC_STATUS_CLEAR = 0,  /**< not revoked, not suspended, by a
					  valid list (or no status entry) */
	SETARA_VC_STATUS_REVOKED,    /**< a revocation bit is set */
	SETARA_VC_STATUS_SUSPENDED,  /**< a suspension bit is set */
	SETARA_VC_STATUS_UNKNOWN     /**< could not check: no usable list,
					  a stale list, a malformed entry */
} setara_vc_status;

/** The result of a status check, owned by the caller (nothing to free). */
typedef struct setara_vc_status_result {
	int version;              /**< SETARA_VC_STATUS_RESULT_VERSION */
	setara_vc_status status;
	char reason[512];         /**< one line, always set: the list, file
				       and index that answered, or why none
				       could */
} setara_vc_status_result;

#define SETARA_VC_STATUS_RESULT_VERSION 1
#define SETARA_VC_STATUS_RESULT_INIT \
	{ SETARA_VC_STATUS_RESULT_VERSION, SETARA_VC_STATUS_UNKNOWN, "" }

/** One BitstringStatusListEntry, as a credential's credentialStatus says. */
typedef struct setara_vc_status_entry {
	const char *purpose;      /**< statusPurpose */
	const char *list;         /**< statusListCredential */
	unsigned long long index; /**< statusListIndex */
} setara_vc_status_entry;

/**
 * The status of one entry of a credential of @p issuer (its issuer id)
 * issued at @p issued (its validFrom; 0: unknown), at the time @p at (0:
 * now), from @p lists (NULL: none given).  Every copy whose id is the
 * entry's statusListCredential is weighed:
 *
 *   - a copy that failed its reading or its proof, one of another issuer,
 *     of the other statusPurpose, or too short for the index cannot
 *     answer; a copy valid from before the credential was issued (by more
 *     than 5 minutes) cannot revoke it;
 *   - revocation is permanent: a revocation bit set in any copy that can
 *     answer revokes;
 *   - otherwise the newest copy (validFrom; on a tie, the one with the bit
 *     set) decides -- an older copy beside it never does: its bit set is
 *     SUSPENDED; its bit clear is CLEAR only while the newest copy is
 *     within validFrom .. validUntil, else UNKNOWN (stale); a copy with
 *     no validUntil never goes stale and is UNKNOWN too.
 *   - no copy that can answer: UNKNOWN, saying why (not given, unusable
 *     and why, another issuer's, another purpose, RANGE_ERROR).
 *
 * A verdict is not an error: 0 once the check has run, the answer in
 * @p out.
 * @return 0, SETARA_EUSAGE or SETARA_ENOMEM.
 */
SETARA_EXTERN(int) setara_vc_status_check_entry(setara_vc_status_result *out,
	const setara_vc_status_lists *lists, const setara_vc_status_entry *e,
	const char *issuer, long long issued, long long at);

/**
 * The status of a credential (a JSON text, read under the loader's
 * limits): its credentialStatus, one BitstringStatusListEntry or an array
 * of them, each checked with setara_vc_status_check_entry() for the
 * credential's issuer and validFrom; the worst answer is kept (revoked,
 * suspended, unknown, clear).  No credentialStatus is CLEAR ("no status
 * entry").  An entry that is not a BitstringStatusListEntry with a
 * statusPurpose, a statusListCredential and a statusListIndex that is a
 * decimal integer in a string is UNKNOWN, naming the member.
 *
 * @return 0 once checked; SETARA_EINVALID (not a JSON object the loader
 *         accepts); SETARA_EUSAGE; SETARA_ENOMEM.
 */
SETARA_EXTERN(int) setara_vc_status_check(setara_vc_status_result *out,
	const setara_vc_status_lists *lists, const char *credential,
	size_t len, long long at);

/** "clear", "revoked", "suspended", "unknown". */
SETARA_EXTERN(const char *) setara_vc_status_name(setara_vc_status status);

/* ---- publishing the register's lists ------------------------------------ */

/** The issuer id of a register's issuer in a credential, when that id is
 *  not a URL already: this prefix and the register's id
 *  ("urn:setara:issuer:my-um"). */
#define SETARA_VC_ISSUER_PREFIX "urn:setara:issuer:"

/** Options of setara_vc_status_publish(). */
typedef struct setara_vc_publish_options {
	int version;              /**< SETARA_VC_PUBLISH_OPTIONS_VERSION */
	const char *issuer;       /**< the lists' issuer (a URL); NULL: the
				       register's issuer id when it holds a
				       ':', else SETARA_VC_ISSUER_PREFIX +
				       that id */
	const char *verification_method; /**< the proofs'; NULL: issuer +
				       "#key-" + the SHA-256 (hex) of the
				       key's DER SubjectPublicKeyInfo, the
				       id certs/mkpki binds in the trust
				       list (as for issued credentials) */
	long long ttl;            /**< milliseconds a verifier may cache a
				       list; 0: one day (less when the
				       lists are valid for less); < 0: not
				       written */
} setara_vc_publish_options;

#define SETARA_VC_PUBLISH_OPTIONS_VERSION 1
#define SETARA_VC_PUBLISH_OPTIONS_INIT \
	{ SETARA_VC_PUBLISH_OPTIONS_VERSION, NULL, NULL, 0 }

/**
 * setara_status_publish() writing each list as a
 * BitstringStatusListCredential (setara_vc_status_list_write(): id the
 * register's list id, validFrom now, validUntil now + @p opts->valid_for,
 * ttl) secured with a Data Integrity proof made with @p key
 * (ecdsa-jcs-2019 for the issuers' P-256 keys, eddsa-jcs-2022 for
 * Ed25519), indented.  Files are DIR/ISSUER-SEQ-PURPOSE.json, or the one
 * file @p out when it ends in ".json".  Everything else is as for XML:
 * the signer's certificate must be valid now; each file is written aside,
 * its publication and audit entry committed, then renamed into place;
 * publishing is incremental, each (list, file) being its own publication,
 * so a list's JSON file and its XML file are written and skipped
 * independently (a change of issuer, method or ttl writes every list
 * again).
 *
 * @param key the issuer's private key, the same as @p signer's.
 * @return as setara_status_publish(); SETARA_EUSAGE when @p key cannot
 *         sign.
 */
SETARA_EXTERN(int) setara_vc_status_publish(setara_store *st,
	const setara_signer *signer, const setara_vc_key *key,
	const char *out, const setara_publish_options *opts,
	const setara_vc_publish_options *vopts, setara_publish_cb cb,
	void *payload);

/* ---- credentials: issuing and verifying (docs/vc.md) ------------------- */

/**
 * Issue the document of @p type built from the record at @p input_path
 * (transcript, certificate), or the unsigned document at @p input_path
 * (decision, attestation), as a W3C Verifiable Credential 2.0 (a CLR 2.0
 * ClrCredential, an Open Badges 3.0 OpenBadgeCredential, or setara's
 * SetaraTransferDecisionCredential and SetaraSkillsRecognitionCredential,
 * docs/vc.md) secured with a Data Integrity proof made with @p key:
 * ecdsa-jcs-2019 for a P-256 or P-384 key, eddsa-jcs-2022 for Ed25519.
 *
 * Everything setara_cred_issue() checks is checked the same way, with
 * @p signer (its certificate, and its trust list when set): nothing a
 * verifier would refute is signed.  With a register (@p st) the credential
 * gets its register row and status index as the XML document would, and
 * carries them as two BitstringStatusListEntry (revocation, suspension).
 * The proof's verificationMethod is "urn:setara:issuer:ID#key-" followed
 * by the SHA-256 of the key's DER SubjectPublicKeyInfo (the id the trust
 * list binds, docs/trust.md).  The file is written atomically.
 *
 * @return 0, SETARA_EINVALID (the record, naming file, line and field),
 *         SETARA_EUSAGE (another type, a key that cannot sign), or
 *         another negative code.
 */
SETARA_EXTERN(int) setara_vc_issue(setara_cred_issued *out,
	setara_store *st, setara_doc_type type, const char *input_path,
	const setara_signer *signer, const setara_vc_key *key,
	const char *out_path);

/**
 * setara_cred_issue_doc() as a credential: the unsigned document @p doc
 * built elsewhere (a decision of the credit component, an attestation of
 * setara_mrs_attestation_build()) checked as setara_cred_issue_doc()
 * checks it, registered, and written as the credential setara_vc_issue()
 * would write.  @p doc gets its status entries; the caller still frees it.
 *
 * @return as setara_vc_issue().
 */
SETARA_EXTERN(int) setara_vc_issue_doc(setara_cred_issued *out,
	setara_store *st, struct _xmlDoc *doc, const setara_signer *signer,
	const setara_vc_key *key, const char *out_path);

/**
 * setara_issue_batch() writing credentials: each record issued as
 * setara_vc_issue() would (DIR/TYPE-KEY.json), with the batch's crash
 * rule, register, skipping of records already issued, progress, threads
 * and constant memory.  A record's key joins the proof key's: records
 * issued as XML, or with another proof key, are issued again, not
 * skipped.  @p key is shared by the worker threads.
 *
 * @return as setara_issue_batch().
 */
SETARA_EXTERN(int) setara_vc_issue_batch(setara_batch_stats *out,
	setara_store *st, setara_doc_type type, const char *input,
	const setara_signer *signer, const setara_vc_key *key,
	const char *out_dir, const setara_batch_options *opts);

/**
 * 1 when @p data (@p len bytes) starts, after white space and a UTF-8
 * byte order mark, with "{": a JSON credential rather than XML.
 */
SETARA_EXTERN(int) setara_vc_is_json(const char *data, size_t len);

/**
 * The credential of a W3C VC-API verification request (POST
 * /credentials/verify): @p json, read under the loader's limits, is
 * either the credential itself or an object {"verifiableCredential":
 * {...}, "options": {...}}.  A request's credential is written to @p out
 * compact, its members in their order and its numbers and strings as JCS
 * writes them: the text differs from the one sent, its canonical form and
 * so its proof do not.  The options are read as an object and not used.
 *
 * @return 1 with the credential appended to @p out; 0 when @p json is
 *         not a request (no verifiableCredential member: verify it as it
 *         is; nothing appended); SETARA_EINVALID when the loader refuses
 *         the text, or a request has other members or a credential that
 *         is not an object (an enveloped credential is not read);
 *         SETARA_ENOMEM.
 */
SETARA_EXTERN(int) setara_vc_request_credential(setara_buf *out,
	const char *json, size_t len, const char *name);

/**
 * Run the eight checks of setara_cred_verify() on a credential (JSON),
 * with the same verifier (its trust directory, store, status lists and
 * time) and the same verdict rules: format (JSON read as hostile input,
 * then VC 2.0 well-formedness and setara's contexts), profile (the
 * proof's members: DataIntegrityProof, a JCS cryptosuite,
 * assertionMethod), signature, trust (the verification method bound by
 * the trust list), issuer (that binding and the accreditation), validity
 * (validFrom, validUntil), status and consistency (levels).
 *
 * @return 0 with *out the verdict; SETARA_EINVALID when the text is not
 *         JSON the loader accepts (too large, too deep, duplicate names,
 *         invalid UTF-8, ...): a refusal, with the reason in
 *         setara_error_last(); SETARA_ENOMEM.
 */
SETARA_EXTERN(int) setara_vc_verify(setara_verdict **out,
	setara_verifier *verifier, const char *json, size_t len,
	const char *name);

/* ---- contexts and VC 2.0 well-formedness (docs/vc.md) ----------------- */

/**
 * Check the context files setara ships against their pins: each file of
 * the table in src/vc/contexts.c, read from @p dir (the data directory's
 * contexts/), must have the SHA-256 setara pins.  `setara issue --format
 * vc` runs it before issuing, so a changed context file is noticed.
 *
 * @return 0; SETARA_EINVALID naming the file whose digest differs;
 *         SETARA_EIO or SETARA_ENOTFOUND when a file cannot be read.
 */
SETARA_EXTERN(int) setara_vc_contexts_check(const char *dir);

/** setara_vc_wellformed() flag: the text is an issuer's input (a VC-API
 *  issue request's credential): `issuer` may be absent, or an object
 *  without `id`, for the issuer fills it in. */
#define SETARA_VC_WELLFORMED_INPUT 0x1u

/** The answer of setara_vc_wellformed(). */
typedef struct setara_vc_wellformed_result {
	int wellformed;      /**< 1 well-formed, 0 not */
	char rule[48];       /**< the member whose rule is broken
				  ("@context", "issuer.name", ...), or "" */
	char reason[320];    /**< why, one line, or "" */
} setara_vc_wellformed_result;

/**
 * Is @p json a well-formed W3C Verifiable Credential 2.0 (the data
 * model's MUSTs, no JSON-LD processing and nothing fetched)?  @context
 * an array whose first entry is the VC 2.0 context and whose others are
 * URLs or inline contexts (which may not redefine a protected term);
 * `type` with VerifiableCredential, each type a URL or a term some
 * context defines; `id` values single URLs; `issuer` a URL or an object
 * whose id is one; `credentialSubject` objects with at least one claim;
 * `validFrom`/`validUntil` XML Schema dateTimeStamps (with a time zone),
 * in order; `credentialStatus`, `credentialSchema` (with an id),
 * `evidence`, `refreshService`, `termsOfUse` and `proof` objects with a
 * type; `relatedResource` with an id and a digest; `name` and
 * `description` strings or language value objects.  The first rule
 * broken is reported.
 *
 * @param flags 0 or SETARA_VC_WELLFORMED_INPUT.
 * @return 0 once it has run (the answer in @p out); SETARA_EINVALID when
 *         the loader refuses the text (setara_error_last() names file,
 *         line and reason); SETARA_ENOMEM.
 */
SETARA_EXTERN(int) setara_vc_wellformed(setara_vc_wellformed_result *out,
	const char *json, size_t len, const char *name, unsigned flags);

SETARA_END_DECL

#endif
