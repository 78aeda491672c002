/* main.c - entry of the test-only fake server binary: `relata serve ...` only. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "serve") != 0) {
        fputs("usage: relata serve FILE [options] (fake executor build)\n", stderr);
        return 2;
    }
    return cli_serve(argc - 1, argv + 1);
}
