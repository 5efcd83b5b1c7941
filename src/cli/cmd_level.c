/*
 * setara level map REF [--to FW] and setara level compare REF REF: a
 * level's place in the AQRF or another framework, and whether two levels
 * are comparable, each with the referencing trace behind the answer.
 * Exit 0 with an answer, 1 when nothing is comparable or known, 3 for an
 * unknown or malformed reference.  JSON schemas: docs/json.md.
 */
#include <string.h>

#include "cli.h"
#include "util/util.h"

static const cli_opt map_opts[] = {
	{ "to", 't', "FW", "target framework (default aqrf)" },
	{ NULL, 0, NULL, NULL }
};

static int cmd_level_map(cli *c, int argc, char **argv);
static int cmd_level_compare(cli *c, int argc, char **argv);

static const cli_cmd level_cmd = {
	"level", NULL,
	"Map a level to the AQRF or to another framework, or compare two\n"
	"levels through the AQRF.",
	"level map|compare ...", NULL, NULL
};

static const cli_cmd map_cmd = {
	"map", cmd_level_map,
	"map a level to AQRF (default) or another framework",
	"level map REF [--to FW]", map_opts,
	"REF is FRAMEWORK:LEVEL, e.g. ph-pqf:6.  Another framework's levels are\n"
	"comparable when their AQRF ranges overlap the level's AQRF range.\n"
	"Each answer shows the referencing trace (file, mapping, status,\n"
	"source, confidence); an indicative (unofficial) link or several\n"
	"AQRF levels are said plainly.  Exit 1 when no level is known.\n"
};

static const cli_cmd compare_cmd = {
	"compare", cmd_level_compare,
	"are two levels comparable through AQRF; how far apart",
	"level compare REF REF", cli_no_opts,
	"Two levels are comparable when their AQRF ranges overlap; otherwise\n"
	"the distance is the number of AQRF levels between the ranges.  The\n"
	"confidence is the weaker of the two.  Exit 1 when not comparable or\n"
	"when either level has no known AQRF level.\n"
};

static const cli_sub subs[] = {
	{ &map_cmd, "map a level to AQRF or another framework",
	  "level map REF [--to FW]" },
	{ &compare_cmd, "are two levels comparable through AQRF",
	  "level compare REF REF" },
	{ NULL, NULL, NULL }
};

const cli_group cli_level_group = { &level_cmd, subs };

/* ---- output --------------------------------------------------------- */

static void print_step(const setara_qf_step *s, size_t i)
{
	printf("  %zu. %s:%d: %s\n", i + 1, s->file, s->line, s->mapping);
	printf("     status %s", s->status);
	if (s->report && strcmp(s->report, s->status) != 0)
		printf(" (report %s)", s->report);
	cli_print_when(s->date, s->meeting, NULL, s->edition);
	printf(", level table %s, confidence %s%s\n", s->table,
		s->confidence, s->indicative ? ", INDICATIVE (not an official "
		"referencing outcome)" : "");
	printf("     source %s\n", s->source_text);
	if (s->note)
		printf("     note: %s\n", s->note);
}

static void print_trace(const setara_qf_map *m, size_t *k)
{
	size_t i;

	for (i = 0; i < setara_qf_map_trace_count(m); i++)
		print_step(setara_qf_map_trace(m, i), (*k)++);
}

static void json_steps(setara__json *j, const setara_qf_map *m)
{
	const setara_qf_step *s;
	size_t i;

	for (i = 0; i < setara_qf_map_trace_count(m); i++) {
		s = setara_qf_map_trace(m, i);
		setara__json_obj_open(j, NULL);
		setara__json_str(j, "file", s->file);
		setara__json_int(j, "line", s->line);
		setara__json_str(j, "framework", s->framework);
		setara__json_str(j, "mapping", s->mapping);
		setara__json_str(j, "status", s->status);
		setara__json_str(j, "report", s->report);
		setara__json_str(j, "date", s->date);
		setara__json_str(j, "meeting", s->meeting);
		setara__json_str(j, "table", s->table);
		setara__json_str(j, "edition", s->edition);
		setara__json_str(j, "source", s->source);
		setara__json_str(j, "source_text", s->source_text);
		setara__json_str(j, "confidence", s->confidence);
		setara__json_bool(j, "indicative", s->indicative);
		setara__json_str(j, "note", s->note);
		setara__json_obj_close(j);
	}
}

