/*
 * check_error.c — the error object: formatting and truncation.
 */
#include "ccs_test.h"
#include <string.h>

#include "ccsim/error.h"

START_TEST(test_format_full)
{
    ccs_error e;
    ccs_error_clear(&e);
    ck_assert_int_eq(ccs_error_set(&e, CCS_ECONFIG, "s.cfg", 14, "calls.[0].aht",
                                   "expected a number > 0, got %d", -3),
                     CCS_ECONFIG);
    char buf[512];
    ck_assert_str_eq(ccs_error_format(&e, buf, sizeof buf),
                     "s.cfg:14: calls.[0].aht: expected a number > 0, got -3");
}
END_TEST

START_TEST(test_format_parts)
{
    ccs_error e;
    char buf[512];
    ccs_error_set(&e, CCS_EINVAL, NULL, 0, "--calls", "expected a rate");
    ck_assert_str_eq(ccs_error_format(&e, buf, sizeof buf), "--calls: expected a rate");
    ccs_error_set(&e, CCS_EIO, "x.cfg", 0, NULL, "cannot open");
    ck_assert_str_eq(ccs_error_format(&e, buf, sizeof buf), "x.cfg: cannot open");
}
END_TEST

START_TEST(test_truncation)
{
    ccs_error e;
    char big[1000];
    memset(big, 'k', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ccs_error_set(&e, CCS_ECONFIG, big, 1, big, "%s", big);
    ck_assert_uint_eq(strlen(e.file), sizeof e.file - 1);
    ck_assert_uint_eq(strlen(e.key), sizeof e.key - 1);
    char small[16];
    ccs_error_format(&e, small, sizeof small);
    ck_assert_uint_eq(strlen(small), sizeof small - 1);
    ck_assert_int_eq(ccs_error_set(NULL, CCS_EIO, NULL, 0, NULL, "x"), CCS_EIO);
}
END_TEST

/* Every status has its own words, and a message-less error prints them. */
START_TEST(test_status_words)
{
    ck_assert_str_eq(ccs_status_str(CCS_OK), "ok");
    ck_assert_str_eq(ccs_status_str(CCS_ENOMEM), "out of memory");
    ck_assert_str_eq(ccs_status_str(CCS_EINVAL), "invalid argument");
    ck_assert_str_eq(ccs_status_str(CCS_ECONFIG), "invalid scenario");
    ck_assert_str_eq(ccs_status_str(CCS_EIO), "input/output error");
    ck_assert_str_eq(ccs_status_str(CCS_EUNSTABLE), "unstable: offered load >= agents");
    ck_assert_str_eq(ccs_status_str((ccs_status)99), "unknown error");
    ccs_error e;
    ccs_error_clear(&e);
    e.code = CCS_EIO;
    char buf[64];
    ck_assert_str_eq(ccs_error_format(&e, buf, sizeof buf), "input/output error");
    /* A file name longer than the buffer is cut, never overrun. */
    ccs_error_set(&e, CCS_ECONFIG, "a-rather-long-file-name.cfg", 7, "key", "message");
    char small[12];
    ccs_error_format(&e, small, sizeof small);
    ck_assert_str_eq(small, "a-rather-lo");
}
END_TEST

/* ccs_clip: control bytes as \xHH, a cut marked "...", never past the buffer. */
START_TEST(test_clip)
{
    char buf[64];
    ck_assert_str_eq(ccs_clip(buf, sizeof buf, "plain.csv", 40), "plain.csv");
    ck_assert_str_eq(ccs_clip(buf, sizeof buf, "a\nb\x7f", 40), "a\\x0ab\\x7f");
    ck_assert_str_eq(ccs_clip(buf, sizeof buf, "abcdefgh", 5), "abcde...");
    ck_assert_str_eq(ccs_clip(buf, sizeof buf, "abcde", 5), "abcde");
    char small[8];
    ccs_clip(small, sizeof small, "abcdefghijkl", 40);
    ck_assert_uint_lt(strlen(small), sizeof small);
    ck_assert_str_eq(small, "abc");
}
END_TEST

Suite *error_suite(void)
{
    Suite *s = suite_create("error");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_format_full);
    tcase_add_test(tc, test_status_words);
    tcase_add_test(tc, test_format_parts);
    suite_add_tcase(s, tc);
    TCase *lim = tcase_create("limits");
    tcase_add_test(lim, test_truncation);
    tcase_add_test(lim, test_clip);
    suite_add_tcase(s, lim);
    return s;
}
