; vbe_modes.asm - the VBE mode table and the helpers that look modes up
; and talk to the Bochs DISPI registers (index 1CEh, data 1CFh; register
; meanings as in devices/vga.h).  The standard VESA numbers (VBE 3.0
; specification, "VBE Mode Numbers": 100h-11Bh) are used where VESA
; defined one; everything else is ours, from 140h up:
;   140h 320x200x32   141h 640x400x15   142h 640x400x16   143h 640x400x24
;   144h 640x400x32   145h 640x480x32   146h 800x600x32   147h 1024x768x32
;   148h 1280x1024x32
;   149h/14Ah/14Bh 1280x720 x8/16/32     14Ch/14Dh/14Eh 1600x1200 x8/16/32
;   14Fh/150h/151h 1920x1080 x8/16/32    152h/153h/154h 1920x1200 x8/16/32
; Not here: the 4-bit planar VESA modes (102h, 104h, 106h) and the VESA
; text modes (108h-10Ch).

; vbe_mode_table ENTRY_MACRO: one ENTRY_MACRO number, width, height, bpp
; line per mode; expanded once as the table and once as the mode list.
%macro vbe_mode_table 1
        %1 100h,  640,  400,  8
        %1 101h,  640,  480,  8
        %1 103h,  800,  600,  8
        %1 105h, 1024,  768,  8
        %1 107h, 1280, 1024,  8
        %1 10Dh,  320,  200, 15
        %1 10Eh,  320,  200, 16
        %1 10Fh,  320,  200, 24
        %1 110h,  640,  480, 15
        %1 111h,  640,  480, 16
        %1 112h,  640,  480, 24
        %1 113h,  800,  600, 15
        %1 114h,  800,  600, 16
        %1 115h,  800,  600, 24
        %1 116h, 1024,  768, 15
        %1 117h, 1024,  768, 16
        %1 118h, 1024,  768, 24
        %1 119h, 1280, 1024, 15
        %1 11Ah, 1280, 1024, 16
        %1 11Bh, 1280, 1024, 24
        %1 140h,  320,  200, 32
        %1 141h,  640,  400, 15
        %1 142h,  640,  400, 16
        %1 143h,  640,  400, 24
        %1 144h,  640,  400, 32
        %1 145h,  640,  480, 32
        %1 146h,  800,  600, 32
        %1 147h, 1024,  768, 32
        %1 148h, 1280, 1024, 32
        %1 149h, 1280,  720,  8
        %1 14Ah, 1280,  720, 16
        %1 14Bh, 1280,  720, 32
        %1 14Ch, 1600, 1200,  8
        %1 14Dh, 1600, 1200, 16
        %1 14Eh, 1600, 1200, 32
        %1 14Fh, 1920, 1080,  8
        %1 150h, 1920, 1080, 16
        %1 151h, 1920, 1080, 32
        %1 152h, 1920, 1200,  8
        %1 153h, 1920, 1200, 16
        %1 154h, 1920, 1200, 32
%endmacro

; a table entry: VM_* offsets
VM_NUMBER   equ 0
VM_WIDTH    equ 2
VM_HEIGHT   equ 4
VM_BPP      equ 6
VM_SIZE     equ 8

%macro vbe_mode_entry 4
        dw %1, %2, %3
        db %4, 0
%endmacro
%macro vbe_mode_number 4
        dw %1
%endmacro

vbe_modes:
        vbe_mode_table vbe_mode_entry
vbe_modes_end:

; The list 4F00h points VideoModePtr at (FFFFh-terminated).
vbe_mode_list:
        vbe_mode_table vbe_mode_number
        dw 0FFFFh

; vbe_find_mode: CX = mode number (bits 0-8; the flag bits are ignored)
; -> CS:SI = its table entry, CF clear; CF set if we have no such mode.
vbe_find_mode:
        push cx
        and cx, 01FFh
        mov si, vbe_modes
.next:
        cmp si, vbe_modes_end
        jae .none
        cmp [cs:si + VM_NUMBER], cx
        je .found
        add si, VM_SIZE
        jmp .next
.none:
        pop cx
        stc
        ret
.found:
        pop cx
        clc
        ret

