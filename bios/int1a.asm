; int1a.asm - INT 1Ah time services: 00h/01h the BIOS tick count (40:6C,
; midnight flag 40:70), 02h-07h the RTC's time, date and alarm in BCD
; (POST keeps the RTC in BCD 24-hour mode), B1h the PCI BIOS (pci.asm's
; pcibios_int1a, entered with the caller's registers).  Reads and writes
; of the clock wait for the update-in-progress bit of register A to clear;
; if it never does, CF=1.  Other functions: CF=1, registers unchanged.

int1a_entry:
        cmp ah, 0B1h
        jne .ours
        jmp pcibios_int1a
.ours:
        sti
        push bp
        mov bp, sp                      ; [bp+6] = caller's FLAGS
        push ds
        push bx
        mov bx, BDA_SEG
        mov ds, bx
        pop bx
        cmp ah, 07h
        ja .fail
        push si
        movzx si, ah
        shl si, 1
        call [cs:int1a_table + si]
        pop si
        jc .fail
        and word [bp + 6], ~1 & 0FFFFh
        pop ds
        pop bp
        iret
.fail:
        or word [bp + 6], 1
        pop ds
        pop bp
        iret

int1a_table:
        dw time_get_ticks, time_set_ticks, time_get_rtc, time_set_rtc
        dw time_get_date, time_set_date, time_set_alarm, time_cancel_alarm

; AH=00h: CX:DX = ticks since midnight, AL = midnight flag (then cleared).
time_get_ticks:
        cli
        mov dx, [BDA_TICKS]
        mov cx, [BDA_TICKS + 2]
        mov al, 0
        xchg al, [BDA_MIDNIGHT]
        sti
        clc
        ret

; AH=01h: ticks = CX:DX.
time_set_ticks:
        cli
        mov [BDA_TICKS], dx
        mov [BDA_TICKS + 2], cx
        mov byte [BDA_MIDNIGHT], 0
        sti
        clc
        ret

; rtc_wait_update: wait until register A's UIP bit is clear (it is set
; for at most 2 ms per second, MC146818 datasheet).  CF=1 after ~10 ms.
rtc_wait_update:
        push ax
        push cx
        mov cx, 700                     ; x 15 us
.poll:
        mov al, CMOS_REG_A
        call cmos_read
        test al, 80h
        jz .clear
        push ecx
        mov ecx, 15
        call delay_us
        pop ecx
        loop .poll
        pop cx
        pop ax
        stc
        ret
.clear:
        pop cx
        pop ax
        clc
        ret

; cmos_read_ah: AH = index -> AH = value (keeps AL).
cmos_read_ah:
        xchg al, ah
        call cmos_read
        xchg al, ah
        ret

; AH=02h: CH = hours, CL = minutes, DH = seconds, DL = 1 if daylight
; saving is on (register B bit 0).  BCD.
time_get_rtc:
        call rtc_wait_update
        jc .out
        cli
        mov ah, CMOS_HOURS
        call cmos_read_ah
        mov ch, ah
        mov ah, CMOS_MINUTES
        call cmos_read_ah
        mov cl, ah
        mov ah, CMOS_SECONDS
        call cmos_read_ah
        mov dh, ah
        mov ah, CMOS_REG_B
        call cmos_read_ah
        and ah, 01h
        mov dl, ah
        sti
        mov ah, 0
        clc
.out:
        ret

; rtc_set_stop: hold the clock (register B bit 7 SET) while writing it.
rtc_set_stop:
        push ax
        mov al, CMOS_REG_B
        call cmos_read
        or al, 80h
        mov ah, al
        mov al, CMOS_REG_B
        call cmos_write
        pop ax
        ret

; rtc_set_run: let the clock run again, in BCD 24-hour mode.
rtc_set_run:
        push ax
        mov al, CMOS_REG_B
        call cmos_read
        and al, 7Fh & ~04h              ; SET off, BCD
        or al, 02h                      ; 24-hour
        mov ah, al
        mov al, CMOS_REG_B
        call cmos_write
        pop ax
        ret

; AH=03h: set the time from CH:CL:DH (BCD), DL bit 0 = daylight saving.
time_set_rtc:
        call rtc_wait_update
        cli
        call rtc_set_stop
        mov al, CMOS_HOURS
        mov ah, ch
        call cmos_write
        mov al, CMOS_MINUTES
        mov ah, cl
        call cmos_write
        mov al, CMOS_SECONDS
        mov ah, dh
        call cmos_write
        mov al, CMOS_REG_B
        call cmos_read
        and al, 0FEh
        mov ah, dl
        and ah, 01h
        or ah, al
        mov al, CMOS_REG_B
        call cmos_write
        call rtc_set_run
        sti
        mov ah, 0
        clc
        ret

; AH=04h: CH = century, CL = year, DH = month, DL = day.  BCD.
time_get_date:
        call rtc_wait_update
        jc .out
        cli
        mov ah, CMOS_CENTURY
        call cmos_read_ah
        mov ch, ah
        mov ah, CMOS_YEAR
        call cmos_read_ah
        mov cl, ah
        mov ah, CMOS_MONTH
        call cmos_read_ah
        mov dh, ah
        mov ah, CMOS_DAY
        call cmos_read_ah
        mov dl, ah
        sti
        mov ah, 0
        clc
.out:
        ret

; AH=05h: set the date from CH (century), CL, DH, DL.
time_set_date:
        call rtc_wait_update
        cli
        call rtc_set_stop
        mov al, CMOS_CENTURY
        mov ah, ch
        call cmos_write
        mov al, CMOS_YEAR
        mov ah, cl
        call cmos_write
        mov al, CMOS_MONTH
        mov ah, dh
        call cmos_write
        mov al, CMOS_DAY
        mov ah, dl
        call cmos_write
        call rtc_set_run
        sti
        mov ah, 0
        clc
        ret

; AH=06h: alarm at CH:CL:DH (BCD); CF=1 if one is already set.  The alarm
; interrupt (IRQ 8) calls INT 4Ah.
time_set_alarm:
        mov al, CMOS_REG_B
        call cmos_read
        test al, 20h
        jnz .busy
        call rtc_wait_update
        cli
        mov al, CMOS_HOURS_ALARM
        mov ah, ch
        call cmos_write
        mov al, CMOS_MINUTES_ALARM
        mov ah, cl
        call cmos_write
        mov al, CMOS_SECONDS_ALARM
        mov ah, dh
        call cmos_write
        mov al, CMOS_REG_B
        call cmos_read
        or al, 20h                      ; AIE
        mov ah, al
        mov al, CMOS_REG_B
        call cmos_write
        sti
        mov ah, 0
        clc
        ret
.busy:
        stc
        ret

; AH=07h: cancel the alarm.
time_cancel_alarm:
        cli
        mov al, CMOS_REG_B
        call cmos_read
        and al, ~20h & 0FFh
        mov ah, al
        mov al, CMOS_REG_B
        call cmos_write
        sti
        mov ah, 0
        clc
        ret
