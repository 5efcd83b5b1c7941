/*
 * Fault injection, after SQLite's malloc and I/O tests: each public entry
 * point that allocates or writes is run again and again, the Nth fault
 * injected on the Nth run, N = 0, 1, ... until the call no longer reaches
 * the Nth fault point and succeeds.  Kinds of fault:
 *
 *   alloc       the Nth allocation of the library (util/alloc.c) fails,
 *               and every one after it ("persistent", as when memory has
 *               run out) or it alone ("transient", full tier only);
 *   sqlite-io   the Nth xWrite, xSync, xTruncate or xOpen of sqlite fails
 *               (a VFS that wraps the default one, registered here);
 *   sqlite-mem  the Nth allocation of sqlite fails (SQLITE_CONFIG_MALLOC);
 *   file-write  the output file written after N others fails with ENOSPC
 *               (util/fs.c, setara__write_fail_after()).
 *
 * After each failing run: a negative code, the same code in
 * setara_error_last() with a message, the code the kind of fault calls
 * for (ENOMEM; ESTORE or EIO; EIO); for calls that write the store, the
 * store as it was (every table but the status lists' next_index, which
 * only grows: an index is never handed out twice) and no output or
 * temporary file left behind; for issuing, the register consistent with
 * the files before and after setara_register_recover().  A run that
 * succeeds although a fault was injected (the failure was absorbed) must
 * give the result of the run without faults.  Leaks are AddressSanitizer's
 * to find: these loops run under 'make asan'.
 *
 * SETARA_TEST_TIER=full (make check-full) tries every N (at most 1000,
 * spread, per loop), persistent and transient; the quick tier (make
 * check) about 20 N per loop, persistent only.  SETARA_FAULT_VERBOSE=1
 * prints a line per loop; SETARA_FAULT_ONLY=issue or issue/alloc runs one
 * entry point or one loop (known failures included), SETARA_FAULT_FROM=N
 * starts it at N.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <time.h>
#include <libxml/tree.h>

#include "check_common.h"
#include "store/store_api.h"
#include "store/store_int.h"

/* ---- tiers -------------------------------------------------------------- */

static int full_tier(void)
{
	const char *t = getenv("SETARA_TEST_TIER");

	return t && strcmp(t, "full") == 0;
}

static int verbose(void)
{
	const char *v = getenv("SETARA_FAULT_VERBOSE");

	return v && *v && strcmp(v, "0") != 0;
}

/* Samples per loop in the quick tier, and at most in the full one. */
#define QUICK_SAMPLES 16
#define FULL_SAMPLES 1000

/* ---- a fault counter ---------------------------------------------------- */

/*
 * The sqlite faults count down as the library's allocator does
 * (util/alloc.c): at < 0 off; the call that finds 0 fails, and so do the
 * later ones when persist is set.  Batch workers run at once.
 */
typedef struct fault {
	long at;
	int persist;
	long calls, failed;
} fault;

static void fault_arm(fault *f, long n, int persist)
{
	__atomic_store_n(&f->at, -1, __ATOMIC_SEQ_CST);
	__atomic_store_n(&f->calls, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&f->failed, 0, __ATOMIC_SEQ_CST);
	f->persist = persist;
	__atomic_store_n(&f->at, n, __ATOMIC_SEQ_CST);
}

static int fault_hit(fault *f)
{
	long n = __atomic_load_n(&f->at, __ATOMIC_SEQ_CST);

	__atomic_add_fetch(&f->calls, 1, __ATOMIC_SEQ_CST);
	for (;;) {
		if (n < 0)
			return 0;
		if (n > 0) {
			if (__atomic_compare_exchange_n(&f->at, &n, n - 1, 0,
			    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
				return 0;
			continue;
		}
		if (f->persist || __atomic_compare_exchange_n(&f->at, &n, -1,
		    0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			break;
	}
	__atomic_add_fetch(&f->failed, 1, __ATOMIC_SEQ_CST);
	return 1;
}

/* ---- a VFS that fails writes, syncs and opens --------------------------- */

static fault io_fault = { -1, 0, 0, 0 };
static sqlite3_vfs *real_vfs;
static sqlite3_vfs fault_vfs;

typedef struct fault_file {
	sqlite3_file base;
	sqlite3_file *real;     /* follows this struct */
} fault_file;

#define REAL(f) (((fault_file *)(f))->real)

static int f_close(sqlite3_file *f)
{
	return REAL(f)->pMethods->xClose(REAL(f));
}

static int f_read(sqlite3_file *f, void *p, int n, sqlite3_int64 off)
{
	return REAL(f)->pMethods->xRead(REAL(f), p, n, off);
}

static int f_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 off)
{
	if (fault_hit(&io_fault))
		return SQLITE_IOERR_WRITE;
	return REAL(f)->pMethods->xWrite(REAL(f), p, n, off);
}

static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	if (fault_hit(&io_fault))
		return SQLITE_IOERR_TRUNCATE;
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int f_sync(sqlite3_file *f, int flags)
{
	if (fault_hit(&io_fault))
		return SQLITE_IOERR_FSYNC;
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int f_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int f_lock(sqlite3_file *f, int lock)
{
	return REAL(f)->pMethods->xLock(REAL(f), lock);
}

static int f_unlock(sqlite3_file *f, int lock)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), lock);
}

static int f_reserved(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int f_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int f_sector(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int f_device(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int f_shm_map(sqlite3_file *f, int pg, int pgsz, int extend,
	void volatile **pp)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), pg, pgsz, extend, pp);
}

static int f_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), offset, n, flags);
}

static void f_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int f_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

static int f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp)
{
	return REAL(f)->pMethods->xFetch(REAL(f), off, n, pp);
}

static int f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

static const sqlite3_io_methods fault_io = {
	3, f_close, f_read, f_write, f_truncate, f_sync, f_size, f_lock,
	f_unlock, f_reserved, f_control, f_sector, f_device, f_shm_map,
	f_shm_lock, f_shm_barrier, f_shm_unmap, f_fetch, f_unfetch
};

static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f,
	int flags, int *out_flags)
{
	fault_file *ff = (fault_file *)f;
	int rc;

	(void)vfs;
	ff->real = (sqlite3_file *)(ff + 1);
	ff->base.pMethods = NULL;
	if (fault_hit(&io_fault))
		return SQLITE_CANTOPEN;
	rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out_flags);
	if (ff->real->pMethods)
		ff->base.pMethods = &fault_io;
	return rc;
}

static int v_delete(sqlite3_vfs *vfs, const char *name, int sync)
{
	(void)vfs;
	return real_vfs->xDelete(real_vfs, name, sync);
}

