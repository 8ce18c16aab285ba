; pm_privilege.asm - moving between rings and what each move checks and
; saves: ring 0 -> 3 by IRETD and by RETF (outer data segments with DPL <
; CPL become null), ring 3 -> 0 through 32- and 16-bit call gates (the
; parameters copied onto the inner stack, the outer SS:ESP and CS:EIP
; pushed, RETF n back), through an interrupt gate (the TSS stack and the
; frame word by word), and the IOPL / I/O permission bitmap rules for CLI
; and IN.  Expectations: Intel SDM vol. 3, 5.8 (calls through gates,
; figure 5-13 stack switch), 6.12.1 (figure 6-4), 18.5-18.6 in vol. 1
; (I/O privilege level and bitmap), vol. 2 CALL/RET/IRET pseudocode.
; Not here: rings 1 and 2, conforming code segments, SYSENTER.

%define ROM_NAME "pm_privilege"
%include "rom.inc"

SEL_GATE32  equ 0x40 | 3        ; 32-bit call gate, DPL 3, 2 dword parameters
SEL_GATE16  equ 0x48 | 3        ; 16-bit call gate, DPL 3, 2 word parameters
SEL_GATE0   equ 0x50 | 3        ; call gate with DPL 0 (not for ring 3)
SEL_CODE16_3 equ 0x58 | 3       ; 16-bit code, ring 3, base F0000
SAVED       equ TEST_DATA       ; what the gate handlers saw

test_main:
        set_gdt_gate SEL_GATE32, gate32_handler, SEL_CODE0, GATE_CALL32 | GATE_DPL3, 2
        set_gdt_gate SEL_GATE16, gate16_handler - $$, SEL_CODE16, GATE_CALL16 | GATE_DPL3, 2
        set_gdt_gate SEL_GATE0, gate32_handler, SEL_CODE0, GATE_CALL32, 0
        set_desc SEL_CODE16_3, 0xF0000, 0xFFFF, ACC_P | ACC_DPL3 | ACC_CODE | ACC_READ, 0

; ---- ring 0 -> 3 by IRETD, and back through an interrupt gate ---------------
        post 0x10
        mov ax, SEL_DATA3               ; FS: DPL 3, survives the return
        mov fs, ax
        run_ring3 .r3_regs
        check_back
        check_eq eax, SEL_CODE3         ; CS and SS with RPL 3
        check_eq ebx, SEL_DATA3
        check_eq ecx, 0                 ; DS, ES (DPL 0) were made null
        check_eq edx, 0
        check_eq esi, SEL_DATA3         ; FS kept
        ; The interrupt gate switched to TSS0's SS0:ESP0 and pushed the
        ; outer SS, ESP, EFLAGS, CS, EIP there (SDM figure 6-4).
        check_eq [exc_frame], ISTACK_TOP - 20
        check_eq [ISTACK_TOP - 20], .r3_regs_back       ; EIP after INT 0x30
        check_bits [ISTACK_TOP - 16], 0xFFFF, SEL_CODE3
        check_eq [ISTACK_TOP - 12], 0x00000002  ; EFLAGS as IRETD set them
        check_eq [ISTACK_TOP - 8], STACK3_TOP
        check_bits [ISTACK_TOP - 4], 0xFFFF, SEL_DATA3

; ---- ring 0 -> 3 by RETF: DS with DPL 0 becomes null --------------------------
        post 0x11
        mov ax, SEL_DATA0
        mov ds, ax
        mov ax, SEL_DATA3
        mov fs, ax
        expect_exception .retf_back
        push dword SEL_DATA3
        push dword STACK3_TOP - 16
        push dword SEL_CODE3
        push dword .r3_regs
        retf
.retf_back:
        check_back
        check_eq eax, SEL_CODE3
        check_eq ecx, 0
        check_eq esi, SEL_DATA3
        check_eq [exc_esp_pushed], STACK3_TOP - 16

; ---- ring 3 -> 0 through a 32-bit call gate, with 2 dword parameters --------
        post 0x12
        run_ring3 .r3_call32
        check_back
        check_eq [SAVED + 0], .r3_call32_ret    ; pushed EIP
        check_bits [SAVED + 4], 0xFFFF, SEL_CODE3
        check_eq [SAVED + 8], 0x22222222        ; the parameters, in order
        check_eq [SAVED + 12], 0x11111111
        check_eq [SAVED + 16], STACK3_TOP - 8   ; outer ESP (after the pushes)
        check_bits [SAVED + 20], 0xFFFF, SEL_DATA3
        check_eq [SAVED + 24], ISTACK_TOP - 24  ; the inner ESP: TSS0.ESP0 - 6 dwords
        check_bits [SAVED + 28], 0xFFFF, SEL_DATA0      ; SS = TSS0.SS0
        check_eq edi, STACK3_TOP                ; RETF 8 dropped the parameters
        check_eq ebp, 0x11111111 ^ 0x22222222   ; the handler's result

