import Foundation
import LastmileAPI

/// Opening the log: finds every pipeline's segments and makes each one whole again.
///
/// Each segment is scanned record by record (unless a summary vouches for it); at the first
/// record that is cut short, impossible or fails its checksum the file is truncated and
/// fsynced. A crash can only tear what was written after the last fsync, so every record an
/// append or flush reported as committed survives.
enum SegmentRecovery {
    /// The segments of every pipeline under `root`, each sorted by sequence; the last segment
    /// of a pipeline is unsealed (the writer appends to it), the others sealed with summaries.
    static func open(root: URL) throws -> [String: [SegmentInfo]] {
        var pipelines: [String: [SegmentInfo]] = [:]
        for folder in try contents(of: root) {
            let name = folder.lastPathComponent
            guard ResourceName.isValid(name),
                  (try? folder.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true
            else { continue }
            pipelines[name] = try openPipeline(folder)
        }
        return pipelines
    }

    /// The recovered segments in one pipeline's folder.
    private static func openPipeline(_ folder: URL) throws -> [SegmentInfo] {
        var segments: [SegmentInfo] = []
        var summaries: [URL] = []
        for file in try contents(of: folder) {
            let name = file.lastPathComponent
            if name.hasPrefix(".tmp-") {
                // A summary whose writer crashed before the rename.
                try? FileManager.default.removeItem(at: file)
            } else if file.pathExtension == SegmentInfo.summaryExtension {
                summaries.append(file)
            } else if let sequence = SegmentInfo.sequence(fromFileName: name) {
                segments.append(SegmentInfo(url: file, sequence: sequence))
            }
        }
        segments.sort { $0.sequence < $1.sequence }
        for index in segments.indices {
            let isLast = index == segments.count - 1
            let size = try SegmentFile.openForWriting(segments[index].url, create: false).closing { try $0.size() }
            if !isLast, let summarized = SegmentSummary.load(segments[index], fileSize: size) {
                segments[index] = summarized
                continue
            }
            segments[index] = try scan(segments[index])
            if isLast {
                try? FileManager.default.removeItem(at: segments[index].summaryURL)
            } else {
                segments[index].sealed = true
                try? SegmentSummary.save(segments[index])
            }
        }
        let kept = Set(segments.map(\.summaryURL.lastPathComponent))
        for summary in summaries where !kept.contains(summary.lastPathComponent) {
            try? FileManager.default.removeItem(at: summary)
        }
        return segments
    }

    /// `segment` with counts from reading it, truncated after its last intact record.
    static func scan(_ segment: SegmentInfo) throws -> SegmentInfo {
        let file = try SegmentFile.openForWriting(segment.url, create: false)
        return try file.closing { file in
            let size = try file.size()
            var reader = SegmentReader(file: file, limit: size)
            var result = segment
            result.bytes = 0
            var offset = 0
            while let header = try reader.header(at: offset) {
                let intact = try reader.withBytes(at: offset, count: header.totalBytes, forward: true) {
                    LogRecord.isIntact($0, header: header)
                }
                guard intact else { break }
                result.add(time: header.time, rows: header.rows, anomalous: header.anomalousRows, bytes: header.totalBytes)
                offset += header.totalBytes
            }
            if offset < size {
                try file.truncate(to: offset)
                try file.sync()
            }
            return result
        }
    }

    private static func contents(of folder: URL) throws -> [URL] {
        do {
            return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.isDirectoryKey])
        } catch {
            throw StoreError(.io, "could not list the inference log folder \(folder.path(percentEncoded: false)): \(error.localizedDescription); check the data directory's permissions", underlying: error)
        }
    }
}
