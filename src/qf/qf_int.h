/*
 * The qf component's private interface: shared by the files of src/qf and
 * called by the other components (credit, cred, mrs) that need a level's
 * place in the AQRF.  Not a public header.
 *
 * Files: qf_store.c (tables, loader, cross-file checks), ref.c (level
 * references, AQRF ranges), level.c (level map and compare, public),
 * framework.c (framework listing and details, public).
 */
#ifndef SETARA_QF_INT_H
#define SETARA_QF_INT_H

#include "setara/qf.h"
#include "store/store_int.h"

/* The id of the reference framework every national level is mapped to. */
#define SETARA_QF_AQRF "aqrf"

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

/* "confirmed", "secondary", "assumed", "reference" to the enum. */
setara_qf_table setara_qf__table(const char *s);

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

/* "high", "medium", "low" to setara_confidence, and back. */
setara_confidence setara_qf__confidence(const char *s);
const char *setara_qf__confidence_name(setara_confidence c);

/* "endorsed", "under-review", "none", "reference". */
setara_qf_status setara_qf__status(const char *s);

/*
 * The source keys @keys ("PH2 MY1") of framework @fw with their texts,
 * "PH2: tesda.gov.ph/...; MY1: ...", into @out (appended).
 */
int setara_qf__source_text(setara_store *st, setara_buf *out,
	const char *fw, const char *keys);

#endif
