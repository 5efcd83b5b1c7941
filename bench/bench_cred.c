/*
 * bench_cred: issue and verify throughput for one transcript, next to the
 * raw OpenSSL sign and verify rates of the same key measured in the same
 * run.
 *
 *   bench_cred PKI_DIR INPUT.xml [SECONDS]
 *
 * PKI_DIR is what certs/mkpki wrote; INPUT a transcript record (about 50
 * courses: examples/transcript.xml).  Issue = build from the record,
 * validate record and document against their schemas, check the signer,
 * sign, serialise (in memory; the atomic file write and the register are
 * not included).  Verify = every check on the signed bytes: safe parse,
 * schema, profile, signature (libxmlsec1), trust chain, issuer and
 * accreditation, validity, status (against a signed status list),
 * consistency (totals; levels when reference data is loaded).  Each is run
 * on one thread, then on two.
 *
 * The limit each is measured against, in the same run and on the same
 * signed transcript, is what no implementation of the profile can skip,
 * done with the libraries' plain calls: for issue, parse + exclusive C14N +
 * SHA-256 + ECDSA P-256 sign + serialise; for verify, parse + exclusive
 * C14N + SHA-256 + ECDSA P-256 verify.  The limits, issue and verify run
 * interleaved, in rounds, so that a slow spell of a shared machine falls
 * on all of them; the ratios are of CPU-time rates (per core).
 *
 * The same transcript as a W3C Verifiable Credential (src/vc, ecdsa-jcs-2019
 * with the same P-256 key) is issued and verified in the same rounds.  VC
 * issue = build from the record (as above), map to a CLR 2.0 credential,
 * JCS, SHA-256, sign, write (in memory).  VC verify = every check on the
 * secured JSON (read, JCS, SHA-256, ECDSA verify), the status against the
 * two signed BitstringStatusListCredentials the credential names, with
 * one verifier, as `setara verify --status DIR` over many files: the
 * verifier reads and verifies each issuer's lists once and decodes each
 * verification method's key once, and keeps them (src/vc/check.c).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <libxml/c14n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/templates.h>
#include <xmlsec/crypto.h>

#include "setara.h"
#include "cred/cred_int.h"
#include "vc/vc_int.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double seconds = 2.0;
static setara_signer *signer;
static setara_verifier *verifier, *verifier_xmlsec, *verifier_vc;
static setara_buf record = SETARA_BUF_INIT, signed_doc = SETARA_BUF_INIT;
static setara_buf signed_vc = SETARA_BUF_INIT;
static setara_vc_key *vc_key;

/* The status lists the benchmark's credential names (its indexes 5). */
#define VC_LIST_REV "urn:uuid:00000000-0000-4000-8000-000000000001"
#define VC_LIST_SUS "urn:uuid:00000000-0000-4000-8000-000000000002"

static int issue_one(setara_buf *out)
{
	xmlDocPtr doc = NULL;
	xmlChar *mem = NULL;
	int len = 0, error;

	if ((error = setara_cred_build(&doc, SETARA_DOC_TRANSCRIPT,
	    record.ptr, record.size, "bench")) < 0 ||
	    (error = setara_cred_sign(doc, signer)) < 0)
		goto done;
	xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
	if (out) {
		setara_buf_clear(out);
		setara_buf_put(out, mem, (size_t)len);
	}
done:
	xmlFree(mem);
	xmlFreeDoc(doc);
	return error;
}

/* The transcript as a Verifiable Credential, status entries added when
 * @status (the verified copy). */
