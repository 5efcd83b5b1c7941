/*
 * EMREX ELMO export of a signed transcript (ELMO schema v1.7 or v2.0,
 * namespace SETARA_NS_ELMO for both) or, in v2.0 only, of a signed
 * transfer decision as results of recognition.  The mapping, element by
 * element, is in docs/elmo.md:
 *
 *   transcript subject      -> learner (identifier, name, birth date)
 *   transcript issuer       -> one report/issuer
 *   programme + qualification -> a "Degree Programme" learning opportunity
 *                              with its levels: the national framework
 *                              level, AQRF, and EQF (indicative only)
 *   each course             -> a "Course" part of it, in its term, with
 *                              its result label (the original grade), its
 *                              ECTS credits and its original credits
 *   issued                  -> report/issueDate
 *   the HTML page           -> a "Transcript of Records" attachment
 *   the transcript's id     -> elmo/extension (setara:source)
 *
 * v2.0 differs for a transcript in the learner only (dateOfBirth for
 * bday, and the required alternativeName).  A decision's items become
 * report/resultOfRecognition, one each: the outcome, the decision date,
 * the source courses as a recognition report of the partner, the host
 * courses as the recognition result, and the mapping between them.
 *
 * The transcript is verified first and refused when invalid.  Numbers
 * are copied as the documents and the reference data write them: no
 * arithmetic here.  The ELMO document is signed, when a signer is given,
 * through setara_cred_sign(): the setara profile, enveloped, last child.
 */
#include <string.h>
#include <libxml/tree.h>

#include "setara/catalog.h"
#include "setara/credit.h"
#include "setara/qf.h"
#include "render_int.h"


/* What the reference data says of a decision's two institutions. */
typedef struct elmo_inst {
	char *partner, *host;  /* ids, from the decision (xmlFree) */
	char *partner_name, *partner_country, *host_system;
} elmo_inst;

typedef struct elmo_ctx {
	xmlDocPtr out;
	xmlNsPtr ns;      /* ELMO, default namespace */
	xmlNsPtr setara;  /* urn:setara:doc:1, for extensions */
	xmlNodePtr src;   /* the transcript's document element */
	const char *name;
	const setara_elmo_options *opts;
	const char *credit_system; /* programme/@creditSystem */
	char *grade_scale;         /* programme/@gradeScale */
	int v2;                    /* ELMO 2.0.0 */
	const char *issued;        /* the document's issued, else now */
	elmo_inst inst;            /* a decision's institutions */
} elmo_ctx;

static xmlNodePtr el(elmo_ctx *x, xmlNodePtr parent, const char *name,
	const char *text)
{
	return xmlNewTextChild(parent, x->ns, (const xmlChar *)name,
		(const xmlChar *)text);
}

static int attr(xmlNodePtr n, const char *name, const char *value)
{
	return n && xmlSetProp(n, (const xmlChar *)name,
		(const xmlChar *)(value ? value : "")) ? 0 : SETARA_ENOMEM;
}

/* Text of a child element of the document namespace (caller frees). */
static char *text_of(xmlNodePtr n, const char *local)
{
	return setara__xml_child_text(n, SETARA_NS_DOC, local);
}

/* An attribute of @n, "" when absent (never NULL unless out of memory);
 * caller frees with xmlFree. */
static xmlChar *prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = n ? xmlGetProp(n, (const xmlChar *)name) : NULL;

	return v ? v : xmlStrdup((const xmlChar *)"");
}

/* ---- learner and issuer ----------------------------------------------- */

/*
 * 1 when the UTF-8 text @s has a letter of a script other than the
 * Latin one (Thai, Khmer, Lao, Myanmar, Jawi, Chinese, Tamil, ...);
 * Latin letters with their diacritics (Vietnamese included), digits,
 * spaces and punctuation are not.
 */
static int non_latin(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int len, c;

	while (*p) {
		len = 4;
		if ((c = xmlGetUTF8Char(p, &len)) < 0)
			return 0; /* not reached: the document parsed */
		p += len;
		if (c < 0x250 || (c >= 0x1E00 && c <= 0x1EFF) ||
		    (c >= 0x0300 && c <= 0x036F) ||
		    (c >= 0x2000 && c <= 0x206F) ||
		    (c >= 0x2C60 && c <= 0x2C7F) ||
		    (c >= 0xA720 && c <= 0xA7FF) ||
		    (c >= 0xAB30 && c <= 0xAB6F))
			continue;
		return 1;
	}
	return 0;
}

static int learner(elmo_ctx *x, xmlNodePtr elmo)
{
	xmlNodePtr subj = setara__xml_child(x->src, SETARA_NS_DOC, "subject");
	xmlNodePtr l, id;
	char *name = text_of(subj, "name"), *bday = text_of(subj, "birthDate");
	char *given = text_of(subj, "givenNames");
	char *family = text_of(subj, "familyName");
	xmlChar *sid = prop(subj, "id");
	int error = SETARA_ENOMEM;

	if ((l = el(x, elmo, "learner", NULL)) == NULL)
		goto done;
	/* The subject's country is not said to be a citizenship: not
	 * claimed as one. */
	if ((id = el(x, l, "identifier", (const char *)sid)) == NULL ||
	    attr(id, "type", "local") < 0)
		goto done;
	/*
	 * The parts as the issuer recorded them (subject/givenNames,
	 * familyName).  Without them the name is given whole: splitting
	 * "Nur Aisyah binti Ahmad" into given and family names would invent
	 * a structure many ASEAN names do not have.  ELMO asks for an empty
	 * string where a part cannot be given.
	 */
	if (given == NULL && family == NULL) {
		given = name;
		name = NULL;
	}
	if (el(x, l, "givenNames", given ? given : "") == NULL ||
	    el(x, l, "familyName", family ? family : "") == NULL)
		goto done;
	/*
	 * v2 requires alternativeName, "the full name of the learner
	 * written in non latin alphabet": the name as written when it is,
	 * else empty -- as ELMO asks for a name part that cannot be given.
	 * A transliteration would be made up.
	 */
	if (x->v2) {
		const char *whole = name ? name : given;

		if (el(x, l, "alternativeName", whole && non_latin(whole) ?
		    whole : "") == NULL)
			goto done;
	}
	if (bday && el(x, l, x->v2 ? "dateOfBirth" : "bday", bday) == NULL)
		goto done;
	error = 0;
done:
	setara__free(name);
	setara__free(given);
	setara__free(family);
	setara__free(bday);
	xmlFree(sid);
	return error;
}

