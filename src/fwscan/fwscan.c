/* The firmware scanner's driver: what the path is, the walk over the root
 * file system, the package databases, and the decision between package
 * components and signature findings (include/psirt/fwscan.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fwscan/internal.h"
#include "psirt/purl.h"
#include "psirt/str.h"
#include "psirt/version.h"

/* Evidence entries written per component; the count says how many more. */
#define EVIDENCE_SHOWN 16
/* Symbolic links followed while resolving one path (Linux's MAXSYMLINKS). */
#define RESOLVE_MAX_HOPS 40
/* os-release is a few hundred bytes. */
#define OS_RELEASE_MAX 65536

/* ---- results ---- */

void fwscan__results_init(struct fwscan__results *r, struct psirt_sbom_doc *doc,
                          const struct fwscan__sigdb *db)
{
	memset(r, 0, sizeof *r);
	r->doc = doc;
	r->db = db;
	psirt_map_init(&r->findings);
	psirt_map_init(&r->pkgs);
	psirt_map_init(&r->owners);
	r->tail = &r->first;
	r->pkg_tail = &r->pkg_first;
	psirt_buf_init(&r->tmp, 0);
}

void fwscan__results_release(struct fwscan__results *r)
{
	psirt_map_release(&r->findings);
	psirt_map_release(&r->pkgs);
	psirt_map_release(&r->owners);
	psirt_buf_release(&r->tmp);
}

static const char *astr(struct fwscan__results *r, const char *s)
{
	return psirt_sbom_strdup(r->doc, s, strlen(s));
}

enum psirt_err fwscan__results_add_hits(struct fwscan__results *r, const struct fwscan__matcher *m,
                                        const char *path)
{
	const char *path_copy = NULL;
	size_t i;
	int g;

	for (i = 0; i < m->n_hits; i++) {
		const struct fwscan__hit *h = &m->hits[i];
		const struct fwscan__sig *s = &r->db->sigs[h->sig];
		struct fwscan__finding *f;
		struct fwscan__evidence *ev;
		struct psirt_buf *k = &r->tmp;

		psirt_buf_reset(k);
		psirt_buf_adds(k, s->name);
		psirt_buf_addch(k, '\0');
		psirt_buf_adds(k, h->version);
		if (psirt_buf_error(k))
			return psirt_buf_error(k);
		f = psirt_map_get(&r->findings, k->p, k->len);
		if (!f) {
			f = psirt_arena_calloc(&r->doc->arena, 1, sizeof *f);
			if (!f)
				return PSIRT_ENOMEM;
			f->sig = h->sig;
			f->version = astr(r, h->version);
			if (!f->version)
				return PSIRT_ENOMEM;
			for (g = 0; g < 9; g++) {
				if (h->cpe_groups[g][0]) {
					f->cpe_groups[g] = astr(r, h->cpe_groups[g]);
					if (!f->cpe_groups[g])
						return PSIRT_ENOMEM;
				}
			}
			f->ev_tail = &f->ev;
			if (psirt_map_put(&r->findings, k->p, k->len, f, NULL))
				return PSIRT_ENOMEM;
			*r->tail = f;
			r->tail = &f->next;
		}
		if (!path_copy) {
			path_copy = astr(r, path);
			if (!path_copy)
				return PSIRT_ENOMEM;
		}
		ev = psirt_arena_calloc(&r->doc->arena, 1, sizeof *ev);
		if (!ev)
			return PSIRT_ENOMEM;
		ev->path = path_copy;
		ev->offset = h->offset;
		ev->text = astr(r, h->text);
		if (!ev->text)
			return PSIRT_ENOMEM;
		*f->ev_tail = ev;
		f->ev_tail = &ev->next;
		f->n_ev++;
	}
	return PSIRT_OK;
}

static int carries(const struct fwscan__sig *s, const struct fwscan__pkg *p)
{
	size_t i;

	for (i = 0; i < s->n_packages; i++) {
		if (fwscan__glob(s->packages[i], p->name) ||
		    (p->source && fwscan__glob(s->packages[i], p->source)))
			return 1;
	}
	return 0;
}

static int same_version(const char *a, const char *b)
{
	const struct psirt_version_scheme *g = psirt_version_scheme_find(psirt_str_c("generic"));
	int cmp;

	if (!strcmp(a, b))
		return 1;
	if (g && g->compare(psirt_str_c(a), psirt_str_c(b), &cmp, NULL) == PSIRT_OK)
		return cmp == 0;
	return 0;
}

static enum psirt_err add_evidence_props(struct fwscan__results *r, struct psirt_sbom_component *c,
                                         const struct fwscan__evidence *ev, size_t n)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	enum psirt_err err = PSIRT_OK;
	size_t shown = 0;

	for (; ev && !err; ev = ev->next) {
		if (shown++ == EVIDENCE_SHOWN)
			break;
		psirt_buf_reset(&b);
		psirt_buf_addf(&b, "%s@0x%llx: %s", ev->path, ev->offset, ev->text);
		err = psirt_buf_error(&b);
		if (!err) {
			const char *v = psirt_sbom_strdup(r->doc, b.p, b.len);
			err = v ? psirt_sbom_property_add(r->doc, c, "psirt:fwscan:evidence", v)
			        : PSIRT_ENOMEM;
		}
	}
	if (!err) {
		psirt_buf_reset(&b);
		psirt_buf_addf(&b, "%zu", n);
		err = psirt_buf_error(&b);
		if (!err)
			err = psirt_sbom_property_add(r->doc, c, "psirt:fwscan:evidence-count", b.p);
	}
	psirt_buf_release(&b);
	return err;
}

