import Foundation

/// Conversions between `Date` and the milliseconds since 1970 the tables store.
///
/// Every date the store returns went through `milliseconds(_:)` and `date(_:)`, so a value
/// returned on write equals the one read back later, across restarts.
enum Timestamp {
    /// Now, in milliseconds since 1970.
    static func now() -> Int64 {
        milliseconds(Date())
    }

    /// `date` rounded to the nearest millisecond since 1970.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// The date `milliseconds` after 1970.
    static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
