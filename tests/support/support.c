/* Test support (see support.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/support.h"
#include "psirt/buf.h"

char *ts_data_path(const char *relative)
{
	const char *root = getenv("PSIRT_TEST_DATA");
	struct psirt_buf b = PSIRT_BUF_INIT;

	psirt_buf_addf(&b, "%s/%s", root && *root ? root : "tests/data", relative);
	return psirt_buf_detach(&b, NULL);
}

char *ts_read_file(const char *relative, size_t *len)
{
	char *path = ts_data_path(relative), chunk[65536];
	struct psirt_buf b = PSIRT_BUF_INIT;
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		fail_msg("fixture %s cannot be opened", path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		psirt_buf_add(&b, chunk, n);
	fclose(f);
	free(path);
	if (psirt_buf_error(&b))
		fail_msg("fixture %s: out of memory", relative);
	return psirt_buf_detach(&b, len);
}

json_t *ts_load_json(const char *relative)
{
	char *path = ts_data_path(relative);
	json_error_t err;
	json_t *j = json_load_file(path, 0, &err);

	if (!j)
		fail_msg("fixture %s: %s at line %d", path, err.text, err.line);
	free(path);
	return j;
}

char *ts_next_line(char **cursor)
{
	char *line = *cursor, *nl;

	if (!line || !*line)
		return NULL;
	nl = strchr(line, '\n');
	if (nl) {
		*nl = '\0';
		*cursor = nl + 1;
	} else {
		*cursor = line + strlen(line);
	}
	if (*line && line[strlen(line) - 1] == '\r')
		line[strlen(line) - 1] = '\0';
	return line;
}

void ts_case(struct ts_suite *s, int ok, const char *fmt, ...)
{
	va_list ap;

	s->cases++;
	if (ok)
		return;
	s->failed++;
	if (s->failed > 50)
		return;
	printf("%s: FAILED: ", s->name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

void ts_suite_end(struct ts_suite *s)
{
	printf("%s: %lu cases, %lu failed\n", s->name, s->cases, s->failed);
	fflush(stdout);
	if (!s->cases)
		fail_msg("%s: no case ran", s->name);
	if (s->failed)
		fail_msg("%s: %lu of %lu cases failed", s->name, s->failed, s->cases);
}
