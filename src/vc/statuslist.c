/*
 * W3C Bitstring Status List v1.0: BitstringStatusListCredential written
 * and read back, and the status of a credential's
 * BitstringStatusListEntry from the lists a verifier was given
 * (docs/vc.md, "Status lists").
 *
 * The bitstring's encoding is util's (util/bitstring.c, shared with the
 * XML statusList): GZIP, then 'u' + base64url without padding; index 0 is
 * the left-most bit of the first byte; inflating stops past the largest
 * list accepted, so a GZIP bomb costs no more than a large list.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "vc_int.h"
#include "util/bitstring.h"

#define VC2_CONTEXT "https://www.w3.org/ns/credentials/v2"
#define LIST_TYPE "BitstringStatusListCredential"
#define SUBJECT_TYPE "BitstringStatusList"
#define ENTRY_TYPE "BitstringStatusListEntry"
/* A list valid from before the credential by more than this cannot
 * revoke it (clocks of the issuer's machines differ a little). */
#define CLOCK_SKEW 300

#define MAX_BYTES (SETARA_VC_STATUS_LIST_MAX_ENTRIES / 8u)
#define MIN_BYTES (SETARA_VC_STATUS_LIST_MIN_ENTRIES / 8u)

struct setara_vc_status_list {
	char *id, *issuer;
	int suspension;
	time_t valid_from, valid_until;
	long long ttl;
	unsigned char *bits;
	size_t nbytes;
};

/* ---- writing -------------------------------------------------------------- */

/* Add @v to @o under @name; @v is taken even on failure. */
static int put(json_t *o, const char *name, json_t *v)
{
	return v && json_object_set_new(o, name, v) == 0 ? 0 : SETARA_ENOMEM;
}

static json_t *date(time_t t)
{
	char s[21];

	setara__time_format(s, t);
	return json_string(s);
}

