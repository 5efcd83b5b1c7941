/*
 * Discovery: what ids the loaded data knows, so that nobody learns them
 * from error messages.  setara credit systems, grade scales, institutions
 * (with programmes and agreements) and mrs occupations: text or --json,
 * each entry with its source and confidence (or status) as 'frameworks'
 * shows them.  Exit 0, or 4 when the store cannot be read.  JSON schemas:
 * docs/json.md.
 */
#include <string.h>

#include "cli.h"
#include "util/util.h"

typedef int (*lister)(setara_store *st, setara_catalog_cb cb,
	void *payload);

/* The walk's state: the JSON writer, and for institutions which of the
 * nested arrays is open (0 none yet, 1 programmes, 2 agreements). */
typedef struct walk {
	int json;
	setara__json j;
	setara_buf b;
	int idw;            /* text: width of the id column */
	int in_inst;
	int arr;
	size_t n;
} walk;

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

/* "high", or the status ("sample") when no confidence is given. */
static const char *conf(const setara_catalog_entry *e)
{
	return e->confidence && *e->confidence ? e->confidence :
		or_dash(e->status);
}

static void json_common(setara__json *j, const setara_catalog_entry *e)
{
	setara__json_str(j, "source", e->source);
	setara__json_str(j, "confidence", e->confidence);
	setara__json_str(j, "status", e->status);
	setara__json_str(j, "file", e->file);
	setara__json_int(j, "line", e->line);
}

/* Close the institution open in the JSON answer, with both arrays. */
static void json_close_inst(walk *w)
{
	if (!w->in_inst)
		return;
	if (w->arr == 0)
		setara__json_arr_open(&w->j, "programmes");
	if (w->arr <= 1) {
		setara__json_arr_close(&w->j);
		setara__json_arr_open(&w->j, "agreements");
	}
	setara__json_arr_close(&w->j);
	setara__json_obj_close(&w->j);
	w->in_inst = 0;
	w->arr = 0;
}

/*
 * The JSON names of an entry's fields in each kind of listing: whether it
 * has a country, and the names of detail and detail2 (NULL: none; with
 * raw2, detail2 is a JSON number).  The occupational standards
 * ("occupation", "benchmark") are written with their kind.
 */
static const struct json_name {
	const char *kind;
	int country;
	const char *detail, *detail2;
	int raw2;
} json_names[] = {
	{ "credit-system", 1, "unit", "kind", 0 },
	{ "grade-scale", 1, "kind", NULL, 0 },
	{ "institution", 1, "credit_system", "grade_scale", 0 },
	{ "programme", 0, "level", "credits", 1 },
	{ "agreement", 0, "partner", "valid_from", 0 },
	{ NULL, 0, NULL, NULL, 0 }
};

static void json_entry(walk *w, const setara_catalog_entry *e)
{
	setara__json *j = &w->j;
	const char *k = e->kind;
	const struct json_name *f;

	if (strcmp(k, "programme") == 0 && w->in_inst && w->arr == 0) {
		setara__json_arr_open(j, "programmes");
		w->arr = 1;
	} else if (strcmp(k, "agreement") == 0 && w->in_inst && w->arr < 2) {
		if (w->arr == 0)
			setara__json_arr_open(j, "programmes");
		setara__json_arr_close(j);
		setara__json_arr_open(j, "agreements");
		w->arr = 2;
	} else if (strcmp(k, "institution") == 0) {
		json_close_inst(w);
	}
	for (f = json_names; f->kind && strcmp(k, f->kind) != 0; f++)
		;
	setara__json_obj_open(j, NULL);
	setara__json_str(j, "id", e->id);
	setara__json_str(j, "name", e->name);
	if (f->kind) {
		if (f->country)
			setara__json_str(j, "country", e->country);
		setara__json_str(j, f->detail, e->detail);
		if (f->detail2 && f->raw2)
			setara__json_raw(j, f->detail2, e->detail2);
		else if (f->detail2)
			setara__json_str(j, f->detail2, e->detail2);
	} else {
		setara__json_str(j, "kind", k);
		setara__json_str(j, "country", e->country);
		setara__json_str(j, "level", e->detail);
		if (e->detail2)
			setara__json_raw(j, "aqrf", e->detail2);
		else
			setara__json_null(j, "aqrf");
	}
	json_common(j, e);
	if (strcmp(k, "institution") == 0)
		w->in_inst = 1;
	else
		setara__json_obj_close(j);
}

static void text_entry(walk *w, const setara_catalog_entry *e)
{
	const char *k = e->kind;

	if (strcmp(k, "credit-system") == 0) {
		printf("%-*s", w->idw, e->id);
		printf(" %-3s %-22s %-13s %-7s %-10s %s\n", or_dash(e->country),
			or_dash(e->detail), or_dash(e->detail2), conf(e),
			or_dash(e->source), e->name);
	} else if (strcmp(k, "grade-scale") == 0) {
		printf("%-*s", w->idw, e->id);
		printf(" %-3s %-8s %-7s %-10s %s\n", or_dash(e->country),
			or_dash(e->detail), conf(e), or_dash(e->source),
			e->name);
	} else if (strcmp(k, "institution") == 0) {
		printf("%s%s (%s): credit system %s, grade scale %s; %s%s%s\n",
			w->n ? "\n" : "", e->id, or_dash(e->country),
			or_dash(e->detail), or_dash(e->detail2), conf(e),
			e->source ? ", source " : "", e->source ? e->source :
			"");
		printf("  %s\n", e->name);
	} else if (strcmp(k, "programme") == 0) {
		printf("  programme %-12s %-10s %4s credits  %s\n", e->id,
			or_dash(e->detail), or_dash(e->detail2), e->name);
	} else if (strcmp(k, "agreement") == 0) {
		printf("  agreement %-12s with %s%s%s; %s\n", e->id,
			or_dash(e->detail), e->detail2 ? " from " : "",
			e->detail2 ? e->detail2 : "", conf(e));
		printf("            %s\n", e->name);
	} else {
		printf("%-*s", w->idw, e->id);
		printf(" %-3s %-10s %-4s %-7s %-10s %s\n", or_dash(e->country),
			or_dash(e->detail), or_dash(e->detail2), conf(e),
			or_dash(e->source), e->name);
	}
}

