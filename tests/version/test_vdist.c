/* Tests of the Linux-distribution version schemes: deb, rpm, apk, opkg.
 *
 * Public suites (tests/data/versions/, see PROVENANCE.md there): dpkg's own
 * compare and parse tests, rpm's rpmvercmp.at (with the cases it keeps
 * commented out as oddities), apk-tools' version.data, OSV-Scalibr's
 * ordered pairs for Debian, Alpine and Red Hat (and the large generated
 * sets, whose orders are also checked for transitivity on a sample), and
 * the vers-spec apk comparison tests. opkg has no public suite: its table
 * below follows opkg's definition (see src/version/scheme_opkg.c).
 *
 * Where a public line holds a version the real tool refuses, the case
 * checks that we refuse it too, against a regular expression written from
 * the tool's grammar (an independent statement of the same rules), so such
 * a case can still fail. They are counted and printed, never skipped.
 */
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/support.h"
#include "psirt/version.h"
#include "version/internal.h"

/* ------------------------------------------------------------------ */
/* Helpers */

static const struct psirt_version_scheme *scheme(const char *name)
{
	const struct psirt_version_scheme *s = psirt_version_scheme_find(psirt_str_c(name));

	if (!s)
		fail_msg("scheme %s not registered", name);
	return s;
}

/* Compares a and b; returns the error, *r the result (or 99 on error). */
static enum psirt_err cmp(const struct psirt_version_scheme *s, const char *a, const char *b,
                          int *r)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	enum psirt_err err;

	*r = 99;
	err = s->compare(psirt_str_c(a), psirt_str_c(b), r, &d);
	psirt_diag_release(&d);
	return err;
}

static int valid(const struct psirt_version_scheme *s, const char *v)
{
	return s->check(psirt_str_c(v), NULL) == PSIRT_OK;
}

/* Compares both ways: returns 1 when a ? b is want and b ? a is -want. */
static int cmp_both(const struct psirt_version_scheme *s, const char *a, const char *b,
                    int want, int *got)
{
	int r1, r2;

	if (cmp(s, a, b, &r1) || cmp(s, b, a, &r2)) {
		*got = 99;
		return 0;
	}
	*got = r1;
	return r1 == want && r2 == -want;
}

static int op_value(const char *op, int *want)
{
	if (!strcmp(op, "<"))
		*want = -1;
	else if (!strcmp(op, "="))
		*want = 0;
	else if (!strcmp(op, ">"))
		*want = 1;
	else
		return -1;
	return 0;
}

/* "-1", "0" or "1" as a number; 99 for anything else. */
static int int_value(const char *v)
{
	if (!strcmp(v, "-1"))
		return -1;
	if (!strcmp(v, "0"))
		return 0;
	if (!strcmp(v, "1"))
		return 1;
	return 99;
}

/* Splits a line in place into at most max whitespace-separated fields,
 * stopping at a field that starts with '#'. Returns the count. */
static int split_ws(char *line, char **f, int max)
{
	int n = 0;

	while (*line) {
		while (*line == ' ' || *line == '\t')
			*line++ = '\0';
		if (!*line || *line == '#')
			break;
		if (n == max)
			return max + 1;
		f[n++] = line;
		while (*line && *line != ' ' && *line != '\t')
			line++;
	}
	return n;
}

/* Splits a CSV line in place (double quotes, "" inside quotes). */
static int split_csv(char *line, char **f, int max)
{
	int n = 0;
	char *w = line;

	for (;;) {
		char *start = w;

		if (n == max)
			return max + 1;
		if (*line == '"') {
			line++;
			for (;;) {
				if (!*line)
					break;
				if (*line == '"' && line[1] == '"') {
					*w++ = '"';
					line += 2;
				} else if (*line == '"') {
					line++;
					break;
				} else {
					*w++ = *line++;
				}
			}
		} else {
			while (*line && *line != ',')
				*w++ = *line++;
		}
		f[n++] = start;
		if (*line == ',') {
			line++;
			*w++ = '\0';
			continue;
		}
		*w = '\0';
		return n;
	}
}

/* A regular expression that matches exactly the versions a tool accepts. */
struct oracle {
	regex_t re;
	int no_dotdot; /* rpm: also no ".." */
};

static void oracle_init(struct oracle *o, const char *pattern, int no_dotdot)
{
	if (regcomp(&o->re, pattern, REG_EXTENDED | REG_NOSUB))
		fail_msg("bad oracle pattern %s", pattern);
	o->no_dotdot = no_dotdot;
}

static int oracle_ok(const struct oracle *o, const char *v)
{
	if (o->no_dotdot && strstr(v, ".."))
		return 0;
	return regexec(&o->re, v, 0, NULL, 0) == 0;
}

/* dpkg (Policy §5.6.12, parseversion): the epoch is what precedes the first
 * ':', the revision what follows the last '-'; without an epoch there is no
 * ':' at all; without a revision no '-'. */
#define DEB_RE                                                                     \
	"^[ \t]*("                                                                     \
	"[0-9]+:[0-9]([A-Za-z0-9.+~:-]*-[A-Za-z0-9.+~]*|[A-Za-z0-9.+~:]*)"             \
	"|[0-9]([A-Za-z0-9.+~-]*-[A-Za-z0-9.+~]*|[A-Za-z0-9.+~]*)"                     \
	")[ \t]*$"
/* apk-tools 3 (src/version.c, the comment at its top), plus apk 2's digits
 * after a letter (scheme_apk.c says why). */
#define APK_RE                                                                     \
	"^[0-9]+(\\.[0-9]+|[a-z][0-9]+)*[a-z]?(_(alpha|beta|pre|rc|cvs|svn|git|hg|p)[0-9]*)*"      \
	"(~[0-9a-f]+)?(-r[0-9]+)?$"
/* rpm (parseEVR + rpmbuild's ALLOWED_CHARS_VERREL without the macro
 * characters %{}); ".." is checked apart. */
#define RPM_RE "^([0-9]+:)?[A-Za-z0-9._+~^]+(-[A-Za-z0-9._+~^]+)?$"

/* ------------------------------------------------------------------ */
/* The byte-class table against the definitions in internal.h */

