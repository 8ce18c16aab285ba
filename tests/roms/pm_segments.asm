; pm_segments.asm - segment descriptor loads and the checks the CPU makes on
; them and on every access through them: null selectors, presence, type,
; DPL/RPL, limits (expand-up, expand-down with B=0 and B=1, G=1), read-only
; data, execute-only code, the accessed bit the CPU writes back to the GDT,
; and LAR, LSL, VERR, VERW, ARPL.  Expectations: Intel SDM vol. 3, 3.4.5
; (descriptors), 5.3-5.6 (limit, type and privilege checks), 5.10
; (pointer validation instructions), and vol. 2 "MOV - Move to segment
; register" (its protected-mode exceptions and their error codes).
; Not here: LDTs beyond "no LDT loaded", CS loads by
; far transfers (pm_privilege), 16-bit stack segments.

%define ROM_NAME "pm_segments"
%include "rom.inc"

SEL_NP      equ 0x40    ; writable data, not present
SEL_RO      equ 0x48    ; read-only data, flat
SEL_XO      equ 0x50    ; execute-only 32-bit code, flat
SEL_RX      equ 0x58    ; readable 32-bit code, flat
SEL_LIM     equ 0x60    ; data at TEST_DATA, byte-granular limit 0xFFF
SEL_ED32    equ 0x68    ; expand-down data, limit 0xFFF, B=1, base TEST_DATA
SEL_ED16    equ 0x70    ; expand-down data, limit 0xFFF, B=0, base TEST_DATA
SEL_G       equ 0x78    ; data at TEST_DATA, limit 0 with G=1 (= 0xFFF)
SEL_DPL3    equ 0x80    ; writable data, DPL 3, flat
SEL_UNACC   equ 0x88    ; writable data, accessed bit clear
SEL_INTG    equ 0x90    ; an interrupt gate in the GDT (not for LAR)
SEL_CALLG   equ 0x98    ; a call gate in the GDT (LAR yes, LSL no)
SEL_NPSTK   equ 0xA0    ; writable data, not present (for SS)
SEL_STK     equ 0xA8    ; writable data, base 0, limit 0xFFFF, B=1 (for SS)
SEL_DPL1    equ 0xB0    ; writable data, DPL 1
SEL_CONF    equ 0xB8    ; conforming readable code, DPL 0

DATA_RW     equ ACC_P | ACC_S | ACC_WRITE | ACC_ACCESSED

; load_faults SEGREG, SELECTOR, VECTOR, ERROR - MOV SEGREG must fault.
%macro load_faults 4
        mov ax, %2
        expect_exception %%resume
%%at:   mov %1, ax
%%resume:
        check_exception %3, %4, %%at
%endmacro

; load_ok SEGREG, SELECTOR - MOV SEGREG must not fault.
%macro load_ok 2
        mov ax, %2
        expect_exception %%resume
        mov %1, ax
%%resume:
        check_exception NONE, ANY, ANY
%endmacro

; access_faults VECTOR, ERROR, INSTRUCTION - the instruction must fault.
%macro access_faults 3+
        expect_exception %%resume
%%at:   %3
%%resume:
        check_exception %1, %2, %%at
%endmacro

; access_ok INSTRUCTION - the instruction must not fault.
%macro access_ok 1+
        expect_exception %%resume
        %1
%%resume:
        check_exception NONE, ANY, ANY
%endmacro

; with_fs SELECTOR - load FS before each access check: after an exception
; the recorder resumes with flat DS/ES/FS/GS (lib/recorder.inc), so a
; selector loaded before an earlier fault is gone by the next check.
%macro with_fs 1
        mov ax, %1
        mov fs, ax
%endmacro

