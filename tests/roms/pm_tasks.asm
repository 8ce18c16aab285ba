; pm_tasks.asm - hardware task switches: JMP and CALL to a TSS descriptor,
; INT through a task gate, IRET with NT back to the caller, the busy bits
; in the GDT, the back link, NT, CR0.TS, the state saved in the old TSS and
; loaded from the new one, a 16-bit TSS, and the #GP for a busy TSS.
; Expectations: Intel SDM vol. 3, chapter 7 (7.3 task switching, table 7-2
; busy/NT/link effects, 7.4 task linking, figures 7-2 and 7-11 TSS layouts).
; Not here: LDTs and CR3 in the TSS, the I/O map, faults during the switch.

%define ROM_NAME "pm_tasks"
%include "rom.inc"

SEL_TSSB    equ 0x40            ; 32-bit TSS of task B
SEL_TSS16   equ 0x48            ; 16-bit TSS of task C
SEL_TGATE   equ 0x50            ; task gate to task B (GDT)
VEC_TASK    equ 0x50            ; task gate to task B (IDT)
TSSB        equ TEST_DATA + 0x1000
TSS16       equ TEST_DATA + 0x1100
TASK_STACK  equ TEST_DATA + 0x3000
SEEN        equ TEST_DATA + 0x2000  ; what the tasks saw, see task_b
B_EXIT      equ SEEN + 0            ; 0: task B leaves by JMP, 1: by IRETD
B_TR        equ SEEN + 4
B_EFLAGS    equ SEEN + 8
B_TSS0_ACC  equ SEEN + 12
B_TSSB_ACC  equ SEEN + 16
B_LINK      equ SEEN + 20
C_MARK      equ SEEN + 24

; TSS32 field offsets (SDM figure 7-2)
T_LINK equ 0x00
T_EIP  equ 0x20
T_EFL  equ 0x24
T_EAX  equ 0x28
T_ESP  equ 0x38
T_ESI  equ 0x40
T_ES   equ 0x48
T_CS   equ 0x4C
T_SS   equ 0x50
T_DS   equ 0x54
T_FS   equ 0x58
T_GS   equ 0x5C
T_IOMAP equ 0x66

%macro gdt_access 1             ; eax = access byte of GDT entry %1
        movzx eax, byte [GDT_BASE + ((%1) & 0xFFF8) + 5]
%endmacro

test_main:
        set_gdt_gate SEL_TGATE, 0, SEL_TSSB, GATE_TASK, 0
        set_gate VEC_TASK, 0, SEL_TSSB, GATE_TASK

; ---- JMP to a TSS: no link, no NT, the old task is no longer busy --------
        post 0x10
        call init_task_b
        mov dword [B_EXIT], 0
        mov esi, 0x5A5A5A5A
        jmp SEL_TSSB:0                  ; task B runs, then JMPs back here
.after_jmp:
        check_eq esi, 0x5A5A5A5A        ; our ESI came back from TSS0
        check_eq [TSS0_BASE + T_EIP], .after_jmp       ; saved: the next EIP
        check_eq [TSS0_BASE + T_ESI], 0x5A5A5A5A
        check_eq [B_TR], SEL_TSSB
        check_bits [B_EFLAGS], EFL_NT, 0
        check_eq [B_TSS0_ACC], ACC_P | SYS_TSS32       ; JMP freed the old task
        check_eq [B_TSSB_ACC], ACC_P | SYS_TSS32 | 2   ; and made B busy
        check_eq [TSSB + T_ESI], 0xB0B0B0B0            ; B's state saved in its TSS
        check_eq [TSSB + T_EIP], task_b_after_jmp
        gdt_access SEL_TSSB                            ; B is free again
        check_eq eax, ACC_P | SYS_TSS32
        gdt_access SEL_TSS0
        check_eq eax, ACC_P | SYS_TSS32 | 2
        smsw ax                                        ; every switch sets CR0.TS
        check_bits eax, CR0_TS, CR0_TS
        clts

; ---- CALL to a TSS: link, NT, both busy; IRETD comes back -----------------
        post 0x11
        call init_task_b
        mov dword [B_EXIT], 1
        call SEL_TSSB:0
.after_call:
        check_bits [B_EFLAGS], EFL_NT, EFL_NT
        check_eq [B_LINK], SEL_TSS0
        check_eq [B_TSS0_ACC], ACC_P | SYS_TSS32 | 2   ; the caller stays busy
        check_eq [B_TSSB_ACC], ACC_P | SYS_TSS32 | 2
        gdt_access SEL_TSSB                            ; IRET freed B
        check_eq eax, ACC_P | SYS_TSS32
        check_eq [TSS0_BASE + T_EIP], .after_call
        pushfd
        pop eax
        check_bits eax, EFL_NT, 0                      ; ours was saved without NT
        clts

