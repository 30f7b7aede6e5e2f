/* libmicrohttpd glue: the daemon and its worker threads, one store per
 * worker, request bodies with their caps, and struct srv_resp → MHD
 * response with the security headers (see include/psirt/server.h and
 * src/server/internal.h). */
#include <arpa/inet.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>
#include <sodium.h>

#include "psirt/findings.h"
#include "psirt/isotime.h"
#include "psirt/log.h"
#include "psirt/match.h"
#include "psirt/sbom.h"
#include "psirt/str.h"
#include "server/internal.h"

/* A body beyond its cap is read and dropped up to this much more, so that
 * the client gets its 413; past that the connection is closed. */
#define DISCARD_MAX ((size_t)16 << 20)
/* Request line and headers: libmicrohttpd's per-connection pool. */
#define CONNECTION_MEMORY ((size_t)32 << 10)
#define LISTEN_BACKLOG 511

/* Sent with every answer (OWASP Secure Headers Project). default-src
 * 'self': the UI's scripts, styles and images come from psirt itself, no
 * inline script; frame-ancestors 'none' and X-Frame-Options: no page may
 * frame ours (clickjacking); nosniff: a JSON answer is never run as a
 * script; no-referrer: URLs with product names do not leak. */
static const struct srv_header security_headers[] = {
	{ "Content-Security-Policy", "default-src 'self'; base-uri 'none'; form-action 'self'; "
	                             "frame-ancestors 'none'; object-src 'none'" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "Referrer-Policy", "no-referrer" },
	{ "X-Frame-Options", "DENY" },
	{ "Cross-Origin-Opener-Policy", "same-origin" },
	{ "Cross-Origin-Resource-Policy", "same-origin" },
};

/* An open connection, for the request deadline (the socket context of
 * libmicrohttpd's connection notifications): made when it is accepted,
 * in the server's list until it closes. since: when its current request
 * began (its request line came in; before that, when the connection
 * opened or its last answer was sent), 0 while no deadline runs (the
 * request is in and being answered). */
struct srv_conn {
	struct srv_conn *prev, *next;
	int fd;
	_Atomic long long since_ms;
};

/* One request's state across the access handler's calls. */
struct conn_ctx {
	struct srv_req req;
	struct srv_resp resp;
	struct psirt_arena arena;
	struct psirt_buf body;
	enum { PHASE_NEW, PHASE_READY, PHASE_BODY, PHASE_DISCARD, PHASE_ANSWERED } phase;
	size_t discarded;
	struct srv_header *args;
	size_t n_args, cap_args;
	int too_many_args;
	struct srv_conn *track; /* NULL when libmicrohttpd gave none */
};

/* Server state -------------------------------------------------------------*/

static long long now_ms(void)
{
	return (long long)(psirt_monotonic_s() * 1000);
}

enum psirt_err srv__new(const struct psirt_server_config *cfg, struct psirt_server **out,
                        struct psirt_diag *diag)
{
	static const struct psirt_auth_policy def_policy = PSIRT_AUTH_POLICY_DEFAULT;
	struct psirt_server *srv;
	struct psirt_store *store;
	struct stat st;
	enum psirt_err err;

	*out = NULL;
	if (!cfg->db_path)
		return psirt_diag_set(diag, PSIRT_EINVAL, "the server needs a store");
	srv = calloc(1, sizeof *srv);
	if (!srv)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	srv->cfg = *cfg;
	srv->cfg.listen = NULL; /* borrowed strings are not kept */
	srv->cfg.db_path = strdup(cfg->db_path);
	srv->cfg.web_root = NULL;
	srv->cfg.policy = NULL;
	srv->cfg.tls_cert = NULL;
	srv->cfg.tls_key = NULL;
	/* over HTTPS the cookie is always Secure (RFC 6265bis §4.1.2.5) */
	srv->tls = cfg->tls_cert && cfg->tls_key;
	if (srv->tls)
		srv->cfg.secure_cookies = 1;
	if (!srv->cfg.threads)
		srv->cfg.threads = 2;
	if (!srv->cfg.max_json_body)
		srv->cfg.max_json_body = (size_t)1 << 20;
	if (!srv->cfg.max_upload)
		srv->cfg.max_upload = PSIRT_SBOM_MAX_SIZE;
	if (!srv->cfg.timeout_s)
		srv->cfg.timeout_s = 30;
	if (!srv->cfg.dashboard_ttl_ms)
		srv->cfg.dashboard_ttl_ms = 2000;
	if (!srv->cfg.request_timeout_s)
		srv->cfg.request_timeout_s = PSIRT_SERVER_REQUEST_TIMEOUT;
	if (!srv->cfg.max_connections)
		srv->cfg.max_connections = PSIRT_SERVER_MAX_CONNECTIONS;
	if (!srv->cfg.max_connections_per_ip)
		srv->cfg.max_connections_per_ip = PSIRT_SERVER_MAX_PER_IP;
	srv->policy = cfg->policy ? *cfg->policy : def_policy;
	pthread_mutex_init(&srv->lock, NULL);
	pthread_mutex_init(&srv->conn_lock, NULL);
	pthread_mutex_init(&srv->index_lock, NULL);
	{
		/* the watchdog's waits on the monotonic clock: a clock set back
		 * must not stall it */
		pthread_condattr_t ca;

		pthread_condattr_init(&ca);
		pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
		pthread_cond_init(&srv->conn_cond, &ca);
		pthread_condattr_destroy(&ca);
	}
	if (pthread_key_create(&srv->worker_key, NULL)) {
		srv__free(srv);
		return psirt_diag_set(diag, PSIRT_ENOMEM, "cannot create a thread key");
	}
	srv->key_made = 1;
	if (!srv->cfg.db_path) {
		srv__free(srv);
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	}
	if (cfg->web_root) {
		srv->web_root = realpath(cfg->web_root, NULL);
		if (!srv->web_root || stat(srv->web_root, &st) || !S_ISDIR(st.st_mode)) {
			err = psirt_diag_set(diag, PSIRT_EINVAL, "web root '%s' is not a folder",
			                     cfg->web_root);
			srv__free(srv);
			return err;
		}
	}
	/* once here, so that migrations run before the workers open theirs
	 * and a missing store is reported at start, not at the first request */
	if ((err = psirt_store_open(srv->cfg.db_path, PSIRT_STORE_MMAP, &store, diag))) {
		srv__free(srv);
		return err;
	}
	srv->watch = store;
	if (sodium_init() < 0) {
		srv__free(srv);
		return psirt_diag_set(diag, PSIRT_EINTERNAL, "libsodium cannot initialise");
	}
	*out = srv;
	return PSIRT_OK;
}

