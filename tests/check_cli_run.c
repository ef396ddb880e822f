/*
 * check_cli_run.c — `ccsim run` end to end, through the binary: JSON/CSV
 * shape and sane numbers on the M/M/c scenario, byte-identical output for
 * any thread count, --seed/--set overrides, atomic --out, and one-line
 * errors with exit status 2 for bad options and bad scenarios.
 */
#include "ccs_test.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

/* Small and fast: 4 replications of scenarios/mmc.cfg (1000 calls/h,
 * exponential 180 s handle time, 55 agents, 8 half-hour intervals, seed 7). */
#define MMC "scenarios/mmc.cfg --reps 4"

/* Runs "ccsim <args>", expects exit status want; returns stdout (free it). */
static char *run_ok(const char *args)
{
    char *out, *err;
    int st = ccs_test_run(args, &out, &err);
    ck_assert_msg(st == 0, "ccsim %s: exit %d, stderr: %s", args, st, err);
    /* stderr is not a terminal here, so no progress line: nothing at all. */
    ck_assert_msg(err[0] == '\0', "ccsim %s: unexpected stderr: %s", args, err);
    free(err);
    return out;
}

static json_t *run_json(const char *args)
{
    char *out = run_ok(args);
    json_error_t je;
    json_t *root = json_loads(out, 0, &je);
    ck_assert_msg(root != NULL, "ccsim %s: JSON does not parse: line %d: %s", args, je.line,
                  je.text);
    free(out);
    return root;
}

static const char *const contract_keys[] = {
    "offered", "handled", "abandoned", "service_level",
    "prob_wait", "asa_s", "abandon_rate", "occupancy",
};

#define N_CONTRACT (sizeof contract_keys / sizeof contract_keys[0])

/* Every contract figure of obj is {"mean", "ci95": [lo, hi]}, lo <= mean <=
 * hi, fractions within [0, 1] and counts >= 0. */
static void check_row(const json_t *obj, const char *where)
{
    ck_assert_msg(json_is_object(obj), "%s: not an object", where);
    for (size_t i = 0; i < N_CONTRACT; i++) {
        const char *key = contract_keys[i];
        json_t *f = json_object_get(obj, key);
        json_t *ci = json_object_get(f, "ci95");
        ck_assert_msg(json_is_array(ci) && json_array_size(ci) == 2, "%s.%s: no ci95", where,
                      key);
        json_t *m = json_object_get(f, "mean");
        ck_assert_msg(json_is_number(m), "%s.%s: mean not a number", where, key);
        double vm = json_number_value(m);
        double lo = json_number_value(json_array_get(ci, 0));
        double hi = json_number_value(json_array_get(ci, 1));
        ck_assert_msg(lo <= vm && vm <= hi, "%s.%s: [%g, %g] does not hold %g", where, key, lo,
                      hi, vm);
        ck_assert_msg(vm >= 0, "%s.%s: negative mean %g", where, key, vm);
        int frac = strcmp(key, "service_level") == 0 || strcmp(key, "prob_wait") == 0 ||
                   strcmp(key, "abandon_rate") == 0 || strcmp(key, "occupancy") == 0;
        if (frac) {
            ck_assert_msg(vm <= 1.0, "%s.%s: fraction %g > 1", where, key, vm);
        }
    }
}

static double mean_of(const json_t *obj, const char *key)
{
    json_t *m = json_object_get(json_object_get(obj, key), "mean");
    ck_assert_msg(json_is_number(m), "%s: mean not a number", key);
    return json_number_value(m);
}