static void test_ctype(void **state)
{
	struct ts_suite s = { "vdist ctype", 0, 0 };
	int c;

	for (c = 0; c < 256; c++) {
		int digit = c >= '0' && c <= '9', lower = c >= 'a' && c <= 'z';
		int alpha = lower || (c >= 'A' && c <= 'Z'), alnum = digit || alpha;
		int want = (digit ? VERSION__C_DIGIT : 0) | (alpha ? VERSION__C_ALPHA : 0) |
		           (lower ? VERSION__C_LOWER : 0) |
		           (alnum || (c && strchr(".+-~:", c)) ? VERSION__C_DEB_UP : 0) |
		           (alnum || (c && strchr(".+~", c)) ? VERSION__C_DEB_REV : 0) |
		           (alnum || (c && strchr("._+~^", c)) ? VERSION__C_RPM : 0) |
		           (c > 0x20 && c < 0x7f ? VERSION__C_PRINT : 0) |
		           (digit || (c >= 'a' && c <= 'f') ? VERSION__C_HEX : 0);

		ts_case(&s, version__ctype[c] == want, "byte 0x%02x: 0x%02x, want 0x%02x", c,
		        version__ctype[c], want);
	}
	ts_suite_end(&s);
}

/* ------------------------------------------------------------------ */
/* Registry and aliases */

static void test_registry(void **state)
{
	static const struct {
		const char *name, *scheme;
	} rows[] = {
		{ "deb", "deb" },
		{ "Debian", "deb" },
		{ "Debian:12", "deb" },
		{ "debian", "deb" },
		{ "Ubuntu", "deb" },
		{ "Ubuntu:Pro:18.04:LTS", "deb" },
		{ "ubuntu:22.04:LTS", "deb" },
		{ "Echo", "deb" },
		{ "dpkg", "deb" },
		{ "rpm", "rpm" },
		{ "Red Hat", "rpm" },
		{ "Red Hat:rhel_aus:8.4::appstream", "rpm" },
		{ "redhat", "rpm" },
		{ "AlmaLinux:8", "rpm" },
		{ "Rocky Linux:9", "rpm" },
		{ "openSUSE:Tumbleweed", "rpm" },
		{ "SUSE:SLES 15 SP5", "rpm" },
		{ "Mageia:9", "rpm" },
		{ "openEuler:22.03-LTS", "rpm" },
		{ "Photon OS:5.0", "rpm" },
		{ "Azure Linux:3", "rpm" },
		{ "apk", "apk" },
		{ "Alpine", "apk" },
		{ "Alpine:v3.18", "apk" },
		{ "alpine", "apk" },
		{ "Wolfi", "apk" },
		{ "Chainguard", "apk" },
		{ "MinimOS", "apk" },
		{ "Alpaquita:stream", "apk" },
		{ "BellSoft Hardened Containers:stream", "apk" },
		{ "opkg", "opkg" },
		{ "OpenWrt", "opkg" },
		{ "openwrt", "opkg" },
	};
	struct ts_suite s = { "vdist registry", 0, 0 };
	const struct psirt_version_scheme *v;
	size_t i, n;
	int seen;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		v = psirt_version_scheme_find(psirt_str_c(rows[i].name));
		ts_case(&s, v && !strcmp(v->name, rows[i].scheme), "%s -> %s, got %s", rows[i].name,
		        rows[i].scheme, v ? v->name : "(none)");
	}
	/* each of the four is listed, with a summary and both functions */
	seen = 0;
	for (n = 0; (v = psirt_version_scheme_at(n)); n++) {
		if (!strcmp(v->name, "deb") || !strcmp(v->name, "rpm") || !strcmp(v->name, "apk") ||
		    !strcmp(v->name, "opkg")) {
			seen++;
			ts_case(&s, v->summary && v->check && v->compare, "%s entry complete", v->name);
		}
	}
	ts_case(&s, seen == 4, "four distribution schemes listed, saw %d", seen);
	ts_case(&s, !psirt_version_scheme_find(psirt_str_c("Debianx")), "unknown name");
	ts_suite_end(&s);
}

/* ------------------------------------------------------------------ */
/* dpkg's own tests (lib/dpkg/t/t-version.c) */

static void test_dpkg_compare(void **state)
{
	const struct psirt_version_scheme *deb = scheme("deb");
	struct ts_suite s = { "dpkg compare", 0, 0 };
	char *buf = ts_read_file("versions/dpkg/dpkg-version-compare.csv", NULL), *cur = buf;
	char *line, *f[4];
	int want, got, ok, unused;
	unsigned long structs = 0;

	ts_next_line(&cur); /* header */
	while ((line = ts_next_line(&cur))) {
		if (!*line)
			continue;
		if (split_csv(line, f, 4) != 3 || op_value(f[2], &want)) {
			ts_case(&s, 0, "malformed line");
			continue;
		}
		if (valid(deb, f[0]) && valid(deb, f[1])) {
			ok = cmp_both(deb, f[0], f[1], want, &got);
		} else {
			/* dpkg builds these as structs (DPKG_VERSION_OBJECT(0, "a",
			 * "0")), never parsing them; as strings ("0:a-0") dpkg's
			 * parser warns that the upstream version does not start with
			 * a digit, and we refuse them. The order itself is checked on
			 * the internal comparison, which the public one calls. */
			got = version__dpkg_cmp(psirt_str_c(f[0]), psirt_str_c(f[1]));
			got = (got > 0) - (got < 0);
			ok = got == want && cmp(deb, f[0], f[1], &unused) == PSIRT_EINVAL;
			structs++;
		}
		ts_case(&s, ok, "%s %s %s: got %d", f[0], f[2], f[1], got);
	}
	free(buf);
	printf("dpkg compare: %lu cases on unparsable struct values\n", structs);
	ts_suite_end(&s);
}

static void test_dpkg_parse(void **state)
{
	const struct psirt_version_scheme *deb = scheme("deb");
	struct ts_suite s = { "dpkg parse", 0, 0 };
	char *buf = ts_read_file("versions/dpkg/dpkg-version-parse.csv", NULL), *cur = buf;
	char *line, *f[7];
	unsigned long warnings = 0;

	ts_next_line(&cur);
	while ((line = ts_next_line(&cur))) {
		struct psirt_diag d = PSIRT_DIAG_INIT;
		enum psirt_err err;

		if (!*line)
			continue;
		if (split_csv(line, f, 7) != 6) {
			ts_case(&s, 0, "malformed line");
			continue;
		}
		err = deb->check(psirt_str_c(f[0]), &d);
		if (!strcmp(f[1], "ok")) {
			struct version__dpkg p;
			size_t off;

			version__dpkg_split(version__dpkg_trim(psirt_str_c(f[0]), &off), &p);
			ts_case(&s,
			        !err && !version__digits_cmp(p.epoch, psirt_str_c(f[2])) &&
			                psirt_str_eq(p.upstream, f[3]) && psirt_str_eq(p.revision, f[4]),
			        "'%s' parses as %s / %s / %s (%s)", f[0], f[2], f[3], f[4],
			        d.message ? d.message : "ok");
		} else if (!strcmp(f[1], "error")) {
			ts_case(&s, err == PSIRT_EINVAL, "'%s' refused (%s)", f[0], f[5]);
		} else {
			/* dpkg only warns here ("version number does not start with
			 * digit", "invalid character in ..."); we refuse (see
			 * scheme_deb.c), with the column of the culprit. */
			warnings++;
			ts_case(&s, err == PSIRT_EINVAL && d.column > 0, "'%s' refused (%s)", f[0], f[5]);
		}
		psirt_diag_release(&d);
	}
	free(buf);
	printf("dpkg parse: %lu dpkg warnings treated as errors\n", warnings);
	ts_suite_end(&s);
}

