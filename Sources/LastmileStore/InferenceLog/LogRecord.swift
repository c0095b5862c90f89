/// The on-disk framing of one inference log record.
///
/// A segment file is a sequence of records and nothing else. Each record is, little-endian:
///
/// ```
/// offset  size  field
///      0     4  length: bytes after this 8-byte prefix (16 + id bytes + JSON bytes)
///      4     4  CRC-32C of those `length` bytes
///      8     8  time, milliseconds since 1970 (signed)
///     16     4  anomaly count (unsigned)
///     20     2  id length in bytes
///     22     1  format version (1)
///     23     1  reserved (0)
///     24     …  id (UTF-8), then the row's JSON
/// ```
///
/// The length and checksum let recovery find the last whole record after a crash; the time and
/// anomaly count sit in a fixed header so reads filter without decoding the body.
enum LogRecord {
    /// Bytes before the id: the prefix (length, CRC) and the fixed header.
    static let headerBytes = 24
    /// Bytes covered by `length` before the id.
    static let fixedBodyBytes = 16
    /// The format version this code writes and reads.
    static let version: UInt8 = 1
    /// The largest record accepted, so a corrupt length cannot make a read allocate gigabytes.
    static let maxBytes = 64 << 20

    /// The fixed header of a record, decoded without its body.
    struct Header: Equatable {
        /// The bytes after the 8-byte prefix.
        var length: Int
        /// The stored checksum of those bytes.
        var checksum: UInt32
        /// The row's time in milliseconds.
        var time: Int64
        /// The row's anomaly count.
        var anomalyCount: UInt32
        /// The id's length in bytes.
        var idLength: Int

        /// The whole record's size on disk.
        var totalBytes: Int { 8 + length }
    }

    /// The encoded size of `entry`.
    static func size(of entry: InferenceLogEntry) -> Int {
        headerBytes + entry.id.utf8.count + entry.json.count
    }

    /// A message saying why `entry` cannot be stored, or nil when it can.
    static func problem(with entry: InferenceLogEntry) -> String? {
        let idBytes = entry.id.utf8.count
        if idBytes > Int(UInt16.max) {
            return "the prediction id of a row for pipeline \"\(entry.pipeline)\" is \(idBytes) bytes long; ids are at most \(UInt16.max) bytes"
        }
        let size = headerBytes + idBytes + entry.json.count
        if size > maxBytes {
            return "a row for pipeline \"\(entry.pipeline)\" is \(size) bytes encoded; the inference log stores rows of at most \(maxBytes) bytes, so log a smaller row"
        }
        return nil
    }

    /// Appends `entry`'s record to `buffer`; the entry must have passed `problem(with:)`.
    static func append(_ entry: InferenceLogEntry, to buffer: inout [UInt8]) {
        let start = buffer.count
        let idBytes = entry.id.utf8.count
        let length = fixedBodyBytes + idBytes + entry.json.count
        appendInteger(UInt32(truncatingIfNeeded: length), to: &buffer)
        appendInteger(UInt32(0), to: &buffer)
        appendInteger(UInt64(bitPattern: entry.timeMillis), to: &buffer)
        let anomalies = UInt32(clamping: max(0, entry.anomalyCount))
        appendInteger(anomalies, to: &buffer)
        appendInteger(UInt16(truncatingIfNeeded: idBytes), to: &buffer)
        buffer.append(version)
        buffer.append(0)
        buffer.append(contentsOf: entry.id.utf8)
        buffer.append(contentsOf: entry.json)
        buffer.withUnsafeMutableBytes { bytes in
            let crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[(start + 8)...]))
            bytes.storeBytes(of: crc.littleEndian, toByteOffset: start + 4, as: UInt32.self)
        }
    }

    /// Decodes the header at the start of `bytes`, or nil when `bytes` is too short or the
    /// header is impossible (a length out of range, an unknown version, an id longer than the body).
    static func header(_ bytes: UnsafeRawBufferPointer) -> Header? {
        guard bytes.count >= headerBytes else { return nil }
        let length = Int(bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self).littleEndian)
        let idLength = Int(bytes.loadUnaligned(fromByteOffset: 20, as: UInt16.self).littleEndian)
        guard length >= fixedBodyBytes, 8 + length <= maxBytes,
              bytes[22] == version, idLength <= length - fixedBodyBytes
        else { return nil }
        return Header(
            length: length,
            checksum: bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian,
            time: Int64(bitPattern: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian),
            anomalyCount: bytes.loadUnaligned(fromByteOffset: 16, as: UInt32.self).littleEndian,
            idLength: idLength
        )
    }

    /// Whether the whole record in `bytes` (prefix included) matches its checksum.
    static func isIntact(_ bytes: UnsafeRawBufferPointer, header: Header) -> Bool {
        guard bytes.count >= header.totalBytes else { return false }
        return CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[8..<header.totalBytes])) == header.checksum
    }

    /// The entry stored in the whole record `bytes` (prefix included), for `pipeline`.
    static func entry(_ bytes: UnsafeRawBufferPointer, header: Header, pipeline: String) -> InferenceLogEntry {
        let idEnd = headerBytes + header.idLength
        return InferenceLogEntry(
            pipeline: pipeline,
            timeMillis: header.time,
            id: String(decoding: UnsafeRawBufferPointer(rebasing: bytes[headerBytes..<idEnd]), as: UTF8.self),
            anomalyCount: Int(header.anomalyCount),
            json: Array(bytes[idEnd..<header.totalBytes])
        )
    }

    private static func appendInteger<T: FixedWidthInteger>(_ value: T, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }
}
