/*
 * cmd_erlang.c — `ccsim erlang`: how many agents an interval needs, by the
 * Erlang C formula (or Erlang A with --patience), and a table of nearby
 * staffing levels.
 *
 * This file only turns options into a ccs_erlang_query and targets, calls
 * ccs_erlang_staff() and hands the answer to the erlang_table writers.  Any
 * bad option is refused before anything is computed or written, with one
 * line on stderr naming the option and the form expected, and exit status 2.
 */
#include <stdlib.h>
#include <string.h>

#include "ccsim/erlang.h"
#include "ccsim/erlang_table.h"
#include "ccsim/forecast.h"
#include "ccsim/requirements.h"
#include "ccsim/uncertainty.h"
#include "ccsim/units.h"
#include "cli/cli.h"

#define CMD "erlang"

/* Largest N accepted by --agents; the Erlang functions are accurate well
 * beyond any real call center, this only keeps typos from running forever. */
#define MAX_AGENTS 1000000L

/* What each option expects, reused in the error for a missing value. */
#define EXP_CALLS "a rate > 0 such as 1000, 1000/h or 16.7/min"
#define EXP_AHT "a duration > 0 such as 180, 180s or 3m"
#define EXP_SL "a service level such as 80/20 (80% within 20 s), 80%/20s or 0.8/20, " \
               "above 0% and below 100%"
#define EXP_PATIENCE "a mean patience > 0 such as 60, 60s or 2m"
#define EXP_ASA "a duration > 0 such as 15 or 15s"
#define EXP_OCC "a fraction above 0 and at most 1 such as 0.85 or 85%"
#define EXP_ABANDON "a fraction above 0 and below 1 such as 0.05 or 5%"
#define EXP_SHRINK "a fraction from 0 up to (not including) 1 such as 0.30 or 30%"
#define EXP_AGENTS "a number of agents from 1 to 1000000 such as 50, or a range such as 50..65"
#define EXP_FORMAT "text, csv or json"
#define EXP_OUT "a file name (or - for standard output)"
#define EXP_FORECAST "a CSV file with columns start and calls (optional aht, patience)"
#define EXP_CV "a coefficient of variation from 0 to 1 such as 0.1 or 10%"
#define EXP_ABSENT "a fraction from 0 to 0.9 such as 0.08 or 8%"
#define EXP_CONF "a probability above 0 and below 1 such as 0.9 or 90%"

typedef enum opt_id {
    OPT_CALLS,
    OPT_AHT,
    OPT_SL,
    OPT_PATIENCE,
    OPT_ASA,
    OPT_MAX_OCC,
    OPT_MAX_ABANDON,
    OPT_SHRINKAGE,
    OPT_AGENTS,
    OPT_FORMAT,
    OPT_OUT,
    OPT_FORECAST,
    OPT_VOLUME_CV,
    OPT_ABSENTEEISM,
    OPT_CONFIDENCE
} opt_id;

static const struct {
    const char *name;
    opt_id id;
    const char *expect;
} options[] = {
    {"--calls", OPT_CALLS, EXP_CALLS},
    {"--aht", OPT_AHT, EXP_AHT},
    {"--sl", OPT_SL, EXP_SL},
    {"--patience", OPT_PATIENCE, EXP_PATIENCE},
    {"--asa", OPT_ASA, EXP_ASA},
    {"--max-occupancy", OPT_MAX_OCC, EXP_OCC},
    {"--max-abandon", OPT_MAX_ABANDON, EXP_ABANDON},
    {"--shrinkage", OPT_SHRINKAGE, EXP_SHRINK},
    {"--agents", OPT_AGENTS, EXP_AGENTS},
    {"--format", OPT_FORMAT, EXP_FORMAT},
    {"--out", OPT_OUT, EXP_OUT},
    {"--forecast", OPT_FORECAST, EXP_FORECAST},
    {"--volume-cv", OPT_VOLUME_CV, EXP_CV},
    {"--absenteeism", OPT_ABSENTEEISM, EXP_ABSENT},
    {"--confidence", OPT_CONFIDENCE, EXP_CONF},
};

#define N_OPTIONS (sizeof options / sizeof options[0])

/* Everything the command line says, before any computation. */
typedef struct erlang_opts {
    ccs_erlang_query q;
    ccs_staffing_targets t;
    int have_calls;
    int have_aht;
    long agents_lo;     /* 0 = default rows around the answer */
    long agents_hi;
    ccs_erlang_format format;
    const char *out;    /* NULL = stdout; points into argv */
    const char *forecast;   /* NULL = one interval (--calls); into argv or forecast_found */
    char forecast_found[4096];  /* the installed file --forecast names (ccs_cli_find) */
    double volume_cv;
    double absenteeism;
    double confidence;  /* 0 = off */
    int uncertain;      /* any of the three given */
} erlang_opts;

