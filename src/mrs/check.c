/*
 * The claim pipeline of mutual recognition of skills: verify the
 * credential (the cred verifier: format, profile, signature, trust,
 * issuer accreditation, validity, status, consistency), read what it
 * says, check its validity period, map its level to the AQRF through its
 * framework (qf) and compare with the occupation's requirement, compute
 * the coverage of the occupation's units through the equivalence tables,
 * and combine (engine.c).  Every step leaves a line in the trace; every
 * file read is recorded with its digest.
 */
#include <string.h>
#include <libxml/tree.h>

#include "mrs_int.h"
#include "qf/qf_api.h"

static int verify(setara_mrs_decision *d, setara_verifier *vf,
	const setara_buf *data, const char *path)
{
	setara_verdict *v = NULL;
	const char *reason;
	setara_mrs__verified *r = &d->verified;
	setara_check_status cs;
	setara_check first;
	int i, error;

	if (vf == NULL) {
		r->result = SETARA_MRS_CREDENTIAL_UNCHECKED;
		return setara_mrs__trace(d, "verify", "no trust store: the "
			"credential's signature, issuer and status were not "
			"checked");
	}
	if ((error = setara_cred_verify_mem(&v, vf, data->ptr ? data->ptr :
	    "", data->size, path)) < 0)
		return error;
	switch (setara_verdict_result(v)) {
	case SETARA_RESULT_VALID:
		r->result = SETARA_MRS_CREDENTIAL_VALID;
		break;
	case SETARA_RESULT_INVALID:
		r->result = SETARA_MRS_CREDENTIAL_INVALID;
		break;
	default:
		r->result = SETARA_MRS_CREDENTIAL_INDETERMINATE;
		break;
	}
	for (i = 0; i < SETARA_CHECK_COUNT && i < 16; i++) {
		setara_mrs__vcheck *c = &d->checks[d->nchecks];

		cs = setara_verdict_check(v, (setara_check)i, &reason);
		if (cs == SETARA_CHECK_FAIL) {
			if (i == SETARA_CHECK_ISSUER)
				r->issuer_failed = 1;
			else if (i == SETARA_CHECK_VALIDITY)
				r->validity_failed = 1;
			else
				r->other_failed = 1;
		} else if (cs == SETARA_CHECK_COULD_NOT_CHECK) {
			r->could_not_check = 1;
		}
		if ((c->name = setara__strdup(setara_cred_check_name(
		    (setara_check)i))) == NULL ||
		    (c->status = setara__strdup(setara_cred_check_status_name(
		    cs))) == NULL ||
		    (reason && (c->reason = setara__strdup(reason)) == NULL)) {
			setara__free(c->name);
			setara__free(c->status);
			error = SETARA_ENOMEM;
			goto done;
		}
		d->nchecks++;
	}
	first = setara_verdict_first_problem(v);
	if (first == SETARA_CHECK_COUNT)
		error = setara_mrs__trace(d, "verify", "credential valid: "
			"every check passed (format, profile, signature, trust, "
			"issuer, validity, status, consistency)");
	else {
		cs = setara_verdict_check(v, first, &reason);
		error = setara_mrs__trace(d, "verify", "credential %s: %s "
			"%s: %s", setara_cred_result_name(
			setara_verdict_result(v)), setara_cred_check_name(first),
			setara_cred_check_status_name(cs), reason ? reason :
			"");
	}
	/* The issuer check is where the accreditation for this framework
	 * and level is confirmed: say it in its own step. */
	if (error == 0) {
		cs = setara_verdict_check(v, SETARA_CHECK_ISSUER, &reason);
		error = setara_mrs__trace(d, "issuer", "%s: %s",
			setara_cred_check_status_name(cs), reason ? reason :
			"");
	}
done:
	setara_verdict_free(v);
	return error;
}

