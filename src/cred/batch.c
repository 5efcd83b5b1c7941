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
 * settles (see src/store/store_api.h); a re-run skips what was issued.
 *
 * A record that cannot be built fails alone: it is reported and the others
 * go on.  A document that cannot be written (a full disk, a failing sync or
 * rename) stops the batch: every record after it would fail the same way.
 * Its chunk is committed as far as it got, the records still in flight are
 * dropped, the rows reserved for them settled as recovery settles them, and
 * the batch fails once with SETARA_EIO naming the output directory.
 *
 * With one job everything runs in the calling thread, chunk after chunk.
 * With N jobs, N workers run the parallel phases while the calling thread
 * (the coordinator) reads records and does B and D; up to PIPELINE chunks
 * are in flight, so the serial work of one chunk overlaps the parallel
 * work of the others.  B and D keep the order of the chunks.  In A the
 * workers take a chunk's records as they come, each up to a limit (see
 * claim_limit()); a record then stays with the worker that built it, so
 * the memory a worker allocates is freed by that worker.  Memory holds
 * PIPELINE chunks, whatever the number of records.
 */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libxml/c14n.h>

#include "cred_int.h"
#include "setara/register.h"
#include "store/store_api.h"
#include "util/records.h"

/*
 * Records per chunk: with one job, enough to spread the cost of the syncs
 * of a chunk; with N, fewer per worker, since PIPELINE chunks are in
 * memory at once.
 */
#define CHUNK_SERIAL 128
#define CHUNK_PER_JOB 32
#define PIPELINE 3

enum { J_NEW, J_SKIP, J_DUPLICATE, J_FAILED, J_BUILT, J_RESERVED, J_WRITTEN };

typedef struct job {
	setara__record rec;
	int state;
	char key[65];
	xmlDocPtr doc;
	char *id, *issuer, *issuer_name, *issuer_country, *subject, *issued;
	char *path, *tmp;
	setara_register__slot slot;
	int worker;
	int lines_in_file; /* its tree has the file's line numbers */
	int io_failed;     /* its file could not be written: stop */
	char hex[65];
	/* the error of a failed record, copied out of its thread */
	setara_error err;
	char emsg[512], efile[256], efield[128];
} job;

typedef struct ctx {
	const setara_cred__type *type;
	const setara_signer *signer;
	const setara_cred__batch_format *fmt; /* NULL: signed XML */
	setara_cred__refcheck *refcheck; /* used in phase B only */
	char *out_dir;       /* absolute, as the register keeps paths */
	char signer_fp[65];
	/* Each worker writes its temporary files into a directory of its
	 * own: creating files in one directory from several threads makes
	 * them queue for that directory's lock. */
	char *stage[64];
	char *stage_top;          /* DIR/.setara-tmp, freed by drop_stages() */
	/* the first write failure, which stops the batch */
	int stopped;
	char stop_msg[512];
	int stop_code;            /* the failed write's error code */
} ctx;

