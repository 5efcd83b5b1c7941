/*
 * A verdict in JSON: its result and every check with its status and
 * reason (docs/json.md), the one writer behind verify --json, render
 * --json, export --json and the service's POST /verify.  (An MRS decision writes the checks it kept
 * of its credential's verdict itself: mrs/decision.c.)
 */
#include "cred_int.h"

void setara_cred__verdict_json(setara__json *j, const setara_verdict *v)
{
	const char *reason;
	int k;

	setara__json_str(j, "result",
		setara_cred_result_name(setara_verdict_result(v)));
	setara__json_arr_open(j, "checks");
	for (k = 0; k < SETARA_CHECK_COUNT; k++) {
		setara_check_status st = setara_verdict_check(v,
			(setara_check)k, &reason);

		setara__json_obj_open(j, NULL);
		setara__json_str(j, "check",
			setara_cred_check_name((setara_check)k));
		setara__json_str(j, "status",
			setara_cred_check_status_name(st));
		setara__json_str(j, "reason", reason ? reason : "");
		setara__json_obj_close(j);
	}
	setara__json_arr_close(j);
}

void setara_cred__verdict_report_members(setara__json *j,
	const setara_verdict *v)
{
	const char *s;

	setara__json_int(j, "version", 1);
	setara__json_str(j, "file", setara_verdict_file(v));
#define STR_OR_NULL(key, val) \
	do { \
		if ((s = (val)) != NULL) \
			setara__json_str(j, key, s); \
		else \
			setara__json_null(j, key); \
	} while (0)
	STR_OR_NULL("id", setara_verdict_id(v));
	STR_OR_NULL("type", setara_verdict_type(v));
	STR_OR_NULL("issuer", setara_verdict_issuer(v));
#undef STR_OR_NULL
	setara_cred__verdict_json(j, v);
}

void setara_cred__verdict_report_json(setara__json *j,
	const setara_verdict *v)
{
	setara__json_obj_open(j, NULL);
	setara_cred__verdict_report_members(j, v);
	setara__json_obj_close(j);
}