/* ------------------------------------------------------------------ */
/* rpm's rpmvercmp.at */

static void run_rpm_csv(const char *file, const char *name, int oddities)
{
	const struct psirt_version_scheme *rpm = scheme("rpm");
	struct ts_suite s = { name, 0, 0 };
	char *buf = ts_read_file(file, NULL), *cur = buf;
	char *line, *f[5];
	int got, ok;

	ts_next_line(&cur);
	while ((line = ts_next_line(&cur))) {
		int n;

		if (!*line)
			continue;
		n = split_csv(line, f, 5);
		if (n != 3 + oddities) {
			ts_case(&s, 0, "malformed line");
			continue;
		}
		if (oddities && strstr(f[3], "non-ASCII")) {
			/* rpmvercmp() skips bytes above 0x7f as separators, so
			 * "1.1.α" = "1.1.β"; but rpmbuild refuses them in a
			 * Version ("Illegal char", rpmCharCheck), so no package
			 * carries one and we refuse them too. */
			ts_case(&s, !valid(rpm, f[0]) || !valid(rpm, f[1]), "%s / %s refused", f[0],
			        f[1]);
			continue;
		}
		/* The RhBug:811992 oddities are what rpm really does (upstream
		 * keeps them commented out as "arguably buggy"): 1b.fc17 <
		 * 1.fc17 because "b" and "fc" compare as letter runs. */
		ok = cmp_both(rpm, f[0], f[1], int_value(f[2]), &got);
		ts_case(&s, ok, "%s vs %s: want %s, got %d",
		        f[0], f[1], f[2], got);
	}
	free(buf);
	ts_suite_end(&s);
}

static void test_rpmvercmp(void **state)
{
	run_rpm_csv("versions/rpm/rpmvercmp.csv", "rpmvercmp", 0);
}

static void test_rpmvercmp_oddities(void **state)
{
	run_rpm_csv("versions/rpm/rpmvercmp-oddities.csv", "rpmvercmp oddities", 1);
}

static int has_high_byte(const char *v)
{
	for (; *v; v++) {
		if ((unsigned char)*v >= 0x80)
			return 1;
	}
	return 0;
}

/* The m4 test file itself (univers' copy, newer than the CSV: it has the
 * caret cases). "RPMVERCMP(a, b, r)" lines are the tests; "dnl RPMVERCMP"
 * lines are the commented-out oddities, handled as in run_rpm_csv. */
static void test_rpmvercmp_at(void **state)
{
	const struct psirt_version_scheme *rpm = scheme("rpm");
	struct ts_suite s = { "rpmvercmp.at", 0, 0 };
	char *buf = ts_read_file("versions/univers/rpmvercmp.at", NULL), *cur = buf, *line;
	unsigned long odd = 0;

	while ((line = ts_next_line(&cur))) {
		char *a, *b, *r, *end;
		int oddity = 0, got, ok;

		if (!strncmp(line, "dnl ", 4)) {
			oddity = 1;
			line += 4;
		}
		if (strncmp(line, "RPMVERCMP(", 10) || strstr(line, "$1"))
			continue;
		a = line + 10;
		b = strstr(a, ", ");
		r = b ? strstr(b + 2, ", ") : NULL;
		end = r ? strchr(r + 2, ')') : NULL;
		if (!end) {
			ts_case(&s, 0, "malformed line %s", line);
			continue;
		}
		*b = *r = *end = '\0';
		b += 2;
		r += 2;
		odd += oddity;
		if (oddity && (has_high_byte(a) || has_high_byte(b))) {
			/* as in run_rpm_csv: rpmbuild refuses non-ASCII */
			ts_case(&s, !valid(rpm, a) || !valid(rpm, b), "%s / %s refused", a, b);
			continue;
		}
		ok = cmp_both(rpm, a, b, int_value(r), &got);
		ts_case(&s, ok, "%s vs %s: want %s, got %d", a, b,
		        r, got);
	}
	free(buf);
	printf("rpmvercmp.at: %lu commented-out oddities among them\n", odd);
	ts_suite_end(&s);
}

/* ------------------------------------------------------------------ */
/* Files of lines "a < b", "a = b", "a > b" */

struct ops_run {
	const char *name, *file;
	const char *scheme;
	const char *pattern;
	int no_dotdot;
	size_t sample; /* > 0: check transitivity on that many versions */
};

static const struct psirt_version_scheme *sort_scheme;

static int order_of(const char *a, const char *b)
{
	int r;

	if (cmp(sort_scheme, a, b, &r))
		fail_msg("%s / %s no longer valid", a, b);
	return r;
}

static int strcmp_ptr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorts a sample of the distinct versions with the scheme (insertion sort:
 * safe with any comparator) and checks that every pair agrees with the
 * sorted order, which a non-transitive order cannot do. */
static void check_transitivity(const char *name, const struct psirt_version_scheme *sch,
                               const char **v, size_t n, size_t max)
{
	struct ts_suite s = { name, 0, 0 };
	size_t i, j, u = 0, step, m = 0;
	unsigned long pairs = 0;
	const char **pick;

	qsort(v, n, sizeof(*v), strcmp_ptr);
	for (i = 0; i < n; i++) {
		if (!u || strcmp(v[u - 1], v[i]))
			v[u++] = v[i];
	}
	step = u / max + 1;
	pick = malloc((u / step + 1) * sizeof(*pick));
	assert_non_null(pick);
	for (i = 0; i < u; i += step)
		pick[m++] = v[i];
	sort_scheme = sch;
	for (i = 1; i < m; i++) {
		const char *x = pick[i];

		for (j = i; j > 0 && order_of(pick[j - 1], x) > 0; j--)
			pick[j] = pick[j - 1];
		pick[j] = x;
	}
	for (i = 0; i < m; i++) {
		int ok = 1;

		for (j = i + 1; j < m && ok; j++, pairs++)
			ok = order_of(pick[i], pick[j]) <= 0;
		ts_case(&s, ok, "%s sorts before %s but compares after it", pick[i], pick[j - 1]);
	}
	printf("%s: %zu of %zu distinct versions sorted, %lu pairs checked\n", name, m, u, pairs);
	free(pick);
	ts_suite_end(&s);
}

