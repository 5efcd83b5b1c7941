/*
 * setara register: read the register of issued documents and the audit
 * log -- find a document to revoke, see what happened to it, and what the
 * store has done -- and move a register between stores (export, import;
 * docs/register.md).  Only import writes to the store.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util/util.h"

static int cmd_list(cli *c, int argc, char **argv);
static int cmd_show(cli *c, int argc, char **argv);
static int cmd_audit(cli *c, int argc, char **argv);
static int cmd_reg_export(cli *c, int argc, char **argv);
static int cmd_reg_import(cli *c, int argc, char **argv);

static const cli_opt list_opts[] = {
	{ "type", 't', "TYPE", "transcript, certificate, decision or "
	  "attestation" },
	{ "subject", 0, "ID", "documents about this learner or worker" },
	{ "issuer", 0, "ID", "documents of this issuer" },
	{ "status", 0, "STATUS", "active, revoked or suspended" },
	{ "limit", 'n', "N", "only the latest N" },
	{ NULL, 0, NULL, NULL }
};

static const cli_opt audit_opts[] = {
	{ "action", 0, "ACTION", "only load, issue, recover, revoke, "
	  "suspend, reinstate, publish or import" },
	{ "limit", 'n', "N", "only the latest N" },
	{ NULL, 0, NULL, NULL }
};

static const cli_cmd list_cmd = {
	"list", cmd_list,
	"List the issued documents, oldest first: id, type, status, time of\n"
	"issue, subject and output file, one per line.  Documents whose\n"
	"issuing was interrupted and not yet recovered are not shown.",
	"register list [--type TYPE] [--subject ID] [--issuer ID] "
	"[--status STATUS] [-n N]", list_opts, NULL
};

static const cli_cmd show_cmd = {
	"show", cmd_show,
	"Show one issued document as the register holds it: its output\n"
	"file and digest, its status-list entries, its status and the\n"
	"history of its status (revocation, suspension, reinstatement, with\n"
	"their reasons).",
	"register show ID", NULL, NULL
};

static const cli_cmd audit_cmd = {
	"audit", cmd_audit,
	"Print the store's append-only audit log, oldest first: each load\n"
	"of reference data, each document issued, recovered, revoked,\n"
	"suspended or reinstated, each status list published.",
	"register audit [--action ACTION] [-n N]", audit_opts, NULL
};

static const cli_cmd export_cmd = {
	"export", cmd_reg_export,
	"Write the register -- status lists with their next indexes, the\n"
	"issued documents, their history, the publications and the audit\n"
	"log -- into FILE, a new sqlite store readable by its owner only,\n"
	"as one snapshot; FILE appears only when complete and is never\n"
	"overwritten.  From PostgreSQL, this moves a register back to one\n"
	"machine ('setara --db FILE init' then loads the reference data);\n"
	"from either, it is a copy of the register alone.  Refused while a\n"
	"document is being issued.",
	"register export FILE", NULL, NULL
};

static const cli_cmd import_cmd = {
	"import", cmd_reg_import,
	"Copy the register of the sqlite store FILE (a store setara made, or\n"
	"one 'register export' wrote) into this store's register, which must\n"
	"be on PostgreSQL and empty, in one transaction: the documents keep\n"
	"their ids, lists and indexes.  The same as 'init --import-register'.",
	"register import FILE", NULL, NULL
};

static const cli_sub subs[] = {
	{ &list_cmd, "list the issued documents",
	  "register list [--type T] [--subject ID] [-n N]" },
	{ &show_cmd, "one document, its status and history",
	  "register show ID" },
	{ &audit_cmd, "the audit log", "register audit [--action A] [-n N]" },
	{ &export_cmd, "the register into a new sqlite file",
	  "register export FILE" },
	{ &import_cmd, "a sqlite register into this empty one",
	  "register import FILE" },
	{ NULL, NULL, NULL }
};

static const cli_cmd register_cmd = {
	"register", NULL,
	"Read the register of issued documents and the audit log; move a\n"
	"register between stores.",
	"register list|show|audit|export|import ...", NULL, NULL
};

const cli_group cli_register_group = { &register_cmd, subs };

static const char *const status_names[] = { "active", "revoked",
	"suspended" };

/*
 * Print @s with control characters shown as '?': what the register holds
 * came from records and command lines, and a terminal is no place for
 * their escape sequences -- C0, DEL, and C1 as UTF-8 (C2 80 to C2 9F).
 * NULL prints as "-".
 */
static void put_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "-");

	for (; *p; p++) {
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			putchar('?');
			p++;
		} else {
			putchar(*p < 0x20 || *p == 0x7f ? '?' : *p);
		}
	}
}

