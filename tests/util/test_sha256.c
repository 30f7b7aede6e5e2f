/* Unit tests of src/util/sha256.c: the FIPS 180-4 examples (NIST's "SHA-256"
 * example values: "abc", the two-block message, one million 'a') plus the
 * empty message, fed whole and in every split. */
#include <stdlib.h>
#include <string.h>

#include "support/support.h"
#include "psirt/sha256.h"

static void test_vectors(void **state)
{
	static const struct {
		const char *msg, *hex;
	} cases[] = {
	    {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	    {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	    {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
	    {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmno"
	     "pqrlmnopqrsmnopqrstnopqrstu",
	     "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
	};
	char hex[PSIRT_SHA256_HEX_SIZE];
	size_t i, split;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len = strlen(cases[i].msg);

		psirt_sha256_hex(cases[i].msg, len, hex);
		assert_string_equal(hex, cases[i].hex);
		for (split = 0; split <= len; split++) {
			struct psirt_sha256 ctx;
			unsigned char d[PSIRT_SHA256_SIZE];
			char got[PSIRT_SHA256_HEX_SIZE];
			unsigned j;

			psirt_sha256_init(&ctx);
			psirt_sha256_update(&ctx, cases[i].msg, split);
			psirt_sha256_update(&ctx, cases[i].msg + split, len - split);
			psirt_sha256_final(&ctx, d);
			for (j = 0; j < PSIRT_SHA256_SIZE; j++)
				snprintf(got + 2 * j, 3, "%02x", d[j]);
			assert_string_equal(got, cases[i].hex);
		}
	}
}

static void test_million_a(void **state)
{
	struct psirt_sha256 ctx;
	unsigned char d[PSIRT_SHA256_SIZE], chunk[1000];
	char got[PSIRT_SHA256_HEX_SIZE];
	unsigned i;

	memset(chunk, 'a', sizeof chunk);
	psirt_sha256_init(&ctx);
	for (i = 0; i < 1000; i++)
		psirt_sha256_update(&ctx, chunk, sizeof chunk);
	psirt_sha256_final(&ctx, d);
	for (i = 0; i < PSIRT_SHA256_SIZE; i++)
		snprintf(got + 2 * i, 3, "%02x", d[i]);
	assert_string_equal(got,
	                    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_vectors),
	    cmocka_unit_test(test_million_a),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
