; pci.asm - PCI at POST (pci_post: enumerate bus 0, size and assign BARs,
; enable decoding, route interrupts, set up the PIIX3 IDE and PIIX4 power
; management functions) and the real-mode PCI BIOS (INT 1Ah AH=B1h,
; PCI BIOS Specification 2.1, chapter 3).
;
; Configuration mechanism #1 (PCI Local Bus 2.1, 3.7.4.1): the address
; 8000_0000h | bus << 16 | device << 11 | function << 8 | register goes to
; CF8h, the data is at CFCh + (register & 3).
;
; Resources: I/O BARs from C000h up, memory BARs (and expansion ROM BARs,
; left disabled) from E000_0000h up, each naturally aligned, in bus order.
; Interrupts: the i440FX/PIIX3 board wires INTA of slot N to PIRQ (N mod 4),
; INTB to the next, and so on; pci_post routes PIRQA-D to IRQ 10, 10, 11,
; 11 (PIIX3 PIRQRC 60h-63h) as QEMU's firmware does, writes the result into
; each function's interrupt line register and makes IRQ 9-11 level
; triggered in the ELCR (9 is the ACPI SCI).
; Left out: PCI-to-PCI bridges (only bus 0 is scanned; a bridge's own BARs
; are assigned but nothing behind it), 64-bit BARs above 4 GiB, the PCI
; BIOS protected-mode entry points (B10E get routing options answers 81h),
; the $PIR table, B106 special cycles.

        section .f000

PCI_PIIX3_ISA       equ 70008086h       ; device << 16 | vendor
PCI_PIIX3_IDE       equ 70108086h
PCI_PIIX4_PM        equ 71138086h
PCI_IO_START        equ 0C000h
PCI_MEM_START       equ 0E0000000h
PCI_REG_VENDOR      equ 00h
PCI_REG_COMMAND     equ 04h
PCI_REG_CLASS       equ 08h             ; dword: class << 24 | sub << 16 | prog-if << 8
PCI_REG_HEADER_TYPE equ 0Eh
PCI_REG_BAR0        equ 10h
PCI_REG_ROM         equ 30h
PCI_REG_ROM_BRIDGE  equ 38h
PCI_REG_IRQ_LINE    equ 3Ch
PCI_REG_IRQ_PIN     equ 3Dh
PCI_CMD_IO          equ 01h
PCI_CMD_MEMORY      equ 02h
PIIX3_PIRQRC        equ 60h             ; 4 bytes: PIRQA-D routing
PIIX_IDETIM_PRI     equ 40h             ; bit 15: IDE decode enable
PIIX_IDETIM_SEC     equ 42h
PIIX4_PMBA          equ 40h
PIIX4_PMREGMISC     equ 80h             ; bit 0: PMIOSE
PIIX4_SCI_IRQ       equ 9

; --- configuration space access (BX = bus << 8 | device << 3 | function,
; DI = register; every routine keeps all registers but its result and DX)
pci_config_address:
        push eax
        movzx eax, bx
        shl eax, 8
        or eax, 80000000h
        push di
        and di, 0FCh
        or ax, di
        pop di
        mov dx, PORT_PCI_ADDR
        out dx, eax
        mov dx, di
        and dx, 3
        add dx, PORT_PCI_DATA
        pop eax
        ret

pci_read8:
        call pci_config_address
        in al, dx
        ret
pci_read16:
        call pci_config_address
        in ax, dx
        ret
pci_read32:
        call pci_config_address
        in eax, dx
        ret
pci_write8:
        call pci_config_address
        out dx, al
        ret
pci_write16:
        call pci_config_address
        out dx, ax
        ret
pci_write32:
        call pci_config_address
        out dx, eax
        ret

; pci_next_function: BX = a function on bus 0 -> BX = the next one worth
; looking at (function 0 of the next device unless this device is
; multi-function).  CF past the last device.  Keeps every other register
; but DX.
pci_next_function:
        push eax
        push di
        test bl, 7
        jnz .next_fn
        mov di, PCI_REG_VENDOR
        call pci_read16
        cmp ax, 0FFFFh
        je .next_device
        mov di, PCI_REG_HEADER_TYPE
        call pci_read8
        test al, 80h
        jnz .next_fn
.next_device:
        add bx, 8
        jmp .check
.next_fn:
        inc bx
.check:
        cmp bx, 100h                    ; CF while still on bus 0
        cmc
        pop di
        pop eax
        ret

; --- POST ----------------------------------------------------------------------
PP_MEM_NEXT         equ -4          ; dword
PP_IO_NEXT          equ -8          ; dword, so that 10000h means full
PP_CMD              equ -9          ; command register bits to turn on

