/* Unit tests of src/triage/ssvc.c and its generated tables: every row of
 * every published decision table (JSON and CSV) evaluates as published, the
 * trees compose their sub-tables, the data keeps SSVC's names and versions,
 * derivations map evidence as documented, and bad input gets exact errors. */
#include <stdlib.h>
#include <string.h>

#include "support/support.h"
#include "psirt/buf.h"
#include "psirt/policy.h"
#include "psirt/portfolio.h"
#include "psirt/ssvc.h"

static const struct psirt_ssvc_point *P(const char *key)
{
	const struct psirt_ssvc_point *p = psirt_ssvc_point_find(psirt_str_c(key));

	if (!p)
		fail_msg("no decision point %s", key);
	return p;
}

static unsigned V(const char *point, const char *value)
{
	int v = psirt_ssvc_value_find(P(point), psirt_str_c(value));

	if (v < 0)
		fail_msg("no value %s of %s", value, point);
	return (unsigned)v;
}

/* The fixtures: each table psirt ships, with its CSV where SSVC has one. */
static const struct {
	const char *json, *csv, *id;
} fixtures[] = {
    {"ssvc/json/decision_tables/ssvc/supplier_patch_development_priority_1_0_0.json",
     "ssvc/csv/ssvc/supplier_patch_development_priority_1_0_0.csv", "ssvc:DT_SP:1.0.0"},
    {"ssvc/json/decision_tables/ssvc/deployer_patch_application_priority_1_0_0.json",
     "ssvc/csv/ssvc/deployer_patch_application_priority_1_0_0.csv", "ssvc:DT_DP:1.0.0"},
    {"ssvc/json/decision_tables/cisa/cisa_coordinator_2_0_3.json",
     "ssvc/csv/cisa/cisa_coordinator_2_0_3.csv", "cisa:DT_CO:2.0.3"},
    {"ssvc/json/decision_tables/ssvc/utility_1_0_0.json", "ssvc/csv/ssvc/utility_1_0_0.csv",
     "ssvc:DT_U:1.0.0"},
    {"ssvc/json/decision_tables/ssvc/public_safety_impact_1_0_0.json",
     "ssvc/csv/ssvc/public_safety_impact_1_0_0.csv", "ssvc:DT_PSI:1.0.0"},
    {"ssvc/json/decision_tables/ssvc/human_impact_1_0_0.json",
     "ssvc/csv/ssvc/human_impact_1_0_0.csv", "ssvc:DT_HI:1.0.0"},
    /* psirt's transcription (tests/data/ssvc/PROVENANCE.md): no SSVC CSV */
    {"ssvc/json/decision_tables/x_psirt/mission_and_well_being_impact_1_0_0.json", NULL,
     "x_psirt:DT_MWI:1.0.0"},
};
#define NFIXTURES (sizeof fixtures / sizeof fixtures[0])

static const char *jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* The compiled point equals the published one: names, keys, definitions. */
static int same_point(const struct psirt_ssvc_point *p, json_t *j)
{
	json_t *values = json_object_get(j, "values");
	size_t i;

	if (strcmp(p->ns, jstr(j, "namespace")) || strcmp(p->key, jstr(j, "key")) ||
	    strcmp(p->version, jstr(j, "version")) || strcmp(p->name, jstr(j, "name")) ||
	    strcmp(p->definition, jstr(j, "definition")) || json_array_size(values) != p->nvalues)
		return 0;
	for (i = 0; i < p->nvalues; i++) {
		json_t *v = json_array_get(values, i);

		if (strcmp(p->values[i].key, jstr(v, "key")) ||
		    strcmp(p->values[i].name, jstr(v, "name")) ||
		    strcmp(p->values[i].definition, jstr(v, "definition")))
			return 0;
	}
	return 1;
}

static const struct psirt_ssvc_tree *tree_of(const struct psirt_ssvc_table *t)
{
	const struct psirt_ssvc_tree *tree;
	size_t i;

	for (i = 0; (tree = psirt_ssvc_tree_at(i)); i++) {
		if (tree->table == t)
			return tree;
	}
	return NULL;
}

/* Every JSON mapping row, through psirt_ssvc_table_eval and (for a tree's
 * table) through psirt_ssvc_eval with the row's values given directly. */
