/*
 * The decision object of an MRS claim: what the credential said, what
 * verification said, the level step, the unit coverage, the outcome with
 * its reasons, the digests of the inputs and the trace; with its getters
 * and its two renderings, JSON (docs/json.md, "mrs check") and text.
 */
#include <stdarg.h>
#include <string.h>

#include "mrs_int.h"

static const char *const reason_names[SETARA_MRS_REASON_COUNT] = {
	"RECOGNISED",
	"PARTIAL_UNITS_MISSING",
	"LEVEL_TOO_LOW",
	"LEVEL_UNCERTAIN",
	"COMPARABLE_LEVEL_ONLY",
	"NO_UNITS_COVERED",
	"EXPIRED",
	"NOT_YET_VALID",
	"ISSUER_NOT_ACCREDITED",
	"INVALID_CREDENTIAL",
	"INDETERMINATE",
	"UNREFERENCED_FRAMEWORK"
};

const char *setara_mrs_reason_name(setara_mrs_reason r)
{
	return (unsigned)r < SETARA_MRS_REASON_COUNT ? reason_names[r] :
		"UNKNOWN";
}

static const char *const outcome_names[] = {
	[SETARA_MRS_RECOGNISED] = "recognised",
	[SETARA_MRS_PARTLY_RECOGNISED] = "partly-recognised",
	[SETARA_MRS_NOT_RECOGNISED] = "not-recognised",
	[SETARA_MRS_INDETERMINATE] = "indeterminate"
};

const char *setara_mrs_outcome_name(setara_mrs_outcome o)
{
	return setara__name_of(outcome_names,
		SETARA_NAMES_COUNT(outcome_names), (int)o, "unknown");
}

static const char *const credential_result_names[] = {
	[SETARA_MRS_CREDENTIAL_VALID] = "valid",
	[SETARA_MRS_CREDENTIAL_INVALID] = "invalid",
	[SETARA_MRS_CREDENTIAL_INDETERMINATE] = "indeterminate"
};

const char *setara_mrs__credential_result_name(
	setara_mrs_credential_result r)
{
	return setara__name_of(credential_result_names,
		SETARA_NAMES_COUNT(credential_result_names), (int)r,
		"unchecked");
}

int setara_mrs__decision_new(setara_mrs_decision **out)
{
	*out = setara__calloc(1, sizeof(**out));
	return *out ? 0 : SETARA_ENOMEM;
}

int setara_mrs__trace(setara_mrs_decision *d, const char *rule,
	const char *fmt, ...)
{
	setara_mrs__step *grown, *step;
	va_list ap;

	if ((grown = setara__grow(d->trace, &d->atrace, d->ntrace,
	    sizeof(*grown), 16)) == NULL)
		return SETARA_ENOMEM;
	d->trace = grown;
	step = &d->trace[d->ntrace];
	va_start(ap, fmt);
	step->text = setara__vasprintf(fmt, ap);
	va_end(ap);
	if (step->text == NULL)
		return SETARA_ENOMEM;
	if ((step->rule = setara__strdup(rule)) == NULL) {
		setara__free(step->text);
		return SETARA_ENOMEM;
	}
	d->ntrace++;
	return 0;
}

int setara_mrs__input_add(setara_mrs_decision *d, const char *role,
	const char *name, const char *sha256)
{
	setara_mrs__input *grown, *in;
	size_t i;

	for (i = 0; i < d->ninputs; i++)
		if (strcmp(d->inputs[i].name, name) == 0)
			return 0;
	if ((grown = setara__grow(d->inputs, &d->ainputs, d->ninputs,
	    sizeof(*grown), 8)) == NULL)
		return SETARA_ENOMEM;
	d->inputs = grown;
	in = &d->inputs[d->ninputs];
	memset(in, 0, sizeof(*in));
	snprintf(in->sha256, sizeof(in->sha256), "%s", sha256 ? sha256 : "");
	if ((in->role = setara__strdup(role)) == NULL ||
	    (in->name = setara__strdup(name)) == NULL) {
		setara__free(in->role);
		return SETARA_ENOMEM;
	}
	d->ninputs++;
	return 0;
}

