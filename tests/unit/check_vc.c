/*
 * Unit tests of the vc component: the JSON loader's refusals, JCS against
 * RFC 8785's test data (and the ES6 number file's hashes), multibase and
 * Multikey known answers, keys, and Data Integrity proofs against the W3C
 * test vectors of eddsa-jcs-2022 and ecdsa-jcs-2019, tampered copies
 * included.  The vectors are in tests/vectors/ (see the README there).
 */
#include <dirent.h>
#include <pthread.h>
#include <math.h>
#include <sys/stat.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include "check_common.h"
#include "vc/vc_int.h"

/* ---- helpers -------------------------------------------------------------- */

/* A file below the checkout, read whole. */
static void slurp(setara_buf *out, const char *rel)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", test_top(), rel);
	setara_buf_clear(out);
	ck_assert_msg(setara__read_file(out, path, 16u << 20) == 0,
		"cannot read %s", path);
}

/* A string member of a JSON file (a key pair). */
static char *json_member(const char *rel, const char *name)
{
	setara_buf b = SETARA_BUF_INIT;
	json_t *v = NULL;
	char *s;

	slurp(&b, rel);
	ck_assert_int_eq(setara_vc__json_load(&v, b.ptr, b.size, rel), 0);
	ck_assert_ptr_nonnull(json_string_value(json_object_get(v, name)));
	s = strdup(json_string_value(json_object_get(v, name)));
	json_decref(v);
	setara_buf_dispose(&b);
	return s;
}

static void hex(char *out, const unsigned char *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

/* Assert that @n bytes are the text of a vector file, byte for byte. */
static void assert_file_bytes(const char *rel, const void *p, size_t n)
{
	setara_buf want = SETARA_BUF_INIT;

	slurp(&want, rel);
	ck_assert_msg(want.size == n && memcmp(want.ptr, p, n) == 0,
		"%s: got %.*s", rel, (int)n, (const char *)p);
	setara_buf_dispose(&want);
}

/* Assert that bytes are the hex digits of a vector file. */
static void assert_file_hex(const char *rel, const unsigned char *p,
	size_t n)
{
	char h[2 * 96 + 1];

	ck_assert_uint_le(n, 96);
	hex(h, p, n);
	assert_file_bytes(rel, h, 2 * n);
}

/* @s with the first @from replaced by @to; caller frees. */
static char *replace(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	size_t n;
	char *r;

	ck_assert_ptr_nonnull(at);
	n = strlen(s) - strlen(from) + strlen(to);
	r = malloc(n + 1);
	ck_assert_ptr_nonnull(r);
	memcpy(r, s, (size_t)(at - s));
	strcpy(r + (at - s), to);
	strcat(r, at + strlen(from));
	return r;
}

static setara_vc_key *key_multikey(const char *rel, const char *name)
{
	setara_vc_key *k = NULL;
	char *mb = json_member(rel, name);

	ck_assert_msg(setara_vc_key_from_multikey(&k, mb) == 0, "%s: %s",
		mb, setara_error_last()->message);
	free(mb);
	return k;
}

/* ---- jsonload.c --------------------------------------------------------- */

static int loads(const char *s, size_t n)
{
	json_t *v = NULL;
	int rc = setara_vc__json_load(&v, s, n, "t.json");

	json_decref(v);
	return rc;
}

#define LOADS(lit) loads(lit, sizeof(lit) - 1)

/* A JSON text (NULs and all) and what loading it returns. */
typedef struct json_case {
	const char *text;
	size_t len;
	int rc;
} json_case;

#define JSON_CASE(lit, rc) { lit, sizeof(lit) - 1, rc }

START_TEST(test_vc_jsonload__refuses_hostile_input)
{
	static const json_case cases[] = {
		JSON_CASE("{\"a\":1,\"b\":[true,null]}", 0),
		/* repeated names, at any depth */
		JSON_CASE("{\"a\":1,\"a\":1}", SETARA_EINVALID),
		JSON_CASE("[{\"x\":{\"a\":1,\"a\":2}}]", SETARA_EINVALID),
		/* invalid UTF-8: a stray byte, an overlong form, a
		 * surrogate's bytes, beyond U+10FFFF */
		JSON_CASE("\"a\xff\"", SETARA_EINVALID),
		JSON_CASE("\"\xc0\xaf\"", SETARA_EINVALID),
		JSON_CASE("\"\xed\xa0\x80\"", SETARA_EINVALID),
		JSON_CASE("\"\xf4\x90\x80\x80\"", SETARA_EINVALID),
		/* lone surrogates written as escapes */
		JSON_CASE("\"\\ud800\"", SETARA_EINVALID),
		JSON_CASE("\"\\udc00x\"", SETARA_EINVALID),
		JSON_CASE("\"\\ud83d\\ude02\"", 0),
		/* NUL: escaped, raw, in a name */
		JSON_CASE("\"a\\u0000b\"", SETARA_EINVALID),
		JSON_CASE("\"a\0b\"", SETARA_EINVALID),
		JSON_CASE("{\"a\\u0000\":1}", SETARA_EINVALID),
		/* numbers beyond double precision's range; NaN is no JSON */
		JSON_CASE("[1e400]", SETARA_EINVALID),
		JSON_CASE("[-1e309]", SETARA_EINVALID),
		JSON_CASE("[NaN]", SETARA_EINVALID),
		/* one value only; no comments, no trailing commas */
		JSON_CASE("{} {}", SETARA_EINVALID),
		JSON_CASE("[1,]", SETARA_EINVALID),
		JSON_CASE("[1] // c", SETARA_EINVALID),
		JSON_CASE("", SETARA_EINVALID),
	};
	size_t i;

	for (i = 0; i < TEST_COUNT(cases); i++)
		ck_assert_msg(loads(cases[i].text, cases[i].len) ==
			cases[i].rc, "case %zu", i);
	/* the error names the file */
	ck_assert_int_eq(LOADS("{\"a\":1,\"a\":1}"), SETARA_EINVALID);
	ck_assert_str_eq(setara_error_last()->file, "t.json");
}
END_TEST

START_TEST(test_vc_jsonload__depth_at_and_past_the_limit)
{
	char s[8 * SETARA_VC_JSON_MAX_DEPTH + 16];
	int d, n;

	/* objects: {"":{"":...1...}} */
	for (d = SETARA_VC_JSON_MAX_DEPTH; d <= SETARA_VC_JSON_MAX_DEPTH + 1;
	    d++) {
		int i;

		n = 0;
		for (i = 0; i < d; i++)
			n += snprintf(s + n, sizeof(s) - (size_t)n, "{\"\":");
		s[n++] = '1';
		for (i = 0; i < d; i++)
			s[n++] = '}';
		ck_assert_int_eq(loads(s, (size_t)n),
			d > SETARA_VC_JSON_MAX_DEPTH ? SETARA_EINVALID : 0);
	}
	/* arrays */
	n = 0;
	for (d = 0; d < SETARA_VC_JSON_MAX_DEPTH; d++)
		s[n++] = '[';
	for (d = 0; d < SETARA_VC_JSON_MAX_DEPTH; d++)
		s[n++] = ']';
	ck_assert_int_eq(loads(s, (size_t)n), 0);
	n = 0;
	for (d = 0; d <= SETARA_VC_JSON_MAX_DEPTH; d++)
		s[n++] = '[';
	for (d = 0; d <= SETARA_VC_JSON_MAX_DEPTH; d++)
		s[n++] = ']';
	ck_assert_int_eq(loads(s, (size_t)n), SETARA_EINVALID);
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message, "deeper"));
	/* "[" inside strings and escaped quotes are not nesting */
	n = sprintf(s, "[\"\\\"%s\"]", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
		"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[");
	ck_assert_int_eq(loads(s, (size_t)n), 0);
}
END_TEST

START_TEST(test_vc_jsonload__size_limit)
{
	size_t n = SETARA_VC_JSON_MAX_SIZE + 1;
	char *s = malloc(n);

	ck_assert_ptr_nonnull(s);
	memset(s, ' ', n);
	s[0] = '1';
	ck_assert_int_eq(loads(s, n), SETARA_EINVALID);
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message, "larger"));
	ck_assert_int_eq(loads(s, n - 1), 0);
	free(s);
}
END_TEST

/* A JSON text of @k values in @s: an array of @k @elem, or with @elem
 * NULL an object of @k members "k0": 1, "k1": 1 ...; its length. */
static size_t json_list(char *s, size_t cap, size_t k, const char *elem)
{
	size_t i, n = 0;

	s[n++] = elem ? '[' : '{';
	for (i = 0; i < k; i++)
		if (elem)
			n += (size_t)snprintf(s + n, cap - n, "%s%s",
				i ? ", " : "", elem);
		else
			n += (size_t)snprintf(s + n, cap - n, "%s\"k%zu\": 1",
				i ? "," : "", i);
	s[n++] = elem ? ']' : '}';
	return n;
}

/* At most SETARA_VC_JSON_MAX_VALUES values, whatever their shape: an
 * array of k elements is 1 + k values, an object of k members too. */
START_TEST(test_vc_jsonload__values_at_and_past_the_limit)
{
	static const char *const elem[] = { "0", "{}", "[]", "\"s\"",
		"true" };
	const size_t max = SETARA_VC_JSON_MAX_VALUES;
	size_t e, k, n, cap = 32 * (max + 2);
	char *s = malloc(cap);

	ck_assert_ptr_nonnull(s);
	for (e = 0; e < sizeof(elem) / sizeof(elem[0]); e++)
		for (k = max - 1; k <= max; k++) {
			n = json_list(s, cap, k, elem[e]);
			ck_assert_msg(loads(s, n) == (k < max ? 0 :
				SETARA_EINVALID), "[%s x %zu]", elem[e], k);
			if (k == max)
				ck_assert_ptr_nonnull(strstr(
					setara_error_last()->message,
					"more than"));
		}
	for (k = max - 1; k <= max; k++) {
		n = json_list(s, cap, k, NULL);
		ck_assert_int_eq(loads(s, n), k < max ? 0 : SETARA_EINVALID);
	}
	free(s);
}
END_TEST

START_TEST(test_vc_jsonload__jansson_keeps_order)
{
	json_t *v = NULL;
	char *dump;

	ck_assert_int_eq(LOADS("{}"), 0);
	ck_assert_int_eq(setara_vc__json_load(&v, "{\"z\":1,\"b\":2,\"a\":3}",
		19, NULL), 0);
	dump = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
	ck_assert_str_eq(dump, "{\"z\":1.0,\"b\":2.0,\"a\":3.0}");
	free(dump);
	json_decref(v);
}
END_TEST

/* ---- jsonfast.c ----------------------------------------------------------- */

/*
 * The fast reader against jansson (json_loadb() with the loader's
 * flags) on one input: what it takes, jansson takes too, as the same
 * tree (values, member order: the ordered writer's bytes); what jansson
 * refuses it declines.  Returns 1 when the fast reader took the input.
 */
static int fast_agrees(const char *data, size_t len, const char *what)
{
	setara_buf a = SETARA_BUF_INIT, b = SETARA_BUF_INIT;
	json_error_t e;
	json_t *fast = NULL, *ref;
	int took;

	took = setara_vc__json_parse_fast(&fast, data, len) == 0;
	ref = json_loadb(data, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY |
		JSON_DECODE_INT_AS_REAL, &e);
	if (took) {
		ck_assert_msg(ref != NULL, "%s: the fast reader took what "
			"jansson refuses (%s)", what, e.text);
		ck_assert_msg(json_equal(fast, ref), "%s: another tree", what);
		ck_assert_int_eq(setara_vc__json_write(&a, fast, 0), 0);
		ck_assert_int_eq(setara_vc__json_write(&b, ref, 0), 0);
		ck_assert_msg(a.size == b.size && memcmp(a.ptr, b.ptr, a.size)
			== 0, "%s: another member order or spelling", what);
	}
	json_decref(fast);
	json_decref(ref);
	setara_buf_dispose(&a);
	setara_buf_dispose(&b);
	return took;
}

