/* Test support for the server tests that talk HTTP (see http_support.h). */
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "psirt/str.h"
#include "support/http_support.h"
#include "support/support.h"

const char *ts_http_header(const char *head, const char *name, char *buf, size_t size)
{
	const char *p = head;
	size_t n = strlen(name);

	/* the status line never matches: no header name starts "HTTP/" */
	while (p && *p) {
		const char *end = strstr(p, "\r\n");
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len > n && p[n] == ':' && psirt_str_ieq(psirt_str_make(p, n), name)) {
			const char *v = p + n + 1;

			while (*v == ' ')
				v++;
			len -= (size_t)(v - p);
			if (len >= size)
				len = size - 1;
			memcpy(buf, v, len);
			buf[len] = '\0';
			return buf;
		}
		p = end ? end + 2 : NULL;
	}
	return NULL;
}

void ts_psirt_bin(char *bin, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

	assert_true(n > 0);
	exe[n] = '\0';
	/* BUILD/tests/<module>/test_x → BUILD/psirt */
	*strrchr(exe, '/') = '\0';
	*strrchr(exe, '/') = '\0';
	*strrchr(exe, '/') = '\0';
	snprintf(bin, size, "%s/psirt", exe);
	assert_int_equal(access(bin, X_OK), 0);
}

pid_t ts_psirt_start(const char *const *args, FILE **out)
{
	char bin[PATH_MAX + 16];
	const char **argv;
	size_t n = 0;
	int fds[2];
	pid_t pid;

	ts_psirt_bin(bin, sizeof bin);
	while (args[n])
		n++;
	argv = calloc(n + 2, sizeof *argv);
	assert_non_null(argv);
	argv[0] = bin;
	memcpy(argv + 1, args, n * sizeof *argv);
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execv(bin, (char *const *)argv);
		_exit(127);
	}
	free(argv);
	close(fds[1]);
	*out = fdopen(fds[0], "r");
	assert_non_null(*out);
	return pid;
}

void ts_psirt_stop(pid_t pid, FILE *out)
{
	int status;

	kill(pid, SIGTERM);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	fclose(out);
}
