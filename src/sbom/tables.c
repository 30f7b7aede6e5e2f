/* Name tables and small syntactic checks shared by the SBOM formats. */
#include <string.h>

#include "psirt/sbom.h"
#include "psirt/str.h"
#include "sbom/internal.h"

/* CycloneDX 1.7 component types (classification enum), in enum order. */
static const char *const type_names[] = {
    "application",
    "framework",
    "library",
    "container",
    "platform",
    "operating-system",
    "device",
    "device-driver",
    "firmware",
    "file",
    "machine-learning-model",
    "data",
    "cryptographic-asset",
};
_Static_assert(sizeof type_names / sizeof type_names[0] == PSIRT_SBOM_TYPE__MAX,
               "one name per component type");

const char *psirt_sbom_type_name(enum psirt_sbom_type type)
{
	if ((unsigned)type >= PSIRT_SBOM_TYPE__MAX)
		return "unknown";
	return type_names[type];
}

int sbom__type_find(const char *s)
{
	size_t i;

	for (i = 0; i < PSIRT_SBOM_TYPE__MAX; i++)
		if (!strcmp(s, type_names[i]))
			return (int)i;
	return -1;
}

static const char *const scope_names[] = {NULL, "required", "optional", "excluded"};
_Static_assert(sizeof scope_names / sizeof scope_names[0] == PSIRT_SBOM_SCOPE__MAX,
               "one name per scope");

int sbom__scope_find(const char *s)
{
	size_t i;

	for (i = 1; i < PSIRT_SBOM_SCOPE__MAX; i++)
		if (!strcmp(s, scope_names[i]))
			return (int)i;
	return -1;
}

const char *sbom__scope_name(enum psirt_sbom_scope scope)
{
	if ((unsigned)scope >= PSIRT_SBOM_SCOPE__MAX)
		return NULL;
	return scope_names[scope];
}

/* Hash algorithm names: CycloneDX hash-alg enum (1.7), SPDX 2.3 checksum
 * algorithm, SPDX 3.0 HashAlgorithm vocabulary. NULL: the format lacks it. */
static const struct {
	const char *cdx, *spdx, *spdx3;
} hash_names[] = {
    [PSIRT_SBOM_HASH_MD5] = {"MD5", "MD5", "md5"},
    [PSIRT_SBOM_HASH_SHA1] = {"SHA-1", "SHA1", "sha1"},
    [PSIRT_SBOM_HASH_SHA256] = {"SHA-256", "SHA256", "sha256"},
    [PSIRT_SBOM_HASH_SHA384] = {"SHA-384", "SHA384", "sha384"},
    [PSIRT_SBOM_HASH_SHA512] = {"SHA-512", "SHA512", "sha512"},
    [PSIRT_SBOM_HASH_SHA3_256] = {"SHA3-256", "SHA3-256", "sha3_256"},
    [PSIRT_SBOM_HASH_SHA3_384] = {"SHA3-384", "SHA3-384", "sha3_384"},
    [PSIRT_SBOM_HASH_SHA3_512] = {"SHA3-512", "SHA3-512", "sha3_512"},
    [PSIRT_SBOM_HASH_BLAKE2B_256] = {"BLAKE2b-256", "BLAKE2b-256", "blake2b256"},
    [PSIRT_SBOM_HASH_BLAKE2B_384] = {"BLAKE2b-384", "BLAKE2b-384", "blake2b384"},
    [PSIRT_SBOM_HASH_BLAKE2B_512] = {"BLAKE2b-512", "BLAKE2b-512", "blake2b512"},
    [PSIRT_SBOM_HASH_BLAKE3] = {"BLAKE3", "BLAKE3", "blake3"},
    [PSIRT_SBOM_HASH_STREEBOG_256] = {"Streebog-256", NULL, NULL},
    [PSIRT_SBOM_HASH_STREEBOG_512] = {"Streebog-512", NULL, NULL},
    [PSIRT_SBOM_HASH_SHA224] = {NULL, "SHA224", "sha224"},
    [PSIRT_SBOM_HASH_MD2] = {NULL, "MD2", "md2"},
    [PSIRT_SBOM_HASH_MD4] = {NULL, "MD4", "md4"},
    [PSIRT_SBOM_HASH_MD6] = {NULL, "MD6", "md6"},
    [PSIRT_SBOM_HASH_ADLER32] = {NULL, "ADLER32", "adler32"},
};
_Static_assert(sizeof hash_names / sizeof hash_names[0] == PSIRT_SBOM_HASH__MAX,
               "one row per hash algorithm");