int setara_vc_status_list_write(setara_buf *out, const unsigned char *bits,
	size_t nbits, const setara_vc_status_list_options *opts)
{
	json_t *doc = NULL, *ctx, *type, *subj;
	unsigned char *padded = NULL;
	char *enc = NULL, *subj_id = NULL;
	size_t nbytes;
	time_t from;
	int error;

	SETARA_ASSERT_ARG(out && (bits || nbits == 0) && opts);
	SETARA_CHECK_VERSION(opts, SETARA_VC_STATUS_LIST_OPTIONS_VERSION,
		"SETARA_VC_STATUS_LIST_OPTIONS_INIT");
	if (opts->id == NULL || *opts->id == '\0' || opts->issuer == NULL ||
	    *opts->issuer == '\0')
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, "id", "a status list needs an id and an "
			"issuer");
	if (nbits > SETARA_VC_STATUS_LIST_MAX_ENTRIES)
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, "size", "a status list has at most %u entries",
			SETARA_VC_STATUS_LIST_MAX_ENTRIES);
	from = opts->valid_from ? (time_t)opts->valid_from :
		setara__time_now();
	if (opts->valid_until && opts->valid_until <= (long long)from)
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, "validUntil", "a status list's validUntil "
			"must follow its validFrom");
	if (opts->ttl < 0)
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, "ttl", "ttl is a number of milliseconds");
	/* Padded with clear bits to the minimum, whole bytes. */
	nbytes = (nbits + 7) / 8;
	if (nbytes < MIN_BYTES)
		nbytes = MIN_BYTES;
	if ((padded = setara__calloc(1, nbytes)) == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	if (nbits)
		memcpy(padded, bits, (nbits + 7) / 8);
	if (nbits % 8) /* bits past nbits are clear */
		padded[nbits / 8] &= (unsigned char)(0xffu << (8 - nbits % 8));
	if ((error = setara__status_encode(&enc, padded, nbytes)) < 0)
		goto done;
	if ((subj_id = setara__asprintf("%s#list", opts->id)) == NULL ||
	    (doc = json_object()) == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	ctx = json_array();
	type = json_array();
	subj = json_object();
	if ((error = put(doc, "@context", ctx)) < 0 ||
	    (error = put(doc, "id", json_string(opts->id))) < 0 ||
	    (error = put(doc, "type", type)) < 0 ||
	    (error = put(doc, "issuer", json_string(opts->issuer))) < 0 ||
	    (error = put(doc, "validFrom", date(from))) < 0 ||
	    (opts->valid_until && (error = put(doc, "validUntil",
	    date((time_t)opts->valid_until))) < 0) ||
	    (error = put(doc, "credentialSubject", subj)) < 0 ||
	    json_array_append_new(ctx, json_string(VC2_CONTEXT)) < 0 ||
	    json_array_append_new(type,
	    json_string("VerifiableCredential")) < 0 ||
	    json_array_append_new(type, json_string(LIST_TYPE)) < 0 ||
	    (error = put(subj, "id", json_string(subj_id))) < 0 ||
	    (error = put(subj, "type", json_string(SUBJECT_TYPE))) < 0 ||
	    (error = put(subj, "statusPurpose", json_string(opts->suspension ?
	    "suspension" : "revocation"))) < 0 ||
	    (error = put(subj, "encodedList", json_string(enc))) < 0 ||
	    (opts->ttl && (error = put(subj, "ttl",
	    json_real((double)opts->ttl))) < 0)) {
		error = SETARA_ENOMEM;
		goto done;
	}
	error = setara_vc__json_write(out, doc, opts->pretty);
done:
	json_decref(doc);
	setara__free(subj_id);
	setara_free(enc);
	setara__free(padded);
	return error;
}

/* ---- reading -------------------------------------------------------------- */

void setara_vc_status_list_free(setara_vc_status_list *l)
{
	if (l == NULL)
		return;
	setara__free(l->id);
	setara__free(l->issuer);
	setara_free(l->bits);
	setara__free(l);
}

/* Does the array @a hold the string @s? */
static int has_string(const setara_vc__jv *a, const char *s)
{
	const setara_vc__jv *v;
	size_t i;

	setara_vc__jarray_foreach(a, i, v)
		if (setara_vc__jis_string(v) && strcmp(setara_vc__jstr(v), s) == 0)
			return 1;
	return 0;
}

/* The issuer's id: a string, or an object's string id; NULL otherwise. */
static const char *issuer_of(const setara_vc__jv *doc)
{
	const setara_vc__jv *v = setara_vc__jget(doc, "issuer");

	if (setara_vc__jis_object(v))
		v = setara_vc__jget(v, "id");
	return setara_vc__jstr(v);
}

/* Every member of the shape, in order; the first wrong one is refused. */
static int read_shape(setara_vc_status_list *l, const setara_vc__jv *doc,
	const char *name)
{
	const setara_vc__jv *ctx = setara_vc__jget(doc, "@context"),
		*type = setara_vc__jget(doc, "type"),
		*subj = setara_vc__jget(doc, "credentialSubject"), *v;
	const char *s;
	double d;
	const setara_vc__jv *t;
	size_t i;
	int rc;

	if (!setara_vc__jis_object(doc))
		return setara_error__data(name, 0, NULL, "a status list "
			"credential is a JSON object");
	if (!setara_vc__jis_array(ctx) || setara_vc__jsize(ctx) == 0 ||
	    !setara_vc__jis_string(setara_vc__jat(ctx, 0)) ||
	    strcmp(setara_vc__jstr(setara_vc__jat(ctx, 0)),
	    VC2_CONTEXT) != 0)
		return setara_error__data(name, 0, "@context", "must be an "
			"array starting with %s", VC2_CONTEXT);
	setara_vc__jarray_foreach(ctx, i, t)
		if (!setara_vc__jis_string(t) && !setara_vc__jis_object(t))
			return setara_error__data(name, 0, "@context", "holds "
				"a value that is neither a URL nor an object");
	if ((s = setara_vc__jstr(setara_vc__jget(doc, "id"))) == NULL ||
	    *s == '\0')
		return setara_error__data(name, 0, "id", "missing or not a "
			"string");
	if (!setara_vc__jis_array(type) || !has_string(type,
	    "VerifiableCredential") || !has_string(type, LIST_TYPE))
		return setara_error__data(name, 0, "type", "must be an array "
			"naming VerifiableCredential and %s", LIST_TYPE);
	setara_vc__jarray_foreach(type, i, t)
		if (!setara_vc__jis_string(t))
			return setara_error__data(name, 0, "type", "holds a "
				"value that is not a string");
	if ((l->id = setara__strdup(s)) == NULL)
		return SETARA_ENOMEM;
	if ((s = issuer_of(doc)) == NULL || *s == '\0')
		return setara_error__data(name, 0, "issuer", "missing, or "
			"neither a string nor an object with a string id");
	if ((l->issuer = setara__strdup(s)) == NULL)
		return SETARA_ENOMEM;
	if (setara_vc__json_time(doc, "validFrom", &l->valid_from) < 0)
		return setara_error__data(name, 0, "validFrom", "not a "
			"dateTime");
	if ((rc = setara_vc__json_time(doc, "validUntil",
	    &l->valid_until)) < 0)
		return setara_error__data(name, 0, "validUntil", "not a "
			"dateTime");
	if (rc == 0 && l->valid_from && l->valid_until <= l->valid_from)
		return setara_error__data(name, 0, "validUntil", "not after "
			"validFrom");
	if (!setara_vc__jis_object(subj))
		return setara_error__data(name, 0, "credentialSubject", "must "
			"be one object");
	if ((s = setara_vc__jstr(setara_vc__jget(subj, "type"))) == NULL ||
	    strcmp(s, SUBJECT_TYPE) != 0)
		return setara_error__data(name, 0, "credentialSubject.type",
			"must be %s", SUBJECT_TYPE);
	v = setara_vc__jget(subj, "id");
	if (v && !setara_vc__jis_string(v))
		return setara_error__data(name, 0, "credentialSubject.id",
			"not a string");
	if ((s = setara_vc__jstr(setara_vc__jget(subj,
	    "statusPurpose"))) == NULL)
		return setara_error__data(name, 0, "statusPurpose", "missing "
			"or not a string");
	if (strcmp(s, "revocation") != 0 && strcmp(s, "suspension") != 0)
		return setara_error__data(name, 0, "statusPurpose", "\"%s\" "
			"is not supported (revocation or suspension)", s);
	l->suspension = strcmp(s, "suspension") == 0;
	v = setara_vc__jget(subj, "statusSize");
	if (v && (!setara_vc__jis_number(v) || setara_vc__jnum(v) != 1.0))
		return setara_error__data(name, 0, "statusSize", "only 1 "
			"(one bit per credential) is supported");
	if ((v = setara_vc__jget(subj, "ttl")) != NULL) {
		d = setara_vc__jnum(v);
		if (!setara_vc__jis_number(v) || d < 0 || d > 9007199254740991.0 ||
		    d != (double)(long long)d)
			return setara_error__data(name, 0, "ttl", "not a "
				"whole number of milliseconds");
		l->ttl = (long long)d;
	}
	if ((s = setara_vc__jstr(setara_vc__jget(subj,
	    "encodedList"))) == NULL)
		return setara_error__data(name, 0, "encodedList", "missing or "
			"not a string");
	if ((rc = setara__status_decode(&l->bits, &l->nbytes, s,
	    MAX_BYTES)) < 0) {
		if (rc == SETARA_EINVALID)
			setara_error__set_file(name);
		return rc;
	}
	if (l->nbytes < MIN_BYTES)
		return setara_error__data(name, 0, "encodedList", "%zu "
			"entries, fewer than the %u a list must have "
			"(STATUS_LIST_LENGTH_ERROR)", l->nbytes * 8,
			SETARA_VC_STATUS_LIST_MIN_ENTRIES);
	return 0;
}

/* setara_vc_status_list_read() on a loaded tree. */
static int read_list(setara_vc_status_list **out, const setara_vc__jv *doc,
	const char *name)
{
	setara_vc_status_list *l;
	int error;

	*out = NULL;
	if ((l = setara__calloc(1, sizeof(*l))) == NULL)
		return SETARA_ENOMEM;
	if ((error = read_shape(l, doc, name)) < 0) {
		setara_vc_status_list_free(l);
		return error;
	}
	*out = l;
	return 0;
}

int setara_vc_status_list_read(setara_vc_status_list **out,
	const char *json, size_t len, const char *name)
{
	setara_vc__jdoc doc = SETARA_VC__JDOC_INIT;
	int error;

	SETARA_ASSERT_ARG(out);
	*out = NULL;
	SETARA_ASSERT_ARG(json || len == 0);
	if ((error = setara_vc__jdoc_load(&doc, json, len, name)) == 0)
		error = read_list(out, doc.root, name);
	setara_vc__jdoc_dispose(&doc);
	return error;
}

const char *setara_vc_status_list_id(const setara_vc_status_list *l)
{
	return l ? l->id : NULL;
}

const char *setara_vc_status_list_issuer(const setara_vc_status_list *l)
{
	return l ? l->issuer : NULL;
}

int setara_vc_status_list_suspension(const setara_vc_status_list *l)
{
	return l ? l->suspension : 0;
}

long long setara_vc_status_list_valid_from(const setara_vc_status_list *l)
{
	return l ? (long long)l->valid_from : 0;
}

long long setara_vc_status_list_valid_until(const setara_vc_status_list *l)
{
	return l ? (long long)l->valid_until : 0;
}

long long setara_vc_status_list_ttl(const setara_vc_status_list *l)
{
	return l ? l->ttl : 0;
}

size_t setara_vc_status_list_size(const setara_vc_status_list *l)
{
	return l ? l->nbytes * 8 : 0;
}

int setara_vc_status_list_bit(const setara_vc_status_list *l,
	unsigned long long index)
{
	SETARA_ASSERT_ARG(l);
	if (index / 8 >= l->nbytes)
		return setara_error__data(NULL, 0, "statusListIndex", "index "
			"%llu is outside the list's %zu entries (RANGE_ERROR)",
			index, l->nbytes * 8);
	return setara__bit_get(l->bits, l->nbytes, (size_t)index);
}

/* ---- the lists a verifier was given ---------------------------------------- */

/* One file holding a list credential. */
typedef struct copy {
	char *file, *id;
	setara_vc_status_list *list; /* NULL when unusable */
	char *unusable;              /* why it cannot be used */
} copy;

struct setara_vc_status_lists {
	copy *v;
	size_t n;
};

void setara_vc_status_lists_free(setara_vc_status_lists *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		setara__free(l->v[i].file);
		setara__free(l->v[i].id);
		setara__free(l->v[i].unusable);
		setara_vc_status_list_free(l->v[i].list);
	}
	setara__free(l->v);
	setara__free(l);
}

