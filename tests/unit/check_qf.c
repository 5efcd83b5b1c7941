/*
 * Unit tests of src/qf on the shipped data: every member state's level
 * mappings against the facts of shared/domain/frameworks.md (range,
 * status, confidence, indicative), level references, level maps to the
 * AQRF and to other frameworks with their traces, comparisons, and the
 * framework details (the dated PQF editions).
 */
#include "check_common.h"
#include "qf/qf_int.h"

static char *tmp;
static char *db;

/* One store loaded from the checkout, shared by the tests (read-only). */
static void setup_once(void)
{
	setara_store *st = NULL;
	char path[512];

	tmp = test_tmpdir();
	snprintf(path, sizeof(path), "%s/qf.db", tmp);
	db = strdup(path);
	if (setara_store_open(&st, db, 0) < 0 ||
	    setara_store_load(st, test_top(), NULL) < 0) {
		fprintf(stderr, "cannot load the shipped data: %s\n",
			setara_error_last()->message);
		abort();
	}
	setara_store_free(st);
}

static void teardown_once(void)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmp);
	free(tmp);
	free(db);
}

static setara_store *st;

static void setup(void)
{
	ck_assert_int_eq(setara_store_open(&st, db, SETARA_STORE_READONLY),
		0);
}

static void teardown(void)
{
	setara_store_free(st);
	st = NULL;
}

/* ---- the facts, per member state ------------------------------------ */

#define L SETARA_CONFIDENCE_LOW
#define M SETARA_CONFIDENCE_MEDIUM
#define H SETARA_CONFIDENCE_HIGH
#define U SETARA_CONFIDENCE_UNKNOWN
#define A SETARA_QF_TABLE_ASSUMED
#define TR SETARA_QF_TABLE_REFERENCE
#define EN SETARA_QF_STATUS_ENDORSED
#define UR SETARA_QF_STATUS_UNDER_REVIEW
#define NO SETARA_QF_STATUS_NONE
#define RF SETARA_QF_STATUS_REFERENCE

static const struct fact {
	const char *ref;
	int min, max;
	setara_confidence conf;
	int indicative;
	setara_qf_status status;
	setara_qf_table table;   /* the level table's status */
	const char *report;      /* the report's own status */
} facts[] = {
	/* Malaysia: endorsed May 2019, 1:1 from the "good fit" (medium). */
	{ "my-mqf:1", 1, 1, M, 0, EN, A, "endorsed" },
	{ "my-mqf:4", 4, 4, M, 0, EN, A, "endorsed" },
	{ "my-mqf:6", 6, 6, M, 0, EN, A, "endorsed" },
	{ "my-mqf:8", 8, 8, M, 0, EN, A, "endorsed" },
	/* The Philippines: endorsed May 2019, 1:1 (medium). */
	{ "ph-pqf:1", 1, 1, M, 0, EN, A, "endorsed" },
	{ "ph-pqf:5", 5, 5, M, 0, EN, A, "endorsed" },
	{ "ph-pqf:6", 6, 6, M, 0, EN, A, "endorsed" },
	{ "ph-pqf:8", 8, 8, M, 0, EN, A, "endorsed" },
	/* Indonesia: endorsed (report cover and a 2025 MOET statement;
	 * no meeting or date), believed rows (low): 1-6 to 1-6, 7 and 8 to
	 * 7, 9 to 8. */
	{ "id-kkni:1", 1, 1, L, 0, EN, A, "endorsed" },
	{ "id-kkni:6", 6, 6, L, 0, EN, A, "endorsed" },
	{ "id-kkni:7", 7, 7, L, 0, EN, A, "endorsed" },
	{ "id-kkni:8", 7, 7, L, 0, EN, A, "endorsed" },
	{ "id-kkni:9", 8, 8, L, 0, EN, A, "endorsed" },
	/* Thailand: peer-reviewed, expected 1:1, indicative (low). */
	{ "th-nqf:1", 1, 1, L, 1, UR, A, "peer-reviewed" },
	{ "th-nqf:8", 8, 8, L, 1, UR, A, "peer-reviewed" },
	/* TQF:HEd, not referenced itself: inferred from types. */
	{ "th-tqf:1", 5, 5, L, 1, NO, A, "none" },
	{ "th-tqf:2", 6, 6, L, 1, NO, A, "none" },
	{ "th-tqf:3", 6, 7, L, 1, NO, A, "none" },
	{ "th-tqf:5", 7, 8, L, 1, NO, A, "none" },
	{ "th-tqf:6", 8, 8, L, 1, NO, A, "none" },
	/* Not referenced, 8 levels: indicative 1:1 (low). */
	{ "bn-bdqf:4", 4, 4, L, 1, NO, A, "none" },
	{ "kh-cqf:3", 3, 3, L, 1, NO, A, "none" },
	{ "mm-mnqf:8", 8, 8, L, 1, NO, A, "none" },
	/* Viet Nam: adopted 24 Oct 2025, table not read: assumed 1:1. */
	{ "vn-vqf:1", 1, 1, L, 0, EN, A, "endorsed" },
	{ "vn-vqf:6", 6, 6, L, 0, EN, A, "endorsed" },
	{ "vn-vqf:8", 8, 8, L, 0, EN, A, "endorsed" },
	/* Nothing known: no AQRF level at all. */
	{ "la-nvqf:1", 0, 0, U, 0, NO, A, "none" },
	{ "la-nvqf:5", 0, 0, U, 0, NO, A, "none" },
	{ "mm-nssa:4", 0, 0, U, 0, NO, A, "none" },
	{ "sg-wsq:1", 0, 0, U, 0, NO, A, "none" },
	{ "sg-wsq:7", 0, 0, U, 0, NO, A, "none" },
	/* No official AQRF-EQF comparison: same number, indicative. */
	{ "eqf:4", 4, 4, L, 1, NO, A, "none" },
	{ "eqf:8", 8, 8, L, 1, NO, A, "none" },
	/* The AQRF itself. */
	{ "aqrf:6", 6, 6, H, 0, RF, TR, "reference" },
	{ NULL, 0, 0, U, 0, NO, A, NULL }
};

