/* cli: parse the command line and run a command (build, check, serve, pdf). */
#ifndef PLANSITE_CLI_H
#define PLANSITE_CLI_H

/* Run plansite with argv; returns the process exit status (0 success, 1 content errors,
 * 2 usage errors). */
int cli_main(int argc, char **argv);

#endif
