/* Extraction of image files into psirt's own temporary folder.
 *
 * Archives (tar, cpio, zip, any compression libarchive reads) are written by
 * this file itself rather than by archive_write_disk, so that every rule is
 * ours and visible: each member name is cleaned and refused when absolute or
 * climbing with "..", files and folders are created one component at a time
 * with openat/mkdirat under the extraction folder's descriptor and
 * O_NOFOLLOW, symbolic links are never created (recorded in memory), hard
 * links are made only between names already checked, and the byte and file
 * counts are capped. squashfs goes through unsquashfs (squashfs-tools ≥ 4.5.1
 * refuses names with "/" or ".." itself, CVE-2021-40153 and CVE-2021-41072);
 * psirt lists the image first to enforce the same caps before writing.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "fwscan/internal.h"
#include "psirt/str.h"

extern char **environ;

/* Deepest member path: real root file systems stay under 20 levels. Bounds
 * the recursion of the walker and of the clean-up. */
#define EXTRACT_MAX_DEPTH 128
/* Longest member name. */
#define EXTRACT_MAX_NAME 4096

enum psirt_err fwscan__mktemp(const char *tmpdir, char **out, struct psirt_diag *diag)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	const char *base = tmpdir;
	char *dir;

	*out = NULL;
	if (!base || !*base)
		base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	psirt_buf_addf(&b, "%s/psirt-fwscan-XXXXXX", base);
	if (psirt_buf_error(&b))
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	dir = psirt_buf_detach(&b, NULL);
	if (!dir)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	if (!mkdtemp(dir)) {
		enum psirt_err err = psirt_diag_set(diag, PSIRT_EIO,
		                                    "cannot make a temporary folder in %s: %s", base,
		                                    strerror(errno));
		free(dir);
		return err;
	}
	*out = dir;
	return PSIRT_OK;
}

static void rm_under(int dfd, int depth)
{
	DIR *d;
	struct dirent *e;
	int fd = dup(dfd);

	if (fd < 0)
		return;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		struct stat st;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW))
			continue;
		if (S_ISDIR(st.st_mode) && depth < EXTRACT_MAX_DEPTH + 8) {
			int sub = openat(dfd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);

			if (sub >= 0) {
				/* unsquashfs keeps modes: a folder without write or
				 * search permission for us could not be emptied. */
				fchmod(sub, 0700);
				rm_under(sub, depth + 1);
				close(sub);
			}
			unlinkat(dfd, e->d_name, AT_REMOVEDIR);
		} else {
			unlinkat(dfd, e->d_name, 0);
		}
	}
	closedir(d);
}

void fwscan__rmtree(const char *dir)
{
	int fd;

	if (!dir)
		return;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	if (fd >= 0) {
		fchmod(fd, 0700);
		rm_under(fd, 0);
		close(fd);
	}
	rmdir(dir);
}

int fwscan__clean_member(const char *name, struct psirt_buf *out)
{
	const char *p = name;

	psirt_buf_reset(out);
	if (*p == '/')
		return -1;
	while (*p) {
		const char *end = strchr(p, '/');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == 2 && p[0] == '.' && p[1] == '.')
			return -1;
		if (len && !(len == 1 && p[0] == '.')) {
			if (out->len)
				psirt_buf_addch(out, '/');
			psirt_buf_add(out, p, len);
		}
		p += len;
		if (*p == '/')
			p++;
	}
	return 0;
}

/* Does a symbolic link at member path "dir/name" with a relative target
 * stay inside the image? Absolute targets are inside by definition. */
static int link_stays_inside(const char *member, const char *target)
{
	long depth = 0;
	const char *p;

	if (target[0] == '/')
		return 1;
	for (p = member; *p; p++)
		depth += *p == '/';
	/* depth = folders above the link; each ".." climbs one. */
	p = target;
	while (*p) {
		const char *end = strchr(p, '/');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == 2 && p[0] == '.' && p[1] == '.') {
			if (--depth < 0)
				return 0;
		} else if (len && !(len == 1 && p[0] == '.')) {
			depth++;
		}
		p += len;
		if (*p == '/')
			p++;
	}
	return 1;
}

