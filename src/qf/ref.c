/*
 * Level references ("ph-pqf:6") and a level's place in the AQRF.
 *
 * setara_qf__aqrf_range() is the one question the other components ask of
 * qf (a transcript's AQRF level, an MRS claim's level step): it answers
 * from the loaded referencing rows, with the mapping's confidence and
 * whether it is only indicative.  Unknown names are reported with the list
 * of valid ones, so that a user can correct a typo from the message alone.
 */
#include <stdio.h>
#include <string.h>

#include "qf_int.h"

const char *setara_confidence_name(setara_confidence c)
{
	return setara__confidence_name(c);
}

static const char *const status_names[] = {
	[SETARA_QF_STATUS_NONE] = "none",
	[SETARA_QF_STATUS_UNDER_REVIEW] = "under-review",
	[SETARA_QF_STATUS_ENDORSED] = "endorsed",
	[SETARA_QF_STATUS_REFERENCE] = "reference"
};

setara_qf_status setara_qf__status(const char *s)
{
	/* Every stage short of endorsement (docs/data-frameworks.md). */
	if (s && (strcmp(s, "in-progress") == 0 ||
	    strcmp(s, "submitted") == 0 || strcmp(s, "peer-reviewed") == 0))
		return SETARA_QF_STATUS_UNDER_REVIEW;
	return (setara_qf_status)setara__name_find(status_names,
		SETARA_NAMES_COUNT(status_names), s, SETARA_QF_STATUS_NONE);
}

const char *setara_qf_status_name(setara_qf_status s)
{
	return setara__name_of(status_names, SETARA_NAMES_COUNT(status_names),
		(int)s, "none");
}

static const char *const table_names[] = {
	[SETARA_QF_TABLE_ASSUMED] = "assumed",
	[SETARA_QF_TABLE_SECONDARY] = "secondary",
	[SETARA_QF_TABLE_CONFIRMED] = "confirmed",
	[SETARA_QF_TABLE_REFERENCE] = "reference"
};

setara_qf_table setara_qf__table(const char *s)
{
	return (setara_qf_table)setara__name_find(table_names,
		SETARA_NAMES_COUNT(table_names), s, SETARA_QF_TABLE_ASSUMED);
}

const char *setara_qf_table_name(setara_qf_table t)
{
	return setara__name_of(table_names, SETARA_NAMES_COUNT(table_names),
		(int)t, "assumed");
}

int setara_qf__link_unconfirmed(const setara_qf__link *l)
{
	return l->indicative || l->table < SETARA_QF_TABLE_CONFIRMED;
}

int setara_qf__parse_ref(char *fw, size_t fwsize, int *n, const char *ref)
{
	const char *colon, *p;
	size_t i, len;
	int v = 0, upper = 0, error;

	*n = 0;
	if (fwsize)
		*fw = '\0';
	if (ref == NULL || (colon = strchr(ref, ':')) == NULL ||
	    colon == ref || colon[1] == '\0')
		goto malformed;
	len = (size_t)(colon - ref);
	if (len >= fwsize)
		goto malformed;
	for (p = ref; p < colon; p++)
		if (*p >= 'A' && *p <= 'Z')
			upper = 1;
		else if (!((*p >= 'a' && *p <= 'z') || *p == '-' ||
		    (*p >= '0' && *p <= '9')))
			goto malformed;
	for (p = colon + 1; *p; p++) {
		if (*p < '0' || *p > '9' || v > 1000)
			goto malformed;
		v = v * 10 + (*p - '0');
	}
	if (v < 1)
		goto malformed;
	memcpy(fw, ref, len);
	fw[len] = '\0';
	if (upper) {
		/* Ids are lower case (DESIGN 2): name the reference meant. */
		for (i = 0; i < len; i++)
			if (fw[i] >= 'A' && fw[i] <= 'Z')
				fw[i] = (char)(fw[i] - 'A' + 'a');
		error = setara_error__set(SETARA_EINVALID, SETARA_ERROR_QF,
			NULL, 0, "level", "malformed level reference '%s': "
			"framework ids are lower case: use '%s:%d' "
			"(FRAMEWORK:LEVEL)", ref, fw, v);
		*fw = '\0';
		return error;
	}
	*n = v;
	return 0;
malformed:
	return setara_error__set(SETARA_EINVALID, SETARA_ERROR_QF, NULL, 0,
		"level", "malformed level reference '%s': expected "
		"FRAMEWORK:LEVEL with a level number from 1, e.g. ph-pqf:6",
		ref ? ref : "");
}

/* The loaded framework ids, comma-separated, into @b. */
static int list_frameworks(setara_store *st, setara_buf *b)
{
	static const char sql[] = "SELECT id FROM qf_framework ORDER BY id";
	sqlite3_stmt *s;
	int error, rc;

	if ((error = setara_store__stmt(st, &s, sql)) < 0)
		return error;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && error == 0) {
		if (b->size)
			error = setara_buf_puts(b, ", ");
		if (error == 0)
			error = setara_buf_puts(b,
				setara_store__col_text(s, 0));
	}
	if (error == 0 && rc != SQLITE_DONE)
		error = setara_store__error(st, "qf_framework");
	sqlite3_reset(s);
	return error;
}

