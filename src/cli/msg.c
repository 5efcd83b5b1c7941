/*
 * Messages, exit codes, and the shared resources of a run (data directory,
 * store).
 */
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "util/util.h"

#ifndef SETARA_DATADIR
#define SETARA_DATADIR "/usr/local/share/setara"
#endif

int cli_exit_for(int code)
{
	switch (code) {
	case SETARA_OK: return EXIT_OK;
	case SETARA_EUSAGE: return EXIT_USAGE;
	case SETARA_ENOTFOUND:
	case SETARA_EINVALID:
	case SETARA_EEXISTS: return EXIT_DATA;
	case SETARA_ESTORE:
	case SETARA_EIO: return EXIT_IO;
	default: return EXIT_INTERNAL;
	}
}

/*
 * The error reported last on stderr, kept for --json (cli_json_error), and
 * whether a JSON answer went to stdout already.
 */
static struct {
	int code;
	char *message, *file, *field;
	int line;
} reported;
static int json_printed;

static void report(int code, const char *message, const char *suffix,
	const char *file, int line, const char *field)
{
	setara__free(reported.message);
	setara__free(reported.file);
	setara__free(reported.field);
	reported.code = code;
	reported.message = setara__asprintf("%s%s", message,
		suffix ? suffix : "");
	reported.file = file ? setara__strdup(file) : NULL;
	reported.field = field ? setara__strdup(field) : NULL;
	reported.line = line;
}

void cli_print_error(const setara_error *e, const char *suffix)
{
	report(e->code ? e->code : SETARA_ERROR, e->code ? e->message :
		"internal error (no message)", suffix, e->file, e->line,
		e->field);
	fputs("setara: ", stderr);
	if (e->file) {
		fputs(e->file, stderr);
		if (e->line > 0)
			fprintf(stderr, ":%d", e->line);
		fputs(": ", stderr);
	}
	if (e->field)
		fprintf(stderr, "%s: ", e->field);
	fprintf(stderr, "%s%s\n", e->code ? e->message :
		"internal error (no message)", suffix ? suffix : "");
}

int cli_fail(cli *c)
{
	const setara_error *e = setara_error_last();

	(void)c;
	cli_print_error(e, NULL);
	return e->code ? cli_exit_for(e->code) : EXIT_INTERNAL;
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;

	fputs("setara: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int has_data(const char *dir)
{
	char *p = setara__path_join(dir, "frameworks");
	int ok = p && setara__is_dir(p);

	setara__free(p);
	return ok;
}

/* BINDIR/../share/setara of the running binary, when it holds data. */
static char *installed_data_dir(void)
{
	char exe[PATH_MAX], *slash, *dir;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return NULL;
	*slash = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return NULL;
	slash[1] = '\0';
	if ((dir = setara__path_join(exe, "share/setara")) != NULL &&
	    has_data(dir))
		return dir;
	setara__free(dir);
	return NULL;
}

const char *cli_data_dir(cli *c)
{
	char exe[PATH_MAX], *slash, *dir;
	const char *env;
	ssize_t n;
	int up;

	if (c->data_dir)
		return c->data_dir;
	if ((env = getenv("SETARA_DATA")) && *env)
		return c->data_dir = env;
	/* Run from a checkout: the binary sits at (or below) the root. */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		for (up = 0; up < 3 && (slash = strrchr(exe, '/')); up++) {
			*slash = '\0';
			if (*exe && has_data(exe)) {
				c->owned_data_dir = setara__strdup(exe);
				return c->data_dir = c->owned_data_dir;
			}
		}
	}
	/* Installed: PREFIX/bin/setara beside PREFIX/share/setara, whatever
	 * PREFIX the build was configured with. */
	if (n > 0 && (dir = installed_data_dir()) != NULL) {
		c->owned_data_dir = dir;
		return c->data_dir = dir;
	}
	if (has_data(SETARA_DATADIR))
		return c->data_dir = SETARA_DATADIR;
	if (has_data("."))
		return c->data_dir = ".";
	setara_error__set(SETARA_EIO, SETARA_ERROR_OS, NULL, 0, "--data",
		"cannot find the data directory (frameworks/, mappings/); "
		"give --data DIR or set SETARA_DATA");
	return NULL;
}

/*
 * The register's connection URL from the file $SETARA_DB_FILE names, so
 * that it is on no command line: the file must be the user's own, a
 * regular file, readable by no one else (it may hold a password), and
 * one line.  The checks are made on the file opened, not on its name,
 * so that no file swapped in between is read.  NULL when the variable is
 * not set; on a bad file, the error is set and "" returned.
 */
static const char *db_from_file(void)
{
	static char url[4096];
	const char *path = getenv("SETARA_DB_FILE");
	struct stat sb;
	ssize_t r;
	size_t n = 0;
	int fd;

	if (path == NULL || *path == '\0')
		return NULL;
	/* O_NONBLOCK: a FIFO put in its place does not hang the open. */
	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)) < 0 ||
	    fstat(fd, &sb) < 0) {
		setara_error__os(path, "SETARA_DB_FILE");
		goto fail;
	}
	if (!S_ISREG(sb.st_mode)) {
		setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE, path, 0,
			"SETARA_DB_FILE", "must be a regular file");
		goto fail;
	}
	if (sb.st_uid != getuid() || (sb.st_mode & 077)) {
		setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE, path, 0,
			"SETARA_DB_FILE", "must be yours and readable by you "
			"only (chmod 600)");
		goto fail;
	}
	while (n < sizeof(url) - 1 &&
	    (r = read(fd, url + n, sizeof(url) - 1 - n)) != 0) {
		if (r < 0) {
			setara_error__os(path, "SETARA_DB_FILE");
			goto fail;
		}
		n += (size_t)r;
	}
	url[n] = '\0';
	url[strcspn(url, "\r\n")] = '\0';
	if (strlen(url) == sizeof(url) - 1) {
		setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE, path, 1,
			"SETARA_DB_FILE", "the URL is longer than %zu bytes",
			sizeof(url) - 2);
		goto fail;
	}
	close(fd);
	return url;