static void test_json_tables(void **state)
{
	size_t f, i, r;
	char name[128];

	for (f = 0; f < NFIXTURES; f++) {
		json_t *doc = ts_load_json(fixtures[f].json), *points, *mapping, *row;
		const struct psirt_ssvc_table *t =
		    psirt_ssvc_table_find(psirt_str_c(fixtures[f].id));
		const struct psirt_ssvc_tree *tree;
		struct ts_suite s;

		assert_non_null(t);
		tree = tree_of(t);
		snprintf(name, sizeof name, "ssvc json %s%s%s", t->id, tree ? " tree " : "",
		         tree ? tree->name : "");
		s.name = name;
		s.cases = s.failed = 0;
		/* the table itself: id, name, points in published order */
		points = json_object_get(doc, "decision_points");
		ts_case(&s,
		        !strcmp(t->ns, jstr(doc, "namespace")) &&
		            !strcmp(t->key, jstr(doc, "key")) &&
		            !strcmp(t->version, jstr(doc, "version")) &&
		            !strcmp(t->name, jstr(doc, "name")) &&
		            !strcmp(t->definition, jstr(doc, "definition")) &&
		            !strcmp(t->outcome->id, jstr(doc, "outcome")) &&
		            json_object_size(points) == t->ninputs + 1u,
		        "%s: table header", t->id);
		for (i = 0; i < t->ninputs; i++)
			ts_case(&s,
			        same_point(t->inputs[i], json_object_get(points, t->inputs[i]->id)),
			        "%s: point %s as published", t->id, t->inputs[i]->id);
		ts_case(&s, same_point(t->outcome, json_object_get(points, t->outcome->id)),
		        "%s: outcome %s as published", t->id, t->outcome->id);
		mapping = json_object_get(doc, "mapping");
		ts_case(&s, json_array_size(mapping) == t->nrows, "%s: %zu rows, compiled %u",
		        t->id, json_array_size(mapping), t->nrows);
		json_array_foreach(mapping, r, row)
		{
			unsigned char values[PSIRT_SSVC_MAX_POINTS];
			struct psirt_ssvc_inputs in;
			struct psirt_ssvc_result res;
			unsigned outcome = 99;
			int want = psirt_ssvc_value_find(t->outcome,
			                                 psirt_str_c(jstr(row, t->outcome->id)));
			int ok = want >= 0;

			psirt_ssvc_inputs_init(&in);
			for (i = 0; i < t->ninputs; i++) {
				int v = psirt_ssvc_value_find(
				    t->inputs[i], psirt_str_c(jstr(row, t->inputs[i]->id)));

				ok = ok && v >= 0;
				values[i] = (unsigned char)(v < 0 ? 0 : v);
				if (v >= 0)
					psirt_ssvc_set(&in, t->inputs[i], (unsigned)v,
					               PSIRT_SSVC_GIVEN, NULL, NULL);
			}
			ok = ok && psirt_ssvc_table_eval(t, values, &outcome) == PSIRT_OK &&
			     (int)outcome == want;
			if (tree)
				ok = ok && psirt_ssvc_eval(tree, &in, &res, NULL) == PSIRT_OK &&
				     res.outcome == outcome && res.nsteps == t->ninputs;
			ts_case(&s, ok, "%s row %zu: outcome %u, published %s", t->id, r, outcome,
			        jstr(row, t->outcome->id));
			psirt_ssvc_inputs_release(&in);
		}
		ts_suite_end(&s);
		json_decref(doc);
	}
}

/* Splits one CSV line in place (fields quoted with '"' may hold commas). */
static int csv_split(char *line, char **fields, int max)
{
	int n = 0;
	char *p = line;

	while (n < max) {
		if (*p == '"') {
			fields[n++] = ++p;
			p = strchr(p, '"');
			if (!p)
				return -1;
			*p++ = '\0';
		} else {
			fields[n++] = p;
			p += strcspn(p, ",");
		}
		if (*p != ',')
			break;
		*p++ = '\0';
	}
	return n;
}

/* "Exploitation v1.1.0" or "CISA Levels v1.1.0 (cisa)" -> the point. */
static const struct psirt_ssvc_point *csv_point(char *header)
{
	char *v = strstr(header, " v"), *paren;
	const struct psirt_ssvc_point *p;

	if (!v)
		return NULL;
	*v = '\0';
	paren = strchr(v + 2, ' ');
	if (paren)
		*paren = '\0';
	p = psirt_ssvc_point_find(psirt_str_c(header));
	return p && !strcmp(p->version, v + 2) ? p : NULL;
}

/* Every CSV row (values by lower-case name, as the CSVs write them). */
static void test_csv_tables(void **state)
{
	size_t f;
	char name[128];

	for (f = 0; f < NFIXTURES; f++) {
		const struct psirt_ssvc_table *t =
		    psirt_ssvc_table_find(psirt_str_c(fixtures[f].id));
		const struct psirt_ssvc_point *cols[8];
		char *text, *cursor, *line, *fields[10];
		struct ts_suite s;
		int n, i, header_ok = 1;

		if (!fixtures[f].csv)
			continue;
		assert_non_null(t);
		snprintf(name, sizeof name, "ssvc csv %s", t->id);
		s.name = name;
		s.cases = s.failed = 0;
		text = ts_read_file(fixtures[f].csv, NULL);
		cursor = text;
		line = ts_next_line(&cursor);
		n = csv_split(line, fields, 10);
		/* "row", the inputs in table order, the outcome */
		header_ok = n == t->ninputs + 2 && !strcmp(fields[0], "row");
		for (i = 1; header_ok && i < n; i++) {
			cols[i - 1] = csv_point(fields[i]);
			header_ok =
			    cols[i - 1] == (i - 1 < t->ninputs ? t->inputs[i - 1] : t->outcome);
		}
		ts_case(&s, header_ok, "%s: CSV header names the table's points", t->id);
		while (header_ok && (line = ts_next_line(&cursor))) {
			unsigned char values[PSIRT_SSVC_MAX_POINTS];
			unsigned outcome = 99;
			int want, ok = 1;

			if (!*line)
				continue;
			n = csv_split(line, fields, 10);
			if (n != t->ninputs + 2) {
				ts_case(&s, 0, "%s: row %s has %d fields", t->id, fields[0], n);
				continue;
			}
			for (i = 0; i < t->ninputs; i++) {
				int v = psirt_ssvc_value_find(cols[i], psirt_str_c(fields[i + 1]));

				ok = ok && v >= 0;
				values[i] = (unsigned char)(v < 0 ? 0 : v);
			}
			want = psirt_ssvc_value_find(t->outcome, psirt_str_c(fields[n - 1]));
			ok = ok && want >= 0 &&
			     psirt_ssvc_table_eval(t, values, &outcome) == PSIRT_OK &&
			     (int)outcome == want;
			ts_case(&s, ok, "%s: row %s: outcome %u, published %s", t->id, fields[0],
			        outcome, fields[n - 1]);
		}
		free(text);
		ts_suite_end(&s);
	}
}

