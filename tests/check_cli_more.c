/*
 * check_cli_more.c — the CLI paths the command-specific files leave out:
 * every command's --help and the top-level usage errors; the text reports
 * of outbound campaigns and costs, against the JSON report of the same run
 * and against the wage bill by hand; `ccsim staff` with every target, the
 * conservative criterion, shrinkage, CSV and --write-schedule, against the
 * properties those options promise; bad option values of staff and sweep;
 * and a full output device, which every command must report as a failure
 * (exit 1, one line on stderr).
 */
#define _GNU_SOURCE
#include "ccs_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "ccsim/scenario.h"

static char *run_ok(const char *args)
{
    char *out, *err;
    int st = ccs_test_run(args, &out, &err);
    ck_assert_msg(st == 0, "ccsim %s: exit %d: %s", args, st, err);
    free(err);
    return out;
}

static json_t *run_json(const char *args)
{
    char *out = run_ok(args);
    json_error_t je;
    json_t *root = json_loads(out, 0, &je);
    ck_assert_msg(root != NULL, "ccsim %s: JSON: %s", args, je.text);
    free(out);
    return root;
}

static double jmean(const json_t *o, const char *key)
{
    json_t *m = json_object_get(json_object_get(o, key), "mean");
    ck_assert_msg(json_is_number(m), "%s: no mean", key);
    return json_number_value(m);
}

/* The number after `label` (and blanks) on its line of text. */
static double number_after(const char *text, const char *label)
{
    const char *p = strstr(text, label);
    ck_assert_msg(p != NULL, "no '%s' in:\n%s", label, text);
    p += strlen(label);
    char *end;
    double v = strtod(p, &end);
    ck_assert_msg(end != p, "no number after '%s'", label);
    return v;
}

/* Exit status 2, nothing on stdout, one line on stderr naming `names`. */
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
    free(out);
    free(err);
}

START_TEST(test_help_and_usage)
{
    static const char *const cmds[] = {"run",   "erlang", "staff",  "sweep",
                                       "trace", "validate", "compare"};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        char args[64], want[64], *out, *err;
        snprintf(args, sizeof args, "%s --help", cmds[i]);
        snprintf(want, sizeof want, "usage: ccsim %s", cmds[i]);
        ck_assert_int_eq(ccs_test_run(args, &out, &err), 0);
        ck_assert_msg(strncmp(out, want, strlen(want)) == 0, "%s: %.60s", args, out);
        ck_assert_str_eq(err, "");
        free(out);
        free(err);
    }
    char *out, *err;
    ck_assert_int_eq(ccs_test_run("--help", &out, &err), 0);
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        ck_assert_msg(strstr(out, cmds[i]) != NULL, "--help does not list %s", cmds[i]);
    }
    free(out);
    free(err);
    /* No command: the usage on stderr, exit 2. */
    ck_assert_int_eq(ccs_test_run("", &out, &err), 2);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, "usage: ccsim <command>"));
    free(out);
    free(err);
    expect_usage("simulate", "unknown command 'simulate'");
    expect_usage("simulate", "run, erlang, staff");
}
END_TEST

/* The campaign section of the text report says what the JSON report of
 * the same run says. */
START_TEST(test_campaign_text_matches_json)
{
    char args[256];
    snprintf(args, sizeof args, "run scenarios/outbound-collections.cfg --reps 2%s",
             ccs_test_seed_arg(161));
    char *text = run_ok(args);
    strcat(args, " --format json");
    json_t *root = run_json(args);
    json_t *c = json_object_get(json_object_get(root, "campaigns"), "collections");
    ck_assert_ptr_nonnull(c);
    ck_assert_ptr_nonnull(strstr(text, "Outbound campaign \"collections\": predictive"));
    static const struct {
        const char *label, *key;
        double scale;
        double tol;
    } rows[] = {
        {"  dials ", "dials", 1, 0.5},
        {"  live answers (connects) ", "connects", 1, 0.5},
        {"  right-party contacts ", "right_party_contacts", 1, 0.5},
        {"  successes ", "successes", 1, 0.5},
        {"  abandon rate, % of live answers ", "abandon_rate", 100, 0.005},
        {"  answering machines ", "machines", 1, 0.5},
        {"  right-party contacts per agent-hour ", "rpc_per_agent_hour", 1, 0.005},
        {"  wrap-up, % of agent time ", "wrap_share", 100, 0.05},
        {"  list penetration, % ", "list_penetration", 100, 0.05},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        CCS_ASSERT_CLOSE(rows[i].label, number_after(text, rows[i].label),
                         jmean(c, rows[i].key) * rows[i].scale, 0, rows[i].tol + 1e-9);
    }
    json_decref(root);
    free(text);
}
END_TEST

