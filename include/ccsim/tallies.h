/*
 * tallies.h — what one replication counts, and the raw tallies of R
 * replications: dimensions and arrays together, every cell field defined
 * once.
 *
 * A replication keeps only sums per cell, so memory is independent of the
 * horizon.  Six kinds of cells:
 *
 *   kind      cells                             struct
 *   type      intervals x call types            ccs_tally
 *   group     intervals x groups x call types   ccs_group_tally
 *   campaign  intervals x campaigns             ccs_campaign_tally
 *   cgroup    intervals x groups x campaigns    ccs_cgroup_tally
 *   staff     intervals x groups                ccs_staff_tally
 *   chat      intervals x chat queues           ccs_chat_tally
 *   xfer      intervals x call types            ccs_xfer_tally, with transfers only
 *   bo        intervals x back-office types     ccs_bo_tally
 *   bogroup   intervals x groups x bo types     ccs_bogroup_tally
 *   chatgroup intervals x groups x chat queues  ccs_chatgroup_tally
 *
 * Each kind's fields are listed once, in a field table (the X-macros
 * below: name, merge rule, meaning) from which the struct, the merge
 * (ccs_tally_add and friends), the generic per-field table
 * (ccs_tally_kind_info) and the figure tables of sim/ are all made: a field
 * added to a table is summed, zeroed, copied and described everywhere.
 * Every field is a double, so a cell is an array of n_fields doubles and a
 * replication's cells of one kind are one flat array (ccs_tally_rep_data):
 * that is what a shard file (one replication's raw tallies) holds, and the
 * merge of shards is the same computation as one run.
 *
 * Merge rules: SUM adds, MAX keeps the larger (a longest queue or wait).
 *
 * Reading a cell: ccs_tally_at(v, k, t) and the other accessors on the view
 * of one replication (ccs_tallies_rep(T, r)); no index formulas outside
 * this header.
 */
#ifndef CCSIM_TALLIES_H
#define CCSIM_TALLIES_H

#include <stddef.h>
#include <string.h>

#include "ccsim/scenario.h"

/* ---- the field tables ----------------------------------------------------- */

/* (interval, call type): calls are counted in the interval in which they
 * arrived; agent busy time and queue length in the interval in which they
 * happen.  A contact that came by transfer counts here too (contacts), in
 * its customer's arrival interval and the cell of the type it was
 * transferred to; the xfer cells below tell which ones did. */
#define CCS_TALLY_TYPE_FIELDS(X)                                                              \
    X(offered, SUM, "arrivals, retrials included")                                           \
    X(retrials, SUM, "arrivals that were retrials")                                          \
    X(repeats, SUM, "arrivals that were repeat calls of unresolved contacts")                \
    X(handled, SUM, "calls that reached an agent")                                           \
    X(abandoned, SUM, "left the queue before an agent took them")                            \
    X(abandoned_short, SUM, "abandoned within the short-abandon threshold")                  \
    X(blocked, SUM, "turned away: queue full")                                               \
    X(answered_in_sl, SUM, "handled with wait <= T")                                         \
    X(delayed, SUM, "found no free agent on arrival (waited > 0)")                           \
    X(wait_answered_s, SUM, "total wait of handled calls, seconds")                          \
    X(wait_max_s, MAX, "longest wait of any caller, seconds")                                \
    X(handle_s, SUM, "total handle time of handled calls, seconds")                          \
    X(busy_s, SUM, "agent-seconds spent on this type in the interval")                       \
    X(queue_area, SUM, "integral of queue length over the interval, call-seconds")           \
    X(queue_max, MAX, "longest queue seen in the interval")                                  \
    CCS_TALLY_CALLBACK_FIELDS(X)

/* Callbacks (docs/callbacks.md), in the type's cells, counted in the
 * interval in which the caller arrived; all 0 without a callbacks section. */
#define CCS_TALLY_CALLBACK_FIELDS(X)                                                          \
    X(cb_offered, SUM, "callers offered a callback")                                         \
    X(cb_accepted, SUM, "callers who accepted one (left the queue)")                         \
    X(cb_completed, SUM, "callbacks that reached the customer")                              \
    X(cb_failed, SUM, "callbacks given up: no attempt reached the customer")                 \
    X(cb_pending, SUM, "callbacks neither completed nor failed at the end of the day")       \
    X(cb_dials, SUM, "dial-back attempts")                                                   \
    X(cb_wait_s, SUM, "offer to reaching the customer, completed callbacks, seconds")        \
    X(cb_kept, SUM, "callbacks whose first attempt started within the promise")

