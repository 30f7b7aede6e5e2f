/* Users and access: validation, password hashing, sessions, API tokens and
 * the login rate limit (see include/psirt/user.h). The SQL is in
 * src/store/user.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <sodium.h>

#include "psirt/isotime.h"
#include "psirt/sha256.h"
#include "psirt/str.h"
#include "psirt/user.h"

_Static_assert(PSIRT_PWHASH_STRBYTES == crypto_pwhash_STRBYTES, "Argon2id string size");
_Static_assert(crypto_pwhash_OPSLIMIT_INTERACTIVE == 2 &&
                   crypto_pwhash_MEMLIMIT_INTERACTIVE == (size_t)64 << 20,
               "PSIRT_PWHASH_INTERACTIVE is libsodium's interactive cost");
_Static_assert(PSIRT_SECRET_LEN + 1 ==
                   sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
               "secret length");

/* A session's last request is written at most this often (seconds): every
 * request writing would turn the server's reads into writes that queue for
 * SQLite's one write lock. The idle limit is hours, so a minute is noise. */
#define TOUCH_EVERY_S 60

static const char *const role_names[PSIRT_ROLE__MAX] = {
	[PSIRT_ROLE_ADMIN] = "admin",
	[PSIRT_ROLE_ANALYST] = "analyst",
	[PSIRT_ROLE_ENGINEER] = "engineer",
	[PSIRT_ROLE_VIEWER] = "viewer",
};

static const char *const scope_names[PSIRT_SCOPE__MAX] = {
	[PSIRT_SCOPE_UPLOAD] = "upload",
};

const char *psirt_role_name(enum psirt_role role)
{
	return (unsigned)role < PSIRT_ROLE__MAX ? role_names[role] : NULL;
}

enum psirt_err psirt_role_parse(const char *text, enum psirt_role *out, struct psirt_diag *diag)
{
	for (size_t i = 0; text && i < PSIRT_ROLE__MAX; i++) {
		if (!strcmp(text, role_names[i])) {
			*out = (enum psirt_role)i;
			return PSIRT_OK;
		}
	}
	return psirt_diag_set(diag, PSIRT_EINVAL,
	                      "unknown role '%s' (admin, analyst, engineer, viewer)",
	                      text ? text : "");
}

int psirt_role_sees_embargoed(enum psirt_role role)
{
	return role == PSIRT_ROLE_ADMIN || role == PSIRT_ROLE_ANALYST;
}

int psirt_role_writes_all_products(enum psirt_role role)
{
	return role == PSIRT_ROLE_ADMIN || role == PSIRT_ROLE_ANALYST;
}

const char *psirt_token_scope_name(enum psirt_token_scope scope)
{
	return (unsigned)scope < PSIRT_SCOPE__MAX ? scope_names[scope] : NULL;
}

enum psirt_err psirt_token_scope_parse(const char *text, enum psirt_token_scope *out,
                                       struct psirt_diag *diag)
{
	for (size_t i = 0; text && i < PSIRT_SCOPE__MAX; i++) {
		if (!strcmp(text, scope_names[i])) {
			*out = (enum psirt_token_scope)i;
			return PSIRT_OK;
		}
	}
	return psirt_diag_set(diag, PSIRT_EINVAL, "unknown token scope '%s' (upload)",
	                      text ? text : "");
}

/* libsodium must be initialised once before its random numbers and hashes
 * are used; sodium_init() is thread-safe and cheap after the first call. */
static enum psirt_err sodium_ready(struct psirt_diag *diag)
{
	if (sodium_init() < 0)
		return psirt_diag_set(diag, PSIRT_EINTERNAL, "libsodium cannot initialise");
	return PSIRT_OK;
}

static enum psirt_err check_name(const char *name, struct psirt_diag *diag)
{
	size_t len = name ? strlen(name) : 0, i;

	if (!len)
		return psirt_diag_set(diag, PSIRT_EINVAL, "a user name cannot be empty");
	if (len > PSIRT_USER_MAX_NAME)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "a user name has at most %d bytes",
		                      PSIRT_USER_MAX_NAME);
	if (name[0] == '-' || name[0] == '.')
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "user name '%s' starts with '%c'", name, name[0]);
	for (i = 0; i < len; i++) {
		char c = name[i];

		if (!psirt_isalnum(c) && c != '.' && c != '_' && c != '-' && c != '@')
			return psirt_diag_set(diag, PSIRT_EINVAL,
			                      "user name '%s': only letters, digits and . _ - @"
			                      " are allowed",
			                      name);
	}
	return PSIRT_OK;
}

