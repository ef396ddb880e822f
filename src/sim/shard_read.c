/*
 * shard_read.c — reading shard files (the layout is in shard.c), the checks
 * of a merge (headers agree, every unit's replications tile [0, R)), and
 * the merge of a run's shards (shard.h).
 *
 * A merge reads every file twice: once whole, to check its structure and
 * checksum and to note where each unit's doubles start; then unit by unit,
 * seeking to them, so that a sweep's merge holds one cell's tallies at a
 * time, as the sweep itself does.
 */
#include "ccsim/shard.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sim/shard_impl.h"

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
    r->sum = ccs_fnv(r->sum, p, n);
    return 0;
}

static uint64_t le64(const unsigned char *b)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) {
        v |= (uint64_t)b[i] << (8 * i);
    }
    return v;
}

static uint64_t get_u64(reader *r)
{
    unsigned char b[8] = {0};
    get(r, b, 8);
    return le64(b);
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

static void source_fini(ccs_shard_source *s)
{
    free((char *)s->file);
    free((char *)s->text);
    for (int i = 0; i < s->n_sets && s->sets; i++) {
        free((char *)s->sets[i]);
    }
    free((void *)s->sets);
    memset(s, 0, sizeof *s);
}

void ccs_shard_info_fini(ccs_shard_info *h)
{
    for (int s = 0; s < h->n_sources && h->sources; s++) {
        source_fini(&h->sources[s]);
    }
    free(h->sources);
    for (int a = 0; a < h->n_axes && h->axes; a++) {
        free(h->axes[a]);
    }
    free(h->axes);
    free(h->dims);
    free(h->events);
    free(h->offset);
    h->sources = NULL;
    h->axes = NULL;
    h->dims = NULL;
    h->events = NULL;
    h->offset = NULL;
    h->n_sources = h->n_axes = 0;
}

static int corrupt(ccs_error *err, const char *path, const char *what)
{
    return ccs_error_set(err, CCS_EINVAL, path, 0, NULL, "%s", what);
}

/* One embedded source; its strings owned by s.  0, or -1 (see the flags). */
static int get_source(reader *r, ccs_shard_source *s, int *too_long, int *nomem)
{
    memset(s, 0, sizeof *s);
    s->file = get_str(r, 4096, too_long, nomem);
    s->text = s->file ? get_str(r, CCS_SHARD_MAX_TEXT, too_long, nomem) : NULL;
    if (!s->text) {
        return -1;
    }
    uint32_t n_sets = get_u32(r);
    if (r->short_read || n_sets > CCS_SHARD_MAX_SETS) {
        *too_long |= !r->short_read;
        return -1;
    }
    const char **sets = calloc((size_t)n_sets + 1, sizeof *sets);
    if (!sets) {
        *nomem = 1;
        return -1;
    }
    s->sets = sets;
    for (uint32_t i = 0; i < n_sets; i++) {
        sets[i] = get_str(r, 1u << 20, too_long, nomem);
        if (!sets[i]) {
            return -1;
        }
        s->n_sets = (int)i + 1;
    }
    s->volume_factor = get_f64(r);
    return r->short_read ? -1 : 0;
}

/* Opens path and reads its header into h (owned strings) up to the first
 * unit; leaves r positioned there.  CCS_OK or an error naming path. */
static int read_header(reader *r, const char *path, ccs_shard_info *h, ccs_error *err)
{
    memset(h, 0, sizeof *h);
    memset(r, 0, sizeof *r);
    r->path = path;
    r->sum = CCS_FNV_OFFSET;
    r->fp = fopen(path, "rb");
    if (!r->fp) {
        return ccs_error_set(err, CCS_EIO, path, 0, NULL, "cannot open raw tallies: %s",
                             strerror(errno));
    }
    char magic[8];
    if (get(r, magic, sizeof magic) != 0 || memcmp(magic, CCS_SHARD_MAGIC, sizeof magic) != 0) {
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
    uint32_t kind = get_u32(r);
    h->hash = get_u64(r);
    h->seed = get_u64(r);
    uint32_t reps = get_u32(r), first = get_u32(r), end = get_u32(r);
    uint32_t units = get_u32(r), ufirst = get_u32(r), uend = get_u32(r);
    uint32_t kinds = get_u32(r);
    int fields_ok = kinds == CCS_TALLY_N_KINDS;
    for (uint32_t k = 0; fields_ok && k < kinds; k++) {
        fields_ok = get_u32(r) == (uint32_t)ccs_tally_kind_info_of((ccs_tally_kind)k)->n_fields;
    }
    if (r->short_read) {
        return corrupt(err, path, "truncated: the header ends early");
    }
    if (too_long || !fields_ok || kind >= CCS_SHARD_N_KINDS) {
        return corrupt(err, path, "not a ccsim raw tallies file of this version (bad header)");
    }
    if (reps < 1 || reps > 100000 || first >= end || end > reps) {
        return ccs_error_set(err, CCS_EINVAL, path, 0, NULL,
                             "bad header: replications [%u, %u) of %u", first, end, reps);
    }
    if (units < 1 || units > 1000000 || ufirst >= uend || uend > units ||
        (kind != CCS_SHARD_SWEEP && (ufirst != 0 || uend != units)) ||
        (kind == CCS_SHARD_RUN && units != 1)) {
        return ccs_error_set(err, CCS_EINVAL, path, 0, NULL, "bad header: units [%u, %u) of %u",
                             ufirst, uend, units);
    }
    h->kind = (ccs_shard_kind)kind;
    h->reps = (int)reps;
    h->first = (int)first;
    h->end = (int)end;
    h->units = (int)units;
    h->ufirst = (int)ufirst;
    h->uend = (int)uend;
    uint32_t n_sources = get_u32(r);
    uint32_t want_sources = kind == CCS_SHARD_COMPARE ? units : 1;
    if (!r->short_read && n_sources != want_sources) {
        return corrupt(err, path, "not a ccsim raw tallies file of this version (bad header)");
    }
    if (!r->short_read) {
        h->sources = calloc(n_sources, sizeof *h->sources);
        nomem |= !h->sources;
    }
    for (uint32_t s = 0; h->sources && s < n_sources; s++) {
        h->n_sources = (int)s + 1;
        if (get_source(r, &h->sources[s], &too_long, &nomem) != 0) {
            break;
        }
    }
    uint32_t n_axes = 0;
    if (!r->short_read && !too_long && !nomem) {
        n_axes = get_u32(r);
        if (!r->short_read && (n_axes > 64 || (kind == CCS_SHARD_SWEEP) != (n_axes > 0))) {
            too_long = 1;
        } else if (!r->short_read) {
            h->axes = calloc((size_t)n_axes + 1, sizeof *h->axes);
            nomem |= !h->axes;
            for (uint32_t a = 0; h->axes && a < n_axes; a++) {
                h->axes[a] = get_str(r, 4096, &too_long, &nomem);
                if (!h->axes[a]) {
                    break;
                }
                h->n_axes = (int)a + 1;
            }
        }
    }
    if (nomem) {
        return ccs_error_set(err, CCS_ENOMEM, path, 0, NULL, "out of memory");
    }
    if (r->short_read) {
        return corrupt(err, path, "truncated: the header ends early");
    }
    if (too_long || h->n_axes != (int)n_axes) {
        return corrupt(err, path, "not a ccsim raw tallies file of this version (bad header)");
    }
    return CCS_OK;
}

/* "replications [A, B) of R" or, for a sweep or compare, with the unit. */
static int truncated(ccs_error *err, const char *path, const ccs_shard_info *h, int u)
{
    if (h->kind == CCS_SHARD_RUN) {
        return ccs_error_set(err, CCS_EINVAL, path, 0, NULL,
                             "truncated: replications [%d, %d) of %d end early", h->first, h->end,
                             h->reps);
    }
    return ccs_error_set(err, CCS_EINVAL, path, 0, NULL,
                         "truncated: %s %d of %d, replications [%d, %d) of %d, ends early",
                         h->kind == CCS_SHARD_SWEEP ? "cell" : "scenario", u + 1, h->units,
                         h->first, h->end, h->reps);
}

/* Reads the units after the header: their dimensions, events and offsets
 * into h, their doubles only into the checksum; then the checksum, and
 * nothing after it. */
static int read_units(reader *r, ccs_shard_info *h, ccs_error *err)
{
    int n = h->uend - h->ufirst;
    h->dims = calloc((size_t)n, sizeof *h->dims);
    h->events = calloc((size_t)n, sizeof *h->events);
    h->offset = calloc((size_t)n, sizeof *h->offset);
    if (!h->dims || !h->events || !h->offset) {
        return ccs_error_set(err, CCS_ENOMEM, r->path, 0, NULL, "out of memory");
    }
    unsigned char buf[8 * 1024];
    for (int i = 0; i < n; i++) {
        uint32_t dims[7];
        for (int j = 0; j < 7; j++) {
            dims[j] = get_u32(r);
        }
        h->events[i] = get_u64(r);
        uint64_t data_bytes = get_u64(r);
        if (r->short_read) {
            return truncated(err, r->path, h, h->ufirst + i);
        }
        double cells = (double)dims[0] * ((double)dims[1] + dims[3]) * ((double)dims[2] + 1);
        if (dims[0] < 1 || dims[1] > CCS_MAX_TYPES || dims[2] > CCS_MAX_GROUPS ||
            dims[3] > CCS_MAX_CAMPAIGNS || dims[4] > 1 || dims[5] > 1 ||
            dims[6] > CCS_MAX_BACKOFFICE || cells > CCS_MAX_TALLY_CELLS) {
            return corrupt(err, r->path, "bad header: tally dimensions beyond the scenario limits");
        }
        h->dims[i] = (ccs_tally_dims){(int)dims[0], (int)dims[1], (int)dims[2], (int)dims[3],
                                      (int)dims[4], (int)dims[5], (int)dims[6]};
        if (data_bytes != (uint64_t)(h->end - h->first) * ccs_tally_rep_bytes(&h->dims[i])) {
            return corrupt(err, r->path, "bad header: the tallies' size is not their dimensions'");
        }
        h->offset[i] = ftell(r->fp);
        for (uint64_t left = data_bytes; left > 0;) {
            size_t m = left < sizeof buf ? (size_t)left : sizeof buf;
            if (get(r, buf, m) != 0) {
                return truncated(err, r->path, h, h->ufirst + i);
            }
            left -= m;
        }
    }
    uint64_t want = r->sum;
    unsigned char b[8];
    if (fread(b, 1, 8, r->fp) != 8) {
        return truncated(err, r->path, h, h->uend - 1);
    }
    if (le64(b) != want) {
        return corrupt(err, r->path, "damaged: the checksum does not match its contents");
    }
    if (fgetc(r->fp) != EOF) {
        return corrupt(err, r->path, "damaged: bytes after the end of the raw tallies");
    }
    return CCS_OK;
}

/* ---- the checks of a merge ------------------------------------------------------- */

/* Checks h (of p) against h0 (of p0). */
static int agree(const ccs_shard_info *h0, const char *p0, const ccs_shard_info *h,
                 const char *p, ccs_error *err)
{
    if (h->kind != h0->kind) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL,
                             "%s is a shard of ccsim %s, %s of ccsim %s: merge the shards of one "
                             "command",
                             p, ccs_shard_kind_name(h->kind), p0, ccs_shard_kind_name(h0->kind));
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
    if (h->units != h0->units) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL,
                             "%s is a shard of %d %s, %s of %d: the same grid or scenarios",
                             p, h->units, h->kind == CCS_SHARD_SWEEP ? "cells" : "scenarios", p0,
                             h0->units);
    }
    if (h->hash != h0->hash) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL,
                             "%s ran another scenario than %s (scenario hash %016llx, not "
                             "%016llx): the scenario%s, --set and --volume-factor must be the same",
                             p, p0, (unsigned long long)h->hash, (unsigned long long)h0->hash,
                             h->kind == CCS_SHARD_SWEEP     ? ", --vary"
                             : h->kind == CCS_SHARD_COMPARE ? "s" : "");
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

