/*
 * erlang_table.c — formats a staffing answer and a table of staffing levels
 * as text, CSV or JSON.
 *
 * Every row is evaluated once, up front, into a malloc'd array, so that a
 * row the Erlang functions reject is reported before a single byte is
 * written, and the text writer can size its columns to the widest cell.
 * Non-finite values never reach the output as "nan": unstable rows are
 * spelled "unstable"/"inf" in text, "inf" in CSV and null in JSON (JSON has
 * no infinity, and jansson refuses to build one).
 */
#include "ccsim/erlang_table.h"

#include "report/format.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

/* Reasons the answer is not one agent fewer (bits of a mask). */
enum {
    WHY_MINIMUM = 1 << 0,
    WHY_STABILITY = 1 << 1,
    WHY_SL = 1 << 2,
    WHY_ASA = 1 << 3,
    WHY_OCCUPANCY = 1 << 4,
    WHY_ABANDON = 1 << 5
};

static const struct {
    int bit;
    const char *key;    /* JSON */
    const char *label;  /* text */
} why_names[] = {
    {WHY_MINIMUM, "minimum", "minimum of 1 agent"},
    {WHY_STABILITY, "stability", "stability"},
    {WHY_SL, "service_level", "service level"},
    {WHY_ASA, "asa", "ASA"},
    {WHY_OCCUPANCY, "occupancy", "occupancy"},
    {WHY_ABANDON, "abandon", "abandonment"},
};

#define N_WHY (sizeof why_names / sizeof why_names[0])

static int erlang_a(const ccs_erlang_table *t)
{
    return t->query.patience_s > 0.0;
}

static double offered_load(const ccs_erlang_table *t)
{
    return t->query.calls_per_hour * t->query.aht_s / 3600.0;
}

/* Targets the metrics m miss, as WHY_* bits (0 = all met). */
static int missed_targets(const ccs_staffing_targets *tg, const ccs_erlang_metrics *m)
{
    int why = 0;
    if (!m->stable) {
        why |= WHY_STABILITY;
    }
    if (tg->service_level > 0.0 && !(m->service_level >= tg->service_level)) {
        why |= WHY_SL;
    }
    if (tg->max_asa_s > 0.0 && !(m->asa_s <= tg->max_asa_s)) {
        why |= WHY_ASA;
    }
    if (tg->max_occupancy > 0.0 && !(m->occupancy <= tg->max_occupancy)) {
        why |= WHY_OCCUPANCY;
    }
    if (tg->max_abandon > 0.0 && !(m->prob_abandon <= tg->max_abandon)) {
        why |= WHY_ABANDON;
    }
    return why;
}

static int binding_mask(const ccs_erlang_table *t)
{
    int n = t->staffing.agents;
    if (n <= 1) {
        return WHY_MINIMUM;
    }
    ccs_erlang_metrics below;
    int rc = ccs_erlang_eval(&t->query, n - 1, &below);
    if (rc != CCS_OK && rc != CCS_EUNSTABLE) {
        return 0;
    }
    int why = missed_targets(&t->targets, &below);
    /* An unstable level misses everything; stability is the whole story. */
    return (why & WHY_STABILITY) ? WHY_STABILITY : why;
}

char *ccs_erlang_table_binding(const ccs_erlang_table *t, char *buf, size_t n)
{
    int why = binding_mask(t);
    size_t used = 0;
    if (n == 0) {
        return buf;
    }
    buf[0] = '\0';
    for (size_t i = 0; i < N_WHY; i++) {
        if ((why & why_names[i].bit) && used < n) {
            int w = snprintf(buf + used, n - used, "%s%s", used ? ", " : "", why_names[i].label);
            used += w > 0 ? (size_t)w : 0;
        }
    }
    return buf;
}

size_t ccs_erlang_table_default_rows(int answer, int span, int *out, size_t cap)
{
    size_t k = 0;
    int lo = answer - span < 1 ? 1 : answer - span;
    for (int n = lo; n <= answer + span && k < cap; n++) {
        out[k++] = n;
    }
    return k;
}

