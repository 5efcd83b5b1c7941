/*
 * bench_register: fill a store's register with synthetic rows, through the
 * register's own functions, for the register-scaling bench
 * (bench/50-register.sh).
 *
 *   bench_register DB ROWS ISSUER NAME COUNTRY DIR
 *
 * Adds ROWS issued documents of ISSUER to the store DB (which must exist,
 * loaded): reserve and complete, as issuing does, 20,000 to a transaction
 * (one transaction per document would measure the disk, not the register).
 * One document in 50 is a certificate, the others transcripts; subject
 * "learner-K" has two documents (K = row / 2).  The output paths name
 * files in DIR that are never written.  Then a fixed number of documents,
 * the same at every size, spread over all the lists, are revoked (100) and
 * suspended (100), so that filters on the status select as many rows at
 * 10k as at 1M.  Prints "active ID" for each of the last ten documents
 * (left active) and "revoked ID" for one revoked document.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "setara.h"
#include "store/store_api.h"

#define CHUNK 20000
#define FLAGGED 100

static int fail(const char *what)
{
	const setara_error *e = setara_error_last();

	fprintf(stderr, "bench_register: %s: %s\n", what,
		e && e->message ? e->message : "failed");
	return 1;
}

static long long usec(const struct timeval *t)
{
	return (long long)t->tv_sec * 1000000 + t->tv_usec;
}

static int time_one(char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	pid_t pid;
	int status, fd;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) < 0) {
		perror("bench_register: fork");
		return 1;
	}
	if (pid == 0) {
		if ((fd = open("/dev/null", O_WRONLY)) >= 0)
			dup2(fd, 1);
		execvp(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("bench_register: wait4");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench_register: %s failed\n", argv[0]);
		return 1;
	}
	printf("%lld %lld\n", (long long)(t1.tv_sec - t0.tv_sec) * 1000000 +
		(t1.tv_nsec - t0.tv_nsec) / 1000,
		usec(&ru.ru_utime) + usec(&ru.ru_stime));
	return 0;
}

int main(int argc, char **argv)
{
	setara_store *st = NULL;
	setara_register__slot slot;
	setara_register__doc d;
	unsigned long rows, i, step;
	char path[4096], subject[32], digest[65];
	char **ids = NULL;
	int existing, rc = 1;

	if (argc > 2 && strcmp(argv[1], "time") == 0)
		return time_one(argv + 2);
	if (argc != 7) {
		fprintf(stderr, "usage: bench_register DB ROWS ISSUER NAME "
			"COUNTRY DIR\n");
		return 2;
	}
	rows = strtoul(argv[2], NULL, 10);
	if (rows < 2 * FLAGGED) {
		fprintf(stderr, "bench_register: at least %d rows\n",
			2 * FLAGGED);
		return 2;
	}
	if (setara_init() < 0)
		return fail("init");
	if (setara_store_open(&st, argv[1], 0) < 0)
		return fail(argv[1]);
	/* The ids of the documents to revoke and suspend, evenly spread. */
	if ((ids = calloc(2 * FLAGGED, sizeof(*ids))) == NULL)
		goto done;
	step = rows / (2 * FLAGGED);
	memset(digest, 'a', 64);
	digest[64] = '\0';
	memset(&d, 0, sizeof(d));
	d.issuer = argv[3];
	d.issuer_name = argv[4];
	d.issuer_country = argv[5];
	d.path = path;
	d.subject = subject;
	d.issued = "2026-11-01T09:00:00Z";
	for (i = 0; i < rows; i++) {
		if (i % CHUNK == 0 && setara_store__begin(st) < 0) {
			rc = fail("begin");
			goto done;
		}
		d.type = i % 50 == 7 ? "certificate" : "transcript";
		snprintf(subject, sizeof(subject), "learner-%lu", i / 2);
		snprintf(path, sizeof(path), "%s/doc-%lu.xml", argv[6], i);
		if (setara_register__reserve(st, &d, &slot, &existing) < 0 ||
		    setara_register__complete(st, slot.id, digest) < 0) {
			rc = fail("issue");
			goto done;
		}
		if (i + 10 >= rows)
			printf("active %s\n", slot.id);
		if (i % step == step / 2 && i / step < 2 * FLAGGED &&
		    (ids[i / step] = strdup(slot.id)) == NULL)
			goto done;
		if ((i % CHUNK == CHUNK - 1 || i == rows - 1) &&
		    setara_store__commit(st) < 0) {
			rc = fail("commit");
			goto done;
		}
	}
	if (setara_store__begin(st) < 0) {
		rc = fail("begin");
		goto done;
	}
	for (i = 0; i < 2 * FLAGGED; i++) {
		if (ids[i] == NULL)
			continue;
		if ((i % 2 ? setara_register_suspend(st, ids[i], "bench") :
		    setara_register_revoke(st, ids[i], "bench")) < 0) {
			rc = fail("revoke");
			goto done;
		}
	}
	if (setara_store__commit(st) < 0) {
		rc = fail("commit");
		goto done;
	}
	printf("revoked %s\n", ids[2 * FLAGGED - 2]);
	rc = 0;
done:
	for (i = 0; ids && i < 2 * FLAGGED; i++)
		free(ids[i]);
	free(ids);
	setara_store_free(st);
	return rc;
}
