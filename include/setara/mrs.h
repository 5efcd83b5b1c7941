/*
 * setara: the mrs component -- mutual recognition of skills (MRS).
 *
 * A skills agency in one ASEAN Member State decides whether a worker's
 * skills credential (a signed certificate document) from another Member
 * State is recognised for an occupation it regulates.  The claim pipeline:
 * verify the credential (every check of the verifier; an invalid
 * credential is never recognised), check its own validity period, map its
 * qualification level to the AQRF through its framework and compare it
 * with the level the occupation requires, and compute the coverage of the
 * occupation's competency units through the unit-equivalence tables
 * (national units against a regional benchmark such as the ILO Regional
 * Model Competency Standards).  The answer is recognised, partly
 * recognised (with the missing units and what would close the gap), not
 * recognised, or indeterminate, with reason codes and the full trace.
 *
 * As everywhere in setara, a decision is not an error: setara_mrs_check()
 * returns 0 once it has decided and the decision says what it decided.
 *
 * Thread-safety: setara_mrs_check() uses the store handle, which is not
 * thread-safe (store.h), and a verifier, which may be shared (cred.h).  A
 * decision is only read by its getters: several threads may read one, as
 * long as none frees it meanwhile.
 */
#ifndef SETARA_MRS_H
#define SETARA_MRS_H

#include "common.h"
#include "buf.h"
#include "store.h"
#include "cred.h"
#include "vc.h"

SETARA_BEGIN_DECL

/** The answer to a claim. */
typedef enum {
	SETARA_MRS_RECOGNISED = 0,
	SETARA_MRS_PARTLY_RECOGNISED,
	SETARA_MRS_NOT_RECOGNISED,
	/** the credential could not be fully verified */
	SETARA_MRS_INDETERMINATE
} setara_mrs_outcome;

/** Why; a decision carries one or more, most important first. */
typedef enum {
	SETARA_MRS_REASON_RECOGNISED = 0,
	/** some required units are not (or only partly) covered */
	SETARA_MRS_REASON_PARTIAL_UNITS_MISSING,
	/** the AQRF level is below the occupation's */
	SETARA_MRS_REASON_LEVEL_TOO_LOW,
	/** the AQRF range straddles the occupation's level */
	SETARA_MRS_REASON_LEVEL_UNCERTAIN,
	/** the level is comparable, but no required unit is covered */
	SETARA_MRS_REASON_COMPARABLE_LEVEL_ONLY,
	/** no required unit is covered, and the level is not either */
	SETARA_MRS_REASON_NO_UNITS_COVERED,
	/** the credential's validity has ended */
	SETARA_MRS_REASON_EXPIRED,
	/** the credential is not valid yet */
	SETARA_MRS_REASON_NOT_YET_VALID,
	/** the issuer is not accredited for this credential */
	SETARA_MRS_REASON_ISSUER_NOT_ACCREDITED,
	/** another verification check failed (signature, trust, status...) */
	SETARA_MRS_REASON_INVALID_CREDENTIAL,
	/** a verification check could not be run */
	SETARA_MRS_REASON_INDETERMINATE,
	/** the framework has no endorsed AQRF referencing: the level link is
	 *  indicative or absent */
	SETARA_MRS_REASON_UNREFERENCED_FRAMEWORK,
	SETARA_MRS_REASON_COUNT
} setara_mrs_reason;

/** What verification said of the credential. */
typedef enum {
	SETARA_MRS_CREDENTIAL_VALID = 0,
	SETARA_MRS_CREDENTIAL_INVALID,
	SETARA_MRS_CREDENTIAL_INDETERMINATE,
	/** no verifier was given: nothing was checked */
	SETARA_MRS_CREDENTIAL_UNCHECKED
} setara_mrs_credential_result;

/** Options of setara_mrs_check(). */
typedef struct setara_mrs_options {
	int version;            /**< SETARA_MRS_OPTIONS_VERSION */
	long long at;           /**< decision time, seconds since the epoch;
				     0: now (setara_clock_set()) */
} setara_mrs_options;

#define SETARA_MRS_OPTIONS_VERSION 1
#define SETARA_MRS_OPTIONS_INIT { SETARA_MRS_OPTIONS_VERSION, 0 }

/** A decision on one claim. */
typedef struct setara_mrs_decision setara_mrs_decision;

/**
 * Decide a claim: is the credential in @p credential_path recognised for
 * occupation @p occupation (a standard id of the reference data with an
 * AQRF requirement, e.g. "th-dsd-bricklaying-plastering-1")?
 *
 * @param[out] out the decision; free it with setara_mrs_decision_free().
 * @param st the store with the reference data (occupations, tables,
 *        frameworks).
 * @param verifier verifies the credential (setara_cred_verifier_new(),
 *        with the same time as @p opts); NULL: the credential is not
 *        verified and the outcome is at best indeterminate.
 * @param opts NULL for the defaults.
 * @return 0 once decided; SETARA_ENOTFOUND (unknown occupation, or the
 *         id names a benchmark without requirement), SETARA_EIO (the file
 *         cannot be read), SETARA_ESTORE, SETARA_ENOMEM.  A malformed,
 *         forged, expired or foreign credential is a decision, not an
 *         error.
 */
