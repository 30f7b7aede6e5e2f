/* Package databases: dpkg status (and status.d/ files), opkg status, apk
 * installed; and the file lists that say which package installed a file.
 *
 * dpkg and opkg write RFC 822-like paragraphs (deb-control(5)): "Field:
 * value", continuation lines starting with a space or tab, a blank line
 * between packages. apk's installed database (apk-package(5), "installed
 * database" in apk-tools' doc) is one "X:value" line per field, a blank line
 * between packages, and the package's files as F: (folder) and R: (file in
 * that folder) lines.
 */
#include <stdlib.h>
#include <string.h>

#include "fwscan/internal.h"
#include "psirt/purl.h"
#include "psirt/str.h"
#include "psirt/version.h"

/* 64 KiB per field value (a long Description); longer ones are cut. */
#define PKG_MAX_VALUE ((size_t)64 << 10)

struct pkg_fields {
	struct psirt_str name, version, arch, status, source, description, license;
	long line; /* first line of the paragraph */
	int has_status;
};

static const char *kind_name(enum psirt_fwscan_pkgdb kind)
{
	switch (kind) {
	case PSIRT_FWSCAN_DPKG:
		return "dpkg";
	case PSIRT_FWSCAN_OPKG:
		return "opkg";
	case PSIRT_FWSCAN_APK:
		break;
	}
	return "apk";
}

static const char *scheme_of(enum psirt_fwscan_pkgdb kind)
{
	switch (kind) {
	case PSIRT_FWSCAN_DPKG:
		return "deb";
	case PSIRT_FWSCAN_OPKG:
		return "opkg";
	case PSIRT_FWSCAN_APK:
		break;
	}
	return "apk";
}

static struct psirt_str trim(struct psirt_str s)
{
	while (s.len && psirt_isspace((unsigned char)s.p[0])) {
		s.p++;
		s.len--;
	}
	while (s.len && psirt_isspace((unsigned char)s.p[s.len - 1]))
		s.len--;
	return s;
}

void fwscan__upstream(enum psirt_fwscan_pkgdb kind, const char *version, struct psirt_buf *out)
{
	const char *v = version, *end, *colon, *dash;
	size_t i, len;

	/* deb-version(7): [epoch:]upstream[-revision]; opkg follows it. */
	colon = strchr(v, ':');
	if (colon && kind != PSIRT_FWSCAN_APK) {
		for (i = 0; v + i < colon && psirt_isdigit((unsigned char)v[i]); i++)
			;
		if (v + i == colon && i > 0)
			v = colon + 1;
	}
	end = v + strlen(v);
	dash = strrchr(v, '-');
	if (dash) {
		if (kind == PSIRT_FWSCAN_APK) {
			/* apk: VERSION-rN, the package release. */
			if (dash[1] == 'r' && psirt_isdigit((unsigned char)dash[2]))
				end = dash;
		} else {
			end = dash;
		}
	}
	len = (size_t)(end - v);
	/* Repackaging marks after the upstream version: 1.2.13.dfsg,
	 * 2.9.14+dfsg, 3.0.11~rc1 stays (a tilde before a pre-release word is
	 * upstream's), 1.4+repack, 4.2.8p15+dfsg. */
	for (i = 0; i < len; i++) {
		if (v[i] == '+') {
			len = i;
			break;
		}
	}
	if (len > 5 && !memcmp(v + len - 5, ".dfsg", 5))
		len -= 5;
	else if (len > 3 && !memcmp(v + len - 3, ".ds", 3))
		len -= 3;
	else if (len > 5 && !memcmp(v + len - 5, "~dfsg", 5))
		len -= 5;
	psirt_buf_add(out, v, len);
}

static const char *adup(struct fwscan__results *r, struct psirt_str s)
{
	return psirt_sbom_strdup(r->doc, s.p ? s.p : "", s.len);
}

