/*
 * units.c — numbers written with units: rates, durations, fractions and
 * service-level targets, converted to the canonical units of units.h.
 *
 * Invariant: a parser either consumes the whole string and stores a finite
 * value in range, or returns CCS_EINVAL and leaves *out untouched.  We scan
 * the numeric part ourselves before handing it to strtod, because strtod
 * alone accepts leading blanks, hexadecimal, "inf" and "nan", none of which
 * a planner means when typing "180".
 */
#include "ccsim/units.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A unit suffix and the factor that converts to the canonical unit. */
typedef struct unit {
    const char *name;
    double factor;
} unit;

/* Durations -> seconds.  "m" is minutes (no call center measures in metres). */
static const unit duration_units[] = {
    {"ms", 0.001},
    {"s", 1.0},      {"sec", 1.0},     {"secs", 1.0},
    {"second", 1.0}, {"seconds", 1.0},
    {"m", 60.0},     {"min", 60.0},    {"mins", 60.0},
    {"minute", 60.0}, {"minutes", 60.0},
    {"h", 3600.0},   {"hr", 3600.0},   {"hrs", 3600.0},
    {"hour", 3600.0}, {"hours", 3600.0},
};

/* Rates "/unit" -> per hour. */
static const unit rate_units[] = {
    {"s", 3600.0},   {"sec", 3600.0},  {"second", 3600.0},
    {"m", 60.0},     {"min", 60.0},    {"minute", 60.0},
    {"h", 1.0},      {"hr", 1.0},      {"hour", 1.0},
    {"d", 1.0 / 24.0}, {"day", 1.0 / 24.0},
};

#define N_UNITS(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Scans a decimal number at s: [+-]digits[.digits][(e|E)[+-]digits], with
 * at least one digit in the mantissa.  Returns the number of characters it
 * covers (0 if s does not start with a number); *v gets the value, which
 * must be finite.  allow_sign = 0 rejects a leading sign (and so negatives).
 */
static size_t scan_number(const char *s, int allow_sign, double *v)
{
    size_t i = 0;
    size_t digits = 0;
    if (s[i] == '+' || s[i] == '-') {
        if (!allow_sign) {
            return 0;
        }
        i++;
    }
    while (s[i] >= '0' && s[i] <= '9') {
        i++;
        digits++;
    }
    if (s[i] == '.') {
        i++;
        while (s[i] >= '0' && s[i] <= '9') {
            i++;
            digits++;
        }
    }
    if (digits == 0) {
        return 0;
    }
    if (s[i] == 'e' || s[i] == 'E') {
        size_t j = i + 1;
        if (s[j] == '+' || s[j] == '-') {
            j++;
        }
        if (s[j] >= '0' && s[j] <= '9') {
            while (s[j] >= '0' && s[j] <= '9') {
                j++;
            }
            i = j;
        }
    }
    /* strtod stops exactly where our scan did, since the syntax is a subset
     * of what it accepts; a copy keeps it from reading further. */
    char buf[128];
    if (i >= sizeof buf) {
        return 0;
    }
    memcpy(buf, s, i);
    buf[i] = '\0';
    errno = 0;
    char *end = NULL;
    double x = strtod(buf, &end);
    if (end != buf + i || !isfinite(x)) {
        return 0;
    }
    *v = x;
    return i;
}

static const char *skip_blanks(const char *s)
{
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    return s;
}

/* Blanks may separate a number from its unit ("180 s") but may not end the
 * string: "180 " is as malformed as " 180".  Returns NULL for that case. */
static const char *unit_start(const char *s)
{
    const char *u = skip_blanks(s);
    return (u != s && *u == '\0') ? NULL : u;
}

/* Looks up the unit named exactly by s; returns its factor or 0. */
static double find_unit(const unit *units, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(units[i].name, s) == 0) {
            return units[i].factor;
        }
    }
    return 0.0;
}