/* Parse and read the certificate; a bad one is a verdict, not an error. */
static int read_credential(setara_mrs_decision *d, const setara_buf *data,
	const char *path)
{
	xmlDocPtr doc = NULL;
	const setara_error *e;
	int error = 0;

	if (setara__xml_parse_mem(&doc, data->ptr ? data->ptr : "",
	    data->size, path) < 0 ||
	    setara__xml_validate(doc, "cred/certificate.xsd", path) < 0) {
		e = setara_error_last();
		error = setara_mrs__trace(d, "credential", "not a readable "
			"certificate document: %s%s%s", e->field ? e->field :
			"", e->field ? ": " : "", e->message);
		setara_error_clear();
		goto done;
	}
	if ((error = setara_mrs__credential_read(&d->cred, doc)) < 0)
		goto done;
	d->verified.schema_valid = d->cred.readable;
	if (d->cred.readable)
		error = setara_mrs__trace(d, "credential", "%s %s issued by "
			"%s (%s) to %s: %s%s%s, %s (AQRF %d stated), "
			"occupation %s, %zu unit(s)", d->cred.type,
			d->cred.number ? d->cred.number : "(no number)",
			d->cred.issuer_id, d->cred.issuer_country ?
			d->cred.issuer_country : "?", d->cred.holder_id,
			d->cred.qual_title ? d->cred.qual_title : "",
			d->cred.qual_code ? " " : "", d->cred.qual_code ?
			d->cred.qual_code : "", d->cred.level, d->cred.aqrf,
			d->cred.occupation ? d->cred.occupation : "none",
			d->cred.nunits);
	else
		error = setara_mrs__trace(d, "credential", "a %s document, "
			"not a skills certificate", d->cred.type ?
			d->cred.type : "foreign");
done:
	xmlFreeDoc(doc);
	return error;
}

static int dates(setara_mrs_decision *d)
{
	char a[21], b[21], at[21];
	setara_mrs__dates *t = &d->dates;

	t->valid_from = d->cred.valid_from;
	t->valid_until = d->cred.valid_until;
	t->has_valid_until = d->cred.has_valid_until;
	t->at = d->at;
	setara_mrs__dates_decide(t);
	setara__time_format(a, t->valid_from);
	setara__time_format(b, t->valid_until);
	setara__time_format(at, t->at);
	return setara_mrs__trace(d, "validity", "valid from %s %s%s at %s: "
		"%s", a, t->has_valid_until ? "until " : "with no end",
		t->has_valid_until ? b : "", at, t->expired ? "EXPIRED" :
		t->not_yet_valid ? "NOT YET VALID" : "within its validity");
}

static int level(setara_mrs_decision *d, setara_store *st)
{
	setara_mrs__level *l = &d->level;
	setara_qf__link link;
	int error;

	l->ref = d->cred.level;
	l->claimed = d->cred.aqrf;
	l->required = d->host.req_aqrf;
	l->req_conf = d->host.req_conf;
	error = setara_qf__aqrf_link(st, l->ref, &link);
	l->min = link.min;
	l->max = link.max;
	l->conf = link.conf;
	l->indicative = link.indicative;
	l->unconfirmed = setara_qf__link_unconfirmed(&link);
	snprintf(l->report, sizeof(l->report), "%s", link.report);
	snprintf(l->table, sizeof(l->table), "%s",
		setara_qf_table_name(link.table));
	if (error == SETARA_ENOTFOUND || error == SETARA_EINVALID) {
		const setara_error *e = setara_error_last();

		error = setara_mrs__trace(d, "level", "%s: %s", l->ref,
			e->message);
		setara_error_clear();
		l->found = 0;
	} else if (error < 0) {
		return error;
	} else {
		l->found = 1;
	}
	setara_mrs__level_decide(l);
	if (error < 0)
		return error;
	if (l->found && l->min > 0)
		error = setara_mrs__trace(d, "level", "%s -> AQRF %d%s%.0d "
			"(confidence %s%s); the occupation requires AQRF %d "
			"(confidence %s): %s", l->ref, l->min, l->max != l->min
			? "-" : "", l->max != l->min ? l->max : 0,
			setara__confidence_name(l->conf), l->indicative ?
			", indicative: not an endorsed referencing outcome" :
			"", l->required, setara__confidence_name(
			l->req_conf), setara_mrs__level_result_name(
			l->result));
	else if (l->found)
		error = setara_mrs__trace(d, "level", "%s has no AQRF "
			"referencing: the level cannot be compared", l->ref);
	/* Issue 20: an endorsed referencing is not a level-by-level
	 * outcome until its table is read; say what the link rests on. */
	if (error == 0 && l->found && l->min > 0)
		error = setara_mrs__trace(d, "level", "referencing report %s, "
			"level table %s: %s", l->report, l->table,
			l->unconfirmed ? "the link is not confirmed level by "
			"level, so the decision is indicative" : "the link is "
			"confirmed from the report's own table");
	if (error == 0 && l->found && l->min > 0 && l->claimed &&
	    (l->claimed < l->min || l->claimed > l->max))
		error = setara_mrs__trace(d, "level", "the credential states "
			"AQRF %d, the reference data say %d-%d: the reference "
			"data decide", l->claimed, l->min, l->max);
	return error;
}

