/*
 * kernel/compiler.h - compiler attributes and tiny helpers with Linux's names.
 *
 * Teaches: the kernel leans on GCC extensions (attributes such as
 * __packed, __noreturn, __printf; branch hints; compiler barriers and
 * single volatile accesses) and names them once, as Linux does, so the
 * rest of the code reads like Linux code.  Host-safe: the unit tests
 * include it too.
 * Linux counterpart: include/linux/compiler.h, include/linux/kernel.h.
 */
#ifndef PAGODA_KERNEL_COMPILER_H
#define PAGODA_KERNEL_COMPILER_H

#define __packed	__attribute__((packed))
#define __aligned(x)	__attribute__((aligned(x)))
#define __section(s)	__attribute__((section(s)))
#define __used		__attribute__((used))
#define __noreturn	__attribute__((noreturn))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define __always_inline	inline __attribute__((always_inline))
#define __maybe_unused	__attribute__((unused))

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define ALIGN(x, a)	(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define min(a, b)	((a) < (b) ? (a) : (b))
#define max(a, b)	((a) > (b) ? (a) : (b))

/* One volatile access: the compiler may neither tear, repeat nor elide it. */
#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#define barrier()	__asm__ __volatile__("" ::: "memory")

/*
 * CPU memory barriers, for data shared between CPUs without a lock.
 * x86 is "total store order": loads are not reordered with loads, nor
 * stores with stores, nor a store with an earlier load; the one
 * reordering it does is a load passing an earlier store to another
 * address (the store waits in the store buffer).  So only smp_mb() costs
 * an instruction (a locked add, cheaper than mfence and as strong for
 * ordinary memory); the read and write barriers only stop the compiler.
 * Acquire/release need no fence on x86 either; the __atomic builtins
 * say what they mean and keep the compiler in order.
 * Linux counterpart: arch/x86/include/asm/barrier.h.
 */
#if defined(__x86_64__)
#define smp_mb()	__asm__ __volatile__("lock; addl $0, -4(%%rsp)" \
					     ::: "memory", "cc")
#else
#define smp_mb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif
#define smp_rmb()	barrier()
#define smp_wmb()	barrier()
#define smp_load_acquire(p)	__atomic_load_n((p), __ATOMIC_ACQUIRE)
#define smp_store_release(p, v)	__atomic_store_n((p), (v), __ATOMIC_RELEASE)

#define BUILD_BUG_ON(cond) _Static_assert(!(cond), #cond)

#define SZ_4K	0x1000UL
#define SZ_2M	0x200000UL
#define SZ_1G	0x40000000UL

#endif /* PAGODA_KERNEL_COMPILER_H */