void srv__free(struct psirt_server *srv)
{
	struct srv_worker *w, *next;

	if (!srv)
		return;
	for (w = srv->workers; w; w = next) {
		next = w->next;
		psirt_store_close(w->store);
		free(w);
	}
	if (srv->key_made)
		pthread_key_delete(srv->worker_key);
	pthread_mutex_destroy(&srv->lock);
	pthread_mutex_destroy(&srv->conn_lock);
	pthread_mutex_destroy(&srv->index_lock);
	pthread_cond_destroy(&srv->conn_cond);
	if (srv->index) {
		psirt_match_index_free(srv->index->idx);
		free(srv->index);
	}
	free(srv->dash[0].body);
	free(srv->dash[1].body);
	psirt_store_close(srv->watch);
	free((char *)srv->cfg.db_path);
	free(srv->web_root);
	free(srv);
}

static void index_free(struct srv_index *x)
{
	psirt_match_index_free(x->idx);
	free(x);
}

struct srv_index *srv__index_acquire(struct psirt_server *srv, struct psirt_store *store,
                                     struct psirt_diag *diag)
{
	unsigned long long gen = 0, after = 0;
	struct srv_index *x;

	pthread_mutex_lock(&srv->index_lock);
	if (psirt_store_records_generation(store, &gen, diag))
		goto fail;
	if (srv->index && srv->index->generation == gen) {
		x = srv->index;
		x->users++;
		pthread_mutex_unlock(&srv->index_lock);
		return x;
	}
	/* one load at a time: the other uploads wait for it, not load too */
	x = calloc(1, sizeof *x);
	if (!x) {
		psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		goto fail;
	}
	if (psirt_match_index_load(store, &x->idx, diag) ||
	    psirt_store_records_generation(store, &after, diag)) {
		index_free(x);
		goto fail;
	}
	atomic_fetch_add(&srv->index_loads, 1);
	x->generation = gen;
	x->users = 1;
	/* an import during the load: the index may hold a mix of both
	 * generations; this match checks the generation again in its own
	 * transaction (and loads its own if need be), nobody keeps it */
	if (after == gen) {
		if (srv->index && !srv->index->users)
			index_free(srv->index);
		srv->index = x;
	}
	pthread_mutex_unlock(&srv->index_lock);
	return x;
fail:
	pthread_mutex_unlock(&srv->index_lock);
	return NULL;
}

void srv__index_release(struct psirt_server *srv, struct srv_index *x)
{
	if (!x)
		return;
	pthread_mutex_lock(&srv->index_lock);
	if (!--x->users && x != srv->index)
		index_free(x);
	pthread_mutex_unlock(&srv->index_lock);
}

void srv__changed(struct psirt_server *srv)
{
	pthread_mutex_lock(&srv->lock);
	srv->generation++;
	pthread_mutex_unlock(&srv->lock);
}

enum psirt_err srv__dashboard(struct psirt_server *srv, struct psirt_store *store, int sees,
                              struct psirt_buf *out, struct psirt_diag *diag)
{
	struct srv_dashboard *d = &srv->dash[sees ? 1 : 0];
	unsigned long long serial, gen;
	enum psirt_err err;
	long long t;
	char *body;
	size_t len = 0;
	int ok;

