/* Importing feed files into the store: files and folders, compressed or
 * not, one transaction per file.
 *
 * Compression and archives go through libarchive: one library reads .gz,
 * .xz, .bz2 and .zip (NVD's old feed zips, OSV's ecosystem all.zip) as
 * streams, so no format needs the whole file in memory. Plain files, the
 * common case, are read directly. The kind of file is told by its first
 * bytes, not its name.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "feed/internal.h"
#include "psirt/isotime.h"

enum container { C_PLAIN, C_COMPRESSED, C_ZIP };

static void note_newest(struct feed__import *im, const char *t)
{
	if (t && (!im->newest[0] || strcmp(t, im->newest) > 0)) {
		memcpy(im->newest, t, PSIRT_ISOTIME_LEN);
		im->newest[PSIRT_ISOTIME_LEN] = '\0';
	}
}

static void count(struct feed__import *im, enum psirt_store_outcome o)
{
	im->file.records++;
	im->file.counts[o]++;
}

static enum psirt_err on_vuln(void *ctx, const struct psirt_vuln_record *rec,
                              struct psirt_diag *diag)
{
	struct feed__import *im = ctx;
	enum psirt_store_outcome o;
	enum psirt_err err = psirt_store_vuln_upsert(im->store, rec, &o, diag);

	if (err)
		return err;
	count(im, o);
	note_newest(im, rec->modified);
	return im->on_record ? im->on_record(im->record_ctx, rec, diag) : PSIRT_OK;
}

static enum psirt_err on_kev(void *ctx, const struct psirt_kev_entry *e, struct psirt_diag *diag)
{
	struct feed__import *im = ctx;
	enum psirt_store_outcome o;
	char t[PSIRT_ISOTIME_LEN + 1];
	enum psirt_err err = psirt_store_kev_upsert(im->store, e, &o, diag);

	if (err)
		return err;
	count(im, o);
	if (!e->catalog_date && psirt_isotime_parse(e->date_added, strlen(e->date_added), t) == 0)
		note_newest(im, t);
	return PSIRT_OK;
}

static enum psirt_err on_epss(void *ctx, const struct psirt_epss_score *s,
                              struct psirt_diag *diag)
{
	struct feed__import *im = ctx;
	enum psirt_store_outcome o;
	enum psirt_err err = psirt_store_epss_upsert(im->store, s, &o, diag);

	if (err)
		return err;
	count(im, o);
	return PSIRT_OK;
}

static void on_header(void *ctx, const char *version, const char *date)
{
	struct feed__import *im = ctx;

	note_newest(im, date);
	if (version && !im->detail)
		im->detail = strdup(version); /* lost when out of memory: only a note */
}

/* The file is named by the caller (diag file). */
static enum psirt_err io_error(struct psirt_diag *diag, int errnum)
{
	return psirt_diag_set(diag, errnum == ENOENT ? PSIRT_ENOTFOUND : PSIRT_EIO, "%s",
	                      strerror(errnum));
}

/* What the first bytes say (gzip RFC 1952 §2.3.1, xz file format §2.1.1.1,
 * bzip2 "BZh", zstd RFC 8878 §3.1.1, zip APPNOTE 4.3.7). */
static enum container sniff(const unsigned char *b, size_t n)
{
	if (n >= 2 && b[0] == 0x1f && b[1] == 0x8b)
		return C_COMPRESSED;
	if (n >= 6 && !memcmp(b, "\xfd" "7zXZ\0", 6))
		return C_COMPRESSED;
	if (n >= 3 && !memcmp(b, "BZh", 3))
		return C_COMPRESSED;
	if (n >= 4 && !memcmp(b, "\x28\xb5\x2f\xfd", 4))
		return C_COMPRESSED;
	if (n >= 4 && (!memcmp(b, "PK\3\4", 4) || !memcmp(b, "PK\5\6", 4)))
		return C_ZIP;
	return C_PLAIN;
}

static enum psirt_err new_parser(struct feed__import *im, const char *name,
                                 struct psirt_feed_parser **p, struct psirt_diag *diag)
{
	struct psirt_feed_sink sink = { on_vuln, on_kev, on_epss, im, on_header };

	return psirt_feed_parser_new(im->kind, &sink, name, p, diag);
}

static enum psirt_err read_plain(struct feed__import *im, int fd, const char *path,
                                 struct psirt_diag *diag)
{
	struct psirt_feed_parser *p;
	enum psirt_err err;
	ssize_t n;

