/*
 * The trust directory a verifier is given: trust anchors (every *.pem
 * file) and the trust list (trust.xml, schema cred/trust.xsd) naming each
 * accredited issuer, the certificates it signs with and what it may issue.
 *
 * The trust check (chain to an anchor at signing time, key usage) runs in
 * ossl.c.  The issuer check
 * binds the signer's certificate to the issuer the document names and
 * looks for an accreditation that covers the document.
 */
#include <stdlib.h>
#include <string.h>

#include "cred_int.h"

typedef struct accreditation {
	char *ref;
	unsigned types;          /* bit per setara_doc_type */
	char **frameworks;       /* NULL-terminated; NULL: none */
	int max_aqrf;            /* 0: no level may be claimed */
	time_t from, until;
	int has_until;
} accreditation;

/* A verification method of Verifiable Credentials bound to the issuer. */
typedef struct trusted_method {
	char *id;          /* the proof's verificationMethod */
	char *public_key;  /* base64 of the DER SubjectPublicKeyInfo */
	char *cert;        /* the listed certificate of that key, or NULL */
} trusted_method;

typedef struct trusted_issuer {
	char *id, *country, *name;
	char (*certs)[65];
	/* certs[i] itself (certificate/x509) with its chain, when the list
	 * holds it: x509[i].n == 0 otherwise */
	setara_cred__certs *x509;
	size_t ncerts;
	trusted_method *methods;
	size_t nmethods;
	accreditation *acc;
	size_t nacc;
} trusted_issuer;

struct setara_trust {
	char *dir;
	setara_cred__anchors *anchors;
	trusted_issuer *issuers;
	size_t nissuers;
};

static void issuer_dispose(trusted_issuer *ti)
{
	size_t i, j;

	xmlFree(ti->id);
	xmlFree(ti->country);
	setara__free(ti->name);
	for (i = 0; ti->x509 && i < ti->ncerts; i++)
		setara_cred__certs_dispose(&ti->x509[i]);
	setara__free(ti->x509);
	setara__free(ti->certs);
	for (i = 0; i < ti->nmethods; i++) {
		xmlFree(ti->methods[i].id);
		xmlFree(ti->methods[i].public_key);
		xmlFree(ti->methods[i].cert);
	}
	setara__free(ti->methods);
	for (i = 0; i < ti->nacc; i++) {
		xmlFree(ti->acc[i].ref);
		for (j = 0; ti->acc[i].frameworks &&
		    ti->acc[i].frameworks[j]; j++)
			setara__free(ti->acc[i].frameworks[j]);
		setara__free(ti->acc[i].frameworks);
	}
	setara__free(ti->acc);
}

void setara_cred_trust_free(setara_trust *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nissuers; i++)
		issuer_dispose(&t->issuers[i]);
	setara__free(t->issuers);
	setara_cred__anchors_free(t->anchors);
	setara__free(t->dir);
	setara__free(t);
}

/* Split a whitespace-separated list into a NULL-terminated array. */
static int split(char ***out, const char *s)
{
	char **v = NULL;
	size_t n = 0;
	const char *p = s, *e;

	*out = NULL;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e && *e != ' ' && *e != '\t' && *e != '\n' &&
		    *e != '\r'; e++)
			;
		char **g = setara__realloc(v, (n + 2) * sizeof(*v));
		if (g == NULL)
			goto oom;
		v = g;
		if ((v[n] = setara__strndup(p, (size_t)(e - p))) == NULL)
			goto oom;
		v[++n] = NULL;
		p = e;
	}
	*out = v;
	return (int)n;
oom:
	while (n > 0)
		setara__free(v[--n]);
	setara__free(v);
	return SETARA_ENOMEM;
}

static int time_attr(time_t *out, xmlNodePtr n, const char *attr,
	const char *path, int *present)
{
	char *v = setara__xml_attr(n, attr);
	int error = 0;

	*present = v != NULL;
	if (v && setara__time_parse(out, v) < 0)
		error = setara_error__data(path, (int)xmlGetLineNo(n), attr,
			"not a date and time: '%s'", v);
	xmlFree(v);
	return error;
}