	pthread_mutex_lock(&srv->lock);
	t = now_ms();
	gen = srv->generation;
	if ((err = psirt_store_data_version(srv->watch, &serial, diag))) {
		pthread_mutex_unlock(&srv->lock);
		return err;
	}
	/* this server's own change is shown at once, another's after the TTL;
	 * while a worker recomputes, the others answer with the last figures
	 * (at the design's scale a recount takes seconds: two workers counting
	 * at once would stall every request) */
	if (d->body && (d->computing || (d->gen == gen && (d->serial == serial ||
	                                                   t - d->at_ms < (long long)srv->cfg.dashboard_ttl_ms)))) {
		psirt_buf_add(out, d->body, d->len);
		pthread_mutex_unlock(&srv->lock);
		return PSIRT_OK;
	}
	d->computing++;
	pthread_mutex_unlock(&srv->lock);

	/* outside the lock: at scale this takes a while, and the other
	 * workers answer with the last figures meanwhile */
	body = srv__dashboard_text(store, sees, &len, diag);
	ok = body != NULL;

	pthread_mutex_lock(&srv->lock);
	d->computing--;
	if (body) {
		psirt_buf_add(out, body, len);
		/* an older computation finishing late does not replace a newer one */
		if (!d->body || d->at_ms <= t) {
			free(d->body);
			d->body = body;
			d->len = len;
			d->serial = serial;
			d->gen = gen;
			d->at_ms = t;
			body = NULL;
		}
	}
	pthread_mutex_unlock(&srv->lock);
	free(body);
	return ok ? PSIRT_OK : (diag && diag->code ? diag->code : PSIRT_ESTORE);
}

/* The calling worker thread's store, opened on its first request. */
static struct psirt_store *worker_store(struct psirt_server *srv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct srv_worker *w = pthread_getspecific(srv->worker_key);

	if (w)
		return w->store;
	w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	if (psirt_store_open(srv->cfg.db_path, PSIRT_STORE_MMAP, &w->store, &diag)) {
		psirt_log(PSIRT_LOG_ERROR, "a worker cannot open the store: %s", diag.message);
		psirt_diag_release(&diag);
		free(w);
		return NULL;
	}
	pthread_mutex_lock(&srv->lock);
	w->next = srv->workers;
	srv->workers = w;
	pthread_mutex_unlock(&srv->lock);
	pthread_setspecific(srv->worker_key, w);
	return w->store;
}

/* libmicrohttpd callbacks ---------------------------------------------------*/

static const char *mhd_header(void *hctx, const char *name)
{
	return MHD_lookup_connection_value(hctx, MHD_HEADER_KIND, name);
}

/* Query arguments as sent: the core decodes them. */
static size_t no_unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strlen(s);
}

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
	struct conn_ctx *c = cls;

	(void)kind;
	if (c->n_args == c->cap_args) {
		struct srv_header *bigger;

		if (c->cap_args >= 64) {
			c->too_many_args = 1;
			return MHD_NO;
		}
		c->cap_args = c->cap_args ? c->cap_args * 2 : 8;
		bigger = psirt_arena_calloc(&c->arena, c->cap_args, sizeof *bigger);
		if (!bigger) {
			c->too_many_args = 1;
			return MHD_NO;
		}
		if (c->n_args)
			memcpy(bigger, c->args, c->n_args * sizeof *bigger);
		c->args = bigger;
	}
	c->args[c->n_args].name = key;
	c->args[c->n_args].value = value;
	c->n_args++;
	return MHD_YES;
}

static const char *client_address(struct psirt_arena *a, struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char text[INET6_ADDRSTRLEN] = "";
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, text,
		          sizeof text);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, text,
		          sizeof text);
	return psirt_arena_strdup(a, text);
}

/* The request deadline ------------------------------------------------------*/

static struct srv_conn *conn_track(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci ? ci->socket_context : NULL;
}

/* A connection opened or closed: in the list or out of it. Closed comes
 * before libmicrohttpd closes the socket, and the watchdog shuts sockets
 * down under the same lock: it never reaches a number already reused. */
static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
	struct psirt_server *srv = cls;
	struct srv_conn *t = *socket_context;

	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);

		t = calloc(1, sizeof *t);
		if (!t || !ci) {
			free(t); /* this connection goes without a deadline */
			return;
		}
		t->fd = ci->connect_fd;
		atomic_store(&t->since_ms, now_ms());
		pthread_mutex_lock(&srv->conn_lock);
		t->next = srv->conns;
		if (srv->conns)
			srv->conns->prev = t;
		srv->conns = t;
		pthread_mutex_unlock(&srv->conn_lock);
		*socket_context = t;
	} else if (t) {
		pthread_mutex_lock(&srv->conn_lock);
		if (t->prev)
			t->prev->next = t->next;
		else
			srv->conns = t->next;
		if (t->next)
			t->next->prev = t->prev;
		pthread_mutex_unlock(&srv->conn_lock);
		free(t);
		*socket_context = NULL;
	}
}

