/*
 * check_badinput.c — bad input never crashes, hangs or lies (issue 9).
 *
 * Two data-driven catalogues, so a new case needs no code:
 *   tests/data/bad/NAME.cfg + NAME.expected  a scenario every command must
 *       refuse with exactly that line after "ccsim <command>: ", exit 2 and
 *       nothing on stdout (run, validate, trace, staff, sweep, compare);
 *   tests/data/bad/options.tsv  command lines with the exit status and the
 *       one stderr line each must give.
 * Then the pieces those rest on: the escaping of messages, the literals
 * libconfig 1.5 wraps, the section and volume bounds, the queue's memory
 * cap, null for non-finite JSON figures, and output files that never
 * survive a failed or killed run.
 */
#include "ccs_test.h"

#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ccsim/error.h"
#include "ccsim/report.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"
#include "fuzz/fuzz_targets.h"

#define BAD_DIR "tests/data/bad"
#define OPTIONS BAD_DIR "/options.tsv"
#define MIN_CASES 80

/* ---- helpers ------------------------------------------------------------ */

static void chomp(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r')) {
        s[--n] = '\0';
    }
}

/* err is exactly one line ending in '\n', and that line prints as itself:
 * no control character, no ESC, nothing that is not UTF-8. */
static void assert_one_clean_line(const char *what, const char *err)
{
    size_t n = strlen(err);
    ck_assert_msg(n > 0 && err[n - 1] == '\n' && strchr(err, '\n') == err + n - 1,
                  "%s: stderr is not one line: [%s]", what, err);
    char *line = strdup(err);
    chomp(line);
    char esc[4096];
    ck_assert_msg(strcmp(ccs_escape(esc, sizeof esc, line), line) == 0,
                  "%s: stderr holds raw control bytes: %s", what, esc);
    free(line);
}

typedef struct outcome {
    int rc;
    char *out;
    char *err;
} outcome;

static outcome run_cli(const char *args)
{
    outcome o;
    o.rc = ccs_test_run(args, &o.out, &o.err);
    return o;
}

static void outcome_free(outcome *o)
{
    free(o->out);
    free(o->err);
}

/* Exit rc, nothing on stdout, and the one stderr line `want` (a prefix when
 * it ends in "..."). */
static void expect_line(const char *args, int rc, const char *want)
{
    outcome o = run_cli(args);
    ck_assert_msg(o.rc == rc, "ccsim %s: exit %d, want %d (stderr: %s)", args, o.rc, rc, o.err);
    ck_assert_msg(o.out[0] == '\0', "ccsim %s: stdout not empty: %.200s", args, o.out);
    assert_one_clean_line(args, o.err);
    chomp(o.err);
    size_t n = strlen(want);
    if (n > 3 && strcmp(want + n - 3, "...") == 0) {
        ck_assert_msg(strncmp(o.err, want, n - 3) == 0, "ccsim %s:\n  got  %s\n  want %s", args,
                      o.err, want);
    } else {
        ck_assert_msg(strcmp(o.err, want) == 0, "ccsim %s:\n  got  %s\n  want %s", args, o.err,
                      want);
    }
    outcome_free(&o);
}

/* The bad scenario files, sorted (readdir order is not stable). */
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char **bad_files(int *n)
{
    DIR *d = opendir(BAD_DIR);
    ck_assert_msg(d != NULL, "cannot open %s", BAD_DIR);
    int cap = 256;
    char **v = malloc((size_t)cap * sizeof *v);
    *n = 0;
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        size_t len = strlen(ent->d_name);
        if (len > 4 && strcmp(ent->d_name + len - 4, ".cfg") == 0) {
            if (*n == cap) {
                cap *= 2;
                v = realloc(v, (size_t)cap * sizeof *v);
            }
            v[(*n)++] = strndup(ent->d_name, len - 4);
        }
    }
    closedir(d);
    qsort(v, (size_t)*n, sizeof *v, cmp_str);
    return v;
}

