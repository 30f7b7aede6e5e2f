/* Unit tests of src/ident/cpe_*.c: CPE 2.3 naming (NISTIR 7695), matching
 * (NISTIR 7696), and real names from NVD, JVN and the CSAF 2.1 test set.
 *
 * The specification examples below are our own transcription of the
 * documents' text; each table names its section. WFNs are written in the
 * documents' notation and compared through psirt_cpe_format_wfn, which lists
 * all eleven attributes, so "unspecified means ANY" (NISTIR 7695 §5.2 rule 2)
 * holds on both sides.
 */
#include <stdlib.h>
#include <string.h>

#include "support/support.h"
#include "psirt/arena.h"
#include "psirt/buf.h"
#include "psirt/cpe.h"

typedef enum psirt_err (*fmt_fn)(const struct psirt_cpe *, struct psirt_buf *);

static struct psirt_cpe *parse(const char *s)
{
	struct psirt_cpe *cpe = NULL;

	if (psirt_cpe_parse(psirt_str_c(s), &cpe, NULL))
		return NULL;
	return cpe;
}

static char *fmt(const struct psirt_cpe *cpe, fmt_fn f)
{
	struct psirt_buf b = PSIRT_BUF_INIT;

	if (f(cpe, &b))
		fail_msg("formatting failed");
	return psirt_buf_detach(&b, NULL);
}

/* Parses s and formats it with f; NULL when s does not parse. */
static char *conv(const char *s, fmt_fn f)
{
	struct psirt_cpe *cpe = parse(s);
	char *out;

	if (!cpe)
		return NULL;
	out = fmt(cpe, f);
	psirt_cpe_free(cpe);
	return out;
}

static int streq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

static int streq_ci(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	for (; *a && *b; a++, b++) {
		if (psirt_tolower((unsigned char)*a) != psirt_tolower((unsigned char)*b))
			return 0;
	}
	return *a == *b;
}

/* Parsing s fails with PSIRT_EINVAL, at column col when col > 0. */
static int rejects(const char *s, long col, long *got_col)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_cpe *cpe = NULL;
	enum psirt_err err = psirt_cpe_parse(psirt_str_c(s), &cpe, &d);
	int ok = err == PSIRT_EINVAL && !cpe && d.message && d.column > 0 &&
	         (col <= 0 || d.column == col);

	if (got_col)
		*got_col = d.column;
	psirt_cpe_free(cpe);
	psirt_diag_release(&d);
	return ok;
}

/* ---- NISTIR 7695 -------------------------------------------------------- */

struct bind_case {
	const char *wfn, *bound;
};

/* NISTIR 7695 §6.1.2.4 "Examples of binding a WFN to a URI", 1-5, and the
 * introduction (§1). */
static const struct bind_case bind_uri_cases[] = {
	{ "wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
	  "version=\"8\\.0\\.6001\",update=\"beta\"]",
	  "cpe:/a:microsoft:internet_explorer:8.0.6001:beta" },
	{ "wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
	  "version=\"8\\.0\\.6001\",update=\"beta\",edition=ANY]",
	  "cpe:/a:microsoft:internet_explorer:8.0.6001:beta" },
	{ "wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
	  "version=\"8\\.*\",update=\"sp?\"]",
	  "cpe:/a:microsoft:internet_explorer:8.%02:sp%01" },
	{ "wfn:[part=\"a\",vendor=\"hp\",product=\"insight_diagnostics\","
	  "version=\"7\\.4\\.0\\.1570\",update=NA,"
	  "sw_edition=\"online\",target_sw=\"win2003\",target_hw=\"x64\"]",
	  "cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~" },
	{ "wfn:[part=\"a\",vendor=\"hp\",product=\"openview_network_manager\","
	  "version=\"7\\.51\",target_sw=\"linux\"]",
	  "cpe:/a:hp:openview_network_manager:7.51::~~~linux~~" },
	{ "wfn:[part=\"a\",vendor=\"foo\\\\bar\",product=\"big\\$money_manager_2010\","
	  "sw_edition=\"special\",target_sw=\"ipod_touch\",target_hw=\"80gb\"]",
	  "cpe:/a:foo%5cbar:big%24money_manager_2010:::~~special~ipod_touch~80gb~" },
};

/* NISTIR 7695 §6.2.2.3 "Examples of binding a WFN to a formatted string",
 * 1-5 (Example 2 has a second WFN with a quoted asterisk), and §1. */
static const struct bind_case bind_fs_cases[] = {
	{ "wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
	  "version=\"8\\.0\\.6001\",update=\"beta\"]",
	  "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*" },
	{ "wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
	  "version=\"8\\.0\\.6001\",update=\"beta\",edition=ANY]",
	  "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*" },
	{ "wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
	  "version=\"8\\.*\",update=\"sp?\",edition=ANY]",
	  "cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*" },
	{ "wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
	  "version=\"8\\.\\*\",update=\"sp?\"]",
	  "cpe:2.3:a:microsoft:internet_explorer:8.\\*:sp?:*:*:*:*:*:*" },
	{ "wfn:[part=\"a\",vendor=\"hp\",product=\"insight\","
	  "version=\"7\\.4\\.0\\.1570\",update=NA,"
	  "sw_edition=\"online\",target_sw=\"win2003\",target_hw=\"x64\"]",
	  "cpe:2.3:a:hp:insight:7.4.0.1570:-:*:*:online:win2003:x64:*" },
	{ "wfn:[part=\"a\",vendor=\"hp\",product=\"openview_network_manager\","
	  "version=\"7\\.51\",target_sw=\"linux\"]",
	  "cpe:2.3:a:hp:openview_network_manager:7.51:*:*:*:*:linux:*:*" },
	{ "wfn:[part=\"a\",vendor=\"foo\\\\bar\",product=\"big\\$money_2010\","
	  "sw_edition=\"special\",target_sw=\"ipod_touch\",target_hw=\"80gb\"]",
	  "cpe:2.3:a:foo\\\\bar:big\\$money_2010:*:*:*:*:special:ipod_touch:80gb:*" },
};

static void run_bind(const char *name, const struct bind_case *cases, size_t n, fmt_fn f)
{
	struct ts_suite s = { name, 0, 0 };
	size_t i;

	for (i = 0; i < n; i++) {
		char *got = conv(cases[i].wfn, f);

		ts_case(&s, streq(got, cases[i].bound), "%s: got %s, want %s", cases[i].wfn,
		        got ? got : "(parse error)", cases[i].bound);
		free(got);
	}
	ts_suite_end(&s);
}

static void test_7695_bind_uri(void **state)
{
	run_bind("7695-6.1.2.4-bind-uri", bind_uri_cases,
	         sizeof bind_uri_cases / sizeof bind_uri_cases[0], psirt_cpe_format_uri);
}

static void test_7695_bind_fs(void **state)
{
	run_bind("7695-6.2.2.3-bind-fs", bind_fs_cases,
	         sizeof bind_fs_cases / sizeof bind_fs_cases[0], psirt_cpe_format_fs);
}

struct unbind_case {
	const char *bound;
	const char *wfn;      /* NULL: unbinding raises an error ... */
	const char *err_at;   /* ... at the first occurrence of this text */
};

/* NISTIR 7695 §6.1.3.3 "Examples of unbinding a URI to a WFN", 1-8, and the
 * get_comp_uri() example of §6.1.3.2. Example 5's WFN spells "target_HW":
 * attribute names ignore case (§5.1). */
