/*
 * check_staff_targets.c — `ccsim staff` under the default (mean) criterion
 * with an occupancy or an ASA target binding, on the M/M/c textbook
 * scenario (1000 calls/h, 180 s, no abandonment: A = 50 erlangs), against
 * answers derived independently of ccsim:
 *  - --max-occupancy 80%: occupancy is A / N, so N = ceil(50 / 0.80) = 63
 *    (62 agents are 80.6% busy, 63 are 79.4%);
 *  - --asa 5 (with the scenario's SL 80/20): Erlang C by the plain
 *    recursion in tests/ref.c gives ASA 6.34 s at 57 agents and 4.37 s at
 *    58, so N = 58.
 * Each interval's simulated answer must equal it (the queue carried from
 * the warm-up is stationary here); --max-reps is raised so the CI is
 * clear of the target at the neighbours for any seed.  These are the
 * mean criterion's occupancy and ASA checks of the simulated interval,
 * which no other test reached (make coverage).
 */
#include "ccs_test.h"

#include <math.h>
#include <stdio.h>

#include "ccs_ref.h"
#include "ccs_testfile.h"

#define STAFF_ARGS "staff scenarios/mmc.cfg --set horizon.intervals=2 --reps 20 " \
                   "--max-reps 3200 --format json "

static void expect_agents(const char *targets, int want, uint64_t salt)
{
    char args[400];
    snprintf(args, sizeof args, STAFF_ARGS "%s%s", targets, ccs_test_seed_arg(salt));
    json_t *j = ccs_test_run_json(args, 0);
    json_t *ivs = json_object_get(j, "intervals");
    ck_assert_int_eq((int)json_array_size(ivs), 2);
    for (size_t k = 0; k < 2; k++) {
        json_t *iv = json_array_get(ivs, k);
        int got = (int)ccs_test_jnum(iv, "simulated_agents");
        ck_assert_msg(got == want, "%s, interval %zu: %d agents, want %d", targets, k, got, want);
    }
    json_decref(j);
}

START_TEST(test_occupancy_binds)
{
    const double load = 1000.0 * 180.0 / 3600.0;
    int want = (int)ceil(load / 0.80);
    ck_assert_int_eq(want, 63);
    expect_agents("--max-occupancy 80%", want, 301);
}
END_TEST

START_TEST(test_asa_binds)
{
    int want = 0;
    for (int n = 51; n < 100 && !want; n++) {
        ccs_ref_mmc f;
        ccs_ref_erlang_c_figures(1000.0, 180.0, n, 20.0, &f);
        if (f.asa_s <= 5.0 && f.service_level >= 0.80) {
            want = n;
        }
    }
    ck_assert_int_eq(want, 58);
    expect_agents("--asa 5", want, 302);
}
END_TEST

Suite *staff_targets_suite(void)
{
    Suite *s = suite_create("staff_targets");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_occupancy_binds);
    tcase_add_test(tc, test_asa_binds);
    suite_add_tcase(s, tc);
    return s;
}
