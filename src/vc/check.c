/*
 * Verifying a credential: the eight checks of every setara document
 * (docs/verification.md) on a W3C Verifiable Credential 2.0, with the
 * verifier, verdict and verdict rules of cred (cred_api.h):
 *
 *   format       the loader's limits (a refusal is an error: exit 3),
 *                then what the other checks read (the header);
 *   profile      the proof's members (proof.c: one DataIntegrityProof,
 *                a JCS cryptosuite, assertionMethod, dates), then what
 *                the credential means: VC 2.0 well-formedness and only
 *                contexts setara ships (wellformed.c, contexts.c);
 *   signature    the proof verified with the key the trust list binds
 *                to its verificationMethod;
 *   trust        that binding (docs/trust.md, verificationMethod);
 *   issuer       the method belongs to the issuer the credential names,
 *                accredited for its type, levels and issue time;
 *   validity     validFrom, validUntil, as for XML;
 *   status       setara_vc__cred_status() below: published lists
 *                (--status) or the local register;
 *   consistency  claimed levels against the reference data.
 */
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlstring.h>

#include "vc_int.h"
#include "cred/cred_api.h"

static const char *str(const setara_vc__jv *o, const char *key)
{
	return setara_vc__jstr(setara_vc__jget(o, key));
}

static char *xdup(const char *s)
{
	return s ? (char *)xmlStrdup((const xmlChar *)s) : NULL;
}

/* The first problem of the credential's shape in @why, or "" when it is
 * a well-formed VC 2.0 credential of a type setara issues. */
static void shape(char *why, size_t n, const setara_vc__jv *doc,
	setara_doc_type *type)
{
	const setara_vc__jv *ctx = setara_vc__jget(doc, "@context"), *t, *v;
	const char *s;
	size_t i;
	time_t tt;
	int known;

	why[0] = '\0';
	if (!setara_vc__jis_array(ctx) || setara_vc__jsize(ctx) == 0 ||
	    (s = setara_vc__jstr(setara_vc__jat(ctx, 0))) == NULL ||
	    strcmp(s, SETARA_VC_CONTEXT_V2) != 0) {
		snprintf(why, n, "@context: the first context must be %s",
			SETARA_VC_CONTEXT_V2);
		return;
	}
	if ((s = str(doc, "id")) == NULL) {
		snprintf(why, n, "id: missing or not a string");
		return;
	}
	t = setara_vc__jget(doc, "type");
	known = 0;
	*type = SETARA_DOC_TYPE_COUNT;
	setara_vc__jarray_foreach(t, i, v) {
		if ((s = setara_vc__jstr(v)) == NULL)
			continue;
		known |= strcmp(s, "VerifiableCredential") == 0;
		if (strcmp(s, "ClrCredential") == 0)
			*type = SETARA_DOC_TRANSCRIPT;
		else if (strcmp(s, "OpenBadgeCredential") == 0)
			*type = SETARA_DOC_CERTIFICATE;
		else if (strcmp(s, SETARA_VC_TYPE_DECISION) == 0)
			*type = SETARA_DOC_DECISION;
		else if (strcmp(s, SETARA_VC_TYPE_ATTESTATION) == 0)
			*type = SETARA_DOC_ATTESTATION;
	}
	if (!setara_vc__jis_array(t) || !known) {
		snprintf(why, n, "type: must be an array holding "
			"VerifiableCredential");
		return;
	}
	if (*type == SETARA_DOC_TYPE_COUNT) {
		snprintf(why, n, "type: none of ClrCredential, "
			"OpenBadgeCredential, %s, %s", SETARA_VC_TYPE_DECISION,
			SETARA_VC_TYPE_ATTESTATION);
		return;
	}
	v = setara_vc__jget(doc, "issuer");
	if ((s = setara_vc__jis_object(v) ? str(v, "id") : NULL) == NULL ||
	    strncmp(s, SETARA_VC_ISSUER_PREFIX,
	    strlen(SETARA_VC_ISSUER_PREFIX)) != 0) {
		snprintf(why, n, "issuer: an object whose id is %sID",
			SETARA_VC_ISSUER_PREFIX);
		return;
	}
	if (!setara_vc__jis_object(setara_vc__jget(doc, "credentialSubject"))) {
		snprintf(why, n, "credentialSubject: missing or not an "
			"object");
		return;
	}
	if (((v = setara_vc__jget(doc, "validFrom")) && (!setara_vc__jis_string(v)
	    || setara__time_parse(&tt, setara_vc__jstr(v)) < 0)) ||
	    ((v = setara_vc__jget(doc, "validUntil")) && (!setara_vc__jis_string(v)
	    || setara__time_parse(&tt, setara_vc__jstr(v)) < 0))) {
		snprintf(why, n, "validFrom, validUntil: not xsd:dateTime "
			"values");
		return;
	}
	v = setara_vc__jget(doc, "credentialStatus");
	if (v && !setara_vc__jis_array(v) && !setara_vc__jis_object(v)) {
		snprintf(why, n, "credentialStatus: not an object or array");
		return;
	}
	if (setara_vc__jis_array(v)) {
		setara_vc__jarray_foreach(v, i, t)
			if (!setara_vc__jis_object(t) || str(t, "type") == NULL) {
				snprintf(why, n, "credentialStatus: entry %zu "
					"is not an object with a type", i + 1);
				return;
			}
	} else if (v && str(v, "type") == NULL) {
		snprintf(why, n, "credentialStatus: no type");
	}
}

