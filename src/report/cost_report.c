/*
 * cost_report.c — formats costs: the cost section of `ccsim run` (text and
 * JSON) and the side-by-side table of `ccsim compare` (text, CSV, JSON).
 *
 * Like report.c, nothing printed depends on the thread count or on time,
 * and no non-finite number is printed: undefined figures are "-" in text,
 * empty CSV cells and JSON null.  The layouts are in docs/output.md and
 * docs/cli.md.
 */
#include "ccsim/cost_report.h"

#include "report/format.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

/* ---- shared ------------------------------------------------------------- */

/* Costs are shown only with a finite interval: an interval with an
 * infinite end is not shown in part. */
#define COST_STYLE CCS__EST_ALL_FINITE

static int ok(const ccs_estimate *e)
{
    return ccs__est_shown(e, COST_STYLE);
}

/* Never "-0.00". */
static double unneg(double v, int dec)
{
    return fabs(v) < 0.5 * pow(10.0, -dec) ? 0.0 : v;
}

/* "1234.56 [1200.10, 1270.00]" scaled by s, or "-" unless ok(). */
static void fmt_ci(char *buf, size_t n, const ccs_estimate *e, double s, int dec,
                   const char *unit)
{
    ccs__fmt_est(buf, n, e, s, dec, unit, COST_STYLE);
}

/* "1234.56 ±12.30" for table cells. */
static void fmt_pm(char *buf, size_t n, const ccs_estimate *e, double s, int dec,
                   const char *unit)
{
    ccs__fmt_pm(buf, n, e, s, dec, unit, COST_STYLE);
}

/* {"mean": x, "ci95": [lo, hi]}, all null unless ok(). */
static json_t *jest(const ccs_estimate *e, int *bad)
{
    return ccs__json_est(e, COST_STYLE, bad);
}

static const char *kind_name(ccs_cost_kind k)
{
    switch (k) {
    case CCS_COST_CAPTIVE:
        return "captive";
    case CCS_COST_OUTSOURCED:
        return "outsourced";
    default:
        return "none";
    }
}

static const char *pricing_name(ccs_pricing p)
{
    static const char *const names[] = {"per_agent_hour", "per_handled_minute",
                                        "per_handled_call", "per_success"};
    return (unsigned)p < 4 ? names[p] : "?";
}

static const char *period_name(ccs_sla_period p)
{
    static const char *const names[] = {"interval", "day", "month"};
    return (unsigned)p < 3 ? names[p] : "?";
}

/* ---- ccsim run: text ---------------------------------------------------- */

