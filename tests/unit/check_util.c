/*
 * Unit tests of src/util: buffers, errors, the safe XML loader, time,
 * JSON, ids, atomic files.
 */
#include <sys/stat.h>
#include <time.h>

#include "check_common.h"

START_TEST(test_util_buf__grows_and_formats)
{
	setara_buf b = SETARA_BUF_INIT;
	int i;

	for (i = 0; i < 1000; i++)
		ck_assert_int_eq(setara_buf_printf(&b, "%d,", i % 10), 0);
	ck_assert_uint_eq(b.size, 2000);
	ck_assert(strncmp(b.ptr, "0,1,2,", 6) == 0);
	ck_assert_int_eq(b.ptr[b.size], '\0');
	setara_buf_dispose(&b);
	ck_assert_ptr_null(b.ptr);
}
END_TEST

START_TEST(test_util_alloc__failure_is_reported)
{
	setara_buf b = SETARA_BUF_INIT;

	setara__alloc_fail_after(0);
	ck_assert_int_eq(setara_buf_puts(&b, "x"), SETARA_ENOMEM);
	setara__alloc_fail_after(-1);
	ck_assert_int_eq(setara_error_last()->code, SETARA_ENOMEM);
	ck_assert_int_eq(setara_buf_puts(&b, "x"), 0);
	setara_buf_dispose(&b);
}
END_TEST

START_TEST(test_util_error__keeps_file_line_field)
{
	const setara_error *e;

	setara_error__data("f.xml", 12, "level", "no level %d", 9);
	e = setara_error_last();
	ck_assert_int_eq(e->code, SETARA_EINVALID);
	ck_assert_str_eq(e->file, "f.xml");
	ck_assert_int_eq(e->line, 12);
	ck_assert_str_eq(e->field, "level");
	ck_assert_str_eq(e->message, "no level 9");
	setara_error_clear();
	ck_assert_int_eq(setara_error_last()->code, 0);
}
END_TEST

static int parse(const char *text, xmlDocPtr *doc)
{
	return setara__xml_parse_mem(doc, text, strlen(text), "t.xml");
}

START_TEST(test_util_xml_safe__parses_plain_xml)
{
	xmlDocPtr doc;

	ck_assert_int_eq(parse("<a xmlns='urn:x'><b>1</b></a>", &doc), 0);
	ck_assert(setara__xml_is(xmlDocGetRootElement(doc), "urn:x", "a"));
	xmlFreeDoc(doc);
}
END_TEST

START_TEST(test_util_xml_safe__rejects_doctype)
{
	xmlDocPtr doc = NULL;
	const setara_error *e;

	ck_assert_int_eq(parse("<?xml version='1.0'?>\n"
		"<!DOCTYPE a [<!ENTITY x 'boom'>]>\n<a>&x;</a>", &doc),
		SETARA_EINVALID);
	ck_assert_ptr_null(doc);
	e = setara_error_last();
	ck_assert_str_eq(e->file, "t.xml");
	ck_assert_int_eq(e->line, 2);
	ck_assert_ptr_nonnull(strstr(e->message, "DOCTYPE"));
}
END_TEST

START_TEST(test_util_xml_safe__rejects_external_dtd)
{
	xmlDocPtr doc = NULL;

	ck_assert_int_eq(parse("<!DOCTYPE a SYSTEM 'file:///etc/passwd'>"
		"<a/>", &doc), SETARA_EINVALID);
	ck_assert_ptr_null(doc);
}
END_TEST

START_TEST(test_util_xml_safe__undeclared_entity_is_an_error)
{
	xmlDocPtr doc = NULL;

	ck_assert_int_eq(parse("<a>\n&ext;</a>", &doc), SETARA_EINVALID);
	ck_assert_int_eq(setara_error_last()->line, 2);
}
END_TEST

START_TEST(test_util_xml_safe__malformed_names_line)
{
	xmlDocPtr doc = NULL;

	ck_assert_int_eq(parse("<a>\n<b>\n</a>", &doc), SETARA_EINVALID);
	ck_assert_int_eq(setara_error_last()->line, 3);
	ck_assert_int_eq(parse("", &doc), SETARA_EINVALID);
}
END_TEST

