/*
 * Verification: every check of DESIGN §4 on one document, each with its
 * own outcome and reason, and the overall verdict.
 *
 *   format       the safe loader (no DTD, no entities, no network, size
 *                cap), then the schema of the document's type
 *   profile      our own walk of the tree: no comment or processing
 *                instruction anywhere (the signature does not cover
 *                them); exactly one ds:Signature, the
 *                last child of the document element; SignedInfo with
 *                exc-C14N, ECDSA-SHA256 or RSA-SHA256; exactly one
 *                Reference URI="" with enveloped-signature + exc-C14N and
 *                SHA-256; KeyInfo with one X509Data of certificates only;
 *                the signer's key fits the algorithm (P-256, RSA >= 2048)
 *   signature    after the profile passed: the one reference's digest
 *                (exclusive C14N of the document without its
 *                Signature, SHA-256) and the signature over SignedInfo's
 *                exclusive C14N, checked with OpenSSL directly (a
 *                P-256 signer's key, from its 256th signature in this
 *                verifier, with its table of multiples: ossl.c); a value
 *                in a form this path does not decide goes to libxmlsec1,
 *                locked down: empty reference URI only, the allow-listed
 *                transforms and algorithms only, manifests ignored, X.509
 *                key data only, the key set from the certificate the
 *                profile check identified (xmlsec reads no KeyInfo
 *                itself), no I/O callbacks (cred_init.c).  The tests run
 *                every signature through both and require the same
 *                outcome (SETARA_VERIFY_CROSSCHECK).
 *   trust        chain to an anchor at signing time, key usage (ossl.c)
 *   issuer       the trust list binds the signer to the issuer named, and
 *                an accreditation covers type, frameworks, level (trust.c)
 *   validity     issued, validFrom, validUntil against the time given
 *   status       status lists (status.c)
 *   consistency  totals against the courses; levels against the
 *                reference data
 *
 * Nothing that failed the profile reaches libxmlsec1.  Checks that need
 * what an earlier one could not establish are could-not-check, saying why.
 */
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/transforms.h>
#include <xmlsec/keys.h>
#include <xmlsec/crypto.h>
#include <xmlsec/openssl/evp.h>

#include "cred_int.h"
#include "store/store_api.h"

struct setara_verifier {
	const setara_trust *trust;
	setara_store *store;
	char *status_path;
	time_t at;
	int fixed_at;
	setara_cred__lists *lists;
	setara_cred__certcache *certs;
	setara_cred__keycache *keys;  /* signers' P-256 tables */
	setara_cred__levels *levels;  /* under store_lock */
	pthread_mutex_t store_lock;
	int engine;                   /* SETARA_CRED__SIG_* */
	void *ext;                    /* a component's, under ext_lock */
	void (*ext_dispose)(void *);
	pthread_mutex_t ext_lock;
};

struct setara_verdict {
	char *file, *id, *type, *issuer;
	setara_result result;
	struct {
		setara_check_status status;
		char *reason;
	} c[SETARA_CHECK_COUNT];
};

static const char *const check_names[SETARA_CHECK_COUNT] = {
	"format", "profile", "signature", "trust", "issuer", "validity",
	"status", "consistency"
};

const char *setara_cred_check_name(setara_check check)
{
	return setara__name_of(check_names, SETARA_CHECK_COUNT, (int)check,
		NULL);
}

static const char *const status_names[] = {
	[SETARA_CHECK_PASS] = "pass",
	[SETARA_CHECK_FAIL] = "fail",
	[SETARA_CHECK_COULD_NOT_CHECK] = "could-not-check"
};

const char *setara_cred_check_status_name(setara_check_status s)
{
	return setara__name_of(status_names, SETARA_NAMES_COUNT(status_names),
		(int)s, NULL);
}

static const char *const result_names[] = {
	[SETARA_RESULT_VALID] = "valid",
	[SETARA_RESULT_INVALID] = "invalid",
	[SETARA_RESULT_INDETERMINATE] = "indeterminate"
};

const char *setara_cred_result_name(setara_result r)
{
	return setara__name_of(result_names, SETARA_NAMES_COUNT(result_names),
		(int)r, NULL);
}

/* ---- verdicts ---------------------------------------------------------- */

void setara_verdict_free(setara_verdict *v)
{
	int k;

	if (v == NULL)
		return;
	setara__free(v->file);
	setara__free(v->id);
	setara__free(v->type);
	setara__free(v->issuer);
	for (k = 0; k < SETARA_CHECK_COUNT; k++)
		setara__free(v->c[k].reason);
	setara__free(v);
}

setara_result setara_verdict_result(const setara_verdict *v)
{
	return v->result;
}

setara_check_status setara_verdict_check(const setara_verdict *v,
	setara_check check, const char **reason)
{
	if ((unsigned)check >= SETARA_CHECK_COUNT) {
		if (reason)
			*reason = NULL;
		return SETARA_CHECK_COULD_NOT_CHECK;
	}
	if (reason)
		*reason = v->c[check].reason;
	return v->c[check].status;
}

setara_check setara_verdict_first_problem(const setara_verdict *v)
{
	int k;

	for (k = 0; k < SETARA_CHECK_COUNT; k++)
		if (v->c[k].status == SETARA_CHECK_FAIL)
			return (setara_check)k;
	for (k = 0; k < SETARA_CHECK_COUNT; k++)
		if (v->c[k].status == SETARA_CHECK_COULD_NOT_CHECK)
			return (setara_check)k;
	return SETARA_CHECK_COUNT;
}

const char *setara_verdict_file(const setara_verdict *v)
{
	return v->file;
}

const char *setara_verdict_id(const setara_verdict *v)
{
	return v->id;
}

const char *setara_verdict_type(const setara_verdict *v)
{
	return v->type;
}

const char *setara_verdict_issuer(const setara_verdict *v)
{
	return v->issuer;
}

/* Record a check; @reason is taken (may be NULL only on out of memory). */
/* A reason may quote the document (a hostile credential's strings): it
 * is kept printable. */
static int set(setara_verdict *v, setara_check k, int status, char *reason)
{
	setara__printable(reason);
	setara__free(v->c[k].reason);
	v->c[k].status = (setara_check_status)status;
	v->c[k].reason = reason;
	return reason ? 0 : SETARA_ENOMEM;
}

static int setf(setara_verdict *v, setara_check k, int status,
	const char *fmt, ...) SETARA_PRINTF(4, 5);

static int setf(setara_verdict *v, setara_check k, int status,
	const char *fmt, ...)
{
	va_list ap;
	char *reason;

	va_start(ap, fmt);
	reason = setara__vasprintf(fmt, ap);
	va_end(ap);
	return set(v, k, status, reason);
}

static void finish(setara_verdict *v)
{
	int k, fail = 0, cnc = 0;

	for (k = 0; k < SETARA_CHECK_COUNT; k++) {
		fail |= v->c[k].status == SETARA_CHECK_FAIL;
		cnc |= v->c[k].status == SETARA_CHECK_COULD_NOT_CHECK;
	}
	v->result = fail ? SETARA_RESULT_INVALID : cnc ?
		SETARA_RESULT_INDETERMINATE : SETARA_RESULT_VALID;
}

/* ---- the verifier ------------------------------------------------------ */

