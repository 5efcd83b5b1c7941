/*
 * Unit tests of the vc component's Bitstring Status List (src/vc/
 * statuslist.c): the specification's example read back, padding and bit
 * order, the encoding checked both ways against Python's gzip and base64,
 * the strict reading of hostile lists (shapes, multibase, GZIP bombs,
 * sizes), and a credential's status from a directory of signed lists:
 * revoked, suspended, tampered, another key, another issuer, stale, and
 * an old copy beside a new one.
 */
#include <zlib.h>

#include "check_common.h"
#include "vc/vc_int.h"
#include "util/bitstring.h"

#define LIST_ID "urn:uuid:0f8e4a52-3c1d-4e8f-9a6b-7c2d1e0f3a4b"
#define ISSUER "urn:setara:issuer:my-um"
#define P256 "tests/vectors/vc-di-ecdsa/p256KeyPair.json"
#define P384 "tests/vectors/vc-di-ecdsa/p384KeyPair.json"

/* ---- helpers -------------------------------------------------------------- */

static setara_vc_key *vector_key(const char *rel)
{
	char path[1024];
	setara_buf b = SETARA_BUF_INIT;
	setara_vc_key *k = NULL;
	json_t *v = NULL;

	snprintf(path, sizeof(path), "%s/%s", test_top(), rel);
	ck_assert_int_eq(setara__read_file(&b, path, 1 << 20), 0);
	ck_assert_int_eq(setara_vc__json_load(&v, b.ptr, b.size, rel), 0);
	ck_assert_int_eq(setara_vc_key_from_multikey(&k, json_string_value(
		json_object_get(v, "secretKeyMultibase"))), 0);
	json_decref(v);
	setara_buf_dispose(&b);
	return k;
}

static time_t at(const char *iso)
{
	time_t t;

	ck_assert_int_eq(setara__time_parse(&t, iso), 0);
	return t;
}

/* A list of 131072 entries with the indexes in @set (ending with -1). */
static unsigned char *bits_with(const long *set)
{
	unsigned char *b = calloc(1, 16384);

	for (; *set >= 0; set++)
		setara__bit_set(b, (size_t)*set, 1);
	return b;
}

struct list_spec {
	const char *id, *issuer;
	int suspension;
	const char *from, *until;
	const long *set;
};

/* The options that write the list of @s (its bits aside), into @o. */
static void list_options(setara_vc_status_list_options *o,
	const struct list_spec *s)
{
	o->id = s->id ? s->id : LIST_ID;
	o->issuer = s->issuer ? s->issuer : ISSUER;
	o->suspension = s->suspension;
	o->valid_from = at(s->from);
	o->valid_until = s->until ? at(s->until) : 0;
	o->ttl = 3600000;
}

/* The unsigned list of @s, into @out. */
static void list_json(setara_buf *out, const struct list_spec *s)
{
	setara_vc_status_list_options o = SETARA_VC_STATUS_LIST_OPTIONS_INIT;
	unsigned char *b = bits_with(s->set);

	list_options(&o, s);
	setara_buf_clear(out);
	ck_assert_int_eq(setara_vc_status_list_write(out, b, 131072, &o), 0);
	free(b);
}

/* The list of @s signed by @key, written to @dir/@name. */
static void write_signed(const char *dir, const char *name,
	const struct list_spec *s, const setara_vc_key *key)
{
	setara_vc_proof_options po = SETARA_VC_PROOF_OPTIONS_INIT;
	setara_buf u = SETARA_BUF_INIT, out = SETARA_BUF_INIT;
	char path[1024];

	list_json(&u, s);
	po.verification_method = ISSUER "#key-1";
	po.created = at(s->from);
	po.pretty = 1;
	ck_assert_int_eq(setara_vc_proof_create(&out, u.ptr, u.size, key,
		&po), 0);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	test_write(path, out.ptr);
	setara_buf_dispose(&u);
	setara_buf_dispose(&out);
}

/* A credential of ISSUER valid from @from with @status (JSON text). */
static void credential(setara_buf *out, const char *from, const char *status)
{
	setara_buf_clear(out);
	setara_buf_printf(out, "{\"@context\":[\"https://www.w3.org/ns/"
		"credentials/v2\"],\"type\":[\"VerifiableCredential\"],"
		"\"issuer\":{\"id\":\"%s\"},\"validFrom\":\"%s\","
		"\"credentialSubject\":{\"id\":\"urn:example:learner\"}%s%s}",
		ISSUER, from, status ? ",\"credentialStatus\":" : "",
		status ? status : "");
}

/* An entry of list @list for @purpose at @index. */
static const char *entry(char *buf, size_t n, const char *list,
	const char *purpose, const char *index)
{
	snprintf(buf, n, "{\"id\":\"%s#%s\",\"type\":"
		"\"BitstringStatusListEntry\",\"statusPurpose\":\"%s\","
		"\"statusListIndex\":\"%s\",\"statusListCredential\":\"%s\"}",
		list, index, purpose, index, list);
	return buf;
}

/* Check a credential with @status at @when against @lists. */
static setara_vc_status check_at(const setara_vc_status_lists *lists,
	const char *status, const char *when, char *reason, size_t n)
{
	setara_vc_status_result r = SETARA_VC_STATUS_RESULT_INIT;
	setara_buf c = SETARA_BUF_INIT;

	credential(&c, "2026-11-20T00:00:00Z", status);
	ck_assert_int_eq(setara_vc_status_check(&r, lists, c.ptr, c.size,
		at(when)), 0);
	ck_assert_msg(r.reason[0] != '\0', "no reason");
	if (reason)
		snprintf(reason, n, "%s", r.reason);
	setara_buf_dispose(&c);
	return r.status;
}

