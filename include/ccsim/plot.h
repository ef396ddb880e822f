/*
 * plot.h — SVG charts of a run, a staffing search or a sweep, drawn by
 * gnuplot (Debian package gnuplot-nox).
 *
 * Every chart is three files in the chart directory: <chart>.csv (the data,
 * always written, for spreadsheets), <chart>.gp (the gnuplot script, kept so
 * the chart can be restyled and redrawn with `gnuplot <chart>.gp`) and
 * <chart>.svg, drawn only when a gnuplot executable is on PATH.  Without
 * gnuplot the functions still succeed (the CSV files are the data) and
 * report *drawn = 0, so the caller can say so; the library never prints.
 */
#ifndef CCSIM_PLOT_H
#define CCSIM_PLOT_H

#include "ccsim/error.h"
#include "ccsim/sim.h"
#include "ccsim/staff.h"
#include "ccsim/sweep.h"

/* 1 when an executable "gnuplot" is found on PATH, else 0. */
int ccs_plot_have_gnuplot(void);

/* Creates dir (one level) if it does not exist.  Returns CCS_OK, or CCS_EIO
 * with err filled (key "dir") when it cannot be created or is not a
 * writable directory. */
int ccs_plot_prepare_dir(const char *dir, ccs_error *err);

/* A run: sl_by_interval (service level with its 95% CI band and the first
 * call type's target, agents on shift on the second axis) and
 * queue_by_interval (average queue with CI band, mean longest queue).
 * Per-interval charts have clock time on x (horizon.start), points at the
 * middle of each interval, steps covering each whole interval, CI bands
 * from the lower to the upper bound.
 * *drawn (may be NULL) gets the number of SVG files drawn.  Returns CCS_OK,
 * or CCS_EIO with err filled (a file that cannot be written, gnuplot
 * failing on a script). */
int ccs_plot_run(const char *dir, const ccs_results *r, int *drawn, ccs_error *err);

/* A staffing search: agents_by_interval (the simulated answer, with the
 * Erlang C and Erlang A answers drawn over it) and
 * sl_achieved (service level at the simulated staffing, CI band, target
 * line at sl_target). */
int ccs_plot_staff(const char *dir, const ccs_scenario *sc, const ccs_staff_result *s,
                   double sl_target, int *drawn, ccs_error *err);

/* A sweep: sl_vs_<var> for the first varied setting (one line per value of
 * the second setting when there are two; <var> is the path with every run
 * of non-alphanumerics turned into '_'); axes and key name the settings in
 * words (the axes' label, setting_label.h).  With three or more axes no chart
 * is drawn (*drawn = 0) but nothing fails. */
int ccs_plot_sweep(const char *dir, const ccs_sweep_result *s, int *drawn, ccs_error *err);

#endif