fail:
	if (fd >= 0)
		close(fd);
	return "";
}

const char *cli_db_path(cli *c)
{
	const char *db = c->db_path;

	if (db == NULL && (db = getenv("SETARA_DB")) != NULL && *db == '\0')
		db = NULL;
	if (db == NULL)
		db = db_from_file();
	if (db == NULL)
		db = "setara.db";
	if (setara_store_name_check(db) < 0)
		db = "";
	return c->db_path = db;
}

int cli_store_read(cli *c, setara_store **out)
{
	const char *db = cli_db_path(c);
	int error;

	*out = NULL;
	if (c->store) {
		*out = c->store;
		return 0;
	}
	if (*db == '\0')
		return setara_error_last()->code;
	/* Named by its local file: a register's URL may hold a password. */
	if (!setara__exists(setara_store_local_path(db, cli_cache())))
		return setara_error__set(SETARA_ESTORE, SETARA_ERROR_STORE,
			setara_store_local_path(db, cli_cache()), 0, NULL,
			"no store here ('setara init' makes one)");
	if ((error = setara_store_open_cached(&c->store, db, cli_cache(),
	    SETARA_STORE_READONLY)) < 0)
		return error;
	*out = c->store;
	return 0;
}

void cli_discard_store(cli *c, const char *db)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal",
		".lock" };
	char *path;
	size_t i;

	setara_store_free(c->store);
	c->store = NULL;
	db = setara_store_local_path(db, cli_cache());
	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		if ((path = setara__asprintf("%s%s", db, ext[i])) != NULL) {
			(void)unlink(path);
			setara__free(path);
		}
}

const char *cli_cache(void)
{
	const char *e = getenv("SETARA_CACHE");

	return e && *e ? e : NULL;
}

int cli_crosscheck(void)
{
	const char *e = getenv("SETARA_VERIFY_CROSSCHECK");

	return e != NULL && *e != '\0' && strcmp(e, "0") != 0;
}

