/* Progress reports of imports and syncs: the library counts, a front door
 * draws (a terminal line in the CLI). Throttled here so that a caller can
 * tick after every chunk: clock_gettime(CLOCK_MONOTONIC) costs tens of
 * nanoseconds through the vDSO, nothing next to parsing a chunk. */
#include <string.h>

#include "feed/internal.h"
#include "psirt/isotime.h"

void feed__progress_start(struct feed__progress *pr, psirt_feed_progress_fn *fn, void *ctx,
                          const char *source)
{
	memset(pr, 0, sizeof *pr);
	pr->fn = fn;
	pr->ctx = ctx;
	pr->p.source = source;
	pr->start = psirt_monotonic_s();
	/* the first report after one interval: a run that ends sooner shows
	 * nothing but its summary */
	pr->next = pr->start + PSIRT_FEED_PROGRESS_MS / 1000.0;
}

void feed__progress_tick(struct feed__progress *pr)
{
	double now;

	if (!pr->fn)
		return;
	now = psirt_monotonic_s();
	if (now < pr->next)
		return;
	pr->next = now + PSIRT_FEED_PROGRESS_MS / 1000.0;
	pr->p.seconds = now - pr->start;
	pr->fn(pr->ctx, &pr->p);
}

void feed__progress_end(struct feed__progress *pr)
{
	if (!pr->fn)
		return;
	pr->p.seconds = psirt_monotonic_s() - pr->start;
	pr->p.done = 1;
	pr->fn(pr->ctx, &pr->p);
	pr->fn = NULL;
}
