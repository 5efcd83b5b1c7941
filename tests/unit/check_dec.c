/*
 * Unit tests of src/util/dec.c: exact rational arithmetic for credits and
 * grades.  Expectations are computed by hand.
 */
#include "check_common.h"
#include "util/dec.h"

static setara__dec D(const char *s)
{
	setara__dec d;

	ck_assert_msg(setara__dec_parse(&d, s) == 0, "parse %s", s);
	return d;
}

static const char *F(setara__dec d)
{
	static char buf[4][SETARA_DEC_BUFSIZE];
	static int i;

	i = (i + 1) % 4;
	return setara__dec_format(buf[i], d);
}

START_TEST(test_dec_dec__parses_and_formats_exactly)
{
	setara__dec d;

	ck_assert_str_eq(F(D("7.5")), "7.5");
	ck_assert_str_eq(F(D("7.50")), "7.5");
	ck_assert_str_eq(F(D("-2.25")), "-2.25");
	ck_assert_str_eq(F(D("003")), "3");
	ck_assert_str_eq(F(D("0.125")), "0.125");
	ck_assert_str_eq(F(D("136/3")), "136/3");
	ck_assert_str_eq(F(D("10/4")), "2.5");
	ck_assert_str_eq(F(D("-0")), "0");
	ck_assert_str_eq(F(D("0.000000000000000001")),
		"0.000000000000000001");
	ck_assert_str_eq(F(D("999999999999999999")), "999999999999999999");
	ck_assert_int_eq(setara__dec_parse(&d, ""), SETARA_EINVALID);
	ck_assert_int_eq(setara__dec_parse(&d, "1e3"), SETARA_EINVALID);
	ck_assert_int_eq(setara__dec_parse(&d, ".5"), SETARA_EINVALID);
	ck_assert_int_eq(setara__dec_parse(&d, "5."), SETARA_EINVALID);
	ck_assert_int_eq(setara__dec_parse(&d, "1/0"), SETARA_EINVALID);
	ck_assert_int_eq(setara__dec_parse(&d, "1.5/3"), SETARA_EINVALID);
	ck_assert_int_eq(setara__dec_parse(&d, " 1"), SETARA_EINVALID);
	ck_assert_int_eq(setara__dec_parse(&d, "1,5"), SETARA_EINVALID);
	ck_assert_int_eq(setara__dec_parse(&d, "9999999999999999999"),
		SETARA_EINVALID);
	ck_assert_int_eq(setara__dec_parse(&d, NULL), SETARA_EINVALID);
}
END_TEST

START_TEST(test_dec_dec__ucts_worked_example)
{
	/* UCTS: 4 credits at a host whose full semester is 16 credits is
	 * 4 x 30 / 16 = 7.5 UCTS; at a home whose full term is 9 that is
	 * 7.5 x 9 / 30 = 2.25. */
	setara__dec x;

	ck_assert_int_eq(setara__dec_mul(&x, D("4"), D("30")), 0);
	ck_assert_int_eq(setara__dec_div(&x, x, D("16")), 0);
	ck_assert_str_eq(F(x), "7.5");
	ck_assert_int_eq(setara__dec_mul(&x, x, D("9")), 0);
	ck_assert_int_eq(setara__dec_div(&x, x, D("30")), 0);
	ck_assert_str_eq(F(x), "2.25");
}
END_TEST

START_TEST(test_dec_dec__thirds_stay_exact)
{
	/* Indonesia: 170 minutes a week over 16 weeks = 136/3 hours per SKS;
	 * three SKS are exactly 136 hours, i.e. 3.4 Malaysian credits. */
	setara__dec h, x;
	char buf[SETARA_DEC_BUFSIZE];

	ck_assert_int_eq(setara__dec_mul(&h, D("170"), D("16")), 0);
	ck_assert_int_eq(setara__dec_div(&h, h, D("60")), 0);
	ck_assert_str_eq(F(h), "136/3");
	ck_assert(!setara__dec_is_terminating(h));
	ck_assert_str_eq(setara__dec_format_human(buf, h), "136/3 (~45.33)");
	ck_assert_int_eq(setara__dec_mul(&x, D("3"), h), 0);
	ck_assert_str_eq(F(x), "136");
	ck_assert_int_eq(setara__dec_div(&x, x, D("40")), 0);
	ck_assert_str_eq(F(x), "3.4");
	/* (1/3 + 1/3 + 1/3) is 1, not 0.999... */
	x = D("1/3");
	ck_assert_int_eq(setara__dec_add(&x, x, D("1/3")), 0);
	ck_assert_int_eq(setara__dec_add(&x, x, D("1/3")), 0);
	ck_assert_str_eq(F(x), "1");
	ck_assert(setara__dec_is_int(x));
}
END_TEST

START_TEST(test_dec_dec__round_trips_return_the_original)
{
	/* a -> b -> a by the inverse factor returns a exactly */
	static const char *const v[] = { "3", "4.5", "7.06", "10.59", "1/3",
		"0.01", "123456.789" };
	static const char *const k[] = { "16/30", "40/50", "136/120", "9/30",
		"1.5", "3/7" };
	setara__dec x, y;
	size_t i, j;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		for (j = 0; j < sizeof(k) / sizeof(k[0]); j++) {
			ck_assert_int_eq(setara__dec_mul(&x, D(v[i]),
				D(k[j])), 0);
			ck_assert_int_eq(setara__dec_div(&y, x, D(k[j])), 0);
			ck_assert_int_eq(setara__dec_cmp(y, D(v[i])), 0);
		}
	}
}
END_TEST

