/*
 * check_modules.c — the model's modules on their own (agents, queue,
 * routing), the tallies object (field tables, generic merge, views,
 * results rebuilt from tallies), and the architecture's rules read from
 * the source tree: no include circle, the model below sim/, channels named
 * only by the registration table.
 */
#include "ccs_test.h"
#include "ccs_testsc.h"

#include <ctype.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/dist.h"
#include "ccsim/sim.h"
#include "ccsim/tallies.h"
#include "model/agents.h"
#include "model/calls.h"
#include "model/clock.h"
#include "model/queue.h"
#include "model/routing.h"

/* ---- tallies ----------------------------------------------------------------- */

/* Each kind's table names the struct's members in order, one double each. */
START_TEST(test_field_tables_match_structs)
{
    const ccs_tally_kind_info *t = ccs_tally_kind_info_of(CCS_TALLY_KIND_TYPE);
    ck_assert_int_eq(t->n_fields, (int)(sizeof(ccs_tally) / sizeof(double)));
    ck_assert_str_eq(t->fields[0].name, "offered");
    ck_assert_uint_eq(offsetof(ccs_tally, cb_kept) / sizeof(double),
                      (size_t)t->n_fields - 1);
    ck_assert_str_eq(t->fields[t->n_fields - 1].name, "cb_kept");
    ck_assert_str_eq(t->fields[offsetof(ccs_tally, queue_max) / sizeof(double)].name,
                     "queue_max");
    int maxes = 0;
    for (int i = 0; i < t->n_fields; i++) {
        if (t->fields[i].rule == CCS_TALLY_MAX) {
            maxes++;
            ck_assert(strcmp(t->fields[i].name, "queue_max") == 0 ||
                      strcmp(t->fields[i].name, "wait_max_s") == 0);
        }
        ck_assert(t->fields[i].doc && t->fields[i].doc[0]);
    }
    ck_assert_int_eq(maxes, 2);
    const ccs_tally_kind_info *c = ccs_tally_kind_info_of(CCS_TALLY_KIND_CGROUP);
    ck_assert_int_eq(c->n_fields, (int)(sizeof(ccs_cgroup_tally) / sizeof(double)));
    ck_assert_str_eq(c->fields[offsetof(ccs_cgroup_tally, overtime_s) / sizeof(double)].name,
                     "overtime_s");
    ck_assert_ptr_null(ccs_tally_kind_info_of(CCS_TALLY_N_KINDS));
}
END_TEST

/* The generic merge (by field table) and the typed adds agree, maxima
 * included. */
START_TEST(test_generic_merge_is_typed_add)
{
    ccs_tally a[2], b[2], c[2];
    double *pa = (double *)(void *)a, *pb = (double *)(void *)b;
    for (size_t i = 0; i < 2 * CCS_TALLY_STRIDE(ccs_tally); i++) {
        pa[i] = (double)(i % 7) + 0.25;
        pb[i] = (double)((i * 5) % 11);
    }
    memcpy(c, a, sizeof a);
    ccs_tally_add(&c[0], &b[0]);
    ccs_tally_add(&c[1], &b[1]);
    ccs_tally_merge(CCS_TALLY_KIND_TYPE, pa, pb, 2);
    ck_assert_int_eq(memcmp(a, c, sizeof a), 0);
    ck_assert_double_eq(a[0].queue_max, fmax(c[0].queue_max, b[0].queue_max));
    ccs_campaign_tally x = {.dials = 3, .talk_s = 10}, y = {.dials = 4, .talk_s = 5};
    ccs_campaign_tally_add(&x, &y);
    ck_assert_double_eq(x.dials, 7);
    ck_assert_double_eq(x.talk_s, 15);
}
END_TEST