	if ((err = new_parser(im, path, &p, diag)))
		return err;
	for (;;) {
		n = read(fd, im->buf, FEED__READ_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = io_error(diag, errno);
			break;
		}
		if (n == 0) {
			err = psirt_feed_parser_finish(p, diag);
			break;
		}
		im->file.bytes += (unsigned long long)n;
		if ((err = psirt_feed_parser_push(p, im->buf, (size_t)n, diag)))
			break;
		feed__import_tick(im, im->file.bytes);
	}
	psirt_feed_parser_page(p, &im->page);
	psirt_feed_parser_free(p);
	return err;
}

/* The file is named by the caller (diag file). */
static enum psirt_err archive_fail(struct archive *a, unsigned long long at, struct psirt_diag *diag)
{
	const char *msg = archive_error_string(a);

	if (!at)
		return psirt_diag_set(diag, PSIRT_EINVAL, "%s", msg ? msg : "cannot read");
	return psirt_diag_set(diag, PSIRT_EINVAL, "%s (after %llu bytes of content)",
	                      msg ? msg : "cannot read", at);
}

enum psirt_err feed__import_archive(struct feed__import *im, struct archive *a, const char *label,
                                    int zip, struct psirt_diag *diag)
{
	struct archive_entry *entry;
	struct psirt_feed_parser *p = NULL;
	enum psirt_err err = PSIRT_OK;
	unsigned long long at; /* bytes of the current member */
	const char *member, *base;
	char *name = NULL;
	size_t len;
	la_ssize_t n;
	int r, detect = zip < 0;

	while ((r = archive_read_next_header(a, &entry)) == ARCHIVE_OK) {
		if (detect)
			zip = (archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_ZIP;
		member = archive_entry_pathname(entry);
		base = member ? strrchr(member, '/') : NULL;
		base = base ? base + 1 : member;
		if (zip && (archive_entry_filetype(entry) != AE_IFREG || !base || base[0] == '.'))
			continue;
		free(name);
		name = NULL;
		if (zip) {
			len = strlen(label) + strlen(member) + 2;
			name = malloc(len);
			if (!name) {
				err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
				goto out_free;
			}
			snprintf(name, len, "%s:%s", label, member);
		}
		if ((err = new_parser(im, zip ? name : label, &p, diag)))
			goto out_free;
		at = 0;
		while ((n = archive_read_data(a, im->buf, FEED__READ_CHUNK)) > 0) {
			im->file.bytes += (unsigned long long)n;
			at += (unsigned long long)n;
			if ((err = psirt_feed_parser_push(p, im->buf, (size_t)n, diag)))
				goto out_file;
			if (!im->bytes_from_transfer)
				feed__import_tick(im, (unsigned long long)archive_filter_bytes(a, -1));
		}
		if (n < 0) {
			/* the member is named (diag file): count its bytes only */
			err = archive_fail(a, at, diag);
			goto out_file;
		}
		if ((err = psirt_feed_parser_finish(p, diag)))
			goto out_file;
		psirt_feed_parser_page(p, &im->page);
		psirt_feed_parser_free(p);
		p = NULL;
	}
	if (r != ARCHIVE_EOF)
		err = archive_fail(a, im->file.bytes, diag);
	goto out_free;

out_file:
	if (zip)
		psirt_diag_set_file(diag, name);
out_free:
	psirt_feed_parser_free(p);
	free(name);
	return err;
}

static enum psirt_err read_archive(struct feed__import *im, const char *path, int zip,
                                   struct psirt_diag *diag)
{
	struct archive *a = archive_read_new();
	enum psirt_err err;

	if (!a)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	archive_read_support_filter_all(a);
	if (zip)
		archive_read_support_format_zip(a);
	else
		archive_read_support_format_raw(a);
	if (archive_read_open_filename(a, path, FEED__READ_CHUNK) != ARCHIVE_OK)
		err = archive_fail(a, 0, diag);
	else
		err = feed__import_archive(im, a, path, zip, diag);
	if (!im->bytes_from_transfer)
		im->unit_bytes = (unsigned long long)archive_filter_bytes(a, -1);
	archive_read_free(a);
	return err;
}

/* Imports one file in one transaction. */
static enum psirt_err import_file(struct feed__import *im, const char *path, struct psirt_diag *diag)
{
	unsigned char head[8];
	ssize_t n;
	int fd;
	enum psirt_err err;

	feed__import_reset(im);
	feed__import_unit_begin(im);
	im->progress.p.name = path;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return io_error(diag, errno);
	do {
		n = pread(fd, head, sizeof head, 0);
	} while (n < 0 && errno == EINTR);
	if (n < 0) {
		err = io_error(diag, errno);
		close(fd);
		return err;
	}
	if ((err = psirt_store_begin(im->store, diag))) {
		close(fd);
		return err;
	}
	switch (sniff(head, (size_t)n)) {
	case C_PLAIN:
		err = read_plain(im, fd, path, diag);
		break;
	case C_COMPRESSED:
		err = read_archive(im, path, 0, diag);
		break;
	case C_ZIP:
		err = read_archive(im, path, 1, diag);
		break;
	}
	close(fd);
	feed__import_unit_end(im);
	if (!err)
		err = feed__import_note(im, diag);
	if (!err)
		err = psirt_store_commit(im->store, diag);
	if (err)
		psirt_store_rollback(im->store);
	return err;
}

/* Is a file found in a folder one to import? XML (.xml, .rdf) only for
 * JVN, so that a stray XML file in an NVD or OSV folder is not an error. */
static int wanted(const char *name, enum psirt_feed_kind kind)
{
	static const char *const exts[] = { ".json", ".csv", ".gz", ".xz",
		                            ".bz2",  ".zst", ".zip" };
	static const char *const xml[] = { ".xml", ".rdf" };
	size_t i, n = strlen(name), e;

	if (name[0] == '.')
		return 0;
	for (i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		e = strlen(exts[i]);
		if (n > e && !strcmp(name + n - e, exts[i]))
			return 1;
	}
	for (i = 0; kind == PSIRT_FEED_JVN && i < sizeof xml / sizeof xml[0]; i++) {
		e = strlen(xml[i]);
		if (n > e && !strcmp(name + n - e, xml[i]))
			return 1;
	}
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct walk {
	struct feed__import *im;
	const struct psirt_feed_import_options *opt;
	struct psirt_feed_stats *stats;
	struct psirt_diag *diag; /* the first failure */
	enum psirt_err first;
};

static void add_stats(struct psirt_feed_stats *to, const struct psirt_feed_stats *from)
{
	size_t i;

	to->files += from->files;
	to->errors += from->errors;
	to->records += from->records;
	to->bytes += from->bytes;
	for (i = 0; i < PSIRT_STORE_OUTCOME__MAX; i++)
		to->counts[i] += from->counts[i];
}

static void one_file(struct walk *w, const char *path)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	enum psirt_err err = import_file(w->im, path, &d);

	if (!err) {
		w->im->file.files = 1;
		add_stats(w->stats, &w->im->file);
		return;
	}
	w->stats->errors++;
	if (!d.file)
		psirt_diag_set_file(&d, path);
	if (w->opt && w->opt->on_error)
		w->opt->on_error(w->opt->ctx, &d);
	if (!w->first) {
		w->first = err;
		feed__diag_copy(w->diag, &d);
	}
	psirt_diag_release(&d);
}

static void walk_path(struct walk *w, const char *path, int depth);

static void walk_dir(struct walk *w, const char *path, int depth)
{
	DIR *dir = opendir(path);
	struct dirent *de;
	char **names = NULL, **grown, *full;
	size_t n = 0, cap = 0, i, len;
	struct stat st;

	if (!dir) {
		one_file(w, path); /* reports the error */
		return;
	}
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			grown = realloc(names, cap * sizeof *names);
			if (!grown)
				break;
			names = grown;
		}
		names[n] = strdup(de->d_name);
		if (names[n])
			n++;
	}
	closedir(dir);
	if (n)
		qsort(names, n, sizeof *names, by_name);
	for (i = 0; i < n; i++) {
		len = strlen(path) + strlen(names[i]) + 2;
		full = malloc(len);
		if (full) {
			snprintf(full, len, "%s%s%s", path,
			         path[strlen(path) - 1] == '/' ? "" : "/", names[i]);
			if (stat(full, &st) == 0 && S_ISDIR(st.st_mode))
				walk_path(w, full, depth + 1);
			else if (wanted(names[i], w->im->kind))
				one_file(w, full);
		}
		free(full);
		free(names[i]);
	}
	free(names);
}