static int v_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int v_fullpath(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static int v_random(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int v_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return real_vfs->xSleep(real_vfs, us);
}

static int v_time(sqlite3_vfs *vfs, double *out)
{
	(void)vfs;
	return real_vfs->xCurrentTime(real_vfs, out);
}

static int v_last_error(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xGetLastError(real_vfs, n, out);
}

static int v_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	(void)vfs;
	return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

/* ---- sqlite's allocator, failing on demand ------------------------------ */

static fault mem_fault = { -1, 0, 0, 0 };
static sqlite3_mem_methods real_mem;

static void *m_malloc(int n)
{
	return fault_hit(&mem_fault) ? NULL : real_mem.xMalloc(n);
}

static void *m_realloc(void *p, int n)
{
	return fault_hit(&mem_fault) ? NULL : real_mem.xRealloc(p, n);
}

/*
 * Before sqlite initialises: its allocator, then the VFS (as default).
 * Called outside any test: failures are reported by hand.
 */
static void sqlite_hooks(void)
{
	sqlite3_mem_methods m;

	if (real_vfs)
		return;
	if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real_mem) != SQLITE_OK)
		goto fail;
	m = real_mem;
	m.xMalloc = m_malloc;
	m.xRealloc = m_realloc;
	if (sqlite3_config(SQLITE_CONFIG_MALLOC, &m) != SQLITE_OK ||
	    sqlite3_initialize() != SQLITE_OK ||
	    (real_vfs = sqlite3_vfs_find(NULL)) == NULL)
		goto fail;
	fault_vfs = *real_vfs;
	fault_vfs.zName = "setara-fault";
	fault_vfs.szOsFile = (int)sizeof(fault_file) + real_vfs->szOsFile;
	fault_vfs.pNext = NULL;
	fault_vfs.xOpen = v_open;
	fault_vfs.xDelete = v_delete;
	fault_vfs.xAccess = v_access;
	fault_vfs.xFullPathname = v_fullpath;
	fault_vfs.xRandomness = v_random;
	fault_vfs.xSleep = v_sleep;
	fault_vfs.xCurrentTime = v_time;
	fault_vfs.xGetLastError = v_last_error;
	fault_vfs.xCurrentTimeInt64 = v_time64;
	if (fault_vfs.iVersion > 2)
		fault_vfs.iVersion = 2;
	if (sqlite3_vfs_register(&fault_vfs, 1) == SQLITE_OK)
		return;
fail:
	fprintf(stderr, "check_fault: cannot install the sqlite hooks\n");
	exit(2);
}

/* ---- kinds of fault ----------------------------------------------------- */

enum { K_ALLOC, K_SQLITE_IO, K_SQLITE_MEM, K_FILE, K_COUNT };

static const char *const kind_name[K_COUNT] = {
	"alloc", "sqlite-io", "sqlite-mem", "file-write"
};

static void arm(int kind, long n, int persist)
{
	switch (kind) {
	case K_ALLOC: setara__alloc_fault(n, persist); break;
	case K_SQLITE_IO: fault_arm(&io_fault, n, persist); break;
	case K_SQLITE_MEM: fault_arm(&mem_fault, n, persist); break;
	default: setara__write_fail_after(n); break;
	}
}

/* Turn the fault off; *calls fault points were passed, *failed failed.
 * File writes are not counted: *calls is -1. */
static void disarm(int kind, long *calls, long *failed)
{
	switch (kind) {
	case K_ALLOC:
		setara__alloc_fault_stats(calls, failed);
		setara__alloc_fault(-1, 0);
		break;
	case K_SQLITE_IO:
	case K_SQLITE_MEM: {
		fault *f = kind == K_SQLITE_IO ? &io_fault : &mem_fault;

		*calls = __atomic_load_n(&f->calls, __ATOMIC_SEQ_CST);
		*failed = __atomic_load_n(&f->failed, __ATOMIC_SEQ_CST);
		fault_arm(f, -1, 0);
		break;
	}
	default:
		setara__write_fail_after(-1);
		*calls = -1;
		*failed = 1;
		break;
	}
}

/* ---- fixtures ----------------------------------------------------------- */

/* Made once, in the parent process, and shared by every loop. */
static const char *base;        /* temporary directory of the run */
static setara_signer *my_um, *tesda;
static setara_trust *trust;
static char *transcript_id;     /* issued into the template store */
static time_t now;

static const char *at_base(const char *rel)
{
	return test_path(base, rel);
}

static const char *at_top(const char *rel)
{
	return test_path(test_top(), rel);
}

static int sh(const char *fmt, ...) SETARA_PRINTF(1, 2);
static int sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd);
}

static void base_cleanup(void)
{
	setara_cred_signer_free(my_um);
	setara_cred_signer_free(tesda);
	setara_cred_trust_free(trust);
	free(transcript_id);
}

static setara_signer *load_signer(const char *name)
{
	return test_pki_signer(at_base("pki"), name);
}

/* d.xml: the NUS decision on examples/record-exchange.xml (granted,
 * partial and refused items), signed by sg-nus, not registered. */
static void signed_decision(setara_store *st)
{
	setara_transfer_options o = SETARA_TRANSFER_OPTIONS_INIT;
	setara_transfer_rules *rules = NULL;
	setara_transfer_decision *d = NULL;
	setara_record *r = NULL;
	setara_signer *nus = load_signer("sg-nus");
	setara_buf xml = SETARA_BUF_INIT;
	xmlDocPtr doc = NULL;
	xmlChar *mem = NULL;
	int n = 0;

	ck_assert_msg(setara_transfer_rules_load(&rules, st, "sg-nus",
		NULL) == 0 && setara_record_load(&r,
		at_top("examples/record-exchange.xml")) == 0 &&
		setara_transfer_evaluate(&d, rules, r, &o) == 0 &&
		setara_transfer_decision_xml(&xml, d) == 0 &&
		setara_cred_build(&doc, SETARA_DOC_DECISION, xml.ptr, xml.size,
		"d.xml") == 0 && setara_cred_sign(doc, nus) == 0,
		"decision: %s", setara_error_last()->message);
	xmlDocDumpMemoryEnc(doc, &mem, &n, "UTF-8");
	ck_assert_int_eq(setara__write_file_atomic(at_base("d.xml"), mem,
		(size_t)n, 0644), 0);
	xmlFree(mem);
	xmlFreeDoc(doc);
	setara_buf_dispose(&xml);
	setara_transfer_decision_free(d);
	setara_record_free(r);
	setara_transfer_rules_free(rules);
	setara_cred_signer_free(nus);
}

