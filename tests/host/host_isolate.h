/*
 * tests/host/host_isolate.h - run one check in a child process.
 *
 * Teaches: a test feeding hostile input to a parser must survive the
 * parser's bugs. EXPECT_ISOLATED(fn, seconds) forks; the child arms an
 * alarm, runs fn() and exits with fn's verdict. A hang (SIGALRM), a
 * sanitizer report (exit status 1, report on stderr) or a crash fails
 * this case only, and the remaining cases still run.
 *
 * Linux counterpart: the kselftest harness forks every test the same way
 * (tools/testing/selftests/kselftest_harness.h).
 */
#ifndef PAGODA_TESTS_HOST_HOST_ISOLATE_H
#define PAGODA_TESTS_HOST_HOST_ISOLATE_H

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/host/htest.h"

static inline void
host_isolate(const char *file, int line, const char *what,
	     void (*fn)(void), unsigned int seconds)
{
	pid_t pid;
	int status;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		htest_fail_begin(file, line, what);
		printf("fork failed\n");
		return;
	}
	if (pid == 0) {
		alarm(seconds);
		htest_case_failed = 0;
		fn();
		fflush(stdout);
		_exit(htest_case_failed ? 1 : 0);
	}
	if (waitpid(pid, &status, 0) != pid) {
		htest_fail_begin(file, line, what);
		printf("waitpid failed\n");
		return;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return;
	htest_fail_begin(file, line, what);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
		printf("did not return within %u s (an endless loop?)\n",
		       seconds);
	else if (WIFSIGNALED(status))
		printf("child killed by signal %d\n", WTERMSIG(status));
	else
		printf("child exited with status %d (a failed check above, "
		       "or a sanitizer report on stderr)\n",
		       WEXITSTATUS(status));
}

#define EXPECT_ISOLATED(fn, seconds)					\
	host_isolate(__FILE__, __LINE__, #fn, (fn), (seconds))

#endif /* PAGODA_TESTS_HOST_HOST_ISOLATE_H */
