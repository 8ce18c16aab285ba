; input_probe.asm - a 1.44 MB floppy whose boot sector reports what the
; 8042 delivers, for tests/display/input_test.sh.
;
; With interrupts off (so the BIOS's INT 09h/74h handlers take nothing)
; it enables the auxiliary port (8042 command A8h), sets the command byte
; to "translate to set 1, both ports enabled, no IRQs" (60h), turns on the
; mouse's streaming (D4h F4h: IBM PS/2 technical reference, "Enable"),
; writes "READY" to the debug console (port E9h) and then polls status
; port 64h forever: each byte read from port 60h goes out as one line,
; "K xx" from the keyboard, "M xx" from the mouse (status bit 5, AUXB).
;
; Built with -DWHEEL (wheel_probe.img), it first switches the mouse to
; 4-byte packets as a wheel mouse driver does (Microsoft, "Windows and
; the 5-Button Wheel Mouse"): sample rates 200, 100, 80 and get ID (03,
; IntelliMouse), then 200, 200, 80 and get ID (04, IntelliMouse Explorer:
; wheel in bits 0-3 of byte 4, buttons 4 and 5 in bits 4 and 5).  Every
; reply is logged as it comes, so the log starts with those FA and IDs.
;
; Built with -DIDLE (idle_probe.img), it waits for each byte in HLT with
; interrupts on (the BIOS's timer tick, IRQ 0, wakes it; the 8042 raises
; no IRQs), as an idle operating system does: the guest then idles, which
; is where -clock virtual decides how fast emulated time runs.
bits 16
org 0x7C00

KBC_DATA    equ 0x60
KBC_STATUS  equ 0x64
ST_OBF      equ 0x01        ; output buffer full: a byte waits at 60h
ST_IBF      equ 0x02        ; input buffer full: the 8042 has not taken ours
ST_AUXB     equ 0x20        ; the waiting byte came from the mouse
DEBUGCON    equ 0xE9

start:
    cli
    xor ax, ax
    mov ds, ax
    mov ss, ax
    mov sp, 0x7C00
    call drain
    mov al, 0xA8            ; enable the auxiliary port
    call kbc_command
    mov al, 0x60            ; write the command byte:
    call kbc_command
    mov al, 0x40            ; translate, keyboard and aux clocks on, no IRQs
    call kbc_data
%ifdef WHEEL
    mov si, knocks
.knock:
    lodsb
    test al, al
    jz .knocked
    call mouse_command
    jmp .knock
.knocked:
%endif
    mov al, 0xD4            ; next data byte goes to the mouse
    call kbc_command
    mov al, 0xF4            ; enable data reporting
    call kbc_data
    mov si, ready
    call puts
poll:
%ifdef IDLE
    in al, KBC_STATUS
    test al, ST_OBF
    jnz .byte
    sti                     ; idle until the next timer tick
    hlt
    cli
    jmp poll
.byte:
%endif
    call log_byte
    jmp poll

; Waits for the next byte at port 60h and logs it: "K xx" or "M xx".
log_byte:
    in al, KBC_STATUS
    test al, ST_OBF
    jz log_byte
    mov bl, 'K'
    test al, ST_AUXB
    jz .tagged
    mov bl, 'M'
.tagged:
    in al, KBC_DATA
    mov bh, al
    mov al, bl
    out DEBUGCON, al
    mov al, ' '
    out DEBUGCON, al
    mov al, bh
    shr al, 4
    call hex_digit
    mov al, bh
    call hex_digit
    mov al, 10
    out DEBUGCON, al
    ret

%ifdef WHEEL
; Sends AL to the mouse and logs its reply: FA, and for F2 the ID too.
mouse_command:
    push ax
    mov al, 0xD4
    call kbc_command
    pop ax
    push ax
    call kbc_data
    call log_byte
    pop ax
    cmp al, 0xF2
    jne .done
    call log_byte
.done:
    ret

; F3 rate ... F2: IntelliMouse (200,100,80), then Explorer (200,200,80).
knocks: db 0xF3, 200, 0xF3, 100, 0xF3, 80, 0xF2
        db 0xF3, 200, 0xF3, 200, 0xF3, 80, 0xF2, 0
%endif

; Throw away whatever the BIOS left in the output buffer.
drain:
    in al, KBC_STATUS
    test al, ST_OBF
    jz .done
    in al, KBC_DATA
    jmp drain
.done:
    ret

wait_ibf_clear:
    push ax
.wait:
    in al, KBC_STATUS
    test al, ST_IBF
    jnz .wait
    pop ax
    ret

kbc_command:
    call wait_ibf_clear
    out KBC_STATUS, al
    ret

kbc_data:
    call wait_ibf_clear
    out KBC_DATA, al
    ret

hex_digit:                  ; the low nibble of AL, as one hex digit
    and al, 0x0F
    add al, '0'
    cmp al, '9'
    jbe .out
    add al, 'A' - '0' - 10
.out:
    out DEBUGCON, al
    ret

puts:
    lodsb
    test al, al
    jz .done
    out DEBUGCON, al
    jmp puts
.done:
    ret

ready: db "READY", 10, 0

    times 510 - ($ - $$) db 0
    dw 0xAA55
    times 1474560 - 512 db 0   ; a whole 1.44 MB floppy image
