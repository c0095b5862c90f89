import Foundation
import LastmileStore
import Testing

@Suite struct InferenceLogTests {
    @Test func flushedRowsReadBackInTimeOrderBothWays() async throws {
        try await withTemporaryDirectory { directory in
            try await withLog(directory) { log throws in
                // Given rows where two share a time, appended out of time order across calls
                let early = [logRow(at: 0, id: "a"), logRow(at: 1, id: "b"), logRow(at: 1, id: "c")]
                let late = [logRow(at: 5, id: "e"), logRow(at: 6, id: "f")]
                let middle = [logRow(at: 3, id: "d")]
                // When
                try await log.append(early)
                try await log.append(late)
                try await log.append(middle)
                try await log.flush()
                // Then
                let ascending = early + middle + late
                #expect(try log.rows() == ascending)
                #expect(try log.rows(order: .desc) == Array(ascending.reversed()))
            }
        }
    }

    @Test func readsApplyTheTimeRangeLimitAndAnomalyFilter() async throws {
        try await withTemporaryDirectory { directory in
            try await withLog(directory) { log throws in
                // Given ten rows, every third one anomalous
                let rows = (0..<10).map { logRow(at: Int64($0), id: "row-\($0)", anomalies: $0 % 3 == 0 ? 2 : 0) }
                try await log.append(rows)
                try await log.flush()
                // When / Then: the range is inclusive at both ends
                #expect(try log.rows(start: logBase + 2, end: logBase + 5) == Array(rows[2...5]))
                #expect(try log.rows(start: logBase + 2, end: logBase + 5, order: .desc) == Array(rows[2...5].reversed()))
                #expect(try log.rows(start: logBase + 8) == Array(rows[8...]))
                #expect(try log.rows(end: logBase + 1) == Array(rows[...1]))
                // The limit keeps the first rows in the requested order
                #expect(try log.rows(limit: 3) == Array(rows[..<3]))
                #expect(try log.rows(order: .desc, limit: 3) == Array(rows[7...].reversed()))
                #expect(try log.rows(limit: 0).isEmpty)
                // Only anomalous rows
                #expect(try log.rows(anomalyOnly: true).map(\.id) == ["row-0", "row-3", "row-6", "row-9"])
                #expect(try log.rows(start: logBase + 1, end: logBase + 6, order: .desc, anomalyOnly: true).map(\.id) == ["row-6", "row-3"])
                // Counts use the same filters
                #expect(try log.count(pipeline: "fraud", start: nil, end: nil, anomalyOnly: false) == 10)
                #expect(try log.count(pipeline: "fraud", start: logBase + 2, end: logBase + 5, anomalyOnly: false) == 4)
                #expect(try log.count(pipeline: "fraud", start: nil, end: nil, anomalyOnly: true) == 4)
                #expect(try log.count(pipeline: "fraud", start: logBase + 20, end: nil, anomalyOnly: false) == 0)
            }
        }
    }

    @Test func returningFalseFromTheBodyStopsTheRead() async throws {
        try await withTemporaryDirectory { directory in
            try await withLog(directory) { log throws in
                // Given
                try await log.append(logRows(count: 5))
                try await log.flush()
                // When
                var seen: [String] = []
                try log.read(pipeline: "fraud", start: nil, end: nil, order: .asc, anomalyOnly: false, limit: nil) { row, _ in
                    seen.append(row.id)
                    return seen.count < 2
                }
                // Then
                #expect(seen == ["row-0", "row-1"])
            }
        }
    }

    @Test func pipelinesAreLoggedSeparately() async throws {
        try await withTemporaryDirectory { directory in
            try await withLog(directory) { log throws in
                // Given one append mixing two pipelines, and one for a third
                let fraud = logRows("fraud", count: 3, prefix: "f-")
                let churn = logRows("churn", count: 2, prefix: "c-")
                try await log.append([fraud[0], churn[0], fraud[1], churn[1]])
                try await log.append([fraud[2]])
                try await log.append(logRows("spam-2", count: 1))
                try await log.flush()
                // Then
                #expect(try log.rows("fraud") == fraud)
                #expect(try log.rows("churn") == churn)
                #expect(try log.count(pipeline: "spam-2", start: nil, end: nil, anomalyOnly: false) == 1)
                #expect(try log.rows("never-logged").isEmpty)
                #expect(FileManager.default.fileExists(atPath: directory.appending(path: "churn").path(percentEncoded: false)))
            }
        }
    }

