/*
 * check_shards.c — replication shards and the exact merge (shard.h,
 * `ccsim run --reps-range A:B --raw FILE`, `ccsim merge`):
 *
 *   - the raw tallies of replications [A, B) run alone are bit for bit the
 *     slices [A, B) of the full run's (library);
 *   - splits into 1, 2, 3 and 7 shards of uneven sizes, one of a single
 *     replication, merge to the bytes of the single run in text, CSV and
 *     JSON, for a scenario with costs (captive), one with an outbound
 *     campaign (outbound-collections), one with chat (contact-center-chat)
 *     and the default with --seed, --set
 *     and --volume-factor;
 *   - the same for sweep (a 6-cell grid split by replications, and by
 *     cells and replications in rectangles) and compare (three scenarios,
 *     one with its own --set), in text, CSV and JSON;
 *   - every refusal (bad range, gap, overlap, another seed, scenario,
 *     grid, command or replication count, truncated, damaged or foreign
 *     file) exits 2 with its message, nothing on stdout and no file
 *     written.
 */
#include "ccs_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ccsim/scenario.h"
#include "ccsim/shard.h"
#include "ccsim/sim.h"

/* ---- library: a range's tallies are the full run's slices -------------------- */

START_TEST(test_range_tallies_are_slices)
{
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_load("scenarios/outbound-collections.cfg", NULL, 0, &err);
    ck_assert_ptr_nonnull(sc);
    ccs_run_options opt = {.replications = 6, .threads = 2};
    ccs_results *full = ccs_sim_run(sc, &opt, &err);
    ck_assert_ptr_nonnull(full);
    uint64_t ev = 0, ev_sum = 0;
    static const int cuts[] = {0, 1, 4, 6};
    for (int i = 0; i < 3; i++) {
        int a = cuts[i], b = cuts[i + 1];
        ccs_tallies *t = ccs_sim_run_range(sc, &opt, a, b - a, &ev, &err);
        ck_assert_ptr_nonnull(t);
        ck_assert_int_eq(ccs_tallies_reps(t), b - a);
        ev_sum += ev;
        ccs_tally_dims d = ccs_tallies_dims(t);
        for (int r = a; r < b; r++) {
            ccs_tally_rep x = ccs_tallies_rep(t, r - a), y = ccs_tallies_rep(full->tallies, r);
            for (int k = 0; k < CCS_TALLY_N_KINDS; k++) {
                size_t n = ccs_tally_cells(&d, (ccs_tally_kind)k) *
                           (size_t)ccs_tally_kind_info_of((ccs_tally_kind)k)->n_fields;
                ck_assert_msg(memcmp(ccs_tally_rep_data(&x, (ccs_tally_kind)k),
                                     ccs_tally_rep_data(&y, (ccs_tally_kind)k),
                                     n * sizeof(double)) == 0,
                              "replication %d, kind %d: the range's tallies differ", r, k);
            }
        }
        ccs_tallies_free(t);
    }
    ck_assert_msg(ev_sum == full->events, "events %llu != %llu", (unsigned long long)ev_sum,
                  (unsigned long long)full->events);
    /* Bad ranges are refused. */
    ck_assert_ptr_null(ccs_sim_run_range(sc, &opt, -1, 2, NULL, &err));
    ck_assert_int_eq(err.code, CCS_EINVAL);
    ck_assert_ptr_null(ccs_sim_run_range(sc, &opt, 0, 0, NULL, &err));
    ccs_results_free(full);
    ccs_scenario_free(sc);
}
END_TEST

/* ---- the CLI: splits merge to the single run's bytes ---------------------------- */

static char *run_ok(const char *args)
{
    char *out, *err;
    int st = ccs_test_run(args, &out, &err);
    ck_assert_msg(st == 0, "ccsim %s: exit %d, stderr: %s", args, st, err);
    ck_assert_msg(err[0] == '\0', "ccsim %s: unexpected stderr: %s", args, err);
    free(err);
    return out;
}

