/*
 * validate_report.h — the writers of a comparison with theory (validate.h):
 * text (per call type, a row per interval and figure: simulated [95% CI],
 * theory, inside CI, formula) or JSON.  docs/teaching.md shows both.
 */
#ifndef CCSIM_VALIDATE_REPORT_H
#define CCSIM_VALIDATE_REPORT_H

#include <stdio.h>
#include "ccsim/error.h"
#include "ccsim/report.h"
#include "ccsim/validate.h"

/* Writes v as text (CCS_REPORT_TEXT; CSV is not a format of validate and
 * writes text too) or JSON.  Returns CCS_OK, or CCS_ENOMEM with err filled
 * when the JSON document cannot be built or written. */
int ccs_validate_write(FILE *fp, const ccs_validate_result *v, ccs_report_format f,
                       ccs_error *err);

#endif
