import Foundation
@testable import LastmileStore
import Testing

/// Entries of several rows (one request each): reads count, filter, order and limit rows, not entries.
@Suite struct InferenceLogBatchTests {
    @Test func readsSelectRowsInsideEntriesInBothOrders() async throws {
        try await withTemporaryDirectory { directory in
            try await withLog(directory) { log throws in
                // Given a three-row request with its middle row flagged, then a one-row request
                let batch = logBatch(at: 0, ids: ["a", "b", "c"], anomalies: [0, 2, 0])
                try await log.append([batch, logRow(at: 1, id: "d", anomalies: 1)])
                try await log.flush()
                // Then rows come out one by one, reversed inside the entry for desc
                #expect(try log.rows().map(\.id) == ["a", "b", "c", "d"])
                #expect(try log.rows(order: .desc).map(\.id) == ["d", "c", "b", "a"])
                // And the anomaly filter picks rows inside the entry, with their counts
                #expect(try log.rows(anomalyOnly: true).map(\.id) == ["b", "d"])
                #expect(try log.rows(anomalyOnly: true).map(\.anomalyCounts) == [[2], [1]])
                // And the limit counts rows, cutting an entry short
                #expect(try log.rows(limit: 2).map(\.id) == ["a", "b"])
                #expect(try log.rows(order: .desc, limit: 3).map(\.id) == ["d", "c", "b"])
                // And counts are rows
                #expect(try log.count(pipeline: "fraud", start: nil, end: nil, anomalyOnly: false) == 4)
                #expect(try log.count(pipeline: "fraud", start: nil, end: nil, anomalyOnly: true) == 2)
            }
        }
    }

    @Test func rowCountsSurviveReopeningThroughSummariesAndRescans() async throws {
        try await withTemporaryDirectory { directory in
            // Given batches spread over several small segments (each seals with a summary)
            let batches = (0..<6).map { logBatch(at: Int64($0), ids: ["x\($0)", "y\($0)"], anomalies: [$0 % 2, 0]) }
            try await withLog(directory, logConfiguration(segmentBytes: 64)) { log throws in
                for batch in batches { try await log.append([batch]) }
            }
            // When the log is opened again
            try await withLog(directory) { log throws in
                // Then every row is counted and read
                #expect(try log.count(pipeline: "fraud", start: nil, end: nil, anomalyOnly: false) == 12)
                #expect(try log.count(pipeline: "fraud", start: nil, end: nil, anomalyOnly: true) == 3)
                #expect(try log.rows(anomalyOnly: true).map(\.id) == ["x1", "x3", "x5"])
            }
        }
    }

    @Test func anEntryWithoutRowsIsRefused() async throws {
        try await withTemporaryDirectory { directory in
            try await withLog(directory) { log throws in
                let empty = InferenceLogEntry(pipeline: "fraud", timeMillis: logBase, anomalyCounts: [], body: [1])
                await #expect(throws: StoreError.self) { try await log.append([empty]) }
            }
        }
    }

    @Test func rowsWrittenInFormatOneAreStillRead() async throws {
        try await withTemporaryDirectory { directory in
            // Given a segment written by the format-1 log: one row per record, id then JSON
            let folder = directory.appending(path: "fraud", directoryHint: .isDirectory)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var bytes: [UInt8] = []
            for (offset, id, anomalies) in [(Int64(0), "r-1", UInt32(0)), (1, "r-2", 3)] {
                bytes += formatOneRecord(time: logBase + offset, id: id, anomalies: anomalies, json: #"{"n":\#(offset)}"#)
            }
            try Data(bytes).write(to: folder.appending(path: SegmentInfo.fileName(sequence: 1, firstTime: logBase)))
            try await withLog(directory) { log throws in
                // Then its rows read back with their ids and JSON, and new rows append after them
                var read: [InferenceLogEntry] = []
                try log.read(pipeline: "fraud", start: nil, end: nil, order: .asc, anomalyOnly: false, limit: nil) { entry, _ in
                    read.append(entry)
                    return true
                }
                #expect(read.map(\.legacyRowID) == ["r-1", "r-2"])
                #expect(read.map { String(decoding: $0.body, as: UTF8.self) } == [#"{"n":0}"#, #"{"n":1}"#])
                #expect(try log.count(pipeline: "fraud", start: nil, end: nil, anomalyOnly: true) == 1)
                try await log.append([logRow(at: 5, id: "new")])
                try await log.flush()
                #expect(try log.count(pipeline: "fraud", start: nil, end: nil, anomalyOnly: false) == 3)
            }
        }
    }

    /// A record in the format-1 layout, built byte by byte from its documented layout.
    private func formatOneRecord(time: Int64, id: String, anomalies: UInt32, json: String) -> [UInt8] {
        var body: [UInt8] = []
        withUnsafeBytes(of: time.littleEndian) { body += $0 }
        withUnsafeBytes(of: anomalies.littleEndian) { body += $0 }
        withUnsafeBytes(of: UInt16(id.utf8.count).littleEndian) { body += $0 }
        body += [1, 0] + Array(id.utf8) + Array(json.utf8)
        var record: [UInt8] = []
        withUnsafeBytes(of: UInt32(body.count).littleEndian) { record += $0 }
        let crc = body.withUnsafeBytes { CRC32C.checksum($0) }
        withUnsafeBytes(of: crc.littleEndian) { record += $0 }
        return record + body
    }
}