void setara_mrs__credential_dispose(setara_mrs__credential *c)
{
	if (c == NULL)
		return;
	setara__free_strv(c->units, c->nunits);
	setara__free(c->file);
	setara__free(c->id);
	setara__free(c->type);
	setara__free(c->number);
	setara__free(c->issuer_id);
	setara__free(c->issuer_country);
	setara__free(c->issuer_name);
	setara__free(c->accreditation);
	setara__free(c->holder_id);
	setara__free(c->holder_name);
	setara__free(c->holder_country);
	setara__free(c->qual_code);
	setara__free(c->qual_title);
	setara__free(c->level);
	setara__free(c->occupation);
	setara__free(c->occupation_title);
	memset(c, 0, sizeof(*c));
}

void setara_mrs_decision_free(setara_mrs_decision *d)
{
	size_t i;

	if (d == NULL)
		return;
	setara_mrs__credential_dispose(&d->cred);
	for (i = 0; i < d->nchecks; i++) {
		setara__free(d->checks[i].name);
		setara__free(d->checks[i].status);
		setara__free(d->checks[i].reason);
	}
	setara_mrs__coverage_dispose(&d->cov);
	setara_mrs__standard_dispose(&d->host);
	setara_mrs__standard_dispose(&d->home);
	setara_mrs__tables_free(d->tables, d->ntables);
	for (i = 0; i < d->ntrace; i++) {
		setara__free(d->trace[i].rule);
		setara__free(d->trace[i].text);
	}
	setara__free(d->trace);
	for (i = 0; i < d->ninputs; i++) {
		setara__free(d->inputs[i].role);
		setara__free(d->inputs[i].name);
	}
	setara__free(d->inputs);
	setara__free(d->att_file);
	setara__free(d);
}

setara_mrs_outcome setara_mrs_decision_outcome(const setara_mrs_decision *d)
{
	return d->outcome.outcome;
}

const char *setara_mrs_decision_basis(const setara_mrs_decision *d)
{
	if (!d->decided_content)
		return NULL;
	return d->level.found && d->level.min > 0 && !d->level.unconfirmed ?
		"confirmed" : "indicative";
}

const setara_mrs_reason *setara_mrs_decision_reasons(
	const setara_mrs_decision *d, size_t *n)
{
	*n = d->outcome.nreasons;
	return d->outcome.reasons;
}

size_t setara_mrs_decision_trace_count(const setara_mrs_decision *d)
{
	return d->ntrace;
}

const char *setara_mrs_decision_trace(const setara_mrs_decision *d,
	size_t i, const char **rule)
{
	if (i >= d->ntrace) {
		if (rule)
			*rule = NULL;
		return NULL;
	}
	if (rule)
		*rule = d->trace[i].rule;
	return d->trace[i].text;
}

/* ---- JSON ------------------------------------------------------------- */

/* @t as an xs:dateTime, or null when not @known. */
static void json_time(setara__json *j, const char *key, time_t t, int known)
{
	char buf[21];

	setara__time_format(buf, t);
	setara__json_str(j, key, known ? buf : NULL);
}

/* @v, or null for 0 (not known). */
static void json_int(setara__json *j, const char *key, long long v)
{
	if (v)
		setara__json_int(j, key, v);
	else
		setara__json_null(j, key);
}

/* An object @key of the strings @values named @names (NULL-terminated),
 * each NULL one as null. */
static void json_strs(setara__json *j, const char *key,
	const char *const *names, const char *const *values)
{
	size_t i;

	setara__json_obj_open(j, key);
	for (i = 0; names[i]; i++)
		setara__json_str(j, names[i], values[i]);
	setara__json_obj_close(j);
}