/* An AQRF level claimed: exactly "1" to "8"; 0 for anything else. */
static int aqrf_of(const char *code)
{
	return code && code[0] >= '1' && code[0] <= '8' && code[1] == '\0' ?
		code[0] - '0' : 0;
}

/* A new claim in @h of level @level (FRAMEWORK:LEVEL) with the AQRF
 * level @aqrf; 0 or SETARA_ENOMEM. */
static int add_claim(setara_cred__header *h, const char *level,
	const char *aqrf)
{
	setara_cred__claim *grown, *c;
	const char *colon = strchr(level, ':');

	grown = setara__realloc(h->claims, (h->nclaims + 1) *
		sizeof(*grown));
	if (grown == NULL)
		return SETARA_ENOMEM;
	h->claims = grown;
	c = &h->claims[h->nclaims++];
	memset(c, 0, sizeof(*c));
	c->level = xdup(level);
	c->framework = setara__strndup(level, colon ? (size_t)(colon - level) :
		strlen(level));
	c->aqrf = aqrf_of(aqrf);
	return c->level && c->framework ? 0 : SETARA_ENOMEM;
}

/* Is @a an alignment to a qualification level?  By its type, and by
 * anything else a reader would take for one: a level claim cannot hide
 * from the checks behind another targetType. */
static int level_alignment(const setara_vc__jv *a)
{
	const char *type = str(a, "targetType"), *fw = str(a,
		"targetFramework"), *url = str(a, "targetUrl");

	return (type && strcmp(type, "ext:QualificationLevel") == 0) ||
		(fw && xmlStrcasecmp((const xmlChar *)fw,
		(const xmlChar *)"AQRF") == 0) ||
		(url && strncmp(url, "urn:setara:level:", 17) == 0);
}

/*
 * The claimed levels: the level alignments of the subject's achievements.
 * A claim is one alignment to a national level (targetFramework FW,
 * targetCode FW:LEVEL) and one to its AQRF level (targetFramework AQRF,
 * targetCode 1 to 8), as setara writes them; anything else -- an AQRF
 * level alone, two of them, a code that is not of its framework -- is a
 * claim the checks cannot read, said in @bad (the consistency check
 * fails on it).
 */
static int claims(setara_cred__header *h, const setara_vc__jv *subject,
	char *bad, size_t nbad)
{
	const setara_vc__jv *ach = setara_vc__jget(subject, "achievement"), *a, *al;
	const setara_vc__jv *one;
	const char *fw, *code, *level, *aqrf;
	size_t i, j, nl, na, n = setara_vc__jis_array(ach) ?
		setara_vc__jsize(ach) : 1;

	for (i = 0; ach && i < n; i++) {
		a = setara_vc__jis_array(ach) ? setara_vc__jat(ach, i) : ach;
		al = setara_vc__jget(a, "alignment");
		level = aqrf = NULL;
		nl = na = 0;
		setara_vc__jarray_foreach(al, j, one) {
			if (!level_alignment(one))
				continue;
			fw = str(one, "targetFramework");
			code = str(one, "targetCode");
			if (fw && strcmp(fw, "AQRF") == 0) {
				aqrf = code;
				na++;
				if (aqrf_of(code) == 0 && !bad[0])
					snprintf(bad, nbad, "achievement %zu: "
						"AQRF targetCode \"%.16s\" is "
						"not a level 1 to 8", i + 1,
						code ? code : "(none)");
				continue;
			}
			level = code;
			nl++;
			if ((fw == NULL || code == NULL || strncmp(code, fw,
			    strlen(fw)) != 0 || code[strlen(fw)] != ':') &&
			    !bad[0])
				snprintf(bad, nbad, "achievement %zu: level "
					"targetCode \"%.32s\" is not a level "
					"of targetFramework \"%.32s\"", i + 1,
					code ? code : "(none)", fw ? fw :
					"(none)");
		}
		if (nl == 0 && na == 0)
			continue;
		if (nl != 1 || na != 1 || level == NULL) {
			if (!bad[0])
				snprintf(bad, nbad, "achievement %zu: %zu "
					"national and %zu AQRF level "
					"alignments (one of each makes a level "
					"claim)", i + 1, nl, na);
			continue;
		}
		if (add_claim(h, level, aqrf) < 0)
			return SETARA_ENOMEM;
	}
	return 0;
}