/* Opens (creating as needed) the folder holding the last component of rel
 * under root; returns a descriptor and sets *leaf, or -1 with errno. */
static int open_parent(int root, const char *rel, const char **leaf, int create)
{
	int fd = dup(root);
	const char *p = rel;

	if (fd < 0)
		return -1;
	for (;;) {
		const char *slash = strchr(p, '/');
		char comp[NAME_MAX + 1];
		size_t len;
		int next;

		if (!slash) {
			*leaf = p;
			return fd;
		}
		len = (size_t)(slash - p);
		if (len > NAME_MAX) {
			close(fd);
			errno = ENAMETOOLONG;
			return -1;
		}
		memcpy(comp, p, len);
		comp[len] = '\0';
		if (create && mkdirat(fd, comp, 0700) && errno != EEXIST) {
			close(fd);
			return -1;
		}
		next = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		close(fd);
		if (next < 0)
			return -1;
		fd = next;
		p = slash + 1;
	}
}

int fwscan__is_archive(const char *path)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	int ok = 0;

	if (!a)
		return 0;
	archive_read_support_filter_all(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_cpio(a);
	archive_read_support_format_zip(a);
	if (archive_read_open_filename(a, path, 65536) == ARCHIVE_OK) {
		int rc = archive_read_next_header(a, &e);
		/* Not EOF: zeros read as an empty tar, and a raw firmware blob
		 * may well start with a few kilobytes of them. */
		ok = rc == ARCHIVE_OK || rc == ARCHIVE_WARN;
	}
	archive_read_free(a);
	return ok;
}

static enum psirt_err write_data(struct archive *a, int fd, const char *member,
                                 struct fwscan__limits *lim, struct psirt_diag *diag)
{
	const void *buf;
	size_t size;
	la_int64_t offset;
	int rc;

	for (;;) {
		rc = archive_read_data_block(a, &buf, &size, &offset);
		if (rc == ARCHIVE_EOF)
			return PSIRT_OK;
		if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN)
			return psirt_diag_set(diag, PSIRT_EINVAL, "archive member '%s': %s", member,
			                      archive_error_string(a) ? archive_error_string(a)
			                                              : "cannot read");
		if (offset < 0 || (unsigned long long)offset > lim->max_extract)
			return psirt_diag_set(diag, PSIRT_ETOOBIG,
			                      "archive member '%s' is larger than %llu bytes", member,
			                      lim->max_extract);
		if (size > lim->max_extract - lim->extracted)
			return psirt_diag_set(diag, PSIRT_ETOOBIG,
			                      "the image expands to more than %llu bytes",
			                      lim->max_extract);
		lim->extracted += size;
		while (size) {
			ssize_t w = pwrite(fd, buf, size, (off_t)offset);

			if (w < 0) {
				if (errno == EINTR)
					continue;
				return psirt_diag_set(diag, PSIRT_EIO, "cannot write '%s': %s",
				                      member, strerror(errno));
			}
			buf = (const char *)buf + w;
			size -= (size_t)w;
			offset += w;
		}
	}
}

static int depth_of(const char *rel)
{
	int d = 1;

	for (; *rel; rel++)
		d += *rel == '/';
	return d;
}

enum psirt_err fwscan__extract_archive(const char *path, const char *dest,
                                       struct fwscan__limits *lim, struct psirt_map *links,
                                       struct psirt_arena *arena, struct psirt_diag *diag)
{
	struct archive *a;
	struct archive_entry *e;
	struct psirt_buf name = PSIRT_BUF_INIT, target = PSIRT_BUF_INIT, key = PSIRT_BUF_INIT;
	enum psirt_err err = PSIRT_OK;
	int root, rc;

