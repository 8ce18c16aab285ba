; disk_floppy.asm - placeholder from bios-core until bios-disk provides the floppy driver.
irq6_entry:
        iret
