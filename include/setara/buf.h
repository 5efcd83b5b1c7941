/*
 * setara: growable byte buffers handed out by the library.
 *
 * A setara_buf is owned by the caller: declare it with SETARA_BUF_INIT and
 * release it with setara_buf_dispose().  ptr is always NUL-terminated when
 * size > 0 or after any successful append.
 * A buffer belongs to one thread at a time.
 */
#ifndef SETARA_BUF_H
#define SETARA_BUF_H

#include <stdarg.h>
#include "common.h"

SETARA_BEGIN_DECL

typedef struct setara_buf {
	char *ptr;
	size_t size;  /**< bytes used, not counting the terminating NUL */
	size_t asize; /**< bytes allocated */
} setara_buf;

#define SETARA_BUF_INIT { NULL, 0, 0 }

/** Make room for at least @p n more bytes. @return 0 or SETARA_ENOMEM. */
SETARA_EXTERN(int) setara_buf_grow(setara_buf *b, size_t n);
/** Append @p len bytes. */
SETARA_EXTERN(int) setara_buf_put(setara_buf *b, const void *data,
	size_t len);
/** Append a NUL-terminated string. */
SETARA_EXTERN(int) setara_buf_puts(setara_buf *b, const char *s);
/** Append formatted text. */
SETARA_EXTERN(int) setara_buf_printf(setara_buf *b, const char *fmt, ...)
	SETARA_PRINTF(2, 3);
SETARA_EXTERN(int) setara_buf_vprintf(setara_buf *b, const char *fmt,
	va_list ap);
/** Empty the buffer, keeping its memory. */
SETARA_EXTERN(void) setara_buf_clear(setara_buf *b);
/**
 * Take the buffer's memory: the caller frees the result with
 * setara_free(); the buffer is left empty.
 */
SETARA_EXTERN(char *) setara_buf_detach(setara_buf *b);
/** Free the buffer's memory; the buffer may be reused. NULL-safe. */
SETARA_EXTERN(void) setara_buf_dispose(setara_buf *b);

/** Free memory the library handed out (setara_buf_detach, strings). */
SETARA_EXTERN(void) setara_free(void *p);

SETARA_END_DECL

#endif