/* Fills in[] with the leaf combination number k of table t (recursively:
 * inputs with a sub-table take their sub-table's leaves); returns the
 * expected outcome computed table by table. */
static unsigned leaves(const struct psirt_ssvc_table *t, unsigned long *k,
                       struct psirt_ssvc_inputs *in)
{
	unsigned char values[PSIRT_SSVC_MAX_POINTS];
	unsigned i, out = 0;

	for (i = t->ninputs; i-- > 0;) {
		if (t->sub[i]) {
			values[i] = (unsigned char)leaves(t->sub[i], k, in);
		} else {
			values[i] = (unsigned char)(*k % t->inputs[i]->nvalues);
			*k /= t->inputs[i]->nvalues;
			psirt_ssvc_set(in, t->inputs[i], values[i], PSIRT_SSVC_GIVEN, NULL, NULL);
		}
	}
	psirt_ssvc_table_eval(t, values, &out);
	return out;
}

static unsigned long combinations(const struct psirt_ssvc_table *t)
{
	unsigned long n = 1;
	unsigned i;

	for (i = 0; i < t->ninputs; i++)
		n *= t->sub[i] ? combinations(t->sub[i]) : t->inputs[i]->nvalues;
	return n;
}

/* Trees from leaf inputs only: the composite points are computed by their
 * sub-tables, and the path shows them computed, one depth up. */
static void test_tree_composition(void **state)
{
	const struct psirt_ssvc_tree *tree;
	size_t ti;
	char name[64];

	for (ti = 0; (tree = psirt_ssvc_tree_at(ti)); ti++) {
		unsigned long k, n = combinations(tree->table);
		struct ts_suite s;

		snprintf(name, sizeof name, "ssvc tree %s from leaves", tree->name);
		s.name = name;
		s.cases = s.failed = 0;
		for (k = 0; k < n; k++) {
			struct psirt_ssvc_inputs in;
			struct psirt_ssvc_result res;
			unsigned long rest = k;
			unsigned want, i, computed = 0;
			int ok;

			psirt_ssvc_inputs_init(&in);
			want = leaves(tree->table, &rest, &in);
			ok = psirt_ssvc_eval(tree, &in, &res, NULL) == PSIRT_OK &&
			     res.outcome == want;
			for (i = 0; ok && i < res.nsteps; i++) {
				const struct psirt_ssvc_step *st = &res.steps[i];

				if (st->origin == PSIRT_SSVC_COMPUTED) {
					computed++;
					ok = st->table && !strcmp(st->source, st->table->id) &&
					     i + 1 < res.nsteps &&
					     res.steps[i + 1].depth == st->depth + 1;
				} else {
					ok = st->origin == PSIRT_SSVC_GIVEN;
				}
			}
			ts_case(&s, ok && computed > 0, "%s combination %lu", tree->name, k);
			psirt_ssvc_inputs_release(&in);
		}
		ts_suite_end(&s);
	}
}

