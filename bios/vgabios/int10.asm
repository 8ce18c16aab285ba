; int10.asm - PLACEHOLDER written by the VBE engineer so the ROM assembles
; before the INT 10h engineer's dispatcher lands; it is theirs to replace.
; It only routes AH=4Fh to vbe_int10 and returns everything else unchanged.

int10_handler:
        cmp ah, 4Fh
        jne .other
        jmp vbe_int10
.other:
        iret
