/* Triage policy: parser, canonical form and fingerprint, evaluation and
 * reasons. The format is described in docs/policy.md; the contract in
 * include/psirt/policy.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/arena.h"
#include "psirt/policy.h"
#include "psirt/sha256.h"

/* Longest policy name and rule name, in bytes: both are read in listings. */
#define NAME_MAX_LEN 200
#define RULE_NAME_MAX_LEN 64
#define DEADLINE_MAX 3650 /* ten years, a support period's order */
#define PPM 1000000       /* epss is kept in millionths: six decimals */

/* ---- fields */

enum ftype { FT_ENUM, FT_BOOL, FT_PROB, FT_COUNT };

/* The spellings a policy uses; SSVC's value names in lower case with '-' for
 * spaces (tests/triage/test_policy.c checks them against the SSVC data). */
static const char *const ssvc_values[] = {"defer", "scheduled", "out-of-cycle", "immediate"};
static const char *const exploitation_values[] = {"none", "public-poc", "active"};

/* The product attributes (safety, exposure, weight) use their scales' own
 * names (psirt/product_attr.h, psirt/ssvc.h), ordered least to most severe:
 * `safety >= marginal` is "at least marginal", `exposure >= local-network`
 * "at least as exposed as on a local network". */
static const struct field {
	const char *name;
	unsigned char type; /* enum ftype */
	unsigned char nvalues;
	const char *const *values;
} fields[PSIRT_POLICY__FIELDS] = {
    [PSIRT_POLICY_SSVC] = {"ssvc", FT_ENUM, 4, ssvc_values},
    [PSIRT_POLICY_EXPLOITATION] = {"exploitation", FT_ENUM, 3, exploitation_values},
    [PSIRT_POLICY_SAFETY] = {"safety", FT_ENUM, PSIRT_SAFETY__MAX, psirt_safety_class_names},
    [PSIRT_POLICY_NONCONFORMITY] = {"nonconformity", FT_BOOL, 0, NULL},
    [PSIRT_POLICY_EXPOSURE] = {"exposure", FT_ENUM, PSIRT_EXPOSURE__MAX, psirt_exposure_names},
    [PSIRT_POLICY_WEIGHT] = {"weight", FT_ENUM, PSIRT_SSVC_WEIGHT__MAX, psirt_ssvc_weight_names},
    [PSIRT_POLICY_KEV] = {"kev", FT_BOOL, 0, NULL},
    [PSIRT_POLICY_EPSS] = {"epss", FT_PROB, 0, NULL},
    [PSIRT_POLICY_UNITS] = {"units", FT_COUNT, 0, NULL},
    [PSIRT_POLICY_CONTROLLED] = {"controlled", FT_BOOL, 0, NULL},
};

_Static_assert(PSIRT_SSVC_IMMEDIATE + 1 == 4 && PSIRT_SSVC_EXPLOIT_ACTIVE + 1 == 3 &&
                   PSIRT_SAFETY__MAX == 4 && PSIRT_EXPOSURE__MAX == 4 &&
                   PSIRT_SSVC_WEIGHT__MAX == 4,
               "value lists match the enums");

static const char *const class_names[PSIRT_RESPONSE__MAX] = {
    "recall",
    "improvement",
    "campaign",
    "routine",
};

const char *psirt_response_class_name(enum psirt_response_class c)
{
	return (unsigned)c < PSIRT_RESPONSE__MAX ? class_names[c] : "?";
}

const char *psirt_policy_field_name(enum psirt_policy_field f)
{
	return (unsigned)f < PSIRT_POLICY__FIELDS ? fields[f].name : "?";
}

static int fold(int c)
{
	c = psirt_tolower(c);
	return c == '_' || c == ' ' ? '-' : c;
}

/* ASCII case ignored; '_', ' ' and '-' alike. */
static int word_eq(struct psirt_str s, const char *w)
{
	size_t i;

	for (i = 0; i < s.len; i++) {
		if (!w[i] || fold((unsigned char)s.p[i]) != fold((unsigned char)w[i]))
			return 0;
	}
	return w[i] == '\0';
}

static int find_word(struct psirt_str s, const char *const *words, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (word_eq(s, words[i]))
			return i;
	}
	return -1;
}

int psirt_response_class_parse(struct psirt_str s)
{
	return find_word(s, class_names, PSIRT_RESPONSE__MAX);
}

static int find_field(struct psirt_str s)
{
	int i;

	for (i = 0; i < PSIRT_POLICY__FIELDS; i++) {
		if (psirt_str_eq(s, fields[i].name))
			return i;
	}
	return -1;
}

/* "a, b, c or d" */
static void add_list(struct psirt_buf *b, const char *const *words, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (i)
			psirt_buf_adds(b, i + 1 == n ? " or " : ", ");
		psirt_buf_adds(b, words[i]);
	}
}

static void add_field_list(struct psirt_buf *b)
{
	const char *names[PSIRT_POLICY__FIELDS];
	int i;

	for (i = 0; i < PSIRT_POLICY__FIELDS; i++)
		names[i] = fields[i].name;
	add_list(b, names, PSIRT_POLICY__FIELDS);
}

/* ---- values shared by the file and by `FIELD=VALUE` arguments */

/* yes/no/true/false -> 1/0, else -1 */
static int parse_bool(struct psirt_str s)
{
	static const char *const words[] = {"no", "yes", "false", "true"};
	int i = find_word(s, words, 4);

	return i < 0 ? -1 : i % 2;
}

/* A decimal from 0 to 1 with at most six decimals, in millionths; -1 when
 * malformed or out of range. Parsed by hand: strtod follows the locale. */
static long parse_prob(struct psirt_str s)
{
	long whole = 0, frac = 0, scale = PPM;
	size_t i = 0;

	if (!s.len || !psirt_isdigit((unsigned char)s.p[0]))
		return -1;
	for (; i < s.len && psirt_isdigit((unsigned char)s.p[i]); i++) {
		whole = whole * 10 + (s.p[i] - '0');
		if (whole > 1)
			return -1;
	}
	if (i < s.len) {
		if (s.p[i++] != '.' || i == s.len)
			return -1;
		for (; i < s.len; i++) {
			if (!psirt_isdigit((unsigned char)s.p[i]) || scale == 1)
				return -1;
			scale /= 10;
			frac += (s.p[i] - '0') * scale;
		}
	}
	if (whole == 1 && frac)
		return -1;
	return whole * PPM + frac;
}

static long long parse_count(struct psirt_str s)
{
	unsigned long long v;

	/* a trillion units is beyond any fleet */
	if (psirt_str_to_u64(s, 1000000000000ULL, &v))
		return -1;
	return (long long)v;
}