static void walk_path(struct walk *w, const char *path, int depth)
{
	struct stat st;

	/* a symlink loop or an absurd tree stops here */
	if (depth > 32)
		return;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		walk_dir(w, path, depth);
	else
		one_file(w, path);
}

/* The bytes an import will read, for the progress's ETA: the same walk as
 * walk_path, stat only. */
static unsigned long long size_of(const char *path, enum psirt_feed_kind kind, int depth)
{
	unsigned long long total = 0;
	struct dirent *de;
	struct stat st;
	DIR *dir;
	char *full;
	size_t len;

	if (depth > 32 || stat(path, &st) != 0)
		return 0;
	if (!S_ISDIR(st.st_mode))
		return (unsigned long long)st.st_size;
	dir = opendir(path);
	if (!dir)
		return 0;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		len = strlen(path) + strlen(de->d_name) + 2;
		full = malloc(len);
		if (!full)
			break;
		snprintf(full, len, "%s/%s", path, de->d_name);
		if (stat(full, &st) == 0 && (S_ISDIR(st.st_mode) || wanted(de->d_name, kind)))
			total += size_of(full, kind, depth + 1);
		free(full);
	}
	closedir(dir);
	return total;
}

enum psirt_err feed__import_init(struct feed__import *im, struct psirt_store *store,
                                 enum psirt_feed_kind kind, struct psirt_diag *diag)
{
	memset(im, 0, sizeof *im);
	if ((unsigned)kind >= PSIRT_FEED__MAX)
		return psirt_diag_set(diag, PSIRT_EINVAL, "unknown feed kind %d", (int)kind);
	im->store = store;
	im->kind = kind;
	im->page.start_index = im->page.results_per_page = im->page.total_results = -1;
	im->buf = malloc(FEED__READ_CHUNK);
	if (!im->buf)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	return PSIRT_OK;
}

