/*
 * Unit tests of the batch record reader (src/util/records.c).
 */
#include "check_common.h"
#include <libxml/c14n.h>
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

/* The next record, made a document as a worker would. */
static xmlDocPtr next_doc(setara__records *r, setara__record_pos *pos)
{
	setara__record rec;
	xmlDocPtr doc = NULL;

	ck_assert_int_eq(setara__records_next(r, &rec), 1);
	*pos = rec.pos;
	ck_assert_int_eq(setara__record_load(&doc, &rec), 0);
	ck_assert_ptr_nonnull(doc);
	setara__record_dispose(&rec);
	return doc;
}

static void expect_record(setara__records *r, const char *id, int line,
	unsigned long number)
{
	setara__record_pos pos;
	xmlDocPtr doc = next_doc(r, &pos);
	char *got;

	got = setara__xml_child_text(xmlDocGetRootElement(doc), "urn:t",
		"id");
	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, id);
	if (line)
		ck_assert_int_eq(pos.line, line);
	ck_assert_uint_eq(pos.number, number);
	setara__free(got);
	xmlFreeDoc(doc);
}

static void expect_end(setara__records *r)
{
	setara__record rec;

	ck_assert_int_eq(setara__records_next(r, &rec), 0);
	ck_assert_ptr_null(rec.data);
	ck_assert_ptr_null(rec.doc);
}

/* The canonical form of the next record. */
static char *next_c14n(setara__records *r)
{
	setara__record_pos pos;
	xmlDocPtr doc = next_doc(r, &pos);
	xmlChar *c = NULL;
	char *s;

	ck_assert_int_gt(xmlC14NDocDumpMemory(doc, NULL,
		XML_C14N_EXCLUSIVE_1_0, NULL, 0, &c), 0);
	s = setara__strdup((const char *)c);
	xmlFree(c);
	xmlFreeDoc(doc);
	return s;
}

/* Files of records, each read in order to its end: @total records (0:
 * not asked), those of @rec with their ids, their lines (0: not
 * checked) and their numbers (from 1). */
static const struct record_file {
	const char *name, *file, *text;
	unsigned long total;
	struct {
		const char *id;
		int line;
	} rec[4];
} record_files[] = {
	{ "batch file", "b.xml", "<?xml version='1.0'?>\n"
	  "<batch xmlns:t='urn:t'>\n"
	  "  <!-- first -->\n"
	  "  <t:rec><t:id>a</t:id></t:rec>\n"
	  "  <t:rec>\n    <t:id>b</t:id>\n  </t:rec>\n"
	  "  <t:rec><t:id>c</t:id></t:rec></batch>\n",
	  3, { { "a", 4 }, { "b", 5 }, { "c", 8 } } },
	{ "adjacent records", "b.xml",
	  "<batch><rec xmlns='urn:t'><id>a</id></rec>"
	  "<rec xmlns='urn:t'><id>b</id></rec></batch>",
	  0, { { "a", 0 }, { "b", 0 } } },
	{ "single record file", "one.xml",
	  "<rec xmlns='urn:t'><id>x</id></rec>\n",
	  0, { { "x", 0 } } },
	/* Latin-1 bytes: read with the streaming reader, not cut. */
	{ "other encoding", "l1.xml",
	  "<?xml version='1.0' encoding='ISO-8859-1'?>\n"
	  "<batch xmlns:t='urn:t'>\n<t:rec><t:id>caf\xe9</t:id></t:rec>\n"
	  "<t:rec><t:id>b</t:id></t:rec></batch>\n",
	  2, { { "caf\xc3\xa9", 3 }, { "b", 4 } } },
};

