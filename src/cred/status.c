/*
 * Status lists, after the W3C Bitstring Status List v1.0: a signed
 * statusList document holds a bitstring of at least 131,072 entries, GZIP
 * compressed and written as multibase base64url ("u" + base64url without
 * padding); bit i (0 = the most significant bit of the first byte) is set
 * when the document with status index i is revoked (or suspended, for a
 * suspension list).
 *
 * A verifier indexes the lists it is given once, by id, and verifies each
 * like any document (format, profile, signature, trust, issuer) the first
 * time a document names it.  The status check
 * of a document then never passes on a list it could not use: a missing,
 * unsigned, untrusted, expired or foreign list (another issuer's) cannot
 * answer, and without an answer the check is could-not-check; a set bit
 * makes it fail; a document without a status entry passes with that
 * reason.  entry_check() says how copies of the same list are weighed.
 */
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cred_int.h"
#include "util/bitstring.h"

int setara_cred__statuslist_build(xmlDocPtr *out, const char *issuer_id,
	const char *country, const char *issuer_name, const char *list_id,
	int suspension, const unsigned char *bits, size_t nbits,
	time_t valid_until)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root, n;
	xmlNsPtr ns;
	char *enc = NULL;
	char uuid[46], now[21], until[21], size[24];
	int error = -1;

	*out = NULL;
	SETARA_ASSERT_ARG(issuer_id && country && issuer_name && bits);
	if (valid_until == 0)
		return setara_error__data(NULL, 0, "validUntil", "a status "
			"list must have an end of validity");
	if (nbits < SETARA_STATUS_LIST_MIN_ENTRIES || nbits % 8 ||
	    nbits / 8 > SETARA_STATUS_LIST_MAX_BYTES)
		return setara_error__data(NULL, 0, "size", "a status list "
			"has 131072 to 16777216 entries, a multiple of 8");
	if (list_id == NULL) {
		if ((error = setara__uuid_urn(uuid)) < 0)
			return error;
		list_id = uuid;
	}
	if ((error = setara__status_encode(&enc, bits, nbits / 8)) < 0)
		goto done;
	setara__time_format(now, setara__time_now());
	snprintf(size, sizeof(size), "%zu", nbits);
	if ((doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL ||
	    (root = xmlNewDocNode(doc, NULL, (const xmlChar *)"statusList",
	    NULL)) == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	xmlDocSetRootElement(doc, root);
	if ((ns = xmlNewNs(root, (const xmlChar *)SETARA_NS_DOC, NULL)) ==
	    NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	xmlSetNs(root, ns);
	xmlSetProp(root, (const xmlChar *)"version", (const xmlChar *)"1");
	if (!setara_cred__append(root, "id", list_id, 1) ||
	    (n = setara_cred__append(root, "issuer", NULL, 1)) == NULL ||
	    !xmlSetProp(n, (const xmlChar *)"id", (const xmlChar *)issuer_id)
	    || !xmlSetProp(n, (const xmlChar *)"country",
	    (const xmlChar *)country) ||
	    !setara_cred__append(n, "name", issuer_name, 2)) {
		error = SETARA_ENOMEM;
		goto done;
	}
	xmlAddChild(n, xmlNewDocText(doc, (const xmlChar *)"\n  "));
	if (!setara_cred__append(root, "issued", now, 1) ||
	    !setara_cred__append(root, "validFrom", now, 1)) {
		error = SETARA_ENOMEM;
		goto done;
	}
	setara__time_format(until, valid_until);
	if (!setara_cred__append(root, "validUntil", until, 1)) {
		error = SETARA_ENOMEM;
		goto done;
	}
	if (!setara_cred__append(root, "purpose", suspension ? "suspension" :
	    "revocation", 1) || !setara_cred__append(root, "size", size, 1) ||
	    !setara_cred__append(root, "encodedList", enc, 1)) {
		error = SETARA_ENOMEM;
		goto done;
	}
	xmlAddChild(root, xmlNewDocText(doc, (const xmlChar *)"\n"));
	if ((error = setara__xml_validate(doc, "cred/statuslist.xsd",
	    "statusList")) < 0)
		goto done;
	*out = doc;
	doc = NULL;
	error = 0;
done:
	xmlFreeDoc(doc);
	setara_free(enc);
	return error;
}

/* ---- lists given to a verifier ----------------------------------------- */

/*
 * The lists given with --status are indexed once, when the verifier is
 * made: each file is parsed to learn the id of the list it holds, and
 * nothing more.  A list is verified (format, profile, signature, trust,
 * issuer) and its bits decoded the first time a document names its id,
 * then kept for the life of the verifier: verifying many documents
 * against a directory of many lists verifies each file at most once, and
 * only the lists the documents use.
 */
typedef struct loaded_list {
	char *file, *id, *issuer_id;
	int loaded;     /* verified and read (below), else indexed only */
	int suspension;
	unsigned char *bits;
	size_t nbits;
	time_t issued, valid_from, valid_until;
	char *unusable; /* why the list cannot be used, or NULL */
} loaded_list;

struct setara_cred__lists {
	loaded_list *v;
	size_t n;
	setara_verifier *verifier;  /* borrowed: the verifier owns us */
	pthread_mutex_t lock;       /* loading, from several threads */
	unsigned long loads;        /* files verified, for tests */
};

void setara_cred__lists_free(setara_cred__lists *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		setara__free(l->v[i].file);
		setara__free(l->v[i].id);
		setara__free(l->v[i].issuer_id);
		setara__free(l->v[i].bits);
		setara__free(l->v[i].unusable);
	}
	pthread_mutex_destroy(&l->lock);
	setara__free(l->v);
	setara__free(l);
}

unsigned long setara_cred__lists_loads(setara_cred__lists *l)
{
	unsigned long n;

	if (l == NULL)
		return 0;
	pthread_mutex_lock(&l->lock);
	n = l->loads;
	pthread_mutex_unlock(&l->lock);
	return n;
}

/* Read the list's own content; a problem makes it unusable. */
static void read_bits(loaded_list *ll, xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	char *size = setara__xml_child_text(root, SETARA_NS_DOC, "size");
	char *enc = setara__xml_child_text(root, SETARA_NS_DOC, "encodedList");
	char *purpose = setara__xml_child_text(root, SETARA_NS_DOC, "purpose");
	unsigned char *bits = NULL;
	unsigned long long n = size ? strtoull(size, NULL, 10) : 0;
	size_t nbytes = 0;

	ll->suspension = purpose && strcmp(purpose, "suspension") == 0;
	if (n < SETARA_STATUS_LIST_MIN_ENTRIES || n % 8 ||
	    n / 8 > SETARA_STATUS_LIST_MAX_BYTES) {
		ll->unusable = setara__asprintf("size %s is not a multiple of "
			"8 from %u to %u (STATUS_LIST_LENGTH_ERROR)",
			size ? size : "(none)", SETARA_STATUS_LIST_MIN_ENTRIES,
			8u * SETARA_STATUS_LIST_MAX_BYTES);
	} else if (setara__status_decode(&bits, &nbytes, enc ? enc : "",
	    (size_t)(n / 8)) < 0) {
		ll->unusable = setara__asprintf("encodedList: %s",
			setara_error_last()->message);
		setara_error_clear();
	} else if (nbytes != n / 8) {
		ll->unusable = setara__asprintf("the bitstring has %zu "
			"entries, the list says %llu "
			"(STATUS_LIST_LENGTH_ERROR)", nbytes * 8, n);
	} else {
		ll->nbits = (size_t)n;
		ll->bits = bits;
		bits = NULL;
	}
	setara_free(bits);
	setara__free(size);
	setara__free(enc);
	setara__free(purpose);
}

/* Read and parse @path; *doc NULL (no error) when it is not a status
 * list, which is not ours to use. */
static int read_list(xmlDocPtr *doc, const char *path)
{
	setara_buf data = SETARA_BUF_INIT;
	int error;

	*doc = NULL;
	if ((error = setara__read_file(&data, path, SETARA_CRED_MAX_DOC)) < 0)
		return error;
	if (setara__xml_parse_mem(doc, data.ptr ? data.ptr : "", data.size,
	    path) < 0 || !setara__xml_is(xmlDocGetRootElement(*doc),
	    SETARA_NS_DOC, "statusList")) {
		setara_error_clear();
		xmlFreeDoc(*doc);
		*doc = NULL;
	}
	setara_buf_dispose(&data);
	return 0;
}

/* Index the file @path by the id of the list it holds. */
static int index_one(setara_cred__lists *l, const char *path)
{
	xmlDocPtr doc = NULL;
	loaded_list *ll, *grown;
	char *id = NULL;
	int error;

	if ((error = read_list(&doc, path)) < 0 || doc == NULL)
		goto done;
	/* The id as the document names it, valid or not: a list that
	 * fails its schema is kept, as one that cannot be used, so that
	 * the status check says why rather than "not available". */
	if ((id = setara__xml_child_text(xmlDocGetRootElement(doc),
	    SETARA_NS_DOC, "id")) == NULL)
		goto done;
	if ((grown = setara__realloc(l->v, (l->n + 1) * sizeof(*grown))) ==
	    NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	l->v = grown;
	ll = &l->v[l->n++];
	memset(ll, 0, sizeof(*ll));
	ll->id = id;
	id = NULL;
	if ((ll->file = setara__strdup(path)) == NULL)
		error = SETARA_ENOMEM;
done:
	setara__free(id);
	xmlFreeDoc(doc);
	return error;
}

/* Verify an indexed list and read its bits; the caller holds l->lock. */
static int load_one(setara_cred__lists *l, loaded_list *ll)
{
	setara_cred__header h;
	setara_verdict *vd = NULL;
	xmlDocPtr doc = NULL;
	setara_check k, bad = SETARA_CHECK_COUNT;
	const char *why;
	int error;

	memset(&h, 0, sizeof(h));
	l->loads++;
	/* Loaded from here on, whatever happens: a list is verified once,
	 * and a nested status check does not come back to it. */
	ll->loaded = 1;
	if ((error = read_list(&doc, ll->file)) < 0)
		goto done;
	if (doc == NULL) {
		/* Indexed, then changed on disk into something else. */
		ll->unusable = setara__strdup("no longer a status list");
		error = ll->unusable ? 0 : SETARA_ENOMEM;
		goto done;
	}
	if ((error = setara_cred__verify_doc(&vd, l->verifier, doc, ll->file,
	    &h)) < 0)
		goto done;
	if (h.id != NULL && strcmp(h.id, ll->id) != 0) {
		ll->unusable = setara__strdup("its id changed on disk");
		error = ll->unusable ? 0 : SETARA_ENOMEM;
		goto done;
	}
	/* A list that failed its schema has no header: its issuer as
	 * it names it. */
	if (h.id == NULL)
		h.issuer_id = setara__xml_attr(setara__xml_child(
			xmlDocGetRootElement(doc), SETARA_NS_DOC, "issuer"),
			"id");
	ll->issuer_id = setara__strdup(h.issuer_id ? h.issuer_id : "");
	ll->issued = h.issued;
	ll->valid_from = h.valid_from;
	ll->valid_until = h.valid_until;
	for (k = SETARA_CHECK_FORMAT; k <= SETARA_CHECK_ISSUER; k++)
		if (setara_verdict_check(vd, k, NULL) != SETARA_CHECK_PASS) {
			bad = k;
			break;
		}
	if (bad != SETARA_CHECK_COUNT) {
		setara_verdict_check(vd, bad, &why);
		ll->unusable = setara__asprintf("%s %s: %s",
			setara_cred_check_name(bad),
			setara_cred_check_status_name(setara_verdict_check(vd,
			bad, NULL)), why);
	} else {
		read_bits(ll, doc);
	}
	error = ll->issuer_id ? 0 : SETARA_ENOMEM;
done:
	setara_cred__header_dispose(&h);
	setara_verdict_free(vd);
	xmlFreeDoc(doc);
	return error;
}

/* Load every list indexed under @id that is not loaded yet. */
static int load_id(setara_cred__lists *l, const char *id)
{
	size_t i;
	int error = 0;

	pthread_mutex_lock(&l->lock);
	for (i = 0; i < l->n && error == 0; i++)
		if (!l->v[i].loaded && strcmp(l->v[i].id, id) == 0)
			error = load_one(l, &l->v[i]);
	pthread_mutex_unlock(&l->lock);
	return error;
}

int setara_cred__lists_load(setara_cred__lists **out, setara_verifier *v,
	const char *path)
{
	setara_cred__lists *l;
	setara__strlist files = { NULL, 0, 0 };
	pthread_mutexattr_t attr;
	size_t i;
	int error;

	*out = NULL;
	if ((l = setara__calloc(1, sizeof(*l))) == NULL)
		return SETARA_ENOMEM;
	/* Recursive: verifying a list runs its own status check. */
	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&l->lock, &attr);
	pthread_mutexattr_destroy(&attr);
	l->verifier = v;
	if (setara__is_dir(path)) {
		if ((error = setara__list_files(&files, path, ".xml", 0)) < 0)
			goto done;
		for (i = 0; i < files.count; i++)
			if ((error = index_one(l, files.items[i])) < 0)
				goto done;
	} else if ((error = index_one(l, path)) < 0) {
		goto done;
	}
	*out = l;
	l = NULL;
	error = 0;
done:
	setara__strlist_dispose(&files);
	setara_cred__lists_free(l);
	return error;
}

/* A list's bit for @e, which is in range. */
static int bit_of(const loaded_list *ll, const setara_cred__status_entry *e)
{
	return setara__bit_get(ll->bits, ll->nbits / 8, (size_t)e->index) == 1;
}

/* Is @a newer than @b?  On the same time, a set bit counts as newer. */
static int newer(const loaded_list *a, const loaded_list *b,
	const setara_cred__status_entry *e)
{
	if (b == NULL || a->issued != b->issued)
		return b == NULL || a->issued > b->issued;
	return bit_of(a, e) && !bit_of(b, e);
}

/* Why no list could answer for @e, from what was seen; *reason allocated. */
static int none_usable(const loaded_list *unusable, const loaded_list *foreign,
	const loaded_list *purpose, const loaded_list *range,
	const setara_cred__header *h, const setara_cred__status_entry *e,
	size_t ignored, char **reason)
{
	const char *what = e->suspension ? "suspension" : "revocation";

	if (range)
		*reason = setara__asprintf("index %llu is outside status list "
			"%s (%zu entries, RANGE_ERROR)", e->index, e->list,
			range->nbits);
	else if (purpose)
		*reason = setara__asprintf("status list %s (%s) is a %s list, "
			"the entry is for %s", e->list, purpose->file,
			purpose->suspension ? "suspension" : "revocation",
			what);
	else if (unusable)
		*reason = setara__asprintf("status list %s (%s) cannot be "
			"used: %s", e->list, unusable->file,
			unusable->unusable);
	else if (ignored)
		*reason = setara__asprintf("%s list %s: only lists published "
			"before the document was issued, with its bit set, "
			"were given (ignored)", what, e->list);
	else if (foreign)
		*reason = setara__asprintf("%s list %s not available: the "
			"list with that id in %s is published by %s, not by "
			"the document's issuer %s (ignored)", what, e->list,
			foreign->file, foreign->issuer_id, h->issuer_id);
	else
		*reason = setara__asprintf("%s list %s not available (give "
			"it with --status)", what, e->list);
	return SETARA_CHECK_COULD_NOT_CHECK;
}

/*
 * The outcome of one status entry; *reason is allocated.  Every list with
 * the entry's id is considered, in no particular order (a directory may
 * hold an old and a new copy of the same list, as mirrors and dated
 * archives do):
 *
 *   - a list that failed its own verification, a list of another issuer,
 *     a list of the other purpose, or one too short for the index cannot
 *     answer; a list published before the document was issued cannot
 *     revoke it (its bit belongs to no document of ours then);
 *   - revocation is permanent: the bit set in any list that can answer
 *     makes the check fail, whatever newer copies say;
 *   - otherwise the newest list (issued) decides: a suspension bit set in
 *     it fails, and a clear bit passes only while that newest list is
 *     within its validity (a stale list is could-not-check, never pass).
 */
static int entry_check(const setara_cred__lists *l,
	const setara_cred__header *h, const setara_cred__status_entry *e,
	time_t at, char **reason)
{
	const loaded_list *ll, *newest = NULL, *revoked = NULL,
		*unusable = NULL, *foreign = NULL, *purpose = NULL,
		*range = NULL;
		size_t i, ignored = 0, used = 0;
	char t[21], ti[21], copy[80] = "";

	for (i = 0; l && i < l->n; i++) {
		ll = &l->v[i];
		if (strcmp(ll->id, e->list) != 0)
			continue;
		assert(ll->loaded);
		if (ll->unusable == NULL && ll->issuer_id == NULL)
			continue; /* its loading failed, and said so */
		if (ll->unusable) {
			unusable = unusable ? unusable : ll;
			continue;
		}
		if (strcmp(ll->issuer_id, h->issuer_id) != 0) {
			foreign = ll;
			continue;
		}
		if (ll->suspension != e->suspension) {
			purpose = ll;
			continue;
		}
		if (e->index >= ll->nbits) {
			range = ll;
			continue;
		}
		if (bit_of(ll, e) && ll->issued + SETARA_CRED_CLOCK_SKEW <
		    h->issued) {
			ignored++;
			continue;
		}
		used++;
		if (bit_of(ll, e) && !e->suspension && (revoked == NULL ||
		    ll->issued < revoked->issued))
			revoked = ll;
		if (newer(ll, newest, e))
			newest = ll;
	}
	if (newest == NULL)
		return none_usable(unusable, foreign, purpose, range, h, e,
			ignored, reason);
	/* Which copy answered, when there were several. */
	ll = revoked ? revoked : newest;
	setara__time_format(ti, ll->issued);
	if (used > 1)
		snprintf(copy, sizeof(copy), " issued %s, %s of %zu copies", ti,
			ll == newest ? "the newest" : "one", used);
	if (revoked || bit_of(newest, e)) {
		*reason = setara__asprintf("%s (status list %s%s, index %llu)",
			e->suspension ? "suspended" : "revoked", e->list, copy,
			e->index);
		return SETARA_CHECK_FAIL;
	}
	if (at < newest->valid_from || at >= newest->valid_until) {
		setara__time_format(t, at < newest->valid_from ?
			newest->valid_from : newest->valid_until);
		*reason = setara__asprintf("status list %s%s %s %s",
			e->list, copy, at < newest->valid_from ? "is valid only from" :
			"expired on", t);
		return SETARA_CHECK_COULD_NOT_CHECK;
	}
	*reason = setara__asprintf("not %s (status list %s%s, index %llu)",
		e->suspension ? "suspended" : "revoked", e->list, copy,
		e->index);
	return SETARA_CHECK_PASS;
}

int setara_cred__status_check(setara_cred__lists *l,
	const setara_cred__header *h, time_t at, int *status, char **reason)
{
	char *r[2] = { NULL, NULL };
	int s[2] = { SETARA_CHECK_PASS, SETARA_CHECK_PASS }, k, pick = 0;
	int error;

	*reason = NULL;
	if (h->nstatus == 0) {
		*status = SETARA_CHECK_PASS;
		*reason = setara__strdup("no status entry");
		return *reason ? 0 : SETARA_ENOMEM;
	}
	/* The document's own lists, and only those, verified first. */
	for (k = 0; l && k < h->nstatus; k++)
		if ((error = load_id(l, h->status[k].list)) < 0)
			return error;
	for (k = 0; k < h->nstatus; k++) {
		s[k] = entry_check(l, h, &h->status[k], at, &r[k]);
		if (r[k] == NULL) {
			setara__free(r[0]);
			return SETARA_ENOMEM;
		}
	}
	/* Worst first: fail, then could-not-check, then pass. */
	for (k = 1; k < h->nstatus; k++) {
		int worse = (s[k] == SETARA_CHECK_FAIL && s[pick] !=
			SETARA_CHECK_FAIL) || (s[k] ==
			SETARA_CHECK_COULD_NOT_CHECK && s[pick] ==
			SETARA_CHECK_PASS);
		if (worse)
			pick = k;
	}
	*status = s[pick];
	if (h->nstatus == 2 && s[0] == SETARA_CHECK_PASS &&
	    s[1] == SETARA_CHECK_PASS)
		*reason = setara__asprintf("%s; %s", r[0], r[1]);
	else
		*reason = r[pick], r[pick] = NULL;
	for (k = 0; k < h->nstatus; k++)
		setara__free(r[k]);
	return *reason ? 0 : SETARA_ENOMEM;
}
