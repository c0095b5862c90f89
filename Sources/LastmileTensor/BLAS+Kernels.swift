import COpenBLAS

#if canImport(Glibc)
import Glibc
#endif

extension BLAS {
    /// The kernel family OpenBLAS chose when it loaded (`Haswell`, `SkylakeX`, `Prescott` ...).
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// Whether OpenBLAS fell back to its generic SSE3 kernels on a CPU that has AVX2 and FMA.
    ///
    /// OpenBLAS 0.3.21 (Debian 12) does not recognise some virtualised Xeons ("Intel Xeon
    /// Processor") and picks Prescott kernels, which are 1.5-3x slower on convolutions than
    /// Haswell's. It reads `OPENBLAS_CORETYPE` only when it loads, so a program that wants the
    /// right kernels restarts itself with it set (`lastmile` does, in its entry point).
    public static var usesGenericKernelsOnAVX2Machine: Bool {
        guard ["Prescott", "Core2", "Penryn", "Dunnington", "Nehalem", "Atom"].contains(coreName) else { return false }
        #if arch(x86_64)
        return cpuHasAVX2AndFMA()
        #else
        return false
        #endif
    }

    #if arch(x86_64)
    private static func cpuHasAVX2AndFMA() -> Bool {
        // /proc/cpuinfo lists the flags the kernel lets user space use.
        guard let file = fopen("/proc/cpuinfo", "r") else { return false }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0 {
            guard let line else { continue }
            let text = String(cString: line)
            if text.hasPrefix("flags") {
                let flags = Set(text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }))
                return flags.contains("avx2") && flags.contains("fma")
            }
        }
        return false
    }
    #endif
}
