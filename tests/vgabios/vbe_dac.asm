; vbe_dac.asm - VBE 4F08h (DAC width) and 4F09h (palette data): a mode
; set leaves a 6-bit DAC with the default palette (entries 1 and 15 read
; back with 4F09h); switch to 8 bits and back, round-trip palette entries
; in both widths (4F09h set with 00h and 80h, get with 01h), compare with
; the DAC read through the VGA ports (3C7h/3C9h), and refuse a range past
; entry 255.

%include "vgabios_test.inc"
%include "vbe_lib.inc"

%macro vbe 1
        mov ax, %1
        int 10h
        check_eq ax, 004Fh, 'status of function ', %str(%1)
%endmacro

test_main:
        say 'vbe_dac: '
        mov bx, 101h
        vbe 4F02h
        push ds
        pop es
        ; the default 256-colour palette: entry 1 blue 2Ah, 15 white 3Fh
        mov bx, 0001h
        vbe 4F08h
        check_eq bh, 6, 'DAC width after a mode set'
        mov di, PAL_BUF
        mov bx, 0001h
        mov cx, 16
        xor dx, dx
        vbe 4F09h
        check_eq32 dword [PAL_BUF + 4], 0000002Ah, 'default palette entry 1 (B, G, R)'
        check_eq32 dword [PAL_BUF + 60], 003F3F3Fh, 'default palette entry 15'

        ; --- 8-bit DAC
        mov bx, 0800h
        vbe 4F08h
        check_eq bh, 8, '4F08h set 8 bits'
        mov bx, 0001h
        vbe 4F08h
        check_eq bh, 8, '4F08h get after 8'
        ; entries 40-43: B, G, R, 0 with 8-bit values
        mov di, PAL_BUF
        mov eax, 00C38117h
        mov cx, 4
.fill8:
        mov [di], eax
        add eax, 00010203h
        add di, 4
        loop .fill8
        mov di, PAL_BUF
        mov bx, 0000h
        mov cx, 4
        mov dx, 40
        vbe 4F09h
        mov di, PAL_BUF + 100h
        mov bx, 0001h
        mov cx, 4
        mov dx, 40
        vbe 4F09h
        mov si, PAL_BUF
        mov di, PAL_BUF + 100h
        call compare_4_entries
        ; entry 41 through the VGA ports: R, G, B = C4h, 83h, 1Ah
        mov dx, 3C7h
        mov al, 41
        out dx, al
        mov dx, 3C9h
        in al, dx
        check_eq al, 0C4h, 'DAC red of entry 41 (8-bit)'
        in al, dx
        check_eq al, 83h, 'DAC green of entry 41'
        in al, dx
        check_eq al, 1Ah, 'DAC blue of entry 41'

        ; --- back to 6 bits; 80h (at retrace) sets, 01h gets
        mov bx, 0600h
        vbe 4F08h
        check_eq bh, 6, '4F08h set 6 bits'
        mov bx, 0001h
        vbe 4F08h
        check_eq bh, 6, '4F08h get after 6'
        mov di, PAL_BUF
        mov eax, 003F2A15h
        mov cx, 4
.fill6:
        mov [di], eax
        sub eax, 00010101h
        add di, 4
        loop .fill6
        mov di, PAL_BUF
        mov bx, 0080h
        mov cx, 4
        mov dx, 252                     ; the last four entries
        vbe 4F09h
        mov di, PAL_BUF + 100h
        mov bx, 0001h
        mov cx, 4
        mov dx, 252
        vbe 4F09h
        mov si, PAL_BUF
        mov di, PAL_BUF + 100h
        call compare_4_entries

        ; --- a range past 255
        mov di, PAL_BUF
        mov bx, 0000h
        mov cx, 2
        mov dx, 255
        mov ax, 4F09h
        int 10h
        cmp ax, 004Fh
        jne .refused
        fail '4F09h wrote entries 255-256'
.refused:
        pass

; compare_4_entries: the blue, green, red bytes of 4 entries at SI and DI.
compare_4_entries:
        mov cx, 4
.entry:
        mov eax, [si]
        and eax, 00FFFFFFh
        mov ebx, [di]
        and ebx, 00FFFFFFh
        check_eq32 ebx, eax, '4F09h read back'
        add si, 4
        add di, 4
        loop .entry
        ret

        test_end