static void credit(struct fwscan__pkg *p, struct fwscan__evidence *ev)
{
	ev->next = NULL;
	*p->ev_tail = ev;
	p->ev_tail = &ev->next;
	p->n_ev++;
}

static struct fwscan__pkg *owner_of(struct fwscan__results *r, const char *path)
{
	const size_t *boxed = psirt_map_get(&r->owners, path, strlen(path));

	if (!boxed)
		return NULL;
	return psirt_map_get(&r->pkgs, (const char *)(boxed + 1), boxed[0]);
}

static enum psirt_err add_finding(struct fwscan__results *r, struct fwscan__finding *f)
{
	const struct fwscan__sig *s = &r->db->sigs[f->sig];
	struct psirt_sbom_component *c;
	struct psirt_buf b = PSIRT_BUF_INIT, canon = PSIRT_BUF_INIT;
	enum psirt_err err = PSIRT_OK;
	size_t i;

	c = psirt_sbom_component_add(r->doc, NULL, &err);
	if (!c)
		return err;
	c->type = s->type;
	c->name = s->name;
	c->version = f->version;
	/* the purl: the template with the version, then canonical */
	fwscan__cpe_expand(s->purl, f->version, NULL, &b);
	err = psirt_buf_error(&b);
	if (err)
		goto out;
	if (psirt_purl_canonicalize(psirt_str_make(b.p, b.len), 0, &canon, NULL) == PSIRT_OK)
		err = psirt_sbom_set_purl(r->doc, c, canon.p, canon.len);
	else
		err = psirt_sbom_set_purl(r->doc, c, b.p, b.len); /* kept, flagged */
	for (i = 0; i < s->n_cpes && !err; i++) {
		psirt_buf_reset(&b);
		fwscan__cpe_expand(s->cpes[i], f->version, f->cpe_groups, &b);
		err = psirt_buf_error(&b);
		if (!err)
			err = psirt_sbom_cpe_add(r->doc, c, b.p, b.len);
	}
	if (!err)
		err = psirt_sbom_property_add(r->doc, c, "psirt:fwscan:source", "signature");
	if (!err)
		err = psirt_sbom_property_add(r->doc, c, "psirt:version-scheme", "generic");
	if (!err)
		err = add_evidence_props(r, c, f->ev, f->n_ev);
out:
	psirt_buf_release(&b);
	psirt_buf_release(&canon);
	return err;
}

/* Package components first, then signature components; each by name,
 * version. */
