/* Setting one attribute of a parsed CPE name to a literal string (see
 * include/psirt/cpe.h): the value is stored unquoted like every parsed
 * value, so the bindings (cpe_format.c) quote it as their spelling needs. */
#include <string.h>

#include "ident/cpe_internal.h"
#include "psirt/cpe.h"

enum psirt_err psirt_cpe_set_string(struct psirt_arena *arena, const struct psirt_cpe *cpe,
                                    enum psirt_cpe_attr a, struct psirt_str value,
                                    struct psirt_cpe **out, struct psirt_diag *diag)
{
	struct psirt_cpe *c;
	size_t i, size, keep;

	*out = NULL;
	if ((unsigned)a >= PSIRT_CPE_ATTR__MAX)
		return psirt_diag_set(diag, PSIRT_EINVAL, "no such CPE attribute");
	if (!value.len)
		return psirt_diag_set(diag, PSIRT_EINVAL, "empty value");
	if (value.len > PSIRT_CPE_MAX)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "CPE value longer than %d bytes",
		                      PSIRT_CPE_MAX);
	/* NISTIR 7695 §5.3.2: printable ASCII without white space */
	for (i = 0; i < value.len; i++) {
		if (!ident__cpe_printable((unsigned char)value.p[i])) {
			psirt_diag_set(diag, PSIRT_EINVAL,
			               "a CPE value holds printable ASCII only, no white space");
			psirt_diag_set_column(diag, (long)i + 1);
			return PSIRT_EINVAL;
		}
	}
	/* §5.3.2 rule 6, as the parsers read it: "-" alone would bind as NA */
	if (value.len == 1 && value.p[0] == '-')
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "a hyphen alone is not a value (NISTIR 7695 §5.3.2 rule 6)");
	/* the old bodies stay (the replaced one unused), the new one after them */
	keep = cpe->text_len;
	if (keep + value.len + 1 > 0xffff)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "CPE name too long");
	size = sizeof *c + keep + value.len + 2;
	c = psirt_arena_alloc(arena, size);
	if (!c)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	memcpy(c, cpe, sizeof *c + keep);
	c->attr[a].kind = PSIRT_CPE_STRING;
	c->attr[a].lead = 0;
	c->attr[a].trail = 0;
	c->attr[a].off = (uint16_t)keep;
	c->attr[a].len = (uint16_t)value.len;
	memcpy(c->text + keep, value.p, value.len);
	c->text[keep + value.len] = '\0';
	c->text_len = (uint16_t)(keep + value.len + 1);
	c->text[c->text_len] = '\0';
	*out = c;
	return PSIRT_OK;
}
