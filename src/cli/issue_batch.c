/*
 * setara issue TYPE --batch INPUT -o DIR [-j N] [--format vc]: the
 * command-line side of batch issuing -- a progress bar on a terminal, one
 * message per bad record, a summary, exit 3 when any record failed.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "util/util.h"

struct progress {
	cli *c;
	int tty;
	struct timespec start;
	int drawn;
};

static double elapsed(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
		(double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void on_progress(unsigned long done, unsigned long total,
	void *payload)
{
	struct progress *pr = payload;
	double s = elapsed(&pr->start), rate = s > 0 ? done / s : 0;
	int width = 30, fill = total ? (int)((double)done * width / total) :
		width, i;

	if (!pr->tty)
		return;
	fputs("\r[", stderr);
	for (i = 0; i < width; i++)
		fputc(i < fill ? '#' : ' ', stderr);
	fprintf(stderr, "] %lu/%lu  %.0f/s ", done, total, rate);
	pr->drawn = 1;
}

static void on_failed(unsigned long number, const setara_error *e,
	void *payload)
{
	struct progress *pr = payload;
	char suffix[48];

	if (pr->drawn) {
		fputc('\n', stderr);
		pr->drawn = 0;
	}
	snprintf(suffix, sizeof(suffix), " (record %lu)", number);
	cli_print_error(e, suffix);
}

int cli_issue_batch(cli *c, setara_doc_type type, const char *input,
	const setara_signer *signer, const setara_vc_key *vkey,
	const char *out_dir, const char *jobs)
{
	setara_batch_options bo = SETARA_BATCH_OPTIONS_INIT;
	setara_batch_stats stats;
	setara_store *st;
	setara_buf b = SETARA_BUF_INIT;
	setara__json j;
	struct progress pr;
	char *end;
	long n;
	double secs;
	int rc = EXIT_OK;

	memset(&pr, 0, sizeof(pr));
	memset(&stats, 0, sizeof(stats));
	pr.c = c;
	pr.tty = !c->quiet && !c->json && isatty(2);
	if (jobs) {
		n = strtol(jobs, &end, 10);
		if (*jobs == '\0' || *end || n < 1 || n > 64)
			return cli_usage_error(NULL, "-j takes 1 to 64");
		bo.jobs = (int)n;
	}
	bo.progress = on_progress;
	bo.record_failed = on_failed;
	bo.payload = &pr;
	clock_gettime(CLOCK_MONOTONIC, &pr.start);
	if (cli_store(c, &st) < 0 ||
	    (vkey ? setara_vc_issue_batch(&stats, st, type, input, signer,
	    vkey, out_dir, &bo) : setara_issue_batch(&stats, st, type, input,
	    signer, out_dir, &bo)) < 0) {
		if (pr.drawn)
			fputc('\n', stderr);
		rc = cli_fail(c);
		goto done;
	}
	if (pr.drawn)
		fputc('\n', stderr);
	secs = elapsed(&pr.start);
	if (c->json) {
		cli_json_begin(&j, &b, NULL);
		setara__json_str(&j, "type", setara_cred_type_name(type));
		if (vkey)
			setara__json_str(&j, "format", "vc");
		setara__json_str(&j, "input", input);
		setara__json_str(&j, "output", out_dir);
		setara__json_int(&j, "total", (long long)stats.total);
		setara__json_int(&j, "issued", (long long)stats.issued);
		setara__json_int(&j, "skipped", (long long)stats.skipped);
		setara__json_int(&j, "failed", (long long)stats.failed);
		if (cli_json_end(&j, &b, 0) < 0)
			rc = cli_fail(c);
	} else {
		printf("%s%s batch %s -> %s: %lu record%s, %lu issued, "
			"%lu already issued, %lu failed (%.1f s)\n",
			setara_cred_type_name(type), vkey ? " (vc)" : "",
			input, out_dir,
			stats.total, stats.total == 1 ? "" : "s",
			stats.issued, stats.skipped, stats.failed, secs);
	}
	if (rc == EXIT_OK && stats.failed)
		rc = EXIT_DATA;
done:
	setara_buf_dispose(&b);
	return rc;
}
