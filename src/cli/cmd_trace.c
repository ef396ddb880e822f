/*
 * cmd_trace.c — `ccsim trace`: every event of one replication as a table,
 * for small classroom models (teaching mode).
 *
 * The model's trace hook (model.h) reports each event as it happens; this
 * file only formats.  Times are seconds from the start of the run (the
 * warm-up, if any, comes first and its events show interval "w"; events
 * after the last interval, while the calls still in the system finish,
 * show "end").  The replication runs to its end, but only events up to
 * --until are printed.
 */
#include "cli/cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/model.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"
#include "ccsim/units.h"

/* What the busy column means on a depart line; the same words are in
 * docs/cli.md (a test checks that they agree). */
#define DEPART_NOTE "a departing agent is already counted free"

static const char *const kind_names[] = {"arrival", "retrial", "queue",    "answer",
                                         "depart",  "abandon", "block",    "interval",
                                         "callback", "dialback", "transfer", "cb_offer",
                                         "chat_arr", "chat_q",  "chat_blk", "chat_beg",
                                         "chat_end", "chat_abn", "bo_arr",  "bo_start",
                                         "bo_done",  "bo_late"};

typedef struct trace_ctx {
    FILE *fp;
    const ccs_scenario *sc;
    int csv;
    int wide;   /* chat, callbacks or back office: the agent / sessions columns */
    long lines;
} trace_ctx;