START_TEST(test_json_mmc)
{
    char args[160];
    snprintf(args, sizeof args, "run " MMC " --set horizon.intervals=2 --format json%s",
             ccs_test_seed_arg(112));
    json_t *root = run_json(args);
    ck_assert_str_eq(json_string_value(json_object_get(root, "scenario")), "M/M/c textbook");
    ck_assert_int_eq(json_integer_value(json_object_get(root, "replications")), 4);
    ck_assert_int_eq(json_integer_value(json_object_get(root, "seed")),
                     (json_int_t)ccs_test_seed(112));
    ck_assert(json_integer_value(json_object_get(root, "events")) > 0);
    ck_assert_ptr_null(json_object_get(root, "threads"));
    json_t *sum = json_object_get(root, "summary");
    check_row(sum, "summary");
    json_t *ivs = json_object_get(root, "intervals");
    ck_assert_uint_eq(json_array_size(ivs), 2);
    for (size_t k = 0; k < 2; k++) {
        char where[32];
        snprintf(where, sizeof where, "intervals[%zu]", k);
        check_row(json_array_get(ivs, k), where);
    }
    json_t *types = json_object_get(root, "call_types");
    ck_assert_uint_eq(json_object_size(types), 1);
    check_row(json_object_get(types, "sales"), "call_types.sales");
    /* 1000 calls/h over 2 x 30 min: 1000 expected; the mean of 4 Poisson
     * counts has sd sqrt(1000 / 4). */
    CCS_ASSERT_Z("offered", mean_of(sum, "offered"), 1000.0, sqrt(1000.0 / 4),
                 ccs_test_zcrit(CCS_ALPHA_TEST, 2));
    /* Nobody abandons, so everything offered is handled. */
    CCS_ASSERT_CLOSE("handled", mean_of(sum, "handled"), mean_of(sum, "offered"), 0.05, 0);
    ck_assert_double_eq(mean_of(sum, "abandoned"), 0.0);
    /* 50 Erlangs on 55 agents: occupancy near 50/55 = 0.909 (the busy time
     * of 4 x 1 h: sd about sqrt(1000 x 2 x 180^2) / (55 x 3600) / 2 = 0.013;
     * 0.06 also allows for the start). */
    CCS_ASSERT_CLOSE("occupancy", mean_of(sum, "occupancy"), 50.0 / 55.0, 0, 0.06);
    json_decref(root);
}
END_TEST

START_TEST(test_text_mmc)
{
    char *out = run_ok("run " MMC);
    ck_assert_ptr_nonnull(strstr(out, "M/M/c textbook"));
    ck_assert_ptr_nonnull(strstr(out, "scenarios/mmc.cfg"));
    ck_assert_msg(!strstr(out, "nan") && !strstr(out, "inf"), "text has nan/inf:\n%s", out);
    /* One row per interval, labelled by clock offset: 8 x 30 min. */
    ck_assert_ptr_nonnull(strstr(out, "03:30"));
    ck_assert_ptr_null(strstr(out, "04:00"));
    free(out);
}
END_TEST

/* Runs with --out into a fresh directory; returns the number of entries
 * the directory holds afterwards and removes them. */
static int count_and_clean(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert(d != NULL);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
            continue;
        }
        char p[512];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        unlink(p);
        n++;
    }
    closedir(d);
    return n;
}

START_TEST(test_csv_out)
{
    char dir[] = "/tmp/ccs_cli_runXXXXXX";
    ck_assert(mkdtemp(dir) != NULL);
    char args[1024], path[256];
    snprintf(path, sizeof path, "%s/table.csv", dir);
    snprintf(args, sizeof args, "run " MMC " --format csv --out %s", path);
    char *out = run_ok(args);
    ck_assert_msg(out[0] == '\0', "--out: stdout not empty: %s", out);
    free(out);
    ccs_csv *c = ccs_csv_read(path);
    ck_assert_int_eq(c->nrows, 8);   /* horizon.intervals in mmc.cfg */
    for (int k = 0; k < c->nrows; k++) {
        ck_assert_double_eq(ccs_csv_num(c, k, "interval"), k);
        ck_assert_double_eq(ccs_csv_num(c, k, "start_min"), 30.0 * k);
        double sl = ccs_csv_num(c, k, "service_level");
        ck_assert_msg(sl >= 0 && sl <= 1, "row %d: SL %g", k, sl);
        ck_assert_msg(ccs_csv_num(c, k, "service_level_lo") <= sl &&
                          sl <= ccs_csv_num(c, k, "service_level_hi"),
                      "row %d: SL outside its CI", k);
        CCS_ASSERT_CLOSE("load_erl", ccs_csv_num(c, k, "load_erl"), 50.0, CCS_TOL_TIGHT, 0);
        ck_assert_double_eq(ccs_csv_num(c, k, "agents"), 55);
    }
    ccs_csv_free(c);
    /* Exactly the output file: no temporary left behind. */
    ck_assert_int_eq(count_and_clean(dir), 1);

    /* The same with --opt=value and a reduced horizon. */
    snprintf(args, sizeof args,
             "run scenarios/mmc.cfg --reps=2 --set=horizon.intervals=3 --format=csv --out=%s",
             path);
    free(run_ok(args));
    c = ccs_csv_read(path);
    ck_assert_int_eq(c->nrows, 3);
    ccs_csv_free(c);
    ck_assert_int_eq(count_and_clean(dir), 1);
    rmdir(dir);
}
END_TEST

