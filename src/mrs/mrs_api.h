/*
 * The mrs component's interface for the rest of the library: only its
 * place in the store.  Programs call mrs through its public header
 * (setara/mrs.h); the files of src/mrs include mrs_int.h.
 */
#ifndef SETARA_MRS_API_H
#define SETARA_MRS_API_H

#include "store/store_api.h"

/* The mrs tables and reference-data loader (mrs_store.c). */
extern const setara_store__component setara_mrs__component;

#endif
