; timer.asm - the two time interrupts.
; IRQ 0 (INT 08h), 18.2 times a second: the tick count at 40:6C with its
; midnight rollover (1800B0h ticks a day, the PC/AT figure), the floppy
; motor timeout at 40:40, the user hook INT 1Ch, and - while INT 10h is
; mirrored to COM1 - a poll of COM1 so typed bytes reach the keyboard
; buffer even when nobody is calling INT 16h.
; IRQ 8 (INT 70h), the RTC: the periodic interrupt (1024 Hz) counts down
; the wait of INT 15h AH=83h/86h; the alarm calls INT 4Ah.

TICKS_PER_DAY   equ 1800B0h

irq0_entry:
        push ax
        push dx
        push ds
        mov ax, BDA_SEG
        mov ds, ax
        inc dword [BDA_TICKS]
        cmp dword [BDA_TICKS], TICKS_PER_DAY
        jb .motor
        mov dword [BDA_TICKS], 0
        mov byte [BDA_MIDNIGHT], 1
.motor:
        cmp byte [BDA_FD_MOTOR_TICKS], 0
        je .serial
        dec byte [BDA_FD_MOTOR_TICKS]
        jnz .serial
        ; Time is up: all motors off, controller enabled, DMA/IRQ on
        ; (82077 DOR: bits 7-4 motors, bit 3 DMA gate, bit 2 not reset).
        and byte [BDA_FD_MOTOR], 0F0h
        mov al, 0Ch
        mov dx, PORT_FDC_DOR
        out dx, al
.serial:
        call serial_poll_input
        int 1Ch
        mov al, 20h
        out PORT_PIC1_CMD, al
        pop ds
        pop dx
        pop ax
        iret

; INT 70h.  Register C says why (bit 6 periodic, bit 5 alarm); reading it
; also lets the RTC raise IRQ 8 again.
irq8_entry:
        push ax
        push bx
        push ds
        mov ax, BDA_SEG
        mov ds, ax
        mov al, CMOS_REG_C
        call cmos_read
        mov bl, al
        test bl, 40h
        jz .alarm
        test byte [BDA_WAIT_ACTIVE], 01h
        jz .alarm
        sub dword [BDA_WAIT_COUNT], 976 ; 1/1024 s in microseconds
        jg .alarm
        ; The wait is over: set bit 7 of the caller's flag byte, stop the
        ; periodic interrupt.
        mov byte [BDA_WAIT_ACTIVE], 0
        push ds
        push si
        lds si, [BDA_WAIT_FLAG_PTR]
        or byte [si], 80h
        pop si
        pop ds
        mov al, CMOS_REG_B
        call cmos_read
        and al, ~40h & 0FFh
        mov ah, al
        mov al, CMOS_REG_B
        call cmos_write
.alarm:
        test bl, 20h
        jz .done
        sti
        int 4Ah
        cli
.done:
        mov al, 20h
        out PORT_PIC2_CMD, al
        out PORT_PIC1_CMD, al
        pop ds
        pop bx
        pop ax
        iret