/* "0.1", "0.000430", "1" from millionths, without trailing zeros. */
static void add_prob(struct psirt_buf *b, long ppm)
{
	char frac[8];
	int n;

	psirt_buf_addf(b, "%ld", ppm / PPM);
	if (ppm % PPM == 0)
		return;
	snprintf(frac, sizeof frac, "%06ld", ppm % PPM);
	for (n = 6; n > 0 && frac[n - 1] == '0'; n--)
		frac[n - 1] = '\0';
	psirt_buf_addf(b, ".%s", frac);
}

/* ---- conditions */

enum { EX_OR, EX_AND, EX_NOT, EX_CMP, EX_IN };
enum { CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE };
static const char *const cmp_text[] = {"=", "!=", "<", "<=", ">", ">="};

struct psirt_policy_expr {
	unsigned char op;    /* EX_* */
	unsigned char field; /* EX_CMP, EX_IN */
	unsigned char cmp;   /* EX_CMP: CMP_* */
	const struct psirt_policy_expr *a, *b;
	long long num; /* EX_CMP: value index, 0/1, millionths or units */
	uint32_t set;  /* EX_IN: bit i = value i */
};

/* ---- the policy */

struct psirt_policy {
	struct psirt_arena arena;
	const char *name;
	struct psirt_policy_rule *rules; /* nrules, then the default */
	size_t nrules, cap;
	char *canonical;
	size_t canonical_len;
	char fingerprint[7 + 2 * PSIRT_SHA256_SIZE + 1];
};

enum key { K_WHEN, K_PRIORITY, K_DEADLINE, K_CLASS, K_EXPLAIN, K__MAX };
static const char *const key_names[K__MAX] = {"when", "priority", "deadline", "class", "explain"};

struct parser {
	const char *file;
	struct psirt_policy *pol;
	struct psirt_diag *diag;
	long line;
	/* the section being read */
	int in_section, is_default;
	struct psirt_policy_rule cur;
	long key_line[K__MAX];
	long default_line;
	int have_default;
	struct psirt_policy_rule def;
	/* the condition being read */
	const char *cp;
	size_t clen, ci;
	long ccol; /* column of cp[0] */
	int terms;
};

static enum psirt_err fail_at(struct parser *ps, long col, enum psirt_err err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static enum psirt_err fail_at(struct parser *ps, long col, enum psirt_err err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	psirt_diag_setv(ps->diag, err, fmt, ap);
	va_end(ap);
	if (ps->file)
		psirt_diag_set_file(ps->diag, ps->file);
	if (ps->line)
		psirt_diag_set_line(ps->diag, ps->line, col);
	return err;
}

static enum psirt_err nomem(struct parser *ps)
{
	return fail_at(ps, 0, PSIRT_ENOMEM, "out of memory");
}

/* Condition tokens. */
enum { T_END, T_WORD, T_NUM, T_LP, T_RP, T_COMMA, T_CMP };

struct token {
	int type;
	int cmp; /* T_CMP */
	struct psirt_str s;
	long col;
};

static int word_char(int c)
{
	return psirt_isalnum(c) || c == '_' || c == '-';
}

static enum psirt_err lex(struct parser *ps, struct token *t)
{
	const char *p = ps->cp;
	size_t i = ps->ci, start;
	int c;

	while (i < ps->clen && psirt_isspace((unsigned char)p[i]))
		i++;
	start = i;
	t->col = ps->ccol + (long)i;
	t->s = psirt_str_make(p + i, 0);
	t->cmp = 0;
	if (i == ps->clen) {
		t->type = T_END;
		ps->ci = i;
		return PSIRT_OK;
	}
	c = (unsigned char)p[i];
	if (psirt_isalpha(c)) {
		while (i < ps->clen && word_char((unsigned char)p[i]))
			i++;
		t->type = T_WORD;
	} else if (psirt_isdigit(c)) {
		while (i < ps->clen && (psirt_isdigit((unsigned char)p[i]) || p[i] == '.'))
			i++;
		t->type = T_NUM;
	} else if (c == '(' || c == ')' || c == ',') {
		i++;
		t->type = c == '(' ? T_LP : c == ')' ? T_RP : T_COMMA;
	} else if (c == '=' || c == '<' || c == '>' || c == '!') {
		int eq = i + 1 < ps->clen && p[i + 1] == '=';

		t->type = T_CMP;
		if (c == '=') {
			t->cmp = CMP_EQ;
			i += 1 + eq; /* "==" is taken for "=" */
		} else if (c == '!') {
			if (!eq)
				return fail_at(ps, t->col, PSIRT_EINVAL,
				               "'!' must be followed by '='");
			t->cmp = CMP_NE;
			i += 2;
		} else {
			t->cmp = c == '<' ? (eq ? CMP_LE : CMP_LT) : (eq ? CMP_GE : CMP_GT);
			i += 1 + eq;
		}
	} else {
		return fail_at(ps, t->col, PSIRT_EINVAL,
		               "unexpected character '%c' in the condition",
		               psirt_isspace(c) || c < 0x21 || c > 0x7e ? '?' : c);
	}
	t->s.len = i - start;
	ps->ci = i;
	return PSIRT_OK;
}

static enum psirt_err peek(struct parser *ps, struct token *t)
{
	size_t save = ps->ci;
	enum psirt_err err = lex(ps, t);

	ps->ci = save;
	return err;
}

static struct psirt_policy_expr *new_expr(struct parser *ps, int op)
{
	struct psirt_policy_expr *e = psirt_arena_calloc(&ps->pol->arena, 1, sizeof *e);

	if (e)
		e->op = (unsigned char)op;
	return e;
}

/* "unknown value 'hgh' for weight (expected low, medium, high or critical)" */
static enum psirt_err bad_enum(struct parser *ps, const struct token *t, int f)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	enum psirt_err err;

	add_list(&b, fields[f].values, fields[f].nvalues);
	err = fail_at(ps, t->col, PSIRT_EINVAL, "unknown value '%.*s' for %s (expected %s)",
	              (int)t->s.len, t->s.p, fields[f].name,
	              psirt_buf_error(&b) ? "one of its values" : b.p);
	psirt_buf_release(&b);
	return err;
}

/* The value of a comparison with field f. */
static enum psirt_err cmp_value(struct parser *ps, int f, long long *out)
{
	struct token t;
	enum psirt_err err;
	int v;

