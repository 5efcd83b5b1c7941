/*
 * The decision document: a transfer decision as an unsigned
 * urn:setara:doc:1 decision (credit/decision.xsd, inside the envelope of
 * cred/doc-common.xsd): a fresh urn:uuid id, the host institution as the
 * issuer, the student as the subject, the evaluation with every item and
 * its trace, the caps and the totals.  The signature slot stays empty:
 * 'setara issue decision' signs it.  Every document written is validated
 * against the schema first, and written to its file atomically.
 */
#include <string.h>
#include <libxml/tree.h>

#include "credit_int.h"

/* The confidence to write, or NULL (no attribute) when not given. */
static const char *conf_name(setara_confidence c)
{
	return c == SETARA_CONFIDENCE_UNKNOWN ? NULL :
		setara__confidence_name(c);
}

static void course(setara__xml_builder *w, xmlNodePtr parent,
	const char *name, const setara_transfer_course *c)
{
	static const char *const names[] = { "code", "credits", "grade",
		"area", NULL };
	const char *v[] = { c->code, c->credits, c->grade, c->area };
	xmlNodePtr n = setara__xb_el(w, parent, name, NULL);

	setara__xb_attrs(w, n, names, v);
	if (c->title)
		setara__xb_el(w, n, "title", c->title);
}

static const char *const kinds[] = { "course", "block", "rpl",
	"advanced-standing" };
static const char *const statuses[] = { "granted", "partial", "refused" };
static const char *const outcomes[] = { "info", "pass", "fail", "limit" };

static const char *const steps[] = { "check", "outcome", "source",
	"confidence", "status", NULL };

static void item(setara__xml_builder *w, xmlNodePtr parent,
	const setara_transfer_item *x)
{
	static const char *const names[] = { "kind", "status", "rule", "area",
		"levelBasis", NULL };
	static const char *const credits[] = { "original", "converted",
		"granted", "method", NULL };
	const char *v[] = { kinds[x->kind], statuses[x->status], x->rule,
		x->area, x->level_basis };
	const char *cv[] = { x->credits_original, x->credits_converted,
		x->credits_granted, x->credit_method };
	xmlNodePtr n = setara__xb_el(w, parent, "item", NULL), c, t, s;
	size_t i;

	setara__xb_attrs(w, n, names, v);
	for (i = 0; i < x->nfrom; i++)
		course(w, n, "from", &x->from[i]);
	for (i = 0; i < x->nto; i++)
		course(w, n, "to", &x->to[i]);
	setara__xb_attrs(w, setara__xb_el(w, n, "credits", NULL), credits, cv);
	if (x->grade_original || x->grade_converted) {
		c = setara__xb_el(w, n, "grade", NULL);
		setara__xb_at(w, c, "original", x->grade_original);
		setara__xb_at(w, c, "converted", x->grade_converted);
		setara__xb_at(w, c, "method", x->grade_method);
		setara__xb_at(w, c, "inGpa", x->in_gpa ? "true" : "false");
	}
	if (x->reason)
		setara__xb_el(w, n, "reason", x->reason);
	t = setara__xb_el(w, n, "trace", NULL);
	for (i = 0; i < x->nsteps; i++) {
		const setara_transfer_step *st = &x->steps[i];

		const char *sv[] = { st->check, outcomes[st->outcome],
			st->source, conf_name(st->confidence), st->status };

		s = setara__xb_el(w, t, "step", st->text);
		setara__xb_attrs(w, s, steps, sv);
	}
}

/* The transfer element's own attributes. */
static xmlNodePtr transfer(setara__xml_builder *w, xmlNodePtr root,
	const setara_transfer_decision *d, const char *policy,
	const char *agreement)
{
	static const char *const names[] = { "host", "programme", "partner",
		"evaluated", "policy", "agreement", "engine", "levelBasis",
		NULL };
	const setara_transfer_rules *r = setara_credit__decision_rules(d);
	const setara_transfer_totals *tot = setara_transfer_decision_totals(d);
	const char *v[] = { r->host_id, r->prog_id,
		setara_credit__decision_record(d)->inst_id, tot->evaluated,
		policy, agreement, "setara " SETARA_VERSION, tot->level_basis };
	xmlNodePtr tr = setara__xb_el(w, root, "transfer", NULL);

	setara__xb_attrs(w, tr, names, v);
	return tr;
}

