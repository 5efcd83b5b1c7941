/*
 * Unit tests of src/mrs: the engine on constructed standards and tables
 * (level step, unit coverage, outcome), the loader of
 * mappings/occupations on the shipped data and on broken files, reading
 * a credential, and the decision's renderings.
 */
#include <sys/stat.h>
#include <libxml/parser.h>

#include "check_common.h"
#include "mrs/mrs_int.h"

/* ---- constructed inputs ------------------------------------------------ */

#define U(code, title) { (char *)(code), (char *)(title), NULL, 1, 0, \
	SETARA_CONFIDENCE_HIGH }

static setara_mrs__unit host_units[] = {
	U("TH-BRICK", "Bricklaying level 1"),
	U("TH-PLASTER", "Plastering level 1"),
};
static setara_mrs__unit home_units[] = {
	U("PH-BASIC", "Participate in workplace communication"),
	U("PH-LAY", "Lay brick/block for structure"),
	U("PH-PLASTER", "Plaster wall surface"),
	U("PH-BASICWORK", "Perform basic masonry works"),
};
static setara_mrs__unit bench_units[] = {
	U("R-BRICK", "Bricklaying"),
	U("R-PLASTER", "Plastering"),
};

static setara_mrs__standard mkstd(const char *id, const char *scope,
	setara_mrs__unit *units, size_t n, int req)
{
	setara_mrs__standard s;

	memset(&s, 0, sizeof(s));
	s.id = (char *)id;
	s.scope = (char *)scope;
	s.title = (char *)id;
	s.units = units;
	s.nunits = n;
	s.req_aqrf = req;
	s.req_conf = SETARA_CONFIDENCE_MEDIUM;
	return s;
}

#define M(f, t, cov, conf) { (char *)(f), (char *)(t), \
	SETARA_MRS_COV_##cov, SETARA_CONFIDENCE_##conf }

static setara_mrs__map home_maps[] = {
	M("PH-LAY", "R-BRICK", FULL, LOW),
	M("PH-PLASTER", "R-PLASTER", FULL, MEDIUM),
	M("PH-BASICWORK", "R-BRICK", PARTIAL, LOW),
};
static setara_mrs__map host_maps[] = {
	M("TH-BRICK", "R-BRICK", FULL, LOW),
	M("TH-PLASTER", "R-PLASTER", FULL, MEDIUM),
};

static setara_mrs__table tables[] = {
	{ (char *)"home.r", (char *)"home", (char *)"bench",
	  (char *)"sample", SETARA_CONFIDENCE_MEDIUM, NULL, "", home_maps,
	  3 },
	{ (char *)"host.r", (char *)"host", (char *)"bench",
	  (char *)"sample", SETARA_CONFIDENCE_MEDIUM, NULL, "", host_maps,
	  2 },
};

static setara_mrs__standard host, home, bench;

static void setup(void)
{
	host = mkstd("host", "national", host_units, 2, 2);
	home = mkstd("home", "national", home_units, 4, 2);
	bench = mkstd("bench", "regional", bench_units, 2, 0);
}

/* The coverage an engine test checks: made by cover(), disposed after
 * the test. */
static setara_mrs__coverage covered;

/* The coverage of @host_std's units by @home_std's units @codes (@n of
 * them) through the constructed tables, into covered. */
static void cover(const setara_mrs__standard *host_std,
	const setara_mrs__standard *home_std, const char *const *codes,
	size_t n)
{
	ck_assert_int_eq(setara_mrs__cover(&covered, host_std, home_std, tables,
		2, codes, n), 0);
}

static void teardown(void)
{
	setara_mrs__coverage_dispose(&covered);
}

/* ---- engine: coverage -------------------------------------------------- */

START_TEST(test_mrs_engine__full_through_benchmark)
{
	const char *codes[] = { "PH-BASIC", "PH-LAY", "PH-PLASTER" };

	cover(&host, &home, codes, 3);
	ck_assert_int_eq(covered.overall, SETARA_MRS_COV_FULL);
	ck_assert_uint_eq(covered.required, 2);
	ck_assert_uint_eq(covered.full, 2);
	/* The weakest link decides: a low map in the bricklaying path. */
	ck_assert_int_eq(covered.conf, SETARA_CONFIDENCE_LOW);
	ck_assert_int_eq(covered.units[1].conf, SETARA_CONFIDENCE_MEDIUM);
	ck_assert_ptr_nonnull(strstr(covered.units[0].basis, "PH-LAY"));
	ck_assert_ptr_nonnull(strstr(covered.units[0].basis, "host.r"));
	ck_assert_ptr_null(covered.units[0].close);
}
END_TEST

