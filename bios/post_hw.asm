; post_hw.asm - POST steps that bring the ISA chips of docs/platform.md to
; the state a PC/AT BIOS leaves them in, and fill the BDA fields that go
; with them.  Each is a POST step (big real mode, DS=ES=0, interrupts off).
;
; Not done: no COM/LPT interrupts are enabled (INT 14h/17h poll), the
; 8042's mouse port stays disabled (no INT 15h C2h), no speaker beep.

; post_bda: memory size, EBDA pointer, keyboard buffer, equipment (x87 from
; CMOS 14h bit 1; video bits 10b = 80x25 colour; the serial/parallel counts
; are added by post_serial_parallel, the floppy bits by disk_post).
post_bda:
        mov word [400h + BDA_MEM_KB], CONV_MEM_KB
        mov word [400h + BDA_EBDA_SEG], EBDA_SEG
        mov word [400h + BDA_KB_HEAD], BDA_KB_BUF
        mov word [400h + BDA_KB_TAIL], BDA_KB_BUF
        mov word [400h + BDA_KB_BUF_START], BDA_KB_BUF
        mov word [400h + BDA_KB_BUF_LIMIT], BDA_KB_BUF_END
        mov byte [400h + BDA_KB_FLAGS3], 10h    ; 101/102-key keyboard
        mov bx, EQUIP_VIDEO_80COLOR
        mov al, CMOS_EQUIPMENT
        call cmos_read
        test al, 02h
        jz .no_x87
        or bx, EQUIP_X87
.no_x87:
        mov [400h + BDA_EQUIPMENT], bx
        ret

