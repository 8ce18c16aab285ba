; modes.asm - PLACEHOLDER written by the VBE engineer so the ROM assembles
; before the INT 10h engineer's mode tables land; it is theirs to replace.
; set_mode here only turns the DISPI extensions off and records the mode.

set_mode:
        push ds
        push ax
        call vbe_dispi_off
        mov ax, BDA_SEG
        mov ds, ax
        pop ax
        push ax
        and al, 7Fh
        mov [BDA_VIDEO_MODE], al
        pop ax
        pop ds
        ret