/*
 * The shared inputs: a demo PKI; "empty.db", a store with its schema and
 * nothing else; "tmpl.db", the reference data loaded and a transcript
 * (my-um) and a certificate (ph-tesda) issued and registered, their files
 * t.xml and c.xml, their status lists published in status/; d.xml, a
 * signed transfer decision; batch.xml, three transcript records.
 */
static void base_setup(void)
{
	setara_publish_options po = SETARA_PUBLISH_OPTIONS_INIT;
	setara_cred_issued info = SETARA_CRED_ISSUED_INIT;
	setara_store *st = NULL;

	if (base)
		return;
	sqlite_hooks();
	base = test_run_dir();
	atexit(base_cleanup);
	test_mkpki(at_base("pki"));
	ck_assert_int_eq(sh("sh '%s' 3 > '%s'", at_top("bench/gen-batch.sh"),
		at_base("batch.xml")), 0);
	my_um = load_signer("my-um");
	tesda = load_signer("ph-tesda");
	ck_assert_int_eq(setara_cred_trust_load(&trust, at_base("pki/trust")),
		0);
	ck_assert_int_eq(setara__time_parse(&now, "2026-11-23T10:00:00Z"), 0);

	ck_assert_int_eq(setara_store_open(&st, at_base("empty.db"), 0), 0);
	setara_store_free(st);
	ck_assert_int_eq(setara_store_open(&st, at_base("tmpl.db"), 0), 0);
	ck_assert_int_eq(setara_store_load(st, test_top(), NULL), 0);
	ck_assert_msg(setara_cred_issue(&info, st, SETARA_DOC_TRANSCRIPT,
		at_top("examples/transcript.xml"), my_um, at_base("t.xml")) ==
		0, "%s", setara_error_last()->message);
	transcript_id = strdup(info.id);
	ck_assert_msg(setara_cred_issue(&info, st, SETARA_DOC_CERTIFICATE,
		at_top("examples/mrs/recognised.xml"), tesda,
		at_base("c.xml")) == 0, "%s", setara_error_last()->message);
	ck_assert_int_eq(mkdir(at_base("status"), 0755), 0);
	po.issuer = "my-um";
	ck_assert_int_eq(setara_status_publish(st, my_um, at_base("status/"),
		&po, NULL, NULL), 0);
	po.issuer = "ph-tesda";
	ck_assert_int_eq(setara_status_publish(st, tesda, at_base("status/"),
		&po, NULL, NULL), 0);
	signed_decision(st);
	setara_store_free(st);
}

/* ---- files -------------------------------------------------------------- */

static int rm_entry(const char *path, const struct stat *sb, int flag,
	struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void rm_rf(const char *path)
{
	struct stat sb;

	if (lstat(path, &sb) == 0)
		ck_assert_int_eq(nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS),
			0);
}

static void copy_file(const char *from, const char *to)
{
	setara_buf b = SETARA_BUF_INIT;
	FILE *f;

	ck_assert_int_eq(setara__read_file(&b, from, 0), 0);
	ck_assert_ptr_nonnull(f = fopen(to, "wb"));
	ck_assert_uint_eq(fwrite(b.ptr, 1, b.size, f), b.size);
	ck_assert_int_eq(fclose(f), 0);
	setara_buf_dispose(&b);
}

/* Every file below a directory, dot files included, sorted. */
static setara__strlist *walk_out;

static int walk_entry(const char *path, const struct stat *sb, int flag,
	struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if (flag == FTW_F)
		ck_assert_int_eq(setara__strlist_add(walk_out, path), 0);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_files(setara__strlist *out, const char *dir)
{
	struct stat sb;

	memset(out, 0, sizeof(*out));
	if (stat(dir, &sb) < 0)
		return;
	walk_out = out;
	ck_assert_int_eq(nftw(dir, walk_entry, 16, FTW_PHYS), 0);
	if (out->count > 1)
		qsort(out->items, out->count, sizeof(char *), cmp_str);
}

/* No "*.tmp.*" file and no staging directory below @dir. */
static void no_temporaries(const char *dir, const char *what)
{
	setara__strlist l;
	size_t i;

	list_files(&l, dir);
	for (i = 0; i < l.count; i++)
		ck_assert_msg(strstr(l.items[i], ".tmp.") == NULL &&
			strstr(l.items[i], SETARA__STAGING) == NULL,
			"%s: left behind: %s", what, l.items[i]);
	setara__strlist_dispose(&l);
}

static void file_sha256(char hex[65], const char *path)
{
	setara_buf b = SETARA_BUF_INIT;

	ck_assert_int_eq(setara__read_file(&b, path, 0), 0);
	ck_assert_int_eq(setara__sha256_hex(hex, b.ptr ? b.ptr : "", b.size),
		0);
	setara_buf_dispose(&b);
}

/* ---- the store ---------------------------------------------------------- */

/*
 * A digest of every row of every table: the register as issued (pending
 * rows are the business of recovery), the status lists without their
 * next_index (it only grows), the audit log, the reference data.
 */
static void store_digest(setara_buf *out, setara_store *st)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *t, *s;
	setara_buf b = SETARA_BUF_INIT;
	char sql[256];
	int i, n;

	/* What is committed: a connection of its own. */
	ck_assert_int_eq(sqlite3_open_v2(st->path, &db, SQLITE_OPEN_READONLY,
		NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master"
		" WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
		" ORDER BY name", -1, &t, NULL), SQLITE_OK);
	while (sqlite3_step(t) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(t, 0);

		if (strcmp(name, "status_list") == 0)
			snprintf(sql, sizeof(sql), "SELECT id, issuer, seq,"
				" revocation_id, suspension_id, size"
				" FROM status_list");
		else if (strcmp(name, "issued") == 0)
			snprintf(sql, sizeof(sql), "SELECT * FROM issued"
				" WHERE state = 'issued'");
		else
			snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\"",
				name);
		setara_buf_printf(&b, "[%s]\n", name);
		ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL),
			SQLITE_OK);
		while (sqlite3_step(s) == SQLITE_ROW) {
			n = sqlite3_column_count(s);
			for (i = 0; i < n; i++) {
				const unsigned char *v =
					sqlite3_column_text(s, i);

				setara_buf_printf(&b, "%s\x1f", v ? (const char
					*)v : "\x01");
			}
			setara_buf_puts(&b, "\n");
		}
		ck_assert_int_eq(sqlite3_finalize(s), SQLITE_OK);
	}
	ck_assert_int_eq(sqlite3_finalize(t), SQLITE_OK);
	ck_assert_int_eq(sqlite3_close(db), SQLITE_OK);
	*out = b;
}