static void clock_text(double t, char *buf, size_t n)
{
    long s = (long)floor(t + 1e-9);
    snprintf(buf, n, "%02ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
}

static void on_event(void *vctx, const ccs_trace_event *ev)
{
    trace_ctx *c = vctx;
    const ccs_scenario *sc = c->sc;
    char clk[32], call[16], iv[16], wait[32];
    clock_text(ev->time, clk, sizeof clk);
    int is_bo = ev->kind >= CCS_TR_BO_ARRIVAL && ev->kind <= CCS_TR_BO_LATE;
    int is_chat = ev->kind >= CCS_TR_CHAT_ARRIVAL && ev->kind <= CCS_TR_CHAT_ABANDON;
    const char *type = is_chat ? "chat"
                       : is_bo ? (ev->type >= 0 && ev->type < sc->n_backoffice
                                      ? sc->backoffice[ev->type].name
                                      : "-")
                       : ev->type >= 0 && ev->type < sc->n_types ? sc->types[ev->type].name
                                                                 : "-";
    const char *group =
        ev->group >= 0 && ev->group < sc->n_groups ? sc->groups[ev->group].name : "-";
    const char *kind = (unsigned)ev->kind < sizeof kind_names / sizeof kind_names[0]
                           ? kind_names[ev->kind]
                           : "?";
    if (ev->call) {
        snprintf(call, sizeof call, "%u", (unsigned)ev->call);
    } else {
        snprintf(call, sizeof call, "-");
    }
    if (ev->interval < 0) {
        snprintf(iv, sizeof iv, "w");     /* warm-up */
    } else if (ev->interval >= sc->n_intervals) {
        snprintf(iv, sizeof iv, "end");   /* after the last interval */
    } else {
        snprintf(iv, sizeof iv, "%d", ev->interval);
    }
    int has_wait = ev->kind == CCS_TR_ANSWER || ev->kind == CCS_TR_ABANDON ||
                   ev->kind == CCS_TR_CALLBACK || ev->kind == CCS_TR_DIALBACK ||
                   ev->kind == CCS_TR_CB_OFFER || ev->kind == CCS_TR_CHAT_START ||
                   ev->kind == CCS_TR_CHAT_ABANDON || ev->kind == CCS_TR_BO_START;
    char agent[24], sess[24];
    snprintf(agent, sizeof agent, "%ld", ev->agent);
    if (ev->sessions >= 0) {
        snprintf(sess, sizeof sess, "%d/%d", ev->sessions, ev->slots);
    } else {
        snprintf(sess, sizeof sess, c->csv ? "" : "-");
    }
    if (has_wait) {
        snprintf(wait, sizeof wait, "%.3f", ev->wait_s);
    } else {
        snprintf(wait, sizeof wait, c->csv ? "" : "-");
    }
    if (c->csv) {
        fprintf(c->fp, "%.3f,%s,%s,%s,%s,%s,%s,%ld,%ld,%s", ev->time, clk, kind,
                ev->call ? call : "", ev->type >= 0 || is_chat ? type : "",
                ev->group >= 0 ? group : "", iv, ev->queued, ev->busy, wait);
        if (c->wide) {
            fprintf(c->fp, ",%s,%s", ev->agent ? agent : "", sess);
        }
        fputc('\n', c->fp);
    } else {
        fprintf(c->fp, "%12.3f  %s  %-8s %6s  %-12s %-12s %4s %6ld %5ld %9s", ev->time, clk,
                kind, call, type, group, iv, ev->queued, ev->busy, wait);
        if (ev->agent) {   /* chat and back-office lines only: voice lines end here */
            fprintf(c->fp, "  agent %s %s", agent, sess);
        }
        fputc('\n', c->fp);
    }
    c->lines++;
}

/* Trace's own options: how far and which replication. */
typedef struct trace_opts {
    double until;
    long rep;
} trace_opts;

static int trace_apply(void *ctx, const char *name, const char *val)
{
    trace_opts *t = ctx;
    if (strcmp(name, "until") == 0) {
        if (ccs_units_duration(val, &t->until) != CCS_OK) {
            return ccs_cli_usage_error("trace", "--until: expected a duration like 600, 10m or "
                                                "1h, got '%s'",
                                       val);
        }
    } else if (strcmp(name, "rep") == 0) {
        return ccs_cli_int_opt("trace", name, val, 0, 99999, &t->rep);
    }
    return CCS_EXIT_OK;
}

int ccs_cmd_trace(int argc, char **argv)
{
    static const char *const own[] = {"until", "rep", NULL};
    trace_opts t = {600, 0};
    ccs_error err;
    ccs_error_clear(&err);
    ccs_scenario *sc = NULL;
    ccs_model *m = NULL;
    ccs_tallies *cells = NULL;
    ccs_cli_common c;
    int rc = ccs_cli_common_init(&c, "trace", CCS_CLI_SETS | CCS_CLI_FORMAT | CCS_CLI_OUT, argc);
    if (rc != CCS_EXIT_OK) {
        return rc;
    }
    c.formats = CCS_CLI_FMT(CCS_REPORT_TEXT) | CCS_CLI_FMT(CCS_REPORT_CSV);
    rc = ccs_cli_parse(&c, argc, argv, own, trace_apply, &t);
    if (rc != CCS_EXIT_OK) {
        goto done;
    }
    if (c.help) {
        ccs_cli_help(stdout, "trace");
        goto done;
    }
    rc = ccs_cli_need_path(&c, "scenarios/teach/01-mm1.cfg --until 10m");
    if (rc != CCS_EXIT_OK) {
        goto done;
    }
    sc = ccs_cli_common_load(&c, &err, &rc);
    if (!sc) {
        goto done;
    }
    const double until = t.until;
    const long rep = t.rep;
    const int csv = c.format == CCS_REPORT_CSV;
    m = ccs_model_new(sc, &err);
    ccs_tally_dims dims = ccs_tally_dims_of(sc);
    cells = ccs_tallies_new(&dims, 1);
    if (!m || !cells) {
        ccs_error_set(&err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        rc = ccs_cli_report_error("trace", &err);
        goto done;
    }
    ccs_cli_out out;
    if (ccs_cli_out_open(&out, c.out, &err) != CCS_OK) {
        rc = ccs_cli_report_error("trace", &err);
        goto done;
    }
    trace_ctx tc = {out.fp, sc, csv, sc->chat.on || sc->callbacks.on || sc->n_backoffice > 0, 0};
    if (csv) {
        fprintf(out.fp, "time_s,clock,event,call,type,group,interval,queue,busy,wait_s%s\n",
                tc.wide ? ",agent,sessions" : "");
    } else {
        fprintf(out.fp, "ccsim trace: %s, replication %ld (seed %llu), until %.0f s\n", sc->name,
                rep, (unsigned long long)sc->seed, until);
        fprintf(out.fp, "%12s  %-8s  %-8s %6s  %-12s %-12s %4s %6s %5s %9s\n", "time_s", "clock",
                "event", "call", "type", "group", "ivl", "queue", "busy", "wait_s");
    }
    ccs_model_set_trace(m, on_event, &tc, until);
    uint64_t events = 0;
    ccs_tally_rep tallies = ccs_tallies_rep(cells, 0);
    int st = ccs_model_run(m, (int)rep, &tallies, &events);
    if (st != CCS_OK) {
        ccs_cli_out_abort(&out);
        if (st == CCS_ELIMIT) {
            ccs_sim_limit_error(&err);
        } else {
            ccs_error_set(&err, CCS_ENOMEM, NULL, 0, NULL, "out of memory running the model");
        }
        rc = ccs_cli_report_error("trace", &err);
        goto done;
    }
    if (!csv) {
        fprintf(out.fp, "(%ld events shown)\n"
                        "queue, busy: all types and groups, after the event (%s)\n"
                        "ivl: w = warm-up, end = after the last interval (calls still in the "
                        "system finish)\n",
                tc.lines, DEPART_NOTE);
    }
    if (ccs_cli_out_commit(&out, &err) != CCS_OK) {
        rc = ccs_cli_report_error("trace", &err);
        goto done;
    }
done:
    ccs_tallies_free(cells);
    ccs_model_free(m);
    ccs_scenario_free(sc);
    ccs_cli_common_fini(&c);
    return rc;
}
