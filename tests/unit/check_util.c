/*
 * Unit tests of src/util: buffers, errors, the safe XML loader, time,
 * JSON, ids, atomic files.
 */
#include <pthread.h>
#include <sys/stat.h>
#include <time.h>

#include "check_common.h"
#include "util/xml_limits.h"

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

/* An array grows to twice its room only when full; out of memory, it stays
 * as it was. */
START_TEST(test_util_alloc__grow_doubles_when_full)
{
	int *v = NULL, *g;
	size_t n, alloc = 0;

	for (n = 0; n < 20; n++) {
		g = setara__grow(v, &alloc, n, sizeof(*v), 4);
		ck_assert_ptr_nonnull(g);
		v = g;
		v[n] = (int)n;
		ck_assert_uint_eq(alloc, n < 4 ? 4 : n < 8 ? 8 : n < 16 ? 16 :
			32);
	}
	ck_assert_ptr_eq(setara__grow(v, &alloc, 31, sizeof(*v), 4), v);
	setara__alloc_fail_after(0);
	ck_assert_ptr_null(setara__grow(v, &alloc, 32, sizeof(*v), 4));
	setara__alloc_fail_after(-1);
	ck_assert_int_eq(setara_error_last()->code, SETARA_ENOMEM);
	ck_assert_uint_eq(alloc, 32);
	for (n = 0; n < 20; n++)
		ck_assert_int_eq(v[n], (int)n);
	ck_assert_ptr_null(setara__grow(v, &alloc, 32, (size_t)-1 / 32, 4));
	ck_assert_uint_eq(alloc, 32);
	setara__free(v);
	setara_error_clear();
}
END_TEST

/* setara__asprintf (and so setara__vasprintf): "" for an empty result,
 * NULL only after an error. */
START_TEST(test_util_alloc__vasprintf)
{
	char *s = setara__asprintf("%s-%d", "a", 7);

	ck_assert_str_eq(s, "a-7");
	setara__free(s);
	s = setara__asprintf("%s", "");
	ck_assert_str_eq(s, "");
	setara__free(s);
	setara__alloc_fail_after(0);
	ck_assert_ptr_null(setara__asprintf("%s", "x"));
	setara__alloc_fail_after(-1);
	ck_assert_int_eq(setara_error_last()->code, SETARA_ENOMEM);
	setara_error_clear();
}
END_TEST

/* Enumeration names both ways; a value without a name, a value out of the
 * table and an unknown name all give the default. */
