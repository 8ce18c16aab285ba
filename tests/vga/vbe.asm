; vbe.asm - Bochs VBE ("DISPI") picture test, programming the card's
; ports 1CEh (index) / 1CFh (data) directly: no VBE BIOS call, so it runs
; under any VGA BIOS.  Finds the card (PCI 1234:1111) with configuration
; mechanism 1 (ports CF8h/CFCh, PCI Local Bus Specification 3.2.2.3.2),
; takes the linear framebuffer's address from BAR 0, sets VBE_W x VBE_H x
; VBE_BPP (DISPI: disable, XRES, YRES, BPP, then ENABLE | LFB_ENABLED),
; and draws through the LFB (from unreal mode: a flat 4 GiB FS) or, with
; -DBANKED, through the 64 KiB bank window at A0000h (DISPI BANK
; register, 64 KiB granules).
; Picture: 32/16 bpp: a one-pixel white frame, a 16x16 one-pixel
; black/white checkerboard at (1,1), elsewhere red = x & 0FFh, green =
; y & 0FFh, blue = (x >> 8) * 64 + (y >> 8) * 16 + ((x ^ y) & 8) * 2
; (16 bpp keeps the top 5/6/5 bits).  8 bpp: pattern.inc's picture with a
; DAC colour cube.
; Built per case: -DVBE_W=... -DVBE_H=... -DVBE_BPP=8|16|32 [-DBANKED].
%ifndef VBE_W
%define VBE_W 640
%endif
%ifndef VBE_H
%define VBE_H 480
%endif
%ifndef VBE_BPP
%define VBE_BPP 32
%endif
%include "vga_test.inc"

SCR_W      equ VBE_W
SCR_H      equ VBE_H
COLOR_MASK equ 255
BYTES_PP   equ VBE_BPP / 8

test_main:
        say 'vga VBE test: ', %str(VBE_W), 'x', %str(VBE_H), 'x', %str(VBE_BPP)
%ifdef BANKED
        say ', banked window', 10
%else
        say ', linear framebuffer', 10
%endif
        call find_card
        jc .no_card
        mov ax, 0003h                   ; a known VGA state underneath
        int 10h
        cli                             ; nothing may reload FS below
%ifndef BANKED
        call enter_unreal
%endif
        mov ax, VBE_DISPI_INDEX_ENABLE
        xor bx, bx
        call dispi_write
        mov ax, VBE_DISPI_INDEX_XRES
        mov bx, VBE_W
        call dispi_write
        mov ax, VBE_DISPI_INDEX_YRES
        mov bx, VBE_H
        call dispi_write
        mov ax, VBE_DISPI_INDEX_BPP
        mov bx, VBE_BPP
        call dispi_write
        mov ax, VBE_DISPI_INDEX_ENABLE
%ifdef BANKED
        mov bx, VBE_DISPI_ENABLED
%else
        mov bx, VBE_DISPI_ENABLED | VBE_DISPI_LFB_ENABLED
%endif
        call dispi_write
%if VBE_BPP = 8
        call set_dac_cube
%endif

        xor edi, edi                    ; byte offset of the pixel in vram
        xor dx, dx
.row:
        xor cx, cx
.pixel:
%if VBE_BPP = 8
        call pattern
%else
        call direct_colour
%endif
        call store_pixel
        add edi, BYTES_PP
        inc cx
        cmp cx, VBE_W
        jb .pixel
        inc dx
        cmp dx, VBE_H
        jb .row
        jmp test_done
.no_card:
        say 'vga VBE test: no PCI 1234:1111', 10
        jmp test_done

VBE_DISPI_INDEX_XRES   equ 1
VBE_DISPI_INDEX_YRES   equ 2
VBE_DISPI_INDEX_BPP    equ 3
VBE_DISPI_INDEX_ENABLE equ 4
VBE_DISPI_INDEX_BANK   equ 5
VBE_DISPI_ENABLED      equ 01h
VBE_DISPI_LFB_ENABLED  equ 40h

; dispi_write: DISPI register AX = BX.
dispi_write:
        push dx
        push ax
        mov dx, 1CEh
        out dx, ax
        inc dx
        mov ax, bx
        out dx, ax
        pop ax
        pop dx
        ret

; find_card: bus 0, devices 0-31, function 0; CF clear and [lfb] = BAR 0's
; memory address when 1234:1111 is there.
find_card:
        pushad
        mov ebx, 80000000h
