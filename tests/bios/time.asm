; time.asm - INT 1Ah and the timers: the RTC time and date read back as
; valid BCD (AH=02h/04h), the tick count at 40:6C advances while we halt
; (IRQ 0 -> INT 08h), INT 15h AH=86h waits about as long as asked (1 s
; measured in ticks: 15-25), and the RTC seconds move across that second.
%include "bios_test.inc"

test_main:
        say 'time test', 13, 10
        ; RTC time: hours < 24h, minutes and seconds < 60h, all BCD
        mov ah, 02h
        int 1Ah
        jc .rtc_failed
        mov al, ch
        mov ah, 24h
        call check_bcd
        mov al, cl
        mov ah, 60h
        call check_bcd
        mov al, dh
        mov ah, 60h
        call check_bcd
        mov [seconds], dh
        ; date: century 19h or 20h, month 1-12h, day 1-31h
        mov ah, 04h
        int 1Ah
        jc .rtc_failed
        movzx eax, ch
        cmp al, 20h
        je .century_ok
        check_eq eax, 19h, 'century'
.century_ok:
        mov al, dh
        mov ah, 13h
        call check_bcd
        test dh, dh
        jz .bad_date
        mov al, dl
        mov ah, 32h
        call check_bcd
        test dl, dl
        jz .bad_date

        ; ticks advance while halted
        mov ah, 00h
        int 1Ah
        mov bx, dx
        mov cx, 100
.tick_wait:
        hlt
        mov ah, 00h
        push cx
        int 1Ah
        pop cx
        cmp dx, bx
        jne .ticking
        loop .tick_wait
        fail 'the tick count does not move'
.ticking:
        ; INT 15h AH=86h: 1 000 000 us = 18.2 ticks
        mov ah, 00h
        int 1Ah
        mov [ticks], dx
        mov cx, 000Fh
        mov dx, 4240h
        mov ah, 86h
        int 15h
        jc .wait_failed
        mov ah, 00h
        int 1Ah
        sub dx, [ticks]
        movzx eax, dx
        say 'ticks in 1 s: '
        call test_hex
        say 13, 10
        cmp eax, 15
        jb .wait_wrong
        cmp eax, 25
        ja .wait_wrong
        ; the RTC seconds have moved on
        mov ah, 02h
        int 1Ah
        cmp dh, [seconds]
        je .rtc_stuck
        pass

.rtc_failed:
        fail 'INT 1Ah AH=02h/04h: CF=1'
.bad_date:
        fail 'date is zero'
.wait_failed:
        fail 'INT 15h AH=86h: CF=1'
.wait_wrong:
        fail 'INT 15h AH=86h 1 s is not 15-25 ticks'
.rtc_stuck:
        fail 'RTC seconds did not change in 1 s'

; check_bcd: AL must be BCD and below AH.
check_bcd:
        cmp al, ah
        jae .bad
        push ax
        and al, 0Fh
        cmp al, 9
        pop ax
        ja .bad
        ret
.bad:
        movzx eax, al
        call test_hex
        fail ' is not BCD or out of range'

seconds:        db 0
ticks:          dw 0
        test_end