START_TEST(test_vc_jsonfast__jansson_decides_the_edge_cases)
{
	/* Each: the fast reader must agree with jansson, and the loader's
	 * answer must be jansson's, its message included. */
	static const struct { const char *s; size_t n; int fast; } cases[] = {
#define C(lit, fast) { lit, sizeof(lit) - 1, fast }
		C("{\"a\":1,\"b\":[true,false,null],\"c\":{}}", 1),
		C(" [ 1 , -0 , 0.5e-3 , 1E+2 , -12.5e1 ] ", 1),
		C("5", 1), C("\"x\"", 1), C("null", 1),
		C("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u20AC\"", 1),
		C("\"\\ud83d\\ude02\"", 1), C("\"\xf0\x9f\x98\x82\x7f\"", 1),
		C("{\"\\u00e9\":1,\"e\\u0301\":2}", 1),
		C("{\"k\\u0041\":1,\"kA\":2}", 0),       /* the same name */
		C("{\"a\":1,\"a\":1}", 0),
		C("[{\"x\":{\"a\":1,\"a\":2}}]", 0),
		C("\"a\\u0000b\"", 0), C("{\"a\\u0000\":1}", 0),
		C("\"a\0b\"", 0), C("\"\x1f\"", 0),
		C("\"\\ud800\"", 0), C("\"\\udc00x\"", 0),
		C("\"\\ud800\\u0041\"", 0), C("\"\\ud800\\\\\"", 0),
		C("\"\\x\"", 0), C("\"\\u12\"", 0), C("\"\\u12G4\"", 0),
		C("\"a\xff\"", 0), C("\"\xc0\xaf\"", 0), C("\"\xc1\xbf\"", 0),
		C("\"\xe0\x9f\xbf\"", 0), C("\"\xed\xa0\x80\"", 0),
		C("\"\xf0\x8f\xbf\xbf\"", 0), C("\"\xf4\x90\x80\x80\"", 0),
		C("\"\xf8\x88\x80\x80\x80\"", 0), C("\"\xe2\x82\"", 0),
		C("\"abc", 0), C("[\"a\xc3\"]", 0),
		C("01", 0), C("-", 0), C("1.", 0), C("1e", 0), C("1e+", 0),
		C("+1", 0), C(".5", 0), C("-01", 0), C("0x10", 0),
		C("[1e400]", 0), C("[-1e309]", 0), C("[1e-400]", 0),
		C("[NaN]", 0), C("[Infinity]", 0),
		C("[1.00000000000000000000000000000000000000000000000000000"
		  "000000000001]", 0),
		C("{} {}", 0), C("[1,]", 0), C("{\"a\":1,}", 0), C("[,1]", 0),
		C("{\"a\" 1}", 0), C("{a:1}", 0), C("{'a':1}", 0),
		C("[1] // c", 0), C("", 0), C("   ", 0), C("tru", 0),
		C("nulls", 0), C("[true false]", 0),
		C("\xef\xbb\xbf{}", 0), C("{\"a\":1}\0", 0),
#undef C
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_error_t e;
		json_t *v = NULL, *ref;
		char what[32];
		int rc;

		snprintf(what, sizeof(what), "case %zu", i);
		ck_assert_msg(fast_agrees(cases[i].s, cases[i].n, what) ==
			cases[i].fast, "%s: the fast reader %s it", what,
			cases[i].fast ? "declined" : "took");
		ref = json_loadb(cases[i].s, cases[i].n, JSON_REJECT_DUPLICATES
			| JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL, &e);
		rc = setara_vc__json_load(&v, cases[i].s, cases[i].n, "t.json");
		ck_assert_msg((rc == 0) == (ref != NULL), "%s: the loader "
			"and jansson differ", what);
		if (rc < 0)
			ck_assert_msg(strstr(setara_error_last()->message,
				e.text) != NULL, "%s: %s", what,
				setara_error_last()->message);
		else
			ck_assert(json_equal(v, ref));
		json_decref(v);
		json_decref(ref);
	}
}
END_TEST

/* The files under @rel (a directory, recursively): each through
 * fast_agrees(), then mutated -- cut short, one byte changed -- at
 * places a small PRNG picks.  Returns how many unmutated .json files
 * the fast reader took. */
static size_t agree_on_dir(const char *rel, unsigned *seed, size_t *tried)
{
	static const unsigned char bytes[] = { 0x00, 0x1f, '"', '\\', ',',
		':', '{', '}', '[', ']', '0', '9', 'e', 'E', '-', '+', '.',
		'u', 'd', ' ', 0x7f, 0x80, 0xbf, 0xc0, 0xc3, 0xe0, 0xed,
		0xf0, 0xf4, 0xff };
	char path[2048], sub[1024];
	setara_buf b = SETARA_BUF_INIT;
	struct dirent *de;
	size_t took = 0, k;
	DIR *d;

	snprintf(path, sizeof(path), "%s/%s", test_top(), rel);
	ck_assert_msg((d = opendir(path)) != NULL, "cannot open %s", path);
	while ((de = readdir(d)) != NULL) {
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", rel, de->d_name);
		snprintf(path, sizeof(path), "%s/%s", test_top(), sub);
		ck_assert_int_eq(stat(path, &st), 0);
		if (S_ISDIR(st.st_mode)) {
			took += agree_on_dir(sub, seed, tried);
			continue;
		}
		slurp(&b, sub);
		k = (size_t)fast_agrees(b.ptr, b.size, sub);
		if (strlen(sub) > 5 && strcmp(sub + strlen(sub) - 5, ".json")
		    == 0)
			took += k;
		(*tried)++;
		for (k = 0; k < 48 && b.size > 0; k++) {
			size_t at;
			char was;

			*seed = *seed * 1103515245u + 12345u;
			at = (*seed >> 8) % b.size;
			if (k % 4 == 0) {
				fast_agrees(b.ptr, at, sub);
			} else {
				was = b.ptr[at];
				b.ptr[at] = (char)bytes[(*seed >> 20) %
					sizeof(bytes)];
				fast_agrees(b.ptr, b.size, sub);
				b.ptr[at] = was;
			}
			(*tried)++;
		}
	}
	closedir(d);
	setara_buf_dispose(&b);
	return took;
}

START_TEST(test_vc_jsonfast__same_trees_as_jansson_on_the_corpora)
{
	unsigned seed = 23;
	size_t tried = 0;

	/* Every credential, proof and key of the W3C vectors is the fast
	 * reader's (the loader's fast path is the one taken)... */
	ck_assert_uint_eq(agree_on_dir("tests/vectors/vc-di-eddsa", &seed,
		&tried), 4);
	ck_assert_uint_eq(agree_on_dir("tests/vectors/vc-di-ecdsa", &seed,
		&tried), 7);
	/* ...and on the JCS test data and the fuzz corpora, with their
	 * mutations, it agrees with jansson wherever it takes the input. */
	agree_on_dir("tests/vectors/jcs/input", &seed, &tried);
	agree_on_dir("fuzz/corpus/fuzz_jcs", &seed, &tried);
	agree_on_dir("fuzz/corpus/fuzz_statuslist", &seed, &tried);
	ck_assert_uint_gt(tried, 1000);
}
END_TEST

/* ---- jcs.c ---------------------------------------------------------------- */

START_TEST(test_vc_jcs__rfc8785_test_data_byte_identical)
{
	static const char *const names[] = { "arrays", "french",
		"structures", "unicode", "values", "weird" };
	setara_buf in = SETARA_BUF_INIT, out = SETARA_BUF_INIT;
	char rel[128];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(rel, sizeof(rel), "tests/vectors/jcs/input/%s.json",
			names[i]);
		slurp(&in, rel);
		setara_buf_clear(&out);
		ck_assert_msg(setara_vc_jcs(&out, in.ptr, in.size) == 0,
			"%s: %s", rel, setara_error_last()->message);
		snprintf(rel, sizeof(rel), "tests/vectors/jcs/output/%s.json",
			names[i]);
		assert_file_bytes(rel, out.ptr, out.size);
	}
	setara_buf_dispose(&in);
	setara_buf_dispose(&out);
}
END_TEST

static const char *num(double d)
{
	static char s[SETARA_VC__NUMBER_MAX];

	ck_assert_int_eq(setara_vc__number(s, d), 0);
	return s;
}

static double from_bits(uint64_t u)
{
	double d;

	memcpy(&d, &u, sizeof(d));
	return d;
}

/* A double, as its bits or as C writes it, and its JCS text. */
typedef struct jcs_number {
	uint64_t bits;
	const char *text;
} jcs_number;

typedef struct jcs_double {
	double d;
	const char *text;
} jcs_double;

START_TEST(test_vc_jcs__numbers_as_ecmascript)
{
	/* RFC 8785, appendix B */
	static const jcs_number appendix_b[] = {
		{ 0x0000000000000000ull, "0" },
		{ 0x8000000000000000ull, "0" },
		{ 0x0000000000000001ull, "5e-324" },
		{ 0x8000000000000001ull, "-5e-324" },
		{ 0x7fefffffffffffffull, "1.7976931348623157e+308" },
		{ 0x4340000000000000ull, "9007199254740992" },
		{ 0x4430000000000000ull, "295147905179352830000" },
		{ 0x44b52d02c7e14af6ull, "1e+23" },
		{ 0x444b1ae4d6e2ef50ull, "1e+21" },
		{ 0x444b1ae4d6e2ef4full, "999999999999999900000" },
		{ 0x3eb0c6f7a0b5ed8dull, "0.000001" },
		{ 0x3eb0c6f7a0b5ed8cull, "9.999999999999997e-7" },
		{ 0x41b3de4355555554ull, "333333333.33333325" },
		{ 0xbecbf647612f3696ull, "-0.0000033333333333333333" },
		{ 0x43143ff3c1cb0959ull, "1424953923781206.2" },
	};
	const jcs_double doubles[] = {
		/* each branch of Number::toString */
		{ 4.5, "4.5" },
		{ 0.002, "0.002" },
		{ 1e-7, "1e-7" },
		{ 1.5e-7, "1.5e-7" },
		{ 1e20, "100000000000000000000" },
		{ 123456789e12, "123456789000000000000" },
		{ 1.23e22, "1.23e+22" },
		{ -42, "-42" },
		{ 0.1, "0.1" },
		/* powers of two, where the neighbours are not equally far */
		{ ldexp(1, -1022), "2.2250738585072014e-308" },
		{ ldexp(1, 60), "1152921504606847000" },
	};
	char s[SETARA_VC__NUMBER_MAX];
	size_t i;

	for (i = 0; i < TEST_COUNT(appendix_b); i++)
		ck_assert_str_eq(num(from_bits(appendix_b[i].bits)),
			appendix_b[i].text);
	for (i = 0; i < TEST_COUNT(doubles); i++)
		ck_assert_str_eq(num(doubles[i].d), doubles[i].text);
	ck_assert_int_eq(setara_vc__number(s, NAN), SETARA_EINVALID);
	ck_assert_int_eq(setara_vc__number(s, INFINITY), SETARA_EINVALID);
}
END_TEST

/*
 * The ES6 number test file of cyberphone/json-canonicalization, made
 * here by its documented generator (tests/vectors/jcs/testdata-README.md:
 * the static values listed there, 2,000 values after 2^-1022, then
 * doubles from a SHA-256 chain), formatted by setara, hashed, and
 * compared with the hashes that README lists.
 */
typedef struct numgen {
	uint64_t statics[256];
	size_t nstatic, idx, avail;
	unsigned char block[32];
} numgen;

static void numgen_init(numgen *g, const char *readme)
{
	const char *p = strstr(readme, "staticU64s = new BigUint64Array([");
	const char *end;

	memset(g, 0, sizeof(*g));
	ck_assert_ptr_nonnull(p);
	end = strstr(p, "])");
	ck_assert_ptr_nonnull(end);
	while ((p = strstr(p, "0x")) != NULL && p < end) {
		uint64_t v = 0;

		for (p += 2; *p != 'n'; p++)
			v = v << 4 | (uint64_t)(*p <= '9' ? *p - '0' :
				*p - 'a' + 10);
		ck_assert_uint_lt(g->nstatic, 256);
		g->statics[g->nstatic++] = v;
	}
	ck_assert_uint_gt(g->nstatic, 100);
}

