/*
 * scenario_transfers.c — each call type's `transfers`: after talk, a
 * contact of the type moves to another type's queue with a probability,
 * cold or warm (docs/routing.md, "Transfers").  Read once every call type
 * is known (a transfer may name a type defined after its own).
 *
 * Refused: a transfer to the type itself, to an unknown type or twice to
 * the same type; probabilities of one type summing past 1; and a chain
 * that transfers without end: a type whose transfers sum to 1 and from
 * which every type reachable by transfers also sums to 1 (the customer
 * would be passed around for ever, with probability 1).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scenario_sections.h"

#define SUM_ONE_TOL 1e-12

static const char *const transfer_keys[] = {"to", "probability", "mode", "warm_limit", NULL};

static int read_transfer(ccs__reader *r, const config_setting_t *e, int owner, ccs_transfer *x)
{
    const ccs_scenario *sc = r->sc;
    const config_setting_t *s;
    const char *name;
    x->line = ccs__line_of(e);
    x->mode = CCS_XFER_COLD;
    x->warm_limit_s = 60.0;
    if (ccs__expect_group(r, e,
                          "a transfer { to = \"...\"; probability = 0.2; } (optional mode = "
                          "\"cold\" or \"warm\", warm_limit)") != CCS_OK ||
        ccs__check_keys(r, e, transfer_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (!(s = ccs__require(r, e, "to", "the call type the call is transferred to, to = \"...\"")) ||
        ccs__get_string(r, s, &name) != CCS_OK) {
        return CCS_ECONFIG;
    }
    x->to = ccs_scenario_find_type(sc, name);
    if (x->to < 0) {
        return ccs__fail_at(r, s, "no call type named \"%.60s\" in calls", name);
    }
    if (x->to == owner) {
        return ccs__fail_at(r, s,
                            "call type \"%.60s\" cannot transfer to itself (a second contact "
                            "of the same type is a repeat: see repeat_delay and fcr)",
                            name);
    }
    if (!(s = ccs__require(r, e, "probability",
                           "the probability of this transfer after talk, probability = 0.2")) ||
        ccs__get_fraction(r, s, 0, &x->probability) != CCS_OK) {
        return CCS_ECONFIG;
    }
    const config_setting_t *m = config_setting_get_member(e, "mode");
    if (m) {
        const char *v = "";
        if (ccs__get_string(r, m, &v) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if (strcmp(v, "warm") == 0) {
            x->mode = CCS_XFER_WARM;
        } else if (strcmp(v, "cold") != 0) {
            return ccs__fail_at(r, m, "expected \"cold\" or \"warm\", got \"%.60s\"", v);
        }
    }
    s = config_setting_get_member(e, "warm_limit");
    if (s && x->mode != CCS_XFER_WARM) {
        return ccs__fail_at(r, s, "warm_limit goes with mode = \"warm\"");
    }
    if (s && ccs__get_duration(r, s, 0.0, 0, &x->warm_limit_s) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return CCS_OK;
}

static int read_type_transfers(ccs__reader *r, const config_setting_t *g, int t)
{
    ccs_call_type *ct = &r->sc->types[t];
    const config_setting_t *l = config_setting_get_member(g, "transfers");
    char got[96];
    if (!l) {
        return CCS_OK;
    }
    if (config_setting_type(l) != CONFIG_TYPE_LIST || config_setting_length(l) < 1) {
        return ccs__fail_at(r, l,
                            "expected a non-empty list of transfers ( { to = \"...\"; "
                            "probability = 0.2; }, ... ), got %s",
                            ccs__describe(r, l, got, sizeof got));
    }
    int n = config_setting_length(l);
    if (n > CCS_MAX_TYPES) {
        return ccs__fail_at(r, l, "expected at most %d transfers, got %d", CCS_MAX_TYPES, n);
    }
    ct->transfers = calloc((size_t)n, sizeof *ct->transfers);
    if (!ct->transfers) {
        return ccs__fail_nomem(r);
    }
    double sum = 0.0;
    for (int j = 0; j < n; j++) {
        const config_setting_t *e = config_setting_get_elem(l, (unsigned)j);
        if (read_transfer(r, e, t, &ct->transfers[j]) != CCS_OK) {
            return CCS_ECONFIG;
        }
        ct->n_transfers = j + 1;
        for (int i = 0; i < j; i++) {
            if (ct->transfers[i].to == ct->transfers[j].to) {
                return ccs__fail_at(r, config_setting_get_member(e, "to"),
                                    "call type \"%s\" listed twice in these transfers",
                                    r->sc->types[ct->transfers[j].to].name);
            }
        }
        sum += ct->transfers[j].probability;
    }
    if (sum > 1.0 + SUM_ONE_TOL) {
        return ccs__fail_at(r, l,
                            "expected transfer probabilities summing to at most 1, got %.6g",
                            sum);
    }
    return CCS_OK;
}

static double transfer_sum(const ccs_call_type *ct)
{
    double s = 0.0;
    for (int j = 0; j < ct->n_transfers; j++) {
        s += ct->transfers[j].probability;
    }
    return s;
}

/* Marks every type from which a customer's chain of transfers ends with
 * probability > 0: the types whose transfers sum to less than 1, and the
 * types with a transfer of probability > 0 to a marked one (a fixed point,
 * at most n_types passes). */
