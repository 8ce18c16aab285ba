/*
 * ops.h - every instruction handler named in cpu/opcodes.def, grouped by
 * the file that implements it (cpu/ops/<family>.c).
 *
 * Handler names follow op_<mnemonic>_<operands>; the suffix _r is the
 * register form and _m the memory form of an instruction with a ModRM
 * byte.  Operand size is not in the name: it is insn.osize.
 */
#ifndef SOFTPC_CPU_OPS_OPS_H
#define SOFTPC_CPU_OPS_OPS_H

#include "cpu/insn.h"

#define HANDLER(name) void name(struct cpu *c, const struct insn *i)

/* arith.c */
HANDLER(op_add_eb_gb_r);
HANDLER(op_add_eb_gb_m);
HANDLER(op_add_ev_gv_r);
HANDLER(op_add_ev_gv_m);
HANDLER(op_add_gb_eb_r);
HANDLER(op_add_gb_eb_m);
HANDLER(op_add_gv_ev_r);
HANDLER(op_add_gv_ev_m);
HANDLER(op_add_al_ib);
HANDLER(op_add_eax_iz);
HANDLER(op_or_eb_gb_r);
HANDLER(op_or_eb_gb_m);
HANDLER(op_or_ev_gv_r);
HANDLER(op_or_ev_gv_m);
HANDLER(op_or_gb_eb_r);
HANDLER(op_or_gb_eb_m);
HANDLER(op_or_gv_ev_r);
HANDLER(op_or_gv_ev_m);
HANDLER(op_or_al_ib);
HANDLER(op_or_eax_iz);
HANDLER(op_adc_eb_gb_r);
HANDLER(op_adc_eb_gb_m);
HANDLER(op_adc_ev_gv_r);
HANDLER(op_adc_ev_gv_m);
HANDLER(op_adc_gb_eb_r);
HANDLER(op_adc_gb_eb_m);
HANDLER(op_adc_gv_ev_r);
HANDLER(op_adc_gv_ev_m);
HANDLER(op_adc_al_ib);
HANDLER(op_adc_eax_iz);
HANDLER(op_sbb_eb_gb_r);
HANDLER(op_sbb_eb_gb_m);
HANDLER(op_sbb_ev_gv_r);
HANDLER(op_sbb_ev_gv_m);
HANDLER(op_sbb_gb_eb_r);
HANDLER(op_sbb_gb_eb_m);
HANDLER(op_sbb_gv_ev_r);
HANDLER(op_sbb_gv_ev_m);
HANDLER(op_sbb_al_ib);
HANDLER(op_sbb_eax_iz);
HANDLER(op_and_eb_gb_r);
HANDLER(op_and_eb_gb_m);
HANDLER(op_and_ev_gv_r);
HANDLER(op_and_ev_gv_m);
HANDLER(op_and_gb_eb_r);
HANDLER(op_and_gb_eb_m);
HANDLER(op_and_gv_ev_r);
HANDLER(op_and_gv_ev_m);
HANDLER(op_and_al_ib);
HANDLER(op_and_eax_iz);
HANDLER(op_sub_eb_gb_r);
HANDLER(op_sub_eb_gb_m);
HANDLER(op_sub_ev_gv_r);
HANDLER(op_sub_ev_gv_m);
HANDLER(op_sub_gb_eb_r);
HANDLER(op_sub_gb_eb_m);
HANDLER(op_sub_gv_ev_r);
HANDLER(op_sub_gv_ev_m);
HANDLER(op_sub_al_ib);
HANDLER(op_sub_eax_iz);
HANDLER(op_xor_eb_gb_r);
HANDLER(op_xor_eb_gb_m);
HANDLER(op_xor_ev_gv_r);
HANDLER(op_xor_ev_gv_m);
HANDLER(op_xor_gb_eb_r);
HANDLER(op_xor_gb_eb_m);
HANDLER(op_xor_gv_ev_r);
HANDLER(op_xor_gv_ev_m);
HANDLER(op_xor_al_ib);
HANDLER(op_xor_eax_iz);
HANDLER(op_cmp_eb_gb_r);
HANDLER(op_cmp_eb_gb_m);
HANDLER(op_cmp_ev_gv_r);
HANDLER(op_cmp_ev_gv_m);
HANDLER(op_cmp_gb_eb_r);
HANDLER(op_cmp_gb_eb_m);
HANDLER(op_cmp_gv_ev_r);
HANDLER(op_cmp_gv_ev_m);
HANDLER(op_cmp_al_ib);
HANDLER(op_cmp_eax_iz);
HANDLER(op_inc_zv);
HANDLER(op_dec_zv);
HANDLER(op_add_eb_ib_r);
HANDLER(op_add_eb_ib_m);
HANDLER(op_or_eb_ib_r);
HANDLER(op_or_eb_ib_m);
HANDLER(op_adc_eb_ib_r);
HANDLER(op_adc_eb_ib_m);
HANDLER(op_sbb_eb_ib_r);
HANDLER(op_sbb_eb_ib_m);
HANDLER(op_and_eb_ib_r);
HANDLER(op_and_eb_ib_m);
HANDLER(op_sub_eb_ib_r);
HANDLER(op_sub_eb_ib_m);
HANDLER(op_xor_eb_ib_r);
HANDLER(op_xor_eb_ib_m);
HANDLER(op_cmp_eb_ib_r);
HANDLER(op_cmp_eb_ib_m);
HANDLER(op_add_ev_iz_r);
HANDLER(op_add_ev_iz_m);
HANDLER(op_or_ev_iz_r);
HANDLER(op_or_ev_iz_m);
HANDLER(op_adc_ev_iz_r);
HANDLER(op_adc_ev_iz_m);
HANDLER(op_sbb_ev_iz_r);
HANDLER(op_sbb_ev_iz_m);
HANDLER(op_and_ev_iz_r);
HANDLER(op_and_ev_iz_m);
HANDLER(op_sub_ev_iz_r);
HANDLER(op_sub_ev_iz_m);
HANDLER(op_xor_ev_iz_r);
HANDLER(op_xor_ev_iz_m);
HANDLER(op_cmp_ev_iz_r);
HANDLER(op_cmp_ev_iz_m);
HANDLER(op_add_ev_ibs_r);
HANDLER(op_add_ev_ibs_m);
HANDLER(op_or_ev_ibs_r);
HANDLER(op_or_ev_ibs_m);
HANDLER(op_adc_ev_ibs_r);
HANDLER(op_adc_ev_ibs_m);
HANDLER(op_sbb_ev_ibs_r);
HANDLER(op_sbb_ev_ibs_m);
HANDLER(op_and_ev_ibs_r);
HANDLER(op_and_ev_ibs_m);
HANDLER(op_sub_ev_ibs_r);
HANDLER(op_sub_ev_ibs_m);
HANDLER(op_xor_ev_ibs_r);
HANDLER(op_xor_ev_ibs_m);
HANDLER(op_cmp_ev_ibs_r);
HANDLER(op_cmp_ev_ibs_m);
HANDLER(op_test_eb_gb_r);
HANDLER(op_test_eb_gb_m);
HANDLER(op_test_ev_gv_r);
HANDLER(op_test_ev_gv_m);
HANDLER(op_test_al_ib);
HANDLER(op_test_eax_iz);
HANDLER(op_test_eb_ib_r);
HANDLER(op_test_eb_ib_m);
HANDLER(op_not_eb_r);
HANDLER(op_not_eb_m);
HANDLER(op_neg_eb_r);
HANDLER(op_neg_eb_m);
HANDLER(op_test_ev_iz_r);
HANDLER(op_test_ev_iz_m);
HANDLER(op_not_ev_r);
HANDLER(op_not_ev_m);
HANDLER(op_neg_ev_r);
HANDLER(op_neg_ev_m);
HANDLER(op_inc_eb_r);
HANDLER(op_inc_eb_m);
HANDLER(op_dec_eb_r);
HANDLER(op_dec_eb_m);
HANDLER(op_inc_ev_r);
HANDLER(op_inc_ev_m);
HANDLER(op_dec_ev_r);
HANDLER(op_dec_ev_m);

