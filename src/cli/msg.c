/*
 * Messages, exit codes, and the shared resources of a run (data directory,
 * store).
 */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
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

void cli_print_error(const setara_error *e, const char *suffix)
{
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

/* The store's file: --db, $SETARA_DB, ./setara.db. */
static const char *db_path(cli *c)
{
	const char *db = c->db_path;

	if (db == NULL && (db = getenv("SETARA_DB")) != NULL && *db == '\0')
		db = NULL;
	if (db == NULL)
		db = "setara.db";
	return c->db_path = db;
}

int cli_store_read(cli *c, setara_store **out)
{
	const char *db = db_path(c);
	int error;

	*out = NULL;
	if (c->store) {
		*out = c->store;
		return 0;
	}
	if (!setara__exists(db))
		return setara_error__set(SETARA_ESTORE, SETARA_ERROR_STORE, db,
			0, NULL, "no store here ('setara init' makes one)");
	if ((error = setara_store_open(&c->store, db,
	    SETARA_STORE_READONLY)) < 0)
		return error;
	*out = c->store;
	return 0;
}

/* Close and remove the store this run made (and its side files). */
static void discard_store(cli *c, const char *db)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal",
		".lock" };
	char *path;
	size_t i;

	setara_store_free(c->store);
	c->store = NULL;
	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		if ((path = setara__asprintf("%s%s", db, ext[i])) != NULL) {
			(void)unlink(path);
			setara__free(path);
		}
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
	db = db_path(c);
	/* No store is made by a command that then fails: without data to
	 * load, only a store that exists will do. */
	data = cli_data_dir(c);
	created = !setara__exists(db);
	if (data == NULL && created)
		return setara_error_last()->code;
	if ((error = setara_store_open(&c->store, db, 0)) < 0) {
		if (created)
			discard_store(c, db);
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
				discard_store(c, db);
			return error;
		}
	}
	*out = c->store;
	return 0;
}

int cli_json_print(const setara_buf *b)
{
	if (b->size && fwrite(b->ptr, 1, b->size, stdout) != b->size)
		return setara_error__os("stdout", "cannot write");
	if (b->size && b->ptr[b->size - 1] != '\n')
		fputc('\n', stdout);
	return 0;
}
