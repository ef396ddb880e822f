/*
 * scenario_dist.c — a distribution setting { dist = "gamma"; mean = 180;
 * cv = 0.8; } read into a ccs_dist (see scenario_reader.h): the keys each
 * kind takes, their ranges, and ccs_dist_prepare()'s checks of the derived
 * parameters, reported at the group.
 */
#include <math.h>
#include <string.h>

#include "ccsim/units.h"
#include "scenario/scenario_reader.h"

#define MAX_ERLANG_K 1000L

static const char *const keys_mean[] = {"dist", "mean", NULL};
static const char *const keys_uniform[] = {"dist", "min", "max", NULL};
static const char *const keys_mean_cv[] = {"dist", "mean", "cv", NULL};
static const char *const keys_erlang[] = {"dist", "mean", "k", NULL};
static const char *const keys_empirical[] = {"dist", "values", "cdf", NULL};

static int read_empirical(ccs__reader *r, const config_setting_t *g, ccs_dist *d)
{
    const config_setting_t *sv =
        ccs__require(r, g, "values", "an array of durations, e.g. [60, 120]");
    if (!sv) {
        return CCS_ECONFIG;
    }
    if (ccs__get_values(r, sv, ccs_units_duration, "a duration in seconds", 0.0, 0, INFINITY, &d->x,
                        &d->n) != CCS_OK) {
        return CCS_ECONFIG;
    }
    for (int i = 0; i < d->n; i++) {
        if (ccs__check_year(r, config_setting_get_elem(sv, (unsigned)i), d->x[i], 1.0) != CCS_OK) {
            return CCS_ECONFIG;
        }
    }
    const config_setting_t *scdf = config_setting_get_member(g, "cdf");
    if (!scdf) {
        return CCS_OK;
    }
    int n = 0;
    if (ccs__get_values(r, scdf, ccs_units_fraction, "a probability", 0.0, 0, 1.0, &d->cdf, &n) !=
        CCS_OK) {
        return CCS_ECONFIG;
    }
    if (n != d->n) {
        return ccs__fail_at(r, scdf, "expected %d CDF points (as many as values), got %d", d->n, n);
    }
    for (int i = 1; i < n; i++) {
        if (d->x[i] < d->x[i - 1]) {
            return ccs__fail_at(r, config_setting_get_elem(sv, (unsigned)i),
                                "expected values in ascending order with a cdf, got %g after %g",
                                d->x[i], d->x[i - 1]);
        }
        if (d->cdf[i] < d->cdf[i - 1]) {
            return ccs__fail_at(r, config_setting_get_elem(scdf, (unsigned)i),
                                "expected a non-decreasing cdf, got %g after %g", d->cdf[i],
                                d->cdf[i - 1]);
        }
    }
    if (d->cdf[0] != 0.0 || d->cdf[n - 1] != 1.0) {
        return ccs__fail_at(r, scdf, "expected a cdf from 0 to 1, got %g ... %g", d->cdf[0],
                            d->cdf[n - 1]);
    }
    return CCS_OK;
}

/* Reads a distribution group into d (d must be zeroed; on failure the
 * caller's cleanup releases whatever d owns). */
int ccs__read_dist(ccs__reader *r, const config_setting_t *g, ccs_dist *d)
{
    const char *name = "";
    ccs_dist_kind kind = CCS_DIST_NONE;
    if (ccs__expect_group(r, g, "a distribution { dist = \"exponential\"; mean = ...; }") !=
        CCS_OK) {
        return CCS_ECONFIG;
    }
    const config_setting_t *sd =
        ccs__require(r, g, "dist", "the kind, e.g. dist = \"exponential\"");
    if (!sd || ccs__get_string(r, sd, &name) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (ccs_dist_kind_from_name(name, &kind) != CCS_OK || kind == CCS_DIST_NONE) {
        return ccs__fail_at(r, sd,
                            "unknown distribution \"%.40s\" (expected exponential, "
                            "deterministic, uniform, gamma, erlang, lognormal or empirical)",
                            name);
    }
    const char *const *keys = keys_mean;
    switch (kind) {
    case CCS_DIST_UNIFORM:
        keys = keys_uniform;
        break;
    case CCS_DIST_GAMMA:
    case CCS_DIST_LOGNORMAL:
        keys = keys_mean_cv;
        break;
    case CCS_DIST_ERLANG:
        keys = keys_erlang;
        break;
    case CCS_DIST_EMPIRICAL:
        keys = keys_empirical;
        break;
    default:
        break;
    }
    if (ccs__check_keys(r, g, keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    d->kind = kind;
    const config_setting_t *s;
    long k;
    switch (kind) {
    case CCS_DIST_UNIFORM:
        if (!(s = ccs__require(r, g, "min", "the lower bound (seconds)")) ||
            ccs__get_duration(r, s, 0.0, 0, &d->min) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if (!(s = ccs__require(r, g, "max", "the upper bound (seconds)")) ||
            ccs__get_duration(r, s, 0.0, 0, &d->max) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if (d->max < d->min) {
            return ccs__fail_at(r, s, "expected max >= min (%g), got %g", d->min, d->max);
        }
        break;
    case CCS_DIST_EMPIRICAL:
        if (read_empirical(r, g, d) != CCS_OK) {
            return CCS_ECONFIG;
        }
        break;
    default:
        /* A constant may be 0 (no after-call work); a random time needs a mean > 0. */
        if (!(s = ccs__require(r, g, "mean", "the mean (seconds, or a string like \"3m\")")) ||
            ccs__get_duration(r, s, 0.0, kind != CCS_DIST_DETERMINISTIC, &d->mean) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if (kind == CCS_DIST_GAMMA || kind == CCS_DIST_LOGNORMAL) {
            if (!(s = ccs__require(r, g, "cv",
                                   "the coefficient of variation (sd / mean), e.g. 0.8")) ||
                ccs__get_value(r, s, NULL, 1.0, "a number", CCS_DIST_CV_MIN, 0, CCS_DIST_CV_MAX, 0,
                               &d->cv) != CCS_OK) {
                return CCS_ECONFIG;
            }
        }
        if (kind == CCS_DIST_ERLANG) {
            if (!(s = ccs__require(r, g, "k", "the number of phases, e.g. k = 3")) ||
                ccs__get_long(r, s, 1, MAX_ERLANG_K, &k) != CCS_OK) {
                return CCS_ECONFIG;
            }
            d->k = (int)k;
        }
        break;
    }
    ccs_error de;
    ccs_error_clear(&de);
    if (ccs_dist_prepare(d, &de) != CCS_OK) {
        return ccs__fail_at(r, g, "%s", de.msg[0] ? de.msg : "invalid distribution parameters");
    }
    return CCS_OK;
}

/* An optional dist member: absent leaves d as it is (the default). */
int ccs__opt_dist(ccs__reader *r, const config_setting_t *g, const char *name, ccs_dist *d)
{
    const config_setting_t *s = config_setting_get_member(g, name);
    if (!s) {
        return CCS_OK;
    }
    ccs_dist_fini(d);
    memset(d, 0, sizeof *d);
    return ccs__read_dist(r, s, d);
}
