/*
 * MKL's fast kernels on non-Intel x86 CPUs (see org.sealworkbench.llm.MklCodePath, which loads this).
 *
 * libtorch's CPU build links oneMKL statically and exports its symbols; MKL asks
 * mkl_serv_intel_cpu_true() whether the CPU is an Intel one and, when it is not, runs its generic
 * SGEMM kernels whatever the CPU supports. On this project's AMD EPYC (AVX-512) a [64,256]x[256,256]
 * product takes 2.3x as long that way. Defining the function here, in a library made global before
 * MKL first asks (libtorch binds its calls lazily, through the PLT), makes MKL choose its kernels by
 * the CPU's feature flags, as it does on Intel CPUs. The same answer LD_PRELOAD of such a library
 * gives, a workaround in wide use; it changes which kernels run, not what they compute.
 *
 * Hand-written because no library does it: it is one function and a constructor.
 */
#define _GNU_SOURCE
#include <dlfcn.h>

int mkl_serv_intel_cpu_true(void) { return 1; }

/* The JVM's System.load opens libraries RTLD_LOCAL, where libtorch would not see this definition;
 * reopening ourselves with RTLD_NOLOAD | RTLD_GLOBAL puts it in the global scope that lazy binding
 * searches before libtorch's own definition. */
__attribute__((constructor)) static void make_global(void) {
    Dl_info info;
    if (dladdr((void *) &mkl_serv_intel_cpu_true, &info) && info.dli_fname != 0)
        dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_GLOBAL);
}