static void mark_ending(const ccs_scenario *sc, unsigned char *ends)
{
    int n = sc->n_types, changed = 1;
    for (int t = 0; t < n; t++) {
        ends[t] = transfer_sum(&sc->types[t]) < 1.0 - SUM_ONE_TOL;
    }
    while (changed) {
        changed = 0;
        for (int t = 0; t < n; t++) {
            const ccs_call_type *ct = &sc->types[t];
            for (int j = 0; !ends[t] && j < ct->n_transfers; j++) {
                if (ct->transfers[j].probability > 0 && ends[ct->transfers[j].to]) {
                    ends[t] = 1;
                    changed = 1;
                }
            }
        }
    }
}

int ccs__transfer_contacts(const ccs_scenario *sc, double *x)
{
    int n = sc->n_types, m = 0, bad = -1;
    /* Only the types a transfer touches take part: the others make 1
     * contact.  (I - P) x = 1 on them, by Gaussian elimination with
     * partial pivoting: I - P is invertible once no chain transfers for
     * ever (mark_ending), and its m <= CCS_MAX_TYPES rows cost at most
     * m^3 / 3 operations, once per scenario. */
    int *idx = malloc((size_t)n * sizeof *idx + 1), *type_of = malloc((size_t)n * sizeof *type_of + 1);
    for (int t = 0; t < n; t++) {
        x[t] = 1.0;
    }
    if (!idx || !type_of) {
        free(idx);
        free(type_of);
        return -2;
    }
    for (int t = 0; t < n; t++) {
        idx[t] = -1;
    }
    for (int t = 0; t < n; t++) {
        const ccs_call_type *ct = &sc->types[t];
        for (int j = 0; j < ct->n_transfers; j++) {
            int u = ct->transfers[j].to;
            if (idx[t] < 0) {
                type_of[m] = t, idx[t] = m++;
            }
            if (idx[u] < 0) {
                type_of[m] = u, idx[u] = m++;
            }
        }
    }
    double *a = m > 0 ? calloc((size_t)m * (size_t)(m + 1), sizeof *a) : NULL;
    if (m > 0 && !a) {
        free(idx);
        free(type_of);
        return -2;
    }
#define A_(i, j) a[(size_t)(i) * (size_t)(m + 1) + (size_t)(j)]
    for (int i = 0; i < m; i++) {
        const ccs_call_type *ct = &sc->types[type_of[i]];
        A_(i, i) = 1.0;
        A_(i, m) = 1.0;
        for (int j = 0; j < ct->n_transfers; j++) {
            A_(i, idx[ct->transfers[j].to]) -= ct->transfers[j].probability;
        }
    }
    for (int c = 0; c < m; c++) {
        int piv = c;
        for (int i = c + 1; i < m; i++) {
            if (fabs(A_(i, c)) > fabs(A_(piv, c))) {
                piv = i;
            }
        }
        if (piv != c) {
            for (int j = c; j <= m; j++) {
                double tmp = A_(c, j);
                A_(c, j) = A_(piv, j);
                A_(piv, j) = tmp;
            }
        }
        double d = A_(c, c);
        for (int i = c + 1; d != 0.0 && i < m; i++) {
            double f = A_(i, c) / d;
            if (f != 0.0) {
                for (int j = c; j <= m; j++) {
                    A_(i, j) -= f * A_(c, j);
                }
            }
        }
    }
    for (int i = m - 1; i >= 0; i--) {
        double v = A_(i, m);
        for (int j = i + 1; j < m; j++) {
            v -= A_(i, j) * A_(j, m);
        }
        A_(i, m) = v / A_(i, i);
    }
    /* x >= 1 when exact; a value off that, not finite, or past the bound
     * (a nearly endless loop, where rounding dominates) is refused. */
    for (int i = 0; i < m; i++) {
        double v = A_(i, m);
        x[type_of[i]] = v;
        if (bad < 0 && !(v >= 1.0 - 1e-9 && v <= CCS_MAX_CONTACTS_PER_CUSTOMER)) {
            bad = type_of[i];
        }
    }
#undef A_
    free(a);
    free(idx);
    free(type_of);
    return bad;
}