static void assert_same(const char *a_args, const char *b_args, int want_same)
{
    char *a = run_ok(a_args);
    char *b = run_ok(b_args);
    if (want_same) {
        ck_assert_msg(strcmp(a, b) == 0, "outputs differ:\n  ccsim %s\n  ccsim %s", a_args,
                      b_args);
    } else {
        ck_assert_msg(strcmp(a, b) != 0, "outputs identical:\n  ccsim %s\n  ccsim %s", a_args,
                      b_args);
    }
    free(a);
    free(b);
}

START_TEST(test_determinism_threads)
{
    assert_same("run " MMC " --format json --threads 1", "run " MMC " --format json --threads 3",
                1);
    assert_same("run " MMC " --format json --threads 1", "run " MMC " --format json --threads 2",
                1);
    assert_same("run " MMC " --format json --threads 0", "run " MMC " --format json --threads 4",
                1);
    assert_same("run " MMC " --threads 1", "run " MMC " --threads 3", 1);
    assert_same("run " MMC " --format csv --threads 1", "run " MMC " --format csv --threads 3",
                1);
}
END_TEST

START_TEST(test_seed)
{
    assert_same("run " MMC " --format json --seed 11", "run " MMC " --format json --seed 12", 0);
    assert_same("run " MMC " --format json --seed 11",
                "run " MMC " --format json --set run.seed=11", 1);
    assert_same("run " MMC " --format json --seed 11", "run " MMC " --format=json --seed=11", 1);
    /* The file's seed is 7. */
    assert_same("run " MMC " --format json", "run " MMC " --format json --seed 7", 1);
}
END_TEST

START_TEST(test_set_changes_result)
{
    char aa[160], bb[200];
    snprintf(aa, sizeof aa, "run " MMC " --format json%s", ccs_test_seed_arg(113));
    snprintf(bb, sizeof bb, "run " MMC " --format json --set agents.[0].count=60%s",
             ccs_test_seed_arg(113));
    json_t *a = run_json(aa);
    json_t *b = run_json(bb);
    double occ_a = mean_of(json_object_get(a, "summary"), "occupancy");
    double occ_b = mean_of(json_object_get(b, "summary"), "occupancy");
    /* The same arrivals (same seed) on 60 agents instead of 55: about
     * 50/60 = 0.833 against 50/55 = 0.909. */
    ck_assert_msg(occ_b < occ_a - 0.03, "occupancy 55 agents %g, 60 agents %g", occ_a, occ_b);
    CCS_ASSERT_CLOSE("occupancy(60)", occ_b, 50.0 / 60.0, 0, 0.06);
    double sl_a = mean_of(json_object_get(a, "summary"), "service_level");
    double sl_b = mean_of(json_object_get(b, "summary"), "service_level");
    ck_assert_msg(sl_b > sl_a, "SL did not improve with agents: %g -> %g", sl_a, sl_b);
    json_decref(a);
    json_decref(b);
}
END_TEST

/*
 * The embedded default scenario (scenarios/default.cfg), end to end, against
 * expectations derived from its inputs:
 *  - handle time = talk (lognormal 240 s, cv 0.8) + after-call work (gamma
 *    60 s, cv 0.5): AHT 300 s, sd sqrt(192^2 + 30^2) per call;
 *  - fresh calls: 15,000 a day times a gamma multiplier of cv 0.05, so
 *    Var = 15,000 + (0.05 x 15,000)^2 per day;
 *  - retrials: each abandonment tries again with probability 0.3 if the
 *    retrial falls within the day and the caller has retrials left, so
 *    retrials <= 0.3 x abandons, short of it only by the last interval's
 *    abandons (retrials after 21:00) and callers past their 3 retrials
 *    (at most 0.3^3 of abandons);
 *  - short abandons (<= 5 s) need a patience <= 5 s, which a delayed caller
 *    has with probability 1 - exp(-5/180);
 *  - the service level by each definition, from the same simulated callers
 *    (same seed): answered within T over offered, over answered, over
 *    offered minus short abandons.
 */
static double sum_of(const json_t *row, const char *key, int reps)
{
    return mean_of(row, key) * reps;
}