; ---- a task gate: in the IDT (INT n) and in the GDT (CALL) ---------------
        post 0x12
        call init_task_b
        mov dword [B_TR], 0
        int VEC_TASK
        check_eq [B_TR], SEL_TSSB
        check_bits [B_EFLAGS], EFL_NT, EFL_NT
        check_eq [B_LINK], SEL_TSS0
        call init_task_b
        mov dword [B_TR], 0
        call SEL_TGATE:0x12345678       ; a task gate ignores the offset
        check_eq [B_TR], SEL_TSSB
        check_eq [B_LINK], SEL_TSS0
        clts

; ---- a busy TSS cannot be entered ----------------------------------------------
        post 0x13
        expect_exception .busy_call
.busy_call_at:
        call SEL_TSS0:0                 ; ourselves: busy
.busy_call:
        check_exception VEC_GP, SEL_TSS0, .busy_call_at
        expect_exception .busy_jmp
.busy_jmp_at:
        jmp SEL_TSS0:0
.busy_jmp:
        check_exception VEC_GP, SEL_TSS0, .busy_jmp_at

; ---- a 16-bit TSS ---------------------------------------------------------------
        post 0x14
        set_desc SEL_TSS16, TSS16, 0x2B, ACC_P | SYS_TSS16, 0
        mov edi, TSS16
        mov ecx, 0x2C
        xor al, al
        rep stosb
        mov word [TSS16 + 14], task_c - $$      ; IP
        mov word [TSS16 + 16], 0x0002           ; FLAGS
        mov word [TSS16 + 26], TASK_STACK & 0xFFFF  ; SP (SS base 0 below)
        mov word [TSS16 + 36], SEL_CODE16       ; CS
        mov word [TSS16 + 38], SEL_DATA0        ; SS (32-bit flat: SP's upper half is 0)
        mov word [TSS16 + 40], SEL_DATA0        ; DS
        mov word [TSS16 + 34], SEL_DATA0        ; ES
        mov dword [C_MARK], 0
        call SEL_TSS16:0
        check_eq [C_MARK], 0xC16
        movzx eax, word [TSS16 + 0]             ; back link
        check_eq eax, SEL_TSS0
        movzx eax, word [TSS16 + 14]            ; C's saved IP: after its IRET
        check_eq eax, task_c_end - $$
        movzx eax, word [TSS16 + 30]            ; C's saved SI
        check_eq eax, 0x1616
        gdt_access SEL_TSS16
        check_eq eax, ACC_P | SYS_TSS16
        clts
        ret

; A fresh TSS for task B: ring 0, flat, its own stack, IF = 0.
init_task_b:
        pushad
        set_desc SEL_TSSB, TSSB, 0x67, ACC_P | SYS_TSS32, 0
        mov edi, TSSB
        mov ecx, 104
        xor al, al
        rep stosb
        mov dword [TSSB + T_EIP], task_b
        mov dword [TSSB + T_EFL], 0x00000002
        mov dword [TSSB + T_ESP], TASK_STACK
        mov word [TSSB + T_CS], SEL_CODE0
        mov word [TSSB + T_SS], SEL_DATA0
        mov word [TSSB + T_DS], SEL_DATA0
        mov word [TSSB + T_ES], SEL_DATA0
        mov word [TSSB + T_FS], SEL_DATA0
        mov word [TSSB + T_GS], SEL_DATA0
        mov word [TSSB + T_IOMAP], 104
        popad
        ret

; Task B: write down what it finds, then go back the way B_EXIT says.
task_b:
        str ax
        movzx eax, ax
        mov [B_TR], eax
        pushfd
        pop dword [B_EFLAGS]
        gdt_access SEL_TSS0
        mov [B_TSS0_ACC], eax
        gdt_access SEL_TSSB
        mov [B_TSSB_ACC], eax
        movzx eax, word [TSSB + T_LINK]
        mov [B_LINK], eax
        mov esi, 0xB0B0B0B0
        cmp dword [B_EXIT], 0
        jne task_b_by_iret
        jmp SEL_TSS0:0
task_b_after_jmp:
        check_never                     ; nobody resumes B after its JMP
task_b_by_iret:
        iretd
        check_never

; Task C: a 16-bit task; IRET (NT set by the CALL) returns to the caller.
        bits 16
task_c:
        mov dword [dword C_MARK], 0xC16
        mov si, 0x1616
        iret
task_c_end:
        jmp task_c_end
        bits 32

        rom_end