/* The request line is in: its request's clock starts (libmicrohttpd calls
 * this before reading the headers; NULL leaves the request's state to
 * on_request). */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct srv_conn *t = conn_track(conn);

	(void)cls;
	(void)uri;
	if (t)
		atomic_store(&t->since_ms, now_ms());
	return NULL;
}

/* Has the request run past its deadline? */
static int past_deadline(const struct psirt_server *srv, const struct srv_conn *t)
{
	long long since = t ? atomic_load(&t->since_ms) : 0;

	return since && now_ms() - since > (long long)srv->cfg.request_timeout_s * 1000;
}

static void deadline_off(struct conn_ctx *c)
{
	if (c->track)
		atomic_store(&c->track->since_ms, 0);
}

/* Wakes every quarter of the deadline (at most every second): shuts down
 * the sockets of requests past it. shutdown, not close: libmicrohttpd's
 * next read fails and it closes the connection itself, in its own thread,
 * with the request's clean-up (no store write runs before a whole body is
 * in, so nothing is left half done). */
void srv__checkpoint_soon(struct psirt_server *srv)
{
	pthread_mutex_lock(&srv->conn_lock);
	srv->checkpoint_wanted = 1;
	pthread_cond_signal(&srv->conn_cond);
	pthread_mutex_unlock(&srv->conn_lock);
}

/* The watchdog's checkpoint, outside conn_lock (a checkpoint of a large
 * match takes a second at the design's scale); its connection is opened
 * on the first one and kept. A failure leaves the pages in the log for
 * SQLite's next automatic checkpoint: nothing is lost. */
static void checkpoint(struct psirt_server *srv, struct psirt_store **store)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;

	pthread_mutex_unlock(&srv->conn_lock);
	if (!*store && psirt_store_open(srv->cfg.db_path, PSIRT_STORE_MMAP, store, &diag))
		*store = NULL;
	if (*store && !psirt_store_checkpoint(*store, &diag))
		atomic_fetch_add(&srv->checkpoints, 1);
	if (diag.message)
		psirt_log(PSIRT_LOG_WARN, "checkpoint after a match: %s", diag.message);
	psirt_diag_release(&diag);
	pthread_mutex_lock(&srv->conn_lock);
}

static void *watchdog(void *arg)
{
	struct psirt_server *srv = arg;
	struct psirt_store *store = NULL;
	long long tick = (long long)srv->cfg.request_timeout_s * 250;
	struct timespec until;

	if (tick > 1000)
		tick = 1000;
	pthread_mutex_lock(&srv->conn_lock);
	while (!srv->watchdog_stop) {
		long long t = now_ms();

		if (srv->checkpoint_wanted) {
			srv->checkpoint_wanted = 0;
			checkpoint(srv, &store);
			t = now_ms();
		}

		for (struct srv_conn *c = srv->conns; c; c = c->next) {
			if (past_deadline(srv, c)) {
				atomic_store(&c->since_ms, 0);
				shutdown(c->fd, SHUT_RDWR);
				srv->cut++;
				psirt_log(PSIRT_LOG_WARN,
				          "http: a request was not in after %u s: connection closed",
				          srv->cfg.request_timeout_s);
			}
		}
		t += tick;
		until.tv_sec = (time_t)(t / 1000);
		until.tv_nsec = (long)(t % 1000) * 1000000;
		if (!srv->checkpoint_wanted && !srv->watchdog_stop)
			pthread_cond_timedwait(&srv->conn_cond, &srv->conn_lock, &until);
	}
	pthread_mutex_unlock(&srv->conn_lock);
	psirt_store_close(store);
	return NULL;
}

static enum MHD_Result respond(struct MHD_Connection *conn, struct conn_ctx *c)
{
	struct srv_resp *r = &c->resp;
	struct MHD_Response *mr;
	enum MHD_Result ret;
	size_t i, len;

	c->phase = PHASE_ANSWERED;
	deadline_off(c); /* the time to answer is not the client's */
	if (r->fd >= 0) {
		mr = MHD_create_response_from_fd64(r->file_size, r->fd);
		if (!mr)
			return MHD_NO; /* r->fd is closed with the request */
		r->fd = -1;        /* the response owns it now */
	} else {
		char *p = psirt_buf_detach(&r->body, &len);

		if (!p)
			return MHD_NO;
		mr = MHD_create_response_from_buffer_with_free_callback(len, p, free);
		if (!mr) {
			free(p);
			return MHD_NO;
		}
	}
	for (i = 0; i < sizeof security_headers / sizeof security_headers[0]; i++)
		MHD_add_response_header(mr, security_headers[i].name, security_headers[i].value);
	/* HSTS (RFC 6797 §6.1): browsers that once reached us over HTTPS never
	 * try plain HTTP again for a year. Without includeSubDomains: psirt
	 * serves one host and must not dictate its neighbours' transport. */
	if (c->req.srv->tls)
		MHD_add_response_header(mr, "Strict-Transport-Security", "max-age=31536000");
	MHD_add_response_header(mr, "Cache-Control", r->api ? "no-store" : "no-cache");
	if (r->content_type)
		MHD_add_response_header(mr, "Content-Type", r->content_type);
	for (i = 0; i < r->n_extra; i++)
		MHD_add_response_header(mr, r->extra[i].name, r->extra[i].value);
	ret = MHD_queue_response(conn, (unsigned)r->status, mr);
	MHD_destroy_response(mr);
	return ret;
}

