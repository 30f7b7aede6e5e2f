/* The tests' HTTP server (see http_server.h). */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "http_server.h" /* beside it: bench_feed_sync.c includes this file too */

/* A request head larger than this is refused: psirt's are a few hundred
 * bytes. */
#define HS_MAX_HEAD 65536

struct hs_entry {
	char *target, *api_key;
};

struct hs_server {
	int fd, port;
	atomic_int stop;
	pthread_t thread;
	pthread_mutex_t lock;
	hs_route_fn *route;
	void *ctx;
	unsigned long count;
	struct hs_entry *log;
	size_t n_log, cap_log;
};

static char *dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

char *hs_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, *grown;
	size_t n = 0, cap = 0, got;

	if (!f)
		return NULL;
	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536;
			grown = realloc(buf, cap + 1);
			if (!grown) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = grown;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (ms > 0 && nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static int send_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n) {
		w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Status";
	}
}

/* The value of header name in head (lines after the first), or NULL. */
static char *header(const char *head, const char *name)
{
	size_t n = strlen(name);
	const char *line = strstr(head, "\r\n"), *end, *v;

	while (line && line[2] && !(line[2] == '\r' && line[3] == '\n')) {
		line += 2;
		end = strstr(line, "\r\n");
		if (!end)
			break;
		if ((size_t)(end - line) > n && line[n] == ':' && !strncasecmp(line, name, n)) {
			for (v = line + n + 1; v < end && (*v == ' ' || *v == '\t'); v++)
				;
			return dup_n(v, (size_t)(end - v));
		}
		line = end;
	}
	return NULL;
}

static void serve_one(struct hs_server *s, int c)
{
	char *head = malloc(HS_MAX_HEAD + 1), *sp1, *sp2, *method = NULL, *target = NULL;
	char *key = NULL, *body = NULL, line[512];
	struct hs_request req = { 0 };
	struct hs_answer a;
	size_t n = 0, sent, len;
	ssize_t r;
	int status;

	if (!head)
		return;
	/* the head ends at the first empty line (RFC 9112 §2.1) */
	while (n < HS_MAX_HEAD) {
		r = recv(c, head + n, HS_MAX_HEAD - n, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			goto out_free;
		n += (size_t)r;
		head[n] = '\0';
		if (strstr(head, "\r\n\r\n"))
			break;
	}
	sp1 = strchr(head, ' ');
	sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
	if (!sp2)
		goto out_free;
	method = dup_n(head, (size_t)(sp1 - head));
	target = dup_n(sp1 + 1, (size_t)(sp2 - sp1 - 1));
	key = header(head, "apiKey");
	req.method = method;
	req.target = target;
	req.api_key = key;

	pthread_mutex_lock(&s->lock);
	req.n = s->count++;
	if (s->n_log == s->cap_log) {
		size_t cap = s->cap_log ? s->cap_log * 2 : 16;
		struct hs_entry *g = realloc(s->log, cap * sizeof *g);

		if (g) {
			s->log = g;
			s->cap_log = cap;
		}
	}
	if (s->n_log < s->cap_log) {
		s->log[s->n_log].target = dup_n(target, strlen(target));
		s->log[s->n_log].api_key = dup_n(key ? key : "", key ? strlen(key) : 0);
		s->n_log++;
	}
	pthread_mutex_unlock(&s->lock);

	memset(&a, 0, sizeof a);
	a.drop_after = -1;
	s->route(s->ctx, &req, &a);
	/* the body as it is now: once the client has it all, the test goes on
	 * and may free the original while this thread is still in send() */
	body = malloc(a.body_len + 1);
	if (!body)
		goto out_done;
	if (a.body_len)
		memcpy(body, a.body, a.body_len);
	status = a.status ? a.status : 200;
	snprintf(line, sizeof line,
	         "HTTP/1.1 %d %s\r\nContent-Length: %zu\r\nConnection: close\r\n", status,
	         reason(status), a.body_len);
	if (send_all(c, line, strlen(line)) || (a.headers && send_all(c, a.headers, strlen(a.headers))) ||
	    send_all(c, "\r\n", 2))
		goto out_done;
	len = a.body_len;
	if (a.drop_after >= 0 && (size_t)a.drop_after < len)
		len = (size_t)a.drop_after;
	for (sent = 0; sent < len;) {
		size_t step = a.piece && a.piece < len - sent ? a.piece : len - sent;

		if (send_all(c, body + sent, step))
			break;
		sent += step;
		if (a.piece && sent < len)
			sleep_ms(a.piece_delay_ms);
	}
out_done:
	if (a.done)
		a.done(s->ctx, &a);
out_free:
	free(body);
	free(method);
	free(target);
	free(key);
	free(head);
}

static void *run(void *arg)
{
	struct hs_server *s = arg;
	struct pollfd pfd;
	int c;

	while (!s->stop) {
		pfd.fd = s->fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 50) <= 0)
			continue;
		c = accept(s->fd, NULL, NULL);
		if (c < 0)
			continue;
		serve_one(s, c);
		/* no RST: say we are done, then let the client read to the end */
		shutdown(c, SHUT_WR);
		close(c);
	}
	return NULL;
}

struct hs_server *hs_start(hs_route_fn *route, void *ctx)
{
	struct hs_server *s = calloc(1, sizeof *s);
	struct sockaddr_in addr;
	socklen_t alen = sizeof addr;
	int one = 1;

	if (!s)
		return NULL;
	s->route = route;
	s->ctx = ctx;
	s->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s->fd < 0)
		goto out_free;
	setsockopt(s->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* 127.0.0.1 only */
	addr.sin_port = 0;                              /* ephemeral */
	if (bind(s->fd, (struct sockaddr *)&addr, sizeof addr) || listen(s->fd, 16) ||
	    getsockname(s->fd, (struct sockaddr *)&addr, &alen))
		goto out_close;
	s->port = ntohs(addr.sin_port);
	pthread_mutex_init(&s->lock, NULL);
	if (pthread_create(&s->thread, NULL, run, s)) {
		pthread_mutex_destroy(&s->lock);
		goto out_close;
	}
	return s;

out_close:
	close(s->fd);
out_free:
	free(s);
	return NULL;
}

int hs_port(const struct hs_server *s)
{
	return s->port;
}

char *hs_url(const struct hs_server *s, const char *path)
{
	size_t n = strlen(path) + 32;
	char *u = malloc(n);

	if (u)
		snprintf(u, n, "http://127.0.0.1:%d%s", s->port, path);
	return u;
}

void hs_clear_log(struct hs_server *s)
{
	size_t i;

	pthread_mutex_lock(&s->lock);
	for (i = 0; i < s->n_log; i++) {
		free(s->log[i].target);
		free(s->log[i].api_key);
	}
	s->n_log = 0;
	pthread_mutex_unlock(&s->lock);
}

void hs_stop(struct hs_server *s)
{
	if (!s)
		return;
	s->stop = 1;
	pthread_join(s->thread, NULL);
	close(s->fd);
	hs_clear_log(s);
	free(s->log);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

unsigned long hs_count(struct hs_server *s)
{
	unsigned long n;

	pthread_mutex_lock(&s->lock);
	n = s->count;
	pthread_mutex_unlock(&s->lock);
	return n;
}

int hs_logged(struct hs_server *s, unsigned long i, char **target, char **api_key)
{
	int rc = -1;

	pthread_mutex_lock(&s->lock);
	if (i < s->n_log) {
		*target = dup_n(s->log[i].target, strlen(s->log[i].target));
		*api_key = dup_n(s->log[i].api_key, strlen(s->log[i].api_key));
		rc = 0;
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}
