; int15.asm - INT 15h system services.
;   4Fh  keyboard intercept: returns what it was given (CF=1: process)
;   83h  event wait (RTC periodic interrupt sets bit 7 of ES:BX)
;   86h  wait CX:DX microseconds (polling PIT channel 0, interrupts on)
;   87h  block move through a temporary GDT in protected mode
;   88h  extended memory size (KiB above 1 MiB, at most FFFFh)
;   90h/91h  device busy/post: AH=00h
;   C0h  configuration table at F000:E6F5
;   C1h  EBDA segment
;   E801h  memory size (KiB 1-16 MiB, 64 KiB blocks above)
;   E820h  memory map (docs/platform.md; ACPI area as type 3)
;   2400h-2403h  A20 through port 92h
; Everything else (89h protected-mode switch, 53h APM, C2h PS/2 mouse,
; ...) answers "unsupported": CF=1, AH=86h.
; The memory sizes count usable RAM: they stop below the ACPI area.

SMAP            equ 534D4150h

int15_entry:
        push bp
        mov bp, sp                      ; [bp+6] = caller's FLAGS
        cmp ah, 4Fh
        je int15_iret
        sti
        cmp ah, 86h
        je int15_wait
        cmp ah, 83h
        je int15_event_wait
        cmp ah, 87h
        je int15_block_move
        cmp ah, 88h
        je int15_ext_memory
        cmp ah, 90h
        je int15_ok_ah0
        cmp ah, 91h
        je int15_ok_ah0
        cmp ah, 0C0h
        je int15_config
        cmp ah, 0C1h
        je int15_ebda
        cmp ax, 0E801h
        je int15_e801
        cmp ax, 0E820h
        je int15_e820
        cmp ah, 24h
        je int15_a20
int15_unsupported:
        mov ah, 86h
int15_fail:
        or word [bp + 6], 1
int15_iret:
        pop bp
        iret
int15_ok_ah0:
        mov ah, 0
int15_ok:
        and word [bp + 6], ~1 & 0FFFFh
        pop bp
        iret

; usable_ram_top: EAX = RAM top minus the ACPI area.
usable_ram_top:
        push ds
        mov ax, EBDA_SEG
        mov ds, ax
        mov eax, [EBDA_RAM_TOP]
        sub eax, ACPI_AREA_SIZE
        pop ds
        ret

int15_wait:
        push ecx
        shl ecx, 16
        mov cx, dx
        call delay_us
        pop ecx
        jmp int15_ok_ah0

; AH=83h: AL=00h start (ES:BX flag byte, CX:DX microseconds), AL=01h
; cancel.
int15_event_wait:
        push ds
        push bx
        mov bx, BDA_SEG
        mov ds, bx
        pop bx
        cmp al, 1
        je .cancel
        test al, al
        jnz .bad
        test byte [BDA_WAIT_ACTIVE], 01h
        jnz .bad
        cli
        mov [BDA_WAIT_FLAG_PTR], bx
        mov [BDA_WAIT_FLAG_PTR + 2], es
        mov [BDA_WAIT_COUNT], dx
        mov [BDA_WAIT_COUNT + 2], cx
        mov byte [BDA_WAIT_ACTIVE], 01h
        push ax
        mov al, CMOS_REG_B
        call cmos_read
        or al, 40h                      ; PIE
        mov ah, al
        mov al, CMOS_REG_B
        call cmos_write
        pop ax
        sti
        pop ds
        jmp int15_ok
.cancel:
        cli
        mov byte [BDA_WAIT_ACTIVE], 0
        push ax
        mov al, CMOS_REG_B
        call cmos_read
        and al, ~40h & 0FFh
        mov ah, al
        mov al, CMOS_REG_B
        call cmos_write
        pop ax
        sti
        pop ds
        jmp int15_ok
.bad:
        pop ds
        jmp int15_unsupported

int15_ext_memory:
        call usable_ram_top
        sub eax, 100000h
        shr eax, 10
        cmp eax, 0FFFFh
        jbe .ok
        mov ax, 0FFFFh
.ok:
        jmp int15_ok

int15_config:
        mov bx, BIOS_SEG
        mov es, bx
        mov bx, config_table
        jmp int15_ok_ah0

int15_ebda:
        push ax
        mov ax, EBDA_SEG
        mov es, ax
        pop ax
        jmp int15_ok

; AX=E801h: AX = CX = KiB between 1 and 16 MiB (at most 3C00h), BX = DX =
; 64 KiB blocks above 16 MiB.
int15_e801:
        push eax
        call usable_ram_top
        cmp eax, 1000000h
        ja .above
        sub eax, 100000h
        shr eax, 10
        mov cx, ax
        xor dx, dx
        jmp .done
.above:
        sub eax, 1000000h
        shr eax, 16
        mov dx, ax
        mov cx, 3C00h
.done:
        pop eax
        mov ax, cx
        mov bx, dx
        jmp int15_ok

; AX=E820h: EDX = 'SMAP', EBX = continuation (the entry index), ES:DI = a
; buffer of ECX >= 20 bytes.  Returns EAX = 'SMAP', ECX = 20, EBX = next
; index or 0 after the last entry.  The entries are sorted and disjoint.
int15_e820:
        cmp edx, SMAP
        jne int15_unsupported
        cmp ecx, 20
        jb int15_unsupported
        cmp ebx, E820_ENTRIES
        jae int15_unsupported
        push esi
        push edx
        mov si, bx
        imul si, si, 12
        mov eax, [cs:e820_table + si]          ; base
        mov ecx, [cs:e820_table + si + 4]      ; length
        mov edx, [cs:e820_table + si + 8]      ; type
        cmp bl, E820_RAM_INDEX
        jne .not_ram
        push eax
        call usable_ram_top
        mov ecx, eax
        sub ecx, 100000h
        pop eax
        jmp .write