static int vc_issue_one(setara_buf *out, int status)
{
	setara_buf secured = SETARA_BUF_INIT;
	xmlDocPtr doc = NULL;
	json_t *vc = NULL;
	int error;

	if ((error = setara_cred_build(&doc, SETARA_DOC_TRANSCRIPT,
	    record.ptr, record.size, "bench")) == 0 && status &&
	    (error = setara_cred__add_status(doc, VC_LIST_REV, 5, 0)) == 0)
		error = setara_cred__add_status(doc, VC_LIST_SUS, 5, 1);
	if (error == 0)
		error = setara_vc__secure_doc(out ? out : &secured, &vc, doc,
			vc_key, "bench");
	json_decref(vc);
	xmlFreeDoc(doc);
	setara_buf_dispose(&secured);
	return error;
}

static int vc_issue_nobuf(void)
{
	return vc_issue_one(NULL, 0);
}

static int verdict_ok(setara_verdict *v, int error)
{
	if (error == 0 && setara_verdict_first_problem(v) <
	    SETARA_CHECK_CONSISTENCY)
		error = -1;
	setara_verdict_free(v);
	return error;
}

static int vc_verify_one(void)
{
	setara_verdict *v = NULL;
	int error = setara_vc_verify(&v, verifier_vc, signed_vc.ptr,
		signed_vc.size, "bench");

	return verdict_ok(v, error);
}

static int verify_with(setara_verifier *vf)
{
	setara_verdict *v = NULL;
	int error = setara_cred_verify_mem(&v, vf, signed_doc.ptr,
		signed_doc.size, "bench");

	return verdict_ok(v, error);
}

static int verify_one(void)
{
	return verify_with(verifier);
}

/* For comparison: the signature checked by libxmlsec1 alone. */
static int verify_xmlsec(void)
{
	return verify_with(verifier_xmlsec);
}

/*
 * For comparison: the signing step alone, ours (exc-C14N + OpenSSL) and
 * libxmlsec1's (a template of the same profile, xmlSecDSigCtxSign), on
 * copies of one built transcript.  Why setara signs directly.
 */
static xmlDocPtr built;
static xmlSecKeyPtr xmlsec_key;

static int sign_direct(void)
{
	xmlDocPtr d = xmlCopyDoc(built, 1);
	int error = d ? setara_cred_sign(d, signer) : -1;

	xmlFreeDoc(d);
	return error;
}

static int sign_xmlsec(void)
{
	xmlDocPtr d = xmlCopyDoc(built, 1);
	xmlNodePtr sig, ref, ki, xd;
	xmlSecDSigCtxPtr ctx = NULL;
	int error = -1;

	if (d == NULL || (sig = xmlSecTmplSignatureCreate(d,
	    xmlSecTransformExclC14NId, xmlSecTransformEcdsaSha256Id,
	    NULL)) == NULL)
		goto done;
	xmlAddChild(xmlDocGetRootElement(d), sig);
	if ((ref = xmlSecTmplSignatureAddReference(sig,
	    xmlSecTransformSha256Id, NULL, (const xmlChar *)"", NULL)) ==
	    NULL || xmlSecTmplReferenceAddTransform(ref,
	    xmlSecTransformEnvelopedId) == NULL ||
	    xmlSecTmplReferenceAddTransform(ref, xmlSecTransformExclC14NId) ==
	    NULL || (ki = xmlSecTmplSignatureEnsureKeyInfo(sig, NULL)) ==
	    NULL || (xd = xmlSecTmplKeyInfoAddX509Data(ki)) == NULL ||
	    xmlSecTmplX509DataAddCertificate(xd) == NULL ||
	    (ctx = xmlSecDSigCtxCreate(NULL)) == NULL ||
	    (ctx->signKey = xmlSecKeyDuplicate(xmlsec_key)) == NULL ||
	    xmlSecDSigCtxSign(ctx, sig) < 0)
		goto done;
	error = 0;
done:
	if (ctx)
		xmlSecDSigCtxDestroy(ctx);
	xmlFreeDoc(d);
	return error;
}

typedef struct job {
	int (*fn)(void);
	long count;
	double until;
	double cpu;   /* CPU seconds this thread used */
	int failed;
} job;

static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int issue_nobuf(void)
{
	return issue_one(NULL);
}

