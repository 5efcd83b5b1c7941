/*
 * The setara command: shared state, option parsing, messages and exit
 * codes.  Each command lives in cmd_<name>.c as
 *   int cmd_<name>(cli *c, int argc, char **argv)
 * which returns the process exit status (DESIGN §3), or, when it is made
 * of sub-commands ("level map", "level compare"), as the cli_group
 * cli_<name>_group whose sub-commands are such functions.
 */
#ifndef SETARA_CLI_H
#define SETARA_CLI_H

#include <stdarg.h>
#include <stdio.h>

#include "setara.h"

/* Exit status, never renumbered. */
enum {
	EXIT_OK = 0,       /* success, valid, recognised */
	EXIT_NEGATIVE = 1, /* a negative answer: invalid, refused, ... */
	EXIT_USAGE = 2,
	EXIT_DATA = 3,     /* bad input data: malformed, invalid, unknown id */
	EXIT_IO = 4,       /* I/O or store failure */
	EXIT_INTERNAL = 5
};

typedef struct cli {
	const char *argv0;
	const char *db_path;  /* --db, $SETARA_DB, ./setara.db */
	const char *data_dir; /* --data, $SETARA_DATA, checkout, installed */
	int json;             /* --json */
	int quiet;            /* -q */
	setara_store *store;  /* opened on demand by cli_store() */
	char *owned_data_dir;
} cli;

/* One option of a command.  @arg is the argument's name, NULL for a flag. */
typedef struct cli_opt {
	const char *name; /* long name without "--" */
	char shrt;        /* short letter, or 0 */
	const char *arg;
	const char *help;
} cli_opt;

typedef struct cli_cmd {
	const char *name;
	int (*fn)(cli *c, int argc, char **argv);
	const char *summary;  /* one line for `setara --help` */
	const char *usage;    /* "level map REF [--to FW]" ... */
	const cli_opt *opts;  /* NULL-terminated, may be NULL */
	const char *details;  /* extra paragraphs for `help CMD`, or NULL */
} cli_cmd;

/*
 * A command made of sub-commands: its own help (@cmd, whose fn is NULL)
 * and its sub-commands, each with the shorter summary and usage that the
 * command's help lists it with; @subs ends with a NULL cmd.
 */
typedef struct cli_sub {
	const cli_cmd *cmd;   /* name (the word after the command), fn, opts */
	const char *summary;
	const char *usage;
} cli_sub;

typedef struct cli_group {
	const cli_cmd *cmd;
	const cli_sub *subs;
} cli_group;

/* Iteration over a command's arguments; global options are handled here. */
typedef struct cli_parser {
	cli *c;
	const cli_cmd *cmd;
	int argc;
	char **argv;
	int i;
	int no_more_opts;
	char **pos;     /* positional arguments, in order */
	int npos;
	const char *arg; /* argument of the option just returned */
} cli_parser;

#define CLI_END (-1)
#define CLI_HELP (-2)
#define CLI_BAD (-3)

int cli_parser_init(cli_parser *p, cli *c, const cli_cmd *cmd, int argc,
	char **argv);
void cli_parser_dispose(cli_parser *p);
/*
 * The next option of the command: its index in cmd->opts, CLI_END when
 * all arguments are read (positionals in p->pos), CLI_HELP for --help,
 * CLI_BAD after printing a usage message.
 */
int cli_next(cli_parser *p);

/*
 * The tail of a command's option loop, @r being what the last cli_next()
 * gave: --help prints the help (*rc = EXIT_OK), a bad option was already
 * reported (*rc = EXIT_USAGE), and with @maxpos >= 0 more than @maxpos
 * arguments are refused, naming the first one too many.  Returns 1 when
 * the command is done (*rc set), 0 when it goes on.
 */
int cli_args_done(const cli_parser *p, int r, int maxpos, int *rc);

/* Print the command's help to @out. */
void cli_help(FILE *out, const cli_cmd *cmd);
/* Print "setara: MESSAGE" and the usage line to stderr; return EXIT_USAGE. */
int cli_usage_error(const cli_cmd *cmd, const char *fmt, ...)
	SETARA_PRINTF(2, 3);
/*
 * Report the last error as "setara: FILE:LINE: FIELD: message" on stderr
 * and return the exit status it maps to.
 */
int cli_fail(cli *c);
/* Print one error as cli_fail does, with @suffix (may be NULL) appended. */
void cli_print_error(const setara_error *e, const char *suffix);

/* Credit output (credit_out.c): "high", "medium", "low" or NULL; the facts
 * of a credit or grade result as a JSON "facts" array; their sources,
 * once each, under a text answer. */
struct setara__json;
const char *cli_conf_name(setara_confidence c);
void cli_json_credit_facts(struct setara__json *j,
	const setara_credit_fact *f, size_t n);