/* Records read together, and where they are in the pipeline. */
typedef struct chunk {
	job *jobs;
	size_t n;
	enum { CH_FREE, CH_BUILDING, CH_SIGNING } stage;
	unsigned long task; /* the number of its parallel task */
	size_t claimed;     /* records taken by workers in phase A */
} chunk;

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
		j->err.file = j->rec.pos.file;
	}
	if (e->field) {
		snprintf(j->efield, sizeof(j->efield), "%s", e->field);
		j->err.field = j->efield;
	}
	/* A line inside a record parsed from its own bytes counts from the
	 * record's first line. */
	if (j->err.line > 0 && j->rec.pos.line > 0 && !j->lines_in_file &&
	    e->file && strcmp(e->file, j->rec.pos.file) == 0)
		j->err.line = j->rec.pos.line + j->err.line - 1;
	else if (j->err.line == 0)
		j->err.line = j->rec.pos.line;
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
	const char *name = j->rec.pos.file;
	xmlDocPtr record = NULL;
	int len, error;

	/* A record copied by the streaming reader, or a whole file, keeps
	 * the file's own line numbers. */
	j->lines_in_file = j->rec.doc != NULL || j->rec.whole_file;
	if (setara__record_load(&record, &j->rec) < 0)
		goto fail;
	/* What is issued has no comments or processing instructions (see
	 * setara_cred__plain_tree()); neither has the key. */
	if (setara_cred__plain_tree(record) < 0)
		goto fail;
	len = xmlC14NDocDumpMemory(record, NULL, XML_C14N_EXCLUSIVE_1_0,
		NULL, 0, &canon);
	if (len <= 0 || canon == NULL) {
		/* line 0: keep_error() names the record's line */
		setara_error__data(name, 0, NULL,
			"cannot canonicalise the record");
		goto fail;
	}
	if ((size_t)len > SETARA_CRED_MAX_DOC) {
		setara_error__data(name, 0, NULL,
			"record too large: its canonical form has %d bytes, "
			"the limit is %u", len, SETARA_CRED_MAX_DOC);
		goto fail;
	}
	if (setara_buf_puts(&keyed, c->type->name) < 0 ||
	    setara_buf_put(&keyed, "", 1) < 0 ||
	    setara_buf_puts(&keyed, c->signer_fp) < 0 ||
	    setara_buf_put(&keyed, "", 1) < 0 ||
	    (c->fmt && (setara_buf_puts(&keyed, c->fmt->keyed_with) < 0 ||
	    setara_buf_put(&keyed, "", 1) < 0)) ||
	    setara_buf_put(&keyed, canon, (size_t)len) < 0 ||
	    setara__sha256_hex(j->key, keyed.ptr, keyed.size) < 0)
		goto fail;
	xmlFree(canon);
	canon = NULL;
	setara_buf_dispose(&keyed);
	/* The record's tree is the builder's input (it was parsed from the
	 * file's bytes, as a single 'issue' parses its input file). */
	error = setara_cred__build_doc(&j->doc, c->type, record, name);
	record = NULL;
	if (error < 0 ||
	    setara_cred__check_signer(c->signer, j->doc, name) < 0)
		goto fail;
	root = xmlDocGetRootElement(j->doc);
	j->id = setara__xml_child_text(root, SETARA_NS_DOC, "id");
	j->issued = setara__xml_child_text(root, SETARA_NS_DOC, "issued");
	j->issuer = header_attr(root, "issuer", "id");
	j->issuer_country = header_attr(root, "issuer", "country");
	j->subject = header_attr(root, "subject", "id");
	if ((n = setara__xml_child(root, SETARA_NS_DOC, "issuer")))
		j->issuer_name = setara__xml_child_text(n, SETARA_NS_DOC,
			"name");
	j->path = setara__asprintf("%s/%s-%.16s%s", c->out_dir,
		c->type->name, j->key, c->fmt ? c->fmt->ext : ".xml");
	if (!j->id || !j->issued || !j->issuer || !j->subject || !j->path) {
		setara_error__data(name, 0, NULL,
			"the document lacks an id, issuer or subject");
		goto fail;
	}
	j->state = J_BUILT;
	goto done;
fail:
	keep_error(j);
done:
	xmlFreeDoc(record);
	xmlFree(canon);
	setara_buf_dispose(&keyed);
}

/*
 * Phase C: status entries, signature (or the format's secured document),
 * temporary file (synced later).
 */
static void phase_sign(ctx *c, job *j)
{
	setara_buf other = SETARA_BUF_INIT;
	xmlChar *mem = NULL;
	int len = 0;

	if (setara_cred__add_status(j->doc, j->slot.revocation_list,
	    j->slot.index, 0) < 0 ||
	    setara_cred__add_status(j->doc, j->slot.suspension_list,
	    j->slot.index, 1) < 0)
		goto fail;
	if (c->fmt) {
		if (c->fmt->secure(&other, j->doc, j->rec.pos.file,
		    c->fmt->payload) < 0)
			goto fail;
		if (other.size > (size_t)INT_MAX) {
			setara_error__data(j->rec.pos.file, 0, NULL,
				"document too large");
			goto fail;
		}
		mem = xmlStrndup((const xmlChar *)other.ptr,
			(int)other.size);
		len = (int)other.size;
	} else if (setara_cred_sign(j->doc, c->signer) < 0) {
		goto fail;
	} else {
		xmlDocDumpMemoryEnc(j->doc, &mem, &len, "UTF-8");
	}
	if (mem == NULL || len <= 0) {
		setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
			j->path, 0, NULL, "cannot serialise the document");
		goto fail;
	}
	if (setara__sha256_hex(j->hex, mem, (size_t)len) < 0)
		goto fail;
	if (setara__write_temp(&j->tmp, j->path, c->stage[j->worker], mem,
	    (size_t)len, 0644, 0) < 0) {
		j->io_failed = 1;
		goto fail;
	}
	j->state = J_WRITTEN;
	goto done;
