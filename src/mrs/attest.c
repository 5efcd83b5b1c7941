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

static void body(setara__xml_builder *x, xmlNodePtr root,
	const setara_mrs_decision *d)
{
	static const char *const credential[] = { "sha256", "issuer",
		"number", "occupation", "result", NULL };
	const char *cv[] = { d->cred.sha256, d->cred.issuer_id,
		d->cred.number, d->cred.occupation,
		setara_mrs__credential_result_name(d->verified.result) };
	const setara_mrs__coverage *c = &d->cov;
	xmlNodePtr n, k, u;
	char when[21];
	size_t i;

	n = setara__xb_el(x, root, "claim", NULL);
	setara__xb_at(x, n, "occupation", d->host.id);
	setara__xb_at(x, n, "country", d->host.country);
	setara__xb_at(x, n, "body", d->host.body_id);
	setara__xb_at_int(x, n, "requiredAqrf", d->host.req_aqrf);
	setara__xb_at(x, n, "confidence",
	    setara__confidence_name(d->host.req_conf));
	setara__xb_el(x, n, "title", d->host.title);

	n = setara__xb_el(x, root, "credential", NULL);
	if (is_uuid(d->cred.id))
		setara__xb_at(x, n, "id", d->cred.id);
	setara__xb_attrs(x, n, credential, cv);
	if (d->cred.readable) {
		k = setara__xb_el(x, n, "held", d->cred.qual_title ?
			d->cred.qual_title : "");
		setara__xb_at(x, k, "code", d->cred.qual_code);
		setara__xb_at(x, k, "level", d->cred.level);
		if (d->cred.aqrf > 0 && d->cred.aqrf <= 8)
			setara__xb_at_int(x, k, "aqrf", d->cred.aqrf);
	}
	for (i = 0; i < d->nchecks; i++) {
		k = setara__xb_el(x, n, "check", d->checks[i].reason ?
			d->checks[i].reason : "");
		setara__xb_at(x, k, "name", d->checks[i].name);
		setara__xb_at(x, k, "status", d->checks[i].status);
	}

	n = setara__xb_el(x, root, "decision", NULL);
	setara__xb_at(x, n, "outcome",
	    setara_mrs_outcome_name(d->outcome.outcome));
	if (setara_mrs_decision_basis(d))
		setara__xb_at(x, n, "basis", setara_mrs_decision_basis(d));
	setara__time_format(when, d->at);
	setara__xb_at(x, n, "at", when);
	for (i = 0; i < d->outcome.nreasons; i++) {
		k = setara__xb_el(x, n, "reason", NULL);
		setara__xb_at(x, k, "code",
		    setara_mrs_reason_name(d->outcome.reasons[i]));
	}

	if (d->decided_content) {
		n = setara__xb_el(x, root, "level", NULL);
		setara__xb_at(x, n, "from", d->level.ref);
		setara__xb_at_int(x, n, "aqrfMin",
			d->level.found ? d->level.min : 0);
		setara__xb_at_int(x, n, "aqrfMax",
			d->level.found ? d->level.max : 0);
		setara__xb_at(x, n, "confidence",
			setara__confidence_name(d->level.conf));
		setara__xb_at(x, n, "indicative",
			d->level.indicative ? "true" : "false");
		if (d->level.found && d->level.min > 0) {
			setara__xb_at(x, n, "report", d->level.report);
			setara__xb_at(x, n, "table", d->level.table);
		}
		setara__xb_at_int(x, n, "required", d->level.required);
		setara__xb_at(x, n, "result",
			setara_mrs__level_result_name(d->level.result));

		n = setara__xb_el(x, root, "units", NULL);
		setara__xb_at(x, n, "coverage",
			setara_mrs__coverage_name(c->overall));
		setara__xb_at_int(x, n, "required", (long long)c->required);
		setara__xb_at(x, n, "confidence",
			setara__confidence_name(c->conf));
		for (i = 0; i < c->nunits; i++) {
			const setara_mrs__unit_result *r = &c->units[i];

			u = setara__xb_el(x, n, "unit", NULL);
			setara__xb_at(x, u, "code", r->unit->code);
			if (r->unit->local)
				setara__xb_at(x, u, "localCode", "true");
			setara__xb_at(x, u, "status", r->status ?
				setara_mrs__coverage_name(r->status) :
				"missing");
			setara__xb_at(x, u, "confidence",
				setara__confidence_name(r->conf));
			setara__xb_el(x, u, "title", r->unit->title);
			if (r->basis)
				setara__xb_el(x, u, "basis", r->basis);
			if (r->close)
				setara__xb_el(x, u, "close", r->close);
		}
	}

	n = setara__xb_el(x, root, "inputs", NULL);
	for (i = 0; i < d->ninputs; i++) {
		k = setara__xb_el(x, n, "input", NULL);
		setara__xb_at(x, k, "role", d->inputs[i].role);
		setara__xb_at(x, k, "name", d->inputs[i].name);
		setara__xb_at(x, k, "sha256", d->inputs[i].sha256);
	}
	n = setara__xb_el(x, root, "trace", NULL);
	for (i = 0; i < d->ntrace; i++) {
		k = setara__xb_el(x, n, "step", d->trace[i].text);
		setara__xb_at(x, k, "rule", d->trace[i].rule);
	}
}

int setara_mrs_attestation_build(struct _xmlDoc **out,
	const setara_mrs_decision *d, const char *issuer_id)
{
	setara__xml_builder x;
	xmlNodePtr root;
	char id[46];
	const char *issuer = issuer_id ? issuer_id : d->host.body_id;
	setara__doc_head h = { id, { issuer, d->host.country, NULL },
		{ d->cred.holder_id, d->cred.holder_country, NULL }, NULL,
		setara__time_now() };
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
	h.issuer[2] = issuer_id && d->host.body_id &&
		strcmp(issuer_id, d->host.body_id) != 0 ? issuer_id :
		d->host.body_name;
	h.subject[2] = d->cred.holder_name ? d->cred.holder_name :
		d->cred.holder_id;
	root = setara__xb_start(&x, "attestation", SETARA_NS_DOC, TEXT_MAX);
	setara__xb_doc_head(&x, root, &h);
	/* The attestation speaks for the credential: no longer than it. */
	if (d->cred.has_valid_until && d->cred.valid_until > h.issued)
		setara__xb_el_time(&x, root, "validUntil",
			d->cred.valid_until);
	body(&x, root, d);
	return setara__xb_finish(out, &x, "mrs/attestation.xsd", "attestation",
		"out of memory building the attestation");
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