/* One claimed level: a member "qualification" of a decision, as the XML
 * verifier reads every element "qualification" (cred/types.c); a level
 * without its AQRF level, or the reverse, is a claim not read (@bad). */
static int own_claim(setara_cred__header *h, const setara_vc__jv *q,
	char *bad, size_t nbad)
{
	const char *level = str(q, "level"), *aqrf = str(q, "aqrf");

	if (level == NULL && aqrf == NULL)
		return 0;
	if (level == NULL || aqrf_of(aqrf) == 0) {
		if (!bad[0])
			snprintf(bad, nbad, "qualification: level \"%.32s\" "
				"with AQRF level \"%.16s\" (both, AQRF 1 to 8, "
				"make a level claim)", level ? level : "(none)",
				aqrf ? aqrf : "(none)");
		return 0;
	}
	return add_claim(h, level, aqrf);
}

/* The claimed levels of setara's own types: every member named
 * "qualification", at any depth (the loader bounds the depth). */
static int own_claims(setara_cred__header *h, const setara_vc__jv *v,
	char *bad, size_t nbad)
{
	const char *key;
	const setara_vc__jv *m, *one;
	size_t i, k;
	int error;

	if (setara_vc__jis_array(v)) {
		setara_vc__jarray_foreach(v, i, m)
			if ((error = own_claims(h, m, bad, nbad)) < 0)
				return error;
		return 0;
	}
	setara_vc__jforeach(v, k, key, m) {
		if (strcmp(key, "qualification") == 0) {
			if (setara_vc__jis_array(m)) {
				setara_vc__jarray_foreach(m, i, one)
					if ((error = own_claim(h, one, bad,
					    nbad)) < 0)
						return error;
			} else if ((error = own_claim(h, m, bad, nbad)) < 0) {
				return error;
			}
			continue;
		}
		if ((error = own_claims(h, m, bad, nbad)) < 0)
			return error;
	}
	return 0;
}

