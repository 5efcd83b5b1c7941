/*
 * setara frameworks [ID]: list the loaded qualification frameworks with
 * their AQRF referencing status, or show one framework with its editions,
 * referencing (status, date, edition, sources, confidence), levels (AQRF
 * range, descriptor summaries, main qualification types per sector) and
 * sources.  JSON schemas: docs/json.md.
 */
#include <string.h>

#include "cli.h"
#include "util/util.h"

static const cli_cmd frameworks_cmd = {
	"frameworks", cmd_frameworks,
	"List the qualification frameworks, or show one with its levels,\n"
	"qualification types and AQRF referencing.",
	"frameworks [ID]", cli_no_opts,
	"ID is a framework id: aqrf, eqf, or a country's framework such as\n"
	"ph-pqf, my-mqf, id-kkni.  A referencing has two facts: the report's\n"
	"status (none, in-progress, submitted, peer-reviewed, endorsed, with\n"
	"date and meeting) and its level table's (confirmed from the report's\n"
	"own table, secondary, assumed).  An indicative link (not an official\n"
	"referencing outcome) is marked so.\n"
};

/* Notes are stored one per line: one JSON string each. */
static void json_lines(setara__json *j, const char *key, const char *text)
{
	const char *p = text, *e;

	setara__json_arr_open(j, key);
	while (p && *p) {
		e = strchr(p, '\n');
		setara__json_strn(j, NULL, p, e ? (size_t)(e - p) : strlen(p));
		p = e ? e + 1 : NULL;
	}
	setara__json_arr_close(j);
}

static void print_lines(const char *prefix, const char *text)
{
	const char *p = text, *e;

	while (p && *p) {
		e = strchr(p, '\n');
		printf("%s%.*s\n", prefix, e ? (int)(e - p) : (int)strlen(p),
			p);
		p = e ? e + 1 : NULL;
	}
}

static const char *aqrf_summary(const setara_framework_info *f, char *buf,
	size_t size)
{
	if (f->aqrf_status == NULL)
		return "-";
	if (strcmp(f->aqrf_status, "reference") == 0)
		return "reference";
	if (f->aqrf_table == NULL)
		snprintf(buf, size, "%s, no level links", f->aqrf_status);
	else
		snprintf(buf, size, "%s%s, table %s", f->aqrf_status,
			f->aqrf_indicative ? ", indicative" : "",
			f->aqrf_table);
	return buf;
}

/* ---- list ------------------------------------------------------------- */

static int list_text(const setara_framework_info *f, void *payload)
{
	char buf[96];

	(void)payload;
	printf("%-9s %2d  %-9s %-2s  %-40s %s (%s)\n", f->id, f->levels,
		f->kind, f->country ? f->country : "-",
		aqrf_summary(f, buf, sizeof(buf)), f->name, f->acronym);
	return 0;
}

/* Open the object @key of a framework with what the list and one
 * framework's answer both begin with. */
static void json_about(setara__json *j, const char *key,
	const setara_framework_info *f)
{
	setara__json_obj_open(j, key);
	setara__json_str(j, "id", f->id);
	setara__json_str(j, "name", f->name);
	setara__json_str(j, "acronym", f->acronym);
	setara__json_str(j, "kind", f->kind);
	setara__json_str(j, "country", f->country);
	setara__json_str(j, "stage", f->stage);
	setara__json_int(j, "levels", f->levels);
}

static int list_json(const setara_framework_info *f, void *payload)
{
	setara__json *j = payload;

	json_about(j, NULL, f);
	setara__json_str(j, "file", f->file);
	setara__json_obj_open(j, "aqrf");
	setara__json_str(j, "status", f->aqrf_status);
	setara__json_bool(j, "indicative", f->aqrf_indicative);
	setara__json_str(j, "table", f->aqrf_table);
	setara__json_obj_close(j);
	setara__json_obj_close(j);
	return 0;
}

/* ---- one framework ---------------------------------------------------- */

