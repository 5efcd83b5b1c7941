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

/*
 * libxmlsec1 with OpenSSL, locked down (cred_init.c), run by
 * setara_init() after libxml2's set-up; and its undoing.
 */
int setara_cred__global_init(void);
void setara_cred__global_shutdown(void);

/*
 * Write @v's "result" and "checks" (each check, status and reason) into
 * the open JSON object @j (verdict_json.c).
 */
void setara_cred__verdict_json(setara__json *j, const setara_verdict *v);
/* The whole report of one document (`setara --json verify`, POST /verify):
 * version, file, id, type, issuer, then the verdict. */
void setara_cred__verdict_report_json(setara__json *j,
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