START_TEST(test_default_scenario)
{
    const int R = 10;
    char args[128];
    snprintf(args, sizeof args, "run --reps %d --format json%s", R, ccs_test_seed_arg(111));
    json_t *root = run_json(args);
    const char *name = json_string_value(json_object_get(root, "scenario"));
    ck_assert_msg(name && *name, "default scenario has no name");
    ck_assert_str_eq(json_string_value(json_object_get(root, "file")), "(default)");
    json_t *ivs = json_object_get(root, "intervals");
    ck_assert_int_eq(json_array_size(ivs), 28);
    json_t *sum = json_object_get(root, "summary");
    check_row(sum, "summary");
    double z = ccs_test_zcrit(CCS_ALPHA_TEST, 7);
    double handled = sum_of(sum, "handled", R);
    CCS_ASSERT_Z("AHT = talk + wrap", mean_of(sum, "aht_s"), 300.0,
                 sqrt(192.0 * 192 + 30.0 * 30) / sqrt(handled), z);
    double offered = sum_of(sum, "offered", R), retrials = sum_of(sum, "retrials", R);
    CCS_ASSERT_Z("fresh calls a day", (offered - retrials) / R, 15000.0,
                 sqrt((15000.0 + 750.0 * 750) / R), z);
    double ab = sum_of(sum, "abandoned", R);
    double last = sum_of(json_array_get(ivs, 27), "abandoned", R);
    double sd = sqrt(0.3 * 0.7 * ab);
    ck_assert_msg(retrials <= 0.3 * ab + z * sd, "retrials %g > 0.3 x %g abandons", retrials, ab);
    ck_assert_msg(retrials >= 0.3 * (ab - last - 0.027 * ab) - z * sd,
                  "retrials %g short of 0.3 x %g abandons", retrials, ab);
    ck_assert(retrials > 0);
    double delayed = mean_of(sum, "prob_wait") * offered, p5 = 1 - exp(-5.0 / 180);
    double shorts = sum_of(sum, "abandoned_short", R);
    ck_assert_msg(shorts <= p5 * delayed + z * sqrt(p5 * delayed), "%g short abandons, %g delayed",
                  shorts, delayed);
    /* Every SL definition, the same callers. */
    double in_sl = mean_of(sum, "service_level") * mean_of(sum, "offered");
    static const char *const defs[] = {"answered", "excluding_short"};
    double dens[] = {mean_of(sum, "handled"),
                     mean_of(sum, "offered") - mean_of(sum, "abandoned_short")};
    for (int d = 0; d < 2; d++) {
        char a2[200];
        snprintf(a2, sizeof a2, "run --reps %d --format json%s --set run.sl_definition=\"%s\"",
                 R, ccs_test_seed_arg(111), defs[d]);
        json_t *o = run_json(a2);
        ck_assert_str_eq(json_string_value(json_object_get(o, "sl_definition")), defs[d]);
        json_t *s2 = json_object_get(o, "summary");
        CCS_ASSERT_CLOSE("same callers", mean_of(s2, "offered"), mean_of(sum, "offered"), 0, 0);
        CCS_ASSERT_CLOSE(defs[d], mean_of(s2, "service_level"), in_sl / dens[d], 1e-9, 0);
        json_decref(o);
    }
    json_decref(root);
}
END_TEST

START_TEST(test_help)
{
    char *out, *err;
    ck_assert_int_eq(ccs_test_run("run --help", &out, &err), 0);
    ck_assert_ptr_nonnull(strstr(out, "usage: ccsim run"));
    ck_assert_ptr_nonnull(strstr(out, "--threads"));
    ck_assert_str_eq(err, "");
    free(out);
    free(err);
}
END_TEST

/* Exit 2, nothing on stdout, one line on stderr naming the culprit. */
static void expect_usage(const char *args, const char *names)
{
    char *out, *err;
    int st = ccs_test_run(args, &out, &err);
    ck_assert_msg(st == 2, "ccsim %s: exit %d, want 2 (stderr: %s)", args, st, err);
    ck_assert_msg(out[0] == '\0', "ccsim %s: stdout not empty: %s", args, out);
    ck_assert_msg(strstr(err, names) != NULL, "ccsim %s: stderr does not name '%s': %s", args,
                  names, err);
    char *nl = strchr(err, '\n');
    ck_assert_msg(nl && nl[1] == '\0', "ccsim %s: not one line: %s", args, err);
    ck_assert_msg(strncmp(err, "ccsim run: ", 11) == 0, "ccsim %s: no prefix: %s", args, err);
    free(out);
    free(err);
}

