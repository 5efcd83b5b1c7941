/*
 * The cred component's interface for the rest of the library and the
 * command: its global set-up and the verdict's JSON.  Otherwise the other
 * components call cred through its public headers (setara/cred.h,
 * setara/render.h); the files of src/cred include cred_int.h.
 */
#ifndef SETARA_CRED_API_H
#define SETARA_CRED_API_H

#include <time.h>

#include "setara/cred.h"
#include "util/util.h"
#include "store/store_api.h"

/*
 * libxmlsec1 with OpenSSL, locked down (cred_init.c), run by
 * setara_init() after libxml2's set-up; and its undoing.
 */
int setara_cred__global_init(void);
void setara_cred__global_shutdown(void);

/* The values the transcript schemas keep unique (types.c). */
extern const setara__xml_unique setara_cred__unique[];

/* ---- a P-256 key's table of multiples (ossl.c) ------------------------ */

/*
 * For a P-256 public key that verifies many signatures: a table of its
 * multiples, made on its 256th use (or when asked), with which an ECDSA
 * verification takes about a third of EVP_DigestVerify()'s time (ossl.c
 * says how).  At most 32 tables in the process at once (about 150 KB
 * each).  One table may be used by several threads: counting, building
 * and verifying are thread-safe.
 */
typedef struct setara_cred__keytable setara_cred__keytable;
/* A key's counter, no table yet, for the point @pub (SEC 1 2.3.3,
 * compressed or not, at most 65 bytes). */
int setara_cred__keytable_new(setara_cred__keytable **out,
	const unsigned char *pub, size_t len);
void setara_cred__keytable_free(setara_cred__keytable *t);
/* Count a use: @t once its table is ready (built now on the 256th use),
 * else NULL. */
const setara_cred__keytable *setara_cred__keytable_use(
	setara_cred__keytable *t);
/* Build the table now: 0 when it is ready, -1 when it cannot be (not a
 * P-256 point, the process's limit reached: not tried again). */
int setara_cred__keytable_build(setara_cred__keytable *t);
/* 1 when the table is ready. */
int setara_cred__keytable_ready(const setara_cred__keytable *t);
/* ECDSA P-256 of r || s (@sig) over the SHA-256 @digest with a ready
 * table (SEC 1 4.1.4): 1 valid, 0 not, < 0 on failure. */
int setara_cred__keytable_verify(const setara_cred__keytable *t,
	const unsigned char digest[32], const unsigned char sig[64]);
/* s^-1 modulo the order of P-256, 32 bytes big-endian each way; -1 when
 * s is 0 or not below the order. */
int setara_cred__p256_inverse(unsigned char out[32],
	const unsigned char in[32]);

/* ---- what the checks read of a document (types.c) ---------------------- */

/* A document type's row (cred_int.h); its name is setara_cred_type_name(). */
typedef struct setara_cred__type setara_cred__type;
const setara_cred__type *setara_cred__type_get(setara_doc_type t);

/* A qualification a document claims (element "qualification"). */
typedef struct setara_cred__claim {
	char *level;     /* FRAMEWORK:LEVEL */
	char *framework; /* FRAMEWORK */
	int aqrf;
	int line;
} setara_cred__claim;

typedef struct setara_cred__status_entry {
	char *list;
	unsigned long long index;
	int suspension; /* purpose: 0 revocation, 1 suspension */
} setara_cred__status_entry;

/* What the checks read from a (schema-valid) document's header. */
typedef struct setara_cred__header {
	const setara_cred__type *type;
	char *id;
	char *issuer_id, *issuer_country, *issuer_accreditation;
	char *subject_id;
	time_t issued, valid_from, valid_until;
	int has_valid_until;
	setara_cred__status_entry status[2];
	int nstatus;
	/* status entries not in status[] (a credential's beyond two, or of
	 * another type): the local register cannot answer for them */
	int nstatus_other;
	setara_cred__claim *claims;
	size_t nclaims;
} setara_cred__header;

void setara_cred__header_dispose(setara_cred__header *h);

/* ---- issuing (issue.c), for the other formats of a document ----------- */

/*
 * Everything 'issue' does before anything is written: read the record at
 * @input_path, build the document of @type and validate it, check that
 * @signer's certificate is valid at its issue time and that nothing in it
 * would be refuted (the ids against the store @st, grades on their scale,
 * the issuer by the signer's certificate or its trust list).  *out is the
 * built, unsigned document.
 */