static setara_vc_status_lists *open_lists(const char *path,
	const setara_vc_key *key)
{
	setara_vc_status_lists_options o =
		SETARA_VC_STATUS_LISTS_OPTIONS_INIT;
	setara_vc_status_lists *l = NULL;

	o.key = key;
	ck_assert_int_eq(setara_vc_status_lists_open(&l, path, &o), 0);
	return l;
}

static void remove_dir(const char *dir)
{
	char cmd[1100];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Run a shell command, its standard output into @out. */
static void run(setara_buf *out, const char *cmd)
{
	char chunk[4096];
	size_t n;
	FILE *p = popen(cmd, "r");

	ck_assert_ptr_nonnull(p);
	setara_buf_clear(out);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		setara_buf_put(out, chunk, n);
	ck_assert_int_eq(pclose(p), 0);
	setara_buf_put(out, "", 1);
}

/* ---- writing and reading ---------------------------------------------------- */

/* Example 2 of W3C Bitstring Status List v1.0 ("Example
 * BitstringStatusListCredential"), without its proof. */
static const char spec_example[] =
	"{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],"
	"\"id\":\"https://example.com/credentials/status/3\","
	"\"type\":[\"VerifiableCredential\",\"BitstringStatusListCredential\"],"
	"\"issuer\":\"did:example:12345\","
	"\"validFrom\":\"2021-04-05T14:27:40Z\","
	"\"credentialSubject\":{\"id\":\"https://example.com/status/3#list\","
	"\"type\":\"BitstringStatusList\",\"statusPurpose\":\"revocation\","
	"\"encodedList\":\"uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAA"
	"AAAAAIC3AYbSVKsAQAAA\"}}";

START_TEST(test_vc_statuslist__reads_the_specification_example)
{
	setara_vc_status_list *l = NULL;
	size_t i;

	ck_assert_int_eq(setara_vc_status_list_read(&l, spec_example,
		strlen(spec_example), "example"), 0);
	ck_assert_str_eq(setara_vc_status_list_id(l),
		"https://example.com/credentials/status/3");
	ck_assert_str_eq(setara_vc_status_list_issuer(l), "did:example:12345");
	ck_assert_int_eq(setara_vc_status_list_suspension(l), 0);
	ck_assert_int_eq(setara_vc_status_list_valid_from(l),
		at("2021-04-05T14:27:40Z"));
	ck_assert_int_eq(setara_vc_status_list_valid_until(l), 0);
	ck_assert_int_eq(setara_vc_status_list_ttl(l), 0);
	/* The example's list: 131,072 entries, none set. */
	ck_assert_uint_eq(setara_vc_status_list_size(l), 131072);
	for (i = 0; i < 131072; i += 97)
		ck_assert_int_eq(setara_vc_status_list_bit(l, i), 0);
	ck_assert_int_eq(setara_vc_status_list_bit(l, 131071), 0);
	ck_assert_int_eq(setara_vc_status_list_bit(l, 131072),
		SETARA_EINVALID);
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message,
		"RANGE_ERROR"));
	setara_vc_status_list_free(l);
}
END_TEST

START_TEST(test_vc_statuslist__writes_padded_in_bit_order)
{
	const struct list_spec spec = { NULL, NULL, 1, "2026-11-23T10:00:00Z",
		"2026-11-30T10:00:00Z", NULL };
	setara_vc_status_list_options o = SETARA_VC_STATUS_LIST_OPTIONS_INIT;
	setara_vc_status_list *l = NULL;
	setara_buf out = SETARA_BUF_INIT;
	/* Bits 0, 5 and 23 of 24: 0x84 0x00 0x01. */
	const unsigned char three[3] = { 0x84, 0x00, 0x01 };
	/* 13 bits given; the byte's three bits past them are ignored. */
	const unsigned char stray[2] = { 0x00, 0x0f };
	json_t *v = NULL, *s;
	const char *k;
	const char *order[] = { "@context", "id", "type", "issuer",
		"validFrom", "validUntil", "credentialSubject" };
	size_t i = 0;
	json_t *m;

	list_options(&o, &spec);
	o.ttl = 86400000;
	ck_assert_int_eq(setara_vc_status_list_write(&out, three, 24, &o), 0);
	/* The shape, in the specification's order. */
	ck_assert_int_eq(setara_vc__json_load(&v, out.ptr, out.size, NULL), 0);
	json_object_foreach(v, k, m)
		ck_assert_str_eq(k, order[i++]);
	ck_assert_uint_eq(i, 7);
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(v,
		"type"), 1)), "BitstringStatusListCredential");
	ck_assert_str_eq(json_string_value(json_object_get(v, "validUntil")),
		"2026-11-30T10:00:00Z");
	s = json_object_get(v, "credentialSubject");
	ck_assert_str_eq(json_string_value(json_object_get(s, "id")),
		LIST_ID "#list");
	ck_assert_str_eq(json_string_value(json_object_get(s, "type")),
		"BitstringStatusList");
	ck_assert_str_eq(json_string_value(json_object_get(s,
		"statusPurpose")), "suspension");
	ck_assert(json_number_value(json_object_get(s, "ttl")) == 86400000.0);
	ck_assert_int_eq(json_string_value(json_object_get(s,
		"encodedList"))[0], 'u');
	json_decref(v);
	/* Read back: padded to the minimum, the bits where they were. */
	ck_assert_int_eq(setara_vc_status_list_read(&l, out.ptr, out.size,
		NULL), 0);
	ck_assert_uint_eq(setara_vc_status_list_size(l), 131072);
	ck_assert_int_eq(setara_vc_status_list_suspension(l), 1);
	ck_assert_int_eq(setara_vc_status_list_ttl(l), 86400000);
	for (i = 0; i < 40; i++)
		ck_assert_int_eq(setara_vc_status_list_bit(l, i),
			i == 0 || i == 5 || i == 23);
	ck_assert_int_eq(setara_vc_status_list_bit(l, 131071), 0);
	setara_vc_status_list_free(l);
	l = NULL;
	setara_buf_clear(&out);
	ck_assert_int_eq(setara_vc_status_list_write(&out, stray, 13, &o), 0);
	ck_assert_int_eq(setara_vc_status_list_read(&l, out.ptr, out.size,
		NULL), 0);
	for (i = 0; i < 16; i++)
		ck_assert_int_eq(setara_vc_status_list_bit(l, i),
			i == 12);
	setara_vc_status_list_free(l);
	/* A larger list keeps its size, whole bytes. */
	{
		unsigned char *big = calloc(1, 20000);

		big[19999] = 0x01;
		setara_buf_clear(&out);
		l = NULL;
		ck_assert_int_eq(setara_vc_status_list_write(&out, big,
			160000, &o), 0);
		ck_assert_int_eq(setara_vc_status_list_read(&l, out.ptr,
			out.size, NULL), 0);
		ck_assert_uint_eq(setara_vc_status_list_size(l), 160000);
		ck_assert_int_eq(setara_vc_status_list_bit(l, 159999), 1);
		ck_assert_int_eq(setara_vc_status_list_bit(l, 159998), 0);
		setara_vc_status_list_free(l);
		free(big);
	}
	/* What the writer refuses. */
	o.id = NULL;
	ck_assert_int_eq(setara_vc_status_list_write(&out, three, 24, &o),
		SETARA_EUSAGE);
	o.id = LIST_ID;
	o.valid_until = o.valid_from;
	ck_assert_int_eq(setara_vc_status_list_write(&out, three, 24, &o),
		SETARA_EUSAGE);
	o.valid_until = 0;
	ck_assert_int_eq(setara_vc_status_list_write(&out, three,
		SETARA_VC_STATUS_LIST_MAX_ENTRIES + 8, &o), SETARA_EUSAGE);
	setara_buf_dispose(&out);
}
END_TEST