const char *psirt_sbom_hash_name(enum psirt_sbom_hash_alg alg)
{
	if ((unsigned)alg >= PSIRT_SBOM_HASH__MAX)
		return "unknown";
	return hash_names[alg].cdx ? hash_names[alg].cdx : hash_names[alg].spdx;
}

const char *sbom__hash_spdx_name(enum psirt_sbom_hash_alg alg)
{
	if ((unsigned)alg >= PSIRT_SBOM_HASH__MAX)
		return NULL;
	return hash_names[alg].spdx;
}

int sbom__hash_find_cdx(const char *s)
{
	size_t i;

	for (i = 0; i < PSIRT_SBOM_HASH__MAX; i++)
		if (hash_names[i].cdx && !strcmp(s, hash_names[i].cdx))
			return (int)i;
	return -1;
}

int sbom__hash_find_spdx(const char *s)
{
	size_t i;

	for (i = 0; i < PSIRT_SBOM_HASH__MAX; i++)
		if (hash_names[i].spdx && !strcmp(s, hash_names[i].spdx))
			return (int)i;
	return -1;
}

int sbom__hash_find_spdx3(const char *s)
{
	size_t i;

	for (i = 0; i < PSIRT_SBOM_HASH__MAX; i++)
		if (hash_names[i].spdx3 && !strcmp(s, hash_names[i].spdx3))
			return (int)i;
	return -1;
}

int sbom__hash_value_ok(const char *hex, int cdx)
{
	size_t n = 0;

	for (; hex[n]; n++)
		if (!psirt_isxdigit((unsigned char)hex[n]))
			return 0;
	if (!cdx)
		return n > 0;
	return n == 32 || n == 40 || n == 64 || n == 96 || n == 128;
}

/* SPDX 2.3 primaryPackagePurpose (§7.24) and SPDX 3.0 software_primaryPurpose,
 * compared without case, '-' and '_' ("OPERATING-SYSTEM" = "operatingSystem").
 * Purposes CycloneDX has no type for become library. */
static const struct {
	const char *key;
	enum psirt_sbom_type type;
} purposes[] = {
    {"application", PSIRT_SBOM_TYPE_APPLICATION},
    {"executable", PSIRT_SBOM_TYPE_APPLICATION},
    {"framework", PSIRT_SBOM_TYPE_FRAMEWORK},
    {"library", PSIRT_SBOM_TYPE_LIBRARY},
    {"module", PSIRT_SBOM_TYPE_LIBRARY},
    {"container", PSIRT_SBOM_TYPE_CONTAINER},
    {"operatingsystem", PSIRT_SBOM_TYPE_OPERATING_SYSTEM},
    {"device", PSIRT_SBOM_TYPE_DEVICE},
    {"devicedriver", PSIRT_SBOM_TYPE_DEVICE_DRIVER},
    {"firmware", PSIRT_SBOM_TYPE_FIRMWARE},
    {"file", PSIRT_SBOM_TYPE_FILE},
    {"platform", PSIRT_SBOM_TYPE_PLATFORM},
    {"model", PSIRT_SBOM_TYPE_MACHINE_LEARNING_MODEL},
    {"data", PSIRT_SBOM_TYPE_DATA},
    {"source", PSIRT_SBOM_TYPE_LIBRARY},
    {"archive", PSIRT_SBOM_TYPE_LIBRARY},
    {"install", PSIRT_SBOM_TYPE_LIBRARY},
    {"other", PSIRT_SBOM_TYPE_LIBRARY},
    {"bom", PSIRT_SBOM_TYPE_LIBRARY},
    {"configuration", PSIRT_SBOM_TYPE_LIBRARY},
    {"diskimage", PSIRT_SBOM_TYPE_LIBRARY},
    {"documentation", PSIRT_SBOM_TYPE_LIBRARY},
    {"evidence", PSIRT_SBOM_TYPE_LIBRARY},
    {"filesystemimage", PSIRT_SBOM_TYPE_LIBRARY},
    {"manifest", PSIRT_SBOM_TYPE_LIBRARY},
    {"patch", PSIRT_SBOM_TYPE_LIBRARY},
    {"requirement", PSIRT_SBOM_TYPE_LIBRARY},
    {"specification", PSIRT_SBOM_TYPE_LIBRARY},
    {"test", PSIRT_SBOM_TYPE_LIBRARY},
};

