/*
 * check_scenario_forecast.c — a call type's `forecast = "day.csv";` key
 * (src/scenario/scenario_forecast.c, docs/scenario-format.md "A forecast file").
 *
 *  - the same scenario with calls_per_hour or calls_per_interval written
 *    out gives the same rates (bit for bit) and byte-identical `ccsim run`
 *    and `ccsim staff` output;
 *  - the path is relative to the scenario's directory, whatever the
 *    current directory; `staff --write-schedule` into another directory
 *    names the CSV by its absolute path, so the written scenario runs;
 *  - bad cases: one stderr line naming the CSV's file:line and column (bad
 *    content, an aht or patience that disagrees with the call type) or the
 *    scenario's file:line and key (missing file, not a regular file, not a
 *    string, another
 *    rate key beside it, intervals of another length, count or start, more
 *    than one day), exit status 2, nothing on stdout.
 *
 * Also: "-" reads standard input (erlang --forecast piped into schedule).
 * Every file is written into a fresh directory under /tmp.
 */
#include "ccs_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ccsim/scenario.h"

#define N_IV 12
static const double calls[N_IV] = {10, 20, 35.5, 50, 80, 120, 150, 140, 100, 60, 30, 12};

/* The scenario with `arrivals` as its call type's rate keys. */
#define SCENARIO_FMT \
    "name = \"forecast test\";\n" \
    "horizon = { intervals = 12; interval_minutes = 30; start = \"08:00\"; };\n" \
    "calls = ( { name = \"support\";\n" \
    "            %s\n" \
    "            handle_time = { dist = \"exponential\"; mean = 180.0; };\n" \
    "            patience = { dist = \"exponential\"; mean = 120.0; }; } );\n" \
    "agents = ( { name = \"team\"; count = 12; serves = [\"support\"]; } );\n" \
    "run = { replications = 20; seed = 7; };\n"

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    ck_assert_msg(fp != NULL, "cannot write %s", path);
    fputs(text, fp);
    fclose(fp);
}

