/*
 * scenario.c — reads a scenario file (libconfig syntax), applies --set
 * overrides, and validates every key into the plain structs of scenario.h.
 *
 * The pipeline is: text -> config tree -> notes of the numbers libconfig
 * could not store (scenario_reader.h) -> overrides (scenario_set.c) -> one
 * validating walk, section by section (scenario_sections.h) ->
 * ccs_scenario, then the config tree is destroyed.  Invariant: nothing in
 * the result points into libconfig memory (names are copied into fixed
 * buffers, tables into owned arrays), and every rejection names the file,
 * the line of the offending setting and its key path in libconfig syntax
 * ("calls.[0].handle_time.mean"), so a planner can go straight to it.
 * The walk stops at the first problem; on any failure everything built so
 * far is freed.
 */
#include "ccsim/scenario.h"

#include <errno.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scenario_sections.h"
#include "scenario/scenario_set.h"

static const char *const top_keys[] = {"name", "horizon", "calls", "agents", "routing",
                                       "outbound", "run", "cost", "callbacks", "chat",
                                       "backoffice", NULL};

/* The sections in the order they depend on one another. */
static int validate(ccs__reader *r, const config_t *cfg)
{
    const config_setting_t *root = config_root_setting(cfg);
    r->has_outbound = config_setting_get_member(root, "outbound") != NULL;
    r->has_backoffice = config_setting_get_member(root, "backoffice") != NULL;
    if (ccs__check_keys(r, root, top_keys) != CCS_OK || ccs__read_name(r, root) != CCS_OK ||
        ccs__read_horizon(r, root) != CCS_OK || ccs__read_calls(r, root) != CCS_OK ||
        ccs__read_transfers(r, root) != CCS_OK || ccs__read_backoffice(r, root) != CCS_OK ||
        ccs__read_agents(r, root) != CCS_OK || ccs__check_backoffice(r, root) != CCS_OK ||
        ccs__read_routing(r, root) != CCS_OK || ccs__read_chat(r, root) != CCS_OK ||
        ccs__read_outbound(r, root) != CCS_OK ||
        ccs__read_run(r, root) != CCS_OK || ccs__read_cost_terms(r, root) != CCS_OK ||
        ccs__read_callbacks(r, root) != CCS_OK || ccs__expand_days(r, root) != CCS_OK ||
        ccs__check_volume(r, root) != CCS_OK) {
        return r->err ? r->err->code : CCS_ECONFIG;
    }
    return CCS_OK;
}

/* --------------------------------------------------------------- API */

ccs_scenario *ccs_scenario_parse(const char *text, const char *name, const char *const *sets,
                                 int n_sets, ccs_error *err)
{
    config_t cfg;
    ccs_scenario *sc = NULL;
    ccs__reader r;
    ccs__notes notes = {NULL, 0, 0};
    ccs_literal *lits = NULL;
    CCS_ASSERT(text != NULL);
    if (!name) {
        name = "(string)";
    }
    ccs_error_clear(err);
    config_init(&cfg);
    if (config_read_string(&cfg, text) != CONFIG_TRUE) {
        ccs_error_set(err, CCS_ECONFIG, config_error_file(&cfg) ? config_error_file(&cfg) : name,
                      config_error_line(&cfg), NULL, "%s",
                      config_error_text(&cfg) ? config_error_text(&cfg) : "syntax error");
        goto fail;
    }
    if (ccs__note_literals(text, &cfg, &notes, &lits) != CCS_OK) {
        ccs_error_set(err, CCS_ENOMEM, name, 0, NULL, "out of memory");
        goto fail;
    }
    for (int i = 0; i < n_sets; i++) {
        int rc = ccs__set_apply(&cfg, sets[i], &notes, err);
        if (rc == CCS_ENOMEM) {
            ccs_error_set(err, CCS_ENOMEM, name, 0, NULL, "out of memory");
        }
        if (rc != CCS_OK) {
            goto fail;
        }
    }
    sc = calloc(1, sizeof *sc);
    if (!sc) {
        ccs_error_set(err, CCS_ENOMEM, name, 0, NULL, "out of memory");
        goto fail;
    }
    snprintf(sc->file, sizeof sc->file, "%s", name);
    sc->volume_factor = 1.0;
    memset(&r, 0, sizeof r);
    r.file = name;
    r.err = err;
    r.sc = sc;
    r.fc = NULL;
    if (validate(&r, &cfg) != CCS_OK) {
        goto fail;
    }
    free(lits);
    ccs__notes_fini(&notes);
    config_destroy(&cfg);
    return sc;
fail:
    free(lits);
    ccs__notes_fini(&notes);
    config_destroy(&cfg);
    ccs_scenario_free(sc);
    return NULL;
}