static const struct unbind_case unbind_uri_cases[] = {
	{ "cpe:/a:microsoft:internet_explorer:8.0.6001:beta",
	  "wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
	  "version=\"8\\.0\\.6001\",update=\"beta\",edition=ANY,language=ANY]", NULL },
	{ "cpe:/a:microsoft:internet_explorer:8.%2a:sp%3f",
	  "wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
	  "version=\"8\\.\\*\",update=\"sp\\?\",edition=ANY,language=ANY]", NULL },
	{ "cpe:/a:microsoft:internet_explorer:8.%02:sp%01",
	  "wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
	  "version=\"8\\.*\",update=\"sp?\",edition=ANY,language=ANY]", NULL },
	{ "cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~x64~",
	  "wfn:[part=\"a\",vendor=\"hp\",product=\"insight_diagnostics\","
	  "version=\"7\\.4\\.0\\.1570\",update=ANY,edition=ANY,"
	  "sw_edition=\"online\",target_sw=\"win2003\",target_hw=\"x64\","
	  "other=ANY,language=ANY]", NULL },
	{ "cpe:/a:hp:openview_network_manager:7.51:-:~~~linux~~",
	  "wfn:[part=\"a\",vendor=\"hp\",product=\"openview_network_manager\","
	  "version=\"7\\.51\",update=NA,edition=ANY,sw_edition=ANY,"
	  "target_sw=\"linux\",target_HW=ANY,other=ANY,language=ANY]", NULL },
	/* Example 6: illegal percent-encoded form "%07" */
	{ "cpe:/a:foo%5cbar:big%24money_2010%07:::~~special~ipod_touch~80gb~", NULL, "%07" },
	{ "cpe:/a:foo~bar:big%7emoney_2010",
	  "wfn:[part=\"a\",vendor=\"foo\\~bar\",product=\"big\\~money_2010\","
	  "version=ANY,update=ANY,edition=ANY,language=ANY]", NULL },
	/* Example 8: "%02" embedded within a value string */
	{ "cpe:/a:foo:bar:12.%02.1234", NULL, "%02" },
	/* §6.1.3.2 get_comp_uri(): "cpe:/a:foo::bar:-" */
	{ "cpe:/a:foo::bar:-",
	  "wfn:[part=\"a\",vendor=\"foo\",product=ANY,version=\"bar\",update=NA]", NULL },
};

/* NISTIR 7695 §6.2.3.3 "Examples of unbinding a formatted string to a WFN",
 * 1-4 with the contrast case of Example 3, and the get_comp_fs() example of
 * §6.2.3.2 (its trailing "…" completed with asterisks). The contrast case
 * has only ten fields as printed; the embedded asterisk is reported first. */
static const struct unbind_case unbind_fs_cases[] = {
	{ "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*",
	  "wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
	  "version=\"8\\.0\\.6001\",update=\"beta\",edition=ANY,language=ANY,"
	  "sw_edition=ANY,target_sw=ANY,target_hw=ANY,other=ANY]", NULL },
	{ "cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*",
	  "wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
	  "version=\"8\\.*\",update=\"sp?\",edition=ANY,language=ANY,"
	  "sw_edition=ANY,target_sw=ANY,target_hw=ANY,other=ANY]", NULL },
	{ "cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*",
	  "wfn:[part=\"a\",vendor=\"hp\",product=\"insight_diagnostics\","
	  "version=\"7\\.4\\.0\\.1570\",update=NA,edition=ANY,language=ANY,"
	  "sw_edition=\"online\",target_sw=\"win2003\",target_hw=\"x64\",other=ANY]", NULL },
	{ "cpe:2.3:a:hp:insight_diagnostics:7.4.*.1570:*:*:*:*:*:*", NULL, "*.1570" },
	{ "cpe:2.3:a:foo\\\\bar:big\\$money:2010:*:*:*:special:ipod_touch:80gb:*",
	  "wfn:[part=\"a\",vendor=\"foo\\\\bar\",product=\"big\\$money\","
	  "version=\"2010\",update=ANY,edition=ANY,language=ANY,"
	  "sw_edition=\"special\",target_sw=\"ipod_touch\",target_hw=\"80gb\",other=ANY]",
	  NULL },
	{ "cpe:2.3:a:foo:bar\\:mumble:1.0:*:*:*:*:*:*:*",
	  "wfn:[part=\"a\",vendor=\"foo\",product=\"bar\\:mumble\",version=\"1\\.0\"]", NULL },
};

static void run_unbind(const char *name, const struct unbind_case *cases, size_t n)
{
	struct ts_suite s = { name, 0, 0 };
	size_t i;

	for (i = 0; i < n; i++) {
		const struct unbind_case *c = &cases[i];

		if (!c->wfn) {
			long want = (long)(strstr(c->bound, c->err_at) - c->bound) + 1, got = 0;

			ts_case(&s, rejects(c->bound, want, &got),
			        "%s: want an error at column %ld, got column %ld", c->bound, want, got);
		} else {
			char *got = conv(c->bound, psirt_cpe_format_wfn);
			char *want = conv(c->wfn, psirt_cpe_format_wfn);

			ts_case(&s, want && streq(got, want), "%s: got %s, want %s", c->bound,
			        got ? got : "(parse error)", want ? want : "(bad expectation)");
			free(got);
			free(want);
		}
	}
	ts_suite_end(&s);
}

static void test_7695_unbind_uri(void **state)
{
	run_unbind("7695-6.1.3.3-unbind-uri", unbind_uri_cases,
	           sizeof unbind_uri_cases / sizeof unbind_uri_cases[0]);
}

static void test_7695_unbind_fs(void **state)
{
	run_unbind("7695-6.2.3.3-unbind-fs", unbind_fs_cases,
	           sizeof unbind_fs_cases / sizeof unbind_fs_cases[0]);
}

/* The WFN notation itself, spelt out: the formatter's canonical form. */
static void test_wfn_canonical(void **state)
{
	static const struct bind_case cases[] = {
		{ "wfn:[]",
		  "wfn:[part=ANY,vendor=ANY,product=ANY,version=ANY,update=ANY,edition=ANY,"
		  "language=ANY,sw_edition=ANY,target_sw=ANY,target_hw=ANY,other=ANY]" },
		{ "wfn:[ vendor = \"foo\\\\bar\" , part=\"A\", other=NA ]",
		  "wfn:[part=\"a\",vendor=\"foo\\\\bar\",product=ANY,version=ANY,update=ANY,"
		  "edition=ANY,language=ANY,sw_edition=ANY,target_sw=ANY,target_hw=ANY,other=NA]" },
		{ "cpe:2.3:o:microsoft:windows_?:*:*:*:en-us:home*:-:x64:-",
		  "wfn:[part=\"o\",vendor=\"microsoft\",product=\"windows_?\",version=ANY,"
		  "update=ANY,edition=ANY,language=\"en\\-us\",sw_edition=\"home*\",target_sw=NA,"
		  "target_hw=\"x64\",other=NA]" },
		{ "cpe:/a:%01%01microsoft",
		  "wfn:[part=\"a\",vendor=\"??microsoft\",product=ANY,version=ANY,update=ANY,"
		  "edition=ANY,language=ANY,sw_edition=ANY,target_sw=ANY,target_hw=ANY,other=ANY]" },
	};
	struct ts_suite s = { "wfn-canonical", 0, 0 };
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = conv(cases[i].wfn, psirt_cpe_format_wfn);

		ts_case(&s, streq(got, cases[i].bound), "%s: got %s", cases[i].wfn,
		        got ? got : "(parse error)");
		free(got);
	}
	ts_suite_end(&s);
}