static void make_dir(char *dir)
{
    strcpy(dir, "/tmp/ccs_fcscen_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void remove_dir(const char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* dir/day.csv: start,calls[,extra header] from 08:00, every 30 min. */
static void write_forecast(const char *dir, const char *name, const char *extra_head,
                           const char *const *extra, int rows, int start_h, int minutes)
{
    char path[512], text[4096];
    size_t n = (size_t)snprintf(text, sizeof text, "start,calls%s\n", extra_head);
    for (int i = 0; i < rows; i++) {
        int m = start_h * 60 + i * minutes;
        n += (size_t)snprintf(text + n, sizeof text - n, "%02d:%02d,%g%s\n", m / 60, m % 60,
                              calls[i % N_IV], extra ? extra[i] : "");
    }
    snprintf(path, sizeof path, "%s/%s", dir, name);
    write_file(path, text);
}

static void write_scenario(const char *path, const char *arrivals)
{
    char text[2048];
    snprintf(text, sizeof text, SCENARIO_FMT, arrivals);
    write_file(path, text);
}

static char *run(const char *args, int want_rc)
{
    char *out, *err;
    int rc = ccs_test_run(args, &out, &err);
    ck_assert_msg(rc == want_rc, "ccsim %s: exit %d, want %d; stderr: %s", args, rc, want_rc,
                  err);
    free(err);
    return out;
}

START_TEST(test_forecast_equals_written_out)
{
    char dir[64], path[256], inline_ph[1024], inline_pi[1024], args[512];
    make_dir(dir);
    write_forecast(dir, "day.csv", "", NULL, N_IV, 8, 30);
    size_t a = (size_t)snprintf(inline_ph, sizeof inline_ph, "calls_per_hour = [");
    size_t b = (size_t)snprintf(inline_pi, sizeof inline_pi, "calls_per_interval = [");
    for (int i = 0; i < N_IV; i++) {
        a += (size_t)snprintf(inline_ph + a, sizeof inline_ph - a, "%s%.1f", i ? ", " : "",
                              2 * calls[i]);
        b += (size_t)snprintf(inline_pi + b, sizeof inline_pi - b, "%s%.1f", i ? ", " : "",
                              calls[i]);
    }
    snprintf(inline_ph + a, sizeof inline_ph - a, "];");
    snprintf(inline_pi + b, sizeof inline_pi - b, "];");
    const char *const variants[3] = {"forecast = \"day.csv\";", inline_ph, inline_pi};
    char *out_run[3], *out_staff[3];
    double rates[3][N_IV];
    /* One file name for all three, so that the outputs (which name it)
     * can be compared byte for byte. */
    snprintf(path, sizeof path, "%s/s.cfg", dir);
    for (int v = 0; v < 3; v++) {
        write_scenario(path, variants[v]);
        ccs_error e;
        ccs_scenario *sc = ccs_scenario_load(path, NULL, 0, &e);
        ck_assert_msg(sc != NULL, "%s: %s", variants[v], e.msg);
        memcpy(rates[v], sc->types[0].rate_per_hour, sizeof rates[v]);
        ccs_scenario_free(sc);
        snprintf(args, sizeof args, "run %s --format json", path);
        out_run[v] = run(args, 0);
        snprintf(args, sizeof args, "staff %s --sl 80/20 --reps 20 --format csv", path);
        out_staff[v] = run(args, 0);
    }
    for (int v = 1; v < 3; v++) {
        ck_assert_msg(memcmp(rates[0], rates[v], sizeof rates[0]) == 0,
                      "forecast rates differ from %s", variants[v]);
        ck_assert_msg(strcmp(out_run[0], out_run[v]) == 0, "run output differs from %s",
                      variants[v]);
        ck_assert_msg(strcmp(out_staff[0], out_staff[v]) == 0, "staff output differs from %s",
                      variants[v]);
    }
    ck_assert_double_eq(rates[0][2], 71.0);   /* 35.5 calls in 30 min */
    for (int v = 0; v < 3; v++) {
        free(out_run[v]);
        free(out_staff[v]);
    }
    remove_dir(dir);
}
END_TEST

START_TEST(test_forecast_accepts_matching_aht)
{
    /* aht and patience columns that agree with the call type (to 0.5 s),
     * or are empty, are accepted. */
    char dir[64], path[256];
    make_dir(dir);
    static const char *const cells[N_IV] = {",180,120", ",180,",    ",180.4,", ",,",
                                            ",180,120", ",179.6,120", ",180,", ",180,",
                                            ",180,",    ",180,",    ",180,",   ",180,120"};
    write_forecast(dir, "day.csv", ",aht,patience", cells, N_IV, 8, 30);
    snprintf(path, sizeof path, "%s/s.cfg", dir);
    write_scenario(path, "forecast = \"day.csv\";");
    ccs_error e;
    ccs_scenario *sc = ccs_scenario_load(path, NULL, 0, &e);
    ck_assert_msg(sc != NULL, "%s", e.msg);
    ck_assert_double_eq(sc->types[0].rate_per_hour[0], 20.0);
    ccs_scenario_free(sc);
    remove_dir(dir);
}
END_TEST

START_TEST(test_write_schedule_elsewhere)
{
    char dir[64], path[256], other[256], args[768];
    make_dir(dir);
    write_forecast(dir, "day.csv", "", NULL, N_IV, 8, 30);
    snprintf(path, sizeof path, "%s/s.cfg", dir);
    write_scenario(path, "forecast = \"day.csv\";");
    snprintf(other, sizeof other, "%s/sub", dir);
    char mk[300];
    snprintf(mk, sizeof mk, "mkdir '%s'", other);
    ck_assert_int_eq(system(mk), 0);
    snprintf(args, sizeof args, "staff %s --sl 80/20 --reps 20 --write-schedule %s/w.cfg",
             path, other);
    free(run(args, 0));
    snprintf(args, sizeof args, "run %s/w.cfg --format csv", other);
    free(run(args, 0));
    /* In the same directory the name stays relative. */
    snprintf(args, sizeof args, "staff %s --sl 80/20 --reps 20 --write-schedule %s/w2.cfg",
             path, dir);
    free(run(args, 0));
    snprintf(mk, sizeof mk, "%s/w2.cfg", dir);
    char *text = ccs_test_slurp(mk);
    ck_assert_ptr_nonnull(text);
    ck_assert_msg(strstr(text, "forecast = \"day.csv\";") != NULL, "%s", text);
    free(text);
    remove_dir(dir);
}
END_TEST

/* A bad case: the forecast key, the CSV (or NULL for none), and the start
 * of the stderr line after "ccsim run: <dir>/". */
typedef struct bad_case {
    const char *key;
    const char *csv;
    const char *want;
} bad_case;

static const char day_ok[] = "start,calls\n08:00,1\n08:30,2\n09:00,3\n09:30,4\n10:00,5\n"
                             "10:30,6\n11:00,7\n11:30,8\n12:00,9\n12:30,10\n13:00,11\n"
                             "13:30,12\n";

static const bad_case bad[] = {
    {"forecast = \"missing.csv\";", NULL,
     "s.cfg:4: calls.[0].forecast: cannot read the forecast '"},
    {"forecast = \"/dev/null\";", NULL,
     "s.cfg:4: calls.[0].forecast: '/dev/null' is not a regular file: expected a CSV file"},
    {"forecast = 3;", NULL,
     "s.cfg:4: calls.[0].forecast: expected a CSV file name such as \"monday.csv\""},
    {"forecast = \"day.csv\"; calls_per_hour = 100;", day_ok,
     "s.cfg:4: calls.[0].forecast: give either forecast or calls_per_hour, not both"},
    {"forecast = \"day.csv\";", "start,calls\n08:00,1\n08:30,x\n",
     "day.csv:3: calls: expected a number of calls from 0 to 1e9, got 'x' (read for "
     "calls.[0].forecast, "},
    {"forecast = \"day.csv\";", "start,calls\n08:00,1\n08:30,2\n08:31,3\n",
     "day.csv:4: start: interval of 1 min from the previous row"},
    {"forecast = \"day.csv\";", "start,calls\n08:00,1\n08:30,2\n09:00,3\n",
     "s.cfg:4: calls.[0].forecast: '"},
    {"forecast = \"day.csv\";",
     "start,calls\n08:00,1\n08:15,1\n08:30,1\n08:45,1\n09:00,1\n09:15,1\n09:30,1\n"
     "09:45,1\n10:00,1\n10:15,1\n10:30,1\n10:45,1\n",
     "s.cfg:4: calls.[0].forecast: '"},
    {"forecast = \"day.csv\";",
     "start,calls\n09:00,1\n09:30,2\n10:00,3\n10:30,4\n11:00,5\n11:30,6\n12:00,7\n"
     "12:30,8\n13:00,9\n13:30,10\n14:00,11\n14:30,12\n",
     "s.cfg:4: calls.[0].forecast: '"},
    {"forecast = \"day.csv\";",
     "day,start,calls\n1,08:00,1\n1,08:30,1\n1,09:00,1\n1,09:30,1\n1,10:00,1\n1,10:30,1\n"
     "1,11:00,1\n1,11:30,1\n1,12:00,1\n1,12:30,1\n1,13:00,1\n1,13:30,1\n2,08:00,1\n"
     "2,08:30,1\n2,09:00,1\n2,09:30,1\n2,10:00,1\n2,10:30,1\n2,11:00,1\n2,11:30,1\n"
     "2,12:00,1\n2,12:30,1\n2,13:00,1\n2,13:30,1\n",
     "s.cfg:4: calls.[0].forecast: '"},
    {"forecast = \"day.csv\";",
     "start,calls,aht\n08:00,1,180\n08:30,2,180\n09:00,3,240\n09:30,4,\n10:00,5,\n"
     "10:30,6,\n11:00,7,\n11:30,8,\n12:00,9,\n12:30,10,\n13:00,11,\n13:30,12,\n",
     "day.csv:4: aht: 240 s, but call type \"support\" has a mean handle time of 180 s"},
    {"forecast = \"day.csv\";",
     "start,calls,patience\n08:00,1,\n08:30,2,60\n09:00,3,\n09:30,4,\n10:00,5,\n"
     "10:30,6,\n11:00,7,\n11:30,8,\n12:00,9,\n12:30,10,\n13:00,11,\n13:30,12,\n",
     "day.csv:3: patience: 60 s, but call type \"support\" has a mean patience of 120 s"},
};
#define N_BAD (int)(sizeof bad / sizeof bad[0])

/* What the messages of the horizon cases go on to say. */
static const char *const bad_tail[N_BAD] = {
    [6] = "has 3 intervals but horizon.intervals is 12: they must agree",
    [7] = "has intervals of 15 min but horizon.interval_minutes is 30: they must agree",
    [8] = "starts at 09:00 but horizon.start is 08:00: they must agree",
    [9] = "holds 2 days (a `day` column); a scenario simulates one day",
};

START_TEST(test_bad_forecast_key)
{
    const bad_case *c = &bad[_i];
    char dir[64], path[256], args[300], want[512], *out, *err;
    make_dir(dir);
    if (c->csv) {
        snprintf(path, sizeof path, "%s/day.csv", dir);
        write_file(path, c->csv);
    }
    snprintf(path, sizeof path, "%s/s.cfg", dir);
    write_scenario(path, c->key);
    snprintf(args, sizeof args, "run %s", path);
    int rc = ccs_test_run(args, &out, &err);
    snprintf(want, sizeof want, "ccsim run: %s/%s", dir, c->want);
    ck_assert_msg(rc == 2, "case %d: exit %d (stderr %s)", _i, rc, err);
    ck_assert_msg(out[0] == '\0', "case %d: stdout not empty", _i);
    ck_assert_msg(strncmp(err, want, strlen(want)) == 0 &&
                      strchr(err, '\n') == err + strlen(err) - 1,
                  "case %d: stderr\n  %s\nwant one line starting\n  %s", _i, err, want);
    if (bad_tail[_i]) {
        ck_assert_msg(strstr(err, bad_tail[_i]) != NULL, "case %d: %s", _i, err);
    }
    free(out);
    free(err);
    remove_dir(dir);
}
END_TEST

/* Runs a shell line of ccsim commands (ccs_test_run() starts with the
 * binary and ends with its own redirections, so the line goes in a
 * subshell after a harmless --version). */
static int run_line(const char *line, char **out, char **err)
{
    char args[2048];
    snprintf(args, sizeof args, "--version >/dev/null; ( %s )", line);
    return ccs_test_run(args, out, err);
}

START_TEST(test_stdin_pipe)
{
    /* "-" is standard input for the forecast and requirements readers,
     * named "(stdin)": erlang --forecast's CSV piped into schedule. */
    const char *bin = ccs_test_bin();
    char line[1024], *out, *err;
    snprintf(line, sizeof line,
             "%s erlang --forecast tests/data/forecast/day48.csv --aht 180 --format csv | %s "
             "schedule - --shifts scenarios/planning/shifts.cfg",
             bin, bin);
    int rc = run_line(line, &out, &err);
    ck_assert_msg(rc == 0, "exit %d: %s", rc, err);
    const char *head = "ccsim schedule: (stdin) with scenarios/planning/shifts.cfg\n";
    ck_assert_msg(strncmp(out, head, strlen(head)) == 0, "%s", out);
    free(out);
    free(err);
    snprintf(line, sizeof line, "%s erlang --forecast - --aht 180 < tests/data/forecast/day48.csv",
             bin);
    rc = run_line(line, &out, &err);
    ck_assert_msg(rc == 0, "exit %d: %s", rc, err);
    ck_assert_msg(strstr(out, "requirements per interval: (stdin)\n") != NULL, "%s", out);
    free(out);
    free(err);
    snprintf(line, sizeof line,
             "%s erlang --forecast - --aht 180 < tests/data/forecast/bad/order.csv", bin);
    rc = run_line(line, &out, &err);
    ck_assert_int_eq(rc, 2);
    ck_assert_msg(strncmp(err, "ccsim erlang: (stdin):", 22) == 0, "%s", err);
    free(out);
    free(err);
}
END_TEST

Suite *scenario_forecast_suite(void)
{
    Suite *s = suite_create("scenario_forecast");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_forecast_equals_written_out);
    tcase_add_test(tc, test_forecast_accepts_matching_aht);
    tcase_add_test(tc, test_write_schedule_elsewhere);
    tcase_add_test(tc, test_stdin_pipe);
    tcase_add_loop_test(tc, test_bad_forecast_key, 0, N_BAD);
    suite_add_tcase(s, tc);
    return s;
}
