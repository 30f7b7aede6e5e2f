/* A tiny HTTP/1.1 server for the sync tests and the sync benchmark.
 *
 * Listens on 127.0.0.1 at a port the kernel picks, in a thread of its own,
 * one connection at a time, and answers every request as a route callback
 * says: a status, extra headers, a body — sent whole, in slow pieces, or cut
 * off mid-way by closing the connection. Each answer closes its connection
 * (Connection: close), so every request is a new connection. Only GET, no
 * request bodies: what psirt's sync sends. It logs every request (target
 * and apiKey header) for the test to check the queries.
 *
 * Plain sockets and pthreads, no libraries: the tests must not need a
 * Python or a libmicrohttpd, and must reach no host but 127.0.0.1.
 */
#ifndef PSIRT_TEST_HTTP_SERVER_H
#define PSIRT_TEST_HTTP_SERVER_H

#include <stddef.h>

struct hs_request {
	const char *method;
	const char *target;  /* "/path?query" as sent */
	const char *api_key; /* the apiKey header's value, or NULL */
	unsigned long n;     /* 0 for the server's first request */
};

struct hs_answer {
	int status;             /* 200 when left 0 */
	const char *headers;    /* extra header lines, each ending "\r\n"; may be NULL */
	const char *body;       /* borrowed until the answer is sent */
	size_t body_len;
	long drop_after;        /* >= 0: close after this many body bytes (the
	                           Content-Length still announces them all) */
	size_t piece;           /* > 0: send the body in pieces of this size ... */
	long piece_delay_ms;    /* ... with this pause between them */
	void (*done)(void *ctx, struct hs_answer *a); /* called after sending; may be NULL */
};

/* Fills *a (zeroed before the call, drop_after -1) for req. Runs in the
 * server's thread. */
typedef void hs_route_fn(void *ctx, const struct hs_request *req, struct hs_answer *a);

struct hs_server;

/* Starts a server; NULL when the socket or the thread cannot be had. */
struct hs_server *hs_start(hs_route_fn *route, void *ctx);
/* The port it listens on. */
int hs_port(const struct hs_server *s);
/* "http://127.0.0.1:PORT" + path; owned, free with free(). */
char *hs_url(const struct hs_server *s, const char *path);
/* Stops the thread, closes the socket, frees the log. NULL is a no-op. */
void hs_stop(struct hs_server *s);

/* Requests answered so far. */
unsigned long hs_count(struct hs_server *s);
/* The i-th request's target and apiKey ("" when none), copied into owned
 * strings (free with free()); 0, or -1 when there is no i-th. */
int hs_logged(struct hs_server *s, unsigned long i, char **target, char **api_key);
/* Forgets the log (the count goes on). */
void hs_clear_log(struct hs_server *s);

/* Reads a whole file into owned memory (free with free()); NULL on error. */
char *hs_read_file(const char *path, size_t *len);

#endif
