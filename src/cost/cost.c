/*
 * cost.c — line items of a simulated day per replication, their estimates
 * across replications, and the paired differences of `ccsim compare`.
 *
 * Invariant: every figure is computed per replication first and estimated
 * afterwards, so a cost's interval reflects the randomness of the volumes
 * it depends on, and two scenarios run with the same seed can be compared
 * replication by replication.  Hourly and fixed items of a group that also
 * carries other clients' traffic are charged in proportion to the busy time
 * spent on our work; volume-priced items count our work only.  The
 * formulas are in docs/costs.md.
 */
#include "ccsim/cost.h"
#include "ccsim/service_level.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *ccs_cost_item_name(ccs_cost_item i)
{
    static const char *const names[CCS_COST_N_ITEMS] = {
        "wages",         "supervision", "facilities",        "telephony",      "hiring",
        "vendor_price",  "transition",  "vendor_management", "sla_adjustment"};
    return (unsigned)i < CCS_COST_N_ITEMS ? names[i] : "?";
}

const char *ccs_cost_channel_name(ccs_cost_channel_id c)
{
    static const char *const names[CCS_COST_N_CHANNELS] = {"voice", "chat", "backoffice"};
    return (unsigned)c < CCS_COST_N_CHANNELS ? names[c] : "?";
}

const char *ccs_cmp_metric_key(ccs_cmp_metric m)
{
    static const char *const keys[CCS_CMP_N] = {
        "service_level",        "asa_s",    "abandon_rate", "agents", "per_handled_call",
        "per_resolved_contact", "per_month", "per_chat_handled", "per_item_done"};
    return (unsigned)m < CCS_CMP_N ? keys[m] : "?";
}

double ccs_cost_sla_period(const ccs_cost_terms *t, double sl, double *penalty, double *bonus)
{
    double points = (t->sla_target - sl) * 100.0;
    double p = points > 0 ? points * t->penalty_per_point : 0.0;
    double b = points < 0 ? -points * t->bonus_per_point : 0.0;
    if (penalty) {
        *penalty = p;
    }
    if (bonus) {
        *bonus = b;
    }
    return p - b;
}

/* ---- one replication ---------------------------------------------------- */

/* Service level of a summed tally by the scenario's definition; -1 when the
 * period has no calls (nothing to assess). */
static double sl_of(const ccs_scenario *sc, const ccs_tally *t)
{
    double den = ccs_sl_denominator(sc->sl_definition, t);
    return den > 0 ? t->answered_in_sl / den : -1.0;
}

static const ccs_tally *raw_cell(const ccs_results *res, int r, int k)
{
    ccs_tally_rep v = ccs_tallies_rep(res->tallies, r);
    return ccs_tally_at(&v, k, 0);
}

static const ccs_group_tally *graw_cell(const ccs_results *res, int r, int k, int g)
{
    ccs_tally_rep v = ccs_tallies_rep(res->tallies, r);
    return ccs_group_tally_at(&v, k, g, 0);
}

/* Our inbound tallies of interval k summed over the call types we own. */
static void ours_interval(const ccs_results *res, int r, int k, ccs_tally *out)
{
    const ccs_scenario *sc = res->sc;
    const ccs_tally *c = raw_cell(res, r, k);
    memset(out, 0, sizeof *out);
    for (int t = 0; t < sc->n_types; t++) {
        if (sc->types[t].ours) {
            ccs_tally_add(out, &c[t]);
        }
    }
}

/* The work group g did in replication r: our calls handled, their minutes,
 * resolutions and busy time, and busy time on anybody's voice work; its
 * chats and back-office items and the busy time on them.  Outbound
 * campaigns, chat and the back office are always ours. */
typedef struct work {
    double handled, handle_s, resolved, successes, busy_ours, busy_all;
    double outbound;   /* of handled, outbound calls */
    double chats, chat_s;   /* chats answered; agent-seconds with a chat open */
    double items, bo_s;     /* back-office items done; agent-seconds on them */
} work;