static void run_ops(const struct ops_run *r)
{
	const struct psirt_version_scheme *sch = scheme(r->scheme);
	struct ts_suite s = { r->name, 0, 0 };
	char *buf = ts_read_file(r->file, NULL), *cur = buf, *line, *f[4];
	unsigned long refused = 0;
	const char **vers = NULL;
	size_t nv = 0, cap = 0;
	struct oracle o;
	char tname[128];

	oracle_init(&o, r->pattern, r->no_dotdot);
	while ((line = ts_next_line(&cur))) {
		int n = split_ws(line, f, 3), want, got, ok, va, vb;

		if (!n)
			continue;
		if (n != 3 || op_value(f[1], &want)) {
			ts_case(&s, 0, "malformed line starting '%s'", f[0]);
			continue;
		}
		va = valid(sch, f[0]);
		vb = valid(sch, f[2]);
		if (va != oracle_ok(&o, f[0]) || vb != oracle_ok(&o, f[2])) {
			ts_case(&s, 0, "%s / %s: accepted %d/%d, the grammar says %d/%d", f[0], f[2], va,
			        vb, oracle_ok(&o, f[0]), oracle_ok(&o, f[2]));
			continue;
		}
		if (!va || !vb) {
			refused++;
			ok = cmp(sch, f[0], f[2], &got) == PSIRT_EINVAL;
			ts_case(&s, ok, "%s %s %s refused", f[0],
			        f[1], f[2]);
			continue;
		}
		ok = cmp_both(sch, f[0], f[2], want, &got);
		ts_case(&s, ok, "%s %s %s: got %d", f[0], f[1],
		        f[2], got);
		if (r->sample) {
			if (nv + 2 > cap) {
				cap = cap ? 2 * cap : 1024;
				vers = realloc(vers, cap * sizeof(*vers));
				assert_non_null(vers);
			}
			vers[nv++] = f[0];
			vers[nv++] = f[2];
		}
	}
	printf("%s: %lu lines with a version %s refuses (checked refused)\n", r->name, refused,
	       r->scheme);
	ts_suite_end(&s);
	if (r->sample) {
		snprintf(tname, sizeof(tname), "%s transitivity", r->name);
		check_transitivity(tname, sch, vers, nv, r->sample);
	}
	regfree(&o.re);
	free(vers);
	free(buf);
}

static void test_apk_version_data(void **state)
{
	/* "1.0 < 1.0bc # invalid. do string sort" and "23_foo > 4_beta": apk
	 * compares an invalid version up to its first bad token; we refuse
	 * it (the grammar check of the case makes sure apk refuses it too). */
	static const struct ops_run r = { "apk version.data", "versions/apk/version.data", "apk",
		                          APK_RE, 0, 0 };

	run_ops(&r);
}

static void test_osv_debian(void **state)
{
	static const struct ops_run r1 = { "osv debian-versions",
		                           "versions/osv-scalibr-semantic/debian-versions.txt", "deb",
		                           DEB_RE, 0, 0 };
	static const struct ops_run r2 = {
		"osv debian-versions-generated",
		"versions/osv-scalibr-semantic/debian-versions-generated.txt",
		"deb",
		DEB_RE,
		0,
		400
	};

	run_ops(&r1);
	run_ops(&r2);
}

static void test_osv_alpine(void **state)
{
	static const struct ops_run r1 = { "osv alpine-versions",
		                           "versions/osv-scalibr-semantic/alpine-versions.txt", "apk",
		                           APK_RE, 0, 0 };
	static const struct ops_run r2 = {
		"osv alpine-versions-generated",
		"versions/osv-scalibr-semantic/alpine-versions-generated.txt",
		"apk",
		APK_RE,
		0,
		400
	};

	run_ops(&r1);
	run_ops(&r2);
}

static void test_osv_redhat(void **state)
{
	/* Refused here and by rpm: "a:1" (a non-numeric epoch is a ':' in the
	 * version), "1-" (empty release), "1.1.α" (non-ASCII), the
	 * "versions with colons that are not epochs". */
	static const struct ops_run r = { "osv redhat-versions",
		                          "versions/osv-scalibr-semantic/redhat-versions.txt", "rpm",
		                          RPM_RE, 1, 0 };

	run_ops(&r);
}

/* ------------------------------------------------------------------ */
/* vers-spec: tests/alpine_version_cmp_test.json */

static void test_vers_alpine(void **state)
{
	const struct psirt_version_scheme *apk = scheme("apk");
	struct ts_suite s = { "vers alpine_version_cmp", 0, 0 };
	json_t *doc = ts_load_json("versions/vers-spec/tests/alpine_version_cmp_test.json");
	json_t *tests = json_object_get(doc, "tests"), *t;
	size_t i;
	int got, ok;

	json_array_foreach(tests, i, t)
	{
		const char *type = json_string_value(json_object_get(t, "test_type"));
		json_t *in = json_object_get(json_object_get(t, "input"), "versions");
		json_t *out = json_object_get(t, "expected_output");
		const char *a = json_string_value(json_array_get(in, 0));
		const char *b = json_string_value(json_array_get(in, 1));

		if (!type || !a || !b) {
			ts_case(&s, 0, "malformed test %zu", i);
		} else if (!strcmp(type, "comparison")) {
			/* expected_output is the pair sorted */
			const char *lo = json_string_value(json_array_get(out, 0));
			const char *hi = json_string_value(json_array_get(out, 1));

			ok = lo && hi && cmp_both(apk, lo, hi, -1, &got);
			ts_case(&s, ok, "%s < %s: got %d",
			        lo ? lo : "?", hi ? hi : "?", got);
		} else if (!strcmp(type, "equality")) {
			ok = cmp_both(apk, a, b, json_is_true(out) ? 0 : 99, &got) ||
			                    (!json_is_true(out) && got != 0 && got != 99);
			ts_case(&s, ok,
			        "%s == %s is %s: got %d", a, b, json_is_true(out) ? "true" : "false", got);
		} else {
			ts_case(&s, 0, "unknown test_type %s", type);
		}
	}
	json_decref(doc);
	ts_suite_end(&s);
}

/* ------------------------------------------------------------------ */
/* opkg: no public suite; cases from opkg's definition (opkg-lede's
 * parse_version() and pkg_compare_versions(), i.e. dpkg's verrevcmp on
 * epoch / upstream / revision) and from what scheme_opkg.c refuses. BAD
 * means the first version is refused (compare fails). */

#define BAD 9

