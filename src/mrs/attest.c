/*
 * The MRS attestation: the decision as a document of the setara
 * vocabulary (mrs/attestation.xsd), built here and issued through the cred
 * component like any other document type (signer checks, register row and
 * status entries, the enveloped signature of the profile, atomic write).
 */
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>

#include "mrs_int.h"

/* The schema's d:Text is at most 1000 characters. */
#define TEXT_MAX 1000

/* Text cut to the schema's limit on a character boundary (UTF-8). */
static char *fit(const char *s)
{
	size_t n = strlen(s);
	char *r;

	if (n <= TEXT_MAX)
		return setara__strdup(s);
	n = TEXT_MAX - 3;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	if ((r = setara__malloc(n + 4)) == NULL)
		return NULL;
	memcpy(r, s, n);
	memcpy(r + n, "...", 4);
	return r;
}

/* Builder state: the first allocation failure sticks. */
typedef struct b {
	xmlDocPtr doc;
	xmlNsPtr ns;
	int error;
} b;

static xmlNodePtr el(b *x, xmlNodePtr parent, const char *name,
	const char *text)
{
	xmlNodePtr n;
	char *t = NULL;

	if (x->error)
		return NULL;
	if (text && (t = fit(text)) == NULL) {
		x->error = SETARA_ENOMEM;
		return NULL;
	}
	n = xmlNewTextChild(parent, x->ns, (const xmlChar *)name,
		(const xmlChar *)t);
	setara__free(t);
	if (n == NULL)
		x->error = SETARA_ENOMEM;
	return n;
}

static void at(b *x, xmlNodePtr n, const char *name, const char *v)
{
	char *t;

	if (x->error || n == NULL || v == NULL)
		return;
	if ((t = fit(v)) == NULL ||
	    xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)t) == NULL)
		x->error = SETARA_ENOMEM;
	setara__free(t);
}

static void at_int(b *x, xmlNodePtr n, const char *name, long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	at(x, n, name, buf);
}

static void el_time(b *x, xmlNodePtr parent, const char *name, time_t t)
{
	char buf[21];

	setara__time_format(buf, t);
	el(x, parent, name, buf);
}

/* A credential id that is not a urn:uuid (a forged file) is left out. */
static int is_uuid(const char *s)
{
	size_t i;

	if (s == NULL || strlen(s) != 45 || strncmp(s, "urn:uuid:", 9) != 0)
		return 0;
	for (i = 9; i < 45; i++) {
		char c = s[i];

		if (i == 17 || i == 22 || i == 27 || i == 32) {
			if (c != '-')
				return 0;
		} else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
			return 0;
		}
	}
	return 1;
}

