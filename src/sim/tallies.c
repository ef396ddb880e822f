/*
 * tallies.c — the raw tallies of R replications (tallies.h): the generic
 * field tables, the merges made from them, and one allocation per kind
 * holding every replication's cells, replication-major, so the tallies of
 * replication r are one contiguous slice per kind.
 */
#include "ccsim/tallies.h"

#include <stdlib.h>
#include <string.h>

/* ---- merges, from the field tables ------------------------------------------ */

#define MERGE_SUM_(a, b) (a) += (b)
#define MERGE_MAX_(a, b) \
    if ((b) > (a)) {     \
        (a) = (b);       \
    }
#define MERGE_FIELD_(name, rule, doc) MERGE_##rule##_(a->name, b->name);

void ccs_tally_add(ccs_tally *a, const ccs_tally *b)
{
    CCS_TALLY_TYPE_FIELDS(MERGE_FIELD_)
}

void ccs_group_tally_add(ccs_group_tally *a, const ccs_group_tally *b)
{
    CCS_TALLY_GROUP_FIELDS(MERGE_FIELD_)
}

void ccs_campaign_tally_add(ccs_campaign_tally *a, const ccs_campaign_tally *b)
{
    CCS_TALLY_CAMPAIGN_FIELDS(MERGE_FIELD_)
}

void ccs_cgroup_tally_add(ccs_cgroup_tally *a, const ccs_cgroup_tally *b)
{
    CCS_TALLY_CGROUP_FIELDS(MERGE_FIELD_)
}

void ccs_staff_tally_add(ccs_staff_tally *a, const ccs_staff_tally *b)
{
    CCS_TALLY_STAFF_FIELDS(MERGE_FIELD_)
}

void ccs_chat_tally_add(ccs_chat_tally *a, const ccs_chat_tally *b)
{
    CCS_TALLY_CHAT_FIELDS(MERGE_FIELD_)
}

void ccs_xfer_tally_add(ccs_xfer_tally *a, const ccs_xfer_tally *b)
{
    CCS_TALLY_XFER_FIELDS(MERGE_FIELD_)
}

void ccs_bo_tally_add(ccs_bo_tally *a, const ccs_bo_tally *b)
{
    CCS_TALLY_BO_FIELDS(MERGE_FIELD_)
}

void ccs_bogroup_tally_add(ccs_bogroup_tally *a, const ccs_bogroup_tally *b)
{
    CCS_TALLY_BOGROUP_FIELDS(MERGE_FIELD_)
}

void ccs_chatgroup_tally_add(ccs_chatgroup_tally *a, const ccs_chatgroup_tally *b)
{
    CCS_TALLY_CHATGROUP_FIELDS(MERGE_FIELD_)
}

/* ---- the generic tables ------------------------------------------------------- */

#define FIELD_ENTRY_(name, rule, doc) {#name, CCS_TALLY_##rule, doc},

static const ccs_tally_field type_fields[] = {CCS_TALLY_TYPE_FIELDS(FIELD_ENTRY_)};
static const ccs_tally_field group_fields[] = {CCS_TALLY_GROUP_FIELDS(FIELD_ENTRY_)};
static const ccs_tally_field campaign_fields[] = {CCS_TALLY_CAMPAIGN_FIELDS(FIELD_ENTRY_)};
static const ccs_tally_field cgroup_fields[] = {CCS_TALLY_CGROUP_FIELDS(FIELD_ENTRY_)};
static const ccs_tally_field staff_fields[] = {CCS_TALLY_STAFF_FIELDS(FIELD_ENTRY_)};
static const ccs_tally_field chat_fields[] = {CCS_TALLY_CHAT_FIELDS(FIELD_ENTRY_)};
static const ccs_tally_field xfer_fields[] = {CCS_TALLY_XFER_FIELDS(FIELD_ENTRY_)};
static const ccs_tally_field bo_fields[] = {CCS_TALLY_BO_FIELDS(FIELD_ENTRY_)};
static const ccs_tally_field bogroup_fields[] = {CCS_TALLY_BOGROUP_FIELDS(FIELD_ENTRY_)};
static const ccs_tally_field chatgroup_fields[] = {CCS_TALLY_CHATGROUP_FIELDS(FIELD_ENTRY_)};