static const struct {
	const char *a, *b;
	int want;
} opkg_rows[] = {
	/* numbers */
	{ "1.0", "1.0", 0 },
	{ "1.0", "1.1", -1 },
	{ "1.10", "1.9", 1 },       /* digit runs are numbers */
	{ "1.01", "1.1", 0 },       /* leading zeros dropped */
	{ "1.001", "1.1", 0 },
	{ "10", "9", 1 },
	{ "1.0.0", "1.0", 1 },      /* '.' outweighs the end */
	{ "1", "1.0", -1 },
	{ "0", "00", 0 },
	{ "2", "10", -1 },
	{ "1.2.3", "1.2.10", -1 },
	{ "18446744073709551616", "18446744073709551615", 1 }, /* no overflow */
	{ "1.0", "1.0.", -1 },
	{ "1..0", "1.0", 1 },       /* "..": the second '.' beats the digit */
	{ "1.0", "1.0.0~", -1 },
	{ "1.0.0~", "1.0.0", -1 },
	/* epochs: numbers before the first ':' */
	{ "1:1.0", "2.0", 1 },
	{ "0:1.0", "1.0", 0 },
	{ "00:1.0", "1.0", 0 },
	{ "007:1", "7:1", 0 },
	{ "1:0", "0:99", 1 },
	{ "2:1.0", "10:0.1", -1 },  /* numerically, not as strings */
	{ "1:1", "1", 1 },
	{ "0:0", "0", 0 },
	{ "1:1.0-1", "1:1.0-2", -1 },
	{ "2147483647:1", "1", 1 }, /* INT_MAX, opkg's int */
	{ "2147483648:1", "1", BAD },
	{ ":1.0", "1", BAD },       /* empty epoch (opkg: 0) */
	{ "a:1.0", "1", BAD },      /* opkg: strtoul gives 0 */
	{ "1a:2", "1", BAD },       /* opkg: strtoul gives 1 */
	{ "-1:2", "1", BAD },       /* opkg: strtoul gives ULONG_MAX */
	{ "+1:2", "1", BAD },
	{ " 1:2", "1:2", 0 },
	{ "1:", "1", BAD },         /* nothing after the epoch */
	{ "1:-1", "1", BAD },       /* empty upstream */
	/* further colons belong to the upstream version */
	{ "1:2:3", "1:2:4", -1 },
	{ "0:1:2", "1:2", -1 },
	{ "1:2:3", "1:2.3", 1 },    /* ':' (314) after '.' (302) */
	{ "1.0-1:1", "1", BAD },    /* first ':' makes "1.0-1" the epoch */
	{ "1:1.0-1:1", "1:1.0-1", 1 }, /* revision "1:1" */
	/* tilde: before everything, even the end */
	{ "1.0~rc1", "1.0", -1 },
	{ "1.0~rc1", "1.0~rc2", -1 },
	{ "1.0~~", "1.0~", -1 },
	{ "1.0~", "1.0", -1 },
	{ "1.0~rc1~git", "1.0~rc1", -1 },
	{ "~", "0", -1 },
	{ "1.0-1~bpo1", "1.0-1", -1 },
	{ "1.0~rc1-1", "1.0-0", -1 }, /* upstream decides first */
	{ "2024.03.16~ed4d2c2e-r1", "2024.03.16-r1", -1 },
	{ "2024.03.16~ed4d2c2e-r1", "2024.03.15-r9", 1 },
	/* letters: after the end and digits, before other characters */
	{ "1.0a", "1.0", 1 },
	{ "1.0a", "1.0.1", -1 },
	{ "1.0a", "1.0+", -1 },
	{ "1.0z", "1.0A", 1 },
	{ "1.0A", "1.0a", -1 },     /* ASCII: upper case first */
	{ "1a", "1b", -1 },
	{ "1.0a1", "1.0a2", -1 },
	{ "1.0a10", "1.0a9", 1 },
	{ "1.a", "1.1", 1 },        /* a letter outweighs a digit run's start */
	{ "1.a", "1.2", 1 },
	{ "1.0", "1.0a~", -1 },
	{ "1.0a", "1.0-a", 1 },     /* upstream "1.0a" vs "1.0" */
	{ "1.0+really0.9", "1.0", 1 },
	{ "1.0+really0.9", "1.0.1", -1 }, /* '+' (299) before '.' (302) */
	/* versions that do not start with a digit (dpkg would warn) */
	{ "a", "b", -1 },
	{ "beta", "alpha", 1 },
	{ "v1.0", "1.0", 1 },
	{ "v1.0", "v1.1", -1 },
	{ "git-1", "1", 1 },        /* upstream "git", revision "1" */
	{ "git-23.093.57360-e98243e", "git-23.100.1000-abc", -1 },
	/* other printable characters: after letters, in ASCII order */
	{ "1.0+1", "1.0.1", -1 },
	{ "1.0_1", "1.0.1", 1 },
	{ "1.0_1", "1.0+1", 1 },
	{ "1.0%1", "1.0+1", -1 },
	{ "1.0#", "1.0", 1 },
	{ "1.0!", "1.0~", 1 },
	{ "1.0(beta)", "1.0", 1 },
	{ "1.0,1", "1.0.1", -1 },
	{ "1.0=1", "1.0.1", 1 },
	/* revisions: after the last '-' */
	{ "1.0-1", "1.0-2", -1 },
	{ "1.0-10", "1.0-9", 1 },
	{ "1.0", "1.0-0", 0 },      /* no revision is "" = "0" */
	{ "1.0", "1.0-1", -1 },
	{ "1.0-", "1.0", 0 },       /* empty revision */
	{ "1.0-", "1.0-0", 0 },
	{ "1.0-0", "1.0-00", 0 },
	{ "1.0-r1", "1.0-r2", -1 },
	{ "1.0-r10", "1.0-r9", 1 },
	{ "1.0-r1", "1.0-1", 1 },   /* 'r' outweighs the digit */
	{ "1.2.3-r4", "1.2.3-r04", 0 },
	{ "1.0-1.1", "1.0-1", 1 },  /* revision with dots */
	{ "1.0-1.1", "1.0-1.01", 0 },
	{ "1.0-1.a", "1.0-1.1", 1 },
	{ "1.0-0.0", "1.0", 1 },    /* "0.0" vs "": the '.' counts */
	{ "1.0-0~", "1.0", -1 },
	{ "1.0-~", "1.0", -1 },
	{ "1.0-~", "1.0-", -1 },
	{ "1.0-1", "1.0-1a", -1 },
	{ "1.0-a", "1.0-1", 1 },
	{ "1.0-1-1", "1.0-1", 1 },  /* upstream "1.0-1" vs "1.0" */
	{ "1.0-1-2", "1.0-2-1", -1 },
	{ "1-2-3-4", "1-2-3-5", -1 },
	{ "2023-01-28-3fa4c6b4-1", "2023-02-01-1234abcd-1", -1 },
	{ "1:1.0", "1:1.0-0", 0 },
	/* blanks and empty parts */
	{ " 1.0", "1.0", 0 },
	{ "1.0 ", "1.0", 0 },
	{ "\t1.0\t", "1.0", 0 },
	{ "1 .0", "1", BAD },
	{ "1.0\t1", "1", BAD },
	{ "", "1", BAD },
	{ "   ", "1", BAD },
	{ "-1", "1", BAD },
	{ "-", "1", BAD },
	/* bytes that are not printable ASCII */
	{ "1.0\n", "1", BAD },
	{ "1.0\r", "1", BAD },
	{ "1.0\x7f", "1", BAD },
	{ "1.0\xc3\xa9", "1", BAD },
	{ "1.0\x01", "1", BAD },
};