enum psirt_err psirt_user_password_hash(const char *password, size_t len,
                                        const struct psirt_pwhash_cost *cost,
                                        char out[PSIRT_PWHASH_STRBYTES], struct psirt_diag *diag)
{
	static const struct psirt_pwhash_cost interactive = PSIRT_PWHASH_INTERACTIVE;
	enum psirt_err err;

	if ((err = sodium_ready(diag)))
		return err;
	if (!cost)
		cost = &interactive;
	if (len < PSIRT_USER_MIN_PASSWORD)
		return psirt_diag_set(diag, PSIRT_EINVAL, "a password has at least %d bytes",
		                      PSIRT_USER_MIN_PASSWORD);
	if (len > PSIRT_USER_MAX_PASSWORD)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "a password has at most %d bytes",
		                      PSIRT_USER_MAX_PASSWORD);
	if (crypto_pwhash_str_alg(out, password, len, cost->ops, cost->mem,
	                          crypto_pwhash_ALG_ARGON2ID13) != 0)
		return psirt_diag_set(diag, PSIRT_ENOMEM,
		                      "cannot hash the password (Argon2id needs %zu KiB)",
		                      cost->mem >> 10);
	return PSIRT_OK;
}

int psirt_user_password_verify(const char *hash, const char *password, size_t len)
{
	if (sodium_ready(NULL) || !hash)
		return 0;
	return crypto_pwhash_str_verify(hash, password, len) == 0;
}

/* 32 random bytes as base64url without padding. */
static void new_secret(char out[PSIRT_SECRET_LEN + 1])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, PSIRT_SECRET_LEN + 1, raw, sizeof raw,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

static int is_secret(const char *s)
{
	size_t i;

	for (i = 0; i < PSIRT_SECRET_LEN; i++) {
		if (!psirt_isalnum(s[i]) && s[i] != '-' && s[i] != '_')
			return 0;
	}
	return s[i] == '\0';
}

/* The number in n digits at s (the fixed fields of a canonical instant). */
static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (psirt_isdigit(s[i]) ? s[i] - '0' : 0);
	return v;
}

/* Time arithmetic on canonical instants (psirt/isotime.h). */
static time_t to_epoch(const char *canon)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	/* canonical: YYYY-MM-DDTHH:MM:SS.mmmZ, fixed positions */
	tm.tm_year = digits(canon, 4) - 1900;
	tm.tm_mon = digits(canon + 5, 2) - 1;
	tm.tm_mday = digits(canon + 8, 2);
	tm.tm_hour = digits(canon + 11, 2);
	tm.tm_min = digits(canon + 14, 2);
	tm.tm_sec = digits(canon + 17, 2);
	return timegm(&tm);
}

/* now + seconds (negative: before), canonical. */
static void shift(const char *now, long long seconds, char out[PSIRT_ISOTIME_LEN + 1])
{
	psirt_isotime_from_epoch(to_epoch(now) + (time_t)seconds, 0, out);
}

/* A secret's SHA-256, as stored. */
static void digest(const char *secret, char hex[PSIRT_SHA256_HEX_SIZE])
{
	psirt_sha256_hex(secret, strlen(secret), hex);
}

static enum psirt_err audit(struct psirt_store *store, const char *actor, const char *user,
                            const char *field, const char *old_value, const char *new_value,
                            const char *comment, struct psirt_diag *diag)
{
	struct psirt_audit_entry e = { NULL, actor, "user", user, field, old_value, new_value,
		                       comment };

	return psirt_store_audit_add(store, &e, diag);
}

/* Users ------------------------------------------------------------------*/

static enum psirt_err apply_products(struct psirt_store *store, long long id, const char *name,
                                     const struct psirt_user_edit *edit, const char *actor,
                                     struct psirt_diag *diag)
{
	enum psirt_err err = PSIRT_OK;
	size_t i;

