/* psirt — the store scan on a second thread, its rows handed over in batches.
 *
 * Stepping SQLite is about half of an index load, the loader's callbacks the
 * other half; run one on each core. A new thread runs psirt_store_scan and
 * copies each row (borrowed from SQLite for the call only) into a batch (an
 * arena and a row array); the calling thread takes the batches in order and
 * calls the caller's sink with the copies, so the sink sees exactly the rows,
 * in exactly the order, of the direct scan. The sink and the caller's diag
 * stay on the caller's thread; the connection is used by the scan thread
 * alone until it is joined (it is opened NOMUTEX: one thread at a time).
 */
#include "psirt/store.h"
#include "psirt/arena.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { BATCH_ROWS = 4096, BATCH_BYTES = 1 << 20, MAX_BATCHES = 4 };

enum row_kind { ROW_RECORD, ROW_CONFIG, ROW_NODE, ROW_MATCH, ROW_PACKAGE };

struct row {
	enum row_kind kind;
	union {
		struct psirt_store_scan_record record;
		struct psirt_store_scan_config config;
		struct psirt_store_scan_node node;
		struct psirt_store_scan_match match;
		struct psirt_store_scan_package package;
	} u;
};

struct batch {
	struct batch *next;
	struct psirt_arena arena; /* the rows' strings and lists */
	size_t n;
	struct row rows[BATCH_ROWS];
};

struct pipe {
	struct psirt_store *store;
	int scoped;
	const struct psirt_store_scan_sink *sink; /* the caller's */
	pthread_mutex_t mu;
	pthread_cond_t room; /* the scan thread waits for a batch to be freed */
	pthread_cond_t rows; /* the caller waits for a batch or the end */
	struct batch *head, *tail; /* handed over, not yet taken */
	int alive;                 /* batches allocated and not freed */
	int stop;                  /* the caller's sink failed: stop scanning */
	int done;                  /* the scan returned */
	enum psirt_err err;        /* the scan's result, once done */
	struct psirt_diag diag;    /* the scan thread's own */
	struct batch *cur;         /* the batch the scan thread fills */
};

static void batch_free(struct batch *b)
{
	psirt_arena_release(&b->arena);
	free(b);
}

static enum psirt_err nomem(struct pipe *P)
{
	return psirt_diag_set(&P->diag, PSIRT_ENOMEM, "out of memory");
}

/* The batch being filled joins the end of the queue (P->mu held). */
static void hand_over(struct pipe *P)
{
	P->cur->next = NULL;
	if (P->tail)
		P->tail->next = P->cur;
	else
		P->head = P->cur;
	P->tail = P->cur;
	P->cur = NULL;
}

/* Called by the scan thread: a batch with room for one more row, or an error
 * when out of memory or the caller stopped (the scan then stops too; its
 * diag is not reported then). */
static enum psirt_err cur_batch(struct pipe *P, struct row **out)
{
	struct batch *b;

	if (P->cur && P->cur->n < BATCH_ROWS && P->cur->arena.total < BATCH_BYTES) {
		*out = &P->cur->rows[P->cur->n++];
		return PSIRT_OK;
	}
	pthread_mutex_lock(&P->mu);
	if (P->cur) {
		hand_over(P);
		pthread_cond_signal(&P->rows);
	}
	while (P->alive >= MAX_BATCHES && !P->stop)
		pthread_cond_wait(&P->room, &P->mu);
	if (P->stop) {
		pthread_mutex_unlock(&P->mu);
		return psirt_diag_set(&P->diag, PSIRT_EINTERNAL, "scan stopped by its sink");
	}
	P->alive++;
	pthread_mutex_unlock(&P->mu);
	b = malloc(sizeof *b);
	if (!b) {
		pthread_mutex_lock(&P->mu);
		P->alive--;
		pthread_mutex_unlock(&P->mu);
		return nomem(P);
	}
	psirt_arena_init(&b->arena, 256 << 10);
	b->next = NULL;
	b->n = 1;
	P->cur = b;
	*out = &b->rows[0];
	return PSIRT_OK;
}

/* Copies s into the arena; NULL stays NULL. Sets *bad when out of memory. */
static const char *dup(struct psirt_arena *a, const char *s, int *bad)
{
	char *d;

	if (!s)
		return NULL;
	d = psirt_arena_strdup(a, s);
	if (!d)
		*bad = 1;
	return d;
}

/* The next row of the batch being filled, of kind, its fields copied whole
 * from row (size bytes): the caller copies what they point to. */
static enum psirt_err new_row(struct pipe *P, enum row_kind kind, const void *row, size_t size,
                              struct row **out)
{
	enum psirt_err err = cur_batch(P, out);

	if (err)
		return err;
	(*out)->kind = kind;
	memcpy(&(*out)->u, row, size);
	return PSIRT_OK;
}

/* A row of numbers only (no text to copy). */
static enum psirt_err put_plain(struct pipe *P, enum row_kind kind, const void *row, size_t size)
{
	struct row *w;

