import Foundation

/// BlackmanWindow (opset 17): `w[n] = 0.42 - 0.5 cos(2πn / N) + 0.08 cos(4πn / N)`.
enum BlackmanWindow {
    static func kernel(_ ctx: NodeContext) throws -> Spectral.Window {
        try Spectral.Window(ctx) { 0.42 - 0.5 * Foundation.cos($0) + 0.08 * Foundation.cos(2 * $0) }
    }
}