void cli_print_credit_sources(const setara_credit_fact *f, size_t n);
/* What a credit or a grade answer has in common; CLI_CREDIT_ANSWER(r)
 * fills it from a setara_credit_result or setara_grade_result. */
typedef struct cli_credit_answer {
	const char *from, *to;
	setara_confidence confidence;
	int sample;
	const char *const *steps;
	size_t nsteps;
	const setara_credit_fact *facts;
	size_t nfacts;
} cli_credit_answer;
#define CLI_CREDIT_ANSWER(r) { (r)->from, (r)->to, (r)->confidence, \
	(r)->sample, (r)->steps, (r)->nsteps, (r)->facts, (r)->nfacts }
/*
 * Print the answer @a of the result @r.  With --json: version, from, to,
 * the fields @fields writes of @r, confidence, sample, steps and facts.
 * As text: what @text prints of @r, then the answer's confidence
 * ("unknown" without one, and whether sample data was used) and its
 * sources.  The exit status.
 */
int cli_print_credit_answer(cli *c, const cli_credit_answer *a,
	void (*fields)(struct setara__json *j, const void *r),
	void (*text)(const void *r), const void *r);
/* The arguments of "credit convert" and "grade convert": --from, --to
 * and one @what; 0, or the usage error's exit status. */
int cli_convert_args(const cli_cmd *cmd, const char *from, const char *to,
	int npos, const char *what);
/* Exit status for a negative error code. */
int cli_exit_for(int code);
/* Print "setara: message" to stderr (a warning or note). */
void cli_warn(const char *fmt, ...) SETARA_PRINTF(1, 2);

/*
 * The store, opened (and loaded from the data directory on first use) on
 * demand.  Borrowed: freed by main.
 */
int cli_store(cli *c, setara_store **out);
/* Whether every signature is also checked by libxmlsec1: the environment
 * variable SETARA_VERIFY_CROSSCHECK (set by the test runners), read here
 * and passed down, since the library reads no environment. */
int cli_crosscheck(void);
/* The reference-data cache of a PostgreSQL register: $SETARA_CACHE, or
 * NULL (the library's default, ./setara-cache.db). */
const char *cli_cache(void);
/* The store's file, kept in c->db_path: --db, $SETARA_DB, ./setara.db. */
const char *cli_db_path(cli *c);
/* The store, opened read-only, as it is: neither made nor loaded. */
int cli_store_read(cli *c, setara_store **out);
/* Close and remove the store @db this run made (and its side files). */
void cli_discard_store(cli *c, const char *db);
/* The data directory, resolved; NULL after an error has been set. */
const char *cli_data_dir(cli *c);

/* Write a finished JSON document (from setara__json) to stdout. */
int cli_json_print(const setara_buf *b);
/*
 * With --json, a run that ends with @rc 2 or more and printed no JSON
 * answer prints the error reported last on stderr as
 * {"version":1,"error":{...}} (docs/json.md).  Called once, by main.
 */
void cli_json_error(cli *c, int rc);
/* Keep a usage message (printf-style) for cli_json_error. */
void cli_usage_report(const char *fmt, va_list ap);

/* Commands. */
int cmd_init(cli *c, int argc, char **argv);
int cmd_frameworks(cli *c, int argc, char **argv);
int cmd_issue(cli *c, int argc, char **argv);
int cmd_verify(cli *c, int argc, char **argv);
int cmd_revoke(cli *c, int argc, char **argv);
int cmd_render(cli *c, int argc, char **argv);
/* Commands of sub-commands. */
extern const cli_group cli_level_group, cli_credit_group, cli_grade_group,
	cli_transfer_group, cli_status_group, cli_register_group,
	cli_mrs_group, cli_export_group, cli_vc_group, cli_data_group;
/* Discovery (cmd_discover.c): institutions; and the sub-commands credit
 * systems, grade scales, mrs occupations. */
int cmd_institutions(cli *c, int argc, char **argv);
int cli_credit_systems(cli *c, int argc, char **argv);
int cli_grade_scales(cli *c, int argc, char **argv);
int cli_mrs_occupations(cli *c, int argc, char **argv);
extern const cli_cmd cli_credit_systems_cmd, cli_grade_scales_cmd,
	cli_mrs_occupations_cmd;

/*
 * The JSON answers of `setara --json frameworks`, `credit systems`,
 * `level map REF [--to FW]` and `transfer evaluate` (the record in memory,
 * named "request"), into @out with the store @st: the command prints
 * them, `setara serve` registers them as its data routes (cmd_serve.c).
 * 0 or a negative code with the last error set.
 */
int cli_frameworks_json(setara_buf *out, setara_store *st);
int cli_credit_systems_json(setara_buf *out, setara_store *st);
int cli_level_map_json(setara_buf *out, setara_store *st, const char *ref,
	const char *to);
int cli_transfer_json(setara_buf *out, setara_store *st, const char *data,
	size_t len, const char *host, const char *programme);
