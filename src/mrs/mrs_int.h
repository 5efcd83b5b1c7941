/*
 * The mrs component's private interface, shared by its files:
 *
 *   mrs_store.c  tables in the store, the loader of mappings/occupations
 *                (competencyStandard, unitEquivalence) and its checks
 *   standard.c   reading a standard and the equivalence tables that touch
 *                it from the store into the structures below
 *   engine.c     the decision, as pure functions of those structures: the
 *                level step, unit coverage through the equivalence tables,
 *                the validity dates and the outcome with its reasons
 *   decision.c   the decision object: trace, getters, JSON
 *
 * Nothing here reads files or the clock: the callers pass what they read,
 * so that the engine can be tested on constructed inputs.
 */
#ifndef SETARA_MRS_INT_H
#define SETARA_MRS_INT_H

#include <time.h>

#include "setara/mrs.h"
#include "mrs_api.h"

/* ---- reference data (standard.c) ------------------------------------- */

/* How much of one unit another shows (the order matters: min/max). */
enum {
	SETARA_MRS_COV_NONE = 0,
	SETARA_MRS_COV_PARTIAL = 1,
	SETARA_MRS_COV_FULL = 2
};

typedef struct setara_mrs__unit {
	char *code;
	char *title;
	char *kind;           /* basic, common, core, elective or NULL */
	int required;
	int local;            /* codeStatus="local": a setara key */
	setara_confidence conf;
} setara_mrs__unit;

typedef struct setara_mrs__standard {
	char *id;
	char *scope;          /* national, regional */
	char *country;        /* NULL for a regional benchmark */
	char *title;
	char *body_id, *body_name;
	char *level;          /* the qualification's FRAMEWORK:LEVEL or NULL */
	char *qual_title;
	int req_aqrf;         /* 0: a benchmark, not an occupation */
	setara_confidence req_conf;
	char *status;
	setara_confidence conf;
	int superseded;
	char *path;           /* the data file, relative to the data root */
	char sha256[65];      /* of that file */
	setara_mrs__unit *units;
	size_t nunits;
} setara_mrs__standard;

typedef struct setara_mrs__map {
	char *from, *to;      /* unit codes */
	int coverage;         /* SETARA_MRS_COV_FULL or _PARTIAL */
	setara_confidence conf;
} setara_mrs__map;

typedef struct setara_mrs__table {
	char *id;
	char *from, *to;      /* standard ids */
	char *status;
	setara_confidence conf;
	char *path;
	char sha256[65];
	setara_mrs__map *maps;
	size_t nmaps;
} setara_mrs__table;

void setara_mrs__standard_dispose(setara_mrs__standard *s);
void setara_mrs__table_dispose(setara_mrs__table *t);

/* A unit of @s by code, or NULL. */
const setara_mrs__unit *setara_mrs__find_unit(
	const setara_mrs__standard *s, const char *code);

/*
 * Read standard @id from the store.  SETARA_ENOTFOUND (naming the known
 * occupations) when there is none.
 */
int setara_mrs__standard_read(setara_mrs__standard *out, setara_store *st,
	const char *id);

/*
 * The equivalence tables that start from standard @a or from standard @b
 * (either may be NULL), in id order.  Free with
 * setara_mrs__tables_free(*out, *n).
 */
int setara_mrs__tables_read(setara_mrs__table **out, size_t *n,
	setara_store *st, const char *a, const char *b);
void setara_mrs__tables_free(setara_mrs__table *t, size_t n);

/* ---- the engine (engine.c) ------------------------------------------- */

/* One required unit of the occupation, and how the claim covers it. */
typedef struct setara_mrs__unit_result {
	const setara_mrs__unit *unit;  /* borrowed from the host standard */
	int status;                    /* SETARA_MRS_COV_* */
	setara_confidence conf;        /* of the path that covers it */
	char *basis;                   /* how: the path, or why none */
	char *close;                   /* what would close the gap, or NULL */
} setara_mrs__unit_result;

typedef struct setara_mrs__coverage {
	setara_mrs__unit_result *units;
	size_t nunits;
	size_t required, full, partial, missing;
	int overall;                   /* SETARA_MRS_COV_* over required */
	setara_confidence conf;        /* lowest of the paths used */
	int home_known;                /* the credential's standard is known */
} setara_mrs__coverage;

void setara_mrs__coverage_dispose(setara_mrs__coverage *c);

/*
 * Coverage of the required units of @host by the units @codes (@n of
 * them) a credential lists.  @home is the standard the credential was
 * issued under, or NULL when it is not in the reference data (then only
 * identical unit codes count).  A host unit is covered:
 *   - by an identical code on the credential (full, high);
 *   - through a benchmark: a table host->R maps it to unit r of R (or the
 *     host is R itself), and a table home->R maps a credential unit to r
 *     (or the credential lists r): coverage is the lesser of the two maps
 *     (full = equivalent, partial = overlap); the best path wins;
 *   - through a bilateral table home->host.
 * Confidence of a path is the lowest of its maps and tables.
 */
int setara_mrs__cover(setara_mrs__coverage *out,
	const setara_mrs__standard *host, const setara_mrs__standard *home,
	const setara_mrs__table *tables, size_t ntables,
	const char *const *codes, size_t n);

/* The level step. */
enum {
	SETARA_MRS_LEVEL_MET = 0,
	SETARA_MRS_LEVEL_TOO_LOW,
	SETARA_MRS_LEVEL_UNCERTAIN, /* the AQRF range straddles the need */
	SETARA_MRS_LEVEL_UNKNOWN    /* no AQRF mapping, unknown framework */
};

