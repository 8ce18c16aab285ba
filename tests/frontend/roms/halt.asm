; halt.asm - ends in HLT at F000:E000, which nothing can wake: softpc
; exits with status 2 and names CS:EIP.  -DWITH_IF halts with IF = 1 but
; every input of the master 8259 masked, else with IF = 0.  POST log: 01.
%include "rom.inc"

start:
    post 0x01
%ifdef WITH_IF
    mov al, 0xFF
    out 0x21, al        ; OCW1: mask IRQ 0-7 (and the slave behind IRQ 2)
    sti
%else
    cli
%endif
    jmp 0xF000:halt_here

    times 0xE000 - ($ - $$) db 0x90
halt_here:              ; F000:E000
    hlt
    exit 0x42           ; HLT returned: wrong (status 133)

%include "rom_end.inc"
