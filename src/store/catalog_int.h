/*
 * The rows of a catalog (setara/catalog.h): each component lists its own
 * tables with one SELECT whose columns are, in order, kind, id, name,
 * country, parent, detail, detail2, source, confidence, status, file and
 * line; this runs it and hands each row to the callback.
 */
#ifndef SETARA_STORE_CATALOG_INT_H
#define SETARA_STORE_CATALOG_INT_H

#include "setara/catalog.h"

/* @return 0, the callback's non-zero value, or SETARA_ESTORE. */
int setara_store__catalog(setara_store *st, const char *sql,
	setara_catalog_cb cb, void *payload);

#endif
