/*
 * setara: recognition of learning across the ASEAN Member States.
 *
 * The one header a program includes.  See docs/ for the API conventions:
 * functions return 0 or a negative setara_error_code, the last error is
 * read with setara_error_last(), and objects returned through an out
 * parameter are freed with the matching _free function.
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
 * with the safe settings: no network, no external entity loading.  Call
 * once from the main thread before any other setara function.
 * @return 0 or a negative error code.
 */
SETARA_EXTERN(int) setara_init(void);

/** Release what setara_init() set up. */
SETARA_EXTERN(void) setara_shutdown(void);

/** The library's version string. */
SETARA_EXTERN(const char *) setara_version(void);

SETARA_END_DECL

#endif
