/*
 * Unit tests of VC 2.0 well-formedness (src/vc/wellformed.c) and of the
 * contexts setara ships (src/vc/contexts.c): every -ok input of the W3C
 * vc-data-model-2.0-test-suite accepted, every -fail input refused by
 * the rule the suite's test names, dateTimeStamps at their edges, the
 * shipped context files against their pins, and the verifier's reading
 * of contexts.  Vectors: tests/vectors/vc-data-model-2.0/ (its README).
 */
#include "check_common.h"
#include "vc/vc_int.h"

#define VECTORS "tests/vectors/vc-data-model-2.0"

static void slurp(setara_buf *out, const char *path)
{
	setara_buf_clear(out);
	ck_assert_msg(setara__read_file(out, path, 16u << 20) == 0,
		"cannot read %s", path);
}

/* @s with every @from replaced by @to, in @out. */
static void replace_all(setara_buf *out, const char *s, const char *from,
	const char *to)
{
	const char *p;

	setara_buf_clear(out);
	while ((p = strstr(s, from)) != NULL) {
		ck_assert_int_eq(setara_buf_put(out, s, (size_t)(p - s)), 0);
		ck_assert_int_eq(setara_buf_puts(out, to), 0);
		s = p + strlen(from);
	}
	ck_assert_int_eq(setara_buf_puts(out, s), 0);
}

/*
 * A vector's answer, read as the suite's issuer reads it (an issuer's
 * input: the issuer fills in its own id).  The two temporal vectors hold
 * "PAST DATE" and "FUTURE DATE", which the suite's testTemporality()
 * replaces by now minus and plus one year; here by fixed dates a year
 * either side of 2026-12-06.
 */
static void check_vector(setara_vc_wellformed_result *r, const char *path)
{
	setara_buf text = SETARA_BUF_INIT, a = SETARA_BUF_INIT;
	setara_buf b = SETARA_BUF_INIT;

	slurp(&text, path);
	replace_all(&a, text.ptr, "PAST DATE", "2025-12-06T00:00:00Z");
	replace_all(&b, a.ptr, "FUTURE DATE", "2027-12-06T00:00:00Z");
	ck_assert_int_eq(setara_vc_wellformed(r, b.ptr, b.size, path,
		SETARA_VC_WELLFORMED_INPUT), 0);
	setara_buf_dispose(&text);
	setara_buf_dispose(&a);
	setara_buf_dispose(&b);
}

/* The vectors of the suite ending in @suffix, both folders. */
static void vectors(setara__strlist *out, const char *suffix)
{
	char dir[1024];

	snprintf(dir, sizeof(dir), "%s/" VECTORS, test_top());
	ck_assert_int_eq(setara__list_files(out, dir, suffix, 1), 0);
}

START_TEST(test_vc_wellformed__suite_ok_vectors_accepted)
{
	setara_vc_wellformed_result r;
	setara__strlist l = { NULL, 0, 0 };
	size_t i;

	vectors(&l, "-ok.json");
	for (i = 0; i < l.count; i++) {
		check_vector(&r, l.items[i]);
		ck_assert_msg(r.wellformed, "%s refused: %s: %s", l.items[i],
			r.rule, r.reason);
	}
	/* 34 credential inputs and 20 of names and descriptions */
	ck_assert_uint_eq(l.count, 54);
	setara__strlist_dispose(&l);
}
END_TEST

/* Each -fail input and the rule that must refuse it: the suite's mocha
 * test that uses the file says which (tests/4.03-contexts.js ...). */
