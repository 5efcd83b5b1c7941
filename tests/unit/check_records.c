/*
 * Unit tests of the batch record reader (src/util/records.c).
 */
#include "check_common.h"
#include "util/records.h"

static char *dir;

static void setup(void)
{
	dir = test_tmpdir();
}

static void teardown(void)
{
	char *cmd = setara__asprintf("rm -rf '%s'", dir);

	ck_assert_int_eq(system(cmd), 0);
	setara__free(cmd);
	free(dir);
}

static char *file(const char *name, const char *text)
{
	char *p = setara__path_join(dir, name);

	test_write(p, text);
	return p;
}

static void expect_record(setara__records *r, const char *id, int line,
	unsigned long number)
{
	setara__record_pos pos;
	xmlDocPtr doc;
	char *got;

	ck_assert_int_eq(setara__records_next(r, &doc, &pos), 0);
	ck_assert_ptr_nonnull(doc);
	got = setara__xml_child_text(xmlDocGetRootElement(doc), "urn:t",
		"id");
	ck_assert_str_eq(got, id);
	if (line)
		ck_assert_int_eq(pos.line, line);
	ck_assert_uint_eq(pos.number, number);
	setara__free(got);
	xmlFreeDoc(doc);
}

static void expect_end(setara__records *r)
{
	setara__record_pos pos;
	xmlDocPtr doc;

	ck_assert_int_eq(setara__records_next(r, &doc, &pos), 0);
	ck_assert_ptr_null(doc);
}

START_TEST(test_util_records__batch_file_yields_each_record)
{
	char *p = file("b.xml", "<?xml version='1.0'?>\n"
		"<batch xmlns:t='urn:t'>\n"
		"  <!-- first -->\n"
		"  <t:rec><t:id>a</t:id></t:rec>\n"
		"  <t:rec>\n    <t:id>b</t:id>\n  </t:rec>\n"
		"  <t:rec><t:id>c</t:id></t:rec></batch>\n");
	setara__records *r;

	ck_assert_int_eq(setara__records_open(&r, p), 0);
	ck_assert_uint_eq(setara__records_total(r), 3);
	expect_record(r, "a", 4, 1);
	expect_record(r, "b", 5, 2);
	expect_record(r, "c", 8, 3);
	expect_end(r);
	expect_end(r);
	setara__records_free(r);
	setara__free(p);
}
END_TEST

START_TEST(test_util_records__adjacent_records)
{
	char *p = file("b.xml", "<batch><rec xmlns='urn:t'><id>a</id></rec>"
		"<rec xmlns='urn:t'><id>b</id></rec></batch>");
	setara__records *r;

	ck_assert_int_eq(setara__records_open(&r, p), 0);
	expect_record(r, "a", 0, 1);
	expect_record(r, "b", 0, 2);
	expect_end(r);
	setara__records_free(r);
	setara__free(p);
}
END_TEST

START_TEST(test_util_records__single_record_file)
{
	char *p = file("one.xml", "<rec xmlns='urn:t'><id>x</id></rec>\n");
	setara__records *r;

	ck_assert_int_eq(setara__records_open(&r, p), 0);
	expect_record(r, "x", 1, 1);
	expect_end(r);
	setara__records_free(r);
	setara__free(p);
}
END_TEST

START_TEST(test_util_records__directory_in_name_order)
{
	setara__records *r;
	setara__record_pos pos;
	xmlDocPtr doc;

	setara__free(file("2.xml", "<rec xmlns='urn:t'><id>two</id></rec>"));
	setara__free(file("1.xml", "<rec xmlns='urn:t'><id>one</id></rec>"));
	setara__free(file("3.xml", "<rec><broken></rec>"));
	setara__free(file("4.xml", "<rec xmlns='urn:t'><id>four</id></rec>"));
	setara__free(file("notes.txt", "ignored"));
	ck_assert_int_eq(setara__records_open(&r, dir), 0);
	expect_record(r, "one", 0, 1);
	expect_record(r, "two", 0, 2);
	/* A broken file is one bad record; the others go on. */
	ck_assert_int_eq(setara__records_next(r, &doc, &pos),
		SETARA_EINVALID);
	ck_assert_ptr_null(doc);
	ck_assert_uint_eq(pos.number, 3);
	ck_assert_ptr_nonnull(strstr(setara_error_last()->file, "3.xml"));
	expect_record(r, "four", 0, 4);
	expect_end(r);
	setara__records_free(r);
}
END_TEST

START_TEST(test_util_records__doctype_refused)
{
	char *p = file("b.xml", "<?xml version='1.0'?>\n"
		"<!DOCTYPE batch [<!ENTITY a 'aaaaaaaa'>"
		"<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;'>]>\n"
		"<batch><rec xmlns='urn:t'><id>&b;</id></rec></batch>");
	setara__records *r;

	ck_assert_int_eq(setara__records_open(&r, p), SETARA_EINVALID);
	ck_assert_ptr_null(r);
	ck_assert_str_eq(setara_error_last()->field, "DOCTYPE");
	/* The streaming reader names the line it had read up to. */
	ck_assert_int_ge(setara_error_last()->line, 2);
	ck_assert_int_le(setara_error_last()->line, 3);
	setara__free(p);
}
END_TEST

START_TEST(test_util_records__malformed_stops_with_line)
{
	char *p = file("b.xml", "<batch>\n<rec xmlns='urn:t'><id>a</id></rec>\n"
		"<rec xmlns='urn:t'><id>b</id></rec>\n<rec><oops></rec>\n"
		"</batch>\n");
	setara__records *r;

	/* Refused whole, before any record is used. */
	ck_assert_int_eq(setara__records_open(&r, p), SETARA_EINVALID);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(setara_error_last()->line, 4);
	setara__free(p);
}
END_TEST

static Suite *records_suite(void)
{
	Suite *s = suite_create("records");
	TCase *tc = tcase_create("records");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_util_records__batch_file_yields_each_record);
	tcase_add_test(tc, test_util_records__adjacent_records);
	tcase_add_test(tc, test_util_records__single_record_file);
	tcase_add_test(tc, test_util_records__directory_in_name_order);
	tcase_add_test(tc, test_util_records__doctype_refused);
	tcase_add_test(tc, test_util_records__malformed_stops_with_line);
	suite_add_tcase(s, tc);
	return s;
}

SETARA_CHECK_MAIN(records_suite)
