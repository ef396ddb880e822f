/*
 * scenario_outbound.c — the `outbound` section: campaigns, each a calling
 * list worked by some agent groups under a dialing mode, with outcome
 * probabilities per interval, redial delays, talk times, answering-machine
 * detection and pacing (docs/dialer.md).  Needs the agent groups; then
 * every group must answer calls or work a campaign.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/units.h"
#include "scenario/scenario_sections.h"

static const char *const outbound_keys[] = {"campaigns", NULL};
static const char *const campaign_keys[] = {
    "name",           "mode",        "agents",       "list_size", "window",
    "max_attempts",   "retry_delay", "outcomes",     "ring_time", "ring_timeout",
    "busy_time",      "talk_time",   "wrap_time",    "success",   "amd",
    "abandon_target", "grace",       "preview_time", "pacing",    "lines_per_agent",
    "reserve",        NULL};
static const char *const outcome_keys[] = {"no_answer",   "busy",        "machine",
                                           "wrong_party", "right_party", NULL};
static const char *const retry_keys[] = {"no_answer", "busy", "machine", "abandoned", NULL};
static const char *const talk_keys[] = {"machine", "wrong_party", "right_party", NULL};
static const char *const amd_keys[] = {"enabled", "detection_time", "false_positive",
                                       "false_negative", NULL};

#define MAX_LIST_SIZE 100000000L
#define MAX_ATTEMPTS 100

static int read_campaign_groups(ccs__reader *r, const config_setting_t *g, ccs_campaign *cp)
{
    const config_setting_t *s = ccs__require(r, g, "agents",
                                             "the agent groups that work the campaign, e.g. "
                                             "agents = [ \"team\" ]");
    if (!s) {
        return CCS_ECONFIG;
    }
    return ccs__get_names(r, s, "a non-empty array of agent group names", ccs_scenario_find_group,
                          "agent group", "agents", &cp->groups, &cp->n_groups);
}

static int read_window(ccs__reader *r, const config_setting_t *g, ccs_campaign *cp)
{
    const config_setting_t *s = config_setting_get_member(g, "window");
    int nk = r->sc->n_intervals;
    long v[2];
    cp->window_first = 0;
    cp->window_last = nk - 1;
    if (!s) {
        return CCS_OK;
    }
    if (!ccs__is_sequence(s) || config_setting_length(s) != 2) {
        return ccs__fail_at(r, s,
                            "expected [first, last]: the first and last interval (0 to %d) "
                            "when dialing is allowed",
                            nk - 1);
    }
    for (int i = 0; i < 2; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        if (ccs__get_long(r, e, 0, LONG_MAX, &v[i]) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if (v[i] >= nk) {
            return ccs__fail_at(r, e, "interval %ld is outside the horizon (intervals 0 to %d)",
                                v[i], nk - 1);
        }
    }
    if (v[1] < v[0]) {
        return ccs__fail_at(r, s, "expected first <= last, got [%ld, %ld]", v[0], v[1]);
    }
    cp->window_first = (int)v[0];
    cp->window_last = (int)v[1];
    return CCS_OK;
}

/* Outcome probabilities: each a fraction or one per interval; they must
 * sum to 1 in every interval. */
