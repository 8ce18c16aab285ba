; halt.asm - ends in HLT at F000:E000, which nothing can wake: softpc
; exits with status 2 and names CS:EIP.  -DWITH_IF halts with IF = 1
; (this board has no interrupt source), else with IF = 0.  POST log: 01.
%include "rom.inc"

start:
    post 0x01
%ifdef WITH_IF
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
