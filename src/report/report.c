/*
 * report.c — formats the results of a run as text, CSV or JSON.
 *
 * One table (figs[]) names every figure, its JSON/CSV key and how text shows
 * it, so the three formats cannot drift apart.  Invariant: nothing printed
 * depends on the thread count or on time, and no non-finite number is ever
 * printed: undefined or non-finite values become "-", an empty CSV cell or
 * JSON null.  CSV and JSON carry 17 significant digits so values round-trip
 * exactly; text rounds for reading.
 */
#include "ccsim/report.h"

#include "report/callback_report.h"
#include "report/backoffice_report.h"
#include "report/campaign_report.h"
#include "report/chat_report.h"
#include "report/format.h"

#include "ccsim/cost_report.h"
#include "ccsim/workload.h"

#include <inttypes.h>
#include <stdarg.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

/* How text shows a figure. */
typedef enum fig_kind {
    FK_COUNT,     /* calls: one decimal (a mean over replications) */
    FK_FRAC,      /* a fraction, shown as a percentage */
    FK_SECONDS,   /* seconds, one decimal */
    FK_NUM        /* a plain average (queue length, agents), two decimals */
} fig_kind;

typedef struct fig_desc {
    const char *key;      /* JSON key and CSV column stem */
    const char *label;    /* text label in the day summary */
    size_t off;           /* offset in ccs_figures */
    fig_kind kind;
} fig_desc;

#define FIG(k, label, kind) {#k, label, offsetof(ccs_figures, k), kind}

/* Order of the day summary, of the CSV columns and of the JSON keys. */
static const fig_desc figs[] = {
    FIG(offered, "offered", FK_COUNT),
    FIG(handled, "handled", FK_COUNT),
    FIG(abandoned, "abandoned", FK_COUNT),
    FIG(abandoned_short, "short abandons", FK_COUNT),
    FIG(blocked, "blocked", FK_COUNT),
    FIG(retrials, "retrials", FK_COUNT),
    FIG(service_level, "service level", FK_FRAC),
    FIG(prob_wait, "P(wait)", FK_FRAC),
    FIG(asa_s, "ASA", FK_SECONDS),
    FIG(abandon_rate, "abandon rate", FK_FRAC),
    FIG(occupancy, "occupancy", FK_FRAC),
    FIG(aht_s, "AHT", FK_SECONDS),
    FIG(avg_queue, "avg queue", FK_NUM),
    FIG(max_queue, "max queue", FK_NUM),
    FIG(max_wait_s, "max wait", FK_SECONDS),
    FIG(agents, "agents", FK_NUM),
};

#define N_FIGS (sizeof figs / sizeof figs[0])

/* The transfer figures: after the others, only in a scenario with a
 * transfer of probability > 0 (ccs_scenario_has_transfers()). */
static const fig_desc xfer_figs[] = {
    FIG(transfers_out, "transfers out", FK_COUNT),
    FIG(transfers_in, "transfers in", FK_COUNT),
    FIG(transfer_rate, "transfer rate", FK_FRAC),
    FIG(customers_served, "customers served", FK_COUNT),
    FIG(customers_lost, "lost in transfer", FK_COUNT),
    FIG(e2e_first_wait_s, "first wait", FK_SECONDS),
    FIG(e2e_wait_s, "total wait", FK_SECONDS),
    FIG(e2e_agent_s, "agent time", FK_SECONDS),
};

#define N_XFER_FIGS (sizeof xfer_figs / sizeof xfer_figs[0])

/* The per group x type figures' keys (ccs_group_type_figures, in order),
 * shown in a scenario with transfers or a reserve. */
static const char *const gt_keys[] = {"handled", "agent_time_s", "occupancy", "aht_s"};
#define N_GT_KEYS (sizeof gt_keys / sizeof gt_keys[0])

static const ccs_estimate *fig_get(const ccs_figures *f, const fig_desc *d)
{
    return (const ccs_estimate *)(const void *)((const char *)f + d->off);
}

int ccs_report_format_from_name(const char *name, ccs_report_format *out)
{
    static const char *const names[] = {"text", "csv", "json"};
    for (int i = 0; name && i < 3; i++) {
        if (strcmp(name, names[i]) == 0) {
            *out = (ccs_report_format)i;
            return CCS_OK;
        }
    }
    return CCS_EINVAL;
}

const char *ccs_report_format_name(ccs_report_format f)
{
    switch (f) {
    case CCS_REPORT_TEXT:
        return "text";
    case CCS_REPORT_CSV:
        return "csv";
    case CCS_REPORT_JSON:
        return "json";
    }
    return "?";
}

/* ---- scenario-derived figures ---------------------------------------- */