/* Evaluates every row; the caller frees *rows_out. */
static int eval_rows(const ccs_erlang_table *t, ccs_erlang_metrics **rows_out, ccs_error *err)
{
    if (!t->agents || t->n_agents == 0) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "agents", "no staffing levels to show");
    }
    if (t->n_agents > CCS_ERLANG_TABLE_MAX_ROWS) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "agents",
                             "%zu rows requested, at most %d allowed", t->n_agents,
                             CCS_ERLANG_TABLE_MAX_ROWS);
    }
    ccs_erlang_metrics *rows = malloc(t->n_agents * sizeof *rows);
    if (!rows) {
        return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory for %zu rows",
                             t->n_agents);
    }
    for (size_t i = 0; i < t->n_agents; i++) {
        int n = t->agents[i];
        if (n < 1) {
            free(rows);
            return ccs_error_set(err, CCS_EINVAL, NULL, 0, "agents",
                                 "expected agents >= 1, got %d", n);
        }
        int rc = ccs_erlang_eval(&t->query, n, &rows[i]);
        if (rc != CCS_OK && rc != CCS_EUNSTABLE) {
            /* The query was validated: what is left is an overloaded row
             * whose Erlang A chain is too long to sum. */
            double load = t->query.calls_per_hour * t->query.aht_s / 3600.0;
            free(rows);
            return ccs_error_set(err, rc, NULL, 0, "patience_s",
                                 "%d agents are below the load (%.4g Erlangs) and a mean "
                                 "patience of %g s makes their Erlang A chain longer than %ld "
                                 "states; expected a shorter patience or `agents` above %d",
                                 n, load, t->query.patience_s, CCS_ERLANG_MAX_CHAIN_STATES, n);
        }
        if (rc == CCS_EUNSTABLE) {
            rows[i].stable = 0;
        }
    }
    *rows_out = rows;
    return CCS_OK;
}


/* ---- text ----------------------------------------------------------- */

/* A number for a human: no trailing zeros, up to 6 significant digits. */
static const char *num(char *buf, size_t n, double v)
{
    snprintf(buf, n, "%.6g", v);
    return buf;
}

static const char *pct(char *buf, size_t n, double frac)
{
    snprintf(buf, n, "%.6g%%", 100.0 * frac);
    return buf;
}

/* A wait in seconds for a table cell: "inf" when unbounded, and an
 * exponent for waits so long that fixed point would blow the column up. */
static void secs(char *buf, size_t n, double v)
{
    if (!isfinite(v)) {
        snprintf(buf, n, "inf");
    } else if (v < 1e7) {
        snprintf(buf, n, "%.2f", v);
    } else {
        snprintf(buf, n, "%.3e", v);
    }
}

enum { COL_AGENTS, COL_PWAIT, COL_SL, COL_ASA, COL_WAITALL, COL_PAB, COL_OCC, COL_SCHED,
       COL_STATUS, N_COLS };

typedef struct column {
    char head[48];
    int on;
    int left;   /* left-aligned (text) rather than right-aligned (numbers) */
    int width;
} column;

static void cell(char *buf, size_t n, int col, const ccs_erlang_table *t,
                 const ccs_erlang_metrics *m, int miss)
{
    switch (col) {
    case COL_AGENTS:
        snprintf(buf, n, "%d", m->agents);
        break;
    case COL_PWAIT:
        snprintf(buf, n, "%.2f%%", 100.0 * m->prob_wait);
        break;
    case COL_SL:
        snprintf(buf, n, "%.2f%%", 100.0 * m->service_level);
        break;
    case COL_ASA:
        secs(buf, n, m->stable ? m->asa_s : INFINITY);
        break;
    case COL_WAITALL:
        secs(buf, n, m->stable ? m->asa_all_s : INFINITY);
        break;
    case COL_PAB:
        snprintf(buf, n, "%.2f%%", 100.0 * m->prob_abandon);
        break;
    case COL_OCC:
        snprintf(buf, n, "%.2f%%", 100.0 * (m->stable ? m->occupancy : 1.0));
        break;
    case COL_SCHED:
        snprintf(buf, n, "%d", ccs_erlang_scheduled(m->agents, t->targets.shrinkage));
        break;
    case COL_STATUS:
        if (!m->stable) {
            snprintf(buf, n, "unstable");
        } else {
            snprintf(buf, n, "%s", miss ? "no" : "yes");
        }
        break;
    default:
        buf[0] = '\0';
        break;
    }
}