	return new_row(P, kind, row, size, &w);
}

static enum psirt_err put_record(void *ctx, const struct psirt_store_scan_record *r,
                                 struct psirt_diag *diag)
{
	struct pipe *P = ctx;
	struct row *w;
	int bad = 0;
	enum psirt_err err = new_row(P, ROW_RECORD, r, sizeof *r, &w);

	(void)diag;
	if (err)
		return err;
	w->u.record.id = dup(&P->cur->arena, r->id, &bad);
	w->u.record.vuln = dup(&P->cur->arena, r->vuln, &bad);
	return bad ? nomem(P) : PSIRT_OK;
}

static enum psirt_err put_config(void *ctx, const struct psirt_store_scan_config *c,
                                 struct psirt_diag *diag)
{
	(void)diag;
	return put_plain(ctx, ROW_CONFIG, c, sizeof *c);
}

static enum psirt_err put_node(void *ctx, const struct psirt_store_scan_node *n,
                               struct psirt_diag *diag)
{
	(void)diag;
	return put_plain(ctx, ROW_NODE, n, sizeof *n);
}

static enum psirt_err put_match(void *ctx, const struct psirt_store_scan_match *m,
                                struct psirt_diag *diag)
{
	struct pipe *P = ctx;
	struct row *w;
	struct psirt_vuln_cpe_match *c;
	struct psirt_arena *a;
	int bad = 0;
	enum psirt_err err = new_row(P, ROW_MATCH, m, sizeof *m, &w);

	(void)diag;
	if (err)
		return err;
	a = &P->cur->arena;
	w->u.match.m = NULL;
	if (!m->m)
		return PSIRT_OK;
	c = psirt_arena_alloc(a, sizeof *c);
	if (!c)
		return nomem(P);
	*c = *m->m;
	c->next = NULL;
	c->criteria = dup(a, c->criteria, &bad);
	c->match_criteria_id = dup(a, c->match_criteria_id, &bad);
	c->part = dup(a, c->part, &bad);
	c->vendor = dup(a, c->vendor, &bad);
	c->product = dup(a, c->product, &bad);
	c->version = dup(a, c->version, &bad);
	c->update = dup(a, c->update, &bad);
	c->version_start_including = dup(a, c->version_start_including, &bad);
	c->version_start_excluding = dup(a, c->version_start_excluding, &bad);
	c->version_end_including = dup(a, c->version_end_including, &bad);
	c->version_end_excluding = dup(a, c->version_end_excluding, &bad);
	c->version_text = dup(a, c->version_text, &bad);
	w->u.match.m = c;
	return bad ? nomem(P) : PSIRT_OK;
}

static struct psirt_vuln_package *copy_package(struct psirt_arena *a,
                                               const struct psirt_vuln_package *s, int *bad)
{
	struct psirt_vuln_package *p = psirt_arena_alloc(a, sizeof *p);
	const struct psirt_vuln_range *sr;
	const struct psirt_vuln_event *se;
	const struct psirt_vuln_str *sv;
	struct psirt_vuln_range **rt;
	struct psirt_vuln_event **et;
	struct psirt_vuln_str **vt;

	if (!p) {
		*bad = 1;
		return NULL;
	}
	*p = *s;
	p->next = NULL;
	p->ecosystem = dup(a, s->ecosystem, bad);
	p->name = dup(a, s->name, bad);
	p->purl = dup(a, s->purl, bad);
	p->purl_type = dup(a, s->purl_type, bad);
	p->purl_namespace = dup(a, s->purl_namespace, bad);
	p->purl_name = dup(a, s->purl_name, bad);
	p->json = dup(a, s->json, bad);
	p->ranges = NULL;
	p->versions = NULL;
	rt = &p->ranges;
	for (sr = s->ranges; sr && !*bad; sr = sr->next) {
		struct psirt_vuln_range *r = psirt_arena_alloc(a, sizeof *r);

		if (!r) {
			*bad = 1;
			break;
		}
		*r = *sr;
		r->next = NULL;
		r->type = dup(a, sr->type, bad);
		r->repo = dup(a, sr->repo, bad);
		r->json = dup(a, sr->json, bad);
		r->events = NULL;
		et = &r->events;
		for (se = sr->events; se && !*bad; se = se->next) {
			struct psirt_vuln_event *e = psirt_arena_alloc(a, sizeof *e);

			if (!e) {
				*bad = 1;
				break;
			}
			e->next = NULL;
			e->kind = dup(a, se->kind, bad);
			e->value = dup(a, se->value, bad);
			*et = e;
			et = &e->next;
		}
		*rt = r;
		rt = &r->next;
	}
	vt = &p->versions;
	for (sv = s->versions; sv && !*bad; sv = sv->next) {
		struct psirt_vuln_str *v = psirt_arena_alloc(a, sizeof *v);

		if (!v) {
			*bad = 1;
			break;
		}
		v->next = NULL;
		v->value = dup(a, sv->value, bad);
		*vt = v;
		vt = &v->next;
	}
	return p;
}

