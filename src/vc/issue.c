/*
 * Issuing a Verifiable Credential: the same steps and checks as the XML
 * document (cred's setara_cred__issue_prepare(): record, build, signer,
 * every check of what is signed), the same register row and status index
 * (setara_cred__issue_reserve()), then the document as a credential
 * (map.c), its Data Integrity proof, and an atomic write; the register row
 * is completed once the file is in place, as for XML (cred/issue.c).
 */
#include <string.h>
#include <libxml/tree.h>

#include "vc_int.h"
#include "cred/cred_api.h"

int setara_vc__method_id(char **out, const char *issuer_id,
	const setara_vc_key *key)
{
	setara_buf spki = SETARA_BUF_INIT;
	char hex[65];
	int error;

	*out = NULL;
	if ((error = setara_vc__key_spki(&spki, key)) < 0 ||
	    (error = setara__sha256_hex(hex, spki.ptr, spki.size)) < 0)
		goto done;
	if ((*out = setara__asprintf("%s%s#key-%s", SETARA_VC_ISSUER_PREFIX,
	    issuer_id, hex)) == NULL)
		error = SETARA_ENOMEM;
done:
	setara_buf_dispose(&spki);
	return error;
}

/* The document's issuer id and issue time. */
static int doc_facts(char **issuer, time_t *issued, xmlDocPtr doc,
	const char *name)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr n = setara__xml_child(root, SETARA_NS_DOC, "issuer");
	char *s = setara__xml_child_text(root, SETARA_NS_DOC, "issued");
	char *id = n ? setara__xml_attr(n, "id") : NULL;
	int error = 0;

	*issuer = NULL;
	if (id == NULL || s == NULL || setara__time_parse(issued, s) < 0)
		error = setara_error__data(name, 0, "issued",
			"the document lacks an issuer or an issue time");
	else if ((*issuer = setara__strdup(id)) == NULL)
		error = SETARA_ENOMEM;
	xmlFree(id);
	setara__free(s);
	return error;
}

int setara_vc__secure_doc(setara_buf *out, json_t **vc, xmlDocPtr doc,
	const setara_vc_key *key, const char *name)
{
	setara_vc_proof_options po = SETARA_VC_PROOF_OPTIONS_INIT;
	char *issuer = NULL, *method = NULL;
	size_t start;
	time_t issued;
	int error;

	*vc = NULL;
	if ((error = doc_facts(&issuer, &issued, doc, name)) < 0 ||
	    (error = setara_vc__method_id(&method, issuer, key)) < 0 ||
	    (error = setara_vc__from_doc(vc, doc, name)) < 0)
		goto done;
	po.verification_method = method;
	po.created = (long long)issued;
	po.pretty = 1;
	start = out->size;
	if ((error = setara_vc__proof_create_doc(out, *vc, key, &po)) == 0 &&
	    out->size - start > SETARA_VC_JSON_MAX_SIZE) {
		/* Never issue what no verifier of setara reads. */
		out->size = start;
		out->ptr[start] = '\0';
		error = setara_error__data(name, 0, NULL, "the credential "
			"would be larger than %u bytes of JSON",
			SETARA_VC_JSON_MAX_SIZE);
	}
done:
	if (error < 0) {
		json_decref(*vc);
		*vc = NULL;
	}
	setara__free(issuer);
	setara__free(method);
	return error;
}

/*
 * Issuing with a trust list (--trust): the proof's verification method
 * must be one the list binds to the document's issuer, or no verifier
 * holding that list would accept the credential.  The XML path refuses a
 * signer the list refutes in the same way (cred/refcheck.c).
 */
static int key_bound(const setara_signer *signer, xmlDocPtr doc,
	const setara_vc_key *key, const char *name)
{
	const setara_trust *t = setara_cred__signer_trust(signer);
	const char *bound = NULL, *pk, *cert;
	char *issuer = NULL, *method = NULL;
	time_t issued;
	int error;

	if (t == NULL)
		return 0;
	if ((error = doc_facts(&issuer, &issued, doc, name)) < 0 ||
	    (error = setara_vc__method_id(&method, issuer, key)) < 0)
		goto done;
	error = setara_cred__trust_method(t, method, &bound, &pk, &cert);
	if (error == SETARA_ENOTFOUND || (error == 0 &&
	    strcmp(bound, issuer) != 0))
		error = setara_error__data(name, 0, "issuer", "the trust list "
			"binds no verification method of issuer %s to this "
			"proof key (%s): prove with a key the list binds to %s "
			"(docs/trust.md)", issuer, method, issuer);
done:
	setara__free(issuer);
	setara__free(method);
	return error;
}

static int issuable(setara_doc_type type, const setara_vc_key *key);
static int secure_write(setara_cred_issued *info, setara_store *st,
	struct _xmlDoc *doc, const setara_signer *signer,
	const setara_vc_key *key, const char *name, const char *out_path);

