/* psirt user: the people who use `psirt serve`, their roles, passwords and
 * API tokens. */
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/portfolio_cli.h"
#include "psirt/str.h"
#include "psirt/user.h"

static int run_user(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_command cli_cmd_user = {
	.name = "user",
	.summary = "users of psirt serve: roles, passwords, API tokens",
	.usage =
	    "usage: psirt [--db PATH] user add NAME --role ROLE [--product P]...\n"
	    "       psirt [--db PATH] user set NAME [--role ROLE] [--add-product P]...\n"
	    "                                  [--remove-product P]...\n"
	    "       psirt [--db PATH] user list [--json]\n"
	    "       psirt [--db PATH] user passwd NAME\n"
	    "       psirt [--db PATH] user token NAME [--scope upload] [--json]\n"
	    "       psirt [--db PATH] user token list [NAME] [--json]\n"
	    "       psirt [--db PATH] user token revoke ID\n"
	    "       psirt [--db PATH] user disable NAME\n"
	    "       psirt [--db PATH] user enable NAME\n"
	    "\n"
	    "Roles: admin (everything), analyst (triage, every product, embargoed data),\n"
	    "engineer (reads; changes the products they own: those whose owner is their\n"
	    "name, and those given with --product), viewer (reads; no embargoed data).\n"
	    "\n"
	    "add and passwd read the password from standard input (one line), or ask for\n"
	    "it twice without echo when standard input is a terminal. At least 8 bytes;\n"
	    "stored as an Argon2id hash (libsodium, interactive cost: 2 passes over\n"
	    "64 MiB). A new password ends the user's sessions.\n"
	    "\n"
	    "token prints a new API token for CI (Authorization: Bearer psirt_...) once:\n"
	    "only its SHA-256 is stored. Scope upload: SBOM uploads, with the rights of\n"
	    "its user; at most 100 live tokens a user. (For a user named list, revoke or\n"
	    "new: 'user token new NAME'.) token list shows every token (or NAME's): id,\n"
	    "user, scope, when made, last used (noted at most once a minute), revoked.\n"
	    "token revoke ID refuses the token from now on; the row stays, listed as\n"
	    "revoked. disable ends the user's sessions and stops its tokens; enable\n"
	    "restores them (not revoked ones).\n"
	    "\n"
	    "Exit codes: 0 done, 2 usage, 3 bad input or no such user.\n",
	.run = run_user,
};

static int fail(struct cli_ctx *ctx, struct psirt_diag *diag)
{
	int rc = cli_report(ctx, NULL, diag);

	psirt_diag_release(diag);
	return rc;
}

/* Options: NAME first, then --role R, --product P, --add-product P,
 * --remove-product P, --scope S (each also as --opt=value). */
struct uopts {
	const char *name;
	const char *role, *scope;
	const char **add, **remove;
	size_t n_add, n_remove;
};

static int push(const char ***list, size_t *n, const char *v)
{
	const char **bigger = realloc(*list, (*n + 1) * sizeof *bigger);

	if (!bigger)
		return -1;
	bigger[(*n)++] = v;
	*list = bigger;
	return 0;
}

/* Is name one of the comma-separated names of list? */
static int listed(const char *list, const char *name)
{
	size_t len = strlen(name);

	while (*list) {
		const char *end = strchr(list, ',');
		size_t n = end ? (size_t)(end - list) : strlen(list);

		if (n == len && !strncmp(list, name, len))
			return 1;
		list += n + (end != NULL);
	}
	return 0;
}

/* Parses argv (argv[0] the subcommand) allowing the options in allowed
 * ("role,product,..."). Returns CLI_EXIT_OK or a usage error. */
static int parse(struct cli_ctx *ctx, int argc, char **argv, const char *allowed,
                 struct uopts *o)
{
	static const char *const known[] = { "role", "product", "add-product", "remove-product",
		                             "scope" };
	int i;

	memset(o, 0, sizeof *o);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *value = NULL, *eq;
		size_t k, len;

		if (a[0] != '-' || !strcmp(a, "-")) {
			if (o->name)
				return cli_usage_error(ctx, &cli_cmd_user, "%s: unexpected '%s'", argv[0],
				                       a);
			o->name = a;
			continue;
		}
		if (strncmp(a, "--", 2))
			return cli_usage_error(ctx, &cli_cmd_user, "%s: unknown option '%s'", argv[0],
			                       a);
		a += 2;
		eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a) : strlen(a);
		for (k = 0; k < sizeof known / sizeof known[0]; k++) {
			if (strlen(known[k]) == len && !strncmp(a, known[k], len))
				break;
		}
		if (k == sizeof known / sizeof known[0] || !listed(allowed, known[k]))
			return cli_usage_error(ctx, &cli_cmd_user, "%s: unknown option '%s'", argv[0],
			                       argv[i]);
		if (eq) {
			value = eq + 1;
		} else if (i + 1 < argc) {
			value = argv[++i];
		} else {
			return cli_usage_error(ctx, &cli_cmd_user, "%s: --%s needs a value", argv[0],
			                       known[k]);
		}
		if (k == 0) {
			o->role = value;
		} else if (k == 4) {
			o->scope = value;
		} else if (push(k == 3 ? &o->remove : &o->add, k == 3 ? &o->n_remove : &o->n_add,
		                value)) {
			return CLI_EXIT_INTERNAL;
		}
	}
	if (!o->name)
		return cli_usage_error(ctx, &cli_cmd_user, "%s: which user?", argv[0]);
	return CLI_EXIT_OK;
}