	if (!edit)
		return PSIRT_OK;
	if (edit->n_add_products > PSIRT_USER_MAX_PRODUCTS)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "at most %d products per user",
		                      PSIRT_USER_MAX_PRODUCTS);
	for (i = 0; !err && i < edit->n_add_products; i++) {
		err = psirt_store_user_product(store, id, edit->add_products[i], 1, diag);
		if (!err)
			err = audit(store, actor, name, "product", NULL, edit->add_products[i], NULL,
			            diag);
	}
	for (i = 0; !err && i < edit->n_remove_products; i++) {
		err = psirt_store_user_product(store, id, edit->remove_products[i], 0, diag);
		if (!err)
			err = audit(store, actor, name, "product", edit->remove_products[i], NULL,
			            NULL, diag);
	}
	return err;
}

enum psirt_err psirt_user_add(struct psirt_store *store, const char *name, const char *password,
                              size_t len, const struct psirt_user_edit *edit,
                              const struct psirt_pwhash_cost *cost, const char *actor,
                              struct psirt_diag *diag)
{
	char hash[PSIRT_PWHASH_STRBYTES];
	enum psirt_role role;
	enum psirt_err err;
	long long id;

	if ((err = check_name(name, diag)))
		return err;
	if (!edit || !edit->role)
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "a user needs a role (admin, analyst, engineer, viewer)");
	if ((err = psirt_role_parse(edit->role, &role, diag)))
		return err;
	if (edit->n_remove_products)
		return psirt_diag_set(diag, PSIRT_EINVAL, "a new user has no products to remove");
	if ((err = psirt_user_password_hash(password, len, cost, hash, diag)))
		return err;
	if ((err = psirt_store_begin(store, diag)))
		goto out_wipe;
	err = psirt_store_user_insert(store, name, edit->role, hash, &id, diag);
	if (!err)
		err = audit(store, actor, name, "role", NULL, edit->role, "created", diag);
	if (!err)
		err = apply_products(store, id, name, edit, actor, diag);
	if (!err)
		err = psirt_store_commit(store, diag);
	if (err)
		psirt_store_rollback(store);

out_wipe:
	sodium_memzero(hash, sizeof hash);
	return err;
}

/* Begins a transaction and reads the user. */
static enum psirt_err begin_user(struct psirt_store *store, const char *name,
                                 struct psirt_arena *arena, struct psirt_store_user_row *row,
                                 struct psirt_diag *diag)
{
	enum psirt_err err = psirt_store_begin(store, diag);

	if (err)
		return err;
	err = psirt_store_user_find(store, name, arena, row, diag);
	if (err)
		psirt_store_rollback(store);
	return err;
}

static enum psirt_err end_user(struct psirt_store *store, enum psirt_err err,
                               struct psirt_diag *diag)
{
	if (!err)
		err = psirt_store_commit(store, diag);
	if (err)
		psirt_store_rollback(store);
	return err;
}

enum psirt_err psirt_user_set(struct psirt_store *store, const char *name,
                              const struct psirt_user_edit *edit, const char *actor,
                              struct psirt_diag *diag)
{
	struct psirt_arena arena;
	struct psirt_store_user_row row;
	enum psirt_role role;
	enum psirt_err err;

	if (edit && edit->role && (err = psirt_role_parse(edit->role, &role, diag)))
		return err;
	psirt_arena_init(&arena, 1024);
	if ((err = begin_user(store, name, &arena, &row, diag)))
		goto out_release;
	if (edit && edit->role && strcmp(edit->role, row.role)) {
		err = psirt_store_user_update(store, row.id, edit->role, NULL, -1, diag);
		if (!err)
			err = audit(store, actor, name, "role", row.role, edit->role, NULL, diag);
		/* rights are read per request, but a demoted user's open browser
		 * tab should not keep a CSRF token minted for the old role */
		if (!err)
			err = psirt_store_session_delete(store, NULL, row.id, diag);
	}
	if (!err)
		err = apply_products(store, row.id, name, edit, actor, diag);
	err = end_user(store, err, diag);

out_release:
	psirt_arena_release(&arena);
	return err;
}

enum psirt_err psirt_user_passwd(struct psirt_store *store, const char *name,
                                 const char *password, size_t len,
                                 const struct psirt_pwhash_cost *cost, const char *actor,
                                 struct psirt_diag *diag)
{
	char hash[PSIRT_PWHASH_STRBYTES];
	struct psirt_arena arena;
	struct psirt_store_user_row row;
	enum psirt_err err;