/* Read the list of @data, then verify its proof; *why when unusable. */
static int check_copy(copy *c, const setara_vc__jv *doc,
	const setara_vc_status_lists_options *opts)
{
	setara_vc_verify_options vo = SETARA_VC_VERIFY_OPTIONS_INIT;
	setara_vc_proof_result r = SETARA_VC_PROOF_RESULT_INIT;
	setara_vc_status_list *list = NULL;
	int error;

	if ((error = read_list(&list, doc, c->file)) < 0) {
		if (error != SETARA_EINVALID)
			return error;
		c->unusable = setara__asprintf("%s%s%s",
			setara_error_last()->field ? setara_error_last()->field :
			"", setara_error_last()->field ? ": " : "",
			setara_error_last()->message);
		setara_error_clear();
		return c->unusable ? 0 : SETARA_ENOMEM;
	}
	vo.key = opts->key;
	vo.resolve = opts->resolve;
	vo.payload = opts->payload;
	if ((error = setara_vc__proof_verify_tree(&r, doc, &vo)) < 0)
		goto done;
	if (r.status == SETARA_VC_PROOF_VERIFIED) {
		c->list = list;
		list = NULL;
	} else {
		c->unusable = r.status == SETARA_VC_PROOF_UNRESOLVED ?
			setara__asprintf("proof could not be checked: %s",
			r.reason) : setara__asprintf("proof refused (%s): %s",
			setara_vc_failure_name(r.failure), r.reason);
		if (c->unusable == NULL)
			error = SETARA_ENOMEM;
	}
done:
	setara_vc_proof_result_dispose(&r);
	setara_vc_status_list_free(list);
	return error;
}

