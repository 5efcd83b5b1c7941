/*
 * Times: xs:date / xs:dateTime parsing and UTC formatting.  Every time in
 * the engine is seconds since the epoch, UTC.
 */
#include <stdatomic.h>
#include <string.h>

#include "setara.h"
#include "util.h"

static int digits(const char *s, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

long long setara__days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int setara__time_parse(time_t *out, const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	int y, mo, d, h = 0, mi = 0, se = 0, oh = 0, om = 0, sign = 0;
	const char *p;
	long long t;

	if (s == NULL || strlen(s) < 10 || digits(s, 4, &y) < 0 ||
	    s[4] != '-' || digits(s + 5, 2, &mo) < 0 || s[7] != '-' ||
	    digits(s + 8, 2, &d) < 0)
		goto bad;
	if (mo < 1 || mo > 12 || d < 1 ||
	    d > mdays[mo - 1] + (mo == 2 && is_leap(y)))
		goto bad;
	p = s + 10;
	if (*p == 'T') {
		if (digits(p + 1, 2, &h) < 0 || p[3] != ':' ||
		    digits(p + 4, 2, &mi) < 0 || p[6] != ':' ||
		    digits(p + 7, 2, &se) < 0)
			goto bad;
		if (h > 23 || mi > 59 || se > 60)
			goto bad;
		p += 9;
		if (*p == '.') {
			p++;
			if (*p < '0' || *p > '9')
				goto bad;
			while (*p >= '0' && *p <= '9')
				p++;
		}
	}
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '-' ? -1 : 1;
		if (digits(p + 1, 2, &oh) < 0 || p[3] != ':' ||
		    digits(p + 4, 2, &om) < 0 || oh > 14 || om > 59)
			goto bad;
		p += 6;
	}
	if (*p != '\0')
		goto bad;
	t = setara__days_from_civil(y, mo, d) * 86400LL + h * 3600 + mi * 60 +
		se;
	t -= sign * (oh * 3600 + om * 60);
	*out = (time_t)t;
	return 0;
bad:
	return setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA, NULL, 0,
		NULL, "not a date or date-time: '%s'", s ? s : "");
}

void setara__time_format(char out[21], time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* setara_clock_set(): 0, or the time the library takes for now. */
static _Atomic long long fixed_now;

void setara_clock_set(long long at)
{
	atomic_store(&fixed_now, at);
}

time_t setara__time_now(void)
{
	long long at = atomic_load(&fixed_now);

	return at ? (time_t)at : time(NULL);
}
