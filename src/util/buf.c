/*
 * Growable, NUL-terminated byte buffers (setara_buf).
 */
#include <stdio.h>
#include <string.h>

#include "util.h"

int setara_buf_grow(setara_buf *b, size_t n)
{
	size_t want, nsize;
	char *p;

	if (n > SIZE_MAX - b->size - 1)
		return setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
			NULL, 0, NULL, "buffer too large");
	want = b->size + n + 1;
	if (want <= b->asize)
		return 0;
	nsize = b->asize ? b->asize : 64;
	while (nsize < want)
		nsize = nsize > SIZE_MAX / 2 ? want : nsize * 2;
	if ((p = setara__realloc(b->ptr, nsize)) == NULL)
		return SETARA_ENOMEM;
	b->ptr = p;
	b->asize = nsize;
	return 0;
}

int setara_buf_put(setara_buf *b, const void *data, size_t len)
{
	int error;

	if ((error = setara_buf_grow(b, len)) < 0)
		return error;
	if (len)
		memcpy(b->ptr + b->size, data, len);
	b->size += len;
	b->ptr[b->size] = '\0';
	return 0;
}

int setara_buf_puts(setara_buf *b, const char *s)
{
	return setara_buf_put(b, s, strlen(s));
}

int setara_buf_vprintf(setara_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n, error;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return setara_error__set(SETARA_ERROR, SETARA_ERROR_INTERNAL,
			NULL, 0, NULL, "bad format string");
	if ((error = setara_buf_grow(b, (size_t)n)) < 0)
		return error;
	vsnprintf(b->ptr + b->size, (size_t)n + 1, fmt, ap);
	b->size += (size_t)n;
	return 0;
}

int setara_buf_printf(setara_buf *b, const char *fmt, ...)
{
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = setara_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return error;
}

void setara_buf_clear(setara_buf *b)
{
	b->size = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

char *setara_buf_detach(setara_buf *b)
{
	char *p = b->ptr;

	b->ptr = NULL;
	b->size = b->asize = 0;
	return p;
}

void setara_buf_dispose(setara_buf *b)
{
	if (b == NULL)
		return;
	setara_free(b->ptr);
	b->ptr = NULL;
	b->size = b->asize = 0;
}
