/* Internal interface of the server module.
 *
 * Two layers:
 *   the core (dispatch.c, routes.c, route_*.c): a request in memory → a
 *     response in memory. It knows nothing of sockets: libmicrohttpd's glue
 *     (server.c) fills a struct srv_req, and so does the fuzz target
 *     (fuzz/fuzz_server_router.c).
 *   the glue (server.c): the daemon, its thread pool, one store per worker
 *     thread, request bodies, and turning a struct srv_resp into an MHD
 *     response with the security headers.
 *
 * A request is handled in two steps, so that everything decidable from the
 * request line and headers is decided before a body is read: srv__begin
 * (route, method, authentication, role, CSRF, content type, declared size,
 * path and query parameters) and, when it asks for the body, srv__finish
 * (JSON parsing and validation, then the handler).
 */
#ifndef PSIRT_SERVER_INTERNAL_H
#define PSIRT_SERVER_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include <jansson.h>

#include "psirt/arena.h"
#include "psirt/browse.h"
#include "psirt/buf.h"
#include "psirt/server.h"
#include "psirt/store.h"
#include "psirt/user.h"

enum srv_method {
	SRV_GET,
	SRV_HEAD,
	SRV_POST,
	SRV_PUT,
	SRV_DELETE,
	SRV_PATCH,
	SRV_OPTIONS,
	SRV_OTHER,
	SRV_METHOD__MAX
};
/* "GET" …; "OTHER" for SRV_OTHER. */
const char *srv__method_name(enum srv_method m);
enum srv_method srv__method_parse(const char *text);

/* What a route reads from the body. */
enum srv_body {
	SRV_BODY_NONE, /* no body: one sent is refused (400) */
	SRV_BODY_JSON, /* a JSON object, Content-Type application/json, at most
	                  config.max_json_body; members declared in fields */
	SRV_BODY_SBOM, /* raw bytes of an SBOM, at most config.max_upload; one of
	                  the content types of srv__sbom_types */
};

/* Path and query parameters, validated before the handler (kcgi's kvalid:
 * a route declares what it takes, the core checks it, the handler reads
 * values it can trust). */
enum srv_param_in { SRV_IN_PATH, SRV_IN_QUERY };
enum srv_param_type {
	SRV_P_NAME,    /* a product or version name: 1..max bytes, no control chars */
	SRV_P_VULN_ID, /* 1..64 of letters, digits, - _ . : */
	SRV_P_INT,     /* a decimal integer in [min, max] */
	SRV_P_ENUM,    /* one of values */
	SRV_P_TEXT,    /* 1..max bytes, no control characters */
};
struct srv_param {
	const char *name;
	enum srv_param_in in;
	enum srv_param_type type;
	int required; /* path parameters always are */
	long long min, max; /* INT: range; NAME, TEXT: max is the largest length */
	const char *const *values; /* ENUM: NULL-terminated */
	long long def;             /* INT: value when absent */
};
/* At most this many parameters per route. */
#define SRV_MAX_PARAMS 12

/* Members of a JSON body. */
enum srv_field_type {
	SRV_F_STRING,         /* a string (no NUL), 0..max_len bytes */
	SRV_F_STRING_OR_NULL, /* a string or null */
};
struct srv_field {
	const char *name;
	enum srv_field_type type;
	int required;
	size_t max_len;
};

struct srv_req;
struct srv_resp;
typedef void srv_handler(struct srv_req *req, struct srv_resp *resp);

/* Role bits for srv_route.roles. */
#define SRV_ROLE(r) (1u << (r))
#define SRV_ALL_ROLES                                                                        \
	(SRV_ROLE(PSIRT_ROLE_ADMIN) | SRV_ROLE(PSIRT_ROLE_ANALYST) |                             \
	 SRV_ROLE(PSIRT_ROLE_ENGINEER) | SRV_ROLE(PSIRT_ROLE_VIEWER))
#define SRV_TRIAGE_ROLES (SRV_ROLE(PSIRT_ROLE_ADMIN) | SRV_ROLE(PSIRT_ROLE_ANALYST))
#define SRV_NO_TOKEN (-1)

