/*
 * The routes: which path is which, the methods each answers, and what
 * each does.  JSON errors are {"version":1,"error":{"status":N,"code":..,
 * "message":..,"file":..,"line":..,"field":..}} (docs/serve.md).
 */
#include <libxml/tree.h>
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>

#include "serve_int.h"
#include "cred/cred_api.h"
#include "setara/vc.h"

static const struct {
	const char *name;   /* as counted and logged */
	const char *allow;
} routes[SERVE_ROUTE_COUNT] = {
	{ "/", "GET, HEAD, POST" },
	{ "/verify", "POST" },
	{ "/credentials/verify", "POST" },
	{ "/healthz", "GET, HEAD" },
	{ "/frameworks", "GET, HEAD" },
	{ "/credit/systems", "GET, HEAD" },
	{ "/levels", "GET, HEAD" },
	{ "/transfer/evaluate", "POST" },
	{ "/status", "GET, HEAD" },
	{ "/metrics", "GET, HEAD" },
	{ "other", NULL },
};

serve_route setara_serve__route_of(const char *path)
{
	static const struct { const char *path; serve_route r; } exact[] = {
		{ "/", SERVE_ROUTE_PAGE },
		{ "/verify", SERVE_ROUTE_VERIFY },
		{ "/credentials/verify", SERVE_ROUTE_CREDENTIALS_VERIFY },
		{ "/healthz", SERVE_ROUTE_HEALTHZ },
		{ "/frameworks", SERVE_ROUTE_FRAMEWORKS },
		{ "/credit/systems", SERVE_ROUTE_CREDIT_SYSTEMS },
		{ "/transfer/evaluate", SERVE_ROUTE_TRANSFER },
		{ "/metrics", SERVE_ROUTE_METRICS },
	};
	size_t i;

	for (i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
		if (strcmp(path, exact[i].path) == 0)
			return exact[i].r;
	if (strncmp(path, "/levels/", 8) == 0 && path[8])
		return SERVE_ROUTE_LEVELS;
	if (strncmp(path, "/status/", 8) == 0 && path[8])
		return SERVE_ROUTE_STATUS;
	return SERVE_ROUTE_OTHER;
}

const char *setara_serve__route_allow(serve_route r)
{
	return routes[r].allow;
}

const char *setara_serve__route_name(serve_route r)
{
	return routes[r].name;
}

/* The code of an error of the service itself, by its status. */
static const char *status_token(unsigned code)
{
	switch (code) {
	case 400: return "bad request";
	case 404: return "not found";
	case 405: return "method not allowed";
	case 413: return "body too large";
	case 415: return "unsupported media type";
	case 503: return "unavailable";
	default: return "internal error";
	}
}

void setara_serve__error(serve_reply *rp, unsigned code,
	const char *message)
{
	const setara_error *e = setara_error_last();
	setara__json j;

	setara_buf_clear(&rp->body);
	rp->code = code;
	rp->type = "application/json";
	rp->verdict = -1;
	setara__json_init(&j, &rp->body, 0);
	setara__json_obj_open(&j, NULL);
	setara__json_int(&j, "version", 1);
	setara__json_obj_open(&j, "error");
	setara__json_int(&j, "status", code);
	if (message) {
		setara__json_str(&j, "code", status_token(code));
		setara__json_str(&j, "message", message);
		setara__json_null(&j, "file");
		setara__json_null(&j, "line");
		setara__json_null(&j, "field");
	} else {
		setara__json_str(&j, "code", setara_error_code_name(e->code));
		setara__json_str(&j, "message", e->code ? e->message :
			"internal error (no message)");
		setara__json_str(&j, "file", e->file);
		if (e->line > 0)
			setara__json_int(&j, "line", e->line);
		else
			setara__json_null(&j, "line");
		setara__json_str(&j, "field", e->field);
	}
	setara__json_obj_close(&j);
	setara__json_obj_close(&j);
	if (setara__json_error(&j) < 0 ||
	    setara_buf_puts(&rp->body, "\n") < 0) {
		setara_buf_clear(&rp->body);
		rp->code = 500;
	}
}

/* The last error as a reply: not found 404, bad input 400, else 500. */
static void fail(serve_reply *rp)
{
	int code = setara_error_last()->code;

	setara_serve__error(rp, code == SETARA_ENOTFOUND ? 404 :
		code == SETARA_EINVALID || code == SETARA_EUSAGE ? 400 : 500,
		NULL);
}

static void json_ok(serve_reply *rp)
{
	rp->code = 200;
	rp->type = "application/json";
}

/*
 * The VC-API's members after setara's report: "verified" (true only for
 * a valid verdict), and the checks that failed ("errors") and could not
 * be made ("warnings"), each "CHECK: reason".  The VC-API's "checks" is
 * the report's own: every check made, with its status and reason.
 */
static void vcapi_members(setara__json *j, const setara_verdict *v)
{
	static const setara_check_status kinds[2] = {
		SETARA_CHECK_FAIL, SETARA_CHECK_COULD_NOT_CHECK
	};
	static const char *const names[2] = { "errors", "warnings" };
	setara_buf b = SETARA_BUF_INIT;
	const char *reason;
	int i, k;

	setara__json_bool(j, "verified",
		setara_verdict_result(v) == SETARA_RESULT_VALID);
	for (i = 0; i < 2; i++) {
		setara__json_arr_open(j, names[i]);
		for (k = 0; k < SETARA_CHECK_COUNT; k++) {
			if (setara_verdict_check(v, (setara_check)k,
			    &reason) != kinds[i])
				continue;
			setara_buf_clear(&b);
			if (setara_buf_printf(&b, "%s: %s",
			    setara_cred_check_name((setara_check)k),
			    reason ? reason : "") < 0)
				j->error = SETARA_ENOMEM;
			else
				setara__json_str(j, NULL, b.ptr);
		}
		setara__json_arr_close(j);
	}
	setara_buf_dispose(&b);
}

int setara_serve__verify_json(setara_buf *out, int *result,
	serve_worker *w, const char *data, size_t len, const char *name,
	int vcapi)
{
	setara_verdict *v = NULL;
	setara__json j;
	int error;

	if (setara_vc_is_json(data, len))
		error = setara_vc_verify(&v, w->vf, data, len, name);
	else
		error = setara_cred_verify_mem(&v, w->vf, data, len, name);
	if (error < 0)
		goto done;
	setara__json_init(&j, out, 0);
	if (vcapi) {
		setara__json_obj_open(&j, NULL);
		setara_cred__verdict_report_members(&j, v);
		vcapi_members(&j, v);
		setara__json_obj_close(&j);
	} else {
		setara_cred__verdict_report_json(&j, v);
	}
	if ((error = setara__json_error(&j)) < 0)
		goto done;
	setara_buf_puts(out, "\n");
	*result = (int)setara_verdict_result(v);
done:
	setara_verdict_free(v);
	return error;
}

/* The first byte of the body that is not white space (or a byte order
 * mark), or -1 when there is none. */
static int first_byte(const serve_call *c)
{
	size_t i = 0;

	if (c->len >= 3 && memcmp(c->body, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < c->len && c->body[i] && strchr(" \t\r\n", c->body[i]))
		i++;
	return i < c->len ? (unsigned char)c->body[i] : -1;
}

/*
 * POST /verify: the body is the document, a signed XML document or a W3C
 * Verifiable Credential (JSON, as `setara verify` tells them apart).
 * JSON the loader refuses (too large, too deep, duplicate names, invalid
 * UTF-8, ...) is 400 with the loader's reason: no verdict, as the command
 * exits 3.
 */
static void verify(serve_reply *rp, const serve_call *c)
{
	int first = first_byte(c);

	if (first < 0) {
		setara_serve__error(rp, 400, "no document: POST the signed "
			"XML document or credential as the request body");
		return;
	}
	if (first != '<' && first != '{') {
		setara_serve__error(rp, 400, "not a document: the body must "
			"be a signed setara document (XML) or a credential "
			"(JSON)");
		return;
	}
	if (setara_serve__verify_json(&rp->body, &rp->verdict, c->w, c->body,
	    c->len, "request", 0) < 0) {
		fail(rp);
		return;
	}
	json_ok(rp);
}

/*
 * POST /credentials/verify (W3C VC-API): the body is the credential, or a
 * request {"verifiableCredential": {...}, "options": {...}} whose
 * credential is verified (re-written: its proof signs the canonical form,
 * not the text).  The answer is the report of POST /verify with the
 * VC-API's members.
 */
static void credentials_verify(serve_reply *rp, const serve_call *c)
{
	setara_buf vc = SETARA_BUF_INIT;
	int first = first_byte(c);
	int r;

	if (first < 0) {
		setara_serve__error(rp, 400, "no credential: POST the "
			"credential, or a VC-API request, as the request body");
		return;
	}
	if (first != '{') {
		setara_serve__error(rp, 415, "not JSON: POST /credentials/"
			"verify takes a credential or a VC-API request; POST "
			"an XML document to /verify");
		return;
	}
	if ((r = setara_vc_request_credential(&vc, c->body, c->len,
	    "request")) < 0 || setara_serve__verify_json(&rp->body,
	    &rp->verdict, c->w, r ? vc.ptr : c->body, r ? vc.size : c->len,
	    "request", 1) < 0)
		fail(rp);
	else
		json_ok(rp);
	setara_buf_dispose(&vc);
}

static void healthz(serve_reply *rp, const serve_call *c)
{
	setara__json j;

	setara__json_init(&j, &rp->body, 0);
	setara__json_obj_open(&j, NULL);
	setara__json_int(&j, "version", 1);
	setara__json_str(&j, "status", "ok");
	setara__json_str(&j, "setara", SETARA_VERSION);
	setara__json_int(&j, "workers", c->s->nworkers);
	setara__json_int(&j, "uptime", (long long)(time(NULL) -
		c->s->started));
	setara__json_obj_close(&j);
	if (setara__json_error(&j) < 0 ||
	    setara_buf_puts(&rp->body, "\n") < 0)
		fail(rp);
	else
		json_ok(rp);
}

static const char *arg(const serve_call *c, const char *key)
{
	const char *v = MHD_lookup_connection_value(c->conn,
		MHD_GET_ARGUMENT_KIND, key);

	return v && *v ? v : NULL;
}

static void data_route(serve_reply *rp, serve_route r, const serve_call *c)
{
	const setara_serve_routes *w = c->s->o.routes;
	int error = SETARA_ENOTFOUND;

	if (c->w->st == NULL) {
		setara_serve__error(rp, 503, "no store: start the service "
			"with --db");
		return;
	}
	switch (r) {
	case SERVE_ROUTE_FRAMEWORKS:
		if (w && w->frameworks)
			error = w->frameworks(&rp->body, c->w->st);
		break;
	case SERVE_ROUTE_CREDIT_SYSTEMS:
		if (w && w->credit_systems)
			error = w->credit_systems(&rp->body, c->w->st);
		break;
	case SERVE_ROUTE_LEVELS:
		if (w && w->level_map)
			error = w->level_map(&rp->body, c->w->st,
				c->path + strlen("/levels/"), arg(c, "to"));
		break;
	case SERVE_ROUTE_TRANSFER:
		if (arg(c, "host") == NULL) {
			setara_serve__error(rp, 400, "?host= is required: "
				"the host institution's id");
			return;
		}
		if (c->len == 0) {
			setara_serve__error(rp, 400, "no record: POST the "
				"student record as the request body");
			return;
		}
		if (w && w->transfer)
			error = w->transfer(&rp->body, c->w->st, c->body,
				c->len, arg(c, "host"), arg(c, "programme"));
		break;
	default:
		break;
	}
	if (error == SETARA_ENOTFOUND && setara_error_last()->code == 0) {
		setara_serve__error(rp, 404, "no such route");
		return;
	}
	if (error < 0 || (error = setara_buf_puts(&rp->body, "\n")) < 0) {
		fail(rp);
		return;
	}
	json_ok(rp);
}

/* A status list's file name: letters, digits, '.', '-', '_', no leading
 * dot, ending ".xml" (a statusList) or ".json" (a
 * BitstringStatusListCredential).  0 when it is neither. */
static int list_name_ok(const char *n, int *json)
{
	size_t i, len = strlen(n);

	if (len < 5 || len > 200 || n[0] == '.')
		return 0;
	*json = len > 5 && strcmp(n + len - 5, ".json") == 0;
	if (!*json && strcmp(n + len - 4, ".xml") != 0)
		return 0;
	for (i = 0; i < len; i++)
		if (!((n[i] >= 'a' && n[i] <= 'z') ||
		    (n[i] >= 'A' && n[i] <= 'Z') ||
		    (n[i] >= '0' && n[i] <= '9') || strchr("._-", n[i])))
			return 0;
	return 1;
}

/* Seconds the list stays valid (its validUntil; a JSON list's ttl when
 * shorter), 0 when stale or unreadable. */
static long long list_fresh_for(const setara_buf *b, const char *name,
	int json)
{
	setara_vc_status_list *l = NULL;
	xmlDocPtr doc = NULL;
	xmlNode *n;
	xmlChar *text;
	time_t until;
	long long left = 0;

	if (json) {
		/* validUntil, and no longer than the list's ttl (ms) */
		if (setara_vc_status_list_read(&l, b->ptr, b->size, name) ==
		    0 && setara_vc_status_list_valid_until(l) > 0)
			left = setara_vc_status_list_valid_until(l) -
				(long long)setara__time_now();
		if (l && setara_vc_status_list_ttl(l) > 0 &&
		    left > setara_vc_status_list_ttl(l) / 1000)
			left = setara_vc_status_list_ttl(l) / 1000;
		goto done;
	}
	if (setara__xml_parse_mem(&doc, b->ptr, b->size, name) < 0)
		goto done;
	n = xmlDocGetRootElement(doc);
	for (n = n ? n->children : NULL; n; n = n->next)
		if (setara__xml_is(n, SETARA_NS_DOC, "validUntil"))
			break;
	if (n == NULL || (text = xmlNodeGetContent(n)) == NULL)
		goto done;
	if (setara__time_parse(&until, (const char *)text) == 0)
		left = (long long)(until - setara__time_now());
	xmlFree(text);
done:
	setara_vc_status_list_free(l);
	xmlFreeDoc(doc);
	setara_error_clear();
	return left > 0 ? left : 0;
}

/* Whether @etag is one of the tags of an If-None-Match header. */
static int etag_matches(const char *header, const char *etag)
{
	size_t n = strlen(etag);
	const char *p = header;

	while (p && *p) {
		while (*p == ' ' || *p == ',')
			p++;
		if (*p == '*' || (strncmp(p, etag, n) == 0 &&
		    (p[n] == '\0' || p[n] == ',' || p[n] == ' ')))
			return 1;
		p = strchr(p, ',');
	}
	return 0;
}

static void status_list(serve_reply *rp, const serve_call *c)
{
	static __thread char cache[64];
	const char *name = c->path + strlen("/status/");
	setara_buf b = SETARA_BUF_INIT;
	char *path = NULL, hex[65];
	long long left;
	int json = 0;

	if (c->s->o.status_dir == NULL || !list_name_ok(name, &json)) {
		setara_serve__error(rp, 404, "no such status list");
		goto done;
	}
	if ((path = setara__asprintf("%s/%s", c->s->o.status_dir, name)) ==
	    NULL)
		goto fail;
	if (setara__read_file(&b, path, SETARA_SERVE_BODY_MAX) < 0) {
		setara_error_clear();
		setara_serve__error(rp, 404, "no such status list");
		goto done;
	}
	if (setara__sha256_hex(hex, b.ptr, b.size) < 0)
		goto fail;
	snprintf(rp->etag, sizeof(rp->etag), "\"%s\"", hex);
	left = list_fresh_for(&b, name, json);
	if (left > 0) {
		snprintf(cache, sizeof(cache), "public, max-age=%lld",
			left > 86400 ? 86400 : left);
		rp->cache = cache;
	} else {
		rp->cache = "no-cache";
	}
	if (c->if_none_match && etag_matches(c->if_none_match, rp->etag)) {
		rp->code = 304;
		goto done;
	}
	rp->code = 200;
	/* application/vc: the media type of a VC 2.0 credential (IANA,
	 * registered by the W3C VC Working Group in 2024). */
	rp->type = json ? "application/vc" : "application/xml";
	setara_buf_put(&rp->body, b.ptr, b.size);
	goto done;
fail:
	fail(rp);
done:
	setara__free(path);
	setara_buf_dispose(&b);
}

static void metrics(serve_reply *rp, const serve_call *c)
{
	int inflight;

	pthread_mutex_lock(&c->s->lock);
	inflight = c->s->inflight;
	pthread_mutex_unlock(&c->s->lock);
	if (setara_serve__metrics_text(&rp->body, &c->s->m, inflight) < 0) {
		fail(rp);
		return;
	}
	rp->code = 200;
	rp->type = "text/plain; version=0.0.4; charset=utf-8";
}

static int method_ok(serve_route r, const char *method)
{
	const char *allow = routes[r].allow;
	size_t n = strlen(method);
	const char *p;

	for (p = allow; p && (p = strstr(p, method)) != NULL; p += n)
		if ((p == allow || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ','))
			return 1;
	return 0;
}

void setara_serve__dispatch(serve_reply *rp, serve_route r,
	const serve_call *c)
{
	if (r == SERVE_ROUTE_OTHER) {
		setara_serve__error(rp, 404, "no such route");
		return;
	}
	if (!method_ok(r, c->method)) {
		setara_serve__error(rp, 405, "method not allowed here");
		rp->allow = routes[r].allow;
		return;
	}
	switch (r) {
	case SERVE_ROUTE_PAGE:
		if (strcmp(c->method, "POST") == 0)
			setara_serve__page_result(rp, c);
		else
			setara_serve__page_form(rp);
		break;
	case SERVE_ROUTE_VERIFY: verify(rp, c); break;
	case SERVE_ROUTE_CREDENTIALS_VERIFY: credentials_verify(rp, c); break;
	case SERVE_ROUTE_HEALTHZ: healthz(rp, c); break;
	case SERVE_ROUTE_STATUS: status_list(rp, c); break;
	case SERVE_ROUTE_METRICS: metrics(rp, c); break;
	default: data_route(rp, r, c); break;
	}
}