static void test_lookups(void **state)
{
	const struct psirt_ssvc_point *e = P("E");
	size_t n;

	assert_string_equal(e->id, "ssvc:E:1.1.0");
	assert_ptr_equal(psirt_ssvc_point_find(psirt_str_c("ssvc:E:1.1.0")), e);
	assert_ptr_equal(psirt_ssvc_point_find(psirt_str_c("exploitation")), e);
	assert_ptr_equal(psirt_ssvc_point_find(psirt_str_c("public_safety-IMPACT")), P("PSI"));
	assert_ptr_equal(psirt_ssvc_point_find(psirt_str_c("cisa:MP:1.0.0")), P("MP"));
	assert_null(psirt_ssvc_point_find(psirt_str_c("e"))); /* keys are exact */
	assert_null(psirt_ssvc_point_find(psirt_str_c("Exploitatio")));
	assert_null(psirt_ssvc_point_find(psirt_str_c("ssvc:E:1.0.0")));
	assert_int_equal(V("E", "P"), 1);
	assert_int_equal(V("E", "public poc"), 1);
	assert_int_equal(V("E", "Public_PoC"), 1);
	assert_int_equal(V("E", "a"), 2); /* a key in the wrong case, last resort */
	assert_int_equal(V("CISA", "T*"), 1);
	assert_int_equal(V("CISA", "track*"), 1);
	assert_int_equal(V("CISA", "AT"), 2);
	assert_int_equal(V("DSOI", "out-of-cycle"), 2);
	assert_int_equal(V("DSOI", "Out of Cycle"), 2);
	assert_int_equal(psirt_ssvc_value_find(e, psirt_str_c("activ")), -1);
	assert_int_equal(psirt_ssvc_value_find(e, psirt_str_c("")), -1);

	assert_string_equal(psirt_ssvc_tree_find(psirt_str_c("supplier"))->table->id,
	                    "ssvc:DT_SP:1.0.0");
	assert_string_equal(psirt_ssvc_tree_find(psirt_str_c("Deployer"))->table->id,
	                    "ssvc:DT_DP:1.0.0");
	assert_string_equal(psirt_ssvc_tree_find(psirt_str_c("cisa"))->table->id,
	                    "cisa:DT_CO:2.0.3");
	assert_null(psirt_ssvc_tree_find(psirt_str_c("coordinator")));
	assert_ptr_equal(psirt_ssvc_table_find(psirt_str_c("DT_U")),
	                 psirt_ssvc_table_find(psirt_str_c("ssvc:DT_U:1.0.0")));
	for (n = 0; psirt_ssvc_point_at(n); n++)
		assert_int_equal(psirt_ssvc_point_at(n)->index, n);
	assert_int_equal(n, 15);
	for (n = 0; psirt_ssvc_table_at(n); n++)
		;
	assert_int_equal(n, 7);
	for (n = 0; psirt_ssvc_tree_at(n); n++)
		;
	assert_int_equal(n, 3);

	assert_int_equal(psirt_safety_class_parse(psirt_str_c("Critical")), PSIRT_SAFETY_CRITICAL);
	assert_int_equal(psirt_exposure_parse(psirt_str_c("local_network")),
	                 PSIRT_EXPOSURE_LOCAL_NETWORK);
	assert_int_equal(psirt_ssvc_weight_parse(psirt_str_c("high")), PSIRT_SSVC_WEIGHT_HIGH);
	assert_int_equal(psirt_ssvc_weight_parse(psirt_str_c("huge")), -1);
	assert_string_equal(psirt_exposure_name(PSIRT_EXPOSURE_LOCAL_NETWORK), "local-network");
	assert_string_equal(psirt_safety_class_name((enum psirt_safety_class)9), "?");
}

/* One scale each for the safety class and the exposure: the portfolio's
 * stored names, the lenient parsers and the policy's spellings agree value
 * for value (this file includes all three headers). */
static void test_product_attr_scales(void **state)
{
	struct psirt_policy_input in;
	char arg[64];
	int v;

	(void)state;
	for (v = 0; v < PSIRT_SAFETY__MAX; v++) {
		const char *name = psirt_safety_class_name((enum psirt_safety_class)v);

		assert_string_equal(psirt_product_attr_value(PSIRT_ATTR_SAFETY, v), name);
		assert_int_equal(psirt_safety_class_parse(psirt_str_c(name)), v);
		snprintf(arg, sizeof arg, "safety=%s", name);
		psirt_policy_input_init(&in);
		assert_int_equal(psirt_policy_input_set(&in, psirt_str_c(arg), NULL), PSIRT_OK);
		assert_int_equal(in.safety, v);
	}
	for (v = 0; v < PSIRT_EXPOSURE__MAX; v++) {
		const char *name = psirt_exposure_name((enum psirt_exposure)v);

		assert_string_equal(psirt_product_attr_value(PSIRT_ATTR_EXPOSURE, v), name);
		assert_int_equal(psirt_exposure_parse(psirt_str_c(name)), v);
		snprintf(arg, sizeof arg, "exposure=%s", name);
		psirt_policy_input_init(&in);
		assert_int_equal(psirt_policy_input_set(&in, psirt_str_c(arg), NULL), PSIRT_OK);
		assert_int_equal(in.exposure, v);
	}
	assert_null(psirt_product_attr_value(PSIRT_ATTR_SAFETY, PSIRT_SAFETY_UNSET));
	assert_null(psirt_product_attr_value(PSIRT_ATTR_EXPOSURE, PSIRT_EXPOSURE_UNSET));
	assert_string_equal(psirt_safety_class_name(PSIRT_SAFETY_UNSET), "?");
	assert_string_equal(psirt_exposure_name(PSIRT_EXPOSURE_UNSET), "?");
	/* least to most severe, least to most exposed */
	assert_true(PSIRT_SAFETY_NEGLIGIBLE < PSIRT_SAFETY_MARGINAL &&
	            PSIRT_SAFETY_CRITICAL < PSIRT_SAFETY_CATASTROPHIC);
	assert_true(PSIRT_EXPOSURE_PHYSICAL < PSIRT_EXPOSURE_ADJACENT &&
	            PSIRT_EXPOSURE_LOCAL_NETWORK < PSIRT_EXPOSURE_INTERNET);
}

