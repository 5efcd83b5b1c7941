/*
 * Allocation.  Every allocation in the library passes through here so that
 * tests can make allocations fail on purpose and check that each failure
 * path releases what it took and reports SETARA_ENOMEM.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/*
 * Fault injection for tests.  fault_at < 0: allocations never fail;
 * otherwise it counts down the allocations still allowed, and the one
 * that finds it at 0 fails -- and every later one too when fault_persist
 * is set, else injection turns itself off.  Batch workers allocate at
 * once, hence the atomics.
 */
static long fault_at = -1;
static int fault_persist;
static long fault_calls, fault_failed;

void setara__alloc_fault(long n, int persist)
{
	__atomic_store_n(&fault_at, -1, __ATOMIC_SEQ_CST);
	__atomic_store_n(&fault_calls, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&fault_failed, 0, __ATOMIC_SEQ_CST);
	fault_persist = persist;
	__atomic_store_n(&fault_at, n, __ATOMIC_SEQ_CST);
}

void setara__alloc_fail_after(long n)
{
	setara__alloc_fault(n, 1);
}

void setara__alloc_fault_stats(long *calls, long *failed)
{
	if (calls)
		*calls = __atomic_load_n(&fault_calls, __ATOMIC_SEQ_CST);
	if (failed)
		*failed = __atomic_load_n(&fault_failed, __ATOMIC_SEQ_CST);
}

static int should_fail(void)
{
	long n = __atomic_load_n(&fault_at, __ATOMIC_SEQ_CST);

	__atomic_add_fetch(&fault_calls, 1, __ATOMIC_SEQ_CST);
	for (;;) {
		if (n < 0)
			return 0;
		if (n > 0) {
			if (__atomic_compare_exchange_n(&fault_at, &n, n - 1,
			    0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
				return 0;
			continue;
		}
		if (fault_persist || __atomic_compare_exchange_n(&fault_at,
		    &n, -1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			break;
	}
	__atomic_add_fetch(&fault_failed, 1, __ATOMIC_SEQ_CST);
	return 1;
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

char *setara__vasprintf(const char *fmt, va_list ap)
{
	setara_buf b = SETARA_BUF_INIT;

	if (setara_buf_vprintf(&b, fmt, ap) < 0) {
		setara_buf_dispose(&b);
		return NULL;
	}
	if (b.ptr == NULL)
		return setara__strdup("");
	return setara_buf_detach(&b);
}

char *setara__asprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = setara__vasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void *setara__grow(void *p, size_t *alloc, size_t n, size_t size,
	size_t first)
{
	size_t a = *alloc ? 2 * *alloc : first;

	if (n < *alloc)
		return p;
	if (a > SIZE_MAX / size)
		return nomem();
	if ((p = setara__realloc(p, a * size)) != NULL)
		*alloc = a;
	return p;
}

void setara__free_strv(char **v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		setara__free(v[i]);
	setara__free(v);
}

void setara_free(void *p)
{
	free(p);
}
