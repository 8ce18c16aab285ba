; palette.asm - placeholder (empty) until the INT 10h engineer's file lands.
