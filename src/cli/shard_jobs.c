/*
 * shard_jobs.c — the shards of `ccsim sweep` and `ccsim compare`
 * (`--reps-range A:B --raw FILE`, and a sweep's `--cells A:B`) and their
 * merge by `ccsim merge` (docs/cluster.md).
 *
 * A unit is what one ccs_sim_run() simulates: a sweep's cell, a compare's
 * scenario.  A shard holds replications [A, B) of units [U0, U1) and the
 * job they belong to: the scenario text(s) with their overrides, and a
 * sweep's --vary specs.  Writer and merge load a unit's scenario the same
 * way (job_load(): the embedded text, the user's overrides, then the
 * cell's, then the volume factor; a compare's seed forced on every
 * scenario), and the job's hash covers every unit's, so a merge refuses
 * shards of another grid, scenario or seed.  The reports are the single
 * commands' own writers, fed the same results.
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/shard.h"
#include "ccsim/sim.h"
#include "ccsim/sweep.h"

int ccs_cli_worker = 0;

/* ---- ranges ---------------------------------------------------------------------- */

static const char *range_form(const char *opt)
{
    return strcmp(opt, "--cells") == 0
               ? "A:B, whole numbers with 0 <= A < B <= N (cells A to B-1 of the N of the grid)"
               : "A:B, whole numbers with 0 <= A < B <= R (replications A to B-1 of R)";
}

static int range_error(const char *cmd, const char *opt, const char *val)
{
    char safe[256];
    return ccs_cli_usage_error(cmd, "%s: expected %s, got '%s'", opt, range_form(opt),
                               ccs_escape(safe, sizeof safe, val));
}

int ccs_cli_parse_range(const char *cmd, const char *opt, const char *val, long *first,
                        long *end)
{
    const char *colon = strchr(val, ':');
    if (!colon || colon == val || !colon[1]) {
        return range_error(cmd, opt, val);
    }
    for (const char *c = val; *c; c++) {
        if (!(*c >= '0' && *c <= '9') && c != colon) {
            return range_error(cmd, opt, val);
        }
    }
    char *e;
    errno = 0;
    long a = strtol(val, &e, 10);
    if (e != colon || errno) {
        return range_error(cmd, opt, val);
    }
    long b = strtol(colon + 1, &e, 10);
    long max = strcmp(opt, "--cells") == 0 ? CCS_SWEEP_MAX_CELLS : CCS_CLI_MAX_REPS;
    if (*e || errno || a >= b || b > max) {
        return range_error(cmd, opt, val);
    }
    *first = a;
    *end = b;
    return CCS_EXIT_OK;
}

int ccs_cli_range_beyond(const char *cmd, const char *opt, const char *val, long n)
{
    char safe[256];
    return ccs_cli_usage_error(cmd, "%s: expected %s with %s = %ld, got '%s'", opt,
                               range_form(opt), strcmp(opt, "--cells") == 0 ? "N" : "R", n,
                               ccs_escape(safe, sizeof safe, val));
}

int ccs_cli_shard_check(const char *cmd, const ccs_cli_shard_opts *so, const char *out,
                        const char *plot)
{
    if ((so->range || so->cells) && !so->raw) {
        return ccs_cli_usage_error(cmd, "%s: needs --raw FILE (a shard's tallies go to a file "
                                        "for ccsim merge)",
                                   so->range ? "--reps-range" : "--cells");
    }
    if (so->raw && (out || plot)) {
        return ccs_cli_usage_error(cmd, "%s: not with --raw (the report of a sharded run comes "
                                        "from ccsim merge)",
                                   out ? "--out" : "--plot");
    }
    return CCS_EXIT_OK;
}

/* ---- the job's units ------------------------------------------------------------- */

typedef struct job {
    ccs_shard_kind kind;
    const ccs_shard_source *sources;
    const ccs_sweep_axis *axes;   /* sweep */
    int n_axes;
    int force_seed;               /* compare: every scenario runs seed */
    uint64_t seed;
    const char **all;             /* sweep: a cell's overrides */
    char texts[CCS_SWEEP_MAX_AXES * 256];
} job;

/* Unit u's scenario, loaded as every shard and merge loads it, and its
 * hash; NULL with err set. */
static ccs_scenario *job_load(job *j, int u, uint64_t *hash, ccs_error *err)
{
    ccs_shard_source src = j->sources[j->kind == CCS_SHARD_COMPARE ? u : 0];
    if (j->kind == CCS_SHARD_SWEEP) {
        ccs_sweep_cell_sets(j->axes, j->n_axes, u, src.sets, src.n_sets, j->all, j->texts);
        src.sets = j->all;
        src.n_sets += j->n_axes;
    }
    ccs_scenario *sc = ccs_shard_source_load(&src, err);
    if (sc && j->force_seed) {
        sc->seed = j->seed;
    }
    if (sc) {
        *hash = ccs_shard_hash(&src, sc);
    }
    return sc;
}

