import Foundation
import LastmileAPI

/// The field an assay watches: `in.<input>` or `out.<output>`, then one `[i]` per dimension of
/// a row's tensor, such as `out.dense_3[0]` or `in.tensor[4]`.
public struct AssayIOPath: Sendable, Equatable, CustomStringConvertible {
    public enum Section: String, Sendable {
        case `in`, out
    }

    public var section: Section
    public var name: String
    public var indices: [Int]

    /// Parses `text`; throws `badInput` naming the rule it breaks.
    public init(_ text: String) throws {
        let shown = "iopath \"\(text.prefix(80))\""
        guard let dot = text.firstIndex(of: ".") else {
            throw AssayError.badInput("\(shown) has no section; write in.<input>[i] or out.<output>[i], such as out.dense_3[0]")
        }
        guard let section = Section(rawValue: String(text[..<dot])) else {
            throw AssayError.badInput("\(shown) starts with \"\(text[..<dot].prefix(20))\"; an iopath starts with in. or out.")
        }
        let rest = text[text.index(after: dot)...]
        let nameEnd = rest.firstIndex(of: "[") ?? rest.endIndex
        let name = String(rest[..<nameEnd])
        guard !name.isEmpty else { throw AssayError.badInput("\(shown) names no field after \"\(section.rawValue).\"") }
        var indices: [Int] = []
        var cursor = nameEnd
        while cursor < rest.endIndex {
            guard rest[cursor] == "[", let close = rest[cursor...].firstIndex(of: "]"),
                  let index = Int(rest[rest.index(after: cursor)..<close]), index >= 0 else {
                throw AssayError.badInput("\(shown) has a malformed index after \"\(name.prefix(40))\"; write [0], [1], ... one per dimension")
            }
            indices.append(index)
            cursor = rest.index(after: close)
        }
        self.section = section
        self.name = name
        self.indices = indices
    }

    public var description: String {
        "\(section.rawValue).\(name)" + indices.map { "[\($0)]" }.joined()
    }

    /// Throws `badInput` unless the path names a numeric field of a pipeline with these inputs
    /// and outputs: an existing tensor, one index per dimension after the batch, within known sizes.
    public func check(inputs: [TensorSpec], outputs: [TensorSpec], pipeline: String) throws {
        let specs = section == .in ? inputs : outputs
        guard let spec = specs.first(where: { $0.name == name }) else {
            let known = (inputs.map { "in.\($0.name)" } + outputs.map { "out.\($0.name)" }).joined(separator: ", ")
            throw AssayError.badInput("iopath \(self) names no field of pipeline \"\(pipeline)\"; its fields are \(known)")
        }
        guard spec.datatype != "BYTES", spec.datatype != "JSON" else {
            throw AssayError.badInput("iopath \(self) is a \(spec.datatype) field; assays need numbers")
        }
        let dims = Array(spec.shape.dropFirst())
        guard dims.count == indices.count else {
            throw AssayError.badInput("iopath \(self) has \(indices.count) index\(indices.count == 1 ? "" : "es") but each row of \(section.rawValue).\(name) has \(dims.count) dimension\(dims.count == 1 ? "" : "s") (shape \(spec.shape)); give one [i] per dimension")
        }
        for (axis, (index, size)) in zip(indices, dims).enumerated() where size >= 0 && index >= size {
            throw AssayError.badInput("iopath \(self): index \(index) is past dimension \(axis + 1) of \(section.rawValue).\(name), which has size \(size)")
        }
    }

    /// The field's value in a logged row object (`{"in": {...}, "out": {...}}` as parsed by
    /// `JSONSerialization`): a number, or NaN when the row lacks it or holds null or a non-number.
    public func value(in row: [String: Any]) -> Double {
        guard var node = (row[section.rawValue] as? [String: Any])?[name] else { return .nan }
        for index in indices {
            guard let list = node as? [Any], index < list.count else { return .nan }
            node = list[index]
        }
        if let number = node as? NSNumber { return number.doubleValue }
        return .nan
    }
}
