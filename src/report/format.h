/*
 * format.h — private to the report writers (src/report/): how every writer
 * prints an estimate (a mean with its 95% confidence interval, stats.h) in
 * text, CSV and JSON, so that the run, cost, campaign, compare, sweep,
 * staff and validate outputs share one definition of each shape.
 *
 * Invariant: nothing here prints a non-finite number.  An estimate that is
 * undefined (a ratio over zero calls) or whose mean is not finite prints as
 * "-" in text, empty CSV cells and JSON nulls.
 *
 * The writers grew apart before this module existed, and their outputs are
 * contracts (golden outputs, users' scripts): where two of them printed the
 * same estimate differently, the difference is kept as a named style rather
 * than changed — the flags below and ccs__csv_style say which writer uses
 * which.
 */
#ifndef CCSIM_REPORT_FORMAT_H
#define CCSIM_REPORT_FORMAT_H

#include <stddef.h>
#include <stdio.h>
#include <jansson.h>

#include "ccsim/error.h"
#include "ccsim/stats.h"

/* Styles of an estimate in text and JSON (bits, 0 = the run report's). */
enum {
    /* Numbers rounded by printf alone, so a value just below 0 can print
     * as "-0.0" (the agent-group and campaign tables of `run`, sweep,
     * staff); without it a value that rounds to zero prints as "0.0". */
    CCS__EST_RAW = 1u << 0,
    /* "-" (JSON: all null) unless the interval's ends are finite too
     * (costs, compare, sweep's money); without it only the mean must be. */
    CCS__EST_ALL_FINITE = 1u << 1,
    /* The unit after each of the three numbers, "82.40% [80.00%, 84.00%]"
     * (validate); without it only after the mean, "82.4% [80.0, 84.0]". */
    CCS__EST_UNIT_EACH = 1u << 2,
};

/* Whether e prints as a number under `flags` (else "-" / null). */
int ccs__est_shown(const ccs_estimate *e, unsigned flags);

/* v with dec decimals, never "-0.0"; "-" when v is not finite. */
void ccs__fmt_num(char *buf, size_t n, double v, int dec);

/* "mean[unit] [lo, hi]", each of the three times scale with dec decimals,
 * or "-" when the estimate is not shown; a non-finite end prints as "-". */
void ccs__fmt_est(char *buf, size_t n, const ccs_estimate *e, double scale, int dec,
                  const char *unit, unsigned flags);

/* ccs__fmt_est with each number right-aligned in width columns (the
 * schedule's table, " 82.4% [ 81.1,  83.7]"). */
void ccs__fmt_est_w(char *buf, size_t n, const ccs_estimate *e, double scale, int dec,
                    const char *unit, unsigned flags, int width);

/* The run report's "82.4% [81.1, 83.7]" (ccs__fmt_est with flags 0). */
void ccs__fmt_ci(char *buf, size_t n, const ccs_estimate *e, double scale, int dec,
                 const char *unit);

/* "12.3 [11.9, 12.7]" rounded by printf (ccs__fmt_est with CCS__EST_RAW,
 * no unit). */
void ccs__fmt_estimate(char *buf, size_t n, const ccs_estimate *e, double scale, int dec);

/* Half-width of e's interval: the larger side, so that a clipped
 * (asymmetric) interval is not understated. */
double ccs__half_width(const ccs_estimate *e);

/* Table cell "mean[unit] ±half" (U+00B1), or "-" when e is not shown. */
void ccs__fmt_pm(char *buf, size_t n, const ccs_estimate *e, double scale, int dec,
                 const char *unit, unsigned flags);

/* Digits of a number in CSV. */
typedef enum ccs__csv_style {
    CCS__CSV_SHORTEST = 0,   /* the fewest significant digits (15 to 17) that read back
                                as exactly v, 0.824 not 0.82399999999999995 (run, compare) */
    CCS__CSV_G17             /* always %.17g (sweep, staff): also reads back exactly */
} ccs__csv_style;

/* ",v"; "," alone when !ok or v is not finite. */
void ccs__csv_num_as(FILE *fp, double v, int ok, ccs__csv_style style);

/* ccs__csv_num_as(fp, v, ok, CCS__CSV_SHORTEST). */
void ccs__csv_num(FILE *fp, double v, int ok);

/* ",mean,lo,hi", the three cells empty unless ok && e is shown (flags 0). */
void ccs__csv_est(FILE *fp, const ccs_estimate *e, int ok, ccs__csv_style style);

/* A finite real, or null (jansson refuses NaN and infinities). */
json_t *ccs__json_num(double v, int ok);

/* {"mean": x, "ci95": [lo, hi]}, all null when e is not shown under flags,
 * a non-finite end null.  Returns a new reference, or NULL (and *bad = 1)
 * when out of memory. */
json_t *ccs__json_est(const ccs_estimate *e, unsigned flags, int *bad);

/* ccs__json_est(e, 0, bad). */
json_t *ccs__json_estimate(const ccs_estimate *e, int *bad);

/* Sets obj[key] = v (stealing v); *bad = 1 when v is NULL or it fails. */
void ccs__json_put(json_t *obj, const char *key, json_t *v, int *bad);

/* Writes root as the commands' JSON (2-space indent, 17 significant
 * digits) and a newline; returns 0, or -1 when writing fails. */
int ccs__json_dump(json_t *root, FILE *fp);

/* The planning writers' JSON (erlang, requirements, schedule): root as
 * built (keys in insertion order), 2-space indent, 17 significant digits,
 * a newline, then ccs__flush().  Takes root (decref'd).  CCS_OK or CCS_EIO
 * ("write error" in err). */
int ccs__json_write_ordered(json_t *root, FILE *fp, ccs_error *err);

/* Flushes fp: CCS_OK, or CCS_EIO ("write error" in err) when the stream
 * has failed — every writer's last step, so a full disk is an error. */
int ccs__flush(FILE *fp, ccs_error *err);

/* The planning writers' CSV cell: ",%.17g", ",inf" / ",-inf", and an
 * empty cell for NaN (never expected; better than "nan"). */
void ccs__csv_real(FILE *fp, double v);

#endif
