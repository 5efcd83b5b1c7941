/*
 * Batch issuing: many records, all cores, constant memory, crash-safe and
 * idempotent.
 *
 * Records are read one chunk at a time (src/util/records.c).  Each chunk
 * goes through:
 *   A. in parallel: the record's key (SHA-256 of type, signer certificate
 *      and the record's exclusive canonical form), build and validate the
 *      document, check the signer;
 *   B. serially, one transaction: reserve a register row and status index
 *      for each new record (a key already issued is skipped);
 *   C. in parallel: status entries, signature, temporary file;
 *   D. serially: one sync of the output directory, every rename, then one
 *      transaction marking the rows issued.
 * A crash anywhere leaves pending rows that setara_register_recover()
 * settles (see src/store/register_int.h); a re-run skips what was issued.
 * Memory holds one chunk, whatever the number of records.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libxml/c14n.h>

#include "cred_int.h"
#include "setara/register.h"
#include "store/register_int.h"
#include "util/records.h"

/* Records per chunk and thread. */
#define CHUNK_PER_JOB 128

enum { J_NEW, J_SKIP, J_FAILED, J_BUILT, J_RESERVED, J_WRITTEN };

typedef struct job {
	xmlDocPtr record;
	setara__record_pos pos;
	int state;
	char key[65];
	xmlDocPtr doc;
	char *id, *issuer, *issuer_name, *issuer_country, *subject;
	char *path, *tmp;
	setara_register__slot slot;
	char hex[65];
	/* the error of a failed record, copied out of its thread */
	setara_error err;
	char emsg[512], efile[256], efield[128];
} job;

typedef struct ctx {
	const setara_cred__type *type;
	const setara_signer *signer;
	const char *out_dir;
	char signer_fp[65];
	job *jobs;
	size_t n;
	atomic_size_t next;
	void (*fn)(struct ctx *c, job *j);
} ctx;

static void keep_error(job *j)
{
	const setara_error *e = setara_error_last();

	j->state = J_FAILED;
	j->err = *e;
	snprintf(j->emsg, sizeof(j->emsg), "%s", e->message ? e->message :
		"failed");
	j->err.message = j->emsg;
	if (e->file) {
		snprintf(j->efile, sizeof(j->efile), "%s", e->file);
		j->err.file = j->efile;
	} else {
		j->err.file = j->pos.file;
	}
	if (e->field) {
		snprintf(j->efield, sizeof(j->efield), "%s", e->field);
		j->err.field = j->efield;
	}
	/* A line inside the record counts from the record's first line. */
	if (j->err.line > 0 && j->pos.line > 0 && e->file &&
	    strcmp(e->file, j->pos.file) == 0)
		j->err.line = j->pos.line + j->err.line - 1;
	else if (j->err.line == 0)
		j->err.line = j->pos.line;
	if (j->err.code == 0)
		j->err.code = SETARA_ERROR;
}

