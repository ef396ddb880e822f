/*
 * rng.c — seeds for independent, reproducible random streams.
 *
 * A stream is named by (seed, rep, purpose, index) and its GSL seed is a
 * chain of 64-bit finalizers over those four numbers, so it depends on
 * nothing else (thread count, order of creation, other streams).
 *
 * Key invariant: GSL's generators read only the low 32 bits of the seed
 * (taus2, gfsr4 and mt19937 all reduce it mod 2^32), so within one
 * replication the low 32 bits are built to be distinct for distinct
 * (purpose, index) with purpose < 256 and index < 2^24: two streams of
 * one replication can then never be the same sequence.  See docs/engine.md.
 */
#include "ccsim/rng.h"

#include "ccsim/error.h"

/* MurmurHash3's 64-bit finalizer (public domain, Austin Appleby): a
 * bijection on 64 bits with full avalanche. */
static inline uint64_t fmix64(uint64_t k)
{
    k ^= k >> 33;
    k *= UINT64_C(0xff51afd7ed558ccd);
    k ^= k >> 33;
    k *= UINT64_C(0xc4ceb9fe1a85ec53);
    k ^= k >> 33;
    return k;
}

/* Its 32-bit finalizer, also a bijection. */
static inline uint32_t fmix32(uint32_t h)
{
    h ^= h >> 16;
    h *= UINT32_C(0x85ebca6b);
    h ^= h >> 13;
    h *= UINT32_C(0xc2b2ae35);
    h ^= h >> 16;
    return h;
}

#define GOLDEN UINT64_C(0x9e3779b97f4a7c15)   /* 2^64 / phi, odd */

uint64_t ccs_rng_stream_seed(uint64_t seed, uint64_t rep, unsigned purpose,
                             unsigned index)
{
    /* Each step x -> fmix64(x ^ v) is a bijection in v for fixed x, so for
     * a fixed seed distinct reps give distinct bases. */
    uint64_t base = fmix64(fmix64(seed + GOLDEN) ^ (rep * GOLDEN));
    uint64_t name = ((uint64_t)purpose << 32) | index;
    uint64_t hi = fmix64(base ^ (name * GOLDEN + 1));
    /* Low half: a bijection of (purpose, index) packed in 32 bits, keyed by
     * the replication, hence collision-free within it. */
    uint32_t packed = ((uint32_t)purpose << 24) ^ (uint32_t)index;
    uint32_t lo = fmix32((uint32_t)(base >> 32) ^ fmix32(packed ^ (uint32_t)base));
    return (hi & UINT64_C(0xffffffff00000000)) | lo;
}

const gsl_rng_type *ccs_rng_type(void)
{
    return gsl_rng_taus2;
}

gsl_rng *ccs_rng_new(uint64_t seed, uint64_t rep, unsigned purpose, unsigned index)
{
    gsl_rng *r = gsl_rng_alloc(ccs_rng_type());
    if (!r) {
        return NULL;
    }
    ccs_rng_reseed(r, seed, rep, purpose, index);
    return r;
}

void ccs_rng_reseed(gsl_rng *r, uint64_t seed, uint64_t rep, unsigned purpose,
                    unsigned index)
{
    CCS_ASSERT(r != NULL);
    /* unsigned long may be 32 bits; the generator uses only those anyway. */
    gsl_rng_set(r, (unsigned long)ccs_rng_stream_seed(seed, rep, purpose, index));
}
