/*
 * Exact numbers for credits and grades: reduced fractions of two 64-bit
 * integers.  Every decimal written in a data file or a record ("7.5",
 * "2.25") is one of these, and so is every non-terminating quotient of a
 * conversion (Indonesia's 170 minutes a week over 16 weeks is 136/3
 * hours), so sums and products are exact and nothing ever goes through
 * binary floating point.  Rounding happens only where a rule says so,
 * with the rule's step and direction (setara__dec_round).
 *
 * Intermediate products use 128 bits; a result that does not fit in 64
 * bits after reduction is an overflow (SETARA_EINVALID), never a wrong
 * value.
 *
 * One of two exact-number types, on purpose (docs/conventions.md): this
 * one is the arithmetic of conversions and transfer rules, which divide.
 * The other, setara_cred__dec_* in src/cred/cred_int.h (a count of
 * millionths), is the document format of credits on transcripts, which
 * are only summed: its parser is the check that a value has at most 12
 * integer and 6 fraction digits and no sign, and its output is the
 * document's spelling.  Merging them would change which totals a
 * transcript accepts.
 */
#ifndef SETARA_DEC_H
#define SETARA_DEC_H

#include <stddef.h>
#include <stdint.h>

/* num / den with den > 0 and gcd(|num|, den) = 1; zero is 0/1. */
typedef struct setara__dec {
	int64_t num;
	int64_t den;
} setara__dec;

#define SETARA_DEC_ZERO { 0, 1 }

/* Enough for any value setara__dec_format() writes, with the NUL. */
#define SETARA_DEC_BUFSIZE 80

/* Directions of rounding (setara__dec_round). */
typedef enum {
	SETARA_ROUND_NEAREST = 0, /* nearest multiple; halves away from 0 */
	SETARA_ROUND_DOWN,        /* toward minus infinity (floor) */
	SETARA_ROUND_UP,          /* toward plus infinity (ceiling) */
	SETARA_ROUND_TRUNCATE     /* toward zero */
} setara__round_mode;

/*
 * Parse "12", "-7.25", "0.125" or a fraction "136/3" (no exponent, no
 * spaces, at most 18 significant digits).  SETARA_EINVALID when
 * malformed or too large.  Does not set the last error: the caller knows
 * the file, line and field, and says so.
 */
int setara__dec_parse(setara__dec *out, const char *s);

/* The integer @n. */
setara__dec setara__dec_int(int64_t n);

/*
 * Arithmetic.  @out may alias an operand.  SETARA_EINVALID (with the last
 * error set) on overflow or division by zero.
 */
int setara__dec_add(setara__dec *out, setara__dec a, setara__dec b);
int setara__dec_sub(setara__dec *out, setara__dec a, setara__dec b);
int setara__dec_mul(setara__dec *out, setara__dec a, setara__dec b);
int setara__dec_div(setara__dec *out, setara__dec a, setara__dec b);

/* -1, 0 or 1 as a < b, a = b, a > b (exact, never overflows). */
int setara__dec_cmp(setara__dec a, setara__dec b);
/* -1, 0, 1: the sign of @a. */
int setara__dec_sign(setara__dec a);
/* 1 when @a is a whole number. */
int setara__dec_is_int(setara__dec a);
/* 1 when @a has a finite decimal expansion (its denominator is 2^i 5^j). */
int setara__dec_is_terminating(setara__dec a);
setara__dec setara__dec_min(setara__dec a, setara__dec b);
setara__dec setara__dec_max(setara__dec a, setara__dec b);

/*
 * Round @x to a multiple of @step (> 0) in direction @mode:
 * step 1 gives whole numbers, 0.5 halves, 0.01 hundredths.
 */
int setara__dec_round(setara__dec *out, setara__dec x, setara__dec step,
	setara__round_mode mode);

/*
 * The exact value as text: a decimal when it terminates ("7.5", "-2.25",
 * "3"), else a fraction ("136/3").  Returns @buf.
 */
char *setara__dec_format(char buf[SETARA_DEC_BUFSIZE], setara__dec x);

/*
 * @x rounded to nearest with @places fraction digits, trailing zeros
 * kept ("45.33" for 136/3 and 2 places).  Returns @buf.
 */
char *setara__dec_format_fixed(char buf[SETARA_DEC_BUFSIZE], setara__dec x,
	int places);

/*
 * As setara__dec_format, and for a non-terminating value also its
 * rounded decimal: "136/3 (~45.33)".  For people, not for parsing.
 */
char *setara__dec_format_human(char buf[SETARA_DEC_BUFSIZE], setara__dec x);

#endif
