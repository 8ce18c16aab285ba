; bios_size.asm - where the board maps a BIOS image larger than 64 KiB.
; Assembled with -DSIZE=n (a multiple of 64 KiB, at most 1 MiB).  Every
; 64 KiB block of the image starts with the bytes 'B', k (k = its number);
; the code lives in the last block.  Below 1 MiB the top min(SIZE, 128 KiB)
; of the image shows, so F0000 holds the last block and, for images of
; 128 KiB or more, E0000 the one before it; for a 64 KiB image E0000 is
; plain RAM.  Exits PASS (status 33), or 0x44 (status 137) if F0000 is
; wrong, 0x45 (status 139) if E0000 is.
%assign BLOCKS SIZE / 0x10000
bits 16
org 0

%assign k 0
%rep BLOCKS - 1
    db 'B', k
    times 0x10000 - 2 db 0xFF
%assign k k + 1
%endrep

last_block:
    db 'B', BLOCKS - 1
start:
    mov ax, 0xF000
    mov ds, ax
    cmp word [0], 'B' | ((BLOCKS - 1) << 8)
    jne .bad_f
    mov ax, 0xE000
    mov ds, ax
%if BLOCKS > 1
    cmp word [0], 'B' | ((BLOCKS - 2) << 8)
    jne .bad_e
%else
    mov word [0], 0x1234          ; RAM: takes a write
    cmp word [0], 0x1234
    jne .bad_e
%endif
    mov al, 0x10
    jmp .exit
.bad_f:
    mov al, 0x44
    jmp .exit
.bad_e:
    mov al, 0x45
.exit:
    mov dx, 0x501
    out dx, al
    cli
    hlt

    times 0xFFF0 - ($ - last_block) db 0xFF
    jmp 0xF000:(start - last_block)
    times 0x10000 - ($ - last_block) db 0xFF
