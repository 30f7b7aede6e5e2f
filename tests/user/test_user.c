/* Users and access: names, roles, passwords (Argon2id), sessions (lifetime,
 * idle time, disabled users), API tokens, the login rate limit, product
 * ownership; embargoes; the browse pages and figures. Time moves by
 * changing PSIRT_NOW. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "psirt/browse.h"
#include "psirt/embargo.h"
#include "psirt/portfolio.h"
#include "psirt/user.h"
#include "support/store_support.h"
#include "support/support.h"

static const struct psirt_pwhash_cost cheap = PSIRT_PWHASH_MIN;
static const struct psirt_auth_policy policy = { 5, 5, 900, 43200, 7200, NULL };

static void at(const char *when)
{
	setenv("PSIRT_NOW", when, 1);
}

static void add_user(struct psirt_store *s, const char *name, const char *role,
                     const char *password)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_user_edit e = { role, NULL, 0, NULL, 0 };

	if (psirt_user_add(s, name, password, strlen(password), &e, &cheap, "root", &d))
		fail_msg("cannot add %s: %s", name, d.message);
}

static enum psirt_login_outcome login(struct psirt_store *s, const char *name, const char *pw,
                                      const char *client, struct psirt_session_new *sess,
                                      unsigned *retry)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_arena a;
	struct psirt_principal who;
	enum psirt_login_outcome o;
	unsigned r;

	psirt_arena_init(&a, 0);
	if (psirt_user_login(s, name, pw, strlen(pw), client, &policy, &o, &r, sess, &a, &who, &d))
		fail_msg("login failed: %s", d.message);
	if (o == PSIRT_LOGIN_OK) {
		assert_string_equal(who.name, name);
		assert_string_equal(who.csrf, sess->csrf);
	}
	if (retry)
		*retry = r;
	psirt_arena_release(&a);
	return o;
}

static int session_ok(struct psirt_store *s, const char *id, struct psirt_principal *who,
                      struct psirt_arena *a)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	enum psirt_err err = psirt_user_session_check(s, id, &policy, a, who, &d);

	if (err && err != PSIRT_ENOTFOUND)
		fail_msg("session check: %s", d.message);
	psirt_diag_release(&d);
	return err == PSIRT_OK;
}

static void test_names_and_roles(void **state)
{
	static const struct {
		const char *name, *role, *password, *error;
	} rows[] = {
		{ "alice", "admin", "correct horse", NULL },
		{ "bob@example.com", "viewer", "12345678", NULL },
		{ "", "admin", "correct horse", "a user name cannot be empty" },
		{ "-x", "admin", "correct horse", "user name '-x' starts with '-'" },
		{ "a b", "admin", "correct horse",
		  "user name 'a b': only letters, digits and . _ - @ are allowed" },
		{ "carol", "root", "correct horse",
		  "unknown role 'root' (admin, analyst, engineer, viewer)" },
		{ "carol", "viewer", "short", "a password has at least 8 bytes" },
		{ "alice", "viewer", "correct horse", "user 'alice' exists" },
		{ "0123456789012345678901234567890123456789012345678901234567890123x", "viewer",
		  "correct horse", "a user name has at most 64 bytes" },
	};
	struct ts_suite suite = { "user add", 0, 0 };
	struct psirt_store *s = tss_store();
	size_t i;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct psirt_diag d = PSIRT_DIAG_INIT;
		struct psirt_user_edit e = { rows[i].role, NULL, 0, NULL, 0 };
		enum psirt_err err = psirt_user_add(s, rows[i].name, rows[i].password,
		                                    strlen(rows[i].password), &e, &cheap, "root", &d);

		if (rows[i].error)
			ts_case(&suite, err && d.message && !strcmp(d.message, rows[i].error),
			        "%s: got '%s'", rows[i].name, d.message ? d.message : "(success)");
		else
			ts_case(&suite, !err, "%s: %s", rows[i].name, d.message);
		psirt_diag_release(&d);
	}
	ts_suite_end(&suite);
	{
		struct psirt_users *u;
		struct psirt_diag d = PSIRT_DIAG_INIT;

		assert_int_equal(psirt_user_list(s, NULL, &u, &d), PSIRT_OK);
		assert_int_equal(u->n, 2);
		assert_string_equal(u->items[0].name, "alice");
		assert_int_equal(u->items[0].role, PSIRT_ROLE_ADMIN);
		assert_string_equal(u->items[1].name, "bob@example.com");
		psirt_users_free(u);
		assert_int_equal(psirt_user_list(s, "nobody", &u, &d), PSIRT_ENOTFOUND);
		psirt_diag_release(&d);
	}
	assert_true(psirt_role_sees_embargoed(PSIRT_ROLE_ANALYST));
	assert_false(psirt_role_sees_embargoed(PSIRT_ROLE_VIEWER));
	assert_false(psirt_role_sees_embargoed(PSIRT_ROLE_ENGINEER));
	psirt_store_close(s);
}

static void test_password_hash(void **state)
{
	char h[PSIRT_PWHASH_STRBYTES];

	assert_int_equal(psirt_user_password_hash("correct horse", 13, &cheap, h, NULL), PSIRT_OK);
	/* Argon2id, the cost in the string */
	assert_non_null(strstr(h, "$argon2id$v=19$m=8,t=1,p=1$"));
	assert_true(psirt_user_password_verify(h, "correct horse", 13));
	assert_false(psirt_user_password_verify(h, "correct horsf", 13));
	assert_false(psirt_user_password_verify("garbage", "correct horse", 13));
	/* the NUL is not the end of a password */
	assert_false(psirt_user_password_verify(h, "correct horse\0x", 15));
}

