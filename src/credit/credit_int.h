/*
 * The credit component's private interface, shared by the files of
 * src/credit.  Not a public header.
 *
 * Files: credit_store.c (tables, loader, cross-file checks), arena.c
 * (allocation of results), model.c (systems, scales, tables read from the
 * store), convert.c (credit conversion), grade.c (grade conversion),
 * record.c (the input record), rules.c (a host's rules in memory),
 * evaluate.c (the transfer engine), decision.c (the decision document).
 */
#ifndef SETARA_CREDIT_INT_H
#define SETARA_CREDIT_INT_H

#include <stdarg.h>
#include <stdatomic.h>

#include "setara/credit.h"
#include "credit_api.h"
#include "util/dec.h"

/* ---- arena: many small allocations freed at once ------------------------- */

typedef struct cr_block cr_block;
typedef struct cr_arena {
	cr_block *head;
	cr_block *spare;  /* blocks to use before asking malloc */
} cr_arena;

/* Zeroed memory, valid until setara_credit__arena_free(). */
void *setara_credit__alloc(cr_arena *a, size_t n);
/* Copies (NULL gives NULL). */
char *setara_credit__strdup(cr_arena *a, const char *s);
char *setara_credit__printf(cr_arena *a, const char *fmt, ...)
	SETARA_PRINTF(2, 3);
char *setara_credit__vprintf(cr_arena *a, const char *fmt, va_list ap);
/* An exact number as text in the arena. */
char *setara_credit__dec(cr_arena *a, setara__dec d);
/* Free every block; @a itself may live in one of them. */
void setara_credit__arena_free(cr_arena *a);
/*
 * Every block of @a (what it allocated is no longer valid), for another
 * arena to reuse through setara_credit__arena_reuse(); @a is left empty.
 * At most @keep bytes of blocks are handed back, the rest freed.
 */
cr_block *setara_credit__arena_take(cr_arena *a, size_t keep);
/* Blocks from setara_credit__arena_take() that @a fills before asking
 * malloc for more (NULL: none); @a owns them from now on. */
void setara_credit__arena_reuse(cr_arena *a, cr_block *blocks);
/* Free blocks from setara_credit__arena_take() (NULL is fine). */
void setara_credit__blocks_free(cr_block *blocks);

/* A growable array of pointers or structs in the arena. */
typedef struct cr_vec {
	void *items;
	size_t n, alloc, size;
} cr_vec;
void *setara_credit__vec_push(cr_arena *a, cr_vec *v, size_t size);

/* ---- facts --------------------------------------------------------------- */

typedef struct cr_fact {
	const char *source;           /* keys, or NULL */
	setara_confidence confidence; /* UNKNOWN when not given */
	const char *status;           /* or NULL */
	const char *file;             /* data file */
	int line;
	sqlite3_int64 source_id;      /* the file's row in the store */
} cr_fact;

/* 1 when the fact is sample data. */
int setara_credit__is_sample(const cr_fact *f);
/* " [KEYS, confidence]" or " [sample]" for people.  In the arena. */
const char *setara_credit__fact_tag(cr_arena *a, const cr_fact *f);

/* Facts used by a computation, and the lowest confidence among them. */
typedef struct cr_facts {
	cr_vec v;                /* setara_credit_fact */
	setara_confidence lowest; /* HIGH when none */
	int sample;
} cr_facts;
void setara_credit__facts_init(cr_facts *fs);
int setara_credit__facts_add(cr_arena *a, cr_facts *fs, setara_store *st,
	const char *subject, const char *what, const char *value,
	const cr_fact *f);

/* Lines of arithmetic or reasoning. */
int setara_credit__step(cr_arena *a, cr_vec *steps, const char *fmt, ...)
	SETARA_PRINTF(3, 4);

/* ---- credit systems ------------------------------------------------------ */