/* muldiv.c */
HANDLER(op_imul_gv_ev_iz_r);
HANDLER(op_imul_gv_ev_iz_m);
HANDLER(op_imul_gv_ev_ibs_r);
HANDLER(op_imul_gv_ev_ibs_m);
HANDLER(op_mul_eb_r);
HANDLER(op_mul_eb_m);
HANDLER(op_imul_eb_r);
HANDLER(op_imul_eb_m);
HANDLER(op_div_eb_r);
HANDLER(op_div_eb_m);
HANDLER(op_idiv_eb_r);
HANDLER(op_idiv_eb_m);
HANDLER(op_mul_ev_r);
HANDLER(op_mul_ev_m);
HANDLER(op_imul_ev_r);
HANDLER(op_imul_ev_m);
HANDLER(op_div_ev_r);
HANDLER(op_div_ev_m);
HANDLER(op_idiv_ev_r);
HANDLER(op_idiv_ev_m);

/* bcd.c */
HANDLER(op_daa);
HANDLER(op_das);
HANDLER(op_aaa);
HANDLER(op_aas);
HANDLER(op_aam_ib);
HANDLER(op_aad_ib);

/* shift.c */
HANDLER(op_rol_eb_ib_r);
HANDLER(op_rol_eb_ib_m);
HANDLER(op_ror_eb_ib_r);
HANDLER(op_ror_eb_ib_m);
HANDLER(op_rcl_eb_ib_r);
HANDLER(op_rcl_eb_ib_m);
HANDLER(op_rcr_eb_ib_r);
HANDLER(op_rcr_eb_ib_m);
HANDLER(op_shl_eb_ib_r);
HANDLER(op_shl_eb_ib_m);
HANDLER(op_shr_eb_ib_r);
HANDLER(op_shr_eb_ib_m);
HANDLER(op_sar_eb_ib_r);
HANDLER(op_sar_eb_ib_m);
HANDLER(op_rol_ev_ib_r);
HANDLER(op_rol_ev_ib_m);
HANDLER(op_ror_ev_ib_r);
HANDLER(op_ror_ev_ib_m);
HANDLER(op_rcl_ev_ib_r);
HANDLER(op_rcl_ev_ib_m);
HANDLER(op_rcr_ev_ib_r);
HANDLER(op_rcr_ev_ib_m);
HANDLER(op_shl_ev_ib_r);
HANDLER(op_shl_ev_ib_m);
HANDLER(op_shr_ev_ib_r);
HANDLER(op_shr_ev_ib_m);
HANDLER(op_sar_ev_ib_r);
HANDLER(op_sar_ev_ib_m);
HANDLER(op_rol_eb_cl_r);
HANDLER(op_rol_eb_cl_m);
HANDLER(op_ror_eb_cl_r);
HANDLER(op_ror_eb_cl_m);
HANDLER(op_rcl_eb_cl_r);
HANDLER(op_rcl_eb_cl_m);
HANDLER(op_rcr_eb_cl_r);
HANDLER(op_rcr_eb_cl_m);
HANDLER(op_shl_eb_cl_r);
HANDLER(op_shl_eb_cl_m);
HANDLER(op_shr_eb_cl_r);
HANDLER(op_shr_eb_cl_m);
HANDLER(op_sar_eb_cl_r);
HANDLER(op_sar_eb_cl_m);
HANDLER(op_rol_ev_cl_r);
HANDLER(op_rol_ev_cl_m);
HANDLER(op_ror_ev_cl_r);
HANDLER(op_ror_ev_cl_m);
HANDLER(op_rcl_ev_cl_r);
HANDLER(op_rcl_ev_cl_m);
HANDLER(op_rcr_ev_cl_r);
HANDLER(op_rcr_ev_cl_m);
HANDLER(op_shl_ev_cl_r);
HANDLER(op_shl_ev_cl_m);
HANDLER(op_shr_ev_cl_r);
HANDLER(op_shr_ev_cl_m);
HANDLER(op_sar_ev_cl_r);
HANDLER(op_sar_ev_cl_m);