int ccs_units_real(const char *s, double *out)
{
    double v;
    if (!s) {
        return CCS_EINVAL;
    }
    size_t n = scan_number(s, 1, &v);
    if (n == 0 || s[n] != '\0') {
        return CCS_EINVAL;
    }
    *out = v;
    return CCS_OK;
}

int ccs_units_int(const char *s, long lo, long hi, long *out)
{
    if (!s) {
        return CCS_EINVAL;
    }
    size_t i = 0;
    if (s[i] == '+' || s[i] == '-') {
        i++;
    }
    if (s[i] < '0' || s[i] > '9') {
        return CCS_EINVAL;
    }
    while (s[i] >= '0' && s[i] <= '9') {
        i++;
    }
    if (s[i] != '\0') {
        return CCS_EINVAL;
    }
    errno = 0;
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (errno == ERANGE || *end != '\0' || v < lo || v > hi) {
        return CCS_EINVAL;
    }
    *out = v;
    return CCS_OK;
}

/* A number followed by an optional unit from table (after `sep`, e.g. '/',
 * when sep is not 0), scaled to the canonical unit: the common part of
 * durations and rates.  No unit means the canonical one. */
static int scaled(const char *s, char sep, const unit *table, size_t n_table, double *out)
{
    double v;
    if (!s) {
        return CCS_EINVAL;
    }
    size_t n = scan_number(s, 0, &v);
    const char *u = n ? unit_start(s + n) : NULL;
    if (!u) {
        return CCS_EINVAL;
    }
    if (*u != '\0') {
        if (sep) {
            if (*u != sep) {
                return CCS_EINVAL;
            }
            u = skip_blanks(u + 1);
        }
        double factor = find_unit(table, n_table, u);
        if (factor == 0.0) {
            return CCS_EINVAL;
        }
        v *= factor;
    }
    if (!isfinite(v)) {
        return CCS_EINVAL;
    }
    *out = v;
    return CCS_OK;
}

int ccs_units_duration(const char *s, double *seconds)
{
    return scaled(s, 0, duration_units, N_UNITS(duration_units), seconds);
}

int ccs_units_rate(const char *s, double *per_hour)
{
    return scaled(s, '/', rate_units, N_UNITS(rate_units), per_hour);
}

/*
 * The fraction part of a fraction or SL string, up to *end_out.  "80%" is a
 * percentage; a bare number is a fraction unless percent_if_above_one and it
 * exceeds 1 (the SL form "80/20" is universally read as 80%).
 */
static int scan_fraction(const char *s, int percent_if_above_one, double *frac,
                         const char **end_out)
{
    double v;
    size_t n = scan_number(s, 0, &v);
    if (n == 0) {
        return CCS_EINVAL;
    }
    const char *p = skip_blanks(s + n);
    if (*p == '%') {
        v /= 100.0;
        p++;
    } else {
        p = s + n;
        if (percent_if_above_one && v > 1.0) {
            v /= 100.0;
        }
    }
    if (!(v >= 0.0 && v <= 1.0)) {
        return CCS_EINVAL;
    }
    *frac = v;
    *end_out = p;
    return CCS_OK;
}

int ccs_units_fraction(const char *s, double *frac)
{
    double v;
    const char *end;
    if (!s || scan_fraction(s, 0, &v, &end) != CCS_OK || *end != '\0') {
        return CCS_EINVAL;
    }
    *frac = v;
    return CCS_OK;
}

int ccs_units_sl(const char *s, double *frac, double *threshold_s)
{
    double f;
    double t;
    const char *end;
    if (!s || scan_fraction(s, 1, &f, &end) != CCS_OK) {
        return CCS_EINVAL;
    }
    end = skip_blanks(end);
    if (*end != '/') {
        return CCS_EINVAL;
    }
    end = skip_blanks(end + 1);
    if (ccs_units_duration(end, &t) != CCS_OK) {
        return CCS_EINVAL;
    }
    *frac = f;
    *threshold_s = t;
    return CCS_OK;
}
