/*
 * scenario_costs.c — what agent groups cost (agents.[i].cost: captive
 * staff or an outsourced vendor's price and SLA) and the scenario-wide
 * cost terms (the top-level `cost` section).  Money is in the scenario's
 * currency; the arithmetic is in docs/costs.md.
 */
#include <math.h>
#include <string.h>

#include "ccsim/units.h"
#include "scenario/scenario_sections.h"

static const char *const captive_keys[] = {"model",
                                           "wage_per_hour",
                                           "benefits",
                                           "shrinkage",
                                           "agents_per_supervisor",
                                           "supervisor_wage_per_hour",
                                           "seat_per_month",
                                           "telephony_per_minute",
                                           "hire_cost",
                                           "attrition_per_year",
                                           NULL};
static const char *const outsourced_keys[] = {"model",
                                              "pricing",
                                              "price",
                                              "transition_fee",
                                              "vendor_management_per_month",
                                              "price_per_chat",
                                              "price_per_item",
                                              "sla",
                                              NULL};
static const char *const cost_keys[] = {"contract_months", "operating_days_per_month", "sla", NULL};
static const char *const sla_keys[] = {"target", "penalty_per_point", "bonus_per_point", "period",
                                       NULL};

/* An optional amount of money >= 0 (absent leaves *out as it is). */
static int opt_money(ccs__reader *r, const config_setting_t *g, const char *name, double *out)
{
    const config_setting_t *s = config_setting_get_member(g, name);
    if (!s) {
        return CCS_OK;
    }
    return ccs__get_value(r, s, NULL, 1.0, "an amount of money", 0.0, 0, INFINITY, 0, out);
}

/* An optional fraction that may exceed 1 (benefits, attrition): >= 0. */
static int opt_rate(ccs__reader *r, const config_setting_t *g, const char *name, double *out)
{
    const config_setting_t *s = config_setting_get_member(g, name);
    if (!s) {
        return CCS_OK;
    }
    return ccs__get_value(r, s, ccs_units_fraction, 1.0, "a fraction (or \"30%\")", 0.0, 0,
                          INFINITY, 0, out);
}

static int read_pricing(ccs__reader *r, const config_setting_t *g, ccs_group_cost *gc)
{
    static const char *const names[] = {"per_agent_hour", "per_handled_minute", "per_handled_call",
                                        "per_success"};
    const char *v = "";
    const config_setting_t *s =
        ccs__require(r, g, "pricing", "the pricing model, e.g. pricing = \"per_agent_hour\"");
    if (!s || ccs__get_string(r, s, &v) != CCS_OK) {
        return CCS_ECONFIG;
    }
    for (int i = 0; i < 4; i++) {
        if (strcmp(v, names[i]) == 0) {
            gc->pricing = (ccs_pricing)i;
            return CCS_OK;
        }
    }
    return ccs__fail_at(r, s,
                        "unknown pricing model \"%.40s\" (expected per_agent_hour, "
                        "per_handled_minute, per_handled_call or per_success)",
                        v);
}