	if ((err = psirt_user_password_hash(password, len, cost, hash, diag)))
		return err;
	psirt_arena_init(&arena, 1024);
	if ((err = begin_user(store, name, &arena, &row, diag)))
		goto out_release;
	err = psirt_store_user_update(store, row.id, NULL, hash, -1, diag);
	if (!err)
		err = psirt_store_session_delete(store, NULL, row.id, diag);
	if (!err) /* never the hash itself: the log is read by more people */
		err = audit(store, actor, name, "password", NULL, NULL, "changed", diag);
	err = end_user(store, err, diag);

out_release:
	sodium_memzero(hash, sizeof hash);
	psirt_arena_release(&arena);
	return err;
}

enum psirt_err psirt_user_disable(struct psirt_store *store, const char *name, int disabled,
                                  const char *actor, struct psirt_diag *diag)
{
	struct psirt_arena arena;
	struct psirt_store_user_row row;
	enum psirt_err err;

	disabled = disabled != 0;
	psirt_arena_init(&arena, 1024);
	if ((err = begin_user(store, name, &arena, &row, diag)))
		goto out_release;
	if (row.disabled != disabled) {
		err = psirt_store_user_update(store, row.id, NULL, NULL, disabled, diag);
		if (!err && disabled)
			err = psirt_store_session_delete(store, NULL, row.id, diag);
		if (!err)
			err = audit(store, actor, name, "disabled", row.disabled ? "true" : "false",
			            disabled ? "true" : "false", NULL, diag);
	}
	err = end_user(store, err, diag);

out_release:
	psirt_arena_release(&arena);
	return err;
}

enum psirt_err psirt_user_list(struct psirt_store *store, const char *name,
                               struct psirt_users **out, struct psirt_diag *diag)
{
	struct psirt_users *u = calloc(1, sizeof *u);
	enum psirt_err err;

	*out = NULL;
	if (!u)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	psirt_arena_init(&u->arena, 0);
	err = psirt_store_user_list(store, name, &u->arena, &u->items, &u->n, diag);
	if (!err && name && !u->n)
		err = psirt_diag_set(diag, PSIRT_ENOTFOUND, "no user '%s'", name);
	if (err) {
		psirt_users_free(u);
		return err;
	}
	*out = u;
	return PSIRT_OK;
}

void psirt_users_free(struct psirt_users *u)
{
	if (!u)
		return;
	psirt_arena_release(&u->arena);
	free(u);
}

enum psirt_err psirt_user_token_new(struct psirt_store *store, const char *name,
                                    const char *scope, const char *actor,
                                    char token[PSIRT_TOKEN_LEN + 1], long long *id,
                                    struct psirt_diag *diag)
{
	char secret[PSIRT_SECRET_LEN + 1], hex[PSIRT_SHA256_HEX_SIZE], note[64];
	struct psirt_arena arena;
	struct psirt_store_user_row row;
	enum psirt_token_scope sc;
	enum psirt_role role;
	enum psirt_err err;
	long long tid = 0;

	token[0] = '\0';
	if (!scope)
		scope = "upload";
	if ((err = psirt_token_scope_parse(scope, &sc, diag)) || (err = sodium_ready(diag)))
		return err;
	psirt_arena_init(&arena, 1024);
	if ((err = begin_user(store, name, &arena, &row, diag)))
		goto out_release;
	if (!psirt_role_parse(row.role, &role, NULL) && role == PSIRT_ROLE_VIEWER &&
	    sc == PSIRT_SCOPE_UPLOAD)
		err = psirt_diag_set(diag, PSIRT_EINVAL,
		                     "user '%s' is a viewer: an upload token would not work", name);
	if (!err && row.disabled)
		err = psirt_diag_set(diag, PSIRT_EINVAL, "user '%s' is disabled", name);
	if (!err) {
		size_t live;

		err = psirt_store_token_count(store, row.id, &live, diag);
		if (!err && live >= PSIRT_USER_MAX_TOKENS)
			err = psirt_diag_set(diag, PSIRT_ETOOBIG,
			                     "user '%s' has %d live API tokens: revoke one first", name,
			                     PSIRT_USER_MAX_TOKENS);
	}
	if (!err) {
		new_secret(secret);
		memcpy(token, PSIRT_TOKEN_PREFIX, 6);
		memcpy(token + 6, secret, PSIRT_SECRET_LEN + 1);
		digest(token, hex);
		err = psirt_store_token_insert(store, hex, row.id, scope, &tid, diag);
	}
	if (!err) {
		snprintf(note, sizeof note, "%s token %lld", scope, tid);
		err = audit(store, actor, name, "token", NULL, note, "created", diag);
	}
	err = end_user(store, err, diag);
	if (err)
		sodium_memzero(token, PSIRT_TOKEN_LEN + 1);
	else if (id)
		*id = tid;
	sodium_memzero(secret, sizeof secret);

out_release:
	psirt_arena_release(&arena);
	return err;
}

