/*
 * Memory for results: an arena of blocks that is freed at once.
 *
 * A conversion or a transfer decision is made of many small strings
 * (trace lines, exact numbers as text) that live exactly as long as the
 * result; the arena makes them cheap to allocate (the transfer engine
 * writes several per course, at hundreds of thousands of courses a
 * second) and impossible to leak one by one.  Also the small helpers
 * every file of the component shares: facts, steps, growable vectors.
 */
#include <string.h>

#include "credit_int.h"

struct cr_block {
	cr_block *next;
	size_t used, size;
	/* max_align_t alignment for what follows */
	union {
		long double ld;
		long long ll;
		void *p;
	} data[];
};

#define BLOCK_MIN 4096
#define BLOCK_MAX (64 * 1024)

void *setara_credit__alloc(cr_arena *a, size_t n)
{
	cr_block *b = a->head;
	size_t al = sizeof(b->data[0]), need = (n + al - 1) / al * al;
	void *p;

	if (b == NULL || b->size - b->used < need) {
		/* each block twice the last, up to BLOCK_MAX: a big result
		 * takes few blocks, a small one little memory */
		size_t sz = b ? b->size * 2 : BLOCK_MIN;

		if (sz > BLOCK_MAX)
			sz = BLOCK_MAX;
		if (sz < need)
			sz = need;

		if ((b = setara__malloc(sizeof(*b) + sz)) == NULL)
			return NULL;
		b->size = sz;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += need;
	memset(p, 0, n);
	return p;
}

char *setara_credit__strdup(cr_arena *a, const char *s)
{
	size_t n;
	char *d;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	if ((d = setara_credit__alloc(a, n + 1)) != NULL)
		memcpy(d, s, n + 1);
	return d;
}

char *setara_credit__vprintf(cr_arena *a, const char *fmt, va_list ap)
{
	char buf[512], *d;
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(buf, sizeof(buf), fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return NULL;
	if ((d = setara_credit__alloc(a, (size_t)n + 1)) == NULL)
		return NULL;
	if ((size_t)n < sizeof(buf))
		memcpy(d, buf, (size_t)n + 1);
	else
		vsnprintf(d, (size_t)n + 1, fmt, ap);
	return d;
}

char *setara_credit__printf(cr_arena *a, const char *fmt, ...)
{
	va_list ap;
	char *d;

	va_start(ap, fmt);
	d = setara_credit__vprintf(a, fmt, ap);
	va_end(ap);
	return d;
}

char *setara_credit__dec(cr_arena *a, setara__dec d)
{
	char buf[SETARA_DEC_BUFSIZE];

	return setara_credit__strdup(a, setara__dec_format(buf, d));
}

void setara_credit__arena_free(cr_arena *a)
{
	cr_block *b, *next;

	for (b = a->head; b; b = next) {
		next = b->next;
		setara__free(b);
	}
	a->head = NULL;
}

void *setara_credit__vec_push(cr_arena *a, cr_vec *v, size_t size)
{
	void *p;

	if (v->n == v->alloc) {
		size_t na = v->alloc ? v->alloc * 2 : 8;

		if ((p = setara_credit__alloc(a, na * size)) == NULL)
			return NULL;
		if (v->n)
			memcpy(p, v->items, v->n * size);
		v->items = p;
		v->alloc = na;
		v->size = size;
	}
	p = (char *)v->items + v->n * size;
	v->n++;
	return p;
}

/* ---- facts --------------------------------------------------------------- */

setara_confidence setara_credit__confidence(const char *s)
{
	if (s == NULL)
		return SETARA_CONFIDENCE_UNKNOWN;
	if (strcmp(s, "high") == 0)
		return SETARA_CONFIDENCE_HIGH;
	if (strcmp(s, "medium") == 0)
		return SETARA_CONFIDENCE_MEDIUM;
	if (strcmp(s, "low") == 0)
		return SETARA_CONFIDENCE_LOW;
	return SETARA_CONFIDENCE_UNKNOWN;
}

const char *setara_credit__confidence_name(setara_confidence c)
{
	switch (c) {
	case SETARA_CONFIDENCE_HIGH: return "high";
	case SETARA_CONFIDENCE_MEDIUM: return "medium";
	case SETARA_CONFIDENCE_LOW: return "low";
	default: return NULL;
	}
}

int setara_credit__is_sample(const cr_fact *f)
{
	return f->status && strcmp(f->status, "sample") == 0;
}

const char *setara_credit__fact_tag(cr_arena *a, const cr_fact *f)
{
	const char *c = setara_credit__confidence_name(f->confidence);

	if (setara_credit__is_sample(f))
		return " [sample]";
	if (f->source && c)
		return setara_credit__printf(a, " [%s, %s]", f->source, c);
	if (c)
		return setara_credit__printf(a, " [%s]", c);
	if (f->status)
		return setara_credit__printf(a, " [%s]", f->status);
	return "";
}

void setara_credit__facts_init(cr_facts *fs)
{
	memset(fs, 0, sizeof(*fs));
	fs->lowest = SETARA_CONFIDENCE_HIGH;
}

int setara_credit__facts_add(cr_arena *a, cr_facts *fs, setara_store *st,
	const char *subject, const char *what, const char *value,
	const cr_fact *f)
{
	setara_credit_fact *x;

	if ((x = setara_credit__vec_push(a, &fs->v, sizeof(*x))) == NULL)
		return SETARA_ENOMEM;
	x->subject = subject;
	x->what = what;
	x->value = value;
	x->source = f->source;
	x->sources = f->source && st ? setara_credit__source_text(a, st,
		f->source_id, f->source) : NULL;
	x->confidence = setara_credit__is_sample(f) ?
		SETARA_CONFIDENCE_UNKNOWN : f->confidence;
	x->status = f->status;
	x->file = f->file;
	x->line = f->line;
	if (setara_credit__is_sample(f))
		fs->sample = 1;
	else if (f->confidence != SETARA_CONFIDENCE_UNKNOWN &&
	    f->confidence < fs->lowest)
		fs->lowest = f->confidence;
	return 0;
}

int setara_credit__step(cr_arena *a, cr_vec *steps, const char *fmt, ...)
{
	const char **slot;
	va_list ap;

	if ((slot = setara_credit__vec_push(a, steps, sizeof(*slot))) == NULL)
		return SETARA_ENOMEM;
	va_start(ap, fmt);
	*slot = setara_credit__vprintf(a, fmt, ap);
	va_end(ap);
	return *slot ? 0 : SETARA_ENOMEM;
}
