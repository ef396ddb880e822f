/*
 * clock.h — the day's intervals and which one is running, shared by the
 * model's modules (read-only outside core.c, which alone moves `cur`).
 *
 * Time 0 is the start of the warmup; the day's interval k covers
 * [W + kL, W + (k+1)L); cur is -1 during the warmup and nk after the last
 * interval (calls still in the system finish).
 */
#ifndef CCSIM_MODEL_CLOCK_H
#define CCSIM_MODEL_CLOCK_H

typedef struct ccs_clock {
    double W, L, day_end;   /* warmup, interval length, W + nk L (seconds) */
    int nk;                 /* intervals */
    int cur;                /* current interval: -1 warmup, nk after the day */
} ccs_clock;

/* The current interval's span under the channels' formula
 * (ccs_clock_index): for s in [lo, hi), (int)((s - W) / L) == k, found
 * exactly when the interval moves (core.c); empty outside the day. */
typedef struct ccs_clock_span {
    double lo, hi;          /* seconds; lo == hi: empty */
    double end;             /* W + L (k + 1) */
    int k;                  /* the clock's cur */
} ccs_clock_span;

/* Interval (int)((s - W) / L) of a time s >= W, and in *end that
 * interval's end W + L (k + 1): the same values as those expressions,
 * without the division for a time in the current interval's span sp (most
 * events: the division sat on the arrivals' and the answers' critical
 * path). */
static inline int ccs_clock_index(const ccs_clock *c, const ccs_clock_span *sp, double s,
                                  double *end)
{
    if (s >= sp->lo && s < sp->hi) {
        *end = sp->end;
        return sp->k;
    }
    int k = (int)((s - c->W) / c->L);
    *end = c->W + c->L * (k + 1);
    return k;
}

/* Inside the day: what happens now is counted in interval cur. */
static inline int ccs_clock_counting(const ccs_clock *c)
{
    return c->cur >= 0 && c->cur < c->nk;
}

/* The interval work done now is billed in: cur, or the last interval for
 * work after the day (the agents stay to clear the queue). */
static inline int ccs_clock_billing(const ccs_clock *c)
{
    return c->cur < c->nk ? c->cur : c->nk - 1;
}

#endif