/* NISTIR 7695 §5.3.2: the "allowable value strings" listed after Figure 5-1,
 * then one string for each rule they must not break. */
static void test_7695_value_strings(void **state)
{
	static const char *const good[] = {
		"foo\\-bar", "Acrobat_Reader", "\\\"oh_my\\!\\\"", "g\\+\\+", "9\\.?", "sr*",
		"big\\$money", "foo\\:bar", "back\\\\slash_software", "with_quoted\\~tilde",
		"*SOFT*", "8\\.??", "*8\\.??",
		/* rule 4: a single '?' may stand alone, '?' may repeat */
		"?", "???",
	};
	static const char *const bad[] = {
		"*",          /* rule 4: a single asterisk by itself */
		"a*b",        /* rule 4: special character embedded */
		"a?b", "a??b",
		"sr**",       /* rule 4: asterisk more than once in sequence */
		"**sr",
		"\\-",        /* rule 6: a quoted hyphen by itself */
		"foo.bar",    /* rule 5: punctuation must be quoted */
		"]", "a-b",
		"foo bar",    /* rule 2: no whitespace */
		"",           /* non-empty */
		"\\a",        /* only punctuation is quoted (Figure 5-1) */
	};
	struct ts_suite s = { "7695-5.3.2-value-strings", 0, 0 };
	struct psirt_buf b = PSIRT_BUF_INIT, needle = PSIRT_BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		char *back;

		psirt_buf_reset(&b);
		psirt_buf_addf(&b, "wfn:[vendor=\"%s\"]", good[i]);
		psirt_buf_reset(&needle);
		psirt_buf_addf(&needle, ",vendor=\"%s\",", good[i]);
		back = conv(b.p, psirt_cpe_format_wfn);
		/* and it comes back quoted the same way */
		ts_case(&s, back && strstr(back, needle.p), "%s must be accepted unchanged: %s", b.p,
		        back ? back : "(parse error)");
		free(back);
	}
	psirt_buf_release(&needle);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		psirt_buf_reset(&b);
		psirt_buf_addf(&b, "wfn:[vendor=\"%s\"]", bad[i]);
		ts_case(&s, rejects(b.p, 0, NULL), "%s must be rejected", b.p);
	}
	psirt_buf_release(&b);
	ts_suite_end(&s);
}

/* NISTIR 7695 §5.5 "WFN Examples" and §7: every WFN survives binding to a
 * URI and to a formatted string and unbinding again (round-trip safe). */
static void test_7695_round_trips(void **state)
{
	static const char *const wfns[] = {
		"wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
		"version=\"8\\.0\\.6001\",update=\"beta\",edition=NA]",
		"wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
		"version=\"8\\.*\",update=\"sp?\",edition=NA,language=ANY]",
		"wfn:[part=\"a\",vendor=\"hp\",product=\"insight_diagnostics\","
		"version=\"7\\.4\\.0\\.1570\",sw_edition=\"online\","
		"target_sw=\"windows_2003\",target_hw=\"x64\"]",
		"wfn:[part=\"a\",vendor=\"hp\",product=\"openview_network_manager\","
		"version=\"7\\.51\",update=NA,target_sw=\"linux\"]",
		"wfn:[part=\"a\",vendor=\"foo\\\\bar\",product=\"big\\$money_2010\","
		"sw_edition=\"special\",target_sw=\"ipod_touch\"]",
		/* our own: every punctuation character, wildcards, NA in packing */
		"wfn:[part=\"h\",vendor=\"\\!\\\"\\#\\$\\%\\&\\'\\(\\)\\*\\+\\,\\/\\:\\;\\<\\=\\>\","
		"product=\"\\?\\@\\[\\\\\\]\\^\\`\\{\\|\\}\\~\\-\\.\",version=\"*1\\.2??\","
		"edition=NA,sw_edition=NA,other=\"\\~x\",language=\"de\\-de\"]",
		"wfn:[edition=\"\\~packed\"]",
		"wfn:[part=NA]",
	};
	struct ts_suite s = { "7695-5.5-7-round-trips", 0, 0 };
	size_t i;

	for (i = 0; i < sizeof wfns / sizeof wfns[0]; i++) {
		char *canon = conv(wfns[i], psirt_cpe_format_wfn);
		char *uri = conv(wfns[i], psirt_cpe_format_uri);
		char *fs = conv(wfns[i], psirt_cpe_format_fs);
		char *from_uri = uri ? conv(uri, psirt_cpe_format_wfn) : NULL;
		char *from_fs = fs ? conv(fs, psirt_cpe_format_wfn) : NULL;
		char *uri_fs = uri ? conv(uri, psirt_cpe_format_fs) : NULL;
		char *fs_uri = fs ? conv(fs, psirt_cpe_format_uri) : NULL;

		/* URI unbinding folds case (§6.1.3.2), so compare without it */
		ts_case(&s, canon && streq_ci(from_uri, canon), "%s via URI %s: %s", wfns[i],
		        uri ? uri : "-", from_uri ? from_uri : "(parse error)");
		ts_case(&s, canon && streq(from_fs, canon), "%s via FS %s: %s", wfns[i],
		        fs ? fs : "-", from_fs ? from_fs : "(parse error)");
		/* §7.1 convert_uri_to_fs and §7.2 convert_fs_to_uri */
		ts_case(&s, streq_ci(uri_fs, fs), "%s: URI to FS %s", uri ? uri : "-",
		        uri_fs ? uri_fs : "(parse error)");
		ts_case(&s, streq(fs_uri, uri), "%s: FS to URI %s", fs ? fs : "-",
		        fs_uri ? fs_uri : "(parse error)");
		free(canon);
		free(uri);
		free(fs);
		free(from_uri);
		free(from_fs);
		free(uri_fs);
		free(fs_uri);
	}
	ts_suite_end(&s);
}

