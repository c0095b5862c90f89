import Foundation
import LastmileStore
import Testing

@Suite struct ArtifactStoreTests {
    private let abcDigest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

    @Test func writeNamesTheFileByTheSHA256OfItsBytes() throws {
        try withTemporaryDirectory { directory throws in
            // Given
            let artifacts = try ArtifactStore(directory: directory)
            // When
            let written = try artifacts.write(Data("abc".utf8))
            // Then
            #expect(written.sha256 == abcDigest)
            #expect(written.size == 3)
            let expected = directory.appending(path: "sha256/ba/\(abcDigest)")
            #expect(artifacts.url(sha256: abcDigest).standardizedFileURL == expected.standardizedFileURL)
            #expect(try Data(contentsOf: expected) == Data("abc".utf8))
            #expect(try artifacts.read(sha256: abcDigest) == Data("abc".utf8))
        }
    }

    @Test func writingTheSameBytesTwiceKeepsOneFile() throws {
        try withTemporaryDirectory { directory throws in
            // Given
            let artifacts = try ArtifactStore(directory: directory)
            // When
            let first = try artifacts.write(Data("abc".utf8))
            let second = try artifacts.write(Data("abc".utf8))
            let other = try artifacts.write(Data("abd".utf8))
            // Then
            #expect(first == second)
            #expect(other.sha256 != first.sha256)
            let shard = directory.appending(path: "sha256/ba").path(percentEncoded: false)
            #expect(try FileManager.default.contentsOfDirectory(atPath: shard) == [abcDigest])
        }
    }

    @Test func emptyArtifactRoundTrips() throws {
        try withTemporaryDirectory { directory throws in
            let artifacts = try ArtifactStore(directory: directory)
            let written = try artifacts.write(Data())
            #expect(written.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
            #expect(try artifacts.read(sha256: written.sha256) == Data())
        }
    }

    @Test func readOfAnUnknownDigestIsNotFound() throws {
        try withTemporaryDirectory { directory throws in
            let artifacts = try ArtifactStore(directory: directory)
            let error = #expect(throws: StoreError.self) { try artifacts.read(sha256: abcDigest) }
            #expect(error?.code == .notFound)
        }
    }

    @Test(arguments: ["", "abc", "../../etc/passwd", String(repeating: "A", count: 64), String(repeating: "g", count: 64), "ba/../" + String(repeating: "0", count: 58)])
    func readOfAMalformedDigestIsInvalid(digest: String) throws {
        try withTemporaryDirectory { directory throws in
            let artifacts = try ArtifactStore(directory: directory)
            let error = #expect(throws: StoreError.self) { try artifacts.read(sha256: digest) }
            #expect(error?.code == .invalid)
            #expect(artifacts.url(sha256: digest).path(percentEncoded: false).hasPrefix(directory.appending(path: "sha256").path(percentEncoded: false)))
        }
    }

    @Test func readOfACorruptedArtifactFails() throws {
        try withTemporaryDirectory { directory throws in
            // Given
            let artifacts = try ArtifactStore(directory: directory)
            let written = try artifacts.write(Data("abc".utf8))
            try Data("abd".utf8).write(to: artifacts.url(sha256: written.sha256))
            // When
            let error = #expect(throws: StoreError.self) { try artifacts.read(sha256: written.sha256) }
            // Then
            #expect(error?.code == .io)
        }
    }
}
