/* Logging through a sink (see include/psirt/log.h). */
#include <stdio.h>
#include <stdlib.h>

#include "psirt/buf.h"
#include "psirt/log.h"

static psirt_log_sink *log_sink;
static void *log_ctx;
static enum psirt_log_level log_max = PSIRT_LOG_WARN;

static const char *const level_names[] = { "error", "warning", "info", "debug" };
_Static_assert(sizeof level_names / sizeof level_names[0] == PSIRT_LOG__MAX,
               "one name per log level");

void psirt_log_set_sink(psirt_log_sink *sink, void *ctx, enum psirt_log_level max_level)
{
	log_sink = sink;
	log_ctx = ctx;
	log_max = max_level;
}

int psirt_log_enabled(enum psirt_log_level level)
{
	return log_sink && level <= log_max;
}

const char *psirt_log_level_name(enum psirt_log_level level)
{
	return (unsigned)level < PSIRT_LOG__MAX ? level_names[level] : "log";
}

void psirt_log(enum psirt_log_level level, const char *fmt, ...)
{
	struct psirt_buf b;
	va_list ap;

	if (!psirt_log_enabled(level))
		return;
	psirt_buf_init(&b, 1 << 16);
	va_start(ap, fmt);
	psirt_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	log_sink(level, psirt_buf_error(&b) ? "(log message lost: too long or out of memory)" : b.p,
	         log_ctx);
	psirt_buf_release(&b);
}