static uint64_t numgen_next(numgen *g)
{
	uint64_t u = 0;
	double d = 0;

	if (g->idx < g->nstatic)
		u = g->statics[g->idx];
	else if (g->idx < g->nstatic + 2000)
		u = 0x0010000000000000ull + (g->idx - g->nstatic);
	else {
		while (d == 0 || !isfinite(d)) {
			int i;

			if (g->avail == 0) {
				SHA256(g->block, 32, g->block);
				g->avail = 4;
			}
			u = 0;
			for (i = 7; i >= 0; i--) /* little-endian */
				u = u << 8 | g->block[(4 - g->avail) * 8 + i];
			g->avail--;
			d = from_bits(u);
		}
	}
	g->idx++;
	return u;
}

/* Significant digits of a number as JCS writes it ("-1.25e-7": 3). */
static int sig_digits(const char *s)
{
	int n = 0, lead = 1, zeros = 0;

	for (; *s && *s != 'e'; s++) {
		if (*s < '0' || *s > '9')
			continue;
		if (lead && *s == '0')
			continue;
		lead = 0;
		n++;
		zeros = *s == '0' ? zeros + 1 : 0;
	}
	return n - zeros;
}

/*
 * The shortcuts of setara_vc__number() (integers below 2^53 written
 * whole, a 15-digit form that reads back taken without its trailing
 * zeros) against the definition: the text reads back as the same double,
 * and no decimal of fewer significant digits does (searched here from
 * one digit up with "%.*e").
 */
START_TEST(test_vc_jcs__shortest_digits_by_search)
{
	static const double some[] = { 0.1, 0.2, 0.3, 1.5, 3.67, 2.5e-7,
		123.456, 1e15, 1e16, 1e17, 9007199254740991.0,
		9007199254740992.0, 9007199254740993.0, 4.35, 0.07, 1e-6,
		1e-7, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
		33.333333333333336, 100, 12.75, 0.000123 };
	unsigned seed = 8785;
	int i;

	for (i = 0; i < 20000; i++) {
		char n[SETARA_VC__NUMBER_MAX], t[48];
		double x;
		int p;

		if (i < (int)(sizeof(some) / sizeof(some[0])))
			x = some[i];
		else {
			seed = seed * 1103515245u + 12345u;
			/* short decimals, integers, and their negatives */
			x = (double)(seed >> 8 & 0xfffff) / (i % 3 == 0 ? 1 :
				i % 3 == 1 ? 100 : 1000);
			if (i % 2)
				x = -x;
		}
		ck_assert_int_eq(setara_vc__number(n, x), 0);
		ck_assert_msg(strtod(n, NULL) == x, "%s does not read back", n);
		if (x == 0)
			continue;
		for (p = 1; p <= 17; p++) {
			snprintf(t, sizeof(t), "%.*e", p - 1, x);
			if (strtod(t, NULL) == x)
				break;
		}
		/* the search finds the correctly rounded one; setara may take
		 * the next above it at a power of two, never a longer one */
		ck_assert_msg(sig_digits(n) <= p, "%.17g as %s, %d digits do",
			x, n, p);
	}
}
END_TEST

START_TEST(test_vc_jcs__es6_number_file_hashes)
{
	static const struct { size_t lines; const char *prefix; } marks[] = {
		{ 1000, "| be18b62b" }, { 10000, "| b9f7a8e7" },
		{ 100000, "| 22776e6d" } };
	setara_buf readme = SETARA_BUF_INIT;
	numgen *g = malloc(sizeof(*g));
	SHA256_CTX ctx;
	size_t line, m = 0;

	ck_assert_ptr_nonnull(g);
	slurp(&readme, "tests/vectors/jcs/testdata-README.md");
	numgen_init(g, readme.ptr);
	SHA256_Init(&ctx);
	for (line = 1; m < sizeof(marks) / sizeof(marks[0]); line++) {
		char text[64], n[SETARA_VC__NUMBER_MAX];
		uint64_t u = numgen_next(g);
		int len;

		ck_assert_int_eq(setara_vc__number(n, from_bits(u)), 0);
		len = snprintf(text, sizeof(text), "%llx,%s\n",
			(unsigned long long)u, n);
		SHA256_Update(&ctx, text, (size_t)len);
		if (line == marks[m].lines) {
			SHA256_CTX c = ctx;
			unsigned char md[32];
			char want[80], h[65];
			const char *row;

			SHA256_Final(md, &c);
			hex(h, md, 32);
			snprintf(want, sizeof(want), "| %s | %zu ", h, line);
			row = strstr(readme.ptr, marks[m].prefix);
			ck_assert_ptr_nonnull(row);
			ck_assert_msg(strncmp(row, want, strlen(want)) == 0,
				"after %zu lines: %s", line, h);
			m++;
		}
	}
	free(g);
	setara_buf_dispose(&readme);
}
END_TEST

START_TEST(test_vc_jcs__strings_and_member_order)
{
	setara_buf out = SETARA_BUF_INIT;
	static const char in[] = "{\"\\u00e9\":0,\"\\ud800\\udc00\":1,"
		"\"\\uffff\":2,\"b\":\"\\u001f\\u007f\\u2028/\\t\",\"a\":[]}";

	/* U+10000 is D800 DC00 in UTF-16: before U+FFFF, after U+00E9 */
	ck_assert_int_eq(setara_vc_jcs(&out, in, sizeof(in) - 1), 0);
	ck_assert_str_eq(out.ptr, "{\"a\":[],\"b\":\"\\u001f\x7f\xe2\x80\xa8/"
		"\\t\",\"\xc3\xa9\":0,\"\xf0\x90\x80\x80\":1,"
		"\"\xef\xbf\xbf\":2}");
	setara_buf_dispose(&out);
}
END_TEST

START_TEST(test_vc_jcs__ordered_writer_keeps_order)
{
	setara_buf out = SETARA_BUF_INIT;
	json_t *v = NULL;

	ck_assert_int_eq(setara_vc__json_load(&v,
		"{\"z\":1.50,\"a\":{\"y\":[],\"x\":{}}}", 30, NULL), 0);
	ck_assert_int_eq(setara_vc__json_write(&out, v, 0), 0);
	ck_assert_str_eq(out.ptr, "{\"z\":1.5,\"a\":{\"y\":[],\"x\":{}}}");
	setara_buf_clear(&out);
	ck_assert_int_eq(setara_vc__json_write(&out, v, 1), 0);
	ck_assert_str_eq(out.ptr, "{\n  \"z\": 1.5,\n  \"a\": {\n"
		"    \"y\": [],\n    \"x\": {}\n  }\n}\n");
	json_decref(v);
	setara_buf_dispose(&out);
}
END_TEST

/* ---- multibase.c ------------------------------------------------------------ */

static void mb_roundtrip(char base, const char *bytes, size_t n,
	const char *want)
{
	setara_buf e = SETARA_BUF_INIT, d = SETARA_BUF_INIT;

	ck_assert_int_eq(setara_vc_multibase_encode(&e, base, bytes, n), 0);
	ck_assert_str_eq(e.ptr, want);
	ck_assert_int_eq(setara_vc_multibase_decode(&d, e.ptr, e.size), 0);
	ck_assert_uint_eq(d.size, n);
	ck_assert(n == 0 || memcmp(d.ptr, bytes, n) == 0);
	setara_buf_dispose(&e);
	setara_buf_dispose(&d);
}

START_TEST(test_vc_multibase__known_answers)
{
	/* draft-msporny-base58-03, section 5 */
	mb_roundtrip('z', "Hello World!", 12, "z2NEpo7TZRRrLZSi2U");
	mb_roundtrip('z', "The quick brown fox jumps over the lazy dog.", 44,
		"zUSm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z");
	/* each leading zero byte is a '1' */
	mb_roundtrip('z', "\0\0\x28\x7f\xb4\xcd", 6, "z11233QC4");
	mb_roundtrip('z', "", 0, "z");
	mb_roundtrip('z', "\0", 1, "z1");
	/* RFC 4648, section 10, in the URL alphabet without padding */
	mb_roundtrip('u', "", 0, "u");
	mb_roundtrip('u', "f", 1, "uZg");
	mb_roundtrip('u', "fo", 2, "uZm8");
	mb_roundtrip('u', "foo", 3, "uZm9v");
	mb_roundtrip('u', "foob", 4, "uZm9vYg");
	mb_roundtrip('u', "fooba", 5, "uZm9vYmE");
	mb_roundtrip('u', "foobar", 6, "uZm9vYmFy");
	mb_roundtrip('u', "\xfb\xff\xbf", 3, "u-_-_");
}
END_TEST

/* Every length up to 160 bytes, with and without leading zero bytes,
 * goes through base58 and back; each character of the alphabet is its
 * own digit. */
START_TEST(test_vc_multibase__base58_round_trips)
{
	static const char alphabet[] =
		"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
	setara_buf e = SETARA_BUF_INIT, d = SETARA_BUF_INIT;
	unsigned char bytes[160];
	unsigned seed = 12345;
	size_t len, i, zeros;

	for (len = 0; len <= sizeof(bytes); len++)
		for (zeros = 0; zeros <= 3 && zeros <= len; zeros++) {
			for (i = 0; i < len; i++) {
				seed = seed * 1103515245u + 12345u;
				bytes[i] = i < zeros ? 0 :
					(unsigned char)(seed >> 16);
			}
			setara_buf_clear(&e);
			setara_buf_clear(&d);
			ck_assert_int_eq(setara_vc__base58_encode(&e, bytes,
				len), 0);
			ck_assert_int_eq(setara_vc__base58_decode(&d, e.ptr,
				e.size), 0);
			ck_assert_uint_eq(d.size, len);
			ck_assert(len == 0 || memcmp(d.ptr, bytes, len) == 0);
		}
	for (i = 1; i < 58; i++) {
		setara_buf_clear(&d);
		ck_assert_int_eq(setara_vc__base58_decode(&d, alphabet + i, 1),
			0);
		ck_assert_uint_eq(d.size, 1);
		ck_assert_uint_eq((unsigned char)d.ptr[0], i);
	}
	setara_buf_dispose(&e);
	setara_buf_dispose(&d);
}
END_TEST

START_TEST(test_vc_multibase__refuses_bad_text)
{
	/* Each text, and what the error says of it (or NULL). */
	static const struct {
		const char *text, *why;
	} bad[] = {
		/* base58 leaves out 0 O I l */
		{ "z10", NULL },
		{ "zO", NULL },
		{ "z2NE po", "at offset 3" },
		/* base64url: the other alphabet, padding, stray bits, a
		 * length */
		{ "uZm9v+", NULL },
		{ "uZg==", NULL },
		{ "uZh", NULL },
		{ "uZm9vY", NULL },
		/* other bases, and no base at all */
		{ "mZm9v", NULL },
		{ "", NULL },
	};
	setara_buf b = SETARA_BUF_INIT;
	size_t i;

	for (i = 0; i < TEST_COUNT(bad); i++) {
		ck_assert_int_eq(setara_vc_multibase_decode(&b, bad[i].text,
			strlen(bad[i].text)), SETARA_EINVALID);
		if (bad[i].why)
			ck_assert_ptr_nonnull(strstr(
				setara_error_last()->message, bad[i].why));
		ck_assert_uint_eq(b.size, 0);
	}
	ck_assert_int_eq(setara_vc_multibase_encode(&b, 'm', "x", 1),
		SETARA_EUSAGE);
	setara_buf_dispose(&b);
}
END_TEST

/* ---- multikey.c ------------------------------------------------------------- */

/* A key pair file's secret key gives its public key. */
static void pair_matches(const char *rel, const char *secret_name,
	setara_vc_alg alg)
{
	setara_vc_key *pub = key_multikey(rel, "publicKeyMultibase");
	setara_vc_key *sec = key_multikey(rel, secret_name);
	char *want = json_member(rel, "publicKeyMultibase");
	setara_buf b = SETARA_BUF_INIT;

	ck_assert_int_eq(setara_vc_key_alg(pub), alg);
	ck_assert_int_eq(setara_vc_key_alg(sec), alg);
	ck_assert_int_eq(setara_vc_key_can_sign(pub), 0);
	ck_assert_int_eq(setara_vc_key_can_sign(sec), 1);
	ck_assert_int_eq(setara_vc_key_multikey(&b, pub), 0);
	ck_assert_str_eq(b.ptr, want);
	setara_buf_clear(&b);
	ck_assert_int_eq(setara_vc_key_multikey(&b, sec), 0);
	ck_assert_str_eq(b.ptr, want);
	setara_buf_dispose(&b);
	free(want);
	setara_vc_key_free(pub);
	setara_vc_key_free(sec);
}

