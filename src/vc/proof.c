/*
 * Data Integrity proofs of the JCS cryptosuites: eddsa-jcs-2022 (W3C
 * "Data Integrity EdDSA Cryptosuites v1.0") and ecdsa-jcs-2019 (W3C "Data
 * Integrity ECDSA Cryptosuites v1.0"), within W3C "Verifiable Credential
 * Data Integrity 1.0".
 *
 * Both suites do the same four steps, named as in the specs:
 *   transformation     canonicalDocument = JCS(document without proof)
 *   proof configuration canonicalProofConfig = JCS(proof options, with the
 *                       document's @context copied in when it has one)
 *   hashing            hashData = H(canonicalProofConfig) ||
 *                                 H(canonicalDocument)
 *                       H = SHA-256 (Ed25519, P-256) or SHA-384 (P-384)
 *   serialization      proofBytes = Ed25519(hashData), or ECDSA with H
 *                       over hashData as r || s; proofValue = "z" +
 *                       base58btc(proofBytes)
 * Verification takes the proof options from the proof (all its members
 * but proofValue), requires the document's @context to start with the
 * proof's and then runs the same steps.  The checks on the proof's own
 * members (type, purpose, dates) come from VC Data Integrity's "Verify
 * Proof" algorithm.
 */
#include <string.h>

#include "vc_int.h"

#define DI_PROOF "DataIntegrityProof"
#define ASSERTION_METHOD "assertionMethod"

void setara_vc__proof_data_dispose(setara_vc__proof_data *d)
{
	if (d == NULL)
		return;
	setara_buf_dispose(&d->canon_doc);
	setara_buf_dispose(&d->canon_config);
	memset(d, 0, sizeof(*d));
}

/* The hash data of the canonical forms in @d. */
static int hash_canon(setara_vc__proof_data *d, setara_vc_alg alg)
{
	size_t n1 = 0, n2 = 0;
	int error;

	/* The proof configuration's hash first, then the document's. */
	if ((error = setara_vc__digest(d->hash_data, &n1, alg,
		d->canon_config.ptr, d->canon_config.size)) < 0 ||
	    (error = setara_vc__digest(d->hash_data + n1, &n2, alg,
		d->canon_doc.ptr, d->canon_doc.size)) < 0)
		return error;
	d->hash_len = n1 + n2;
	return 0;
}

int setara_vc__proof_hash(setara_vc__proof_data *d, const json_t *doc,
	const json_t *config, setara_vc_alg alg)
{
	int error;

	SETARA_ASSERT_ARG(d && doc && config);
	setara_buf_clear(&d->canon_doc);
	setara_buf_clear(&d->canon_config);
	if ((error = setara_vc__jcs(&d->canon_doc, doc)) < 0 ||
	    (error = setara_vc__jcs(&d->canon_config, config)) < 0)
		return error;
	return hash_canon(d, alg);
}

/* The suite a key signs with, and whether @suite fits the key. */
static const char *key_suite(setara_vc_alg alg)
{
	return alg == SETARA_VC_ALG_ED25519 ? SETARA_VC_EDDSA_JCS_2022 :
		SETARA_VC_ECDSA_JCS_2019;
}

static int known_suite(const char *suite)
{
	return strcmp(suite, SETARA_VC_EDDSA_JCS_2022) == 0 ||
		strcmp(suite, SETARA_VC_ECDSA_JCS_2019) == 0;
}

/* json_object_set_new() that reports a failure as out of memory. */
static int set_new(json_t *obj, const char *key, json_t *v)
{
	if (v == NULL || json_object_set_new(obj, key, v) != 0)
		return setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
			NULL, 0, NULL, "out of memory");
	return 0;
}

static int set_time(json_t *obj, const char *key, long long t)
{
	char s[21];

	setara__time_format(s, (time_t)t);
	return set_new(obj, key, json_string(s));
}

/* A document: one JSON object, read by the hostile-input loader. */
static int load_object(json_t **doc, const char *json, size_t len)
{
	int error;

	if ((error = setara_vc__json_load(doc, json, len, NULL)) < 0)
		return error;
	if (!json_is_object(*doc)) {
		json_decref(*doc);
		*doc = NULL;
		return setara_error__data(NULL, 0, NULL,
			"the document is not a JSON object");
	}
	return 0;
}

