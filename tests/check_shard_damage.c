/*
 * check_shard_damage.c — a raw tallies file damaged anywhere is refused
 * (shard.h): the checksum covers every byte before it, and the header's
 * fields are checked before anything is allocated from them.  A small
 * shard (M/M/c, 2 intervals, 2 replications, two --set overrides) is
 * written with ccs_shard_write(), merges to the results of the run that
 * wrote it, and then:
 *  - each of its bytes changed in turn (three patterns: all bits flipped,
 *    the lowest bit, the highest bit) makes the merge fail with
 *    CCS_EINVAL or CCS_ECONFIG, and a message; never CCS_OK;
 *  - cut to every length below its own it fails with CCS_EINVAL;
 *  - a byte appended is "bytes after the end".
 * The merge runs on the library (the CLI's tests check the messages).
 */
#define _GNU_SOURCE
#include "ccs_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ccsim/scenario.h"
#include "ccsim/shard.h"
#include "ccsim/sim.h"

#define VERSION "test-9.9"

static char *shard_bytes(size_t *size, double *sl)
{
    ccs_error err;
    char *text = NULL;
    ck_assert_int_eq(ccs_shard_source_read("scenarios/mmc.cfg", &text, &err), CCS_OK);
    char seed[40];
    snprintf(seed, sizeof seed, "run.seed=%llu", (unsigned long long)ccs_test_seed(1601));
    const char *sets[] = {seed, "horizon.intervals=2"};
    ccs_shard_source src = {"scenarios/mmc.cfg", text, sets, 2, 1.0};
    ccs_scenario *sc = ccs_shard_source_load(&src, &err);
    ck_assert_msg(sc != NULL, "%s", err.msg);
    ccs_run_options opt = {.replications = 2, .threads = 1};
    uint64_t events = 0;
    ccs_tallies *t = ccs_sim_run_range(sc, &opt, 0, 2, &events, &err);
    ck_assert_ptr_nonnull(t);
    ccs_results *res = ccs_sim_run(sc, &opt, &err);
    ck_assert_ptr_nonnull(res);
    ccs_figures f;
    ck_assert_int_eq(ccs_results_figures(res, 0, 2, NULL, &f), CCS_OK);
    *sl = f.service_level.mean;
    char *buf = NULL;
    FILE *fp = open_memstream(&buf, size);
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(ccs_shard_write(fp, VERSION, &src, sc, 2, 0, t, events, &err), CCS_OK);
    ck_assert_int_eq(fclose(fp), 0);
    ccs_results_free(res);
    ccs_tallies_free(t);
    ccs_scenario_free(sc);
    free(text);
    return buf;
}

static void put(const char *path, const char *b, size_t n)
{
    FILE *fp = fopen(path, "wb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(fwrite(b, 1, n, fp), n);
    ck_assert_int_eq(fclose(fp), 0);
}

/* Merges the one file at path: the status, with err filled. */
static int merge1(const char *path, double *sl, ccs_error *err)
{
    const char *paths[] = {path};
    ccs_scenario *sc = NULL;
    ccs_error_clear(err);
    ccs_results *res = ccs_shard_merge(paths, 1, VERSION, &sc, err);
    if (!res) {
        return err->code;
    }
    if (sl) {
        ccs_figures f;
        ck_assert_int_eq(ccs_results_figures(res, 0, 2, NULL, &f), CCS_OK);
        *sl = f.service_level.mean;
    }
    ccs_results_free(res);
    ccs_scenario_free(sc);
    return CCS_OK;
}

START_TEST(test_every_byte_damaged)
{
    size_t size;
    double sl_run, sl_merged = -1;
    char *good = shard_bytes(&size, &sl_run);
    ck_assert_uint_gt(size, 100);
    char path[] = "/tmp/ccs_shard_dmgXXXXXX";
    int fd = mkstemp(path);
    ck_assert(fd >= 0);
    close(fd);
    ccs_error err;
    put(path, good, size);
    ck_assert_msg(merge1(path, &sl_merged, &err) == CCS_OK, "%s", err.msg);
    ck_assert_double_eq(sl_merged, sl_run);

    char *bad = malloc(size + 1);
    ck_assert_ptr_nonnull(bad);
    static const unsigned char flips[] = {0xff, 0x01, 0x80};
    for (size_t i = 0; i < size; i++) {
        for (size_t j = 0; j < sizeof flips; j++) {
            memcpy(bad, good, size);
            bad[i] = (char)(bad[i] ^ flips[j]);
            put(path, bad, size);
            int rc = merge1(path, NULL, &err);
            ck_assert_msg(rc == CCS_EINVAL || rc == CCS_ECONFIG,
                          "byte %zu of %zu ^ 0x%02x: status %d (%s)", i, size, flips[j], rc,
                          err.msg);
            ck_assert_msg(err.msg[0] != '\0', "byte %zu: no message", i);
        }
    }
    for (size_t n = 0; n < size; n++) {
        put(path, good, n);
        int rc = merge1(path, NULL, &err);
        ck_assert_msg(rc == CCS_EINVAL, "cut to %zu of %zu bytes: status %d (%s)", n, size, rc,
                      err.msg);
    }
    memcpy(bad, good, size);
    bad[size] = '\n';
    put(path, bad, size + 1);
    ck_assert_int_eq(merge1(path, NULL, &err), CCS_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.msg, "bytes after the end"));
    free(bad);
    free(good);
    unlink(path);
}
END_TEST

Suite *shard_damage_suite(void)
{
    Suite *s = suite_create("shard_damage");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_every_byte_damaged);
    suite_add_tcase(s, tc);
    return s;
}
