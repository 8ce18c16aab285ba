; acpi.asm - the ACPI tables (acpi_post), after the ACPI 2.0 specification
; (chapter 5) and the PIIX4 datasheet's power management function.
;
; Where they go: the RSDP in the EBDA (EBDA_RSDP, 16-byte aligned, in its
; first KiB where an OS searches), everything else in the ACPI area, the
; last 64 KiB below RAM top (INT 15h E820 reports it as ACPI reclaimable):
;   +000h FACS (64 bytes, 64-byte aligned)
;   +040h RSDT (FADT, then the MADT when there is one)
;   +080h FADT (revision 3, 244 bytes: ACPI 2.0 with the reset register)
;   +180h MADT (only when CPUID reports a local APIC)
;   +400h DSDT (hand-written AML below)
; Tables are templates in the ROM copied and patched at run time (table
; addresses, the MADT's CPU list, lengths), then checksummed.
;
; The FADT describes the PIIX4 PM block that pci_post enables at B000h:
; PM1a_EVT B000h (4 bytes), PM1a_CNT B004h (2), PM_TMR B008h (24-bit),
; SCI on IRQ 9, SMI_CMD B2h with ACPI_ENABLE F1h / ACPI_DISABLE F0h, reset
; register CF9h value 06h.  The FADT's 64-bit X_ blocks are left zero, so
; the OS uses the 32-bit block addresses.
; Left out: GPE blocks (GPE0_BLK_LEN 0), sleep states other than S5, PCI
; interrupt link devices (the _PRT names fixed IRQs, the ones pci_post
; routed), the root bridge's _CRS, processor objects, SSDTs, XSDT (the
; RSDP is revision 0), HPET.

        section .f000

ACPI_FACS           equ 000h
ACPI_RSDT           equ 040h
ACPI_FADT           equ 080h
ACPI_MADT           equ 180h
ACPI_DSDT           equ 400h
ACPI_USED           equ ACPI_DSDT       ; bytes cleared before building
ACPI_MAX_CPUS       equ 16

acpi_post:
        push es
        xor ax, ax
        mov es, ax
        mov ebx, [dword EBDA_BASE + EBDA_RAM_TOP]
        sub ebx, ACPI_AREA_SIZE         ; EBX = the ACPI area, kept throughout
        mov edi, ebx
        mov ecx, ACPI_USED / 4
        xor eax, eax
        a32 rep stosd

        ; FACS: no checksum; the OS fills the waking vector and lock
        lea edi, [ebx + ACPI_FACS]
        mov dword [edi + 0], 'FACS'
        mov dword [edi + 4], 64
        mov byte [edi + 32], 1          ; version (ACPI 2.0)

        ; DSDT
        lea edi, [ebx + ACPI_DSDT]
        mov si, acpi_dsdt
        mov cx, acpi_dsdt_end - acpi_dsdt
        call acpi_copy
        call acpi_checksum

        ; FADT
        lea edi, [ebx + ACPI_FADT]
        mov si, acpi_fadt
        mov cx, acpi_fadt_end - acpi_fadt
        call acpi_copy
        lea eax, [ebx + ACPI_FACS]
        mov [edi + 36], eax             ; FIRMWARE_CTRL
        lea eax, [ebx + ACPI_DSDT]
        mov [edi + 40], eax             ; DSDT
        call acpi_checksum

        ; RSDT with the FADT
        lea edi, [ebx + ACPI_RSDT]
        mov si, acpi_rsdt
        mov cx, acpi_rsdt_end - acpi_rsdt
        call acpi_copy
        lea eax, [ebx + ACPI_FADT]
        mov [edi + 36], eax

        ; MADT, listed in the RSDT, when the CPU has a local APIC
        test byte [dword EBDA_BASE + EBDA_FLAGS], EBDA_FLAG_APIC
        jz .rsdt_done
        call acpi_build_madt
        lea edi, [ebx + ACPI_RSDT]
        lea eax, [ebx + ACPI_MADT]
        mov [edi + 40], eax
        add dword [edi + 4], 4