/* Writes the shard: replications [first, end) of units [ufirst, uend),
 * each unit loaded again and run (sc[u] when the caller holds them). */
static int write_shard(const char *cmd, job *j, const ccs_shard_job *sj, ccs_scenario **sc,
                       long first, long end, long ufirst, long uend, const char *raw,
                       const ccs_run_options *opt)
{
    ccs_error err;
    ccs_error_clear(&err);
    ccs_cli_out out;
    if (ccs_cli_out_open(&out, raw, &err) != CCS_OK) {
        return ccs_cli_report_error(cmd, &err);
    }
    ccs_shard_writer w;
    int st = ccs_shard_begin(&w, out.fp, ccs_cli_shard_version(), sj, (int)first, (int)end,
                             (int)ufirst, (int)uend, &err);
    for (long u = ufirst; u < uend && st == CCS_OK; u++) {
        uint64_t hash, events = 0;
        ccs_scenario *mine = sc ? sc[u] : job_load(j, (int)u, &hash, &err);
        if (!mine) {
            ccs_cli_out_abort(&out);
            return ccs_cli_load_error(cmd, &err);
        }
        ccs_tallies *t = ccs_sim_run_range(mine, opt, (int)first, (int)(end - first), &events,
                                           &err);
        if (!sc) {
            ccs_scenario_free(mine);
        }
        st = t ? ccs_shard_put_unit(&w, t, events, &err) : (int)err.code;
        ccs_tallies_free(t);
    }
    if (st == CCS_OK) {
        st = ccs_shard_end(&w, &err);
    }
    if (st != CCS_OK) {
        ccs_cli_out_abort(&out);
        return ccs_cli_report_error(cmd, &err);
    }
    if (ccs_cli_out_commit(&out, &err) != CCS_OK) {
        return ccs_cli_report_error(cmd, &err);
    }
    return CCS_EXIT_OK;
}

/* ---- sweep --raw ----------------------------------------------------------------- */

int ccs_cli_sweep_shard(const ccs_cli_common *c, const ccs_sweep_axis *axes,
                        const char *const *specs, int n_axes, const ccs_cli_shard_opts *so,
                        const ccs_run_options *opt)
{
    ccs_error err;
    ccs_error_clear(&err);
    char *text = NULL;
    if (ccs_shard_source_read(c->path, &text, &err) != CCS_OK) {
        return ccs_cli_load_error("sweep", &err);
    }
    ccs_shard_source src = {c->path, text, c->sets.v, c->sets.n, c->volume_factor};
    job j = {CCS_SHARD_SWEEP, &src, axes, n_axes, 0, 0, NULL, {0}};
    int rc = CCS_EXIT_OK;
    uint64_t *hash = NULL;
    int cells = ccs_sweep_cells(axes, n_axes, &err);
    if (cells < 0) {
        rc = ccs_cli_load_error("sweep", &err);
        goto done;
    }
    long ufirst = so->cells ? so->cfirst : 0, uend = so->cells ? so->cend : cells;
    if (uend > cells) {
        rc = ccs_cli_range_beyond("sweep", "--cells", so->cells, cells);
        goto done;
    }
    j.all = calloc((size_t)(c->sets.n + n_axes), sizeof *j.all);
    hash = calloc((size_t)cells, sizeof *hash);
    if (!j.all || !hash) {
        rc = ccs_cli_usage_error("sweep", "out of memory");
        rc = CCS_EXIT_FAIL;
        goto done;
    }
    /* Every cell is loaded (checked, as the sweep checks them before
     * running) for the job's hash, which covers the whole grid. */
    long reps = c->reps;
    uint64_t seed = 0;
    for (int u = 0; u < cells; u++) {
        ccs_scenario *sc = job_load(&j, u, &hash[u], &err);
        if (!sc) {
            rc = ccs_cli_load_error("sweep", &err);
            goto done;
        }
        if (u == 0) {
            seed = sc->seed;
            reps = reps > 0 ? reps : sc->replications;
        } else if (c->reps == 0 && sc->replications != reps) {
            rc = ccs_cli_usage_error("sweep", "--raw: cell %d runs %d replications, cell 1 %ld: "
                                              "give --reps for a sharded sweep",
                                     u + 1, sc->replications, reps);
            ccs_scenario_free(sc);
            goto done;
        }
        ccs_scenario_free(sc);
    }
    long first = so->range ? so->first : 0, end = so->range ? so->end : reps;
    if (end > reps) {
        rc = ccs_cli_range_beyond("sweep", "--reps-range", so->range, reps);
        goto done;
    }
    ccs_shard_job sj = {CCS_SHARD_SWEEP,
                        ccs_shard_job_hash(CCS_SHARD_SWEEP, specs, n_axes, hash, cells),
                        seed,
                        (int)reps,
                        cells,
                        1,
                        &src,
                        n_axes,
                        specs};
    rc = write_shard("sweep", &j, &sj, NULL, first, end, ufirst, uend, so->raw, opt);
done:
    free(hash);
    free(j.all);
    free(text);
    return rc;
}