START_TEST(test_util_names__both_ways)
{
	static const char *const names[] = { [0] = "zero", [2] = "two" };

	ck_assert_int_eq(setara__name_find(names, 3, "two", -1), 2);
	ck_assert_int_eq(setara__name_find(names, 3, "one", -1), -1);
	ck_assert_int_eq(setara__name_find(names, 3, NULL, 7), 7);
	ck_assert_str_eq(setara__name_of(names, 3, 0, "?"), "zero");
	ck_assert_str_eq(setara__name_of(names, 3, 1, "?"), "?");
	ck_assert_str_eq(setara__name_of(names, 3, 3, "?"), "?");
	ck_assert_str_eq(setara__name_of(names, 3, -1, "?"), "?");
	ck_assert_int_eq(setara__confidence("medium"),
		SETARA_CONFIDENCE_MEDIUM);
	ck_assert_int_eq(setara__confidence("certain"),
		SETARA_CONFIDENCE_UNKNOWN);
	ck_assert_str_eq(setara__confidence_name(SETARA_CONFIDENCE_HIGH),
		"high");
	ck_assert_str_eq(setara__confidence_name((setara_confidence)9),
		"unknown");
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

/* A JSON writer and the buffer it writes to. */
typedef struct json_out {
	setara_buf b;
	setara__json j;
} json_out;

static void json_begin(json_out *o)
{
	const setara_buf empty = SETARA_BUF_INIT;

	o->b = empty;
	setara__json_init(&o->j, &o->b, 0);
}

/* The end of a writer: no error, and @want written. */
static void json_end(json_out *o, const char *want)
{
	ck_assert_int_eq(setara__json_error(&o->j), 0);
	ck_assert_str_eq(o->b.ptr, want);
	setara_buf_dispose(&o->b);
}

START_TEST(test_util_json__escapes_and_nests)
{
	json_out o;

	json_begin(&o);
	setara__json_obj_open(&o.j, NULL);
	setara__json_str(&o.j, "s", "a\"b\\c\n\x01");
	setara__json_arr_open(&o.j, "l");
	setara__json_int(&o.j, NULL, 1);
	setara__json_raw(&o.j, NULL, "2.25");
	setara__json_null(&o.j, NULL);
	setara__json_arr_close(&o.j);
	setara__json_obj_open(&o.j, "o");
	setara__json_obj_close(&o.j);
	setara__json_obj_close(&o.j);
	json_end(&o,
		"{\"s\":\"a\\\"b\\\\c\\n\\u0001\",\"l\":[1,2.25,null],"
		"\"o\":{}}");
}
END_TEST

/* Well-formed UTF-8 passes; any other byte >= 0x80 becomes U+FFFD, so
 * that a path or name in another encoding never makes the output invalid
 * JSON. */
START_TEST(test_util_json__invalid_utf8_replaced)
{
	json_out o;

	json_begin(&o);
	setara__json_arr_open(&o.j, NULL);
	/* Latin-1 e-acute; UTF-8 e-acute; a surrogate; an emoji; an
	 * overlong '/'; a truncated euro sign at the end. */
	setara__json_str(&o.j, NULL, "caf\xe9|\xc3\xa9|\xed\xa0\x80|"
		"\xf0\x9f\x98\x80|\xc0\xaf|\xe2\x82");
	setara__json_arr_close(&o.j);
	json_end(&o, "[\"caf\xef\xbf\xbd|\xc3\xa9|"
		"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd|\xf0\x9f\x98\x80|"
		"\xef\xbf\xbd\xef\xbf\xbd|\xef\xbf\xbd\xef\xbf\xbd\"]");
}
END_TEST

/* A message quoting hostile text: control characters (a terminal's
 * escape sequences) and each byte of a malformed or cut character become
 * '?'; well-formed UTF-8 and the rest of ASCII stay as they were. */
START_TEST(test_util_printable__controls_and_cut_characters)
{
	char s[] = "a\x1b]0;t\x07|\t\n\x7f|\xc3\xa9|\xf0\x9f\x98\x80|"
		"caf\xe9|\xed\xa0\x80|\xe2\x82";

	ck_assert_ptr_null(setara__printable(NULL));
	ck_assert_ptr_eq(setara__printable(s), s);
	ck_assert_str_eq(s, "a?]0;t?|???|\xc3\xa9|\xf0\x9f\x98\x80|caf?|"
		"???|??");
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

/* ---- limits (util/xml_limits.c) ------------------------------------- */

/* A start tag with @n attributes (the first @ns of them declarations),
 * in a document element: "<r><e a0='v' ...></e></r>". */
static char *with_attrs(int n, int ns, const char *value)
{
	setara_buf b = SETARA_BUF_INIT;
	int i;

	ck_assert_int_eq(setara_buf_puts(&b, "<r>\n<e"), 0);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(i < ns ?
			setara_buf_printf(&b, " xmlns:p%d='urn:x:%d'", i, i) :
			setara_buf_printf(&b, " a%d=\"%s\"", i, value), 0);
	ck_assert_int_eq(setara_buf_puts(&b, "/>\n</r>\n"), 0);
	return setara_buf_detach(&b);
}

/* @text in UTF-16 (LE or BE, with a byte order mark or not); *len bytes. */
static char *utf16(const char *text, int be, int bom, size_t *len)
{
	size_t n = strlen(text), i, o = 0;
	char *u = malloc(2 * n + 2);

	if (bom) {
		u[o++] = be ? '\xfe' : '\xff';
		u[o++] = be ? '\xff' : '\xfe';
	}
	for (i = 0; i < n; i++) {
		u[o++] = be ? '\0' : text[i];
		u[o++] = be ? text[i] : '\0';
	}
	*len = o;
	return u;
}

static int scan(const char *text)
{
	return setara__xml_scan_mem(text, strlen(text), "t.xml");
}

static void assert_refused(int rc, int line, const char *what)
{
	ck_assert_int_eq(rc, SETARA_EINVALID);
	ck_assert_int_eq(setara_error_last()->line, line);
	ck_assert_str_eq(setara_error_last()->file, "t.xml");
	ck_assert_msg(strstr(setara_error_last()->message, what) != NULL,
		"'%s' not in '%s'", what, setara_error_last()->message);
}

START_TEST(test_util_xml_limits__attributes_at_and_past_the_limit)
{
	char *at = with_attrs(SETARA_XML_MAX_ATTRS, 0, "v");
	char *past = with_attrs(SETARA_XML_MAX_ATTRS + 1, 0, "v");
	xmlDocPtr doc = NULL;

	ck_assert_int_eq(scan(at), 0);
	ck_assert_int_eq(parse(at, &doc), 0);
	xmlFreeDoc(doc);
	assert_refused(scan(past), 2, "more than 256 attributes");
	ck_assert_str_eq(setara_error_last()->field, "e");
	assert_refused(parse(past, &doc), 2, "more than 256 attributes");
	ck_assert_ptr_null(doc);
	free(at);
	free(past);
}
END_TEST

START_TEST(test_util_xml_limits__declarations_at_and_past_the_limit)
{
	char *at = with_attrs(SETARA_XML_MAX_NSDECLS + 1,
		SETARA_XML_MAX_NSDECLS, "v");
	char *past = with_attrs(SETARA_XML_MAX_NSDECLS + 1,
		SETARA_XML_MAX_NSDECLS + 1, "v");
	setara_buf b = SETARA_BUF_INIT;
	int i, k;

	ck_assert_int_eq(scan(at), 0);
	assert_refused(scan(past), 2, "more than 64 namespace declarations "
		"on one element");
	/* In scope: four levels of 64 are the limit, one more is past;
	 * an element closed gives its declarations back. */
	for (k = 0; k < 5; k++) {
		ck_assert_int_eq(setara_buf_puts(&b, k == 4 ? "</e3>\n<e3" :
			"<e"), 0);
		for (i = 0; i < 64; i++)
			ck_assert_int_eq(setara_buf_printf(&b,
				" xmlns:p%d_%d='urn:x'", k, i), 0);
		ck_assert_int_eq(setara_buf_puts(&b, ">"), 0);
		if (k >= 3) {
			ck_assert_int_eq(setara_buf_puts(&b, "<x a='1'/>"), 0);
			ck_assert_int_eq(scan(b.ptr), 0);
		}
	}
	ck_assert_int_eq(setara_buf_puts(&b, "<y xmlns='urn:y'/>"), 0);
	assert_refused(scan(b.ptr), 2, "more than 256 namespace declarations "
		"in scope");
	setara_buf_dispose(&b);
	free(at);
	free(past);
}
END_TEST

START_TEST(test_util_xml_limits__depth_at_and_past_the_limit)
{
	setara_buf b = SETARA_BUF_INIT;
	int i;

	for (i = 0; i < SETARA_XML_MAX_DEPTH - 1; i++)
		ck_assert_int_eq(setara_buf_puts(&b, i % 2 ? "<a>" :
			"<b x='>'>"), 0);
	/* Siblings do not nest; empty elements close at once. */
	ck_assert_int_eq(setara_buf_puts(&b, "<c/><c></c>\n<c/>"), 0);
	ck_assert_int_eq(scan(b.ptr), 0);
	ck_assert_int_eq(setara_buf_puts(&b, "<c><deep>"), 0);
	assert_refused(scan(b.ptr), 2, "nested deeper than 256");
	setara_buf_dispose(&b);
}
END_TEST

START_TEST(test_util_xml_limits__text_at_and_past_the_limit)
{
	static const char *const shape[][2] = {
		{ "<r>", "</r>" }, { "<r a='", "'/>" },
		{ "<r><![CDATA[", "]]></r>" }, { "<!--", "--><r/>" },
		{ "<?", "?><r/>" }
	};
	static const char *const what[] = { "a text node", "an attribute "
		"value", "a CDATA section", "a comment", "a processing "
		"instruction" };
	size_t max = SETARA_XML_MAX_TEXT, i, open;
	char *doc = malloc(max + 64);

	for (i = 0; i < 5; i++) {
		open = strlen(shape[i][0]);
		memcpy(doc, shape[i][0], open);
		memset(doc + open, 'x', max + 1);
		doc[open + max] = '\0';
		strcat(doc + open, shape[i][1]);
		ck_assert_msg(scan(doc) == 0, "%s: %s", what[i],
			setara_error_last()->message);
		memset(doc + open, 'x', max + 1);
		doc[open + max + 1] = '\0';
		strcat(doc + open, shape[i][1]);
		assert_refused(scan(doc), 1, what[i]);
	}
	free(doc);
}
END_TEST

START_TEST(test_util_xml_limits__values_and_markup_hide_nothing)
{
	/* '>' and the other quote inside values, '=' and '<' in comments,
	 * processing instructions and CDATA: none of it is an attribute. */
	static const char head[] = "<?xml version='1.0'?>\n"
		"<r a='x>y\"=z' b=\"'>'='\">\n"
		"<!-- <e a='1' b=2 -- -> <f>\"'= --><?pi <g a='1'> ?x?>"
		"<![CDATA[<h a='1'>]]]]><i j=\"k\"/>\n";
	setara_buf b = SETARA_BUF_INIT;
	char *at = with_attrs(SETARA_XML_MAX_ATTRS, 0, "x>'y");
	char *past = with_attrs(SETARA_XML_MAX_ATTRS + 1, 0, "x>'=y");

	ck_assert_int_eq(setara_buf_puts(&b, head), 0);
	ck_assert_int_eq(setara_buf_puts(&b, at), 0);
	ck_assert_int_eq(setara_buf_puts(&b, "</r>"), 0);
	ck_assert_int_eq(scan(b.ptr), 0);
	setara_buf_clear(&b);
	ck_assert_int_eq(setara_buf_puts(&b, head), 0);
	ck_assert_int_eq(setara_buf_puts(&b, past), 0);
	ck_assert_int_eq(setara_buf_puts(&b, "</r>"), 0);
	assert_refused(scan(b.ptr), 5, "more than 256 attributes");
	/* A '<' in a value ends the tag for libxml2, which may read on:
	 * the tag after it is counted. */
	setara_buf_clear(&b);
	ck_assert_int_eq(setara_buf_puts(&b, "<r a='"), 0);
	ck_assert_int_eq(setara_buf_puts(&b, past + 4), 0);
	assert_refused(scan(b.ptr), 1, "more than 256 attributes");
	setara_buf_dispose(&b);
	free(at);
	free(past);
}
END_TEST

START_TEST(test_util_xml_limits__every_chunk_boundary)
{
	static const char ok[] = "\xef\xbb\xbf<?xml version=\"1.0\" "
		"encoding=\"UTF-8\"?>\r\n<r xmlns='urn:x' a=\"1>\">"
		"<!--c--><?p x?><![CDATA[<]]>\xe0\xb8\x81<e b='2'/></r>";
	static const char ok16[] = "<?xml version=\"1.0\" "
		"encoding=\"UTF-16\"?>\r\n<r xmlns='urn:x' a=\"1>\">"
		"<!--c--><?p x?><![CDATA[<]]>\xe0\xb8\x81<e b='2'/></r>";
	static const char bad[] = "<?xml version='1.0'?>\n<r>\n<!-- -->"
		"<e><f><g/></f></e></r>";
	setara__xml_scanner s;
	char *u;
	size_t i, len;
	int be;

	for (i = 0; i <= sizeof(ok) - 1; i++) {
		setara__xml_scan_init(&s, "t.xml");
		ck_assert_int_eq(setara__xml_scan(&s, ok, i), 0);
		ck_assert_int_eq(setara__xml_scan(&s, ok + i,
			sizeof(ok) - 1 - i), 0);
		ck_assert_int_eq(setara__xml_scan_end(&s), 0);
		ck_assert_int_eq(s.depth, 0);
		ck_assert_int_eq(s.line, 2);
	}
	/* One byte at a time, in UTF-16 both ways. */
	for (be = 0; be < 2; be++) {
		u = utf16(ok16, be, 1, &len);
		setara__xml_scan_init(&s, "t.xml");
		for (i = 0; i < len; i++)
			ck_assert_int_eq(setara__xml_scan(&s, u + i, 1), 0);
		ck_assert_int_eq(setara__xml_scan_end(&s), 0);
		ck_assert_int_eq(s.depth, 0);
		free(u);
	}
	/* A depth limit of 2 past is found wherever the input is cut: with
	 * one level less allowed, the document's three are too many. */
	for (i = 0; i <= sizeof(bad) - 1; i++) {
		setara__xml_scan_init(&s, "t.xml");
		s.depth = SETARA_XML_MAX_DEPTH - 3;
		ck_assert_int_eq(setara__xml_scan(&s, bad, i) < 0 ||
			setara__xml_scan(&s, bad + i, sizeof(bad) - 1 - i) < 0,
			1);
		ck_assert_int_eq(setara_error_last()->line, 3);
		ck_assert_str_eq(setara_error_last()->message,
			"elements nested deeper than 256 (the limit)");
	}
}
END_TEST

START_TEST(test_util_xml_limits__utf16_is_read_in_units)
{
	char *past = with_attrs(SETARA_XML_MAX_ATTRS + 1, 0, "v");
	char *at = with_attrs(SETARA_XML_MAX_ATTRS, 0, "v");
	char *decl = setara__asprintf("<?xml version='1.0' "
		"encoding='UTF-16'?>\n%s", past);
	char *u;
	size_t len;
	int be, bom;
	xmlDocPtr doc = NULL;

	for (be = 0; be < 2; be++)
		for (bom = 0; bom < 2; bom++) {
			/* without a byte order mark, only "<?" tells */
			u = utf16(bom ? past : decl, be, bom, &len);
			assert_refused(setara__xml_scan_mem(u, len, "t.xml"),
				bom ? 2 : 3, "more than 256 attributes");
			ck_assert_int_eq(setara__xml_parse_mem(&doc, u, len,
				"t.xml"), SETARA_EINVALID);
			free(u);
			u = utf16(at, be, 1, &len);
			ck_assert_int_eq(setara__xml_parse_mem(&doc, u, len,
				"t.xml"), 0);
			xmlFreeDoc(doc);
			doc = NULL;
			free(u);
		}
	free(decl);
	free(at);
	free(past);
}
END_TEST

START_TEST(test_util_xml_limits__encodings_that_would_fool_it)
{
	static const char *const refused[][2] = {
		/* UCS-4, both byte orders and the odd ones */
		{ "\0\0\0<\0\0\0a", "UCS-4" }, { "<\0\0\0a\0\0\0", "UCS-4" },
		{ "\0\0<\0\0\0a\0", "UCS-4" }, { "\0<\0\0\0a\0\0", "UCS-4" },
		{ "\0\0\xfe\xff\0\0\0<", "UCS-4" },
		{ "\xff\xfe\0\0<\0\0\0", "UCS-4" },
		/* EBCDIC "<?xm" */
		{ "\x4c\x6f\xa7\x94", "EBCDIC" },
	};
	static const char *const declared[] = { "UTF-7", "UTF-16",
		"UTF-16LE", "UTF-32", "ISO-2022-JP", "Shift_JIS", "IBM037",
		"BIG5" };
	static const char *const accepted[] = { "UTF-8", "utf-8",
		"ISO-8859-1", "iso-8859-11", "windows-1258", "TIS-620",
		"US-ASCII", "EUC-JP" };
	char *doc, *u;
	size_t i, len;

	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		ck_assert_int_eq(setara__xml_scan_mem(refused[i][0], 8,
			"t.xml"), SETARA_EINVALID);
		ck_assert_ptr_nonnull(strstr(setara_error_last()->message,
			refused[i][1]));
		ck_assert_str_eq(setara_error_last()->field, "encoding");
	}
	for (i = 0; i < sizeof(declared) / sizeof(declared[0]); i++) {
		doc = setara__asprintf("<?xml version='1.0' encoding = "
			"\"%s\" ?><r/>", declared[i]);
		assert_refused(scan(doc), 1, "is not accepted");
		setara__free(doc);
	}
	for (i = 0; i < sizeof(accepted) / sizeof(accepted[0]); i++) {
		doc = setara__asprintf("<?xml version='1.0' "
			"encoding='%s'?><r/>", accepted[i]);
		ck_assert_int_eq(scan(doc), 0);
		setara__free(doc);
	}
	/* UTF-16 that declares another encoding: libxml2 would switch. */
	u = utf16("<?xml version='1.0' encoding='ISO-8859-1'?><r/>", 0, 1,
		&len);
	assert_refused(setara__xml_scan_mem(u, len, "t.xml"), 1,
		"declares the encoding ISO-8859-1");
	free(u);
	u = utf16("<?xml version='1.0' encoding='UTF-16BE'?><r/>", 0, 1,
		&len);
	ck_assert_int_eq(setara__xml_scan_mem(u, len, "t.xml"),
		SETARA_EINVALID);
	free(u);
	u = utf16("<?xml version='1.0' encoding='utf-16le'?><r/>", 0, 1,
		&len);
	ck_assert_int_eq(setara__xml_scan_mem(u, len, "t.xml"), 0);
	free(u);
	/* Only the declaration at the very start counts; short inputs. */
	ck_assert_int_eq(scan("<?xml-stylesheet encoding='UTF-7'?><r/>"), 0);
	ck_assert_int_eq(scan("<r/>"), 0);
	ck_assert_int_eq(scan("<r"), 0);
	ck_assert_int_eq(scan(""), 0);
	ck_assert_int_eq(setara__xml_scan_mem("\xff\xfe", 2, "t.xml"), 0);
	assert_refused(scan("<r/>\n<!DOCTYPE r>"), 2, "DOCTYPE");
	ck_assert_str_eq(setara_error_last()->field, "DOCTYPE");
}
END_TEST

/*
 * One scan of @data, with whole tokens taken at once (@slow 0, in pieces
 * cut at @cut if not 0) or by runs and single characters only (@slow 1):
 * what it said and where it ended, as text to compare.
 */
static char *scan_outcome(const char *data, size_t len, int slow, size_t cut)
{
	setara__xml_scanner s;
	const setara_error *e;
	size_t i, n;
	int rc = 0;

	setara_error_clear();
	setara__xml_scan_init(&s, "t.xml");
	s.slow = slow;
	for (i = 0; i < len && rc == 0; i += n) {
		n = cut && len - i > cut ? cut : len - i;
		rc = setara__xml_scan(&s, data + i, n);
	}
	if (rc == 0)
		rc = setara__xml_scan_end(&s);
	if (rc < 0) {
		e = setara_error_last();
		return setara__asprintf("refused line %d field %s: %s",
			e->line, e->field ? e->field : "-", e->message);
	}
	return setara__asprintf("accepted line %d depth %u scope %u state %d "
		"run %zu", s.line, s.depth, s.scope, s.state, s.run);
}

static void assert_scans_agree(const char *data, size_t len,
	const char *label)
{
	static const size_t cuts[] = { 1, 7, 64, 1000 };
	char *want = scan_outcome(data, len, 1, 0), *got;
	size_t i;

	for (i = 0; i <= sizeof(cuts) / sizeof(cuts[0]); i++) {
		got = scan_outcome(data, len, 0, i ? cuts[i - 1] : 0);
		ck_assert_msg(strcmp(want, got) == 0, "%s (cut %zu): by runs "
			"'%s', by tokens '%s'", label, i ? cuts[i - 1] : 0,
			want, got);
		setara__free(got);
	}
	setara__free(want);
}

/*
 * The tokens the scanner takes whole change nothing: on every input of the
 * tests and fuzz corpora, on some of them with markup characters written
 * over them, and at the limits, it refuses what reading by runs and single
 * characters refuses, with the same message, line and field, and accepts
 * the rest in the same state, however the input is cut.
 */
START_TEST(test_util_xml_limits__tokens_taken_whole_as_stepped)
{
	static const char marks[] = "<>\"'=/\r\n!?";
	setara_buf doc = SETARA_BUF_INIT;
	char cmd[1024], line[1024], label[1100], *big, *m;
	const size_t max = SETARA_XML_MAX_TEXT;
	size_t n, i, k, step, files = 0;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "cd '%s' && find tests/unit/data "
		"tests/e2e fuzz/corpus examples -type f -size -1024k | sort",
		test_top());
	ck_assert_ptr_nonnull(f = popen(cmd, "r"));
	while (fgets(line, sizeof(line), f)) {
		if ((n = strlen(line)) > 0 && line[n - 1] == '\n')
			line[n - 1] = '\0';
		m = setara__path_join(test_top(), line);
		setara_buf_clear(&doc);
		ck_assert_int_eq(setara__read_file(&doc, m, 0), 0);
		setara__free(m);
		files++;
		assert_scans_agree(doc.ptr ? doc.ptr : "", doc.size, line);
		/* Markup written over a few files, 32 places each. */
		if (doc.size == 0 || doc.size > 16384 ||
		    (strstr(line, "fuzz_xml") == NULL &&
		    strstr(line, "transcript.xml") == NULL &&
		    strstr(line, "limits") == NULL))
			continue;
		step = doc.size / 32 ? doc.size / 32 : 1;
		for (i = 0; i < doc.size; i += step)
			for (k = 0; marks[k]; k++) {
				m = setara__malloc(doc.size);
				memcpy(m, doc.ptr, doc.size);
				m[i] = marks[k];
				snprintf(label, sizeof(label), "%s, byte %zu "
					"as %d", line, i, marks[k]);
				assert_scans_agree(m, doc.size, label);
				setara__free(m);
			}
	}
	pclose(f);
	ck_assert_uint_gt(files, 100);
	/* Runs at and past the limit, starting on a line of their own. */
	big = setara__calloc(1, max + 64);
	memcpy(big, "<r>\n", 4);
	memset(big + 4, 'x', max + 1);
	memcpy(big + 4 + max + 1, "</r>", 4);
	assert_scans_agree(big, max + 9, "text past the limit");
	assert_scans_agree(big, max + 8 - 1, "text at the limit");
	memcpy(big, "<r a='", 6);
	big[6] = '\n';
	memset(big + 7, 'x', max + 1);
	memcpy(big + 7 + max + 1, "'/>", 3);
	assert_scans_agree(big, max + 11, "a value past the limit");
	setara__free(big);
	setara_buf_dispose(&doc);
}
END_TEST

