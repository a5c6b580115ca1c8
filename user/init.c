/*
 * user/init.c - the first process (a placeholder until the shell).
 *
 * Teaches: init is an ordinary program the kernel starts by path
 * (/bin/init by default); when it exits the kernel powers off.
 * Linux counterpart: the init= program, e.g. /sbin/init.
 */
#include <stdio.h>

int
main(int argc, char **argv)
{
	printf("init: started as %s with %d argument(s)\n",
	       argc > 0 ? argv[0] : "?", argc > 0 ? argc - 1 : 0);
	return 0;
}
