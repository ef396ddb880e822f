/*
 * sweep.h — what-if grids: run a scenario for every combination of values
 * of one or more settings and tabulate the day's figures.
 *
 * An axis is "PATH=LO:HI:STEP" (PATH in --set syntax, e.g.
 * "agents.[0].count=40:70:5"); the grid is the Cartesian product of the
 * axes, the first axis varying slowest.  Every cell loads the scenario with
 * the user's overrides followed by the cell's ("PATH=value"), so the cell's
 * values win, and runs it with the same seed: common random numbers, so the
 * differences between cells are differences of the settings, not of luck.
 * Output layouts are documented in docs/cli.md (## ccsim sweep).
 */
#ifndef CCSIM_SWEEP_H
#define CCSIM_SWEEP_H

#include <stddef.h>
#include <stdint.h>
#include "ccsim/error.h"
#include "ccsim/sim.h"

#define CCS_SWEEP_MAX_CELLS 100000
#define CCS_SWEEP_MAX_AXES 8   /* --vary settings of one sweep */

typedef struct ccs_sweep_axis {
    char path[200];     /* the setting, --set syntax */
    double lo;
    double hi;
    double step;        /* > 0 */
    int integer;        /* lo, hi and step were written as integers: values are
                           passed and printed as integers (an integer setting
                           stays an integer) */
    int n;              /* number of values: floor((hi - lo) / step) + 1 */
    char label[200];    /* the setting in words (setting_label.h), filled by
                           ccs_sweep_run(); "" before */
} ccs_sweep_axis;

/* Parses "PATH=LO:HI:STEP" (plain numbers, LO <= HI, STEP > 0, at most
 * CCS_SWEEP_MAX_CELLS values).  Returns CCS_OK, or CCS_EINVAL with a message
 * in err (key "axis"). */
int ccs_sweep_axis_parse(const char *spec, ccs_sweep_axis *ax, ccs_error *err);

/* Value i (0 <= i < ax->n) of the axis, and its text as passed to --set
 * (buf of size n; returns buf). */
double ccs_sweep_axis_value(const ccs_sweep_axis *ax, int i);
char *ccs_sweep_axis_text(const ccs_sweep_axis *ax, int i, char *buf, size_t n);

typedef struct ccs_sweep_cell {
    int *index;           /* [n_axes] value index on each axis; owned by the result */
    double *values;       /* [n_axes] the values; owned by the result */
    ccs_figures summary;  /* the day, all call types */
    int costed;           /* the cell's scenario has a cost section (cost.h) */
    ccs_estimate cost_per_handled_call;     /* as `ccsim run`'s cost, when costed */
    ccs_estimate cost_per_resolved_contact;
    ccs_estimate cost_per_month;
    ccs_estimate cost_per_day;
} ccs_sweep_cell;

typedef struct ccs_sweep_result {
    char scenario[128];   /* the scenario's name (first cell) */
    char file[256];
    double volume_factor; /* every cell's arrivals scaled by this (1 = unscaled) */
    int replications;
    uint64_t seed;
    int n_axes;
    ccs_sweep_axis *axes; /* [n_axes] copies */
    int costed;           /* some cell is costed: the tables get cost columns */
    int n_cells;          /* product of the axes' n */
    ccs_sweep_cell *cells;/* [n_cells], first axis slowest */
} ccs_sweep_result;

/* Runs the grid.  path NULL = the embedded default scenario; sets[0..n_sets)
 * are the user's overrides; opt as for ccs_sim_run() (replications 0 = the
 * scenario's).  Returns a new result (free with ccs_sweep_result_free()), or
 * NULL with err filled: the scenario loader's error for a bad cell (e.g. a
 * PATH that does not exist, key = the override), CCS_EINVAL for more than
 * CCS_SWEEP_MAX_CELLS cells (key "axes"), CCS_ENOMEM. */
ccs_sweep_result *ccs_sweep_run(const char *path, const char *const *sets, int n_sets,
                                const ccs_sweep_axis *axes, int n_axes,
                                const ccs_run_options *opt, ccs_error *err);

/* As ccs_sweep_run(), with every cell's arrivals scaled by volume_factor
 * (ccs_workload_scale(), after the overrides; 1 = unscaled).  A factor
 * out of range is CCS_EINVAL with key "volume_factor". */
ccs_sweep_result *ccs_sweep_run_scaled(const char *path, const char *const *sets, int n_sets,
                                       double volume_factor, const ccs_sweep_axis *axes,
                                       int n_axes, const ccs_run_options *opt, ccs_error *err);

/* What runs a cell's scenario: ccs_sim_run(), or one that spreads its
 * replications over processes (bin/ccsim-mpi). */
typedef ccs_results *(*ccs_sweep_runner)(const ccs_scenario *sc, const ccs_run_options *opt,
                                         ccs_error *err);

/* As ccs_sweep_run_scaled(), every cell run by run. */
ccs_sweep_result *ccs_sweep_run_with(const char *path, const char *const *sets, int n_sets,
                                     double volume_factor, const ccs_sweep_axis *axes,
                                     int n_axes, const ccs_run_options *opt, ccs_sweep_runner run,
                                     ccs_error *err);

/* The pieces of a sweep whose cells ran elsewhere (shards, processes):
 *
 * ccs_sweep_cells(): the number of cells of the grid, or -1 with err set
 * (CCS_EINVAL, key "axes") beyond CCS_SWEEP_MAX_CELLS.
 *
 * ccs_sweep_cell_sets(): the overrides cell c loads the scenario with:
 * sets[0..n_sets), then one "PATH=value" per axis, into all[0..n_sets +
 * n_axes) (the axis texts in texts, 256 bytes per axis; 1 <= n_axes <=
 * CCS_SWEEP_MAX_AXES).
 *
 * ccs_sweep_result_new(): the grid with every cell's index and values and
 * no figures (NULL with err set).
 *
 * ccs_sweep_result_set(): cell c's figures from its scenario and results
 * (and, for cell 0, the grid's scenario name, file, replications, seed and
 * axis labels), exactly as ccs_sweep_run() fills them.  CCS_OK, or the
 * cost computation's error. */
int ccs_sweep_cells(const ccs_sweep_axis *axes, int n_axes, ccs_error *err);
void ccs_sweep_cell_sets(const ccs_sweep_axis *axes, int n_axes, int c, const char *const *sets,
                         int n_sets, const char **all, char *texts);
ccs_sweep_result *ccs_sweep_result_new(const ccs_sweep_axis *axes, int n_axes,
                                       double volume_factor, ccs_error *err);
int ccs_sweep_result_set(ccs_sweep_result *r, int c, const ccs_scenario *sc,
                         const ccs_results *res, ccs_error *err);

void ccs_sweep_result_free(ccs_sweep_result *r);

/* The writers of a grid are in sweep_report.h. */

#endif