static const struct {
	const char *file, *rule;
} fails[] = {
	{ "credential-context-combo3-fail.json", "@context" },
	{ "credential-context-combo4-fail.json", "@context" },
	{ "credential-missing-base-context-fail-or-inject.json", "@context" },
	{ "credential-no-context-fail-or-inject.json", "@context" },
	{ "credential-redef-type-fail.json", "@context" },
	{ "credential-redef-type2-fail.json", "@context" },
	{ "credential-type-mapped-nonurl-fail.json", "@context" },
	{ "credential-id-multi-fail.json", "id" },
	{ "credential-id-nonidentifier-fail.json", "id" },
	{ "credential-id-not-url-fail.json", "id" },
	{ "credential-no-type-fail.json", "type" },
	{ "credential-missing-required-type-fail.json", "type" },
	{ "credential-type-unmapped-fail.json", "type" },
	{ "credential-issuer-no-url-fail.json", "issuer" },
	{ "credential-issuer-null-fail.json", "issuer" },
	{ "credential-issuer-object-id-no-url-fail.json", "issuer" },
	{ "credential-issuer-object-id-null-fail.json", "issuer" },
	/* its subject is {} (the issuer is the issuer's to fill in) */
	{ "credential-no-issuer-fail.json", "credentialSubject" },
	{ "credential-no-subject-fail.json", "credentialSubject" },
	{ "credential-subject-no-claims-fail.json", "credentialSubject" },
	{ "credential-subject-multiple-empty-fail.json", "credentialSubject" },
	{ "credential-id-subject-multi-fail.json", "credentialSubject" },
	{ "credential-validfrom-invalid-fail.json", "validFrom" },
	{ "credential-validuntil-invalid-fail.json", "validUntil" },
	{ "credential-validUntil-validFrom-fail.json", "validUntil" },
	{ "credential-status-missing-type-fail.json", "credentialStatus" },
	{ "credential-status-multiple-id-fail.json", "credentialStatus" },
	{ "credential-status-nonurl-id-fail.json", "credentialStatus" },
	{ "credential-status-type-nonurl-fail.json", "credentialStatus" },
	{ "credential-schema-no-id-fail.json", "credentialSchema" },
	{ "credential-schema-no-type-fail.json", "credentialSchema" },
	{ "credential-schema-non-url-id-fail.json", "credentialSchema" },
	{ "credential-evidence-missing-type-fail.json", "evidence" },
	{ "credential-refresh-no-type-fail.json", "refreshService" },
	{ "credential-termsofuse-missing-type-fail.json", "termsOfUse" },
	{ "credential-termsofuse-no-type-fail.json", "termsOfUse" },
	{ "credential-proof-missing-type-fail.json", "proof" },
	{ "credential-name-extra-prop-en-fail.json", "name" },
	{ "credential-description-extra-prop-en-fail.json", "description" },
	{ "issuer-name-extra-prop-en-fail.json", "issuer.name" },
	{ "issuer-description-extra-prop-en-fail.json",
	  "issuer.description" },
};

#define NFAILS (sizeof(fails) / sizeof(fails[0]))

static void fail_vectors(const char *suffix, size_t *seen)
{
	setara_vc_wellformed_result r;
	setara__strlist l = { NULL, 0, 0 };
	const char *base;
	size_t i, k;

	vectors(&l, suffix);
	for (i = 0; i < l.count; i++) {
		base = strrchr(l.items[i], '/') ? strrchr(l.items[i], '/') + 1 :
			l.items[i];
		for (k = 0; k < NFAILS && strcmp(fails[k].file, base); k++)
			;
		ck_assert_msg(k < NFAILS, "%s: no rule expected", base);
		check_vector(&r, l.items[i]);
		ck_assert_msg(!r.wellformed, "%s accepted", base);
		ck_assert_msg(strcmp(r.rule, fails[k].rule) == 0,
			"%s refused by %s (%s), not by %s", base, r.rule,
			r.reason, fails[k].rule);
		ck_assert(r.reason[0]);
		(*seen)++;
	}
	setara__strlist_dispose(&l);
}

START_TEST(test_vc_wellformed__suite_fail_vectors_refused_by_rule)
{
	size_t seen = 0;

	fail_vectors("-fail.json", &seen);
	fail_vectors("-fail-or-inject.json", &seen);
	ck_assert_uint_eq(seen, NFAILS);
	ck_assert_uint_eq(seen, 41);
}
END_TEST