/* The encoding both ways against Python's gzip and base64 modules. */
START_TEST(test_vc_statuslist__python_reads_ours_and_we_read_pythons)
{
	static const long set[] = { 0, 7, 8, 94567, 131071, -1 };
	struct list_spec s = { NULL, NULL, 0, "2026-11-23T10:00:00Z", NULL,
		set };
	setara_vc_status_list *l = NULL;
	setara_buf js = SETARA_BUF_INIT, out = SETARA_BUF_INIT;
	char *dir = test_tmpdir(), path[1024], cmd[4096];
	size_t i;

	if (system("python3 -c 'import gzip, base64' 2>/dev/null") != 0) {
		fprintf(stderr, "python3 missing: Python interop not run\n");
		free(dir);
		return;
	}
	list_json(&js, &s);
	snprintf(path, sizeof(path), "%s/list.json", dir);
	test_write(path, js.ptr);
	snprintf(cmd, sizeof(cmd), "python3 -c '\n"
		"import base64, gzip, json, sys\n"
		"e = json.load(open(sys.argv[1]))[\"credentialSubject\"]"
		"[\"encodedList\"]\n"
		"assert e[0] == \"u\"\n"
		"b = gzip.decompress(base64.urlsafe_b64decode(e[1:] + "
		"\"=\" * (-len(e[1:]) %% 4)))\n"
		"print(len(b) * 8, *[i for i in range(len(b) * 8) "
		"if b[i // 8] >> (7 - i %% 8) & 1])\n' %s", path);
	run(&out, cmd);
	ck_assert_str_eq(out.ptr, "131072 0 7 8 94567 131071\n");
	/* Python's list of 200,000 entries, bits 3, 131073 and 199999. */
	run(&out, "python3 -c '\n"
		"import base64, gzip\n"
		"b = bytearray(25000)\n"
		"for i in (3, 131073, 199999): b[i // 8] |= 0x80 >> (i % 8)\n"
		"print(\"u\" + base64.urlsafe_b64encode(gzip.compress(bytes(b)))"
		".decode().rstrip(\"=\"), end=\"\")'");
	setara_buf_clear(&js);
	setara_buf_printf(&js, "{\"@context\":[\"https://www.w3.org/ns/"
		"credentials/v2\"],\"id\":\"%s\",\"type\":[\"VerifiableCredential\","
		"\"BitstringStatusListCredential\"],\"issuer\":\"%s\","
		"\"credentialSubject\":{\"type\":\"BitstringStatusList\","
		"\"statusPurpose\":\"revocation\",\"encodedList\":\"%s\"}}",
		LIST_ID, ISSUER, out.ptr);
	ck_assert_int_eq(setara_vc_status_list_read(&l, js.ptr, js.size,
		NULL), 0);
	ck_assert_uint_eq(setara_vc_status_list_size(l), 200000);
	for (i = 0; i < 200000; i++)
		if (setara_vc_status_list_bit(l, i) != (i == 3 ||
		    i == 131073 || i == 199999))
			ck_abort_msg("bit %zu", i);
	setara_vc_status_list_free(l);
	remove_dir(dir);
	free(dir);
	setara_buf_dispose(&js);
	setara_buf_dispose(&out);
}
END_TEST

/* @nbytes zero bytes, GZIP-compressed, as 'u' + base64url. */
static char *gzip_zeros(size_t nbytes)
{
	static unsigned char zeros[65536];
	setara_buf gz = SETARA_BUF_INIT, enc = SETARA_BUF_INIT;
	unsigned char chunk[65536];
	z_stream z;
	size_t left = nbytes;
	int flush;

	memset(&z, 0, sizeof(z));
	ck_assert_int_eq(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9,
		Z_DEFAULT_STRATEGY), Z_OK);
	do {
		size_t n = left < sizeof(zeros) ? left : sizeof(zeros);

		left -= n;
		flush = left ? Z_NO_FLUSH : Z_FINISH;
		z.next_in = zeros;
		z.avail_in = (uInt)n;
		do {
			z.next_out = chunk;
			z.avail_out = sizeof(chunk);
			deflate(&z, flush);
			setara_buf_put(&gz, chunk, sizeof(chunk) - z.avail_out);
		} while (z.avail_out == 0);
	} while (flush != Z_FINISH);
	deflateEnd(&z);
	setara_buf_puts(&enc, "u");
	ck_assert_int_eq(setara__base64url(&enc, (const unsigned char *)gz.ptr, gz.size), 0);
	setara_buf_dispose(&gz);
	return setara_buf_detach(&enc);
}

