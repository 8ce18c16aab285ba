; util.asm - helpers every part of the BIOS uses: console output (screen,
; COM1, debug port E9h), CMOS access, a microsecond delay on PIT channel
; 0, big real mode, and installing an IVT vector.
; All of them work in any segment state (interrupt handlers call them with
; the caller's segments) and preserve every register they do not return.

; print_char: AL to the screen through INT 10h AH=0Eh (which also copies it
; to COM1 while there is no video ROM), to COM1 directly when a video ROM
; owns INT 10h (so the BIOS's own messages always reach the serial line),
; and to the debug console port E9h.
print_char:
        push ax
        push bx
        push ds
        out PORT_DEBUGCON, al
        mov bx, EBDA_SEG
        mov ds, bx
        test byte [EBDA_FLAGS], EBDA_FLAG_MIRROR
        jnz .screen
        call serial_putc
.screen:
        mov ah, 0Eh
        mov bx, 0007h
        int 10h
        pop ds
        pop bx
        pop ax
        ret

; print_str: the zero-terminated string at CS:SI.
print_str:
        push ax
        push si
.next:
        mov al, [cs:si]
        inc si
        test al, al
        jz .done
        call print_char
        jmp .next
.done:
        pop si
        pop ax
        ret

; print_dec: EAX as an unsigned decimal number.
print_dec:
        push eax
        push ecx
        push edx
        push ebx
        mov ebx, 10
        xor ecx, ecx
.divide:
        xor edx, edx
        div ebx
        push dx
        inc cx
        test eax, eax
        jnz .divide
.emit:
        pop ax
        add al, '0'
        call print_char
        loop .emit
        pop ebx
        pop edx
        pop ecx
        pop eax
        ret

; serial_putc: AL to COM1, waiting (bounded) for the transmitter.  A
; missing UART reads FFh, which has THRE set, so this never hangs.
serial_putc:
        push ax
        push cx
        push dx
        mov ah, al
        mov dx, PORT_COM1 + UART_LSR
        mov cx, 0FFFFh
.wait:
        in al, dx
        test al, UART_LSR_THRE
        jnz .send
        loop .wait
.send:
        mov dx, PORT_COM1 + UART_DATA
        mov al, ah
        out dx, al
        pop dx
        pop cx
        pop ax
        ret

; cmos_read: AL = index -> AL = value.  Indices 80h-FFh are bank 1 (ports
; 72h/73h, PIIX4 extended RTC index: the full 8-bit index goes to 72h).
; Interrupts are held off so INT 70h cannot move the index in between.
cmos_read:
        pushf
        cli
        test al, 80h
        jnz .high
        out PORT_CMOS_INDEX, al
        in al, PORT_CMOS_DATA
        popf
        ret
.high:
        out PORT_CMOS_INDEX_HI, al
        in al, PORT_CMOS_DATA_HI
        popf
        ret

; cmos_write: AL = index, AH = value (bank 0 only: the BIOS never writes
; bank 1).
cmos_write:
        pushf
        cli
        out PORT_CMOS_INDEX, al
        xchg al, ah
        out PORT_CMOS_DATA, al
        xchg al, ah
        popf
        ret

; delay_us: wait ECX microseconds by watching PIT channel 0 count down.
; POST runs it in mode 3 with the full count, where the counter steps by 2
; per 1.193182 MHz clock (8254 datasheet, "Mode 3"), so the counter moves
; 2.386364 units per microsecond whatever the OUT phase; polling more
; often than every 27 ms never misses a wrap.  If the counter stops moving
; (no PIT), 10000h reads without progress end the wait.
delay_us:
        push eax
        push ebx
        push ecx
        push edx
        push si
        mov eax, ecx
        mov edx, 2386
        mul edx
        mov ecx, 1000
        div ecx                         ; EAX = counter units to wait
        mov ecx, eax
        call pit_read_ch0
        mov bx, ax                      ; BX = last count
        mov si, 0
.poll:
        call pit_read_ch0
        mov dx, bx
        sub dx, ax                      ; units elapsed since the last read
        mov bx, ax
        jnz .moved
        dec si
        jz .done                        ; the PIT is not counting
        jmp .poll
.moved:
        movzx edx, dx
        sub ecx, edx
        jbe .done
        mov si, 0
        jmp .poll
.done:
        pop si
        pop edx
        pop ecx
        pop ebx
        pop eax
        ret

; pit_read_ch0: AX = PIT channel 0's current count (counter latch command).
pit_read_ch0:
        pushf
        cli
        mov al, 00h                     ; channel 0, latch
        out PORT_PIT_CMD, al
        in al, PORT_PIT_CH0
        mov ah, al
        in al, PORT_PIT_CH0
        xchg al, ah
        popf
        ret

; enter_big_real: DS=ES=FS=GS=0 with 4 GiB limits ("big real mode"):
; enter protected mode just long enough to load a flat data descriptor,
; then leave it.  The descriptor caches keep the 4 GiB limit.  CS stays the
; real-mode F000 segment throughout (no far jump is needed since no code
; runs with a protected-mode CS).  Preserves IF.
enter_big_real:
        pushf
        push eax
        cli
        o32 lgdt [cs:big_real_gdt_ptr]
        mov eax, cr0
        or al, 1
        mov cr0, eax
        mov ax, big_real_gdt.flat - big_real_gdt
        mov ds, ax
        mov es, ax
        mov fs, ax
        mov gs, ax
        mov eax, cr0
        and al, 0FEh
        mov cr0, eax
        xor ax, ax
        mov ds, ax
        mov es, ax
        mov fs, ax
        mov gs, ax
        pop eax
        popf
        ret

        align 8
big_real_gdt:
        dq 0
.flat:  dw 0FFFFh, 0                    ; limit 15-0, base 15-0
        db 0, 92h, 8Fh, 0               ; base 23-16, data RW, G=1 limit 19-16, base 31-24
big_real_gdt_ptr:
        dw $ - big_real_gdt - 1
        dd 0F0000h + big_real_gdt

; ivt_set: IVT[AL] = F000:DX.
ivt_set:
        push bx
        push es
        xor bx, bx
        mov es, bx
        mov bl, al
        shl bx, 2
        mov [es:bx], dx
        mov word [es:bx + 2], BIOS_SEG
        pop es
        pop bx
        ret