START_TEST(test_mrs_engine__partial_names_missing_and_closers)
{
	const char *codes[] = { "PH-BASIC", "PH-LAY" };

	cover(&host, &home, codes, 2);
	ck_assert_int_eq(covered.overall, SETARA_MRS_COV_PARTIAL);
	ck_assert_uint_eq(covered.full, 1);
	ck_assert_uint_eq(covered.missing, 1);
	ck_assert_int_eq(covered.units[1].status, SETARA_MRS_COV_NONE);
	/* What would close the gap: the host unit, or the home unit that
	 * maps fully to the same benchmark unit. */
	ck_assert_ptr_nonnull(covered.units[1].close);
	ck_assert_ptr_nonnull(strstr(covered.units[1].close, "TH-PLASTER"));
	ck_assert_ptr_nonnull(strstr(covered.units[1].close, "PH-PLASTER"));
}
END_TEST

START_TEST(test_mrs_engine__overlap_is_partial)
{
	const char *codes[] = { "PH-BASICWORK", "PH-PLASTER" };

	cover(&host, &home, codes, 2);
	ck_assert_int_eq(covered.units[0].status, SETARA_MRS_COV_PARTIAL);
	ck_assert_int_eq(covered.units[1].status, SETARA_MRS_COV_FULL);
	ck_assert_int_eq(covered.overall, SETARA_MRS_COV_PARTIAL);
	ck_assert_ptr_nonnull(strstr(covered.units[0].close, "PH-LAY"));
}
END_TEST

START_TEST(test_mrs_engine__unknown_home_counts_same_codes_only)
{
	const char *codes[] = { "PH-LAY", "TH-PLASTER" };

	cover(&host, NULL, codes, 2);
	ck_assert_int_eq(covered.units[0].status, SETARA_MRS_COV_NONE);
	ck_assert_ptr_nonnull(strstr(covered.units[0].basis, "not in the "
		"reference data"));
	ck_assert_int_eq(covered.units[1].status, SETARA_MRS_COV_FULL);
	ck_assert_int_eq(covered.units[1].conf, SETARA_CONFIDENCE_HIGH);
	ck_assert_int_eq(covered.overall, SETARA_MRS_COV_PARTIAL);
}
END_TEST

START_TEST(test_mrs_engine__no_units_is_none)
{
	const char *codes[] = { "PH-BASIC" };

	cover(&host, &home, codes, 1);
	ck_assert_int_eq(covered.overall, SETARA_MRS_COV_NONE);
	ck_assert_uint_eq(covered.missing, 2);
}
END_TEST

START_TEST(test_mrs_engine__regional_host_and_bilateral_table)
{
	static setara_mrs__map bi_maps[] = {
		M("PH-PLASTER", "TH-PLASTER", FULL, HIGH),
	};
	setara_mrs__table t[3];
	const char *codes[] = { "PH-LAY", "PH-PLASTER" };

	/* A regional benchmark as the occupation itself. */
	cover(&bench, &home, codes, 2);
	ck_assert_int_eq(covered.overall, SETARA_MRS_COV_FULL);
	setara_mrs__coverage_dispose(&covered);
	/* A bilateral table wins over a weaker benchmark path. */
	t[0] = tables[0];
	t[1] = tables[1];
	t[2] = tables[1];
	t[2].id = (char *)"home.host";
	t[2].from = (char *)"home";
	t[2].to = (char *)"host";
	t[2].conf = SETARA_CONFIDENCE_HIGH;
	t[2].maps = bi_maps;
	t[2].nmaps = 1;
	ck_assert_int_eq(setara_mrs__cover(&covered, &host, &home, t, 3,
		codes, 2), 0);
	ck_assert_int_eq(covered.units[1].conf, SETARA_CONFIDENCE_HIGH);
	ck_assert_ptr_nonnull(strstr(covered.units[1].basis, "home.host"));
}
END_TEST

START_TEST(test_mrs_engine__electives_are_not_required)
{
	setara_mrs__unit units[2] = { U("TH-BRICK", "Bricklaying"),
		U("TH-TILE", "Tiling") };
	setara_mrs__standard h;
	const char *codes[] = { "PH-LAY" };

	units[1].required = 0;
	h = mkstd("host", "national", units, 2, 2);
	cover(&h, &home, codes, 1);
	ck_assert_uint_eq(covered.required, 1);
	ck_assert_int_eq(covered.overall, SETARA_MRS_COV_FULL);
}
END_TEST

/* ---- engine: level, dates, outcome ------------------------------------- */

static setara_mrs__level lvl(int min, int max, int req, int indicative)
{
	setara_mrs__level l;

	memset(&l, 0, sizeof(l));
	l.ref = "ph-pqf:2";
	l.found = 1;
	l.min = min;
	l.max = max;
	l.required = req;
	l.indicative = indicative;
	l.conf = SETARA_CONFIDENCE_MEDIUM;
	setara_mrs__level_decide(&l);
	return l;
}