static int bad_value(const char *opt, const char *expect, const char *got)
{
    return ccs_cli_usage_error(CMD, "%s: expected %s, got '%s'", opt, expect, got);
}

static int parse_agents(const char *opt, const char *v, erlang_opts *o)
{
    long lo;
    long hi;
    const char *dots = strstr(v, "..");
    if (!dots) {
        if (ccs_units_int(v, 1, MAX_AGENTS, &lo) != CCS_OK) {
            return bad_value(opt, EXP_AGENTS, v);
        }
        o->agents_lo = o->agents_hi = lo;
        return CCS_EXIT_OK;
    }
    char first[32];
    size_t n = (size_t)(dots - v);
    if (n >= sizeof first) {
        return bad_value(opt, EXP_AGENTS, v);
    }
    memcpy(first, v, n);
    first[n] = '\0';
    if (ccs_units_int(first, 1, MAX_AGENTS, &lo) != CCS_OK ||
        ccs_units_int(dots + 2, 1, MAX_AGENTS, &hi) != CCS_OK) {
        return bad_value(opt, EXP_AGENTS, v);
    }
    if (hi < lo) {
        return ccs_cli_usage_error(CMD, "%s: range '%s' is reversed; expected LO..HI with "
                                        "LO <= HI, such as %ld..%ld",
                                   opt, v, hi, lo);
    }
    if (hi - lo + 1 > CCS_ERLANG_TABLE_MAX_ROWS) {
        return ccs_cli_usage_error(CMD, "%s: range '%s' has %ld rows; expected at most %d",
                                   opt, v, hi - lo + 1, CCS_ERLANG_TABLE_MAX_ROWS);
    }
    o->agents_lo = lo;
    o->agents_hi = hi;
    return CCS_EXIT_OK;
}

/* Parses one option's value into o; returns 0 or the exit status of the
 * error it has already reported. */
static int set_option(opt_id id, const char *opt, const char *expect, const char *v,
                      erlang_opts *o)
{
    double x;
    double y;
    switch (id) {
    case OPT_CALLS:
        if (ccs_units_rate(v, &x) != CCS_OK || !(x > 0.0)) {
            return bad_value(opt, expect, v);
        }
        o->q.calls_per_hour = x;
        o->have_calls = 1;
        break;
    case OPT_AHT:
        if (ccs_units_duration(v, &x) != CCS_OK || !(x > 0.0)) {
            return bad_value(opt, expect, v);
        }
        o->q.aht_s = x;
        o->have_aht = 1;
        break;
    case OPT_SL:
        if (ccs_units_sl(v, &x, &y) != CCS_OK || !(x > 0.0 && x < 1.0)) {
            return bad_value(opt, expect, v);
        }
        o->t.service_level = x;
        o->q.threshold_s = y;
        break;
    case OPT_PATIENCE:
        if (ccs_units_duration(v, &x) != CCS_OK || !(x > 0.0)) {
            return bad_value(opt, expect, v);
        }
        o->q.patience_s = x;
        break;
    case OPT_ASA:
        if (ccs_units_duration(v, &x) != CCS_OK || !(x > 0.0)) {
            return bad_value(opt, expect, v);
        }
        o->t.max_asa_s = x;
        break;
    case OPT_MAX_OCC:
        if (ccs_units_fraction(v, &x) != CCS_OK || !(x > 0.0)) {
            return bad_value(opt, expect, v);
        }
        o->t.max_occupancy = x;
        break;
    case OPT_MAX_ABANDON:
        if (ccs_units_fraction(v, &x) != CCS_OK || !(x > 0.0 && x < 1.0)) {
            return bad_value(opt, expect, v);
        }
        o->t.max_abandon = x;
        break;
    case OPT_SHRINKAGE:
        if (ccs_units_fraction(v, &x) != CCS_OK || !(x < 1.0)) {
            return bad_value(opt, expect, v);
        }
        o->t.shrinkage = x;
        break;
    case OPT_AGENTS:
        return parse_agents(opt, v, o);
    case OPT_FORMAT:
        if (strcmp(v, "text") == 0) {
            o->format = CCS_ERLANG_TEXT;
        } else if (strcmp(v, "csv") == 0) {
            o->format = CCS_ERLANG_CSV;
        } else if (strcmp(v, "json") == 0) {
            o->format = CCS_ERLANG_JSON;
        } else {
            return bad_value(opt, expect, v);
        }
        break;
    case OPT_OUT: {
        if (v[0] == '\0') {
            return bad_value(opt, expect, v);
        }
        int rc = ccs_cli_check_out(CMD, opt, v);
        if (rc != CCS_EXIT_OK) {
            return rc;
        }
        o->out = strcmp(v, "-") == 0 ? NULL : v;
        break;
    case OPT_FORECAST:
        if (v[0] == '\0') {
            return bad_value(opt, expect, v);
        }
        o->forecast = ccs_cli_find(v, ".csv", o->forecast_found, sizeof o->forecast_found);
        break;
    case OPT_VOLUME_CV:
        if (ccs_units_fraction(v, &x) != CCS_OK || !(x <= CCS_UNCERTAINTY_MAX_CV)) {
            return bad_value(opt, expect, v);
        }
        o->volume_cv = x;
        o->uncertain = 1;
        break;
    case OPT_ABSENTEEISM:
        if (ccs_units_fraction(v, &x) != CCS_OK || !(x <= CCS_UNCERTAINTY_MAX_ABSENT)) {
            return bad_value(opt, expect, v);
        }
        o->absenteeism = x;
        o->uncertain = 1;
        break;
    case OPT_CONFIDENCE:
        if (ccs_units_fraction(v, &x) != CCS_OK || !(x > 0.0 && x < 1.0)) {
            return bad_value(opt, expect, v);
        }
        o->confidence = x;
        o->uncertain = 1;
        break;
    }
    }
    return CCS_EXIT_OK;
}