/* Views of replications are disjoint; copy and zero touch every kind. */
START_TEST(test_tallies_views)
{
    ccs_tally_dims d = {3, 2, 2, 1, 1, 0, 0};
    ccs_tallies *t = ccs_tallies_new(&d, 2);
    ck_assert_ptr_nonnull(t);
    ck_assert_int_eq(ccs_tallies_reps(t), 2);
    ccs_tally_rep v0 = ccs_tallies_rep(t, 0), v1 = ccs_tallies_rep(t, 1);
    ccs_tally_at(&v1, 2, 1)->offered = 5;
    ccs_group_tally_at(&v1, 2, 1, 1)->handled = 6;
    ccs_campaign_tally_at(&v1, 2, 0)->dials = 7;
    ccs_cgroup_tally_at(&v1, 2, 1, 0)->busy_s = 8;
    ccs_staff_tally_at(&v1, 2, 1)->staffed_s = 9;
    ccs_chat_tally_at(&v1, 2)->offered = 4;
    for (int k = 0; k < CCS_TALLY_N_KINDS; k++) {
        const double *p = ccs_tally_rep_data(&v0, (ccs_tally_kind)k);
        size_t n = ccs_tally_cells(&d, (ccs_tally_kind)k) *
                   (size_t)ccs_tally_kind_info_of((ccs_tally_kind)k)->n_fields;
        for (size_t i = 0; i < n; i++) {
            ck_assert_msg(p[i] == 0, "kind %d: replication 1 wrote into replication 0", k);
        }
    }
    ccs_tally_rep_copy(&v0, &v1);
    ck_assert_double_eq(ccs_tally_at(&v0, 2, 1)->offered, 5);
    ck_assert_double_eq(ccs_group_tally_at(&v0, 2, 1, 1)->handled, 6);
    ck_assert_double_eq(ccs_campaign_tally_at(&v0, 2, 0)->dials, 7);
    ck_assert_double_eq(ccs_cgroup_tally_at(&v0, 2, 1, 0)->busy_s, 8);
    ck_assert_double_eq(ccs_staff_tally_at(&v0, 2, 1)->staffed_s, 9);
    ck_assert_double_eq(ccs_chat_tally_at(&v0, 2)->offered, 4);
    ccs_staff_tally_at(&v0, 0, 0)->staffed_s = 1;
    int groups[2] = {1, 0};
    ck_assert_double_eq(ccs_tally_staffed_s(&v0, 0, 3, groups, 2), 10);
    ck_assert_double_eq(ccs_tally_staffed_s(&v0, 0, 2, groups, 2), 1);
    ck_assert_double_eq(ccs_tally_staffed_s(&v0, 0, 3, groups, 1), 9);
    ccs_tally_rep_zero(&v1);
    ck_assert_double_eq(ccs_staff_tally_at(&v1, 2, 1)->staffed_s, 0);
    ck_assert_double_eq(ccs_tally_at(&v1, 2, 1)->offered, 0);
    ck_assert_double_eq(ccs_chat_tally_at(&v1, 2)->offered, 0);
    /* 3 intervals x (2 types x 23 + 2 x 2 x 4 + 1 x 15 + 2 x 1 x 5 + 2 x 1 + 1 x 13
     * + 2 groups x 1 chat x 2) doubles */
    ck_assert_uint_eq(ccs_tally_rep_bytes(&d),
                      3 * (46 + 16 + 15 + 10 + 2 + 13 + 4) * sizeof(double));
    ccs_tallies_free(t);
}
END_TEST

/* Results rebuilt from the raw tallies of a run, and from the same
 * replications split in two shards and put back in order, are the run's
 * results, byte for byte (the computation a merge of shards makes). */
