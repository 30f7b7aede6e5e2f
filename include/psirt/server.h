/* psirt — the HTTP server behind `psirt serve`: the JSON API (described by
 * the OpenAPI 3.1 document at /api/openapi.json) and the web UI's static
 * files.
 *
 * libmicrohttpd with its own threads: a pool of worker threads, each
 * polling its share of the connections (epoll where there is one) and
 * answering requests with its own store connection (SQLite in WAL mode:
 * readers never wait for each other or for a writer). Every request gets an
 * arena, freed when it completes.
 *
 * Limits: JSON bodies 1 MiB, SBOM uploads 64 MiB (PSIRT_SBOM_MAX_SIZE),
 * request line and headers 32 KiB (libmicrohttpd's per-connection memory;
 * beyond it libmicrohttpd answers 431 itself), idle connections closed
 * after 30 s, a request in within 60 s, 512 connections, 128 from one
 * address (struct psirt_server_config).
 *
 * TLS: with tls_cert and tls_key the server speaks only HTTPS
 * (libmicrohttpd's TLS, GnuTLS underneath): the session cookie then always
 * carries Secure and every answer Strict-Transport-Security. Without them it
 * speaks plain HTTP; behind a TLS-terminating proxy set secure_cookies so
 * that the cookie carries Secure (on plain HTTP it is sent without it:
 * browsers drop Secure cookies set over http://, so a local demo could not
 * log in otherwise). The certificate and key are read once, at start: a
 * renewed certificate needs a restart. No client certificates.
 */
#ifndef PSIRT_SERVER_H
#define PSIRT_SERVER_H

#include <stddef.h>

#include "psirt/error.h"
#include "psirt/user.h"

struct psirt_server;

struct psirt_server_config {
	const char *db_path;  /* the store (must exist: `psirt init`) */
	const char *listen;   /* "ADDRESS:PORT", "[IPV6]:PORT"; port 0: any free one */
	unsigned threads;     /* worker threads; 0: 2 */
	const char *web_root; /* folder of the web UI; NULL: no static files */
	size_t max_json_body; /* bytes; 0: 1 MiB */
	size_t max_upload;    /* bytes; 0: 64 MiB */
	unsigned timeout_s;   /* idle connection timeout; 0: 30 */
	/* A request must be in — from its request line to the end of its
	 * body — within this many seconds (0: 60), else its connection is
	 * closed (408 when the headers alone took that long): libmicrohttpd's
	 * timeout counts idle time only, so a client trickling a byte now and
	 * then would hold a connection and a request for ever. The time to
	 * answer is not counted. An SBOM of 64 MiB needs about 1 MB/s. */
	unsigned request_timeout_s;
	/* Connections open at once, in all (0: PSIRT_SERVER_MAX_CONNECTIONS)
	 * and from one client address (0: PSIRT_SERVER_MAX_PER_IP;
	 * PSIRT_SERVER_NO_LIMIT: none); past them a new connection is closed
	 * at once. */
	unsigned max_connections;
	unsigned max_connections_per_ip;
	/* Dashboard figures are counted at most this often (ms; 0: 2000) unless
	 * this server changed the store: counting 25 M components takes
	 * seconds at design scale. */
	unsigned dashboard_ttl_ms;
	const struct psirt_auth_policy *policy; /* NULL: PSIRT_AUTH_POLICY_DEFAULT */
	int secure_cookies; /* Secure on the session cookie (behind TLS) */
	/* HTTPS: PEM files (both or neither) of the certificate, its chain after
	 * it, and its unencrypted private key; at most PSIRT_SERVER_TLS_MAX_FILE
	 * bytes each. */
	const char *tls_cert;
	const char *tls_key;
};

/* Default connection limits: a team of 50 with browsers (up to 6
 * connections each to one host) and CI pipelines fit in 512, under the
 * usual limit of 1,024 open files; one address may hold 128 — an office
 * behind one NAT address, a reverse proxy, wants more (or none). */
#define PSIRT_SERVER_MAX_CONNECTIONS 512u
#define PSIRT_SERVER_MAX_PER_IP 128u
#define PSIRT_SERVER_NO_LIMIT ((unsigned)-1)
#define PSIRT_SERVER_REQUEST_TIMEOUT 60u

/* Largest certificate or key file read (a chain of a few certificates is
 * a few KiB). */
#define PSIRT_SERVER_TLS_MAX_FILE ((size_t)1 << 20)

/* Can this build serve HTTPS (libmicrohttpd built with GnuTLS)? 1 or 0. */
int psirt_server_tls_available(void);

/* Checks the configuration, opens the store once (applying migrations, so
 * that workers find it current), reads the TLS files, binds the address and
 * starts the workers. Nothing is left running on an error. On success *out
 * is owned: stop with psirt_server_stop(). Errors: EINVAL (a bad listen
 * address, web root not a folder, only one of tls_cert and tls_key, a TLS
 * file that is not PEM, a key that does not fit the certificate; the
 * message names the file), ETOOBIG (a TLS file over the cap), EUNSUPPORTED
 * (TLS asked of a libmicrohttpd without it, an encrypted key), ENOTFOUND
 * (no store), EIO (cannot bind or read a TLS file: the message says why),
 * ESTORE, ENOMEM. */
enum psirt_err psirt_server_start(const struct psirt_server_config *cfg,
                                  struct psirt_server **out, struct psirt_diag *diag);
/* The port it listens on (the one picked for port 0). */
unsigned psirt_server_port(const struct psirt_server *srv);
/* "http://ADDRESS:PORT/", or https:// (borrowed; lives as long as the
 * server). */
const char *psirt_server_url(const struct psirt_server *srv);
/* Stops listening, lets requests in flight finish, closes the workers'
 * stores and frees the server. NULL is a no-op. */
void psirt_server_stop(struct psirt_server *srv);

#endif