START_TEST(test_mrs_engine__level_step)
{
	setara_mrs__level l;

	ck_assert_int_eq(lvl(2, 2, 2, 0).result, SETARA_MRS_LEVEL_MET);
	ck_assert_int_eq(lvl(3, 3, 2, 0).result, SETARA_MRS_LEVEL_MET);
	ck_assert_int_eq(lvl(1, 1, 2, 0).result, SETARA_MRS_LEVEL_TOO_LOW);
	ck_assert_int_eq(lvl(1, 2, 2, 0).result, SETARA_MRS_LEVEL_UNCERTAIN);
	ck_assert_int_eq(lvl(0, 0, 2, 0).result, SETARA_MRS_LEVEL_UNKNOWN);
	l = lvl(2, 2, 2, 0);
	l.found = 0;
	setara_mrs__level_decide(&l);
	ck_assert_int_eq(l.result, SETARA_MRS_LEVEL_UNKNOWN);
}
END_TEST

START_TEST(test_mrs_engine__dates)
{
	setara_mrs__dates d;

	memset(&d, 0, sizeof(d));
	d.valid_from = 1000;
	d.valid_until = 2000;
	d.has_valid_until = 1;
	d.at = 1500;
	setara_mrs__dates_decide(&d);
	ck_assert(!d.expired && !d.not_yet_valid);
	d.at = 2001;
	setara_mrs__dates_decide(&d);
	ck_assert(d.expired);
	d.at = 999;
	setara_mrs__dates_decide(&d);
	ck_assert(d.not_yet_valid);
	d.has_valid_until = 0;
	d.at = 999999;
	setara_mrs__dates_decide(&d);
	ck_assert(!d.expired);
}
END_TEST

static setara_mrs__coverage cov_of(int overall)
{
	setara_mrs__coverage c;

	memset(&c, 0, sizeof(c));
	c.overall = overall;
	return c;
}

static int has_reason(const setara_mrs__outcome *o, setara_mrs_reason r)
{
	size_t i;

	for (i = 0; i < o->nreasons; i++)
		if (o->reasons[i] == r)
			return 1;
	return 0;
}

/* The credential's check results, as setara_mrs__verified lists them. */
#define VALID { SETARA_MRS_CREDENTIAL_VALID, 0, 0, 0, 0, 1 }
#define INVALID(issuer, validity, other, readable) \
	{ SETARA_MRS_CREDENTIAL_INVALID, issuer, validity, other, 0, readable }
#define NOT_CHECKED(result) { SETARA_MRS_CREDENTIAL_##result, 0, 0, 0, 1, 1 }

enum { NO_DATES, OPEN_DATES, EXPIRED };

/*
 * An outcome from its inputs: the credential @v; its dates (none, open,
 * or expired at the time asked); the level @level (min, max, required,
 * indicative: lvl(); min -1: none) and the coverage @cov (-1: none).
 * Expected: @outcome, @nreasons reasons, @first of them, one @has and
 * not @lacks (-1, 0: not asked).
 */