/* The ranges s[0..n) must tile [0, reps); pre names the cells they are of
 * ("" for a run or compare). */
static int coverage(span *s, int n, int reps, const char *pre, const char *const *paths,
                    ccs_error *err)
{
    if (n == 0) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL, "%sno shard holds them", pre);
    }
    qsort(s, (size_t)n, sizeof *s, by_first);
    int rc = CCS_OK, at = 0;
    for (int i = 0; i < n && rc == CCS_OK; i++) {
        const char *p = paths[s[i].file];
        if (s[i].first > at) {
            if (i == 0) {
                rc = ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL,
                                   "%sreplications [0, %d) of %d are missing: the first shard, "
                                   "%s, covers [%d, %d)",
                                   pre, s[i].first, reps, p, s[i].first, s[i].end);
            } else {
                rc = ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL,
                                   "%sreplications [%d, %d) of %d are missing: between %s [%d, "
                                   "%d) and %s [%d, %d)",
                                   pre, at, s[i].first, reps, paths[s[i - 1].file], s[i - 1].first,
                                   s[i - 1].end, p, s[i].first, s[i].end);
            }
        } else if (s[i].first < at) {
            int hi = s[i].end < at ? s[i].end : at;
            rc = ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL,
                               "%s%s [%d, %d) and %s [%d, %d) overlap in replications [%d, %d)",
                               pre, paths[s[i - 1].file], s[i - 1].first, s[i - 1].end, p,
                               s[i].first, s[i].end, s[i].first, hi);
        }
        at = s[i].end > at ? s[i].end : at;
    }
    if (rc == CCS_OK && at < reps) {
        rc = ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL,
                           "%sreplications [%d, %d) of %d are missing: the last shard, %s, covers "
                           "[%d, %d)",
                           pre, at, reps, reps, paths[s[n - 1].file], s[n - 1].first,
                           s[n - 1].end);
    }
    return rc;
}