/* ---- compare --raw --------------------------------------------------------------- */

int ccs_cli_compare_shard(const char *const *paths, const char *const *const *sets,
                          const int *n_sets, int n, double volume_factor, long seed_opt,
                          long reps_opt, const ccs_cli_shard_opts *so, const ccs_run_options *opt)
{
    ccs_error err;
    ccs_error_clear(&err);
    ccs_shard_source *src = calloc((size_t)n, sizeof *src);
    char **text = calloc((size_t)n, sizeof *text);
    ccs_scenario **sc = calloc((size_t)n, sizeof *sc);
    uint64_t *hash = calloc((size_t)n, sizeof *hash);
    int rc = CCS_EXIT_OK;
    if (!src || !text || !sc || !hash) {
        rc = ccs_cli_usage_error("compare", "out of memory");
        rc = CCS_EXIT_FAIL;
        goto done;
    }
    for (int i = 0; i < n; i++) {
        if (ccs_shard_source_read(paths[i], &text[i], &err) != CCS_OK) {
            rc = ccs_cli_load_error("compare", &err);
            goto done;
        }
        src[i] = (ccs_shard_source){paths[i], text[i], sets[i], n_sets[i], volume_factor};
    }
    job j = {CCS_SHARD_COMPARE, src, NULL, 0, 0, 0, NULL, {0}};
    for (int i = 0; i < n; i++) {
        sc[i] = job_load(&j, i, &hash[i], &err);
        if (!sc[i]) {
            rc = ccs_cli_load_error("compare", &err);
            goto done;
        }
        if (i == 0) {
            /* The seed and replications are the first scenario's unless
             * given, forced onto every scenario (as compare does). */
            j.force_seed = 1;
            j.seed = seed_opt >= 0 ? (uint64_t)seed_opt : sc[0]->seed;
            reps_opt = reps_opt > 0 ? reps_opt : sc[0]->replications;
            sc[0]->seed = j.seed;
            hash[0] = ccs_shard_hash(&src[0], sc[0]);
        }
    }
    long first = so->range ? so->first : 0, end = so->range ? so->end : reps_opt;
    if (end > reps_opt) {
        rc = ccs_cli_range_beyond("compare", "--reps-range", so->range, reps_opt);
        goto done;
    }
    ccs_shard_job sj = {CCS_SHARD_COMPARE,
                        ccs_shard_job_hash(CCS_SHARD_COMPARE, NULL, 0, hash, n),
                        j.seed,
                        (int)reps_opt,
                        n,
                        n,
                        src,
                        0,
                        NULL};
    rc = write_shard("compare", &j, &sj, sc, first, end, 0, n, so->raw, opt);
done:
    for (int i = 0; i < n && sc; i++) {
        ccs_scenario_free(sc[i]);
    }
    for (int i = 0; i < n && text; i++) {
        free(text[i]);
    }
    free(sc);
    free(text);
    free(src);
    free(hash);
    return rc;
}

/* ---- merge ----------------------------------------------------------------------- */

/* Unit u's results from the set: its scenario loaded (*scp), its tallies
 * read.  NULL with err set. */
static ccs_results *unit_results(ccs_shard_set *set, job *j, int u, ccs_scenario **scp,
                                 ccs_error *err)
{
    uint64_t hash, events = 0;
    ccs_scenario *sc = job_load(j, u, &hash, err);
    *scp = sc;
    if (!sc) {
        return NULL;
    }
    ccs_tally_dims d = ccs_tally_dims_of(sc);
    ccs_tallies *t = ccs_shard_set_unit(set, u, &d, &events, err);
    ccs_results *res = t ? ccs_results_from_tallies(sc, t, err) : NULL;
    if (res) {
        res->events = events;
    }
    return res;
}