/* string.c */
HANDLER(op_ins_yb_dx);
HANDLER(op_ins_yv_dx);
HANDLER(op_outs_dx_xb);
HANDLER(op_outs_dx_xv);
HANDLER(op_movs_yb_xb);
HANDLER(op_movs_yv_xv);
HANDLER(op_cmps_xb_yb);
HANDLER(op_cmps_xv_yv);
HANDLER(op_stos_yb_al);
HANDLER(op_stos_yv_eax);
HANDLER(op_lods_al_xb);
HANDLER(op_lods_eax_xv);
HANDLER(op_scas_al_yb);
HANDLER(op_scas_eax_yv);

/* control.c */
HANDLER(op_bound_gv_ma_m);
HANDLER(op_jcc_jb);
HANDLER(op_call_ap);
HANDLER(op_ret_iw);
HANDLER(op_ret);
HANDLER(op_enter_iw_ib);
HANDLER(op_leave);
HANDLER(op_retf_iw);
HANDLER(op_retf);
HANDLER(op_int3);
HANDLER(op_int_ib);
HANDLER(op_into);
HANDLER(op_iret);
HANDLER(op_loopne_jb);
HANDLER(op_loope_jb);
HANDLER(op_loop_jb);
HANDLER(op_jcxz_jb);
HANDLER(op_call_jz);
HANDLER(op_jmp_jz);
HANDLER(op_jmp_ap);
HANDLER(op_jmp_jb);
HANDLER(op_int1);
HANDLER(op_call_ev_r);
HANDLER(op_call_ev_m);
HANDLER(op_callf_mp_m);
HANDLER(op_jmp_ev_r);
HANDLER(op_jmp_ev_m);
HANDLER(op_jmpf_mp_m);
HANDLER(op_jcc_jz);

