/* psirt — JSON text written straight into a buffer.
 *
 * For JSON that is built often and small (a finding's evidence and SSVC
 * inputs in the match worker, a page of findings in the server): a jansson
 * tree per value, dumped once, costs more than the work around it. These
 * write the text jansson's json_dumps(JSON_COMPACT) writes for the same
 * values, byte for byte: strings escaped as RFC 8259 §7 requires ('"', '\\'
 * and the control characters U+0000..U+001F, the short forms \b \f \n \r \t
 * where they exist, else \u00XX with upper-case hex), everything else as it
 * is ('/' and U+007F included, no \uXXXX for non-ASCII text); integers in
 * decimal. The caller writes the punctuation of arrays and objects ('[', '{'
 * and their ends) itself; keys take the comma before them.
 *
 * Errors are the buffer's sticky error (psirt/buf.h): check it once at the
 * end. Nothing here allocates besides the buffer's growth.
 */
#ifndef PSIRT_JSONW_H
#define PSIRT_JSONW_H

#include "psirt/buf.h"

/* s as a JSON string; NULL as null. A string that is not UTF-8 (jansson's
 * json_string refuses it) is written as psirt_json_str (psirt/portfolio.h)
 * writes it: each byte >= 0x80 as the six characters \\xNN (a backslash
 * escaped, then xNN in upper-case hex), the rest escaped as usual. Borrows
 * s. */
void psirt_jsonw_str(struct psirt_buf *b, const char *s);
/* An object's key (ASCII text of the caller's, written without escaping)
 * and its colon, with a comma before it unless first. */
void psirt_jsonw_key(struct psirt_buf *b, int first, const char *key);
/* An object member key: s (psirt_jsonw_key, then psirt_jsonw_str) when s
 * is NULL or UTF-8 (psirt_jsonw_utf8_valid), in one pass over s: returns 1;
 * else b is left as it was and 0 returned (the member left out, as jansson
 * leaves out a json_string it refused). */
int psirt_jsonw_member_utf8(struct psirt_buf *b, int first, const char *key, const char *s);
/* v in decimal, as jansson writes a json_integer. */
void psirt_jsonw_int(struct psirt_buf *b, long long v);
/* Is s (NUL-terminated) UTF-8 as jansson's json_string takes it: no
 * overlong form, no surrogate, nothing past U+10FFFF, no cut sequence?
 * For callers that must leave out what jansson would refuse. */
int psirt_jsonw_utf8_valid(const char *s);

#endif
