import CSV
import Foundation
import LastmileEngine
import LastmileTensor

/// Reads the `--input` of `lastmile predict`: a v2 JSON request, a CSV file or a `.npy` file.
public enum InputFile {
    /// Reads a request file into named tensors for `session`.
    ///
    /// JSON is taken as written. A CSV (header row) becomes, for a single-input model, one
    /// `[rows, columns]` tensor of the input's type; for a multi-input model, every header
    /// must name an input, and each column becomes that input as `[rows, 1]`. A `.npy` array
    /// feeds a single-input model, cast to the input's type when both are numeric.
    public static func read(_ url: URL, for session: InferenceSession) throws -> [InferenceRequest.Input] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CLIError(.badInput, "cannot read input file \(url.path): \(error.localizedDescription)")
        }
        switch url.pathExtension.lowercased() {
        case "csv": return try csv(data, session: session)
        case "npy": return try npy(data, session: session)
        default: return try InferenceRequest.decode(data)
        }
    }

    private static func singleInput(_ session: InferenceSession, _ format: String) throws -> ValueInfo {
        guard session.inputs.count == 1, let input = session.inputs.first else {
            let names = session.inputs.map { "\"\($0.name)\"" }.joined(separator: ", ")
            throw CLIError(.badInput, "a \(format) input feeds a model with one input; this model has \(session.inputs.count): \(names) (use a JSON v2 request)")
        }
        return input
    }

    private static func elementType(_ input: ValueInfo) -> DType {
        if case .tensor(let dtype?, _) = input.type { return dtype }
        return .float32
    }

    private static func npy(_ data: Data, session: InferenceSession) throws -> [InferenceRequest.Input] {
        let input = try singleInput(session, ".npy")
        var tensor = try NumpyFile.read(data)
        let target = elementType(input)
        if tensor.dtype != target && tensor.dtype.isNumeric && target.isNumeric {
            tensor = try tensor.cast(to: target)
        }
        return [InferenceRequest.Input(name: input.name, tensor: tensor)]
    }

    private static func csv(_ data: Data, session: InferenceSession) throws -> [InferenceRequest.Input] {
        let text = String(decoding: data, as: UTF8.self)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw CLIError(.badInput, "the CSV input cannot be parsed: \(error)")
        }
        guard let header = reader.headerRow, !header.isEmpty else {
            throw CLIError(.badInput, "the CSV input has no header row")
        }
        var rows: [[String]] = []
        while let row = reader.next() {
            if row.count == 1 && row[0].isEmpty { continue }
            guard row.count == header.count else {
                throw CLIError(.badInput, "CSV row \(rows.count + 2) has \(row.count) fields, the header has \(header.count)")
            }
            rows.append(row)
        }
        if session.inputs.count == 1, let input = session.inputs.first, !header.contains(input.name) || header.count > 1 {
            let cells = rows.flatMap { $0 }
            let tensor = try column(cells, shape: [rows.count, header.count], dtype: elementType(input), label: "CSV")
            return [InferenceRequest.Input(name: input.name, tensor: tensor)]
        }
        let inputs = Dictionary(session.inputs.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        return try header.enumerated().map { index, name in
            guard let input = inputs[name] else {
                let names = session.inputs.map { "\"\($0.name)\"" }.joined(separator: ", ")
                throw CLIError(.badInput, "CSV column \"\(name)\" is not an input of the model; its inputs are \(names)")
            }
            let tensor = try column(rows.map { $0[index] }, shape: [rows.count, 1], dtype: elementType(input), label: "CSV column \"\(name)\"")
            return InferenceRequest.Input(name: name, tensor: tensor)
        }
    }

    private static func column(_ cells: [String], shape: [Int], dtype: DType, label: String) throws -> Tensor {
        let strings = try Tensor(shape: shape, storage: .string(cells.map { $0.trimmingCharacters(in: .whitespaces) }))
        if dtype == .string { return strings }
        do {
            // Empty cells are missing values: NaN for floats.
            let filled = dtype.isFloatingPoint
                ? try Tensor(shape: shape, storage: .string(strings.elements(String.self)?.map { $0.isEmpty ? "NaN" : $0 } ?? []))
                : strings
            return try filled.cast(to: dtype)
        } catch {
            throw CLIError(.badInput, "\(label): \(error) (the model expects \(dtype))")
        }
    }
}
