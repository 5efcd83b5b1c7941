/*
 * The document types: for each, its document element, its schema, and
 * how to build it (from an input record, or the input is the unsigned
 * document itself).  Issuing and verifying go through this one table, so a
 * new type is one row.  Also reads the header and the claimed levels of a
 * schema-valid document, which the issuer, validity, status and
 * consistency checks need.
 */
#include <stdlib.h>
#include <string.h>

#include "cred_int.h"

#define COURSE_TWICE "course '%s' is listed twice in this term (a retake " \
	"belongs in another term)"

/* What the transcript schemas keep unique (util/xml_safe.c checks it; the
 * schemas say so in a comment). */
const setara__xml_unique setara_cred__unique[] = {
	{ "cred/transcript.xsd", NULL, "term", "id", 0,
	  "term '%s' is listed twice" },
	{ "cred/transcript.xsd", "term", "course", "code", 0, COURSE_TWICE },
	{ "cred/transcript-record.xsd", NULL, "term", "id", 0,
	  "term '%s' is listed twice" },
	{ "cred/transcript-record.xsd", "term", "course", "code", 0,
	  COURSE_TWICE },
	{ NULL, NULL, NULL, NULL, 0, NULL }
};

static const setara_cred__type types[SETARA_DOC_TYPE_COUNT] = {
	{ SETARA_DOC_TRANSCRIPT, "transcript", "cred/transcript.xsd",
	  "transcriptRecord", "cred/transcript-record.xsd",
	  setara_cred__build_transcript },
	{ SETARA_DOC_CERTIFICATE, "certificate", "cred/certificate.xsd",
	  "certificateRecord", "cred/certificate-record.xsd",
	  setara_cred__build_certificate },
	/* Written by the credit and mrs components. */
	{ SETARA_DOC_DECISION, "decision", "credit/decision.xsd",
	  NULL, NULL, NULL },
	{ SETARA_DOC_ATTESTATION, "attestation", "mrs/attestation.xsd",
	  NULL, NULL, NULL },
	{ SETARA_DOC_STATUS_LIST, "statusList", "cred/statuslist.xsd",
	  NULL, NULL, NULL },
};

const setara_cred__type *setara_cred__type_get(setara_doc_type t)
{
	return (unsigned)t < SETARA_DOC_TYPE_COUNT ? &types[t] : NULL;
}

const setara_cred__type *setara_cred__type_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < SETARA_DOC_TYPE_COUNT; i++)
		if (strcmp(types[i].name, name) == 0)
			return &types[i];
	return NULL;
}

int setara_cred_type_from_name(setara_doc_type *out, const char *name)
{
	const setara_cred__type *t = setara_cred__type_find(name);

	if (t == NULL)
		return setara_error__notfound("TYPE", "unknown document type "
			"'%s' (transcript, certificate, decision, attestation, "
			"statusList)", name ? name : "");
	*out = t->type;
	return 0;
}

const char *setara_cred_type_name(setara_doc_type type)
{
	const setara_cred__type *t = setara_cred__type_get(type);

	return t ? t->name : NULL;
}

/* ---- header ------------------------------------------------------------ */

static int time_child(time_t *out, xmlNodePtr root, const char *local,
	const char *name, int required)
{
	char *s = setara__xml_child_text(root, SETARA_NS_DOC, local);
	int error = 0;

	if (s == NULL) {
		if (required)
			error = setara_error__data(name, 0, local,
				"missing");
		else
			error = 1;
	} else if (setara__time_parse(out, s) < 0) {
		error = setara_error__data(name, 0, local,
			"not a date and time: '%s'", s);
	}
	setara__free(s);
	return error;
}

static int read_claim(setara_cred__claim *c, xmlNodePtr q, const char *name)
{
	char *aqrf = setara__xml_attr(q, "aqrf");
	const char *colon;
	int error = 0;

	c->line = (int)xmlGetLineNo(q);
	c->level = setara__xml_attr(q, "level");
	if (c->level == NULL || aqrf == NULL ||
	    (colon = strchr(c->level, ':')) == NULL) {
		error = setara_error__data(name, c->line, "qualification",
			"level and aqrf are required");
		goto done;
	}
	c->framework = setara__strndup(c->level, (size_t)(colon -
		c->level));
	c->aqrf = (int)strtol(aqrf, NULL, 10);
	if (c->framework == NULL)
		error = SETARA_ENOMEM;
done:
	xmlFree(aqrf);
	return error;
}

