/*
 * The store's private header, for the files of src/store: the handle's
 * layout.  Other components include store_api.h.
 */
#ifndef SETARA_STORE_INT_H
#define SETARA_STORE_INT_H

#include "store_api.h"

struct setara_store {
	sqlite3 *db;
	char *path;
	int tx_depth;           /* nesting of setara_store__begin() */
	int lock_fd;            /* issuing lock (PATH.lock), -1 when not held */
	unsigned int flags;
	/* the register's backend (register_backend.h), never NULL */
	const struct setara_register__backend *backend;
	struct setara_pg *pg;   /* the PostgreSQL backend's state, or NULL */
	struct {
		const char *sql;       /* identity: a static string */
		sqlite3_stmt *stmt;
	} cache[128];
};

/*
 * The store's own component first, then the registered ones, in the order
 * their migrations run; NULL past the end.
 */
const setara_store__component *setara_store__component_at(size_t i);

/* 1 once setara_init() has registered the components. */
int setara_store__components_ready(void);

#endif