/* (interval, agent group, call type): the work a group did, for costing and
 * per-group reports.  Counted in the interval in which the work happened
 * (answer time), for the calls that arrived during the day: a call answered
 * after the last interval counts in the last interval, one that arrived
 * during the warmup not at all.  busy_s is clipped to the day. */
#define CCS_TALLY_GROUP_FIELDS(X)                                                             \
    X(handled, SUM, "calls of this type the group answered")                                 \
    X(handle_s, SUM, "their handle time, seconds")                                           \
    X(busy_s, SUM, "agent-seconds busy on this type within the interval")                    \
    X(resolved, SUM, "answered calls resolved at first contact")

/* (interval, campaign): dials and their outcomes are counted in the
 * interval of the dial; agent time in the interval in which it is spent,
 * and only inside the campaign's dialing window (a call that runs past the
 * window counts up to its end), so the shares of agent time in the window
 * add up to at most 100%. */
#define CCS_TALLY_CAMPAIGN_FIELDS(X)                                                          \
    X(dials, SUM, "dials placed")                                                            \
    X(no_answers, SUM, "dials nobody answered")                                              \
    X(busies, SUM, "dials that found the line busy")                                         \
    X(machines, SUM, "answered by a machine")                                                \
    X(connects, SUM, "answered by a person (right or wrong party)")                          \
    X(right_party_contacts, SUM, "right party talked to an agent")                           \
    X(successes, SUM, "right-party contacts that succeeded")                                 \
    X(abandoned, SUM, "live answers hung up on: no agent within the grace time, or AMD "     \
                      "false positives")                                                     \
    X(amd_false_positives, SUM, "live answers the AMD took for machines")                    \
    X(amd_false_negatives, SUM, "machines passed to an agent")                               \
    X(first_attempts, SUM, "records dialed for the first time")                              \
    X(talk_s, SUM, "agent-seconds talking (machines included)")                              \
    X(wrap_s, SUM, "agent-seconds in wrap-up")                                               \
    X(preview_s, SUM, "agent-seconds reviewing records")                                     \
    X(dial_wait_s, SUM, "agent-seconds reserved, waiting for a dial")

/* (interval, agent group, campaign): work of a group on a campaign
 * (costing). */
#define CCS_TALLY_CGROUP_FIELDS(X)                                                            \
    X(handled, SUM, "outbound calls talked to (machines included)")                          \
    X(handle_s, SUM, "talk + wrap seconds")                                                  \
    X(busy_s, SUM, "agent-seconds on the campaign, all activities")                          \
    X(successes, SUM, "successful right-party contacts")                                     \
    X(overtime_s, SUM, "agent-seconds the group's agents stayed past their shift to finish " \
                       "a call (any work), in the interval; the same in every campaign's "   \
                       "cell of the group")

/* (interval, call type), only in a scenario with transfers (dims.transfers;
 * no cells otherwise): the contacts of the type cell that came by
 * transfer, which the day-level rows subtract to count each customer once,
 * and per customer (in the cell of its first type and arrival interval)
 * its end-to-end service. */
#define CCS_TALLY_XFER_FIELDS(X)                                                              \
    X(xfer_out, SUM, "contacts transferred to another type after talk")                      \
    X(xfer_in, SUM, "contacts that came by transfer (in offered)")                          \
    X(xfer_in_handled, SUM, "of them, handled")                                              \
    X(xfer_in_abandoned, SUM, "of them, abandoned")                                          \
    X(xfer_in_abandoned_short, SUM, "of them, abandoned within the short-abandon threshold") \
    X(xfer_in_blocked, SUM, "of them, blocked")                                              \
    X(xfer_in_delayed, SUM, "of them, delayed")                                              \
    X(xfer_in_answered_in_sl, SUM, "of them, handled with wait <= T")                        \
    X(xfer_in_wait_s, SUM, "of them, total wait of the handled, seconds")                    \
    X(xfer_in_handle_s, SUM, "of them, total handle time of the handled, seconds")           \
    X(warm_hold_s, SUM, "agent-seconds first agents held the line on warm transfers")        \
    X(cust_served, SUM, "customers whose first contact was of this type and whose last "     \
                        "contact ended with an agent (scenarios with transfers)")            \
    X(cust_lost, SUM, "customers of this first type lost in a transfer (abandoned or "       \
                      "blocked in the next queue)")                                          \
    X(cust_first_wait_s, SUM, "served customers: wait before the first answer, seconds")     \
    X(cust_wait_s, SUM, "served customers: wait over all their contacts, seconds")           \
    X(cust_agent_s, SUM, "served customers: agent time over all their contacts (handle "     \
                         "times, warm holds), seconds")

