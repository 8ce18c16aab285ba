; int16.asm - INT 16h keyboard services on the buffer keyboard.asm fills.
; 00h/10h read (waits with HLT), 01h/11h peek (ZF=1: empty), 02h/12h shift
; flags, 03h typematic (accepted, nothing programmed), 05h store a key,
; 09h capabilities, 0Ah keyboard id.  The 00h/01h forms turn the E0 ASCII
; of grey keys into 00h, as the original 84-key functions did; unlike the
; AT BIOS they do not drop the 101-key-only codes (F11, F12, ...).
; While INT 10h is mirrored to COM1, every call first collects COM1 input.

int16_entry:
        sti
        push bp
        mov bp, sp                      ; [bp+6] = caller's FLAGS
        push ds
        push bx
        push si
        mov bx, BDA_SEG
        mov ds, bx
        cmp ah, 00h
        je .read
        cmp ah, 10h
        je .read
        cmp ah, 01h
        je .peek
        cmp ah, 11h
        je .peek
        cmp ah, 02h
        je .flags
        cmp ah, 12h
        je .ext_flags
        cmp ah, 05h
        je .store
        cmp ah, 09h
        je .caps
        cmp ah, 0Ah
        je .id
        jmp .out                        ; 03h and the rest: no change

.read:
        mov bl, ah                      ; remember 00h vs 10h
.wait:
        call serial_poll_input
        cli
        mov si, [BDA_KB_HEAD]
        cmp si, [BDA_KB_TAIL]
        jne .take
        sti
        hlt                             ; the next tick or key wakes us
        jmp .wait
.take:
        mov ax, [si]
        add si, 2
        cmp si, [BDA_KB_BUF_LIMIT]
        jb .wrap_ok
        mov si, [BDA_KB_BUF_START]
.wrap_ok:
        mov [BDA_KB_HEAD], si
        sti
        test bl, bl
        jnz .out
        call kbd_legacy_key
        jmp .out

.peek:
        mov bl, ah
        call serial_poll_input
        cli
        mov si, [BDA_KB_HEAD]
        cmp si, [BDA_KB_TAIL]
        sti
        je .empty
        mov ax, [si]
        and word [bp + 6], ~40h & 0FFFFh ; ZF=0: a key is there
        cmp bl, 01h
        jne .out
        call kbd_legacy_key
        jmp .out
.empty:
        or word [bp + 6], 40h           ; ZF=1
        jmp .out

.flags:
        mov al, [BDA_KB_FLAGS0]
        jmp .out

; AH = Ctrl/Alt sides and the keys held: bit 0 left Ctrl, 1 left Alt,
; 2 right Ctrl, 3 right Alt, 4 Scroll, 5 Num, 6 Caps held, 7 SysRq held.
.ext_flags:
        mov al, [BDA_KB_FLAGS1]
        mov ah, al
        and ah, 73h                     ; left Ctrl/Alt, the lock keys held
        test al, 04h
        jz .no_sysrq
        or ah, 80h
.no_sysrq:
        mov bl, [BDA_KB_FLAGS3]
        and bl, 0Ch                     ; right Ctrl/Alt
        or ah, bl
        mov al, [BDA_KB_FLAGS0]
        jmp .out

.store:
        mov ax, cx
        call kbd_buffer_put
        mov al, 0
        jnc .stored
        mov al, 1
.stored:
        jmp .out

.caps:
        mov al, 30h                     ; 0Ah and 10h-12h are supported
        jmp .out

.id:
        pop si
        pop bx
        mov bx, 0AB41h                  ; MF2 keyboard, translated
        pop ds
        pop bp
        iret

.out:
        pop si
        pop bx
        pop ds
        pop bp
        iret

; kbd_legacy_key: AX -> the 84-key form for AH=00h/01h (grey keys' E0
; ASCII becomes 00h).
kbd_legacy_key:
        cmp al, 0E0h
        jne .done
        test ah, ah
        jz .done
        xor al, al
.done:
        ret
