/*
 * libxml2's schema messages as sentences for people.  libxml2 says
 *   Element '{ns}course', attribute 'credits': [facet 'pattern'] The value
 *   '-3' is not accepted by the pattern '[0-9]{1,6}(\.[0-9]{1,6})?'.
 * and a registrar wants
 *   course/@credits: '-3' is not a number of credits (0 to 999999.999999)
 * The field is the element (and attribute); the patterns of setara's own
 * schemas are named by what they accept.  A message of another form is
 * kept, without the namespaces.
 */
#include <stdio.h>
#include <string.h>

#include "util.h"

#define XML_NS "http://www.w3.org/XML/1998/namespace"

/* What each pattern of the shipped schemas accepts. */
static const struct {
	const char *pattern;
	const char *accepts;
} patterns[] = {
	{ "[0-9]{1,6}(\\.[0-9]{1,6})?",
	  "a number of credits (0 to 999999.999999)" },
	{ "[0-9]{1,9}(\\.[0-9]{1,6})?",
	  "a number (0 to 999999999.999999)" },
	{ "[0-9]{1,12}(\\.[0-9]{1,12})?", "a number (0 or more)" },
	{ "-?[0-9]{1,12}(\\.[0-9]{1,12})?", "a decimal number" },
	{ "-?[0-9]+(\\.[0-9]+)?", "a decimal number" },
	{ "(100|[0-9]{1,2})(\\.[0-9]{1,6})?", "a percentage (0 to 100)" },
	{ "[0-9]{1,12}/[0-9]{1,12}", "a fraction (N/M)" },
	{ "-?[0-9]+/[0-9]+", "a fraction (N/M)" },
	{ "[A-Z]{2}", "a country code (ISO 3166, two capital letters: MY)" },
	{ "[a-z0-9][a-z0-9\\-]*:[A-Za-z0-9.]+",
	  "a level reference FRAMEWORK:LEVEL (ph-pqf:6)" },
	{ "[a-z0-9][a-z0-9.\\-]{0,63}",
	  "an id (lower-case letters, digits, '.' and '-'; up to 64)" },
	{ "urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
	  "[0-9a-f]{12}", "a document id (urn:uuid: and a lower-case UUID)" },
	{ "[0-9a-f]{64}", "a SHA-256 digest (64 lower-case hex digits)" },
	{ "[0-9]{4}", "a year (four digits)" },
	{ "[0-9]{2,4}", "an ISCED-F field code (2 to 4 digits)" },
	{ "[A-Za-z0-9.+\\-]{1,16}",
	  "a grade (letters, digits, '.', '+', '-'; up to 16)" },
	{ "\\s*\\S[\\s\\S]*", "a text that is not empty" },
	{ NULL, NULL }
};

/* Copy @src to @dst (size @n), dropping "{namespace}" prefixes. */
static void strip_ns(char *dst, size_t n, const char *src, size_t len)
{
	size_t o = 0;
	const char *end = src + len, *q;

	while (src < end && o + 1 < n) {
		if (*src == '{' && (q = memchr(src, '}', (size_t)(end - src))))
			src = q + 1;
		else
			dst[o++] = *src++;
	}
	dst[o] = '\0';
}

/* A type name in words: "LevelNumber" as "level number". */
static void words(char *out, size_t n, const char *name)
{
	size_t o = 0;

	for (; *name && o + 2 < n; name++) {
		if (*name >= 'A' && *name <= 'Z') {
			if (o)
				out[o++] = ' ';
			out[o++] = (char)(*name - 'A' + 'a');
		} else {
			out[o++] = *name;
		}
	}
	out[o] = '\0';
}

/* The quoted text after @key in @m into @out; its end, or NULL. */
static const char *quoted(const char *m, const char *key, char *out,
	size_t n)
{
	const char *p = strstr(m, key), *q;

	if (p == NULL)
		return NULL;
	p += strlen(key);
	if ((q = strchr(p, '\'')) == NULL)
		return NULL;
	snprintf(out, n, "%.*s", (int)(q - p), p);
	return q + 1;
}

/* The value quoted last in @m, before @end ("... of '256'."). */
static void last_quoted(const char *m, char *out, size_t n)
{
	const char *q = strrchr(m, '\''), *p;

	*out = '\0';
	if (q == NULL)
		return;
	for (p = q - 1; p >= m && *p != '\''; p--)
		;
	if (p >= m)
		snprintf(out, n, "%.*s", (int)(q - p - 1), p + 1);
}

/* The names after "Expected is ( ... )" (or "one of"), into @out. */
static int expected(const char *m, char *out, size_t n)
{
	const char *p = strstr(m, "Expected is");
	size_t i;

	if (p == NULL)
		return 0;
	p += 11;
	p += strspn(p, " one of(");
	strip_ns(out, n, p, strcspn(p, ")"));
	i = strlen(out);
	while (i && out[i - 1] == ' ')
		out[--i] = '\0';
	return 1;
}