static void show_text(const setara_framework *fw)
{
	const setara_framework_info *f = setara_framework_about(fw);
	const setara_framework_referencing *r;
	const setara_framework_level *l;
	const setara_framework_entry *e;
	const setara_framework_item *it;
	size_t i;
	int n;

	printf("%s: %s (%s)\n", f->id, f->name, f->acronym);
	if (f->country)
		printf("country %s, ", f->country);
	printf("%s, %d levels; source %s, confidence %s; file %s\n",
		f->kind, f->levels, f->source, f->confidence, f->file);
	if (strcmp(f->stage, "in-force") != 0)
		printf("stage: %s\n", f->stage);
	if (f->basis)
		printf("basis: %s\n", f->basis);
	print_lines("note: ", f->notes);
	if (setara_framework_edition_count(fw)) {
		printf("editions:\n");
		for (i = 0; (it = setara_framework_edition(fw, i)); i++)
			printf("  %s (%s): %s\n", it->id, it->date, it->text);
	}
	for (i = 0; (r = setara_framework_referencing_get(fw, i)); i++) {
		printf("referencing to %s: %s", r->target, r->status);
		cli_print_when(r->date, r->meeting, r->submitted, r->edition);
		printf(", confidence %s%s; %d level link%s\n", r->confidence,
			r->indicative ? ", INDICATIVE (not an official "
			"referencing outcome)" : "", r->maps,
			r->maps == 1 ? "" : "s");
		printf("  level table: %s%s\n", r->table,
			strcmp(r->table, "confirmed") == 0 ? " (read in the "
			"report's own table)" : strcmp(r->table, "secondary")
			== 0 ? " (stated by a secondary source; not read in "
			"the report)" : " (not read: the links are inferred)");
		printf("  source %s\n", r->source_text);
		print_lines("  note: ", r->notes);
	}
	printf("levels:\n");
	for (n = 1; n <= f->levels; n++) {
		if ((l = setara_framework_level_get(fw, n)) == NULL)
			continue;
		printf("  %d  %s", n, l->title);
		if (strcmp(f->id, "aqrf") == 0)
			printf("\n");
		else if (l->aqrf_min == 0)
			printf("  -> no AQRF level known\n");
		else if (l->aqrf_min == l->aqrf_max)
			printf("  -> aqrf:%d (%s%s, table %s)\n", l->aqrf_min,
				l->aqrf_confidence, f->aqrf_indicative ?
				", indicative" : "", l->aqrf_table);
		else
			printf("  -> aqrf:%d..aqrf:%d (%s%s, table %s)\n",
				l->aqrf_min, l->aqrf_max, l->aqrf_confidence,
				f->aqrf_indicative ? ", indicative" : "",
				l->aqrf_table);
		if (l->aqrf_note)
			printf("       mapping note: %s\n", l->aqrf_note);
		for (i = 0; (e = setara_framework_descriptor(fw, i)); i++)
			if (e->level == n)
				printf("       %s: %s\n", e->kind, e->text);
		for (i = 0; (e = setara_framework_qualification(fw, i)); i++) {
			if (e->level != n)
				continue;
			printf("       %s: %s", e->kind, e->text);
			if (e->from || e->until)
				printf(" [editions %s..%s]", e->from ? e->from :
					"", e->until ? e->until : "");
			if (strcmp(e->confidence, "high") != 0)
				printf(" (confidence %s)", e->confidence);
			printf("\n");
		}
		print_lines("       note: ", l->notes);
	}
	printf("sources:\n");
	for (i = 0; (it = setara_framework_source(fw, i)); i++)
		printf("  %s: %s%s%s%s\n", it->id, it->text, it->date ? " <" :
			"", it->date ? it->date : "", it->date ? ">" : "");
}

/* Level @n's descriptors (@qual 0) or qualifications (@qual 1). */
static void json_entries(setara__json *j, const setara_framework *fw, int n,
	int qual)
{
	const setara_framework_entry *e;
	size_t i;

	setara__json_arr_open(j, qual ? "qualifications" : "descriptors");
	for (i = 0; (e = qual ? setara_framework_qualification(fw, i) :
	    setara_framework_descriptor(fw, i)); i++) {
		if (e->level != n)
			continue;
		setara__json_obj_open(j, NULL);
		setara__json_str(j, qual ? "sector" : "domain", e->kind);
		setara__json_str(j, qual ? "title" : "text", e->text);
		if (qual) {
			setara__json_str(j, "from", e->from);
			setara__json_str(j, "until", e->until);
		}
		setara__json_str(j, "source", e->source);
		setara__json_str(j, "confidence", e->confidence);
		setara__json_obj_close(j);
	}
	setara__json_arr_close(j);
}

/* The array @key of a framework's items that @get gives: id, text and
 * the date, under the name @date. */
static void json_items(setara__json *j, const char *key, const char *date,
	const setara_framework *fw,
	const setara_framework_item *(*get)(const setara_framework *, size_t))
{
	const setara_framework_item *it;
	size_t i;

	setara__json_arr_open(j, key);
	for (i = 0; (it = get(fw, i)); i++) {
		setara__json_obj_open(j, NULL);
		setara__json_str(j, "id", it->id);
		setara__json_str(j, date, it->date);
		setara__json_str(j, "text", it->text);
		setara__json_obj_close(j);
	}
	setara__json_arr_close(j);
}

