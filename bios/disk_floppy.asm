; disk_floppy.asm - the floppy half of INT 13h.  NOT DONE YET: every floppy
; function answers 01h (bad command) and POST finds no floppy drive; the
; i82077 driver replaces this file.

        section .f000

fd_int13:
        mov al, DISK_BAD_COMMAND
        jmp int13_status_done

fd_post:
        ret

irq6_entry:
        push ax
        mov al, 20h
        out PORT_PIC1_CMD, al
        pop ax
        iret