/* (interval, agent group): the agents on shift. */
#define CCS_TALLY_STAFF_FIELDS(X)                                                             \
    X(staffed_s, SUM, "agent-seconds on shift: agents present (after absenteeism) x the "    \
                      "interval's length")

/* (interval, chat queue): the chat channel (docs/channels.md).  A chat is
 * counted in the interval in which it arrived; session and agent time in
 * the interval in which it passes.  There is one chat queue (a cell per
 * interval) when the scenario has a chat section, none otherwise. */
#define CCS_TALLY_CHAT_FIELDS(X)                                                              \
    X(offered, SUM, "chats arrived")                                                         \
    X(answered, SUM, "chats that got a first response (a slot of an agent)")                 \
    X(abandoned, SUM, "left before the first response")                                      \
    X(blocked, SUM, "turned away: chat queue full")                                          \
    X(answered_in_sl, SUM, "answered with first-response wait <= T")                         \
    X(delayed, SUM, "found no free slot on arrival")                                         \
    X(wait_answered_s, SUM, "total first-response wait of answered chats, seconds")          \
    X(wait_max_s, MAX, "longest first-response wait of any chat, seconds")                   \
    X(work_s, SUM, "work of answered chats at factor 1, seconds")                            \
    X(completed, SUM, "sessions that ended in the interval")                                 \
    X(session_s, SUM, "integral of open sessions over the interval, session-seconds")        \
    X(active_s, SUM, "agent-seconds with at least one open session")                         \
    X(queue_area, SUM, "integral of chats waiting over the interval, chat-seconds")
/* (interval, back-office type): arrivals in the interval of arrival; items
 * done in the interval in which they are completed (the last interval for
 * one completed after the day), counted for items that arrived during the
 * day; busy time clipped to the day; the backlog is a snapshot at the
 * interval's end (docs/backoffice.md). */
#define CCS_TALLY_BO_FIELDS(X)                                                                \
    X(arrived, SUM, "items that arrived in the interval")                                    \
    X(done, SUM, "items completed in the interval")                                          \
    X(done_on_time, SUM, "of those, completed within their deadline of arrival")             \
    X(wait_s, SUM, "their waits before an agent took them, seconds")                         \
    X(sojourn_s, SUM, "their times from arrival to completion, seconds")                     \
    X(handle_s, SUM, "their handle times, seconds")                                          \
    X(done_by_voice, SUM, "of those, done by agents of groups that also answer calls")       \
    X(busy_s, SUM, "agent-seconds on the type within the interval")                          \
    X(voice_busy_s, SUM, "of those, by agents of groups that also answer calls")             \
    X(backlog, SUM, "items waiting at the interval's end (a snapshot)")                      \
    X(backlog_late, SUM, "of those, already past their deadline")                            \
    X(oldest_age_s, MAX, "age of the oldest waiting item at the interval's end, seconds")

/* (interval, agent group, back-office type): the back-office work of a
 * group (no cells without a back office). */
#define CCS_TALLY_BOGROUP_FIELDS(X)                                                           \
    X(busy_s, SUM, "agent-seconds of the group on the type within the interval")             \
    X(done, SUM, "items of the type the group completed (as the bo cells' done)")

/* (interval, agent group, chat queue): the chat work of a group, for
 * costing by channel (no cells without a chat section).  Counted as the
 * chat cells' answered and active_s, so summed over groups they are those. */
#define CCS_TALLY_CHATGROUP_FIELDS(X)                                                         \
    X(answered, SUM, "chats whose first response was from an agent of the group")           \
    X(active_s, SUM, "agent-seconds of the group with at least one open session")

