/*
 * check_cli_erlang.c — `ccsim erlang` end to end: runs the binary, parses
 * its JSON with jansson and its CSV with the test helpers, and checks the
 * numbers against independently published values; checks that every kind
 * of bad input gives exit status 2, one line on stderr naming the option,
 * and nothing on stdout.
 *
 * Provenance of the reference numbers (all from
 * /work/shared/reference/published.md and staffing*.csv there, computed with
 * mpmath at 60 digits and cross-checked against the cited tools):
 *   - CRAN ErlangC 0.1.0 README and pyworkforce docs/guide/erlangc.md:
 *     100 calls per 30 min, AHT 180 s, 80/20, occupancy <= 85%, shrinkage 30%
 *     -> 14 agents, 20 scheduled; at 14: P(wait) 0.17413193359504984,
 *     SL 0.88835001917946688, ASA 7.83593701177724 s, occupancy 10/14;
 *     P(wait) at 11 agents 0.6821182047.
 *   - call-center-tools (PyPI): 1000/h, AHT 120, 80/20, occupancy 85%,
 *     shrinkage 30% -> 40 (set by the occupancy cap; SL alone needs 38), 58.
 *   - turbotab (PyPI): 150/h, AHT 180, 80/20, shrinkage 30% -> 11, 16;
 *     SL at 11 = 0.880836, at 10 = 0.767753.
 *   - staffing.csv row "project mmc scenario load A=50": 1000/h, AHT 180,
 *     80/20, occupancy 85%, ASA 15 s, shrinkage 30% -> 59, 85.
 *   - pyworkforce docs/guide/erlanga.md: as the first, plus mean patience
 *     300 s and P(abandon) <= 5% -> 13, 19 scheduled; at 13: SL
 *     0.8581777000307626, P(abandon) 0.024963303633571875, occupancy
 *     0.75002822797417548, P(wait) 0.22579708, mean wait of all callers
 *     7.48899 s.
 *   - Garnett, Mandelbaum & Reiman (2002) example: 48 calls/min, AHT 1 min,
 *     patience 2 min, 50 agents: Erlang A P(wait) 0.467774, P(abandon)
 *     3.091%, mean wait (all) 3.7095 s, occupancy 93.03%; Erlang C at 50:
 *     P(wait) 0.69446, ASA 20.834 s, occupancy 96.0%.
 */
#include "ccs_test.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "ccsim/erlang.h"
#include "ccsim/erlang_table.h"

/* Published values printed to 4-6 digits: relative tolerance to match. */
#define TOL_PRINTED4 5e-4
#define TOL_PRINTED6 5e-6

#define CRAN_ARGS "erlang --calls 200/h --aht 180 --sl 80/20 --max-occupancy 0.85 --shrinkage 0.30"

/* ---- helpers -------------------------------------------------------- */

typedef struct run_result {
    int rc;
    char *out;
    char *err;
} run_result;

static run_result run(const char *args)
{
    run_result r;
    r.rc = ccs_test_run(args, &r.out, &r.err);
    ck_assert_msg(r.out != NULL && r.err != NULL, "no output captured for: %s", args);
    return r;
}

static void run_free(run_result *r)
{
    free(r->out);
    free(r->err);
}

/* Runs args, which must succeed with JSON on stdout and nothing on stderr. */
static json_t *run_json(const char *args)
{
    run_result r = run(args);
    ck_assert_msg(r.rc == 0, "ccsim %s: exit %d, stderr: %s", args, r.rc, r.err);
    ck_assert_msg(r.err[0] == '\0', "ccsim %s: unexpected stderr: %s", args, r.err);
    json_error_t je;
    json_t *root = json_loads(r.out, 0, &je);
    ck_assert_msg(root != NULL, "ccsim %s: output is not JSON (line %d: %s):\n%s", args,
                  je.line, je.text, r.out);
    ck_assert(json_is_object(root));
    run_free(&r);
    return root;
}

static double jnum(const json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    ck_assert_msg(v != NULL, "JSON key '%s' missing", key);
    ck_assert_msg(json_is_number(v), "JSON key '%s' is not a number", key);
    return json_number_value(v);
}

static long long jint(const json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    ck_assert_msg(v != NULL, "JSON key '%s' missing", key);
    ck_assert_msg(json_is_integer(v), "JSON key '%s' is not an integer", key);
    return json_integer_value(v);
}

/* The row object for N agents in root.rows (fails the test when absent). */
static json_t *jrow(json_t *root, int agents)
{
    json_t *rows = json_object_get(root, "rows");
    ck_assert_msg(json_is_array(rows), "JSON 'rows' missing or not an array");
    for (size_t i = 0; i < json_array_size(rows); i++) {
        json_t *r = json_array_get(rows, i);
        if (jint(r, "agents") == agents) {
            return r;
        }
    }
    ck_abort_msg("no row for %d agents", agents);
    return NULL;
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++) {
        n += *s == '\n';
    }
    return n;
}