/* The text cost report of captive.cfg: paid hours = agent-hours / (1 -
 * shrinkage 0.32), wages = paid hours x $19 x (1 + 0.30), by hand from
 * the schedule; and the JSON report's total. */
START_TEST(test_cost_text)
{
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_load("scenarios/captive.cfg", NULL, 0, &err);
    ck_assert_ptr_nonnull(sc);
    double hours = 0;
    for (int k = 0; k < sc->n_intervals; k++) {
        hours += sc->groups[0].count[k] * 0.5;
    }
    ccs_scenario_free(sc);
    char args[256];
    snprintf(args, sizeof args, "run scenarios/captive.cfg --reps 3%s", ccs_test_seed_arg(162));
    char *text = run_ok(args);
    CCS_ASSERT_CLOSE("productive hours", number_after(text, "  productive hours "), hours, 0,
                     0.05);
    CCS_ASSERT_CLOSE("paid hours", number_after(text, "  paid hours "), hours / 0.68, 0, 0.05);
    CCS_ASSERT_CLOSE("wages", number_after(text, "  wages "), hours / 0.68 * 19 * 1.3, 0, 0.005);
    strcat(args, " --format json");
    json_t *root = run_json(args);
    CCS_ASSERT_CLOSE("total per day", number_after(text, "  total per day "),
                     jmean(json_object_get(root, "cost"), "total"), 0, 0.005);
    json_decref(root);
    free(text);
}
END_TEST

static const char *const STAFF_CFG =
    "name = \"staff options\";\n"
    "horizon = { intervals = 2; interval_minutes = 60; };\n"
    "calls = ( { name = \"c\"; calls_per_hour = [ 400.0, 600.0 ];\n"
    "            handle_time = { dist = \"exponential\"; mean = 180.0; };\n"
    "            patience = { dist = \"exponential\"; mean = 120.0; };\n"
    "            service_level = { threshold = 20.0; target = 0.80; }; } );\n"
    "agents = ( { name = \"team\"; count = 10; serves = [ \"c\" ];\n"
    "             cost = { model = \"captive\"; wage_per_hour = 20.0; }; } );\n"
    "run = { warmup_minutes = 30; };\n";

