/*
 * setting_label.h — a `--set` path in words, for chart axes and titles:
 * "agents.[0].count" is "agents, group team" and
 * "calls.[0].handle_time.mean" is "mean handle time (s), call type sales".
 *
 * Known keys (docs/scenario-format.md) get their words and units; list
 * elements name the group, call type or campaign they index; anything else
 * falls back to its keys with '_' read as a blank, so a label is always
 * produced.  A pure function of the scenario and the path.
 *
 * Private to the library (src/, never installed): used by sweep.c.
 */
#ifndef CCSIM_SETTING_LABEL_H
#define CCSIM_SETTING_LABEL_H

#include <stddef.h>

#include "ccsim/scenario.h"

/* Writes the label of path (libconfig --set syntax) into buf (n bytes,
 * truncated, always NUL-terminated).  sc may be NULL: lists elements are
 * then named by index ("group 0").  Returns buf. */
char *ccs_setting_label(const ccs_scenario *sc, const char *path, char *buf, size_t n);

#endif