	root = open(dest, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (root < 0)
		return psirt_diag_set(diag, PSIRT_EIO, "cannot open %s: %s", dest, strerror(errno));
	a = archive_read_new();
	if (!a) {
		close(root);
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	}
	archive_read_support_filter_all(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_cpio(a);
	archive_read_support_format_zip(a);
	if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK) {
		err = psirt_diag_set(diag, PSIRT_EINVAL, "%s: %s", path,
		                     archive_error_string(a) ? archive_error_string(a)
		                                             : "not an archive");
		goto out;
	}
	for (;;) {
		const char *raw, *leaf, *hl;
		mode_t type;
		int pfd, fd;

		rc = archive_read_next_header(a, &e);
		if (rc == ARCHIVE_EOF)
			break;
		if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
			err = psirt_diag_set(diag, PSIRT_EINVAL, "%s: %s", path,
			                     archive_error_string(a) ? archive_error_string(a)
			                                             : "broken archive");
			goto out;
		}
		raw = archive_entry_pathname(e);
		if (!raw)
			raw = archive_entry_pathname_utf8(e);
		if (!raw) {
			err = psirt_diag_set(diag, PSIRT_EINVAL, "%s: a member without a name", path);
			goto out;
		}
		if (strlen(raw) > EXTRACT_MAX_NAME) {
			err = psirt_diag_set(diag, PSIRT_ETOOBIG,
			                     "%s: a member name longer than %d bytes", path,
			                     EXTRACT_MAX_NAME);
			goto out;
		}
		if (fwscan__clean_member(raw, &name)) {
			err = psirt_diag_set(diag, PSIRT_EINVAL,
			                     "archive member '%s' points outside the image "
			                     "(absolute path or '..'): refused",
			                     raw);
			goto out;
		}
		if (psirt_buf_error(&name)) {
			err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
			goto out;
		}
		if (name.len == 0)
			continue; /* "./" itself */
		if (depth_of(name.p) > EXTRACT_MAX_DEPTH) {
			err = psirt_diag_set(diag, PSIRT_ETOOBIG,
			                     "archive member '%s' is nested deeper than %d folders",
			                     raw, EXTRACT_MAX_DEPTH);
			goto out;
		}
		if (++lim->files > lim->max_files) {
			err = psirt_diag_set(diag, PSIRT_ETOOBIG, "the image has more than %lu files",
			                     lim->max_files);
			goto out;
		}
		type = archive_entry_filetype(e);
		hl = archive_entry_hardlink(e);
		if (type == AE_IFLNK) {
			const char *t = archive_entry_symlink(e);

			if (!t)
				t = "";
			if (!link_stays_inside(name.p, t)) {
				err = psirt_diag_set(diag, PSIRT_EINVAL,
				                     "archive member '%s' is a link to '%s' outside the "
				                     "image: refused",
				                     raw, t);
				goto out;
			}
			psirt_buf_reset(&key);
			psirt_buf_addch(&key, '/');
			psirt_buf_add(&key, name.p, name.len);
			if (psirt_buf_error(&key)) {
				err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
				goto out;
			}
			{
				char *copy = psirt_arena_strdup(arena, t);

				if (!copy || psirt_map_put(links, key.p, key.len, copy, NULL)) {
					err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
					goto out;
				}
			}
			continue;
		}
		pfd = open_parent(root, name.p, &leaf, 1);
		if (pfd < 0) {
			/* A folder name already taken by a file or a link: skip. */
			continue;
		}
		if (hl) {
			if (fwscan__clean_member(hl, &target) || psirt_buf_error(&target)) {
				close(pfd);
				err = psirt_diag_set(diag, PSIRT_EINVAL,
				                     "archive member '%s' is a hard link to '%s' outside "
				                     "the image: refused",
				                     raw, hl);
				goto out;
			}
			/* Only names already written under root (no links on disk). */
			(void)linkat(root, target.p, pfd, leaf, 0);
			close(pfd);
			continue;
		}
		if (type == AE_IFDIR) {
			(void)mkdirat(pfd, leaf, 0700);
			close(pfd);
			continue;
		}
		if (type != AE_IFREG) {
			close(pfd);
			continue; /* devices, fifos, sockets: nothing to scan */
		}
		fd = openat(pfd, leaf, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
		close(pfd);
		if (fd < 0)
			continue; /* the name is a folder already */
		err = write_data(a, fd, raw, lim, diag);
		if (close(fd) && !err)
			err = psirt_diag_set(diag, PSIRT_EIO, "cannot write '%s': %s", raw,
			                     strerror(errno));
		if (err)
			goto out;
	}
out:
	archive_read_free(a);
	close(root);
	psirt_buf_release(&name);
	psirt_buf_release(&target);
	psirt_buf_release(&key);
	return err;
}

/* Runs argv with stdout into out (when not NULL, capped at cap bytes) and
 * stderr's first line into err_line. Returns the exit status, or -1. */
static int run(char *const argv[], struct psirt_buf *out, size_t cap, struct psirt_buf *err_line)
{
	posix_spawn_file_actions_t fa;
	int po[2] = { -1, -1 }, pe[2] = { -1, -1 }, status = -1, devnull;
	pid_t pid;

	if (pipe(po) || pipe(pe))
		goto out_close;
	if (posix_spawn_file_actions_init(&fa))
		goto out_close;
	devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (devnull >= 0)
		posix_spawn_file_actions_adddup2(&fa, devnull, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	posix_spawn_file_actions_addclose(&fa, po[0]);
	posix_spawn_file_actions_addclose(&fa, pe[0]);
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ)) {
		posix_spawn_file_actions_destroy(&fa);
		if (devnull >= 0)
			close(devnull);
		goto out_close;
	}
	posix_spawn_file_actions_destroy(&fa);
	if (devnull >= 0)
		close(devnull);
	close(po[1]);
	close(pe[1]);
	po[1] = pe[1] = -1;
	{
		/* Read both pipes until closed; stdout is large, stderr small. */
		char buf[65536];
		int open_o = 1, open_e = 1, killed = 0;

		while (open_o || open_e) {
			fd_set rs;
			int maxfd = -1;

			FD_ZERO(&rs);
			if (open_o) {
				FD_SET(po[0], &rs);
				maxfd = po[0];
			}
			if (open_e) {
				FD_SET(pe[0], &rs);
				if (pe[0] > maxfd)
					maxfd = pe[0];
			}
			if (select(maxfd + 1, &rs, NULL, NULL, NULL) < 0) {
				if (errno == EINTR)
					continue;
				break;
			}
			if (open_o && FD_ISSET(po[0], &rs)) {
				ssize_t n = read(po[0], buf, sizeof buf);
				if (n <= 0) {
					open_o = 0;
				} else if (out && !killed) {
					if (out->len + (size_t)n > cap) {
						/* Too much listing: stop the child. */
						kill(pid, SIGKILL);
						killed = 1;
						out->err = PSIRT_ETOOBIG;
					} else {
						psirt_buf_add(out, buf, (size_t)n);
					}
				}
			}
			if (open_e && FD_ISSET(pe[0], &rs)) {
				ssize_t n = read(pe[0], buf, sizeof buf - 1);
				if (n <= 0) {
					open_e = 0;
				} else if (err_line->len < 512) {
					psirt_buf_add(err_line, buf, (size_t)n);
				}
			}
		}
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
out_close:
	if (po[0] >= 0)
		close(po[0]);
	if (po[1] >= 0)
		close(po[1]);
	if (pe[0] >= 0)
		close(pe[0]);
	if (pe[1] >= 0)
		close(pe[1]);
	return status;
}

static void first_line(struct psirt_buf *b)
{
	size_t i;

	for (i = 0; i < b->len; i++) {
		if (b->p[i] == '\n') {
			psirt_buf_truncate(b, i);
			break;
		}
	}
}

/* Checks an "unsquashfs -lln" listing against the caps: one line per
 * entry, "MODE UID/GID SIZE DATE TIME PATH"; SIZE is "major,minor" for
 * devices. */
static enum psirt_err check_listing(const struct psirt_buf *lst, struct fwscan__limits *lim,
                                    struct psirt_diag *diag)
{
	size_t pos = 0;
	unsigned long long total = 0;
	unsigned long files = 0;