/* Does the request announce a body? */
static int has_body(struct MHD_Connection *conn)
{
	const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");

	if (MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Transfer-Encoding"))
		return 1;
	return cl && strcmp(cl, "0");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
	struct psirt_server *srv = cls;
	struct conn_ctx *c = *con_cls;

	(void)version;
	if (!c) {
		c = calloc(1, sizeof *c);
		if (!c)
			return MHD_NO;
		*con_cls = c;
		psirt_arena_init(&c->arena, 8192);
		psirt_buf_init(&c->body, 0);
		srv__resp_init(&c->resp);
		c->req.srv = srv;
		c->req.arena = &c->arena;
		c->req.method_text = method;
		c->req.path = url;
		c->req.header = mhd_header;
		c->req.hctx = conn;
		c->req.tls = srv->tls;
		c->req.client = client_address(&c->arena, conn);
		if (!c->req.client)
			c->req.client = "";
		MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_arg, c);
		c->req.args = c->args;
		c->req.n_args = c->n_args;
		c->req.store = worker_store(srv);
		c->track = conn_track(conn);
		/* the request line and headers took the whole deadline (the
		 * watchdog closes such a connection, unless they came in just
		 * before it woke) */
		if (past_deadline(srv, c->track)) {
			c->resp.api = 1;
			srv__error(&c->resp, 408, "the request took too long to arrive", NULL);
			return respond(conn, c);
		}
		if (c->too_many_args) {
			c->resp.api = 1;
			srv__error(&c->resp, 400, "too many query parameters", NULL);
			return respond(conn, c);
		}
		if (!c->req.store) {
			c->resp.api = 1;
			srv__error(&c->resp, 500, "internal error", NULL);
			return respond(conn, c);
		}
		if (srv__begin(&c->req, &c->resp) == SRV_NEED_BODY) {
			c->phase = PHASE_BODY;
			return MHD_YES;
		}
		/* libmicrohttpd closes the connection after an answer queued
		 * before the body was read (it cannot know what is left of it):
		 * right for a refused upload, wasteful for a GET. Without a body
		 * the answer waits for the next call, and keep-alive stays. */
		if (has_body(conn))
			return respond(conn, c);
		c->phase = PHASE_READY;
		return MHD_YES;
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;

		/* a body trickling in: cut at the deadline (libmicrohttpd takes
		 * no answer in the middle of a body: the connection is closed) */
		if (c->phase != PHASE_ANSWERED && past_deadline(srv, c->track)) {
			pthread_mutex_lock(&srv->conn_lock);
			srv->cut++;
			pthread_mutex_unlock(&srv->conn_lock);
			return MHD_NO;
		}
		*upload_data_size = 0;
		if (c->phase == PHASE_BODY) {
			if (c->body.len + n > c->req.body_cap) {
				c->phase = PHASE_DISCARD;
				psirt_buf_release(&c->body);
			} else {
				psirt_buf_add(&c->body, upload_data, n);
			}
		}
		if (c->phase == PHASE_DISCARD || c->phase == PHASE_READY) {
			c->discarded += n;
			if (c->discarded > DISCARD_MAX)
				return MHD_NO;
		}
		return MHD_YES;
	}
	if (c->phase == PHASE_ANSWERED)
		return MHD_YES;
	if (c->phase == PHASE_READY)
		return respond(conn, c);
	if (c->phase == PHASE_DISCARD)
		srv__body_too_big(&c->req, &c->resp);
	else if (psirt_buf_error(&c->body))
		srv__error(&c->resp, 500, "out of memory", NULL);
	else
		srv__finish(&c->req, c->body.p, c->body.len, &c->resp);
	return respond(conn, c);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct conn_ctx *c = *con_cls;
	struct srv_conn *t = conn_track(conn);

	(void)cls;
	(void)toe;
	/* a kept-alive connection waits for its next request line: that wait
	 * is bounded by the deadline too (and by the idle timeout) */
	if (t)
		atomic_store(&t->since_ms, now_ms());
	if (!c)
		return;
	srv__req_release(&c->req);
	srv__resp_release(&c->resp);
	psirt_buf_release(&c->body);
	psirt_arena_release(&c->arena);
	free(c);
	*con_cls = NULL;
}

static void mhd_log(void *cls, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	struct psirt_server *srv = cls;
	char msg[512];
	size_t len;

	vsnprintf(msg, sizeof msg, fmt, ap);
	len = strlen(msg);
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' ' || msg[len - 1] == '.'))
		msg[--len] = '\0';
	/* while starting, the first complaint is the error's reason: kept for
	 * the one-line error rather than logged */
	if (srv && srv->starting) {
		if (!srv->start_log[0])
			snprintf(srv->start_log, sizeof srv->start_log, "%s", msg);
		return;
	}
	psirt_log(PSIRT_LOG_WARN, "http: %s", msg);
}