START_TEST(test_results_from_tallies)
{
    ccs_scenario *sc = ccs_test_mmc(1000, 180, 60, 52, 3, 1800, 300, 6);
    ccs_results *run = ccs_test_sim(sc, 2);
    ccs_tally_dims d = ccs_tally_dims_of(sc);
    ccs_tallies *shard[2] = {ccs_tallies_new(&d, 4), ccs_tallies_new(&d, 2)};
    for (int r = 0; r < 6; r++) {
        ccs_tally_rep src = ccs_tallies_rep(run->tallies, r);
        ccs_tally_rep dst = ccs_tallies_rep(shard[r / 4], r % 4);
        ccs_tally_rep_copy(&dst, &src);
    }
    ccs_tallies *all = ccs_tallies_new(&d, 6);
    for (int r = 0; r < 6; r++) {
        ccs_tally_rep src = ccs_tallies_rep(shard[r / 4], r % 4);
        ccs_tally_rep dst = ccs_tallies_rep(all, r);
        ccs_tally_rep_copy(&dst, &src);
    }
    ccs_error err;
    ccs_results *again = ccs_results_from_tallies(sc, all, &err);
    ck_assert_ptr_nonnull(again);
    ck_assert_int_eq(again->replications, 6);
    const ccs_estimate *a = (const ccs_estimate *)&run->summary;
    const ccs_estimate *b = (const ccs_estimate *)&again->summary;
    for (size_t i = 0; i < sizeof run->summary / sizeof *a; i++) {
        ck_assert_msg(memcmp(&a[i].mean, &b[i].mean, 3 * sizeof(double)) == 0 &&
                          a[i].defined == b[i].defined,
                      "summary figure %zu differs", i);
    }
    for (int k = 0; k < 3; k++) {
        ck_assert(memcmp(&run->intervals[k].service_level, &again->intervals[k].service_level,
                         3 * sizeof(double)) == 0);
    }
    ck_assert(memcmp(&run->groups[0].occupancy, &again->groups[0].occupancy,
                     3 * sizeof(double)) == 0);
    /* Tallies of another shape are refused. */
    ccs_tally_dims other = {2, 1, 1, 0, 0, 0, 0};
    ck_assert_ptr_null(ccs_results_from_tallies(sc, ccs_tallies_new(&other, 2), &err));
    ck_assert_int_eq(err.code, CCS_EINVAL);
    ccs_tallies_free(shard[0]);
    ccs_tallies_free(shard[1]);
    ccs_results_free(again);
    ccs_results_free(run);
    ccs_test_sc_free(sc);
}
END_TEST

/* ---- agents ------------------------------------------------------------------ */