/* The first line where two dumps differ, for the message. */
static const char *first_difference(const setara_buf *a,
	const setara_buf *b, char *line, size_t size)
{
	size_t i, start = 0, n = a->size < b->size ? a->size : b->size;

	for (i = 0; i < n && a->ptr[i] == b->ptr[i]; i++)
		if (a->ptr[i] == '\n')
			start = i + 1;
	snprintf(line, size, "before: %.200s", a->ptr + start);
	if (strchr(line, '\n'))
		*strchr(line, '\n') = '\0';
	snprintf(line + strlen(line), size - strlen(line), " | after: %.200s",
		b->ptr + start);
	return line;
}

/*
 * The register and the files of @dir agree: each issued row has its file
 * with its digest; each document file of @dir has a row (issued, or
 * pending when @strict is 0: a file renamed into place whose row was not
 * yet marked, which recovery completes); no index at or past its list's
 * next_index, none used twice.
 */
static void register_consistent(setara_store *st, const char *dir,
	int strict)
{
	sqlite3_stmt *s;
	setara__strlist l;
	char hex[65];
	size_t i;

	ck_assert_int_eq(sqlite3_prepare_v2(setara_store__db(st),
		"SELECT path, digest FROM issued WHERE state = 'issued'", -1,
		&s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(s, 0);
		const char *digest = (const char *)sqlite3_column_text(s, 1);

		ck_assert_msg(setara__exists(path), "issued row without its "
			"file %s", path);
		file_sha256(hex, path);
		ck_assert_msg(strcmp(hex, digest) == 0, "%s: digest %s, "
			"registered %s", path, hex, digest);
	}
	sqlite3_finalize(s);
	list_files(&l, dir);
	for (i = 0; i < l.count; i++) {
		char sql[1200];

		if (strstr(l.items[i], ".tmp.") ||
		    strstr(l.items[i], SETARA__STAGING))
			continue;
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM issued WHERE"
			" path = '%s'%s", l.items[i], strict ?
			" AND state = 'issued'" : "");
		ck_assert_msg(test_sql_int(st, sql) == 1,
			"file without its row: %s", l.items[i]);
	}
	setara__strlist_dispose(&l);
	if (strict)
		ck_assert_int_eq(test_sql_int(st, "SELECT count(*) FROM issued"
			" WHERE state = 'pending'"), 0);
	ck_assert_int_eq(test_sql_int(st, "SELECT count(*) FROM issued i"
		" JOIN status_list l ON l.id = i.list"
		" WHERE i.status_index >= l.next_index"), 0);
	ck_assert_int_eq(test_sql_int(st, "SELECT count(*) FROM (SELECT list,"
		" status_index FROM issued GROUP BY 1, 2 HAVING count(*) > 1)"),
		0);
}

/* ---- one loop ----------------------------------------------------------- */

typedef struct fx {
	const struct op *op;
	int kind;
	long n;                 /* the fault point, -1 none */
	char dir[512];          /* this run's directory */
	char out[600];          /* where the call writes */
	setara_store *st;       /* a store for the call */
	setara_buf before;      /* the store's rows before the call */
	/* results */
	setara_buf buf;
	setara_verdict *verdict;
	setara_verifier *v;
	void *p[3];             /* the loop's own objects */
	int n1, n2, n3;
	char text[256];
} fx;

typedef struct op {
	const char *name;
	unsigned kinds;         /* 1 << K_* that apply */
	int store;              /* 0 none; 1 the shared template, read;
	                           2 a copy of it; 3 a copy of empty.db */
	int partial;            /* may leave part of its work done: the
	                           failed() checks say what is allowed */
	void (*setup)(fx *x);   /* before the fault is armed */
	int (*call)(fx *x);
	void (*ok)(fx *x);      /* checks after success */
	void (*failed)(fx *x);  /* more checks after an error */
	void (*release)(fx *x); /* results of either */
} op;

/* Results of the run without faults, which an absorbed fault keeps. */
static struct {
	setara_buf buf;
	int n1, n2, n3;
	char text[256];
} baseline;

static setara_store *shared_store;

static void prepare(fx *x, const op *o, int kind, long n)
{
	memset(x, 0, sizeof(*x));
	x->op = o;
	x->kind = kind;
	x->n = n;
	snprintf(x->dir, sizeof(x->dir), "%s/run", base);
	rm_rf(x->dir);
	ck_assert_int_eq(mkdir(x->dir, 0755), 0);
	snprintf(x->out, sizeof(x->out), "%s/out", x->dir);
	ck_assert_int_eq(mkdir(x->out, 0755), 0);
	if (o->store == 1) {
		if (shared_store == NULL)
			ck_assert_int_eq(setara_store_open(&shared_store,
				at_base("tmpl.db"), SETARA_STORE_READONLY), 0);
		x->st = shared_store;
	} else if (o->store >= 2) {
		char db[600];

		snprintf(db, sizeof(db), "%s/s.db", x->dir);
		copy_file(at_base(o->store == 2 ? "tmpl.db" : "empty.db"), db);
		ck_assert_int_eq(setara_store_open(&x->st, db, 0), 0);
		store_digest(&x->before, x->st);
	}
	if (o->setup)
		o->setup(x);
	setara_error_clear();
}

static void finish(fx *x)
{
	if (x->op->release)
		x->op->release(x);
	setara_buf_dispose(&x->buf);
	setara_buf_dispose(&x->before);
	setara_verdict_free(x->verdict);
	setara_cred_verifier_free(x->v);
	if (x->op->store >= 2)
		setara_store_free(x->st);
}

/* The code each kind of fault calls for. */
static int code_expected(int kind, int code)
{
	switch (kind) {
	case K_ALLOC: return code == SETARA_ENOMEM;
	case K_SQLITE_IO: return code == SETARA_ESTORE || code == SETARA_EIO;
	case K_SQLITE_MEM: return code == SETARA_ESTORE ||
		code == SETARA_ENOMEM;
	default: return code == SETARA_EIO;
	}
}

