/*
 * check_units.c — the unit parsers: every accepted form converts to the
 * canonical unit (per hour, seconds, fraction), and every malformed string
 * is rejected with *out left untouched.
 *
 * Expected values are the unit conversions done by hand (60 s per minute,
 * 3600 s per hour), not outputs of the parser.
 */
#include "ccs_test.h"

#include <math.h>
#include <string.h>

#include "ccsim/units.h"

#define SENTINEL -12345.0

typedef struct good_case {
    const char *in;
    double want;
} good_case;

/* ---- rates ---------------------------------------------------------- */

static const good_case good_rates[] = {
    {"1000", 1000.0},
    {"1000/h", 1000.0},
    {"1000/hr", 1000.0},
    {"1000/hour", 1000.0},
    {"16.7/min", 16.7 * 60.0},
    {"16.7/minute", 16.7 * 60.0},
    {"16.7/m", 16.7 * 60.0},
    {"0.5/s", 1800.0},
    {"0.5/sec", 1800.0},
    {"0.5/second", 1800.0},
    {"2400/day", 100.0},
    {"2400/d", 100.0},
    {"0", 0.0},
    {"1e3", 1000.0},
    {"1.5E2/h", 150.0},
    {".5/s", 1800.0},
    {"5./h", 5.0},
    {"1000 /h", 1000.0},
    {"1000/ h", 1000.0},
};

START_TEST(test_rate_good)
{
    const good_case *c = &good_rates[_i];
    double v = SENTINEL;
    ck_assert_msg(ccs_units_rate(c->in, &v) == CCS_OK, "rate '%s' rejected", c->in);
    CCS_ASSERT_CLOSE(c->in, v, c->want, CCS_TOL_TIGHT, 0.0);
}
END_TEST

static const char *const bad_rates[] = {
    "", " ", "-5", "-5/h", "+5", "abc", "1000/", "1000/x", "1000/hours/", "1000h",
    "1000//h", "1000/h ", " 1000", "nan", "inf", "NaN/h", "infinity", "1e999",
    "1e999/s", "0x10", "1,000", "1000/h/h", ".", "e5", "1e", "1000 per hour",
    "1000/H", "5..5", "1000 ", "1000\t",
};

START_TEST(test_rate_bad)
{
    const char *in = bad_rates[_i];
    double v = SENTINEL;
    ck_assert_msg(ccs_units_rate(in, &v) == CCS_EINVAL, "rate '%s' accepted as %g", in, v);
    ck_assert_msg(v == SENTINEL, "rate '%s': out written on failure", in);
}
END_TEST

/* ---- durations ------------------------------------------------------ */

static const good_case good_durations[] = {
    {"180", 180.0},
    {"180s", 180.0},
    {"180 s", 180.0},
    {"180sec", 180.0},
    {"180secs", 180.0},
    {"180seconds", 180.0},
    {"3m", 180.0},
    {"3min", 180.0},
    {"3mins", 180.0},
    {"3minutes", 180.0},
    {"1.5h", 5400.0},
    {"1.5hr", 5400.0},
    {"2hours", 7200.0},
    {"2min", 120.0},
    {"250ms", 0.25},
    {"0", 0.0},
    {"0s", 0.0},
    {"2.5e1s", 25.0},
};

START_TEST(test_duration_good)
{
    const good_case *c = &good_durations[_i];
    double v = SENTINEL;
    ck_assert_msg(ccs_units_duration(c->in, &v) == CCS_OK, "duration '%s' rejected", c->in);
    CCS_ASSERT_CLOSE(c->in, v, c->want, CCS_TOL_TIGHT, 0.0);
}
END_TEST

static const char *const bad_durations[] = {
    "", "-1", "-3m", "+3m", "3x", "3 m s", "3mm", "s", "m3", "nan", "inf", "-inf",
    "1e400", "1e306h", "3m ", "3/m", "3%", "180 seconds later", "0x1p3", "3M", "180 ",
};

