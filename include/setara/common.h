/*
 * setara: common definitions shared by every public header.
 *
 * Every public function is declared with SETARA_EXTERN.  Functions return
 * 0 on success or a negative error code (see errors.h); a verdict
 * (valid/invalid, granted/refused, recognised/not) is never an error and is
 * reported through the output structure of the call that produced it.
 */
#ifndef SETARA_COMMON_H
#define SETARA_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define SETARA_BEGIN_DECL extern "C" {
#define SETARA_END_DECL }
#else
#define SETARA_BEGIN_DECL
#define SETARA_END_DECL
#endif

#if defined(__GNUC__)
#define SETARA_EXTERN(type) extern __attribute__((visibility("default"))) type
#define SETARA_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define SETARA_EXTERN(type) extern type
#define SETARA_PRINTF(f, a)
#endif

#define SETARA_VERSION "0.1.0"
#define SETARA_VERSION_MAJOR 0
#define SETARA_VERSION_MINOR 1
#define SETARA_VERSION_PATCH 0

/** Namespace of reference data files (frameworks/, mappings/). */
#define SETARA_NS_DATA "urn:setara:data:1"
/** Namespace of issued documents (transcripts, certificates, ...). */
#define SETARA_NS_DOC "urn:setara:doc:1"

/** Confidence of a reference fact, as the data files state it. */
typedef enum {
	SETARA_CONFIDENCE_UNKNOWN = 0,
	SETARA_CONFIDENCE_LOW,
	SETARA_CONFIDENCE_MEDIUM,
	SETARA_CONFIDENCE_HIGH
} setara_confidence;

#endif