/* One row of record_files a run; the end is the end when asked again. */
START_TEST(test_util_records__file_yields_each_record)
{
	const struct record_file *c = &record_files[_i];
	char *p = file(c->file, c->text);
	setara__records *r;
	unsigned long i;

	ck_assert_msg(setara__records_open(&r, p) == 0, "%s: %s", c->name,
		setara_error_last()->message);
	if (c->total)
		ck_assert_msg(setara__records_total(r) == c->total,
			"%s: %lu records, expected %lu", c->name,
			(unsigned long)setara__records_total(r), c->total);
	for (i = 0; i < TEST_COUNT(c->rec) && c->rec[i].id; i++)
		expect_record(r, c->rec[i].id, c->rec[i].line, i + 1);
	expect_end(r);
	expect_end(r);
	setara__records_free(r);
	setara__free(p);
}
END_TEST

START_TEST(test_util_records__directory_in_name_order)
{
	setara__records *r;
	setara__record rec;
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
	ck_assert_int_eq(setara__records_next(r, &rec), 1);
	ck_assert_uint_eq(rec.pos.number, 3);
	ck_assert_int_eq(setara__record_load(&doc, &rec), SETARA_EINVALID);
	ck_assert_ptr_null(doc);
	ck_assert_ptr_nonnull(strstr(setara_error_last()->file, "3.xml"));
	setara__record_dispose(&rec);
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
	ck_assert_int_eq(setara_error_last()->line, 2);
	setara__free(p);
}
END_TEST

START_TEST(test_util_records__limits_before_the_parser)
{
	/* A record with 100,000 attributes, in UTF-8 and in ISO-8859-1 (the
	 * streaming reader's encoding), and one nested too deep: each is
	 * refused whole at once, with its line. */
	static const char *const decl[] = { "UTF-8", "ISO-8859-1" };
	setara_buf b = SETARA_BUF_INIT;
	setara__records *r;
	setara__record rec;
	char *p;
	int i, k;

	for (k = 0; k < 2; k++) {
		setara_buf_clear(&b);
		ck_assert_int_eq(setara_buf_printf(&b, "<?xml version='1.0' "
			"encoding='%s'?>\n<batch>\n<rec xmlns='urn:t'><id>a"
			"</id></rec>\n<rec xmlns='urn:t'", decl[k]), 0);
		for (i = 0; i < 100000; i++)
			ck_assert_int_eq(setara_buf_printf(&b, " a%d='%c'", i,
				'>'), 0);
		ck_assert_int_eq(setara_buf_puts(&b, "/>\n</batch>\n"), 0);
		p = file("b.xml", b.ptr);
		ck_assert_int_eq(setara__records_open(&r, p), SETARA_EINVALID);
		ck_assert_ptr_null(r);
		ck_assert_int_eq(setara_error_last()->line, 4);
		ck_assert_str_eq(setara_error_last()->field, "rec");
		ck_assert_str_eq(setara_error_last()->message, "more than 256 "
			"attributes on one element (the limit)");
		setara__free(p);
	}
	/* A file that passes at open and is rewritten before the records
	 * are cut: the second pass holds it to the limits too. */
	p = file("b.xml", "<batch>\n<rec xmlns='urn:t'><id>a</id></rec>\n"
		"</batch>\n");
	ck_assert_int_eq(setara__records_open(&r, p), 0);
	test_write(p, b.ptr);
	ck_assert_int_eq(setara__records_next(r, &rec), SETARA_EINVALID);
	ck_assert_str_eq(setara_error_last()->message, "more than 256 "
		"attributes on one element (the limit)");
	setara__record_dispose(&rec);
	ck_assert_int_eq(setara__records_next(r, &rec), 0);
	setara__records_free(r);
	setara__free(p);
	setara_buf_clear(&b);
	ck_assert_int_eq(setara_buf_puts(&b, "<batch>\n"), 0);
	for (i = 0; i < 300; i++)
		ck_assert_int_eq(setara_buf_puts(&b, "<rec>"), 0);
	p = file("b.xml", b.ptr);
	ck_assert_int_eq(setara__records_open(&r, p), SETARA_EINVALID);
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message,
		"nested deeper than 256"));
	setara__free(p);
	setara_buf_dispose(&b);
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

