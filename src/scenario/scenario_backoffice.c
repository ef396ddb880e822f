/*
 * scenario_backoffice.c — the top-level `backoffice` list (deferrable work
 * types with a deadline) and the agent groups' `backoffice` key (which of
 * them a group works).  Keys, units and defaults: docs/backoffice.md and
 * docs/scenario-format.md.
 *
 *   backoffice = ( { name = "claims";
 *                    items_per_hour = 20.0;          # or one per interval (0)
 *                    batches = ( { at = "09:00"; items = 40; } );   # optional
 *                    deadline = "4h";                # completion, after arrival (24h)
 *                    handle_time = { dist = "exponential"; mean = "12m"; }; } );
 *   agents = ( { name = "claims"; count = 6; backoffice = [ "claims" ]; } );
 *
 * Read after the call types and before the agent groups (whose
 * `backoffice` lists name these types); ccs__check_backoffice() runs after
 * the groups: every type must be worked by some group.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/units.h"
#include "scenario/scenario_sections.h"

static const char *const bo_keys[] = {"name",     "items_per_hour", "batches",
                                      "deadline", "handle_time",    NULL};
static const char *const batch_keys[] = {"at", "items", NULL};

#define MAX_BATCH_ITEMS 10000000L

int ccs_scenario_find_backoffice(const ccs_scenario *sc, const char *name)
{
    for (int i = 0; i < sc->n_backoffice; i++) {
        if (strcmp(sc->backoffice[i].name, name) == 0) {
            return i;
        }
    }
    return -1;
}

/* A batch's time: a clock time "HH:MM" on the day (from horizon.start), or
 * minutes after the start of interval 0 ("90m", "1.5h" or a bare number of
 * minutes); inside the day. */
static int read_at(ccs__reader *r, const config_setting_t *s, double *out)
{
    const ccs_scenario *sc = r->sc;
    double day = sc->n_intervals * sc->interval_s;
    int hh, mm;
    char tail;
    if (config_setting_type(s) == CONFIG_TYPE_STRING &&
        sscanf(config_setting_get_string(s), "%d:%d%c", &hh, &mm, &tail) == 2 && hh >= 0 &&
        hh < 48 && mm >= 0 && mm < 60) {
        double t = hh * 3600.0 + mm * 60.0 - sc->start_s;
        if (t < 0 || t >= day) {
            return ccs__fail_at(r, s,
                                "expected a time inside the day (horizon.start and %d intervals "
                                "of %g min), got \"%.20s\"",
                                sc->n_intervals, sc->interval_s / 60.0,
                                config_setting_get_string(s));
        }
        *out = t;
        return CCS_OK;
    }
    double t;
    if (ccs__get_value(r, s, ccs_units_duration, 60.0,
                       "a clock time \"09:00\" or minutes after the day's start (\"90m\")", 0.0,
                       0, day, 1, &t) != CCS_OK) {
        return CCS_ECONFIG;
    }
    *out = t;
    return CCS_OK;
}