/* Does s equal key (lower-case, no separators) ignoring case, '-', '_'? */
static int purpose_eq(const char *s, const char *key)
{
	for (; *s; s++) {
		if (*s == '-' || *s == '_')
			continue;
		if (psirt_tolower((unsigned char)*s) != *key++)
			return 0;
	}
	return *key == '\0';
}

int sbom__spdx_purpose_find(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof purposes / sizeof purposes[0]; i++)
		if (purpose_eq(s, purposes[i].key))
			return (int)purposes[i].type;
	return -1;
}

const char *sbom__spdx_purpose_name(enum psirt_sbom_type type)
{
	switch (type) {
	case PSIRT_SBOM_TYPE_APPLICATION:
		return "APPLICATION";
	case PSIRT_SBOM_TYPE_FRAMEWORK:
		return "FRAMEWORK";
	case PSIRT_SBOM_TYPE_LIBRARY:
		return "LIBRARY";
	case PSIRT_SBOM_TYPE_CONTAINER:
		return "CONTAINER";
	case PSIRT_SBOM_TYPE_OPERATING_SYSTEM:
		return "OPERATING_SYSTEM"; /* JSON spelling */
	case PSIRT_SBOM_TYPE_DEVICE:
		return "DEVICE";
	case PSIRT_SBOM_TYPE_FIRMWARE:
		return "FIRMWARE";
	case PSIRT_SBOM_TYPE_FILE:
		return "FILE";
	default:
		return "OTHER";
	}
}

static int digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!psirt_isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int num(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* RFC 3339 §5.6 date-time, with §5.7's day-of-month limits. */
int sbom__rfc3339_ok(const char *s)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, mo, d, h, mi, se;
	size_t len = strlen(s), i;

	if (len < 20 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
	    !digits(s + 8, 2) || (s[10] != 'T' && s[10] != 't') || !digits(s + 11, 2) ||
	    s[13] != ':' || !digits(s + 14, 2) || s[16] != ':' || !digits(s + 17, 2))
		return 0;
	y = num(s, 4);
	mo = num(s + 5, 2);
	d = num(s + 8, 2);
	h = num(s + 11, 2);
	mi = num(s + 14, 2);
	se = num(s + 17, 2);
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59 || se > 60)
		return 0;
	if (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 0;
	i = 19;
	if (s[i] == '.') {
		i++;
		if (!psirt_isdigit((unsigned char)s[i]))
			return 0;
		while (psirt_isdigit((unsigned char)s[i]))
			i++;
	}
	if ((s[i] == 'Z' || s[i] == 'z') && s[i + 1] == '\0')
		return 1;
	if ((s[i] == '+' || s[i] == '-') && digits(s + i + 1, 2) && s[i + 3] == ':' &&
	    digits(s + i + 4, 2) && s[i + 6] == '\0')
		return num(s + i + 1, 2) <= 23 && num(s + i + 4, 2) <= 59;
	return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date, and back: the
 * usual era-based arithmetic (400-year cycles of 146097 days), so no libc
 * time zone machinery is involved. */
static long long days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void civil_from_days(long long z, long long *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

int sbom__rfc3339_utc(const char *s, struct psirt_buf *out)
{
	long long days, secs, y;
	int m, d, off = 0;
	size_t i = 19;

	if (!sbom__rfc3339_ok(s))
		return -1;
	days = days_from_civil(num(s, 4), num(s + 5, 2), num(s + 8, 2));
	secs = days * 86400 + num(s + 11, 2) * 3600 + num(s + 14, 2) * 60 + num(s + 17, 2);
	if (s[i] == '.') /* fractions are dropped: SPDX 2 dates have none */
		for (i++; psirt_isdigit((unsigned char)s[i]); i++)
			;
	if (s[i] == '+' || s[i] == '-') {
		off = num(s + i + 1, 2) * 3600 + num(s + i + 4, 2) * 60;
		if (s[i] == '+')
			off = -off;
	}
	secs += off;
	days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
	secs -= days * 86400;
	civil_from_days(days, &y, &m, &d);
	psirt_buf_addf(out, "%04lld-%02d-%02dT%02lld:%02lld:%02lldZ", y, m, d, secs / 3600,
	               secs / 60 % 60, secs % 60);
	return 0;
}

int sbom__urn_uuid_ok(const char *s)
{
	static const size_t groups[] = {8, 4, 4, 4, 12};
	size_t g, i;

	if (strncmp(s, "urn:uuid:", 9) != 0)
		return 0;
	s += 9;
	for (g = 0; g < 5; g++) {
		for (i = 0; i < groups[g]; i++, s++)
			if (!psirt_isxdigit((unsigned char)*s))
				return 0;
		if (g < 4 && *s++ != '-')
			return 0;
	}
	return *s == '\0';
}

int sbom__utf8_ok(const char *str, size_t len)
{
	return sbom__utf8_prefix(str, len) == len;
}

size_t sbom__utf8_prefix(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str, *end = s + len;

	while (s < end) {
		unsigned c = *s;
		size_t n, i;
		unsigned cp;

		if (c < 0x80) {
			s++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return (size_t)(s - (const unsigned char *)str);
		}
		if ((size_t)(end - s) <= n)
			return (size_t)(s - (const unsigned char *)str);
		for (i = 1; i <= n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return (size_t)(s - (const unsigned char *)str);
			cp = (cp << 6) | (s[i] & 0x3f);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10ffff)))
			return (size_t)(s - (const unsigned char *)str);
		s += n + 1;
	}
	return len;
}

