/*
 * setara serve [--listen ADDR:PORT] [-j N] [--trust DIR] [--status DIR]
 *              [--body-max BYTES] [--timeout SECS] [--grace SECS]
 *
 * The verification service and page (src/serve, docs/serve.md).  The
 * command loads the trust store and makes (or refreshes) the store as the
 * other commands do, registers the JSON writers of the data routes,
 * starts the service, prints where it listens, then waits for SIGTERM or
 * SIGINT and stops it, letting the requests in flight finish.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util/util.h"
#include "serve/serve_api.h"

static const cli_opt opts[] = {
	{ "listen", 'l', "ADDR:PORT", "address and port (default "
	  "127.0.0.1:8080; port 0: any free port; [::1]:PORT for IPv6)" },
	{ "jobs", 'j', "N", "worker threads, each with its own read-only "
	  "store handle (default 2)" },
	CLI_OPT_TRUST,
	{ "status", 's', "DIR", "the signed status lists (XML and JSON): "
	  "used to verify, and served at /status/FILE" },
	{ "body-max", 0, "BYTES", "largest request body (default 8388608); "
	  "larger is refused with 413" },
	{ "timeout", 0, "SECS", "close a connection silent this long "
	  "(default 10)" },
	{ "grace", 0, "SECS", "on SIGTERM, wait this long for requests in "
	  "flight (default 10)" },
	{ NULL, 0, NULL, NULL }
};

static const cli_cmd serve_cmd = {
	"serve", cmd_serve,
	"Serve verification over HTTP: POST /verify (an XML document or a\n"
	"W3C Verifiable Credential; the JSON of 'setara --json verify'),\n"
	"POST /credentials/verify (the W3C VC-API's route), the status\n"
	"lists at /status/FILE, the discovery and transfer routes,\n"
	"/healthz, /metrics, and a page for people at /.  Runs until\n"
	"SIGTERM or SIGINT.",
	"serve [--listen ADDR:PORT] [-j N] [--trust DIR] [--status DIR] "
	"[--body-max BYTES] [--timeout SECS] [--grace SECS]",
	opts,
	"Listens on 127.0.0.1 unless told otherwise; put a reverse proxy\n"
	"(TLS) in front of it to serve others.  Prints 'listening on\n"
	"http://ADDR:PORT/' on stderr when ready, then one access log line\n"
	"per request.  Routes and their JSON: docs/serve.md.\n"
};

static const setara_serve_routes data_routes = {
	cli_frameworks_json,
	cli_credit_systems_json,
	cli_level_map_json,
	cli_transfer_json,
};

static void log_line(const char *line, void *payload)
{
	(void)payload;
	fprintf(stderr, "setara-serve: %s\n", line);
}

/* A whole number from @lo to @hi, or -1. */
static long long number(const char *s, long long lo, long long hi)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	return v;
}

/* ADDR:PORT, [IPV6]:PORT or :PORT into @o (@host holds the address). */
static int parse_listen(setara_serve_options *o, char *host, size_t n,
	const char *s)
{
	const char *colon = strrchr(s, ':');
	size_t len;
	long long port;

	if (colon == NULL || (port = number(colon + 1, 0, 65535)) < 0)
		return -1;
	len = (size_t)(colon - s);
	if (len >= 2 && s[0] == '[' && s[len - 1] == ']') {
		s++;
		len -= 2;
	}
	if (len >= n)
		return -1;
	memcpy(host, s, len);
	host[len] = '\0';
	o->addr = len ? host : NULL;
	o->port = (unsigned short)port;
	return 0;
}

/* The options, in the order of opts[]. */
enum { S_LISTEN, S_JOBS, S_TRUST, S_STATUS, S_BODY_MAX, S_TIMEOUT, S_GRACE,
	S_N };

/* The option @k of @val as a number from @min to @max into *out: EXIT_OK
 * (also when not given), or the usage error "@what, not 'VALUE'". */
static int number_arg(const char *const val[S_N], int k, long long min,
	long long max, const char *what, long long *out)
{
	if (val[k] == NULL)
		return EXIT_OK;
	if ((*out = number(val[k], min, max)) < 0)
		return cli_usage_error(&serve_cmd, "%s, not '%s'", what,
			val[k]);
	return EXIT_OK;
}

int cmd_serve(cli *c, int argc, char **argv)
{
	setara_serve_options o;
	setara_serve *s = NULL;
	setara_trust *trust = NULL;
	setara_store *st;
	sigset_t sigs;
	cli_parser p;
	const char *val[S_N] = { NULL };
	char host[64];
	long long jobs = 2, body_max = 0, timeout = 0, grace = 10;
	int sig, rc = EXIT_OK;

	memset(&o, 0, sizeof(o));
	o.routes = &data_routes;
	o.log = log_line;
	if (cli_args(&p, c, &serve_cmd, argc, argv, val, 0, &rc))
		goto done;
	if (val[S_LISTEN] && parse_listen(&o, host, sizeof(host),
	    val[S_LISTEN]) < 0) {
		rc = cli_usage_error(&serve_cmd, "--listen: ADDR:PORT "
			"expected, not '%s'", val[S_LISTEN]);
		goto done;
	}
	if ((rc = number_arg(val, S_JOBS, 1, 256, "-j: 1 to 256 workers",
	    &jobs)) != EXIT_OK ||
	    (rc = number_arg(val, S_BODY_MAX, 1024, 1LL << 30,
	    "--body-max: 1024 to 1073741824 bytes", &body_max)) != EXIT_OK ||
	    (rc = number_arg(val, S_TIMEOUT, 1, 3600,
	    "--timeout: 1 to 3600 seconds", &timeout)) != EXIT_OK ||
	    (rc = number_arg(val, S_GRACE, 1, 3600,
	    "--grace: 1 to 3600 seconds", &grace)) != EXIT_OK)
		goto done;
	o.jobs = (int)jobs;
	o.body_max = (size_t)body_max;
	o.timeout = (unsigned)timeout;
	o.status_dir = val[S_STATUS];
	if (val[S_TRUST] && setara_cred_trust_load(&trust, val[S_TRUST]) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	o.trust = trust;
	o.crosscheck = cli_crosscheck();
	/* The store as the other commands make it; without one, the data
	 * routes answer 503 and consistency is could-not-check. */
	if (cli_store(c, &st) < 0) {
		if (setara_error_last()->code == SETARA_EUSAGE) {
			rc = cli_fail(c); /* a --db that names nothing */
			goto done;
		}
		cli_print_error(setara_error_last(), " (serving without "
			"reference data)");
		setara_error_clear();
	} else {
		o.db = c->db_path;
		o.cache = cli_cache();
	}
	/* The workers inherit the mask: the signals come to sigwait here. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (setara_serve__start(&s, &o) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	fprintf(stderr, "setara-serve: listening on http://%s%s%s:%u/ "
		"(%d workers)\n", o.addr && strchr(o.addr, ':') ? "[" : "",
		o.addr ? o.addr : "127.0.0.1",
		o.addr && strchr(o.addr, ':') ? "]" : "",
		(unsigned)setara_serve__port(s), o.jobs);
	fflush(stderr);
	if (sigwait(&sigs, &sig) == 0)
		fprintf(stderr, "setara-serve: %s: stopping\n",
			sig == SIGTERM ? "SIGTERM" : "SIGINT");
	setara_serve__stop(s, (unsigned)grace);
	s = NULL;
	fprintf(stderr, "setara-serve: stopped\n");
done:
	setara_serve__stop(s, 0);
	setara_cred_trust_free(trust);
	cli_parser_dispose(&p);
	return rc;
}
