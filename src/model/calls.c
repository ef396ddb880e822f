/*
 * calls.c — the contact-record pool (calls.h).
 */
#include "model/calls.h"

#include <stdlib.h>

#include "ccsim/error.h"
#include "ccsim/model.h"

int ccs_calls_init(ccs_calls *p, uint32_t cap)
{
    p->v = calloc(cap, sizeof *p->v);
    p->cap = p->v ? cap : 0;
    for (uint32_t i = 0; i < p->cap; i++) {
        p->v[i].timer = NIL;
    }
    ccs_calls_reset(p);
    return p->v ? CCS_OK : CCS_ENOMEM;
}

void ccs_calls_fini(ccs_calls *p)
{
    free(p->v);
    p->v = NULL;
    p->cap = 0;
}

void ccs_calls_reset(ccs_calls *p)
{
    for (uint32_t i = 0; i < p->cap; i++) {
        p->v[i].next = i + 1 < p->cap ? i + 1 : NIL;
    }
    p->free_head = p->cap > 0 ? 0 : NIL;
    p->numbered = 0;
}

int ccs_calls_grow(ccs_calls *p)
{
    uint32_t old = p->cap, cap = old * 2;
    if (old >= CCS_MODEL_MAX_CALLS) {
        return CCS_ELIMIT;
    }
    call *c = realloc(p->v, cap * sizeof *c);
    if (!c) {
        return CCS_ENOMEM;
    }
    p->v = c;
    p->cap = cap;
    for (uint32_t i = old; i < cap; i++) {
        c[i].next = i + 1 < cap ? i + 1 : NIL;
        c[i].gen = 0;
        c[i].timer = NIL;
    }
    p->free_head = old;
    return CCS_OK;
}