static void setup_columns(column *c, const ccs_erlang_table *t)
{
    char tbuf[32];
    memset(c, 0, N_COLS * sizeof *c);
    snprintf(c[COL_AGENTS].head, sizeof c[0].head, "agents");
    snprintf(c[COL_PWAIT].head, sizeof c[0].head, "P(wait)");
    snprintf(c[COL_SL].head, sizeof c[0].head, "SL %s s", num(tbuf, sizeof tbuf,
                                                            t->query.threshold_s));
    snprintf(c[COL_ASA].head, sizeof c[0].head, "ASA (s)");
    snprintf(c[COL_WAITALL].head, sizeof c[0].head, "wait, all (s)");
    snprintf(c[COL_PAB].head, sizeof c[0].head, "P(abandon)");
    snprintf(c[COL_OCC].head, sizeof c[0].head, "occupancy");
    snprintf(c[COL_SCHED].head, sizeof c[0].head, "scheduled");
    snprintf(c[COL_STATUS].head, sizeof c[0].head, "meets targets");
    for (int i = 0; i < N_COLS; i++) {
        c[i].on = 1;
        c[i].width = (int)strlen(c[i].head);
    }
    c[COL_STATUS].left = 1;
    c[COL_WAITALL].on = erlang_a(t);
    c[COL_PAB].on = erlang_a(t);
    c[COL_SCHED].on = t->targets.shrinkage > 0.0;
}

static void print_inputs(FILE *fp, const ccs_erlang_table *t)
{
    char a[64];
    char b[64];
    const ccs_erlang_query *q = &t->query;
    const ccs_staffing_targets *tg = &t->targets;
    fprintf(fp, "Inputs\n");
    fprintf(fp, "  calls offered        %s per hour\n", num(a, sizeof a, q->calls_per_hour));
    fprintf(fp, "  handle time (AHT)    %s s\n", num(a, sizeof a, q->aht_s));
    if (erlang_a(t)) {
        fprintf(fp, "  patience (mean)      %s s\n", num(a, sizeof a, q->patience_s));
    } else {
        fprintf(fp, "  patience             none (callers never abandon)\n");
    }
    if (tg->service_level > 0.0) {
        fprintf(fp, "  service level        %s answered within %s s\n",
                pct(a, sizeof a, tg->service_level), num(b, sizeof b, q->threshold_s));
    } else {
        fprintf(fp, "  service level        no target (SL shown within %s s)\n",
                num(b, sizeof b, q->threshold_s));
    }
    if (tg->max_asa_s > 0.0) {
        fprintf(fp, "  max ASA              %s s\n", num(a, sizeof a, tg->max_asa_s));
    }
    if (tg->max_occupancy > 0.0) {
        fprintf(fp, "  max occupancy        %s\n", pct(a, sizeof a, tg->max_occupancy));
    }
    if (tg->max_abandon > 0.0) {
        fprintf(fp, "  max P(abandon)       %s\n", pct(a, sizeof a, tg->max_abandon));
    }
    fprintf(fp, "  shrinkage            %s\n", pct(a, sizeof a, tg->shrinkage));
}

static void print_answer(FILE *fp, const ccs_erlang_table *t)
{
    char a[64];
    char why[128];
    const ccs_staffing_result *s = &t->staffing;
    double load = offered_load(t);
    fprintf(fp, "\nAnswer\n");
    /* Two decimals read well for real loads; a tiny load keeps its digits. */
    fprintf(fp, load >= 0.01 ? "  offered load         %.2f Erlangs\n"
                             : "  offered load         %.3g Erlangs\n",
            load);
    int mask = binding_mask(t);
    ccs_erlang_table_binding(t, why, sizeof why);
    if (t->unc && t->confidence > 0) {
        fprintf(fp, "  required agents      %d    (P(meet SL target) %.1f%% >= %.4g%%",
                t->unc->agents, 100 * t->unc->prob_meet, 100 * t->confidence);
        if (t->unc->agents > 1) {
            fprintf(fp, "; %d give %.1f%%", t->unc->agents - 1, 100 * t->unc->prob_meet_below);
        }
        fprintf(fp, ")\n  scheduled agents     %d    (with %s shrinkage)\n",
                t->unc->scheduled_agents, pct(a, sizeof a, t->targets.shrinkage));
        fprintf(fp, "  Erlang answer        %d    (at the mean rate, everyone present)\n",
                s->agents);
        return;
    }
    fprintf(fp, "  required agents      %d", s->agents);
    if (mask == WHY_MINIMUM) {
        fprintf(fp, "    (the least possible)");
    } else if (mask == WHY_STABILITY) {
        fprintf(fp, "    (%d would be unstable: calls arrive faster than they are handled)",
                s->agents - 1);
    } else if (why[0]) {
        fprintf(fp, "    (%d would miss: %s)", s->agents - 1, why);
    }
    fputc('\n', fp);
    if (t->targets.shrinkage > 0.0) {
        fprintf(fp, "  scheduled agents     %d    (with %s shrinkage)\n", s->scheduled_agents,
                pct(a, sizeof a, t->targets.shrinkage));
    } else {
        fprintf(fp, "  scheduled agents     %d    (no shrinkage)\n", s->scheduled_agents);
    }
    if (t->targets.service_level > 0.0 && isfinite(s->sqrt_beta) &&
        isfinite(s->sqrt_estimate)) {
        fprintf(fp, "  square-root rule     %.2f = A + \u03b2\u221aA, \u03b2 = %.4f (SL target%s; "
                    "a rough guide)\n",
                s->sqrt_estimate, s->sqrt_beta, erlang_a(t) ? ", no abandonment" : " only");
    }
}

