/*
 * Signing: one enveloped XML Signature of the setara profile, made with
 * exclusive C14N (c14n.c, libxml2's bytes) and OpenSSL directly (the
 * profile is fixed, so no general-purpose signature engine is needed;
 * libxmlsec1 verifies what this writes, and so does the xmlsec1 tool --
 * see the tests).
 *
 * The Reference is URI="" with the enveloped-signature and exc-C14N
 * transforms: its digest is that of the exclusive canonical form of the
 * whole document without the Signature element, which is the document as
 * it stands before the Signature is appended (nothing else changes).  The
 * SignedInfo is fixed but for two values, so its canonical form is written
 * directly; the tree gets exactly the same elements, attributes and text,
 * without whitespace, so that it canonicalises to those bytes (a unit test
 * holds this against libxml2's C14N).
 */
#include <string.h>

#include "cred_int.h"

static int has_sig(xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (setara__xml_is(n, SETARA_NS_DSIG, "Signature") ||
		    has_sig(n->children))
			return 1;
	}
	return 0;
}

int setara_cred__has_signature(xmlDocPtr doc)
{
	return has_sig(doc->children);
}

/* The canonical SignedInfo (exclusive C14N of the element we build). */
static int signed_info(setara_buf *out, const char *alg, const char *digest)
{
	return setara_buf_printf(out,
		"<ds:SignedInfo xmlns:ds=\"" SETARA_NS_DSIG "\">"
		"<ds:CanonicalizationMethod Algorithm=\""
		SETARA_ALG_EXC_C14N "\"></ds:CanonicalizationMethod>"
		"<ds:SignatureMethod Algorithm=\"%s\"></ds:SignatureMethod>"
		"<ds:Reference URI=\"\">"
		"<ds:Transforms>"
		"<ds:Transform Algorithm=\"" SETARA_ALG_ENVELOPED "\">"
		"</ds:Transform>"
		"<ds:Transform Algorithm=\"" SETARA_ALG_EXC_C14N "\">"
		"</ds:Transform>"
		"</ds:Transforms>"
		"<ds:DigestMethod Algorithm=\"" SETARA_ALG_SHA256 "\">"
		"</ds:DigestMethod>"
		"<ds:DigestValue>%s</ds:DigestValue>"
		"</ds:Reference>"
		"</ds:SignedInfo>", alg, digest);
}

static xmlNodePtr el(xmlNodePtr parent, xmlNsPtr ns, const char *name,
	const char *alg, const char *text)
{
	xmlNodePtr e = xmlNewDocNode(parent->doc, ns, (const xmlChar *)name,
		NULL);

	if (e == NULL)
		return NULL;
	if (alg && xmlNewProp(e, (const xmlChar *)"Algorithm",
	    (const xmlChar *)alg) == NULL) {
		xmlFreeNode(e);
		return NULL;
	}
	if (text)
		xmlNodeAddContent(e, (const xmlChar *)text);
	return xmlAddChild(parent, e);
}

static void nl(xmlNodePtr parent)
{
	xmlAddChild(parent, xmlNewDocText(parent->doc,
		(const xmlChar *)"\n"));
}

