import Foundation
import LastmileCLI
import LastmileTensor

// OpenBLAS picks its kernels when it loads, from OPENBLAS_CORETYPE or its own CPU detection.
// When the detection falls back to generic kernels on an AVX2 machine, restart once with
// Haswell's kernels (safe on every AVX2+FMA CPU); an explicit OPENBLAS_CORETYPE always wins.
if ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil, BLAS.usesGenericKernelsOnAVX2Machine {
    setenv("OPENBLAS_CORETYPE", "Haswell", 1)
    let arguments = CommandLine.arguments
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    execv("/proc/self/exe", &argv)
    // execv returns only on failure; carry on with the kernels already loaded.
}

LastmileCommand.main(arguments: nil)