static void json_credential(setara__json *j, const setara_mrs_decision *d)
{
	static const char *const issuer[] = { "id", "country", "name", NULL };
	static const char *const holder[] = { "id", "name", "country", NULL };
	static const char *const check[] = { "check", "status", "reason",
		NULL };
	const setara_mrs__credential *c = &d->cred;
	const char *iv[] = { c->issuer_id, c->issuer_country, c->issuer_name };
	const char *hv[] = { c->holder_id, c->holder_name, c->holder_country };
	size_t i;

	setara__json_obj_open(j, "credential");
	setara__json_str(j, "file", c->file);
	setara__json_str(j, "sha256", c->sha256[0] ? c->sha256 : NULL);
	setara__json_str(j, "id", c->id);
	setara__json_str(j, "type", c->type);
	setara__json_str(j, "number", c->number);
	json_strs(j, "issuer", issuer, iv);
	json_strs(j, "holder", holder, hv);
	setara__json_obj_open(j, "qualification");
	setara__json_str(j, "code", c->qual_code);
	setara__json_str(j, "title", c->qual_title);
	setara__json_str(j, "level", c->level);
	json_int(j, "aqrf", c->aqrf);
	setara__json_obj_close(j);
	setara__json_str(j, "occupation", c->occupation);
	setara__json_arr_open(j, "units");
	for (i = 0; i < c->nunits; i++)
		setara__json_str(j, NULL, c->units[i]);
	setara__json_arr_close(j);
	json_time(j, "validFrom", c->valid_from, c->valid_from != 0);
	json_time(j, "validUntil", c->valid_until, c->has_valid_until);
	setara__json_str(j, "result",
		setara_mrs__credential_result_name(d->verified.result));
	setara__json_arr_open(j, "checks");
	for (i = 0; i < d->nchecks; i++) {
		const char *v[] = { d->checks[i].name, d->checks[i].status,
			d->checks[i].reason };

		json_strs(j, NULL, check, v);
	}
	setara__json_arr_close(j);
	setara__json_obj_close(j);
}

static void json_level(setara__json *j, const setara_mrs_decision *d)
{
	const setara_mrs__level *l = &d->level;

	setara__json_obj_open(j, "level");
	setara__json_str(j, "from", l->ref);
	json_int(j, "claimedAqrf", l->claimed);
	if (l->found && l->min > 0) {
		setara__json_obj_open(j, "aqrf");
		setara__json_int(j, "min", l->min);
		setara__json_int(j, "max", l->max);
		setara__json_obj_close(j);
	} else {
		setara__json_null(j, "aqrf");
	}
	setara__json_str(j, "confidence",
		setara__confidence_name(l->conf));
	setara__json_bool(j, "indicative", l->indicative);
	if (l->found && l->min > 0) {
		setara__json_str(j, "report", l->report);
		setara__json_str(j, "table", l->table);
	} else {
		setara__json_null(j, "report");
		setara__json_null(j, "table");
	}
	setara__json_int(j, "required", l->required);
	setara__json_str(j, "requiredConfidence",
		setara__confidence_name(l->req_conf));
	setara__json_str(j, "result",
		setara_mrs__level_result_name(l->result));
	setara__json_obj_close(j);
}

static void json_units(setara__json *j, const setara_mrs_decision *d)
{
	const setara_mrs__coverage *c = &d->cov;
	size_t i;

	setara__json_obj_open(j, "units");
	setara__json_str(j, "coverage", setara_mrs__coverage_name(c->overall));
	setara__json_int(j, "required", (long long)c->required);
	setara__json_int(j, "full", (long long)c->full);
	setara__json_int(j, "partial", (long long)c->partial);
	setara__json_int(j, "missing", (long long)c->missing);
	setara__json_str(j, "confidence",
		setara__confidence_name(c->conf));
	setara__json_arr_open(j, "list");
	for (i = 0; i < c->nunits; i++) {
		const setara_mrs__unit_result *r = &c->units[i];

		setara__json_obj_open(j, NULL);
		setara__json_str(j, "code", r->unit->code);
		setara__json_bool(j, "localCode", r->unit->local);
		setara__json_str(j, "title", r->unit->title);
		setara__json_str(j, "status",
			r->status == SETARA_MRS_COV_NONE ? "missing" :
			setara_mrs__coverage_name(r->status));
		setara__json_str(j, "confidence",
			setara__confidence_name(r->conf));
		setara__json_str(j, "basis", r->basis);
		setara__json_str(j, "close", r->close);
		setara__json_obj_close(j);
	}
	setara__json_arr_close(j);
	setara__json_obj_close(j);
}

