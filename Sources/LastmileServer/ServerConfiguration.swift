import Foundation

/// Everything `lastmile serve` needs, read once by the CLI from flags and the environment.
public struct ServerConfiguration: Sendable {
    /// The address to listen on; 127.0.0.1 by default, so a fresh server is not exposed.
    public var host: String
    /// The port; 0 picks a free one (tests).
    public var port: Int
    /// Where the store keeps `lastmile.sqlite`, artifacts and the admin token.
    public var dataDirectory: URL
    /// The admin user's token (from `LASTMILE_ADMIN_TOKEN`); nil generates one on first start.
    public var adminToken: String?
    /// The largest model upload accepted, in bytes.
    public var maxModelBytes: Int
    /// The largest inference or JSON request body accepted, in bytes.
    public var maxRequestBytes: Int
    /// `async` (default): replies do not wait for the inference log; rows are committed within
    /// a second. `sync`: a reply waits until its rows are on disk. `off`: nothing is logged
    /// (for benchmarks of the logging cost).
    public var logDurability: String = "async"
    /// Inference log records older than this many days are deleted (nil keeps them).
    public var logMaxAgeDays: Int? = 30
    /// The inference log is kept under this many bytes, oldest records deleted first (nil: no cap).
    public var logMaxBytes: Int64? = 10 << 30
    /// The Python interpreter that converts native model artifacts to ONNX
    /// (`python -m lastmile.convert`), from an environment where `pip install 'lastmile[convert]'`
    /// (plus the frameworks to convert) was run. Nil: conversion uploads answer 501.
    public var converterPython: String?
    /// How conversions are confined: `auto` (bubblewrap when `bwrap` is on PATH, else none, with
    /// a warning), `bwrap` (required: the server refuses to start without it) or `none`.
    public var converterSandbox: String = "auto"
    /// How long one conversion may run before it is killed and its version marked failed.
    public var conversionTimeoutSeconds: Int = 300
    /// How many conversions may run at once; more uploads are refused with 503 until one ends
    /// (each runs a Python process that may load a whole ML framework).
    public var maxConcurrentConversions: Int = 2

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        dataDirectory: URL = URL(fileURLWithPath: ".lastmile"),
        adminToken: String? = nil,
        maxModelBytes: Int = 1 << 30,
        maxRequestBytes: Int = 64 << 20
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.adminToken = adminToken
        self.maxModelBytes = maxModelBytes
        self.maxRequestBytes = maxRequestBytes
    }
}
