/* main.c - the relata binary: argv -> a command in cli/. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

#ifndef RELATA_VERSION
#define RELATA_VERSION "0.1.0"
#endif

static const char usage[] =
    "usage: relata COMMAND [ARGS]\n"
    "\n"
    "relata serves the GraphQL API of the Graphcool framework (the \"Simple API\")\n"
    "from one data model file, types.graphql, on SQLite.\n"
    "\n"
    "Commands:\n"
    "  serve FILE [options]   serve the API for the model FILE (see relata serve --help)\n"
    "  schema FILE            print the generated GraphQL schema (SDL)\n"
    "  check FILE             validate the model FILE\n"
    "  import FILE DIR        import data in Graphcool's Normalized Data Format\n"
    "  export FILE DIR        export the database in the same format\n"
    "\n"
    "Options:\n"
    "  -h, --help             show this help (relata COMMAND --help for a command)\n"
    "  -V, --version          print the version\n";

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        fputs(usage, stdout);
        return 0;
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
        printf("relata %s\n", RELATA_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "serve")) return cli_serve(argc - 1, argv + 1);
    if (!strcmp(cmd, "schema")) return cli_schema(argc - 1, argv + 1);
    if (!strcmp(cmd, "check")) return cli_check(argc - 1, argv + 1);
    if (!strcmp(cmd, "import")) return cli_import(argc - 1, argv + 1);
    if (!strcmp(cmd, "export")) return cli_export(argc - 1, argv + 1);
    fprintf(stderr, "relata: unknown command '%s'\n\n%s", cmd, usage);
    return 2;
}
