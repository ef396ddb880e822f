/*
 * backoffice_report.c — back-office work in the run report: a text
 * section per type (the day, then its intervals), CSV columns per type
 * after the interval table's, and the "backoffice" JSON object (keys:
 * arrived, done, on_time_share, backlog, backlog_late, oldest_age_s,
 * wait_s, sojourn_s, aht_s, agent_hours, voice_agent_hours, voice_share;
 * docs/output.md).
 */
#include <stddef.h>
#include <stdio.h>

#include "report/backoffice_report.h"

#include "ccsim/backoffice.h"
#include "ccsim/scenario.h"
#include "report/format.h"

typedef struct bo_fig {
    const char *key;       /* JSON key, CSV column suffix */
    const char *label;     /* text label */
    size_t offset;         /* in ccs_bo_figures */
    double scale;          /* text: 100 for percentages, 1/3600 for hours */
    int dec;               /* text decimals */
} bo_fig;

#define BF(key, label, scale, dec) {#key, label, offsetof(ccs_bo_figures, key), scale, dec}

static const bo_fig bo_figs[] = {
    BF(arrived, "items arrived", 1, 1),
    BF(done, "items done", 1, 1),
    BF(on_time_share, "done within the deadline, %", 100, 1),
    BF(backlog, "backlog at the end (items waiting)", 1, 1),
    BF(backlog_late, "  of which past the deadline", 1, 1),
    BF(oldest_age_s, "oldest waiting item's age, h", 1 / 3600.0, 2),
    BF(wait_s, "mean wait before work starts, h", 1 / 3600.0, 2),
    BF(sojourn_s, "mean arrival to completion, h", 1 / 3600.0, 2),
    BF(aht_s, "mean handle time, min", 1 / 60.0, 1),
    BF(agent_hours, "agent-hours worked", 1, 1),
    BF(voice_agent_hours, "  of which by voice agents", 1, 1),
    BF(voice_share, "items done by voice agents, %", 100, 1),
};

#define N_BO_FIGS (sizeof bo_figs / sizeof bo_figs[0])

/* The interval columns (CSV) and the interval table (text). */
static const int interval_figs[] = {0, 1, 2, 3, 4, 5, 10};
static const char *const interval_heads[] = {"arrived",  "done",     "on time",      "backlog",
                                             "past due", "oldest h", "voice agent-h"};
#define N_INTERVAL_FIGS (sizeof interval_figs / sizeof interval_figs[0])

static const ccs_estimate *get(const ccs_bo_figures *f, const bo_fig *d)
{
    return (const ccs_estimate *)((const char *)f + d->offset);
}

static void clock_label(char *buf, size_t n, double offset_s)
{
    long s = (long)(offset_s + 0.5);
    snprintf(buf, n, "%02ld:%02ld", s / 3600, (s / 60) % 60);
}

/* Who works type b: "claims (back office), voice (when idle)". */
static void workers(FILE *fp, const ccs_scenario *sc, int b)
{
    const char *sep = "";
    for (int g = 0; g < sc->n_groups; g++) {
        if (ccs_group_bo_index(&sc->groups[g], b) >= 0) {
            fprintf(fp, "%s%s (%s)", sep, sc->groups[g].name,
                    sc->groups[g].n_serves > 0 ? "when no call waits" : "back office");
            sep = ", ";
        }
    }
}

void ccs__backoffice_report_text(FILE *fp, const ccs_results *r)
{
    const ccs_scenario *sc = r->sc;
    for (int b = 0; b < sc->n_backoffice; b++) {
        const ccs_backoffice *ty = &sc->backoffice[b];
        ccs_bo_figures f;
        ccs_results_backoffice(r, b, 0, sc->n_intervals, &f);
        fprintf(fp, "\nBack office \"%s\": deadline %g h on completion; worked by ", ty->name,
                ty->deadline_s / 3600.0);
        workers(fp, sc, b);
        fprintf(fp, "\n");
        for (size_t i = 0; i < N_BO_FIGS; i++) {
            char buf[96];
            ccs__fmt_ci(buf, sizeof buf, get(&f, &bo_figs[i]), bo_figs[i].scale, bo_figs[i].dec,
                        "");
            fprintf(fp, "  %-40s %s\n", bo_figs[i].label, buf);
        }
        fprintf(fp, "  Intervals, mean ± half-width (backlog and oldest age at the interval's end)\n");
        fprintf(fp, "  %4s %-6s", "#", "start");
        for (size_t j = 0; j < N_INTERVAL_FIGS; j++) {
            fprintf(fp, j + 1 < N_INTERVAL_FIGS ? " %-15s" : " %s\n", interval_heads[j]);
        }
        for (int k = 0; k < sc->n_intervals; k++) {
            ccs_bo_figures fk;
            ccs_results_backoffice(r, b, k, k + 1, &fk);
            char clock[48];
            clock_label(clock, sizeof clock, ccs_scenario_interval_start(sc, k));
            fprintf(fp, "  %4d %-6s", k, clock);
            for (size_t j = 0; j < N_INTERVAL_FIGS; j++) {
                const bo_fig *d = &bo_figs[interval_figs[j]];
                char buf[64];
                ccs__fmt_pm(buf, sizeof buf, get(&fk, d), d->scale, d->dec,
                            d->scale == 100 ? "%" : "", 0);
                /* "±" is two bytes: one more than the header's width. */
                fprintf(fp, j + 1 < N_INTERVAL_FIGS ? " %-16s" : " %s\n", buf);
            }
        }
    }
    if (sc->n_backoffice > 0 && r->groups) {
        fprintf(fp, "\nBack-office share of agent time on shift, by group, mean [95%% CI]\n");
        for (int g = 0; g < sc->n_groups; g++) {
            if (sc->groups[g].n_bo > 0) {
                char buf[96];
                ccs__fmt_ci(buf, sizeof buf, &r->groups[g].backoffice_share, 100, 1, "%");
                fprintf(fp, "  %-24s %s\n", sc->groups[g].name, buf);
            }
        }
    }
}

