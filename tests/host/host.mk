# tests/host/host.mk - host unit tests and the command-line fuzzer.
#
# Included by the top-level Makefile; every variable here starts with
# HOST_ so it cannot clash with the kernel build's. Paths are relative to
# the repository root (run make from there).
#
#   make host-tests        build every tests/host/test_*.c into $(HOST_OUT)
#   make host-tests-run    build them and run them all (KTAP on stdout)
#   make host-fuzz         fuzz parse_args/vsnprintf and the boot information
#                          parsers with libFuzzer (clang), HOST_FUZZ_SECONDS
#                          in all, split between the two fuzzers
#
# Adding a test for kernel/foo.c: write tests/host/test_foo.c and add
#   HOST_SRCS_test_foo := kernel/foo.c
# below (or in the Makefile *before* including this file, so the
# dependency is seen). Every test also links HOST_COMMON_SRCS: the host
# printk and the kernel's vsprintf and string functions.

HOSTCC ?= cc
HOST_CLANG ?= clang
HOST_OUT ?= $(if $(BUILD),$(BUILD),build)/host-tests
HOST_FUZZ_SECONDS ?= 20

HOST_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_CFLAGS := -std=gnu11 -g -O1 $(HOST_SANITIZE) -fno-omit-frame-pointer \
	-Wall -Wextra -Werror -I. -include tests/host/host_rename.h
HOST_FUZZ_CFLAGS := -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer \
	-Wall -Wextra -Werror -I. -include tests/host/host_rename.h