/* TLS files ----------------------------------------------------------------*/

int psirt_server_tls_available(void)
{
	return MHD_is_feature_supported(MHD_FEATURE_TLS) == MHD_YES;
}

/* Reads the PEM file path (what: "TLS certificate", "TLS key") into an
 * owned, NUL-terminated buffer of at most PSIRT_SERVER_TLS_MAX_FILE bytes:
 * libmicrohttpd takes PEM text as a C string. */
static enum psirt_err read_pem(const char *path, const char *what, char **out, size_t *len_out,
                               struct psirt_diag *diag)
{
	struct stat st;
	enum psirt_err err = PSIRT_OK;
	char *buf = NULL;
	size_t len = 0;
	ssize_t n;
	int fd, e;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		return psirt_diag_set(diag, PSIRT_EIO, "cannot read %s '%s': %s", what, path,
		                      strerror(e));
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		err = psirt_diag_set(diag, PSIRT_EIO, "cannot read %s '%s': not a file", what, path);
		goto out_close;
	}
	if ((unsigned long long)st.st_size > PSIRT_SERVER_TLS_MAX_FILE) {
		err = psirt_diag_set(diag, PSIRT_ETOOBIG, "%s '%s' is larger than %zu KiB", what, path,
		                     PSIRT_SERVER_TLS_MAX_FILE >> 10);
		goto out_close;
	}
	/* one byte more than the cap: a file that grew since fstat is seen */
	buf = malloc(PSIRT_SERVER_TLS_MAX_FILE + 2);
	if (!buf) {
		err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		goto out_close;
	}
	while (len <= PSIRT_SERVER_TLS_MAX_FILE) {
		n = read(fd, buf + len, PSIRT_SERVER_TLS_MAX_FILE + 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			err = psirt_diag_set(diag, PSIRT_EIO, "cannot read %s '%s': %s", what, path,
			                     strerror(e));
			goto out_wipe;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len > PSIRT_SERVER_TLS_MAX_FILE) {
		err = psirt_diag_set(diag, PSIRT_ETOOBIG, "%s '%s' is larger than %zu KiB", what, path,
		                     PSIRT_SERVER_TLS_MAX_FILE >> 10);
		goto out_wipe;
	}
	buf[len] = '\0';
	*out = buf;
	*len_out = len;
	buf = NULL;

out_wipe:
	if (buf) {
		sodium_memzero(buf, PSIRT_SERVER_TLS_MAX_FILE + 2);
		free(buf);
	}
out_close:
	close(fd);
	return err;
}

/* Frees a buffer that held a secret, wiped first. */
static void free_secret(char *p, size_t len)
{
	if (p) {
		sodium_memzero(p, len);
		free(p);
	}
}

/* Does the PEM text (RFC 7468) hold a block whose label ends with label?
 * "-----BEGIN " label-prefix label "-----". */
static int pem_has(const char *text, const char *label)
{
	const char *p = text;
	size_t n = strlen(label);

	while ((p = strstr(p, "-----BEGIN ")) != NULL) {
		const char *end;

		p += 11;
		end = strstr(p, "-----");
		if (!end)
			return 0;
		if ((size_t)(end - p) >= n && !memcmp(end - n, label, n))
			return 1;
	}
	return 0;
}

/* The checks libmicrohttpd's own failure would not explain: a file that is
 * not PEM, the wrong kind of block, an encrypted key. */
static enum psirt_err check_pem(const struct psirt_server_config *cfg, const char *cert,
                                size_t cert_len, const char *key, size_t key_len,
                                struct psirt_diag *diag)
{
	/* a NUL inside would cut the C string libmicrohttpd reads */
	if (strlen(cert) != cert_len || !pem_has(cert, "CERTIFICATE"))
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "TLS certificate '%s' is not a PEM certificate (-----BEGIN "
		                      "CERTIFICATE-----)",
		                      cfg->tls_cert);
	if (strlen(key) != key_len || !pem_has(key, "PRIVATE KEY"))
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "TLS key '%s' is not a PEM private key (-----BEGIN PRIVATE "
		                      "KEY-----)",
		                      cfg->tls_key);
	/* PKCS#8 "ENCRYPTED PRIVATE KEY" (RFC 7468 §11) or OpenSSL's legacy
	 * "Proc-Type: 4,ENCRYPTED" header: there is no one to type a
	 * passphrase into a service */
	if (pem_has(key, "ENCRYPTED PRIVATE KEY") || strstr(key, "Proc-Type: 4,ENCRYPTED"))
		return psirt_diag_set(diag, PSIRT_EUNSUPPORTED,
		                      "TLS key '%s' is encrypted: give psirt an unencrypted key"
		                      " (readable only by its user)",
		                      cfg->tls_key);
	return PSIRT_OK;
}

/* Start and stop ------------------------------------------------------------*/