/* Every element "qualification" of the document namespace, anywhere. */
static int read_claims(setara_cred__header *h, xmlNodePtr n,
	const char *name)
{
	setara_cred__claim *grown;
	int error;

	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (setara__xml_is(n, SETARA_NS_DOC, "qualification")) {
			grown = setara__realloc(h->claims, (h->nclaims + 1) *
				sizeof(*grown));
			if (grown == NULL)
				return SETARA_ENOMEM;
			h->claims = grown;
			memset(&h->claims[h->nclaims], 0, sizeof(*grown));
			h->nclaims++;
			if ((error = read_claim(&h->claims[h->nclaims - 1], n,
			    name)) < 0)
				return error;
			continue;
		}
		if (n->ns && n->ns->href && strcmp((const char *)n->ns->href,
		    SETARA_NS_DSIG) == 0)
			continue;
		if ((error = read_claims(h, n->children, name)) < 0)
			return error;
	}
	return 0;
}

int setara_cred__header_read(setara_cred__header *h, xmlDocPtr doc,
	const char *name)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), n;
	char *s = NULL;
	int error = -1, r;

	memset(h, 0, sizeof(*h));
	if (root == NULL || root->ns == NULL || strcmp((const char *)
	    root->ns->href, SETARA_NS_DOC) != 0 ||
	    (h->type = setara_cred__type_find((const char *)root->name)) ==
	    NULL) {
		error = setara_error__data(name, root ? (int)xmlGetLineNo(root)
			: 0, NULL, "not a setara document");
		goto done;
	}
	h->id = setara__xml_child_text(root, SETARA_NS_DOC, "id");
	if ((n = setara__xml_child(root, SETARA_NS_DOC, "issuer")) != NULL) {
		h->issuer_id = setara__xml_attr(n, "id");
		h->issuer_country = setara__xml_attr(n, "country");
		h->issuer_accreditation = setara__xml_attr(n, "accreditation");
	}
	if ((n = setara__xml_child(root, SETARA_NS_DOC, "subject")) != NULL)
		h->subject_id = setara__xml_attr(n, "id");
	if (h->id == NULL && setara__xml_child(root, SETARA_NS_DOC, "id")) {
		error = SETARA_ENOMEM; /* there, but not copied */
		goto done;
	}
	if (h->id == NULL || h->issuer_id == NULL || h->issuer_country ==
	    NULL) {
		error = setara_error__data(name, 0, "issuer",
			"id and issuer are required");
		goto done;
	}
	if ((error = time_child(&h->issued, root, "issued", name, 1)) < 0 ||
	    (error = time_child(&h->valid_from, root, "validFrom", name,
	    1)) < 0)
		goto done;
	if ((r = time_child(&h->valid_until, root, "validUntil", name,
	    0)) < 0) {
		error = r;
		goto done;
	}
	h->has_valid_until = r == 0;
	for (n = setara__xml_child(root, SETARA_NS_DOC, "status");
	    n && h->nstatus < 2;
	    n = setara__xml_next(n, SETARA_NS_DOC, "status")) {
		setara_cred__status_entry *e = &h->status[h->nstatus++];
		char *end;

		e->list = setara__xml_attr(n, "list");
		s = setara__xml_attr(n, "index");
		e->index = s ? strtoull(s, &end, 10) : 0;
		xmlFree(s);
		s = setara__xml_attr(n, "purpose");
		e->suspension = s && strcmp(s, "suspension") == 0;
		xmlFree(s);
		s = NULL;
		if (e->list == NULL) {
			error = setara_error__data(name,
				(int)xmlGetLineNo(n), "status",
				"list is required");
			goto done;
		}
	}
	error = read_claims(h, root->children, name);
done:
	if (error < 0)
		setara_cred__header_dispose(h);
	return error;
}

void setara_cred__header_dispose(setara_cred__header *h)
{
	size_t i;
	int k;

	setara__free(h->id);
	xmlFree(h->issuer_id);
	xmlFree(h->issuer_country);
	xmlFree(h->issuer_accreditation);
	xmlFree(h->subject_id);
	for (k = 0; k < h->nstatus; k++)
		xmlFree(h->status[k].list);
	for (i = 0; i < h->nclaims; i++) {
		xmlFree(h->claims[i].level);
		setara__free(h->claims[i].framework);
	}
	setara__free(h->claims);
	memset(h, 0, sizeof(*h));
}