static int read_outcomes(ccs__reader *r, const config_setting_t *g, ccs_campaign *cp)
{
    int nk = r->sc->n_intervals;
    const config_setting_t *s =
        ccs__require(r, g, "outcomes",
                     "the outcome probabilities { no_answer = 0.4; busy = 0.05; "
                     "machine = 0.25; wrong_party = 0.05; right_party = 0.25; }");
    if (!s || ccs__expect_group(r, s, "a group of outcome probabilities") != CCS_OK ||
        ccs__check_keys(r, s, outcome_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    cp->p = calloc((size_t)nk * CCS_N_OUTCOMES, sizeof *cp->p);
    double *tmp = calloc((size_t)nk, sizeof *tmp);
    if (!cp->p || !tmp) {
        free(tmp);
        return ccs__fail_nomem(r);
    }
    for (int o = 0; o < CCS_N_OUTCOMES; o++) {
        const config_setting_t *m = config_setting_get_member(s, outcome_keys[o]);
        if (!m) {
            continue;
        }
        if (ccs__get_per_interval(r, m, ccs_units_fraction, "a probability (or \"25%\")", 1.0,
                                  tmp) != CCS_OK) {
            free(tmp);
            return CCS_ECONFIG;
        }
        for (int k = 0; k < nk; k++) {
            if (tmp[k] > 1.0) {
                double bad = tmp[k];
                free(tmp);
                return ccs__fail_at(r, m, "expected a probability in [0, 1], got %g", bad);
            }
            cp->p[k * CCS_N_OUTCOMES + o] = tmp[k];
        }
    }
    free(tmp);
    for (int k = 0; k < nk; k++) {
        double sum = 0;
        for (int o = 0; o < CCS_N_OUTCOMES; o++) {
            sum += cp->p[k * CCS_N_OUTCOMES + o];
        }
        if (fabs(sum - 1.0) > 1e-6) {
            return ccs__fail_at(r, s, "outcome probabilities must sum to 1, got %.6g (interval %d)",
                                sum, k);
        }
    }
    return CCS_OK;
}

static int read_campaign_times(ccs__reader *r, const config_setting_t *g, ccs_campaign *cp)
{
    const config_setting_t *s = config_setting_get_member(g, "retry_delay");
    if (s) {
        if (ccs__expect_group(r, s,
                              "a group { no_answer = \"2h\"; busy = \"15m\"; machine = \"4h\"; "
                              "abandoned = \"1h\"; }") != CCS_OK ||
            ccs__check_keys(r, s, retry_keys) != CCS_OK ||
            ccs__opt_duration(r, s, "no_answer", 0, 0, &cp->retry_s[CCS_OUT_NO_ANSWER]) != CCS_OK ||
            ccs__opt_duration(r, s, "busy", 0, 0, &cp->retry_s[CCS_OUT_BUSY]) != CCS_OK ||
            ccs__opt_duration(r, s, "machine", 0, 0, &cp->retry_s[CCS_OUT_MACHINE]) != CCS_OK ||
            ccs__opt_duration(r, s, "abandoned", 0, 0, &cp->retry_abandoned_s) != CCS_OK) {
            return CCS_ECONFIG;
        }
    }
    if (ccs__opt_dist(r, g, "ring_time", &cp->ring) != CCS_OK ||
        ccs__opt_duration(r, g, "ring_timeout", 0, 1, &cp->ring_timeout_s) != CCS_OK ||
        ccs__opt_duration(r, g, "busy_time", 0, 0, &cp->busy_signal_s) != CCS_OK ||
        ccs__opt_dist(r, g, "wrap_time", &cp->wrap) != CCS_OK ||
        ccs__opt_dist(r, g, "preview_time", &cp->preview) != CCS_OK ||
        ccs__opt_duration(r, g, "grace", 0, 0, &cp->grace_s) != CCS_OK) {
        return CCS_ECONFIG;
    }
    s = ccs__require(r, g, "talk_time",
                     "talk time per live outcome { right_party = { dist = ...; }; }");
    if (!s ||
        ccs__expect_group(r, s,
                          "a group { right_party = {...}; wrong_party = {...}; "
                          "machine = {...}; }") != CCS_OK ||
        ccs__check_keys(r, s, talk_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (!config_setting_get_member(s, "right_party")) {
        return ccs__fail_missing(r, s, "right_party",
                                 "required: the talk time of right-party contacts");
    }
    if (ccs__opt_dist(r, s, "machine", &cp->talk[CCS_OUT_MACHINE]) != CCS_OK ||
        ccs__opt_dist(r, s, "wrong_party", &cp->talk[CCS_OUT_WRONG_PARTY]) != CCS_OK ||
        ccs__opt_dist(r, s, "right_party", &cp->talk[CCS_OUT_RIGHT_PARTY]) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return CCS_OK;
}

static int read_amd(ccs__reader *r, const config_setting_t *g, ccs_campaign *cp)
{
    const config_setting_t *s = config_setting_get_member(g, "amd");
    if (!s) {
        return CCS_OK;
    }
    if (ccs__expect_group(r, s,
                          "a group { enabled = true; detection_time = 2.5; "
                          "false_positive = 0.05; false_negative = 0.1; }") != CCS_OK ||
        ccs__check_keys(r, s, amd_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    const config_setting_t *e = config_setting_get_member(s, "enabled");
    cp->amd = 1;
    if (e && ccs__get_bool(r, e, &cp->amd) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (ccs__opt_duration(r, s, "detection_time", 0, 0, &cp->amd_time_s) != CCS_OK ||
        ccs__opt_fraction(r, s, "false_positive", &cp->amd_false_positive) != CCS_OK ||
        ccs__opt_fraction(r, s, "false_negative", &cp->amd_false_negative) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return CCS_OK;
}

static int read_pacing(ccs__reader *r, const config_setting_t *g, ccs_campaign *cp)
{
    const config_setting_t *s = config_setting_get_member(g, "pacing");
    const char *v = "";
    if (s) {
        if (ccs__get_string(r, s, &v) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if (strcmp(v, "adaptive") == 0) {
            cp->pacing_fixed = 0;
        } else if (strcmp(v, "fixed") == 0) {
            cp->pacing_fixed = 1;
            cp->lines_per_agent = 1.0;
        } else {
            return ccs__fail_at(r, s, "expected \"adaptive\" or \"fixed\", got \"%.40s\"", v);
        }
    }
    s = config_setting_get_member(g, "lines_per_agent");
    if (s && ccs__get_value(r, s, NULL, 1.0, "lines per agent", 0.0, 1, 100.0, 0,
                            &cp->lines_per_agent) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return ccs__opt_int(r, g, "reserve", 0, CCS__MAX_AGENTS, &cp->reserve);
}

static void campaign_defaults(ccs_campaign *cp, int nk)
{
    cp->mode = CCS_DIAL_PROGRESSIVE;
    cp->window_first = 0;
    cp->window_last = nk - 1;
    cp->max_attempts = 3;
    cp->retry_s[CCS_OUT_NO_ANSWER] = 7200;
    cp->retry_s[CCS_OUT_BUSY] = 900;
    cp->retry_s[CCS_OUT_MACHINE] = 14400;
    cp->retry_abandoned_s = 3600;
    cp->ring.kind = CCS_DIST_UNIFORM;
    cp->ring.min = 4;
    cp->ring.max = 20;
    ccs_dist_prepare(&cp->ring, NULL);
    cp->ring_timeout_s = 25;
    cp->busy_signal_s = 5;
    cp->talk[CCS_OUT_MACHINE] = ccs_dist_deterministic(20);
    cp->talk[CCS_OUT_WRONG_PARTY] = ccs_dist_exponential(20);
    cp->amd_time_s = 2.5;
    cp->abandon_target = 0.03;
    cp->grace_s = 2;
    cp->preview = ccs_dist_deterministic(20);
    cp->lines_per_agent = 3.0;
}

static int read_campaign(ccs__reader *r, const config_setting_t *g, int idx)
{
    ccs_scenario *sc = r->sc;
    ccs_campaign *cp = &sc->campaigns[idx];
    const config_setting_t *s;
    const char *v = "";
    campaign_defaults(cp, sc->n_intervals);
    cp->line = ccs__line_of(g);
    if (ccs__expect_group(r, g, "a campaign { name = \"...\"; mode = \"predictive\"; ... }") !=
            CCS_OK ||
        ccs__check_keys(r, g, campaign_keys) != CCS_OK ||
        ccs__get_name(r, g, "campaign", cp->name, sizeof cp->name) != CCS_OK) {
        return CCS_ECONFIG;
    }
    for (int j = 0; j < idx; j++) {
        if (strcmp(sc->campaigns[j].name, cp->name) == 0) {
            return ccs__fail_at(r, config_setting_get_member(g, "name"),
                                "duplicate campaign name \"%s\" (first defined on line %d)",
                                cp->name, sc->campaigns[j].line);
        }
    }
    if (!(s = ccs__require(r, g, "mode", "\"preview\", \"progressive\" or \"predictive\"")) ||
        ccs__get_string(r, s, &v) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (strcmp(v, "preview") == 0) {
        cp->mode = CCS_DIAL_PREVIEW;
    } else if (strcmp(v, "progressive") == 0) {
        cp->mode = CCS_DIAL_PROGRESSIVE;
    } else if (strcmp(v, "predictive") == 0) {
        cp->mode = CCS_DIAL_PREDICTIVE;
    } else {
        return ccs__fail_at(r, s,
                            "expected \"preview\", \"progressive\" or \"predictive\", got "
                            "\"%.40s\"",
                            v);
    }
    if (read_campaign_groups(r, g, cp) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (!(s = ccs__require(r, g, "list_size", "the number of records on the calling list")) ||
        ccs__get_long(r, s, 1, MAX_LIST_SIZE, &cp->list_size) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (ccs__opt_int(r, g, "max_attempts", 1, MAX_ATTEMPTS, &cp->max_attempts) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((double)cp->list_size * cp->max_attempts > CCS_MAX_DIALS) {
        const config_setting_t *at = config_setting_get_member(g, "max_attempts");
        return ccs__fail_at(r, at ? at : s,
                            "expected list_size x max_attempts of at most %g dials per "
                            "replication, got %ld x %d = %g",
                            CCS_MAX_DIALS, cp->list_size, cp->max_attempts,
                            (double)cp->list_size * cp->max_attempts);
    }
    if (read_window(r, g, cp) != CCS_OK || read_outcomes(r, g, cp) != CCS_OK ||
        read_campaign_times(r, g, cp) != CCS_OK || read_amd(r, g, cp) != CCS_OK ||
        read_pacing(r, g, cp) != CCS_OK ||
        ccs__opt_fraction(r, g, "success", &cp->success) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((s = config_setting_get_member(g, "abandon_target")) &&
        ccs__get_fraction(r, s, 0, &cp->abandon_target) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return CCS_OK;
}

/* Reads outbound.campaigns; then every agent group must answer calls or
 * work a campaign. */
int ccs__read_outbound(ccs__reader *r, const config_setting_t *root)
{
    ccs_scenario *sc = r->sc;
    const config_setting_t *o = config_setting_get_member(root, "outbound");
    if (o) {
        if (ccs__expect_group(r, o, "a group { campaigns = ( { ... } ); }") != CCS_OK ||
            ccs__check_keys(r, o, outbound_keys) != CCS_OK) {
            return CCS_ECONFIG;
        }
        const config_setting_t *l =
            ccs__require(r, o, "campaigns", "a list of campaigns ( { ... } )");
        if (!l) {
            return CCS_ECONFIG;
        }
        sc->campaigns = ccs__list_new(r, l, "campaigns", CCS_MAX_CAMPAIGNS, CCS__DIM_CAMPAIGNS,
                                      sizeof *sc->campaigns);
        if (!sc->campaigns) {
            return CCS_ECONFIG;
        }
        sc->n_campaigns = config_setting_length(l);
        if (ccs__read_elems(r, l, read_campaign) != CCS_OK) {
            return CCS_ECONFIG;
        }
    }
    const config_setting_t *agents = config_setting_get_member(root, "agents");
    for (int gi = 0; gi < sc->n_groups; gi++) {
        int works = sc->groups[gi].n_serves > 0 || sc->groups[gi].chat_slots > 0 ||
                    sc->groups[gi].n_bo > 0;
        for (int c = 0; c < sc->n_campaigns && !works; c++) {
            for (int j = 0; j < sc->campaigns[c].n_groups; j++) {
                works |= sc->campaigns[c].groups[j] == gi;
            }
        }
        if (!works) {
            return ccs__fail_at(r, config_setting_get_elem(agents, (unsigned)gi),
                                "agent group \"%s\" serves no call type and works no campaign "
                                "(give it serves = [ ... ] or name it in a campaign's agents)",
                                sc->groups[gi].name);
        }
    }
    if (sc->n_types == 0 && sc->n_campaigns == 0) {
        return ccs__fail_missing(r, root, "calls",
                                 "required: a list of call types, calls = ( { name = ...; } ), or "
                                 "outbound campaigns");
    }
    return CCS_OK;
}

const char *ccs_dial_mode_name(ccs_dial_mode m)
{
    switch (m) {
    case CCS_DIAL_PREVIEW:
        return "preview";
    case CCS_DIAL_PROGRESSIVE:
        return "progressive";
    case CCS_DIAL_PREDICTIVE:
        return "predictive";
    }
    return "?";
}

const char *ccs_outcome_name(ccs_outcome o)
{
    return o >= 0 && o < CCS_N_OUTCOMES ? outcome_keys[o] : "?";
}