/* After an error: clean, and the store as it was. */
static void check_failure(fx *x, int rc, long n)
{
	const setara_error *e = setara_error_last();

	ck_assert_msg(rc < 0, "%s/%s, fault %ld: returned %d",
		x->op->name, kind_name[x->kind], n, rc);

	ck_assert_msg(e->code == rc && e->message && *e->message,
		"%s/%s, fault %ld: returned %d, last error %d '%s'",
		x->op->name, kind_name[x->kind], n, rc, e->code, e->message);
	ck_assert_msg(code_expected(x->kind, rc), "%s/%s, fault %ld: %s (%d):"
		" %s", x->op->name, kind_name[x->kind], n,
		setara_error_code_name(rc), rc, e->message);
	if (x->op->store >= 2 && !x->op->partial) {
		setara_buf after;
		char line[600];

		store_digest(&after, x->st);
		ck_assert_msg(after.size == x->before.size &&
			memcmp(after.ptr, x->before.ptr, after.size) == 0,
			"%s/%s, fault %ld: the store changed (%s): %s",
			x->op->name, kind_name[x->kind], n, e->message,
			first_difference(&x->before, &after, line,
			sizeof(line)));
		setara_buf_dispose(&after);
	}
	if (x->op->failed)
		x->op->failed(x);
}

/*
 * The next N to try.  The full tier tries every one up to FULL_SAMPLES
 * points, and as many spread over the loops with more (sqlite allocates
 * tens of thousands of times to open and load a store); the quick tier
 * the first four, about QUICK_SAMPLES spread over the rest, and the last
 * two (where commits and clean-ups are).
 */
static long next_n(long n, long points)
{
	long stride, samples = full_tier() ? FULL_SAMPLES : QUICK_SAMPLES;

	if (points < 0 || n < 3 || n >= points - 2)
		return n + 1;
	stride = points / samples;
	if (stride < 1)
		stride = 1;
	return n + stride < points - 2 ? n + stride : points - 2;
}

/* A run that absorbed its fault gives the result of the run without. */
static void same_result(fx *x, long n)
{
	char line[600];

	ck_assert_msg(x->n1 == baseline.n1 && x->n2 == baseline.n2 &&
		x->n3 == baseline.n3 && strcmp(x->text, baseline.text) == 0,
		"%s/%s, fault %ld absorbed: result (%d %d %d '%s'), without "
		"faults (%d %d %d '%s')", x->op->name, kind_name[x->kind], n,
		x->n1, x->n2, x->n3, x->text, baseline.n1, baseline.n2,
		baseline.n3, baseline.text);
	if (x->buf.size != baseline.buf.size || (x->buf.size != 0 &&
	    memcmp(x->buf.ptr, baseline.buf.ptr, x->buf.size) != 0))
		ck_abort_msg("%s/%s, fault %ld absorbed: output differs (%zu "
			"bytes, without faults %zu): %s", x->op->name,
			kind_name[x->kind], n, x->buf.size, baseline.buf.size,
			first_difference(&baseline.buf, &x->buf, line,
			sizeof(line)));
}