double ccs_report_offered_load(const ccs_scenario *sc, int k)
{
    CCS_ASSERT(sc && k >= 0 && k < sc->n_intervals);
    return ccs_workload_interval(sc, k);
}

int ccs_report_agents(const ccs_scenario *sc, int k)
{
    CCS_ASSERT(sc && k >= 0 && k < sc->n_intervals);
    return ccs_workload_agents(sc, k);
}

int ccs_report_overloaded(const ccs_scenario *sc, int k)
{
    CCS_ASSERT(sc && k >= 0 && k < sc->n_intervals);
    return ccs_workload_overloaded(sc, k);
}

/* ---- text ------------------------------------------------------------- */

/* Scale of a kind for display and its number of decimals. */
static double kind_scale(fig_kind k)
{
    return k == FK_FRAC ? 100.0 : 1.0;
}

static int kind_decimals(fig_kind k)
{
    return k == FK_NUM ? 2 : 1;
}

static const char *kind_unit(fig_kind k)
{
    switch (k) {
    case FK_FRAC:
        return "%";
    case FK_SECONDS:
        return " s";
    default:
        return "";
    }
}

/* "82.4% [81.1, 83.7]" or "-" when undefined. */
static void fmt_ci(char *buf, size_t n, const ccs_estimate *e, fig_kind k)
{
    ccs__fmt_ci(buf, n, e, kind_scale(k), kind_decimals(k), kind_unit(k));
}

/* Table cell "81.2% ±1.3": the mean right-aligned in wm columns, the
 * half-width of the interval left-aligned in wp.  The half-width is the
 * larger side, so a clipped (asymmetric) interval is not understated. */
static void fmt_pm(char *buf, size_t n, const ccs_estimate *e, fig_kind k, int wm, int wp)
{
    if (!ccs__est_shown(e, 0)) {
        snprintf(buf, n, "%*s %-*s", wm, "-", wp, "");
        return;
    }
    double s = kind_scale(k);
    int dec = kind_decimals(k);
    char m[64], p[64], mu[80], pm[80];
    ccs__fmt_num(m, sizeof m, e->mean * s, dec);
    double hw = ccs__half_width(e);
    ccs__fmt_num(p, sizeof p, hw * s, dec);
    snprintf(mu, sizeof mu, "%s%s", m, k == FK_FRAC ? "%" : "");
    if (isfinite(hw)) {
        snprintf(pm, sizeof pm, "\xc2\xb1%s", p);   /* U+00B1 PLUS-MINUS SIGN */
    } else {
        snprintf(pm, sizeof pm, "-");
    }
    /* The UTF-8 plus-minus sign is two bytes but one column. */
    int pad = wp + (isfinite(hw) ? 1 : 0);
    snprintf(buf, n, "%*s %-*s", wm, mu, pad, pm);
}