static int home(setara_mrs_decision *d, setara_store *st)
{
	int error;

	if (d->cred.occupation == NULL)
		return setara_mrs__trace(d, "home", "the credential names no "
			"occupation: only identical unit codes can count");
	error = setara_mrs__standard_read(&d->home, st, d->cred.occupation);
	if (error == SETARA_ENOTFOUND) {
		setara_error_clear();
		return setara_mrs__trace(d, "home", "standard %s is not in "
			"the reference data: only identical unit codes can "
			"count", d->cred.occupation);
	}
	if (error < 0)
		return error;
	if ((error = setara_mrs__input_add(d, "standard", d->home.path,
	    d->home.sha256)) < 0 ||
	    (error = setara_mrs__trace(d, "home", "%s: %s (%s, %s), %zu "
	    "units, confidence %s", d->home.id, d->home.title,
	    d->home.country ? d->home.country : "regional",
	    d->home.body_name, d->home.nunits,
	    setara__confidence_name(d->home.conf))) < 0)
		return error;
	if (d->home.level && strcmp(d->home.level, d->cred.level) != 0)
		error = setara_mrs__trace(d, "home", "the credential states "
			"%s, the standard's qualification is %s", d->cred.level,
			d->home.level);
	return error;
}

static int units(setara_mrs_decision *d, setara_store *st)
{
	const setara_mrs__coverage *c = &d->cov;
	size_t i;
	int error;

	if ((error = setara_mrs__tables_read(&d->tables, &d->ntables, st,
	    d->host.id, d->home.id)) < 0)
		return error;
	for (i = 0; i < d->ntables; i++)
		if ((error = setara_mrs__input_add(d, "equivalence",
		    d->tables[i].path, d->tables[i].sha256)) < 0)
			return error;
	if ((error = setara_mrs__cover(&d->cov, &d->host, d->home.id ?
	    &d->home : NULL, d->tables, d->ntables,
	    (const char *const *)d->cred.units, d->cred.nunits)) < 0)
		return error;
	error = setara_mrs__trace(d, "units", "%zu required unit(s) of %s: "
		"%zu full, %zu partial, %zu missing; coverage %s (confidence "
		"%s); %zu equivalence table(s)", c->required, d->host.id,
		c->full, c->partial, c->missing,
		setara_mrs__coverage_name(c->overall),
		setara__confidence_name(c->conf), d->ntables);
	for (i = 0; error == 0 && i < c->nunits; i++) {
		const setara_mrs__unit_result *r = &c->units[i];

		error = setara_mrs__trace(d, "unit", "%s %s: %s by %s%s%s",
			r->unit->code, r->unit->title, r->status ?
			setara_mrs__coverage_name(r->status) : "missing",
			r->basis, r->close ? "; to close: " : "", r->close ?
			r->close : "");
	}
	return error;
}

static int outcome(setara_mrs_decision *d)
{
	setara_buf b = SETARA_BUF_INIT;
	size_t i;
	int error = 0;

	setara_mrs__decide(&d->outcome, &d->verified,
		d->verified.schema_valid ? &d->dates : NULL,
		d->decided_content ? &d->level : NULL,
		d->decided_content ? &d->cov : NULL);
	for (i = 0; error == 0 && i < d->outcome.nreasons; i++)
		error = setara_buf_printf(&b, "%s%s", i ? ", " : "",
			setara_mrs_reason_name(d->outcome.reasons[i]));
	if (error == 0)
		error = setara_mrs__trace(d, "outcome", "%s (%s)",
			setara_mrs_outcome_name(d->outcome.outcome), b.ptr);
	setara_buf_dispose(&b);
	return error;
}

