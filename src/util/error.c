/* Error names and the diagnostic (see include/psirt/error.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/buf.h"
#include "psirt/error.h"

static const char *const err_names[] = {
#define PSIRT_ERR_NAME(name, text) #name,
	PSIRT_ERR_MAP(PSIRT_ERR_NAME)
#undef PSIRT_ERR_NAME
};
static const char *const err_texts[] = {
#define PSIRT_ERR_TEXT(name, text) text,
	PSIRT_ERR_MAP(PSIRT_ERR_TEXT)
#undef PSIRT_ERR_TEXT
};
_Static_assert(sizeof err_names / sizeof err_names[0] == PSIRT_E__MAX,
               "one name per error code");

const char *psirt_errname(enum psirt_err err)
{
	if ((unsigned)err >= PSIRT_E__MAX)
		return "UNKNOWN";
	return err_names[err];
}

const char *psirt_strerror(enum psirt_err err)
{
	if ((unsigned)err >= PSIRT_E__MAX)
		return "unknown error";
	return err_texts[err];
}

void psirt_diag_init(struct psirt_diag *diag)
{
	struct psirt_diag blank = PSIRT_DIAG_INIT;
	*diag = blank;
}

/* The message of a diagnostic that could not allocate its own: static text,
 * so psirt_diag_release must not free it. */
static int message_is_static(const struct psirt_diag *diag)
{
	return diag->code != PSIRT_OK && (unsigned)diag->code < PSIRT_E__MAX &&
	       diag->message == err_texts[diag->code];
}

void psirt_diag_release(struct psirt_diag *diag)
{
	if (!diag)
		return;
	free(diag->file);
	free(diag->where);
	if (!message_is_static(diag))
		free(diag->message);
	psirt_diag_init(diag);
}

enum psirt_err psirt_diag_setv(struct psirt_diag *diag, enum psirt_err err,
                               const char *fmt, va_list ap)
{
	struct psirt_buf b;

	if (!diag || diag->code != PSIRT_OK || err == PSIRT_OK)
		return err;
	diag->code = err;
	psirt_buf_init(&b, 1 << 16); /* a message is one line; 64 KiB is plenty */
	psirt_buf_vaddf(&b, fmt, ap);
	if (psirt_buf_error(&b) == PSIRT_ETOOBIG) {
		psirt_buf_reset(&b);
		psirt_buf_adds(&b, psirt_strerror(err));
	}
	diag->message = psirt_buf_detach(&b, NULL);
	if (!diag->message)
		diag->message = (char *)err_texts[(unsigned)err < PSIRT_E__MAX ? err : PSIRT_EINTERNAL];
	return err;
}

enum psirt_err psirt_diag_set(struct psirt_diag *diag, enum psirt_err err,
                              const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	psirt_diag_setv(diag, err, fmt, ap);
	va_end(ap);
	return err;
}

static int place_open(const struct psirt_diag *diag)
{
	return diag && diag->code != PSIRT_OK;
}

void psirt_diag_set_file(struct psirt_diag *diag, const char *file)
{
	if (place_open(diag) && !diag->file && file)
		diag->file = strdup(file);
}

void psirt_diag_set_where(struct psirt_diag *diag, const char *where)
{
	if (place_open(diag) && !diag->where && where)
		diag->where = strdup(where);
}

void psirt_diag_set_column(struct psirt_diag *diag, long column)
{
	if (place_open(diag) && !diag->column)
		diag->column = column;
}

void psirt_diag_set_line(struct psirt_diag *diag, long line, long column)
{
	if (place_open(diag) && !diag->line) {
		diag->line = line;
		if (!diag->column)
			diag->column = column;
	}
}

void psirt_diag_set_offset(struct psirt_diag *diag, long long offset)
{
	if (place_open(diag) && !diag->offset)
		diag->offset = offset;
}

char *psirt_diag_format(const struct psirt_diag *diag)
{
	struct psirt_buf b = PSIRT_BUF_INIT;

	if (diag->file) {
		psirt_buf_adds(&b, diag->file);
		if (diag->line)
			psirt_buf_addf(&b, ":%ld", diag->line);
		if (diag->line && diag->column)
			psirt_buf_addf(&b, ":%ld", diag->column);
		psirt_buf_adds(&b, ": ");
	} else if (diag->line) {
		psirt_buf_addf(&b, "line %ld", diag->line);
		if (diag->column)
			psirt_buf_addf(&b, ", column %ld", diag->column);
		psirt_buf_adds(&b, ": ");
	} else if (diag->column) {
		psirt_buf_addf(&b, "column %ld: ", diag->column);
	}
	if (diag->offset)
		psirt_buf_addf(&b, "byte %lld: ", diag->offset - 1);
	if (diag->where)
		psirt_buf_addf(&b, "%s: ", diag->where);
	psirt_buf_adds(&b, diag->message ? diag->message : psirt_strerror(diag->code));
	return psirt_buf_detach(&b, NULL);
}