static void group_work(const ccs_results *res, int r, int g, int k0, int k1, work *w)
{
    const ccs_scenario *sc = res->sc;
    memset(w, 0, sizeof *w);
    if (!res->tallies) {
        return; /* results without per-replication tallies (hand-built) */
    }
    ccs_tally_rep v = ccs_tallies_rep(res->tallies, r);
    for (int k = k0; k < k1; k++) {
        const ccs_group_tally *gt = graw_cell(res, r, k, g);
        for (int t = 0; t < sc->n_types; t++) {
            w->busy_all += gt[t].busy_s;
            if (sc->types[t].ours) {
                w->handled += gt[t].handled;
                w->handle_s += gt[t].handle_s;
                w->resolved += gt[t].resolved;
                w->successes += gt[t].resolved;
                w->busy_ours += gt[t].busy_s;
            }
        }
        if (sc->n_campaigns > 0) {
            for (int c = 0; c < sc->n_campaigns; c++) {
                const ccs_cgroup_tally *ct = ccs_cgroup_tally_at(&v, k, g, c);
                w->handled += ct->handled;
                w->outbound += ct->handled;
                w->handle_s += ct->handle_s;
                w->resolved += ct->successes;
                w->successes += ct->successes;
                w->busy_ours += ct->busy_s;
                w->busy_all += ct->busy_s;
            }
        }
        if (v.d.chats > 0) {
            const ccs_chatgroup_tally *cg = ccs_chatgroup_tally_at(&v, k, g);
            w->chats += cg->answered;
            w->chat_s += cg->active_s;
        }
        for (int b = 0; b < v.d.backoffice; b++) {
            const ccs_bogroup_tally *bg = ccs_bogroup_tally_at(&v, k, g, b);
            w->items += bg->done;
            w->bo_s += bg->busy_s;
        }
    }
}

/* Splits the group's cost over the channels (docs/costs.md, "Costs by
 * channel"): the volume-priced items (direct[], each priced by one
 * channel's volume) go to their channel; the rest, hour-, head- and
 * fixed-priced, in proportion to the group's busy time on each channel, so
 * its idle time is spread like its work.  A group never busy spreads that
 * rest equally over the channels it is set up to work (voice when none). */
static void channel_split(const ccs_scenario *sc, int g, const work *w, double total,
                          const double *direct, double *out)
{
    const ccs_agent_group *gr = &sc->groups[g];
    double busy[CCS_COST_N_CHANNELS] = {w->busy_ours, w->chat_s, w->bo_s};
    double rest = total, sum = 0.0;
    for (int c = 0; c < CCS_COST_N_CHANNELS; c++) {
        rest -= direct[c];
        sum += busy[c];
    }
    if (sum <= 0) {
        int outbound = 0;
        for (int j = 0; j < sc->n_campaigns; j++) {
            for (int i = 0; i < sc->campaigns[j].n_groups; i++) {
                outbound |= sc->campaigns[j].groups[i] == g;
            }
        }
        busy[CCS_CHANNEL_VOICE] = gr->n_serves > 0 || outbound;
        busy[CCS_CHANNEL_CHAT] = gr->chat_slots > 0;
        busy[CCS_CHANNEL_BACKOFFICE] = gr->n_bo > 0;
        sum = busy[0] + busy[1] + busy[2];
        if (sum == 0) {
            busy[CCS_CHANNEL_VOICE] = sum = 1.0;
        }
    }
    for (int c = 0; c < CCS_COST_N_CHANNELS; c++) {
        out[c] = direct[c] + rest * (busy[c] / sum);
    }
}

static int serves_ours(const ccs_scenario *sc, const ccs_agent_group *gr)
{
    for (int i = 0; i < gr->n_serves; i++) {
        if (sc->types[gr->serves[i]].ours) {
            return 1;
        }
    }
    return gr->n_serves == 0;
}

