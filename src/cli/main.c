/*
 * setara: the command-line tool.  The table below lists every command;
 * each one parses its own options from its option table (which also
 * prints its help).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util/util.h"

static const struct {
	const char *name;
	int (*fn)(cli *c, int argc, char **argv);
	const cli_group *group; /* instead of fn: its sub-commands */
	const char *summary;
} commands[] = {
	{ "init", cmd_init, NULL,
	  "create or upgrade the store and load the reference data" },
	{ "frameworks", cmd_frameworks, NULL,
	  "list qualification frameworks, or show one" },
	{ "level", NULL, &cli_level_group,
	  "map a level to AQRF or another framework; compare two levels" },
	{ "credit", NULL, &cli_credit_group,
	  "convert credits between credit systems" },
	{ "grade", NULL, &cli_grade_group,
	  "convert a grade between grade scales" },
	{ "institutions", cmd_institutions, NULL,
	  "list institutions, their programmes and agreements" },
	{ "transfer", NULL, &cli_transfer_group,
	  "evaluate a foreign record against a host's transfer rules" },
	{ "issue", cmd_issue, NULL,
	  "build, validate, sign and register documents" },
	{ "verify", cmd_verify, NULL, "run every check on signed documents" },
	{ "revoke", cmd_revoke, NULL, "revoke or suspend an issued document" },
	{ "status", NULL, &cli_status_group, "publish the signed status list" },
	{ "register", NULL, &cli_register_group,
	  "list issued documents, show one, read the audit log" },
	{ "mrs", NULL, &cli_mrs_group,
	  "decide a mutual-recognition-of-skills claim" },
	{ "render", cmd_render, NULL, "render a document as HTML for people" },
	{ "serve", cmd_serve, NULL,
	  "serve verification, status lists and a page over HTTP" },
	{ "export", NULL, &cli_export_group,
	  "export a transcript (EMREX ELMO)" },
	{ "vc", NULL, &cli_vc_group,
	  "check that files are well-formed W3C Verifiable Credentials 2.0" },
	{ "data", NULL, &cli_data_group,
	  "report the reference facts to confirm next" },
	{ NULL, NULL, NULL, NULL }
};

static void usage(FILE *out)
{
	int i;

	fprintf(out,
		"usage: setara [--db FILE] [--data DIR] [--json] COMMAND "
		"[ARGS]\n\n"
		"setara recognises learning across the ASEAN Member States: "
		"credit transfer,\nsigned transcripts and certificates, and "
		"mutual recognition of skills.\n\nCommands:\n");
	for (i = 0; commands[i].name; i++)
		fprintf(out, "  %-12s %s\n", commands[i].name,
			commands[i].summary);
	fprintf(out,
		"  %-12s %s\n\n"
		"Global options:\n"
		"  --db FILE     store file (default $SETARA_DB, else "
		"./setara.db)\n"
		"  --data DIR    data root with frameworks/, mappings/, "
		"certs/\n"
		"  --json        machine-readable output (docs/json.md)\n"
		"  -q, --quiet   no progress or notes on stderr\n"
		"  --help        this help; 'setara help COMMAND' for one "
		"command\n"
		"  --version     print the version\n\n"
		"Exit status: 0 success, 1 negative answer, 2 usage, 3 bad "
		"input data,\n4 I/O or store failure, 5 internal error.  See "
		"setara(1).\n", "help", "help on one command");
}

static int find(const char *name)
{
	int i;

	for (i = 0; commands[i].name; i++)
		if (strcmp(commands[i].name, name) == 0)
			return i;
	return -1;
}

/* The command @k, argv[0] being its name. */
static int call(int k, cli *c, int argc, char **argv)
{
	if (commands[k].group)
		return cli_dispatch_sub(c, commands[k].group, argc, argv);
	return commands[k].fn(c, argc, argv);
}

static int run(cli *c, int argc, char **argv)
{
	char **args;
	int i, k, rc;

	/* Global options before the command. */
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return EXIT_OK;
		} else if (strcmp(a, "--version") == 0) {
			printf("setara %s\n", setara_version());
			return EXIT_OK;
		} else if (strcmp(a, "--json") == 0) {
			c->json = 1;
		} else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			c->quiet = 1;
		} else if (strcmp(a, "--db") == 0 && i + 1 < argc) {
			c->db_path = argv[++i];
		} else if (strncmp(a, "--db=", 5) == 0) {
			c->db_path = a + 5;
		} else if (strcmp(a, "--data") == 0 && i + 1 < argc) {
			c->data_dir = argv[++i];
		} else if (strncmp(a, "--data=", 7) == 0) {
			c->data_dir = a + 7;
		} else {
			return cli_usage_error(NULL, "unknown option '%s'", a);
		}
	}
	if (i >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[i], "help") == 0) {
		if (i + 1 >= argc) {
			usage(stdout);
			return EXIT_OK;
		}
		if (strcmp(argv[i + 1], "help") == 0) {
			printf("usage: setara help [COMMAND [SUB-COMMAND]]\n\n"
				"Print the help of setara, of one command, or "
				"of one sub-command\n(setara help level map); "
				"the same as COMMAND [SUB-COMMAND] --help.\n");
			return EXIT_OK;
		}
		if ((k = find(argv[i + 1])) < 0)
			return cli_usage_error(NULL, "unknown command '%s'",
				argv[i + 1]);
		/* "help X Y" runs "X Y --help". */
		args = calloc((size_t)argc + 1, sizeof(*args));
		if (args == NULL)
			return EXIT_INTERNAL;
		for (rc = 0; i + 1 + rc < argc; rc++)
			args[rc] = argv[i + 1 + rc];
		args[rc++] = "--help";
		args[rc] = NULL;
		k = call(k, c, rc, args);
		free(args);
		return k;
	}
	if ((k = find(argv[i])) < 0)
		return cli_usage_error(NULL, "unknown command '%s'", argv[i]);
	return call(k, c, argc - i, argv + i);
}

/*
 * SETARA_NOW fixes the time the library takes for now (reproducible
 * documents and tests, docs/setara.1); the library never reads the
 * environment itself.  A value that is not a date is ignored.
 */
static void clock_from_env(void)
{
	const char *fixed = getenv("SETARA_NOW");
	time_t t;

	if (fixed && *fixed && setara__time_parse(&t, fixed) == 0)
		setara_clock_set((long long)t);
}

int main(int argc, char **argv)
{
	cli c;
	int rc;

	memset(&c, 0, sizeof(c));
	c.argv0 = argv[0];
	if (setara_init() < 0)
		return cli_fail(&c);
	clock_from_env();
	rc = run(&c, argc, argv);
	/* A write that failed earlier leaves the stream's error set. */
	if ((fflush(stdout) != 0 || ferror(stdout)) && rc == EXIT_OK) {
		cli_warn("cannot write the output");
		rc = EXIT_IO;
	}
	cli_json_error(&c, rc);
	setara_store_free(c.store);
	setara__free(c.owned_data_dir);
	setara_shutdown();
	return rc;
}
