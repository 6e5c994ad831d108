/* translations: the `plansite translations` command — status, export, import, mark
 * (src/translate). */
#ifndef PLANSITE_CLI_TRANSLATIONS_H
#define PLANSITE_CLI_TRANSLATIONS_H

/* Run `plansite translations ...`: argv[0] is "translations". Returns the exit status (0, 1 after
 * errors printed on stderr, 2 for a wrong command line). */
int translations_main(int argc, char **argv);

#endif
