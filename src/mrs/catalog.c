/*
 * Discovery of the occupational standards: one catalog entry each, with
 * the level of its qualification and the AQRF level it requires (none for
 * a regional benchmark).
 */
#include "mrs_int.h"
#include "store/store_api.h"

int setara_mrs_occupations(setara_store *st, setara_catalog_cb cb,
	void *payload)
{
	return setara_store__catalog(st,
		"SELECT CASE WHEN m.req_aqrf IS NULL THEN 'benchmark'"
		" ELSE 'occupation' END, m.id, m.title, m.country, NULL,"
		" m.level, m.req_aqrf, m.src, m.confidence, m.status, s.path,"
		" m.line FROM mrs_standard m JOIN source s"
		" ON s.id = m.source_id ORDER BY m.id", cb, payload);
}
