/* The server's core: a request in memory → a response in memory (see
 * src/server/internal.h). Routing, parameter validation, authentication,
 * roles, CSRF, content types and sizes are decided here from the route
 * table, before any handler runs, so that a handler only does its work. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "psirt/log.h"
#include "psirt/str.h"
#include "server/internal.h"

/* Longest request path we route (bytes, before decoding): the longest
 * route with two 256-byte names is far below. */
#define SRV_MAX_PATH 2048
#define SRV_MAX_SEGMENTS 16
/* Query arguments per request. */
#define SRV_MAX_ARGS 32

static const char *const method_names[SRV_METHOD__MAX] = {
	[SRV_GET] = "GET",       [SRV_HEAD] = "HEAD",       [SRV_POST] = "POST",
	[SRV_PUT] = "PUT",       [SRV_DELETE] = "DELETE",   [SRV_PATCH] = "PATCH",
	[SRV_OPTIONS] = "OPTIONS", [SRV_OTHER] = "OTHER",
};

const char *srv__method_name(enum srv_method m)
{
	return (unsigned)m < SRV_METHOD__MAX ? method_names[m] : "OTHER";
}

enum srv_method srv__method_parse(const char *text)
{
	/* RFC 9110 §9.1: method names are case-sensitive */
	for (int i = 0; text && i < SRV_OTHER; i++) {
		if (!strcmp(text, method_names[i]))
			return (enum srv_method)i;
	}
	return SRV_OTHER;
}

/* Responses ---------------------------------------------------------------*/

void srv__resp_init(struct srv_resp *r)
{
	memset(r, 0, sizeof *r);
	psirt_buf_init(&r->body, 0);
	r->fd = -1;
}

void srv__resp_release(struct srv_resp *r)
{
	psirt_buf_release(&r->body);
	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
}

static int dump_cb(const char *buffer, size_t size, void *data)
{
	struct psirt_buf *b = data;

	psirt_buf_add(b, buffer, size);
	return psirt_buf_error(b) ? -1 : 0;
}

void srv__json(struct srv_resp *r, int status, json_t *v)
{
	psirt_buf_reset(&r->body);
	if (!v || json_dump_callback(v, dump_cb, &r->body, JSON_COMPACT) ||
	    psirt_buf_error(&r->body)) {
		json_decref(v);
		psirt_buf_reset(&r->body);
		psirt_buf_adds(&r->body,
		               "{\"error\":\"out of memory\",\"code\":\"internal\",\"detail\":null}");
		r->status = 500;
		r->content_type = "application/json";
		return;
	}
	json_decref(v);
	r->status = status;
	r->content_type = "application/json";
}

void srv__json_text(struct srv_resp *r)
{
	if (psirt_buf_error(&r->body)) {
		srv__json(r, 500, NULL);
		return;
	}
	r->status = 200;
	r->content_type = "application/json";
}

/* Stable codes for the errors a UI user meets, so that the web UI can say
 * them in its language (web/i18n.js "apierr.*"); the English message stays
 * for CLI and API users. Matched on the message's start, first match wins;
 * anything else gets its status's code (status_codes). */
static const struct {
	int status; /* 0: any */
	const char *prefix, *code;
} message_codes[] = {
	{ 401, "wrong user name or password", "login.failed" },
	{ 429, "too many failed logins", "login.rateLimited" },
	{ 401, "log in first", "auth.required" },
	{ 401, "the session has ended", "auth.expired" },
	{ 401, "invalid API token", "auth.badToken" },
	{ 401, "unsupported Authorization scheme", "auth.badToken" },
	{ 403, "wrong CSRF token", "csrf" },
	{ 403, "missing CSRF token", "csrf" },
	{ 403, "role ", "forbidden.role" },
	{ 403, "engineer ", "forbidden.product" },
	{ 403, "an API token of scope", "forbidden.token" },
	{ 400, "not_affected needs a justification", "analysis.needsJustification" },
	{ 400, "a justification goes with not_affected", "analysis.justificationNotAllowed" },
	{ 400, "unknown state", "analysis.badState" },
	{ 400, "unknown justification", "analysis.badJustification" },
	{ 400, "state withdrawn is set by the matcher", "analysis.withdrawn" },
	{ 400, "member 'scope' must be", "analysis.badScope" },
	{ 400, "the body is empty: send the SBOM", "upload.empty" },
	{ 415, "this content type is not an SBOM type", "upload.unsupportedType" },
	{ 415, "send a Content-Type", "upload.unsupportedType" },
	{ 413, "the SBOM is too large", "upload.tooLarge" },
	{ 404, "no finding", "notFound.finding" },
};