/* Index the file @path when it holds a list credential. */
static int open_one(setara_vc_status_lists *l, const char *path,
	const setara_vc_status_lists_options *opts)
{
	setara_buf data = SETARA_BUF_INIT;
	setara_vc__jdoc tree = SETARA_VC__JDOC_INIT;
	const setara_vc__jv *doc;
	const char *id;
	copy *grown, *c;
	int error;

	if ((error = setara__read_file(&data, path,
	    SETARA_VC_JSON_MAX_SIZE)) < 0)
		goto done;
	/* JSON the loader refuses, or a document of another type, is not
	 * a list; a list with no string id has nothing to be found by. */
	if ((error = setara_vc__jdoc_load(&tree, data.ptr, data.size,
	    path)) == SETARA_ENOMEM)
		goto done;
	if (error < 0 || !setara_vc__jis_object(doc = tree.root) ||
	    !has_string(setara_vc__jget(doc, "type"), LIST_TYPE) ||
	    (id = setara_vc__jstr(setara_vc__jget(doc, "id"))) == NULL) {
		setara_error_clear();
		error = 0;
		goto done;
	}
	if ((grown = setara__realloc(l->v, (l->n + 1) * sizeof(*grown))) ==
	    NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	l->v = grown;
	c = &l->v[l->n++];
	memset(c, 0, sizeof(*c));
	if ((c->file = setara__strdup(path)) == NULL ||
	    (c->id = setara__strdup(id)) == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	error = check_copy(c, doc, opts);
done:
	setara_vc__jdoc_dispose(&tree);
	setara_buf_dispose(&data);
	return error;
}

int setara_vc_status_lists_open(setara_vc_status_lists **out,
	const char *path, const setara_vc_status_lists_options *opts)
{
	setara_vc_status_lists *l = NULL;
	setara__strlist files = { NULL, 0, 0 };
	size_t i;
	int error;

	SETARA_ASSERT_ARG(out);
	*out = NULL;
	SETARA_ASSERT_ARG(path && opts);
	SETARA_CHECK_VERSION(opts, SETARA_VC_STATUS_LISTS_OPTIONS_VERSION,
		"SETARA_VC_STATUS_LISTS_OPTIONS_INIT");
	if (opts->key == NULL && opts->resolve == NULL)
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, "key", "status lists need a key or a resolver "
			"to verify their proofs");
	if ((l = setara__calloc(1, sizeof(*l))) == NULL)
		return SETARA_ENOMEM;
	if (setara__is_dir(path)) {
		if ((error = setara__list_files(&files, path, ".json",
		    0)) < 0)
			goto done;
		for (i = 0; i < files.count; i++)
			if ((error = open_one(l, files.items[i], opts)) < 0)
				goto done;
	} else if ((error = open_one(l, path, opts)) < 0) {
		goto done;
	}
	*out = l;
	l = NULL;
	error = 0;
done:
	setara__strlist_dispose(&files);
	setara_vc_status_lists_free(l);
	return error;
}

/* ---- a credential's status --------------------------------------------------- */

const char *setara_vc_status_name(setara_vc_status status)
{
	switch (status) {
	case SETARA_VC_STATUS_CLEAR: return "clear";
	case SETARA_VC_STATUS_REVOKED: return "revoked";
	case SETARA_VC_STATUS_SUSPENDED: return "suspended";
	case SETARA_VC_STATUS_UNKNOWN: return "unknown";
	}
	return "unknown";
}

static void say(setara_vc_status_result *out, setara_vc_status status,
	const char *fmt, ...) SETARA_PRINTF(3, 4);

static void say(setara_vc_status_result *out, setara_vc_status status,
	const char *fmt, ...)
{
	va_list ap;

	out->status = status;
	va_start(ap, fmt);
	vsnprintf(out->reason, sizeof(out->reason), fmt, ap);
	va_end(ap);
}

static int bit_of(const copy *c, const setara_vc_status_entry *e)
{
	return setara__bit_get(c->list->bits, c->list->nbytes,
		(size_t)e->index) == 1;
}

/* Is @a newer than @b?  On the same validFrom, a set bit counts newer. */
static int newer(const copy *a, const copy *b,
	const setara_vc_status_entry *e)
{
	if (b == NULL || a->list->valid_from != b->list->valid_from)
		return b == NULL || a->list->valid_from > b->list->valid_from;
	return bit_of(a, e) && !bit_of(b, e);
}

int setara_vc_status_check_entry(setara_vc_status_result *out,
	const setara_vc_status_lists *lists, const setara_vc_status_entry *e,
	const char *issuer, long long issued, long long at)
{
	const copy *c, *newest = NULL, *revoked = NULL, *unusable = NULL,
		*foreign = NULL, *purpose = NULL, *range = NULL, *answer;
	size_t i, ignored = 0, used = 0;
	int suspension;
	char t[21], copies[96] = "";

	SETARA_ASSERT_ARG(out && e && e->purpose && e->list && issuer);
	SETARA_CHECK_VERSION(out, SETARA_VC_STATUS_RESULT_VERSION,
		"SETARA_VC_STATUS_RESULT_INIT");
	if (at == 0)
		at = (long long)setara__time_now();
	if (strcmp(e->purpose, "revocation") != 0 &&
	    strcmp(e->purpose, "suspension") != 0) {
		say(out, SETARA_VC_STATUS_UNKNOWN, "statusPurpose \"%.64s\" is "
			"not supported (revocation or suspension)",
			e->purpose);
		return 0;
	}
	suspension = strcmp(e->purpose, "suspension") == 0;
	for (i = 0; lists && i < lists->n; i++) {
		c = &lists->v[i];
		if (strcmp(c->id, e->list) != 0)
			continue;
		if (c->list == NULL) {
			unusable = unusable ? unusable : c;
			continue;
		}
		if (strcmp(c->list->issuer, issuer) != 0) {
			foreign = c;
			continue;
		}
		if (c->list->suspension != suspension) {
			purpose = c;
			continue;
		}
		if (e->index / 8 >= c->list->nbytes) {
			range = c;
			continue;
		}
		if (bit_of(c, e) && issued && (long long)c->list->valid_from +
		    CLOCK_SKEW < issued) {
			ignored++;
			continue;
		}
		used++;
		if (bit_of(c, e) && !suspension && (revoked == NULL ||
		    c->list->valid_from < revoked->list->valid_from))
			revoked = c;
		if (newer(c, newest, e))
			newest = c;
	}
	if (newest == NULL) {
		if (range)
			say(out, SETARA_VC_STATUS_UNKNOWN, "index %llu is "
				"outside status list %s (%s, %zu entries, "
				"RANGE_ERROR)", e->index, e->list, range->file,
				range->list->nbytes * 8);
		else if (purpose)
			say(out, SETARA_VC_STATUS_UNKNOWN, "status list %s "
				"(%s) is a %s list, the entry is for %s "
				"(STATUS_VERIFICATION_ERROR)", e->list,
				purpose->file, suspension ? "revocation" :
				"suspension", e->purpose);
		else if (unusable)
			say(out, SETARA_VC_STATUS_UNKNOWN, "status list %s "
				"(%s) cannot be used: %s", e->list,
				unusable->file, unusable->unusable);
		else if (ignored)
			say(out, SETARA_VC_STATUS_UNKNOWN, "%s list %s: only "
				"lists valid before the credential was issued, "
				"with its bit set, were given (ignored)",
				e->purpose, e->list);
		else if (foreign)
			say(out, SETARA_VC_STATUS_UNKNOWN, "%s list %s not "
				"available: the list with that id in %s is "
				"issued by %s, not by the credential's issuer "
				"%s (ignored)", e->purpose, e->list,
				foreign->file, foreign->list->issuer, issuer);
		else
			say(out, SETARA_VC_STATUS_UNKNOWN, "%s list %s not "
				"available (give it with --status)",
				e->purpose, e->list);
		return 0;
	}
	answer = revoked ? revoked : newest;
	setara__time_format(t, answer->list->valid_from);
	if (used > 1)
		snprintf(copies, sizeof(copies), ", valid from %s, %s of %zu "
			"copies", t, answer == newest ? "the newest" : "one",
			used);
	if (revoked || bit_of(newest, e)) {
		say(out, suspension ? SETARA_VC_STATUS_SUSPENDED :
			SETARA_VC_STATUS_REVOKED, "%s (status list %s, %s%s, "
			"index %llu)", suspension ? "suspended" : "revoked",
			e->list, answer->file, copies, e->index);
		return 0;
	}
	/* A clear bit answers only from a list that goes stale: one with
	 * no validUntil could be replayed forever after a revocation (the
	 * XML lists must have one; setara writes one on every list). */
	if (newest->list->valid_until == 0) {
		say(out, SETARA_VC_STATUS_UNKNOWN, "status list %s (%s%s) has "
			"no validUntil: a list that never goes stale is no "
			"evidence of the status now", e->list, newest->file,
			copies);
		return 0;
	}
	if (at < (long long)newest->list->valid_from ||
	    at >= (long long)newest->list->valid_until) {
		setara__time_format(t, at < (long long)newest->list->valid_from ?
			newest->list->valid_from : newest->list->valid_until);
		say(out, SETARA_VC_STATUS_UNKNOWN, "status list %s (%s%s) %s "
			"%s", e->list, newest->file, copies,
			at < (long long)newest->list->valid_from ?
			"is valid only from" : "expired on", t);
		return 0;
	}
	say(out, SETARA_VC_STATUS_CLEAR, "not %s (status list %s, %s%s, index "
		"%llu)", suspension ? "suspended" : "revoked", e->list,
		newest->file, copies, e->index);
	return 0;
}

/* How bad an answer is: the worst of several entries is kept. */
static int rank(setara_vc_status s)
{
	switch (s) {
	case SETARA_VC_STATUS_REVOKED: return 3;
	case SETARA_VC_STATUS_SUSPENDED: return 2;
	case SETARA_VC_STATUS_UNKNOWN: return 1;
	case SETARA_VC_STATUS_CLEAR: return 0;
	}
	return 1;
}

/* statusListIndex: a decimal integer in a string, no sign, no zeros in
 * front, below 2^53; -1 otherwise. */
static int parse_index(unsigned long long *out, const char *s)
{
	unsigned long long v = 0;
	size_t i;

	if (s == NULL || *s == '\0' || strlen(s) > 16 ||
	    (s[0] == '0' && s[1] != '\0'))
		return -1;
	for (i = 0; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned long long)(s[i] - '0');
	}
	if (v >= (1ULL << 53))
		return -1;
	*out = v;
	return 0;
}

