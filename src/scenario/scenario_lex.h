/*
 * scenario_lex.h — private to the scenario reader: finds the numbers in a
 * scenario's text that libconfig 1.5 stores as some other number.
 *
 * libconfig 1.5 reads an integer without the L suffix with atoi(), so
 * 4294967298 becomes 2 and 2147483656 becomes -2147483640, silently; an
 * integer beyond 64 bits saturates, a hexadecimal one wraps, and a real
 * beyond DBL_MAX becomes infinity.  The reader cannot tell from the stored
 * value, so this scanner reads the text the way libconfig's own scanner
 * does (comments, strings, names, the number forms) and lists every such
 * literal with its position among the text's scalar values.  The reader
 * matches positions to settings and then uses, or quotes, what was written.
 */
#ifndef CCSIM_SCENARIO_LEX_H
#define CCSIM_SCENARIO_LEX_H

#include <stddef.h>

typedef struct ccs_literal {
    size_t index;        /* 0-based position among the text's scalar values */
    int line;            /* 1-based line of the literal */
    char text[48];       /* as written (cut, with "...", if longer) */
    const void *setting; /* the config setting it is, once matched (reader) */
} ccs_literal;

/* Scans libconfig text.  Returns 0 and sets *out (malloc'd, free it; NULL
 * when none) and *n to the literals libconfig would not store as written,
 * and *n_values to the number of scalar values in the text (adjacent
 * strings, which libconfig joins, count once; @include'd files are not
 * read).  Returns -1 when out of memory.  Text that libconfig would refuse
 * may give any list: only use it when libconfig accepted the text. */
int ccs__lex_overflows(const char *text, ccs_literal **out, size_t *n, size_t *n_values);

#endif
