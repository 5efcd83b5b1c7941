/*
 * What the service counts, in Prometheus's text format (GET /metrics):
 * requests by route and status, verdicts by result, and the latency of
 * every request in a histogram.
 */
#include <stdio.h>
#include <string.h>

#include "serve_int.h"

/* The statuses counted one by one; the rest are counted as "other". */
static const unsigned codes[] = { 200, 304, 400, 404, 405, 413, 415, 500,
	503 };
#define NCODES (sizeof(codes) / sizeof(codes[0]))

static const double bounds[SERVE_BUCKETS] = { 0.001, 0.0025, 0.005, 0.01,
	0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5 };

int setara_serve__metrics_init(serve_metrics *m)
{
	memset(m, 0, sizeof(*m));
	if (pthread_mutex_init(&m->lock, NULL) != 0)
		return setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
			NULL, 0, NULL, "cannot make a lock");
	return 0;
}

void setara_serve__metrics_free(serve_metrics *m)
{
	pthread_mutex_destroy(&m->lock);
}

void setara_serve__metrics_count(serve_metrics *m, serve_route r,
	unsigned code, int verdict, double seconds)
{
	size_t i, k;

	for (i = 0; i < NCODES && codes[i] != code; i++)
		;
	for (k = 0; k < SERVE_BUCKETS && seconds > bounds[k]; k++)
		;
	pthread_mutex_lock(&m->lock);
	m->requests[r][i]++;
	if (verdict >= 0 && verdict < 3)
		m->verdicts[verdict]++;
	m->buckets[k]++;
	m->seconds += seconds;
	m->count++;
	pthread_mutex_unlock(&m->lock);
}

int setara_serve__metrics_text(setara_buf *out, serve_metrics *m,
	int inflight)
{
	serve_metrics c;
	unsigned long long sum = 0;
	char code[8];
	size_t r, i;
	int error = 0;

	pthread_mutex_lock(&m->lock);
	memcpy(c.requests, m->requests, sizeof(c.requests));
	memcpy(c.verdicts, m->verdicts, sizeof(c.verdicts));
	memcpy(c.buckets, m->buckets, sizeof(c.buckets));
	c.seconds = m->seconds;
	c.count = m->count;
	pthread_mutex_unlock(&m->lock);

	error |= setara_buf_puts(out, "# HELP setara_http_requests_total "
		"Requests answered, by route and status.\n"
		"# TYPE setara_http_requests_total counter\n");
	for (r = 0; r < SERVE_ROUTE_COUNT; r++)
		for (i = 0; i <= NCODES; i++) {
			if (c.requests[r][i] == 0)
				continue;
			if (i < NCODES)
				snprintf(code, sizeof(code), "%u", codes[i]);
			else
				snprintf(code, sizeof(code), "other");
			error |= setara_buf_printf(out,
				"setara_http_requests_total{route=\"%s\","
				"code=\"%s\"} %llu\n",
				setara_serve__route_name((serve_route)r), code,
				c.requests[r][i]);
		}
	error |= setara_buf_printf(out, "# HELP "
		"setara_http_requests_in_flight Requests begun and not yet "
		"answered.\n"
		"# TYPE setara_http_requests_in_flight gauge\n"
		"setara_http_requests_in_flight %d\n", inflight);
	error |= setara_buf_puts(out, "# HELP setara_verdicts_total "
		"Documents verified, by result.\n"
		"# TYPE setara_verdicts_total counter\n");
	for (i = 0; i < 3; i++)
		error |= setara_buf_printf(out,
			"setara_verdicts_total{result=\"%s\"} %llu\n",
			setara_cred_result_name((setara_result)i),
			c.verdicts[i]);
	error |= setara_buf_puts(out, "# HELP "
		"setara_http_request_duration_seconds Time from a request's "
		"first byte to its answer.\n"
		"# TYPE setara_http_request_duration_seconds histogram\n");
	for (i = 0; i <= SERVE_BUCKETS; i++) {
		sum += c.buckets[i];
		if (i < SERVE_BUCKETS)
			error |= setara_buf_printf(out,
				"setara_http_request_duration_seconds_bucket"
				"{le=\"%g\"} %llu\n", bounds[i], sum);
		else
			error |= setara_buf_printf(out,
				"setara_http_request_duration_seconds_bucket"
				"{le=\"+Inf\"} %llu\n", sum);
	}
	error |= setara_buf_printf(out,
		"setara_http_request_duration_seconds_sum %.6f\n"
		"setara_http_request_duration_seconds_count %llu\n",
		c.seconds, c.count);
	return error ? SETARA_ENOMEM : 0;
}