static int parse_args(int argc, char **argv, erlang_opts *o)
{
    memset(o, 0, sizeof *o);
    o->t.service_level = 0.80;   /* the industry's habitual 80/20 */
    o->q.threshold_s = 20.0;
    o->format = CCS_ERLANG_TEXT;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
            return ccs_cli_usage_error(CMD, "unexpected argument '%s' (options start with --; "
                                            "see ccsim erlang --help)",
                                       a);
        }
        const char *eq = strchr(a, '=');
        size_t name_len = eq ? (size_t)(eq - a) : strlen(a);
        size_t k = 0;
        while (k < N_OPTIONS &&
               !(strlen(options[k].name) == name_len &&
                 strncmp(options[k].name, a, name_len) == 0)) {
            k++;
        }
        if (k == N_OPTIONS) {
            return ccs_cli_usage_error(CMD, "unknown option '%.*s' (see ccsim erlang --help)",
                                       (int)name_len, a);
        }
        const char *v;
        if (eq) {
            v = eq + 1;
        } else if (i + 1 < argc) {
            v = argv[++i];
        } else {
            return ccs_cli_usage_error(CMD, "%s: missing value; expected %s", options[k].name,
                                       options[k].expect);
        }
        int rc = set_option(options[k].id, options[k].name, options[k].expect, v, o);
        if (rc != CCS_EXIT_OK) {
            return rc;
        }
    }
    if (o->forecast) {
        if (o->have_calls) {
            return ccs_cli_usage_error(CMD, "--calls: not with --forecast (the forecast gives "
                                            "the calls of every interval)");
        }
        if (o->agents_lo > 0) {
            return ccs_cli_usage_error(CMD, "--agents: not with --forecast (each interval "
                                            "gets its own answer)");
        }
    } else if (!o->have_calls) {
        return ccs_cli_usage_error(CMD, "--calls is required: expected %s "
                                        "(see ccsim erlang --help)",
                                   EXP_CALLS);
    }
    if (o->confidence > 0 && !(o->t.service_level > 0.0)) {
        return ccs_cli_usage_error(CMD, "--confidence: needs a service-level target (--sl)");
    }
    if (!o->have_aht && !o->forecast) {
        return ccs_cli_usage_error(CMD, "--aht is required: expected %s "
                                        "(see ccsim erlang --help)",
                                   EXP_AHT);
    }
    if (o->t.max_abandon > 0.0 && !(o->q.patience_s > 0.0) && !o->forecast) {
        return ccs_cli_usage_error(CMD, "--max-abandon: needs --patience (callers who never "
                                        "abandon have P(abandon) = 0), e.g. --patience 60");
    }
    return CCS_EXIT_OK;
}

static int wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            return 1;
        }
    }
    return 0;
}