; vbe_find_current: the table entry whose geometry the DISPI registers
; hold now -> CS:SI, CF clear; CF set if none (or DISPI is off).
vbe_find_current:
        push ax
        push bx
        push cx
        push dx
        mov al, DISPI_ENABLE
        call dispi_get
        test al, DISPI_ENABLED
        jz .none
        mov al, DISPI_XRES
        call dispi_get
        mov bx, ax
        mov al, DISPI_YRES
        call dispi_get
        mov cx, ax
        mov al, DISPI_BPP
        call dispi_get
        mov dx, ax
        mov si, vbe_modes
.next:
        cmp si, vbe_modes_end
        jae .none
        cmp [cs:si + VM_WIDTH], bx
        jne .skip
        cmp [cs:si + VM_HEIGHT], cx
        jne .skip
        cmp [cs:si + VM_BPP], dl
        je .found
.skip:
        add si, VM_SIZE
        jmp .next
.none:
        stc
        jmp .out
.found:
        clc
.out:
        pop dx
        pop cx
        pop bx
        pop ax
        ret

; vbe_bytes_per_pixel: AL = bits per pixel -> AX = bytes (15 -> 2).
vbe_bytes_per_pixel:
        add al, 7
        shr al, 3
        xor ah, ah
        ret

; vbe_mode_line_bytes: CS:SI entry -> AX = bytes per scan line at the
; mode's own width (no padding).  Preserves the rest.
vbe_mode_line_bytes:
        push dx
        mov al, [cs:si + VM_BPP]
        call vbe_bytes_per_pixel
        mul word [cs:si + VM_WIDTH]
        pop dx
        ret

; vbe_vram_bytes: EAX = the card's video memory in bytes (DISPI register
; VIDEO_MEMORY_64K; 4 MiB if the card predates it and answers 0).
vbe_vram_bytes:
        mov al, DISPI_VIDEO_MEMORY_64K
        call dispi_get
        movzx eax, ax
        test eax, eax
        jnz .have
        mov al, 40h
.have:
        shl eax, 16
        ret

; vbe_mode_pages: CS:SI entry -> EAX = how many whole pictures of the mode
; fit in video memory (0: the mode does not fit at all).
vbe_mode_pages:
        push ebx
        push edx
        call vbe_mode_line_bytes
        movzx ebx, ax
        movzx eax, word [cs:si + VM_HEIGHT]
        imul ebx, eax
        call vbe_vram_bytes
        xor edx, edx
        div ebx
        pop edx
        pop ebx
        ret

; dispi_get: AX = DISPI register AL.  Preserves the rest.
dispi_get:
        push dx
        xor ah, ah
        mov dx, DISPI_INDEX_PORT
        out dx, ax
        inc dx
        in ax, dx
        pop dx
        ret

; dispi_put: DISPI register AL = DX.  Preserves every register.
dispi_put:
        push ax
        push dx
        xor ah, ah
        mov dx, DISPI_INDEX_PORT
        out dx, ax
        pop ax
        push ax
        inc dx
        out dx, ax
        pop dx
        pop ax
        ret

; vbe_dispi_off: turn the DISPI extensions off (the card shows its VGA
; registers again; also drops the 8-bit DAC).  Preserves every register.
; set_mode (modes.asm) calls it before programming a VGA mode.
vbe_dispi_off:
        push dx
        push ax
        mov al, DISPI_ENABLE
        xor dx, dx
        call dispi_put
        pop ax
        pop dx
        ret

; vbe_lfb_address: EAX = the linear framebuffer's address, BAR 0 of the
; first 1234:1111 function on PCI bus 0 (configuration mechanism #1, PCI
; Local Bus Specification 3.0, 3.2.2.3.2), read each time because the OS
; may move it; 0 if there is no such device.  Preserves the rest.
vbe_lfb_address:
        push dx
        push ecx
        mov ecx, 80000000h              ; enable, bus 0, device 0, function 0
.next:
        mov eax, ecx
        mov dx, PCI_CONFIG_ADDRESS
        out dx, eax
        mov dx, PCI_CONFIG_DATA
        in eax, dx
        cmp eax, (VGA_PCI_DEVICE << 16) | VGA_PCI_VENDOR
        je .found
        add ecx, 1 << 11                ; next device
        cmp ecx, 80000000h + (32 << 11)
        jb .next
        xor eax, eax
        jmp .out
.found:
        lea eax, [ecx + PCI_REG_BAR0]
        mov dx, PCI_CONFIG_ADDRESS
        out dx, eax
        mov dx, PCI_CONFIG_DATA
        in eax, dx
        and eax, 0FFFFFFF0h             ; drop the memory BAR type bits
.out:
        pop ecx
        pop dx
        ret
