/*
 * setara init: create or upgrade the store and load the reference data.
 */
#include "cli.h"
#include "util/util.h"

static const cli_opt init_opts[] = {
	{ "import-register", 0, "FILE", "move the register of the sqlite "
	  "store FILE into this empty PostgreSQL one (docs/register.md)" },
	{ NULL, 0, NULL, NULL }
};

static const cli_cmd init_cmd = {
	"init", cmd_init,
	"Create or upgrade the store, then validate and load every file of\n"
	"frameworks/ and mappings/ in one transaction.  Unchanged files are\n"
	"skipped (content hash); a bad file leaves the store as it was.",
	"init [--db FILE] [--data DIR] [--import-register FILE]", init_opts,
	NULL
};

int cmd_init(cli *c, int argc, char **argv)
{
	setara_load_stats stats = SETARA_LOAD_STATS_INIT;
	setara__json j;
	setara_buf b = SETARA_BUF_INIT;
	cli_parser p;
	const char *data;
	const char *val[1] = { NULL };
	unsigned long moved = 0;
	unsigned repaired = 0;
	int rc = EXIT_OK, created;

	if (cli_args(&p, c, &init_cmd, argc, argv, val, 0, &rc))
		goto done;
	if (*cli_db_path(c) == '\0') {
		rc = cli_fail(c);
		goto done;
	}
	created = !setara__exists(setara_store_local_path(c->db_path,
	    cli_cache()));
	if ((data = cli_data_dir(c)) == NULL ||
	    setara_store_open_cached(&c->store, c->db_path,
	    cli_cache(), 0) < 0 ||
	    setara_store_load(c->store, data, &stats) < 0 ||
	    setara_register_recover(c->store, &repaired) < 0 ||
	    (val[0] && setara_register_import(c->store, val[0], &moved) < 0)) {
		rc = cli_fail(c);
		/* A store that failed its first load is not left behind. */
		if (created)
			cli_discard_store(c, c->db_path);
		goto done;
	}
	if (c->json) {
		cli_json_begin(&j, &b, NULL);
		setara__json_str(&j, "store", setara_store_name(c->store));
		setara__json_str(&j, "data", data);
		setara__json_int(&j, "files", stats.files);
		setara__json_int(&j, "loaded", stats.loaded);
		setara__json_int(&j, "unchanged", stats.unchanged);
		setara__json_int(&j, "removed", stats.removed);
		setara__json_int(&j, "recovered", repaired);
		if (val[0])
			setara__json_int(&j, "imported_rows", (long long)moved);
		if (cli_json_end(&j, &b, 0) < 0)
			rc = cli_fail(c);
	} else {
		printf("store %s: %u data files from %s (%u loaded, "
			"%u unchanged, %u removed)\n",
			setara_store_name(c->store), stats.files,
			data, stats.loaded, stats.unchanged, stats.removed);
		if (repaired)
			printf("register: settled %u interrupted issue%s\n",
				repaired, repaired == 1 ? "" : "s");
		if (val[0])
			printf("register: %lu rows moved from %s\n", moved,
				val[0]);
	}
done:
	setara_buf_dispose(&b);
	cli_parser_dispose(&p);
	return rc;
}