int setara_mrs_decision_json(setara_buf *out, const setara_mrs_decision *d,
	int pretty)
{
	static const char *const input[] = { "role", "name", "sha256", NULL };
	static const char *const step[] = { "rule", "text", NULL };
	static const char *const attestation[] = { "file", "id", "sha256",
		NULL };
	const char *att[] = { d->att_file, d->att_id, d->att_sha256 };
	setara__json j;
	size_t i;

	setara__json_init(&j, out, pretty);
	setara__json_obj_open(&j, NULL);
	setara__json_int(&j, "version", 1);
	json_credential(&j, d);
	setara__json_obj_open(&j, "occupation");
	setara__json_str(&j, "id", d->host.id);
	setara__json_str(&j, "title", d->host.title);
	setara__json_str(&j, "country", d->host.country);
	setara__json_str(&j, "body", d->host.body_id);
	setara__json_int(&j, "requiredAqrf", d->host.req_aqrf);
	setara__json_str(&j, "confidence",
		setara__confidence_name(d->host.req_conf));
	setara__json_obj_close(&j);
	json_time(&j, "at", d->at, 1);
	setara__json_str(&j, "outcome",
		setara_mrs_outcome_name(d->outcome.outcome));
	setara__json_str(&j, "basis", setara_mrs_decision_basis(d));
	if (d->decided_content)
		setara__json_str(&j, "confidence",
			setara__confidence_name(d->conf));
	else
		setara__json_null(&j, "confidence");
	setara__json_arr_open(&j, "reasons");
	for (i = 0; i < d->outcome.nreasons; i++)
		setara__json_str(&j, NULL,
			setara_mrs_reason_name(d->outcome.reasons[i]));
	setara__json_arr_close(&j);
	if (d->decided_content) {
		json_level(&j, d);
		json_units(&j, d);
	} else {
		setara__json_null(&j, "level");
		setara__json_null(&j, "units");
	}
	setara__json_arr_open(&j, "inputs");
	for (i = 0; i < d->ninputs; i++) {
		const char *v[] = { d->inputs[i].role, d->inputs[i].name,
			d->inputs[i].sha256 };

		json_strs(&j, NULL, input, v);
	}
	setara__json_arr_close(&j);
	if (d->att_file)
		json_strs(&j, "attestation", attestation, att);
	else
		setara__json_null(&j, "attestation");
	setara__json_arr_open(&j, "trace");
	for (i = 0; i < d->ntrace; i++) {
		const char *v[] = { d->trace[i].rule, d->trace[i].text };

		json_strs(&j, NULL, step, v);
	}
	setara__json_arr_close(&j);
	setara__json_obj_close(&j);
	return setara__json_error(&j);
}

/* ---- text -------------------------------------------------------------- */