int setara_cred_verifier_new(setara_verifier **out,
	const setara_verify_options *opts)
{
	setara_verifier *v;
	int error;

	*out = NULL;
	SETARA_ASSERT_ARG(opts &&
		opts->version == SETARA_VERIFY_OPTIONS_VERSION);
	if ((v = setara__calloc(1, sizeof(*v))) == NULL)
		return SETARA_ENOMEM;
	pthread_mutex_init(&v->store_lock, NULL);
	pthread_mutex_init(&v->ext_lock, NULL);
	v->trust = opts->trust;
	v->store = opts->store;
	v->fixed_at = opts->at != 0;
	v->engine = SETARA_CRED__SIG_FAST;
	/* Tests run every signature through both paths (see signature()). */
	if (opts->crosscheck)
		v->engine = SETARA_CRED__SIG_BOTH;
	v->at = opts->at ? (time_t)opts->at : setara__time_now();
	if ((error = setara_cred__certcache_new(&v->certs)) < 0 ||
	    (error = setara_cred__keycache_new(&v->keys)) < 0 ||
	    (error = setara_cred__levels_new(&v->levels)) < 0)
		goto fail;
	if (opts->status) {
		if (!setara__exists(opts->status)) {
			error = setara_error__set(SETARA_ENOTFOUND,
				SETARA_ERROR_DATA, opts->status, 0, "--status",
				"no such file or directory");
			goto fail;
		}
		if ((v->status_path = setara__strdup(opts->status)) == NULL) {
			error = SETARA_ENOMEM;
			goto fail;
		}
		if ((error = setara_cred__lists_load(&v->lists, v,
		    opts->status)) < 0)
			goto fail;
	}
	*out = v;
	return 0;
fail:
	setara_cred_verifier_free(v);
	return error;
}

void setara_cred_verifier_free(setara_verifier *v)
{
	if (v == NULL)
		return;
	setara_cred__lists_free(v->lists);
	setara_cred__certcache_free(v->certs);
	setara_cred__keycache_free(v->keys);
	setara_cred__levels_free(v->levels);
	setara__free(v->status_path);
	if (v->ext_dispose)
		v->ext_dispose(v->ext);
	pthread_mutex_destroy(&v->store_lock);
	pthread_mutex_destroy(&v->ext_lock);
	setara__free(v);
}

void **setara_cred__verifier_ext_lock(setara_verifier *vf,
	void (*dispose)(void *))
{
	pthread_mutex_lock(&vf->ext_lock);
	vf->ext_dispose = dispose;
	return &vf->ext;
}

void setara_cred__verifier_ext_unlock(setara_verifier *vf)
{
	pthread_mutex_unlock(&vf->ext_lock);
}

void setara_cred__verifier_engine(setara_verifier *v, int engine)
{
	v->engine = engine;
}

int setara_cred__verifier_tables(setara_verifier *v)
{
	return setara_cred__keycache_ready(v->keys);
}

/* The time of a verification: the one the verifier was given, else now,
 * at each verification (a service's verifier lives for days: documents
 * and status lists expire while it runs). */
time_t setara_cred__verifier_at(const setara_verifier *v)
{
	return v->fixed_at ? v->at : setara__time_now();
}

const char *setara_cred__verifier_status(const setara_verifier *vf)
{
	return vf->status_path;
}

/* ---- profile ----------------------------------------------------------- */

static int is_dsig(const xmlNode *n, const char *local)
{
	return setara__xml_is(n, SETARA_NS_DSIG, local);
}

static void count_sigs(xmlNodePtr n, int *count, xmlNodePtr *first)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_dsig(n, "Signature")) {
			if ((*count)++ == 0)
				*first = n;
		}
		count_sigs(n->children, count, first);
	}
}

/*
 * The element children of @n, which must be exactly @names (in the dsig
 * namespace, in order); non-blank text is refused too.  NULL on success,
 * else a reason (static or in @buf).
 */
static const char *children(xmlNodePtr n, const char *const *names,
	xmlNodePtr *kids, char *buf, size_t buflen)
{
	xmlNodePtr c;
	size_t i = 0;

	for (c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && xmlIsBlankNode(c))
			continue;
		if (c->type != XML_ELEMENT_NODE) {
			snprintf(buf, buflen, "unexpected content in %s",
				(const char *)n->name);
			return buf;
		}
		if (names[i] == NULL || !is_dsig(c, names[i])) {
			snprintf(buf, buflen, "%s%s%s is not allowed in "
				"%s%s%s", c->ns && c->ns->prefix ?
				(const char *)c->ns->prefix : "",
				c->ns && c->ns->prefix ? ":" : "",
				(const char *)c->name, (const char *)n->name,
				names[i] ? ", expected " : "",
				names[i] ? names[i] : "");
			/* Precise words for the classic cases. */
			if (is_dsig(c, "Reference") && names[i] == NULL)
				snprintf(buf, buflen, "more than one "
					"Reference (exactly one allowed)");
			return buf;
		}
		kids[i++] = c;
	}
	if (names[i] != NULL) {
		snprintf(buf, buflen, "%s has no %s", (const char *)n->name,
			names[i]);
		return buf;
	}
	return NULL;
}

static int alg_is(xmlNodePtr n, const char *alg)
{
	xmlChar *a = xmlGetProp(n, (const xmlChar *)"Algorithm");
	int yes = a && strcmp((const char *)a, alg) == 0;

	xmlFree(a);
	return yes;
}

static const char *short_alg(xmlNodePtr n, char *buf, size_t len)
{
	xmlChar *a = xmlGetProp(n, (const xmlChar *)"Algorithm");

	snprintf(buf, len, "%s", a ? (const char *)a : "(none)");
	xmlFree(a);
	return buf;
}

/* Text only (@blank: whitespace only): no element, comment or PI. */
static int text_only(xmlNodePtr n, int blank)
{
	xmlNodePtr c;

	for (c = n->children; c; c = c->next)
		if (c->type != XML_TEXT_NODE || (blank && !xmlIsBlankNode(c)))
			return 0;
	return 1;
}

#define no_element_children(n) text_only((n), 1)

/*
 * The first comment or processing instruction of the document, or NULL.
 * Exclusive C14N without comments leaves both out of the digest, so a
 * comment put into a signed text node ("Nur <!-- -->Aisyah") changes what
 * a reader sees while the signature still verifies, and an
 * xml-stylesheet instruction before the document element changes what a
 * browser shows: what a verifier reads must be exactly what was signed.
 */
static xmlNodePtr unsigned_content(xmlDocPtr doc)
{
	xmlNodePtr top = (xmlNodePtr)doc, n = doc->children;

	while (n && n != top) {
		if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE)
			return n;
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n != top && n->next == NULL)
			n = n->parent;
		if (n != top)
			n = n->next;
	}
	return NULL;
}

/* Where @n stands: "inside NAME" or "outside the document element". */
static const char *place(xmlNodePtr n, char *buf, size_t len)
{
	xmlNodePtr p = n->parent;

	if (p == NULL || p->type != XML_ELEMENT_NODE)
		snprintf(buf, len, "outside the document element");
	else
		snprintf(buf, len, "inside %s%s%s", p->ns && p->ns->prefix ?
			(const char *)p->ns->prefix : "", p->ns &&
			p->ns->prefix ? ":" : "", (const char *)p->name);
	return buf;
}