/*
 * An ELMO issuer: @country (left out when empty), the setara id, the
 * accreditation when there is one, the name and the web page.
 */
static int issuer_el(elmo_ctx *x, xmlNodePtr parent, const char *country,
	const char *iid, const char *acc, const char *name, const char *url)
{
	xmlNodePtr i, id;

	if ((i = el(x, parent, "issuer", NULL)) == NULL ||
	    (*country && el(x, i, "country", country) == NULL) ||
	    (id = el(x, i, "identifier", iid)) == NULL ||
	    attr(id, "type", "setara") < 0)
		return SETARA_ENOMEM;
	if (*acc && ((id = el(x, i, "identifier", acc)) == NULL ||
	    attr(id, "type", "accreditation") < 0))
		return SETARA_ENOMEM;
	/* The language of the issuer's name is not recorded: no xml:lang
	 * (ELMO allows leaving it out when it is not known). */
	if (el(x, i, "title", name) == NULL ||
	    el(x, i, "url", url ? url : "") == NULL)
		return SETARA_ENOMEM;
	return 0;
}

/* The document's issuer. */
static int issuer(elmo_ctx *x, xmlNodePtr report)
{
	xmlNodePtr is = setara__xml_child(x->src, SETARA_NS_DOC, "issuer");
	xmlChar *iid = prop(is, "id"), *country = prop(is, "country"),
		*acc = prop(is, "accreditation");
	char *name = text_of(is, "name");
	int error = SETARA_ENOMEM;

	if (iid && country && acc)
		error = issuer_el(x, report, (const char *)country,
			(const char *)iid, (const char *)acc,
			name ? name : "", x->opts->issuer_url);
	xmlFree(iid);
	xmlFree(country);
	xmlFree(acc);
	setara__free(name);
	return error;
}

/* ---- levels ------------------------------------------------------------ */

static int level(elmo_ctx *x, xmlNodePtr loi, const char *type,
	const char *desc, const char *value)
{
	xmlNodePtr l;

	if ((l = el(x, loi, "level", NULL)) == NULL ||
	    el(x, l, "type", type) == NULL ||
	    (desc && el(x, l, "description", desc) == NULL) ||
	    el(x, l, "value", value) == NULL)
		return SETARA_ENOMEM;
	return 0;
}

/*
 * The EQF level comparable to @ref, from the qf component's level map
 * through the AQRF; always described as indicative.
 */
static int eqf(elmo_ctx *x, xmlNodePtr loi, const char *ref)
{
	setara_qf_map *m = NULL;
	const char *lv, *colon;
	char *desc = NULL, range[32];
	size_t i, n;
	int amin = 0, amax = 0, error;

	if ((error = setara_qf_level_map(&m, x->opts->store, ref, "eqf")) < 0)
		goto done;
	setara_qf_map_aqrf(m, &amin, &amax);
	n = setara_qf_map_count(m);
	for (i = 0; i < n; i++) {
		lv = setara_qf_map_level(m, i);
		colon = lv ? strchr(lv, ':') : NULL;
		if (colon == NULL)
			continue;
		setara__free(desc);
		/* Indicative whatever the data says: the AQRF and the EQF
		 * have never been compared officially. */
		if (amax > amin)
			snprintf(range, sizeof(range), "%d to %d", amin, amax);
		else
			snprintf(range, sizeof(range), "%d", amin);
		desc = setara__asprintf("Indicative only, not an official "
			"referencing outcome: there is no official comparison "
			"of the AQRF with the EQF.  %s is referenced to AQRF "
			"level %s; setara's reference data compares that with "
			"EQF level %s (weakest referencing status %s, "
			"confidence %s)%s.", ref, range, colon + 1,
			setara_qf_status_name(setara_qf_map_status(m)),
			setara_confidence_name(setara_qf_map_confidence(m)),
			n > 1 ? "; one of several comparable EQF levels" : "");
		if (desc == NULL) {
			error = SETARA_ENOMEM;
			goto done;
		}
		if ((error = level(x, loi, "EQF", desc, colon + 1)) < 0)
			goto done;
	}
	error = 0;
done:
	setara__free(desc);
	setara_qf_map_free(m);
	return error;
}

/*
 * The qualification's levels: the national one (type: the framework id),
 * the AQRF level the transcript states (verified against the reference
 * data by the consistency check), and the EQF level, which can only be
 * indicative: there is no official comparison of the AQRF with the EQF.
 */