static void uopts_release(struct uopts *o)
{
	free(o->add);
	free(o->remove);
}

/* Reads one line of at most PSIRT_USER_MAX_PASSWORD bytes (without its
 * newline) from f into buf. Returns its length, or -1 at EOF/too long. */
static long read_line(FILE *f, char *buf, size_t size)
{
	size_t len;

	if (!fgets(buf, (int)size, f))
		return -1;
	len = strlen(buf);
	if (len && buf[len - 1] == '\n')
		buf[--len] = '\0';
	else if (!feof(f))
		return -1; /* longer than the buffer */
	if (len && buf[len - 1] == '\r')
		buf[--len] = '\0';
	return (long)len;
}

/* Asks on the terminal without echo (POSIX termios). */
static long prompt(const char *question, char *buf, size_t size)
{
	struct termios old, quiet;
	FILE *tty = fopen("/dev/tty", "r+");
	long len;

	if (!tty)
		return -1;
	fputs(question, tty);
	fflush(tty);
	if (tcgetattr(fileno(tty), &old)) {
		fclose(tty);
		return -1;
	}
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	len = read_line(tty, buf, size);
	tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', tty);
	fclose(tty);
	return len;
}

/* The new password: a line of stdin, or asked twice on a terminal. buf has
 * PSIRT_USER_MAX_PASSWORD + 2 bytes. Returns its length or -1 (reported). */
static long get_password(struct cli_ctx *ctx, const char *name, char *buf, size_t size)
{
	char again[PSIRT_USER_MAX_PASSWORD + 2];
	long len, len2;

	if (!isatty(STDIN_FILENO)) {
		len = read_line(stdin, buf, size);
		if (len < 0)
			fprintf(ctx->err, "psirt: error: no password on standard input (one line of at"
			                  " most %d bytes)\n",
			        PSIRT_USER_MAX_PASSWORD);
		return len;
	}
	fprintf(ctx->err, "password for %s (at least %d bytes)\n", name, PSIRT_USER_MIN_PASSWORD);
	len = prompt("password: ", buf, size);
	len2 = len < 0 ? -1 : prompt("again: ", again, sizeof again);
	if (len < 0 || len2 != len || memcmp(buf, again, (size_t)len)) {
		fputs("psirt: error: the passwords differ\n", ctx->err);
		len = -1;
	}
	memset(again, 0, sizeof again);
	return len;
}