static int read_accreditation(accreditation *a, xmlNodePtr n,
	const char *path)
{
	char *types = setara__xml_attr(n, "types");
	char *fws = setara__xml_attr(n, "frameworks");
	char *max = setara__xml_attr(n, "maxAqrf");
	char **tv = NULL;
	int i, k, present, error = 0;

	a->ref = setara__xml_attr(n, "ref");
	if ((k = split(&tv, types ? types : "")) < 0) {
		error = k;
		goto done;
	}
	for (i = 0; i < k; i++) {
		const setara_cred__type *t = setara_cred__type_find(tv[i]);

		if (t)
			a->types |= 1u << t->type;
	}
	if (fws && (error = split(&a->frameworks, fws)) < 0)
		goto done;
	error = 0;
	a->max_aqrf = max ? (int)strtol(max, NULL, 10) : 0;
	if ((error = time_attr(&a->from, n, "from", path, &present)) < 0 ||
	    (error = time_attr(&a->until, n, "until", path,
	    &a->has_until)) < 0)
		goto done;
done:
	for (i = 0; tv && tv[i]; i++)
		setara__free(tv[i]);
	setara__free(tv);
	xmlFree(types);
	xmlFree(fws);
	xmlFree(max);
	return error;
}

/*
 * The certificate itself, when the trust list holds it (x509 children of
 * @n: base64 of the DER certificate, then any intermediate CA), into @c;
 * it must be the certificate @sha256 names.  Nothing when it has none.
 */
static int read_x509(setara_cred__certs *c, xmlNodePtr n,
	const char *sha256, const char *path)
{
	setara_buf der[SETARA_CRED_MAX_CERTS];
	const char *why = NULL;
	xmlNodePtr x;
	size_t nder = 0, i;
	char *text;
	int error = 0;

	memset(der, 0, sizeof(der));
	for (x = n->children; x && error == 0; x = x->next) {
		if (!setara__xml_is(x, SETARA_NS_DATA, "x509"))
			continue;
		if (nder == SETARA_CRED_MAX_CERTS) {
			error = setara_error__data(path, (int)xmlGetLineNo(x),
				"x509", "more than %d certificates",
				SETARA_CRED_MAX_CERTS);
			break;
		}
		if ((text = (char *)xmlNodeGetContent(x)) == NULL) {
			error = SETARA_ENOMEM;
			break;
		}
		if (setara__base64_decode(&der[nder], text, strlen(text),
		    0) < 0) {
			setara_error_clear();
			error = setara_error__data(path, (int)xmlGetLineNo(x),
				"x509", "not base64");
		}
		nder++;
		xmlFree(text);
	}
	if (error == 0 && nder > 0 &&
	    (error = setara_cred__certs_parse(c, NULL, der, nder, &why)) == 0) {
		if (why)
			error = setara_error__data(path, (int)xmlGetLineNo(n),
				"x509", "%s", why);
		else if (strcmp(c->leaf_hex, sha256) != 0)
			error = setara_error__data(path, (int)xmlGetLineNo(n),
				"x509", "the certificate held has SHA-256 %s, "
				"not %s", c->leaf_hex, sha256);
	}
	if (error < 0)  /* the caller keeps only what it counted */
		setara_cred__certs_dispose(c);
	for (i = 0; i < nder; i++)
		setara_buf_dispose(&der[i]);
	return error;
}

/*
 * The key of method @m and the certificates @ti holds: a method naming a
 * certificate has its key; a raw key (no certificate named) is the key of
 * none of them -- else listing it raw would skip the certificate's chain
 * and dates.
 */
static int same_key(const trusted_issuer *ti, const trusted_method *m,
	xmlNodePtr n, const char *path)
{
	setara_buf der = SETARA_BUF_INIT;
	size_t i;
	int error, same;

	if ((error = setara__base64_decode(&der, m->public_key,
	    strlen(m->public_key), 0)) < 0)
		return error;
	for (i = 0; i < ti->ncerts && error == 0; i++) {
		if (ti->x509[i].n == 0 || (m->cert && strcmp(m->cert,
		    ti->certs[i]) != 0))
			continue;
		same = setara_cred__certs_spki_is(&ti->x509[i],
			(const unsigned char *)der.ptr, der.size);
		if (m->cert && !same)
			error = setara_error__data(path, (int)xmlGetLineNo(n),
				"publicKey", "verification method %s: the key "
				"is not the key of certificate %s", m->id,
				m->cert);
		else if (!m->cert && same)
			error = setara_error__data(path, (int)xmlGetLineNo(n),
				"certificate", "verification method %s: the key "
				"is the key of certificate %s, listed as a raw "
				"key (name the certificate, so that its chain "
				"is checked)", m->id, ti->certs[i]);
	}
	setara_buf_dispose(&der);
	return error;
}

