# Pagoda - a bare-metal x86-64 teaching microkernel.
#
#   make run      install missing host packages, build, boot the default machine
#   make test     host unit tests + the in-QEMU test matrix; ends "N passed, M failed"
#   make debug    boot paused under QEMU's GDB stub and attach gdb
#   make iso      build/pagoda.iso, a hybrid BIOS+UEFI GRUB image
#   make compdb   compile_commands.json for clangd
#
# Variables: TOPO=2s BOOT=kernel|bios|uefi CMDLINE="..." CROSS_COMPILE=x86_64-elf-
# The build is out of tree (build/), with dependency files, so a rebuild
# compiles only what changed.  It is parallel: one job per CPU unless -j
# is given (make -j1 for a sequential build).

CROSS_COMPILE ?=
CC      := $(CROSS_COMPILE)gcc
LD      := $(CROSS_COMPILE)ld
OBJCOPY := $(CROSS_COMPILE)objcopy
NM      := $(CROSS_COMPILE)nm
PYTHON  ?= python3

BUILD   := build
VERSION := 0.1.0
TOPO    ?= 2s
BOOT    ?= kernel
CMDLINE ?=
NAME    ?= help
DEMO_CMDLINE ?=
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
FUZZ_SECONDS ?= 20

# Plain `make` builds in parallel; a -j on the command line wins.  Only
# the top-level make sets it: sub-makes share its job slots.
ifeq ($(MAKELEVEL)$(filter -j% --jobserver%,$(MAKEFLAGS)),0)
MAKEFLAGS += -j$(JOBS)
endif

# Quiet by default ("CC file"); V=1 shows whole commands.
ifeq ($(V),1)
Q :=
quiet = @true
else
Q := @
quiet = @echo "  $(1)	$(2)"
endif

# Freestanding kernel code: no red zone (interrupts would clobber it), the
# kernel code model (the image lives in the top 2 GiB), no SSE/x87 state
# the kernel would have to save, no stack protector, frame pointers kept
# for backtraces: in leaf functions too, or an oops in a leaf function
# (one that calls nothing) would skip its caller in the backtrace.
# GCC 12 drops the frame of a leaf function that uses no stack even with
# -mno-omit-leaf-frame-pointer; -pg forces a frame in every function (the
# profiler hook needs one) and -mnop-mcount turns the hook's call into a
# 5-byte nop, so nothing is called.  Price: that nop, plus push/mov/pop in
# leaf functions.
KCFLAGS := -std=gnu11 -ffreestanding -fno-pic -fno-pie -mno-red-zone \
	-mcmodel=kernel -mno-sse -mno-sse2 -mno-mmx -mno-80387 \
	-mgeneral-regs-only -fno-stack-protector -fno-omit-frame-pointer \
	-mno-omit-leaf-frame-pointer -pg -mnop-mcount \
	-fno-asynchronous-unwind-tables -fno-optimize-sibling-calls -fno-strict-aliasing -fcf-protection=none \
	-O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-I. -DPAGODA_VERSION='"$(VERSION)"'
KASFLAGS := -D__ASSEMBLY__ -I. -g -fno-pic -fno-pie
KLDFLAGS := -nostdlib -static -z max-page-size=4096 -z noexecstack \
	--no-warn-rwx-segments -T linker.ld

# Kernel sources: every .c/.S under these directories.
KDIRS   := boot arch/x86 mm kernel kernel/locking kernel/sched kernel/rcu \
	   kernel/time lib drivers
