/*
 * user/hello.c - the first user program: one line on standard output.
 *
 * Teaches: a static musl program needs nothing from Pagoda but the
 * Linux system-call ABI (write, exit_group, and what musl's start-up
 * asks for).  Linux counterpart: any hello world.
 */
#include <stdio.h>

int
main(void)
{
	printf("hello from user space\n");
	return 0;
}