test_main:
        set_desc SEL_NP,    0, 0xFFFFF, ACC_S | ACC_WRITE, FL_G | FL_DB
        set_desc SEL_RO,    0, 0xFFFFF, ACC_P | ACC_S, FL_G | FL_DB
        set_desc SEL_XO,    0, 0xFFFFF, ACC_P | ACC_CODE, FL_G | FL_DB
        set_desc SEL_RX,    0, 0xFFFFF, ACC_P | ACC_CODE | ACC_READ, FL_G | FL_DB
        set_desc SEL_LIM,   TEST_DATA, 0xFFF, DATA_RW, 0
        set_desc SEL_ED32,  TEST_DATA, 0xFFF, DATA_RW | ACC_EXPDOWN, FL_DB
        set_desc SEL_ED16,  TEST_DATA, 0xFFF, DATA_RW | ACC_EXPDOWN, 0
        set_desc SEL_G,     TEST_DATA, 0, DATA_RW, FL_G
        set_desc SEL_DPL3,  0, 0xFFFFF, DATA_RW | ACC_DPL3, FL_G | FL_DB
        set_desc SEL_UNACC, 0, 0xFFFFF, ACC_P | ACC_S | ACC_WRITE, FL_G | FL_DB
        set_gdt_gate SEL_INTG, lib_stubs, SEL_CODE0, GATE_INT32, 0
        set_gdt_gate SEL_CALLG, lib_stubs, SEL_CODE0, GATE_CALL32, 0
        set_desc SEL_NPSTK, 0, 0xFFFFF, ACC_S | ACC_WRITE, FL_G | FL_DB
        set_desc SEL_STK,   0, 0xFFFF, DATA_RW, FL_DB
        set_desc SEL_DPL1,  0, 0xFFFFF, DATA_RW | 0x20, FL_G | FL_DB
        set_desc SEL_CONF,  0, 0xFFFFF, ACC_P | ACC_CODE | ACC_CONFORM | ACC_READ, FL_G | FL_DB