/* The example with its encodedList replaced by @enc. */
static int read_with_list(const char *enc)
{
	setara_vc_status_list *l = NULL;
	setara_buf b = SETARA_BUF_INIT;
	const char *p = strstr(spec_example, "\"uH4s");
	int rc;

	setara_buf_put(&b, spec_example, (size_t)(p - spec_example));
	setara_buf_printf(&b, "\"%s\"}}", enc);
	rc = setara_vc_status_list_read(&l, b.ptr, b.size, "bomb.json");
	setara_vc_status_list_free(l);
	setara_buf_dispose(&b);
	return rc;
}

START_TEST(test_vc_statuslist__gzip_bomb_and_sizes)
{
	char *enc;

	/* 256 MiB of zeros in about 350 KB of text: refused without
	 * inflating past the largest list. */
	enc = gzip_zeros(256u * 1024u * 1024u);
	ck_assert_uint_lt(strlen(enc), SETARA_VC_JSON_MAX_SIZE);
	ck_assert_int_eq(read_with_list(enc), SETARA_EINVALID);
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message,
		"too large"));
	ck_assert_str_eq(setara_error_last()->file, "bomb.json");
	ck_assert_str_eq(setara_error_last()->field, "encodedList");
	setara_free(enc);
	/* The largest list is read; one byte more is not. */
	enc = gzip_zeros(SETARA_VC_STATUS_LIST_MAX_ENTRIES / 8);
	ck_assert_int_eq(read_with_list(enc), 0);
	setara_free(enc);
	enc = gzip_zeros(SETARA_VC_STATUS_LIST_MAX_ENTRIES / 8 + 1);
	ck_assert_int_eq(read_with_list(enc), SETARA_EINVALID);
	setara_free(enc);
	/* One byte short of the minimum: STATUS_LIST_LENGTH_ERROR. */
	enc = gzip_zeros(SETARA_VC_STATUS_LIST_MIN_ENTRIES / 8 - 1);
	ck_assert_int_eq(read_with_list(enc), SETARA_EINVALID);
	ck_assert_ptr_nonnull(strstr(setara_error_last()->message,
		"STATUS_LIST_LENGTH_ERROR"));
	setara_free(enc);
}
END_TEST

/* Hostile shapes: each a change of the example, each refused. */
START_TEST(test_vc_statuslist__refuses_bad_shapes)
{
	static const struct {
		const char *from, *to, *field;
	} cases[] = {
		{ "\"uH4s", "\"zH4s", "encodedList" },
		{ "\"uH4s", "\"u+4s", "encodedList" },
		{ "\"uH4s", "\"uAAAA", "encodedList" },
		{ "\"uH4s", "\"u", "encodedList" }, /* cut: not GZIP */
		{ "\"uH4s", "\"uH4s=", "encodedList" },
		{ "\"encodedList\":", "\"x\":", "encodedList" },
		{ "\"statusPurpose\":\"revocation\"",
		  "\"statusPurpose\":\"message\"", "statusPurpose" },
		{ "\"statusPurpose\":\"revocation\"",
		  "\"statusPurpose\":\"refresh\"", "statusPurpose" },
		{ "\"statusPurpose\":\"revocation\"",
		  "\"statusPurpose\":[\"revocation\"]", "statusPurpose" },
		{ "\"statusPurpose\":\"revocation\"", "\"statusPurpose\":"
		  "\"revocation\",\"statusSize\":2", "statusSize" },
		{ "\"statusPurpose\":\"revocation\"", "\"statusPurpose\":"
		  "\"revocation\",\"ttl\":-1", "ttl" },
		{ "\"statusPurpose\":\"revocation\"", "\"statusPurpose\":"
		  "\"revocation\",\"ttl\":1.5", "ttl" },
		{ "\"statusPurpose\":\"revocation\"", "\"statusPurpose\":"
		  "\"revocation\",\"ttl\":\"60\"", "ttl" },
		{ "\"type\":\"BitstringStatusList\"",
		  "\"type\":\"StatusList2021\"", "credentialSubject.type" },
		{ "\"BitstringStatusListCredential\"]",
		  "\"StatusList2021Credential\"]", "type" },
		{ "\"type\":[\"VerifiableCredential\",",
		  "\"type\":[\"VerifiableCredential\",7,", "type" },
		{ "\"credentialSubject\":{", "\"credentialSubject\":[{",
		  NULL },
		{ "\"issuer\":\"did:example:12345\"", "\"issuer\":12345",
		  "issuer" },
		{ "\"issuer\":\"did:example:12345\"", "\"issuer\":{}",
		  "issuer" },
		{ "\"id\":\"https://example.com/credentials/status/3\"",
		  "\"id\":3", "id" },
		{ "\"validFrom\":\"2021-04-05T14:27:40Z\"",
		  "\"validFrom\":\"2021-04-05\"", "validFrom" },
		{ "\"validFrom\":\"2021-04-05T14:27:40Z\"",
		  "\"validFrom\":\"2021-04-05T14:27:40Z\","
		  "\"validUntil\":\"2021-04-05T14:27:40Z\"", "validUntil" },
		{ "[\"https://www.w3.org/ns/credentials/v2\"]",
		  "[\"https://www.w3.org/2018/credentials/v1\"]", "@context" },
		{ "[\"https://www.w3.org/ns/credentials/v2\"]",
		  "\"https://www.w3.org/ns/credentials/v2\"", "@context" },
		{ "\"issuer\":", "\"issuer\":\"a\",\"issuer\":", NULL },
	};
	setara_vc_status_list *l = NULL;
	setara_buf b = SETARA_BUF_INIT;
	size_t i;
	const char *p;
	int rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		p = strstr(spec_example, cases[i].from);
		ck_assert_ptr_nonnull(p);
		setara_buf_clear(&b);
		setara_buf_put(&b, spec_example, (size_t)(p - spec_example));
		setara_buf_puts(&b, cases[i].to);
		if (strcmp(cases[i].to, "\"u") == 0)
			setara_buf_puts(&b, "H4sIAAAAAAAAA\"}}");
		else
			setara_buf_puts(&b, p + strlen(cases[i].from));
		rc = setara_vc_status_list_read(&l, b.ptr, b.size, "l.json");
		ck_assert_msg(rc == SETARA_EINVALID, "case %zu (%s) read: %d",
			i, cases[i].to, rc);
		ck_assert_ptr_null(l);
		ck_assert_str_eq(setara_error_last()->file, "l.json");
		if (cases[i].field)
			ck_assert_msg(setara_error_last()->field &&
				strcmp(setara_error_last()->field,
				cases[i].field) == 0, "case %zu: field %s, "
				"not %s (%s)", i, setara_error_last()->field,
				cases[i].field, setara_error_last()->message);
	}
	setara_buf_dispose(&b);
}
END_TEST