static void free_files(char **v, int n)
{
    for (int i = 0; i < n; i++) {
        free(v[i]);
    }
    free(v);
}

/* The rows of options.tsv: exit status, arguments, expected line. */
typedef struct option_case {
    int rc;
    char *args;
    char *want;
    int line;
} option_case;

static option_case *option_cases(int *n)
{
    char *text = ccs_test_slurp(OPTIONS);
    ck_assert_msg(text != NULL, "cannot read %s", OPTIONS);
    int cap = 128, lineno = 0;
    option_case *v = malloc((size_t)cap * sizeof *v);
    *n = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        lineno++;
        if (line[0] == '#' || line[0] == '\0') {
            continue;
        }
        char *t1 = strchr(line, '\t');
        char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        ck_assert_msg(t1 && t2, "%s: a row is EXIT<tab>ARGS<tab>STDERR: %s", OPTIONS, line);
        *t1 = *t2 = '\0';
        if (*n == cap) {
            cap *= 2;
            v = realloc(v, (size_t)cap * sizeof *v);
        }
        v[*n].rc = atoi(line);
        v[*n].args = strdup(t1 + 1);
        v[*n].want = strdup(t2 + 1);
        v[*n].line = lineno;
        (*n)++;
    }
    free(text);
    return v;
}

static void free_option_cases(option_case *v, int n)
{
    for (int i = 0; i < n; i++) {
        free(v[i].args);
        free(v[i].want);
    }
    free(v);
}

/* ---- the catalogues ----------------------------------------------------- */

/* Every bad file through `run` and, in turn, through one other command that
 * reads a scenario, so every command meets every kind of case (one process
 * per file and command would double the suite's time for the same code). */
START_TEST(test_file_catalogue)
{
    static const struct {
        const char *cmd;
        const char *before;   /* the arguments before and after the file */
        const char *after;
    } cmds[] = {
        {"run", "", ""},
        {"validate", "", ""},
        {"trace", "", ""},
        {"staff", "", " --sl 80/20"},
        {"sweep", "", " --vary cost.contract_months=36:36:1"},
        {"compare", "scenarios/mmc.cfg ", ""},
    };
    int n;
    char **files = bad_files(&n);
    for (int i = 0; i < n; i++) {
        char path[512], exp_path[512];
        snprintf(path, sizeof path, "%s/%s.cfg", BAD_DIR, files[i]);
        snprintf(exp_path, sizeof exp_path, "%s/%s.expected", BAD_DIR, files[i]);
        char *want = ccs_test_slurp(exp_path);
        ck_assert_msg(want != NULL, "%s has no %s", path, exp_path);
        chomp(want);
        size_t other = 1 + (size_t)i % (sizeof cmds / sizeof cmds[0] - 1);
        for (size_t c = 0; c < sizeof cmds / sizeof cmds[0]; c++) {
            if (c != 0 && c != other) {
                continue;
            }
            /* sweep's axis is itself an override: it would repair the one
             * case whose fault is that key. */
            if (strcmp(cmds[c].cmd, "sweep") == 0 && strstr(want, ": cost.contract_months:")) {
                continue;
            }
            char args[1024], line[2048];
            snprintf(args, sizeof args, "%s %s%s%s", cmds[c].cmd, cmds[c].before, path,
                     cmds[c].after);
            snprintf(line, sizeof line, "ccsim %s: %s", cmds[c].cmd, want);
            expect_line(args, 2, line);
        }
        free(want);
    }
    free_files(files, n);
}
END_TEST

START_TEST(test_option_catalogue)
{
    int n;
    option_case *v = option_cases(&n);
    for (int i = 0; i < n; i++) {
        expect_line(v[i].args, v[i].rc, v[i].want);
    }
    free_option_cases(v, n);
}
END_TEST