static const struct decision {
	const char *name;
	setara_mrs__verified v;
	int dates;
	int level[4];
	int cov;
	int outcome;
	size_t nreasons;
	int first, has, lacks;
} decisions[] = {
	{ "recognised", VALID, OPEN_DATES, { 2, 2, 2, 0 },
	  SETARA_MRS_COV_FULL, SETARA_MRS_RECOGNISED, 1,
	  SETARA_MRS_REASON_RECOGNISED, -1, -1 },
	{ "units partly covered", VALID, OPEN_DATES, { 2, 2, 2, 0 },
	  SETARA_MRS_COV_PARTIAL, SETARA_MRS_PARTLY_RECOGNISED, 0, -1,
	  SETARA_MRS_REASON_PARTIAL_UNITS_MISSING,
	  SETARA_MRS_REASON_RECOGNISED },
	{ "no unit covered", VALID, OPEN_DATES, { 2, 2, 2, 0 },
	  SETARA_MRS_COV_NONE, SETARA_MRS_NOT_RECOGNISED, 0, -1,
	  SETARA_MRS_REASON_COMPARABLE_LEVEL_ONLY, -1 },
	{ "level too low", VALID, OPEN_DATES, { 1, 1, 2, 0 },
	  SETARA_MRS_COV_FULL, SETARA_MRS_NOT_RECOGNISED, 0,
	  SETARA_MRS_REASON_LEVEL_TOO_LOW, -1, -1 },
	{ "level too low, no unit covered", VALID, OPEN_DATES,
	  { 1, 1, 2, 0 }, SETARA_MRS_COV_NONE, -1, 0, -1,
	  SETARA_MRS_REASON_NO_UNITS_COVERED,
	  SETARA_MRS_REASON_COMPARABLE_LEVEL_ONLY },
	{ "level uncertain", VALID, OPEN_DATES, { 1, 3, 2, 0 },
	  SETARA_MRS_COV_FULL, SETARA_MRS_PARTLY_RECOGNISED, 0, -1,
	  SETARA_MRS_REASON_LEVEL_UNCERTAIN, -1 },
	/* An unreferenced framework caps the outcome at partly. */
	{ "indicative level", VALID, NO_DATES, { 2, 2, 2, 1 },
	  SETARA_MRS_COV_FULL, SETARA_MRS_PARTLY_RECOGNISED, 0, -1,
	  SETARA_MRS_REASON_UNREFERENCED_FRAMEWORK, -1 },
	{ "no level", VALID, NO_DATES, { 0, 0, 2, 0 },
	  SETARA_MRS_COV_FULL, SETARA_MRS_PARTLY_RECOGNISED, 0, -1,
	  SETARA_MRS_REASON_UNREFERENCED_FRAMEWORK, -1 },
	/* An invalid credential is never recognised. */
	{ "issuer check failed", INVALID(1, 0, 0, 1), OPEN_DATES,
	  { 2, 2, 2, 0 }, SETARA_MRS_COV_FULL, SETARA_MRS_NOT_RECOGNISED, 0,
	  SETARA_MRS_REASON_ISSUER_NOT_ACCREDITED, -1,
	  SETARA_MRS_REASON_INVALID_CREDENTIAL },
	{ "another check failed", INVALID(0, 0, 1, 1), OPEN_DATES,
	  { 2, 2, 2, 0 }, SETARA_MRS_COV_FULL, -1, 0,
	  SETARA_MRS_REASON_INVALID_CREDENTIAL, -1, -1 },
	/* The validity check failed on an expired credential. */
	{ "expired", INVALID(0, 1, 0, 1), EXPIRED, { 2, 2, 2, 0 },
	  SETARA_MRS_COV_FULL, SETARA_MRS_NOT_RECOGNISED, 0,
	  SETARA_MRS_REASON_EXPIRED, -1,
	  SETARA_MRS_REASON_INVALID_CREDENTIAL },
	/* Unreadable content: on the verdict alone. */
	{ "unreadable", INVALID(0, 0, 1, 0), NO_DATES, { -1, 0, 0, 0 }, -1,
	  SETARA_MRS_NOT_RECOGNISED, 0, -1,
	  SETARA_MRS_REASON_INVALID_CREDENTIAL, -1 },
	/* Indeterminate is reported; a content refusal stays a refusal. */
	{ "indeterminate", NOT_CHECKED(INDETERMINATE), NO_DATES,
	  { 2, 2, 2, 0 }, SETARA_MRS_COV_FULL, SETARA_MRS_INDETERMINATE, 0,
	  -1, SETARA_MRS_REASON_INDETERMINATE, -1 },
	{ "indeterminate, level too low", NOT_CHECKED(INDETERMINATE),
	  NO_DATES, { 1, 1, 2, 0 }, SETARA_MRS_COV_FULL,
	  SETARA_MRS_NOT_RECOGNISED, 0, -1, SETARA_MRS_REASON_INDETERMINATE,
	  -1 },
	{ "not verified", NOT_CHECKED(UNCHECKED), NO_DATES, { 2, 2, 2, 0 },
	  SETARA_MRS_COV_FULL, SETARA_MRS_INDETERMINATE, 0, -1, -1, -1 },
};

/* One row of decisions a run. */
START_TEST(test_mrs_engine__outcome)
{
	const struct decision *c = &decisions[_i];
	setara_mrs__dates d;
	setara_mrs__level l;
	setara_mrs__coverage cov = cov_of(c->cov);
	setara_mrs__outcome o;

	memset(&d, 0, sizeof(d));
	memset(&l, 0, sizeof(l));
	if (c->dates == EXPIRED) {
		d.has_valid_until = 1;
		d.valid_until = 10;
		d.at = 20;
		setara_mrs__dates_decide(&d);
	}
	if (c->level[0] >= 0)
		l = lvl(c->level[0], c->level[1], c->level[2], c->level[3]);
	setara_mrs__decide(&o, &c->v, c->dates == NO_DATES ? NULL : &d,
		c->level[0] >= 0 ? &l : NULL, c->cov >= 0 ? &cov : NULL);
	if (c->outcome >= 0)
		ck_assert_msg((int)o.outcome == c->outcome,
			"%s: outcome %d, expected %d", c->name,
			(int)o.outcome, c->outcome);
	if (c->nreasons)
		ck_assert_msg(o.nreasons == c->nreasons,
			"%s: %zu reasons, expected %zu", c->name, o.nreasons,
			c->nreasons);
	if (c->first >= 0)
		ck_assert_msg(o.nreasons > 0 && (int)o.reasons[0] == c->first,
			"%s: first reason %d, expected %d", c->name,
			o.nreasons ? (int)o.reasons[0] : -1, c->first);
	if (c->has >= 0)
		ck_assert_msg(has_reason(&o, (setara_mrs_reason)c->has),
			"%s: reason %d missing", c->name, c->has);
	if (c->lacks >= 0)
		ck_assert_msg(!has_reason(&o, (setara_mrs_reason)c->lacks),
			"%s: reason %d given", c->name, c->lacks);
}
END_TEST