static void test_sessions(void **state)
{
	struct psirt_store *s = tss_store();
	struct psirt_session_new sess, sess2;
	struct psirt_principal who;
	struct psirt_arena a;
	struct psirt_diag d = PSIRT_DIAG_INIT;

	psirt_arena_init(&a, 0);
	at("2026-01-15T09:00:00Z");
	add_user(s, "alice", "analyst", "correct horse");
	assert_int_equal(login(s, "alice", "wrong horse", "10.0.0.1", &sess, NULL),
	                 PSIRT_LOGIN_DENIED);
	assert_int_equal(login(s, "nobody", "correct horse", "10.0.0.1", &sess, NULL),
	                 PSIRT_LOGIN_DENIED);
	assert_int_equal(login(s, "alice", "correct horse", "10.0.0.1", &sess, NULL), PSIRT_LOGIN_OK);
	assert_int_equal(strlen(sess.id), PSIRT_SECRET_LEN);
	assert_string_equal(sess.expires, "2026-01-15T21:00:00.000Z");
	assert_true(session_ok(s, sess.id, &who, &a));
	assert_string_equal(who.name, "alice");
	assert_int_equal(who.role, PSIRT_ROLE_ANALYST);
	assert_false(who.via_token);
	assert_string_equal(who.csrf, sess.csrf);
	/* not a session: unknown, malformed, the CSRF token instead */
	assert_false(session_ok(s, sess.csrf, &who, &a));
	assert_false(session_ok(s, "x", &who, &a));
	assert_false(session_ok(s, NULL, &who, &a));

	/* idle for more than 2 h: ended */
	at("2026-01-15T10:59:00Z");
	assert_true(session_ok(s, sess.id, &who, &a)); /* and touched */
	at("2026-01-15T12:58:00Z");
	assert_true(session_ok(s, sess.id, &who, &a));
	at("2026-01-15T15:00:00Z");
	assert_false(session_ok(s, sess.id, &who, &a));

	/* lifetime 12 h even when busy */
	at("2026-01-16T09:00:00Z");
	assert_int_equal(login(s, "alice", "correct horse", "10.0.0.1", &sess, NULL), PSIRT_LOGIN_OK);
	for (int h = 10; h <= 20; h++) {
		char when[32];

		snprintf(when, sizeof when, "2026-01-16T%02d:30:00Z", h);
		at(when);
		assert_true(session_ok(s, sess.id, &who, &a));
	}
	at("2026-01-16T21:00:00Z");
	assert_false(session_ok(s, sess.id, &who, &a));

	/* logout; a new password and disabling end every session */
	at("2026-01-17T09:00:00Z");
	assert_int_equal(login(s, "alice", "correct horse", "", &sess, NULL), PSIRT_LOGIN_OK);
	assert_int_equal(login(s, "alice", "correct horse", "", &sess2, NULL), PSIRT_LOGIN_OK);
	assert_int_equal(psirt_user_session_end(s, sess.id, &d), PSIRT_OK);
	assert_false(session_ok(s, sess.id, &who, &a));
	assert_true(session_ok(s, sess2.id, &who, &a));
	assert_int_equal(psirt_user_passwd(s, "alice", "battery staple", 14, &cheap, "root", &d),
	                 PSIRT_OK);
	assert_false(session_ok(s, sess2.id, &who, &a));
	assert_int_equal(login(s, "alice", "correct horse", "", &sess, NULL), PSIRT_LOGIN_DENIED);
	assert_int_equal(login(s, "alice", "battery staple", "", &sess, NULL), PSIRT_LOGIN_OK);
	assert_int_equal(psirt_user_disable(s, "alice", 1, "root", &d), PSIRT_OK);
	assert_false(session_ok(s, sess.id, &who, &a));
	assert_int_equal(login(s, "alice", "battery staple", "", &sess, NULL), PSIRT_LOGIN_DENIED);
	assert_int_equal(psirt_user_disable(s, "alice", 0, "root", &d), PSIRT_OK);
	assert_int_equal(login(s, "alice", "battery staple", "", &sess, NULL), PSIRT_LOGIN_OK);
	assert_int_equal(psirt_user_disable(s, "nobody", 1, "root", &d), PSIRT_ENOTFOUND);
	psirt_diag_release(&d);
	psirt_arena_release(&a);
	psirt_store_close(s);
}

