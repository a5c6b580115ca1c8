/*
 * kernel/errno.h - error numbers.
 *
 * Teaches: kernel functions return 0 or a negative error number (-Exxx),
 * never a separate error flag; the numbers have Linux's values so that a
 * student's strace-trained eye reads them right.
 * Linux counterpart: include/uapi/asm-generic/errno-base.h.
 */
#ifndef PAGODA_KERNEL_ERRNO_H
#define PAGODA_KERNEL_ERRNO_H

#define EPERM		1
#define ENOENT		2
#define ESRCH		3
#define EINTR		4
#define EIO		5
#define ENXIO		6	/* no such device or address */
#define E2BIG		7
#define ENOEXEC		8
#define EBADF		9
#define ECHILD		10
#define EAGAIN		11
#define ENOMEM		12
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define ENODEV		19
#define EINVAL		22
#define ENOSPC		28
#define ERANGE		34
#define ENOSYS		38

#endif /* PAGODA_KERNEL_ERRNO_H */