START_TEST(test_util_records__namespaces_of_the_batch_element)
{
	/* Declarations on <batch> reach each record; a record cut out of
	 * the file canonicalises exactly as the record in the file. */
	char *p = file("b.xml", "<?xml version='1.0' encoding='UTF-8'?>\r\n"
		"<b:batch xmlns:b='urn:b' xmlns='urn:t' xmlns:x='urn:x'"
		" xmlns:unused='urn:u'>\r\n"
		"<rec a='1&gt;0' x:b=\"it's\"\r\n  c='&#233;t&#xE9;'>"
		"<id>a</id><x:n>&lt;&amp;&gt;</x:n><![CDATA[<rec>]]>"
		"<!-- </rec> --></rec>\r\n"
		"<rec/><b:rec\r\n/><rec xmlns='urn:o'><id>d</id></rec>"
		"</b:batch>");
	setara__records *r;
	setara__record_pos pos;
	xmlDocPtr doc;
	char *c;

	ck_assert_int_eq(setara__records_open(&r, p), 0);
	ck_assert_uint_eq(setara__records_total(r), 4);
	c = next_c14n(r);
	ck_assert_str_eq(c, "<rec xmlns=\"urn:t\" xmlns:x=\"urn:x\" "
		"a=\"1>0\" c=\"\xc3\xa9t\xc3\xa9\" x:b=\"it's\"><id>a</id>"
		"<x:n>&lt;&amp;&gt;</x:n>&lt;rec&gt;</rec>");
	setara__free(c);
	c = next_c14n(r);
	ck_assert_str_eq(c, "<rec xmlns=\"urn:t\"></rec>");
	setara__free(c);
	doc = next_doc(r, &pos);
	ck_assert_int_eq(pos.line, 5);
	ck_assert_str_eq((const char *)xmlDocGetRootElement(doc)->ns->href,
		"urn:b");
	xmlFreeDoc(doc);
	c = next_c14n(r);
	ck_assert_str_eq(c, "<rec xmlns=\"urn:o\"><id>d</id></rec>");
	setara__free(c);
	expect_end(r);
	setara__records_free(r);
	setara__free(p);
}
END_TEST

START_TEST(test_util_records__many_records_across_reads)
{
	/* Records of every length, so that the reads of the file end at
	 * every place inside a tag; each must come out whole. */
	setara_buf b = SETARA_BUF_INIT;
	setara__records *r;
	setara__record_pos pos;
	unsigned long i, n = 6000;
	char want[64], *got, *p;
	int line = 2;
	xmlDocPtr doc;

	ck_assert_int_eq(setara_buf_puts(&b, "<batch xmlns:t='urn:t'>\n"), 0);
	for (i = 1; i <= n; i++) {
		ck_assert_int_eq(setara_buf_printf(&b, "<t:rec pad='%.*s'"
			"%s><t:id>r%lu</t:id></t:rec>%s", (int)(i % 23),
			"0123456789abcdefghijklm", i % 7 ? "" : "\n  ", i,
			i % 5 ? "" : "\n"), 0);
	}
	ck_assert_int_eq(setara_buf_puts(&b, "</batch>\n"), 0);
	p = file("big.xml", b.ptr);
	ck_assert_int_eq(setara__records_open(&r, p), 0);
	ck_assert_uint_eq(setara__records_total(r), n);
	for (i = 1; i <= n; i++) {
		doc = next_doc(r, &pos);
		got = setara__xml_child_text(xmlDocGetRootElement(doc),
			"urn:t", "id");
		snprintf(want, sizeof(want), "r%lu", i);
		ck_assert_str_eq(got, want);
		ck_assert_uint_eq(pos.number, i);
		ck_assert_int_eq(pos.line, line);
		line += (i % 7 == 0) + (i % 5 == 0);
		setara__free(got);
		xmlFreeDoc(doc);
	}
	expect_end(r);
	setara__records_free(r);
	setara__free(p);
	setara_buf_dispose(&b);
}
END_TEST