static void write_file(char *path, const char *text)
{
    int fd = mkstemp(path);
    ck_assert(fd >= 0);
    ck_assert(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
    close(fd);
}

/* Every target with the conservative criterion: each interval's whole CI
 * meets each target (SL lower bound >= 80%, upper bounds of ASA <= 15 s,
 * abandon <= 4%, occupancy <= 90%); scheduled agents = ceil(agents / 0.75)
 * for 25% shrinkage; the written schedule re-loads with the counts found. */
START_TEST(test_staff_all_targets)
{
    char cfg[] = "/tmp/ccs_staff_optXXXXXX", sched[] = "/tmp/ccs_staff_schXXXXXX";
    write_file(cfg, STAFF_CFG);
    write_file(sched, "");
    char args[600];
    snprintf(args, sizeof args,
             "staff %s --sl 80/20 --asa 15 --max-abandon 4%% --max-occupancy 90%% "
             "--criterion ci --shrinkage 25%% --reps 40 --format csv --write-schedule %s%s",
             cfg, sched, ccs_test_seed_arg(163));
    char *out = run_ok(args);
    char csv[] = "/tmp/ccs_staff_csvXXXXXX";
    write_file(csv, out);
    ccs_csv *c = ccs_csv_read(csv);
    ck_assert_int_eq(c->nrows, 2);
    ccs_error err;
    ccs_scenario *ws = ccs_scenario_load(sched, NULL, 0, &err);
    ck_assert_msg(ws != NULL, "written schedule: %s", err.msg);
    for (int k = 0; k < 2; k++) {
        int n = (int)ccs_csv_num(c, k, "simulated_agents");
        ck_assert_int_eq((int)ccs_csv_num(c, k, "scheduled_agents"), (int)ceil(n / 0.75 - 1e-9));
        ck_assert_int_eq(ws->groups[0].count[k], n);
        ck_assert_int_eq((int)ccs_csv_num(c, k, "settled"), 1);
        ck_assert(ccs_csv_num(c, k, "service_level_lo") >= 0.80);
        ck_assert(ccs_csv_num(c, k, "asa_s_hi") <= 15.0);
        ck_assert(ccs_csv_num(c, k, "abandon_rate_hi") <= 0.04);
        ck_assert(ccs_csv_num(c, k, "occupancy_hi") <= 0.90);
    }
    ck_assert_int_lt((int)ccs_csv_num(c, 0, "simulated_agents"),
                     (int)ccs_csv_num(c, 1, "simulated_agents"));
    ccs_scenario_free(ws);
    ccs_csv_free(c);
    free(out);
    /* The text report with its cost lines: agent-hours x $20. */
    snprintf(args, sizeof args, "staff %s --sl 80/20 --reps 20 --max-reps 40%s", cfg,
             ccs_test_seed_arg(164));
    out = run_ok(args);
    double hours = number_after(out, "total agent-hours ");
    CCS_ASSERT_CLOSE("cost per day", number_after(out, "cost per day "), hours * 20, 0, 0.01);
    ck_assert_ptr_nonnull(strstr(out, "cost per handled call"));
    free(out);
    strcat(args, " --format json");
    json_t *root = run_json(args);
    json_t *cost = json_object_get(root, "cost");
    CCS_ASSERT_CLOSE("JSON cost per day", jmean(cost, "per_day"),
                     json_number_value(json_object_get(root, "total_agent_hours")) * 20, 1e-9, 0);
    json_decref(root);
    unlink(cfg);
    unlink(sched);
    unlink(csv);
}
END_TEST

START_TEST(test_staff_and_sweep_bad_options)
{
    static const char *const cases[][2] = {
        {"staff scenarios/mmc.cfg --asa 0", "--asa"},
        {"staff scenarios/mmc.cfg --asa soon", "--asa"},
        {"staff scenarios/mmc.cfg --max-abandon 0", "--max-abandon"},
        {"staff scenarios/mmc.cfg --max-abandon 150%", "--max-abandon"},
        {"staff scenarios/mmc.cfg --max-occupancy x", "--max-occupancy"},
        {"staff scenarios/mmc.cfg --shrinkage 1", "--shrinkage"},
        {"staff scenarios/mmc.cfg --criterion median", "--criterion"},
        {"staff scenarios/mmc.cfg --write-schedule=", "--write-schedule"},
        {"staff scenarios/mmc.cfg --bogus", "--bogus"},
        {"staff", "SCENARIO"},
        {"sweep scenarios/mmc.cfg --vary a=1:2:1 --vary b=1:2:1 --vary c=1:2:1 "
         "--vary d=1:2:1 --vary e=1:2:1 --vary f=1:2:1 --vary g=1:2:1 --vary h=1:2:1 "
         "--vary i=1:2:1",
         "--vary: at most 8"},
        {"sweep scenarios/mmc.cfg --vary agents.[0].count=50:51:1 --format xml", "--format"},
        {"sweep", "SCENARIO"},
        {"run scenarios/mmc.cfg --out=", "--out"},
        {"run scenarios/mmc.cfg --plot=", "--plot"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        expect_usage(cases[i][0], cases[i][1]);
    }
}
END_TEST

/* Output to a full device: exit status 1, one line on stderr. */
START_TEST(test_full_device)
{
    if (access("/dev/full", W_OK) != 0) {
        CCS_SKIP("no writable /dev/full on this system");
    }
    static const char *const cmds[] = {
        "run scenarios/mmc.cfg --reps 2",
        "run scenarios/mmc.cfg --reps 2 --format json",
        "run scenarios/mmc.cfg --reps 2 --format csv",
        "erlang --calls 1000 --aht 180 --sl 80/20",
        "staff scenarios/mmc.cfg --sl 80/20 --set horizon.intervals=1 --reps 5 --max-reps 5",
        "staff scenarios/mmc.cfg --sl 80/20 --set horizon.intervals=1 --reps 5 --max-reps 5 "
        "--format json",
        "sweep scenarios/mmc.cfg --vary agents.[0].count=54:55:1 --set horizon.intervals=1 "
        "--reps 2",
        "trace scenarios/teach/00-trace-tiny.cfg --until 10m",
        "validate scenarios/mmc.cfg --reps 2 --set horizon.intervals=1",
        "compare scenarios/captive.cfg scenarios/bpo-onshore.cfg --reps 2",
    };
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        char ef[] = "/tmp/ccs_full_errXXXXXX";
        int fd = mkstemp(ef);
        ck_assert(fd >= 0);
        close(fd);
        char cmd[1200];
        snprintf(cmd, sizeof cmd, "%s %s </dev/null >/dev/full 2>%s", ccs_test_bin(), cmds[i],
                 ef);
        int st = system(cmd);
        char *err = ccs_test_slurp(ef);
        unlink(ef);
        ck_assert_msg(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 1,
                      "ccsim %s >/dev/full: exit %d, want 1 (%s)", cmds[i],
                      WIFEXITED(st) ? WEXITSTATUS(st) : -1, err);
        char *nl = strchr(err, '\n');
        ck_assert_msg(nl && nl[1] == '\0', "ccsim %s >/dev/full: not one line: %s", cmds[i], err);
        free(err);
    }
}
END_TEST

/* On a terminal, a run longer than 2 s shows "replication i/n" on stderr
 * and erases it before the report; the report itself is intact.  `script`
 * (util-linux, in every Debian) gives the run a terminal.  Whether the
 * line shows depends on the run lasting 2 s, so it is asserted only when
 * the run took 3 s or more. */
START_TEST(test_progress_on_terminal)
{
    if (system("command -v script >/dev/null 2>&1") != 0) {
        CCS_SKIP("no `script` (util-linux) to give the run a terminal");
    }
    char of[] = "/tmp/ccs_progXXXXXX";
    int fd = mkstemp(of);
    ck_assert(fd >= 0);
    close(fd);
    char cmd[1200];
    snprintf(cmd, sizeof cmd,
             "script -qec '%s run --reps 1200 --format csv%s' /dev/null </dev/null >%s 2>&1",
             ccs_test_bin(), ccs_test_seed_arg(181), of);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    int st = system(cmd);
    clock_gettime(CLOCK_MONOTONIC, &b);
    double secs = (double)(b.tv_sec - a.tv_sec) + 1e-9 * (double)(b.tv_nsec - a.tv_nsec);
    char *text = ccs_test_slurp(of);
    unlink(of);
    ck_assert_msg(st == 0 && text, "script run failed (%d)", st);
    ck_assert_ptr_nonnull(strstr(text, "interval,start_min,"));
    const char *last = strstr(text, "replication 1200/1200");
    if (secs >= 3.0) {
        ck_assert_msg(last != NULL, "a %.1f s run on a terminal showed no progress", secs);
    }
    if (last) {
        /* erased (carriage return, blanks, carriage return) before the report */
        const char *erase = strstr(last, "\r     ");
        const char *report = strstr(last, "interval,start_min,");
        ck_assert_msg(erase && report && erase < report, "progress not erased before the report");
    }
    free(text);
}
END_TEST

Suite *cli_more_suite(void)
{
    Suite *s = suite_create("cli_more");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_help_and_usage);
    tcase_add_test(tc, test_campaign_text_matches_json);
    tcase_add_test(tc, test_cost_text);
    tcase_add_test(tc, test_staff_all_targets);
    tcase_add_test(tc, test_progress_on_terminal);
    suite_add_tcase(s, tc);
    tc = tcase_create("errors");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_staff_and_sweep_bad_options);
    tcase_add_test(tc, test_full_device);
    suite_add_tcase(s, tc);
    return s;
}
