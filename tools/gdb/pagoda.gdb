# pagoda.gdb - attach gdb to a Pagoda kernel running under QEMU's gdb stub.
#
# Run from the repository root (tools/debug does this for you):
#     gdb -ex 'set $pagoda_port = 1234' -x tools/gdb/pagoda.gdb
# QEMU must already be waiting with "-S -gdb tcp::PORT".
# Optional convenience variables, set before this file runs:
#     $pagoda_port   TCP port of QEMU's gdb stub (default 1234)
#     $pagoda_host   "host:port" string instead of localhost:$pagoda_port
#     $pagoda_nowait 1: connect but do not run to start_kernel
#     $pagoda_elf    the ELF file with symbols instead of build/kernel.elf

set pagination off
set confirm off

# The kernel image with its symbols, linked in the higher half.
if $_isvoid($pagoda_elf)
  file build/kernel.elf
else
  eval "file %s", $pagoda_elf
end

# The CPU starts in 32-bit protected mode and only later enters long mode.
# Tell gdb up front that it is an x86-64 target: otherwise it guesses i386
# from the first register packet and later fails with
# "Remote 'g' packet reply is too long".
set architecture i386:x86-64

if $_isvoid($pagoda_port)
  set $pagoda_port = 1234
end
if $_isvoid($pagoda_host)
  eval "target remote localhost:%d", $pagoda_port
else
  eval "target remote %s", $pagoda_host
end

# Our gdb helpers: pagoda-ptwalk, pagoda-dmesg (tools/gdb/pagoda.py, with
# the helpers all of them share) and pagoda-buddyinfo, pagoda-zoneinfo,
# pagoda-page, pagoda-numa (tools/gdb/pagoda_mm.py).  Imported as Python
# modules rather than sourced, so that pagoda_mm.py can import pagoda.py's
# helpers; the path is relative to the repository root, as above.
python
import os
import sys
if os.path.abspath("tools/gdb") not in sys.path:
    sys.path.insert(0, os.path.abspath("tools/gdb"))
import pagoda
import pagoda_mm
end

# A hardware breakpoint: a software one (int3 written into memory) would be
# planted at the virtual address before the kernel maps it, and be lost.
if $_isvoid($pagoda_nowait)
  hbreak start_kernel
  continue
end