/* ---- a credential's status from published lists ------------------------------ */

static const long none[] = { -1 };
static const long at42[] = { 42, -1 };

/* @s signed by @signer alone in @dir: the answer for its index @index
 * (revocation) is @want, its reason holds @needle. */
static void alone_says(const char *dir, const struct list_spec *s,
	const setara_vc_key *signer, const setara_vc_key *key,
	const char *index, setara_vc_status want, const char *needle)
{
	setara_vc_status_lists *l;
	char e[512], why[512];

	write_signed(dir, "rev.json", s, signer);
	l = open_lists(dir, key);
	ck_assert_int_eq(check_at(l, entry(e, sizeof(e), LIST_ID,
		"revocation", index), "2026-11-24T00:00:00Z", why,
		sizeof(why)), want);
	ck_assert_msg(strstr(why, needle) != NULL, "%s", why);
	setara_vc_status_lists_free(l);
}

START_TEST(test_vc_statuslist__revoked_clear_and_what_cannot_answer)
{
	struct list_spec rev = { NULL, NULL, 0, "2026-11-23T10:00:00Z",
		"2026-11-30T10:00:00Z", at42 };
	struct list_spec other = rev;
	setara_vc_key *key = vector_key(P256), *other_key = vector_key(P384);
	setara_vc_status_lists *l;
	char *dir = test_tmpdir(), e[512], e2[512], arr[1100], why[512];
	char path[1024];
	const char *now = "2026-11-24T00:00:00Z";

	write_signed(dir, "rev.json", &rev, key);
	test_write(strcat(strcpy(path, dir), "/notes.json"), "{\"a\":1}");
	test_write(strcat(strcpy(path, dir), "/broken.json"), "{");
	l = open_lists(dir, key);
	ck_assert_int_eq(check_at(l, entry(e, sizeof(e), LIST_ID,
		"revocation", "42"), now, why, sizeof(why)),
		SETARA_VC_STATUS_REVOKED);
	ck_assert_ptr_nonnull(strstr(why, "rev.json"));
	ck_assert_ptr_nonnull(strstr(why, "index 42"));
	ck_assert_int_eq(check_at(l, entry(e, sizeof(e), LIST_ID,
		"revocation", "41"), now, NULL, 0), SETARA_VC_STATUS_CLEAR);
	ck_assert_int_eq(check_at(l, entry(e, sizeof(e), LIST_ID,
		"revocation", "0"), now, NULL, 0), SETARA_VC_STATUS_CLEAR);
	/* Past validUntil, or before validFrom: stale, never clear. */
	ck_assert_int_eq(check_at(l, entry(e, sizeof(e), LIST_ID,
		"revocation", "41"), "2026-12-01T00:00:00Z", why,
		sizeof(why)), SETARA_VC_STATUS_UNKNOWN);
	ck_assert_ptr_nonnull(strstr(why, "expired"));
	ck_assert_int_eq(check_at(l, entry(e, sizeof(e), LIST_ID,
		"revocation", "41"), "2026-11-22T00:00:00Z", NULL, 0),
		SETARA_VC_STATUS_UNKNOWN);
	/* The set bit is revoked whatever the time. */
	ck_assert_int_eq(check_at(l, entry(e, sizeof(e), LIST_ID,
		"revocation", "42"), "2026-12-01T00:00:00Z", NULL, 0),
		SETARA_VC_STATUS_REVOKED);
	/* The other purpose, past the end, another list, no list. */
	ck_assert_int_eq(check_at(l, entry(e, sizeof(e), LIST_ID,
		"suspension", "42"), now, why, sizeof(why)),
		SETARA_VC_STATUS_UNKNOWN);
	ck_assert_ptr_nonnull(strstr(why, "STATUS_VERIFICATION_ERROR"));
	ck_assert_int_eq(check_at(l, entry(e, sizeof(e), LIST_ID,
		"revocation", "131072"), now, why, sizeof(why)),
		SETARA_VC_STATUS_UNKNOWN);
	ck_assert_ptr_nonnull(strstr(why, "RANGE_ERROR"));
	ck_assert_int_eq(check_at(l, entry(e, sizeof(e), "urn:uuid:other",
		"revocation", "42"), now, why, sizeof(why)),
		SETARA_VC_STATUS_UNKNOWN);
	ck_assert_ptr_nonnull(strstr(why, "not available"));
	ck_assert_int_eq(check_at(NULL, entry(e, sizeof(e), LIST_ID,
		"revocation", "42"), now, NULL, 0), SETARA_VC_STATUS_UNKNOWN);
	/* Malformed entries: could not check, never clear. */
	ck_assert_int_eq(check_at(l, entry(e, sizeof(e), LIST_ID,
		"revocation", "041"), now, why, sizeof(why)),
		SETARA_VC_STATUS_UNKNOWN);
	ck_assert_ptr_nonnull(strstr(why, "statusListIndex"));
	ck_assert_int_eq(check_at(l, entry(e, sizeof(e), LIST_ID,
		"revocation", "-1"), now, NULL, 0), SETARA_VC_STATUS_UNKNOWN);
	ck_assert_int_eq(check_at(l, "{\"type\":\"BitstringStatusListEntry\","
		"\"statusPurpose\":\"revocation\",\"statusListIndex\":41,"
		"\"statusListCredential\":\"" LIST_ID "\"}", now, NULL, 0),
		SETARA_VC_STATUS_UNKNOWN);
	ck_assert_int_eq(check_at(l, "{\"type\":\"StatusList2021Entry\","
		"\"statusPurpose\":\"revocation\",\"statusListIndex\":\"41\","
		"\"statusListCredential\":\"" LIST_ID "\"}", now, NULL, 0),
		SETARA_VC_STATUS_UNKNOWN);
	ck_assert_int_eq(check_at(l, "[]", now, NULL, 0),
		SETARA_VC_STATUS_UNKNOWN);
	ck_assert_int_eq(check_at(l, NULL, now, why, sizeof(why)),
		SETARA_VC_STATUS_CLEAR);
	ck_assert_str_eq(why, "no status entry");
	/* Two entries: the worse answer. */
	snprintf(arr, sizeof(arr), "[%s,%s]", entry(e, sizeof(e), LIST_ID,
		"revocation", "41"), entry(e2, sizeof(e2), LIST_ID,
		"revocation", "42"));
	ck_assert_int_eq(check_at(l, arr, now, NULL, 0),
		SETARA_VC_STATUS_REVOKED);
	setara_vc_status_lists_free(l);

	/* Another issuer's list with the same id cannot answer. */
	other.issuer = "urn:setara:issuer:ph-tesda";
	alone_says(dir, &other, key, key, "42", SETARA_VC_STATUS_UNKNOWN,
		"ph-tesda");
	/* Signed by another key: the proof is refused. */
	alone_says(dir, &rev, other_key, key, "41", SETARA_VC_STATUS_UNKNOWN,
		"proof refused");
	/* A list published before the credential was issued (by more than
	 * the clock skew) cannot revoke it. */
	rev.from = "2026-11-19T00:00:00Z";
	alone_says(dir, &rev, key, key, "42", SETARA_VC_STATUS_UNKNOWN,
		"ignored");
	/* A list with no validUntil never goes stale: a clear bit in it is
	 * no evidence of now; a set bit still revokes. */
	rev.from = "2026-11-23T10:00:00Z";
	rev.until = NULL;
	alone_says(dir, &rev, key, key, "41", SETARA_VC_STATUS_UNKNOWN,
		"no validUntil");
	alone_says(dir, &rev, key, key, "42", SETARA_VC_STATUS_REVOKED,
		"revoked");
	rev.until = "2026-11-30T10:00:00Z";
	write_signed(dir, "rev.json", &rev, key);
	/* One file given rather than a directory. */
	l = open_lists(strcat(strcpy(path, dir), "/rev.json"), key);
	ck_assert_int_eq(check_at(l, entry(e, sizeof(e), LIST_ID,
		"revocation", "41"), now, NULL, 0), SETARA_VC_STATUS_CLEAR);
	setara_vc_status_lists_free(l);
	remove_dir(dir);
	free(dir);
	setara_vc_key_free(key);
	setara_vc_key_free(other_key);
}
END_TEST

