/* Test-only stand-in for bcryptprimitives.dll under Wine 8, never shipped.
 *
 * Rust's standard library for Windows draws its random numbers (HashMap
 * keys) from ProcessPrng in bcryptprimitives.dll, which Windows 10 and later
 * have and Wine 8 lacks, so a Rust DLL does not load there. This DLL exports
 * ProcessPrng on top of RtlGenRandom (advapi32's SystemFunction036), which
 * Wine has. scripts/test-platforms.sh builds it with MinGW and puts it beside
 * the test programs only when running them under Wine. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