typedef struct cr_hours {
	const char *activity, *basis;
	setara__dec lo, hi;
	const char *expr, *note;
	const char *system;  /* the system that states it (basis) */
	cr_fact f;
} cr_hours;

typedef struct cr_load {
	const char *period;
	setara__dec lo, hi;
	const char *note, *system;
	cr_fact f;
} cr_load;

typedef struct cr_system {
	const char *id, *kind, *defined, *country, *institution, *basis;
	const char *name, *unit, *notes, *gaps;
	sqlite3_int64 source_id;
	cr_fact f;
	cr_hours *hours;
	size_t nhours;
	cr_load *loads;
	size_t nloads;
} cr_system;

/*
 * System @id with what its basis states and it does not (hours per
 * activity and basis, loads per period).  SETARA_ENOTFOUND naming the
 * known systems when there is none.
 */
int setara_credit__system_get(cr_system **out, cr_arena *a,
	setara_store *st, const char *id);

/* Hours for @activity on @basis: the activity's own, else "any". */
const cr_hours *setara_credit__hours_find(const cr_system *s,
	const char *activity, const char *basis);
const cr_load *setara_credit__load_find(const cr_system *s,
	const char *period);

/*
 * A conversion factor: target credits per source credit, lo..hi (equal
 * unless a definition is a range), with the facts and the explanation.
 */
typedef struct cr_factor {
	setara__dec lo, hi;
	const char *method;   /* "hours", "load", "ratio" */
	const char *basis;    /* hours basis or load period */
	/* for the arithmetic of one amount: x * num / den */
	setara__dec num_lo, num_hi, den_lo, den_hi;
	const char *num_what, *den_what;
	cr_facts facts;
	cr_vec steps;         /* the definitions used, one line each */
} cr_factor;

typedef struct cr_method_opts {
	setara_credit_method method;
	const char *activity;
	const char *period;
	int has_ratio;
	setara__dec ratio;
	const cr_fact *ratio_fact;   /* where the ratio comes from, or NULL */
} cr_method_opts;

/*
 * The factor from @from to @to.  SETARA_EINVALID when the method needs a
 * value one of them never published (naming its file and line and
 * quoting its gaps), or when AUTO finds no common definition.
 */
int setara_credit__factor(cr_factor *out, cr_arena *a, setara_store *st,
	const cr_system *from, const cr_system *to, const cr_method_opts *o);

/* amount x factor (lo and hi), with one line of arithmetic in @steps. */
int setara_credit__apply(setara__dec *lo, setara__dec *hi, cr_arena *a,
	cr_vec *steps, const cr_factor *k, setara__dec amount,
	const char *from_id, const char *to_id);

/* Round @x by @mode ("nearest", "down", "up", "favour": up) to @step. */
int setara_credit__round_credits(setara__dec *out, setara__dec x,
	setara_rounding mode, setara__dec step);
setara_rounding setara_credit__rounding(const char *s);
const char *setara_credit__rounding_name(setara_rounding r);

/* ---- grade scales -------------------------------------------------------- */

typedef struct cr_grade {
	const char *symbol;
	int rank;            /* 0 the best, -1 unranked (S, K, CS) */
	int has_points;
	setara__dec points;
	int pass;
	int has_share;
	setara__dec share;
	const char *note;
	cr_fact f;
} cr_grade;

typedef struct cr_scale {
	const char *id, *kind, *name, *notes, *gaps;
	int numeric;
	setara__dec best, worst, lowest_pass, step; /* numeric scales */
	cr_grade *grades;
	size_t ngrades;
	size_t nranked;
	int has_points;      /* every ranked grade has points */
	int has_ref;
	cr_fact f, ref;
	sqlite3_int64 source_id;
} cr_scale;

int setara_credit__scale_get(cr_scale **out, cr_arena *a, setara_store *st,
	const char *id);
/*
 * Grade @symbol of @sc into *g (a letter scale's grade, or for a numeric
 * scale a synthesized one).  SETARA_EINVALID naming the scale's grades
 * when it is not on the scale.
 */