/* Bad names and where their error is reported: our own cases. */
static void test_errors(void **state)
{
	static const struct {
		const char *in;
		long col;
	} cases[] = {
		{ "", 1 },
		{ "PREFIXcpe:/o:redhat:rhel_aus:7.6::server", 1 },
		{ "cpe:2.4:a:2glux:com_sexypolling:0.9.1:-:-:*:-:joomla\\!:*:*", 5 },
		{ " cpe:/:microsoft", 1 },
		{ "cpe:2.3:z:2glux:com_sexypolling:0.9.1:-:-:*:-:joomla\\!:*:*", 9 },
		{ "cpe:2.3::2glux:com_sexypolling:0.9.1:-:-:*:-:joomla\\!:*:*", 9 },
		{ "cpe:2.3:a:2g*lux:com_sexypolling:0.9.1:-:-:*:-:joomla\\!:*:*", 13 },
		{ "cpe:2.3:a:2g?lux:com_sexypolling:0.9.1:-:-:*:-:joomla\\!:*:*", 13 },
		{ "cpe:2.3:a:b:c:1:*:*:*:*:*:*", 28 },              /* ten attributes */
		{ "cpe:2.3:a:b:c:1:*:*:*:*:*:*:*:*", 30 },          /* twelve */
		{ "cpe:2.3:a:b:c:1:*:*:e:*:*:*:*", 21 },            /* language "e" */
		{ "cpe:2.3:a:b:c:1:*:*:123:*:*:*:*", 21 },
		{ "cpe:2.3:a:b:c:1:*:*:en*:*:*:*:*", 21 },          /* no wildcards in language */
		{ "cpe:2.3:a:b:c:1\\:*:*:*:*:*:*:*", 0 },           /* eleven, but one short */
		{ "cpe:2.3:a:b:c:1.\\a:*:*:*:*:*:*:*", 18 },
		{ "cpe:2.3:a:b:c:1\\", 16 },
		{ "cpe:2.3:a:b:c:1 2:*:*:*:*:*:*:*", 16 },
		{ "cpe:2.3:a:b:c:1\x01:*:*:*:*:*:*:*", 16 },
		{ "cpe:2.3:a:b:c:?*:*:*:*:*:*:*:*", 15 },
		{ "cpe:2.3:a:b:c:1?*:*:*:*:*:*:*:*", 17 },
		{ "cpe:2.3:a:b:c:*?1:*:*:*:*:*:*:*", 16 },
		{ "cpe:/a:b*c", 9 },
		{ "cpe:/a:%99", 8 },
		{ "cpe:/a:%2", 8 },
		{ "cpe:/a:%20x", 8 },
		{ "cpe:/a:%02", 8 },                                  /* '*' alone */
		{ "cpe:/a:micro%02soft", 13 },
		{ "cpe:/a:microsoft:internet_explorer:8.%02:s%01p", 43 },
		{ "cpe:/z:%01%01microsoft", 6 },
		{ "cpe:/a:b:c:d:e:f:g:h", 19 },
		{ "cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003", 43 },
		{ "cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~%99~", 60 },
		{ "cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~a*b~", 61 },
		{ "cpe:/a:b:c:d:e:f:en_us", 18 },
		{ "wfn:[vendor=\"a\",vendor=\"b\"]", 17 },
		{ "wfn:[colour=\"red\"]", 6 },
		{ "wfn:[version=\"1.0\"]", 16 },
		{ "wfn:[version=\"1\\.0\"", 20 },
		{ "wfn:[version=any]", 14 },
		{ "wfn:[part=\"a\"] x", 15 },
		{ "wfn:[part=\"x\"]", 11 },
		/* anchore/grype's hand-made invalid_cpe.json fixture: unquoted ':' */
		{ "cpe:2.3:a:soap::lite_project:soap::lite:*:*:*:*:*:perl:*:*", 16 },
	};
	struct ts_suite s = { "errors", 0, 0 };
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		long got = 0;

		ts_case(&s, rejects(cases[i].in, cases[i].col, &got),
		        "%s: want an error at column %ld, got %ld", cases[i].in, cases[i].col, got);
	}
	ts_suite_end(&s);
}

static void test_error_messages(void **state)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_cpe *cpe;
	char *line;
	char big[PSIRT_CPE_MAX + 10];

	assert_int_equal(psirt_cpe_parse(psirt_str_c("cpe:2.3:a:b:c:1.*.2:*:*:*:*:*:*:*"), &cpe,
	                                 &d), PSIRT_EINVAL);
	line = psirt_diag_format(&d);
	assert_string_equal(line, "column 17: wildcard '*' inside a value; wildcards may only "
	                          "begin or end one (NISTIR 7695 §5.3.2)");
	free(line);
	psirt_diag_release(&d);
	assert_int_equal(psirt_cpe_parse(psirt_str_c("cpe:2.3:a:b:c"), &cpe, &d), PSIRT_EINVAL);
	assert_string_equal(d.message, "formatted string ends after 3 of 11 attributes "
	                               "(missing version)");
	assert_int_equal(d.column, 14);
	psirt_diag_release(&d);
	assert_int_equal(psirt_cpe_parse(psirt_str_c("cpe:/a:b:c$"), &cpe, &d), PSIRT_EINVAL);
	assert_string_equal(d.message, "'$' must be percent-encoded in a CPE URI");
	assert_int_equal(d.column, 11);
	psirt_diag_release(&d);
	memset(big, 'a', sizeof big);
	memcpy(big, "cpe:/a:", 7);
	assert_int_equal(psirt_cpe_parse(psirt_str_make(big, sizeof big), &cpe, &d),
	                 PSIRT_ETOOBIG);
	assert_null(cpe);
	psirt_diag_release(&d);
}

/* ---- NISTIR 7696 -------------------------------------------------------- */

struct attr_case {
	const char *source, *target; /* WFN attribute values: ANY, NA or "..." */
	enum psirt_cpe_rel want;
	int line;                    /* of Table 6-2; 0 for our own cases */
};

static enum psirt_cpe_rel vendor_rel(const char *source, const char *target, int *ok)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_cpe *s, *t;
	enum psirt_cpe_rel r = PSIRT_CPE_REL__MAX;

	psirt_buf_addf(&b, "wfn:[vendor=%s]", source);
	s = parse(b.p);
	psirt_buf_reset(&b);
	psirt_buf_addf(&b, "wfn:[vendor=%s]", target);
	t = parse(b.p);
	*ok = s && t;
	if (*ok)
		r = psirt_cpe_compare_attr(s, t, PSIRT_CPE_VENDOR);
	psirt_cpe_free(s);
	psirt_cpe_free(t);
	psirt_buf_release(&b);
	return r;
}

/* NISTIR 7696 Table 6-2 "Enumeration of Attribute Comparison Set Relations",
 * with i = "foo", k = "bar" and "m + wild cards" = "*b??"; line 14 also with
 * the §6.1 text's "9\.*" examples; then our own cases of §6.3's wildcard
 * semantics and §6.1's case insensitivity. */