struct psirt_str sbom__spdx_agent_name(const char *s)
{
	static const char *const prefixes[] = {"Organization:", "Person:", "Tool:"};
	struct psirt_str v = psirt_str_c(s);
	size_t i;

	while (v.len && psirt_isspace((unsigned char)*v.p)) {
		v.p++;
		v.len--;
	}
	if (psirt_str_eq(v, "NOASSERTION") || psirt_str_eq(v, "NONE"))
		return PSIRT_STR_NULL;
	for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		if (psirt_str_startswith(v, prefixes[i])) {
			v.p += strlen(prefixes[i]);
			v.len -= strlen(prefixes[i]);
			break;
		}
	}
	while (v.len && psirt_isspace((unsigned char)*v.p)) {
		v.p++;
		v.len--;
	}
	while (v.len && psirt_isspace((unsigned char)v.p[v.len - 1]))
		v.len--;
	/* SPDX 2.3 §7.5: "Organization: ExampleCodeInspect (contact@example.com)" */
	if (v.len && v.p[v.len - 1] == ')') {
		const char *open = NULL;
		for (i = v.len; i-- > 0;) {
			if (v.p[i] == '(') {
				open = v.p + i;
				break;
			}
		}
		if (open && open > v.p) {
			v.len = (size_t)(open - v.p);
			while (v.len && psirt_isspace((unsigned char)v.p[v.len - 1]))
				v.len--;
		}
	}
	return v.len ? v : PSIRT_STR_NULL;
}

enum sbom__rel sbom__spdx_rel_find(const char *type, int *reverse)
{
	/* SPDX 2.3 §11.1 relationship types and SPDX 3.0 RelationshipType. The
	 * link types mean "from links to (needs) to", a dependency. Build,
	 * dev and test dependencies are not part of the shipped product. */
	static const struct {
		const char *name;
		enum sbom__rel rel;
		int reverse;
	} map[] = {
	    {"DESCRIBES", SBOM__REL_DESCRIBES, 0},
	    {"DESCRIBED_BY", SBOM__REL_DESCRIBES, 1},
	    {"CONTAINS", SBOM__REL_CONTAINS, 0},
	    {"CONTAINED_BY", SBOM__REL_CONTAINS, 1},
	    {"DEPENDS_ON", SBOM__REL_DEPENDS_ON, 0},
	    {"DEPENDENCY_OF", SBOM__REL_DEPENDS_ON, 1},
	    {"RUNTIME_DEPENDENCY_OF", SBOM__REL_DEPENDS_ON, 1},
	    {"STATIC_LINK", SBOM__REL_DEPENDS_ON, 0},
	    {"DYNAMIC_LINK", SBOM__REL_DEPENDS_ON, 0},
	    {"describes", SBOM__REL_DESCRIBES, 0},
	    {"contains", SBOM__REL_CONTAINS, 0},
	    {"dependsOn", SBOM__REL_DEPENDS_ON, 0},
	    {"hasStaticLink", SBOM__REL_DEPENDS_ON, 0},
	    {"hasDynamicLink", SBOM__REL_DEPENDS_ON, 0},
	};
	size_t i;

	*reverse = 0;
	for (i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (!strcmp(type, map[i].name)) {
			*reverse = map[i].reverse;
			return map[i].rel;
		}
	}
	return SBOM__REL_OTHER;
}
