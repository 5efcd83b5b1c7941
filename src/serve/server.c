/*
 * The daemon: libmicrohttpd with its own thread pool, one worker context
 * per thread, the request body held to a limit, the access log, and the
 * stop that lets requests in flight finish.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "serve_int.h"

/* One request, from its first byte to its completion. */
typedef struct request {
	setara_serve *s;
	struct timespec t0;
	serve_route route;
	setara_buf body;
	size_t seen;            /* body bytes received, kept or not */
	int too_big;
	int replied;            /* answered before its body was read */
	struct MHD_PostProcessor *pp;
	int field;              /* the form field kept: 1 file, 2 text */
	unsigned code;
	size_t bytes;
	int verdict;
	char method[8];
	char path[128];
} request;

static double elapsed(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
		(double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* The path as logged: printable, no quotes or spaces, at most 127. */
static void log_copy(char *dst, size_t n, const char *src)
{
	size_t i;

	for (i = 0; i + 1 < n && src[i]; i++)
		dst[i] = (src[i] > 0x20 && src[i] < 0x7f && src[i] != '"' &&
			src[i] != '\\') ? src[i] : '?';
	dst[i] = '\0';
}

static serve_worker *borrow(setara_serve *s)
{
	serve_worker *w;

	pthread_mutex_lock(&s->lock);
	while (s->idle == NULL)
		pthread_cond_wait(&s->cond, &s->lock);
	w = s->idle;
	s->idle = w->next;
	pthread_mutex_unlock(&s->lock);
	return w;
}

static void give_back(setara_serve *s, serve_worker *w)
{
	pthread_mutex_lock(&s->lock);
	w->next = s->idle;
	s->idle = w;
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->lock);
}

static int keep(request *rq, const char *data, size_t n)
{
	size_t max = rq->s->o.body_max;

	rq->seen += n;
	if (rq->too_big || rq->seen > max) {
		rq->too_big = 1;
		setara_buf_dispose(&rq->body);
		return 0;
	}
	return setara_buf_put(&rq->body, data, n);
}

/* The page's form: the file picked ("document") or the text pasted
 * ("xml"), whichever came first with bytes. */
static enum MHD_Result form_field(void *cls, enum MHD_ValueKind kind,
	const char *key, const char *filename, const char *ctype,
	const char *enc, const char *data, uint64_t off, size_t size)
{
	request *rq = cls;
	int f = strcmp(key, "document") == 0 ? 1 :
		strcmp(key, "xml") == 0 ? 2 : 0;

	(void)kind; (void)filename; (void)ctype; (void)enc; (void)off;
	if (f == 0 || size == 0 || (rq->field && rq->field != f))
		return MHD_YES;
	rq->field = f;
	if (rq->too_big)
		return MHD_YES;
	if (rq->body.size + size > rq->s->o.body_max) {
		rq->too_big = 1;
		setara_buf_dispose(&rq->body);
		return MHD_YES;
	}
	return setara_buf_put(&rq->body, data, size) < 0 ? MHD_NO : MHD_YES;
}

static enum MHD_Result send_reply(struct MHD_Connection *conn, request *rq,
	serve_reply *rp)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	r = MHD_create_response_from_buffer(rp->body.size,
		rp->body.ptr ? rp->body.ptr : (char *)"",
		MHD_RESPMEM_MUST_COPY);
	if (r == NULL) {
		setara_buf_dispose(&rp->body);
		return MHD_NO;
	}
	if (rp->type)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
			rp->type);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
		rp->cache ? rp->cache : "no-store");
	if (rp->etag[0])
		MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, rp->etag);
	if (rp->csp[0])
		MHD_add_response_header(r, "Content-Security-Policy",
			rp->csp);
	if (rp->allow)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, rp->allow);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	ret = MHD_queue_response(conn, rp->code, r);
	MHD_destroy_response(r);
	rq->code = rp->code;
	rq->bytes = rp->body.size;
	rq->verdict = rp->verdict;
	setara_buf_dispose(&rp->body);
	return ret;
}

static void reply_init(serve_reply *rp)
{
	memset(rp, 0, sizeof(*rp));
	rp->verdict = -1;
}

static request *request_new(setara_serve *s, struct MHD_Connection *conn,
	const char *url, const char *method)
{
	const char *type;
	request *rq = setara__calloc(1, sizeof(*rq));

	if (rq == NULL)
		return NULL;
	rq->s = s;
	clock_gettime(CLOCK_MONOTONIC, &rq->t0);
	rq->route = setara_serve__route_of(url);
	rq->verdict = -1;
	log_copy(rq->method, sizeof(rq->method), method);
	log_copy(rq->path, sizeof(rq->path), url);
	type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		MHD_HTTP_HEADER_CONTENT_TYPE);
	if (rq->route == SERVE_ROUTE_PAGE && strcmp(method, "POST") == 0 &&
	    type && (strncasecmp(type, "multipart/form-data", 19) == 0 ||
	    strncasecmp(type, "application/x-www-form-urlencoded", 33) == 0))
		rq->pp = MHD_create_post_processor(conn, 16384, form_field,
			rq);
	pthread_mutex_lock(&s->lock);
	s->inflight++;
	pthread_mutex_unlock(&s->lock);
	return rq;
}