.rsdt_done:
        lea edi, [ebx + ACPI_RSDT]
        call acpi_checksum

        ; RSDP (ACPI 1.0 form, 20 bytes, checksum over all of them)
        mov edi, EBDA_BASE + EBDA_RSDP
        mov si, acpi_rsdp
        mov cx, 20
        call acpi_copy
        lea eax, [ebx + ACPI_RSDT]
        mov [edi + 16], eax
        mov ecx, 20
        mov edx, 8
        call acpi_checksum_at
        pop es
        ret

; acpi_build_madt: the MADT at EBX + ACPI_MADT: one local APIC per CPU
; (CMOS 5Fh = CPUs - 1, APIC ids 0..n-1 as the board numbers them), the
; I/O APIC (id 1, whose ID register is set to match), and the two ISA
; overrides every PC has (IRQ 0 -> GSI 2; IRQ 9, the SCI, level active
; high).
acpi_build_madt:
        ; the I/O APIC's ID register (IOAPIC spec 3.2.1) = 1, as the MADT says
        mov dword [dword IOAPIC_BASE], 0
        mov dword [dword IOAPIC_BASE + 10h], 1 << 24
        lea edi, [ebx + ACPI_MADT]
        mov si, acpi_madt
        mov cx, acpi_madt_end - acpi_madt
        call acpi_copy
        lea esi, [edi + acpi_madt_end - acpi_madt]
        mov al, CMOS_CPU_COUNT
        call cmos_read
        movzx ecx, al
        inc ecx
        cmp ecx, ACPI_MAX_CPUS
        jbe .cpu_count
        mov ecx, ACPI_MAX_CPUS
.cpu_count:
        xor edx, edx                    ; ACPI processor id = APIC id
.cpu:
        mov byte [esi + 0], 0           ; type: processor local APIC
        mov byte [esi + 1], 8
        mov [esi + 2], dl               ; ACPI processor id
        mov [esi + 3], dl               ; APIC id
        mov dword [esi + 4], 1          ; enabled
        add esi, 8
        inc edx
        cmp edx, ecx
        jb .cpu
        ; I/O APIC and the overrides
        push edi
        mov edi, esi
        mov si, acpi_madt_ioapic
        mov cx, acpi_madt_ioapic_end - acpi_madt_ioapic
        call acpi_copy
        lea esi, [edi + acpi_madt_ioapic_end - acpi_madt_ioapic]
        pop edi
        mov eax, esi
        sub eax, edi
        mov [edi + 4], eax              ; length
        call acpi_checksum
        ret

; acpi_copy: CX bytes from CS:SI to the flat address EDI (DS = ES = 0 with
; 4 GiB limits, as POST steps run).  Keeps EDI and EBX.
acpi_copy:
        push edi
        push esi
        push ecx
        push eax
        xor eax, eax
        mov ax, cs
        shl eax, 4
        movzx esi, si
        add esi, eax
        movzx ecx, cx
        a32 rep movsb
        pop eax
        pop ecx
        pop esi
        pop edi
        ret

; acpi_checksum: the table at EDI gets the byte at +9 that makes its
; length (at +4) sum to zero.
acpi_checksum:
        mov ecx, [edi + 4]
        mov edx, 9
; acpi_checksum_at: ECX bytes at EDI sum to zero through the byte at EDI+EDX.
acpi_checksum_at:
        push esi
        mov byte [edi + edx], 0
        xor al, al
        mov esi, edi
.sum:
        add al, [esi]
        inc esi
        dec ecx
        jnz .sum
        neg al
        mov [edi + edx], al
        pop esi
        ret

; --- templates -------------------------------------------------------------------
; acpi_header signature, length, revision, table id
%macro acpi_header 4
        db %1                           ; signature
        dd %2                           ; length
        db %3                           ; revision
        db 0                            ; checksum, computed at run time
        db 'SOFTPC'                     ; OEM id
        db %4                           ; OEM table id (8)
        dd 1                            ; OEM revision
        db 'SPC '                       ; creator id
        dd 1                            ; creator revision
%endmacro

acpi_rsdp:
        db 'RSD PTR '
        db 0                            ; checksum
        db 'SOFTPC'
        db 0                            ; revision 0: ACPI 1.0, RSDT only
        dd 0                            ; RSDT address

acpi_rsdt:
        acpi_header 'RSDT', acpi_rsdt_end - acpi_rsdt, 1, 'SOFTPCRT'
        dd 0                            ; FADT
