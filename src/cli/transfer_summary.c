/*
 * setara transfer evaluate --summary: one line per decision (granted,
 * partial or refused; the credits granted; the record's courses and the
 * host's; the reason), then the totals.  The full trace stays the default
 * output (--explain).
 */
#include <string.h>

#include "cli.h"

/* "2110101+2110215" */
static void codes(const setara_transfer_course *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		printf("%s%s", i ? "+" : "", c[i].code ? c[i].code :
			c[i].area ? c[i].area : "-");
}

void cli_transfer_summary(const setara_transfer_decision *d,
	const char *record)
{
	const setara_transfer_totals *t = setara_transfer_decision_totals(d);
	size_t i, n = setara_transfer_decision_count(d);

	printf("transfer of %s into %s, programme %s, evaluated %s: %s\n",
		t->partner, t->host, t->programme, t->evaluated, record);
	for (i = 0; i < n; i++) {
		const setara_transfer_item *x =
			setara_transfer_decision_item(d, i);

		printf("  %-8s %6s  ", x->status == SETARA_TRANSFER_GRANTED ?
			"granted" : x->status == SETARA_TRANSFER_PARTIAL ?
			"partial" : "refused", x->credits_granted);
		codes(x->from, x->nfrom);
		if (x->nfrom == 1 && x->from[0].title)
			printf(" %s", x->from[0].title);
		if (x->nto) {
			printf(" -> ");
			codes(x->to, x->nto);
		} else if (x->area) {
			printf(" -> area %s", x->area);
		}
		if (x->reason)
			printf(": %s", x->reason);
		printf("\n");
	}
	cli_transfer_totals(t, "; ");
}

void cli_transfer_totals(const setara_transfer_totals *t, const char *sep)
{
	printf("totals: %s credits on the record (%s at the host), %s "
		"granted", t->credits_original, t->credits_converted,
		t->credits_granted);
	if (t->credits_granted_rounded)
		printf(" (%s after rounding %s)", t->credits_granted_rounded,
			t->rounding);
	printf("%s%u granted, %u partial, %u refused\n", sep, t->granted,
		t->partial, t->refused);
}