pci_post:
        push bp
        mov bp, sp
        sub sp, 10
        mov dword [bp + PP_MEM_NEXT], PCI_MEM_START
        mov dword [bp + PP_IO_NEXT], PCI_IO_START
        ; ELCR: PIRQ IRQs 10 and 11 and the SCI (9) are level triggered
        mov dx, PORT_ELCR2
        in al, dx
        or al, (1 << (9 - 8)) | (1 << (10 - 8)) | (1 << (11 - 8))
        out dx, al
        xor bx, bx
.function:
        mov di, PCI_REG_VENDOR
        call pci_read32
        cmp ax, 0FFFFh
        je .next
        call pci_setup_function
.next:
        call pci_next_function
        jnc .function
        mov sp, bp
        pop bp
        ret

; pci_setup_function: the function BX, whose vendor/device dword is EAX.
pci_setup_function:
        push eax
        mov byte [bp + PP_CMD], 0
        cmp eax, PCI_PIIX3_ISA
        jne .not_isa
        ; PIRQA-D -> IRQ 10, 10, 11, 11 (PIIX3 datasheet 2.2.13, PIRQRC)
        mov di, PIIX3_PIRQRC
        mov eax, [cs:pci_pirq_irqs]
        call pci_write32
.not_isa:
        mov di, PCI_REG_HEADER_TYPE
        call pci_read8
        and al, 7Fh
        mov cx, PCI_REG_BAR0 + 6 * 4    ; the BARs of a type 0 header
        mov si, PCI_REG_ROM
        cmp al, 0
        je .bars
        mov cx, PCI_REG_BAR0 + 2 * 4    ; a bridge has two
        mov si, PCI_REG_ROM_BRIDGE
        cmp al, 1
        jne .done                       ; CardBus and unknown: left alone
.bars:
        mov di, PCI_REG_BAR0
.bar:
        call pci_assign_bar             ; may step DI over a 64-bit BAR
        add di, 4
        cmp di, cx
        jb .bar
        mov di, si
        call pci_assign_rom
        ; interrupt pin -> PIRQ (device + pin - 1) mod 4 -> IRQ
        mov di, PCI_REG_IRQ_PIN
        call pci_read8
        test al, al
        jz .irq_done
        cmp al, 4
        ja .irq_done
        dec al
        mov ah, bl
        shr ah, 3                       ; device number
        add al, ah
        and al, 3
        movzx si, al
        mov al, [cs:pci_pirq_irqs + si]
        mov di, PCI_REG_IRQ_LINE
        call pci_write8
.irq_done:
        pop eax
        push eax
        cmp eax, PCI_PIIX3_IDE
        jne .not_ide
        ; legacy IDE ports decode only with IDETIM bit 15 (PIIX3 2.3.5)
        or byte [bp + PP_CMD], PCI_CMD_IO
        mov di, PIIX_IDETIM_PRI + 1
        call pci_read8
        or al, 80h
        call pci_write8
        mov di, PIIX_IDETIM_SEC + 1
        call pci_read8
        or al, 80h
        call pci_write8
.not_ide:
        cmp eax, PCI_PIIX4_PM
        jne .not_pm
        ; PIIX4 3.x: PMBA at 40h, PMIOSE turns the PM I/O space on
        mov di, PIIX4_PMBA
        mov eax, PORT_PM_BASE | 1
        call pci_write32
        mov di, PIIX4_PMREGMISC
        call pci_read8
        or al, 01h
        call pci_write8
        mov di, PCI_REG_IRQ_LINE
        mov al, PIIX4_SCI_IRQ
        call pci_write8
.not_pm:
        mov di, PCI_REG_COMMAND
        call pci_read16
        or al, [bp + PP_CMD]
        call pci_write16
.done:
        pop eax
        ret

pci_pirq_irqs:
        db 10, 10, 11, 11               ; PIRQA-D

; pci_assign_bar: size the BAR at register DI of function BX (PCI 2.1
; 6.2.5.1: write all ones, read the mask back) and give it the next
; naturally aligned address.  A 64-bit memory BAR also zeroes its upper
; half and leaves DI on it.
pci_assign_bar:
        push cx
        call pci_read32
        mov ecx, eax                    ; the old value
        mov eax, 0FFFFFFFFh
        call pci_write32
        call pci_read32
        xchg eax, ecx
        call pci_write32                ; put the old value back
        test ecx, ecx
        jz .done                        ; reads back 0: no such BAR (PCI 2.1, 6.2.5.1)
        test cl, 1
        jnz .io
        ; memory: bits 2-1 are the type, 10b = 64-bit
        mov al, cl
        and ecx, 0FFFFFFF0h
        neg ecx                         ; the size
        jz .done
        push ax
        call pci_take_memory            ; EAX = address
        call pci_write32
        or byte [bp + PP_CMD], PCI_CMD_MEMORY
        pop ax
        and al, 06h
        cmp al, 04h
        jne .done
        add di, 4
        xor eax, eax
        call pci_write32
        jmp .done
