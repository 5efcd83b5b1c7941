/*
 * Output shared by the credit commands (credit, grade, transfer): the
 * confidence names, the facts a result rests on in JSON, and the sources
 * cited under a text answer.
 */
#include <string.h>

#include "cli.h"
#include "util/util.h"

const char *cli_conf_name(setara_confidence c)
{
	return c == SETARA_CONFIDENCE_HIGH || c == SETARA_CONFIDENCE_MEDIUM ||
		c == SETARA_CONFIDENCE_LOW ? setara_confidence_name(c) : NULL;
}

void cli_json_credit_facts(setara__json *j, const setara_credit_fact *f,
	size_t n)
{
	size_t i;

	setara__json_arr_open(j, "facts");
	for (i = 0; i < n; i++) {
		setara__json_obj_open(j, NULL);
		setara__json_str(j, "subject", f[i].subject);
		setara__json_str(j, "what", f[i].what);
		setara__json_str(j, "value", f[i].value);
		setara__json_str(j, "source", f[i].source);
		setara__json_str(j, "sources", f[i].sources);
		setara__json_str(j, "confidence", cli_conf_name(f[i].confidence));
		setara__json_str(j, "status", f[i].status);
		setara__json_str(j, "file", f[i].file);
		setara__json_int(j, "line", f[i].line);
		setara__json_obj_close(j);
	}
	setara__json_arr_close(j);
}

/*
 * The sources cited, once each: a fact's sources text is
 * "K1: text; K2: text" in the order of its keys.
 */
void cli_print_credit_sources(const setara_credit_fact *f, size_t n)
{
	setara_buf seen = SETARA_BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		const char *k, *ke;

		if (!f[i].sources || !f[i].source)
			continue;
		for (k = f[i].source; *k; k = *ke ? ke + 1 : ke) {
			char tag[320], pat[40], next[40];
			const char *t, *te, *ne, *x;

			for (ke = k; *ke && *ke != ' '; ke++)
				;
			snprintf(pat, sizeof(pat), "%.*s: ", (int)(ke - k), k);
			if ((t = strstr(f[i].sources, pat)) == NULL)
				continue;
			te = t + strlen(t);
			if (*ke) {
				for (ne = ke + 1; *ne && *ne != ' '; ne++)
					;
				snprintf(next, sizeof(next), "; %.*s: ",
					(int)(ne - ke - 1), ke + 1);
				if ((x = strstr(t, next)) != NULL)
					te = x;
			}
			snprintf(tag, sizeof(tag), "\n%.*s\n", (int)(te - t),
				t);
			if (seen.ptr && strstr(seen.ptr, tag))
				continue;
			setara_buf_puts(&seen, tag);
			printf("  source %.*s\n", (int)(te - t), t);
		}
	}
	setara_buf_dispose(&seen);
}

/* The steps of a credit or grade result as a JSON "steps" array. */
static void json_steps(setara__json *j, const char *const *steps, size_t n)
{
	size_t i;

	setara__json_arr_open(j, "steps");
	for (i = 0; i < n; i++)
		setara__json_str(j, NULL, steps[i]);
	setara__json_arr_close(j);
}

/* Under a text answer: its confidence ("unknown" without one, and
 * whether sample data was used) and its sources. */
static void print_credit_basis(setara_confidence conf, int sample,
	const setara_credit_fact *f, size_t n)
{
	printf("confidence: %s%s\n", cli_conf_name(conf) ?
		cli_conf_name(conf) : "unknown", sample ?
		" (uses sample data)" : "");
	cli_print_credit_sources(f, n);
}

int cli_convert_args(const cli_cmd *cmd, const char *from, const char *to,
	int npos, const char *what)
{
	if (from && to && npos == 1)
		return 0;
	if (!from)
		return cli_usage_error(cmd, "--from is required");
	if (!to)
		return cli_usage_error(cmd, "--to is required");
	return cli_usage_error(cmd, npos ? "one %s only" : "%s is required",
		what);
}

int cli_print_credit_answer(cli *c, const cli_credit_answer *a,
	void (*fields)(setara__json *j, const void *r),
	void (*text)(const void *r), const void *r)
{
	setara_buf b = SETARA_BUF_INIT;
	setara__json j;
	int error;

	if (!c->json) {
		text(r);
		print_credit_basis(a->confidence, a->sample, a->facts,
			a->nfacts);
		return EXIT_OK;
	}
	cli_json_begin(&j, &b, NULL);
	setara__json_str(&j, "from", a->from);
	setara__json_str(&j, "to", a->to);
	fields(&j, r);
	setara__json_str(&j, "confidence", cli_conf_name(a->confidence));
	setara__json_bool(&j, "sample", a->sample);
	json_steps(&j, a->steps, a->nsteps);
	cli_json_credit_facts(&j, a->facts, a->nfacts);
	error = cli_json_end(&j, &b, 0);
	setara_buf_dispose(&b);
	return error < 0 ? cli_fail(c) : EXIT_OK;
}