START_TEST(test_duration_bad)
{
    const char *in = bad_durations[_i];
    double v = SENTINEL;
    ck_assert_msg(ccs_units_duration(in, &v) == CCS_EINVAL, "duration '%s' accepted as %g",
                  in, v);
    ck_assert_msg(v == SENTINEL, "duration '%s': out written on failure", in);
}
END_TEST

/* ---- fractions ------------------------------------------------------ */

static const good_case good_fractions[] = {
    {"80%", 0.80},
    {"0.80", 0.80},
    {"0.8", 0.80},
    {"85 %", 0.85},
    {"0", 0.0},
    {"0%", 0.0},
    {"1", 1.0},
    {"100%", 1.0},
    {"12.5%", 0.125},
    {"1e-2", 0.01},
};

START_TEST(test_fraction_good)
{
    const good_case *c = &good_fractions[_i];
    double v = SENTINEL;
    ck_assert_msg(ccs_units_fraction(c->in, &v) == CCS_OK, "fraction '%s' rejected", c->in);
    CCS_ASSERT_CLOSE(c->in, v, c->want, CCS_TOL_TIGHT, 0.0);
}
END_TEST

/* "80" is not a fraction: 80 is outside [0,1], and guessing it means 80%
 * would make "1" ambiguous.  Only the SL form reads bare numbers > 1 as %. */
static const char *const bad_fractions[] = {
    "", "80", "1.01", "101%", "-0.1", "-5%", "%", "80%%", "0.8x", "nan", "inf", "nan%",
    "80% ", " 80%", "8O%", "1e999",
};

START_TEST(test_fraction_bad)
{
    const char *in = bad_fractions[_i];
    double v = SENTINEL;
    ck_assert_msg(ccs_units_fraction(in, &v) == CCS_EINVAL, "fraction '%s' accepted as %g",
                  in, v);
    ck_assert_msg(v == SENTINEL, "fraction '%s': out written on failure", in);
}
END_TEST

/* ---- service-level targets ----------------------------------------- */

typedef struct sl_case {
    const char *in;
    double frac;
    double t;
} sl_case;

static const sl_case good_sls[] = {
    {"80/20", 0.80, 20.0},
    {"80%/20s", 0.80, 20.0},
    {"0.8/20", 0.80, 20.0},
    {"90/30", 0.90, 30.0},
    {"95%/1m", 0.95, 60.0},
    {"80 % / 20 s", 0.80, 20.0},
    {"70/45", 0.70, 45.0},
    {"100/20", 1.0, 20.0},
    {"80/0", 0.80, 0.0},
    {"0.5/15", 0.5, 15.0},
};

START_TEST(test_sl_good)
{
    const sl_case *c = &good_sls[_i];
    double f = SENTINEL;
    double t = SENTINEL;
    ck_assert_msg(ccs_units_sl(c->in, &f, &t) == CCS_OK, "SL '%s' rejected", c->in);
    CCS_ASSERT_CLOSE(c->in, f, c->frac, CCS_TOL_TIGHT, 0.0);
    CCS_ASSERT_CLOSE(c->in, t, c->t, CCS_TOL_TIGHT, 0.0);
}
END_TEST

static const char *const bad_sls[] = {
    "", "80", "80/", "/20", "120/20", "101%/20", "80/-20", "-80/20", "80/20/30",
    "80/20x", "80:20", "nan/20", "80/inf", "80/nan", "80%%/20", "80/20 ", "abc/def",
    "1.5%x/20",
};

START_TEST(test_sl_bad)
{
    const char *in = bad_sls[_i];
    double f = SENTINEL;
    double t = SENTINEL;
    ck_assert_msg(ccs_units_sl(in, &f, &t) == CCS_EINVAL, "SL '%s' accepted as %g/%g", in, f,
                  t);
    ck_assert_msg(f == SENTINEL && t == SENTINEL, "SL '%s': out written on failure", in);
}
END_TEST

/* ---- plain reals and integers -------------------------------------- */