/* What the checks read, from a well-formed credential. */
static int header(setara_cred__header *h, const setara_vc__jv *doc,
	setara_doc_type type, char *why, size_t n, char *bad, size_t nbad)
{
	const setara_vc__jv *issuer = setara_vc__jget(doc, "issuer"), *st, *e;
	const setara_vc__jv *subject = setara_vc__jget(doc, "credentialSubject");
	const setara_vc__jv *person, *proof = setara_vc__jget(doc, "proof");
	const char *s, *purpose, *index;
	size_t i, count;
	int error, own = type == SETARA_DOC_DECISION ||
		type == SETARA_DOC_ATTESTATION;

	memset(h, 0, sizeof(*h));
	h->type = setara_cred__type_get(type);
	person = setara_vc__jget(subject, type == SETARA_DOC_TRANSCRIPT ||
		type == SETARA_DOC_DECISION ? "learner" : "holder");
	if ((h->id = setara__strdup(str(doc, "id"))) == NULL ||
	    (h->issuer_id = xdup(str(issuer, "id") +
	    strlen(SETARA_VC_ISSUER_PREFIX))) == NULL)
		return SETARA_ENOMEM;
	s = own ? str(issuer, "country") : str(setara_vc__jget(issuer,
		"address"), "addressCountryCode");
	h->issuer_country = xdup(s ? s : "");
	h->issuer_accreditation = xdup(str(issuer, "accreditation"));
	h->subject_id = xdup(str(person, "id"));
	if (h->issuer_country == NULL)
		return SETARA_ENOMEM;
	/* The issue time is the proof's creation (setara signs what it
	 * issues at once), else validFrom. */
	if ((s = str(proof, "created")) == NULL)
		s = str(doc, "validFrom");
	if (s == NULL || setara__time_parse(&h->issued, s) < 0) {
		snprintf(why, n, "neither proof.created nor validFrom gives "
			"an issue time");
		return 0;
	}
	h->valid_from = h->issued;
	if ((s = str(doc, "validFrom")))
		setara__time_parse(&h->valid_from, s);
	if ((s = str(doc, "validUntil"))) {
		setara__time_parse(&h->valid_until, s);
		h->has_valid_until = 1;
	}
	st = setara_vc__jget(doc, "credentialStatus");
	count = setara_vc__jis_array(st) ? setara_vc__jsize(st) : st ? 1 : 0;
	for (i = 0; i < count; i++) {
		e = setara_vc__jis_array(st) ? setara_vc__jat(st, i) : st;
		if (strcmp(str(e, "type"), "BitstringStatusListEntry") != 0) {
			h->nstatus_other++;
			continue;
		}
		purpose = str(e, "statusPurpose");
		index = str(e, "statusListIndex");
		s = str(e, "statusListCredential");
		if (purpose == NULL || index == NULL || s == NULL ||
		    index[strspn(index, "0123456789")] != '\0' ||
		    !*index || strlen(index) > 18 ||
		    (strcmp(purpose, "revocation") != 0 &&
		    strcmp(purpose, "suspension") != 0)) {
			snprintf(why, n, "credentialStatus: entry %zu is not "
				"a BitstringStatusListEntry of revocation or "
				"suspension with a statusListIndex and "
				"statusListCredential", i + 1);
			return 0;
		}
		if (h->nstatus == 2) {
			h->nstatus_other++;
			continue;
		}
		h->status[h->nstatus].suspension = strcmp(purpose,
			"suspension") == 0;
		h->status[h->nstatus].index = strtoull(index, NULL, 10);
		if ((h->status[h->nstatus++].list = xdup(s)) == NULL)
			return SETARA_ENOMEM;
	}
	if ((error = own ? own_claims(h, subject, bad, nbad) : claims(h,
	    subject, bad, nbad)) < 0)
		return error;
	return 0;
}

/*
 * What the component keeps in the verifier's slot
 * (setara_cred__verifier_ext_lock()), for the life of the verifier: the
 * status lists it opened, per issuer (below), and the keys of the
 * verification methods it resolved, decoded once.  A key is kept only
 * once the trust list has bound its method, so there are never more
 * than the trust list has methods (and at most KEYS_MAX): the
 * credentials cannot grow it, and a key, never evicted, stays valid
 * outside the lock.
 */
#define KEYS_MAX 256

struct issuer_lists_entry;

typedef struct method_key {
	struct method_key *next;
	char *method;
	const char *spki;     /* the trust list's text it was decoded from */
	setara_vc_key *key;
} method_key;

typedef struct vc_slot {
	struct issuer_lists_entry *lists;
	method_key *keys;
	size_t nkeys;
} vc_slot;

static void issuer_lists_dispose(void *p);

static void slot_dispose(void *p)
{
	vc_slot *slot = p;
	method_key *k, *next;

	if (slot == NULL)
		return;
	issuer_lists_dispose(slot->lists);
	for (k = slot->keys; k; k = next) {
		next = k->next;
		setara__free(k->method);
		setara_vc_key_free(k->key);
		setara__free(k);
	}
	setara__free(slot);
}

/* The slot, locked (NULL when it cannot be made: unlocked then). */
static vc_slot *slot_lock(setara_verifier *vf)
{
	void **ext = setara_cred__verifier_ext_lock(vf, slot_dispose);

	if (*ext == NULL && (*ext = setara__calloc(1, sizeof(vc_slot))) ==
	    NULL) {
		setara_cred__verifier_ext_unlock(vf);
		return NULL;
	}
	return *ext;
}

/* The resolver of verification methods: the verifier's trust list, and
 * with @vf its kept keys. */
typedef struct resolver {
	const setara_trust *trust;
	setara_vc_key *key;   /* decoded for this call, not kept */
	const char *issuer, *cert;
	setara_verifier *vf;
} resolver;

