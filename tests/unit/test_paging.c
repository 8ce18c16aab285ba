/*
 * test_paging.c - Check tests for paging and the software TLB
 * (cpu/paging.c, cpu/tlb.c, cpu/access.c, the fetch path of cpu/exec.c):
 * translations with 4 KiB, 4 MiB (PSE) and PAE 4 KiB / 2 MiB pages,
 * accessed and dirty bits, every #PF error-code class with CR2, CR0.WP,
 * global pages over a CR3 write, INVLPG, page-crossing accesses, an
 * instruction straddling two non-contiguous pages, self-modifying code
 * through a paged alias, and the TLB following A20 and region changes.
 *
 * Memory accesses are made by calling the core directly (mem_read32 ...)
 * so the exception and its error code can be checked without an IDT.
 */
#include "paging_fixture.h"

#include "cpu/tlb.h"
#include "tests/unit/check_main.h"

static volatile uint32_t got;

START_TEST(test_translate_4k_sets_accessed_and_dirty)
{
    paging_on(0x100000);
    map4k(0x00400000, 0x00200000, PTE_P | PTE_RW);
    EXPECT_OK(mem_write32(cpu, SEG_DS, 0x00400010, 0xCAFEBABE));
    ck_assert_uint_eq(rd32(0x00200010), 0xCAFEBABE);
    EXPECT_OK(got = mem_read32(cpu, SEG_DS, 0x00400010));
    ck_assert_uint_eq(got, 0xCAFEBABE);
    uint32_t pte = rd32(pte_addr(0x00400000));
    ck_assert_uint_eq(pte & (PTE_A | PTE_D), PTE_A | PTE_D);
    ck_assert_uint_ne(rd32(PD_BASE + 4) & PTE_A, 0);
}
END_TEST

/* A read sets A only; the first write after it must still walk and set D
 * (the TLB must not have cached write permission for a clean page). */
START_TEST(test_read_then_write_sets_dirty)
{
    paging_on(0x100000);
    map4k(0x00401000, 0x00201000, PTE_P | PTE_RW);
    EXPECT_OK(got = mem_read8(cpu, SEG_DS, 0x00401000));
    ck_assert_uint_eq(rd32(pte_addr(0x00401000)) & (PTE_A | PTE_D), PTE_A);
    EXPECT_OK(mem_write8(cpu, SEG_DS, 0x00401001, 7));
    ck_assert_uint_eq(rd32(pte_addr(0x00401000)) & (PTE_A | PTE_D), PTE_A | PTE_D);
}
END_TEST

START_TEST(test_not_present_faults)
{
    paging_on(0x100000);
    map4k(0x00402000, 0x00202000, 0); /* PTE not present */
    EXPECT_FAULT(mem_read32(cpu, SEG_DS, 0x00402ABC), EXC_PF, 0);
    ck_assert_uint_eq(cpu->cr2, 0x00402ABC);
    EXPECT_FAULT(mem_write16(cpu, SEG_DS, 0x00402002, 1), EXC_PF, PF_W);
    /* PDE not present: the whole 4 MiB at 0x00C00000 */
    EXPECT_FAULT(mem_read8(cpu, SEG_DS, 0x00C00005), EXC_PF, 0);
    ck_assert_uint_eq(cpu->cr2, 0x00C00005);
    cpu->cpl = 3;
    EXPECT_FAULT(mem_write8(cpu, SEG_DS, 0x00402000, 1), EXC_PF, PF_W | PF_U);
    ck_assert_uint_eq(rd32(pte_addr(0x00402000)) & PTE_A, 0);
}
END_TEST