/* Whole heads: a tiny tolerance keeps 8 / 0.8 at 10, not 11. */
static double heads(double x)
{
    return ceil(x - 1e-9);
}

/* Line items of group g in replication r over the day of intervals
 * [k0, k1), added to rep->item; the group's own figures go to out. */
static void group_cost(const ccs_results *res, int r, int g, int k0, int k1, ccs_cost_rep *rep,
                       ccs_cost_group_rep *out)
{
    const ccs_scenario *sc = res->sc;
    const ccs_agent_group *gr = &sc->groups[g];
    const ccs_group_cost *gc = &gr->cost;
    double days = sc->cost.operating_days_per_month;
    double hours = sc->interval_s / 3600.0;
    double sched_h = 0.0;
    int peak = 0;
    work w;
    double item[CCS_COST_N_ITEMS] = {0};

    for (int k = k0; k < k1; k++) {
        sched_h += gr->count[k] * hours;
        if (gr->count[k] > peak) {
            peak = gr->count[k];
        }
    }
    double direct[CCS_COST_N_CHANNELS] = {0};
    group_work(res, r, g, k0, k1, &w);
    /* Chat and the back office are ours: their time counts on both sides. */
    double mine = w.busy_ours + w.chat_s + w.bo_s, all = w.busy_all + w.chat_s + w.bo_s;
    double share = all > 0 ? mine / all : (serves_ours(sc, gr) ? 1.0 : 0.0);
    memset(out, 0, sizeof *out);
    out->productive_hours = sched_h;
    out->paid_hours = sched_h;
    out->our_share = share;
    out->handled = w.handled;
    out->inbound_handled = w.handled - w.outbound;
    out->outbound_handled = w.outbound;
    out->resolved = w.resolved;
    out->chats = w.chats;
    out->items = w.items;

    if (gc->kind == CCS_COST_CAPTIVE) {
        double gross = 1.0 / (1.0 - gc->shrinkage);
        double loaded = 1.0 + gc->benefits;
        double sup_h = 0.0;
        if (gc->agents_per_supervisor > 0) {
            for (int k = k0; k < k1; k++) {
                sup_h += ceil(gr->count[k] / gc->agents_per_supervisor) * hours * gross;
            }
        }
        double headcount = heads(peak * gross);
        /* A seat is a position: the staff who are off the phones (shrinkage)
         * are not at one, so seats are the peak agents on shift at once. */
        double seats = peak;
        out->paid_hours = sched_h * gross;
        out->seats = seats;
        out->heads = headcount;
        item[CCS_ITEM_WAGES] = out->paid_hours * gc->wage_per_hour * loaded * share;
        item[CCS_ITEM_SUPERVISION] = sup_h * gc->supervisor_wage_per_hour * loaded * share;
        item[CCS_ITEM_FACILITIES] = seats * gc->seat_per_month / days * share;
        item[CCS_ITEM_TELEPHONY] = w.handle_s / 60.0 * gc->telephony_per_minute;
        direct[CCS_CHANNEL_VOICE] = item[CCS_ITEM_TELEPHONY];
        item[CCS_ITEM_HIRING] =
            headcount * gc->attrition_per_year / 12.0 * gc->hire_cost / days * share;
    } else if (gc->kind == CCS_COST_OUTSOURCED) {
        double volume = 0.0;
        switch (gc->pricing) {
        case CCS_PRICE_AGENT_HOUR:
            volume = sched_h * share;
            break;
        case CCS_PRICE_HANDLED_MINUTE:
            volume = w.handle_s / 60.0;
            break;
        case CCS_PRICE_HANDLED_CALL:
            volume = w.handled;
            break;
        case CCS_PRICE_SUCCESS:
            volume = w.successes;
            break;
        }
        item[CCS_ITEM_VENDOR_PRICE] = gc->price * volume;
        if (gc->pricing != CCS_PRICE_AGENT_HOUR) {
            direct[CCS_CHANNEL_VOICE] = item[CCS_ITEM_VENDOR_PRICE];
        }
        /* Transaction prices of the other channels, on top of the model's
         * (0 unless the contract prices them). */
        direct[CCS_CHANNEL_CHAT] = gc->price_per_chat * w.chats;
        direct[CCS_CHANNEL_BACKOFFICE] = gc->price_per_item * w.items;
        item[CCS_ITEM_VENDOR_PRICE] += direct[CCS_CHANNEL_CHAT] + direct[CCS_CHANNEL_BACKOFFICE];
        item[CCS_ITEM_TRANSITION] = gc->transition_fee / sc->cost.contract_months / days;
        item[CCS_ITEM_VENDOR_MANAGEMENT] = gc->vendor_management_per_month / days;
    }
    for (int i = 0; i < CCS_COST_N_ITEMS; i++) {
        rep->item[i] += item[i];
        out->total += item[i];
    }
    rep->paid_hours += out->paid_hours;
    rep->productive_hours += out->productive_hours;
    rep->resolved += w.resolved;
    channel_split(sc, g, &w, out->total, direct, out->channel);
    for (int c = 0; c < CCS_COST_N_CHANNELS; c++) {
        rep->channel[c] += out->channel[c];
    }
}