static int resolve(const setara_vc_key **out, const char *method,
	void *payload)
{
	resolver *r = payload;
	setara_buf der = SETARA_BUF_INIT;
	method_key *k = NULL;
	vc_slot *slot = NULL;
	const char *b64;
	int error;

	*out = NULL;
	if (r->trust == NULL || setara_cred__trust_method(r->trust, method,
	    &r->issuer, &b64, &r->cert) < 0)
		return SETARA_ENOTFOUND;
	if (r->vf && (slot = slot_lock(r->vf)) != NULL) {
		for (k = slot->keys; k; k = k->next)
			if (k->spki == b64 && strcmp(k->method, method) == 0)
				break;
		setara_cred__verifier_ext_unlock(r->vf);
		if (k) {
			*out = k->key;
			return 0;
		}
	}
	if ((error = setara__base64_decode(&der, b64, strlen(b64), 0)) == 0 &&
	    (error = setara_vc__key_from_spki(&r->key,
	    (const unsigned char *)der.ptr, der.size)) == 0)
		*out = r->key;
	setara_buf_dispose(&der);
	if (error < 0 || slot == NULL)
		return error;
	/* Keep it (a racing thread may have kept the same: harmless). */
	if ((k = setara__calloc(1, sizeof(*k))) == NULL ||
	    (k->method = setara__strdup(method)) == NULL) {
		setara__free(k);
		return 0; /* used once, not kept */
	}
	k->spki = b64;
	if ((slot = slot_lock(r->vf)) == NULL || slot->nkeys >= KEYS_MAX) {
		if (slot)
			setara_cred__verifier_ext_unlock(r->vf);
		setara__free(k->method);
		setara__free(k);
		return 0;
	}
	k->key = r->key;
	r->key = NULL;
	k->next = slot->keys;
	slot->keys = k;
	slot->nkeys++;
	setara_cred__verifier_ext_unlock(r->vf);
	return 0;
}

/*
 * The resolver of a credential's status lists: the trust list's keys of
 * the credential's own issuer only.  A list signed by another accredited
 * issuer, whatever issuer it names, is unusable for this credential.
 */
typedef struct list_resolver {
	resolver r;
	const char *issuer;   /* the credential's, its setara id */
	time_t at;            /* the time of verification */
} list_resolver;

/*
 * A list answers for the time of verification: the key of a certificate
 * signs a list only while that certificate is trusted then (an expired
 * or retired key's list is no evidence of anything).  SETARA_ENOTFOUND
 * with the reason as the last error otherwise.
 */
static int resolve_list(const setara_vc_key **out, const char *method,
	void *payload)
{
	list_resolver *lr = payload;
	char *reason = NULL;
	int error, status;

	/* Each list's proof is verified as soon as its key resolves. */
	setara_vc_key_free(lr->r.key);
	lr->r.key = NULL;
	if ((error = resolve(out, method, &lr->r)) < 0)
		return error;
	if (lr->r.issuer == NULL || strcmp(lr->r.issuer, lr->issuer) != 0) {
		*out = NULL;
		return SETARA_ENOTFOUND;
	}
	if ((error = setara_cred__trust_method_chain(lr->r.trust, method,
	    lr->at, "verification time", &status, &reason)) < 0)
		return error;
	if (status != SETARA_CHECK_PASS) {
		*out = NULL;
		error = setara_error__set(SETARA_ENOTFOUND, SETARA_ERROR_DATA,
			NULL, 0, "verificationMethod", "%s", reason);
	}
	setara__free(reason);
	return error;
}

/*
 * The lists of --status, opened once per issuer for the life of the
 * verifier (its slot, setara_cred__verifier_ext_lock()): reading and
 * verifying every list file is most of a credential's verification, and
 * the XML path too reads its lists once.  Each issuer's copy is opened
 * with that issuer's keys only (resolve_list).  At most ISSUER_LISTS_MAX
 * issuers are kept, the most recently opened first.
 */
#define ISSUER_LISTS_MAX 64

typedef struct issuer_lists_entry {
	struct issuer_lists_entry *next;
	char *issuer;
	setara_vc_status_lists *lists;
} issuer_lists_entry;

static void issuer_lists_dispose(void *p)
{
	issuer_lists_entry *e = p, *next;

	for (; e; e = next) {
		next = e->next;
		setara__free(e->issuer);
		setara_vc_status_lists_free(e->lists);
		setara__free(e);
	}
}

/* The lists of @issuer into *out, from the slot @head, held locked by the
 * caller until it is done with *out. */