START_TEST(test_vc_multikey__vector_key_pairs)
{
	pair_matches("tests/vectors/vc-di-eddsa/keyPair.json",
		"privateKeyMultibase", SETARA_VC_ALG_ED25519);
	pair_matches("tests/vectors/vc-di-ecdsa/p256KeyPair.json",
		"secretKeyMultibase", SETARA_VC_ALG_P256);
	pair_matches("tests/vectors/vc-di-ecdsa/p384KeyPair.json",
		"secretKeyMultibase", SETARA_VC_ALG_P384);
}
END_TEST

/* A Multikey of @head (2 bytes) and @n bytes of @fill, decoded. */
static int multikey_of(unsigned char h0, unsigned char h1,
	unsigned char first, unsigned char fill, size_t n)
{
	unsigned char raw[2 + 64];
	setara_buf b = SETARA_BUF_INIT;
	setara_vc_key *k = NULL;
	int rc;

	ck_assert_uint_le(n, 64);
	raw[0] = h0;
	raw[1] = h1;
	memset(raw + 2, fill, n);
	if (n > 0)
		raw[2] = first;
	ck_assert_int_eq(setara_vc_multibase_encode(&b, 'z', raw, 2 + n), 0);
	rc = setara_vc_key_from_multikey(&k, b.ptr);
	ck_assert(rc == 0 ? k != NULL : k == NULL);
	setara_vc_key_free(k);
	setara_buf_dispose(&b);
	return rc;
}

START_TEST(test_vc_multikey__headers_and_lengths)
{
	setara_vc__multikey mk;
	setara_vc_key *k = NULL;
	setara_buf b = SETARA_BUF_INIT;

	/* the public keys of the vectors: headers ed01, 8024, 8124 */
	ck_assert_int_eq(setara_vc__multikey_decode(&mk,
		"z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"), 0);
	ck_assert_int_eq(mk.alg, SETARA_VC_ALG_ED25519);
	ck_assert_int_eq(mk.secret, 0);
	ck_assert_uint_eq(mk.len, 32);
	ck_assert_int_eq(setara_vc__multikey_encode(&b, &mk), 0);
	ck_assert_str_eq(b.ptr,
		"z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
	ck_assert_int_eq(setara_vc__multikey_decode(&mk,
		"zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP"), 0);
	ck_assert_int_eq(mk.alg, SETARA_VC_ALG_P256);
	ck_assert_uint_eq(mk.len, 33);
	ck_assert(mk.bytes[0] == 2 || mk.bytes[0] == 3);
	ck_assert_int_eq(setara_vc__multikey_decode(&mk, "z82LkuBieyGShVBhvtE2"
		"zoiD6Kma4tJGFtkAhxR5pfkp5QPw4LutoYWhvQCnGjdVn14kujQ"), 0);
	ck_assert_int_eq(mk.alg, SETARA_VC_ALG_P384);
	ck_assert_uint_eq(mk.len, 49);
	/* a good shape, then each way to get it wrong */
	ck_assert_int_eq(multikey_of(0xed, 0x01, 1, 1, 32), 0);
	ck_assert_int_eq(multikey_of(0xed, 0x01, 1, 1, 31), SETARA_EINVALID);
	ck_assert_int_eq(multikey_of(0xed, 0x01, 1, 1, 33), SETARA_EINVALID);
	ck_assert_int_eq(multikey_of(0xe7, 0x01, 2, 1, 33), SETARA_EINVALID);
	ck_assert_int_eq(multikey_of(0x80, 0x24, 2, 0xff, 33),
		SETARA_EINVALID); /* x beyond the field */
	ck_assert_int_eq(multikey_of(0x80, 0x24, 4, 1, 33), SETARA_EINVALID);
	ck_assert_int_eq(multikey_of(0x86, 0x26, 0, 0, 32), SETARA_EINVALID);
	ck_assert_int_eq(multikey_of(0x86, 0x26, 0xff, 0xff, 32),
		SETARA_EINVALID); /* beyond the group order */
	ck_assert_int_eq(multikey_of(0x86, 0x26, 0, 1, 32), 0);
	ck_assert_int_eq(multikey_of(0x87, 0x26, 0, 1, 48), 0);
	ck_assert_int_eq(setara_vc_key_from_multikey(&k, "uZm9v"),
		SETARA_EINVALID);
	ck_assert_int_eq(setara_vc_key_from_multikey(&k, "z"),
		SETARA_EINVALID);
	setara_buf_dispose(&b);
}
END_TEST

/* ---- ossl.c ------------------------------------------------------------------ */

static char *pem_of(EVP_PKEY *k, int private_part)
{
	BIO *bio = BIO_new(BIO_s_mem());
	char *p = NULL, *s;
	long n;

	ck_assert_ptr_nonnull(bio);
	ck_assert_int_eq(private_part ?
		PEM_write_bio_PrivateKey(bio, k, NULL, NULL, 0, NULL, NULL) :
		PEM_write_bio_PUBKEY(bio, k), 1);
	n = BIO_get_mem_data(bio, &p);
	s = strndup(p, (size_t)n);
	BIO_free(bio);
	return s;
}

static char *cert_pem_of(EVP_PKEY *k)
{
	X509 *x = X509_new();
	BIO *bio = BIO_new(BIO_s_mem());
	char *p = NULL, *s;
	long n;

	ck_assert_ptr_nonnull(x);
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
	X509_gmtime_adj(X509_getm_notBefore(x), 0);
	X509_gmtime_adj(X509_getm_notAfter(x), 3600);
	X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "CN",
		MBSTRING_ASC, (const unsigned char *)"vc test", -1, -1, 0);
	X509_set_issuer_name(x, X509_get_subject_name(x));
	X509_set_pubkey(x, k);
	/* Ed25519 signs without a separate digest. */
	ck_assert_int_gt(X509_sign(x, k, EVP_PKEY_get_id(k) ==
		EVP_PKEY_ED25519 ? NULL : EVP_sha256()), 0);
	PEM_write_bio_X509(bio, x);
	n = BIO_get_mem_data(bio, &p);
	s = strndup(p, (size_t)n);
	BIO_free(bio);
	X509_free(x);
	return s;
}

static void pem_sign_verify(const char *type, const char *param,
	setara_vc_alg alg)
{
	EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, type, param);
	setara_vc_key *priv = NULL, *pub = NULL, *cert = NULL;
	char *pem_priv, *pem_pub, *pem_cert;
	unsigned char sig[96];
	size_t n = 0;

	ck_assert_ptr_nonnull(k);
	pem_priv = pem_of(k, 1);
	pem_pub = pem_of(k, 0);
	pem_cert = cert_pem_of(k);
	ck_assert_int_eq(setara_vc_key_from_pem(&priv, pem_priv,
		strlen(pem_priv)), 0);
	ck_assert_int_eq(setara_vc_key_from_pem(&pub, pem_pub,
		strlen(pem_pub)), 0);
	ck_assert_int_eq(setara_vc_key_from_pem(&cert, pem_cert,
		strlen(pem_cert)), 0);
	ck_assert_int_eq(setara_vc_key_alg(priv), alg);
	ck_assert_int_eq(setara_vc_key_can_sign(priv), 1);
	ck_assert_int_eq(setara_vc_key_can_sign(pub), 0);
	ck_assert_int_eq(setara_vc_key_can_sign(cert), 0);
	ck_assert_int_eq(setara_vc__sign(sig, &n, priv, "data", 4), 0);
	ck_assert_uint_eq(n, setara_vc__sig_size(alg));
	ck_assert_int_eq(setara_vc__verify(pub, "data", 4, sig, n), 1);
	ck_assert_int_eq(setara_vc__verify(cert, "data", 4, sig, n), 1);
	ck_assert_int_eq(setara_vc__verify(pub, "dat4", 4, sig, n), 0);
	ck_assert_int_eq(setara_vc__verify(pub, "data", 4, sig, n - 1), 0);
	sig[n - 1] ^= 1;
	ck_assert_int_eq(setara_vc__verify(pub, "data", 4, sig, n), 0);
	ck_assert_int_eq(setara_vc__sign(sig, &n, pub, "data", 4),
		SETARA_EUSAGE);
	free(pem_priv);
	free(pem_pub);
	free(pem_cert);
	setara_vc_key_free(priv);
	setara_vc_key_free(pub);
	setara_vc_key_free(cert);
	EVP_PKEY_free(k);
}

START_TEST(test_vc_ossl__pem_keys_sign_and_verify)
{
	pem_sign_verify("ED25519", NULL, SETARA_VC_ALG_ED25519);
	pem_sign_verify("EC", "P-256", SETARA_VC_ALG_P256);
	pem_sign_verify("EC", "P-384", SETARA_VC_ALG_P384);
}
END_TEST

/* P-256's order n, big-endian. */
static const unsigned char p256_order[32] = {
	0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84,
	0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51
};

/* @a + @b of 32 bytes each, big-endian, into @out; the carry out. */
static int add256(unsigned char out[32], const unsigned char *a,
	const unsigned char *b)
{
	unsigned c = 0;
	int i;

	for (i = 31; i >= 0; i--) {
		c += (unsigned)a[i] + b[i];
		out[i] = (unsigned char)c;
		c >>= 8;
	}
	return (int)c;
}

/* The key's table and EVP_DigestVerify() give @want for @sig. */
static void both_say(const setara_vc_key *pub, const char *msg,
	const unsigned char *sig, size_t n, int want)
{
	ck_assert_int_eq(setara_vc__verify(pub, msg, strlen(msg), sig, n),
		want);
	ck_assert_int_eq(setara_vc__verify_evp(pub, msg, strlen(msg), sig, n),
		want);
}

/* A key of @k's, private or public, through its PEM. */
static setara_vc_key *key_of(EVP_PKEY *k, int secret)
{
	setara_vc_key *key = NULL;
	char *pem;

	ck_assert_ptr_nonnull(k);
	pem = pem_of(k, secret);
	ck_assert_int_eq(setara_vc_key_from_pem(&key, pem, strlen(pem)), 0);
	free(pem);
	return key;
}

START_TEST(test_vc_ossl__p256_table_agrees_with_evp)
{
	EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	EVP_PKEY *k2 = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	EVP_PKEY *k3 = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-384");
	setara_vc_key *priv = key_of(k, 1), *pub = key_of(k, 0);
	setara_vc_key *other = key_of(k2, 1), *p384 = key_of(k3, 0);
	const char *msgs[] = { "data", "", "a longer message of the proof" };
	unsigned char sig[96], bad[64], osig[96];
	size_t n = 0, on = 0, i, bit;

	/* Only P-256 keys have one; building it twice is harmless. */
	ck_assert_int_eq(setara_vc__key_table(p384), -1);
	ck_assert_int_eq(setara_vc__key_table(pub), 0);
	ck_assert_int_eq(setara_vc__key_table(pub), 0);
	ck_assert_int_eq(setara_vc__sign(osig, &on, other, "data", 4), 0);
	for (i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++) {
		ck_assert_int_eq(setara_vc__sign(sig, &n, priv, msgs[i],
			strlen(msgs[i])), 0);
		ck_assert_uint_eq(n, 64);
		both_say(pub, msgs[i], sig, n, 1);
		both_say(pub, "dat4", sig, n, 0);
		both_say(pub, msgs[i], sig, n - 1, 0);
		both_say(pub, msgs[i], osig, on, 0);
		/* every single bit of r and of s changed */
		for (bit = 0; bit < 8 * n; bit++) {
			memcpy(bad, sig, n);
			bad[bit / 8] ^= (unsigned char)(1u << (bit % 8));
			both_say(pub, msgs[i], bad, n, 0);
		}
		/* r and s swapped, r or s zero, n, n - 1 and 2^256 - 1 */
		memcpy(bad, sig + 32, 32);
		memcpy(bad + 32, sig, 32);
		both_say(pub, msgs[i], bad, n, 0);
		memcpy(bad, sig, n);
		memset(bad, 0, 32);
		both_say(pub, msgs[i], bad, n, 0);
		memcpy(bad, sig, n);
		memset(bad + 32, 0, 32);
		both_say(pub, msgs[i], bad, n, 0);
		memcpy(bad, sig, n);
		memcpy(bad, p256_order, 32);
		both_say(pub, msgs[i], bad, n, 0);
		memcpy(bad + 32, p256_order, 32);
		both_say(pub, msgs[i], bad, n, 0);
		memset(bad, 0xff, n);
		both_say(pub, msgs[i], bad, n, 0);
		/* r + n and s + n (the same values mod n) when they fit */
		memcpy(bad, sig, n);
		if (add256(bad, sig, p256_order) == 0)
			both_say(pub, msgs[i], bad, n, 0);
		memcpy(bad, sig, n);
		if (add256(bad + 32, sig + 32, p256_order) == 0)
			both_say(pub, msgs[i], bad, n, 0);
	}
	/* A key switches to its table by itself on its 256th verification:
	 * the answers stay the same across the switch. */
	ck_assert_int_eq(setara_vc__sign(sig, &n, other, "data", 4), 0);
	for (i = 0; i < 300; i++) {
		ck_assert_int_eq(setara_vc__key_table_ready(other), i >= 256);
		ck_assert_int_eq(setara_vc__verify(other, "data", 4, sig, n),
			1);
	}
	ck_assert_int_eq(setara_vc__key_table_ready(p384), 0);
	setara_vc_key_free(priv);
	setara_vc_key_free(pub);
	setara_vc_key_free(other);
	setara_vc_key_free(p384);
	EVP_PKEY_free(k);
	EVP_PKEY_free(k2);
	EVP_PKEY_free(k3);
}
END_TEST

