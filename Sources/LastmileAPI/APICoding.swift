import Foundation

/// The JSON encoder and decoder every Lastmile program uses for the wire types.
///
/// Dates are ISO 8601 strings in UTC; keys keep their Swift names (camelCase), except where a
/// type maps protocol-defined snake_case keys itself (the Open Inference Protocol types).
public enum APICoding {
    /// A new encoder with Lastmile's settings (sorted keys, so replies are stable).
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(formatDate(date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A new decoder with Lastmile's settings.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parseDate(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text.prefix(40))\" is not an ISO 8601 date such as 2026-11-26T20:00:00Z")
            }
            return date
        }
        return decoder
    }

    /// Formats a date as ISO 8601 in UTC with milliseconds: `2026-11-26T20:00:00.123Z`.
    ///
    /// The date is rounded to the nearest millisecond (the formatter alone truncates, so a date
    /// made from whole milliseconds, whose binary value lies just below them, would lose one).
    public static func formatDate(_ date: Date) -> String {
        let millis = (date.timeIntervalSince1970 * 1000).rounded()
        let nudged = Date(timeIntervalSince1970: (millis + 0.5) / 1000)
        return nudged.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    /// Parses an ISO 8601 date with or without fractional seconds.
    public static func parseDate(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)) {
            return date
        }
        return try? Date(text, strategy: .iso8601)
    }
}