static void test_rate_limit(void **state)
{
	struct psirt_store *s = tss_store();
	struct psirt_session_new sess;
	unsigned retry;
	int i;

	at("2026-01-15T09:00:00Z");
	add_user(s, "alice", "viewer", "correct horse");
	add_user(s, "bob", "viewer", "correct horse");
	/* per user: 5 failures from anywhere */
	for (i = 0; i < 5; i++) {
		char client[16];

		snprintf(client, sizeof client, "10.0.0.%d", i);
		assert_int_equal(login(s, "alice", "bad password", client, &sess, NULL),
		                 PSIRT_LOGIN_DENIED);
	}
	at("2026-01-15T09:05:00Z");
	assert_int_equal(login(s, "alice", "correct horse", "10.0.1.1", &sess, &retry),
	                 PSIRT_LOGIN_THROTTLED);
	assert_int_equal(retry, 600); /* the first failure leaves the window at 09:15 */
	/* others are not affected */
	assert_int_equal(login(s, "bob", "correct horse", "10.0.1.1", &sess, NULL), PSIRT_LOGIN_OK);
	at("2026-01-15T09:15:01Z");
	assert_int_equal(login(s, "alice", "correct horse", "10.0.1.1", &sess, NULL),
	                 PSIRT_LOGIN_OK);

	/* per client: 5 failures for any names */
	at("2026-01-15T10:00:00Z");
	for (i = 0; i < 5; i++) {
		char name[16];

		snprintf(name, sizeof name, "guess%d", i);
		assert_int_equal(login(s, name, "bad password", "192.0.2.7", &sess, NULL),
		                 PSIRT_LOGIN_DENIED);
	}
	assert_int_equal(login(s, "bob", "correct horse", "192.0.2.7", &sess, &retry),
	                 PSIRT_LOGIN_THROTTLED);
	assert_int_equal(retry, 900);
	assert_int_equal(login(s, "bob", "correct horse", "192.0.2.8", &sess, NULL), PSIRT_LOGIN_OK);
	psirt_store_close(s);
}

