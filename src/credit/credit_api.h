/*
 * The credit component's interface for the rest of the library: only its
 * place in the store.  The other components call credit through its
 * public header (setara/credit.h); the files of src/credit include
 * credit_int.h.
 */
#ifndef SETARA_CREDIT_API_H
#define SETARA_CREDIT_API_H

#include "store/store_api.h"

/* The credit tables and reference-data loader (credit_store.c). */
extern const setara_store__component setara_credit__component;

/* The values the transfer record's schema keeps unique (record.c). */
extern const setara__xml_unique setara_credit__unique[];

#endif
