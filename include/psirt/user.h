/* psirt — users and access: roles, users, passwords, browser sessions, API
 * tokens and the login rate limit (the server's front door, `psirt user`).
 *
 * Roles (issue 7):
 *   admin     everything, users included
 *   analyst   triage: reads and changes every product; sees embargoed data
 *   engineer  reads like a viewer; changes only the products they own: a
 *             product whose owner field is the user's name, or one on the
 *             user's explicit product list
 *   viewer    reads; never sees embargoed data
 * The capabilities are functions below, so front doors do not repeat the
 * rules.
 *
 * Secrets are never stored. A password is kept as an Argon2id string
 * (libsodium crypto_pwhash_str, with the cost below); a session as the
 * SHA-256 of its cookie value; an API token as the SHA-256 of its text. Both
 * are 256-bit random values, so a fast hash is enough: there is nothing to
 * guess from the digest (unlike a password).
 *
 * Two layers, one header (as portfolio.h): psirt_user_* validate, hash and
 * write the audit log (entity "user", id the user name); psirt_store_user_*
 * are the SQL underneath (src/store/user.c).
 *
 * Memory: read functions return one owned object with an arena (free with
 * the matching _free), or fill structs from the caller's arena. Inputs are
 * borrowed.
 */
#ifndef PSIRT_USER_H
#define PSIRT_USER_H

#include <stddef.h>

#include "psirt/arena.h"
#include "psirt/error.h"
#include "psirt/isotime.h"
#include "psirt/store.h"

enum psirt_role {
	PSIRT_ROLE_ADMIN,
	PSIRT_ROLE_ANALYST,
	PSIRT_ROLE_ENGINEER,
	PSIRT_ROLE_VIEWER,
	PSIRT_ROLE__MAX
};

/* "admin", "analyst", "engineer", "viewer"; NULL out of range. */
const char *psirt_role_name(enum psirt_role role);
/* Exact lower-case name. EINVAL "unknown role 'x' (admin, analyst,
 * engineer, viewer)". */
enum psirt_err psirt_role_parse(const char *text, enum psirt_role *out, struct psirt_diag *diag);

/* Capabilities. */
/* May see embargoed vulnerabilities: admin and analyst. Engineers do not
 * (need to know: once findings link a vulnerability to products, an
 * engineer owning an affected product may be let in). */
int psirt_role_sees_embargoed(enum psirt_role role);
/* May change any product (upload SBOMs): admin and analyst. Engineers only
 * their own (psirt_store_user_owns_product). */
int psirt_role_writes_all_products(enum psirt_role role);

/* What an API token may do. */
enum psirt_token_scope {
	PSIRT_SCOPE_UPLOAD, /* upload SBOMs, with the rights of its user */
	PSIRT_SCOPE__MAX
};
/* "upload"; NULL out of range. */
const char *psirt_token_scope_name(enum psirt_token_scope scope);
enum psirt_err psirt_token_scope_parse(const char *text, enum psirt_token_scope *out,
                                       struct psirt_diag *diag);

/* User names: 1..64 bytes of letters, digits, '.', '_', '-', '@', not
 * starting with '-' or '.' (login names and mail addresses; nothing that
 * needs escaping in a cookie, a log line or a URL). */
#define PSIRT_USER_MAX_NAME 64
/* Passwords: 8 bytes at least (NIST SP 800-63B §5.1.1.2 sets 8 as the
 * floor for chosen secrets), 1024 at most (Argon2 takes any length; the cap
 * only bounds what a request may make us hash). */
#define PSIRT_USER_MIN_PASSWORD 8
#define PSIRT_USER_MAX_PASSWORD 1024
/* Products on an explicit list. */
#define PSIRT_USER_MAX_PRODUCTS 10000

/* Argon2id cost. The default is libsodium's "interactive" pair
 * (crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE:
 * 2 passes over 64 MiB, about 70 ms on one core of the 2-core test
 * machine): a login a person waits for, and 64 MiB per guess for an
 * attacker with the hashes. libsodium's "moderate" (3 passes, 256 MiB,
 * ~0.4 s) would let a handful of concurrent logins take a gigabyte.
 * Tests and the fuzz target use the minimum (1 pass, 8 KiB). The cost is
 * part of each stored string, so changing it needs no migration: old
 * hashes keep verifying. */
