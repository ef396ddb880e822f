/*
 * shard.c — the raw file of a replication shard and the exact merge of
 * shards (shard.h).
 *
 * Layout (every integer little-endian, every double as its IEEE-754 bits in
 * a little-endian u64, every string a u32 length then its bytes):
 *
 *   "CCSIMRAW"  u32 format  str version  u64 hash  u64 seed
 *   u32 R  u32 A  u32 B  u32 intervals  u32 types  u32 groups  u32 campaigns
 *   u32 transfers (format 2: 1 when the xfer cells exist)
 *   u32 kinds  u32 fields[kinds]  u64 events
 *   str file  str text  u32 n_sets  str sets[n_sets]  f64 volume_factor
 *   u64 data_bytes  f64 data[...]  u64 checksum
 *
 * data holds kind after kind (tallies.h order), each kind's cells of
 * replications A..B-1 in order: the slices the merged ccs_tallies holds.
 * The checksum is FNV-1a 64 of every byte before it, so a truncated or
 * damaged file is refused rather than merged.
 */
#include "ccsim/shard.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/workload.h"

static const char MAGIC[8] = {'C', 'C', 'S', 'I', 'M', 'R', 'A', 'W'};

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ b[i]) * FNV_PRIME;
    }
    return h;
}

static uint64_t fnv_u64(uint64_t h, uint64_t v)
{
    unsigned char b[8];
    for (int i = 0; i < 8; i++) {
        b[i] = (unsigned char)(v >> (8 * i));
    }
    return fnv(h, b, 8);
}

static uint64_t dbits(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    h = fnv_u64(h, n);
    return fnv(h, s ? s : "", n);
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

/* ---- writing ------------------------------------------------------------------- */

typedef struct writer {
    FILE *fp;
    uint64_t sum;
    int bad;
} writer;

static void put(writer *w, const void *p, size_t n)
{
    if (n == 0 || w->bad) {
        return;
    }
    w->sum = fnv(w->sum, p, n);
    if (fwrite(p, 1, n, w->fp) != n) {
        w->bad = 1;
    }
}

static void put_u64(writer *w, uint64_t v)
{
    unsigned char b[8];
    for (int i = 0; i < 8; i++) {
        b[i] = (unsigned char)(v >> (8 * i));
    }
    put(w, b, 8);
}

static void put_u32(writer *w, uint32_t v)
{
    unsigned char b[4];
    for (int i = 0; i < 4; i++) {
        b[i] = (unsigned char)(v >> (8 * i));
    }
    put(w, b, 4);
}

static void put_str(writer *w, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    put_u32(w, (uint32_t)n);
    put(w, s, n);
}

/* Doubles of kind k in one replication. */
static size_t kind_doubles(const ccs_tally_dims *d, ccs_tally_kind k)
{
    return ccs_tally_cells(d, k) * (size_t)ccs_tally_kind_info_of(k)->n_fields;
}

int ccs_shard_write(FILE *fp, const char *version, const ccs_shard_source *src,
                    const ccs_scenario *sc, int reps, int first, const ccs_tallies *t,
                    uint64_t events, ccs_error *err)
{
    writer w = {fp, FNV_OFFSET, 0};
    ccs_tally_dims d = ccs_tallies_dims(t);
    int n = ccs_tallies_reps(t);
    put(&w, MAGIC, sizeof MAGIC);
    put_u32(&w, CCS_SHARD_FORMAT);
    put_str(&w, version);
    put_u64(&w, ccs_shard_hash(src, sc));
    put_u64(&w, sc->seed);
    put_u32(&w, (uint32_t)reps);
    put_u32(&w, (uint32_t)first);
    put_u32(&w, (uint32_t)(first + n));
    put_u32(&w, (uint32_t)d.intervals);
    put_u32(&w, (uint32_t)d.types);
    put_u32(&w, (uint32_t)d.groups);
    put_u32(&w, (uint32_t)d.campaigns);
    put_u32(&w, (uint32_t)d.chats);
    put_u32(&w, (uint32_t)d.transfers);
    put_u32(&w, CCS_TALLY_N_KINDS);
    for (int k = 0; k < CCS_TALLY_N_KINDS; k++) {
        put_u32(&w, (uint32_t)ccs_tally_kind_info_of((ccs_tally_kind)k)->n_fields);
    }
    put_u64(&w, events);
    put_str(&w, src->file);
    put_str(&w, src->text);
    put_u32(&w, (uint32_t)src->n_sets);
    for (int i = 0; i < src->n_sets; i++) {
        put_str(&w, src->sets[i]);
    }
    put_u64(&w, dbits(src->volume_factor));
    put_u64(&w, (uint64_t)n * ccs_tally_rep_bytes(&d));
    ccs_tally_rep v0 = ccs_tallies_rep(t, 0);
    for (int k = 0; k < CCS_TALLY_N_KINDS; k++) {
        const double *x = ccs_tally_rep_data(&v0, (ccs_tally_kind)k);
        size_t m = (size_t)n * kind_doubles(&d, (ccs_tally_kind)k);
        for (size_t i = 0; i < m; i++) {
            put_u64(&w, dbits(x[i]));
        }
    }
    put_u64(&w, w.sum);
    if (w.bad || fflush(fp) != 0) {
        return ccs_error_set(err, CCS_EIO, NULL, 0, NULL, "cannot write the raw tallies: %s",
                             strerror(errno));
    }
    return CCS_OK;
}

/* ---- reading ------------------------------------------------------------------- */

typedef struct reader {
    FILE *fp;
    const char *path;
    uint64_t sum;
    int short_read;
} reader;

static int get(reader *r, void *p, size_t n)
{
    if (r->short_read) {
        return -1;
    }
    if (fread(p, 1, n, r->fp) != n) {
        r->short_read = 1;
        return -1;
    }
    r->sum = fnv(r->sum, p, n);
    return 0;
}

static uint64_t get_u64(reader *r)
{
    unsigned char b[8] = {0};
    get(r, b, 8);
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) {
        v |= (uint64_t)b[i] << (8 * i);
    }
    return v;
}

