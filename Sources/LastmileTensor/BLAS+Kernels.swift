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

    /// The OpenBLAS kernel family this CPU should use when OpenBLAS fell back to its generic
    /// SSE3 kernels, or nil when OpenBLAS chose well (or the CPU has nothing better).
    ///
    /// OpenBLAS 0.3.21 (Debian 12) does not recognise some virtualised Xeons ("Intel Xeon
    /// Processor") and picks Prescott kernels: on this workplace's AVX-512 machine SkylakeX's
    /// kernels run a small ResNet 1.6x faster than Prescott's (Haswell's 1.3x). OpenBLAS reads
    /// `OPENBLAS_CORETYPE` only when it loads, so a program that wants the right kernels
    /// restarts itself with it set (`lastmile` does, in its entry point).
    public static var betterCoreType: String? {
        guard ["Prescott", "Core2", "Penryn", "Dunnington", "Nehalem", "Atom"].contains(coreName) else { return nil }
        #if arch(x86_64)
        let flags = cpuFlags()
        if ["avx512f", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains) { return "SkylakeX" }
        if flags.contains("avx2") && flags.contains("fma") { return "Haswell" }
        #endif
        return nil
    }

    #if arch(x86_64)
    private static func cpuFlags() -> Set<Substring> {
        // /proc/cpuinfo lists the flags the kernel lets user space use.
        guard let file = fopen("/proc/cpuinfo", "r") else { return [] }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0 {
            guard let line else { continue }
            let text = String(cString: line)
            if text.hasPrefix("flags") {
                return Set(text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }))
            }
        }
        return []
    }
    #endif
}