/* What a proof needs of the key and the options; *suite gets the
 * cryptosuite. */
static int create_args(const char **suite, const setara_vc_key *key,
	const setara_vc_proof_options *opts)
{
	setara_vc_alg alg = setara_vc_key_alg(key);

	*suite = opts->cryptosuite ? opts->cryptosuite : key_suite(alg);
	if (!setara_vc_key_can_sign(key))
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, NULL, "the key has no private part");
	if (strcmp(*suite, key_suite(alg)) != 0)
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, "cryptosuite",
			"%s does not sign with this key", *suite);
	if (opts->verification_method == NULL ||
	    *opts->verification_method == '\0')
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, "verificationMethod",
			"a proof needs its verification method");
	return 0;
}

/* The proof of @doc (an object, given its "proof" member here), written
 * to @out. */
static int create_doc(setara_buf *out, setara_vc__proof_data *d,
	json_t *doc, const char *suite, const setara_vc_key *key,
	const setara_vc_proof_options *opts)
{
	setara_vc__proof_data local = { SETARA_BUF_INIT, SETARA_BUF_INIT,
		{ 0 }, 0, { 0 }, 0 };
	setara_buf value = SETARA_BUF_INIT;
	json_t *proof = NULL, *ctx;
	setara_vc_alg alg = setara_vc_key_alg(key);
	long long created;
	int error = -1;

	if (d == NULL)
		d = &local;
	if (json_object_get(doc, "proof")) {
		/* Proof sets and chains are for a later version. */
		error = setara_error__data(NULL, 0, "proof",
			"the document has a proof already");
		goto done;
	}
	/* The proof options, in the order of the specs' examples. */
	created = opts->created ? opts->created : (long long)setara__time_now();
	if ((proof = json_object()) == NULL) {
		error = set_new(doc, "proof", NULL);
		goto done;
	}
	if ((error = set_new(proof, "type", json_string(DI_PROOF))) < 0 ||
	    (error = set_new(proof, "cryptosuite", json_string(suite))) < 0 ||
	    (created >= 0 &&
		(error = set_time(proof, "created", created)) < 0) ||
	    (opts->expires > 0 &&
		(error = set_time(proof, "expires", opts->expires)) < 0) ||
	    (error = set_new(proof, "verificationMethod",
		json_string(opts->verification_method))) < 0 ||
	    (error = set_new(proof, "proofPurpose", json_string(
		opts->proof_purpose ? opts->proof_purpose :
		ASSERTION_METHOD))) < 0)
		goto done;
	/* Create Proof, step 2: the document's @context goes in the proof,
	 * so that the proof cannot be moved to a document of other terms. */
	if ((ctx = json_object_get(doc, "@context")) != NULL &&
	    (error = set_new(proof, "@context", json_deep_copy(ctx))) < 0)
		goto done;
	if ((error = setara_vc__proof_hash(d, doc, proof, alg)) < 0 ||
	    (error = setara_vc__sign(d->sig, &d->sig_len, key, d->hash_data,
		d->hash_len)) < 0 ||
	    (error = setara_vc_multibase_encode(&value,
		SETARA_VC_MULTIBASE_BASE58BTC, d->sig, d->sig_len)) < 0 ||
	    (error = set_new(proof, "proofValue", json_string(value.ptr))) <
		0)
		goto done;
	/* The document keeps its members' order; the proof comes last. */
	if ((error = set_new(doc, "proof", json_incref(proof))) < 0 ||
	    (error = setara_vc__json_write(out, doc, opts->pretty)) < 0)
		goto done;
	error = 0;
done:
	setara_buf_dispose(&value);
	setara_vc__proof_data_dispose(&local);
	json_decref(proof);
	return error;
}

int setara_vc__proof_create(setara_buf *out, setara_vc__proof_data *d,
	const char *json, size_t len, const setara_vc_key *key,
	const setara_vc_proof_options *opts)
{
	json_t *doc = NULL;
	const char *suite;
	int error;

	SETARA_ASSERT_ARG(out && key && opts);
	SETARA_CHECK_VERSION(opts, SETARA_VC_PROOF_OPTIONS_VERSION,
		"SETARA_VC_PROOF_OPTIONS_INIT");
	if ((error = create_args(&suite, key, opts)) < 0 ||
	    (error = load_object(&doc, json, len)) < 0)
		return error;
	error = create_doc(out, d, doc, suite, key, opts);
	json_decref(doc);
	return error;
}

