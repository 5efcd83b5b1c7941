/*
 * The page for people (GET /): a form that takes a document (a file
 * picked or dropped, or its XML pasted) and posts it back to / with no
 * script at all; the answer puts the verdict first in plain words, then
 * the document as `setara render` draws it, with its table of checks.
 *
 * Nothing is loaded from elsewhere: the Content-Security-Policy allows
 * no script, no connection and no font, images only from data: URLs,
 * and the page's own style elements by their SHA-256.
 */
#include <string.h>

#include "serve_int.h"
#include "setara/render.h"
#include "setara/vc.h"

static const char style[] =
	"body{font-family:system-ui,sans-serif;max-width:52rem;"
	"margin:1.5rem auto;padding:0 1rem;color:#1a1a1a;background:#fff;"
	"line-height:1.5}"
	"label{display:block;font-weight:bold;margin-top:1rem}"
	"textarea{width:100%;font-family:monospace}"
	"button{margin-top:1rem;font-size:1rem;padding:.5rem 1.25rem;"
	"background:#0b4f8a;color:#fff;border:0;border-radius:4px}"
	"button:focus,input:focus,textarea:focus,a:focus"
	"{outline:3px solid #f2a900;outline-offset:2px}"
	".serve-verdict{border:3px solid #555;border-radius:6px;"
	"padding:.75rem 1rem;margin:1rem 0}"
	".serve-valid{border-color:#0b6b2e}"
	".serve-invalid{border-color:#a4161a}"
	".serve-indeterminate{border-color:#7a4f00}"
	".serve-verdict h1{margin:0 0 .25rem;font-size:1.5rem}"
	"table{border-collapse:collapse}th,td{border:1px solid #999;"
	"padding:.25rem .5rem;text-align:left}";

/* Append @s with &, <, >, " and ' escaped. */
static int put_text(setara_buf *b, const char *s)
{
	int error = 0;

	for (; s && *s && error == 0; s++) {
		switch (*s) {
		case '&': error = setara_buf_puts(b, "&amp;"); break;
		case '<': error = setara_buf_puts(b, "&lt;"); break;
		case '>': error = setara_buf_puts(b, "&gt;"); break;
		case '"': error = setara_buf_puts(b, "&quot;"); break;
		case '\'': error = setara_buf_puts(b, "&#39;"); break;
		default: error = setara_buf_put(b, s, 1); break;
		}
	}
	return error;
}

/*
 * The policy: nothing but the page's own style elements, named by their
 * hashes, images from data: URLs, and the form posting back here.
 */
static int set_csp(serve_reply *rp)
{
	const char *p = rp->body.ptr, *open, *end;
	setara_buf hashes = SETARA_BUF_INIT;
	unsigned char h[32];
	int error = 0;

	while (error == 0 && p && (open = strstr(p, "<style")) != NULL) {
		if ((open = strchr(open, '>')) == NULL ||
		    (end = strstr(open, "</style>")) == NULL)
			break;
		open++;
		if ((error = setara__sha256(h, open, (size_t)(end - open))) <
		    0 || (error = setara_buf_puts(&hashes, " 'sha256-")) < 0 ||
		    (error = setara__base64(&hashes, h, sizeof(h), 0)) < 0 ||
		    (error = setara_buf_puts(&hashes, "'")) < 0)
			break;
		p = end;
	}
	if (error == 0 && snprintf(rp->csp, sizeof(rp->csp),
	    "default-src 'none'; style-src%s; img-src data:; "
	    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
	    hashes.size ? hashes.ptr : " 'none'") >= (int)sizeof(rp->csp))
		error = SETARA_ERROR;
	setara_buf_dispose(&hashes);
	return error;
}

static int head(setara_buf *b, const char *title)
{
	int error = setara_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">"
		"<head><meta charset=\"utf-8\"><meta name=\"viewport\" "
		"content=\"width=device-width, initial-scale=1\"><title>");

	error |= put_text(b, title);
	error |= setara_buf_printf(b, " - setara</title><style>%s</style>"
		"</head><body><main>", style);
	return error;
}