struct psirt_pwhash_cost {
	unsigned long long ops;
	size_t mem;
};
#define PSIRT_PWHASH_INTERACTIVE { 2ULL, (size_t)64 << 20 }
#define PSIRT_PWHASH_MIN { 1ULL, (size_t)8192 }
/* Longest Argon2id string crypto_pwhash_str writes, with its NUL
 * (crypto_pwhash_STRBYTES). */
#define PSIRT_PWHASH_STRBYTES 128

/* Hashes password (len bytes) into out. EINVAL (too short or long),
 * ENOMEM (Argon2 could not get its memory). */
enum psirt_err psirt_user_password_hash(const char *password, size_t len,
                                        const struct psirt_pwhash_cost *cost,
                                        char out[PSIRT_PWHASH_STRBYTES], struct psirt_diag *diag);
/* 1 when password matches the stored hash, else 0 (also for a malformed
 * hash). Constant time in the password's content. */
int psirt_user_password_verify(const char *hash, const char *password, size_t len);

/* Random secrets, base64url without padding (RFC 4648 §5): 32 random bytes
 * from the kernel (libsodium randombytes) → 43 characters. */
#define PSIRT_SECRET_LEN 43
/* An API token: "psirt_" + a secret; the prefix lets secret scanners find
 * leaked tokens (GitHub's token format does the same). */
#define PSIRT_TOKEN_PREFIX "psirt_"
#define PSIRT_TOKEN_LEN (6 + PSIRT_SECRET_LEN)

/* Users ------------------------------------------------------------------*/

struct psirt_user {
	long long id;
	const char *name;
	enum psirt_role role;
	int disabled;
	const char *created_at, *updated_at;
	const char **products; /* explicit product list, by name */
	size_t n_products;
	size_t n_tokens, n_sessions; /* API tokens, live sessions */
};

struct psirt_users {
	struct psirt_user *items; /* by name */
	size_t n;
	struct psirt_arena arena;
};

/* A change to a user; NULL / empty leaves a field as it is. */
struct psirt_user_edit {
	const char *role;
	const char *const *add_products;
	size_t n_add_products;
	const char *const *remove_products;
	size_t n_remove_products;
};

/* Adds a user (name rules above) with role (text) and password (len
 * bytes), hashed with cost (NULL: interactive); edit (may be NULL) may add
 * products (each must exist: ENOTFOUND). One transaction; audit rows.
 * Errors: EINVAL (bad name, role, password; "user 'x' exists"), ETOOBIG,
 * ENOTFOUND, ESTORE, ENOMEM. */
enum psirt_err psirt_user_add(struct psirt_store *store, const char *name, const char *password,
                              size_t len, const struct psirt_user_edit *edit,
                              const struct psirt_pwhash_cost *cost, const char *actor,
                              struct psirt_diag *diag);
/* Changes role and product list. A role change ends the user's sessions
 * (rights are read at login). ENOTFOUND "no user 'x'" (or a product). */
enum psirt_err psirt_user_set(struct psirt_store *store, const char *name,
                              const struct psirt_user_edit *edit, const char *actor,
                              struct psirt_diag *diag);
/* Sets a new password and ends the user's sessions. */
enum psirt_err psirt_user_passwd(struct psirt_store *store, const char *name,
                                 const char *password, size_t len,
                                 const struct psirt_pwhash_cost *cost, const char *actor,
                                 struct psirt_diag *diag);
/* Disables (disabled 1) or enables (0) a user. Disabling ends the user's
 * sessions and stops its API tokens from working (they are kept, so that
 * enabling again restores them). */
enum psirt_err psirt_user_disable(struct psirt_store *store, const char *name, int disabled,
                                  const char *actor, struct psirt_diag *diag);
/* Every user (name NULL) or one (ENOTFOUND), owned: free with
 * psirt_users_free. */
enum psirt_err psirt_user_list(struct psirt_store *store, const char *name,
                               struct psirt_users **out, struct psirt_diag *diag);