int setara_vc__proof_create_doc(setara_buf *out, const json_t *doc,
	const setara_vc_key *key, const setara_vc_proof_options *opts)
{
	json_t *copy;
	const char *suite;
	int error;

	SETARA_ASSERT_ARG(out && doc && key && opts);
	SETARA_CHECK_VERSION(opts, SETARA_VC_PROOF_OPTIONS_VERSION,
		"SETARA_VC_PROOF_OPTIONS_INIT");
	if ((error = create_args(&suite, key, opts)) < 0)
		return error;
	if (!json_is_object(doc))
		return setara_error__data(NULL, 0, NULL,
			"the document is not a JSON object");
	/* A shallow copy takes the proof: @doc's values are shared, never
	 * changed. */
	if ((copy = json_copy((json_t *)doc)) == NULL)
		return set_new((json_t *)doc, "proof", NULL);
	error = create_doc(out, NULL, copy, suite, key, opts);
	json_decref(copy);
	return error;
}

int setara_vc_proof_create(setara_buf *out, const char *json, size_t len,
	const setara_vc_key *key, const setara_vc_proof_options *opts)
{
	return setara_vc__proof_create(out, NULL, json, len, key, opts);
}

/* ---- verification ---------------------------------------------------- */

void setara_vc_proof_result_dispose(setara_vc_proof_result *r)
{
	if (r == NULL)
		return;
	setara__free(r->verification_method);
	setara__free(r->cryptosuite);
	r->verification_method = NULL;
	r->cryptosuite = NULL;
}

const char *setara_vc_failure_name(setara_vc_proof_failure f)
{
	static const char *const names[] = { "", "missing", "malformed",
		"cryptosuite", "purpose", "context", "method", "key",
		"expired", "signature" };

	if ((unsigned)f < sizeof(names) / sizeof(names[0]))
		return names[f];
	return "unknown";
}

/* Refuse the proof: the verdict, not an error; returns 0. */
static int refuse(setara_vc_proof_result *r, setara_vc_proof_failure f,
	const char *fmt, ...) SETARA_PRINTF(3, 4);
static int refuse(setara_vc_proof_result *r, setara_vc_proof_failure f,
	const char *fmt, ...)
{
	va_list ap;

	r->status = SETARA_VC_PROOF_FAILED;
	r->failure = f;
	va_start(ap, fmt);
	vsnprintf(r->reason, sizeof(r->reason), fmt, ap);
	va_end(ap);
	return 0;
}

/* A string member of the proof, or NULL. */
static const char *member(const setara_vc__jv *proof, const char *name)
{
	return setara_vc__jstr(setara_vc__jget(proof, name));
}

int setara_vc__json_time(const setara_vc__jv *obj, const char *name,
	time_t *t)
{
	const setara_vc__jv *v = setara_vc__jget(obj, name);
	const char *s = setara_vc__jstr(v);

	if (v == NULL)
		return 1;
	/* xsd:dateTime: a date alone is not one. */
	if (s == NULL || strchr(s, 'T') == NULL ||
	    setara__time_parse(t, s) < 0)
		return -1;
	return 0;
}

/* @context as a list: an array, or one value as a list of one. */
static size_t ctx_size(const setara_vc__jv *c)
{
	return setara_vc__jis_array(c) ? c->n : 1;
}

static const setara_vc__jv *ctx_get(const setara_vc__jv *c, size_t i)
{
	return setara_vc__jis_array(c) ? setara_vc__jat(c, i) : c;
}

/* 1 when the document's @context starts with the proof's, in order. */
static int ctx_starts_with(const setara_vc__jv *doc_ctx,
	const setara_vc__jv *proof_ctx)
{
	size_t i, n = ctx_size(proof_ctx);

	if (doc_ctx == NULL || ctx_size(doc_ctx) < n)
		return 0;
	for (i = 0; i < n; i++)
		if (!setara_vc__jequal(ctx_get(doc_ctx, i),
		    ctx_get(proof_ctx, i)))
			return 0;
	return 1;
}

