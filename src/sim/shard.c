/*
 * shard.c — the raw file of a replication shard: the job's source and hash,
 * and the writer (shard.h).  The reader and the merge are in shard_read.c.
 *
 * Layout (every integer little-endian, every double as its IEEE-754 bits in
 * a little-endian u64, every string a u32 length then its bytes):
 *
 *   "CCSIMRAW"  u32 format  str version  u32 kind  u64 hash  u64 seed
 *   u32 R  u32 A  u32 B  u32 units  u32 U0  u32 U1
 *   u32 kinds  u32 fields[kinds]
 *   u32 n_sources  { str file  str text  u32 n_sets  str sets[n_sets]  f64 volume_factor }
 *   u32 n_axes  str axes[n_axes]
 *   units U0..U1-1, each: u32 intervals  u32 types  u32 groups  u32 campaigns
 *                         u32 chats  u32 transfers  u32 backoffice (format >= 4)
 *                         u64 events  u64 data_bytes
 *                         f64 data[...]
 *   u64 checksum
 *
 * A unit's data holds kind after kind (tallies.h order), each kind's cells
 * of replications A..B-1 in order: the slices the merged ccs_tallies holds.
 * The checksum is FNV-1a 64 of every byte before it, so a truncated or
 * damaged file is refused rather than merged.
 */
#include "ccsim/shard.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/workload.h"
#include "sim/shard_impl.h"

#define fnv ccs_fnv
#define fnv_u64 ccs_fnv_u64
#define fnv_str ccs_fnv_str
#define dbits ccs_dbits
#define FNV_OFFSET CCS_FNV_OFFSET

const char *ccs_shard_kind_name(ccs_shard_kind k)
{
    static const char *const names[CCS_SHARD_N_KINDS] = {"run", "sweep", "compare"};
    return (unsigned)k < CCS_SHARD_N_KINDS ? names[k] : "?";
}

/* ---- the source -------------------------------------------------------------- */

int ccs_shard_source_read(const char *path, char **text, ccs_error *err)
{
    *text = NULL;
    if (!path) {
        const char *d = ccs_scenario_default_text();
        *text = malloc(strlen(d) + 1);
        if (!*text) {
            return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        }
        memcpy(*text, d, strlen(d) + 1);
        return CCS_OK;
    }
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        return ccs_error_set(err, CCS_EIO, path, 0, NULL, "cannot open scenario: %s",
                             strerror(errno));
    }
    size_t cap = 8192, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + len, 1, cap - len - 1, fp);
        len += got;
        if (got == 0) {
            break;
        }
        if (cap - len <= 1) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    int bad = ferror(fp);
    int e = errno;
    fclose(fp);
    if (!buf) {
        return ccs_error_set(err, CCS_ENOMEM, path, 0, NULL, "out of memory reading the scenario");
    }
    if (bad) {
        free(buf);
        return ccs_error_set(err, CCS_EIO, path, 0, NULL, "cannot read scenario: %s", strerror(e));
    }
    buf[len] = '\0';
    if (strlen(buf) != len) {
        free(buf);
        return ccs_error_set(err, CCS_ECONFIG, path, 0, NULL,
                             "not a text file (contains a NUL byte)");
    }
    *text = buf;
    return CCS_OK;
}

ccs_scenario *ccs_shard_source_load(const ccs_shard_source *src, ccs_error *err)
{
    ccs_scenario *sc = ccs_scenario_parse(src->text, src->file, src->sets, src->n_sets, err);
    if (sc && src->volume_factor != 1.0 && ccs_workload_scale(sc, src->volume_factor, err) != CCS_OK) {
        ccs_scenario_free(sc);
        return NULL;
    }
    return sc;
}

