/*
 * setara: the cred component -- signed documents.
 *
 * Five document types share one namespace (SETARA_NS_DOC) and one
 * envelope: transcript, certificate, decision, attestation, statusList.
 * Every document is signed with one enveloped XML Signature of a fixed
 * profile (exclusive C14N, one Reference URI="", SHA-256, ECDSA P-256 or
 * RSA >= 2048, the signer's certificate and chain in KeyInfo/X509Data);
 * see docs/signature-profile.md.
 *
 * Issuing:   setara_cred_signer_load() once, then setara_cred_issue() per
 *            record, or setara_cred_build() + setara_cred_sign() for a
 *            document built elsewhere (MRS attestations).
 * Verifying: setara_cred_trust_load() and setara_cred_verifier_new() once,
 *            then setara_cred_verify() per document.  A verdict is not an
 *            error: the call returns 0 once it has run and the verdict says
 *            valid, invalid or indeterminate, check by check.
 * At scale:  setara_issue_batch() issues a directory or a <batch> file;
 *            setara_status_publish() writes the register's status lists.
 *            (The register itself, revocation and listing: register.h.)
 *
 * Objects returned through an out parameter are freed with the matching
 * _free function (NULL-safe).  A signer, a trust store and a verifier may
 * be shared by threads once created; a verdict belongs to one thread.
 */
#ifndef SETARA_CRED_H
#define SETARA_CRED_H

#include "common.h"
#include "errors.h"
#include "buf.h"
#include "store.h"

SETARA_BEGIN_DECL

/* libxml2's document, without including libxml2 here. */
struct _xmlDoc;

/** The document types. */
typedef enum {
	SETARA_DOC_TRANSCRIPT = 0,
	SETARA_DOC_CERTIFICATE,
	SETARA_DOC_DECISION,
	SETARA_DOC_ATTESTATION,
	SETARA_DOC_STATUS_LIST,
	SETARA_DOC_TYPE_COUNT
} setara_doc_type;

/**
 * The type named @p name ("transcript", "certificate", "decision",
 * "attestation", "statusList").
 * @return 0, or SETARA_ENOTFOUND.
 */
SETARA_EXTERN(int) setara_cred_type_from_name(setara_doc_type *out,
	const char *name);

/** The name of a type (its document element), or NULL. */
SETARA_EXTERN(const char *) setara_cred_type_name(setara_doc_type type);

/* ---- issuing --------------------------------------------------------- */

/** A private key with its certificate and chain, loaded once. */
typedef struct setara_signer setara_signer;

/**
 * Load a signer from PEM files.
 *
 * The key must be ECDSA P-256 or RSA of at least 2048 bits and match the
 * certificate, whose key usage must allow digitalSignature or
 * nonRepudiation.  @p cert_path may hold more certificates after the
 * signer's: they join the chain.  The certificates are written into every
 * signature (KeyInfo/X509Data), signer first.
 *
 * @param[out] out the signer; free it with setara_cred_signer_free().
 * @param chain_path PEM file of intermediate certificates, or NULL.
 * @return 0, SETARA_EINVALID (unusable key or certificate), SETARA_EIO.
 */
SETARA_EXTERN(int) setara_cred_signer_load(setara_signer **out,
	const char *key_path, const char *cert_path, const char *chain_path);

/** Free a signer.  NULL-safe. */
SETARA_EXTERN(void) setara_cred_signer_free(setara_signer *signer);

/**
 * Sign a document in place: append one enveloped ds:Signature of the
 * setara profile as the last child of its document element.
 *
 * The document must not be signed already.  Nothing else is checked
 * (schema, dates, the certificate's validity): callers issuing documents
 * use setara_cred_issue(), which does.  Thread-safe for distinct
 * documents.
 *
 * @param doc an xmlDocPtr; its tree is modified.
 * @return 0, SETARA_EINVALID (already signed, no document element),
 *         or -1 (a cryptographic failure).
 */
SETARA_EXTERN(int) setara_cred_sign(struct _xmlDoc *doc,
	const setara_signer *signer);

/**
 * Build the unsigned document of @p type from an input: for transcripts
 * and certificates a record as a registrar's system exports it
 * (docs/documents.md), for the other types the unsigned document itself.
 * The input is parsed with the safe loader and validated against its
 * schema; the document gets a new id (urn:uuid), the issue time (now) and
 * is validated against its type's schema.
 *
 * @param[out] out an xmlDocPtr; free it with xmlFreeDoc().
 * @param name the input's name for messages (a file name).
 * @return 0, SETARA_EINVALID (naming file, line and field), SETARA_ENOMEM.
 */
