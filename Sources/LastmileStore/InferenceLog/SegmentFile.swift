import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An open segment file: positioned reads and writes, fsync, truncation, all retried on `EINTR`
/// and mapped to `StoreError(.io)` naming the file.
///
/// A value type over a descriptor: whoever opened it calls `close()` exactly once.
struct SegmentFile {
    /// The file's descriptor.
    let descriptor: Int32
    /// The file, for error messages.
    let url: URL

    /// Opens `url` for reading, or returns nil when it does not exist (retention removed it).
    static func openForReading(_ url: URL) throws -> SegmentFile? {
        let descriptor = url.withUnsafeFileSystemRepresentation { path -> Int32 in
            guard let path else { return -1 }
            return retrying { open(path, O_RDONLY | O_CLOEXEC) }
        }
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw failure("open \(url.path(percentEncoded: false)) for reading")
        }
        return SegmentFile(descriptor: descriptor, url: url)
    }

    /// Opens `url` for writing, creating it when `create` is set (failing if it exists).
    static func openForWriting(_ url: URL, create: Bool) throws -> SegmentFile {
        let flags = O_RDWR | O_CLOEXEC | (create ? O_CREAT | O_EXCL : 0)
        let descriptor = url.withUnsafeFileSystemRepresentation { path -> Int32 in
            guard let path else { return -1 }
            return retrying { open(path, flags, 0o644) }
        }
        if descriptor < 0 {
            throw failure("open log segment \(url.path(percentEncoded: false)) for writing")
        }
        return SegmentFile(descriptor: descriptor, url: url)
    }

    /// The file's size in bytes.
    func size() throws -> Int {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Self.failure("read the size of \(path)") }
        return Int(status.st_size)
    }

    /// Reads up to `buffer.count` bytes at `offset`; fewer only at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let count = Self.retrying { pread(descriptor, base + done, buffer.count - done, off_t(offset + done)) }
            if count < 0 { throw Self.failure("read \(path)") }
            if count == 0 { break }
            done += count
        }
        return done
    }

    /// Writes all of `bytes` at `offset`.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let count = Self.retrying { pwrite(descriptor, base + done, bytes.count - done, off_t(offset + done)) }
            if count < 0 { throw Self.failure("write \(path)") }
            done += count
        }
    }

    /// Flushes the file's data (and its size) to disk.
    func sync() throws {
        #if os(Linux)
        let result = Self.retrying { fdatasync(descriptor) }
        #else
        let result = Self.retrying { fsync(descriptor) }
        #endif
        guard result == 0 else { throw Self.failure("flush \(path) to disk") }
    }

    /// Cuts the file to `length` bytes.
    func truncate(to length: Int) throws {
        guard Self.retrying({ ftruncate(descriptor, off_t(length)) }) == 0 else {
            throw Self.failure("truncate \(path) to \(length) bytes")
        }
    }

    /// Runs `body` with the file, then closes it whatever happens.
    func closing<Result>(_ body: (SegmentFile) throws -> Result) rethrows -> Result {
        defer { close() }
        return try body(self)
    }

    /// Closes the descriptor.
    func close() {
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #elseif canImport(Musl)
        _ = Musl.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
    }

    private var path: String { url.path(percentEncoded: false) }

    /// Runs a POSIX call again while it fails with `EINTR`.
    private static func retrying<Result: BinaryInteger>(_ body: () -> Result) -> Result {
        while true {
            let result = body()
            if result >= 0 || errno != EINTR { return result }
        }
    }

    /// A `.io` error for the failed `action`, with the text of `errno` (read before `action`
    /// is built, so building the message cannot change it).
    static func failure(_ action: @autoclosure () -> String) -> StoreError {
        let reason = String(cString: strerror(errno))
        return StoreError(.io, "could not \(action()): \(reason); check that the data directory is writable and the disk has space")
    }
}
