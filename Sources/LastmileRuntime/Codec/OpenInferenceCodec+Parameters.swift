import LastmileTensor

extension OpenInferenceCodec {
    /// Reads `"outputs": [{"name", "parameters"?: {"binary_data"?: bool}}]`.
    static func readOutputs(_ scanner: inout JSONScanner) throws -> [OpenInferenceRequest.RequestedOutput] {
        var outputs: [OpenInferenceRequest.RequestedOutput] = []
        guard try scanner.beginArray("a list of output objects for \"outputs\"") else { return [] }
        repeat {
            var name: String?
            var binary: Bool?
            let index = outputs.count
            if try scanner.beginObject("an output object {\"name\"} in \"outputs\"") {
                repeat {
                    let key = try scanner.readKey()
                    if scanner.span(key, equals: "name") {
                        name = try scanner.readString("a string \"name\" for outputs[\(index)]")
                    } else if scanner.span(key, equals: "parameters") {
                        binary = try readBoolParameter(&scanner, "binary_data", of: "outputs[\(index)]")
                    } else {
                        try scanner.skipValue()
                    }
                } while try scanner.nextMember()
            }
            guard let name else { throw RuntimeError(.badInput, "outputs[\(index)] has no \"name\" string") }
            outputs.append(.init(name: name, binaryData: binary))
        } while try scanner.nextElement()
        return outputs
    }

    /// Reads a `parameters` object and returns its boolean member `key`, ignoring the others.
    static func readBoolParameter(_ scanner: inout JSONScanner, _ key: StaticString, of owner: String) throws -> Bool? {
        var value: Bool?
        guard try scanner.beginObject("a \"parameters\" object for \(owner)") else { return nil }
        repeat {
            let name = try scanner.readKey()
            guard scanner.span(name, equals: key) else {
                try scanner.skipValue()
                continue
            }
            scanner.skipWhitespace()
            if scanner.consumeLiteral("true") {
                value = true
            } else if scanner.consumeLiteral("false") {
                value = false
            } else {
                throw RuntimeError(.badInput, "parameters.\(key) of \(owner) must be true or false")
            }
        } while try scanner.nextMember()
        return value
    }

    /// Reads an input's `parameters` object and returns its `binary_data_size`, ignoring the rest.
    static func readBinaryDataSize(_ scanner: inout JSONScanner, label: String) throws -> Int? {
        var size: Int?
        guard try scanner.beginObject("a \"parameters\" object for \(label)") else { return nil }
        repeat {
            let name = try scanner.readKey()
            guard scanner.span(name, equals: "binary_data_size") else {
                try scanner.skipValue()
                continue
            }
            let c = scanner.peek()
            guard c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")),
                  let value = try scanner.readNumber().integer(Int.self, in: scanner.bytes), value >= 0 else {
                throw RuntimeError(.badInput, "\(label) has a parameters.binary_data_size that is not a non-negative whole number")
            }
            size = value
        } while try scanner.nextMember()
        return size
    }

    /// Builds the request's tensors, reading binary inputs from the bytes after the JSON.
    static func finish(_ pending: [PendingInput], body: UnsafeRawBufferPointer, jsonEnd: Int, hasBinaryHeader: Bool) throws -> [OpenInferenceRequest.Input] {
        var offset = jsonEnd
        var inputs: [OpenInferenceRequest.Input] = []
        inputs.reserveCapacity(pending.count)
        for input in pending {
            let field = CodecField(name: input.name)
            var storage: TensorStorage
            if let size = input.binarySize {
                guard hasBinaryHeader else {
                    throw field.error("has parameters.binary_data_size, but the request has no Inference-Header-Content-Length header saying where the JSON ends")
                }
                guard size <= body.count - offset else {
                    throw field.error("has binary_data_size \(size), but only \(body.count - offset) bytes of binary data remain")
                }
                let raw = UnsafeRawBufferPointer(rebasing: body[offset..<offset + size])
                storage = try input.dtype.withWireElement(BinaryReader(raw: raw, count: Shape.count(input.shape), field: field))
                offset += size
            } else if let parsed = input.storage {
                storage = parsed
            } else {
                throw field.error("has no data")
            }
            do {
                inputs.append(.init(name: input.name, tensor: try Tensor(shape: input.shape, storage: storage)))
            } catch {
                throw field.error("does not fit its shape \(input.shape)")
            }
        }
        guard offset == body.count else {
            throw RuntimeError(.badInput, "the binary_data_size values add up to \(offset - jsonEnd) bytes, but the body has \(body.count - jsonEnd) bytes after the JSON")
        }
        return inputs
    }

    /// Reads one input's binary tensor data.
    private struct BinaryReader: WireElementVisitor {
        var raw: UnsafeRawBufferPointer
        var count: Int
        var field: CodecField

        func visit<T: WireElement>(_ type: T.Type) throws -> TensorStorage {
            T.storage(try T.readBinary(raw, count: count, field: field))
        }
    }
}
