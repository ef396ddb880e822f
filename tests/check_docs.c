/*
 * check_docs.c — docs/output.md says what the binary does: the run usage
 * lists every option of `ccsim run --help`, the interval table's heading is
 * quoted as printed (clock times, not offsets), and busy time is counted in
 * the intervals where it happens, as docs/output.md and docs/model.md say
 * and the model does.  (README.md, docs/teaching.md and the error examples
 * of docs/scenario-format.md are regenerated and compared by
 * `make readme-check`.)
 */
#include "ccs_test.h"

#include <jansson.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ccsim/scenario.h"

/* The doc with every run of blanks and newlines made one space. */
static char *doc_text(const char *path)
{
    char *s = ccs_test_slurp(path);
    ck_assert_msg(s != NULL, "cannot read %s", path);
    char *w = s;
    for (const char *r = s; *r; r++) {
        int blank = *r == ' ' || *r == '\n' || *r == '\t';
        if (!blank || (w > s && w[-1] != ' ')) {
            *w++ = blank ? ' ' : *r;
        }
    }
    *w = '\0';
    return s;
}

/* The text of the first ``` block of doc that starts with `start`. */
static char *usage_block(const char *path, const char *start)
{
    char *s = ccs_test_slurp(path);
    ck_assert_msg(s != NULL, "cannot read %s", path);
    char want[128];
    snprintf(want, sizeof want, "```\n%s", start);
    char *p = strstr(s, want);
    ck_assert_msg(p != NULL, "%s: no usage block starting '%s'", path, start);
    char *e = strstr(p + 4, "```");
    ck_assert_ptr_nonnull(e);
    char *b = strndup(p, (size_t)(e - p));
    free(s);
    return b;
}

START_TEST(test_run_usage_in_docs)
{
    char *out = NULL, *err = NULL;
    ck_assert_int_eq(ccs_test_run("run --help", &out, &err), 0);
    char *doc_out = usage_block("docs/output.md", "ccsim run [");
    char *doc_cli = usage_block("docs/cli.md", "ccsim run [");
    int n = 0;
    for (char *line = out; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (strncmp(line, "  --", 4) != 0) {
            continue;
        }
        char opt[64];
        size_t len = strcspn(line + 2, " \n=");
        snprintf(opt, sizeof opt, "%.*s", (int)len, line + 2);
        if (strcmp(opt, "--help") == 0) {
            continue;
        }
        ck_assert_msg(strstr(doc_out, opt), "docs/output.md's run usage lacks %s", opt);
        ck_assert_msg(strstr(doc_cli, opt), "docs/cli.md's run usage lacks %s", opt);
        n++;
    }
    ck_assert_msg(n >= 8, "only %d options found in run --help", n);
    free(doc_out);
    free(doc_cli);
    free(out);
    free(err);
}
END_TEST

/* With horizon.start the table shows clock times; the docs quote the
 * heading the binary prints and no longer call start an offset. */
START_TEST(test_output_md_clock_time)
{
    char *out = NULL, *err = NULL;
    ck_assert_int_eq(ccs_test_run("run scenarios/mmc.cfg --set 'horizon.start=\"08:00\"' --reps 2",
                                  &out, &err),
                     0);
    char *h = strstr(out, "\nIntervals,");
    ck_assert_ptr_nonnull(h);
    char head[200];
    snprintf(head, sizeof head, "%.*s", (int)strcspn(h + 1, "\n"), h + 1);
    ck_assert_msg(strstr(out, "\n     0 08:00 "), "interval 0 does not start at 08:00:\n%s", out);
    char *doc = ccs_test_slurp("docs/output.md");
    ck_assert_msg(strstr(doc, head), "docs/output.md does not show the heading '%s'", head);
    free(doc);
    doc = doc_text("docs/output.md");
    ck_assert_msg(!strstr(doc, "no clock time") && !strstr(doc, "offset from 00:00"),
                  "docs/output.md still says scenarios have no clock time");
    ck_assert_msg(strstr(doc, "clock time of the interval's start"),
                  "docs/output.md does not say start is a clock time");
    free(doc);
    free(out);
    free(err);
}
END_TEST

/* Calls arrive only in the first of two 30-minute intervals and each takes
 * 20 minutes: busy time spills into the second interval, so its occupancy
 * is not 0 (it would be if handle time were counted in the interval of
 * arrival), and the docs say the busy time is split. */