static int levels(elmo_ctx *x, xmlNodePtr loi, xmlNodePtr q)
{
	xmlChar *ref = prop(q, "level"), *aqrf = prop(q, "aqrf");
	const char *colon = strchr((const char *)ref, ':');
	char *fw = NULL, *desc = NULL;
	int error = SETARA_ENOMEM;

	if (colon == NULL) {
		error = setara_error__data(x->name, (int)xmlGetLineNo(q),
			"level", "not a FRAMEWORK:LEVEL reference");
		goto done;
	}
	if ((fw = setara__strndup((const char *)ref, (size_t)(colon -
	    (const char *)ref))) == NULL ||
	    (desc = setara__asprintf("Level %s of the national framework "
	    "%s (setara framework id), as the issuer states it.", colon + 1,
	    fw)) == NULL ||
	    (error = level(x, loi, fw, desc, colon + 1)) < 0)
		goto done;
	setara__free(desc);
	if ((desc = setara__asprintf("ASEAN Qualifications Reference "
	    "Framework level %s: the level %s is referenced to, as the "
	    "issuer states it.", (const char *)aqrf,
	    (const char *)ref)) == NULL ||
	    (error = level(x, loi, "AQRF", desc, (const char *)aqrf)) < 0)
		goto done;
	error = eqf(x, loi, (const char *)ref);
done:
	setara__free(fw);
	setara__free(desc);
	xmlFree(ref);
	xmlFree(aqrf);
	return error;
}

/* ---- credits ----------------------------------------------------------- */

/*
 * The ECTS credits of @credits credits of the programme's credit system,
 * as the credit component converts them (setara_credit_convert(), by the
 * systems' own definitions).  Where the definitions give a range (ECTS:
 * 25 to 30 hours a credit) ELMO gets the low end -- never more credits
 * than the definitions support -- and the extension the whole range; a
 * value without a finite decimal expansion is rounded down to 0.01, and
 * says so.  The facts are described in @ext (a setara:ects element).
 * *out is freed by the caller.
 */
static int ects_credits(char **out, elmo_ctx *x, const char *credits,
	xmlNodePtr ext, int line)
{
	setara_credit_convert_options o = SETARA_CREDIT_CONVERT_OPTIONS_INIT;
	setara_credit_result *r = NULL;
	setara_buf steps = SETARA_BUF_INIT;
	const char *v;
	xmlNodePtr e;
	size_t i;
	int error;

	*out = NULL;
	if (strcmp(x->credit_system, "ects") == 0) {
		*out = setara__strdup(credits);
		return *out ? 0 : SETARA_ENOMEM;
	}
	if ((error = setara_credit_convert(&r, x->opts->store,
	    x->credit_system, "ects", credits, &o)) < 0)
		goto fail;
	if (strchr(r->value, '/')) {
		setara_credit_result_free(r);
		r = NULL;
		o.rounding = SETARA_ROUNDING_DOWN;
		o.step = "0.01";
		if ((error = setara_credit_convert(&r, x->opts->store,
		    x->credit_system, "ects", credits, &o)) < 0)
			goto fail;
	}
	/* The rounded low end ("6.66" of "6.66-8" when a range). */
	v = r->rounded ? r->rounded : r->value;
	error = SETARA_ENOMEM;
	for (i = 0; i < r->nsteps; i++)
		if (setara_buf_printf(&steps, "%s%s", i ? "; " : "",
		    r->steps[i]) < 0)
			goto done;
	if ((*out = setara__strndup(v, strcspn(v, "-"))) == NULL ||
	    (e = xmlNewTextChild(ext, x->setara, (const xmlChar *)"ects",
	    (const xmlChar *)(steps.ptr ? steps.ptr : ""))) == NULL ||
	    attr(e, "value", r->value) < 0 ||
	    (r->value_max && attr(e, "valueMax", r->value_max) < 0) ||
	    (r->rounded && attr(e, "rounded", r->rounded) < 0) ||
	    attr(e, "method", r->method) < 0 ||
	    attr(e, "confidence", setara_confidence_name(r->confidence)) < 0 ||
	    (r->sample && attr(e, "sample", "true") < 0))
		goto done;
	error = 0;
	goto done;
fail:
	/* Name the course: the credit component's message says why. */
	error = setara_error__set(error, SETARA_ERROR_CREDIT, x->name, line,
		"credits", "%s credits of %s cannot be converted to ECTS: %s",
		credits, x->credit_system, setara_error_last()->message);
done:
	setara_buf_dispose(&steps);
	setara_credit_result_free(r);
	return error;
}

static int credit(elmo_ctx *x, xmlNodePtr loi, const char *scheme,
	const char *value)
{
	xmlNodePtr c;

	if ((c = el(x, loi, "credit", NULL)) == NULL ||
	    el(x, c, "scheme", scheme) == NULL ||
	    el(x, c, "value", value) == NULL)
		return SETARA_ENOMEM;
	return 0;
}

/* ---- courses ------------------------------------------------------------ */

/* ELMO's status of a course: "passed", "failed" or "in-progress". */
static const char *course_status(const char *st)
{
	if (st == NULL || setara_cred__course_counts(st))
		return "passed";
	if (strcmp(st, "failed") == 0)
		return "failed";
	return "in-progress";
}