#define N_(a) ((int)(sizeof a / sizeof a[0]))

static const ccs_tally_kind_info kinds[CCS_TALLY_N_KINDS] = {
    {"type", "intervals x call types", N_(type_fields), type_fields},
    {"group", "intervals x groups x call types", N_(group_fields), group_fields},
    {"campaign", "intervals x campaigns", N_(campaign_fields), campaign_fields},
    {"cgroup", "intervals x groups x campaigns", N_(cgroup_fields), cgroup_fields},
    {"staff", "intervals x groups", N_(staff_fields), staff_fields},
    {"chat", "intervals x chat queues", N_(chat_fields), chat_fields},
    {"xfer", "intervals x call types (with transfers)", N_(xfer_fields), xfer_fields},
    {"bo", "intervals x back-office types", N_(bo_fields), bo_fields},
    {"bogroup", "intervals x groups x back-office types", N_(bogroup_fields), bogroup_fields},
    {"chatgroup", "intervals x groups x chat queues", N_(chatgroup_fields), chatgroup_fields},
};

_Static_assert(N_(type_fields) == CCS_TALLY_STRIDE(ccs_tally), "type table");
_Static_assert(N_(group_fields) == CCS_TALLY_STRIDE(ccs_group_tally), "group table");
_Static_assert(N_(campaign_fields) == CCS_TALLY_STRIDE(ccs_campaign_tally), "campaign table");
_Static_assert(N_(cgroup_fields) == CCS_TALLY_STRIDE(ccs_cgroup_tally), "cgroup table");
_Static_assert(N_(staff_fields) == CCS_TALLY_STRIDE(ccs_staff_tally), "staff table");
_Static_assert(N_(chat_fields) == CCS_TALLY_STRIDE(ccs_chat_tally), "chat table");
_Static_assert(N_(xfer_fields) == CCS_TALLY_STRIDE(ccs_xfer_tally), "xfer table");
_Static_assert(N_(bo_fields) == CCS_TALLY_STRIDE(ccs_bo_tally), "back-office table");
_Static_assert(N_(bogroup_fields) == CCS_TALLY_STRIDE(ccs_bogroup_tally), "bogroup table");
_Static_assert(N_(chatgroup_fields) == CCS_TALLY_STRIDE(ccs_chatgroup_tally), "chatgroup table");

const ccs_tally_kind_info *ccs_tally_kind_info_of(ccs_tally_kind k)
{
    return (unsigned)k < CCS_TALLY_N_KINDS ? &kinds[k] : NULL;
}

void ccs_tally_merge(ccs_tally_kind k, double *dst, const double *src, size_t n)
{
    const ccs_tally_kind_info *info = ccs_tally_kind_info_of(k);
    if (!info) {
        return;
    }
    size_t nf = (size_t)info->n_fields;
    for (size_t c = 0; c < n; c++) {
        for (size_t i = 0; i < nf; i++) {
            double *a = &dst[c * nf + i];
            double b = src[c * nf + i];
            if (info->fields[i].rule == CCS_TALLY_MAX) {
                *a = b > *a ? b : *a;
            } else {
                *a += b;
            }
        }
    }
}

/* ---- one replication ------------------------------------------------------------ */

static size_t kind_doubles(const ccs_tally_dims *d, ccs_tally_kind k)
{
    return ccs_tally_cells(d, k) * (size_t)kinds[k].n_fields;
}

size_t ccs_tally_rep_bytes(const ccs_tally_dims *d)
{
    size_t n = 0;
    for (int k = 0; k < CCS_TALLY_N_KINDS; k++) {
        n += kind_doubles(d, (ccs_tally_kind)k) * sizeof(double);
    }
    return n;
}

