/*
 * lib/vsprintf.h - formatted output into a buffer.
 *
 * Teaches: the difference between the two return conventions: snprintf()
 * returns the length the output would have had ("did it fit?"), while
 * scnprintf() returns what was really stored (what to add when appending
 * piece by piece).
 * Linux counterpart: include/linux/sprintf.h.
 */
#ifndef PAGODA_LIB_VSPRINTF_H
#define PAGODA_LIB_VSPRINTF_H

#include "kernel/compiler.h"
#include "kernel/types.h"

/*
 * The *snprintf() pair returns the length the whole output WOULD have
 * (C semantics: "did it fit?" is "ret < size"); the *scnprintf() pair
 * returns what was really stored, excluding the NUL, which is what you
 * want when appending piece by piece. All four NUL-terminate when
 * size > 0, and accept buf == NULL with size == 0.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);

#endif /* PAGODA_LIB_VSPRINTF_H */