int setara_mrs_check(setara_mrs_decision **out, setara_store *st,
	setara_verifier *verifier, const char *credential_path,
	const char *occupation, const setara_mrs_options *opts)
{
	setara_mrs_decision *d = NULL;
	setara_buf data = SETARA_BUF_INIT;
	int error;

	*out = NULL;
	SETARA_ASSERT_ARG(st && credential_path && occupation);
	SETARA_CHECK_VERSION(opts, SETARA_MRS_OPTIONS_VERSION,
		"SETARA_MRS_OPTIONS_INIT");
	if ((error = setara_mrs__decision_new(&d)) < 0)
		return error;
	d->at = opts && opts->at ? (time_t)opts->at : setara__time_now();

	/* The occupation: an occupational standard with a requirement. */
	if ((error = setara_mrs__standard_read(&d->host, st,
	    occupation)) < 0)
		goto fail;
	if (d->host.req_aqrf <= 0) {
		error = setara_error__notfound("OCCUPATION", "'%s' is a "
			"regional benchmark, not an occupation: it sets no "
			"level (see docs/data-occupations.md)", occupation);
		goto fail;
	}
	if ((error = setara_mrs__input_add(d, "occupation", d->host.path,
	    d->host.sha256)) < 0 ||
	    (error = setara_mrs__trace(d, "occupation", "%s: %s (%s, %s): "
	    "AQRF %d required (confidence %s), %zu units", d->host.id,
	    d->host.title, d->host.country ? d->host.country : "regional",
	    d->host.body_name, d->host.req_aqrf,
	    setara__confidence_name(d->host.req_conf),
	    d->host.nunits)) < 0)
		goto fail;

	/* The credential, its digest, its verification. */
	if ((error = setara__read_file(&data, credential_path,
	    SETARA_XML_MAX_DEFAULT)) < 0)
		goto fail;
	if ((d->cred.file = setara__strdup(credential_path)) == NULL) {
		error = SETARA_ENOMEM;
		goto fail;
	}
	if ((error = setara__sha256_hex(d->cred.sha256, data.ptr ? data.ptr :
	    "", data.size)) < 0 ||
	    (error = setara_mrs__input_add(d, "credential", credential_path,
	    d->cred.sha256)) < 0 ||
	    (error = verify(d, verifier, &data, credential_path)) < 0 ||
	    (error = read_credential(d, &data, credential_path)) < 0)
		goto fail;

	if (d->verified.schema_valid) {
		if ((error = dates(d)) < 0 || (error = level(d, st)) < 0 ||
		    (error = home(d, st)) < 0 || (error = units(d, st)) < 0)
			goto fail;
		d->decided_content = 1;
		/* What the answer rests on is no surer than its weakest
		 * fact: the level link, the occupation's level, the unit
		 * equivalences used. */
		d->conf = d->host.req_conf;
		if (d->level.found && d->level.min > 0 && d->level.conf <
		    d->conf)
			d->conf = d->level.conf;
		if (d->cov.overall != SETARA_MRS_COV_NONE && d->cov.conf <
		    d->conf)
			d->conf = d->cov.conf;
		if ((error = setara_mrs__trace(d, "confidence", "%s: level "
		    "link %s, occupation's level %s, unit equivalences %s",
		    setara__confidence_name(d->conf),
		    setara__confidence_name(d->level.conf),
		    setara__confidence_name(d->level.req_conf),
		    setara__confidence_name(d->cov.conf))) < 0)
			goto fail;
	}
	if ((error = outcome(d)) < 0)
		goto fail;
	setara_buf_dispose(&data);
	*out = d;
	return 0;
fail:
	setara_buf_dispose(&data);
	setara_mrs_decision_free(d);
	return error;
}