static int form(setara_buf *b)
{
	return setara_buf_puts(b,
		"<form method=\"post\" action=\"/\" "
		"enctype=\"multipart/form-data\">"
		"<label for=\"document\">Signed document (an XML file: pick "
		"it, or drop it here)</label>"
		"<input type=\"file\" id=\"document\" name=\"document\" "
		"accept=\".xml,application/xml,text/xml\">"
		"<label for=\"xml\">Or paste the document's XML</label>"
		"<textarea id=\"xml\" name=\"xml\" rows=\"8\" cols=\"80\" "
		"spellcheck=\"false\"></textarea>"
		"<button type=\"submit\">Verify</button></form>");
}

static void html_reply(serve_reply *rp, unsigned code, int error)
{
	if (error == 0)
		error = set_csp(rp);
	if (error < 0) {
		setara_serve__error(rp, 500, "the page could not be made");
		return;
	}
	rp->code = code;
	rp->type = "text/html; charset=utf-8";
}

void setara_serve__page_form(serve_reply *rp)
{
	setara_buf *b = &rp->body;
	int error = head(b, "Verify a document");

	error |= setara_buf_puts(b, "<h1>Verify a document</h1>"
		"<p>Check a signed transcript, certificate, decision or "
		"attestation: who signed it, whether it was changed since, "
		"whether its issuer is trusted and whether it was revoked. "
		"The document is checked here and kept nowhere.</p>");
	error |= form(b);
	error |= setara_buf_puts(b, "<p>For programs: <code>POST /verify"
		"</code> with the document as the body answers in JSON."
		"</p></main></body></html>\n");
	html_reply(rp, 200, error);
}

/* The verdict in plain words: its heading, then one sentence. */
static int verdict_words(setara_buf *b, const setara_verdict *v)
{
	setara_result r = setara_verdict_result(v);
	setara_check k = setara_verdict_first_problem(v);
	const char *reason = NULL;
	int error;

	if (k < SETARA_CHECK_COUNT)
		setara_verdict_check(v, k, &reason);
	error = setara_buf_printf(b, "<section class=\"serve-verdict "
		"serve-%s\" role=\"status\" aria-labelledby=\"serve-verdict\">"
		"<h1 id=\"serve-verdict\">", setara_cred_result_name(r));
	if (r == SETARA_RESULT_VALID) {
		error |= setara_buf_puts(b, "Valid</h1><p>Every check passed: "
			"the document is as its issuer signed it, the issuer "
			"is trusted, and it is in force.</p>");
	} else {
		error |= setara_buf_puts(b, r == SETARA_RESULT_INVALID ?
			"Invalid</h1><p>Do not rely on this document: the "
			"<strong>" : "Could not check</h1><p>No check "
			"failed, but the <strong>");
		error |= put_text(b, setara_cred_check_name(k));
		error |= setara_buf_puts(b, r == SETARA_RESULT_INVALID ?
			"</strong> check failed" : "</strong> check could "
			"not be made");
		if (reason && *reason) {
			error |= setara_buf_puts(b, ": ");
			error |= put_text(b, reason);
		}
		error |= setara_buf_puts(b, ".</p>");
	}
	error |= setara_buf_puts(b, "<p><a href=\"/\">Verify another "
		"document</a></p></section>");
	return error;
}

/* The checks, when the document could not be drawn. */
static int checks_table(setara_buf *b, const setara_verdict *v)
{
	const char *reason;
	int k, error = setara_buf_puts(b, "<table class=\"checks\"><caption>"
		"Checks</caption><thead><tr><th scope=\"col\">Check</th>"
		"<th scope=\"col\">Result</th><th scope=\"col\">Reason</th>"
		"</tr></thead><tbody>");

	for (k = 0; k < SETARA_CHECK_COUNT; k++) {
		setara_check_status st = setara_verdict_check(v,
			(setara_check)k, &reason);

		error |= setara_buf_printf(b, "<tr><th scope=\"row\">%s</th>"
			"<td>%s</td><td>", setara_cred_check_name(
			(setara_check)k), setara_cred_check_status_name(st));
		error |= put_text(b, reason ? reason : "");
		error |= setara_buf_puts(b, "</td></tr>");
	}
	return error | setara_buf_puts(b, "</tbody></table>");
}

