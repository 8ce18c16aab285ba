; triple_fault.asm - a real-mode triple fault: LIDT with limit 0, then
; INT 3.  Vector 3 lies past the IDT limit (#GP), so does #GP's (#DF), and
; so does #DF's: the CPU shuts down (SDM Vol. 3, 20.1.4: in real mode an
; interrupt vector past the IDT limit raises #GP).
;
; Each boot counts itself in RAM at 0000:0500 (RAM keeps its contents
; across the reset, as on a PC and in QEMU) and writes the count as a POST
; code.  The third boot exits with PASS (status 33) instead of faulting.
; So: with --no-reboot softpc exits at the first fault (status 3, POST log
; 01); without it, the POST log is 01 02 03 and the status 33.
%include "rom.inc"

start:
    xor ax, ax
    mov ds, ax
    inc byte [0x500]
    mov al, [0x500]
    out 0x80, al
    cmp al, 3
    jb .fault
    exit PASS
.fault:
    mov ax, cs
    mov ds, ax
    lidt [idt_empty]
    jmp fault_here

idt_empty:
    dw 0                ; limit 0: no vector fits
    dd 0

    times 0xD000 - ($ - $$) db 0x90
fault_here:             ; F000:D000, the address softpc reports
    int3

%include "rom_end.inc"