static int run_add(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_user_edit e = { 0 };
	struct psirt_store *store;
	char pw[PSIRT_USER_MAX_PASSWORD + 2];
	struct uopts o;
	char *actor = NULL;
	long len;
	int rc;

	if ((rc = parse(ctx, argc, argv, "role,product", &o)))
		goto out_release;
	if (!o.role) {
		rc = cli_usage_error(ctx, &cli_cmd_user, "add: --role is required (admin, analyst,"
		                                         " engineer, viewer)");
		goto out_release;
	}
	if ((rc = cli_store(ctx, &store)))
		goto out_release;
	len = get_password(ctx, o.name, pw, sizeof pw);
	if (len < 0) {
		rc = CLI_EXIT_INPUT;
		goto out_release;
	}
	actor = psirt_portfolio_actor();
	e.role = o.role;
	e.add_products = o.add;
	e.n_add_products = o.n_add;
	if (!actor) {
		rc = CLI_EXIT_INTERNAL;
	} else if (psirt_user_add(store, o.name, pw, (size_t)len, &e, NULL, actor, &diag)) {
		rc = fail(ctx, &diag);
	} else {
		fprintf(ctx->out, "added user %s (%s)\n", o.name, o.role);
		rc = CLI_EXIT_OK;
	}
	memset(pw, 0, sizeof pw);

out_release:
	free(actor);
	uopts_release(&o);
	return rc;
}

static int run_set(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_user_edit e = { 0 };
	struct psirt_store *store;
	struct uopts o;
	char *actor = NULL;
	int rc;

	if ((rc = parse(ctx, argc, argv, "role,add-product,remove-product", &o)))
		goto out_release;
	if (!o.role && !o.n_add && !o.n_remove) {
		rc = cli_usage_error(ctx, &cli_cmd_user, "set: nothing to change");
		goto out_release;
	}
	if ((rc = cli_store(ctx, &store)))
		goto out_release;
	actor = psirt_portfolio_actor();
	e.role = o.role;
	e.add_products = o.add;
	e.n_add_products = o.n_add;
	e.remove_products = o.remove;
	e.n_remove_products = o.n_remove;
	if (!actor) {
		rc = CLI_EXIT_INTERNAL;
	} else if (psirt_user_set(store, o.name, &e, actor, &diag)) {
		rc = fail(ctx, &diag);
	} else {
		fprintf(ctx->out, "changed user %s\n", o.name);
		rc = CLI_EXIT_OK;
	}

out_release:
	free(actor);
	uopts_release(&o);
	return rc;
}

static json_t *user_json(const struct psirt_user *u)
{
	json_t *o, *products = json_array();
	size_t i;

	for (i = 0; products && i < u->n_products; i++) {
		if (json_array_append_new(products, json_string(u->products[i]))) {
			json_decref(products);
			return NULL;
		}
	}
	if (!products)
		return NULL;
	o = json_pack("{s:s, s:s, s:b, s:o, s:I, s:I, s:s, s:s}", "name", u->name, "role",
	              psirt_role_name(u->role), "disabled", u->disabled, "products", products,
	              "tokens", (json_int_t)u->n_tokens, "sessions", (json_int_t)u->n_sessions,
	              "created", u->created_at, "updated", u->updated_at);
	return o;
}

static int run_list(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_store *store;
	struct psirt_users *users;
	struct pcli_table t;
	size_t i, j;
	int rc;

	if (argc > 1)
		return cli_usage_error(ctx, &cli_cmd_user, "list: unexpected '%s'", argv[1]);
	if ((rc = cli_store(ctx, &store)))
		return rc;
	if (psirt_user_list(store, NULL, &users, &diag))
		return fail(ctx, &diag);
	if (ctx->json) {
		json_t *arr = json_array();

		for (i = 0; arr && i < users->n; i++) {
			if (json_array_append_new(arr, user_json(&users->items[i]))) {
				json_decref(arr);
				arr = NULL;
			}
		}
		psirt_users_free(users);
		return cli_print_json(ctx, arr);
	}
	pcli_table_init(&t, 6);
	pcli_table_add(&t, "USER");
	pcli_table_add(&t, "ROLE");
	pcli_table_add(&t, "STATUS");
	pcli_table_add(&t, "TOKENS");
	pcli_table_add(&t, "CREATED");
	pcli_table_add(&t, "PRODUCTS");
	for (i = 0; i < users->n; i++) {
		const struct psirt_user *u = &users->items[i];
		struct psirt_buf b = PSIRT_BUF_INIT;

		pcli_table_add(&t, u->name);
		pcli_table_add(&t, psirt_role_name(u->role));
		pcli_table_add(&t, u->disabled ? "disabled" : "active");
		pcli_table_addf(&t, "%zu", u->n_tokens);
		pcli_table_addf(&t, "%.10s", u->created_at);
		for (j = 0; j < u->n_products; j++)
			psirt_buf_addf(&b, "%s%s", j ? "," : "", u->products[j]);
		pcli_table_add(&t, b.len ? b.p : NULL);
		psirt_buf_release(&b);
	}
	psirt_users_free(users);
	return pcli_table_print(&t, ctx->out);
}

