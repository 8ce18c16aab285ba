; keyboard.asm - the keyboard side of the BIOS: the IRQ 1 handler (INT 09h)
; that turns scan code set 1 (the 8042 translates the keyboard's set 2)
; into the BDA shift flags and the 16-entry key buffer at 40:1E, and the
; COM1 input path that puts received bytes into the same buffer while INT
; 10h output is mirrored to COM1 (a headless console types through it).
;
; Handled: Shift, Ctrl, Alt (left/right), Caps/Num/Scroll Lock (the LEDs
; are not updated), Insert toggle, the E0 grey keys, keypad digits with
; Num Lock or Shift, Alt+keypad character codes, Ctrl+Alt+Del (warm boot).
; Not done: Pause, SysRq, Print Screen, Ctrl+Break (ignored), typematic
; rate, keyboard LEDs, terminal escape sequences on COM1 (an arrow key sent
; as ESC [ A arrives as three keys).

KBF_RSHIFT      equ 01h                 ; 40:17
KBF_LSHIFT      equ 02h
KBF_CTRL        equ 04h
KBF_ALT         equ 08h
KBF_SCROLL      equ 10h
KBF_NUM         equ 20h
KBF_CAPS        equ 40h
KBF_INSERT      equ 80h
KBF1_LCTRL      equ 01h                 ; 40:18
KBF1_LALT       equ 02h
KBF3_E1         equ 01h                 ; 40:96
KBF3_E0         equ 02h
KBF3_RCTRL      equ 04h
KBF3_RALT       equ 08h

irq1_entry:
        pusha
        push ds
        mov ax, BDA_SEG
        mov ds, ax
        in al, PORT_KBC_DATA
        ; INT 15h AH=4Fh may eat or change the scan code (CF=0: ignore).
        mov ah, 4Fh
        stc
        int 15h
        jnc .eoi
        call kbd_scan_code
.eoi:
        cli
        mov al, 20h
        out PORT_PIC1_CMD, al
        pop ds
        popa
        iret

; kbd_scan_code: AL = a set 1 byte, DS = 40h.
kbd_scan_code:
        cmp al, 0E0h
        jne .not_e0
        or byte [BDA_KB_FLAGS3], KBF3_E0
        ret
.not_e0:
        cmp al, 0E1h
        jne .not_e1
        or byte [BDA_KB_FLAGS3], KBF3_E1
        ret
.not_e1:
        ; controller/keyboard replies and overrun codes, not keys
        cmp al, 0FAh
        je .ret
        cmp al, 0FEh
        je .ret
        cmp al, 0FFh
        je .ret
        test al, al
        jz .ret
        ; Pause is E1 1D 45 E1 9D C5: swallow it.
        test byte [BDA_KB_FLAGS3], KBF3_E1
        jz .plain
        mov ah, al
        and ah, 7Fh
        cmp ah, 45h
        jne .ret
        and byte [BDA_KB_FLAGS3], ~KBF3_E1 & 0FFh
.ret:
        ret
.plain:
        mov bl, [BDA_KB_FLAGS3]
        and byte [BDA_KB_FLAGS3], ~KBF3_E0 & 0FFh
        and bl, KBF3_E0                 ; BL != 0: this key had an E0 prefix
        mov ah, al
        and ah, 7Fh                     ; AH = key, AL bit 7 = release
        ; the fake shifts some E0 sequences carry
        test bl, bl
        jz .modifiers
        cmp ah, 2Ah
        je .ret
        cmp ah, 36h
        je .ret
.modifiers:
        cmp ah, 2Ah
        jne .not_lshift
        mov bh, KBF_LSHIFT
        jmp kbd_shift_key
.not_lshift:
        cmp ah, 36h
        jne .not_rshift
        mov bh, KBF_RSHIFT
        jmp kbd_shift_key
.not_rshift:
        cmp ah, 1Dh
        je kbd_ctrl_key
        cmp ah, 38h
        je kbd_alt_key
        cmp ah, 3Ah
        jne .not_caps
        mov bh, KBF_CAPS
        jmp kbd_lock_key
.not_caps:
        test bl, bl
        jnz .key
        cmp ah, 45h
        jne .not_num
        mov bh, KBF_NUM
        jmp kbd_lock_key
.not_num:
        cmp ah, 46h
        jne .key
        mov bh, KBF_SCROLL
        jmp kbd_lock_key
.key:
        test al, 80h
        jnz .ret                        ; other releases mean nothing
        jmp kbd_make_key

; Shift: BH = its 40:17 bit.
kbd_shift_key:
        test al, 80h
        jnz .up
        or [BDA_KB_FLAGS0], bh
        ret
.up:
        not bh
        and [BDA_KB_FLAGS0], bh
        ret

; Caps/Num/Scroll Lock: the press toggles 40:17, 40:18 says "held" (the
; same bit positions there).
kbd_lock_key:
        test al, 80h
        jnz .up
        test [BDA_KB_FLAGS1], bh
        jnz .held                       ; typematic repeat: no toggle
        or [BDA_KB_FLAGS1], bh
        xor [BDA_KB_FLAGS0], bh
.held:
        ret
.up:
        not bh
        and [BDA_KB_FLAGS1], bh
        ret

; Ctrl: left in 40:18 bit 0, right (E0) in 40:96 bit 2; 40:17 bit 2 is
; either.
kbd_ctrl_key:
        mov bh, KBF1_LCTRL
        mov si, BDA_KB_FLAGS1
        test bl, bl
        jz .side
        mov bh, KBF3_RCTRL
        mov si, BDA_KB_FLAGS3
.side:
        test al, 80h
        jnz .up
        or [si], bh
        or byte [BDA_KB_FLAGS0], KBF_CTRL
        ret
.up:
        not bh
        and [si], bh
        test byte [BDA_KB_FLAGS1], KBF1_LCTRL
        jnz .still
        test byte [BDA_KB_FLAGS3], KBF3_RCTRL
        jnz .still
        and byte [BDA_KB_FLAGS0], ~KBF_CTRL & 0FFh
.still:
        ret

; Alt: like Ctrl; its release also ends an Alt+keypad code (40:19).
kbd_alt_key:
        mov bh, KBF1_LALT
        mov si, BDA_KB_FLAGS1
        test bl, bl
        jz .side
        mov bh, KBF3_RALT
        mov si, BDA_KB_FLAGS3
.side:
        test al, 80h
        jnz .up
        or [si], bh
        or byte [BDA_KB_FLAGS0], KBF_ALT
        ret
.up:
        not bh
        and [si], bh
        test byte [BDA_KB_FLAGS1], KBF1_LALT
        jnz .still
        test byte [BDA_KB_FLAGS3], KBF3_RALT
        jnz .still
        and byte [BDA_KB_FLAGS0], ~KBF_ALT & 0FFh
        mov al, [BDA_KB_ALT_NUM]
        test al, al
        jz .still
        mov byte [BDA_KB_ALT_NUM], 0
        xor ah, ah                      ; the typed code, scan code 0
        call kbd_buffer_put
.still:
        ret

; kbd_make_key: a key press, AH = key (01h-7Fh), BL != 0 after E0.
kbd_make_key:
        mov al, [BDA_KB_FLAGS0]
        ; Ctrl+Alt+Del: warm boot (40:72 = 1234h tells POST).
        cmp ah, 53h
        jne .not_cad
        mov bh, al
        and bh, KBF_CTRL | KBF_ALT
        cmp bh, KBF_CTRL | KBF_ALT
        jne .not_cad
        mov word [BDA_RESET_FLAG], 1234h
        jmp BIOS_SEG:post_entry
.not_cad:
        cmp ah, 52h
        jne .not_ins
        test al, KBF_CTRL | KBF_ALT
        jnz .not_ins
        test bl, bl
        jnz .toggle_ins
        test al, KBF_NUM | KBF_LSHIFT | KBF_RSHIFT
        jnz .not_ins                    ; keypad 0, not Insert
.toggle_ins:
        xor byte [BDA_KB_FLAGS0], KBF_INSERT
.not_ins:
        test bl, bl
        jz .table
        jmp kbd_grey_key
.table:
        cmp ah, 58h
        ja .none
        movzx si, ah
        shl si, 3                       ; 4 words per key
        test al, KBF_ALT
        jz .not_alt
        ; Alt + keypad digit: accumulate a character code.
        call kbd_keypad_digit
        jnc .digit
        mov ax, [cs:kbd_table + si + 6]
        jmp .put
.digit:
        mov ah, al
        mov al, [BDA_KB_ALT_NUM]
        mov bl, 10
        mul bl
        add al, ah
        mov [BDA_KB_ALT_NUM], al
        ret
.not_alt:
        test al, KBF_CTRL
        jz .not_ctrl
        mov ax, [cs:kbd_table + si + 4]
        jmp .put
.not_ctrl:
        ; Shift column if Shift XOR (Caps for letters, Num for the keypad)
        mov bh, 0
        test al, KBF_LSHIFT | KBF_RSHIFT
        jz .lock
        mov bh, 1
.lock:
        cmp ah, 47h
        jb .letters
        cmp ah, 53h
        ja .pick
        test al, KBF_NUM
        jz .pick
        xor bh, 1
        jmp .pick
.letters:
        mov dx, [cs:kbd_table + si]
        cmp dl, 'a'
        jb .pick
        cmp dl, 'z'
        ja .pick
        test al, KBF_CAPS
        jz .pick
        xor bh, 1
.pick:
        mov ax, [cs:kbd_table + si]
        test bh, bh
        jz .put
        mov ax, [cs:kbd_table + si + 2]
.put:
        test ax, ax
        jz .none
        call kbd_buffer_put
.none:
        ret

; kbd_keypad_digit: AH = key -> AL = its keypad digit, CF=0; CF=1 if the
; key is not a keypad digit.
kbd_keypad_digit:
        cmp ah, 47h
        jb .no
        cmp ah, 52h
        ja .no
        movzx di, ah
        mov al, [cs:di + kbd_keypad_digits - 47h]
        cmp al, 0FFh
        je .no
        clc
        ret
.no:
        stc
        ret
kbd_keypad_digits:
        db 7, 8, 9, 0FFh, 4, 5, 6, 0FFh, 1, 2, 3, 0

; kbd_grey_key: the E0 keys.  AH = key, AL = 40:17.
kbd_grey_key:
        cmp ah, 1Ch                     ; keypad Enter
        jne .not_enter
        mov bx, 0E00Dh
        mov cx, 0E00Ah
        mov dx, 0A600h
        jmp .choose
.not_enter:
        cmp ah, 35h                     ; keypad /
        jne .not_slash
        mov bx, 0E02Fh
        mov cx, 09500h
        mov dx, 0A400h
        jmp .choose
.not_slash:
        cmp ah, 47h
        jb .none
        cmp ah, 53h
        ja .none
        cmp ah, 4Ah
        je .none
        cmp ah, 4Ch
        je .none
        cmp ah, 4Eh
        je .none
        ; grey navigation keys: scan with E0 as ASCII; Ctrl as the keypad's
        ; Ctrl code with E0; Alt as scan + 50h.
        mov bh, ah
        mov bl, 0E0h
        movzx si, ah
        shl si, 3
        mov cx, [cs:kbd_table + si + 4]
        mov cl, 0E0h
        mov dh, ah
        add dh, 50h
        mov dl, 0
.choose:
        test al, KBF_ALT
        jz .no_alt
        mov ax, dx
        jmp .put
.no_alt:
        test al, KBF_CTRL
        jz .plain
        mov ax, cx
        jmp .put
.plain:
        mov ax, bx
.put:
        call kbd_buffer_put
.none:
        ret

; kbd_buffer_put: AX into the key buffer (DS = 40h).  CF=1 when full (the
; key is dropped).  Interrupts are held off so IRQ 1 and a caller of INT
; 16h AH=05h cannot interleave.
kbd_buffer_put:
        pushf
        push bx
        push si
        cli
        mov bx, [BDA_KB_TAIL]
        mov si, bx
        add si, 2
        cmp si, [BDA_KB_BUF_LIMIT]
        jb .wrap_ok
        mov si, [BDA_KB_BUF_START]
.wrap_ok:
        cmp si, [BDA_KB_HEAD]
        je .full
        mov [bx], ax
        mov [BDA_KB_TAIL], si
        pop si
        pop bx
        popf
        clc
        ret
.full:
        pop si
        pop bx
        popf
        stc
        ret

; serial_poll_input: while INT 10h is mirrored to COM1, move the bytes
; COM1 has received into the key buffer, each with the scan code of the
; key that types it (DEL, 7Fh, arrives as Backspace).
serial_poll_input:
        push ax
        push dx
        push ds
        mov ax, EBDA_SEG
        mov ds, ax
        test byte [EBDA_FLAGS], EBDA_FLAG_MIRROR
        jz .out
        mov ax, BDA_SEG
        mov ds, ax
.next:
        mov dx, PORT_COM1 + UART_LSR
        in al, dx
        cmp al, 0FFh                    ; no UART
        je .out
        test al, UART_LSR_DR
        jz .out
        mov dx, PORT_COM1 + UART_DATA
        in al, dx
        call kbd_ascii_to_key
        call kbd_buffer_put
        jmp .next
.out:
        pop ds
        pop dx
        pop ax
        ret

; kbd_ascii_to_key: AL = a character -> AX = the key word a keyboard would
; produce for it (search the normal, shift and ctrl columns; scan code 0
; if no key types it).
kbd_ascii_to_key:
        push si
        cmp al, 7Fh
        jne .search
        mov ax, 0E08h
        jmp .done
.search:
        mov si, 8                       ; from key 01h
.key:
        cmp [cs:kbd_table + si], al
        je .col0
        cmp [cs:kbd_table + si + 2], al
        je .col1
        cmp [cs:kbd_table + si + 4], al
        je .col2
        add si, 8
        cmp si, 3Ah * 8                 ; keys 01h-39h
        jb .key
        xor ah, ah
        jmp .done
.col0:
        mov ax, [cs:kbd_table + si]
        jmp .check
.col1:
        mov ax, [cs:kbd_table + si + 2]
        jmp .check
.col2:
        mov ax, [cs:kbd_table + si + 4]
.check:
        test ah, ah
        jnz .done
        ; a column entry whose ASCII matched but has none (00h): no key
.done:
        pop si
        ret

; Scan code set 1 -> key word (scan code << 8 | ASCII) for keys 00h-58h:
; normal, Shift, Ctrl, Alt; 0 = the combination types nothing.  Values from
; the IBM PC/AT technical reference's keyboard tables (INT 16h codes).
kbd_table:
        dw 0, 0, 0, 0                   ; 00h
        dw 0011Bh, 0011Bh, 0011Bh, 00100h   ; 01h Esc
        dw 00231h, 00221h, 00000h, 07800h   ; 02h 1
        dw 00332h, 00340h, 00300h, 07900h   ; 03h 2
        dw 00433h, 00423h, 00000h, 07A00h   ; 04h 3
        dw 00534h, 00524h, 00000h, 07B00h   ; 05h 4
        dw 00635h, 00625h, 00000h, 07C00h   ; 06h 5
        dw 00736h, 0075Eh, 0071Eh, 07D00h   ; 07h 6
        dw 00837h, 00826h, 00000h, 07E00h   ; 08h 7
        dw 00938h, 0092Ah, 00000h, 07F00h   ; 09h 8
        dw 00A39h, 00A28h, 00000h, 08000h   ; 0Ah 9
        dw 00B30h, 00B29h, 00000h, 08100h   ; 0Bh 0
        dw 00C2Dh, 00C5Fh, 00C1Fh, 08200h   ; 0Ch -
        dw 00D3Dh, 00D2Bh, 00000h, 08300h   ; 0Dh =
        dw 00E08h, 00E08h, 00E7Fh, 00E00h   ; 0Eh Backspace
        dw 00F09h, 00F00h, 09400h, 0A500h   ; 0Fh Tab
        dw 01071h, 01051h, 01011h, 01000h   ; 10h q
        dw 01177h, 01157h, 01117h, 01100h   ; 11h w
        dw 01265h, 01245h, 01205h, 01200h   ; 12h e
        dw 01372h, 01352h, 01312h, 01300h   ; 13h r
        dw 01474h, 01454h, 01414h, 01400h   ; 14h t
        dw 01579h, 01559h, 01519h, 01500h   ; 15h y
        dw 01675h, 01655h, 01615h, 01600h   ; 16h u
        dw 01769h, 01749h, 01709h, 01700h   ; 17h i
        dw 0186Fh, 0184Fh, 0180Fh, 01800h   ; 18h o
        dw 01970h, 01950h, 01910h, 01900h   ; 19h p
        dw 01A5Bh, 01A7Bh, 01A1Bh, 01A00h   ; 1Ah [
        dw 01B5Dh, 01B7Dh, 01B1Dh, 01B00h   ; 1Bh ]
        dw 01C0Dh, 01C0Dh, 01C0Ah, 01C00h   ; 1Ch Enter
        dw 0, 0, 0, 0                   ; 1Dh
        dw 01E61h, 01E41h, 01E01h, 01E00h   ; 1Eh a
        dw 01F73h, 01F53h, 01F13h, 01F00h   ; 1Fh s
        dw 02064h, 02044h, 02004h, 02000h   ; 20h d
        dw 02166h, 02146h, 02106h, 02100h   ; 21h f
        dw 02267h, 02247h, 02207h, 02200h   ; 22h g
        dw 02368h, 02348h, 02308h, 02300h   ; 23h h
        dw 0246Ah, 0244Ah, 0240Ah, 02400h   ; 24h j
        dw 0256Bh, 0254Bh, 0250Bh, 02500h   ; 25h k
        dw 0266Ch, 0264Ch, 0260Ch, 02600h   ; 26h l
        dw 0273Bh, 0273Ah, 00000h, 02700h   ; 27h ;
        dw 02827h, 02822h, 00000h, 02800h   ; 28h '
        dw 02960h, 0297Eh, 00000h, 02900h   ; 29h `
        dw 0, 0, 0, 0                   ; 2Ah
        dw 02B5Ch, 02B7Ch, 02B1Ch, 02B00h   ; 2Bh backslash
        dw 02C7Ah, 02C5Ah, 02C1Ah, 02C00h   ; 2Ch z
        dw 02D78h, 02D58h, 02D18h, 02D00h   ; 2Dh x
        dw 02E63h, 02E43h, 02E03h, 02E00h   ; 2Eh c
        dw 02F76h, 02F56h, 02F16h, 02F00h   ; 2Fh v
        dw 03062h, 03042h, 03002h, 03000h   ; 30h b
        dw 0316Eh, 0314Eh, 0310Eh, 03100h   ; 31h n
        dw 0326Dh, 0324Dh, 0320Dh, 03200h   ; 32h m
        dw 0332Ch, 0333Ch, 00000h, 03300h   ; 33h ,
        dw 0342Eh, 0343Eh, 00000h, 03400h   ; 34h .
        dw 0352Fh, 0353Fh, 00000h, 03500h   ; 35h /
        dw 0, 0, 0, 0                   ; 36h
        dw 0372Ah, 0372Ah, 09600h, 03700h   ; 37h keypad *
        dw 0, 0, 0, 0                   ; 38h
        dw 03920h, 03920h, 03920h, 03920h   ; 39h Space
        dw 0, 0, 0, 0                   ; 3Ah
        dw 03B00h, 05400h, 05E00h, 06800h   ; 3Bh F1
        dw 03C00h, 05500h, 05F00h, 06900h   ; 3Ch F2
        dw 03D00h, 05600h, 06000h, 06A00h   ; 3Dh F3
        dw 03E00h, 05700h, 06100h, 06B00h   ; 3Eh F4
        dw 03F00h, 05800h, 06200h, 06C00h   ; 3Fh F5
        dw 04000h, 05900h, 06300h, 06D00h   ; 40h F6
        dw 04100h, 05A00h, 06400h, 06E00h   ; 41h F7
        dw 04200h, 05B00h, 06500h, 06F00h   ; 42h F8
        dw 04300h, 05C00h, 06600h, 07000h   ; 43h F9
        dw 04400h, 05D00h, 06700h, 07100h   ; 44h F10
        dw 0, 0, 0, 0                   ; 45h
        dw 0, 0, 0, 0                   ; 46h
        dw 04700h, 04737h, 07700h, 00000h   ; 47h Home / keypad 7
        dw 04800h, 04838h, 08D00h, 00000h   ; 48h Up / keypad 8
        dw 04900h, 04939h, 08400h, 00000h   ; 49h PgUp / keypad 9
        dw 04A2Dh, 04A2Dh, 08E00h, 04A00h   ; 4Ah keypad -
        dw 04B00h, 04B34h, 07300h, 00000h   ; 4Bh Left / keypad 4
        dw 04C00h, 04C35h, 08F00h, 00000h   ; 4Ch keypad 5 / keypad 5
        dw 04D00h, 04D36h, 07400h, 00000h   ; 4Dh Right / keypad 6
        dw 04E2Bh, 04E2Bh, 09000h, 04E00h   ; 4Eh keypad +
        dw 04F00h, 04F31h, 07500h, 00000h   ; 4Fh End / keypad 1
        dw 05000h, 05032h, 09100h, 00000h   ; 50h Down / keypad 2
        dw 05100h, 05133h, 07600h, 00000h   ; 51h PgDn / keypad 3
        dw 05200h, 05230h, 09200h, 00000h   ; 52h Ins / keypad 0
        dw 05300h, 0532Eh, 09300h, 00000h   ; 53h Del / keypad .
        dw 0, 0, 0, 0                   ; 54h
        dw 0, 0, 0, 0                   ; 55h
        dw 0565Ch, 0567Ch, 00000h, 00000h   ; 56h 102nd key
        dw 08500h, 08700h, 08900h, 08B00h   ; 57h F11
        dw 08600h, 08800h, 08A00h, 08C00h   ; 58h F12