fail:
	keep_error(j);
done:
	setara_buf_dispose(&other);
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

static void job_dispose(job *j)
{
	setara__record_dispose(&j->rec);
	xmlFreeDoc(j->doc);
	setara__free(j->id);
	setara__free(j->issued);
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

/* ---- the workers ----------------------------------------------------- */

/*
 * Tasks are published in order; every worker takes every task, in order,
 * and does its part of the chunk's records: in A, those it takes from the
 * chunk's counter; in C, those it built.  A task is complete when the last
 * worker is done with it, and tasks complete in order.
 */
typedef struct pool {
	pthread_mutex_t lock;
	pthread_cond_t work;  /* workers wait for a task */
	pthread_cond_t done;  /* the coordinator waits for a completion */
	struct {
		chunk *ch;
		void (*fn)(ctx *, job *);
		int left;     /* workers still at it */
	} ring[PIPELINE];
	unsigned long published, completed;
	int nworkers, stop;
	ctx *c;
	pthread_t tid[64];
	int started;
} pool;

typedef struct worker_arg {
	pool *p;
	int index;
} worker_arg;

/*
 * How many records of a chunk of @n one of @nworkers workers may build: its
 * even share and a quarter more.  A worker that the machine holds up (the
 * coordinator runs on its core, or the host takes it away) is not waited
 * for; the others build what it would have.  The limit keeps the records
 * a worker holds, and so the memory of its allocator, bounded whatever the
 * number of records.
 */
static size_t claim_limit(size_t n, int nworkers)
{
	size_t share = (n + (size_t)nworkers - 1) / (size_t)nworkers;

	return share + (share + 3) / 4;
}

static void *worker(void *arg)
{
	worker_arg *wa = arg;
	pool *p = wa->p;
	unsigned long next = 0;
	size_t i;

	for (;;) {
		chunk *ch;
		void (*fn)(ctx *, job *);

		pthread_mutex_lock(&p->lock);
		while (next == p->published && !p->stop)
			pthread_cond_wait(&p->work, &p->lock);
		if (p->stop) {
			pthread_mutex_unlock(&p->lock);
			break;
		}
		ch = p->ring[next % PIPELINE].ch;
		fn = p->ring[next % PIPELINE].fn;
		pthread_mutex_unlock(&p->lock);
		if (fn == phase_build_if_new) {
			/* Take records as they come, up to a limit. */
			size_t mine = 0, limit = claim_limit(ch->n,
				p->nworkers);

			while (mine < limit && (i = __atomic_fetch_add(
			    &ch->claimed, 1, __ATOMIC_RELAXED)) < ch->n) {
				ch->jobs[i].worker = wa->index;
				fn(p->c, &ch->jobs[i]);
				mine++;
			}
		} else {
			/* The records this worker built. */
			for (i = 0; i < ch->n; i++)
				if (ch->jobs[i].worker == wa->index)
					fn(p->c, &ch->jobs[i]);
		}
		pthread_mutex_lock(&p->lock);
		if (--p->ring[next % PIPELINE].left == 0) {
			p->completed = next + 1;
			pthread_cond_signal(&p->done);
		}
		pthread_mutex_unlock(&p->lock);
		next++;
	}
	return NULL;
}

/* Hand @ch to the workers for @fn.  At most PIPELINE tasks are pending:
 * one per chunk. */
static void publish(pool *p, chunk *ch, void (*fn)(ctx *, job *))
{
	pthread_mutex_lock(&p->lock);
	p->ring[p->published % PIPELINE].ch = ch;
	p->ring[p->published % PIPELINE].fn = fn;
	p->ring[p->published % PIPELINE].left = p->nworkers;
	ch->task = p->published++;
	ch->claimed = 0;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->lock);
}