int setara_credit__grade_find(const cr_grade **g, cr_arena *a,
	const cr_scale *sc, const char *symbol);
/* The numeric value of a ranked grade: points, else its ordinal. */
setara__dec setara_credit__grade_value(const cr_scale *sc, const cr_grade *g);
/* 1 when a is better than b on @sc, -1 worse, 0 equal (ranked grades). */
int setara_credit__grade_cmp(const cr_scale *sc, const cr_grade *a,
	const cr_grade *b);

typedef struct cr_gconv {
	const char *id, *from, *to, *name;
	cr_fact f;
	size_t n;
	const char **from_g, **to_g;
} cr_gconv;

/* By id, or (id NULL) the one from @from to @to; ENOTFOUND otherwise. */
int setara_credit__gconv_get(cr_gconv **out, cr_arena *a, setara_store *st,
	const char *id, const char *from, const char *to);

typedef struct cr_dist {
	const char *id, *scale, *institution, *isced, *years, *name;
	const char *cycle;        /* or NULL: every cycle */
	int reference;            /* a national or scheme reference table */
	int fallback;             /* chosen as the reference of another */
	cr_fact f;
	size_t n;
	const char **grade;
	setara__dec *count;
} cr_dist;

/*
 * A grading table by id, or (id NULL) the one of @scale for @isced (NULL:
 * the scale's only table), selected by @institution (NULL: any), then
 * field, then @cycle (a table of that cycle before one of every cycle),
 * then the latest years.  An institution with no table of its own gets a
 * table marked reference="true" (national, ACTS), never another
 * institution's.  *out is NULL when there is none and the scale has a
 * reference distribution (the caller uses it).
 */
int setara_credit__dist_get(cr_dist **out, cr_arena *a, setara_store *st,
	const char *id, const cr_scale *scale, const char *isced,
	const char *institution, const char *cycle);

/* A grade conversion in progress. */
typedef struct cr_gres {
	const cr_grade *grade;     /* on the target scale */
	const char *symbol;        /* its text (numeric scales: the value) */
	int has_value;
	setara__dec value;         /* before snapping */
	const char *method, *policy;
	cr_facts facts;
	cr_vec steps;
} cr_gres;

typedef struct cr_gopts {
	setara_grade_method method;
	setara_band_policy policy;
	setara_rounding rounding;
	int truncate;
	const cr_gconv *table;
	const cr_dist *from_dist, *to_dist;  /* NULL: the reference shares */
} cr_gopts;

/*
 * Convert grade @g of @from into @to by the method of @o.  Facts and
 * steps go to @r (initialised by the caller with zeroes).
 */
int setara_credit__grade_convert(cr_gres *r, cr_arena *a, setara_store *st,
	const cr_scale *from, const cr_grade *g, const cr_scale *to,
	const cr_gopts *o);

/* "min", "avg", ...; -1 when unknown. */
int setara_credit__band_policy(const char *s);
const char *setara_credit__band_policy_name(setara_band_policy p);

/* ---- the input record (record.c) ----------------------------------------- */

typedef struct rec_course {
	const char *code, *title, *credits_text, *grade, *activity;
	const char *completed, *status, *level, *isced, *term;
	setara__dec credits;
	const char *hours_text;
	int has_hours;
	setara__dec hours;        /* stated total learning hours */
	int line;
} rec_course;

typedef struct rec_qual {
	const char *kind, *level, *awarded, *credits, *title;
	int line;
} rec_qual;

typedef struct rec_prior {
	const char *id, *target, *assessed, *title;
	setara__dec score;
	int line;
} rec_prior;

typedef struct rec_dist {
	const char *isced, *years;
	size_t n;
	const char **grade;
	setara__dec *count;
	int line;
} rec_dist;

/* A course of the student's record at a host (hostRecord). */
typedef struct rec_host {
	const char *institution, *code, *grade, *completed;
	int line;
} rec_host;