/* ---- the store: the shipped data, broken files ------------------------ */

static setara_store *open_loaded(const char *data, int *rc)
{
	char *dir = test_tmpdir();
	char *db = setara__path_join(dir, "t.db");
	setara_store *st = NULL;

	ck_assert_int_eq(setara_store_open(&st, db, 0), 0);
	*rc = setara_store_load(st, data, NULL);
	free(dir);
	setara__free(db);
	return st;
}

START_TEST(test_mrs_store__loads_shipped_data)
{
	setara_store *st;
	setara_mrs__standard host, home;
	setara_mrs__table *t = NULL;
	size_t nt = 0;
	const char *all[] = { "CON712301", "CON712302", "CON712303",
		"CON712304", "CON931201" };
	setara_mrs__coverage c;
	int rc;

	st = open_loaded(test_top(), &rc);
	ck_assert_msg(rc == 0, "load: %s", setara_error_last()->message);
	ck_assert_int_eq(setara_mrs__standard_read(&host, st,
		"th-dsd-bricklaying-plastering-1"), 0);
	ck_assert_str_eq(host.country, "TH");
	ck_assert_int_eq(host.req_aqrf, 2);
	ck_assert_int_eq(host.req_conf, SETARA_CONFIDENCE_LOW);
	ck_assert_uint_eq(host.nunits, 2);
	ck_assert(host.units[0].local);
	ck_assert_uint_eq(strlen(host.sha256), 64);
	ck_assert_int_eq(setara_mrs__standard_read(&home, st,
		"ph-tesda-masonry-2"), 0);
	ck_assert_str_eq(home.level, "ph-pqf:2");
	ck_assert_uint_eq(home.nunits, 13);
	ck_assert_str_eq(home.units[10].code, "CON712303");
	ck_assert_int_eq(setara_mrs__tables_read(&t, &nt, st, host.id,
		home.id), 0);
	ck_assert_uint_eq(nt, 2);

	ck_assert_int_eq(setara_mrs__cover(&c, &host, &home, t, nt, all, 5),
		0);
	ck_assert_int_eq(c.overall, SETARA_MRS_COV_FULL);
	ck_assert_int_eq(c.conf, SETARA_CONFIDENCE_LOW);
	setara_mrs__coverage_dispose(&c);
	/* Without the plastering unit: partial, closed by CON712304. */
	ck_assert_int_eq(setara_mrs__cover(&c, &host, &home, t, nt, all, 3),
		0);
	ck_assert_int_eq(c.overall, SETARA_MRS_COV_PARTIAL);
	ck_assert_str_eq(c.units[1].unit->code, "th-dsd-plastering-1");
	ck_assert_ptr_nonnull(strstr(c.units[1].close, "CON712304"));
	setara_mrs__coverage_dispose(&c);

	setara_mrs__tables_free(t, nt);
	setara_mrs__standard_dispose(&home);
	setara_mrs__standard_dispose(&host);
	setara_store_free(st);
}
END_TEST

START_TEST(test_mrs_store__unknown_occupation_lists_known)
{
	setara_store *st;
	setara_mrs__standard s;
	int rc;

	st = open_loaded(test_top(), &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(setara_mrs__standard_read(&s, st, "th-nope"),
		SETARA_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message,
		"ph-tesda-masonry-2"));
	/* A benchmark is not an occupation. */
	ck_assert_ptr_null(strstr(setara_error_last()->message,
		"ilo-rmcs-construction"));
	setara_store_free(st);
}
END_TEST

/* A data directory with one standard and one table file. */
static char *data_dir(const char *standard, const char *table)
{
	char *dir = test_tmpdir();
	char *m = setara__path_join(dir, "mappings");
	char *p;

	ck_assert_int_eq(mkdir(m, 0755), 0);
	p = setara__path_join(m, "s.xml");
	test_write(p, standard);
	setara__free(p);
	if (table) {
		p = setara__path_join(m, "t.xml");
		test_write(p, table);
		setara__free(p);
	}
	setara__free(m);
	return dir;
}