START_TEST(test_dec_dec__rounds_at_the_boundaries)
{
	static const struct {
		const char *value, *step;
		setara__round_mode mode;
		const char *want;
	} t[] = {
		/* halves go away from zero under NEAREST */
		{ "2.5", "1", SETARA_ROUND_NEAREST, "3" },
		{ "-2.5", "1", SETARA_ROUND_NEAREST, "-3" },
		{ "2.4999", "1", SETARA_ROUND_NEAREST, "2" },
		/* exactly on a step: no direction moves it */
		{ "3", "1", SETARA_ROUND_UP, "3" },
		{ "3", "1", SETARA_ROUND_DOWN, "3" },
		{ "3.0001", "1", SETARA_ROUND_UP, "4" },
		{ "3.9999", "1", SETARA_ROUND_DOWN, "3" },
		{ "-3.5", "1", SETARA_ROUND_DOWN, "-4" },
		{ "-3.5", "1", SETARA_ROUND_TRUNCATE, "-3" },
		/* NUS rounds the total: 7.06 -> 7, 10.59 -> 11, 3.52 -> 4 */
		{ "7.06", "1", SETARA_ROUND_NEAREST, "7" },
		{ "10.59", "1", SETARA_ROUND_NEAREST, "11" },
		{ "3.52", "1", SETARA_ROUND_NEAREST, "4" },
		/* other steps: halves and hundredths, and thirds */
		{ "2.25", "0.5", SETARA_ROUND_NEAREST, "2.5" },
		{ "2.24", "0.5", SETARA_ROUND_NEAREST, "2" },
		{ "136/3", "0.01", SETARA_ROUND_NEAREST, "45.33" },
		{ "136/3", "0.01", SETARA_ROUND_UP, "45.34" },
	};
	setara__dec r;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		ck_assert_msg(setara__dec_round(&r, D(t[i].value),
			D(t[i].step), t[i].mode) == 0, "round %s by %s",
			t[i].value, t[i].step);
		ck_assert_str_eq(F(r), t[i].want);
	}
	/* a step of zero is no step */
	ck_assert_int_eq(setara__dec_round(&r, D("2.5"), D("0"),
		SETARA_ROUND_UP), SETARA_EINVALID);
}
END_TEST

START_TEST(test_dec_dec__compares_and_detects_overflow)
{
	setara__dec x;
	char buf[SETARA_DEC_BUFSIZE];

	ck_assert_int_eq(setara__dec_cmp(D("1/3"), D("0.3333333333")), 1);
	ck_assert_int_eq(setara__dec_cmp(D("2.25"), D("9/4")), 0);
	ck_assert_int_eq(setara__dec_cmp(D("-1"), D("0")), -1);
	ck_assert_int_eq(setara__dec_sign(D("-0.5")), -1);
	ck_assert_str_eq(F(setara__dec_min(D("2"), D("1.5"))), "1.5");
	ck_assert_str_eq(F(setara__dec_max(D("2"), D("1.5"))), "2");
	ck_assert_int_eq(setara__dec_mul(&x, D("999999999999999999"),
		D("999999999999999999")), SETARA_EINVALID);
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message,
		"overflow"));
	ck_assert_int_eq(setara__dec_div(&x, D("1"), D("0")),
		SETARA_EINVALID);
	ck_assert_str_eq(setara__dec_format_fixed(buf, D("2/3"), 0), "1");
	ck_assert_str_eq(setara__dec_format_fixed(buf, D("-0.004"), 2),
		"0.00");
	ck_assert_str_eq(setara__dec_format_fixed(buf, D("7.5"), 2), "7.50");
}
END_TEST

/* Fractions and extremes are written without printf: the same text. */
START_TEST(test_dec_dec__formats_fractions_and_extremes)
{
	setara__dec x = { INT64_MIN + 1, INT64_MAX };
	char buf[SETARA_DEC_BUFSIZE];

	ck_assert_str_eq(F(D("-1/3")), "-1/3");
	ck_assert_str_eq(F(D("2/7")), "2/7");
	ck_assert_str_eq(F(x), "-9223372036854775807/9223372036854775807");
	ck_assert_str_eq(setara__dec_format_human(buf, D("-2/3")),
		"-2/3 (~-0.67)");
	ck_assert_str_eq(setara__dec_format_human(buf, D("1/7")),
		"1/7 (~0.14)");
	x.num = INT64_MAX;
	x.den = 1;
	ck_assert_str_eq(F(x), "9223372036854775807");
	ck_assert_str_eq(setara__dec_format_fixed(buf, x, 18),
		"9223372036854775807.000000000000000000");
}
END_TEST

static Suite *dec_suite(void)
{
	const test_def tests[] = {
		{ "dec", test_dec_dec__parses_and_formats_exactly },
		{ "dec", test_dec_dec__ucts_worked_example },
		{ "dec", test_dec_dec__thirds_stay_exact },
		{ "dec", test_dec_dec__round_trips_return_the_original },
		{ "dec", test_dec_dec__rounds_at_the_boundaries },
		{ "dec", test_dec_dec__compares_and_detects_overflow },
		{ "dec", test_dec_dec__formats_fractions_and_extremes },
	};

	return test_suite("dec", tests, TEST_COUNT(tests), NULL, 0);
}

SETARA_CHECK_MAIN(dec_suite)