/* POINT=VALUE: the exact one-line errors, with the column of the bad part. */
static void test_set_text(void **state)
{
	static const struct {
		const char *arg, *msg;
		long column;
	} bad[] = {
	    {"E", "expected POINT=VALUE", 1},
	    {"=A", "expected POINT=VALUE", 1},
	    {"Q=A", "unknown decision point 'Q'", 1},
	    {"E=Q",
	     "unknown value 'Q' for Exploitation (E): expected N (None), P (Public PoC) or A "
	     "(Active)",
	     3},
	    {"Technical Impact=",
	     "unknown value '' for Technical Impact (TI): expected P (Partial) or T (Total)", 18},
	};
	struct psirt_ssvc_inputs in;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	char big[300];
	size_t i;

	psirt_ssvc_inputs_init(&in);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(psirt_ssvc_set_text(&in, psirt_str_c(bad[i].arg), &d),
		                 PSIRT_EINVAL);
		assert_string_equal(d.message, bad[i].msg);
		assert_int_equal(d.column, bad[i].column);
		psirt_diag_release(&d);
	}
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(psirt_ssvc_set_text(&in, psirt_str_c(big), &d), PSIRT_ETOOBIG);
	psirt_diag_release(&d);
	assert_int_equal(psirt_ssvc_set_text(&in, psirt_str_c("Exploitation=public_poc"), &d),
	                 PSIRT_OK);
	assert_int_equal(in.in[P("E")->index].value, 1);
	assert_int_equal(in.in[P("E")->index].origin, PSIRT_SSVC_GIVEN);
	psirt_ssvc_inputs_release(&in);
}

/* Origins: derived < given < overridden; an override needs a reason. */
static void test_precedence(void **state)
{
	const struct psirt_ssvc_point *e = P("E");
	struct psirt_ssvc_inputs in;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_ssvc_input *x;
	char *long_reason;

	psirt_ssvc_inputs_init(&in);
	x = &in.in[e->index];
	assert_int_equal(psirt_ssvc_set(&in, e, 0, PSIRT_SSVC_DERIVED, "EPSS 0.01 < 0.1", &d),
	                 PSIRT_OK);
	assert_int_equal(psirt_ssvc_set(&in, e, 1, PSIRT_SSVC_GIVEN, NULL, &d), PSIRT_OK);
	assert_int_equal(x->value, 1);
	assert_null(x->source);
	assert_int_equal(psirt_ssvc_set(&in, e, 0, PSIRT_SSVC_DERIVED, "later evidence", &d),
	                 PSIRT_OK);
	assert_int_equal(x->value, 1); /* a derivation does not replace a given value */
	assert_int_equal(psirt_ssvc_set(&in, e, 2, PSIRT_SSVC_OVERRIDDEN, NULL, &d), PSIRT_EINVAL);
	assert_string_equal(d.message, "an override of Exploitation (E) needs a reason");
	psirt_diag_release(&d);
	assert_int_equal(psirt_ssvc_set(&in, e, 2, PSIRT_SSVC_OVERRIDDEN,
	                                "vendor confirms attacks (ticket 4711)", &d),
	                 PSIRT_OK);
	assert_int_equal(psirt_ssvc_set(&in, e, 0, PSIRT_SSVC_GIVEN, NULL, &d), PSIRT_OK);
	assert_int_equal(x->value, 2);
	assert_int_equal(x->origin, PSIRT_SSVC_OVERRIDDEN);
	assert_string_equal(x->source, "vendor confirms attacks (ticket 4711)");
	assert_int_equal(psirt_ssvc_set(&in, e, 3, PSIRT_SSVC_GIVEN, NULL, &d), PSIRT_EINVAL);
	assert_string_equal(d.message, "value 3 out of range for Exploitation (E)");
	psirt_diag_release(&d);
	assert_int_equal(psirt_ssvc_set(&in, e, 0, PSIRT_SSVC_COMPUTED, NULL, &d), PSIRT_EINVAL);
	psirt_diag_release(&d);
	long_reason = malloc(PSIRT_SSVC_SOURCE_MAX + 2);
	memset(long_reason, 'r', PSIRT_SSVC_SOURCE_MAX + 1);
	long_reason[PSIRT_SSVC_SOURCE_MAX + 1] = '\0';
	assert_int_equal(psirt_ssvc_set(&in, e, 0, PSIRT_SSVC_OVERRIDDEN, long_reason, &d),
	                 PSIRT_ETOOBIG);
	free(long_reason);
	psirt_diag_release(&d);
	psirt_ssvc_inputs_release(&in);
	assert_int_equal(in.in[e->index].value, -1);
}

static void test_eval_errors(void **state)
{
	const struct psirt_ssvc_tree *sup = psirt_ssvc_tree_find(psirt_str_c("supplier"));
	struct psirt_ssvc_inputs in;
	struct psirt_ssvc_result res;
	struct psirt_diag d = PSIRT_DIAG_INIT;

	psirt_ssvc_inputs_init(&in);
	assert_int_equal(psirt_ssvc_eval(sup, &in, &res, &d), PSIRT_EINVAL);
	assert_string_equal(d.message, "no value for Exploitation (E)");
	psirt_diag_release(&d);
	psirt_ssvc_set(&in, P("E"), 0, PSIRT_SSVC_GIVEN, NULL, NULL);
	assert_int_equal(psirt_ssvc_eval(sup, &in, &res, &d), PSIRT_EINVAL);
	assert_string_equal(d.message, "no value for Utility (U), nor for Automatable (A) and "
	                               "Value Density (VD) that decide it");
	psirt_diag_release(&d);
	psirt_ssvc_set(&in, P("A"), 0, PSIRT_SSVC_GIVEN, NULL, NULL);
	assert_int_equal(psirt_ssvc_eval(sup, &in, &res, &d), PSIRT_EINVAL);
	assert_string_equal(d.message, "no value for Value Density (VD), needed for Utility (U)");
	psirt_diag_release(&d);
	psirt_ssvc_set(&in, P("VD"), 0, PSIRT_SSVC_GIVEN, NULL, NULL);
	psirt_ssvc_set(&in, P("TI"), 0, PSIRT_SSVC_GIVEN, NULL, NULL);
	assert_int_equal(psirt_ssvc_eval(sup, &in, &res, &d), PSIRT_EINVAL);
	assert_string_equal(d.message, "no value for Public Safety Impact (PSI), nor for Safety "
	                               "Impact (SI) that decides it");
	psirt_diag_release(&d);
	/* a direct value of a composite point wins over its inputs */
	psirt_ssvc_set(&in, P("PSI"), 1, PSIRT_SSVC_GIVEN, NULL, NULL);
	psirt_ssvc_set(&in, P("U"), 2, PSIRT_SSVC_GIVEN, NULL, NULL);
	assert_int_equal(psirt_ssvc_eval(sup, &in, &res, &d), PSIRT_OK);
	assert_int_equal(res.nsteps, 4);
	assert_false(res.used & (1u << P("A")->index));
	assert_true(res.used & (1u << P("U")->index));
	/* none, super effective, partial, significant -> out-of-cycle (row 9) */
	assert_string_equal(psirt_ssvc_outcome(&res)->name, "Out-of-Cycle");
	psirt_ssvc_inputs_release(&in);
}