static int pool_start(pool *p, ctx *c, int n, worker_arg *args)
{
	int i;

	memset(p, 0, sizeof(*p));
	p->c = c;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->done, NULL);
	for (i = 0; i < n; i++) {
		args[i].p = p;
		args[i].index = i;
	}
	/* Workers wait until nworkers is known; set it first. */
	p->nworkers = n;
	for (i = 0; i < n; i++) {
		if (pthread_create(&p->tid[i], NULL, worker, &args[i]) != 0)
			break;
		p->started++;
	}
	if (p->started < n) {
		/* Fewer threads than asked: share the records among those
		 * that run (no task is published yet). */
		if (p->started == 0)
			return setara_error__set(SETARA_ERROR,
				SETARA_ERROR_OS, NULL, 0, NULL,
				"cannot start a worker thread");
		p->nworkers = p->started;
	}
	return 0;
}

static void pool_stop(pool *p)
{
	int i;

	pthread_mutex_lock(&p->lock);
	p->stop = 1;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->lock);
	for (i = 0; i < p->started; i++)
		pthread_join(p->tid[i], NULL);
	pthread_cond_destroy(&p->done);
	pthread_cond_destroy(&p->work);
	pthread_mutex_destroy(&p->lock);
}

/* ---- the serial phases ----------------------------------------------- */

/* Phase B: register rows, one transaction for the chunk. */
static int reserve_all(setara_store *st, ctx *c, chunk *ch)
{
	setara_register__doc d;
	size_t i;
	int error, existing;

	if ((error = setara_register__begin(st)) < 0)
		return error;
	for (i = 0; i < ch->n; i++) {
		job *j = &ch->jobs[i];

		/* The record's bytes, freed by the thread that read them;
		 * its position stays for messages. */
		setara__free(j->rec.data);
		j->rec.data = NULL;
		if (j->state != J_BUILT)
			continue;
		/* Nothing wrong gets signed: a record the reference data
		 * refutes fails alone; a store failure stops the batch. */
		error = setara_cred__refcheck_doc(c->refcheck, j->doc,
			c->type, c->signer, j->rec.pos.file);
		if (error == SETARA_ENOMEM || error == SETARA_ESTORE)
			goto fail;
		if (error < 0) {
			keep_error(j);
			setara_error_clear();
			continue;
		}
		memset(&d, 0, sizeof(d));
		d.id = j->id;
		d.issued = j->issued;
		d.type = c->type->name;
		d.issuer = j->issuer;
		d.issuer_name = j->issuer_name;
		d.issuer_country = j->issuer_country;
		d.subject = j->subject;
		d.record_key = j->key;
		d.path = j->path;
		error = setara_register__reserve(st, &d, &j->slot, &existing);
		if (error == SETARA_EEXISTS) {
			/*
			 * Pending: recovery settled every pending row before
			 * the batch began and the issuing lock is ours, so it
			 * was reserved by this batch -- the same record is in
			 * the input twice.  It is issued once.
			 */
			setara_error_clear();
			j->slot.id[0] = '\0';
			j->state = J_DUPLICATE;
			error = 0;
			continue;
		}
		if (error < 0)
			goto fail;
		j->state = existing ? J_SKIP : J_RESERVED;
	}
	return setara_register__commit(st);
fail:
	setara_register__rollback(st);
	return error;
}

