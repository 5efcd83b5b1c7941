/*
 * The register's internal interface, used by the issuing path (cred) and
 * the status-list publisher.
 *
 * Issuing one document, crash-safely:
 *   1. setara_register__reserve(): in one transaction, allocate the next
 *      status index of the issuer's current list (never reused) and insert
 *      a *pending* row naming the output path.
 *   2. build, sign, write the output to a temporary file and fsync it.
 *   3. rename it into place, then setara_register__complete() marks the
 *      row issued with the file's digest.
 * A crash before 3 leaves a pending row and no file: recovery removes the
 * row.  A crash inside 3 leaves a pending row and a complete file:
 * recovery marks it issued.  So there is never a register row without
 * its complete file, nor a file without its row.
 */
#ifndef SETARA_REGISTER_INT_H
#define SETARA_REGISTER_INT_H

#include "store_int.h"

typedef struct setara_register__slot {
	char id[46];              /* the new document's urn:uuid */
	char revocation_list[46]; /* status list ids (urn:uuid) */
	char suspension_list[46];
	unsigned long index;      /* the document's index in both lists */
} setara_register__slot;

/* What the register records of a document about to be issued. */
typedef struct setara_register__doc {
	const char *id;             /* urn:uuid; NULL: make a new one */
	const char *type;           /* document element name */
	const char *issuer;         /* issuer id */
	const char *issuer_name;    /* for status lists; may be NULL */
	const char *issuer_country; /* ISO alpha-2; may be NULL */
	const char *subject;        /* subject id */
	const char *record_key;     /* idempotency key; may be NULL */
	const char *path;           /* output file */
	const char *issued;         /* the document's issue time, as it
	                               says it; NULL: now */
} setara_register__doc;

/*
 * Reserve an id and a status index for a document about to be issued.
 * doc->record_key (may be NULL) makes issuing idempotent: when a document with
 * that key is already issued, *existing is set to 1, @out holds its id
 * and nothing is reserved.
 */
int setara_register__reserve(setara_store *st,
	const setara_register__doc *doc, setara_register__slot *out,
	int *existing);

/* Name and country of an issuer as the register knows them; caller frees. */
int setara_register__issuer(setara_store *st, const char *issuer,
	char **name, char **country);

/* Mark a reserved document issued; @digest is the output's SHA-256 hex. */
int setara_register__complete(setara_store *st, const char *id,
	const char *digest);

/* Give up a reservation that failed before its file was written. */
int setara_register__abandon(setara_store *st, const char *id);

/*
 * The bits of one status list (by list id, revocation or suspension), as
 * many bytes as the list has entries / 8.  Caller frees *bits.  Also
 * returns the issuer and purpose ("revocation" or "suspension").
 */
int setara_register__list_bits(setara_store *st, const char *list_id,
	unsigned char **bits, size_t *nbytes, char **issuer, char **purpose);

/*
 * A document issued through this register: its status and its entry
 * (lists and index).  SETARA_ENOTFOUND (no message set) when the register
 * did not issue it.
 */
int setara_register__entry(setara_store *st, const char *id,
	setara_doc_status *status, setara_register__slot *slot);

/*
 * The change counter of one status list (by list id): bumped in the
 * transaction that sets or clears one of its bits (revoke, suspend,
 * reinstate); *suspension says which of the pair it is.  Read it before
 * the bits: a change between the two makes the next publication write the
 * list again, never skip it.
 */
int setara_register__list_changes(setara_store *st, const char *list_id,
	sqlite3_int64 *changes, int *suspension);

/* What was last written of a list to one file. */
typedef struct setara_register__publication {
	sqlite3_int64 changes;      /* the list's change counter it shows */
	char signed_with[65];       /* SHA-256 hex: signer, issuer */
	char digest[65];            /* SHA-256 hex of the file */
	unsigned long entries_set;  /* bits set */
	char valid_until[21];
} setara_register__publication;

/*
 * The last publication of @list_id to @path (absolute).  SETARA_ENOTFOUND
 * (no message set) when none is recorded.
 */
int setara_register__publication_get(setara_store *st, const char *list_id,
	const char *path, setara_register__publication *out);

/*
 * Record that @list_id was written to @path (absolute), with its audit
 * entry, in one transaction.  Call after the file is in place: a crash
 * in between leaves the file unrecorded, and the next publication writes
 * it again.
 */
int setara_register__publication_set(setara_store *st, const char *list_id,
	const char *path, const setara_register__publication *p);

/* Ids of every status list of @issuer (NULL: all issuers). */
int setara_register__lists(setara_store *st, const char *issuer,
	setara__strlist *out);

#endif