static int run_passwd(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_store *store;
	struct psirt_users *users;
	char pw[PSIRT_USER_MAX_PASSWORD + 2];
	struct uopts o;
	char *actor = NULL;
	long len;
	int rc;

	if ((rc = parse(ctx, argc, argv, "", &o)))
		goto out_release;
	if ((rc = cli_store(ctx, &store)))
		goto out_release;
	/* no password asked for a user that is not there */
	if (psirt_user_list(store, o.name, &users, &diag)) {
		rc = fail(ctx, &diag);
		goto out_release;
	}
	psirt_users_free(users);
	len = get_password(ctx, o.name, pw, sizeof pw);
	if (len < 0) {
		rc = CLI_EXIT_INPUT;
		goto out_release;
	}
	actor = psirt_portfolio_actor();
	if (!actor) {
		rc = CLI_EXIT_INTERNAL;
	} else if (psirt_user_passwd(store, o.name, pw, (size_t)len, NULL, actor, &diag)) {
		rc = fail(ctx, &diag);
	} else {
		fprintf(ctx->out, "changed the password of %s; their sessions have ended\n", o.name);
		rc = CLI_EXIT_OK;
	}
	memset(pw, 0, sizeof pw);

out_release:
	free(actor);
	uopts_release(&o);
	return rc;
}

static int run_token_new(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_store *store;
	char token[PSIRT_TOKEN_LEN + 1];
	struct uopts o;
	char *actor = NULL;
	long long id;
	int rc;

	if ((rc = parse(ctx, argc, argv, "scope", &o)))
		goto out_release;
	if ((rc = cli_store(ctx, &store)))
		goto out_release;
	actor = psirt_portfolio_actor();
	if (!actor) {
		rc = CLI_EXIT_INTERNAL;
	} else if (psirt_user_token_new(store, o.name, o.scope, actor, token, &id, &diag)) {
		rc = fail(ctx, &diag);
	} else if (ctx->json) {
		rc = cli_print_json(ctx, json_pack("{s:s, s:I, s:s, s:s}", "user", o.name, "id",
		                                   (json_int_t)id, "scope",
		                                   o.scope ? o.scope : "upload", "token", token));
	} else {
		fputs(token, ctx->out);
		fputc('\n', ctx->out);
		fprintf(ctx->err, "psirt: API token %lld for %s, scope %s: shown only now, store it"
		                  " as a CI secret\n",
		        id, o.name, o.scope ? o.scope : "upload");
		rc = CLI_EXIT_OK;
	}
	memset(token, 0, sizeof token);

out_release:
	free(actor);
	uopts_release(&o);
	return rc;
}