static int read_sla(ccs__reader *r, const config_setting_t *c, ccs_cost_terms *ct)
{
    const config_setting_t *g = config_setting_get_member(c, "sla");
    const config_setting_t *s;
    if (!g) {
        return CCS_OK;
    }
    if (ccs__expect_group(
            r, g, "a group { target = 0.80; penalty_per_point = ...; period = \"day\"; }") !=
            CCS_OK ||
        ccs__check_keys(r, g, sla_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    ct->has_sla = 1;
    s = ccs__require(r, g, "target", "the contracted service level, e.g. target = 0.80");
    if (!s || ccs__get_fraction(r, s, 0, &ct->sla_target) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (opt_money(r, g, "penalty_per_point", &ct->penalty_per_point) != CCS_OK ||
        opt_money(r, g, "bonus_per_point", &ct->bonus_per_point) != CCS_OK) {
        return CCS_ECONFIG;
    }
    s = config_setting_get_member(g, "period");
    if (s) {
        static const char *const names[] = {"interval", "day", "month"};
        const char *v = "";
        if (ccs__get_string(r, s, &v) != CCS_OK) {
            return CCS_ECONFIG;
        }
        for (int i = 0; i < 3; i++) {
            if (strcmp(v, names[i]) == 0) {
                ct->sla_period = (ccs_sla_period)i;
                return CCS_OK;
            }
        }
        return ccs__fail_at(r, s, "expected \"interval\", \"day\" or \"month\", got \"%.40s\"", v);
    }
    return CCS_OK;
}

int ccs__read_group_cost(ccs__reader *r, const config_setting_t *g, ccs_agent_group *ag)
{
    const config_setting_t *c = config_setting_get_member(g, "cost");
    ccs_group_cost *gc = &ag->cost;
    const config_setting_t *s;
    const char *v = "";
    memset(gc, 0, sizeof *gc);
    if (!c) {
        return CCS_OK;
    }
    if (ccs__expect_group(r, c,
                          "a group { model = \"captive\"; wage_per_hour = ...; } or "
                          "{ model = \"outsourced\"; pricing = ...; price = ...; }") != CCS_OK) {
        return CCS_ECONFIG;
    }
    s = ccs__require(r, c, "model", "\"captive\" or \"outsourced\"");
    if (!s || ccs__get_string(r, s, &v) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (strcmp(v, "captive") == 0) {
        gc->kind = CCS_COST_CAPTIVE;
        if (ccs__check_keys(r, c, captive_keys) != CCS_OK) {
            return CCS_ECONFIG;
        }
        s = ccs__require(r, c, "wage_per_hour", "the agent wage per paid hour");
        if (!s || ccs__get_value(r, s, NULL, 1.0, "an amount of money", 0.0, 0, INFINITY, 0,
                                 &gc->wage_per_hour) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if (opt_rate(r, c, "benefits", &gc->benefits) != CCS_OK ||
            opt_rate(r, c, "attrition_per_year", &gc->attrition_per_year) != CCS_OK ||
            opt_money(r, c, "supervisor_wage_per_hour", &gc->supervisor_wage_per_hour) != CCS_OK ||
            opt_money(r, c, "seat_per_month", &gc->seat_per_month) != CCS_OK ||
            opt_money(r, c, "telephony_per_minute", &gc->telephony_per_minute) != CCS_OK ||
            opt_money(r, c, "hire_cost", &gc->hire_cost) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if ((s = config_setting_get_member(c, "shrinkage")) &&
            ccs__get_value(r, s, ccs_units_fraction, 1.0, "a fraction (or \"32%\")", 0.0, 0, 1.0, 1,
                           &gc->shrinkage) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if ((s = config_setting_get_member(c, "agents_per_supervisor")) &&
            ccs__get_value(r, s, NULL, 1.0, "a number of agents", 1.0, 0, INFINITY, 0,
                           &gc->agents_per_supervisor) != CCS_OK) {
            return CCS_ECONFIG;
        }
        return CCS_OK;
    }
    if (strcmp(v, "outsourced") == 0) {
        gc->kind = CCS_COST_OUTSOURCED;
        if (ccs__check_keys(r, c, outsourced_keys) != CCS_OK || read_pricing(r, c, gc) != CCS_OK) {
            return CCS_ECONFIG;
        }
        s = ccs__require(r, c, "price", "the vendor's price per unit of the pricing model");
        if (!s || ccs__get_value(r, s, NULL, 1.0, "an amount of money", 0.0, 0, INFINITY, 0,
                                 &gc->price) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if (opt_money(r, c, "transition_fee", &gc->transition_fee) != CCS_OK ||
            opt_money(r, c, "vendor_management_per_month", &gc->vendor_management_per_month) !=
                CCS_OK ||
            opt_money(r, c, "price_per_chat", &gc->price_per_chat) != CCS_OK ||
            opt_money(r, c, "price_per_item", &gc->price_per_item) != CCS_OK) {
            return CCS_ECONFIG;
        }
        gc->sla.sla_period = CCS_SLA_DAY; /* the vendor's own SLA, as cost.sla */
        if (read_sla(r, c, &gc->sla) != CCS_OK) {
            return CCS_ECONFIG;
        }
        return CCS_OK;
    }
    return ccs__fail_at(r, s,
                        "unknown cost model \"%.40s\" (expected \"captive\" or \"outsourced\")", v);
}

int ccs__read_cost_terms(ccs__reader *r, const config_setting_t *root)
{
    ccs_cost_terms *ct = &r->sc->cost;
    const config_setting_t *c = config_setting_get_member(root, "cost");
    const config_setting_t *s;
    memset(ct, 0, sizeof *ct);
    ct->contract_months = 36.0;
    ct->operating_days_per_month = 21.7;
    ct->sla_period = CCS_SLA_DAY;
    if (!c) {
        return CCS_OK;
    }
    if (ccs__expect_group(
            r, c, "a group { contract_months = 36; operating_days_per_month = 21.7; }") != CCS_OK ||
        ccs__check_keys(r, c, cost_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((s = config_setting_get_member(c, "contract_months")) &&
        ccs__get_value(r, s, NULL, 1.0, "a number of months", 0.0, 1, INFINITY, 0,
                       &ct->contract_months) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((s = config_setting_get_member(c, "operating_days_per_month")) &&
        ccs__get_value(r, s, NULL, 1.0, "a number of days", 0.0, 1, 31.0, 0,
                       &ct->operating_days_per_month) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return read_sla(r, c, ct);
}