START_TEST(test_util_xml_limits__refused_in_milliseconds)
{
	char *big = with_attrs(100000, 0, "x");
	char *dir = test_tmpdir(), *path = setara__path_join(dir, "big.xml");
	struct timespec t0, t1;
	xmlDocPtr doc = NULL;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_int_eq(setara__xml_parse_mem(&doc, big, strlen(big),
		"t.xml"), SETARA_EINVALID);
	test_write(path, big);
	ck_assert_int_eq(setara__xml_parse_file(&doc, path, 0),
		SETARA_EINVALID);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ck_assert_int_lt(t1.tv_sec - t0.tv_sec, 2);
	unlink(path);
	rmdir(dir);
	setara__free(path);
	free(dir);
	free(big);
}
END_TEST

/* ---- the library's set-up (src/lib.c) and its clock ------------------- */

static void *init_many(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 200; i++) {
		if (setara_init() < 0)
			return arg;
		setara_shutdown();
	}
	return NULL;
}

START_TEST(test_util_init__counted_from_threads)
{
	pthread_t t[4];
	setara_store *st = NULL;
	char *dir = test_tmpdir(), db[512];
	void *r;
	int i;

	for (i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, init_many, NULL),
			0);
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(pthread_join(t[i], &r), 0);
		ck_assert_ptr_null(r);
	}
	/* main()'s setara_init() still holds: the store still opens */
	snprintf(db, sizeof(db), "%s/store.db", dir);
	ck_assert_int_eq(setara_store_open(&st, db, 0), 0);
	setara_store_free(st);
	free(dir);
}
END_TEST