typedef struct profile_out {
	xmlNodePtr sig;
	xmlNodePtr signed_info, digest_value, signature_value;
	int alg;
	setara_cred__certs certs;
	int have_certs;
} profile_out;

/*
 * The signature profile (DESIGN §5), in the order a reader meets it.  Each
 * step returns 1 when the document passes it and the checks go on, or what
 * setf() returned once it has decided the profile check (0, or an error).
 */

/* Exactly one Signature, the last child of the document element, and no
 * comment or processing instruction the signature does not cover. */
static int profile_place(setara_verdict *v, xmlDocPtr doc, profile_out *po)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), last, c;
	char buf[300];
	int count = 0;

	if ((c = unsigned_content(doc)) != NULL)
		return setf(v, SETARA_CHECK_PROFILE, SETARA_CHECK_FAIL,
			"line %ld: a %s %s is not covered by the signature "
			"(exclusive C14N leaves it out): signed documents hold "
			"none", xmlGetLineNo(c), c->type == XML_COMMENT_NODE ?
			"comment" : "processing instruction",
			place(c, buf, sizeof(buf)));
	count_sigs(doc->children, &count, &po->sig);
	if (count == 0)
		return setf(v, SETARA_CHECK_PROFILE, SETARA_CHECK_FAIL,
			"the document is not signed");
	if (count > 1)
		return setf(v, SETARA_CHECK_PROFILE, SETARA_CHECK_FAIL,
			"%d Signature elements (exactly one is allowed)",
			count);
	if (po->sig->parent != root)
		return setf(v, SETARA_CHECK_PROFILE, SETARA_CHECK_FAIL,
			"the Signature is not a child of the document "
			"element");
	for (last = root->last; last && last->type != XML_ELEMENT_NODE;
	    last = last->prev)
		;
	if (last != po->sig)
		return setf(v, SETARA_CHECK_PROFILE, SETARA_CHECK_FAIL,
			"the Signature is not the last element of the "
			"document");
	return 1;
}

/* SignedInfo's methods: exclusive C14N without options, and an ECDSA or
 * RSA signature over SHA-256 (which sets po->alg). */
static int profile_methods(setara_verdict *v, xmlNodePtr *si,
	profile_out *po)
{
	char a[200];

	if (!alg_is(si[0], SETARA_ALG_EXC_C14N) || !no_element_children(si[0]))
		return setf(v, SETARA_CHECK_PROFILE, SETARA_CHECK_FAIL,
			"canonicalization %s is not allowed (exclusive C14N "
			"without options only)", short_alg(si[0], a,
			sizeof(a)));
	if (alg_is(si[1], SETARA_ALG_ECDSA_SHA256))
		po->alg = SETARA_CRED_ALG_ECDSA_P256;
	else if (alg_is(si[1], SETARA_ALG_RSA_SHA256))
		po->alg = SETARA_CRED_ALG_RSA;
	if (po->alg == 0 || !no_element_children(si[1]))
		return setf(v, SETARA_CHECK_PROFILE, SETARA_CHECK_FAIL,
			"signature algorithm %s is not allowed (ecdsa-sha256 "
			"or rsa-sha256 only)", short_alg(si[1], a, sizeof(a)));
	return 1;
}

/* The one Reference: URI="" (the whole document), enveloped-signature then
 * exclusive C14N, a SHA-256 digest; its children go to @rf. */
static int profile_reference(setara_verdict *v, xmlNodePtr ref,
	xmlNodePtr *rf)
{
	static const char *const ref_names[] = { "Transforms",
		"DigestMethod", "DigestValue", NULL };
	static const char *const tr_names[] = { "Transform", "Transform",
		NULL };
	xmlNodePtr tr[2], c;
	char buf[300], a[200];
	const char *why;
	xmlChar *uri;
	int error;

	uri = xmlGetProp(ref, (const xmlChar *)"URI");
	if (uri == NULL || uri[0] != '\0') {
		error = setf(v, SETARA_CHECK_PROFILE, SETARA_CHECK_FAIL,
			"Reference URI %s%s%s is not allowed (only URI=\"\", "
			"the whole document)", uri ? "\"" : "",
			uri ? (const char *)uri : "missing", uri ? "\"" : "");
		xmlFree(uri);
		return error;
	}
	xmlFree(uri);
	if ((why = children(ref, ref_names, rf, buf, sizeof(buf))))
		return setf(v, SETARA_CHECK_PROFILE, SETARA_CHECK_FAIL, "%s",
			why);
	if ((why = children(rf[0], tr_names, tr, buf, sizeof(buf))) ||
	    !alg_is(tr[0], SETARA_ALG_ENVELOPED) ||
	    !alg_is(tr[1], SETARA_ALG_EXC_C14N) ||
	    !no_element_children(tr[0]) || !no_element_children(tr[1])) {
		for (c = rf[0]->children; c; c = c->next)
			if (is_dsig(c, "Transform") &&
			    !alg_is(c, SETARA_ALG_ENVELOPED) &&
			    !alg_is(c, SETARA_ALG_EXC_C14N))
				return setf(v, SETARA_CHECK_PROFILE,
					SETARA_CHECK_FAIL, "transform %s is "
					"not allowed (enveloped-signature then "
					"exclusive C14N only)", short_alg(c, a,
					sizeof(a)));
		return setf(v, SETARA_CHECK_PROFILE, SETARA_CHECK_FAIL,
			"the transforms must be enveloped-signature then "
			"exclusive C14N, nothing else");
	}
	if (!alg_is(rf[1], SETARA_ALG_SHA256) || !no_element_children(rf[1]))
		return setf(v, SETARA_CHECK_PROFILE, SETARA_CHECK_FAIL,
			"digest algorithm %s is not allowed (SHA-256 only)",
			short_alg(rf[1], a, sizeof(a)));
	return 1;
}

/* X509Data holds X509Certificate elements only, at most
 * SETARA_CRED_MAX_CERTS, each base64; their DER goes to @der, *n of them. */
static int profile_cert_der(setara_verdict *v, xmlNodePtr x509data,
	setara_buf *der, size_t *n)
{
	xmlNodePtr c;
	xmlChar *t;
	int error;

	for (c = x509data->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && xmlIsBlankNode(c))
			continue;
		if (!is_dsig(c, "X509Certificate"))
			return setf(v, SETARA_CHECK_PROFILE,
				SETARA_CHECK_FAIL, "X509Data may hold "
				"X509Certificate elements only (found %s)",
				c->name ? (const char *)c->name : "text");
		if (*n == SETARA_CRED_MAX_CERTS)
			return setf(v, SETARA_CHECK_PROFILE,
				SETARA_CHECK_FAIL, "more than %d certificates",
				SETARA_CRED_MAX_CERTS);
		t = xmlNodeGetContent(c);
		error = setara__base64_decode(&der[*n], t ? (char *)t : "",
			t ? strlen((char *)t) : 0, 0);
		xmlFree(t);
		(*n)++;
		if (error < 0) {
			setara_error_clear();
			return setf(v, SETARA_CHECK_PROFILE,
				SETARA_CHECK_FAIL, "an X509Certificate is not "
				"base64");
		}
	}
	return 1;
}

