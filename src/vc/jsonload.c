/*
 * The JSON loader of the vc component: every JSON text setara reads
 * (credentials, proofs, keys) comes through here.
 *
 * The limits of docs/vc.md ("Hostile input") are checked over the raw
 * bytes before jansson builds a tree, so that a deep or huge input costs
 * one linear scan and no memory.  jansson then refuses what RFC 8259 and
 * I-JSON (RFC 7493) refuse: invalid UTF-8, lone surrogates, control
 * characters in strings, trailing garbage; we ask it also to refuse
 * repeated member names and the NUL character, and to read every number
 * as a double (JCS works on IEEE 754 values; a number out of their range
 * is refused).  A faster reader of the same rules, within the same
 * limits, builds the tree first (jsonfast.c); what it declines is
 * scanned for depth and read or refused by jansson.
 */
#include <string.h>

#include "vc_int.h"

/*
 * The depth and value limits over the bytes (brackets, commas and colons
 * outside strings): a value starts at the text's start, after ':', and
 * after '[' or ',' in an array, unless an array closes there.
 */
static int scan_depth(const char *data, size_t len, const char *name)
{
	char open[SETARA_VC_JSON_MAX_DEPTH + 1];
	size_t i, values = 0;
	int depth = 0, in_string = 0, line = 1, expect = 1;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)data[i];

		if (c == '\n')
			line++;
		if (in_string) {
			if (c == '\\')
				i++; /* the escaped character is not a quote */
			else if (c == '"')
				in_string = 0;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		if (expect && c != ']' && ++values > SETARA_VC_JSON_MAX_VALUES)
			return setara_error__data(name, line, NULL,
				"JSON with more than %u values",
				SETARA_VC_JSON_MAX_VALUES);
		expect = 0;
		switch (c) {
		case '"':
			in_string = 1;
			break;
		case '[':
		case '{':
			if (++depth > SETARA_VC_JSON_MAX_DEPTH)
				return setara_error__data(name, line, NULL,
					"JSON nested deeper than %d levels",
					SETARA_VC_JSON_MAX_DEPTH);
			open[depth] = (char)c;
			expect = c == '[';
			break;
		case ']':
		case '}':
			/* An unbalanced bracket is jansson's to report. */
			if (depth > 0)
				depth--;
			break;
		case ':':
			expect = 1;
			break;
		case ',':
			expect = depth > 0 && open[depth] == '[';
			break;
		default:
			break;
		}
	}
	return 0;
}

/* What the fast reader declines: the depth and value scan, then
 * jansson's reading or refusal. */
static int load_slow(json_t **out, const char *data, size_t len,
	const char *name)
{
	json_error_t e;
	int error;

	if ((error = scan_depth(data, len, name)) < 0)
		return error;
	*out = json_loadb(data, len, JSON_REJECT_DUPLICATES |
		JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL, &e);
	/* A byte order mark is refused (RFC 8259 8.1: a JSON text has
	 * none; the bytes read are the bytes meant), and said so: jansson
	 * quotes the invisible character. */
	if (*out == NULL && len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		return setara_error__data(name, 1, NULL, "malformed JSON: %s "
			"(a byte order mark, U+FEFF: save the file as UTF-8 "
			"without it, RFC 8259 section 8.1)", e.text);
	if (*out == NULL)
		return setara_error__data(name, e.line > 0 ? e.line : 0, NULL,
			"malformed JSON: %s", e.text);
	return 0;
}

static int too_large(size_t len, const char *name)
{
	if (len > SETARA_VC_JSON_MAX_SIZE)
		return setara_error__data(name, 0, NULL,
			"JSON larger than %u bytes", SETARA_VC_JSON_MAX_SIZE);
	return 0;
}

int setara_vc__json_load(json_t **out, const char *data, size_t len,
	const char *name)
{
	int error;

	SETARA_ASSERT_ARG(out);
	*out = NULL;
	SETARA_ASSERT_ARG(data || len == 0);
	if ((error = too_large(len, name)) < 0)
		return error;
	/* The fast reader builds the tree or declines (jsonfast.c); it
	 * takes no more depth than the limit, so the scan is only needed
	 * before jansson, which decides what it declines. */
	if (setara_vc__json_parse_fast(out, data ? data : "", len) == 0)
		return 0;
	return load_slow(out, data ? data : "", len, name);
}

int setara_vc__jdoc_load(setara_vc__jdoc *d, const char *data, size_t len,
	const char *name)
{
	json_t *v = NULL;
	int error;

	SETARA_ASSERT_ARG(d && (data || len == 0));
	setara_vc__jdoc_dispose(d);
	if ((error = too_large(len, name)) < 0)
		return error;
	if (setara_vc__jparse_fast(d, data ? data : "", len) == 0)
		return 0;
	if ((error = load_slow(&v, data ? data : "", len, name)) < 0)
		return error;
	d->owner = v;
	return setara_vc__jdoc_from_json(d, v);
}
