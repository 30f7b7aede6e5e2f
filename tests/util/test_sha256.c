/* SHA-256: the FIPS 180-4 example messages (NIST's "SHA256.pdf" examples and
 * the long one-million-'a' message), and streaming in every split of a
 * message that crosses block boundaries. */
#include <stdlib.h>
#include <string.h>

#include "psirt/sha256.h"
#include "support/support.h"

static void test_vectors(void **state)
{
	static const struct {
		const char *msg;
		size_t repeat;
		const char *hex;
	} cases[] = {
		{ "", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
		{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklm"
		  "nopqrlmnopqrsmnopqrstnopqrstu",
		  1, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
		{ "a", 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
	};
	struct ts_suite s = { "sha256-fips180", 0, 0 };
	static const char hexd[] = "0123456789abcdef";
	size_t i, k;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct psirt_sha256 c;
		unsigned char d[PSIRT_SHA256_SIZE];
		char hex[PSIRT_SHA256_HEX_SIZE];
		size_t len = strlen(cases[i].msg);

		psirt_sha256_init(&c);
		for (k = 0; k < cases[i].repeat; k++)
			psirt_sha256_update(&c, cases[i].msg, len);
		psirt_sha256_final(&c, d);
		for (k = 0; k < PSIRT_SHA256_SIZE; k++) {
			hex[2 * k] = hexd[d[k] >> 4];
			hex[2 * k + 1] = hexd[d[k] & 15];
		}
		hex[(PSIRT_SHA256_HEX_SIZE - 1)] = '\0';
		ts_case(&s, !strcmp(hex, cases[i].hex), "case %zu: %s", i, hex);
		if (cases[i].repeat == 1) {
			psirt_sha256_hex(cases[i].msg, len, hex);
			ts_case(&s, !strcmp(hex, cases[i].hex), "case %zu one-shot: %s", i, hex);
		}
	}
	ts_suite_end(&s);
}

/* Every split of a 200-byte message into two updates (and into one byte at a
 * time) gives the one-shot digest: the block buffer's edges. */
static void test_streaming(void **state)
{
	struct ts_suite s = { "sha256-streaming", 0, 0 };
	unsigned char msg[200], whole[PSIRT_SHA256_SIZE], part[PSIRT_SHA256_SIZE];
	struct psirt_sha256 c;
	size_t i, k;

	for (i = 0; i < sizeof msg; i++)
		msg[i] = (unsigned char)(i * 7 + 3);
	psirt_sha256_init(&c);
	psirt_sha256_update(&c, msg, sizeof msg);
	psirt_sha256_final(&c, whole);
	for (i = 0; i <= sizeof msg; i++) {
		psirt_sha256_init(&c);
		psirt_sha256_update(&c, msg, i);
		psirt_sha256_update(&c, msg + i, sizeof msg - i);
		psirt_sha256_final(&c, part);
		ts_case(&s, !memcmp(whole, part, sizeof whole), "split at %zu", i);
	}
	psirt_sha256_init(&c);
	for (k = 0; k < sizeof msg; k++)
		psirt_sha256_update(&c, msg + k, 1);
	psirt_sha256_final(&c, part);
	ts_case(&s, !memcmp(whole, part, sizeof whole), "byte by byte");
	ts_suite_end(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_streaming),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
