/*
 * setara: qualification frameworks, their levels, their referencing to the
 * ASEAN Qualifications Reference Framework (AQRF), level maps and level
 * comparisons.
 *
 * Levels are named "FRAMEWORK:LEVEL" ("ph-pqf:6", "aqrf:6", "id-kkni:9").
 * Every answer carries its trace: the data file and line of each mapping
 * used, the referencing status, its date and edition, its sources and its
 * confidence, and whether the link is only indicative (not an official
 * referencing outcome).  All strings returned by getters are borrowed from
 * the object they come from and valid until it is freed.
 *
 * Thread-safety: the calls read the store, whose handle is not
 * thread-safe (store.h).  A map, a comparison or a framework, once
 * returned, is only read by its getters: several threads may read one,
 * as long as none frees it meanwhile.
 */
#ifndef SETARA_QF_H
#define SETARA_QF_H

#include "common.h"
#include "store.h"

SETARA_BEGIN_DECL

/** Referencing status of a mapping, weakest first. */
typedef enum {
	SETARA_QF_STATUS_NONE = 0,      /**< not referenced */
	SETARA_QF_STATUS_UNDER_REVIEW,  /**< referencing in progress */
	SETARA_QF_STATUS_ENDORSED,      /**< referencing completed */
	SETARA_QF_STATUS_REFERENCE      /**< the AQRF itself: identity */
} setara_qf_status;

/**
 * "none", "under-review", "endorsed", "reference".  under-review stands for
 * every stage short of endorsement; the report's own stage (in-progress,
 * submitted, peer-reviewed) is the step's @c report.
 */
SETARA_EXTERN(const char *) setara_qf_status_name(setara_qf_status s);

/**
 * Where a level link comes from, apart from the report's status, weakest
 * first: assumed (inferred, e.g. 1:1 from equal level counts), secondary
 * (stated by a secondary source), confirmed (read in the endorsed report's
 * own level table), reference (the AQRF itself).  A link that is not
 * confirmed is not a referencing outcome level by level: a decision that
 * depends on it is indicative.
 */
typedef enum {
	SETARA_QF_TABLE_ASSUMED = 0,
	SETARA_QF_TABLE_SECONDARY,
	SETARA_QF_TABLE_CONFIRMED,
	SETARA_QF_TABLE_REFERENCE
} setara_qf_table;

/** "assumed", "secondary", "confirmed", "reference". */
SETARA_EXTERN(const char *) setara_qf_table_name(setara_qf_table t);

/** "high", "medium", "low", "unknown". */
SETARA_EXTERN(const char *) setara_confidence_name(setara_confidence c);

/** One step of a trace: one mapping row of one framework file. */
typedef struct setara_qf_step {
	const char *file;        /**< data file, relative to the data root */
	int line;                /**< line of the mapping in that file */
	const char *framework;   /**< framework whose referencing is used */
	const char *mapping;     /**< "ph-pqf:6 -> aqrf:6" */
	const char *status;      /**< setara_qf_status_name() of the step */
	const char *date;        /**< referencing date, or NULL */
	const char *edition;     /**< framework edition referenced, or NULL */
	const char *source;      /**< source keys, "PH2 PH3 MY1" */
	const char *source_text; /**< keys with their texts */
	const char *confidence;  /**< "high", "medium", "low" */
	int indicative;          /**< 1: not an official referencing outcome */
	const char *note;        /**< the mapping's note, or NULL */
	const char *report;      /**< the report's status as the data say
	                              it: none, in-progress, submitted,
	                              peer-reviewed, endorsed */
	const char *meeting;     /**< the meeting of that status, or NULL */
	const char *table;       /**< setara_qf_table_name() of the link */
} setara_qf_step;

/* ---- level map --------------------------------------------------------- */

/** The answer to a level map: opaque, freed with setara_qf_map_free(). */
typedef struct setara_qf_map setara_qf_map;

/**
 * Map a level to the AQRF, or to the comparable levels of another
 * framework (through the AQRF: the levels whose AQRF ranges overlap).
 *
 * An empty answer (no AQRF level known, nothing comparable) is a result,
 * not an error: setara_qf_map_count() is then 0.
 *
 * @param[out] out the answer; free it with setara_qf_map_free().
 * @param st a loaded store.
 * @param ref the level, "ph-pqf:6".
 * @param to the target framework id, or NULL for "aqrf".
 * @return 0, SETARA_EINVALID (malformed reference), SETARA_ENOTFOUND
 *         (unknown framework or level; the message lists the valid ones)
 *         or SETARA_ESTORE.
 */
SETARA_EXTERN(int) setara_qf_level_map(setara_qf_map **out,
	setara_store *st, const char *ref, const char *to);