void psirt_users_free(struct psirt_users *u);
/* Makes an API token for user name with scope (text; NULL: "upload") and
 * writes it, NUL-terminated, into token: the only time it exists in clear.
 * A viewer cannot upload, so gets no upload token (EINVAL); a user with
 * PSIRT_USER_MAX_TOKENS live tokens gets no more (ETOOBIG). *id (may be
 * NULL) receives the token's id. Audited. */
enum psirt_err psirt_user_token_new(struct psirt_store *store, const char *name,
                                    const char *scope, const char *actor,
                                    char token[PSIRT_TOKEN_LEN + 1], long long *id,
                                    struct psirt_diag *diag);

/* Live (unrevoked) API tokens a user may hold: a cap on what a script
 * calling POST /api/tokens in a loop can make. */
#define PSIRT_USER_MAX_TOKENS 100

/* An API token as listed: never its text (only its hash is stored). */
struct psirt_token {
	long long id;
	const char *user;
	enum psirt_token_scope scope;
	const char *created_at;
	const char *last_used;  /* NULL: never used (written at most once a minute) */
	const char *revoked_at; /* NULL: live */
	const char *revoked_by; /* who revoked it; NULL when live */
};

struct psirt_tokens {
	struct psirt_token *items; /* by id */
	size_t n;
	struct psirt_arena arena;
};

/* API tokens, revoked ones included: every user's (user NULL) or one
 * user's (ENOTFOUND "no user 'x'"), and only token id when id > 0
 * (ENOTFOUND "no API token N" when there is none, or none of user's).
 * Owned: free with psirt_tokens_free. */
enum psirt_err psirt_user_token_list(struct psirt_store *store, const char *user, long long id,
                                     struct psirt_tokens **out, struct psirt_diag *diag);
void psirt_tokens_free(struct psirt_tokens *t);
/* A token as JSON, one shape for `psirt user token list --json` and GET
 * /api/tokens: {"id", "user", "scope", "created", "lastUsed", "revoked",
 * "revokedBy"} (the last three null when unset). A new reference, NULL when
 * out of memory. */
struct json_t *psirt_token_json(const struct psirt_token *t);
/* Revokes API token id: refused from now on (psirt_user_token_check), kept
 * in the list with the time and actor; an audit row. With owner (a user
 * name) only a token of owner's may be revoked: another user's is
 * ENOTFOUND like a token that does not exist (no probing of ids). Errors:
 * ENOTFOUND "no API token N", EINVAL "API token N is already revoked",
 * ESTORE. */
enum psirt_err psirt_user_token_revoke(struct psirt_store *store, long long id,
                                       const char *owner, const char *actor,
                                       struct psirt_diag *diag);

/* Authentication (for the server) ---------------------------------------*/

/* The rules of logging in and of sessions. */
struct psirt_auth_policy {
	unsigned max_failures;        /* failed logins per user name ... */
	unsigned max_client_failures; /* ... and per client address ... */
	unsigned window_s;            /* ... within this many seconds, before 429 */
	unsigned session_ttl_s;  /* a session ends this long after login */
	unsigned session_idle_s; /* ... or this long after its last request */
	/* An Argon2id string verified when the user does not exist, so that the
	 * answer takes as long as for a real user (no user enumeration by
	 * timing). NULL: a built-in one with the interactive cost. */
	const char *dummy_hash;
};
/* 5 failures per user name in 15 minutes (OWASP Authentication Cheat
 * Sheet's example); 20 per address, since a team behind one NAT address
 * shares it and one colleague's typos should not lock out the others, while
 * guessing across many names from one address is still cut short; sessions
 * live 12 h, 2 h idle (OWASP Session Management: 2–8 h idle for low-risk
 * applications, shorter for high-value data). */
#define PSIRT_AUTH_POLICY_DEFAULT { 5, 20, 900, 43200, 7200, NULL }

/* Who is asking, once authenticated. Strings in the caller's arena. */
struct psirt_principal {
	long long user_id;
	const char *name;
	enum psirt_role role;
	int via_token;                /* an API token, else a session */
	enum psirt_token_scope scope; /* of the token */
	const char *csrf;             /* the session's CSRF token; NULL for tokens */
	const char *expires;          /* the session's end; NULL for tokens */
};

