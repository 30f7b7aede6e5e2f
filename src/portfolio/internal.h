/* Internal interface of the portfolio module. */
#ifndef PSIRT_PORTFOLIO_INTERNAL_H
#define PSIRT_PORTFOLIO_INTERNAL_H

#include "psirt/portfolio.h"

/* Checks text a person typed for a name-like field (what: "product name",
 * "vendor" …): 1..PSIRT_PORTFOLIO_MAX_NAME bytes of UTF-8 without control
 * characters or white space at either end; lead_dash: a leading '-' is
 * allowed (it is not for names the CLI takes as arguments). EINVAL with
 * the column of the offending byte, ETOOBIG. */
enum psirt_err portfolio__check_text(const char *what, const char *s, int lead_dash,
                                     struct psirt_diag *diag);

/* Appends s to b as a CPE 2.3 formatted-string value (NISTIR 7695 §6.2.2:
 * letters, digits, '_', '-' and '.' as they are, other printable ASCII
 * quoted with '\\'); lower: fold ASCII letters, white space runs become '_'.
 * Returns -1 when s holds a byte a CPE value cannot (non-ASCII, control). */
int portfolio__cpe_value(struct psirt_buf *b, const char *s, int lower);

/* The derived hardware CPE cpe:2.3:h:VENDOR:MODEL:-:*:*:*:*:*:*:* in arena,
 * or NULL when vendor is NULL or either cannot be a CPE value. */
const char *portfolio__hw_cpe(struct psirt_arena *arena, const char *vendor, const char *model);

/* Runs in the transaction the caller opened: begin (EINTERNAL when one is
 * open), commit or roll back according to err. */
enum psirt_err portfolio__finish(struct psirt_store *store, enum psirt_err err,
                                 struct psirt_diag *diag);

#endif