/* ---- the structs ----------------------------------------------------------- */

#define CCS_TALLY_MEMBER_(name, rule, doc) double name;

typedef struct ccs_tally {
    CCS_TALLY_TYPE_FIELDS(CCS_TALLY_MEMBER_)
} ccs_tally;

typedef struct ccs_group_tally {
    CCS_TALLY_GROUP_FIELDS(CCS_TALLY_MEMBER_)
} ccs_group_tally;

typedef struct ccs_campaign_tally {
    CCS_TALLY_CAMPAIGN_FIELDS(CCS_TALLY_MEMBER_)
} ccs_campaign_tally;

typedef struct ccs_cgroup_tally {
    CCS_TALLY_CGROUP_FIELDS(CCS_TALLY_MEMBER_)
} ccs_cgroup_tally;

typedef struct ccs_staff_tally {
    CCS_TALLY_STAFF_FIELDS(CCS_TALLY_MEMBER_)
} ccs_staff_tally;

typedef struct ccs_chat_tally {
    CCS_TALLY_CHAT_FIELDS(CCS_TALLY_MEMBER_)
} ccs_chat_tally;
typedef struct ccs_xfer_tally {
    CCS_TALLY_XFER_FIELDS(CCS_TALLY_MEMBER_)
} ccs_xfer_tally;
typedef struct ccs_bo_tally {
    CCS_TALLY_BO_FIELDS(CCS_TALLY_MEMBER_)
} ccs_bo_tally;

typedef struct ccs_bogroup_tally {
    CCS_TALLY_BOGROUP_FIELDS(CCS_TALLY_MEMBER_)
} ccs_bogroup_tally;

typedef struct ccs_chatgroup_tally {
    CCS_TALLY_CHATGROUP_FIELDS(CCS_TALLY_MEMBER_)
} ccs_chatgroup_tally;

/* Every field is a double and a struct holds nothing else: a cell is an
 * array of doubles (the estimators stride over a field across
 * replications, the generic code over a cell's fields). */
#define CCS_TALLY_COUNT_(name, rule, doc) +1
#define CCS_TALLY_STRIDE(type) (sizeof(type) / sizeof(double))
_Static_assert(sizeof(ccs_tally) == (0 CCS_TALLY_TYPE_FIELDS(CCS_TALLY_COUNT_)) * sizeof(double),
               "ccs_tally holds only its table's doubles");
_Static_assert(sizeof(ccs_group_tally) ==
                   (0 CCS_TALLY_GROUP_FIELDS(CCS_TALLY_COUNT_)) * sizeof(double),
               "ccs_group_tally holds only its table's doubles");
_Static_assert(sizeof(ccs_campaign_tally) ==
                   (0 CCS_TALLY_CAMPAIGN_FIELDS(CCS_TALLY_COUNT_)) * sizeof(double),
               "ccs_campaign_tally holds only its table's doubles");
_Static_assert(sizeof(ccs_cgroup_tally) ==
                   (0 CCS_TALLY_CGROUP_FIELDS(CCS_TALLY_COUNT_)) * sizeof(double),
               "ccs_cgroup_tally holds only its table's doubles");
_Static_assert(sizeof(ccs_staff_tally) ==
                   (0 CCS_TALLY_STAFF_FIELDS(CCS_TALLY_COUNT_)) * sizeof(double),
               "ccs_staff_tally holds only its table's doubles");
_Static_assert(sizeof(ccs_chat_tally) ==
                   (0 CCS_TALLY_CHAT_FIELDS(CCS_TALLY_COUNT_)) * sizeof(double),
               "ccs_chat_tally holds only its table's doubles");
_Static_assert(sizeof(ccs_xfer_tally) ==
                   (0 CCS_TALLY_XFER_FIELDS(CCS_TALLY_COUNT_)) * sizeof(double),
               "ccs_xfer_tally holds only its table's doubles");
_Static_assert(sizeof(ccs_bo_tally) == (0 CCS_TALLY_BO_FIELDS(CCS_TALLY_COUNT_)) * sizeof(double),
               "ccs_bo_tally holds only its table's doubles");
