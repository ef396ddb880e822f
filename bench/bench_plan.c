/*
 * bench_plan.c — the planner's day: staffing one interval of ~1,000 agents
 * under uncertainty (goal: under a millisecond), `erlang --forecast` of a
 * 96-interval day with --confidence, `schedule` of a 48-interval day with
 * ~700 shift patterns, and a weekly tour model to 1% gap.  Figures only.
 * The yardstick is plain Erlang staffing of the same traffic, timed in the
 * same run.
 */
#include <stdio.h>
#include <stdlib.h>

#include "bench.h"
#include "ccsim/forecast.h"
#include "ccsim/requirements.h"
#include "ccsim/schedule.h"
#include "ccsim/uncertainty.h"

static double time_plan(const ccs_forecast *fc, const ccs_requirements_spec *sp, int reps)
{
    ccs_error err;
    double t0 = ccs_bench_now();
    for (int i = 0; i < reps; i++) {
        ccs_requirements_plan *p = ccs_requirements_compute(fc, sp, &err);
        if (!p) {
            printf("  failed: %s\n", err.msg);
            return -1;
        }
        ccs_requirements_plan_free(p);
    }
    return (ccs_bench_now() - t0) / reps;
}

static void bench_schedule(const char *req_path, const char *shifts_path, int days, double gap,
                           const char *what)
{
    ccs_error err;
    ccs_requirements *req = ccs_requirements_load(req_path, &err);
    ccs_shift_set *s = req ? ccs_shifts_load(shifts_path, &err) : NULL;
    if (!req || !s) {
        printf("  %-46s cannot load: %s: %s\n", what, err.file, err.msg);
        ccs_requirements_free(req);
        free(s);
        return;
    }
    ccs_schedule_options o = {days, 60.0, gap, CCS_OBJ_COST};
    double t0 = ccs_bench_now();
    ccs_schedule_result *r = ccs_schedule_solve(s, req, &o, &err);
    double el = ccs_bench_now() - t0;
    if (r) {
        printf("  %-46s %6d patterns  %-8s gap %5.2f%%  %8.3f s%s\n", what, r->n_columns,
               ccs_schedule_status_name(r->status), 100 * r->gap, el,
               days ? "" : " (goal < 1 s)");
    } else {
        printf("  %-46s failed: %s\n", what, err.msg);
    }
    ccs_schedule_result_free(r);
    free(s);
    ccs_requirements_free(req);
}

/* One interval staffed under uncertainty, best of `reps` (each with a
 * slightly different rate, so no cached root is reused), in seconds. */
static double time_interval(double cv, double absent, double patience, int reps, int *agents)
{
    ccs_error err;
    ccs_uncertainty *u = ccs_uncertainty_new(cv, absent, &err);
    if (!u) {
        return -1;
    }
    ccs_staffing_targets t = {0};
    t.service_level = 0.8;
    double best = 1e9;
    for (int i = 0; i < reps; i++) {
        /* 20,000 calls/h x 180 s = 1,000 Erlangs */
        ccs_erlang_query q = {20000.0 * (1.0 + 1e-9 * i), 180.0, patience, 20.0};
        ccs_uncertain_staffing o;
        double t0 = ccs_bench_now();
        int rc = cv == 0 && absent == 0 ? ccs_erlang_staff(&q, &t, &(ccs_staffing_result){0}, &err)
                                        : ccs_uncertainty_staff(u, &q, &t, 0.9, &o, &err);
        double el = ccs_bench_now() - t0;
        if (rc != CCS_OK) {
            ccs_uncertainty_free(u);
            return -1;
        }
        *agents = cv == 0 && absent == 0 ? 0 : o.agents;
        best = el < best ? el : best;
    }
    ccs_uncertainty_free(u);
    return best;
}

static void bench_interval(void)
{
    static const struct {
        double cv, absent, patience;
        int reps;
        const char *what;
    } c[] = {
        {0.0, 0.0, 0.0, 50, "Erlang C, no uncertainty (yardstick)"},
        {0.1, 0.0, 0.0, 20, "Erlang C, cv 10%"},
        {0.0, 0.08, 0.0, 20, "Erlang C, absenteeism 8%"},
        {0.1, 0.08, 0.0, 20, "Erlang C, cv 10% + absenteeism 8%"},
        {0.2, 0.1, 0.0, 20, "Erlang C, cv 20% + absenteeism 10%"},
        {0.1, 0.08, 120.0, 2, "Erlang A (patience 120 s), cv 10% + abs. 8%"},
    };
    printf("  one interval, 1,000 Erlangs, SL 80/20, confidence 90%%, best of n "
           "(goal: Erlang C under 1 ms)\n");
    double yard = 0;
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        int n = 0;
        double t = time_interval(c[i].cv, c[i].absent, c[i].patience, c[i].reps, &n);
        if (i == 0) {
            yard = t;
        }
        if (t < 0) {
            printf("    %-46s failed\n", c[i].what);
        } else if (i == 0) {
            printf("    %-46s %9.3f ms\n", c[i].what, 1e3 * t);
        } else {
            printf("    %-46s %9.3f ms  %5d agents  (%.0fx the yardstick)\n",
                   c[i].what, 1e3 * t, n, yard > 0 ? t / yard : 0.0);
        }
    }
}

void ccs_bench_plan(void)
{
    ccs_error err;
    printf("Planning (staffing under uncertainty, erlang --forecast, schedule)\n");
    bench_interval();
    ccs_forecast *fc = ccs_forecast_load("tests/data/forecast/day96.csv", &err);
    if (!fc) {
        printf("  cannot load the forecast: %s\n\n", err.msg);
        return;
    }
    ccs_requirements_spec sp = {0};
    sp.targets.service_level = 0.8;
    sp.threshold_s = 20;
    double plain = time_plan(fc, &sp, 50);
    sp.volume_cv = 0.1;
    sp.absenteeism = 0.08;
    sp.confidence = 0.9;
    double conf = time_plan(fc, &sp, 10);
    printf("  erlang --forecast, 96 intervals, Erlang C       %8.3f ms\n", 1e3 * plain);
    printf("  ... with cv 10%%, absenteeism 8%%, confidence 90%% %8.3f ms (%.0fx plain; goal "
           "< 50 ms)\n",
           1e3 * conf, conf / plain);
    ccs_forecast_free(fc);
    bench_schedule("tests/data/schedule/req48.csv", "bench/shifts48.cfg", 0, 0,
                   "48 intervals, 8/7/6 h with breaks + 4 h");
    bench_schedule("tests/data/schedule/week.csv", "tests/data/schedule/week.cfg", 7, 0.01,
                   "weekly tours 5+2, 7 x 28 intervals, to 1% gap");
    printf("\n");
}