static int entry(const setara_catalog_entry *e, void *payload)
{
	walk *w = payload;

	if (w->json)
		json_entry(w, e);
	else
		text_entry(w, e);
	/* Entries of the array: programmes and agreements are inside. */
	if (strcmp(e->kind, "programme") != 0 &&
	    strcmp(e->kind, "agreement") != 0)
		w->n++;
	return 0;
}

/* The JSON answer of a discovery listing, {"version":1,KEY:[...],"count":N},
 * into @out (the command's --json and the service's routes). */
static int discover_json(setara_buf *out, setara_store *st, lister fn,
	const char *key)
{
	walk w;
	int error;

	memset(&w, 0, sizeof(w));
	w.json = 1;
	cli_json_begin(&w.j, out, key);
	if ((error = fn(st, entry, &w)) < 0)
		return error;
	json_close_inst(&w);
	setara__json_arr_close(&w.j);
	setara__json_int(&w.j, "count", (long long)w.n);
	setara__json_obj_close(&w.j);
	return setara__json_error(&w.j);
}

int cli_credit_systems_json(setara_buf *out, setara_store *st)
{
	return discover_json(out, st, setara_credit_systems,
		"credit_systems");
}

/*
 * Run one discovery command: no arguments; @header heads the text table,
 * @key names the JSON array.
 */
static int discover(cli *c, const cli_cmd *cmd, int argc, char **argv,
	lister fn, const char *key, const char *header, int idw)
{
	setara_store *st;
	cli_parser p;
	setara_buf empty = SETARA_BUF_INIT;
	walk w;
	int rc = EXIT_OK;

	memset(&w, 0, sizeof(w));
	w.json = c->json;
	w.idw = idw;
	w.b = empty;
	if (cli_args(&p, c, cmd, argc, argv, NULL, 0, &rc))
		goto done;
	if (cli_store(c, &st) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	if (c->json) {
		if (discover_json(&w.b, st, fn, key) < 0 ||
		    cli_json_print(&w.b) < 0)
			rc = cli_fail(c);
		goto done;
	}
	if (header)
		printf("%s\n", header);
	if (fn(st, entry, &w) < 0)
		rc = cli_fail(c);
done:
	setara_buf_dispose(&w.b);
	cli_parser_dispose(&p);
	return rc;
}

const cli_cmd cli_credit_systems_cmd = {
	"systems", cli_credit_systems,
	"List the credit systems: country, unit, kind (national,\n"
	"institutional, transfer), confidence (or status) and sources.",
	"credit systems", cli_no_opts, NULL
};

const cli_cmd cli_grade_scales_cmd = {
	"scales", cli_grade_scales,
	"List the grade scales: country, kind (letter, numeric, ...),\n"
	"confidence (or status) and sources.",
	"grade scales", cli_no_opts, NULL
};

static const cli_cmd cli_institutions_cmd = {
	"institutions", cmd_institutions,
	"List the institutions with their credit system and grade scale,\n"
	"their programmes (level, credits) and the agreements they host\n"
	"(the partner institution, the date from which it holds): the ids\n"
	"'transfer evaluate --host INST --programme P' takes.",
	"institutions", cli_no_opts, NULL
};

const cli_cmd cli_mrs_occupations_cmd = {
	"occupations", cli_mrs_occupations,
	"List the occupational standards an MRS claim can be checked against:\n"
	"country, the level of the qualification, the AQRF level required\n"
	"(none for a regional benchmark), confidence (or status) and sources.",
	"mrs occupations", cli_no_opts, NULL
};

int cli_credit_systems(cli *c, int argc, char **argv)
{
	return discover(c, &cli_credit_systems_cmd, argc, argv,
		setara_credit_systems, "credit_systems",
		"ID          CC  UNIT                   KIND          CONF    "
		"SOURCE     NAME", 11);
}

int cli_grade_scales(cli *c, int argc, char **argv)
{
	return discover(c, &cli_grade_scales_cmd, argc, argv,
		setara_grade_scales, "grade_scales",
		"ID         CC  KIND     CONF    SOURCE     NAME", 10);
}

int cmd_institutions(cli *c, int argc, char **argv)
{
	return discover(c, &cli_institutions_cmd, argc, argv,
		setara_institutions, "institutions", NULL, 0);
}

int cli_mrs_occupations(cli *c, int argc, char **argv)
{
	return discover(c, &cli_mrs_occupations_cmd, argc, argv,
		setara_mrs_occupations, "occupations",
		"ID                              CC  LEVEL      AQRF CONF    "
		"SOURCE     NAME", 31);
}