static int course(elmo_ctx *x, xmlNodePtr parent, xmlNodePtr term,
	xmlNodePtr c)
{
	xmlNodePtr los, loi, n, conv, ext = NULL;
	xmlChar *code = prop(c, "code"), *grade = prop(c, "grade"),
		*credits = prop(c, "credits"), *st = prop(c, "status"),
		*tname = prop(term, "name"), *tid = prop(term, "id"),
		*tstart = prop(term, "start"), *tend = prop(term, "end");
	char *title = text_of(c, "title"), *ects = NULL;
	int counted = setara_cred__course_counts(*st ? (const char *)st :
		NULL);
	int error = SETARA_ENOMEM;

	if ((n = el(x, parent, "hasPart", NULL)) == NULL ||
	    (los = el(x, n, "learningOpportunitySpecification", NULL)) ==
	    NULL ||
	    (n = el(x, los, "identifier", (const char *)code)) == NULL ||
	    attr(n, "type", "local") < 0 ||
	    el(x, los, "title", title ? title : "") == NULL ||
	    el(x, los, "type", "Course") == NULL ||
	    (n = el(x, los, "specifies", NULL)) == NULL ||
	    (loi = el(x, n, "learningOpportunityInstance", NULL)) == NULL)
		goto done;
	if (*tstart && el(x, loi, "start", (const char *)tstart) == NULL)
		goto done;
	if (*tend && el(x, loi, "date", (const char *)tend) == NULL)
		goto done;
	/* academicTerm needs both dates. */
	if (*tstart && *tend) {
		if ((n = el(x, loi, "academicTerm", NULL)) == NULL ||
		    el(x, n, "title", *tname ? (const char *)tname :
		    (const char *)tid) == NULL ||
		    el(x, n, "start", (const char *)tstart) == NULL ||
		    el(x, n, "end", (const char *)tend) == NULL)
			goto done;
	}
	if (el(x, loi, "status", course_status(*st ? (const char *)st :
	    NULL)) == NULL ||
	    el(x, loi, "gradingSchemeLocalId", x->grade_scale) == NULL ||
	    el(x, loi, "resultLabel", (const char *)grade) == NULL)
		goto done;
	/* What ELMO has no place for goes in the extension: the original
	 * credits, grade and status, the transcript's converted values, and
	 * how the ECTS credits were obtained. */
	conv = setara__xml_child(c, SETARA_NS_DOC, "converted");
	if ((ext = xmlNewNode(x->ns, (const xmlChar *)"extension")) == NULL ||
	    (n = xmlNewChild(ext, x->setara, (const xmlChar *)"course",
	    NULL)) == NULL ||
	    attr(n, "credits", (const char *)credits) < 0 ||
	    attr(n, "grade", (const char *)grade) < 0 ||
	    attr(n, "status", *st ? (const char *)st : "passed") < 0 ||
	    (conv && xmlAddChild(n, xmlDocCopyNode(conv, x->out, 1)) == NULL))
		goto done;
	/* Credits acquired: only for courses that count (ELMO's value is
	 * "the number of credits acquired"). */
	if (counted) {
		if ((error = ects_credits(&ects, x, (const char *)credits, n,
		    (int)xmlGetLineNo(c))) < 0)
			goto done;
		error = SETARA_ENOMEM;
		if (credit(x, loi, "ects", ects) < 0 ||
		    credit(x, loi, x->credit_system, (const char *)credits) <
		    0)
			goto done;
	}
	if (xmlAddChild(loi, ext) == NULL)
		goto done;
	ext = NULL;
	error = 0;
done:
	xmlFree(code);
	xmlFree(grade);
	xmlFree(credits);
	xmlFree(st);
	xmlFree(tname);
	xmlFree(tid);
	xmlFree(tstart);
	xmlFree(tend);
	setara__free(title);
	setara__free(ects);
	xmlFreeNode(ext);
	return error;
}

/* ---- the programme ------------------------------------------------------ */

static int programme(elmo_ctx *x, xmlNodePtr report)
{
	xmlNodePtr p = setara__xml_child(x->src, SETARA_NS_DOC, "programme");
	xmlNodePtr q = setara__xml_child(x->src, SETARA_NS_DOC,
		"qualification");
	xmlNodePtr los, loi, n, term, c;
	xmlChar *code = prop(p, "code"), *isced = prop(p, "iscedF"),
		*start = prop(p, "start"), *end = prop(p, "end"),
		*st = prop(p, "status"), *awarded = prop(q, "awarded");
	char *title = text_of(p, "title");
	const char *status = NULL;
	int error = SETARA_ENOMEM;

	if ((los = el(x, report, "learningOpportunitySpecification", NULL)) ==
	    NULL ||
	    (n = el(x, los, "identifier", (const char *)code)) == NULL ||
	    attr(n, "type", "local") < 0 ||
	    el(x, los, "title", title ? title : "") == NULL ||
	    el(x, los, "type", "Degree Programme") == NULL)
		goto done;
	if (*isced && el(x, los, "iscedCode", (const char *)isced) == NULL)
		goto done;
	if ((n = el(x, los, "specifies", NULL)) == NULL ||
	    (loi = el(x, n, "learningOpportunityInstance", NULL)) == NULL)
		goto done;
	if (*start && el(x, loi, "start", (const char *)start) == NULL)
		goto done;
	/* Finished: the award date when there is one, else the end. */
	if ((*awarded || *end) && el(x, loi, "date", *awarded ?
	    (const char *)awarded : (const char *)end) == NULL)
		goto done;
	/* "withdrawn" is neither passed nor failed: no status then. */
	if (*st == '\0' || strcmp((const char *)st, "completed") == 0)
		status = "passed";
	else if (strcmp((const char *)st, "enrolled") == 0)
		status = "in-progress";
	if (status && el(x, loi, "status", status) == NULL)
		goto done;
	/* No credits here: ECTS credits are on the courses, and ELMO
	 * forbids giving them again on an ancestor. */
	if (q && (error = levels(x, loi, q)) < 0)
		goto done;
	error = SETARA_ENOMEM;
	if (q) {
		xmlNodePtr ext = el(x, loi, "extension", NULL);

		if (ext == NULL ||
		    xmlAddChild(ext, xmlDocCopyNode(q, x->out, 1)) == NULL)
			goto done;
	}
	for (term = setara__xml_child(x->src, SETARA_NS_DOC, "term"); term;
	    term = setara__xml_next(term, SETARA_NS_DOC, "term"))
		for (c = setara__xml_child(term, SETARA_NS_DOC, "course"); c;
		    c = setara__xml_next(c, SETARA_NS_DOC, "course"))
			if ((error = course(x, los, term, c)) < 0)
				goto done;
	error = 0;
done:
	xmlFree(code);
	xmlFree(isced);
	xmlFree(start);
	xmlFree(end);
	xmlFree(st);
	xmlFree(awarded);
	setara__free(title);
	return error;
}