	err = lex(ps, &t);
	if (err)
		return err;
	if (t.type != T_WORD && t.type != T_NUM)
		return fail_at(ps, t.col, PSIRT_EINVAL, "expected a value for %s", fields[f].name);
	switch (fields[f].type) {
	case FT_ENUM:
		v = find_word(t.s, fields[f].values, fields[f].nvalues);
		if (v < 0)
			return bad_enum(ps, &t, f);
		*out = v;
		return PSIRT_OK;
	case FT_BOOL:
		v = parse_bool(t.s);
		if (v < 0)
			return fail_at(ps, t.col, PSIRT_EINVAL,
			               "expected yes or no for %s, not '%.*s'", fields[f].name,
			               (int)t.s.len, t.s.p);
		*out = v;
		return PSIRT_OK;
	case FT_PROB:
		*out = parse_prob(t.s);
		if (*out < 0)
			return fail_at(
			    ps, t.col, PSIRT_EINVAL,
			    "epss is a probability from 0 to 1 with at most 6 decimals, not "
			    "'%.*s'",
			    (int)t.s.len, t.s.p);
		return PSIRT_OK;
	default:
		*out = parse_count(t.s);
		if (*out < 0)
			return fail_at(ps, t.col, PSIRT_EINVAL,
			               "units is a whole number, not '%.*s'", (int)t.s.len, t.s.p);
		return PSIRT_OK;
	}
}

static enum psirt_err parse_or(struct parser *ps, int depth, struct psirt_policy_expr **out);

/* comparison | bare yes/no field | ( condition ) */
static enum psirt_err parse_primary(struct parser *ps, int depth, struct psirt_policy_expr **out)
{
	struct psirt_policy_expr *e;
	struct token t, op;
	enum psirt_err err;
	int f;

	err = lex(ps, &t);
	if (err)
		return err;
	if (t.type == T_LP) {
		if (depth >= PSIRT_POLICY_MAX_DEPTH)
			return fail_at(ps, t.col, PSIRT_ETOOBIG, "condition nested deeper than %d",
			               PSIRT_POLICY_MAX_DEPTH);
		err = parse_or(ps, depth + 1, out);
		if (err)
			return err;
		err = lex(ps, &t);
		if (err)
			return err;
		if (t.type != T_RP)
			return fail_at(ps, t.col, PSIRT_EINVAL, "expected ')'");
		return PSIRT_OK;
	}
	if (t.type != T_WORD)
		return fail_at(ps, t.col, PSIRT_EINVAL, "expected a field%s",
		               t.type == T_END ? " at the end of the condition" : "");
	f = find_field(t.s);
	if (f < 0) {
		struct psirt_buf b = PSIRT_BUF_INIT;

		add_field_list(&b);
		err = fail_at(ps, t.col, PSIRT_EINVAL, "unknown field '%.*s' (expected %s)",
		              (int)t.s.len, t.s.p, psirt_buf_error(&b) ? "a field" : b.p);
		psirt_buf_release(&b);
		return err;
	}
	if (++ps->terms > PSIRT_POLICY_MAX_TERMS)
		return fail_at(ps, t.col, PSIRT_ETOOBIG,
		               "more than %d comparisons in one condition", PSIRT_POLICY_MAX_TERMS);
	e = new_expr(ps, EX_CMP);
	if (!e)
		return nomem(ps);
	e->field = (unsigned char)f;
	*out = e;
	err = peek(ps, &op);
	if (err)
		return err;
	if (op.type == T_WORD && psirt_str_eq(op.s, "in")) {
		lex(ps, &op);
		if (fields[f].type != FT_ENUM)
			return fail_at(ps, op.col, PSIRT_EINVAL,
			               "'in' needs a field with named values, "
			               "not %s",
			               fields[f].name);
		e->op = EX_IN;
		err = lex(ps, &t);
		if (err)
			return err;
		if (t.type != T_LP)
			return fail_at(ps, t.col, PSIRT_EINVAL, "expected '(' after 'in'");
		do {
			long long v;

			err = cmp_value(ps, f, &v);
			if (err)
				return err;
			e->set |= (uint32_t)1 << v;
			err = lex(ps, &t);
			if (err)
				return err;
		} while (t.type == T_COMMA);
		if (t.type != T_RP)
			return fail_at(ps, t.col, PSIRT_EINVAL, "expected ',' or ')' in the list");
		return PSIRT_OK;
	}
	if (op.type != T_CMP) {
		if (fields[f].type == FT_BOOL) {
			e->cmp = CMP_EQ; /* "kev" alone: kev = yes */
			e->num = 1;
			return PSIRT_OK;
		}
		return fail_at(ps, op.col, PSIRT_EINVAL,
		               "expected a comparison after '%s' (=, !=, <, <=, >, >= or in)",
		               fields[f].name);
	}
	lex(ps, &op);
	if (fields[f].type == FT_BOOL && op.cmp != CMP_EQ && op.cmp != CMP_NE)
		return fail_at(ps, op.col, PSIRT_EINVAL, "'%s' does not apply to %s (yes or no)",
		               cmp_text[op.cmp], fields[f].name);
	e->cmp = (unsigned char)op.cmp;
	err = cmp_value(ps, f, &e->num);
	if (err)
		return err;
	if (fields[f].type == FT_BOOL && e->cmp == CMP_NE) {
		/* one spelling per meaning: "kev != yes" is "kev = no" */
		e->cmp = CMP_EQ;
		e->num = !e->num;
	}
	return PSIRT_OK;
}

static enum psirt_err parse_not(struct parser *ps, int depth, struct psirt_policy_expr **out)
{
	struct psirt_policy_expr *e;
	struct token t;
	enum psirt_err err;

	err = peek(ps, &t);
	if (err)
		return err;
	if (t.type != T_WORD || !psirt_str_eq(t.s, "not"))
		return parse_primary(ps, depth, out);
	lex(ps, &t);
	if (depth >= PSIRT_POLICY_MAX_DEPTH)
		return fail_at(ps, t.col, PSIRT_ETOOBIG, "condition nested deeper than %d",
		               PSIRT_POLICY_MAX_DEPTH);
	e = new_expr(ps, EX_NOT);
	if (!e)
		return nomem(ps);
	*out = e;
	return parse_not(ps, depth + 1, (struct psirt_policy_expr **)&e->a);
}

/* Left-associative chains of one operator: "a and b and c". */
static enum psirt_err parse_chain(struct parser *ps, int depth, int op,
                                  struct psirt_policy_expr **out)
{
	const char *word = op == EX_OR ? "or" : "and";
	struct psirt_policy_expr *e;
	struct token t;
	enum psirt_err err;

	err = op == EX_OR ? parse_chain(ps, depth, EX_AND, out) : parse_not(ps, depth, out);
	for (;;) {
		if (err)
			return err;
		err = peek(ps, &t);
		if (err)
			return err;
		if (t.type != T_WORD || !psirt_str_eq(t.s, word))
			return PSIRT_OK;
		lex(ps, &t);
		e = new_expr(ps, op);
		if (!e)
			return nomem(ps);
		e->a = *out;
		*out = e;
		err = op == EX_OR
		          ? parse_chain(ps, depth, EX_AND, (struct psirt_policy_expr **)&e->b)
		          : parse_not(ps, depth, (struct psirt_policy_expr **)&e->b);
	}
}