static int issuer_lists(const setara_vc_status_lists **out,
	issuer_lists_entry **head, setara_verifier *vf, const char *path,
	const char *issuer)
{
	setara_vc_status_lists_options lo = SETARA_VC_STATUS_LISTS_OPTIONS_INIT;
	issuer_lists_entry *e;
	list_resolver lr;
	int error = 0, n = 0;

	*out = NULL;
	for (e = *head; e; e = e->next, n++)
		if (strcmp(e->issuer, issuer) == 0)
			goto found;
	/* The issuer is the credential's word: a service fed many made-up
	 * issuers must not grow without bound.  Past the limit the oldest
	 * entry goes (safe: every use of an entry holds the lock). */
	if (n >= ISSUER_LISTS_MAX) {
		issuer_lists_entry **p = head;

		while ((*p)->next)
			p = &(*p)->next;
		issuer_lists_dispose(*p);
		*p = NULL;
	}
	if ((e = setara__calloc(1, sizeof(*e))) == NULL ||
	    (e->issuer = setara__strdup(issuer)) == NULL) {
		setara__free(e);
		return SETARA_ENOMEM;
	}
	memset(&lr, 0, sizeof(lr));
	lr.r.trust = setara_cred__verifier_trust(vf);
	lr.issuer = issuer;
	lr.at = setara_cred__verifier_at(vf);
	lo.resolve = resolve_list;
	lo.payload = &lr;
	error = setara_vc_status_lists_open(&e->lists, path, &lo);
	setara_vc_key_free(lr.r.key);
	if (error < 0) {
		issuer_lists_dispose(e);
		return error;
	}
	e->next = *head;
	*head = e;
found:
	*out = e->lists;
	return 0;
}

/*
 * The status check of a credential's BitstringStatusListEntry values, by
 * the rule of every document (DESIGN §3): from the lists of the
 * verifier's status path (--status) when it has one -- each
 * BitstringStatusListCredential there read strictly and its proof
 * verified with the credential issuer's key (setara_vc_status_lists_open,
 * setara_vc__status_check) -- else from the local register that issued
 * it; could-not-check otherwise, never pass.
 */
int setara_vc__cred_status(setara_verifier *vf, const setara_cred__header *h,
	const setara_vc__jv *doc, int *status, char **reason)
{
	setara_vc_status_result res = SETARA_VC_STATUS_RESULT_INIT;
	const setara_vc_status_lists *lists = NULL;
	const char *path = setara_cred__verifier_status(vf);
	issuer_lists_entry **head = NULL;
	vc_slot *slot;
	int error;

	*status = SETARA_CHECK_COULD_NOT_CHECK;
	*reason = NULL;
	if (h->nstatus == 0) {
		*reason = setara__strdup("the credential carries no "
			"BitstringStatusListEntry");
		return *reason ? 0 : SETARA_ENOMEM;
	}
	if (path == NULL) {
		if ((error = setara_cred__verdict_register_status(vf, h,
		    status, reason)) < 0)
			return error;
		/* The register's own reason when it has the credential. */
		if (*status != SETARA_CHECK_COULD_NOT_CHECK || *reason)
			return 0;
		*reason = setara__asprintf("no status lists given (--status) "
			"and no local register that issued it: %s not read",
			h->status[0].list);
		return *reason ? 0 : SETARA_ENOMEM;
	}
	if ((slot = slot_lock(vf)) == NULL)
		return SETARA_ENOMEM;
	head = &slot->lists;
	if ((error = issuer_lists(&lists, head, vf, path, h->issuer_id ?
	    h->issuer_id : "")) < 0) {
		if (error != SETARA_EIO && error != SETARA_ENOTFOUND)
			goto done;
		/* An unreadable --status is a check that could not run. */
		*reason = setara__asprintf("status lists %s cannot be read: "
			"%s", path, setara_error_last()->message);
		setara_error_clear();
		error = *reason ? 0 : SETARA_ENOMEM;
		goto done;
	}
	if ((error = setara_vc__status_check(&res, lists, doc,
	    (long long)setara_cred__verifier_at(vf))) < 0)
		goto done;
	switch (res.status) {
	case SETARA_VC_STATUS_CLEAR:
		*status = SETARA_CHECK_PASS;
		break;
	case SETARA_VC_STATUS_REVOKED:
	case SETARA_VC_STATUS_SUSPENDED:
		*status = SETARA_CHECK_FAIL;
		break;
	default:
		*status = SETARA_CHECK_COULD_NOT_CHECK;
		break;
	}
	*reason = setara__strdup(res.reason);
	error = *reason ? 0 : SETARA_ENOMEM;
done:
	if (head)
		setara_cred__verifier_ext_unlock(vf);
	return error;
}

/* Record check @k with a formatted reason. */
#define setv(v, k, status, ...) \
	setara_cred__verdict_set((v), (k), (status), \
		setara__asprintf(__VA_ARGS__))

#define CNC SETARA_CHECK_COULD_NOT_CHECK

/* The trust and issuer checks, which need a usable verification method
 * and a trust list, could not be checked (@why). */
static int trust_unchecked(setara_verdict *v, const char *why)
{
	int error = setv(v, SETARA_CHECK_TRUST, CNC, "%s", why);

	return error < 0 ? error : setv(v, SETARA_CHECK_ISSUER, CNC, "%s",
		why);
}