static char *header_attr(xmlNodePtr root, const char *el, const char *attr)
{
	xmlNodePtr n = setara__xml_child(root, SETARA_NS_DOC, el);
	xmlChar *v = n ? xmlGetProp(n, (const xmlChar *)attr) : NULL;
	char *s = v ? setara__strdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

/* Phase A: key, build, validate, signer check. */
static void phase_build(ctx *c, job *j)
{
	xmlChar *canon = NULL;
	xmlNodePtr root, n;
	setara_buf keyed = SETARA_BUF_INIT;
	const char *name = j->pos.file;
	int len;

	len = xmlC14NDocDumpMemory(j->record, NULL, XML_C14N_EXCLUSIVE_1_0,
		NULL, 0, &canon);
	if (len <= 0 || canon == NULL) {
		setara_error__data(j->pos.file, j->pos.line, NULL,
			"cannot canonicalise the record");
		goto fail;
	}
	if (setara_buf_puts(&keyed, c->type->name) < 0 ||
	    setara_buf_put(&keyed, "", 1) < 0 ||
	    setara_buf_puts(&keyed, c->signer_fp) < 0 ||
	    setara_buf_put(&keyed, "", 1) < 0 ||
	    setara_buf_put(&keyed, canon, (size_t)len) < 0 ||
	    setara__sha256_hex(j->key, keyed.ptr, keyed.size) < 0)
		goto fail;
	if (setara_cred_build(&j->doc, c->type->type, (const char *)canon,
	    (size_t)len, name) < 0 ||
	    setara_cred__check_signer(c->signer, j->doc, name) < 0)
		goto fail;
	root = xmlDocGetRootElement(j->doc);
	j->id = setara__xml_child_text(root, SETARA_NS_DOC, "id");
	j->issuer = header_attr(root, "issuer", "id");
	j->issuer_country = header_attr(root, "issuer", "country");
	j->subject = header_attr(root, "subject", "id");
	if ((n = setara__xml_child(root, SETARA_NS_DOC, "issuer")))
		j->issuer_name = setara__xml_child_text(n, SETARA_NS_DOC,
			"name");
	j->path = setara__asprintf("%s/%s-%.16s.xml", c->out_dir,
		c->type->name, j->key);
	if (!j->id || !j->issuer || !j->subject || !j->path) {
		setara_error__data(name, 0, NULL,
			"the document lacks an id, issuer or subject");
		goto fail;
	}
	j->state = J_BUILT;
	goto done;
fail:
	keep_error(j);
done:
	xmlFree(canon);
	setara_buf_dispose(&keyed);
	xmlFreeDoc(j->record);
	j->record = NULL;
}

/* Phase C: status entries, signature, temporary file (synced later). */
static void phase_sign(ctx *c, job *j)
{
	xmlChar *mem = NULL;
	int len = 0;

	if (setara_cred__add_status(j->doc, j->slot.revocation_list,
	    j->slot.index, 0) < 0 ||
	    setara_cred__add_status(j->doc, j->slot.suspension_list,
	    j->slot.index, 1) < 0 ||
	    setara_cred_sign(j->doc, c->signer) < 0)
		goto fail;
	xmlDocDumpMemoryEnc(j->doc, &mem, &len, "UTF-8");
	if (mem == NULL || len <= 0) {
		setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
			j->path, 0, NULL, "cannot serialise the document");
		goto fail;
	}
	if (setara__sha256_hex(j->hex, mem, (size_t)len) < 0 ||
	    setara__write_temp(&j->tmp, j->path, mem, (size_t)len, 0644,
	    0) < 0)
		goto fail;
	j->state = J_WRITTEN;
	goto done;
fail:
	keep_error(j);
done:
	xmlFree(mem);
	xmlFreeDoc(j->doc);
	j->doc = NULL;
}

static void phase_build_if_new(ctx *c, job *j)
{
	if (j->state == J_NEW)
		phase_build(c, j);
}

static void phase_sign_if_reserved(ctx *c, job *j)
{
	if (j->state == J_RESERVED)
		phase_sign(c, j);
}

static void *worker(void *arg)
{
	ctx *c = arg;
	size_t i;

	while ((i = atomic_fetch_add(&c->next, 1)) < c->n)
		c->fn(c, &c->jobs[i]);
	return NULL;
}

/* Run c->fn over every job with @threads threads (the caller is one). */
static void parallel(ctx *c, int threads, void (*fn)(ctx *, job *))
{
	pthread_t tid[64];
	int i, started = 0;

	c->fn = fn;
	atomic_store(&c->next, 0);
	for (i = 1; i < threads && i < 64; i++)
		if (pthread_create(&tid[started], NULL, worker, c) == 0)
			started++;
	worker(c);
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
}

static void job_dispose(job *j)
{
	xmlFreeDoc(j->record);
	xmlFreeDoc(j->doc);
	setara__free(j->id);
	setara__free(j->issuer);
	setara__free(j->issuer_name);
	setara__free(j->issuer_country);
	setara__free(j->subject);
	setara__free(j->path);
	if (j->tmp) {
		unlink(j->tmp);
		setara__free(j->tmp);
	}
	memset(j, 0, sizeof(*j));
}

/* Phase B: register rows, one transaction for the chunk. */
static int reserve_all(setara_store *st, ctx *c)
{
	setara_register__doc d;
	size_t i;
	int error, existing;

	if ((error = setara_store__begin(st)) < 0)
		return error;
	for (i = 0; i < c->n; i++) {
		job *j = &c->jobs[i];

		if (j->state != J_BUILT)
			continue;
		memset(&d, 0, sizeof(d));
		d.id = j->id;
		d.type = c->type->name;
		d.issuer = j->issuer;
		d.issuer_name = j->issuer_name;
		d.issuer_country = j->issuer_country;
		d.subject = j->subject;
		d.record_key = j->key;
		d.path = j->path;
		error = setara_register__reserve(st, &d, &j->slot, &existing);
		if (error == SETARA_EEXISTS) {
			/* Pending in another run: not ours to abandon. */
			keep_error(j);
			j->slot.id[0] = '\0';
			error = 0;
			continue;
		}
		if (error < 0)
			goto fail;
		j->state = existing ? J_SKIP : J_RESERVED;
	}
	return setara_store__commit(st);
fail:
	setara_store__rollback(st);
	return error;
}