enum psirt_login_outcome {
	PSIRT_LOGIN_OK,
	PSIRT_LOGIN_DENIED,    /* no such user, wrong password or disabled: one
	                          answer for all, so names cannot be probed */
	PSIRT_LOGIN_THROTTLED, /* too many failures: *retry_after_s says when */
};

/* A new session: the cookie value and the CSRF token (both secrets) and
 * when it ends. */
struct psirt_session_new {
	char id[PSIRT_SECRET_LEN + 1];
	char csrf[PSIRT_SECRET_LEN + 1];
	char expires[PSIRT_ISOTIME_LEN + 1];
};

/* Checks name and password (len bytes) for a login from client (an address;
 * "" when unknown) under policy's rate limit, records the attempt and, when
 * they match, creates a session (filled into *session and *who, strings in
 * arena). The outcome is in *outcome; an error is only a store or memory
 * failure. Also prunes expired sessions and attempts older than the
 * window. */
enum psirt_err psirt_user_login(struct psirt_store *store, const char *name, const char *password,
                                size_t len, const char *client,
                                const struct psirt_auth_policy *policy,
                                enum psirt_login_outcome *outcome, unsigned *retry_after_s,
                                struct psirt_session_new *session, struct psirt_arena *arena,
                                struct psirt_principal *who, struct psirt_diag *diag);
/* The session whose cookie value is id: fills *who (strings in arena).
 * ENOTFOUND when there is none, it has ended (lifetime or idle time), or its
 * user is disabled. Notes the request as the session's last one (written at
 * most once a minute, so that reads stay reads). */
enum psirt_err psirt_user_session_check(struct psirt_store *store, const char *id,
                                        const struct psirt_auth_policy *policy,
                                        struct psirt_arena *arena, struct psirt_principal *who,
                                        struct psirt_diag *diag);
/* Ends the session (logout); no error when there is none. */
enum psirt_err psirt_user_session_end(struct psirt_store *store, const char *id,
                                      struct psirt_diag *diag);
/* The API token text (with its prefix): fills *who. ENOTFOUND for an
 * unknown or revoked token or a disabled user. Notes its last use (at most
 * once a minute). */
enum psirt_err psirt_user_token_check(struct psirt_store *store, const char *token,
                                      struct psirt_arena *arena, struct psirt_principal *who,
                                      struct psirt_diag *diag);
/* May who change product (upload an SBOM to it)? admin and analyst: yes;
 * engineer: when they own it (see the head of this file); viewer: no. An
 * API token adds nothing to its user's rights. *may is 0 or 1; a product
 * that does not exist gives 0 for an engineer (the caller answers 404 or
 * 403 as it sees fit). */
enum psirt_err psirt_user_may_write_product(struct psirt_store *store,
                                            const struct psirt_principal *who,
                                            const char *product, int *may,
                                            struct psirt_diag *diag);

/* Store layer (src/store/user.c) ----------------------------------------
 * Typed SQL for the functions above; no validation, the caller's
 * transaction where it has one. Times are the store's clock. */

struct psirt_store_user_row {
	long long id;
	const char *name;
	const char *role;
	const char *password_hash;
	int disabled;
};

/* Adds the user; *id receives its id. EINVAL when the name exists. */
enum psirt_err psirt_store_user_insert(struct psirt_store *store, const char *name,
                                       const char *role, const char *password_hash,
                                       long long *id, struct psirt_diag *diag);
/* The user row (strings in arena). ENOTFOUND. */
enum psirt_err psirt_store_user_find(struct psirt_store *store, const char *name,
                                     struct psirt_arena *arena,
                                     struct psirt_store_user_row *out, struct psirt_diag *diag);
/* Sets one of role / password_hash / disabled (NULL and -1 leave them). */
enum psirt_err psirt_store_user_update(struct psirt_store *store, long long id, const char *role,
                                       const char *password_hash, int disabled,
                                       struct psirt_diag *diag);
/* Adds (add 1) or removes (0) product on the user's list. ENOTFOUND when
 * the product does not exist or, for a removal, is not on the list. */