SETARA_EXTERN(int) setara_cred_build(struct _xmlDoc **out,
	setara_doc_type type, const char *data, size_t len, const char *name);

/** What setara_cred_issue() produced. */
typedef struct setara_cred_issued {
	int version;          /**< SETARA_CRED_ISSUED_VERSION */
	char id[64];          /**< the document's id, urn:uuid:... */
	char sha256[65];      /**< SHA-256 of the output file, hex */
} setara_cred_issued;

#define SETARA_CRED_ISSUED_VERSION 1
#define SETARA_CRED_ISSUED_INIT { SETARA_CRED_ISSUED_VERSION, "", "" }

/**
 * Issue one document: read @p input_path, build and validate the document
 * (setara_cred_build()), check that the signer's certificate is valid at
 * the issue time, sign it and write it to @p out_path atomically
 * (temporary file, then rename).  @p st is the register (NULL: none).
 *
 * @param[out] out filled on success; may be NULL.
 * @return 0, SETARA_EINVALID, SETARA_EIO, SETARA_ESTORE or -1.
 */
SETARA_EXTERN(int) setara_cred_issue(setara_cred_issued *out,
	setara_store *st, setara_doc_type type, const char *input_path,
	const setara_signer *signer, const char *out_path);

/**
 * Issue a document built in memory by another component (an MRS
 * attestation, a credit-transfer decision): its type is its document
 * element; it is validated against that type's schema, the signer's
 * certificate must be valid at its issue time, then it is registered (when
 * @p st is given), signed in place and written atomically to @p out_path,
 * as setara_cred_issue() does.  The caller still owns and frees @p doc.
 *
 * @param[out] out filled on success; may be NULL.
 * @return 0, SETARA_EINVALID (not a setara document, already signed,
 *         schema-invalid, certificate not valid then), SETARA_EIO,
 *         SETARA_ESTORE or -1.
 */
SETARA_EXTERN(int) setara_cred_issue_doc(setara_cred_issued *out,
	setara_store *st, struct _xmlDoc *doc, const setara_signer *signer,
	const char *out_path);

/* ---- verifying ------------------------------------------------------- */

/** Trust anchors and the trust list of accredited issuers. */
typedef struct setara_trust setara_trust;

/**
 * Load a trust directory: every *.pem file in @p dir holds trust anchors
 * (root certificates), and @p dir/trust.xml the trust list (schema:
 * src/cred/trust.xsd).
 *
 * @param[out] out free it with setara_cred_trust_free().
 * @return 0, SETARA_EINVALID (bad trust list or anchors), SETARA_ENOTFOUND
 *         (no anchors or no trust.xml), SETARA_EIO.
 */
SETARA_EXTERN(int) setara_cred_trust_load(setara_trust **out,
	const char *dir);

/** Free a trust store.  NULL-safe. */
SETARA_EXTERN(void) setara_cred_trust_free(setara_trust *trust);

/**
 * Check what this signer issues against a trust list: with @p trust set,
 * setara_cred_issue(), setara_cred_issue_doc() and setara_issue_batch()
 * refuse a document the issuer check of verification would fail (the
 * signer's certificate listed under the issuer the document names, in
 * its country, with an accreditation covering the document's type,
 * frameworks, levels and issue time; docs/trust.md).  Without it the
 * certificate's common name, when it is an issuer id, must be the
 * document's issuer.  @p trust (NULL: none) must outlive the signer's
 * use; it is not freed with the signer.
 */
SETARA_EXTERN(void) setara_cred_signer_set_trust(setara_signer *signer,
	const setara_trust *trust);

/** The checks of a verification, in the order they are reported. */
typedef enum {
	SETARA_CHECK_FORMAT = 0,  /**< safe parse, XSD of the type */
	SETARA_CHECK_PROFILE,     /**< the signature profile */
	SETARA_CHECK_SIGNATURE,   /**< digest and signature value */
	SETARA_CHECK_TRUST,       /**< chain to an anchor, key usage, dates */
	SETARA_CHECK_ISSUER,      /**< signer = issuer named, accredited */
	SETARA_CHECK_VALIDITY,    /**< validFrom / validUntil */
	SETARA_CHECK_STATUS,      /**< not revoked or suspended */
	SETARA_CHECK_CONSISTENCY, /**< levels and credits vs reference data */
	SETARA_CHECK_COUNT
} setara_check;

/** The outcome of one check. */
typedef enum {
	SETARA_CHECK_PASS = 0,
	SETARA_CHECK_FAIL,
	SETARA_CHECK_COULD_NOT_CHECK
} setara_check_status;

/** The overall result: any fail is invalid, else any could-not-check is
 *  indeterminate, else valid. */