START_TEST(test_catalogue_size)
{
    int nf, no;
    char **files = bad_files(&nf);
    option_case *v = option_cases(&no);
    ck_assert_msg(nf + no >= MIN_CASES, "only %d bad-input cases (%d files, %d option rows)",
                  nf + no, nf, no);
    /* Every command appears in the option catalogue. */
    static const char *const cmds[] = {"run ", "erlang ", "staff ", "sweep ", "trace ",
                                       "validate ", "compare ", "schedule "};
    for (size_t c = 0; c < sizeof cmds / sizeof cmds[0]; c++) {
        int found = 0;
        for (int i = 0; i < no && !found; i++) {
            found = strncmp(v[i].args, cmds[c], strlen(cmds[c])) == 0;
        }
        ck_assert_msg(found, "%s has no row for ccsim %s", OPTIONS, cmds[c]);
    }
    free_option_cases(v, no);
    free_files(files, nf);
}
END_TEST

/* ---- escaping ----------------------------------------------------------- */

START_TEST(test_escape)
{
    static const char *const cases[][2] = {
        {"plain text: 80/20, 3m", "plain text: 80/20, 3m"},
        {"a\nb\rc\td", "a\\nb\\rc\\td"},
        {"\x1b[31mred", "\\x1b[31mred"},
        {"bell\x07 del\x7f", "bell\\x07 del\\x7f"},
        {"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\x9e", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\x9e"},
        {"bad \xff\xfe", "bad \\xff\\xfe"},
        {"cut \xe2\x82", "cut \\xe2\\x82"},
        {"lone \x80 cont", "lone \\x80 cont"},
        {"overlong \xc0\xaf", "overlong \\xc0\\xaf"},
        {"surrogate \xed\xa0\x80", "surrogate \\xed\\xa0\\x80"},
        {"csi \xc2\x9b", "csi \\xc2\\x9b"},
        {"nbsp \xc2\xa0", "nbsp \xc2\xa0"},
    };
    char buf[256];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ck_assert_str_eq(ccs_escape(buf, sizeof buf, cases[i][0]), cases[i][1]);
    }
    /* Truncation keeps whole characters and escapes. */
    ck_assert_str_eq(ccs_escape(buf, 6, "ab\x1b"), "ab");
    ck_assert_str_eq(ccs_escape(buf, 5, "ab\xc3\xa9"), "ab\xc3\xa9");
    ck_assert_str_eq(ccs_escape(buf, 4, "ab\xc3\xa9"), "ab");
    ck_assert_str_eq(ccs_escape(buf, sizeof buf, NULL), "");

    /* ccs_error_format escapes every part: file, key and message. */
    ccs_error e;
    ccs_error_set(&e, CCS_ECONFIG, "a\nb.cfg", 3, "calls.[0].\x1bname", "got \"x\ny\"");
    ck_assert_str_eq(ccs_error_format(&e, buf, sizeof buf),
                     "a\\nb.cfg:3: calls.[0].\\x1bname: got \"x\\ny\"");
}
END_TEST

/* ---- numbers libconfig 1.5 stores as others ------------------------------ */

#define MINI(horizon, call, count, run)                                               \
    "horizon = { " horizon " };\n"                                                   \
    "calls = ( { name = \"a\"; " call                                                \
    " handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"               \
    "agents = ( { name = \"t\"; count = " count "; serves = [ \"a\" ]; } );\n"       \
    "run = { " run " };\n"

static ccs_scenario *parse(const char *text, ccs_error *e)
{
    return ccs_scenario_parse(text, "x.cfg", NULL, 0, e);
}