void ccs_cost_report_text(FILE *fp, const ccs_results *res, const ccs_cost_result *c)
{
    const ccs_scenario *sc = res->sc;
    char buf[256];
    if (!c->costed) {
        return;
    }
    fprintf(fp, "\nCost per simulated day (one operating day; %g days a month), mean [95%% CI]\n",
            c->days_per_month);
    struct {
        const char *label;
        const ccs_estimate *e;
    } lines[] = {
        {"total per day", &c->total},
        {"per handled call", &c->per_handled_call},
        {"per resolved", &c->per_resolved_contact},
        {"per hour", &c->per_hour},
        {"per month", &c->per_month},
        {"SLA adjustment", &c->sla_adjustment},
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        fmt_ci(buf, sizeof buf, lines[i].e, 1.0, 2, "");
        fprintf(fp, "  %-18s %s\n", lines[i].label, buf);
    }
    if (c->sla_applies) {
        fmt_ci(buf, sizeof buf, &c->service_credits, 1.0, 2, "");
        fprintf(fp, "  %-18s %s   (owed to us by vendors below target)\n", "service credits",
                buf);
        fmt_ci(buf, sizeof buf, &c->gain_share, 1.0, 2, "");
        fprintf(fp, "  %-18s %s   (paid by us to vendors above target)\n", "gain share", buf);
    }
    if (sc->cost.has_sla) {
        fmt_ci(buf, sizeof buf, &c->sla_points, 1.0, 2, "");
        fprintf(fp, "  %-18s %s   (target %g%%, assessed per %s; > 0 below target)\n",
                "SLA points", buf, sc->cost.sla_target * 100.0,
                period_name(sc->cost.sla_period));
        if (!c->sla_applies) {
            fprintf(fp, "  %-18s none apply: SLA terms are a vendor contract, and no outsourced\n"
                        "  %-18s group serves our calls (an in-house team has no contract)\n",
                    "SLA terms", "");
        }
    }
    fmt_ci(buf, sizeof buf, &c->inbound_handled, 1.0, 0, "");
    fprintf(fp, "  %-18s %s inbound", "calls handled", buf);
    if (sc->n_campaigns > 0) {
        fmt_ci(buf, sizeof buf, &c->outbound_handled, 1.0, 0, "");
        fprintf(fp, ", %s outbound (both in per handled call)", buf);
    }
    fputc('\n', fp);
    fmt_ci(buf, sizeof buf, &c->paid_hours, 1.0, 1, " h");
    fprintf(fp, "  %-18s %s\n", "paid hours", buf);
    fmt_ci(buf, sizeof buf, &c->productive_hours, 1.0, 1, " h");
    fprintf(fp, "  %-18s %s\n", "productive hours", buf);
    fprintf(fp, "\n  by line item, per day\n");
    for (int i = 0; i < CCS_COST_N_ITEMS; i++) {
        const ccs_estimate *e = &c->item[i];
        if (e->mean == 0.0 && e->lo == 0.0 && e->hi == 0.0) {
            continue;
        }
        fmt_ci(buf, sizeof buf, e, 1.0, 2, "");
        fprintf(fp, "  %-18s %s\n", ccs_cost_item_name((ccs_cost_item)i), buf);
    }
    fprintf(fp, "\n  by agent group, per day (SLA excluded)\n");
    for (int g = 0; g < sc->n_groups; g++) {
        const ccs_agent_group *gr = &sc->groups[g];
        char share[64];
        fmt_ci(buf, sizeof buf, &c->groups[g].total, 1.0, 2, "");
        snprintf(share, sizeof share, "%.1f%%", unneg(c->groups[g].our_share.mean * 100.0, 1));
        fprintf(fp, "  %-18s %-18s %s   our share %s\n", gr->name,
                gr->cost.kind == CCS_COST_OUTSOURCED ? pricing_name(gr->cost.pricing)
                                                     : kind_name(gr->cost.kind),
                buf, share);
        if (gr->cost.kind == CCS_COST_CAPTIVE) {
            fprintf(fp, "  %-18s %-18s %.0f seats (peak agents on shift), %.0f heads\n", "", "",
                    c->groups[g].seats.mean, c->groups[g].heads.mean);
        }
    }
    if (c->channels) {
        static const char *const per[CCS_COST_N_CHANNELS] = {"per handled call",
                                                             "per chat handled",
                                                             "per item done"};
        const ccs_estimate *unit[CCS_COST_N_CHANNELS] = {&c->per_voice_call,
                                                         &c->per_chat_handled,
                                                         &c->per_item_done};
        fprintf(fp, "\n  by channel, per day (each group's cost split by its busy time; "
                    "SLA on voice)\n");
        for (int ch = 0; ch < CCS_COST_N_CHANNELS; ch++) {
            char u[128];
            fmt_ci(buf, sizeof buf, &c->channel[ch], 1.0, 2, "");
            fmt_ci(u, sizeof u, unit[ch], 1.0, 2, "");
            fprintf(fp, "  %-18s %-34s %s %s\n", ccs_cost_channel_name((ccs_cost_channel_id)ch),
                    buf, per[ch], u);
        }
        fprintf(fp, "\n  by agent group and channel, per day (and per unit)\n");
        for (int g = 0; g < sc->n_groups; g++) {
            const ccs_cost_group_est *ge = &c->groups[g];
            const ccs_estimate *gunit[CCS_COST_N_CHANNELS] = {NULL, &ge->per_chat_handled,
                                                              &ge->per_item_done};
            static const char *const gper[CCS_COST_N_CHANNELS] = {"", "per chat", "per item"};
            const char *name = sc->groups[g].name;
            for (int ch = 0; ch < CCS_COST_N_CHANNELS; ch++) {
                const ccs_estimate *e = &ge->channel[ch];
                if (e->mean == 0.0 && e->lo == 0.0 && e->hi == 0.0) {
                    continue;
                }
                fmt_ci(buf, sizeof buf, e, 1.0, 2, "");
                fprintf(fp, "  %-18s %-18s ", name, ccs_cost_channel_name((ccs_cost_channel_id)ch));
                if (gunit[ch]) {
                    char u[128];
                    fmt_ci(u, sizeof u, gunit[ch], 1.0, 2, "");
                    fprintf(fp, "%-34s %s %s\n", buf, gper[ch], u);
                } else {
                    fprintf(fp, "%s\n", buf);
                }
                name = "";
            }
        }
    }
    if (c->sla_applies) {
        fprintf(fp, "\n  SLA terms by vendor group, per day (+ adds to our cost)\n");
        for (int g = 0; g < sc->n_groups; g++) {
            const ccs_cost_terms *t = sc->groups[g].cost.sla.has_sla ? &sc->groups[g].cost.sla
                                                                     : &sc->cost;
            if (sc->groups[g].cost.kind != CCS_COST_OUTSOURCED || !t->has_sla) {
                continue;
            }
            char pts[128];
            fmt_ci(buf, sizeof buf, &c->groups[g].sla_adjustment, 1.0, 2, "");
            fmt_ci(pts, sizeof pts, &c->groups[g].sla_points, 1.0, 2, "");
            fprintf(fp, "  %-18s %s   points %s (target %g%%, per %s%s)\n", sc->groups[g].name,
                    buf, pts, t->sla_target * 100.0, period_name(t->sla_period),
                    t == &sc->cost ? ", cost.sla" : ", own");
        }
    }
}

