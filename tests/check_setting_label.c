/*
 * check_setting_label.c — a `--set` path in words (setting_label.h), the
 * axis label of sweep's charts: the documented words of the known keys,
 * the group, call type or campaign a list index names (by name when the
 * scenario is given, by index otherwise), a per-interval index read as "in
 * interval k", the fallback for other keys ('_' and '.' as blanks),
 * malformed indexes left as keys, and truncation to the buffer.  Expected
 * strings are written out by hand from the table in setting_label.c and the
 * scenarios' names.
 */
#include "ccs_test.h"

#include <string.h>

#include "ccsim/scenario.h"
#include "ccsim/sweep.h"
#include "scenario/setting_label.h"

static const struct {
    const char *path;
    const char *want;
} no_scenario[] = {
    {"agents.[0].count", "agents, group 0"},
    {"agents.[3].count.[6]", "agents in interval 6, group 3"},
    {"calls.[2].handle_time.mean", "mean handle time (s), call type 2"},
    {"calls.[0].patience.cv", "patience CV, call type 0"},
    {"calls.[1].calls_per_hour.[12]", "calls per hour in interval 12, call type 1"},
    {"outbound.campaigns.[1].list_size", "list size (records), campaign 1"},
    {"outbound.campaigns.[0].abandon_target", "abandon target, campaign 0"},
    {"run.replications", "replications"},
    {"horizon.interval_minutes", "interval length (min)"},
    {"count.[6]", "agents in interval 6"},
    /* not in the table: the keys, '_' and '.' as blanks */
    {"calls.[0].short_abandon.threshold", "short abandon threshold, call type 0"},
    {"run.max_queue", "run max queue"},
    /* not indexes: the owner is not recognised and the path reads as keys */
    {"agents.[x].count", "agents [x] count"},
    {"agents.[12a].count", "agents [12a] count"},
    {"agents.[1000000].count", "agents [1000000] count"},
    {"agents.[].count", "agents [] count"},
    {"outbound.lists.[0].list_size", "outbound lists [0] list size"},
    /* a single trailing part is a key, not an interval */
    {"agents.[0].[4]", "[4], group 0"},
    {"", ""},
};

START_TEST(test_without_scenario)
{
    char buf[200];
    for (size_t i = 0; i < sizeof no_scenario / sizeof no_scenario[0]; i++) {
        ck_assert_msg(strcmp(ccs_setting_label(NULL, no_scenario[i].path, buf, sizeof buf),
                             no_scenario[i].want) == 0,
                      "'%s': got '%s', want '%s'", no_scenario[i].path, buf,
                      no_scenario[i].want);
    }
    ck_assert_str_eq(ccs_setting_label(NULL, NULL, buf, sizeof buf), "");
    ck_assert_str_eq(ccs_setting_label(NULL, "...", buf, sizeof buf), "");
}
END_TEST

/* With the scenario, list elements are named; an index past the list keeps
 * its number. */
START_TEST(test_named_by_scenario)
{
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_load("scenarios/two-types.cfg", NULL, 0, &err);
    ck_assert_msg(sc != NULL, "%s", err.msg);
    char buf[200];
    ck_assert_str_eq(ccs_setting_label(sc, "agents.[2].count", buf, sizeof buf),
                     "agents, group generalists");
    ck_assert_str_eq(ccs_setting_label(sc, "calls.[1].service_level.target", buf, sizeof buf),
                     "SL target, call type service");
    ck_assert_str_eq(ccs_setting_label(sc, "agents.[3].count", buf, sizeof buf),
                     "agents, group 3");
    ck_assert_str_eq(ccs_setting_label(sc, "calls.[2].volume_cv", buf, sizeof buf),
                     "daily volume CV, call type 2");
    ck_assert_str_eq(ccs_setting_label(sc, "outbound.campaigns.[0].max_attempts", buf, sizeof buf),
                     "attempts per record, campaign 0");
    ccs_scenario_free(sc);
    sc = ccs_scenario_load("scenarios/blended.cfg", NULL, 0, &err);
    ck_assert_msg(sc != NULL, "%s", err.msg);
    ck_assert_str_eq(ccs_setting_label(sc, "outbound.campaigns.[0].list_size", buf, sizeof buf),
                     "list size (records), campaign telesales");
    ccs_scenario_free(sc);
}
END_TEST

/* Truncated to the buffer, always terminated. */
START_TEST(test_truncated)
{
    char buf[64];
    memset(buf, 'z', sizeof buf);
    ck_assert_str_eq(ccs_setting_label(NULL, "agents.[0].count", buf, 8), "agents,");
    ck_assert_str_eq(ccs_setting_label(NULL, "agents.[0].count", buf, 7), "agents");
    ck_assert_str_eq(ccs_setting_label(NULL, "calls.[0].some_key", buf, 5), "some");
    ck_assert_str_eq(ccs_setting_label(NULL, "count.[6]", buf, 16), "agents in inter");
    ck_assert_str_eq(ccs_setting_label(NULL, "run.seed", buf, 1), "");
}
END_TEST

/* The sweep's axes carry the label (ccs_sweep_axis.label), with the
 * scenario's names. */
START_TEST(test_sweep_axes)
{
    ccs_sweep_axis ax[2];
    ccs_error err;
    ck_assert_int_eq(ccs_sweep_axis_parse("agents.[0].count=40:40:1", &ax[0], &err), CCS_OK);
    ck_assert_int_eq(ccs_sweep_axis_parse("calls.[0].handle_time.mean=180:180:1", &ax[1], &err),
                     CCS_OK);
    ck_assert_str_eq(ax[0].label, "");
    static const char *const sets[] = {"run.replications=1"};
    ccs_run_options ro = {1, 1, NULL, NULL};
    ccs_sweep_result *r = ccs_sweep_run("scenarios/blended.cfg", sets, 1, ax, 2, &ro, &err);
    ck_assert_msg(r != NULL, "%s", err.msg);
    ck_assert_int_eq(r->n_cells, 1);
    ck_assert_str_eq(r->axes[0].label, "agents, group blended");
    ck_assert_str_eq(r->axes[1].label, "mean handle time (s), call type care");
    ccs_sweep_result_free(r);
}
END_TEST

Suite *setting_label_suite(void)
{
    Suite *s = suite_create("setting_label");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_without_scenario);
    tcase_add_test(tc, test_named_by_scenario);
    tcase_add_test(tc, test_truncated);
    tcase_add_test(tc, test_sweep_axes);
    suite_add_tcase(s, tc);
    return s;
}
