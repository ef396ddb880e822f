/*
 * check_schedule.c — `ccsim schedule` (schedule.h): pyworkforce's published
 * README example (tests/data/pyworkforce/README.md), coverage recomputed
 * from the shifts, breaks, infeasibility, bad SHIFTS.cfg input, and an
 * independent solver (scipy's milp, tests/schedule_milp.py) on random
 * instances when python3-scipy is installed.
 */
#include "ccs_test.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static json_t *run_json(const char *args, int want_rc)
{
    char *out, *err;
    int rc = ccs_test_run(args, &out, &err);
    ck_assert_msg(rc == want_rc, "%s: exit %d (want %d): %s", args, rc, want_rc, err);
    json_error_t je;
    json_t *j = json_loads(out, 0, &je);
    ck_assert_msg(j != NULL, "%s: not JSON: %s", args, out);
    free(out);
    free(err);
    return j;
}

static double num(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    ck_assert_msg(v != NULL, "missing key %s", k);
    return json_number_value(v);
}

START_TEST(test_pyworkforce)
{
    double cost = 0, dev = 0;
    static const int want[2][4] = {{15, 13, 19, 3}, {20, 20, 23, 0}};
    static const char *const names[] = {"Morning", "Afternoon", "Night", "Mixed"};
    for (int d = 0; d < 2; d++) {
        char args[256];
        snprintf(args, sizeof args, "schedule tests/data/pyworkforce/day%d.csv --shifts "
                                    "tests/data/pyworkforce/shifts.cfg --format json", d);
        json_t *j = run_json(args, 0);
        ck_assert_str_eq(json_string_value(json_object_get(j, "status")), "optimal");
        cost += num(j, "total_cost");
        json_t *sh = json_object_get(j, "shifts");
        for (int k = 0; k < 4; k++) {
            int got = 0;
            for (size_t i = 0; i < json_array_size(sh); i++) {
                json_t *o = json_array_get(sh, i);
                if (strcmp(json_string_value(json_object_get(o, "name")), names[k]) == 0) {
                    got = (int)num(o, "count");
                }
            }
            ck_assert_msg(got == want[d][k], "day %d %s: %d, pyworkforce %d", d, names[k], got,
                          want[d][k]);
        }
        json_decref(j);
        snprintf(args, sizeof args, "schedule tests/data/pyworkforce/day%d.csv --shifts "
                                    "tests/data/pyworkforce/shifts.cfg --objective deviation "
                                    "--format json", d);
        j = run_json(args, 0);
        dev += num(j, "deviation");
        json_decref(j);
    }
    /* The text's head count is the sum of the shifts' counts (15 + 13 + 19 + 3). */
    char *out, *err;
    int rc = ccs_test_run("schedule tests/data/pyworkforce/day0.csv --shifts "
                          "tests/data/pyworkforce/shifts.cfg",
                          &out, &err);
    ck_assert_msg(rc == 0, "schedule text: exit %d: %s", rc, err);
    ck_assert_msg(strstr(out, "\n  agents           50\n") != NULL, "agents line: %s", out);
    free(out);
    free(err);
    ck_assert_msg(cost == 113.0, "MinRequiredResources cost %g, pyworkforce 113", cost);
    ck_assert_msg(dev == 157.0, "MinAbsDifference cost %g, pyworkforce 157", dev);
}
END_TEST

static double clock_s(const char *hhmm)
{
    int h, m;
    ck_assert(sscanf(hhmm, "%d:%d", &h, &m) == 2);
    return h * 3600.0 + m * 60.0;
}

/* Coverage recomputed from the shifts (start, length, breaks) equals the
 * reported coverage, every interval meets its requirement, and the cost is
 * the paid hours times the rates. */
static void check_coverage(json_t *j, double dt)
{
    json_t *cov = json_object_get(j, "coverage"), *sh = json_object_get(j, "shifts");
    size_t n = json_array_size(cov);
    double s0 = clock_s(json_string_value(json_object_get(json_array_get(cov, 0), "start")));
    double *mine = calloc(n, sizeof *mine);
    int cyclic = fabs(n * dt - 86400) < 1;
    for (size_t i = 0; i < json_array_size(sh); i++) {
        json_t *o = json_array_get(sh, i);
        double st = clock_s(json_string_value(json_object_get(o, "start")));
        double len = num(o, "length_minutes") * 60;
        double cnt = num(o, "count");
        json_t *br = json_object_get(o, "breaks"), *bl = json_object_get(o, "break_minutes");
        for (size_t k = 0; k < n; k++) {
            double a = s0 + k * dt, b = a + dt;
            for (int w = 0; w <= cyclic; w++) {
                double lo = fmax(a + w * 86400, st), hi = fmin(b + w * 86400, st + len);
                double on = hi > lo ? hi - lo : 0;
                for (size_t q = 0; q < json_array_size(br); q++) {
                    double bs = clock_s(json_string_value(json_array_get(br, q)));
                    if (bs < st) {
                        bs += 86400;
                    }
                    double be = bs + json_number_value(json_array_get(bl, q)) * 60;
                    double l2 = fmax(lo, bs), h2 = fmin(hi, be);
                    on -= h2 > l2 ? h2 - l2 : 0;
                }
                mine[k] += cnt * on / dt;
            }
        }
    }
    for (size_t k = 0; k < n; k++) {
        json_t *c = json_array_get(cov, k);
        CCS_ASSERT_CLOSE("coverage recomputed from the shifts", mine[k], num(c, "scheduled"),
                         1e-9, 1e-9);
        ck_assert(num(c, "scheduled") >= num(c, "required") - 1e-9);
        CCS_ASSERT_CLOSE("over", num(c, "over"), num(c, "scheduled") - num(c, "required"), 0,
                         1e-9);
    }
    free(mine);
}