/* The checks on the proof's members, before any cryptography. */
static int check_members(setara_vc_proof_result *r,
	const setara_vc__jv *proof,
	const setara_vc_verify_options *opts)
{
	static const char *const required[] = { "type", "cryptosuite",
		"verificationMethod", "proofPurpose", "proofValue" };
	const char *purpose = opts->proof_purpose ? opts->proof_purpose :
		ASSERTION_METHOD;
	time_t created, expires;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (member(proof, required[i]) == NULL)
			return refuse(r, SETARA_VC_FAIL_MALFORMED,
				"the proof has no %s string", required[i]);
	if (strcmp(member(proof, "type"), DI_PROOF) != 0)
		return refuse(r, SETARA_VC_FAIL_SUITE,
			"the proof's type is not " DI_PROOF);
	if (!known_suite(member(proof, "cryptosuite")))
		return refuse(r, SETARA_VC_FAIL_SUITE,
			"cryptosuite %.100s is not supported",
			member(proof, "cryptosuite"));
	if (strcmp(member(proof, "proofPurpose"), purpose) != 0)
		return refuse(r, SETARA_VC_FAIL_PURPOSE,
			"the proof's purpose is %.100s, not %.100s",
			member(proof, "proofPurpose"), purpose);
	if (setara_vc__json_time(proof, "created", &created) < 0)
		return refuse(r, SETARA_VC_FAIL_MALFORMED,
			"the proof's created is not a dateTime");
	if ((rc = setara_vc__json_time(proof, "expires", &expires)) < 0)
		return refuse(r, SETARA_VC_FAIL_MALFORMED,
			"the proof's expires is not a dateTime");
	if (rc == 0 && (long long)expires <= (opts->at ? opts->at :
		(long long)setara__time_now()))
		return refuse(r, SETARA_VC_FAIL_EXPIRED,
			"the proof expired at %.40s", member(proof, "expires"));
	return 0;
}

/* Find the key: the caller's, or the resolver's.  *key NULL and status
 * set when there is none to use. */
static int find_key(const setara_vc_key **key, setara_vc_proof_result *r,
	const char *method, const setara_vc_verify_options *opts)
{
	int error;

	*key = NULL;
	if (opts->key) {
		if (opts->verification_method &&
		    strcmp(opts->verification_method, method) != 0)
			return refuse(r, SETARA_VC_FAIL_METHOD,
				"the proof names another verification "
				"method");
		*key = opts->key;
		return 0;
	}
	setara_error_clear();
	error = opts->resolve(key, method, opts->payload);
	if (error == SETARA_ENOTFOUND || (error == 0 && *key == NULL)) {
		/* The resolver may say why (the last error), or not. */
		const setara_error *e = setara_error_last();
		int why = error == SETARA_ENOTFOUND &&
			e->code == SETARA_ENOTFOUND && e->message[0];

		*key = NULL;
		r->status = SETARA_VC_PROOF_UNRESOLVED;
		if (why)
			snprintf(r->reason, sizeof(r->reason), "key refused: "
				"%s", e->message);
		else
			snprintf(r->reason, sizeof(r->reason), "no key "
				"accepted for verification method %.180s",
				method);
		setara_error_clear();
		return 0;
	}
	return error;
}

int setara_vc_proof_verify(setara_vc_proof_result *r, const char *json,
	size_t len, const setara_vc_verify_options *opts)
{
	setara_vc__jdoc doc = SETARA_VC__JDOC_INIT;
	int error;

	SETARA_ASSERT_ARG(r && opts);
	SETARA_CHECK_VERSION(opts, SETARA_VC_VERIFY_OPTIONS_VERSION,
		"SETARA_VC_VERIFY_OPTIONS_INIT");
	SETARA_ASSERT_ARG(opts->key || opts->resolve);
	setara_vc_proof_result_dispose(r);
	r->status = SETARA_VC_PROOF_FAILED;
	r->failure = SETARA_VC_FAIL_NONE;
	r->reason[0] = '\0';
	if ((error = setara_vc__jdoc_load(&doc, json, len, NULL)) == 0)
		error = setara_vc__proof_verify_tree(r, doc.root, opts);
	setara_vc__jdoc_dispose(&doc);
	return error;
}

