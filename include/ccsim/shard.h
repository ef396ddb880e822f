/*
 * shard.h — replication shards: the raw tallies of replications [A, B) of R,
 * run anywhere (another process, another machine), written to a file, and
 * the exact merge of shards that cover [0, R) into the results of the full
 * run.
 *
 * Replication r draws from the streams of (seed, r) whatever process runs
 * it (ccs_sim_run_range()), and the results are computed from the raw
 * tallies in replication order (ccs_results_from_tallies()), so the merge
 * of any split gives the bytes of the single run.
 *
 * A raw file embeds the scenario it ran: its text, the name reports show,
 * the --set/--seed overrides and the volume factor.  The merge parses that
 * text again (ccs_shard_source_load(), the loader the shard used), so it
 * needs no scenario file; a call type's forecast CSV is read again from
 * where the shard read it, and the scenario hash (which covers the resolved
 * arrival rates and head counts) refuses a merge when it changed.  The
 * format is in docs/cluster.md.
 */
#ifndef CCSIM_SHARD_H
#define CCSIM_SHARD_H

#include <stdint.h>
#include <stdio.h>

#include "ccsim/error.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"
#include "ccsim/tallies.h"

/* The raw file's format version (bumped when the layout changes; 2: the
 * chat dimension and the chat kind of cells, the transfers word and the
 * xfer kind, the callback fields of the type cells; 3: the kind of the
 * shard (run, sweep, compare), its units and the embedded job; 4: the
 * back-office dimension and the bo and bogroup kinds; 5: the chatgroup
 * kind). */
#define CCS_SHARD_FORMAT 5

/* Bounds the reader enforces on a header before allocating anything. */
#define CCS_SHARD_MAX_TEXT (64u << 20)   /* scenario text, bytes */
#define CCS_SHARD_MAX_SETS 100000        /* --set overrides */

/* What a scenario was loaded from, as the shard file records it. */
typedef struct ccs_shard_source {
    const char *file;            /* the name reports show: the path, or "(default)" */
    const char *text;            /* the scenario's text */
    const char *const *sets;     /* [n_sets] "PATH=VALUE" overrides, in order */
    int n_sets;
    double volume_factor;        /* 1 = none */
} ccs_shard_source;

/* Reads the text of the scenario file path (NULL = the embedded default)
 * into *text (malloc'ed, NUL-terminated; free() it).  CCS_OK, or CCS_EIO /
 * CCS_ECONFIG (a NUL byte) / CCS_ENOMEM with err set, as
 * ccs_scenario_load() words them. */
int ccs_shard_source_read(const char *path, char **text, ccs_error *err);

/* The scenario of src: parsed with its overrides (ccs_scenario_parse()),
 * then scaled by its volume factor (ccs_workload_scale()).  NULL with err
 * set as those do. */
ccs_scenario *ccs_shard_source_load(const ccs_shard_source *src, ccs_error *err);

/* A 64-bit FNV-1a hash of src (name, text, overrides, volume factor) and of
 * sc's resolved horizon, seed, arrival rates and head counts. */
uint64_t ccs_shard_hash(const ccs_shard_source *src, const ccs_scenario *sc);

/* What a shard file holds: the shard of a run (one scenario), of a sweep
 * (one base scenario and its --vary axes; a unit is a cell) or of a
 * compare (one scenario per unit, all run with one seed). */
typedef enum ccs_shard_kind {
    CCS_SHARD_RUN = 0,
    CCS_SHARD_SWEEP = 1,
    CCS_SHARD_COMPARE = 2
} ccs_shard_kind;

#define CCS_SHARD_N_KINDS 3

/* "run", "sweep", "compare". */
const char *ccs_shard_kind_name(ccs_shard_kind k);

/* The job every shard of a run, sweep or compare shares. */
typedef struct ccs_shard_job {
    ccs_shard_kind kind;
    uint64_t hash;               /* run: ccs_shard_hash() of its scenario; sweep and
                                    compare: ccs_shard_job_hash() of their units' */
    uint64_t seed;
    int reps;                    /* R, every unit's */
    int units;                   /* run 1, sweep its cells, compare its scenarios */
    int n_sources;               /* run and sweep 1, compare = units */
    const ccs_shard_source *sources;
    int n_axes;                  /* sweep: the --vary specs, as given */
    const char *const *axes;
} ccs_shard_job;

/* The hash of a sweep or compare: kind, axes and every unit's
 * ccs_shard_hash() in unit order. */
uint64_t ccs_shard_job_hash(ccs_shard_kind kind, const char *const *axes, int n_axes,
                            const uint64_t *unit_hash, int units);