/* The SLA that applies to group g: a vendor's own, else the scenario's
 * cost.sla; none for a captive group (an in-house team has no contract to
 * collect a service credit from or pay a gain share to) or a group that
 * serves no call type of ours. */
static const ccs_cost_terms *sla_terms(const ccs_scenario *sc, int g)
{
    const ccs_agent_group *gr = &sc->groups[g];
    if (gr->cost.kind != CCS_COST_OUTSOURCED) {
        return NULL;
    }
    int ours = 0;
    for (int i = 0; i < gr->n_serves; i++) {
        ours |= sc->types[gr->serves[i]].ours;
    }
    if (!ours) {
        return NULL;
    }
    if (gr->cost.sla.has_sla) {
        return &gr->cost.sla;
    }
    return sc->cost.has_sla ? &sc->cost : NULL;
}

/* Our inbound tallies of interval k over the call types of ours that group
 * g serves (g < 0: every type of ours). */
static void served_interval(const ccs_results *res, int r, int k, int g, ccs_tally *out)
{
    const ccs_scenario *sc = res->sc;
    const ccs_tally *c = raw_cell(res, r, k);
    memset(out, 0, sizeof *out);
    if (g < 0) {
        ours_interval(res, r, k, out);
        return;
    }
    const ccs_agent_group *gr = &sc->groups[g];
    for (int i = 0; i < gr->n_serves; i++) {
        int t = gr->serves[i];
        if (sc->types[t].ours) {
            ccs_tally_add(out, &c[t]);
        }
    }
}

/* The SLA terms of group g in replication r, per day, from the client's
 * side: the vendor's service credits (penalties) lower our cost, the gain
 * share we pay it raises our cost.  The service level is measured over our
 * call types the group serves, whoever answers them. */
static void group_sla(const ccs_results *res, int r, int g, int k0, int k1, ccs_cost_rep *rep,
                      ccs_cost_group_rep *out)
{
    const ccs_scenario *sc = res->sc;
    const ccs_cost_terms *t = sla_terms(sc, g);
    ccs_tally day, iv;
    double p, b, credits = 0.0, gain = 0.0;
    if (!t || !res->tallies) {
        return;
    }
    memset(&day, 0, sizeof day);
    for (int k = k0; k < k1; k++) {
        served_interval(res, r, k, g, &iv);
        ccs_tally_add(&day, &iv);
        double sl = sl_of(sc, &iv);
        if (t->sla_period == CCS_SLA_INTERVAL && sl >= 0) {
            ccs_cost_sla_period(t, sl, &p, &b);
            credits += p;
            gain += b;
        }
    }
    double sl = sl_of(sc, &day);
    if (sl < 0) {
        return;
    }
    out->sla_points = (t->sla_target - sl) * 100.0;
    if (t->sla_period != CCS_SLA_INTERVAL) {
        ccs_cost_sla_period(t, sl, &p, &b);
        if (t->sla_period == CCS_SLA_MONTH) {
            /* The simulated day stands for every day of the month; the
             * monthly amount is spread over the month's operating days. */
            p /= sc->cost.operating_days_per_month;
            b /= sc->cost.operating_days_per_month;
        }
        credits += p;
        gain += b;
    }
    out->service_credits = credits;
    out->gain_share = gain;
    out->sla_adjustment = gain - credits;
    rep->penalties += credits;
    rep->bonuses += gain;
}

