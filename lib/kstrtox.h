/*
 * lib/kstrtox.h - strict string to integer conversion.
 *
 * Teaches: a number read from untrusted text is accepted only if the whole
 * string is that number and it fits the destination; otherwise the caller
 * gets -EINVAL or -ERANGE and its variable is left alone (see kstrtox.c).
 * Linux counterpart: include/linux/kstrtox.h.
 */
#ifndef PAGODA_LIB_KSTRTOX_H
#define PAGODA_LIB_KSTRTOX_H

#include "kernel/types.h"

/*
 * All return 0 and store *res on success, or -EINVAL (not a number,
 * trailing garbage) / -ERANGE (does not fit) and leave *res alone.
 * The whole string must be the number, except for one trailing '\n'.
 * base 0 means: "0x"/"0X" prefix -> 16, leading "0" -> 8, else 10.
 * A leading '+' is allowed; a leading '-' only for the signed ones.
 */
int kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int kstrtoll(const char *s, unsigned int base, long long *res);
int kstrtoul(const char *s, unsigned int base, unsigned long *res);
int kstrtol(const char *s, unsigned int base, long *res);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);
int kstrtoint(const char *s, unsigned int base, int *res);

/* 1/0, y/n, yes/no, on/off, true/false, any case; -EINVAL otherwise. */
int kstrtobool(const char *s, bool *res);

/*
 * A size such as "512", "0x1000", "64K", "16m", "4G", "1T" (binary
 * multiples, suffix in either case). Linux's memparse(), with errors.
 */
int parse_size(const char *s, unsigned long long *res);

#endif /* PAGODA_LIB_KSTRTOX_H */