static enum psirt_err put_package(void *ctx, const struct psirt_store_scan_package *pk,
                                  struct psirt_diag *diag)
{
	struct pipe *P = ctx;
	struct row *w;
	int bad = 0;
	enum psirt_err err = new_row(P, ROW_PACKAGE, pk, sizeof *pk, &w);

	(void)diag;
	if (err)
		return err;
	w->u.package.p = pk->p ? copy_package(&P->cur->arena, pk->p, &bad) : NULL;
	return bad ? nomem(P) : PSIRT_OK;
}

static void *scan_run(void *arg)
{
	struct pipe *P = arg;
	const struct psirt_store_scan_sink *s = P->sink;
	struct psirt_store_scan_sink put = { put_record, put_config, put_node, put_match,
		                             put_package, P };
	enum psirt_err err;

	/* keep the caller's choice of streams: a NULL callback skips a table */
	if (!s->record)
		put.record = NULL;
	if (!s->config)
		put.config = NULL;
	if (!s->node)
		put.node = NULL;
	if (!s->match)
		put.match = NULL;
	if (!s->package)
		put.package = NULL;
	err = P->scoped ? psirt_store_scan_scope(P->store, &put, &P->diag)
	                : psirt_store_scan(P->store, &put, &P->diag);
	pthread_mutex_lock(&P->mu);
	if (P->cur && err) {
		P->alive--;
		batch_free(P->cur);
		P->cur = NULL;
	} else if (P->cur) {
		hand_over(P);
	}
	P->err = err;
	P->done = 1;
	pthread_cond_signal(&P->rows);
	pthread_mutex_unlock(&P->mu);
	return NULL;
}

static enum psirt_err feed(const struct psirt_store_scan_sink *s, const struct batch *b,
                           struct psirt_diag *diag)
{
	enum psirt_err err = PSIRT_OK;
	size_t i;

	for (i = 0; i < b->n && !err; i++) {
		const struct row *r = &b->rows[i];

		switch (r->kind) {
		case ROW_RECORD:
			err = s->record(s->ctx, &r->u.record, diag);
			break;
		case ROW_CONFIG:
			err = s->config(s->ctx, &r->u.config, diag);
			break;
		case ROW_NODE:
			err = s->node(s->ctx, &r->u.node, diag);
			break;
		case ROW_MATCH:
			err = s->match(s->ctx, &r->u.match, diag);
			break;
		case ROW_PACKAGE:
			err = s->package(s->ctx, &r->u.package, diag);
			break;
		}
	}
	return err;
}

enum psirt_err psirt_store_scan_piped(struct psirt_store *store, int scoped,
                                      const struct psirt_store_scan_sink *sink,
                                      struct psirt_diag *diag)
{
	struct pipe P;
	pthread_t th;
	struct batch *b;
	enum psirt_err err = PSIRT_OK;

	memset(&P, 0, sizeof P);
	P.store = store;
	P.scoped = scoped;
	psirt_diag_init(&P.diag);
	pthread_mutex_init(&P.mu, NULL);
	pthread_cond_init(&P.room, NULL);
	pthread_cond_init(&P.rows, NULL);
	P.sink = sink;
	if (pthread_create(&th, NULL, scan_run, &P)) {
		/* no second thread: the direct scan gives the same rows */
		err = scoped ? psirt_store_scan_scope(store, sink, diag)
		             : psirt_store_scan(store, sink, diag);
		goto out_destroy;
	}
	for (;;) {
		pthread_mutex_lock(&P.mu);
		while (!P.head && !P.done)
			pthread_cond_wait(&P.rows, &P.mu);
		b = P.head;
		if (b && !(P.done && P.err)) {
			P.head = b->next;
			if (!P.head)
				P.tail = NULL;
		} else {
			b = NULL;
		}
		pthread_mutex_unlock(&P.mu);
		if (!b)
			break;
		err = feed(sink, b, diag);
		batch_free(b);
		pthread_mutex_lock(&P.mu);
		P.alive--;
		if (err)
			P.stop = 1;
		pthread_cond_signal(&P.room);
		pthread_mutex_unlock(&P.mu);
		if (err)
			break;
	}
	pthread_join(th, NULL);
	while (P.head) {
		b = P.head;
		P.head = b->next;
		batch_free(b);
	}
	if (!err && P.err) {
		/* the scan's error, reported once into the caller's diag */
		err = P.err;
		if (diag && diag->code == PSIRT_OK) {
			*diag = P.diag;
			psirt_diag_init(&P.diag);
		}
	}
out_destroy:
	psirt_diag_release(&P.diag);
	pthread_cond_destroy(&P.rows);
	pthread_cond_destroy(&P.room);
	pthread_mutex_destroy(&P.mu);
	return err;
}