/* Writes s to a fresh file and reads it as CSV. */
static ccs_csv *csv_of(const char *s)
{
    char path[] = "/tmp/ccs_cli_erlang_csvXXXXXX";
    int fd = mkstemp(path);
    ck_assert(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    ck_assert(fp != NULL);
    fputs(s, fp);
    fclose(fp);
    ccs_csv *c = ccs_csv_read(path);
    unlink(path);
    return c;
}

/* ---- help and version ----------------------------------------------- */

START_TEST(test_help_version)
{
    run_result r = run("--help");
    ck_assert_int_eq(r.rc, 0);
    ck_assert_msg(strstr(r.out, "erlang") != NULL, "ccsim --help does not list erlang");
    ck_assert_str_eq(r.err, "");
    run_free(&r);

    r = run("erlang --help");
    ck_assert_int_eq(r.rc, 0);
    ck_assert_msg(strstr(r.out, "usage: ccsim erlang") != NULL, "no usage line:\n%s", r.out);
    const char *must[] = {"--calls", "--aht", "--sl", "--patience", "--asa", "--max-occupancy",
                          "--max-abandon", "--shrinkage", "--agents", "--format", "--out",
                          "Default: 80/20"};
    for (size_t i = 0; i < sizeof must / sizeof must[0]; i++) {
        ck_assert_msg(strstr(r.out, must[i]) != NULL, "erlang --help lacks '%s'", must[i]);
    }
    ck_assert_str_eq(r.err, "");
    run_free(&r);

    /* --help wins even after other options, and prints no answer. */
    r = run("erlang --calls 200 --aht 180 -h");
    ck_assert_int_eq(r.rc, 0);
    ck_assert(strstr(r.out, "usage: ccsim erlang") != NULL);
    run_free(&r);

    r = run("--version");
    ck_assert_int_eq(r.rc, 0);
    ck_assert_msg(strncmp(r.out, "ccsim ", 6) == 0, "--version printed '%s'", r.out);
    ck_assert_int_eq(count_lines(r.out), 1);
    run_free(&r);
}
END_TEST

/* ---- JSON: structure and published values --------------------------- */

START_TEST(test_json_cran_example)
{
    json_t *root = run_json(CRAN_ARGS " --format json");
    ck_assert_str_eq(json_string_value(json_object_get(root, "model")), "erlang_c");
    CCS_ASSERT_CLOSE("offered_load", jnum(root, "offered_load"), 10.0, CCS_TOL_REF, 0.0);
    ck_assert_int_eq(jint(root, "required_agents"), 14);
    ck_assert_int_eq(jint(root, "scheduled_agents"), 20);
    json_t *in = json_object_get(root, "inputs");
    ck_assert(json_is_object(in));
    CCS_ASSERT_CLOSE("inputs.calls_per_hour", jnum(in, "calls_per_hour"), 200.0, 0.0, 0.0);
    CCS_ASSERT_CLOSE("inputs.aht_s", jnum(in, "aht_s"), 180.0, 0.0, 0.0);
    ck_assert(json_is_null(json_object_get(in, "patience_s")));
    json_t *sq = json_object_get(root, "sqrt_staffing");
    ck_assert(json_is_object(sq));
    /* The square-root estimate is close to, and by construction below or
     * near, the exact answer for moderate loads. */
    double est = jnum(sq, "estimate");
    ck_assert_msg(est > 10.0 && est < 16.0, "sqrt estimate %g", est);
    CCS_ASSERT_CLOSE("estimate = A + beta sqrt(A)", est, 10.0 + jnum(sq, "beta") * sqrt(10.0),
                     1e-12, 0.0);

    /* Default rows: answer-3 .. answer+3. */
    json_t *rows = json_object_get(root, "rows");
    ck_assert_int_eq(json_array_size(rows), 7);
    ck_assert_int_eq(jint(json_array_get(rows, 0), "agents"), 11);
    ck_assert_int_eq(jint(json_array_get(rows, 6), "agents"), 17);

    json_t *r14 = jrow(root, 14);
    CCS_ASSERT_CLOSE("P(wait) N=14", jnum(r14, "prob_wait"), 0.17413193359504984, CCS_TOL_REF,
                     CCS_TOL_ABS);
    CCS_ASSERT_CLOSE("SL N=14", jnum(r14, "service_level"), 0.88835001917946688, CCS_TOL_REF,
                     CCS_TOL_ABS);
    CCS_ASSERT_CLOSE("ASA N=14", jnum(r14, "asa_s"), 7.83593701177724, CCS_TOL_REF, 0.0);
    CCS_ASSERT_CLOSE("occupancy N=14", jnum(r14, "occupancy"), 10.0 / 14.0, CCS_TOL_REF, 0.0);
    ck_assert_msg(json_object_get(r14, "prob_abandon") == NULL,
                  "Erlang C rows must not carry prob_abandon");
    ck_assert(json_is_true(json_object_get(r14, "meets_targets")));
    CCS_ASSERT_CLOSE("P(wait) N=11", jnum(jrow(root, 11), "prob_wait"), 0.6821182047, 1e-9,
                     1e-10);
    /* 13 agents gives SL 0.7955947884 < 80% (staffing.csv), so it fails. */
    ck_assert(json_is_false(json_object_get(jrow(root, 13), "meets_targets")));
    json_decref(root);
}
END_TEST

START_TEST(test_json_occupancy_binds)
{
    json_t *root = run_json("erlang --calls 1000/h --aht 120 --sl 80/20 --max-occupancy 85% "
                            "--shrinkage 30% --format=json");
    CCS_ASSERT_CLOSE("offered_load", jnum(root, "offered_load"), 1000.0 * 120.0 / 3600.0,
                     CCS_TOL_REF, 0.0);
    ck_assert_int_eq(jint(root, "required_agents"), 40);
    ck_assert_int_eq(jint(root, "scheduled_agents"), 58);
    json_t *lim = json_object_get(root, "limited_by");
    ck_assert(json_is_array(lim));
    ck_assert_int_eq(json_array_size(lim), 1);
    ck_assert_str_eq(json_string_value(json_array_get(lim, 0)), "occupancy");
    json_t *r40 = jrow(root, 40);
    CCS_ASSERT_CLOSE("P(wait) N=40", jnum(r40, "prob_wait"), 0.1907, 0.0, 0.00005);
    CCS_ASSERT_CLOSE("SL N=40", jnum(r40, "service_level"), 0.9372, 0.0, 0.00005);
    CCS_ASSERT_CLOSE("ASA N=40", jnum(r40, "asa_s"), 3.433, 0.0, 0.0005);
    CCS_ASSERT_CLOSE("occupancy N=40", jnum(r40, "occupancy"), 1000.0 * 120 / 3600 / 40,
                     CCS_TOL_REF, 0.0);
    json_decref(root);
}
END_TEST

START_TEST(test_json_asa_target_and_units)
{
    /* 2.5/min is 150 per hour; 3m is 180 s. */
    json_t *root = run_json("erlang --calls 2.5/min --aht 3m --sl 80%/20s --shrinkage 0.3 "
                            "--agents 10..11 --format json");
    ck_assert_int_eq(jint(root, "required_agents"), 11);
    ck_assert_int_eq(jint(root, "scheduled_agents"), 16);
    ck_assert_int_eq(json_array_size(json_object_get(root, "rows")), 2);
    CCS_ASSERT_CLOSE("SL N=11", jnum(jrow(root, 11), "service_level"), 0.880836, TOL_PRINTED6,
                     0.0);
    CCS_ASSERT_CLOSE("SL N=10", jnum(jrow(root, 10), "service_level"), 0.767753, TOL_PRINTED6,
                     0.0);
    json_decref(root);

    root = run_json("erlang --calls 1000 --aht 180 --sl 80/20 --max-occupancy 0.85 --asa 15 "
                    "--shrinkage 0.30 --format json");
    ck_assert_int_eq(jint(root, "required_agents"), 59);
    ck_assert_int_eq(jint(root, "scheduled_agents"), 85);
    CCS_ASSERT_CLOSE("SL N=56", jnum(jrow(root, 56), "service_level"), 0.8411755456891564,
                     CCS_TOL_REF, CCS_TOL_ABS);
    json_decref(root);
}
END_TEST

START_TEST(test_json_erlang_a)
{
    json_t *root = run_json("erlang --calls 200/h --aht 180 --patience 5m --sl 80/20 "
                            "--max-abandon 5% --max-occupancy 85% --shrinkage 30% --format json");
    ck_assert_str_eq(json_string_value(json_object_get(root, "model")), "erlang_a");
    ck_assert_int_eq(jint(root, "required_agents"), 13);
    ck_assert_int_eq(jint(root, "scheduled_agents"), 19);
    CCS_ASSERT_CLOSE("inputs.patience_s", jnum(json_object_get(root, "inputs"), "patience_s"),
                     300.0, 0.0, 0.0);
    json_t *r = jrow(root, 13);
    CCS_ASSERT_CLOSE("SL N=13", jnum(r, "service_level"), 0.8581777000307626, CCS_TOL_REF,
                     CCS_TOL_ABS);
    CCS_ASSERT_CLOSE("P(abandon) N=13", jnum(r, "prob_abandon"), 0.024963303633571875,
                     CCS_TOL_REF, CCS_TOL_ABS);
    CCS_ASSERT_CLOSE("occupancy N=13", jnum(r, "occupancy"), 0.75002822797417548, CCS_TOL_REF,
                     0.0);
    CCS_ASSERT_CLOSE("P(wait) N=13", jnum(r, "prob_wait"), 0.22579708, 5e-8, 0.0);
    CCS_ASSERT_CLOSE("wait of all callers N=13", jnum(r, "asa_all_s"), 7.48899, TOL_PRINTED6,
                     0.0);
    /* Every Erlang A row has prob_abandon. */
    json_t *rows = json_object_get(root, "rows");
    for (size_t i = 0; i < json_array_size(rows); i++) {
        ck_assert(json_is_number(json_object_get(json_array_get(rows, i), "prob_abandon")));
    }
    json_decref(root);

    /* GMR: 50 agents exactly, Erlang A and then Erlang C. */
    root = run_json("erlang --calls 48/min --aht 1m --patience 2m --agents 50 --format json");
    rows = json_object_get(root, "rows");
    ck_assert_int_eq(json_array_size(rows), 1);
    r = json_array_get(rows, 0);
    ck_assert_int_eq(jint(r, "agents"), 50);
    CCS_ASSERT_CLOSE("GMR A P(wait)", jnum(r, "prob_wait"), 0.467774, TOL_PRINTED6, 0.0);
    CCS_ASSERT_CLOSE("GMR A P(abandon)", jnum(r, "prob_abandon"), 0.03091, TOL_PRINTED4, 0.0);
    CCS_ASSERT_CLOSE("GMR A wait all", jnum(r, "asa_all_s"), 3.7095, TOL_PRINTED4, 0.0);
    CCS_ASSERT_CLOSE("GMR A occupancy", jnum(r, "occupancy"), 0.9303, TOL_PRINTED4, 0.0);
    json_decref(root);

    root = run_json("erlang --calls 2880 --aht 60 --agents 50 --format json");
    r = jrow(root, 50);
    CCS_ASSERT_CLOSE("GMR C P(wait)", jnum(r, "prob_wait"), 0.69446, TOL_PRINTED4, 0.0);
    CCS_ASSERT_CLOSE("GMR C ASA", jnum(r, "asa_s"), 20.834, TOL_PRINTED4, 0.0);
    CCS_ASSERT_CLOSE("GMR C occupancy", jnum(r, "occupancy"), 0.96, CCS_TOL_REF, 0.0);
    json_decref(root);
}
END_TEST

START_TEST(test_json_unstable_rows)
{
    /* A = 10 Erlangs: 8, 9 and 10 agents cannot keep up. */
    json_t *root = run_json("erlang --calls 200 --aht 180 --agents 8..12 --format json");
    json_t *rows = json_object_get(root, "rows");
    ck_assert_int_eq(json_array_size(rows), 5);
    for (int n = 8; n <= 12; n++) {
        json_t *r = jrow(root, n);
        if (n <= 10) {
            ck_assert_msg(json_is_null(json_object_get(r, "asa_s")), "N=%d asa_s not null", n);
            ck_assert(json_is_false(json_object_get(r, "stable")));
            CCS_ASSERT_CLOSE("unstable P(wait)", jnum(r, "prob_wait"), 1.0, 0.0, 0.0);
            CCS_ASSERT_CLOSE("unstable SL", jnum(r, "service_level"), 0.0, 0.0, 0.0);
        } else {
            ck_assert_msg(json_is_number(json_object_get(r, "asa_s")), "N=%d asa_s", n);
            ck_assert(json_is_true(json_object_get(r, "stable")));
        }
    }
    json_decref(root);
}
END_TEST

START_TEST(test_equals_form_same_output)
{
    run_result a = run(CRAN_ARGS " --format json");
    run_result b = run("erlang --calls=200/h --aht=180 --sl=80/20 --max-occupancy=0.85 "
                       "--shrinkage=0.30 --format=json");
    ck_assert_int_eq(a.rc, 0);
    ck_assert_int_eq(b.rc, 0);
    ck_assert_str_eq(a.out, b.out);
    run_free(&a);
    run_free(&b);

    /* --sl defaults to 80/20. */
    a = run("erlang --calls 200 --aht 180 --format csv");
    b = run("erlang --calls 200 --aht 180 --sl 80/20 --format csv");
    ck_assert_int_eq(a.rc, 0);
    ck_assert_str_eq(a.out, b.out);
    run_free(&a);
    run_free(&b);
}
END_TEST

/* ---- CSV ------------------------------------------------------------ */

START_TEST(test_csv)
{
    run_result r = run(CRAN_ARGS " --format csv");
    ck_assert_int_eq(r.rc, 0);
    ck_assert_str_eq(r.err, "");
    ck_assert_msg(strncmp(r.out, "agents,prob_wait,service_level,asa_s,occupancy\n", 47) == 0,
                  "CSV header: %s", r.out);
    ccs_csv *c = csv_of(r.out);
    ck_assert_int_eq(c->nrows, 7);
    ck_assert_str_eq(ccs_csv_str(c, 3, "agents"), "14");
    CCS_ASSERT_CLOSE("csv SL N=14", ccs_csv_num(c, 3, "service_level"), 0.88835001917946688,
                     CCS_TOL_REF, CCS_TOL_ABS);
    CCS_ASSERT_CLOSE("csv ASA N=14", ccs_csv_num(c, 3, "asa_s"), 7.83593701177724, CCS_TOL_REF,
                     0.0);
    ccs_csv_free(c);
    run_free(&r);

    r = run("erlang --calls 200 --aht 180 --agents 50..65 --format csv");
    ck_assert_int_eq(r.rc, 0);
    c = csv_of(r.out);
    ck_assert_int_eq(c->nrows, 16);
    for (int i = 0; i < 16; i++) {
        ck_assert_int_eq(atoi(ccs_csv_str(c, i, "agents")), 50 + i);
    }
    ccs_csv_free(c);
    run_free(&r);

    /* Unstable rows: asa_s is "inf", never "nan". */
    r = run("erlang --calls 200 --aht 180 --agents 9..11 --format csv");
    ck_assert_int_eq(r.rc, 0);
    ck_assert_msg(strstr(r.out, "nan") == NULL, "nan in CSV:\n%s", r.out);
    c = csv_of(r.out);
    ck_assert_str_eq(ccs_csv_str(c, 0, "asa_s"), "inf");
    ck_assert_str_eq(ccs_csv_str(c, 1, "asa_s"), "inf");
    ck_assert(isfinite(ccs_csv_num(c, 2, "asa_s")));
    ccs_csv_free(c);
    run_free(&r);

    /* Erlang A adds prob_abandon. */
    r = run("erlang --calls 200 --aht 180 --patience 300 --format csv");
    ck_assert_int_eq(r.rc, 0);
    ck_assert_msg(strncmp(r.out, "agents,prob_wait,service_level,asa_s,occupancy,prob_abandon\n",
                          60) == 0,
                  "CSV header: %s", r.out);
    run_free(&r);
}
END_TEST

/* ---- text ----------------------------------------------------------- */

START_TEST(test_text)
{
    run_result r = run(CRAN_ARGS);
    ck_assert_int_eq(r.rc, 0);
    ck_assert_str_eq(r.err, "");
    const char *must[] = {"Erlang C", "200 per hour", "180 s", "80% answered within 20 s",
                          "85%", "30%", "10.00 Erlangs", "required agents      14",
                          "scheduled agents     20", "square-root", "P(wait)", "SL 20 s",
                          "ASA (s)", "occupancy"};
    for (size_t i = 0; i < sizeof must / sizeof must[0]; i++) {
        ck_assert_msg(strstr(r.out, must[i]) != NULL, "text lacks '%s':\n%s", must[i], r.out);
    }
    ck_assert(strstr(r.out, "nan") == NULL);

    /* The table: a dashed rule, then one line per row.  Numbers are right-
     * aligned, so in every row each column but the last ends exactly where
     * its dashes end; the answer row alone is marked ">" and "<- required";
     * no line ends in a blank. */
    char *rule = strstr(r.out, "\n   ");
    while (rule && strncmp(rule + 1, "     --", 7) != 0) {
        rule = strstr(rule + 1, "\n   ");
    }
    ck_assert_msg(rule != NULL, "no rule line:\n%s", r.out);
    rule++;
    size_t width = strcspn(rule, "\n");
    size_t ends[16];
    size_t n_ends = 0;
    for (size_t k = 0; k + 1 < width && n_ends < 16; k++) {
        if (rule[k] == '-' && rule[k + 1] == ' ') {
            ends[n_ends++] = k;
        }
    }
    ck_assert_msg(n_ends >= 4, "rule has %zu columns before the last", n_ends);
    const char *line = rule + width + 1;
    int rows = 0;
    int marked = 0;
    while (*line && *line != '\n') {
        size_t len = strcspn(line, "\n");
        ck_assert_msg(line[len - 1] != ' ', "trailing blank: '%.*s'", (int)len, line);
        for (size_t k = 0; k < n_ends; k++) {
            ck_assert_msg(len > ends[k] + 1 && line[ends[k]] != ' ' && line[ends[k] + 1] == ' ',
                          "column %zu misaligned in '%.*s'", k, (int)len, line);
        }
        const char *mark = strstr(line, "<- required");
        if (mark && mark < line + len) {
            marked++;
            ck_assert_msg(line[1] == '>', "answer row not marked: %.*s", (int)len, line);
            ck_assert_msg(strncmp(line + 3, "      14", 8) == 0, "answer row: %.*s", (int)len,
                          line);
        } else {
            ck_assert_msg(line[1] == ' ' && len <= width, "row: '%.*s'", (int)len, line);
        }
        rows++;
        line += len + (line[len] == '\n');
    }
    ck_assert_int_eq(rows, 7);
    ck_assert_int_eq(marked, 1);
    run_free(&r);

    /* Unstable rows say so, and Erlang A shows P(abandon). */
    r = run("erlang --calls 200 --aht 180 --agents 9..12");
    ck_assert_int_eq(r.rc, 0);
    ck_assert(strstr(r.out, "unstable") != NULL);
    ck_assert(strstr(r.out, "inf") != NULL);
    ck_assert(strstr(r.out, "nan") == NULL);
    run_free(&r);

    r = run("erlang --calls 200 --aht 180 --patience 60");
    ck_assert_int_eq(r.rc, 0);
    ck_assert(strstr(r.out, "Erlang A") != NULL);
    ck_assert(strstr(r.out, "P(abandon)") != NULL);
    ck_assert(strstr(r.out, "patience (mean)      60 s") != NULL);
    run_free(&r);
}
END_TEST

/* ---- --out ---------------------------------------------------------- */

START_TEST(test_out_file)
{
    char dir[] = "/tmp/ccs_cli_erlang_outXXXXXX";
    ck_assert(mkdtemp(dir) != NULL);
    char args[512];
    char path[300];
    snprintf(path, sizeof path, "%s/staff.json", dir);
    snprintf(args, sizeof args, CRAN_ARGS " --format json --out %s", path);
    run_result r = run(args);
    ck_assert_msg(r.rc == 0, "exit %d: %s", r.rc, r.err);
    ck_assert_str_eq(r.out, "");
    ck_assert_str_eq(r.err, "");
    run_free(&r);
    char *text = ccs_test_slurp(path);
    ck_assert_msg(text != NULL, "--out did not write %s", path);
    json_t *root = json_loads(text, 0, NULL);
    ck_assert(root != NULL);
    ck_assert_int_eq(jint(root, "required_agents"), 14);
    json_decref(root);
    free(text);

    /* Nothing but the file: no temporary left behind. */
    DIR *d = opendir(dir);
    ck_assert(d != NULL);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            ck_assert_str_eq(e->d_name, "staff.json");
            n++;
        }
    }
    closedir(d);
    ck_assert_int_eq(n, 1);
    unlink(path);

    /* An unwritable place: exit 1, one line, no file. */
    snprintf(path, sizeof path, "%s/no/such/dir/x.csv", dir);
    snprintf(args, sizeof args, CRAN_ARGS " --out %s", path);
    r = run(args);
    ck_assert_int_eq(r.rc, 1);
    ck_assert_str_eq(r.out, "");
    ck_assert_int_eq(count_lines(r.err), 1);
    ck_assert(strstr(r.err, "--out") != NULL);
    run_free(&r);
    ck_assert(access(path, F_OK) != 0);
    rmdir(dir);
}
END_TEST

