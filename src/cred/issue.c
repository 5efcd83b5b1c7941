/*
 * Issuing: input -> safe parse -> input schema -> build (valid by
 * construction; an unsigned document given as the input is validated
 * against its schema instead) -> signer check -> [register] -> sign ->
 * serialise -> atomic write.
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
#include "store/store_api.h"

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
	xmlDocPtr in = NULL;
	int error;

	*out = NULL;
	SETARA_ASSERT_ARG(t && data);
	if (len > SETARA_CRED_MAX_DOC)
		return setara_error__data(name, 0, NULL,
			"input too large (%zu bytes, limit %u)", len,
			SETARA_CRED_MAX_DOC);
	if ((error = setara__xml_parse_mem(&in, data, len, name)) < 0)
		return error;
	if ((error = setara_cred__plain_tree(in)) < 0) {
		xmlFreeDoc(in);
		return error;
	}
	return setara_cred__build_doc(out, t, in, name);
}

int setara_cred__plain_tree(xmlDocPtr doc)
{
	xmlNodePtr n = doc->children, next, text;

	while (n) {
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		next = n;
		while (next && next->next == NULL && next->parent &&
		    next->parent->type != XML_DOCUMENT_NODE)
			next = next->parent;
		next = next ? next->next : NULL;
		if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		} else if (n->type == XML_CDATA_SECTION_NODE) {
			if (n->content && n->content[0]) {
				if ((text = xmlNewDocText(doc, n->content)) ==
				    NULL)
					return setara_error__set(SETARA_ENOMEM,
						SETARA_ERROR_NOMEMORY, NULL, 0,
						NULL, "out of memory");
				xmlReplaceNode(n, text);
			} else {
				xmlUnlinkNode(n);
			}
			xmlFreeNode(n);
		}
		n = next;
	}
	return 0;
}

int setara_cred__build_doc(xmlDocPtr *out, const setara_cred__type *t,
	xmlDocPtr in, const char *name)
{
	xmlDocPtr doc = NULL;
	int error;

	*out = NULL;
	if ((error = prepare(&doc, t, in, name)) < 0)
		goto done;
	in = NULL; /* doc is in, built in place */
	/* A document built from a valid record is valid by construction
	 * (build.c); an unsigned document given as the input is not. */
	if (t->record == NULL &&
	    (error = setara__xml_validate(doc, t->schema, name)) < 0)
		goto done;
	*out = doc;
	doc = NULL;
done:
	xmlFreeDoc(doc);
	xmlFreeDoc(in);
	return error;
}

