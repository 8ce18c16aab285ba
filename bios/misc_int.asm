; misc_int.asm - the small services: INT 11h (equipment word), INT 12h
; (conventional memory in KiB), INT 14h (serial ports, polled) and INT 17h
; (printer: the BDA port list, status only).
;
; INT 14h: AH=00h init (AL: baud 7-5, parity 4-3, stop 2, length 1-0),
; 01h send AL, 02h receive into AL, 03h status (AH line, AL modem); DX =
; port number 0-3.  Timeouts follow 40:7C.  No interrupts, no flow control.
; INT 17h: AH=02h/01h return status "not busy, selected"; 00h prints the
; character through the data latch with a strobe pulse.  No timeout
; handling beyond that; no printer is emulated on softpc anyway.

int11_entry:
        push ds
        mov ax, BDA_SEG
        mov ds, ax
        mov ax, [BDA_EQUIPMENT]
        pop ds
        iret

int12_entry:
        push ds
        mov ax, BDA_SEG
        mov ds, ax
        mov ax, [BDA_MEM_KB]
        pop ds
        iret

; com_port: DX = 0-3 -> DX = base port (0 if none).
com_port:
        push bx
        push ds
        mov bx, BDA_SEG
        mov ds, bx
        xor bx, bx
        cmp dx, 3
        ja .none
        mov bx, dx
        shl bx, 1
        mov bx, [BDA_COM_PORTS + bx]
.none:
        mov dx, bx
        pop ds
        pop bx
        ret

int14_entry:
        sti
        push bx
        push cx
        push dx
        call com_port
        test dx, dx
        jz .absent
        cmp ah, 0
        je .init
        cmp ah, 1
        je .send
        cmp ah, 2
        je .receive
        cmp ah, 3
        je .status
        jmp .out
.init:
        ; divisor = 115200 / (110 << ...): the PC/AT table by AL bits 7-5
        mov bl, al
        shr bl, 5
        movzx bx, bl
        shl bx, 1
        mov cx, [cs:com_divisors + bx]
        add dx, UART_LCR
        push ax
        mov al, 80h
        out dx, al
        sub dx, UART_LCR
        mov al, cl
        out dx, al
        inc dx
        mov al, ch
        out dx, al
        add dx, UART_LCR - UART_IER
        pop ax
        push ax
        and al, 1Fh                     ; length, stop, parity
        out dx, al
        sub dx, UART_LCR
        pop ax
        jmp .status
.send:
        mov bl, al
        add dx, UART_LSR
        mov cx, 0FFFFh
.send_wait:
        in al, dx
        test al, UART_LSR_THRE
        jnz .send_now
        loop .send_wait
        mov ah, 80h | 60h               ; timeout
        mov al, bl
        jmp .out
.send_now:
        mov ah, al
        sub dx, UART_LSR
        mov al, bl
        out dx, al
        jmp .out
.receive:
        add dx, UART_LSR
        mov cx, 0FFFFh
.recv_wait:
        in al, dx
        test al, UART_LSR_DR
        jnz .recv_now
        loop .recv_wait
        mov ah, 80h
        jmp .out
.recv_now:
        mov ah, al
        and ah, 1Eh                     ; error bits only
        sub dx, UART_LSR
        in al, dx
        jmp .out
.status:
        add dx, UART_LSR
        in al, dx
        mov ah, al
        inc dx                          ; MSR
        in al, dx
        jmp .out
.absent:
        mov ah, 80h
.out:
        pop dx
        pop cx
        pop bx
        iret

com_divisors:                           ; 110, 150, 300, 600, 1200, 2400, 4800, 9600
        dw 1047, 768, 384, 192, 96, 48, 24, 12

int17_entry:
        sti
        push dx
        push ds
        push bx
        mov bx, BDA_SEG
        mov ds, bx
        xor bx, bx
        cmp dx, 2
        ja .absent
        mov bx, dx
        shl bx, 1
        mov dx, [BDA_LPT_PORTS + bx]
        test dx, dx
        jz .absent
        cmp ah, 0
        jne .status
        out dx, al                      ; data, then a strobe on the control port
        add dx, 2
        push ax
        mov al, 0Dh
        out dx, al
        mov al, 0Ch
        out dx, al
        pop ax
        sub dx, 2
.status:
        inc dx
        push ax
        in al, dx
        and al, 0F8h
        xor al, 48h                     ; the busy and ack lines are inverted
        mov bl, al
        pop ax
        mov ah, bl
        jmp .out
.absent:
        mov ah, 01h                     ; timeout
.out:
        pop bx
        pop ds
        pop dx
        iret