static void body(b *x, xmlNodePtr root, const setara_mrs_decision *d)
{
	const setara_mrs__coverage *c = &d->cov;
	xmlNodePtr n, k, u;
	char when[21];
	size_t i;

	n = el(x, root, "claim", NULL);
	at(x, n, "occupation", d->host.id);
	at(x, n, "country", d->host.country);
	at(x, n, "body", d->host.body_id);
	at_int(x, n, "requiredAqrf", d->host.req_aqrf);
	at(x, n, "confidence", setara__confidence_name(d->host.req_conf));
	el(x, n, "title", d->host.title);

	n = el(x, root, "credential", NULL);
	if (is_uuid(d->cred.id))
		at(x, n, "id", d->cred.id);
	at(x, n, "sha256", d->cred.sha256);
	at(x, n, "issuer", d->cred.issuer_id);
	at(x, n, "number", d->cred.number);
	at(x, n, "occupation", d->cred.occupation);
	at(x, n, "result",
	    setara_mrs__credential_result_name(d->verified.result));
	if (d->cred.readable) {
		k = el(x, n, "held", d->cred.qual_title ? d->cred.qual_title :
			"");
		at(x, k, "code", d->cred.qual_code);
		at(x, k, "level", d->cred.level);
		if (d->cred.aqrf > 0 && d->cred.aqrf <= 8)
			at_int(x, k, "aqrf", d->cred.aqrf);
	}
	for (i = 0; i < d->nchecks; i++) {
		k = el(x, n, "check", d->checks[i].reason ?
			d->checks[i].reason : "");
		at(x, k, "name", d->checks[i].name);
		at(x, k, "status", d->checks[i].status);
	}

	n = el(x, root, "decision", NULL);
	at(x, n, "outcome", setara_mrs_outcome_name(d->outcome.outcome));
	if (setara_mrs_decision_basis(d))
		at(x, n, "basis", setara_mrs_decision_basis(d));
	setara__time_format(when, d->at);
	at(x, n, "at", when);
	for (i = 0; i < d->outcome.nreasons; i++) {
		k = el(x, n, "reason", NULL);
		at(x, k, "code", setara_mrs_reason_name(d->outcome.reasons[i]));
	}

	if (d->decided_content) {
		n = el(x, root, "level", NULL);
		at(x, n, "from", d->level.ref);
		at_int(x, n, "aqrfMin", d->level.found ? d->level.min : 0);
		at_int(x, n, "aqrfMax", d->level.found ? d->level.max : 0);
		at(x, n, "confidence",
			setara__confidence_name(d->level.conf));
		at(x, n, "indicative", d->level.indicative ? "true" :
			"false");
		if (d->level.found && d->level.min > 0) {
			at(x, n, "report", d->level.report);
			at(x, n, "table", d->level.table);
		}
		at_int(x, n, "required", d->level.required);
		at(x, n, "result",
			setara_mrs__level_result_name(d->level.result));

		n = el(x, root, "units", NULL);
		at(x, n, "coverage", setara_mrs__coverage_name(c->overall));
		at_int(x, n, "required", (long long)c->required);
		at(x, n, "confidence", setara__confidence_name(c->conf));
		for (i = 0; i < c->nunits; i++) {
			const setara_mrs__unit_result *r = &c->units[i];

			u = el(x, n, "unit", NULL);
			at(x, u, "code", r->unit->code);
			if (r->unit->local)
				at(x, u, "localCode", "true");
			at(x, u, "status", r->status ? setara_mrs__coverage_name(
				r->status) : "missing");
			at(x, u, "confidence",
				setara__confidence_name(r->conf));
			el(x, u, "title", r->unit->title);
			if (r->basis)
				el(x, u, "basis", r->basis);
			if (r->close)
				el(x, u, "close", r->close);
		}
	}

	n = el(x, root, "inputs", NULL);
	for (i = 0; i < d->ninputs; i++) {
		k = el(x, n, "input", NULL);
		at(x, k, "role", d->inputs[i].role);
		at(x, k, "name", d->inputs[i].name);
		at(x, k, "sha256", d->inputs[i].sha256);
	}
	n = el(x, root, "trace", NULL);
	for (i = 0; i < d->ntrace; i++) {
		k = el(x, n, "step", d->trace[i].text);
		at(x, k, "rule", d->trace[i].rule);
	}
}