/* Our calls handled (by arrival interval) and the day's SLA points against
 * the scenario's cost.sla target, over all our call types. */
static void day_figures(const ccs_results *res, int r, int k0, int k1, ccs_cost_rep *rep)
{
    const ccs_scenario *sc = res->sc;
    ccs_tally day, iv;
    memset(&day, 0, sizeof day);
    if (!res->tallies) {
        return;
    }
    for (int k = k0; k < k1; k++) {
        served_interval(res, r, k, -1, &iv);
        ccs_tally_add(&day, &iv);
    }
    rep->inbound_handled += day.handled;
    double sl = sl_of(sc, &day);
    if (sc->cost.has_sla && sl >= 0) {
        rep->sla_points += (sc->cost.sla_target - sl) * 100.0;
    }
}

/* Outbound calls talked to count as handled calls of ours. */
static double outbound_handled(const ccs_results *res, int r, int k0, int k1)
{
    const ccs_scenario *sc = res->sc;
    double sum = 0.0;
    if (!res->tallies || sc->n_campaigns <= 0) {
        return 0.0;
    }
    ccs_tally_rep v = ccs_tallies_rep(res->tallies, r);
    /* the cells are interval-major: intervals [k0, k1) are one run */
    size_t per = ccs_tally_cells(&v.d, CCS_TALLY_KIND_CGROUP) / (size_t)v.d.intervals;
    for (size_t i = (size_t)k0 * per; i < (size_t)k1 * per; i++) {
        sum += v.cgroup[i].handled;
    }
    return sum;
}

/* Chats answered and back-office items done in replication r: the
 * denominators of cost per chat handled and per item done. */
static void channel_volumes(const ccs_results *res, int r, int k0, int k1, ccs_cost_rep *rep)
{
    if (!res->tallies) {
        return;
    }
    ccs_tally_rep v = ccs_tallies_rep(res->tallies, r);
    for (int k = k0; k < k1; k++) {
        if (v.d.chats > 0) {
            rep->chats += ccs_chat_tally_at(&v, k)->answered;
        }
        for (int b = 0; b < v.d.backoffice; b++) {
            rep->items += ccs_bo_tally_at(&v, k, b)->done;
        }
    }
}

/* ---- estimates ------------------------------------------------------------ */

#define REP_STRIDE (sizeof(ccs_cost_rep) / sizeof(double))
#define GREP_STRIDE(ng) ((size_t)(ng) * (sizeof(ccs_cost_group_rep) / sizeof(double)))

void ccs_cost_result_free(ccs_cost_result *c)
{
    if (!c) {
        return;
    }
    free(c->rep);
    free(c->grep);
    free(c->groups);
    free(c);
}