static const struct {
	int status;
	const char *code;
} status_codes[] = {
	{ 400, "badRequest" },    { 401, "unauthorized" }, { 403, "forbidden" },
	{ 404, "notFound" },      { 405, "methodNotAllowed" }, { 409, "conflict" },
	{ 413, "tooLarge" },      { 414, "uriTooLong" },   { 415, "unsupportedMediaType" },
	{ 429, "rateLimited" },
};

const char *srv__error_code(int status, const char *message)
{
	size_t i;

	for (i = 0; message && i < sizeof message_codes / sizeof message_codes[0]; i++) {
		if ((!message_codes[i].status || message_codes[i].status == status) &&
		    !strncmp(message, message_codes[i].prefix, strlen(message_codes[i].prefix)))
			return message_codes[i].code;
	}
	/* "CVE-2099-0001: not in the store" (route_vulns.c) */
	if (status == 404 && message && strstr(message, ": not in the store"))
		return "notFound.vulnerability";
	for (i = 0; i < sizeof status_codes / sizeof status_codes[0]; i++) {
		if (status_codes[i].status == status)
			return status_codes[i].code;
	}
	return "internal";
}

void srv__error(struct srv_resp *r, int status, const char *message, json_t *detail)
{
	json_t *o = json_object();

	if (o && (json_object_set_new(o, "error", srv__jstr(message)) ||
	          json_object_set_new(o, "code", json_string(srv__error_code(status, message))) ||
	          json_object_set_new(o, "detail", detail ? detail : json_null()))) {
		json_decref(o);
		o = NULL;
	} else if (!o) {
		json_decref(detail);
	}
	srv__json(r, status, o);
	if (r->status == 500 && status != 500)
		r->status = status; /* out of memory: the status still tells */
}

void srv__errorf(struct srv_resp *r, int status, const char *fmt, ...)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	psirt_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	srv__error(r, status, psirt_buf_error(&b) ? "out of memory" : b.p, NULL);
	psirt_buf_release(&b);
}

void srv__fail(struct srv_resp *r, const struct psirt_diag *diag)
{
	enum psirt_err err = diag->code ? diag->code : PSIRT_EINTERNAL;
	const char *msg = diag->message ? diag->message : psirt_strerror(err);
	json_t *detail = NULL;
	int status;

	switch (err) {
	case PSIRT_ENOTFOUND:
		status = 404;
		break;
	case PSIRT_ETOOBIG:
		status = 413;
		break;
	case PSIRT_EUNSUPPORTED:
		status = 415;
		break;
	case PSIRT_EINVAL:
	case PSIRT_EUSAGE:
	case PSIRT_EIO:
		status = 400;
		break;
	default:
		/* the store's message may name tables and files: logged, not shown */
		psirt_log(PSIRT_LOG_ERROR, "%s: %s", psirt_errname(err), msg);
		srv__error(r, 500, "internal error", NULL);
		return;
	}
	if (diag->where || diag->line || diag->column) {
		detail = json_object();
		if (detail && diag->where)
			json_object_set_new(detail, "where", srv__jstr(diag->where));
		if (detail && diag->line)
			json_object_set_new(detail, "line", json_integer(diag->line));
		if (detail && diag->column)
			json_object_set_new(detail, "column", json_integer(diag->column));
	}
	srv__error(r, status, msg, detail);
}