static void run_loop(const op *o, int kind, int persist)
{
	fx x;
	long n, points, calls, failed, runs = 0, absorbed = 0;
	struct timespec t0, t1;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* Without faults: the result to compare with, and the number of
	 * fault points the call passes. */
	prepare(&x, o, kind, -1);
	arm(kind, -1, 0);
	rc = o->call(&x);
	disarm(kind, &points, &failed);
	ck_assert_msg(rc == 0, "%s without faults: %s", o->name,
		setara_error_last()->message);
	if (o->ok)
		o->ok(&x);
	setara_buf_dispose(&baseline.buf);
	setara_buf_put(&baseline.buf, x.buf.ptr ? x.buf.ptr : "", x.buf.size);
	baseline.n1 = x.n1;
	baseline.n2 = x.n2;
	baseline.n3 = x.n3;
	memcpy(baseline.text, x.text, sizeof(x.text));
	finish(&x);

	n = getenv("SETARA_FAULT_FROM") ? atol(getenv("SETARA_FAULT_FROM")) : 0;
	for (; ; n = next_n(n, points)) {
		ck_assert_msg(n < 1000000, "%s/%s: no end", o->name,
			kind_name[kind]);
		prepare(&x, o, kind, n);
		arm(kind, n, persist);
		rc = o->call(&x);
		disarm(kind, &calls, &failed);
		runs++;
		if (failed == 0 || (kind == K_FILE && rc == 0)) {
			/* Past the last fault point: it must succeed. */
			ck_assert_msg(rc == 0, "%s/%s, fault %ld not reached: "
				"%s", o->name, kind_name[kind], n,
				setara_error_last()->message);
			if (o->ok)
				o->ok(&x);
			same_result(&x, n);
			finish(&x);
			break;
		}
		if (rc == 0) {
			absorbed++;
			if (o->ok)
				o->ok(&x);
			same_result(&x, n);
		} else {
			check_failure(&x, rc, n);
		}
		finish(&x);
	}
	rm_rf(x.dir);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (verbose())
		fprintf(stderr, "fault: %-10s %-10s %-10s %5ld points, "
			"%4ld runs, %3ld absorbed, %.2f s\n", o->name,
			kind_name[kind], persist ? "persistent" : "transient",
			points, runs, absorbed, (double)(t1.tv_sec -
			t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
}

/*
 * Loops that still find defects, not yet fixed: the full tier runs them
 * (and fails), the quick tier leaves them out so that 'make check' stays
 * a gate.  Remove a line when its defect is fixed.  None today; the full
 * tier also fails issue/alloc (transient faults and late N): document
 * fields copied with setara__xml_child_text() that run out of memory
 * read as missing ("missing", EINVALID).
 */
static const char *const known_open[] = {
	NULL
};

static void run_op(const op *o, int kind)
{
	const char *const *k;
	const char *only = getenv("SETARA_FAULT_ONLY");
	char name[64];

	snprintf(name, sizeof(name), "%s/%s", o->name, kind_name[kind]);
	if (only && *only && strcmp(only, name) != 0 &&
	    strcmp(only, o->name) != 0)
		return;
	for (k = known_open; *k && !full_tier() && !(only && *only); k++)
		if (strcmp(*k, name) == 0)
			return;
	base_setup();
	ck_assert(o->kinds & (1u << kind));
	run_loop(o, kind, 1);
	if (full_tier() && kind != K_FILE)
		run_loop(o, kind, 0);
	setara_buf_dispose(&baseline.buf);
	setara_store_free(shared_store);
	shared_store = NULL;
}

/* ---- the entry points --------------------------------------------------- */

static const char occupation[] = "th-dsd-bricklaying-plastering-1";

static int new_verifier(fx *x)
{
	setara_verify_options o = SETARA_VERIFY_OPTIONS_INIT;

	o.crosscheck = 1;  /* libxmlsec1 checks every signature too */
	o.trust = trust;
	o.status = at_base("status");
	o.at = (long long)now;
	o.store = x->st;
	return setara_cred_verifier_new(&x->v, &o);
}

/* A new verifier (new_verifier()) in @verifier and the store in @store:
 * what rendering and the ELMO export need in their options. */
static int verifier_and_store(fx *x, setara_verifier **verifier,
	setara_store **store)
{
	int error;

	if ((error = new_verifier(x)) < 0)
		return error;
	*verifier = x->v;
	*store = x->st;
	return 0;
}

/* setara_store_open: a new store, its schema made. */
static int open_call(fx *x)
{
	char path[700];

	snprintf(path, sizeof(path), "%s/new.db", x->out);
	return setara_store_open((setara_store **)&x->p[0], path, 0);
}

static void open_ok(fx *x)
{
	ck_assert_ptr_nonnull(x->p[0]);
	x->n1 = (int)test_sql_int(x->p[0],
		"SELECT count(*) FROM sqlite_master");
}

static void open_failed(fx *x)
{
	setara_store *st = NULL;
	char path[700];

	/* Nothing half made: the store opens, with its whole schema. */
	ck_assert_ptr_null(x->p[0]);
	snprintf(path, sizeof(path), "%s/new.db", x->out);
	ck_assert_msg(setara_store_open(&st, path, 0) == 0, "reopen: %s",
		setara_error_last()->message);
	ck_assert_int_eq(test_sql_int(st, "SELECT count(*) FROM sqlite_master"),
		baseline.n1);
	setara_store_free(st);
}

static void open_release(fx *x)
{
	setara_store_free(x->p[0]);
}

static const op op_open = { "open", 1u << K_ALLOC | 1u << K_SQLITE_IO |
	1u << K_SQLITE_MEM, 0, 0, NULL, open_call, open_ok, open_failed,
	open_release };

/* setara_store_load: the shipped reference data into an empty store. */
static int load_call(fx *x)
{
	setara_load_stats stats = SETARA_LOAD_STATS_INIT;
	int error = setara_store_load(x->st, test_top(), &stats);

	x->n1 = (int)stats.loaded;
	return error;
}

static void load_ok(fx *x)
{
	ck_assert_int_gt(x->n1, 0);
	ck_assert_int_eq(setara_store_is_loaded(x->st), 1);
}

static const op op_load = { "load", 1u << K_ALLOC | 1u << K_SQLITE_IO |
	1u << K_SQLITE_MEM, 3, 0, NULL, load_call, load_ok, NULL, NULL };

/* setara_cred_issue: one transcript, registered. */
static int issue_call(fx *x)
{
	setara_cred_issued info = SETARA_CRED_ISSUED_INIT;
	char path[700];

	snprintf(path, sizeof(path), "%s/t2.xml", x->out);
	return setara_cred_issue(&info, x->st, SETARA_DOC_TRANSCRIPT,
		at_top("examples/transcript.xml"), my_um, path);
}

static void issue_ok(fx *x)
{
	register_consistent(x->st, x->out, 1);
	no_temporaries(x->out, "issue");
	x->n1 = (int)test_sql_int(x->st, "SELECT count(*) FROM issued");
}

/* The register as the files say, before and after recovery. */
static void issue_failed(fx *x)
{
	no_temporaries(x->out, x->op->name);
	register_consistent(x->st, x->out, 0);
	ck_assert_msg(setara_register_recover(x->st, NULL) == 0,
		"recover: %s", setara_error_last()->message);
	register_consistent(x->st, x->out, 1);
	no_temporaries(x->out, x->op->name);
}

static const op op_issue = { "issue", 1u << K_ALLOC | 1u << K_SQLITE_IO |
	1u << K_SQLITE_MEM | 1u << K_FILE, 2, 0, NULL, issue_call, issue_ok,
	issue_failed, NULL };

/* setara_issue_batch: three transcripts; documents written before a
 * failure stay issued. */
static void batch_record_failed(unsigned long number, const setara_error *e,
	void *payload)
{
	fx *x = payload;

	(void)number;
	/* A record given up for a fault must say so, not blame the data. */
	if (!code_expected(x->kind, e->code) && x->n3 == 0) {
		x->n3 = e->code;
		snprintf(x->text, sizeof(x->text), "%s", e->message);
	}
}

static int batch_call(fx *x)
{
	setara_batch_options bo = SETARA_BATCH_OPTIONS_INIT;
	setara_batch_stats stats;
	int error;

	memset(&stats, 0, sizeof(stats));
	bo.jobs = 1;
	bo.record_failed = batch_record_failed;
	bo.payload = x;
	error = setara_issue_batch(&stats, x->st, SETARA_DOC_TRANSCRIPT,
		at_base("batch.xml"), my_um, x->out, &bo);
	x->n1 = (int)stats.total;
	x->n2 = (int)(stats.issued + stats.skipped + stats.failed);
	return error;
}

static void batch_ok(fx *x)
{
	ck_assert_msg(x->n3 == 0, "batch/%s: a record failed with %d: %s",
		kind_name[x->kind], x->n3, x->text);
	ck_assert_int_eq(x->n1, 3);
	ck_assert_int_eq(x->n2, 3);
	register_consistent(x->st, x->out, 1);
	no_temporaries(x->out, "batch");
}

static const op op_batch = { "batch", 1u << K_ALLOC | 1u << K_SQLITE_IO |
	1u << K_SQLITE_MEM | 1u << K_FILE, 2, 1, NULL, batch_call, batch_ok,
	issue_failed, NULL };

/* setara_register_revoke: the template's transcript. */
static int revoke_call(fx *x)
{
	return setara_register_revoke(x->st, transcript_id, "fault test");
}

static void revoke_ok(fx *x)
{
	setara_doc_status s;

	ck_assert_int_eq(setara_register_status(&s, x->st, transcript_id), 0);
	x->n1 = (int)s;
	ck_assert_int_eq(x->n1, SETARA_DOC_REVOKED);
	x->n2 = (int)test_sql_int(x->st, "SELECT count(*) FROM status_change");
}

static const op op_revoke = { "revoke", 1u << K_ALLOC |
	1u << K_SQLITE_IO | 1u << K_SQLITE_MEM, 2, 0, NULL, revoke_call,
	revoke_ok, NULL, NULL };

/* setara_status_publish: my-um's two lists into a directory.  A list
 * written before a failure stays, with its audit entry. */
static int publish_call(fx *x)
{
	setara_publish_options po = SETARA_PUBLISH_OPTIONS_INIT;
	char dir[700];

	po.issuer = "my-um";
	snprintf(dir, sizeof(dir), "%s/", x->out);
	return setara_status_publish(x->st, my_um, dir, &po, NULL, NULL);
}

/* Each list file is whole, and has its entry in the audit log. */
static void published_whole(fx *x)
{
	setara__strlist l;
	size_t i;
	char sql[1200];

	no_temporaries(x->out, "publish");
	list_files(&l, x->out);
	for (i = 0; i < l.count; i++) {
		xmlDocPtr doc = NULL;
		xmlNodePtr last;

		ck_assert_int_eq(setara__xml_parse_file(&doc, l.items[i], 0),
			0);
		last = xmlGetLastChild(xmlDocGetRootElement(doc));
		ck_assert_msg(last && xmlStrEqual(last->name,
			BAD_CAST "Signature"), "%s: not whole", l.items[i]);
		xmlFreeDoc(doc);
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit WHERE"
			" action = 'publish' AND detail = '%s'", l.items[i]);
		ck_assert_msg(test_sql_int(x->st, sql) == 1, "%s: published "
			"without its audit entry", l.items[i]);
	}
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit WHERE"
		" action = 'publish' AND detail LIKE '%s/%%'", x->out);
	ck_assert_int_eq(test_sql_int(x->st, sql), (long long)l.count);
	x->n1 = (int)l.count;
	setara__strlist_dispose(&l);
}

