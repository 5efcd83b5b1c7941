/*
 * Option parsing driven by each command's option table, which also prints
 * its --help.  Long options take "--name value" or "--name=value"; short
 * ones "-x value" or "-xvalue"; "--" ends the options.  The global options
 * (--db, --data, --json, -q) are accepted anywhere.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_opt global_opts[] = {
	{ "db", 0, "FILE", "store file (default $SETARA_DB, else ./setara.db)" },
	{ "data", 0, "DIR", "data root holding frameworks/, mappings/, certs/, "
	  "contexts/" },
	{ "json", 0, NULL, "machine-readable output (see docs/json.md)" },
	{ "quiet", 'q', NULL, "no progress or notes on stderr" },
	{ "help", 'h', NULL, "show this help" },
	{ NULL, 0, NULL, NULL }
};

int cli_parser_init(cli_parser *p, cli *c, const cli_cmd *cmd, int argc,
	char **argv)
{
	memset(p, 0, sizeof(*p));
	p->c = c;
	p->cmd = cmd;
	p->argc = argc;
	p->argv = argv;
	p->i = 1;
	p->pos = calloc((size_t)argc + 1, sizeof(char *));
	return p->pos ? 0 : -1;
}

void cli_parser_dispose(cli_parser *p)
{
	free(p->pos);
	p->pos = NULL;
}

static int global(cli_parser *p, int idx)
{
	cli *c = p->c;

	switch (idx) {
	case 0: c->db_path = p->arg; break;
	case 1: c->data_dir = p->arg; break;
	case 2: c->json = 1; break;
	case 3: c->quiet = 1; break;
	case 4: return CLI_HELP;
	}
	return 0;
}

/* Find an option by long name (len chars) or short letter in @opts. */
static int find(const cli_opt *opts, const char *name, size_t len, char s)
{
	int i;

	for (i = 0; opts && opts[i].name; i++) {
		if (s && opts[i].shrt == s)
			return i;
		if (!s && strlen(opts[i].name) == len &&
		    strncmp(opts[i].name, name, len) == 0)
			return i;
	}
	return -1;
}

int cli_next(cli_parser *p)
{
	const cli_opt *opt;
	const char *a, *eq, *name;
	size_t len;
	int idx, is_global, r;
	char s;

	for (;;) {
		if (p->i >= p->argc)
			return CLI_END;
		a = p->argv[p->i++];
		if (p->no_more_opts || a[0] != '-' || a[1] == '\0') {
			p->pos[p->npos++] = (char *)a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			p->no_more_opts = 1;
			continue;
		}
		p->arg = NULL;
		if (a[1] == '-') {
			name = a + 2;
			eq = strchr(name, '=');
			len = eq ? (size_t)(eq - name) : strlen(name);
			s = 0;
		} else {
			name = a + 1;
			eq = NULL;
			len = 1;
			s = a[1];
		}
		is_global = 0;
		idx = find(p->cmd ? p->cmd->opts : NULL, name, len, s);
		if (idx < 0) {
			idx = find(global_opts, name, len, s);
			is_global = 1;
		}
		if (idx < 0)
			return cli_usage_error(p->cmd, "unknown option '%s'",
				a) ? CLI_BAD : CLI_BAD;
		opt = is_global ? &global_opts[idx] : &p->cmd->opts[idx];
		if (opt->arg) {
			if (eq)
				p->arg = eq + 1;
			else if (s && a[2])
				p->arg = a + 2;
			else if (p->i < p->argc)
				p->arg = p->argv[p->i++];
			else {
				cli_usage_error(p->cmd,
					"option '%s' needs an argument (%s)",
					a, opt->arg);
				return CLI_BAD;
			}
		} else if (eq || (s && a[2])) {
			cli_usage_error(p->cmd,
				"option '%s' takes no argument", a);
			return CLI_BAD;
		}
		if (!is_global)
			return idx;
		if ((r = global(p, idx)) != 0)
			return r;
	}
}

static void print_opts(FILE *out, const cli_opt *opts)
{
	char left[64];
	int i;

	for (i = 0; opts && opts[i].name; i++) {
		if (opts[i].shrt)
			snprintf(left, sizeof(left), "-%c, --%s%s%s",
				opts[i].shrt, opts[i].name,
				opts[i].arg ? " " : "",
				opts[i].arg ? opts[i].arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s",
				opts[i].name, opts[i].arg ? " " : "",
				opts[i].arg ? opts[i].arg : "");
		fprintf(out, "  %-24s %s\n", left, opts[i].help);
	}
}

