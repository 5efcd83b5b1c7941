/*
 * bench_serve: a loopback load run against `setara serve`, next to the
 * in-process verification rate of the same document measured in the same
 * run.
 *
 *   bench_serve PORT SIGNED.xml TRUST_DIR DB SERVER_PID [REQUESTS]
 *               [CONCURRENCY] [MAX_SECONDS]
 *
 * PORT and SERVER_PID may each be a comma-separated list, one per serve
 * process (several nodes sharing one register): the clients are dealt
 * round-robin to the ports, and the figures are the processes' together
 * (their CPU time and their memory summed).
 * The client: CONCURRENCY threads, each with one keep-alive connection,
 * POST the document to /verify until REQUESTS are answered or MAX_SECONDS
 * have passed; every answer must be 200 with "result":"valid".  Reported:
 * requests/s, p50, p99 and the largest latency, and the server's resident
 * memory (VmRSS of SERVER_PID) after a warm-up and at the end.  The
 * in-process rate runs setara_cred_verify_mem() on two threads, each with
 * its own read-only store handle and verifier, as the service's two
 * workers do.  Both are given per wall-clock second and per CPU second
 * (the server's CPU time from /proc, the threads' own in process); the
 * ratio is of the CPU-second rates, which a busy shared machine does not
 * skew (bench_cred does the same).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "setara.h"
#include "util/util.h"

#define MAX_SERVERS 8
static int ports[MAX_SERVERS], nports;
static const char *pids[MAX_SERVERS];
static int npids;
static setara_buf doc = SETARA_BUF_INIT;
static long total, max_requests;
static double deadline;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static double *lat;
static long nlat, bad;

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The next request's number, or -1 when the run is over. */
static long take(void)
{
	long n = -1;

	pthread_mutex_lock(&lock);
	if (total < max_requests && now() < deadline)
		n = total++;
	pthread_mutex_unlock(&lock);
	return n;
}

