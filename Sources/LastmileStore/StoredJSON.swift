import Foundation
import LastmileAPI

/// Encodes and decodes the JSON columns (`APICoding`), naming the object when that fails.
enum StoredJSON {
    /// `value` as JSON text.
    ///
    /// - Parameter object: what the value belongs to, for the error message.
    static func encode<T: Encodable>(_ value: T, for object: String) throws -> String {
        do {
            let data = try APICoding.encoder().encode(value)
            return String(decoding: data, as: UTF8.self)
        } catch {
            throw StoreError(.invalid, "could not encode \(object) as JSON: \(error); check the values are finite numbers and valid strings", underlying: error)
        }
    }

    /// Decodes `text`, a JSON column written by `encode(_:for:)`.
    ///
    /// - Parameter object: what the value belongs to, for the error message.
    static func decode<T: Decodable>(_ type: T.Type, from text: String, for object: String) throws -> T {
        do {
            return try APICoding.decoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError(.io, "the stored JSON of \(object) is unreadable (\(error)); the database was changed outside Lastmile or by a newer version", underlying: error)
        }
    }
}
