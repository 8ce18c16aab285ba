; fake_bzimage.asm - not a ROM: the smallest file softpc's -kernel takes
; for a bzImage (boot protocol 2.15 header, one setup sector, a few bytes
; of "kernel").  The frontend cases use it to reach the checks that come
; after the header's (e.g. -append's vga=); when the BIOS enters its setup
; code (at 200h), it halts with interrupts off: softpc's status 2.
; Header offsets: Linux Documentation/arch/x86/boot.rst.
        times 1F1h db 0
        db 1                    ; 1F1 setup_sects: 1 (+ the boot sector)
        times 200h - ($ - $$) db 0
        jmp short setup_code    ; 200 the setup entry point
        db "HdrS"               ; 202 magic
        dw 020Fh                ; 206 protocol 2.15
        times 211h - ($ - $$) db 0
        db 01h                  ; 211 loadflags: LOADED_HIGH (a bzImage)
        times 22Ch - ($ - $$) db 0
        dd 37FFFFFFh            ; 22C initrd_addr_max
        times 238h - ($ - $$) db 0
        dd 2047                 ; 238 cmdline_size
        times 260h - ($ - $$) db 0
        dd 4096                 ; 260 init_size
setup_code:
        cli
        hlt
        times 1024 - ($ - $$) db 0
        times 512 db 0F4h       ; the "kernel": HLTs