/* Every unit loads and the job hashes as the shards say. */
static int check_job(ccs_shard_set *set, job *j, ccs_error *err)
{
    const ccs_shard_info *h = ccs_shard_set_info(set);
    uint64_t *hash = calloc((size_t)h->units, sizeof *hash);
    if (!hash) {
        return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
    }
    int rc = CCS_OK;
    for (int u = 0; u < h->units && rc == CCS_OK; u++) {
        ccs_scenario *sc = job_load(j, u, &hash[u], err);
        rc = sc ? CCS_OK : (int)err->code;
        ccs_scenario_free(sc);
    }
    if (rc == CCS_OK &&
        ccs_shard_job_hash(h->kind, (const char *const *)h->axes, h->n_axes, hash, h->units) !=
            h->hash) {
        rc = ccs_shard_changed_error(set, err);
    }
    free(hash);
    return rc;
}

int ccs_cli_merge_sweep(ccs_shard_set *set, ccs_report_format format, const char *out,
                        const char *plot)
{
    ccs_error err;
    ccs_error_clear(&err);
    const ccs_shard_info *h = ccs_shard_set_info(set);
    ccs_sweep_axis axes[CCS_SWEEP_MAX_AXES];
    if (h->n_axes > CCS_SWEEP_MAX_AXES) {
        return ccs_cli_usage_error("merge", "bad header: %d axes", h->n_axes);
    }
    for (int a = 0; a < h->n_axes; a++) {
        if (ccs_sweep_axis_parse(h->axes[a], &axes[a], &err) != CCS_OK) {
            return ccs_cli_load_error("merge", &err);
        }
    }
    job j = {CCS_SHARD_SWEEP, h->sources, axes, h->n_axes, 0, 0, NULL, {0}};
    ccs_sweep_result *r = NULL;
    int rc = CCS_EXIT_OK;
    j.all = calloc((size_t)(h->sources[0].n_sets + h->n_axes), sizeof *j.all);
    if (!j.all) {
        rc = ccs_cli_usage_error("merge", "out of memory");
        rc = CCS_EXIT_FAIL;
        goto done;
    }
    if (ccs_sweep_cells(axes, h->n_axes, &err) != h->units) {
        rc = ccs_cli_usage_error("merge", "bad header: the grid has not %d cells", h->units);
        goto done;
    }
    if (check_job(set, &j, &err) != CCS_OK ||
        !(r = ccs_sweep_result_new(axes, h->n_axes, h->sources[0].volume_factor, &err))) {
        rc = ccs_cli_load_error("merge", &err);
        goto done;
    }
    for (int u = 0; u < h->units; u++) {
        ccs_scenario *sc = NULL;
        ccs_results *res = unit_results(set, &j, u, &sc, &err);
        int st = res ? ccs_sweep_result_set(r, u, sc, res, &err) : (int)err.code;
        ccs_results_free(res);
        ccs_scenario_free(sc);
        if (st != CCS_OK) {
            rc = ccs_cli_load_error("merge", &err);
            goto done;
        }
    }
    rc = ccs_cli_sweep_report("merge", r, format, out, plot);
done:
    ccs_sweep_result_free(r);
    free(j.all);
    return rc;
}

int ccs_cli_merge_compare(ccs_shard_set *set, ccs_report_format format, const char *out)
{
    ccs_error err;
    ccs_error_clear(&err);
    const ccs_shard_info *h = ccs_shard_set_info(set);
    job j = {CCS_SHARD_COMPARE, h->sources, NULL, 0, 1, h->seed, NULL, {0}};
    int n = h->units, rc = CCS_EXIT_OK;
    ccs_scenario **sc = calloc((size_t)n, sizeof *sc);
    ccs_results **res = calloc((size_t)n, sizeof *res);
    if (!sc || !res) {
        rc = ccs_cli_usage_error("merge", "out of memory");
        rc = CCS_EXIT_FAIL;
        goto done;
    }
    if (check_job(set, &j, &err) != CCS_OK) {
        rc = ccs_cli_load_error("merge", &err);
        goto done;
    }
    for (int u = 0; u < n; u++) {
        res[u] = unit_results(set, &j, u, &sc[u], &err);
        if (!res[u]) {
            rc = ccs_cli_load_error("merge", &err);
            goto done;
        }
    }
    rc = ccs_cli_compare_report("merge", (const struct ccs_results *const *)res, n, format, out);
done:
    for (int u = 0; u < n && sc; u++) {
        if (res) {
            ccs_results_free(res[u]);
        }
        ccs_scenario_free(sc[u]);
    }
    free(sc);
    free(res);
    return rc;
}
