/*
 * engine.h — the discrete-event calendar.  Knows nothing of call centers.
 *
 * An array-backed heap of small fixed-size records ordered by (time, seq):
 * seq is a per-engine counter, so events at the same time come out in the
 * order they were scheduled and runs are deterministic.  No allocation per
 * event: the array grows by doubling and is reused across ccs_engine_reset(),
 * so memory is bounded by the number of events in flight, not the horizon.
 *
 * Cancellation is mostly the model's business: records carry id/gen fields,
 * and a model that bumps an entity's generation ignores stale events when
 * they pop (lazy deletion).  A timer's event can also be withdrawn at once
 * (ccs_engine_cancel), for one the model withdraws more often than not.
 *
 * Private to the library (src/, never installed): the model drives it, and
 * programs that use libccsim run scenarios through sim.h and model.h.
 */
#ifndef CCSIM_ENGINE_H
#define CCSIM_ENGINE_H

#include <stddef.h>
#include <stdint.h>

typedef struct ccs_event {
    double time;      /* simulation time, seconds */
    uint64_t seq;     /* scheduling order; set by the engine */
    uint32_t kind;    /* model-defined event type */
    uint32_t id;      /* model-defined: entity slot (call, group, interval) */
    uint32_t gen;     /* model-defined: generation, for lazy cancellation */
    uint32_t aux;     /* model-defined extra */
} ccs_event;

typedef struct ccs_engine ccs_engine;   /* opaque */

/* Returns a new empty engine at time 0 with room for `capacity` events
 * (0 = a default); free with ccs_engine_free().  NULL when out of memory. */
ccs_engine *ccs_engine_new(size_t capacity);

/* Frees e and its calendar.  NULL is a no-op. */
void ccs_engine_free(ccs_engine *e);

/* Empties the calendar (no timer pending) and sets time and seq to 0;
 * keeps the memory and the timers added. */
void ccs_engine_reset(ccs_engine *e);

/* Most events a calendar holds at once (2^24, 512 MB of records): beyond
 * it ccs_engine_schedule() refuses with CCS_ELIMIT rather than grow. */
#define CCS_ENGINE_MAX_EVENTS ((size_t)1 << 24)

/* Schedules an event at absolute time t >= now (asserted).  Returns 0,
 * CCS_ELIMIT when CCS_ENGINE_MAX_EVENTS are pending, or CCS_ENOMEM when the
 * calendar cannot grow (nothing is scheduled then). */
int ccs_engine_schedule(ccs_engine *e, double t, uint32_t kind, uint32_t id,
                        uint32_t gen, uint32_t aux);

/* Removes the earliest event into *out and advances the clock to its time.
 * Returns 1, or 0 when the calendar is empty (out untouched). */
int ccs_engine_pop(ccs_engine *e, ccs_event *out);

/* Timers: a fixed set of events kept beside the heap, for a source that
 * always has exactly one event pending and reschedules it when it fires
 * (a call type's next arrival).  Timer i holds at most one event; setting
 * it while pending moves that event.  A timer's event gets its seq from
 * the same counter as ccs_engine_schedule()'s, and ccs_engine_pop() takes
 * the earlier of the heap's top and the earliest pending timer by (time,
 * seq): the pop sequence is exactly the one the same calls to
 * ccs_engine_schedule() would give, while the heap is smaller and a
 * timer's event never sifts through it.
 *
 * Adds n timers; *first gets the index of the first.  The arrays double
 * when full, so adding timers one at a time as a model's record pool grows
 * allocates only now and then, never per event; they are kept across
 * ccs_engine_reset().  Returns 0 or CCS_ENOMEM (nothing added). */
int ccs_engine_add_timers(ccs_engine *e, uint32_t n, uint32_t *first);

/* Sets timer i (below the timers added) to fire at absolute time t >= now
 * (asserted) with that payload.  Never allocates and cannot fail. */
void ccs_engine_set_timer(ccs_engine *e, uint32_t i, double t, uint32_t kind, uint32_t id,
                          uint32_t gen, uint32_t aux);

/* Withdraws timer i's pending event (i below the timers added), in
 * O(log n) of the timers pending; the pops of the other events keep their
 * order.  Returns 1, or 0 when timer i had none pending (nothing changes).
 * A withdrawn event counts in ccs_engine_popped() as if it had popped, so
 * that figure is the events scheduled and resolved, with or without
 * cancellation: a model that cancels prints the same count as one that
 * lets the event pop stale. */
int ccs_engine_cancel(ccs_engine *e, uint32_t i);

/* Time of the last popped event (0 after new/reset). */
double ccs_engine_now(const ccs_engine *e);

/* Events waiting in the calendar (timers included). */
size_t ccs_engine_pending(const ccs_engine *e);

/* Events popped or withdrawn (ccs_engine_cancel) since new/reset. */
uint64_t ccs_engine_popped(const ccs_engine *e);

#endif
