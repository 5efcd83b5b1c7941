/*
 * setara credit convert --from SYS --to SYS AMOUNT: convert credits
 * between credit systems by hours, by load share or by an agreed ratio,
 * printing the definitions used (with their sources and confidence) and
 * the arithmetic.  Exit 0 with an answer, 3 for an unknown system or a
 * value nobody published.  JSON schema: docs/json.md.
 */
#include <string.h>

#include "cli.h"
#include "util/util.h"

static const cli_opt convert_opts[] = {
	{ "from", 'f', "SYS", "credit system of AMOUNT (my, acts, ...; "
	  "hours, contact-hours)" },
	{ "to", 't', "SYS", "credit system to convert into" },
	{ "method", 'm', "M", "hours, load-share or ratio (default: by the "
	  "systems' definitions)" },
	{ "activity", 0, "A", "hours: kind of activity (default lecture)" },
	{ "period", 0, "P", "load: year, semester or trimester" },
	{ "via", 0, "SYS", "go through a transfer scheme (acts, ucts, ects)" },
	{ "ratio", 0, "R", "ratio: target credits per source credit" },
	{ "round", 0, "MODE", "nearest, down, up or favour (default none)" },
	{ "step", 0, "S", "rounding step (default 1)" },
	{ NULL, 0, NULL, NULL }
};

static int cmd_credit_convert(cli *c, int argc, char **argv);

static const cli_cmd credit_cmd = {
	"credit", NULL,
	"Convert credits between credit systems.",
	"credit convert --from SYS --to SYS AMOUNT", NULL, NULL
};

static const cli_cmd convert_cmd = {
	"convert", cmd_credit_convert,
	"Convert AMOUNT credits of one credit system into another, showing\n"
	"the definitions used and the arithmetic.",
	"credit convert --from SYS --to SYS AMOUNT [--method M] [--via SYS]",
	convert_opts,
	"Methods: hours (AMOUNT x source hours per credit / target hours\n"
	"per credit, on the same basis: total learning or contact hours),\n"
	"load-share (AMOUNT x target full-time load / source full-time load:\n"
	"the ACTS and UCTS formula; 'load' is its old name) and ratio (an\n"
	"agreed ratio).  By default the systems' definitions choose: load\n"
	"share when one is defined by load, else hours on a common basis,\n"
	"else load share when both publish a full-time load.  SYS 'hours'\n"
	"(total learning hours) or 'contact-hours' is an amount in hours.\n"
	"Arithmetic is exact: a value with no finite decimal is\n"
	"shown as a fraction with its rounded decimal beside it.  A range in\n"
	"a definition (ECTS: 25-30 h) gives a range.  A value nobody\n"
	"published is an error (exit 3) that says so.\n"
};

static const cli_sub subs[] = {
	{ &convert_cmd, "convert credits between systems",
	  "credit convert --from SYS --to SYS AMOUNT" },
	{ &cli_credit_systems_cmd, "list the credit systems", "credit systems" },
	{ NULL, NULL, NULL }
};

const cli_group cli_credit_group = { &credit_cmd, subs };

static void convert_fields(setara__json *j, const void *p)
{
	const setara_credit_result *r = p;

	setara__json_str(j, "via", r->via);
	setara__json_str(j, "amount", r->amount);
	setara__json_str(j, "value", r->value);
	setara__json_str(j, "valueMax", r->value_max);
	setara__json_str(j, "rounded", r->rounded);
	setara__json_str(j, "method", r->method);
	setara__json_str(j, "basis", r->basis);
}

static void convert_text(const void *p)
{
	const setara_credit_result *r = p;
	size_t i;

	if (r->value_max)
		printf("%s %s = %s to %s %s", r->amount, r->from, r->value,
			r->value_max, r->to);
	else
		printf("%s %s = %s %s", r->amount, r->from, r->value, r->to);
	if (strcmp(r->method, "hours") == 0)
		printf(" (by hours, %s hours)\n", strcmp(r->basis, "total") ?
			"contact" : "total learning");
	else if (strcmp(r->method, "load-share") == 0)
		printf(" (by load share, per %s)\n", r->basis);
	else if (strcmp(r->method, "ratio") == 0)
		printf(" (by agreed ratio)\n");
	else
		printf(" (by %s)\n", r->method);
	if (r->via)
		printf("  via %s\n", r->via);
	for (i = 0; i < r->nsteps; i++)
		printf("  %s\n", r->steps[i]);
	if (r->rounded)
		printf("rounded: %s %s\n", r->rounded, r->to);
}