ccs_cost_result *ccs_cost_compute(const ccs_results *res, ccs_error *err)
{
    CCS_ASSERT(res && res->sc);
    const ccs_scenario *sc = res->sc;
    int R = res->replications, ng = sc->n_groups;
    ccs_cost_result *c = calloc(1, sizeof *c);
    if (!c) {
        goto nomem;
    }
    c->replications = R;
    c->n_groups = ng;
    c->rep = calloc((size_t)R, sizeof *c->rep);
    c->grep = calloc((size_t)R * (size_t)ng, sizeof *c->grep);
    c->groups = calloc((size_t)ng, sizeof *c->groups);
    double *scratch = calloc((size_t)R, sizeof *scratch);
    if (!c->rep || !c->grep || !c->groups || !scratch) {
        free(scratch);
        goto nomem;
    }
    /* Several days: each replication's figures are those of its average
     * day (every day costed on its own intervals, then the mean). */
    int days = ccs_scenario_days(sc), nd = ccs_scenario_day_intervals(sc);
    c->horizon_hours = nd * sc->interval_s / 3600.0;
    c->days_per_month = sc->cost.operating_days_per_month;
    c->costed = sc->cost.has_sla;
    for (int g = 0; g < ng; g++) {
        c->costed |= sc->groups[g].cost.kind != CCS_COST_NONE;
        c->sla_applies |= sla_terms(sc, g) != NULL;
    }
    /* The split by channel is reported where there is one to make: an
     * uncosted scenario's cost object stays as it was (all zeros). */
    c->channels = c->costed && (sc->chat.on || sc->n_backoffice > 0);
    for (int r = 0; r < R; r++) {
        ccs_cost_rep *rep = &c->rep[r];
        ccs_cost_group_rep *grp = &c->grep[(size_t)r * (size_t)ng];
        for (int d = 0; d < days; d++) {
            int k0 = d * nd, k1 = k0 + nd;
            for (int g = 0; g < ng; g++) {
                ccs_cost_group_rep one;
                group_cost(res, r, g, k0, k1, rep, &one);
                group_sla(res, r, g, k0, k1, rep, &one);
                double *to = (double *)&grp[g];
                const double *from = (const double *)&one;
                for (size_t i = 0; i < sizeof one / sizeof(double); i++) {
                    to[i] += from[i];
                }
            }
            day_figures(res, r, k0, k1, rep);
            channel_volumes(res, r, k0, k1, rep);
            rep->outbound_handled += outbound_handled(res, r, k0, k1);
        }
        if (days > 1) {
            double *x = (double *)rep;
            for (size_t i = 0; i < sizeof *rep / sizeof(double); i++) {
                x[i] /= days;
            }
            x = (double *)grp;
            for (size_t i = 0; i < (size_t)ng * (sizeof *grp / sizeof(double)); i++) {
                x[i] /= days;
            }
        }
        rep->handled = rep->inbound_handled + rep->outbound_handled;
        /* From the client's side: gain share paid minus credits received. */
        rep->item[CCS_ITEM_SLA] = rep->bonuses - rep->penalties;
        /* The SLA terms are on the voice service level. */
        rep->channel[CCS_CHANNEL_VOICE] += rep->item[CCS_ITEM_SLA];
        for (int i = 0; i < CCS_COST_N_ITEMS; i++) {
            rep->total += rep->item[i];
        }
    }
    size_t n = (size_t)R;
    const ccs_cost_rep *p = c->rep;
    c->total = ccs_stats_mean(&p[0].total, n, REP_STRIDE);
    c->per_day = c->total;
    c->per_handled_call = ccs_stats_ratio(&p[0].total, &p[0].handled, n, REP_STRIDE, -INFINITY,
                                          INFINITY);
    c->per_resolved_contact = ccs_stats_ratio(&p[0].total, &p[0].resolved, n, REP_STRIDE,
                                              -INFINITY, INFINITY);
    /* The day's length is fixed, so per hour and per month are scaled
     * means (scratch[] holds the scaled per-replication totals). */
    for (int r = 0; r < R; r++) {
        scratch[r] = p[r].total / c->horizon_hours;
    }
    c->per_hour = ccs_stats_mean(scratch, n, 1);
    for (int r = 0; r < R; r++) {
        scratch[r] = p[r].total * c->days_per_month;
    }
    c->per_month = ccs_stats_mean(scratch, n, 1);
    c->sla_adjustment = ccs_stats_mean(&p[0].item[CCS_ITEM_SLA], n, REP_STRIDE);
    c->sla_points = ccs_stats_mean(&p[0].sla_points, n, REP_STRIDE);
    c->service_credits = ccs_stats_mean(&p[0].penalties, n, REP_STRIDE);
    c->gain_share = ccs_stats_mean(&p[0].bonuses, n, REP_STRIDE);
    for (int i = 0; i < CCS_COST_N_ITEMS; i++) {
        c->item[i] = ccs_stats_mean(&p[0].item[i], n, REP_STRIDE);
    }
    c->paid_hours = ccs_stats_mean(&p[0].paid_hours, n, REP_STRIDE);
    c->productive_hours = ccs_stats_mean(&p[0].productive_hours, n, REP_STRIDE);
    c->handled = ccs_stats_mean(&p[0].handled, n, REP_STRIDE);
    c->inbound_handled = ccs_stats_mean(&p[0].inbound_handled, n, REP_STRIDE);
    c->outbound_handled = ccs_stats_mean(&p[0].outbound_handled, n, REP_STRIDE);
    c->resolved = ccs_stats_mean(&p[0].resolved, n, REP_STRIDE);
    c->chats = ccs_stats_mean(&p[0].chats, n, REP_STRIDE);
    c->items = ccs_stats_mean(&p[0].items, n, REP_STRIDE);
    for (int ch = 0; ch < CCS_COST_N_CHANNELS; ch++) {
        c->channel[ch] = ccs_stats_mean(&p[0].channel[ch], n, REP_STRIDE);
    }
    c->per_voice_call = ccs_stats_ratio(&p[0].channel[CCS_CHANNEL_VOICE], &p[0].handled, n,
                                        REP_STRIDE, -INFINITY, INFINITY);
    c->per_chat_handled = ccs_stats_ratio(&p[0].channel[CCS_CHANNEL_CHAT], &p[0].chats, n,
                                          REP_STRIDE, -INFINITY, INFINITY);
    c->per_item_done = ccs_stats_ratio(&p[0].channel[CCS_CHANNEL_BACKOFFICE], &p[0].items, n,
                                       REP_STRIDE, -INFINITY, INFINITY);
    for (int g = 0; g < ng; g++) {
        const ccs_cost_group_rep *gp = &c->grep[g];
        size_t st = GREP_STRIDE(ng);
        c->groups[g].total = ccs_stats_mean(&gp->total, n, st);
        c->groups[g].paid_hours = ccs_stats_mean(&gp->paid_hours, n, st);
        c->groups[g].productive_hours = ccs_stats_mean(&gp->productive_hours, n, st);
        c->groups[g].our_share = ccs_stats_mean(&gp->our_share, n, st);
        c->groups[g].inbound_handled = ccs_stats_mean(&gp->inbound_handled, n, st);
        c->groups[g].outbound_handled = ccs_stats_mean(&gp->outbound_handled, n, st);
        c->groups[g].seats = ccs_stats_mean(&gp->seats, n, st);
        c->groups[g].heads = ccs_stats_mean(&gp->heads, n, st);
        c->groups[g].sla_adjustment = ccs_stats_mean(&gp->sla_adjustment, n, st);
        c->groups[g].service_credits = ccs_stats_mean(&gp->service_credits, n, st);
        c->groups[g].gain_share = ccs_stats_mean(&gp->gain_share, n, st);
        c->groups[g].sla_points = ccs_stats_mean(&gp->sla_points, n, st);
        c->groups[g].chats = ccs_stats_mean(&gp->chats, n, st);
        c->groups[g].items = ccs_stats_mean(&gp->items, n, st);
        for (int ch = 0; ch < CCS_COST_N_CHANNELS; ch++) {
            c->groups[g].channel[ch] = ccs_stats_mean(&gp->channel[ch], n, st);
        }
        c->groups[g].per_chat_handled = ccs_stats_ratio(
            &gp->channel[CCS_CHANNEL_CHAT], &gp->chats, n, st, -INFINITY, INFINITY);
        c->groups[g].per_item_done = ccs_stats_ratio(
            &gp->channel[CCS_CHANNEL_BACKOFFICE], &gp->items, n, st, -INFINITY, INFINITY);
    }
    free(scratch);
    return c;
nomem:
    ccs_cost_result_free(c);
    ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory computing costs");
    return NULL;
}

