/*
 * cmd_trace.c — `ccsim trace`: every event of one replication as a table,
 * for small classroom models (teaching mode).
 *
 * The model's trace hook (model.h) reports each event as it happens; this
 * file only formats.  Times are seconds from the start of the run (the
 * warm-up, if any, comes first and its events show interval "w").  The
 * replication runs to its end, but only events up to --until are printed.
 */
#include "cli/cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/model.h"
#include "ccsim/scenario.h"
#include "ccsim/units.h"

static const char *const kind_names[] = {"arrival", "retrial", "queue",  "answer",
                                         "depart",  "abandon", "block",  "interval"};

typedef struct trace_ctx {
    FILE *fp;
    const ccs_scenario *sc;
    int csv;
    long lines;
} trace_ctx;

static void usage(FILE *fp)
{
    fprintf(fp,
            "usage: ccsim trace SCENARIO.cfg [--until TIME] [options]\n"
            "\n"
            "Prints every event of one replication in order: time, event (arrival,\n"
            "retrial, queue, answer, depart, abandon, block, interval), call number,\n"
            "call type, agent group, callers waiting and agents busy after the event,\n"
            "and the wait of answered and abandoning callers.  For small models.\n"
            "\n"
            "  --until TIME        stop printing after TIME from the start (default 10m)\n"
            "  --rep N             which replication, 0.. (default 0)\n"
            "  --seed N            master seed (same as --set run.seed=N)\n"
            "  --set PATH=VALUE    override a scenario setting (repeatable)\n"
            "  --format FORMAT     text (default) or csv\n"
            "  --out FILE          write to FILE, atomically\n"
            "\n"
            "Times are seconds from the start of the run (warm-up included).\n"
            "Exit status: 0 ok, 1 runtime failure, 2 bad option or scenario.\n");
}

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
    const char *type = ev->type >= 0 && ev->type < sc->n_types ? sc->types[ev->type].name : "-";
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
    if (ev->interval >= 0) {
        snprintf(iv, sizeof iv, "%d", ev->interval);
    } else {
        snprintf(iv, sizeof iv, "w");
    }
    int has_wait = ev->kind == CCS_TR_ANSWER || ev->kind == CCS_TR_ABANDON;
    if (has_wait) {
        snprintf(wait, sizeof wait, "%.3f", ev->wait_s);
    } else {
        snprintf(wait, sizeof wait, c->csv ? "" : "-");
    }
    if (c->csv) {
        fprintf(c->fp, "%.3f,%s,%s,%s,%s,%s,%s,%ld,%ld,%s\n", ev->time, clk, kind,
                ev->call ? call : "", ev->type >= 0 ? type : "", ev->group >= 0 ? group : "", iv,
                ev->queued, ev->busy, wait);
    } else {
        fprintf(c->fp, "%12.3f  %s  %-8s %6s  %-12s %-12s %4s %6ld %5ld %9s\n", ev->time, clk,
                kind, call, type, group, iv, ev->queued, ev->busy, wait);
    }
    c->lines++;
}