static void test_opkg(void **state)
{
	const struct psirt_version_scheme *opkg = scheme("opkg");
	struct ts_suite s = { "opkg", 0, 0 };
	size_t i;
	int got, ok;

	for (i = 0; i < sizeof(opkg_rows) / sizeof(opkg_rows[0]); i++) {
		const char *a = opkg_rows[i].a, *b = opkg_rows[i].b;

		if (opkg_rows[i].want == BAD) {
			ok = !valid(opkg, a) && valid(opkg, b) && cmp(opkg, a, b, &got) == PSIRT_EINVAL &&
			                    got == 99;
			ts_case(&s, ok,
			        "'%s' refused", a);
			continue;
		}
		ok = valid(opkg, a) && valid(opkg, b) && cmp_both(opkg, a, b, opkg_rows[i].want, &got);
		ts_case(&s, ok,
		        "'%s' vs '%s': want %d, got %d", a, b, opkg_rows[i].want, got);
		/* reflexive */
		ok = cmp_both(opkg, a, a, 0, &got);
		ts_case(&s, ok, "'%s' = itself", a);
	}
	ts_suite_end(&s);
}

/* ------------------------------------------------------------------ */
/* Refusals: error code, column and message */

static void test_invalid(void **state)
{
	static const struct {
		const char *scheme, *v;
		enum psirt_err err;
		long column;
		const char *msg;
	} rows[] = {
		{ "deb", "", PSIRT_EINVAL, 0, "empty deb version" },
		{ "deb", "  ", PSIRT_EINVAL, 1, "only blanks" },
		{ "deb", "1.0 1", PSIRT_EINVAL, 4, "blank inside" },
		{ "deb", ":1.0", PSIRT_EINVAL, 1, "empty epoch" },
		{ "deb", "a:1", PSIRT_EINVAL, 1, "not a number" },
		{ "deb", "1a:2", PSIRT_EINVAL, 2, "not a number" },
		{ "deb", "+1:2", PSIRT_EINVAL, 1, "not a number" },
		{ "deb", "2147483648:1", PSIRT_EINVAL, 1, "above 2147483647" },
		{ "deb", "1:", PSIRT_EINVAL, 3, "nothing after ':'" },
		{ "deb", "-1", PSIRT_EINVAL, 1, "empty upstream" },
		{ "deb", "1:-1", PSIRT_EINVAL, 3, "empty upstream" },
		{ "deb", "abc", PSIRT_EINVAL, 1, "start with a digit" },
		{ "deb", "1.0_1", PSIRT_EINVAL, 4, "invalid character '_' in deb upstream version" },
		{ "deb", "1.0-1_1", PSIRT_EINVAL, 6, "invalid character '_' in deb revision" },
		{ "deb", "1.0-1:1", PSIRT_EINVAL, 2, "not a number" },
		{ "deb", "  1.0!", PSIRT_EINVAL, 6, "'!'" },
		{ "deb", "1.0\xc3\xa9", PSIRT_EINVAL, 4, "invalid byte 0xc3" },
		{ "deb", "1.0\n", PSIRT_EINVAL, 4, "invalid byte 0x0a" },
		{ "rpm", "", PSIRT_EINVAL, 0, "empty rpm version" },
		{ "rpm", ":1.0", PSIRT_EINVAL, 1, "empty epoch" },
		{ "rpm", "4294967296:1", PSIRT_EINVAL, 1, "above 4294967295" },
		{ "rpm", "0:", PSIRT_EINVAL, 3, "empty version" },
		{ "rpm", "1.0-", PSIRT_EINVAL, 5, "empty release" },
		{ "rpm", "-1", PSIRT_EINVAL, 1, "empty version" },
		{ "rpm", "1-2-3", PSIRT_EINVAL, 2, "'-' in rpm version" },
		{ "rpm", "1..0", PSIRT_EINVAL, 2, "\"..\"" },
		{ "rpm", "1.0-1..el8", PSIRT_EINVAL, 6, "\"..\" in rpm release" },
		{ "rpm", "1.0%{dist}", PSIRT_EINVAL, 4, "unexpanded macro" },
		{ "rpm", "a:1", PSIRT_EINVAL, 2, "':' in rpm version" },
		{ "rpm", "1.0-1:2", PSIRT_EINVAL, 6, "':' in rpm release" },
		{ "rpm", "1.0 ", PSIRT_EINVAL, 4, "invalid byte 0x20" },
		{ "rpm", "1.1.\xce\xb1", PSIRT_EINVAL, 5, "invalid byte 0xce" },
		{ "rpm", "1.0=1", PSIRT_EINVAL, 4, "invalid character '='" },
		{ "apk", "", PSIRT_EINVAL, 0, "empty apk version" },
		{ "apk", "a1", PSIRT_EINVAL, 1, "must start with a digit" },
		{ "apk", "1.0bc", PSIRT_EINVAL, 5, "letter may only follow a number" },
		{ "apk", "1.0A", PSIRT_EINVAL, 4, "invalid character 'A'" },
		{ "apk", "23_foo", PSIRT_EINVAL, 3, "unknown suffix" },
		{ "apk", "1.0_", PSIRT_EINVAL, 4, "unknown suffix" },
		{ "apk", "1.0_alphabeta", PSIRT_EINVAL, 4, "unknown suffix" },
		{ "apk", "1.0-r", PSIRT_EINVAL, 4, "\"-r\" must be followed by digits" },
		{ "apk", "1.0-", PSIRT_EINVAL, 4, "'-' must start a revision" },
		{ "apk", "1.0-1", PSIRT_EINVAL, 4, "'-' must start a revision" },
		{ "apk", "1..0", PSIRT_EINVAL, 2, "'.' must be followed by digits" },
		{ "apk", "1.0.", PSIRT_EINVAL, 4, "'.' must be followed by digits" },
		{ "apk", "1.0a.1", PSIRT_EINVAL, 5, "'.' may only follow a number" },
		{ "apk", "1.0_alpha.1", PSIRT_EINVAL, 10, "'.' may only follow a number" },
		{ "apk", "1.0_p1a", PSIRT_EINVAL, 7, "letter may only follow a number" },
		{ "apk", "1.0~", PSIRT_EINVAL, 4, "hex hash" },
		{ "apk", "1.0~ABC", PSIRT_EINVAL, 4, "hex hash" },
		{ "apk", "1.0~abc~def", PSIRT_EINVAL, 8, "hash after a hash" },
		{ "apk", "1.0-r1-r2", PSIRT_EINVAL, 7, "second revision" },
		{ "apk", "1.0-r1_p1", PSIRT_EINVAL, 7, "suffix after a hash or revision" },
		{ "apk", "1.0-r1~abc", PSIRT_EINVAL, 7, "hash after a hash or revision" },
		{ "apk", "1.0-r1a", PSIRT_EINVAL, 7, "letter may only follow" },
		{ "apk", "1.0~abc_p1", PSIRT_EINVAL, 8, "suffix after a hash" },
		{ "apk", "1.0 ", PSIRT_EINVAL, 4, "invalid byte 0x20" },
		{ "apk", "1:1.0", PSIRT_EINVAL, 2, "invalid character ':'" },
		{ "apk", "v1.0", PSIRT_EINVAL, 1, "must start with a digit" },
		{ "opkg", "", PSIRT_EINVAL, 0, "empty opkg version" },
		{ "opkg", " ", PSIRT_EINVAL, 1, "only blanks" },
		{ "opkg", "1 0", PSIRT_EINVAL, 2, "blank inside" },
		{ "opkg", ":1", PSIRT_EINVAL, 1, "empty epoch" },
		{ "opkg", "x1:1", PSIRT_EINVAL, 1, "not a number" },
		{ "opkg", "99999999999:1", PSIRT_EINVAL, 1, "above 2147483647" },
		{ "opkg", "1:", PSIRT_EINVAL, 3, "empty upstream" },
		{ "opkg", "1:-2", PSIRT_EINVAL, 3, "empty upstream" },
		{ "opkg", "1.0\xff", PSIRT_EINVAL, 4, "invalid byte 0xff" },
	};
	struct ts_suite s = { "vdist invalid", 0, 0 };
	char long_v[PSIRT_VERSION_MAX + 2];
	static const char *const names[] = { "deb", "rpm", "apk", "opkg" };
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct psirt_version_scheme *sch = scheme(rows[i].scheme);
		struct psirt_diag d = PSIRT_DIAG_INIT;
		enum psirt_err err = sch->check(psirt_str_c(rows[i].v), &d);

		ts_case(&s,
		        err == rows[i].err && d.column == rows[i].column && d.message &&
		                strstr(d.message, rows[i].msg),
		        "%s '%s': want %s col %ld '%s', got %s col %ld '%s'", rows[i].scheme, rows[i].v,
		        psirt_errname(rows[i].err), rows[i].column, rows[i].msg, psirt_errname(err),
		        d.column, d.message ? d.message : "");
		psirt_diag_release(&d);
		/* a NULL diagnostic is allowed */
		ts_case(&s, sch->check(psirt_str_c(rows[i].v), NULL) == rows[i].err, "%s '%s' no diag",
		        rows[i].scheme, rows[i].v);
	}
	/* the length cap: 256 bytes pass, 257 are too big */
	memset(long_v, '1', sizeof(long_v));
	for (i = 0; i < 4; i++) {
		const struct psirt_version_scheme *sch = scheme(names[i]);

		ts_case(&s, sch->check(psirt_str_make(long_v, PSIRT_VERSION_MAX), NULL) == PSIRT_OK,
		        "%s: %d bytes", names[i], PSIRT_VERSION_MAX);
		ts_case(&s,
		        sch->check(psirt_str_make(long_v, PSIRT_VERSION_MAX + 1), NULL) == PSIRT_ETOOBIG,
		        "%s: %d bytes", names[i], PSIRT_VERSION_MAX + 1);
	}
	ts_suite_end(&s);
}

