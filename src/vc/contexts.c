/*
 * The JSON-LD contexts setara knows: each is a file shipped in the data
 * directory's contexts/ (and compiled into the library), pinned by the
 * SHA-256 of its bytes, and never fetched.  The JCS cryptosuites sign a
 * credential's text, so a verifier needs no context to check a proof;
 * what a context gives is the meaning of the text's terms.  A credential
 * naming a context that setara does not hold claims a meaning setara
 * cannot read: the verifier's profile check refuses it
 * (setara_vc__contexts_profile()).
 *
 * Registering a context: one line in the table below and its file in
 * contexts/ (the Makefile compiles every contexts/ *.json and *.jsonld
 * into the library and installs them); the unit tests check every pin.
 */
#include <string.h>
#include <pthread.h>

#include "vc_int.h"

static const setara_vc__context contexts[] = {
	/* W3C VC Data Model 2.0 (w3c/vc-data-model, contexts/credentials/
	 * v2), W3C Software and Document License */
	{ SETARA_VC_CONTEXT_V2, "credentials-v2.jsonld",
	  "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734" },
	/* 1EdTech Open Badges 3.0 (1EdTech/openbadges-specification,
	 * ob_v3p0/context-3.0.3.json), IMS specification licence */
	{ SETARA_VC_CONTEXT_OB, "ob-context-3.0.3.json",
	  "ef2fa9c7846dce233cc166b43639027278be4ee44f00bb1d45c75de2dd0cd761" },
	/* 1EdTech CLR 2.0.1, the copy 1EdTech's own validator loads for this
	 * URL (1EdTech/digital-credentials-public-validator, inspector-vc/
	 * src/main/resources/contexts/clr-v2p0-2.0.1.json), Apache 2.0 */
	{ SETARA_VC_CONTEXT_CLR, "clr-context-2.0.1.json",
	  "880f1902d4158f2f33ce06af41b90719977cd1ea337a9de2e41edb3ff5e543d6" },
	/* setara's own terms (docs/vc.md) */
	{ SETARA_VC_CONTEXT_SETARA, "setara-vc-1.jsonld",
	  "c5d4a46b67c6c99263d410660c02319d76b30b00baaf990751462df3b5da8411" },
	{ NULL, NULL, NULL }
};

#define NCONTEXTS (sizeof(contexts) / sizeof(contexts[0]) - 1)

const setara_vc__context *setara_vc__context_table(void)
{
	return contexts;
}

const setara_vc__context *setara_vc__context_find(const char *url)
{
	size_t i;

	for (i = 0; url && contexts[i].url; i++)
		if (strcmp(contexts[i].url, url) == 0)
			return &contexts[i];
	return NULL;
}

/* The compiled-in copies, read once (again after a failure). */
static pthread_mutex_t parsed_lock = PTHREAD_MUTEX_INITIALIZER;
static json_t *parsed[NCONTEXTS];

/*
 * The embedded copy of @c, its bytes checked against the pin first: a
 * copy that differs is not read (the unit tests fail on it).
 */
static json_t *embedded_context(const setara_vc__context *c)
{
	char name[128], hex[65];
	const unsigned char *data;
	json_t *doc = NULL, *ctx;
	size_t len;

	snprintf(name, sizeof(name), "contexts/%s", c->file);
	if ((data = setara__embedded(name, &len)) == NULL ||
	    setara__sha256_hex(hex, data, len) < 0 ||
	    strcmp(hex, c->sha256) != 0 ||
	    setara_vc__json_load(&doc, (const char *)data, len, name) < 0) {
		setara_error_clear();
		return NULL;
	}
	ctx = json_object_get(doc, "@context");
	if (!json_is_object(ctx)) {
		json_decref(doc);
		return NULL;
	}
	json_incref(ctx);
	json_decref(doc);
	return ctx;
}

const json_t *setara_vc__context_doc(const setara_vc__context *c)
{
	size_t i = (size_t)(c - contexts);
	json_t *ctx;

	if (c == NULL || c->file == NULL || i >= NCONTEXTS)
		return NULL;
	pthread_mutex_lock(&parsed_lock);
	if (parsed[i] == NULL)
		parsed[i] = embedded_context(c);
	ctx = parsed[i];
	pthread_mutex_unlock(&parsed_lock);
	return ctx;
}

int setara_vc_contexts_check(const char *dir)
{
	setara_buf data = SETARA_BUF_INIT;
	char hex[65], *path = NULL;
	size_t i;
	int error = 0;

	SETARA_ASSERT_ARG(dir);
	for (i = 0; contexts[i].url && error == 0; i++) {
		if (contexts[i].file == NULL)
			continue;
		setara__free(path);
		setara_buf_clear(&data);
		if ((path = setara__path_join(dir, contexts[i].file)) == NULL) {
			error = SETARA_ENOMEM;
			break;
		}
		if ((error = setara__read_file(&data, path,
		    SETARA_VC_JSON_MAX_SIZE)) < 0 ||
		    (error = setara__sha256_hex(hex, data.ptr, data.size)) < 0)
			break;
		if (strcmp(hex, contexts[i].sha256) != 0)
			error = setara_error__data(path, 0, "@context",
				"the context %s has SHA-256 %s, not the %s "
				"setara pins: a changed context changes what "
				"every credential naming it means",
				contexts[i].url, hex, contexts[i].sha256);
	}
	setara__free(path);
	setara_buf_dispose(&data);
	return error;
}

int setara_vc__contexts_profile(char *why, size_t n, const setara_vc__jv *doc)
{
	const setara_vc__jv *ctx = setara_vc__jget(doc, "@context"), *v;
	size_t i;

	/* Well-formedness came first: an array, the VC 2.0 context first. */
	why[0] = '\0';
	setara_vc__jarray_foreach(ctx, i, v) {
		if (!setara_vc__jis_string(v)) {
			snprintf(why, n, "@context: entry %zu is an inline "
				"context: setara reads only the contexts it "
				"ships, whose terms it knows", i + 1);
			return 1;
		}
		if (setara_vc__context_find(setara_vc__jstr(v)) == NULL) {
			snprintf(why, n, "@context: entry %zu, %.100s, is not "
				"a context setara knows: the credential's "
				"terms would mean what setara cannot read "
				"(contexts are shipped, pinned by SHA-256, "
				"never fetched)", i + 1, setara_vc__jstr(v));
			return 1;
		}
	}
	return 0;
}
