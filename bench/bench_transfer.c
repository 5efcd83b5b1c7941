/*
 * Transfer decisions per second: a generated record (100 courses unless
 * told) evaluated against a host's rules, loaded once, on one thread.
 *
 * The host (bench-u, a copy of the shipped my-um policy: minimum grade,
 * learning-outcome overlap, residency, level match through the AQRF,
 * recency, credit value of the host course, rounding, caps) and its
 * agreement with th-cu (a rule for nearly every course: one-to-one,
 * many-to-one, block, reject) are generated beside the shipped data in a
 * temporary data directory and loaded into a fresh store.  The record has
 * its courses in the Chulalongkorn credit system and grades, a few failing,
 * below the minimum, or with no rule, so that every path of the engine
 * runs.  Reported: course decisions per second for the evaluation alone
 * (rules loaded, record parsed), with the decision document written too,
 * and with the record parsed and validated each time.  Times are the
 * thread's CPU time, so that other work on a shared machine does not
 * count; each figure runs for SECONDS of it.
 *
 * Usage: bench_transfer TOP [SECONDS [COURSES]]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "setara.h"

/* courses on the record and rules in the agreement (codes of 3 digits) */
static int ncourses = 100;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	const setara_error *e = setara_error_last();

	fprintf(stderr, "bench_transfer: %s: %s%s%s\n", what,
		e->file ? e->file : "", e->file ? ": " : "", e->message);
	exit(1);
}

static void put(const char *path, const setara_buf *b)
{
	FILE *f = fopen(path, "w");

	if (f == NULL || fwrite(b->ptr, 1, b->size, f) != b->size) {
		perror(path);
		exit(1);
	}
	fclose(f);
}

/* The host, its catalogue, and its agreement with th-cu. */
static void gen_data(const char *dir)
{
	setara_buf b = SETARA_BUF_INIT;
	char path[1024];
	int i;

	setara_buf_printf(&b, "<institution xmlns=\"urn:setara:data:1\""
		" id=\"bench-u\" country=\"MY\" creditSystem=\"my-um\""
		" gradeScale=\"my-um\" status=\"sample\">\n<name>Bench"
		" University</name>\n<programme id=\"b\" level=\"my-mqf:6\""
		" credits=\"240\"><name>Bench programme</name>"
		"<area id=\"major\" credits=\"160\"/>"
		"<area id=\"elective\" credits=\"40\"/></programme>\n");
	for (i = 0; i < ncourses; i++)
		setara_buf_printf(&b, "<course code=\"H%03d\" credits=\"3\""
			" area=\"%s\"><title>Host course %d</title></course>\n",
			i, i % 5 ? "major" : "elective", i);
	setara_buf_printf(&b, "<policy id=\"p\"><name>Bench policy</name>"
		"<minGrade grade=\"C\"/><outcomeOverlap percent=\"80\"/>"
		"<residency years=\"1\"/><creditValue value=\"target\""
		" shortfall=\"partial\"/><grades withGrade=\"true\""
		" inGpa=\"true\"/><levelMatch mode=\"same\"/>"
		"<recency years=\"10\"/><rounding round=\"down\" step=\"0.5\""
		" on=\"course\"/><caps partial=\"true\"/>"
		"<maxShare of=\"major\" percent=\"50\"/>"
		"<unmatched action=\"block\" area=\"elective\"/></policy>\n"
		"</institution>\n");
	snprintf(path, sizeof(path), "%s/mappings/credit/bench-u.xml", dir);
	put(path, &b);
	setara_buf_clear(&b);
	setara_buf_printf(&b, "<agreement xmlns=\"urn:setara:data:1\""
		" id=\"bench-u--th-cu\" host=\"bench-u\" partner=\"th-cu\""
		" status=\"sample\">\n<name>Bench rules</name>\n"
		"<credits method=\"load\" period=\"semester\"/>\n"
		"<grades method=\"table\" conversion=\"th-cu--my-um\"/>\n");
	for (i = 0; i < ncourses; i++) {
		if (i % 10 == 3)       /* two sources, one host course */
			setara_buf_printf(&b, "<rule id=\"r%d\""
				" kind=\"many-to-one\" overlap=\"85\"><from"
				" course=\"P%03d\"/><from course=\"P%03d\"/>"
				"<to course=\"H%03d\"/></rule>\n", i, i, i + 1,
				i);
		else if (i % 10 == 4)  /* consumed by the rule above */
			continue;
		else if (i % 10 == 7)
			setara_buf_printf(&b, "<rule id=\"r%d\" kind=\"block\">"
				"<from course=\"P%03d\"/>"
				"<to area=\"elective\"/></rule>\n", i, i);
		else if (i % 10 == 8)
			setara_buf_printf(&b, "<rule id=\"r%d\""
				" kind=\"reject\"><from course=\"P%03d\"/>"
				"</rule>\n", i, i);
		else if (i % 10 != 9)  /* 9: no rule */
			setara_buf_printf(&b, "<rule id=\"r%d\""
				" kind=\"one-to-one\" overlap=\"%d\"><from"
				" course=\"P%03d\"/><to course=\"H%03d\"/>"
				"</rule>\n", i, i % 10 == 6 ? 70 : 90, i, i);
	}
	setara_buf_puts(&b, "</agreement>\n");
	snprintf(path, sizeof(path), "%s/mappings/credit/bench-agree.xml",
		dir);
	put(path, &b);
	setara_buf_dispose(&b);
}