static void test_tokens_and_ownership(void **state)
{
	struct psirt_store *s = tss_store();
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_product_edit pe = { 0 };
	struct psirt_user_edit ue = { 0 };
	struct psirt_principal who;
	struct psirt_arena a;
	char token[PSIRT_TOKEN_LEN + 1];
	const char *list[] = { "router" };
	long long id;
	int may;
	char c;

	psirt_arena_init(&a, 0);
	pe.owner = "erin";
	assert_int_equal(psirt_portfolio_product_add(s, "camera", &pe, "root", &d), PSIRT_OK);
	assert_int_equal(psirt_portfolio_product_add(s, "router", NULL, "root", &d), PSIRT_OK);
	assert_int_equal(psirt_portfolio_product_add(s, "meter", NULL, "root", &d), PSIRT_OK);
	add_user(s, "erin", "engineer", "correct horse");
	add_user(s, "vic", "viewer", "correct horse");
	add_user(s, "ann", "analyst", "correct horse");
	ue.add_products = list;
	ue.n_add_products = 1;
	assert_int_equal(psirt_user_set(s, "erin", &ue, "root", &d), PSIRT_OK);
	list[0] = "nothing";
	assert_int_equal(psirt_user_set(s, "erin", &ue, "root", &d), PSIRT_ENOTFOUND);
	assert_string_equal(d.message, "no product 'nothing'");
	psirt_diag_release(&d);

	assert_int_equal(psirt_user_token_new(s, "erin", NULL, "root", token, &id, &d), PSIRT_OK);
	assert_int_equal(strlen(token), PSIRT_TOKEN_LEN);
	assert_memory_equal(token, "psirt_", 6);
	assert_int_equal(psirt_user_token_check(s, token, &a, &who, &d), PSIRT_OK);
	assert_true(who.via_token);
	assert_int_equal(who.scope, PSIRT_SCOPE_UPLOAD);
	assert_string_equal(who.name, "erin");
	assert_null(who.csrf);
	/* engineer: the product they own (owner field) and the listed one */
	assert_int_equal(psirt_user_may_write_product(s, &who, "camera", &may, &d), PSIRT_OK);
	assert_true(may);
	assert_int_equal(psirt_user_may_write_product(s, &who, "router", &may, &d), PSIRT_OK);
	assert_true(may);
	assert_int_equal(psirt_user_may_write_product(s, &who, "meter", &may, &d), PSIRT_OK);
	assert_false(may);
	assert_int_equal(psirt_user_may_write_product(s, &who, "absent", &may, &d), PSIRT_OK);
	assert_false(may);
	who.role = PSIRT_ROLE_ANALYST;
	assert_int_equal(psirt_user_may_write_product(s, &who, "meter", &may, &d), PSIRT_OK);
	assert_true(may);
	who.role = PSIRT_ROLE_VIEWER;
	assert_int_equal(psirt_user_may_write_product(s, &who, "camera", &may, &d), PSIRT_OK);
	assert_false(may);

	/* a wrong token, a token with one character changed, a disabled user */
	assert_int_equal(psirt_user_token_check(s, "psirt_nope", &a, &who, NULL), PSIRT_ENOTFOUND);
	c = token[10];
	token[10] = c == 'A' ? 'B' : 'A';
	assert_int_equal(psirt_user_token_check(s, token, &a, &who, NULL), PSIRT_ENOTFOUND);
	token[10] = c;
	assert_int_equal(psirt_user_disable(s, "erin", 1, "root", &d), PSIRT_OK);
	assert_int_equal(psirt_user_token_check(s, token, &a, &who, NULL), PSIRT_ENOTFOUND);
	assert_int_equal(psirt_user_disable(s, "erin", 0, "root", &d), PSIRT_OK);
	assert_int_equal(psirt_user_token_check(s, token, &a, &who, NULL), PSIRT_OK);

	/* viewers get no upload token */
	assert_int_equal(psirt_user_token_new(s, "vic", "upload", "root", token, NULL, &d),
	                 PSIRT_EINVAL);
	assert_string_equal(d.message, "user 'vic' is a viewer: an upload token would not work");
	psirt_diag_release(&d);
	assert_int_equal(psirt_user_token_new(s, "ann", "admin", "root", token, NULL, &d),
	                 PSIRT_EINVAL);
	assert_string_equal(d.message, "unknown token scope 'admin' (upload)");
	psirt_diag_release(&d);
	psirt_arena_release(&a);
	psirt_store_close(s);
}