uint64_t ccs_shard_hash(const ccs_shard_source *src, const ccs_scenario *sc)
{
    uint64_t h = FNV_OFFSET;
    h = fnv_str(h, src->file);
    h = fnv_str(h, src->text);
    h = fnv_u64(h, (uint64_t)src->n_sets);
    for (int i = 0; i < src->n_sets; i++) {
        h = fnv_str(h, src->sets[i]);
    }
    h = fnv_u64(h, dbits(src->volume_factor));
    h = fnv_u64(h, (uint64_t)sc->n_intervals);
    h = fnv_u64(h, dbits(sc->interval_s));
    h = fnv_u64(h, sc->seed);
    h = fnv_u64(h, (uint64_t)sc->n_types);
    for (int t = 0; t < sc->n_types; t++) {
        for (int k = 0; k < sc->n_intervals; k++) {
            h = fnv_u64(h, dbits(sc->types[t].rate_per_hour[k]));
        }
    }
    h = fnv_u64(h, (uint64_t)sc->n_groups);
    for (int g = 0; g < sc->n_groups; g++) {
        for (int k = 0; k < sc->n_intervals; k++) {
            h = fnv_u64(h, (uint64_t)(int64_t)sc->groups[g].count[k]);
        }
    }
    h = fnv_u64(h, (uint64_t)sc->n_campaigns);
    return h;
}


uint64_t ccs_shard_job_hash(ccs_shard_kind kind, const char *const *axes, int n_axes,
                            const uint64_t *unit_hash, int units)
{
    uint64_t h = FNV_OFFSET;
    h = fnv_u64(h, (uint64_t)kind);
    h = fnv_u64(h, (uint64_t)n_axes);
    for (int a = 0; a < n_axes; a++) {
        h = fnv_str(h, axes[a]);
    }
    h = fnv_u64(h, (uint64_t)units);
    for (int u = 0; u < units; u++) {
        h = fnv_u64(h, unit_hash[u]);
    }
    return h;
}

/* ---- writing ------------------------------------------------------------------- */

static void put(ccs_shard_writer *w, const void *p, size_t n)
{
    if (n == 0 || w->bad) {
        return;
    }
    w->sum = fnv(w->sum, p, n);
    if (fwrite(p, 1, n, w->fp) != n) {
        w->bad = 1;
    }
}

static void put_u64(ccs_shard_writer *w, uint64_t v)
{
    unsigned char b[8];
    for (int i = 0; i < 8; i++) {
        b[i] = (unsigned char)(v >> (8 * i));
    }
    put(w, b, 8);
}

static void put_u32(ccs_shard_writer *w, uint32_t v)
{
    unsigned char b[4];
    for (int i = 0; i < 4; i++) {
        b[i] = (unsigned char)(v >> (8 * i));
    }
    put(w, b, 4);
}

static void put_str(ccs_shard_writer *w, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    put_u32(w, (uint32_t)n);
    put(w, s, n);
}

static int write_error(ccs_shard_writer *w, ccs_error *err)
{
    (void)w;
    return ccs_error_set(err, CCS_EIO, NULL, 0, NULL, "cannot write the raw tallies: %s",
                         strerror(errno));
}