static enum psirt_err parse_or(struct parser *ps, int depth, struct psirt_policy_expr **out)
{
	return parse_chain(ps, depth, EX_OR, out);
}

static enum psirt_err parse_condition(struct parser *ps, struct psirt_str text, long col,
                                      const struct psirt_policy_expr **out)
{
	struct psirt_policy_expr *e = NULL;
	struct token t;
	enum psirt_err err;

	ps->cp = text.p;
	ps->clen = text.len;
	ps->ci = 0;
	ps->ccol = col;
	ps->terms = 0;
	err = parse_or(ps, 0, &e);
	if (err)
		return err;
	err = lex(ps, &t);
	if (err)
		return err;
	if (t.type != T_END)
		return fail_at(ps, t.col, PSIRT_EINVAL,
		               "expected 'and', 'or' or the end of the condition, not '%.*s'",
		               (int)t.s.len, t.s.p);
	*out = e;
	return PSIRT_OK;
}

/* Canonical text of a condition (docs/policy.md "Canonical form"). */
enum { PREC_OR = 1, PREC_AND, PREC_NOT, PREC_ATOM };

static int prec_of(const struct psirt_policy_expr *e)
{
	return e->op == EX_OR    ? PREC_OR
	       : e->op == EX_AND ? PREC_AND
	       : e->op == EX_NOT ? PREC_NOT
	                         : PREC_ATOM;
}

static int bare_bool(const struct psirt_policy_expr *e)
{
	return e->op == EX_CMP && fields[e->field].type == FT_BOOL && e->num == 1;
}

static void print_expr(struct psirt_buf *b, const struct psirt_policy_expr *e, int parent)
{
	const struct field *f = &fields[e->field];
	int own = prec_of(e), i, first = 1;

	if (own < parent)
		psirt_buf_addch(b, '(');
	switch (e->op) {
	case EX_OR:
	case EX_AND:
		print_expr(b, e->a, own);
		psirt_buf_adds(b, e->op == EX_OR ? " or " : " and ");
		print_expr(b, e->b, own);
		break;
	case EX_NOT:
		psirt_buf_adds(b, "not ");
		/* "not kev", but "not (safety >= marginal)" */
		print_expr(b, e->a,
		           e->a->op == EX_NOT || bare_bool(e->a) ? PREC_NOT : PREC_ATOM + 1);
		break;
	case EX_IN:
		psirt_buf_addf(b, "%s in (", f->name);
		for (i = 0; i < f->nvalues; i++) {
			if (e->set & ((uint32_t)1 << i)) {
				psirt_buf_addf(b, "%s%s", first ? "" : ", ", f->values[i]);
				first = 0;
			}
		}
		psirt_buf_addch(b, ')');
		break;
	default:
		if (f->type == FT_BOOL) {
			psirt_buf_addf(b, e->num ? "%s" : "%s = no", f->name);
			break;
		}
		psirt_buf_addf(b, "%s %s ", f->name, cmp_text[e->cmp]);
		if (f->type == FT_ENUM)
			psirt_buf_adds(b, f->values[e->num]);
		else if (f->type == FT_PROB)
			add_prob(b, (long)e->num);
		else
			psirt_buf_addf(b, "%lld", e->num);
		break;
	}
	if (own < parent)
		psirt_buf_addch(b, ')');
}

static void fields_used(const struct psirt_policy_expr *e, unsigned *mask)
{
	if (!e)
		return;
	if (e->op == EX_CMP || e->op == EX_IN)
		*mask |= 1u << e->field;
	fields_used(e->a, mask);
	fields_used(e->b, mask);
}

/* ---- sections and keys */

static enum psirt_err add_rule(struct parser *ps, const struct psirt_policy_rule *r)
{
	struct psirt_policy *p = ps->pol;

	if (!r->is_default && p->nrules >= PSIRT_POLICY_MAX_RULES)
		return fail_at(ps, 1, PSIRT_ETOOBIG, "more than %d rules", PSIRT_POLICY_MAX_RULES);
	if (p->nrules + 1 >= p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		struct psirt_policy_rule *n = realloc(p->rules, cap * sizeof *n);

		if (!n)
			return nomem(ps);
		p->rules = n;
		p->cap = cap;
	}
	p->rules[p->nrules++] = *r;
	return PSIRT_OK;
}

/* Ends the section being read: checks its keys, files the rule. */
static enum psirt_err end_section(struct parser *ps)
{
	struct psirt_policy_rule *r = &ps->cur;
	long line = ps->line;
	enum psirt_err err = PSIRT_OK;
	int k;

	if (!ps->in_section)
		return PSIRT_OK;
	ps->in_section = 0;
	for (k = ps->is_default ? K_PRIORITY : K_WHEN; k <= K_CLASS; k++) {
		if (!ps->key_line[k]) {
			ps->line = r->line;
			if (ps->is_default)
				err = fail_at(ps, 1, PSIRT_EINVAL, "[default] has no '%s'",
				              key_names[k]);
			else
				err = fail_at(ps, 1, PSIRT_EINVAL, "[rule %s] has no '%s'", r->name,
				              key_names[k]);
			ps->line = line;
			return err;
		}
	}
	if (!ps->key_line[K_EXPLAIN]) {
		unsigned mask = 0, f;

		fields_used(r->when, &mask);
		for (f = 0; f < PSIRT_POLICY__FIELDS; f++) {
			if (mask & (1u << f))
				r->explain[r->nexplain++] = (unsigned char)f;
		}
	}
	if (ps->is_default) {
		ps->def = *r;
		ps->have_default = 1;
		return PSIRT_OK;
	}
	return add_rule(ps, r);
}

static int rule_name_char(int c)
{
	return psirt_isalnum(c) || c == '-' || c == '_' || c == '.';
}

/* "[rule NAME]" or "[default]"; s starts at '[' (column col), trimmed. */
static enum psirt_err section(struct parser *ps, struct psirt_str s, long col)
{
	size_t i = 1, start;
	struct psirt_str word, name;
	enum psirt_err err;