static int read_batches(ccs__reader *r, const config_setting_t *l, ccs_backoffice *bo)
{
    char got[96];
    if (config_setting_type(l) != CONFIG_TYPE_LIST || config_setting_length(l) < 1) {
        return ccs__fail_at(r, l, "expected a non-empty list of batches ( { at = ...; items = ...; } ), "
                                  "got %s",
                            ccs__describe(r, l, got, sizeof got));
    }
    int n = config_setting_length(l);
    if (n > CCS_MAX_BO_BATCHES) {
        return ccs__fail_at(r, l, "expected at most %d batches, got %d", CCS_MAX_BO_BATCHES, n);
    }
    bo->batch_at_s = calloc((size_t)n, sizeof *bo->batch_at_s);
    bo->batch_items = calloc((size_t)n, sizeof *bo->batch_items);
    if (!bo->batch_at_s || !bo->batch_items) {
        return ccs__fail_nomem(r);
    }
    bo->n_batches = n;
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(l, (unsigned)i);
        const config_setting_t *s;
        if (ccs__expect_group(r, e, "a batch { at = \"09:00\"; items = 40; }") != CCS_OK ||
            ccs__check_keys(r, e, batch_keys) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if (!(s = ccs__require(r, e, "at", "when the batch arrives, at = \"09:00\"")) ||
            read_at(r, s, &bo->batch_at_s[i]) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if (i > 0 && bo->batch_at_s[i] < bo->batch_at_s[i - 1]) {
            return ccs__fail_at(r, s, "expected the batches in time order (this one is before "
                                      "the one above it)");
        }
        if (!(s = ccs__require(r, e, "items", "how many items the batch brings, items = 40")) ||
            ccs__get_long(r, s, 0, MAX_BATCH_ITEMS, &bo->batch_items[i]) != CCS_OK) {
            return CCS_ECONFIG;
        }
    }
    return CCS_OK;
}

static int read_type(ccs__reader *r, const config_setting_t *g, int idx)
{
    ccs_scenario *sc = r->sc;
    ccs_backoffice *bo = &sc->backoffice[idx];
    bo->line = ccs__line_of(g);
    bo->deadline_s = 86400.0;
    if (ccs__expect_group(r, g,
                          "a back-office type { name = \"...\"; items_per_hour = ...; "
                          "deadline = \"4h\"; handle_time = { ... }; }") != CCS_OK ||
        ccs__check_keys(r, g, bo_keys) != CCS_OK ||
        ccs__get_name(r, g, "back-office type", bo->name, sizeof bo->name) != CCS_OK) {
        return CCS_ECONFIG;
    }
    for (int j = 0; j < idx; j++) {
        if (strcmp(sc->backoffice[j].name, bo->name) == 0) {
            return ccs__fail_at(r, config_setting_get_member(g, "name"),
                                "duplicate back-office type name \"%s\" (first defined on line %d)",
                                bo->name, sc->backoffice[j].line);
        }
    }
    bo->rate_per_hour = calloc((size_t)sc->n_intervals, sizeof *bo->rate_per_hour);
    if (!bo->rate_per_hour) {
        return ccs__fail_nomem(r);
    }
    const config_setting_t *s = config_setting_get_member(g, "items_per_hour");
    const config_setting_t *b = config_setting_get_member(g, "batches");
    if (!s && !b) {
        return ccs__fail_missing(r, g, "items_per_hour",
                                 "required: items_per_hour (a rate, or one per interval) or "
                                 "batches = ( { at = \"09:00\"; items = 40; } )");
    }
    if (s && ccs__get_per_interval(r, s, ccs_units_rate, "a rate in items per hour (or \"20/h\")",
                                   1.0, bo->rate_per_hour) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (b && read_batches(r, b, bo) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (ccs__opt_duration(r, g, "deadline", 0.0, 1, &bo->deadline_s) != CCS_OK) {
        return CCS_ECONFIG;
    }
    const config_setting_t *h =
        ccs__require(r, g, "handle_time", "the time an item takes, handle_time = { dist = ...; }");
    if (!h || ccs__read_dist(r, h, &bo->handle) != CCS_OK) {
        return CCS_ECONFIG;
    }
    /* Expected items per replication, within the bound on arrivals. */
    double items = 0;
    for (int k = 0; k < sc->n_intervals; k++) {
        items += bo->rate_per_hour[k] * sc->interval_s / 3600.0;
    }
    for (int i = 0; i < bo->n_batches; i++) {
        items += (double)bo->batch_items[i];
    }
    if (!(items <= CCS_MAX_ARRIVALS)) {
        return ccs__fail_at(r, s ? s : b, "expected at most %.0e items per replication, got %.3g",
                            CCS_MAX_ARRIVALS, items);
    }
    return CCS_OK;
}

int ccs__read_backoffice(ccs__reader *r, const config_setting_t *root)
{
    ccs_scenario *sc = r->sc;
    const config_setting_t *l = config_setting_get_member(root, "backoffice");
    char got[96];
    if (!l) {
        return CCS_OK;
    }
    if (config_setting_type(l) != CONFIG_TYPE_LIST || config_setting_length(l) < 1) {
        return ccs__fail_at(r, l, "expected a non-empty list of back-office types ( { ... } ), got %s",
                            ccs__describe(r, l, got, sizeof got));
    }
    int n = config_setting_length(l);
    if (n > CCS_MAX_BACKOFFICE) {
        return ccs__fail_at(r, l, "expected at most %d back-office types, got %d",
                            CCS_MAX_BACKOFFICE, n);
    }
    if ((double)sc->n_intervals * n > CCS_MAX_TALLY_CELLS) {
        return ccs__fail_at(r, l,
                            "expected intervals x back-office types of at most %.0e, got %d x %d",
                            CCS_MAX_TALLY_CELLS, sc->n_intervals, n);
    }
    sc->backoffice = calloc((size_t)n, sizeof *sc->backoffice);
    if (!sc->backoffice) {
        return ccs__fail_nomem(r);
    }
    sc->n_backoffice = n;
    return ccs__read_elems(r, l, read_type);
}

int ccs__read_group_backoffice(ccs__reader *r, const config_setting_t *g, ccs_agent_group *ag)
{
    const config_setting_t *s = config_setting_get_member(g, "backoffice");
    const config_setting_t *share = config_setting_get_member(g, "backoffice_share");
    if (!s) {
        if (share) {
            return ccs__fail_at(r, share,
                                "a back-office share needs the group's backoffice = [ ... ] "
                                "(the types it works)");
        }
        return CCS_OK;
    }
    if (r->sc->n_backoffice == 0) {
        return ccs__fail_at(r, s, "no back-office types: add a top-level backoffice = ( { ... } ) "
                                  "list first");
    }
    if (ccs__get_names(r, s, "a non-empty array of back-office type names [ \"...\" ]",
                       ccs_scenario_find_backoffice, "back-office type", "backoffice", &ag->bo,
                       &ag->n_bo) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return ccs__opt_fraction(r, g, "backoffice_share", &ag->bo_share);
}

int ccs__check_backoffice(ccs__reader *r, const config_setting_t *root)
{
    const ccs_scenario *sc = r->sc;
    const config_setting_t *l = config_setting_get_member(root, "backoffice");
    if ((double)sc->n_intervals * sc->n_backoffice * (sc->n_groups + 1) > CCS_MAX_TALLY_CELLS) {
        return ccs__fail_at(r, l,
                            "expected intervals x back-office types x (agent groups + 1) of at "
                            "most %.0e tally cells, got %d x %d x %d",
                            CCS_MAX_TALLY_CELLS, sc->n_intervals, sc->n_backoffice,
                            sc->n_groups + 1);
    }
    for (int b = 0; b < sc->n_backoffice; b++) {
        int covered = 0;
        for (int g = 0; g < sc->n_groups && !covered; g++) {
            for (int j = 0; j < sc->groups[g].n_bo; j++) {
                covered |= sc->groups[g].bo[j] == b;
            }
        }
        if (!covered) {
            return ccs__fail_at(r, config_setting_get_elem(l, (unsigned)b),
                                "back-office type \"%s\" is worked by no agent group (add it to "
                                "some group's backoffice = [ ... ])",
                                sc->backoffice[b].name);
        }
    }
    return CCS_OK;
}