/* ---- paired comparison ------------------------------------------------------ */

void ccs_cmp_sums(const ccs_results *res, const ccs_cost_result *cost, ccs_cmp_metric m,
                  double *num, double *den)
{
    const ccs_scenario *sc = res->sc;
    for (int r = 0; r < res->replications; r++) {
        ccs_tally day, iv;
        memset(&day, 0, sizeof day);
        for (int k = 0; k < sc->n_intervals; k++) {
            ours_interval(res, r, k, &iv);
            ccs_tally_add(&day, &iv);
        }
        double y = 0.0, x = 1.0;
        switch (m) {
        case CCS_CMP_SERVICE_LEVEL:
            y = day.answered_in_sl;
            x = ccs_sl_denominator(sc->sl_definition, &day);
            break;
        case CCS_CMP_ASA:
            y = day.wait_answered_s;
            x = day.handled;
            break;
        case CCS_CMP_ABANDON_RATE:
            y = day.abandoned;
            x = day.offered;
            break;
        case CCS_CMP_AGENTS:
            /* Time-average agents on shift, all groups. */
            y = 0.0;
            for (int k = 0; k < sc->n_intervals; k++) {
                for (int g = 0; g < sc->n_groups; g++) {
                    y += sc->groups[g].count[k];
                }
            }
            y /= sc->n_intervals;
            break;
        case CCS_CMP_PER_HANDLED_CALL:
            y = cost->rep[r].total;
            x = cost->rep[r].handled;
            break;
        case CCS_CMP_PER_RESOLVED_CONTACT:
            y = cost->rep[r].total;
            x = cost->rep[r].resolved;
            break;
        case CCS_CMP_PER_CHAT_HANDLED:
            y = cost->rep[r].channel[CCS_CHANNEL_CHAT];
            x = cost->rep[r].chats;
            break;
        case CCS_CMP_PER_ITEM_DONE:
            y = cost->rep[r].channel[CCS_CHANNEL_BACKOFFICE];
            x = cost->rep[r].items;
            break;
        case CCS_CMP_PER_MONTH:
        default:
            y = cost->rep[r].total * cost->days_per_month;
            break;
        }
        num[r] = y;
        den[r] = x;
    }
}