int ccs_shard_begin(ccs_shard_writer *w, FILE *fp, const char *version, const ccs_shard_job *job,
                    int first, int end, int ufirst, int uend, ccs_error *err)
{
    *w = (ccs_shard_writer){fp, FNV_OFFSET, 0, end - first, uend - ufirst};
    put(w, CCS_SHARD_MAGIC, sizeof CCS_SHARD_MAGIC);
    put_u32(w, CCS_SHARD_FORMAT);
    put_str(w, version);
    put_u32(w, (uint32_t)job->kind);
    put_u64(w, job->hash);
    put_u64(w, job->seed);
    put_u32(w, (uint32_t)job->reps);
    put_u32(w, (uint32_t)first);
    put_u32(w, (uint32_t)end);
    put_u32(w, (uint32_t)job->units);
    put_u32(w, (uint32_t)ufirst);
    put_u32(w, (uint32_t)uend);
    put_u32(w, CCS_TALLY_N_KINDS);
    for (int k = 0; k < CCS_TALLY_N_KINDS; k++) {
        put_u32(w, (uint32_t)ccs_tally_kind_info_of((ccs_tally_kind)k)->n_fields);
    }
    put_u32(w, (uint32_t)job->n_sources);
    for (int s = 0; s < job->n_sources; s++) {
        const ccs_shard_source *src = &job->sources[s];
        put_str(w, src->file);
        put_str(w, src->text);
        put_u32(w, (uint32_t)src->n_sets);
        for (int i = 0; i < src->n_sets; i++) {
            put_str(w, src->sets[i]);
        }
        put_u64(w, dbits(src->volume_factor));
    }
    put_u32(w, (uint32_t)job->n_axes);
    for (int a = 0; a < job->n_axes; a++) {
        put_str(w, job->axes[a]);
    }
    return w->bad ? write_error(w, err) : CCS_OK;
}

int ccs_shard_put_unit(ccs_shard_writer *w, const ccs_tallies *t, uint64_t events,
                       ccs_error *err)
{
    int n = ccs_tallies_reps(t);
    if (w->units_left <= 0 || n != w->reps_in) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL,
                             "a shard unit of %d replications; expected %d", n, w->reps_in);
    }
    w->units_left--;
    ccs_tally_dims d = ccs_tallies_dims(t);
    put_u32(w, (uint32_t)d.intervals);
    put_u32(w, (uint32_t)d.types);
    put_u32(w, (uint32_t)d.groups);
    put_u32(w, (uint32_t)d.campaigns);
    put_u32(w, (uint32_t)d.chats);
    put_u32(w, (uint32_t)d.transfers);
    put_u32(w, (uint32_t)d.backoffice);
    put_u64(w, events);
    put_u64(w, (uint64_t)n * ccs_tally_rep_bytes(&d));
    ccs_tally_rep v0 = ccs_tallies_rep(t, 0);
    unsigned char buf[8 * 512];
    for (int k = 0; k < CCS_TALLY_N_KINDS; k++) {
        const double *x = ccs_tally_rep_data(&v0, (ccs_tally_kind)k);
        size_t m = (size_t)n * ccs_shard_kind_doubles(&d, (ccs_tally_kind)k);
        for (size_t i = 0; i < m;) {
            size_t j = 0;
            for (; j < 512 && i < m; j++, i++) {
                uint64_t u = dbits(x[i]);
                for (int b = 0; b < 8; b++) {
                    buf[8 * j + (size_t)b] = (unsigned char)(u >> (8 * b));
                }
            }
            put(w, buf, 8 * j);
        }
    }
    return w->bad ? write_error(w, err) : CCS_OK;
}

int ccs_shard_end(ccs_shard_writer *w, ccs_error *err)
{
    if (w->units_left != 0) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL, "a shard short of %d units",
                             w->units_left);
    }
    put_u64(w, w->sum);
    if (w->bad || fflush(w->fp) != 0) {
        return write_error(w, err);
    }
    return CCS_OK;
}

int ccs_shard_write(FILE *fp, const char *version, const ccs_shard_source *src,
                    const ccs_scenario *sc, int reps, int first, const ccs_tallies *t,
                    uint64_t events, ccs_error *err)
{
    ccs_shard_job job = {CCS_SHARD_RUN, ccs_shard_hash(src, sc), sc->seed, reps, 1, 1, src, 0,
                         NULL};
    ccs_shard_writer w;
    int end = first + ccs_tallies_reps(t);
    int rc = ccs_shard_begin(&w, fp, version, &job, first, end, 0, 1, err);
    if (rc == CCS_OK) {
        rc = ccs_shard_put_unit(&w, t, events, err);
    }
    return rc == CCS_OK ? ccs_shard_end(&w, err) : rc;
}