/* Phase D: sync, rename, mark issued. */
static int commit_all(setara_store *st, ctx *c, chunk *ch)
{
	size_t i;
	int error = 0, dfd, sync_errno = 0;

	/*
	 * One sync for all the temporary files of the chunk.  A file system
	 * that allocates late says only here that the disk is full: what was
	 * not made durable is not renamed into place.
	 */
	if ((dfd = open(c->out_dir, O_RDONLY | O_DIRECTORY)) >= 0) {
		if (syncfs(dfd) < 0)
			sync_errno = errno;
		close(dfd);
	}
	for (i = 0; i < ch->n; i++) {
		job *j = &ch->jobs[i];

		if (j->state != J_WRITTEN)
			continue;
		if (sync_errno) {
			errno = sync_errno;
			setara_error__os(j->path, "cannot write");
			j->io_failed = 1;
			keep_error(j);
			continue;
		}
		if (setara__commit_temp(j->tmp, j->path, 0) < 0) {
			j->io_failed = 1;
			keep_error(j);
			continue;
		}
		setara__free(j->tmp);
		j->tmp = NULL;
	}
	/* The renames must last before the rows say so; if they may not,
	 * the rows stay pending and recovery looks at the files. */
	if ((dfd = open(c->out_dir, O_RDONLY | O_DIRECTORY)) >= 0) {
		if (fsync(dfd) < 0) {
			error = setara_error__os(c->out_dir, "cannot sync");
			close(dfd);
			return error;
		}
		close(dfd);
	}
	if ((error = setara_register__begin(st)) < 0)
		return error;
	for (i = 0; i < ch->n; i++) {
		job *j = &ch->jobs[i];

		if (j->state == J_WRITTEN)
			error = setara_register__complete(st, j->slot.id,
				j->hex);
		else if (j->state == J_FAILED && j->slot.id[0])
			/* Reserved, then failed before its file existed. */
			error = setara_register__abandon(st, j->slot.id);
		if (error < 0)
			goto fail;
	}
	return setara_register__commit(st);
fail:
	setara_register__rollback(st);
	return error;
}

/* Read the next chunk of records; 0 records at the end of the input. */
static void read_chunk(setara__records *r, chunk *ch, size_t cap)
{
	ch->n = 0;
	while (ch->n < cap) {
		job *j = &ch->jobs[ch->n];
		int rc = setara__records_next(r, &j->rec);

		/* The worker that builds it says (phase A). */
		j->worker = 0;
		if (rc < 0) {
			j->state = J_FAILED;
			keep_error(j);
			ch->n++;
			continue;
		}
		if (rc == 0)
			break;
		j->state = J_NEW;
		ch->n++;
	}
}

/*
 * After a chunk is committed: did a document fail to be written?  The
 * first such failure is kept, to stop the batch with.
 */
static int write_failed(ctx *c, const chunk *ch)
{
	size_t i;

	for (i = 0; i < ch->n; i++)
		if (ch->jobs[i].io_failed) {
			c->stopped = 1;
			snprintf(c->stop_msg, sizeof(c->stop_msg), "%s",
				ch->jobs[i].err.message);
			c->stop_code = ch->jobs[i].err.code;
			return 1;
		}
	return 0;
}

/* Count a finished chunk, report its failures in order, free it.  A
 * write failure is not a record's: the batch reports it once. */
static void finish_chunk(chunk *ch, setara_batch_stats *stats,
	const setara_batch_options *opts, unsigned long *done)
{
	size_t i;

	for (i = 0; i < ch->n; i++) {
		job *j = &ch->jobs[i];

		if (j->state == J_WRITTEN)
			stats->issued++;
		else if (j->state == J_SKIP || j->state == J_DUPLICATE)
			stats->skipped++;
		else {
			stats->failed++;
			if (opts->record_failed && !j->io_failed)
				opts->record_failed(j->rec.pos.number, &j->err,
					opts->payload);
		}
		job_dispose(j);
	}
	*done += ch->n;
	ch->n = 0;
	ch->stage = CH_FREE;
	if (opts->progress)
		opts->progress(*done, stats->total, opts->payload);
}

static void run_all(ctx *c, chunk *ch, void (*fn)(ctx *, job *))
{
	size_t i;

	for (i = 0; i < ch->n; i++)
		fn(c, &ch->jobs[i]);
}

/* The chunk's last serial step: its rows committed, its failures written
 * and counted; SETARA_EIO when a failure could not be written. */
static int commit_chunk(setara_store *st, ctx *c, chunk *ch,
	setara_batch_stats *stats, const setara_batch_options *opts,
	unsigned long *done)
{
	int error, stop;

	if ((error = commit_all(st, c, ch)) < 0)
		return error;
	stop = write_failed(c, ch);
	finish_chunk(ch, stats, opts, done);
	return stop ? SETARA_EIO : 0;
}

