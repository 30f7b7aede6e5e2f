/* Names shared between the CPE files of src/ident/ (not part of the API).
 * Apart from src/ident/internal.h so that the purl branch, which adds that
 * file, merges without a conflict; fold it in when convenient. */
#ifndef PSIRT_IDENT_CPE_INTERNAL_H
#define PSIRT_IDENT_CPE_INTERNAL_H

#include "psirt/str.h"

/* Byte classes for the CPE parsers and binders, one table lookup per byte
 * (parsing was a quarter slower with four range tests a byte). */
enum {
	IDENT__CPE_FS_PLAIN = 1,  /* unquoted in a formatted string: A-Z a-z 0-9 - . _
	                           * (NISTIR 7695 §6.2.1 unreserved) */
	IDENT__CPE_URI_PLAIN = 2, /* unencoded in a URI: the same and "~" (Figure 6-1) */
	IDENT__CPE_PRINTABLE = 4, /* x21-x7e: the only bytes a value may hold (§5.3.2:
	                           * printable ASCII, no whitespace) */
};
extern const unsigned char ident__cpe_class[256];

static inline int ident__cpe_fs_plain(int c)
{
	return ident__cpe_class[c & 0xff] & IDENT__CPE_FS_PLAIN;
}

static inline int ident__cpe_printable(int c)
{
	return ident__cpe_class[c & 0xff] & IDENT__CPE_PRINTABLE;
}

#endif