; post_pic: the 8259A pair (8259A datasheet, "Initialization command
; words"): edge triggered, cascaded, master vectors 08h-0Fh, slave 70h-77h,
; 8086 mode.  ELCR all edge (pci_post makes its PCI IRQs level).  Unmasked:
; IRQ 0 (timer), 1 (keyboard), 2 (cascade), 6 (floppy), 8 (RTC), 14, 15
; (IDE); the rest stay masked until a driver wants them.
post_pic:
        mov al, 11h                     ; ICW1: edge, cascade, ICW4 needed
        out PORT_PIC1_CMD, al
        out PORT_PIC2_CMD, al
        mov al, 08h                     ; ICW2: vector base
        out PORT_PIC1_DATA, al
        mov al, 70h
        out PORT_PIC2_DATA, al
        mov al, 04h                     ; ICW3: slave on IR2
        out PORT_PIC1_DATA, al
        mov al, 02h                     ; ICW3: slave id 2
        out PORT_PIC2_DATA, al
        mov al, 01h                     ; ICW4: 8086 mode, normal EOI
        out PORT_PIC1_DATA, al
        out PORT_PIC2_DATA, al
        mov al, ~(01h | 02h | 04h | 40h) & 0FFh
        out PORT_PIC1_DATA, al
        mov al, ~(01h | 40h | 80h) & 0FFh
        out PORT_PIC2_DATA, al
        xor al, al
        mov dx, PORT_ELCR1
        out dx, al
        mov dx, PORT_ELCR2
        out dx, al
        ret

; post_pit: channel 0 mode 3 with count 0 (65536: 1193182 Hz / 65536 =
; 18.2 Hz, the PC tick), channel 1 mode 2 count 18 (the AT's DRAM refresh
; rate, which drives the port 61h toggle on real chipsets), channel 2 left
; for the speaker.
post_pit:
        mov al, 36h                     ; ch 0, lobyte/hibyte, mode 3, binary
        out PORT_PIT_CMD, al
        xor al, al
        out PORT_PIT_CH0, al
        out PORT_PIT_CH0, al
        mov al, 54h                     ; ch 1, lobyte only, mode 2
        out PORT_PIT_CMD, al
        mov al, 18
        out PORT_PIT_CH1, al
        ret

; post_rtc: MC146818 register A = 26h (32.768 kHz time base, 1024 Hz
; periodic rate), register B = 02h (24-hour, BCD, no interrupts, no
; daylight saving); read C to drop any pending flag.  The board's CMOS
; contents (time, configuration) are kept.
post_rtc:
        mov ax, (26h << 8) | CMOS_REG_A
        call cmos_write
        mov ax, (02h << 8) | CMOS_REG_B
        call cmos_write
        mov al, CMOS_REG_C
        call cmos_read
        mov al, CMOS_REG_D
        call cmos_read
        ret

; post_dma: both 8237As reset and enabled, channel 4 (the cascade) in
; cascade mode and unmasked, channels 0-3 and 5-7 masked, single mode.
post_dma:
        xor al, al
        out PORT_DMA1_RESET, al         ; master clear
        out PORT_DMA2_RESET, al
        out PORT_DMA1_CMD, al           ; enable, normal timing
        out PORT_DMA2_CMD, al
        mov al, 0C0h                    ; channel 4: cascade mode
        out PORT_DMA2_MODE, al
        xor al, al
        out PORT_DMA2_MASK1, al         ; unmask channel 4
        mov al, 0Fh
        out PORT_DMA1_MASKALL, al       ; mask 0-3 (write-all-mask register)
        mov al, 0Eh
        out PORT_DMA2_MASKALL, al       ; mask 5-7, keep 4 open
        ; Page registers to zero (81h-83h, 87h, 89h-8Bh, 8Fh).
        xor al, al
        out 81h, al
        out 82h, al
        out 83h, al
        out 87h, al
        out 89h, al
        out 8Ah, al
        out 8Bh, al
        out 8Fh, al
        ret

; kbc_wait_write: wait (bounded) until the 8042 input buffer is empty.
; CF=1 on timeout.
kbc_wait_write:
        push ax
        push cx
        mov cx, 0FFFFh
.poll:
        in al, PORT_KBC_STATUS
        test al, KBC_STAT_IBF
        jz .ok
        loop .poll
        pop cx
        pop ax
        stc
        ret
.ok:
        pop cx
        pop ax
        clc
        ret

; kbc_wait_read: wait (bounded, about 0.3 s) for a byte from the 8042 and
; return it in AL.  CF=1 on timeout.
kbc_wait_read:
        push cx
        push ecx
        mov ecx, 20000
.poll:
        in al, PORT_KBC_STATUS
        test al, KBC_STAT_OBF
        jnz .ready
        push ecx
        mov ecx, 15
        call delay_us
        pop ecx
        dec ecx
        jnz .poll
        pop ecx
        pop cx
        stc
        ret
.ready:
        in al, PORT_KBC_DATA
        pop ecx
        pop cx
        clc
        ret

; kbc_command: send AL to the 8042 command port.
kbc_command:
        call kbc_wait_write
        out PORT_KBC_CMD, al
        ret

; kbc_data: send AL to the 8042 data port (the keyboard).
kbc_data:
        call kbc_wait_write
        out PORT_KBC_DATA, al
        ret

; post_kbc: 8042 self test (AAh -> 55h), keyboard interface enabled,
; command byte 65h (IRQ 1 on, system flag, mouse port off, translation to
; set 1 on), keyboard reset (FFh -> FAh, AAh) and enable (F4h).  A missing
; or silent controller costs the timeouts and nothing else.
post_kbc:
        ; Drop whatever the controller holds.
        mov cx, 16
.flush:
        in al, PORT_KBC_STATUS
        test al, KBC_STAT_OBF
        jz .flushed
        in al, PORT_KBC_DATA
        loop .flush
.flushed:
        mov al, 0AAh
        call kbc_command
        call kbc_wait_read              ; 55h on success; not fatal otherwise
        mov al, 60h
        call kbc_command
        mov al, 65h
        call kbc_data
        mov al, 0AEh
        call kbc_command
        mov al, 0FFh                    ; keyboard reset
        call kbc_data
        call kbc_wait_read              ; FAh
        call kbc_wait_read              ; AAh (self-test passed)
        mov al, 0F4h                    ; enable scanning
        call kbc_data
        call kbc_wait_read              ; FAh
        ret

; uart_init: the 16550 at DX for 115200 8N1, FIFOs on, interrupts off,
; DTR and RTS up.  Returns CF=1 if no UART answers (scratch register test).
uart_init:
        push dx
        add dx, UART_SCR
        mov al, 5Ah
        out dx, al
        in al, dx
        cmp al, 5Ah
        jne .absent
        mov al, 0A5h
        out dx, al
        in al, dx
        cmp al, 0A5h
        jne .absent
        pop dx
        push dx
        add dx, UART_LCR
        mov al, 80h                     ; DLAB
        out dx, al
        sub dx, UART_LCR - UART_DATA
        mov al, 1                       ; divisor 1: 115200 baud
        out dx, al
        inc dx                          ; DLM
        xor al, al
        out dx, al
        add dx, UART_LCR - UART_IER
        mov al, 03h                     ; 8N1, DLAB off
        out dx, al
        sub dx, UART_LCR - UART_IER
        xor al, al                      ; IER: no interrupts
        out dx, al
        inc dx                          ; FCR: enable and clear FIFOs
        mov al, 07h
        out dx, al
        add dx, UART_MCR - UART_FCR
        mov al, 03h                     ; DTR, RTS
        out dx, al
        pop dx
        push dx
        add dx, UART_LSR                ; clear line status
        in al, dx
        sub dx, UART_LSR - UART_DATA
        in al, dx                       ; and a stale received byte
        pop dx
        clc
        ret
.absent:
        pop dx
        stc
        ret

; post_serial_parallel: COM1, COM2 and LPT1 into the BDA when present, the
; counts into the equipment word, timeouts for INT 14h/17h.
post_serial_parallel:
        xor bx, bx                      ; BX = next COM slot * 2
        mov dx, PORT_COM1
        call uart_init
        jc .no_com1
        mov [400h + BDA_COM_PORTS + bx], dx
        add bx, 2
.no_com1:
        mov dx, PORT_COM2
        call uart_init
        jc .no_com2
        mov [400h + BDA_COM_PORTS + bx], dx
        add bx, 2
.no_com2:
        shr bx, 1
        shl bx, EQUIP_SERIAL_SHIFT
        or [400h + BDA_EQUIPMENT], bx
        mov dword [400h + BDA_COM_TIMEOUT], 01010101h
        ; LPT1: the data latch reads back what was written.
        mov dx, PORT_LPT1
        mov al, 0AAh
        out dx, al
        in al, dx
        cmp al, 0AAh
        jne .no_lpt
        mov al, 55h
        out dx, al
        in al, dx
        cmp al, 55h
        jne .no_lpt
        mov [400h + BDA_LPT_PORTS], dx
        or word [400h + BDA_EQUIPMENT], 1 << EQUIP_LPT_SHIFT
        mov byte [400h + BDA_LPT_TIMEOUT], 14h
.no_lpt:
        ret

; post_video_bda: the BDA video fields for mode 3 (80x25 colour text at
; B8000), as a VGA BIOS leaves them; INT 10h AH=00h repeats this.
post_video_bda:
        mov al, 03h
        call video_set_bda_for_mode
        ret