START_TEST(test_real)
{
    double v = SENTINEL;
    ck_assert_int_eq(ccs_units_real("-2.5", &v), CCS_OK);
    ck_assert(v == -2.5);
    ck_assert_int_eq(ccs_units_real("+4e-3", &v), CCS_OK);
    CCS_ASSERT_CLOSE("+4e-3", v, 0.004, CCS_TOL_TIGHT, 0.0);
    ck_assert_int_eq(ccs_units_real("0", &v), CCS_OK);
    ck_assert(v == 0.0);

    const char *bad[] = {"", "1.5s", "nan", "-inf", "1e999", " 1", "1 ", "--1", "0x1A", "1,5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        v = SENTINEL;
        ck_assert_msg(ccs_units_real(bad[i], &v) == CCS_EINVAL, "real '%s' accepted", bad[i]);
        ck_assert(v == SENTINEL);
    }
}
END_TEST

START_TEST(test_int)
{
    long v = -999;
    ck_assert_int_eq(ccs_units_int("50", 1, 100, &v), CCS_OK);
    ck_assert_int_eq(v, 50);
    ck_assert_int_eq(ccs_units_int("1", 1, 100, &v), CCS_OK);
    ck_assert_int_eq(v, 1);
    ck_assert_int_eq(ccs_units_int("100", 1, 100, &v), CCS_OK);
    ck_assert_int_eq(v, 100);
    ck_assert_int_eq(ccs_units_int("-3", -5, 5, &v), CCS_OK);
    ck_assert_int_eq(v, -3);

    const char *bad[] = {"", "0", "101", "5.0", "5e1", "abc", "5x", " 5", "5 ", "-",
                         "99999999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        v = -999;
        ck_assert_msg(ccs_units_int(bad[i], 1, 100, &v) == CCS_EINVAL, "int '%s' accepted",
                      bad[i]);
        ck_assert_int_eq(v, -999);
    }
}
END_TEST

START_TEST(test_null_and_long)
{
    double v = SENTINEL;
    ck_assert_int_eq(ccs_units_rate(NULL, &v), CCS_EINVAL);
    ck_assert_int_eq(ccs_units_duration(NULL, &v), CCS_EINVAL);
    ck_assert_int_eq(ccs_units_fraction(NULL, &v), CCS_EINVAL);
    ck_assert_int_eq(ccs_units_real(NULL, &v), CCS_EINVAL);
    /* A 300-digit number is a legitimate (if silly) input: 1 followed by 299
     * zeros is 1e299, finite.  Longer numeric prefixes must not overrun any
     * internal buffer; they are rejected or parsed, never crash. */
    char big[400];
    memset(big, '0', sizeof big - 1);
    big[0] = '1';
    big[sizeof big - 1] = '\0';
    (void)ccs_units_real(big, &v);
    ck_assert(v == SENTINEL || isfinite(v));
    v = SENTINEL;
    char mid[301];
    memset(mid, '0', sizeof mid - 1);
    mid[0] = '1';
    mid[sizeof mid - 1] = '\0';
    (void)ccs_units_duration(mid, &v);
    ck_assert(v == SENTINEL || (isfinite(v) && v > 1e298));
}
END_TEST

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

Suite *units_suite(void)
{
    Suite *s = suite_create("units");
    TCase *core = tcase_create("core");
    tcase_add_loop_test(core, test_rate_good, 0, N_OF(good_rates));
    tcase_add_loop_test(core, test_duration_good, 0, N_OF(good_durations));
    tcase_add_loop_test(core, test_fraction_good, 0, N_OF(good_fractions));
    tcase_add_loop_test(core, test_sl_good, 0, N_OF(good_sls));
    tcase_add_test(core, test_real);
    tcase_add_test(core, test_int);
    suite_add_tcase(s, core);

    TCase *errors = tcase_create("errors");
    tcase_add_loop_test(errors, test_rate_bad, 0, N_OF(bad_rates));
    tcase_add_loop_test(errors, test_duration_bad, 0, N_OF(bad_durations));
    tcase_add_loop_test(errors, test_fraction_bad, 0, N_OF(bad_fractions));
    tcase_add_loop_test(errors, test_sl_bad, 0, N_OF(bad_sls));
    suite_add_tcase(s, errors);

    TCase *limits = tcase_create("limits");
    tcase_add_test(limits, test_null_and_long);
    suite_add_tcase(s, limits);
    return s;
}