static enum psirt_err add_purl(struct fwscan__results *r, struct psirt_sbom_component *c,
                               enum psirt_fwscan_pkgdb kind, const struct pkg_fields *f)
{
	struct psirt_purl parts, built;
	struct psirt_purl_qualifier q[2];
	struct psirt_buf b = PSIRT_BUF_INIT;
	const char *type = kind == PSIRT_FWSCAN_DPKG ? "deb" : kind_name(kind);
	const char *ns = r->distro;
	enum psirt_err err;
	size_t nq = 0;

	if (!ns)
		ns = kind == PSIRT_FWSCAN_DPKG ? "debian"
		     : kind == PSIRT_FWSCAN_OPKG ? "openwrt"
		                                 : "alpine";
	memset(&parts, 0, sizeof parts);
	parts.type = psirt_str_c(type);
	parts.ns = psirt_str_c(ns);
	parts.name = f->name;
	parts.version = f->version;
	if (f->arch.len) {
		q[nq].key = psirt_str_c("arch");
		q[nq++].value = f->arch;
	}
	if (r->distro && r->distro_version) {
		psirt_buf_addf(&b, "%s-%s", r->distro, r->distro_version);
		if (psirt_buf_error(&b))
			goto out_nomem;
		q[nq].key = psirt_str_c("distro");
		q[nq++].value = psirt_str_make(b.p, b.len);
	}
	parts.qualifiers = q;
	parts.nqualifiers = nq;
	err = psirt_purl_build(&parts, 0, &built, NULL);
	if (err == PSIRT_ENOMEM)
		goto out_nomem;
	if (err) {
		/* A name or version the type refuses: the component keeps its name
		 * and version, without a purl (warned as having no identity). */
		psirt_buf_release(&b);
		return PSIRT_OK;
	}
	psirt_buf_reset(&b);
	err = psirt_purl_format(&built, &b);
	psirt_purl_release(&built);
	if (!err)
		err = psirt_sbom_set_purl(r->doc, c, b.p, b.len);
	psirt_buf_release(&b);
	return err;
out_nomem:
	psirt_buf_release(&b);
	return PSIRT_ENOMEM;
}

/* Appends "cpe" with {version} and $N expanded (an empty $N becomes '*');
 * characters CPE 2.3 formatted strings must quote are quoted (NISTIR 7695
 * §6.2.3: everything but letters, digits, '_', '-' and '.'). */
void fwscan__cpe_expand(const char *tmpl, const char *version, const char *const groups[9],
                        struct psirt_buf *out)
{
	const char *t;

	for (t = tmpl; *t; t++) {
		const char *val = NULL;
		size_t skip = 0;

		if (!strncmp(t, "{version}", 9)) {
			val = version;
			skip = 8;
		} else if (*t == '$' && t[1] >= '1' && t[1] <= '9') {
			val = groups ? groups[t[1] - '1'] : NULL;
			skip = 1;
			if (!val || !*val)
				val = "*";
		}
		if (!val) {
			psirt_buf_addch(out, *t);
			continue;
		}
		if (!strcmp(val, "*")) {
			psirt_buf_addch(out, '*');
		} else {
			for (; *val; val++) {
				char c = *val;
				if (!psirt_isalnum((unsigned char)c) && c != '_' && c != '-' &&
				    c != '.')
					psirt_buf_addch(out, '\\');
				psirt_buf_addch(out, c);
			}
		}
		t += skip;
	}
}

static int pkg_matches(const struct fwscan__sig *s, const char *name, const char *source)
{
	size_t i;

	for (i = 0; i < s->n_packages; i++) {
		if (fwscan__glob(s->packages[i], name) ||
		    (source && fwscan__glob(s->packages[i], source)))
			return 1;
	}
	return 0;
}

/* Gives a package component the CPE candidates of the software it carries. */
static enum psirt_err add_pkg_cpes(struct fwscan__results *r, struct fwscan__pkg *p)
{
	const struct fwscan__sigdb *db = r->db;
	const char *seen[16];
	size_t i, j, n_seen = 0;
	enum psirt_err err = PSIRT_OK;