/* compare: which version is wrong, and *result left alone. */
static void test_compare_errors(void **state)
{
	static const char *const rows[][3] = {
		{ "deb", "abc", "1.0" },  { "rpm", "1..0", "1.0" },
		{ "apk", "1.0bc", "1.0" }, { "opkg", "a:1", "1.0" },
	};
	struct ts_suite s = { "vdist compare errors", 0, 0 };
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct psirt_version_scheme *sch = scheme(rows[i][0]);
		struct psirt_diag d = PSIRT_DIAG_INIT;
		int r = 42;
		enum psirt_err err;

		err = sch->compare(psirt_str_c(rows[i][1]), psirt_str_c(rows[i][2]), &r, &d);
		ts_case(&s, err == PSIRT_EINVAL && r == 42 && d.where && !strcmp(d.where, "first version"),
		        "%s first", rows[i][0]);
		psirt_diag_release(&d);
		err = sch->compare(psirt_str_c(rows[i][2]), psirt_str_c(rows[i][1]), &r, &d);
		ts_case(&s, err == PSIRT_EINVAL && r == 42 && d.where && !strcmp(d.where, "second version"),
		        "%s second", rows[i][0]);
		psirt_diag_release(&d);
		err = psirt_version_compare(psirt_str_c(rows[i][0]), psirt_str_c(rows[i][2]),
		                            psirt_str_c(rows[i][2]), &r, NULL);
		ts_case(&s, err == PSIRT_OK && r == 0, "%s via psirt_version_compare", rows[i][0]);
	}
	/* Both refused: the first is named. Regression: apk named the second
	 * when it was empty (fuzz, 2025-11-26, input "\n_\n"). */
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct psirt_version_scheme *sch = scheme(rows[i][0]);
		static const char *const seconds[] = { "", "\x01", "1.0 1", "_" };
		size_t k;

		for (k = 0; k < sizeof(seconds) / sizeof(seconds[0]); k++) {
			struct psirt_diag d = PSIRT_DIAG_INIT;
			int r = 42;
			enum psirt_err err;

			err = sch->compare(psirt_str_c(rows[i][1]), psirt_str_c(seconds[k]), &r, &d);
			ts_case(&s, err && r == 42 && d.where && !strcmp(d.where, "first version"),
			        "%s '%s' vs '%s': first named", rows[i][0], rows[i][1], seconds[k]);
			psirt_diag_release(&d);
		}
	}
	{
		struct psirt_diag d = PSIRT_DIAG_INIT;
		int r = 42;

		ts_case(&s,
		        scheme("apk")->compare(psirt_str_c("_"), psirt_str_c(""), &r, &d) &&
		                d.where && !strcmp(d.where, "first version"),
		        "apk '_' vs '': first named");
		psirt_diag_release(&d);
	}
	ts_suite_end(&s);
}

