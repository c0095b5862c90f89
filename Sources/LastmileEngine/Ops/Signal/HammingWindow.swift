import Foundation

/// HammingWindow (opset 17): `w[n] = 25/46 - 21/46 cos(2πn / N)`.
enum HammingWindow {
    static func kernel(_ ctx: NodeContext) throws -> Spectral.Window {
        try Spectral.Window(ctx) { 25.0 / 46 - 21.0 / 46 * Foundation.cos($0) }
    }
}
