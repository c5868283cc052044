/* The subcommands of the `sourcing` tool; each reads its arguments with args.h and returns the
 * exit code: 0 success, 1 a failed check or operation, 2 bad usage or invalid input. */
#ifndef SRC_COMMANDS_H
#define SRC_COMMANDS_H

int cmd_solve(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_gen(int argc, char **argv);
int cmd_import_orlib(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_client(int argc, char **argv);
int cmd_report(int argc, char **argv);

#endif