/* Threads verifying with one key as it gets its table: one builds it,
 * the others go on through EVP meanwhile, every answer right. */
typedef struct table_race {
	const setara_vc_key *key;
	const unsigned char *sig;
	size_t n;
	int wrong;
} table_race;

static void *race_verify(void *p)
{
	table_race *r = p;
	int i;

	for (i = 0; i < 300; i++)
		if (setara_vc__verify(r->key, "data", 4, r->sig, r->n) != 1)
			r->wrong++;
	return NULL;
}

START_TEST(test_vc_ossl__p256_table_under_threads)
{
	EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	setara_vc_key *priv = key_of(k, 1), *pub = key_of(k, 0);
	table_race r[4];
	pthread_t th[4];
	unsigned char sig[96];
	size_t n = 0;
	int i;

	ck_assert_int_eq(setara_vc__sign(sig, &n, priv, "data", 4), 0);
	for (i = 0; i < 4; i++) {
		r[i].key = pub;
		r[i].sig = sig;
		r[i].n = n;
		r[i].wrong = 0;
		ck_assert_int_eq(pthread_create(&th[i], NULL, race_verify,
			&r[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(pthread_join(th[i], NULL), 0);
		ck_assert_int_eq(r[i].wrong, 0);
	}
	ck_assert_int_eq(setara_vc__key_table_ready(pub), 1);
	setara_vc_key_free(priv);
	setara_vc_key_free(pub);
	EVP_PKEY_free(k);
}
END_TEST

START_TEST(test_vc_ossl__refuses_other_keys)
{
	EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-521");
	setara_vc_key *key = NULL;
	char *pem;

	ck_assert_ptr_nonnull(k);
	pem = pem_of(k, 1);
	ck_assert_int_eq(setara_vc_key_from_pem(&key, pem, strlen(pem)),
		SETARA_EINVALID);
	ck_assert_ptr_null(key);
	free(pem);
	EVP_PKEY_free(k);
	ck_assert_int_eq(setara_vc_key_from_pem(&key, "junk", 4),
		SETARA_EINVALID);
	ck_assert_int_eq(setara_vc_key_load(&key, "/nonexistent/key.pem"),
		SETARA_EIO);
	setara_vc_key_free(NULL);
}
END_TEST

/* ---- proof.c ------------------------------------------------------------------- */

#define EDDSA "tests/vectors/vc-di-eddsa/"
#define ECDSA "tests/vectors/vc-di-ecdsa/"

/* The verification method of the vectors: did:key:MB#MB. */
static char *did_key(const char *pair)
{
	char *mb = json_member(pair, "publicKeyMultibase");
	size_t n = 2 * strlen(mb) + 16;
	char *s = malloc(n);

	ck_assert_ptr_nonnull(s);
	snprintf(s, n, "did:key:%s#%s", mb, mb);
	free(mb);
	return s;
}

/* Proof options of the vectors (created 2023-02-24T23:36:38Z). */
#define VECTOR_CREATED 1677281798LL

START_TEST(test_vc_proof__eddsa_jcs_2022_reproduces_every_byte)
{
	setara_vc_proof_options opts = SETARA_VC_PROOF_OPTIONS_INIT;
	setara_vc__proof_data d = { SETARA_BUF_INIT, SETARA_BUF_INIT, { 0 },
		0, { 0 }, 0 };
	setara_buf in = SETARA_BUF_INIT, out = SETARA_BUF_INIT,
		mb = SETARA_BUF_INIT, a = SETARA_BUF_INIT, b = SETARA_BUF_INIT;
	setara_vc_key *key = key_multikey(EDDSA "keyPair.json",
		"privateKeyMultibase");
	char *vm = did_key(EDDSA "keyPair.json");

	opts.verification_method = vm;
	opts.created = VECTOR_CREATED;
	slurp(&in, EDDSA "unsigned.json");
	ck_assert_int_eq(setara_vc__proof_create(&out, &d, in.ptr, in.size,
		key, &opts), 0);
	assert_file_bytes(EDDSA "eddsa-jcs-2022/canonDocJCS.txt",
		d.canon_doc.ptr, d.canon_doc.size);
	assert_file_bytes(EDDSA "eddsa-jcs-2022/proofCanonJCS.txt",
		d.canon_config.ptr, d.canon_config.size);
	ck_assert_uint_eq(d.hash_len, 64);
	assert_file_hex(EDDSA "eddsa-jcs-2022/proofHashJCS.txt", d.hash_data,
		32);
	assert_file_hex(EDDSA "eddsa-jcs-2022/docHashJCS.txt",
		d.hash_data + 32, 32);
	assert_file_hex(EDDSA "eddsa-jcs-2022/combinedHashJCS.txt",
		d.hash_data, 64);
	assert_file_hex(EDDSA "eddsa-jcs-2022/sigHexJCS.txt", d.sig,
		d.sig_len);
	ck_assert_int_eq(setara_vc_multibase_encode(&mb, 'z', d.sig,
		d.sig_len), 0);
	assert_file_bytes(EDDSA "eddsa-jcs-2022/sigBTC58JCS.txt", mb.ptr,
		mb.size);
	/* The proof options file, canonical, is the canonical config. */
	slurp(&in, EDDSA "eddsa-jcs-2022/proofConfigJCS.json");
	ck_assert_int_eq(setara_vc_jcs(&a, in.ptr, in.size), 0);
	ck_assert_str_eq(a.ptr, d.canon_config.ptr);
	/* The secured document is the signed vector, member for member. */
	setara_buf_clear(&a);
	slurp(&in, EDDSA "eddsa-jcs-2022/signedJCS.json");
	ck_assert_int_eq(setara_vc_jcs(&a, in.ptr, in.size), 0);
	ck_assert_int_eq(setara_vc_jcs(&b, out.ptr, out.size), 0);
	ck_assert_str_eq(a.ptr, b.ptr);
	/* ... and written in the vector's order */
	setara_buf_clear(&out);
	setara_buf_clear(&b);
	opts.pretty = 1;
	slurp(&in, EDDSA "unsigned.json");
	ck_assert_int_eq(setara_vc_proof_create(&out, in.ptr, in.size, key,
		&opts), 0);
	slurp(&in, EDDSA "eddsa-jcs-2022/signedJCS.json");
	ck_assert_int_eq(setara_buf_put(&in, "\n", 1), 0);
	ck_assert_str_eq(out.ptr, in.ptr);
	setara_vc__proof_data_dispose(&d);
	setara_buf_dispose(&in);
	setara_buf_dispose(&out);
	setara_buf_dispose(&mb);
	setara_buf_dispose(&a);
	setara_buf_dispose(&b);
	setara_vc_key_free(key);
	free(vm);
}
END_TEST

/* Verify @rel's text (after @from -> @to when given) with @key. */
static setara_vc_proof_result verify_with(const char *text,
	const setara_vc_key *key, const char *purpose)
{
	setara_vc_verify_options opts = SETARA_VC_VERIFY_OPTIONS_INIT;
	setara_vc_proof_result r = SETARA_VC_PROOF_RESULT_INIT;

	opts.key = key;
	opts.proof_purpose = purpose;
	ck_assert_msg(setara_vc_proof_verify(&r, text, strlen(text), &opts) ==
		0, "%s", setara_error_last()->message);
	return r;
}

static void expect(const char *text, const setara_vc_key *key,
	setara_vc_proof_status status, setara_vc_proof_failure failure)
{
	setara_vc_proof_result r = verify_with(text, key, NULL);

	ck_assert_msg(r.status == status && r.failure == failure,
		"status %d failure %s (%s)", r.status,
		setara_vc_failure_name(r.failure), r.reason);
	setara_vc_proof_result_dispose(&r);
}

static void expect_tampered(const char *text, const char *from,
	const char *to, const setara_vc_key *key,
	setara_vc_proof_failure failure)
{
	char *t = replace(text, from, to);

	expect(t, key, SETARA_VC_PROOF_FAILED, failure);
	free(t);
}

/* Every tampering of a signed vector is refused, with the reason. */
static void tamper_suite(const char *signed_rel, const char *suite,
	const setara_vc_key *key, const setara_vc_key *other)
{
	setara_buf in = SETARA_BUF_INIT, un = SETARA_BUF_INIT,
		out = SETARA_BUF_INIT;
	setara_vc_proof_options po = SETARA_VC_PROOF_OPTIONS_INIT;
	setara_vc_proof_result r;
	char *vm, *t;

	slurp(&in, signed_rel);
	expect(in.ptr, key, SETARA_VC_PROOF_VERIFIED, SETARA_VC_FAIL_NONE);
	/* changed value, added member, member removed */
	expect_tampered(in.ptr, "The School of Examples",
		"The School of Exemples", key, SETARA_VC_FAIL_SIGNATURE);
	expect_tampered(in.ptr, "\"id\": \"urn:uuid",
		"\"awarded\": 1, \"id\": \"urn:uuid", key,
		SETARA_VC_FAIL_SIGNATURE);
	expect_tampered(in.ptr, "\"name\": \"Alumni Credential\",", "", key,
		SETARA_VC_FAIL_SIGNATURE);
	/* a member added to the proof is signed too */
	expect_tampered(in.ptr, "\"proofPurpose\"",
		"\"domain\": \"x.example\", \"proofPurpose\"", key,
		SETARA_VC_FAIL_SIGNATURE);
	/* removed proof */
	slurp(&un, EDDSA "unsigned.json");
	expect(un.ptr, key, SETARA_VC_PROOF_FAILED, SETARA_VC_FAIL_MISSING);
	/* wrong cryptosuite: another JCS suite, an unknown one */
	expect_tampered(in.ptr, suite, strcmp(suite,
		SETARA_VC_EDDSA_JCS_2022) == 0 ? SETARA_VC_ECDSA_JCS_2019 :
		SETARA_VC_EDDSA_JCS_2022, key, SETARA_VC_FAIL_KEY);
	expect_tampered(in.ptr, suite, "ecdsa-rdfc-2019", key,
		SETARA_VC_FAIL_SUITE);
	expect_tampered(in.ptr, "\"type\": \"DataIntegrityProof\"",
		"\"type\": \"Ed25519Signature2020\"", key,
		SETARA_VC_FAIL_SUITE);
	/* proofPurpose other than assertionMethod, either side */
	expect_tampered(in.ptr, "\"assertionMethod\"", "\"authentication\"",
		key, SETARA_VC_FAIL_PURPOSE);
	r = verify_with(in.ptr, key, "authentication");
	ck_assert_int_eq(r.failure, SETARA_VC_FAIL_PURPOSE);
	setara_vc_proof_result_dispose(&r);
	/* the document's @context no longer starts with the proof's */
	expect_tampered(in.ptr, "\"https://www.w3.org/ns/credentials/"
		"examples/v2\"\n  ],\n  \"id\"", "\"https://x.example/v1\"\n  "
		"],\n  \"id\"", key, SETARA_VC_FAIL_CONTEXT);
	/* a broken proofValue: one character, or not base58btc */
	t = strstr(in.ptr, "\"proofValue\": \"z") + 20;
	*t = *t == 'A' ? 'B' : 'A';
	expect(in.ptr, key, SETARA_VC_PROOF_FAILED, SETARA_VC_FAIL_SIGNATURE);
	*t = '0';
	expect(in.ptr, key, SETARA_VC_PROOF_FAILED, SETARA_VC_FAIL_MALFORMED);
	slurp(&in, signed_rel);
	expect_tampered(in.ptr, "\"proofValue\": \"z", "\"proofValue\": \"u",
		key, SETARA_VC_FAIL_MALFORMED);
	expect_tampered(in.ptr, "\"created\": \"2023-02-24T23:36:38Z\"",
		"\"created\": \"yesterday\"", key, SETARA_VC_FAIL_MALFORMED);
	/* a proof set (an array of proofs) */
	t = replace(in.ptr, "\"proof\": {", "\"proof\": [{");
	expect_tampered(t, "\"\n  }\n}", "\"\n  }]\n}", key,
		SETARA_VC_FAIL_MALFORMED);
	free(t);
	/* a proof from another key, naming the same method */
	vm = did_key(strcmp(suite, SETARA_VC_EDDSA_JCS_2022) == 0 ?
		EDDSA "keyPair.json" : ECDSA "p256KeyPair.json");
	po.verification_method = vm;
	po.created = VECTOR_CREATED;
	ck_assert_int_eq(setara_vc_proof_create(&out, un.ptr, un.size, other,
		&po), 0);
	expect(out.ptr, key, SETARA_VC_PROOF_FAILED, SETARA_VC_FAIL_SIGNATURE);
	expect(out.ptr, other, SETARA_VC_PROOF_VERIFIED, SETARA_VC_FAIL_NONE);
	free(vm);
	setara_buf_dispose(&in);
	setara_buf_dispose(&un);
	setara_buf_dispose(&out);
}

START_TEST(test_vc_proof__eddsa_jcs_2022_verifies_and_refuses_tampering)
{
	setara_vc_key *key = key_multikey(EDDSA "keyPair.json",
		"publicKeyMultibase");
	EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	setara_vc_key *other = NULL;
	char *pem = pem_of(k, 1);

	ck_assert_int_eq(setara_vc_key_from_pem(&other, pem, strlen(pem)), 0);
	tamper_suite(EDDSA "eddsa-jcs-2022/signedJCS.json",
		SETARA_VC_EDDSA_JCS_2022, key, other);
	free(pem);
	EVP_PKEY_free(k);
	setara_vc_key_free(other);
	setara_vc_key_free(key);
}
END_TEST

/* The ECDSA vectors: intermediates up to the hash data reproduced, the
 * signature verified, our own signature verified. */
static void ecdsa_vector(const char *pair, const char *dir,
	const char *suffix)
{
	setara_vc_proof_options opts = SETARA_VC_PROOF_OPTIONS_INIT;
	setara_vc__proof_data d = { SETARA_BUF_INIT, SETARA_BUF_INIT, { 0 },
		0, { 0 }, 0 };
	setara_buf in = SETARA_BUF_INIT, out = SETARA_BUF_INIT,
		sig = SETARA_BUF_INIT, mb = SETARA_BUF_INIT;
	setara_vc_key *sec = key_multikey(pair, "secretKeyMultibase");
	setara_vc_key *pub = key_multikey(pair, "publicKeyMultibase");
	size_t h = setara_vc_key_alg(pub) == SETARA_VC_ALG_P384 ? 48 : 32;
	char rel[256], *vm = did_key(pair);

	opts.verification_method = vm;
	opts.created = VECTOR_CREATED;
	slurp(&in, ECDSA "unsigned.json");
	ck_assert_int_eq(setara_vc__proof_create(&out, &d, in.ptr, in.size,
		sec, &opts), 0);
#define V(name, ext) (snprintf(rel, sizeof(rel), "%s%s%s%s%s", ECDSA, \
	dir, name, suffix, ext), rel)
	assert_file_bytes(V("canonDoc", ".txt"), d.canon_doc.ptr,
		d.canon_doc.size);
	assert_file_bytes(V("proofCanon", ".txt"), d.canon_config.ptr,
		d.canon_config.size);
	ck_assert_uint_eq(d.hash_len, 2 * h);
	assert_file_hex(V("proofHash", ".txt"), d.hash_data, h);
	assert_file_hex(V("docHash", ".txt"), d.hash_data + h, h);
	assert_file_hex(V("combinedHash", ".txt"), d.hash_data, 2 * h);
	/* the vector's signature: its hex is its proofValue, and it
	 * verifies over the hash data we made */
	slurp(&in, V("sigBTC58", ".txt"));
	ck_assert_int_eq(setara_vc_multibase_decode(&sig, in.ptr, in.size), 0);
	ck_assert_uint_eq(sig.size, 2 * h);
	assert_file_hex(V("sigHex", ".txt"), (unsigned char *)sig.ptr,
		sig.size);
	ck_assert_int_eq(setara_vc__verify(pub, d.hash_data, d.hash_len,
		(unsigned char *)sig.ptr, sig.size), 1);
	/* our signature over the same hash data verifies too */
	ck_assert_int_eq(setara_vc__verify(pub, d.hash_data, d.hash_len,
		d.sig, d.sig_len), 1);
	expect(out.ptr, pub, SETARA_VC_PROOF_VERIFIED, SETARA_VC_FAIL_NONE);
	/* the signed vector verifies */
	slurp(&in, V("signed", ".json"));
	expect(in.ptr, pub, SETARA_VC_PROOF_VERIFIED, SETARA_VC_FAIL_NONE);
	/* the proof options file, canonical, is the canonical config */
	slurp(&in, V("proofConfig", ".json"));
	ck_assert_int_eq(setara_vc_jcs(&mb, in.ptr, in.size), 0);
	ck_assert_str_eq(mb.ptr, d.canon_config.ptr);
#undef V
	setara_vc__proof_data_dispose(&d);
	setara_buf_dispose(&in);
	setara_buf_dispose(&out);
	setara_buf_dispose(&sig);
	setara_buf_dispose(&mb);
	setara_vc_key_free(sec);
	setara_vc_key_free(pub);
	free(vm);
}

START_TEST(test_vc_proof__ecdsa_jcs_2019_p256_and_p384_vectors)
{
	ecdsa_vector(ECDSA "p256KeyPair.json", "ecdsa-jcs-2019-p256/",
		"JCSECDSAP256");
	ecdsa_vector(ECDSA "p384KeyPair.json", "ecdsa-jcs-2019-p384/",
		"JCSECDSAP384");
}
END_TEST

START_TEST(test_vc_proof__ecdsa_jcs_2019_refuses_tampering)
{
	setara_vc_key *p256 = key_multikey(ECDSA "p256KeyPair.json",
		"publicKeyMultibase");
	setara_vc_key *p384 = key_multikey(ECDSA "p384KeyPair.json",
		"publicKeyMultibase");
	EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	setara_vc_key *other = NULL;
	setara_buf in = SETARA_BUF_INIT;
	char *pem = pem_of(k, 1);

	ck_assert_int_eq(setara_vc_key_from_pem(&other, pem, strlen(pem)), 0);
	tamper_suite(ECDSA "ecdsa-jcs-2019-p256/signedJCSECDSAP256.json",
		SETARA_VC_ECDSA_JCS_2019, p256, other);
	/* the same with the keys' tables (a compressed Multikey point) */
	ck_assert_int_eq(setara_vc__key_table(p256), 0);
	ck_assert_int_eq(setara_vc__key_table(other), 0);
	tamper_suite(ECDSA "ecdsa-jcs-2019-p256/signedJCSECDSAP256.json",
		SETARA_VC_ECDSA_JCS_2019, p256, other);
	/* a P-384 proof is no P-256 proof */
	slurp(&in, ECDSA "ecdsa-jcs-2019-p384/signedJCSECDSAP384.json");
	expect(in.ptr, p384, SETARA_VC_PROOF_VERIFIED, SETARA_VC_FAIL_NONE);
	expect(in.ptr, p256, SETARA_VC_PROOF_FAILED,
		SETARA_VC_FAIL_MALFORMED);
	setara_buf_dispose(&in);
	free(pem);
	EVP_PKEY_free(k);
	setara_vc_key_free(other);
	setara_vc_key_free(p256);
	setara_vc_key_free(p384);
}
END_TEST

/* What the proof tests below share: the secret key of the EdDSA
 * vector, a document in and out, the options to make and to verify a
 * proof, and the result of a verification. */
typedef struct proof_run {
	setara_vc_key *key;
	setara_buf in, out;
	setara_vc_proof_options po;
	setara_vc_verify_options vo;
	setara_vc_proof_result r;
} proof_run;

static proof_run proof_run_start(void)
{
	proof_run t = { NULL, SETARA_BUF_INIT, SETARA_BUF_INIT,
		SETARA_VC_PROOF_OPTIONS_INIT, SETARA_VC_VERIFY_OPTIONS_INIT,
		SETARA_VC_PROOF_RESULT_INIT };

	t.key = key_multikey(EDDSA "keyPair.json", "privateKeyMultibase");
	return t;
}

static void proof_run_end(proof_run *t)
{
	setara_vc_proof_result_dispose(&t->r);
	setara_buf_dispose(&t->in);
	setara_buf_dispose(&t->out);
	setara_vc_key_free(t->key);
}

/* A resolver over one method. */
static int resolve_one(const setara_vc_key **out, const char *vm,
	void *payload)
{
	const setara_vc_key *const *k = payload;

	*out = NULL;
	if (strncmp(vm, "did:key:z6Mk", 12) != 0)
		return SETARA_ENOTFOUND;
	*out = *k;
	return 0;
}

START_TEST(test_vc_proof__methods_resolver_and_expiry)
{
	proof_run t = proof_run_start();
	char *vm = did_key(EDDSA "keyPair.json");

	slurp(&t.in, EDDSA "eddsa-jcs-2022/signedJCS.json");
	/* a resolver that knows the method, and one that does not */
	t.vo.resolve = resolve_one;
	t.vo.payload = &t.key;
	ck_assert_int_eq(setara_vc_proof_verify(&t.r, t.in.ptr, t.in.size,
		&t.vo), 0);
	ck_assert_int_eq(t.r.status, SETARA_VC_PROOF_VERIFIED);
	ck_assert_str_eq(t.r.verification_method, vm);
	ck_assert_str_eq(t.r.cryptosuite, SETARA_VC_EDDSA_JCS_2022);
	slurp(&t.in, ECDSA "ecdsa-jcs-2019-p256/signedJCSECDSAP256.json");
	ck_assert_int_eq(setara_vc_proof_verify(&t.r, t.in.ptr, t.in.size,
		&t.vo), 0);
	ck_assert_int_eq(t.r.status, SETARA_VC_PROOF_UNRESOLVED);
	ck_assert_ptr_nonnull(strstr(t.r.reason, "zDnaep"));
	/* the expected method */
	t.vo = (setara_vc_verify_options)SETARA_VC_VERIFY_OPTIONS_INIT;
	t.vo.key = t.key;
	t.vo.verification_method = "https://issuer.example/keys#1";
	slurp(&t.in, EDDSA "eddsa-jcs-2022/signedJCS.json");
	ck_assert_int_eq(setara_vc_proof_verify(&t.r, t.in.ptr, t.in.size,
		&t.vo), 0);
	ck_assert_int_eq(t.r.failure, SETARA_VC_FAIL_METHOD);
	/* expiry, against the time of the verification */
	t.po.verification_method = vm;
	t.po.created = VECTOR_CREATED;
	t.po.expires = VECTOR_CREATED + 3600;
	slurp(&t.in, EDDSA "unsigned.json");
	ck_assert_int_eq(setara_vc_proof_create(&t.out, t.in.ptr, t.in.size,
		t.key, &t.po), 0);
	ck_assert_ptr_nonnull(strstr(t.out.ptr,
		"\"expires\":\"2023-02-25T00:36:38Z\""));
	t.vo.verification_method = NULL;
	t.vo.at = VECTOR_CREATED + 60;
	ck_assert_int_eq(setara_vc_proof_verify(&t.r, t.out.ptr, t.out.size,
		&t.vo), 0);
	ck_assert_int_eq(t.r.status, SETARA_VC_PROOF_VERIFIED);
	t.vo.at = VECTOR_CREATED + 3600;
	ck_assert_int_eq(setara_vc_proof_verify(&t.r, t.out.ptr, t.out.size,
		&t.vo), 0);
	ck_assert_int_eq(t.r.failure, SETARA_VC_FAIL_EXPIRED);
	ck_assert_str_eq(setara_vc_failure_name(t.r.failure), "expired");
	proof_run_end(&t);
	free(vm);
}
END_TEST

START_TEST(test_vc_proof__refuses_bad_documents_and_options)
{
	proof_run t = proof_run_start();
	setara_vc_key *pub = key_multikey(EDDSA "keyPair.json",
		"publicKeyMultibase");

	t.po.verification_method = "urn:example:key";
	ck_assert_int_eq(setara_vc_proof_create(&t.out, "[1]", 3, t.key, &t.po),
		SETARA_EINVALID);
	ck_assert_int_eq(setara_vc_proof_create(&t.out, "{\"a\":1,\"a\":2}",
		13, t.key, &t.po), SETARA_EINVALID);
	slurp(&t.in, EDDSA "eddsa-jcs-2022/signedJCS.json");
	ck_assert_int_eq(setara_vc_proof_create(&t.out, t.in.ptr, t.in.size,
		t.key, &t.po), SETARA_EINVALID);
	ck_assert_int_eq(setara_vc_proof_create(&t.out, "{}", 2, pub, &t.po),
		SETARA_EUSAGE);
	t.po.cryptosuite = SETARA_VC_ECDSA_JCS_2019;
	ck_assert_int_eq(setara_vc_proof_create(&t.out, "{}", 2, t.key, &t.po),
		SETARA_EUSAGE);
	t.po.cryptosuite = NULL;
	t.po.verification_method = NULL;
	ck_assert_int_eq(setara_vc_proof_create(&t.out, "{}", 2, t.key, &t.po),
		SETARA_EUSAGE);
	/* no @context: none copied; created left out */
	t.po.verification_method = "urn:example:key";
	t.po.created = -1;
	ck_assert_int_eq(setara_vc_proof_create(&t.out, "{\"x\":[1e3]}", 11,
		t.key, &t.po), 0);
	ck_assert_ptr_null(strstr(t.out.ptr, "@context"));
	ck_assert_ptr_null(strstr(t.out.ptr, "created"));
	ck_assert_int_eq(strncmp(t.out.ptr, "{\"x\":[1000],\"proof\":{", 21),
		0);
	t.vo.key = pub;
	ck_assert_int_eq(setara_vc_proof_verify(&t.r, t.out.ptr, t.out.size,
		&t.vo), 0);
	ck_assert_int_eq(t.r.status, SETARA_VC_PROOF_VERIFIED);
	/* the verifier refuses what the loader refuses, as an error */
	ck_assert_int_eq(setara_vc_proof_verify(&t.r, "{\"proof\":{},"
		"\"proof\":{}}", 23, &t.vo), SETARA_EINVALID);
	ck_assert_int_eq(setara_vc_proof_verify(&t.r, "\"x\"", 3, &t.vo),
		SETARA_EINVALID);
	ck_assert_int_eq(setara_vc_proof_verify(&t.r, "{\"proof\":1}", 11,
		&t.vo), 0);
	ck_assert_int_eq(t.r.failure, SETARA_VC_FAIL_MALFORMED);
	ck_assert_int_eq(setara_vc_proof_verify(&t.r,
		"{\"proof\":{\"type\":1}}", 20, &t.vo), 0);
	ck_assert_int_eq(t.r.failure, SETARA_VC_FAIL_MALFORMED);
	proof_run_end(&t);
	setara_vc_key_free(pub);
}
END_TEST

/* Every allocation of ours fails in turn: an error, never a crash or a
 * leak (the asan build checks the leaks). */
START_TEST(test_vc_proof__allocation_failures)
{
	proof_run t = proof_run_start();
	long n;
	int rc = -1;

	slurp(&t.in, EDDSA "unsigned.json");
	t.po.verification_method = "urn:example:key";
	for (n = 0; n < 1000 && rc != 0; n++) {
		setara_buf_dispose(&t.out);
		setara__alloc_fail_after(n);
		rc = setara_vc_proof_create(&t.out, t.in.ptr, t.in.size, t.key,
			&t.po);
		setara__alloc_fail_after(-1);
		ck_assert(rc == 0 || rc == SETARA_ENOMEM);
	}
	ck_assert_int_eq(rc, 0);
	t.vo.key = t.key;
	for (rc = -1, n = 0; n < 1000 && rc != 0; n++) {
		setara__alloc_fail_after(n);
		rc = setara_vc_proof_verify(&t.r, t.out.ptr, t.out.size, &t.vo);
		setara__alloc_fail_after(-1);
		ck_assert(rc == 0 || rc == SETARA_ENOMEM);
		ck_assert(rc != 0 || t.r.status == SETARA_VC_PROOF_VERIFIED);
	}
	ck_assert_int_eq(rc, 0);
	proof_run_end(&t);
}
END_TEST

/* ---- map.c: decisions and attestations ----------------------------------- */

/* A decision as credit/decision.xsd shapes it, cut down: one item with one
 * course each side and one trace step, one basis line. */
static const char decision_xml[] =
	"<decision xmlns='urn:setara:doc:1' version='1'>"
	"<id>urn:uuid:00000000-0000-4000-8000-000000000001</id>"
	"<issuer id='my-um' country='MY'><name>Universiti Malaya</name>"
	"</issuer>"
	"<subject id='6431234521' country='TH'><name>K S</name></subject>"
	"<issued>2026-11-23T10:00:00Z</issued>"
	"<validFrom>2026-11-23T10:00:00Z</validFrom>"
	"<status list='urn:uuid:l1' index='7' purpose='revocation'/>"
	"<status list='urn:uuid:l2' index='7' purpose='suspension'/>"
	"<transfer host='my-um' programme='bcs' levelBasis='indicative'>"
	"<qualification code='bcs' level='my-mqf:6' aqrf='6'>"
	"<title>Bachelor of Computer Science</title></qualification>"
	"<programme>Bachelor of Computer Science</programme>"
	"<basis>credits: by load-share</basis>"
	"<item kind='course' status='refused' rule='logic'>"
	"<from code='2110263' credits='3' grade='B+'><title>Logic</title>"
	"</from>"
	"<credits original='3' converted='10/3' granted='0'/>"
	"<reason>overlap 70% below 80%</reason>"
	"<trace><step check='overlap' outcome='fail'>70%, 80% needed</step>"
	"</trace></item>"
	"<totals original='3' granted='0'/>"
	"</transfer></decision>";

static json_t *map_xml(const char *xml)
{
	xmlDocPtr doc = NULL;
	json_t *vc = NULL;

	ck_assert_int_eq(setara__xml_parse_mem(&doc, xml, strlen(xml),
		"test.xml"), 0);
	ck_assert_int_eq(setara_vc__from_doc(&vc, doc, "test.xml"), 0);
	xmlFreeDoc(doc);
	return vc;
}

/* The JSON text of @v, compact (for comparisons). */
static char *text_of(const json_t *v)
{
	setara_buf b = SETARA_BUF_INIT;
	char *s;

	ck_assert_int_eq(setara_vc__json_write(&b, v, 0), 0);
	s = strdup(b.ptr);
	setara_buf_dispose(&b);
	return s;
}

START_TEST(test_vc_map__decision_keeps_every_field)
{
	json_t *vc = map_xml(decision_xml), *t, *item;
	char *s;

	s = text_of(json_object_get(vc, "@context"));
	ck_assert_str_eq(s, "[\"https://www.w3.org/ns/credentials/v2\","
		"\"urn:setara:context:vc:1\"]");
	free(s);
	s = text_of(json_object_get(vc, "type"));
	ck_assert_str_eq(s, "[\"VerifiableCredential\","
		"\"SetaraTransferDecisionCredential\"]");
	free(s);
	s = text_of(json_object_get(vc, "issuer"));
	ck_assert_str_eq(s, "{\"id\":\"urn:setara:issuer:my-um\","
		"\"name\":\"Universiti Malaya\",\"country\":\"MY\"}");
	free(s);
	ck_assert_str_eq(json_string_value(json_object_get(vc, "name")),
		"Credit transfer decision: Bachelor of Computer Science");
	ck_assert_ptr_null(json_object_get(vc, "validUntil"));
	t = json_object_get(vc, "credentialSubject");
	ck_assert_str_eq(json_string_value(json_object_get(t, "type")),
		"TransferDecisionSubject");
	s = text_of(json_object_get(t, "learner"));
	ck_assert_str_eq(s, "{\"id\":\"6431234521\",\"country\":\"TH\","
		"\"name\":\"K S\"}");
	free(s);
	t = json_object_get(t, "transfer");
	/* attributes first, as written; a text-only element is a string;
	 * the repeating ones are arrays even when alone */
	ck_assert_str_eq(json_string_value(json_object_get(t,
		"levelBasis")), "indicative");
	ck_assert_str_eq(json_string_value(json_object_get(t, "programme")),
		"Bachelor of Computer Science");
	/* the attribute of the same name as a child, kept beside it */
	ck_assert_str_eq(json_string_value(json_object_get(t,
		"programmeId")), "bcs");
	s = text_of(json_object_get(t, "basis"));
	ck_assert_str_eq(s, "[\"credits: by load-share\"]");
	free(s);
	s = text_of(json_object_get(t, "qualification"));
	ck_assert_str_eq(s, "{\"code\":\"bcs\",\"level\":\"my-mqf:6\","
		"\"aqrf\":\"6\",\"title\":\"Bachelor of Computer Science\"}");
	free(s);
	ck_assert(json_is_array(json_object_get(t, "item")));
	ck_assert_uint_eq(json_array_size(json_object_get(t, "item")), 1);
	item = json_array_get(json_object_get(t, "item"), 0);
	s = text_of(item);
	ck_assert_str_eq(s, "{\"kind\":\"course\",\"status\":\"refused\","
		"\"rule\":\"logic\",\"from\":[{\"code\":\"2110263\","
		"\"credits\":\"3\",\"grade\":\"B+\",\"title\":\"Logic\"}],"
		"\"credits\":{\"original\":\"3\",\"converted\":\"10/3\","
		"\"granted\":\"0\"},\"reason\":\"overlap 70% below 80%\","
		"\"trace\":{\"step\":[{\"check\":\"overlap\",\"outcome\":"
		"\"fail\",\"text\":\"70%, 80% needed\"}]}}");
	free(s);
	s = text_of(json_object_get(vc, "credentialStatus"));
	ck_assert_str_eq(s, "[{\"id\":\"urn:uuid:l1#7\",\"type\":"
		"\"BitstringStatusListEntry\",\"statusPurpose\":\"revocation\","
		"\"statusListIndex\":\"7\",\"statusListCredential\":"
		"\"urn:uuid:l1\"},{\"id\":\"urn:uuid:l2#7\",\"type\":"
		"\"BitstringStatusListEntry\",\"statusPurpose\":\"suspension\","
		"\"statusListIndex\":\"7\",\"statusListCredential\":"
		"\"urn:uuid:l2\"}]");
	free(s);
	json_decref(vc);
}
END_TEST

START_TEST(test_vc_map__attestation_subject_and_lists)
{
	static const char xml[] =
		"<attestation xmlns='urn:setara:doc:1' version='1'>"
		"<id>urn:uuid:00000000-0000-4000-8000-000000000002</id>"
		"<issuer id='th-dsd' country='TH' accreditation='demo'>"
		"<name>DSD</name></issuer>"
		"<subject id='PH-1' country='PH'><name>A V</name></subject>"
		"<issued>2026-11-23T10:00:00Z</issued>"
		"<validFrom>2026-11-23T10:00:00Z</validFrom>"
		"<validUntil>2031-08-19T23:59:59Z</validUntil>"
		"<claim occupation='occ' requiredAqrf='2'><title>Bricklaying"
		"</title></claim>"
		"<credential id='urn:uuid:c'><held level='ph-pqf:2' aqrf='2'>"
		"NC II</held></credential>"
		"<decision outcome='partly-recognised'>"
		"<reason code='PARTIAL_UNITS_MISSING'/></decision>"
		"<units coverage='partial'><unit code='u1' status='missing'>"
		"<title>Plastering</title><close>assess u1</close></unit>"
		"</units>"
		"<trace><step rule='outcome'>partly-recognised</step></trace>"
		"</attestation>";
	json_t *vc = map_xml(xml), *t;
	char *s;

	s = text_of(json_object_get(vc, "issuer"));
	ck_assert_str_eq(s, "{\"id\":\"urn:setara:issuer:th-dsd\","
		"\"name\":\"DSD\",\"country\":\"TH\",\"accreditation\":"
		"\"demo\"}");
	free(s);
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(
		vc, "type"), 1)), "SetaraSkillsRecognitionCredential");
	ck_assert_str_eq(json_string_value(json_object_get(vc, "name")),
		"Skills recognition: Bricklaying");
	ck_assert_str_eq(json_string_value(json_object_get(vc,
		"validUntil")), "2031-08-19T23:59:59Z");
	/* no status element: no credentialStatus */
	ck_assert_ptr_null(json_object_get(vc, "credentialStatus"));
	t = json_object_get(vc, "credentialSubject");
	s = text_of(t);
	ck_assert_str_eq(s, "{\"type\":\"SkillsRecognitionSubject\","
		"\"holder\":{\"id\":\"PH-1\",\"country\":\"PH\",\"name\":"
		"\"A V\"},\"claim\":{\"occupation\":\"occ\",\"requiredAqrf\":"
		"\"2\",\"title\":\"Bricklaying\"},\"credential\":{\"id\":"
		"\"urn:uuid:c\",\"held\":{\"level\":\"ph-pqf:2\",\"aqrf\":"
		"\"2\",\"text\":\"NC II\"}},\"decision\":{\"outcome\":"
		"\"partly-recognised\",\"reason\":[{\"code\":"
		"\"PARTIAL_UNITS_MISSING\"}]},\"units\":{\"coverage\":"
		"\"partial\",\"unit\":[{\"code\":\"u1\",\"status\":"
		"\"missing\",\"title\":\"Plastering\",\"close\":"
		"\"assess u1\"}]},\"trace\":{\"step\":[{\"rule\":\"outcome\","
		"\"text\":\"partly-recognised\"}]}}");
	free(s);
	json_decref(vc);
}
END_TEST

