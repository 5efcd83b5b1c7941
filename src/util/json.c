/*
 * A small JSON writer into a setara_buf.  It keeps track of commas and
 * nesting; strings are escaped per RFC 8259 (control characters as \u00XX,
 * well-formed UTF-8 passed through, any other byte >= 0x80 replaced by
 * U+FFFD, so that the output is always valid JSON).
 */
#include <string.h>

#include "util.h"

void setara__json_init(setara__json *j, setara_buf *out, int pretty)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->pretty = pretty;
	j->first[0] = 1;
}

static void put(setara__json *j, const char *s, size_t n)
{
	if (!j->error && setara_buf_put(j->out, s, n) < 0)
		j->error = 1;
}

static void puts_(setara__json *j, const char *s)
{
	put(j, s, strlen(s));
}

static void newline(setara__json *j)
{
	int i;

	if (!j->pretty)
		return;
	puts_(j, "\n");
	for (i = 0; i < j->depth; i++)
		puts_(j, "  ");
}

/*
 * The length of the well-formed UTF-8 sequence at @p (@n bytes left), or
 * 0: a stray continuation byte, a truncated sequence, an overlong form, a
 * surrogate or a code point above U+10FFFF.
 */
size_t setara__utf8_len(const unsigned char *p, size_t n)
{
	size_t len, k;
	unsigned long cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		cp = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		cp = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		cp = p[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (k = 1; k < len; k++) {
		if ((p[k] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[k] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

char *setara__printable(char *s)
{
	unsigned char *p = (unsigned char *)s;
	size_t n = s ? strlen(s) : 0, len;

	while (n > 0) {
		len = *p < 0x20 || *p == 0x7f ? 0 : setara__utf8_len(p, n);
		if (len == 0) {
			*p = '?';
			len = 1;
		}
		p += len;
		n -= len;
	}
	return s;
}

static void escaped(setara__json *j, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char u[7];
	size_t i, run = 0;

	puts_(j, "\"");
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;

		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		default:
			if (c < 0x20) {
				memcpy(u, "\\u00", 4);
				u[4] = hex[c >> 4];
				u[5] = hex[c & 15];
				u[6] = '\0';
				esc = u;
			} else if (c >= 0x80) {
				size_t len = setara__utf8_len((const unsigned char *)s +
					i, n - i);

				if (len == 0)
					esc = "\xef\xbf\xbd"; /* U+FFFD */
				else
					i += len - 1;
			}
		}
		if (esc) {
			put(j, s + run, i - run);
			puts_(j, esc);
			run = i + 1;
		}
	}
	put(j, s + run, n - run);
	puts_(j, "\"");
}

static void member(setara__json *j, const char *key)
{
	if (j->depth >= (int)sizeof(j->first) - 1) {
		j->error = 1;
		return;
	}
	if (!j->first[j->depth])
		puts_(j, ",");
	j->first[j->depth] = 0;
	if (j->depth > 0)
		newline(j);
	if (key) {
		escaped(j, key, strlen(key));
		puts_(j, j->pretty ? ": " : ":");
	}
}

static void open_(setara__json *j, const char *key, const char *brace)
{
	member(j, key);
	puts_(j, brace);
	if (j->depth < (int)sizeof(j->first) - 2)
		j->first[++j->depth] = 1;
	else
		j->error = 1;
}

static void close_(setara__json *j, const char *brace)
{
	int empty = j->first[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (!empty)
		newline(j);
	puts_(j, brace);
	if (j->depth == 0 && j->pretty)
		puts_(j, "\n");
}

void setara__json_obj_open(setara__json *j, const char *key)
{
	open_(j, key, "{");
}

void setara__json_obj_close(setara__json *j)
{
	close_(j, "}");
}

void setara__json_arr_open(setara__json *j, const char *key)
{
	open_(j, key, "[");
}

void setara__json_arr_close(setara__json *j)
{
	close_(j, "]");
}

void setara__json_strn(setara__json *j, const char *key, const char *v,
	size_t n)
{
	member(j, key);
	escaped(j, v, n);
}

void setara__json_str(setara__json *j, const char *key, const char *v)
{
	if (v == NULL) {
		setara__json_null(j, key);
		return;
	}
	setara__json_strn(j, key, v, strlen(v));
}

void setara__json_int(setara__json *j, const char *key, long long v)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld", v);
	member(j, key);
	puts_(j, num);
}

void setara__json_bool(setara__json *j, const char *key, int v)
{
	member(j, key);
	puts_(j, v ? "true" : "false");
}

void setara__json_null(setara__json *j, const char *key)
{
	member(j, key);
	puts_(j, "null");
}

void setara__json_raw(setara__json *j, const char *key, const char *v)
{
	member(j, key);
	puts_(j, v);
}

int setara__json_error(const setara__json *j)
{
	return j->error ? SETARA_ENOMEM : 0;
}
