/*
 * erlang_table.h — the staffing answer and a table of staffing levels,
 * written as text (for a planner at a terminal), CSV (for a spreadsheet) or
 * JSON (for programs).  Used by `ccsim erlang`.
 *
 * The writers compute each row with ccs_erlang_eval() and format it; they
 * hold no queueing math of their own.  They write only to the FILE* they are
 * given and never print anywhere else.  An unstable Erlang C row (load >=
 * agents) is a normal row: "unstable"/"inf" in text, "inf" in CSV, null in
 * JSON; no output ever contains "nan".
 */
#ifndef CCSIM_ERLANG_TABLE_H
#define CCSIM_ERLANG_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "ccsim/erlang.h"
#include "ccsim/error.h"
#include "ccsim/uncertainty.h"

typedef enum ccs_erlang_format {
    CCS_ERLANG_TEXT = 0,
    CCS_ERLANG_CSV,
    CCS_ERLANG_JSON
} ccs_erlang_format;

/* Most rows a table may hold; more is refused with CCS_EINVAL. */
#define CCS_ERLANG_TABLE_MAX_ROWS 10000

/* Rows either side of the answer in the default table (answer-3..answer+3). */
#define CCS_ERLANG_TABLE_SPAN 3

/* What to write: the question, the targets, the answer from
 * ccs_erlang_staff() and the staffing levels to tabulate.  A value struct
 * that borrows `agents`: the caller keeps that array alive while writing. */
typedef struct ccs_erlang_table {
    ccs_erlang_query query;          /* traffic; patience_s > 0 means Erlang A */
    ccs_staffing_targets targets;    /* as passed to ccs_erlang_staff() */
    ccs_staffing_result staffing;    /* filled by ccs_erlang_staff() */
    const int *agents;               /* N values for the rows, each >= 1; borrowed */
    size_t n_agents;                 /* 1 .. CCS_ERLANG_TABLE_MAX_ROWS */
    /* Optional (zero = off): the answer under volume uncertainty and
     * absenteeism from ccs_uncertainty_staff(); borrowed.  With
     * confidence > 0 it is the required answer. */
    const ccs_uncertain_staffing *unc;
    double volume_cv;
    double absenteeism;
    double confidence;
} ccs_erlang_table;

/* The default rows around an answer: answer-span .. answer+span, clipped
 * below at 1.  Writes at most cap values into out and returns how many it
 * wrote. */
size_t ccs_erlang_table_default_rows(int answer, int span, int *out, size_t cap);

/* Writes t to fp in the given format.  Returns CCS_OK; CCS_EINVAL (message
 * in err) for a bad table (no rows, too many rows, N < 1) or a row the
 * Erlang functions reject; CCS_ENOMEM when building JSON fails; CCS_EIO
 * when fp reports a write error.  On failure part of the output may have
 * been written: callers that need all-or-nothing write to a temporary file. */
int ccs_erlang_table_write(FILE *fp, const ccs_erlang_table *t, ccs_erlang_format fmt,
                           ccs_error *err);

/* The same, one format each. */
int ccs_erlang_table_write_text(FILE *fp, const ccs_erlang_table *t, ccs_error *err);
int ccs_erlang_table_write_csv(FILE *fp, const ccs_erlang_table *t, ccs_error *err);
int ccs_erlang_table_write_json(FILE *fp, const ccs_erlang_table *t, ccs_error *err);

/* Names of the targets that staffing level N - 1 misses, i.e. why the
 * answer is N and not fewer, as a comma-separated list ("service level,
 * occupancy"), or "stability" when N - 1 <= offered load in Erlang C, or
 * "minimum of 1 agent" when N == 1.  Written into buf of size n; returns
 * buf.  Empty when no reason is found (a target met with near-equality). */
char *ccs_erlang_table_binding(const ccs_erlang_table *t, char *buf, size_t n);

#endif
