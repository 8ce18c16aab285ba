; acpi.asm - placeholder from bios-core until bios-disk provides the ACPI tables.
acpi_post:
        ret