/* ---- ccsim run: JSON ---------------------------------------------------- */

json_t *ccs_cost_report_json(const ccs_results *res, const ccs_cost_result *c)
{
    const ccs_scenario *sc = res->sc;
    int bad = 0;
    json_t *o = json_object();
    if (!o) {
        return NULL;
    }
    ccs__json_put(o, "total", jest(&c->total, &bad), &bad);
    ccs__json_put(o, "per_handled_call", jest(&c->per_handled_call, &bad), &bad);
    ccs__json_put(o, "per_resolved_contact", jest(&c->per_resolved_contact, &bad), &bad);
    ccs__json_put(o, "per_hour", jest(&c->per_hour, &bad), &bad);
    ccs__json_put(o, "per_day", jest(&c->per_day, &bad), &bad);
    ccs__json_put(o, "per_month", jest(&c->per_month, &bad), &bad);
    ccs__json_put(o, "sla_adjustment", jest(&c->sla_adjustment, &bad), &bad);
    ccs__json_put(o, "sla_points", jest(&c->sla_points, &bad), &bad);
    ccs__json_put(o, "service_credits", jest(&c->service_credits, &bad), &bad);
    ccs__json_put(o, "gain_share", jest(&c->gain_share, &bad), &bad);
    ccs__json_put(o, "sla_applies", json_boolean(c->sla_applies), &bad);
    ccs__json_put(o, "paid_hours", jest(&c->paid_hours, &bad), &bad);
    ccs__json_put(o, "productive_hours", jest(&c->productive_hours, &bad), &bad);
    ccs__json_put(o, "handled", jest(&c->handled, &bad), &bad);
    ccs__json_put(o, "inbound_handled", jest(&c->inbound_handled, &bad), &bad);
    ccs__json_put(o, "outbound_handled", jest(&c->outbound_handled, &bad), &bad);
    ccs__json_put(o, "resolved", jest(&c->resolved, &bad), &bad);
    ccs__json_put(o, "operating_days_per_month", json_real(c->days_per_month), &bad);
    json_t *items = json_object();
    for (int i = 0; items && i < CCS_COST_N_ITEMS; i++) {
        ccs__json_put(items, ccs_cost_item_name((ccs_cost_item)i), jest(&c->item[i], &bad), &bad);
    }
    ccs__json_put(o, "breakdown", items, &bad);
    if (c->channels) {
        ccs__json_put(o, "per_chat_handled", jest(&c->per_chat_handled, &bad), &bad);
        ccs__json_put(o, "per_item_done", jest(&c->per_item_done, &bad), &bad);
        ccs__json_put(o, "per_voice_call", jest(&c->per_voice_call, &bad), &bad);
        ccs__json_put(o, "chats_handled", jest(&c->chats, &bad), &bad);
        ccs__json_put(o, "items_done", jest(&c->items, &bad), &bad);
        json_t *chs = json_object();
        for (int ch = 0; chs && ch < CCS_COST_N_CHANNELS; ch++) {
            ccs__json_put(chs, ccs_cost_channel_name((ccs_cost_channel_id)ch),
                          jest(&c->channel[ch], &bad), &bad);
        }
        ccs__json_put(o, "channels", chs, &bad);
    }
    json_t *groups = json_object();
    for (int g = 0; groups && g < sc->n_groups; g++) {
        const ccs_agent_group *gr = &sc->groups[g];
        json_t *go = json_object();
        if (!go) {
            bad = 1;
            break;
        }
        ccs__json_put(go, "model", json_string(kind_name(gr->cost.kind)), &bad);
        if (gr->cost.kind == CCS_COST_OUTSOURCED) {
            ccs__json_put(go, "pricing", json_string(pricing_name(gr->cost.pricing)), &bad);
        }
        ccs__json_put(go, "total", jest(&c->groups[g].total, &bad), &bad);
        ccs__json_put(go, "paid_hours", jest(&c->groups[g].paid_hours, &bad), &bad);
        ccs__json_put(go, "productive_hours", jest(&c->groups[g].productive_hours, &bad), &bad);
        ccs__json_put(go, "our_share", jest(&c->groups[g].our_share, &bad), &bad);
        ccs__json_put(go, "inbound_handled", jest(&c->groups[g].inbound_handled, &bad), &bad);
        ccs__json_put(go, "outbound_handled", jest(&c->groups[g].outbound_handled, &bad), &bad);
        if (gr->cost.kind == CCS_COST_CAPTIVE) {
            ccs__json_put(go, "seats", json_real(c->groups[g].seats.mean), &bad);
            ccs__json_put(go, "heads", json_real(c->groups[g].heads.mean), &bad);
        }
        ccs__json_put(go, "sla_adjustment", jest(&c->groups[g].sla_adjustment, &bad), &bad);
        ccs__json_put(go, "service_credits", jest(&c->groups[g].service_credits, &bad), &bad);
        ccs__json_put(go, "gain_share", jest(&c->groups[g].gain_share, &bad), &bad);
        ccs__json_put(go, "sla_points", jest(&c->groups[g].sla_points, &bad), &bad);
        if (c->channels) {
            ccs__json_put(go, "chats_handled", jest(&c->groups[g].chats, &bad), &bad);
            ccs__json_put(go, "items_done", jest(&c->groups[g].items, &bad), &bad);
            ccs__json_put(go, "per_chat_handled", jest(&c->groups[g].per_chat_handled, &bad),
                          &bad);
            ccs__json_put(go, "per_item_done", jest(&c->groups[g].per_item_done, &bad), &bad);
            json_t *chs = json_object();
            for (int ch = 0; chs && ch < CCS_COST_N_CHANNELS; ch++) {
                ccs__json_put(chs, ccs_cost_channel_name((ccs_cost_channel_id)ch),
                              jest(&c->groups[g].channel[ch], &bad), &bad);
            }
            ccs__json_put(go, "channels", chs, &bad);
        }
        ccs__json_put(groups, gr->name, go, &bad);
    }
    ccs__json_put(o, "groups", groups, &bad);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* ---- ccsim compare -------------------------------------------------------- */

/* How a compare metric is shown in text. */
typedef struct cmp_show {
    const char *label;
    double scale;
    int dec;
    const char *unit;
} cmp_show;

static const cmp_show shows[CCS_CMP_N] = {
    {"service level", 100.0, 1, "%"},
    {"ASA (s)", 1.0, 1, ""},
    {"abandon rate", 100.0, 1, "%"},
    {"agents", 1.0, 1, ""},
    {"cost per call", 1.0, 2, ""},
    {"cost per resolved", 1.0, 2, ""},
    {"cost per month", 1.0, 0, ""},
    {"cost per chat", 1.0, 2, ""},
    {"cost per item", 1.0, 2, ""},
};

static int check_stream(FILE *fp, ccs_error *err)
{
    if (ferror(fp)) {
        return ccs_error_set(err, CCS_EIO, NULL, 0, NULL, "writing the comparison failed");
    }
    return CCS_OK;
}

/* Prints a line without trailing blanks. */
static void line(FILE *fp, const char *s)
{
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ') {
        n--;
    }
    fprintf(fp, "%.*s\n", (int)n, s);
}

