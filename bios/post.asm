; post.asm - the power-on self test: the order of the POST steps, from the
; reset vector to INT 19h.  The hardware set-up steps live in post_hw.asm,
; the IVT in ivt.asm, the APIC and MP table in apic_mp.asm.  POST codes on
; port 80h mark each step (listed in docs/bios.md).
;
; Not done: no memory test, no CPU microcode, no SMM, no shadowing of the
; BIOS itself (F0000-FFFFF reads ROM as the board reset it; shadow.asm
; handles C0000-DFFFF), no setup screen, no password, no multiprocessor
; start-up.

post_start:
        cli
        cld
        xor ax, ax
        mov ss, ax
        mov sp, POST_STACK_TOP
        post_code 01h

        ; A CPU reset after a shutdown request (CMOS 0Fh = 05h or 0Ah, the
        ; 286 way back from protected mode) resumes at the far pointer in
        ; 40:67 instead of running POST again.
        mov al, CMOS_SHUTDOWN
        call cmos_read
        mov bl, al
        mov ax, (0 << 8) | CMOS_SHUTDOWN
        call cmos_write
        cmp bl, 05h
        je .resume_eoi
        cmp bl, 0Ah
        je .resume
        jmp .cold

.resume_eoi:
        mov al, 20h
        out PORT_PIC1_CMD, al
.resume:
        mov ax, BDA_SEG
        mov ds, ax
        jmp far [67h]

.cold:
        in al, PORT_SYS_A               ; A20 on (PIIX "Port 92h" bit 1)
        or al, 02h
        and al, 0FEh                    ; never write the fast-reset bit
        out PORT_SYS_A, al
        call enter_big_real
        post_code 02h

        call post_clear_data_areas
        call post_detect_cpu
        call post_ram_size
        post_code 03h
        call post_ivt
        call post_bda
        post_code 04h
        call post_pic
        call post_pit
        call post_rtc
        call post_dma
        post_code 05h
        call post_kbc
        post_code 06h
        call post_serial_parallel
        call post_video_bda

        post_code 10h
        call enter_big_real
        call pci_post
        call enter_big_real
        call shadow_rom_area_writable
        call pci_load_vga_rom
        post_code 11h
        call post_apic
        post_code 12h
        call post_option_roms
        call enter_big_real
        call post_video_rom_mode
        call enter_big_real
        call shadow_video_rom_readonly
        call post_console_mode

        mov si, banner
        call print_str
        mov eax, [dword EBDA_BASE + EBDA_RAM_TOP]
        shr eax, 20
        call print_dec
        mov si, banner_tail
        call print_str

        post_code 20h
        call enter_big_real
        call disk_post
        post_code 30h
        call enter_big_real
        call acpi_post
        post_code 31h
        call enter_big_real
        call post_mp_table
        post_code 40h

        ; Leave big real mode behind for the boot loader: reload the data
        ; segments with ordinary real-mode values (the limits stay 4 GiB on
        ; real CPUs, as on every PC BIOS that used big real mode).
        xor ax, ax
        mov ds, ax
        mov es, ax
        mov fs, ax
        mov gs, ax
        sti
        int 19h
        ; INT 19h never returns (INT 18h loops); be safe anyway.
.halt:
        hlt
        jmp .halt

banner:
        db 'softpc BIOS ', BIOS_VERSION, ', ', 0
banner_tail:
        db ' MiB RAM', 13, 10, 0

; post_clear_data_areas: zero the BDA (400h-4FFh) and the EBDA, and write
; the EBDA's size byte.
post_clear_data_areas:
        xor eax, eax
        mov edi, 400h
        mov ecx, 100h / 4
        a32 rep stosd
        mov edi, EBDA_BASE
        mov ecx, EBDA_SIZE_KB * 1024 / 4
        a32 rep stosd
        mov byte [dword EBDA_BASE + EBDA_SIZE], EBDA_SIZE_KB
        ret

; post_detect_cpu: CPUID leaf 1 into the EBDA, and the APIC flag.  A CPU
; whose EFLAGS.ID bit cannot be toggled has no CPUID; the fields stay 0.
post_detect_cpu:
        pushfd
        pop eax
        mov ecx, eax
        xor eax, 200000h
        push eax
        popfd
        pushfd
        pop eax
        push ecx
        popfd
        xor eax, ecx
        test eax, 200000h
        jz .done
        or byte [dword EBDA_BASE + EBDA_FLAGS], EBDA_FLAG_CPUID
        xor eax, eax
        cpuid
        test eax, eax
        jz .done
        mov eax, 1
        cpuid
        mov [dword EBDA_BASE + EBDA_CPUID_SIG], eax
        mov [dword EBDA_BASE + EBDA_CPUID_FEAT], edx
        mov [dword EBDA_BASE + EBDA_CPUID_EBX], ebx
        test edx, 1 << 9                ; CPUID.1:EDX.APIC
        jz .done
        or byte [dword EBDA_BASE + EBDA_FLAGS], EBDA_FLAG_APIC