/* One route: the table in routes.c is the whole API. */
struct srv_route {
	enum srv_method method;
	const char *pattern;  /* "/api/products/{name}": literal segments and {param} */
	unsigned roles;       /* SRV_ROLE bits allowed; 0: public (no login) */
	int token_scope;      /* an API token of this scope may call it; SRV_NO_TOKEN */
	enum srv_body body;
	const struct srv_param *params; /* ended by a NULL name; NULL for none */
	const struct srv_field *fields; /* SRV_BODY_JSON: ended by a NULL name */
	srv_handler *handler;
	const char *summary;  /* one line, also the OpenAPI summary */
};
extern const struct srv_route srv__routes[];
extern const size_t srv__n_routes;

/* The content types an SBOM upload may declare. NULL-terminated. */
extern const char *const srv__sbom_types[];

struct srv_header {
	const char *name;
	const char *value;
};

/* A request as the core sees it. The glue (or the fuzz target) fills the
 * first block; the core fills the rest. Strings live at least as long as
 * the request (most in its arena). */
struct srv_req {
	struct psirt_server *srv;
	struct psirt_store *store; /* the worker's connection */
	struct psirt_arena *arena; /* the request's: freed when it completes */
	const char *method_text;
	enum srv_method method;
	const char *path;           /* as sent, still percent-encoded, no query */
	const struct srv_header *args; /* query arguments as sent (raw) */
	size_t n_args;
	/* the value of a request header (case-insensitive name), or NULL */
	const char *(*header)(void *hctx, const char *name);
	void *hctx;
	const char *client; /* the peer's address; "" when unknown */
	int tls;            /* served over TLS */

	/* filled by srv__begin */
	const struct srv_route *route;
	const char *pval[SRV_MAX_PARAMS]; /* decoded value per route param, NULL if absent */
	long long pint[SRV_MAX_PARAMS];   /* INT params (their default when absent) */
	int authed;
	struct psirt_principal who;
	const char *session_id; /* the cookie's value, when a session */
	size_t body_cap;        /* largest body srv__finish accepts */
	/* filled by srv__finish */
	const char *body;
	size_t body_len;
	json_t *json; /* SRV_BODY_JSON: the parsed object (released with the request) */
};

/* A response as the core makes it. */
#define SRV_MAX_EXTRA 6
struct srv_resp {
	int status;                /* 0 until set */
	const char *content_type;  /* static text */
	struct psirt_buf body;
	int fd;                    /* a static file to send instead of body; -1 */
	unsigned long long file_size;
	int api;                   /* under /api: Cache-Control no-store */
	struct srv_header extra[SRV_MAX_EXTRA]; /* values in the request's arena */
	size_t n_extra;
};

void srv__resp_init(struct srv_resp *r);
void srv__resp_release(struct srv_resp *r);

enum srv_step {
	SRV_RESPOND,   /* resp is complete */
	SRV_NEED_BODY, /* read the body (at most req->body_cap bytes), then srv__finish */
};

/* Step one: everything known from the request line and headers. */
enum srv_step srv__begin(struct srv_req *req, struct srv_resp *resp);
/* Step two: the body (len bytes; borrowed for the request's life) and the
 * handler. */
void srv__finish(struct srv_req *req, const char *body, size_t len, struct srv_resp *resp);
/* The body grew beyond req->body_cap: the 413 (or, for a route that takes
 * no body, the 400) answer. */
void srv__body_too_big(struct srv_req *req, struct srv_resp *resp);
/* Frees what the core attached to a request (the JSON body). */
void srv__req_release(struct srv_req *req);

/* Answers ----------------------------------------------------------------*/

/* status with v as the body (takes the reference; NULL: 500 out of memory). */
void srv__json(struct srv_resp *r, int status, json_t *v);
/* r->body, JSON text written by the handler, as the 200 answer (the 500 of
 * srv__json when the body could not grow). */
