/* psirt — logging through a sink the front door installs.
 *
 * The library never writes to stdout or stderr itself; it calls psirt_log(),
 * which forwards to the sink set with psirt_log_set_sink() (none by default,
 * so an embedding program sees nothing unless it asks).
 */
#ifndef PSIRT_LOG_H
#define PSIRT_LOG_H

#include <stdarg.h>

enum psirt_log_level {
	PSIRT_LOG_ERROR,
	PSIRT_LOG_WARN,
	PSIRT_LOG_INFO,
	PSIRT_LOG_DEBUG,
	PSIRT_LOG__MAX
};

typedef void psirt_log_sink(enum psirt_log_level level, const char *message,
                            void *ctx);

/* Installs sink (NULL to silence) with its context and the most verbose level
 * to forward. Not thread-safe: call before starting threads. */
void psirt_log_set_sink(psirt_log_sink *sink, void *ctx,
                        enum psirt_log_level max_level);
/* Is a message at this level forwarded? Lets callers skip costly formatting. */
int psirt_log_enabled(enum psirt_log_level level);
void psirt_log(enum psirt_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* "error", "warning", "info", "debug". */
const char *psirt_log_level_name(enum psirt_log_level level);

#endif