/* ---- grading schemes, attachment, source ------------------------------- */

static int grading_schemes(elmo_ctx *x, xmlNodePtr report)
{
	xmlNodePtr g;
	char *d = setara__asprintf("The issuer's grade scale, setara grade "
		"scale id '%s'.  Result labels are the grades as the issuer "
		"awards them; the transcript's converted grades are in the "
		"course extensions (urn:setara:doc:1).", x->grade_scale);
	int error = SETARA_ENOMEM;

	if (d == NULL || (g = el(x, report, "gradingScheme", NULL)) == NULL ||
	    attr(g, "localId", x->grade_scale) < 0 ||
	    el(x, g, "description", d) == NULL)
		goto done;
	error = 0;
done:
	setara__free(d);
	return error;
}

/* The document's HTML page, as ELMO's human-readable attachment. */
static int attachment(elmo_ctx *x, xmlNodePtr report, const char *data,
	size_t len, const char *title, const char *type)
{
	setara_render_options ro = SETARA_RENDER_OPTIONS_INIT;
	setara_buf html = SETARA_BUF_INIT, b64 = SETARA_BUF_INIT,
		uri = SETARA_BUF_INIT;
	xmlNodePtr a;
	int error;

	ro.store = x->opts->store;
	if ((error = setara_cred_render(&html, NULL, data, len, x->name,
	    &ro)) < 0 ||
	    (error = setara__base64(&b64, (const unsigned char *)html.ptr,
	    html.size, 0)) < 0 ||
	    (error = setara_buf_puts(&uri, "data:text/html;base64,")) < 0 ||
	    (error = setara_buf_put(&uri, b64.ptr, b64.size)) < 0)
		goto done;
	error = SETARA_ENOMEM;
	if ((a = el(x, report, "attachment", NULL)) == NULL ||
	    el(x, a, "title", title) == NULL ||
	    el(x, a, "type", type) == NULL ||
	    el(x, a, "content", uri.ptr) == NULL)
		goto done;
	error = 0;
done:
	setara_buf_dispose(&html);
	setara_buf_dispose(&b64);
	setara_buf_dispose(&uri);
	return error;
}

/* elmo/extension: which signed document this was made from. */
static int source(elmo_ctx *x, xmlNodePtr elmo, const char *data,
	size_t len, const char *type)
{
	xmlNodePtr ext, s;
	char *id = text_of(x->src, "id");
	char sha[65];
	int error;

	if ((error = setara__sha256_hex(sha, data, len)) < 0)
		goto done;
	error = SETARA_ENOMEM;
	if ((ext = el(x, elmo, "extension", NULL)) == NULL ||
	    (s = xmlNewChild(ext, x->setara, (const xmlChar *)"source",
	    NULL)) == NULL ||
	    attr(s, "document", id ? id : "") < 0 ||
	    attr(s, "type", type) < 0 ||
	    attr(s, "sha256", sha) < 0 ||
	    attr(s, "generator", "setara " SETARA_VERSION) < 0)
		goto done;
	error = 0;
done:
	setara__free(id);
	return error;
}

/* ---- a transfer decision (v2): results of recognition ------------------ */


static int inst_cb(const setara_catalog_entry *e, void *payload)
{
	elmo_inst *r = payload;

	if (strcmp(e->kind, "institution") != 0)
		return 0;
	if (strcmp(e->id, r->partner) == 0 &&
	    ((e->name && (r->partner_name = setara__strdup(e->name)) ==
	    NULL) || (e->country && (r->partner_country =
	    setara__strdup(e->country)) == NULL)))
		return SETARA_ENOMEM;
	if (strcmp(e->id, r->host) == 0 && e->detail &&
	    (r->host_system = setara__strdup(e->detail)) == NULL)
		return SETARA_ENOMEM;
	return 0;
}

/* 1 when @s is a decimal ELMO's credit value takes (xs:decimal, no
 * sign): not a fraction such as "10/3". */
static int is_decimal(const char *s)
{
	size_t n = strspn(s, "0123456789");

	if (n == 0)
		return 0;
	if (s[n] == '.')
		return s[n + 1] && strspn(s + n + 1, "0123456789") ==
			strlen(s + n + 1);
	return s[n] == '\0';
}

/* 1 when the course @c has a code (read in place: no allocation that
 * could fail and pass for an absent code). */
static int has_code(xmlNodePtr c)
{
	xmlAttrPtr a = xmlHasProp(c, (const xmlChar *)"code");

	return a && a->children && a->children->content &&
		*a->children->content;
}

/*
 * The text of @n's child @local into *out: NULL when there is no such
 * child, SETARA_ENOMEM when there is one and it cannot be copied.
 */
static int opt_text(char **out, xmlNodePtr n, const char *local)
{
	*out = text_of(n, local);
	return *out == NULL && setara__xml_child(n, SETARA_NS_DOC, local) ?
		SETARA_ENOMEM : 0;
}

/*
 * One course of a decision's item (@c: its from or to element) as an
 * ELMO learning opportunity under @parent: code, title, and on its
 * instance the grade (on @scale) and @credits in @scheme when given, and
 * the item itself (@item, copied) when @ext.  @n counts the items for
 * messages.
 */