START_TEST(test_user_supervisor_rules)
{
    paging_on(0x100000);
    map4k(0x00403000, 0x00203000, PTE_P | PTE_RW);          /* supervisor */
    map4k(0x00404000, 0x00204000, PTE_P | PTE_US);          /* user, read-only */
    map4k(0x00405000, 0x00205000, PTE_P | PTE_US | PTE_RW); /* user, writable */
    cpu->cpl = 3;
    EXPECT_FAULT(mem_read8(cpu, SEG_DS, 0x00403000), EXC_PF, PF_P | PF_U);
    EXPECT_FAULT(mem_write8(cpu, SEG_DS, 0x00403000, 1), EXC_PF, PF_P | PF_W | PF_U);
    EXPECT_OK(got = mem_read8(cpu, SEG_DS, 0x00404000));
    EXPECT_FAULT(mem_write8(cpu, SEG_DS, 0x00404000, 1), EXC_PF, PF_P | PF_W | PF_U);
    ck_assert_uint_eq(cpu->cr2, 0x00404000);
    EXPECT_OK(mem_write8(cpu, SEG_DS, 0x00405000, 1));
    /* Implicit accesses (descriptor tables) are supervisor at CPL 3. */
    EXPECT_OK(got = mem_read32_linear(cpu, 0x00403000));
    /* A user read-only PDE makes the writable PTE read-only too. */
    wr32(PD_BASE + (0x00405000 >> 22) * 4, rd32(PD_BASE + 4) & ~(uint32_t)PTE_RW);
    tlb_flush_all(cpu);
    EXPECT_FAULT(mem_write8(cpu, SEG_DS, 0x00405000, 1), EXC_PF, PF_P | PF_W | PF_U);
}
END_TEST

/* Supervisor writes to read-only pages fault only with CR0.WP. */
START_TEST(test_write_protect)
{
    paging_on(0x100000);
    map4k(0x00406000, 0x00206000, PTE_P | PTE_US); /* user read-only */
    map4k(0x00407000, 0x00207000, PTE_P);          /* supervisor read-only */
    EXPECT_OK(mem_write8(cpu, SEG_DS, 0x00406000, 0x11));
    EXPECT_OK(mem_write8(cpu, SEG_DS, 0x00407000, 0x22));
    ck_assert_uint_eq(phys_read8(ps, 0x00206000), 0x11);
    paging_write_cr0(cpu, cpu->cr0 | CR0_WP);
    EXPECT_FAULT(mem_write8(cpu, SEG_DS, 0x00406000, 1), EXC_PF, PF_P | PF_W);
    EXPECT_FAULT(mem_write8(cpu, SEG_DS, 0x00407000, 1), EXC_PF, PF_P | PF_W);
    ck_assert_uint_eq(phys_read8(ps, 0x00207000), 0x22);
}
END_TEST

START_TEST(test_pse_large_page)
{
    paging_on(0x100000);
    wr32(PD_BASE + 2 * 4, 0x00400000u | PTE_PS | PTE_P | PTE_RW); /* 0x800000 -> 0x400000 */
    /* Without CR4.PSE the PS bit is ignored: the PDE points to a table. */
    paging_write_cr4(cpu, CR4_PSE);
    EXPECT_OK(mem_write32(cpu, SEG_DS, 0x00923456, 0x12345678));
    ck_assert_uint_eq(rd32(0x00523456), 0x12345678);
    ck_assert_uint_eq(rd32(PD_BASE + 8) & (PTE_A | PTE_D), PTE_A | PTE_D);
    /* Bits 21:13 of a 4 MiB PDE are reserved without PSE-36. */
    wr32(PD_BASE + 2 * 4, 0x00400000u | (1u << 13) | PTE_PS | PTE_P | PTE_RW);
    tlb_flush_page(cpu, 0x00923456);
    EXPECT_FAULT(mem_read8(cpu, SEG_DS, 0x00923456), EXC_PF, PF_P | PF_RSVD);
    ck_assert_uint_eq(cpu->cr2, 0x00923456);
}
END_TEST

/* PAE: PDPT at 0x20000, PD at 0x21000, PT at 0x22000. */
static void pae_setup(void)
{
    const uint32_t pdpt = 0x20000, pd = 0x21000, pt = 0x22000;
    wr32(pdpt, pd | PTE_P);
    wr32(pd, pt | PTE_P | PTE_RW | PTE_US);
    for (uint32_t k = 0; k < 256; k++) /* identity 0-1 MiB */
        wr32(pt + 8 * k, (k << 12) | PTE_P | PTE_RW);
    wr32(pt + 8 * 0x100, 0x00300000u | PTE_P | PTE_RW); /* 0x100000 -> 0x300000 */
    wr32(pd + 8 * 2, 0x00600000u | PTE_PS | PTE_P | PTE_RW); /* 0x400000 -> 0x600000, 2 MiB */
    enter_flat_pmode();
    paging_write_cr4(cpu, CR4_PAE);
    paging_write_cr3(cpu, pdpt);
    paging_write_cr0(cpu, cpu->cr0 | CR0_PG);
}

