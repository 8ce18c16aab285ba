; apic_mp.asm - the local APIC in virtual-wire mode and the MP table, both
; only when CPUID reports an APIC.
;
; Virtual wire (MP spec 1.4, section 3.6.2.2, "virtual wire mode via local
; APIC"): the 8259's INTR reaches the CPU through LINT0 programmed as
; ExtINT, NMI through LINT1; the APIC is software-enabled (SVR bit 8,
; spurious vector FFh).  This is the state an OS expects to find.
;
; The MP table (MP spec 1.4, chapter 4) describes a uniprocessor: the boot
; CPU, one ISA bus, the I/O APIC (id 1, FEC00000h), ISA IRQs 0-15 routed to
; I/O APIC pins the same way the MADT says (IRQ 0 -> pin 2, IRQ 9 level
; active high, the rest identity, edge), and LINT0 ExtINT / LINT1 NMI.
; The floating pointer is in the EBDA's first KiB, the table right after.
; Not done: no PCI bus or PCI interrupt entries (OSes take PCI routing from
; ACPI), no extended table, no second CPU.

LAPIC_ID        equ 020h
LAPIC_VERSION   equ 030h
LAPIC_SVR       equ 0F0h
LAPIC_LVT_LINT0 equ 350h
LAPIC_LVT_LINT1 equ 360h

post_apic:
        test byte [dword EBDA_BASE + EBDA_FLAGS], EBDA_FLAG_APIC
        jz .done
        mov esi, LAPIC_BASE
        mov eax, [esi + LAPIC_SVR]
        and eax, ~3FFh
        or eax, 1FFh                    ; enabled, spurious vector FFh
        mov [esi + LAPIC_SVR], eax
        mov dword [esi + LAPIC_LVT_LINT0], 700h ; ExtINT, edge, unmasked
        mov dword [esi + LAPIC_LVT_LINT1], 400h ; NMI
.done:
        ret

; mp_checksum: AL = minus the byte sum of ECX bytes at ESI.
mp_checksum:
        xor al, al
.sum:
        add al, [esi]
        inc esi
        dec ecx
        jnz .sum
        neg al
        ret

; post_mp_table: build the MP floating pointer and configuration table.
post_mp_table:
        test byte [dword EBDA_BASE + EBDA_FLAGS], EBDA_FLAG_APIC
        jz .done
        mov edi, EBDA_BASE + EBDA_MPTABLE
        ; header (44 bytes); entry count and length filled at the end
        mov dword [edi], 'PCMP'
        mov byte [edi + 6], 4           ; spec revision 1.4
        mov dword [edi + 8], 'SOFT'     ; OEM id (8)
        mov dword [edi + 12], 'PC  '
        mov dword [edi + 16], 'soft'    ; product id (12)
        mov dword [edi + 20], 'pc  '
        mov dword [edi + 24], '    '
        mov dword [edi + 36], LAPIC_BASE
        add edi, 44
        ; processor
        mov byte [edi], 0
        mov eax, [dword EBDA_BASE + EBDA_CPUID_EBX]
        shr eax, 24
        mov [edi + 1], al               ; local APIC id
        mov eax, [dword LAPIC_BASE + LAPIC_VERSION]
        mov [edi + 2], al
        mov byte [edi + 3], 03h         ; enabled, boot processor
        mov eax, [dword EBDA_BASE + EBDA_CPUID_SIG]
        mov [edi + 4], eax
        mov eax, [dword EBDA_BASE + EBDA_CPUID_FEAT]
        mov [edi + 8], eax
        add edi, 20
        ; bus 0: ISA
        mov byte [edi], 1
        mov byte [edi + 1], 0
        mov dword [edi + 2], 'ISA '
        mov word [edi + 6], '  '
        add edi, 8
        ; I/O APIC
        mov byte [edi], 2
        mov byte [edi + 1], 1           ; id
        mov dword [dword IOAPIC_BASE], 1      ; IOREGSEL: version register
        mov eax, [dword IOAPIC_BASE + 10h]
        mov [edi + 2], al
        mov byte [edi + 3], 01h         ; enabled
        mov dword [edi + 4], IOAPIC_BASE
        add edi, 8
        ; I/O interrupts: ISA IRQ n -> pin n, IRQ 0 -> pin 2, no IRQ 2
        xor cl, cl
.irq:
        cmp cl, 2
        je .next_irq
        mov byte [edi], 3
        mov byte [edi + 1], 0           ; INT
        mov word [edi + 2], 0           ; bus default polarity/trigger
        cmp cl, 9
        jne .flags_done
        mov word [edi + 2], 0Dh         ; active high, level (as the MADT)
.flags_done:
        mov byte [edi + 4], 0           ; bus 0
        mov [edi + 5], cl               ; bus IRQ
        mov byte [edi + 6], 1           ; I/O APIC id
        mov al, cl
        test al, al
        jnz .pin
        mov al, 2
.pin:
        mov [edi + 7], al
        add edi, 8
.next_irq:
        inc cl
        cmp cl, 16
        jb .irq
        ; local interrupts: ExtINT -> LINT0, NMI -> LINT1, all local APICs
        mov dword [edi], 00000304h      ; type 4, ExtINT, flags 0
        mov dword [edi + 4], 0000FF00h  ; bus 0 IRQ 0, dest FFh, LINT0
        mov dword [edi + 8], 00000104h  ; type 4, NMI
        mov dword [edi + 12], 0100FF00h ; dest FFh, LINT1
        add edi, 16
        ; length, entry count (1 CPU + 1 bus + 1 I/O APIC + 15 + 2), checksum
        mov eax, edi
        sub eax, EBDA_BASE + EBDA_MPTABLE
        mov [dword EBDA_BASE + EBDA_MPTABLE + 4], ax
        mov word [dword EBDA_BASE + EBDA_MPTABLE + 34], 1 + 1 + 1 + 15 + 2
        movzx ecx, ax
        mov esi, EBDA_BASE + EBDA_MPTABLE
        call mp_checksum
        mov [dword EBDA_BASE + EBDA_MPTABLE + 7], al
        ; floating pointer
        mov edi, EBDA_BASE + EBDA_MPFP
        mov dword [edi], '_MP_'
        mov dword [edi + 4], EBDA_BASE + EBDA_MPTABLE
        mov byte [edi + 8], 1           ; length in 16-byte units
        mov byte [edi + 9], 4           ; revision 1.4
        mov dword [edi + 11], 0         ; no default configuration, no IMCR
        mov byte [edi + 15], 0
        mov esi, edi
        mov ecx, 16
        call mp_checksum
        mov [edi + 10], al
.done:
        ret
