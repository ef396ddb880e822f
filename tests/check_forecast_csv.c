/*
 * check_forecast_csv.c — the forecast and requirements CSV reader
 * (forecast.h; docs/scheduling.md, "The files"): what it accepts (quoted
 * fields, CRLF, a UTF-8 byte-order mark, blank lines and # comments, any
 * case and order of columns, HH:MM:SS and minutes after midnight) gives
 * the same plan as the plain file; what it refuses gets one line naming
 * the file, the line and the column, with exit status 2 and nothing on
 * stdout.  The limits of the documentation are checked at their edge: 4,096
 * bytes a line, 64 columns, 31 days, 100,000 rows.
 */
#include "ccs_test.h"
#include "ccs_testfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PLAIN "start,calls\n08:00,100\n08:30,150\n09:00,0\n"

/* required_agents of every interval of `erlang --forecast path --aht 180`
 * into req[n]; returns the number of intervals. */
static int plan_of(const char *path, int *req, int n, double *interval_min)
{
    char args[512];
    snprintf(args, sizeof args, "erlang --forecast %s --aht 180 --format json", path);
    json_t *j = ccs_test_run_json(args, 0);
    json_t *ivs = json_object_get(j, "intervals");
    int m = (int)json_array_size(ivs);
    for (int i = 0; i < m && i < n; i++) {
        req[i] = (int)ccs_test_jnum(json_array_get(ivs, i), "required_agents");
    }
    if (interval_min) {
        *interval_min = ccs_test_jnum(json_object_get(j, "inputs"), "interval_minutes");
    }
    json_decref(j);
    return m;
}

/* Every spelling of the same three half hours gives the plain file's plan. */
START_TEST(test_accepted_forms)
{
    static const char *const forms[] = {
        "\xef\xbb\xbfstart,calls\r\n08:00,100\r\n08:30,150\r\n09:00,0\r\n",
        "# a comment\n\nSTART , Calls\n  08:00 , 100\n\n# between rows\n08:30,\t150\t\n09:00,0",
        ("\"start\",\"calls\",\"note\"\n\"08:00\",\"100\",\"a \"\"quoted\"\", text\"\n"
         "08:30,150,\"\"\n\"09:00\" ,0,x\n"),
        "calls,start\n100,480\n150,510\n0,540\n",
        "start,calls\n08:00:00,100\n08:30:00,150\n09:00:00,0\n",
        "start,calls\n8:00,100\n8:30,150\n9:00,0\n",
    };
    char ref[64];
    ccs_test_tmpfile(ref, sizeof ref, ".csv", PLAIN);
    int want[3], got[8];
    ck_assert_int_eq(plan_of(ref, want, 3, NULL), 3);
    ck_assert(want[0] > 0 && want[1] > want[0] && want[2] == 0);
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        char fc[64];
        double len;
        ccs_test_tmpfile(fc, sizeof fc, ".csv", forms[i]);
        ck_assert_msg(plan_of(fc, got, 8, &len) == 3, "form %zu: not 3 intervals", i);
        ck_assert_msg(len == 30, "form %zu: %g-minute intervals", i, len);
        for (int k = 0; k < 3; k++) {
            ck_assert_msg(got[k] == want[k], "form %zu, interval %d: %d agents, plain file %d", i,
                          k, got[k], want[k]);
        }
        unlink(fc);
    }
    unlink(ref);
}
END_TEST

/* Seconds in the clock: 30-second intervals. */
START_TEST(test_seconds_in_clock)
{
    char fc[64];
    int req[2];
    double len;
    ccs_test_tmpfile(fc, sizeof fc, ".csv", "start,calls\n08:00:00,1\n08:00:30,1\n");
    ck_assert_int_eq(plan_of(fc, req, 2, &len), 2);
    CCS_ASSERT_CLOSE("interval", len, 0.5, 0, 1e-12);
    unlink(fc);
}
END_TEST

