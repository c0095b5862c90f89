import Foundation
import LastmileStore
import Testing

@Suite struct InferenceLogSegmentTests {
    @Test func rotationSplitsRowsIntoSegmentsAndRangeReadsSpanThem() async throws {
        try await withTemporaryDirectory { directory in
            // Given segments of about three rows
            try await withLog(directory, logConfiguration(segmentBytes: 300)) { log throws in
                let rows = logRows(count: 20)
                // When appended in several commits
                for start in stride(from: 0, to: 20, by: 7) {
                    try await log.append(Array(rows[start..<min(20, start + 7)]))
                    try await log.flush()
                }
                // Then there are several segments, none past the size unless it holds one row
                let segments = try segmentFiles(directory)
                #expect(segments.count >= 6)
                for segment in segments {
                    let size = try #require(try FileManager.default.attributesOfItem(atPath: segment.path(percentEncoded: false))[.size] as? Int)
                    #expect(size <= 300)
                }
                // And reads across segment boundaries are exact
                #expect(try log.rows() == rows)
                #expect(try log.rows(start: logBase + 4, end: logBase + 13) == Array(rows[4...13]))
                #expect(try log.rows(start: logBase + 4, end: logBase + 13, order: .desc) == Array(rows[4...13].reversed()))
                #expect(try log.rows(start: logBase + 5, order: .desc, limit: 4) == Array(rows[16...19].reversed()))
                #expect(try log.count(pipeline: "fraud", start: logBase + 4, end: logBase + 13, anomalyOnly: false) == 10)
            }
        }
    }

    @Test func rowsArrivingOutOfTimeOrderAcrossSegmentsReadInTimeOrder() async throws {
        try await withTemporaryDirectory { directory in
            try await withLog(directory, logConfiguration(segmentBytes: 300)) { log throws in
                // Given rows appended in a shuffled time order, some sharing a time
                let times: [Int64] = [5, 1, 9, 3, 3, 0, 7, 2, 8, 6, 4, 1]
                let rows = times.enumerated().map { logRow(at: $1, id: "row-\($0)") }
                for row in rows { try await log.append([row]) }
                try await log.flush()
                #expect(try segmentFiles(directory).count > 1)
                // Then reads sort by time, keeping append order among equal times
                let ascending = rows.enumerated().sorted { ($0.element.timeMillis, $0.offset) < ($1.element.timeMillis, $1.offset) }.map(\.element)
                #expect(try log.rows() == ascending)
                #expect(try log.rows(order: .desc) == Array(ascending.reversed()))
                #expect(try log.rows(start: logBase + 1, end: logBase + 3).map(\.id) == ["row-1", "row-11", "row-7", "row-3", "row-4"])
                #expect(try log.rows(order: .desc, limit: 2).map(\.id) == ["row-2", "row-8"])
            }
        }
    }

    @Test func retentionByAgeDeletesOnlySegmentsWhollyOlderThanMaxAge() async throws {
        try await withTemporaryDirectory { directory in
            // Given rows one second apart in segments of about three rows
            let configuration = logConfiguration(maxAge: .seconds(10), segmentBytes: 300)
            try await withLog(directory, configuration) { log throws in
                let rows = (0..<20).map { logRow(at: Int64($0) * 1000, id: "row-\($0)") }
                try await log.append(rows)
                try await log.flush()
                let before = try segmentFiles(directory)
                // When retention runs as of 10 s after row 12 (so rows before 12 s are expired)
                try log.applyRetention(now: Date(timeIntervalSince1970: Double(logBase + 22_000) / 1000))
                // Then whole expired segments are gone, the segment holding row 12 survives whole
                let kept = try log.rows()
                #expect(kept.last == rows.last)
                #expect(kept.first.map(\.timeMillis).map { $0 <= logBase + 12_000 } == true)
                #expect(kept.first.map(\.timeMillis).map { $0 > logBase + 9_000 } == true)
                #expect(kept == Array(rows.suffix(kept.count)))
                let after = try segmentFiles(directory)
                #expect(after == Array(before.suffix(after.count)))
                #expect(after.count < before.count)
                // And with everything expired, even the segment being written goes, and logging resumes
                try log.applyRetention(now: Date(timeIntervalSince1970: Double(logBase + 100_000) / 1000))
                #expect(try log.rows().isEmpty)
                #expect(try segmentFiles(directory).isEmpty)
                try await log.append([logRow(at: 200_000, id: "fresh")])
                try await log.flush()
                #expect(try log.rows().map(\.id) == ["fresh"])
            }
        }
    }

    @Test func retentionBySizeDeletesTheOldestSegmentsFirst() async throws {
        try await withTemporaryDirectory { directory in
            // Given two pipelines whose segments total well over 1000 bytes
            let configuration = logConfiguration(maxBytes: 1000, segmentBytes: 300)
            try await withLog(directory, configuration) { log throws in
                let old = logRows("churn", count: 6, prefix: "old-")
                let new = (0..<12).map { logRow(at: 100 + Int64($0), id: "new-\($0)") }
                try await log.append(old)
                try await log.append(new)
                try await log.flush()
                // When
                try log.applyRetention(now: Date())
                // Then the total is within the bound, and what remains is the newest rows of each pipeline
                let total = try [segmentFiles(directory, pipeline: "churn"), segmentFiles(directory)].joined()
                    .map { try FileManager.default.attributesOfItem(atPath: $0.path(percentEncoded: false))[.size] as? Int ?? 0 }
                    .reduce(0, +)
                #expect(total <= 1000)
                let churn = try log.rows("churn")
                let fraud = try log.rows()
                #expect(churn == Array(old.suffix(churn.count)))
                #expect(fraud == Array(new.suffix(fraud.count)))
                #expect(churn.count < old.count)
                #expect(fraud.last == new.last)
            }
        }
    }
}