/* One group of 3 agents, then 1: who is idle, who is taken, who leaves. */
START_TEST(test_agents_longest_idle_first)
{
    ccs_scenario *sc = ccs_test_mmc(100, 60, 0, 3, 2, 1800, 0, 1);
    sc->groups[0].count[1] = 1;
    ccs_clock clk = {0, 1800, 3600, 2, 0};
    ccs_tally_dims d = ccs_tally_dims_of(sc);
    ccs_tallies *t = ccs_tallies_new(&d, 1);
    ccs_tally_rep v = ccs_tallies_rep(t, 0);
    ccs_agents ag;
    ck_assert_int_eq(ccs_agents_init(&ag, sc, &clk, &v), CCS_OK);
    ccs_agents_reset(&ag, 0);
    ck_assert_int_eq(ccs_agents_idle(&ag, 0), 0);
    ck_assert_int_eq(ccs_agents_set_target(&ag, 0, ccs_agents_scheduled(&ag, 0, 0), 0.0), 1);
    ck_assert_int_eq(ccs_agents_idle(&ag, 0), 3);
    ck_assert_int_eq(ccs_agents_present(&ag, 0), 3);
    uint32_t a = ccs_agents_take(&ag, 0), b = ccs_agents_take(&ag, 0);
    ck_assert_uint_ne(a, b);
    ck_assert_int_eq(ccs_agents_idle(&ag, 0), 1);
    ck_assert_int_eq(ag.busy_all, 2);
    /* b finishes at 10, a at 20: the third agent (idle since 0) is the
     * longest idle, then b, then a. */
    ck_assert_int_eq(ccs_agents_release(&ag, b, 10.0), 1);
    ck_assert_int_eq(ccs_agents_release(&ag, a, 20.0), 1);
    ck_assert_double_eq(ccs_agents_idle_since(&ag, 0), 0.0);
    uint32_t c = ccs_agents_take(&ag, 0);
    ck_assert(c != a && c != b);
    ck_assert_double_eq(ccs_agents_idle_since(&ag, 0), 10.0);
    ck_assert_uint_eq(ccs_agents_take(&ag, 0), b);
    /* put back: b is the head again, with its own idle time */
    ccs_agents_put_back(&ag, b);
    ck_assert_double_eq(ccs_agents_idle_since(&ag, 0), 10.0);
    ck_assert_uint_eq(ccs_agents_take(&ag, 0), b);
    ck_assert_int_eq(ccs_agents_idle(&ag, 0), 1);   /* a */
    /* Down to 1 agent at 1800 with b and c busy: a leaves at once, one of
     * the busy two is owed and leaves when its call ends. */
    ck_assert_int_eq(ccs_agents_set_target(&ag, 0, ccs_agents_scheduled(&ag, 0, 1), 1800.0), 0);
    ck_assert_int_eq(ccs_agents_idle(&ag, 0), 0);
    ck_assert_int_eq(ccs_agents_present(&ag, 0), 2);
    ck_assert_int_eq(ccs_agents_release(&ag, c, 1900.0), 0);
    ck_assert_int_eq(ccs_agents_present(&ag, 0), 1);
    ck_assert_int_eq(ccs_agents_release(&ag, b, 2000.0), 1);
    ck_assert_int_eq(ccs_agents_idle(&ag, 0), 1);
    ck_assert_double_eq(ccs_agents_idle_since(&ag, 0), 2000.0);
    ck_assert_int_eq(ccs_agents_idle(&ag, 0) + (int)ag.busy_all, ccs_agents_present(&ag, 0));
    ccs_agents_fini(&ag);
    ccs_tallies_free(t);
    ccs_test_sc_free(sc);
}
END_TEST

/* ---- queue and routing ------------------------------------------------------ */

/* Two call types, two groups: "a" serves type 0 at once and type 1 after
 * 30 s; "b" serves type 1, then type 0 after 10 s. */
static ccs_scenario *two_by_two(void)
{
    ccs_scenario *sc = ccs_test_mmc(100, 60, 0, 1, 1, 1800, 0, 1);
    sc->n_types = 2;
    sc->types = realloc(sc->types, 2 * sizeof *sc->types);
    sc->types[1] = sc->types[0];
    sc->types[1].rate_per_hour = calloc(1, sizeof(double));
    /* own distributions: ccs_test_sc_free finishes each type's */
    sc->types[1].talk = ccs_dist_exponential(60);
    sc->types[1].retry_delay = ccs_dist_exponential(300);
    sc->types[1].repeat_delay = ccs_dist_exponential(3600);
    sc->n_groups = 2;
    sc->groups = realloc(sc->groups, 2 * sizeof *sc->groups);
    ccs_agent_group *a = &sc->groups[0], *b = &sc->groups[1];
    memset(b, 0, sizeof *b);
    snprintf(b->name, sizeof b->name, "b");
    b->count = calloc(1, sizeof(int));
    b->count[0] = 1;
    b->aht_factor = b->fcr = 1.0;
    free(a->serves);
    free(a->serve_after_s);
    a->n_serves = b->n_serves = 2;
    a->serves = calloc(2, sizeof(int));
    a->serve_after_s = calloc(2, sizeof(double));
    b->serves = calloc(2, sizeof(int));
    b->serve_after_s = calloc(2, sizeof(double));
    a->serves[0] = 0, a->serves[1] = 1, a->serve_after_s[1] = 30;
    b->serves[0] = 1, b->serves[1] = 0, b->serve_after_s[1] = 10;
    return sc;
}