#define STD_HEAD \
	"<?xml version='1.0'?>\n" \
	"<competencyStandard xmlns='urn:setara:data:1' version='1' " \
	"id='xx-a' scope='national' country='PH' status='sample' " \
	"source='S' confidence='low'>\n" \
	"<title>A</title><body source='S' confidence='low'>B</body>\n" \
	"<source id='S'>s</source>\n"

static const char good_std[] = STD_HEAD
	"<requirement aqrf='2' source='S' confidence='low'/>\n"
	"<unit code='U1' source='S' confidence='low'><title>u</title></unit>\n"
	"</competencyStandard>\n";

START_TEST(test_mrs_store__table_to_unknown_unit_names_line)
{
	static const char table[] =
		"<?xml version='1.0'?>\n"
		"<unitEquivalence xmlns='urn:setara:data:1' version='1' "
		"id='t1' from='xx-a' to='xx-a2' status='sample' source='S' "
		"confidence='low'>\n"
		"<title>t</title><basis>b</basis><source id='S'>s</source>\n"
		"<map from='U1' to='V1' coverage='full' source='S' "
		"confidence='low'/>\n"
		"<map from='U9' to='V1' coverage='full' source='S' "
		"confidence='low'/>\n"
		"</unitEquivalence>\n";
	char *dir = data_dir(good_std, table);
	char *m = setara__path_join(dir, "mappings");
	char *p = setara__path_join(m, "s2.xml");
	const setara_error *e;
	setara_store *st;
	int rc;
	char *std2 = setara__strdup(good_std);

	/* A second standard, xx-a2, with unit V1. */
	memcpy(strstr(std2, "id='xx-a'"), "id='xxa2'", 9);
	test_write(p, std2);
	st = open_loaded(dir, &rc);
	/* xxa2 is not xx-a2: the table's "to" is unknown. */
	ck_assert_int_eq(rc, SETARA_EINVALID);
	e = setara_error_last();
	ck_assert_ptr_nonnull(strstr(e->message, "xx-a2"));
	ck_assert_int_eq(e->line, 2);
	setara_store_free(st);

	memcpy(strstr(std2, "id='xxa2'"), "id='xx-b'", 9);
	test_write(p, std2);
	setara__free(p);
	p = setara__path_join(m, "t.xml");
	{
		char *t2 = setara__strdup(table);

		memcpy(strstr(t2, "to='xx-a2'"), "to='xx-b' ", 10);
		memcpy(strstr(t2, "to='V1'"), "to='U1'", 7);
		memcpy(strstr(t2, "to='V1'"), "to='U1'", 7);
		test_write(p, t2);
		setara__free(t2);
	}
	st = open_loaded(dir, &rc);
	ck_assert_int_eq(rc, SETARA_EINVALID);
	e = setara_error_last();
	ck_assert_ptr_nonnull(strstr(e->message, "U9"));
	ck_assert_int_eq(e->line, 5);
	ck_assert_ptr_nonnull(strstr(e->file, "t.xml"));
	setara_store_free(st);
	setara__free(std2);
	setara__free(p);
	setara__free(m);
	free(dir);
}
END_TEST

START_TEST(test_mrs_store__rejects_bad_standards)
{
	static const char *const bad[] = {
		/* a source key that is not defined */
		STD_HEAD "<unit code='U1' source='S T' confidence='low'>"
		"<title>u</title></unit></competencyStandard>\n",
		/* a unit listed twice */
		STD_HEAD "<unit code='U1' source='S' confidence='low'>"
		"<title>u</title></unit><unit code='U1' source='S' "
		"confidence='low'><title>v</title></unit>"
		"</competencyStandard>\n",
		/* a setara key shipped as if it were certain */
		STD_HEAD "<unit code='U1' codeStatus='local' source='S' "
		"confidence='high'><title>u</title></unit>"
		"</competencyStandard>\n",
		/* schema: a unit without a title */
		STD_HEAD "<unit code='U1' source='S' confidence='low'/>"
		"</competencyStandard>\n",
		/* a qualification level no framework defines */
		STD_HEAD "<qualification level='zz-none:9' source='S' "
		"confidence='low'>Q</qualification><unit code='U1' "
		"source='S' confidence='low'><title>u</title></unit>"
		"</competencyStandard>\n",
	};
	static const char *const want[] = { "'T'", "twice", "local", "",
		"qualification level zz-none:9" };
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *dir = data_dir(bad[i], NULL);
		setara_store *st;
		int rc;

		st = open_loaded(dir, &rc);
		ck_assert_msg(rc == SETARA_EINVALID, "case %zu: %d", i, rc);
		ck_assert_msg(strstr(setara_error_last()->message, want[i]),
			"case %zu: %s", i, setara_error_last()->message);
		ck_assert_ptr_nonnull(strstr(setara_error_last()->file,
			"s.xml"));
		setara_store_free(st);
		free(dir);
	}
}
END_TEST