/* The sources of all steps, "ph-pqf PH2: ...; ... | my-mqf MY1: ...". */
static int join_sources(setara_buf *b, const setara_qf_map *m)
{
	const setara_qf_step *s;
	size_t i;
	int error = 0;

	for (i = 0; i < setara_qf_map_trace_count(m) && error == 0; i++) {
		s = setara_qf_map_trace(m, i);
		if (strstr(b->ptr ? b->ptr : "", s->source_text) != NULL &&
		    *s->source_text)
			continue;
		error = setara_buf_printf(b, "%s%s", b->size ? " | " : "",
			s->source_text);
	}
	return error;
}

static void json_range(setara__json *j, const char *key,
	const setara_qf_map *m)
{
	int min, max;

	setara_qf_map_aqrf(m, &min, &max);
	if (min == 0) {
		setara__json_null(j, key);
		return;
	}
	setara__json_obj_open(j, key);
	setara__json_int(j, "min", min);
	setara__json_int(j, "max", max);
	setara__json_obj_close(j);
}

/* The JSON fields of one map, inside an open object. */
static void json_map(setara__json *j, const setara_qf_map *m,
	setara_buf *src)
{
	size_t i;

	setara__json_str(j, "from", setara_qf_map_from(m));
	setara__json_str(j, "target", setara_qf_map_target(m));
	setara__json_arr_open(j, "to");
	for (i = 0; i < setara_qf_map_count(m); i++)
		setara__json_str(j, NULL, setara_qf_map_level(m, i));
	setara__json_arr_close(j);
	json_range(j, "aqrf", m);
	setara__json_str(j, "status",
		setara_qf_status_name(setara_qf_map_status(m)));
	setara__json_str(j, "confidence",
		setara_confidence_name(setara_qf_map_confidence(m)));
	setara__json_bool(j, "indicative", setara_qf_map_indicative(m));
	setara__json_str(j, "table",
		setara_qf_table_name(setara_qf_map_table(m)));
	setara__json_str(j, "source", src->size ? src->ptr : NULL);
	setara__json_str(j, "note", setara_qf_map_note(m));
}

/* The weaker level-table status of two maps. */
static setara_qf_table weaker_table(const setara_qf_map *a,
	const setara_qf_map *b)
{
	setara_qf_table ta = setara_qf_map_table(a);
	setara_qf_table tb = setara_qf_map_table(b);

	return ta < tb ? ta : tb;
}

/* ---- level map -------------------------------------------------------- */

/* The JSON answer of level map --json. */
static int map_json(setara_buf *out, const setara_qf_map *m,
	setara_buf *src)
{
	setara__json j;

	cli_json_begin(&j, out, NULL);
	json_map(&j, m, src);
	setara__json_arr_open(&j, "trace");
	json_steps(&j, m);
	setara__json_arr_close(&j);
	setara__json_obj_close(&j);
	return setara__json_error(&j);
}

int cli_level_map_json(setara_buf *out, setara_store *st, const char *ref,
	const char *to)
{
	setara_qf_map *m = NULL;
	setara_buf src = SETARA_BUF_INIT;
	int error;

	if ((error = setara_qf_level_map(&m, st, ref, to)) < 0 ||
	    (error = join_sources(&src, m)) < 0)
		goto done;
	error = map_json(out, m, &src);
done:
	setara_qf_map_free(m);
	setara_buf_dispose(&src);
	return error;
}