static int dial(int port)
{
	struct sockaddr_in a;
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;

	if (fd < 0)
		return -1;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t k = send(fd, p, n, MSG_NOSIGNAL);

		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* One answer: its status and whether the body says valid. */
static int read_answer(int fd, setara_buf *in, int *valid)
{
	char tmp[16384];
	char *end, *cl;
	size_t head, want;
	ssize_t k;

	setara_buf_clear(in);
	for (;;) {
		if (in->ptr && (end = strstr(in->ptr, "\r\n\r\n")) != NULL)
			break;
		if ((k = recv(fd, tmp, sizeof(tmp), 0)) <= 0 ||
		    setara_buf_put(in, tmp, (size_t)k) < 0)
			return -1;
	}
	head = (size_t)(end - in->ptr) + 4;
	cl = strcasestr(in->ptr, "\r\nContent-Length:");
	if (cl == NULL || cl > end)
		return -1;
	want = head + strtoul(cl + 17, NULL, 10);
	while (in->size < want) {
		if ((k = recv(fd, tmp, sizeof(tmp), 0)) <= 0 ||
		    setara_buf_put(in, tmp, (size_t)k) < 0)
			return -1;
	}
	*valid = strstr(in->ptr + head, "\"result\":\"valid\"") != NULL;
	return (int)strtol(in->ptr + 9, NULL, 10);
}

/* Client number @arg (a long), on port number @arg of the list. */
static void *client(void *arg)
{
	setara_buf req = SETARA_BUF_INIT, in = SETARA_BUF_INIT;
	int fd = -1, valid, status;
	int port = ports[(long)arg % nports];
	double t0;
	long n;

	setara_buf_printf(&req, "POST /verify HTTP/1.1\r\nHost: bench\r\n"
		"Content-Type: application/xml\r\nContent-Length: %zu\r\n\r\n",
		doc.size);
	setara_buf_put(&req, doc.ptr, doc.size);
	while ((n = take()) >= 0) {
		if (fd < 0 && (fd = dial(port)) < 0)
			break;
		t0 = now();
		status = send_all(fd, req.ptr, req.size) < 0 ? -1 :
			read_answer(fd, &in, &valid);
		pthread_mutex_lock(&lock);
		if (status != 200 || !valid)
			bad++;
		else
			lat[nlat++] = now() - t0;
		pthread_mutex_unlock(&lock);
		if (status < 0) {
			close(fd);
			fd = -1;
		}
	}
	if (fd >= 0)
		close(fd);
	setara_buf_dispose(&req);
	setara_buf_dispose(&in);
	return NULL;
}

/* The CPU seconds (user and system) process @pid has used. */
static double proc_cpu(const char *pid)
{
	char path[64], line[1024], *p;
	unsigned long long ut = 0, st = 0;
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "/proc/%s/stat", pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	p = fgets(line, sizeof(line), f);
	fclose(f);
	if (p == NULL || (p = strrchr(line, ')')) == NULL)
		return -1;
	/* After "pid (comm)": state is field 3; utime 14, stime 15. */
	for (i = 3; i < 14 && p; i++)
		p = strchr(p + 1, ' ');
	if (p == NULL)
		return -1;
	ut = strtoull(p + 1, &p, 10);
	st = strtoull(p + 1, NULL, 10);
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

static double rss_kb(const char *pid)
{
	char path[64], line[256];
	double kb = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%s/status", pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "VmRSS:", 6) == 0)
			kb = strtod(line + 6, NULL);
	fclose(f);
	return kb;
}

/* In process: two threads, each with its own store handle and verifier. */
typedef struct inproc {
	const setara_trust *trust;
	const char *db;
	pthread_barrier_t *ready; /* after one verification each (the
				     schemas compiled, the keys loaded) */
	double seconds;
	double *t0;
	long done;
	double cpu;              /* the thread's CPU seconds verifying */
} inproc;

static double thread_cpu(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void *verify_loop(void *arg)
{
	setara_verify_options o = SETARA_VERIFY_OPTIONS_INIT;
	setara_verifier *vf = NULL;
	setara_store *st = NULL;
	setara_verdict *v = NULL;
	inproc *p = arg;

	o.trust = p->trust;
	/* One verification first; a failure is said, not counted as 0/s
	 * in silence, and the thread still meets the barrier. */
	if (setara_store_open_cached(&st, p->db, getenv("SETARA_CACHE"),
	    SETARA_STORE_READONLY) == 0)
		o.store = st;
	if (st == NULL || setara_cred_verifier_new(&vf, &o) < 0 ||
	    setara_cred_verify_mem(&v, vf, doc.ptr, doc.size, "bench") < 0) {
		fprintf(stderr, "bench_serve: in process: %s\n",
			setara_error_last()->message);
		setara_cred_verifier_free(vf);
		vf = NULL;
	}
	setara_verdict_free(v);
	v = NULL;
	if (pthread_barrier_wait(p->ready) == PTHREAD_BARRIER_SERIAL_THREAD)
		*p->t0 = now();
	pthread_barrier_wait(p->ready);
	p->cpu = thread_cpu();
	if (vf)
		while (now() < *p->t0 + p->seconds) {
			if (setara_cred_verify_mem(&v, vf, doc.ptr, doc.size,
			    "bench") < 0)
				break;
			setara_verdict_free(v);
			v = NULL;
			p->done++;
		}
	p->cpu = thread_cpu() - p->cpu;
	setara_cred_verifier_free(vf);
	setara_store_free(st);
	return NULL;
}

static double inprocess_rate(const setara_trust *trust, const char *db,
	double seconds, double *per_cpu)
{
	pthread_barrier_t ready;
	pthread_t th[2];
	inproc p[2];
	double t0 = 0, t1;
	int i;

	pthread_barrier_init(&ready, NULL, 2);
	for (i = 0; i < 2; i++) {
		p[i].trust = trust;
		p[i].db = db;
		p[i].ready = &ready;
		p[i].seconds = seconds;
		p[i].t0 = &t0;
		p[i].done = 0;
		pthread_create(&th[i], NULL, verify_loop, &p[i]);
	}
	for (i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	t1 = now();
	pthread_barrier_destroy(&ready);
	*per_cpu = p[0].cpu + p[1].cpu > 0 ? (double)(p[0].done + p[1].done) /
		(p[0].cpu + p[1].cpu) : 0;
	return (double)(p[0].done + p[1].done) / (t1 - t0);
}

/* @probe (proc_cpu, rss_kb) summed over the server processes; -1 if
 * one is gone. */
static double servers_sum(double (*probe)(const char *pid))
{
	double sum = 0, v;
	int i;

	for (i = 0; i < npids; i++) {
		if ((v = probe(pids[i])) < 0)
			return -1;
		sum += v;
	}
	return sum;
}

/* Split the comma-separated list @s (modified) into @out; its length,
 * or -1 if empty or longer than MAX_SERVERS. */
static int split(char *s, const char **out)
{
	int n = 0;
	char *comma;

	for (;;) {
		if (n == MAX_SERVERS || *s == '\0' || *s == ',')
			return -1;
		out[n++] = s;
		if ((comma = strchr(s, ',')) == NULL)
			return n;
		*comma = '\0';
		s = comma + 1;
	}
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	setara_trust *trust = NULL;
	pthread_t *th;
	long conc, i;
	double warm_kb, end_kb, t0, t1, secs, served, inproc, inproc_cpu, c0, c1, served_cpu;

	if (argc < 6) {
		fprintf(stderr, "usage: bench_serve PORT SIGNED.xml TRUST_DIR "
			"DB SERVER_PID [REQUESTS] [CONCURRENCY] "
			"[MAX_SECONDS]\n");
		return 2;
	}
	{
		const char *p[MAX_SERVERS];
		int i;

		if ((nports = split(argv[1], p)) < 0 ||
		    (npids = split(argv[5], pids)) < 0) {
			fprintf(stderr, "bench_serve: 1 to %d ports and "
				"server pids\n", MAX_SERVERS);
			return 2;
		}
		for (i = 0; i < nports; i++)
			ports[i] = (int)strtol(p[i], NULL, 10);
	}
	max_requests = argc > 6 ? strtol(argv[6], NULL, 10) : 20000;
	conc = argc > 7 ? strtol(argv[7], NULL, 10) : 16;
	secs = argc > 8 ? strtod(argv[8], NULL) : 60;
	if (setara_init() < 0 || setara__read_file(&doc, argv[2], 0) < 0 ||
	    setara_cred_trust_load(&trust, argv[3]) < 0) {
		fprintf(stderr, "bench_serve: %s\n",
			setara_error_last()->message);
		return 1;
	}
	/* The in-process rate first, while the service idles. */
	inproc = inprocess_rate(trust, argv[4], secs / 6 < 3 ? 3 : secs / 6,
		&inproc_cpu);
	/* Warm-up: a few hundred requests, then the server's memory. */
	lat = calloc((size_t)max_requests + 1000, sizeof(*lat));
	th = calloc((size_t)conc, sizeof(*th));
	if (lat == NULL || th == NULL)
		return 1;
	total = max_requests - (max_requests < 500 ? max_requests : 500);
	deadline = now() + secs;
	for (i = 0; i < conc; i++)
		pthread_create(&th[i], NULL, client, (void *)i);
	for (i = 0; i < conc; i++)
		pthread_join(th[i], NULL);
	warm_kb = servers_sum(rss_kb);
	total = 0;
	nlat = 0;
	bad = 0;
	c0 = servers_sum(proc_cpu);
	t0 = now();
	deadline = t0 + secs;
	for (i = 0; i < conc; i++)
		pthread_create(&th[i], NULL, client, (void *)i);
	for (i = 0; i < conc; i++)
		pthread_join(th[i], NULL);
	t1 = now();
	c1 = servers_sum(proc_cpu);
	end_kb = servers_sum(rss_kb);
	served_cpu = c1 > c0 ? (double)nlat / (c1 - c0) : 0;
	qsort(lat, (size_t)nlat, sizeof(*lat), cmp);
	served = (double)nlat / (t1 - t0);
	if (npids > 1)
		printf("%d serve processes (-j 2 each), loopback, %ld clients: "
			"%ld requests in %.1f s (%ld refused or wrong)\n",
			npids, conc, nlat + bad, t1 - t0, bad);
	else
		printf("serve -j 2, loopback, %ld clients: %ld requests in "
			"%.1f s (%ld refused or wrong)\n", conc, nlat + bad,
			t1 - t0, bad);
	if (nlat > 0)
		printf("  %.0f verifications/s; latency p50 %.1f ms, p99 %.1f "
			"ms, max %.1f ms\n", served,
			lat[nlat / 2] * 1000.0,
			lat[(size_t)((double)nlat * 0.99)] * 1000.0,
			lat[nlat - 1] * 1000.0);
	printf("  server%s: %.0f verifications per CPU second\n",
		npids > 1 ? "s together" : "", served_cpu);
	printf("  in process, 2 threads: %.0f verifications/s, %.0f per CPU "
		"second\n", inproc, inproc_cpu);
	printf("  served / in process (per CPU second): %.0f%%\n",
		inproc_cpu > 0 ? 100.0 * served_cpu / inproc_cpu : 0.0);
	printf("  server%s memory (VmRSS): %.0f kB after warm-up, %.0f kB at "
		"the end\n", npids > 1 ? "s' summed" : "", warm_kb, end_kb);
	free(lat);
	free(th);
	setara_cred_trust_free(trust);
	setara_buf_dispose(&doc);
	setara_shutdown();
	return bad == 0 && nlat > 0 ? 0 : 1;
}