/* Listing and revoking API tokens: a revoked token is refused at once, its
 * row stays; only the owner (or anyone, owner NULL) may revoke; both ends
 * are audited; the live-token cap. */
static void test_token_revoke(void **state)
{
	struct psirt_store *s = tss_store();
	struct psirt_diag d = PSIRT_DIAG_INIT;
	char t1[PSIRT_TOKEN_LEN + 1], t2[PSIRT_TOKEN_LEN + 1];
	struct psirt_principal who;
	struct psirt_audit_row *rows;
	struct psirt_tokens *list;
	struct psirt_arena a;
	long long id1, id2;
	size_t n, i;

	(void)state;
	at(TSS_NOW);
	psirt_arena_init(&a, 0);
	add_user(s, "erin", "engineer", "correct horse");
	add_user(s, "ann", "analyst", "correct horse");
	assert_int_equal(psirt_user_token_new(s, "erin", NULL, "root", t1, &id1, &d), PSIRT_OK);
	assert_int_equal(psirt_user_token_new(s, "ann", NULL, "root", t2, &id2, &d), PSIRT_OK);
	at("2026-01-15T10:00:00Z");
	assert_int_equal(psirt_user_token_check(s, t1, &a, &who, &d), PSIRT_OK);

	assert_int_equal(psirt_user_token_list(s, NULL, 0, &list, &d), PSIRT_OK);
	assert_int_equal(list->n, 2);
	assert_int_equal(list->items[0].id, id1);
	assert_string_equal(list->items[0].user, "erin");
	assert_int_equal(list->items[0].scope, PSIRT_SCOPE_UPLOAD);
	assert_string_equal(list->items[0].created_at, TSS_NOW_CANON);
	assert_string_equal(list->items[0].last_used, "2026-01-15T10:00:00.000Z");
	assert_null(list->items[0].revoked_at);
	assert_null(list->items[1].last_used);
	{
		json_t *j = psirt_token_json(&list->items[1]);
		char *text = json_dumps(j, JSON_COMPACT);

		assert_string_equal(text, "{\"id\":2,\"user\":\"ann\",\"scope\":\"upload\","
		                          "\"created\":\"2026-01-15T09:00:00.000Z\",\"lastUsed\":null,"
		                          "\"revoked\":null,\"revokedBy\":null}");
		free(text);
		json_decref(j);
	}
	psirt_tokens_free(list);
	assert_int_equal(psirt_user_token_list(s, "ann", 0, &list, &d), PSIRT_OK);
	assert_int_equal(list->n, 1);
	assert_int_equal(list->items[0].id, id2);
	psirt_tokens_free(list);
	assert_int_equal(psirt_user_token_list(s, "ann", id1, &list, &d), PSIRT_ENOTFOUND);
	assert_string_equal(d.message, "no API token 1");
	psirt_diag_release(&d);
	assert_null(list);
	assert_int_equal(psirt_user_token_list(s, "nobody", 0, &list, &d), PSIRT_ENOTFOUND);
	assert_string_equal(d.message, "no user 'nobody'");
	psirt_diag_release(&d);

	/* ann may not revoke erin's token: it answers as a missing one */
	assert_int_equal(psirt_user_token_revoke(s, id1, "ann", "ann", &d), PSIRT_ENOTFOUND);
	assert_string_equal(d.message, "no API token 1");
	psirt_diag_release(&d);
	assert_int_equal(psirt_user_token_check(s, t1, &a, &who, &d), PSIRT_OK);
	assert_int_equal(psirt_user_token_revoke(s, id1, "erin", "erin", &d), PSIRT_OK);
	assert_int_equal(psirt_user_token_check(s, t1, &a, &who, &d), PSIRT_ENOTFOUND);
	assert_string_equal(d.message, "the API token is revoked");
	psirt_diag_release(&d);
	assert_int_equal(psirt_user_token_revoke(s, id1, NULL, "root", &d), PSIRT_EINVAL);
	assert_string_equal(d.message, "API token 1 is already revoked");
	psirt_diag_release(&d);
	assert_int_equal(psirt_user_token_revoke(s, 99, NULL, "root", &d), PSIRT_ENOTFOUND);
	psirt_diag_release(&d);
	assert_int_equal(psirt_user_token_revoke(s, 0, NULL, "root", &d), PSIRT_ENOTFOUND);
	psirt_diag_release(&d);
	/* the other token still works; enabling a user does not bring a
	 * revoked token back */
	assert_int_equal(psirt_user_token_check(s, t2, &a, &who, &d), PSIRT_OK);
	assert_int_equal(psirt_user_disable(s, "erin", 1, "root", &d), PSIRT_OK);
	assert_int_equal(psirt_user_disable(s, "erin", 0, "root", &d), PSIRT_OK);
	assert_int_equal(psirt_user_token_check(s, t1, &a, &who, NULL), PSIRT_ENOTFOUND);
	assert_int_equal(psirt_user_token_list(s, "erin", id1, &list, &d), PSIRT_OK);
	assert_string_equal(list->items[0].revoked_at, "2026-01-15T10:00:00.000Z");
	assert_string_equal(list->items[0].revoked_by, "erin");
	psirt_tokens_free(list);

	/* the audit log: created by root, revoked by erin */
	assert_int_equal(psirt_browse_audit(s, "user", "erin", 0, 100, &a, &rows, &n, &d), PSIRT_OK);
	{
		int created = 0, revoked = 0;

		for (i = 0; i < n; i++) {
			if (!rows[i].e.field || strcmp(rows[i].e.field, "token"))
				continue;
			if (!strcmp(rows[i].e.comment, "created") && !rows[i].e.old_value &&
			    !strcmp(rows[i].e.new_value, "upload token 1") &&
			    !strcmp(rows[i].e.actor, "root"))
				created++;
			if (!strcmp(rows[i].e.comment, "revoked") && !rows[i].e.new_value &&
			    !strcmp(rows[i].e.old_value, "upload token 1") &&
			    !strcmp(rows[i].e.actor, "erin"))
				revoked++;
		}
		assert_int_equal(created, 1);
		assert_int_equal(revoked, 1);
	}

	/* the cap counts live tokens: erin has none left, so 100 fit, the
	 * 101st does not; revoking one makes room */
	for (i = 0; i < PSIRT_USER_MAX_TOKENS; i++)
		assert_int_equal(psirt_user_token_new(s, "erin", NULL, "root", t1, &id1, &d),
		                 PSIRT_OK);
	assert_int_equal(psirt_user_token_new(s, "erin", NULL, "root", t1, NULL, &d),
	                 PSIRT_ETOOBIG);
	assert_string_equal(d.message, "user 'erin' has 100 live API tokens: revoke one first");
	psirt_diag_release(&d);
	assert_int_equal(psirt_user_token_revoke(s, id1, NULL, "root", &d), PSIRT_OK);
	assert_int_equal(psirt_user_token_new(s, "erin", NULL, "root", t1, NULL, &d), PSIRT_OK);
	at(TSS_NOW);
	psirt_arena_release(&a);
	psirt_store_close(s);
}