_Static_assert(sizeof(ccs_bogroup_tally) ==
                   (0 CCS_TALLY_BOGROUP_FIELDS(CCS_TALLY_COUNT_)) * sizeof(double),
               "ccs_bogroup_tally holds only its table's doubles");
_Static_assert(sizeof(ccs_chatgroup_tally) ==
                   (0 CCS_TALLY_CHATGROUP_FIELDS(CCS_TALLY_COUNT_)) * sizeof(double),
               "ccs_chatgroup_tally holds only its table's doubles");

/* Adds b into a by each field's rule (SUM adds, MAX keeps the larger). */
void ccs_tally_add(ccs_tally *a, const ccs_tally *b);
void ccs_group_tally_add(ccs_group_tally *a, const ccs_group_tally *b);
void ccs_campaign_tally_add(ccs_campaign_tally *a, const ccs_campaign_tally *b);
void ccs_cgroup_tally_add(ccs_cgroup_tally *a, const ccs_cgroup_tally *b);
void ccs_staff_tally_add(ccs_staff_tally *a, const ccs_staff_tally *b);
void ccs_chat_tally_add(ccs_chat_tally *a, const ccs_chat_tally *b);
void ccs_xfer_tally_add(ccs_xfer_tally *a, const ccs_xfer_tally *b);
void ccs_bo_tally_add(ccs_bo_tally *a, const ccs_bo_tally *b);
void ccs_bogroup_tally_add(ccs_bogroup_tally *a, const ccs_bogroup_tally *b);
void ccs_chatgroup_tally_add(ccs_chatgroup_tally *a, const ccs_chatgroup_tally *b);

/* ---- the generic field table ------------------------------------------------ */

typedef enum ccs_tally_kind {
    CCS_TALLY_KIND_TYPE,
    CCS_TALLY_KIND_GROUP,
    CCS_TALLY_KIND_CAMPAIGN,
    CCS_TALLY_KIND_CGROUP,
    CCS_TALLY_KIND_STAFF,
    CCS_TALLY_KIND_CHAT,
    CCS_TALLY_KIND_XFER,
    CCS_TALLY_KIND_BO,
    CCS_TALLY_KIND_BOGROUP,
    CCS_TALLY_KIND_CHATGROUP,
    CCS_TALLY_N_KINDS
} ccs_tally_kind;

typedef enum ccs_tally_rule { CCS_TALLY_SUM, CCS_TALLY_MAX } ccs_tally_rule;

typedef struct ccs_tally_field {
    const char *name;       /* the struct member's name */
    ccs_tally_rule rule;    /* how two cells merge */
    const char *doc;        /* what it counts */
} ccs_tally_field;

typedef struct ccs_tally_kind_info {
    const char *name;       /* "type", "group", "campaign", "cgroup", "staff", "chat",
                               "xfer", "bo", "bogroup", "chatgroup" */
    const char *cells;      /* "intervals x call types", ... */
    int n_fields;           /* doubles per cell */
    const ccs_tally_field *fields;   /* [n_fields], in struct order */
} ccs_tally_kind_info;

/* The field table of kind k (NULL for a kind out of range). */
const ccs_tally_kind_info *ccs_tally_kind_info_of(ccs_tally_kind k);

/* Merges n cells of kind k, src into dst (arrays of n * n_fields doubles),
 * by each field's rule: ccs_tally_add and friends, generically. */
void ccs_tally_merge(ccs_tally_kind k, double *dst, const double *src, size_t n);

/* ---- one replication's tallies ------------------------------------------------ */

typedef struct ccs_tally_dims {
    int intervals, types, groups, campaigns;
    int chats;              /* chat queues: 1 with a chat section, else 0 */
    int transfers;   /* 1: some call type has transfers (the xfer cells exist) */
    int backoffice;   /* back-office types (0 without a backoffice list) */
} ccs_tally_dims;

static inline ccs_tally_dims ccs_tally_dims_of(const ccs_scenario *sc)
{
    ccs_tally_dims d = {sc->n_intervals, sc->n_types, sc->n_groups, sc->n_campaigns,
                        sc->chat.on ? 1 : 0, 0, sc->n_backoffice};
    for (int t = 0; t < sc->n_types; t++) {
        d.transfers |= sc->types[t].n_transfers > 0;
    }
    return d;
}