int ccs_erlang_table_write_text(FILE *fp, const ccs_erlang_table *t, ccs_error *err)
{
    ccs_erlang_metrics *rows = NULL;
    int rc = eval_rows(t, &rows, err);
    if (rc != CCS_OK) {
        return rc;
    }
    column cols[N_COLS];
    setup_columns(cols, t);
    char buf[64];
    for (size_t i = 0; i < t->n_agents; i++) {
        int miss = missed_targets(&t->targets, &rows[i]);
        for (int c = 0; c < N_COLS; c++) {
            if (cols[c].on) {
                cell(buf, sizeof buf, c, t, &rows[i], miss);
                int w = (int)strlen(buf);
                cols[c].width = w > cols[c].width ? w : cols[c].width;
            }
        }
    }

    if (erlang_a(t)) {
        fprintf(fp, "Erlang A staffing (M/M/N+M: callers abandon after an exponential "
                    "patience)\n\n");
    } else {
        fprintf(fp, "Erlang C staffing (M/M/N: callers wait until answered)\n\n");
    }
    print_inputs(fp, t);
    print_answer(fp, t);
    if (t->unc) {
        const ccs_uncertain_staffing *u = t->unc;
        fprintf(fp, "\nUnder uncertainty (volume cv %.4g%%, absenteeism %.4g%%; P(meet) = "
                    "P(the interval meets the SL target))\n",
                100 * t->volume_cv, 100 * t->absenteeism);
        fprintf(fp, "  at %-6d (Erlang)    P(meet) %.1f%%, expected SL %.2f%%\n", u->mean_agents,
                100 * u->prob_meet_mean, 100 * u->expected_sl_mean);
        if (t->confidence > 0) {
            fprintf(fp, "  at %-6d (required)  P(meet) %.1f%%, expected SL %.2f%%\n", u->agents,
                    100 * u->prob_meet, 100 * u->expected_sl);
        }
    }

    /* Header, rule, rows.  Two leading columns hold the answer marker. */
    fprintf(fp, "\n   ");
    for (int c = 0; c < N_COLS; c++) {
        if (c == COL_STATUS) {
            fprintf(fp, "  %s", cols[c].head);
        } else if (cols[c].on) {
            fprintf(fp, cols[c].left ? "  %-*s" : "  %*s", cols[c].width, cols[c].head);
        }
    }
    fprintf(fp, "\n   ");
    for (int c = 0; c < N_COLS; c++) {
        if (cols[c].on) {
            fprintf(fp, "  ");
            for (int k = 0; k < cols[c].width; k++) {
                fputc('-', fp);
            }
        }
    }
    fputc('\n', fp);
    int answer = t->unc && t->confidence > 0 ? t->unc->agents : t->staffing.agents;
    for (size_t i = 0; i < t->n_agents; i++) {
        int is_answer = rows[i].agents == answer;
        int miss = missed_targets(&t->targets, &rows[i]);
        fprintf(fp, " %s ", is_answer ? ">" : " ");
        for (int c = 0; c < N_COLS; c++) {
            if (cols[c].on) {
                cell(buf, sizeof buf, c, t, &rows[i], miss);
                if (c == COL_STATUS) {
                    /* the last column: no trailing blanks */
                    fprintf(fp, "  %s%s", buf, is_answer ? "  <- required" : "");
                } else {
                    fprintf(fp, cols[c].left ? "  %-*s" : "  %*s", cols[c].width, buf);
                }
            }
        }
        fputc('\n', fp);
    }
    fprintf(fp, "\nSL = answered within %s s / offered.  ASA = mean wait of answered callers",
            num(buf, sizeof buf, t->query.threshold_s));
    if (erlang_a(t)) {
        fprintf(fp, ";\nwait, all = mean wait of every caller, abandoners included");
    }
    fprintf(fp, ".\n");
    free(rows);
    return ccs__flush(fp, err);
}

