/*
 * setara data report: what a data maintainer should confirm next -- every
 * fact of the loaded reference data below high confidence, and every AQRF
 * level link not confirmed from a referencing report's own level table
 * (assumed or stated by a secondary source), with file and line.  Sample
 * data is left out.  Exit 0.  JSON schema: docs/json.md.
 */
#include <string.h>

#include "cli.h"
#include "util/util.h"

static int cmd_data_report(cli *c, int argc, char **argv);

static const cli_cmd data_cmd = {
	"data", NULL,
	"Report on the loaded reference data.",
	"data report", NULL, NULL
};

static const cli_cmd report_cmd = {
	"report", cmd_data_report,
	"list the facts to confirm next",
	"data report", cli_no_opts,
	"Lists, file by file, every fact below high confidence (frameworks,\n"
	"levels, qualification types, referencing, credit systems, grade\n"
	"scales, policies, occupations, unit equivalences) and every AQRF\n"
	"level link whose level table is not confirmed from the referencing\n"
	"report's own table (assumed, or a secondary source).  Sample data is\n"
	"left out.  A summary line counts them.\n"
};

static const cli_sub subs[] = {
	{ &report_cmd, "list the facts to confirm next", "data report" },
	{ NULL, NULL, NULL }
};

const cli_group cli_data_group = { &data_cmd, subs };

/* Counts for the summary. */
struct tally {
	setara__json *j;         /* NULL: text */
	unsigned total, low, medium, links, unconfirmed;
	unsigned qf, credit, mrs;
};

static int is(const char *a, const char *b)
{
	return a && strcmp(a, b) == 0;
}

static int fact(const setara_data_fact *f, void *payload)
{
	struct tally *t = payload;
	int link = is(f->kind, "level-link");

	t->total++;
	t->low += is(f->confidence, "low");
	t->medium += is(f->confidence, "medium");
	t->links += link;
	t->unconfirmed += link && f->flag && strncmp(f->flag, "table ", 6) ==
		0 && strncmp(f->flag, "table confirmed", 15) != 0;
	t->qf += is(f->component, "qf");
	t->credit += is(f->component, "credit");
	t->mrs += is(f->component, "mrs");
	if (t->j == NULL) {
		/* The text, cut to keep one line per fact; JSON has it whole. */
		printf("%s:%d: %s %s (%s%s%s)", f->file, f->line, f->kind,
			f->subject ? f->subject : "?", f->confidence ?
			f->confidence : "unknown", f->flag ? "; " : "",
			f->flag ? f->flag : "");
		if (f->text && !link) {
			size_t n = strlen(f->text), cut = n > 60 ? 60 : n;

			/* never inside a UTF-8 sequence */
			while (cut < n && cut > 0 &&
			    ((unsigned char)f->text[cut] & 0xC0) == 0x80)
				cut--;
			printf(": %.*s%s", (int)cut, f->text, cut < n ?
				"..." : "");
		}
		printf("\n");
		return 0;
	}
	setara__json_obj_open(t->j, NULL);
	setara__json_str(t->j, "component", f->component);
	setara__json_str(t->j, "kind", f->kind);
	setara__json_str(t->j, "subject", f->subject);
	setara__json_str(t->j, "file", f->file);
	setara__json_int(t->j, "line", f->line);
	setara__json_str(t->j, "confidence", f->confidence);
	setara__json_str(t->j, "flag", f->flag);
	setara__json_str(t->j, "text", f->text);
	setara__json_obj_close(t->j);
	return 0;
}

static int cmd_data_report(cli *c, int argc, char **argv)
{
	struct tally t;
	setara_store *st;
	setara__json j;
	setara_buf b = SETARA_BUF_INIT;
	cli_parser p;
	int rc = EXIT_OK;

	memset(&t, 0, sizeof(t));
	if (cli_args(&p, c, &report_cmd, argc, argv, NULL, -1, &rc))
		goto done;
	if (p.npos) {
		rc = cli_usage_error(&report_cmd, "no arguments expected");
		goto done;
	}
	if (cli_store(c, &st) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	if (c->json) {
		cli_json_begin(&j, &b, "facts");
		t.j = &j;
	}
	if (setara_store_data_report(st, fact, &t) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	if (c->json) {
		setara__json_arr_close(&j);
		setara__json_obj_open(&j, "summary");
		setara__json_int(&j, "total", t.total);
		setara__json_int(&j, "low", t.low);
		setara__json_int(&j, "medium", t.medium);
		setara__json_int(&j, "levelLinks", t.links);
		setara__json_int(&j, "unconfirmedLevelLinks", t.unconfirmed);
		setara__json_int(&j, "qf", t.qf);
		setara__json_int(&j, "credit", t.credit);
		setara__json_int(&j, "mrs", t.mrs);
		setara__json_obj_close(&j);
		if (cli_json_end(&j, &b, 0) < 0)
			rc = cli_fail(c);
		goto done;
	}
	printf("summary: %u facts to confirm (%u low, %u medium): frameworks "
		"%u, of which %u AQRF level links not confirmed from a "
		"referencing report's table; credit %u; occupations %u\n",
		t.total, t.low, t.medium, t.qf, t.unconfirmed, t.credit, t.mrs);
done:
	setara_buf_dispose(&b);
	cli_parser_dispose(&p);
	return rc;
}