	if (!db || !p->upstream || !*p->upstream)
		return PSIRT_OK;
	for (i = 0; i < db->n; i++) {
		const struct fwscan__sig *s = &db->sigs[i];
		int dup = 0;

		if (!pkg_matches(s, p->name, p->source))
			continue;
		for (j = 0; j < n_seen; j++)
			dup |= !strcmp(seen[j], s->name);
		if (dup || n_seen == 16)
			continue;
		seen[n_seen++] = s->name;
		for (j = 0; j < s->n_cpes && !err; j++) {
			struct psirt_buf b = PSIRT_BUF_INIT;
			/* The package version has no groups: $1 is the version, the
			 * others ANY (OpenSSH 9.2p1 -> 9.2p1:*, still a match). */
			const char *groups[9] = { p->upstream };

			fwscan__cpe_expand(s->cpes[j], p->upstream, groups, &b);
			err = psirt_buf_error(&b);
			if (!err)
				err = psirt_sbom_cpe_add(r->doc, p->c, b.p, b.len);
			psirt_buf_release(&b);
		}
		if (err)
			break;
	}
	return err;
}

static enum psirt_err prop(struct fwscan__results *r, struct psirt_sbom_component *c,
                           const char *name, const char *value)
{
	return psirt_sbom_property_add(r->doc, c, name, value);
}

/* Bytes below 0x20 (a NUL most of all) are no part of a package name or
 * version (deb-control(5): printable ASCII). */
static int has_control(struct psirt_str s)
{
	size_t i;

	for (i = 0; i < s.len; i++) {
		if ((unsigned char)s.p[i] < 0x20 || s.p[i] == 0x7f)
			return 1;
	}
	return 0;
}

static enum psirt_err emit(struct fwscan__results *r, enum psirt_fwscan_pkgdb kind,
                           const struct pkg_fields *f, const char *db_path)
{
	struct psirt_sbom_component *c;
	struct fwscan__pkg *p;
	const struct psirt_version_scheme *scheme;
	struct psirt_buf key = PSIRT_BUF_INIT, up = PSIRT_BUF_INIT;
	enum psirt_err err = PSIRT_OK;

	if (f->has_status && kind != PSIRT_FWSCAN_APK) {
		/* "install ok installed", "hold ok installed", opkg's "install user
		 * installed": the last word is the state (deb-control "Status"). */
		struct psirt_str st = trim(f->status);
		if (st.len < 9 || memcmp(st.p + st.len - 9, "installed", 9) ||
		    (st.len > 9 && !psirt_isspace((unsigned char)st.p[st.len - 10])))
			return PSIRT_OK;
	}
	if (!f->name.len || !f->version.len) {
		return psirt_sbom_warn(r->doc, PSIRT_SBOM_W_IGNORED, NULL, db_path, f->line,
		                       "%s entry without %s skipped", kind_name(kind),
		                       f->name.len ? "a version" : "a package name");
	}
	if (has_control(f->name) || has_control(f->version) || has_control(f->arch))
		return psirt_sbom_warn(r->doc, PSIRT_SBOM_W_IGNORED, NULL, db_path, f->line,
		                       "%s entry with control characters in its name, version or "
		                       "architecture skipped",
		                       kind_name(kind));
	c = psirt_sbom_component_add(r->doc, NULL, &err);
	if (!c)
		return err;
	c->type = PSIRT_SBOM_TYPE_LIBRARY;
	c->name = adup(r, f->name);
	c->version = adup(r, f->version);
	if (f->description.len)
		c->description = adup(r, f->description);
	if (!c->name || !c->version || (f->description.len && !c->description))
		return PSIRT_ENOMEM;
	if (f->license.len) {
		err = psirt_sbom_license_add(r->doc, c,
		                             kind == PSIRT_FWSCAN_APK ? PSIRT_SBOM_LICENSE_EXPRESSION
		                                                      : PSIRT_SBOM_LICENSE_NAME,
		                             PSIRT_SBOM_ACK_DECLARED, f->license.p, f->license.len);
		if (err)
			return err;
	}
	err = add_purl(r, c, kind, f);
	if (!err)
		err = prop(r, c, "psirt:fwscan:source", kind_name(kind));
	if (!err)
		err = prop(r, c, "psirt:fwscan:database", db_path);
	if (!err)
		err = prop(r, c, "psirt:version-scheme", scheme_of(kind));
	if (!err && f->source.len && !psirt_str_eq(f->source, c->name)) {
		const char *src = adup(r, f->source);
		err = src ? prop(r, c, "psirt:fwscan:source-package", src) : PSIRT_ENOMEM;
	}
	if (err)
		return err;
	scheme = psirt_version_scheme_find(psirt_str_c(scheme_of(kind)));
	if (scheme && scheme->check(f->version, NULL) != PSIRT_OK) {
		err = psirt_sbom_warn(r->doc, PSIRT_SBOM_W_IGNORED, c, db_path, f->line,
		                      "version '%s' of %s is not a valid %s version (kept)",
		                      c->version, c->name, scheme->name);
		if (err)
			return err;
	}
	p = psirt_arena_calloc(&r->doc->arena, 1, sizeof *p);
	if (!p)
		return PSIRT_ENOMEM;
	p->c = c;
	p->kind = kind;
	p->name = c->name;
	p->version = c->version;
	p->ev_tail = &p->ev;
	if (f->source.len)
		p->source = adup(r, f->source);
	fwscan__upstream(kind, c->version, &up);
	p->upstream = psirt_buf_error(&up) ? NULL : adup(r, psirt_str_make(up.p, up.len));
	psirt_buf_release(&up);
	*r->pkg_tail = p;
	r->pkg_tail = &p->next;
	psirt_buf_addch(&key, (char)('0' + (int)kind));
	psirt_buf_addch(&key, '\0');
	psirt_buf_add(&key, c->name, strlen(c->name));
	err = psirt_buf_error(&key);
	if (!err && !psirt_map_has(&r->pkgs, key.p, key.len))
		err = psirt_map_put(&r->pkgs, key.p, key.len, p, NULL);
	psirt_buf_release(&key);
	if (!err)
		err = add_pkg_cpes(r, p);
	return err;
}

