/*
 * The steps every command takes alike: the option table of a command
 * without options, its options and arguments read in one go, the
 * --at time, the verifier, the JSON answer's frame, and a document written
 * to a file or to stdout.
 */
#include <string.h>

#include "cli.h"
#include "util/util.h"

const cli_opt cli_no_opts[] = {
	{ NULL, 0, NULL, NULL }
};

int cli_args(cli_parser *p, cli *c, const cli_cmd *cmd, int argc,
	char **argv, const char **val, int maxpos, int *rc)
{
	int r;

	if (cli_parser_init(p, c, cmd, argc, argv) < 0) {
		*rc = EXIT_INTERNAL;
		return 1;
	}
	while ((r = cli_next(p)) >= 0)
		val[r] = cmd->opts[r].arg ? p->arg : p->argv[p->i - 1];
	return cli_args_done(p, r, maxpos, rc);
}

int cli_args_later(const cli_parser *p, const char *a, const char *b)
{
	int i;

	for (i = p->argc - 1; i > 0; i--)
		if (p->argv[i] == a || p->argv[i] == b)
			return p->argv[i] == a;
	return 0;
}

int cli_format_args(const cli_cmd *cmd, const char *format,
	const char *proof_key, int *vc)
{
	*vc = format && strcmp(format, "vc") == 0;
	if (format && !*vc && strcmp(format, "xml") != 0)
		return cli_usage_error(cmd, "--format: xml or vc, not '%s'",
			format);
	if (proof_key && !*vc)
		return cli_usage_error(cmd, "--proof-key goes with --format "
			"vc");
	return EXIT_OK;
}

int cli_time_arg(const cli_cmd *cmd, const char *at, long long *out)
{
	time_t t;

	if (setara__time_parse(&t, at) < 0)
		return cli_usage_error(cmd, "--at: not an xs:dateTime or "
			"xs:date: '%s'", at);
	*out = (long long)t;
	return 0;
}

int cli_check_trust(cli_check *k, const char *dir)
{
	return dir ? setara_cred_trust_load(&k->trust, dir) : 0;
}

int cli_check_verifier(cli_check *k, setara_store *st)
{
	k->vo.trust = k->trust;
	k->vo.store = st;
	k->vo.crosscheck = cli_crosscheck();
	return setara_cred_verifier_new(&k->vf, &k->vo);
}

void cli_check_dispose(cli_check *k)
{
	setara_cred_verifier_free(k->vf);
	setara_cred_trust_free(k->trust);
	k->vf = NULL;
	k->trust = NULL;
}

int cli_word(const char *const words[], const char *s)
{
	int i;

	for (i = 0; words[i]; i++)
		if (strcmp(words[i], s) == 0)
			return i;
	return -1;
}

int cli_pick(const cli_cmd *cmd, const char *const words[], const char *arg,
	const char *what, int *k)
{
	if ((*k = cli_word(words, arg)) >= 0)
		return EXIT_OK;
	return cli_usage_error(cmd, "%s, not '%s'", what, arg);
}

void cli_json_begin(setara__json *j, setara_buf *b, const char *arr)
{
	setara__json_init(j, b, 1);
	setara__json_obj_open(j, NULL);
	setara__json_int(j, "version", 1);
	if (arr)
		setara__json_arr_open(j, arr);
}

int cli_json_end(setara__json *j, const setara_buf *b, int in_array)
{
	int error;

	if (in_array)
		setara__json_arr_close(j);
	setara__json_obj_close(j);
	if ((error = setara__json_error(j)) < 0)
		return error;
	return cli_json_print(b);
}

int cli_write_output(const char *out, const setara_buf *b)
{
	if (out)
		return setara__write_file_atomic(out, b->ptr, b->size, 0644);
	if (fwrite(b->ptr, 1, b->size, stdout) != b->size ||
	    fflush(stdout) != 0)
		return setara_error__os("stdout", "cannot write");
	return 0;
}

void cli_print_when(const char *date, const char *meeting,
	const char *submitted, const char *edition)
{
	if (date)
		printf(", date %s", date);
	if (meeting)
		printf(", %s", meeting);
	if (submitted)
		printf(", submitted %s", submitted);
	if (edition)
		printf(", edition %s", edition);
}