int setara__schema_sentence(const char *m, char *field, size_t fsize,
	char *out, size_t osize)
{
	char value[256], pat[256], set[256];
	const char *p, *rest;
	size_t i;

	*field = '\0';
	if (strncmp(m, "Element '", 9) != 0)
		return 0;
	p = m + 9;
	if ((rest = strchr(p, '\'')) == NULL)
		return 0;
	strip_ns(field, fsize, p, (size_t)(rest - p));
	rest++;
	if (strncmp(rest, ", attribute '", 13) == 0 &&
	    (rest = quoted(rest, ", attribute '", value, sizeof(value))) !=
	    NULL) {
		/* "{http://www.w3.org/XML/1998/namespace}lang" is xml:lang */
		i = strlen(field);
		if (strncmp(value, "{" XML_NS "}", sizeof(XML_NS) + 1) == 0)
			snprintf(field + i, fsize - i, "/@xml:%s",
				value + sizeof(XML_NS) + 1);
		else
			snprintf(field + i, fsize - i, "/@%s", value);
	}
	if (rest == NULL || strncmp(rest, ": ", 2) != 0)
		return 0;
	rest += 2;
	if (strncmp(rest, "[facet 'pattern']", 17) == 0 &&
	    quoted(rest, "The value '", value, sizeof(value)) &&
	    quoted(rest, "by the pattern '", pat, sizeof(pat))) {
		for (i = 0; patterns[i].pattern; i++)
			if (strcmp(patterns[i].pattern, pat) == 0)
				break;
		if (patterns[i].pattern)
			snprintf(out, osize, "'%s' is not %s", value,
				patterns[i].accepts);
		else
			snprintf(out, osize, "'%s' is not of the form "
				"required (the pattern %s)", value, pat);
	} else if (strncmp(rest, "[facet 'enumeration']", 21) == 0 &&
	    quoted(rest, "The value '", value, sizeof(value)) &&
	    (p = strchr(rest, '{')) != NULL) {
		strip_ns(set, sizeof(set), p + 1, strcspn(p + 1, "}"));
		snprintf(out, osize, "'%s' is not one of %s", value, set);
	} else if (strncmp(rest, "[facet 'minInclusive']", 22) == 0 &&
	    quoted(rest, "The value '", value, sizeof(value))) {
		last_quoted(rest, set, sizeof(set));
		snprintf(out, osize, "%s is below the minimum, %s", value,
			set);
	} else if (strncmp(rest, "[facet 'maxInclusive']", 22) == 0 &&
	    quoted(rest, "The value '", value, sizeof(value))) {
		last_quoted(rest, set, sizeof(set));
		snprintf(out, osize, "%s is above the maximum, %s", value,
			set);
	} else if (strncmp(rest, "[facet 'maxLength']", 19) == 0) {
		last_quoted(rest, set, sizeof(set));
		snprintf(out, osize, "the text is longer than %s characters",
			set);
	} else if (strncmp(rest, "This element is not expected.", 29) ==
	    0 && expected(rest, set, sizeof(set))) {
		snprintf(out, osize, "this element is not expected here; "
			"expected: %s", set);
	} else if (strncmp(rest, "Missing child element(s).", 25) == 0 &&
	    expected(rest, set, sizeof(set))) {
		snprintf(out, osize, "a child element is missing: %s", set);
	} else if (quoted(rest, "The attribute '", value, sizeof(value)) &&
	    strstr(rest, "is required but missing")) {
		snprintf(out, osize, "the attribute '%s' is required but "
			"missing", value);
	} else if (quoted(rest, "'", value, sizeof(value)) &&
	    strstr(rest, "is not a valid value of the atomic type") &&
	    (p = strstr(rest, "type '")) != NULL) {
		p += 6;
		strip_ns(pat, sizeof(pat), p, strcspn(p, "'"));
		words(set, sizeof(set), strncmp(pat, "xs:", 3) == 0 ?
			pat + 3 : pat);
		snprintf(out, osize, "'%s' is not a valid %s", value, set);
	} else if (strncmp(rest, "No matching global declaration", 30) ==
	    0) {
		snprintf(out, osize, "<%s> is not the root element of this "
			"kind of document", field);
	} else {
		strip_ns(out, osize, rest, strlen(rest));
	}
	/* libxml2 ends its sentences with a full stop; ours do not. */
	i = strlen(out);
	while (i && (out[i - 1] == '.' || out[i - 1] == '\n' ||
	    out[i - 1] == ' '))
		out[--i] = '\0';
	return 1;
}