/* Tampered copies of a signed list: each refused by its proof. */
START_TEST(test_vc_statuslist__tampered_list_cannot_answer)
{
	static const struct {
		const char *from, *to;
	} cases[] = {
		{ "\"statusPurpose\": \"revocation\"",
		  "\"statusPurpose\": \"suspension\"" },
		{ "\"validUntil\": \"2026-11-30", "\"validUntil\": \"2027-11-30" },
		{ "\"issuer\": \"" ISSUER "\"", "\"issuer\": \"" ISSUER "x\"" },
		{ "\"ttl\": 3600000", "\"ttl\": 3600001" },
		{ "\"proofPurpose\": \"assertionMethod\"",
		  "\"proofPurpose\": \"authentication\"" },
	};
	struct list_spec rev = { NULL, NULL, 0, "2026-11-23T10:00:00Z",
		"2026-11-30T10:00:00Z", at42 };
	setara_vc_key *key = vector_key(P256);
	setara_vc_status_lists *l;
	setara_buf b = SETARA_BUF_INIT, t = SETARA_BUF_INIT;
	char *dir = test_tmpdir(), path[1024], e[512], why[512];
	const char *p, *q;
	char *enc;
	unsigned char *bits;
	size_t i;

	write_signed(dir, "rev.json", &rev, key);
	snprintf(path, sizeof(path), "%s/rev.json", dir);
	ck_assert_int_eq(setara__read_file(&b, path, 1 << 20), 0);
	/* The bit cleared in the encodedList, everything else kept. */
	bits = bits_with(none);
	ck_assert_int_eq(setara__status_encode(&enc, bits, 16384), 0);
	p = strstr(b.ptr, "\"encodedList\": \"") + 16;
	q = strchr(p, '"');
	setara_buf_put(&t, b.ptr, (size_t)(p - b.ptr));
	setara_buf_puts(&t, enc);
	setara_buf_puts(&t, q);
	test_write(path, t.ptr);
	l = open_lists(dir, key);
	ck_assert_int_eq(check_at(l, entry(e, sizeof(e), LIST_ID,
		"revocation", "42"), "2026-11-24T00:00:00Z", why, sizeof(why)),
		SETARA_VC_STATUS_UNKNOWN);
	ck_assert_ptr_nonnull(strstr(why, "cannot be used"));
	ck_assert_ptr_nonnull(strstr(why, "signature"));
	setara_vc_status_lists_free(l);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		p = strstr(b.ptr, cases[i].from);
		ck_assert_msg(p != NULL, "case %zu", i);
		setara_buf_clear(&t);
		setara_buf_put(&t, b.ptr, (size_t)(p - b.ptr));
		setara_buf_puts(&t, cases[i].to);
		setara_buf_puts(&t, p + strlen(cases[i].from));
		test_write(path, t.ptr);
		l = open_lists(dir, key);
		ck_assert_msg(check_at(l, entry(e, sizeof(e), LIST_ID,
			"revocation", "41"), "2026-11-24T00:00:00Z", why,
			sizeof(why)) == SETARA_VC_STATUS_UNKNOWN,
			"case %zu: %s", i, why);
		ck_assert_msg(strstr(why, "cannot be used") != NULL,
			"case %zu: %s", i, why);
		setara_vc_status_lists_free(l);
	}
	/* The proof removed. */
	p = strstr(b.ptr, ",\n  \"proof\"");
	setara_buf_clear(&t);
	setara_buf_put(&t, b.ptr, (size_t)(p - b.ptr));
	setara_buf_puts(&t, "\n}\n");
	test_write(path, t.ptr);
	l = open_lists(dir, key);
	ck_assert_int_eq(check_at(l, entry(e, sizeof(e), LIST_ID,
		"revocation", "41"), "2026-11-24T00:00:00Z", why, sizeof(why)),
		SETARA_VC_STATUS_UNKNOWN);
	ck_assert_msg(strstr(why, "proof") != NULL, "%s", why);
	ck_assert_msg(strstr(why, "missing") != NULL, "%s", why);
	setara_vc_status_lists_free(l);
	remove_dir(dir);
	setara_free(enc);
	free(bits);
	free(dir);
	setara_buf_dispose(&b);
	setara_buf_dispose(&t);
	setara_vc_key_free(key);
}
END_TEST