START_TEST(test_qf_ref__aqrf_range_matches_the_facts)
{
	const struct fact *f;
	setara_confidence conf;
	int min, max, ind;

	for (f = facts; f->ref; f++) {
		ck_assert_msg(setara_qf__aqrf_range(st, f->ref, &min, &max,
			&conf, &ind) == 0, "%s: %s", f->ref,
			setara_error_last()->message);
		ck_assert_msg(min == f->min && max == f->max,
			"%s: aqrf %d..%d, expected %d..%d", f->ref, min, max,
			f->min, f->max);
		ck_assert_msg(conf == f->conf, "%s: confidence %s, expected "
			"%s", f->ref, setara_confidence_name(conf),
			setara_confidence_name(f->conf));
		ck_assert_msg(ind == f->indicative, "%s: indicative %d",
			f->ref, ind);
	}
}
END_TEST

/* Both facts of a referencing: the report's status and the table's. */
START_TEST(test_qf_ref__link_has_report_and_table_status)
{
	const struct fact *f;
	setara_qf__link l;

	for (f = facts; f->ref; f++) {
		ck_assert_int_eq(setara_qf__aqrf_link(st, f->ref, &l), 0);
		ck_assert_msg(l.table == f->table, "%s: table %s", f->ref,
			setara_qf_table_name(l.table));
		ck_assert_msg(strcmp(l.report, f->report) == 0,
			"%s: report %s, expected %s", f->ref, l.report,
			f->report);
		/* Nothing shipped is confirmed level by level: every
		 * decision on a national level is indicative. */
		ck_assert_int_eq(setara_qf__link_unconfirmed(&l),
			f->table != TR);
	}
	ck_assert_int_eq(setara_qf__aqrf_link(st, "vn-vqf:6", &l), 0);
	ck_assert_str_eq(l.meeting, "15th AQRF Committee meeting");
	ck_assert_int_eq(setara_qf__aqrf_link(st, "id-kkni:6", &l), 0);
	ck_assert_str_eq(l.meeting, "");
}
END_TEST

/* Viet Nam adopted on 24 Oct 2025; Indonesia's June 2020 is a submission
 * date, not an endorsement date. */