static const op op_publish = { "publish", 1u << K_ALLOC |
	1u << K_SQLITE_IO | 1u << K_SQLITE_MEM | 1u << K_FILE, 2, 1, NULL,
	publish_call, published_whole, published_whole, NULL };

/* setara_cred_verify: the template's transcript, every check. */
static void verdict_result(fx *x)
{
	int i;

	x->n1 = (int)setara_verdict_result(x->verdict);
	for (i = 0; i < SETARA_CHECK_COUNT; i++)
		x->n2 = x->n2 * 4 + (int)setara_verdict_check(x->verdict,
			(setara_check)i, NULL);
}

static int verify_call(fx *x)
{
	int error;

	if ((error = new_verifier(x)) < 0)
		return error;
	return setara_cred_verify(&x->verdict, x->v, at_base("t.xml"));
}

static void verify_ok(fx *x)
{
	setara_check c = setara_verdict_first_problem(x->verdict);
	const char *reason = NULL;

	if (c != SETARA_CHECK_COUNT)
		setara_verdict_check(x->verdict, c, &reason);
	verdict_result(x);
	ck_assert_msg(x->n1 == SETARA_RESULT_VALID, "%s/%s, fault %ld: %s: %s",
		x->op->name, kind_name[x->kind], x->n,
		setara_cred_check_name(c), reason ? reason : "-");
}

static const op op_verify = { "verify", 1u << K_ALLOC |
	1u << K_SQLITE_MEM, 1, 0, NULL, verify_call, verify_ok, NULL, NULL };

/* setara_transfer_evaluate: the sample record at my-um. */
static void transfer_release(fx *x)
{
	setara_transfer_decision_free(x->p[2]);
	setara_record_free(x->p[1]);
	setara_transfer_rules_free(x->p[0]);
}

static int transfer_call(fx *x)
{
	setara_transfer_options o = SETARA_TRANSFER_OPTIONS_INIT;
	int error;

	o.at = "2026-11-23";
	if ((error = setara_transfer_rules_load((setara_transfer_rules **)
	    &x->p[0], x->st, "my-um", NULL)) < 0 ||
	    (error = setara_record_load((setara_record **)&x->p[1],
	    at_top("examples/record.xml"))) < 0)
		return error;
	return setara_transfer_evaluate((setara_transfer_decision **)&x->p[2],
		x->p[0], x->p[1], &o);
}

static void transfer_ok(fx *x)
{
	const setara_transfer_totals *t =
		setara_transfer_decision_totals(x->p[2]);

	x->n1 = (int)t->granted;
	x->n2 = (int)t->partial;
	x->n3 = (int)t->refused;
	snprintf(x->text, sizeof(x->text), "%s %s", t->credits_converted,
		t->credits_granted);
}

static const op op_transfer = { "transfer", 1u << K_ALLOC |
	1u << K_SQLITE_MEM, 1, 0, NULL, transfer_call, transfer_ok, NULL,
	transfer_release };

/* setara_transfer_decision_write: the decision, to a file. */
static void decision_setup(fx *x)
{
	ck_assert_int_eq(transfer_call(x), 0);
}

static int decision_call(fx *x)
{
	char path[700];

	snprintf(path, sizeof(path), "%s/decision.xml", x->out);
	return setara_transfer_decision_write(x->p[2], path);
}

static void decision_ok(fx *x)
{
	char path[700];

	snprintf(path, sizeof(path), "%s/decision.xml", x->out);
	ck_assert(setara__exists(path));
	no_temporaries(x->out, "decision");
}

static void decision_failed(fx *x)
{
	setara__strlist l;

	list_files(&l, x->out);
	ck_assert_msg(l.count == 0, "decision: left behind: %s", l.items[0]);
	setara__strlist_dispose(&l);
}

static const op op_decision = { "decision", 1u << K_ALLOC | 1u << K_FILE,
	1, 0, decision_setup, decision_call, decision_ok, decision_failed,
	transfer_release };

/* setara_mrs_check: the recognised certificate, verified. */
static int mrs_call(fx *x)
{
	setara_mrs_options o = SETARA_MRS_OPTIONS_INIT;
	int error;

	o.at = (long long)now;
	if ((error = new_verifier(x)) < 0)
		return error;
	return setara_mrs_check((setara_mrs_decision **)&x->p[0], x->st,
		x->v, at_base("c.xml"), occupation, &o);
}

static void mrs_ok(fx *x)
{
	const char *basis = setara_mrs_decision_basis(x->p[0]);

	x->n1 = (int)setara_mrs_decision_outcome(x->p[0]);
	x->n2 = (int)setara_mrs_decision_trace_count(x->p[0]);
	ck_assert_int_eq(x->n1, SETARA_MRS_RECOGNISED);
	snprintf(x->text, sizeof(x->text), "%s", basis ? basis : "-");
}

static void mrs_release(fx *x)
{
	setara_mrs_decision_free(x->p[0]);
}

static const op op_mrs = { "mrs", 1u << K_ALLOC | 1u << K_SQLITE_MEM, 1,
	0, NULL, mrs_call, mrs_ok, NULL, mrs_release };