static int wellformed(const char *json, unsigned flags, const char *rule)
{
	setara_vc_wellformed_result r;

	ck_assert_int_eq(setara_vc_wellformed(&r, json, strlen(json), "t",
		flags), 0);
	if (!r.wellformed && rule)
		ck_assert_msg(strcmp(r.rule, rule) == 0, "%s: refused by %s "
			"(%s), not %s", json, r.rule, r.reason, rule);
	return r.wellformed;
}

#define V2 "\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], " \
	"\"type\": [\"VerifiableCredential\"], "
#define SUBJ "\"credentialSubject\": {\"id\": \"did:example:s\"}"

START_TEST(test_vc_wellformed__a_credential_needs_its_issuer)
{
	setara_vc_wellformed_result r;
	setara_buf b = SETARA_BUF_INIT;
	char path[1024];

	/* the suite's input lacks the issuer an issuer adds */
	snprintf(path, sizeof(path), "%s/" VECTORS "/credential-ok.json",
		test_top());
	slurp(&b, path);
	ck_assert_int_eq(setara_vc_wellformed(&r, b.ptr, b.size, path, 0), 0);
	ck_assert(!r.wellformed);
	ck_assert_str_eq(r.rule, "issuer");
	ck_assert(!wellformed("{" V2 "\"issuer\": {}, " SUBJ "}", 0,
		"issuer"));
	ck_assert(wellformed("{" V2 "\"issuer\": \"did:example:i\", " SUBJ
		"}", 0, NULL));
	ck_assert(wellformed("{" V2 "\"issuer\": {\"id\": \"urn:x:i\", "
		"\"name\": [\"A\", {\"@value\": \"B\", \"@language\": "
		"\"ms-MY\", \"@direction\": \"rtl\"}]}, " SUBJ "}", 0, NULL));
	ck_assert(!wellformed("{" V2 "\"issuer\": {\"id\": \"urn:x:i\", "
		"\"name\": {\"@value\": \"B\", \"@direction\": \"up\"}}, " SUBJ
		"}", 0, "issuer.name"));
	ck_assert(!wellformed("{" V2 "\"issuer\": \"urn:x:i\", "
		"\"credentialSubject\": []}", 0, "credentialSubject"));
	/* not an object at all; not JSON */
	ck_assert(!wellformed("[1]", 0, "credential"));
	ck_assert_int_eq(setara_vc_wellformed(&r, "{\"a\": 1, \"a\": 2}", 16,
		"dup.json", 0), SETARA_EINVALID);
	setara_error_clear();
	setara_buf_dispose(&b);
}
END_TEST

/* A credential valid from @from until @until (NULL: absent). */
static int dates(const char *from, const char *until, const char *rule)
{
	char json[512];

	snprintf(json, sizeof(json), "{" V2 "\"issuer\": \"urn:x:i\", "
		"\"validFrom\": \"%s\"%s%s%s, " SUBJ "}", from,
		until ? ", \"validUntil\": \"" : "", until ? until : "",
		until ? "\"" : "");
	return wellformed(json, 0, rule);
}