static int read_issuer(trusted_issuer *ti, xmlNodePtr n, const char *path)
{
	xmlNodePtr c;
	size_t nc = 0, na = 0, nm = 0, i;
	int error;

	ti->id = setara__xml_attr(n, "id");
	ti->country = setara__xml_attr(n, "country");
	ti->name = setara__xml_child_text(n, SETARA_NS_DATA, "name");
	for (c = n->children; c; c = c->next) {
		if (setara__xml_is(c, SETARA_NS_DATA, "certificate"))
			nc++;
		else if (setara__xml_is(c, SETARA_NS_DATA, "accreditation"))
			na++;
		else if (setara__xml_is(c, SETARA_NS_DATA,
		    "verificationMethod"))
			nm++;
	}
	ti->certs = setara__calloc(nc ? nc : 1, sizeof(*ti->certs));
	ti->x509 = setara__calloc(nc ? nc : 1, sizeof(*ti->x509));
	ti->acc = setara__calloc(na ? na : 1, sizeof(*ti->acc));
	ti->methods = setara__calloc(nm ? nm : 1, sizeof(*ti->methods));
	if (ti->certs == NULL || ti->x509 == NULL || ti->acc == NULL ||
	    ti->methods == NULL)
		return SETARA_ENOMEM;
	for (c = n->children; c; c = c->next) {
		if (setara__xml_is(c, SETARA_NS_DATA, "certificate")) {
			char *h = setara__xml_attr(c, "sha256");

			snprintf(ti->certs[ti->ncerts], 65, "%s",
				h ? h : "");
			xmlFree(h);
			if ((error = read_x509(&ti->x509[ti->ncerts], c,
			    ti->certs[ti->ncerts], path)) < 0)
				return error;
			ti->ncerts++;
		} else if (setara__xml_is(c, SETARA_NS_DATA,
		    "accreditation")) {
			if ((error = read_accreditation(&ti->acc[ti->nacc++],
			    c, path)) < 0)
				return error;
		} else if (setara__xml_is(c, SETARA_NS_DATA,
		    "verificationMethod")) {
			trusted_method *m = &ti->methods[ti->nmethods++];

			m->id = setara__xml_attr(c, "id");
			m->public_key = setara__xml_attr(c, "publicKey");
			m->cert = setara__xml_attr(c, "certificate");
			if (m->id == NULL || m->public_key == NULL)
				return SETARA_ENOMEM;
			/* The key of a listed certificate: the issuer's. */
			for (i = 0; m->cert && i < ti->ncerts; i++)
				if (strcmp(ti->certs[i], m->cert) == 0)
					break;
			if (m->cert && i == ti->ncerts)
				return setara_error__data(path,
					(int)xmlGetLineNo(c), "certificate",
					"verification method %s names a "
					"certificate %s does not list", m->id,
					ti->id);
			if ((error = same_key(ti, m, c, path)) < 0)
				return error;
		}
	}
	return 0;
}

/* The issuer and method of a verification method id, or NULL. */
static const trusted_issuer *by_method(const setara_trust *t,
	const char *id, const trusted_method **m)
{
	size_t i, j;

	for (i = 0; i < t->nissuers; i++)
		for (j = 0; j < t->issuers[i].nmethods; j++)
			if (strcmp(t->issuers[i].methods[j].id, id) == 0) {
				*m = &t->issuers[i].methods[j];
				return &t->issuers[i];
			}
	return NULL;
}