; ---- null selectors (SDM 3.4.2, 5.4.1) -------------------------------------
        post 0x10
        ; A null selector loads into DS/ES/FS/GS; any use of it is #GP(0).
        load_ok fs, 0
        load_ok es, 3                   ; null with RPL 3 is null too
        if_not_qemu
        access_faults VEC_GP, 0, mov eax, [fs:0]
        mov ax, 3                       ; ES again: the #GP above reset it to flat
        mov es, ax
        access_faults VEC_GP, 0, mov [es:TEST_DATA], eax
        ; Same for DS: arm first (the recorder's variables live behind DS).
        xor ax, ax
        expect_exception .ds_resume
        mov ds, ax
.ds_use:
        mov eax, [TEST_DATA]
.ds_resume:
        check_exception VEC_GP, 0, .ds_use
        end_if_not_qemu
        ; SS can never be null: #GP(0) at the load.
        load_faults ss, 0, VEC_GP, 0
        load_faults ss, 3, VEC_GP, 0

; ---- presence and table bounds (MOV Sreg exceptions) ---------------------
        post 0x11
        load_faults fs, SEL_NP, VEC_NP, SEL_NP          ; #NP(selector)
        load_faults ds, SEL_NP | 3, VEC_GP, SEL_NP      ; DPL is checked before P
        load_faults ss, SEL_NPSTK, VEC_SS, SEL_NPSTK    ; SS: #SS(selector)
        load_faults gs, GDT_ENTRIES * 8, VEC_GP, GDT_ENTRIES * 8  ; beyond the GDT limit
        load_faults gs, 0x44, VEC_GP, 0x44              ; TI=1 with no LDT loaded

; ---- type and privilege (SDM 5.6, 5.7) -------------------------------------
        post 0x12
        load_faults fs, SEL_DATA0 | 3, VEC_GP, SEL_DATA0        ; RPL 3 > DPL 0
        load_faults fs, SEL_DPL1 | 2, VEC_GP, SEL_DPL1          ; RPL 2 > DPL 1
        load_ok fs, SEL_DPL1 | 1
        load_ok fs, SEL_DPL3 | 3
        load_faults fs, SEL_XO, VEC_GP, SEL_XO                  ; execute-only code
        load_ok fs, SEL_RX                                      ; readable code is fine
        load_faults fs, SEL_RX | 3, VEC_GP, SEL_RX              ; non-conforming: RPL checked
        load_ok fs, SEL_CONF | 3                                ; conforming: no privilege check
        load_faults fs, SEL_TSS0, VEC_GP, SEL_TSS0              ; system segment
        load_faults fs, SEL_CALLG, VEC_GP, SEL_CALLG            ; gate
        load_faults ss, SEL_DATA0 | 3, VEC_GP, SEL_DATA0        ; SS: RPL must equal CPL
        load_faults ss, SEL_DPL3, VEC_GP, SEL_DPL3              ; SS: DPL must equal CPL
        load_faults ss, SEL_RO, VEC_GP, SEL_RO                  ; SS: must be writable
        load_faults ss, SEL_RX, VEC_GP, SEL_RX                  ; SS: not code
        load_ok ss, SEL_STK
        load_ok ss, SEL_DATA0

; ---- limits (SDM 5.3) ------------------------------------------------------
        post 0x13
        if_not_qemu
        with_fs SEL_LIM                 ; expand-up, limit 0xFFF: offsets 0-0xFFF
        access_ok mov eax, [fs:0xFFC]
        access_faults VEC_GP, 0, mov eax, [fs:0xFFD]    ; last byte at 0x1000
        with_fs SEL_LIM
        access_faults VEC_GP, 0, mov byte [fs:0x1000], 0
        with_fs SEL_G                   ; limit 0, G=1: offsets 0-0xFFF
        access_ok mov eax, [fs:0xFFC]
        access_faults VEC_GP, 0, mov al, [fs:0x1000]
        with_fs SEL_ED32                ; expand-down, B=1: offsets 0x1000-0xFFFFFFFF
        access_faults VEC_GP, 0, mov al, [fs:0xFFF]
        with_fs SEL_ED32
        access_faults VEC_GP, 0, mov eax, [fs:0xFFE]    ; starts below, ends above
        with_fs SEL_ED32
        access_ok mov eax, [fs:0x1000]
        access_ok mov al, [fs:0x20000]                  ; far above a B=0 bound
        with_fs SEL_ED16                ; expand-down, B=0: offsets 0x1000-0xFFFF
        access_ok mov ax, [fs:0xFFFE]
        access_faults VEC_GP, 0, mov eax, [fs:0xFFFE]   ; runs past 0xFFFF
        with_fs SEL_ED16
        access_faults VEC_GP, 0, mov al, [fs:0x10000]
        with_fs SEL_ED16
        access_faults VEC_GP, 0, mov al, [fs:0xFFF]
        ; Through SS the same violation is #SS(0).
        mov ax, SEL_STK                 ; limit 0xFFFF, base 0: the stack still fits
        mov ss, ax
        mov ebp, 0x10000
        access_faults VEC_SS, 0, mov eax, [ebp]
        end_if_not_qemu

; ---- rights on access (SDM 5.5: read-only data, execute-only code) --------
        post 0x14
        if_not_qemu
        with_fs SEL_RO
        access_ok mov eax, [fs:TEST_DATA]
        access_faults VEC_GP, 0, mov [fs:TEST_DATA], eax
        access_faults VEC_GP, 0, mov [cs:TEST_DATA], eax        ; code is never writable
        access_ok mov eax, [cs:lib_gdtr]                        ; readable code
        jmp SEL_XO:.in_xo
.in_xo: access_faults VEC_GP, 0, mov eax, [cs:lib_gdtr]         ; execute-only code
        jmp SEL_CODE0:.out_xo
.out_xo:
        end_if_not_qemu

; ---- the accessed bit (SDM 3.4.5.1: set by the CPU on a load) ------------
        post 0x15
        movzx eax, byte [GDT_BASE + SEL_UNACC + 5]
        check_eq eax, ACC_P | ACC_S | ACC_WRITE
        mov ax, SEL_UNACC
        mov gs, ax
        movzx eax, byte [GDT_BASE + SEL_UNACC + 5]
        check_eq eax, ACC_P | ACC_S | ACC_WRITE | ACC_ACCESSED
        if_not_qemu                     ; QEMU sets it for data loads only
        movzx eax, byte [GDT_BASE + SEL_CODE0 + 5]      ; CS, loaded by the far JMP at reset
        check_eq eax, ACC_P | ACC_CODE | ACC_READ | ACC_ACCESSED
        end_if_not_qemu
        movzx eax, byte [GDT_BASE + SEL_TSS0 + 5]       ; LTR marks the TSS busy
        check_eq eax, ACC_P | SYS_TSS32 | 2

; ---- LAR (SDM vol. 2: rights masked by 00FxFF00h; ZF) ---------------------
        post 0x16
        mov bx, SEL_DATA0               ; (loaded into DS: accessed)
        lar eax, bx
        check_flags EFL_ZF, EFL_ZF
        check_bits eax, 0x00F0FF00, 0x00C09300
        mov eax, 0xFFFFFFFF
        lar ax, bx                      ; 16-bit: byte 5 in bits 15-8, upper half kept
        check_bits eax, 0xFFFFFF00, 0xFFFF9300
        mov bx, SEL_TSS0                ; a busy TSS is valid for LAR
        lar eax, bx
        check_flags EFL_ZF, EFL_ZF
        check_bits eax, 0x00F0FF00, 0x00008B00
        mov bx, SEL_CALLG               ; a call gate too
        lar eax, bx
        check_flags EFL_ZF, EFL_ZF
        check_bits eax, 0x0000FF00, 0x00008C00
        mov eax, 0x12345678
        mov bx, SEL_INTG                ; an interrupt gate is not
        lar eax, bx
        check_flags EFL_ZF, 0
        check_eq eax, 0x12345678        ; destination unchanged
        xor bx, bx                      ; nor is null
        lar eax, bx
        check_flags EFL_ZF, 0
        mov bx, SEL_DATA0 | 3           ; RPL 3 > DPL 0: not visible
        lar eax, bx
        check_flags EFL_ZF, 0
        mov bx, SEL_CONF | 3            ; conforming code: visible anyway
        lar eax, bx
        check_flags EFL_ZF, EFL_ZF
        mov bx, SEL_NP                  ; not present is still valid for LAR
        lar eax, bx
        check_flags EFL_ZF, EFL_ZF
        check_bits eax, 0x00F0FF00, 0x00C01200

; ---- LSL (the limit in bytes, G applied) ----------------------------------
        mov bx, SEL_DATA16
        lsl eax, bx
        check_flags EFL_ZF, EFL_ZF
        check_eq eax, 0xFFFF
        mov bx, SEL_DATA0
        lsl eax, bx
        check_eq eax, 0xFFFFFFFF
        mov bx, SEL_G
        lsl eax, bx
        check_eq eax, 0xFFF
        mov bx, SEL_TSS0
        lsl eax, bx
        check_flags EFL_ZF, EFL_ZF
        check_eq eax, TSS0_LIMIT
        mov eax, 0x12345678
        mov bx, SEL_CALLG               ; gates have no limit
        lsl eax, bx
        check_flags EFL_ZF, 0
        check_eq eax, 0x12345678
        mov bx, GDT_ENTRIES * 8         ; beyond the GDT
        lsl eax, bx
        check_flags EFL_ZF, 0

; ---- VERR / VERW -----------------------------------------------------------
        mov bx, SEL_RX
        verr bx
        check_flags EFL_ZF, EFL_ZF
        mov bx, SEL_XO
        verr bx
        check_flags EFL_ZF, 0
        mov bx, SEL_RO
        verr bx
        check_flags EFL_ZF, EFL_ZF
        verw bx
        check_flags EFL_ZF, 0
        mov bx, SEL_DATA0
        verw bx
        check_flags EFL_ZF, EFL_ZF
        mov bx, SEL_RX
        verw bx                         ; code is never writable
        check_flags EFL_ZF, 0
        mov bx, SEL_DATA0 | 3
        verr bx                         ; RPL 3 > DPL 0
        check_flags EFL_ZF, 0
        mov bx, SEL_TSS0
        verr bx                         ; system segment
        check_flags EFL_ZF, 0
        xor bx, bx
        verw bx
        check_flags EFL_ZF, 0

; ---- ARPL: raise the RPL of the destination to the source's ----------------
        mov eax, 0xABCD0008
        mov bx, 0x0003
        arpl ax, bx
        check_flags EFL_ZF, EFL_ZF
        check_eq eax, 0xABCD000B
        mov bx, 0x0001
        arpl ax, bx                     ; already higher: unchanged, ZF=0
        check_flags EFL_ZF, 0
        check_eq eax, 0xABCD000B

; ---- LAR at ring 3: only what ring 3 can see ------------------------------
        run_ring3 .ring3_lar
        check_back
        check_bits esi, EFL_ZF, 0               ; LAR SEL_DATA0 at CPL 3
        check_bits edi, EFL_ZF, EFL_ZF          ; LAR SEL_DATA3
        check_bits ecx, 0x00F0FE00, 0x00C0F200  ; (accessed bit: see README)
        ret

        ; CPL 3: LAR of a DPL 0 segment fails, of a DPL 3 one works.
.ring3_lar:
        mov bx, SEL_DATA0
        lar eax, bx
        pushfd
        pop esi
        mov bx, SEL_DATA3
        lar ecx, bx
        pushfd
        pop edi
        back_to_ring0

        rom_end