START_TEST(test_vc_map__refuses_other_documents)
{
	static const char *const xml[] = {
		"<statusList xmlns='urn:setara:doc:1'><id>x</id></statusList>",
		"<decision xmlns='urn:other'><id>x</id></decision>",
		/* no issuer */
		"<decision xmlns='urn:setara:doc:1'><id>x</id></decision>",
	};
	xmlDocPtr doc;
	json_t *vc;
	size_t i;

	for (i = 0; i < sizeof(xml) / sizeof(xml[0]); i++) {
		doc = NULL;
		vc = NULL;
		ck_assert_int_eq(setara__xml_parse_mem(&doc, xml[i],
			strlen(xml[i]), "test.xml"), 0);
		ck_assert_int_eq(setara_vc__from_doc(&vc, doc, "test.xml"),
			SETARA_EINVALID);
		ck_assert_ptr_null(vc);
		xmlFreeDoc(doc);
	}
}
END_TEST

/* What the one rule cannot carry whole is refused, never dropped: each
 * variant changes one piece of decision_xml. */
START_TEST(test_vc_map__refuses_what_it_cannot_carry_whole)
{
	static const struct { const char *from, *to; } v[] = {
		/* two attributes for one member: programme (-> programmeId)
		 * and programmeId */
		{ "programme='bcs'", "programme='bcs' programmeId='x'" },
		/* an element twice where the schema has it once */
		{ "<totals ", "<totals original='1'/><totals " },
		/* a child named text beside text */
		{ "<reason>overlap", "<reason>overlap<text>t</text>" },
		/* an attribute named text beside text */
		{ "<step check=", "<step text='x' check=" },
		/* a namespaced attribute, an element of another namespace */
		{ "<basis>", "<basis xml:lang='en'>" },
		{ "<basis>", "<o:basis xmlns:o='urn:o'>x</o:basis><basis>" },
	};
	char *xml;
	const char *at;
	xmlDocPtr doc;
	json_t *vc;
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		at = strstr(decision_xml, v[i].from);
		ck_assert_ptr_nonnull(at);
		xml = setara__asprintf("%.*s%s%s", (int)(at - decision_xml),
			decision_xml, v[i].to, at + strlen(v[i].from));
		ck_assert_ptr_nonnull(xml);
		doc = NULL;
		vc = NULL;
		ck_assert_int_eq(setara__xml_parse_mem(&doc, xml, strlen(xml),
			"test.xml"), 0);
		ck_assert_msg(setara_vc__from_doc(&vc, doc, "test.xml") ==
			SETARA_EINVALID, "variant %zu mapped", i);
		ck_assert_ptr_null(vc);
		xmlFreeDoc(doc);
		setara__free(xml);
	}
}
END_TEST

