import Foundation
import LastmileStore
import Testing

@Suite struct InferenceLogRecoveryTests {
    /// Ways a crash (or a bad disk) can leave the end of the last segment.
    enum Damage: String, CaseIterable, CustomTestStringConvertible {
        case cutMidRecord, cutMidHeader, garbageAppended, zerosAppended, byteFlippedInLastRecord

        var testDescription: String { rawValue }

        /// Rows of `written` that must survive.
        func survivors(of written: Int) -> Int {
            switch self {
            case .cutMidRecord, .cutMidHeader, .byteFlippedInLastRecord: written - 1
            case .garbageAppended, .zerosAppended: written
            }
        }

        func apply(to file: URL, lastRecordBytes: Int) throws {
            var bytes = try Data(contentsOf: file)
            switch self {
            case .cutMidRecord: bytes.removeLast(lastRecordBytes / 2)
            case .cutMidHeader: bytes.removeLast(lastRecordBytes - 10)
            case .garbageAppended: bytes.append(contentsOf: Array("not a record at all, just noise".utf8))
            case .zerosAppended: bytes.append(contentsOf: [UInt8](repeating: 0, count: 4096))
            case .byteFlippedInLastRecord: bytes[bytes.count - 3] ^= 0x40
            }
            try bytes.write(to: file)
        }
    }

    @Test(arguments: Damage.allCases)
    func aDamagedTailIsDroppedAndEverythingBeforeSurvives(damage: Damage) async throws {
        try await withTemporaryDirectory { directory in
            // Given five committed rows, then damage to the end of the segment
            let written = logRows(count: 5)
            try await withLog(directory) { log throws in
                try await log.append(written)
            }
            let segment = try #require(try segmentFiles(directory).last)
            let lastRecordBytes = 28 + written[4].body.count
            try damage.apply(to: segment, lastRecordBytes: lastRecordBytes)
            // When the log is opened again
            try await withLog(directory) { log throws in
                // Then the torn part is gone and the rest is intact
                let survivors = Array(written.prefix(damage.survivors(of: written.count)))
                #expect(try log.rows() == survivors)
                // And new appends land after the survivors and read back
                let more = [logRow(at: 10, id: "after-1"), logRow(at: 11, id: "after-2")]
                try await log.append(more)
                try await log.flush()
                #expect(try log.rows() == survivors + more)
                #expect(try log.rows(order: .desc, limit: 1) == [more[1]])
            }
            // And the repaired file reopens cleanly
            try await withLog(directory) { log throws in
                #expect(try log.count(pipeline: "fraud", start: nil, end: nil, anomalyOnly: false) == damage.survivors(of: 5) + 2)
            }
        }
    }

    @Test func aSegmentCutToNothingReopensEmpty() async throws {
        try await withTemporaryDirectory { directory in
            // Given
            try await withLog(directory) { log in try await log.append(logRows(count: 3)) }
            let segment = try #require(try segmentFiles(directory).last)
            try Data("xy".utf8).write(to: segment)
            // When
            try await withLog(directory) { log throws in
                // Then
                #expect(try log.rows().isEmpty)
                try await log.append(logRows(count: 1))
                try await log.flush()
                #expect(try log.rows() == logRows(count: 1))
            }
        }
    }

    @Test func reopeningKeepsEveryCommittedRowAndContinuesTheSequence() async throws {
        try await withTemporaryDirectory { directory in
            // Given rows over several segments in two pipelines
            let configuration = logConfiguration(segmentBytes: 300)
            let fraud = logRows(count: 12)
            let churn = logRows("churn", count: 3)
            try await withLog(directory, configuration) { log throws in
                try await log.append(fraud)
                try await log.append(churn)
            }
            let segmentsBefore = try segmentFiles(directory)
            #expect(segmentsBefore.count > 2)
            // When reopened and appended to
            try await withLog(directory, configuration) { log throws in
                // Then
                #expect(try log.rows() == fraud)
                #expect(try log.rows("churn") == churn)
                try await log.append([logRow(at: 50, id: "later")])
                try await log.flush()
                #expect(try log.rows(order: .desc, limit: 2).map(\.id) == ["later", "row-11"])
            }
            let segmentsAfter = try segmentFiles(directory)
            #expect(Array(segmentsAfter.prefix(segmentsBefore.count)) == segmentsBefore)
        }
    }

    @Test func segmentsWithoutSummariesAreRescannedOnOpen() async throws {
        try await withTemporaryDirectory { directory in
            // Given sealed segments whose summaries are lost
            let configuration = logConfiguration(segmentBytes: 300)
            let rows = (0..<12).map { logRow(at: Int64($0), id: "row-\($0)", anomalies: $0 % 2) }
            try await withLog(directory, configuration) { log in try await log.append(rows) }
            let folder = directory.appending(path: "fraud")
            let summaries = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "summary" }
            #expect(!summaries.isEmpty)
            for summary in summaries { try FileManager.default.removeItem(at: summary) }
            // When / Then
            try await withLog(directory, configuration) { log throws in
                #expect(try log.rows() == rows)
                #expect(try log.count(pipeline: "fraud", start: logBase + 1, end: logBase + 10, anomalyOnly: true) == 5)
            }
        }
    }
}
