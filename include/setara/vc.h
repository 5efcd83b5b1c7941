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
 *     ecdsa-jcs-2019: setara_vc_proof_create(), setara_vc_proof_verify().
 *
 * No JSON-LD processing is done and no context is ever fetched: the JCS
 * cryptosuites sign the JSON text's canonical form, not an RDF graph.
 *
 * A verdict is not an error: setara_vc_proof_verify() returns 0 once it
 * has run and says in its result whether the proof verified.  Keys are
 * immutable once made and may be shared by threads; everything else
 * belongs to the calling thread.
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
 * parser's recursion small.
 */
#define SETARA_VC_JSON_MAX_SIZE (16u * 1024u * 1024u)
#define SETARA_VC_JSON_MAX_DEPTH 64

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

/* ---- credentials: issuing and verifying (docs/vc.md) ------------------- */

/**
 * Issue the document of @p type (transcript or certificate) built from the
 * record at @p input_path as a W3C Verifiable Credential 2.0 (a CLR 2.0
 * ClrCredential, an Open Badges 3.0 OpenBadgeCredential) secured with a
 * Data Integrity proof made with @p key: ecdsa-jcs-2019 for a P-256 or
 * P-384 key, eddsa-jcs-2022 for Ed25519.
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
 * 1 when @p data (@p len bytes) starts, after white space and a UTF-8
 * byte order mark, with "{": a JSON credential rather than XML.
 */
SETARA_EXTERN(int) setara_vc_is_json(const char *data, size_t len);

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

SETARA_END_DECL

#endif