/* "HOST:PORT" or "[IPV6]:PORT" → a bound, listening socket. */
static enum psirt_err listen_on(const char *listen_addr, int *fd_out, int *v6, char *host,
                                size_t host_size, struct psirt_diag *diag)
{
	struct addrinfo hints, *ai = NULL;
	const char *colon, *port;
	size_t hlen;
	int fd, one = 1, rc;

	*fd_out = -1;
	if (!listen_addr || !*listen_addr)
		listen_addr = "127.0.0.1:8080";
	if (listen_addr[0] == '[') {
		colon = strstr(listen_addr, "]:");
		if (!colon)
			goto out_bad;
		hlen = (size_t)(colon - listen_addr - 1);
		if (hlen >= host_size)
			goto out_bad;
		memcpy(host, listen_addr + 1, hlen);
		port = colon + 2;
	} else {
		colon = strrchr(listen_addr, ':');
		if (!colon)
			goto out_bad;
		hlen = (size_t)(colon - listen_addr);
		if (hlen >= host_size)
			goto out_bad;
		memcpy(host, listen_addr, hlen);
		port = colon + 1;
	}
	host[hlen] = '\0';
	if (!strcmp(host, "localhost"))
		memcpy(host, "127.0.0.1", sizeof "127.0.0.1");
	{
		unsigned long long p;

		if (psirt_str_to_u64(psirt_str_c(port), 65535, &p))
			goto out_bad;
	}
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
	if (getaddrinfo(hlen ? host : NULL, port, &hints, &ai) || !ai)
		goto out_bad;
	*v6 = ai->ai_family == AF_INET6;
	if (!hlen)
		memcpy(host, *v6 ? "::" : "0.0.0.0", *v6 ? sizeof "::" : sizeof "0.0.0.0");
	fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		rc = errno;
		freeaddrinfo(ai);
		return psirt_diag_set(diag, PSIRT_EIO, "cannot listen on %s: %s", listen_addr,
		                      strerror(rc));
	}
	/* a restarted server rebinds at once, not after TIME_WAIT */
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(fd, ai->ai_addr, ai->ai_addrlen) || listen(fd, LISTEN_BACKLOG)) {
		rc = errno;
		close(fd);
		freeaddrinfo(ai);
		return psirt_diag_set(diag, PSIRT_EIO, "cannot listen on %s: %s", listen_addr,
		                      strerror(rc));
	}
	freeaddrinfo(ai);
	*fd_out = fd;
	return PSIRT_OK;

out_bad:
	if (ai)
		freeaddrinfo(ai);
	return psirt_diag_set(diag, PSIRT_EINVAL,
	                      "bad listen address '%s' (ADDRESS:PORT, e.g. 127.0.0.1:8080 or "
	                      "[::1]:8080)",
	                      listen_addr);
}

enum psirt_err psirt_server_start(const struct psirt_server_config *cfg,
                                  struct psirt_server **out, struct psirt_diag *diag)
{
	struct psirt_server *srv;
	struct sockaddr_storage ss;
	socklen_t sslen = sizeof ss;
	const union MHD_DaemonInfo *info;
	char host[INET6_ADDRSTRLEN + 1];
	char *cert = NULL, *key = NULL;
	size_t cert_len = 0, key_len = 0;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
	enum psirt_err err;
	int fd = -1, v6 = 0;

	*out = NULL;
	if (!cfg->tls_cert != !cfg->tls_key)
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "TLS needs both a certificate and its key (or neither)");
	if (cfg->tls_cert && !psirt_server_tls_available())
		return psirt_diag_set(diag, PSIRT_EUNSUPPORTED,
		                      "this psirt's libmicrohttpd was built without TLS: serve plain"
		                      " HTTP behind a TLS proxy (--secure-cookies)");
	if (cfg->tls_cert) {
		if ((err = read_pem(cfg->tls_cert, "TLS certificate", &cert, &cert_len, diag)) ||
		    (err = read_pem(cfg->tls_key, "TLS key", &key, &key_len, diag)) ||
		    (err = check_pem(cfg, cert, cert_len, key, key_len, diag)))
			goto out_wipe;
		flags |= MHD_USE_TLS;
	}
	if ((err = srv__new(cfg, &srv, diag)))
		goto out_wipe;
	if ((err = listen_on(cfg->listen, &fd, &v6, host, sizeof host, diag))) {
		srv__free(srv);
		goto out_wipe;
	}
	/* libxml2 must initialise in one thread before workers parse SBOMs */
	psirt_sbom_init();
#ifdef __linux__
	flags |= MHD_USE_EPOLL;
#else
	flags |= MHD_USE_POLL;