static void make_dir(char *dir, size_t n)
{
    snprintf(dir, n, "/tmp/ccsim-shards-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void remove_dir(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

#define REPS 10
/* Cut points of each split: 1, 2, 3 and 7 parts, uneven, each with a
 * one-replication part but the first. */
static const int splits[][9] = {
    {0, 10, -1},
    {0, 1, 10, -1},
    {0, 6, 7, 10, -1},
    {0, 2, 3, 4, 6, 7, 9, 10, -1},
};

static void check_splits(const char *scenario, const char *extra)
{
    static const char *const formats[] = {"text", "csv", "json"};
    char dir[64];
    make_dir(dir, sizeof dir);
    char *want[3];
    char args[2048];
    for (int f = 0; f < 3; f++) {
        snprintf(args, sizeof args, "run %s %s --reps %d --format %s", scenario, extra, REPS,
                 formats[f]);
        want[f] = run_ok(args);
        ck_assert_msg(strlen(want[f]) > 100, "%s: a short report", args);
    }
    for (size_t s = 0; s < sizeof splits / sizeof splits[0]; s++) {
        char files[1024] = "";
        /* Shards named in reverse order: merge sorts them. */
        for (int i = 0; splits[s][i + 1] >= 0; i++) {
            int a = splits[s][i], b = splits[s][i + 1];
            /* Different thread counts per shard: the output does not care. */
            snprintf(args, sizeof args,
                     "run %s %s --reps %d --threads %d --reps-range %d:%d --raw %s/s%zu-%d.raw",
                     scenario, extra, REPS, 1 + i % 2, a, b, dir, s, i);
            free(run_ok(args));
            char one[128];
            snprintf(one, sizeof one, " %s/s%zu-%d.raw", dir, s, i);
            memmove(files + strlen(one), files, strlen(files) + 1);
            memcpy(files, one, strlen(one));
        }
        for (int f = 0; f < 3; f++) {
            snprintf(args, sizeof args, "merge%s --format %s", files, formats[f]);
            char *got = run_ok(args);
            ck_assert_msg(strcmp(got, want[f]) == 0,
                          "%s %s, split %zu, %s: the merge differs from the single run",
                          scenario, extra, s, formats[f]);
            free(got);
        }
    }
    /* --out: the merged report in a file, the same bytes. */
    snprintf(args, sizeof args, "merge %s/s2-0.raw %s/s2-1.raw %s/s2-2.raw --out %s/m.txt", dir,
             dir, dir, dir);
    char *none = run_ok(args);
    ck_assert_str_eq(none, "");
    free(none);
    char path[128];
    snprintf(path, sizeof path, "%s/m.txt", dir);
    char *file = ccs_test_slurp(path);
    ck_assert_ptr_nonnull(file);
    ck_assert_msg(strcmp(file, want[0]) == 0, "merge --out differs from the single run");
    free(file);
    for (int f = 0; f < 3; f++) {
        free(want[f]);
    }
    remove_dir(dir);
}

START_TEST(test_merge_costs)
{
    check_splits("scenarios/captive.cfg", "");
}
END_TEST

START_TEST(test_merge_outbound)
{
    check_splits("scenarios/outbound-collections.cfg", "");
}
END_TEST

/* Chat cells (raw tallies format 2) travel in the shards too. */
START_TEST(test_merge_chat)
{
    check_splits("scenarios/contact-center-chat.cfg", "");
}
END_TEST

START_TEST(test_merge_overrides)
{
    /* The default scenario (no file) with every option that changes the
     * simulation: the shards carry them, merge needs none. */
    check_splits("", "--seed 11 --set run.warmup_minutes=10 --volume-factor 1.2");
}
END_TEST

/* ---- sweep and compare: splits merge to the single command's bytes --------------- */

#define SWEEP_ARGS                                                                      \
    "sweep scenarios/mmc.cfg --vary agents.[0].count=50:56:3 "                          \
    "--vary calls.[0].handle_time.mean=170:190:20 --seed 5 --set run.warmup_minutes=10 " \
    "--volume-factor 1.1"
#define COMPARE_ARGS                                                                   \
    "compare scenarios/captive.cfg scenarios/bpo-offshore.cfg scenarios/bpo-onshore.cfg " \
    "--set 2:agents.[0].cost.price=13 --seed 9"

/* For each split of the replications (1, 2, 3 and 7 parts), and for a sweep
 * also split by cells (cut[] of the grid's 6 cells, each block of cells
 * with its own replication cuts), the merge prints the single command's
 * bytes in every format. */
static void check_job_splits(const char *cmd, int sweep)
{
    static const char *const formats[] = {"text", "csv", "json"};
    char dir[64];
    make_dir(dir, sizeof dir);
    char *want[3];
    char args[3072];
    for (int f = 0; f < 3; f++) {
        snprintf(args, sizeof args, "%s --reps %d --format %s", cmd, REPS, formats[f]);
        want[f] = run_ok(args);
        ck_assert_msg(strlen(want[f]) > 100, "%s: a short report", args);
    }
    int n_splits = (int)(sizeof splits / sizeof splits[0]);
    for (int s = 0; s < n_splits + (sweep ? 1 : 0); s++) {
        char files[2048] = "";
        if (s < n_splits) {
            for (int i = 0; splits[s][i + 1] >= 0; i++) {
                snprintf(args, sizeof args,
                         "%s --reps %d --threads %d --reps-range %d:%d --raw %s/s%d-%d.raw", cmd,
                         REPS, 1 + i % 2, splits[s][i], splits[s][i + 1], dir, s, i);
                free(run_ok(args));
                size_t len = strlen(files);
                snprintf(files + len, sizeof files - len, " %s/s%d-%d.raw", dir, s, i);
            }
        } else {
            /* Cells [0, 1) whole, [1, 4) in replications 0:7 and 7:10, [4, 6)
             * in 0:1, 1:3 and 3:10: rectangles of uneven sizes. */
            static const char *const parts[] = {"0:1 0:10", "1:4 0:7", "1:4 7:10", "4:6 0:1",
                                                "4:6 1:3",  "4:6 3:10"};
            for (int i = 0; i < 6; i++) {
                char cells[16], reps[16];
                sscanf(parts[i], "%15s %15s", cells, reps);
                snprintf(args, sizeof args,
                         "%s --reps %d --cells %s --reps-range %s --raw %s/c-%d.raw", cmd, REPS,
                         cells, reps, dir, i);
                free(run_ok(args));
                size_t len = strlen(files);
                snprintf(files + len, sizeof files - len, " %s/c-%d.raw", dir, 5 - i);
            }
        }
        for (int f = 0; f < 3; f++) {
            snprintf(args, sizeof args, "merge%s --format %s", files, formats[f]);
            char *got = run_ok(args);
            ck_assert_msg(strcmp(got, want[f]) == 0,
                          "%.40s: split %d, %s: the merge differs from the single command:\n%s\n"
                          "---\n%s",
                          cmd, s, formats[f], got, want[f]);
            free(got);
        }
    }
    for (int f = 0; f < 3; f++) {
        free(want[f]);
    }
    remove_dir(dir);
}

START_TEST(test_merge_sweep)
{
    check_job_splits(SWEEP_ARGS, 1);
}
END_TEST

START_TEST(test_merge_compare)
{
    check_job_splits(COMPARE_ARGS, 0);
}
END_TEST

/* ---- refusals --------------------------------------------------------------------- */

/* Runs args, expects exit 2, nothing on stdout, one line on stderr holding
 * each of the NULL-terminated parts. */
static void refused(const char *args, const char *const *parts)
{
    char *out, *err;
    int st = ccs_test_run(args, &out, &err);
    ck_assert_msg(st == 2, "ccsim %s: exit %d (want 2), stderr: %s", args, st, err);
    ck_assert_msg(out[0] == '\0', "ccsim %s: stdout not empty: %s", args, out);
    char *nl = strchr(err, '\n');
    ck_assert_msg(nl && nl[1] == '\0', "ccsim %s: not one line on stderr: %s", args, err);
    for (int i = 0; parts[i]; i++) {
        ck_assert_msg(strstr(err, parts[i]), "ccsim %s: stderr lacks '%s': %s", args, parts[i],
                      err);
    }
    free(out);
    free(err);
}

#define REFUSED(args, ...)                                  \
    do {                                                    \
        const char *const parts_[] = {__VA_ARGS__, NULL};        \
        refused((args), parts_);                            \
    } while (0)

START_TEST(test_bad_ranges)
{
    char dir[64], a[256], raw[128];
    make_dir(dir, sizeof dir);
    snprintf(raw, sizeof raw, "%s/x.raw", dir);
    static const char *const bad[] = {"5:3", "3:3", "4", "a:b", "1:", ":4", "-1:3", "1:2:3",
                                      "0x1:4", " 1:4"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(a, sizeof a, "run scenarios/mmc.cfg --reps 10 --reps-range '%s' --raw %s", bad[i],
                 raw);
        REFUSED(a, "ccsim run: --reps-range: expected A:B", "0 <= A < B <= R", bad[i]);
    }
    snprintf(a, sizeof a, "run scenarios/mmc.cfg --reps 10 --reps-range 4:11 --raw %s", raw);
    REFUSED(a, "--reps-range: expected A:B", "with R = 10", "'4:11'");
    /* R is the scenario's run.replications without --reps. */
    snprintf(a, sizeof a, "run scenarios/mmc.cfg --set run.replications=5 --reps-range 4:6 --raw %s",
             raw);
    REFUSED(a, "with R = 5", "'4:6'");
    REFUSED("run scenarios/mmc.cfg --reps-range 0:2", "--reps-range: needs --raw FILE");
    snprintf(a, sizeof a, "run scenarios/mmc.cfg --raw %s --out %s/r.txt", raw, dir);
    REFUSED(a, "--out: not with --raw");
    ck_assert_msg(access(raw, F_OK) != 0, "a refused run wrote %s", raw);
    REFUSED("merge", "ccsim merge: missing FILE");
    REFUSED("merge --format xml a.raw", "--format: expected text, csv or json");
    remove_dir(dir);
}
END_TEST

START_TEST(test_merge_refusals)
{
    char dir[64], a[1024], p[256];
    make_dir(dir, sizeof dir);
    const char *sc = "scenarios/mmc.cfg --reps 10";
    static const char *const ranges[][2] = {{"0:4", "a"}, {"4:7", "b"}, {"7:10", "c"},
                                            {"3:5", "o"}};
    for (size_t i = 0; i < 4; i++) {
        snprintf(a, sizeof a, "run %s --reps-range %s --raw %s/%s.raw", sc, ranges[i][0], dir,
                 ranges[i][1]);
        free(run_ok(a));
    }
    snprintf(a, sizeof a, "run %s --seed 99 --reps-range 7:10 --raw %s/seed.raw", sc, dir);
    free(run_ok(a));
    snprintf(a, sizeof a, "run %s --volume-factor 1.1 --reps-range 7:10 --raw %s/vol.raw", sc, dir);
    free(run_ok(a));
    snprintf(a, sizeof a, "run scenarios/mmc.cfg --reps 12 --reps-range 7:10 --raw %s/r12.raw",
             dir);
    free(run_ok(a));

    /* The good merge works, in any order. */
    snprintf(a, sizeof a, "merge %s/c.raw %s/a.raw %s/b.raw", dir, dir, dir);
    free(run_ok(a));

    snprintf(a, sizeof a, "merge %s/a.raw %s/c.raw", dir, dir);
    REFUSED(a, "ccsim merge: replications [4, 7) of 10 are missing", "a.raw [0, 4)",
            "c.raw [7, 10)");
    snprintf(a, sizeof a, "merge %s/b.raw %s/c.raw", dir, dir);
    REFUSED(a, "replications [0, 4) of 10 are missing", "b.raw, covers [4, 7)");
    snprintf(a, sizeof a, "merge %s/a.raw %s/b.raw", dir, dir);
    REFUSED(a, "replications [7, 10) of 10 are missing", "b.raw, covers [4, 7)");
    snprintf(a, sizeof a, "merge %s/a.raw %s/o.raw %s/b.raw %s/c.raw", dir, dir, dir, dir);
    REFUSED(a, "a.raw [0, 4) and", "o.raw [3, 5) overlap in replications [3, 4)");
    snprintf(a, sizeof a, "merge %s/a.raw %s/b.raw %s/b.raw %s/c.raw", dir, dir, dir, dir);
    REFUSED(a, "b.raw [4, 7) and", "overlap in replications [4, 7)");
    snprintf(a, sizeof a, "merge %s/a.raw %s/b.raw %s/seed.raw", dir, dir, dir);
    REFUSED(a, "seed.raw ran seed 99", "a.raw seed");
    snprintf(a, sizeof a, "merge %s/a.raw %s/b.raw %s/vol.raw", dir, dir, dir);
    REFUSED(a, "vol.raw ran another scenario than", "a.raw (scenario hash");
    snprintf(a, sizeof a, "merge %s/a.raw %s/b.raw %s/r12.raw", dir, dir, dir);
    REFUSED(a, "r12.raw is a shard of 12 replications", "a.raw of 10");

    /* Truncated: the last bytes cut off; damaged: one byte changed. */
    snprintf(p, sizeof p, "%s/c.raw", dir);
    char *whole = NULL;
    FILE *fp = fopen(p, "rb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
    long size = ftell(fp);
    rewind(fp);
    whole = malloc((size_t)size);
    ck_assert_int_eq((long)fread(whole, 1, (size_t)size, fp), size);
    fclose(fp);
    snprintf(p, sizeof p, "%s/cut.raw", dir);
    fp = fopen(p, "wb");
    fwrite(whole, 1, (size_t)size - 100, fp);
    fclose(fp);
    snprintf(a, sizeof a, "merge %s/a.raw %s/b.raw %s/cut.raw", dir, dir, dir);
    REFUSED(a, "cut.raw: truncated: replications [7, 10) of 10 end early");
    whole[size - 200] ^= 0x10;
    snprintf(p, sizeof p, "%s/bad.raw", dir);
    fp = fopen(p, "wb");
    fwrite(whole, 1, (size_t)size, fp);
    fclose(fp);
    snprintf(a, sizeof a, "merge %s/a.raw %s/b.raw %s/bad.raw", dir, dir, dir);
    REFUSED(a, "bad.raw: damaged: the checksum does not match");
    free(whole);
    snprintf(a, sizeof a, "merge %s/a.raw %s/b.raw scenarios/mmc.cfg", dir, dir);
    REFUSED(a, "scenarios/mmc.cfg: not a ccsim raw tallies file");
    snprintf(a, sizeof a, "merge %s/a.raw %s/b.raw %s/missing.raw", dir, dir, dir);
    REFUSED(a, "missing.raw: cannot open raw tallies");
    /* A failed merge writes no --out file. */
    snprintf(a, sizeof a, "merge %s/a.raw %s/c.raw --out %s/m.txt", dir, dir, dir);
    REFUSED(a, "are missing");
    snprintf(p, sizeof p, "%s/m.txt", dir);
    ck_assert_msg(access(p, F_OK) != 0, "a refused merge wrote %s", p);
    remove_dir(dir);
}
END_TEST

START_TEST(test_job_refusals)
{
    char dir[64], a[2048];
    make_dir(dir, sizeof dir);
    /* Bad --cells and --reps-range, and each without --raw. */
    snprintf(a, sizeof a, "%s --reps 10 --cells 4:7 --raw %s/x.raw", SWEEP_ARGS, dir);
    REFUSED(a, "ccsim sweep: --cells: expected A:B", "with N = 6", "'4:7'");
    snprintf(a, sizeof a, "%s --reps 10 --cells 3:3 --raw %s/x.raw", SWEEP_ARGS, dir);
    REFUSED(a, "ccsim sweep: --cells: expected A:B", "'3:3'");
    snprintf(a, sizeof a, "%s --reps 10 --reps-range 0:11 --raw %s/x.raw", SWEEP_ARGS, dir);
    REFUSED(a, "ccsim sweep: --reps-range: expected A:B", "with R = 10", "'0:11'");
    snprintf(a, sizeof a, "%s --reps 10 --cells 0:2", SWEEP_ARGS);
    REFUSED(a, "ccsim sweep: --cells: needs --raw FILE");
    snprintf(a, sizeof a, "%s --reps 10 --raw %s/x.raw --plot %s", SWEEP_ARGS, dir, dir);
    REFUSED(a, "ccsim sweep: --plot: not with --raw");
    snprintf(a, sizeof a, "%s --reps 10 --reps-range 0:2", COMPARE_ARGS);
    REFUSED(a, "ccsim compare: --reps-range: needs --raw FILE");
    snprintf(a, sizeof a, "%s --reps 10 --reps-range 5:11 --raw %s/x.raw", COMPARE_ARGS, dir);
    REFUSED(a, "ccsim compare: --reps-range: expected A:B", "with R = 10", "'5:11'");
    snprintf(a, sizeof a, "%s --reps 10 --raw %s/x.raw --out %s/o.txt", COMPARE_ARGS, dir, dir);
    REFUSED(a, "ccsim compare: --out: not with --raw");
    snprintf(a, sizeof a, "%s/x.raw", dir);
    ck_assert_msg(access(a, F_OK) != 0, "a refused shard wrote %s", a);

    /* Shards: sweep cells [0, 3) x [0, 10), [3, 6) x [0, 4) and [4, 10);
     * compare [0, 4) and [4, 10); then the odd ones. */
    static const char *const sw[][3] = {{"0:3", "0:10", "a"}, {"3:6", "0:4", "b"},
                                        {"3:6", "4:10", "c"}, {"2:4", "0:10", "o"}};
    for (int i = 0; i < 4; i++) {
        snprintf(a, sizeof a, "%s --reps 10 --cells %s --reps-range %s --raw %s/%s.raw",
                 SWEEP_ARGS, sw[i][0], sw[i][1], dir, sw[i][2]);
        free(run_ok(a));
    }
    snprintf(a, sizeof a, "%s --reps 10 --reps-range 0:4 --raw %s/p.raw", COMPARE_ARGS, dir);
    free(run_ok(a));
    snprintf(a, sizeof a, "%s --reps 10 --reps-range 4:10 --raw %s/q.raw", COMPARE_ARGS, dir);
    free(run_ok(a));
    /* Another grid (a third value on the second axis), another seed,
     * another --set, and compare's scenarios in another order. */
    snprintf(a, sizeof a,
             "sweep scenarios/mmc.cfg --vary agents.[0].count=50:56:3 "
             "--vary calls.[0].handle_time.mean=170:190:20 --seed 5 --set run.warmup_minutes=11 "
             "--volume-factor 1.1 --reps 10 --cells 3:6 --raw %s/grid.raw",
             dir);
    free(run_ok(a));
    snprintf(a, sizeof a, "%s --reps 10 --seed 6 --cells 3:6 --raw %s/seed.raw", SWEEP_ARGS, dir);
    free(run_ok(a));
    snprintf(a, sizeof a,
             "compare scenarios/captive.cfg scenarios/bpo-offshore.cfg scenarios/bpo-onshore.cfg "
             "--set 3:agents.[0].cost.price=13 --seed 9 --reps 10 --reps-range 4:10 "
             "--raw %s/other.raw",
             dir);
    free(run_ok(a));
    snprintf(a, sizeof a, "%s --reps 12 --reps-range 4:10 --raw %s/r12.raw", COMPARE_ARGS, dir);
    free(run_ok(a));

    snprintf(a, sizeof a, "merge %s/c.raw %s/a.raw %s/b.raw", dir, dir, dir);
    free(run_ok(a));
    snprintf(a, sizeof a, "merge %s/p.raw %s/q.raw", dir, dir);
    free(run_ok(a));

    snprintf(a, sizeof a, "merge %s/a.raw %s/b.raw", dir, dir);
    REFUSED(a, "ccsim merge: cells [3, 6) of 6: replications [4, 10) of 10 are missing",
            "b.raw, covers [0, 4)");
    snprintf(a, sizeof a, "merge %s/b.raw %s/c.raw", dir, dir);
    REFUSED(a, "ccsim merge: cells [0, 3) of 6: no shard holds them");
    snprintf(a, sizeof a, "merge %s/a.raw %s/b.raw %s/c.raw %s/o.raw", dir, dir, dir, dir);
    REFUSED(a, "ccsim merge: cells [2, 3) of 6:", "a.raw [0, 10) and", "o.raw [0, 10) overlap",
            "in replications [0, 10)");
    snprintf(a, sizeof a, "merge %s/a.raw %s/p.raw", dir, dir);
    REFUSED(a, "p.raw is a shard of ccsim compare", "a.raw of ccsim sweep");
    snprintf(a, sizeof a, "merge %s/a.raw %s/grid.raw", dir, dir);
    REFUSED(a, "grid.raw ran another scenario than", "a.raw (scenario hash",
            "the scenario, --vary, --set");
    snprintf(a, sizeof a, "merge %s/a.raw %s/seed.raw", dir, dir);
    REFUSED(a, "seed.raw ran seed 6", "a.raw seed 5");
    snprintf(a, sizeof a, "merge %s/p.raw %s/other.raw", dir, dir);
    REFUSED(a, "other.raw ran another scenario than", "p.raw (scenario hash");
    snprintf(a, sizeof a, "merge %s/p.raw %s/r12.raw", dir, dir);
    REFUSED(a, "r12.raw is a shard of 12 replications", "p.raw of 10");
    snprintf(a, sizeof a, "merge %s/p.raw %s/q.raw --max-abandon 5%%", dir, dir);
    REFUSED(a, "ccsim merge: --max-abandon: only for the shards of ccsim run");
    snprintf(a, sizeof a, "merge %s/p.raw %s/q.raw --plot %s/pl", dir, dir, dir);
    REFUSED(a, "ccsim merge: --plot: not for the shards of ccsim compare");

    /* Truncated: the cut falls in cell 6 of c.raw (the last of its cells). */
    snprintf(a, sizeof a, "%s/c.raw", dir);
    char *whole = ccs_test_slurp(a);
    ck_assert_ptr_nonnull(whole);
    FILE *fp = fopen(a, "rb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
    long size = ftell(fp);
    fclose(fp);
    snprintf(a, sizeof a, "%s/cut.raw", dir);
    fp = fopen(a, "wb");
    ck_assert_ptr_nonnull(fp);
    fwrite(whole, 1, (size_t)size - 100, fp);
    fclose(fp);
    free(whole);
    snprintf(a, sizeof a, "merge %s/a.raw %s/b.raw %s/cut.raw", dir, dir, dir);
    REFUSED(a, "cut.raw: truncated: cell 6 of 6, replications [4, 10) of 10, ends early");
    remove_dir(dir);
}
END_TEST

Suite *shards_suite(void)
{
    Suite *s = suite_create("shards");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_range_tallies_are_slices);
    tcase_add_test(tc, test_merge_costs);
    tcase_add_test(tc, test_merge_outbound);
    tcase_add_test(tc, test_merge_chat);
    tcase_add_test(tc, test_merge_overrides);
    tcase_add_test(tc, test_bad_ranges);
    tcase_add_test(tc, test_merge_refusals);
    tcase_add_test(tc, test_merge_sweep);
    tcase_add_test(tc, test_merge_compare);
    tcase_add_test(tc, test_job_refusals);
    suite_add_tcase(s, tc);
    return s;
}