static const struct attr_case attr_cases[] = {
	{ "ANY", "ANY", PSIRT_CPE_REL_EQUAL, 1 },
	{ "ANY", "NA", PSIRT_CPE_REL_SUPERSET, 2 },
	{ "ANY", "\"foo\"", PSIRT_CPE_REL_SUPERSET, 3 },
	{ "ANY", "\"*b??\"", PSIRT_CPE_REL_UNDEFINED, 4 },
	{ "NA", "ANY", PSIRT_CPE_REL_SUBSET, 5 },
	{ "NA", "NA", PSIRT_CPE_REL_EQUAL, 6 },
	{ "NA", "\"foo\"", PSIRT_CPE_REL_DISJOINT, 7 },
	{ "NA", "\"*b??\"", PSIRT_CPE_REL_UNDEFINED, 8 },
	{ "\"foo\"", "\"foo\"", PSIRT_CPE_REL_EQUAL, 9 },
	{ "\"foo\"", "\"bar\"", PSIRT_CPE_REL_DISJOINT, 10 },
	{ "\"foo\"", "\"*b??\"", PSIRT_CPE_REL_UNDEFINED, 11 },
	{ "\"foo\"", "NA", PSIRT_CPE_REL_DISJOINT, 12 },
	{ "\"foo\"", "ANY", PSIRT_CPE_REL_SUBSET, 13 },
	{ "\"*b??\"", "\"bar\"", PSIRT_CPE_REL_SUPERSET, 14 },
	{ "\"*b??\"", "\"foo\"", PSIRT_CPE_REL_DISJOINT, 14 },
	{ "\"9\\.*\"", "\"9\\.3\"", PSIRT_CPE_REL_SUPERSET, 14 },
	{ "\"9\\.*\"", "\"8\\.3\"", PSIRT_CPE_REL_DISJOINT, 14 },
	{ "\"*b??\"", "ANY", PSIRT_CPE_REL_SUBSET, 15 },
	{ "\"*b??\"", "NA", PSIRT_CPE_REL_DISJOINT, 16 },
	{ "\"*b??\"", "\"*b??\"", PSIRT_CPE_REL_UNDEFINED, 17 },
	/* §6.1: case-insensitive */
	{ "\"Microsoft\"", "\"microSOFT\"", PSIRT_CPE_REL_EQUAL, 0 },
	{ "\"*SOFT\"", "\"microsoft\"", PSIRT_CPE_REL_SUPERSET, 0 },
	/* §6.3: '*' zero or more characters, '?' zero or one */
	{ "\"*soft\"", "\"microsoft\"", PSIRT_CPE_REL_SUPERSET, 0 },
	{ "\"micro*\"", "\"micro\"", PSIRT_CPE_REL_SUPERSET, 0 },
	{ "\"*cros*\"", "\"microsoft\"", PSIRT_CPE_REL_SUPERSET, 0 },
	{ "\"*crox*\"", "\"microsoft\"", PSIRT_CPE_REL_DISJOINT, 0 },
	{ "\"?icrosoft\"", "\"microsoft\"", PSIRT_CPE_REL_SUPERSET, 0 },
	{ "\"?microsoft\"", "\"microsoft\"", PSIRT_CPE_REL_SUPERSET, 0 },
	{ "\"?crosoft\"", "\"microsoft\"", PSIRT_CPE_REL_DISJOINT, 0 },
	{ "\"??crosoft\"", "\"microsoft\"", PSIRT_CPE_REL_SUPERSET, 0 },
	{ "\"microso??\"", "\"microsoft\"", PSIRT_CPE_REL_SUPERSET, 0 },
	{ "\"microso?\"", "\"microsoft\"", PSIRT_CPE_REL_DISJOINT, 0 },
	{ "\"?icroso?\"", "\"microsof\"", PSIRT_CPE_REL_SUPERSET, 0 },
	{ "\"*ab\"", "\"abab\"", PSIRT_CPE_REL_SUPERSET, 0 },      /* second occurrence */
	{ "\"ab?\"", "\"abab\"", PSIRT_CPE_REL_DISJOINT, 0 },
	{ "\"?\"", "\"a\"", PSIRT_CPE_REL_SUPERSET, 0 },
	{ "\"?\"", "\"ab\"", PSIRT_CPE_REL_DISJOINT, 0 },
	{ "\"???\"", "\"ab\"", PSIRT_CPE_REL_SUPERSET, 0 },
	{ "\"??\\!\"", "\"\\!\\#\\!\"", PSIRT_CPE_REL_SUPERSET, 0 },
	/* quoted wildcards are literal characters */
	{ "\"foo\\*\"", "\"foo\\*\"", PSIRT_CPE_REL_EQUAL, 0 },
	{ "\"foo\\*\"", "\"foox\"", PSIRT_CPE_REL_DISJOINT, 0 },
	{ "\"foo*\"", "\"foo\\*\"", PSIRT_CPE_REL_SUPERSET, 0 },
	/* §3.2: CPE 2.3 has no prefix property */
	{ "\"3\"", "\"33\\.0\\.1750\\.126\"", PSIRT_CPE_REL_DISJOINT, 0 },
};

static void test_7696_attributes(void **state)
{
	struct ts_suite s = { "7696-table-6-2-attributes", 0, 0 };
	size_t i;

	for (i = 0; i < sizeof attr_cases / sizeof attr_cases[0]; i++) {
		const struct attr_case *c = &attr_cases[i];
		int ok;
		enum psirt_cpe_rel r = vendor_rel(c->source, c->target, &ok);

		ts_case(&s, ok && r == c->want, "line %d: %s vs %s: got %s, want %s", c->line,
		        c->source, c->target, ok ? psirt_cpe_relation_name(r) : "(parse error)",
		        psirt_cpe_relation_name(c->want));
	}
	ts_suite_end(&s);
}

/* NISTIR 7696 Table 6-3 "Attribute Comparison Example". */
static void test_7696_table_6_3(void **state)
{
	static const enum psirt_cpe_rel want[PSIRT_CPE_ATTR__MAX] = {
		PSIRT_CPE_REL_EQUAL, PSIRT_CPE_REL_SUBSET, PSIRT_CPE_REL_SUPERSET,
		PSIRT_CPE_REL_SUPERSET, PSIRT_CPE_REL_SUPERSET, PSIRT_CPE_REL_DISJOINT,
		PSIRT_CPE_REL_EQUAL, PSIRT_CPE_REL_EQUAL, PSIRT_CPE_REL_EQUAL,
		PSIRT_CPE_REL_EQUAL, PSIRT_CPE_REL_EQUAL,
	};
	struct psirt_cpe *s = parse("wfn:[part=\"a\",vendor=\"Adobe\",product=ANY,"
	                            "version=\"9\\.*\",update=ANY,edition=\"PalmOS\"]");
	struct psirt_cpe *t = parse("wfn:[part=\"a\",vendor=ANY,product=\"Reader\","
	                            "version=\"9\\.3\\.2\",update=NA,edition=NA]");
	enum psirt_cpe_rel rels[PSIRT_CPE_ATTR__MAX];
	struct ts_suite suite = { "7696-table-6-3", 0, 0 };
	int a;

	assert_non_null(s);
	assert_non_null(t);
	ts_case(&suite, psirt_cpe_compare_attrs(s, t, rels) == PSIRT_CPE_REL_DISJOINT,
	        "name relation");
	for (a = 0; a < PSIRT_CPE_ATTR__MAX; a++)
		ts_case(&suite, rels[a] == want[a], "%s: got %s, want %s",
		        psirt_cpe_attr_name((enum psirt_cpe_attr)a), psirt_cpe_relation_name(rels[a]),
		        psirt_cpe_relation_name(want[a]));
	psirt_cpe_free(s);
	psirt_cpe_free(t);
	ts_suite_end(&suite);
}

/* NISTIR 7696 §5.2 technical constraints on wildcards, in formatted strings
 * (where a lone "*" is ANY). */
static void test_7696_wildcard_constraints(void **state)
{
	static const char *const legal[] = {
		"?foo", "bar?", "?baz?", "??foo", "bar???", "??baz???", "*", "*foo", "bar*",
		"*baz*", "?foo*", "*bar??",
	};
	static const char *const illegal[] = {
		"foo?bar", "bar??baz", "q??x", "foo*bar", "**foo", "bar***", "*?foobar", "foobar*?",
	};
	struct ts_suite s = { "7696-5.2-wildcards", 0, 0 };
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_cpe *cpe;
	size_t i;

	for (i = 0; i < sizeof legal / sizeof legal[0]; i++) {
		psirt_buf_reset(&b);
		psirt_buf_addf(&b, "cpe:2.3:a:%s:*:*:*:*:*:*:*:*:*", legal[i]);
		cpe = parse(b.p);
		ts_case(&s, cpe != NULL, "%s must be legal", legal[i]);
		psirt_cpe_free(cpe);
	}
	for (i = 0; i < sizeof illegal / sizeof illegal[0]; i++) {
		psirt_buf_reset(&b);
		psirt_buf_addf(&b, "cpe:2.3:a:%s:*:*:*:*:*:*:*:*:*", illegal[i]);
		ts_case(&s, rejects(b.p, 0, NULL), "%s must be illegal", illegal[i]);
	}
	psirt_buf_release(&b);
	ts_suite_end(&s);
}