/* The file, then the message after "ccsim erlang: FILE". */
static const struct {
    const char *csv;
    const char *want;
} bad[] = {
    {"", ": empty file: expected a header line such as start,calls"},
    {"# only a comment\n\n", ":2: empty file: expected a header line such as start,calls"},
    {"start,calls\n08:00,1\n08:30,\"2\n", ":3: a quoted field is not closed"},
    {"\"start\" x,calls\n08:00,1\n08:30,2\n", ":1: text after a closing quote"},
    {"start,,calls\n08:00,1,1\n08:30,2,2\n",
     ":1: header column 2: expected a column name of 1 to 31 characters, got ''"},
    {"start,calls,a_column_name_of_thirty_two_chars\n08:00,1,1\n08:30,2,2\n",
     ":1: header column 3: expected a column name of 1 to 31 characters, got "
     "'a_column_name_of_thirty_two_chars'"},
    {"start,calls,Calls\n08:00,1,1\n08:30,2,2\n", ":1: calls: column named twice in the header"},
    {"day,start,calls\nx,08:00,1\nx,08:30,2\n",
     ":2: day: expected a whole day number such as 1, got 'x'"},
    {"day,start,calls\n2,08:00,1\n2,08:30,2\n1,08:00,1\n1,08:30,2\n",
     ":4: day: day 1 after day 2: rows must be in day order"},
    {"day,start,calls\n1,08:00,1\n1,08:30,2\n2,08:00,1\n3,08:00,1\n3,08:30,2\n",
     ":4: day: day 2 has 1 intervals, day 1 has 2: every day needs the same intervals"},
    {"day,start,calls\n1,08:00,1\n1,08:30,2\n2,09:00,1\n2,09:30,2\n",
     ":4: start: start 09:00, but the same row of day 1 starts at 08:00: every day needs the same "
     "intervals"},
    {"start,calls\n23:00,1\n23:40,2\n",
     ":3: start: the day runs past midnight (2 intervals of 40 min from the first start)"},
    {"start,calls\n08:00,1\n",
     ":2: start: one interval per day: at least two rows are needed to know the interval length"},
    {"start,calls\n08:00,1\n08:00,2\n",
     ":3: start: start 08:00 is not after the previous row's 08:00: rows must be in time order "
     "(for several days, add a `day` column)"},
    {"start,calls\n08:60,1\n09:00,2\n",
     ":2: start: expected a clock time \"HH:MM\" or minutes after midnight (0 up to 1440), got "
     "'08:60'"},
    {"start,calls\n-1:00,1\n09:00,2\n",
     ":2: start: expected a clock time \"HH:MM\" or minutes after midnight (0 up to 1440), got "
     "'-1:00'"},
    {"start,calls\n08:00:,1\n09:00,2\n",
     ":2: start: expected a clock time \"HH:MM\" or minutes after midnight (0 up to 1440), got "
     "'08:00:'"},
    {"start,calls\n08:00x,1\n09:00,2\n",
     ":2: start: expected a clock time \"HH:MM\" or minutes after midnight (0 up to 1440), got "
     "'08:00x'"},
    {"start,calls\n1440,1\n1470,2\n",
     ":2: start: expected a clock time \"HH:MM\" or minutes after midnight (0 up to 1440), got "
     "'1440'"},
    {"start,calls,patience\n08:00,1,\n08:30,2,-5\n",
     ":3: patience: expected a mean patience > 0 such as 120 or 2m (leave the cell empty for the "
     "default), got '-5'"},
    {"start,calls\n08:00,1\n08:30,12345678901234567890123456789012345678901234567890\n",
     ":3: calls: expected a number of calls from 0 to 1e9, got "
     "'1234567890123456789012345678901234567890...'"},
    {"start,calls\n08:00,1\n08:30,2e9\n",
     ":3: calls: expected a number of calls from 0 to 1e9, got '2e9'"},
};
#define N_BAD (int)(sizeof bad / sizeof bad[0])

START_TEST(test_refused)
{
    char fc[64], args[256], want[1024];
    ccs_test_tmpfile(fc, sizeof fc, ".csv", bad[_i].csv);
    snprintf(args, sizeof args, "erlang --forecast %s --aht 180", fc);
    snprintf(want, sizeof want, "ccsim erlang: %s%s", fc, bad[_i].want);
    ccs_test_expect_error(args, 2, want);
    unlink(fc);
}
END_TEST

/* A NUL byte, and the documented limits at their edge: a line of 4,096
 * bytes passes and one of 4,097 does not; 64 columns pass, 65 do not; 31
 * days pass, 32 do not; 100,000 rows pass the reader, 100,001 do not. */
static char *big(size_t cap)
{
    char *s = malloc(cap);
    ck_assert_ptr_nonnull(s);
    s[0] = '\0';
    return s;
}

static void expect_file(const char *text, size_t len, const char *want_tail)
{
    char fc[64], args[256], want[512];
    strcpy(fc, "/tmp/ccs_t_XXXXXX");
    int fd = mkstemp(fc);
    ck_assert(fd >= 0);
    ck_assert(write(fd, text, len) == (ssize_t)len);
    close(fd);
    snprintf(args, sizeof args, "erlang --forecast %s --aht 180 --format csv", fc);
    if (want_tail) {
        snprintf(want, sizeof want, "ccsim erlang: %s%s", fc, want_tail);
        ccs_test_expect_error(args, 2, want);
    } else {
        char *out = ccs_test_run_ok(args, 0);
        ck_assert(strncmp(out, "start,calls,", 12) == 0 || strncmp(out, "day,start,calls,", 16) == 0);
        free(out);
    }
    unlink(fc);
}