START_TEST(test_breaks_and_coverage)
{
    json_t *j = run_json("schedule tests/data/schedule/day.csv --shifts "
                         "tests/data/schedule/day.cfg --format json",
                         0);
    ck_assert_str_eq(json_string_value(json_object_get(j, "status")), "optimal");
    check_coverage(j, 1800);
    /* Every shift's breaks lie in their windows. */
    json_t *sh = json_object_get(j, "shifts");
    ck_assert(json_array_size(sh) > 0);
    double paid = 0;
    for (size_t i = 0; i < json_array_size(sh); i++) {
        json_t *o = json_array_get(sh, i);
        paid += num(o, "paid_hours") * num(o, "count");
    }
    CCS_ASSERT_CLOSE("paid hours", paid, num(j, "paid_hours"), 1e-12, 1e-9);
    json_decref(j);
}
END_TEST

START_TEST(test_infeasible)
{
    char *out, *err;
    int rc = ccs_test_run("schedule tests/data/schedule/day.csv --shifts "
                          "tests/data/schedule/too_few.cfg --format json",
                          &out, &err);
    ck_assert_msg(rc == 1, "exit %d", rc);
    ck_assert_msg(strstr(err, "infeasible") && strstr(err, "10:00 (short"), "stderr: %s", err);
    json_error_t je;
    json_t *j = json_loads(out, 0, &je);
    ck_assert_ptr_nonnull(j);
    ck_assert_str_eq(json_string_value(json_object_get(j, "status")), "infeasible");
    json_decref(j);
    free(out);
    free(err);
}
END_TEST

static const struct {
    const char *args;
    const char *want;   /* start of the stderr line after "ccsim schedule: " */
} bad[] = {
    {"tests/data/schedule/day.csv --shifts tests/data/schedule/bad/long.cfg",
     "tests/data/schedule/bad/long.cfg:3: length: a 16 h shift is longer"},
    {"tests/data/schedule/day.csv --shifts tests/data/schedule/bad/break_out.cfg",
     "tests/data/schedule/bad/break_out.cfg:4: shifts.[0].breaks.[0].latest: a break"},
    {"tests/data/schedule/day.csv --shifts tests/data/schedule/bad/unknown.cfg",
     "tests/data/schedule/bad/unknown.cfg:3: shifts.[0].lenght: unknown key"},
    {"tests/data/schedule/bad/order.csv --shifts tests/data/schedule/day.cfg",
     "tests/data/schedule/bad/order.csv:5: start: start 07:30 is not after"},
    {"tests/data/schedule/bad/unequal.csv --shifts tests/data/schedule/day.cfg",
     "tests/data/schedule/bad/unequal.csv:4: start: interval of 60 min"},
    {"tests/data/schedule/day.csv --shifts tests/data/schedule/bad/grid.cfg",
     "tests/data/schedule/bad/grid.cfg:3: earliest_start: 07:10 is not on the 30-min"},
    {"tests/data/schedule/day.csv", "--shifts is required"},
    {"tests/data/schedule/day.csv --shifts tests/data/schedule/day.cfg --objective fast",
     "--objective: expected cost or deviation"},
};

START_TEST(test_bad_input)
{
    char args[512], *out, *err, want[512];
    snprintf(args, sizeof args, "schedule %s", bad[_i].args);
    snprintf(want, sizeof want, "ccsim schedule: %s", bad[_i].want);
    int rc = ccs_test_run(args, &out, &err);
    ck_assert_msg(rc == 2 && out[0] == '\0', "%s: exit %d, stdout '%s'", args, rc, out);
    ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "%s:\n  got  %s  want %s", args, err,
                  want);
    free(out);
    free(err);
}
END_TEST