ccs_estimate ccs_cmp_paired_diff(const double *yb, const double *xb, const double *ya,
                                 const double *xa, size_t n)
{
    ccs_estimate e = {0.0, 0.0, 0.0, 0};
    double syb = 0, sxb = 0, sya = 0, sxa = 0;
    for (size_t i = 0; i < n; i++) {
        syb += yb[i];
        sxb += xb[i];
        sya += ya[i];
        sxa += xa[i];
    }
    if (n == 0 || sxb == 0 || sxa == 0) {
        return e;
    }
    double rb = syb / sxb, ra = sya / sxa;
    double mxb = sxb / (double)n, mxa = sxa / (double)n;
    e.defined = 1;
    e.mean = rb - ra;
    e.lo = e.hi = e.mean;
    if (n < 2) {
        return e;
    }
    /* z has mean 0 by construction; its spread is that of the difference. */
    double ss = 0.0;
    for (size_t i = 0; i < n; i++) {
        double z = (yb[i] - rb * xb[i]) / mxb - (ya[i] - ra * xa[i]) / mxa;
        ss += z * z;
    }
    double hw = ccs_stats_t95(n - 1) * sqrt(ss / (double)(n - 1) / (double)n);
    if (isfinite(hw)) {
        e.lo = e.mean - hw;
        e.hi = e.mean + hw;
    }
    return e;
}
