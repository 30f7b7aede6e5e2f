/* The identity check for purls and CPEs found in SBOMs.
 *
 * INTERIM: a syntactic check only. When src/ident/ (purl and CPE parsing,
 * another branch) is merged, sbom__ident_check becomes a call to its
 * parsers and this file shrinks to that; its callers do not change. Until
 * then it accepts what is well-formed on the surface, and its reasons are
 * short.
 */
#include <string.h>

#include "psirt/str.h"
#include "sbom/internal.h"

static int is_hex2(const char *s, size_t left)
{
	return left >= 2 && psirt_isxdigit((unsigned char)s[0]) &&
	       psirt_isxdigit((unsigned char)s[1]);
}

/* package-url spec (purl-spec PURL-SPECIFICATION.rst, "Rules for each purl
 * component"): pkg:type/namespace/name@version?qualifiers#subpath. */
static const char *purl_check(const char *s, size_t len)
{
	size_t i, end, q, at, slash, name_end, k;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c == 0x7f)
			return "contains a space or control character";
		if (c == '%' && !is_hex2(s + i + 1, len - i - 1))
			return "bad percent-escape";
	}
	if (len < 4 || psirt_tolower((unsigned char)s[0]) != 'p' ||
	    psirt_tolower((unsigned char)s[1]) != 'k' ||
	    psirt_tolower((unsigned char)s[2]) != 'g' || s[3] != ':')
		return "does not start with 'pkg:'";
	i = 4;
	while (i < len && s[i] == '/') /* "pkg://type/…" is tolerated by the spec */
		i++;
	/* type: letters, digits, '.', '+', '-'; not starting with a digit */
	if (i >= len || psirt_isdigit((unsigned char)s[i]))
		return "no package type";
	for (; i < len && s[i] != '/'; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!psirt_isalnum(c) && c != '.' && c != '+' && c != '-')
			return "bad character in the package type";
	}
	if (i >= len)
		return "no name";
	i++;
	/* subpath and qualifiers are cut from the right, then the version */
	end = len;
	for (q = i; q < end; q++)
		if (s[q] == '#') {
			end = q;
			break;
		}
	for (q = i; q < end; q++)
		if (s[q] == '?')
			break;
	if (q < end) {
		size_t pair_start;
		k = q + 1;
		while (k < end) {
			pair_start = k;
			if (psirt_isdigit((unsigned char)s[k]))
				return "qualifier key starts with a digit";
			while (k < end && s[k] != '=' && s[k] != '&') {
				unsigned char c = (unsigned char)s[k];
				if (!psirt_isalnum(c) && c != '.' && c != '-' && c != '_')
					return "bad character in a qualifier key";
				k++;
			}
			if (k == pair_start || k >= end || s[k] != '=')
				return "qualifier without key=value";
			while (k < end && s[k] != '&')
				k++;
			if (k < end)
				k++;
		}
	}
	end = q;
	/* the version follows the last '@', unless a '/' comes after it: then
	 * the '@' belongs to a namespace (npm scopes should be written %40, but
	 * some tools leave the '@') */
	at = end;
	for (k = end; k > i; k--)
		if (s[k - 1] == '@') {
			at = k - 1;
			break;
		}
	for (k = at; k < end; k++)
		if (s[k] == '/') {
			at = end;
			break;
		}
	if (at < end && at + 1 == end)
		return "empty version after '@'";
	name_end = at;
	while (name_end > i && s[name_end - 1] == '/')
		name_end--;
	for (slash = name_end; slash > i && s[slash - 1] != '/'; slash--)
		;
	if (slash == name_end)
		return "no name";
	return NULL;
}

/* CPE 2.3 formatted string (NISTIR 7695 §6.2): "cpe:2.3:" and 11 attributes
 * split at unescaped ':'; unescaped characters are letters, digits, '-', '.',
 * '_' and the wildcards '*' and '?'; others are escaped with '\'. */
static const char *cpe23_check(const char *s, size_t len)
{
	size_t i, fields = 1, field_len = 0;

	for (i = 8; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ':') {
			if (!field_len)
				return "empty attribute";
			fields++;
			field_len = 0;
			continue;
		}
		field_len++;
		if (c == '\\') {
			if (i + 1 >= len || s[i + 1] <= 0x20 || (unsigned char)s[i + 1] >= 0x7f)
				return "bad escape";
			i++;
			continue;
		}
		if (!psirt_isalnum(c) && c != '-' && c != '.' && c != '_' && c != '*' && c != '?')
			return "unescaped special character";
	}
	if (!field_len)
		return "empty attribute";
	if (fields != 11)
		return "not 11 attributes after 'cpe:2.3:'";
	if (!strchr("aoh*-", s[8]) || (s[9] != ':'))
		return "part is not a, o, h, * or -";
	return NULL;
}

/* CPE 2.2 URI (CPE 2.2 specification §5.3): "cpe:/" part ":" vendor … with
 * at most 7 components of unreserved characters and %-escapes. */
static const char *cpe22_check(const char *s, size_t len)
{
	size_t i, parts = 1;

	if (len < 6 || !strchr("aohAOH", s[5]) || s[5] == '\0')
		return "part is not a, o or h";
	if (len > 6 && s[6] != ':')
		return "part is not a, o or h";
	for (i = 6; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ':') {
			parts++;
			continue;
		}
		if (c == '%') {
			if (!is_hex2(s + i + 1, len - i - 1))
				return "bad percent-escape";
			i += 2;
			continue;
		}
		if (!psirt_isalnum(c) && c != '.' && c != '-' && c != '_' && c != '~')
			return "bad character";
	}
	if (parts > 7)
		return "more than 7 components";
	return NULL;
}

const char *sbom__ident_check(enum sbom__ident kind, const char *s, size_t len)
{
	if (kind == SBOM__PURL)
		return purl_check(s, len);
	if (len >= 8 && !memcmp(s, "cpe:2.3:", 8))
		return cpe23_check(s, len);
	if (len >= 5 && !memcmp(s, "cpe:/", 5))
		return cpe22_check(s, len);
	return "neither 'cpe:2.3:' nor 'cpe:/'";
}