void srv__json_text(struct srv_resp *r);
/* {"error": message, "detail": detail} (takes detail; NULL: null). */
void srv__error(struct srv_resp *r, int status, const char *message, json_t *detail);
/* The stable code srv__error puts beside the message ("login.failed",
 * "analysis.needsJustification", else the status's: "notFound", ...;
 * "internal" for 5xx). Static storage. */
const char *srv__error_code(int status, const char *message);
void srv__errorf(struct srv_resp *r, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A library error as its status (the one mapping, like cli_exit_code):
 * ENOTFOUND 404, EINVAL 400, ETOOBIG 413, EUNSUPPORTED 415, EUSAGE 400,
 * EIO 400; ENOMEM, ESTORE, EINTERNAL 500 with a generic message (the
 * detail is logged, not shown). */
void srv__fail(struct srv_resp *r, const struct psirt_diag *diag);
/* Adds a response header (name static, value copied into the arena). */
void srv__header(struct srv_req *req, struct srv_resp *r, const char *name, const char *value);

/* A route parameter's decoded value by name (NULL when absent). */
const char *srv__param(const struct srv_req *req, const char *name);
long long srv__param_int(const struct srv_req *req, const char *name);
/* A member of the JSON body (NULL when absent). */
json_t *srv__member(const struct srv_req *req, const char *name);
/* The string of a JSON body member, or NULL when absent or null. */
const char *srv__member_str(const struct srv_req *req, const char *name);

/* Percent-decodes s (len bytes) into the arena (RFC 3986 §2.1); plus is
 * '+' (paths) unless plus_space (query strings, HTML forms). NULL for a
 * malformed escape or a decoded NUL. */
char *srv__decode(struct psirt_arena *a, const char *s, size_t len, int plus_space);

/* Splits a raw query string "a=1&b=2" into arguments (raw, in the arena):
 * what MHD does for the glue, for the fuzz target. */
size_t srv__query_split(struct psirt_arena *a, const char *query, struct srv_header **out);

/* Server state shared by the workers ------------------------------------*/

struct srv_conn;
struct srv_worker {
	struct psirt_store *store;
	struct srv_worker *next;
};

struct psirt_server {
	struct psirt_server_config cfg;
	char *web_root; /* realpath of cfg.web_root, NULL: no static files */
	struct psirt_auth_policy policy;
	struct MHD_Daemon *daemon;
	unsigned port;
	int tls;            /* HTTPS (cfg.tls_cert and cfg.tls_key given) */
	char url[80];
	/* libmicrohttpd's first complaint while psirt_server_start runs (its
	 * logger is called in the starting thread then): why TLS set-up failed */
	int starting;
	char start_log[256];
	pthread_key_t worker_key;
	int key_made;
	pthread_mutex_t lock; /* workers list and dashboard cache */
	struct srv_worker *workers;
	/* The dashboard's answer, [0] without embargoed vulnerabilities, [1]
	 * with: recomputed after this server changed the store (generation), or
	 * when another connection or process did (watch's data version) and it
	 * is older than cfg.dashboard_ttl_ms — meanwhile, and while one worker
	 * recomputes it, the others answer with the last one. */
	struct srv_dashboard {
		char *body;
		size_t len;
		unsigned long long serial, gen;
		long long at_ms;
		int computing;
	} dash[2];
	struct psirt_store *watch; /* never writes: its data version is the serial */
	unsigned long long generation;
	/* The request deadline (server.c): every open connection, with when
	 * its request began; a watchdog thread shuts down those past
	 * cfg.request_timeout_s. */
	pthread_mutex_t conn_lock;
	pthread_cond_t conn_cond; /* wakes the watchdog to stop */
	struct srv_conn *conns;
	pthread_t watchdog;
	int watchdog_running, watchdog_stop;
	unsigned long long cut; /* requests cut at their deadline */
	/* a match committed without SQLite's checkpoint (psirt_findings_match):
	 * the watchdog runs it on its own connection, after the answer has
	 * gone (srv__checkpoint_soon; under conn_lock) */
	int checkpoint_wanted;
	atomic_ullong checkpoints; /* run so far */
	/* The matcher's full index for the matches of SBOM uploads, kept while
	 * the records' generation is the one it was loaded at (a load takes
	 * seconds at the design's scale, the match of one version
	 * milliseconds); index_lock guards it and its users' count. */
	pthread_mutex_t index_lock;
	struct srv_index *index;
	atomic_ullong index_loads; /* loads so far (tests) */
};

/* A kept index, with how many matches use it: one replaced while in use is
 * freed by its last user. */
struct srv_index {
	struct psirt_match_index *idx;
	unsigned long long generation;
	int users;
};

/* Opens the server's state without a daemon (the fuzz target's way in);
 * free with srv__free. */
enum psirt_err srv__new(const struct psirt_server_config *cfg, struct psirt_server **out,
                        struct psirt_diag *diag);
void srv__free(struct psirt_server *srv);
/* Notes that this server changed the store (caches are stale). */
void srv__changed(struct psirt_server *srv);
/* Asks the watchdog thread to checkpoint the store's write-ahead log (a
 * match committed without it): the request that matched answers at once,
 * and the next request to commit does not pay for it either. */
void srv__checkpoint_soon(struct psirt_server *srv);
/* The kept index if the records' generation is still its own, else one
 * loaded now (and kept when no import ran during the load), for a match;
 * hand it back with srv__index_release. NULL on failure (diag). */
struct srv_index *srv__index_acquire(struct psirt_server *srv, struct psirt_store *store,
                                     struct psirt_diag *diag);
void srv__index_release(struct psirt_server *srv, struct srv_index *x);
/* Appends the dashboard's answer (cached, see struct psirt_server) for a
 * role that sees embargoed vulnerabilities or not to out. */
enum psirt_err srv__dashboard(struct psirt_server *srv, struct psirt_store *store, int sees,
                              struct psirt_buf *out, struct psirt_diag *diag);
/* The dashboard's answer computed now (route_status.c): owned text, free(). */
char *srv__dashboard_text(struct psirt_store *store, int sees, size_t *len,
                          struct psirt_diag *diag);

/* The OpenAPI document (openapi.c): NUL-terminated JSON text. */
const char *srv__openapi(size_t *len);

/* Static files (route_static.c): answers a GET/HEAD outside /api. */
void srv__static(struct srv_req *req, struct srv_resp *resp);

/* Handlers (route_<area>.c). */
srv_handler srv__h_login, srv__h_logout, srv__h_me;
srv_handler srv__h_products, srv__h_product, srv__h_version, srv__h_sbom_upload;
srv_handler srv__h_vuln, srv__h_embargo_set, srv__h_embargo_lift;
srv_handler srv__h_feeds, srv__h_audit, srv__h_dashboard, srv__h_openapi;
srv_handler srv__h_dashboard_trend;
srv_handler srv__h_findings, srv__h_finding, srv__h_finding_analysis, srv__h_vuln_affected;
srv_handler srv__h_tokens, srv__h_token_new, srv__h_token_revoke;
srv_handler srv__h_search;

/* The dashboard's findings figures (route_findings.c), without what an
 * embargo hides unless sees_embargoed: a new reference, NULL with diag set. */
json_t *srv__findings_figures(struct psirt_store *store, int sees_embargoed,
                              struct psirt_arena *arena, struct psirt_diag *diag);

/* JSON shapes (json.c): new references, NULL when out of memory. */
json_t *srv__jstr(const char *s); /* psirt_json_str: a string or null */
/* v (a reference it takes; NULL: null) as compact JSON text into b, beside
 * the library's JSON text writer (psirt/jsonw.h). */
void srv__jw_json(struct psirt_buf *b, json_t *v);
struct psirt_finding;
/* A finding as the API lists it (route_findings.c): as a jansson object
 * (new reference, NULL when out of memory) and the same as text into b. */
json_t *srv__finding_json(const struct psirt_finding *x, const char *now);
void srv__finding_text(struct psirt_buf *b, const struct psirt_finding *x, const char *now);
json_t *srv__audit_json(const struct psirt_audit_row *a);

#endif