/** Free a level map.  NULL-safe. */
SETARA_EXTERN(void) setara_qf_map_free(setara_qf_map *m);

/** The level mapped, "ph-pqf:6". */
SETARA_EXTERN(const char *) setara_qf_map_from(const setara_qf_map *m);
/** The target framework id, "aqrf" or "my-mqf". */
SETARA_EXTERN(const char *) setara_qf_map_target(const setara_qf_map *m);
/** Number of target levels (0: none known). */
SETARA_EXTERN(size_t) setara_qf_map_count(const setara_qf_map *m);
/** Target level @p i, "my-mqf:6"; NULL when out of range. */
SETARA_EXTERN(const char *) setara_qf_map_level(const setara_qf_map *m,
	size_t i);
/**
 * The AQRF range of the level mapped; both 0 when it has no AQRF level.
 */
SETARA_EXTERN(void) setara_qf_map_aqrf(const setara_qf_map *m, int *min,
	int *max);
/** The weakest referencing status of the steps used. */
SETARA_EXTERN(setara_qf_status) setara_qf_map_status(
	const setara_qf_map *m);
/** The weakest confidence of the steps used (UNKNOWN when none). */
SETARA_EXTERN(setara_confidence) setara_qf_map_confidence(
	const setara_qf_map *m);
/** 1 when any step is only indicative (not an official outcome). */
SETARA_EXTERN(int) setara_qf_map_indicative(const setara_qf_map *m);
/**
 * The weakest level-table status of the steps used (REFERENCE when the
 * answer used none, ASSUMED when nothing is known).
 */
SETARA_EXTERN(setara_qf_table) setara_qf_map_table(const setara_qf_map *m);
/** Number of trace steps. */
SETARA_EXTERN(size_t) setara_qf_map_trace_count(const setara_qf_map *m);
/** Trace step @p i, or NULL when out of range. */
SETARA_EXTERN(const setara_qf_step *) setara_qf_map_trace(
	const setara_qf_map *m, size_t i);
/**
 * A one-line explanation when the answer needs one ("no AQRF level is
 * known for sg-wsq:3", "several AQRF levels"), or NULL.
 */
SETARA_EXTERN(const char *) setara_qf_map_note(const setara_qf_map *m);

/* ---- level compare ----------------------------------------------------- */

/** The answer to a comparison of two levels through the AQRF. */
typedef struct setara_qf_comparison setara_qf_comparison;

/** Whether two levels are comparable. */
typedef enum {
	SETARA_QF_NOT_COMPARABLE = 0, /**< AQRF ranges do not overlap */
	SETARA_QF_COMPARABLE = 1,     /**< AQRF ranges overlap */
	SETARA_QF_UNKNOWN = 2         /**< a level has no AQRF level */
} setara_qf_comparable;

/**
 * Compare two levels through the AQRF: comparable when their AQRF ranges
 * overlap; the distance is the number of AQRF levels between the ranges
 * (0 when they overlap), positive when @p b is above @p a.
 *
 * @param[out] out the answer; free with setara_qf_comparison_free().
 * @return 0 or an error code as setara_qf_level_map().
 */
SETARA_EXTERN(int) setara_qf_level_compare(setara_qf_comparison **out,
	setara_store *st, const char *a, const char *b);
/** Free a comparison.  NULL-safe. */
SETARA_EXTERN(void) setara_qf_comparison_free(setara_qf_comparison *c);
/** Comparable, not comparable, or unknown. */
SETARA_EXTERN(setara_qf_comparable) setara_qf_comparison_result(
	const setara_qf_comparison *c);
/** Signed distance in AQRF levels (0 when comparable or unknown). */
SETARA_EXTERN(int) setara_qf_comparison_distance(
	const setara_qf_comparison *c);
/** The weaker of the two sides' confidences. */
SETARA_EXTERN(setara_confidence) setara_qf_comparison_confidence(
	const setara_qf_comparison *c);
/** 1 when either side's link is only indicative. */
SETARA_EXTERN(int) setara_qf_comparison_indicative(
	const setara_qf_comparison *c);
/** Side 0 (a) or 1 (b): its map to the AQRF, with its trace. */
SETARA_EXTERN(const setara_qf_map *) setara_qf_comparison_side(
	const setara_qf_comparison *c, int side);

/* ---- frameworks -------------------------------------------------------- */

/** A framework with its levels, qualifications and referencing. */
typedef struct setara_framework setara_framework;