void ccs__backoffice_csv_header(FILE *fp, const ccs_results *r)
{
    const ccs_scenario *sc = r->sc;
    for (int b = 0; b < sc->n_backoffice; b++) {
        for (size_t j = 0; j < N_INTERVAL_FIGS; j++) {
            const char *key = bo_figs[interval_figs[j]].key;
            const char *name = sc->backoffice[b].name;
            fprintf(fp, ",bo_%s_%s,bo_%s_%s_lo,bo_%s_%s_hi", name, key, name, key, name, key);
        }
    }
}

void ccs__backoffice_csv_row(FILE *fp, const ccs_results *r, int k)
{
    const ccs_scenario *sc = r->sc;
    for (int b = 0; b < sc->n_backoffice; b++) {
        ccs_bo_figures f;
        ccs_results_backoffice(r, b, k, k + 1, &f);
        for (size_t j = 0; j < N_INTERVAL_FIGS; j++) {
            ccs__csv_est(fp, get(&f, &bo_figs[interval_figs[j]]), 1, CCS__CSV_SHORTEST);
        }
    }
}

static json_t *jfigs(const ccs_bo_figures *f, int *bad)
{
    json_t *o = json_object();
    if (!o) {
        *bad = 1;
        return NULL;
    }
    for (size_t i = 0; i < N_BO_FIGS; i++) {
        ccs__json_put(o, bo_figs[i].key, ccs__json_estimate(get(f, &bo_figs[i]), bad), bad);
    }
    return o;
}

json_t *ccs__backoffice_range_json(const ccs_results *r, int k0, int k1, int *bad)
{
    const ccs_scenario *sc = r->sc;
    json_t *all = json_object();
    if (!all) {
        *bad = 1;
        return NULL;
    }
    for (int b = 0; b < sc->n_backoffice; b++) {
        ccs_bo_figures f;
        ccs_results_backoffice(r, b, k0, k1, &f);
        ccs__json_put(all, sc->backoffice[b].name, jfigs(&f, bad), bad);
    }
    return all;
}

json_t *ccs__backoffice_report_json(const ccs_results *r, int *bad)
{
    const ccs_scenario *sc = r->sc;
    json_t *all = json_object();
    if (!all) {
        *bad = 1;
        return NULL;
    }
    for (int b = 0; b < sc->n_backoffice; b++) {
        const ccs_backoffice *ty = &sc->backoffice[b];
        json_t *o = json_object(), *iv = json_array(), *groups = json_array();
        if (!o || !iv || !groups) {
            json_decref(o);
            json_decref(iv);
            json_decref(groups);
            *bad = 1;
            break;
        }
        ccs_bo_figures f;
        ccs__json_put(o, "deadline_s", json_real(ty->deadline_s), bad);
        for (int g = 0; g < sc->n_groups; g++) {
            if (ccs_group_bo_index(&sc->groups[g], b) >= 0 &&
                json_array_append_new(groups, json_string(sc->groups[g].name)) != 0) {
                *bad = 1;
            }
        }
        ccs__json_put(o, "groups", groups, bad);
        ccs_results_backoffice(r, b, 0, sc->n_intervals, &f);
        ccs__json_put(o, "day", jfigs(&f, bad), bad);
        for (int k = 0; k < sc->n_intervals; k++) {
            ccs_results_backoffice(r, b, k, k + 1, &f);
            json_t *x = jfigs(&f, bad);
            if (!x || json_array_append_new(iv, x) != 0) {
                *bad = 1;
            }
        }
        ccs__json_put(o, "intervals", iv, bad);
        ccs__json_put(all, ty->name, o, bad);
    }
    return all;
}
