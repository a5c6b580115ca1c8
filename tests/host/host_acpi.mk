# tests/host/host_acpi.mk - host tests and fuzzer for the ACPI tables and
# NUMA setup (drivers/acpi_*.c, mm/numa.c).
#
# Include this BEFORE tests/host/host.mk: host.mk's per-test rule reads
# HOST_SRCS_<test> when it is expanded.  Variables of host.mk (HOST_OUT,
# HOST_CLANG, HOST_FUZZ_CFLAGS...) are only used inside recipes and
# recursive (=) assignments here, so they may be defined after us.
#
#   make host-tests            also builds test_acpi, test_srat, test_numa,
#                              test_numa_fallback
#   make host-fuzz-acpi        fuzz the table walk, the MADT, SRAT and SLIT
#                              parsers and NUMA setup with libFuzzer
#                              (clang) for HOST_FUZZ_SECONDS, seeded with
#                              QEMU's real tables (tests/host/acpi/*)
#
# The tests read QEMU's captured tables from tests/host/acpi at run time
# (tools/capture-acpi makes them).

HOST_ACPI_SRCS := drivers/acpi_tables.c drivers/acpi_madt.c \
	drivers/acpi_srat.c drivers/acpi_rsdp.c
HOST_SRCS_test_acpi := $(HOST_ACPI_SRCS)
HOST_SRCS_test_srat := $(HOST_ACPI_SRCS)
HOST_SRCS_test_numa := $(HOST_ACPI_SRCS) mm/numa.c tests/host/host_numa.c
HOST_SRCS_test_numa_fallback := mm/numa.c tests/host/host_numa.c

HOST_FUZZ_ACPI_SRCS = tests/host/fuzz_acpi.c tests/host/host_printk.c \
	$(HOST_ACPI_SRCS) mm/numa.c lib/vsprintf.c lib/string.c
HOST_FUZZ_ACPI_CORPUS = $(HOST_OUT)/fuzz_acpi_corpus
# Seeds: each capture's tables end to end (see fuzz_acpi.c), parsers first.
HOST_FUZZ_ACPI_SEED_TABLES := APIC SRAT SLIT FACP FACS HPET MCFG WAET

.PHONY: host-fuzz-acpi

# libFuzzer ships with clang only; without clang, skip rather than fail.
# A crash or endless loop leaves its input in $(HOST_OUT)/acpi-crash-* or
# acpi-timeout-*: replay it with $(HOST_OUT)/fuzz_acpi FILE.
host-fuzz-acpi:
	@if ! command -v $(HOST_CLANG) >/dev/null 2>&1; then \
		echo "host-fuzz-acpi: $(HOST_CLANG) not found, skipping the fuzzer"; \
		exit 0; \
	fi; \
	set -e; \
	mkdir -p $(HOST_FUZZ_ACPI_CORPUS); \
	echo "  CLANG   $(HOST_OUT)/fuzz_acpi"; \
	$(HOST_CLANG) $(HOST_FUZZ_CFLAGS) -o $(HOST_OUT)/fuzz_acpi $(HOST_FUZZ_ACPI_SRCS); \
	for dir in tests/host/acpi/*/; do \
		seed=$(HOST_FUZZ_ACPI_CORPUS)/seed-$$(basename $$dir); \
		: > $$seed; \
		for sig in $(HOST_FUZZ_ACPI_SEED_TABLES); do \
			if [ -f $$dir/$$sig.bin ]; then cat $$dir/$$sig.bin >> $$seed; fi; \
		done; \
	done; \
	$(HOST_OUT)/fuzz_acpi -max_total_time=$(HOST_FUZZ_SECONDS) -timeout=5 \
		-max_len=8192 -artifact_prefix=$(HOST_OUT)/acpi- \
		$(HOST_FUZZ_ACPI_CORPUS)