static int load_list(setara_trust *t, const char *path)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root, n;
	size_t count = 0, i, j;
	int error;

	if ((error = setara__xml_parse_file(&doc, path, 0)) < 0 ||
	    (error = setara__xml_validate(doc, "cred/trust.xsd", path)) < 0)
		goto done;
	root = xmlDocGetRootElement(doc);
	for (n = root->children; n; n = n->next)
		if (setara__xml_is(n, SETARA_NS_DATA, "issuer"))
			count++;
	if ((t->issuers = setara__calloc(count ? count : 1,
	    sizeof(*t->issuers))) == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	for (n = root->children; n; n = n->next) {
		if (!setara__xml_is(n, SETARA_NS_DATA, "issuer"))
			continue;
		if ((error = read_issuer(&t->issuers[t->nissuers++], n,
		    path)) < 0)
			goto done;
		for (i = 0; i < t->issuers[t->nissuers - 1].nmethods; i++) {
			const trusted_method *m;
			const char *id = t->issuers[t->nissuers - 1].methods[i].id;

			if (by_method(t, id, &m) != &t->issuers[t->nissuers - 1]
			    || m != &t->issuers[t->nissuers - 1].methods[i]) {
				error = setara_error__data(path,
					(int)xmlGetLineNo(n), "verificationMethod",
					"verification method %s is listed twice",
					id);
				goto done;
			}
		}
		for (i = 0; i + 1 < t->nissuers; i++)
			if (strcmp(t->issuers[i].id,
			    t->issuers[t->nissuers - 1].id) == 0) {
				error = setara_error__data(path,
					(int)xmlGetLineNo(n), "id",
					"issuer '%s' is listed twice",
					t->issuers[i].id);
				goto done;
			}
	}
	/* A certificate belongs to one issuer. */
	for (i = 0; i < t->nissuers; i++)
		for (j = 0; j < t->issuers[i].ncerts; j++) {
			size_t k, l;

			for (k = i; k < t->nissuers; k++)
				for (l = k == i ? j + 1 : 0;
				    l < t->issuers[k].ncerts; l++)
					if (strcmp(t->issuers[i].certs[j],
					    t->issuers[k].certs[l]) == 0) {
						error = setara_error__data(
							path, 0, "certificate",
							"certificate %s is "
							"listed twice",
							t->issuers[i].certs[j]);
						goto done;
					}
		}
done:
	xmlFreeDoc(doc);
	return error;
}