/* The lists of @dir, which holds only the copies @older and @newer: in
 * a.json and b.json (@order 1) or the other way round (0). */
static setara_vc_status_lists *two_copies(const char *dir, int order,
	const struct list_spec *older, const struct list_spec *newer,
	const setara_vc_key *key)
{
	char cmd[1100];

	snprintf(cmd, sizeof(cmd), "rm -f %s/*.json", dir);
	ck_assert_int_eq(system(cmd), 0);
	write_signed(dir, order ? "a.json" : "b.json", older, key);
	write_signed(dir, order ? "b.json" : "a.json", newer, key);
	return open_lists(dir, key);
}

/*
 * Several copies of one list side by side (a mirror, a dated archive):
 * the newest decides whatever the files' names and order; an old copy
 * never wins.  Revocation is permanent: a revocation bit in any copy.
 */
START_TEST(test_vc_statuslist__old_copy_beside_a_new_one_never_wins)
{
	struct list_spec old_set = { NULL, NULL, 1, "2026-11-21T10:00:00Z",
		"2026-12-30T10:00:00Z", at42 };
	struct list_spec new_clear = { NULL, NULL, 1, "2026-11-23T10:00:00Z",
		"2026-11-30T10:00:00Z", none };
	struct list_spec old_clear = new_clear, new_set = old_set;
	setara_vc_key *key = vector_key(P256);
	setara_vc_status_lists *l;
	char *dir = test_tmpdir(), e[512], why[512];
	const char *now = "2026-11-24T00:00:00Z";
	int order;

	old_clear.from = old_set.from;
	old_clear.until = old_set.until;
	new_set.from = new_clear.from;
	new_set.until = new_clear.until;
	entry(e, sizeof(e), LIST_ID, "suspension", "42");
	for (order = 0; order < 2; order++) {
		/* Suspension lifted: the old copy still has the bit. */
		l = two_copies(dir, order, &old_set, &new_clear, key);
		ck_assert_int_eq(check_at(l, e, now, why, sizeof(why)),
			SETARA_VC_STATUS_CLEAR);
		ck_assert_ptr_nonnull(strstr(why, "the newest of 2 copies"));
		/* ... also once the new copy has expired: stale, not the
		 * old copy's answer. */
		ck_assert_int_eq(check_at(l, e, "2026-12-05T00:00:00Z", why,
			sizeof(why)), SETARA_VC_STATUS_UNKNOWN);
		ck_assert_ptr_nonnull(strstr(why, "expired"));
		setara_vc_status_lists_free(l);
		/* Suspended since: the old copy says clear. */
		l = two_copies(dir, order, &old_clear, &new_set, key);
		ck_assert_int_eq(check_at(l, e, now, why, sizeof(why)),
			SETARA_VC_STATUS_SUSPENDED);
		setara_vc_status_lists_free(l);
	}
	/* Revocation: an old copy with the bit beside a new one without
	 * (which the register never writes) still revokes. */
	old_set.suspension = new_clear.suspension = 0;
	l = two_copies(dir, 1, &old_set, &new_clear, key);
	ck_assert_int_eq(check_at(l, entry(e, sizeof(e), LIST_ID,
		"revocation", "42"), now, why, sizeof(why)),
		SETARA_VC_STATUS_REVOKED);
	ck_assert_ptr_nonnull(strstr(why, "a.json"));
	setara_vc_status_lists_free(l);
	remove_dir(dir);
	free(dir);
	setara_vc_key_free(key);
}
END_TEST