/* Display columns of a UTF-8 string (the ± sign is two bytes, one column). */
static int columns(const char *s)
{
    int n = 0;
    for (; *s; s++) {
        n += ((unsigned char)*s & 0xC0) != 0x80;
    }
    return n;
}

static void cell(char *row, size_t n, const char *text, int width)
{
    size_t used = strlen(row);
    int pad = width - columns(text);
    snprintf(row + used, n - used, "  %s%*s", text, pad > 0 ? pad : 0, "");
}

/* Label of breakdown row i. */
static const char *bd_label(int i)
{
    return i < CCS_COST_N_ITEMS ? ccs_cost_item_name((ccs_cost_item)i) : "total";
}

/* The cost breakdown: every line item per month side by side (items that
 * are 0 in every scenario left out), then B - A with its paired CI.
 * Nothing when no scenario has a cost section. */
static void breakdown_text(FILE *fp, const ccs_compare *t, int w)
{
    const ccs_results *const *res = t->res;
    const ccs_cost_result *const *c = t->cost;
    int n = t->n;
    char row[2048], buf[256];
    int any = 0;
    for (int s = 0; s < n; s++) {
        any |= c[s]->costed;
    }
    if (!any) {
        return;
    }
    int show[CCS_CMP_BREAKDOWN_N];
    for (int i = 0; i < CCS_CMP_BREAKDOWN_N; i++) {
        show[i] = i == CCS_COST_N_ITEMS;
        for (int s = 0; s < n && !show[i]; s++) {
            const ccs_estimate *e = ccs_compare_item(t, s, i);
            show[i] = e->defined && (e->mean != 0.0 || e->lo != 0.0 || e->hi != 0.0);
        }
    }
    fprintf(fp, "\nCost breakdown per month, mean \xc2\xb1 half-width of the 95%% CI (SLA terms: "
                "gain share - service credits)\n");
    snprintf(row, sizeof row, "  %-18s", "");
    for (int s = 0; s < n; s++) {
        snprintf(buf, sizeof buf, "%.40s", res[s]->sc->name);
        cell(row, sizeof row, buf, w);
    }
    line(fp, row);
    for (int i = 0; i < CCS_CMP_BREAKDOWN_N; i++) {
        if (!show[i]) {
            continue;
        }
        snprintf(row, sizeof row, "  %-18s", bd_label(i));
        for (int s = 0; s < n; s++) {
            fmt_pm(buf, sizeof buf, ccs_compare_item(t, s, i), 1.0, 0, "");
            cell(row, sizeof row, buf, w);
        }
        line(fp, row);
    }
    fprintf(fp, "\nCost breakdown, difference from A per month, B - A with a paired 95%% CI\n");
    snprintf(row, sizeof row, "  %-18s", "");
    for (int s = 1; s < n; s++) {
        snprintf(buf, sizeof buf, "%.40s", res[s]->sc->name);
        cell(row, sizeof row, buf, w + 8);
    }
    line(fp, row);
    for (int i = 0; i < CCS_CMP_BREAKDOWN_N; i++) {
        if (!show[i]) {
            continue;
        }
        snprintf(row, sizeof row, "  %-18s", bd_label(i));
        for (int s = 1; s < n; s++) {
            const ccs_estimate *e = ccs_compare_idiff(t, s, i);
            if (ok(e)) {
                snprintf(buf, sizeof buf, "%+.0f [%+.0f, %+.0f]", unneg(e->mean, 0),
                         unneg(e->lo, 0), unneg(e->hi, 0));
            } else {
                snprintf(buf, sizeof buf, "-");
            }
            cell(row, sizeof row, buf, w + 8);
        }
        line(fp, row);
    }
    for (int s = 0; s < n; s++) {
        if (!c[s]->costed) {
            fprintf(fp, "  (%c, %s, has no cost section: its cost is \"-\", not 0)\n",
                    'A' + (s < 26 ? s : 25), res[s]->sc->name);
        }
    }
}

