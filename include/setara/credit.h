/*
 * setara: the credit component.
 *
 * Credit conversion between credit systems (by hours of learning, by
 * share of a full-time load as ACTS and UCTS do, or by an agreed ratio),
 * grade conversion between grade scales (by table, by grade
 * distributions, or linear), and the evaluation of a foreign academic
 * record against a host institution's course equivalences and transfer
 * policy, with the trace of every rule applied.
 *
 * All numbers cross this interface as exact decimal text ("7.5"), or as
 * a fraction ("10/3") when the value has no finite decimal expansion;
 * nothing is binary floating point.  Every fact used carries its sources
 * and confidence, or its status (sample data says so).
 *
 * Conversions and evaluations return 0 once they have run; a refusal is
 * a verdict in the result, not an error.  Unknown ids, grades not on a
 * scale, values nobody published and inconsistent data are errors:
 * SETARA_ENOTFOUND or SETARA_EINVALID with file, line and field.
 *
 * Thread-safety: conversions read the store, whose handle is not
 * thread-safe (store.h).  A rules object caches what evaluations look up
 * and reads the store: one per thread.  A result, a record and a decision
 * are only read by their getters: several threads may read one, as long
 * as none frees it meanwhile.
 */
#ifndef SETARA_CREDIT_H
#define SETARA_CREDIT_H

#include "common.h"
#include "buf.h"
#include "store.h"

SETARA_BEGIN_DECL

/* ---- credit conversion --------------------------------------------------- */

/** How credits are converted. */
typedef enum {
	SETARA_CREDIT_AUTO = 0, /**< by the systems' definitions */
	SETARA_CREDIT_HOURS,    /**< credits x source hours / target hours */
	SETARA_CREDIT_LOAD,     /**< credits x target load / source load */
	SETARA_CREDIT_RATIO     /**< credits x an agreed ratio */
} setara_credit_method;

/** Rounding of a converted value, a stated policy of the rule. */
typedef enum {
	SETARA_ROUNDING_NONE = 0, /**< keep the exact value */
	SETARA_ROUNDING_NEAREST,  /**< nearest step; halves away from zero */
	SETARA_ROUNDING_DOWN,     /**< down to a step */
	SETARA_ROUNDING_UP,       /**< up to a step */
	SETARA_ROUNDING_FAVOUR,   /**< in the student's favour */
	SETARA_ROUNDING_AGAINST   /**< grades: to the next worse grade */
} setara_rounding;

/** Options of setara_credit_convert(). */
typedef struct setara_credit_convert_options {
	int version;
	setara_credit_method method;
	/** hours: the kind of activity ("lecture"); NULL: lecture, and a
	 *  value stated for any activity */
	const char *activity;
	/** load: "year", "semester" or "trimester"; NULL: the first both
	 *  systems publish, in that order */
	const char *period;
	/** a transfer scheme to go through ("acts", "ucts"), or NULL */
	const char *via;
	/** RATIO: target credits per source credit ("1.5", "88/75") */
	const char *ratio;
	setara_rounding rounding;
	/** rounding step ("1", "0.5"); NULL: 1 */
	const char *step;
} setara_credit_convert_options;

#define SETARA_CREDIT_CONVERT_OPTIONS_VERSION 1
#define SETARA_CREDIT_CONVERT_OPTIONS_INIT \
	{ SETARA_CREDIT_CONVERT_OPTIONS_VERSION, SETARA_CREDIT_AUTO, NULL, \
	  NULL, NULL, NULL, SETARA_ROUNDING_NONE, NULL }

/** One reference value a conversion used, with where it comes from. */
typedef struct setara_credit_fact {
	const char *subject;   /**< system or scale id */
	const char *what;      /**< "hours per credit (lecture, contact)" */
	const char *value;     /**< exact value or range "25-30" */
	const char *source;    /**< source keys, or NULL */
	const char *sources;   /**< the sources' texts, or NULL */
	setara_confidence confidence; /**< UNKNOWN for sample data */
	const char *status;    /**< "sample", "official", ... or NULL */
	const char *file;      /**< the data file */
	int line;
} setara_credit_fact;

