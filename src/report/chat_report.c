/*
 * chat_report.c — the chat channel in the run report (docs/channels.md,
 * docs/output.md): a text block, the "chat" JSON object (keys offered,
 * answered, abandoned, blocked, service_level, prob_wait, asa_s,
 * abandon_rate, work_s, sessions, concurrency, avg_queue, max_wait_s,
 * agent_share) and
 * chat_* columns in the CSV.
 */
#include <stddef.h>
#include <stdio.h>

#include "report/chat_report.h"

#include "report/format.h"

typedef struct chat_fig {
    const char *key;       /* JSON key; CSV column chat_<key> */
    const char *label;     /* text label */
    size_t offset;         /* in ccs_chat_figures */
    double scale;          /* text: 100 for percentages */
    int dec;               /* text decimals */
} chat_fig;

#define CF(key, label, scale, dec) {#key, label, offsetof(ccs_chat_figures, key), scale, dec}

static const chat_fig chat_figs[] = {
    CF(offered, "chats offered", 1, 0),
    CF(answered, "answered (first response)", 1, 0),
    CF(abandoned, "abandoned before the first response", 1, 0),
    CF(blocked, "blocked (chat queue full)", 1, 0),
    CF(service_level, "service level on first response, %", 100, 1),
    CF(prob_wait, "P(wait for a slot), %", 100, 1),
    CF(asa_s, "mean first-response wait, s", 1, 1),
    CF(abandon_rate, "abandon rate, %", 100, 2),
    CF(work_s, "mean work per chat (factor 1), s", 1, 1),
    CF(sessions, "open sessions (time average)", 1, 2),
    CF(concurrency, "sessions per agent with chats", 1, 2),
    CF(avg_queue, "chats waiting (time average)", 1, 2),
    CF(max_wait_s, "longest wait, s (mean of replications)", 1, 1),
    CF(agent_share, "agent time with chats open, % on shift", 100, 1),
};

#define N_CHAT_FIGS (sizeof chat_figs / sizeof chat_figs[0])

static const ccs_estimate *get(const ccs_chat_figures *f, const chat_fig *d)
{
    return (const ccs_estimate *)((const char *)f + d->offset);
}

void ccs__chat_report_text(FILE *fp, const ccs_results *r)
{
    const ccs_scenario *sc = r->sc;
    if (!sc->chat.on || !r->chat) {
        return;
    }
    int slots = 0;
    for (int g = 0; g < sc->n_groups; g++) {
        slots += sc->groups[g].chat_slots > 0;
    }
    fprintf(fp, "\nChat: %d agent group(s) with chat slots; SL %.0f%% within %.0f s of first "
                "response\n",
            slots, sc->chat.sl_target * 100, sc->chat.sl_threshold_s);
    if (sc->chat.voice_threshold >= 0) {
        fprintf(fp, "  voice threshold: no new chat for a group while %ld or more of its calls "
                    "wait\n",
                sc->chat.voice_threshold);
    }
    for (size_t i = 0; i < N_CHAT_FIGS; i++) {
        char buf[96];
        ccs__fmt_estimate(buf, sizeof buf, get(r->chat, &chat_figs[i]), chat_figs[i].scale,
                          chat_figs[i].dec);
        fprintf(fp, "  %-42s %s\n", chat_figs[i].label, buf);
    }
}

static json_t *figures_json(const ccs_chat_figures *f, int *bad)
{
    json_t *o = json_object();
    if (!o) {
        *bad = 1;
        return NULL;
    }
    for (size_t i = 0; i < N_CHAT_FIGS; i++) {
        ccs__json_put(o, chat_figs[i].key, ccs__json_estimate(get(f, &chat_figs[i]), bad), bad);
    }
    return o;
}

json_t *ccs__chat_report_json(const ccs_results *r, int *bad)
{
    const ccs_scenario *sc = r->sc;
    json_t *o = figures_json(r->chat, bad);
    json_t *iv = json_array();
    if (!o || !iv) {
        json_decref(o);
        json_decref(iv);
        *bad = 1;
        return NULL;
    }
    ccs__json_put(o, "sl_threshold_s", json_real(sc->chat.sl_threshold_s), bad);
    ccs__json_put(o, "sl_target", json_real(sc->chat.sl_target), bad);
    if (sc->chat.voice_threshold >= 0) {
        ccs__json_put(o, "voice_threshold", json_integer(sc->chat.voice_threshold), bad);
    }
    for (int k = 0; k < sc->n_intervals; k++) {
        json_t *e = figures_json(&r->chat_intervals[k], bad);
        if (!e || json_array_append_new(iv, e) != 0) {
            *bad = 1;
        }
    }
    ccs__json_put(o, "intervals", iv, bad);
    return o;
}

void ccs__chat_report_csv_header(FILE *fp, const ccs_results *r)
{
    if (!r->sc->chat.on || !r->chat_intervals) {
        return;
    }
    for (size_t i = 0; i < N_CHAT_FIGS; i++) {
        const char *k = chat_figs[i].key;
        fprintf(fp, ",chat_%s,chat_%s_lo,chat_%s_hi", k, k, k);
    }
}

void ccs__chat_report_csv_row(FILE *fp, const ccs_results *r, int k)
{
    if (!r->sc->chat.on || !r->chat_intervals) {
        return;
    }
    for (size_t i = 0; i < N_CHAT_FIGS; i++) {
        const ccs_estimate *e = get(&r->chat_intervals[k], &chat_figs[i]);
        ccs__csv_num(fp, e->mean, e->defined);
        ccs__csv_num(fp, e->lo, e->defined);
        ccs__csv_num(fp, e->hi, e->defined);
    }
}

json_t *ccs__chat_range_json(const ccs_results *r, int k0, int k1, int *bad)
{
    ccs_chat_figures f;
    if (ccs_results_chat(r, k0, k1, &f) != CCS_OK) {
        *bad = 1;
        return NULL;
    }
    return figures_json(&f, bad);
}
