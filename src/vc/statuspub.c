/*
 * Publishing the register's status lists as BitstringStatusListCredentials:
 * cred's publishing driver (cred/publish.c: the register, incremental
 * publication records, the atomic write, the audit entry) with a writer
 * of signed JSON.
 */
#include <string.h>

#include "vc_int.h"
#include "cred/cred_api.h"

#define DAY_MS (24LL * 3600 * 1000)

struct vc_format {
	const setara_vc_key *key;
	const char *issuer;   /* NULL: from the register's issuer id */
	const char *method;   /* NULL: issuer + "#key-" + keyid */
	char *multikey;
	char keyid[65];       /* SHA-256 (hex) of the key's DER SPKI */
	long long ttl;
};

/* The credential's issuer for the register's issuer @id; caller frees. */
static char *issuer_url(const struct vc_format *f, const char *id)
{
	if (f->issuer)
		return setara__strdup(f->issuer);
	return strchr(id, ':') ? setara__strdup(id) :
		setara__asprintf("%s%s", SETARA_VC_ISSUER_PREFIX, id);
}

static int write_vc(setara_buf *out, const setara_cred__list *l,
	void *payload)
{
	const struct vc_format *f = payload;
	setara_vc_status_list_options so = SETARA_VC_STATUS_LIST_OPTIONS_INIT;
	setara_vc_proof_options po = SETARA_VC_PROOF_OPTIONS_INIT;
	setara_buf unsigned_json = SETARA_BUF_INIT;
	char *issuer = NULL, *method = NULL;
	long long ttl = f->ttl;
	int error;

	if ((issuer = issuer_url(f, l->issuer)) == NULL ||
	    (method = f->method ? setara__strdup(f->method) :
	    setara__asprintf("%s#key-%s", issuer, f->keyid)) == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	/* A day, but never past the list's own validity. */
	if (ttl == 0)
		ttl = (long long)(l->valid_until - l->now) * 1000 < DAY_MS ?
			(long long)(l->valid_until - l->now) * 1000 : DAY_MS;
	so.id = l->list_id;
	so.issuer = issuer;
	so.suspension = l->suspension;
	so.valid_from = (long long)l->now;
	so.valid_until = (long long)l->valid_until;
	so.ttl = ttl > 0 ? ttl : 0;
	po.verification_method = method;
	po.created = (long long)l->now;
	po.pretty = 1;
	if ((error = setara_vc_status_list_write(&unsigned_json, l->bits,
	    l->nbits, &so)) < 0 ||
	    (error = setara_vc_proof_create(out, unsigned_json.ptr,
	    unsigned_json.size, f->key, &po)) < 0)
		goto done;
done:
	setara_buf_dispose(&unsigned_json);
	setara__free(issuer);
	setara__free(method);
	return error;
}

int setara_vc_status_publish(setara_store *st, const setara_signer *signer,
	const setara_vc_key *key, const char *out,
	const setara_publish_options *opts,
	const setara_vc_publish_options *vopts, setara_publish_cb cb,
	void *payload)
{
	setara_vc_publish_options defaults = SETARA_VC_PUBLISH_OPTIONS_INIT;
	setara_cred__list_format fmt = { ".json", NULL, write_vc, NULL };
	setara_buf spki = SETARA_BUF_INIT;
	setara_buf mk = SETARA_BUF_INIT, tag = SETARA_BUF_INIT;
	struct vc_format f;
	int error;

	SETARA_ASSERT_ARG(st && signer && key && out);
	SETARA_CHECK_VERSION(vopts, SETARA_VC_PUBLISH_OPTIONS_VERSION,
		"SETARA_VC_PUBLISH_OPTIONS_INIT");
	if (vopts == NULL)
		vopts = &defaults;
	if (!setara_vc_key_can_sign(key))
		return setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, "--key", "the key cannot sign (a public key)");
	memset(&f, 0, sizeof(f));
	f.key = key;
	f.issuer = vopts->issuer;
	f.method = vopts->verification_method;
	f.ttl = vopts->ttl;
	/* What the files depend on besides the bits and the signer. */
	if ((error = setara_vc__key_spki(&spki, key)) < 0 ||
	    (error = setara__sha256_hex(f.keyid, spki.ptr, spki.size)) < 0 ||
	    (error = setara_vc_key_multikey(&mk, key)) < 0 ||
	    (error = setara_buf_printf(&tag, "vc\n%s\n%s\n%s\n%lld",
	    f.issuer ? f.issuer : "", f.method ? f.method : "", mk.ptr,
	    f.ttl)) < 0)
		goto done;
	f.multikey = mk.ptr;
	fmt.signed_with = tag.ptr;
	fmt.payload = &f;
	error = setara_cred__status_publish(st, signer, out, opts, &fmt, cb,
		payload);
done:
	setara_buf_dispose(&spki);
	setara_buf_dispose(&mk);
	setara_buf_dispose(&tag);
	return error;
}
