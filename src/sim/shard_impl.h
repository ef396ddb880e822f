/*
 * shard_impl.h — what the writer (shard.c) and the reader (shard_read.c)
 * of shard files share: the magic, FNV-1a 64 and the doubles' bits.
 */
#ifndef CCSIM_SHARD_IMPL_H
#define CCSIM_SHARD_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ccsim/tallies.h"

static const char CCS_SHARD_MAGIC[8] = {'C', 'C', 'S', 'I', 'M', 'R', 'A', 'W'};

#define CCS_FNV_OFFSET 0xcbf29ce484222325ULL
#define CCS_FNV_PRIME 0x100000001b3ULL

static inline uint64_t ccs_fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ b[i]) * CCS_FNV_PRIME;
    }
    return h;
}

static inline uint64_t ccs_fnv_u64(uint64_t h, uint64_t v)
{
    unsigned char b[8];
    for (int i = 0; i < 8; i++) {
        b[i] = (unsigned char)(v >> (8 * i));
    }
    return ccs_fnv(h, b, 8);
}

static inline uint64_t ccs_fnv_str(uint64_t h, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    h = ccs_fnv_u64(h, n);
    return ccs_fnv(h, s ? s : "", n);
}

static inline uint64_t ccs_dbits(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

/* Doubles of kind k in one replication. */
static inline size_t ccs_shard_kind_doubles(const ccs_tally_dims *d, ccs_tally_kind k)
{
    return ccs_tally_cells(d, k) * (size_t)ccs_tally_kind_info_of(k)->n_fields;
}

#endif