int setara_qf__check_level(setara_store *st, const char *fw, int n,
	int *nlevels)
{
	static const char sql[] =
		"SELECT nlevels FROM qf_framework WHERE id = ?";
	setara_buf b = SETARA_BUF_INIT;
	sqlite3_stmt *s;
	int error, rc, count = 0;

	if (nlevels)
		*nlevels = 0;
	if ((error = setara_store__prepare(st, &s, sql, "s", fw)) < 0)
		return error;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		count = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return setara_store__error(st, "qf_framework");
	if (rc == SQLITE_DONE) {
		if ((error = list_frameworks(st, &b)) == 0)
			error = setara_error__set(SETARA_ENOTFOUND,
				SETARA_ERROR_QF, NULL, 0, "framework",
				"unknown framework '%s'; valid frameworks: %s",
				fw, b.size ? b.ptr :
				"none (the store holds no frameworks: "
				"run setara init)");
		setara_buf_dispose(&b);
		return error;
	}
	if (nlevels)
		*nlevels = count;
	if (n > count || n < 0)
		return setara_error__set(SETARA_ENOTFOUND, SETARA_ERROR_QF,
			NULL, 0, "level", "%s has no level %d; valid levels: "
			"%s:1 to %s:%d", fw, n, fw, fw, count);
	return 0;
}

int setara_qf__aqrf_range(setara_store *st, const char *ref, int *min,
	int *max, setara_confidence *conf, int *indicative)
{
	setara_qf__link l;
	int error = setara_qf__aqrf_link(st, ref, &l);

	*min = l.min;
	*max = l.max;
	if (conf)
		*conf = l.conf;
	if (indicative)
		*indicative = l.indicative;
	return error;
}

int setara_qf__aqrf_link(setara_store *st, const char *ref,
	setara_qf__link *out)
{
	/* One query for the common case; the error paths ask again. */
	static const char sql[] =
		"SELECT f.nlevels, m.min, m.max, m.confidence, r.indicative,"
		"  m.level_table, r.status, r.meeting"
		" FROM qf_framework f"
		" LEFT JOIN qf_map m ON m.framework = f.id"
		"  AND m.target = 'aqrf' AND m.level = ?2"
		" LEFT JOIN qf_referencing r"
		"  ON r.framework = f.id AND r.target = 'aqrf'"
		" WHERE f.id = ?1";
	sqlite3_stmt *s;
	char fw[64];
	const char *t;
	int error, n, rc, nlevels = 0;

	memset(out, 0, sizeof(*out));
	out->conf = SETARA_CONFIDENCE_UNKNOWN;
	out->table = SETARA_QF_TABLE_ASSUMED;
	snprintf(out->report, sizeof(out->report), "none");
	SETARA_ASSERT_ARG(st);
	if ((error = setara_qf__parse_ref(fw, sizeof(fw), &n, ref)) < 0)
		return error;
	if ((error = setara_store__prepare(st, &s, sql, "si", fw, n)) < 0)
		return error;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		nlevels = sqlite3_column_int(s, 0);
		if ((t = setara_store__col_text(s, 6)) != NULL)
			snprintf(out->report, sizeof(out->report), "%s", t);
		if ((t = setara_store__col_text(s, 7)) != NULL)
			snprintf(out->meeting, sizeof(out->meeting), "%s", t);
		if (sqlite3_column_type(s, 1) != SQLITE_NULL) {
			out->min = sqlite3_column_int(s, 1);
			out->max = sqlite3_column_int(s, 2);
			out->conf = setara__confidence(
				setara_store__col_text(s, 3));
			out->indicative = sqlite3_column_int(s, 4) != 0;
			out->table = setara_qf__table(
				setara_store__col_text(s, 5));
		}
	} else if (rc != SQLITE_DONE) {
		error = setara_store__error(st, "qf_map");
	}
	sqlite3_reset(s);
	if (error < 0)
		return error;
	if (rc != SQLITE_ROW || n > nlevels)
		return setara_qf__check_level(st, fw, n, NULL);
	if (strcmp(fw, SETARA_QF_AQRF) == 0) {
		out->min = out->max = n;
		out->conf = SETARA_CONFIDENCE_HIGH;
		out->table = SETARA_QF_TABLE_REFERENCE;
		snprintf(out->report, sizeof(out->report), "reference");
	}
	return 0;
}

int setara_qf__source_text(setara_store *st, setara_buf *out,
	const char *fw, const char *keys)
{
	static const char sql[] =
		"SELECT text FROM qf_source WHERE framework = ? AND key = ?";
	sqlite3_stmt *s;
	const char *p = keys, *e;
	char key[40];
	int error = 0, first = 1;

	while (p && *p && error == 0) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e && *e != ' '; e++)
			;
		snprintf(key, sizeof(key), "%.*s", (int)(e - p), p);
		p = e;
		if ((error = setara_store__prepare(st, &s, sql, "ss", fw,
		    key)) < 0)
			break;
		if (sqlite3_step(s) == SQLITE_ROW)
			error = setara_buf_printf(out, "%s%s: %s",
				first ? "" : "; ", key,
				setara_store__col_text(s, 0));
		else
			error = setara_buf_printf(out, "%s%s",
				first ? "" : "; ", key);
		sqlite3_reset(s);
		first = 0;
	}
	return error;
}