/* A positive count from @arg; 0 when it is not one. */
static unsigned long parse_limit(const char *arg)
{
	char *end;
	unsigned long n;

	if (*arg < '0' || *arg > '9')
		return 0;
	errno = 0;
	n = strtoul(arg, &end, 10);
	if (*end || errno == ERANGE || n > LONG_MAX)
		return 0;
	return n;
}

/*
 * After the options of @cmd (the last cli_next() gave @r): print the help,
 * or refuse a bad option or more than @maxpos arguments, and return 1 with
 * *rc set; else open the store into *st (1 with *rc set on failure), and
 * return 0.
 */
static int args_done(cli *c, cli_parser *p, const cli_cmd *cmd, int r,
	int maxpos, setara_store **st, int *rc)
{
	*rc = EXIT_OK;
	if (cli_args_done(p, r, maxpos, rc))
		return 1;
	if (p->npos < maxpos) {
		*rc = cli_usage_error(cmd, "which document? (its id, "
			"urn:uuid:...)");
		return 1;
	}
	if (cli_store_read(c, st) < 0) {
		*rc = cli_fail(c);
		return 1;
	}
	return 0;
}

/*
 * The walk failed after the JSON answer began: close it, with the error,
 * so that stdout still holds one JSON document, then report the error
 * (stderr, exit status) as any command does.
 */
static int json_fail(cli *c, setara__json *j, setara_buf *b, int in_array)
{
	const setara_error *e = setara_error_last();

	if (in_array)
		setara__json_arr_close(j);
	setara__json_str(j, "error", e->message);
	setara__json_obj_close(j);
	if (setara__json_error(j) == 0)
		cli_json_print(b);
	return cli_fail(c);
}

/* Close the object just written into the JSON answer and flush what the
 * writer has so far, so that memory stays flat. */
static int json_flush(setara__json *j, setara_buf *b)
{
	setara__json_obj_close(j);
	if (setara__json_error(j) < 0)
		return SETARA_ENOMEM;
	if (b->size && fwrite(b->ptr, 1, b->size, stdout) != b->size)
		return setara_error__os("stdout", "cannot write");
	setara_buf_clear(b);
	return 0;
}

static void json_entry(setara__json *j, const setara_register_entry *e)
{
	setara__json_str(j, "id", e->id);
	setara__json_str(j, "type", e->type);
	setara__json_str(j, "subject", e->subject);
	setara__json_str(j, "issuer", e->issuer);
	setara__json_str(j, "issuer_name", e->issuer_name);
	setara__json_str(j, "issuer_country", e->issuer_country);
	setara__json_str(j, "status", status_names[e->status]);
	setara__json_str(j, "issued_at", e->issued_at);
	setara__json_str(j, "file", e->path);
	setara__json_str(j, "digest", e->digest);
	setara__json_str(j, "revocation_list", e->revocation_list);
	setara__json_str(j, "suspension_list", e->suspension_list);
	setara__json_int(j, "status_index", (long long)e->status_index);
}

struct list_out {
	setara__json *j;
	setara_buf *b;
};

static int on_entry(const setara_register_entry *e, void *payload)
{
	struct list_out *o = payload;

	if (o->j) {
		setara__json_obj_open(o->j, NULL);
		json_entry(o->j, e);
		return json_flush(o->j, o->b);
	}
	put_text(e->id);
	printf("  %-11s  %-9s  %s  ", e->type, status_names[e->status],
		e->issued_at);
	put_text(e->subject);
	fputs("  ", stdout);
	put_text(e->path);
	putchar('\n');
	return 0;
}