START_TEST(test_queue_and_routing)
{
    ccs_scenario *sc = two_by_two();
    ccs_clock clk = {0, 1800, 1800, 1, 0};
    ccs_tally_dims d = ccs_tally_dims_of(sc);
    ccs_tallies *t = ccs_tallies_new(&d, 1);
    ccs_tally_rep v = ccs_tallies_rep(t, 0);
    ccs_calls calls;
    ccs_queues qs;
    ccs_routing rt;
    ccs_agents ag;
    int failed = 0;
    ck_assert_int_eq(ccs_calls_init(&calls, 4), CCS_OK);
    ck_assert_int_eq(ccs_queues_init(&qs, 2, &calls, &clk, &v), CCS_OK);
    ck_assert_int_eq(ccs_routing_init(&rt, sc), CCS_OK);
    ck_assert_int_eq(ccs_agents_init(&ag, sc, &clk, &v), CCS_OK);
    ccs_agents_reset(&ag, 0);
    /* type 0's routes sorted by delay: a (0 s), b (10 s) */
    int n;
    const route *r0 = ccs_routing_routes(&rt, 0, &n);
    ck_assert_int_eq(n, 2);
    ck_assert(r0[0].group == 0 && r0[1].group == 1 && r0[1].after_s == 10);
    ck_assert(ccs_routing_has_overflow(&rt, 0) && ccs_routing_has_overflow(&rt, 1));
    /* Calls: 1 of type 1 at t = 0, 2 of type 0 at t = 5, 3 of type 1 at 6. */
    double at[3] = {0, 5, 6};
    int type[3] = {1, 0, 1};
    uint32_t id[3];
    for (int i = 0; i < 3; i++) {
        id[i] = ccs_call_alloc(&calls, &failed);
        calls.v[id[i]].type = type[i];
        calls.v[id[i]].arrive = at[i];
        ccs_queue_push(&qs, id[i], at[i]);
    }
    ck_assert_int_eq(failed, 0);
    ck_assert_int_eq(qs.waiting, 3);
    int types[2] = {0, 1}, ty;
    ck_assert_uint_eq(ccs_queue_oldest(&qs, types, 2, &ty), id[0]);
    ck_assert_int_eq(ty, 1);
    ck_assert_uint_eq(ccs_queue_oldest(&qs, types, 1, &ty), id[1]);
    /* Nobody idle: no group for anyone. */
    ck_assert_int_eq(ccs_routing_group_for(&rt, &ag, 0, 0.0), -1);
    ccs_agents_set_target(&ag, 0, 1, 7.0);
    ccs_agents_set_target(&ag, 1, 1, 7.0);
    /* Arrival side: type 0 goes to a; type 1 goes to b at once, to a only
     * after 30 s. */
    ck_assert_int_eq(ccs_routing_group_for(&rt, &ag, 0, 0.0), 0);
    ck_assert_int_eq(ccs_routing_group_for(&rt, &ag, 1, 0.0), 1);
    (void)ccs_agents_take(&ag, 1);
    ck_assert_int_eq(ccs_routing_group_for(&rt, &ag, 1, 29.0), -1);
    ck_assert_int_eq(ccs_routing_group_for(&rt, &ag, 1, 30.0), 0);
    /* Agent side at t = 8: a prefers type 0 (waiting 3 s, no delay) over
     * type 1 (waiting 8 s, 30 s delay). */
    ck_assert_uint_eq(ccs_routing_call_for(&rt, &qs, 0, 8.0), id[1]);
    /* at 31, still type 0 first: preference, not age */
    ck_assert_uint_eq(ccs_routing_call_for(&rt, &qs, 0, 31.0), id[1]);
    ccs_queue_remove(&qs, id[1], 31.0);
    ck_assert_uint_eq(ccs_routing_call_for(&rt, &qs, 0, 31.0), id[0]);
    ck_assert_uint_eq(ccs_routing_call_for(&rt, &qs, 0, 29.0), NIL);
    /* b: type 1 first; the middle call leaves, the FIFO keeps its order */
    ccs_queue_remove(&qs, id[0], 40.0);
    ck_assert_uint_eq(ccs_queue_head(&qs, 1), id[2]);
    ck_assert_int_eq(ccs_queue_len(&qs, 1), 1);
    ck_assert_uint_eq(ccs_routing_call_for(&rt, &qs, 1, 40.0), id[2]);
    /* Queue area of interval 0: type 1 had 1 call over [0, 6), 2 over
     * [6, 40), then 1; type 0 one call over [5, 31). */
    ccs_queues_close_interval(&qs, 50.0);
    CCS_ASSERT_CLOSE("type 1 area", ccs_tally_at(&v, 0, 1)->queue_area, 6 + 2 * 34 + 10, 1e-12,
                     0);
    CCS_ASSERT_CLOSE("type 0 area", ccs_tally_at(&v, 0, 0)->queue_area, 26, 1e-12, 0);
    ck_assert_double_eq(ccs_tally_at(&v, 0, 1)->queue_max, 2);
    ccs_agents_fini(&ag);
    ccs_routing_fini(&rt);
    ccs_queues_fini(&qs);
    ccs_calls_fini(&calls);
    ccs_tallies_free(t);
    ccs_test_sc_free(sc);
}
END_TEST