/* The status of one credentialStatus entry (any JSON value). */
static int check_one(setara_vc_status_result *out,
	const setara_vc_status_lists *lists, const setara_vc__jv *v,
	const char *issuer, long long issued, long long at)
{
	setara_vc_status_entry e;
	const char *type = setara_vc__jstr(setara_vc__jget(v, "type"));
	const char *index;

	if (!setara_vc__jis_object(v) || type == NULL || strcmp(type,
	    ENTRY_TYPE) != 0) {
		say(out, SETARA_VC_STATUS_UNKNOWN, "credentialStatus: not a "
			"%s (type %.64s)", ENTRY_TYPE, type ? type :
			"missing");
		return 0;
	}
	e.purpose = setara_vc__jstr(setara_vc__jget(v, "statusPurpose"));
	e.list = setara_vc__jstr(setara_vc__jget(v,
		"statusListCredential"));
	index = setara_vc__jstr(setara_vc__jget(v, "statusListIndex"));
	if (e.purpose == NULL || e.list == NULL || *e.list == '\0') {
		say(out, SETARA_VC_STATUS_UNKNOWN, "credentialStatus.%s: "
			"missing or not a string", e.purpose == NULL ?
			"statusPurpose" : "statusListCredential");
		return 0;
	}
	if (parse_index(&e.index, index) < 0) {
		say(out, SETARA_VC_STATUS_UNKNOWN, "credentialStatus."
			"statusListIndex: not a decimal integer in a string");
		return 0;
	}
	if (setara_vc__jget(v, "statusSize") != NULL &&
	    setara_vc__jnum(setara_vc__jget(v, "statusSize")) != 1.0) {
		say(out, SETARA_VC_STATUS_UNKNOWN, "credentialStatus."
			"statusSize: only 1 is supported");
		return 0;
	}
	return setara_vc_status_check_entry(out, lists, &e, issuer, issued,
		at);
}