static uint32_t get_u32(reader *r)
{
    unsigned char b[4] = {0};
    get(r, b, 4);
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        v |= (uint32_t)b[i] << (8 * i);
    }
    return v;
}

static double get_f64(reader *r)
{
    uint64_t u = get_u64(r);
    double x;
    memcpy(&x, &u, sizeof x);
    return x;
}

/* A string of at most max bytes, malloc'ed; NULL on a short read, a
 * length beyond max (*too_long) or no memory (*nomem). */
static char *get_str(reader *r, uint32_t max, int *too_long, int *nomem)
{
    uint32_t n = get_u32(r);
    if (r->short_read) {
        return NULL;
    }
    if (n > max) {
        *too_long = 1;
        return NULL;
    }
    char *s = malloc((size_t)n + 1);
    if (!s) {
        *nomem = 1;
        return NULL;
    }
    if (get(r, s, n) != 0) {
        free(s);
        return NULL;
    }
    s[n] = '\0';
    if (strlen(s) != n) {
        *too_long = 1;   /* a NUL inside: not our file */
        free(s);
        return NULL;
    }
    return s;
}

void ccs_shard_info_fini(ccs_shard_info *h)
{
    free(h->file);
    free(h->text);
    for (int i = 0; i < h->n_sets && h->sets; i++) {
        free(h->sets[i]);
    }
    free(h->sets);
    h->file = h->text = NULL;
    h->sets = NULL;
    h->n_sets = 0;
}

static int corrupt(ccs_error *err, const char *path, const char *what)
{
    return ccs_error_set(err, CCS_EINVAL, path, 0, NULL, "%s", what);
}

/* Opens path and reads its header into h (owned strings) up to the data;
 * leaves r positioned at the first double.  CCS_OK or an error naming path. */