START_TEST(test_mrs_store__duplicate_standard_names_both_files)
{
	char *dir = data_dir(good_std, good_std);
	setara_store *st;
	int rc;

	st = open_loaded(dir, &rc);
	ck_assert_int_eq(rc, SETARA_EINVALID);
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message,
		"defined twice"));
	setara_store_free(st);
	free(dir);
}
END_TEST

/* ---- reading a credential ---------------------------------------------- */

static const char cert_xml[] =
	"<certificate xmlns='urn:setara:doc:1' version='1'>"
	"<id>urn:uuid:00000000-0000-4000-8000-000000000001</id>"
	"<issuer id='ph-tesda' country='PH' accreditation='demo-ph-tesda'>"
	"<name>TESDA</name></issuer>"
	"<subject id='W-1' country='PH'><name>Juan</name></subject>"
	"<issued>2026-01-10T00:00:00Z</issued>"
	"<validFrom>2026-01-10T00:00:00Z</validFrom>"
	"<validUntil>2031-01-09T23:59:59Z</validUntil>"
	"<number>N-1</number>"
	"<qualification code='Q' level='ph-pqf:2' aqrf='2'>"
	"<title>Masonry NC II</title></qualification>"
	"<sector>Construction</sector>"
	"<occupation code='ph-tesda-masonry-2'><title>Mason</title>"
	"</occupation>"
	"<units><unit code='CON712303'><title>a</title></unit>"
	"<unit code='CON712304'><title>b</title></unit></units>"
	"<assessment date='2026-01-05' route='training'/>"
	"</certificate>";

START_TEST(test_mrs_credential__reads_certificate)
{
	setara_mrs__credential c;
	xmlDocPtr doc;
	time_t t;

	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(setara__xml_parse_mem(&doc, cert_xml,
		strlen(cert_xml), "c.xml"), 0);
	ck_assert_int_eq(setara_mrs__credential_read(&c, doc), 0);
	ck_assert(c.readable);
	ck_assert_str_eq(c.issuer_id, "ph-tesda");
	ck_assert_str_eq(c.holder_name, "Juan");
	ck_assert_str_eq(c.level, "ph-pqf:2");
	ck_assert_int_eq(c.aqrf, 2);
	ck_assert_str_eq(c.occupation, "ph-tesda-masonry-2");
	ck_assert_uint_eq(c.nunits, 2);
	ck_assert_str_eq(c.units[1], "CON712304");
	ck_assert(c.has_valid_until);
	ck_assert_int_eq(setara__time_parse(&t, "2031-01-09T23:59:59Z"), 0);
	ck_assert(c.valid_until == t);
	setara_mrs__credential_dispose(&c);
	xmlFreeDoc(doc);

	/* Not a certificate: not readable. */
	ck_assert_int_eq(setara__xml_parse_mem(&doc, "<x xmlns='urn:x'/>",
		18, "x.xml"), 0);
	ck_assert_int_eq(setara_mrs__credential_read(&c, doc), 0);
	ck_assert(!c.readable);
	setara_mrs__credential_dispose(&c);
	xmlFreeDoc(doc);
}
END_TEST

/* ---- the pipeline without a verifier ------------------------------------ */

