/*
 * callback_report.c — callbacks in the run report: a text table, CSV
 * columns per interval (cb_ prefix) and the "callbacks" JSON object (keys:
 * offered, accepted, completed, failed, pending, dials, accept_rate,
 * time_to_callback_s, promises_kept).  docs/callbacks.md, docs/output.md.
 */
#include <stddef.h>
#include <stdio.h>

#include "report/callback_report.h"

#include "ccsim/scenario.h"
#include "report/format.h"

typedef struct cb_fig {
    const char *key;       /* JSON key; CSV column cb_<key> */
    const char *label;     /* text label */
    size_t offset;         /* in ccs_callback_figures */
    double scale;          /* text: 100 for percentages */
    int dec;               /* text decimals */
} cb_fig;

#define CBF(key, label, scale, dec) {#key, label, offsetof(ccs_callback_figures, key), scale, dec}

static const cb_fig cb_figs[] = {
    CBF(offered, "offered a callback", 1, 1),
    CBF(accepted, "accepted (left the queue)", 1, 1),
    CBF(completed, "completed (customer reached)", 1, 1),
    CBF(failed, "failed (attempts used up)", 1, 1),
    CBF(pending, "pending at the end of the day", 1, 1),
    CBF(dials, "dial-back attempts", 1, 1),
    CBF(accept_rate, "accepted, % of offered", 100, 1),
    CBF(time_to_callback_s, "time to callback, s", 1, 1),
    CBF(promises_kept, "promises kept, % of accepted", 100, 1),
};

#define N_CB_FIGS (sizeof cb_figs / sizeof cb_figs[0])

static const ccs_estimate *get(const ccs_callback_figures *f, const cb_fig *d)
{
    return (const ccs_estimate *)((const char *)f + d->offset);
}

static const char *mode_name(ccs_cb_mode m)
{
    return m == CCS_CB_WINDOW ? "window" : "keep_place";
}

static const char *rule_name(ccs_cb_rule r)
{
    switch (r) {
    case CCS_CB_QUEUE_BELOW:
        return "queue_below";
    case CCS_CB_RESERVED:
        return "reserved";
    case CCS_CB_LOWEST:
    default:
        return "lowest";
    }
}

void ccs__callback_report_text(FILE *fp, const ccs_results *r)
{
    const ccs_callbacks *cb = &r->sc->callbacks;
    if (!cb->on || !r->callbacks) {
        return;
    }
    fprintf(fp, "\nCallbacks (%s, rule %s), whole day, mean [95%% CI]\n", mode_name(cb->mode),
            rule_name(cb->rule));
    for (size_t i = 0; i < N_CB_FIGS; i++) {
        char buf[96];
        ccs__fmt_estimate(buf, sizeof buf, get(r->callbacks, &cb_figs[i]), cb_figs[i].scale,
                          cb_figs[i].dec);
        fprintf(fp, "  %-32s %s\n", cb_figs[i].label, buf);
    }
}

void ccs__callback_csv_header(FILE *fp)
{
    for (size_t i = 0; i < N_CB_FIGS; i++) {
        fprintf(fp, ",cb_%s,cb_%s_lo,cb_%s_hi", cb_figs[i].key, cb_figs[i].key, cb_figs[i].key);
    }
}

void ccs__callback_csv_row(FILE *fp, const ccs_results *r, int k)
{
    for (size_t i = 0; i < N_CB_FIGS; i++) {
        const ccs_estimate *e = get(&r->callback_intervals[k], &cb_figs[i]);
        ccs__csv_num(fp, e->mean, e->defined);
        ccs__csv_num(fp, e->lo, e->defined);
        ccs__csv_num(fp, e->hi, e->defined);
    }
}

json_t *ccs__callback_report_json(const ccs_results *r, int *bad)
{
    const ccs_callbacks *cb = &r->sc->callbacks;
    json_t *o = json_object();
    if (!o) {
        *bad = 1;
        return NULL;
    }
    ccs__json_put(o, "mode", json_string(mode_name(cb->mode)), bad);
    ccs__json_put(o, "rule", json_string(rule_name(cb->rule)), bad);
    ccs__json_put(o, "accept", json_real(cb->accept), bad);
    ccs__json_put(o, "reach", json_real(cb->reach), bad);
    ccs__json_put(o, "retries", json_integer(cb->retries), bad);
    for (size_t i = 0; i < N_CB_FIGS; i++) {
        ccs__json_put(o, cb_figs[i].key, ccs__json_estimate(get(r->callbacks, &cb_figs[i]), bad),
                      bad);
    }
    return o;
}
