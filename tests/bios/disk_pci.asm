; disk_pci.asm - what pci_post and acpi_post leave, seen from a boot
; loader: the PCI BIOS (INT 1Ah B101h installation check, B102h find
; device 8086:7000 and others, B103h find class, B108h-B10Dh configuration
; reads and writes with their register checks, B10Eh unsupported), the
; PIIX3 PIRQ routing and ELCR, the PIIX3 IDE decode enables, the PIIX4 PM
; function (PMBA B001h, PMIOSE, SCI line 9, its PM timer counting), and
; the ACPI tables (RSDP in the EBDA's first KiB, RSDT, FADT fields, DSDT
; with \_S5, the MADT exactly when the CPU has an APIC), every checksum.
; -DEXPECT_MADT=0 builds the variant for a CPU without an APIC (486).
; The tables above 1 MiB are read through FS with a 4 GiB limit.
%include "bios_test.inc"
%include "disk_lib.inc"

%ifndef EXPECT_MADT
%define EXPECT_MADT 1
%endif

PIIX3_ISA       equ 0008h               ; bus 0, device 1, function 0
PIIX3_IDE       equ 0009h
PIIX4_PM        equ 000Bh

%macro pcibios 1                        ; AL = function, expect CF clear
        mov ax, 0B100h | %1
        int 1Ah
        expect_ok 'PCI BIOS function'
%endmacro

test_main:
        say 'PCI and ACPI test', 13, 10
        ; --- B101
        mov ax, 0B101h
        xor edx, edx
        int 1Ah
        expect_ok 'B101h'
        check_eq edx, 20494350h, 'B101h EDX ("PCI ")'
        test al, 1
        jz .no_mechanism1
        movzx eax, bx
        check_eq eax, 0210h, 'B101h version'
        ; --- B102: 8086:7000 is 00:01.0, once
        mov cx, 7000h
        mov dx, 8086h
        xor si, si
        pcibios 02h
        movzx eax, bx
        check_eq eax, PIIX3_ISA, 'B102h 8086:7000'
        mov cx, 7000h
        mov dx, 8086h
        mov si, 1
        mov ax, 0B102h
        int 1Ah
        expect_error 86h, 'B102h 8086:7000 index 1'
        mov dx, 0FFFFh
        mov ax, 0B102h
        int 1Ah
        expect_error 83h, 'B102h vendor FFFFh'
        mov cx, 7113h
        mov dx, 8086h
        xor si, si
        pcibios 02h
        movzx eax, bx
        check_eq eax, PIIX4_PM, 'B102h 8086:7113'
        ; --- B103: the ISA bridge class 06 01 00
        mov ecx, 060100h
        xor si, si
        pcibios 03h
        movzx eax, bx
        check_eq eax, PIIX3_ISA, 'B103h class 060100h'
        ; --- B108-B10A reads
        mov bx, PIIX3_ISA
        xor di, di
        pcibios 0Ah
        check_eq ecx, 70008086h, 'B10Ah vendor/device'
        mov di, 2
        pcibios 09h
        movzx eax, cx
        check_eq eax, 7000h, 'B109h device'
        xor di, di
        pcibios 08h
        movzx eax, cl
        check_eq eax, 86h, 'B108h vendor low'
        mov di, 1
        mov ax, 0B109h
        int 1Ah
        expect_error 87h, 'B109h odd register'
        mov di, 2
        mov ax, 0B10Ah
        int 1Ah
        expect_error 87h, 'B10Ah register 2'
        mov ax, 0B10Eh
        int 1Ah
        expect_error 81h, 'B10Eh'
        ; --- B10B write, read back (the IDE interrupt line register)
        mov bx, PIIX3_IDE
        mov di, 3Ch
        pcibios 08h
        push cx
        mov cl, 5Ah
        pcibios 0Bh
        mov cl, 0
        pcibios 08h
        movzx eax, cl
        check_eq eax, 5Ah, 'B10Bh write read back'
        pop cx
        pcibios 0Bh
        ; --- PIRQ routing, ELCR, IDE decode
        mov bx, PIIX3_ISA
        mov di, 60h
        pcibios 0Ah
        check_eq ecx, 0B0B0A0Ah, 'PIIX3 PIRQRC'
        mov dx, 4D1h
        in al, dx
        and eax, 0Eh
        check_eq eax, 0Eh, 'ELCR: IRQ 9-11 level'
        mov bx, PIIX3_IDE
        mov di, 40h
        pcibios 09h
        test ch, 80h
        jz .ide_off
        mov di, 42h
        pcibios 09h
        test ch, 80h
        jz .ide_off
        ; --- PIIX4 PM
        mov bx, PIIX4_PM
        mov di, 40h
        pcibios 0Ah
        and ecx, 0FFC1h
        check_eq ecx, 0B001h, 'PIIX4 PMBA'
        mov di, 80h
        pcibios 08h
        and ecx, 1
        check_eq ecx, 1, 'PIIX4 PMIOSE'
        mov di, 3Ch
        pcibios 08h
        movzx eax, cl
        check_eq eax, 9, 'PIIX4 interrupt line'
        mov dx, 0B008h
        in eax, dx
        mov ebx, eax
        mov cx, 2000