int setara_vc__proof_verify_tree(setara_vc_proof_result *r,
	const setara_vc__jv *doc, const setara_vc_verify_options *opts)
{
	setara_vc__proof_data d = { SETARA_BUF_INIT, SETARA_BUF_INIT, { 0 },
		0, { 0 }, 0 };
	setara_buf sig = SETARA_BUF_INIT;
	const setara_vc__jv *proof, *pctx;
	const setara_vc_key *key = NULL;
	const char *suite, *value;
	setara_vc_alg alg;
	int error = -1, ok;

	SETARA_ASSERT_ARG(r && doc && opts && (opts->key || opts->resolve));
	setara_vc_proof_result_dispose(r);
	r->status = SETARA_VC_PROOF_FAILED;
	r->failure = SETARA_VC_FAIL_NONE;
	r->reason[0] = '\0';
	if (!setara_vc__jis_object(doc))
		return setara_error__data(NULL, 0, NULL,
			"the document is not a JSON object");
	error = 0;
	proof = setara_vc__jget(doc, "proof");
	if (proof == NULL) {
		refuse(r, SETARA_VC_FAIL_MISSING, "the document has no proof");
		goto done;
	}
	if (!setara_vc__jis_object(proof)) {
		refuse(r, SETARA_VC_FAIL_MALFORMED, setara_vc__jis_array(proof) ?
			"proof sets are not supported" :
			"the proof is not an object");
		goto done;
	}
	if (member(proof, "verificationMethod") &&
	    (r->verification_method = setara__strdup(member(proof,
		"verificationMethod"))) == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	if (member(proof, "cryptosuite") &&
	    (r->cryptosuite = setara__strdup(member(proof, "cryptosuite"))) ==
		NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	if ((error = check_members(r, proof, opts)) < 0 ||
	    r->failure != SETARA_VC_FAIL_NONE)
		goto done;
	suite = member(proof, "cryptosuite");
	if ((error = find_key(&key, r, member(proof, "verificationMethod"),
		opts)) < 0 || key == NULL)
		goto done;
	alg = setara_vc_key_alg(key);
	if (strcmp(suite, key_suite(alg)) != 0) {
		refuse(r, SETARA_VC_FAIL_KEY,
			"the key of the verification method is not for %s",
			suite);
		goto done;
	}
	value = member(proof, "proofValue");
	if (value[0] == SETARA_VC_MULTIBASE_BASE58BTC &&
	    (error = setara_vc_multibase_decode(&sig, value,
		strlen(value))) == SETARA_ENOMEM)
		goto done;
	if (value[0] != SETARA_VC_MULTIBASE_BASE58BTC || error < 0 ||
	    sig.size != setara_vc__sig_size(alg)) {
		error = 0;
		setara_error_clear();
		refuse(r, SETARA_VC_FAIL_MALFORMED, "the proofValue is not "
			"base58btc of a %zu-byte signature",
			setara_vc__sig_size(alg));
		goto done;
	}
	/* Step 4: a proof's @context must start the document's, and is
	 * what the document was signed with. */
	if ((pctx = setara_vc__jget(proof, "@context")) != NULL &&
	    !ctx_starts_with(setara_vc__jget(doc, "@context"), pctx)) {
		refuse(r, SETARA_VC_FAIL_CONTEXT, "the document's "
			"@context does not start with the proof's");
		goto done;
	}
	/* Verify Proof, steps 1-2: the document without its proof (under
	 * the proof's @context), the proof options without the value;
	 * written from the tree as it is, nothing copied (room made once
	 * for most credentials: a 50-course transcript is 24 KiB). */
	if ((error = setara_buf_grow(&d.canon_doc, 32768)) < 0 ||
	    (error = setara_vc__jcs_tree(&d.canon_doc, doc, "proof",
		pctx ? "@context" : NULL, pctx)) < 0 ||
	    (error = setara_vc__jcs_tree(&d.canon_config, proof,
		"proofValue", NULL, NULL)) < 0 ||
	    (error = hash_canon(&d, alg)) < 0)
		goto done;
	if ((ok = setara_vc__verify(key, d.hash_data, d.hash_len,
		(const unsigned char *)sig.ptr, sig.size)) < 0) {
		error = ok;
		goto done;
	}
	if (!ok) {
		refuse(r, SETARA_VC_FAIL_SIGNATURE,
			"the signature does not verify with the key of %.160s",
			member(proof, "verificationMethod"));
		goto done;
	}
	r->status = SETARA_VC_PROOF_VERIFIED;
	error = 0;
done:
	setara_vc__proof_data_dispose(&d);
	setara_buf_dispose(&sig);
	return error;
}
