import Foundation

/// HannWindow (opset 17): `w[n] = 0.5 - 0.5 cos(2πn / N)`.
enum HannWindow {
    static func kernel(_ ctx: NodeContext) throws -> Spectral.Window {
        try Spectral.Window(ctx) { 0.5 - 0.5 * Foundation.cos($0) }
    }
}
