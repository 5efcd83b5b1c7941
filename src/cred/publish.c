/*
 * Publishing status lists: the register's revocations and suspensions as
 * signed statusList documents (W3C Bitstring Status List encoding), static
 * files that verifiers read with --status and that need no server.
 */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* What one publication run needs for each list. */
struct publish_ctx {
	const setara_signer *signer;
	time_t now, valid_until;
	long valid_for;
	int all;                  /* write every list, changed or not */
	char signed_with[65];     /* SHA-256: certificates, issuer */
	setara_publish_cb cb, unchanged_cb;
	void *payload;
	const setara_cred__list_format *fmt;
};

/*
 * What a list's file depends on besides its bits: the signer's
 * certificates (a new key or certificate signs every list again) and the
 * issuer's name and country as the register holds them.
 */
static int signed_with(char out[65], const setara_signer *signer,
	const char *name, const char *country, const char *format)
{
	setara_buf b = SETARA_BUF_INIT;
	size_t i;
	int error = 0;

	for (i = 0; i < signer->ncerts && error == 0; i++)
		error = setara_buf_printf(&b, "%s\n", signer->certs_b64[i]);
	if (error == 0)
		error = setara_buf_printf(&b, "%s\n%s\n", name, country);
	/* XML lists as before; another format adds what it depends on. */
	if (error == 0 && format)
		error = setara_buf_printf(&b, "%s\n", format);
	if (error == 0)
		error = setara__sha256_hex(out, b.ptr, b.size);
	setara_buf_dispose(&b);
	return error;
}

/*
 * Is the file at @path the list as the register would write it now?  It
 * is when the publication recorded for (list, path) shows the list's
 * current change counter and the same signer and issuer, the file is
 * still the one written (its digest), and at least half of the validity
 * asked for remains (a list nobody changes is still signed again before
 * it goes stale).  1: leave it; 0: write it.
 */
static int is_unchanged(setara_store *st, const struct publish_ctx *c,
	const char *list_id, const char *path, sqlite3_int64 changes,
	setara_register__publication *pub)
{
	setara_buf b = SETARA_BUF_INIT;
	char digest[65];
	time_t until;
	int error;

	error = setara_register__publication_get(st, list_id, path, pub);
	if (error == SETARA_ENOTFOUND)
		return 0;
	if (error < 0)
		return error;
	if (pub->changes != changes ||
	    strcmp(pub->signed_with, c->signed_with) != 0 ||
	    setara__time_parse(&until, pub->valid_until) < 0 ||
	    until - c->now < c->valid_for / 2) {
		setara_error_clear();
		return 0;
	}
	/* Removed, replaced or damaged since: written again. */
	error = setara__read_file(&b, path, SETARA_CRED_MAX_DOC) == 0 &&
		setara__sha256_hex(digest, b.ptr ? b.ptr : "", b.size) == 0 &&
		strcmp(digest, pub->digest) == 0;
	setara_buf_dispose(&b);
	setara_error_clear();
	return error;
}

/* The statusList document of one list, signed, into @out. */
static int write_xml(setara_buf *out, const setara_cred__list *l,
	void *payload)
{
	const setara_signer *signer = payload;
	xmlDocPtr doc = NULL;
	xmlChar *mem = NULL;
	int len = 0, error;

	if ((error = setara_cred__statuslist_build(&doc, l->issuer,
	    l->issuer_country, l->issuer_name, l->list_id, l->suspension,
	    l->bits, l->nbits, l->valid_until)) < 0 ||
	    (error = setara_cred__check_signer(signer, doc, l->path)) < 0 ||
	    (error = setara_cred_sign(doc, signer)) < 0)
		goto done;
	xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
	if (mem == NULL || len <= 0) {
		error = SETARA_ENOMEM;
		goto done;
	}
	error = setara_buf_put(out, mem, (size_t)len);
done:
	xmlFree(mem);
	xmlFreeDoc(doc);
	return error;
}