.device:
        mov eax, ebx
        mov dx, 0CF8h
        out dx, eax
        mov dx, 0CFCh
        in eax, dx
        cmp eax, 11111234h
        je .found
        add ebx, 800h
        cmp ebx, 80010000h
        jb .device
        popad
        stc
        ret
.found:
        lea eax, [ebx + 10h]
        mov dx, 0CF8h
        out dx, eax
        mov dx, 0CFCh
        in eax, dx
        and eax, 0FFFFFFF0h
        mov [lfb], eax
        popad
        clc
        ret

lfb:    dd 0

; enter_unreal: FS gets a 4 GiB limit (base 0) and keeps it back in real
; mode, so [fs:edi] reaches the LFB (Intel SDM vol. 3, 9.9: the hidden
; descriptor cache is not reloaded by leaving protected mode).
enter_unreal:
        push eax
        push bx
        lgdt [gdt_descriptor]
        mov eax, cr0
        or al, 1
        mov cr0, eax
        jmp .pm
.pm:
        mov bx, 8
        mov fs, bx
        and al, 0FEh
        mov cr0, eax
        jmp .rm
.rm:
        xor bx, bx
        mov fs, bx                      ; base 0 again, the limit stays 4 GiB
        pop bx
        pop eax
        ret

        align 8
gdt:
        dq 0
        dq 00CF92000000FFFFh            ; flat data, 4 GiB, writable
gdt_descriptor:
        dw gdt_descriptor - gdt - 1
        dd gdt

; store_pixel: the pixel in EAX (BYTES_PP bytes) at vram offset EDI.
store_pixel:
%ifdef BANKED
        push eax
        push ebx
        push es
        mov ebx, edi
        shr ebx, 16
        cmp bx, [bank]
        je .same_bank
        mov [bank], bx
        mov ax, VBE_DISPI_INDEX_BANK
        call dispi_write
        mov eax, [esp + 6]              ; the pixel again
.same_bank:
        mov bx, 0A000h
        mov es, bx
%if BYTES_PP = 4
        mov [es:di], eax
%elif BYTES_PP = 2
        mov [es:di], ax
%else
        mov [es:di], al
%endif
        pop es
        pop ebx
        pop eax
        ret
bank:   dw 0FFFFh
%else
        push ebx
        mov ebx, [lfb]
%if BYTES_PP = 4
        mov [fs:ebx + edi], eax
%elif BYTES_PP = 2
        mov [fs:ebx + edi], ax
%else
        mov [fs:ebx + edi], al
%endif
        pop ebx
        ret
%endif

; direct_colour: EAX = the 32/16 bpp colour of pixel (CX, DX).
direct_colour:
        push ebx
        push ecx
        push edx
        movzx ecx, cx
        movzx edx, dx
        mov eax, 0FFFFFFh
        test ecx, ecx
        jz .pack
        cmp ecx, VBE_W - 1
        je .pack
        test edx, edx
        jz .pack
        cmp edx, VBE_H - 1
        je .pack
        cmp ecx, 16
        ja .gradient
        cmp edx, 16
        ja .gradient
        mov eax, ecx
        xor eax, edx
        and eax, 1
        neg eax
        and eax, 0FFFFFFh
        jmp .pack
.gradient:
        mov eax, ecx                    ; red
        and eax, 0FFh
        shl eax, 8
        mov al, dl                      ; green
        shl eax, 8
        mov ebx, ecx
        shr ebx, 8
        shl ebx, 6
        mov al, bl
        mov ebx, edx
        shr ebx, 8
        shl ebx, 4
        add al, bl
        mov ebx, ecx
        xor ebx, edx
        and ebx, 8
        shl ebx, 1
        add al, bl                      ; blue
.pack:
%if VBE_BPP = 16
        mov ebx, eax                    ; RRRRRGGG GGGBBBBB
        shr ebx, 3
        and ebx, 1Fh                    ; blue
        mov ecx, eax
        shr ecx, 10 - 5
        and ecx, 3Fh << 5               ; green
        or ebx, ecx
        mov ecx, eax
        shr ecx, 19 - 11
        and ecx, 1Fh << 11              ; red
        or ebx, ecx
        mov eax, ebx
%endif
        pop edx
        pop ecx
        pop ebx
        ret

%include "pattern.inc"
        vga_test_end