/* ---- bad input ------------------------------------------------------ */

typedef struct bad_case {
    const char *args;    /* after "erlang" */
    const char *needle;  /* must appear in the message (the option, mostly) */
    const char *needle2; /* and this, if not NULL */
} bad_case;

#define OK_TRAFFIC "--calls 1000/h --aht 180 "

static const bad_case bad_cases[] = {
    {OK_TRAFFIC "--bogus 1", "unknown option '--bogus'", NULL},
    {OK_TRAFFIC "--bogus=1", "unknown option '--bogus'", NULL},
    {OK_TRAFFIC "stray", "unexpected argument 'stray'", NULL},
    {"--aht 180", "--calls is required", NULL},
    {"--calls 1000", "--aht is required", NULL},
    {"--calls 1000 --aht", "--aht: missing value", "duration"},
    {"--calls -5 --aht 180", "--calls:", "got '-5'"},
    {"--calls 0 --aht 180", "--calls:", "got '0'"},
    {"--calls 1000x --aht 180", "--calls:", "got '1000x'"},
    {"--calls nan --aht 180", "--calls:", "got 'nan'"},
    {"--calls= --aht 180", "--calls:", "got ''"},
    {"--calls 1000 --aht abc", "--aht:", "got 'abc'"},
    {"--calls 1000 --aht inf", "--aht:", "got 'inf'"},
    {"--calls 1000 --aht -3m", "--aht:", "got '-3m'"},
    {OK_TRAFFIC "--sl 120/20", "--sl:", "got '120/20'"},
    {OK_TRAFFIC "--sl 100/20", "--sl:", "below 100%"},
    {OK_TRAFFIC "--sl 0/20", "--sl:", "got '0/20'"},
    {OK_TRAFFIC "--sl 80", "--sl:", "got '80'"},
    {OK_TRAFFIC "--sl 80/-5", "--sl:", "got '80/-5'"},
    {OK_TRAFFIC "--patience 0", "--patience:", "got '0'"},
    {OK_TRAFFIC "--asa -3", "--asa:", "got '-3'"},
    {OK_TRAFFIC "--asa 0", "--asa:", "got '0'"},
    {OK_TRAFFIC "--max-occupancy 85", "--max-occupancy:", "85%"},
    {OK_TRAFFIC "--max-occupancy 0", "--max-occupancy:", "got '0'"},
    {OK_TRAFFIC "--max-abandon 0.05", "--max-abandon:", "--patience"},
    {OK_TRAFFIC "--patience 60 --max-abandon 1.5", "--max-abandon:", "got '1.5'"},
    {OK_TRAFFIC "--shrinkage 1", "--shrinkage:", "got '1'"},
    {OK_TRAFFIC "--shrinkage 30", "--shrinkage:", "got '30'"},
    {OK_TRAFFIC "--agents 0", "--agents:", "got '0'"},
    {OK_TRAFFIC "--agents 5.5", "--agents:", "got '5.5'"},
    {OK_TRAFFIC "--agents 65..50", "--agents:", "reversed"},
    {OK_TRAFFIC "--agents 10..", "--agents:", "got '10..'"},
    {OK_TRAFFIC "--agents ..10", "--agents:", "got '..10'"},
    {OK_TRAFFIC "--agents 1..20000", "--agents:", "at most 10000"},
    {OK_TRAFFIC "--agents abc", "--agents:", "50..65"},
    {OK_TRAFFIC "--format xml", "--format:", "text, csv or json"},
    {OK_TRAFFIC "--out ''", "--out:", NULL},
    {OK_TRAFFIC "--format", "--format: missing value", NULL},
};