	err = end_section(ps);
	if (err)
		return err;
	while (i < s.len && psirt_isspace((unsigned char)s.p[i]))
		i++;
	start = i;
	while (i < s.len && psirt_isalpha((unsigned char)s.p[i]))
		i++;
	word = psirt_str_make(s.p + start, i - start);
	if (psirt_str_eq(word, "default")) {
		name = psirt_str_make("default", 7);
	} else if (psirt_str_eq(word, "rule")) {
		while (i < s.len && psirt_isspace((unsigned char)s.p[i]))
			i++;
		start = i;
		while (i < s.len && rule_name_char((unsigned char)s.p[i]))
			i++;
		name = psirt_str_make(s.p + start, i - start);
		if (!name.len)
			return fail_at(ps, col + (long)i, PSIRT_EINVAL,
			               "expected a rule name (letters, digits, '-', '_', '.')");
		if (name.len > RULE_NAME_MAX_LEN)
			return fail_at(ps, col + (long)start, PSIRT_ETOOBIG,
			               "rule name longer than %d characters", RULE_NAME_MAX_LEN);
	} else {
		size_t end = s.len;

		while (end > 1 && s.p[end - 1] != ']')
			end--;
		return fail_at(ps, col, PSIRT_EINVAL,
		               "unknown section '%.*s' (expected [rule NAME] or [default])",
		               (int)(end > 1 ? end : s.len), s.p);
	}
	while (i < s.len && psirt_isspace((unsigned char)s.p[i]))
		i++;
	if (i >= s.len || s.p[i] != ']')
		return fail_at(ps, col + (long)i, PSIRT_EINVAL, "expected ']'");
	if (i + 1 < s.len) {
		i++;
		while (psirt_isspace((unsigned char)s.p[i]))
			i++; /* s is trimmed: text follows */
		return fail_at(ps, col + (long)i, PSIRT_EINVAL, "unexpected text after ']'");
	}

	if (ps->have_default) {
		if (psirt_str_eq(word, "default"))
			return fail_at(ps, col, PSIRT_EINVAL,
			               "second [default] (first on line %ld)", ps->default_line);
		return fail_at(ps, col, PSIRT_EINVAL,
		               "rule '%.*s' follows [default] and would never be reached",
		               (int)name.len, name.p);
	}
	memset(&ps->cur, 0, sizeof ps->cur);
	memset(ps->key_line, 0, sizeof ps->key_line);
	ps->in_section = 1;
	ps->is_default = psirt_str_eq(word, "default");
	ps->cur.line = ps->line;
	ps->cur.is_default = ps->is_default;
	if (ps->is_default) {
		ps->default_line = ps->line;
		ps->cur.name = "default";
		return PSIRT_OK;
	}
	for (i = 0; i < ps->pol->nrules; i++) {
		if (psirt_str_eq(name, ps->pol->rules[i].name))
			return fail_at(ps, col + (long)(name.p - s.p), PSIRT_EINVAL,
			               "duplicate rule name '%.*s' (first on line %ld)",
			               (int)name.len, name.p, ps->pol->rules[i].line);
	}
	ps->cur.name = psirt_arena_strndup(&ps->pol->arena, name.p, name.len);
	return ps->cur.name ? PSIRT_OK : nomem(ps);
}

static enum psirt_err key_explain(struct parser *ps, struct psirt_str v, long col)
{
	struct psirt_policy_rule *r = &ps->cur;
	size_t i = 0, start;
	unsigned seen = 0;

	for (;;) {
		struct psirt_str w;
		int f;

		while (i < v.len && psirt_isspace((unsigned char)v.p[i]))
			i++;
		start = i;
		while (i < v.len && v.p[i] != ',' && !psirt_isspace((unsigned char)v.p[i]))
			i++;
		w = psirt_str_make(v.p + start, i - start);
		f = find_field(w);
		if (f < 0) {
			struct psirt_buf b = PSIRT_BUF_INIT;
			enum psirt_err err;

			add_field_list(&b);
			err = fail_at(ps, col + (long)start, PSIRT_EINVAL,
			              w.len ? "unknown field '%.*s' in explain (expected %s)"
			                    : "%.*sexpected a field name in explain (%s)",
			              (int)w.len, w.p, psirt_buf_error(&b) ? "a field" : b.p);
			psirt_buf_release(&b);
			return err;
		}
		if (seen & (1u << f))
			return fail_at(ps, col + (long)start, PSIRT_EINVAL,
			               "'%s' is listed twice in explain", fields[f].name);
		seen |= 1u << f;
		r->explain[r->nexplain++] = (unsigned char)f;
		while (i < v.len && psirt_isspace((unsigned char)v.p[i]))
			i++;
		if (i == v.len)
			return PSIRT_OK;
		if (v.p[i] != ',')
			return fail_at(ps, col + (long)i, PSIRT_EINVAL,
			               "expected ',' between the fields of explain");
		i++;
	}
}

/* "key = value" inside a section or before the first. */
static enum psirt_err key_value(struct parser *ps, struct psirt_str k, long kcol,
                                struct psirt_str v, long vcol)
{
	struct psirt_policy_rule *r = &ps->cur;
	struct psirt_buf b = PSIRT_BUF_INIT;
	enum psirt_err err;
	long long n;
	int key = -1, i;

	if (!ps->in_section) {
		if (!psirt_str_eq(k, "name"))
			return fail_at(
			    ps, kcol, PSIRT_EINVAL,
			    "unknown key '%.*s' before the first section (expected name)",
			    (int)k.len, k.p);
		if (ps->pol->name)
			return fail_at(ps, kcol, PSIRT_EINVAL, "duplicate key 'name'");
		if (v.len > NAME_MAX_LEN)
			return fail_at(ps, vcol, PSIRT_ETOOBIG, "name longer than %d bytes",
			               NAME_MAX_LEN);
		ps->pol->name = psirt_arena_strndup(&ps->pol->arena, v.p, v.len);
		return ps->pol->name ? PSIRT_OK : nomem(ps);
	}
	for (i = 0; i < K__MAX; i++) {
		if (psirt_str_eq(k, key_names[i]))
			key = i;
	}
	if (key < 0) {
		add_list(&b, key_names + (ps->is_default ? 1 : 0),
		         K__MAX - (ps->is_default ? 1 : 0));
		err = fail_at(ps, kcol, PSIRT_EINVAL, "unknown key '%.*s' (expected %s)",
		              (int)k.len, k.p, psirt_buf_error(&b) ? "a key" : b.p);
		psirt_buf_release(&b);
		return err;
	}
	if (key == K_WHEN && ps->is_default)
		return fail_at(ps, kcol, PSIRT_EINVAL,
		               "[default] takes no 'when': it applies when no rule matches");
	if (ps->key_line[key])
		return fail_at(ps, kcol, PSIRT_EINVAL, "duplicate key '%s' (first on line %ld)",
		               key_names[key], ps->key_line[key]);
	ps->key_line[key] = ps->line;
	switch (key) {
	case K_WHEN:
		err = parse_condition(ps, v, vcol, &r->when);
		if (err)
			return err;
		print_expr(&b, r->when, 0);
		if (psirt_buf_error(&b))
			return nomem(ps);
		r->condition = psirt_arena_strndup(&ps->pol->arena, b.p, b.len);
		psirt_buf_release(&b);
		return r->condition ? PSIRT_OK : nomem(ps);
	case K_PRIORITY:
		if (v.len != 2 || psirt_toupper((unsigned char)v.p[0]) != 'P' || v.p[1] < '1' ||
		    v.p[1] > '4')
			return fail_at(ps, vcol, PSIRT_EINVAL,
			               "unknown priority '%.*s' (expected P1, P2, P3 or P4)",
			               (int)v.len, v.p);
		r->priority = v.p[1] - '0';
		return PSIRT_OK;
	case K_DEADLINE:
		n = parse_count(v);
		if (n < 0 || n > DEADLINE_MAX)
			return fail_at(
			    ps, vcol, PSIRT_EINVAL,
			    "deadline is a whole number of days from 0 to %d, not '%.*s'",
			    DEADLINE_MAX, (int)v.len, v.p);
		r->deadline_days = (int)n;
		return PSIRT_OK;
	case K_CLASS:
		i = psirt_response_class_parse(v);
		if (i < 0) {
			add_list(&b, class_names, PSIRT_RESPONSE__MAX);
			err = fail_at(ps, vcol, PSIRT_EINVAL,
			              "unknown response class '%.*s' (expected %s)", (int)v.len,
			              v.p, psirt_buf_error(&b) ? "a class" : b.p);
			psirt_buf_release(&b);
			return err;
		}
		r->response_class = (enum psirt_response_class)i;
		return PSIRT_OK;
	default:
		return key_explain(ps, v, vcol);
	}
}