START_TEST(test_util_xml_safe__rejects_nul_after_the_element)
{
	/* "<a/>\n" in UTF-16LE with a byte order mark: NUL bytes that
	 * are no NUL characters. */
	static const char utf16[] = "\xff\xfe<\0a\0/\0>\0\n\0";
	static const char padded[] = "<a>\n<b/>\n</a>\n\0\0\0";
	xmlDocPtr doc = NULL;

	ck_assert_int_eq(setara__xml_parse_mem(&doc, padded,
		sizeof(padded) - 1, "t.xml"), SETARA_EINVALID);
	ck_assert_ptr_null(doc);
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message, "NUL"));
	ck_assert_int_eq(setara_error_last()->line, 4);
	/* The same without the padding, and UTF-16, are XML. */
	ck_assert_int_eq(setara__xml_parse_mem(&doc, padded,
		sizeof(padded) - 4, "t.xml"), 0);
	xmlFreeDoc(doc);
	doc = NULL;
	ck_assert_int_eq(setara__xml_parse_mem(&doc, utf16,
		sizeof(utf16) - 1, "t.xml"), 0);
	ck_assert_str_eq((const char *)xmlDocGetRootElement(doc)->name, "a");
	xmlFreeDoc(doc);
}
END_TEST

START_TEST(test_util_xml_safe__size_limit)
{
	char *dir = test_tmpdir(), *path;
	xmlDocPtr doc = NULL;
	FILE *f;
	int i;

	path = setara__path_join(dir, "big.xml");
	f = fopen(path, "w");
	fputs("<a>", f);
	for (i = 0; i < 2000; i++)
		fputs("<b>0123456789</b>", f);
	fputs("</a>", f);
	fclose(f);
	ck_assert_int_eq(setara__xml_parse_file(&doc, path, 1000),
		SETARA_EINVALID);
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message,
		"too large"));
	ck_assert_int_eq(setara__xml_parse_file(&doc, path, 0), 0);
	xmlFreeDoc(doc);
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
}
END_TEST

START_TEST(test_util_time__parses_dates)
{
	time_t t;
	char s[21];

	ck_assert_int_eq(setara__time_parse(&t, "1970-01-01"), 0);
	ck_assert_int_eq((long long)t, 0);
	ck_assert_int_eq(setara__time_parse(&t, "2024-02-29T12:00:00Z"), 0);
	setara__time_format(s, t);
	ck_assert_str_eq(s, "2024-02-29T12:00:00Z");
	ck_assert_int_eq(setara__time_parse(&t, "2024-02-29T20:00:00+08:00"),
		0);
	setara__time_format(s, t);
	ck_assert_str_eq(s, "2024-02-29T12:00:00Z");
	ck_assert_int_eq(setara__time_parse(&t, "2023-02-29"),
		SETARA_EINVALID);
	ck_assert_int_eq(setara__time_parse(&t, "2023-13-01"),
		SETARA_EINVALID);
	ck_assert_int_eq(setara__time_parse(&t, "2023-01-01T10:00"),
		SETARA_EINVALID);
}
END_TEST

START_TEST(test_util_json__escapes_and_nests)
{
	setara_buf b = SETARA_BUF_INIT;
	setara__json j;

	setara__json_init(&j, &b, 0);
	setara__json_obj_open(&j, NULL);
	setara__json_str(&j, "s", "a\"b\\c\n\x01");
	setara__json_arr_open(&j, "l");
	setara__json_int(&j, NULL, 1);
	setara__json_raw(&j, NULL, "2.25");
	setara__json_null(&j, NULL);
	setara__json_arr_close(&j);
	setara__json_obj_open(&j, "o");
	setara__json_obj_close(&j);
	setara__json_obj_close(&j);
	ck_assert_int_eq(setara__json_error(&j), 0);
	ck_assert_str_eq(b.ptr,
		"{\"s\":\"a\\\"b\\\\c\\n\\u0001\",\"l\":[1,2.25,null],"
		"\"o\":{}}");
	setara_buf_dispose(&b);
}
END_TEST

/* Well-formed UTF-8 passes; any other byte >= 0x80 becomes U+FFFD, so
 * that a path or name in another encoding never makes the output invalid
 * JSON. */
START_TEST(test_util_json__invalid_utf8_replaced)
{
	setara_buf b = SETARA_BUF_INIT;
	setara__json j;

	setara__json_init(&j, &b, 0);
	setara__json_arr_open(&j, NULL);
	/* Latin-1 e-acute; UTF-8 e-acute; a surrogate; an emoji; an
	 * overlong '/'; a truncated euro sign at the end. */
	setara__json_str(&j, NULL, "caf\xe9|\xc3\xa9|\xed\xa0\x80|"
		"\xf0\x9f\x98\x80|\xc0\xaf|\xe2\x82");
	setara__json_arr_close(&j);
	ck_assert_int_eq(setara__json_error(&j), 0);
	ck_assert_str_eq(b.ptr, "[\"caf\xef\xbf\xbd|\xc3\xa9|"
		"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd|\xf0\x9f\x98\x80|"
		"\xef\xbf\xbd\xef\xbf\xbd|\xef\xbf\xbd\xef\xbf\xbd\"]");
	setara_buf_dispose(&b);
}
END_TEST

