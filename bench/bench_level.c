/*
 * Level maps per second, in-process, on a loaded store: the public
 * setara_qf_level_map() to the AQRF and to another framework (with its
 * full trace), setara_qf_level_compare(), and the internal
 * setara_qf__aqrf_range() that the credential and MRS code call per level.
 *
 * Usage: bench_level STORE [SECONDS]  (the store must be loaded)
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "setara.h"
#include "qf/qf_api.h"

static const char *const refs[] = {
	"ph-pqf:6", "my-mqf:4", "id-kkni:8", "th-nqf:5", "vn-vqf:6",
	"bn-bdqf:4", "kh-cqf:3", "th-tqf:3", "mm-mnqf:7", "sg-wsq:3",
	"la-nvqf:2", "eqf:6", "id-kkni:9", "ph-pqf:2", "my-mqf:7", "aqrf:5"
};
#define NREFS (sizeof(refs) / sizeof(refs[0]))

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

enum { MAP_AQRF, MAP_FW, COMPARE, RANGE };

static int one(setara_store *st, int kind, size_t i)
{
	setara_qf_map *m = NULL;
	setara_qf_comparison *c = NULL;
	int min, max, error;

	switch (kind) {
	case MAP_AQRF:
		error = setara_qf_level_map(&m, st, refs[i % NREFS], NULL);
		break;
	case MAP_FW:
		error = setara_qf_level_map(&m, st, refs[i % NREFS],
			i & 1 ? "my-mqf" : "id-kkni");
		break;
	case COMPARE:
		error = setara_qf_level_compare(&c, st, refs[i % NREFS],
			refs[(i + 3) % NREFS]);
		break;
	default:
		error = setara_qf__aqrf_range(st, refs[i % NREFS], &min, &max,
			NULL, NULL);
		break;
	}
	setara_qf_map_free(m);
	setara_qf_comparison_free(c);
	return error;
}

static double rate(setara_store *st, int kind, double secs)
{
	double t0 = now(), t;
	size_t n = 0, k;

	do {
		for (k = 0; k < 256; k++, n++)
			if (one(st, kind, n) < 0) {
				fprintf(stderr, "bench_level: %s\n",
					setara_error_last()->message);
				exit(1);
			}
		t = now() - t0;
	} while (t < secs);
	return (double)n / t;
}

int main(int argc, char **argv)
{
	setara_store *st = NULL;
	double secs = argc > 2 ? atof(argv[2]) : 1.0;

	if (argc < 2) {
		fprintf(stderr, "usage: bench_level STORE [SECONDS]\n");
		return 2;
	}
	if (setara_init() < 0 ||
	    setara_store_open(&st, argv[1], SETARA_STORE_READONLY) < 0 ||
	    setara_store_is_loaded(st) != 1) {
		fprintf(stderr, "bench_level: %s: not a loaded store (%s)\n",
			argv[1], setara_error_last()->message);
		return 1;
	}
	printf("level map to AQRF (with trace):  %10.0f /s\n",
		rate(st, MAP_AQRF, secs));
	printf("level map to another framework:  %10.0f /s\n",
		rate(st, MAP_FW, secs));
	printf("level compare:                   %10.0f /s\n",
		rate(st, COMPARE, secs));
	printf("aqrf range (internal):           %10.0f /s\n",
		rate(st, RANGE, secs));
	setara_store_free(st);
	setara_shutdown();
	return 0;
}