START_TEST(test_busy_time_split)
{
    char cfg[] = "/tmp/ccs_docs_splitXXXXXX";
    int fd = mkstemp(cfg);
    ck_assert(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fputs("name = \"split\";\n"
          "horizon = { intervals = 2; interval_minutes = 30; };\n"
          "calls = ( { name = \"c\"; calls_per_hour = [ 20.0, 0.0 ];\n"
          "            handle_time = { dist = \"deterministic\"; mean = \"20m\"; }; } );\n"
          "agents = ( { name = \"g\"; count = 20; serves = [ \"c\" ]; } );\n"
          "run = { replications = 4; seed = 3; warmup_minutes = 0; };\n",
          fp);
    fclose(fp);
    char args[256];
    snprintf(args, sizeof args, "run %s --format json", cfg);
    char *out = NULL, *err = NULL;
    int rc = ccs_test_run(args, &out, &err);
    unlink(cfg);
    ck_assert_msg(rc == 0, "run: %s", err);
    json_error_t je;
    json_t *root = json_loads(out, 0, &je);
    ck_assert_msg(root != NULL, "JSON: %s", je.text);
    json_t *iv = json_object_get(root, "intervals");
    double occ1 = json_number_value(
        json_object_get(json_object_get(json_array_get(iv, 1), "occupancy"), "mean"));
    double off1 = json_number_value(
        json_object_get(json_object_get(json_array_get(iv, 1), "offered"), "mean"));
    ck_assert_double_eq(off1, 0.0);
    ck_assert_msg(occ1 > 0.01, "interval 1 has no arrivals but busy agents: occupancy %g", occ1);
    json_decref(root);
    free(out);
    free(err);
    char *doc = doc_text("docs/output.md");
    ck_assert_msg(strstr(doc, "Busy time is split across the intervals in which it happens"),
                  "docs/output.md does not say busy time is split by when it happens");
    ck_assert_msg(!strstr(doc, "handle time is counted in the interval the call arrived in"),
                  "docs/output.md still says handle time counts in the arrival interval");
    free(doc);
}
END_TEST

/* The first number README.md writes where `re` (one group) matches. */
static double readme_number(const char *re)
{
    char *doc = doc_text("README.md");
    regex_t rx;
    ck_assert_int_eq(regcomp(&rx, re, REG_EXTENDED), 0);
    regmatch_t m[2];
    int rc = regexec(&rx, doc, 2, m, 0);
    ck_assert_msg(rc == 0, "README.md has no '%s'", re);
    char num[64];
    int k = 0;
    for (regoff_t i = m[1].rm_so; i < m[1].rm_eo && k < 63; i++) {
        if (doc[i] != ',') {
            num[k++] = doc[i];
        }
    }
    num[k] = '\0';
    regfree(&rx);
    free(doc);
    return strtod(num, NULL);
}

static ccs_scenario *load(const char *path)
{
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_load(path, NULL, 0, &err);
    ck_assert_msg(sc != NULL, "%s: %s", path, err.msg);
    return sc;
}

/* "Captive or outsourced?": the fresh calls a day and the hybrid's
 * overflow delay that the README states are those of the scenarios. */
START_TEST(test_readme_outsourcing_facts)
{
    static const char *const six[] = {"scenarios/captive.cfg",        "scenarios/bpo-onshore.cfg",
                                      "scenarios/bpo-nearshore.cfg",  "scenarios/bpo-offshore.cfg",
                                      "scenarios/kpo-specialist.cfg", "scenarios/hybrid-overflow.cfg"};
    double stated = readme_number("([0-9,]+) fresh calls a day");
    for (size_t i = 0; i < sizeof six / sizeof six[0]; i++) {
        ccs_scenario *sc = load(six[i]);
        double fresh = 0;
        for (int t = 0; t < sc->n_types; t++) {
            for (int k = 0; k < sc->n_intervals && sc->types[t].ours; k++) {
                fresh += sc->types[t].rate_per_hour[k] * sc->interval_s / 3600.0;
            }
        }
        ck_assert_msg(fabs(fresh - stated) < 0.5, "%s forecasts %.1f fresh calls, README says %g",
                      six[i], fresh, stated);
        ccs_scenario_free(sc);
    }
    double delay = readme_number("vendor after ([0-9]+) s of waiting");
    ccs_scenario *sc = load("scenarios/hybrid-overflow.cfg");
    int found = 0;
    for (int g = 0; g < sc->n_groups; g++) {
        for (int i = 0; i < sc->groups[g].n_serves; i++) {
            if (sc->groups[g].serve_after_s && sc->groups[g].serve_after_s[i] > 0) {
                ck_assert_msg(fabs(sc->groups[g].serve_after_s[i] - delay) < 1e-9,
                              "hybrid overflow after %g s, README says %g s",
                              sc->groups[g].serve_after_s[i], delay);
                found = 1;
            }
        }
    }
    ck_assert_msg(found, "no overflow delay in hybrid-overflow.cfg");
    ccs_scenario_free(sc);
}
END_TEST

Suite *docs_suite(void)
{
    Suite *s = suite_create("docs");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_run_usage_in_docs);
    tcase_add_test(tc, test_output_md_clock_time);
    tcase_add_test(tc, test_busy_time_split);
    tcase_add_test(tc, test_readme_outsourcing_facts);
    suite_add_tcase(s, tc);
    return s;
}