/* The signer's certificates: they parse into po->certs and their key fits
 * the signature algorithm; then the profile check passes. */
static int profile_certs(setara_verdict *v, setara_verifier *vf,
	xmlNodePtr x509data, profile_out *po)
{
	setara_buf der[SETARA_CRED_MAX_CERTS];
	const char *why;
	size_t n = 0, i;
	int error;

	memset(der, 0, sizeof(der));
	if ((error = profile_cert_der(v, x509data, der, &n)) != 1)
		goto done;
	if ((error = setara_cred__certs_parse(&po->certs, vf->certs, der, n,
	    &why)) < 0)
		goto done;
	po->have_certs = why == NULL;
	if (why) {
		error = setf(v, SETARA_CHECK_PROFILE, SETARA_CHECK_FAIL, "%s",
			why);
		goto done;
	}
	if (po->certs.alg != po->alg) {
		error = setf(v, SETARA_CHECK_PROFILE, SETARA_CHECK_FAIL,
			"the signer's key (%s, %d bits) does not fit %s "
			"(ECDSA P-256 or RSA of 2048 bits or more)",
			po->certs.alg == SETARA_CRED_ALG_RSA ? "RSA" :
			po->certs.alg ? "EC P-256" : "other", po->certs.bits,
			po->alg == SETARA_CRED_ALG_RSA ? "rsa-sha256" :
			"ecdsa-sha256");
		po->have_certs = 0;
		goto done;
	}
	error = setf(v, SETARA_CHECK_PROFILE, SETARA_CHECK_PASS,
		"one enveloped signature, exc-c14n, %s, SHA-256, %zu "
		"certificate%s", po->alg == SETARA_CRED_ALG_RSA ?
		"rsa-sha256" : "ecdsa-sha256", n, n == 1 ? "" : "s");
done:
	for (i = 0; i < SETARA_CRED_MAX_CERTS; i++)
		setara_buf_dispose(&der[i]);
	return error;
}

/* The profile check: its steps in order, the first that decides ends it. */
static int profile(setara_verdict *v, setara_verifier *vf, xmlDocPtr doc,
	profile_out *po)
{
	static const char *const sig_names[] = { "SignedInfo",
		"SignatureValue", "KeyInfo", NULL };
	static const char *const si_names[] = { "CanonicalizationMethod",
		"SignatureMethod", "Reference", NULL };
	static const char *const ki_names[] = { "X509Data", NULL };
	xmlNodePtr sk[3], si[3], rf[3], ki[1];
	char buf[300];
	const char *why;
	int error;

	if ((error = profile_place(v, doc, po)) != 1)
		return error;
	if ((why = children(po->sig, sig_names, sk, buf, sizeof(buf))) ||
	    (why = children(sk[0], si_names, si, buf, sizeof(buf))))
		return setf(v, SETARA_CHECK_PROFILE, SETARA_CHECK_FAIL, "%s",
			why);
	if ((error = profile_methods(v, si, po)) != 1 ||
	    (error = profile_reference(v, si[2], rf)) != 1)
		return error;
	if (!text_only(rf[2], 0) || !text_only(sk[1], 0))
		return setf(v, SETARA_CHECK_PROFILE, SETARA_CHECK_FAIL,
			"malformed DigestValue or SignatureValue");
	po->signed_info = sk[0];
	po->digest_value = rf[2];
	po->signature_value = sk[1];
	if ((why = children(sk[2], ki_names, ki, buf, sizeof(buf))))
		return setf(v, SETARA_CHECK_PROFILE, SETARA_CHECK_FAIL,
			"%s (the key must come as X.509 certificates)", why);
	return profile_certs(v, vf, ki[0], po);
}

/* ---- signature (libxmlsec1) -------------------------------------------- */

/*
 * libxmlsec1, locked down: the reference check of the profile's one
 * reference and the signature.  It decides the signatures the direct path
 * below leaves, and checks every one under SETARA_VERIFY_CROSSCHECK.
 */

static int signature_xmlsec(setara_verdict *v, profile_out *po)
{
	xmlSecDSigCtxPtr ctx = NULL;
	xmlSecKeyPtr key = NULL;
	xmlSecKeyDataPtr data = NULL;
	xmlSecDSigReferenceCtxPtr ref;
	EVP_PKEY *pk;
	int rc, error = -1;

	setara_cred__xmlsec_error_clear();
	if ((ctx = xmlSecDSigCtxCreate(NULL)) == NULL)
		goto oom;
	ctx->enabledReferenceUris = xmlSecTransformUriTypeEmpty;
	ctx->flags |= XMLSEC_DSIG_FLAGS_IGNORE_MANIFESTS;
	if (xmlSecDSigCtxEnableReferenceTransform(ctx,
	    xmlSecTransformEnvelopedId) < 0 ||
	    xmlSecDSigCtxEnableReferenceTransform(ctx,
	    xmlSecTransformExclC14NId) < 0 ||
	    xmlSecDSigCtxEnableReferenceTransform(ctx,
	    xmlSecTransformSha256Id) < 0 ||
	    xmlSecDSigCtxEnableSignatureTransform(ctx,
	    xmlSecTransformExclC14NId) < 0 ||
	    xmlSecDSigCtxEnableSignatureTransform(ctx,
	    po->alg == SETARA_CRED_ALG_RSA ? xmlSecTransformRsaSha256Id :
	    xmlSecTransformEcdsaSha256Id) < 0 ||
	    xmlSecPtrListAdd(&ctx->keyInfoReadCtx.enabledKeyData,
	    (const xmlSecPtr)xmlSecKeyDataX509Id) < 0)
		goto oom;
	/* The key is the signer certificate's: xmlsec reads no KeyInfo. */
	pk = setara_cred__certs_key(&po->certs);
	if ((key = xmlSecKeyCreate()) == NULL ||
	    (data = xmlSecOpenSSLEvpKeyAdopt(xmlSecOpenSSLEvpKeyDup(pk))) ==
	    NULL || xmlSecKeySetValue(key, data) < 0)
		goto oom;
	data = NULL;
	ctx->signKey = key;
	key = NULL;
	rc = xmlSecDSigCtxVerify(ctx, po->sig);
	if (rc < 0) {
		error = setf(v, SETARA_CHECK_SIGNATURE, SETARA_CHECK_FAIL,
			"libxmlsec1 refused the signature: %s",
			setara_cred__xmlsec_error());
		goto done;
	}
	if (xmlSecPtrListGetSize(&ctx->signedInfoReferences) != 1) {
		error = setf(v, SETARA_CHECK_SIGNATURE, SETARA_CHECK_FAIL,
			"not exactly one reference was processed");
		goto done;
	}
	if (ctx->status == xmlSecDSigStatusSucceeded) {
		error = setf(v, SETARA_CHECK_SIGNATURE, SETARA_CHECK_PASS,
			"%s signature over the whole document verifies",
			po->alg == SETARA_CRED_ALG_RSA ? "RSA-SHA256" :
			"ECDSA-P256-SHA256");
		goto done;
	}
	ref = xmlSecPtrListGetItem(&ctx->signedInfoReferences, 0);
	if (ref && ref->status != xmlSecDSigStatusSucceeded)
		error = setf(v, SETARA_CHECK_SIGNATURE, SETARA_CHECK_FAIL,
			"the digest does not match: the signed content was "
			"changed");
	else
		error = setf(v, SETARA_CHECK_SIGNATURE, SETARA_CHECK_FAIL,
			"the signature value does not match the signer's "
			"key");
	goto done;
oom:
	error = setara_error__set(SETARA_ENOMEM, SETARA_ERROR_CRYPTO, NULL, 0,
		NULL, "libxmlsec1: %s", setara_cred__xmlsec_error());
done:
	if (data)
		xmlSecKeyDataDestroy(data);
	if (key)
		xmlSecKeyDestroy(key);
	if (ctx)
		xmlSecDSigCtxDestroy(ctx);
	return error;
}