void srv__header(struct srv_req *req, struct srv_resp *r, const char *name, const char *value)
{
	char *copy = psirt_arena_strdup(req->arena, value);

	if (!copy || r->n_extra >= SRV_MAX_EXTRA)
		return; /* a lost header is not worth a failed response */
	r->extra[r->n_extra].name = name;
	r->extra[r->n_extra].value = copy;
	r->n_extra++;
}

/* Parameters --------------------------------------------------------------*/

const char *srv__param(const struct srv_req *req, const char *name)
{
	const struct srv_param *p = req->route ? req->route->params : NULL;

	for (size_t i = 0; p && p[i].name && i < SRV_MAX_PARAMS; i++) {
		if (!strcmp(p[i].name, name))
			return req->pval[i];
	}
	return NULL;
}

long long srv__param_int(const struct srv_req *req, const char *name)
{
	const struct srv_param *p = req->route ? req->route->params : NULL;

	for (size_t i = 0; p && p[i].name && i < SRV_MAX_PARAMS; i++) {
		if (!strcmp(p[i].name, name))
			return req->pint[i];
	}
	return 0;
}

json_t *srv__member(const struct srv_req *req, const char *name)
{
	return req->json ? json_object_get(req->json, name) : NULL;
}

const char *srv__member_str(const struct srv_req *req, const char *name)
{
	return json_string_value(srv__member(req, name));
}