START_TEST(test_qf_framework__referencing_dates_and_meetings)
{
	static const struct {
		const char *fw, *status, *date, *meeting, *submitted;
	} t[] = {
		{ "vn-vqf", "endorsed", "2025-10-24",
		  "15th AQRF Committee meeting", NULL },
		{ "id-kkni", "endorsed", NULL, NULL, "2020-06" },
		{ "my-mqf", "endorsed", "2019-05",
		  "6th AQRF Committee meeting, Luang Prabang", NULL },
		{ "ph-pqf", "endorsed", "2019-05",
		  "6th AQRF Committee meeting", NULL },
		{ "th-nqf", "peer-reviewed", "2018-11",
		  "5th AQRF Committee meeting (formal review)", NULL },
		{ "sg-wsq", "none", NULL, NULL, NULL },
		{ NULL, NULL, NULL, NULL, NULL }
	};
	const setara_framework_referencing *r;
	setara_framework *fw;
	int i;

#define EQ_OPT(a, b) ck_assert_msg((a) == NULL ? (b) == NULL : \
	(b) != NULL && strcmp((a), (b)) == 0, "%s: %s, expected %s", \
	t[i].fw, (a) ? (a) : "NULL", (b) ? (b) : "NULL")
	for (i = 0; t[i].fw; i++) {
		ck_assert_int_eq(setara_framework_get(&fw, st, t[i].fw), 0);
		r = setara_framework_referencing_get(fw, 0);
		ck_assert_ptr_nonnull(r);
		EQ_OPT(r->status, t[i].status);
		EQ_OPT(r->date, t[i].date);
		EQ_OPT(r->meeting, t[i].meeting);
		EQ_OPT(r->submitted, t[i].submitted);
		ck_assert_str_eq(r->table, "assumed");
		setara_framework_free(fw);
	}
#undef EQ_OPT
}
END_TEST

/* The data report lists every unconfirmed level link, with its line. */
struct report_count { int links, vn, referencing, high; };

static int count_fact(const setara_data_fact *f, void *payload)
{
	struct report_count *c = payload;

	if (strcmp(f->kind, "level-link") == 0) {
		c->links++;
		if (strncmp(f->subject, "vn-vqf:", 7) == 0 && f->line > 0 &&
		    strcmp(f->flag, "table assumed") == 0)
			c->vn++;
	}
	c->referencing += strcmp(f->kind, "referencing") == 0;
	/* a high fact is listed only for its unconfirmed table */
	c->high += strcmp(f->confidence, "high") == 0 &&
		strcmp(f->kind, "level-link") != 0 &&
		strcmp(f->kind, "referencing") != 0;
	return 0;
}

START_TEST(test_qf_framework__data_report_lists_unconfirmed_links)
{
	struct report_count c = { 0, 0, 0, 0 };

	ck_assert_int_eq(setara_store_data_report(st, count_fact, &c), 0);
	/* 8 each for bn, kh, my, ph, th, vn, mm-mnqf, eqf; 9 id-kkni;
	 * 6 th-tqf: none is confirmed from a report's table */
	ck_assert_int_eq(c.links, 8 * 8 + 9 + 6);
	ck_assert_int_eq(c.vn, 8);
	ck_assert_int_eq(c.referencing, 13);
	ck_assert_int_eq(c.high, 0);
}
END_TEST

START_TEST(test_qf_level__map_status_matches_the_facts)
{
	const struct fact *f;
	setara_qf_map *m;

	for (f = facts; f->ref; f++) {
		ck_assert_int_eq(setara_qf_level_map(&m, st, f->ref, NULL), 0);
		ck_assert_msg(setara_qf_map_status(m) == f->status,
			"%s: status %s", f->ref, setara_qf_status_name(
			setara_qf_map_status(m)));
		ck_assert_uint_eq(setara_qf_map_count(m),
			f->min ? (size_t)(f->max - f->min + 1) : 0);
		ck_assert_int_eq(setara_qf_map_indicative(m), f->indicative);
		ck_assert_msg(setara_qf_map_table(m) == f->table,
			"%s: table %s", f->ref, setara_qf_table_name(
			setara_qf_map_table(m)));
		setara_qf_map_free(m);
	}
}
END_TEST

