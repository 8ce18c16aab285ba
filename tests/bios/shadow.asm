; shadow.asm - the video ROM's copy at C0000h is read-only after POST
; (bios/shadow.asm): writes to C000:0000, to the ROM's second 16 KiB
; segment and to its last byte are lost, the signature and checksum stay,
; the i440FX PAM1 register says read-only DRAM (01b) for C0000-C3FFF; the
; first 16 KiB segment after the ROM is still writable RAM.  Needs a video
; card with a ROM (softpc's std VGA; QEMU: QEMU_ARGS="-device VGA").

%include "bios_test.inc"

test_main:
        say 'shadow test', 13, 10
        mov ax, 0C000h
        mov es, ax
        movzx eax, word [es:0]
        check_eq eax, 0AA55h, 'ROM signature at C000:0000 before the writes'
        movzx ecx, byte [es:2]          ; size in 512-byte blocks
        cmp ecx, 33
        jae .big_enough
        fail 'the video ROM is smaller than 16.5 KiB: its second segment is not tested'
.big_enough:
        shl ecx, 9                      ; bytes
        mov [rom_bytes], ecx
        mov esi, ecx
        dec esi                         ; offset of the last byte
        mov al, [es:si]
        mov [last_byte], al
        mov eax, [es:4000h]
        mov [second_dword], eax

        ; the writes a stray program could do
        mov word [es:0], 1234h
        mov byte [es:3], 0CCh
        not dword [es:4000h]
        not byte [es:si]

        movzx eax, word [es:0]
        check_eq eax, 0AA55h, 'ROM signature at C000:0000 after writing 1234h'
        mov eax, [es:4000h]
        check_eq eax, [second_dword], 'C000:4000 after writing its complement'
        movzx eax, byte [es:si]
        movzx edx, byte [last_byte]
        check_eq eax, edx, 'the last ROM byte after writing its complement'

        ; the whole ROM still sums to 0
        xor eax, eax
        xor si, si
        mov ecx, [rom_bytes]
.sum:
        add al, [es:si]
        inc si
        dec ecx
        jnz .sum
        check_eq eax, 0, 'ROM checksum after the writes'

        ; PAM1 (host bridge 00:00.0, register 5Ah) low nibble: 01b
        mov eax, 80000058h
        mov dx, 0CF8h
        out dx, eax
        mov dx, 0CFEh                   ; CFCh + (5Ah & 3)
        in al, dx
        and eax, 0Fh
        check_eq eax, 1, 'PAM1 C0000-C3FFF mode'

        ; the segment after the ROM: upper memory, still RAM
        mov eax, [rom_bytes]
        add eax, 3FFFh
        and eax, ~3FFFh
        cmp eax, 20000h
        jae .done                       ; a ROM up to DFFFFh: none left
        shr eax, 4
        add ax, 0C000h
        mov es, ax
        mov dword [es:0], 5AA5C33Ch
        mov eax, [es:0]
        check_eq eax, 5AA5C33Ch, 'RAM after the ROM written and read back'
.done:
        pass

rom_bytes:      dd 0
second_dword:   dd 0
last_byte:      db 0

        test_end