START_TEST(test_vc_wellformed__datetimestamps)
{
	static const char *const good[] = { "2024-02-29T00:00:00Z",
		"2026-11-23T10:00:00+08:00", "2026-11-23T10:00:00.5-14:00",
		"2026-11-23T24:00:00Z", "10000-01-01T00:00:00Z",
		"-0044-03-15T12:00:00Z", "2026-12-31T23:59:59.123456789123Z",
		NULL };
	static const char *const bad[] = { "2026-02-29T00:00:00Z",
		"2026-11-23T10:00:00", "2026-11-23", "2026-11-23T24:00:01Z",
		"2026-11-23T10:00:00+14:01", "02026-11-23T10:00:00Z",
		"2026-11-23T10:00:00.Z", "2026-11-23T10:00:60Z",
		"2026-13-01T00:00:00Z", "2026-11-23 10:00:00Z",
		"2026-11-23T10:00:00Z ", "26-11-23T10:00:00Z",
		"2026-11-23T10:00:00+0800", NULL };
	int i;

	for (i = 0; good[i]; i++)
		ck_assert_msg(dates(good[i], NULL, NULL), "%s", good[i]);
	for (i = 0; bad[i]; i++)
		ck_assert_msg(!dates(bad[i], NULL, "validFrom"), "%s", bad[i]);
	/* the same instant in two zones is in order; a millisecond
	 * before is not */
	ck_assert(dates("2026-11-23T10:00:00+08:00", "2026-11-23T02:00:00Z",
		NULL));
	ck_assert(!dates("2026-11-23T10:00:00+08:00",
		"2026-11-23T01:59:59.999Z", "validUntil"));
	ck_assert(!dates("2026-11-23T10:00:00.5Z", "2026-11-23T10:00:00.25Z",
		"validUntil"));
	ck_assert(dates("2026-11-23T24:00:00Z", "2026-11-24T00:00:00Z",
		NULL));
}
END_TEST

START_TEST(test_vc_wellformed__types_and_inline_contexts)
{
	/* a term only an inline context defines; a URL; an undefined term */
	ck_assert(wellformed("{\"@context\": [\"https://www.w3.org/ns/"
		"credentials/v2\", {\"Degree\": \"https://example.org/#D\"}], "
		"\"type\": [\"VerifiableCredential\", \"Degree\", "
		"\"https://example.org/#X\"], \"issuer\": \"urn:x:i\", " SUBJ
		"}", 0, NULL));
	ck_assert(!wellformed("{" V2 "\"issuer\": \"urn:x:i\", " SUBJ ", "
		"\"evidence\": {\"type\": \"Undefined\"}}", 0, "evidence"));
	/* setara's own context has an @vocab: its terms are defined */
	ck_assert(wellformed("{\"@context\": [\"https://www.w3.org/ns/"
		"credentials/v2\", \"urn:setara:context:vc:1\"], \"type\": "
		"[\"VerifiableCredential\", \"Transcript\"], \"issuer\": "
		"\"urn:x:i\", " SUBJ "}", 0, NULL));
	/* the Open Badges context defines OpenBadgeCredential, not Foo */
	ck_assert(wellformed("{\"@context\": [\"https://www.w3.org/ns/"
		"credentials/v2\", \"https://purl.imsglobal.org/spec/ob/v3p0/"
		"context-3.0.3.json\"], \"type\": [\"VerifiableCredential\", "
		"\"OpenBadgeCredential\"], \"issuer\": \"urn:x:i\", " SUBJ "}",
		0, NULL));
	ck_assert(!wellformed("{\"@context\": [\"https://www.w3.org/ns/"
		"credentials/v2\", \"https://purl.imsglobal.org/spec/ob/v3p0/"
		"context-3.0.3.json\"], \"type\": [\"VerifiableCredential\", "
		"\"Foo\"], \"issuer\": \"urn:x:i\", " SUBJ "}", 0, "type"));
	/* redefining a protected term of the Open Badges context; the same
	 * definition again is no redefinition */
	ck_assert(!wellformed("{\"@context\": [\"https://www.w3.org/ns/"
		"credentials/v2\", \"https://purl.imsglobal.org/spec/ob/v3p0/"
		"context-3.0.3.json\", {\"OpenBadgeCredential\": \"urn:x:y\"}], "
		"\"type\": [\"VerifiableCredential\"], \"issuer\": \"urn:x:i\", "
		SUBJ "}", 0, "@context"));
	ck_assert(wellformed("{\"@context\": [\"https://www.w3.org/ns/"
		"credentials/v2\", {\"id\": \"@id\"}], \"type\": "
		"[\"VerifiableCredential\"], \"issuer\": \"urn:x:i\", " SUBJ "}",
		0, NULL));
	/* more contexts with terms than setara reads (32, the VC 2.0 one
	 * among them): refused, not read as if any term were defined */
	{
		setara_buf b = SETARA_BUF_INIT;
		int i, n;

		for (n = 31; n <= 32; n++) {
			setara_buf_clear(&b);
			setara_buf_puts(&b, "{\"@context\": [\"https://www.w3"
				".org/ns/credentials/v2\"");
			for (i = 0; i < n; i++)
				setara_buf_printf(&b, ", {\"T%d\": \"urn:t:%d\"}",
					i, i);
			ck_assert_int_eq(setara_buf_puts(&b, "], \"type\": "
				"[\"VerifiableCredential\", \"NoSuchTerm\"], "
				"\"issuer\": \"urn:x:i\", " SUBJ "}"), 0);
			ck_assert(!wellformed(b.ptr, 0, n == 31 ? "type" :
				"@context"));
		}
		setara_buf_dispose(&b);
	}
	/* relatedResource: an id, unique, and a digest */
	ck_assert(wellformed("{" V2 "\"issuer\": \"urn:x:i\", " SUBJ ", "
		"\"relatedResource\": [{\"id\": \"https://e.org/a\", "
		"\"digestSRI\": \"sha384-x\"}]}", 0, NULL));
	ck_assert(!wellformed("{" V2 "\"issuer\": \"urn:x:i\", " SUBJ ", "
		"\"relatedResource\": [{\"id\": \"https://e.org/a\", "
		"\"digestSRI\": \"sha384-x\"}, {\"id\": \"https://e.org/a\", "
		"\"digestMultibase\": \"uEi\"}]}", 0, "relatedResource"));
	ck_assert(!wellformed("{" V2 "\"issuer\": \"urn:x:i\", " SUBJ ", "
		"\"relatedResource\": {\"id\": \"https://e.org/a\"}}", 0,
		"relatedResource"));
}
END_TEST