/* The Signature element, filled in; NULL when out of memory. */
static xmlNodePtr build(xmlDocPtr doc, const char *alg, const char *digest,
	const char *sigval, const setara_signer *s)
{
	xmlNodePtr sig, si, ref, tr, ki, xd, c;
	xmlNsPtr ns;
	size_t i;
	int ok;

	if ((sig = xmlNewDocNode(doc, NULL, (const xmlChar *)"Signature",
	    NULL)) == NULL)
		return NULL;
	if ((ns = xmlNewNs(sig, (const xmlChar *)SETARA_NS_DSIG,
	    (const xmlChar *)"ds")) == NULL) {
		xmlFreeNode(sig);
		return NULL;
	}
	xmlSetNs(sig, ns);
	nl(sig);
	ok = (si = el(sig, ns, "SignedInfo", NULL, NULL)) != NULL &&
		el(si, ns, "CanonicalizationMethod", SETARA_ALG_EXC_C14N,
		NULL) && el(si, ns, "SignatureMethod", alg, NULL) &&
		(ref = el(si, ns, "Reference", NULL, NULL)) != NULL &&
		xmlNewProp(ref, (const xmlChar *)"URI", (const xmlChar *)"") &&
		(tr = el(ref, ns, "Transforms", NULL, NULL)) != NULL &&
		el(tr, ns, "Transform", SETARA_ALG_ENVELOPED, NULL) &&
		el(tr, ns, "Transform", SETARA_ALG_EXC_C14N, NULL) &&
		el(ref, ns, "DigestMethod", SETARA_ALG_SHA256, NULL) &&
		el(ref, ns, "DigestValue", NULL, digest);
	if (ok) {
		nl(sig);
		ok = el(sig, ns, "SignatureValue", NULL, sigval) != NULL;
	}
	if (ok) {
		nl(sig);
		ok = (ki = el(sig, ns, "KeyInfo", NULL, NULL)) != NULL;
	}
	if (ok) {
		nl(ki);
		ok = (xd = el(ki, ns, "X509Data", NULL, NULL)) != NULL;
	}
	for (i = 0; ok && i < s->ncerts; i++) {
		nl(xd);
		ok = (c = el(xd, ns, "X509Certificate", NULL, "\n")) != NULL;
		if (ok) {
			xmlNodeAddContent(c, (const xmlChar *)s->certs_b64[i]);
			xmlNodeAddContent(c, (const xmlChar *)"\n");
		}
	}
	if (ok) {
		nl(xd);
		nl(ki);
		nl(sig);
	}
	if (!ok) {
		xmlFreeNode(sig);
		return NULL;
	}
	return sig;
}

int setara_cred_sign(struct _xmlDoc *doc, const setara_signer *signer)
{
	xmlNodePtr root, sig, last;
	setara_buf digest = SETARA_BUF_INIT, si = SETARA_BUF_INIT,
		raw = SETARA_BUF_INIT, sigval = SETARA_BUF_INIT,
		canon = SETARA_BUF_INIT;
	unsigned char md[32];
	const char *alg;
	int error = -1;

	SETARA_ASSERT_ARG(doc && signer);
	if ((root = xmlDocGetRootElement(doc)) == NULL)
		return setara_error__data(NULL, 0, NULL,
			"the document has no document element");
	if (setara_cred__has_signature(doc))
		return setara_error__data(NULL, 0, "Signature",
			"the document is already signed");
	alg = signer->alg == SETARA_CRED_ALG_RSA ? SETARA_ALG_RSA_SHA256 :
		SETARA_ALG_ECDSA_SHA256;

	/* A line break before the Signature, part of the signed content. */
	last = root->last;
	if (last == NULL || last->type != XML_TEXT_NODE)
		nl(root);

	/* Digest of the document as it is: what the enveloped-signature
	 * transform gives back once the Signature is appended.  Written from
	 * the tree (c14n.c), or by libxml2 where that declines. */
	if ((error = setara_cred__exc_c14n(&canon, doc)) < 0)
		goto done;
	if ((error = setara__sha256(md, canon.ptr, canon.size)) < 0 ||
	    (error = setara__base64(&digest, md, sizeof(md), 0)) < 0 ||
	    (error = signed_info(&si, alg, digest.ptr)) < 0 ||
	    (error = setara_cred__ossl_sign(&raw, signer, si.ptr,
	    si.size)) < 0 ||
	    (error = setara__base64(&sigval, (unsigned char *)raw.ptr,
	    raw.size, 0)) < 0)
		goto done;
	if ((sig = build(doc, alg, digest.ptr, sigval.ptr, signer)) == NULL) {
		error = setara_error__set(SETARA_ENOMEM, SETARA_ERROR_NOMEMORY,
			NULL, 0, NULL, "out of memory");
		goto done;
	}
	xmlAddChild(root, sig);
	error = 0;
done:
	setara_buf_dispose(&canon);
	setara_buf_dispose(&digest);
	setara_buf_dispose(&si);
	setara_buf_dispose(&raw);
	setara_buf_dispose(&sigval);
	return error;
}