static int build(xmlDocPtr *out, const setara_transfer_decision *d)
{
	static const char *const record[] = { "file", "sha256",
		"creditSystem", "gradeScale", "level", NULL };
	static const char *const totals[] = { "original", "converted",
		"granted", "grantedRounded", "rounding", NULL };
	const setara_transfer_rules *r = setara_credit__decision_rules(d);
	const setara_record *rec = setara_credit__decision_record(d);
	const setara_transfer_totals *tot = setara_transfer_decision_totals(d);
	const char *rv[] = { rec->name, rec->sha256, rec->system, rec->scale,
		rec->level };
	const char *tv[] = { tot->credits_original, tot->credits_converted,
		tot->credits_granted, tot->credits_granted_rounded,
		tot->rounding };
	const char *policy, *agreement;
	char uuid[46];
	setara__doc_head h = { uuid,
		{ r->host_id, r->host_country, r->host_name },
		{ rec->student_id, rec->student_country, rec->student_name },
		rec->student_birth, 0 };
	xmlNodePtr root, n, tr;
	setara__xml_builder w;
	size_t i;
	int error, aqrf;

	*out = NULL;
	setara_credit__decision_ids(d, &policy, &agreement, &aqrf);
	if ((error = setara__uuid_urn(uuid)) < 0)
		return error;
	h.issued = setara__time_now();
	root = setara__xb_start(&w, "decision", SETARA_NS_DOC, 0);
	setara__xb_doc_head(&w, root, &h);
	tr = transfer(&w, root, d, policy, agreement);
	if (aqrf > 0) {
		n = setara__xb_el(&w, tr, "qualification", NULL);
		setara__xb_at(&w, n, "code", r->prog_id);
		setara__xb_at(&w, n, "level", r->prog_level);
		setara__xb_at_int(&w, n, "aqrf", aqrf);
		setara__xb_el(&w, n, "title", r->prog_name);
	}
	setara__xb_el(&w, tr, "programme", r->prog_name);
	setara__xb_attrs(&w, setara__xb_el(&w, tr, "record", NULL), record,
		rv);
	for (i = 0; i < tot->nnotes; i++)
		setara__xb_el(&w, tr, "basis", tot->notes[i]);
	for (i = 0; i < setara_transfer_decision_count(d); i++)
		item(&w, tr, setara_transfer_decision_item(d, i));
	for (i = 0; i < tot->ncaps; i++) {
		n = setara__xb_el(&w, tr, "cap", tot->caps[i].text);
		setara__xb_at(&w, n, "kind", tot->caps[i].kind);
		setara__xb_at(&w, n, "limit", tot->caps[i].limit);
		setara__xb_at(&w, n, "used", tot->caps[i].used);
	}
	n = setara__xb_el(&w, tr, "totals", NULL);
	setara__xb_attrs(&w, n, totals, tv);
	setara__xb_at_int(&w, n, "grantedItems", tot->granted);
	setara__xb_at_int(&w, n, "partialItems", tot->partial);
	setara__xb_at_int(&w, n, "refusedItems", tot->refused);
	return setara__xb_finish(out, &w, "credit/decision.xsd", "decision",
		"out of memory");
}

int setara_transfer_decision_xml(setara_buf *out,
	const setara_transfer_decision *d)
{
	xmlDocPtr doc;
	xmlChar *mem = NULL;
	int len = 0, error;

	SETARA_ASSERT_ARG(out && d);
	if ((error = build(&doc, d)) < 0)
		return error;
	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
	xmlFreeDoc(doc);
	if (mem == NULL)
		return setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
			NULL, 0, NULL, "out of memory");
	error = setara_buf_put(out, mem, (size_t)len);
	xmlFree(mem);
	return error;
}

int setara_transfer_decision_write(const setara_transfer_decision *d,
	const char *path)
{
	setara_buf b = SETARA_BUF_INIT;
	int error;

	SETARA_ASSERT_ARG(d && path);
	if ((error = setara_transfer_decision_xml(&b, d)) == 0)
		error = setara__write_file_atomic(path, b.ptr, b.size, 0644);
	setara_buf_dispose(&b);
	return error;
}