/* ---- signature (exclusive C14N and OpenSSL) ---------------------------- */

/*
 * The profile leaves one way to sign: the digest of the exclusive
 * canonical form of the document without its Signature (URI="" with the
 * enveloped-signature transform), and a signature over the exclusive
 * canonical form of SignedInfo.  Both are computed here with c14n.c (the
 * bytes of libxml2's C14N, the code libxmlsec1 drives; libxml2 itself where
 * c14n.c declines), and checked with OpenSSL directly.  This
 * runs only after the profile check passed, so there is nothing else to
 * interpret; what is not in the canonical form these functions expect (a
 * base64 value with stray characters or loose padding, a signature value of
 * another length) is left to libxmlsec1, which then decides alone.
 */

/*
 * Base64 in its canonical form only: the alphabet, whitespace, a padding
 * of the right length at the end and zero bits under it.  Returns 1 and
 * the bytes, 0 for anything else (no error is set).
 */
static int canonical_b64(setara_buf *out, const xmlChar *text)
{
	const char *p = (const char *)text;
	size_t n = 0, pads = 0, len = 0;
	int last = 0, c;

	for (; *p; p++, len++) {
		c = (unsigned char)*p;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == '=') {
			pads++;
			n++;
			continue;
		}
		if (pads || !((c >= 'A' && c <= 'Z') || (c >= 'a' &&
		    c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
		    c == '/'))
			return 0;
		last = c;
		n++;
	}
	if (n == 0 || n % 4 != 0 || pads > 2)
		return 0;
	/* The bits under the padding are zero: one text per value. */
	if (pads) {
		int d = last >= 'A' && last <= 'Z' ? last - 'A' :
			last >= 'a' && last <= 'z' ? last - 'a' + 26 :
			last >= '0' && last <= '9' ? last - '0' + 52 :
			last == '+' ? 62 : 63;

		if ((pads == 1 && (d & 0x3)) || (pads == 2 && (d & 0xf)))
			return 0;
	}
	setara_buf_clear(out);
	if (setara__base64_decode(out, (const char *)text, len, 0) < 0) {
		setara_error_clear();
		return 0;
	}
	return 1;
}

/*
 * Exclusive C14N of the subtree of @top (SignedInfo) into @out.  The
 * subtree is copied into a document of its own and canonicalised whole:
 * the same bytes as the subtree's node-set in its document (what
 * libxmlsec1 canonicalises, through a visibility callback), because
 * exclusive C14N takes nothing from the ancestors of the apex but the
 * namespaces the subtree visibly uses, and the copy declares exactly those
 * (libxml2 declares an ancestor's namespace on the copy's root, with its
 * prefix).  A visibility callback would walk the whole document for a
 * subtree of ten elements.
 */
static int exc_c14n_subtree(setara_buf *out, xmlNodePtr top)
{
	xmlDocPtr d;
	xmlNodePtr c;
	int error;

	/* Written from the subtree itself where c14n.c can: it starts with
	 * nothing written, as the copy's C14N does. */
	if ((error = setara_cred__c14n(out, top)) != 0)
		return error < 0 ? error : 0;
	d = xmlNewDoc((const xmlChar *)"1.0");
	c = d ? xmlDocCopyNode(top, d, 1) : NULL;
	if (c == NULL) {
		xmlFreeDoc(d);
		return setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
			NULL, 0, NULL, "out of memory");
	}
	xmlDocSetRootElement(d, c);
	error = setara_cred__exc_c14n(out, d);
	xmlFreeDoc(d);
	return error;
}

/*
 * The signature check without libxmlsec1.  *decided is 0 when a value is
 * not in the form this path decides; the verdict is then libxmlsec1's.
 * A P-256 signer's key that @vf has seen verify 256 signatures verifies
 * with its table (ossl.c): a verifier kept for many documents (a batch,
 * the service) gains it, a single document never builds it.
 */
static int signature_fast(setara_verdict *v, setara_verifier *vf,
	xmlDocPtr doc, const profile_out *po, int *decided)
{
	xmlNodePtr root = po->sig->parent, next = po->sig->next;
	setara_buf canon = SETARA_BUF_INIT, want = SETARA_BUF_INIT,
		value = SETARA_BUF_INIT;
	const setara_cred__keytable *table = NULL;
	xmlChar *text = NULL;
	unsigned char md[32];
	int ok, error = 0;

	*decided = 0;
	text = xmlNodeGetContent(po->digest_value);
	if (text == NULL || !canonical_b64(&want, text) || want.size != 32)
		goto done;
	xmlFree(text);
	text = xmlNodeGetContent(po->signature_value);
	if (text == NULL || !canonical_b64(&value, text))
		goto done;

	/* The enveloped-signature transform: the document without its
	 * Signature.  It is put back where it was, the last element of the
	 * document element (whitespace may follow it). */
	xmlUnlinkNode(po->sig);
	error = setara_cred__exc_c14n(&canon, doc);
	if (next)
		xmlAddPrevSibling(next, po->sig);
	else
		xmlAddChild(root, po->sig);
	assert(po->sig->parent == root && po->sig->next == next);
	if (error < 0 || (error = setara__sha256(md, canon.ptr,
	    canon.size)) < 0)
		goto done;
	if (memcmp(md, want.ptr, sizeof(md)) != 0) {
		*decided = 1;
		error = setf(v, SETARA_CHECK_SIGNATURE, SETARA_CHECK_FAIL,
			"the digest does not match: the signed content was "
			"changed");
		goto done;
	}
	if (po->alg == SETARA_CRED_ALG_ECDSA_P256 && value.size == 64)
		table = setara_cred__keycache_use(vf->keys, po->certs.pub,
			po->certs.publen);
	if ((error = exc_c14n_subtree(&canon, po->signed_info)) < 0 ||
	    (error = setara_cred__ossl_verify(&ok,
	    setara_cred__certs_key(&po->certs), table, po->alg,
	    (const unsigned char *)value.ptr, value.size, canon.ptr,
	    canon.size)) < 0 || ok < 0)
		goto done;
	*decided = 1;
	if (ok)
		error = setf(v, SETARA_CHECK_SIGNATURE, SETARA_CHECK_PASS,
			"%s signature over the whole document verifies",
			po->alg == SETARA_CRED_ALG_RSA ? "RSA-SHA256" :
			"ECDSA-P256-SHA256");
	else
		error = setf(v, SETARA_CHECK_SIGNATURE, SETARA_CHECK_FAIL,
			"the signature value does not match the signer's "
			"key");
done:
	xmlFree(text);
	setara_buf_dispose(&canon);
	setara_buf_dispose(&want);
	setara_buf_dispose(&value);
	return error;
}