/* stack.c */
HANDLER(op_push_sreg);
HANDLER(op_pop_sreg);
HANDLER(op_push_zv);
HANDLER(op_pop_zv);
HANDLER(op_pusha);
HANDLER(op_popa);
HANDLER(op_push_iz);
HANDLER(op_push_ibs);
HANDLER(op_pop_ev_r);
HANDLER(op_pop_ev_m);
HANDLER(op_pushf);
HANDLER(op_popf);
HANDLER(op_push_ev_r);
HANDLER(op_push_ev_m);

/* move.c */
HANDLER(op_xchg_eb_gb_r);
HANDLER(op_xchg_eb_gb_m);
HANDLER(op_xchg_ev_gv_r);
HANDLER(op_xchg_ev_gv_m);
HANDLER(op_mov_eb_gb_r);
HANDLER(op_mov_eb_gb_m);
HANDLER(op_mov_ev_gv_r);
HANDLER(op_mov_ev_gv_m);
HANDLER(op_mov_gb_eb_r);
HANDLER(op_mov_gb_eb_m);
HANDLER(op_mov_gv_ev_r);
HANDLER(op_mov_gv_ev_m);
HANDLER(op_mov_ev_sw_r);
HANDLER(op_mov_ev_sw_m);
HANDLER(op_lea_gv_m);
HANDLER(op_mov_sw_ew_r);
HANDLER(op_mov_sw_ew_m);
HANDLER(op_nop);
HANDLER(op_xchg_zv_eax);
HANDLER(op_cbw);
HANDLER(op_cwd);
HANDLER(op_sahf);
HANDLER(op_lahf);
HANDLER(op_mov_al_ob);
HANDLER(op_mov_eax_ov);
HANDLER(op_mov_ob_al);
HANDLER(op_mov_ov_eax);
HANDLER(op_mov_zb_ib);
HANDLER(op_mov_zv_iv);
HANDLER(op_les_gv_mp_m);
HANDLER(op_lds_gv_mp_m);
HANDLER(op_mov_eb_ib_r);
HANDLER(op_mov_eb_ib_m);
HANDLER(op_mov_ev_iz_r);
HANDLER(op_mov_ev_iz_m);
HANDLER(op_salc);
HANDLER(op_xlat);

/* system.c */
HANDLER(op_wait);
HANDLER(op_in_al_ib);
HANDLER(op_in_eax_ib);
HANDLER(op_out_ib_al);
HANDLER(op_out_ib_eax);
HANDLER(op_in_al_dx);
HANDLER(op_in_eax_dx);
HANDLER(op_out_dx_al);
HANDLER(op_out_dx_eax);
HANDLER(op_hlt);
HANDLER(op_cmc);
HANDLER(op_clc);
HANDLER(op_stc);
HANDLER(op_cli);
HANDLER(op_sti);
HANDLER(op_cld);
HANDLER(op_std);
HANDLER(op_sgdt_ms_m);
HANDLER(op_sidt_ms_m);
HANDLER(op_lgdt_ms_m);
HANDLER(op_lidt_ms_m);
HANDLER(op_smsw_ew_r);
HANDLER(op_smsw_ew_m);
HANDLER(op_lmsw_ew_r);
HANDLER(op_lmsw_ew_m);
HANDLER(op_clts);