/* ---- the architecture, read from the tree ------------------------------------ */

#define MAX_FILES 512

typedef struct src_file {
    char path[256];        /* from the project root */
    char name[128];        /* as included: "model/core.h", "ccsim/sim.h" */
    int includes[64];      /* indexes of the project headers it includes */
    int n_includes;
    char inc_names[64][128];
    int n_names;
} src_file;

static src_file files[MAX_FILES];
static int n_files;

static void scan_dir(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot read %s (run the tests from the project root)", dir);
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.') {
            continue;
        }
        char path[256];
        int w = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        ck_assert(w > 0 && (size_t)w < sizeof path);
        if (len > 2 && (strcmp(e->d_name + len - 2, ".c") == 0 ||
                        strcmp(e->d_name + len - 2, ".h") == 0)) {
            ck_assert(n_files < MAX_FILES);
            src_file *f = &files[n_files++];
            memset(f, 0, sizeof *f);
            memcpy(f->path, path, sizeof f->path);
            w = snprintf(f->name, sizeof f->name, "%s%s", prefix, e->d_name);
            ck_assert(w > 0 && (size_t)w < sizeof f->name);
        } else if (!strchr(e->d_name, '.')) {
            char sub[128];
            w = snprintf(sub, sizeof sub, "%s%s/", prefix, e->d_name);
            ck_assert(w > 0 && (size_t)w < sizeof sub);
            DIR *probe = opendir(path);
            if (probe) {
                closedir(probe);
                scan_dir(path, sub);
            }
        }
    }
    closedir(d);
}

static int find_file(const char *name)
{
    for (int i = 0; i < n_files; i++) {
        if (strcmp(files[i].name, name) == 0) {
            return i;
        }
    }
    return -1;
}

static void scan_tree(void)
{
    n_files = 0;
    scan_dir("src", "");
    scan_dir("include", "");
    for (int i = 0; i < n_files; i++) {
        FILE *fp = fopen(files[i].path, "r");
        ck_assert(fp != NULL);
        char line[512];
        while (fgets(line, sizeof line, fp)) {
            const char *p = line;
            while (isspace((unsigned char)*p)) {
                p++;
            }
            if (strncmp(p, "#include \"", 10) != 0) {
                continue;
            }
            p += 10;
            const char *q = strchr(p, '"');
            if (!q || q - p >= 128 || files[i].n_names >= 64) {
                continue;
            }
            memcpy(files[i].inc_names[files[i].n_names], p, (size_t)(q - p));
            files[i].inc_names[files[i].n_names++][q - p] = '\0';
            int j = find_file(files[i].inc_names[files[i].n_names - 1]);
            if (j >= 0) {
                files[i].includes[files[i].n_includes++] = j;
            }
        }
        fclose(fp);
    }
}