/* Exploitation from KEV, intel, CVSS E, Exploit references and EPSS. */
static void test_derive_exploitation(void **state)
{
	static const struct {
		int kev;
		const char *date, *intel, *ref;
		double epss, threshold;
		const char *cvss, *value, *source;
	} cases[] = {
	    {1, "2025-03-04", NULL, NULL, -1, 0, NULL, "A", "KEV-listed since 2025-03-04"},
	    {1, NULL, "x", "https://x/poc", 0.9, 0, NULL, "A", "KEV-listed"},
	    {0, NULL, "vendor bulletin 2025-17", NULL, -1, 0, NULL, "A",
	     "exploited in the wild per vendor bulletin 2025-17"},
	    {0, NULL, NULL, NULL, -1, 0,
	     "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A", "A",
	     "CVSS 4.0 E:A"},
	    {0, NULL, NULL, "https://www.exploit-db.com/exploits/51234", 0.001, 0, NULL, "P",
	     "Exploit-tagged reference https://www.exploit-db.com/exploits/51234"},
	    {0, NULL, NULL, NULL, -1, 0, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:F", "P",
	     "CVSS 3.1 E:F"},
	    {0, NULL, NULL, NULL, -1, 0, "AV:N/AC:L/Au:N/C:P/I:P/A:P/E:POC", "P", "CVSS 2.0 E:POC"},
	    {0, NULL, NULL, NULL, -1, 0, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U", "N",
	     "not in KEV, no intel, no Exploit reference"},
	    {0, NULL, NULL, NULL, 0.42, 0, NULL, "P", "EPSS 0.42 >= 0.1"},
	    {0, NULL, NULL, NULL, 0.1, 0, NULL, "P", "EPSS 0.1 >= 0.1"},
	    {0, NULL, NULL, NULL, 0.0999, 0, NULL, "N",
	     "not in KEV, no intel, no Exploit reference, EPSS 0.0999 < 0.1"},
	    {0, NULL, NULL, NULL, 0.42, 0.5, NULL, "N",
	     "not in KEV, no intel, no Exploit reference, EPSS 0.42 < 0.5"},
	    {0, NULL, NULL, NULL, -1, 0, NULL, "N", "not in KEV, no intel, no Exploit reference"},
	};
	struct ts_suite s = {"ssvc derive exploitation", 0, 0};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct psirt_ssvc_exploit_evidence ev = {
		    cases[i].kev,       cases[i].date, cases[i].intel, cases[i].ref, cases[i].epss,
		    cases[i].threshold, NULL};
		struct psirt_ssvc_inputs in;
		struct psirt_cvss c;
		struct psirt_ssvc_input *x;
		int ok = 1;

		if (cases[i].cvss) {
			ok = psirt_cvss_parse(&c, cases[i].cvss, strlen(cases[i].cvss), NULL) ==
			     PSIRT_OK;
			ev.cvss = &c;
		}
		psirt_ssvc_inputs_init(&in);
		ok = ok && psirt_ssvc_derive_exploitation(&in, &ev, NULL) == PSIRT_OK;
		x = &in.in[P("E")->index];
		ts_case(&s,
		        ok && x->origin == PSIRT_SSVC_DERIVED &&
		            x->value == (int)V("E", cases[i].value) && x->source &&
		            !strcmp(x->source, cases[i].source),
		        "case %zu: %s [%s]", i, x->value >= 0 ? P("E")->values[x->value].key : "-",
		        x->source ? x->source : "");
		psirt_ssvc_inputs_release(&in);
	}
	ts_suite_end(&s);
}