/* Hand-picked cases per scheme that the public suites lack: apk's hashes
 * (apk 3), rpm's EVR parts, dpkg's corners. */
static void test_extra(void **state)
{
	static const struct {
		const char *scheme, *a, *b;
		int want;
	} rows[] = {
		/* apk ~hash: after suffixes, before the revision */
		{ "apk", "1.0~abc", "1.0~abc", 0 },
		{ "apk", "1.0~abc", "1.0~abd", -1 },   /* hashes compare as strings */
		{ "apk", "1.0~abc", "1.0~abcd", -1 },
		{ "apk", "1.0~fff", "1.0~1", 1 },
		{ "apk", "1.0~abc", "1.0", 1 },        /* the end is the later kind */
		{ "apk", "1.0~abc", "1.0-r1", 1 },     /* revision is a later kind */
		{ "apk", "1.0~abc-r1", "1.0~abc-r2", -1 },
		{ "apk", "1.0_git20240101~1a2b3c", "1.0_git20240101", 1 },
		{ "apk", "1.0_rc1~abc", "1.0", -1 },   /* pre-release suffix first */
		{ "apk", "1.0~abc", "1.0.1", -1 },
		{ "apk", "1.0~abc", "1.0a", -1 },
		/* apk leading-zero rule and numbers */
		{ "apk", "1.01", "1.1", -1 },
		{ "apk", "1.0", "1.00", -1 },
		{ "apk", "1.010", "1.09", -1 },        /* both lead with 0: strings */
		/* apk 2's letter-then-digits (accepted, see scheme_apk.c) */
		{ "apk", "6.6.2p1", "6.6.2p2", -1 },
		{ "apk", "6.6.2p1", "6.6.2_p1", 1 },    /* letter before suffix kind */
		{ "apk", "6.6.2p1", "6.6.2", 1 },
		{ "apk", "6.6.2p1", "6.6.2p", 1 },
		{ "apk", "6.6.2p1", "6.6.3", -1 },
		{ "apk", "6.6.2p1", "6.6.2.1", -1 },
		{ "apk", "5.7.1p1-r0", "5.7.1p1-r1", -1 },
		{ "apk", "1a2b", "1a2a", 1 },
		{ "apk", "01.0", "1.0", 0 },            /* the first number is numeric */
		{ "apk", "1.0-r01", "1.0-r1", 0 },
		{ "apk", "1.99999999999999999999", "1.99999999999999999998", 1 },
		{ "apk", "1.0_alpha", "1.0_beta", -1 },
		{ "apk", "1.0_rc", "1.0_rc0", -1 },
		{ "apk", "1.0_p", "1.0", 1 },
		{ "apk", "1.0_p", "1.0_pre", 1 },
		{ "apk", "1.0_hg1", "1.0_p1", -1 },
		{ "apk", "1.0_cvs", "1.0_svn", -1 },
		{ "apk", "1.0_alpha_beta", "1.0_alpha", -1 },
		{ "apk", "1.0_p1_p2", "1.0_p1", 1 },
		/* rpm EVRs */
		{ "rpm", "1:1.0-1", "2.0-1", 1 },
		{ "rpm", "0:1.0-1", "1.0-1", 0 },
		{ "rpm", "1.0", "1.0-0", -1 },         /* no release < any release */
		{ "rpm", "1.0", "1.0-1", -1 },
		{ "rpm", "1.0-1", "1.0-1.el8", -1 },
		{ "rpm", "1.0-1.el8", "1.0-1.el8_9", -1 },
		{ "rpm", "1.0-1.el8_9", "1.0-1.el8_10", -1 },
		{ "rpm", "1.0-1.fc39", "1.0-1.fc40", -1 },
		{ "rpm", "4294967295:1", "1", 1 },
		{ "rpm", "00:1", "0:1", 0 },
		{ "rpm", "1.0~rc1-1", "1.0-0", -1 },
		{ "rpm", "1.0^git1-1", "1.0-99", 1 },
		{ "rpm", "2.0.1-1", "2.0_1-1", 0 },     /* separators do not count */
		{ "rpm", "1.0-1~", "1.0-1", -1 },
		{ "rpm", "1.0-1^", "1.0-1", 1 },
		/* deb */
		{ "deb", "1.0", "1.0-0", 0 },
		{ "deb", "1:1.0", "2.0", 1 },
		{ "deb", "1.0~rc1-1", "1.0-1", -1 },
		{ "deb", "1.0+dfsg-1", "1.0-1", 1 },
		{ "deb", "1.0-1ubuntu1", "1.0-1", 1 },
		{ "deb", "1.0-1~deb12u1", "1.0-1", -1 },
		{ "deb", "1.0-1+deb12u1", "1.0-1", 1 },
		{ "deb", "2:1.0", "10:0.1", -1 },
		{ "deb", "2147483647:1", "1", 1 },
		{ "deb", "0:09azAZ.-+~:-0", "0:9azAZ.-+~:-0", 0 },
		{ "deb", "1.0-", "1.0", 0 },
		{ "deb", " 1.0\t", "1.0", 0 },
		{ "deb", "18446744073709551616", "18446744073709551615", 1 },
	};
	struct ts_suite s = { "vdist extra", 0, 0 };
	size_t i;
	int got, ok;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct psirt_version_scheme *sch = scheme(rows[i].scheme);

		ok = cmp_both(sch, rows[i].a, rows[i].b, rows[i].want, &got);
		ts_case(&s, ok,
		        "%s %s vs %s: want %d, got %d", rows[i].scheme, rows[i].a, rows[i].b, rows[i].want,
		        got);
	}
	ts_suite_end(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ctype),
		cmocka_unit_test(test_registry),
		cmocka_unit_test(test_dpkg_compare),
		cmocka_unit_test(test_dpkg_parse),
		cmocka_unit_test(test_rpmvercmp),
		cmocka_unit_test(test_rpmvercmp_oddities),
		cmocka_unit_test(test_rpmvercmp_at),
		cmocka_unit_test(test_apk_version_data),
		cmocka_unit_test(test_osv_debian),
		cmocka_unit_test(test_osv_alpine),
		cmocka_unit_test(test_osv_redhat),
		cmocka_unit_test(test_vers_alpine),
		cmocka_unit_test(test_opkg),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_compare_errors),
		cmocka_unit_test(test_extra),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