START_TEST(test_vc_map__allocation_failures)
{
	xmlDocPtr doc = NULL;
	json_t *vc = NULL, *want = map_xml(decision_xml);
	long n;
	int rc = -1;

	ck_assert_int_eq(setara__xml_parse_mem(&doc, decision_xml,
		strlen(decision_xml), "test.xml"), 0);
	for (n = 0; n < 2000 && rc != 0; n++) {
		setara__alloc_fail_after(n);
		rc = setara_vc__from_doc(&vc, doc, "test.xml");
		setara__alloc_fail_after(-1);
		ck_assert(rc == 0 || rc == SETARA_ENOMEM);
		ck_assert(rc == 0 || vc == NULL);
	}
	ck_assert_int_eq(rc, 0);
	ck_assert(json_equal(vc, want));
	json_decref(vc);
	json_decref(want);
	xmlFreeDoc(doc);
}
END_TEST

/* ---- check.c: the VC-API request's credential ----------------------------- */

START_TEST(test_vc_request__unwraps_the_credential_keeping_its_proof)
{
	static const char *const refused[] = {
		"{\"verifiableCredential\":{},\"presentation\":{}}",
		"{\"verifiableCredential\":\"eyJhbGciOiJFUzI1NiJ9.e30.c2ln\"}",
		"{\"verifiableCredential\":{},\"options\":[]}",
		"{\"verifiableCredential\":{},\"verifiableCredential\":{}}",
		"{\"verifiableCredential\":{\"a\":\"\xc3\x28\"}}",
	};
	setara_buf in = SETARA_BUF_INIT, req = SETARA_BUF_INIT,
		out = SETARA_BUF_INIT, a = SETARA_BUF_INIT, b = SETARA_BUF_INIT;
	size_t i;

	slurp(&in, "tests/vectors/vc-di-eddsa/eddsa-jcs-2022/signedJCS.json");
	/* the credential itself: not a request, nothing written */
	ck_assert_int_eq(setara_vc_request_credential(&out, in.ptr, in.size,
		NULL), 0);
	ck_assert_uint_eq(out.size, 0);
	/* wrapped, indented, the options first: the credential re-written
	 * has the canonical form of the one sent */
	ck_assert_int_eq(setara_buf_printf(&req, "{\n  \"options\": "
		"{\"challenge\": \"1.50\"},\n  \"verifiableCredential\": %.*s"
		"\n}\n", (int)in.size, in.ptr), 0);
	ck_assert_int_eq(setara_vc_request_credential(&out, req.ptr, req.size,
		NULL), 1);
	ck_assert_int_eq(setara_vc_jcs(&a, in.ptr, in.size), 0);
	ck_assert_int_eq(setara_vc_jcs(&b, out.ptr, out.size), 0);
	ck_assert_uint_eq(a.size, b.size);
	ck_assert(memcmp(a.ptr, b.ptr, a.size) == 0);
	ck_assert(strstr(out.ptr, "challenge") == NULL);
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		setara_buf_clear(&out);
		ck_assert_msg(setara_vc_request_credential(&out, refused[i],
			strlen(refused[i]), "request") == SETARA_EINVALID,
			"not refused: %s", refused[i]);
		ck_assert_uint_eq(out.size, 0);
	}
	setara_buf_dispose(&in);
	setara_buf_dispose(&req);
	setara_buf_dispose(&out);
	setara_buf_dispose(&a);
	setara_buf_dispose(&b);
}
END_TEST