/** The result of setara_credit_convert().  All strings borrowed. */
typedef struct setara_credit_result {
	int version;
	const char *from, *to, *via;
	const char *amount;     /**< as given */
	const char *value;      /**< exact result (the low end of a range) */
	const char *value_max;  /**< high end when a definition is a range,
	                             else NULL */
	const char *rounded;    /**< after the rounding asked, or NULL */
	const char *method;     /**< "hours", "load", "ratio" */
	const char *basis;      /**< "total"/"contact" hours, or the period */
	setara_confidence confidence; /**< the lowest of the facts used */
	int sample;             /**< a fact used is sample data */
	size_t nsteps;
	const char *const *steps;      /**< the arithmetic, one line each */
	size_t nfacts;
	const setara_credit_fact *facts;
} setara_credit_result;

/**
 * Convert @p amount credits of system @p from into system @p to.
 *
 * @param[out] out the result; free with setara_credit_result_free().
 * @param opts NULL for the defaults.
 * @return 0; SETARA_ENOTFOUND for an unknown system; SETARA_EINVALID for
 *         a malformed amount, or when a value the method needs was never
 *         published (the message says which, quoting the data's gap).
 */
SETARA_EXTERN(int) setara_credit_convert(setara_credit_result **out,
	setara_store *st, const char *from, const char *to,
	const char *amount, const setara_credit_convert_options *opts);

/** Free a result.  NULL-safe. */
SETARA_EXTERN(void) setara_credit_result_free(setara_credit_result *r);

/* ---- grade conversion ---------------------------------------------------- */

typedef enum {
	SETARA_GRADE_AUTO = 0,     /**< table if one exists, else linear */
	SETARA_GRADE_TABLE,        /**< a fixed conversion table */
	SETARA_GRADE_DISTRIBUTION, /**< percentile bands of grading tables */
	SETARA_GRADE_LINEAR        /**< the modified Bavarian formula */
} setara_grade_method;

/** Which home grade a foreign band gives (fixed before mobility). */
typedef enum {
	SETARA_BAND_MIN = 0,     /**< the worst overlapping home grade */
	SETARA_BAND_AVG,         /**< the mean of the overlapping grades */
	SETARA_BAND_MAX,         /**< the best overlapping home grade */
	SETARA_BAND_MIDPOINT,    /**< the home band holding the midpoint */
	SETARA_BAND_MAX_OVERLAP  /**< the home band overlapping most */
} setara_band_policy;

typedef struct setara_grade_convert_options {
	int version;
	setara_grade_method method;
	setara_band_policy policy;
	/** to a valid grade: NEAREST (default), FAVOUR, AGAINST, or NONE
	 *  (numeric target scales: keep the exact value) */
	setara_rounding rounding;
	/** truncate the linear result to this many decimals first
	 *  (-1: no), as Passau does before rounding */
	int truncate;
	/** distribution: ISCED-F field of the grading tables, or NULL */
	const char *isced;
	/** table: the conversion's id, or NULL to find one */
	const char *table;
	/** distribution: the grading tables' ids, or NULL (found by scale
	 *  and field; a scale's reference distribution otherwise) */
	const char *from_table, *to_table;
	/** distribution (version 2): the institutions whose own grading
	 *  tables are used, or NULL (any table of the scale); an
	 *  institution with none gets a reference table, never another
	 *  institution's */
	const char *from_institution, *to_institution;
} setara_grade_convert_options;

#define SETARA_GRADE_CONVERT_OPTIONS_VERSION 2
#define SETARA_GRADE_CONVERT_OPTIONS_INIT \
	{ SETARA_GRADE_CONVERT_OPTIONS_VERSION, SETARA_GRADE_AUTO, \
	  SETARA_BAND_MIN, SETARA_ROUNDING_NEAREST, -1, NULL, NULL, NULL, \
	  NULL, NULL, NULL }

/** The result of setara_grade_convert().  All strings borrowed. */
typedef struct setara_grade_result {
	int version;
	const char *from, *to;
	const char *grade;       /**< the original grade, as given */
	int passed;              /**< the original grade is a pass */
	const char *converted;   /**< the grade on the target scale */
	const char *value;       /**< the exact number before snapping to a
	                              grade (linear, avg), or NULL */
	const char *method;      /**< "table", "distribution", "linear" */
	const char *policy;      /**< distribution: "min", ...; else NULL */
	setara_confidence confidence;
	int sample;
	size_t nsteps;
	const char *const *steps;
	size_t nfacts;
	const setara_credit_fact *facts;
} setara_grade_result;

/**
 * Convert @p grade of scale @p from into scale @p to.
 *
 * @param[out] out the result; free with setara_grade_result_free().
 * @return 0; SETARA_ENOTFOUND for an unknown scale, table or grading
 *         table; SETARA_EINVALID for a grade not on the scale or data the
 *         method cannot use (no grade points, an empty band).
 */
