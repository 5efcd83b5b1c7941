/*
 * setara transfer evaluate RECORD.xml --host INST [--programme P]
 * [-o DECISION.xml]: evaluate a foreign academic record against the host's
 * course equivalences and transfer policy.  Prints each decision (granted,
 * partial, refused) with original and converted credits and grades, the
 * method and the trace of every rule, then the caps and the totals; -o
 * writes the unsigned decision document.  Exit 0 when any credit is
 * granted, 1 when everything is refused, 3 for bad input data.  JSON
 * schema: docs/json.md.
 */
#include <string.h>

#include "cli.h"
#include "util/util.h"

static const cli_opt evaluate_opts[] = {
	{ "host", 'H', "INST", "the host institution (my-um, sg-nus, ...)" },
	{ "programme", 'p', "P", "the host programme (default: its first)" },
	{ "output", 'o', "FILE", "write the unsigned decision document" },
	{ "at", 0, "DATE", "evaluation date (default: now)" },
	{ "summary", 's', NULL, "one line per course and the totals" },
	{ "explain", 'e', NULL, "every rule's trace (the default)" },
	{ NULL, 0, NULL, NULL }
};

static int cmd_transfer_evaluate(cli *c, int argc, char **argv);

static const cli_cmd transfer_cmd = {
	"transfer", NULL,
	"Evaluate a foreign academic record for credit transfer.",
	"transfer evaluate RECORD.xml --host INST [--programme P] "
	"[-o DECISION.xml]", NULL, NULL
};

static const cli_cmd evaluate_cmd = {
	"evaluate", cmd_transfer_evaluate,
	"Evaluate RECORD.xml (src/credit/record.xsd) against the host's\n"
	"course equivalences and transfer policy: per course granted,\n"
	"partial or refused, with original and converted credits and grades,\n"
	"the method and the trace of every rule; caps across the record;\n"
	"totals.",
	"transfer evaluate RECORD.xml --host INST [--programme P] "
	"[--summary] [-o DECISION.xml]", evaluate_opts,
	"Order: advanced standing for qualifications held, then each course\n"
	"in record order (the first equivalence rule that applies, else the\n"
	"unmatched policy; completed and passed; recency; level through the\n"
	"AQRF; learning-outcome overlap; credits converted exactly, the\n"
	"credit-value rule and the rounding; grade converted, original kept;\n"
	"minimum grade), then prior-learning claims; then the caps in this\n"
	"order: prior learning, the major, the degree (maximum share and\n"
	"residency).  -o writes an unsigned decision document (namespace\n"
	"urn:setara:doc:1) to sign with 'setara issue decision'.\n"
	"Exit 0 when any credit is granted, 1 when everything is refused.\n"
};

static const cli_sub subs[] = {
	{ &evaluate_cmd, "evaluate a record for transfer",
	  "transfer evaluate RECORD.xml --host INST" },
	{ NULL, NULL, NULL }
};

const cli_group cli_transfer_group = { &transfer_cmd, subs };

static const char *const kinds[] = { "course", "block", "rpl",
	"advanced-standing" };
static const char *const statuses[] = { "granted", "partial", "refused" };
static const char *const outcomes[] = { "info", "pass", "fail", "limit" };

/* ---- JSON ---------------------------------------------------------------- */

static void json_courses(setara__json *j, const char *key,
	const setara_transfer_course *c, size_t n)
{
	size_t i;

	setara__json_arr_open(j, key);
	for (i = 0; i < n; i++) {
		setara__json_obj_open(j, NULL);
		setara__json_str(j, "code", c[i].code);
		setara__json_str(j, "title", c[i].title);
		setara__json_str(j, "credits", c[i].credits);
		setara__json_str(j, "grade", c[i].grade);
		setara__json_str(j, "area", c[i].area);
		setara__json_obj_close(j);
	}
	setara__json_arr_close(j);
}