/* Every level of every framework: a level count, and maps that agree. */
START_TEST(test_qf_ref__every_level_of_every_framework)
{
	static const struct { const char *fw; int levels; int mapped; } t[] = {
		{ "aqrf", 8, 8 }, { "eqf", 8, 8 }, { "bn-bdqf", 8, 8 },
		{ "kh-cqf", 8, 8 }, { "id-kkni", 9, 9 }, { "my-mqf", 8, 8 },
		{ "ph-pqf", 8, 8 }, { "th-nqf", 8, 8 }, { "th-tqf", 6, 6 },
		{ "vn-vqf", 8, 8 }, { "sg-wsq", 7, 0 }, { "la-nvqf", 5, 0 },
		{ "mm-mnqf", 8, 8 }, { "mm-nssa", 4, 0 }, { NULL, 0, 0 }
	};
	char ref[64];
	int i, n, nlevels, min, max, mapped, prev;

	for (i = 0; t[i].fw; i++) {
		ck_assert_int_eq(setara_qf__check_level(st, t[i].fw, 0,
			&nlevels), 0);
		ck_assert_msg(nlevels == t[i].levels, "%s: %d levels",
			t[i].fw, nlevels);
		mapped = 0;
		prev = 0;
		for (n = 1; n <= nlevels; n++) {
			snprintf(ref, sizeof(ref), "%s:%d", t[i].fw, n);
			ck_assert_int_eq(setara_qf__aqrf_range(st, ref, &min,
				&max, NULL, NULL), 0);
			if (min) {
				mapped++;
				/* Higher national levels never map lower. */
				ck_assert_msg(min >= prev, "%s goes down", ref);
				prev = min;
				ck_assert_int_ge(min, 1);
				ck_assert_int_le(max, 8);
			}
		}
		ck_assert_msg(mapped == t[i].mapped, "%s: %d levels mapped",
			t[i].fw, mapped);
		snprintf(ref, sizeof(ref), "%s:%d", t[i].fw, nlevels + 1);
		ck_assert_int_eq(setara_qf__aqrf_range(st, ref, &min, &max,
			NULL, NULL), SETARA_ENOTFOUND);
	}
}
END_TEST

START_TEST(test_qf_ref__malformed_references)
{
	static const char *const bad[] = {
		"ph-pqf", ":6", "ph-pqf:", "ph-pqf:0", "ph-pqf:x",
		"PH-PQF:6", "ph-pqf:6:1", "ph pqf:6", "ph-pqf:-1", "", NULL
	};
	int i, min, max;

	for (i = 0; bad[i]; i++) {
		ck_assert_msg(setara_qf__aqrf_range(st, bad[i], &min, &max,
			NULL, NULL) == SETARA_EINVALID, "'%s' accepted",
			bad[i]);
		ck_assert_ptr_nonnull(strstr(setara_error_last()->message,
			"FRAMEWORK:LEVEL"));
	}
}
END_TEST

START_TEST(test_qf_ref__unknown_framework_lists_valid_ones)
{
	const setara_error *e;
	int min, max;

	ck_assert_int_eq(setara_qf__aqrf_range(st, "pqf:6", &min, &max, NULL,
		NULL), SETARA_ENOTFOUND);
	e = setara_error_last();
	ck_assert_ptr_nonnull(strstr(e->message, "'pqf'"));
	ck_assert_ptr_nonnull(strstr(e->message, "ph-pqf"));
	ck_assert_ptr_nonnull(strstr(e->message, "my-mqf"));
	ck_assert_ptr_nonnull(strstr(e->message, "aqrf"));
}
END_TEST

START_TEST(test_qf_ref__unknown_level_lists_valid_ones)
{
	const setara_error *e;
	int min, max;

	ck_assert_int_eq(setara_qf__aqrf_range(st, "id-kkni:10", &min, &max,
		NULL, NULL), SETARA_ENOTFOUND);
	e = setara_error_last();
	ck_assert_ptr_nonnull(strstr(e->message, "no level 10"));
	ck_assert_ptr_nonnull(strstr(e->message, "id-kkni:1 to id-kkni:9"));
	ck_assert_int_eq(min, 0);
	ck_assert_int_eq(max, 0);
}
END_TEST

/* ---- level map -------------------------------------------------------- */