	while (pos < lst->len) {
		const char *l = lst->p + pos, *nl = memchr(l, '\n', lst->len - pos), *p;
		size_t len = nl ? (size_t)(nl - l) : lst->len - pos;
		int field;

		pos += len + 1;
		if (len == 0 || (l[0] != '-' && l[0] != 'd' && l[0] != 'l' && l[0] != 'c' &&
		                 l[0] != 'b' && l[0] != 'p' && l[0] != 's'))
			continue;
		files++;
		if (l[0] != '-')
			continue;
		/* the third field: the size */
		p = l;
		for (field = 0; field < 2; field++) {
			while (p < l + len && *p != ' ')
				p++;
			while (p < l + len && *p == ' ')
				p++;
		}
		{
			unsigned long long sz = 0;

			while (p < l + len && psirt_isdigit((unsigned char)*p)) {
				if (sz > (ULLONG_MAX - 9) / 10)
					break;
				sz = sz * 10 + (unsigned)(*p++ - '0');
			}
			total += sz;
		}
	}
	if (files > lim->max_files)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "the image has more than %lu files",
		                      lim->max_files);
	if (total > lim->max_extract)
		return psirt_diag_set(diag, PSIRT_ETOOBIG,
		                      "the image expands to more than %llu bytes", lim->max_extract);
	lim->files += files;
	lim->extracted += total;
	return PSIRT_OK;
}