static int by_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Every unit's replications tile [0, R): checked once per run of units
 * that the same files hold (between consecutive unit boundaries). */
static int cover_units(const ccs_shard_info *h, const char *const *paths, int n, ccs_error *err)
{
    int *cut = malloc((size_t)(2 * n + 2) * sizeof *cut);
    span *s = malloc((size_t)n * sizeof *s);
    int rc = CCS_OK;
    if (!cut || !s) {
        rc = ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        goto done;
    }
    int m = 0;
    cut[m++] = 0;
    cut[m++] = h[0].units;
    for (int i = 0; i < n; i++) {
        cut[m++] = h[i].ufirst;
        cut[m++] = h[i].uend;
    }
    qsort(cut, (size_t)m, sizeof *cut, by_int);
    for (int j = 0; j + 1 < m && rc == CCS_OK; j++) {
        if (cut[j] == cut[j + 1]) {
            continue;
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (h[i].ufirst <= cut[j] && cut[j] < h[i].uend) {
                s[k++] = (span){h[i].first, h[i].end, i};
            }
        }
        char pre[96] = "";
        if (h[0].kind == CCS_SHARD_SWEEP) {
            snprintf(pre, sizeof pre, "cells [%d, %d) of %d: ", cut[j], cut[j + 1], h[0].units);
        }
        rc = coverage(s, k, h[0].reps, pre, paths, err);
    }
done:
    free(cut);
    free(s);
    return rc;
}