START_TEST(test_qf_level__map_to_aqrf_has_trace)
{
	setara_qf_map *m;
	const setara_qf_step *s;

	ck_assert_int_eq(setara_qf_level_map(&m, st, "ph-pqf:6", NULL), 0);
	ck_assert_str_eq(setara_qf_map_from(m), "ph-pqf:6");
	ck_assert_str_eq(setara_qf_map_target(m), "aqrf");
	ck_assert_uint_eq(setara_qf_map_count(m), 1);
	ck_assert_str_eq(setara_qf_map_level(m, 0), "aqrf:6");
	ck_assert_int_eq(setara_qf_map_confidence(m),
		SETARA_CONFIDENCE_MEDIUM);
	ck_assert_uint_eq(setara_qf_map_trace_count(m), 1);
	s = setara_qf_map_trace(m, 0);
	ck_assert_str_eq(s->file, "frameworks/ph-pqf.xml");
	ck_assert_int_gt(s->line, 1);
	ck_assert_str_eq(s->mapping, "ph-pqf:6 -> aqrf:6");
	ck_assert_str_eq(s->status, "endorsed");
	ck_assert_str_eq(s->date, "2019-05");
	ck_assert_str_eq(s->edition, "2012");
	ck_assert_str_eq(s->confidence, "medium");
	ck_assert_int_eq(s->indicative, 0);
	ck_assert_ptr_nonnull(strstr(s->source_text, "tesda.gov.ph"));
	ck_assert_ptr_null(setara_qf_map_trace(m, 1));
	ck_assert_ptr_null(setara_qf_map_level(m, 1));
	setara_qf_map_free(m);
}
END_TEST

/* @ref mapped to @to (NULL: the AQRF): it succeeds with @count levels. */
static setara_qf_map *mapped(const char *ref, const char *to, size_t count)
{
	setara_qf_map *m = NULL;

	ck_assert_int_eq(setara_qf_level_map(&m, st, ref, to), 0);
	ck_assert_uint_eq(setara_qf_map_count(m), count);
	return m;
}

START_TEST(test_qf_level__map_to_another_framework)
{
	setara_qf_map *m;

	/* PQF 6 (bachelor) is comparable to MQF 6, through AQRF 6. */
	m = mapped("ph-pqf:6", "my-mqf", 1);
	ck_assert_str_eq(setara_qf_map_level(m, 0), "my-mqf:6");
	ck_assert_int_eq(setara_qf_map_status(m), SETARA_QF_STATUS_ENDORSED);
	ck_assert_int_eq(setara_qf_map_confidence(m),
		SETARA_CONFIDENCE_MEDIUM);
	ck_assert_uint_eq(setara_qf_map_trace_count(m), 2);
	ck_assert_str_eq(setara_qf_map_trace(m, 1)->file,
		"frameworks/my-mqf.xml");
	setara_qf_map_free(m);

	/* ... and to KKNI 6, at Indonesia's low confidence. */
	m = mapped("ph-pqf:6", "id-kkni", 1);
	ck_assert_str_eq(setara_qf_map_level(m, 0), "id-kkni:6");
	ck_assert_int_eq(setara_qf_map_confidence(m), SETARA_CONFIDENCE_LOW);
	setara_qf_map_free(m);

	/* PQF 7 (master) meets both KKNI 7 and KKNI 8 at AQRF 7. */
	m = mapped("ph-pqf:7", "id-kkni", 2);
	ck_assert_str_eq(setara_qf_map_level(m, 0), "id-kkni:7");
	ck_assert_str_eq(setara_qf_map_level(m, 1), "id-kkni:8");
	ck_assert_ptr_nonnull(strstr(setara_qf_map_note(m), "2 levels"));
	setara_qf_map_free(m);

	/* KKNI 9 (doctor) to the PQF: level 8. */
	m = mapped("id-kkni:9", "ph-pqf", 1);
	ck_assert_str_eq(setara_qf_map_level(m, 0), "ph-pqf:8");
	setara_qf_map_free(m);
}
END_TEST

