/*
 * units.h — parsing numbers written with units, shared by the CLI and the
 * scenario reader so that "1000/h", "3m" and "80%" mean the same everywhere.
 *
 * Every parser takes the whole string: trailing garbage, empty strings, NaN,
 * infinities and out-of-range numbers are rejected (return CCS_EINVAL and
 * leave *out untouched).  Canonical units: rates per hour, times in seconds,
 * fractions in [0,1].
 */
#ifndef CCSIM_UNITS_H
#define CCSIM_UNITS_H

#include "ccsim/error.h"

/* Rate: "1000", "1000/h", "16.7/min", "0.28/s" -> calls per hour (>= 0). */
int ccs_units_rate(const char *s, double *per_hour);

/* Duration: "180", "180s", "3m", "1.5h", "2min" -> seconds (>= 0). */
int ccs_units_duration(const char *s, double *seconds);

/* Fraction: "80%" or "0.80" -> 0.80; must lie in [0,1]. */
int ccs_units_fraction(const char *s, double *frac);

/* Service-level target "80/20", "80%/20s", "0.8/20" -> fraction and seconds. */
int ccs_units_sl(const char *s, double *frac, double *threshold_s);

/* Plain real number, whole string, finite. */
int ccs_units_real(const char *s, double *out);

/* Integer "50" in [lo, hi]. */
int ccs_units_int(const char *s, long lo, long hi, long *out);

#endif
