/* conformance_test.c - every schema of the public conformance cases loads or is rejected
 * as the case says (`schemaError: true` means rejected). Reads
 * the *.json files of $RELATA_SHARED/conformance/cases (default ../shared) with jansson. */
#include <dirent.h>
#include <jansson.h>
#include <stdlib.h>

#include "model/model.h"
#include "test.h"

static int checked, failed;

static void check_file(const char *path)
{
    json_error_t jerr;
    json_t *cases = json_load_file(path, 0, &jerr);
    if (!cases) {
        fprintf(stderr, "  %s: %s\n", path, jerr.text);
        failed++;
        return;
    }
    size_t i;
    json_t *c;
    json_array_foreach(cases, i, c) {
        const char *schema = json_string_value(json_object_get(c, "schema"));
        if (!schema) continue;
        bool want_error = json_is_true(json_object_get(c, "schemaError"));
        Arena a;
        arena_init(&a, 4096);
        Diag d;
        diag_init(&d, &a);
        DataModel *dm = model_load(schema, strlen(schema), "types.graphql", &d);
        checked++;
        if ((dm == NULL) != want_error) {
            failed++;
            fprintf(stderr, "  %s: %s\n", json_string_value(json_object_get(c, "name")),
                    want_error ? "accepted, expected a schema error" : "rejected:");
            for (uint32_t k = 0; k < d.count; k++)
                fprintf(stderr, "    %u:%u %s %s\n", d.items[k].loc.line, d.items[k].loc.col,
                        d.items[k].id, d.items[k].message);
        }
        model_free(dm);
        arena_fini(&a);
    }
    json_decref(cases);
}

TEST(conformance_schemas)
{
    const char *shared = getenv("RELATA_SHARED");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/conformance/cases", shared ? shared : "../shared");
    DIR *dp = opendir(dir);
    if (!dp) fprintf(stderr, "  cannot open %s (set RELATA_SHARED)\n", dir);
    CHECK(dp != NULL);
    struct dirent *e;
    while ((e = readdir(dp))) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 5, ".json") != 0) continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        check_file(path);
    }
    closedir(dp);
    printf("conformance schemas checked: %d\n", checked);
    CHECK(checked > 0);
    CHECK_EQ_INT(failed, 0);
}

int main(void)
{
    RUN(conformance_schemas);
    return test_summary();
}