START_TEST(test_mrs_check__unverified_is_indeterminate_and_attestable)
{
	setara_store *st;
	setara_mrs_decision *d = NULL;
	setara_mrs_options o = SETARA_MRS_OPTIONS_INIT;
	setara_buf b = SETARA_BUF_INIT;
	const setara_mrs_reason *r;
	xmlDocPtr att = NULL;
	char *dir = test_tmpdir(), *path;
	time_t t;
	size_t n;
	int rc;

	path = setara__path_join(dir, "c.xml");
	test_write(path, cert_xml);
	st = open_loaded(test_top(), &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(setara__time_parse(&t, "2026-11-23T10:00:00Z"), 0);
	o.at = (long long)t;
	ck_assert_int_eq(setara_mrs_check(&d, st, NULL, path,
		"th-dsd-bricklaying-plastering-1", &o), 0);
	/* The content alone would be recognised; unverified, it is not. */
	ck_assert_int_eq(setara_mrs_decision_outcome(d),
		SETARA_MRS_INDETERMINATE);
	r = setara_mrs_decision_reasons(d, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(r[0], SETARA_MRS_REASON_INDETERMINATE);
	ck_assert_uint_gt(setara_mrs_decision_trace_count(d), 8);
	ck_assert_int_eq(setara_mrs_decision_json(&b, d, 0), 0);
	ck_assert_ptr_nonnull(strstr(b.ptr, "\"outcome\":\"indeterminate\""));
	ck_assert_ptr_nonnull(strstr(b.ptr, "\"coverage\":\"full\""));
	ck_assert_ptr_nonnull(strstr(b.ptr, "\"result\":\"unchecked\""));
	/* The PQF link is endorsed but its table assumed: indicative. */
	ck_assert_str_eq(setara_mrs_decision_basis(d), "indicative");
	ck_assert_ptr_nonnull(strstr(b.ptr, "\"basis\":\"indicative\""));
	ck_assert_ptr_nonnull(strstr(b.ptr, "\"table\":\"assumed\""));
	/* The attestation is schema-valid, names the holder and says the
	 * basis. */
	ck_assert_int_eq(setara_mrs_attestation_build(&att, d, NULL), 0);
	ck_assert_int_eq(setara__xml_validate(att, "mrs/attestation.xsd",
		"a"), 0);
	{
		xmlChar *basis = NULL;
		xmlNodePtr k;

		for (k = xmlDocGetRootElement(att)->children; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE && xmlStrEqual(k->name,
			    BAD_CAST "decision"))
				basis = xmlGetProp(k, BAD_CAST "basis");
		ck_assert_ptr_nonnull(basis);
		ck_assert_str_eq((char *)basis, "indicative");
		xmlFree(basis);
	}
	setara_buf_clear(&b);
	ck_assert_int_eq(setara_mrs_decision_text(&b, d), 0);
	ck_assert_ptr_nonnull(strstr(b.ptr, "(no trust store)"));
	xmlFreeDoc(att);
	setara_mrs_decision_free(d);

	/* Unknown occupation: an error naming the known ones. */
	ck_assert_int_eq(setara_mrs_check(&d, st, NULL, path, "th-nope", &o),
		SETARA_ENOTFOUND);
	ck_assert_ptr_null(d);
	/* A missing file: an I/O error. */
	ck_assert_int_lt(setara_mrs_check(&d, st, NULL, "/nonexistent/c.xml",
		"th-dsd-bricklaying-plastering-1", &o), 0);
	ck_assert_int_eq(setara_error_last()->code, SETARA_EIO);
	setara_buf_dispose(&b);
	setara_store_free(st);
	setara__free(path);
	free(dir);
}
END_TEST

/* ---- names ------------------------------------------------------------- */

START_TEST(test_mrs_decision__names)
{
	ck_assert_str_eq(setara_mrs_reason_name(
		SETARA_MRS_REASON_PARTIAL_UNITS_MISSING),
		"PARTIAL_UNITS_MISSING");
	ck_assert_str_eq(setara_mrs_reason_name(
		SETARA_MRS_REASON_UNREFERENCED_FRAMEWORK),
		"UNREFERENCED_FRAMEWORK");
	ck_assert_str_eq(setara_mrs_reason_name(SETARA_MRS_REASON_COUNT),
		"UNKNOWN");
	ck_assert_str_eq(setara_mrs_outcome_name(
		SETARA_MRS_PARTLY_RECOGNISED), "partly-recognised");
}
END_TEST

static Suite *mrs_suite(void)
{
	const test_def tests[] = {
		{ "engine", test_mrs_engine__full_through_benchmark },
		{ "engine",
		  test_mrs_engine__partial_names_missing_and_closers },
		{ "engine", test_mrs_engine__overlap_is_partial },
		{ "engine",
		  test_mrs_engine__unknown_home_counts_same_codes_only },
		{ "engine", test_mrs_engine__no_units_is_none },
		{ "engine",
		  test_mrs_engine__regional_host_and_bilateral_table },
		{ "engine", test_mrs_engine__electives_are_not_required },
		{ "engine", test_mrs_engine__level_step },
		{ "engine", test_mrs_engine__dates },
		{ "engine", test_mrs_engine__outcome },
		{ "store", test_mrs_store__loads_shipped_data },
		{ "store", test_mrs_store__unknown_occupation_lists_known },
		{ "store", test_mrs_store__table_to_unknown_unit_names_line },
		{ "store", test_mrs_store__rejects_bad_standards },
		{ "store",
		  test_mrs_store__duplicate_standard_names_both_files },
		{ "credential", test_mrs_credential__reads_certificate },
		{ "check",
		  test_mrs_check__unverified_is_indeterminate_and_attestable },
		{ "decision", test_mrs_decision__names },
	};
	const test_case_opts opts[] = {
		{ "engine", 0, NULL, NULL, setup, teardown },
		{ "store", 30, NULL, NULL, NULL, NULL },
		{ "check", 30, NULL, NULL, NULL, NULL },
	};
	const test_loop loops[] = {
		{ test_mrs_engine__outcome, (int)TEST_COUNT(decisions) },
	};

	return TEST_SUITE_LOOPS("mrs", tests, opts, loops);
}

SETARA_CHECK_MAIN(mrs_suite)
