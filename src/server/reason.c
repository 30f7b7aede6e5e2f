/* A finding's priority reason taken apart, so that the UI can say it in the
 * reader's language: the inverse of the reason psirt_policy_eval writes
 * (src/triage/policy.c, add_fact). Parsed from the stored text rather than
 * stored apart so that findings triaged before keep working; a piece this
 * does not know stays as written ("text"). tests/server/test_reason.c
 * checks every fact the policy writes comes back. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "psirt/product_attr.h"
#include "psirt/ssvc.h"
#include "psirt/str.h"
#include "server/reason.h"

static int starts(struct psirt_str s, const char *p)
{
	size_t n = strlen(p);

	return s.len >= n && !memcmp(s.p, p, n);
}

static int equals(struct psirt_str s, const char *p)
{
	return s.len == strlen(p) && !memcmp(s.p, p, s.len);
}

/* The index of s in names[n], or -1. */
static int find_name(struct psirt_str s, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (names[i] && equals(s, names[i]))
			return (int)i;
	}
	return -1;
}

static json_t *fact(const char *name, json_t *value)
{
	json_t *o = json_pack("{s:s}", "fact", name);

	if (o && value && json_object_set_new(o, "value", value)) {
		json_decref(o);
		return NULL;
	}
	if (!o)
		json_decref(value);
	return o;
}

/* "12,400 units", "1 unit": the count, or -1. */
static long long units_of(struct psirt_str s)
{
	long long n = 0;
	size_t i, digits = 0;

	for (i = 0; i < s.len && (psirt_isdigit((unsigned char)s.p[i]) || s.p[i] == ','); i++) {
		if (s.p[i] == ',')
			continue;
		if (n > 100000000000000LL)
			return -1;
		n = n * 10 + (s.p[i] - '0');
		digits++;
	}
	if (!digits)
		return -1;
	s.p += i;
	s.len -= i;
	return equals(s, " units") || equals(s, " unit") ? n : -1;
}

/* One fact as written by add_fact, or a "text" fact. */
static json_t *piece_json(struct psirt_str s)
{
	static const char *const ssvc[] = { "defer", "scheduled", "out-of-cycle", "immediate" };
	static const char *const exploitation[] = { "no known exploitation", "public PoC",
		                                    "active exploitation" };
	static const char *const exploitation_values[] = { "none", "public-poc", "active" };
	static const char *const exposure[PSIRT_EXPOSURE__MAX] = {
		[PSIRT_EXPOSURE_PHYSICAL] = "physical access only",
		[PSIRT_EXPOSURE_ADJACENT] = "adjacent exposure",
		[PSIRT_EXPOSURE_LOCAL_NETWORK] = "local-network exposure",
		[PSIRT_EXPOSURE_INTERNET] = "internet-exposed",
	};
	struct psirt_str rest;
	long long units;
	int i;

	if (starts(s, "SSVC ")) {
		rest = (struct psirt_str){ s.p + 5, s.len - 5 };
		i = find_name(rest, ssvc, 4);
		if (i >= 0)
			return fact("ssvc", json_string(ssvc[i]));
	}
	i = find_name(s, exploitation, 3);
	if (i >= 0)
		return fact("exploitation", json_string(exploitation_values[i]));
	if (starts(s, "safety impact ")) {
		rest = (struct psirt_str){ s.p + 14, s.len - 14 };
		i = find_name(rest, psirt_safety_class_names, PSIRT_SAFETY__MAX);
		if (i >= 0)
			return fact("safety", json_string(psirt_safety_class_names[i]));
	}
	if (equals(s, "regulatory nonconformity"))
		return fact("nonconformity", json_true());
	i = find_name(s, exposure, PSIRT_EXPOSURE__MAX);
	if (i >= 0)
		return fact("exposure", json_string(psirt_exposure_names[i]));
	if (starts(s, "business weight ")) {
		rest = (struct psirt_str){ s.p + 16, s.len - 16 };
		i = find_name(rest, psirt_ssvc_weight_names, PSIRT_SSVC_WEIGHT__MAX);
		if (i >= 0)
			return fact("weight", json_string(psirt_ssvc_weight_names[i]));
	}
	if (equals(s, "KEV-listed"))
		return fact("kev", json_null());
	if (starts(s, "KEV-listed since ") && s.len == 17 + 10)
		return fact("kev", json_stringn(s.p + 17, 10));
	if (starts(s, "EPSS ") && s.len < 40) {
		char num[40], *end;
		double v;

		memcpy(num, s.p + 5, s.len - 5);
		num[s.len - 5] = '\0';
		v = strtod(num, &end);
		if (end != num && !*end && v >= 0 && v <= 1)
			return fact("epss", json_real(v));
	}
	units = units_of(s);
	if (units >= 0)
		return fact("units", json_integer(units));
	if (equals(s, "risk controlled"))
		return fact("controlled", json_true());
	if (equals(s, "risk uncontrolled"))
		return fact("controlled", json_false());
	return json_pack("{s:s, s:s%}", "fact", "text", "text", s.p, s.len);
}

