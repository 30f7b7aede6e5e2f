/* The web UI's dictionaries (web/i18n.js): every English key has a Japanese
 * text and the other way round, no key is given twice in one language, and
 * both texts of a key use the same {placeholders} (t() fills them by name).
 * Read as text: the file is an ES module, one "'key': 'text'," per line
 * inside "  en: {" and "  ja: {" (checked here too, so that a line in another
 * shape cannot hide a key). Every key the pages name literally (t('x'),
 * tOr('x', ...), tNodes('x', ...), has('x')) has an English text. Run from
 * the repository's root, as make check does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/support.h"

struct entry {
	char *key, *text;
};

struct dict {
	struct entry *e;
	size_t n, cap;
};

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		p = malloc((size_t)n + 1);
		if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
			free(p);
			p = NULL;
		} else if (p) {
			p[n] = '\0';
		}
	}
	fclose(f);
	return p;
}

/* "    'key': 'text'," (text may hold \' escapes): key and text, or -1. */
static int parse_line(char *line, char **key, char **text)
{
	char *p = line, *k, *t;

	while (*p == ' ')
		p++;
	if (*p != '\'')
		return -1;
	k = ++p;
	p = strchr(p, '\'');
	if (!p || p[1] != ':' || p[2] != ' ' || p[3] != '\'')
		return -1;
	*p = '\0';
	t = p + 4;
	for (p = t; *p && *p != '\''; p++) {
		if (*p == '\\' && p[1])
			p++;
	}
	if (*p != '\'' || strcmp(p + 1, ","))
		return -1;
	*p = '\0';
	*key = k;
	*text = t;
	return 0;
}

static const struct entry *find(const struct dict *d, const char *key)
{
	for (size_t i = 0; i < d->n; i++) {
		if (!strcmp(d->e[i].key, key))
			return &d->e[i];
	}
	return NULL;
}

/* The {names} of a text, sorted, one string "a,b,". */
static void placeholders(const char *s, char *out, size_t cap)
{
	const char *names[32];
	size_t lens[32], n = 0, i, j, used = 0;

	for (const char *p = strchr(s, '{'); p && n < 32; p = strchr(p + 1, '{')) {
		const char *e = p + 1;

		while ((*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') || (*e >= '0' && *e <= '9') ||
		       *e == '_')
			e++;
		if (*e == '}' && e > p + 1) {
			names[n] = p + 1;
			lens[n++] = (size_t)(e - p - 1);
		}
	}
	for (i = 1; i < n; i++) {
		for (j = i; j > 0 && strncmp(names[j - 1], names[j], lens[j] > lens[j - 1] ? lens[j] : lens[j - 1]) > 0; j--) {
			const char *tn = names[j];
			size_t tl = lens[j];

			names[j] = names[j - 1];
			lens[j] = lens[j - 1];
			names[j - 1] = tn;
			lens[j - 1] = tl;
		}
	}
	out[0] = '\0';
	for (i = 0; i < n && used + lens[i] + 2 < cap; i++) {
		if (i && lens[i] == lens[i - 1] && !memcmp(names[i], names[i - 1], lens[i]))
			continue;
		memcpy(out + used, names[i], lens[i]);
		used += lens[i];
		out[used++] = ',';
		out[used] = '\0';
	}
}

/* The literal keys of t('key'), tOr('key', ...), tNodes('key', ...) and
 * has('key') in the pages; a key built at run time ('state.' + s) is not
 * checked here. */
static void used_keys(struct ts_suite *suite, const struct dict *en)
{
	static const char *const files[] = { "web/pages.js", "web/app.js", "web/dom.js", "web/api.js" };
	static const char *const calls[] = { "t('", "tOr('", "tNodes('", "has('" };
	size_t n = 0;

	for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
		char *text = slurp(files[f]);

		ts_case(suite, text != NULL, "%s: cannot read it", files[f]);
		for (size_t c = 0; text && c < sizeof calls / sizeof calls[0]; c++) {
			for (char *p = strstr(text, calls[c]); p; p = strstr(p + 1, calls[c])) {
				char *k = p + strlen(calls[c]), *e = strchr(k, '\'');
				char key[128];

				/* a call, not the end of a longer name (fmt('…), nor 'x' + y */
				if (p > text && ((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' && p[-1] <= 'Z') ||
				                 p[-1] == '_' || p[-1] == '.'))
					continue;
				if (!e || (e[1] != ')' && e[1] != ',') || (size_t)(e - k) >= sizeof key)
					continue;
				memcpy(key, k, (size_t)(e - k));
				key[e - k] = '\0';
				n++;
				ts_case(suite, find(en, key) != NULL, "%s: key '%s' has no English text",
				        files[f], key);
			}
		}
		free(text);
	}
	/* the pages call t() hundreds of times: finding none means a broken scan */
	ts_case(suite, n > 100, "only %zu literal keys found in the pages", n);
}

static void test_dictionaries(void **state)
{
	struct ts_suite suite = { "i18n keys", 0, 0 };
	char *text = slurp("web/i18n.js"), *cur, *line;
	struct dict d[2] = { { 0 } }, *in = NULL;
	const char *lang[2] = { "en", "ja" };
	int seen[2] = { 0, 0 };
	size_t i;

	(void)state;
	if (!text)
		fail_msg("web/i18n.js: cannot read it (run from the repository's root)");
	cur = text;
	while ((line = ts_next_line(&cur))) {
		char *k, *t;

		if (!strcmp(line, "  en: {") || !strcmp(line, "  ja: {")) {
			in = &d[line[2] == 'j'];
			seen[line[2] == 'j'] = 1;
			continue;
		}
		if (!in)
			continue;
		if (!strcmp(line, "  },") || !strcmp(line, "  }")) {
			in = NULL;
			continue;
		}
		if (!line[strspn(line, " ")] || !strncmp(line + strspn(line, " "), "//", 2))
			continue;
		if (parse_line(line, &k, &t)) {
			ts_case(&suite, 0, "%s: a line not in the shape 'key': 'text',: %s",
			        lang[in - d], line);
			continue;
		}
		ts_case(&suite, !find(in, k), "%s: '%s' given twice", lang[in - d], k);
		if (in->n == in->cap) {
			in->cap = in->cap ? in->cap * 2 : 256;
			in->e = realloc(in->e, in->cap * sizeof *in->e);
			assert_non_null(in->e);
		}
		in->e[in->n++] = (struct entry){ k, t };
	}
	assert_true(seen[0] && seen[1]);
	/* a dictionary that lost its lines would pass every check below */
	assert_true(d[0].n > 200);
	for (i = 0; i < d[0].n; i++) {
		const struct entry *ja = find(&d[1], d[0].e[i].key);
		char pe[256], pj[256];

		ts_case(&suite, ja != NULL, "ja: no text for '%s' (en: %s)", d[0].e[i].key,
		        d[0].e[i].text);
		if (!ja)
			continue;
		ts_case(&suite, *ja->text != '\0', "ja: '%s' is empty", ja->key);
		placeholders(d[0].e[i].text, pe, sizeof pe);
		placeholders(ja->text, pj, sizeof pj);
		ts_case(&suite, !strcmp(pe, pj), "'%s': placeholders differ (en {%s}, ja {%s})",
		        ja->key, pe, pj);
	}
	for (i = 0; i < d[1].n; i++)
		ts_case(&suite, find(&d[0], d[1].e[i].key) != NULL, "ja: '%s' has no English text",
		        d[1].e[i].key);
	used_keys(&suite, &d[0]);
	free(d[0].e);
	free(d[1].e);
	free(text);
	ts_suite_end(&suite);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dictionaries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