START_TEST(test_wrapped_literals)
{
    ccs_error e;
    /* A value libconfig wraps but that is valid is used as written. */
    ccs_scenario *sc = parse(MINI("intervals = 2;", "calls_per_hour = 10;", "3",
                                  "seed = 4294967298; replications = 2;"),
                             &e);
    ck_assert_msg(sc != NULL, "%s", e.msg);
    ck_assert_uint_eq(sc->seed, 4294967298ULL);
    ccs_scenario_free(sc);
    /* An integer rate beyond int is read as written, not wrapped. */
    sc = parse(MINI("intervals = 2;", "calls_per_hour = 2147483648;", "3", "seed = 1;"), &e);
    ck_assert_ptr_null(sc);
    ck_assert_str_eq(e.key, "calls.[0].calls_per_hour");
    /* Digits inside strings, names and comments are not numbers; the
     * literal that wraps is found among them. */
    sc = parse("# 99999999999999999999 in a comment\n"
               "/* 4294967298 in a block\n comment */\n"
               "name = \"4294967298 in a string\" \" and another\";\n" MINI(
                   "intervals = 2;", "calls_per_hour = 10;", "[3, 4294967299]", "seed = 1;"),
               &e);
    ck_assert_ptr_null(sc);
    ck_assert_str_eq(e.key, "agents.[0].count.[1]");
    ck_assert_int_eq(e.line, 7);
    ck_assert_str_eq(e.msg, "expected an integer in [0, 1000000], got 4294967299");
    /* --set gives a setting a new value: what the file wrote no longer counts. */
    const char *set[] = {"horizon.intervals=3"};
    sc = ccs_scenario_parse(MINI("intervals = 4294967298;", "calls_per_hour = 10;", "3",
                                 "seed = 1;"),
                            "x.cfg", set, 1, &e);
    ck_assert_msg(sc != NULL, "%s", e.msg);
    ck_assert_int_eq(sc->n_intervals, 3);
    ccs_scenario_free(sc);
    /* An L suffix was always exact, and stays so. */
    sc = parse(MINI("intervals = 2;", "calls_per_hour = 10;", "3", "seed = 8589934592L;"), &e);
    ck_assert_msg(sc != NULL, "%s", e.msg);
    ck_assert_uint_eq(sc->seed, 8589934592ULL);
    ccs_scenario_free(sc);
}
END_TEST

/* ---- bounds on sections and volume --------------------------------------- */

/* A scenario with n call types and m groups each serving every type. */
static char *many(int n_types, int n_groups)
{
    size_t cap = (size_t)(n_types + n_groups) * 160 + (size_t)n_groups * n_types * 8 + 256;
    char *t = malloc(cap);
    size_t used = (size_t)snprintf(t, cap, "horizon = { intervals = 2; };\ncalls = (\n");
    for (int i = 0; i < n_types; i++) {
        used += (size_t)snprintf(t + used, cap - used,
                                 "%s{ name = \"t%d\"; calls_per_hour = 1.0; handle_time = "
                                 "{ dist = \"exponential\"; mean = 60.0; }; }\n",
                                 i ? "," : "", i);
    }
    used += (size_t)snprintf(t + used, cap - used, ");\nagents = (\n");
    for (int g = 0; g < n_groups; g++) {
        used += (size_t)snprintf(t + used, cap - used, "%s{ name = \"g%d\"; count = 1; serves = [",
                                 g ? "," : "", g);
        for (int i = 0; i < n_types; i++) {
            used += (size_t)snprintf(t + used, cap - used, "%s\"t%d\"", i ? "," : "", i);
        }
        used += (size_t)snprintf(t + used, cap - used, "]; }\n");
    }
    snprintf(t + used, cap - used, ");\n");
    return t;
}

START_TEST(test_section_bounds)
{
    ccs_error e;
    char *t = many(CCS_MAX_TYPES + 1, 1);
    ck_assert_ptr_null(parse(t, &e));
    ck_assert_str_eq(e.key, "calls");
    ck_assert_str_eq(e.msg, "expected at most 1000 call types, got 1001");
    free(t);
    t = many(1, CCS_MAX_GROUPS + 1);
    ck_assert_ptr_null(parse(t, &e));
    ck_assert_str_eq(e.key, "agents");
    ck_assert_str_eq(e.msg, "expected at most 1000 agent groups, got 1001");
    free(t);
    /* At the bounds themselves the scenario is fine. */
    t = many(CCS_MAX_TYPES, 1);
    ccs_scenario *sc = parse(t, &e);
    ck_assert_msg(sc != NULL, "%s", e.msg);
    ccs_scenario_free(sc);
    free(t);
}
END_TEST

