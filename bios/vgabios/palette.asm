; palette.asm - colours: the CGA palette call (INT 10h AH=0Bh), the
; palette/DAC services (AH=10h AL=00h-03h, 07h-09h, 10h, 12h, 13h, 15h,
; 17h-1Bh) and the default DAC contents a mode set loads.  IBM VGA
; Technical Reference, "Attribute Controller" and "Video DAC"; RBIL INT
; 10h AX=10xxh.
;
; Default DAC tables, computed rather than stored:
;   DAC_EGA  64 entries, 6-bit index rgbRGB: primary bits worth 2Ah,
;            secondary 15h (the EGA's 64 colours; text modes, 10h-12h);
;   DAC_CGA  64 entries where bit 4 is intensity (+15h on all three) and
;            bits 2-0 are RGB (2Ah), colour 6 brown (2Ah,15h,00h) (the
;            200-line modes 4-6, 0Dh, 0Eh, whose attribute registers hold
;            00h-07h/10h-17h);
;   DAC_MONO 64 entries, bit 3 = 2Ah, bit 4 = 15h, on all three (7, 0Fh);
;   DAC_256  mode 13h: the 16 CGA colours, a 16-step grey ramp, 9 blocks
;            of 24 hues (3 intensities x 3 saturations), 8 blacks.
; Grey summing (40:89 bit 1, or AX=101Bh) replaces a colour by
; 30% red + 59% green + 11% blue on all three.
; AH=0Bh BH=00h sets the border (and in modes 4/5 the background and
; intensity); in mode 6 it does nothing more than the border.

int10_palette:
        cmp al, 1Bh
        ja .out
        movzx si, al
        shl si, 1
        jmp [cs:.table + si]
.out:
        ret
.table:
        dw pal_set_one, pal_set_overscan, pal_set_all, pal_blink
        dw .out, .out, .out, pal_get_one
        dw pal_get_overscan, pal_get_all, .out, .out
        dw .out, .out, .out, .out
        dw dac_set_one, .out, dac_set_block, dac_paging
        dw .out, dac_get_one, .out, dac_get_block
        dw dac_set_mask, dac_get_mask, dac_get_paging, dac_grey_block

; 1000h: palette register BL (00h-0Fh; 10h-14h reach the other attribute
; registers) = BH.
pal_set_one:
        cmp bl, 14h
        ja .out
        mov al, bl
        mov ah, bh
        call attr_write
        call attr_video_on
.out:
        ret

; 1001h: overscan (border) = BH.
pal_set_overscan:
        mov al, 11h
        mov ah, bh
        call attr_write
        jmp attr_video_on

; 1002h: the 16 palette registers and the overscan from ES:DX (17 bytes).
pal_set_all:
        mov si, dx
        xor al, al
.next:
        mov ah, [es:si]
        call attr_write
        inc si
        inc al
        cmp al, 10h
        jb .next
        mov ah, [es:si]
        mov al, 11h
        call attr_write
        jmp attr_video_on

; 1003h: BL = 0 background intensity, 1 blinking (attribute mode control
; bit 3; the CGA mode-control copy in 40:65 bit 5 follows).
pal_blink:
        cmp bl, 1
        ja .out
        mov al, 10h
        call attr_read
        and al, ~08h
        and byte [BDA_VIDEO_MODESEL], ~20h
        test bl, bl
        jz .set
        or al, 08h
        or byte [BDA_VIDEO_MODESEL], 20h
.set:
        mov ah, al
        mov al, 10h
        call attr_write
        call attr_video_on
.out:
        ret

; 1007h: BH = palette register BL.
pal_get_one:
        cmp bl, 14h
        ja .out
        mov al, bl
        call attr_read
        mov [bp + F_BH], al
        call attr_video_on
.out:
        ret

; 1008h: BH = overscan.
pal_get_overscan:
        mov al, 11h
        call attr_read
        mov [bp + F_BH], al
        jmp attr_video_on

; 1009h: ES:DX = the 16 palette registers and the overscan.
pal_get_all:
        mov di, dx
        xor cl, cl
.next:
        mov al, cl
        call attr_read
        mov [es:di], al
        inc di
        inc cl
        cmp cl, 10h
        jb .next
        mov al, 11h
        call attr_read
        mov [es:di], al
        jmp attr_video_on

; 1010h: DAC register BX = red DH, green CH, blue CL.
dac_set_one:
        mov al, bl
        mov dx, VGA_DAC_WRITE_INDEX
        out dx, al
        mov dh, [bp + F_DH]
        jmp dac_out

; 1012h: DAC registers BX.. (CX of them) from ES:DX, 3 bytes each.
dac_set_block:
        mov si, dx
        mov al, bl
        mov dx, VGA_DAC_WRITE_INDEX
        out dx, al
        mov di, cx
.next:
        test di, di
        jz .out
        mov dh, [es:si]
        mov ch, [es:si + 1]
        mov cl, [es:si + 2]
        call dac_out
        add si, 3
        dec di
        jmp .next
.out:
        ret

; 1013h: BL = 0: paging mode BH (0: 4 pages of 64, 1: 16 of 16; attribute
; mode control bit 7); BL = 1: show page BH (colour select register).
dac_paging:
        mov al, 10h
        call attr_read
        cmp bl, 1
        ja .out
        je .page
        and al, 7Fh
        test bh, 1
        jz .mode
        or al, 80h
.mode:
        mov ah, al
        mov al, 10h
        call attr_write
        jmp .out
.page:
        mov ah, bh
        and ah, 0Fh
        test al, 80h
        jnz .select
        and ah, 03h
        shl ah, 2                       ; 64-colour pages: bits 3-2
.select:
        mov al, 14h
        call attr_write
.out:
        jmp attr_video_on

; 1015h: DH, CH, CL = DAC register BX.
dac_get_one:
        mov al, bl
        mov dx, VGA_DAC_READ_INDEX
        out dx, al
        mov dx, VGA_DAC_DATA
        in al, dx
        mov [bp + F_DH], al
        in al, dx
        mov [bp + F_CH], al
        in al, dx
        mov [bp + F_CL], al
        ret

; 1017h: ES:DX = CX DAC registers from BX, 3 bytes each.
dac_get_block:
        mov di, dx
        mov al, bl
        mov dx, VGA_DAC_READ_INDEX
        out dx, al
        mov dx, VGA_DAC_DATA
        mov si, cx
.next:
        test si, si
        jz .out
        in al, dx
        stosb
        in al, dx
        stosb
        in al, dx
        stosb
        dec si
        jmp .next
.out:
        ret

; 1018h: pixel mask = BL.
dac_set_mask:
        mov al, bl
        mov dx, VGA_DAC_MASK
        out dx, al
        ret

; 1019h: BL = pixel mask.
dac_get_mask:
        mov dx, VGA_DAC_MASK
        in al, dx
        mov [bp + F_BL], al
        ret

; 101Ah: BL = paging mode, BH = the page shown.
dac_get_paging:
        mov al, 10h
        call attr_read
        mov bl, al
        rol bl, 1
        and bl, 1
        mov al, 14h
        call attr_read
        and al, 0Fh
        test bl, bl
        jnz .page
        shr al, 2
.page:
        mov [bp + F_BL], bl
        mov [bp + F_BH], al
        jmp attr_video_on

; 101Bh: grey-sum CX DAC registers from BX.
dac_grey_block:
        mov di, cx
        mov bh, bl
.next:
        test di, di
        jz .out
        mov al, bh
        mov dx, VGA_DAC_READ_INDEX
        out dx, al
        mov dx, VGA_DAC_DATA
        in al, dx
        mov ah, al                      ; red
        in al, dx
        mov ch, al
        in al, dx
        mov cl, al
        mov dh, ah
        call dac_grey
        mov al, bh
        mov dx, VGA_DAC_WRITE_INDEX
        out dx, al
        mov dx, VGA_DAC_DATA
        mov al, ah
        out dx, al
        mov al, ch
        out dx, al
        mov al, cl
        out dx, al
        inc bh
        dec di
        jmp .next
.out:
        ret

; dac_grey: DH, CH, CL (red, green, blue) -> all three the grey of that
; colour, AH too.
dac_grey:
        push bx
        movzx ax, dh
        imul ax, ax, 77
        movzx bx, ch
        imul bx, bx, 151
        add ax, bx
        movzx bx, cl
        imul bx, bx, 28
        add ax, bx
        add ax, 128
        shr ax, 8                       ; AL = grey (at most 63 for 6-bit input)
        mov ah, al
        mov dh, al
        mov ch, al
        mov cl, al
        pop bx
        ret

; dac_out: the next DAC register (after a 3C8h index) = DH, CH, CL,
; grey-summed when 40:89 bit 1 says so.  Preserves every register.
dac_out:
        push ax
        push cx
        push dx
        test byte [BDA_VIDEO_VGAFLAGS], VGAFLAGS_GREY
        jz .write
        call dac_grey
.write:
        mov al, dh
        mov dx, VGA_DAC_DATA
        out dx, al
        mov al, ch
        out dx, al
        mov al, cl
        out dx, al
        pop dx
        pop cx
        pop ax
        ret

; --- default palettes ----------------------------------------------------------

%macro dac_component 4              ; dest, index, primary bit, secondary bit
        xor %1, %1
        test %2, %3
        jz %%primary
        add %1, 2Ah
%%primary:
        test %2, %4
        jz %%secondary
        add %1, 15h
%%secondary:
%endmacro

; dac_rgb16: AL = index 0-63 of table BL (DAC_MONO/CGA/EGA) -> DH, CH, CL.
dac_rgb16:
        cmp bl, DAC_MONO
        je .mono
        cmp bl, DAC_CGA
        je .cga
        dac_component dh, al, 04h, 20h
        dac_component ch, al, 02h, 10h
        dac_component cl, al, 01h, 08h
        ret
.mono:
        dac_component dh, al, 08h, 10h
        mov ch, dh
        mov cl, dh
        ret
.cga:
        dac_component dh, al, 04h, 10h
        dac_component ch, al, 02h, 10h
        dac_component cl, al, 01h, 10h
        push ax
        and al, 17h
        cmp al, 06h
        pop ax
        jne .done
        mov ch, 15h                     ; brown, not dark yellow
.done:
        ret

; dac_load_default: pixel mask FFh, the default table AL (DAC_*) into the
; DAC from register 0.  Preserves every register.
dac_load_default:
        pusha
        mov bl, al
        mov dx, VGA_DAC_MASK
        mov al, 0FFh
        out dx, al
        mov dx, VGA_DAC_WRITE_INDEX
        xor al, al
        out dx, al
        cmp bl, DAC_256
        je .vga256
        xor bh, bh
.next16:
        mov al, bh
        call dac_rgb16
        call dac_out
        inc bh
        cmp bh, 64
        jb .next16
        jmp .out
.vga256:
        ; 00h-0Fh: the CGA colours 0-7 and 10h-17h
        mov bl, DAC_CGA
        xor bh, bh
.cga:
        mov al, bh
        cmp al, 8
        jb .cga_index
        add al, 8
.cga_index:
        call dac_rgb16
        call dac_out
        inc bh
        cmp bh, 16
        jb .cga
        ; 10h-1Fh: grey ramp
        xor bx, bx
.grey:
        mov dh, [cs:dac_grey_ramp + bx]
        mov ch, dh
        mov cl, dh
        call dac_out
        inc bx
        cmp bx, 16
        jb .grey
        ; 20h-F7h: 9 ramps x 24 hues; each hue names a ramp step per colour
        xor bx, bx                      ; ramp * 5
.ramp:
        xor si, si                      ; hue * 3
.hue:
        push bx
        movzx di, byte [cs:dac_hues + si]
        mov dh, [cs:dac_ramps + bx + di]
        movzx di, byte [cs:dac_hues + si + 1]
        mov ch, [cs:dac_ramps + bx + di]
        movzx di, byte [cs:dac_hues + si + 2]
        mov cl, [cs:dac_ramps + bx + di]
        pop bx
        call dac_out
        add si, 3
        cmp si, 24 * 3
        jb .hue
        add bx, 5
        cmp bx, 9 * 5
        jb .ramp
        ; F8h-FFh: black
        xor dx, dx
        xor cx, cx
        mov bx, 8
.black:
        call dac_out
        dec bx
        jnz .black
.out:
        popa
        ret

dac_grey_ramp:
        db 00h, 05h, 08h, 0Bh, 0Eh, 11h, 14h, 18h
        db 1Ch, 20h, 24h, 28h, 2Dh, 32h, 38h, 3Fh
; the steps of each ramp, lowest to highest: high/medium/low saturation at
; full, 7/16 and 1/4 intensity
dac_ramps:
        db 00h, 10h, 1Fh, 2Fh, 3Fh
        db 1Fh, 27h, 2Fh, 37h, 3Fh
        db 2Dh, 31h, 36h, 3Ah, 3Fh
        db 00h, 07h, 0Eh, 15h, 1Ch
        db 0Eh, 11h, 15h, 18h, 1Ch
        db 14h, 16h, 18h, 1Ah, 1Ch
        db 00h, 04h, 08h, 0Ch, 10h
        db 08h, 0Ah, 0Ch, 0Eh, 10h
        db 0Bh, 0Ch, 0Dh, 0Fh, 10h
; the 24 hues: the ramp step of red, green, blue, going blue -> magenta ->
; red -> yellow -> green -> cyan -> blue
dac_hues:
        db 0,0,4, 1,0,4, 2,0,4, 3,0,4, 4,0,4, 4,0,3, 4,0,2, 4,0,1
        db 4,0,0, 4,1,0, 4,2,0, 4,3,0, 4,4,0, 3,4,0, 2,4,0, 1,4,0
        db 0,4,0, 0,4,1, 0,4,2, 0,4,3, 0,4,4, 0,3,4, 0,2,4, 0,1,4

; --- AH=0Bh ---------------------------------------------------------------------

; AH=0Bh: BH = 0: border (and in modes 4/5 background) colour BL (bits
; 0-2 colour, bit 3 intensity, bit 4 intensity of the foreground palette);
; BH = 1: CGA palette BL bit 0 in modes 4/5.
int10_cga_palette:
        call mode_current
        jc .out
        cmp bh, 1
        ja .out
        je .palette
        mov al, [BDA_VIDEO_PALETTE]
        and al, 0E0h
        mov ah, bl
        and ah, 1Fh
        or al, ah
        mov [BDA_VIDEO_PALETTE], al
        mov ah, bl
        and ah, 07h
        test bl, 08h
        jz .colour
        or ah, 10h                      ; CGA DAC: bit 4 is intensity
        cmp byte [cs:si + MI_MODEL], MODEL_TEXT
        jne .colour
        or ah, 38h                      ; EGA DAC: bright = 38h-3Fh
.colour:
        mov al, 11h
        call attr_write
        cmp byte [cs:si + MI_MODEL], MODEL_CGA2
        jne .on
        xor al, al                      ; background
        call attr_write
        call cga_foreground
.on:
        call attr_video_on
.out:
        ret
.palette:
        and byte [BDA_VIDEO_PALETTE], ~20h
        test bl, 1
        jz .which
        or byte [BDA_VIDEO_PALETTE], 20h
.which:
        cmp byte [cs:si + MI_MODEL], MODEL_CGA2
        jne .out
        call cga_foreground
        jmp attr_video_on

; cga_foreground: attribute registers 1-3 of modes 4/5 from 40:66: palette
; bit 5 (0: green/red/brown, 1: cyan/magenta/white), intensity bit 4.
cga_foreground:
        push ax
        push cx
        mov cl, [BDA_VIDEO_PALETTE]
        mov ah, 2
        test cl, 20h
        jz .intensity
        mov ah, 3
.intensity:
        and cl, 10h
        or ah, cl
        mov al, 1
.next:
        call attr_write
        add ah, 2
        inc al
        cmp al, 4
        jb .next
        pop cx
        pop ax
        ret
