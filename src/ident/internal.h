/* Names shared between the files of src/ident/ (not part of the API). */
#ifndef PSIRT_IDENT_INTERNAL_H
#define PSIRT_IDENT_INTERNAL_H

#include "psirt/str.h"

/* Characters a formatted string and a WFN body may hold unquoted besides
 * letters and digits (NISTIR 7695 §6.2.1 unreserved: "-", ".", "_"). */
static inline int ident__cpe_fs_plain(int c)
{
	return psirt_isalnum(c) || c == '_' || c == '-' || c == '.';
}

/* Printable ASCII other than space: the only bytes a CPE value may hold
 * (NISTIR 7695 §5.3.2: printable characters x00-x7F, no whitespace). */
static inline int ident__cpe_printable(int c)
{
	return c >= 0x21 && c <= 0x7e;
}

#endif