START_TEST(test_volume_bound_edges)
{
    ccs_error e;
    /* 1e9 expected calls exactly is accepted; a little more is not.  One
     * interval of an hour: calls_per_hour is the count. */
    ccs_scenario *sc =
        parse(MINI("intervals = 1; interval_minutes = 60;", "calls_per_hour = 1e9;", "3",
                   "seed = 1;"),
              &e);
    ck_assert_msg(sc != NULL, "%s", e.msg);
    ccs_scenario_free(sc);
    ck_assert_ptr_null(parse(MINI("intervals = 1; interval_minutes = 60;",
                                  "calls_per_hour = 1.001e9;", "3", "seed = 1;"),
                             &e));
    ck_assert_str_eq(e.key, "calls.[0].calls_per_hour");
    /* The warm-up counts: 30 min at interval 0's rate. */
    ck_assert_ptr_null(parse(MINI("intervals = 1; interval_minutes = 60;",
                                  "calls_per_hour = 8e8;", "3",
                                  "seed = 1; warmup_minutes = 30;"),
                             &e));
    /* A horizon of exactly a year is accepted. */
    sc = parse(MINI("intervals = 365; interval_minutes = 1440;", "calls_per_hour = 1;", "3",
                    "seed = 1;"),
               &e);
    ck_assert_msg(sc != NULL, "%s", e.msg);
    ccs_scenario_free(sc);
}
END_TEST

/* ---- a queue that grows without bound ------------------------------------ */

START_TEST(test_queue_cap)
{
    /* 10^7 calls an hour on one agent who takes an hour per call, nobody
     * hangs up: the queue passes the cap within minutes of simulated time.
     * The run stops with one line and exit 1 instead of eating the
     * machine's memory, and nothing reaches stdout or --out. */
    char dir[] = "/tmp/ccs_badinput_capXXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    static const char *const cmds[] = {"run", "trace", "validate"};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        char args[512], want[512];
        snprintf(args, sizeof args, "%s tests/data/limits/queue_flood.cfg --out %s/out.txt%s",
                 cmds[i], dir, i == 1 ? " --until 1" : "");
        snprintf(want, sizeof want,
                 "ccsim %s: the run stopped: more than 1048576 callers in the system at once "
                 "(or 16777216 pending events); the queue grows without bound, so add agents "
                 "or patience (limits: docs/model.md)",
                 cmds[i]);
        expect_line(args, 1, want);
        DIR *d = opendir(dir);
        struct dirent *ent;
        while ((ent = readdir(d)) != NULL) {
            ck_assert_msg(ent->d_name[0] == '.', "%s left %s", cmds[i], ent->d_name);
        }
        closedir(d);
    }
    rmdir(dir);
}
END_TEST

/* ---- JSON: non-finite figures are null ------------------------------------ */

START_TEST(test_json_nonfinite_null)
{
    ccs_error e;
    ccs_scenario *sc = ccs_scenario_load("scenarios/mmc.cfg", NULL, 0, &e);
    ck_assert_ptr_nonnull(sc);
    ccs_run_options opt = {0};
    opt.replications = 2;
    opt.threads = 1;
    ccs_results *res = ccs_sim_run(sc, &opt, &e);
    ck_assert_ptr_nonnull(res);
    /* Figures a future model or a tally could leave non-finite. */
    sc->types[0].sl_target = NAN;
    sc->types[0].sl_threshold_s = INFINITY;
    res->summary.asa_s.mean = INFINITY;
    res->summary.asa_s.lo = NAN;
    res->intervals[0].occupancy.hi = -INFINITY;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    ck_assert_int_eq(ccs_report_write(fp, res, CCS_REPORT_JSON, &e), CCS_OK);
    fclose(fp);
    json_error_t je;
    json_t *root = json_loads(buf, 0, &je);
    ck_assert_msg(root != NULL, "not JSON: %s", je.text);
    json_t *t = json_object_get(json_object_get(root, "call_types"), "sales");
    ck_assert(json_is_null(json_object_get(t, "sl_target")));
    ck_assert(json_is_null(json_object_get(t, "sl_threshold_s")));
    json_t *asa = json_object_get(json_object_get(root, "summary"), "asa_s");
    ck_assert(json_is_null(json_object_get(asa, "mean")));
    json_decref(root);
    free(buf);
    ccs_results_free(res);
    ccs_scenario_free(sc);
}
END_TEST