int ccs__read_transfers(ccs__reader *r, const config_setting_t *root)
{
    const ccs_scenario *sc = r->sc;
    const config_setting_t *calls = config_setting_get_member(root, "calls");
    int any = 0;
    for (int t = 0; t < sc->n_types; t++) {
        if (read_type_transfers(r, config_setting_get_elem(calls, (unsigned)t), t) != CCS_OK) {
            return CCS_ECONFIG;
        }
        any |= sc->types[t].n_transfers > 0;
    }
    if (!any) {
        return CCS_OK;
    }
    unsigned char *ends = calloc((size_t)sc->n_types, 1);
    if (!ends) {
        return ccs__fail_nomem(r);
    }
    mark_ending(sc, ends);
    int bad = -1;
    for (int t = 0; t < sc->n_types && bad < 0; t++) {
        if (!ends[t]) {
            bad = t;
        }
    }
    free(ends);
    if (bad < 0) {
        double *x = calloc((size_t)sc->n_types, sizeof *x);
        if (!x) {
            return ccs__fail_nomem(r);
        }
        int far = ccs__transfer_contacts(sc, x);
        free(x);
        if (far == -2) {
            return ccs__fail_nomem(r);
        }
        if (far < 0) {
            return CCS_OK;
        }
        return ccs__fail_at(
            r, config_setting_get_member(config_setting_get_elem(calls, (unsigned)far), "transfers"),
            "a customer of call type \"%s\" would make more than %g contacts on average through "
            "its transfers; expected at most %g (lower the probabilities of the chain's loop)",
            sc->types[far].name, CCS_MAX_CONTACTS_PER_CUSTOMER, CCS_MAX_CONTACTS_PER_CUSTOMER);
    }
    const ccs_call_type *ct = &sc->types[bad];
    const config_setting_t *l =
        config_setting_get_member(config_setting_get_elem(calls, (unsigned)bad), "transfers");
    int to = ct->transfers[0].to;
    for (int j = 0; j < ct->n_transfers; j++) {
        if (ct->transfers[j].probability > 0) {
            to = ct->transfers[j].to;
            break;
        }
    }
    return ccs__fail_at(r, l,
                        "call type \"%s\" transfers with probability 1 (to \"%s\"), and so does "
                        "every type its chain reaches: a customer would be transferred without "
                        "end; expected some type on the chain whose transfers sum to less than 1",
                        ct->name, sc->types[to].name);
}