START_TEST(test_pae_pages)
{
    pae_setup();
    EXPECT_OK(mem_write32(cpu, SEG_DS, 0x00100004, 0xA5A5A5A5));
    ck_assert_uint_eq(rd32(0x00300004), 0xA5A5A5A5);
    EXPECT_OK(mem_write32(cpu, SEG_DS, 0x00512340, 0x5A5A5A5A));
    ck_assert_uint_eq(rd32(0x00712340), 0x5A5A5A5A);
    ck_assert_uint_eq(rd32(0x21000 + 16) & (PTE_A | PTE_D), PTE_A | PTE_D);
    /* A reserved bit (bit 40) in a PTE: RSVD. */
    wr32(0x22000 + 8 * 0x100 + 4, 1u << 8);
    tlb_flush_page(cpu, 0x00100000);
    EXPECT_FAULT(mem_read8(cpu, SEG_DS, 0x00100000), EXC_PF, PF_P | PF_RSVD);
    /* Reserved bits in a 2 MiB PDE (bit 13). */
    wr32(0x21000 + 16, 0x00600000u | (1u << 13) | PTE_PS | PTE_P | PTE_RW);
    tlb_flush_page(cpu, 0x00400000);
    EXPECT_FAULT(mem_write8(cpu, SEG_DS, 0x00400000, 1), EXC_PF, PF_P | PF_W | PF_RSVD);
    /* Not-present PDPTE. */
    EXPECT_FAULT(mem_read8(cpu, SEG_DS, 0x40000000), EXC_PF, 0);
    ck_assert_uint_eq(cpu->cr2, 0x40000000);
    /* A present PDPTE with reserved bits: MOV CR3 raises #GP(0) and
     * changes nothing. */
    wr32(0x30000, 0x21000 | PTE_P | PTE_RW); /* bit 1 is reserved in a PDPTE */
    EXPECT_FAULT(paging_write_cr3(cpu, 0x30000), EXC_GP, 0);
    ck_assert_uint_eq(cpu->cr3, 0x20000);
}
END_TEST

START_TEST(test_global_page_survives_cr3_write)
{
    paging_on(0x100000);
    paging_write_cr4(cpu, CR4_PGE);
    map4k(0x00408000, 0x00208000, PTE_P | PTE_RW | PTE_G);
    map4k(0x00409000, 0x00209000, PTE_P | PTE_RW);
    wr32(0x00208000, 0x1111);
    wr32(0x00209000, 0x2222);
    wr32(0x00308000, 0x3333);
    wr32(0x00309000, 0x4444);
    EXPECT_OK(got = mem_read32(cpu, SEG_DS, 0x00408000));
    ck_assert_uint_eq(got, 0x1111);
    EXPECT_OK(got = mem_read32(cpu, SEG_DS, 0x00409000));
    ck_assert_uint_eq(got, 0x2222);
    /* Remap both behind the TLB's back, then reload CR3. */
    map4k(0x00408000, 0x00308000, PTE_P | PTE_RW | PTE_G);
    map4k(0x00409000, 0x00309000, PTE_P | PTE_RW);
    paging_write_cr3(cpu, cpu->cr3);
    EXPECT_OK(got = mem_read32(cpu, SEG_DS, 0x00408000));
    ck_assert_uint_eq(got, 0x1111); /* global: still the old translation */
    EXPECT_OK(got = mem_read32(cpu, SEG_DS, 0x00409000));
    ck_assert_uint_eq(got, 0x4444);
    /* INVLPG drops global entries too (run as an instruction). */
    static const uint8_t code[] = { 0x0F, 0x01, 0x3B, /* invlpg [ebx] */ 0xF4 };
    phys_write_block(ps, 0x5000, code, sizeof code);
    set_reg32(cpu, REG_BX, 0x00408123);
    run_code_at(0x5000);
    EXPECT_OK(got = mem_read32(cpu, SEG_DS, 0x00408000));
    ck_assert_uint_eq(got, 0x3333);
}
END_TEST

