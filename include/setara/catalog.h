/*
 * setara: what the loaded reference data holds, for discovery: credit
 * systems, grade scales, institutions (with their programmes and
 * agreements) and occupations, each with its source and confidence.
 * The entries are borrowed: valid during the callback only.
 * The walks use the store handle, which is not thread-safe (store.h).
 */
#ifndef SETARA_CATALOG_H
#define SETARA_CATALOG_H

#include "common.h"
#include "store.h"

SETARA_BEGIN_DECL

/** One entry of a catalog.  Borrowed: valid during the callback only. */
typedef struct setara_catalog_entry {
	/** "credit-system", "grade-scale", "institution", "programme",
	 * "agreement", "occupation" or "benchmark" (a standard without a
	 * required level) */
	const char *kind;
	const char *id;
	const char *name;
	const char *country;    /**< ISO 3166 alpha-2, or NULL */
	/** programme: its institution; agreement: the host; else NULL */
	const char *parent;
	/**
	 * credit system: its unit; grade scale: its kind (letter, numeric);
	 * institution: its credit system; programme: its level reference;
	 * agreement: the partner institution; occupation: the level
	 * reference of the qualification, or NULL
	 */
	const char *detail;
	/** credit system: its kind (national, institutional, transfer);
	 * institution: its grade scale; programme: its credits;
	 * agreement: valid from; occupation: the AQRF level required */
	const char *detail2;
	const char *source;     /**< source keys ("A1 A6"), or NULL */
	const char *confidence; /**< high, medium, low, or NULL */
	const char *status;     /**< official, provisional, sample, or NULL */
	const char *file;       /**< data file, relative to the data root */
	int line;
} setara_catalog_entry;

/** Called once per entry; a non-zero return stops the walk. */
typedef int (*setara_catalog_cb)(const setara_catalog_entry *e,
	void *payload);

/**
 * List the loaded credit systems, by id.
 * @return 0, the callback's non-zero value, or SETARA_ESTORE.
 */
SETARA_EXTERN(int) setara_credit_systems(setara_store *st,
	setara_catalog_cb cb, void *payload);

/** List the loaded grade scales, by id; returns as above. */
SETARA_EXTERN(int) setara_grade_scales(setara_store *st,
	setara_catalog_cb cb, void *payload);

/**
 * List the institutions, by id, each followed by its programmes and then
 * the agreements it hosts; returns as above.
 */
SETARA_EXTERN(int) setara_institutions(setara_store *st,
	setara_catalog_cb cb, void *payload);

/** List the occupational standards (and benchmarks), by id. */
SETARA_EXTERN(int) setara_mrs_occupations(setara_store *st,
	setara_catalog_cb cb, void *payload);

SETARA_END_DECL

#endif