START_TEST(test_util_time__clock_set_not_the_environment)
{
	setenv("SETARA_NOW", "2001-02-03T04:05:06Z", 1);
	setara_clock_set(0);
	ck_assert(setara__time_now() > 1700000000);
	setara_clock_set(86400);
	ck_assert_int_eq((long long)setara__time_now(), 86400);
	setara_clock_set(0);
	unsetenv("SETARA_NOW");
}
END_TEST

/* Entry points refuse options of a version they do not know. */
START_TEST(test_util_init__unknown_options_version_refused)
{
	setara_credit_convert_options co = SETARA_CREDIT_CONVERT_OPTIONS_INIT;
	setara_grade_convert_options go = SETARA_GRADE_CONVERT_OPTIONS_INIT;
	setara_mrs_options mo = SETARA_MRS_OPTIONS_INIT;
	setara_credit_result *cr = NULL;
	setara_grade_result *gr = NULL;
	setara_mrs_decision *md = NULL;
	setara_store *st = NULL;
	char *dir = test_tmpdir(), db[512];

	snprintf(db, sizeof(db), "%s/store.db", dir);
	ck_assert_int_eq(setara_store_open(&st, db, 0), 0);
	co.version = go.version = mo.version = 99;
	ck_assert_int_eq(setara_credit_convert(&cr, st, "a", "b", "1", &co),
		SETARA_EUSAGE);
	ck_assert_int_eq(setara_grade_convert(&gr, st, "a", "b", "1", &go),
		SETARA_EUSAGE);
	ck_assert_int_eq(setara_mrs_check(&md, st, NULL, "x.xml", "o", &mo),
		SETARA_EUSAGE);
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message,
		"SETARA_MRS_OPTIONS_INIT"));
	setara_error_clear();
	setara_store_free(st);
	free(dir);
}
END_TEST