enum psirt_err psirt_user_token_list(struct psirt_store *store, const char *user, long long id,
                                     struct psirt_tokens **out, struct psirt_diag *diag)
{
	struct psirt_tokens *t;
	struct psirt_store_user_row row;
	enum psirt_err err = PSIRT_OK;

	*out = NULL;
	t = calloc(1, sizeof *t);
	if (!t)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	psirt_arena_init(&t->arena, 4096);
	/* a named user must exist: an empty list would hide a typo */
	if (user)
		err = psirt_store_user_find(store, user, &t->arena, &row, diag);
	if (!err)
		err = psirt_store_token_list(store, user, id, &t->arena, &t->items, &t->n, diag);
	if (!err && id > 0 && !t->n)
		err = psirt_diag_set(diag, PSIRT_ENOTFOUND, "no API token %lld", id);
	if (err) {
		psirt_tokens_free(t);
		return err;
	}
	*out = t;
	return PSIRT_OK;
}

struct json_t *psirt_token_json(const struct psirt_token *t)
{
	/* s:s? gives null for a NULL string */
	return json_pack("{s:I, s:s, s:s, s:s?, s:s?, s:s?, s:s?}", "id", (json_int_t)t->id,
	                 "user", t->user, "scope", psirt_token_scope_name(t->scope), "created",
	                 t->created_at, "lastUsed", t->last_used, "revoked", t->revoked_at,
	                 "revokedBy", t->revoked_by);
}

void psirt_tokens_free(struct psirt_tokens *t)
{
	if (!t)
		return;
	psirt_arena_release(&t->arena);
	free(t);
}

enum psirt_err psirt_user_token_revoke(struct psirt_store *store, long long id,
                                       const char *owner, const char *actor,
                                       struct psirt_diag *diag)
{
	struct psirt_arena arena;
	struct psirt_token *items;
	enum psirt_err err;
	char note[64];
	size_t n;
	int changed = 0;

	if (id <= 0)
		return psirt_diag_set(diag, PSIRT_ENOTFOUND, "no API token %lld", id);
	if ((err = psirt_store_begin(store, diag)))
		return err;
	psirt_arena_init(&arena, 1024);
	err = psirt_store_token_list(store, NULL, id, &arena, &items, &n, diag);
	/* another user's token answers as a missing one: ids are not probed */
	if (!err && (!n || (owner && strcmp(owner, items[0].user))))
		err = psirt_diag_set(diag, PSIRT_ENOTFOUND, "no API token %lld", id);
	if (!err)
		err = psirt_store_token_revoke(store, id, actor, &changed, diag);
	if (!err && !changed)
		err = psirt_diag_set(diag, PSIRT_EINVAL, "API token %lld is already revoked", id);
	if (!err) {
		snprintf(note, sizeof note, "%s token %lld", psirt_token_scope_name(items[0].scope),
		         id);
		err = audit(store, actor, items[0].user, "token", note, NULL, "revoked", diag);
	}
	err = end_user(store, err, diag);
	psirt_arena_release(&arena);
	return err;
}

/* Authentication ---------------------------------------------------------*/

/* An Argon2id string of a random password nobody knows, with the
 * interactive cost: verified when the user does not exist so that the
 * answer takes as long as for a real one. */
static const char builtin_dummy_hash[] =
	"$argon2id$v=19$m=65536,t=2,p=1$hZ/l/PXyfZcBuU/O3TtsLg$"
	"LRg2ob/FBqn/plxTTarrMAmQldNt7r4CEC8VeQv31JA";

/* Seconds until the oldest failure of the window leaves it. */
static unsigned retry_after(const char *oldest, const char *now, unsigned window_s)
{
	long long left = (long long)(to_epoch(oldest) - to_epoch(now)) + (long long)window_s;

	return left < 1 ? 1 : (unsigned)left;
}