START_TEST(test_qf_level__map_to_eqf_is_indicative)
{
	setara_qf_map *m;

	/* What the ELMO export needs: an EQF level, said to be indicative. */
	m = mapped("ph-pqf:6", "eqf", 1);
	ck_assert_str_eq(setara_qf_map_level(m, 0), "eqf:6");
	ck_assert_int_eq(setara_qf_map_indicative(m), 1);
	ck_assert_int_eq(setara_qf_map_confidence(m), SETARA_CONFIDENCE_LOW);
	ck_assert_int_eq(setara_qf_map_status(m), SETARA_QF_STATUS_NONE);
	ck_assert_ptr_nonnull(strstr(setara_qf_map_note(m), "indicative"));
	setara_qf_map_free(m);

	ck_assert_int_eq(setara_qf_level_map(&m, st, "aqrf:3", "eqf"), 0);
	ck_assert_str_eq(setara_qf_map_level(m, 0), "eqf:3");
	ck_assert_int_eq(setara_qf_map_indicative(m), 1);
	setara_qf_map_free(m);
}
END_TEST

START_TEST(test_qf_level__several_aqrf_levels_said)
{
	setara_qf_map *m;

	m = mapped("th-tqf:3", NULL, 2);
	ck_assert_str_eq(setara_qf_map_level(m, 0), "aqrf:6");
	ck_assert_str_eq(setara_qf_map_level(m, 1), "aqrf:7");
	ck_assert_ptr_nonnull(strstr(setara_qf_map_note(m),
		"several AQRF levels"));
	ck_assert_str_eq(setara_qf_map_trace(m, 0)->mapping,
		"th-tqf:3 -> aqrf:6..aqrf:7");
	setara_qf_map_free(m);
}
END_TEST

START_TEST(test_qf_level__no_aqrf_level_is_an_answer)
{
	setara_qf_map *m;
	int min, max;

	m = mapped("sg-wsq:3", NULL, 0);
	setara_qf_map_aqrf(m, &min, &max);
	ck_assert_int_eq(min, 0);
	ck_assert_int_eq(max, 0);
	ck_assert_int_eq(setara_qf_map_confidence(m),
		SETARA_CONFIDENCE_UNKNOWN);
	ck_assert_ptr_nonnull(strstr(setara_qf_map_note(m),
		"no AQRF level is known for sg-wsq:3"));
	setara_qf_map_free(m);

	m = mapped("ph-pqf:4", "mm-nssa", 0);
	ck_assert_ptr_nonnull(strstr(setara_qf_map_note(m),
		"mm-nssa has no known AQRF levels"));
	setara_qf_map_free(m);
}
END_TEST

START_TEST(test_qf_level__map_errors)
{
	setara_qf_map *m = (setara_qf_map *)1;

	ck_assert_int_eq(setara_qf_level_map(&m, st, "ph-pqf:6", "xx-yy"),
		SETARA_ENOTFOUND);
	ck_assert_ptr_null(m);
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message,
		"'xx-yy'"));
	ck_assert_int_eq(setara_qf_level_map(&m, st, "ph-pqf6", NULL),
		SETARA_EINVALID);
	ck_assert_int_eq(setara_qf_level_map(&m, st, "ph-pqf:9", NULL),
		SETARA_ENOTFOUND);
	setara_qf_map_free(NULL);
}
END_TEST

/* ---- compare ---------------------------------------------------------- */