/* setara_cred_render_file: the transcript as HTML, with its verdict. */
static int render_call(fx *x)
{
	setara_render_options o = SETARA_RENDER_OPTIONS_INIT;
	int error;

	if ((error = verifier_and_store(x, &o.verifier, &o.store)) < 0)
		return error;
	return setara_cred_render_file(&x->buf, &x->verdict, at_base("t.xml"),
		&o);
}

static void render_ok(fx *x)
{
	ck_assert_uint_gt(x->buf.size, 0);
	verdict_result(x);
}

static const op op_render = { "render", 1u << K_ALLOC |
	1u << K_SQLITE_MEM, 1, 0, NULL, render_call, render_ok, NULL, NULL };

/* setara_cred_export_elmo of @file with ELMO @version, unsigned. */
static int export_file(fx *x, const char *file, int version)
{
	setara_elmo_options o = SETARA_ELMO_OPTIONS_INIT;
	setara_buf in = SETARA_BUF_INIT;
	int error;

	if ((error = verifier_and_store(x, &o.verifier, &o.store)) < 0)
		return error;
	o.elmo_version = version;
	if ((error = setara__read_file(&in, at_base(file), 0)) == 0)
		error = setara_cred_export_elmo(&x->buf, &x->verdict, in.ptr,
			in.size, file, &o);
	setara_buf_dispose(&in);
	return error;
}

/* setara_cred_export_elmo: the transcript as ELMO, unsigned. */
static int export_call(fx *x)
{
	return export_file(x, "t.xml", 1);
}

static const op op_export = { "export", 1u << K_ALLOC |
	1u << K_SQLITE_MEM, 1, 0, NULL, export_call, render_ok, NULL, NULL };

/* setara_cred_export_elmo: a signed decision as ELMO 2.0.0 results of
 * recognition (the institutions looked up in the store), unsigned. */
static int export2_call(fx *x)
{
	return export_file(x, "d.xml", 2);
}

static const op op_export2 = { "export2", 1u << K_ALLOC |
	1u << K_SQLITE_MEM, 1, 0, NULL, export2_call, render_ok, NULL, NULL };

/* ---- suite -------------------------------------------------------------- */

#define FAULT_TEST(name, kind) \
	START_TEST(test_fault_##name##__##kind) \
	{ \
		run_op(&op_##name, K_##kind); \
	} \
	END_TEST

FAULT_TEST(open, ALLOC)
FAULT_TEST(open, SQLITE_IO)
FAULT_TEST(open, SQLITE_MEM)
FAULT_TEST(load, ALLOC)
FAULT_TEST(load, SQLITE_IO)
FAULT_TEST(load, SQLITE_MEM)
FAULT_TEST(issue, ALLOC)
FAULT_TEST(issue, SQLITE_IO)
FAULT_TEST(issue, SQLITE_MEM)
FAULT_TEST(issue, FILE)
FAULT_TEST(batch, ALLOC)
FAULT_TEST(batch, SQLITE_IO)
FAULT_TEST(batch, SQLITE_MEM)
FAULT_TEST(batch, FILE)
FAULT_TEST(revoke, ALLOC)
FAULT_TEST(revoke, SQLITE_IO)
FAULT_TEST(revoke, SQLITE_MEM)
FAULT_TEST(publish, ALLOC)
FAULT_TEST(publish, SQLITE_IO)
FAULT_TEST(publish, SQLITE_MEM)
FAULT_TEST(publish, FILE)
FAULT_TEST(verify, ALLOC)
FAULT_TEST(verify, SQLITE_MEM)
FAULT_TEST(transfer, ALLOC)
FAULT_TEST(transfer, SQLITE_MEM)
FAULT_TEST(decision, ALLOC)
FAULT_TEST(decision, FILE)
FAULT_TEST(mrs, ALLOC)
FAULT_TEST(mrs, SQLITE_MEM)
FAULT_TEST(render, ALLOC)
FAULT_TEST(render, SQLITE_MEM)
FAULT_TEST(export, ALLOC)
FAULT_TEST(export, SQLITE_MEM)
FAULT_TEST(export2, ALLOC)
FAULT_TEST(export2, SQLITE_MEM)

Suite *fault_suite(void);

Suite *fault_suite(void)
{
	const test_def tests[] = {
		{ "store", test_fault_open__ALLOC },
		{ "store", test_fault_open__SQLITE_IO },
		{ "store", test_fault_open__SQLITE_MEM },
		{ "store", test_fault_load__ALLOC },
		{ "store", test_fault_load__SQLITE_IO },
		{ "store", test_fault_load__SQLITE_MEM },
		{ "register", test_fault_issue__ALLOC },
		{ "register", test_fault_issue__SQLITE_IO },
		{ "register", test_fault_issue__SQLITE_MEM },
		{ "register", test_fault_issue__FILE },
		{ "register", test_fault_batch__ALLOC },
		{ "register", test_fault_batch__SQLITE_IO },
		{ "register", test_fault_batch__SQLITE_MEM },
		{ "register", test_fault_batch__FILE },
		{ "register", test_fault_revoke__ALLOC },
		{ "register", test_fault_revoke__SQLITE_IO },
		{ "register", test_fault_revoke__SQLITE_MEM },
		{ "register", test_fault_publish__ALLOC },
		{ "register", test_fault_publish__SQLITE_IO },
		{ "register", test_fault_publish__SQLITE_MEM },
		{ "register", test_fault_publish__FILE },
		{ "read", test_fault_verify__ALLOC },
		{ "read", test_fault_verify__SQLITE_MEM },
		{ "read", test_fault_transfer__ALLOC },
		{ "read", test_fault_transfer__SQLITE_MEM },
		{ "read", test_fault_decision__ALLOC },
		{ "read", test_fault_decision__FILE },
		{ "read", test_fault_mrs__ALLOC },
		{ "read", test_fault_mrs__SQLITE_MEM },
		{ "read", test_fault_render__ALLOC },
		{ "read", test_fault_render__SQLITE_MEM },
		{ "read", test_fault_export__ALLOC },
		{ "read", test_fault_export__SQLITE_MEM },
		{ "read", test_fault_export2__ALLOC },
		{ "read", test_fault_export2__SQLITE_MEM },
	};
	const test_case_opts opts[] = {
		{ "*", full_tier() ? 7200 : 300, base_setup, NULL, NULL,
		  NULL },
	};

	clock_at("2026-11-23T10:00:00Z");
	/* sqlite's allocator is chosen before sqlite starts. */
	sqlite_hooks();
	return TEST_SUITE("fault", tests, opts);
}

SETARA_CHECK_MAIN(fault_suite)
