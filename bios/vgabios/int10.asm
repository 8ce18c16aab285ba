; int10.asm - the INT 10h entry of the VGA BIOS: the dispatcher, the
; register frame every service works on, and the small port helpers the
; services share (sequencer, CRTC, graphics controller, attribute
; controller; IBM VGA Technical Reference, "Programming Considerations").
; AH=4Fh (VBE) goes to vbe_int10 untouched; a function number this BIOS
; does not know returns with every register unchanged.
;
; Conventions of the services (modes.asm, text.asm, pixels.asm,
; palette.asm, font.asm, state.asm, misc.asm):
;   - they are near-called with DS = BDA_SEG, BP = the frame below, ES and
;     every other register as the caller had them (SI is the exception: the
;     dispatcher used it; the caller's is at [bp + F_SI]);
;   - they return values by writing the frame; the dispatcher pops it;
;   - interrupts are on, the direction flag clear.
; Internal helpers expect DS = BDA_SEG unless their comment says otherwise.

; the frame int10_handler builds: push ds, push es, pusha
F_DI    equ 0
F_SI    equ 2
F_BP    equ 4
F_BX    equ 8
F_BL    equ 8
F_BH    equ 9
F_DX    equ 10
F_DL    equ 10
F_DH    equ 11
F_CX    equ 12
F_CL    equ 12
F_CH    equ 13
F_AX    equ 14
F_AL    equ 14
F_AH    equ 15
F_ES    equ 16
F_DS    equ 18

int10_handler:
        cmp ah, 4Fh
        jne .ours
        jmp vbe_int10
.ours:
        sti
        cld
        push ds
        push es
        pusha
        mov bp, sp
        push BDA_SEG
        pop ds
        cmp ah, INT10_LAST
        ja .done
        movzx si, ah
        shl si, 1
        call [cs:int10_table + si]
.done:
        popa
        pop es
        pop ds
        iret

INT10_LAST equ 1Ch

int10_table:
        dw int10_set_mode               ; 00
        dw int10_cursor_shape           ; 01
        dw int10_set_cursor             ; 02
        dw int10_get_cursor             ; 03
        dw int10_nothing                ; 04 light pen: no VGA has one
        dw int10_set_page               ; 05
        dw int10_scroll_up              ; 06
        dw int10_scroll_down            ; 07
        dw int10_read_char              ; 08
        dw int10_write_char_attr        ; 09
        dw int10_write_char             ; 0A
        dw int10_cga_palette            ; 0B
        dw int10_write_pixel            ; 0C
        dw int10_read_pixel             ; 0D
        dw int10_teletype               ; 0E
        dw int10_get_mode               ; 0F
        dw int10_palette                ; 10
        dw int10_font                   ; 11
        dw int10_alt_select             ; 12
        dw int10_write_string           ; 13
        dw int10_nothing                ; 14 (LCD, not VGA)
        dw int10_nothing                ; 15 (physical display parms, not VGA)
        dw int10_nothing                ; 16
        dw int10_nothing                ; 17
        dw int10_nothing                ; 18
        dw int10_nothing                ; 19
        dw int10_display_combination    ; 1A
        dw int10_functionality          ; 1B
        dw int10_save_restore           ; 1C

int10_nothing:
        ret

; --- port helpers -------------------------------------------------------------
; Each writes/reads one indexed register and preserves every register but
; the AL it returns.  Byte accesses only: the index and data ports are
; separate registers.

; seq_write: sequencer register AL = AH.
seq_write:
        push dx
        mov dx, VGA_SEQ_INDEX
        out dx, al
        inc dx
        xchg al, ah
        out dx, al
        xchg al, ah
        pop dx
        ret

; seq_read: AL = sequencer register AL.
seq_read:
        push dx
        mov dx, VGA_SEQ_INDEX
        out dx, al
        inc dx
        in al, dx
        pop dx
        ret

; gc_write: graphics controller register AL = AH.
gc_write:
        push dx
        mov dx, VGA_GC_INDEX
        out dx, al
        inc dx
        xchg al, ah
        out dx, al
        xchg al, ah
        pop dx
        ret

; gc_read: AL = graphics controller register AL.
gc_read:
        push dx
        mov dx, VGA_GC_INDEX
        out dx, al
        inc dx
        in al, dx
        pop dx
        ret

; crtc_write: CRTC register AL = AH, at the CRTC of 40:63.
crtc_write:
        push dx
        mov dx, [BDA_CRTC_PORT]
        out dx, al
        inc dx
        xchg al, ah
        out dx, al
        xchg al, ah
        pop dx
        ret

; crtc_read: AL = CRTC register AL.
crtc_read:
        push dx
        mov dx, [BDA_CRTC_PORT]
        out dx, al
        inc dx
        in al, dx
        pop dx
        ret

; attr_flipflop_reset: the next 3C0h write is an index.  Input status 1
; resets the flip-flop; read both the colour and the mono one, since only
; the one matching misc output bit 0 answers (IBM VGA TR, "Attribute
; Controller Registers").
attr_flipflop_reset:
        push ax
        push dx
        mov dx, VGA_STATUS1
        in al, dx
        mov dx, VGA_STATUS1_MONO
        in al, dx
        pop dx
        pop ax
        ret

; attr_write: attribute register AL = AH.  Leaves the palette address
; source off (screen blanked): call attr_video_on when done.
attr_write:
        push dx
        call attr_flipflop_reset
        mov dx, VGA_ATTR_INDEX
        out dx, al
        xchg al, ah
        out dx, al
        xchg al, ah
        pop dx
        ret

; attr_read: AL = attribute register AL (palette address source off;
; call attr_video_on when done).
attr_read:
        push dx
        call attr_flipflop_reset
        mov dx, VGA_ATTR_INDEX
        out dx, al
        mov dx, VGA_ATTR_READ
        in al, dx
        pop dx
        ret

; attr_video_on: palette address source on again (index 20h): the
; attribute controller drives the screen.
attr_video_on:
        push ax
        push dx
        call attr_flipflop_reset
        mov dx, VGA_ATTR_INDEX
        mov al, 20h
        out dx, al
        call attr_flipflop_reset
        pop dx
        pop ax
        ret