/* A write crossing into a not-present page faults with CR2 = the start
 * of that page and writes nothing, not even the bytes of the first. */
START_TEST(test_crossing_write_faults_before_writing)
{
    paging_on(0x100000);
    map4k(0x0040A000, 0x0020A000, PTE_P | PTE_RW);
    map4k(0x0040B000, 0x0020B000, 0);
    wr32(0x0020AFFC, 0x11223344);
    EXPECT_FAULT(mem_write32(cpu, SEG_DS, 0x0040AFFE, 0xAABBCCDD), EXC_PF, PF_W);
    ck_assert_uint_eq(cpu->cr2, 0x0040B000);
    ck_assert_uint_eq(rd32(0x0020AFFC), 0x11223344);
    EXPECT_FAULT(mem_check_write(cpu, SEG_DS, 0x0040AFFF, 2), EXC_PF, PF_W);
}
END_TEST

/* Both halves of a crossing access come from their own physical page. */
START_TEST(test_crossing_access_splits)
{
    paging_on(0x100000);
    map4k(0x0040C000, 0x00300000, PTE_P | PTE_RW);
    map4k(0x0040D000, 0x00100000, PTE_P | PTE_RW);
    EXPECT_OK(mem_write32(cpu, SEG_DS, 0x0040CFFE, 0x44332211));
    ck_assert_uint_eq(phys_read16(ps, 0x00300FFE), 0x2211);
    ck_assert_uint_eq(phys_read16(ps, 0x00100000), 0x4433);
    EXPECT_OK(got = mem_read32(cpu, SEG_DS, 0x0040CFFE));
    ck_assert_uint_eq(got, 0x44332211);
}
END_TEST

/* mov eax, 0x87654321 split 3 + 2 bytes over two pages that are not
 * physically adjacent, then HLT on the second page. */
START_TEST(test_instruction_straddles_pages)
{
    paging_on(0x100000);
    map4k(0x00500000, 0x00300000, PTE_P | PTE_RW);
    map4k(0x00501000, 0x00100000, PTE_P | PTE_RW);
    static const uint8_t first[] = { 0xB8, 0x21, 0x43 };
    static const uint8_t second[] = { 0x65, 0x87, 0xF4 };
    phys_write_block(ps, 0x00300FFD, first, sizeof first);
    phys_write_block(ps, 0x00100000, second, sizeof second);
    phys_write8(ps, 0x00301000, 0x90); /* the physically next byte: not it */
    for (int round = 0; round < 2; round++) {
        set_reg32(cpu, REG_AX, 0);
        run_code_at(0x00500FFD);
        ck_assert_uint_eq(reg32(cpu, REG_AX), 0x87654321);
        ck_assert_uint_eq(cpu->eip, 0x00501003);
    }
}
END_TEST

/* Fetching the second half from a not-present page: #PF with CR2 = the
 * first byte not accessible.  (The IDT is empty, so the #PF ends in a
 * shutdown; CR2 is only written by #PF.)  A one-byte instruction at the
 * end of the page does not touch the next page. */
START_TEST(test_fetch_fault_cr2)
{
    paging_on(0x100000);
    map4k(0x00500000, 0x00300000, PTE_P | PTE_RW);
    map4k(0x00501000, 0x00100000, 0);
    phys_write8(ps, 0x00300FFF, 0xF4); /* hlt */
    run_code_at(0x00500FFF);
    static const uint8_t first[] = { 0xB8, 0x21, 0x43 };
    phys_write_block(ps, 0x00300FFD, first, sizeof first);
    cpu->idtr.limit = 0;
    cpu->cr2 = 0;
    cpu->halted = false;
    cpu->eip = 0x00500FFD;
    ck_assert_int_eq(cpu_run(cpu, 1000), CPU_STOP_SHUTDOWN);
    ck_assert_uint_eq(cpu->cr2, 0x00501000);
}
END_TEST

