import Foundation
import LastmileCLI
import LastmileTensor

// OpenBLAS picks its kernels when it loads, from OPENBLAS_CORETYPE or its own CPU detection.
// When the detection falls back to generic kernels on a CPU with AVX2 or AVX-512, restart once
// with the kernels the CPU's features allow; an explicit OPENBLAS_CORETYPE always wins.
if ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil, let core = BLAS.betterCoreType {
    setenv("OPENBLAS_CORETYPE", core, 1)
    let arguments = CommandLine.arguments
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    execv("/proc/self/exe", &argv)
    // execv returns only on failure; carry on with the kernels already loaded.
}

await LastmileCommand.main(arguments: nil)