struct setara_record {
	cr_arena arena;
	const char *name, *sha256;
	const char *inst_id, *inst_country, *inst_name;
	const char *student_id, *student_name, *student_birth,
		*student_country;
	const char *prog_code, *prog_title, *level, *system, *scale, *isced;
	int prog_line;
	rec_course *courses;
	size_t ncourses;
	rec_qual *quals;
	size_t nquals;
	rec_prior *priors;
	size_t npriors;
	rec_dist *dists;
	size_t ndists;
	rec_host *hosts;
	size_t nhosts;
};

/* ---- a host's rules in memory (rules.c) ---------------------------------- */

/* One item of the host policy, with where it comes from. */
typedef struct cr_item {
	int present;
	const char *name;  /* "minGrade" */
	const char *note;
	cr_fact f;
} cr_item;

typedef struct cr_host_course {
	const char *code, *title, *area;
	setara__dec credits;
} cr_host_course;

typedef struct cr_area {
	const char *id;
	setara__dec credits;
} cr_area;

typedef struct cr_rule_from {
	const char *code;
	int has_min, has_max;
	setara__dec min, max;
} cr_rule_from;

typedef struct cr_rule_to {
	const char *code, *area, *grade_from;
	int has_credits;
	setara__dec credits;
	int has_share;           /* one-to-many: its share of the credits */
	setara__dec share;
	const cr_host_course *course;
} cr_rule_to;

typedef struct cr_rule {
	const char *id, *kind, *from_date, *until_date, *note;
	int has_overlap;
	setara__dec overlap;
	cr_fact f;
	cr_rule_from *from;
	size_t nfrom;
	cr_rule_to *to;
	size_t nto;
} cr_rule;

/* Rules of one agreement by source course code (open addressing). */
typedef struct cr_rule_index {
	const char *code;
	size_t *rules;
	size_t n;
} cr_rule_index;

typedef struct cr_agreement {
	const char *id, *partner, *name, *from_date, *until_date;
	cr_fact f;
	int has_credit;
	setara_credit_method method;
	const char *period, *activity;
	int has_ratio;
	setara__dec ratio;
	cr_fact credit_f;
	int has_grade;
	setara_grade_method gmethod;
	const char *conversion, *isced;
	int policy;
	setara_rounding ground;
	cr_fact grade_f;
	const cr_gconv *table;
	cr_rule *rules;
	size_t nrules;
	cr_rule_index *index;
	size_t index_size;
} cr_agreement;

typedef struct cr_standing {
	cr_item it;
	const char *qualification, *area;
	setara__dec credits;
	int below;
} cr_standing;

/* A tier of the cap on the degree (capTier): up to @limit credits for
 * courses whose converted grade is at least @grade. */
typedef struct cr_tier {
	cr_item it;
	setara__dec limit;
	const cr_grade *grade;
} cr_tier;

typedef struct cr_policy {
	const char *id, *name;
	cr_fact f;
	cr_item min_grade;
	const cr_grade *min_grade_g;
	cr_item overlap;
	setara__dec overlap_pct;
	cr_item degree_cap;
	setara__dec degree_limit;
	cr_item major_cap;
	setara__dec major_limit;
	const char *major_area;
	cr_item residency;
	setara__dec residency_credits;
	const char *residency_period;  /* "the final year", ... or NULL */
	cr_item recency;
	int recency_years;
	cr_item level;
	int level_mode;          /* 0 any, 1 same, 2 not-above */
	int level_below, level_unmapped_accept;
	cr_item grades;
	int with_grade, in_gpa;
	cr_item value;
	int value_target, shortfall_partial;
	int has_tolerance;
	setara__dec tolerance;   /* percent of the host course's credits */
	cr_item rounding;
	setara_rounding round;
	setara__dec round_step;
	int round_total;
	cr_item caps;
	int caps_partial;
	cr_item unmatched;
	int unmatched_block;
	const char *unmatched_area;
	cr_item rpl;
	setara__dec rpl_limit, rpl_min_score;
	int rpl_partial, rpl_block;
	cr_standing *standings;
	size_t nstandings;
	cr_tier *tiers;          /* by limit, the smallest first */
	size_t ntiers;
} cr_policy;

