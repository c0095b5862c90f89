import LastmileEngine

/// One named output of a pipeline run, in the order the pipeline declares its outputs.
public struct NamedValue: Sendable {
    public var name: String
    public var value: Value

    public init(name: String, value: Value) {
        self.name = name
        self.value = value
    }
}
