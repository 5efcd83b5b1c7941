/*
 * The verifier's tree: a compact, read-only JSON tree in an arena.
 *
 * The fast reader (jsonfast.c) builds it in one pass over the text, with
 * one allocation per arena chunk instead of one per value; the checks
 * of a credential (check.c, proof.c, statuslist.c, wellformed.c,
 * contexts.c) read it, and JCS (jcs.c) writes it.  A value is a tagged
 * union; an array holds its items and an object its members (name and
 * value) in one block each, in their order.  A tree can also be made of
 * a jansson tree (what the fast reader declines and jansson reads, and
 * the trees built in memory), borrowing its strings.
 */
#include <stddef.h>
#include <string.h>

#include "vc_int.h"

/* An arena chunk; the newest first. */
typedef struct chunk {
	struct chunk *next;
	size_t size, used;
	union {
		double d;
		void *p;
		long long ll;
	} data[];
} chunk;

#define ALIGN (sizeof(double) > sizeof(void *) ? sizeof(double) : \
	sizeof(void *))
#define FIRST_CHUNK 4096

void *setara_vc__jalloc(setara_vc__jdoc *d, size_t n)
{
	chunk *c = d->arena;
	size_t size;
	void *p;

	n = (n + ALIGN - 1) & ~(ALIGN - 1);
	if (c == NULL || c->size - c->used < n) {
		size = c ? c->size * 2 : FIRST_CHUNK;
		if (size < n)
			size = n;
		if (size > ((size_t)-1 - sizeof(chunk)) / 2 ||
		    (c = setara__malloc(sizeof(chunk) + size)) == NULL)
			return NULL;
		c->next = d->arena;
		c->size = size;
		c->used = 0;
		d->arena = c;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

int setara_vc__jreserve(setara_vc__jdoc *d, size_t n)
{
	chunk *c;

	if (d->arena != NULL)
		return 0;
	if (n < FIRST_CHUNK)
		n = FIRST_CHUNK;
	if (n > (size_t)-1 - sizeof(chunk) ||
	    (c = setara__malloc(sizeof(chunk) + n)) == NULL)
		return SETARA_ENOMEM;
	c->next = NULL;
	c->size = n;
	c->used = 0;
	d->arena = c;
	return 0;
}

void setara_vc__jdoc_dispose(setara_vc__jdoc *d)
{
	chunk *c, *next;

	if (d == NULL)
		return;
	for (c = d->arena; c; c = next) {
		next = c->next;
		setara__free(c);
	}
	json_decref(d->owner);
	d->arena = NULL;
	d->owner = NULL;
	d->root = NULL;
}

/* ---- reading ------------------------------------------------------------ */

const setara_vc__jv *setara_vc__jget(const setara_vc__jv *o, const char *key)
{
	size_t i, len;

	if (!setara_vc__jis_object(o))
		return NULL;
	len = strlen(key);
	for (i = 0; i < o->n; i++)
		if (o->u.members[i].len == len &&
		    memcmp(o->u.members[i].key, key, len) == 0)
			return &o->u.members[i].v;
	return NULL;
}

const char *setara_vc__jstr(const setara_vc__jv *v)
{
	return setara_vc__jis_string(v) ? v->u.s : NULL;
}

size_t setara_vc__jsize(const setara_vc__jv *v)
{
	return setara_vc__jis_array(v) || setara_vc__jis_object(v) ? v->n : 0;
}

const setara_vc__jv *setara_vc__jat(const setara_vc__jv *a, size_t i)
{
	return setara_vc__jis_array(a) && i < a->n ? &a->u.items[i] : NULL;
}

double setara_vc__jnum(const setara_vc__jv *v)
{
	return setara_vc__jis_number(v) ? v->u.d : 0.0;
}

int setara_vc__jequal(const setara_vc__jv *a, const setara_vc__jv *b)
{
	const setara_vc__jv *w;
	size_t i;

	if (a == NULL || b == NULL || a->type != b->type)
		return 0;
	switch (a->type) {
	case SETARA_VC__JNUMBER:
		return a->u.d == b->u.d;
	case SETARA_VC__JSTRING:
		return a->n == b->n && memcmp(a->u.s, b->u.s, a->n) == 0;
	case SETARA_VC__JARRAY:
		if (a->n != b->n)
			return 0;
		for (i = 0; i < a->n; i++)
			if (!setara_vc__jequal(&a->u.items[i], &b->u.items[i]))
				return 0;
		return 1;
	case SETARA_VC__JOBJECT:
		/* As json_equal(): the same names, any order. */
		if (a->n != b->n)
			return 0;
		for (i = 0; i < a->n; i++)
			if ((w = setara_vc__jget(b, a->u.members[i].key)) ==
			    NULL || !setara_vc__jequal(&a->u.members[i].v, w))
				return 0;
		return 1;
	default:
		return 1;
	}
}

/* ---- to and from jansson -------------------------------------------- */

json_t *setara_vc__jto_json(const setara_vc__jv *v)
{
	json_t *j, *item;
	size_t i;

	switch (v->type) {
	case SETARA_VC__JNULL:
		return json_null();
	case SETARA_VC__JFALSE:
		return json_false();
	case SETARA_VC__JTRUE:
		return json_true();
	case SETARA_VC__JNUMBER:
		return json_real(v->u.d);
	case SETARA_VC__JSTRING:
		return json_stringn_nocheck(v->u.s, v->n);
	case SETARA_VC__JARRAY:
		if ((j = json_array()) == NULL)
			return NULL;
		for (i = 0; i < v->n; i++)
			if ((item = setara_vc__jto_json(&v->u.items[i])) ==
			    NULL || json_array_append_new(j, item) != 0)
				goto fail;
		return j;
	default:
		if ((j = json_object()) == NULL)
			return NULL;
		for (i = 0; i < v->n; i++)
			if ((item = setara_vc__jto_json(&v->u.members[i].v)) ==
			    NULL || json_object_setn_new_nocheck(j,
			    v->u.members[i].key, v->u.members[i].len, item) !=
			    0)
				goto fail;
		return j;
	}
fail:
	json_decref(j);
	return NULL;
}

static int from_json(setara_vc__jdoc *d, setara_vc__jv *out, const json_t *v)
{
	setara_vc__jm *ms;
	setara_vc__jv *items;
	const char *key;
	size_t i, len;
	json_t *value;

	memset(out, 0, sizeof(*out));
	switch (json_typeof(v)) {
	case JSON_NULL:
		out->type = SETARA_VC__JNULL;
		return 0;
	case JSON_FALSE:
		out->type = SETARA_VC__JFALSE;
		return 0;
	case JSON_TRUE:
		out->type = SETARA_VC__JTRUE;
		return 0;
	case JSON_INTEGER:
	case JSON_REAL:
		out->type = SETARA_VC__JNUMBER;
		out->u.d = json_number_value(v);
		return 0;
	case JSON_STRING:
		out->type = SETARA_VC__JSTRING;
		out->u.s = json_string_value(v);
		out->n = json_string_length(v);
		return 0;
	case JSON_ARRAY:
		out->type = SETARA_VC__JARRAY;
		out->n = json_array_size(v);
		if (out->n == 0)
			return 0;
		if ((items = setara_vc__jalloc(d, out->n * sizeof(*items))) ==
		    NULL)
			return SETARA_ENOMEM;
		json_array_foreach(v, i, value)
			if (from_json(d, &items[i], value) < 0)
				return SETARA_ENOMEM;
		out->u.items = items;
		return 0;
	default:
		out->type = SETARA_VC__JOBJECT;
		out->n = json_object_size(v);
		if (out->n == 0)
			return 0;
		if ((ms = setara_vc__jalloc(d, out->n * sizeof(*ms))) == NULL)
			return SETARA_ENOMEM;
		i = 0;
		/* jansson keeps members in their insertion order. */
		json_object_keylen_foreach((json_t *)v, key, len, value) {
			ms[i].key = key;
			ms[i].len = len;
			ms[i].plain = 0;
			if (from_json(d, &ms[i].v, value) < 0)
				return SETARA_ENOMEM;
			i++;
		}
		out->u.members = ms;
		return 0;
	}
}

int setara_vc__jdoc_from_json(setara_vc__jdoc *d, const json_t *v)
{
	setara_vc__jv *root;

	SETARA_ASSERT_ARG(d && v);
	if ((root = setara_vc__jalloc(d, sizeof(*root))) == NULL ||
	    from_json(d, root, v) < 0)
		return setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
			NULL, 0, NULL, "out of memory");
	d->root = root;
	return 0;
}
