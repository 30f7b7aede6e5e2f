/* Static files of the web UI, from the web root only.
 *
 * A path is refused before the file system sees it when, decoded, any
 * segment is "." or "..", empty ("//"), holds a backslash, NUL or control
 * character; segments starting with '.' (".git", ".env") are not served.
 * What is left is resolved with realpath() and must still lie under the
 * web root (a symbolic link inside may not lead out), and must be a
 * regular file (no devices, FIFOs or folders).
 *
 * Third-party files the UI uses (web/package.json, installed by `npm ci
 * --prefix web`) are served from psirt itself, never a CDN (the CSP allows
 * 'self' only), under fixed URLs: /vendor/<package>/<file> maps to one
 * listed file of node_modules; node_modules itself is never served. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "psirt/str.h"
#include "server/internal.h"

#define STATIC_MAX_PATH 1024

/* By extension; RFC 9239 for JavaScript. Sorted for bsearch. */
static const struct mime {
	const char *ext;
	const char *type;
} mimes[] = {
	{ "css", "text/css; charset=utf-8" },
	{ "gif", "image/gif" },
	{ "html", "text/html; charset=utf-8" },
	{ "ico", "image/x-icon" },
	{ "jpeg", "image/jpeg" },
	{ "jpg", "image/jpeg" },
	{ "js", "text/javascript; charset=utf-8" },
	{ "json", "application/json" },
	{ "map", "application/json" },
	{ "mjs", "text/javascript; charset=utf-8" },
	{ "png", "image/png" },
	{ "svg", "image/svg+xml" },
	{ "txt", "text/plain; charset=utf-8" },
	{ "webmanifest", "application/manifest+json" },
	{ "webp", "image/webp" },
	{ "woff", "font/woff" },
	{ "woff2", "font/woff2" },
};

/* The vendored files: URL path -> path under the web root. */
static const struct vendor {
	const char *url, *file;
} vendored[] = {
	{ "/vendor/uplot/uPlot.esm.js", "/node_modules/uplot/dist/uPlot.esm.js" },
	{ "/vendor/uplot/uPlot.min.css", "/node_modules/uplot/dist/uPlot.min.css" },
};

static int mime_cmp(const void *key, const void *elem)
{
	return psirt_strcasecmp(key, ((const struct mime *)elem)->ext);
}

static const char *mime_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	const struct mime *m;

	if (!dot)
		return "application/octet-stream";
	m = bsearch(dot + 1, mimes, sizeof mimes / sizeof mimes[0], sizeof mimes[0], mime_cmp);
	return m ? m->type : "application/octet-stream";
}

/* 0 when every segment of the decoded path is acceptable; else answered. */
static int path_ok(struct srv_resp *resp, const char *path)
{
	const char *p = path + 1;

	for (;;) {
		const char *end = strchr(p, '/');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if ((!len && end) || (len == 1 && p[0] == '.') ||
		    (len == 2 && p[0] == '.' && p[1] == '.')) {
			srv__error(resp, 400, "bad path", NULL);
			return -1;
		}
		for (size_t i = 0; i < len; i++) {
			if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f || p[i] == '\\') {
				srv__error(resp, 400, "bad path", NULL);
				return -1;
			}
		}
		if ((len && p[0] == '.') ||
		    (len == sizeof "node_modules" - 1 && !memcmp(p, "node_modules", len))) {
			srv__error(resp, 404, "not found", NULL);
			return -1;
		}
		if (!end)
			return 0;
		p = end + 1;
	}
}

void srv__static(struct srv_req *req, struct srv_resp *resp)
{
	const char *root = req->srv->web_root;
	size_t rlen, plen;
	const char *path = NULL;
	char *decoded, *full, *real = NULL;
	struct stat st;
	int fd;

	if (!root) {
		srv__error(resp, 404, "not found", NULL);
		return;
	}
	decoded = srv__decode(req->arena, req->path, strlen(req->path), 0);
	if (!decoded || strlen(decoded) > STATIC_MAX_PATH) {
		srv__error(resp, 400, "bad path", NULL);
		return;
	}
	for (size_t i = 0; i < sizeof vendored / sizeof vendored[0]; i++) {
		if (!strcmp(decoded, vendored[i].url))
			path = vendored[i].file;
	}
	if (!path) {
		if (path_ok(resp, decoded))
			return;
		path = decoded;
	}
	rlen = strlen(root);
	plen = strlen(path);
	/* a folder's page */
	full = psirt_arena_alloc(req->arena, rlen + plen + sizeof "index.html");
	if (!full) {
		srv__json(resp, 500, NULL);
		return;
	}
	memcpy(full, root, rlen);
	memcpy(full + rlen, path, plen + 1);
	if (path[plen - 1] == '/')
		memcpy(full + rlen + plen, "index.html", sizeof "index.html");
	real = realpath(full, NULL);
	if (!real || strncmp(real, root, rlen) || real[rlen] != '/') {
		srv__error(resp, 404, "not found", NULL);
		goto out_free;
	}
	fd = open(real, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		srv__error(resp, errno == EACCES ? 403 : 404, errno == EACCES ? "forbidden" : "not found",
		           NULL);
		goto out_free;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		srv__error(resp, 404, "not found", NULL);
		goto out_free;
	}
	resp->fd = fd;
	resp->file_size = (unsigned long long)st.st_size;
	resp->status = 200;
	resp->content_type = mime_type(real);

out_free:
	free(real);
}
