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

typedef struct wr {
	xmlDocPtr doc;
	xmlNsPtr ns;
	int oom;
} wr;

static xmlNodePtr el(wr *w, xmlNodePtr parent, const char *name,
	const char *text)
{
	xmlNodePtr n = xmlNewTextChild(parent, w->ns, (const xmlChar *)name,
		(const xmlChar *)text);

	if (n == NULL)
		w->oom = 1;
	return n;
}

static void at(wr *w, xmlNodePtr n, const char *name, const char *value)
{
	if (n && value && xmlNewProp(n, (const xmlChar *)name,
	    (const xmlChar *)value) == NULL)
		w->oom = 1;
}

/* The confidence to write, or NULL (no attribute) when not given. */
static const char *conf_name(setara_confidence c)
{
	return c == SETARA_CONFIDENCE_UNKNOWN ? NULL :
		setara__confidence_name(c);
}

static void course(wr *w, xmlNodePtr parent, const char *name,
	const setara_transfer_course *c)
{
	xmlNodePtr n = el(w, parent, name, NULL);

	at(w, n, "code", c->code);
	at(w, n, "credits", c->credits);
	at(w, n, "grade", c->grade);
	at(w, n, "area", c->area);
	if (c->title)
		el(w, n, "title", c->title);
}

static const char *const kinds[] = { "course", "block", "rpl",
	"advanced-standing" };
static const char *const statuses[] = { "granted", "partial", "refused" };
static const char *const outcomes[] = { "info", "pass", "fail", "limit" };

static void item(wr *w, xmlNodePtr parent, const setara_transfer_item *x)
{
	xmlNodePtr n = el(w, parent, "item", NULL), c, t, s;
	size_t i;

	at(w, n, "kind", kinds[x->kind]);
	at(w, n, "status", statuses[x->status]);
	at(w, n, "rule", x->rule);
	at(w, n, "area", x->area);
	at(w, n, "levelBasis", x->level_basis);
	for (i = 0; i < x->nfrom; i++)
		course(w, n, "from", &x->from[i]);
	for (i = 0; i < x->nto; i++)
		course(w, n, "to", &x->to[i]);
	c = el(w, n, "credits", NULL);
	at(w, c, "original", x->credits_original);
	at(w, c, "converted", x->credits_converted);
	at(w, c, "granted", x->credits_granted);
	at(w, c, "method", x->credit_method);
	if (x->grade_original || x->grade_converted) {
		c = el(w, n, "grade", NULL);
		at(w, c, "original", x->grade_original);
		at(w, c, "converted", x->grade_converted);
		at(w, c, "method", x->grade_method);
		at(w, c, "inGpa", x->in_gpa ? "true" : "false");
	}
	if (x->reason)
		el(w, n, "reason", x->reason);
	t = el(w, n, "trace", NULL);
	for (i = 0; i < x->nsteps; i++) {
		const setara_transfer_step *st = &x->steps[i];

		s = el(w, t, "step", st->text);
		at(w, s, "check", st->check);
		at(w, s, "outcome", outcomes[st->outcome]);
		at(w, s, "source", st->source);
		at(w, s, "confidence", conf_name(st->confidence));
		at(w, s, "status", st->status);
	}
}

