/*
 * Allocation.  Every allocation in the library passes through here so that
 * tests can make allocations fail on purpose and check that each failure
 * path releases what it took and reports SETARA_ENOMEM.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* < 0: never fail; otherwise the number of allocations still allowed. */
static long fail_after = -1;

void setara__alloc_fail_after(long n)
{
	fail_after = n;
}

static int should_fail(void)
{
	if (fail_after < 0)
		return 0;
	if (fail_after == 0)
		return 1;
	fail_after--;
	return 0;
}

static void *nomem(void)
{
	setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY, NULL, 0, NULL,
		"out of memory");
	return NULL;
}

void *setara__malloc(size_t n)
{
	void *p;

	if (should_fail() || (p = malloc(n ? n : 1)) == NULL)
		return nomem();
	return p;
}

void *setara__calloc(size_t n, size_t size)
{
	void *p;

	if (should_fail() || (p = calloc(n ? n : 1, size ? size : 1)) == NULL)
		return nomem();
	return p;
}

void *setara__realloc(void *old, size_t n)
{
	void *p;

	if (should_fail() || (p = realloc(old, n ? n : 1)) == NULL)
		return nomem();
	return p;
}

char *setara__strndup(const char *s, size_t n)
{
	char *p;
	size_t len = 0;

	while (len < n && s[len])
		len++;
	if ((p = setara__malloc(len + 1)) == NULL)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *setara__strdup(const char *s)
{
	return s ? setara__strndup(s, strlen(s)) : NULL;
}

char *setara__asprintf(const char *fmt, ...)
{
	setara_buf b = SETARA_BUF_INIT;
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = setara_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (error < 0) {
		setara_buf_dispose(&b);
		return NULL;
	}
	if (b.ptr == NULL)
		return setara__strdup("");
	return setara_buf_detach(&b);
}

void setara_free(void *p)
{
	free(p);
}