static enum psirt_err fill_principal(struct psirt_arena *arena, long long user_id,
                                     const char *name, const char *role, const char *csrf,
                                     const char *expires, struct psirt_principal *who,
                                     struct psirt_diag *diag)
{
	memset(who, 0, sizeof *who);
	who->user_id = user_id;
	who->name = psirt_arena_strdup(arena, name);
	who->csrf = csrf ? psirt_arena_strdup(arena, csrf) : NULL;
	who->expires = expires ? psirt_arena_strdup(arena, expires) : NULL;
	if (!who->name || (csrf && !who->csrf) || (expires && !who->expires))
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	if (psirt_role_parse(role, &who->role, NULL))
		return psirt_diag_set(diag, PSIRT_EINTERNAL, "user '%s' has an unknown role", name);
	return PSIRT_OK;
}

enum psirt_err psirt_user_login(struct psirt_store *store, const char *name, const char *password,
                                size_t len, const char *client,
                                const struct psirt_auth_policy *policy,
                                enum psirt_login_outcome *outcome, unsigned *retry_after_s,
                                struct psirt_session_new *session, struct psirt_arena *arena,
                                struct psirt_principal *who, struct psirt_diag *diag)
{
	char now[PSIRT_ISOTIME_LEN + 1], since[PSIRT_ISOTIME_LEN + 1],
	     oldest[PSIRT_ISOTIME_LEN + 1], idle[PSIRT_ISOTIME_LEN + 1],
	     hex[PSIRT_SHA256_HEX_SIZE];
	struct psirt_store_user_row row;
	enum psirt_err err;
	unsigned failures;
	int ok, known;

	*outcome = PSIRT_LOGIN_DENIED;
	*retry_after_s = 0;
	memset(session, 0, sizeof *session);
	memset(who, 0, sizeof *who);
	if (!client)
		client = "";
	if ((err = sodium_ready(diag)))
		return err;
	psirt_isotime_now(now);
	shift(now, -(long long)policy->window_s, since);

	/* The rate limit first: a throttled attempt costs no Argon2 run and is
	 * not counted (it was not tried), so waiting out the window works. */
	if ((err = psirt_store_login_failures(store, name, NULL, since, &failures, oldest, diag)))
		return err;
	if (failures >= policy->max_failures) {
		*outcome = PSIRT_LOGIN_THROTTLED;
		*retry_after_s = retry_after(oldest, now, policy->window_s);
		return PSIRT_OK;
	}
	if (*client) {
		if ((err = psirt_store_login_failures(store, NULL, client, since, &failures, oldest,
		                                      diag)))
			return err;
		if (failures >= policy->max_client_failures) {
			*outcome = PSIRT_LOGIN_THROTTLED;
			*retry_after_s = retry_after(oldest, now, policy->window_s);
			return PSIRT_OK;
		}
	}

	{
		struct psirt_diag d = PSIRT_DIAG_INIT;

		err = psirt_store_user_find(store, name, arena, &row, &d);
		if (err && err != PSIRT_ENOTFOUND)
			psirt_diag_set(diag, err, "%s", d.message);
		psirt_diag_release(&d);
		if (err && err != PSIRT_ENOTFOUND)
			return err;
		known = err == PSIRT_OK;
	}
	ok = psirt_user_password_verify(known ? row.password_hash
	                                      : policy->dummy_hash ? policy->dummy_hash
	                                                           : builtin_dummy_hash,
	                                password, len) &&
	     known && !row.disabled;

	if ((err = psirt_store_begin(store, diag)))
		return err;
	err = psirt_store_login_attempt(store, name, client, ok, diag);
	if (!err)
		err = psirt_store_login_prune(store, since, diag);
	if (!err && ok) {
		shift(now, -(long long)policy->session_idle_s, idle);
		err = psirt_store_session_prune(store, now, idle, diag);
		new_secret(session->id);
		new_secret(session->csrf);
		shift(now, policy->session_ttl_s, session->expires);
		digest(session->id, hex);
		if (!err)
			err = psirt_store_session_insert(store, hex, row.id, session->csrf,
			                                 session->expires, client, diag);
		if (!err)
			err = fill_principal(arena, row.id, row.name, row.role, session->csrf,
			                     session->expires, who, diag);
	}
	if (!err)
		err = psirt_store_commit(store, diag);
	if (err) {
		psirt_store_rollback(store);
		sodium_memzero(session, sizeof *session);
		return err;
	}
	*outcome = ok ? PSIRT_LOGIN_OK : PSIRT_LOGIN_DENIED;
	return PSIRT_OK;
}

