/*
 * cmd_compare.c — `ccsim compare A.cfg B.cfg [C.cfg ...]`: runs every
 * scenario with the same seed and replications (common random numbers) and
 * prints service and cost side by side, with each scenario's difference
 * from the first and its paired 95% interval.
 *
 * Everything is checked before anything runs: options, then every scenario
 * file, so a typo in the third file costs no simulation time.  The seed and
 * replications are the first scenario's unless --seed / --reps say
 * otherwise; they are forced onto every scenario, since pairing replication
 * r of A with replication r of B is what makes the differences precise.
 */
#include "cli/cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/cost.h"
#include "ccsim/cost_report.h"
#include "ccsim/report.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"
#include "ccsim/units.h"
#include "ccsim/workload.h"

typedef struct cmp_args {
    ccs_cli_common c;       /* --reps (0 = the first scenario's), --threads, --format, --out */
    const char **paths;     /* [n_paths], pointing into argv */
    int n_paths;
    long seed;              /* -1 = the first scenario's */
    const char **sets;      /* [n_sets] --set overrides (PATH=VALUE), into argv */
    long *set_for;          /* [n_sets] 0 = every scenario, else the scenario's number */
    int n_sets;
    ccs_cli_shard_opts shard; /* --raw FILE, --reps-range A:B */
} cmp_args;

/* --set [K:]PATH=VALUE: K (1-based) names one scenario; without it the
 * override applies to every scenario.  K is checked against the number of
 * files once they are all known. */
static int add_set(cmp_args *a, const char *val)
{
    long k = 0;
    const char *colon = strchr(val, ':'), *eq = strchr(val, '=');
    const char *set = val;
    if (colon && (!eq || colon < eq) && colon > val) {
        char num[32];
        size_t len = (size_t)(colon - val);
        int digits = len < sizeof num;
        for (size_t i = 0; digits && i < len; i++) {
            digits = val[i] >= '0' && val[i] <= '9';
        }
        if (digits) {
            memcpy(num, val, len);
            num[len] = '\0';
            if (ccs_units_int(num, 1, 1000000, &k) != CCS_OK) {
                return ccs_cli_usage_error("compare",
                                           "--set: expected PATH=VALUE or K:PATH=VALUE with K a "
                                           "scenario number from 1, got '%s'",
                                           val);
            }
            set = colon + 1;
        }
    }
    if (!strchr(set, '=') || set[0] == '=') {
        return ccs_cli_usage_error("compare",
                                   "--set: expected PATH=VALUE or K:PATH=VALUE (e.g. "
                                   "2:agents.[0].cost.price=13), got '%s'",
                                   val);
    }
    a->sets[a->n_sets] = set;
    a->set_for[a->n_sets] = k;
    a->n_sets++;
    return CCS_EXIT_OK;
}

/* --seed is a number here, not an override: it is forced onto every
 * scenario. */
static int apply(cmp_args *a, const char *name, const char *val)
{
    int rc;
    if (strcmp(name, "help") != 0 && ccs_cli_common_opt(&a->c, CCS_ARG_OPT, name, val, &rc)) {
        return rc;
    }
    if (strcmp(name, "set") == 0) {
        return add_set(a, val);
    }
    if (strcmp(name, "raw") == 0) {
        a->shard.raw = val;
        return ccs_cli_check_out("compare", "--raw", val);
    }
    if (strcmp(name, "reps-range") == 0) {
        a->shard.range = val;
        return ccs_cli_parse_range("compare", "--reps-range", val, &a->shard.first,
                                   &a->shard.end);
    }
    if (strcmp(name, "seed") == 0) {
        if (ccs_units_int(val, 0, LONG_MAX, &a->seed) != CCS_OK) {
            return ccs_cli_usage_error("compare",
                                       "--seed: expected an integer from 0 to %ld, got '%s'",
                                       LONG_MAX, val);
        }
        return CCS_EXIT_OK;
    }
    return ccs_cli_usage_error("compare", "unknown option '--%s' (see ccsim compare --help)",
                               name);
}