/* ---- the set -------------------------------------------------------------------- */

struct ccs_shard_set {
    int n;
    const char **paths;      /* [n] the caller's */
    ccs_shard_info *h;       /* [n] */
    struct stat *st;         /* [n] as first read: a file changed since is refused */
};

void ccs_shard_close(ccs_shard_set *s)
{
    if (!s) {
        return;
    }
    for (int i = 0; i < s->n && s->h; i++) {
        ccs_shard_info_fini(&s->h[i]);
    }
    free(s->h);
    free(s->st);
    free(s->paths);
    free(s);
}

ccs_shard_set *ccs_shard_open(const char *const *paths, int n, const char *version,
                              ccs_error *err)
{
    if (n < 1) {
        ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL, "no raw tallies files to merge");
        return NULL;
    }
    ccs_shard_set *s = calloc(1, sizeof *s);
    if (!s || !(s->h = calloc((size_t)n, sizeof *s->h)) ||
        !(s->st = calloc((size_t)n, sizeof *s->st)) ||
        !(s->paths = calloc((size_t)n, sizeof *s->paths))) {
        ccs_shard_close(s);
        ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        return NULL;
    }
    s->n = n;
    int rc = CCS_OK;
    for (int i = 0; i < n && rc == CCS_OK; i++) {
        s->paths[i] = paths[i];
        reader r;
        rc = read_header(&r, paths[i], &s->h[i], err);
        if (rc == CCS_OK && strcmp(s->h[i].version, version) != 0) {
            rc = ccs_error_set(err, CCS_EINVAL, paths[i], 0, NULL,
                               "written by ccsim %s; this is ccsim %s: merge with the version "
                               "that ran the shards",
                               s->h[i].version, version);
        }
        if (rc == CCS_OK && i > 0) {
            rc = agree(&s->h[0], paths[0], &s->h[i], paths[i], err);
        }
        if (rc == CCS_OK) {
            rc = read_units(&r, &s->h[i], err);
        }
        if (rc == CCS_OK && fstat(fileno(r.fp), &s->st[i]) != 0) {
            rc = ccs_error_set(err, CCS_EIO, paths[i], 0, NULL, "cannot read raw tallies: %s",
                               strerror(errno));
        }
        if (r.fp) {
            fclose(r.fp);
        }
    }
    if (rc == CCS_OK) {
        rc = cover_units(s->h, paths, n, err);
    }
    if (rc != CCS_OK) {
        ccs_shard_close(s);
        return NULL;
    }
    return s;
}

