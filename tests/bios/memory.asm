; memory.asm - INT 12h, INT 15h AH=88h, AX=E801h and AX=E820h against the
; RAM size QEMU was started with (-m RAM_MB, given to nasm as -DRAM_MB=).
; E820: at most 32 entries, each 20 bytes with a known type, sorted and
; disjoint; RAM from 0 covers 636 KiB; the RAM above 1 MiB plus the ACPI
; area (type 3, 64 KiB) end exactly at RAM_MB MiB.
%include "bios_test.inc"

%ifndef RAM_MB
%define RAM_MB 128
%endif
TOP             equ RAM_MB * 100000h
USABLE          equ TOP - 10000h

test_main:
        say 'memory test, RAM_MB='
        mov eax, RAM_MB
        call test_hex
        say 13, 10

        int 12h
        movzx eax, ax
        check_eq eax, 636, 'INT 12h'

        mov ah, 88h
        int 15h
        jc .bad88
        movzx eax, ax
%if (USABLE - 100000h) / 1024 > 0FFFFh
        check_eq eax, 0FFFFh, 'INT 15h AH=88h'
%else
        check_eq eax, (USABLE - 100000h) / 1024, 'INT 15h AH=88h'
%endif

        mov ax, 0E801h
        int 15h
        jc .bad801
        cmp ax, cx
        jne .bad801
        cmp bx, dx
        jne .bad801
        movzx eax, ax
        movzx ebx, bx
        shl eax, 10
        shl ebx, 16
        add eax, 100000h
        test ebx, ebx
        jz .e801_sum
        mov eax, 1000000h
        add eax, ebx
.e801_sum:
        check_eq eax, USABLE, 'E801h top'

        ; E820 walk
        xor ebx, ebx
        xor ebp, ebp                    ; end of the previous entry
        xor esi, esi                    ; RAM above 1 MiB, bytes
        mov byte [acpi_seen], 0
        mov cx, 32
.next:
        push cx
        mov eax, 0E820h
        mov edx, 534D4150h
        mov ecx, 24
        mov di, e820_buf
        int 15h
        pop cx
        jc .bad820
        check_eq eax, 534D4150h, 'E820 signature'
        cmp ecx, 20
        jb .bad820
        say 'E820 '
        mov eax, [e820_buf]
        call test_hex
        say ' '
        mov eax, [e820_buf + 8]
        call test_hex
        say ' '
        mov eax, [e820_buf + 16]
        call test_hex
        say 13, 10
        cmp dword [e820_buf + 4], 0
        jne .bad820
        cmp dword [e820_buf + 12], 0
        jne .bad820
        mov eax, [e820_buf]
        cmp eax, ebp
        jb .unsorted
        mov edx, [e820_buf + 8]
        test edx, edx
        jz .bad820
        add edx, eax                    ; end
        jc .end_at_4g
.end_ok:
        mov ebp, edx
        mov edx, [e820_buf + 16]
        cmp edx, 1
        je .ram
        cmp edx, 3
        je .acpi
        cmp edx, 2
        je .more
        jmp .bad820
.end_at_4g:
        test edx, edx                   ; exactly 4 GiB is fine
        jnz .bad820
        mov edx, 0FFFFFFFFh
        jmp .end_ok
.ram:
        cmp eax, 0
        jne .ram_high
        cmp dword [e820_buf + 8], 636 * 1024
        jb .bad820
        jmp .more
.ram_high:
        cmp eax, 100000h
        jb .more
        add esi, [e820_buf + 8]
        jmp .more
.acpi:
        check_eq eax, USABLE, 'E820 ACPI area base'
        mov eax, [e820_buf + 8]
        check_eq eax, 10000h, 'E820 ACPI area length'
        mov byte [acpi_seen], 1
.more:
        test ebx, ebx
        jz .done
        dec cx
        jnz .next
        fail 'E820 list does not end'
.done:
        check_eq esi, USABLE - 100000h, 'E820 RAM above 1 MiB'
        movzx eax, byte [acpi_seen]
        check_eq eax, 1, 'E820 ACPI entry'
        pass

.bad88:
        fail 'INT 15h AH=88h failed'
.bad801:
        fail 'INT 15h AX=E801h failed or AX!=CX/BX!=DX'
.bad820:
        fail 'E820 entry bad'
.unsorted:
        fail 'E820 not sorted'

acpi_seen:      db 0
        align 4
e820_buf:       times 24 db 0
        test_end