/* Source: NAME (VERSION) — the name only. */
static struct psirt_str source_name(struct psirt_str s)
{
	size_t i;

	s = trim(s);
	for (i = 0; i < s.len && !psirt_isspace((unsigned char)s.p[i]) && s.p[i] != '('; i++)
		;
	s.len = i;
	return s;
}

static void set_field(struct pkg_fields *f, struct psirt_str key, struct psirt_str val)
{
	if (val.len > PKG_MAX_VALUE)
		val.len = PKG_MAX_VALUE;
	/* Field names are case-insensitive (deb-control(5)). */
	if (psirt_str_ieq(key, "Package"))
		f->name = val;
	else if (psirt_str_ieq(key, "Version"))
		f->version = val;
	else if (psirt_str_ieq(key, "Architecture"))
		f->arch = val;
	else if (psirt_str_ieq(key, "Status")) {
		f->status = val;
		f->has_status = 1;
	} else if (psirt_str_ieq(key, "Source"))
		f->source = source_name(val);
	else if (psirt_str_ieq(key, "Description"))
		f->description = val;
	else if (psirt_str_ieq(key, "License"))
		f->license = val;
}

static enum psirt_err parse_control(struct fwscan__results *r, enum psirt_fwscan_pkgdb kind,
                                    const char *data, size_t len, const char *db_path)
{
	struct pkg_fields f;
	size_t pos = 0;
	long line = 0;
	int in_para = 0;
	enum psirt_err err;

	memset(&f, 0, sizeof f);
	while (pos <= len) {
		const char *nl = pos < len ? memchr(data + pos, '\n', len - pos) : NULL;
		size_t end = nl ? (size_t)(nl - data) : len;
		struct psirt_str l = psirt_str_make(data + pos, end - pos), t;
		const char *colon;

		line++;
		pos = end + 1;
		if (l.len && l.p[l.len - 1] == '\r')
			l.len--;
		t = trim(l);
		if (t.len == 0) {
			if (in_para) {
				err = emit(r, kind, &f, db_path);
				if (err)
					return err;
			}
			memset(&f, 0, sizeof f);
			in_para = 0;
			if (!nl)
				break;
			continue;
		}
		if (!in_para) {
			in_para = 1;
			f.line = line;
		}
		if (l.p[0] == ' ' || l.p[0] == '\t')
			continue; /* continuation of a multi-line value */
		colon = memchr(l.p, ':', l.len);
		if (!colon || colon == l.p) {
			err = psirt_sbom_warn(r->doc, PSIRT_SBOM_W_IGNORED, NULL, db_path, line,
			                      "%s: a line that is no \"Field: value\" skipped",
			                      kind_name(kind));
			if (err)
				return err;
			continue;
		}
		set_field(&f, psirt_str_make(l.p, (size_t)(colon - l.p)),
		          trim(psirt_str_make(colon + 1, (size_t)(l.p + l.len - colon - 1))));
		if (!nl)
			break;
	}
	if (in_para)
		return emit(r, kind, &f, db_path);
	return PSIRT_OK;
}

