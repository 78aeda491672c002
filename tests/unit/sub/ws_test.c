/* ws_test.c - the WebSocket handshake pieces: SHA-1 (FIPS 180 / RFC 3174 vectors),
 * base64 (RFC 4648 vectors), Sec-WebSocket-Accept (RFC 6455's example) and the choice of
 * subprotocol from Sec-WebSocket-Protocol. */
#include "server/ws.h"
#include "test.h"

static const char *hex(const unsigned char *d, size_t n)
{
    static char out[64];
    for (size_t i = 0; i < n; i++) snprintf(out + 2 * i, 3, "%02x", d[i]);
    return out;
}

static const char *sha1_hex(const char *s, size_t n)
{
    unsigned char d[20];
    ws_sha1(s, n, d);
    return hex(d, 20);
}

TEST(sha1_vectors)
{
    CHECK_EQ_STR(sha1_hex("", 0), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    CHECK_EQ_STR(sha1_hex("abc", 3), "a9993e364706816aba3e25717850c26c9cd0d89d");
    const char *m56 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    CHECK_EQ_STR(sha1_hex(m56, strlen(m56)), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    /* a million bytes, and lengths at the padding boundary (one or two final blocks) */
    static char a[1000001];
    memset(a, 'a', 1000000);
    CHECK_EQ_STR(sha1_hex(a, 1000000), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    CHECK_EQ_STR(sha1_hex(a, 64), "0098ba824b5c16427bd7a1122a5a442a25ec644d");
    CHECK_EQ_STR(sha1_hex(a, 55), "c1c8bbdc22796e28c0e15163d20899b65621d65a");
}

TEST(base64_vectors)
{
    char out[16];
    const char *in[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    const char *want[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
    for (int i = 0; i < 7; i++) {
        ws_base64((const unsigned char *)in[i], strlen(in[i]), out);
        CHECK_EQ_STR(out, want[i]);
    }
}

TEST(accept_key)
{
    char out[29];
    ws_accept_key("dGhlIHNhbXBsZSBub25jZQ==", out);
    CHECK_EQ_STR(out, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

TEST(pick_protocol)
{
    const char *name;
    CHECK_EQ_INT(ws_pick_protocol("graphql-transport-ws", &name), WSP_TRANSPORT);
    CHECK_EQ_STR(name, "graphql-transport-ws");
    CHECK_EQ_INT(ws_pick_protocol("graphql-ws", &name), WSP_APOLLO);
    CHECK_EQ_INT(ws_pick_protocol("graphql-subscriptions", &name), WSP_LEGACY);
    /* the client's order of preference; unknown tokens skipped */
    CHECK_EQ_INT(ws_pick_protocol("mqtt, graphql-ws, graphql-transport-ws", &name), WSP_APOLLO);
    CHECK_EQ_STR(name, "graphql-ws");
    /* a token is matched whole, not as a prefix */
    CHECK_EQ_INT(ws_pick_protocol("graphql-wsx,graphql", &name), WSP_NONE);
    CHECK(name == NULL);
    CHECK_EQ_INT(ws_pick_protocol(NULL, &name), WSP_NONE);
    CHECK_EQ_INT(ws_pick_protocol("", &name), WSP_NONE);
}

int main(void)
{
    RUN(sha1_vectors);
    RUN(base64_vectors);
    RUN(accept_key);
    RUN(pick_protocol);
    return test_summary();
}
