/* The portfolio's vocabularies and the checks on what people type. */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "portfolio/internal.h"
#include "psirt/cpe.h"
#include "psirt/str.h"

static const char *const weight_names[PSIRT_WEIGHT__MAX] = {
	[PSIRT_WEIGHT_FLAGSHIP] = "flagship",
	[PSIRT_WEIGHT_STANDARD] = "standard",
	[PSIRT_WEIGHT_LEGACY] = "legacy",
};
static const char *const update_names[PSIRT_UPDATE__MAX] = {
	[PSIRT_UPDATE_OTA] = "ota",
	[PSIRT_UPDATE_USER] = "user",
	[PSIRT_UPDATE_DEALER] = "dealer",
	[PSIRT_UPDATE_NONE] = "none",
};

struct attr_table {
	const char *name;          /* "safety" */
	const char *label;         /* in messages: "safety class" */
	const char *const *values; /* index = enum value */
	int n;                     /* number of values (unset, -1, not counted) */
	const char *list;          /* the allowed values, for messages and --help */
};

/* The safety class and exposure names are psirt/product_attr.h's; list
 * keeps the order people read in messages (exposure most exposed first, as
 * `psirt product --help` shows it). */
static const struct attr_table attrs[PSIRT_ATTR__MAX] = {
	/* SSVC Safety Impact v2.0.1, after IEC 61508 (PSIRT-PROCESS.md §5.1) */
	[PSIRT_ATTR_SAFETY] = { "safety", "safety class", psirt_safety_class_names,
	                        PSIRT_SAFETY__MAX, "negligible, marginal, critical, catastrophic" },
	[PSIRT_ATTR_WEIGHT] = { "weight", "business weight", weight_names, PSIRT_WEIGHT__MAX,
	                        "flagship, standard, legacy" },
	[PSIRT_ATTR_EXPOSURE] = { "exposure", "exposure", psirt_exposure_names, PSIRT_EXPOSURE__MAX,
	                          "internet, local-network, adjacent, physical" },
	[PSIRT_ATTR_UPDATE] = { "update", "update mechanism", update_names, PSIRT_UPDATE__MAX,
	                        "ota, user, dealer, none" },
};
_Static_assert(PSIRT_SAFETY__MAX == 4 && PSIRT_WEIGHT__MAX == 3 && PSIRT_EXPOSURE__MAX == 4 &&
                   PSIRT_UPDATE__MAX == 4 && PSIRT_SAFETY_UNSET == -1 &&
                   PSIRT_WEIGHT_UNSET == -1 && PSIRT_EXPOSURE_UNSET == -1 &&
                   PSIRT_UPDATE_UNSET == -1,
               "the vocabularies above and the CHECKs of the portfolio migration");

const char *psirt_product_attr_name(enum psirt_product_attr a)
{
	return (unsigned)a < PSIRT_ATTR__MAX ? attrs[a].name : NULL;
}

const char *psirt_product_attr_value(enum psirt_product_attr a, int value)
{
	if ((unsigned)a >= PSIRT_ATTR__MAX || value < 0 || value >= attrs[a].n)
		return NULL;
	return attrs[a].values[value];
}

const char *psirt_product_attr_values(enum psirt_product_attr a)
{
	return (unsigned)a < PSIRT_ATTR__MAX ? attrs[a].list : "";
}

enum psirt_err psirt_product_attr_parse(enum psirt_product_attr a, const char *text, int *value,
                                        struct psirt_diag *diag)
{
	int i;

	if ((unsigned)a >= PSIRT_ATTR__MAX)
		return psirt_diag_set(diag, PSIRT_EINTERNAL, "no such product attribute");
	for (i = 0; text && i < attrs[a].n; i++) {
		if (!strcmp(attrs[a].values[i], text)) {
			*value = i;
			return PSIRT_OK;
		}
	}
	return psirt_diag_set(diag, PSIRT_EINVAL, "unknown %s '%s' (%s)", attrs[a].label,
	                      text ? text : "", attrs[a].list);
}

/* Length of the UTF-8 sequence at p (RFC 3629 §4: no overlong forms, no
 * surrogates, at most U+10FFFF), 0 when invalid. */
static size_t utf8_len(const unsigned char *p)
{
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		return (p[1] & 0xc0) == 0x80 ? 2 : 0;
	if (p[0] >= 0xe0 && p[0] <= 0xef) {
		if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
			return 0;
		if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] > 0x9f))
			return 0;
		return 3;
	}
	if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80)
			return 0;
		if ((p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] > 0x8f))
			return 0;
		return 4;
	}
	return 0;
}

enum psirt_err portfolio__check_text(const char *what, const char *s, int lead_dash,
                                     struct psirt_diag *diag)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i, k;

	if (!len)
		return psirt_diag_set(diag, PSIRT_EINVAL, "%s is empty", what);
	if (len > PSIRT_PORTFOLIO_MAX_NAME)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "%s is longer than %d bytes", what,
		                      PSIRT_PORTFOLIO_MAX_NAME);
	if (psirt_isspace(p[0]) || psirt_isspace(p[len - 1])) {
		psirt_diag_set(diag, PSIRT_EINVAL, "%s '%s' begins or ends with white space", what, s);
		psirt_diag_set_column(diag, psirt_isspace(p[0]) ? 1 : (long)len);
		return PSIRT_EINVAL;
	}
	if (!lead_dash && p[0] == '-') {
		psirt_diag_set(diag, PSIRT_EINVAL, "%s '%s' begins with '-'", what, s);
		psirt_diag_set_column(diag, 1);
		return PSIRT_EINVAL;
	}
	for (i = 0; i < len; i += k) {
		k = utf8_len(p + i);
		if (!k || p[i] < 0x20 || p[i] == 0x7f) {
			psirt_diag_set(diag, PSIRT_EINVAL, "%s has %s", what,
			               k ? "a control character" : "bytes that are not UTF-8");
			psirt_diag_set_column(diag, (long)i + 1);
			return PSIRT_EINVAL;
		}
	}
	return PSIRT_OK;
}