/* The signer's certificate must be valid when the document is issued. */
int setara_cred__check_signer(const setara_signer *s, xmlDocPtr doc,
	const char *name)
{
	char *issued = setara__xml_child_text(xmlDocGetRootElement(doc),
		SETARA_NS_DOC, "issued");
	char a[21], b[21];
	time_t t = 0;
	int error = 0;

	if (issued == NULL && setara__xml_child(xmlDocGetRootElement(doc),
	    SETARA_NS_DOC, "issued") != NULL)
		error = SETARA_ENOMEM; /* there, but not copied */
	else if (issued == NULL || setara__time_parse(&t, issued) < 0)
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
 * Where an issued document becomes real.
 *
 * @doc is built and schema-valid, @signer checked; nothing has been
 * written yet.  With a register (@st), following src/store/store_api.h:
 *   1. reserve: one transaction allocates the issuer's next status index
 *      and inserts a pending row for the document's id and @out_path;
 *   2. the two status entries (revocation, suspension; same index) go into
 *      the header before signing, so they are signed;
 *   3. sign, serialise, write a temporary file, fsync, rename into place;
 *   4. mark the row issued with the SHA-256 of the bytes written.
 * A failure before the rename abandons the reservation (the index stays
 * used); a crash between 3 and 4 is completed by setara_register_recover().
 * Without @st the document is signed and written only.
 */
int setara_cred__issue_reserve(setara_register__slot *slot,
	setara_store *st, struct _xmlDoc *doc, const char *out_path)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), n;
	const setara_cred__type *t;
	setara_register__doc rd;
	char *id = NULL, *issuer = NULL, *subject = NULL;
	char *issuer_name = NULL, *issuer_country = NULL, *issued = NULL;
	int existing = 0, reserved = 0, error;

	t = root ? setara_cred__type_find((const char *)root->name) : NULL;
	id = setara__xml_child_text(root, SETARA_NS_DOC, "id");
	if ((n = setara__xml_child(root, SETARA_NS_DOC, "issuer"))) {
		issuer = setara__xml_attr(n, "id");
		issuer_country = setara__xml_attr(n, "country");
		issuer_name = setara__xml_child_text(n, SETARA_NS_DOC, "name");
	}
	if ((n = setara__xml_child(root, SETARA_NS_DOC, "subject")))
		subject = setara__xml_attr(n, "id");
	issued = setara__xml_child_text(root, SETARA_NS_DOC, "issued");
	if (t == NULL || id == NULL || issuer == NULL || subject == NULL) {
		error = setara_error__data(out_path, 0, NULL,
			"the document lacks an id, issuer or subject");
		goto done;
	}
	memset(&rd, 0, sizeof(rd));
	rd.id = id;
	rd.type = t->name;
	rd.issuer = issuer;
	rd.issuer_name = issuer_name;
	rd.issuer_country = issuer_country;
	rd.subject = subject;
	rd.path = out_path;
	rd.issued = issued;
	if ((error = setara_register__reserve(st, &rd, slot, &existing)) < 0)
		goto done;
	reserved = 1;
	if ((error = setara_cred__add_status(doc, slot->revocation_list,
	    slot->index, 0)) < 0 ||
	    (error = setara_cred__add_status(doc, slot->suspension_list,
	    slot->index, 1)) < 0)
		goto done;
done:
	if (reserved && error < 0)
		setara_register__abandon(st, slot->id);
	setara__free(id);
	xmlFree(issuer);
	xmlFree(issuer_country);
	setara__free(issuer_name);
	setara__free(issued);
	xmlFree(subject);
	return error;
}

int setara_cred__issue_commit(setara_cred_issued *info,
	setara_store *st, const setara_cred__type *t, xmlDocPtr doc,
	const setara_signer *signer, const char *out_path)
{
	setara_register__slot slot;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlChar *mem = NULL;
	char *id = NULL;
	int len = 0, reserved = 0, error;

	id = setara__xml_child_text(root, SETARA_NS_DOC, "id");
	/* Status lists are published, not registered: they carry no status
	 * entry of their own. */
	if (t->type == SETARA_DOC_STATUS_LIST)
		st = NULL;
	if (st) {
		if ((error = setara_cred__issue_reserve(&slot, st, doc,
		    out_path)) < 0)
			goto done;
		reserved = 1;
	}
	if ((error = setara_cred_sign(doc, signer)) < 0)
		goto done;
	xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
	if (mem == NULL || len <= 0) {
		error = setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
			out_path, 0, NULL, "cannot serialise the document");
		goto done;
	}
	reserved = 0; /* the write step below settles the row */
	error = setara_cred__issue_write(info, st ? &slot : NULL, st, id,
		mem, (size_t)len, out_path);
done:
	if (reserved && error < 0)
		setara_register__abandon(st, slot.id);
	setara__free(id);
	xmlFree(mem);
	return error;
}

int setara_cred__issue_write(setara_cred_issued *info,
	const setara_register__slot *slot, setara_store *st, const char *id,
	const void *bytes, size_t len, const char *out_path)
{
	char hex[65], *tmp = NULL;
	int error;

	if ((error = setara__sha256_hex(hex, bytes, len)) < 0 ||
	    (error = setara__write_temp(&tmp, out_path, NULL, bytes, len,
	    0644, 1)) < 0 ||
	    (error = setara__commit_temp(tmp, out_path, 1)) < 0) {
		if (slot)
			setara_register__abandon(st, slot->id);
		goto done;
	}
	if (info) {
		snprintf(info->id, sizeof(info->id), "%s", id ? id : "");
		memcpy(info->sha256, hex, sizeof(hex));
	}
	/* From here on the file is in place: a failure leaves a pending row
	 * that recovery completes, never an unregistered file. */
	if (slot)
		error = setara_register__complete(st, slot->id, hex);
done:
	setara__free(tmp);
	return error;
}