/* The JSON answer of transfer evaluate --json, into @b. */
static int decision_json(setara_buf *b, const setara_transfer_decision *d,
	const char *record, const char *output)
{
	const setara_transfer_totals *t = setara_transfer_decision_totals(d);
	setara__json j;
	size_t i, k;

	cli_json_begin(&j, b, NULL);
	setara__json_str(&j, "record", record);
	setara__json_str(&j, "host", t->host);
	setara__json_str(&j, "programme", t->programme);
	setara__json_str(&j, "partner", t->partner);
	setara__json_str(&j, "evaluated", t->evaluated);
	setara__json_str(&j, "decision", output);
	setara__json_arr_open(&j, "basis");
	for (i = 0; i < t->nnotes; i++)
		setara__json_str(&j, NULL, t->notes[i]);
	setara__json_arr_close(&j);
	setara__json_str(&j, "levelBasis", t->level_basis);
	setara__json_arr_open(&j, "items");
	for (i = 0; i < setara_transfer_decision_count(d); i++) {
		const setara_transfer_item *x =
			setara_transfer_decision_item(d, i);

		setara__json_obj_open(&j, NULL);
		setara__json_str(&j, "kind", kinds[x->kind]);
		setara__json_str(&j, "status", statuses[x->status]);
		setara__json_str(&j, "rule", x->rule);
		setara__json_str(&j, "area", x->area);
		json_courses(&j, "from", x->from, x->nfrom);
		json_courses(&j, "to", x->to, x->nto);
		setara__json_obj_open(&j, "credits");
		setara__json_str(&j, "original", x->credits_original);
		setara__json_str(&j, "converted", x->credits_converted);
		setara__json_str(&j, "granted", x->credits_granted);
		setara__json_str(&j, "method", x->credit_method);
		setara__json_obj_close(&j);
		setara__json_obj_open(&j, "grade");
		setara__json_str(&j, "original", x->grade_original);
		setara__json_str(&j, "converted", x->grade_converted);
		setara__json_str(&j, "method", x->grade_method);
		setara__json_bool(&j, "inGpa", x->in_gpa);
		setara__json_obj_close(&j);
		setara__json_str(&j, "reason", x->reason);
		setara__json_str(&j, "levelBasis", x->level_basis);
		setara__json_arr_open(&j, "trace");
		for (k = 0; k < x->nsteps; k++) {
			const setara_transfer_step *s = &x->steps[k];

			setara__json_obj_open(&j, NULL);
			setara__json_str(&j, "check", s->check);
			setara__json_str(&j, "outcome", outcomes[s->outcome]);
			setara__json_str(&j, "text", s->text);
			setara__json_str(&j, "source", s->source);
			setara__json_str(&j, "confidence",
				cli_conf_name(s->confidence));
			setara__json_str(&j, "status", s->status);
			setara__json_obj_close(&j);
		}
		setara__json_arr_close(&j);
		setara__json_obj_close(&j);
	}
	setara__json_arr_close(&j);
	setara__json_arr_open(&j, "caps");
	for (i = 0; i < t->ncaps; i++) {
		setara__json_obj_open(&j, NULL);
		setara__json_str(&j, "kind", t->caps[i].kind);
		setara__json_str(&j, "limit", t->caps[i].limit);
		setara__json_str(&j, "used", t->caps[i].used);
		setara__json_str(&j, "text", t->caps[i].text);
		setara__json_obj_close(&j);
	}
	setara__json_arr_close(&j);
	setara__json_obj_open(&j, "totals");
	setara__json_str(&j, "original", t->credits_original);
	setara__json_str(&j, "converted", t->credits_converted);
	setara__json_str(&j, "granted", t->credits_granted);
	setara__json_str(&j, "grantedRounded", t->credits_granted_rounded);
	setara__json_str(&j, "rounding", t->rounding);
	setara__json_int(&j, "grantedItems", t->granted);
	setara__json_int(&j, "partialItems", t->partial);
	setara__json_int(&j, "refusedItems", t->refused);
	setara__json_obj_close(&j);
	setara__json_obj_close(&j);
	return setara__json_error(&j);
}

static int json_out(const setara_transfer_decision *d, const char *record,
	const char *output)
{
	setara_buf b = SETARA_BUF_INIT;
	int error = decision_json(&b, d, record, output);

	if (error == 0)
		error = cli_json_print(&b);
	setara_buf_dispose(&b);
	return error;
}

int cli_transfer_json(setara_buf *out, setara_store *st, const char *data,
	size_t len, const char *host, const char *programme)
{
	setara_transfer_options o = SETARA_TRANSFER_OPTIONS_INIT;
	setara_transfer_rules *rules = NULL;
	setara_transfer_decision *d = NULL;
	setara_record *rec = NULL;
	int error;

	if ((error = setara_record_parse(&rec, data, len, "request")) < 0 ||
	    (error = setara_transfer_rules_load(&rules, st, host,
	    programme)) < 0 ||
	    (error = setara_transfer_evaluate(&d, rules, rec, &o)) < 0)
		goto done;
	error = decision_json(out, d, "request", NULL);
done:
	setara_transfer_decision_free(d);
	setara_transfer_rules_free(rules);
	setara_record_free(rec);
	return error;
}

/* ---- text ---------------------------------------------------------------- */

static void print_course(const char *lead, const setara_transfer_course *c)
{
	if (c->code)
		printf("%s%s%s%s", lead, c->code, c->title ? " " : "",
			c->title ? c->title : "");
	else
		printf("%sarea %s", lead, c->area ? c->area : "-");
	if (c->credits || c->grade)
		printf(" (%s%s%s%s)", c->credits ? c->credits : "",
			c->credits ? " cr" : "", c->grade && c->credits ?
			", " : "", c->grade ? c->grade : "");
	printf("\n");
}

