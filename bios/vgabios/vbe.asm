; vbe.asm - VESA BIOS Extension (INT 10h AH=4Fh) over the Bochs DISPI
; registers.  (Skeleton: every function answers 014Fh "failed" for now.)

vbe_int10:
        mov ax, 014Fh
        iret

; vbe_dispi_off: turn the DISPI extensions off (the card shows its VGA
; registers again).  Preserves every register.
vbe_dispi_off:
        push ax
        push dx
        mov dx, DISPI_INDEX_PORT
        mov ax, DISPI_ENABLE
        out dx, ax
        mov dx, DISPI_DATA_PORT
        xor ax, ax
        out dx, ax
        pop dx
        pop ax
        ret
