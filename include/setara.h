/*
 * setara: recognition of learning across the ASEAN Member States.
 *
 * The one header a program includes.  See docs/ for the API conventions:
 * functions return 0 or a negative setara_error_code, the last error is
 * read with setara_error_last(), and objects returned through an out
 * parameter are freed with the matching _free function.
 *
 * Thread-safety is stated in each header: in short, a store handle is not
 * thread-safe, signers, trust stores and verifiers may be shared once
 * made, most results may be read by several threads (a verdict belongs
 * to one), the last error is per
 * thread, and setara_init() is reference-counted and safe from any thread.
 */
#ifndef SETARA_H
#define SETARA_H

#include "setara/common.h"
#include "setara/errors.h"
#include "setara/buf.h"
#include "setara/store.h"
#include "setara/qf.h"
#include "setara/credit.h"
#include "setara/cred.h"
#include "setara/render.h"
#include "setara/mrs.h"
#include "setara/register.h"
#include "setara/catalog.h"
#include "setara/vc.h"

SETARA_BEGIN_DECL

/**
 * Initialise the libraries setara uses (libxml2, libxslt, xmlsec, OpenSSL)
 * with the safe settings: no network, no external entity loading.  Call it
 * before any other setara function.  Reference-counted and safe to call
 * from several threads: the first call sets up, later ones count, and each
 * call that returned 0 is matched by one setara_shutdown().
 * @return 0 or a negative error code.
 */
SETARA_EXTERN(int) setara_init(void);

/**
 * Undo one setara_init(); the last one releases what it set up (and
 * libxml2's global state: call it when no thread uses setara, nor libxml2
 * for anything else).
 */
SETARA_EXTERN(void) setara_shutdown(void);

/** The library's version string. */
SETARA_EXTERN(const char *) setara_version(void);

/**
 * Fix the time the library takes for now: the issue time of the documents
 * it builds and of status lists, the time of a verification or a check
 * whose options give none, the times of the store's audit log.  For
 * reproducible output (tests; the setara command reads SETARA_NOW and
 * calls this): the library itself never reads the environment.
 * Process-wide; set it before other threads use the library.
 *
 * @param at seconds since the epoch, UTC; 0 returns to the system clock.
 */
SETARA_EXTERN(void) setara_clock_set(long long at);

SETARA_END_DECL

#endif