const ccs_shard_info *ccs_shard_set_info(const ccs_shard_set *s)
{
    return &s->h[0];
}

/* Reads unit u's doubles of file i into replications [first, end) of t. */
static int read_slice(const ccs_shard_set *s, int i, int u, ccs_tallies *t, ccs_error *err)
{
    const ccs_shard_info *h = &s->h[i];
    const char *path = s->paths[i];
    int j = u - h->ufirst;
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        return ccs_error_set(err, CCS_EIO, path, 0, NULL, "cannot open raw tallies: %s",
                             strerror(errno));
    }
    struct stat st;
    int rc = CCS_OK;
    if (fstat(fileno(fp), &st) != 0 || st.st_size != s->st[i].st_size ||
        st.st_mtime != s->st[i].st_mtime || st.st_ino != s->st[i].st_ino ||
        fseek(fp, h->offset[j], SEEK_SET) != 0) {
        rc = corrupt(err, path, "changed while it was being merged");
    }
    ccs_tally_dims d = h->dims[j];
    ccs_tally_rep v = ccs_tallies_rep(t, h->first);
    unsigned char buf[8 * 1024];
    for (int k = 0; k < CCS_TALLY_N_KINDS && rc == CCS_OK; k++) {
        double *x = ccs_tally_rep_data(&v, (ccs_tally_kind)k);
        size_t m = (size_t)(h->end - h->first) * ccs_shard_kind_doubles(&d, (ccs_tally_kind)k);
        for (size_t at = 0; at < m && rc == CCS_OK;) {
            size_t c = m - at < 1024 ? m - at : 1024;
            if (fread(buf, 8, c, fp) != c) {
                rc = corrupt(err, path, "changed while it was being merged");
                break;
            }
            for (size_t q = 0; q < c; q++) {
                uint64_t bits = le64(buf + 8 * q);
                memcpy(&x[at + q], &bits, sizeof bits);
            }
            at += c;
        }
    }
    fclose(fp);
    return rc;
}