    @Test func rowsAreNotReadableBeforeTheyAreCommitted() async throws {
        try await withTemporaryDirectory { directory in
            // Given an async log whose writer waits an hour between commits
            try await withLog(directory, logConfiguration(flushInterval: .seconds(3600))) { log throws in
                // When
                try await log.append(logRows(count: 3))
                // Then the queued rows are invisible until flushed
                #expect(try log.count(pipeline: "fraud", start: nil, end: nil, anomalyOnly: false) == 0)
                try await log.flush()
                #expect(try log.count(pipeline: "fraud", start: nil, end: nil, anomalyOnly: false) == 3)
            }
        }
    }

    @Test func concurrentAppendsLandExactlyOnce() async throws {
        try await withTemporaryDirectory { directory in
            // Given small segments so the appends also rotate
            try await withLog(directory, logConfiguration(flushInterval: .milliseconds(1), segmentBytes: 4096)) { log throws in
                // When 40 tasks append 25 rows each
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for task in 0..<40 {
                        group.addTask {
                            for batch in 0..<5 {
                                let rows = (0..<5).map { logRow(at: Int64(task), id: "t\(task)-b\(batch)-r\($0)") }
                                try await log.append(rows)
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                try await log.flush()
                // Then every row is there once, and each task's rows keep their order
                let rows = try log.rows()
                #expect(rows.count == 1000)
                #expect(Set(rows.map(\.id)).count == 1000)
                #expect(log.droppedRows == 0)
                let task7 = rows.filter { $0.id.hasPrefix("t7-") }.map(\.id)
                #expect(task7 == (0..<5).flatMap { batch in (0..<5).map { "t7-b\(batch)-r\($0)" } })
                #expect(try segmentFiles(directory).count > 1)
            }
        }
    }

    @Test func syncAppendsAreCommittedWhenTheyReturn() async throws {
        try await withTemporaryDirectory { directory in
            // Given a sync log whose interval alone would never commit
            try await withLog(directory, logConfiguration(durability: .sync, flushInterval: .seconds(3600))) { log throws in
                // When
                try await log.append(logRows(count: 4))
                // Then a second log opened on the same folder, without closing the first, sees the rows
                let fresh = try InferenceLog(directory: directory, configuration: logConfiguration())
                #expect(try fresh.rows() == logRows(count: 4))
                #expect(try log.rows() == logRows(count: 4))
                await fresh.close()
            }
        }
    }

    @Test func aFullQueueDropsRowsInsteadOfGrowing() async throws {
        try await withTemporaryDirectory { directory in
            // Given an async log whose queue holds at most 1000 bytes
            try await withLog(directory, logConfiguration(maxPendingBytes: 1000)) { log throws in
                // When one append alone exceeds the bound
                try await log.append(logRows(count: 50))
                // Then it is dropped and counted, and smaller appends still get through
                #expect(log.droppedRows == 50)
                try await log.append([logRow(at: 100, id: "small")])
                try await log.flush()
                #expect(try log.rows().map(\.id) == ["small"])
            }
        }
    }

    @Test func invalidPipelineNamesAreRefused() async throws {
        try await withTemporaryDirectory { directory in
            try await withLog(directory) { log throws in
                // When / Then
                for name in ["", "../etc", "Fraud", "a/b", "-x"] {
                    await #expect(throws: StoreError.self) {
                        try await log.append([logRow(name, at: 0, id: "x")])
                    }
                    #expect(throws: StoreError.self) { try log.rows(name) }
                }
                // A bad row refuses the whole append
                await #expect(throws: StoreError.self) {
                    try await log.append([logRow(at: 0, id: "ok"), logRow("Bad", at: 0, id: "bad")])
                }
                try await log.flush()
                #expect(try log.rows().isEmpty)
                #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path(percentEncoded: false)).isEmpty)
            }
        }
    }

    @Test func appendsAfterCloseFailAndReadsStillWork() async throws {
        try await withTemporaryDirectory { directory in
            // Given
            let log = try InferenceLog(directory: directory, configuration: logConfiguration())
            try await log.append(logRows(count: 2))
            // When close commits what was queued
            await log.close()
            // Then
            #expect(try log.rows() == logRows(count: 2))
            let error = await #expect(throws: StoreError.self) { try await log.append(logRows(count: 1)) }
            #expect(error?.code == .io)
            try await log.flush()
            await log.close()
        }
    }

    @Test func aConfigurationOutOfRangeIsRefused() throws {
        try withTemporaryDirectory { directory in
            let error = #expect(throws: StoreError.self) {
                _ = try InferenceLog(directory: directory, configuration: logConfiguration(segmentBytes: 0))
            }
            #expect(error?.code == .invalid)
        }
    }

    @Test func crc32cMatchesTheStandardCheckValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([]) == 0)
    }
}