static void *worker(void *arg)
{
	job *j = arg;
	double c0 = cpu_now();

	while (now() < j->until) {
		if (j->fn() < 0) {
			j->failed = 1;
			break;
		}
		j->count++;
	}
	j->cpu = cpu_now() - c0;
	return NULL;
}

/*
 * Two figures per run: operations per second of wall time (what the
 * machine delivered), and per second of CPU time (per core, which does
 * not depend on what else shares the machine).
 */
typedef struct figure {
	double wall, cpu;
} figure;

/* Operations per second with @threads threads for the bench time. */
static figure rate(int (*fn)(void), int threads)
{
	pthread_t t[8];
	job jobs[8];
	double start = now(), cpu = 0;
	figure f;
	long total = 0;
	int i;

	for (i = 0; i < threads; i++) {
		memset(&jobs[i], 0, sizeof(jobs[i]));
		jobs[i].fn = fn;
		jobs[i].until = start + seconds;
		pthread_create(&t[i], NULL, worker, &jobs[i]);
	}
	for (i = 0; i < threads; i++) {
		pthread_join(t[i], NULL);
		if (jobs[i].failed) {
			fprintf(stderr, "bench_cred: failed: %s\n",
				setara_error_last()->message);
			exit(1);
		}
		total += jobs[i].count;
		cpu += jobs[i].cpu;
	}
	f.wall = (double)total / (now() - start);
	f.cpu = cpu > 0 ? (double)total / cpu : 0;
	return f;
}

/*
 * Several operations on one thread, interleaved: @rounds rounds, each
 * giving every operation its share of the bench time.
 */
static void rates_interleaved(figure *out, int (**fn)(void), int n,
	int rounds)
{
	double wall[8] = { 0 }, cpu[8] = { 0 }, start, c0;
	long count[8] = { 0 };
	int r, i;

	for (r = 0; r < rounds; r++)
		for (i = 0; i < n; i++) {
			double until;

			start = now();
			until = start + seconds / rounds;
			c0 = cpu_now();
			while (now() < until) {
				if (fn[i]() < 0) {
					fprintf(stderr, "bench_cred: failed: "
						"%s\n",
						setara_error_last()->message);
					exit(1);
				}
				count[i]++;
			}
			cpu[i] += cpu_now() - c0;
			wall[i] += now() - start;
		}
	for (i = 0; i < n; i++) {
		out[i].wall = (double)count[i] / wall[i];
		out[i].cpu = cpu[i] > 0 ? (double)count[i] / cpu[i] : 0;
	}
}

/* Raw OpenSSL: SHA-256 + ECDSA P-256 of a SignedInfo-sized message. */
static EVP_PKEY *raw_key;
static unsigned char raw_msg[700], raw_sig[128];
static size_t raw_siglen;

static int raw_sign(void)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	size_t n = sizeof(raw_sig);
	int ok = EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, raw_key) ==
		1 && EVP_DigestSign(md, raw_sig, &n, raw_msg,
		sizeof(raw_msg)) == 1;

	raw_siglen = n;
	EVP_MD_CTX_free(md);
	return ok ? 0 : -1;
}

/* The same verify through the vc component with the key's table of
 * multiples (vc/ossl.c), as the VC verifier's kept keys do: the floor of
 * a VC verification's ECDSA part. */
static unsigned char table_sig[96];
static size_t table_siglen;

static int table_verify(void)
{
	return setara_vc__verify(vc_key, raw_msg, sizeof(raw_msg), table_sig,
		table_siglen) == 1 ? 0 : -1;
}

static int raw_verify(void)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	int ok = EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL,
		raw_key) == 1 && EVP_DigestVerify(md, raw_sig, raw_siglen,
		raw_msg, sizeof(raw_msg)) == 1;

	EVP_MD_CTX_free(md);
	return ok ? 0 : -1;
}