enum psirt_err psirt_user_session_check(struct psirt_store *store, const char *id,
                                        const struct psirt_auth_policy *policy,
                                        struct psirt_arena *arena, struct psirt_principal *who,
                                        struct psirt_diag *diag)
{
	char now[PSIRT_ISOTIME_LEN + 1], limit[PSIRT_ISOTIME_LEN + 1],
	     hex[PSIRT_SHA256_HEX_SIZE];
	struct psirt_store_session_row row;
	enum psirt_err err;

	memset(who, 0, sizeof *who);
	if (!id || !is_secret(id))
		return psirt_diag_set(diag, PSIRT_ENOTFOUND, "no such session");
	digest(id, hex);
	if ((err = psirt_store_session_find(store, hex, arena, &row, diag)))
		return err;
	psirt_isotime_now(now);
	shift(now, -(long long)policy->session_idle_s, limit);
	if (strcmp(row.expires_at, now) <= 0 || strcmp(row.last_seen, limit) < 0 || row.disabled)
		return psirt_diag_set(diag, PSIRT_ENOTFOUND, "the session has ended");
	shift(now, -TOUCH_EVERY_S, limit);
	/* best effort: a busy writer must not turn a read into an error */
	if (strcmp(row.last_seen, limit) < 0)
		psirt_store_session_touch(store, hex, NULL);
	return fill_principal(arena, row.user_id, row.user_name, row.role, row.csrf,
	                      row.expires_at, who, diag);
}

enum psirt_err psirt_user_session_end(struct psirt_store *store, const char *id,
                                      struct psirt_diag *diag)
{
	char hex[PSIRT_SHA256_HEX_SIZE];

	if (!id || !is_secret(id))
		return PSIRT_OK;
	digest(id, hex);
	return psirt_store_session_delete(store, hex, 0, diag);
}

enum psirt_err psirt_user_token_check(struct psirt_store *store, const char *token,
                                      struct psirt_arena *arena, struct psirt_principal *who,
                                      struct psirt_diag *diag)
{
	char now[PSIRT_ISOTIME_LEN + 1], limit[PSIRT_ISOTIME_LEN + 1],
	     hex[PSIRT_SHA256_HEX_SIZE];
	struct psirt_store_token_row row;
	enum psirt_err err;

	memset(who, 0, sizeof *who);
	if (!token || strncmp(token, PSIRT_TOKEN_PREFIX, 6) || !is_secret(token + 6))
		return psirt_diag_set(diag, PSIRT_ENOTFOUND, "no such API token");
	digest(token, hex);
	if ((err = psirt_store_token_find(store, hex, arena, &row, diag)))
		return err;
	if (row.disabled)
		return psirt_diag_set(diag, PSIRT_ENOTFOUND, "the token's user is disabled");
	if (row.revoked_at)
		return psirt_diag_set(diag, PSIRT_ENOTFOUND, "the API token is revoked");
	psirt_isotime_now(now);
	shift(now, -TOUCH_EVERY_S, limit);
	if (!row.last_used || strcmp(row.last_used, limit) < 0)
		psirt_store_token_touch(store, row.id, NULL);
	if ((err = fill_principal(arena, row.user_id, row.user_name, row.role, NULL, NULL, who,
	                          diag)))
		return err;
	who->via_token = 1;
	if (psirt_token_scope_parse(row.scope, &who->scope, NULL))
		return psirt_diag_set(diag, PSIRT_EINTERNAL, "a token has an unknown scope");
	return PSIRT_OK;
}

enum psirt_err psirt_user_may_write_product(struct psirt_store *store,
                                            const struct psirt_principal *who,
                                            const char *product, int *may,
                                            struct psirt_diag *diag)
{
	*may = 0;
	if (psirt_role_writes_all_products(who->role)) {
		*may = 1;
		return PSIRT_OK;
	}
	if (who->role != PSIRT_ROLE_ENGINEER)
		return PSIRT_OK;
	return psirt_store_user_owns_product(store, who->user_id, who->name, product, may, diag);
}