/* ---- 386-P6 integer instructions (bitops.c, ext.c): below this line ---- */
/* ext.c */
HANDLER(op_movzx_gv_eb_r);
HANDLER(op_movzx_gv_eb_m);
HANDLER(op_movzx_gv_ew_r);
HANDLER(op_movzx_gv_ew_m);
HANDLER(op_movsx_gv_eb_r);
HANDLER(op_movsx_gv_eb_m);
HANDLER(op_movsx_gv_ew_r);
HANDLER(op_movsx_gv_ew_m);
HANDLER(op_imul_gv_ev_r);
HANDLER(op_imul_gv_ev_m);
HANDLER(op_bswap_zv);
HANDLER(op_nop_ev);

/* cond.c */
HANDLER(op_setcc_eb_r);
HANDLER(op_setcc_eb_m);
HANDLER(op_cmovcc_gv_ev_r);
HANDLER(op_cmovcc_gv_ev_m);

/* bitops.c */
HANDLER(op_bt_ev_gv_r);
HANDLER(op_bt_ev_gv_m);
HANDLER(op_bt_ev_ib_r);
HANDLER(op_bt_ev_ib_m);
HANDLER(op_bts_ev_gv_r);
HANDLER(op_bts_ev_gv_m);
HANDLER(op_bts_ev_ib_r);
HANDLER(op_bts_ev_ib_m);
HANDLER(op_btr_ev_gv_r);
HANDLER(op_btr_ev_gv_m);
HANDLER(op_btr_ev_ib_r);
HANDLER(op_btr_ev_ib_m);
HANDLER(op_btc_ev_gv_r);
HANDLER(op_btc_ev_gv_m);
HANDLER(op_btc_ev_ib_r);
HANDLER(op_btc_ev_ib_m);
HANDLER(op_bsf_gv_ev_r);
HANDLER(op_bsf_gv_ev_m);
HANDLER(op_bsr_gv_ev_r);
HANDLER(op_bsr_gv_ev_m);

/* dshift.c */
HANDLER(op_shld_ev_gv_ib_r);
HANDLER(op_shld_ev_gv_ib_m);
HANDLER(op_shld_ev_gv_cl_r);
HANDLER(op_shld_ev_gv_cl_m);
HANDLER(op_shrd_ev_gv_ib_r);
HANDLER(op_shrd_ev_gv_ib_m);
HANDLER(op_shrd_ev_gv_cl_r);
HANDLER(op_shrd_ev_gv_cl_m);

/* atomic.c */
HANDLER(op_xadd_eb_gb_r);
HANDLER(op_xadd_eb_gb_m);
HANDLER(op_xadd_ev_gv_r);
HANDLER(op_xadd_ev_gv_m);
HANDLER(op_cmpxchg_eb_gb_r);
HANDLER(op_cmpxchg_eb_gb_m);
HANDLER(op_cmpxchg_ev_gv_r);
HANDLER(op_cmpxchg_ev_gv_m);
HANDLER(op_cmpxchg8b_mq_m);


/* ---- protected-mode segment instructions (pmode.c): below this line ---- */
/* move.c: far-pointer loads of SS, FS, GS */
HANDLER(op_lss_gv_mp_m);
HANDLER(op_lfs_gv_mp_m);
HANDLER(op_lgs_gv_mp_m);
/* pmode.c */
HANDLER(op_sldt_ew_r);
HANDLER(op_sldt_ew_m);
HANDLER(op_str_ew_r);
HANDLER(op_str_ew_m);
HANDLER(op_lldt_ew_r);
HANDLER(op_lldt_ew_m);
HANDLER(op_ltr_ew_r);
HANDLER(op_ltr_ew_m);
HANDLER(op_verr_ew_r);
HANDLER(op_verr_ew_m);
HANDLER(op_verw_ew_r);
HANDLER(op_verw_ew_m);
HANDLER(op_lar_gv_ew_r);
HANDLER(op_lar_gv_ew_m);
HANDLER(op_lsl_gv_ew_r);
HANDLER(op_lsl_gv_ew_m);
HANDLER(op_arpl_ew_gw_r);
HANDLER(op_arpl_ew_gw_m);


