/*
 * tests/host/host_rename.h - force-included (-include) into every file of
 * a host test build, kernel sources and test sources alike.
 *
 * The kernel defines functions with libc's names (memcpy, strlen,
 * snprintf...). Linked into a host program they would replace libc's
 * own, which libc, ASan's interceptors and the test framework rely on.
 * Renaming them with macros at the preprocessor level gives the kernel's
 * versions distinct symbols (pagoda_memcpy...) while the code, kernel and
 * test, keeps using the familiar names - so a test calling snprintf()
 * exercises the kernel's snprintf, and libc's stays intact.
 *
 * Only names that clash with the C library need an entry; add one when a
 * new kernel file defines another (e.g. a kernel "puts" or "abort").
 * Test code that wants libc's version can call __builtin_strcmp() etc.,
 * which these macros do not touch.
 */
#ifndef PAGODA_HOST_RENAME_H
#define PAGODA_HOST_RENAME_H

/*
 * Some distributions enable _FORTIFY_SOURCE by default; its inline
 * wrappers for snprintf/memcpy in the libc headers would then be
 * compiled under our renamed names and collide with the kernel's
 * definitions.
 */
#undef _FORTIFY_SOURCE

/*
 * glibc's <sys/cdefs.h>, reached through <stdint.h>, defines
 * __always_inline differently from kernel/compiler.h. Pull it in first and
 * drop its version; the kernel's means the same thing.
 */
#if __has_include(<sys/cdefs.h>)
#include <sys/cdefs.h>
#undef __always_inline
#endif

/* lib/string.c */
#define memcpy		pagoda_memcpy
#define memmove		pagoda_memmove
#define memset		pagoda_memset
#define memcmp		pagoda_memcmp
#define memchr		pagoda_memchr
#define next_list_item	pagoda_next_list_item
#define list_has_item	pagoda_list_has_item
#define strlen		pagoda_strlen
#define strnlen		pagoda_strnlen
#define strcmp		pagoda_strcmp
#define strncmp		pagoda_strncmp
#define strchr		pagoda_strchr
#define strrchr		pagoda_strrchr
#define strstr		pagoda_strstr

/* lib/vsprintf.c */
#define vsnprintf	pagoda_vsnprintf
#define snprintf	pagoda_snprintf

#endif /* PAGODA_HOST_RENAME_H */