START_TEST(test_bad_options)
{
    static const char *const cases[][2] = {
        {"run --bogus", "--bogus"},
        {"run -x", "-x"},
        {"run " MMC " --reps 0", "--reps"},
        {"run " MMC " --reps abc", "--reps"},
        {"run " MMC " --reps 1.5", "--reps"},
        {"run " MMC " --reps", "--reps"},
        {"run " MMC " --threads -1", "--threads"},
        {"run " MMC " --threads=many", "--threads"},
        {"run " MMC " --seed -3", "--seed"},
        {"run " MMC " --format xml", "--format"},
        {"run " MMC " --quiet=yes", "--quiet"},
        {"run " MMC " --set noequals", "--set"},
        {"run " MMC " scenarios/mmc.cfg", "one scenario file"},
        {"run tests/data/no-such-scenario.cfg", "tests/data/no-such-scenario.cfg"},
        {"run " MMC " --set run.no_such_key=1", "run.no_such_key"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        expect_usage(cases[i][0], cases[i][1]);
    }
}
END_TEST

/* Writes text to dir/name; path receives the file's name. */
static void write_cfg(char *path, size_t n, const char *dir, const char *name, const char *text)
{
    snprintf(path, n, "%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    ck_assert_msg(fp != NULL, "cannot write %s", path);
    fputs(text, fp);
    fclose(fp);
}

START_TEST(test_bad_scenario)
{
    char dir[] = "/tmp/ccs_cli_badXXXXXX";
    ck_assert(mkdtemp(dir) != NULL);
    char path[256], args[1024], want[512];
    /* A syntax error on line 3. */
    write_cfg(path, sizeof path, dir, "syntax.cfg",
              "# bad on purpose\nname = \"bad\";\nhorizon = { intervals = ; };\n");
    snprintf(args, sizeof args, "run %s", path);
    snprintf(want, sizeof want, "%s:3:", path);
    expect_usage(args, want);

    /* Valid syntax, bad value on line 4. */
    write_cfg(path, sizeof path, dir, "value.cfg",
              "name = \"bad\";\n"
              "horizon = { intervals = 2; interval_minutes = 30; };\n"
              "calls = ( { name = \"a\"; calls_per_hour = 100.0;\n"
              "  handle_time = { dist = \"exponential\"; mean = -5.0; }; } );\n"
              "agents = ( { name = \"t\"; count = 5; serves = [ \"a\" ]; } );\n");
    snprintf(args, sizeof args, "run %s", path);
    snprintf(want, sizeof want, "%s:4:", path);
    expect_usage(args, want);
    count_and_clean(dir);
    rmdir(dir);
}
END_TEST

START_TEST(test_out_error_leaves_nothing)
{
    char dir[] = "/tmp/ccs_cli_runXXXXXX";
    ck_assert(mkdtemp(dir) != NULL);
    char args[512];
    /* The scenario fails after --out was accepted. */
    snprintf(args, sizeof args, "run " MMC " --set agents.[0].count=-1 --out %s/r.json", dir);
    char *out, *err;
    int st = ccs_test_run(args, &out, &err);
    ck_assert_msg(st == 2, "exit %d: %s", st, err);
    ck_assert_str_eq(out, "");
    free(out);
    free(err);
    ck_assert_int_eq(count_and_clean(dir), 0);
    /* --out naming a directory. */
    snprintf(args, sizeof args, "run " MMC " --out %s", dir);
    expect_usage(args, "--out");
    /* --out into a missing directory: a write failure, exit 1 as in every
     * command (issue 9), found before the run, nothing on stdout. */
    st = ccs_test_run("run " MMC " --out /nonexistent-dir/x.json", &out, &err);
    ck_assert_msg(st == 1, "exit %d: %s", st, err);
    ck_assert_str_eq(out, "");
    ck_assert_msg(strstr(err, "--out") != NULL && strchr(err, '\n') == err + strlen(err) - 1,
                  "stderr: %s", err);
    free(out);
    free(err);
    ck_assert_int_eq(count_and_clean(dir), 0);
    rmdir(dir);
}
END_TEST

Suite *cli_run_suite(void)
{
    Suite *s = suite_create("cli_run");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_json_mmc);
    tcase_add_test(tc, test_text_mmc);
    tcase_add_test(tc, test_csv_out);
    tcase_add_test(tc, test_determinism_threads);
    tcase_add_test(tc, test_seed);
    tcase_add_test(tc, test_set_changes_result);
    tcase_add_test(tc, test_default_scenario);
    tcase_add_test(tc, test_help);
    suite_add_tcase(s, tc);
    TCase *er = tcase_create("errors");
    tcase_set_timeout(er, 60);
    tcase_add_test(er, test_bad_options);
    tcase_add_test(er, test_bad_scenario);
    tcase_add_test(er, test_out_error_leaves_nothing);
    suite_add_tcase(s, er);
    return s;
}
