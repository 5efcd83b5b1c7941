/*
 * The serve component: `setara serve`, an HTTP service over the library
 * on libmicrohttpd (docs/serve.md).  What the command (src/cli) sees.
 *
 * The service verifies documents and credentials (POST /verify, and the
 * VC-API's POST /credentials/verify), serves the published status lists
 * (GET /status/FILE), answers the discovery and evaluation routes,
 * counts what it does (GET /metrics) and offers a page for people
 * (GET /).  The JSON of the data routes is the command's own
 * (`setara --json ...`): the command registers its writers in
 * setara_serve_routes, as lib.c registers the components with the store.
 *
 * Threads: the daemon runs @jobs worker threads; each request borrows one
 * worker context (its own read-only store handle and verifier) for its
 * whole run, so no store handle is ever used by two threads at once
 * (store.h).  The trust store is shared (cred.h: shareable once made).
 * The library never prints: access log lines go to the @log callback,
 * which may be called from any worker thread at once.
 */
#ifndef SETARA_SERVE_API_H
#define SETARA_SERVE_API_H

#include <stddef.h>

#include "setara/cred.h"
#include "util/util.h"

/*
 * Writers of the data routes' JSON, each with the calling worker's store:
 * 0 with the document in @out, or a negative code with the last error set
 * (SETARA_ENOTFOUND is 404, SETARA_EINVALID and SETARA_EUSAGE 400, the
 * rest 500).  A NULL writer makes its route answer 404.
 */
typedef struct setara_serve_routes {
	int (*frameworks)(setara_buf *out, setara_store *st);
	int (*credit_systems)(setara_buf *out, setara_store *st);
	/* GET /levels/REF[?to=FW]: @to may be NULL. */
	int (*level_map)(setara_buf *out, setara_store *st, const char *ref,
		const char *to);
	/* POST /transfer/evaluate?host=&programme=: the record in @data;
	 * @programme may be NULL. */
	int (*transfer)(setara_buf *out, setara_store *st, const char *data,
		size_t len, const char *host, const char *programme);
} setara_serve_routes;

/* One access-log line (no newline), from any worker thread. */
typedef void (*setara_serve_log_fn)(const char *line, void *payload);

typedef struct setara_serve_options {
	const char *addr;         /* IPv4 or IPv6 literal; NULL: 127.0.0.1 */
	unsigned short port;      /* 0: a free port (setara_serve__port) */
	int jobs;                 /* worker threads, >= 1 */
	const char *db;           /* the store, opened read-only by each
				     worker; NULL: no reference data */
	const char *cache;        /* a PostgreSQL register's local cache
				     (setara_store_open_cached()); NULL */
	const setara_trust *trust; /* shared; NULL: trust could not check */
	const char *status_dir;   /* status lists used and served; NULL */
	size_t body_max;          /* bytes of a request body; 0: 8 MiB */
	unsigned timeout;         /* seconds of silence before a connection
				     is closed; 0: 10 */
	int crosscheck;           /* setara_verify_options.crosscheck */
	const setara_serve_routes *routes;
	setara_serve_log_fn log;  /* NULL: no access log */
	void *log_payload;
} setara_serve_options;

#define SETARA_SERVE_BODY_MAX (8u * 1024u * 1024u)
#define SETARA_SERVE_TIMEOUT 10u

typedef struct setara_serve setara_serve;

/*
 * Open the workers' store handles and verifiers, bind and start serving.
 * @return 0; SETARA_EUSAGE (a bad address), SETARA_EIO (cannot bind),
 *         SETARA_ESTORE, SETARA_ENOMEM, or the verifier's errors (a
 *         status directory that cannot be read).
 */
int setara_serve__start(setara_serve **out, const setara_serve_options *o);

/* The port bound (the one chosen when the options said 0). */
unsigned short setara_serve__port(const setara_serve *s);

/*
 * Stop: accept no more connections, let the requests in flight finish
 * (at most @grace seconds), then close every connection and free
 * everything.  NULL-safe.
 */
void setara_serve__stop(setara_serve *s, unsigned grace);

#endif
