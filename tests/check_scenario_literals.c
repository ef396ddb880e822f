/*
 * check_scenario_literals.c — numbers libconfig 1.5 stores as others
 * (docs/scenario-format.md, "Integers are taken as written"): ccsim scans
 * the text for integers that wrap, hexadecimal ones that wrap, 64-bit ones
 * that saturate and reals that overflow to infinity, and judges the number
 * written, quoting it as written (cut with "..." beyond 44 characters).
 * check_badinput.c covers decimal integers; here every other form of the
 * scanner (scenario_lex.c) is met once:
 *  - hex without L wraps into 32 bits: 0x100000002 (libconfig: 2) is
 *    refused as out of range; 0x2 is 2;
 *  - hex with L: 0x7FFFFFFFFFFFFFFFL is exact, 0x8000000000000000L and
 *    0x1FFFFFFFFFFFFFFFFL (beyond 64 bits) are refused as written;
 *  - decimal with L saturates beyond 64 bits: 99999999999999999999L is
 *    refused as written;
 *  - reals beyond DBL_MAX (1e999, -1e400, 10.0e5000, .5e999) are refused
 *    as written instead of being read as infinity;
 *  - the scan counts values as libconfig does: booleans (`ours = true`,
 *    any case) and runs of adjacent strings are one value each, names and
 *    punctuation none, so the literal is matched to its own setting (a
 *    miscount would leave it unmatched and the wrapped value would be
 *    used: the scenario would load);
 *  - an @include line (indented or not) is not a value, and the line
 *    numbers after it still count the file's own lines;
 *  - a literal of 512 characters or more is judged by its value like any
 *    other: 600 leading zeros before a 3 are 3, ten with 600 decimals is
 *    ten (both were refused as out of range, quoting the zeros), a 1
 *    followed by 600 zeros is still refused.
 */
#include "ccs_test.h"
#include "ccs_testfile.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ccsim/scenario.h"

#define MINI(rate, count, seed)                                                         \
    "horizon = { intervals = 2; };\n"                                                  \
    "calls = ( { name = \"a\"; calls_per_hour = " rate ";"                             \
    " handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"                 \
    "agents = ( { name = \"t\"; count = " count "; serves = [ \"a\" ]; } );\n"         \
    "run = { seed = " seed "; replications = 2; };\n"

#define RATE_MSG "expected a rate in calls per hour (or \"16/min\") >= 0, got "

static void refused(const char *text, int line, const char *key, const char *msg)
{
    ccs_error e;
    ccs_scenario *sc = ccs_scenario_parse(text, "x.cfg", NULL, 0, &e);
    ck_assert_msg(sc == NULL, "accepted, want %s: %s", key, msg);
    ck_assert_int_eq(e.code, CCS_ECONFIG);
    ck_assert_str_eq(e.file, "x.cfg");
    ck_assert_int_eq(e.line, line);
    ck_assert_str_eq(e.key, key);
    ck_assert_str_eq(e.msg, msg);
}

static ccs_scenario *accepted(const char *text)
{
    ccs_error e;
    ccs_scenario *sc = ccs_scenario_parse(text, "x.cfg", NULL, 0, &e);
    ck_assert_msg(sc != NULL, "%s: %s", e.key, e.msg);
    return sc;
}

START_TEST(test_hex)
{
    refused(MINI("10", "0x100000002", "1"), 3, "agents.[0].count",
            "expected an integer in [0, 1000000], got 0x100000002");
    ccs_scenario *sc = accepted(MINI("10", "0x2", "0X10L"));
    ck_assert_int_eq(sc->groups[0].count[0], 2);
    ck_assert_uint_eq(sc->seed, 16);
    ccs_scenario_free(sc);
    sc = accepted(MINI("10", "3", "0x7FFFFFFFFFFFFFFFL"));
    ck_assert_uint_eq(sc->seed, 0x7FFFFFFFFFFFFFFFULL);
    ccs_scenario_free(sc);
    refused(MINI("10", "3", "0x8000000000000000L"), 4, "run.seed",
            "expected an integer >= 0, got 0x8000000000000000L");
    refused(MINI("10", "3", "0x1FFFFFFFFFFFFFFFFLL"), 4, "run.seed",
            "expected an integer >= 0, got 0x1FFFFFFFFFFFFFFFFLL");
    /* Quoted as written, cut to 44 characters and "...". */
    refused(MINI("10", "3", "0x00000000000000000000000000000000000000000000000000001FFFFFFFFFFFFFFFFL"),
            4, "run.seed",
            "expected an integer >= 0, got 0x000000000000000000000000000000000000000000...");
}
END_TEST

START_TEST(test_int64_saturates)
{
    refused(MINI("10", "3", "99999999999999999999L"), 4, "run.seed",
            "expected an integer >= 0, got 99999999999999999999L");
    ccs_scenario *sc = accepted(MINI("10", "3", "+9223372036854775807LL"));
    ck_assert_uint_eq(sc->seed, 9223372036854775807ULL);
    ccs_scenario_free(sc);
}
END_TEST

