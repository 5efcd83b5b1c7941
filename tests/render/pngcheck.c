/*
 * pngcheck: is a screenshot blank?  Decodes an 8-bit RGB or RGBA PNG (what
 * Chromium writes) with zlib alone, and reports its size, the number of
 * distinct colours and the share of pixels that differ from the most
 * common one (the background).  Exit 0 when the image is not blank: at
 * least MIN_COLOURS colours and MIN_INK per mille of non-background
 * pixels; 1 when blank; 2 when it cannot be read.
 *
 *   cc -O2 -o pngcheck pngcheck.c -lz && ./pngcheck shot.png
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define MIN_COLOURS 8
#define MIN_INK 10 /* per mille */
#define TABLE (1u << 16)

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
		(unsigned long)p[2] << 8 | p[3];
}

static int paeth(int a, int b, int c)
{
	int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);

	if (pa <= pb && pa <= pc)
		return a;
	return pb <= pc ? b : c;
}

static int fail(const char *path, const char *why)
{
	fprintf(stderr, "pngcheck: %s: %s\n", path, why);
	return 2;
}

int main(int argc, char **argv)
{
	static unsigned long keys[TABLE], counts[TABLE];
	unsigned char *file = NULL, *idat = NULL, *raw = NULL, *prev, *row;
	size_t flen = 0, ilen = 0, rawlen, stride, pos;
	unsigned long w = 0, h = 0, x, y, colours = 0, bg = 0, bgcount = 0;
	unsigned long long ink;
	int bpp = 0, rc = 2;
	FILE *f;
	uLongf outlen;

	if (argc != 2) {
		fprintf(stderr, "usage: pngcheck FILE.png\n");
		return 2;
	}
	if ((f = fopen(argv[1], "rb")) == NULL)
		return fail(argv[1], "cannot open");
	fseek(f, 0, SEEK_END);
	flen = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	file = malloc(flen ? flen : 1);
	if (file == NULL || fread(file, 1, flen, f) != flen) {
		fclose(f);
		rc = fail(argv[1], "cannot read");
		goto done;
	}
	fclose(f);
	if (flen < 33 || memcmp(file, "\211PNG\r\n\032\n", 8) != 0) {
		rc = fail(argv[1], "not a PNG");
		goto done;
	}
	idat = malloc(flen);
	for (pos = 8; pos + 12 <= flen;) {
		unsigned long len = be32(file + pos);
		const unsigned char *type = file + pos + 4;

		if (pos + 12 + len > flen)
			break;
		if (memcmp(type, "IHDR", 4) == 0) {
			w = be32(file + pos + 8);
			h = be32(file + pos + 12);
			if (file[pos + 16] != 8 || (file[pos + 17] != 2 &&
			    file[pos + 17] != 6) || file[pos + 20] != 0) {
				rc = fail(argv[1], "not 8-bit RGB(A), "
					"non-interlaced");
				goto done;
			}
			bpp = file[pos + 17] == 6 ? 4 : 3;
		} else if (memcmp(type, "IDAT", 4) == 0) {
			memcpy(idat + ilen, file + pos + 8, len);
			ilen += len;
		}
		pos += 12 + len;
	}
	if (w == 0 || h == 0 || bpp == 0 || w > 20000 || h > 40000) {
		rc = fail(argv[1], "no usable IHDR");
		goto done;
	}
	stride = (size_t)w * (size_t)bpp;
	rawlen = (stride + 1) * h;
	raw = malloc(rawlen);
	outlen = (uLongf)rawlen;
	if (raw == NULL || uncompress(raw, &outlen, idat, (uLong)ilen) !=
	    Z_OK || outlen != rawlen) {
		rc = fail(argv[1], "cannot inflate the image data");
		goto done;
	}
	/* Undo the filters in place, row by row. */
	prev = NULL;
	for (y = 0; y < h; y++) {
		unsigned char ft = raw[y * (stride + 1)];

		row = raw + y * (stride + 1) + 1;
		for (x = 0; x < stride; x++) {
			int a = x >= (unsigned)bpp ? row[x - bpp] : 0;
			int b = prev ? prev[x] : 0;
			int c = prev && x >= (unsigned)bpp ? prev[x - bpp] : 0;

			switch (ft) {
			case 0: break;
			case 1: row[x] = (unsigned char)(row[x] + a); break;
			case 2: row[x] = (unsigned char)(row[x] + b); break;
			case 3: row[x] = (unsigned char)(row[x] + (a + b) / 2);
				break;
			case 4: row[x] = (unsigned char)(row[x] +
					paeth(a, b, c));
				break;
			default:
				rc = fail(argv[1], "bad filter type");
				goto done;
			}
		}
		prev = row;
	}
	/* Count colours (open addressing; colours beyond the table's
	 * capacity are not counted, which only matters far above
	 * MIN_COLOURS). */
	memset(counts, 0, sizeof(counts));
	for (y = 0; y < h; y++) {
		row = raw + y * (stride + 1) + 1;
		for (x = 0; x < w; x++) {
			const unsigned char *p = row + x * (unsigned)bpp;
			unsigned long k = (unsigned long)p[0] << 16 |
				(unsigned long)p[1] << 8 | p[2];
			unsigned long i = (k * 2654435761u) & (TABLE - 1);
			unsigned long probes = 0;

			while (counts[i] && keys[i] != k && probes++ < TABLE)
				i = (i + 1) & (TABLE - 1);
			if (probes >= TABLE)
				continue;
			if (counts[i] == 0) {
				if (colours >= TABLE * 3 / 4)
					continue;
				keys[i] = k;
				colours++;
			}
			counts[i]++;
		}
	}
	for (x = 0; x < TABLE; x++)
		if (counts[x] > bgcount) {
			bgcount = counts[x];
			bg = keys[x];
		}
	ink = (unsigned long long)(w * h - bgcount) * 1000u / (w * h);
	printf("%s: %lux%lu, %lu colours, background #%06lx, %llu per mille "
		"ink\n", argv[1], w, h, colours, bg, ink);
	rc = colours >= MIN_COLOURS && ink >= MIN_INK ? 0 : 1;
	if (rc)
		fprintf(stderr, "pngcheck: %s: blank (fewer than %d colours "
			"or less than %d per mille ink)\n", argv[1],
			MIN_COLOURS, MIN_INK);
done:
	free(file);
	free(idat);
	free(raw);
	return rc;
}
