/*
 * The confidence every fact of the reference data carries (conventions:
 * "high", "medium", "low"), read and written in one place for qf, credit
 * and mrs.
 */
#include "util.h"

static const char *const names[] = {
	[SETARA_CONFIDENCE_UNKNOWN] = "unknown",
	[SETARA_CONFIDENCE_LOW] = "low",
	[SETARA_CONFIDENCE_MEDIUM] = "medium",
	[SETARA_CONFIDENCE_HIGH] = "high"
};

setara_confidence setara__confidence(const char *s)
{
	return (setara_confidence)setara__name_find(names,
		SETARA_NAMES_COUNT(names), s, SETARA_CONFIDENCE_UNKNOWN);
}

const char *setara__confidence_name(setara_confidence c)
{
	return setara__name_of(names, SETARA_NAMES_COUNT(names), (int)c,
		"unknown");
}