static int parse(cmp_args *a, int argc, char **argv)
{
    memset(a, 0, sizeof *a);
    a->seed = -1;
    int rc = ccs_cli_common_init(&a->c, "compare",
                                 CCS_CLI_REPS | CCS_CLI_THREADS | CCS_CLI_FORMAT | CCS_CLI_OUT |
                                     CCS_CLI_VOLUME,
                                 argc);
    if (rc != CCS_EXIT_OK) {
        return rc;
    }
    a->c.threads_all_cores = 1;
    a->c.check_out = 1;
    a->paths = calloc((size_t)argc + 1, sizeof *a->paths);
    a->sets = calloc((size_t)argc + 1, sizeof *a->sets);
    a->set_for = calloc((size_t)argc + 1, sizeof *a->set_for);
    if (!a->paths || !a->sets || !a->set_for) {
        return ccs_cli_usage_error("compare", "out of memory");
    }
    int only_files = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (only_files || arg[0] != '-') {
            a->paths[a->n_paths++] = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_files = 1;
            continue;
        }
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            a->c.help = 1;
            continue;
        }
        if (strncmp(arg, "--", 2) != 0) {
            return ccs_cli_usage_error("compare", "unknown option '%s' (see ccsim compare --help)",
                                       arg);
        }
        char name[32];
        const char *eq = strchr(arg, '=');
        size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
        if (len == 0 || len >= sizeof name) {
            return ccs_cli_usage_error("compare", "unknown option '%s' (see ccsim compare --help)",
                                       arg);
        }
        memcpy(name, arg + 2, len);
        name[len] = '\0';
        if (strcmp(name, "quiet") == 0 && !eq) {
            continue;   /* accepted for symmetry with run: compare draws no progress line */
        }
        const char *val;
        if (eq) {
            val = eq + 1;
        } else if (i + 1 < argc) {
            val = argv[++i];
        } else {
            return ccs_cli_usage_error("compare", "--%s: missing value (see ccsim compare --help)",
                                       name);
        }
        rc = apply(a, name, val);
        if (rc != CCS_EXIT_OK) {
            return rc;
        }
    }
    if (!a->c.help && a->n_paths < 2) {
        return ccs_cli_usage_error("compare",
                                   "expected at least two scenario files (A.cfg B.cfg ...), "
                                   "got %d; see ccsim compare --help",
                                   a->n_paths);
    }
    for (int i = 0; !a->c.help && i < a->n_sets; i++) {
        if (a->set_for[i] > a->n_paths) {
            return ccs_cli_usage_error("compare",
                                       "--set: scenario %ld does not exist in '%ld:%s' (%d "
                                       "scenario files: K from 1 to %d)",
                                       a->set_for[i], a->set_for[i], a->sets[i], a->n_paths,
                                       a->n_paths);
        }
    }
    return a->c.help ? CCS_EXIT_OK : ccs_cli_shard_check("compare", &a->shard, a->c.out, NULL);
}