int setara_vc_issue(setara_cred_issued *info, setara_store *st,
	setara_doc_type type, const char *input_path,
	const setara_signer *signer, const setara_vc_key *key,
	const char *out_path)
{
	struct _xmlDoc *doc = NULL;
	int error;

	SETARA_ASSERT_ARG(input_path && signer && key && out_path);
	if ((error = issuable(type, key)) < 0)
		return error;
	if ((error = setara_cred__issue_prepare(&doc, st, type, input_path,
	    signer)) < 0)
		goto done;
	error = secure_write(info, st, doc, signer, key, input_path,
		out_path);
done:
	xmlFreeDoc(doc);
	return error;
}

int setara_vc_issue_doc(setara_cred_issued *info, setara_store *st,
	struct _xmlDoc *doc, const setara_signer *signer,
	const setara_vc_key *key, const char *out_path)
{
	const setara_cred__type *t = NULL;
	int error;

	SETARA_ASSERT_ARG(doc && signer && key && out_path);
	if (!setara_vc_key_can_sign(key))
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, "--key", "not a private key");
	if ((error = setara_cred__issue_check_doc(&t, st, doc, signer,
	    out_path)) < 0)
		return error;
	return secure_write(info, st, doc, signer, key, out_path, out_path);
}

/* The batch format of credentials (cred's setara_cred__issue_batch()). */
struct batch_keys {
	const setara_signer *signer;
	const setara_vc_key *key;
};

static int batch_secure(setara_buf *out, struct _xmlDoc *doc,
	const char *name, void *payload)
{
	const struct batch_keys *bk = payload;
	json_t *vc = NULL;
	int error;

	if ((error = key_bound(bk->signer, doc, bk->key, name)) < 0)
		return error;
	error = setara_vc__secure_doc(out, &vc, doc, bk->key, name);
	json_decref(vc);
	return error;
}

int setara_vc_issue_batch(setara_batch_stats *out, setara_store *st,
	setara_doc_type type, const char *input, const setara_signer *signer,
	const setara_vc_key *key, const char *out_dir,
	const setara_batch_options *opts)
{
	setara_cred__batch_format fmt;
	struct batch_keys bk;
	setara_buf spki = SETARA_BUF_INIT;
	char hex[65], keyed[80];
	int error;

	SETARA_ASSERT_ARG(st && input && signer && key && out_dir);
	if ((error = issuable(type, key)) < 0)
		return error;
	/* A record issued as a credential with this proof key is not the
	 * same record issued as XML, or with another key. */
	if ((error = setara_vc__key_spki(&spki, key)) < 0 ||
	    (error = setara__sha256_hex(hex, spki.ptr, spki.size)) < 0)
		goto done;
	snprintf(keyed, sizeof(keyed), "vc:%s", hex);
	fmt.ext = ".json";
	fmt.keyed_with = keyed;
	fmt.secure = batch_secure;
	bk.signer = signer;
	bk.key = key;
	fmt.payload = &bk;
	error = setara_cred__issue_batch(out, st, type, input, signer,
		out_dir, opts, &fmt);
done:
	setara_buf_dispose(&spki);
	return error;
}

/* The types issued as credentials, and a key that can sign. */
static int issuable(setara_doc_type type, const setara_vc_key *key)
{
	if (type != SETARA_DOC_TRANSCRIPT && type != SETARA_DOC_CERTIFICATE &&
	    type != SETARA_DOC_DECISION && type != SETARA_DOC_ATTESTATION)
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, "--format", "status lists are published as "
			"credentials by 'status publish --format vc', not "
			"issued");
	if (!setara_vc_key_can_sign(key))
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, "--key", "not a private key");
	return 0;
}

/*
 * A built, checked document: its register row and status index, the
 * credential with its proof, the atomic write; the row settled as for
 * XML (cred/issue.c).
 */
static int secure_write(setara_cred_issued *info, setara_store *st,
	struct _xmlDoc *doc, const setara_signer *signer,
	const setara_vc_key *key, const char *name, const char *out_path)
{
	setara_register__slot slot;
	setara_buf secured = SETARA_BUF_INIT;
	json_t *vc = NULL;
	int reserved = 0, error;

	if ((error = key_bound(signer, doc, key, name)) < 0)
		return error;
	if (st) {
		if ((error = setara_cred__issue_reserve(&slot, st, doc,
		    out_path)) < 0)
			goto done;
		reserved = 1;
	}
	if ((error = setara_vc__secure_doc(&secured, &vc, doc, key,
	    name)) < 0)
		goto done;
	reserved = 0; /* the write step settles the row */
	error = setara_cred__issue_write(info, st ? &slot : NULL, st,
		json_string_value(json_object_get(vc, "id")), secured.ptr,
		secured.size, out_path);
done:
	if (reserved && error < 0)
		setara_register__abandon(st, slot.id);
	json_decref(vc);
	setara_buf_dispose(&secured);
	return error;
}
