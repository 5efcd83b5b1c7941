/*
 * setara grade convert --from SCALE --to SCALE GRADE: convert a grade by a
 * conversion table, by grade distributions (percentile bands, with the
 * policy fixed in advance) or linearly (the modified Bavarian formula),
 * printing the steps.  The original grade is always shown beside the
 * converted one.  Exit 0 with an answer, 3 for an unknown scale or a
 * grade not on the scale.  JSON schema: docs/json.md.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util/util.h"

static const cli_opt convert_opts[] = {
	{ "from", 'f', "SCALE", "scale of GRADE (th-cu, acts, nl, ...)" },
	{ "to", 't', "SCALE", "scale to convert into" },
	{ "method", 'm', "M", "table, distribution or linear (default: a "
	  "table when one exists, else linear)" },
	{ "policy", 'p', "P", "distribution: min (default), avg, max, "
	  "midpoint or max-overlap" },
	{ "round", 0, "MODE", "to a valid grade: nearest (default), favour, "
	  "against, none" },
	{ "truncate", 0, "N", "linear: truncate to N decimals first" },
	{ "isced", 0, "CODE", "distribution: the field (ISCED-F) of the "
	  "grading tables" },
	{ "table", 0, "ID", "table: the conversion table to use" },
	{ "from-table", 0, "ID", "distribution: the foreign grading table" },
	{ "to-table", 0, "ID", "distribution: the home grading table" },
	{ "from-institution", 0, "ID", "distribution: the foreign "
	  "institution's own grading table" },
	{ "to-institution", 0, "ID", "distribution: the home institution's "
	  "own grading table" },
	{ NULL, 0, NULL, NULL }
};

static int cmd_grade_convert(cli *c, int argc, char **argv);

static const cli_cmd grade_cmd = {
	"grade", NULL,
	"Convert a grade between grade scales.",
	"grade convert --from SCALE --to SCALE GRADE", NULL, NULL
};

static const cli_cmd convert_cmd = {
	"convert", cmd_grade_convert,
	"Convert GRADE of one grade scale into another, showing each step.",
	"grade convert --from SCALE --to SCALE GRADE [--method table|"
	"distribution|linear]", convert_opts,
	"table: a fixed conversion table between the two scales.\n"
	"distribution: the grade's band in the foreign grading table (the\n"
	"share of passing grades above it to the share down to it) is\n"
	"compared with the home table's bands, and the policy fixed in\n"
	"advance picks the home grade (ECTS Users' Guide 2015, 4.4).  Without\n"
	"a grading table a scale's reference distribution is used (ECTS).\n"
	"linear: t = Tmin + (Tbest - Tmin) x (Nd - Nmin) / (Nmax - Nmin), the\n"
	"modified Bavarian formula, then the nearest valid grade (or the next\n"
	"better, in the student's favour, with --round favour).\n"
};

static const cli_sub subs[] = {
	{ &convert_cmd, "convert a grade between scales",
	  "grade convert --from SCALE --to SCALE GRADE" },
	{ &cli_grade_scales_cmd, "list the grade scales", "grade scales" },
	{ NULL, NULL, NULL }
};

const cli_group cli_grade_group = { &grade_cmd, subs };

static void grade_fields(setara__json *j, const void *p)
{
	const setara_grade_result *r = p;

	setara__json_str(j, "grade", r->grade);
	setara__json_bool(j, "passed", r->passed);
	setara__json_str(j, "converted", r->converted);
	setara__json_str(j, "value", r->value);
	setara__json_str(j, "method", r->method);
	setara__json_str(j, "policy", r->policy);
}

static void grade_text(const void *p)
{
	const setara_grade_result *r = p;
	size_t i;

	printf("%s (%s) = %s (%s) by %s%s%s\n", r->grade, r->from,
		r->converted, r->to, r->method, r->policy ? ", policy " : "",
		r->policy ? r->policy : "");
	for (i = 0; i < r->nsteps; i++)
		printf("  %s\n", r->steps[i]);
}

/* --method, --policy and --round: the words, and what they name. */
static const char *const method_words[] = { "table", "distribution",
	"linear", NULL };
static const setara_grade_method methods[] = { SETARA_GRADE_TABLE,
	SETARA_GRADE_DISTRIBUTION, SETARA_GRADE_LINEAR };
static const char *const policy_words[] = { "min", "avg", "max",
	"midpoint", "max-overlap", NULL };
static const char *const round_words[] = { "nearest", "favour", "against",
	"none", NULL };
static const setara_rounding round_modes[] = { SETARA_ROUNDING_NEAREST,
	SETARA_ROUNDING_FAVOUR, SETARA_ROUNDING_AGAINST, SETARA_ROUNDING_NONE };

/* The options, in the order of convert_opts[]. */
enum { G_FROM, G_TO, G_METHOD, G_POLICY, G_ROUND, G_TRUNCATE, G_ISCED,
	G_TABLE, G_FROM_TABLE, G_TO_TABLE, G_FROM_INST, G_TO_INST, G_N };

static int cmd_grade_convert(cli *c, int argc, char **argv)
{
	setara_grade_convert_options o = SETARA_GRADE_CONVERT_OPTIONS_INIT;
	setara_grade_result *r = NULL;
	setara_store *st;
	const char *val[G_N] = { NULL };
	char *end;
	cli_parser p;
	int rc = EXIT_OK, k;

	if (cli_args(&p, c, &convert_cmd, argc, argv, val, -1, &rc))
		goto done;
	if (val[G_METHOD]) {
		if ((rc = cli_pick(&convert_cmd, method_words, val[G_METHOD],
		    "--method is table, distribution or linear", &k)) !=
		    EXIT_OK)
			goto done;
		o.method = methods[k];
	}
	if (val[G_POLICY]) {
		if ((rc = cli_pick(&convert_cmd, policy_words, val[G_POLICY],
		    "--policy is min, avg, max, midpoint or max-overlap",
		    &k)) != EXIT_OK)
			goto done;
		o.policy = (setara_band_policy)k;
	}
	if (val[G_ROUND]) {
		if ((rc = cli_pick(&convert_cmd, round_words, val[G_ROUND],
		    "--round is nearest, favour, against or none", &k)) !=
		    EXIT_OK)
			goto done;
		o.rounding = round_modes[k];
	}
	if (val[G_TRUNCATE]) {
		o.truncate = (int)strtol(val[G_TRUNCATE], &end, 10);
		if (*end || o.truncate < 0 || o.truncate > 6) {
			rc = cli_usage_error(&convert_cmd, "--truncate "
				"takes 0 to 6 decimals");
			goto done;
		}
	}
	o.isced = val[G_ISCED];
	o.table = val[G_TABLE];
	o.from_table = val[G_FROM_TABLE];
	o.to_table = val[G_TO_TABLE];
	o.from_institution = val[G_FROM_INST];
	o.to_institution = val[G_TO_INST];
	if ((rc = cli_convert_args(&convert_cmd, val[G_FROM], val[G_TO],
	    p.npos, "GRADE")) != EXIT_OK)
		goto done;
	if (cli_store(c, &st) < 0 ||
	    setara_grade_convert(&r, st, val[G_FROM], val[G_TO], p.pos[0],
	    &o) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	{
		cli_credit_answer a = CLI_CREDIT_ANSWER(r);

		rc = cli_print_credit_answer(c, &a, grade_fields, grade_text,
			r);
	}
done:
	setara_grade_result_free(r);
	cli_parser_dispose(&p);
	return rc;
}
