/// The on-disk framing of one inference log record: one request's rows.
///
/// A segment file is a sequence of records and nothing else. Each record is, little-endian:
///
/// ```
/// offset  size  field
///      0     4  length: bytes after this 8-byte prefix
///      4     4  CRC-32C of those `length` bytes
///      8     8  time, milliseconds since 1970 (signed)
///     16     4  rows with an anomaly count above 0 (unsigned)
///     20     2  reserved (0)
///     22     1  format version (2)
///     23     1  reserved (0)
///     24     4  rows (unsigned, at least 1)
///     28  4×rows  each row's anomaly count, present only when some row's count is above 0
///      …     …  the body
/// ```
///
/// Format 1 (one row per record) is still read: its bytes 16-19 hold the row's anomaly count,
/// 20-21 the prediction id's length, and the id and the row's JSON follow from byte 24.
///
/// The length and checksum let recovery find the last whole record after a crash; the time and
/// counts sit in a fixed header so reads filter and count without decoding the body.
enum LogRecord {
    /// Bytes of the fixed header (prefix included) of the format written.
    static let headerBytes = 28
    /// Bytes of the fixed header of format 1, the smallest record there is.
    static let minimumHeaderBytes = 24
    /// The format version this code writes.
    static let version: UInt8 = 2
    /// The largest record accepted, so a corrupt length cannot make a read allocate gigabytes.
    static let maxBytes = 64 << 20

    /// The fixed header of a record, decoded without its body.
    struct Header: Equatable {
        /// The bytes after the 8-byte prefix.
        var length: Int
        /// The stored checksum of those bytes.
        var checksum: UInt32
        /// The rows' time in milliseconds.
        var time: Int64
        /// The number of rows.
        var rows: Int
        /// Rows with an anomaly count above 0.
        var anomalousRows: Int
        /// The format version.
        var version: UInt8
        /// Format 1: the id's length in bytes (0 in format 2).
        var idLength: Int

        /// The whole record's size on disk.
        var totalBytes: Int { 8 + length }

        /// Where the per-row anomaly counts start (format 2).
        var countsOffset: Int { headerBytes }

        /// Where the body starts.
        var bodyOffset: Int {
            version == 1 ? minimumHeaderBytes + idLength : headerBytes + (anomalousRows > 0 ? 4 * rows : 0)
        }
    }

    /// The encoded size of `entry`.
    static func size(of entry: InferenceLogEntry) -> Int {
        headerBytes + (entry.anomalousRows > 0 ? 4 * entry.rows : 0) + entry.body.count
    }

    /// A message saying why `entry` cannot be stored, or nil when it can.
    static func problem(with entry: InferenceLogEntry) -> String? {
        if entry.rows == 0 {
            return "a log entry for pipeline \"\(entry.pipeline)\" has no rows; give each row an anomaly count"
        }
        if entry.legacyRowID != nil {
            return "a log entry for pipeline \"\(entry.pipeline)\" is in the format-1 row layout, which the log reads but no longer writes"
        }
        let size = size(of: entry)
        if size > maxBytes || entry.rows > Int(UInt32.max) {
            return "a request for pipeline \"\(entry.pipeline)\" is \(size) bytes encoded; the inference log stores requests of at most \(maxBytes) bytes, so log smaller requests"
        }
        return nil
    }

    /// Appends `entry`'s record to `buffer`; the entry must have passed `problem(with:)`.
    static func append(_ entry: InferenceLogEntry, to buffer: inout [UInt8]) {
        let start = buffer.count
        let anomalous = entry.anomalousRows
        let length = size(of: entry) - 8
        appendInteger(UInt32(truncatingIfNeeded: length), to: &buffer)
        appendInteger(UInt32(0), to: &buffer)
        appendInteger(UInt64(bitPattern: entry.timeMillis), to: &buffer)
        appendInteger(UInt32(truncatingIfNeeded: anomalous), to: &buffer)
        appendInteger(UInt16(0), to: &buffer)
        buffer.append(version)
        buffer.append(0)
        appendInteger(UInt32(truncatingIfNeeded: entry.rows), to: &buffer)
        if anomalous > 0 {
            for count in entry.anomalyCounts { appendInteger(count, to: &buffer) }
        }
        buffer.append(contentsOf: entry.body)
        buffer.withUnsafeMutableBytes { bytes in
            let crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[(start + 8)...]))
            bytes.storeBytes(of: crc.littleEndian, toByteOffset: start + 4, as: UInt32.self)
        }
    }

    /// Decodes the header at the start of `bytes`, or nil when `bytes` is too short or the
    /// header is impossible (a length out of range, an unknown version, counts or an id that
    /// do not fit the record).
    static func header(_ bytes: UnsafeRawBufferPointer) -> Header? {
        guard bytes.count >= minimumHeaderBytes else { return nil }
        let length = Int(bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self).littleEndian)
        let version = bytes[22]
        guard 8 + length <= maxBytes else { return nil }
        var header = Header(
            length: length,
            checksum: bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian,
            time: Int64(bitPattern: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian),
            rows: 1,
            anomalousRows: 0,
            version: version,
            idLength: 0
        )
        let sixteen = Int(bytes.loadUnaligned(fromByteOffset: 16, as: UInt32.self).littleEndian)
        switch version {
        case 1:
            header.idLength = Int(bytes.loadUnaligned(fromByteOffset: 20, as: UInt16.self).littleEndian)
            header.anomalousRows = sixteen > 0 ? 1 : 0
            guard length >= minimumHeaderBytes - 8 + header.idLength else { return nil }
        case 2:
            guard bytes.count >= headerBytes else { return nil }
            header.rows = Int(bytes.loadUnaligned(fromByteOffset: 24, as: UInt32.self).littleEndian)
            header.anomalousRows = sixteen
            guard header.rows >= 1, sixteen <= header.rows, 8 + length >= header.bodyOffset else { return nil }
        default:
            return nil
        }
        return header
    }

    /// Whether the whole record in `bytes` (prefix included) matches its checksum.
    static func isIntact(_ bytes: UnsafeRawBufferPointer, header: Header) -> Bool {
        guard bytes.count >= header.totalBytes else { return false }
        return CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[8..<header.totalBytes])) == header.checksum
    }

    /// Each row's anomaly count in the whole record `bytes` (prefix included).
    static func anomalyCounts(_ bytes: UnsafeRawBufferPointer, header: Header) -> [UInt32] {
        if header.version == 1 {
            return [bytes.loadUnaligned(fromByteOffset: 16, as: UInt32.self).littleEndian]
        }
        guard header.anomalousRows > 0 else { return [UInt32](repeating: 0, count: header.rows) }
        return (0..<header.rows).map {
            bytes.loadUnaligned(fromByteOffset: header.countsOffset + 4 * $0, as: UInt32.self).littleEndian
        }
    }

    /// The entry stored in the whole record `bytes` (prefix included), for `pipeline`.
    static func entry(_ bytes: UnsafeRawBufferPointer, header: Header, pipeline: String) -> InferenceLogEntry {
        var id: String?
        if header.version == 1 {
            id = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[minimumHeaderBytes..<header.bodyOffset]), as: UTF8.self)
        }
        return InferenceLogEntry(
            pipeline: pipeline,
            timeMillis: header.time,
            anomalyCounts: anomalyCounts(bytes, header: header),
            body: Array(bytes[header.bodyOffset..<header.totalBytes]),
            legacyRowID: id
        )
    }

    private static func appendInteger<T: FixedWidthInteger>(_ value: T, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }
}