static int cmp_components(const void *pa, const void *pb)
{
	const struct psirt_sbom_component *a = *(const struct psirt_sbom_component *const *)pa;
	const struct psirt_sbom_component *b = *(const struct psirt_sbom_component *const *)pb;
	int c;

	c = strcmp(a->name, b->name);
	if (c)
		return c;
	c = strcmp(a->version ? a->version : "", b->version ? b->version : "");
	if (c)
		return c;
	c = strcmp(a->purl ? a->purl : "", b->purl ? b->purl : "");
	if (c)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

enum psirt_err fwscan__results_finish(struct fwscan__results *r)
{
	struct fwscan__finding *f;
	struct fwscan__pkg *p;
	enum psirt_err err = PSIRT_OK;
	size_t i, n_pkg = 0;

	for (p = r->pkg_first; p; p = p->next)
		n_pkg++;
	for (f = r->first; f && !err; f = f->next) {
		const struct fwscan__sig *s = &r->db->sigs[f->sig];
		struct fwscan__evidence *ev = f->ev, *next, *keep = NULL, **keep_tail = &keep;
		struct fwscan__pkg *carrier = NULL;
		size_t kept = 0;

		/* 1. A file a package installed: that package, when it carries
		 *    this software. */
		for (; ev; ev = next) {
			struct fwscan__pkg *o = owner_of(r, ev->path);

			next = ev->next;
			if (o && carries(s, o)) {
				credit(o, ev);
			} else {
				ev->next = NULL;
				*keep_tail = ev;
				keep_tail = &ev->next;
				kept++;
			}
		}
		f->ev = keep;
		f->n_ev = kept;
		if (!kept)
			continue;
		/* 2. Anywhere else: a package carrying it in the same upstream
		 *    version covers it. */
		for (p = r->pkg_first; p && !carrier; p = p->next) {
			if (p->upstream && carries(s, p) && same_version(p->upstream, f->version))
				carrier = p;
		}
		if (carrier) {
			for (ev = f->ev; ev; ev = next) {
				next = ev->next;
				credit(carrier, ev);
			}
			continue;
		}
		/* 3. Otherwise a component of its own. */
		err = add_finding(r, f);
	}
	for (p = r->pkg_first; p && !err; p = p->next) {
		if (p->n_ev)
			err = add_evidence_props(r, p->c, p->ev, p->n_ev);
	}
	if (err)
		return err;
	if (n_pkg > r->doc->n_components)
		n_pkg = r->doc->n_components;
	/* (an empty document has no array: qsort must not see NULL) */
	if (n_pkg > 1)
		qsort(r->doc->components, n_pkg, sizeof *r->doc->components, cmp_components);
	if (r->doc->n_components - n_pkg > 1)
		qsort(r->doc->components + n_pkg, r->doc->n_components - n_pkg,
		      sizeof *r->doc->components, cmp_components);
	for (i = 0; i < r->doc->n_components && !err; i++) {
		r->doc->components[i]->index = i;
		err = psirt_sbom_component_check(r->doc, r->doc->components[i], NULL, 0);
	}
	return err;
}

/* ---- the image's tree ---- */

struct scan {
	const struct psirt_fwscan_options *opt;
	struct fwscan__results *res;
	struct fwscan__matcher m;
	struct psirt_map links; /* "/path" -> target, for resolving */
	struct psirt_arena arena;
	int root;               /* descriptor of the root folder, or -1 */
	unsigned long max_files;
	unsigned long files;
	struct psirt_fwscan_stats st;
	struct psirt_buf resolved;
	int links_from_walk; /* links are collected by the walk (folders) */
	struct psirt_diag *diag;
};

/* Resolves the folders of path (and the last component when it is a link)
 * through the image's links, lexically, inside the image. Returns s->resolved's
 * text, or NULL when out of memory. A loop or too many hops leaves the path
 * as far as resolved. */
static const char *resolve(void *ctx, const char *path)
{
	struct scan *s = ctx;
	struct psirt_buf todo = PSIRT_BUF_INIT, *out = &s->resolved;
	int hops = 0;
	const char *p;

	psirt_buf_reset(out);
	psirt_buf_adds(&todo, path);
	p = todo.p;
	while (*p && !psirt_buf_error(&todo)) {
		const char *end, *target;
		size_t len, mark;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		end = strchr(p, '/');
		len = end ? (size_t)(end - p) : strlen(p);
		if (len == 1 && p[0] == '.') {
			p += len;
			continue;
		}
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			while (out->len && out->p[out->len - 1] != '/')
				out->len--;
			if (out->len)
				out->len--;
			out->p[out->len] = '\0';
			p += len;
			continue;
		}
		mark = out->len;
		psirt_buf_addch(out, '/');
		psirt_buf_add(out, p, len);
		if (psirt_buf_error(out))
			break;
		target = psirt_map_get(&s->links, out->p, out->len);
		p += len;
		if (target && hops++ < RESOLVE_MAX_HOPS) {
			struct psirt_buf next = PSIRT_BUF_INIT;

			/* Continue with target + the rest, from the link's folder
			 * (relative) or from the root (absolute). */
			psirt_buf_truncate(out, mark);
			if (target[0] == '/')
				psirt_buf_reset(out);
			psirt_buf_adds(&next, target);
			psirt_buf_adds(&next, p);
			psirt_buf_release(&todo);
			todo = next;
			p = todo.p;
		}
	}
	if (out->len == 0)
		psirt_buf_addch(out, '/');
	psirt_buf_release(&todo);
	return psirt_buf_error(out) ? NULL : out->p;
}

/* Opens a path of the image (already resolved: no links in it) beneath the
 * root, never following a link. */
static int open_beneath(int root, const char *path, int flags)
{
	struct psirt_buf comp = PSIRT_BUF_INIT;
	int fd = dup(root);
	const char *p = path;

	while (fd >= 0 && *p) {
		const char *end;
		size_t len;
		int next, last;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		end = strchr(p, '/');
		len = end ? (size_t)(end - p) : strlen(p);
		psirt_buf_reset(&comp);
		psirt_buf_add(&comp, p, len);
		p += len;
		while (*p == '/')
			p++;
		last = *p == '\0';
		if (psirt_buf_error(&comp)) {
			close(fd);
			fd = -1;
			break;
		}
		next = openat(fd, comp.p,
		              (last ? flags : O_RDONLY | O_DIRECTORY) | O_NOFOLLOW | O_CLOEXEC);
		close(fd);
		fd = next;
	}
	psirt_buf_release(&comp);
	return fd;
}

/* Reads a whole file of the image (at most max bytes) into *out (malloc). */
static enum psirt_err read_image_file(struct scan *s, const char *path, size_t max, char **out,
                                      size_t *len)
{
	const char *rp = resolve(s, path);
	struct psirt_buf b = PSIRT_BUF_INIT;
	char buf[65536];
	int fd;

	*out = NULL;
	*len = 0;
	if (!rp)
		return PSIRT_ENOMEM;
	fd = open_beneath(s->root, rp, O_RDONLY);
	if (fd < 0)
		return PSIRT_ENOTFOUND;
	psirt_buf_init(&b, max);
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		psirt_buf_add(&b, buf, (size_t)n);
		if (psirt_buf_error(&b))
			break;
	}
	close(fd);
	if (psirt_buf_error(&b)) {
		enum psirt_err err = psirt_buf_error(&b);
		psirt_buf_release(&b);
		return err;
	}
	*out = psirt_buf_detach(&b, len);
	return *out ? PSIRT_OK : PSIRT_ENOMEM;
}