/* Profile, signature, trust and issuer. */
static int proof_checks(setara_verdict *v, setara_verifier *vf,
	const setara_cred__header *h, const setara_vc__jv *doc)
{
	setara_vc_verify_options vo = SETARA_VC_VERIFY_OPTIONS_INIT;
	setara_vc_proof_result res = SETARA_VC_PROOF_RESULT_INIT;
	resolver r = { NULL, NULL, NULL, NULL, vf };
	const char *m;
	char *reason = NULL, meaning[384];
	int status, error, profile_ok;

	r.trust = setara_cred__verifier_trust(vf);
	vo.resolve = resolve;
	vo.payload = &r;
	vo.at = (long long)setara_cred__verifier_at(vf);
	if ((error = setara_vc__proof_verify_tree(&res, doc, &vo)) < 0)
		goto done;
	m = res.verification_method;
	profile_ok = res.status != SETARA_VC_PROOF_FAILED ||
		res.failure == SETARA_VC_FAIL_SIGNATURE;
	if (!profile_ok)
		error = setv(v, SETARA_CHECK_PROFILE, SETARA_CHECK_FAIL,
			"%s: %s", setara_vc_failure_name(res.failure),
			res.reason);
	else if ((error = setara_vc__profile_meaning_tree(meaning,
	    sizeof(meaning), doc)) < 0)
		goto done;
	else if (error)
		error = setv(v, SETARA_CHECK_PROFILE, SETARA_CHECK_FAIL, "%s",
			meaning);
	else
		error = setv(v, SETARA_CHECK_PROFILE, SETARA_CHECK_PASS,
			"one DataIntegrityProof, %s, assertionMethod; "
			"well-formed VC 2.0 in setara's contexts",
			res.cryptosuite);
	if (error < 0)
		goto done;
	if (!profile_ok)
		error = setv(v, SETARA_CHECK_SIGNATURE, CNC, "not checked: "
			"the proof does not follow the profile");
	else if (res.status == SETARA_VC_PROOF_UNRESOLVED)
		error = setv(v, SETARA_CHECK_SIGNATURE, CNC, "%s%s",
			res.reason, r.trust ? "" : " (no trust list given, "
			"--trust DIR)");
	else if (res.status == SETARA_VC_PROOF_FAILED)
		error = setv(v, SETARA_CHECK_SIGNATURE, SETARA_CHECK_FAIL,
			"%s", res.reason);
	else
		error = setv(v, SETARA_CHECK_SIGNATURE, SETARA_CHECK_PASS,
			"%s proof over the canonical (JCS) credential "
			"verifies", res.cryptosuite);
	if (error < 0)
		goto done;
	if (m == NULL || !profile_ok || r.trust == NULL) {
		error = trust_unchecked(v, m && profile_ok ? "no trust list "
			"given (--trust DIR)" : "not checked: no usable "
			"verification method");
		goto done;
	}
	if (r.issuer == NULL)
		error = setv(v, SETARA_CHECK_TRUST, SETARA_CHECK_FAIL,
			"the verification method %s is not in the trust list",
			m);
	else if ((error = setara_cred__trust_method_chain(r.trust, m,
	    h->issued, "signing time", &status, &reason)) == 0) {
		/* The key of a certificate: its chain, as for XML. */
		error = setara_cred__verdict_set(v, SETARA_CHECK_TRUST,
			status, reason);
		reason = NULL;
	}
	if (error < 0)
		goto done;
	if ((error = setara_cred__trust_issuer_method(r.trust, h, m,
	    &status, &reason)) == 0) {
		error = setara_cred__verdict_set(v, SETARA_CHECK_ISSUER,
			status, reason);
		reason = NULL;
	}
done:
	setara__free(reason);
	setara_vc_key_free(r.key);
	setara_vc_proof_result_dispose(&res);
	return error;
}

/* The credential type of a document type. */
static const char *vc_type_name(setara_doc_type type)
{
	switch (type) {
	case SETARA_DOC_TRANSCRIPT: return "ClrCredential";
	case SETARA_DOC_CERTIFICATE: return "OpenBadgeCredential";
	case SETARA_DOC_DECISION: return SETARA_VC_TYPE_DECISION;
	default: return SETARA_VC_TYPE_ATTESTATION;
	}
}

int setara_vc_is_json(const char *data, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' ||
	    data[i] == '\n' || data[i] == '\r'))
		i++;
	return i < len && data[i] == '{';
}