acpi_rsdt_end:

; FADT, ACPI 2.0 table 5-9 (offsets in the comments)
acpi_fadt:
        acpi_header 'FACP', acpi_fadt_end - acpi_fadt, 3, 'SOFTPCFT'
        dd 0                            ; 36 FIRMWARE_CTRL (FACS)
        dd 0                            ; 40 DSDT
        db 0                            ; 44 reserved (1.0 INT_MODEL)
        db 0                            ; 45 preferred PM profile: unspecified
        dw PIIX4_SCI_IRQ                ; 46 SCI_INT
        dd PORT_APM_CNT                 ; 48 SMI_CMD
        db 0F1h                         ; 52 ACPI_ENABLE
        db 0F0h                         ; 53 ACPI_DISABLE
        db 0                            ; 54 S4BIOS_REQ
        db 0                            ; 55 PSTATE_CNT
        dd PORT_PM_BASE + 0             ; 56 PM1a_EVT_BLK
        dd 0                            ; 60 PM1b_EVT_BLK
        dd PORT_PM_BASE + 4             ; 64 PM1a_CNT_BLK
        dd 0                            ; 68 PM1b_CNT_BLK
        dd 0                            ; 72 PM2_CNT_BLK
        dd PORT_PM_BASE + 8             ; 76 PM_TMR_BLK
        dd 0                            ; 80 GPE0_BLK
        dd 0                            ; 84 GPE1_BLK
        db 4                            ; 88 PM1_EVT_LEN
        db 2                            ; 89 PM1_CNT_LEN
        db 0                            ; 90 PM2_CNT_LEN
        db 4                            ; 91 PM_TMR_LEN
        db 0                            ; 92 GPE0_BLK_LEN
        db 0                            ; 93 GPE1_BLK_LEN
        db 0                            ; 94 GPE1_BASE
        db 0                            ; 95 CST_CNT
        dw 0FFFh                        ; 96 P_LVL2_LAT: > 100, no C2
        dw 0FFFh                        ; 98 P_LVL3_LAT: > 1000, no C3
        dw 0                            ; 100 FLUSH_SIZE
        dw 0                            ; 102 FLUSH_STRIDE
        db 0                            ; 104 DUTY_OFFSET
        db 0                            ; 105 DUTY_WIDTH
        db 0                            ; 106 DAY_ALRM
        db 0                            ; 107 MON_ALRM
        db CMOS_CENTURY                 ; 108 CENTURY
        dw 0003h                        ; 109 IAPC_BOOT_ARCH: legacy devices, 8042
        db 0                            ; 111 reserved
        ; 112 flags: WBINVD (0), PROC_C1 (2), SLP_BUTTON (5: no sleep
        ; button), RESET_REG_SUP (10); bit 4 clear = fixed power button;
        ; bit 8 clear = 24-bit PM timer
        dd (1 << 0) | (1 << 2) | (1 << 5) | (1 << 10)
        ; 116 RESET_REG: system I/O, 8 bits at CF9h
        db 1, 8, 0, 1
        dq PORT_RESET_CTRL
        db 06h                          ; 128 RESET_VALUE
        db 0, 0, 0                      ; 129 reserved
        dq 0                            ; 132 X_FIRMWARE_CTRL
        dq 0                            ; 140 X_DSDT
        times 8 * 12 db 0               ; 148 X_ blocks: unused, see above
acpi_fadt_end:

%if acpi_fadt_end - acpi_fadt != 244
%error "the FADT must be 244 bytes"
%endif

acpi_madt:
        acpi_header 'APIC', 0, 1, 'SOFTPCMT'
        dd LAPIC_BASE                   ; local APIC address
        dd 1                            ; flags: PCAT_COMPAT (8259s present)
acpi_madt_end:

acpi_madt_ioapic:
        db 1, 12                        ; I/O APIC
        db 1                            ; I/O APIC id
        db 0
        dd IOAPIC_BASE
        dd 0                            ; global system interrupt base
        db 2, 10                        ; interrupt source override
        db 0                            ; bus: ISA
        db 0                            ; IRQ 0 ...
        dd 2                            ; ... is GSI 2
        dw 0                            ; conforms to the bus (edge, high)
        db 2, 10
        db 0
        db PIIX4_SCI_IRQ                ; IRQ 9 (the SCI) ...
        dd PIIX4_SCI_IRQ                ; ... stays GSI 9
        dw 000Dh                        ; level (11b << 2), active high (01b)