static int publish_one(setara_store *st, const struct publish_ctx *c,
	const char *list_id, const char *out_path)
{
	setara_register__publication pub;
	setara_cred__list l;
	setara_buf mem = SETARA_BUF_INIT;
	unsigned char *bits = NULL;
	size_t nbytes = 0;
	sqlite3_int64 changes;
	int suspension;
	char *issuer = NULL, *purpose = NULL, *name = NULL, *country = NULL;
	char *path = NULL, *tmp = NULL;
	int error, same;

	if ((error = setara__path_absolute(&path, out_path)) < 0)
		goto done;
	/* The counter before the bits: a revocation in between makes the
	 * next run write the list again rather than skip it. */
	if ((error = setara_register__list_changes(st, list_id, &changes,
	    &suspension)) < 0)
		goto done;
	if (!c->all) {
		if ((same = is_unchanged(st, c, list_id, path, changes,
		    &pub)) < 0) {
			error = same;
			goto done;
		}
		if (same) {
			if (c->unchanged_cb)
				c->unchanged_cb(out_path, list_id,
				    suspension ? "suspension" : "revocation",
				    pub.entries_set, c->payload);
			goto done;
		}
	}
	if ((error = setara_register__list_bits(st, list_id, &bits, &nbytes,
	    &issuer, &purpose)) < 0 ||
	    (error = setara_register__issuer(st, issuer, &name, &country)) < 0)
		goto done;
	if (name == NULL || country == NULL) {
		error = setara_error__data(NULL, 0, "issuer", "the register "
			"lacks the name or country of %s", issuer);
		goto done;
	}
	memset(&l, 0, sizeof(l));
	l.path = out_path;
	l.list_id = list_id;
	l.issuer = issuer;
	l.issuer_name = name;
	l.issuer_country = country;
	l.suspension = strcmp(purpose, "suspension") == 0;
	l.bits = bits;
	l.nbits = nbytes * 8;
	l.now = c->now;
	l.valid_until = c->valid_until;
	if ((error = c->fmt->write(&mem, &l, c->fmt->payload)) < 0)
		goto done;
	memset(&pub, 0, sizeof(pub));
	pub.changes = changes;
	memcpy(pub.signed_with, c->signed_with, sizeof(pub.signed_with));
	pub.entries_set = count_bits(bits, nbytes);
	setara__time_format(pub.valid_until, c->valid_until);
	/*
	 * A list is published with its audit entry or not at all: the
	 * file is written aside, the publication and its audit entry
	 * committed, then the file renamed into place (a rename in one
	 * directory is the step that does not fail for want of space or
	 * memory; should it fail, the recorded digest no longer matches
	 * the file and the next run writes the list again).
	 */
	if ((error = setara__sha256_hex(pub.digest, mem.ptr ? mem.ptr : "",
	    mem.size)) < 0 ||
	    (error = setara__write_temp(&tmp, out_path, NULL, mem.ptr ?
	    mem.ptr : "", mem.size, 0644, 1)) < 0 ||
	    (error = setara_register__publication_set(st, list_id, path,
	    &pub)) < 0)
		goto done;
	error = setara__commit_temp(tmp, out_path, 1);
	setara__free(tmp);
	tmp = NULL;
	if (error < 0)
		goto done;
	if (c->cb)
		c->cb(out_path, list_id, purpose, pub.entries_set, c->payload);
done:
	if (tmp) {
		unlink(tmp);
		setara__free(tmp);
	}
	setara_buf_dispose(&mem);
	setara__free(bits);
	setara__free(issuer);
	setara__free(purpose);
	setara__free(name);
	setara__free(country);
	setara__free(path);
	return error;
}

int setara_cred__status_publish(setara_store *st,
	const setara_signer *signer, const char *out,
	const setara_publish_options *opts,
	const setara_cred__list_format *fmt, setara_publish_cb cb,
	void *payload)
{
	setara_publish_options defaults = SETARA_PUBLISH_OPTIONS_INIT;
	setara__strlist lists = { NULL, 0, 0 };
	struct publish_ctx c;
	char *issuer = NULL, *path = NULL, *name = NULL, *country = NULL;
	size_t i, n = out ? strlen(out) : 0, ext;
	int error, to_dir;

	SETARA_ASSERT_ARG(st && signer && out && n > 0 && fmt && fmt->ext);
	SETARA_CHECK_VERSION(opts, SETARA_PUBLISH_OPTIONS_VERSION,
		"SETARA_PUBLISH_OPTIONS_INIT");
	if (opts == NULL)
		opts = &defaults;
	memset(&c, 0, sizeof(c));
	c.signer = signer;
	c.now = setara__time_now();
	c.valid_for = opts->valid_for > 0 ? opts->valid_for :
		DEFAULT_VALID_FOR;
	c.valid_until = c.now + c.valid_for;
	/* Version 1 options have neither field: every list is written,
	 * as before. */
	c.all = opts->version < 2 || opts->all;
	c.unchanged_cb = opts->version < 2 ? NULL : opts->unchanged;
	c.cb = cb;
	c.payload = payload;
	c.fmt = fmt;
	if (c.now < signer->not_before || c.now > signer->not_after) {
		char a[21], b[21];

		setara__time_format(a, signer->not_before);
		setara__time_format(b, signer->not_after);
		return setara_error__data(out, 0, "--cert", "the signing "
			"certificate is not valid now (valid %s to %s)", a, b);
	}
	/* A directory unless it names one file of the format; a verifier
	 * given what was written must find every list it needs. */
	ext = strlen(fmt->ext);
	to_dir = out[n - 1] == '/' || setara__is_dir(out) ||
		!(n > ext && strcmp(out + n - ext, fmt->ext) == 0);
	if (opts->issuer)
		issuer = setara__strdup(opts->issuer);
	else if ((error = only_issuer(st, &issuer)) < 0)
		return error;
	if (issuer == NULL)
		return SETARA_ENOMEM;
	/* Another issuer's key cannot speak for this one's lists (the
	 * verifier would refuse them: better not write them). */
	if ((error = setara_cred__signer_named(signer, issuer, out,
	    "the status list")) < 0)
		goto done;
	if ((error = setara_register__lists(st, issuer, &lists)) < 0)
		goto done;
	if (lists.count == 0) {
		error = setara_error__set(SETARA_ENOTFOUND, SETARA_ERROR_DATA,
			NULL, 0, "--issuer", "the register has no status list "
			"for %s", issuer);
		goto done;
	}
	if ((error = setara_register__issuer(st, issuer, &name,
	    &country)) < 0 ||
	    (error = signed_with(c.signed_with, signer, name ? name : "",
	    country ? country : "", fmt->signed_with)) < 0)
		goto done;
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
			    lists.items[i], fmt->ext, &path)) < 0 ||
			    (error = publish_one(st, &c, lists.items[i],
			    path)) < 0)
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

		error = publish_one(st, &c, id, out);
	}
done:
	setara__free(name);
	setara__free(country);
	setara__free(path);
	setara__free(issuer);
	setara__strlist_dispose(&lists);
	return error;
}

int setara_status_publish(setara_store *st, const setara_signer *signer,
	const char *out, const setara_publish_options *opts,
	setara_publish_cb cb, void *payload)
{
	setara_cred__list_format xml = { ".xml", NULL, write_xml, NULL };

	xml.payload = (void *)signer;
	return setara_cred__status_publish(st, signer, out, opts, &xml, cb,
		payload);
}