SETARA_EXTERN(int) setara_grade_convert(setara_grade_result **out,
	setara_store *st, const char *from, const char *to, const char *grade,
	const setara_grade_convert_options *opts);

/** Free a result.  NULL-safe. */
SETARA_EXTERN(void) setara_grade_result_free(setara_grade_result *r);

#define SETARA_GRADE_POINTS_BUFSIZE 80

/**
 * Is @p grade a grade of scale @p scale?  When @p points is not NULL it
 * receives the grade's points on a letter scale that states them (else
 * the empty string).
 *
 * @return 0; SETARA_ENOTFOUND for an unknown scale; SETARA_EINVALID for a
 *         grade not on the scale (the message lists the scale's grades).
 */
SETARA_EXTERN(int) setara_grade_find(setara_store *st, const char *scale,
	const char *grade, char points[SETARA_GRADE_POINTS_BUFSIZE]);

/* ---- transfer evaluation ------------------------------------------------- */

/** A host's transfer rules, loaded once for many evaluations. */
typedef struct setara_transfer_rules setara_transfer_rules;
/** A foreign academic record (record.xsd). */
typedef struct setara_record setara_record;
/** The decision on one record. */
typedef struct setara_transfer_decision setara_transfer_decision;

/**
 * Load the rules of host institution @p host for programme @p programme
 * (NULL: the host's only programme, or its first).  The store must
 * outlive the rules.
 *
 * @param[out] out free with setara_transfer_rules_free().
 * @return 0, SETARA_ENOTFOUND (unknown host or programme), SETARA_EINVALID
 *         (inconsistent data), SETARA_ESTORE.
 */
SETARA_EXTERN(int) setara_transfer_rules_load(setara_transfer_rules **out,
	setara_store *st, const char *host, const char *programme);

/** Free rules.  NULL-safe. */
SETARA_EXTERN(void) setara_transfer_rules_free(setara_transfer_rules *r);

/**
 * Read and validate a record file (safe parser, record.xsd).
 *
 * @param[out] out free with setara_record_free().
 * @return 0, SETARA_EINVALID (malformed, schema-invalid; file and line),
 *         SETARA_EIO.
 */
SETARA_EXTERN(int) setara_record_load(setara_record **out, const char *path);

/** The same from memory; @p name is used in messages. */
SETARA_EXTERN(int) setara_record_parse(setara_record **out, const char *data,
	size_t len, const char *name);

/** Free a record.  NULL-safe. */
SETARA_EXTERN(void) setara_record_free(setara_record *r);

/** Options of setara_transfer_evaluate(). */
typedef struct setara_transfer_options {
	int version;
	/** the evaluation date (xs:date or dateTime); NULL: now */
	const char *at;
} setara_transfer_options;

#define SETARA_TRANSFER_OPTIONS_VERSION 1
#define SETARA_TRANSFER_OPTIONS_INIT { SETARA_TRANSFER_OPTIONS_VERSION, NULL }

typedef enum {
	SETARA_TRANSFER_GRANTED = 0,
	SETARA_TRANSFER_PARTIAL,
	SETARA_TRANSFER_REFUSED
} setara_transfer_status;

typedef enum {
	SETARA_TRANSFER_COURSE = 0, /**< course equivalence */
	SETARA_TRANSFER_BLOCK,      /**< block (unassigned) credit */
	SETARA_TRANSFER_RPL,        /**< prior learning, credit without grade */
	SETARA_TRANSFER_STANDING    /**< advanced standing (a qualification) */
} setara_transfer_kind;

/** Outcome of one rule or check in a trace. */
typedef enum {
	SETARA_STEP_INFO = 0, /**< a value computed or a choice made */
	SETARA_STEP_PASS,     /**< a condition met */
	SETARA_STEP_FAIL,     /**< a condition not met: refusal */
	SETARA_STEP_LIMIT     /**< a cap reduced the credit */
} setara_step_outcome;

typedef struct setara_transfer_step {
	const char *check;      /**< "rule", "grade", "overlap", "cap", ... */
	setara_step_outcome outcome;
	const char *text;       /**< one line for people */
	const char *source;     /**< source keys of the rule, or NULL */
	setara_confidence confidence;
	const char *status;     /**< "sample", ... or NULL */
} setara_transfer_step;

/** A course on either side of an item.  Strings borrowed. */
typedef struct setara_transfer_course {
	const char *code;
	const char *title;
	const char *credits;   /**< in its own system */
	const char *grade;     /**< on its own scale, or NULL */
	const char *area;      /**< host side: the programme area, or NULL */
} setara_transfer_course;