acpi_madt_ioapic_end:

; DSDT: ACPI 2.0 chapter 16 (AML encoding).  The ASL it encodes:
;
;   DefinitionBlock ("", "DSDT", 1, "SOFTPC", "SOFTPCDT", 1)
;   {
;       Name (\_S5, Package (0x04) { Zero, Zero, Zero, Zero })
;       Scope (\_SB)
;       {
;           Device (PCI0)
;           {
;               Name (_HID, EisaId ("PNP0A03"))
;               Name (_ADR, Zero)
;               Name (_UID, Zero)
;               Name (_CRS, ResourceTemplate ()
;               {
;                   WordBusNumber (ResourceProducer, MinFixed, MaxFixed,
;                       PosDecode, 0, 0, 0xFF, 0, 0x100)
;                   IO (Decode16, 0x0CF8, 0x0CF8, 1, 8)
;                   WordIO (ResourceProducer, MinFixed, MaxFixed, PosDecode,
;                       EntireRange, 0, 0x0000, 0x0CF7, 0, 0x0CF8)
;                   WordIO (ResourceProducer, MinFixed, MaxFixed, PosDecode,
;                       EntireRange, 0, 0x0D00, 0xFFFF, 0, 0xF300)
;                   DWordMemory (ResourceProducer, PosDecode, MinFixed,
;                       MaxFixed, Cacheable, ReadWrite,
;                       0, 0x000A0000, 0x000BFFFF, 0, 0x00020000)
;                   DWordMemory (ResourceProducer, PosDecode, MinFixed,
;                       MaxFixed, Cacheable, ReadWrite,
;                       0, 0xE0000000, 0xFEBFFFFF, 0, 0x1EC00000)
;               })
;               Name (_PRT, Package (0x7C)
;               {
;                   Package (0x04) { 0x0001FFFF, Zero, Zero, 0x0A },
;                   Package (0x04) { 0x0001FFFF, One,  Zero, 0x0B },
;                   ...  slots 1-31, pins INTA-INTD
;               })
;           }
;       }
;   }
;
; \_S5: SLP_TYP for PM1a_CNT and PM1b_CNT; 0 is "soft off" on the PIIX4
; (datasheet, PMCNTRL SUS_TYP 000b), the last two are reserved.
; PCI0 is the root bridge an OS needs to scan bus 0 at all.  Its _PRT
; maps slot N pin P to PIRQ (N + P) mod 4 and on to the IRQ pci_post
; routed that PIRQ to (10, 10, 11, 11), as global system interrupt
; numbers (source Zero): with the I/O APIC they are its inputs 10/11,
; without it the same 8259 IRQs.  _CRS gives the bridge's windows: all
; I/O but the configuration ports, the VGA window and E0000000h up to the
; I/O APIC (where pci_post puts memory BARs).

; aml_pkglen2 from, to: a two-byte PkgLength (AML 16.2.4: bits 7-6 of the
; first byte = 1 more byte, its bits 3-0 the low nibble) whose value counts
; the bytes from label %1 (where the PkgLength starts) up to label %2.
%macro aml_pkglen2 2
        db 40h | ((%2 - %1) & 0Fh), ((%2 - %1) >> 4)
%endmacro

; aml_prt_entry slot, pin: Package (4) { slot << 16 | FFFFh, pin, Zero, IRQ }
%macro aml_prt_entry 2
        db 12h                          ; PackageOp
%%len:  db %%end - %%len                ; PkgLength (one byte: below 64)
        db 04h                          ; NumElements
        db 0Ch                          ; DWordPrefix
        dd ((%1) << 16) | 0FFFFh        ;   address: slot, any function
        db 0Ah, %2                      ; BytePrefix pin (0 = INTA)
        db 00h                          ; ZeroOp: source (a GSI, not a link)
        db 0Ah                          ; BytePrefix ...
        db 10 + ((((%1) + (%2)) & 3) >> 1)  ; ... 10 for PIRQA/B, 11 for C/D