double *ccs_tally_rep_data(const ccs_tally_rep *v, ccs_tally_kind k)
{
    switch (k) {
    case CCS_TALLY_KIND_TYPE:
        return (double *)(void *)v->type;
    case CCS_TALLY_KIND_GROUP:
        return (double *)(void *)v->group;
    case CCS_TALLY_KIND_CAMPAIGN:
        return (double *)(void *)v->campaign;
    case CCS_TALLY_KIND_CGROUP:
        return (double *)(void *)v->cgroup;
    case CCS_TALLY_KIND_STAFF:
        return (double *)(void *)v->staff;
    case CCS_TALLY_KIND_CHAT:
        return (double *)(void *)v->chat;
    case CCS_TALLY_KIND_XFER:
        return (double *)(void *)v->xfer;
    case CCS_TALLY_KIND_BO:
        return (double *)(void *)v->bo;
    case CCS_TALLY_KIND_BOGROUP:
        return (double *)(void *)v->bogroup;
    case CCS_TALLY_KIND_CHATGROUP:
        return (double *)(void *)v->chatgroup;
    default:
        return NULL;
    }
}

void ccs_tally_rep_copy(const ccs_tally_rep *dst, const ccs_tally_rep *src)
{
    for (int k = 0; k < CCS_TALLY_N_KINDS; k++) {
        size_t n = kind_doubles(&src->d, (ccs_tally_kind)k);
        if (n > 0) {
            memcpy(ccs_tally_rep_data(dst, (ccs_tally_kind)k),
                   ccs_tally_rep_data(src, (ccs_tally_kind)k), n * sizeof(double));
        }
    }
}

/* ---- R replications ---------------------------------------------------------------- */

struct ccs_tallies {
    ccs_tally_dims d;
    int reps;
    double *data[CCS_TALLY_N_KINDS];   /* [reps][cells][fields] per kind */
};

ccs_tallies *ccs_tallies_new(const ccs_tally_dims *d, int reps)
{
    if (reps < 1) {
        return NULL;
    }
    ccs_tallies *t = calloc(1, sizeof *t);
    if (!t) {
        return NULL;
    }
    t->d = *d;
    t->reps = reps;
    for (int k = 0; k < CCS_TALLY_N_KINDS; k++) {
        /* + 1: never a zero-size allocation (no campaigns), so every
         * view's array is a valid pointer. */
        t->data[k] = calloc((size_t)reps * kind_doubles(d, (ccs_tally_kind)k) + 1, sizeof(double));
        if (!t->data[k]) {
            ccs_tallies_free(t);
            return NULL;
        }
    }
    return t;
}

void ccs_tallies_free(ccs_tallies *t)
{
    if (!t) {
        return;
    }
    for (int k = 0; k < CCS_TALLY_N_KINDS; k++) {
        free(t->data[k]);
    }
    free(t);
}

int ccs_tallies_reps(const ccs_tallies *t)
{
    return t->reps;
}

ccs_tally_dims ccs_tallies_dims(const ccs_tallies *t)
{
    return t->d;
}

ccs_tally_rep ccs_tallies_rep(const ccs_tallies *t, int r)
{
    ccs_tally_rep v;
    v.d = t->d;
    double *p[CCS_TALLY_N_KINDS];
    for (int k = 0; k < CCS_TALLY_N_KINDS; k++) {
        p[k] = t->data[k] + (size_t)r * kind_doubles(&t->d, (ccs_tally_kind)k);
    }
    v.type = (ccs_tally *)(void *)p[CCS_TALLY_KIND_TYPE];
    v.group = (ccs_group_tally *)(void *)p[CCS_TALLY_KIND_GROUP];
    v.campaign = (ccs_campaign_tally *)(void *)p[CCS_TALLY_KIND_CAMPAIGN];
    v.cgroup = (ccs_cgroup_tally *)(void *)p[CCS_TALLY_KIND_CGROUP];
    v.staff = (ccs_staff_tally *)(void *)p[CCS_TALLY_KIND_STAFF];
    v.chat = (ccs_chat_tally *)(void *)p[CCS_TALLY_KIND_CHAT];
    v.xfer = (ccs_xfer_tally *)(void *)p[CCS_TALLY_KIND_XFER];
    v.bo = (ccs_bo_tally *)(void *)p[CCS_TALLY_KIND_BO];
    v.bogroup = (ccs_bogroup_tally *)(void *)p[CCS_TALLY_KIND_BOGROUP];
    v.chatgroup = (ccs_chatgroup_tally *)(void *)p[CCS_TALLY_KIND_CHATGROUP];
    return v;
}