START_TEST(test_util_records__many_namespaces_on_the_batch_element)
{
	/* Forty declarations (and the xml prefix, declared as XML allows):
	 * a record gets those it uses, whatever their number. */
	setara_buf b = SETARA_BUF_INIT;
	setara__records *r;
	char *p, *c;
	int i;

	ck_assert_int_eq(setara_buf_puts(&b, "<batch xmlns='urn:t' "
		"xmlns:xml='http://www.w3.org/XML/1998/namespace'"), 0);
	for (i = 0; i < 40; i++)
		ck_assert_int_eq(setara_buf_printf(&b, " xmlns:p%d='urn:p%d'",
			i, i), 0);
	ck_assert_int_eq(setara_buf_puts(&b, "><rec xml:lang='ms' "
		"p39:a='1'><id>a</id><p0:x/></rec></batch>"), 0);
	ck_assert_int_eq(setara_buf_put(&b, "", 1), 0);
	p = file("ns.xml", b.ptr);
	ck_assert_int_eq(setara__records_open(&r, p), 0);
	c = next_c14n(r);
	ck_assert_str_eq(c, "<rec xmlns=\"urn:t\" xmlns:p39=\"urn:p39\" "
		"xml:lang=\"ms\" p39:a=\"1\"><id>a</id>"
		"<p0:x xmlns:p0=\"urn:p0\"></p0:x></rec>");
	setara__free(c);
	expect_end(r);
	setara__records_free(r);
	setara__free(p);
	setara_buf_dispose(&b);
}
END_TEST

START_TEST(test_util_records__error_lines_count_from_the_record)
{
	/* An undeclared prefix is a namespace error, not a malformed file:
	 * that record fails when it is made a document, with the line
	 * counted from its own first line; the others are unharmed. */
	char *p = file("b.xml", "<batch>\n<rec xmlns='urn:t'><id>a</id>"
		"</rec>\n<rec>\n<p:x/></rec>\n<rec xmlns='urn:t'><id>c</id>"
		"</rec>\n</batch>\n");
	setara__records *r;
	setara__record rec;
	xmlDocPtr doc;

	ck_assert_int_eq(setara__records_open(&r, p), 0);
	expect_record(r, "a", 2, 1);
	ck_assert_int_eq(setara__records_next(r, &rec), 1);
	ck_assert_int_eq(rec.pos.line, 3);
	ck_assert_int_eq(setara__record_load(&doc, &rec), SETARA_EINVALID);
	ck_assert_int_eq(setara_error_last()->line, 2);
	setara__record_dispose(&rec);
	expect_record(r, "c", 5, 3);
	expect_end(r);
	setara__records_free(r);
	setara__free(p);
}
END_TEST

static Suite *records_suite(void)
{
	const test_def tests[] = {
		{ "records", test_util_records__file_yields_each_record },
		{ "records", test_util_records__directory_in_name_order },
		{ "records", test_util_records__doctype_refused },
		{ "records", test_util_records__malformed_stops_with_line },
		{ "records", test_util_records__limits_before_the_parser },
		{ "records",
		  test_util_records__namespaces_of_the_batch_element },
		{ "records", test_util_records__many_records_across_reads },
		{ "records",
		  test_util_records__many_namespaces_on_the_batch_element },
		{ "records",
		  test_util_records__error_lines_count_from_the_record },
	};
	const test_case_opts opts[] = {
		{ "*", 0, NULL, NULL, setup, teardown },
	};

	const test_loop loops[] = {
		{ test_util_records__file_yields_each_record,
		  (int)TEST_COUNT(record_files) },
	};

	return TEST_SUITE_LOOPS("records", tests, opts, loops);
}

SETARA_CHECK_MAIN(records_suite)