int setara_cred__issue_prepare(struct _xmlDoc **out, setara_store *st,
	setara_doc_type type, const char *input_path,
	const setara_signer *signer);
/*
 * The checks of setara_cred_issue_doc() on an unsigned document @doc
 * built elsewhere (a decision, an attestation): a setara document, not
 * signed, valid against its type's schema, the signer's certificate valid
 * at its issue time, nothing in it refuted.  *type (may be NULL) gets its
 * type's row.  Nothing is written.
 */
/* The trust list issuing checks against (setara_cred_signer_set_trust()),
 * or NULL. */
const setara_trust *setara_cred__signer_trust(const setara_signer *signer);

int setara_cred__issue_check_doc(const setara_cred__type **type,
	setara_store *st, struct _xmlDoc *doc, const setara_signer *signer,
	const char *name);
/*
 * Reserve the document's register row and status index in @st and put
 * its two status entries (revocation, suspension) into @doc's header.
 * On success the caller completes the row (setara_register__complete())
 * once the file is in place, or abandons it.
 */
int setara_cred__issue_reserve(setara_register__slot *slot,
	setara_store *st, struct _xmlDoc *doc, const char *out_path);

/*
 * Write the issued document's @len bytes to @out_path atomically (a
 * temporary file, fsync, rename) and settle its register row: completed
 * with the bytes' SHA-256 once the file is in place, abandoned when the
 * write fails (@slot NULL: no register).  Fills @info (id, SHA-256).
 */
int setara_cred__issue_write(setara_cred_issued *info,
	const setara_register__slot *slot, setara_store *st, const char *id,
	const void *bytes, size_t len, const char *out_path);

/*
 * Batch issuing in another format than signed XML (batch.c): each record
 * is built, checked, registered and given its status entries as for XML,
 * then @secure appends the issued document's bytes to @out (from @doc,
 * the built document with its status entries; @name the record's file,
 * for messages).  Called from the worker threads at once: it must be
 * thread-safe.  Files are DIR/TYPE-KEY + @ext; @keyed_with joins each
 * record's key, so a record issued in one format is not taken for the
 * same record issued in another.
 */
typedef struct setara_cred__batch_format {
	const char *ext;
	const char *keyed_with;
	int (*secure)(setara_buf *out, struct _xmlDoc *doc, const char *name,
		void *payload);
	void *payload;
} setara_cred__batch_format;

/* setara_issue_batch() in the format @fmt (NULL: signed XML). */
int setara_cred__issue_batch(setara_batch_stats *out, setara_store *st,
	setara_doc_type type, const char *input, const setara_signer *signer,
	const char *out_dir, const setara_batch_options *opts,
	const setara_cred__batch_format *fmt);

/* ---- the trust list's verification methods (trust.c) ------------------ */

/*
 * The verification method @method as the trust list binds it: the issuer
 * id, the public key (base64 of a DER SubjectPublicKeyInfo) and the
 * SHA-256 of the issuer's certificate of that key (NULL for a raw key).
 * Borrowed from @t.  SETARA_ENOTFOUND (no message) when not listed.
 */
int setara_cred__trust_method(const setara_trust *t, const char *method,
	const char **issuer_id, const char **public_key,
	const char **cert_sha256);
/*
 * The trust check of @method: a raw key passes on the trust list's binding
 * alone; the key of a certificate passes when the trust list holds that
 * certificate (certificate/x509) and it chains to an anchor at @at (@when
 * names that time in the reason: "signing time"), with a signer's key
 * usage, as an XML signer's certificate; could-not-check when the list
 * holds only its SHA-256.  Fills @status (a setara_check_status) and
 * @reason (allocated).
 */
int setara_cred__trust_method_chain(const setara_trust *t,
	const char *method, time_t at, const char *when, int *status,
	char **reason);
/*
 * The issuer check of a document signed with @method: the method belongs
 * to the issuer @h names (and its country), one accreditation covers the
 * document's type, levels and issue time.  Fills @status (a
 * setara_check_status) and @reason (allocated).
 */
int setara_cred__trust_issuer_method(const setara_trust *t,
	const setara_cred__header *h, const char *method, int *status,
	char **reason);

/* ---- levels against the reference data (levels.c) ---------------------- */

typedef struct setara_cred__levels setara_cred__levels;
int setara_cred__levels_new(setara_cred__levels **out);
void setara_cred__levels_free(setara_cred__levels *lv);
/* The level part of the consistency check; the caller holds the store
 * lock.  Fills @status and @reason (allocated). */
