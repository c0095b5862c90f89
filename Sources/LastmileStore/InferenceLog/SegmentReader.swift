/// Reads records from the first `limit` bytes of a segment through a window of about 1 MiB,
/// so scanning headers forwards, or fetching records backwards, costs few system calls.
struct SegmentReader {
    /// The file read from; the reader does not close it.
    let file: SegmentFile
    /// Bytes of the file that hold committed records; nothing past it is read.
    let limit: Int
    private var window: [UInt8] = []
    private var windowStart = 0
    private var windowCount = 0
    private static let chunkBytes = 1 << 20

    /// A reader of `file`'s first `limit` bytes.
    init(file: SegmentFile, limit: Int) {
        self.file = file
        self.limit = limit
    }

    /// The header of the record at `offset`, or nil when there is none: the offset is at the
    /// end, the header is impossible, or the record runs past `limit`.
    mutating func header(at offset: Int) throws -> LogRecord.Header? {
        // Format-1 records may be shorter than the current header, so read what is there.
        let count = min(LogRecord.headerBytes, limit - offset)
        guard count >= LogRecord.minimumHeaderBytes else { return nil }
        let header = try withBytes(at: offset, count: count, forward: true) { LogRecord.header($0) }
        guard let header, offset + header.totalBytes <= limit else { return nil }
        return header
    }

    /// Calls `body` with the `count` bytes at `offset`, reading a window that extends after
    /// them (`forward`) or before them (backward reads) when they are not buffered yet.
    mutating func withBytes<Result>(
        at offset: Int, count: Int, forward: Bool, _ body: (UnsafeRawBufferPointer) throws -> Result
    ) throws -> Result {
        if offset < windowStart || offset + count > windowStart + windowCount {
            try fill(offset: offset, count: count, forward: forward)
        }
        let start = offset - windowStart
        return try window.withUnsafeBytes { bytes in
            try body(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + count)]))
        }
    }

    private mutating func fill(offset: Int, count: Int, forward: Bool) throws {
        guard offset >= 0, count <= limit - offset else {
            throw StoreError(.io, "a read of \(count) bytes at byte \(offset) runs past the \(limit) committed bytes of log segment \(file.url.path(percentEncoded: false)); restart the server so recovery checks the log")
        }
        let size = max(Self.chunkBytes, count)
        let start = forward ? offset : max(0, offset + count - size)
        let end = min(limit, start + size)
        windowCount = 0
        if window.count < end - start {
            window = [UInt8](repeating: 0, count: end - start)
        }
        let read = try window.withUnsafeMutableBytes { bytes in
            try file.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[0..<(end - start)]), at: start)
        }
        guard read >= offset + count - start else {
            throw StoreError(.io, "log segment \(file.url.path(percentEncoded: false)) is shorter than recorded (\(start + read) bytes, expected at least \(offset + count)); restart the server so recovery checks the log")
        }
        windowStart = start
        windowCount = read
    }
}