HOST_COMMON_SRCS := tests/host/host_printk.c lib/vsprintf.c lib/string.c
# Rebuild when any kernel or test header changes (coarse but simple).
HOST_HDRS = $(wildcard kernel/*.h tests/host/*.h arch/x86/*.h boot/*.h \
	drivers/*.h mm/*.h lib/*.h)

# Kernel sources each test needs beyond the common ones.
HOST_SRCS_test_vsprintf :=
HOST_SRCS_test_kstrtox := lib/kstrtox.c
HOST_SRCS_test_params := kernel/params.c lib/kstrtox.c
HOST_SRCS_test_e820 := arch/x86/e820.c
HOST_SRCS_test_multiboot1 := boot/multiboot.c arch/x86/e820.c drivers/acpi_rsdp.c
HOST_SRCS_test_multiboot2 := boot/multiboot.c arch/x86/e820.c drivers/acpi_rsdp.c
HOST_SRCS_test_cmdline := boot/multiboot.c arch/x86/e820.c drivers/acpi_rsdp.c
HOST_SRCS_test_rsdp := drivers/acpi_rsdp.c
HOST_SRCS_test_memblock := mm/memblock.c
HOST_SRCS_test_memblock_grow := mm/memblock.c
HOST_SRCS_test_pgtable :=
HOST_SRCS_test_movable := mm/movable.c lib/kstrtox.c
HOST_SRCS_test_bitmap := lib/bitmap.c
HOST_SRCS_test_int_sqrt := lib/int_sqrt.c
HOST_SRCS_test_cma_param := mm/cma_param.c lib/kstrtox.c
HOST_SRCS_test_tsc := drivers/tsc.c
HOST_SRCS_test_sparse_place := mm/memmap_place.c
HOST_SRCS_test_lock_order := kernel/locking/lock_order.c
HOST_SRCS_test_cpio := lib/cpio.c

HOST_TEST_NAMES := $(sort $(basename $(notdir $(wildcard tests/host/test_*.c))))
HOST_TEST_BINS := $(addprefix $(HOST_OUT)/,$(HOST_TEST_NAMES))

# $(sort) also removes a source listed both as common and per-test.
define HOST_TEST_RULE
$(HOST_OUT)/$(1): tests/host/$(1).c $$(HOST_COMMON_SRCS) $$(HOST_SRCS_$(1)) $$(HOST_HDRS)
	@mkdir -p $$(@D)
	$$(HOSTCC) $$(HOST_CFLAGS) -o $$@ tests/host/$(1).c \
		$$(sort $$(HOST_COMMON_SRCS) $$(HOST_SRCS_$(1)))
endef
$(foreach t,$(HOST_TEST_NAMES),$(eval $(call HOST_TEST_RULE,$(t))))

.PHONY: host-tests host-tests-run host-fuzz

host-tests: $(HOST_TEST_BINS)

# Run them all even if one fails, then fail if any did.
host-tests-run: host-tests
	@fail=0; \
	for t in $(HOST_TEST_BINS); do \
		echo "# $$t"; \
		$$t || { echo "# FAILED: $$t"; fail=1; }; \
	done; \
	exit $$fail

HOST_FUZZ_SRCS := tests/host/fuzz_params.c tests/host/host_printk.c \
	kernel/params.c lib/kstrtox.c lib/vsprintf.c lib/string.c
HOST_FUZZ_CORPUS := $(HOST_OUT)/fuzz_params_corpus
# Multiboot 1/2, e820 and RSDP parsing; input format in fuzz_bootinfo.h.
HOST_FUZZ_BI_SRCS := tests/host/fuzz_bootinfo.c tests/host/host_printk.c \
	boot/multiboot.c arch/x86/e820.c drivers/acpi_rsdp.c \
	lib/vsprintf.c lib/string.c
HOST_FUZZ_BI_CORPUS := $(HOST_OUT)/fuzz_bootinfo_corpus

# libFuzzer ships with clang only; without clang, skip rather than fail.
# Each fuzzer gets half of HOST_FUZZ_SECONDS; both run even if the first
# finds something, and the target fails if either did. A crash or an
# endless loop (-timeout) leaves its input in $(HOST_OUT)/ (crash-*,
# timeout-*; bootinfo-crash-*... for fuzz_bootinfo): replay it with
# $(HOST_OUT)/fuzz_bootinfo FILE.
host-fuzz:
	@if ! command -v $(HOST_CLANG) >/dev/null 2>&1; then \
		echo "host-fuzz: $(HOST_CLANG) not found, skipping the fuzzer"; \
		exit 0; \
	fi; \
	set -e; \
	half=$$(( $(HOST_FUZZ_SECONDS) / 2 )); \
	[ $$half -gt 0 ] || half=1; \
	mkdir -p $(HOST_FUZZ_CORPUS) $(HOST_FUZZ_BI_CORPUS); \
	echo "  CLANG   $(HOST_OUT)/fuzz_params"; \
	$(HOST_CLANG) $(HOST_FUZZ_CFLAGS) -o $(HOST_OUT)/fuzz_params $(HOST_FUZZ_SRCS); \
	echo "  CLANG   $(HOST_OUT)/fuzz_bootinfo"; \
	$(HOST_CLANG) $(HOST_FUZZ_CFLAGS) -o $(HOST_OUT)/fuzz_bootinfo $(HOST_FUZZ_BI_SRCS); \
	echo "  HOSTCC  $(HOST_OUT)/fuzz_bootinfo_seeds"; \
	$(HOSTCC) -std=gnu11 -O1 -Wall -Wextra -Werror -I. \
		-o $(HOST_OUT)/fuzz_bootinfo_seeds tests/host/fuzz_bootinfo_seeds.c; \
	$(HOST_OUT)/fuzz_bootinfo_seeds $(HOST_FUZZ_BI_CORPUS); \
	printf 'b i=-5 u=0x10 s="a b" sz=4K cb --' > $(HOST_FUZZ_CORPUS)/seed1; \
	printf '"s=q w" e-b=off ul=18446744073709551615 x=' > $(HOST_FUZZ_CORPUS)/seed2; \
	fail=0; \
	$(HOST_OUT)/fuzz_params -max_total_time=$$half \
		-max_len=4096 -artifact_prefix=$(HOST_OUT)/ $(HOST_FUZZ_CORPUS) \
		|| fail=1; \
	$(HOST_OUT)/fuzz_bootinfo -max_total_time=$$half -timeout=5 \
		-max_len=16384 -artifact_prefix=$(HOST_OUT)/bootinfo- \
		$(HOST_FUZZ_BI_CORPUS) || fail=1; \
	exit $$fail

# The newc parser (lib/cpio.c) under libFuzzer, seeded with a small
# archive from tools/mkinitrd: make host-fuzz-cpio [HOST_FUZZ_SECONDS=N].
HOST_FUZZ_CPIO_CORPUS := $(HOST_OUT)/fuzz_cpio_corpus
.PHONY: host-fuzz-cpio
host-fuzz-cpio:
	@if ! command -v $(HOST_CLANG) >/dev/null 2>&1; then \
		echo "host-fuzz-cpio: $(HOST_CLANG) not found, skipping the fuzzer"; \
		exit 0; \
	fi; \
	set -e; \
	mkdir -p $(HOST_FUZZ_CPIO_CORPUS); \
	echo "  CLANG   $(HOST_OUT)/fuzz_cpio"; \
	$(HOST_CLANG) $(HOST_FUZZ_CFLAGS) -o $(HOST_OUT)/fuzz_cpio \
		tests/host/fuzz_cpio.c lib/cpio.c lib/string.c; \
	printf '\177ELF' > $(HOST_OUT)/fuzz_cpio_seed_file; \
	$(PYTHON) tools/mkinitrd --out $(HOST_FUZZ_CPIO_CORPUS)/seed-small \
		$(HOST_OUT)/fuzz_cpio_seed_file; \
	$(HOST_OUT)/fuzz_cpio -max_total_time=$(HOST_FUZZ_SECONDS) -timeout=5 \
		-max_len=8192 -artifact_prefix=$(HOST_OUT)/cpio- \
		$(HOST_FUZZ_CPIO_CORPUS)
