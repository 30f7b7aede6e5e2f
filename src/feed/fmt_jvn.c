/* JVN iPedia XML: not yet (the next commit). */
#include "feed/internal.h"

static enum psirt_err jvn_init(struct psirt_feed_parser *p)
{
	return PSIRT_OK;
}

static enum psirt_err jvn_push(struct psirt_feed_parser *p, const unsigned char *data, size_t len)
{
	return feed__fail(p, PSIRT_EUNSUPPORTED, -1, NULL, "JVN is not supported yet");
}

static enum psirt_err jvn_finish(struct psirt_feed_parser *p)
{
	return feed__fail(p, PSIRT_EUNSUPPORTED, -1, NULL, "JVN is not supported yet");
}

static void jvn_release(struct psirt_feed_parser *p)
{
}

const struct feed__format feed__jvn = {
	.kind = PSIRT_FEED_JVN,
	.name = "jvn",
	.state_size = 1,
	.init = jvn_init,
	.push = jvn_push,
	.finish = jvn_finish,
	.release = jvn_release,
};