int setara_vc__status_check(setara_vc_status_result *out,
	const setara_vc_status_lists *lists, const setara_vc__jv *credential,
	long long at)
{
	setara_vc_status_result r = SETARA_VC_STATUS_RESULT_INIT;
	const setara_vc__jv *st, *v;
	const char *issuer;
	time_t from = 0;
	size_t i;
	int error, n = 0;

	SETARA_ASSERT_ARG(out && credential);
	SETARA_CHECK_VERSION(out, SETARA_VC_STATUS_RESULT_VERSION,
		"SETARA_VC_STATUS_RESULT_INIT");
	st = setara_vc__jget(credential, "credentialStatus");
	if (st == NULL) {
		say(out, SETARA_VC_STATUS_CLEAR, "no status entry");
		return 0;
	}
	if ((issuer = issuer_of(credential)) == NULL) {
		say(out, SETARA_VC_STATUS_UNKNOWN, "the credential names no "
			"issuer to match its status lists against");
		return 0;
	}
	if (setara_vc__json_time(credential, "validFrom", &from) < 0) {
		say(out, SETARA_VC_STATUS_UNKNOWN, "the credential's "
			"validFrom is not a dateTime");
		return 0;
	}
	if (setara_vc__jis_array(st) && setara_vc__jsize(st) == 0) {
		say(out, SETARA_VC_STATUS_UNKNOWN, "credentialStatus: an "
			"empty array");
		return 0;
	}
	/* One entry, or each of an array's; the worst answer is kept. */
	for (i = 0; i < (setara_vc__jis_array(st) ? setara_vc__jsize(st) : 1); i++) {
		v = setara_vc__jis_array(st) ? setara_vc__jat(st, i) : st;
		if ((error = check_one(&r, lists, v, issuer, (long long)from,
		    at)) < 0)
			return error;
		if (n++ == 0 || rank(r.status) > rank(out->status))
			*out = r;
	}
	return 0;
}

int setara_vc_status_check(setara_vc_status_result *out,
	const setara_vc_status_lists *lists, const char *credential,
	size_t len, long long at)
{
	setara_vc__jdoc doc = SETARA_VC__JDOC_INIT;
	int error;

	SETARA_ASSERT_ARG(out && (credential || len == 0));
	if ((error = setara_vc__jdoc_load(&doc, credential, len, NULL)) < 0)
		goto done;
	if (!setara_vc__jis_object(doc.root))
		error = setara_error__data(NULL, 0, NULL, "a credential is a "
			"JSON object");
	else
		error = setara_vc__status_check(out, lists, doc.root, at);
done:
	setara_vc__jdoc_dispose(&doc);
	return error;
}