/* A cached lookup of a table by two keys: the result, or NULL. */
typedef struct cr_lookup {
	const char *a, *b;
	const void *found;
	int error;
	const char *message, *file, *field;
	int line;
} cr_lookup;

/* The AQRF place of a level reference, cached. */
typedef struct cr_level {
	const char *ref;
	int error;               /* a negative code when the lookup failed */
	const char *message;
	int min, max, indicative;
	setara_confidence conf;
	/* " (indicative)" when the referencing is not an outcome,
	 * " (level table assumed)" or " (... secondary)" when only the
	 * table is unconfirmed; "" for a confirmed link. */
	const char *mark;
} cr_level;

struct setara_transfer_rules {
	cr_arena arena;
	setara_store *st;
	const char *host_id, *host_name, *host_country;
	cr_fact host_f;
	cr_system *system;
	cr_scale *scale;
	const char *prog_id, *prog_name, *prog_level, *prog_isced;
	setara__dec prog_credits;
	cr_fact prog_f;
	cr_area *areas;
	size_t nareas;
	cr_host_course *courses;
	size_t ncourses;
	int has_policy;
	cr_policy policy;
	cr_agreement *agreements;
	size_t nagreements;
	/* caches filled by evaluations */
	cr_vec systems;   /* cr_system * */
	cr_vec scales;    /* cr_scale * */
	cr_vec levels;    /* cr_level */
	cr_vec factors;   /* struct cr_factor_cache */
	cr_vec gconvs;    /* struct cr_lookup: tables by scales */
	cr_vec dists;     /* struct cr_lookup: grading tables by scale */
	/* the blocks of the last decision freed, for the next evaluation:
	 * a decision is freed before its rules, maybe on another thread */
	_Atomic(cr_block *) spare;
	const char *known_inst;  /* the last sending institution looked up */
	const char *known_inst_system;  /* its credit system */
	int known_inst_found;
};

const cr_host_course *setara_credit__host_course(
	const setara_transfer_rules *r, const char *code);
const cr_area *setara_credit__area(const setara_transfer_rules *r,
	const char *id);
const cr_agreement *setara_credit__agreement(const setara_transfer_rules *r,
	const char *partner);
/* The rules of @ag whose sources include @code, in file order. */
const cr_rule_index *setara_credit__rules_for(const cr_agreement *ag,
	const char *code);
/* Cached lookups for an evaluation (they may read the store). */
int setara_credit__rules_system(cr_system **out, setara_transfer_rules *r,
	const char *id);
int setara_credit__rules_scale(cr_scale **out, setara_transfer_rules *r,
	const char *id);
const cr_level *setara_credit__rules_level(setara_transfer_rules *r,
	const char *ref);
/* 1 when institution @id is in the store (*system its credit system),
 * 0 when not, or an error. */
int setara_credit__rules_institution(setara_transfer_rules *r,
	const char *id, const char **system);

/* What decision.c needs of a decision (evaluate.c). */
const setara_transfer_rules *setara_credit__decision_rules(
	const setara_transfer_decision *d);
const setara_record *setara_credit__decision_record(
	const setara_transfer_decision *d);
void setara_credit__decision_ids(const setara_transfer_decision *d,
	const char **policy, const char **agreement, int *aqrf);

/* The texts of source keys "A1 A6" of the file @source_id: "A1: ...". */
const char *setara_credit__source_text(cr_arena *a, setara_store *st,
	sqlite3_int64 source_id, const char *keys);

/* The path of a data file (borrowed from the arena). */
const char *setara_credit__path(cr_arena *a, setara_store *st,
	sqlite3_int64 source_id);

#endif