/** The framework's own facts.  Strings borrowed; optional ones NULL. */
typedef struct setara_framework_info {
	const char *id;          /**< "ph-pqf" */
	const char *name;
	const char *acronym;
	const char *kind;        /**< reference, regional, national, sectoral */
	const char *country;     /**< ISO 3166 alpha-2, or NULL */
	const char *stage;       /**< in-force, draft, in-development */
	const char *basis;       /**< legal basis, or NULL */
	const char *notes;       /**< notes, one per line, or NULL */
	const char *source;      /**< source keys */
	const char *confidence;
	const char *file;        /**< data file */
	int levels;              /**< number of levels */
	const char *aqrf_status; /**< referencing to the AQRF, or NULL */
	int aqrf_indicative;
	const char *aqrf_table;  /**< its level table's status, or NULL */
} setara_framework_info;

/** A level of a framework. */
typedef struct setara_framework_level {
	int n;
	const char *title;
	const char *notes;       /**< or NULL */
	const char *source;
	const char *confidence;
	int aqrf_min, aqrf_max;  /**< 0, 0: no AQRF level known */
	const char *aqrf_confidence; /**< of the mapping, or NULL */
	const char *aqrf_note;   /**< the mapping's note, or NULL */
	int line;
	const char *aqrf_table;  /**< the link's table status, or NULL */
} setara_framework_level;

/** A descriptor summary, or a main qualification type, at a level. */
typedef struct setara_framework_entry {
	int level;
	const char *kind;        /**< domain (descriptor) or sector (tvet, ...) */
	const char *text;
	const char *from;        /**< first edition it holds in, or NULL */
	const char *until;       /**< last edition it holds in, or NULL */
	const char *source;
	const char *confidence;
} setara_framework_entry;

/** A referencing of the framework to another (the AQRF). */
typedef struct setara_framework_referencing {
	const char *target;
	const char *status;
	const char *date;        /**< or NULL */
	const char *edition;     /**< or NULL */
	int indicative;
	const char *source;
	const char *source_text;
	const char *confidence;
	const char *notes;       /**< one per line, or NULL */
	int maps;                /**< number of level links */
	int line;
	const char *meeting;     /**< meeting of the status, or NULL */
	const char *submitted;   /**< date submitted, or NULL */
	const char *table;       /**< the level table's status */
} setara_framework_referencing;

/** A dated edition, or a source the facts cite. */
typedef struct setara_framework_item {
	const char *id;          /**< edition id or source key */
	const char *date;        /**< editions: date; sources: href or NULL */
	const char *text;
} setara_framework_item;

/**
 * List the loaded frameworks, AQRF and EQF first, then by id; @p cb is
 * called once per framework and may return non-zero to stop (that value
 * is returned).
 */
SETARA_EXTERN(int) setara_qf_frameworks(setara_store *st,
	int (*cb)(const setara_framework_info *fw, void *payload),
	void *payload);

/**
 * Load one framework.
 * @param[out] out free with setara_framework_free().
 * @return 0, SETARA_ENOTFOUND (the message lists the valid ids) or
 *         SETARA_ESTORE.
 */
SETARA_EXTERN(int) setara_framework_get(setara_framework **out,
	setara_store *st, const char *id);
/** Free a framework.  NULL-safe. */
SETARA_EXTERN(void) setara_framework_free(setara_framework *fw);
SETARA_EXTERN(const setara_framework_info *) setara_framework_about(
	const setara_framework *fw);
/** Level @p n (1-based), or NULL. */
SETARA_EXTERN(const setara_framework_level *) setara_framework_level_get(
	const setara_framework *fw, int n);
SETARA_EXTERN(size_t) setara_framework_qualification_count(
	const setara_framework *fw);
SETARA_EXTERN(const setara_framework_entry *)
	setara_framework_qualification(const setara_framework *fw, size_t i);
SETARA_EXTERN(size_t) setara_framework_descriptor_count(
	const setara_framework *fw);
SETARA_EXTERN(const setara_framework_entry *) setara_framework_descriptor(
	const setara_framework *fw, size_t i);
SETARA_EXTERN(size_t) setara_framework_referencing_count(
	const setara_framework *fw);
SETARA_EXTERN(const setara_framework_referencing *)
	setara_framework_referencing_get(const setara_framework *fw, size_t i);
SETARA_EXTERN(size_t) setara_framework_edition_count(
	const setara_framework *fw);
SETARA_EXTERN(const setara_framework_item *) setara_framework_edition(
	const setara_framework *fw, size_t i);
SETARA_EXTERN(size_t) setara_framework_source_count(
	const setara_framework *fw);
SETARA_EXTERN(const setara_framework_item *) setara_framework_source(
	const setara_framework *fw, size_t i);

SETARA_END_DECL

#endif