/** One decision: a course, a group of courses, a claim, a standing. */
typedef struct setara_transfer_item {
	setara_transfer_kind kind;
	setara_transfer_status status;
	const char *rule;            /**< rule or policy item id, or NULL */
	size_t nfrom;
	const setara_transfer_course *from;  /**< the record's side */
	size_t nto;
	const setara_transfer_course *to;    /**< the host's side */
	const char *area;            /**< block credit: the area credited */
	const char *credits_original;   /**< sum, source system */
	const char *credits_converted;  /**< exact, host system */
	const char *credits_granted;    /**< after value rule, rounding, caps */
	const char *credit_method;      /**< "load", "hours", "ratio" or NULL */
	const char *grade_original;     /**< or NULL */
	const char *grade_converted;    /**< or NULL (credit only) */
	const char *grade_method;       /**< or NULL */
	int in_gpa;
	const char *reason;             /**< why refused or partial, or NULL */
	size_t nsteps;
	const setara_transfer_step *steps;
	/** When a level rule compared AQRF levels: "confirmed" (both links
	 *  read in a referencing report's own table) or "indicative" (one
	 *  is not: the item rests on it); else NULL. */
	const char *level_basis;
} setara_transfer_item;

/** A cap applied across the record, in the order applied. */
typedef struct setara_transfer_cap {
	const char *kind;     /**< "rpl", "major", "degree" */
	const char *limit;    /**< credits allowed */
	const char *used;     /**< credits granted under it */
	const char *text;
} setara_transfer_cap;

/** Totals of a decision (host credits unless said). */
typedef struct setara_transfer_totals {
	const char *host, *programme, *partner;
	const char *evaluated;          /**< the evaluation date */
	const char *credits_original;   /**< sum, record's system */
	const char *credits_converted;  /**< exact */
	const char *credits_granted;    /**< exact, after caps */
	const char *credits_granted_rounded; /**< when the rounding is on the
	                                          total, else NULL */
	const char *rounding;           /**< the rounding policy, in words */
	unsigned granted, partial, refused;
	size_t ncaps;
	const setara_transfer_cap *caps;
	size_t nnotes;
	const char *const *notes;       /**< what the decision rests on */
	/** "indicative" when any item's level rule rested on an AQRF link
	 *  not confirmed level by level, "confirmed" when level rules ran on
	 *  confirmed links only, NULL when no level rule compared levels. */
	const char *level_basis;
} setara_transfer_totals;

/**
 * Evaluate @p record against @p rules.  The rules cache what evaluations
 * look up (the record's credit system and scale, level references) and
 * read the store: use one rules object per thread.  The decision borrows
 * from @p rules and @p record: free it before them.
 *
 * @param[out] out free with setara_transfer_decision_free().
 * @return 0 once it has run (refusals are in the items);
 *         SETARA_EINVALID/ENOTFOUND for a record the data cannot read (an
 *         unknown credit system or scale, a grade not on the record's
 *         scale, a value never published), naming the record's line.
 */
SETARA_EXTERN(int) setara_transfer_evaluate(setara_transfer_decision **out,
	setara_transfer_rules *rules, const setara_record *record,
	const setara_transfer_options *opts);

SETARA_EXTERN(void) setara_transfer_decision_free(
	setara_transfer_decision *d);

/** Items, in record order.  Borrowed from @p d. */
SETARA_EXTERN(size_t) setara_transfer_decision_count(
	const setara_transfer_decision *d);
SETARA_EXTERN(const setara_transfer_item *) setara_transfer_decision_item(
	const setara_transfer_decision *d, size_t i);
SETARA_EXTERN(const setara_transfer_totals *) setara_transfer_decision_totals(
	const setara_transfer_decision *d);

/**
 * The decision as an unsigned urn:setara:doc:1 decision document
 * (src/credit/decision.xsd): header with a fresh urn:uuid id, the host as
 * issuer and the student as subject, the items with their traces, the
 * totals, and room for the signature (setara issue decision).  Validated
 * before it is returned.
 *
 * @param out the XML is appended.
 */
SETARA_EXTERN(int) setara_transfer_decision_xml(setara_buf *out,
	const setara_transfer_decision *d);

/** Write the decision document to @p path atomically. */
SETARA_EXTERN(int) setara_transfer_decision_write(
	const setara_transfer_decision *d, const char *path);

SETARA_END_DECL

#endif
