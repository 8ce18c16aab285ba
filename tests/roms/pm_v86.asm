; pm_v86.asm - virtual-8086 mode: entered by IRETD with EFLAGS.VM from ring
; 0, real-mode addressing (segment * 16 + offset) at CPL 3, the IOPL-
; sensitive instructions (INT n, CLI, PUSHF, POPF: #GP(0) when IOPL < 3),
; INT3 (not IOPL-sensitive, but its gate's DPL is checked), I/O through the
; TSS bitmap whatever the IOPL, and the way out through an interrupt gate:
; the frame with GS, FS, DS, ES, SS, ESP, EFLAGS, CS, EIP.
; Expectations: Intel SDM vol. 3, chapter 20 (20.2 V86 mode, 20.3
; interrupts and exceptions, figure 20-5 the frame), vol. 2 INT n.
; Not here: CR4.VME / PVI (virtual interrupt flags), V86 tasks.

%define ROM_NAME "pm_v86"
%include "rom.inc"

V86_SP      equ 0x6000          ; SS = 0: below the library's stacks

; run_v86 CODE, EFLAGS - IRETD into V86 at F000:CODE with SS:SP = 0:V86_SP
; and ES = DS = FS = GS = 0; back here by INT 0x30 or a fault.
%macro run_v86 2
        expect_exception %%back
        push dword 0                    ; GS
        push dword 0                    ; FS
        push dword 0                    ; DS
        push dword 0                    ; ES
        push dword 0                    ; SS
        push dword V86_SP
        push dword EFL_VM | (%2)
        push dword 0xF000
        push dword (%1) - $$
        iretd
%%back:
        mov dword [exc_armed], 0
%endmacro

IOPL0       equ 0x0002
IOPL3       equ EFL_IOPL3 | 0x0002

test_main:
        mov word [TEST_DATA + 0x10], 0

; ---- real-mode addressing at CPL 3, back out by INT 0x30 (IOPL 3) ----------
        post 0x10
        run_v86 v86_basic, IOPL3
        check_back
        check_bits ebx, 0xFFFF, 0x1234          ; read back through 1001:0000
        movzx eax, word [TEST_DATA + 0x10]      ; 1000:0010 is linear 0x10010
        check_eq eax, 0x1234
        ; The frame (SDM figure 20-5): all nine words, from the TSS stack.
        check_eq [exc_eip], v86_basic_back - $$
        check_eq [exc_cs], 0xF000
        check_bits [exc_eflags], EFL_VM | EFL_IOPL3, EFL_VM | EFL_IOPL3
        check_eq [exc_esp_pushed], V86_SP
        check_eq [exc_ss_pushed], 0
        check_eq [exc_es_pushed], 0x2000
        check_eq [exc_ds_pushed], 0x1000
        check_eq [exc_fs_pushed], 0x3000
        check_eq [exc_gs_pushed], 0x4000
        check_eq [exc_frame], ISTACK_TOP - 36

; ---- IOPL 0: INT n, CLI, PUSHF, POPF go to the monitor as #GP(0) --------
        post 0x11
        run_v86 v86_int, IOPL0
        check_exception VEC_GP, 0, v86_int - $$
        check_eq [exc_cs], 0xF000
        check_bits [exc_eflags], EFL_VM, EFL_VM
        run_v86 v86_cli, IOPL0
        check_exception VEC_GP, 0, v86_cli - $$
        run_v86 v86_pushf, IOPL0
        check_exception VEC_GP, 0, v86_pushf - $$
        run_v86 v86_popf, IOPL0
        check_exception VEC_GP, 0, v86_popf_at - $$

; ---- IOPL 3: the same instructions run in V86 ------------------------------
        post 0x12
        run_v86 v86_cli, IOPL3
        check_back
        run_v86 v86_pushf, IOPL3
        check_back
        check_bits eax, 0xFFFF, 0x3002          ; the 16-bit image: IOPL 3, no VM
        run_v86 v86_popf, IOPL3
        check_back

; ---- INT3: not IOPL-sensitive, but a software interrupt: gate DPL counts ---
        post 0x13
        run_v86 v86_int3, IOPL0                 ; gate 3 has DPL 0 < CPL 3
        check_exception VEC_GP, VEC_BP * 8 + 2, v86_int3 - $$
        set_gate VEC_BP, lib_stubs + VEC_BP * 16, SEL_CODE0, GATE_INT32 | GATE_DPL3
        run_v86 v86_int3, IOPL0                 ; DPL 3: #BP, a trap
        check_exception VEC_BP, NOERR, v86_int3_next - $$
        check_bits [exc_eflags], EFL_VM, EFL_VM
        restore_gate VEC_BP

; ---- I/O: the TSS bitmap decides, IOPL does not ----------------------------
        post 0x14
        and byte [TSS0_IOMAP + 0x84 / 8], ~(1 << (0x84 % 8))
        run_v86 v86_in84, IOPL0                 ; IN passes; the INT 0x30 after it
        check_exception VEC_GP, 0, v86_in84_exit - $$   ; is what faults at IOPL 0
        run_v86 v86_in85, IOPL3
        check_exception VEC_GP, 0, v86_in85 - $$
        ret

; ---- V86 code (16-bit, CS = F000) ------------------------------------------
        bits 16
v86_basic:
        mov ax, 0x1000
        mov ds, ax
        mov word [0x10], 0x1234
        mov ax, 0x1001
        mov es, ax
        mov bx, [es:0]
        mov ax, 0x3000
        mov fs, ax
        mov ax, 0x4000
        mov gs, ax
        mov ax, 0x2000
        mov es, ax
        int VEC_BACK
v86_basic_back:

v86_int:
        int VEC_BACK                    ; IOPL 0: this INT itself faults
v86_cli:
        cli
        int VEC_BACK
v86_pushf:
        pushf
        pop ax
        int VEC_BACK
v86_popf:
        push word 0x3002
v86_popf_at:
        popf
        int VEC_BACK
v86_int3:
        int3
v86_int3_next:
        int VEC_BACK
v86_in84:
        in al, 0x84
v86_in84_exit:
        int VEC_BACK
v86_in85:
        in al, 0x85
        int VEC_BACK
        bits 32

        rom_end