START_TEST(test_bad_input)
{
    const bad_case *c = &bad_cases[_i];
    char args[512];
    snprintf(args, sizeof args, "erlang %s", c->args);
    run_result r = run(args);
    ck_assert_msg(r.rc == 2, "ccsim %s: exit %d, want 2 (stderr: %s)", args, r.rc, r.err);
    ck_assert_msg(r.out[0] == '\0', "ccsim %s: stdout not empty: %s", args, r.out);
    ck_assert_msg(count_lines(r.err) == 1 && r.err[strlen(r.err) - 1] == '\n',
                  "ccsim %s: want exactly one line on stderr, got: '%s'", args, r.err);
    ck_assert_msg(strncmp(r.err, "ccsim erlang: ", 14) == 0, "ccsim %s: message '%s'", args,
                  r.err);
    ck_assert_msg(strstr(r.err, c->needle) != NULL, "ccsim %s: message '%s' lacks '%s'", args,
                  r.err, c->needle);
    ck_assert_msg(!c->needle2 || strstr(r.err, c->needle2) != NULL,
                  "ccsim %s: message '%s' lacks '%s'", args, r.err, c->needle2);
    run_free(&r);
}
END_TEST

START_TEST(test_bad_input_exact_message)
{
    run_result r = run("erlang --calls 1000/h --aht 0");
    ck_assert_int_eq(r.rc, 2);
    ck_assert_str_eq(r.err,
                     "ccsim erlang: --aht: expected a duration > 0 such as 180, 180s or 3m, "
                     "got '0'\n");
    ck_assert_str_eq(r.out, "");
    run_free(&r);
}
END_TEST