static enum psirt_err add_owner(struct fwscan__results *r, enum psirt_fwscan_pkgdb kind,
                                const char *name, struct psirt_str path)
{
	struct psirt_buf *b = &r->tmp;
	const char *resolved;
	size_t *boxed, klen = strlen(name) + 2;

	/* One boxed key "K\0name" per package: the owner map's values are
	 * shared by all its files (its length in front: the key has a NUL). */
	if (!r->owner_box || r->owner_box_kind != kind || strcmp(r->owner_box_name, name)) {
		boxed = psirt_arena_alloc(&r->doc->arena, sizeof(size_t) + klen + 1);
		if (!boxed)
			return PSIRT_ENOMEM;
		boxed[0] = klen;
		((char *)(boxed + 1))[0] = (char)('0' + (int)kind);
		((char *)(boxed + 1))[1] = '\0';
		memcpy((char *)(boxed + 1) + 2, name, klen - 2);
		((char *)(boxed + 1))[klen] = '\0';
		r->owner_box = boxed;
		r->owner_box_kind = kind;
		r->owner_box_name = (char *)(boxed + 1) + 2;
	}
	psirt_buf_reset(b);
	if (path.len == 0 || path.p[0] != '/')
		psirt_buf_addch(b, '/');
	psirt_buf_add(b, path.p, path.len);
	if (psirt_buf_error(b))
		return psirt_buf_error(b);
	resolved = r->resolve ? r->resolve(r->resolve_ctx, b->p) : b->p;
	if (!resolved)
		return PSIRT_ENOMEM;
	if (psirt_map_has(&r->owners, resolved, strlen(resolved)))
		return PSIRT_OK; /* the first owner wins */
	return psirt_map_put(&r->owners, resolved, strlen(resolved), r->owner_box, NULL);
}

enum psirt_err fwscan__owners_add_list(struct fwscan__results *r, enum psirt_fwscan_pkgdb kind,
                                       const char *name, const char *text, size_t len)
{
	size_t pos = 0;
	enum psirt_err err;

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		struct psirt_str l = psirt_str_make(text + pos, end - pos);
		const char *tab;

		pos = end + 1;
		/* opkg may add "\tMODE" after the path. */
		tab = memchr(l.p, '\t', l.len);
		if (tab)
			l.len = (size_t)(tab - l.p);
		l = trim(l);
		if (l.len < 2 || l.p[0] != '/' || (l.len == 2 && l.p[1] == '.'))
			continue;
		err = add_owner(r, kind, name, l);
		if (err)
			return err;
	}
	return PSIRT_OK;
}

struct apk_file {
	struct psirt_str f, r;
};