/* ---- contexts ----------------------------------------------------------- */

START_TEST(test_vc_contexts__shipped_files_match_their_pins)
{
	const setara_vc__context *t = setara_vc__context_table(), *c;
	setara__strlist l = { NULL, 0, 0 };
	setara_buf b = SETARA_BUF_INIT;
	char dir[1024], *tmp = test_tmpdir(), path[1100];
	const char *base;
	size_t i, k;

	snprintf(dir, sizeof(dir), "%s/contexts", test_top());
	ck_assert_int_eq(setara_vc_contexts_check(dir), 0);
	ck_assert_str_eq(t[0].url, SETARA_VC_CONTEXT_V2);
	/* every shipped file is in the table, and every table file's
	 * compiled-in copy matches its pin */
	ck_assert_int_eq(setara__list_files(&l, dir, "json", 0), 0);
	ck_assert_int_eq(setara__list_files(&l, dir, "jsonld", 0), 0);
	for (i = 0; i < l.count; i++) {
		base = strrchr(l.items[i], '/') + 1;
		for (k = 0; t[k].url && (t[k].file == NULL ||
		    strcmp(t[k].file, base) != 0); k++)
			;
		ck_assert_msg(t[k].url != NULL, "%s is not pinned", base);
	}
	for (k = 0; t[k].url; k++) {
		c = setara_vc__context_find(t[k].url);
		ck_assert_ptr_eq(c, &t[k]);
		if (c->file)
			ck_assert_msg(setara_vc__context_doc(c) != NULL,
				"%s: the library's copy differs from the pin",
				c->file);
		else
			ck_assert_ptr_null(setara_vc__context_doc(c));
	}
	ck_assert_uint_ge(l.count, 3);
	/* a copy with one byte changed is noticed, naming the file */
	for (k = 0; t[k].url; k++) {
		if (t[k].file == NULL)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, t[k].file);
		slurp(&b, path);
		snprintf(path, sizeof(path), "%s/%s", tmp, t[k].file);
		if (strcmp(t[k].url, SETARA_VC_CONTEXT_OB) == 0)
			b.ptr[b.size / 2] ^= 0x20;
		ck_assert_int_eq(setara__write_file_atomic(path, b.ptr, b.size,
			0644), 0);
	}
	ck_assert_int_eq(setara_vc_contexts_check(tmp), SETARA_EINVALID);
	ck_assert_ptr_nonnull(strstr(setara_error_last()->file,
		"ob-context-3.0.3.json"));
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message, "ef2fa9c7"));
	/* a missing file */
	snprintf(path, sizeof(path), "%s/credentials-v2.jsonld", tmp);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_lt(setara_vc_contexts_check(tmp), 0);
	setara_error_clear();
	setara__strlist_dispose(&l);
	setara_buf_dispose(&b);
	free(tmp);
}
END_TEST