/* ---- limits --------------------------------------------------------- */

START_TEST(test_max_rows)
{
    run_result r = run("erlang --calls 200 --aht 180 --agents 1..10000 --format csv");
    ck_assert_msg(r.rc == 0, "exit %d: %s", r.rc, r.err);
    ck_assert_int_eq(count_lines(r.out), 10001);
    ck_assert(strstr(r.out, "nan") == NULL);
    run_free(&r);

    /* A single agent, and an answer of 1 (tiny load): rows start at 1. */
    json_t *root = run_json("erlang --calls 1 --aht 10 --format json");
    ck_assert_int_eq(jint(root, "required_agents"), 1);
    json_t *rows = json_object_get(root, "rows");
    ck_assert_int_eq(json_array_size(rows), 4);
    ck_assert_int_eq(jint(json_array_get(rows, 0), "agents"), 1);
    json_decref(root);
}
END_TEST

/* ---- the library writers directly ---------------------------------- */

static void cran_table(ccs_erlang_table *t)
{
    memset(t, 0, sizeof *t);
    t->query.calls_per_hour = 200.0;
    t->query.aht_s = 180.0;
    t->query.threshold_s = 20.0;
    t->targets.service_level = 0.80;
    t->targets.max_occupancy = 0.85;
    t->targets.shrinkage = 0.30;
    ccs_error err;
    ck_assert_int_eq(ccs_erlang_staff(&t->query, &t->targets, &t->staffing, &err), CCS_OK);
}

