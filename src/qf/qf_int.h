/*
 * The qf component's private header, for the files of src/qf; what the
 * other components call is in qf_api.h, included here.
 *
 * Files: qf_store.c (tables, loader, cross-file checks), ref.c (level
 * references, AQRF ranges), level.c (level map and compare, public),
 * framework.c (framework listing and details, public).
 */
#ifndef SETARA_QF_INT_H
#define SETARA_QF_INT_H

#include "qf_api.h"

/* The id of the reference framework every national level is mapped to. */
#define SETARA_QF_AQRF "aqrf"

/* "confirmed", "secondary", "assumed", "reference" to the enum. */
setara_qf_table setara_qf__table(const char *s);

/* "endorsed", "under-review", "none", "reference". */
setara_qf_status setara_qf__status(const char *s);

/*
 * The source keys @keys ("PH2 MY1") of framework @fw with their texts,
 * "PH2: tesda.gov.ph/...; MY1: ...", into @out (appended).
 */
int setara_qf__source_text(setara_store *st, setara_buf *out,
	const char *fw, const char *keys);

#endif