static int profile(const char *json, const char *want)
{
	json_t *doc = NULL;
	char why[384];
	int r;

	ck_assert_int_eq(setara_vc__json_load(&doc, json, strlen(json), "t"),
		0);
	r = setara_vc__profile_meaning(why, sizeof(why), doc);
	if (want)
		ck_assert_msg(r == 1 && strstr(why, want), "%s: %s", json,
			r ? why : "accepted");
	json_decref(doc);
	return r;
}

#define CTX(x) "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\"" x \
	"], \"type\": [\"VerifiableCredential\"], \"issuer\": \"urn:x:i\", " \
	SUBJ "}"

START_TEST(test_vc_contexts__the_verifier_reads_only_known_contexts)
{
	ck_assert_int_eq(profile(CTX(", \"https://purl.imsglobal.org/spec/"
		"clr/v2p0/context-2.0.1.json\", \"https://purl.imsglobal.org/"
		"spec/ob/v3p0/context-3.0.3.json\", \"urn:setara:context:vc:1\""),
		NULL), 0);
	profile(CTX(", \"https://www.w3.org/ns/credentials/examples/v2\""),
		"entry 2, https://www.w3.org/ns/credentials/examples/v2, is not "
		"a context setara knows");
	profile(CTX(", {\"degree\": \"urn:x:degree\"}"), "entry 2 is an inline "
		"context");
	/* well-formedness first: an entry that is not even a URL */
	profile(CTX(", \"https ://x\""), "not well-formed VC 2.0: @context: "
		"entry 2");
	profile("{\"@context\": [\"urn:setara:context:vc:1\", \"https://www.w3"
		".org/ns/credentials/v2\"], \"type\": [\"VerifiableCredential\"],"
		" \"issuer\": \"urn:x:i\", " SUBJ "}", "@context");
	profile(CTX("") , NULL);
}
END_TEST

static Suite *vcwf_suite(void)
{
	Suite *s = suite_create("vcwf");
	TCase *tc;

	tc = tcase_create("wellformed");
	tcase_add_test(tc, test_vc_wellformed__suite_ok_vectors_accepted);
	tcase_add_test(tc,
		test_vc_wellformed__suite_fail_vectors_refused_by_rule);
	tcase_add_test(tc, test_vc_wellformed__a_credential_needs_its_issuer);
	tcase_add_test(tc, test_vc_wellformed__datetimestamps);
	tcase_add_test(tc, test_vc_wellformed__types_and_inline_contexts);
	suite_add_tcase(s, tc);

	tc = tcase_create("contexts");
	tcase_add_test(tc, test_vc_contexts__shipped_files_match_their_pins);
	tcase_add_test(tc,
		test_vc_contexts__the_verifier_reads_only_known_contexts);
	suite_add_tcase(s, tc);
	return s;
}

SETARA_CHECK_MAIN(vcwf_suite)