/* Documentation quotes versions ("OpenSSL 1.0.2f 28 Jan 2016" in a man
 * page, "GNU C Library version 2.23" in a copyright file) without carrying
 * the software: its folders get path signatures only. */
static const char *const doc_dirs[] = {
	"/usr/share/doc/", "/usr/share/man/", "/usr/share/info/",
	"/usr/share/common-licenses/", "/usr/share/licenses/", "/usr/share/locale/",
};

static int is_doc(const char *path)
{
	size_t i;

	for (i = 0; i < sizeof doc_dirs / sizeof doc_dirs[0]; i++) {
		if (!strncmp(path, doc_dirs[i], strlen(doc_dirs[i])))
			return 1;
	}
	return 0;
}

static enum psirt_err scan_file(struct scan *s, int dfd, const char *name, const char *path,
                                const struct stat *st)
{
	void *map = NULL;
	size_t size = (size_t)st->st_size;
	enum psirt_err err;
	int fd;

	if (s->opt->flags & PSIRT_FWSCAN_NO_SIGNATURES)
		return PSIRT_OK;
	if (is_doc(path))
		return fwscan__match(&s->m, NULL, 0, name, path) ? PSIRT_ENOMEM
		       : fwscan__results_add_hits(s->res, &s->m, path);
	if ((unsigned long long)st->st_size > PSIRT_FWSCAN_MAX_FILE_SCAN) {
		err = psirt_sbom_warn(s->res->doc, PSIRT_SBOM_W_IGNORED, NULL, path, 0,
		                      "larger than %llu bytes: not scanned",
		                      PSIRT_FWSCAN_MAX_FILE_SCAN);
		return err;
	}
	if (size) {
		fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			return psirt_sbom_warn(s->res->doc, PSIRT_SBOM_W_IGNORED, NULL, path, 0,
			                       "cannot read: %s", strerror(errno));
		map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
		close(fd);
		if (map == MAP_FAILED)
			return psirt_sbom_warn(s->res->doc, PSIRT_SBOM_W_IGNORED, NULL, path, 0,
			                       "cannot map: %s", strerror(errno));
		(void)madvise(map, size, MADV_SEQUENTIAL);
	}
	err = fwscan__match(&s->m, map ? map : "", size, name, path);
	if (map)
		munmap(map, size);
	s->st.bytes += size;
	if (!err) {
		s->st.hits += s->m.n_hits;
		err = fwscan__results_add_hits(s->res, &s->m, path);
	}
	return err;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static enum psirt_err record_link(struct scan *s, const char *path, const char *target)
{
	char *copy = psirt_arena_strdup(&s->arena, target);

	if (!copy)
		return PSIRT_ENOMEM;
	return psirt_map_put(&s->links, path, strlen(path), copy, NULL);
}

static enum psirt_err walk(struct scan *s, int dfd, struct psirt_buf *path, int depth)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i, base_len = path->len;
	enum psirt_err err = PSIRT_OK;
	int fd;

	if (depth > 128)
		return psirt_diag_set(s->diag, PSIRT_ETOOBIG, "%s: folders nested deeper than 128",
		                      path->p);
	fd = dup(dfd);
	d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return psirt_sbom_warn(s->res->doc, PSIRT_SBOM_W_IGNORED, NULL, path->p, 0,
		                       "cannot list: %s", strerror(errno));
	}
	/* Sorted, so that evidence and warnings come out the same every run. */
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 32;
			char **p = realloc(names, nc * sizeof *names);
			if (!p) {
				err = PSIRT_ENOMEM;
				goto out;
			}
			names = p;
			cap = nc;
		}
		names[n] = strdup(e->d_name);
		if (!names[n]) {
			err = PSIRT_ENOMEM;
			goto out;
		}
		n++;
	}
	if (n > 1)
		qsort(names, n, sizeof *names, cmp_names);
	for (i = 0; i < n && !err; i++) {
		struct stat st;

		psirt_buf_truncate(path, base_len);
		psirt_buf_addch(path, '/');
		psirt_buf_adds(path, names[i]);
		if (psirt_buf_error(path)) {
			err = psirt_buf_error(path);
			break;
		}
		if (fstatat(dfd, names[i], &st, AT_SYMLINK_NOFOLLOW))
			continue;
		if (S_ISDIR(st.st_mode)) {
			int sub = openat(dfd, names[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

			if (!(s->opt->flags & PSIRT_FWSCAN_NO_SIGNATURES)) {
				err = fwscan__match(&s->m, NULL, 0, names[i], path->p);
				if (!err)
					err = fwscan__results_add_hits(s->res, &s->m, path->p);
			}
			if (sub < 0) {
				if (!err)
					err = psirt_sbom_warn(s->res->doc, PSIRT_SBOM_W_IGNORED, NULL,
					                      path->p, 0, "cannot open: %s",
					                      strerror(errno));
				continue;
			}
			if (!err)
				err = walk(s, sub, path, depth + 1);
			close(sub);
		} else if (S_ISLNK(st.st_mode)) {
			char target[4096];
			ssize_t len = readlinkat(dfd, names[i], target, sizeof target - 1);

			if (len < 0 || !s->links_from_walk)
				continue;
			target[len] = '\0';
			err = record_link(s, path->p, target);
		} else if (S_ISREG(st.st_mode)) {
			if (++s->files > s->max_files) {
				err = psirt_diag_set(s->diag, PSIRT_ETOOBIG,
				                     "more than %lu files", s->max_files);
				break;
			}
			err = scan_file(s, dfd, names[i], path->p, &st);
		}
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	psirt_buf_truncate(path, base_len);
	return err;
}

/* Path signatures on the links (never on disk for archives). */
static enum psirt_err match_links(struct scan *s)
{
	size_t pos = 0, klen;
	const char *key;
	void *val;
	enum psirt_err err = PSIRT_OK;
	struct psirt_buf k = PSIRT_BUF_INIT;

	while (!err && psirt_map_next(&s->links, &pos, &key, &klen, &val)) {
		const char *slash;

		psirt_buf_reset(&k);
		psirt_buf_add(&k, key, klen);
		if (psirt_buf_error(&k)) {
			err = psirt_buf_error(&k);
			break;
		}
		slash = strrchr(k.p, '/');
		err = fwscan__match(&s->m, NULL, 0, slash ? slash + 1 : k.p, k.p);
		if (!err)
			err = fwscan__results_add_hits(s->res, &s->m, k.p);
	}
	psirt_buf_release(&k);
	return err;
}

/* os-release(5): ID and VERSION_ID, unquoted. */
static void read_os_release(struct scan *s)
{
	static const char *const paths[] = { "/etc/os-release", "/usr/lib/os-release" };
	size_t i;

	for (i = 0; i < 2; i++) {
		char *text;
		size_t len, pos = 0;

		if (read_image_file(s, paths[i], OS_RELEASE_MAX, &text, &len))
			continue;
		while (pos < len) {
			char *l = text + pos, *nl = memchr(l, '\n', len - pos);
			size_t ll = nl ? (size_t)(nl - l) : len - pos;
			const char **dst = NULL;
			size_t skip = 0, j;

			pos += ll + 1;
			if (ll > 3 && !memcmp(l, "ID=", 3)) {
				dst = &s->res->distro;
				skip = 3;
			} else if (ll > 11 && !memcmp(l, "VERSION_ID=", 11)) {
				dst = &s->res->distro_version;
				skip = 11;
			}
			if (!dst)
				continue;
			l += skip;
			ll -= skip;
			if (ll >= 2 && (l[0] == '"' || l[0] == '\'') && l[ll - 1] == l[0]) {
				l++;
				ll -= 2;
			}
			/* purl namespaces and qualifier values: keep it plain. */
			for (j = 0; j < ll; j++) {
				if (!psirt_isalnum((unsigned char)l[j]) && l[j] != '.' &&
				    l[j] != '-' && l[j] != '_')
					break;
			}
			if (j == ll && ll > 0 && ll < 64) {
				char *v = psirt_arena_strndup(&s->res->doc->arena, l, ll);
				for (j = 0; v && j < ll; j++)
					v[j] = (char)psirt_tolower((unsigned char)v[j]);
				*dst = v;
			}
		}
		free(text);
		return;
	}
}

static enum psirt_err read_db(struct scan *s, enum psirt_fwscan_pkgdb kind, const char *path)
{
	char *text;
	size_t len;
	enum psirt_err err;

	err = read_image_file(s, path, PSIRT_FWSCAN_MAX_DB_SIZE, &text, &len);
	if (err == PSIRT_ENOTFOUND)
		return PSIRT_OK;
	if (err == PSIRT_ETOOBIG)
		return psirt_diag_set(s->diag, err, "%s: package database over %zu bytes", path,
		                      PSIRT_FWSCAN_MAX_DB_SIZE);
	if (err)
		return err;
	err = fwscan__pkgdb_parse(s->res, kind, text, len, path);
	free(text);
	return err;
}

/* Every regular file of a folder of the image whose name ends in suffix
 * (".list") or, with suffix NULL, every file but *.md5sums (status.d). */
static enum psirt_err read_dir_files(struct scan *s, enum psirt_fwscan_pkgdb kind, const char *dir,
                                     const char *suffix)
{
	const char *rp = resolve(s, dir);
	struct psirt_buf path = PSIRT_BUF_INIT, name = PSIRT_BUF_INIT;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	enum psirt_err err = PSIRT_OK;
	struct dirent *e;
	DIR *d;
	int fd;

	if (!rp)
		return PSIRT_ENOMEM;
	fd = open_beneath(s->root, rp, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return PSIRT_OK;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return PSIRT_OK;
	}
	while ((e = readdir(d)) != NULL && !err) {
		size_t l = strlen(e->d_name), sl = suffix ? strlen(suffix) : 0;

		if (e->d_name[0] == '.')
			continue;
		if (suffix && (l <= sl || strcmp(e->d_name + l - sl, suffix)))
			continue;
		if (!suffix && l > 8 && !strcmp(e->d_name + l - 8, ".md5sums"))
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 64;
			char **p = realloc(names, nc * sizeof *names);
			if (!p) {
				err = PSIRT_ENOMEM;
				break;
			}
			names = p;
			cap = nc;
		}
		names[n] = strdup(e->d_name);
		if (!names[n])
			err = PSIRT_ENOMEM;
		else
			n++;
	}
	closedir(d);
	if (!err && n > 1)
		qsort(names, n, sizeof *names, cmp_names);
	for (i = 0; i < n && !err; i++) {
		char *text;
		size_t len;

		psirt_buf_reset(&path);
		psirt_buf_addf(&path, "%s/%s", dir, names[i]);
		if (psirt_buf_error(&path)) {
			err = psirt_buf_error(&path);
			break;
		}
		err = read_image_file(s, path.p, PSIRT_FWSCAN_MAX_DB_SIZE, &text, &len);
		if (err == PSIRT_ENOTFOUND || err == PSIRT_ETOOBIG) {
			err = psirt_sbom_warn(s->res->doc, PSIRT_SBOM_W_IGNORED, NULL, path.p, 0,
			                      "cannot read this package database file");
			continue;
		}
		if (err)
			break;
		if (suffix) {
			/* NAME.list or NAME:ARCH.list (dpkg multi-arch) */
			char *colon;

			psirt_buf_reset(&name);
			psirt_buf_add(&name, names[i], strlen(names[i]) - strlen(suffix));
			colon = strchr(name.p, ':');
			if (colon)
				psirt_buf_truncate(&name, (size_t)(colon - name.p));
			err = psirt_buf_error(&name);
			if (!err)
				err = fwscan__owners_add_list(s->res, kind, name.p, text, len);
		} else {
			err = fwscan__pkgdb_parse(s->res, kind, text, len, path.p);
		}
		free(text);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	psirt_buf_release(&path);
	psirt_buf_release(&name);
	return err;
}

static enum psirt_err read_databases(struct scan *s)
{
	enum psirt_err err;

	read_os_release(s);
	err = read_db(s, PSIRT_FWSCAN_DPKG, "/var/lib/dpkg/status");
	if (!err)
		err = read_dir_files(s, PSIRT_FWSCAN_DPKG, "/var/lib/dpkg/status.d", NULL);
	if (!err)
		err = read_dir_files(s, PSIRT_FWSCAN_DPKG, "/var/lib/dpkg/info", ".list");
	if (!err)
		err = read_db(s, PSIRT_FWSCAN_OPKG, "/usr/lib/opkg/status");
	if (!err && !s->res->pkg_first)
		err = read_db(s, PSIRT_FWSCAN_OPKG, "/var/lib/opkg/status");
	if (!err)
		err = read_dir_files(s, PSIRT_FWSCAN_OPKG, "/usr/lib/opkg/info", ".list");
	if (!err)
		err = read_dir_files(s, PSIRT_FWSCAN_OPKG, "/var/lib/opkg/info", ".list");
	if (!err)
		err = read_db(s, PSIRT_FWSCAN_APK, "/lib/apk/db/installed");
	return err;
}

/* ---- entry points ---- */

static enum psirt_err load_sigdb(const struct psirt_fwscan_options *opt,
                                 struct fwscan__sigdb **owned, const struct fwscan__sigdb **db,
                                 struct psirt_diag *diag)
{
	*owned = NULL;
	if (opt && opt->signatures_path) {
		struct psirt_buf b = PSIRT_BUF_INIT;
		char buf[65536];
		enum psirt_err err;
		int fd = open(opt->signatures_path, O_RDONLY | O_CLOEXEC);

		if (fd < 0)
			return psirt_diag_set(diag, PSIRT_EIO, "cannot read %s: %s",
			                      opt->signatures_path, strerror(errno));
		psirt_buf_init(&b, (size_t)1 << 20);
		for (;;) {
			ssize_t n = read(fd, buf, sizeof buf);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			psirt_buf_add(&b, buf, (size_t)n);
		}
		close(fd);
		if (psirt_buf_error(&b)) {
			err = psirt_diag_set(diag, psirt_buf_error(&b), "%s: signature table over 1 MiB",
			                     opt->signatures_path);
			psirt_buf_release(&b);
			return err;
		}
		err = fwscan__sigdb_new(b.p, b.len, opt->signatures_path, owned, diag);
		psirt_buf_release(&b);
		*db = *owned;
		return err;
	}
	return fwscan__sigdb_builtin(db, diag);
}

static enum psirt_err scan_tree(struct scan *s, const char *root_path)
{
	struct psirt_buf path = PSIRT_BUF_INIT;
	enum psirt_err err;

	s->root = open(root_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s->root < 0)
		return psirt_diag_set(s->diag, PSIRT_EIO, "cannot open %s: %s", root_path,
		                      strerror(errno));
	s->res->resolve = resolve;
	s->res->resolve_ctx = s;
	err = walk(s, s->root, &path, 0);
	psirt_buf_release(&path);
	if (!err && !(s->opt->flags & PSIRT_FWSCAN_NO_SIGNATURES))
		err = match_links(s);
	if (!err && !(s->opt->flags & PSIRT_FWSCAN_NO_PKGDB))
		err = read_databases(s);
	close(s->root);
	s->root = -1;
	return err;
}

static enum psirt_err scan_blob_file(struct scan *s, const char *file)
{
	struct stat st;
	const char *base = strrchr(file, '/');
	struct psirt_buf path = PSIRT_BUF_INIT;
	enum psirt_err err;
	int dfd;
	char *dir;

	base = base ? base + 1 : file;
	dir = base == file ? strdup(".") : strndup(file, (size_t)(base - file));
	if (!dir)
		return PSIRT_ENOMEM;
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (dfd < 0)
		return psirt_diag_set(s->diag, PSIRT_EIO, "cannot open %s: %s", file,
		                      strerror(errno));
	psirt_buf_addf(&path, "/%s", base);
	err = psirt_buf_error(&path);
	if (!err && fstatat(dfd, base, &st, 0))
		err = psirt_diag_set(s->diag, PSIRT_EIO, "cannot read %s: %s", file,
		                     strerror(errno));
	if (!err)
		err = psirt_sbom_warn(s->res->doc, PSIRT_SBOM_W_IGNORED, NULL, file, 0,
		                      "neither a folder nor an archive psirt reads: scanned as one "
		                      "binary blob");
	if (!err) {
		/* the blob's own name is not a path in an image: no path rules */
		err = scan_file(s, dfd, base, path.p, &st);
	}
	close(dfd);
	psirt_buf_release(&path);
	return err;
}

enum image_kind { IMAGE_DIR, IMAGE_SQUASHFS, IMAGE_ARCHIVE, IMAGE_BLOB };

static enum psirt_err classify(const char *path, enum image_kind *kind, struct psirt_diag *diag)
{
	struct stat st;
	unsigned char magic[4];
	ssize_t n;
	int fd;

	if (stat(path, &st))
		return psirt_diag_set(diag, PSIRT_EIO, "cannot read %s: %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		*kind = IMAGE_DIR;
		return PSIRT_OK;
	}
	if (!S_ISREG(st.st_mode))
		return psirt_diag_set(diag, PSIRT_EINVAL, "%s is neither a folder nor a file", path);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return psirt_diag_set(diag, PSIRT_EIO, "cannot read %s: %s", path, strerror(errno));
	n = read(fd, magic, sizeof magic);
	close(fd);
	/* squashfs superblock magic 0x73717368, little- or big-endian. */
	if (n == 4 && (!memcmp(magic, "hsqs", 4) || !memcmp(magic, "sqsh", 4)))
		*kind = IMAGE_SQUASHFS;
	else if (fwscan__is_archive(path))
		*kind = IMAGE_ARCHIVE;
	else
		*kind = IMAGE_BLOB;
	return PSIRT_OK;
}

enum psirt_err psirt_fwscan(const char *path, const struct psirt_fwscan_options *options,
                            struct psirt_sbom_doc **out, struct psirt_diag *diag)
{
	static const struct psirt_fwscan_options defaults;
	const struct psirt_fwscan_options *opt = options ? options : &defaults;
	struct fwscan__sigdb *owned = NULL;
	const struct fwscan__sigdb *db = NULL;
	struct fwscan__results res;
	struct fwscan__limits lim;
	struct psirt_sbom_doc *doc;
	struct scan s;
	enum image_kind kind = IMAGE_BLOB;
	char *tmp = NULL;
	enum psirt_err err;

	*out = NULL;
	err = classify(path, &kind, diag);
	if (err)
		return err;
	err = load_sigdb(opt, &owned, &db, diag);
	if (err)
		return err;
	doc = psirt_sbom_new();
	if (!doc) {
		fwscan__sigdb_free(owned);
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	}
	fwscan__results_init(&res, doc, db);
	memset(&s, 0, sizeof s);
	s.opt = opt;
	s.res = &res;
	s.root = -1;
	s.diag = diag;
	s.max_files = opt->max_files ? opt->max_files : PSIRT_FWSCAN_MAX_FILES;
	psirt_map_init(&s.links);
	psirt_arena_init(&s.arena, 0);
	psirt_buf_init(&s.resolved, 0);
	memset(&lim, 0, sizeof lim);
	lim.max_extract = opt->max_extract ? opt->max_extract : PSIRT_FWSCAN_MAX_EXTRACT;
	lim.max_files = s.max_files;
	err = fwscan__matcher_init(&s.m, db, opt->engine);
	if (err) {
		psirt_diag_set(diag, err, "out of memory");
		goto out;
	}
	err = psirt_sbom_tool_add(doc, "psirt", "psirt-fwscan", NULL);
	if (err)
		goto out;
	switch (kind) {
	case IMAGE_DIR:
		s.links_from_walk = 1;
		err = scan_tree(&s, path);
		break;
	case IMAGE_ARCHIVE:
	case IMAGE_SQUASHFS:
		err = fwscan__mktemp(opt->tmpdir, &tmp, diag);
		if (err)
			break;
		if (kind == IMAGE_ARCHIVE) {
			err = fwscan__extract_archive(path, tmp, &lim, &s.links, &s.arena, diag);
			if (!err)
				err = scan_tree(&s, tmp);
		} else {
			struct psirt_buf root = PSIRT_BUF_INIT;

			err = fwscan__extract_squashfs(path, tmp, &lim, diag);
			psirt_buf_addf(&root, "%s/root", tmp);
			if (!err)
				err = psirt_buf_error(&root);
			s.links_from_walk = 1;
			if (!err)
				err = scan_tree(&s, root.p);
			psirt_buf_release(&root);
		}
		break;
	case IMAGE_BLOB:
		err = scan_blob_file(&s, path);
		break;
	}
	if (!err)
		err = fwscan__results_finish(&res);
out:
	if (tmp) {
		fwscan__rmtree(tmp);
		free(tmp);
	}
	s.st.files = s.files;
	s.st.extracted = lim.extracted;
	for (struct fwscan__pkg *p = res.pkg_first; p; p = p->next)
		s.st.packages++;
	if (opt->stats)
		*opt->stats = s.st;
	fwscan__matcher_release(&s.m);
	psirt_map_release(&s.links);
	psirt_arena_release(&s.arena);
	psirt_buf_release(&s.resolved);
	fwscan__results_release(&res);
	fwscan__sigdb_free(owned);
	if (err) {
		if (err == PSIRT_ENOMEM)
			psirt_diag_set(diag, err, "out of memory");
		else
			psirt_diag_set(diag, err, "%s", psirt_strerror(err));
		psirt_sbom_free(doc);
		return err;
	}
	*out = doc;
	return PSIRT_OK;
}

enum psirt_err psirt_fwscan_pkgdb(enum psirt_fwscan_pkgdb kind, const char *data, size_t len,
                                  const char *name, struct psirt_sbom_doc **out,
                                  struct psirt_diag *diag)
{
	const struct fwscan__sigdb *db = NULL;
	struct fwscan__results res;
	struct psirt_sbom_doc *doc;
	enum psirt_err err;

	*out = NULL;
	if (len > PSIRT_FWSCAN_MAX_DB_SIZE)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "package database over %zu bytes",
		                      PSIRT_FWSCAN_MAX_DB_SIZE);
	if (kind != PSIRT_FWSCAN_DPKG && kind != PSIRT_FWSCAN_OPKG && kind != PSIRT_FWSCAN_APK)
		return psirt_diag_set(diag, PSIRT_EINVAL, "unknown package database kind");
	err = fwscan__sigdb_builtin(&db, diag);
	if (err)
		return err;
	doc = psirt_sbom_new();
	if (!doc)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	fwscan__results_init(&res, doc, db);
	err = fwscan__pkgdb_parse(&res, kind, data, len, name ? name : "status");
	if (!err)
		err = fwscan__results_finish(&res);
	fwscan__results_release(&res);
	if (err) {
		psirt_sbom_free(doc);
		return psirt_diag_set(diag, err, "%s", psirt_strerror(err));
	}
	*out = doc;
	return PSIRT_OK;
}

enum psirt_err psirt_fwscan_blob(const void *data, size_t len, const char *name,
                                 const struct psirt_fwscan_options *options,
                                 struct psirt_sbom_doc **out, struct psirt_diag *diag)
{
	struct fwscan__sigdb *owned = NULL;
	const struct fwscan__sigdb *db = NULL;
	struct fwscan__matcher m;
	struct fwscan__results res;
	struct psirt_sbom_doc *doc;
	struct psirt_buf path = PSIRT_BUF_INIT;
	const char *base;
	enum psirt_err err;

	*out = NULL;
	err = load_sigdb(options, &owned, &db, diag);
	if (err)
		return err;
	doc = psirt_sbom_new();
	if (!doc) {
		fwscan__sigdb_free(owned);
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	}
	fwscan__results_init(&res, doc, db);
	if (!name || !*name)
		name = "blob";
	base = strrchr(name, '/');
	base = base ? base + 1 : name;
	psirt_buf_addf(&path, "%s%s", name[0] == '/' ? "" : "/", name);
	err = psirt_buf_error(&path);
	if (!err)
		err = fwscan__matcher_init(&m, db, options ? options->engine : 0);
	if (!err) {
		err = fwscan__match(&m, data ? data : "", data ? len : 0, base, path.p);
		if (!err)
			err = fwscan__results_add_hits(&res, &m, path.p);
		fwscan__matcher_release(&m);
	}
	if (!err)
		err = fwscan__results_finish(&res);
	fwscan__results_release(&res);
	fwscan__sigdb_free(owned);
	psirt_buf_release(&path);
	if (err) {
		psirt_sbom_free(doc);
		return psirt_diag_set(diag, err, "%s", psirt_strerror(err));
	}
	*out = doc;
	return PSIRT_OK;
}
