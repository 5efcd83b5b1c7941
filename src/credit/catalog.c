/*
 * Discovery of the credit data: the credit systems, grade scales and
 * institutions (with their programmes and the agreements they host) as
 * catalog entries, each with its source and confidence.
 */
#include "credit_int.h"
#include "store/store_api.h"

int setara_credit_systems(setara_store *st, setara_catalog_cb cb,
	void *payload)
{
	return setara_store__catalog(st,
		"SELECT 'credit-system', c.id, c.name, c.country, NULL,"
		" c.unit, c.kind, c.src, c.confidence, c.status, s.path,"
		" c.line FROM credit_system c JOIN source s"
		" ON s.id = c.source_id ORDER BY c.id", cb, payload);
}

int setara_grade_scales(setara_store *st, setara_catalog_cb cb,
	void *payload)
{
	return setara_store__catalog(st,
		"SELECT 'grade-scale', g.id, g.name, g.country, NULL, g.kind,"
		" NULL, g.src, g.confidence, g.status, s.path, g.line"
		" FROM grade_scale g JOIN source s ON s.id = g.source_id"
		" ORDER BY g.id", cb, payload);
}

/* Each institution, then its programmes, then the agreements it hosts. */
int setara_institutions(setara_store *st, setara_catalog_cb cb,
	void *payload)
{
	return setara_store__catalog(st,
		"SELECT kind, id, name, country, parent, detail, detail2,"
		" src, confidence, status, path, line FROM ("
		" SELECT 'institution' AS kind, i.id, i.name, i.country,"
		"  NULL AS parent, i.credit_system AS detail,"
		"  i.grade_scale AS detail2, i.src, i.confidence, i.status,"
		"  s.path, i.line, i.id AS k1, 0 AS k2, '' AS k3"
		"  FROM credit_institution i JOIN source s"
		"  ON s.id = i.source_id"
		" UNION ALL"
		" SELECT 'programme', p.id, p.name, i.country, p.institution,"
		"  p.level, p.credits, p.src, p.confidence, p.status, s.path,"
		"  p.line, p.institution, 1, p.id"
		"  FROM credit_programme p JOIN credit_institution i"
		"  ON i.id = p.institution JOIN source s ON s.id = i.source_id"
		" UNION ALL"
		" SELECT 'agreement', a.id, a.name, NULL, a.host, a.partner,"
		"  a.valid_from, a.src, a.confidence, a.status, s.path, a.line,"
		"  a.host, 2, a.id"
		"  FROM credit_agreement a JOIN source s ON s.id = a.source_id)"
		" ORDER BY k1, k2, k3", cb, payload);
}
