/*
 * setting_label.c — `--set` paths in words (see setting_label.h).
 *
 * The path is split at '.' into keys and "[i]" indexes; the first key and
 * index name the owner (an agent group, a call type, a campaign), the keys
 * after it are looked up in a table of the scenario keys users sweep most,
 * and an index inside a per-interval list ("count.[6]") becomes "in
 * interval 6".
 */
#include "scenario/setting_label.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PARTS 8

typedef struct words {
    const char *key;      /* keys after the owner, joined by '.' */
    const char *text;
} words;

static const words table[] = {
    {"count", "agents"},
    {"calls_per_hour", "calls per hour"},
    {"handle_time.mean", "mean handle time (s)"},
    {"handle_time.cv", "handle-time CV"},
    {"after_call_work.mean", "mean after-call work (s)"},
    {"patience.mean", "mean patience (s)"},
    {"patience.cv", "patience CV"},
    {"service_level.threshold", "SL threshold (s)"},
    {"service_level.target", "SL target"},
    {"queue_capacity", "queue capacity (callers)"},
    {"volume_cv", "daily volume CV"},
    {"retrial.abandoned", "share of abandoners who call again"},
    {"retrial.blocked", "share of blocked callers who call again"},
    {"priority", "priority"},
    {"serve_after", "wait before this group serves (s)"},
    {"quality.aht_factor", "handle-time factor"},
    {"quality.fcr", "first-contact resolution"},
    {"cost.price", "vendor price"},
    {"cost.wage_per_hour", "wage per hour"},
    {"cost.shrinkage", "shrinkage"},
    {"cost.benefits", "benefits share of wages"},
    {"run.warmup_minutes", "warm-up (min)"},
    {"run.replications", "replications"},
    {"run.seed", "seed"},
    {"horizon.intervals", "intervals"},
    {"horizon.interval_minutes", "interval length (min)"},
    {"list_size", "list size (records)"},
    {"abandon_target", "abandon target"},
    {"max_attempts", "attempts per record"},
};

/* Appends prefix and s to buf at *len, truncating. */
static void add(char *buf, size_t n, size_t *len, const char *prefix, const char *s)
{
    if (*len + 1 >= n) {
        return;
    }
    int w = snprintf(buf + *len, n - *len, "%s%s", prefix, s);
    if (w > 0) {
        *len += (size_t)w < n - *len ? (size_t)w : n - *len - 1;
    }
}

/* "[12]" -> 12; -1 when the part is not an index. */
static int index_of(const char *part)
{
    size_t l = strlen(part);
    if (l < 3 || part[0] != '[' || part[l - 1] != ']') {
        return -1;
    }
    char *end;
    long v = strtol(part + 1, &end, 10);
    return end == part + l - 1 && v >= 0 && v < 1000000 ? (int)v : -1;
}

char *ccs_setting_label(const ccs_scenario *sc, const char *path, char *buf, size_t n)
{
    char tmp[256], *parts[MAX_PARTS];
    int np = 0;
    snprintf(tmp, sizeof tmp, "%s", path ? path : "");
    for (char *save = NULL, *p = strtok_r(tmp, ".", &save); p && np < MAX_PARTS;
         p = strtok_r(NULL, ".", &save)) {
        parts[np++] = p;
    }
    buf[0] = '\0';
    if (np == 0) {
        return buf;
    }
    /* The owner: agents.[i], calls.[i], outbound.campaigns.[i]. */
    char owner[160] = "";
    int first = 0;
    static const char *const kinds[] = {"group", "call type", "campaign"};
    int kind = -1, idx = -1;
    if (np >= 2 && (strcmp(parts[0], "agents") == 0 || strcmp(parts[0], "calls") == 0) &&
        (idx = index_of(parts[1])) >= 0) {
        kind = parts[0][0] == 'a' ? 0 : 1;
        first = 2;
    } else if (np >= 3 && strcmp(parts[0], "outbound") == 0 &&
               strcmp(parts[1], "campaigns") == 0 && (idx = index_of(parts[2])) >= 0) {
        kind = 2;
        first = 3;
    }
    if (kind >= 0) {
        const char *name = NULL;
        if (sc && kind == 0 && idx < sc->n_groups) {
            name = sc->groups[idx].name;
        } else if (sc && kind == 1 && idx < sc->n_types) {
            name = sc->types[idx].name;
        } else if (sc && kind == 2 && idx < sc->n_campaigns) {
            name = sc->campaigns[idx].name;
        }
        if (name) {
            snprintf(owner, sizeof owner, "%s %s", kinds[kind], name);
        } else {
            snprintf(owner, sizeof owner, "%s %d", kinds[kind], idx);
        }
    }
    /* A trailing index inside a per-interval list. */
    int last = np, interval = -1;
    if (last - first >= 2 && (interval = index_of(parts[last - 1])) >= 0) {
        last--;
    }
    char key[200] = "";
    size_t kl = 0;
    for (int i = first; i < last; i++) {
        add(key, sizeof key, &kl, i > first ? "." : "", parts[i]);
    }
    size_t len = 0;
    const char *text = NULL;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (strcmp(table[i].key, key) == 0) {
            text = table[i].text;
        }
    }
    if (text) {
        add(buf, n, &len, "", text);
    } else {
        /* Fallback: the keys, '_' and '.' read as blanks. */
        for (const char *p = key; *p && len + 1 < n; p++) {
            buf[len++] = *p == '_' || *p == '.' ? ' ' : *p;
        }
        buf[len] = '\0';
    }
    if (interval >= 0) {
        char iv[32];
        snprintf(iv, sizeof iv, "%d", interval);
        add(buf, n, &len, " in interval ", iv);
    }
    if (owner[0]) {
        add(buf, n, &len, ", ", owner);
    }
    return buf;
}