START_TEST(test_limits)
{
    static const char nul[] = "start,calls\n08:00,1\0\n08:30,2\n";
    expect_file(nul, sizeof nul - 1, ":2: a NUL byte: this is not a text CSV file");
    /* Line length: "08:00,1," then padding in a third, ignored column. */
    for (int extra = 0; extra <= 1; extra++) {
        size_t width = 4096 - 8 + (size_t)extra;
        char *s = big(width + 200);
        strcpy(s, "start,calls,pad\n08:00,1,");
        size_t u = strlen(s);
        memset(s + u, 'x', width);
        u += width;
        strcpy(s + u, "\n08:30,2,y\n");
        expect_file(s, strlen(s), extra ? ":2: line longer than 4096 bytes" : NULL);
        free(s);
    }
    /* Columns. */
    for (int ncol = 64; ncol <= 65; ncol++) {
        char *s = big(4096);
        strcpy(s, "start,calls");
        for (int c = 2; c < ncol; c++) {
            sprintf(s + strlen(s), ",c%d", c);
        }
        strcat(s, "\n08:00,1");
        for (int c = 2; c < ncol; c++) {
            strcat(s, ",0");
        }
        strcat(s, "\n08:30,2");
        for (int c = 2; c < ncol; c++) {
            strcat(s, ",0");
        }
        strcat(s, "\n");
        expect_file(s, strlen(s), ncol == 65 ? ":1: more than 64 columns" : NULL);
        free(s);
    }
    /* Days: two rows each; the 32nd starts on line 2 + 31 x 2 = 64. */
    for (int nd = 31; nd <= 32; nd++) {
        char *s = big(4096);
        strcpy(s, "day,start,calls\n");
        for (int d = 1; d <= nd; d++) {
            sprintf(s + strlen(s), "%d,08:00,1\n%d,08:30,1\n", d, d);
        }
        expect_file(s, strlen(s), nd == 32 ? ":64: day: more than 31 days" : NULL);
        free(s);
    }
    /* Rows: 100,001 data rows; the reader stops at line 100,002. */
    char *s = big(100002 * 12 + 64);
    strcpy(s, "start,calls\n");
    size_t u = strlen(s);
    for (int i = 0; i <= 100000; i++) {
        memcpy(s + u, "08:00,1\n", 8);
        u += 8;
    }
    s[u] = '\0';
    expect_file(s, u, ":100002: more than 100000 rows");
    free(s);
}
END_TEST

/* Standard input is named (stdin) in messages. */
START_TEST(test_stdin_named)
{
    char *out, *err;
    int rc = ccs_test_sh("printf 'start,calls\\n08:00,1\\n08:00,2\\n' | \"$CCSIM\" erlang "
                         "--forecast - --aht 180",
                         &out, &err);
    ck_assert_int_eq(rc, 2);
    ck_assert_str_eq(out, "");
    ck_assert_str_eq(err, "ccsim erlang: (stdin):3: start: start 08:00 is not after the previous "
                          "row's 08:00: rows must be in time order (for several days, add a `day` "
                          "column)\n");
    free(out);
    free(err);
    ccs_test_expect_error("erlang --forecast /nonexistent/day.csv --aht 180", 2,
                          "ccsim erlang: /nonexistent/day.csv: cannot read: No such file or "
                          "directory");
}
END_TEST

/* A file that cannot be read is bad input (docs/cli.md: status 2, one line,
 * nothing on stdout), for schedule's requirements and SHIFTS.cfg as for
 * erlang's forecast; they exited 1 like a runtime failure. */
START_TEST(test_unreadable_is_bad_input)
{
    ccs_test_expect_error("schedule /nonexistent/req.csv --shifts scenarios/planning/shifts.cfg",
                          2, "ccsim schedule: /nonexistent/req.csv: cannot read: No such file or "
                             "directory");
    char fc[64], req[64], args[256];
    ccs_test_tmpfile(fc, sizeof fc, ".csv", PLAIN);
    snprintf(args, sizeof args, "erlang --forecast %s --aht 180 --format csv", fc);
    char *out = ccs_test_run_ok(args, 0);
    ccs_test_tmpfile(req, sizeof req, ".csv", out);
    free(out);
    snprintf(args, sizeof args, "schedule %s --shifts /nonexistent/shifts.cfg", req);
    ccs_test_expect_error(args, 2, "ccsim schedule: /nonexistent/shifts.cfg: cannot read: No such "
                                   "file or directory");
    unlink(req);
    unlink(fc);
}
END_TEST

Suite *forecast_csv_suite(void)
{
    Suite *s = suite_create("forecast_csv");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_accepted_forms);
    tcase_add_test(tc, test_seconds_in_clock);
    tcase_add_loop_test(tc, test_refused, 0, N_BAD);
    tcase_add_test(tc, test_limits);
    tcase_add_test(tc, test_stdin_named);
    tcase_add_test(tc, test_unreadable_is_bad_input);
    suite_add_tcase(s, tc);
    return s;
}