.done:
        ret

; post_ram_size: EBDA_RAM_TOP from CMOS.  34h-35h count 64 KiB units above
; 16 MiB; when they are zero, 30h-31h (or 17h-18h) count KiB above 1 MiB.
; Capped at E0000000h, where PCI memory begins.
post_ram_size:
        mov al, CMOS_MEM16M_HI
        call cmos_read
        mov ah, al
        mov al, CMOS_MEM16M_LO
        call cmos_read
        movzx eax, ax
        test eax, eax
        jz .below_16m
        cmp eax, (0E0000000h - 1000000h) >> 16
        jbe .units_ok
        mov eax, (0E0000000h - 1000000h) >> 16
.units_ok:
        shl eax, 16
        add eax, 1000000h
        jmp .store
.below_16m:
        mov al, CMOS_EXT_MEM2_HI
        call cmos_read
        mov ah, al
        mov al, CMOS_EXT_MEM2_LO
        call cmos_read
        test ax, ax
        jnz .have_ext
        mov al, CMOS_EXT_MEM_HI
        call cmos_read
        mov ah, al
        mov al, CMOS_EXT_MEM_LO
        call cmos_read
.have_ext:
        movzx eax, ax
        shl eax, 10
        add eax, 100000h
.store:
        ; Below 2 MiB there is no room for the ACPI area above the kernel:
        ; still report what CMOS says, acpi_post has to cope.
        mov [dword EBDA_BASE + EBDA_RAM_TOP], eax
        ret

; post_option_roms: call every option ROM in C0000-DFFFF.  A ROM starts at
; a 2 KiB boundary with 55h AAh, its length in 512-byte units at offset 2,
; bytes summing to 0; its init entry is a far call to offset 3.  The scan
; continues after the ROM's length (rounded up to 2 KiB).
; A PCI display's expansion ROM is already at C0000h (pci_load_vga_rom).
post_option_roms:
        mov bx, OPTION_ROM_START
.scan:
        cmp bx, OPTION_ROM_END
        jae .done
        movzx esi, bx
        shl esi, 4
        cmp word [esi], 0AA55h
        jne .next_2k
        movzx ecx, byte [esi + 2]
        jecxz .next_2k
        shl ecx, 9
        mov edx, ecx                    ; length in bytes
        xor al, al
.sum:
        add al, [esi]
        inc esi
        dec ecx
        jnz .sum
        test al, al
        jnz .next_2k
        push bx
        push edx
        push cs
        push word .returned
        push bx
        push word 3
        retf                            ; far call BX:0003
.returned:
        cli
        cld
        xor ax, ax
        mov ss, ax                      ; ROMs should preserve SS:SP; be sure
        pop edx
        pop bx
        call enter_big_real
        add edx, 7FFh                   ; round the length up to 2 KiB
        shr edx, 4
        and dx, 0FF80h
        add bx, dx
        jmp .scan
.next_2k:
        add bx, 80h
        jmp .scan
.done:
        ret

; post_video_rom_mode: when a video ROM took INT 10h, set mode 3 through
; it, as SeaBIOS and the PC BIOSes of the VGA era do before their first
; message: a ROM that does not set a mode at its own POST (SeaBIOS's
; vgabios-stdvga) leaves the card unprogrammed while the BDA, which
; post_video_bda filled, already says mode 3.  Ours sets mode 3 itself;
; doing it again costs one screen clear before anything was printed.
post_video_rom_mode:
        cmp word [10h * 4 + 2], BIOS_SEG
        je .ours
        mov ax, 0003h
        int 10h
        cli
        cld
.ours:
        ret

; post_console_mode: copy INT 10h teletype to COM1 unless a video ROM took
; INT 10h over - or, when CMOS 85h bit 0 says no one watches the screen,
; also with a video ROM: then int10_mirror_front goes in front of the
; ROM's INT 10h and copies teletype and write-string output first.
post_console_mode:
        cmp word [10h * 4], int10_entry
        jne .video_rom
        cmp word [10h * 4 + 2], BIOS_SEG
        jne .video_rom
        or byte [dword EBDA_BASE + EBDA_FLAGS], EBDA_FLAG_MIRROR
        ret
.video_rom:
        and byte [dword EBDA_BASE + EBDA_FLAGS], ~EBDA_FLAG_MIRROR & 0FFh
        mov al, CMOS_CONSOLE
        call cmos_read
        test al, 01h
        jz .out
        mov eax, [10h * 4]
        mov [dword EBDA_BASE + EBDA_VIDEO_CHAIN], eax
        mov word [10h * 4], int10_mirror_front
        mov word [10h * 4 + 2], BIOS_SEG
        or byte [dword EBDA_BASE + EBDA_FLAGS], EBDA_FLAG_MIRROR
.out:
        ret
