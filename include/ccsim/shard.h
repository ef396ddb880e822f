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
 * xfer kind, the callback fields of the type cells). */
#define CCS_SHARD_FORMAT 2

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

/* What a shard file's header says. */
typedef struct ccs_shard_info {
    char version[32];            /* the ccsim version that wrote it */
    uint64_t hash;               /* ccs_shard_hash() of its scenario */
    uint64_t seed;
    int reps;                    /* R: the full run's replications */
    int first, end;              /* this shard: replications [first, end) */
    ccs_tally_dims d;
    uint64_t events;             /* events of its replications */
    /* the embedded scenario (owned; ccs_shard_info_fini() frees them) */
    char *file;
    char *text;
    char **sets;
    int n_sets;
    double volume_factor;
} ccs_shard_info;

void ccs_shard_info_fini(ccs_shard_info *h);

/* Writes the shard file of replications [first, first + reps(t)) of reps
 * to fp: header (magic, CCS_SHARD_FORMAT, version, hash, seed, R, A, B,
 * dimensions, events, the embedded scenario), then t's raw tallies, then a
 * checksum.  CCS_OK, or CCS_EIO with err set. */
int ccs_shard_write(FILE *fp, const char *version, const ccs_shard_source *src,
                    const ccs_scenario *sc, int reps, int first, const ccs_tallies *t,
                    uint64_t events, ccs_error *err);

/* Merges the shard files paths[0..n): every header read and checked
 * (magic, format, version equal to `version`, the same scenario hash, seed,
 * R and dimensions as paths[0]), the ranges covering [0, R) with no gap and
 * no overlap, the scenario loaded from the embedded source and its hash
 * checked, the tallies read in replication order, and the results computed
 * as ccs_sim_run() computes them (events summed; threads 0).  Returns the
 * results and their scenario in *sc (free both: ccs_results_free(), then
 * ccs_scenario_free()), or NULL with err set: CCS_EINVAL naming the files
 * and ranges (gap, overlap, mismatch, truncated or foreign file), CCS_EIO
 * (unreadable), CCS_ECONFIG (the embedded scenario no longer loads),
 * CCS_ENOMEM. */
ccs_results *ccs_shard_merge(const char *const *paths, int n, const char *version,
                             ccs_scenario **sc, ccs_error *err);

#endif