int portfolio__cpe_value(struct psirt_buf *b, const char *s, int lower)
{
	const unsigned char *p = (const unsigned char *)s;
	int space = 0;

	for (; *p; p++) {
		if (*p >= 0x7f || *p < 0x20)
			return -1;
		if (psirt_isspace(*p)) {
			space = 1;
			continue;
		}
		if (space)
			psirt_buf_addch(b, '_');
		space = 0;
		if (psirt_isalnum(*p) || *p == '_' || *p == '-' || *p == '.') {
			psirt_buf_addch(b, (char)(lower ? psirt_tolower(*p) : *p));
		} else {
			/* NISTIR 7695 §5.3.2: other printable characters are quoted */
			psirt_buf_addch(b, '\\');
			psirt_buf_addch(b, (char)*p);
		}
	}
	return 0;
}

const char *portfolio__hw_cpe(struct psirt_arena *arena, const char *vendor, const char *model)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_cpe *cpe = NULL;
	const char *out = NULL;

	if (!vendor)
		return NULL;
	psirt_buf_adds(&b, "cpe:2.3:h:");
	if (portfolio__cpe_value(&b, vendor, 1))
		goto out_release;
	psirt_buf_addch(&b, ':');
	if (portfolio__cpe_value(&b, model, 1))
		goto out_release;
	/* version NA: a model number names the device, not a revision of it */
	psirt_buf_adds(&b, ":-:*:*:*:*:*:*:*");
	if (psirt_buf_error(&b) || psirt_cpe_parse(psirt_str_make(b.p, b.len), &cpe, NULL))
		goto out_release;
	/* a value the quoting leaves odd ("-" alone is NA, "." alone …) is no
	 * model number a matcher could use */
	if (psirt_cpe_get(cpe, PSIRT_CPE_VENDOR)->kind != PSIRT_CPE_STRING ||
	    psirt_cpe_get(cpe, PSIRT_CPE_PRODUCT)->kind != PSIRT_CPE_STRING ||
	    psirt_cpe_has_wildcards(cpe))
		goto out_release;
	out = psirt_arena_strndup(arena, b.p, b.len);
out_release:
	psirt_cpe_free(cpe);
	psirt_buf_release(&b);
	return out;
}

const char *psirt_portfolio_firmware_cpe(struct psirt_arena *arena, const char *product_cpe,
                                         const char *version)
{
	struct psirt_buf v = PSIRT_BUF_INIT, out = PSIRT_BUF_INIT;
	struct psirt_cpe *cpe = NULL, *set = NULL;
	const unsigned char *p;
	const char *res = product_cpe;
	enum psirt_err err;
	int space = 0;

	if (!product_cpe)
		return NULL;
	if (!version || psirt_cpe_parse_arena(arena, psirt_str_c(product_cpe), &cpe, NULL) ||
	    psirt_cpe_get(cpe, PSIRT_CPE_VERSION)->kind != PSIRT_CPE_ANY)
		return product_cpe;
	/* white space runs as '_'; every other byte as it is: the binding
	 * quotes, or refuses what a CPE value cannot hold */
	for (p = (const unsigned char *)version; *p; p++) {
		if (psirt_isspace(*p)) {
			space = 1;
			continue;
		}
		if (space && v.len)
			psirt_buf_addch(&v, '_');
		space = 0;
		psirt_buf_addch(&v, (char)*p);
	}
	if (psirt_buf_error(&v)) {
		res = NULL;
		goto out_release;
	}
	err = psirt_cpe_set_string(arena, cpe, PSIRT_CPE_VERSION, psirt_str_make(v.p, v.len), &set,
	                           NULL);
	if (err) {
		if (err == PSIRT_ENOMEM)
			res = NULL;
		goto out_release; /* else the stored CPE, as before */
	}
	if (psirt_cpe_format_fs(set, &out))
		res = NULL;
	else
		res = psirt_arena_strndup(arena, out.p, out.len);
out_release:
	psirt_buf_release(&v);
	psirt_buf_release(&out);
	return res;
}

char *psirt_portfolio_actor(void)
{
	const char *env = getenv("PSIRT_USER");
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct passwd pw, *res = NULL;
	char *buf;
	long size = sysconf(_SC_GETPW_R_SIZE_MAX);

	if (env && *env)
		return strdup(env);
	if (size <= 0)
		size = 16384;
	buf = malloc((size_t)size);
	/* the login name names the person even under sudo; without a terminal
	 * (CI, cron) there is none, and the effective user's account stands */
	if (buf && !getlogin_r(buf, (size_t)size) && *buf)
		psirt_buf_adds(&b, buf);
	else if (buf && !getpwuid_r(geteuid(), &pw, buf, (size_t)size, &res) && res && res->pw_name &&
	    *res->pw_name)
		psirt_buf_adds(&b, res->pw_name);
	else
		psirt_buf_addf(&b, "uid %ld", (long)geteuid());
	free(buf);
	return psirt_buf_detach(&b, NULL);
}

enum psirt_err portfolio__finish(struct psirt_store *store, enum psirt_err err,
                                 struct psirt_diag *diag)
{
	if (err) {
		psirt_store_rollback(store);
		return err;
	}
	return psirt_store_commit(store, diag);
}