/*
 * The limits: the signed transcript parsed (libxml2, no network, small
 * text nodes compact, as the loader parses),
 * canonicalised (exclusive C14N), hashed (SHA-256), a SignedInfo-sized
 * message signed or verified (ECDSA P-256), and for issue the tree
 * serialised again.
 */
static int limit_common(xmlDocPtr *out)
{
	unsigned char md[32];
	xmlChar *c14n = NULL;
	unsigned int mdlen = 0;
	int n, ok;

	*out = xmlReadMemory(signed_doc.ptr, (int)signed_doc.size, "bench",
		NULL, XML_PARSE_NONET | XML_PARSE_COMPACT);
	if (*out == NULL)
		return -1;
	n = xmlC14NDocDumpMemory(*out, NULL, XML_C14N_EXCLUSIVE_1_0, NULL, 0,
		&c14n);
	ok = n > 0 && EVP_Digest(c14n, (size_t)n, md, &mdlen, EVP_sha256(),
		NULL) == 1;
	xmlFree(c14n);
	return ok ? 0 : -1;
}

static int limit_issue(void)
{
	xmlDocPtr d = NULL;
	xmlChar *mem = NULL;
	int len = 0, error;

	if ((error = limit_common(&d)) == 0 &&
	    (error = raw_sign()) == 0) {
		xmlDocDumpMemoryEnc(d, &mem, &len, "UTF-8");
		error = mem && len > 0 ? 0 : -1;
	}
	xmlFree(mem);
	xmlFreeDoc(d);
	return error;
}

static int limit_verify(void)
{
	xmlDocPtr d = NULL;
	int error;

	if ((error = limit_common(&d)) == 0)
		error = raw_verify();
	xmlFreeDoc(d);
	return error;
}

static double load(void)
{
	double l = 0;
	FILE *f = fopen("/proc/loadavg", "r");

	if (f) {
		if (fscanf(f, "%lf", &l) != 1)
			l = 0;
		fclose(f);
	}
	return l;
}

static char *path(const char *a, const char *b)
{
	static char buf[4][1024];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", a, b);
	return buf[i];
}

/* One line on a verdict @error (the verify call's return) left in *@v,
 * with the reason of @check; frees it. */
static int show(const char *what, int error, setara_verdict **v,
	size_t size, setara_check check)
{
	const char *why = NULL;

	if (error == 0) {
		setara_verdict_check(*v, check, &why);
		printf("%s: %zu bytes, verdict %s (%s: %s)\n", what, size,
			setara_cred_result_name(setara_verdict_result(*v)),
			setara_cred_check_name(check), why);
	}
	setara_verdict_free(*v);
	*v = NULL;
	return error;
}

/* The two BitstringStatusListCredentials of my-um, a few entries set,
 * secured as `status publish --format vc` does, in @dir. */
static int vc_lists(const char *dir)
{
	setara_vc_status_list_options lo = SETARA_VC_STATUS_LIST_OPTIONS_INIT;
	setara_vc_proof_options po = SETARA_VC_PROOF_OPTIONS_INIT;
	setara_buf plain = SETARA_BUF_INIT, secured = SETARA_BUF_INIT;
	unsigned char bits[SETARA_VC_STATUS_LIST_MIN_ENTRIES / 8] = { 0 };
	char *method = NULL;
	FILE *f;
	int i, k, error;

	for (i = 0; i < 40; i++)
		bits[i * 97] = 0x10;
	if ((error = setara_vc__method_id(&method, "my-um", vc_key)) < 0)
		return error;
	lo.issuer = SETARA_VC_ISSUER_PREFIX "my-um";
	lo.valid_until = setara__time_now() + 86400;
	lo.ttl = 86400000;
	lo.pretty = 1;
	po.verification_method = method;
	po.pretty = 1;
	for (k = 0; k < 2 && error == 0; k++) {
		lo.id = k ? VC_LIST_SUS : VC_LIST_REV;
		lo.suspension = k;
		setara_buf_clear(&plain);
		setara_buf_clear(&secured);
		if ((error = setara_vc_status_list_write(&plain, bits,
		    sizeof(bits) * 8, &lo)) < 0 ||
		    (error = setara_vc_proof_create(&secured, plain.ptr,
		    plain.size, vc_key, &po)) < 0)
			break;
		if ((f = fopen(path(dir, k ? "sus.json" : "rev.json"), "w")) ==
		    NULL) {
			error = -1;
			break;
		}
		fwrite(secured.ptr, 1, secured.size, f);
		fclose(f);
	}
	setara_buf_dispose(&plain);
	setara_buf_dispose(&secured);
	setara__free(method);
	return error;
}

