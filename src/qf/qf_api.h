/*
 * The qf component's interface for the components above it (credit, cred,
 * mrs): a level's place in the AQRF, and level references.  Not a public
 * header; the files of src/qf include qf_int.h, which adds the rest.
 */
#ifndef SETARA_QF_API_H
#define SETARA_QF_API_H

#include "setara/qf.h"
#include "store/store_api.h"

/*
 * The AQRF range of a level reference such as "ph-pqf:6".
 *
 * Returns 0 and sets *min..*max to the AQRF levels the level maps to
 * (min = max for a one-to-one link; for "aqrf:N" itself, N..N with
 * confidence high).  When the level exists but has no AQRF mapping at all
 * (Singapore's WSQ, Lao NVQF, Myanmar NSSA), *min = *max = 0 and *conf is
 * SETARA_CONFIDENCE_UNKNOWN.  *conf is the mapping's confidence,
 * *indicative is 1 when the link is not an official referencing outcome
 * (say so to the user).  Any of @conf and @indicative may be NULL.
 *
 * Errors: SETARA_EINVALID for a malformed reference; SETARA_ENOTFOUND for
 * an unknown framework or level (the message names it and lists the valid
 * ones); SETARA_ESTORE.
 */
int setara_qf__aqrf_range(setara_store *st, const char *ref, int *min,
	int *max, setara_confidence *conf, int *indicative);

/*
 * A level's link to the AQRF, with both facts of its referencing: the
 * report's status (as the data say it) and the level table's.  Filled as
 * setara_qf__aqrf_range() fills its outputs; for "aqrf:N" the table is
 * SETARA_QF_TABLE_REFERENCE, for a level with no link ASSUMED.
 * @report and @meeting are copied into the struct (a meeting name longer
 * than the buffer is cut), so the struct owns no memory.
 */
typedef struct setara_qf__link {
	int min, max;
	setara_confidence conf;
	int indicative;          /* the referencing is not an outcome */
	setara_qf_table table;   /* the level table's status */
	char report[24];         /* none, in-progress, ..., endorsed */
	char meeting[96];        /* or empty */
} setara_qf__link;

int setara_qf__aqrf_link(setara_store *st, const char *ref,
	setara_qf__link *out);

/*
 * 1 when a decision resting on @l is indicative: the referencing is not
 * an outcome, or the level table was not confirmed.
 */
int setara_qf__link_unconfirmed(const setara_qf__link *l);

/*
 * Split "fw:n" into @fw (at most @fwsize bytes with the NUL) and @n.
 * SETARA_EINVALID when malformed (no framework, no level, not a number).
 */
int setara_qf__parse_ref(char *fw, size_t fwsize, int *n, const char *ref);

/*
 * Check that framework @fw exists and, when @n > 0, that it has level @n.
 * Sets *nlevels to the framework's level count when not NULL.
 * SETARA_ENOTFOUND naming the valid frameworks or levels otherwise.
 */
int setara_qf__check_level(setara_store *st, const char *fw, int n,
	int *nlevels);

/* The qf tables and reference-data loader (qf_store.c). */
extern const setara_store__component setara_qf__component;

#endif