.not_ram:
        cmp bl, E820_ACPI_INDEX
        jne .write
        call usable_ram_top
.write:
        mov [es:di], eax
        mov dword [es:di + 4], 0
        mov [es:di + 8], ecx
        mov dword [es:di + 12], 0
        mov [es:di + 16], edx
        pop edx
        pop esi
        inc ebx
        cmp ebx, E820_ENTRIES
        jb .more
        xor ebx, ebx
.more:
        mov eax, SMAP
        mov ecx, 20
        jmp int15_ok

E820_RAM        equ 1
E820_RESERVED   equ 2
E820_ACPI       equ 3
E820_RAM_INDEX  equ 3
E820_ACPI_INDEX equ 4
e820_table:                             ; base, length, type
        dd 0, EBDA_BASE, E820_RAM
        dd EBDA_BASE, EBDA_SIZE_KB * 1024, E820_RESERVED
        dd 0E0000h, 20000h, E820_RESERVED               ; this BIOS
        dd 100000h, 0, E820_RAM                         ; to the ACPI area
        dd 0, ACPI_AREA_SIZE, E820_ACPI                 ; the ACPI area
        dd IOAPIC_BASE, 1000h, E820_RESERVED
        dd LAPIC_BASE, 1000h, E820_RESERVED
        dd 100000000h - BIOS_IMAGE_SIZE, BIOS_IMAGE_SIZE, E820_RESERVED
E820_ENTRIES    equ ($ - e820_table) / 12

; AH=24h: AL=00h A20 off, 01h on, 02h status in AL, 03h support (BX=2:
; port 92h).  On the PIIX the gate is open while either port 92h bit 1 or
; the 8042's A20 output is set (A20M# needs both low), so on and off go
; to both: port 92h, and the 8042's DDh/DFh commands.
int15_a20:
        cmp al, 3
        ja int15_unsupported
        je .support
        cmp al, 2
        je .status
        push bx
        push cx
        mov bl, al
        in al, PORT_SYS_A
        and al, 0FCh                    ; never the reset bit
        shl bl, 1
        or al, bl
        out PORT_SYS_A, al
        mov cx, 0FFFFh                  ; 8042 input buffer empty?
.kbc_wait:
        in al, 64h
        test al, 02h
        loopnz .kbc_wait
        mov al, 0DDh                    ; A20 off
        or al, bl                       ; 0DFh: A20 on
        out 64h, al
        pop cx
        pop bx
        jmp int15_ok_ah0
.status:
        in al, PORT_SYS_A
        shr al, 1
        and al, 1
        jmp int15_ok_ah0
.support:
        mov bx, 2
        jmp int15_ok_ah0

; AH=87h: move CX words between the 24-bit addresses in descriptors 2
; (source) and 3 (destination) of the GDT at ES:SI.  We fill descriptor 4
; (our code, F0000) and 5 (our stack), load that GDT, copy in 16-bit
; protected mode and come back.  Interrupts stay off throughout (there is
; no IDT).  A20 is on during the move and restored after.
int15_block_move:
        cmp cx, 8000h
        ja int15_unsupported
        pushad
        push ds
        push es
        push fs
        push gs
        cli
        ; descriptor 4: code, base F0000, limit FFFF, 16-bit, execute/read
        mov dword [es:si + 20h], 0000FFFFh
        mov dword [es:si + 24h], 00009B0Fh
        ; descriptor 5: stack, base SS*16, limit FFFF, read/write
        mov ax, ss
        movzx eax, ax
        shl eax, 4
        mov word [es:si + 28h], 0FFFFh
        mov [es:si + 2Ah], ax
        shr eax, 16
        mov [es:si + 2Ch], al
        mov byte [es:si + 2Dh], 93h
        mov word [es:si + 2Eh], 0
        ; the GDTR image on the stack: limit 2Fh, base ES*16 + SI
        mov ax, es
        movzx eax, ax
        shl eax, 4
        movzx ebx, si
        add eax, ebx
        push eax
        push word 2Fh
        mov bx, sp
        o32 lgdt [ss:bx]
        add sp, 6
        mov dx, ss                      ; kept for the way back
        in al, PORT_SYS_A
        mov bl, al                      ; kept to restore A20
        or al, 02h
        and al, 0FEh
        out PORT_SYS_A, al
        mov eax, cr0
        or al, 1
        mov cr0, eax
        jmp 20h:.protected
.protected:
        mov ax, 28h
        mov ss, ax
        mov ax, 10h
        mov ds, ax
        mov ax, 18h
        mov es, ax
        xor si, si
        xor di, di
        cld
        rep movsw
        ; 64 KiB data limits for real mode again
        mov ax, 28h
        mov ds, ax
        mov es, ax
        mov eax, cr0
        and al, 0FEh
        mov cr0, eax
        jmp BIOS_SEG:.real
.real:
        mov ss, dx
        mov al, bl
        and al, 0FEh
        out PORT_SYS_A, al
        pop gs
        pop fs
        pop es
        pop ds
        popad
        mov ah, 0
        sti
        jmp int15_ok