/* Prints one table line without trailing blanks (cells are padded). */
static void row(FILE *fp, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void row(FILE *fp, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    size_t n = strlen(buf);
    while (n > 0 && buf[n - 1] == ' ') {
        buf[--n] = '\0';
    }
    fprintf(fp, "%s\n", buf);
}

/* Clock label of an offset from the start of the day: hh:mm (hh may pass
 * 23 on horizons over a day), hh:mm:ss when intervals are not whole minutes. */
static void fmt_clock(char *buf, size_t n, double offset_s, int with_seconds)
{
    long s = lround(offset_s);
    if (with_seconds) {
        snprintf(buf, n, "%02ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
    } else {
        snprintf(buf, n, "%02ld:%02ld", s / 3600, (s / 60) % 60);
    }
}

/* The service-level target shared by all call types, if there is one. */
static int common_target(const ccs_scenario *sc, double *target, double *threshold_s)
{
    if (sc->n_types < 1) {
        return 0;
    }
    *target = sc->types[0].sl_target;
    *threshold_s = sc->types[0].sl_threshold_s;
    for (int t = 1; t < sc->n_types; t++) {
        if (sc->types[t].sl_target != *target || sc->types[t].sl_threshold_s != *threshold_s) {
            return 0;
        }
    }
    return 1;
}

/* Whether the estimate meets a target, judged on its interval. */
static const char *target_verdict(const ccs_estimate *e, double target)
{
    if (!ccs__est_shown(e, 0)) {
        return "no calls";
    }
    if (e->lo >= target) {
        return "met";
    }
    if (e->hi < target) {
        return "missed";
    }
    return "target inside the 95% CI";
}

static void text_header(FILE *fp, const ccs_results *r)
{
    const ccs_scenario *sc = r->sc;
    char mins[32];
    snprintf(mins, sizeof mins, "%g", sc->interval_s / 60.0);
    fprintf(fp, "ccsim run: %s\n", sc->name);
    fprintf(fp, "  %-16s %s\n", "file", sc->file);
    fprintf(fp, "  %-16s %d (seed %" PRIu64 ")\n", "replications", r->replications, sc->seed);
    fprintf(fp, "  %-16s %d x %s min\n", "intervals", sc->n_intervals, mins);
    fprintf(fp, "  %-16s %" PRIu64 "\n", "events", r->events);
    fprintf(fp, "  %-16s %s\n", "SL definition", ccs_sl_def_name(sc->sl_definition));
    if (sc->volume_factor != 1.0) {
        fprintf(fp, "  %-16s %g (every call type's arrivals)\n", "volume factor",
                sc->volume_factor);
    }
}

static void text_summary(FILE *fp, const ccs_results *r)
{
    const ccs_scenario *sc = r->sc;
    fprintf(fp, "\nDay summary, mean [95%% CI] over %d replications\n", r->replications);
    for (size_t i = 0; i < N_FIGS; i++) {
        const ccs_estimate *e = fig_get(&r->summary, &figs[i]);
        char buf[200];
        fmt_ci(buf, sizeof buf, e, figs[i].kind);
        fprintf(fp, "  %-16s %s", figs[i].label, buf);
        if (strcmp(figs[i].key, "service_level") == 0) {
            double target, thr;
            if (common_target(sc, &target, &thr)) {
                fprintf(fp, "   target %g%% within %g s: %s", target * 100.0, thr,
                        target_verdict(e, target));
            } else {
                fprintf(fp, "   targets differ by call type (see below)");
            }
        }
        fputc('\n', fp);
    }
    if (ccs_scenario_has_transfers(sc)) {
        fprintf(fp, "  (offered and handled count each customer once, at its first contact)\n");
        for (size_t i = 0; i < N_XFER_FIGS; i++) {
            char buf[200];
            fmt_ci(buf, sizeof buf, fig_get(&r->summary, &xfer_figs[i]), xfer_figs[i].kind);
            fprintf(fp, "  %-16s %s\n", xfer_figs[i].label, buf);
        }
    }
}

/* Per call type: its contacts transferred out and in, and the end-to-end
 * service of the customers whose first contact was of the type. */
static void text_transfers(FILE *fp, const ccs_results *r)
{
    const ccs_scenario *sc = r->sc;
    int wn = 4;
    for (int t = 0; t < sc->n_types; t++) {
        int len = (int)strlen(sc->types[t].name);
        wn = len > wn ? len : wn;
    }
    fprintf(fp, "\nTransfers, and end to end by first call type, whole day, mean \xc2\xb1 "
                "half-width of the 95%% CI\n");
    row(fp, "  %-*s %7s %-6s %7s %-6s %7s %-6s %6s %-5s %7s %-6s %7s %-6s %7s %-6s", wn, "type",
        "out", "", "in", "", "served", "", "lost", "", "wait1 s", "", "wait s", "", "agent s", "");
    for (int t = 0; t < sc->n_types; t++) {
        const ccs_figures *f = &r->types[t];
        char o[256], i[256], sv[256], l[256], w1[256], w[256], a[256];
        fmt_pm(o, sizeof o, &f->transfers_out, FK_COUNT, 7, 6);
        fmt_pm(i, sizeof i, &f->transfers_in, FK_COUNT, 7, 6);
        fmt_pm(sv, sizeof sv, &f->customers_served, FK_COUNT, 7, 6);
        fmt_pm(l, sizeof l, &f->customers_lost, FK_COUNT, 6, 5);
        fmt_pm(w1, sizeof w1, &f->e2e_first_wait_s, FK_SECONDS, 7, 6);
        fmt_pm(w, sizeof w, &f->e2e_wait_s, FK_SECONDS, 7, 6);
        fmt_pm(a, sizeof a, &f->e2e_agent_s, FK_SECONDS, 7, 6);
        row(fp, "  %-*s %s %s %s %s %s %s %s", wn, sc->types[t].name, o, i, sv, l, w1, w, a);
    }
}

static void text_intervals(FILE *fp, const ccs_results *r, double ab_limit)
{
    const ccs_scenario *sc = r->sc;
    int with_seconds = fmod(sc->interval_s, 60.0) != 0.0;
    int any_over = 0, any_ab = 0;
    fprintf(fp, "\nIntervals, mean \xc2\xb1 half-width of the 95%% CI (start = clock time)\n");
    row(fp, "  %4s %-8s %9s %-8s %7s %6s %-6s %7s %-7s %6s %-6s %6s %-6s", "#",
            "start", "offered", "", "agents", "SL", "", "ASA s", "", "aband", "", "occ",
            "");
    for (int k = 0; k < sc->n_intervals; k++) {
        const ccs_figures *f = &r->intervals[k];
        char clock[32], off[256], ag[64], sl[256], asa[256], ab[256], occ[256];
        fmt_clock(clock, sizeof clock, ccs_scenario_interval_start(sc, k), with_seconds);
        fmt_pm(off, sizeof off, &f->offered, FK_COUNT, 9, 8);
        if (ccs__est_shown(&f->agents, 0)) {
            ccs__fmt_num(ag, sizeof ag, f->agents.mean, 1);
        } else {
            snprintf(ag, sizeof ag, "-");
        }
        fmt_pm(sl, sizeof sl, &f->service_level, FK_FRAC, 6, 6);
        fmt_pm(asa, sizeof asa, &f->asa_s, FK_SECONDS, 7, 7);
        fmt_pm(ab, sizeof ab, &f->abandon_rate, FK_FRAC, 6, 6);
        fmt_pm(occ, sizeof occ, &f->occupancy, FK_FRAC, 6, 6);
        int over = ccs_report_overloaded(sc, k);
        any_over |= over;
        char flag[48];
        any_ab |= ccs_report_abandon_flag(&f->abandon_rate, ab_limit, flag, sizeof flag);
        row(fp, "  %4d %-8s %s %7s %s %s %s %s%s%s", k, clock, off, ag, sl, asa, ab, occ,
                over ? "  overloaded*" : "", flag);
    }
    if (any_ab) {
        ccs_report_abandon_note(fp, ab_limit, "`ccsim run --max-abandon FRAC` sets the threshold");
    }
    if (any_over) {
        fprintf(fp,
                "  * overloaded: offered load (rate x mean handle time) >= agents on shift, and\n"
                "    some calls never leave the queue (no patience, no queue limit): the queue is\n"
                "    unstable, waits grow for as long as the overload lasts and carry into the\n"
                "    next intervals, so these figures depend on the horizon, not a steady state.\n");
    }
}

static void text_types(FILE *fp, const ccs_results *r)
{
    const ccs_scenario *sc = r->sc;
    int wn = 4;
    for (int t = 0; t < sc->n_types; t++) {
        int len = (int)strlen(sc->types[t].name);
        if (len > wn) {
            wn = len;
        }
    }
    fprintf(fp, "\nCall types, whole day, mean \xc2\xb1 half-width of the 95%% CI\n");
    row(fp, "  %-*s %9s %-8s %9s %-8s %6s %-6s %-9s %7s %-7s %6s %-6s %7s", wn, "type",
            "offered", "", "handled", "", "SL", "", "target", "ASA s", "", "aband", "",
            "AHT s");
    for (int t = 0; t < sc->n_types; t++) {
        const ccs_figures *f = &r->types[t];
        const ccs_call_type *ct = &sc->types[t];
        char off[256], hnd[256], sl[256], tgt[64], asa[256], ab[256], aht[64];
        fmt_pm(off, sizeof off, &f->offered, FK_COUNT, 9, 8);
        fmt_pm(hnd, sizeof hnd, &f->handled, FK_COUNT, 9, 8);
        fmt_pm(sl, sizeof sl, &f->service_level, FK_FRAC, 6, 6);
        snprintf(tgt, sizeof tgt, "%g%%/%gs", ct->sl_target * 100.0, ct->sl_threshold_s);
        fmt_pm(asa, sizeof asa, &f->asa_s, FK_SECONDS, 7, 7);
        fmt_pm(ab, sizeof ab, &f->abandon_rate, FK_FRAC, 6, 6);
        if (ccs__est_shown(&f->aht_s, 0)) {
            ccs__fmt_num(aht, sizeof aht, f->aht_s.mean, 1);
        } else {
            snprintf(aht, sizeof aht, "-");
        }
        row(fp, "  %-*s %s %s %s %-9s %s %s %7s", wn, ct->name, off, hnd, sl, tgt, asa, ab,
                aht);
    }
}

/* Group g's work on each type it serves (ccs_results_show_group_types()).
 * The figures need scratch memory: its failure is the report's, not a
 * silently missing row. */
static int text_group_types(FILE *fp, const ccs_results *r, int g)
{
    const ccs_agent_group *gr = &r->sc->groups[g];
    for (int i = 0; i < gr->n_serves; i++) {
        ccs_group_type_figures f;
        char h[96], a[96], o[96], aht[64];
        int rc = ccs_results_group_type(r, 0, r->sc->n_intervals, g, gr->serves[i], &f);
        if (rc != CCS_OK) {
            return rc;
        }
        ccs_estimate hours = f.agent_time_s;
        hours.mean /= 3600.0, hours.lo /= 3600.0, hours.hi /= 3600.0;
        ccs__fmt_estimate(h, sizeof h, &f.handled, 1, 0);
        ccs__fmt_estimate(a, sizeof a, &hours, 1, 1);
        ccs__fmt_estimate(o, sizeof o, &f.occupancy, 100, 1);
        if (ccs__est_shown(&f.aht_s, 0)) {
            ccs__fmt_num(aht, sizeof aht, f.aht_s.mean, 1);
        } else {
            snprintf(aht, sizeof aht, "-");
        }
        fprintf(fp, "    %s, level %d: handled %s, agent h %s, occ %% %s, AHT %s s\n",
                r->sc->types[gr->serves[i]].name, ccs_group_level(gr, i), h, a, o, aht);
    }
    return CCS_OK;
}

/* One line per agent group: how busy it was and on what. */
static int text_groups(FILE *fp, const ccs_results *r)
{
    const ccs_scenario *sc = r->sc;
    fprintf(fp, "\nAgent groups, whole day, mean [95%% CI]\n");
    for (int g = 0; g < sc->n_groups; g++) {
        const ccs_group_figures *f = &r->groups[g];
        char ag[96], oc[96], in[96], out[96], hi[96], ho[96];
        ccs__fmt_estimate(ag, sizeof ag, &f->agents, 1, 1);
        ccs__fmt_estimate(oc, sizeof oc, &f->occupancy, 100, 1);
        ccs__fmt_estimate(in, sizeof in, &f->inbound_share, 100, 1);
        ccs__fmt_estimate(out, sizeof out, &f->outbound_share, 100, 1);
        ccs__fmt_estimate(hi, sizeof hi, &f->handled, 1, 0);
        ccs__fmt_estimate(ho, sizeof ho, &f->outbound_handled, 1, 0);
        fprintf(fp, "  %s\n", sc->groups[g].name);
        fprintf(fp, "    agents on shift    %s\n", ag);
        if (sc->n_campaigns > 0) {
            fprintf(fp, "    occupancy, %%       %s   (inbound %s, outbound %s)\n", oc, in, out);
            fprintf(fp, "    calls handled      %s inbound, %s outbound\n", hi, ho);
        } else {
            fprintf(fp, "    occupancy, %%       %s\n", oc);
            fprintf(fp, "    calls handled      %s\n", hi);
        }
        int rc = ccs_results_show_group_types(r) ? text_group_types(fp, r, g) : CCS_OK;
        if (rc != CCS_OK) {
            return rc;
        }
    }
    return CCS_OK;
}

static int check_stream(FILE *fp, ccs_error *err)
{
    if (ferror(fp)) {
        return ccs_error_set(err, CCS_EIO, NULL, 0, NULL, "writing the report failed");
    }
    return CCS_OK;
}

int ccs_report_text(FILE *fp, const ccs_results *r, ccs_error *err)
{
    return ccs_report_text_opts(fp, r, NULL, err);
}

int ccs_report_text_opts(FILE *fp, const ccs_results *r, const ccs_report_options *o,
                         ccs_error *err)
{
    CCS_ASSERT(fp && r && r->sc);
    double ab_limit = o && o->max_abandon > 0 ? o->max_abandon : CCS_REPORT_ABANDON_WARN;
    text_header(fp, r);
    /* An outbound-only center has no inbound tables to show. */
    if (r->sc->n_types > 0) {
        text_summary(fp, r);
        text_intervals(fp, r, ab_limit);
    }
    if (r->sc->n_types > 1) {
        text_types(fp, r);
    }
    if (ccs_scenario_has_transfers(r->sc)) {
        text_transfers(fp, r);
    }
    if (r->groups && (r->sc->n_groups > 1 || r->sc->n_campaigns > 0)) {
        int rc = text_groups(fp, r);
        if (rc != CCS_OK) {
            return ccs_error_set(err, rc, NULL, 0, NULL,
                                 rc == CCS_ENOMEM ? "out of memory" : "per group x type figures failed");
        }
    }
    if (r->sc->n_campaigns > 0) {
        ccs__campaign_report_text(fp, r);
    }
    if (r->callbacks) {
        ccs__callback_report_text(fp, r);
    }
    ccs__chat_report_text(fp, r);
    if (r->sc->n_backoffice > 0) {
        ccs__backoffice_report_text(fp, r);
    }
    ccs__days_report_text(fp, r);
    if (o && o->cost) {
        ccs_cost_report_text(fp, r, o->cost);
    }
    return check_stream(fp, err);
}

/* ---- CSV -------------------------------------------------------------- */

/* The CSV shows the group x type columns only with transfers or a
 * reserve (not for multi-skill routing alone): its columns stay put. */
static int csv_group_types(const ccs_scenario *sc)
{
    return ccs_scenario_has_transfers(sc) || ccs_scenario_has_reserve(sc);
}

int ccs_report_csv(FILE *fp, const ccs_results *r, ccs_error *err)
{
    CCS_ASSERT(fp && r && r->sc);
    const ccs_scenario *sc = r->sc;
    fprintf(fp, "interval,start_min,load_erl,overloaded");
    for (size_t i = 0; i < N_FIGS; i++) {
        fprintf(fp, ",%s,%s_lo,%s_hi", figs[i].key, figs[i].key, figs[i].key);
    }
    if (r->callback_intervals) {
        ccs__callback_csv_header(fp);
    }
    ccs__chat_report_csv_header(fp, r);
    size_t nx = ccs_scenario_has_transfers(sc) ? N_XFER_FIGS : 0;
    for (size_t i = 0; i < nx; i++) {
        fprintf(fp, ",%s,%s_lo,%s_hi", xfer_figs[i].key, xfer_figs[i].key, xfer_figs[i].key);
    }
    int gt = csv_group_types(sc);
    for (int g = 0; gt && g < sc->n_groups; g++) {
        for (int i = 0; i < sc->groups[g].n_serves; i++) {
            for (size_t j = 0; j < N_GT_KEYS; j++) {
                const char *gn = sc->groups[g].name, *tn = sc->types[sc->groups[g].serves[i]].name;
                fprintf(fp, ",%s:%s:%s,%s_lo:%s:%s,%s_hi:%s:%s", gt_keys[j], gn, tn, gt_keys[j], gn,
                        tn, gt_keys[j], gn, tn);
            }
        }
    }
    ccs__backoffice_csv_header(fp, r);
    fputc('\n', fp);
    for (int k = 0; k < sc->n_intervals; k++) {
        fprintf(fp, "%d", k);
        ccs__csv_num(fp, ccs_scenario_interval_start(sc, k) / 60.0, 1);
        ccs__csv_num(fp, ccs_report_offered_load(sc, k), 1);
        fprintf(fp, ",%d", ccs_report_overloaded(sc, k));
        for (size_t i = 0; i < N_FIGS; i++) {
            const ccs_estimate *e = fig_get(&r->intervals[k], &figs[i]);
            ccs__csv_num(fp, e->mean, e->defined);
            ccs__csv_num(fp, e->lo, e->defined);
            ccs__csv_num(fp, e->hi, e->defined);
        }
        if (r->callback_intervals) {
            ccs__callback_csv_row(fp, r, k);
        }
        ccs__chat_report_csv_row(fp, r, k);
        for (size_t i = 0; i < nx; i++) {
            const ccs_estimate *e = fig_get(&r->intervals[k], &xfer_figs[i]);
            ccs__csv_num(fp, e->mean, e->defined);
            ccs__csv_num(fp, e->lo, e->defined);
            ccs__csv_num(fp, e->hi, e->defined);
        }
        for (int g = 0; gt && g < sc->n_groups; g++) {
            for (int i = 0; i < sc->groups[g].n_serves; i++) {
                ccs_group_type_figures f;
                if (ccs_results_group_type(r, k, k + 1, g, sc->groups[g].serves[i], &f) !=
                    CCS_OK) {
                    return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
                }
                const ccs_estimate *es[N_GT_KEYS] = {&f.handled, &f.agent_time_s, &f.occupancy,
                                                     &f.aht_s};
                for (size_t j = 0; j < N_GT_KEYS; j++) {
                    ccs__csv_num(fp, es[j]->mean, es[j]->defined);
                    ccs__csv_num(fp, es[j]->lo, es[j]->defined);
                    ccs__csv_num(fp, es[j]->hi, es[j]->defined);
                }
            }
        }
        ccs__backoffice_csv_row(fp, r, k);
        fputc('\n', fp);
    }
    return check_stream(fp, err);
}

/* ---- JSON ------------------------------------------------------------- */

static json_t *ju64(uint64_t v)
{
    /* json_int_t is signed 64-bit; larger values would wrap, so they are
     * written as decimal strings (documented in docs/output.md). */
    if (v <= (uint64_t)INT64_MAX) {
        return json_integer((json_int_t)v);
    }
    char buf[32];
    snprintf(buf, sizeof buf, "%" PRIu64, v);
    return json_string(buf);
}

static void jfigures(json_t *obj, const ccs_figures *f, int xfer, int *bad)
{
    for (size_t i = 0; i < N_FIGS; i++) {
        ccs__json_put(obj, figs[i].key, ccs__json_estimate(fig_get(f, &figs[i]), bad), bad);
    }
    for (size_t i = 0; xfer && i < N_XFER_FIGS; i++) {
        ccs__json_put(obj, xfer_figs[i].key, ccs__json_estimate(fig_get(f, &xfer_figs[i]), bad),
                      bad);
    }
}

/* Group g's work on each type it serves: { type: { handled, ... } }. */
static json_t *jgroup_types(const ccs_results *r, int g, int *bad)
{
    const ccs_agent_group *gr = &r->sc->groups[g];
    json_t *o = json_object();
    for (int i = 0; o && i < gr->n_serves; i++) {
        ccs_group_type_figures f;
        json_t *to = json_object();
        if (!to || ccs_results_group_type(r, 0, r->sc->n_intervals, g, gr->serves[i], &f) != CCS_OK) {
            json_decref(to);
            *bad = 1;
            break;
        }
        const ccs_estimate *es[N_GT_KEYS] = {&f.handled, &f.agent_time_s, &f.occupancy, &f.aht_s};
        ccs__json_put(to, "level", json_integer(ccs_group_level(gr, i)), bad);
        for (size_t j = 0; j < N_GT_KEYS; j++) {
            ccs__json_put(to, gt_keys[j], ccs__json_estimate(es[j], bad), bad);
        }
        ccs__json_put(o, r->sc->types[gr->serves[i]].name, to, bad);
    }
    if (!o) {
        *bad = 1;
    }
    return o;
}

static json_t *jdocument(const ccs_results *r, const ccs_cost_result *cost, int *bad)
{
    const ccs_scenario *sc = r->sc;
    int xfer = ccs_scenario_has_transfers(sc);
    json_t *root = json_object();
    if (!root) {
        *bad = 1;
        return NULL;
    }
    ccs__json_put(root, "scenario", json_string(sc->name), bad);
    ccs__json_put(root, "file", json_string(sc->file), bad);
    ccs__json_put(root, "replications", json_integer(r->replications), bad);
    ccs__json_put(root, "seed", ju64(sc->seed), bad);
    ccs__json_put(root, "events", ju64(r->events), bad);
    ccs__json_put(root, "sl_definition", json_string(ccs_sl_def_name(sc->sl_definition)), bad);
    ccs__json_put(root, "volume_factor", json_real(sc->volume_factor), bad);
    ccs__json_put(root, "n_intervals", json_integer(sc->n_intervals), bad);
    ccs__json_put(root, "interval_minutes", ccs__json_num(sc->interval_s / 60.0, 1), bad);

    json_t *sum = json_object();
    if (sum) {
        jfigures(sum, &r->summary, xfer, bad);
    }
    ccs__json_put(root, "summary", sum, bad);

    json_t *ivs = json_array();
    for (int k = 0; ivs && k < sc->n_intervals; k++) {
        json_t *iv = json_object();
        if (!iv) {
            *bad = 1;
            break;
        }
        ccs__json_put(iv, "index", json_integer(k), bad);
        ccs__json_put(iv, "start_min", ccs__json_num(ccs_scenario_interval_start(sc, k) / 60.0, 1), bad);
        ccs__json_put(iv, "load_erl", ccs__json_num(ccs_report_offered_load(sc, k), 1), bad);
        ccs__json_put(iv, "overloaded", json_boolean(ccs_report_overloaded(sc, k)), bad);
        jfigures(iv, &r->intervals[k], xfer, bad);
        if (json_array_append_new(ivs, iv) != 0) {
            *bad = 1;
        }
    }
    ccs__json_put(root, "intervals", ivs, bad);

    json_t *types = json_object();
    for (int t = 0; types && t < sc->n_types; t++) {
        const ccs_call_type *ct = &sc->types[t];
        json_t *to = json_object();
        if (!to) {
            *bad = 1;
            break;
        }
        ccs__json_put(to, "sl_target", ccs__json_num(ct->sl_target, 1), bad);
        ccs__json_put(to, "sl_threshold_s", ccs__json_num(ct->sl_threshold_s, 1), bad);
        jfigures(to, &r->types[t], xfer, bad);
        ccs__json_put(types, ct->name, to, bad);
    }
    ccs__json_put(root, "call_types", types, bad);

    json_t *groups = json_object();
    for (int g = 0; groups && r->groups && g < sc->n_groups; g++) {
        const ccs_group_figures *gf = &r->groups[g];
        json_t *go = json_object();
        if (!go) {
            *bad = 1;
            break;
        }
        ccs__json_put(go, "agents", ccs__json_estimate(&gf->agents, bad), bad);
        ccs__json_put(go, "occupancy", ccs__json_estimate(&gf->occupancy, bad), bad);
        ccs__json_put(go, "inbound_share", ccs__json_estimate(&gf->inbound_share, bad), bad);
        ccs__json_put(go, "outbound_share", ccs__json_estimate(&gf->outbound_share, bad), bad);
        ccs__json_put(go, "handled", ccs__json_estimate(&gf->handled, bad), bad);
        ccs__json_put(go, "outbound_handled", ccs__json_estimate(&gf->outbound_handled, bad), bad);
        if (ccs_results_show_group_types(r)) {
            ccs__json_put(go, "by_type", jgroup_types(r, g, bad), bad);
        }
        if (sc->n_backoffice > 0) {
            ccs__json_put(go, "backoffice_share",
                          ccs__json_estimate(&gf->backoffice_share, bad), bad);
        }
        ccs__json_put(groups, sc->groups[g].name, go, bad);
    }
    ccs__json_put(root, "groups", groups, bad);
    if (sc->n_campaigns > 0) {
        ccs__json_put(root, "campaigns", ccs__campaign_report_json(r, bad), bad);
    }
    if (r->callbacks) {
        ccs__json_put(root, "callbacks", ccs__callback_report_json(r, bad), bad);
    }
    if (sc->chat.on && r->chat) {
        ccs__json_put(root, "chat", ccs__chat_report_json(r, bad), bad);
    }
    if (sc->n_backoffice > 0) {
        ccs__json_put(root, "backoffice", ccs__backoffice_report_json(r, bad), bad);
    }
    if (ccs_scenario_days(sc) > 1) {
        /* Several days: each day's figures (voice, back office, chat). */
        int nd = ccs_scenario_day_intervals(sc);
        json_t *days = json_array();
        for (int d = 0; days && d < ccs_scenario_days(sc); d++) {
            json_t *o = json_object();
            ccs_figures f;
            if (!o || ccs_results_figures(r, d * nd, (d + 1) * nd, NULL, &f) != CCS_OK) {
                json_decref(o);
                *bad = 1;
                break;
            }
            ccs__json_put(o, "day", json_integer(d + 1), bad);
            ccs__json_put(o, "factor", json_real(sc->day_factor ? sc->day_factor[d] : 1.0), bad);
            jfigures(o, &f, ccs_scenario_has_transfers(sc), bad);
            if (sc->n_backoffice > 0) {
                ccs__json_put(o, "backoffice",
                              ccs__backoffice_range_json(r, d * nd, (d + 1) * nd, bad), bad);
            }
            if (sc->chat.on && r->chat) {
                ccs__json_put(o, "chat", ccs__chat_range_json(r, d * nd, (d + 1) * nd, bad),
                              bad);
            }
            if (json_array_append_new(days, o) != 0) {
                *bad = 1;
            }
        }
        ccs__json_put(root, "days", days, bad);
    }
    if (cost) {
        ccs__json_put(root, "cost", ccs_cost_report_json(r, cost), bad);
    }
    return root;
}

static int report_json(FILE *fp, const ccs_results *r, const ccs_cost_result *cost,
                       ccs_error *err);

int ccs_report_json(FILE *fp, const ccs_results *r, ccs_error *err)
{
    return report_json(fp, r, NULL, err);
}

static int report_json(FILE *fp, const ccs_results *r, const ccs_cost_result *cost,
                       ccs_error *err)
{
    CCS_ASSERT(fp && r && r->sc);
    int bad = 0;
    json_t *root = jdocument(r, cost, &bad);
    if (bad || !root) {
        json_decref(root);
        return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL,
                             "cannot build the JSON report (out of memory, or a name that is not UTF-8)");
    }
    int rc = json_dumpf(root, fp, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
    json_decref(root);
    if (rc != 0) {
        return ccs_error_set(err, CCS_EIO, NULL, 0, NULL, "writing the report failed");
    }
    fputc('\n', fp);
    return check_stream(fp, err);
}

int ccs_report_write(FILE *fp, const ccs_results *r, ccs_report_format f, ccs_error *err)
{
    return ccs_report_write_opts(fp, r, f, NULL, err);
}

int ccs_report_write_opts(FILE *fp, const ccs_results *r, ccs_report_format f,
                          const ccs_report_options *o, ccs_error *err)
{
    switch (f) {
    case CCS_REPORT_CSV:
        return ccs_report_csv(fp, r, err);
    case CCS_REPORT_JSON:
        return report_json(fp, r, o ? o->cost : NULL, err);
    case CCS_REPORT_TEXT:
        break;
    }
    return ccs_report_text_opts(fp, r, o, err);
}

/* ---- abandonment warning (run and staff text) -------------------------- */

int ccs_report_abandon_flag(const ccs_estimate *e, double limit, char *buf, size_t n)
{
    buf[0] = '\0';
    if (!ccs__est_shown(e, 0) || !(e->mean > limit + 1e-12)) {
        return 0;
    }
    snprintf(buf, n, "  abandon>%.4g%%", 100.0 * limit);
    return 1;
}

void ccs_report_abandon_note(FILE *fp, double limit, const char *how)
{
    fprintf(fp,
            "  abandon>%.4g%%: more than %.4g%% of the interval's callers hung up before an\n"
            "    answer: a service level met there is met partly by losing callers;\n"
            "    %s.\n",
            100.0 * limit, 100.0 * limit, how);
}
