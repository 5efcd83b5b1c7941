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
	"grade", cmd_grade,
	"Convert a grade between grade scales.",
	"grade convert --from SCALE --to SCALE GRADE", NULL, NULL
};

static const cli_cmd convert_cmd = {
	"grade convert", cmd_grade_convert,
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

static const cli_cmd subs[] = {
	{ "convert", cmd_grade_convert, "convert a grade between scales",
	  "grade convert --from SCALE --to SCALE GRADE", convert_opts, NULL },
	{ "scales", cli_grade_scales, "list the grade scales",
	  "grade scales", NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL }
};

int cmd_grade(cli *c, int argc, char **argv)
{
	return cli_dispatch_sub(c, &grade_cmd, subs, argc, argv);
}

static int grade_json(const setara_grade_result *r)
{
	setara_buf b = SETARA_BUF_INIT;
	setara__json j;
	size_t i;
	int error;

	setara__json_init(&j, &b, 1);
	setara__json_obj_open(&j, NULL);
	setara__json_int(&j, "version", 1);
	setara__json_str(&j, "from", r->from);
	setara__json_str(&j, "to", r->to);
	setara__json_str(&j, "grade", r->grade);
	setara__json_bool(&j, "passed", r->passed);
	setara__json_str(&j, "converted", r->converted);
	setara__json_str(&j, "value", r->value);
	setara__json_str(&j, "method", r->method);
	setara__json_str(&j, "policy", r->policy);
	setara__json_str(&j, "confidence", cli_conf_name(r->confidence));
	setara__json_bool(&j, "sample", r->sample);
	setara__json_arr_open(&j, "steps");
	for (i = 0; i < r->nsteps; i++)
		setara__json_str(&j, NULL, r->steps[i]);
	setara__json_arr_close(&j);
	cli_json_credit_facts(&j, r->facts, r->nfacts);
	setara__json_obj_close(&j);
	error = setara__json_error(&j);
	if (error == 0)
		error = cli_json_print(&b);
	setara_buf_dispose(&b);
	return error;
}

static void grade_text(const setara_grade_result *r)
{
	size_t i;

	printf("%s (%s) = %s (%s) by %s%s%s\n", r->grade, r->from,
		r->converted, r->to, r->method, r->policy ? ", policy " : "",
		r->policy ? r->policy : "");
	for (i = 0; i < r->nsteps; i++)
		printf("  %s\n", r->steps[i]);
	printf("confidence: %s%s\n", cli_conf_name(r->confidence) ?
		cli_conf_name(r->confidence) : "unknown", r->sample ?
		" (uses sample data)" : "");
	cli_print_credit_sources(r->facts, r->nfacts);
}

static int cmd_grade_convert(cli *c, int argc, char **argv)
{
	setara_grade_convert_options o = SETARA_GRADE_CONVERT_OPTIONS_INIT;
	setara_grade_result *r = NULL;
	setara_store *st;
	const char *from = NULL, *to = NULL;
	char *end;
	cli_parser p;
	int opt, rc = EXIT_OK, k;

	if (cli_parser_init(&p, c, &convert_cmd, argc, argv) < 0)
		return EXIT_INTERNAL;
	while ((opt = cli_next(&p)) >= 0) {
		switch (opt) {
		case 0: from = p.arg; break;
		case 1: to = p.arg; break;
		case 2:
			if (strcmp(p.arg, "table") == 0)
				o.method = SETARA_GRADE_TABLE;
			else if (strcmp(p.arg, "distribution") == 0)
				o.method = SETARA_GRADE_DISTRIBUTION;
			else if (strcmp(p.arg, "linear") == 0)
				o.method = SETARA_GRADE_LINEAR;
			else {
				rc = cli_usage_error(&convert_cmd, "--method "
					"is table, distribution or linear, "
					"not '%s'", p.arg);
				goto done;
			}
			break;
		case 3: {
			static const char *const pol[] = { "min", "avg", "max",
				"midpoint", "max-overlap", NULL };

			for (k = 0; pol[k] && strcmp(pol[k], p.arg); k++)
				;
			if (!pol[k]) {
				rc = cli_usage_error(&convert_cmd, "--policy "
					"is min, avg, max, midpoint or "
					"max-overlap, not '%s'", p.arg);
				goto done;
			}
			o.policy = (setara_band_policy)k;
			break;
		}
		case 4:
			if (strcmp(p.arg, "nearest") == 0)
				o.rounding = SETARA_ROUNDING_NEAREST;
			else if (strcmp(p.arg, "favour") == 0)
				o.rounding = SETARA_ROUNDING_FAVOUR;
			else if (strcmp(p.arg, "against") == 0)
				o.rounding = SETARA_ROUNDING_AGAINST;
			else if (strcmp(p.arg, "none") == 0)
				o.rounding = SETARA_ROUNDING_NONE;
			else {
				rc = cli_usage_error(&convert_cmd, "--round is "
					"nearest, favour, against or none, not "
					"'%s'", p.arg);
				goto done;
			}
			break;
		case 5:
			o.truncate = (int)strtol(p.arg, &end, 10);
			if (*end || o.truncate < 0 || o.truncate > 6) {
				rc = cli_usage_error(&convert_cmd, "--truncate "
					"takes 0 to 6 decimals");
				goto done;
			}
			break;
		case 6: o.isced = p.arg; break;
		case 7: o.table = p.arg; break;
		case 8: o.from_table = p.arg; break;
		case 9: o.to_table = p.arg; break;
		case 10: o.from_institution = p.arg; break;
		case 11: o.to_institution = p.arg; break;
		}
	}
	if (cli_args_done(&p, opt, -1, &rc))
		goto done;
	if (!from || !to || p.npos != 1) {
		rc = cli_usage_error(&convert_cmd, "%s", !from ? "--from is "
			"required" : !to ? "--to is required" : p.npos ?
			"one GRADE only" : "GRADE is required");
		goto done;
	}
	if (cli_store(c, &st) < 0 ||
	    setara_grade_convert(&r, st, from, to, p.pos[0], &o) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	if (c->json) {
		if (grade_json(r) < 0)
			rc = cli_fail(c);
	} else {
		grade_text(r);
	}
done:
	setara_grade_result_free(r);
	cli_parser_dispose(&p);
	return rc;
}