static void test_embargo(void **state)
{
	struct psirt_store *s = tss_store();
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_vuln_record r = { 0 };
	struct psirt_vuln_str alias = { NULL, "GHSA-abcd-efgh-ijkl" };
	struct psirt_vuln_view *v;
	struct psirt_embargo e;
	struct psirt_arena a;
	enum psirt_store_outcome outcome;
	unsigned long long n;
	int active;

	psirt_arena_init(&a, 0);
	at("2026-01-15T09:00:00Z");
	r.source = PSIRT_VULN_SRC_NVD;
	r.id = "CVE-2026-0001";
	r.modified = "2026-01-01T00:00:00.000Z";
	r.aliases = &alias;
	assert_int_equal(psirt_store_vuln_upsert(s, &r, &outcome, &d), PSIRT_OK);
	assert_int_equal(psirt_store_vuln_get(s, "CVE-2026-0001", &v, &d), PSIRT_OK);

	/* by an alias, typed in any case */
	assert_int_equal(psirt_embargo_set(s, "ghsa-ABCD-efgh-ijkl", "2026-02-01", "finder report",
	                                   "ann", &d),
	                 PSIRT_OK);
	assert_int_equal(psirt_embargo_of_view(s, v, &a, &active, &e, &d), PSIRT_OK);
	assert_true(active);
	assert_string_equal(e.name, "GHSA-abcd-efgh-ijkl");
	assert_string_equal(e.until, "2026-02-01T00:00:00.000Z");
	assert_string_equal(e.note, "finder report");
	assert_int_equal(psirt_embargo_count(s, &n, &d), PSIRT_OK);
	assert_int_equal(n, 1);
	/* ends by itself */
	at("2026-02-01T00:00:00Z");
	assert_int_equal(psirt_embargo_of_view(s, v, &a, &active, &e, &d), PSIRT_OK);
	assert_false(active);
	assert_int_equal(psirt_embargo_count(s, &n, &d), PSIRT_OK);
	assert_int_equal(n, 0);
	/* until lifted; an id the store does not know yet */
	assert_int_equal(psirt_embargo_set(s, "CVE-2026-0001", NULL, NULL, "ann", &d), PSIRT_OK);
	assert_int_equal(psirt_embargo_set(s, "cve-2026-9999", "", NULL, "ann", &d), PSIRT_OK);
	assert_int_equal(psirt_embargo_get(s, "CVE-2026-9999", &a, &active, &e, &d), PSIRT_OK);
	assert_true(active);
	assert_null(e.until);
	assert_int_equal(psirt_embargo_count(s, &n, &d), PSIRT_OK);
	assert_int_equal(n, 1); /* the unknown one is no vulnerability of the store */
	assert_int_equal(psirt_embargo_lift(s, "CVE-2026-0001", "ann", &d), PSIRT_OK);
	assert_int_equal(psirt_embargo_lift(s, "CVE-2026-0001", "ann", &d), PSIRT_ENOTFOUND);
	assert_string_equal(d.message, "CVE-2026-0001 is not under embargo");
	psirt_diag_release(&d);
	assert_int_equal(psirt_embargo_set(s, "CVE 1", NULL, NULL, "ann", &d), PSIRT_EINVAL);
	psirt_diag_release(&d);
	assert_int_equal(psirt_embargo_set(s, "CVE-1", "tomorrow", NULL, "ann", &d), PSIRT_EINVAL);
	assert_string_equal(d.message, "embargo end 'tomorrow' is not a date (YYYY-MM-DD) or an "
	                               "ISO 8601 instant");
	psirt_diag_release(&d);
	psirt_vuln_view_free(v);
	psirt_arena_release(&a);
	psirt_store_close(s);
}

