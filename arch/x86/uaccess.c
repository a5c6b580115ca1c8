/*
 * arch/x86/uaccess.c - copy_from_user/copy_to_user (see uaccess.h).
 *
 * The copy itself runs under fault_catch_call(), which plays the role of
 * Linux's exception table for a whole function: a #PF inside it resumes
 * here with the fault's description instead of oopsing.  AC (the SMAP
 * override) is set only around the copy; after a fault we clear it again,
 * because the fault's recovery does not restore RFLAGS.
 */
#include "arch/x86/uaccess.h"

#include "arch/x86/cpufeature.h"
#include "arch/x86/fault_catch.h"
#include "arch/x86/processor.h"
#include "kernel/errno.h"
#include "lib/string.h"
#include "mm/mm_user.h"

struct uaccess_copy {
	void *dst;
	const void *src;
	size_t n;
};

static void
user_access_begin(void)
{
	if (cpu_smap_enabled)
		__asm__ __volatile__("stac" : : : "memory");
}

static void
user_access_end(void)
{
	if (cpu_smap_enabled)
		clac();
}

static void
uaccess_do_copy(void *arg)
{
	struct uaccess_copy *c = arg;

	user_access_begin();
	memcpy(c->dst, c->src, c->n);
	user_access_end();
}

bool
access_ok(unsigned long addr, size_t n, unsigned long limit)
{
	return n <= limit && addr <= limit - n;
}

static long
uaccess_copy(void *dst, const void *src, size_t n)
{
	struct uaccess_copy c = { dst, src, n };
	struct fault_info info;

	if (fault_catch_call(uaccess_do_copy, &c, &info)) {
		user_access_end();
		return -EFAULT;
	}
	return 0;
}

long
copy_from_user(void *dst, unsigned long usrc, size_t n)
{
	if (!access_ok(usrc, n, USER_ADDR_LIMIT))
		return -EFAULT;
	return uaccess_copy(dst, (const void *)usrc, n);
}

long
copy_to_user(unsigned long udst, const void *src, size_t n)
{
	if (!access_ok(udst, n, USER_ADDR_LIMIT))
		return -EFAULT;
	return uaccess_copy((void *)udst, src, n);
}