static int read_header(reader *r, const char *path, ccs_shard_info *h, ccs_error *err)
{
    memset(h, 0, sizeof *h);
    memset(r, 0, sizeof *r);
    r->path = path;
    r->sum = FNV_OFFSET;
    r->fp = fopen(path, "rb");
    if (!r->fp) {
        return ccs_error_set(err, CCS_EIO, path, 0, NULL, "cannot open raw tallies: %s",
                             strerror(errno));
    }
    char magic[8];
    if (get(r, magic, sizeof magic) != 0 || memcmp(magic, MAGIC, sizeof magic) != 0) {
        return corrupt(err, path,
                       "not a ccsim raw tallies file (written by ccsim run --raw FILE)");
    }
    uint32_t format = get_u32(r);
    if (!r->short_read && format != CCS_SHARD_FORMAT) {
        return ccs_error_set(err, CCS_EINVAL, path, 0, NULL,
                             "raw tallies format %u; this ccsim reads format %d: run the shard "
                             "again with this ccsim",
                             format, CCS_SHARD_FORMAT);
    }
    int too_long = 0, nomem = 0;
    char *version = get_str(r, sizeof h->version - 1, &too_long, &nomem);
    if (version) {
        memcpy(h->version, version, strlen(version) + 1);
        free(version);
    }
    h->hash = get_u64(r);
    h->seed = get_u64(r);
    uint32_t reps = get_u32(r), first = get_u32(r), end = get_u32(r);
    uint32_t dims[6];
    for (int i = 0; i < 6; i++) {
        dims[i] = get_u32(r);
    }
    uint32_t kinds = get_u32(r);
    int fields_ok = kinds == CCS_TALLY_N_KINDS;
    for (uint32_t k = 0; fields_ok && k < kinds; k++) {
        fields_ok = get_u32(r) == (uint32_t)ccs_tally_kind_info_of((ccs_tally_kind)k)->n_fields;
    }
    if (r->short_read) {
        return corrupt(err, path, "truncated: the header ends early");
    }
    if (too_long || !fields_ok) {
        return corrupt(err, path, "not a ccsim raw tallies file of this version (bad header)");
    }
    if (reps < 1 || reps > 100000 || first >= end || end > reps) {
        return ccs_error_set(err, CCS_EINVAL, path, 0, NULL,
                             "bad header: replications [%u, %u) of %u", first, end, reps);
    }
    h->reps = (int)reps;
    h->first = (int)first;
    h->end = (int)end;
    h->d = (ccs_tally_dims){(int)dims[0], (int)dims[1], (int)dims[2], (int)dims[3],
                            (int)dims[4], (int)dims[5]};
    double cells = (double)dims[0] * ((double)dims[1] + dims[3]) * ((double)dims[2] + 1);
    if (dims[0] < 1 || dims[1] > CCS_MAX_TYPES ||
        dims[2] > CCS_MAX_GROUPS || dims[3] > CCS_MAX_CAMPAIGNS || dims[4] > 1 || dims[5] > 1 ||
        cells > CCS_MAX_TALLY_CELLS) {
        return corrupt(err, path, "bad header: tally dimensions beyond the scenario limits");
    }
    h->events = get_u64(r);
    h->file = get_str(r, 4096, &too_long, &nomem);
    h->text = h->file ? get_str(r, CCS_SHARD_MAX_TEXT, &too_long, &nomem) : NULL;
    uint32_t n_sets = h->text ? get_u32(r) : 0;
    if (n_sets > CCS_SHARD_MAX_SETS) {
        too_long = 1;
    }
    if (h->text && !r->short_read && !too_long) {
        h->sets = calloc((size_t)n_sets + 1, sizeof *h->sets);
        nomem |= !h->sets;
        for (uint32_t i = 0; h->sets && i < n_sets; i++) {
            h->sets[i] = get_str(r, 1u << 20, &too_long, &nomem);
            if (!h->sets[i]) {
                break;
            }
            h->n_sets = (int)i + 1;
        }
    }
    h->volume_factor = get_f64(r);
    uint64_t data_bytes = get_u64(r);
    if (nomem) {
        return ccs_error_set(err, CCS_ENOMEM, path, 0, NULL, "out of memory");
    }
    if (r->short_read) {
        return corrupt(err, path, "truncated: the header ends early");
    }
    if (too_long || h->n_sets != (int)n_sets) {
        return corrupt(err, path, "not a ccsim raw tallies file of this version (bad header)");
    }
    if (data_bytes != (uint64_t)(end - first) * ccs_tally_rep_bytes(&h->d)) {
        return corrupt(err, path, "bad header: the tallies' size is not their dimensions'");
    }
    return CCS_OK;
}

/* Reads the shard's doubles into replications [h->first, h->end) of t, then
 * the checksum, and checks that nothing follows. */