START_TEST(test_real_overflows)
{
    static const char *const reals[] = {"1e999", "-1e400", "10.0e5000", ".5e999", "1E+999"};
    for (size_t i = 0; i < sizeof reals / sizeof reals[0]; i++) {
        char text[1024], msg[200];
        snprintf(text, sizeof text, MINI("%s", "3", "1"), reals[i]);
        snprintf(msg, sizeof msg, RATE_MSG "%s", reals[i]);
        refused(text, 2, "calls.[0].calls_per_hour", msg);
    }
    /* Large but finite reals are no overflow: the bound on volume speaks. */
    ccs_scenario *sc = accepted(MINI("1.5e2", "3", "1"));
    ck_assert_double_eq(sc->types[0].rate_per_hour[0], 150.0);
    ccs_scenario_free(sc);
}
END_TEST

/* Values before the wrapped literal that the scan must count as libconfig
 * does, or the literal is not matched and the wrapped 3 is used. */
START_TEST(test_values_counted)
{
    const char *text =
        "name = \"two\" \"strings\";   // one value\n"
        "horizon = { intervals = 2; };\n"
        "calls = ( { name = \"a\"; calls_per_hour = 10; ours = TRUE;\n"
        "            handle_time = { dist = \"exponential\"; mean = 180.0; }; },\n"
        "          { name = \"b\"; calls_per_hour = 1.0e1; ours = false;\n"
        "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
        "agents = ( { name = \"t\"; count = 4294967299; serves = [ \"a\", \"b\" ]; } );\n";
    refused(text, 7, "agents.[0].count", "expected an integer in [0, 1000000], got 4294967299");
}
END_TEST

START_TEST(test_include_line)
{
    char inc[64], main_cfg[64], text[1024];
    ccs_test_tmpfile(inc, sizeof inc, ".cfg", "horizon = { intervals = 2; };\n");
    snprintf(text, sizeof text,
             "@include \"%s\"\n"
             "calls = ( { name = \"a\"; calls_per_hour = 10;"
             " handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
             "agents = ( { name = \"t\"; count = 3; serves = [ \"a\" ]; } );\n"
             "run = { seed = 4294967298; replications = 2; };\n",
             inc);
    ccs_test_tmpfile(main_cfg, sizeof main_cfg, ".cfg", text);
    ccs_error e;
    ccs_scenario *sc = ccs_scenario_load(main_cfg, NULL, 0, &e);
    ck_assert_msg(sc != NULL, "%s: %s", e.key, e.msg);
    ck_assert_int_eq(sc->n_intervals, 2);
    ck_assert_uint_eq(sc->seed, 4294967298ULL);   /* libconfig alone: 2 */
    ccs_scenario_free(sc);
    /* Indented, and followed by a literal out of range: its own line. */
    snprintf(text, sizeof text,
             "  \t@include \"%s\"\n"
             "calls = ( { name = \"a\"; calls_per_hour = 10;"
             " handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
             "agents = ( { name = \"t\"; count = 4294967299; serves = [ \"a\" ]; } );\n",
             inc);
    unlink(main_cfg);
    ccs_test_tmpfile(main_cfg, sizeof main_cfg, ".cfg", text);
    ck_assert_ptr_null(ccs_scenario_load(main_cfg, NULL, 0, &e));
    ck_assert_int_eq(e.line, 3);
    ck_assert_str_eq(e.key, "agents.[0].count");
    ck_assert_str_eq(e.msg, "expected an integer in [0, 1000000], got 4294967299");
    unlink(main_cfg);
    unlink(inc);
}
END_TEST

START_TEST(test_long_literals)
{
    char zeros[601], text[2048];
    memset(zeros, '0', 600);
    zeros[600] = '\0';
    char count[700], rate[700];
    snprintf(count, sizeof count, "%s3", zeros);
    snprintf(rate, sizeof rate, "10.%s5", zeros);
    snprintf(text, sizeof text, MINI("%s", "%s", "1"), rate, count);
    ccs_scenario *sc = accepted(text);
    ck_assert_int_eq(sc->groups[0].count[0], 3);
    ck_assert_double_eq_tol(sc->types[0].rate_per_hour[0], 10.0, 1e-12);
    ccs_scenario_free(sc);
    snprintf(count, sizeof count, "1%s", zeros);
    snprintf(text, sizeof text, MINI("10", "%s", "1"), count);
    refused(text, 3, "agents.[0].count",
            "expected an integer in [0, 1000000], got 10000000000000000000000000000000000000000000...");
}
END_TEST

Suite *scenario_literals_suite(void)
{
    Suite *s = suite_create("scenario_literals");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_hex);
    tcase_add_test(tc, test_int64_saturates);
    tcase_add_test(tc, test_real_overflows);
    tcase_add_test(tc, test_values_counted);
    tcase_add_test(tc, test_include_line);
    tcase_add_test(tc, test_long_literals);
    suite_add_tcase(s, tc);
    return s;
}