enum psirt_err fwscan__extract_squashfs(const char *path, const char *dest,
                                        struct fwscan__limits *lim, struct psirt_diag *diag)
{
	struct psirt_buf lst = PSIRT_BUF_INIT, errs = PSIRT_BUF_INIT, root = PSIRT_BUF_INIT;
	enum psirt_err err = PSIRT_OK;
	int status;

	psirt_buf_addf(&root, "%s/root", dest);
	if (psirt_buf_error(&root))
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	{
		char *argv[] = { (char *)"unsquashfs", (char *)"-lln", (char *)"-UTC",
			         (char *)"-d", root.p, (char *)path, NULL };

		/* ~100 bytes a line: 256 MiB lists 2 million entries. */
		status = run(argv, &lst, (size_t)256 << 20, &errs);
	}
	if (status < 0 || status == 127) {
		err = psirt_diag_set(diag, PSIRT_EIO,
		                     "%s is a squashfs image and unsquashfs (squashfs-tools) is "
		                     "not installed",
		                     path);
		goto out;
	}
	if (lst.err == PSIRT_ETOOBIG) {
		err = psirt_diag_set(diag, PSIRT_ETOOBIG, "the image has more than %lu files",
		                     lim->max_files);
		goto out;
	}
	if (status != 0) {
		first_line(&errs);
		err = psirt_diag_set(diag, PSIRT_EINVAL, "%s: unsquashfs cannot read it%s%s", path,
		                     errs.len ? ": " : "", errs.len ? errs.p : "");
		goto out;
	}
	err = check_listing(&lst, lim, diag);
	if (err)
		goto out;
	psirt_buf_reset(&errs);
	{
		char *argv[] = { (char *)"unsquashfs", (char *)"-n", (char *)"-no-xattrs",
			         (char *)"-d", root.p, (char *)path, NULL };

		status = run(argv, NULL, 0, &errs);
	}
	/* 2: errors unsquashfs calls non-fatal (a device node, an owner it
	 * cannot set); the files are there. */
	if (status != 0 && status != 2) {
		first_line(&errs);
		err = psirt_diag_set(diag, PSIRT_EINVAL, "%s: unsquashfs failed%s%s", path,
		                     errs.len ? ": " : "", errs.len ? errs.p : "");
	}
out:
	psirt_buf_release(&lst);
	psirt_buf_release(&errs);
	psirt_buf_release(&root);
	return err;
}