/* --forecast: one Erlang answer per interval of the file. */
static int run_forecast(const erlang_opts *o)
{
    ccs_error err;
    ccs_error_clear(&err);
    ccs_forecast *fc = ccs_forecast_load(o->forecast, &err);
    if (!fc) {
        return ccs_cli_load_error(CMD, &err);  /* unreadable input is bad input: 2 */
    }
    ccs_requirements_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.targets = o->t;
    spec.threshold_s = o->q.threshold_s;
    spec.aht_s = o->have_aht ? o->q.aht_s : 0.0;
    spec.patience_s = o->q.patience_s;
    spec.volume_cv = o->volume_cv;
    spec.absenteeism = o->absenteeism;
    spec.confidence = o->confidence;
    ccs_requirements_plan *p = ccs_requirements_compute(fc, &spec, &err);
    ccs_forecast_free(fc);
    if (!p) {
        return ccs_cli_report_error(CMD, &err);
    }
    ccs_cli_out out;
    int rc = CCS_EXIT_OK;
    if (ccs_cli_out_open(&out, o->out, &err) != CCS_OK) {
        rc = ccs_cli_report_error(CMD, &err);
    } else if (ccs_requirements_write(out.fp, p, o->format, &err) != CCS_OK) {
        ccs_cli_out_abort(&out);
        rc = ccs_cli_report_error(CMD, &err);
    } else if (ccs_cli_out_commit(&out, &err) != CCS_OK) {
        rc = ccs_cli_report_error(CMD, &err);
    }
    ccs_requirements_plan_free(p);
    return rc;
}

int ccs_cmd_erlang(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        ccs_cli_help(stdout, CMD);
        return fflush(stdout) == 0 ? CCS_EXIT_OK : CCS_EXIT_FAIL;
    }
    erlang_opts o;
    int rc = parse_args(argc, argv, &o);
    if (rc != CCS_EXIT_OK) {
        return rc;
    }

    ccs_error err;
    ccs_error_clear(&err);
    if (o.forecast) {
        return run_forecast(&o);
    }
    ccs_erlang_table tab;
    memset(&tab, 0, sizeof tab);
    tab.query = o.q;
    tab.targets = o.t;
    if (ccs_erlang_staff(&o.q, &o.t, &tab.staffing, &err) != CCS_OK) {
        return ccs_cli_report_error(CMD, &err);
    }
    ccs_uncertain_staffing unc;
    if (o.uncertain) {
        ccs_uncertainty *u = ccs_uncertainty_new(o.volume_cv, o.absenteeism, &err);
        if (!u || ccs_uncertainty_staff(u, &o.q, &o.t, o.confidence, &unc, &err) != CCS_OK) {
            ccs_uncertainty_free(u);
            return ccs_cli_report_error(CMD, &err);
        }
        ccs_uncertainty_free(u);
        tab.unc = &unc;
        tab.volume_cv = o.volume_cv;
        tab.absenteeism = o.absenteeism;
        tab.confidence = o.confidence;
    }
    int answer = tab.unc && o.confidence > 0 ? unc.agents : tab.staffing.agents;

    int *rows;
    size_t n_rows;
    if (o.agents_lo > 0) {
        n_rows = (size_t)(o.agents_hi - o.agents_lo + 1);
        rows = malloc(n_rows * sizeof *rows);
        if (rows) {
            for (size_t i = 0; i < n_rows; i++) {
                rows[i] = (int)(o.agents_lo + (long)i);
            }
        }
    } else {
        n_rows = 2 * CCS_ERLANG_TABLE_SPAN + 1;
        rows = malloc(n_rows * sizeof *rows);
        if (rows) {
            n_rows = ccs_erlang_table_default_rows(answer, CCS_ERLANG_TABLE_SPAN, rows, n_rows);
        }
    }
    if (!rows) {
        ccs_error_set(&err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        return ccs_cli_report_error(CMD, &err);
    }
    tab.agents = rows;
    tab.n_agents = n_rows;

    ccs_cli_out out;
    if (ccs_cli_out_open(&out, o.out, &err) != CCS_OK) {
        free(rows);
        return ccs_cli_report_error(CMD, &err);
    }
    rc = ccs_erlang_table_write(out.fp, &tab, o.format, &err);
    free(rows);
    if (rc != CCS_OK) {
        ccs_cli_out_abort(&out);
        return ccs_cli_report_error(CMD, &err);
    }
    if (ccs_cli_out_commit(&out, &err) != CCS_OK) {
        return ccs_cli_report_error(CMD, &err);
    }
    return CCS_EXIT_OK;
}
