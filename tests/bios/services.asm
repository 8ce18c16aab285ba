; services.asm - the smaller INT 15h services and the tables POST leaves:
; AH=87h copies 4 KiB from 64 KiB to 2 MiB and back (through protected
; mode) intact; AH=C0h points at a configuration table with model FCh; AX=2402h/2400h/
; 2401h report and switch A20 (checked by the 1 MiB wrap-around); AH=C1h
; gives the EBDA segment the BDA has; INT 11h counts at least one serial
; port; the MP floating pointer and table exist exactly when CPUID reports
; an APIC, with valid checksums; AH=53h (APM) says "unsupported" (CF=1,
; AH=86h).
%include "bios_test.inc"

test_main:
        say 'services test', 13, 10
        ; --- AH=87h: a pattern at 10000h -> 200000h -> 11000h
        mov ax, 1000h
        mov es, ax
        xor di, di
        mov cx, 2048
        xor ax, ax
.fill:
        stosw
        add ax, 1235h
        loop .fill
        push cs
        pop es
        mov dword [gdt + 10h + 2], 10000h
        mov byte [gdt + 10h + 5], 93h
        mov dword [gdt + 18h + 2], 200000h
        mov byte [gdt + 18h + 5], 93h
        mov word [gdt + 10h], 0FFFFh
        mov word [gdt + 18h], 0FFFFh
        mov si, gdt
        mov cx, 2048
        mov ah, 87h
        int 15h
        jc .move_failed
        test ah, ah
        jnz .move_failed
        mov dword [gdt + 10h + 2], 200000h
        mov byte [gdt + 10h + 5], 93h
        mov dword [gdt + 18h + 2], 11000h
        mov byte [gdt + 18h + 5], 93h
        mov si, gdt
        mov cx, 2048
        mov ah, 87h
        int 15h
        jc .move_failed
        push ds
        mov ax, 1000h
        mov ds, ax
        mov es, ax
        xor si, si
        mov di, 1000h
        mov cx, 2048
        repe cmpsw
        pop ds
        push cs
        pop es
        jne .move_corrupt

        ; --- AH=C0h
        mov ah, 0C0h
        int 15h
        jc .c0_failed
        movzx eax, byte [es:bx + 2]
        check_eq eax, 0FCh, 'C0h model byte'
        push cs
        pop es

        ; --- AH=C1h
        mov ah, 0C1h
        int 15h
        jc .c1_failed
        mov ax, es
        movzx eax, ax
        movzx edx, word [40Eh]
        check_eq eax, edx, 'C1h EBDA segment vs 40:0E'
        push cs
        pop es

        ; --- A20: on, then off (1 MiB + x wraps to x), then on again
        mov ax, 2403h
        int 15h
        jc .a20_failed
        mov ax, 2402h
        int 15h
        jc .a20_failed
        movzx eax, al
        check_eq eax, 1, 'A20 status at boot'
        mov ax, 2400h
        int 15h
        jc .a20_failed
        call a20_wraps
        jnc .a20_not_off
        mov ax, 2401h
        int 15h
        jc .a20_failed
        call a20_wraps
        jc .a20_not_on

        ; --- INT 11h: serial ports
        int 11h
        shr ax, 9
        and ax, 7
        jz .no_serial

        ; --- MP table in the EBDA, exactly when CPUID reports an APIC
        pushfd                          ; CPUID present? (EFLAGS.ID toggles)
        pop eax
        mov ecx, eax
        xor eax, 200000h
        push eax
        popfd
        pushfd
        pop eax
        xor eax, ecx
        xor edx, edx
        test eax, 200000h
        jz .have_features
        mov eax, 1
        cpuid
.have_features:
        movzx esi, word [40Eh]
        shl esi, 4
        add esi, 40h
        call to_fs_si
        test edx, 1 << 9
        jnz .want_mp
        cmp dword [fs:si], '_MP_'
        je .unexpected_mp
        jmp .apm_check
.want_mp:
        cmp dword [fs:si], '_MP_'
        jne .no_mp
        mov ecx, 16
        call sum_bytes
        jnz .mp_sum
        mov esi, [fs:si + 4]
        call to_fs_si
        cmp dword [fs:si], 'PCMP'
        jne .no_mp
        movzx ecx, word [fs:si + 4]
        call sum_bytes
        jnz .mp_sum

        ; --- APM: unsupported
.apm_check:
        mov ax, 5300h
        xor bx, bx
        int 15h
        jnc .apm
        movzx eax, ah
        check_eq eax, 86h, 'APM AH'
        pass

.move_failed:
        fail 'INT 15h AH=87h failed'
.move_corrupt:
        fail 'INT 15h AH=87h: the data came back different'
.c0_failed:
        fail 'INT 15h AH=C0h failed'
.c1_failed:
        fail 'INT 15h AH=C1h failed'
.a20_failed:
        fail 'INT 15h AH=24h failed'
.a20_not_off:
        fail 'A20 off, but 1 MiB does not wrap'
.a20_not_on:
        fail 'A20 on, but 1 MiB wraps'
.no_serial:
        fail 'INT 11h: no serial port'
.no_mp:
        fail 'no MP floating pointer / table'
.mp_sum:
        fail 'MP checksum'
.unexpected_mp:
        fail 'an MP table without an APIC'
.apm:
        fail 'APM answered'

; a20_wraps: CF=1 if FFFF:0510 (= 100500h) is the same byte as 0:0500.
a20_wraps:
        push ds
        push es
        xor ax, ax
        mov ds, ax
        mov ax, 0FFFFh
        mov es, ax
        mov byte [500h], 11h
        mov byte [es:510h], 22h
        cmp byte [500h], 22h
        pop es
        pop ds
        je .wraps
        clc
        ret
.wraps:
        stc
        ret

; to_fs_si: FS:SI = the real-mode address of the linear address in ESI
; (below 1 MiB).  A real-mode offset above FFFFh faults (#GP) on a real
; CPU and on softpc; QEMU does not check, which hid this here once.
to_fs_si:
        push eax
        mov eax, esi
        shr eax, 4
        mov fs, ax
        and esi, 0Fh
        pop eax
        ret

; sum_bytes: ZF=1 if the ECX bytes at FS:SI sum to 0.  Keeps SI.
sum_bytes:
        push si
        xor al, al
.add:
        add al, [fs:si]
        inc si
        dec ecx
        jnz .add
        pop si
        test al, al
        ret

        align 8
gdt:    times 48 db 0
        test_end