/* Emits the package and records its files (F: folder, R: file). */
static enum psirt_err apk_flush(struct fwscan__results *r, const struct pkg_fields *f,
                                const struct apk_file *files, size_t n_files,
                                const char *db_path)
{
	struct psirt_buf path = PSIRT_BUF_INIT, name = PSIRT_BUF_INIT;
	enum psirt_err err;
	size_t i;

	err = emit(r, PSIRT_FWSCAN_APK, f, db_path);
	psirt_buf_add(&name, f->name.p, f->name.len);
	for (i = 0; !err && i < n_files && f->name.len; i++) {
		psirt_buf_reset(&path);
		if (files[i].f.len) {
			psirt_buf_add(&path, files[i].f.p, files[i].f.len);
			psirt_buf_addch(&path, '/');
		}
		psirt_buf_add(&path, files[i].r.p, files[i].r.len);
		err = psirt_buf_error(&path) ? psirt_buf_error(&path) : psirt_buf_error(&name);
		if (!err)
			err = add_owner(r, PSIRT_FWSCAN_APK, name.p, psirt_str_make(path.p, path.len));
	}
	psirt_buf_release(&path);
	psirt_buf_release(&name);
	return err;
}

static enum psirt_err parse_apk(struct fwscan__results *r, const char *data, size_t len,
                                const char *db_path)
{
	struct pkg_fields f;
	struct psirt_str folder = PSIRT_STR_NULL;
	struct apk_file *files = NULL;
	size_t n_files = 0, cap_files = 0, pos = 0;
	long line = 0;
	int in_para = 0;
	enum psirt_err err = PSIRT_OK;

	memset(&f, 0, sizeof f);
	while (pos <= len) {
		const char *nl = pos < len ? memchr(data + pos, '\n', len - pos) : NULL;
		size_t end = nl ? (size_t)(nl - data) : len;
		struct psirt_str l = psirt_str_make(data + pos, end - pos);

		line++;
		pos = end + 1;
		if (l.len && l.p[l.len - 1] == '\r')
			l.len--;
		if (l.len == 0) {
			if (in_para) {
				err = apk_flush(r, &f, files, n_files, db_path);
				if (err)
					goto out;
			}
			memset(&f, 0, sizeof f);
			folder = PSIRT_STR_NULL;
			n_files = 0;
			in_para = 0;
			if (!nl)
				break;
			continue;
		}
		if (!in_para) {
			in_para = 1;
			f.line = line;
		}
		if (l.len < 2 || l.p[1] != ':') {
			err = psirt_sbom_warn(r->doc, PSIRT_SBOM_W_IGNORED, NULL, db_path, line,
			                      "apk: a line that is no \"X:value\" skipped");
			if (err)
				goto out;
			if (!nl)
				break;
			continue;
		}
		{
			struct psirt_str v = psirt_str_make(l.p + 2, l.len - 2);

			if (v.len > PKG_MAX_VALUE)
				v.len = PKG_MAX_VALUE;
			switch (l.p[0]) {
			case 'P':
				f.name = v;
				break;
			case 'V':
				f.version = v;
				break;
			case 'A':
				f.arch = v;
				break;
			case 'o':
				f.source = v;
				break;
			case 'T':
				f.description = v;
				break;
			case 'L':
				f.license = v;
				break;
			case 'F':
				folder = v;
				break;
			case 'R':
				if (n_files == cap_files) {
					size_t cap = cap_files ? cap_files * 2 : 32;
					void *p = realloc(files, cap * sizeof *files);
					if (!p) {
						err = PSIRT_ENOMEM;
						goto out;
					}
					files = p;
					cap_files = cap;
				}
				files[n_files].f = folder;
				files[n_files++].r = v;
				break;
			default:
				break;
			}
		}
		if (!nl)
			break;
	}
	if (in_para)
		err = apk_flush(r, &f, files, n_files, db_path);
out:
	free(files);
	return err;
}

enum psirt_err fwscan__pkgdb_parse(struct fwscan__results *r, enum psirt_fwscan_pkgdb kind,
                                   const char *data, size_t len, const char *db_path)
{
	if (len > PSIRT_FWSCAN_MAX_DB_SIZE)
		return PSIRT_ETOOBIG;
	if (kind == PSIRT_FWSCAN_APK)
		return parse_apk(r, data, len, db_path);
	return parse_control(r, kind, data, len, db_path);
}