/* A Content-Length over the limit is answered before the body is read. */
static int declared_too_big(setara_serve *s, struct MHD_Connection *conn)
{
	const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		MHD_HTTP_HEADER_CONTENT_LENGTH);
	unsigned long long n;
	char *end;

	if (cl == NULL)
		return 0;
	errno = 0;
	n = strtoull(cl, &end, 10);
	return errno != 0 || end == cl || n > s->o.body_max;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
	const char *url, const char *method, const char *version,
	const char *upload, size_t *upload_size, void **con_cls)
{
	setara_serve *s = cls;
	request *rq = *con_cls;
	serve_reply rp;
	serve_call c;

	(void)version;
	if (rq == NULL) {
		if ((rq = request_new(s, conn, url, method)) == NULL)
			return MHD_NO;
		*con_cls = rq;
		if (declared_too_big(s, conn)) {
			reply_init(&rp);
			setara_serve__error(&rp, 413, "the body is over the "
				"limit of this service");
			rq->replied = 1;
			return send_reply(conn, rq, &rp);
		}
		return MHD_YES;
	}
	if (*upload_size) {
		if (!rq->replied) {
			if (rq->pp) {
				rq->seen += *upload_size;
				if (rq->seen > s->o.body_max)
					rq->too_big = 1;
				else if (MHD_post_process(rq->pp, upload,
				    *upload_size) != MHD_YES)
					rq->too_big = rq->too_big ? 1 : 2;
			} else if (keep(rq, upload, *upload_size) < 0) {
				return MHD_NO;
			}
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (rq->replied)
		return MHD_YES;
	reply_init(&rp);
	if (rq->too_big == 1) {
		setara_serve__error(&rp, 413, "the body is over the limit of "
			"this service");
		return send_reply(conn, rq, &rp);
	}
	if (rq->too_big == 2) {
		setara_serve__error(&rp, 400, "the form could not be read");
		return send_reply(conn, rq, &rp);
	}
	memset(&c, 0, sizeof(c));
	c.s = s;
	c.conn = conn;
	c.method = method;
	c.path = url;
	c.body = rq->body.ptr ? rq->body.ptr : "";
	c.len = rq->body.size;
	c.if_none_match = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		MHD_HTTP_HEADER_IF_NONE_MATCH);
	switch (rq->route) {
	case SERVE_ROUTE_HEALTHZ: case SERVE_ROUTE_METRICS:
	case SERVE_ROUTE_STATUS: case SERVE_ROUTE_OTHER:
		setara_serve__dispatch(&rp, rq->route, &c);
		break;
	default:
		c.w = borrow(s);
		setara_serve__dispatch(&rp, rq->route, &c);
		give_back(s, c.w);
		setara_error_clear();
		break;
	}
	return send_reply(conn, rq, &rp);
}

static void on_completed(void *cls, struct MHD_Connection *conn,
	void **con_cls, enum MHD_RequestTerminationCode why)
{
	setara_serve *s = cls;
	request *rq = *con_cls;
	double secs;
	char line[400], now[21];

	(void)conn;
	if (rq == NULL)
		return;
	*con_cls = NULL;
	secs = elapsed(&rq->t0);
	setara_serve__metrics_count(&s->m, rq->route, rq->code, rq->verdict,
		secs);
	if (s->o.log) {
		setara__time_format(now, time(NULL));
		snprintf(line, sizeof(line), "time=%s method=%s path=\"%s\" "
			"route=%s status=%u bytes_in=%zu bytes_out=%zu "
			"ms=%.2f%s%s%s", now, rq->method, rq->path,
			setara_serve__route_name(rq->route), rq->code,
			rq->seen, rq->bytes, secs * 1000.0,
			rq->verdict >= 0 ? " verdict=" : "",
			rq->verdict >= 0 ? setara_cred_result_name(
				(setara_result)rq->verdict) : "",
			why == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" :
			why == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ?
			" closed=timeout" : " closed=early");
		s->o.log(line, s->o.log_payload);
	}
	if (rq->pp)
		MHD_destroy_post_processor(rq->pp);
	setara_buf_dispose(&rq->body);
	setara__free(rq);
	pthread_mutex_lock(&s->lock);
	s->inflight--;
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->lock);
}

