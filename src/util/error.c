/*
 * The thread-local last error.
 *
 * Strings are copied into fixed buffers so that setting an error never
 * allocates (it must work when memory has run out).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

struct error_state {
	setara_error e;
	char message[512];
	char file[256];
	char field[128];
};

static _Thread_local struct error_state last;

static void copy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

const setara_error *setara_error_last(void)
{
	if (last.e.message == NULL)
		last.e.message = "";
	return &last.e;
}

void setara_error_clear(void)
{
	memset(&last, 0, sizeof(last));
}

int setara_error__vset(int code, int klass, const char *file, int line,
	const char *field, const char *fmt, va_list ap)
{
	char *nl;

	vsnprintf(last.message, sizeof(last.message), fmt, ap);
	/* Messages are one line: libxml2's end in '\n'. */
	while ((nl = strchr(last.message, '\n')) != NULL) {
		if (nl[1] == '\0')
			*nl = '\0';
		else
			*nl = ' ';
	}
	last.e.code = code;
	last.e.klass = klass;
	last.e.message = last.message;
	last.e.line = line;
	if (file) {
		copy(last.file, sizeof(last.file), file);
		last.e.file = last.file;
	} else {
		last.e.file = NULL;
	}
	if (field) {
		copy(last.field, sizeof(last.field), field);
		last.e.field = last.field;
	} else {
		last.e.field = NULL;
	}
	return code;
}

int setara_error__set(int code, int klass, const char *file, int line,
	const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	code = setara_error__vset(code, klass, file, line, field, fmt, ap);
	va_end(ap);
	return code;
}

void setara_error__set_file(const char *file)
{
	if (file && last.e.code != 0 && last.e.file == NULL) {
		copy(last.file, sizeof(last.file), file);
		last.e.file = last.file;
	}
}

int setara_error__os(const char *path, const char *what)
{
	int err = errno;

	return setara_error__set(SETARA_EIO, SETARA_ERROR_OS, path, 0, NULL,
		"%s: %s", what, strerror(err));
}

const char *setara_error_code_name(int code)
{
	switch (code) {
	case SETARA_OK: return "success";
	case SETARA_EUSAGE: return "usage error";
	case SETARA_ENOTFOUND: return "not found";
	case SETARA_EINVALID: return "bad input data";
	case SETARA_EEXISTS: return "already exists";
	case SETARA_ESTORE: return "store failure";
	case SETARA_EIO: return "I/O failure";
	case SETARA_ENOMEM: return "out of memory";
	default: return "internal error";
	}
}