static Suite *vc_suite(void)
{
	Suite *s = suite_create("vc");
	TCase *tc;

	tc = tcase_create("jsonload");
	/* Inputs of 16 MiB, read whole: 4 s is tight under sanitizers. */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_vc_jsonload__refuses_hostile_input);
	tcase_add_test(tc, test_vc_jsonload__depth_at_and_past_the_limit);
	tcase_add_test(tc, test_vc_jsonload__size_limit);
	tcase_add_test(tc, test_vc_jsonload__values_at_and_past_the_limit);
	tcase_add_test(tc, test_vc_jsonload__jansson_keeps_order);
	suite_add_tcase(s, tc);

	tc = tcase_create("jsonfast");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_vc_jsonfast__jansson_decides_the_edge_cases);
	tcase_add_test(tc,
		test_vc_jsonfast__same_trees_as_jansson_on_the_corpora);
	suite_add_tcase(s, tc);

	tc = tcase_create("jcs");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_vc_jcs__rfc8785_test_data_byte_identical);
	tcase_add_test(tc, test_vc_jcs__numbers_as_ecmascript);
	tcase_add_test(tc, test_vc_jcs__es6_number_file_hashes);
	tcase_add_test(tc, test_vc_jcs__shortest_digits_by_search);
	tcase_add_test(tc, test_vc_jcs__strings_and_member_order);
	tcase_add_test(tc, test_vc_jcs__ordered_writer_keeps_order);
	suite_add_tcase(s, tc);

	tc = tcase_create("multibase");
	tcase_add_test(tc, test_vc_multibase__known_answers);
	tcase_add_test(tc, test_vc_multibase__refuses_bad_text);
	tcase_add_test(tc, test_vc_multibase__base58_round_trips);
	suite_add_tcase(s, tc);

	tc = tcase_create("multikey");
	tcase_add_test(tc, test_vc_multikey__vector_key_pairs);
	tcase_add_test(tc, test_vc_multikey__headers_and_lengths);
	suite_add_tcase(s, tc);

	tc = tcase_create("ossl");
	tcase_add_test(tc, test_vc_ossl__pem_keys_sign_and_verify);
	tcase_add_test(tc, test_vc_ossl__refuses_other_keys);
	tcase_add_test(tc, test_vc_ossl__p256_table_agrees_with_evp);
	tcase_add_test(tc, test_vc_ossl__p256_table_under_threads);
	suite_add_tcase(s, tc);

	tc = tcase_create("proof");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_vc_proof__eddsa_jcs_2022_reproduces_every_byte);
	tcase_add_test(tc,
		test_vc_proof__eddsa_jcs_2022_verifies_and_refuses_tampering);
	tcase_add_test(tc, test_vc_proof__ecdsa_jcs_2019_p256_and_p384_vectors);
	tcase_add_test(tc, test_vc_proof__ecdsa_jcs_2019_refuses_tampering);
	tcase_add_test(tc, test_vc_proof__methods_resolver_and_expiry);
	tcase_add_test(tc, test_vc_proof__refuses_bad_documents_and_options);
	tcase_add_test(tc, test_vc_proof__allocation_failures);
	tcase_add_test(tc,
		test_vc_request__unwraps_the_credential_keeping_its_proof);
	suite_add_tcase(s, tc);

	tc = tcase_create("map");
	tcase_add_test(tc, test_vc_map__decision_keeps_every_field);
	tcase_add_test(tc, test_vc_map__attestation_subject_and_lists);
	tcase_add_test(tc, test_vc_map__refuses_other_documents);
	tcase_add_test(tc, test_vc_map__refuses_what_it_cannot_carry_whole);
	tcase_add_test(tc, test_vc_map__allocation_failures);
	suite_add_tcase(s, tc);
	return s;
}

SETARA_CHECK_MAIN(vc_suite)