int cmd_serve(cli *c, int argc, char **argv);

/* setara issue TYPE --batch (issue_batch.c); with @vkey, as credentials
 * whose proofs it makes (--format vc). */
int cli_issue_batch(cli *c, setara_doc_type type, const char *input,
	const setara_signer *signer, const setara_vc_key *vkey,
	const char *out_dir, const char *jobs);

/* transfer evaluate --summary (transfer_summary.c). */
void cli_transfer_summary(const setara_transfer_decision *d,
	const char *record);
/* The totals line (and the counts after @sep) of a decision. */
void cli_transfer_totals(const setara_transfer_totals *t, const char *sep);
/*
 * The note after an unsigned document is written: the whole command that
 * signs @file as a @type document of @issuer (keys as certs/mkpki makes).
 */
void cli_issue_hint(const char *type, const char *file, const char *issuer);

/* Shared steps of the commands (common.c). */
/* The option table of a command that has no options of its own. */
extern const cli_opt cli_no_opts[];
/* Option rows that several commands share, help and all. */
#define CLI_OPT_TRUST { "trust", 't', "DIR", "trust anchors (*.pem) and " \
	"trust list (trust.xml)" }
#define CLI_OPT_CHAIN { "chain", 0, "PEM", "intermediate CA certificates " \
	"(PEM)" }
#define CLI_OPT_AT { "at", 0, "TIME", "verify as of this xs:dateTime " \
	"(default: now)" }
/*
 * Read the options and arguments of @cmd into @p in one go, and end as
 * cli_args_done() does: 1 when the command is done (*rc set), 0 when it
 * goes on.  @val has a slot per option of @cmd (none for cli_no_opts): an
 * option's argument, or for a flag the word that gave it; the last one
 * given counts.  @p is disposed by the caller either way.
 */
int cli_args(cli_parser *p, cli *c, const cli_cmd *cmd, int argc,
	char **argv, const char **val, int maxpos, int *rc);
/* Whether the flag @a (a word cli_args() kept) came after the flag @b;
 * 0 when neither was given. */
int cli_args_later(const cli_parser *p, const char *a, const char *b);
/* --format xml|vc and --proof-key KEY of a command that issues: *vc is 1
 * for "vc", 0 for "xml" or none; EXIT_OK, or the usage error's exit
 * status after printing it. */
int cli_format_args(const cli_cmd *cmd, const char *format,
	const char *proof_key, int *vc);
/* The time of "--at TIME" (xs:dateTime or xs:date) into *out: 0, or the
 * usage error's exit status after printing it. */
int cli_time_arg(const cli_cmd *cmd, const char *at, long long *out);
/*
 * What a command verifies with: the trust store of --trust DIR, the
 * options (--status, --at: the command fills vo.status and vo.at) and the
 * verifier made of them.  Start from CLI_CHECK_INIT; cli_check_dispose()
 * frees the verifier, then the trust store.
 */
typedef struct cli_check {
	setara_verify_options vo;
	setara_trust *trust;
	setara_verifier *vf;
} cli_check;
#define CLI_CHECK_INIT { SETARA_VERIFY_OPTIONS_INIT, NULL, NULL }
/* Load the trust store of @dir into k->trust (none when @dir is NULL):
 * 0 or a negative code with the error set. */
int cli_check_trust(cli_check *k, const char *dir);
/* Make k->vf from k->vo with k->trust and @st (may be NULL),
 * cross-checked when the run asks for it (cli_crosscheck()). */
int cli_check_verifier(cli_check *k, setara_store *st);
void cli_check_dispose(cli_check *k);
/* The index of @s in the NULL-terminated @words, or -1. */
int cli_word(const char *const words[], const char *s);
/* The index of @arg in @words into *k: EXIT_OK, or after the usage error
 * "@what, not '@arg'" its exit status. */
int cli_pick(const cli_cmd *cmd, const char *const words[], const char *arg,
	const char *what, int *k);
/* Open a JSON answer: {"version": 1, and the array @arr when not NULL. */
void cli_json_begin(struct setara__json *j, setara_buf *b, const char *arr);
/* Close the answer (and its array, with @in_array) and print it: 0, or a
 * negative code with the error set. */
int cli_json_end(struct setara__json *j, const setara_buf *b, int in_array);
/* Write @b to the file @out (atomically) or, when NULL, to stdout. */
int cli_write_output(const char *out, const setara_buf *b);
/* The facts of a referencing step as text: ", date D, MEETING, submitted
 * S, edition E", each when given. */
void cli_print_when(const char *date, const char *meeting,
	const char *submitted, const char *edition);

/* Run the sub-command argv[1] of @g, or print @g's help (with every
 * sub-command's options) for "--help", "-h" and "help". */
int cli_dispatch_sub(cli *c, const cli_group *g, int argc, char **argv);

#endif
