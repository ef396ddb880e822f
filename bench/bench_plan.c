/*
 * bench_plan.c — the planner's day: `erlang --forecast` of a 96-interval
 * day with --confidence, `schedule` of a 48-interval day with ~700 shift
 * patterns, and a weekly tour model to 1% gap.  Figures only.  The
 * yardstick is plain Erlang C staffing of the same 96 intervals, timed in
 * the same run.
 */
#include <stdio.h>
#include <stdlib.h>

#include "bench.h"
#include "ccsim/forecast.h"
#include "ccsim/requirements.h"
#include "ccsim/schedule.h"

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
        printf("  %-46s %6d patterns  %-8s gap %5.2f%%  %8.3f s\n", what, r->n_columns,
               ccs_schedule_status_name(r->status), 100 * r->gap, el);
    } else {
        printf("  %-46s failed: %s\n", what, err.msg);
    }
    ccs_schedule_result_free(r);
    free(s);
    ccs_requirements_free(req);
}

void ccs_bench_plan(void)
{
    ccs_error err;
    printf("Planning (erlang --forecast, schedule)\n");
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
                   "48 intervals, 8 h + 4 h + 6 h with breaks");
    bench_schedule("tests/data/schedule/week.csv", "tests/data/schedule/week.cfg", 7, 0.01,
                   "weekly tours 5+2, 7 x 28 intervals, to 1% gap");
    printf("\n");
}
