#include "CPUID.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

int harness_cpu_is_x86(void) { return 1; }

int harness_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t registers[4]) {
    registers[0] = registers[1] = registers[2] = registers[3] = 0;
    unsigned int highest = __get_cpuid_max(leaf & 0x80000000u, 0);
    if (highest == 0 || leaf > highest) return 0;
    unsigned int a, b, c, d;
    __cpuid_count(leaf, subleaf, a, b, c, d);
    registers[0] = a; registers[1] = b; registers[2] = c; registers[3] = d;
    return 1;
}

uint64_t harness_xcr0(void) {
    uint32_t r[4];
    if (!harness_cpuid(1, 0, r)) return 0;
    if (!(r[2] & (1u << 27))) return 0;   // OSXSAVE: the OS enabled XGETBV
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((uint64_t)hi << 32) | lo;
}
#else
int harness_cpu_is_x86(void) { return 0; }
int harness_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t registers[4]) {
    (void)leaf; (void)subleaf;
    registers[0] = registers[1] = registers[2] = registers[3] = 0;
    return 0;
}
uint64_t harness_xcr0(void) { return 0; }
#endif