SETARA_EXTERN(int) setara_mrs_check(setara_mrs_decision **out,
	setara_store *st, setara_verifier *verifier,
	const char *credential_path, const char *occupation,
	const setara_mrs_options *opts);

/** Free a decision.  NULL-safe. */
SETARA_EXTERN(void) setara_mrs_decision_free(setara_mrs_decision *d);

/** The outcome. */
SETARA_EXTERN(setara_mrs_outcome) setara_mrs_decision_outcome(
	const setara_mrs_decision *d);

/**
 * What the level step rests on: "confirmed" when the AQRF link used was
 * read in an endorsed referencing report's own level table, "indicative"
 * when it is not (a referencing that is not an outcome, or a level table
 * only assumed or stated by a secondary source, or no link at all): the
 * outcome then holds only as far as that link does.  NULL when the
 * credential's content could not be read.
 */
SETARA_EXTERN(const char *) setara_mrs_decision_basis(
	const setara_mrs_decision *d);

/**
 * The reasons, most important first.
 * @param[out] n their number.
 * @return a borrowed array, valid while the decision lives.
 */
SETARA_EXTERN(const setara_mrs_reason *) setara_mrs_decision_reasons(
	const setara_mrs_decision *d, size_t *n);

/** The number of trace steps. */
SETARA_EXTERN(size_t) setara_mrs_decision_trace_count(
	const setara_mrs_decision *d);

/**
 * Trace step @p i: @p rule receives its rule name ("verify", "level",
 * "unit", ...) and the result is its text.  Both borrowed, valid while the
 * decision lives; NULL when @p i is out of range.
 */
SETARA_EXTERN(const char *) setara_mrs_decision_trace(
	const setara_mrs_decision *d, size_t i, const char **rule);

/**
 * Write the decision as JSON (docs/json.md, "mrs check") into @p out.
 * @return 0 or SETARA_ENOMEM.
 */
SETARA_EXTERN(int) setara_mrs_decision_json(setara_buf *out,
	const setara_mrs_decision *d, int pretty);

/**
 * Write the decision as text for people into @p out.
 * @return 0 or SETARA_ENOMEM.
 */
SETARA_EXTERN(int) setara_mrs_decision_text(setara_buf *out,
	const setara_mrs_decision *d);

/**
 * Build the unsigned attestation document of the decision (schema
 * mrs/attestation.xsd): a new id, the issue time, the issuer (by default
 * the occupation's awarding body, as the trust list names it), the holder,
 * the decision, the digests of the inputs and the trace.
 *
 * @param[out] out an xmlDocPtr; free it with xmlFreeDoc().
 * @param issuer_id the attesting body's id, or NULL for the occupation's
 *        awarding body.
 * @return 0; SETARA_EINVALID when the credential could not be read (no
 *         holder to name) or there is no issuer; SETARA_ENOMEM.
 */
SETARA_EXTERN(int) setara_mrs_attestation_build(struct _xmlDoc **out,
	const setara_mrs_decision *d, const char *issuer_id);

/**
 * Issue the signed attestation of the decision: build it
 * (setara_mrs_attestation_build()), then issue it through the cred
 * component as an "attestation" document -- signer checks, register row
 * and status entries when @p st is given, enveloped signature, atomic
 * write to @p out_path.  It verifies with setara_cred_verify().  The
 * decision remembers it: its JSON and text then name the attestation.
 *
 * @param[out] out filled on success (id, SHA-256 of the file); may be NULL.
 * @param st the register, or NULL to sign and write only.
 * @param issuer_id as for setara_mrs_attestation_build().
 * @return 0, SETARA_EINVALID (no holder, signer not valid now), SETARA_EIO,
 *         SETARA_ESTORE, SETARA_ENOMEM or -1.
 */
SETARA_EXTERN(int) setara_mrs_attest(setara_cred_issued *out,
	setara_store *st, setara_mrs_decision *d, const char *issuer_id,
	const setara_signer *signer, const char *out_path);

/**
 * setara_mrs_attest() writing the attestation as a W3C Verifiable
 * Credential 2.0, a SetaraSkillsRecognitionCredential (docs/vc.md), whose
 * Data Integrity proof @p key makes (setara_vc_issue_doc()): the same
 * checks, register row and status index as the signed XML attestation.
 *
 * @return as setara_mrs_attest(); SETARA_EUSAGE for a key that cannot
 *         sign.
 */
SETARA_EXTERN(int) setara_mrs_attest_vc(setara_cred_issued *out,
	setara_store *st, setara_mrs_decision *d, const char *issuer_id,
	const setara_signer *signer, const setara_vc_key *key,
	const char *out_path);

/** "recognised", "partly-recognised", "not-recognised", "indeterminate" */
SETARA_EXTERN(const char *) setara_mrs_outcome_name(setara_mrs_outcome o);
/** "RECOGNISED", "PARTIAL_UNITS_MISSING", ... */
SETARA_EXTERN(const char *) setara_mrs_reason_name(setara_mrs_reason r);

SETARA_END_DECL

#endif