void cli_help(FILE *out, const cli_cmd *cmd)
{
	fprintf(out, "usage: setara %s\n\n%s\n", cmd->usage, cmd->summary);
	if (cmd->details)
		fprintf(out, "\n%s", cmd->details);
	if (cmd->opts && cmd->opts[0].name) {
		fprintf(out, "\nOptions:\n");
		print_opts(out, cmd->opts);
	}
	fprintf(out, "\nGlobal options:\n");
	print_opts(out, global_opts);
	fprintf(out, "\nExit status: 0 success, 1 negative answer, 2 usage, "
		"3 bad input data,\n4 I/O or store failure, 5 internal error."
		"  See setara(1).\n");
}

/*
 * The length of the command's words at the start of @usage ("mrs check"
 * of "mrs check CREDENTIAL.xml ..."): lower-case words, up to the first
 * argument or option.
 */
static int command_words(const char *usage)
{
	const char *p = usage, *end = usage;

	while ((*p >= 'a' && *p <= 'z') || *p == '-') {
		while ((*p >= 'a' && *p <= 'z') || *p == '-')
			p++;
		end = p;
		if (*p != ' ')
			break;
		p++;
		if (*p == '-')
			break;
	}
	return (int)(end - usage);
}

/* "setara: MESSAGE" on stderr, and the message kept for --json. */
static void report_usage(const char *fmt, va_list ap)
{
	va_list again;

	va_copy(again, ap);
	fputs("setara: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	cli_usage_report(fmt, again);
	va_end(again);
}

int cli_usage_error(const cli_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_usage(fmt, ap);
	va_end(ap);
	if (cmd)
		fprintf(stderr, "usage: setara %s\n"
			"Try 'setara help %.*s' for more.\n", cmd->usage,
			command_words(cmd->usage), cmd->usage);
	else
		fprintf(stderr, "Try 'setara --help'.\n");
	return EXIT_USAGE;
}

/* "setara: MESSAGE" on stderr, kept for --json; no usage line. */
static void sub_error(const char *fmt, ...) SETARA_PRINTF(1, 2);
static void sub_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_usage(fmt, ap);
	va_end(ap);
}

int cli_dispatch_sub(cli *c, const cli_group *g, int argc, char **argv)
{
	const cli_cmd *parent = g->cmd;
	const cli_sub *s;
	const char *name = argc > 1 ? argv[1] : NULL;

	if (name && (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 ||
	    strcmp(name, "help") == 0)) {
		cli_help(stdout, parent);
		fprintf(stdout, "\nCommands:\n");
		for (s = g->subs; s->cmd; s++) {
			/* A usage too long for the column gets its own
			 * line; the summary goes under it. */
			if (strlen(s->usage) > 34)
				fprintf(stdout, "  setara %s\n  %-41s %s\n",
					s->usage, "", s->summary);
			else
				fprintf(stdout, "  setara %-34s %s\n",
					s->usage, s->summary);
		}
		/* Every option of every sub-command, so that one page
		 * answers 'what can grade do'. */
		for (s = g->subs; s->cmd; s++) {
			if (s->cmd->opts == NULL || s->cmd->opts[0].name == NULL)
				continue;
			fprintf(stdout, "\nOptions of setara %s %s:\n",
				parent->name, s->cmd->name);
			print_opts(stdout, s->cmd->opts);
		}
		return EXIT_OK;
	}
	for (s = g->subs; name && s->cmd; s++)
		if (strcmp(s->cmd->name, name) == 0)
			return s->cmd->fn(c, argc - 1, argv + 1);
	if (name)
		sub_error("unknown sub-command '%s' of 'setara %s'", name,
			parent->name);
	else
		sub_error("missing sub-command after 'setara %s'",
			parent->name);
	fprintf(stderr, "usage:\n");
	for (s = g->subs; s->cmd; s++)
		fprintf(stderr, "  setara %s\n", s->usage);
	return EXIT_USAGE;
}

int cli_args_done(const cli_parser *p, int r, int maxpos, int *rc)
{
	if (r == CLI_HELP) {
		cli_help(stdout, p->cmd);
		*rc = EXIT_OK;
		return 1;
	}
	if (r == CLI_BAD) {
		*rc = EXIT_USAGE;
		return 1;
	}
	if (maxpos >= 0 && p->npos > maxpos) {
		*rc = cli_usage_error(p->cmd, "unexpected argument '%s'",
			p->pos[maxpos]);
		return 1;
	}
	return 0;
}