static int cmd_list(cli *c, int argc, char **argv)
{
	setara_register_query q = SETARA_REGISTER_QUERY_INIT;
	setara_store *st;
	setara_buf b = SETARA_BUF_INIT;
	setara__json j;
	struct list_out o = { NULL, &b };
	unsigned long n = 0;
	cli_parser p;
	setara_doc_type t;
	int r, k, rc = EXIT_OK;

	if (cli_parser_init(&p, c, &list_cmd, argc, argv) < 0)
		return EXIT_INTERNAL;
	while ((r = cli_next(&p)) >= 0) {
		switch (r) {
		case 0:
			if (setara_cred_type_from_name(&t, p.arg) < 0) {
				setara_error_clear();
				rc = cli_usage_error(&list_cmd, "no document "
					"type '%s'", p.arg);
				goto done;
			}
			q.type = p.arg;
			break;
		case 1: q.subject = p.arg; break;
		case 2: q.issuer = p.arg; break;
		case 3:
			q.status = -1;
			for (k = 0; k < 3; k++)
				if (strcmp(p.arg, status_names[k]) == 0)
					q.status = k;
			if (q.status < 0) {
				rc = cli_usage_error(&list_cmd, "--status is "
					"active, revoked or suspended");
				goto done;
			}
			break;
		case 4:
			if ((q.limit = parse_limit(p.arg)) == 0) {
				rc = cli_usage_error(&list_cmd,
					"-n takes a positive number");
				goto done;
			}
			break;
		}
	}
	if (args_done(c, &p, &list_cmd, r, 0, &st, &rc))
		goto done;
	if (c->json) {
		cli_json_begin(&j, &b, "documents");
		o.j = &j;
	}
	if (setara_register_list(st, &q, on_entry, &o, &n) < 0) {
		rc = c->json ? json_fail(c, &j, &b, 1) : cli_fail(c);
		goto done;
	}
	if (c->json) {
		setara__json_arr_close(&j);
		setara__json_int(&j, "count", (long long)n);
		rc = cli_json_end(&j, &b, 0) < 0 ? cli_fail(c) : EXIT_OK;
	} else if (!c->quiet) {
		cli_warn("%lu document%s", n, n == 1 ? "" : "s");
	}
done:
	setara_buf_dispose(&b);
	cli_parser_dispose(&p);
	return rc;
}

struct show_out {
	setara__json *j;
	int nchanges;
};

static int on_doc(const setara_register_entry *e, void *payload)
{
	struct show_out *o = payload;

	if (o->j) {
		json_entry(o->j, e);
		return 0;
	}
	fputs("id:              ", stdout);
	put_text(e->id);
	printf("\ntype:            %s\nsubject:         ", e->type);
	put_text(e->subject);
	fputs("\nissuer:          ", stdout);
	put_text(e->issuer);
	if (e->issuer_name || e->issuer_country) {
		fputs(" (", stdout);
		put_text(e->issuer_name);
		fputs(", ", stdout);
		put_text(e->issuer_country);
		putchar(')');
	}
	printf("\nstatus:          %s\nissued:          %s\nfile:            ",
		status_names[e->status], e->issued_at);
	put_text(e->path);
	printf("\nsha-256:         %s\n", e->digest);
	printf("status index:    %lu\nrevocation list: ", e->status_index);
	put_text(e->revocation_list);
	fputs("\nsuspension list: ", stdout);
	put_text(e->suspension_list);
	putchar('\n');
	return 0;
}

static int on_change(const setara_register_change *ch, void *payload)
{
	struct show_out *o = payload;

	if (o->j) {
		setara__json_obj_open(o->j, NULL);
		setara__json_str(o->j, "action", ch->action);
		setara__json_str(o->j, "reason", ch->reason);
		setara__json_str(o->j, "at", ch->at);
		setara__json_obj_close(o->j);
		return 0;
	}
	if (o->nchanges++ == 0)
		puts("history:");
	printf("  %s  %-9s  ", ch->at, ch->action);
	put_text(ch->reason);
	putchar('\n');
	return 0;
}