static int build(xmlDocPtr *out, const setara_transfer_decision *d)
{
	const setara_transfer_rules *r = setara_credit__decision_rules(d);
	const setara_record *rec = setara_credit__decision_record(d);
	const setara_transfer_totals *tot = setara_transfer_decision_totals(d);
	const char *policy, *agreement;
	char uuid[46], now[21], buf[32];
	xmlNodePtr root, n, tr;
	wr w;
	size_t i;
	int error, aqrf;

	*out = NULL;
	setara_credit__decision_ids(d, &policy, &agreement, &aqrf);
	if ((error = setara__uuid_urn(uuid)) < 0)
		return error;
	setara__time_format(now, setara__time_now());
	memset(&w, 0, sizeof(w));
	if ((w.doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL ||
	    (root = xmlNewNode(NULL, (const xmlChar *)"decision")) == NULL)
		goto oom;
	xmlDocSetRootElement(w.doc, root);
	if ((w.ns = xmlNewNs(root, (const xmlChar *)SETARA_NS_DOC,
	    NULL)) == NULL)
		goto oom;
	xmlSetNs(root, w.ns);
	at(&w, root, "version", "1");
	el(&w, root, "id", uuid);
	n = el(&w, root, "issuer", NULL);
	at(&w, n, "id", r->host_id);
	at(&w, n, "country", r->host_country);
	el(&w, n, "name", r->host_name);
	n = el(&w, root, "subject", NULL);
	at(&w, n, "id", rec->student_id);
	at(&w, n, "country", rec->student_country);
	el(&w, n, "name", rec->student_name);
	if (rec->student_birth)
		el(&w, n, "birthDate", rec->student_birth);
	el(&w, root, "issued", now);
	el(&w, root, "validFrom", now);
	tr = el(&w, root, "transfer", NULL);
	at(&w, tr, "host", r->host_id);
	at(&w, tr, "programme", r->prog_id);
	at(&w, tr, "partner", rec->inst_id);
	at(&w, tr, "evaluated", tot->evaluated);
	at(&w, tr, "policy", policy);
	at(&w, tr, "agreement", agreement);
	at(&w, tr, "engine", "setara " SETARA_VERSION);
	at(&w, tr, "levelBasis", tot->level_basis);
	if (aqrf > 0) {
		n = el(&w, tr, "qualification", NULL);
		at(&w, n, "code", r->prog_id);
		at(&w, n, "level", r->prog_level);
		snprintf(buf, sizeof(buf), "%d", aqrf);
		at(&w, n, "aqrf", buf);
		el(&w, n, "title", r->prog_name);
	}
	el(&w, tr, "programme", r->prog_name);
	n = el(&w, tr, "record", NULL);
	at(&w, n, "file", rec->name);
	at(&w, n, "sha256", rec->sha256);
	at(&w, n, "creditSystem", rec->system);
	at(&w, n, "gradeScale", rec->scale);
	at(&w, n, "level", rec->level);
	for (i = 0; i < tot->nnotes; i++)
		el(&w, tr, "basis", tot->notes[i]);
	for (i = 0; i < setara_transfer_decision_count(d); i++)
		item(&w, tr, setara_transfer_decision_item(d, i));
	for (i = 0; i < tot->ncaps; i++) {
		n = el(&w, tr, "cap", tot->caps[i].text);
		at(&w, n, "kind", tot->caps[i].kind);
		at(&w, n, "limit", tot->caps[i].limit);
		at(&w, n, "used", tot->caps[i].used);
	}
	n = el(&w, tr, "totals", NULL);
	at(&w, n, "original", tot->credits_original);
	at(&w, n, "converted", tot->credits_converted);
	at(&w, n, "granted", tot->credits_granted);
	at(&w, n, "grantedRounded", tot->credits_granted_rounded);
	at(&w, n, "rounding", tot->rounding);
	snprintf(buf, sizeof(buf), "%u", tot->granted);
	at(&w, n, "grantedItems", buf);
	snprintf(buf, sizeof(buf), "%u", tot->partial);
	at(&w, n, "partialItems", buf);
	snprintf(buf, sizeof(buf), "%u", tot->refused);
	at(&w, n, "refusedItems", buf);
	if (w.oom)
		goto oom;
	/* what we write, we validate */
	if ((error = setara__xml_validate(w.doc, "credit/decision.xsd",
	    "decision")) < 0) {
		xmlFreeDoc(w.doc);
		return error;
	}
	*out = w.doc;
	return 0;
oom:
	xmlFreeDoc(w.doc);
	return setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY, NULL, 0,
		NULL, "out of memory");
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
