/*
 * Exact decimals for credits: a non-negative amount with at most six
 * fraction digits is held as an integer count of millionths, so sums are
 * exact (never binary floating point).  Totals on transcripts are checked
 * and computed with these.
 */
#include <stdio.h>
#include <string.h>

#include "cred_int.h"

#define SCALE 1000000LL

int setara_cred__dec_parse(long long *out, const char *s)
{
	long long ip = 0, fp = 0, scale = SCALE;
	const char *p = s;
	int digits = 0;

	*out = 0;
	if (s == NULL || *s == '\0')
		return SETARA_EINVALID;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (++digits > 12)
			return SETARA_EINVALID;
		ip = ip * 10 + (*p - '0');
	}
	if (digits == 0)
		return SETARA_EINVALID;
	if (*p == '.') {
		p++;
		digits = 0;
		for (; *p >= '0' && *p <= '9'; p++) {
			if (++digits > 6)
				return SETARA_EINVALID;
			scale /= 10;
			fp += (*p - '0') * scale;
		}
		if (digits == 0)
			return SETARA_EINVALID;
	}
	if (*p != '\0')
		return SETARA_EINVALID;
	*out = ip * SCALE + fp;
	return 0;
}

int setara_cred__dec_attr(long long *out, const xmlNode *n,
	const char *attr)
{
	char *v = n ? setara__xml_attr(n, attr) : NULL;
	int error = setara_cred__dec_parse(out, v);

	xmlFree(v);
	return error;
}

void setara_cred__dec_format(char out[32], long long v)
{
	long long ip = v / SCALE, fp = v % SCALE;
	char frac[8];
	int n;

	if (fp == 0) {
		snprintf(out, 32, "%lld", ip);
		return;
	}
	snprintf(frac, sizeof(frac), "%06lld", fp);
	for (n = 6; n > 1 && frac[n - 1] == '0'; n--)
		frac[n - 1] = '\0';
	snprintf(out, 32, "%lld.%s", ip, frac);
}