/* ---- options that used to misbehave ------------------------------------- */

START_TEST(test_seed_without_run_group)
{
    char path[] = "/tmp/ccs_badinput_norunXXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    const char *text = "horizon = { intervals = 2; };\n"
                       "calls = ( { name = \"a\"; calls_per_hour = 100.0;\n"
                       "  handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
                       "agents = ( { name = \"t\"; count = 10; serves = [ \"a\" ]; } );\n";
    ck_assert_int_eq(write(fd, text, strlen(text)), (int)strlen(text));
    close(fd);
    static const char *const cmds[] = {"run", "validate", "sweep"};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        char args[512];
        snprintf(args, sizeof args, "%s %s --seed 5 --reps 2 --format json%s", cmds[i], path,
                 i == 2 ? " --vary agents.[0].count=10:10:1" : "");
        outcome o = run_cli(args);
        ck_assert_msg(o.rc == 0, "ccsim %s: exit %d: %s", args, o.rc, o.err);
        ck_assert_msg(strstr(o.out, "\"seed\": 5") != NULL, "ccsim %s: seed not 5", args);
        outcome_free(&o);
    }
    unlink(path);
}
END_TEST

/* Nothing is written, on stdout or elsewhere, when an output cannot be. */
START_TEST(test_outputs_checked_first)
{
    char dir[] = "/tmp/ccs_badinput_outXXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char file[600], args[1200];
    snprintf(file, sizeof file, "%s/a-file", dir);
    FILE *fp = fopen(file, "w");
    fputs("x\n", fp);
    fclose(fp);
    /* --plot onto a file: the report used to be printed, then exit 1. */
    snprintf(args, sizeof args, "run scenarios/mmc.cfg --reps 2 --plot %s", file);
    outcome o = run_cli(args);
    ck_assert_int_eq(o.rc, 1);
    ck_assert_str_eq(o.out, "");
    assert_one_clean_line(args, o.err);
    outcome_free(&o);
    /* --write-schedule into a missing directory, with --out beside it:
     * neither file appears. */
    snprintf(args, sizeof args,
             "staff scenarios/teach/01-mm1.cfg --sl 80/20 --reps 2 --out %s/t.csv "
             "--write-schedule %s/no/such/dir/s.cfg",
             dir, dir);
    o = run_cli(args);
    ck_assert_int_eq(o.rc, 1);
    ck_assert_str_eq(o.out, "");
    assert_one_clean_line(args, o.err);
    ck_assert_ptr_nonnull(strstr(o.err, "--write-schedule"));
    outcome_free(&o);
    DIR *d = opendir(dir);
    struct dirent *ent;
    int n = 0;
    while ((ent = readdir(d)) != NULL) {
        n += ent->d_name[0] != '.';
    }
    closedir(d);
    ck_assert_int_eq(n, 1);   /* a-file only */
    unlink(file);
    rmdir(dir);
}
END_TEST

