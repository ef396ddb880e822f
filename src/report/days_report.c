/*
 * days_report.c — several days in the run report (horizon.days > 1,
 * docs/backoffice.md "Several days"): a text table of the voice figures of
 * each day, of the chats and, per back-office type, of its items.  Nothing is written
 * on a one-day horizon.
 */
#include <stdio.h>

#include "report/backoffice_report.h"

#include "ccsim/backoffice.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"
#include "report/format.h"

void ccs__days_report_text(FILE *fp, const ccs_results *r)
{
    const ccs_scenario *sc = r->sc;
    int days = ccs_scenario_days(sc), nd = ccs_scenario_day_intervals(sc);
    if (days <= 1) {
        return;
    }
    if (sc->n_types > 0) {
        fprintf(fp, "\nDays, mean \xc2\xb1 half-width of the 95%% CI\n");
        fprintf(fp, "  %3s %6s  %-16s %-16s %-16s %-16s %s\n", "day", "factor", "offered",
                "SL", "ASA s", "aband", "occ");
        for (int d = 0; d < days; d++) {
            ccs_figures f;
            char a[64], b[64], c[64], e[64], o[64];
            ccs_results_figures(r, d * nd, (d + 1) * nd, NULL, &f);
            ccs__fmt_pm(a, sizeof a, &f.offered, 1, 1, "", 0);
            ccs__fmt_pm(b, sizeof b, &f.service_level, 100, 1, "%", 0);
            ccs__fmt_pm(c, sizeof c, &f.asa_s, 1, 1, "", 0);
            ccs__fmt_pm(e, sizeof e, &f.abandon_rate, 100, 1, "%", 0);
            ccs__fmt_pm(o, sizeof o, &f.occupancy, 100, 1, "%", 0);
            /* "±" is two bytes: one more than the header's width. */
            fprintf(fp, "  %3d %6.2f  %-17s %-17s %-17s %-17s %s\n", d + 1,
                    sc->day_factor ? sc->day_factor[d] : 1.0, a, b, c, e, o);
        }
    }
    if (sc->chat.on && r->chat) {
        fprintf(fp, "\nChat by day, mean \xc2\xb1 half-width of the 95%% CI (first response)\n");
        fprintf(fp, "  %3s  %-16s %-16s %-16s %-16s %s\n", "day", "offered", "SL", "ASA s",
                "aband", "sessions");
        for (int d = 0; d < days; d++) {
            ccs_chat_figures f;
            char x[5][64];
            if (ccs_results_chat(r, d * nd, (d + 1) * nd, &f) != CCS_OK) {
                break;
            }
            ccs__fmt_pm(x[0], sizeof x[0], &f.offered, 1, 1, "", 0);
            ccs__fmt_pm(x[1], sizeof x[1], &f.service_level, 100, 1, "%", 0);
            ccs__fmt_pm(x[2], sizeof x[2], &f.asa_s, 1, 1, "", 0);
            ccs__fmt_pm(x[3], sizeof x[3], &f.abandon_rate, 100, 1, "%", 0);
            ccs__fmt_pm(x[4], sizeof x[4], &f.sessions, 1, 2, "", 0);
            fprintf(fp, "  %3d  %-17s %-17s %-17s %-17s %s\n", d + 1, x[0], x[1], x[2], x[3],
                    x[4]);
        }
    }
    for (int bi = 0; bi < sc->n_backoffice; bi++) {
        fprintf(fp, "\nBack office \"%s\" by day, mean \xc2\xb1 half-width (backlog at the day's "
                    "end)\n",
                sc->backoffice[bi].name);
        fprintf(fp, "  %3s  %-16s %-16s %-16s %-16s %-16s %s\n", "day", "arrived", "done",
                "on time", "backlog", "past due", "oldest h");
        for (int d = 0; d < days; d++) {
            ccs_bo_figures f;
            char x[6][64];
            ccs_results_backoffice(r, bi, d * nd, (d + 1) * nd, &f);
            ccs__fmt_pm(x[0], sizeof x[0], &f.arrived, 1, 1, "", 0);
            ccs__fmt_pm(x[1], sizeof x[1], &f.done, 1, 1, "", 0);
            ccs__fmt_pm(x[2], sizeof x[2], &f.on_time_share, 100, 1, "%", 0);
            ccs__fmt_pm(x[3], sizeof x[3], &f.backlog, 1, 1, "", 0);
            ccs__fmt_pm(x[4], sizeof x[4], &f.backlog_late, 1, 1, "", 0);
            ccs__fmt_pm(x[5], sizeof x[5], &f.oldest_age_s, 1 / 3600.0, 2, "", 0);
            fprintf(fp, "  %3d  %-17s %-17s %-17s %-17s %-17s %s\n", d + 1, x[0], x[1], x[2],
                    x[3], x[4], x[5]);
        }
    }
}