int setara_vc_request_credential(setara_buf *out, const char *json,
	size_t len, const char *name)
{
	json_t *doc = NULL, *vc;
	const char *key;
	json_t *value;
	int error;

	if ((error = setara_vc__json_load(&doc, json, len, name)) < 0)
		return error;
	if (!json_is_object(doc) ||
	    (vc = json_object_get(doc, "verifiableCredential")) == NULL) {
		error = 0; /* the credential itself */
		goto done;
	}
	json_object_foreach(doc, key, value) {
		if (strcmp(key, "verifiableCredential") != 0 &&
		    strcmp(key, "options") != 0) {
			error = setara_error__set(SETARA_EINVALID,
				SETARA_ERROR_DATA, name, 0, key, "a VC-API "
				"request has the members verifiableCredential "
				"and options only, not '%s'", key);
			goto done;
		}
	}
	if (!json_is_object(vc)) {
		error = setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA,
			name, 0, "verifiableCredential", "verifiableCredential "
			"must be a credential (a JSON object)");
		goto done;
	}
	value = json_object_get(doc, "options");
	if (value && !json_is_object(value)) {
		error = setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA,
			name, 0, "options", "options must be a JSON object");
		goto done;
	}
	if ((error = setara_vc__json_write(out, vc, 0)) == 0)
		error = 1;
done:
	json_decref(doc);
	return error;
}

int setara_vc_verify(setara_verdict **out, setara_verifier *vf,
	const char *json, size_t len, const char *name)
{
	setara_verdict *v = NULL;
	setara_cred__header h;
	setara_doc_type type = SETARA_DOC_TYPE_COUNT;
	setara_vc__jdoc tree = SETARA_VC__JDOC_INIT;
	const setara_vc__jv *doc;
	char why[256], bad[256], *reason = NULL;
	int k, status, error;

	*out = NULL;
	memset(&h, 0, sizeof(h));
	bad[0] = '\0';
	SETARA_ASSERT_ARG(out && vf && (json || len == 0));
	if ((error = setara_vc__jdoc_load(&tree, json ? json : "", len,
	    name)) < 0)
		goto done;
	doc = tree.root;
	if ((error = setara_cred__verdict_new(&v, name)) < 0)
		goto done;
	why[0] = '\0';
	if (!setara_vc__jis_object(doc))
		snprintf(why, sizeof(why), "not a JSON object");
	else
		shape(why, sizeof(why), doc, &type);
	if (!why[0] && (error = header(&h, doc, type, why, sizeof(why), bad,
	    sizeof(bad))) < 0)
		goto done;
	if (why[0]) {
		if ((error = setv(v, SETARA_CHECK_FORMAT, SETARA_CHECK_FAIL,
		    "not a Verifiable Credential of setara: %s", why)) < 0)
			goto done;
		for (k = SETARA_CHECK_PROFILE; k < SETARA_CHECK_COUNT; k++)
			if ((error = setv(v, (setara_check)k, CNC, "not "
			    "checked: the credential could not be read")) < 0)
				goto done;
		setara_cred__verdict_finish(v);
		*out = v;
		v = NULL;
		goto done;
	}
	if ((error = setara_cred__verdict_about(v, h.id,
	    setara_cred_type_name(type), h.issuer_id)) < 0 ||
	    (error = setv(v, SETARA_CHECK_FORMAT, SETARA_CHECK_PASS,
	    "JSON within limits, a W3C VC 2.0 %s", vc_type_name(type))) < 0 ||
	    (error = proof_checks(v, vf, &h, doc)) < 0 ||
	    (error = setara_cred__verdict_validity(v, &h,
	    setara_cred__verifier_at(vf))) < 0 ||
	    (error = setara_vc__cred_status(vf, &h, doc, &status,
	    &reason)) < 0)
		goto done;
	error = setara_cred__verdict_set(v, SETARA_CHECK_STATUS, status,
		reason);
	reason = NULL;
	if (error < 0)
		goto done;
	/* A level claim the checks cannot read is refused, not skipped. */
	if (bad[0])
		error = setv(v, SETARA_CHECK_CONSISTENCY, SETARA_CHECK_FAIL,
			"level claims: %s", bad);
	else
		error = setara_cred__verdict_levels(v, vf, &h);
	if (error < 0)
		goto done;
	setara_cred__verdict_finish(v);
	*out = v;
	v = NULL;
done:
	setara__free(reason);
	setara_cred__header_dispose(&h);
	setara_verdict_free(v);
	setara_vc__jdoc_dispose(&tree);
	return error;
}