START_TEST(test_table_library)
{
    int rows[16];
    ck_assert_uint_eq(ccs_erlang_table_default_rows(14, 3, rows, 16), 7);
    ck_assert_int_eq(rows[0], 11);
    ck_assert_int_eq(rows[6], 17);
    ck_assert_uint_eq(ccs_erlang_table_default_rows(2, 3, rows, 16), 5);
    ck_assert_int_eq(rows[0], 1);
    ck_assert_int_eq(rows[4], 5);
    ck_assert_uint_eq(ccs_erlang_table_default_rows(50, 3, rows, 2), 2);

    ccs_erlang_table t;
    cran_table(&t);
    char why[128];
    ck_assert_str_eq(ccs_erlang_table_binding(&t, why, sizeof why), "service level");

    static const ccs_erlang_format fmts[] = {CCS_ERLANG_TEXT, CCS_ERLANG_CSV, CCS_ERLANG_JSON};
    FILE *sink = fopen("/dev/null", "w");
    ck_assert(sink != NULL);
    ccs_error err;
    for (size_t f = 0; f < 3; f++) {
        /* No rows, a row below 1 agent, too many rows: refused, with the
         * option named, before anything is written. */
        t.agents = rows;
        t.n_agents = 0;
        ck_assert_int_eq(ccs_erlang_table_write(sink, &t, fmts[f], &err), CCS_EINVAL);
        rows[0] = 0;
        t.n_agents = 1;
        ccs_error_clear(&err);
        ck_assert_int_eq(ccs_erlang_table_write(sink, &t, fmts[f], &err), CCS_EINVAL);
        ck_assert_str_eq(err.key, "agents");
        t.n_agents = CCS_ERLANG_TABLE_MAX_ROWS + 1;
        ck_assert_int_eq(ccs_erlang_table_write(sink, &t, fmts[f], &err), CCS_EINVAL);
        rows[0] = 14;
        t.n_agents = 1;
        ck_assert_int_eq(ccs_erlang_table_write(sink, &t, fmts[f], &err), CCS_OK);
    }
    fclose(sink);

    /* A stream that cannot be written: CCS_EIO, not success. */
    FILE *ro = fopen("/dev/null", "r");
    ck_assert(ro != NULL);
    for (size_t f = 0; f < 3; f++) {
        ck_assert_int_eq(ccs_erlang_table_write(ro, &t, fmts[f], &err), CCS_EIO);
        clearerr(ro);
    }
    fclose(ro);
}
END_TEST

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

Suite *cli_erlang_suite(void)
{
    Suite *s = suite_create("cli_erlang");
    TCase *core = tcase_create("core");
    tcase_set_timeout(core, 60);
    tcase_add_test(core, test_help_version);
    tcase_add_test(core, test_json_cran_example);
    tcase_add_test(core, test_json_occupancy_binds);
    tcase_add_test(core, test_json_asa_target_and_units);
    tcase_add_test(core, test_json_erlang_a);
    tcase_add_test(core, test_json_unstable_rows);
    tcase_add_test(core, test_equals_form_same_output);
    tcase_add_test(core, test_csv);
    tcase_add_test(core, test_text);
    tcase_add_test(core, test_out_file);
    suite_add_tcase(s, core);

    TCase *errors = tcase_create("errors");
    tcase_set_timeout(errors, 60);
    tcase_add_loop_test(errors, test_bad_input, 0, N_OF(bad_cases));
    tcase_add_test(errors, test_bad_input_exact_message);
    tcase_add_test(errors, test_table_library);
    suite_add_tcase(s, errors);

    TCase *limits = tcase_create("limits");
    tcase_set_timeout(limits, 120);
    tcase_add_test(limits, test_max_rows);
    suite_add_tcase(s, limits);
    return s;
}