int ccs_cmd_trace(int argc, char **argv)
{
    static const char *const valued[] = {"until", "rep", "seed", "set", "format", "out", NULL};
    const char *path = NULL, *out_path = NULL;
    double until = 600;
    long rep = 0;
    int csv = 0, help = 0, rc = CCS_EXIT_OK;
    ccs_cli_sets sets;
    ccs_error err;
    ccs_error_clear(&err);
    ccs_scenario *sc = NULL;
    ccs_model *m = NULL;
    ccs_tally *cells = NULL;
    if (ccs_cli_sets_init(&sets, argc) != CCS_OK) {
        return ccs_cli_usage_error("trace", "out of memory");
    }
    ccs_cli_parser p = {"trace", argc, argv, 0, 0, ""};
    const char *name, *val;
    int kind;
    while ((kind = ccs_cli_next(&p, valued, NULL, &name, &val)) != CCS_ARG_END) {
        if (kind == CCS_ARG_ERR) {
            rc = CCS_EXIT_USAGE;
            goto done;
        }
        if (kind == CCS_ARG_POS) {
            if (path) {
                rc = ccs_cli_usage_error("trace", "unexpected argument '%s': one scenario file "
                                                  "(already have '%s')",
                                         val, path);
                goto done;
            }
            path = val;
        } else if (strcmp(name, "help") == 0) {
            help = 1;
        } else if (strcmp(name, "until") == 0) {
            if (ccs_units_duration(val, &until) != CCS_OK) {
                rc = ccs_cli_usage_error("trace", "--until: expected a duration like 600, 10m or "
                                                  "1h, got '%s'",
                                         val);
                goto done;
            }
        } else if (strcmp(name, "rep") == 0) {
            if ((rc = ccs_cli_int_opt("trace", name, val, 0, 99999, &rep)) != 0) {
                goto done;
            }
        } else if (strcmp(name, "seed") == 0 || strcmp(name, "set") == 0) {
            if ((rc = ccs_cli_sets_add(&sets, "trace", name, val)) != 0) {
                goto done;
            }
        } else if (strcmp(name, "format") == 0) {
            if (strcmp(val, "text") == 0 || strcmp(val, "csv") == 0) {
                csv = val[0] == 'c';
            } else {
                rc = ccs_cli_usage_error("trace", "--format: expected text or csv, got '%s'", val);
                goto done;
            }
        } else if (strcmp(name, "out") == 0) {
            out_path = strcmp(val, "-") == 0 ? NULL : val;
        }
    }
    if (help) {
        usage(stdout);
        goto done;
    }
    if (!path) {
        rc = ccs_cli_usage_error("trace", "missing SCENARIO: expected a scenario file (e.g. "
                                          "ccsim trace scenarios/teach/01-mm1.cfg --until 10m)");
        goto done;
    }
    sc = ccs_scenario_load(path, sets.v, sets.n, &err);
    if (!sc) {
        rc = ccs_cli_load_error("trace", &err);
        goto done;
    }
    m = ccs_model_new(sc, &err);
    cells = calloc((size_t)sc->n_intervals * (size_t)sc->n_types, sizeof *cells);
    if (!m || !cells) {
        ccs_error_set(&err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        rc = ccs_cli_report_error("trace", &err);
        goto done;
    }
    ccs_cli_out out;
    if (ccs_cli_out_open(&out, out_path, &err) != CCS_OK) {
        rc = ccs_cli_report_error("trace", &err);
        goto done;
    }
    trace_ctx tc = {out.fp, sc, csv, 0};
    if (csv) {
        fprintf(out.fp, "time_s,clock,event,call,type,group,interval,queue,busy,wait_s\n");
    } else {
        fprintf(out.fp, "ccsim trace: %s, replication %ld (seed %llu), until %.0f s\n", sc->name,
                rep, (unsigned long long)sc->seed, until);
        fprintf(out.fp, "%12s  %-8s  %-8s %6s  %-12s %-12s %4s %6s %5s %9s\n", "time_s", "clock",
                "event", "call", "type", "group", "ivl", "queue", "busy", "wait_s");
    }
    ccs_model_set_trace(m, on_event, &tc, until);
    uint64_t events = 0;
    if (ccs_model_run(m, (int)rep, cells, NULL, NULL, NULL, &events) != CCS_OK) {
        ccs_cli_out_abort(&out);
        ccs_error_set(&err, CCS_ENOMEM, NULL, 0, NULL, "out of memory running the model");
        rc = ccs_cli_report_error("trace", &err);
        goto done;
    }
    if (!csv) {
        fprintf(out.fp, "(%ld events shown; queue and busy count all types and groups)\n",
                tc.lines);
    }
    if (ccs_cli_out_commit(&out, &err) != CCS_OK) {
        rc = ccs_cli_report_error("trace", &err);
        goto done;
    }
done:
    free(cells);
    ccs_model_free(m);
    ccs_scenario_free(sc);
    ccs_cli_sets_fini(&sets);
    return rc;
}