typedef struct setara_mrs__level {
	/* in */
	const char *ref;         /* the credential's FRAMEWORK:LEVEL */
	int claimed;             /* the AQRF level the credential states */
	int found;               /* the qf lookup found the level */
	int min, max;            /* its AQRF range (0, 0: none) */
	setara_confidence conf;
	int indicative;          /* not an official referencing outcome */
	int unconfirmed;         /* the link is not confirmed level by level */
	char report[24];         /* the referencing report's status */
	char table[16];          /* the level table's status */
	int required;            /* the occupation's AQRF level */
	setara_confidence req_conf;
	/* out */
	int result;
} setara_mrs__level;

void setara_mrs__level_decide(setara_mrs__level *l);

/* What verification said, as the outcome needs it. */
typedef struct setara_mrs__verified {
	setara_mrs_credential_result result;
	int issuer_failed;       /* the issuer check failed */
	int validity_failed;     /* the validity check failed */
	int other_failed;        /* another check failed */
	int could_not_check;     /* some check could not be run */
	int schema_valid;        /* the content could be read */
} setara_mrs__verified;

/* The credential's own dates against @at. */
typedef struct setara_mrs__dates {
	time_t valid_from, valid_until, at;
	int has_valid_until;
	int expired, not_yet_valid; /* out */
} setara_mrs__dates;

void setara_mrs__dates_decide(setara_mrs__dates *d);

/* The outcome and its reasons, most important first. */
#define SETARA_MRS_MAX_REASONS 12
typedef struct setara_mrs__outcome {
	setara_mrs_outcome outcome;
	setara_mrs_reason reasons[SETARA_MRS_MAX_REASONS];
	size_t nreasons;
} setara_mrs__outcome;

/*
 * Combine the steps.  @level and @cov may be NULL when the content could
 * not be read (then the credential is not recognised on the verdict
 * alone).
 */
void setara_mrs__decide(setara_mrs__outcome *out,
	const setara_mrs__verified *v, const setara_mrs__dates *d,
	const setara_mrs__level *level, const setara_mrs__coverage *cov);

const char *setara_mrs__level_result_name(int result);
const char *setara_mrs__coverage_name(int cov);
/* "valid", "invalid", "indeterminate" or "unchecked". */
const char *setara_mrs__credential_result_name(
	setara_mrs_credential_result r);

/* ---- the decision object (decision.c) -------------------------------- */

typedef struct setara_mrs__step {
	char *rule;
	char *text;
} setara_mrs__step;

typedef struct setara_mrs__input {
	char *role;           /* credential, occupation, equivalence, ... */
	char *name;           /* a file or an id */
	char sha256[65];
} setara_mrs__input;

typedef struct setara_mrs__check {
	char *name, *status, *reason;
} setara_mrs__vcheck;

/* What the credential says (element names of cred/certificate.xsd). */
typedef struct setara_mrs__credential {
	char *file;
	char sha256[65];
	char *id, *type, *number;
	char *issuer_id, *issuer_country, *issuer_name, *accreditation;
	char *holder_id, *holder_name, *holder_country;
	char *qual_code, *qual_title, *level;
	int aqrf;                    /* as the credential states it */
	char *occupation, *occupation_title;
	char **units;                /* unit codes listed */
	size_t nunits;
	time_t issued, valid_from, valid_until;
	int has_valid_until;
	int readable;                /* the content above could be read */
} setara_mrs__credential;

struct setara_mrs_decision {
	setara_mrs__outcome outcome;
	time_t at;
	setara_mrs__credential cred;
	setara_mrs__verified verified;
	setara_mrs__vcheck checks[16];
	size_t nchecks;
	setara_mrs__standard host;
	setara_mrs__standard home;   /* id NULL when unknown */
	setara_mrs__table *tables;
	size_t ntables;
	int decided_content;         /* level and cov below are filled */
	setara_mrs__level level;
	setara_mrs__dates dates;
	setara_mrs__coverage cov;
	setara_confidence conf;      /* lowest of the facts used */
	setara_mrs__step *trace;
	size_t ntrace, atrace;
	setara_mrs__input *inputs;
	size_t ninputs, ainputs;
	/* the attestation issued for it, if any */
	char *att_file;
	char att_id[64];
	char att_sha256[65];
};

int setara_mrs__decision_new(setara_mrs_decision **out);
/* Append a trace step. */
int setara_mrs__trace(setara_mrs_decision *d, const char *rule,
	const char *fmt, ...) SETARA_PRINTF(3, 4);
/* Record an input and its digest. */
int setara_mrs__input_add(setara_mrs_decision *d, const char *role,
	const char *name, const char *sha256);
void setara_mrs__credential_dispose(setara_mrs__credential *c);

/*
 * Read what a certificate document says (the header and the body of
 * cred/certificate.xsd).  @doc is schema-valid or at least well-formed;
 * missing parts stay NULL.  Sets c->readable when the qualification level
 * and the occupation could be read.
 */
int setara_mrs__credential_read(setara_mrs__credential *c, xmlDocPtr doc);

/*
 * The leading digits of a schema-checked non-negative integer attribute
 * (mrs_store.c), read until the value reaches @max; 0 for NULL.
 */
int setara_mrs__small_int(const char *s, int max);

#endif
