; tsc_clock.asm - which clock the run uses, seen from the guest.  Under
; --clock virtual (the default without a window) emulated time is the
; instruction count, so the TSC advances exactly one per instruction: two
; RDTSCs around 2,000,003 instructions (the first RDTSC, two MOVs, the
; loop) must differ by exactly that.  Exit PASS (status 33) if so, 0x20
; (status 65) if not.
;
; Written after the default run turned out to use the host's clock: the
; frontend's CLOCK_REALTIME enumerator was shadowed by <time.h>'s POSIX
; macro of the same name (0), which is also the value of "no -clock given".
%include "rom.inc"

start:
    rdtsc
    mov ebx, eax
    mov ecx, 1000000
.loop:
    dec ecx
    jnz .loop
    rdtsc               ; reads the count before it
    sub eax, ebx
    cmp eax, 2000003
    jne .wrong
    exit PASS
.wrong:
    exit 0x20

%include "rom_end.inc"