json_t *srv__reason_json(const char *text)
{
	const char *p, *colon, *end;
	json_t *o, *facts;
	int prio;

	/* "P<1-4> <class>: " */
	if (!text || text[0] != 'P' || text[1] < '1' || text[1] > '4' || text[2] != ' ')
		return json_null();
	prio = text[1] - '0';
	colon = strstr(text + 3, ": ");
	if (!colon || colon == text + 3)
		return json_null();
	p = colon + 2;
	o = json_pack("{s:i, s:s%, s:b, s:n, s:[]}", "priority", prio, "class", text + 3,
	              (size_t)(colon - (text + 3)), "default", 0, "rule", "facts");
	facts = o ? json_object_get(o, "facts") : NULL;
	if (!facts)
		goto fail;
	if (!strcmp(p, "no rule matched")) {
		if (json_object_set_new(o, "default", json_true()))
			goto fail;
		return o;
	}
	if (!strncmp(p, "rule ", 5) && p[5] && !strchr(p, ',')) {
		if (json_object_set_new(o, "rule", json_string(p + 5)))
			goto fail;
		return o;
	}
	while (*p) {
		json_t *f;

		end = strstr(p, ", ");
		if (!end)
			end = p + strlen(p);
		f = piece_json((struct psirt_str){ p, (size_t)(end - p) });
		/* a piece jansson refuses (not UTF-8) is left out */
		if (f && json_array_append_new(facts, f))
			goto fail;
		p = *end ? end + 2 : end;
	}
	return o;
fail:
	json_decref(o);
	return json_null();
}

/* "P4 routine due 2026-07-14" (triage.c, audit_priority): {priority, class,
 * deadline}; null otherwise. */
static json_t *priority_value(const char *v)
{
	const char *due;
	json_t *o;

	if (!v || v[0] != 'P' || v[1] < '1' || v[1] > '4' || v[2] != ' ')
		return json_null();
	due = strstr(v + 3, " due ");
	if (!due || due == v + 3)
		return json_null();
	o = json_pack("{s:i, s:s%, s:s}", "priority", v[1] - '0', "class", v + 3,
	              (size_t)(due - (v + 3)), "deadline", due + 5);
	return o ? o : json_null();
}

/* "Active (overridden)" of an "ssvc:E" row (triage.c, input_text):
 * {point, key, value, valueKey, origin}; null otherwise. */