START_TEST(test_util_fs__atomic_write_replaces)
{
	char *dir = test_tmpdir(), *path = setara__path_join(dir, "o.txt");
	setara_buf b = SETARA_BUF_INIT;
	setara__strlist l = { NULL, 0, 0 };

	ck_assert_int_eq(setara__write_file_atomic(path, "one", 3, 0600), 0);
	ck_assert_int_eq(setara__write_file_atomic(path, "two!", 4, 0600), 0);
	ck_assert_int_eq(setara__read_file(&b, path, 0), 0);
	ck_assert_str_eq(b.ptr, "two!");
	/* No temporary file is left behind. */
	ck_assert_int_eq(setara__list_files(&l, dir, "", 0), 0);
	ck_assert_uint_eq(l.count, 1);
	/* A directory that does not exist: an I/O error, nothing written. */
	ck_assert_int_eq(setara__write_file_atomic("/nonexistent/x", "a", 1,
		0), SETARA_EIO);
	setara__strlist_dispose(&l);
	setara_buf_dispose(&b);
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
}
END_TEST

/* The 48-bit millisecond time at the head of a version 7 UUID. */
static unsigned long long uuid_ms(const char *urn)
{
	char hex[13];

	memcpy(hex, urn + 9, 8);
	memcpy(hex + 8, urn + 18, 4);
	hex[12] = '\0';
	return strtoull(hex, NULL, 16);
}

START_TEST(test_util_hash__uuid_is_version_7_in_time_order)
{
	char a[46], b[46], prev[46] = "";
	unsigned long long now;
	struct timespec ts;
	int i, k;

	ck_assert_int_eq(clock_gettime(CLOCK_REALTIME, &ts), 0);
	now = (unsigned long long)ts.tv_sec * 1000u +
		(unsigned long long)ts.tv_nsec / 1000000u;
	ck_assert_int_eq(setara__uuid_urn(a), 0);
	ck_assert_uint_eq(strlen(a), 45);
	ck_assert_int_eq(strncmp(a, "urn:uuid:", 9), 0);
	for (i = 9; i < 45; i++)
		if (i == 17 || i == 22 || i == 27 || i == 32)
			ck_assert_int_eq(a[i], '-');
		else
			ck_assert_ptr_nonnull(strchr("0123456789abcdef", a[i]));
	ck_assert_int_eq(a[23], '7');
	ck_assert_ptr_nonnull(strchr("89ab", a[28]));
	/* Its time is now (within a second of the clock read above). */
	ck_assert(uuid_ms(a) >= now && uuid_ms(a) < now + 1000);
	/* Ids made later sort after (by their time), and never repeat. */
	for (k = 0; k < 2000; k++) {
		ck_assert_int_eq(setara__uuid_urn(b), 0);
		ck_assert(uuid_ms(b) >= uuid_ms(a));
		ck_assert_str_ne(b, a);
		ck_assert_str_ne(b, prev);
		if (uuid_ms(b) > uuid_ms(a))
			ck_assert_int_gt(strcmp(b, a), 0);
		memcpy(prev, b, sizeof(prev));
	}
}
END_TEST

static Suite *util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc;

	tc = tcase_create("buf");
	tcase_add_test(tc, test_util_buf__grows_and_formats);
	tcase_add_test(tc, test_util_alloc__failure_is_reported);
	tcase_add_test(tc, test_util_error__keeps_file_line_field);
	suite_add_tcase(s, tc);
	tc = tcase_create("xml_safe");
	tcase_add_test(tc, test_util_xml_safe__parses_plain_xml);
	tcase_add_test(tc, test_util_xml_safe__rejects_doctype);
	tcase_add_test(tc, test_util_xml_safe__rejects_external_dtd);
	tcase_add_test(tc, test_util_xml_safe__undeclared_entity_is_an_error);
	tcase_add_test(tc, test_util_xml_safe__malformed_names_line);
	tcase_add_test(tc, test_util_xml_safe__rejects_nul_after_the_element);
	tcase_add_test(tc, test_util_xml_safe__size_limit);
	suite_add_tcase(s, tc);
	tc = tcase_create("time");
	tcase_add_test(tc, test_util_time__parses_dates);
	suite_add_tcase(s, tc);
	tc = tcase_create("json");
	tcase_add_test(tc, test_util_json__escapes_and_nests);
	tcase_add_test(tc, test_util_json__invalid_utf8_replaced);
	suite_add_tcase(s, tc);
	tc = tcase_create("hash");
	tcase_add_test(tc, test_util_hash__uuid_is_version_7_in_time_order);
	suite_add_tcase(s, tc);
	tc = tcase_create("fs");
	tcase_add_test(tc, test_util_fs__atomic_write_replaces);
	suite_add_tcase(s, tc);
	return s;
}

SETARA_CHECK_MAIN(util_suite)