static int hexval(int c)
{
	if (psirt_isdigit(c))
		return c - '0';
	c = psirt_tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

char *srv__decode(struct psirt_arena *a, const char *s, size_t len, int plus_space)
{
	char *out = psirt_arena_alloc(a, len + 1);
	size_t i, j = 0;

	if (!out)
		return NULL;
	for (i = 0; i < len; i++) {
		int hi, lo;

		if (s[i] == '%') {
			if (i + 2 >= len)
				return NULL;
			hi = hexval((unsigned char)s[i + 1]);
			lo = hexval((unsigned char)s[i + 2]);
			/* a decoded NUL would end the C string early */
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				return NULL;
			out[j++] = (char)(hi * 16 + lo);
			i += 2;
		} else if (s[i] == '+' && plus_space) {
			out[j++] = ' ';
		} else if (s[i] == '\0') {
			return NULL;
		} else {
			out[j++] = s[i];
		}
	}
	out[j] = '\0';
	return out;
}

size_t srv__query_split(struct psirt_arena *a, const char *query, struct srv_header **out)
{
	struct srv_header *args = psirt_arena_calloc(a, SRV_MAX_ARGS + 1, sizeof *args);
	size_t n = 0;

	*out = args;
	if (!args)
		return 0;
	while (query && *query && n <= SRV_MAX_ARGS) {
		const char *end = strchr(query, '&'), *eq;
		size_t len = end ? (size_t)(end - query) : strlen(query);

		eq = memchr(query, '=', len);
		if (len) {
			args[n].name = psirt_arena_strndup(a, query, eq ? (size_t)(eq - query) : len);
			args[n].value = eq ? psirt_arena_strndup(a, eq + 1, len - (size_t)(eq - query) - 1)
			                   : NULL;
			if (!args[n].name)
				break;
			n++;
		}
		query += len + (end != NULL);
	}
	return n;
}

static int has_control(const char *s)
{
	for (; *s; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	}
	return 0;
}

/* Checks one value against its declaration; on failure answers 400 with
 * the precise reason. Returns 0 when valid. */
static int validate(struct srv_req *req, struct srv_resp *resp, const struct srv_param *p,
                    const char *value, long long *num)
{
	const char *where = p->in == SRV_IN_PATH ? "path" : "query";
	size_t len = strlen(value), max = p->max > 0 ? (size_t)p->max : 256;
	struct psirt_buf why = PSIRT_BUF_INIT;
	unsigned long long u;
	json_t *detail;

	switch (p->type) {
	case SRV_P_NAME:
	case SRV_P_TEXT:
		if (!len)
			psirt_buf_adds(&why, "must not be empty");
		else if (len > max)
			psirt_buf_addf(&why, "is longer than %zu bytes", max);
		else if (has_control(value))
			psirt_buf_adds(&why, "must not contain control characters");
		break;
	case SRV_P_VULN_ID:
		if (!len || len > 64) {
			psirt_buf_adds(&why, "must be a vulnerability id of 1 to 64 characters");
			break;
		}
		for (size_t i = 0; i < len; i++) {
			char c = value[i];

			if (!psirt_isalnum(c) && c != '-' && c != '_' && c != '.' && c != ':') {
				psirt_buf_adds(&why, "must be a vulnerability id (CVE-…, GHSA-…, JVNDB-…):"
				                     " letters, digits and - _ . :");
				break;
			}
		}
		break;
	case SRV_P_INT:
		if (psirt_str_to_u64(psirt_str_c(value), (unsigned long long)p->max, &u) ||
		    (long long)u < p->min)
			psirt_buf_addf(&why, "must be an integer from %lld to %lld", p->min, p->max);
		else
			*num = (long long)u;
		break;
	case SRV_P_ENUM:
		for (size_t i = 0; p->values[i]; i++) {
			if (!strcmp(value, p->values[i]))
				goto out_release;
		}
		psirt_buf_adds(&why, "must be one of");
		for (size_t i = 0; p->values[i]; i++)
			psirt_buf_addf(&why, "%s %s", i ? "," : "", p->values[i]);
		break;
	}
	if (!why.len && !psirt_buf_error(&why))
		goto out_release;
	detail = json_pack("{s:s, s:s, s:o}", "parameter", p->name, "in", where, "value",
	                   srv__jstr(value));
	{
		struct psirt_buf msg = PSIRT_BUF_INIT;

		psirt_buf_addf(&msg, "%s parameter '%s' %s", where, p->name,
		               psirt_buf_error(&why) ? "is invalid" : why.p);
		srv__error(resp, 400, psirt_buf_error(&msg) ? "invalid parameter" : msg.p, detail);
		psirt_buf_release(&msg);
	}
	psirt_buf_release(&why);
	return -1;

out_release:
	psirt_buf_release(&why);
	return 0;
}

/* Routing -----------------------------------------------------------------*/

struct path_match {
	const char *names[SRV_MAX_SEGMENTS]; /* {param} names of the pattern */
	const char *values[SRV_MAX_SEGMENTS];
	size_t n;
};

/* Does pattern match the decoded segments? Fills m with its parameters. */
static int pattern_match(const char *pattern, const char *const *seg, size_t nseg,
                         struct path_match *m)
{
	const char *p = pattern + 1;
	size_t i = 0;

	m->n = 0;
	while (*p) {
		const char *end = strchr(p, '/');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (i >= nseg)
			return 0;
		if (len > 2 && p[0] == '{' && p[len - 1] == '}') {
			if (!*seg[i])
				return 0;
			m->names[m->n] = p + 1; /* ends at '}': compared by length below */
			m->values[m->n++] = seg[i];
		} else if (strlen(seg[i]) != len || strncmp(seg[i], p, len)) {
			return 0;
		}
		i++;
		p += len + (end != NULL);
	}
	return i == nseg;
}

/* The value of path parameter name (from "{name}" in the pattern). */
static const char *path_value(const struct path_match *m, const char *name)
{
	size_t len = strlen(name);

	for (size_t i = 0; i < m->n; i++) {
		if (!strncmp(m->names[i], name, len) && m->names[i][len] == '}')
			return m->values[i];
	}
	return NULL;
}

static int method_fits(const struct srv_route *r, enum srv_method m)
{
	return r->method == m || (m == SRV_HEAD && r->method == SRV_GET);
}

/* The media type of a Content-Type value, compared without case and
 * without its parameters (RFC 9110 §8.3.1). */
static int media_type_is(const char *value, const char *type)
{
	size_t n = strlen(type), i = 0;

	while (value[i] == ' ' || value[i] == '\t')
		i++;
	for (size_t k = 0; k < n; k++) {
		if (psirt_tolower((unsigned char)value[i + k]) != type[k])
			return 0;
	}
	i += n;
	while (value[i] == ' ' || value[i] == '\t')
		i++;
	return value[i] == '\0' || value[i] == ';';
}

/* The value of cookie name in a Cookie header (RFC 6265 §4.2.1), copied. */
static const char *cookie_value(struct psirt_arena *a, const char *header, const char *name)
{
	size_t n = strlen(name);

	while (header && *header) {
		const char *end = strchr(header, ';');
		size_t len = end ? (size_t)(end - header) : strlen(header);

		while (len && (*header == ' ' || *header == '\t')) {
			header++;
			len--;
		}
		if (len > n && !strncmp(header, name, n) && header[n] == '=')
			return psirt_arena_strndup(a, header + n + 1, len - n - 1);
		header += len + (end != NULL);
	}
	return NULL;
}

static const char *hdr(const struct srv_req *req, const char *name)
{
	return req->header ? req->header(req->hctx, name) : NULL;
}

static void clear_cookie(struct srv_req *req, struct srv_resp *resp)
{
	srv__header(req, resp, "Set-Cookie",
	            req->srv->cfg.secure_cookies
	                ? "psirt_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure"
	                : "psirt_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
}

/* Authentication, role, token scope and CSRF. 0: may go on; else answered. */
static int authorise(struct srv_req *req, struct srv_resp *resp)
{
	const struct srv_route *r = req->route;
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	const char *authz = hdr(req, "Authorization");
	enum psirt_err err;

	if (!r->roles)
		return 0;
	if (authz) {
		const char *token = authz + 7;

		if (strncmp(authz, "Bearer ", 7) && strncmp(authz, "bearer ", 7)) {
			srv__header(req, resp, "WWW-Authenticate", "Bearer realm=\"psirt\"");
			srv__error(resp, 401, "unsupported Authorization scheme: use Bearer with an API"
			                      " token", NULL);
			return -1;
		}
		while (*token == ' ')
			token++;
		err = psirt_user_token_check(req->store, token, req->arena, &req->who, &diag);
		if (err == PSIRT_ENOTFOUND) {
			psirt_diag_release(&diag);
			srv__header(req, resp, "WWW-Authenticate",
			            "Bearer realm=\"psirt\", error=\"invalid_token\"");
			srv__error(resp, 401, "invalid API token", NULL);
			return -1;
		}
		if (err) {
			srv__fail(resp, &diag);
			psirt_diag_release(&diag);
			return -1;
		}
		if (r->token_scope == SRV_NO_TOKEN || (int)req->who.scope != r->token_scope) {
			srv__errorf(resp, 403, "an API token of scope %s cannot call %s %s: log in",
			            psirt_token_scope_name(req->who.scope), srv__method_name(r->method),
			            r->pattern);
			return -1;
		}
	} else {
		req->session_id = cookie_value(req->arena, hdr(req, "Cookie"), "psirt_session");
		if (!req->session_id) {
			srv__header(req, resp, "WWW-Authenticate", "Bearer realm=\"psirt\"");
			srv__error(resp, 401, "log in first (POST /api/login), or send an API token",
			           NULL);
			return -1;
		}
		err = psirt_user_session_check(req->store, req->session_id, &req->srv->policy,
		                               req->arena, &req->who, &diag);
		if (err == PSIRT_ENOTFOUND) {
			psirt_diag_release(&diag);
			clear_cookie(req, resp);
			srv__header(req, resp, "WWW-Authenticate", "Bearer realm=\"psirt\"");
			srv__error(resp, 401, "the session has ended: log in again", NULL);
			return -1;
		}
		if (err) {
			srv__fail(resp, &diag);
			psirt_diag_release(&diag);
			return -1;
		}
	}
	req->authed = 1;
	if (!(r->roles & SRV_ROLE(req->who.role))) {
		srv__errorf(resp, 403, "role %s may not call %s %s", psirt_role_name(req->who.role),
		            srv__method_name(r->method), r->pattern);
		return -1;
	}
	/* A session is a cookie the browser sends on its own: every request
	 * that changes something must also prove it comes from our page, by the
	 * token only our page can read (OWASP CSRF Prevention, synchronizer
	 * token). SameSite=Strict already stops cross-site requests in current
	 * browsers; this also covers older ones and same-site attackers. */
	if (!req->who.via_token && req->method != SRV_GET && req->method != SRV_HEAD) {
		const char *csrf = hdr(req, "X-CSRF-Token");

		if (!csrf || strlen(csrf) != strlen(req->who.csrf) ||
		    sodium_memcmp(csrf, req->who.csrf, strlen(csrf)) != 0) {
			srv__error(resp, 403,
			           csrf ? "wrong CSRF token" :
			                  "missing CSRF token: send the X-CSRF-Token header (from the login"
			                  " answer or GET /api/me)",
			           NULL);
			return -1;
		}
	}
	return 0;
}

/* The declared body size; 0 when none, -1 when not a number. */
static long long content_length(const struct srv_req *req)
{
	const char *cl = hdr(req, "Content-Length");
	unsigned long long n;

	if (!cl)
		return 0;
	if (psirt_str_to_u64(psirt_str_c(cl), (unsigned long long)1 << 62, &n))
		return -1;
	return (long long)n;
}

static int content_type_ok(const struct srv_req *req, struct srv_resp *resp)
{
	const char *ct = hdr(req, "Content-Type");

	if (req->route->body == SRV_BODY_JSON) {
		if (ct && media_type_is(ct, "application/json"))
			return 0;
		srv__error(resp, 415, "send the body as Content-Type: application/json", NULL);
		return -1;
	}
	for (size_t i = 0; ct && srv__sbom_types[i]; i++) {
		if (media_type_is(ct, srv__sbom_types[i]))
			return 0;
	}
	{
		json_t *types = json_array();

		for (size_t i = 0; types && srv__sbom_types[i]; i++)
			json_array_append_new(types, json_string(srv__sbom_types[i]));
		srv__error(resp, 415,
		           ct ? "this content type is not an SBOM type" : "send a Content-Type",
		           json_pack("{s:o}", "accepted", types ? types : json_null()));
	}
	return -1;
}

/* Path and query parameters of the matched route. */
static int params_ok(struct srv_req *req, struct srv_resp *resp, const struct path_match *m)
{
	const struct srv_param *p = req->route->params;
	size_t i, k;
	int given[SRV_MAX_PARAMS] = { 0 };

	for (i = 0; i < req->n_args; i++) {
		const char *key = srv__decode(req->arena, req->args[i].name,
		                              strlen(req->args[i].name), 1);
		const char *raw = req->args[i].value ? req->args[i].value : "";
		const char *value = srv__decode(req->arena, raw, strlen(raw), 1);

		if (!key || !value) {
			srv__error(resp, 400, "malformed percent-encoding in the query", NULL);
			return -1;
		}
		for (k = 0; p && p[k].name; k++) {
			if (p[k].in == SRV_IN_QUERY && !strcmp(p[k].name, key))
				break;
		}
		if (!p || !p[k].name) {
			srv__error(resp, 400, "unknown query parameter",
			           json_pack("{s:o}", "parameter", srv__jstr(key)));
			return -1;
		}
		if (given[k]) {
			srv__error(resp, 400, "query parameter given twice",
			           json_pack("{s:s}", "parameter", p[k].name));
			return -1;
		}
		given[k] = 1;
		req->pval[k] = value;
	}
	for (k = 0; p && p[k].name; k++) {
		if (p[k].in == SRV_IN_PATH)
			req->pval[k] = path_value(m, p[k].name);
		req->pint[k] = p[k].def;
		if (!req->pval[k]) {
			if (p[k].required) {
				srv__errorf(resp, 400, "query parameter '%s' is required", p[k].name);
				return -1;
			}
			continue;
		}
		if (validate(req, resp, &p[k], req->pval[k], &req->pint[k]))
			return -1;
	}
	return 0;
}

enum srv_step srv__begin(struct srv_req *req, struct srv_resp *resp)
{
	const char *seg[SRV_MAX_SEGMENTS];
	struct path_match m = { { 0 }, { 0 }, 0 }, mm;
	const struct srv_route *found = NULL;
	struct psirt_buf allow = PSIRT_BUF_INIT;
	size_t nseg = 0, i, len = req->path ? strlen(req->path) : 0;
	const char *p;
	long long cl;

	req->body_cap = 0;
	req->method = srv__method_parse(req->method_text);
	if (!req->path || req->path[0] != '/') {
		srv__error(resp, 400, "the request target must be an absolute path", NULL);
		return SRV_RESPOND;
	}
	if (len > SRV_MAX_PATH) {
		srv__errorf(resp, 414, "the path is longer than %d bytes", SRV_MAX_PATH);
		return SRV_RESPOND;
	}
	if (strncmp(req->path, "/api/", 5) && strcmp(req->path, "/api")) {
		if (req->method == SRV_GET || req->method == SRV_HEAD) {
			srv__static(req, resp);
		} else {
			srv__header(req, resp, "Allow", "GET, HEAD");
			srv__errorf(resp, 405, "method %s is not allowed here",
			            srv__method_name(req->method));
		}
		return SRV_RESPOND;
	}
	resp->api = 1;
	/* split and decode: "/api/products/a%2Fb" is three segments, the last
	 * "a/b" (product names may hold '/') */
	for (p = req->path + 1;; nseg++) {
		const char *end = strchr(p, '/');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (nseg == SRV_MAX_SEGMENTS) {
			srv__error(resp, 404, "no such API resource", NULL);
			return SRV_RESPOND;
		}
		seg[nseg] = srv__decode(req->arena, p, n, 0);
		if (!seg[nseg]) {
			srv__error(resp, 400, "malformed percent-encoding in the path", NULL);
			return SRV_RESPOND;
		}
		if (!end) {
			nseg++;
			break;
		}
		p = end + 1;
	}
	for (i = 0; i < srv__n_routes; i++) {
		const struct srv_route *r = &srv__routes[i];

		if (!pattern_match(r->pattern, seg, nseg, &mm))
			continue;
		if (method_fits(r, req->method) && !found) {
			found = r;
			m = mm;
		}
		psirt_buf_addf(&allow, "%s%s", allow.len ? ", " : "", srv__method_name(r->method));
		if (r->method == SRV_GET)
			psirt_buf_adds(&allow, ", HEAD");
	}
	if (!found) {
		if (allow.len) {
			srv__header(req, resp, "Allow", psirt_buf_error(&allow) ? "GET" : allow.p);
			srv__errorf(resp, 405, "method %s is not allowed here",
			            srv__method_name(req->method));
		} else {
			srv__error(resp, 404, "no such API resource", NULL);
		}
		psirt_buf_release(&allow);
		return SRV_RESPOND;
	}
	psirt_buf_release(&allow);
	req->route = found;

	if (authorise(req, resp))
		return SRV_RESPOND;
	cl = content_length(req);
	if (found->body == SRV_BODY_NONE) {
		if (cl != 0 || hdr(req, "Transfer-Encoding")) {
			srv__errorf(resp, 400, "%s %s takes no body", srv__method_name(found->method),
			            found->pattern);
			return SRV_RESPOND;
		}
	} else {
		req->body_cap = found->body == SRV_BODY_JSON ? req->srv->cfg.max_json_body
		                                             : req->srv->cfg.max_upload;
		if (content_type_ok(req, resp))
			return SRV_RESPOND;
		if (cl < 0) {
			srv__error(resp, 400, "Content-Length is not a number", NULL);
			return SRV_RESPOND;
		}
		if ((unsigned long long)cl > req->body_cap) {
			srv__body_too_big(req, resp);
			return SRV_RESPOND;
		}
	}
	if (params_ok(req, resp, &m))
		return SRV_RESPOND;
	return SRV_NEED_BODY;
}

void srv__body_too_big(struct srv_req *req, struct srv_resp *resp)
{
	if (!req->route || req->route->body == SRV_BODY_NONE) {
		srv__error(resp, 400, "this request takes no body", NULL);
		return;
	}
	srv__error(resp, 413,
	           req->route->body == SRV_BODY_JSON ? "the JSON body is too large"
	                                             : "the SBOM is too large",
	           json_pack("{s:I}", "limit", (json_int_t)req->body_cap));
}

/* Validates the JSON body against the route's fields. 0: valid. */
static int json_ok(struct srv_req *req, struct srv_resp *resp)
{
	const struct srv_field *f = req->route->fields;
	json_error_t jerr;
	const char *key;
	json_t *v;
	size_t k;

	if (!req->body_len) {
		srv__error(resp, 400, "a JSON body is required", NULL);
		return -1;
	}
	/* jansson caps nesting at 2048 levels (JSON_PARSER_MAX_DEPTH), so a deep
	 * document cannot exhaust the stack */
	req->json = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (!req->json) {
		struct psirt_buf msg = PSIRT_BUF_INIT;

		psirt_buf_addf(&msg, "malformed JSON: %s", jerr.text);
		srv__error(resp, 400, psirt_buf_error(&msg) ? "malformed JSON" : msg.p,
		           json_pack("{s:i, s:i, s:i}", "line", jerr.line, "column", jerr.column,
		                     "position", jerr.position));
		psirt_buf_release(&msg);
		return -1;
	}
	if (!json_is_object(req->json)) {
		srv__error(resp, 400, "the body must be a JSON object", NULL);
		return -1;
	}
	json_object_foreach(req->json, key, v) {
		for (k = 0; f && f[k].name; k++) {
			if (!strcmp(f[k].name, key))
				break;
		}
		if (!f || !f[k].name) {
			srv__error(resp, 400, "unknown member in the body",
			           json_pack("{s:o}", "member", srv__jstr(key)));
			return -1;
		}
		if (json_is_null(v) && f[k].type == SRV_F_STRING_OR_NULL)
			continue;
		if (!json_is_string(v)) {
			srv__errorf(resp, 400, "member '%s' must be a string%s", f[k].name,
			            f[k].type == SRV_F_STRING_OR_NULL ? " or null" : "");
			return -1;
		}
		if (strlen(json_string_value(v)) != json_string_length(v)) {
			srv__errorf(resp, 400, "member '%s' must not contain NUL characters", f[k].name);
			return -1;
		}
		if (json_string_length(v) > f[k].max_len) {
			srv__errorf(resp, 400, "member '%s' is longer than %zu bytes", f[k].name,
			            f[k].max_len);
			return -1;
		}
	}
	for (k = 0; f && f[k].name; k++) {
		if (f[k].required && !json_object_get(req->json, f[k].name)) {
			srv__errorf(resp, 400, "member '%s' is required", f[k].name);
			return -1;
		}
	}
	return 0;
}

void srv__finish(struct srv_req *req, const char *body, size_t len, struct srv_resp *resp)
{
	req->body = body;
	req->body_len = len;
	if (req->route->body == SRV_BODY_JSON && json_ok(req, resp))
		return;
	if (req->route->body == SRV_BODY_SBOM && !len) {
		srv__error(resp, 400, "the body is empty: send the SBOM", NULL);
		return;
	}
	req->route->handler(req, resp);
	if (!resp->status) {
		psirt_log(PSIRT_LOG_ERROR, "%s %s: the handler gave no answer",
		          srv__method_name(req->route->method), req->route->pattern);
		srv__error(resp, 500, "internal error", NULL);
	}
}

void srv__req_release(struct srv_req *req)
{
	json_decref(req->json);
	req->json = NULL;
}
