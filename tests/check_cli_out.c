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
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

#define ERLANG_ARGS "erlang --calls 100/h --aht 3m --agents 6"

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "r");
    ck_assert_ptr_nonnull(fp);
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = 0;
    fclose(fp);
    return strdup(buf);
}

/* --out through a symbolic link writes the link's target and keeps the
 * link (a rename over the link would have replaced it by a file). */
START_TEST(test_out_symlink_written_through)
{
    char dir[] = "/tmp/ccs_out_XXXXXX", target[200], link[200], args[600];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(target, sizeof target, "%s/target.txt", dir);
    snprintf(link, sizeof link, "%s/link.txt", dir);
    FILE *fp = fopen(target, "w");
    ck_assert_ptr_nonnull(fp);
    fputs("old\n", fp);
    fclose(fp);
    ck_assert_int_eq(symlink("target.txt", link), 0);
    char *want = ccs_test_run_ok(ERLANG_ARGS, 0);
    snprintf(args, sizeof args, ERLANG_ARGS " --out %s", link);
    char *out = ccs_test_run_ok(args, 0);
    ck_assert_str_eq(out, "");
    struct stat st;
    ck_assert_int_eq(lstat(link, &st), 0);
    ck_assert_msg(S_ISLNK(st.st_mode), "the link was replaced by a file");
    char *got = slurp(target);
    ck_assert_str_eq(got, want);
    free(got);
    free(out);
    free(want);
    unlink(link);
    unlink(target);
    ck_assert_int_eq(rmdir(dir), 0);   /* no temporary left */
}
END_TEST

/* --out to a FIFO (or a device such as /dev/stdout) writes into it and
 * leaves it a FIFO, with no temporary file beside it. */
START_TEST(test_out_fifo_kept)
{
    char dir[] = "/tmp/ccs_out_XXXXXX", fifo[200], copy[200], args[600];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(fifo, sizeof fifo, "%s/pipe", dir);
    snprintf(copy, sizeof copy, "%s/copy.txt", dir);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    char *want = ccs_test_run_ok(ERLANG_ARGS, 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {   /* the reader: the FIFO's text into a file */
        FILE *in = fopen(fifo, "r"), *out = fopen(copy, "w");
        int c;
        while (in && out && (c = fgetc(in)) != EOF) {
            fputc(c, out);
        }
        _exit(in && out && fclose(out) == 0 ? 0 : 1);
    }
    snprintf(args, sizeof args, ERLANG_ARGS " --out %s", fifo);
    char *out = ccs_test_run_ok(args, 0);
    int status = 0;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    struct stat st;
    ck_assert_int_eq(lstat(fifo, &st), 0);
    ck_assert_msg(S_ISFIFO(st.st_mode), "the FIFO was replaced by a file");
    char *got = slurp(copy);
    ck_assert_str_eq(got, want);
    free(got);
    free(out);
    free(want);
    unlink(fifo);
    unlink(copy);
    ck_assert_int_eq(rmdir(dir), 0);   /* no temporary left */
}
END_TEST

Suite *cli_out_suite(void)
{
    Suite *s = suite_create("cli_out");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_sweep_out_unwritable);
    tcase_add_test(tc, test_compare_out_unwritable);
    tcase_add_test(tc, test_out_symlink_written_through);
    tcase_add_test(tc, test_out_fifo_kept);
    suite_add_tcase(s, tc);
    return s;
}
