/*
 * The level part of the consistency check: each qualification a document
 * claims names a national level (FRAMEWORK:LEVEL) and an AQRF level; the
 * pair must agree with the reference data, i.e. the framework's AQRF
 * referencing as the qf component holds it (setara_qf__aqrf_range).
 *
 *   level unknown to a loaded store       fail
 *   framework not referenced to the AQRF   fail (an AQRF level is claimed
 *                                         that no referencing supports)
 *   AQRF level outside the mapped range    fail
 *   no reference data loaded               could-not-check
 *   store error, out of memory             the error (no verdict)
 *   otherwise                              pass, saying when the mapping
 *                                         is indicative or of low
 *                                         confidence
 *
 * Answers are remembered per reference (a verifier checks the same few
 * levels again and again); the caller holds the store lock.
 */
#include <string.h>

#include "cred_int.h"
#include "qf/qf_api.h"

#define LEVEL_CACHE_SIZE 128

typedef struct level_answer {
	char ref[72];
	int error;          /* 0, SETARA_ENOTFOUND */
	int min, max, indicative;
	setara_confidence conf;
	char *message;      /* for ENOTFOUND */
} level_answer;

struct setara_cred__levels {
	level_answer v[LEVEL_CACHE_SIZE];
	size_t n;
	int loaded;         /* -1 not asked yet, 0 no, 1 yes */
};

int setara_cred__levels_new(setara_cred__levels **out)
{
	*out = setara__calloc(1, sizeof(**out));
	if (*out == NULL)
		return SETARA_ENOMEM;
	(*out)->loaded = -1;
	return 0;
}

void setara_cred__levels_free(setara_cred__levels *lv)
{
	size_t i;

	if (lv == NULL)
		return;
	for (i = 0; i < lv->n; i++)
		setara__free(lv->v[i].message);
	setara__free(lv);
}

/* The answer for @ref, cached or asked of the store (< 0: store error).
 * out->message, when set, is the caller's to free. */
static int lookup(setara_cred__levels *lv, setara_store *st, const char *ref,
	level_answer *out)
{
	level_answer a;
	size_t i;
	int error;

	for (i = 0; i < lv->n; i++)
		if (strcmp(lv->v[i].ref, ref) == 0) {
			a = lv->v[i];
			goto found;
		}
	memset(&a, 0, sizeof(a));
	snprintf(a.ref, sizeof(a.ref), "%s", ref);
	error = setara_qf__aqrf_range(st, ref, &a.min, &a.max, &a.conf,
		&a.indicative);
	if (error == SETARA_ENOTFOUND || error == SETARA_EINVALID) {
		a.error = SETARA_ENOTFOUND;
		a.message = setara__strdup(setara_error_last()->message);
		setara_error_clear();
		if (a.message == NULL)
			return SETARA_ENOMEM;
	} else if (error < 0) {
		return error;
	}
	if (lv->n < LEVEL_CACHE_SIZE && strlen(ref) < sizeof(a.ref)) {
		lv->v[lv->n++] = a;
	} else {
		*out = a; /* not cached: the caller takes the message */
		return 0;
	}
found:
	*out = a;
	if (a.message && (out->message = setara__strdup(a.message)) == NULL)
		return SETARA_ENOMEM;
	return 0;
}

int setara_cred__levels_check(setara_cred__levels *lv, setara_store *st,
	const setara_cred__header *h, int *status, char **reason)
{
	setara_buf good = SETARA_BUF_INIT, bad = SETARA_BUF_INIT;
	level_answer a;
	size_t i;
	int error = 0;

	*reason = NULL;
	*status = SETARA_CHECK_PASS;
	if (st == NULL) {
		*status = SETARA_CHECK_COULD_NOT_CHECK;
		*reason = setara__strdup("no reference data (store) given");
		return *reason ? 0 : SETARA_ENOMEM;
	}
	if (lv->loaded < 0) {
		/* A store that fails is not a store without data. */
		if ((error = setara_store_is_loaded(st)) < 0)
			return error;
		lv->loaded = error > 0;
		error = 0;
	}
	if (!lv->loaded) {
		*status = SETARA_CHECK_COULD_NOT_CHECK;
		*reason = setara__strdup("no reference data loaded in the "
			"store (setara init)");
		return *reason ? 0 : SETARA_ENOMEM;
	}
	for (i = 0; i < h->nclaims && error == 0; i++) {
		const setara_cred__claim *c = &h->claims[i];
		setara_buf *out = &bad;

		/* A store that fails is an error, not the document's. */
		if ((error = lookup(lv, st, c->level, &a)) < 0)
			break;
		if (a.error)
			error = setara_buf_printf(out, "%s%s", bad.size ? "; " :
				"", a.message);
		else if (a.min == 0)
			error = setara_buf_printf(out, "%s%s is not referenced "
				"to the AQRF, yet AQRF level %d is claimed",
				bad.size ? "; " : "", c->framework, c->aqrf);
		else if ((c->aqrf < a.min || c->aqrf > a.max) &&
		    a.min == a.max)
			error = setara_buf_printf(out, "%sAQRF level %d is "
				"claimed, %s is referenced to AQRF level %d",
				bad.size ? "; " : "", c->aqrf, c->level, a.min);
		else if (c->aqrf < a.min || c->aqrf > a.max)
			error = setara_buf_printf(out, "%sAQRF level %d is "
				"claimed, %s is referenced to AQRF levels %d "
				"to %d", bad.size ? "; " : "", c->aqrf,
				c->level, a.min, a.max);
		else {
			out = &good;
			error = setara_buf_printf(out, "%s%s is AQRF level %d"
				"%s%s", good.size ? "; " : "", c->level,
				c->aqrf,
				a.indicative ? " (indicative, not an endorsed "
				"referencing)" : "", a.conf ==
				SETARA_CONFIDENCE_LOW ? " (confidence low)" :
				"");
		}
		if (out == &bad)
			*status = SETARA_CHECK_FAIL;
		setara__free(a.message);
	}
	if (error == 0)
		*reason = setara_buf_detach(*status == SETARA_CHECK_PASS ?
			&good : &bad);
	setara_buf_dispose(&good);
	setara_buf_dispose(&bad);
	return *reason ? 0 : error < 0 ? error : SETARA_ENOMEM;
}