/* A run killed or aborted while writing --out leaves no temporary file. */
START_TEST(test_killed_run_leaves_nothing)
{
    static const int sigs[] = {SIGTERM, SIGINT, SIGABRT};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        char dir[] = "/tmp/ccs_badinput_killXXXXXX";
        ck_assert_ptr_nonnull(mkdtemp(dir));
        char out[600];
        snprintf(out, sizeof out, "%s/trace.txt", dir);
        pid_t pid = fork();
        ck_assert_int_ge(pid, 0);
        if (pid == 0) {
            execl(ccs_test_bin(), "ccsim", "trace", "tests/data/limits/long_trace.cfg",
                  "--until", "1e6", "--out", out, (char *)NULL);
            _exit(127);
        }
        /* Wait until the temporary file exists, then kill. */
        int seen = 0;
        for (int t = 0; t < 400 && !seen; t++) {
            DIR *d = opendir(dir);
            struct dirent *ent;
            while ((ent = readdir(d)) != NULL) {
                seen |= strncmp(ent->d_name, "trace.txt.tmp.", 14) == 0;
            }
            closedir(d);
            if (!seen) {
                struct timespec ts = {0, 10000000};
                nanosleep(&ts, NULL);
            }
        }
        ck_assert_msg(seen, "no temporary file appeared");
        kill(pid, sigs[i]);
        int st;
        waitpid(pid, &st, 0);
        ck_assert_msg(WIFSIGNALED(st) && WTERMSIG(st) == sigs[i], "signal %d: status %d",
                      sigs[i], st);
        DIR *d = opendir(dir);
        struct dirent *ent;
        while ((ent = readdir(d)) != NULL) {
            ck_assert_msg(ent->d_name[0] == '.', "signal %d left %s", sigs[i], ent->d_name);
        }
        closedir(d);
        rmdir(dir);
    }
}
END_TEST

/* Every input a fuzzer once broke, through both targets' code, in the
 * ordinary build (and under make sanitize), so a fixed defect stays fixed
 * where clang is not installed.  Also every scenario and bad-input file,
 * which seed the fuzzers' corpus. */
START_TEST(test_fuzz_regressions)
{
    static const char *const dirs[] = {"tests/fuzz/regress", "tests/data/bad", "scenarios",
                                       "scenarios/teach"};
    int n = 0;
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        DIR *d = opendir(dirs[i]);
        ck_assert_msg(d != NULL, "cannot open %s", dirs[i]);
        struct dirent *ent;
        while ((ent = readdir(d)) != NULL) {
            if (ent->d_name[0] == '.') {
                continue;
            }
            char path[512];
            snprintf(path, sizeof path, "%s/%s", dirs[i], ent->d_name);
            struct stat st;
            if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
                continue;
            }
            char *text = ccs_test_slurp(path);
            ck_assert_ptr_nonnull(text);
            fuzz_parse_one(text);
            fuzz_run_one(text);
            free(text);
            n++;
        }
        closedir(d);
    }
    ck_assert_int_gt(n, 100);
}
END_TEST

Suite *badinput_suite(void)
{
    Suite *s = suite_create("badinput");
    TCase *cat = tcase_create("catalogue");
    tcase_set_timeout(cat, 300);
    tcase_add_test(cat, test_file_catalogue);
    tcase_add_test(cat, test_option_catalogue);
    tcase_add_test(cat, test_catalogue_size);
    suite_add_tcase(s, cat);
    TCase *lib = tcase_create("library");
    tcase_add_test(lib, test_escape);
    tcase_add_test(lib, test_wrapped_literals);
    tcase_add_test(lib, test_section_bounds);
    tcase_add_test(lib, test_volume_bound_edges);
    tcase_add_test(lib, test_json_nonfinite_null);
    tcase_add_test(lib, test_fuzz_regressions);
    suite_add_tcase(s, lib);
    TCase *cli = tcase_create("cli");
    tcase_set_timeout(cli, 120);
    tcase_add_test(cli, test_queue_cap);
    tcase_add_test(cli, test_seed_without_run_group);
    tcase_add_test(cli, test_outputs_checked_first);
    tcase_add_test(cli, test_killed_run_leaves_nothing);
    suite_add_tcase(s, cli);
    return s;
}