/* The verdict and the form, when the upload is not a drawable document. */
static void plain_result(serve_reply *rp, const setara_verdict *v)
{
	setara_buf *b = &rp->body;
	int error;

	setara_buf_clear(b);
	error = head(b, "Verification");
	error |= verdict_words(b, v);
	error |= checks_table(b, v);
	error |= form(b);
	error |= setara_buf_puts(b, "</main></body></html>\n");
	html_reply(rp, 200, error);
}

/* The rendered page with the verdict and our style put first in its body. */
static void rendered_result(serve_reply *rp, const setara_buf *page,
	const setara_verdict *v)
{
	setara_buf *b = &rp->body;
	const char *body = strstr(page->ptr, "<body");
	const char *gt = body ? strchr(body, '>') : NULL;
	int error;

	if (gt == NULL) {
		plain_result(rp, v);
		return;
	}
	gt++;
	error = setara_buf_put(b, page->ptr, (size_t)(gt - page->ptr));
	error |= setara_buf_printf(b, "<style>%s</style>", style);
	error |= verdict_words(b, v);
	error |= setara_buf_puts(b, gt);
	html_reply(rp, 200, error);
}

/* 400: the form again, after why nothing was verified. */
static void refused(serve_reply *rp, const char *why)
{
	setara_buf *b = &rp->body;
	int error;

	setara_buf_clear(b);
	error = head(b, "Verify a document");
	error |= setara_buf_puts(b, "<h1>Verify a document</h1>"
		"<p role=\"alert\">");
	error |= put_text(b, why);
	error |= setara_buf_puts(b, "</p>");
	error |= form(b);
	error |= setara_buf_puts(b, "</main></body></html>\n");
	html_reply(rp, 400, error);
}

void setara_serve__page_result(serve_reply *rp, const serve_call *c)
{
	setara_render_options ro = SETARA_RENDER_OPTIONS_INIT;
	setara_buf page = SETARA_BUF_INIT;
	setara_verdict *v = NULL;

	if (c->len == 0) {
		refused(rp, "No document was given: pick a file or paste its "
			"XML.");
		return;
	}
	/* A credential (JSON): its verdict and checks; there is no drawing
	 * of it yet. */
	if (setara_vc_is_json(c->body, c->len)) {
		if (setara_vc_verify(&v, c->w->vf, c->body, c->len,
		    "upload") < 0) {
			refused(rp, setara_error_last()->code ==
				SETARA_EINVALID ? setara_error_last()->message :
				"The credential could not be verified.");
			goto done;
		}
		rp->verdict = (int)setara_verdict_result(v);
		plain_result(rp, v);
		goto done;
	}
	ro.verifier = c->w->vf;
	ro.store = c->w->st;
	if (setara_cred_render(&page, &v, c->body, c->len, "upload", &ro) ==
	    0 && v) {
		rp->verdict = (int)setara_verdict_result(v);
		rendered_result(rp, &page, v);
		goto done;
	}
	/* Not a document the stylesheets draw: the verdict alone. */
	setara_verdict_free(v);
	v = NULL;
	setara_error_clear();
	if (setara_cred_verify_mem(&v, c->w->vf, c->body, c->len, "upload") <
	    0) {
		setara_serve__error(rp, 500, NULL);
		goto done;
	}
	rp->verdict = (int)setara_verdict_result(v);
	plain_result(rp, v);
done:
	setara_verdict_free(v);
	setara_buf_dispose(&page);
}
