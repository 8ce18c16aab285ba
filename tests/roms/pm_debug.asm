; pm_debug.asm - the debug registers: an instruction breakpoint (a fault,
; suppressed by EFLAGS.RF), data breakpoints on write and on read/write (a
; trap after the access), DR6's B0-B3 / BS / BD status bits, an I/O
; breakpoint (CR4.DE), and DR7.GD (any MOV DRn faults first).
; Expectations: Intel SDM vol. 3, chapter 17 (17.2 debug registers, 17.3
; debug exception conditions, table 17-2 fault vs trap).
; Not here: task-switch breakpoints (T bit), branch trace, 8-byte lengths.

%define ROM_NAME "pm_debug"
%include "rom.inc"

WATCH       equ TEST_DATA + 0x40        ; the watched dword
DR6_B0 equ 1 << 0
DR6_B1 equ 1 << 1
DR6_B2 equ 1 << 2
DR6_B3 equ 1 << 3
DR6_BD equ 1 << 13
DR6_BS equ 1 << 14
DR6_STATUS equ DR6_B0 | DR6_B1 | DR6_B2 | DR6_B3 | DR6_BD | DR6_BS
DR7_GD equ 1 << 13

%macro clear_dr6 0
        xor eax, eax
        mov dr6, eax
%endmacro

%macro check_dr6 1                      ; the status bits of DR6
        mov eax, dr6
        check_bits eax, DR6_STATUS, %1
%endmacro

test_main:
; ---- DR0: instruction breakpoint, a fault; RF lets it run once ----------
; 17.3.1.1: the #DB is a fault taken before the instruction at DR0 runs
; (ECX still 0); the pushed EFLAGS has RF = 0 (the handler sets it);
; IRETD copies RF = 1 from the frame and the processor then ignores
; instruction breakpoints for one instruction, so INC runs once and the
; UD2 after it is the next exception.
        post 0x10
        clear_dr6
        mov eax, .bp_target
        mov dr0, eax
        mov eax, 1                      ; L0, R/W0 = 00 (execute), LEN0 = 00
        mov dr7, eax
        xor ecx, ecx
        expect_exception .bp_resume
        nop
.bp_target:
        inc ecx                         ; the breakpointed instruction
.bp_next:
        ud2                             ; #UD here if the #DB never came
.bp_resume:
        check_exception VEC_DB, NOERR, .bp_target
        check_eq ecx, 0                 ; a fault: INC has not run
        check_dr6 DR6_B0
        check_bits [exc_eflags], EFL_RF, 0
        ; IRETD back with RF = 1: the instruction runs without a new #DB.
        clear_dr6
        expect_exception .rf_resume
        pushfd
        or dword [esp], EFL_RF
        push dword SEL_CODE0
        push dword .bp_target
        iretd
.rf_resume:
        check_exception VEC_UD, NOERR, .bp_next
        check_eq ecx, 1                 ; INC ran exactly once
        xor eax, eax
        mov dr7, eax

; ---- DR1: data write breakpoint, a trap ------------------------------------
        post 0x11
        clear_dr6
        mov eax, WATCH
        mov dr1, eax
        mov eax, (1 << 2) | (01b << 20) | (11b << 22)   ; L1, write, 4 bytes
        mov dr7, eax
        expect_exception .w_read
        mov eax, [WATCH]                ; a read: nothing
.w_read:
        check_exception NONE, ANY, ANY
        expect_exception .w_resume
        mov dword [WATCH + 2], 0x55     ; overlaps the watched dword
.w_next:
        check_never
.w_resume:
        check_exception VEC_DB, NOERR, .w_next
        check_dr6 DR6_B1
        check_eq [WATCH + 2], 0x55      ; the write happened (a trap)

; ---- DR2: read/write breakpoint --------------------------------------------
        clear_dr6
        mov eax, WATCH + 8
        mov dr2, eax
        mov eax, (1 << 4) | (11b << 24) | (11b << 28)   ; L2, read/write, 4 bytes
        mov dr7, eax
        expect_exception .rw_resume
        mov eax, [WATCH + 8]
.rw_next:
        check_never
.rw_resume:
        check_exception VEC_DB, NOERR, .rw_next
        check_dr6 DR6_B2
        xor eax, eax
        mov dr7, eax

; ---- single step: DR6.BS ---------------------------------------------------
        post 0x12
        clear_dr6
        expect_exception .ss_resume
        pushfd
        or dword [esp], EFL_TF
        popfd
        nop
.ss_next:
        check_never
.ss_resume:
        check_exception VEC_DB, NOERR, .ss_next
        check_dr6 DR6_BS

; ---- DR3: I/O breakpoint (CR4.DE), a trap after IN --------------------------
        post 0x13
        mov eax, cr4
        or eax, CR4_DE
        mov cr4, eax
        clear_dr6
        mov eax, 0x84
        mov dr3, eax
        mov eax, (1 << 6) | (10b << 28)                 ; L3, I/O, 1 byte
        mov dr7, eax
        expect_exception .io_other
        in al, 0x85                     ; another port: nothing
.io_other:
        check_exception NONE, ANY, ANY
        expect_exception .io_resume
        in al, 0x84
.io_next:
        check_never
.io_resume:
        check_exception VEC_DB, NOERR, .io_next
        check_dr6 DR6_B3
        xor eax, eax
        mov dr7, eax

; ---- DR7.GD: the next MOV DRn faults, with DR6.BD; GD is cleared ---------
; 17.2.4: with GD set, a #DB (fault) comes before any MOV that accesses a
; debug register; DR6.BD is set, and the processor clears GD on entering
; the #DB handler.  QEMU 7.2 TCG does not implement GD (README.md).
        post 0x14
        if_not_qemu
        clear_dr6
        mov eax, DR7_GD
        mov dr7, eax
        expect_exception .gd_resume
.gd_at: mov eax, dr0
        check_never
.gd_resume:
        check_exception VEC_DB, NOERR, .gd_at
        mov eax, dr7                    ; no fault now: GD was cleared
        check_bits eax, DR7_GD, 0
        check_dr6 DR6_BD
        end_if_not_qemu
        ret

        rom_end
