/* psirt serve: the JSON API and the web UI over HTTP until SIGINT/SIGTERM. */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "psirt/server.h"
#include "psirt/str.h"

static int run_serve(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_command cli_cmd_serve = {
	.name = "serve",
	.summary = "the JSON API and web UI over HTTP or HTTPS",
	.usage =
	    "usage: psirt [--db PATH] serve [--listen ADDRESS:PORT] [--threads N] [--web DIR]\n"
	    "                               [--secure-cookies] [--tls-cert FILE --tls-key FILE]\n"
	    "                               [--request-timeout S] [--max-connections N]\n"
	    "                               [--max-connections-per-ip N]\n"
	    "\n"
	    "Serves the JSON API under /api (described at /api/openapi.json) and the web\n"
	    "UI's files from DIR (default: ./web when it exists) until SIGINT or SIGTERM,\n"
	    "then lets requests in flight finish and exits 0.\n"
	    "\n"
	    "  --listen A:P       address and port (default 127.0.0.1:8080; [::1]:8080 for\n"
	    "                     IPv6); port 0 picks a free one. The URL is printed.\n"
	    "  --threads N        worker threads, each with its own store connection\n"
	    "                     (default 2, at most 64)\n"
	    "  --web DIR          the web UI's folder\n"
	    "  --secure-cookies   mark the session cookie Secure: set it when a TLS proxy\n"
	    "                     serves psirt as https://\n"
	    "  --tls-cert FILE    serve HTTPS only, with this PEM certificate (its chain\n"
	    "  --tls-key FILE     after it) and its unencrypted PEM private key; both or\n"
	    "                     neither. The cookie is then Secure and answers carry\n"
	    "                     Strict-Transport-Security. Read once: restart to renew.\n"
	    "  --request-timeout S  a request must be in, from its request line to the end\n"
	    "                     of its body, within S seconds (default 60, 1 to 3600),\n"
	    "                     else its connection is closed: a client trickling bytes\n"
	    "                     cannot hold it. An SBOM of 64 MiB needs about 1 MB/s.\n"
	    "                     Idle connections are closed after 30 s.\n"
	    "  --max-connections N  connections open at once (default 512, 1 to 100000;\n"
	    "                     mind the limit of open files, ulimit -n)\n"
	    "  --max-connections-per-ip N  from one client address (default 128; 0: no\n"
	    "                     limit): raise it behind a reverse proxy or a big NAT,\n"
	    "                     where every client has one address\n"
	    "\n"
	    "Users come from 'psirt user add'. Exit codes: 0 stopped by a signal, 2 usage,\n"
	    "3 bad address, web folder, certificate or key, or no store, 4 internal error.\n",
	.run = run_serve,
};

static int is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

static int run_serve(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_server_config cfg = { 0 };
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_server *srv;
	sigset_t stop;
	int i, sig, rc;

	cfg.listen = "127.0.0.1:8080";
	for (i = 1; i < argc; i++) {
		static const char *const names[] = { "listen",          "threads",
			                             "web",             "tls-cert",
			                             "tls-key",         "request-timeout",
			                             "max-connections", "max-connections-per-ip" };
		const char *a = argv[i], *value;
		size_t n, k;

		if (!strcmp(a, "--secure-cookies")) {
			cfg.secure_cookies = 1;
			continue;
		}
		n = strncmp(a, "--", 2) ? 0 : strcspn(a + 2, "=");
		for (k = 0; n && k < sizeof names / sizeof names[0]; k++) {
			if (strlen(names[k]) == n && !strncmp(a + 2, names[k], n))
				break;
		}
		if (!n || k == sizeof names / sizeof names[0])
			return cli_usage_error(ctx, &cli_cmd_serve, "unknown argument '%s'", a);
		if (a[2 + n] == '=')
			value = a + 3 + n;
		else if (i + 1 < argc)
			value = argv[++i];
		else
			return cli_usage_error(ctx, &cli_cmd_serve, "--%s needs a value", names[k]);
		if (k == 0) {
			cfg.listen = value;
		} else if (k == 2) {
			cfg.web_root = value;
		} else if (k == 3) {
			cfg.tls_cert = value;
		} else if (k == 4) {
			cfg.tls_key = value;
		} else if (k == 5) {
			unsigned long long t;

			if (psirt_str_to_u64(psirt_str_c(value), 3600, &t) || t < 1)
				return cli_usage_error(ctx, &cli_cmd_serve,
				                       "--request-timeout takes seconds from 1 to 3600");
			cfg.request_timeout_s = (unsigned)t;
		} else if (k == 6) {
			unsigned long long t;

			if (psirt_str_to_u64(psirt_str_c(value), 100000, &t) || t < 1)
				return cli_usage_error(ctx, &cli_cmd_serve,
				                       "--max-connections takes a number from 1 to 100000");
			cfg.max_connections = (unsigned)t;
		} else if (k == 7) {
			unsigned long long t;

			if (psirt_str_to_u64(psirt_str_c(value), 100000, &t))
				return cli_usage_error(
					ctx, &cli_cmd_serve,
					"--max-connections-per-ip takes a number from 0 (no limit) to 100000");
			cfg.max_connections_per_ip = t ? (unsigned)t : PSIRT_SERVER_NO_LIMIT;
		} else {
			unsigned long long t;

			if (psirt_str_to_u64(psirt_str_c(value), 64, &t) || t < 1)
				return cli_usage_error(ctx, &cli_cmd_serve,
				                       "--threads takes a number from 1 to 64");
			cfg.threads = (unsigned)t;
		}
	}
	if (!cfg.tls_cert != !cfg.tls_key)
		return cli_usage_error(ctx, &cli_cmd_serve, "--tls-cert and --tls-key go together");
	if (!cfg.web_root && is_dir("web"))
		cfg.web_root = "web";
	cfg.db_path = ctx->db_path;

	/* Signals go to this thread alone: blocked here before the workers
	 * start (they inherit the mask) and taken with sigwait below, so no
	 * handler runs in the middle of a request. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (psirt_server_start(&cfg, &srv, &diag)) {
		rc = cli_report(ctx, NULL, &diag);
		psirt_diag_release(&diag);
		return rc;
	}
	fprintf(ctx->out, "psirt serve: listening on %s\n", psirt_server_url(srv));
	if (!cfg.web_root)
		fprintf(ctx->err, "psirt serve: no web folder (--web DIR): the API only\n");
	fflush(ctx->out);
	do {
		rc = sigwait(&stop, &sig);
	} while (rc != 0);
	psirt_server_stop(srv);
	fprintf(ctx->err, "psirt serve: stopped (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	return CLI_EXIT_OK;
}
