/// Whether two float arrays agree within `tolerance` (relative above 1, absolute below), with
/// NaN matching NaN and infinities matching exactly; for op tests.
public func close<T: BinaryFloatingPoint>(_ a: [T]?, _ b: [T], tolerance: T = 1e-6) -> Bool {
    guard let a, a.count == b.count else { return false }
    return zip(a, b).allSatisfy { x, y in
        if x.isNaN || y.isNaN { return x.isNaN && y.isNaN }
        if x.isInfinite || y.isInfinite { return x == y }
        return abs(x - y) <= tolerance * max(1, abs(y))
    }
}