int ccs_compare_text(FILE *fp, const ccs_compare *t, ccs_error *err)
{
    const ccs_results *const *res = t->res;
    int n = t->n;
    int w = 22;
    for (int s = 0; s < n; s++) {
        int len = (int)strlen(res[s]->sc->name);
        w = len > w ? len : w;
    }
    if (w > 40) {
        w = 40;
    }
    char row[2048], buf[256];
    fprintf(fp, "ccsim compare: %d scenarios, %d replications each, seed %" PRIu64
                ", common random numbers\n",
            n, res[0]->replications, res[0]->sc->seed);
    for (int s = 0; s < n; s++) {
        fprintf(fp, "  %c  %s  (%s)\n", 'A' + (s < 26 ? s : 25), res[s]->sc->name,
                res[s]->sc->file);
    }
    if (res[0]->sc->volume_factor != 1.0) {
        fprintf(fp, "  volume factor %g (every call type's arrivals, every scenario)\n",
                res[0]->sc->volume_factor);
    }
    fprintf(fp, "\nSide by side, mean \xc2\xb1 half-width of the 95%% CI (money in the "
                "scenarios' currency)\n");
    snprintf(row, sizeof row, "  %-18s", "");
    for (int s = 0; s < n; s++) {
        snprintf(buf, sizeof buf, "%.40s", res[s]->sc->name);
        cell(row, sizeof row, buf, w);
    }
    line(fp, row);
    for (int m = 0; m < CCS_CMP_N; m++) {
        if (!ccs_compare_shows(t, m)) {
            continue;
        }
        snprintf(row, sizeof row, "  %-18s", shows[m].label);
        for (int s = 0; s < n; s++) {
            fmt_pm(buf, sizeof buf, ccs_compare_est(t, s, m), shows[m].scale, shows[m].dec,
                   shows[m].unit);
            cell(row, sizeof row, buf, w);
        }
        line(fp, row);
    }
    fprintf(fp, "\nDifference from A (%s), B - A with a paired 95%% CI over replications\n",
            res[0]->sc->name);
    snprintf(row, sizeof row, "  %-18s", "");
    for (int s = 1; s < n; s++) {
        snprintf(buf, sizeof buf, "%.40s", res[s]->sc->name);
        cell(row, sizeof row, buf, w + 8);
    }
    line(fp, row);
    for (int m = 0; m < CCS_CMP_N; m++) {
        if (!ccs_compare_shows(t, m)) {
            continue;
        }
        snprintf(row, sizeof row, "  %-18s", shows[m].label);
        for (int s = 1; s < n; s++) {
            const ccs_estimate *e = ccs_compare_diff(t, s, m);
            if (ok(e)) {
                int d = shows[m].dec;
                double k = shows[m].scale;
                snprintf(buf, sizeof buf, "%+.*f [%+.*f, %+.*f]", d, unneg(e->mean * k, d), d,
                         unneg(e->lo * k, d), d, unneg(e->hi * k, d));
            } else {
                snprintf(buf, sizeof buf, "-");
            }
            cell(row, sizeof row, buf, w + 8);
        }
        line(fp, row);
    }
    fprintf(fp, "  (service level and abandon rate in percentage points; an interval that\n"
                "   excludes 0 is a difference the replications can tell apart)\n");
    breakdown_text(fp, t, w);
    return check_stream(fp, err);
}