/* Automatable and Technical Impact from vectors of every version. */
static void test_derive_cvss(void **state)
{
	static const struct {
		const char *vector, *a, *a_source, *ti, *ti_source;
	} cases[] = {
	    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "Y", "CVSS 3.1 AV:N/AC:L/PR:N/UI:N",
	     "T", "CVSS 3.1 C:H/I:H"},
	    {"CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:H/I:L/A:N", "N", "CVSS 3.1 AC:H/PR:L", "P",
	     "CVSS 3.1 C:H/I:L"},
	    {"CVSS:3.0/AV:A/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", "N", "CVSS 3.0 AV:A/UI:R", "T",
	     "CVSS 3.0 S:C/C:H/I:H (scope changed: the impact may lie outside the vulnerable "
	     "component)"},
	    /* environmental metrics describe the product: they win */
	    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAV:L/MI:L", "N", "CVSS 3.1 AV:L", "P",
	     "CVSS 3.1 C:H/I:L"},
	    {"CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N/MAV:N/MC:H/MI:H", "Y",
	     "CVSS 3.1 AV:N/AC:L/PR:N/UI:N", "T", "CVSS 3.1 C:H/I:H"},
	    {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "Y",
	     "CVSS 4.0 AV:N/AC:L/AT:N/PR:N/UI:N", "T", "CVSS 4.0 VC:H/VI:H"},
	    {"CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:H/SC:H/SI:H/SA:N", "N",
	     "CVSS 4.0 AT:P", "P", "CVSS 4.0 VC:H/VI:L"},
	    /* v4.0's own Automatable wins over the exploitability metrics */
	    {"CVSS:4.0/AV:L/AC:H/AT:N/PR:H/UI:A/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/AU:Y", "Y",
	     "CVSS 4.0 AU:Y", "T", "CVSS 4.0 VC:H/VI:H"},
	    {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/AU:N", "N",
	     "CVSS 4.0 AU:N", "T", "CVSS 4.0 VC:H/VI:H"},
	    {"AV:N/AC:L/Au:N/C:C/I:C/A:C", "Y", "CVSS 2.0 AV:N/AC:L/Au:N", "T", "CVSS 2.0 C:C/I:C"},
	    {"AV:N/AC:M/Au:S/C:P/I:C/A:N", "N", "CVSS 2.0 AC:M/Au:S", "P", "CVSS 2.0 C:P/I:C"},
	};
	struct ts_suite s = {"ssvc derive from CVSS", 0, 0};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct psirt_ssvc_inputs in;
		struct psirt_cvss c;
		const struct psirt_ssvc_input *a, *ti;
		int ok;

		psirt_ssvc_inputs_init(&in);
		ok = psirt_cvss_parse(&c, cases[i].vector, strlen(cases[i].vector), NULL) ==
		         PSIRT_OK &&
		     psirt_ssvc_derive_automatable(&in, &c, NULL) == PSIRT_OK &&
		     psirt_ssvc_derive_technical_impact(&in, &c, NULL) == PSIRT_OK;
		a = &in.in[P("A")->index];
		ti = &in.in[P("TI")->index];
		ts_case(&s,
		        ok && a->value == (int)V("A", cases[i].a) &&
		            !strcmp(a->source, cases[i].a_source),
		        "%s: A [%s]", cases[i].vector, a->source ? a->source : "");
		ts_case(&s,
		        ok && ti->value == (int)V("TI", cases[i].ti) &&
		            !strcmp(ti->source, cases[i].ti_source),
		        "%s: TI [%s]", cases[i].vector, ti->source ? ti->source : "");
		psirt_ssvc_inputs_release(&in);
	}
	ts_suite_end(&s);
	assert_int_equal(psirt_ssvc_derive_automatable(NULL, NULL, NULL), PSIRT_EINVAL);
}

/* Product attributes: every class of each scale. */
static void test_derive_product(void **state)
{
	static const char *const si[] = {"N", "M", "R", "C"};
	static const char *const pwi[] = {"M", "MA", "MA", "I"};
	static const char *const exp[] = {"S", "C", "C", "O"};
	static const char *const vd[] = {"D", "D", "C", "C"};
	static const char *const mi[] = {"D", "MSC", "MEF", "MF"};
	static const char *const mp[] = {"M", "S", "E", "E"};
	struct ts_suite s = {"ssvc derive from product", 0, 0};
	struct psirt_diag d = PSIRT_DIAG_INIT;
	int i;

	for (i = 0; i < 4; i++) {
		struct psirt_ssvc_inputs in;
		char src[64];

		psirt_ssvc_inputs_init(&in);
		psirt_ssvc_derive_safety(&in, (enum psirt_safety_class)i, NULL);
		psirt_ssvc_derive_exposure(&in, (enum psirt_exposure)i, NULL);
		psirt_ssvc_derive_weight(&in, (enum psirt_ssvc_weight)i, NULL);
		snprintf(src, sizeof src, "product safety class %s",
		         psirt_safety_class_name((enum psirt_safety_class)i));
		ts_case(&s,
		        in.in[P("SI")->index].value == (int)V("SI", si[i]) &&
		            !strcmp(in.in[P("SI")->index].source, src),
		        "safety %d -> SI", i);
		ts_case(&s, in.in[P("PWI")->index].value == (int)V("PWI", pwi[i]),
		        "safety %d -> PWI", i);
		snprintf(src, sizeof src, "product exposure %s",
		         psirt_exposure_name((enum psirt_exposure)i));
		ts_case(&s,
		        in.in[P("EXP")->index].value == (int)V("EXP", exp[i]) &&
		            !strcmp(in.in[P("EXP")->index].source, src),
		        "exposure %d -> EXP", i);
		ts_case(&s, in.in[P("VD")->index].value == (int)V("VD", vd[i]), "weight %d -> VD",
		        i);
		ts_case(&s, in.in[P("MI")->index].value == (int)V("MI", mi[i]), "weight %d -> MI",
		        i);
		ts_case(&s, in.in[P("MP")->index].value == (int)V("MP", mp[i]), "weight %d -> MP",
		        i);
		psirt_ssvc_inputs_release(&in);
	}
	ts_suite_end(&s);
	assert_int_equal(psirt_ssvc_derive_safety(NULL, PSIRT_SAFETY__MAX, &d), PSIRT_EINVAL);
	assert_string_equal(d.message, "unknown safety class 4");
	psirt_diag_release(&d);
}