/* One line without its end of line; col counts from 1. */
static enum psirt_err parse_line(struct parser *ps, struct psirt_str s)
{
	size_t i, start, end;
	struct psirt_str k, v;
	long kcol;

	for (i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.p[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return fail_at(ps, (long)i + 1, PSIRT_EINVAL, "control character 0x%02x",
			               c);
	}
	/* '#' starts a comment anywhere: no value of the format holds one */
	end = s.len;
	for (i = 0; i < s.len; i++) {
		if (s.p[i] == '#') {
			end = i;
			break;
		}
	}
	while (end > 0 && psirt_isspace((unsigned char)s.p[end - 1]))
		end--;
	start = 0;
	while (start < end && psirt_isspace((unsigned char)s.p[start]))
		start++;
	if (start == end)
		return PSIRT_OK;
	if (s.p[start] == '[')
		return section(ps, psirt_str_make(s.p + start, end - start), (long)start + 1);
	i = start;
	while (i < end && (psirt_isalnum((unsigned char)s.p[i]) || s.p[i] == '_'))
		i++;
	k = psirt_str_make(s.p + start, i - start);
	kcol = (long)start + 1;
	while (i < end && psirt_isspace((unsigned char)s.p[i]))
		i++;
	if (!k.len || i == end || s.p[i] != '=')
		return fail_at(ps, kcol, PSIRT_EINVAL, "expected 'key = value' or a [section]");
	i++;
	while (i < end && psirt_isspace((unsigned char)s.p[i]))
		i++;
	v = psirt_str_make(s.p + i, end - i);
	if (!v.len)
		return fail_at(ps, (long)i + 1, PSIRT_EINVAL, "'%.*s' has no value", (int)k.len,
		               k.p);
	return key_value(ps, k, kcol, v, (long)i + 1);
}

static void canonical_rule(struct psirt_buf *b, const struct psirt_policy_rule *r)
{
	unsigned i;

	if (r->is_default)
		psirt_buf_adds(b, "[default]\n");
	else
		psirt_buf_addf(b, "[rule %s]\nwhen = %s\n", r->name, r->condition);
	psirt_buf_addf(b, "priority = P%d\ndeadline = %d\nclass = %s\n", r->priority,
	               r->deadline_days, class_names[r->response_class]);
	if (r->nexplain) {
		psirt_buf_adds(b, "explain = ");
		for (i = 0; i < r->nexplain; i++)
			psirt_buf_addf(b, "%s%s", i ? ", " : "", fields[r->explain[i]].name);
		psirt_buf_addch(b, '\n');
	}
}

static enum psirt_err finish(struct parser *ps)
{
	struct psirt_policy *p = ps->pol;
	struct psirt_buf b = PSIRT_BUF_INIT;
	size_t i;
	enum psirt_err err;

	err = end_section(ps);
	if (err)
		return err;
	if (!ps->have_default) {
		ps->line = 0;
		return fail_at(ps, 0, PSIRT_EINVAL,
		               "no [default] section: a policy must say what applies when no rule "
		               "matches");
	}
	err = add_rule(ps, &ps->def);
	if (err)
		return err;
	p->nrules--; /* the default sits after the rules */
	if (p->name)
		psirt_buf_addf(&b, "name = %s\n\n", p->name);
	for (i = 0; i <= p->nrules; i++) {
		if (i)
			psirt_buf_addch(&b, '\n');
		canonical_rule(&b, &p->rules[i]);
	}
	if (psirt_buf_error(&b)) {
		psirt_buf_release(&b);
		return nomem(ps);
	}
	p->canonical = psirt_buf_detach(&b, &p->canonical_len);
	if (!p->canonical)
		return nomem(ps);
	memcpy(p->fingerprint, "sha256:", 7);
	psirt_sha256_hex(p->canonical, p->canonical_len, p->fingerprint + 7);
	return PSIRT_OK;
}

enum psirt_err psirt_policy_parse(const char *text, size_t len, const char *file,
                                  struct psirt_policy **out, struct psirt_diag *diag)
{
	struct parser ps;
	struct psirt_policy *p;
	size_t pos = 0;
	enum psirt_err err = PSIRT_OK;

	*out = NULL;
	memset(&ps, 0, sizeof ps);
	ps.file = file;
	ps.diag = diag;
	if (len > PSIRT_POLICY_MAX_SIZE)
		return fail_at(&ps, 0, PSIRT_ETOOBIG, "policy larger than %zu bytes",
		               PSIRT_POLICY_MAX_SIZE);
	p = calloc(1, sizeof *p);
	if (!p)
		return fail_at(&ps, 0, PSIRT_ENOMEM, "out of memory");
	psirt_arena_init(&p->arena, 0);
	ps.pol = p;
	/* a UTF-8 byte order mark, as some editors write one */
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		pos = 3;
	while (pos < len && err == PSIRT_OK) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len, stop = end;

		ps.line++;
		if (stop > pos && text[stop - 1] == '\r')
			stop--;
		err = parse_line(&ps, psirt_str_make(text + pos, stop - pos));
		pos = end + 1;
	}
	if (err == PSIRT_OK)
		err = finish(&ps);
	if (err != PSIRT_OK) {
		psirt_policy_free(p);
		return err;
	}
	*out = p;
	return PSIRT_OK;
}