/* libmicrohttpd's own messages go to the access log, marked. */
static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	setara_serve *s = cls;
	char msg[300], line[340];
	size_t n;

	if (s->o.log == NULL)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	snprintf(line, sizeof(line), "event=httpd message=\"%s\"", msg);
	s->o.log(line, s->o.log_payload);
}

static int workers_open(setara_serve *s)
{
	setara_verify_options vo = SETARA_VERIFY_OPTIONS_INIT;
	int i, error = -1;

	s->workers = setara__calloc((size_t)s->o.jobs, sizeof(serve_worker));
	if (s->workers == NULL)
		goto done;
	s->nworkers = s->o.jobs;
	vo.trust = s->o.trust;
	vo.status = s->o.status_dir;
	vo.crosscheck = s->o.crosscheck;
	for (i = 0; i < s->nworkers; i++) {
		serve_worker *w = &s->workers[i];

		if (s->o.db && (error = setara_store_open_cached(&w->st,
		    s->o.db, s->o.cache, SETARA_STORE_READONLY)) < 0)
			goto done;
		vo.store = w->st;
		if ((error = setara_cred_verifier_new(&w->vf, &vo)) < 0)
			goto done;
		w->next = s->idle;
		s->idle = w;
	}
	error = 0;
done:
	return error;
}

static int bind_addr(struct sockaddr_storage *ss, unsigned *flags,
	const char *addr, unsigned short port)
{
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, addr, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons(port);
		return 0;
	}
	if (inet_pton(AF_INET6, addr, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons(port);
		*flags |= MHD_USE_IPv6;
		return 0;
	}
	return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE, NULL, 0,
		"listen", "'%s' is not an IPv4 or IPv6 address", addr);
}

int setara_serve__start(setara_serve **out, const setara_serve_options *o)
{
	setara_serve *s = NULL;
	struct sockaddr_storage ss;
	const union MHD_DaemonInfo *info;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC |
		MHD_USE_AUTO;
	int error = SETARA_EUSAGE;

	if (out == NULL || o == NULL || o->jobs < 1)
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, NULL, "serve: no options or no worker");
	*out = NULL;
	if ((s = setara__calloc(1, sizeof(*s))) == NULL)
		return SETARA_ENOMEM;
	s->o = *o;
	if (s->o.addr == NULL)
		s->o.addr = "127.0.0.1";
	if (s->o.body_max == 0)
		s->o.body_max = SETARA_SERVE_BODY_MAX;
	if (s->o.timeout == 0)
		s->o.timeout = SETARA_SERVE_TIMEOUT;
	s->started = time(NULL);
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->cond, NULL);
	if ((error = setara_serve__metrics_init(&s->m)) < 0)
		goto done;
	if ((error = bind_addr(&ss, &flags, s->o.addr, s->o.port)) < 0 ||
	    (error = workers_open(s)) < 0)
		goto done;
	s->daemon = MHD_start_daemon(flags, s->o.port, NULL, NULL,
		on_request, s,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)s->o.jobs,
		MHD_OPTION_CONNECTION_TIMEOUT, s->o.timeout,
		MHD_OPTION_CONNECTION_LIMIT, 1000u,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
		MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, s,
		MHD_OPTION_END);
	if (s->daemon == NULL) {
		error = setara_error__set(SETARA_EIO, SETARA_ERROR_OS, NULL,
			0, "listen", "cannot listen on %s port %u", s->o.addr,
			(unsigned)s->o.port);
		goto done;
	}
	info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info ? info->port : s->o.port;
	*out = s;
	s = NULL;
	error = 0;
done:
	setara_serve__stop(s, 0);
	return error;
}

unsigned short setara_serve__port(const setara_serve *s)
{
	return s ? s->port : 0;
}

void setara_serve__stop(setara_serve *s, unsigned grace)
{
	struct timespec until;
	MHD_socket fd = MHD_INVALID_SOCKET;
	int i;

	if (s == NULL)
		return;
	if (s->daemon) {
		fd = MHD_quiesce_daemon(s->daemon);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += (time_t)grace;
		pthread_mutex_lock(&s->lock);
		while (s->inflight > 0 && pthread_cond_timedwait(&s->cond,
		    &s->lock, &until) == 0)
			;
		pthread_mutex_unlock(&s->lock);
		MHD_stop_daemon(s->daemon);
		if (fd != MHD_INVALID_SOCKET)
			close(fd);
	}
	for (i = 0; i < s->nworkers; i++) {
		setara_cred_verifier_free(s->workers[i].vf);
		setara_store_free(s->workers[i].st);
	}
	setara__free(s->workers);
	setara_serve__metrics_free(&s->m);
	pthread_cond_destroy(&s->cond);
	pthread_mutex_destroy(&s->lock);
	setara__free(s);
}