void feed__import_release(struct feed__import *im)
{
	free(im->buf);
	free(im->detail);
	im->buf = NULL;
	im->detail = NULL;
}

void feed__import_reset(struct feed__import *im)
{
	im->newest[0] = '\0';
	free(im->detail);
	im->detail = NULL;
}

void feed__import_unit_begin(struct feed__import *im)
{
	memset(&im->file, 0, sizeof im->file);
	im->page.start_index = im->page.results_per_page = im->page.total_results = -1;
	im->unit_bytes = 0;
}

void feed__import_unit_end(struct feed__import *im)
{
	im->run_records += im->file.records;
	im->run_bytes += im->unit_bytes;
	im->unit_bytes = 0;
	im->progress.p.records = im->run_records;
	im->progress.p.bytes = im->run_bytes;
}

void feed__import_tick(struct feed__import *im, unsigned long long unit_bytes)
{
	struct psirt_feed_progress *p = &im->progress.p;

	im->unit_bytes = unit_bytes;
	if (!im->progress.fn)
		return;
	p->records = im->run_records + im->file.records;
	p->bytes = im->run_bytes + unit_bytes;
	if (im->paged && im->page.total_results >= 0)
		p->records_total = im->records_base + (unsigned long long)im->page.total_results *
		                                          (im->records_per_result ? im->records_per_result : 1);
	feed__progress_tick(&im->progress);
}

enum psirt_err feed__import_note(struct feed__import *im, struct psirt_diag *diag)
{
	return psirt_store_feed_note_import(im->store, psirt_feed_kind_name(im->kind),
	                                    im->newest[0] ? im->newest : NULL, im->detail, diag);
}

void feed__diag_copy(struct psirt_diag *dst, const struct psirt_diag *src)
{
	psirt_diag_set(dst, src->code, "%s", src->message ? src->message : psirt_strerror(src->code));
	if (src->file)
		psirt_diag_set_file(dst, src->file);
	if (src->where)
		psirt_diag_set_where(dst, src->where);
	if (src->line)
		psirt_diag_set_line(dst, src->line, src->column);
	if (src->offset)
		psirt_diag_set_offset(dst, src->offset);
}

enum psirt_err psirt_feed_import(struct psirt_store *store, enum psirt_feed_kind kind,
                                 const char *const *paths, size_t n_paths,
                                 const struct psirt_feed_import_options *opt,
                                 struct psirt_feed_stats *stats, struct psirt_diag *diag)
{
	struct feed__import im;
	struct walk w = { &im, opt, stats, diag, PSIRT_OK };
	enum psirt_err err;
	size_t i;

	if ((err = feed__import_init(&im, store, kind, diag)))
		return err;
	if (opt && opt->progress) {
		feed__progress_start(&im.progress, opt->progress, opt->ctx, psirt_feed_kind_name(kind));
		for (i = 0; i < n_paths; i++)
			im.progress.p.bytes_total += size_of(paths[i], kind, 0);
	}
	for (i = 0; i < n_paths; i++)
		walk_path(&w, paths[i], 0);
	feed__progress_end(&im.progress);
	feed__import_release(&im);
	return w.first;
}