/* ---- control/debug registers, CPUID, MSRs (sysreg.c): below this line ---- */
HANDLER(op_mov_rd_cd);
HANDLER(op_mov_cd_rd);
HANDLER(op_mov_rd_dd);
HANDLER(op_mov_dd_rd);
HANDLER(op_invlpg_m);
HANDLER(op_invd);
HANDLER(op_wbinvd);
HANDLER(op_cpuid);
HANDLER(op_rdtsc);
HANDLER(op_rdpmc);
HANDLER(op_rdmsr);
HANDLER(op_wrmsr);
HANDLER(op_sysenter);
HANDLER(op_sysexit);


/* ---- x87 (cpu/fpu/x87_*.c), MMX (cpu/fpu/mmx.c): below this line ---- */
/* x87_env.c */
HANDLER(op_fninit);
HANDLER(op_fnclex);
HANDLER(op_fnop_legacy);
HANDLER(op_fldcw_m);
HANDLER(op_fnstcw_m);
HANDLER(op_fnstsw_m);
HANDLER(op_fnstsw_ax);
HANDLER(op_fnstenv_m);
HANDLER(op_fldenv_m);
HANDLER(op_fnsave_m);
HANDLER(op_frstor_m);
HANDLER(op_fxsave_m);
HANDLER(op_fxrstor_m);
/* x87_stack.c */
HANDLER(op_fld_sti_r);
HANDLER(op_fld_m80_m);
HANDLER(op_fst_sti_r);
HANDLER(op_fstp_sti_r);
HANDLER(op_fstp_m80_m);
HANDLER(op_fxch_sti_r);
HANDLER(op_fcmov_sti_r);
HANDLER(op_fchs);
HANDLER(op_fabs);
HANDLER(op_ffree_sti_r);
HANDLER(op_ffreep_sti_r);
HANDLER(op_fincstp);
HANDLER(op_fdecstp);
HANDLER(op_fnop);
HANDLER(op_fldconst);
/* x87_memory.c */
HANDLER(op_fld_m32_m);
HANDLER(op_fld_m64_m);
HANDLER(op_fild_m16_m);
HANDLER(op_fild_m32_m);
HANDLER(op_fild_m64_m);
HANDLER(op_fbld_m80_m);
HANDLER(op_fst_m32_m);
HANDLER(op_fst_m64_m);
HANDLER(op_fist_m16_m);
HANDLER(op_fist_m32_m);
HANDLER(op_fistp_m64_m);
HANDLER(op_fbstp_m80_m);
/* x87_arith.c */
HANDLER(op_farith_st_sti_r);
HANDLER(op_farith_sti_st_r);
HANDLER(op_farithp_sti_st_r);
HANDLER(op_farith_m32_m);
HANDLER(op_farith_m64_m);
HANDLER(op_fiarith_m32_m);
HANDLER(op_fiarith_m16_m);
HANDLER(op_fsqrt);
HANDLER(op_frndint);
HANDLER(op_fscale);
HANDLER(op_fxtract);
HANDLER(op_fprem);
HANDLER(op_fprem1);
/* x87_compare.c */
HANDLER(op_fcom_sti_r);
HANDLER(op_fcomp_sti_r);
HANDLER(op_fcompp);
HANDLER(op_fucom_sti_r);
HANDLER(op_fucomp_sti_r);
HANDLER(op_fucompp);
HANDLER(op_fcom_m32_m);
HANDLER(op_fcom_m64_m);
HANDLER(op_ficom_m32_m);
HANDLER(op_ficom_m16_m);
HANDLER(op_ftst);
HANDLER(op_fxam);
HANDLER(op_fcomi_sti_r);
/* x87_trans.c */
HANDLER(op_fsin);
HANDLER(op_fcos);
HANDLER(op_fptan);
HANDLER(op_fsincos);
HANDLER(op_f2xm1);
HANDLER(op_fpatan);
HANDLER(op_fyl2x);
HANDLER(op_fyl2xp1);
/* mmx.c */
HANDLER(op_mmx_pq_qq_r);
HANDLER(op_mmx_pq_qq_m);
HANDLER(op_mmx_shift_nq_ib_r);
HANDLER(op_movd_pq_ed_r);
HANDLER(op_movd_pq_ed_m);
HANDLER(op_movq_pq_qq_r);
HANDLER(op_movq_pq_qq_m);
HANDLER(op_movd_ed_pq_r);
HANDLER(op_movd_ed_pq_m);
HANDLER(op_movq_qq_pq_r);
HANDLER(op_movq_qq_pq_m);
HANDLER(op_emms);

#undef HANDLER

#endif
