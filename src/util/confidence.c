/*
 * The confidence every fact of the reference data carries (conventions:
 * "high", "medium", "low"), read and written in one place for qf, credit
 * and mrs.
 */
#include <string.h>

#include "util.h"

setara_confidence setara__confidence(const char *s)
{
	if (s == NULL)
		return SETARA_CONFIDENCE_UNKNOWN;
	if (strcmp(s, "high") == 0)
		return SETARA_CONFIDENCE_HIGH;
	if (strcmp(s, "medium") == 0)
		return SETARA_CONFIDENCE_MEDIUM;
	if (strcmp(s, "low") == 0)
		return SETARA_CONFIDENCE_LOW;
	return SETARA_CONFIDENCE_UNKNOWN;
}

const char *setara__confidence_name(setara_confidence c)
{
	switch (c) {
	case SETARA_CONFIDENCE_HIGH: return "high";
	case SETARA_CONFIDENCE_MEDIUM: return "medium";
	case SETARA_CONFIDENCE_LOW: return "low";
	default: return "unknown";
	}
}
