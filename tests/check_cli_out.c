/*
 * check_cli_out.c — `--out FILE` of sweep and compare when FILE cannot be
 * written (docs/cli.md; the brief's bad-input contract): one line naming
 * the option, the path and the system's reason, exit status 1 (an I/O
 * failure, not bad input), nothing on stdout, and no file or temporary
 * left behind in the directory.
 */
#define _GNU_SOURCE
#include "ccs_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ccs_testfile.h"

static void refused(const char *name, const char *cmd)
{
    char dir[] = "/tmp/ccs_out_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char args[800], want[800];
    snprintf(args, sizeof args, "%s %s --out %s/missing/x.txt", name, cmd, dir);
    snprintf(want, sizeof want,
             "ccsim %s: --out: cannot write %s/missing/x.txt: No such file or directory", name,
             dir);
    ccs_test_expect_error(args, 1, want);
    ck_assert_int_eq(rmdir(dir), 0);   /* empty: nothing was left */
}

START_TEST(test_sweep_out_unwritable)
{
    refused("sweep", "scenarios/mmc.cfg --vary agents.[0].count=55:56:1 --set horizon.intervals=2 "
            "--reps 2");
}
END_TEST

START_TEST(test_compare_out_unwritable)
{
    refused("compare", "scenarios/captive.cfg scenarios/bpo-offshore.cfg --reps 2");
}
END_TEST

Suite *cli_out_suite(void)
{
    Suite *s = suite_create("cli_out");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_sweep_out_unwritable);
    tcase_add_test(tc, test_compare_out_unwritable);
    suite_add_tcase(s, tc);
    return s;
}