%%end:
%endmacro

acpi_dsdt:
        acpi_header 'DSDT', acpi_dsdt_end - acpi_dsdt, 1, 'SOFTPCDT'
        ; Name (\_S5, Package (4) { Zero, Zero, Zero, Zero })
        db 08h                          ; NameOp
        db '\', '_S5_'                  ; NameString: root prefix, NameSeg
        db 12h                          ; PackageOp
        db 06h                          ; PkgLength: 6 bytes from here
        db 04h                          ; NumElements
        db 00h, 00h, 00h, 00h           ; ZeroOp x 4
        ; Scope (\_SB) {
        db 10h                          ; ScopeOp
.sb_len:
        aml_pkglen2 .sb_len, .sb_end
        db '\', '_SB_'
        ;   Device (PCI0) {
        db 5Bh, 82h                     ; ExtOpPrefix, DeviceOp
.pci0_len:
        aml_pkglen2 .pci0_len, .pci0_end
        db 'PCI0'
        ;     Name (_HID, EisaId ("PNP0A03"))
        db 08h, '_HID'
        db 0Ch, 41h, 0D0h, 0Ah, 03h     ; DWordConst: compressed "PNP", 0A03h
        ;     Name (_ADR, Zero)
        db 08h, '_ADR', 00h
        ;     Name (_UID, Zero)
        db 08h, '_UID', 00h
        ;     Name (_CRS, ResourceTemplate () { ... })  (ACPI 2.0 6.4)
        db 08h, '_CRS'
        db 11h                          ; BufferOp
.crs_len:
        aml_pkglen2 .crs_len, .crs_end
        db 0Ah, .crs_data_end - .crs_data   ; BytePrefix: buffer size
.crs_data:
        ; WordBusNumber: word address space descriptor (88h), 13 bytes
        db 88h
        dw 13
        db 02h                          ; resource type: bus number range
        db 0Ch                          ; producer, positive decode, min/max fixed
        db 00h
        dw 0, 0000h, 00FFh, 0, 0100h    ; granularity, min, max, translation, length
        ; IO (Decode16, 0CF8h, 0CF8h, 1, 8): small I/O descriptor (47h)
        db 47h, 01h
        dw 0CF8h, 0CF8h
        db 1, 8
        ; WordIO 0000h-0CF7h
        db 88h
        dw 13
        db 01h                          ; resource type: I/O
        db 0Ch
        db 03h                          ; EntireRange (ISA and non-ISA)
        dw 0, 0000h, 0CF7h, 0, 0CF8h
        ; WordIO 0D00h-FFFFh
        db 88h
        dw 13
        db 01h
        db 0Ch
        db 03h
        dw 0, 0D00h, 0FFFFh, 0, 0F300h
        ; DWordMemory A0000h-BFFFFh: dword address space descriptor (87h)
        db 87h
        dw 23
        db 00h                          ; resource type: memory
        db 0Ch
        db 03h                          ; read/write, cacheable
        dd 0, 000A0000h, 000BFFFFh, 0, 00020000h
        ; DWordMemory E0000000h-FEBFFFFFh
        db 87h
        dw 23
        db 00h
        db 0Ch
        db 03h
        dd 0, PCI_MEM_START, IOAPIC_BASE - 1, 0, IOAPIC_BASE - PCI_MEM_START
        db 79h, 00h                     ; end tag (checksum 0: not checked)
.crs_data_end:
.crs_end:
        ;     Name (_PRT, Package (0x7C) { ... })
        db 08h, '_PRT'
        db 12h                          ; PackageOp
.prt_len:
        aml_pkglen2 .prt_len, .prt_end
        db 31 * 4                       ; NumElements
%assign slot 1
%rep 31
        aml_prt_entry slot, 0
        aml_prt_entry slot, 1
        aml_prt_entry slot, 2
        aml_prt_entry slot, 3
%assign slot slot + 1
%endrep
.prt_end:
.pci0_end:
.sb_end:
acpi_dsdt_end:

%if acpi_dsdt_end - acpi_dsdt > ACPI_AREA_SIZE - ACPI_DSDT
%error "the DSDT does not fit the ACPI area"
%endif