int ccs_compare_csv(FILE *fp, const ccs_compare *t, ccs_error *err)
{
    const ccs_results *const *res = t->res;
    int n = t->n;
    fprintf(fp, "scenario,file,metric,mean,lo,hi,diff,diff_lo,diff_hi\n");
    for (int s = 0; s < n; s++) {
        for (int m = 0; m < CCS_CMP_N; m++) {
            if (!ccs_compare_shows(t, m)) {
                continue;
            }
            const ccs_estimate *e = ccs_compare_est(t, s, m);
            const ccs_estimate *d = ccs_compare_diff(t, s, m);
            /* Names and files cannot hold commas or quotes (scenario.c
             * refuses them in names); files are quoted anyway. */
            fprintf(fp, "\"%s\",\"%s\",%s", res[s]->sc->name, res[s]->sc->file,
                    ccs_cmp_metric_key((ccs_cmp_metric)m));
            ccs__csv_num(fp, e->mean, ok(e));
            ccs__csv_num(fp, e->lo, ok(e));
            ccs__csv_num(fp, e->hi, ok(e));
            int dd = s > 0 && ok(d);
            ccs__csv_num(fp, d->mean, dd);
            ccs__csv_num(fp, d->lo, dd);
            ccs__csv_num(fp, d->hi, dd);
            fputc('\n', fp);
        }
    }
    return check_stream(fp, err);
}