int setara_cred__levels_check(setara_cred__levels *lv, setara_store *st,
	const setara_cred__header *h, int *status, char **reason);

/* ---- verdicts of other formats (verify.c) ------------------------------ */

/* An empty verdict of @file (every check pass until set). */
int setara_cred__verdict_new(setara_verdict **out, const char *file);
/* What the document is: its id, type name and issuer (each may be NULL). */
int setara_cred__verdict_about(setara_verdict *v, const char *id,
	const char *type, const char *issuer);
/* Record check @k; @reason is taken (NULL only when out of memory, then
 * SETARA_ENOMEM). */
int setara_cred__verdict_set(setara_verdict *v, setara_check k, int status,
	char *reason);
/* The verifier's time of verification, and its trust directory (or
 * NULL). */
time_t setara_cred__verifier_at(const setara_verifier *v);
const setara_trust *setara_cred__verifier_trust(const setara_verifier *vf);
/* The verifier's status lists path (--status), or NULL. */
const char *setara_cred__verifier_status(const setara_verifier *vf);
/*
 * The verifier's slot for a component above cred (vc keeps there the
 * status lists it opened from the status path, once per issuer): locked,
 * and freed with the verifier by @dispose.  One component uses it.
 */
void **setara_cred__verifier_ext_lock(setara_verifier *vf,
	void (*dispose)(void *));
void setara_cred__verifier_ext_unlock(setara_verifier *vf);
/* The validity check of @h at @at, as for every document. */
int setara_cred__verdict_validity(setara_verdict *v,
	const setara_cred__header *h, time_t at);
/* The status of @h in the verifier's local register: *status pass, fail
 * (revoked, suspended) or could-not-check (no register, not issued
 * there, another status entry); @reason allocated or NULL. */
int setara_cred__verdict_register_status(setara_verifier *vf,
	const setara_cred__header *h, int *status, char **reason);
/* The consistency check's levels part: every claimed level against the
 * reference data of the verifier's store. */
int setara_cred__verdict_levels(setara_verdict *v, setara_verifier *vf,
	const setara_cred__header *h);
/* The result from the checks: invalid when one fails, else indeterminate
 * when one could not be made, else valid. */
void setara_cred__verdict_finish(setara_verdict *v);

/*
 * Write @v's "result" and "checks" (each check, status and reason) into
 * the open JSON object @j (verdict_json.c).
 */
void setara_cred__verdict_json(setara__json *j, const setara_verdict *v);
/* The whole report of one document (`setara --json verify`, POST /verify):
 * version, file, id, type, issuer, then the verdict. */
void setara_cred__verdict_report_json(setara__json *j,
	const setara_verdict *v);
/* The same members written into the open object @j (the service's
 * POST /credentials/verify adds the VC-API's after them). */
void setara_cred__verdict_report_members(setara__json *j,
	const setara_verdict *v);

/*
 * Publishing status lists in more than one format (publish.c): the
 * register, the incremental publication records, the atomic write and
 * the audit entry are the same for each; a format says how a list is
 * written.  The XML statusList is setara_status_publish()'s; the vc
 * component adds the BitstringStatusListCredential.
 */
typedef struct setara_cred__list {
	const char *path;           /* the file it goes to, for messages */
	const char *list_id;        /* urn:uuid */
	const char *issuer, *issuer_name, *issuer_country;
	int suspension;             /* else revocation */
	const unsigned char *bits;  /* index 0: left-most bit of byte 0 */
	size_t nbits;               /* a multiple of 8, >= 131072 */
	time_t now, valid_until;
} setara_cred__list;

typedef struct setara_cred__list_format {
	const char *ext;            /* the files' extension: ".xml" */
	const char *signed_with;    /* what else the file depends on (its
				       settings), in the publication's
				       signer digest; NULL: nothing */
	/* Append the signed list to @out. */
	int (*write)(setara_buf *out, const setara_cred__list *l,
		void *payload);
	void *payload;
} setara_cred__list_format;

/*
 * setara_status_publish() in the format @fmt: lists go to
 * DIR/ISSUER-SEQ-PURPOSE + fmt->ext, or to the file @out when it ends in
 * fmt->ext.  A file of one format and one of another are different
 * publications (each recorded by its path).
 */
int setara_cred__status_publish(setara_store *st,
	const setara_signer *signer, const char *out,
	const setara_publish_options *opts,
	const setara_cred__list_format *fmt, setara_publish_cb cb,
	void *payload);

#endif