.io:
        and ecx, 0FFFFFFFCh
        or ecx, 0FFFF0000h              ; devices may implement 16 bits only
        neg ecx                         ; the size, at most 64 KiB
        mov eax, [bp + PP_IO_NEXT]
        dec ecx
        add eax, ecx
        not ecx
        and eax, ecx                    ; aligned up to the size
        not ecx
        inc ecx
        push eax
        add eax, ecx
        cmp eax, 10000h
        pop eax
        ja .done                        ; no room left below 64 KiB
        call pci_write32
        add eax, ecx
        mov [bp + PP_IO_NEXT], eax
        or byte [bp + PP_CMD], PCI_CMD_IO
.done:
        pop cx
        ret

; pci_take_memory: ECX = a power-of-two size -> EAX = the next address
; aligned to it, taken from the memory window.
pci_take_memory:
        mov eax, [bp + PP_MEM_NEXT]
        dec ecx
        add eax, ecx
        not ecx
        and eax, ecx
        not ecx
        inc ecx
        push eax
        add eax, ecx
        mov [bp + PP_MEM_NEXT], eax
        pop eax
        ret

; pci_assign_rom: the expansion ROM BAR at DI: an address, decoding off
; (bit 0 clear) until whoever copies the ROM turns it on.
pci_assign_rom:
        mov eax, 0FFFFF800h
        call pci_write32
        call pci_read32
        and eax, 0FFFFF800h
        jz .absent
        mov ecx, eax
        neg ecx
        call pci_take_memory
        call pci_write32
        or byte [bp + PP_CMD], PCI_CMD_MEMORY
        ret
.absent:
        call pci_write32                ; EAX = 0
        ret

; pci_load_vga_rom: the first display controller (class 03h) on bus 0
; with an expansion ROM gets its ROM copied to C0000h, where the option
; ROM scan finds and runs it (PCI Firmware Specification 3.0, 5.1: map
; the ROM BAR, check the 55AAh header and the "PCIR" structure's IDs,
; copy, unmap).  C0000h-DFFFFh is RAM on this board (docs/platform.md), so
; the copy stays writable for the ROM's initialisation.  Big real mode.
VGA_ROM_DEST        equ 0C0000h
VGA_ROM_MAX         equ 20000h          ; C0000h-DFFFFh
pci_load_vga_rom:
        pushad
        xor bx, bx
.function:
        mov di, PCI_REG_VENDOR
        call pci_read32
        cmp ax, 0FFFFh
        je .next
        mov ebp, eax                    ; device << 16 | vendor, for PCIR
        mov di, PCI_REG_CLASS
        call pci_read32
        shr eax, 16
        cmp ah, 03h                     ; display controller
        jne .next
        mov di, PCI_REG_HEADER_TYPE
        call pci_read8
        test al, 7Fh
        jnz .next                       ; type 0 headers only
        mov di, PCI_REG_ROM
        call pci_read32
        and eax, 0FFFFF800h
        jz .next
        or al, 01h                      ; ROM decode on
        call pci_write32
        and al, 0FEh
        mov esi, eax
        call pci_copy_rom
        pushf
        mov di, PCI_REG_ROM
        mov eax, esi
        call pci_write32                ; ROM decode off again
        popf
        jnc .done                       ; copied: one video ROM is enough
.next:
        call pci_next_function
        jnc .function
.done:
        popad
        ret

; pci_copy_rom: the ROM image at ESI (flat), of the function whose IDs
; are EBP, to VGA_ROM_DEST.  CF set if it is not a valid x86 image.
pci_copy_rom:
        push esi
        cmp word [esi], 0AA55h
        jne .bad
        movzx eax, word [esi + 18h]     ; offset of the PCI data structure
        add eax, esi
        cmp dword [eax], 'PCIR'
        jne .bad
        cmp [eax + 4], ebp              ; vendor and device
        jne .bad
        cmp byte [eax + 14h], 0         ; code type 0: x86
        jne .bad
        movzx ecx, byte [esi + 2]
        shl ecx, 9
        jz .bad
        cmp ecx, VGA_ROM_MAX
        ja .bad
        mov edi, VGA_ROM_DEST
.copy:
        mov al, [esi]
        mov [edi], al
        inc esi
        inc edi
        dec ecx
        jnz .copy
        pop esi
        clc
        ret
.bad:
        pop esi
        stc
        ret