static Suite *util_suite(void)
{
	const test_def tests[] = {
		{ "buf", test_util_buf__grows_and_formats },
		{ "buf", test_util_alloc__failure_is_reported },
		{ "buf", test_util_alloc__grow_doubles_when_full },
		{ "buf", test_util_alloc__vasprintf },
		{ "buf", test_util_names__both_ways },
		{ "buf", test_util_error__keeps_file_line_field },
		{ "xml_safe", test_util_xml_safe__parses_plain_xml },
		{ "xml_safe", test_util_xml_safe__rejects_doctype },
		{ "xml_safe", test_util_xml_safe__rejects_external_dtd },
		{ "xml_safe",
		  test_util_xml_safe__undeclared_entity_is_an_error },
		{ "xml_safe", test_util_xml_safe__malformed_names_line },
		{ "xml_safe",
		  test_util_xml_safe__rejects_nul_after_the_element },
		{ "xml_safe", test_util_xml_safe__size_limit },
		{ "xml_limits",
		  test_util_xml_limits__attributes_at_and_past_the_limit },
		{ "xml_limits",
		  test_util_xml_limits__declarations_at_and_past_the_limit },
		{ "xml_limits",
		  test_util_xml_limits__depth_at_and_past_the_limit },
		{ "xml_limits",
		  test_util_xml_limits__text_at_and_past_the_limit },
		{ "xml_limits",
		  test_util_xml_limits__values_and_markup_hide_nothing },
		{ "xml_limits", test_util_xml_limits__every_chunk_boundary },
		{ "xml_limits", test_util_xml_limits__utf16_is_read_in_units },
		{ "xml_limits",
		  test_util_xml_limits__encodings_that_would_fool_it },
		{ "xml_limits", test_util_xml_limits__refused_in_milliseconds },
		{ "xml_limits",
		  test_util_xml_limits__tokens_taken_whole_as_stepped },
		{ "time", test_util_time__parses_dates },
		{ "time", test_util_time__clock_set_not_the_environment },
		{ "init", test_util_init__counted_from_threads },
		{ "init", test_util_init__unknown_options_version_refused },
		{ "json", test_util_json__escapes_and_nests },
		{ "json", test_util_json__invalid_utf8_replaced },
		{ "printable",
		  test_util_printable__controls_and_cut_characters },
		{ "hash", test_util_hash__uuid_is_version_7_in_time_order },
		{ "fs", test_util_fs__atomic_write_replaces },
	};
	const test_case_opts opts[] = {
		{ "xml_limits", 30, NULL, NULL, NULL, NULL },
	};

	return TEST_SUITE("util", tests, opts);
}

SETARA_CHECK_MAIN(util_suite)
