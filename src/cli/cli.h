/* cli.h - the subcommands of the relata binary; main.c dispatches argv to them.
 * Each takes argv with argv[0] = the command name and returns the process exit code:
 * 0 success, 1 failure (e.g. invalid model), 2 usage error. */
#ifndef RELATA_CLI_CLI_H
#define RELATA_CLI_CLI_H

int cli_serve(int argc, char **argv);
int cli_schema(int argc, char **argv);
int cli_check(int argc, char **argv);
int cli_import(int argc, char **argv);
int cli_export(int argc, char **argv);

#endif