typedef enum {
	SETARA_RESULT_VALID = 0,
	SETARA_RESULT_INVALID,
	SETARA_RESULT_INDETERMINATE
} setara_result;

/** Options of a verifier. */
typedef struct setara_verify_options {
	int version;                 /**< SETARA_VERIFY_OPTIONS_VERSION */
	const setara_trust *trust;   /**< NULL: trust and issuer could not
					  be checked */
	const char *status;          /**< a status list file, or a directory
					  of them (*.xml); NULL: none */
	long long at;                /**< time of the verification, seconds
					  since the epoch; 0: now */
	setara_store *store;         /**< reference data for the consistency
					  check; NULL: could not check */
	int crosscheck;              /**< also check every signature with
					  libxmlsec1: a different outcome is
					  an internal error (for tests) */
} setara_verify_options;

#define SETARA_VERIFY_OPTIONS_VERSION 1
#define SETARA_VERIFY_OPTIONS_INIT \
	{ SETARA_VERIFY_OPTIONS_VERSION, NULL, NULL, 0, NULL, 0 }

typedef struct setara_verifier setara_verifier;
typedef struct setara_verdict setara_verdict;

/**
 * A verifier: the options, with the status lists loaded and themselves
 * verified once.  The trust store and the store must outlive it.  Safe to
 * share between threads (the store is used under a lock).
 *
 * @param[out] out free it with setara_cred_verifier_free().
 * @return 0, SETARA_EIO or SETARA_ENOTFOUND (status path), SETARA_ENOMEM.
 */
SETARA_EXTERN(int) setara_cred_verifier_new(setara_verifier **out,
	const setara_verify_options *opts);

/** Free a verifier.  NULL-safe. */
SETARA_EXTERN(void) setara_cred_verifier_free(setara_verifier *v);

/**
 * Run every check on the document in @p path.  An unreadable, malformed or
 * oversize file is a verdict (format fails), except a file that cannot be
 * opened at all.
 *
 * @param[out] out the verdict; free it with setara_verdict_free().
 * @return 0 once the checks have run; SETARA_EIO when the file cannot be
 *         opened; SETARA_ESTORE when the store fails (not a verdict: the
 *         document is not at fault); SETARA_ENOMEM.
 */
SETARA_EXTERN(int) setara_cred_verify(setara_verdict **out,
	setara_verifier *v, const char *path);

/** The same for a document in memory; @p name is used in messages. */
SETARA_EXTERN(int) setara_cred_verify_mem(setara_verdict **out,
	setara_verifier *v, const char *data, size_t len, const char *name);

/** Free a verdict.  NULL-safe. */
SETARA_EXTERN(void) setara_verdict_free(setara_verdict *verdict);

/** The overall result. */
SETARA_EXTERN(setara_result) setara_verdict_result(
	const setara_verdict *verdict);

/**
 * One check's outcome; @p reason (may be NULL) receives a borrowed
 * one-line reason, valid while the verdict lives.
 */
SETARA_EXTERN(setara_check_status) setara_verdict_check(
	const setara_verdict *verdict, setara_check check,
	const char **reason);

/** The first failing check (or could-not-check when none failed), or
 *  SETARA_CHECK_COUNT when the result is valid. */
SETARA_EXTERN(setara_check) setara_verdict_first_problem(
	const setara_verdict *verdict);

/** Borrowed strings of the verdict, NULL when the document did not say:
 *  the file name, the document's id, its type name, its issuer id. */
SETARA_EXTERN(const char *) setara_verdict_file(const setara_verdict *v);
SETARA_EXTERN(const char *) setara_verdict_id(const setara_verdict *v);
SETARA_EXTERN(const char *) setara_verdict_type(const setara_verdict *v);
SETARA_EXTERN(const char *) setara_verdict_issuer(const setara_verdict *v);

/** Names as reported: "format", ...; "pass", "fail", "could-not-check";
 *  "valid", "invalid", "indeterminate". */
SETARA_EXTERN(const char *) setara_cred_check_name(setara_check check);
SETARA_EXTERN(const char *) setara_cred_check_status_name(
	setara_check_status status);
SETARA_EXTERN(const char *) setara_cred_result_name(setara_result result);

/* ---- status lists ------------------------------------------------------ */

/** Called for each status list written (file, list id, purpose, bits
 *  set), or left as it was (setara_publish_options.unchanged). */
typedef void (*setara_publish_cb)(const char *file, const char *list_id,
	const char *purpose, unsigned long revoked, void *payload);