enum psirt_err psirt_policy_load(const char *path, struct psirt_policy **out,
                                 struct psirt_diag *diag)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	char chunk[8192];
	enum psirt_err err;
	FILE *f;
	size_t n;

	*out = NULL;
	f = fopen(path, "rb");
	if (!f) {
		err = psirt_diag_set(diag, PSIRT_EIO, "cannot open: %s", strerror(errno));
		psirt_diag_set_file(diag, path);
		return err;
	}
	psirt_buf_init(&b, PSIRT_POLICY_MAX_SIZE + 1);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && !psirt_buf_error(&b))
		psirt_buf_add(&b, chunk, n);
	if (ferror(f)) {
		err = psirt_diag_set(diag, PSIRT_EIO, "cannot read: %s", strerror(errno));
		psirt_diag_set_file(diag, path);
	} else if (psirt_buf_error(&b) == PSIRT_ETOOBIG) {
		err = psirt_diag_set(diag, PSIRT_ETOOBIG, "policy larger than %zu bytes",
		                     PSIRT_POLICY_MAX_SIZE);
		psirt_diag_set_file(diag, path);
	} else if (psirt_buf_error(&b)) {
		err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	} else {
		err = psirt_policy_parse(b.p, b.len, path, out, diag);
	}
	fclose(f);
	psirt_buf_release(&b);
	return err;
}

void psirt_policy_free(struct psirt_policy *p)
{
	if (!p)
		return;
	psirt_arena_release(&p->arena);
	free(p->rules);
	free(p->canonical);
	free(p);
}

const char *psirt_policy_name(const struct psirt_policy *p)
{
	return p->name ? p->name : "";
}

const char *psirt_policy_fingerprint(const struct psirt_policy *p)
{
	return p->fingerprint;
}

const char *psirt_policy_canonical(const struct psirt_policy *p, size_t *len)
{
	if (len)
		*len = p->canonical_len;
	return p->canonical;
}

size_t psirt_policy_rule_count(const struct psirt_policy *p)
{
	return p->nrules;
}

const struct psirt_policy_rule *psirt_policy_rule_at(const struct psirt_policy *p, size_t i)
{
	return i <= p->nrules ? &p->rules[i] : NULL;
}

/* ---- inputs and evaluation */

void psirt_policy_input_init(struct psirt_policy_input *in)
{
	in->ssvc = in->exploitation = in->safety = in->exposure = in->weight = -1;
	in->nonconformity = in->kev = in->controlled = 0;
	in->kev_date = NULL;
	in->epss = -1;
	in->units = -1;
}

/* YYYY-MM-DD with a month 01-12 and a day 01-31 */
static int is_date(struct psirt_str s)
{
	static const char shape[] = "dddd-dd-dd";
	int month, day;
	size_t i;

	if (s.len != 10)
		return 0;
	for (i = 0; i < 10; i++) {
		if (shape[i] == 'd' ? !psirt_isdigit((unsigned char)s.p[i]) : s.p[i] != '-')
			return 0;
	}
	month = (s.p[5] - '0') * 10 + (s.p[6] - '0');
	day = (s.p[8] - '0') * 10 + (s.p[9] - '0');
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

enum psirt_err psirt_policy_input_set(struct psirt_policy_input *in, struct psirt_str arg,
                                      struct psirt_diag *diag)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	const char *eq = arg.len ? memchr(arg.p, '=', arg.len) : NULL;
	struct psirt_str k, v;
	enum psirt_err err;
	long long n;
	long col;
	int f, x = 0;

	if (!eq || eq == arg.p) {
		err = psirt_diag_set(diag, PSIRT_EINVAL, "expected FIELD=VALUE");
		psirt_diag_set_column(diag, 1);
		return err;
	}
	k = psirt_str_make(arg.p, (size_t)(eq - arg.p));
	v = psirt_str_make(eq + 1, arg.len - k.len - 1);
	col = (long)k.len + 2;
	f = find_field(k);
	if (f < 0) {
		add_field_list(&b);
		err = psirt_diag_set(diag, PSIRT_EINVAL, "unknown field '%.*s' (expected %s)",
		                     (int)k.len, k.p, psirt_buf_error(&b) ? "a field" : b.p);
		psirt_buf_release(&b);
		psirt_diag_set_column(diag, 1);
		return err;
	}
	switch (fields[f].type) {
	case FT_ENUM:
		x = find_word(v, fields[f].values, fields[f].nvalues);
		if (x < 0) {
			add_list(&b, fields[f].values, fields[f].nvalues);
			err = psirt_diag_set(diag, PSIRT_EINVAL,
			                     "unknown value '%.*s' for %s (expected %s)",
			                     (int)v.len, v.p, fields[f].name,
			                     psirt_buf_error(&b) ? "one of its values" : b.p);
			psirt_buf_release(&b);
			psirt_diag_set_column(diag, col);
			return err;
		}
		break;
	case FT_BOOL:
		x = parse_bool(v);
		if (f == PSIRT_POLICY_KEV && x < 0 && is_date(v)) {
			in->kev = 1;
			in->kev_date = v.p; /* points into arg, which ends after the date */
			return PSIRT_OK;
		}
		if (x < 0) {
			err = psirt_diag_set(diag, PSIRT_EINVAL, "expected %s for %s, not '%.*s'",
			                     f == PSIRT_POLICY_KEV
			                         ? "yes, no or the date it was listed"
			                         : "yes or no",
			                     fields[f].name, (int)v.len, v.p);
			psirt_diag_set_column(diag, col);
			return err;
		}
		break;
	case FT_PROB:
		n = parse_prob(v);
		if (n < 0) {
			err = psirt_diag_set(
			    diag, PSIRT_EINVAL,
			    "epss is a probability from 0 to 1 with at most 6 decimals, "
			    "not '%.*s'",
			    (int)v.len, v.p);
			psirt_diag_set_column(diag, col);
			return err;
		}
		in->epss = (double)n / PPM;
		return PSIRT_OK;
	default:
		n = parse_count(v);
		if (n < 0) {
			err =
			    psirt_diag_set(diag, PSIRT_EINVAL,
			                   "units is a whole number, not '%.*s'", (int)v.len, v.p);
			psirt_diag_set_column(diag, col);
			return err;
		}
		in->units = n;
		return PSIRT_OK;
	}
	switch (f) {
	case PSIRT_POLICY_SSVC:
		in->ssvc = x;
		break;
	case PSIRT_POLICY_EXPLOITATION:
		in->exploitation = x;
		break;
	case PSIRT_POLICY_SAFETY:
		in->safety = x;
		break;
	case PSIRT_POLICY_NONCONFORMITY:
		in->nonconformity = x;
		break;
	case PSIRT_POLICY_EXPOSURE:
		in->exposure = x;
		break;
	case PSIRT_POLICY_WEIGHT:
		in->weight = x;
		break;
	case PSIRT_POLICY_KEV:
		in->kev = x;
		if (!x)
			in->kev_date = NULL;
		break;
	default:
		in->controlled = x;
		break;
	}
	return PSIRT_OK;
}