static void test_browse(void **state)
{
	struct psirt_store *s = tss_store();
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_browse_products_query q = { PSIRT_BROWSE_BY_NAME, 0, 2, 0, NULL };
	struct psirt_product_edit pe = { 0 };
	struct psirt_store_counts c;
	struct psirt_product *items;
	struct psirt_audit_row *rows;
	struct psirt_arena a;
	unsigned long long total;
	size_t n;
	char name[16];

	psirt_arena_init(&a, 0);
	pe.vendor = "ACME";
	for (int i = 0; i < 5; i++) {
		snprintf(name, sizeof name, "p%d", 4 - i);
		assert_int_equal(psirt_portfolio_product_add(s, name, i == 2 ? &pe : NULL, "root", &d),
		                 PSIRT_OK);
	}
	assert_int_equal(psirt_portfolio_version_add(s, "p3", "1.0", NULL, "root", &d), PSIRT_OK);
	assert_int_equal(psirt_portfolio_version_add(s, "p3", "2.0", NULL, "root", &d), PSIRT_OK);
	assert_int_equal(psirt_browse_counts(s, &c, &d), PSIRT_OK);
	assert_int_equal(c.products, 5);
	assert_int_equal(c.versions, 2);
	assert_int_equal(c.components, 0);

	assert_int_equal(psirt_browse_products(s, &q, &a, &items, &n, &total, &d), PSIRT_OK);
	assert_int_equal(total, 5);
	assert_int_equal(n, 2);
	assert_string_equal(items[0].name, "p0");
	assert_string_equal(items[1].name, "p1");
	q.offset = 4;
	assert_int_equal(psirt_browse_products(s, &q, &a, &items, &n, &total, &d), PSIRT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].name, "p4");
	q.offset = 0;
	q.sort = PSIRT_BROWSE_BY_VERSIONS;
	q.descending = 1;
	assert_int_equal(psirt_browse_products(s, &q, &a, &items, &n, &total, &d), PSIRT_OK);
	assert_string_equal(items[0].name, "p3");
	assert_int_equal(items[0].n_versions, 2);
	q.q = "acm"; /* the vendor's name, without case */
	assert_int_equal(psirt_browse_products(s, &q, &a, &items, &n, &total, &d), PSIRT_OK);
	assert_int_equal(total, 1);
	assert_string_equal(items[0].name, "p2");
	assert_string_equal(items[0].vendor, "ACME");

	assert_int_equal(psirt_browse_audit(s, "product", "p3", 0, 3, &a, &rows, &n, &d), PSIRT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].e.entity_id, "p3");
	assert_string_equal(rows[0].e.comment, "created");
	assert_int_equal(psirt_browse_audit(s, "product_version", NULL, 0, 3, &a, &rows, &n, &d),
	                 PSIRT_OK);
	assert_int_equal(n, 2);
	assert_true(rows[0].id > rows[1].id);
	assert_string_equal(rows[0].e.entity_id, "p3@2.0");
	assert_int_equal(psirt_browse_audit(s, NULL, NULL, rows[0].id, 1000, &a, &rows, &n, &d),
	                 PSIRT_OK);
	assert_true(n > 0);
	psirt_arena_release(&a);
	psirt_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_and_roles), cmocka_unit_test(test_password_hash),
		cmocka_unit_test(test_sessions),        cmocka_unit_test(test_rate_limit),
		cmocka_unit_test(test_tokens_and_ownership), cmocka_unit_test(test_embargo),
		cmocka_unit_test(test_browse),          cmocka_unit_test(test_token_revoke),
	};

	tss_setup();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
