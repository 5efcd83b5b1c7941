/*
 * Files: whole-file reads with a size ceiling, atomic writes (temporary
 * file, fsync, rename, fsync of the directory) and sorted directory walks.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

int setara__read_file(setara_buf *out, const char *path, size_t max)
{
	struct stat st;
	char chunk[65536];
	ssize_t n;
	int fd, error = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return setara_error__os(path, "cannot open");
	if (fstat(fd, &st) < 0) {
		error = setara_error__os(path, "cannot stat");
		goto done;
	}
	if (S_ISDIR(st.st_mode)) {
		error = setara_error__set(SETARA_EIO, SETARA_ERROR_OS, path, 0,
			NULL, "is a directory");
		goto done;
	}
	if (max && S_ISREG(st.st_mode) && (size_t)st.st_size > max) {
		error = setara_error__set(SETARA_EINVALID, SETARA_ERROR_DATA,
			path, 0, NULL, "file too large (%lld bytes, limit %zu)",
			(long long)st.st_size, max);
		goto done;
	}
	setara_buf_clear(out);
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error = setara_error__os(path, "cannot read");
			goto done;
		}
		if (n == 0)
			break;
		if (max && out->size + (size_t)n > max) {
			error = setara_error__set(SETARA_EINVALID,
				SETARA_ERROR_DATA, path, 0, NULL,
				"file too large (limit %zu bytes)", max);
			goto done;
		}
		if ((error = setara_buf_put(out, chunk, (size_t)n)) < 0)
			goto done;
	}
	if (out->ptr == NULL && (error = setara_buf_grow(out, 0)) < 0)
		goto done;
	if (out->ptr)
		out->ptr[out->size] = '\0';
	error = 0;
done:
	close(fd);
	return error;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Called once the file is in place: must not fail for want of memory. */
static int fsync_parent(const char *path)
{
	char dir[PATH_MAX], *slash;
	int dfd, rc = 0;

	if (strlen(path) >= sizeof(dir))
		return 0; /* a name no directory can be opened by */
	memcpy(dir, path, strlen(path) + 1);
	slash = strrchr(dir, '/');
	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		memcpy(dir, ".", 2);
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY)) >= 0) {
		rc = fsync(dfd);
		close(dfd);
	}
	return rc < 0 ? setara_error__os(path, "cannot sync directory") : 0;
}

/*
 * < 0: writes never fail; otherwise the number of files still written
 * before every write fails as on a full disk (tests).  Workers of a batch
 * write at once, hence the atomics.
 */
static long write_fail_after = -1;

void setara__write_fail_after(long n)
{
	__atomic_store_n(&write_fail_after, n, __ATOMIC_SEQ_CST);
}

static int write_fails(void)
{
	long n = __atomic_load_n(&write_fail_after, __ATOMIC_SEQ_CST);

	while (n > 0)
		if (__atomic_compare_exchange_n(&write_fail_after, &n, n - 1,
		    0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			return 0;
	if (n == 0) {
		errno = ENOSPC;
		return 1;
	}
	return 0;
}

int setara__write_temp(char **tmp_out, const char *path, const char *tmp_dir,
	const void *data, size_t len, int mode, int sync)
{
	const char *base = strrchr(path, '/');
	char *tmp;
	int fd, error;

	*tmp_out = NULL;
	tmp = tmp_dir ? setara__asprintf("%s/%s.tmp.XXXXXX", tmp_dir,
		base ? base + 1 : path) : setara__asprintf("%s.tmp.XXXXXX",
		path);
	if (tmp == NULL)
		return SETARA_ENOMEM;
	if ((fd = mkstemp(tmp)) < 0) {
		error = setara_error__os(path, "cannot create temporary file");
		setara__free(tmp);
		return error;
	}
	if (fchmod(fd, (mode_t)(mode ? mode : 0644)) < 0 || write_fails() ||
	    write_all(fd, data, len) < 0 || (sync && fsync(fd) < 0)) {
		error = setara_error__os(path, "cannot write");
		close(fd);
		unlink(tmp);
		setara__free(tmp);
		return error;
	}
	if (close(fd) < 0) {
		error = setara_error__os(path, "cannot write");
		unlink(tmp);
		setara__free(tmp);
		return error;
	}
	*tmp_out = tmp;
	return 0;
}

int setara__commit_temp(const char *tmp, const char *path, int sync)
{
	int error;

	if (rename(tmp, path) < 0) {
		error = setara_error__os(path, "cannot rename into place");
		unlink(tmp);
		return error;
	}
	return sync ? fsync_parent(path) : 0;
}

int setara__write_file_atomic(const char *path, const void *data,
	size_t len, int mode)
{
	char *tmp;
	int error;

	if ((error = setara__write_temp(&tmp, path, NULL, data, len, mode,
	    1)) < 0)
		return error;
	error = setara__commit_temp(tmp, path, 1);
	setara__free(tmp);
	return error;
}

char *setara__path_join(const char *a, const char *b)
{
	size_t n = strlen(a);

	if (n == 0)
		return setara__strdup(b);
	return setara__asprintf("%s%s%s", a, a[n - 1] == '/' ? "" : "/", b);
}

int setara__path_absolute(char **out, const char *path)
{
	char cwd[PATH_MAX];

	*out = NULL;
	if (path[0] != '/') {
		while (path[0] == '.' && path[1] == '/') {
			path += 2;
			while (*path == '/')
				path++;
		}
		if (getcwd(cwd, sizeof(cwd)) == NULL)
			return setara_error__os(".",
				"cannot tell the working directory");
		*out = setara__path_join(cwd, path);
	} else {
		*out = setara__strdup(path);
	}
	return *out ? 0 : SETARA_ENOMEM;
}

int setara__is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int setara__exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

int setara__strlist_add(setara__strlist *l, const char *s)
{
	char **items;

	if ((items = setara__grow(l->items, &l->alloc, l->count,
	    sizeof(*items), 16)) == NULL)
		return SETARA_ENOMEM;
	l->items = items;
	if ((l->items[l->count] = setara__strdup(s)) == NULL)
		return SETARA_ENOMEM;
	l->count++;
	return 0;
}

void setara__strlist_dispose(setara__strlist *l)
{
	setara__free_strv(l->items, l->count);
	l->items = NULL;
	l->count = l->alloc = 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(setara__strlist *out, const char *dir, const char *suffix,
	int recursive)
{
	DIR *d;
	struct dirent *de;
	struct stat st;
	size_t slen = strlen(suffix), nlen;
	char *path;
	int error = 0;

	if ((d = opendir(dir)) == NULL)
		return setara_error__os(dir, "cannot open directory");
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if ((path = setara__path_join(dir, de->d_name)) == NULL) {
			error = SETARA_ENOMEM;
			break;
		}
		if (stat(path, &st) == 0) {
			nlen = strlen(de->d_name);
			if (S_ISDIR(st.st_mode) && recursive)
				error = walk(out, path, suffix, recursive);
			else if (S_ISREG(st.st_mode) && nlen >= slen &&
			    strcmp(de->d_name + nlen - slen, suffix) == 0)
				error = setara__strlist_add(out, path);
		}
		setara__free(path);
		if (error < 0)
			break;
	}
	closedir(d);
	return error;
}

int setara__list_files(setara__strlist *out, const char *dir,
	const char *suffix, int recursive)
{
	int error = walk(out, dir, suffix, recursive);

	if (error == 0 && out->count > 1)
		qsort(out->items, out->count, sizeof(char *), cmp_str);
	return error;
}