START_TEST(test_qf_level__compare)
{
	setara_qf_comparison *c;

	ck_assert_int_eq(setara_qf_level_compare(&c, st, "ph-pqf:6",
		"my-mqf:6"), 0);
	ck_assert_int_eq(setara_qf_comparison_result(c), SETARA_QF_COMPARABLE);
	ck_assert_int_eq(setara_qf_comparison_distance(c), 0);
	ck_assert_int_eq(setara_qf_comparison_confidence(c),
		SETARA_CONFIDENCE_MEDIUM);
	ck_assert_int_eq(setara_qf_comparison_indicative(c), 0);
	setara_qf_comparison_free(c);

	ck_assert_int_eq(setara_qf_level_compare(&c, st, "ph-pqf:6",
		"my-mqf:4"), 0);
	ck_assert_int_eq(setara_qf_comparison_result(c),
		SETARA_QF_NOT_COMPARABLE);
	ck_assert_int_eq(setara_qf_comparison_distance(c), -2);
	setara_qf_comparison_free(c);

	ck_assert_int_eq(setara_qf_level_compare(&c, st, "my-mqf:4",
		"ph-pqf:6"), 0);
	ck_assert_int_eq(setara_qf_comparison_distance(c), 2);
	setara_qf_comparison_free(c);

	/* The weaker confidence: Indonesia's low. */
	ck_assert_int_eq(setara_qf_level_compare(&c, st, "id-kkni:8",
		"ph-pqf:7"), 0);
	ck_assert_int_eq(setara_qf_comparison_result(c), SETARA_QF_COMPARABLE);
	ck_assert_int_eq(setara_qf_comparison_confidence(c),
		SETARA_CONFIDENCE_LOW);
	setara_qf_comparison_free(c);

	/* Ranges overlap: TQF:HEd 3 (AQRF 6-7) and MQF 7. */
	ck_assert_int_eq(setara_qf_level_compare(&c, st, "th-tqf:3",
		"my-mqf:7"), 0);
	ck_assert_int_eq(setara_qf_comparison_result(c), SETARA_QF_COMPARABLE);
	ck_assert_int_eq(setara_qf_comparison_indicative(c), 1);
	ck_assert_uint_eq(setara_qf_map_trace_count(
		setara_qf_comparison_side(c, 0)), 1);
	ck_assert_ptr_null(setara_qf_comparison_side(c, 2));
	setara_qf_comparison_free(c);

	/* Nothing known for one side. */
	ck_assert_int_eq(setara_qf_level_compare(&c, st, "sg-wsq:1",
		"ph-pqf:1"), 0);
	ck_assert_int_eq(setara_qf_comparison_result(c), SETARA_QF_UNKNOWN);
	setara_qf_comparison_free(c);

	ck_assert_int_eq(setara_qf_level_compare(&c, st, "ph-pqf:1",
		"nope:1"), SETARA_ENOTFOUND);
	ck_assert_ptr_null(c);
	setara_qf_comparison_free(NULL);
}
END_TEST

/* ---- frameworks ------------------------------------------------------- */

START_TEST(test_qf_framework__pqf_editions)
{
	setara_framework *fw;
	const setara_framework_entry *e;
	const setara_framework_item *ed;
	const setara_framework_referencing *r;
	size_t i;
	int jhs = 0, shs = 0;

	ck_assert_int_eq(setara_framework_get(&fw, st, "ph-pqf"), 0);
	ck_assert_int_eq(setara_framework_about(fw)->levels, 8);
	ck_assert_str_eq(setara_framework_about(fw)->country, "PH");
	ck_assert_uint_eq(setara_framework_edition_count(fw), 2);
	ed = setara_framework_edition(fw, 1);
	ck_assert_str_eq(ed->id, "2023");
	ck_assert_str_eq(ed->date, "2023-11-17");
	ck_assert_ptr_nonnull(strstr(ed->text, "2023-05"));
	/* Res. 2023-05: JHS at L1, SHS at L2, from the 2023 edition. */
	for (i = 0; (e = setara_framework_qualification(fw, i)); i++) {
		if (strstr(e->text, "Junior High School")) {
			jhs = e->level;
			ck_assert_str_eq(e->from, "2023");
			ck_assert_str_eq(e->kind, "general");
		}
		if (strstr(e->text, "Senior High School")) {
			shs = e->level;
			ck_assert_str_eq(e->from, "2023");
		}
	}
	ck_assert_int_eq(jhs, 1);
	ck_assert_int_eq(shs, 2);
	/* A level-qualification change, not a referencing change. */
	ck_assert_uint_eq(setara_framework_referencing_count(fw), 1);
	r = setara_framework_referencing_get(fw, 0);
	ck_assert_str_eq(r->edition, "2012");
	ck_assert_str_eq(r->status, "endorsed");
	ck_assert_int_eq(r->maps, 8);
	ck_assert_int_eq(setara_framework_level_get(fw, 6)->aqrf_min, 6);
	ck_assert_ptr_null(setara_framework_level_get(fw, 9));
	setara_framework_free(fw);
}
END_TEST

