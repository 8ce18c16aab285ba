; ivt.asm - the interrupt vector table: every vector first points at a
; default handler (a bare IRET; the PIC vectors 08h-0Fh and 70h-77h at
; handlers that also send the EOI, so a stray IRQ cannot block its PIC),
; then the standard BIOS vectors at their handlers.  Data pointers that the
; BIOS does not provide (1Dh video parameters, 1Fh and 43h fonts) are 0.
; 1Eh (diskette parameters), 40h, 41h and 46h belong to disk_post.

post_ivt:
        ; 0-FF: IRET
        xor edi, edi
        mov eax, (BIOS_SEG << 16) + dummy_iret
        mov ecx, 256
        a32 rep stosd
        ; 08h-0Fh and 70h-77h: EOI handlers
        mov edi, 08h * 4
        mov ax, irq_default_master
        mov cx, 8
        a32 rep stosd
        mov edi, 70h * 4
        mov ax, irq_default_slave
        mov cx, 8
        a32 rep stosd
        ; the table of standard vectors
        mov si, ivt_table
.next:
        mov al, [cs:si]
        mov dx, [cs:si + 1]
        test dx, dx
        jz .data_pointers
        call ivt_set
        add si, 3
        jmp .next
.data_pointers:
        mov dword [1Dh * 4], 0
        mov dword [1Fh * 4], 0
        mov dword [43h * 4], 0
        ret

ivt_table:
        db 02h
        dw int02_nmi
        db 05h
        dw int05_print_screen
        db 08h
        dw irq0_entry
        db 09h
        dw irq1_entry
        db 0Eh
        dw irq6_entry
        db 10h
        dw int10_entry
        db 11h
        dw int11_entry
        db 12h
        dw int12_entry
        db 13h
        dw int13_entry
        db 14h
        dw int14_entry
        db 15h
        dw int15_entry
        db 16h
        dw int16_entry
        db 17h
        dw int17_entry
        db 18h
        dw int18_entry
        db 19h
        dw int19_entry
        db 1Ah
        dw int1a_entry
        db 70h
        dw irq8_entry
        db 71h
        dw irq9_entry
        db 75h
        dw irq13_entry
        db 76h
        dw irq14_entry
        db 77h
        dw irq15_entry
        db 0
        dw 0                            ; end

; The default IRQ handlers: non-specific EOI, nothing else.
irq_default_master:
        push ax
        mov al, 20h
        out PORT_PIC1_CMD, al
        pop ax
        iret

irq_default_slave:
        push ax
        mov al, 20h
        out PORT_PIC2_CMD, al
        out PORT_PIC1_CMD, al
        pop ax
        iret

; IRQ 9: the AT redirected it to INT 0Ah (the XT's IRQ 2).  Here it is also
; the ACPI SCI, which no real-mode code services: EOI and return.
irq9_entry:
        jmp irq_default_slave

; IRQ 13: x87 error.  Clear FERR# (port F0h), EOI, then INT 02h as the AT
; does, so DOS-era FPU error handlers see it.
irq13_entry:
        push ax
        xor al, al
        out PORT_FPU_CLEAR, al
        mov al, 20h
        out PORT_PIC2_CMD, al
        out PORT_PIC1_CMD, al
        pop ax
        int 02h
        iret

; INT 02h: NMI.  Nothing to report it on but the console; parity/channel
; check bits are in port 61h bits 7-6.
int02_nmi:
        push ax
        push si
        mov si, nmi_message
        call print_str
        pop si
        pop ax
        iret
nmi_message:
        db 'NMI', 13, 10, 0

; INT 05h: print screen.  No printer support: nothing happens.
int05_print_screen:
        iret