/* An enum, yes/no or count field's value, -1 when unknown. */
static long long value_of(const struct psirt_policy_input *in, unsigned f)
{
	switch (f) {
	case PSIRT_POLICY_SSVC:
		return in->ssvc;
	case PSIRT_POLICY_EXPLOITATION:
		return in->exploitation;
	case PSIRT_POLICY_SAFETY:
		return in->safety;
	case PSIRT_POLICY_NONCONFORMITY:
		return in->nonconformity != 0;
	case PSIRT_POLICY_EXPOSURE:
		return in->exposure;
	case PSIRT_POLICY_WEIGHT:
		return in->weight;
	case PSIRT_POLICY_KEV:
		return in->kev != 0;
	case PSIRT_POLICY_UNITS:
		return in->units;
	case PSIRT_POLICY_CONTROLLED:
		return in->controlled != 0;
	default:
		return -1;
	}
}

static int compare(int cmp, double a, double b)
{
	switch (cmp) {
	case CMP_EQ:
		return a == b;
	case CMP_NE:
		return a != b;
	case CMP_LT:
		return a < b;
	case CMP_LE:
		return a <= b;
	case CMP_GT:
		return a > b;
	default:
		return a >= b;
	}
}

static int eval_expr(const struct psirt_policy_expr *e, const struct psirt_policy_input *in)
{
	long long v;

	switch (e->op) {
	case EX_OR:
		return eval_expr(e->a, in) || eval_expr(e->b, in);
	case EX_AND:
		return eval_expr(e->a, in) && eval_expr(e->b, in);
	case EX_NOT:
		return !eval_expr(e->a, in);
	case EX_IN:
		v = value_of(in, e->field);
		return v >= 0 && v < 32 && (e->set & ((uint32_t)1 << v));
	default:
		if (e->field == PSIRT_POLICY_EPSS)
			/* unknown EPSS (negative) fails every comparison */
			return in->epss >= 0 && in->epss <= 1 &&
			       compare(e->cmp, in->epss, (double)e->num / PPM);
		v = value_of(in, e->field);
		return v >= 0 && compare(e->cmp, (double)v, (double)e->num);
	}
}

/* "12,400" */
static void add_thousands(struct psirt_buf *b, long long n)
{
	char digits[24];
	int len, i;

	len = snprintf(digits, sizeof digits, "%lld", n);
	for (i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			psirt_buf_addch(b, ',');
		psirt_buf_addch(b, digits[i]);
	}
}

/* Appends the fact of field f when it is known and says something; returns
 * whether it did. */
static int add_fact(struct psirt_buf *b, unsigned f, const struct psirt_policy_input *in, int first)
{
	static const char *const exploitation[] = {"no known exploitation", "public PoC",
	                                           "active exploitation"};
	static const char *const exposure[PSIRT_EXPOSURE__MAX] = {
	    [PSIRT_EXPOSURE_PHYSICAL] = "physical access only",
	    [PSIRT_EXPOSURE_ADJACENT] = "adjacent exposure",
	    [PSIRT_EXPOSURE_LOCAL_NETWORK] = "local-network exposure",
	    [PSIRT_EXPOSURE_INTERNET] = "internet-exposed",
	};
	const char *sep = first ? "" : ", ";

	switch (f) {
	case PSIRT_POLICY_SSVC:
		if (in->ssvc < 0 || in->ssvc > 3)
			return 0;
		psirt_buf_addf(b, "%sSSVC %s", sep, ssvc_values[in->ssvc]);
		return 1;
	case PSIRT_POLICY_EXPLOITATION:
		/* "KEV-listed" already says it is exploited */
		if (in->exploitation < 0 || in->exploitation > 2 ||
		    (in->kev && in->exploitation == PSIRT_SSVC_EXPLOIT_ACTIVE))
			return 0;
		psirt_buf_addf(b, "%s%s", sep, exploitation[in->exploitation]);
		return 1;
	case PSIRT_POLICY_SAFETY:
		if (in->safety < 0 || in->safety >= PSIRT_SAFETY__MAX)
			return 0;
		psirt_buf_addf(b, "%ssafety impact %s", sep, psirt_safety_class_names[in->safety]);
		return 1;
	case PSIRT_POLICY_NONCONFORMITY:
		if (!in->nonconformity)
			return 0;
		psirt_buf_addf(b, "%sregulatory nonconformity", sep);
		return 1;
	case PSIRT_POLICY_EXPOSURE:
		if (in->exposure < 0 || in->exposure >= PSIRT_EXPOSURE__MAX)
			return 0;
		psirt_buf_addf(b, "%s%s", sep, exposure[in->exposure]);
		return 1;
	case PSIRT_POLICY_WEIGHT:
		if (in->weight < 0 || in->weight >= PSIRT_SSVC_WEIGHT__MAX)
			return 0;
		psirt_buf_addf(b, "%sbusiness weight %s", sep, psirt_ssvc_weight_names[in->weight]);
		return 1;
	case PSIRT_POLICY_KEV:
		if (!in->kev)
			return 0;
		psirt_buf_addf(b, "%sKEV-listed", sep);
		if (in->kev_date && *in->kev_date)
			psirt_buf_addf(b, " since %.10s", in->kev_date);
		return 1;
	case PSIRT_POLICY_EPSS:
		if (in->epss < 0 || in->epss > 1)
			return 0;
		psirt_buf_addf(b, "%sEPSS %.3g", sep, in->epss);
		return 1;
	case PSIRT_POLICY_UNITS:
		if (in->units < 0)
			return 0;
		psirt_buf_adds(b, sep);
		add_thousands(b, in->units);
		psirt_buf_adds(b, in->units == 1 ? " unit" : " units");
		return 1;
	default:
		psirt_buf_addf(b, "%srisk %s", sep, in->controlled ? "controlled" : "uncontrolled");
		return 1;
	}
}

enum psirt_err psirt_policy_eval(const struct psirt_policy *p, const struct psirt_policy_input *in,
                                 struct psirt_policy_decision *out, struct psirt_buf *reason)
{
	const struct psirt_policy_rule *r = NULL;
	size_t i;
	int any = 0;

	for (i = 0; i < p->nrules && !r; i++) {
		if (eval_expr(p->rules[i].when, in))
			r = &p->rules[i];
	}
	if (!r)
		r = &p->rules[p->nrules];
	out->rule = r;
	out->priority = r->priority;
	out->deadline_days = r->deadline_days;
	out->response_class = r->response_class;
	if (!reason)
		return PSIRT_OK;
	psirt_buf_addf(reason, "P%d %s: ", r->priority, class_names[r->response_class]);
	for (i = 0; i < r->nexplain; i++)
		any |= add_fact(reason, r->explain[i], in, !any);
	if (!any) {
		if (r->is_default)
			psirt_buf_adds(reason, "no rule matched");
		else
			psirt_buf_addf(reason, "rule %s", r->name);
	}
	return psirt_buf_error(reason);
}