/* A finding end to end: an EV charger's firmware flaw, every input derived,
 * one analyst override; each tree's outcome and the one-line explanation. */
static void test_explain(void **state)
{
	const char *vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
	struct psirt_ssvc_exploit_evidence ev = {1, "2025-03-04", NULL, NULL, 0.97, 0, NULL};
	struct psirt_ssvc_inputs in;
	struct psirt_ssvc_result res;
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_cvss c;

	assert_int_equal(psirt_cvss_parse(&c, vector, strlen(vector), NULL), PSIRT_OK);
	psirt_ssvc_inputs_init(&in);
	assert_int_equal(psirt_ssvc_derive_exploitation(&in, &ev, NULL), PSIRT_OK);
	assert_int_equal(psirt_ssvc_derive_automatable(&in, &c, NULL), PSIRT_OK);
	assert_int_equal(psirt_ssvc_derive_technical_impact(&in, &c, NULL), PSIRT_OK);
	assert_int_equal(psirt_ssvc_derive_safety(&in, PSIRT_SAFETY_CRITICAL, NULL), PSIRT_OK);
	assert_int_equal(psirt_ssvc_derive_exposure(&in, PSIRT_EXPOSURE_INTERNET, NULL), PSIRT_OK);
	assert_int_equal(psirt_ssvc_derive_weight(&in, PSIRT_SSVC_WEIGHT_MEDIUM, NULL), PSIRT_OK);

	assert_int_equal(
	    psirt_ssvc_eval(psirt_ssvc_tree_find(psirt_str_c("supplier")), &in, &res, NULL),
	    PSIRT_OK);
	psirt_ssvc_explain(&res, &b);
	assert_string_equal(b.p,
	                    "supplier: Immediate (Exploitation=Active, Utility=Efficient "
	                    "[Automatable=Yes, Value Density=Diffuse], Technical Impact=Total, "
	                    "Public Safety Impact=Significant [Safety Impact=Critical])");
	assert_int_equal(res.nsteps, 7);
	assert_int_equal(res.steps[0].origin, PSIRT_SSVC_DERIVED);
	assert_string_equal(res.steps[0].source, "KEV-listed since 2025-03-04");
	assert_int_equal(res.steps[1].origin, PSIRT_SSVC_COMPUTED);
	assert_string_equal(res.steps[1].source, "ssvc:DT_U:1.0.0");
	assert_string_equal(res.steps[3].source, "product business weight medium");
	assert_int_equal(res.steps[6].depth, 1);
	psirt_buf_reset(&b);

	assert_int_equal(
	    psirt_ssvc_eval(psirt_ssvc_tree_find(psirt_str_c("deployer")), &in, &res, NULL),
	    PSIRT_OK);
	psirt_ssvc_explain(&res, &b);
	assert_string_equal(b.p, "deployer: Immediate (Exploitation=Active, System Exposure=Open, "
	                         "Automatable=Yes, Human Impact=High [Safety Impact=Critical, "
	                         "Mission Impact=MEF Support Crippled])");
	psirt_buf_reset(&b);

	/* the analyst judges the attack not automatable across the fleet */
	assert_int_equal(psirt_ssvc_set(&in, P("A"), V("A", "no"), PSIRT_SSVC_OVERRIDDEN,
	                                "devices sit behind the charge point operator's VPN", NULL),
	                 PSIRT_OK);
	assert_int_equal(
	    psirt_ssvc_eval(psirt_ssvc_tree_find(psirt_str_c("cisa")), &in, &res, NULL), PSIRT_OK);
	psirt_ssvc_explain(&res, &b);
	assert_string_equal(b.p, "cisa: Attend (Exploitation=Active, Automatable=No, Technical "
	                         "Impact=Total, Mission and Well-Being Impact=Medium [Mission "
	                         "Prevalence=Support, Public Well-Being Impact=Material])");
	assert_int_equal(res.steps[1].origin, PSIRT_SSVC_OVERRIDDEN);
	assert_string_equal(psirt_ssvc_origin_name(PSIRT_SSVC_OVERRIDDEN), "overridden");
	psirt_buf_release(&b);
	psirt_ssvc_inputs_release(&in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_json_tables),      cmocka_unit_test(test_csv_tables),
	    cmocka_unit_test(test_tree_composition), cmocka_unit_test(test_lookups),
	    cmocka_unit_test(test_set_text),         cmocka_unit_test(test_precedence),
	    cmocka_unit_test(test_eval_errors),      cmocka_unit_test(test_derive_exploitation),
	    cmocka_unit_test(test_derive_cvss),      cmocka_unit_test(test_derive_product),
	    cmocka_unit_test(test_explain),           cmocka_unit_test(test_product_attr_scales),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