#endif
	if (v6)
		flags |= MHD_USE_IPv6;
	{
		/* the pool option only with a pool: libmicrohttpd warns about 1;
		 * the TLS options only with TLS */
		struct MHD_OptionItem opts[] = {
			{ MHD_OPTION_THREAD_POOL_SIZE, (intptr_t)srv->cfg.threads, NULL },
			{ MHD_OPTION_HTTPS_MEM_CERT, 0, cert },
			{ MHD_OPTION_HTTPS_MEM_KEY, 0, key },
			/* TLS 1.2 and 1.3 only (RFC 8996 deprecates 1.0 and 1.1;
			 * Mozilla's "intermediate" profile), GnuTLS's NORMAL
			 * ciphers otherwise */
			{ MHD_OPTION_HTTPS_PRIORITIES, 0,
			  (void *)(uintptr_t) "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2" },
			{ MHD_OPTION_END, 0, NULL },
		};
		struct MHD_OptionItem *o = opts;

		if (srv->cfg.threads < 2)
			o++;
		if (!cert)
			o[o == opts ? 1 : 0].option = MHD_OPTION_END;
		srv->starting = 1;
		srv->daemon = MHD_start_daemon(
			flags, 0, NULL, NULL, on_request, srv, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, srv,
			MHD_OPTION_LISTEN_SOCKET, fd, MHD_OPTION_ARRAY, o,
			MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)srv->cfg.timeout_s,
			MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
			/* with a pool each worker takes its share of the limit */
			MHD_OPTION_CONNECTION_LIMIT, srv->cfg.max_connections,
			MHD_OPTION_PER_IP_CONNECTION_LIMIT,
			srv->cfg.max_connections_per_ip == PSIRT_SERVER_NO_LIMIT
				? 0u
				: srv->cfg.max_connections_per_ip,
			MHD_OPTION_NOTIFY_CONNECTION, on_connection, srv, MHD_OPTION_URI_LOG_CALLBACK,
			on_uri, srv, MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
			MHD_OPTION_UNESCAPE_CALLBACK, no_unescape, NULL, MHD_OPTION_END);
		srv->starting = 0;
	}
	if (!srv->daemon) {
		close(fd);
		/* GnuTLS checks that the key is the certificate's own
		 * (GNUTLS_E_CERTIFICATE_KEY_MISMATCH): the common mistake gets its
		 * own words, anything else GnuTLS's */
		if (cert && strstr(srv->start_log, "do not match"))
			err = psirt_diag_set(diag, PSIRT_EINVAL,
			                     "TLS key '%s' does not match certificate '%s'", cfg->tls_key,
			                     cfg->tls_cert);
		else if (cert)
			err = psirt_diag_set(diag, PSIRT_EINVAL,
			                     "cannot use TLS certificate '%s' with key '%s'%s%s",
			                     cfg->tls_cert, cfg->tls_key, srv->start_log[0] ? ": " : "",
			                     srv->start_log);
		else
			err = psirt_diag_set(diag, PSIRT_EIO, "cannot start the HTTP server on %s%s%s",
			                     cfg->listen ? cfg->listen : "127.0.0.1:8080",
			                     srv->start_log[0] ? ": " : "", srv->start_log);
		srv__free(srv);
		goto out_wipe;
	}
	info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	if (info && info->port) {
		srv->port = info->port;
	} else if (!getsockname(fd, (struct sockaddr *)&ss, &sslen)) {
		srv->port = ntohs(ss.ss_family == AF_INET6
		                      ? ((struct sockaddr_in6 *)(void *)&ss)->sin6_port
		                      : ((struct sockaddr_in *)(void *)&ss)->sin_port);
	}
	snprintf(srv->url, sizeof srv->url, v6 ? "%s://[%s]:%u/" : "%s://%s:%u/",
	         srv->tls ? "https" : "http", host, srv->port);
	if (pthread_create(&srv->watchdog, NULL, watchdog, srv)) {
		MHD_stop_daemon(srv->daemon);
		srv__free(srv);
		err = psirt_diag_set(diag, PSIRT_EINTERNAL, "cannot start the request watchdog");
		goto out_wipe;
	}
	srv->watchdog_running = 1;
	*out = srv;
	err = PSIRT_OK;

out_wipe:
	/* libmicrohttpd keeps only the pointers and hands the PEM text to
	 * GnuTLS inside MHD_start_daemon (MHD_TLS_init →
	 * gnutls_certificate_set_x509_key_mem, which parses it into its own
	 * credentials); nothing reads them after, so the key leaves our memory
	 * now rather than living as long as the server. */
	free_secret(key, key_len + 1);
	free_secret(cert, cert_len + 1);
	return err;
}

unsigned psirt_server_port(const struct psirt_server *srv)
{
	return srv->port;
}

const char *psirt_server_url(const struct psirt_server *srv)
{
	return srv->url;
}

void psirt_server_stop(struct psirt_server *srv)
{
	if (!srv)
		return;
	if (srv->watchdog_running) {
		pthread_mutex_lock(&srv->conn_lock);
		srv->watchdog_stop = 1;
		pthread_cond_signal(&srv->conn_cond);
		pthread_mutex_unlock(&srv->conn_lock);
		pthread_join(srv->watchdog, NULL);
	}
	/* joins the workers: requests in flight finish first */
	if (srv->daemon)
		MHD_stop_daemon(srv->daemon);
	srv__free(srv);
}