int ccs_cmd_compare(int argc, char **argv)
{
    cmp_args a;
    int rc = parse(&a, argc, argv);
    if (rc != CCS_EXIT_OK || a.c.help) {
        if (rc == CCS_EXIT_OK) {
            ccs_cli_help(stdout, "compare");
        }
        free(a.paths);
        free(a.sets);
        free(a.set_for);
        ccs_cli_common_fini(&a.c);
        return rc;
    }
    int n = a.n_paths;
    ccs_scenario **sc = calloc((size_t)n, sizeof *sc);
    ccs_results **res = calloc((size_t)n, sizeof *res);
    const char **sets = calloc((size_t)(a.n_sets + 1) * (size_t)n, sizeof *sets);
    const char **paths = calloc((size_t)n, sizeof *paths);
    const char *const **set_of = calloc((size_t)n, sizeof *set_of);
    int *n_set_of = calloc((size_t)n, sizeof *n_set_of);
    char (*found)[4096] = calloc((size_t)n, sizeof *found);
    ccs_error err;
    ccs_error_clear(&err);
    if (!sc || !res || !sets || !paths || !set_of || !n_set_of || !found) {
        rc = ccs_cli_usage_error("compare", "out of memory");
        rc = CCS_EXIT_FAIL;
        goto done;
    }
    for (int i = 0; i < n; i++) {
        int ns = 0;   /* the overrides for scenario i, in command-line order */
        const char **mine = sets + (size_t)i * (size_t)(a.n_sets + 1);
        for (int j = 0; j < a.n_sets; j++) {
            if (a.set_for[j] == 0 || a.set_for[j] == i + 1) {
                mine[ns++] = a.sets[j];
            }
        }
        set_of[i] = mine;
        n_set_of[i] = ns;
        paths[i] = ccs_cli_find(a.paths[i], ".cfg", found[i], sizeof found[i]);
    }
    ccs_run_options opt = {0};
    opt.threads = (int)a.c.threads;
    if (a.shard.raw) {
        opt.replications = (int)a.c.reps;
        rc = ccs_cli_compare_shard(paths, set_of, n_set_of, n, a.c.volume_factor, a.seed,
                                   a.c.reps, &a.shard, &opt);
        goto done;
    }
    for (int i = 0; i < n; i++) {
        sc[i] = ccs_scenario_load(paths[i], set_of[i], n_set_of[i], &err);
        if (!sc[i]) {
            rc = ccs_cli_load_error("compare", &err);   /* a missing file is bad input too */
            goto done;
        }
        if (a.c.volume_factor != 1.0 &&
            ccs_workload_scale(sc[i], a.c.volume_factor, &err) != CCS_OK) {
            rc = ccs_cli_load_error("compare", &err);
            goto done;
        }
    }
    uint64_t seed = a.seed >= 0 ? (uint64_t)a.seed : sc[0]->seed;
    opt.replications = (int)(a.c.reps > 0 ? a.c.reps : sc[0]->replications);
    for (int i = 0; i < n; i++) {
        sc[i]->seed = seed;
        res[i] = ccs_cli_simulate(sc[i], &opt, &err);
        if (!res[i]) {
            rc = ccs_cli_report_error("compare", &err);
            goto done;
        }
    }
    rc = ccs_cli_compare_report("compare", (const ccs_results *const *)res, n, a.c.format,
                                a.c.out);
done:
    for (int i = 0; i < n; i++) {
        if (res) {
            ccs_results_free(res[i]);
        }
        if (sc) {
            ccs_scenario_free(sc[i]);
        }
    }
    free(res);
    free(sc);
    free(sets);
    free(paths);
    free(set_of);
    free(n_set_of);
    free(found);
    free(a.paths);
    free(a.sets);
    free(a.set_for);
    ccs_cli_common_fini(&a.c);
    return rc;
}

int ccs_cli_compare_report(const char *cmd, const ccs_results *const *res, int n,
                           ccs_report_format format, const char *out_path)
{
    if (ccs_cli_worker) {
        return CCS_EXIT_OK;   /* a worker rank of ccsim-mpi: rank 0 prints */
    }
    ccs_error err;
    ccs_error_clear(&err);
    ccs_cost_result **cost = calloc((size_t)n, sizeof *cost);
    ccs_compare *cmp = NULL;
    int rc = CCS_EXIT_OK;
    if (!cost) {
        rc = ccs_cli_usage_error(cmd, "out of memory");
        return CCS_EXIT_FAIL;
    }
    for (int i = 0; i < n; i++) {
        cost[i] = ccs_cost_compute(res[i], &err);
        if (!cost[i]) {
            rc = ccs_cli_report_error(cmd, &err);
            goto done;
        }
    }
    cmp = ccs_compare_compute(res, (const ccs_cost_result *const *)cost, n, &err);
    if (!cmp) {
        rc = ccs_cli_report_error(cmd, &err);
        goto done;
    }
    ccs_cli_out out;
    if (ccs_cli_out_open(&out, out_path, &err) != CCS_OK) {
        rc = ccs_cli_report_error(cmd, &err);
        goto done;
    }
    int st;
    switch (format) {
    case CCS_REPORT_CSV:
        st = ccs_compare_csv(out.fp, cmp, &err);
        break;
    case CCS_REPORT_JSON:
        st = ccs_compare_json(out.fp, cmp, &err);
        break;
    default:
        st = ccs_compare_text(out.fp, cmp, &err);
        break;
    }
    if (st != CCS_OK) {
        ccs_cli_out_abort(&out);
        rc = ccs_cli_report_error(cmd, &err);
        goto done;
    }
    if (ccs_cli_out_commit(&out, &err) != CCS_OK) {
        rc = ccs_cli_report_error(cmd, &err);
    }
done:
    ccs_compare_free(cmp);
    for (int i = 0; i < n; i++) {
        ccs_cost_result_free(cost[i]);
    }
    free(cost);
    return rc;
}
