/* media.c - the header parsing behind content negotiation: which media type an Accept
 * header prefers, and what kind of body a Content-Type announces.
 *
 * Only exact media types count for the GraphQL over HTTP choice: `*` wildcards (what
 * fetch() and curl send by default) keep Graphcool's application/json answers, so
 * existing clients see HTTP 200 for every GraphQL result. */
#include <stdlib.h>
#include <strings.h>

#include "server/internal.h"

/* Skips optional whitespace. */
static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* Compares the media type token at p (up to ';', ',' or whitespace) with `want`,
 * ignoring case. Sets *end to the first byte after the token. */
static bool type_is(const char *p, const char **end, const char *want)
{
    const char *q = p;
    while (*q && *q != ';' && *q != ',' && *q != ' ' && *q != '\t')
        q++;
    *end = q;
    size_t n = (size_t)(q - p);
    return n == strlen(want) && strncasecmp(p, want, n) == 0;
}

/* Reads the parameters after a media range up to the next ',' and returns its q
 * (1 when absent; malformed values count as 1, as most servers do). */
static double range_q(const char **pp)
{
    const char *p = *pp;
    double q = 1.0;
    while (*p && *p != ',') {
        if (*p == ';') {
            p = skip_ws(p + 1);
            if ((p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
                char *end;
                double v = strtod(p + 2, &end);
                if (end != p + 2) q = v;
                p = end;
                continue;
            }
        }
        p++;
    }
    *pp = p;
    return q;
}

/* Walks the ranges of an Accept header and reports the q of the two exact types of
 * interest and of text/html (-1 when the type is not listed). */
static void accept_scan(const char *accept, double *q_gr, double *q_json, double *q_html)
{
    *q_gr = *q_json = *q_html = -1;
    if (!accept) return;
    const char *p = accept;
    while (*p) {
        p = skip_ws(p);
        const char *end;
        double *slot = NULL;
        if (type_is(p, &end, "application/graphql-response+json"))
            slot = q_gr;
        else if (type_is(p, &end, "application/json"))
            slot = q_json;
        else if (type_is(p, &end, "text/html"))
            slot = q_html;
        p = end;
        double q = range_q(&p);
        if (slot && q > *slot) *slot = q;
        if (*p == ',') p++;
    }
}

bool media_wants_graphql_response(const char *accept)
{
    double gr, json, html;
    accept_scan(accept, &gr, &json, &html);
    /* On a tie the GraphQL over HTTP spec asks servers to prefer the new type. */
    return gr > 0 && gr >= json;
}

bool media_accepts_html(const char *accept)
{
    double gr, json, html;
    accept_scan(accept, &gr, &json, &html);
    return html > 0;
}

MediaBody media_body_kind(const char *content_type)
{
    if (!content_type) return MEDIA_BODY_JSON;
    const char *p = skip_ws(content_type);
    if (!*p) return MEDIA_BODY_JSON;
    const char *end;
    if (type_is(p, &end, "application/json")) return MEDIA_BODY_JSON;
    if (type_is(p, &end, "application/graphql")) return MEDIA_BODY_GRAPHQL;
    return MEDIA_BODY_OTHER;
}