enum psirt_err psirt_store_user_product(struct psirt_store *store, long long user_id,
                                        const char *product, int add, struct psirt_diag *diag);
/* Every user (name NULL) or one, with products and counts (now: for live
 * sessions). */
enum psirt_err psirt_store_user_list(struct psirt_store *store, const char *name,
                                     struct psirt_arena *arena, struct psirt_user **items,
                                     size_t *n, struct psirt_diag *diag);
/* Does user (id, name) own product? */
enum psirt_err psirt_store_user_owns_product(struct psirt_store *store, long long user_id,
                                             const char *user_name, const char *product,
                                             int *owns, struct psirt_diag *diag);

enum psirt_err psirt_store_session_insert(struct psirt_store *store, const char *id_hash,
                                          long long user_id, const char *csrf,
                                          const char *expires, const char *client,
                                          struct psirt_diag *diag);
/* The session with that hash, joined to its user. ENOTFOUND. */
struct psirt_store_session_row {
	long long user_id;
	const char *user_name, *role, *csrf, *created_at, *expires_at, *last_seen;
	int disabled;
};
enum psirt_err psirt_store_session_find(struct psirt_store *store, const char *id_hash,
                                        struct psirt_arena *arena,
                                        struct psirt_store_session_row *out,
                                        struct psirt_diag *diag);
enum psirt_err psirt_store_session_touch(struct psirt_store *store, const char *id_hash,
                                         struct psirt_diag *diag);
/* Deletes one session (id_hash) or every session of a user (id_hash NULL). */
enum psirt_err psirt_store_session_delete(struct psirt_store *store, const char *id_hash,
                                          long long user_id, struct psirt_diag *diag);
/* Deletes sessions that ended before now, and those idle since before
 * idle_before. */
enum psirt_err psirt_store_session_prune(struct psirt_store *store, const char *now,
                                         const char *idle_before, struct psirt_diag *diag);

enum psirt_err psirt_store_token_insert(struct psirt_store *store, const char *hash,
                                        long long user_id, const char *scope, long long *id,
                                        struct psirt_diag *diag);
struct psirt_store_token_row {
	long long id, user_id;
	const char *user_name, *role, *scope, *last_used;
	int disabled;
	const char *revoked_at; /* NULL: live */
};
enum psirt_err psirt_store_token_find(struct psirt_store *store, const char *hash,
                                      struct psirt_arena *arena,
                                      struct psirt_store_token_row *out, struct psirt_diag *diag);
enum psirt_err psirt_store_token_touch(struct psirt_store *store, long long id,
                                       struct psirt_diag *diag);
/* Tokens (src/store/token.c), by id: every one (user_name NULL) or one
 * user's, only id when id > 0. Strings in arena. */
enum psirt_err psirt_store_token_list(struct psirt_store *store, const char *user_name,
                                      long long id, struct psirt_arena *arena,
                                      struct psirt_token **items, size_t *n,
                                      struct psirt_diag *diag);
/* Marks token id revoked now by actor, unless it already is: *changed 0
 * then. */
enum psirt_err psirt_store_token_revoke(struct psirt_store *store, long long id,
                                        const char *actor, int *changed,
                                        struct psirt_diag *diag);
/* The user's live tokens. */
enum psirt_err psirt_store_token_count(struct psirt_store *store, long long user_id,
                                       size_t *n, struct psirt_diag *diag);

/* Records a login attempt at the store's clock. */
enum psirt_err psirt_store_login_attempt(struct psirt_store *store, const char *user_name,
                                         const char *client, int ok, struct psirt_diag *diag);
/* Failed attempts since since (canonical) by user_name (client NULL) or by
 * client (user_name NULL), and the oldest of them (into oldest, "" when
 * none). */
enum psirt_err psirt_store_login_failures(struct psirt_store *store, const char *user_name,
                                          const char *client, const char *since,
                                          unsigned *count, char oldest[PSIRT_ISOTIME_LEN + 1],
                                          struct psirt_diag *diag);
/* Deletes attempts before before. */
enum psirt_err psirt_store_login_prune(struct psirt_store *store, const char *before,
                                       struct psirt_diag *diag);

#endif