/* ---- CSV ------------------------------------------------------------ */


int ccs_erlang_table_write_csv(FILE *fp, const ccs_erlang_table *t, ccs_error *err)
{
    ccs_erlang_metrics *rows = NULL;
    int rc = eval_rows(t, &rows, err);
    if (rc != CCS_OK) {
        return rc;
    }
    int ea = erlang_a(t);
    fprintf(fp, "agents,prob_wait,service_level,asa_s,occupancy%s\n", ea ? ",prob_abandon" : "");
    for (size_t i = 0; i < t->n_agents; i++) {
        const ccs_erlang_metrics *m = &rows[i];
        fprintf(fp, "%d", m->agents);
        ccs__csv_real(fp, m->prob_wait);
        ccs__csv_real(fp, m->service_level);
        ccs__csv_real(fp, m->stable ? m->asa_s : INFINITY);
        ccs__csv_real(fp, m->stable ? m->occupancy : 1.0);
        if (ea) {
            ccs__csv_real(fp, m->prob_abandon);
        }
        fputc('\n', fp);
    }
    free(rows);
    return ccs__flush(fp, err);
}

/* ---- JSON ----------------------------------------------------------- */

/* Adds key: v, or key: null when v is not finite.  Returns 0 or -1. */
static int set_real(json_t *obj, const char *key, double v)
{
    return json_object_set_new(obj, key, isfinite(v) ? json_real(v) : json_null());
}

/* key: v when v > 0 (a target that is set), else null. */
static int set_target(json_t *obj, const char *key, double v)
{
    return json_object_set_new(obj, key, v > 0.0 ? json_real(v) : json_null());
}