/* What a shard file's header says. */
typedef struct ccs_shard_info {
    char version[32];            /* the ccsim version that wrote it */
    ccs_shard_kind kind;
    uint64_t hash;               /* the job's hash */
    uint64_t seed;
    int reps;                    /* R: the full run's replications */
    int first, end;              /* this shard: replications [first, end) */
    int units;                   /* the job's units */
    int ufirst, uend;            /* this shard: units [ufirst, uend) */
    /* the embedded job (owned; ccs_shard_info_fini() frees them) */
    int n_sources;
    ccs_shard_source *sources;
    int n_axes;
    char **axes;
    /* per unit of the shard [uend - ufirst]: dimensions, events and where
     * its doubles start in the file */
    ccs_tally_dims *dims;
    uint64_t *events;
    long *offset;
} ccs_shard_info;

void ccs_shard_info_fini(ccs_shard_info *h);

/* Writes a shard file unit by unit: ccs_shard_begin() the header (magic,
 * CCS_SHARD_FORMAT, version, the job, replications [first, end) and units
 * [ufirst, uend)), then ccs_shard_put_unit() once per unit in order (its
 * tallies, of end - first replications), then ccs_shard_end() the checksum.
 * Each returns CCS_OK, or CCS_EIO with err set (CCS_EINVAL for a unit of
 * the wrong size or count). */
typedef struct ccs_shard_writer {
    FILE *fp;
    uint64_t sum;
    int bad;
    int reps_in, units_left;
} ccs_shard_writer;

int ccs_shard_begin(ccs_shard_writer *w, FILE *fp, const char *version, const ccs_shard_job *job,
                    int first, int end, int ufirst, int uend, ccs_error *err);
int ccs_shard_put_unit(ccs_shard_writer *w, const ccs_tallies *t, uint64_t events,
                       ccs_error *err);
int ccs_shard_end(ccs_shard_writer *w, ccs_error *err);

/* The shard file of a run: replications [first, first + reps(t)) of reps
 * of one scenario (a job of kind CCS_SHARD_RUN, hash ccs_shard_hash()). */
int ccs_shard_write(FILE *fp, const char *version, const ccs_shard_source *src,
                    const ccs_scenario *sc, int reps, int first, const ccs_tallies *t,
                    uint64_t events, ccs_error *err);

/* Shard files opened together for a merge (shard_read.c). */
typedef struct ccs_shard_set ccs_shard_set;

/* Reads and checks paths[0..n): every file whole (magic, format, version
 * equal to `version`, its checksum, nothing after it), the same kind, job
 * hash, seed, R and units as paths[0], and for every unit the replication
 * ranges of the files holding it covering [0, R) with no gap and no
 * overlap.  NULL with err set: CCS_EINVAL naming the files and ranges,
 * CCS_EIO (unreadable), CCS_ENOMEM. */
ccs_shard_set *ccs_shard_open(const char *const *paths, int n, const char *version,
                              ccs_error *err);

/* The job of the set (paths[0]'s header; sources and axes owned by the
 * set). */
const ccs_shard_info *ccs_shard_set_info(const ccs_shard_set *s);

/* The tallies of unit u, all R replications in order, read from the files
 * that hold it; *events their events.  d is the unit's scenario's
 * dimensions: files of others are refused.  NULL with err set. */
ccs_tallies *ccs_shard_set_unit(ccs_shard_set *s, int u, const ccs_tally_dims *d,
                                uint64_t *events, ccs_error *err);

void ccs_shard_close(ccs_shard_set *s);

/* Merges the shard files of a run (kind CCS_SHARD_RUN): ccs_shard_open(),
 * the scenario loaded from the embedded source and its hash checked, and
 * the results computed as ccs_sim_run() computes them (events summed;
 * threads 0).  Returns the results and their scenario in *sc (free both:
 * ccs_results_free(), then ccs_scenario_free()), or NULL with err set as
 * ccs_shard_open(), or CCS_ECONFIG (the embedded scenario no longer
 * loads), CCS_EINVAL (shards of a sweep or compare). */
ccs_results *ccs_shard_merge(const char *const *paths, int n, const char *version,
                             ccs_scenario **sc, ccs_error *err);

/* ccs_shard_merge() of a set already open (which stays open). */
ccs_results *ccs_shard_merge_set(ccs_shard_set *set, ccs_scenario **sc, ccs_error *err);

/* For merges of sweeps and compares: checks that sc, loaded from the
 * embedded source of unit u, hashes as the shards' job (the caller combines
 * the units' hashes); the message of a scenario that loads differently now. */
int ccs_shard_changed_error(const ccs_shard_set *s, ccs_error *err);

#endif