/* The "summary" of a scenario in the comparison: the day's figures that
 * matter to the comparison, from the run's estimates. */
static json_t *jsummary(const ccs_results *res, const ccs_estimate *est, int *bad)
{
    json_t *o = json_object();
    if (!o) {
        *bad = 1;
        return NULL;
    }
    for (int m = 0; m < CCS_CMP_N; m++) {
        if (m == CCS_CMP_PER_HANDLED_CALL || m == CCS_CMP_PER_RESOLVED_CONTACT ||
            m == CCS_CMP_PER_MONTH || m == CCS_CMP_PER_CHAT_HANDLED ||
            m == CCS_CMP_PER_ITEM_DONE) {
            continue;
        }
        ccs__json_put(o, ccs_cmp_metric_key((ccs_cmp_metric)m), jest(&est[m], bad), bad);
    }
    ccs__json_put(o, "offered", jest(&res->summary.offered, bad), bad);
    ccs__json_put(o, "handled", jest(&res->summary.handled, bad), bad);
    ccs__json_put(o, "occupancy", jest(&res->summary.occupancy, bad), bad);
    return o;
}

/* Every {"mean", "ci95"} in o (recursively) made null. */
static void nullify(json_t *o)
{
    const char *key;
    json_t *v;
    if (json_object_get(o, "mean") && json_object_get(o, "ci95")) {
        json_object_set_new(o, "mean", json_null());
        json_object_set_new(o, "ci95", json_pack("[nn]"));
        return;
    }
    json_object_foreach(o, key, v) {
        if (json_is_object(v)) {
            nullify(v);
        }
    }
}

