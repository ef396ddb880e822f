/*
 * campaign_report.c — outbound campaigns in the run report: a text table
 * per campaign and the "campaigns" JSON object (contract keys: dials,
 * connects, right_party_contacts, successes, abandoned, abandon_rate,
 * rpc_per_agent_hour, occupancy).
 */
#include <stddef.h>
#include <stdio.h>

#include "report/campaign_report.h"

#include "ccsim/scenario.h"
#include "report/format.h"

typedef struct camp_fig {
    const char *key;       /* JSON key */
    const char *label;     /* text label */
    size_t offset;         /* in ccs_campaign_figures */
    double scale;          /* text: 100 for percentages */
    int dec;               /* text decimals */
} camp_fig;

#define CF(key, label, scale, dec) \
    {#key, label, offsetof(ccs_campaign_figures, key), scale, dec}

static const camp_fig camp_figs[] = {
    CF(dials, "dials", 1, 0),
    CF(connects, "live answers (connects)", 1, 0),
    CF(right_party_contacts, "right-party contacts", 1, 0),
    CF(successes, "successes", 1, 0),
    CF(abandoned, "abandoned (silent + AMD false positives)", 1, 0),
    CF(abandon_rate, "abandon rate, % of live answers", 100, 2),
    CF(machines, "answering machines", 1, 0),
    CF(no_answers, "no answers", 1, 0),
    CF(busies, "busy signals", 1, 0),
    CF(amd_false_positives, "AMD false positives", 1, 0),
    CF(amd_false_negatives, "AMD false negatives", 1, 0),
    CF(rpc_per_agent_hour, "right-party contacts per agent-hour", 1, 2),
    CF(successes_per_agent_hour, "successes per agent-hour", 1, 2),
    CF(occupancy, "occupancy (talk + wrap), %", 100, 1),
    CF(talk_share, "talk, % of agent time", 100, 1),
    CF(wrap_share, "wrap-up, % of agent time", 100, 1),
    CF(preview_share, "preview, % of agent time", 100, 1),
    CF(dial_wait_share, "waiting on own dial, % of agent time", 100, 1),
    CF(list_penetration, "list penetration, %", 100, 1),
    CF(attempts_per_record, "attempts per record dialed", 1, 2),
};

#define N_CAMP_FIGS (sizeof camp_figs / sizeof camp_figs[0])

static const ccs_estimate *get(const ccs_campaign_figures *f, const camp_fig *d)
{
    return (const ccs_estimate *)((const char *)f + d->offset);
}

void ccs__campaign_report_text(FILE *fp, const ccs_results *r)
{
    const ccs_scenario *sc = r->sc;
    for (int c = 0; c < sc->n_campaigns; c++) {
        const ccs_campaign *cp = &sc->campaigns[c];
        const ccs_campaign_figures *f = &r->campaigns[c];
        fprintf(fp, "\nOutbound campaign \"%s\": %s, %ld records, intervals %d-%d, "
                    "abandon target %.1f%%\n",
                cp->name, ccs_dial_mode_name(cp->mode), cp->list_size, cp->window_first,
                cp->window_last, cp->abandon_target * 100);
        for (size_t i = 0; i < N_CAMP_FIGS; i++) {
            char buf[96];
            ccs__fmt_estimate(buf, sizeof buf, get(f, &camp_figs[i]), camp_figs[i].scale,
                              camp_figs[i].dec);
            fprintf(fp, "  %-42s %s\n", camp_figs[i].label, buf);
        }
        const ccs_estimate *ab = &f->abandon_rate;
        if (ab->defined && ab->lo > cp->abandon_target) {
            fprintf(fp, "  ! the abandon rate is above its target (AMD false positives alone "
                        "may exceed it)\n");
        }
    }
}

json_t *ccs__campaign_report_json(const ccs_results *r, int *bad)
{
    const ccs_scenario *sc = r->sc;
    json_t *all = json_object();
    if (!all) {
        *bad = 1;
        return NULL;
    }
    for (int c = 0; c < sc->n_campaigns; c++) {
        const ccs_campaign *cp = &sc->campaigns[c];
        json_t *o = json_object();
        if (!o) {
            *bad = 1;
            break;
        }
        ccs__json_put(o, "mode", json_string(ccs_dial_mode_name(cp->mode)), bad);
        ccs__json_put(o, "list_size", json_integer(cp->list_size), bad);
        ccs__json_put(o, "abandon_target", json_real(cp->abandon_target), bad);
        for (size_t i = 0; i < N_CAMP_FIGS; i++) {
            ccs__json_put(o, camp_figs[i].key,
                          ccs__json_estimate(get(&r->campaigns[c], &camp_figs[i]), bad), bad);
        }
        ccs__json_put(all, cp->name, o, bad);
    }
    return all;
}
