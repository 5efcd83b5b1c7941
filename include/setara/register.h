/*
 * setara: issuing at scale and publishing status -- the register's side of
 * the cred component.  (Revocation itself is in store.h.)
 */
#ifndef SETARA_REGISTER_H
#define SETARA_REGISTER_H

#include "common.h"
#include "store.h"
#include "cred.h"

SETARA_BEGIN_DECL

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