START_TEST(test_vc_statuslist__open_refuses_misuse)
{
	setara_vc_status_lists_options o = SETARA_VC_STATUS_LISTS_OPTIONS_INIT;
	setara_vc_status_lists *l = NULL;
	setara_vc_status_result r = SETARA_VC_STATUS_RESULT_INIT;

	ck_assert_int_eq(setara_vc_status_lists_open(&l, "/nonexistent", &o),
		SETARA_EUSAGE);
	o.key = (const setara_vc_key *)1;
	o.version = 99;
	ck_assert_int_eq(setara_vc_status_lists_open(&l, "/nonexistent", &o),
		SETARA_EUSAGE);
	ck_assert_ptr_null(l);
	ck_assert_int_eq(setara_vc_status_check(&r, NULL, "[1]", 3, 0),
		SETARA_EINVALID);
	ck_assert_int_eq(setara_vc_status_check(&r, NULL, "{", 1, 0),
		SETARA_EINVALID);
	ck_assert_str_eq(setara_vc_status_name(SETARA_VC_STATUS_UNKNOWN),
		"unknown");
}
END_TEST

/* Every allocation of writing, reading, opening and checking made to
 * fail in turn: a clean SETARA_ENOMEM, never a crash or a wrong answer. */
START_TEST(test_vc_statuslist__allocation_failures)
{
	struct list_spec rev = { NULL, NULL, 0, "2026-11-23T10:00:00Z",
		"2026-11-30T10:00:00Z", at42 };
	setara_vc_status_list_options o = SETARA_VC_STATUS_LIST_OPTIONS_INIT;
	setara_vc_status_lists_options lo =
		SETARA_VC_STATUS_LISTS_OPTIONS_INIT;
	setara_vc_status_result r = SETARA_VC_STATUS_RESULT_INIT;
	setara_vc_key *key = vector_key(P256);
	setara_vc_status_lists *l = NULL;
	setara_vc_status_list *list = NULL;
	setara_buf out = SETARA_BUF_INIT, c = SETARA_BUF_INIT;
	unsigned char *bits = bits_with(at42);
	char *dir = test_tmpdir(), e[512];
	long n;
	int rc = -1;

	o.id = LIST_ID;
	o.issuer = ISSUER;
	o.valid_from = at("2026-11-23T10:00:00Z");
	for (n = 0; n < 1000 && rc != 0; n++) {
		setara_buf_dispose(&out);
		setara__alloc_fail_after(n);
		rc = setara_vc_status_list_write(&out, bits, 131072, &o);
		setara__alloc_fail_after(-1);
		ck_assert(rc == 0 || rc == SETARA_ENOMEM);
	}
	ck_assert_int_eq(rc, 0);
	for (rc = -1, n = 0; n < 1000 && rc != 0; n++) {
		setara__alloc_fail_after(n);
		rc = setara_vc_status_list_read(&list, out.ptr, out.size, NULL);
		setara__alloc_fail_after(-1);
		ck_assert(rc == 0 || rc == SETARA_ENOMEM);
		ck_assert(rc == 0 || list == NULL);
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(setara_vc_status_list_bit(list, 42), 1);
	write_signed(dir, "rev.json", &rev, key);
	lo.key = key;
	credential(&c, "2026-11-20T00:00:00Z", entry(e, sizeof(e), LIST_ID,
		"revocation", "42"));
	for (rc = -1, n = 0; n < 1000 && rc != 0; n++) {
		setara__alloc_fail_after(n);
		rc = setara_vc_status_lists_open(&l, dir, &lo);
		setara__alloc_fail_after(-1);
		ck_assert(rc == 0 || rc == SETARA_ENOMEM);
	}
	ck_assert_int_eq(rc, 0);
	for (rc = -1, n = 0; n < 1000 && rc != 0; n++) {
		setara__alloc_fail_after(n);
		rc = setara_vc_status_check(&r, l, c.ptr, c.size,
			at("2026-11-24T00:00:00Z"));
		setara__alloc_fail_after(-1);
		ck_assert(rc == 0 || rc == SETARA_ENOMEM);
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(r.status, SETARA_VC_STATUS_REVOKED);
	setara_vc_status_lists_free(l);
	setara_vc_status_list_free(list);
	remove_dir(dir);
	free(dir);
	free(bits);
	setara_buf_dispose(&out);
	setara_buf_dispose(&c);
	setara_vc_key_free(key);
}
END_TEST

static Suite *vcstatus_suite(void)
{
	Suite *s = suite_create("vcstatus");
	TCase *tc;

	tc = tcase_create("statuslist");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_vc_statuslist__reads_the_specification_example);
	tcase_add_test(tc, test_vc_statuslist__writes_padded_in_bit_order);
	tcase_add_test(tc,
		test_vc_statuslist__python_reads_ours_and_we_read_pythons);
	tcase_add_test(tc, test_vc_statuslist__gzip_bomb_and_sizes);
	tcase_add_test(tc, test_vc_statuslist__refuses_bad_shapes);
	tcase_add_test(tc,
		test_vc_statuslist__revoked_clear_and_what_cannot_answer);
	tcase_add_test(tc, test_vc_statuslist__tampered_list_cannot_answer);
	tcase_add_test(tc,
		test_vc_statuslist__old_copy_beside_a_new_one_never_wins);
	tcase_add_test(tc, test_vc_statuslist__open_refuses_misuse);
	tcase_add_test(tc, test_vc_statuslist__allocation_failures);
	suite_add_tcase(s, tc);
	return s;
}

SETARA_CHECK_MAIN(vcstatus_suite)