.spin:
        in al, 80h
        loop .spin
        in eax, dx
        cmp eax, ebx
        je .timer_stopped

        ; --- ACPI: the RSDP in the EBDA's first KiB
        call enter_unreal
        push ds
        mov ax, 40h
        mov ds, ax
        movzx esi, word [0Eh]
        pop ds
        shl esi, 4
        mov ecx, 1024 / 16
.scan:
        cmp dword [fs:esi], 'RSD '
        jne .scan_next
        cmp dword [fs:esi + 4], 'PTR '
        je .rsdp_found
.scan_next:
        add esi, 16
        loop .scan
        fail 'no RSDP in the EBDA'
.rsdp_found:
        mov ecx, 20
        call flat_sum
        check_eq eax, 0, 'RSDP checksum'
        cmp dword [fs:esi + 9], 'SOFT'
        jne .bad_oem
        ; --- RSDT
        mov esi, [fs:esi + 16]
        cmp dword [fs:esi], 'RSDT'
        jne .bad_rsdt
        call table_sum
        check_eq eax, 0, 'RSDT checksum'
        mov ecx, [fs:esi + 4]
        sub ecx, 36
        shr ecx, 2
        check_eq ecx, 1 + EXPECT_MADT, 'RSDT entries (FADT, MADT if APIC)'
        mov edi, esi
        ; --- FADT
        mov esi, [fs:edi + 36]
        cmp dword [fs:esi], 'FACP'
        jne .bad_fadt
        call table_sum
        check_eq eax, 0, 'FADT checksum'
        movzx eax, word [fs:esi + 46]
        check_eq eax, 9, 'FADT SCI_INT'
        mov eax, [fs:esi + 48]
        check_eq eax, 0B2h, 'FADT SMI_CMD'
        mov eax, [fs:esi + 56]
        check_eq eax, 0B000h, 'FADT PM1a_EVT_BLK'
        mov eax, [fs:esi + 64]
        check_eq eax, 0B004h, 'FADT PM1a_CNT_BLK'
        mov eax, [fs:esi + 76]
        check_eq eax, 0B008h, 'FADT PM_TMR_BLK'
        mov eax, [fs:esi + 120]
        check_eq eax, 0CF9h, 'FADT RESET_REG address'
        movzx eax, byte [fs:esi + 128]
        check_eq eax, 06h, 'FADT RESET_VALUE'
        ; --- FACS
        push esi
        mov esi, [fs:esi + 36]
        cmp dword [fs:esi], 'FACS'
        pop esi
        jne .bad_facs
        ; --- DSDT with \_S5
        mov esi, [fs:esi + 40]
        cmp dword [fs:esi], 'DSDT'
        jne .bad_dsdt
        call table_sum
        check_eq eax, 0, 'DSDT checksum'
        mov ecx, [fs:esi + 4]
        sub ecx, 4
.find_s5:
        cmp dword [fs:esi + ecx], '_S5_'
        je .s5_found
        loop .find_s5
        fail 'no _S5_ in the DSDT'
.s5_found:
%if EXPECT_MADT
        ; --- MADT
        mov esi, [fs:edi + 40]
        cmp dword [fs:esi], 'APIC'
        jne .bad_madt
        call table_sum
        check_eq eax, 0, 'MADT checksum'
        mov eax, [fs:esi + 36]
        check_eq eax, 0FEE00000h, 'MADT local APIC address'
%endif
        pass

.no_mechanism1:
        fail 'B101h: no configuration mechanism #1'
.ide_off:
        fail 'PIIX3 IDETIM decode enable is off'
.timer_stopped:
        fail 'the ACPI PM timer at B008h does not count'
.bad_oem:
        fail 'RSDP OEM id is not SOFTPC'
.bad_rsdt:
        fail 'RSDP does not point at an RSDT'
.bad_fadt:
        fail 'RSDT entry 0 is not the FADT'
.bad_facs:
        fail 'FADT FIRMWARE_CTRL is not a FACS'
.bad_dsdt:
        fail 'FADT DSDT is not a DSDT'
.bad_madt:
        fail 'RSDT entry 1 is not the MADT'

; flat_sum: EAX = the byte sum (mod 256) of ECX bytes at FS:ESI.
flat_sum:
        push ecx
        push esi
        xor eax, eax
.add:
        add al, [fs:esi]
        inc esi
        dec ecx
        jnz .add
        pop esi
        pop ecx
        ret

; table_sum: flat_sum over the ACPI table at FS:ESI (its length at +4).
table_sum:
        push ecx
        mov ecx, [fs:esi + 4]
        call flat_sum
        pop ecx
        ret

; enter_unreal: FS = 0 with a 4 GiB limit (a protected-mode load, then
; back to real mode, where FS keeps the limit).  Interrupts stay off.
enter_unreal:
        cli
        lgdt [unreal_gdtr]
        mov eax, cr0
        or al, 1
        mov cr0, eax
        jmp $ + 2
        mov bx, 8
        mov fs, bx
        and al, 0FEh
        mov cr0, eax
        jmp $ + 2
        xor ax, ax
        mov fs, ax
        ret

unreal_gdt:
        dq 0
        dq 00CF92000000FFFFh            ; flat 4 GiB data
unreal_gdtr:
        dw 15
        dd unreal_gdt

        test_end