static int read_data(reader *r, const ccs_shard_info *h, ccs_tallies *t, ccs_error *err)
{
    ccs_tally_rep v = ccs_tallies_rep(t, h->first);
    for (int k = 0; k < CCS_TALLY_N_KINDS; k++) {
        double *x = ccs_tally_rep_data(&v, (ccs_tally_kind)k);
        size_t m = (size_t)(h->end - h->first) * kind_doubles(&h->d, (ccs_tally_kind)k);
        for (size_t i = 0; i < m && !r->short_read; i++) {
            x[i] = get_f64(r);
        }
    }
    uint64_t want = r->sum;
    unsigned char b[8];
    if (r->short_read || fread(b, 1, 8, r->fp) != 8) {
        return ccs_error_set(err, CCS_EINVAL, r->path, 0, NULL,
                             "truncated: replications [%d, %d) of %d end early", h->first,
                             h->end, h->reps);
    }
    uint64_t sum = 0;
    for (int i = 0; i < 8; i++) {
        sum |= (uint64_t)b[i] << (8 * i);
    }
    if (sum != want) {
        return corrupt(err, r->path, "damaged: the checksum does not match its contents");
    }
    if (fgetc(r->fp) != EOF) {
        return corrupt(err, r->path, "damaged: bytes after the end of the raw tallies");
    }
    return CCS_OK;
}

/* ---- the merge ------------------------------------------------------------------- */

/* Checks h (of paths[i]) against h0 (of paths[0]). */
static int agree(const ccs_shard_info *h0, const char *p0, const ccs_shard_info *h,
                 const char *p, ccs_error *err)
{
    if (strcmp(h->version, h0->version) != 0) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL,
                             "%s was written by ccsim %s, %s by ccsim %s: run every shard with "
                             "one version",
                             p, h->version, p0, h0->version);
    }
    if (h->seed != h0->seed) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL,
                             "%s ran seed %llu, %s seed %llu: shards of one run share a seed", p,
                             (unsigned long long)h->seed, p0, (unsigned long long)h0->seed);
    }
    if (h->reps != h0->reps) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL,
                             "%s is a shard of %d replications, %s of %d: give every shard the "
                             "same --reps",
                             p, h->reps, p0, h0->reps);
    }
    if (h->hash != h0->hash || memcmp(&h->d, &h0->d, sizeof h->d) != 0) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL,
                             "%s ran another scenario than %s (scenario hash %016llx, not "
                             "%016llx): the scenario, --set and --volume-factor must be the same",
                             p, p0, (unsigned long long)h->hash, (unsigned long long)h0->hash);
    }
    return CCS_OK;
}

typedef struct span {
    int first, end, file;
} span;

static int by_first(const void *a, const void *b)
{
    const span *x = a, *y = b;
    return x->first != y->first ? (x->first > y->first) - (x->first < y->first)
                                : (x->end > y->end) - (x->end < y->end);
}

/* The ranges must tile [0, R). */
static int coverage(const ccs_shard_info *h, const char *const *paths, int n, ccs_error *err)
{
    span *s = malloc((size_t)n * sizeof *s);
    if (!s) {
        return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
    }
    for (int i = 0; i < n; i++) {
        s[i] = (span){h[i].first, h[i].end, i};
    }
    qsort(s, (size_t)n, sizeof *s, by_first);
    int reps = h[0].reps, rc = CCS_OK, at = 0;
    for (int i = 0; i < n && rc == CCS_OK; i++) {
        const char *p = paths[s[i].file];
        if (s[i].first > at) {
            if (i == 0) {
                rc = ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL,
                                   "replications [0, %d) of %d are missing: the first shard, %s, "
                                   "covers [%d, %d)",
                                   s[i].first, reps, p, s[i].first, s[i].end);
            } else {
                rc = ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL,
                                   "replications [%d, %d) of %d are missing: between %s [%d, %d) "
                                   "and %s [%d, %d)",
                                   at, s[i].first, reps, paths[s[i - 1].file], s[i - 1].first,
                                   s[i - 1].end, p, s[i].first, s[i].end);
            }
        } else if (s[i].first < at) {
            int hi = s[i].end < at ? s[i].end : at;
            rc = ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL,
                               "%s [%d, %d) and %s [%d, %d) overlap in replications [%d, %d)",
                               paths[s[i - 1].file], s[i - 1].first, s[i - 1].end, p, s[i].first,
                               s[i].end, s[i].first, hi);
        }
        at = s[i].end > at ? s[i].end : at;
    }
    if (rc == CCS_OK && at < reps) {
        rc = ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL,
                           "replications [%d, %d) of %d are missing: the last shard, %s, covers "
                           "[%d, %d)",
                           at, reps, reps, paths[s[n - 1].file], s[n - 1].first, s[n - 1].end);
    }
    free(s);
    return rc;
}