/* Phase D: sync, rename, mark issued. */
static int commit_all(setara_store *st, ctx *c)
{
	size_t i;
	int error, dfd;

	/* One sync for all the temporary files of the chunk. */
	if ((dfd = open(c->out_dir, O_RDONLY | O_DIRECTORY)) >= 0) {
		syncfs(dfd);
		close(dfd);
	}
	for (i = 0; i < c->n; i++) {
		job *j = &c->jobs[i];

		if (j->state != J_WRITTEN)
			continue;
		if (setara__commit_temp(j->tmp, j->path, 0) < 0) {
			keep_error(j);
			continue;
		}
		setara__free(j->tmp);
		j->tmp = NULL;
	}
	if ((dfd = open(c->out_dir, O_RDONLY | O_DIRECTORY)) >= 0) {
		fsync(dfd);
		close(dfd);
	}
	if ((error = setara_store__begin(st)) < 0)
		return error;
	for (i = 0; i < c->n; i++) {
		job *j = &c->jobs[i];

		if (j->state == J_WRITTEN)
			error = setara_register__complete(st, j->slot.id,
				j->hex);
		else if (j->state == J_FAILED && j->slot.id[0])
			/* Reserved, then failed before its file existed. */
			error = setara_register__abandon(st, j->slot.id);
		if (error < 0)
			goto fail;
	}
	return setara_store__commit(st);
fail:
	setara_store__rollback(st);
	return error;
}

int setara_issue_batch(setara_batch_stats *out, setara_store *st,
	setara_doc_type type, const char *input, const setara_signer *signer,
	const char *out_dir, const setara_batch_options *opts)
{
	setara_batch_options defaults = SETARA_BATCH_OPTIONS_INIT;
	setara_batch_stats stats;
	setara__records *r = NULL;
	ctx c;
	size_t cap = 0, i;
	unsigned long done = 0;
	long ncpu;
	int threads, error;

	SETARA_ASSERT_ARG(st && input && signer && out_dir);
	memset(&c, 0, sizeof(c));
	memset(&stats, 0, sizeof(stats));
	stats.version = SETARA_BATCH_STATS_VERSION;
	if (opts == NULL)
		opts = &defaults;
	if ((c.type = setara_cred__type_get(type)) == NULL)
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, "TYPE", "unknown document type");
	c.signer = signer;
	c.out_dir = out_dir;
	threads = opts->jobs;
	if (threads <= 0) {
		ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		threads = ncpu > 0 ? (int)ncpu : 1;
	}
	if (threads > 64)
		threads = 64;
	if ((error = setara__sha256_hex(c.signer_fp, signer->certs_b64[0],
	    strlen(signer->certs_b64[0]))) < 0)
		return error;
	if (mkdir(out_dir, 0755) < 0 && !setara__is_dir(out_dir))
		return setara_error__os(out_dir, "cannot create directory");
	if ((error = setara_store__lock_issuing(st, 1)) < 0 ||
	    (error = setara_register_recover(st, NULL)) < 0 ||
	    (error = setara__records_open(&r, input)) < 0)
		goto done;
	stats.total = setara__records_total(r);
	cap = (size_t)threads * CHUNK_PER_JOB;
	if ((c.jobs = setara__calloc(cap, sizeof(job))) == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	for (;;) {
		/* Read one chunk. */
		c.n = 0;
		while (c.n < cap) {
			job *j = &c.jobs[c.n];
			int rc = setara__records_next(r, &j->record, &j->pos);

			if (rc < 0) {
				j->state = J_FAILED;
				keep_error(j);
				c.n++;
				continue;
			}
			if (j->record == NULL)
				break;
			j->state = J_NEW;
			c.n++;
		}
		if (c.n == 0)
			break;
		parallel(&c, threads, phase_build_if_new);
		if ((error = reserve_all(st, &c)) < 0)
			goto done;
		parallel(&c, threads, phase_sign_if_reserved);
		if ((error = commit_all(st, &c)) < 0)
			goto done;
		for (i = 0; i < c.n; i++) {
			job *j = &c.jobs[i];

			if (j->state == J_WRITTEN)
				stats.issued++;
			else if (j->state == J_SKIP)
				stats.skipped++;
			else {
				stats.failed++;
				if (opts->record_failed)
					opts->record_failed(j->pos.number,
						&j->err, opts->payload);
			}
			job_dispose(j);
		}
		done += c.n;
		if (opts->progress)
			opts->progress(done, stats.total, opts->payload);
	}
	if (stats.total < done)
		stats.total = done;
done:
	if (c.jobs) {
		for (i = 0; i < cap; i++)
			job_dispose(&c.jobs[i]);
		setara__free(c.jobs);
	}
	setara__records_free(r);
	if (out)
		*out = stats;
	return error;
}
