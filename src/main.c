/* plansite: command line only. Every stage lives in the library under src/. */
#include "cli/cli.h"

int main(int argc, char **argv)
{
    return cli_main(argc, argv);
}
