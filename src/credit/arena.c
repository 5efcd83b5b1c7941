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

/* Memory from @a, not cleared. */
static void *arena_get(cr_arena *a, size_t n)
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

		if (a->spare && a->spare->size >= need) {
			/* a block an earlier result gave back: warm memory,
			 * no trip to malloc (or to the kernel for pages) */
			b = a->spare;
			a->spare = b->next;
		} else if ((b = setara__malloc(sizeof(*b) + sz)) != NULL) {
			b->size = sz;
		} else {
			return NULL;
		}
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += need;
	return p;
}

void *setara_credit__alloc(cr_arena *a, size_t n)
{
	void *p = arena_get(a, n);

	if (p)
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
	if ((d = arena_get(a, n + 1)) != NULL)
		memcpy(d, s, n + 1);
	return d;
}

/*
 * The conversions trace lines use, written without the C library's
 * printf machinery, which was most of an evaluation's time: %s, %d, %u,
 * %zu and %%, no flags, width or precision.  The length written, or -1
 * for anything else (the caller then asks vsnprintf) or when @cap is too
 * small.
 */
static int quick_format(char *buf, size_t cap, const char *fmt, va_list ap)
{
	char digits[24];
	const char *s;
	size_t o = 0, n;
	unsigned long long u;
	int neg;

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			if (o + 1 >= cap)
				return -1;
			buf[o++] = *fmt;
			continue;
		}
		neg = 0;
		switch (*++fmt) {
		case '%':
			s = "%";
			break;
		case 's':
			if ((s = va_arg(ap, const char *)) == NULL)
				s = "(null)";
			break;
		case 'd': {
			int v = va_arg(ap, int);

			neg = v < 0;
			u = neg ? 0ULL - (unsigned long long)v :
				(unsigned long long)v;
			goto number;
		}
		case 'u':
			u = va_arg(ap, unsigned);
			goto number;
		case 'z':
			if (fmt[1] != 'u')
				return -1;
			fmt++;
			u = va_arg(ap, size_t);
		number:
			s = digits + sizeof(digits) - 1;
			digits[sizeof(digits) - 1] = '\0';
			do
				*(char *)--s = (char)('0' + u % 10);
			while ((u /= 10) != 0);
			if (neg)
				*(char *)--s = '-';
			break;
		default:
			return -1;
		}
		n = strlen(s);
		if (o + n >= cap)
			return -1;
		memcpy(buf + o, s, n);
		o += n;
	}
	buf[o] = '\0';
	return (int)o;
}

char *setara_credit__vprintf(cr_arena *a, const char *fmt, va_list ap)
{
	cr_block *b = a->head;
	char buf[512], *d;
	va_list ap2;
	int n;

	if (b && b->used < b->size) {
		/* straight into the block when the line fits there */
		size_t al = sizeof(b->data[0]);

		d = (char *)b->data + b->used;
		va_copy(ap2, ap);
		n = quick_format(d, b->size - b->used, fmt, ap2);
		va_end(ap2);
		if (n >= 0) {
			b->used += ((size_t)n + al) / al * al;
			return d;
		}
	}
	va_copy(ap2, ap);
	n = quick_format(buf, sizeof(buf), fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		va_copy(ap2, ap);
		n = vsnprintf(buf, sizeof(buf), fmt, ap2);
		va_end(ap2);
	}
	if (n < 0)
		return NULL;
	if ((d = arena_get(a, (size_t)n + 1)) == NULL)
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

void setara_credit__blocks_free(cr_block *b)
{
	cr_block *next;

	for (; b; b = next) {
		next = b->next;
		setara__free(b);
	}
}

void setara_credit__arena_free(cr_arena *a)
{
	cr_block *head = a->head, *spare = a->spare;

	/* @a may live in its own blocks (a result and its arena): it is
	 * not touched once they are freed. */
	a->head = NULL;
	a->spare = NULL;
	setara_credit__blocks_free(head);
	setara_credit__blocks_free(spare);
}

cr_block *setara_credit__arena_take(cr_arena *a, size_t keep)
{
	cr_block *lists[2], *b, *next, *kept = NULL;
	size_t total = 0;
	int i;

	lists[0] = a->head;
	lists[1] = a->spare;
	a->head = NULL;
	a->spare = NULL;
	for (i = 0; i < 2; i++)
		for (b = lists[i]; b; b = next) {
			next = b->next;
			if (total + b->size > keep) {
				setara__free(b);
				continue;
			}
			total += b->size;
			b->next = kept;
			kept = b;
		}
	return kept;
}

void setara_credit__arena_reuse(cr_arena *a, cr_block *blocks)
{
	cr_block *last;

	if (blocks == NULL)
		return;
	for (last = blocks; last->next; last = last->next)
		;
	last->next = a->spare;
	a->spare = blocks;
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

int setara_credit__is_sample(const cr_fact *f)
{
	return f->status && strcmp(f->status, "sample") == 0;
}

const char *setara_credit__fact_tag(cr_arena *a, const cr_fact *f)
{
	const char *c = f->confidence == SETARA_CONFIDENCE_UNKNOWN ? NULL :
		setara__confidence_name(f->confidence);

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