static int dec_course(elmo_ctx *x, xmlNodePtr parent, xmlNodePtr c,
	const char *scale, const char *scheme, const char *credits,
	xmlNodePtr item, int n)
{
	xmlNodePtr los, loi, e;
	xmlChar *code = prop(c, "code"), *grade = prop(c, "grade");
	char *title = NULL;
	int line = (int)xmlGetLineNo(c), error;
	const char *side = (const char *)c->name;

	if ((error = opt_text(&title, c, "title")) < 0 || code == NULL ||
	    grade == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	if (*code == '\0' || title == NULL) {
		/* ELMO 2 requires an identifier and a title of every
		 * learning opportunity; none is made up. */
		error = setara_error__data(x->name, line, *code ? "title" :
			"code", "item %d: its '%s' course has no %s, which "
			"ELMO 2 requires of every learning opportunity", n,
			side, *code ? "title" : "code");
		goto done;
	}
	if (credits && !is_decimal(credits)) {
		error = setara_error__data(x->name, line, "credits",
			"item %d: %s credits '%s' have no decimal form, which "
			"ELMO's credit value requires", n, side, credits);
		goto done;
	}
	error = SETARA_ENOMEM;
	if ((los = el(x, parent, "learningOpportunitySpecification",
	    NULL)) == NULL ||
	    (e = el(x, los, "identifier", (const char *)code)) == NULL ||
	    attr(e, "type", "local") < 0 ||
	    el(x, los, "title", title) == NULL ||
	    el(x, los, "type", "Course") == NULL ||
	    (e = el(x, los, "specifies", NULL)) == NULL ||
	    (loi = el(x, e, "learningOpportunityInstance", NULL)) == NULL)
		goto done;
	if (*grade && scale && (el(x, loi, "gradingSchemeLocalId", scale) ==
	    NULL || el(x, loi, "resultLabel", (const char *)grade) == NULL))
		goto done;
	if (credits && ((e = el(x, loi, "credit", NULL)) == NULL ||
	    el(x, e, "scheme", scheme) == NULL ||
	    el(x, e, "value", credits) == NULL))
		goto done;
	if (item && ((e = el(x, loi, "extension", NULL)) == NULL ||
	    xmlAddChild(e, xmlDocCopyNode(item, x->out, 1)) == NULL))
		goto done;
	error = 0;
done:
	xmlFree(code);
	xmlFree(grade);
	setara__free(title);
	return error;
}

/* ELMO's outcome of an item's status. */
static const char *recognition_status(const char *st)
{
	if (strcmp(st, "granted") == 0)
		return "Positive";
	if (strcmp(st, "partial") == 0)
		return "Partially Positive";
	if (strcmp(st, "refused") == 0)
		return "Negative";
	return NULL;
}

/* The course codes of @item's @side ("from" or "to") as mapping refs. */
static int mapping_refs(elmo_ctx *x, xmlNodePtr mapping, xmlNodePtr item,
	const char *side)
{
	xmlNodePtr m = NULL, c;
	xmlChar *code;
	int error = 0;

	for (c = setara__xml_child(item, SETARA_NS_DOC, side); c &&
	    error == 0; c = setara__xml_next(c, SETARA_NS_DOC, side)) {
		if (!has_code(c))
			continue;
		if (m == NULL && (m = el(x, mapping, strcmp(side, "from") ?
		    "toMapping" : "fromMapping", NULL)) == NULL)
			return SETARA_ENOMEM;
		code = prop(c, "code");
		if (code == NULL || el(x, m, "ref", (const char *)code) ==
		    NULL)
			error = SETARA_ENOMEM;
		xmlFree(code);
	}
	return error;
}

/*
 * One item of the decision as a resultOfRecognition: its outcome, the
 * decision date, the reason as description; the source courses as a
 * recognition report of the partner (grade and credits as the record
 * gives them); the host courses as the recognition result (the credits
 * granted on it when it is the only one); and the mapping.  The item
 * itself, with its converted credits and trace, is copied into the
 * extension of its first course.
 */
static int recognition(elmo_ctx *x, xmlNodePtr report, xmlNodePtr item,
	int n, const char *evaluated)
{
	const elmo_inst *in = &x->inst;
	xmlNodePtr r, b, rr, c, cr, res, copy = item;
	xmlChar *st = prop(item, "status"), *granted = NULL;
	char *reason = NULL, *desc = NULL;
	const char *status = st ? recognition_status((const char *)st) : NULL;
	int nto = 0, error;

	if ((error = opt_text(&reason, item, "reason")) < 0 || st == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	if (status == NULL) {
		error = setara_error__data(x->name, (int)xmlGetLineNo(item),
			"status", "item %d: no outcome ELMO knows: '%s'", n,
			(const char *)st);
		goto done;
	}
	error = SETARA_ENOMEM;
	if ((r = el(x, report, "resultOfRecognition", NULL)) == NULL ||
	    (reason && el(x, r, "description", reason) == NULL) ||
	    el(x, r, "status", status) == NULL ||
	    el(x, r, "decisionDate", evaluated) == NULL)
		goto done;
	if ((b = el(x, r, "recognitionBasis", NULL)) == NULL ||
	    (rr = el(x, b, "recognitionReport", NULL)) == NULL ||
	    (error = issuer_el(x, rr, in->partner_country ?
	    in->partner_country : "", in->partner, "", in->partner_name,
	    NULL)) < 0)
		goto done;
	for (c = setara__xml_child(item, SETARA_NS_DOC, "from"); c;
	    c = setara__xml_next(c, SETARA_NS_DOC, "from")) {
		xmlChar *cred = xmlGetProp(c, (const xmlChar *)"credits");

		if (cred == NULL && xmlHasProp(c, (const xmlChar *)"credits")) {
			error = SETARA_ENOMEM;
			goto done;
		}
		error = dec_course(x, rr, c, x->grade_scale, x->credit_system,
			(const char *)cred, copy, n);
		xmlFree(cred);
		if (error < 0)
			goto done;
		copy = NULL;
	}
	error = SETARA_ENOMEM;
	if (el(x, rr, "issueDate", x->issued) == NULL ||
	    (c = el(x, rr, "gradingScheme", NULL)) == NULL ||
	    attr(c, "localId", x->grade_scale) < 0 ||
	    (desc = setara__asprintf("The partner's grade scale, setara "
	    "grade scale id '%s': the grades as the record evaluated gives "
	    "them.", x->grade_scale)) == NULL ||
	    el(x, c, "description", desc) == NULL)
		goto done;
	/* A "to" without a code is an area of the host programme (block
	 * credit), not a course: no learning opportunity is written for
	 * it; the item in the extension keeps it. */
	for (c = setara__xml_child(item, SETARA_NS_DOC, "to"); c;
	    c = setara__xml_next(c, SETARA_NS_DOC, "to"))
		nto += has_code(c);
	cr = setara__xml_child(item, SETARA_NS_DOC, "credits");
	if ((granted = prop(cr, "granted")) == NULL)
		goto done;
	for (c = setara__xml_child(item, SETARA_NS_DOC, "to"); c;
	    c = setara__xml_next(c, SETARA_NS_DOC, "to")) {
		if (!has_code(c))
			continue;
		/* The credits granted belong to the item: on a host course
		 * only when it is the item's only one. */
		const char *g = nto == 1 && *granted &&
			strcmp((const char *)granted, "0") != 0 ?
			(const char *)granted : NULL;

		if (g && in->host_system == NULL) {
			error = setara_error__data(x->name,
				(int)xmlGetLineNo(c), "creditSystem", "item "
				"%d: the host's credit system is not in the "
				"reference data, and ELMO's credit needs its "
				"scheme", n);
			goto done;
		}
		error = SETARA_ENOMEM;
		if ((res = el(x, r, "recognitionResult", NULL)) == NULL ||
		    (error = dec_course(x, res, c, NULL, in->host_system, g,
		    copy, n)) < 0)
			goto done;
		copy = NULL;
	}
	error = SETARA_ENOMEM;
	if ((c = el(x, r, "recognitionMapping", NULL)) == NULL ||
	    (c = el(x, c, "mapping", NULL)) == NULL ||
	    (error = mapping_refs(x, c, item, "from")) < 0 ||
	    (error = mapping_refs(x, c, item, "to")) < 0)
		goto done;
	error = 0;
done:
	xmlFree(st);
	xmlFree(granted);
	setara__free(reason);
	setara__free(desc);
	return error;
}

/* The decision's items, one resultOfRecognition each. */
static int decision_items(elmo_ctx *x, xmlNodePtr report)
{
	xmlNodePtr tr = setara__xml_child(x->src, SETARA_NS_DOC, "transfer");
	xmlNodePtr item;
	xmlChar *evaluated = prop(tr, "evaluated");
	int n = 0, error = evaluated ? 0 : SETARA_ENOMEM;

	for (item = setara__xml_child(tr, SETARA_NS_DOC, "item"); item &&
	    error == 0; item = setara__xml_next(item, SETARA_NS_DOC, "item"))
		error = recognition(x, report, item, ++n,
			(const char *)evaluated);
	xmlFree(evaluated);
	return error;
}

/*
 * What the reference data says of the decision's institutions (@tr: its
 * transfer element): the partner's name and country, the host's credit
 * system.  A partner it does not know is refused: ELMO's issuer of the
 * recognised courses needs a name, and none is made up.
 */
static int institutions(elmo_ctx *x, xmlNodePtr tr)
{
	elmo_inst *in = &x->inst;
	int error;

	if ((in->partner = setara__xml_attr(tr, "partner")) == NULL ||
	    (in->host = setara__xml_attr(tr, "host")) == NULL)
		return SETARA_ENOMEM;
	if ((error = setara_institutions(x->opts->store, inst_cb, in)) < 0)
		return error;
	if (in->partner_name == NULL)
		return setara_error__data(x->name, (int)xmlGetLineNo(tr),
			"partner", "the partner institution '%s' is not in the "
			"reference data, and ELMO's issuer of the recognised "
			"courses (recognitionReport/issuer/title) needs its "
			"name", in->partner);
	return 0;
}

/* ---- the document -------------------------------------------------------- */

/*
 * The new ELMO document in x->out, its elmo element in *elmo, with the
 * generation time (@now, filled) and the learner.
 */
static int head(xmlNodePtr *elmo, elmo_ctx *x, char now[21])
{
	if ((x->out = xmlNewDoc((const xmlChar *)"1.0")) == NULL ||
	    (*elmo = xmlNewDocNode(x->out, NULL, (const xmlChar *)"elmo",
	    NULL)) == NULL)
		return SETARA_ENOMEM;
	xmlDocSetRootElement(x->out, *elmo);
	if ((x->ns = xmlNewNs(*elmo, (const xmlChar *)SETARA_NS_ELMO,
	    NULL)) == NULL || (x->setara = xmlNewNs(*elmo,
	    (const xmlChar *)SETARA_NS_DOC, (const xmlChar *)"setara")) ==
	    NULL)
		return SETARA_ENOMEM;
	xmlSetNs(*elmo, x->ns);
	setara__time_format(now, setara__time_now());
	if (el(x, *elmo, "generatedDate", now) == NULL)
		return SETARA_ENOMEM;
	return learner(x, *elmo);
}

/*
 * The ELMO document of a transcript (its programme and courses) or of a
 * decision (@decision: its items as results of recognition).
 */
static int build(xmlDocPtr *out, elmo_ctx *x, const char *data, size_t len,
	int decision)
{
	xmlNodePtr tr = setara__xml_child(x->src, SETARA_NS_DOC, "transfer");
	xmlNodePtr elmo, report, from;
	xmlChar *csys = NULL;
	char now[21], *issued = NULL;
	int error = SETARA_ENOMEM;

	*out = NULL;
	/* Credits and grades: the programme's system and scale, or those
	 * of the record a decision evaluated. */
	from = decision ? setara__xml_child(tr, SETARA_NS_DOC, "record") :
		setara__xml_child(x->src, SETARA_NS_DOC, "programme");
	x->credit_system = (const char *)(csys = prop(from, "creditSystem"));
	if ((x->grade_scale = setara__xml_attr(from, "gradeScale")) == NULL)
		goto done;
	if (decision && (error = institutions(x, tr)) < 0)
		goto done;
	if ((error = head(&elmo, x, now)) < 0 ||
	    (error = opt_text(&issued, x->src, "issued")) < 0)
		goto done;
	x->issued = issued ? issued : now;
	error = SETARA_ENOMEM;
	if ((report = el(x, elmo, "report", NULL)) == NULL ||
	    (error = issuer(x, report)) < 0 ||
	    (error = (decision ? decision_items : programme)(x, report)) < 0)
		goto done;
	error = SETARA_ENOMEM;
	if (el(x, report, "issueDate", x->issued) == NULL ||
	    (!decision && (error = grading_schemes(x, report)) < 0) ||
	    (error = attachment(x, report, data, len, decision ?
	    "Transfer decision (HTML)" : "Transcript of Records (HTML)",
	    decision ? "Other" : "Transcript of Records")) < 0 ||
	    (error = source(x, elmo, data, len, decision ? "decision" :
	    "transcript")) < 0)
		goto done;
	*out = x->out;
	x->out = NULL;
	error = 0;
done:
	xmlFreeDoc(x->out);
	x->out = NULL;
	xmlFree(csys);
	xmlFree(x->grade_scale);
	x->grade_scale = NULL;
	setara__free(issued);
	x->issued = NULL;
	xmlFree(x->inst.partner);
	xmlFree(x->inst.host);
	setara__free(x->inst.partner_name);
	setara__free(x->inst.partner_country);
	setara__free(x->inst.host_system);
	memset(&x->inst, 0, sizeof(x->inst));
	return error;
}

int setara_cred_export_elmo(setara_buf *out, setara_verdict **verdict,
	const char *data, size_t len, const char *name,
	const setara_elmo_options *opts)
{
	const setara_cred__type *t = NULL;
	xmlDocPtr doc = NULL, elmo = NULL;
	xmlChar *mem = NULL;
	elmo_ctx x;
	int n = 0, v2, error;

	SETARA_ASSERT_ARG(out);
	SETARA_ASSERT_ARG(verdict);
	SETARA_ASSERT_ARG(data);
	SETARA_ASSERT_ARG(opts && (opts->version == 1 ||
		opts->version == SETARA_ELMO_OPTIONS_VERSION));
	/* Version 1 of the options has no elmo_version: ELMO 1.7. */
	SETARA_ASSERT_ARG(opts->version == 1 || opts->elmo_version == 1 ||
		opts->elmo_version == 2);
	SETARA_ASSERT_ARG(opts->verifier);
	SETARA_ASSERT_ARG(opts->store);
	*verdict = NULL;
	setara_buf_clear(out);
	if (name == NULL)
		name = "transcript";
	if ((error = setara_cred__doc_load(&doc, &t, data, len, name)) < 0)
		goto done;
	v2 = opts->version >= 2 && opts->elmo_version == 2;
	if (t->type == SETARA_DOC_DECISION && !v2) {
		error = setara_error__data(name, 0, t->name, "ELMO 1.7 has no "
			"results of recognition: a decision is exported with "
			"ELMO version 2");
		goto done;
	}
	if (t->type != SETARA_DOC_TRANSCRIPT &&
	    t->type != SETARA_DOC_DECISION) {
		error = setara_error__data(name, 0, t->name, "ELMO export "
			"takes a transcript or a decision, not a %s", t->name);
		goto done;
	}
	/* Verify the very bytes that are exported. */
	if ((error = setara_cred_verify_mem(verdict, opts->verifier, data,
	    len, name)) < 0)
		goto done;
	if (setara_verdict_result(*verdict) == SETARA_RESULT_INVALID)
		goto done; /* refused; the verdict says why */
	memset(&x, 0, sizeof(x));
	x.src = xmlDocGetRootElement(doc);
	x.name = name;
	x.opts = opts;
	x.v2 = v2;
	if ((error = build(&elmo, &x, data, len,
	    t->type == SETARA_DOC_DECISION)) < 0)
		goto done;
	/* Indented for people, then parsed back so that the signature
	 * covers the indented form exactly as it is written. */
	xmlDocDumpFormatMemoryEnc(elmo, &mem, &n, "UTF-8", 1);
	xmlFreeDoc(elmo);
	elmo = NULL;
	if (mem == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	if ((error = setara__xml_parse_mem(&elmo, (const char *)mem,
	    (size_t)n, name)) < 0)
		goto done;
	xmlFree(mem);
	mem = NULL;
	if (opts->signer && (error = setara_cred_sign(elmo, opts->signer)) <
	    0)
		goto done;
	xmlDocDumpMemoryEnc(elmo, &mem, &n, "UTF-8");
	if (mem == NULL) {
		error = SETARA_ENOMEM;
		goto done;
	}
	error = setara_buf_put(out, (const char *)mem, (size_t)n);
done:
	if (error < 0) {
		setara_buf_clear(out);
		setara_verdict_free(*verdict);
		*verdict = NULL;
	}
	xmlFree(mem);
	xmlFreeDoc(elmo);
	xmlFreeDoc(doc);
	return error;
}
