/*
 * format.c — estimates in text, CSV and JSON for every report writer (see
 * format.h).  Invariant: no non-finite number is ever printed.
 */
#include "report/format.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int ccs__est_shown(const ccs_estimate *e, unsigned flags)
{
    if (!e->defined || !isfinite(e->mean)) {
        return 0;
    }
    return !(flags & CCS__EST_ALL_FINITE) || (isfinite(e->lo) && isfinite(e->hi));
}

void ccs__fmt_num(char *buf, size_t n, double v, int dec)
{
    if (!isfinite(v)) {
        snprintf(buf, n, "-");
        return;
    }
    double half = 0.5 * pow(10.0, -dec);
    if (fabs(v) < half) {
        v = 0.0;
    }
    snprintf(buf, n, "%.*f", dec, v);
}

/* One number of an estimate under flags, right-aligned in width columns. */
static void est_num_w(char *buf, size_t n, double v, int dec, unsigned flags, int width)
{
    char num[64];
    if ((flags & CCS__EST_RAW) && isfinite(v)) {
        snprintf(num, sizeof num, "%.*f", dec, v);
    } else {
        ccs__fmt_num(num, sizeof num, v, dec);
    }
    snprintf(buf, n, "%*s", width, num);
}

static void est_num(char *buf, size_t n, double v, int dec, unsigned flags)
{
    est_num_w(buf, n, v, dec, flags, 0);
}

void ccs__fmt_est(char *buf, size_t n, const ccs_estimate *e, double scale, int dec,
                  const char *unit, unsigned flags)
{
    ccs__fmt_est_w(buf, n, e, scale, dec, unit, flags, 0);
}

void ccs__fmt_est_w(char *buf, size_t n, const ccs_estimate *e, double scale, int dec,
                    const char *unit, unsigned flags, int width)
{
    if (!ccs__est_shown(e, flags)) {
        snprintf(buf, n, "-");
        return;
    }
    const char *u = unit ? unit : "";
    int each = (flags & CCS__EST_UNIT_EACH) != 0;
    char m[64], lo[64], hi[64];
    est_num_w(m, sizeof m, e->mean * scale, dec, flags, width);
    est_num_w(lo, sizeof lo, e->lo * scale, dec, flags, width);
    est_num_w(hi, sizeof hi, e->hi * scale, dec, flags, width);
    snprintf(buf, n, "%s%s [%s%s, %s%s]", m, u, lo, each && isfinite(e->lo) ? u : "", hi,
             each && isfinite(e->hi) ? u : "");
}

void ccs__fmt_ci(char *buf, size_t n, const ccs_estimate *e, double scale, int dec,
                 const char *unit)
{
    ccs__fmt_est(buf, n, e, scale, dec, unit, 0);
}

void ccs__fmt_estimate(char *buf, size_t n, const ccs_estimate *e, double scale, int dec)
{
    ccs__fmt_est(buf, n, e, scale, dec, "", CCS__EST_RAW);
}

double ccs__half_width(const ccs_estimate *e)
{
    return fmax(e->hi - e->mean, e->mean - e->lo);
}

void ccs__fmt_pm(char *buf, size_t n, const ccs_estimate *e, double scale, int dec,
                 const char *unit, unsigned flags)
{
    if (!ccs__est_shown(e, flags)) {
        snprintf(buf, n, "-");
        return;
    }
    char m[64], p[64];
    est_num(m, sizeof m, e->mean * scale, dec, flags);
    est_num(p, sizeof p, ccs__half_width(e) * scale, dec, flags);
    snprintf(buf, n, "%s%s \xc2\xb1%s", m, unit ? unit : "", p);   /* U+00B1 */
}

void ccs__csv_num_as(FILE *fp, double v, int ok, ccs__csv_style style)
{
    if (!ok || !isfinite(v)) {
        fputc(',', fp);
        return;
    }
    if (style == CCS__CSV_G17) {
        fprintf(fp, ",%.17g", v);
        return;
    }
    char buf[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v) {
            break;
        }
    }
    fprintf(fp, ",%s", buf);
}

void ccs__csv_num(FILE *fp, double v, int ok)
{
    ccs__csv_num_as(fp, v, ok, CCS__CSV_SHORTEST);
}

void ccs__csv_est(FILE *fp, const ccs_estimate *e, int ok, ccs__csv_style style)
{
    ccs__csv_num_as(fp, e->mean, ok, style);
    ccs__csv_num_as(fp, e->lo, ok, style);
    ccs__csv_num_as(fp, e->hi, ok, style);
}

json_t *ccs__json_num(double v, int ok)
{
    return ok && isfinite(v) ? json_real(v) : json_null();
}

void ccs__json_put(json_t *obj, const char *key, json_t *v, int *bad)
{
    if (!v || !obj || json_object_set_new(obj, key, v) != 0) {
        *bad = 1;
    }
}

json_t *ccs__json_est(const ccs_estimate *e, unsigned flags, int *bad)
{
    json_t *o = json_object();
    json_t *ci = json_array();
    if (!o || !ci) {
        json_decref(o);
        json_decref(ci);
        *bad = 1;
        return NULL;
    }
    int ok = ccs__est_shown(e, flags);
    if (json_array_append_new(ci, ccs__json_num(e->lo, ok)) != 0 ||
        json_array_append_new(ci, ccs__json_num(e->hi, ok)) != 0) {
        *bad = 1;
    }
    ccs__json_put(o, "mean", ccs__json_num(e->mean, ok), bad);
    ccs__json_put(o, "ci95", ci, bad);
    return o;
}

json_t *ccs__json_estimate(const ccs_estimate *e, int *bad)
{
    return ccs__json_est(e, 0, bad);
}

int ccs__json_dump(json_t *root, FILE *fp)
{
    if (json_dumpf(root, fp, JSON_INDENT(2) | JSON_REAL_PRECISION(17)) != 0) {
        return -1;
    }
    fputc('\n', fp);
    return 0;
}

int ccs__flush(FILE *fp, ccs_error *err)
{
    if (fflush(fp) != 0 || ferror(fp)) {
        return ccs_error_set(err, CCS_EIO, NULL, 0, NULL, "write error");
    }
    return CCS_OK;
}

int ccs__json_write_ordered(json_t *root, FILE *fp, ccs_error *err)
{
    int w = json_dumpf(root, fp, JSON_INDENT(2) | JSON_REAL_PRECISION(17) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (w != 0) {
        return ccs_error_set(err, CCS_EIO, NULL, 0, NULL, "write error");
    }
    fputc('\n', fp);
    return ccs__flush(fp, err);
}

void ccs__csv_real(FILE *fp, double v)
{
    if (isinf(v)) {
        fputs(v > 0 ? ",inf" : ",-inf", fp);
    } else if (isnan(v)) {
        fputs(",", fp);
    } else {
        fprintf(fp, ",%.17g", v);
    }
}
