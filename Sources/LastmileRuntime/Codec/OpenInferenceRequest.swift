import LastmileTensor

/// A decoded Open Inference Protocol (KServe v2) infer request.
public struct OpenInferenceRequest: Sendable {
    /// One named input tensor, in request order.
    public struct Input: Sendable {
        /// The input's name as the request spells it.
        public var name: String
        /// The input's data, shaped and typed as the request declared.
        public var tensor: Tensor

        /// Creates an input.
        public init(name: String, tensor: Tensor) {
            self.name = name
            self.tensor = tensor
        }
    }

    /// An output the client asked for, with its own binary-data choice.
    public struct RequestedOutput: Sendable {
        /// The output's name.
        public var name: String
        /// `parameters.binary_data` of the output: true or false when given, nil to follow the
        /// request-level `binaryDataOutput`.
        public var binaryData: Bool?

        /// Creates a requested output.
        public init(name: String, binaryData: Bool? = nil) {
            self.name = name
            self.binaryData = binaryData
        }
    }

    /// The request's `id`, echoed in the response.
    public var id: String?
    /// The inputs, in request order; names are unique.
    public var inputs: [Input]
    /// The outputs asked for, in request order; empty means all outputs.
    public var outputs: [RequestedOutput]
    /// The request-level `parameters.binary_data_output` (false when absent).
    public var binaryDataOutput: Bool

    /// Creates a request.
    public init(id: String? = nil, inputs: [Input], outputs: [RequestedOutput] = [], binaryDataOutput: Bool = false) {
        self.id = id
        self.inputs = inputs
        self.outputs = outputs
        self.binaryDataOutput = binaryDataOutput
    }

    /// Whether the output named `name` should be sent as binary data: its own
    /// `binary_data` parameter when given, otherwise the request-level choice.
    public func wantsBinary(_ name: String) -> Bool {
        outputs.first(where: { $0.name == name })?.binaryData ?? binaryDataOutput
    }
}