/*
 * The signature check: the direct path, with libxmlsec1 deciding what it
 * leaves.  With the crosscheck option (the tests) libxmlsec1 checks
 * every signature too, and a different outcome is an internal error: the
 * two must agree on every document.
 */
static int signature(setara_verdict *v, setara_verifier *vf, xmlDocPtr doc,
	profile_out *po, const char *name)
{
	setara_verdict *x;
	int decided = 0, error;

	if (vf->engine == SETARA_CRED__SIG_XMLSEC)
		return signature_xmlsec(v, po);
	if ((error = signature_fast(v, vf, doc, po, &decided)) < 0)
		return error;
	if (!decided)
		return signature_xmlsec(v, po);
	if (vf->engine != SETARA_CRED__SIG_BOTH)
		return 0;
	if ((x = setara__calloc(1, sizeof(*x))) == NULL)
		return SETARA_ENOMEM;
	if ((error = signature_xmlsec(x, po)) == 0 &&
	    x->c[SETARA_CHECK_SIGNATURE].status !=
	    v->c[SETARA_CHECK_SIGNATURE].status)
		error = setara_error__set(SETARA_ERROR, SETARA_ERROR_INTERNAL,
			name, 0, "Signature", "the signature check and "
			"libxmlsec1 disagree: %s (%s) against %s (%s)",
			setara_cred_check_status_name(
			v->c[SETARA_CHECK_SIGNATURE].status),
			v->c[SETARA_CHECK_SIGNATURE].reason,
			setara_cred_check_status_name(
			x->c[SETARA_CHECK_SIGNATURE].status),
			x->c[SETARA_CHECK_SIGNATURE].reason);
	setara_verdict_free(x);
	return error;
}

/* ---- validity, consistency --------------------------------------------- */

static int validity(setara_verdict *v, const setara_cred__header *h,
	time_t at)
{
	char ta[21], t1[21], t2[21];

	setara__time_format(ta, at);
	setara__time_format(t1, h->valid_from);
	if (h->has_valid_until)
		setara__time_format(t2, h->valid_until);
	/* Clocks differ between machines: a few minutes of skew is not a
	 * document from the future. */
	if (h->issued > at + SETARA_CRED_CLOCK_SKEW) {
		setara__time_format(t1, h->issued);
		return setf(v, SETARA_CHECK_VALIDITY, SETARA_CHECK_FAIL,
			"issued %s, after the time of verification %s", t1,
			ta);
	}
	if (at < h->valid_from)
		return setf(v, SETARA_CHECK_VALIDITY, SETARA_CHECK_FAIL,
			"not valid before %s (checked at %s)", t1, ta);
	if (h->has_valid_until && at >= h->valid_until)
		return setf(v, SETARA_CHECK_VALIDITY, SETARA_CHECK_FAIL,
			"expired on %s (validUntil; checked at %s)", t2, ta);
	if (h->has_valid_until)
		return setf(v, SETARA_CHECK_VALIDITY, SETARA_CHECK_PASS,
			"valid from %s until %s (checked at %s)", t1, t2, ta);
	return setf(v, SETARA_CHECK_VALIDITY, SETARA_CHECK_PASS,
		"valid from %s, no end (checked at %s)", t1, ta);
}

/* Totals of a transcript against its courses; NULL reason when fine. */
static int transcript_totals(setara_verdict *v, xmlDocPtr doc,
	const char *name, int *failed)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr totals = setara__xml_child(root, SETARA_NS_DOC, "totals");
	setara_cred__sums s;
	long long given;
	char a[32], b[32];

	*failed = 1;
	if (setara_cred__transcript_sums(&s, root, name) < 0) {
		setara_error_clear();
		return setf(v, SETARA_CHECK_CONSISTENCY, SETARA_CHECK_FAIL,
			"unreadable credits");
	}
	if (s.stray_line || s.missing_line)
		return setf(v, SETARA_CHECK_CONSISTENCY, SETARA_CHECK_FAIL,
			"line %d: %s", s.stray_line ? s.stray_line :
			s.missing_line, s.stray_line ? "converted values "
			"without a conversion" : "a counted course without "
			"converted values");
	setara_cred__dec_format(a, s.credits);
	if (setara_cred__dec_attr(&given, totals, "credits") < 0 ||
	    given != s.credits)
		return setf(v, SETARA_CHECK_CONSISTENCY, SETARA_CHECK_FAIL,
			"totals credits differ from the counted courses' sum "
			"%s", a);
	if (s.has_conversion) {
		setara_cred__dec_format(b, s.converted);
		if (setara_cred__dec_attr(&given, totals,
		    "convertedCredits") < 0 || given != s.converted)
			return setf(v, SETARA_CHECK_CONSISTENCY,
				SETARA_CHECK_FAIL, "totals convertedCredits "
				"differ from the converted credits' sum %s",
				b);
	}
	*failed = 0;
	return 0;
}

/*
 * No published status list for the document: the local register, when it
 * issued this document, is the issuer's own record of its status
 * (DESIGN: status from --status or the local register).  The entry the
 * document carries must be the one the register allocated.
 */
static int register_status(setara_verifier *vf, const setara_cred__header *h,
	int *status, char **reason)
{
	setara_register__slot slot;
	setara_doc_status ds;
	/* a third entry, or one of another type: not the two it allocated */
	int k, error, match = !h->nstatus_other;
	char *r;

	pthread_mutex_lock(&vf->store_lock);
	error = setara_register__entry(vf->store, h->id, h->issuer_id ?
		h->issuer_id : "", &ds, &slot);
	pthread_mutex_unlock(&vf->store_lock);
	if (error == SETARA_ENOTFOUND) {
		setara_error_clear();
		return 0; /* not ours: stays could-not-check */
	}
	if (error < 0)
		return error;
	for (k = 0; k < h->nstatus; k++)
		if (h->status[k].index != slot.index ||
		    strcmp(h->status[k].list, h->status[k].suspension ?
		    slot.suspension_list : slot.revocation_list) != 0)
			match = 0;
	if (h->nstatus_other)
		r = setara__asprintf("the document has %d status entries; "
			"the local register answers only for the two it "
			"allocated to %s", h->nstatus + h->nstatus_other,
			h->id);
	else if (!match)
		r = setara__asprintf("the document's status entry is not the "
			"one the local register allocated to %s", h->id);
	else if (ds == SETARA_DOC_REVOKED)
		r = setara__asprintf("revoked (local register, index %lu)",
			slot.index);
	else if (ds == SETARA_DOC_SUSPENDED)
		r = setara__asprintf("suspended (local register, index %lu)",
			slot.index);
	else
		r = setara__asprintf("not revoked or suspended (local "
			"register, index %lu; no published list given)",
			slot.index);
	if (r == NULL)
		return SETARA_ENOMEM;
	setara__free(*reason);
	*reason = r;
	*status = !match ? SETARA_CHECK_COULD_NOT_CHECK :
		ds == SETARA_DOC_ACTIVE ? SETARA_CHECK_PASS : SETARA_CHECK_FAIL;
	return 0;
}