START_TEST(test_qf_framework__aqrf_descriptors_both_domains)
{
	setara_framework *fw;
	const setara_framework_entry *e;
	size_t i;
	int ks = 0, ar = 0;

	ck_assert_int_eq(setara_framework_get(&fw, st, "aqrf"), 0);
	for (i = 0; (e = setara_framework_descriptor(fw, i)); i++) {
		if (strcmp(e->kind, "knowledge-and-skills") == 0)
			ks++;
		if (strcmp(e->kind, "application-and-responsibility") == 0)
			ar++;
	}
	ck_assert_int_eq(ks, 8);
	ck_assert_int_eq(ar, 8);
	ck_assert_str_eq(setara_framework_about(fw)->aqrf_status,
		"reference");
	setara_framework_free(fw);
	ck_assert_int_eq(setara_framework_get(&fw, st, "mqf"),
		SETARA_ENOTFOUND);
	ck_assert_ptr_null(fw);
}
END_TEST

static int count_cb(const setara_framework_info *f, void *payload)
{
	int *n = payload;

	if (*n == 0)
		ck_assert_str_eq(f->id, "aqrf");
	if (*n == 1)
		ck_assert_str_eq(f->id, "eqf");
	ck_assert_ptr_nonnull(f->file);
	(*n)++;
	return 0;
}

static int stop_cb(const setara_framework_info *f, void *payload)
{
	(void)f;
	(void)payload;
	return 42;
}

START_TEST(test_qf_framework__list)
{
	int n = 0;

	ck_assert_int_eq(setara_qf_frameworks(st, count_cb, &n), 0);
	ck_assert_int_eq(n, 14);
	ck_assert_int_eq(setara_qf_frameworks(st, stop_cb, NULL), 42);
}
END_TEST

/* The ten member states each have at least one framework file. */
START_TEST(test_qf_framework__ten_member_states)
{
	static const char *const cc[] = {
		"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN", NULL
	};
	static const char *const ids[] = {
		"bn-bdqf", "kh-cqf", "id-kkni", "la-nvqf", "my-mqf",
		"mm-mnqf", "ph-pqf", "sg-wsq", "th-nqf", "vn-vqf", NULL
	};
	setara_framework *fw;
	int i;

	for (i = 0; cc[i]; i++) {
		ck_assert_int_eq(setara_framework_get(&fw, st, ids[i]), 0);
		ck_assert_str_eq(setara_framework_about(fw)->country, cc[i]);
		ck_assert_uint_ge(setara_framework_source_count(fw), 1);
		ck_assert_uint_eq(setara_framework_referencing_count(fw), 1);
		setara_framework_free(fw);
	}
}
END_TEST

static Suite *qf_suite(void)
{
	const test_def tests[] = {
		{ "ref", test_qf_ref__aqrf_range_matches_the_facts },
		{ "ref", test_qf_ref__every_level_of_every_framework },
		{ "ref", test_qf_ref__malformed_references },
		{ "ref", test_qf_ref__unknown_framework_lists_valid_ones },
		{ "ref", test_qf_ref__unknown_level_lists_valid_ones },
		{ "ref", test_qf_ref__link_has_report_and_table_status },
		{ "level", test_qf_level__map_status_matches_the_facts },
		{ "level", test_qf_level__map_to_aqrf_has_trace },
		{ "level", test_qf_level__map_to_another_framework },
		{ "level", test_qf_level__map_to_eqf_is_indicative },
		{ "level", test_qf_level__several_aqrf_levels_said },
		{ "level", test_qf_level__no_aqrf_level_is_an_answer },
		{ "level", test_qf_level__map_errors },
		{ "level", test_qf_level__compare },
		{ "framework", test_qf_framework__pqf_editions },
		{ "framework",
		  test_qf_framework__aqrf_descriptors_both_domains },
		{ "framework", test_qf_framework__list },
		{ "framework", test_qf_framework__ten_member_states },
		{ "framework",
		  test_qf_framework__referencing_dates_and_meetings },
		{ "framework",
		  test_qf_framework__data_report_lists_unconfirmed_links },
	};
	const test_case_opts opts[] = {
		{ "*", 0, setup_once, teardown_once, setup, teardown },
	};

	return TEST_SUITE("qf", tests, opts);
}

SETARA_CHECK_MAIN(qf_suite)