int setara_cred_trust_load(setara_trust **out, const char *dir)
{
	setara__strlist pems = { NULL, 0, 0 };
	setara_trust *t;
	char *list = NULL;
	size_t i;
	int n, error;

	*out = NULL;
	SETARA_ASSERT_ARG(dir);
	if ((t = setara__calloc(1, sizeof(*t))) == NULL)
		return SETARA_ENOMEM;
	if ((t->dir = setara__strdup(dir)) == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	if (!setara__is_dir(dir)) {
		error = setara_error__set(SETARA_ENOTFOUND, SETARA_ERROR_DATA,
			dir, 0, "--trust", "not a directory");
		goto done;
	}
	if ((error = setara_cred__anchors_new(&t->anchors)) < 0 ||
	    (error = setara__list_files(&pems, dir, ".pem", 0)) < 0)
		goto done;
	if (pems.count == 0) {
		error = setara_error__set(SETARA_ENOTFOUND, SETARA_ERROR_DATA,
			dir, 0, "--trust", "no trust anchor (*.pem) in the "
			"directory");
		goto done;
	}
	for (i = 0; i < pems.count; i++)
		if ((error = setara_cred__anchors_add_file(t->anchors,
		    pems.items[i], &n)) < 0)
			goto done;
	if ((list = setara__path_join(dir, "trust.xml")) == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	if (!setara__exists(list)) {
		error = setara_error__set(SETARA_ENOTFOUND, SETARA_ERROR_DATA,
			list, 0, "--trust", "no trust list in the directory");
		goto done;
	}
	if ((error = load_list(t, list)) < 0)
		goto done;
	*out = t;
	t = NULL;
done:
	setara__free(list);
	setara__strlist_dispose(&pems);
	setara_cred_trust_free(t);
	return error;
}

/* ---- trust check ------------------------------------------------------- */

int setara_cred__trust_anchors_verify(const setara_trust *t,
	const setara_cred__certs *c, time_t at, const char *when, int *ok,
	char *why, size_t whylen)
{
	return setara_cred__anchors_verify(t->anchors, c, at, when, ok, why,
		whylen);
}

/* ---- issuer check ------------------------------------------------------- */

static const trusted_issuer *by_cert(const setara_trust *t,
	const char *hex)
{
	size_t i, j;

	for (i = 0; i < t->nissuers; i++)
		for (j = 0; j < t->issuers[i].ncerts; j++)
			if (strcmp(t->issuers[i].certs[j], hex) == 0)
				return &t->issuers[i];
	return NULL;
}

static int has_framework(const accreditation *a, const char *fw)
{
	size_t i;

	for (i = 0; a->frameworks && a->frameworks[i]; i++)
		if (strcmp(a->frameworks[i], fw) == 0)
			return 1;
	return 0;
}

/*
 * Why @a does not cover the document, or NULL when it does.  Reasons are
 * ranked so that the most telling one is reported: 1 period, 2 type,
 * 3 framework, 4 level.
 */
static char *not_covered(const accreditation *a, const setara_cred__header *h,
	int *rank)
{
	char t1[21], t2[21], t3[21];
	size_t i;

	setara__time_format(t3, h->issued);
	if (h->issued < a->from || (a->has_until && h->issued > a->until)) {
		*rank = 1;
		setara__time_format(t1, a->from);
		if (a->has_until)
			setara__time_format(t2, a->until);
		return setara__asprintf("accreditation %s runs from %s%s%s, "
			"the document was issued %s", a->ref, t1,
			a->has_until ? " to " : "", a->has_until ? t2 : "", t3);
	}
	if (h->type->type == SETARA_DOC_STATUS_LIST)
		return NULL;
	if (!(a->types & (1u << h->type->type))) {
		*rank = 2;
		return setara__asprintf("not accredited to issue %s documents",
			h->type->name);
	}
	for (i = 0; i < h->nclaims; i++) {
		if (!has_framework(a, h->claims[i].framework)) {
			*rank = 3;
			return setara__asprintf("not accredited for "
				"framework %s (level %s claimed)",
				h->claims[i].framework, h->claims[i].level);
		}
		if (h->claims[i].aqrf > a->max_aqrf) {
			*rank = 4;
			return setara__asprintf("accredited up to AQRF level "
				"%d, the document claims AQRF level %d (%s)",
				a->max_aqrf, h->claims[i].aqrf,
				h->claims[i].level);
		}
	}
	return NULL;
}

static int issuer_covers(const trusted_issuer *ti,
	const setara_cred__header *h, const char *what, int *status,
	char **reason);

int setara_cred__trust_issuer(const setara_trust *t,
	const setara_cred__header *h, const setara_cred__certs *c,
	int *status, char **reason)
{
	const trusted_issuer *ti;

	*reason = NULL;
	*status = SETARA_CHECK_FAIL;
	if ((ti = by_cert(t, c->leaf_hex)) == NULL) {
		*reason = setara__asprintf("the signing certificate (SHA-256 "
			"%.16s...) is not in the trust list", c->leaf_hex);
		return *reason ? 0 : SETARA_ENOMEM;
	}
	return issuer_covers(ti, h, "the signing certificate", status,
		reason);
}

int setara_cred__trust_method(const setara_trust *t, const char *method,
	const char **issuer_id, const char **public_key,
	const char **cert_sha256)
{
	const trusted_method *m = NULL;
	const trusted_issuer *ti = by_method(t, method, &m);

	if (ti == NULL)
		return SETARA_ENOTFOUND;
	*issuer_id = ti->id;
	*public_key = m->public_key;
	*cert_sha256 = m->cert;
	return 0;
}

int setara_cred__trust_method_chain(const setara_trust *t,
	const char *method, time_t at, const char *when, int *status,
	char **reason)
{
	const trusted_method *m = NULL;
	const trusted_issuer *ti = by_method(t, method, &m);
	char why[512];
	size_t i;
	int ok, error;

	*reason = NULL;
	*status = SETARA_CHECK_FAIL;
	if (ti == NULL) {
		*reason = setara__asprintf("the verification method %s is not "
			"in the trust list", method);
		return *reason ? 0 : SETARA_ENOMEM;
	}
	if (m->cert == NULL) {
		/* A raw key: the trust list's binding is all there is. */
		*status = SETARA_CHECK_PASS;
		*reason = setara__asprintf("the trust list binds the "
			"verification method to %s (raw public key)", ti->id);
		return *reason ? 0 : SETARA_ENOMEM;
	}
	for (i = 0; i < ti->ncerts; i++)
		if (strcmp(ti->certs[i], m->cert) == 0)
			break;
	if (i == ti->ncerts || ti->x509[i].n == 0) {
		*status = SETARA_CHECK_COULD_NOT_CHECK;
		*reason = setara__asprintf("the trust list binds the "
			"verification method to %s's certificate SHA-256 "
			"%.16s... but does not hold it (certificate/x509): "
			"its chain cannot be checked", ti->id, m->cert);
		return *reason ? 0 : SETARA_ENOMEM;
	}
	if ((error = setara_cred__anchors_verify(t->anchors, &ti->x509[i],
	    at, when, &ok, why, sizeof(why))) < 0)
		return error;
	*status = ok ? SETARA_CHECK_PASS : SETARA_CHECK_FAIL;
	*reason = setara__asprintf("the trust list binds the verification "
		"method to %s, certificate SHA-256 %.16s...: %s", ti->id,
		m->cert, why);
	return *reason ? 0 : SETARA_ENOMEM;
}

int setara_cred__trust_issuer_method(const setara_trust *t,
	const setara_cred__header *h, const char *method, int *status,
	char **reason)
{
	const trusted_method *m = NULL;
	const trusted_issuer *ti;

	*reason = NULL;
	*status = SETARA_CHECK_FAIL;
	if ((ti = by_method(t, method, &m)) == NULL) {
		*reason = setara__asprintf("the verification method %s is not "
			"in the trust list", method);
		return *reason ? 0 : SETARA_ENOMEM;
	}
	return issuer_covers(ti, h, "the verification method", status,
		reason);
}

/* The issuer the document names is @ti, and one of its accreditations
 * covers the document. */
static int issuer_covers(const trusted_issuer *ti,
	const setara_cred__header *h, const char *what, int *status,
	char **reason)
{
	char *why = NULL, *best = NULL;
	int rank, best_rank = 0, accr_ok = 0;
	size_t i;

	if (strcmp(ti->id, h->issuer_id) != 0) {
		*reason = setara__asprintf("%s belongs to %s, the document "
			"names issuer %s", what, ti->id, h->issuer_id);
		goto done;
	}
	if (strcmp(ti->country, h->issuer_country) != 0) {
		*reason = setara__asprintf("the trust list places %s in %s, "
			"the document says %s", ti->id, ti->country,
			h->issuer_country);
		goto done;
	}
	if (h->issuer_accreditation) {
		for (i = 0; i < ti->nacc && !accr_ok; i++)
			accr_ok = strcmp(ti->acc[i].ref,
				h->issuer_accreditation) == 0;
		if (!accr_ok) {
			*reason = setara__asprintf("the trust list knows no "
				"accreditation '%s' of %s",
				h->issuer_accreditation, ti->id);
			goto done;
		}
	}
	for (i = 0; i < ti->nacc; i++) {
		rank = 0;
		if ((why = not_covered(&ti->acc[i], h, &rank)) == NULL) {
			*status = SETARA_CHECK_PASS;
			if (h->nclaims)
				*reason = setara__asprintf("%s, accredited "
					"(%s) for %s documents, framework %s, "
					"AQRF level %d and below", ti->id,
					ti->acc[i].ref, h->type->name,
					h->claims[0].framework,
					ti->acc[i].max_aqrf);
			else
				*reason = setara__asprintf("%s, accredited "
					"(%s) for %s documents", ti->id,
					ti->acc[i].ref, h->type->name);
			goto done;
		}
		if (rank > best_rank) {
			setara__free(best);
			best = why;
			best_rank = rank;
		} else {
			setara__free(why);
		}
		why = NULL;
	}
	*reason = best ? best : setara__asprintf("%s has no accreditation",
		ti->id);
	best = NULL;
done:
	setara__free(best);
	return *reason ? 0 : SETARA_ENOMEM;
}