/* Code at one linear page, modified through another linear page mapped
 * to the same physical page whose TLB write entry was made before the
 * code was decoded. */
START_TEST(test_smc_through_paged_alias)
{
    paging_on(0x100000);
    map4k(0x00600000, 0x00300000, PTE_P | PTE_RW);
    map4k(0x00700000, 0x00300000, PTE_P | PTE_RW);
    /* Prime a direct write pointer for the alias while the page holds no
     * code. */
    EXPECT_OK(mem_write8(cpu, SEG_DS, 0x00700800, 0));
    static const uint8_t code[] = { 0xB0, 0x11, 0xF4 }; /* mov al,11h; hlt */
    phys_write_block(ps, 0x00300000, code, sizeof code);
    run_code_at(0x00600000);
    ck_assert_uint_eq(reg8(cpu, 0), 0x11);
    EXPECT_OK(mem_write8(cpu, SEG_DS, 0x00700001, 0x22)); /* through the alias */
    run_code_at(0x00600000);
    ck_assert_uint_eq(reg8(cpu, 0), 0x22);
}
END_TEST

/* With paging off the TLB caches the identity through the A20 mask: a
 * change of the gate must be seen at once. */
START_TEST(test_a20_change_reaches_tlb)
{
    phys_write8(ps, 0x00000010, 0xAA);
    phys_write8(ps, 0x00100010, 0xBB);
    cpu_load_seg_real(cpu, SEG_DS, 0xFFFF); /* FFFF:0020 = linear 0x100010 */
    EXPECT_OK(got = mem_read8(cpu, SEG_DS, 0x20));
    ck_assert_uint_eq(got, 0xBB);
    phys_set_a20(ps, false);
    EXPECT_OK(got = mem_read8(cpu, SEG_DS, 0x20));
    ck_assert_uint_eq(got, 0xAA);
    EXPECT_OK(mem_write8(cpu, SEG_DS, 0x20, 0xCC));
    ck_assert_uint_eq(phys_read8(ps, 0x00000010), 0xCC);
    phys_set_a20(ps, true);
    EXPECT_OK(got = mem_read8(cpu, SEG_DS, 0x20));
    ck_assert_uint_eq(got, 0xBB);
}
END_TEST

/* A removed region must not be reached through a stale host pointer. */
START_TEST(test_region_removal_reaches_tlb)
{
    struct phys_region *r = phys_add_ram(ps, "extra", 0x02000000, 0x1000, 1);
    ck_assert_ptr_nonnull(r);
    enter_flat_pmode();
    EXPECT_OK(mem_write8(cpu, SEG_DS, 0x02000000, 0x5A));
    EXPECT_OK(got = mem_read8(cpu, SEG_DS, 0x02000000));
    ck_assert_uint_eq(got, 0x5A);
    phys_remove(ps, r);
    EXPECT_OK(got = mem_read8(cpu, SEG_DS, 0x02000000));
    ck_assert_uint_eq(got, 0xFF);
    EXPECT_OK(mem_write8(cpu, SEG_DS, 0x02000000, 0x01));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("paging");
    TCase *tc = tcase_create("paging");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_translate_4k_sets_accessed_and_dirty);
    tcase_add_test(tc, test_read_then_write_sets_dirty);
    tcase_add_test(tc, test_not_present_faults);
    tcase_add_test(tc, test_user_supervisor_rules);
    tcase_add_test(tc, test_write_protect);
    tcase_add_test(tc, test_pse_large_page);
    tcase_add_test(tc, test_pae_pages);
    tcase_add_test(tc, test_global_page_survives_cr3_write);
    tcase_add_test(tc, test_crossing_write_faults_before_writing);
    tcase_add_test(tc, test_crossing_access_splits);
    tcase_add_test(tc, test_instruction_straddles_pages);
    tcase_add_test(tc, test_fetch_fault_cr2);
    tcase_add_test(tc, test_smc_through_paged_alias);
    tcase_add_test(tc, test_a20_change_reaches_tlb);
    tcase_add_test(tc, test_region_removal_reaches_tlb);
    suite_add_tcase(s, tc);
    return check_run(s, CK_NORMAL);
}