; ---- ring 3 -> 0 through a 16-bit call gate, with 2 word parameters ---------
        post 0x13
        mov dword [SAVED + 32], 0
        expect_exception .call16_back
        push dword SEL_DATA3
        push dword STACK3_TOP
        push dword 2
        push dword SEL_CODE16_3
        push dword r3_call16 - $$
        iretd
.call16_back:
        check_back
        check_bits [SAVED + 0], 0xFFFF, r3_call16_ret - $$     ; IP
        check_bits [SAVED + 2], 0xFFFF, SEL_CODE16_3            ; CS
        check_bits [SAVED + 4], 0xFFFF, 0x2222                  ; parameters
        check_bits [SAVED + 6], 0xFFFF, 0x1111
        check_bits [SAVED + 8], 0xFFFF, (STACK3_TOP - 4) & 0xFFFF       ; SP
        check_bits [SAVED + 10], 0xFFFF, SEL_DATA3                      ; SS
        check_bits [SAVED + 12], 0xFFFF, (ISTACK_TOP - 12) & 0xFFFF     ; inner SP
        check_eq edi, 0x3333                    ; the handler's result came back

; ---- a call gate the caller may not use ---------------------------------------
        run_ring3 .r3_call_gate0                ; gate DPL 0 < CPL 3: #GP(gate)
        check_exception VEC_GP, SEL_GATE0 & 0xFFFC, .r3_call_gate0

; ---- IOPL: CLI at CPL 3 -----------------------------------------------------
        post 0x14
        run_ring3 .r3_cli                       ; IOPL 0: #GP(0)
        check_exception VEC_GP, 0, .r3_cli
        run_ring3 .r3_cli, EFL_IOPL3 | 2        ; IOPL 3: allowed
        check_back
        check_bits [exc_eflags], EFL_IF, 0      ; and IF really cleared

; ---- the I/O permission bitmap (TSS0: every port denied but 0x84) --------
        post 0x15
        and byte [TSS0_IOMAP + 0x84 / 8], ~(1 << (0x84 % 8))
        run_ring3 .r3_in84                      ; allowed by the bitmap
        check_back
        run_ring3 .r3_in85                      ; denied
        check_exception VEC_GP, 0, .r3_in85
        run_ring3 .r3_in84w                     ; a word at 0x84 also needs 0x85
        check_exception VEC_GP, 0, .r3_in84w
        run_ring3 .r3_in85, EFL_IOPL3 | 2       ; IOPL 3: the bitmap is not consulted
        check_back
        ret

; ---- ring-3 code -------------------------------------------------------------
.r3_regs:
        mov eax, cs
        mov ebx, ss
        mov ecx, ds
        mov edx, es
        mov esi, fs
        back_to_ring0
.r3_regs_back:

.r3_call32:
        mov ax, SEL_DATA3
        mov ds, ax
        push dword 0x11111111
        push dword 0x22222222
        call SEL_GATE32:0               ; the offset is the gate's
.r3_call32_ret:
        mov edi, esp
        back_to_ring0

.r3_call_gate0:
        call SEL_GATE0:0
        back_to_ring0

.r3_cli:
        cli
        back_to_ring0
.r3_in84:
        in al, 0x84
        back_to_ring0
.r3_in85:
        in al, 0x85
        back_to_ring0
.r3_in84w:
        in ax, 0x84
        back_to_ring0

; Ring 0 through SEL_GATE32: save the inner stack as the CPU built it,
; return a value, and go back with RETF 8.
gate32_handler:
        mov eax, [esp]
        mov [SAVED + 0], eax
        mov eax, [esp + 4]
        mov [SAVED + 4], eax
        mov eax, [esp + 8]
        mov [SAVED + 8], eax
        mov eax, [esp + 12]
        mov [SAVED + 12], eax
        mov eax, [esp + 16]
        mov [SAVED + 16], eax
        mov eax, [esp + 20]
        mov [SAVED + 20], eax
        mov [SAVED + 24], esp
        mov eax, ss
        mov [SAVED + 28], eax
        mov ebp, [esp + 8]
        xor ebp, [esp + 12]
        retf 8

; 16-bit code, base F0000: ring 3 caller and ring 0 handler of SEL_GATE16.
        bits 16
r3_call16:
        mov ax, SEL_DATA3
        mov ds, ax
        push word 0x1111
        push word 0x2222
        call SEL_GATE16:0
r3_call16_ret:
        movzx edi, di
        int VEC_BACK

gate16_handler:
        mov bp, sp
        mov ax, [bp]
        mov [dword SAVED + 0], ax
        mov ax, [bp + 2]
        mov [dword SAVED + 2], ax
        mov ax, [bp + 4]
        mov [dword SAVED + 4], ax
        mov ax, [bp + 6]
        mov [dword SAVED + 6], ax
        mov ax, [bp + 8]
        mov [dword SAVED + 8], ax
        mov ax, [bp + 10]
        mov [dword SAVED + 10], ax
        mov [dword SAVED + 12], sp
        mov di, [bp + 4]
        add di, [bp + 6]
        retf 4
        bits 32

        rom_end