/* NISTIR 7696 §7.3 contains_wildcards() examples. */
static void test_7696_contains_wildcards(void **state)
{
	static const struct {
		const char *v;
		int want;
	} cases[] = {
		{ "foo", 0 }, { "foo\\?", 0 }, { "foo?", 1 }, { "\\*bar", 0 }, { "*bar", 1 },
	};
	struct ts_suite s = { "7696-7.3-contains-wildcards", 0, 0 };
	struct psirt_buf b = PSIRT_BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct psirt_cpe *cpe;

		psirt_buf_reset(&b);
		psirt_buf_addf(&b, "wfn:[product=\"%s\"]", cases[i].v);
		cpe = parse(b.p);
		ts_case(&s, cpe && psirt_cpe_value_has_wildcards(psirt_cpe_get(cpe, PSIRT_CPE_PRODUCT)) ==
		                       cases[i].want && psirt_cpe_has_wildcards(cpe) == cases[i].want,
		        "%s", cases[i].v);
		psirt_cpe_free(cpe);
	}
	psirt_buf_release(&b);
	ts_suite_end(&s);
}

/* NISTIR 7696 Table 6-4 "Required CPE Name Comparison Relations", on lists of
 * attribute relations, plus the two results we add (UNDEFINED, OVERLAP). */
static void test_7696_table_6_4(void **state)
{
	enum psirt_cpe_rel r[PSIRT_CPE_ATTR__MAX];
	struct ts_suite s = { "7696-table-6-4", 0, 0 };
	int a;

#define FILL(v)                                    \
	do {                                           \
		for (a = 0; a < PSIRT_CPE_ATTR__MAX; a++) \
			r[a] = (v);                            \
	} while (0)
	FILL(PSIRT_CPE_REL_EQUAL);
	ts_case(&s, psirt_cpe_relation_of(r, PSIRT_CPE_ALL_ATTRS) == PSIRT_CPE_REL_EQUAL,
	        "2: all EQUAL");
	r[3] = PSIRT_CPE_REL_SUBSET;
	ts_case(&s, psirt_cpe_relation_of(r, PSIRT_CPE_ALL_ATTRS) == PSIRT_CPE_REL_SUBSET,
	        "3: SUBSET or EQUAL");
	r[4] = PSIRT_CPE_REL_SUPERSET;
	ts_case(&s, psirt_cpe_relation_of(r, PSIRT_CPE_ALL_ATTRS) == PSIRT_CPE_REL_OVERLAP,
	        "SUBSET and SUPERSET: OVERLAP");
	ts_case(&s, psirt_cpe_relation_of(r, PSIRT_CPE_ALL_ATTRS & ~(1u << 3)) ==
	                PSIRT_CPE_REL_SUPERSET, "4: SUPERSET or EQUAL (mask leaves out 3)");
	r[9] = PSIRT_CPE_REL_UNDEFINED;
	ts_case(&s, psirt_cpe_relation_of(r, PSIRT_CPE_ALL_ATTRS) == PSIRT_CPE_REL_UNDEFINED,
	        "UNDEFINED beats the others");
	r[0] = PSIRT_CPE_REL_DISJOINT;
	ts_case(&s, psirt_cpe_relation_of(r, PSIRT_CPE_ALL_ATTRS) == PSIRT_CPE_REL_DISJOINT,
	        "1: any DISJOINT");
	ts_case(&s, psirt_cpe_relation_of(r, 0) == PSIRT_CPE_REL_EQUAL, "empty mask");
	FILL(PSIRT_CPE_REL_SUPERSET);
	ts_case(&s, psirt_cpe_relation_of(r, PSIRT_CPE_ALL_ATTRS) == PSIRT_CPE_REL_SUPERSET,
	        "4: all SUPERSET");
#undef FILL
	ts_suite_end(&s);
}

struct name_case {
	const char *source, *target;
	enum psirt_cpe_rel want;
};

/* Name matching. NISTIR 7696 Appendix B's example (its K2 writes version
 * "5.5" with an unquoted period, which §5.3.2 forbids in a WFN; we quote it)
 * and §6.1's vendor example; then our own names in every binding. */
static const struct name_case name_cases[] = {
	{ "wfn:[part=\"o\",vendor=\"microsoft\",product=\"windows_2000\"]",
	  "wfn:[part=\"o\",vendor=\"microsoft\",product=\"windows_2000\",update=\"sp3\","
	  "edition=\"pro\"]", PSIRT_CPE_REL_SUPERSET },
	{ "wfn:[part=\"o\",vendor=\"microsoft\",product=\"windows_2000\"]",
	  "wfn:[part=\"a\",vendor=\"microsoft\",product=\"ie\",version=\"5\\.5\"]",
	  PSIRT_CPE_REL_DISJOINT },
	{ "wfn:[vendor=ANY]", "wfn:[vendor=\"microsoft\"]", PSIRT_CPE_REL_SUPERSET },
	{ "cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*",
	  "cpe:/a:busybox:busybox:1.36.1", PSIRT_CPE_REL_SUPERSET },
	{ "cpe:/a:busybox:busybox:1.36.1",
	  "cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*", PSIRT_CPE_REL_SUBSET },
	{ "cpe:/a:busybox:busybox:1.36.1",
	  "cpe:2.3:a:BusyBox:busybox:1.36.1:*:*:*:*:*:*:*", PSIRT_CPE_REL_EQUAL },
	{ "cpe:2.3:o:microsoft:windows_?:*:*:*:en-us:home*:-:x64:-",
	  "cpe:2.3:o:microsoft:windows_7:6.1:sp1:*:en-us:home_basic:-:x64:-",
	  PSIRT_CPE_REL_SUPERSET },
	{ "cpe:2.3:o:microsoft:windows_?:*:*:*:en-us:home*:-:x64:-",
	  "cpe:2.3:o:microsoft:windows_7:6.1:sp1:*:en-us:home_basic:-:x32:*",
	  PSIRT_CPE_REL_DISJOINT },
	{ "cpe:2.3:a:adobe:*:9.*:*:PalmOS:*:*:*:*:*",
	  "cpe:2.3:a:*:reader:9.3.2:-:-:*:*:*:*:*", PSIRT_CPE_REL_DISJOINT },
	{ "cpe:2.3:a:adobe:*:9.*:*:*:*:*:*:*:*",
	  "cpe:2.3:a:*:reader:9.3.2:-:-:*:*:*:*:*", PSIRT_CPE_REL_OVERLAP },
	{ "cpe:2.3:a:adobe:reader:9.3.2:*:*:*:*:*:*:*",
	  "cpe:2.3:a:adobe:reader:9.*:*:*:*:*:*:*:*", PSIRT_CPE_REL_UNDEFINED },
	{ "cpe:2.3:a:adobe:flash:9.3.2:*:*:*:*:*:*:*",
	  "cpe:2.3:a:adobe:reader:9.*:*:*:*:*:*:*:*", PSIRT_CPE_REL_DISJOINT },
	{ "cpe:/h:sun", "cpe:/:sun", PSIRT_CPE_REL_SUBSET },
};