static void gen_record(setara_buf *b)
{
	static const char *const grades[] = { "A", "B+", "B", "C+", "C", "D",
		"A", "B+", "F", "B" };
	int i;

	setara_buf_printf(b, "<academicRecord xmlns=\"urn:setara:doc:1\""
		" version=\"1\">\n<institution id=\"th-cu\" country=\"TH\">"
		"<name>Chulalongkorn University</name></institution>\n"
		"<student id=\"6400000000\" country=\"TH\"><name>Bench"
		" Student</name></student>\n<programme level=\"th-tqf:2\""
		" creditSystem=\"th-cu\" gradeScale=\"th-cu\" iscedF=\"0613\">"
		"<title>BSc</title></programme>\n");
	for (i = 0; i < ncourses; i++) {
		if (i % 10 == 0)
			setara_buf_printf(b, "%s<term id=\"t%d\""
				" end=\"202%d-05-20\">\n", i ? "</term>\n" :
				"", i / 10, i / 10 % 5 + 1);
		setara_buf_printf(b, "<course code=\"P%03d\" credits=\"%s\""
			" grade=\"%s\"><title>Partner course %d</title>"
			"</course>\n", i, i % 4 ? "3" : "2", grades[i % 10], i);
	}
	setara_buf_puts(b, "</term>\n</academicRecord>\n");
}

int main(int argc, char **argv)
{
	setara_store *st = NULL;
	setara_transfer_rules *rules = NULL;
	setara_record *rec = NULL;
	setara_transfer_decision *d = NULL;
	setara_buf rb = SETARA_BUF_INIT, xml = SETARA_BUF_INIT;
	char tmpl[] = "/tmp/setara-bench-XXXXXX", cmd[4096], db[1100];
	const setara_transfer_totals *t;
	double secs = argc > 2 ? atof(argv[2]) : 2, t0, t1, alone;
	long n;

	if (argc > 3)
		ncourses = (int)strtol(argv[3], NULL, 10);
	if (argc < 2 || ncourses < 1 || ncourses > 999) {
		fprintf(stderr, "usage: bench_transfer TOP [SECONDS "
			"[COURSES]]\n");
		return 2;
	}
	if (setara_init() < 0 || mkdtemp(tmpl) == NULL)
		die("init");
	snprintf(cmd, sizeof(cmd), "mkdir -p %s/mappings && cp -R %s/frameworks"
		" %s/ && cp -R %s/mappings/credit %s/mappings/", tmpl, argv[1],
		tmpl, argv[1], tmpl);
	if (system(cmd) != 0)
		die("copy the data");
	gen_data(tmpl);
	snprintf(db, sizeof(db), "%s/bench.db", tmpl);
	if (setara_store_open(&st, db, 0) < 0 ||
	    setara_store_load(st, tmpl, NULL) < 0)
		die("load");
	t0 = now();
	if (setara_transfer_rules_load(&rules, st, "bench-u", "b") < 0)
		die("rules");
	t1 = now();
	gen_record(&rb);
	if (setara_record_parse(&rec, rb.ptr, rb.size, "bench.xml") < 0)
		die("record");
	if (setara_transfer_evaluate(&d, rules, rec, NULL) < 0)
		die("evaluate");
	t = setara_transfer_decision_totals(d);
	printf("rules of bench-u loaded in %.1f ms; record: %d courses in %zu "
		"decisions (%u granted, %u partial, %u refused)\n",
		(t1 - t0) * 1e3, ncourses, setara_transfer_decision_count(d),
		t->granted, t->partial, t->refused);
	setara_transfer_decision_free(d);

	/* 1. the evaluation alone */
	n = 0;
	t0 = now();
	do {
		if (setara_transfer_evaluate(&d, rules, rec, NULL) < 0)
			die("evaluate");
		setara_transfer_decision_free(d);
		n++;
	} while ((t1 = now()) - t0 < secs);
	alone = n * ncourses / (t1 - t0);
	printf("evaluate (rules loaded, record parsed): %.0f course "
		"decisions/s (%.0f records/s of %d courses, %.1f us/record)\n",
		alone, n / (t1 - t0), ncourses, (t1 - t0) / n * 1e6);

	/* 2. with the decision document (built, validated, serialized) */
	n = 0;
	t0 = now();
	do {
		if (setara_transfer_evaluate(&d, rules, rec, NULL) < 0)
			die("evaluate");
		setara_buf_clear(&xml);
		if (setara_transfer_decision_xml(&xml, d) < 0)
			die("decision document");
		setara_transfer_decision_free(d);
		n++;
	} while ((t1 = now()) - t0 < secs);
	printf("evaluate + decision document (validated): %.0f course "
		"decisions/s (%.0f documents/s, %zu bytes each)\n",
		n * ncourses / (t1 - t0), n / (t1 - t0), xml.size);

	/* 3. with the record parsed and validated each time */
	setara_record_free(rec);
	rec = NULL;
	n = 0;
	t0 = now();
	do {
		if (setara_record_parse(&rec, rb.ptr, rb.size,
		    "bench.xml") < 0 ||
		    setara_transfer_evaluate(&d, rules, rec, NULL) < 0)
			die("parse and evaluate");
		setara_transfer_decision_free(d);
		setara_record_free(rec);
		rec = NULL;
		n++;
	} while ((t1 = now()) - t0 < secs);
	printf("parse + validate + evaluate: %.0f course decisions/s "
		"(%.0f records/s)\n", n * ncourses / (t1 - t0),
		n / (t1 - t0));
	/* a parsed record must never cost more than a fresh one */
	printf("evaluate on a parsed record / parse + evaluate: %.2f\n",
		alone / (n * ncourses / (t1 - t0)));

	setara_buf_dispose(&xml);
	setara_buf_dispose(&rb);
	setara_transfer_rules_free(rules);
	setara_store_free(st);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpl);
	if (system(cmd) != 0)
		fprintf(stderr, "bench_transfer: could not remove %s\n", tmpl);
	setara_shutdown();
	return 0;
}
