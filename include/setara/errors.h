/*
 * setara: errors.
 *
 * A failing function returns a negative code and leaves a description in a
 * thread-local "last error" that setara_error_last() returns.  The message is
 * set once, where the failure happens; callers pass the code up unchanged.
 *
 * A verdict is not an error: verification, transfer evaluation and MRS
 * checks return 0 once they have run and put their answer in their output.
 */
#ifndef SETARA_ERRORS_H
#define SETARA_ERRORS_H

#include "common.h"

SETARA_BEGIN_DECL

/** Return codes.  Never renumbered. */
typedef enum {
	SETARA_OK = 0,
	SETARA_ERROR = -1,     /**< generic failure (internal) */
	SETARA_EUSAGE = -2,    /**< the caller's arguments are wrong */
	SETARA_ENOTFOUND = -3, /**< an identifier names nothing known */
	SETARA_EINVALID = -4,  /**< input data malformed or schema-invalid */
	SETARA_EEXISTS = -5,   /**< the object exists already */
	SETARA_ESTORE = -6,    /**< the store failed (sqlite) */
	SETARA_EIO = -7,       /**< reading or writing a file failed */
	SETARA_ENOMEM = -8     /**< out of memory */
} setara_error_code;

/** Where an error comes from. */
typedef enum {
	SETARA_ERROR_NONE = 0,
	SETARA_ERROR_NOMEMORY,
	SETARA_ERROR_OS,
	SETARA_ERROR_XML,
	SETARA_ERROR_SCHEMA,
	SETARA_ERROR_STORE,
	SETARA_ERROR_CRYPTO,
	SETARA_ERROR_DATA,
	SETARA_ERROR_QF,
	SETARA_ERROR_CREDIT,
	SETARA_ERROR_USAGE,
	SETARA_ERROR_INTERNAL
} setara_error_class;

/** The last error of the calling thread.  All strings are borrowed. */
typedef struct setara_error {
	int code;            /**< a setara_error_code */
	int klass;           /**< a setara_error_class */
	const char *message; /**< one line, never NULL when code != 0 */
	const char *file;    /**< input file the error is about, or NULL */
	int line;            /**< line in that file, or 0 */
	const char *field;   /**< element, attribute or option, or NULL */
} setara_error;

/**
 * The last error set on this thread.
 *
 * @return a borrowed pointer, valid until the next setara call on this
 *         thread; code is SETARA_OK and message "" when there is none.
 */
SETARA_EXTERN(const setara_error *) setara_error_last(void);

/** Forget the last error of this thread. */
SETARA_EXTERN(void) setara_error_clear(void);

/** A short English name for a return code ("bad input", ...). */
SETARA_EXTERN(const char *) setara_error_code_name(int code);

SETARA_END_DECL

#endif
