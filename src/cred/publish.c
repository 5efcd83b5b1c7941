/*
 * Publishing status lists: the register's revocations and suspensions as
 * signed statusList documents (W3C Bitstring Status List encoding), static
 * files that verifiers read with --status and that need no server.
 */
#include <string.h>
#include <sys/stat.h>

#include "cred_int.h"
#include "store/store_api.h"

#define DEFAULT_VALID_FOR (7L * 24 * 3600)

/* The register's only issuer, or a usage error naming them all. */
static int only_issuer(setara_store *st, char **out)
{
	setara__strlist l = { NULL, 0, 0 };
	setara_buf names = SETARA_BUF_INIT;
	size_t i;
	int error;

	*out = NULL;
	if ((error = setara_register__issuers(st, &l)) < 0)
		goto done;
	if (l.count == 0) {
		error = setara_error__set(SETARA_ENOTFOUND, SETARA_ERROR_DATA,
			NULL, 0, "issuer", "the register has issued nothing: "
			"no status list to publish");
	} else if (l.count > 1) {
		for (i = 0; i < l.count; i++)
			setara_buf_printf(&names, "%s%s", i ? ", " : "",
				l.items[i]);
		error = setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			NULL, 0, "--issuer", "several issuers in the register "
			"(%s): name one", names.ptr ? names.ptr : "");
	} else {
		*out = setara__strdup(l.items[0]);
		error = *out ? 0 : SETARA_ENOMEM;
	}
done:
	setara_buf_dispose(&names);
	setara__strlist_dispose(&l);
	return error;
}

static unsigned long count_bits(const unsigned char *bits, size_t n)
{
	unsigned long c = 0;
	size_t i;

	for (i = 0; i < n; i++)
		c += (unsigned long)__builtin_popcount(bits[i]);
	return c;
}

static int publish_one(setara_store *st, const setara_signer *signer,
	const char *list_id, const char *path, time_t valid_until,
	setara_publish_cb cb, void *payload)
{
	unsigned char *bits = NULL;
	size_t nbytes = 0;
	char *issuer = NULL, *purpose = NULL, *name = NULL, *country = NULL;
	xmlDocPtr doc = NULL;
	xmlChar *mem = NULL;
	int len = 0, error;

	if ((error = setara_register__list_bits(st, list_id, &bits, &nbytes,
	    &issuer, &purpose)) < 0 ||
	    (error = setara_register__issuer(st, issuer, &name, &country)) < 0)
		goto done;
	if (name == NULL || country == NULL) {
		error = setara_error__data(NULL, 0, "issuer", "the register "
			"lacks the name or country of %s", issuer);
		goto done;
	}
	if ((error = setara_cred__statuslist_build(&doc, issuer, country,
	    name, list_id, strcmp(purpose, "suspension") == 0, bits,
	    nbytes * 8, valid_until)) < 0 ||
	    (error = setara_cred__check_signer(signer, doc, path)) < 0 ||
	    (error = setara_cred_sign(doc, signer)) < 0)
		goto done;
	xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
	if (mem == NULL || len <= 0) {
		error = SETARA_ENOMEM;
		goto done;
	}
	if ((error = setara__write_file_atomic(path, mem, (size_t)len,
	    0644)) < 0 ||
	    (error = setara_store_audit(st, "publish", list_id, path)) < 0)
		goto done;
	if (cb)
		cb(path, list_id, purpose, count_bits(bits, nbytes), payload);
done:
	xmlFree(mem);
	xmlFreeDoc(doc);
	setara__free(bits);
	setara__free(issuer);
	setara__free(purpose);
	setara__free(name);
	setara__free(country);
	return error;
}

int setara_status_publish(setara_store *st, const setara_signer *signer,
	const char *out, const setara_publish_options *opts,
	setara_publish_cb cb, void *payload)
{
	setara_publish_options defaults = SETARA_PUBLISH_OPTIONS_INIT;
	setara__strlist lists = { NULL, 0, 0 };
	char *issuer = NULL, *path = NULL;
	size_t i, n = strlen(out);
	time_t until;
	int error, to_dir;

	SETARA_ASSERT_ARG(st && signer && out && n > 0);
	SETARA_CHECK_VERSION(opts, SETARA_PUBLISH_OPTIONS_VERSION,
		"SETARA_PUBLISH_OPTIONS_INIT");
	if (opts == NULL)
		opts = &defaults;
	until = setara__time_now() + (opts->valid_for > 0 ? opts->valid_for :
		DEFAULT_VALID_FOR);
	/* A directory unless it names one XML file; a verifier given what
	 * was written must find every list it needs. */
	to_dir = out[n - 1] == '/' || setara__is_dir(out) ||
		!(n > 4 && strcmp(out + n - 4, ".xml") == 0);
	if (opts->issuer)
		issuer = setara__strdup(opts->issuer);
	else if ((error = only_issuer(st, &issuer)) < 0)
		return error;
	if (issuer == NULL)
		return SETARA_ENOMEM;
	if ((error = setara_register__lists(st, issuer, &lists)) < 0)
		goto done;
	if (lists.count == 0) {
		error = setara_error__set(SETARA_ENOTFOUND, SETARA_ERROR_DATA,
			NULL, 0, "--issuer", "the register has no status list "
			"for %s", issuer);
		goto done;
	}
	if (opts->list) {
		for (i = 0; i < lists.count; i++)
			if (strcmp(lists.items[i], opts->list) == 0)
				break;
		if (i == lists.count) {
			error = setara_error__set(SETARA_ENOTFOUND,
				SETARA_ERROR_DATA, NULL, 0, "--list",
				"%s has no status list %s", issuer,
				opts->list);
			goto done;
		}
	}
	if (to_dir) {
		if (mkdir(out, 0755) < 0 && !setara__is_dir(out)) {
			error = setara_error__os(out, "cannot create directory");
			goto done;
		}
		for (i = 0; i < lists.count; i++) {
			if (opts->list && strcmp(lists.items[i], opts->list))
				continue;
			setara__free(path);
			if ((error = setara_register__list_file(st, out,
			    lists.items[i], &path)) < 0 ||
			    (error = publish_one(st, signer, lists.items[i],
			    path, until, cb, payload)) < 0)
				goto done;
		}
	} else if (opts->list == NULL && !opts->suspension &&
	    lists.count > 1) {
		error = setara_error__set(SETARA_EUSAGE, SETARA_ERROR_USAGE,
			out, 0, "-o", "%s has %zu status lists (revocation and "
			"suspension): one file cannot hold them, and a verifier "
			"given it would miss the others; give a directory "
			"(-o DIR/), or --list ID for one list", issuer,
			lists.count);
	} else {
		/* Lists come in pairs, revocation first, current pair last. */
		const char *id = opts->list ? opts->list :
			lists.items[lists.count - 2 + (opts->suspension ? 1 : 0)];

		error = publish_one(st, signer, id, out, until, cb, payload);
	}
done:
	setara__free(path);
	setara__free(issuer);
	setara__strlist_dispose(&lists);
	return error;
}