int main(int argc, char **argv)
{
	setara_verify_options o = SETARA_VERIFY_OPTIONS_INIT;
	setara_trust *trust = NULL;
	setara_store *st = NULL;
	xmlDocPtr list = NULL;
	xmlChar *mem = NULL;
	unsigned char *bits;
	char tmp[] = "/tmp/setara-bench-XXXXXX", *dir, *db;
	figure rs1, rv1, rt1, is1, is2, vs1, vs2, sd, sx, li, lv, vx, ci, cv;
	FILE *f;
	int len, i;

	if (argc < 3) {
		fprintf(stderr, "usage: bench_cred PKI_DIR INPUT.xml "
			"[SECONDS]\n");
		return 2;
	}
	if (argc > 3)
		seconds = atof(argv[3]);
	if (setara_init() < 0)
		return 1;
	if (setara__read_file(&record, argv[2], 0) < 0 ||
	    setara_cred_signer_load(&signer, path(argv[1], "issuers/my-um.key"),
	    path(argv[1], "issuers/my-um.pem"), NULL) < 0 ||
	    setara_cred_trust_load(&trust, path(argv[1], "trust")) < 0 ||
	    setara_vc_key_load(&vc_key, path(argv[1], "issuers/my-um.key")) <
	    0 || issue_one(&signed_doc) < 0 || vc_issue_one(&signed_vc, 1) < 0)
		goto fail;

	/* A signed status list of my-um, with a few revoked entries. */
	bits = calloc(131072 / 8, 1);
	for (i = 0; i < 40; i++)
		bits[i * 97] = 0x10;
	if ((dir = mkdtemp(tmp)) == NULL ||
	    setara_cred__statuslist_build(&list, "my-um", "MY",
	    "Universiti Malaya", NULL, 0, bits, 131072,
	    setara__time_now() + 86400) < 0 ||
	    setara_cred_sign(list, signer) < 0)
		goto fail;
	free(bits);
	xmlDocDumpMemoryEnc(list, &mem, &len, "UTF-8");
	if ((f = fopen(path(dir, "list.xml"), "w")) == NULL)
		goto fail;
	fwrite(mem, 1, (size_t)len, f);
	fclose(f);
	xmlFree(mem);
	xmlFreeDoc(list);
	/* Reference data, when the environment names a loaded store. */
	db = getenv("SETARA_DB");
	if (db && *db && setara_store_open(&st, db, 0) < 0) {
		setara_error_clear();
		st = NULL;
	}
	o.trust = trust;
	o.status = path(dir, "list.xml");
	o.store = st;
	if (setara_cred_verifier_new(&verifier, &o) < 0 ||
	    setara_cred_verifier_new(&verifier_xmlsec, &o) < 0)
		goto fail;
	/* The credential's: the lists' directory. */
	if (mkdir(path(dir, "vc"), 0700) < 0 || vc_lists(path(dir, "vc")) < 0)
		goto fail;
	o.status = path(dir, "vc");
	if (setara_cred_verifier_new(&verifier_vc, &o) < 0)
		goto fail;
	setara_cred__verifier_engine(verifier_xmlsec, SETARA_CRED__SIG_XMLSEC);
	raw_key = signer->key;
	memset(raw_msg, 'x', sizeof(raw_msg));
	if (raw_sign() < 0 || setara_vc__sign(table_sig, &table_siglen, vc_key,
	    raw_msg, sizeof(raw_msg)) < 0 || setara_vc__key_table(vc_key) < 0)
		goto fail;
	{
		setara_verdict *v = NULL;

		if (show("document", setara_cred_verify_mem(&v, verifier,
		    signed_doc.ptr, signed_doc.size, "bench"), &v,
		    signed_doc.size, SETARA_CHECK_CONSISTENCY) < 0 ||
		    show("credential", setara_vc_verify(&v, verifier_vc,
		    signed_vc.ptr, signed_vc.size, "bench"), &v,
		    signed_vc.size, SETARA_CHECK_STATUS) < 0)
			goto fail;
	}
	remove(path(dir, "list.xml"));

	/* Profiling aids: run N of one operation only (issue, verify,
	 * verify-xmlsec, limit-issue, limit-verify, vc-issue, vc-verify). */
	if (argc > 4) {
		long k, iters = strtol(argv[3], NULL, 10);
		int (*fn)(void) = strcmp(argv[4], "verify") == 0 ? verify_one :
			strcmp(argv[4], "verify-xmlsec") == 0 ? verify_xmlsec :
			strcmp(argv[4], "limit-issue") == 0 ? limit_issue :
			strcmp(argv[4], "limit-verify") == 0 ? limit_verify :
			strcmp(argv[4], "vc-issue") == 0 ? vc_issue_nobuf :
			strcmp(argv[4], "vc-verify") == 0 ? vc_verify_one :
			issue_nobuf;
		double t0 = now(), c0 = cpu_now();

		for (k = 0; k < iters; k++)
			if (fn() < 0)
				goto fail;
		printf("%s: %ld in %.3f s (%.3f s of CPU, %.0f/s per core)\n",
			argv[4], iters, now() - t0, cpu_now() - c0,
			(double)iters / (cpu_now() - c0));
		goto done; /* the temporary directory goes too */
	}
	rs1 = rate(raw_sign, 1);
	rv1 = rate(raw_verify, 1);
	rt1 = rate(table_verify, 1);
	{
		/* One thread, interleaved: the limits beside what they
		 * bound. */
		int (*fns[])(void) = { limit_issue, issue_nobuf, limit_verify,
			verify_one, verify_xmlsec, vc_issue_nobuf,
			vc_verify_one };
		figure f[7];

		rates_interleaved(f, fns, 7, 5);
		li = f[0];
		is1 = f[1];
		lv = f[2];
		vs1 = f[3];
		vx = f[4];
		ci = f[5];
		cv = f[6];
	}
	is2 = rate(issue_nobuf, 2);
	vs2 = rate(verify_one, 2);
	if (setara_cred_build(&built, SETARA_DOC_TRANSCRIPT, record.ptr,
	    record.size, "bench") < 0 || (xmlsec_key = xmlSecCryptoAppKeyLoad(
	    path(argv[1], "issuers/my-um.key"), xmlSecKeyDataFormatPem, NULL,
	    NULL, NULL)) == NULL || xmlSecCryptoAppKeyCertLoad(xmlsec_key,
	    path(argv[1], "issuers/my-um.pem"), xmlSecKeyDataFormatPem) < 0)
		goto fail;
	sd = rate(sign_direct, 1);
	sx = rate(sign_xmlsec, 1);
	xmlSecKeyDestroy(xmlsec_key);
	xmlFreeDoc(built);
	printf("%-44s %10s %10s %10s\n", "(operations per second)",
		"per core", "1 thread", "2 threads");
	printf("%-44s %10.0f %10.0f %10s\n", "raw OpenSSL ECDSA P-256 sign",
		rs1.cpu, rs1.wall, "");
	printf("%-44s %10.0f %10.0f %10s\n", "raw OpenSSL ECDSA P-256 verify",
		rv1.cpu, rv1.wall, "");
	printf("%-44s %10.0f %10.0f %10s\n", "  the same, key's table (vc "
		"kept keys)", rt1.cpu, rt1.wall, "");
	printf("%-44s %10.0f %10.0f %10s\n", "limit, issue: parse, C14N, "
		"SHA-256, sign,", li.cpu, li.wall, "");
	printf("%-44s %10s %10s %10s\n", "  serialise", "", "", "");
	printf("%-44s %10.0f %10.0f %10.0f\n", "issue, 50-course transcript",
		is1.cpu, is1.wall, is2.wall);
	printf("%-44s %10.0f %10.0f %10s\n", "limit, verify: parse, C14N, "
		"SHA-256, verify", lv.cpu, lv.wall, "");
	printf("%-44s %10.0f %10.0f %10.0f\n", "verify, every check",
		vs1.cpu, vs1.wall, vs2.wall);
	printf("%-44s %10.0f %10.0f %10s\n", "  the same, signature by "
		"libxmlsec1 (compare)", vx.cpu, vx.wall, "");
	printf("%-44s %10.0f %10.0f %10s\n",
		"  signing step: exc-C14N + OpenSSL", sd.cpu, sd.wall, "");
	printf("%-44s %10.0f %10.0f %10s\n",
		"  signing step: libxmlsec1 (compare)", sx.cpu, sx.wall, "");
	printf("%-44s %10.0f %10.0f %10s\n", "VC issue (ecdsa-jcs-2019), same "
		"transcript", ci.cpu, ci.wall, "");
	printf("%-44s %10.0f %10.0f %10s\n", "VC verify, every check, 2 status "
		"lists", cv.cpu, cv.wall, "");
	printf("per core, same run: issue / limit %.2f (goal >= 0.80), "
		"verify / limit %.2f (goal >= 0.80)\n", is1.cpu / li.cpu,
		vs1.cpu / lv.cpu);
	printf("per core: issue at %.1f%% of raw sign, verify at %.1f%% of "
		"raw verify; verify %.2fx the libxmlsec1 path\n",
		100.0 * is1.cpu / rs1.cpu, 100.0 * vs1.cpu / rv1.cpu,
		vs1.cpu / vx.cpu);
	printf("per core, same run: VC issue / XML issue %.2f; VC verify / "
		"XML verify %.2f,\n VC verify / raw ECDSA P-256 verify %.3f "
		"(/ with the key's table %.3f)\n", ci.cpu / is1.cpu,
		cv.cpu / vs1.cpu, cv.cpu / rv1.cpu, cv.cpu / rt1.cpu);
	printf("two threads / one (wall): issue %.2fx, verify %.2fx\n",
		is2.wall / is1.wall, vs2.wall / vs1.wall);
	printf("(per core = operations / CPU seconds of the threads doing "
		"them; the\n other columns are wall-clock rates on this "
		"machine as loaded now: %.2f;\n limits, issue and verify on "
		"one thread ran interleaved in 5 rounds)\n", load());
done:
	setara_cred_verifier_free(verifier);
	setara_cred_verifier_free(verifier_xmlsec);
	setara_cred_verifier_free(verifier_vc);
	setara_vc_key_free(vc_key);
	setara_buf_dispose(&signed_vc);
	remove(path(dir, "vc/rev.json"));
	remove(path(dir, "vc/sus.json"));
	rmdir(path(dir, "vc"));
	rmdir(dir);
	setara_cred_trust_free(trust);
	setara_cred_signer_free(signer);
	setara_store_free(st);
	setara_buf_dispose(&record);
	setara_buf_dispose(&signed_doc);
	setara_shutdown();
	return 0;
fail:
	fprintf(stderr, "bench_cred: %s\n", setara_error_last()->message);
	return 1;
}
