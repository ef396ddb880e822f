/*
 * report.h — turning the results of a run into text, CSV or JSON: the only
 * place that formats simulation output.
 *
 * Every figure is printed as the across-replication estimate that stats.h
 * defines (a mean with its 95% confidence interval).  The output depends on
 * the results and the scenario alone, never on the thread count or on
 * timings, so a run with a given seed prints the same bytes whatever the
 * number of threads.  A figure that is undefined (a ratio over zero calls)
 * prints as "-" in text, an empty cell in CSV and null in JSON, never NaN.
 * The layouts, columns and keys are documented in docs/output.md.
 */
#ifndef CCSIM_REPORT_H
#define CCSIM_REPORT_H

#include <stdio.h>

#include "ccsim/cost.h"
#include "ccsim/error.h"
#include "ccsim/sim.h"

typedef enum ccs_report_format {
    CCS_REPORT_TEXT = 0,   /* human-readable summary and tables */
    CCS_REPORT_CSV,        /* the interval table, one row per interval */
    CCS_REPORT_JSON        /* everything, one object */
} ccs_report_format;

/* Looks up a format by name ("text", "csv", "json").  Returns CCS_OK and sets
 * *out, or CCS_EINVAL (leaving *out untouched) for any other name. */
int ccs_report_format_from_name(const char *name, ccs_report_format *out);

/* Name of a format as accepted above (a static string). */
const char *ccs_report_format_name(ccs_report_format f);

/* Write r to fp in one format.  r and r->sc must be non-NULL (asserted).
 * These write no cost section: costs are computed by the cost module
 * (ccs_cost_compute()) and passed in ccs_report_options.cost to the _opts
 * forms below, which is what `ccsim run` does.
 * Return CCS_OK, or CCS_EIO when writing fails / CCS_ENOMEM when building
 * the JSON document fails, with err filled; fp may then hold part of the
 * output, so callers that write files write to a temporary (see the CLI's
 * ccs_cli_out).  Nothing is flushed or closed: fp stays the caller's. */
int ccs_report_text(FILE *fp, const ccs_results *r, ccs_error *err);
int ccs_report_csv(FILE *fp, const ccs_results *r, ccs_error *err);
int ccs_report_json(FILE *fp, const ccs_results *r, ccs_error *err);

/* Dispatches to one of the three above. */
int ccs_report_write(FILE *fp, const ccs_results *r, ccs_report_format f,
                     ccs_error *err);

/* Abandon rate above which the text reports flag an interval (run, staff),
 * unless --max-abandon gives another. */
#define CCS_REPORT_ABANDON_WARN 0.05

typedef struct ccs_report_options {
    double max_abandon;   /* flag intervals whose abandon rate exceeds this
                             fraction in text; 0 = CCS_REPORT_ABANDON_WARN */
    const ccs_cost_result *cost;  /* the costs of the same results
                             (ccs_cost_compute()), written as the text's cost
                             section and the JSON "cost" object (CSV has
                             none); NULL = no cost section, no "cost" key.
                             Not owned. */
} ccs_report_options;

/* ccs_report_text / ccs_report_write with options (o NULL = defaults). */
int ccs_report_text_opts(FILE *fp, const ccs_results *r, const ccs_report_options *o,
                         ccs_error *err);
int ccs_report_write_opts(FILE *fp, const ccs_results *r, ccs_report_format f,
                          const ccs_report_options *o, ccs_error *err);

/* The marker "  abandon>5%" (limit as a percentage) in buf when e's point
 * estimate exceeds limit, returning 1; else buf = "" and 0. */
int ccs_report_abandon_flag(const ccs_estimate *e, double limit, char *buf, size_t n);

/* The two-line footnote explaining the marker; `how` says how to change
 * the threshold. */
void ccs_report_abandon_note(FILE *fp, double limit, const char *how);

/* Offered load of interval k in Erlangs: ccs_workload_interval() (each
 * call type's fresh + repeat contacts at its primary group's effective
 * handle time; workload.h).  Retrials are not included (they are an
 * outcome, not an input). */
double ccs_report_offered_load(const ccs_scenario *sc, int k);

/* Agents on shift in interval k, all groups: ccs_workload_agents(). */
int ccs_report_agents(const ccs_scenario *sc, int k);

/* 1 when interval k is overloaded: ccs_workload_overloaded() (calls
 * arrive, the offered load is >= the agents on shift, and some call type
 * arriving in k never leaves the queue: no patience and no queue capacity,
 * so its waits grow without bound for as long as the overload lasts).
 * 0 otherwise. */
int ccs_report_overloaded(const ccs_scenario *sc, int k);

#endif
