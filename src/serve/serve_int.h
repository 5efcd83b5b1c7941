/*
 * The serve component's private interface: the server, its requests and
 * worker contexts (server.c), the routes (routes.c), the counters
 * (metrics.c) and the page (page.c).
 */
#ifndef SETARA_SERVE_INT_H
#define SETARA_SERVE_INT_H

#include <pthread.h>
#include <time.h>

#include "serve_api.h"

/* The routes, as counted and logged. */
typedef enum {
	SERVE_ROUTE_PAGE = 0,
	SERVE_ROUTE_VERIFY,
	SERVE_ROUTE_CREDENTIALS_VERIFY,
	SERVE_ROUTE_HEALTHZ,
	SERVE_ROUTE_FRAMEWORKS,
	SERVE_ROUTE_CREDIT_SYSTEMS,
	SERVE_ROUTE_LEVELS,
	SERVE_ROUTE_TRANSFER,
	SERVE_ROUTE_STATUS,
	SERVE_ROUTE_METRICS,
	SERVE_ROUTE_OTHER,
	SERVE_ROUTE_COUNT
} serve_route;

/* One worker context: borrowed by one request at a time. */
typedef struct serve_worker {
	setara_store *st;
	setara_verifier *vf;
	struct serve_worker *next;
} serve_worker;

/* The latency histogram's upper bounds, in seconds. */
#define SERVE_BUCKETS 11

typedef struct serve_metrics {
	pthread_mutex_t lock;
	/* requests by route and by index in serve_codes */
	unsigned long long requests[SERVE_ROUTE_COUNT][12];
	unsigned long long verdicts[3];   /* by setara_result */
	unsigned long long buckets[SERVE_BUCKETS + 1]; /* the last: +Inf */
	double seconds;
	unsigned long long count;
} serve_metrics;

struct setara_serve {
	setara_serve_options o;
	char *status_dir;
	struct MHD_Daemon *daemon;
	unsigned short port;
	serve_worker *workers; /* all of them, for freeing */
	int nworkers;
	serve_worker *idle;    /* the free list */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int inflight;          /* requests begun and not completed */
	serve_metrics m;
	time_t started;
};

/* A response being made: status, type, body and extra headers. */
typedef struct serve_reply {
	unsigned code;
	const char *type;       /* Content-Type */
	setara_buf body;
	const char *cache;      /* Cache-Control; NULL: no-store */
	char etag[72];          /* "" or a quoted strong ETag */
	char csp[512];          /* "" or a Content-Security-Policy */
	const char *allow;      /* Allow, with 405 */
	int verdict;            /* a setara_result, or -1 */
} serve_reply;

/* What a route gets: the request line, query, body and a worker. */
typedef struct serve_call {
	setara_serve *s;
	struct MHD_Connection *conn;
	const char *method;
	const char *path;
	const char *body;
	size_t len;
	const char *if_none_match;
	serve_worker *w;
} serve_call;

/* routes.c */
serve_route setara_serve__route_of(const char *path);
/* The methods a route answers ("GET", "POST", "GET, POST"). */
const char *setara_serve__route_allow(serve_route r);
const char *setara_serve__route_name(serve_route r);
/* Run route @r; fills @rp (its code and body). */
void setara_serve__dispatch(serve_reply *rp, serve_route r,
	const serve_call *c);
/* A JSON error reply: {"version":1,"error":{"status":..,"code":..,...}}
 * from @message, or from the last error when @message is NULL. */
void setara_serve__error(serve_reply *rp, unsigned code,
	const char *message);
/* The verdict report of `setara --json verify`, for @name; @vcapi: with
 * the VC-API's members (POST /credentials/verify).  A body that starts
 * with '{' is a credential (setara_vc_verify()), else an XML document. */
int setara_serve__verify_json(setara_buf *out, int *result,
	serve_worker *w, const char *data, size_t len, const char *name,
	int vcapi);

/* metrics.c */
int setara_serve__metrics_init(serve_metrics *m);
void setara_serve__metrics_free(serve_metrics *m);
void setara_serve__metrics_count(serve_metrics *m, serve_route r,
	unsigned code, int verdict, double seconds);
/* The counters, and @inflight, the requests begun and not answered. */
int setara_serve__metrics_text(setara_buf *out, serve_metrics *m,
	int inflight);

/* page.c: GET / (the form) and POST / (its answer). */
void setara_serve__page_form(serve_reply *rp);
void setara_serve__page_result(serve_reply *rp, const serve_call *c);

#endif
