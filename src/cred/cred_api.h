/*
 * The cred component's interface for the rest of the library and the
 * command: its global set-up and the verdict's JSON.  Otherwise the other
 * components call cred through its public headers (setara/cred.h,
 * setara/render.h); the files of src/cred include cred_int.h.
 */
#ifndef SETARA_CRED_API_H
#define SETARA_CRED_API_H

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

#endif