static json_t *row_json(const ccs_erlang_table *t, const ccs_erlang_metrics *m)
{
    json_t *o = json_object();
    int bad = !o;
    if (!bad) {
        bad |= json_object_set_new(o, "agents", json_integer(m->agents));
        bad |= json_object_set_new(o, "stable", json_boolean(m->stable));
        bad |= set_real(o, "prob_wait", m->prob_wait);
        bad |= set_real(o, "service_level", m->service_level);
        bad |= set_real(o, "asa_s", m->stable ? m->asa_s : INFINITY);
        bad |= set_real(o, "asa_all_s", m->stable ? m->asa_all_s : INFINITY);
        bad |= set_real(o, "occupancy", m->stable ? m->occupancy : 1.0);
        bad |= set_real(o, "prob_wait_gt_t", m->prob_wait_gt_t);
        bad |= set_real(o, "mean_queue_length", m->stable ? m->mean_queue_length : INFINITY);
        if (erlang_a(t)) {
            bad |= set_real(o, "prob_abandon", m->prob_abandon);
            bad |= set_real(o, "service_level_answered", m->service_level_answered);
        }
        bad |= json_object_set_new(o, "scheduled_agents",
                                   json_integer(ccs_erlang_scheduled(m->agents,
                                                                     t->targets.shrinkage)));
        bad |= json_object_set_new(o, "meets_targets",
                                   json_boolean(missed_targets(&t->targets, m) == 0));
    }
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *build_json(const ccs_erlang_table *t, const ccs_erlang_metrics *rows)
{
    const ccs_erlang_query *q = &t->query;
    const ccs_staffing_targets *tg = &t->targets;
    const ccs_staffing_result *s = &t->staffing;
    json_t *root = json_object();
    json_t *in = json_object();
    json_t *sq = json_object();
    json_t *why = json_array();
    json_t *arr = json_array();
    json_t *at = row_json(t, &s->at);
    int bad = !root || !in || !sq || !why || !arr || !at;
    if (bad) {
        goto fail;
    }

    bad |= json_object_set_new(in, "calls_per_hour", json_real(q->calls_per_hour));
    bad |= json_object_set_new(in, "aht_s", json_real(q->aht_s));
    bad |= set_target(in, "patience_s", q->patience_s);
    bad |= set_target(in, "service_level", tg->service_level);
    bad |= json_object_set_new(in, "threshold_s", json_real(q->threshold_s));
    bad |= set_target(in, "max_asa_s", tg->max_asa_s);
    bad |= set_target(in, "max_occupancy", tg->max_occupancy);
    bad |= set_target(in, "max_abandon", tg->max_abandon);
    bad |= json_object_set_new(in, "shrinkage", json_real(tg->shrinkage));

    int mask = binding_mask(t);
    for (size_t i = 0; i < N_WHY; i++) {
        if (mask & why_names[i].bit) {
            bad |= json_array_append_new(why, json_string(why_names[i].key));
        }
    }
    if (tg->service_level > 0.0) {
        bad |= set_real(sq, "beta", s->sqrt_beta);
        bad |= set_real(sq, "estimate", s->sqrt_estimate);
    } else {
        bad |= json_object_set_new(sq, "beta", json_null());
        bad |= json_object_set_new(sq, "estimate", json_null());
    }
    for (size_t i = 0; i < t->n_agents; i++) {
        json_t *r = row_json(t, &rows[i]);
        bad |= r ? json_array_append_new(arr, r) : -1;
    }

    bad |= json_object_set_new(root, "model", json_string(erlang_a(t) ? "erlang_a" : "erlang_c"));
    bad |= json_object_set_new(root, "inputs", in);
    in = NULL;
    bad |= json_object_set_new(root, "offered_load", json_real(offered_load(t)));
    int conf = t->unc && t->confidence > 0;
    bad |= json_object_set_new(root, "required_agents",
                               json_integer(conf ? t->unc->agents : s->agents));
    bad |= json_object_set_new(root, "scheduled_agents",
                               json_integer(conf ? t->unc->scheduled_agents
                                                 : s->scheduled_agents));
    if (t->unc) {
        const ccs_uncertain_staffing *u = t->unc;
        json_t *uo = json_object();
        bad |= uo ? 0 : -1;
        if (uo) {
            bad |= json_object_set_new(uo, "volume_cv", json_real(t->volume_cv));
            bad |= json_object_set_new(uo, "absenteeism", json_real(t->absenteeism));
            bad |= json_object_set_new(uo, "confidence", t->confidence > 0
                                                             ? json_real(t->confidence)
                                                             : json_null());
            bad |= json_object_set_new(uo, "erlang_agents", json_integer(u->mean_agents));
            bad |= json_object_set_new(uo, "prob_meet_target_erlang",
                                       json_real(u->prob_meet_mean));
            bad |= json_object_set_new(uo, "expected_service_level_erlang",
                                       json_real(u->expected_sl_mean));
            if (conf) {
                bad |= json_object_set_new(uo, "prob_meet_target", json_real(u->prob_meet));
                bad |= json_object_set_new(uo, "prob_meet_target_below",
                                           json_real(u->prob_meet_below));
                bad |= json_object_set_new(uo, "expected_service_level",
                                           json_real(u->expected_sl));
            }
            bad |= json_object_set_new(root, "uncertainty", uo);
        }
    }
    bad |= json_object_set_new(root, "limited_by", why);
    why = NULL;
    bad |= json_object_set_new(root, "sqrt_staffing", sq);
    sq = NULL;
    bad |= json_object_set_new(root, "at_required", at);
    at = NULL;
    bad |= json_object_set_new(root, "rows", arr);
    arr = NULL;
    if (bad) {
        goto fail;
    }
    return root;

fail:
    json_decref(root);
    json_decref(in);
    json_decref(sq);
    json_decref(why);
    json_decref(arr);
    json_decref(at);
    return NULL;
}

int ccs_erlang_table_write_json(FILE *fp, const ccs_erlang_table *t, ccs_error *err)
{
    ccs_erlang_metrics *rows = NULL;
    int rc = eval_rows(t, &rows, err);
    if (rc != CCS_OK) {
        return rc;
    }
    json_t *root = build_json(t, rows);
    free(rows);
    if (!root) {
        return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "cannot build the JSON output");
    }
    /* 17 significant digits: every double survives a round trip. */
    return ccs__json_write_ordered(root, fp, err);
}

int ccs_erlang_table_write(FILE *fp, const ccs_erlang_table *t, ccs_erlang_format fmt,
                           ccs_error *err)
{
    switch (fmt) {
    case CCS_ERLANG_TEXT:
        return ccs_erlang_table_write_text(fp, t, err);
    case CCS_ERLANG_CSV:
        return ccs_erlang_table_write_csv(fp, t, err);
    case CCS_ERLANG_JSON:
        return ccs_erlang_table_write_json(fp, t, err);
    }
    return ccs_error_set(err, CCS_EINVAL, NULL, 0, "format", "unknown format %d", (int)fmt);
}