static void text_out(const setara_transfer_decision *d, const char *record)
{
	const setara_transfer_totals *t = setara_transfer_decision_totals(d);
	size_t i, k;

	printf("transfer of %s into %s, programme %s, evaluated %s\n",
		t->partner, t->host, t->programme, t->evaluated);
	printf("record %s\n", record);
	for (i = 0; i < t->nnotes; i++)
		printf("  %s\n", t->notes[i]);
	if (t->level_basis)
		printf("  level basis: %s\n", strcmp(t->level_basis,
			"indicative") == 0 ? "indicative (a level rule rests "
			"on an AQRF link not confirmed from a referencing "
			"report's own table)" : "confirmed (every AQRF link "
			"a level rule used is read in a referencing report's "
			"own table)");
	for (i = 0; i < setara_transfer_decision_count(d); i++) {
		const setara_transfer_item *x =
			setara_transfer_decision_item(d, i);

		printf("\n%s %s", x->status == SETARA_TRANSFER_GRANTED ?
			"GRANTED" : x->status == SETARA_TRANSFER_PARTIAL ?
			"PARTIAL" : "REFUSED", kinds[x->kind]);
		if (x->rule)
			printf(" (rule %s)", x->rule);
		printf(": %s credit%s", x->credits_granted,
			strcmp(x->credits_granted, "1") ? "s" : "");
		if (x->grade_converted)
			printf(", grade %s", x->grade_converted);
		if (x->area)
			printf(", area %s", x->area);
		printf("\n");
		for (k = 0; k < x->nfrom; k++)
			print_course("  from ", &x->from[k]);
		for (k = 0; k < x->nto; k++)
			print_course("  to   ", &x->to[k]);
		if (x->credits_converted)
			printf("  credits %s -> %s (%s) -> %s granted\n",
				x->credits_original ? x->credits_original : "-",
				x->credits_converted, x->credit_method ?
				x->credit_method : "-", x->credits_granted);
		if (x->grade_converted)
			printf("  grade %s -> %s (%s, %s)\n",
				x->grade_original ? x->grade_original :
				"composite", x->grade_converted,
				x->grade_method, x->in_gpa ? "in the GPA" :
				"not in the GPA");
		else if (x->grade_original &&
		    x->status != SETARA_TRANSFER_REFUSED)
			printf("  grade %s (credit only: not transferred)\n",
				x->grade_original);
		if (x->reason)
			printf("  reason: %s\n", x->reason);
		for (k = 0; k < x->nsteps; k++) {
			const setara_transfer_step *s = &x->steps[k];
			const char *cn = cli_conf_name(s->confidence);

			printf("    [%s] %s", outcomes[s->outcome], s->text);
			if (s->status && strcmp(s->status, "sample") == 0)
				printf(" [sample]");
			else if (s->source && cn)
				printf(" [%s, %s]", s->source, cn);
			printf("\n");
		}
	}
	if (t->ncaps)
		printf("\ncaps, in the order applied:\n");
	for (i = 0; i < t->ncaps; i++)
		printf("  %s: %s of %s credits used (%s)\n", t->caps[i].kind,
			t->caps[i].used, t->caps[i].limit, t->caps[i].text);
	printf("\n");
	cli_transfer_totals(t, "\n        ");
}

/* The options, in the order of evaluate_opts[]. */
enum { T_HOST, T_PROGRAMME, T_OUTPUT, T_AT, T_SUMMARY, T_EXPLAIN, T_N };

static int cmd_transfer_evaluate(cli *c, int argc, char **argv)
{
	setara_transfer_options o = SETARA_TRANSFER_OPTIONS_INIT;
	setara_transfer_rules *rules = NULL;
	setara_transfer_decision *d = NULL;
	setara_record *rec = NULL;
	setara_store *st;
	const char *val[T_N] = { NULL };
	const char *host, *output;
	const setara_transfer_totals *t;
	cli_parser p;
	int rc = EXIT_OK, summary;

	if (cli_args(&p, c, &evaluate_cmd, argc, argv, val, -1, &rc))
		goto done;
	host = val[T_HOST];
	output = val[T_OUTPUT];
	o.at = val[T_AT];
	/* --summary and --explain: the later one counts */
	summary = val[T_SUMMARY] && !cli_args_later(&p, val[T_EXPLAIN],
		val[T_SUMMARY]);
	if (!host || p.npos != 1) {
		rc = cli_usage_error(&evaluate_cmd, "%s", !host ? "--host is "
			"required" : p.npos ? "one RECORD only" :
			"RECORD.xml is required");
		goto done;
	}
	if (setara_record_load(&rec, p.pos[0]) < 0 ||
	    cli_store(c, &st) < 0 ||
	    setara_transfer_rules_load(&rules, st, host, val[T_PROGRAMME]) < 0 ||
	    setara_transfer_evaluate(&d, rules, rec, &o) < 0 ||
	    (output && setara_transfer_decision_write(d, output) < 0)) {
		rc = cli_fail(c);
		goto done;
	}
	if (c->json) {
		if (json_out(d, p.pos[0], output) < 0) {
			rc = cli_fail(c);
			goto done;
		}
	} else if (summary) {
		cli_transfer_summary(d, p.pos[0]);
	} else {
		text_out(d, p.pos[0]);
	}
	if (output && !c->quiet && !c->json)
		cli_issue_hint("decision", output, host);
	t = setara_transfer_decision_totals(d);
	if (t->granted + t->partial == 0)
		rc = EXIT_NEGATIVE;
done:
	setara_transfer_decision_free(d);
	setara_transfer_rules_free(rules);
	setara_record_free(rec);
	cli_parser_dispose(&p);
	return rc;
}