ccs_tallies *ccs_shard_set_unit(ccs_shard_set *s, int u, const ccs_tally_dims *d,
                                uint64_t *events, ccs_error *err)
{
    const ccs_shard_info *h0 = &s->h[0];
    if ((double)ccs_tally_rep_bytes(d) * h0->reps > CCS_SIM_MAX_RESULT_BYTES) {
        ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL,
                      "%d replications would keep %.3g GB of tallies; expected at most %.3g GB",
                      h0->reps, (double)ccs_tally_rep_bytes(d) * h0->reps / 1e9,
                      CCS_SIM_MAX_RESULT_BYTES / 1e9);
        return NULL;
    }
    ccs_tallies *t = ccs_tallies_new(d, h0->reps);
    if (!t) {
        ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        return NULL;
    }
    uint64_t ev = 0;
    for (int i = 0; i < s->n; i++) {
        const ccs_shard_info *h = &s->h[i];
        if (u < h->ufirst || u >= h->uend) {
            continue;
        }
        if (memcmp(&h->dims[u - h->ufirst], d, sizeof *d) != 0) {
            ccs_error_set(err, CCS_EINVAL, s->paths[i], 0, NULL,
                          "bad header: the dimensions are not its scenario's");
            ccs_tallies_free(t);
            return NULL;
        }
        if (read_slice(s, i, u, t, err) != CCS_OK) {
            ccs_tallies_free(t);
            return NULL;
        }
        ev += h->events[u - h->ufirst];
    }
    if (events) {
        *events = ev;
    }
    return t;
}

int ccs_shard_changed_error(const ccs_shard_set *s, ccs_error *err)
{
    return ccs_error_set(err, CCS_EINVAL, s->paths[0], 0, NULL,
                         "the scenario loads differently now than when the shard ran "
                         "(a forecast file changed?): run the shards again");
}

/* ---- the merge of a run ------------------------------------------------------------ */

ccs_results *ccs_shard_merge_set(ccs_shard_set *set, ccs_scenario **scp, ccs_error *err)
{
    *scp = NULL;
    const ccs_shard_info *h = ccs_shard_set_info(set);
    const char *p0 = set->paths[0];
    ccs_scenario *sc = NULL;
    ccs_results *res = NULL;
    if (h->kind != CCS_SHARD_RUN) {
        ccs_error_set(err, CCS_EINVAL, p0, 0, NULL, "a shard of ccsim %s, not of ccsim run",
                      ccs_shard_kind_name(h->kind));
        return NULL;
    }
    sc = ccs_shard_source_load(&h->sources[0], err);
    if (!sc) {
        return NULL;
    }
    if (ccs_shard_hash(&h->sources[0], sc) != h->hash) {
        ccs_shard_changed_error(set, err);
    } else if (sc->seed != h->seed) {
        corrupt(err, p0, "bad header: the seed is not its scenario's");
    } else {
        ccs_tally_dims d = ccs_tally_dims_of(sc);
        uint64_t events = 0;
        ccs_tallies *t = ccs_shard_set_unit(set, 0, &d, &events, err);
        if (t) {
            res = ccs_results_from_tallies(sc, t, err);
            if (res) {
                res->events = events;
            }
        }
    }
    if (!res) {
        ccs_scenario_free(sc);
        return NULL;
    }
    *scp = sc;
    return res;
}

ccs_results *ccs_shard_merge(const char *const *paths, int n, const char *version,
                             ccs_scenario **scp, ccs_error *err)
{
    *scp = NULL;
    ccs_shard_set *set = ccs_shard_open(paths, n, version, err);
    if (!set) {
        return NULL;
    }
    ccs_results *res = ccs_shard_merge_set(set, scp, err);
    ccs_shard_close(set);
    return res;
}