int cli_store(cli *c, setara_store **out)
{
	const char *db, *data;
	int error, loaded, created;

	*out = NULL;
	if (c->store) {
		*out = c->store;
		return 0;
	}
	db = cli_db_path(c);
	/* No store is made by a command that then fails: without data to
	 * load, only a store that exists will do. */
	data = cli_data_dir(c);
	if (*db == '\0')
		return setara_error_last()->code;
	created = !setara__exists(setara_store_local_path(db, cli_cache()));
	if (data == NULL && created)
		return setara_error_last()->code;
	if ((error = setara_store_open_cached(&c->store, db, cli_cache(), 0)) < 0) {
		if (created)
			cli_discard_store(c, db);
		return error;
	}
	/* Load on first use, and again when the data files changed (an
	 * upgrade, an edited mapping): the stamp check costs a few stats. */
	if (data == NULL) {
		if ((loaded = setara_store_is_loaded(c->store)) < 0)
			return loaded;
		if (!loaded)
			return setara_error_last()->code ?
				setara_error_last()->code : SETARA_EIO;
		setara_error_clear();
	} else {
		if ((loaded = setara_store_is_current(c->store, data)) < 0)
			return loaded;
		if (!loaded &&
		    (error = setara_store_load(c->store, data, NULL)) < 0) {
			if (created)
				cli_discard_store(c, db);
			return error;
		}
	}
	*out = c->store;
	return 0;
}

void cli_issue_hint(const char *type, const char *file, const char *issuer)
{
	const char *dot = strrchr(file, '.');
	int stem = dot && strcmp(dot, ".xml") == 0 ? (int)(dot - file) :
		(int)strlen(file);

	cli_warn("%s written to %s, unsigned; to sign and register it:\n"
		"  setara issue %s %s --key pki/issuers/%s.key "
		"--cert pki/issuers/%s.pem -o %.*s-signed.xml\n"
		"(the keys of the demo PKI that 'sh certs/mkpki pki' makes; "
		"use your own)", type, file, type, file, issuer, issuer, stem,
		file);
}

/* A stable name for the code, for scripts: "not-found", "usage", ... */
static const char *code_token(int code)
{
	switch (code) {
	case SETARA_EUSAGE: return "usage";
	case SETARA_ENOTFOUND: return "not-found";
	case SETARA_EINVALID: return "invalid";
	case SETARA_EEXISTS: return "exists";
	case SETARA_ESTORE: return "store";
	case SETARA_EIO: return "io";
	case SETARA_ENOMEM: return "out-of-memory";
	default: return "internal";
	}
}

void cli_usage_report(const char *fmt, va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	report(SETARA_EUSAGE, msg, NULL, NULL, 0, NULL);
}

void cli_json_error(cli *c, int rc)
{
	setara__json j;
	setara_buf b = SETARA_BUF_INIT;
	const setara_error *e = setara_error_last();

	if (!c->json || json_printed || rc < EXIT_USAGE)
		goto done;
	if (reported.message == NULL)
		report(e->code ? e->code : SETARA_ERROR, e->code ? e->message :
			"failed (see the messages on stderr)", NULL, e->file,
			e->line, e->field);
	setara__json_init(&j, &b, 0);
	setara__json_obj_open(&j, NULL);
	setara__json_int(&j, "version", 1);
	setara__json_obj_open(&j, "error");
	setara__json_str(&j, "code", code_token(reported.code));
	setara__json_int(&j, "exit", rc);
	setara__json_str(&j, "message", reported.message);
	setara__json_str(&j, "file", reported.file);
	if (reported.line > 0)
		setara__json_int(&j, "line", reported.line);
	else
		setara__json_null(&j, "line");
	setara__json_str(&j, "field", reported.field);
	setara__json_obj_close(&j);
	setara__json_obj_close(&j);
	if (setara__json_error(&j) == 0)
		cli_json_print(&b);
done:
	setara_buf_dispose(&b);
	setara__free(reported.message);
	setara__free(reported.file);
	setara__free(reported.field);
	memset(&reported, 0, sizeof(reported));
}

int cli_json_print(const setara_buf *b)
{
	json_printed = 1;
	if (b->size && fwrite(b->ptr, 1, b->size, stdout) != b->size)
		return setara_error__os("stdout", "cannot write");
	if (b->size && b->ptr[b->size - 1] != '\n')
		fputc('\n', stdout);
	return 0;
}