; --- INT 1Ah AH=B1h: the PCI BIOS ----------------------------------------------
; bios-core's INT 1Ah jumps here with the caller's registers and SS:SP at
; the interrupt frame (IP, CS, FLAGS).  Returns AH = status (00h success,
; 81h unsupported function, 83h bad vendor, 86h device not found, 87h bad
; register number) and CF.
PCIBIOS_OK          equ 00h
PCIBIOS_UNSUPPORTED equ 81h
PCIBIOS_BAD_VENDOR  equ 83h
PCIBIOS_NOT_FOUND   equ 86h
PCIBIOS_BAD_REGISTER equ 87h

pcibios_int1a:
        push bp
        mov bp, sp                      ; [bp+2] IP, [bp+4] CS, [bp+6] FLAGS
        cmp al, 01h
        je pcibios_present
        cmp al, 02h
        je pcibios_find_device
        cmp al, 03h
        je pcibios_find_class
        cmp al, 08h
        jb pcibios_unsupported
        cmp al, 0Dh
        ja pcibios_unsupported
        jmp pcibios_config

pcibios_unsupported:
        mov ah, PCIBIOS_UNSUPPORTED
pcibios_return:
        and byte [bp + 6], 0FEh
        test ah, ah
        jz .flags_done
        or byte [bp + 6], 01h
.flags_done:
        pop bp
        iret

; B101: AL bit 0 = mechanism #1, BX = version 2.10, CL = last bus, EDX = "PCI "
pcibios_present:
        mov edx, 20494350h
        mov ax, 0001h
        mov bx, 0210h
        mov cl, 0
        jmp pcibios_return

; B102: CX = device, DX = vendor, SI = index -> BH = bus, BL = dev/fn
pcibios_find_device:
        cmp dx, 0FFFFh
        mov ah, PCIBIOS_BAD_VENDOR
        je pcibios_return
        push eax
        push ecx
        push edx
        push si
        push di
        shl ecx, 16
        mov cx, dx                      ; ECX = device << 16 | vendor
        mov di, PCI_REG_VENDOR
        jmp pcibios_search

; B103: ECX bits 23-0 = class code, SI = index -> BH = bus, BL = dev/fn
pcibios_find_class:
        push eax
        push ecx
        push edx
        push si
        push di
        shl ecx, 8                      ; as it sits in register 08h
        mov di, PCI_REG_CLASS
pcibios_search:
        push bx
        xor bx, bx
.function:
        call pci_read32
        cmp di, PCI_REG_CLASS
        jne .compare
        mov al, 0                       ; the revision id is not compared
.compare:
        cmp eax, ecx
        jne .next
        push ax
        push di
        mov di, PCI_REG_VENDOR
        call pci_read16
        cmp ax, 0FFFFh
        pop di
        pop ax
        je .next
        test si, si
        jz .found
        dec si
.next:
        call pci_next_function
        jnc .function
        pop bx
        pop di
        pop si
        pop edx
        pop ecx
        pop eax
        mov ah, PCIBIOS_NOT_FOUND
        jmp pcibios_return
.found:
        add sp, 2                       ; the caller's BX is replaced
        pop di
        pop si
        pop edx
        pop ecx
        pop eax
        mov ah, PCIBIOS_OK
        jmp pcibios_return

; B108-B10D: BH = bus, BL = dev/fn, DI = register; byte/word/dword in CL,
; CX, ECX.  Words need an even register, dwords a multiple of 4.
pcibios_config:
        push dx
        push si
        push eax
        cmp di, 0FFh
        ja .bad_register
        movzx si, al
        sub si, 08h
        movzx dx, byte [cs:pcibios_alignment + si]
        test di, dx
        jnz .bad_register
        add si, si
        jmp [cs:pcibios_config_functions + si]
.read8:
        call pci_read8
        mov cl, al
        jmp .done
.read16:
        call pci_read16
        mov cx, ax
        jmp .done
.read32:
        call pci_read32
        mov ecx, eax
        jmp .done
.write8:
        mov al, cl
        call pci_write8
        jmp .done
.write16:
        mov ax, cx
        call pci_write16
        jmp .done
.write32:
        mov eax, ecx
        call pci_write32
.done:
        pop eax
        pop si
        pop dx
        mov ah, PCIBIOS_OK
        jmp pcibios_return
.bad_register:
        pop eax
        pop si
        pop dx
        mov ah, PCIBIOS_BAD_REGISTER
        jmp pcibios_return

pcibios_alignment:
        db 0, 1, 3, 0, 1, 3             ; B108-B10D: the low bits that must be 0
pcibios_config_functions:
        dw pcibios_config.read8, pcibios_config.read16, pcibios_config.read32
        dw pcibios_config.write8, pcibios_config.write16, pcibios_config.write32