static void test_7696_names(void **state)
{
	struct ts_suite s = { "7696-name-matching", 0, 0 };
	size_t i;

	for (i = 0; i < sizeof name_cases / sizeof name_cases[0]; i++) {
		const struct name_case *c = &name_cases[i];
		struct psirt_cpe *src = parse(c->source), *tgt = parse(c->target);
		enum psirt_cpe_rel r = src && tgt ? psirt_cpe_compare(src, tgt) : PSIRT_CPE_REL__MAX;
		int preds = src && tgt &&
		            psirt_cpe_disjoint(src, tgt) == (c->want == PSIRT_CPE_REL_DISJOINT) &&
		            psirt_cpe_equal(src, tgt) == (c->want == PSIRT_CPE_REL_EQUAL) &&
		            psirt_cpe_subset(src, tgt) == (c->want == PSIRT_CPE_REL_SUBSET ||
		                                           c->want == PSIRT_CPE_REL_EQUAL) &&
		            psirt_cpe_superset(src, tgt) == (c->want == PSIRT_CPE_REL_SUPERSET ||
		                                             c->want == PSIRT_CPE_REL_EQUAL);

		ts_case(&s, r == c->want && preds, "%s vs %s: got %s, want %s", c->source,
		        c->target, r < PSIRT_CPE_REL__MAX ? psirt_cpe_relation_name(r) : "(parse error)",
		        psirt_cpe_relation_name(c->want));
		psirt_cpe_free(src);
		psirt_cpe_free(tgt);
	}
	ts_suite_end(&s);
}

/* ---- the API's other promises ------------------------------------------- */

static void test_storage_and_accessors(void **state)
{
	static const char fs[] = "cpe:2.3:a:foo\\\\bar:big\\$money:8.0.*:*:*:*:*:*:*:*";
	struct psirt_arena arena;
	struct psirt_cpe *cpe = NULL;
	union {
		struct psirt_cpe cpe;
		char bytes[PSIRT_CPE_SIZE(sizeof fs)];
	} buf;
	struct psirt_str v;
	char *out;

	/* caller memory: too small is refused, enough is used as is */
	assert_int_equal(psirt_cpe_parse_into(&buf.cpe, sizeof(struct psirt_cpe),
	                                      psirt_str_c(fs), NULL), PSIRT_ETOOBIG);
	assert_int_equal(psirt_cpe_parse_into(&buf.cpe, sizeof buf, psirt_str_c(fs), NULL),
	                 PSIRT_OK);
	v = psirt_cpe_body(&buf.cpe, PSIRT_CPE_VENDOR);
	assert_int_equal(v.len, 7);
	assert_memory_equal(v.p, "foo\\bar", 7);
	assert_int_equal(v.p[v.len], '\0');
	v = psirt_cpe_body(&buf.cpe, PSIRT_CPE_VERSION);
	assert_int_equal(v.len, 4);
	assert_memory_equal(v.p, "8.0.", 4);
	assert_int_equal(psirt_cpe_get(&buf.cpe, PSIRT_CPE_VERSION)->trail, PSIRT_CPE_STAR);
	assert_int_equal(psirt_cpe_body(&buf.cpe, PSIRT_CPE_UPDATE).len, 0);
	assert_true(psirt_cpe_attr_is(&buf.cpe, PSIRT_CPE_PRODUCT, psirt_str_c("BIG$money")));
	assert_false(psirt_cpe_attr_is(&buf.cpe, PSIRT_CPE_VERSION, psirt_str_c("8.0.")));
	assert_int_equal(psirt_cpe_part(&buf.cpe), 'a');
	assert_true(psirt_cpe_has_wildcards(&buf.cpe));
	/* views need not be NUL-terminated: only the first len bytes count */
	assert_int_equal(psirt_cpe_parse_into(&buf.cpe, sizeof buf,
	                                      psirt_str_make("cpe:/o:linux:linux_kernelXYZ", 25),
	                                      NULL), PSIRT_OK);
	assert_true(psirt_cpe_attr_is(&buf.cpe, PSIRT_CPE_PRODUCT, psirt_str_c("linux_kernel")));
	assert_int_equal(psirt_cpe_part(&buf.cpe), 'o');
	/* the arena */
	psirt_arena_init(&arena, 0);
	assert_int_equal(psirt_cpe_parse_arena(&arena, psirt_str_c("cpe:/h:sun::-"), &cpe, NULL),
	                 PSIRT_OK);
	assert_int_equal(psirt_cpe_part(cpe), 'h');
	assert_int_equal(psirt_cpe_get(cpe, PSIRT_CPE_VERSION)->kind, PSIRT_CPE_NA);
	assert_int_equal(psirt_cpe_get(cpe, PSIRT_CPE_PRODUCT)->kind, PSIRT_CPE_ANY);
	assert_false(psirt_cpe_has_wildcards(cpe));
	out = fmt(cpe, psirt_cpe_format_fs);
	assert_string_equal(out, "cpe:2.3:h:sun:*:-:*:*:*:*:*:*:*");
	free(out);
	assert_int_equal(psirt_cpe_parse_arena(&arena, psirt_str_c("cpe:/x"), &cpe, NULL),
	                 PSIRT_EINVAL);
	assert_null(cpe);
	psirt_arena_release(&arena);
	/* names */
	assert_string_equal(psirt_cpe_attr_name(PSIRT_CPE_TARGET_HW), "target_hw");
	assert_null(psirt_cpe_attr_name(PSIRT_CPE_ATTR__MAX));
	assert_string_equal(psirt_cpe_relation_name(PSIRT_CPE_REL_SUPERSET), "SUPERSET");
	assert_null(psirt_cpe_relation_name(PSIRT_CPE_REL__MAX));
}

/* ---- fixture suites ----------------------------------------------------- */

/* OASIS CSAF 2.1 test data (tests/data/cpe/csaf-*.txt): names the CSAF CPE
 * pattern must accept or reject. */
static void test_csaf(void **state)
{
	/* The one deliberate difference: "???" as a whole value. CSAF's pattern
	 * (like NISTIR 7695 Figure 6-3) wants a non-wildcard character, but
	 * §5.3.2 rule 4 allows a question mark "by itself" and repeated, and the
	 * unbind_fs pseudocode accepts it; we follow §5.3.2. */
	static const char deliberately_accepted[] = "cpe:2.3:a:???:*:*:*:*:de:*:*:*:*";
	struct ts_suite valid = { "csaf-2.1-valid-cpe", 0, 0 };
	struct ts_suite invalid = { "csaf-2.1-invalid-cpe", 0, 0 };
	char *text, *cur, *line;
	unsigned long diverged = 0;

	text = ts_read_file("cpe/csaf-valid-cpe.txt", NULL);
	for (cur = text; (line = ts_next_line(&cur));) {
		struct psirt_cpe *cpe = parse(line);
		char *fs = cpe ? fmt(cpe, psirt_cpe_format_fs) : NULL;
		char *again = fs ? conv(fs, psirt_cpe_format_fs) : NULL;

		ts_case(&valid, cpe && streq(again, fs), "%s must be accepted and re-bind stably",
		        line);
		psirt_cpe_free(cpe);
		free(fs);
		free(again);
	}
	free(text);
	text = ts_read_file("cpe/csaf-invalid-cpe.txt", NULL);
	for (cur = text; (line = ts_next_line(&cur));) {
		if (!strcmp(line, deliberately_accepted)) {
			struct psirt_cpe *cpe = parse(line);

			ts_case(&invalid, cpe != NULL, "%s: accepted on purpose (NISTIR 7695 §5.3.2)",
			        line);
			diverged++;
			psirt_cpe_free(cpe);
			continue;
		}
		ts_case(&invalid, rejects(line, 0, NULL), "%s must be rejected", line);
	}
	free(text);
	printf("csaf-2.1-invalid-cpe: %lu case accepted on purpose (see test_csaf)\n", diverged);
	ts_case(&invalid, diverged == 1, "the deliberate case is in the file");
	ts_suite_end(&valid);
	ts_suite_end(&invalid);
}

