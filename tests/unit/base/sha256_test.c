/* sha256_test.c - SHA-256 against the FIPS 180-4 example vectors and lengths around the
 * padding boundaries (checked against node's crypto module). */
#include <string.h>

#include "base/sha256.h"
#include "test.h"

static const char *hex(const char *s, size_t n)
{
    static char out[65];
    sha256_hex(s, n, out);
    return out;
}

TEST(fips_vectors)
{
    CHECK_EQ_STR(hex("abc", 3), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK_EQ_STR(hex("", 0), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    CHECK_EQ_STR(hex(m, strlen(m)),
                 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(padding_boundaries)
{
    char buf[130];
    memset(buf, 'a', sizeof buf);
    /* 55 bytes: the length still fits in the first block; 56: it needs a second. */
    CHECK_EQ_STR(hex(buf, 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    CHECK_EQ_STR(hex(buf, 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    CHECK_EQ_STR(hex(buf, 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
    CHECK_EQ_STR(hex(buf, 129), "c12cb024a2e5551cca0e08fce8f1c5e314555cc3fef6329ee994a3db752166ae");
}

int main(void)
{
    RUN(fips_vectors);
    RUN(padding_boundaries);
    return test_summary();
}
