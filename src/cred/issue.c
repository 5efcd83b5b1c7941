/*
 * Issuing: input -> safe parse -> input schema -> build -> document schema
 * -> signer check -> [register] -> sign -> serialise -> atomic write.
 *
 * setara_cred__issue_commit() below is the one place where an issued
 * document becomes real: the register (status-list index, register row)
 * plugs in there, inside one store transaction with the rename of the
 * output file.  Everything before it only reads and builds in memory, so a
 * failure there leaves nothing behind.
 */
#include <string.h>
#include <libxml/tree.h>

#include "cred_int.h"

static int prepare(xmlDocPtr *out, const setara_cred__type *t,
	xmlDocPtr in, const char *name)
{
	xmlNodePtr root = xmlDocGetRootElement(in);
	const char *want = t->record ? t->record : t->name;
	int error;

	*out = NULL;
	if (root == NULL || root->ns == NULL || strcmp((const char *)
	    root->ns->href, SETARA_NS_DOC) != 0 ||
	    strcmp((const char *)root->name, want) != 0)
		return setara_error__data(name, root ? (int)xmlGetLineNo(root)
			: 0, NULL, "expected a %s element in namespace %s "
			"(the input of 'issue %s')", want, SETARA_NS_DOC,
			t->name);
	if (setara_cred__has_signature(in))
		return setara_error__data(name, 0, "Signature",
			"the input is signed already");
	if (t->record == NULL) {
		/* The input is the unsigned document itself. */
		if (setara__embedded(t->schema, NULL) == NULL)
			return setara_error__data(name, 0, NULL,
				"no schema for %s documents in this build (%s)",
				t->name, t->schema);
		*out = in;
		return 0;
	}
	if ((error = setara__xml_validate(in, t->record_schema, name)) < 0)
		return error;
	return t->build(out, in, name);
}

int setara_cred_build(struct _xmlDoc **out, setara_doc_type type,
	const char *data, size_t len, const char *name)
{
	const setara_cred__type *t = setara_cred__type_get(type);
	xmlDocPtr in = NULL, doc = NULL;
	int error;

	*out = NULL;
	SETARA_ASSERT_ARG(t && data);
	if (len > SETARA_CRED_MAX_DOC)
		return setara_error__data(name, 0, NULL,
			"input too large (%zu bytes, limit %u)", len,
			SETARA_CRED_MAX_DOC);
	if ((error = setara__xml_parse_mem(&in, data, len, name)) < 0 ||
	    (error = prepare(&doc, t, in, name)) < 0)
		goto done;
	in = NULL; /* doc is in, built in place */
	if ((error = setara__xml_validate(doc, t->schema, name)) < 0) {
		/* A built document that fails its schema is our bug unless
		 * the input was the document itself. */
		goto done;
	}
	*out = doc;
	doc = NULL;
done:
	xmlFreeDoc(doc);
	xmlFreeDoc(in);
	return error;
}

/* The signer's certificate must be valid when the document is issued. */
static int check_signer(const setara_signer *s, xmlDocPtr doc,
	const char *name)
{
	char *issued = setara__xml_child_text(xmlDocGetRootElement(doc),
		SETARA_NS_DOC, "issued");
	char a[21], b[21];
	time_t t = 0;
	int error = 0;

	if (issued == NULL || setara__time_parse(&t, issued) < 0)
		error = setara_error__data(name, 0, "issued",
			"missing or malformed");
	else if (t < s->not_before || t > s->not_after) {
		setara__time_format(a, s->not_before);
		setara__time_format(b, s->not_after);
		error = setara_error__data(name, 0, "--cert",
			"the signing certificate is not valid at the issue "
			"time %s (valid %s to %s)", issued, a, b);
	}
	setara__free(issued);
	return error;
}

/*
 * THE REGISTER PLUGS IN HERE.
 *
 * @doc is built and schema-valid, @signer checked; nothing has been
 * written yet.  The register, when @st is given, will:
 *   1. begin a store transaction (setara_store__begin);
 *   2. allocate the next status-list index of the issuer's list and add
 *      the entry with setara_cred__add_status(doc, list_id, index, 0) --
 *      before signing, so the entry is signed;
 *   3. after signing and serialising, insert the register row (id, type,
 *      subject, issuer, SHA-256 of the bytes, status index, time);
 *   4. write the output (temporary file, fsync, rename) and commit; on any
 *      failure roll back and leave no output file.
 * Without @st the document is signed and written only.
 */
int setara_cred__issue_commit(setara_cred_issued *info,
	setara_store *st, const setara_cred__type *t, xmlDocPtr doc,
	const setara_signer *signer, const char *out_path)
{
	xmlChar *mem = NULL;
	unsigned char md[32];
	char *id;
	int len = 0, i, error;

	(void)st;
	(void)t;
	/* REGISTER 1-2: transaction, status index, setara_cred__add_status */
	if ((error = setara_cred_sign(doc, signer)) < 0)
		goto done;
	xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
	if (mem == NULL || len <= 0) {
		error = setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
			out_path, 0, NULL, "cannot serialise the document");
		goto done;
	}
	if ((error = setara_cred__sha256(md, mem, (size_t)len)) < 0)
		goto done;
	if (info) {
		id = setara__xml_child_text(xmlDocGetRootElement(doc),
			SETARA_NS_DOC, "id");
		snprintf(info->id, sizeof(info->id), "%s", id ? id : "");
		setara__free(id);
		for (i = 0; i < 32; i++)
			snprintf(info->sha256 + 2 * i, 3, "%02x", md[i]);
	}
	/* REGISTER 3: insert the register row */
	error = setara__write_file_atomic(out_path, mem, (size_t)len, 0644);
	/* REGISTER 4: commit, or roll back on error */
done:
	xmlFree(mem);
	return error;
}

int setara_cred_issue(setara_cred_issued *out, setara_store *st,
	setara_doc_type type, const char *input_path,
	const setara_signer *signer, const char *out_path)
{
	const setara_cred__type *t = setara_cred__type_get(type);
	setara_buf in = SETARA_BUF_INIT;
	xmlDocPtr doc = NULL;
	int error;

	SETARA_ASSERT_ARG(t && input_path && signer && out_path);
	if ((error = setara__read_file(&in, input_path,
	    SETARA_CRED_MAX_DOC)) < 0 ||
	    (error = setara_cred_build(&doc, type, in.ptr ? in.ptr : "",
	    in.size, input_path)) < 0 ||
	    (error = check_signer(signer, doc, input_path)) < 0 ||
	    (error = setara_cred__issue_commit(out, st, t, doc, signer,
	    out_path)) < 0)
		goto done;
done:
	xmlFreeDoc(doc);
	setara_buf_dispose(&in);
	return error;
}
