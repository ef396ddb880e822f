/*
 * channel.h — the seam between the model core and its channels.
 *
 * A channel (inbound voice, the outbound dialer; later chat, callbacks,
 * back office) owns a range of event kinds and a state of its own, and
 * plugs into the core through this table.  The core gives it its kinds at
 * creation ([kind0, kind0 + n_kinds)), delivers every event of its kind
 * kind0 + i to on_event[i] (one handler per kind: the dispatch is one
 * indirect call, as cheap as the switch it replaces), offers it free
 * agents in registration order (channels.c: earlier channels have
 * priority) and tells it when an interval starts.
 * The core knows nothing else of a channel; a channel talks to agents,
 * queues and routing through their interfaces and to the core through
 * core.h.
 *
 * Every hook but create may be NULL.  A channel whose create leaves *state
 * NULL is not used by the scenario and is never called again.
 */
#ifndef CCSIM_MODEL_CHANNEL_H
#define CCSIM_MODEL_CHANNEL_H

#include <stdint.h>

#include "core/engine.h"

struct ccs_model;

/* Most event kinds one channel owns. */
#define CCS_CHANNEL_MAX_KINDS 8

/* Handles one event of the channel's (state: the channel's). */
typedef void (*ccs_event_fn)(struct ccs_model *m, void *state, const ccs_event *ev);

/* Why a group's agent is free. */
typedef enum ccs_free_reason {
    CCS_FREE_DONE,     /* its work ended (or a reservation was released) */
    CCS_FREE_STAFFED   /* it came on shift at an interval boundary; channels that
                          start work in on_interval may wait for that */
} ccs_free_reason;

typedef struct ccs_channel {
    const char *name;
    uint32_t n_kinds;   /* event kinds it owns */
    /* Builds the state for m's scenario: CCS_OK with *state set (NULL: not
     * used), or CCS_ENOMEM.  Runs after the core's modules are built. */
    int (*create)(struct ccs_model *m, uint32_t kind0, void **state);
    void (*destroy)(void *state);
    /* Before replication rep: reseed streams, empty the state. */
    void (*reset)(struct ccs_model *m, void *state, int rep);
    /* At time 0, after the first staffing: schedule the first events. */
    void (*start)(struct ccs_model *m, void *state);
    /* The handler of each of its kinds: on_event[ev->kind - kind0]. */
    ccs_event_fn on_event[CCS_CHANNEL_MAX_KINDS];
    /* An idle agent of group g looks for work: give it some and return 1,
     * or return 0 (the next channel is asked). */
    int (*on_agent_free)(struct ccs_model *m, void *state, int g, ccs_free_reason why,
                         double now);
    /* Asked before every channel's on_agent_free (a channel's claim that
     * goes ahead of the others' priority, the back office's guaranteed
     * share); same contract.  NULL for most. */
    int (*on_agent_free_first)(struct ccs_model *m, void *state, int g, ccs_free_reason why,
                               double now);
    /* Interval k has started at now (staffing set, next boundary scheduled). */
    void (*on_interval)(struct ccs_model *m, void *state, int k, double now);
} ccs_channel;

/* The registered channels, in priority order (channels.c). */
extern const ccs_channel *const ccs_channels[];
extern const int ccs_n_channels;

#endif