static int consistency(setara_verdict *v, setara_verifier *vf,
	xmlDocPtr doc, const setara_cred__header *h, const char *name)
{
	char *reason = NULL;
	/* Without @doc (a credential of the vc component): levels only. */
	int totals = doc && h->type->type == SETARA_DOC_TRANSCRIPT;
	int status, failed = 0, error;

	if (totals) {
		if ((error = transcript_totals(v, doc, name, &failed)) < 0 ||
		    failed)
			return error;
	}
	if (h->nclaims == 0)
		return setf(v, SETARA_CHECK_CONSISTENCY, SETARA_CHECK_PASS,
			"%s", totals ?
			"totals agree with the courses; no level claimed" :
			"no level claimed");
	pthread_mutex_lock(&vf->store_lock);
	error = setara_cred__levels_check(vf->levels, vf->store, h, &status,
		&reason);
	pthread_mutex_unlock(&vf->store_lock);
	if (error < 0)
		return error;
	if (totals && status == SETARA_CHECK_PASS) {
		error = setf(v, SETARA_CHECK_CONSISTENCY, status,
			"totals agree with the courses; %s", reason);
		setara__free(reason);
		return error;
	}
	return set(v, SETARA_CHECK_CONSISTENCY, status, reason);
}

/* ---- one document ------------------------------------------------------ */

static char *reason_of_last_error(void)
{
	const setara_error *e = setara_error_last();
	char *r;

	if (e->line > 0)
		r = setara__asprintf("line %d: %s%s%s", e->line,
			e->field ? e->field : "", e->field ? ": " : "",
			e->message);
	else
		r = setara__asprintf("%s%s%s", e->field ? e->field : "",
			e->field ? ": " : "", e->message);
	/* Without it, the error is that memory ran out: keep it. */
	if (r)
		setara_error_clear();
	return r;
}

static int format(setara_verdict *v, xmlDocPtr doc, const char *name,
	setara_cred__header *h, int *have_header)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	const setara_cred__type *t = NULL;
	int error;

	*have_header = 0;
	if (root->ns && strcmp((const char *)root->ns->href,
	    SETARA_NS_DOC) == 0)
		t = setara_cred__type_find((const char *)root->name);
	if (t == NULL)
		return setf(v, SETARA_CHECK_FORMAT, SETARA_CHECK_FAIL,
			"not a setara document (document element %s%s%s)",
			(const char *)root->name, root->ns ? " in " : "",
			root->ns ? (const char *)root->ns->href : "");
	if ((v->type = setara__strdup(t->name)) == NULL)
		return SETARA_ENOMEM;
	if (setara__embedded(t->schema, NULL) == NULL) {
		error = setf(v, SETARA_CHECK_FORMAT,
			SETARA_CHECK_COULD_NOT_CHECK, "no schema for %s "
			"documents in this build (%s)", t->name, t->schema);
	} else if ((error = setara__xml_validate(doc, t->schema, name)) < 0) {
		/* Memory running out says nothing of the document. */
		if (error == SETARA_ENOMEM)
			return error;
		return set(v, SETARA_CHECK_FORMAT, SETARA_CHECK_FAIL,
			reason_of_last_error());
	} else {
		error = setf(v, SETARA_CHECK_FORMAT, SETARA_CHECK_PASS,
			"well-formed, no DTD, valid against %s", t->schema);
	}
	if (error < 0)
		return error;
	if ((error = setara_cred__header_read(h, doc, name)) < 0)
		return error == SETARA_ENOMEM ? error : set(v,
			SETARA_CHECK_FORMAT, SETARA_CHECK_FAIL,
			reason_of_last_error());
	*have_header = 1;
	if ((h->id && (v->id = setara__strdup(h->id)) == NULL) ||
	    (v->issuer = setara__strdup(h->issuer_id)) == NULL)
		return SETARA_ENOMEM;
	return 0;
}

static int cnc(setara_verdict *v, setara_check k, const char *why)
{
	return setf(v, k, SETARA_CHECK_COULD_NOT_CHECK, "%s", why);
}

/* Check @k cannot run: no usable signer certificate, no header (@h NULL:
 * @unread could not be read), or no trust directory (@what: "store" or
 * "list", as the check reads it).  Sets it could-not-check, *@error to 0
 * or a failure, and returns 1; else 0. */
static int unchecked(setara_verdict *v, setara_check k,
	const setara_verifier *vf, const profile_out *po,
	const setara_cred__header *h, const char *unread, const char *what,
	int *error)
{
	if (!po->have_certs || v->c[SETARA_CHECK_PROFILE].status !=
	    SETARA_CHECK_PASS)
		*error = cnc(v, k, "not checked: no usable signer "
			"certificate");
	else if (h == NULL)
		*error = setf(v, k, SETARA_CHECK_COULD_NOT_CHECK, "not "
			"checked: %s could not be read", unread);
	else if (vf->trust == NULL)
		*error = setf(v, k, SETARA_CHECK_COULD_NOT_CHECK, "no trust "
			"%s given (--trust DIR)", what);
	else
		return 0;
	return 1;
}

/* The trust check: the signer's certificate chains to an anchor at the
 * signing time (and, for a status list, at @at too).  @h NULL: the
 * document's header could not be read. */
static int trust_step(setara_verdict *v, setara_verifier *vf,
	profile_out *po, const setara_cred__header *h, time_t at)
{
	char why[512], now[512] = "", t[21];
	int ok, list, error;

	if (unchecked(v, SETARA_CHECK_TRUST, vf, po, h, "the signing time "
	    "(issued)", "store", &error))
		return error;
	if ((error = setara_cred__trust_anchors_verify(vf->trust,
	    &po->certs, h->issued, "signing time", &ok, why,
	    sizeof(why))) < 0)
		return error;
	/* A status list answers for now: its signer must still be trusted
	 * now, not only when it signed (an expired or retired key's list
	 * says nothing about today). */
	list = h->type && h->type->type == SETARA_DOC_STATUS_LIST;
	if (ok && list && (error = setara_cred__trust_anchors_verify(
	    vf->trust, &po->certs, at, "verification time", &ok, now,
	    sizeof(now))) < 0)
		return error;
	setara__time_format(t, at);
	if (ok)
		return setf(v, SETARA_CHECK_TRUST, SETARA_CHECK_PASS,
			"%s%s%s", why, list ? "; still valid at verification "
			"time " : "", list ? t : "");
	return setf(v, SETARA_CHECK_TRUST, SETARA_CHECK_FAIL, "%s%s",
		now[0] ? "a status list's signer must be trusted when the "
		"list is used: " : "", now[0] ? now : why);
}

/* The issuer check: the signer is the accredited issuer the document
 * names.  @h NULL: the header could not be read. */
static int issuer_step(setara_verdict *v, setara_verifier *vf,
	profile_out *po, const setara_cred__header *h)
{
	char *reason = NULL;
	int status, error;

	if (unchecked(v, SETARA_CHECK_ISSUER, vf, po, h, "the document's "
	    "issuer", "list", &error))
		return error;
	if ((error = setara_cred__trust_issuer(vf->trust, h, &po->certs,
	    &status, &reason)) < 0) {
		setara__free(reason);
		return error;
	}
	return set(v, SETARA_CHECK_ISSUER, status, reason);
}

