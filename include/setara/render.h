/*
 * setara: documents for people and for other systems.
 *
 * Rendering turns any setara document (transcript, certificate, decision,
 * attestation, statusList) into one self-contained, printable and
 * accessible HTML page, with stylesheets compiled into the library and
 * applied with libxslt locked down (no file or network access, no
 * document() of anything outside the document itself).  Given a verifier,
 * the page also shows the verification result check by check.
 *
 * The ELMO export turns a signed transcript into an EMREX ELMO document
 * (https://github.com/emrex-eu/elmo-schemas, v1.7.0 or v2.0.0), and a
 * signed transfer decision into ELMO v2.0.0 results of recognition,
 * signed with the setara signature profile.  See docs/render.md and
 * docs/elmo.md.
 *
 * Thread-safety: rendering and the export may run in several threads at
 * once, each with its own document; a store handle in the options is not
 * thread-safe (store.h), a verifier may be shared (cred.h).
 */
#ifndef SETARA_RENDER_H
#define SETARA_RENDER_H

#include "common.h"
#include "buf.h"
#include "store.h"
#include "cred.h"

SETARA_BEGIN_DECL

/** Options of setara_cred_render(). */
typedef struct setara_render_options {
	int version;              /**< SETARA_RENDER_OPTIONS_VERSION */
	setara_verifier *verifier; /**< verify the document and show the
				       result; NULL: not verified */
	setara_store *store;      /**< reference data, used to show how a
				       qualification's AQRF level was
				       derived; NULL: not shown */
	/* version 2 */
	const char *verify_url;   /**< where a reader verifies the document:
				       "{id}" in it is replaced by the
				       document's id, else the id is appended;
				       shown as a link and a QR code.  NULL:
				       the QR code holds the id alone */
	const char *lang;         /**< the page's language ("en", "ms");
				       NULL: the document's xml:lang, else
				       "en".  Labels without a translation
				       stay in English */
} setara_render_options;

#define SETARA_RENDER_OPTIONS_VERSION 2
#define SETARA_RENDER_OPTIONS_INIT \
	{ SETARA_RENDER_OPTIONS_VERSION, NULL, NULL, NULL, NULL }

/**
 * Render the document held in @p data as an HTML page.
 *
 * The document is parsed with the safe loader and must be valid against
 * its type's schema.  With a verifier in @p opts, the same bytes are
 * verified and the page shows the verdict; the verdict is also returned
 * through @p verdict when it is not NULL.  An invalid verdict is not an
 * error: the page is rendered and says so.
 *
 * @param[out] out receives the page (UTF-8, starting "<!DOCTYPE html>");
 *             it is reset first.
 * @param[out] verdict the verdict (free with setara_verdict_free()), or
 *             NULL when not verified; may be NULL.
 * @param name the document's name in messages and on the page.
 * @return 0, SETARA_EINVALID (malformed, schema-invalid or not a setara
 *         document), SETARA_ENOMEM, or -1 (a transformation failure).
 */
SETARA_EXTERN(int) setara_cred_render(setara_buf *out,
	setara_verdict **verdict, const char *data, size_t len,
	const char *name, const setara_render_options *opts);

/** The same for a file; SETARA_EIO when it cannot be read. */
SETARA_EXTERN(int) setara_cred_render_file(setara_buf *out,
	setara_verdict **verdict, const char *path,
	const setara_render_options *opts);

/* ---- ELMO export ------------------------------------------------------- */

/** The ELMO namespace (schema v1.x). */
#define SETARA_NS_ELMO "https://github.com/emrex-eu/elmo-schemas/tree/v1"

/** Options of setara_cred_export_elmo(). */
typedef struct setara_elmo_options {
	int version;               /**< SETARA_ELMO_OPTIONS_VERSION */
	setara_verifier *verifier; /**< required: the transcript is verified
					before it is exported */
	setara_store *store;       /**< required: credit conversion to ECTS
					and level mapping to the EQF */
	const setara_signer *signer; /**< signs the ELMO document; NULL:
					  unsigned */
	const char *issuer_url;    /**< the issuer's web page for ELMO's
					report/issuer/url; NULL: empty */
	/** (options version 2) the ELMO schema written: 1 (v1.7.0, the
	 *  default) or 2 (v2.0.0: needed for a decision's results of
	 *  recognition) */
	int elmo_version;
} setara_elmo_options;

/* Version 1 of the options (without elmo_version) is still accepted. */
#define SETARA_ELMO_OPTIONS_VERSION 2
#define SETARA_ELMO_OPTIONS_INIT \
	{ SETARA_ELMO_OPTIONS_VERSION, NULL, NULL, NULL, NULL, 1 }

/**
 * Export a signed transcript (ELMO 1.7.0 or 2.0.0) or a signed transfer
 * decision (ELMO 2.0.0 only: one resultOfRecognition per item) as an
 * EMREX ELMO document.
 *
 * The document is verified first with the verifier of @p opts.  An
 * invalid document is refused: the call returns 0, @p out stays empty
 * and @p verdict says why.  Otherwise (valid, or indeterminate: the
 * caller decides what to make of checks that could not be made) @p out
 * receives the ELMO document, signed when @p opts names a signer.
 *
 * @param[out] out the ELMO document (UTF-8 XML); reset first.
 * @param[out] verdict the document's verdict; free it with
 *             setara_verdict_free().  Required.
 * @return 0, SETARA_EINVALID (not a transcript or decision, a decision
 *         with ELMO 1.7, malformed, a level, credit system or
 *         institution the reference data does not know, or a value
 *         ELMO requires that the document does not have: the last
 *         error names the field),
 *         SETARA_ENOTFOUND, SETARA_ESTORE, SETARA_ENOMEM or -1.
 */
SETARA_EXTERN(int) setara_cred_export_elmo(setara_buf *out,
	setara_verdict **verdict, const char *data, size_t len,
	const char *name, const setara_elmo_options *opts);

SETARA_END_DECL

#endif