ccs_results *ccs_shard_merge(const char *const *paths, int n, const char *version,
                             ccs_scenario **scp, ccs_error *err)
{
    *scp = NULL;
    if (n < 1) {
        ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL, "no raw tallies files to merge");
        return NULL;
    }
    ccs_shard_info *h = calloc((size_t)n, sizeof *h);
    ccs_scenario *sc = NULL;
    ccs_tallies *t = NULL;
    ccs_results *res = NULL;
    if (!h) {
        ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        return NULL;
    }
    int rc = CCS_OK;
    for (int i = 0; i < n && rc == CCS_OK; i++) {
        reader r;
        rc = read_header(&r, paths[i], &h[i], err);
        if (r.fp) {
            fclose(r.fp);
        }
        if (rc == CCS_OK && strcmp(h[i].version, version) != 0) {
            rc = ccs_error_set(err, CCS_EINVAL, paths[i], 0, NULL,
                               "written by ccsim %s; this is ccsim %s: merge with the version "
                               "that ran the shards",
                               h[i].version, version);
        }
        if (rc == CCS_OK && i > 0) {
            rc = agree(&h[0], paths[0], &h[i], paths[i], err);
        }
    }
    if (rc == CCS_OK) {
        rc = coverage(h, paths, n, err);
    }
    if (rc == CCS_OK) {
        ccs_shard_source src = {h[0].file, h[0].text, (const char *const *)h[0].sets,
                                h[0].n_sets, h[0].volume_factor};
        sc = ccs_shard_source_load(&src, err);
        if (!sc) {
            rc = err->code;
        } else if (ccs_shard_hash(&src, sc) != h[0].hash) {
            rc = ccs_error_set(err, CCS_EINVAL, paths[0], 0, NULL,
                               "the scenario loads differently now than when the shard ran "
                               "(a forecast file changed?): run the shards again");
        } else if (sc->seed != h[0].seed) {
            rc = corrupt(err, paths[0], "bad header: the seed is not its scenario's");
        } else {
            ccs_tally_dims d = ccs_tally_dims_of(sc);
            if (memcmp(&d, &h[0].d, sizeof d) != 0) {
                rc = corrupt(err, paths[0], "bad header: the dimensions are not its scenario's");
            } else if ((double)ccs_tally_rep_bytes(&d) * h[0].reps > CCS_SIM_MAX_RESULT_BYTES) {
                rc = ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL,
                                   "%d replications would keep %.3g GB of tallies; expected at "
                                   "most %.3g GB",
                                   h[0].reps, (double)ccs_tally_rep_bytes(&d) * h[0].reps / 1e9,
                                   CCS_SIM_MAX_RESULT_BYTES / 1e9);
            } else if (!(t = ccs_tallies_new(&d, h[0].reps))) {
                rc = ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
            }
        }
    }
    uint64_t events = 0;
    for (int i = 0; i < n && rc == CCS_OK; i++) {
        reader r;
        ccs_shard_info again;
        rc = read_header(&r, paths[i], &again, err);
        if (rc == CCS_OK && (again.first != h[i].first || again.end != h[i].end ||
                             again.hash != h[i].hash)) {
            rc = corrupt(err, paths[i], "changed while it was being merged");
        }
        if (rc == CCS_OK) {
            rc = read_data(&r, &again, t, err);
        }
        events += again.events;
        ccs_shard_info_fini(&again);
        if (r.fp) {
            fclose(r.fp);
        }
    }
    if (rc == CCS_OK) {
        res = ccs_results_from_tallies(sc, t, err);
        t = NULL;
        if (res) {
            res->events = events;
        }
    }
    ccs_tallies_free(t);
    for (int i = 0; i < n; i++) {
        ccs_shard_info_fini(&h[i]);
    }
    free(h);
    if (!res) {
        ccs_scenario_free(sc);
        return NULL;
    }
    *scp = sc;
    return res;
}