int setara_mrs_attestation_build(struct _xmlDoc **out,
	const setara_mrs_decision *d, const char *issuer_id)
{
	b x = { NULL, NULL, 0 };
	xmlNodePtr root, n;
	char id[46];
	const char *issuer = issuer_id ? issuer_id : d->host.body_id;
	time_t now = setara__time_now();
	int error;

	*out = NULL;
	SETARA_ASSERT_ARG(d);
	if (!d->cred.readable || d->cred.holder_id == NULL)
		return setara_error__data(d->cred.file, 0, "credential",
			"no attestation: the credential could not be read, so "
			"there is no holder to name");
	if (issuer == NULL || d->host.country == NULL)
		return setara_error__data(d->host.path, 0, "body",
			"no attestation: occupation %s names no attesting "
			"body with a setara id and country (give --issuer)",
			d->host.id);
	if ((error = setara__uuid_urn(id)) < 0)
		return error;
	if ((x.doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL ||
	    (root = xmlNewNode(NULL, (const xmlChar *)"attestation")) ==
	    NULL) {
		xmlFreeDoc(x.doc);
		x.doc = NULL;
		x.error = SETARA_ENOMEM;
		goto done;
	}
	xmlDocSetRootElement(x.doc, root);
	if ((x.ns = xmlNewNs(root, (const xmlChar *)SETARA_NS_DOC, NULL)) ==
	    NULL)
		x.error = SETARA_ENOMEM;
	xmlSetNs(root, x.ns);
	at(&x, root, "version", "1");

	el(&x, root, "id", id);
	n = el(&x, root, "issuer", NULL);
	at(&x, n, "id", issuer);
	at(&x, n, "country", d->host.country);
	el(&x, n, "name", issuer_id && d->host.body_id &&
		strcmp(issuer_id, d->host.body_id) != 0 ? issuer_id :
		d->host.body_name);
	n = el(&x, root, "subject", NULL);
	at(&x, n, "id", d->cred.holder_id);
	at(&x, n, "country", d->cred.holder_country);
	el(&x, n, "name", d->cred.holder_name ? d->cred.holder_name :
		d->cred.holder_id);
	el_time(&x, root, "issued", now);
	el_time(&x, root, "validFrom", now);
	/* The attestation speaks for the credential: no longer than it. */
	if (d->cred.has_valid_until && d->cred.valid_until > now)
		el_time(&x, root, "validUntil", d->cred.valid_until);
	body(&x, root, d);
	if (x.error == 0)
		x.error = setara__xml_validate(x.doc, "mrs/attestation.xsd",
			"attestation");
done:
	if (x.error < 0) {
		/* libxml2's allocations failing leave no last error */
		if (x.error == SETARA_ENOMEM)
			setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
				NULL, 0, NULL, "out of memory building the "
				"attestation");
		xmlFreeDoc(x.doc);
		return x.error;
	}
	*out = x.doc;
	return 0;
}

/* Issue the attestation of @d as signed XML, or as a credential proved
 * by @key when given. */
static int attest(setara_cred_issued *out, setara_store *st,
	setara_mrs_decision *d, const char *issuer_id,
	const setara_signer *signer, const setara_vc_key *key,
	const char *out_path)
{
	setara_cred_issued info = SETARA_CRED_ISSUED_INIT;
	xmlDocPtr doc = NULL;
	int error;

	SETARA_ASSERT_ARG(d && signer && out_path);
	if ((error = setara_mrs_attestation_build(&doc, d, issuer_id)) < 0 ||
	    (error = key ? setara_vc_issue_doc(&info, st, doc, signer, key,
	    out_path) : setara_cred_issue_doc(&info, st, doc, signer,
	    out_path)) < 0)
		goto done;
	setara__free(d->att_file);
	if ((d->att_file = setara__strdup(out_path)) == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	snprintf(d->att_id, sizeof(d->att_id), "%s", info.id);
	snprintf(d->att_sha256, sizeof(d->att_sha256), "%s", info.sha256);
	if (out)
		*out = info;
done:
	xmlFreeDoc(doc);
	return error;
}

int setara_mrs_attest(setara_cred_issued *out, setara_store *st,
	setara_mrs_decision *d, const char *issuer_id,
	const setara_signer *signer, const char *out_path)
{
	return attest(out, st, d, issuer_id, signer, NULL, out_path);
}

int setara_mrs_attest_vc(setara_cred_issued *out, setara_store *st,
	setara_mrs_decision *d, const char *issuer_id,
	const setara_signer *signer, const setara_vc_key *key,
	const char *out_path)
{
	SETARA_ASSERT_ARG(key);
	return attest(out, st, d, issuer_id, signer, key, out_path);
}
