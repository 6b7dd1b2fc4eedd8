/*
 * TEST ONLY — never shipped, never in dist/ (scripts/test-windows.sh builds
 * it into a scratch folder and copies it into a throw-away Wine prefix).
 *
 * Why: Go 1.22 and later get random bytes on Windows from ProcessPrng in
 * bcryptprimitives.dll, which every Windows 10/11 has but Wine 8 (Debian 12's
 * wine) does not, so our exes stop at start-up under Wine. Go loads the DLL
 * from System32 only, so this stand-in goes into the prefix's
 * windows\system32. It fills the buffer from advapi32's SystemFunction036
 * (RtlGenRandom), Wine's own random source.
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
	while (size > 0) {
		ULONG n = size > 0x10000000 ? 0x10000000 : (ULONG)size;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		size -= n;
	}
	return TRUE;
}