/* One job: every phase in this thread, chunk after chunk. */
static int run_serial(setara_store *st, ctx *c, setara__records *r,
	chunk *ch, size_t cap, setara_batch_stats *stats,
	const setara_batch_options *opts, unsigned long *done)
{
	int error;

	for (;;) {
		read_chunk(r, ch, cap);
		if (ch->n == 0)
			return 0;
		run_all(c, ch, phase_build_if_new);
		if ((error = reserve_all(st, c, ch)) < 0)
			return error;
		run_all(c, ch, phase_sign_if_reserved);
		if ((error = commit_chunk(st, c, ch, stats, opts, done)) < 0)
			return error;
	}
}

/*
 * N jobs: the coordinator.  Chunk k sits in ch[k % PIPELINE]; chunks are
 * read, reserved (B) and committed (D) in order.  Each turn does the most
 * urgent serial step that is ready -- B first, since it feeds the workers,
 * then D, which waits on the disk and frees a slot -- and otherwise reads
 * a chunk into a free slot, or waits.
 */
static int run_pipeline(setara_store *st, ctx *c, setara__records *r,
	chunk *ch, size_t cap, pool *p, setara_batch_stats *stats,
	const setara_batch_options *opts, unsigned long *done)
{
	unsigned long nread = 0, nreserved = 0, ncommitted = 0;
	int ended = 0, error;

	for (;;) {
		chunk *d = &ch[ncommitted % PIPELINE];
		chunk *b = &ch[nreserved % PIPELINE];
		unsigned long completed;

		pthread_mutex_lock(&p->lock);
		completed = p->completed;
		pthread_mutex_unlock(&p->lock);
		if (nreserved < nread && b->stage == CH_BUILDING &&
		    completed > b->task) {
			if ((error = reserve_all(st, c, b)) < 0)
				return error;
			b->stage = CH_SIGNING;
			publish(p, b, phase_sign_if_reserved);
			nreserved++;
			continue;
		}
		if (ncommitted < nreserved && d->stage == CH_SIGNING &&
		    completed > d->task) {
			if ((error = commit_chunk(st, c, d, stats, opts,
			    done)) < 0)
				return error;
			ncommitted++;
			continue;
		}
		if (!ended && nread < ncommitted + PIPELINE) {
			chunk *n = &ch[nread % PIPELINE];

			read_chunk(r, n, cap);
			if (n->n == 0) {
				ended = 1;
				continue;
			}
			n->stage = CH_BUILDING;
			publish(p, n, phase_build_if_new);
			nread++;
			continue;
		}
		if (ended && ncommitted == nread)
			return 0;
		/* Nothing to do until the oldest task completes. */
		pthread_mutex_lock(&p->lock);
		while (p->completed == completed)
			pthread_cond_wait(&p->done, &p->lock);
		pthread_mutex_unlock(&p->lock);
	}
}

/* DIR/.setara-tmp/N for each of @n workers; the register's recovery knows
 * to look there. */
static int make_stages(ctx *c, int n)
{
	char *top = setara__path_join(c->out_dir, SETARA__STAGING);
	int i;

	if ((c->stage_top = top) == NULL)
		return SETARA_ENOMEM;
	if (mkdir(top, 0700) < 0 && !setara__is_dir(top))
		return setara_error__os(top, "cannot create directory");
	for (i = 0; i < n; i++) {
		if ((c->stage[i] = setara__asprintf("%s/%d", top, i)) == NULL)
			return SETARA_ENOMEM;
		if (mkdir(c->stage[i], 0700) < 0 &&
		    !setara__is_dir(c->stage[i]))
			return setara_error__os(c->stage[i],
				"cannot create directory");
	}
	return 0;
}

/* Remove the staging directories if they are empty (they are, unless the
 * batch stopped on an error; recovery cleans them then).  Nothing is
 * allocated here: the batch's error stays the last one. */
static void drop_stages(ctx *c)
{
	int i;

	for (i = 0; i < 64 && c->stage[i]; i++) {
		rmdir(c->stage[i]);
		setara__free(c->stage[i]);
		c->stage[i] = NULL;
	}
	if (c->stage_top)
		rmdir(c->stage_top);
	setara__free(c->stage_top);
	c->stage_top = NULL;
}

