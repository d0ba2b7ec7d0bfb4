/* A stand-in for Windows 10's bcryptprimitives.dll, for Wine 8 only (which lacks it): Rust's
 * standard library asks ProcessPrng for random bytes (hash-map seeds, temporary file names).
 * It forwards to RtlGenRandom (advapi32!SystemFunction036). scripts/wine_smoke.sh builds it into
 * a throwaway Wine prefix; it is never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