/** Options of setara_status_publish(). */
typedef struct setara_publish_options {
	int version;            /**< SETARA_PUBLISH_OPTIONS_VERSION */
	const char *issuer;     /**< issuer id; NULL: the register's only one */
	const char *list;       /**< one list id (with a file @p out); NULL */
	int suspension;         /**< with a file: 1 publishes the suspension
				     list of the current pair */
	long valid_for;         /**< seconds until validUntil; 0: 7 days */
	/* version 2 */
	int all;                /**< 1: write every list, even one unchanged
				     since it was last written to the same
				     file (version 1 always did) */
	setara_publish_cb unchanged; /**< called for each list left as it
				     was; may be NULL */
} setara_publish_options;

#define SETARA_PUBLISH_OPTIONS_VERSION 2
#define SETARA_PUBLISH_OPTIONS_INIT \
	{ SETARA_PUBLISH_OPTIONS_VERSION, NULL, NULL, 0, 0, 0, NULL }

/**
 * Write the issuer's status lists as signed statusList documents.
 *
 * When @p out is a directory (existing, or ending in '/'), every list of
 * the issuer is written there as ISSUER-SEQ-PURPOSE.xml; otherwise @p out
 * is one file holding the list chosen by the options (by default the
 * revocation list of the issuer's current pair).  Each file is written
 * atomically; the publication is recorded in the audit log.
 *
 * Publishing is incremental: a list is not written (nor signed) again
 * when the file holds it as the register would write it now -- no bit
 * of the list changed since it was written there (the register counts
 * each list's changes), by the same signer, the file untouched, and at
 * least half of @p opts->valid_for left of its validity.  Such a list is
 * reported through @p opts->unchanged instead of @p cb.  @p opts->all
 * writes every list.
 *
 * @return 0; SETARA_ENOTFOUND (no such issuer or list in the register);
 *         SETARA_EUSAGE (several issuers and none named); SETARA_EINVALID
 *         (the signer's certificate is not valid now); SETARA_EIO.
 */
SETARA_EXTERN(int) setara_status_publish(setara_store *st,
	const setara_signer *signer, const char *out,
	const setara_publish_options *opts, setara_publish_cb cb,
	void *payload);

/* ---- batch issuing ------------------------------------------------------ */

/** Options of setara_issue_batch(). */
typedef struct setara_batch_options {
	int version;      /**< SETARA_BATCH_OPTIONS_VERSION */
	int jobs;         /**< worker threads; 0: one per core */
	/** Progress after each chunk: records done (issued, skipped or
	 *  failed) out of @p total. */
	void (*progress)(unsigned long done, unsigned long total,
		void *payload);
	/** A record that could not be issued: @p number is its 1-based
	 *  position, @p e the reason (file, line, field, message). */
	void (*record_failed)(unsigned long number, const setara_error *e,
		void *payload);
	void *payload;
} setara_batch_options;

#define SETARA_BATCH_OPTIONS_VERSION 1
#define SETARA_BATCH_OPTIONS_INIT \
	{ SETARA_BATCH_OPTIONS_VERSION, 0, NULL, NULL, NULL }

/** The outcome of a batch. */
typedef struct setara_batch_stats {
	int version;
	unsigned long total;   /**< records in the input */
	unsigned long issued;  /**< newly issued */
	unsigned long skipped; /**< issued already: by an earlier run, or
	                        *  earlier in this input */
	unsigned long failed;  /**< bad records, reported one by one */
} setara_batch_stats;

#define SETARA_BATCH_STATS_VERSION 1

/**
 * Issue one document per record of @p input (a directory of XML files, or
 * one file whose document element is <batch> holding the records) into
 * the directory @p out_dir, with @p opts->jobs threads and memory that
 * does not grow with the number of records.
 *
 * Every document is registered; a record already issued by this signer
 * (same type, same content) is skipped, so a batch can be re-run after a
 * crash without duplicates.  A bad record is reported through
 * @p opts->record_failed and does not stop the others.  A document that
 * cannot be written (a full disk) stops the batch: it returns SETARA_EIO
 * once, naming @p out_dir, without a record_failed call for it, and the
 * register holds exactly the documents whose files were written whole.
 * Files are named TYPE-KEY.xml, KEY being the first 16 hex digits of the
 * record key.
 *
 * @param[out] out the counts (also when the batch stopped); may be NULL.
 * @return 0 once the batch has run (even with failed records);
 *         SETARA_EINVALID when the input as a whole is unreadable
 *         (malformed, DOCTYPE, past a limit); SETARA_EIO (a write failed:
 *         the batch stopped); SETARA_ESTORE.
 */
SETARA_EXTERN(int) setara_issue_batch(setara_batch_stats *out,
	setara_store *st, setara_doc_type type, const char *input,
	const setara_signer *signer, const char *out_dir,
	const setara_batch_options *opts);

SETARA_END_DECL

#endif