/* token list [NAME] */
static int run_token_list(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_store *store;
	struct psirt_tokens *tokens;
	struct pcli_table t;
	size_t i;
	int rc;

	if (argc > 2 || (argc == 2 && argv[1][0] == '-'))
		return cli_usage_error(ctx, &cli_cmd_user, "token list: unexpected '%s'",
		                       argv[argc - 1]);
	if ((rc = cli_store(ctx, &store)))
		return rc;
	if (psirt_user_token_list(store, argc == 2 ? argv[1] : NULL, 0, &tokens, &diag))
		return fail(ctx, &diag);
	if (ctx->json) {
		json_t *arr = json_array();

		for (i = 0; arr && i < tokens->n; i++) {
			if (json_array_append_new(arr, psirt_token_json(&tokens->items[i]))) {
				json_decref(arr);
				arr = NULL;
			}
		}
		psirt_tokens_free(tokens);
		return cli_print_json(ctx, arr);
	}
	pcli_table_init(&t, 6);
	pcli_table_add(&t, "ID");
	pcli_table_add(&t, "USER");
	pcli_table_add(&t, "SCOPE");
	pcli_table_add(&t, "CREATED");
	pcli_table_add(&t, "LAST USED");
	pcli_table_add(&t, "STATUS");
	for (i = 0; i < tokens->n; i++) {
		const struct psirt_token *k = &tokens->items[i];

		pcli_table_addf(&t, "%lld", k->id);
		pcli_table_add(&t, k->user);
		pcli_table_add(&t, psirt_token_scope_name(k->scope));
		pcli_table_addf(&t, "%.10s", k->created_at);
		if (k->last_used)
			pcli_table_addf(&t, "%.10s", k->last_used);
		else
			pcli_table_add(&t, "never");
		if (k->revoked_at)
			pcli_table_addf(&t, "revoked %.10s by %s", k->revoked_at,
			                k->revoked_by ? k->revoked_by : "?");
		else
			pcli_table_add(&t, "live");
	}
	psirt_tokens_free(tokens);
	return pcli_table_print(&t, ctx->out);
}

/* token revoke ID */
static int run_token_revoke(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_store *store;
	unsigned long long id;
	char *actor;
	int rc;

	if (argc != 2)
		return cli_usage_error(ctx, &cli_cmd_user, "token revoke: which token (its ID from"
		                                           " 'psirt user token list')?");
	if (psirt_str_to_u64(psirt_str_c(argv[1]), (unsigned long long)1 << 62, &id) || !id)
		return cli_usage_error(ctx, &cli_cmd_user, "token revoke: '%s' is not a token ID",
		                       argv[1]);
	if ((rc = cli_store(ctx, &store)))
		return rc;
	actor = psirt_portfolio_actor();
	if (!actor)
		return CLI_EXIT_INTERNAL;
	if (psirt_user_token_revoke(store, (long long)id, NULL, actor, &diag)) {
		rc = fail(ctx, &diag);
	} else {
		fprintf(ctx->out, "revoked API token %llu\n", id);
		rc = CLI_EXIT_OK;
	}
	free(actor);
	return rc;
}

/* token NAME, token new NAME, token list, token revoke */
static int run_token(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "list"))
		return run_token_list(ctx, argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "revoke"))
		return run_token_revoke(ctx, argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "new"))
		return run_token_new(ctx, argc - 1, argv + 1);
	return run_token_new(ctx, argc, argv);
}

static int set_disabled(struct cli_ctx *ctx, int argc, char **argv, int disabled)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_store *store;
	struct uopts o;
	char *actor = NULL;
	int rc;

	if ((rc = parse(ctx, argc, argv, "", &o)))
		goto out_release;
	if ((rc = cli_store(ctx, &store)))
		goto out_release;
	actor = psirt_portfolio_actor();
	if (!actor) {
		rc = CLI_EXIT_INTERNAL;
	} else if (psirt_user_disable(store, o.name, disabled, actor, &diag)) {
		rc = fail(ctx, &diag);
	} else {
		fprintf(ctx->out, "%s user %s\n", disabled ? "disabled" : "enabled", o.name);
		rc = CLI_EXIT_OK;
	}

out_release:
	free(actor);
	uopts_release(&o);
	return rc;
}

static int run_disable(struct cli_ctx *ctx, int argc, char **argv)
{
	return set_disabled(ctx, argc, argv, 1);
}

static int run_enable(struct cli_ctx *ctx, int argc, char **argv)
{
	return set_disabled(ctx, argc, argv, 0);
}

static const struct cli_subcommand subs[] = {
	{ "add", run_add },         { "set", run_set },       { "list", run_list },
	{ "passwd", run_passwd },   { "token", run_token },   { "disable", run_disable },
	{ "enable", run_enable },
};

static int run_user(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_dispatch(ctx, &cli_cmd_user, subs, sizeof subs / sizeof subs[0], argc, argv);
}
