; vbe_pmi.asm - VBE 4F0Ah, the protected-mode interface: get the table,
; check its header and port list, copy table and code to 20000h, and call
; its Set Window, Set Display Start and Set Palette from 32-bit protected
; mode (pmode.inc: flat CS/ES/SS, DS unusable) with the protected-mode
; register conventions (Set Display Start: DX:CX = start address / 4);
; back in real mode the effects are read through INT 10h 4F05h BH=01h,
; 4F07h BL=01h and the DAC ports.  Also the ROM's code called in place
; (as Linux's vesafb does), a 32-bit mode (bytes per pixel), the refusals
; (LFB mode, bank or palette range past the end), and that every register
; but EAX comes back unchanged.  Our ROM only: SeaBIOS's VGA BIOS has no
; 4F0Ah.

%include "vgabios_test.inc"

COPY_SEG    equ 2000h               ; where the test copies table and code
PAL_FIRST   equ 20

test_main:
        ; --- 4F0Ah BL=00h: ES:DI -> the table, CX = its length
        xor ax, ax
        mov es, ax
        xor di, di
        xor cx, cx
        mov ax, 4F0Ah
        mov bl, 0
        int 10h
        check_eq ax, 004Fh, '4F0Ah'
        mov [pmi_seg], es
        mov [pmi_off], di
        mov [pmi_len], cx
        cmp cx, 8
        jbe .short_table
        ; the four offsets: past the 8-byte header, inside the table
        xor bx, bx
.offset:
        mov ax, [es:di + bx]
        cmp ax, 8
        jb .bad_offset
        cmp ax, cx
        jae .bad_offset
        mov [pmi_offsets + bx], ax
        add bx, 2
        cmp bx, 8
        jb .offset
        ; the port list: DISPI index/data and DAC write index/data among
        ; the ports, then FFFFh, then FFFFh (no memory regions)
        mov si, di
        add si, [pmi_offsets + 6]
        xor dx, dx                      ; DX bits: ports seen
        mov bx, 16                      ; at most 16 ports
.port:
        mov ax, [es:si]
        add si, 2
        cmp ax, 0FFFFh
        je .ports_end
        cmp ax, 1CEh
        jne .not_1ce
        or dl, 1
.not_1ce:
        cmp ax, 1CFh
        jne .not_1cf
        or dl, 2
.not_1cf:
        cmp ax, 3C8h
        jne .not_3c8
        or dl, 4
.not_3c8:
        cmp ax, 3C9h
        jne .not_3c9
        or dl, 8
.not_3c9:
        dec bx
        jnz .port
        fail 'the port list has no FFFFh end'
.ports_end:
        check_eq dl, 0Fh, 'ports 1CEh, 1CFh, 3C8h, 3C9h listed (bits)'
        check_eq word [es:si], 0FFFFh, 'memory list (empty: FFFFh)'
        mov ax, si
        sub ax, di
        add ax, 2
        cmp ax, cx
        ja .short_table

        ; --- copy table and code (CX bytes) to COPY_SEG:0
        push ds
        mov ax, es
        mov ds, ax
        mov si, di
        mov ax, COPY_SEG
        mov es, ax
        xor di, di
        rep movsb
        pop ds
        push ds
        pop es

        ; --- 640x480x8, banked
        mov cx, 640
        mov dx, 480
        mov bl, 8
        call vbe_find_mode
        jc .no_mode
        mov [mode8], cx
        mov bx, cx
        mov ax, 4F02h
        int 10h
        check_eq ax, 004Fh, '4F02h 640x480x8'

        ; --- Set Window (copy): bank 3
        mov ax, [pmi_offsets + 0]
        call entry_in_copy
        mov eax, 4F05h
        mov ebx, 0A5A50000h             ; BH=00h set, BL=00h window A
        mov ecx, 0C1C1C1C1h
        mov edx, 12340003h              ; DX = 3
        call pmi_call
        check_eq ax, 004Fh, 'PM Set Window bank 3'
        mov ax, 4F05h
        mov bx, 0100h
        int 10h
        check_eq ax, 004Fh, '4F05h get'
        check_eq dx, 3, 'bank after PM Set Window'
        ; a bank past the end of video memory (16 MiB: 256 banks) fails
        mov ax, [pmi_offsets + 0]
        call entry_in_copy
        mov eax, 4F05h
        mov ebx, 0
        mov ecx, 0
        mov edx, 100h
        call pmi_call
        check_eq ax, 014Fh, 'PM Set Window bank 256'

        ; --- Set Display Start (copy): x 12, line 500 at 640 bytes per
        ; line: byte 320012, DX:CX = 320012 / 4 = 1:3883h
        mov ax, [pmi_offsets + 2]
        call entry_in_copy
        mov eax, 4F07h
        mov ebx, 0
        mov ecx, 5A5A3883h
        mov edx, 7E7E0001h
        call pmi_call
        check_eq ax, 004Fh, 'PM Set Display Start'
        call display_start
        check_eq cx, 12, 'pixel after PM Set Display Start 1:3883h'
        check_eq dx, 500, 'line after PM Set Display Start 1:3883h'

        ; --- Set Display Start in the ROM itself, BL=80h (at the
        ; retrace): x 40, line 7: byte 4520, DX:CX = 0:046Ah
        mov ax, [pmi_offsets + 2]
        call entry_in_rom
        mov eax, 4F07h
        mov ebx, 80h
        mov ecx, 046Ah
        mov edx, 0
        call pmi_call
        check_eq ax, 004Fh, 'PM Set Display Start in the ROM, BL=80h'
        call display_start
        check_eq cx, 40, 'pixel after PM Set Display Start 0:046Ah'
        check_eq dx, 7, 'line after PM Set Display Start 0:046Ah'

        ; --- Set Palette (copy): 3 entries from PAL_FIRST out of ES:EDI
        mov ax, [pmi_offsets + 4]
        call entry_in_copy
        mov eax, 4F09h
        mov ebx, 0
        mov ecx, 3
        mov edx, PAL_FIRST
        mov edi, pal_data
        call pmi_call
        check_eq ax, 004Fh, 'PM Set Palette'
        mov al, PAL_FIRST
        mov dx, 3C7h
        out dx, al
        mov dx, 3C9h
        mov si, pal_data
        mov cx, 3
.pal_entry:
        in al, dx
        check_eq al, [si + 2], 'DAC red after PM Set Palette'
        in al, dx
        check_eq al, [si + 1], 'DAC green after PM Set Palette'
        in al, dx
        check_eq al, [si], 'DAC blue after PM Set Palette'
        add si, 4
        dec cx
        jnz .pal_entry
        ; a range past entry 255 fails
        mov ax, [pmi_offsets + 4]
        call entry_in_copy
        mov eax, 4F09h
        mov ebx, 0
        mov ecx, 2
        mov edx, 255
        mov edi, pal_data
        call pmi_call
        check_eq ax, 014Fh, 'PM Set Palette 255 + 2 entries'

        ; --- 640x480x32: 4 bytes per pixel.  x 5, line 100 at 2560 bytes
        ; per line: byte 256020, DX:CX = 0:FA05h
        mov cx, 640
        mov dx, 480
        mov bl, 32
        call vbe_find_mode
        jc .no_mode
        mov bx, cx
        mov ax, 4F02h
        int 10h
        check_eq ax, 004Fh, '4F02h 640x480x32'
        mov ax, [pmi_offsets + 2]
        call entry_in_copy
        mov eax, 4F07h
        mov ebx, 0
        mov ecx, 0FA05h
        mov edx, 0
        call pmi_call
        check_eq ax, 004Fh, 'PM Set Display Start at 32 bpp'
        call display_start
        check_eq cx, 5, 'pixel after PM Set Display Start 0:FA05h (32 bpp)'
        check_eq dx, 100, 'line after PM Set Display Start 0:FA05h (32 bpp)'

        ; --- a linear framebuffer mode has no window: 034Fh
        mov bx, [mode8]
        or bx, 4000h
        mov ax, 4F02h
        int 10h
        check_eq ax, 004Fh, '4F02h 640x480x8 linear'
        mov ax, [pmi_offsets + 0]
        call entry_in_copy
        mov eax, 4F05h
        mov ebx, 0
        mov ecx, 0
        mov edx, 1
        call pmi_call
        check_eq ax, 034Fh, 'PM Set Window in a linear mode'

        ; --- other 4F0Ah subfunctions fail
        mov ax, 4F0Ah
        mov bl, 1
        int 10h
        check_eq ax, 014Fh, '4F0Ah BL=01h'
        pass

.short_table:
        fail 'the 4F0Ah table is shorter than its contents'
.bad_offset:
        fail 'a 4F0Ah table offset is outside the table'
.no_mode:
        fail 'no 640x480 mode at 8 or 32 bits per pixel'

; entry_in_copy / entry_in_rom: AX = a table offset -> [pm_entry] = its
; linear address in the copy at COPY_SEG:0 / in the ROM at ES:DI.
entry_in_copy:
        movzx eax, ax
        add eax, COPY_SEG * 16
        mov [pm_entry], eax
        ret
entry_in_rom:
        push ebx
        movzx eax, ax
        movzx ebx, word [pmi_seg]
        shl ebx, 4
        add eax, ebx
        movzx ebx, word [pmi_off]
        add eax, ebx
        mov [pm_entry], eax
        pop ebx
        ret

; pmi_call: pm_call32 with the registers as set, then fail unless EBX,
; ECX, EDX, ESI, EDI and EBP came back unchanged (ESI and EBP are set to
; patterns here).  AX = the function's status.
pmi_call:
        mov esi, 51515151h
        mov ebp, 0B0B0B0B0h
        mov [saved + 0], ebx
        mov [saved + 4], ecx
        mov [saved + 8], edx
        mov [saved + 12], edi
        call pm_call32
        check_eq32 ebx, [saved + 0], 'EBX after the protected-mode call'
        check_eq32 ecx, [saved + 4], 'ECX after the protected-mode call'
        check_eq32 edx, [saved + 8], 'EDX after the protected-mode call'
        check_eq32 edi, [saved + 12], 'EDI after the protected-mode call'
        check_eq32 esi, 51515151h, 'ESI after the protected-mode call'
        check_eq32 ebp, 0B0B0B0B0h, 'EBP after the protected-mode call'
        ret

; display_start: 4F07h BL=01h -> CX pixel, DX line (fails unless 004Fh).
display_start:
        mov ax, 4F07h
        mov bx, 0001h
        int 10h
        check_eq ax, 004Fh, '4F07h get'
        ret

%include "vbe_lib.inc"
%include "pmode.inc"

        align 4
pal_data:   db 01h, 02h, 03h, 0         ; blue, green, red, alignment
            db 3Fh, 20h, 10h, 0
            db 05h, 2Ah, 15h, 0
pmi_seg:    dw 0
pmi_off:    dw 0
pmi_len:    dw 0
pmi_offsets: times 4 dw 0               ; window, start, palette, ports
mode8:      dw 0
saved:      times 4 dd 0

        test_end