int setara_mrs_decision_text(setara_buf *out, const setara_mrs_decision *d)
{
	const setara_mrs__coverage *c = &d->cov;
	size_t i;
	int error;

	error = setara_buf_printf(out, "%s: %s for %s (%s%s%s)\n",
		d->cred.file ? d->cred.file : "credential",
		setara_mrs_outcome_name(d->outcome.outcome), d->host.id,
		d->host.country ? d->host.country : "regional",
		d->host.title ? ", " : "", d->host.title ? d->host.title : "");
	if (error == 0)
		error = setara_buf_puts(out, "  reasons:");
	for (i = 0; error == 0 && i < d->outcome.nreasons; i++)
		error = setara_buf_printf(out, " %s",
			setara_mrs_reason_name(d->outcome.reasons[i]));
	if (error == 0)
		error = setara_buf_printf(out, "\n  credential: %s",
			setara_mrs__credential_result_name(d->verified.result));
	/* Why it is not valid: the first check that failed, else the first
	 * that could not be made. */
	if (error == 0 && d->verified.result != SETARA_MRS_CREDENTIAL_VALID) {
		const setara_mrs__vcheck *why = NULL;

		for (i = 0; why == NULL && i < d->nchecks; i++)
			if (strcmp(d->checks[i].status, "fail") == 0)
				why = &d->checks[i];
		for (i = 0; why == NULL && i < d->nchecks; i++)
			if (strcmp(d->checks[i].status, "pass") != 0)
				why = &d->checks[i];
		if (why)
			error = setara_buf_printf(out, " (%s %s: %s)",
				why->name, why->status, why->reason ?
				why->reason : "");
		else if (d->verified.result ==
		    SETARA_MRS_CREDENTIAL_UNCHECKED)
			error = setara_buf_puts(out, " (no trust store)");
	}
	if (error == 0)
		error = setara_buf_puts(out, "\n");
	if (error == 0 && d->decided_content && d->level.found &&
	    d->level.min > 0)
		error = setara_buf_printf(out, "  level: %s -> AQRF %d%s%.0d "
			"(%s%s; report %s, table %s); required AQRF %d "
			"(%s): %s\n",
			d->level.ref, d->level.min, d->level.max !=
			d->level.min ? "-" : "", d->level.max != d->level.min ?
			d->level.max : 0,
			setara__confidence_name(d->level.conf),
			d->level.indicative ? ", indicative" : "",
			d->level.report, d->level.table,
			d->level.required,
			setara__confidence_name(d->level.req_conf),
			setara_mrs__level_result_name(d->level.result));
	else if (error == 0 && d->decided_content)
		error = setara_buf_printf(out, "  level: %s -> no AQRF level; "
			"required AQRF %d (%s): %s\n", d->level.ref ?
			d->level.ref : "?", d->level.required,
			setara__confidence_name(d->level.req_conf),
			setara_mrs__level_result_name(d->level.result));
	if (error == 0 && setara_mrs_decision_basis(d))
		error = setara_buf_printf(out, "  basis: %s%s\n",
			setara_mrs_decision_basis(d),
			strcmp(setara_mrs_decision_basis(d), "indicative") ?
			" (the AQRF level link is confirmed from the referencing "
			"report's own table)" : " (the AQRF level link used is "
			"not confirmed from a referencing report's own table)");
	if (error == 0 && d->decided_content)
		error = setara_buf_printf(out, "  units: %s, %zu of %zu "
			"required full, %zu partial, %zu missing (confidence "
			"%s)\n", setara_mrs__coverage_name(c->overall),
			c->full, c->required, c->partial, c->missing,
			setara__confidence_name(c->conf));
	for (i = 0; error == 0 && d->decided_content && i < c->nunits;
	    i++) {
		const setara_mrs__unit_result *r = &c->units[i];

		error = setara_buf_printf(out, "    %-8s %s %s\n",
			r->status == SETARA_MRS_COV_NONE ? "missing" :
			setara_mrs__coverage_name(r->status), r->unit->code,
			r->unit->title);
		if (error == 0 && r->basis)
			error = setara_buf_printf(out, "             by: %s\n",
				r->basis);
		if (error == 0 && r->close)
			error = setara_buf_printf(out, "             to close:"
				" %s\n", r->close);
	}
	if (error == 0 && d->decided_content)
		error = setara_buf_printf(out, "  confidence: %s (the lowest "
			"of the facts used: level link %s, occupation's level "
			"%s, unit equivalences %s)\n",
			setara__confidence_name(d->conf),
			setara__confidence_name(d->level.conf),
			setara__confidence_name(d->level.req_conf),
			setara__confidence_name(c->conf));
	if (error == 0 && d->att_file)
		error = setara_buf_printf(out, "  attestation: %s -> %s\n",
			d->att_id, d->att_file);
	if (error == 0)
		error = setara_buf_puts(out, "  trace:\n");
	for (i = 0; error == 0 && i < d->ntrace; i++)
		error = setara_buf_printf(out, "    %s: %s\n", d->trace[i].rule,
			d->trace[i].text);
	return error;
}
