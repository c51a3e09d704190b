// Trampolines into glibc's libmvec for code compiled without global AVX flags.
//
// clang passes a 256/512-bit vector argument in memory unless the whole
// translation unit is compiled with -mavx2/-mavx512f (a function's target
// attribute does not change the ABI), while libmvec expects it in ymm0/zmm0.
// These functions take a pointer instead: `void name(void *values, size_t bytes)`
// replaces `bytes / width` vectors in place by f(vector). They are only called
// after run-time dispatch has confirmed the ISA.
#if defined(__x86_64__) && defined(__ELF__)

#define MVEC_LOOP(name, target, reg, width)                                      \
    .globl name;                                                              \
    .hidden name;                                                             \
    .type name, @function;                                                    \
name:                                                                         \
    push %rbx;                 /* three pushes: the stack is 16-byte aligned */ \
    push %r12;                                                                \
    push %r13;                                                                \
    mov %rdi, %rbx;                                                           \
    lea (%rdi,%rsi), %r12;                                                    \
    cmp %r12, %rbx;                                                           \
    jae 2f;                                                                   \
1:  vmovups (%rbx), reg;                                                      \
    call target@PLT;                                                          \
    vmovups reg, (%rbx);                                                      \
    add $width, %rbx;                                                         \
    cmp %r12, %rbx;                                                           \
    jb 1b;                                                                    \
2:  pop %r13;                                                                 \
    pop %r12;                                                                 \
    pop %rbx;                                                                 \
    vzeroupper;                                                               \
    ret;                                                                      \
    .size name, .-name

    .text
MVEC_LOOP(gs_mvec_exp_f64_avx512, _ZGVeN8v_exp, %zmm0, 64)
MVEC_LOOP(gs_mvec_tanh_f64_avx512, _ZGVeN8v_tanh, %zmm0, 64)
MVEC_LOOP(gs_mvec_exp_f32_avx512, _ZGVeN16v_expf, %zmm0, 64)
MVEC_LOOP(gs_mvec_tanh_f32_avx512, _ZGVeN16v_tanhf, %zmm0, 64)
MVEC_LOOP(gs_mvec_exp_f64_avx2, _ZGVdN4v_exp, %ymm0, 32)
MVEC_LOOP(gs_mvec_tanh_f64_avx2, _ZGVdN4v_tanh, %ymm0, 32)
MVEC_LOOP(gs_mvec_exp_f32_avx2, _ZGVdN8v_expf, %ymm0, 32)
MVEC_LOOP(gs_mvec_tanh_f32_avx2, _ZGVdN8v_tanhf, %ymm0, 32)

#endif

#if defined(__ELF__)
    .section .note.GNU-stack, "", @progbits
#endif