int setara_issue_batch(setara_batch_stats *out, setara_store *st,
	setara_doc_type type, const char *input, const setara_signer *signer,
	const char *out_dir, const setara_batch_options *opts)
{
	return setara_cred__issue_batch(out, st, type, input, signer, out_dir,
		opts, NULL);
}

int setara_cred__issue_batch(setara_batch_stats *out, setara_store *st,
	setara_doc_type type, const char *input, const setara_signer *signer,
	const char *out_dir, const setara_batch_options *opts,
	const setara_cred__batch_format *fmt)
{
	setara_batch_options defaults = SETARA_BATCH_OPTIONS_INIT;
	setara_batch_stats stats;
	setara__records *r = NULL;
	worker_arg args[64];
	chunk ch[PIPELINE];
	pool p;
	ctx c;
	size_t cap = 0, i, k;
	unsigned long done = 0;
	long ncpu;
	int threads, error, pooled = 0, nomem;

	SETARA_ASSERT_ARG(st && input && signer && out_dir);
	SETARA_CHECK_VERSION(opts, SETARA_BATCH_OPTIONS_VERSION,
		"SETARA_BATCH_OPTIONS_INIT");
	memset(&c, 0, sizeof(c));
	memset(&stats, 0, sizeof(stats));
	memset(ch, 0, sizeof(ch));
	stats.version = SETARA_BATCH_STATS_VERSION;
	if (opts == NULL)
		opts = &defaults;
	if ((c.type = setara_cred__type_get(type)) == NULL)
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, "TYPE", "unknown document type");
	c.signer = signer;
	c.fmt = fmt;
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
	/* Made absolute once here, not once per record in the register. */
	if ((error = setara__path_absolute(&c.out_dir, out_dir)) < 0 ||
	    (error = make_stages(&c, threads)) < 0)
		goto done;
	if ((error = setara_store__lock_issuing(st, 1)) < 0 ||
	    (error = setara_register_recover(st, NULL)) < 0 ||
	    (error = setara_cred__refcheck_new(&c.refcheck, st,
	    signer->trust)) < 0 ||
	    (error = setara__records_open(&r, input)) < 0)
		goto done;
	stats.total = setara__records_total(r);
	cap = threads == 1 ? CHUNK_SERIAL : (size_t)threads * CHUNK_PER_JOB;
	for (k = 0; k < (threads > 1 ? PIPELINE : 1); k++)
		if ((ch[k].jobs = setara__calloc(cap, sizeof(job))) == NULL) {
			error = SETARA_ENOMEM;
			goto done;
		}
	if (threads == 1) {
		error = run_serial(st, &c, r, &ch[0], cap, &stats, opts,
			&done);
	} else {
		if ((error = pool_start(&p, &c, threads, args)) < 0)
			goto done;
		pooled = 1;
		error = run_pipeline(st, &c, r, ch, cap, &p, &stats, opts,
			&done);
	}
	if (stats.total < done)
		stats.total = done;
done:
	/* After an error, workers finish the task in hand and stop; what
	 * they reserved stays pending for recovery. */
	if (pooled)
		pool_stop(&p);
	for (k = 0; k < PIPELINE; k++) {
		if (ch[k].jobs == NULL)
			continue;
		for (i = 0; i < cap; i++)
			job_dispose(&ch[k].jobs[i]);
		setara__free(ch[k].jobs);
	}
	setara__records_free(r);
	if (c.stopped) {
		/* The rows reserved for records in flight have no file: settle
		 * them now (a failure leaves them to the next recovery). */
		if (setara_register_recover(st, NULL) < 0)
			setara_error_clear();
		if (stats.total < done)
			stats.total = done;
		/* Out of memory while writing is not an I/O failure. */
		nomem = c.stop_code == SETARA_ENOMEM;
		error = setara_error__set(nomem ? SETARA_ENOMEM : SETARA_EIO,
			nomem ? SETARA_ERROR_NOMEMORY : SETARA_ERROR_OS, out_dir,
			0, NULL, "%s; the batch stopped there (%lu of %lu "
			"records issued)", c.stop_msg, stats.issued,
			stats.total);
	}
	drop_stages(&c);
	setara_cred__refcheck_free(c.refcheck);
	setara__free(c.out_dir);
	if (out)
		*out = stats;
	return error;
}
