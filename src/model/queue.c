/*
 * queue.c — the waiting queues (queue.h).
 */
#include "model/queue.h"

#include <stdlib.h>

#include "ccsim/error.h"

int ccs_queues_init(ccs_queues *qs, int nt, ccs_calls *calls, const ccs_clock *clk,
                    const ccs_tally_rep *tal)
{
    qs->nt = nt;
    qs->calls = calls;
    qs->clk = clk;
    qs->tal = tal;
    qs->q = calloc((size_t)nt + 1, sizeof *qs->q);
    ccs_queues_reset(qs);
    return qs->q ? CCS_OK : CCS_ENOMEM;
}

void ccs_queues_fini(ccs_queues *qs)
{
    free(qs->q);
    qs->q = NULL;
}

void ccs_queues_reset(ccs_queues *qs)
{
    for (int t = 0; qs->q && t < qs->nt; t++) {
        qs->q[t].head = qs->q[t].tail = NIL;
        qs->q[t].len = 0;
        qs->q[t].last = 0;
    }
    qs->waiting = 0;
}

void ccs_queues_close_interval(ccs_queues *qs, double now)
{
    for (int t = 0; t < qs->nt; t++) {
        ccs_queue_account(qs, t, now);
    }
}

void ccs_queues_open_interval(ccs_queues *qs)
{
    if (!ccs_clock_counting(qs->clk)) {
        return;
    }
    for (int t = 0; t < qs->nt; t++) {
        ccs_tally_at(qs->tal, qs->clk->cur, t)->queue_max = (double)qs->q[t].len;
    }
}

uint32_t ccs_queue_oldest(const ccs_queues *qs, const int *types, int n, int *type)
{
    uint32_t best = NIL;
    *type = -1;
    for (int i = 0; i < n; i++) {
        uint32_t h = qs->q[types[i]].head;
        if (h != NIL && (best == NIL || qs->calls->v[h].arrive < qs->calls->v[best].arrive)) {
            best = h;
            *type = types[i];
        }
    }
    return best;
}