int setara_cred__issue_prepare(struct _xmlDoc **out, setara_store *st,
	setara_doc_type type, const char *input_path,
	const setara_signer *signer)
{
	const setara_cred__type *t = setara_cred__type_get(type);
	setara_buf in = SETARA_BUF_INIT;
	setara_cred__refcheck *rc = NULL;
	xmlDocPtr doc = NULL;
	int error;

	*out = NULL;
	SETARA_ASSERT_ARG(t && input_path && signer);
	if ((error = setara__read_file(&in, input_path,
	    SETARA_CRED_MAX_DOC)) < 0 ||
	    (error = setara_cred_build(&doc, type, in.ptr ? in.ptr : "",
	    in.size, input_path)) < 0 ||
	    (error = setara_cred__check_signer(signer, doc, input_path)) < 0 ||
	    (error = setara_cred__refcheck_new(&rc, st, signer->trust)) < 0 ||
	    (error = setara_cred__refcheck_doc(rc, doc, t, signer,
	    input_path)) < 0)
		goto done;
	*out = doc;
	doc = NULL;
done:
	setara_cred__refcheck_free(rc);
	xmlFreeDoc(doc);
	setara_buf_dispose(&in);
	return error;
}

int setara_cred_issue(setara_cred_issued *out, setara_store *st,
	setara_doc_type type, const char *input_path,
	const setara_signer *signer, const char *out_path)
{
	const setara_cred__type *t = setara_cred__type_get(type);
	xmlDocPtr doc = NULL;
	int error;

	SETARA_ASSERT_ARG(t && input_path && signer && out_path);
	if ((error = setara_cred__issue_prepare(&doc, st, type, input_path,
	    signer)) == 0)
		error = setara_cred__issue_commit(out, st, t, doc, signer,
			out_path);
	xmlFreeDoc(doc);
	return error;
}

void setara_cred_signer_set_trust(setara_signer *signer,
	const setara_trust *trust)
{
	if (signer)
		signer->trust = trust;
}

const setara_trust *setara_cred__signer_trust(const setara_signer *signer)
{
	return signer ? signer->trust : NULL;
}

int setara_cred__issue_check_doc(const setara_cred__type **type,
	setara_store *st, struct _xmlDoc *doc, const setara_signer *signer,
	const char *name)
{
	xmlNodePtr root;
	const setara_cred__type *t;
	setara_cred__refcheck *rc = NULL;
	int error;

	root = xmlDocGetRootElement(doc);
	if (root == NULL || root->ns == NULL || strcmp((const char *)
	    root->ns->href, SETARA_NS_DOC) != 0 ||
	    (t = setara_cred__type_find((const char *)root->name)) == NULL)
		return setara_error__data(name, 0, NULL,
			"not a setara document");
	if (setara_cred__has_signature(doc))
		return setara_error__data(name, 0, "Signature",
			"the document is signed already");
	if (setara__embedded(t->schema, NULL) == NULL)
		return setara_error__data(name, 0, NULL,
			"no schema for %s documents in this build (%s)",
			t->name, t->schema);
	if ((error = setara__xml_validate(doc, t->schema, name)) < 0 ||
	    (error = setara_cred__check_signer(signer, doc, name)) < 0 ||
	    (error = setara_cred__refcheck_new(&rc, st, signer->trust)) < 0)
		return error;
	error = setara_cred__refcheck_doc(rc, doc, t, signer, name);
	setara_cred__refcheck_free(rc);
	if (error == 0 && type)
		*type = t;
	return error;
}

int setara_cred_issue_doc(setara_cred_issued *out, setara_store *st,
	struct _xmlDoc *doc, const setara_signer *signer,
	const char *out_path)
{
	const setara_cred__type *t = NULL;
	int error;

	SETARA_ASSERT_ARG(doc && signer && out_path);
	if ((error = setara_cred__issue_check_doc(&t, st, doc, signer,
	    out_path)) == 0)
		error = setara_cred__issue_commit(out, st, t, doc, signer,
			out_path);
	return error;
}