ccs_scenario *ccs_scenario_load(const char *path, const char *const *sets, int n_sets,
                                ccs_error *err)
{
    if (!path) {
        return ccs_scenario_parse(ccs_scenario_default_text(), "(default)", sets, n_sets, err);
    }
    ccs_error_clear(err);
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        ccs_error_set(err, CCS_EIO, path, 0, NULL, "cannot open scenario: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 8192;
    size_t len = 0;
    char *text = malloc(cap);
    while (text) {
        size_t got = fread(text + len, 1, cap - len - 1, fp);
        len += got;
        if (got == 0) {
            break;
        }
        if (cap - len <= 1) {
            char *bigger = realloc(text, cap * 2);
            if (!bigger) {
                free(text);
                text = NULL;
                break;
            }
            text = bigger;
            cap *= 2;
        }
    }
    if (!text) {
        fclose(fp);
        ccs_error_set(err, CCS_ENOMEM, path, 0, NULL, "out of memory reading the scenario");
        return NULL;
    }
    if (ferror(fp)) {
        int e = errno;
        fclose(fp);
        free(text);
        ccs_error_set(err, CCS_EIO, path, 0, NULL, "cannot read scenario: %s", strerror(e));
        return NULL;
    }
    fclose(fp);
    text[len] = '\0';
    if (strlen(text) != len) {
        free(text);
        ccs_error_set(err, CCS_ECONFIG, path, 0, NULL, "not a text file (contains a NUL byte)");
        return NULL;
    }
    ccs_scenario *sc = ccs_scenario_parse(text, path, sets, n_sets, err);
    free(text);
    return sc;
}

void ccs_scenario_free(ccs_scenario *sc)
{
    if (!sc) {
        return;
    }
    for (int i = 0; i < sc->n_types && sc->types; i++) {
        ccs_call_type *ct = &sc->types[i];
        free(ct->rate_per_hour);
        ccs_dist_fini(&ct->talk);
        ccs_dist_fini(&ct->acw);
        ccs_dist_fini(&ct->patience);
        ccs_dist_fini(&ct->retry_delay);
        ccs_dist_fini(&ct->repeat_delay);
        free(ct->transfers);
    }
    free(sc->types);
    free(sc->chat.rate_per_hour);
    ccs_dist_fini(&sc->chat.handle);
    ccs_dist_fini(&sc->chat.patience);
    for (int i = 0; i < sc->n_groups && sc->groups; i++) {
        free(sc->groups[i].count);
        free(sc->groups[i].serves);
        free(sc->groups[i].serve_after_s);
        free(sc->groups[i].level);
        free(sc->groups[i].skill_aht_factor);
        free(sc->groups[i].skill_fcr);
        free(sc->groups[i].bo);
    }
    free(sc->groups);
    for (int i = 0; i < sc->n_campaigns && sc->campaigns; i++) {
        ccs_campaign *cp = &sc->campaigns[i];
        free(cp->groups);
        free(cp->p);
        ccs_dist_fini(&cp->ring);
        ccs_dist_fini(&cp->wrap);
        ccs_dist_fini(&cp->preview);
        for (int o = 0; o < CCS_N_OUTCOMES; o++) {
            ccs_dist_fini(&cp->talk[o]);
        }
    }
    free(sc->campaigns);
    for (int i = 0; i < sc->n_backoffice && sc->backoffice; i++) {
        free(sc->backoffice[i].rate_per_hour);
        free(sc->backoffice[i].batch_at_s);
        free(sc->backoffice[i].batch_items);
        ccs_dist_fini(&sc->backoffice[i].handle);
    }
    free(sc->backoffice);
    free(sc->day_factor);
    free(sc);
}

int ccs_scenario_find_type(const ccs_scenario *sc, const char *name)
{
    for (int i = 0; i < sc->n_types; i++) {
        if (strcmp(sc->types[i].name, name) == 0) {
            return i;
        }
    }
    return -1;
}

int ccs_scenario_find_group(const ccs_scenario *sc, const char *name)
{
    for (int i = 0; i < sc->n_groups; i++) {
        if (strcmp(sc->groups[i].name, name) == 0) {
            return i;
        }
    }
    return -1;
}