/* --round: the words, and the modes they name. */
static const char *const round_words[] = { "nearest", "down", "up",
	"favour", "none", NULL };
static const setara_rounding round_modes[] = { SETARA_ROUNDING_NEAREST,
	SETARA_ROUNDING_DOWN, SETARA_ROUNDING_UP, SETARA_ROUNDING_FAVOUR,
	SETARA_ROUNDING_NONE };

static int parse_method(cli *c, const char *s, setara_credit_method *m)
{
	if (strcmp(s, "hours") == 0)
		*m = SETARA_CREDIT_HOURS;
	else if (strcmp(s, "load-share") == 0)
		*m = SETARA_CREDIT_LOAD;
	else if (strcmp(s, "load") == 0) {
		/* the old name of the one name the transcript uses too */
		*m = SETARA_CREDIT_LOAD;
		if (!c->quiet)
			cli_warn("note: --method load is the old name of "
				"load-share");
	}
	else if (strcmp(s, "ratio") == 0)
		*m = SETARA_CREDIT_RATIO;
	else if (strcmp(s, "auto") == 0)
		*m = SETARA_CREDIT_AUTO;
	else
		return -1;
	return 0;
}

/* The options, in the order of convert_opts[]. */
enum { C_FROM, C_TO, C_METHOD, C_ACTIVITY, C_PERIOD, C_VIA, C_RATIO,
	C_ROUND, C_STEP, C_N };

static int cmd_credit_convert(cli *c, int argc, char **argv)
{
	setara_credit_convert_options o = SETARA_CREDIT_CONVERT_OPTIONS_INIT;
	setara_credit_result *r = NULL;
	setara_store *st;
	const char *val[C_N] = { NULL };
	cli_parser p;
	int rc = EXIT_OK, k;

	if (cli_args(&p, c, &convert_cmd, argc, argv, val, -1, &rc))
		goto done;
	if (val[C_METHOD] && parse_method(c, val[C_METHOD], &o.method) < 0) {
		rc = cli_usage_error(&convert_cmd, "--method is hours, "
			"load-share or ratio, not '%s'", val[C_METHOD]);
		goto done;
	}
	if (val[C_ROUND]) {
		if ((rc = cli_pick(&convert_cmd, round_words, val[C_ROUND],
		    "--round is nearest, down, up, favour or none", &k)) !=
		    EXIT_OK)
			goto done;
		o.rounding = round_modes[k];
	}
	o.activity = val[C_ACTIVITY];
	o.period = val[C_PERIOD];
	o.via = val[C_VIA];
	o.ratio = val[C_RATIO];
	o.step = val[C_STEP];
	if ((rc = cli_convert_args(&convert_cmd, val[C_FROM], val[C_TO],
	    p.npos, "AMOUNT")) != EXIT_OK)
		goto done;
	if (o.period && strcmp(o.period, "year") &&
	    strcmp(o.period, "semester") && strcmp(o.period, "trimester")) {
		rc = cli_usage_error(&convert_cmd, "--period is year, semester "
			"or trimester, not '%s'", o.period);
		goto done;
	}
	if (cli_store(c, &st) < 0 ||
	    setara_credit_convert(&r, st, val[C_FROM], val[C_TO], p.pos[0],
	    &o) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	{
		cli_credit_answer a = CLI_CREDIT_ANSWER(r);

		rc = cli_print_credit_answer(c, &a, convert_fields,
			convert_text, r);
	}
done:
	setara_credit_result_free(r);
	cli_parser_dispose(&p);
	return rc;
}
