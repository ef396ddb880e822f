/*
 * sweep_report.h — the writers of a what-if grid (sweep.h): a text table,
 * CSV (one row per cell) or JSON ({"scenario", "vary", "cells": [{"values",
 * "summary"}]}), with the cost per handled call, per resolved contact and
 * per month as more columns (JSON: each cell's "cost") when the scenario
 * has a cost section.  Layouts: docs/cli.md (## ccsim sweep).
 */
#ifndef CCSIM_SWEEP_REPORT_H
#define CCSIM_SWEEP_REPORT_H

#include <stdio.h>
#include "ccsim/error.h"
#include "ccsim/report.h"
#include "ccsim/sweep.h"

/* Writes r in format f.  Returns CCS_OK, or CCS_EIO / CCS_ENOMEM with err
 * filled. */
int ccs_sweep_write(FILE *fp, const ccs_sweep_result *r, ccs_report_format f, ccs_error *err);

#endif