static int cmd_level_map(cli *c, int argc, char **argv)
{
	setara_qf_map *m = NULL;
	setara_store *st;
	setara_buf b = SETARA_BUF_INIT, src = SETARA_BUF_INIT;
	const char *to = NULL;
	cli_parser p;
	size_t i, k = 0;
	int r, rc = EXIT_OK, min, max;

	if (cli_parser_init(&p, c, &map_cmd, argc, argv) < 0)
		return EXIT_INTERNAL;
	while ((r = cli_next(&p)) >= 0)
		if (r == 0)
			to = p.arg;
	if (cli_args_done(&p, r, -1, &rc))
		goto done;
	if (p.npos != 1) {
		rc = cli_usage_error(&map_cmd, p.npos ? "one level reference "
			"expected" : "missing level reference (e.g. ph-pqf:6)");
		goto done;
	}
	if (cli_store(c, &st) < 0 ||
	    setara_qf_level_map(&m, st, p.pos[0], to) < 0 ||
	    join_sources(&src, m) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	if (setara_qf_map_count(m) == 0)
		rc = EXIT_NEGATIVE;
	if (c->json) {
		if (map_json(&b, m, &src) < 0 || cli_json_print(&b) < 0)
			rc = cli_fail(c);
		goto done;
	}
	printf("%s ->", setara_qf_map_from(m));
	for (i = 0; i < setara_qf_map_count(m); i++)
		printf("%s%s", i ? ", " : " ", setara_qf_map_level(m, i));
	if (setara_qf_map_count(m) == 0)
		printf(" (none)");
	setara_qf_map_aqrf(m, &min, &max);
	if (strcmp(setara_qf_map_target(m), "aqrf") != 0 && min) {
		if (min == max)
			printf("  (through aqrf:%d)", min);
		else
			printf("  (through aqrf:%d..aqrf:%d)", min, max);
	}
	printf("\nstatus %s, level table %s, confidence %s%s\n",
		setara_qf_status_name(setara_qf_map_status(m)),
		setara_qf_table_name(setara_qf_map_table(m)),
		setara_confidence_name(setara_qf_map_confidence(m)),
		setara_qf_map_indicative(m) ? ", indicative only" : "");
	if (setara_qf_map_note(m))
		printf("note: %s\n", setara_qf_map_note(m));
	if (setara_qf_map_trace_count(m)) {
		printf("trace:\n");
		print_trace(m, &k);
	}
done:
	setara_qf_map_free(m);
	setara_buf_dispose(&src);
	setara_buf_dispose(&b);
	cli_parser_dispose(&p);
	return rc;
}

/* ---- level compare ---------------------------------------------------- */

static const char *result_name(setara_qf_comparable r)
{
	switch (r) {
	case SETARA_QF_COMPARABLE: return "comparable";
	case SETARA_QF_NOT_COMPARABLE: return "not-comparable";
	default: return "unknown";
	}
}

static void print_range(const setara_qf_map *m)
{
	int min, max;

	setara_qf_map_aqrf(m, &min, &max);
	if (min == 0)
		printf("no AQRF level");
	else if (min == max)
		printf("aqrf:%d", min);
	else
		printf("aqrf:%d..aqrf:%d", min, max);
}

static int cmd_level_compare(cli *c, int argc, char **argv)
{
	setara_qf_comparison *cmp = NULL;
	const setara_qf_map *a, *b;
	setara_store *st;
	setara__json j;
	setara_buf out = SETARA_BUF_INIT, src = SETARA_BUF_INIT;
	cli_parser p;
	size_t k = 0;
	int r, rc = EXIT_OK, d;

	if (cli_args(&p, c, &compare_cmd, argc, argv, NULL, -1, &rc))
		goto done;
	if (p.npos != 2) {
		rc = cli_usage_error(&compare_cmd,
			"two level references expected (e.g. ph-pqf:6 "
			"my-mqf:6)");
		goto done;
	}
	if (cli_store(c, &st) < 0 ||
	    setara_qf_level_compare(&cmp, st, p.pos[0], p.pos[1]) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	a = setara_qf_comparison_side(cmp, 0);
	b = setara_qf_comparison_side(cmp, 1);
	d = setara_qf_comparison_distance(cmp);
	if (setara_qf_comparison_result(cmp) != SETARA_QF_COMPARABLE)
		rc = EXIT_NEGATIVE;
	if (join_sources(&src, a) < 0 || join_sources(&src, b) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	if (c->json) {
		cli_json_begin(&j, &out, NULL);
		setara__json_str(&j, "a", setara_qf_map_from(a));
		setara__json_str(&j, "b", setara_qf_map_from(b));
		setara__json_str(&j, "result",
			result_name(setara_qf_comparison_result(cmp)));
		if (setara_qf_comparison_result(cmp) == SETARA_QF_UNKNOWN)
			setara__json_null(&j, "comparable");
		else
			setara__json_bool(&j, "comparable",
				setara_qf_comparison_result(cmp) ==
				SETARA_QF_COMPARABLE);
		setara__json_int(&j, "distance", d);
		json_range(&j, "aqrf_a", a);
		json_range(&j, "aqrf_b", b);
		setara__json_str(&j, "confidence", setara_confidence_name(
			setara_qf_comparison_confidence(cmp)));
		setara__json_bool(&j, "indicative",
			setara_qf_comparison_indicative(cmp));
		setara__json_str(&j, "table", setara_qf_table_name(
			weaker_table(a, b)));
		setara__json_str(&j, "source", src.size ? src.ptr : NULL);
		setara__json_arr_open(&j, "notes");
		if (setara_qf_map_note(a))
			setara__json_str(&j, NULL, setara_qf_map_note(a));
		if (setara_qf_map_note(b))
			setara__json_str(&j, NULL, setara_qf_map_note(b));
		setara__json_arr_close(&j);
		setara__json_arr_open(&j, "trace");
		json_steps(&j, a);
		json_steps(&j, b);
		if (cli_json_end(&j, &out, 1) < 0)
			rc = cli_fail(c);
		goto done;
	}
	printf("%s (", setara_qf_map_from(a));
	print_range(a);
	printf(") and %s (", setara_qf_map_from(b));
	print_range(b);
	printf("): ");
	switch (setara_qf_comparison_result(cmp)) {
	case SETARA_QF_COMPARABLE:
		printf("comparable\n");
		break;
	case SETARA_QF_NOT_COMPARABLE:
		printf("not comparable: %s is %d AQRF level%s %s %s\n",
			setara_qf_map_from(b), d < 0 ? -d : d,
			d == 1 || d == -1 ? "" : "s",
			d > 0 ? "above" : "below", setara_qf_map_from(a));
		break;
	default:
		setara_qf_map_aqrf(a, &r, NULL);
		printf("unknown: no AQRF level is known for %s\n", r == 0 ?
			setara_qf_map_from(a) : setara_qf_map_from(b));
		break;
	}
	printf("confidence %s, level table %s%s\n", setara_confidence_name(
		setara_qf_comparison_confidence(cmp)),
		setara_qf_table_name(weaker_table(a, b)),
		setara_qf_comparison_indicative(cmp) ?
		", indicative only (not an official referencing outcome)" :
		"");
	if (setara_qf_map_note(a))
		printf("note: %s\n", setara_qf_map_note(a));
	if (setara_qf_map_note(b))
		printf("note: %s\n", setara_qf_map_note(b));
	if (setara_qf_map_trace_count(a) + setara_qf_map_trace_count(b)) {
		printf("trace:\n");
		print_trace(a, &k);
		print_trace(b, &k);
	}
done:
	setara_qf_comparison_free(cmp);
	setara_buf_dispose(&src);
	setara_buf_dispose(&out);
	cli_parser_dispose(&p);
	return rc;
}
