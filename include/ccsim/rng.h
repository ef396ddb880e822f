/*
 * rng.h — independent, reproducible random-number streams.
 *
 * Every (seed, replication, purpose) triple gets its own GSL generator whose
 * seed is a 64-bit mix of the three (cimba's fmix64), so results do not
 * depend on thread count or scheduling order, and two scenarios run with the
 * same seed draw the same numbers for the same purpose (common random
 * numbers).  No global state: gsl_rng_env_setup() is never called.
 */
#ifndef CCSIM_RNG_H
#define CCSIM_RNG_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

/* Purposes.  A stream is (purpose, index), index being e.g. the call type or
 * campaign, so adding a call type does not shift the others' numbers. */
typedef enum ccs_rng_purpose {
    CCS_RNG_ARRIVALS = 1,
    CCS_RNG_HANDLE,
    CCS_RNG_PATIENCE,
    CCS_RNG_RETRIAL,
    CCS_RNG_VOLUME,
    CCS_RNG_ROUTING,
    CCS_RNG_DIALER,
    CCS_RNG_QUALITY,
    CCS_RNG_ABSENCE,      /* which agents on shift are absent (index: the group) */
    CCS_RNG_CALLBACK = 10, /* callbacks: acceptance (index 2t) and reach (2t + 1) of type t */
    CCS_RNG_TRANSFER = 11, /* whether an answered contact is transferred, and where
                              (index: its call type) */
    CCS_RNG_TRANSFER_LEG = 12, /* handle time, patience, resolution of a transferred
                                  contact (index: the type it is transferred to) */
    CCS_RNG_CHAT = 20,    /* chat: index 0 arrivals, 1 work, 2 patience */
    /* Back-office items (backoffice.c): index 2b = arrivals of type b, 2b + 1
     * = their handle times. */
    CCS_RNG_BACKOFFICE = 40
} ccs_rng_purpose;

/* The 64-bit seed of stream (purpose, index) of replication rep. */
uint64_t ccs_rng_stream_seed(uint64_t seed, uint64_t rep, unsigned purpose,
                             unsigned index);

/* Returns a new generator of ccsim's type seeded for that stream; free with
 * gsl_rng_free().  NULL when out of memory. */
gsl_rng *ccs_rng_new(uint64_t seed, uint64_t rep, unsigned purpose, unsigned index);

/* Re-seeds r in place for that stream (no allocation). */
void ccs_rng_reseed(gsl_rng *r, uint64_t seed, uint64_t rep, unsigned purpose,
                    unsigned index);

/* The GSL generator type used for every stream.  GSL generators use only
 * the low 32 bits of a seed; ccsim makes those distinct within a
 * replication for purpose < 256 and index < 2^24 (docs/engine.md). */
const gsl_rng_type *ccs_rng_type(void);

#endif