START_TEST(test_weekly_tours)
{
    json_t *j = run_json("schedule tests/data/schedule/week.csv --days 7 --shifts "
                         "tests/data/schedule/week.cfg --gap 1% --format json",
                         0);
    const char *st = json_string_value(json_object_get(j, "status"));
    ck_assert(strcmp(st, "optimal") == 0 || strcmp(st, "feasible") == 0);
    ck_assert(num(j, "gap") <= 0.01);
    json_t *sh = json_object_get(j, "shifts");
    for (size_t i = 0; i < json_array_size(sh); i++) {
        json_t *o = json_array_get(sh, i);
        if (strcmp(json_string_value(json_object_get(o, "name")), "5x8") == 0) {
            json_t *off = json_object_get(o, "days_off");
            ck_assert_int_eq((int)json_array_size(off), 2);
            int a = (int)json_integer_value(json_array_get(off, 0));
            int b = (int)json_integer_value(json_array_get(off, 1));
            ck_assert_msg(b == a % 7 + 1 || (a == 1 && b == 7), "days off %d and %d are not consecutive", a, b);
            ck_assert_int_eq((int)json_array_size(json_object_get(o, "days")), 5);
        }
    }
    json_t *cov = json_object_get(j, "coverage");
    ck_assert_int_eq((int)json_array_size(cov), 7 * 28);
    for (size_t i = 0; i < json_array_size(cov); i++) {
        json_t *c = json_array_get(cov, i);
        ck_assert(num(c, "scheduled") >= num(c, "required") - 1e-9);
    }
    json_decref(j);
}
END_TEST

/* The roster written into a scenario runs, and simulate-and-repair ends
 * with every interval at target, each round's cost reported. */
START_TEST(test_write_scenario_and_repair)
{
    char tmp[] = "/tmp/ccs_roster_XXXXXX";
    int fd = mkstemp(tmp);
    ck_assert(fd >= 0);
    close(fd);
    char args[512];
    snprintf(args, sizeof args, "schedule tests/data/schedule/req48.csv --shifts "
                                "tests/data/schedule/day24.cfg --write-scenario "
                                "tests/data/schedule/sim48.cfg --into %s --format json", tmp);
    json_t *j = run_json(args, 0);
    json_t *cov = json_object_get(j, "coverage");
    snprintf(args, sizeof args, "run %s --format json --reps 2", tmp);
    json_t *run = run_json(args, 0);
    json_t *ivs = json_object_get(run, "intervals");
    ck_assert_int_eq((int)json_array_size(ivs), 48);
    for (size_t k = 0; k < 48; k++) {
        json_t *agents = json_object_get(json_array_get(ivs, k), "agents");
        double a = json_is_object(agents) ? num(agents, "mean") : json_number_value(agents);
        CCS_ASSERT_CLOSE("agents on duty in the written scenario", a,
                         floor(num(json_array_get(cov, k), "scheduled") + 1e-6), 0, 1e-9);
    }
    json_decref(run);
    json_decref(j);
    unlink(tmp);
    j = run_json("schedule tests/data/schedule/req48.csv --shifts tests/data/schedule/day24.cfg "
                 "--simulate tests/data/schedule/sim48.cfg --sl 80/20 --reps 20 --format json",
                 0);
    ck_assert(json_is_true(json_object_get(j, "all_met")));
    json_t *rounds = json_object_get(j, "rounds");
    ck_assert(json_array_size(rounds) >= 1);
    double prev = 0;
    for (size_t i = 0; i < json_array_size(rounds); i++) {
        double c = num(json_array_get(rounds, i), "total_cost");
        ck_assert_msg(c >= prev - 1e-9, "round %zu cost %g below %g", i + 1, c, prev);
        prev = c;
    }
    json_t *sim = json_object_get(j, "simulated");
    ck_assert_int_eq((int)json_array_size(sim), 48);
    for (size_t k = 0; k < 48; k++) {
        json_t *o = json_array_get(sim, k);
        ck_assert(json_is_true(json_object_get(o, "meets")));
        ck_assert(num(json_object_get(o, "service_level"), "mean") >= 0.8);
    }
    json_decref(j);
}
END_TEST

/* scipy's milp on random instances (tests/schedule_milp.py); skipped with a
 * printed reason when python3-scipy is missing (CI installs it). */
START_TEST(test_scipy_milp)
{
    const char *py = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
    char cmd[512];
    snprintf(cmd, sizeof cmd, "%s tests/schedule_milp.py %s 20 2>&1", py, ccs_test_bin());
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    char buf[1024] = "";
    size_t n = fread(buf, 1, sizeof buf - 1, p);
    buf[n] = '\0';
    int st = pclose(p);
    int rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    if (rc == 77 || rc == 127) {
        buf[strcspn(buf, "\n")] = '\0';
        CCS_SKIP(rc == 77 ? buf : "no python3 for the scipy comparison");
    }
    ck_assert_msg(rc == 0, "schedule_milp.py: exit %d: %s", rc, buf);
}
END_TEST

Suite *schedule_suite(void)
{
    Suite *s = suite_create("schedule");
    TCase *core = tcase_create("core");
    tcase_set_timeout(core, 120);
    tcase_add_test(core, test_pyworkforce);
    tcase_add_test(core, test_breaks_and_coverage);
    tcase_add_test(core, test_infeasible);
    tcase_add_test(core, test_weekly_tours);
    tcase_add_test(core, test_write_scenario_and_repair);
    tcase_add_test(core, test_scipy_milp);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_set_timeout(errors, 60);
    tcase_add_loop_test(errors, test_bad_input, 0, (int)(sizeof bad / sizeof bad[0]));
    suite_add_tcase(s, errors);
    return s;
}