int setara_cred__verify_doc(setara_verdict **out, setara_verifier *vf,
	xmlDocPtr doc, const char *name, setara_cred__header *h_out)
{
	setara_verdict *v;
	setara_cred__header h;
	profile_out po;
	char *reason = NULL;
	int have_header = 0, status, error = -1;
	time_t at = setara_cred__verifier_at(vf);

	*out = NULL;
	memset(&h, 0, sizeof(h));
	memset(&po, 0, sizeof(po));
	if ((v = setara__calloc(1, sizeof(*v))) == NULL)
		return SETARA_ENOMEM;
	if ((v->file = setara__strdup(name ? name : "-")) == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	if ((error = format(v, doc, name, &h, &have_header)) < 0)
		goto done;
	if (v->type == NULL) /* not a setara document at all */
		have_header = 0;
	if ((error = profile(v, vf, doc, &po)) < 0)
		goto done;

	if (v->c[SETARA_CHECK_PROFILE].status != SETARA_CHECK_PASS)
		error = cnc(v, SETARA_CHECK_SIGNATURE, "not checked: the "
			"signature does not follow the profile");
	else
		error = signature(v, vf, doc, &po, name);
	if (error < 0)
		goto done;

	if ((error = trust_step(v, vf, &po, have_header ? &h : NULL,
	    at)) < 0 ||
	    (error = issuer_step(v, vf, &po, have_header ? &h : NULL)) < 0)
		goto done;

	if (!have_header) {
		if ((error = cnc(v, SETARA_CHECK_VALIDITY, "not checked: the "
		    "document could not be read")) < 0 ||
		    (error = cnc(v, SETARA_CHECK_STATUS, "not checked: the "
		    "document could not be read")) < 0 ||
		    (error = cnc(v, SETARA_CHECK_CONSISTENCY, "not checked: "
		    "the document could not be read")) < 0)
			goto done;
	} else {
		if ((error = validity(v, &h, at)) < 0)
			goto done;
		if ((error = setara_cred__status_check(vf->lists, &h, at,
		    &status, &reason)) < 0)
			goto done;
		/* Status comes from --status when given, else from the
		 * local register (DESIGN §3); an unusable list given with
		 * --status stays could-not-check. */
		if (status == SETARA_CHECK_COULD_NOT_CHECK && vf->store &&
		    vf->status_path == NULL &&
		    (error = register_status(vf, &h, &status, &reason)) < 0)
			goto done;
		error = set(v, SETARA_CHECK_STATUS, status, reason);
		reason = NULL;
		if (error < 0 ||
		    (error = consistency(v, vf, doc, &h, name)) < 0)
			goto done;
	}
	finish(v);
	*out = v;
	v = NULL;
	if (h_out) {
		*h_out = h;
		memset(&h, 0, sizeof(h));
	}
	error = 0;
done:
	setara__free(reason);
	if (po.certs.n)
		setara_cred__certs_dispose(&po.certs);
	setara_cred__header_dispose(&h);
	setara_verdict_free(v);
	return error;
}

/* A verdict for a document that could not even be parsed. */
static int unreadable(setara_verdict **out, const char *name)
{
	setara_verdict *v;
	int k, error;

	*out = NULL;
	if ((v = setara__calloc(1, sizeof(*v))) == NULL)
		return SETARA_ENOMEM;
	if ((v->file = setara__strdup(name ? name : "-")) == NULL ||
	    (error = set(v, SETARA_CHECK_FORMAT, SETARA_CHECK_FAIL,
	    reason_of_last_error())) < 0) {
		setara_verdict_free(v);
		return SETARA_ENOMEM;
	}
	for (k = SETARA_CHECK_PROFILE; k < SETARA_CHECK_COUNT; k++)
		if ((error = cnc(v, (setara_check)k, "not checked: the "
		    "document could not be read")) < 0) {
			setara_verdict_free(v);
			return error;
		}
	finish(v);
	*out = v;
	return 0;
}

int setara_cred_verify_mem(setara_verdict **out, setara_verifier *v,
	const char *data, size_t len, const char *name)
{
	xmlDocPtr doc = NULL;
	int error;

	*out = NULL;
	SETARA_ASSERT_ARG(v && (data || len == 0));
	if (len > SETARA_CRED_MAX_DOC) {
		setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA, name, 0,
			NULL, "file too large (%zu bytes, limit %u)", len,
			SETARA_CRED_MAX_DOC);
		return unreadable(out, name);
	}
	if (setara__xml_parse_mem(&doc, data ? data : "", len, name) < 0)
		return unreadable(out, name);
	error = setara_cred__verify_doc(out, v, doc, name, NULL);
	xmlFreeDoc(doc);
	return error;
}

int setara_cred_verify(setara_verdict **out, setara_verifier *v,
	const char *path)
{
	setara_buf b = SETARA_BUF_INIT;
	int error;

	*out = NULL;
	SETARA_ASSERT_ARG(v && path);
	error = setara__read_file(&b, path, SETARA_CRED_MAX_DOC);
	if (error == SETARA_EINVALID) /* too large: a verdict */
		error = unreadable(out, path);
	else if (error == 0)
		error = setara_cred_verify_mem(out, v, b.ptr ? b.ptr : "",
			b.size, path);
	setara_buf_dispose(&b);
	return error;
}

/* ---- verdicts of other formats (the vc component) ----------------------- */

int setara_cred__verdict_new(setara_verdict **out, const char *file)
{
	setara_verdict *v;

	*out = NULL;
	if ((v = setara__calloc(1, sizeof(*v))) == NULL)
		return SETARA_ENOMEM;
	if ((v->file = setara__strdup(file ? file : "-")) == NULL) {
		setara__free(v);
		return SETARA_ENOMEM;
	}
	*out = v;
	return 0;
}

int setara_cred__verdict_about(setara_verdict *v, const char *id,
	const char *type, const char *issuer)
{
	setara__free(v->id);
	setara__free(v->type);
	setara__free(v->issuer);
	v->id = setara__printable(id ? setara__strdup(id) : NULL);
	v->type = setara__printable(type ? setara__strdup(type) : NULL);
	v->issuer = setara__printable(issuer ? setara__strdup(issuer) :
		NULL);
	return (id && !v->id) || (type && !v->type) ||
		(issuer && !v->issuer) ? SETARA_ENOMEM : 0;
}

int setara_cred__verdict_set(setara_verdict *v, setara_check k, int status,
	char *reason)
{
	return set(v, k, status, reason);
}

void setara_cred__verdict_finish(setara_verdict *v)
{
	finish(v);
}

const setara_trust *setara_cred__verifier_trust(const setara_verifier *vf)
{
	return vf->trust;
}

int setara_cred__verdict_validity(setara_verdict *v,
	const setara_cred__header *h, time_t at)
{
	return validity(v, h, at);
}

int setara_cred__verdict_register_status(setara_verifier *vf,
	const setara_cred__header *h, int *status, char **reason)
{
	*status = SETARA_CHECK_COULD_NOT_CHECK;
	*reason = NULL;
	if (vf->store == NULL)
		return 0;
	return register_status(vf, h, status, reason);
}

int setara_cred__verdict_levels(setara_verdict *v, setara_verifier *vf,
	const setara_cred__header *h)
{
	return consistency(v, vf, NULL, h, NULL);
}