/* 0 white, 1 on the path, 2 done. */
static int cycle_from(int i, int *mark, char *path, size_t cap)
{
    mark[i] = 1;
    for (int k = 0; k < files[i].n_includes; k++) {
        int j = files[i].includes[k];
        if (mark[j] == 1 || (mark[j] == 0 && cycle_from(j, mark, path, cap))) {
            size_t len = strlen(path);
            if (len + strlen(files[i].name) + 5 < cap) {
                strcat(strcat(path, " <- "), files[i].name);
            }
            return 1;
        }
    }
    mark[i] = 2;
    return 0;
}

START_TEST(test_no_include_circle)
{
    scan_tree();
    ck_assert(find_file("model/core.h") >= 0 && find_file("ccsim/sim.h") >= 0);
    int mark[MAX_FILES] = {0};
    char path[2048] = "";
    for (int i = 0; i < n_files; i++) {
        ck_assert_msg(mark[i] != 0 || !cycle_from(i, mark, path, sizeof path),
                      "include circle:%s", path);
    }
}
END_TEST

static int starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The model sits below sim/: it includes nothing above it, the core names
 * no channel, and channels are named in one place, the registration
 * table. */
START_TEST(test_model_layering)
{
    scan_tree();
    static const char *const above[] = {"sim/",          "cost/",         "plan/",
                                        "report/",       "cli/",          "ccsim/sim.h",
                                        "ccsim/cost.h",  "ccsim/report.h", "ccsim/staff.h",
                                        "ccsim/sweep.h", "ccsim/schedule.h", NULL};
    for (int i = 0; i < n_files; i++) {
        if (!starts(files[i].name, "model/")) {
            continue;
        }
        for (int k = 0; k < files[i].n_names; k++) {
            for (const char *const *a = above; *a; a++) {
                ck_assert_msg(!starts(files[i].inc_names[k], *a), "%s includes %s (above the model)",
                              files[i].path, files[i].inc_names[k]);
            }
        }
    }
    /* Channel symbols: ccs_<name>_channel, only in channels.c and the
     * channel's own file. */
    for (int i = 0; i < n_files; i++) {
        FILE *fp = fopen(files[i].path, "r");
        char line[512];
        while (fp && fgets(line, sizeof line, fp)) {
            const char *p = strstr(line, "_channel;");
            if (!p || !strstr(line, "ccs_") || strstr(line, "ccs_channel;")) {
                continue;
            }
            /* model/<x>.c may name its own ccs_<x>_channel. */
            char mine[128] = "";
            const char *base = files[i].name;
            size_t bl = strlen(base);
            if (starts(base, "model/") && bl > 8 && strcmp(base + bl - 2, ".c") == 0) {
                snprintf(mine, sizeof mine, "ccs_%.*s_channel;", (int)(bl - 8), base + 6);
            }
            int own = strcmp(files[i].name, "model/channels.c") == 0 ||
                      (mine[0] && strstr(line, mine) != NULL);
            ck_assert_msg(own, "%s names a channel: %s", files[i].path, line);
        }
        if (fp) {
            fclose(fp);
        }
    }
    int core = find_file("model/core.c");
    ck_assert(core >= 0);
    for (int k = 0; k < files[core].n_names; k++) {
        ck_assert_msg(!strstr(files[core].inc_names[k], "inbound") &&
                          !strstr(files[core].inc_names[k], "dialer"),
                      "the core includes %s", files[core].inc_names[k]);
    }
}
END_TEST

Suite *modules_suite(void)
{
    Suite *s = suite_create("modules");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_field_tables_match_structs);
    tcase_add_test(tc, test_generic_merge_is_typed_add);
    tcase_add_test(tc, test_tallies_views);
    tcase_add_test(tc, test_results_from_tallies);
    tcase_add_test(tc, test_agents_longest_idle_first);
    tcase_add_test(tc, test_queue_and_routing);
    tcase_add_test(tc, test_no_include_circle);
    tcase_add_test(tc, test_model_layering);
    suite_add_tcase(s, tc);
    return s;
}