/* Cells of kind k in one replication. */
static inline size_t ccs_tally_cells(const ccs_tally_dims *d, ccs_tally_kind k)
{
    size_t nk = (size_t)d->intervals, nt = (size_t)d->types, ng = (size_t)d->groups;
    size_t nc = (size_t)d->campaigns;
    switch (k) {
    case CCS_TALLY_KIND_TYPE:
        return nk * nt;
    case CCS_TALLY_KIND_GROUP:
        return nk * ng * nt;
    case CCS_TALLY_KIND_CAMPAIGN:
        return nk * nc;
    case CCS_TALLY_KIND_CGROUP:
        return nk * ng * nc;
    case CCS_TALLY_KIND_STAFF:
        return nk * ng;
    case CCS_TALLY_KIND_CHAT:
        return nk * (size_t)d->chats;
    case CCS_TALLY_KIND_XFER:
        return d->transfers ? nk * nt : 0;
    case CCS_TALLY_KIND_BO:
        return nk * (size_t)d->backoffice;
    case CCS_TALLY_KIND_BOGROUP:
        return nk * ng * (size_t)d->backoffice;
    case CCS_TALLY_KIND_CHATGROUP:
        return nk * ng * (size_t)d->chats;
    default:
        return 0;
    }
}

/* Bytes of one replication's tallies (all kinds). */
size_t ccs_tally_rep_bytes(const ccs_tally_dims *d);

/* The view of one replication's tallies: its dimensions and one array per
 * kind (borrowed: a ccs_tallies, or a buffer the caller owns). */
typedef struct ccs_tally_rep {
    ccs_tally_dims d;
    ccs_tally *type;               /* [intervals][types] */
    ccs_group_tally *group;        /* [intervals][groups][types] */
    ccs_campaign_tally *campaign;  /* [intervals][campaigns] */
    ccs_cgroup_tally *cgroup;      /* [intervals][groups][campaigns] */
    ccs_staff_tally *staff;        /* [intervals][groups] */
    ccs_chat_tally *chat;          /* [intervals][chats] */
    ccs_xfer_tally *xfer;          /* [intervals][types], none without transfers */
    ccs_bo_tally *bo;              /* [intervals][back-office types] */
    ccs_bogroup_tally *bogroup;    /* [intervals][groups][back-office types] */
    ccs_chatgroup_tally *chatgroup; /* [intervals][groups][chats] */
} ccs_tally_rep;

static inline ccs_tally *ccs_tally_at(const ccs_tally_rep *v, int k, int t)
{
    return &v->type[(size_t)k * (size_t)v->d.types + (size_t)t];
}

static inline ccs_group_tally *ccs_group_tally_at(const ccs_tally_rep *v, int k, int g, int t)
{
    return &v->group[((size_t)k * (size_t)v->d.groups + (size_t)g) * (size_t)v->d.types +
                     (size_t)t];
}

static inline ccs_campaign_tally *ccs_campaign_tally_at(const ccs_tally_rep *v, int k, int c)
{
    return &v->campaign[(size_t)k * (size_t)v->d.campaigns + (size_t)c];
}

static inline ccs_cgroup_tally *ccs_cgroup_tally_at(const ccs_tally_rep *v, int k, int g, int c)
{
    return &v->cgroup[((size_t)k * (size_t)v->d.groups + (size_t)g) * (size_t)v->d.campaigns +
                      (size_t)c];
}

/* Only with d.transfers. */
static inline ccs_xfer_tally *ccs_xfer_tally_at(const ccs_tally_rep *v, int k, int t)
{
    return &v->xfer[(size_t)k * (size_t)v->d.types + (size_t)t];
}

static inline ccs_staff_tally *ccs_staff_tally_at(const ccs_tally_rep *v, int k, int g)
{
    return &v->staff[(size_t)k * (size_t)v->d.groups + (size_t)g];
}

static inline ccs_chat_tally *ccs_chat_tally_at(const ccs_tally_rep *v, int k)
{
    return &v->chat[(size_t)k * (size_t)v->d.chats];
}

static inline ccs_bo_tally *ccs_bo_tally_at(const ccs_tally_rep *v, int k, int b)
{
    return &v->bo[(size_t)k * (size_t)v->d.backoffice + (size_t)b];
}

