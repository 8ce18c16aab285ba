; pm_exceptions.asm - what the CPU delivers for each exception in protected
; mode: the vector, the error code (present or not, and its value), and the
; saved EIP - the faulting instruction for a fault, the next one for a trap.
; Also the error code that names an IDT entry (index * 8 + 2, plus EXT = 1
; when the event was not the program's own INT n), a gate that is not
; present, a vector beyond the IDT limit, and a double fault from two
; contributory exceptions.  Expectations: Intel SDM vol. 3, 6.3-6.15
; (table 6-1 vectors, 6.13 error code, 6.15 exception reference, table
; 6-5 double-fault conditions).
; Not here: #PF (pm_paging), #DB from debug registers (pm_debug), #MF/#XM
; (the x87 and SSE families), #MC, NMI and external interrupts.

%define ROM_NAME "pm_exceptions"
%include "rom.inc"

SEL_NP      equ 0x40    ; writable data, not present
BOUNDS      equ TEST_DATA           ; BOUND's pair: lower, upper
AC_DATA     equ TEST_DATA + 0x100   ; where ring 3 makes a misaligned access
IDTR_SMALL  equ TEST_DATA + 0x200   ; a shorter IDT limit, same base

; faults_at VECTOR, ERROR, INSTRUCTION - the instruction faults: the saved
; EIP is the instruction itself.
%macro faults_at 3+
        expect_exception %%resume
%%at:   %3
%%resume:
        check_exception %1, %2, %%at
%endmacro

; traps_after VECTOR, INSTRUCTION - the instruction traps: the saved EIP is
; the instruction after it.
%macro traps_after 2+
        expect_exception %%resume
        %2
%%next: check_never
%%resume:
        check_exception %1, NOERR, %%next
%endmacro

test_main:
        set_desc SEL_NP, 0, 0xFFFFF, ACC_S | ACC_WRITE, FL_G | FL_DB

; ---- #DE: divide error, a fault ------------------------------------------
        post 0x10
        xor ecx, ecx
        mov eax, 1
        xor edx, edx
        faults_at VEC_DE, NOERR, div ecx
        mov eax, 0x80000000             ; INT_MIN / -1 does not fit: #DE too
        cdq
        mov ecx, -1
        faults_at VEC_DE, NOERR, idiv ecx
        mov ax, 0x1000                  ; quotient 0x1000 > 0xFF
        mov cl, 1
        faults_at VEC_DE, NOERR, div cl

; ---- #DB: single step (TF) and INT1 (ICEBP), traps -----------------------
        post 0x11
        ; TF set by POPFD: the trap comes after the instruction that follows.
        expect_exception .tf_resume
        pushfd
        or dword [esp], EFL_TF
        popfd
        mov eax, 1
.tf_next:
        check_never
.tf_resume:
        check_exception VEC_DB, NOERR, .tf_next
        check_bits [exc_eflags], EFL_TF, EFL_TF         ; the frame still has TF
        ; INT1 (ICEBP, F1) raises #DB as a trap (SDM vol. 2 "INTn/INTO/
        ; INT3/INT1").  QEMU 7.2 builds it only with WANT_ICEBP: #UD there.
        if_not_qemu
        traps_after VEC_DB, db 0xF1
        end_if_not_qemu

; ---- #BP, #OF: INT3 and INTO trap; INTO without OF does nothing --------
        post 0x12
        traps_after VEC_BP, int3
        traps_after VEC_BP, int 3
        mov al, 0x7F
        add al, 1                       ; OF = 1
        traps_after VEC_OF, into
        xor eax, eax                    ; OF = 0
        expect_exception .into_resume
        into
.into_resume:
        check_exception NONE, ANY, ANY

; ---- #BR: BOUND out of range, a fault --------------------------------------
        mov dword [BOUNDS], 10
        mov dword [BOUNDS + 4], 20
        mov eax, 21
        faults_at VEC_BR, NOERR, bound eax, [BOUNDS]
        mov eax, 9
        faults_at VEC_BR, NOERR, bound eax, [BOUNDS]
        mov eax, 20                     ; the bounds are inclusive
        expect_exception .bound_resume
        bound eax, [BOUNDS]
.bound_resume:
        check_exception NONE, ANY, ANY

; ---- #UD ---------------------------------------------------------------------
        post 0x13
        faults_at VEC_UD, NOERR, ud2
        faults_at VEC_UD, NOERR, db 0xF0, 0x90          ; LOCK NOP: not lockable
        faults_at VEC_UD, NOERR, db 0xF0, 0x01, 0xD8    ; LOCK ADD EAX,EBX: register destination

; ---- #NM: CR0.TS with an x87 instruction, WAIT only when MP too ----------
        post 0x14
        smsw ax
        or ax, CR0_TS | CR0_MP
        lmsw ax
        faults_at VEC_NM, NOERR, fnop
        faults_at VEC_NM, NOERR, wait
        smsw ax
        and ax, ~CR0_MP
        lmsw ax
        expect_exception .wait_resume
        wait                            ; TS without MP: WAIT runs
.wait_resume:
        check_exception NONE, ANY, ANY
        faults_at VEC_NM, NOERR, fnop   ; but ESC still faults
        clts
        expect_exception .clts_resume
        fnop
.clts_resume:
        check_exception NONE, ANY, ANY

; ---- #TS: IRET with NT to a back link that is not a busy TSS -------------
        post 0x15
        mov word [TSS0_BASE], SEL_DATA0 ; back link: a data segment
        pushfd
        or dword [esp], EFL_NT
        popfd
        faults_at VEC_TS, SEL_DATA0, iretd
        mov word [TSS0_BASE], 0

; ---- #NP and #SS: not-present segments ------------------------------------
        mov ax, SEL_NP
        faults_at VEC_NP, SEL_NP, mov es, ax
        faults_at VEC_SS, SEL_NP, mov ss, ax
        ; A gate that is not present: #NP(vector * 8 + 2); INT n is the
        ; program's own, so EXT = 0.
        set_gate 0x40, lib_stubs + 0x40 * 16, SEL_CODE0, SYS_INT32
        faults_at VEC_NP, 0x40 * 8 + 2, int 0x40
        ; For an exception (BOUND's #BR) EXT = 1.  #BR is benign, so the
        ; #NP is delivered normally.
        set_gate VEC_BR, lib_stubs + VEC_BR * 16, SEL_CODE0, SYS_INT32
        ; QEMU leaves EXT clear there (SDM 6.13: EXT is clear only for
        ; INT n, INT3 and INTO), so only the error code is skipped.
        mov eax, 21
        faults_at VEC_NP, ANY, bound eax, [BOUNDS]
        if_not_qemu
        check_eq [exc_error], VEC_BR * 8 + 2 + 1
        end_if_not_qemu
        restore_gate VEC_BR

; ---- #GP: IDT limit, gate DPL, privileged instructions at ring 3 --------
        post 0x16
        mov word [IDTR_SMALL], 0x80 * 8 - 1
        mov dword [IDTR_SMALL + 2], IDT_BASE
        lidt [IDTR_SMALL]
        faults_at VEC_GP, 0x90 * 8 + 2, int 0x90        ; beyond the limit
        lidt [lib_idtr]
        run_ring3 .ring3_int                            ; DPL 0 gate from CPL 3
        check_exception VEC_GP, 0x41 * 8 + 2, .ring3_int
        run_ring3 .ring3_hlt                            ; HLT at CPL 3
        check_exception VEC_GP, 0, .ring3_hlt
        run_ring3 .ring3_lidt                           ; LIDT at CPL 3
        check_exception VEC_GP, 0, .ring3_lidt
        mov ax, SEL_DATA3                               ; MOV CR0 at CPL 3
        run_ring3 .ring3_mov_cr
        check_exception VEC_GP, 0, .ring3_mov_cr

; ---- #AC: CR0.AM + EFLAGS.AC + CPL 3 + a misaligned access -----------------
        post 0x17
        mov eax, cr0
        or eax, CR0_AM
        mov cr0, eax
        if_not_qemu
        run_ring3 .ring3_ac
        check_exception VEC_AC, 0, .ring3_ac_at
        ; The same with #AC's gate beyond the IDT limit: #GP(17 * 8 + 2 + 1);
        ; #AC is benign, so the #GP is delivered normally.
        mov word [IDTR_SMALL], VEC_AC * 8 - 1
        lidt [IDTR_SMALL]
        run_ring3 .ring3_ac
        lidt [lib_idtr]
        check_exception VEC_GP, VEC_AC * 8 + 2 + 1, .ring3_ac_at
        end_if_not_qemu
        mov eax, cr0
        and eax, ~CR0_AM
        mov cr0, eax
        run_ring3 .ring3_ac                             ; AM off: no #AC
        check_back

; ---- #DF: a contributory exception while delivering another -------------
        post 0x18
        ; #NP's gate names a null code selector: delivering #NP raises #GP,
        ; and #NP then #GP is a double fault, error code 0, EIP undefined.
        set_gate VEC_NP, lib_stubs + VEC_NP * 16, 0, GATE_INT32
        mov ax, SEL_NP
        expect_exception .df_resume
        mov es, ax
.df_resume:
        check_exception VEC_DF, 0, ANY
        restore_gate VEC_NP
        ; The same pair the other way: #GP whose gate is not present.
        set_gate VEC_GP, lib_stubs + VEC_GP * 16, SEL_CODE0, SYS_INT32
        expect_exception .df2_resume
        mov ax, SEL_DATA0 | 3
        mov es, ax                      ; #GP(0x10), then #NP(13 * 8 + 3)
.df2_resume:
        check_exception VEC_DF, 0, ANY
        restore_gate VEC_GP
        ; A benign one first (#BR) and a contributory second: no #DF.
        set_gate VEC_BR, lib_stubs + VEC_BR * 16, 0, GATE_INT32
        mov eax, 21
        faults_at VEC_GP, ANY, bound eax, [BOUNDS]      ; null CS in the gate
        if_not_qemu                                     ; QEMU: no EXT (see above)
        check_eq [exc_error], 0 + 1                     ; #GP(EXT)
        end_if_not_qemu
        restore_gate VEC_BR
        ret

.ring3_int:
        int 0x41
        back_to_ring0
.ring3_hlt:
        hlt
        back_to_ring0
.ring3_lidt:
        lidt [lib_idtr]
        back_to_ring0
.ring3_mov_cr:
        mov eax, cr0
        back_to_ring0
.ring3_ac:
        mov ax, SEL_DATA3
        mov ds, ax
        pushfd
        or dword [esp], EFL_AC
        popfd
.ring3_ac_at:
        mov eax, [AC_DATA + 1]
        back_to_ring0

        rom_end