KSRCS   := $(sort $(foreach d,$(KDIRS),$(wildcard $(d)/*.c $(d)/*.S)))
KOBJS   := $(patsubst %,$(BUILD)/obj/%.o,$(basename $(KSRCS)))

.PHONY: all kernel initrd run demo bench test debug iso compdb clean deps host-tests check-tools FORCE
all: kernel initrd compdb

kernel: $(BUILD)/kernel

# Values that are not files become dependencies through stamp files:
# $(call stamp,FILE,TEXT) rewrites FILE only when TEXT differs from what it
# holds, so its time changes only then and only its dependents rebuild.
# The command line (make iso), the list of objects (a deleted source must
# leave the link) and the compiler flags (every object) are such values.
# The text goes through $(file >) (no shell quoting to get wrong); the
# comparison through cmp ($(file <) of make 4.3 is unreliable).
stamp = $(shell mkdir -p $(dir $(1)))$(file >$(1).new,$(2))cmp -s $(1).new $(1) \
	&& rm -f $(1).new || mv -f $(1).new $(1)

$(BUILD)/cmdline.txt: FORCE
	@$(call stamp,$@,$(CMDLINE))
$(BUILD)/objects.list: FORCE
	@$(call stamp,$@,$(KOBJS))
$(BUILD)/kflags.txt: FORCE
	@$(call stamp,$@,$(CC) $(KCFLAGS) / $(KASFLAGS))

$(BUILD)/obj/%.o: %.c $(BUILD)/kflags.txt
	@mkdir -p $(dir $@)
	$(call quiet,CC,$<)
	$(Q)$(CC) $(KCFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/obj/%.o: %.S $(BUILD)/kflags.txt
	@mkdir -p $(dir $@)
	$(call quiet,AS,$<)
	$(Q)$(CC) $(KASFLAGS) -MMD -MP -c $< -o $@

# The symbol table (kernel/ksyms.c): link once with an empty table, take
# the function addresses from that link, link again with them.  The table
# sits after .text, so its size cannot move any function; the check below
# proves it by rebuilding the table from the final image.
$(BUILD)/ksyms0.S: tools/gen-ksyms
	@mkdir -p $(BUILD)
	$(Q)$(PYTHON) tools/gen-ksyms < /dev/null > $@

$(BUILD)/ksyms0.o $(BUILD)/ksyms.o: $(BUILD)/%.o: $(BUILD)/%.S
	$(Q)$(CC) $(KASFLAGS) -c $< -o $@

# The link names $(KOBJS), never build/obj/*.o: an object whose source
# is gone stays on disk until `make clean` but is not linked.
$(BUILD)/kernel.pass1.elf: $(KOBJS) $(BUILD)/ksyms0.o linker.ld $(BUILD)/objects.list
	$(call quiet,LD,$@)
	$(Q)$(LD) $(KLDFLAGS) -o $@ $(KOBJS) $(BUILD)/ksyms0.o

$(BUILD)/ksyms.S: $(BUILD)/kernel.pass1.elf tools/gen-ksyms
	$(call quiet,KSYMS,$@)
	$(Q)$(NM) -n $< | $(PYTHON) tools/gen-ksyms > $@

$(BUILD)/kernel.elf: $(KOBJS) $(BUILD)/ksyms.o linker.ld $(BUILD)/objects.list
	$(call quiet,LD,$@)
	$(Q)$(LD) $(KLDFLAGS) -o $@ $(KOBJS) $(BUILD)/ksyms.o
	@$(NM) -n $@ | $(PYTHON) tools/gen-ksyms | cmp -s - $(BUILD)/ksyms.S || \
		{ echo "ksyms: symbol table does not match the final link"; rm -f $@; exit 1; }

# QEMU's -kernel takes Multiboot 1 only and refuses 64-bit ELF files: the
# image is the raw physical layout, which both Multiboot headers describe.
$(BUILD)/kernel: $(BUILD)/kernel.elf
	$(call quiet,OBJCOPY,$@)
	$(Q)$(OBJCOPY) -O binary $< $@

-include $(KOBJS:.o=.d)

# User programs: each user/NAME.c is a static Linux x86-64 program linked
# with Debian's musl (musl-tools), build/user/NAME; build/initrd.cpio
# holds them all under /bin (tools/mkinitrd writes the newc archive).
# The boot tools pass the archive as the first Multiboot module when it
# exists (tools/pagoda_qemu.py).
MUSL_CC    ?= musl-gcc
USER_SRCS  := $(sort $(wildcard user/*.c))
USER_BINS  := $(patsubst user/%.c,$(BUILD)/user/%,$(USER_SRCS))
USER_CFLAGS := -static -O2 -Wall -Wextra -Werror

$(BUILD)/user/%: user/%.c
	@mkdir -p $(dir $@)
	$(call quiet,MUSLCC,$<)
	$(Q)$(MUSL_CC) $(USER_CFLAGS) -o $@ $<

$(BUILD)/userprogs.list: FORCE
	@$(call stamp,$@,$(USER_BINS))

initrd: $(BUILD)/initrd.cpio
$(BUILD)/initrd.cpio: $(USER_BINS) tools/mkinitrd $(BUILD)/userprogs.list
	$(call quiet,MKINITRD,$@)
	$(Q)$(PYTHON) tools/mkinitrd --out $@ $(USER_BINS)

include tests/host/host_acpi.mk
include tests/host/host.mk

# clangd is clang: it refuses -mnop-mcount on x86, and -pg only serves
# GCC's frame pointers (see KCFLAGS), so both stay out of its commands.
compdb: compile_commands.json
compile_commands.json: $(KSRCS) Makefile tools/gen-compdb $(BUILD)/objects.list
	@$(PYTHON) tools/gen-compdb --cc "$(CC)" --cflags "$(filter-out -pg -mnop-mcount,$(KCFLAGS))" \
		--asflags "$(KASFLAGS)" --build $(BUILD) $(KSRCS) > $@

deps:
	@tools/install-deps

# make iso CMDLINE=... rebuilds the image when the command line changed.
# make run and make debug boot their own images (build/run.iso,
# build/debug.iso): they never rewrite this one.
iso: $(BUILD)/pagoda.iso
$(BUILD)/pagoda.iso: $(BUILD)/kernel $(BUILD)/initrd.cpio boot/grub.cfg tools/mkiso tools/pagoda_qemu.py \
		$(BUILD)/cmdline.txt
	tools/mkiso --force --kernel $(BUILD)/kernel --cmdline "$$(cat $(BUILD)/cmdline.txt)" --out $@

# Sub-makes, so that the build waits for deps (which may install the
# compiler) even in a parallel make.  run-qemu turns QEMU's exit status
# into a sentence: "ktest: all passed" exits 0, not "Error 33".
run: deps
	@$(MAKE) --no-print-directory kernel initrd
	tools/run-qemu --topo $(TOPO) --boot $(BOOT) --cmdline "$(CMDLINE)"

# make demo NAME=rcu_tasks [TOPO=...] [CMDLINE=extra]: one lecture demo
# (kernel/demo.h); NAME=help lists them.  Its exit says whether the demo
# showed what it should.
demo: deps
	@$(MAKE) --no-print-directory kernel initrd
	tools/run-qemu --topo $(TOPO) --boot $(BOOT) --cmdline "demo=$(NAME) $(DEMO_CMDLINE)"

# make bench: the kernel path lengths (kernel/bench.h), in guest
# instructions under qemu -icount shift=0 on the default machine.
bench: deps
	@$(MAKE) --no-print-directory kernel
	tools/ktest --plan bench

debug: deps
	@$(MAKE) --no-print-directory kernel initrd
	tools/debug --topo $(TOPO) --boot $(BOOT) --cmdline "$(CMDLINE)"

# The harness's own unit tests and the fuzzers first (quick, and a broken
# harness would make every verdict after it worthless), then the matrix,
# whose last line is the "N passed, M failed" summary.
test: deps
	@$(MAKE) --no-print-directory kernel host-tests initrd
	$(PYTHON) -m unittest discover -s tests/host -p 'test_*.py'
	$(MAKE) --no-print-directory host-fuzz HOST_FUZZ_SECONDS=$(FUZZ_SECONDS)
	$(MAKE) --no-print-directory host-fuzz-acpi HOST_FUZZ_SECONDS=$(FUZZ_SECONDS)
	tools/ktest -j $(JOBS) --host-tests $(BUILD)/host-tests

clean:
	rm -rf $(BUILD) compile_commands.json