static int cmd_show(cli *c, int argc, char **argv)
{
	setara_register_query q = SETARA_REGISTER_QUERY_INIT;
	setara_store *st;
	setara_buf b = SETARA_BUF_INIT;
	setara__json j;
	struct show_out o;
	cli_parser p;
	int r, rc = EXIT_OK;

	memset(&o, 0, sizeof(o));
	if (cli_parser_init(&p, c, &show_cmd, argc, argv) < 0)
		return EXIT_INTERNAL;
	while ((r = cli_next(&p)) >= 0)
		;
	if (args_done(c, &p, &show_cmd, r, 1, &st, &rc))
		goto done;
	if (c->json) {
		cli_json_begin(&j, &b, NULL);
		o.j = &j;
	}
	q.id = p.pos[0];
	if (setara_register_list(st, &q, on_doc, &o, NULL) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	if (c->json)
		setara__json_arr_open(&j, "history");
	if (setara_register_history(st, p.pos[0], on_change, &o) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	if (c->json)
		rc = cli_json_end(&j, &b, 1) < 0 ? cli_fail(c) : EXIT_OK;
done:
	setara_buf_dispose(&b);
	cli_parser_dispose(&p);
	return rc;
}

struct audit_out {
	setara__json *j;
	setara_buf *b;
	unsigned long n;
};

static int on_audit(const setara_audit_entry *e, void *payload)
{
	struct audit_out *o = payload;

	o->n++;
	if (o->j) {
		setara__json_obj_open(o->j, NULL);
		setara__json_int(o->j, "seq", e->seq);
		setara__json_str(o->j, "at", e->at);
		setara__json_str(o->j, "action", e->action);
		if (e->object)
			setara__json_str(o->j, "object", e->object);
		else
			setara__json_null(o->j, "object");
		if (e->detail)
			setara__json_str(o->j, "detail", e->detail);
		else
			setara__json_null(o->j, "detail");
		return json_flush(o->j, o->b);
	}
	printf("%lld  %s  %-9s  ", e->seq, e->at, e->action);
	put_text(e->object);
	fputs("  ", stdout);
	put_text(e->detail);
	putchar('\n');
	return 0;
}

static int cmd_audit(cli *c, int argc, char **argv)
{
	static const char *const actions[] = { "load", "issue", "recover",
		"revoke", "suspend", "reinstate", "publish", "import", NULL };
	setara_store *st;
	setara_buf b = SETARA_BUF_INIT;
	setara__json j;
	struct audit_out o = { NULL, &b, 0 };
	const char *action = NULL;
	unsigned long last = 0;
	cli_parser p;
	int r, k, rc = EXIT_OK;

	if (cli_parser_init(&p, c, &audit_cmd, argc, argv) < 0)
		return EXIT_INTERNAL;
	while ((r = cli_next(&p)) >= 0) {
		if (r == 0) {
			action = NULL;
			for (k = 0; actions[k]; k++)
				if (strcmp(p.arg, actions[k]) == 0)
					action = actions[k];
			if (action == NULL) {
				rc = cli_usage_error(&audit_cmd, "--action is "
					"load, issue, recover, revoke, suspend, "
					"reinstate, publish or import");
				goto done;
			}
		} else if (r == 1 &&
		    (last = parse_limit(p.arg)) == 0) {
			rc = cli_usage_error(&audit_cmd,
				"-n takes a positive number");
			goto done;
		}
	}
	if (args_done(c, &p, &audit_cmd, r, 0, &st, &rc))
		goto done;
	if (c->json) {
		cli_json_begin(&j, &b, "entries");
		o.j = &j;
	}
	if (setara_store_audit_list(st, action, last, on_audit, &o) < 0) {
		rc = c->json ? json_fail(c, &j, &b, 1) : cli_fail(c);
		goto done;
	}
	if (c->json)
		rc = cli_json_end(&j, &b, 1) < 0 ? cli_fail(c) : EXIT_OK;
done:
	setara_buf_dispose(&b);
	cli_parser_dispose(&p);
	return rc;
}

/* The one FILE argument of export and import: 0, or 1 with *rc set. */
static int file_arg(cli *c, cli_parser *p, const cli_cmd *cmd, int argc,
	char **argv, int *rc)
{
	const char *none[1] = { NULL };

	if (cli_args(p, c, cmd, argc, argv, none, 1, rc))
		return 1;
	if (p->npos < 1) {
		*rc = cli_usage_error(cmd, "which file?");
		return 1;
	}
	return 0;
}

/* "register: N rows VERB FILE", or its JSON. */
static int moved_out(cli *c, const char *verb, const char *key,
	const char *file, unsigned long rows)
{
	setara__json j;
	setara_buf b = SETARA_BUF_INIT;
	int rc = EXIT_OK;

	if (c->json) {
		cli_json_begin(&j, &b, NULL);
		setara__json_str(&j, "store", setara_store_name(c->store));
		setara__json_str(&j, key, file);
		setara__json_int(&j, "rows", (long long)rows);
		if (cli_json_end(&j, &b, 0) < 0)
			rc = cli_fail(c);
	} else {
		printf("register: %lu rows %s %s\n", rows, verb, file);
	}
	setara_buf_dispose(&b);
	return rc;
}

/* export (@import 0) or import: FILE, the store, the copy, the answer. */
static int move_register(cli *c, int import, int argc, char **argv)
{
	const cli_cmd *cmd = import ? &import_cmd : &export_cmd;
	setara_store *st;
	cli_parser p;
	unsigned long rows = 0;
	int rc = EXIT_OK;

	if (file_arg(c, &p, cmd, argc, argv, &rc))
		goto done;
	if ((import ? cli_store(c, &st) : cli_store_read(c, &st)) < 0 ||
	    (import ? setara_register_import(st, p.pos[0], &rows) :
	    setara_register_export(st, p.pos[0], &rows)) < 0) {
		rc = cli_fail(c);
		goto done;
	}
	rc = import ? moved_out(c, "moved from", "from", p.pos[0], rows) :
		moved_out(c, "exported to", "to", p.pos[0], rows);
done:
	cli_parser_dispose(&p);
	return rc;
}

static int cmd_reg_export(cli *c, int argc, char **argv)
{
	return move_register(c, 0, argc, argv);
}

static int cmd_reg_import(cli *c, int argc, char **argv)
{
	return move_register(c, 1, argc, argv);
}