static void show_json(setara__json *j, const setara_framework *fw)
{
	const setara_framework_info *f = setara_framework_about(fw);
	const setara_framework_referencing *r;
	const setara_framework_level *l;
	char ref[80];
	size_t i;
	int n;

	json_about(j, "framework", f);
	setara__json_str(j, "basis", f->basis);
	json_lines(j, "notes", f->notes);
	setara__json_str(j, "source", f->source);
	setara__json_str(j, "confidence", f->confidence);
	setara__json_str(j, "file", f->file);
	json_items(j, "editions", "date", fw, setara_framework_edition);
	setara__json_arr_open(j, "referencing");
	for (i = 0; (r = setara_framework_referencing_get(fw, i)); i++) {
		setara__json_obj_open(j, NULL);
		setara__json_str(j, "target", r->target);
		setara__json_str(j, "status", r->status);
		setara__json_str(j, "date", r->date);
		setara__json_str(j, "meeting", r->meeting);
		setara__json_str(j, "submitted", r->submitted);
		setara__json_str(j, "edition", r->edition);
		setara__json_bool(j, "indicative", r->indicative);
		setara__json_str(j, "table", r->table);
		setara__json_str(j, "source", r->source);
		setara__json_str(j, "source_text", r->source_text);
		setara__json_str(j, "confidence", r->confidence);
		json_lines(j, "notes", r->notes);
		setara__json_int(j, "maps", r->maps);
		setara__json_int(j, "line", r->line);
		setara__json_obj_close(j);
	}
	setara__json_arr_close(j);
	setara__json_arr_open(j, "levels");
	for (n = 1; n <= f->levels; n++) {
		if ((l = setara_framework_level_get(fw, n)) == NULL)
			continue;
		setara__json_obj_open(j, NULL);
		setara__json_int(j, "n", n);
		snprintf(ref, sizeof(ref), "%s:%d", f->id, n);
		setara__json_str(j, "ref", ref);
		setara__json_str(j, "title", l->title);
		json_lines(j, "notes", l->notes);
		setara__json_str(j, "source", l->source);
		setara__json_str(j, "confidence", l->confidence);
		if (l->aqrf_min == 0) {
			setara__json_null(j, "aqrf");
		} else {
			setara__json_obj_open(j, "aqrf");
			setara__json_int(j, "min", l->aqrf_min);
			setara__json_int(j, "max", l->aqrf_max);
			setara__json_str(j, "confidence", l->aqrf_confidence);
			setara__json_bool(j, "indicative",
				f->aqrf_indicative);
			setara__json_str(j, "table", l->aqrf_table);
			setara__json_str(j, "note", l->aqrf_note);
			setara__json_obj_close(j);
		}
		json_entries(j, fw, n, 0);
		json_entries(j, fw, n, 1);
		setara__json_obj_close(j);
	}
	setara__json_arr_close(j);
	json_items(j, "sources", "href", fw, setara_framework_source);
	setara__json_obj_close(j);
}

int cli_frameworks_json(setara_buf *out, setara_store *st)
{
	setara__json j;
	int error;

	cli_json_begin(&j, out, "frameworks");
	error = setara_qf_frameworks(st, list_json, &j);
	setara__json_arr_close(&j);
	setara__json_obj_close(&j);
	if (error == 0)
		error = setara__json_error(&j);
	return error;
}

int cmd_frameworks(cli *c, int argc, char **argv)
{
	setara_framework *fw = NULL;
	setara_store *st;
	setara__json j;
	setara_buf b = SETARA_BUF_INIT;
	cli_parser p;
	int r, rc = EXIT_OK;

	if (cli_args(&p, c, &frameworks_cmd, argc, argv, NULL, -1, &rc))
		goto done;
	if (p.npos > 1) {
		rc = cli_usage_error(&frameworks_cmd,
			"at most one framework id expected");
		goto done;
	}
	if (cli_store(c, &st) < 0 || (p.npos == 1 &&
	    setara_framework_get(&fw, st, p.pos[0]) < 0)) {
		rc = cli_fail(c);
		goto done;
	}
	if (fw == NULL && c->json) {
		if (cli_frameworks_json(&b, st) < 0 || cli_json_print(&b) < 0)
			rc = cli_fail(c);
		goto done;
	}
	r = 0;
	if (c->json)
		cli_json_begin(&j, &b, NULL);
	if (fw && c->json) {
		show_json(&j, fw);
	} else if (fw) {
		show_text(fw);
	} else {
		printf("%-9s %2s  %-9s %-2s  %-40s %s\n", "ID", "LV", "KIND",
			"CC", "AQRF REFERENCING", "NAME");
		r = setara_qf_frameworks(st, list_text, NULL);
	}
	if (r < 0) {
		rc = cli_fail(c);
		goto done;
	}
	if (c->json && cli_json_end(&j, &b, 0) < 0)
		rc = cli_fail(c);
done:
	setara_framework_free(fw);
	setara_buf_dispose(&b);
	cli_parser_dispose(&p);
	return rc;
}