/* Undoes the five predefined XML entities in place. */
static void xml_unescape(char *s)
{
	static const struct {
		const char *ent;
		char c;
	} ents[] = { { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' },
	             { "&apos;", '\'' } };
	char *w = s;
	size_t i;

	while (*s) {
		for (i = 0; i < sizeof ents / sizeof ents[0]; i++) {
			if (!strncmp(s, ents[i].ent, strlen(ents[i].ent)))
				break;
		}
		if (i < sizeof ents / sizeof ents[0]) {
			*w++ = ents[i].c;
			s += strlen(ents[i].ent);
		} else {
			*w++ = *s++;
		}
	}
	*w = '\0';
}

/* The value of attribute name="..." after *cur; advances *cur. NULL at end. */
static char *xml_attr_after(char **cur, const char *tag)
{
	char *p = strstr(*cur, tag), *q, *end;

	if (!p)
		return NULL;
	q = strstr(p, "name=\"");
	if (!q)
		return NULL;
	q += 6;
	end = strchr(q, '"');
	if (!end)
		return NULL;
	*end = '\0';
	*cur = end + 1;
	xml_unescape(q);
	return q;
}

/* The NVD CPE dictionary sample: each cpe-item carries its CPE 2.2 URI and
 * its CPE 2.3 formatted string; each converts to the other (NISTIR 7695 §7). */
static void test_nvd_dictionary(void **state)
{
	struct ts_suite s = { "nvd-dictionary-uri-fs", 0, 0 };
	char *text = ts_read_file("cpe/official-cpe-dictionary_v2.3-sample.xml", NULL);
	char *cur = text, *uri, *fs;

	while ((uri = xml_attr_after(&cur, "<cpe-item "))) {
		char *got_fs, *got_uri;

		fs = xml_attr_after(&cur, "<cpe-23:cpe23-item ");
		if (!fs)
			fail_msg("cpe-item %s without cpe23-item", uri);
		got_fs = conv(uri, psirt_cpe_format_fs);
		got_uri = conv(fs, psirt_cpe_format_uri);
		ts_case(&s, streq(got_fs, fs), "%s: got %s, want %s", uri,
		        got_fs ? got_fs : "(parse error)", fs);
		ts_case(&s, streq(got_uri, uri), "%s: got %s, want %s", fs,
		        got_uri ? got_uri : "(parse error)", uri);
		free(got_fs);
		free(got_uri);
	}
	free(text);
	ts_suite_end(&s);
}

/* Real formatted strings from NVD's CPE and match-criteria APIs and CVE
 * records: each parses, binds back to itself, and survives the URI. */
static void test_nvd_names(void **state)
{
	struct ts_suite s = { "nvd-cpe-names", 0, 0 };
	char *text = ts_read_file("cpe/nvd-cpe-names.txt", NULL), *cur = text, *line;

	while ((line = ts_next_line(&cur))) {
		struct psirt_cpe *cpe = parse(line);
		char *fs = cpe ? fmt(cpe, psirt_cpe_format_fs) : NULL;
		char *uri = cpe ? fmt(cpe, psirt_cpe_format_uri) : NULL;
		char *back = uri ? conv(uri, psirt_cpe_format_fs) : NULL;

		ts_case(&s, streq(fs, line), "%s: FS %s", line, fs ? fs : "(parse error)");
		ts_case(&s, streq_ci(back, line), "%s: via %s: %s", line, uri ? uri : "-",
		        back ? back : "(parse error)");
		psirt_cpe_free(cpe);
		free(fs);
		free(uri);
		free(back);
	}
	free(text);
	ts_suite_end(&s);
}

/* NVD match criteria and the CPE names NVD lists as their matches: the
 * criterion is a superset of (or equal to) each name (NISTIR 7696 App. B). */
static void test_nvd_match_pairs(void **state)
{
	struct ts_suite s = { "nvd-match-pairs", 0, 0 };
	char *text = ts_read_file("cpe/nvd-match-pairs.txt", NULL), *cur = text, *line;

	while ((line = ts_next_line(&cur))) {
		char *tab = strchr(line, '\t');
		struct psirt_cpe *crit, *name;

		if (!tab)
			fail_msg("bad line %s", line);
		*tab = '\0';
		crit = parse(line);
		name = parse(tab + 1);
		ts_case(&s, crit && name && psirt_cpe_superset(crit, name), "%s vs %s: %s", line,
		        tab + 1,
		        crit && name ? psirt_cpe_relation_name(psirt_cpe_compare(crit, name))
		                     : "(parse error)");
		psirt_cpe_free(crit);
		psirt_cpe_free(name);
	}
	free(text);
	ts_suite_end(&s);
}

/* CPE 2.2 URIs from JVN iPedia feeds: each parses and binds back to itself,
 * also through the formatted string. */
static void test_jvn_uris(void **state)
{
	struct ts_suite s = { "jvn-cpe-uris", 0, 0 };
	char *text = ts_read_file("cpe/jvn-cpe-uris.txt", NULL), *cur = text, *line;

	while ((line = ts_next_line(&cur))) {
		char *uri = conv(line, psirt_cpe_format_uri);
		char *fs = conv(line, psirt_cpe_format_fs);
		char *back = fs ? conv(fs, psirt_cpe_format_uri) : NULL;

		ts_case(&s, streq(uri, line) && streq(back, line), "%s: %s, via %s: %s", line,
		        uri ? uri : "(parse error)", fs ? fs : "-", back ? back : "-");
		free(uri);
		free(fs);
		free(back);
	}
	free(text);
	ts_suite_end(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_7695_bind_uri),
		cmocka_unit_test(test_7695_unbind_uri),
		cmocka_unit_test(test_7695_bind_fs),
		cmocka_unit_test(test_7695_unbind_fs),
		cmocka_unit_test(test_wfn_canonical),
		cmocka_unit_test(test_7695_value_strings),
		cmocka_unit_test(test_7695_round_trips),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_error_messages),
		cmocka_unit_test(test_7696_attributes),
		cmocka_unit_test(test_7696_table_6_3),
		cmocka_unit_test(test_7696_wildcard_constraints),
		cmocka_unit_test(test_7696_contains_wildcards),
		cmocka_unit_test(test_7696_table_6_4),
		cmocka_unit_test(test_7696_names),
		cmocka_unit_test(test_storage_and_accessors),
		cmocka_unit_test(test_csaf),
		cmocka_unit_test(test_nvd_dictionary),
		cmocka_unit_test(test_nvd_names),
		cmocka_unit_test(test_nvd_match_pairs),
		cmocka_unit_test(test_jvn_uris),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