static json_t *ssvc_value(const char *field, const char *v)
{
	const struct psirt_ssvc_point *p;
	const char *open;
	size_t n;
	int idx;
	json_t *o;

	if (!v || strncmp(field, "ssvc:", 5))
		return json_null();
	p = psirt_ssvc_point_find(psirt_str_c(field + 5));
	open = strrchr(v, '(');
	n = strlen(v);
	if (!p || !open || open == v || open[-1] != ' ' || v[n - 1] != ')')
		return json_null();
	idx = psirt_ssvc_value_find(p, (struct psirt_str){ v, (size_t)(open - 1 - v) });
	if (idx < 0)
		return json_null();
	o = json_pack("{s:s, s:s, s:s, s:s, s:s%}", "point", p->name, "key", p->key, "value",
	              p->values[idx].name, "valueKey", p->values[idx].key, "origin", open + 1,
	              (size_t)(v + n - 1 - (open + 1)));
	return o ? o : json_null();
}

/* The comments psirt itself writes on a finding's audit rows
 * (src/store/findings.c). */
static const struct {
	const char *text, *code;
} fixed_comments[] = {
	{ "found by psirt match", "found" },
	{ "matches again: reopened by psirt match", "reopened" },
	{ "vulnerability withdrawn or rejected by its sources", "withdrawn" },
	{ "no longer matches: component changed or range corrected", "noLongerMatches" },
};

/* "WHY: REASON" of a re-triage (triage.c, audit_priority) with WHY one of
 * psirt_findings_triage's callers': {code: "triage", why, arg?, reason}. */
static json_t *triage_comment(const char *c)
{
	const char *p, *sep = NULL;
	json_t *reason = NULL, *o;

	/* the reason is the last ": P<d> " piece that parses as one */
	for (p = strstr(c, ": P"); p; p = strstr(p + 1, ": P")) {
		json_t *r = srv__reason_json(p + 2);

		if (json_is_object(r)) {
			json_decref(reason);
			reason = r;
			sep = p;
		} else {
			json_decref(r);
		}
	}
	if (!reason)
		return NULL;
	if (equals((struct psirt_str){ c, (size_t)(sep - c) }, "psirt match"))
		o = json_pack("{s:s, s:s, s:o}", "code", "triage", "why", "match", "reason", reason);
	else if (equals((struct psirt_str){ c, (size_t)(sep - c) }, "state changed"))
		o = json_pack("{s:s, s:s, s:o}", "code", "triage", "why", "stateChanged", "reason",
		              reason);
	/* the prefix must end before the reason starts ("SSVC override: P1 …"
	 * has an empty why: then it is text) */
	else if (!strncmp(c, "SSVC override: ", 15) && sep >= c + 15)
		o = json_pack("{s:s, s:s, s:s%, s:o}", "code", "triage", "why", "override", "arg",
		              c + 15, (size_t)(sep - (c + 15)), "reason", reason);
	else if (!strncmp(c, "policy ", 7) && sep >= c + 7)
		o = json_pack("{s:s, s:s, s:s%, s:o}", "code", "triage", "why", "policy", "arg", c + 7,
		              (size_t)(sep - (c + 7)), "reason", reason);
	else
		o = json_pack("{s:s, s:s, s:s%, s:o}", "code", "triage", "why", "text", "arg", c,
		              (size_t)(sep - c), "reason", reason);
	return o;
}

json_t *srv__audit_parts(const char *field, const char *old_value, const char *new_value,
                         const char *comment)
{
	json_t *o, *com = NULL;
	int prio = field && !strcmp(field, "priority");

	for (size_t i = 0; comment && !com && i < sizeof fixed_comments / sizeof fixed_comments[0];
	     i++) {
		if (!strcmp(comment, fixed_comments[i].text))
			com = json_pack("{s:s}", "code", fixed_comments[i].code);
	}
	if (comment && !com)
		com = triage_comment(comment);
	o = json_pack("{s:o, s:o, s:o}", "old",
	              prio ? priority_value(old_value) : ssvc_value(field ? field : "", old_value),
	              "new",
	              prio ? priority_value(new_value) : ssvc_value(field ? field : "", new_value),
	              "comment", com ? com : json_null());
	return o ? o : json_null();
}