static inline ccs_bogroup_tally *ccs_bogroup_tally_at(const ccs_tally_rep *v, int k, int g,
                                                      int b)
{
    return &v->bogroup[((size_t)k * (size_t)v->d.groups + (size_t)g) * (size_t)v->d.backoffice +
                       (size_t)b];
}

/* Only with d.chats (the one chat queue). */
static inline ccs_chatgroup_tally *ccs_chatgroup_tally_at(const ccs_tally_rep *v, int k, int g)
{
    return &v->chatgroup[((size_t)k * (size_t)v->d.groups + (size_t)g) * (size_t)v->d.chats];
}

/* Agent-seconds on shift in intervals [k0, k1) of the groups groups[0..n),
 * summed interval by interval, in the order of the list: the one sum of
 * staffed time every figure (agents, occupancy, shares, staffing checks)
 * uses. */
static inline double ccs_tally_staffed_s(const ccs_tally_rep *v, int k0, int k1,
                                         const int *groups, int n)
{
    double s = 0;
    for (int k = k0; k < k1; k++) {
        for (int j = 0; j < n; j++) {
            s += ccs_staff_tally_at(v, k, groups[j])->staffed_s;
        }
    }
    return s;
}

/* The cells of kind k as one flat array of ccs_tally_cells() x n_fields
 * doubles (generic code: copy, merge, write to a file). */
double *ccs_tally_rep_data(const ccs_tally_rep *v, ccs_tally_kind k);

/* Sets every cell to 0 (inline: the model calls it at the start of each
 * replication, and the model sits below sim/, where the rest lives). */
static inline void ccs_tally_rep_zero(const ccs_tally_rep *v)
{
    memset(v->type, 0, ccs_tally_cells(&v->d, CCS_TALLY_KIND_TYPE) * sizeof *v->type);
    memset(v->group, 0, ccs_tally_cells(&v->d, CCS_TALLY_KIND_GROUP) * sizeof *v->group);
    memset(v->campaign, 0,
           ccs_tally_cells(&v->d, CCS_TALLY_KIND_CAMPAIGN) * sizeof *v->campaign);
    memset(v->cgroup, 0, ccs_tally_cells(&v->d, CCS_TALLY_KIND_CGROUP) * sizeof *v->cgroup);
    memset(v->staff, 0, ccs_tally_cells(&v->d, CCS_TALLY_KIND_STAFF) * sizeof *v->staff);
    memset(v->chat, 0, ccs_tally_cells(&v->d, CCS_TALLY_KIND_CHAT) * sizeof *v->chat);
    if (v->d.chats > 0) {
        memset(v->chatgroup, 0,
               ccs_tally_cells(&v->d, CCS_TALLY_KIND_CHATGROUP) * sizeof *v->chatgroup);
    }
    memset(v->xfer, 0, ccs_tally_cells(&v->d, CCS_TALLY_KIND_XFER) * sizeof *v->xfer);
    if (v->d.backoffice > 0) {
        memset(v->bo, 0, ccs_tally_cells(&v->d, CCS_TALLY_KIND_BO) * sizeof *v->bo);
        memset(v->bogroup, 0,
               ccs_tally_cells(&v->d, CCS_TALLY_KIND_BOGROUP) * sizeof *v->bogroup);
    }
}

/* Copies src's cells into dst (same dimensions). */
void ccs_tally_rep_copy(const ccs_tally_rep *dst, const ccs_tally_rep *src);

/* ---- R replications ----------------------------------------------------------- */

typedef struct ccs_tallies ccs_tallies;   /* opaque */

/* Zeroed tallies of `reps` replications of dimensions d; free with
 * ccs_tallies_free().  NULL when out of memory or reps < 1. */
ccs_tallies *ccs_tallies_new(const ccs_tally_dims *d, int reps);

/* Frees t.  NULL is a no-op. */
void ccs_tallies_free(ccs_tallies *t);

int ccs_tallies_reps(const ccs_tallies *t);
ccs_tally_dims ccs_tallies_dims(const ccs_tallies *t);

/* The tallies of replication r (0 <= r < reps): a view into t. */
ccs_tally_rep ccs_tallies_rep(const ccs_tallies *t, int r);

#endif
