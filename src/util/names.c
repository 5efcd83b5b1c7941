/*
 * The names of an enumeration's values, kept in one table per
 * enumeration (indexed by the value) and read both ways here.
 */
#include <string.h>

#include "util.h"

int setara__name_find(const char *const *names, size_t n, const char *s,
	int dflt)
{
	size_t i;

	for (i = 0; s && i < n; i++)
		if (names[i] && strcmp(names[i], s) == 0)
			return (int)i;
	return dflt;
}

const char *setara__name_of(const char *const *names, size_t n, int k,
	const char *dflt)
{
	if (k < 0 || (size_t)k >= n || names[k] == NULL)
		return dflt;
	return names[k];
}
