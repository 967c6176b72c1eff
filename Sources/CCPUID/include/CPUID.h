// CPU feature bits for choosing OpenBLAS kernels (see Sources/Kernels/BLASKernelSelection).
// CPUID and XGETBV are x86 instructions with no Swift spelling; elsewhere these report "not x86".
#ifndef HARNESS_CPUID_H
#define HARNESS_CPUID_H
#include <stdint.h>

/// 1 on x86-64 builds, 0 elsewhere (then the other functions return zeros).
int harness_cpu_is_x86(void);

/// CPUID leaf/subleaf into registers[0..3] = EAX, EBX, ECX, EDX. Returns 0 when the leaf is beyond the
/// CPU's highest supported leaf (registers are then zero), 1 otherwise.
int harness_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t registers[4]);

/// XCR0 (the register states the OS saves on context switches): AVX needs bits 1–2, AVX-512 bits 5–7.
/// 0 when the CPU or OS does not enable XSAVE.
uint64_t harness_xcr0(void);

#endif