/* {"wages": {"mean", "ci95"}, ..., "total": ...} from row[0..CCS_CMP_BREAKDOWN_N). */
static json_t *jbreakdown(const ccs_estimate *row, int *bad)
{
    json_t *o = json_object();
    if (!o) {
        *bad = 1;
        return NULL;
    }
    for (int i = 0; i < CCS_CMP_BREAKDOWN_N; i++) {
        ccs__json_put(o, bd_label(i), jest(&row[i], bad), bad);
    }
    return o;
}

int ccs_compare_json(FILE *fp, const ccs_compare *t, ccs_error *err)
{
    const ccs_results *const *res = t->res;
    const ccs_cost_result *const *c = t->cost;
    int n = t->n;
    int bad = 0;
    json_t *root = json_object();
    json_t *scen = json_array();
    json_t *diffs = json_array();
    if (!root || !scen || !diffs) {
        bad = 1;
    }
    ccs__json_put(root, "replications", json_integer(res[0]->replications), &bad);
    ccs__json_put(root, "volume_factor", json_real(res[0]->sc->volume_factor), &bad);
    ccs__json_put(root, "seed", json_integer((json_int_t)(res[0]->sc->seed & INT64_MAX)), &bad);
    for (int s = 0; !bad && s < n; s++) {
        json_t *o = json_object();
        if (!o) {
            bad = 1;
            break;
        }
        ccs__json_put(o, "name", json_string(res[s]->sc->name), &bad);
        ccs__json_put(o, "file", json_string(res[s]->sc->file), &bad);
        ccs__json_put(o, "summary", jsummary(res[s], ccs_compare_est(t, s, 0), &bad), &bad);
        json_t *cj = ccs_cost_report_json(res[s], c[s]);
        if (cj && !c[s]->costed) {
            nullify(cj);   /* no cost section: no cost, not a cost of 0 */
        }
        ccs__json_put(cj, "costed", json_boolean(c[s]->costed), &bad);
        ccs__json_put(o, "cost", cj, &bad);
        ccs__json_put(o, "cost_breakdown_per_month", jbreakdown(ccs_compare_item(t, s, 0), &bad),
                      &bad);
        if (json_array_append_new(scen, o) != 0) {
            bad = 1;
        }
        if (s == 0) {
            continue;
        }
        json_t *d = json_object();
        if (!d) {
            bad = 1;
            break;
        }
        ccs__json_put(d, "name", json_string(res[s]->sc->name), &bad);
        ccs__json_put(d, "baseline", json_string(res[0]->sc->name), &bad);
        for (int m = 0; m < CCS_CMP_N; m++) {
            if (ccs_compare_shows(t, m)) {
                ccs__json_put(d, ccs_cmp_metric_key((ccs_cmp_metric)m),
                              jest(ccs_compare_diff(t, s, m), &bad), &bad);
            }
        }
        ccs__json_put(d, "cost_breakdown_per_month", jbreakdown(ccs_compare_idiff(t, s, 0), &bad),
                      &bad);
        if (json_array_append_new(diffs, d) != 0) {
            bad = 1;
        }
    }
    if (root) {
        ccs__json_put(root, "scenarios", scen, &bad);
        ccs__json_put(root, "differences", diffs, &bad);
    } else {
        json_decref(scen);
        json_decref(diffs);
    }
    if (bad) {
        json_decref(root);
        return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL,
                             "cannot build the JSON comparison (out of memory, or a name that "
                             "is not UTF-8)");
    }
    int rc = json_dumpf(root, fp, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
    json_decref(root);
    if (rc != 0) {
        return ccs_error_set(err, CCS_EIO, NULL, 0, NULL, "writing the comparison failed");
    }
    fputc('\n', fp);
    return check_stream(fp, err);
}
