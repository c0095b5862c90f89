import LastmileTensor

/// TfIdfVectorizer (opset 9): counts the pool's n-grams (lengths `min_gram_length` to
/// `max_gram_length`, items up to `max_skip_count` apart) in each row of `[C]` or `[N, C]`
/// int32/int64/string input, and weights the counts by `mode` (TF, IDF or TFIDF).
///
/// The pool is a trie keyed by item: ngram ids number the pool's n-grams in order, and
/// `ngram_indexes` maps each id to an output column, as in onnxruntime.
struct TfIdfVectorizerKernel: Kernel {
    enum Mode: String { case tf = "TF", idf = "IDF", tfidf = "TFIDF" }

    /// A trie node: its children by item, and the n-gram id it completes (0: none).
    struct Trie<Key: Hashable & Sendable>: Sendable {
        var children: [[Key: Int]] = [[:]]
        var ids: [Int] = [0]

        /// Adds the n-gram `items` with `id`, keeping the first id of a repeated n-gram.
        mutating func insert(_ items: ArraySlice<Key>, id: Int) {
            var node = 0
            for item in items {
                if let next = children[node][item] {
                    node = next
                } else {
                    children.append([:])
                    ids.append(0)
                    children[node][item] = children.count - 1
                    node = children.count - 1
                }
            }
            if ids[node] == 0 { ids[node] = id }
        }
    }

    enum Pool: Sendable {
        case integers(Trie<Int64>)
        case strings(Trie<String>)
    }

    let mode: Mode
    let minGram: Int
    let maxGram: Int
    let maxSkip: Int
    let ngramIndexes: [Int]
    let outputSize: Int
    let weights: [Float]
    let pool: Pool

    init(_ ctx: NodeContext) throws {
        let modeName = try ctx.string("mode")
        guard let mode = Mode(rawValue: modeName) else { throw OpError("mode must be TF, IDF or TFIDF, got \"\(modeName)\"") }
        self.mode = mode
        minGram = try ctx.int("min_gram_length")
        maxGram = try ctx.int("max_gram_length")
        maxSkip = try ctx.int("max_skip_count")
        guard minGram >= 1, maxGram >= minGram, maxSkip >= 0 else {
            throw OpError("need 1 <= min_gram_length <= max_gram_length and max_skip_count >= 0")
        }
        let counts = try ctx.ints("ngram_counts")
        ngramIndexes = try ctx.ints("ngram_indexes")
        guard ngramIndexes.allSatisfy({ $0 >= 0 }) else { throw OpError("ngram_indexes must not be negative") }
        outputSize = (ngramIndexes.max() ?? -1) + 1
        weights = try ctx.floats("weights", default: [])
        guard weights.isEmpty || weights.count >= outputSize else {
            throw OpError("weights has \(weights.count) entries for \(outputSize) outputs")
        }
        if let integers = try ctx.optionalInts("pool_int64s") {
            pool = .integers(try Self.trie(integers.map(Int64.init), counts: counts, minGram: minGram, maxGram: maxGram, indexes: ngramIndexes.count))
        } else if let strings = try ctx.optionalStrings("pool_strings") {
            pool = .strings(try Self.trie(strings, counts: counts, minGram: minGram, maxGram: maxGram, indexes: ngramIndexes.count))
        } else {
            throw OpError("one of pool_int64s and pool_strings is required")
        }
    }

    /// The trie of the pool's n-grams: `counts[i]` is where the (i+1)-grams start.
    private static func trie<Key>(_ items: [Key], counts: [Int], minGram: Int, maxGram: Int, indexes: Int) throws -> Trie<Key> {
        var trie = Trie<Key>()
        var id = 1
        for (i, start) in counts.enumerated() {
            let end = i + 1 < counts.count ? counts[i + 1] : items.count
            guard start >= 0, start <= end, end <= items.count else { throw OpError("ngram_counts \(counts) do not fit a pool of \(items.count)") }
            let size = i + 1
            let grams = (end - start) / size
            for g in 0..<grams {
                if size >= minGram && size <= maxGram {
                    guard id <= indexes else { throw OpError("the pool has more n-grams than ngram_indexes (\(indexes))") }
                    trie.insert(items[(start + g * size)..<(start + (g + 1) * size)], id: id)
                }
                id += 1
            }
        }
        return trie
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        guard x.rank <= 2 else { throw OpError("input must have shape [C] or [N, C], got \(x.shape)") }
        let rows = x.rank == 2 ? x.shape[0] : 1
        let columns = x.rank == 0 ? 1 : x.shape[x.rank - 1]
        var frequencies = [Int](repeating: 0, count: rows * outputSize)
        switch pool {
        case .integers(let trie):
            guard x.dtype == .int32 || x.dtype == .int64, let values = x.ints else {
                throw OpError("input must be int32 or int64 for pool_int64s, got \(x.dtype)")
            }
            count(values.map(Int64.init), trie: trie, rows: rows, columns: columns, into: &frequencies)
        case .strings(let trie):
            guard let values = x.elements(String.self) else { throw OpError("input must be strings for pool_strings, got \(x.dtype)") }
            count(values, trie: trie, rows: rows, columns: columns, into: &frequencies)
        }
        var y = [Float](repeating: 0, count: frequencies.count)
        for (p, f) in frequencies.enumerated() {
            let w: Float = weights.isEmpty ? 1 : weights[p % Swift.max(outputSize, 1)]
            switch mode {
            case .tf: y[p] = Float(f)
            case .idf: y[p] = f > 0 ? w : 0
            case .tfidf: y[p] = w * Float(f)
            }
        }
        let shape = x.rank == 2 ? [rows, outputSize] : [outputSize]
        return [.tensor(Tensor(unchecked: shape, y))]
    }

    private func count<Key>(_ values: [Key], trie: Trie<Key>, rows: Int, columns: Int, into frequencies: inout [Int]) {
        guard columns > 0 else { return }
        for row in 0..<rows {
            let base = row * columns
            let end = base + columns
            var startSize = minGram
            for skip in 1...(maxSkip + 1) {
                var start = base
                while start < end {
                    if start + skip * (startSize - 1) >= end { break }
                    var item = start
                    var node = 0
                    var size = 1
                    while size <= maxGram && item < end, let next = trie.children[node][values[item]] {
                        let id = trie.ids[next]
                        if size >= startSize && id != 0 {
                            frequencies[row * outputSize + ngramIndexes[id - 1]] += 1
                        }
                        node = next
                        size += 1
                        item += skip
                    }
                    start += 1
                }
                if startSize == 1 {
                    startSize += 1
                    if startSize > maxGram { break }
                }
            }
        }
    }
}
