import LastmileTensor

extension TensorOps {
    /// Copies the elements at `offset + sum(index[i] * strides[i])` for every index of `shape`,
    /// in row-major order: the primitive behind Slice, Split, Transpose, Expand and Tile.
    ///
    /// Adjacent axes that read contiguously are merged first, so a copy of whole rows becomes one
    /// run; unit-stride runs are block copies and zero-stride runs are fills. The caller
    /// guarantees that every index it describes lies inside the source.
    struct StridedCopy: ElementVisitor {
        private(set) var shape: [Int]
        private(set) var strides: [Int]
        let offset: Int

        init(shape: [Int], strides: [Int], offset: Int) {
            var mergedShape: [Int] = []
            var mergedStrides: [Int] = []
            for (size, stride) in zip(shape, strides) where size != 1 {
                if let last = mergedShape.last, let lastStride = mergedStrides.last, lastStride == stride &* size {
                    mergedShape[mergedShape.count - 1] = last &* size
                    mergedStrides[mergedStrides.count - 1] = stride
                } else {
                    mergedShape.append(size)
                    mergedStrides.append(stride)
                }
            }
            if mergedShape.isEmpty {
                mergedShape = [1]
                mergedStrides = [0]
            }
            self.shape = mergedShape
            self.strides = mergedStrides
            self.offset = offset
        }

        /// Whether the copy reads the whole source in order (it would return `values` unchanged).
        func isIdentity(sourceCount: Int) -> Bool {
            offset == 0 && shape.count == 1 && strides[0] == 1 && shape[0] == sourceCount
        }

        func visit<T: TensorElement>(_ values: [T]) -> TensorStorage {
            T.storage(copy(values))
        }

        func copy<T: TensorElement>(_ values: [T]) -> [T] {
            if isIdentity(sourceCount: values.count) { return values }
            let n = Shape.count(shape)
            guard n > 0, !values.isEmpty else { return [] }
            let rank = shape.count
            if rank >= 2 && strides[rank - 2] == 1 && strides[rank - 1] != 0 { return transposeTiles(values, count: n) }
            let inner = shape[rank - 1]
            let step = strides[rank - 1]
            return [T](pooledCapacity: n) { out, written in
                values.withUnsafeBufferPointer { source in
                    guard let src = source.baseAddress, let dst = out.baseAddress else { return }
                    var index = [Int](repeating: 0, count: rank)
                    var p = offset
                    var o = 0
                    for _ in 0..<(n / inner) {
                        if step == 1 {
                            (dst + o).initialize(from: src + p, count: inner)
                        } else if step == 0 {
                            (dst + o).initialize(repeating: src[p], count: inner)
                        } else {
                            var q = p
                            for i in 0..<inner {
                                (dst + o + i).initialize(to: src[q])
                                q += step
                            }
                        }
                        o += inner
                        var axis = rank - 2
                        while axis >= 0 {
                            index[axis] += 1
                            p += strides[axis]
                            if index[axis] < shape[axis] { break }
                            p -= strides[axis] * shape[axis]
                            index[axis] = 0
                            axis -= 1
                        }
                    }
                    written = n
                }
            }
        }

        /// The copy when the last two axes are a transpose (the second-to-last reads with stride 1):
        /// walks each matrix in small tiles so that reads and writes both stay in cache, with 4x4
        /// SIMD blocks for 32-bit elements.
        private func transposeTiles<T: TensorElement>(_ values: [T], count n: Int) -> [T] {
            let rank = shape.count
            let rows = shape[rank - 2]
            let columns = shape[rank - 1]
            let columnStride = strides[rank - 1]
            let matrix = rows * columns
            let simd = MemoryLayout<T>.stride == 4 && _isPOD(T.self) && rows >= 4 && columns >= 4
            // Small tiles avoid cache-set conflicts when strides are powers of two; narrow
            // outputs read better in long runs.
            let tile = columns < 8 ? 64 : 8
            return [T](pooledCapacity: n) { out, written in
                values.withUnsafeBufferPointer { source in
                    guard let src = source.baseAddress, let dst = out.baseAddress else { return }
                    var index = [Int](repeating: 0, count: rank)
                    var p = offset
                    for m in 0..<(n / matrix) {
                        let o = m * matrix
                        if simd {
                            Self.transpose32(
                                from: UnsafeRawPointer(src + p), to: UnsafeMutableRawPointer(dst + o),
                                rows: rows, columns: columns, columnStride: columnStride)
                        } else {
                            for i0 in stride(from: 0, to: rows, by: tile) {
                                let i1 = Swift.min(i0 + tile, rows)
                                for j0 in stride(from: 0, to: columns, by: tile) {
                                    for j in j0..<Swift.min(j0 + tile, columns) {
                                        let column = src + p + j * columnStride
                                        for i in i0..<i1 {
                                            (dst + o + i * columns + j).initialize(to: column[i])
                                        }
                                    }
                                }
                            }
                        }
                        var axis = rank - 3
                        while axis >= 0 {
                            index[axis] += 1
                            p += strides[axis]
                            if index[axis] < shape[axis] { break }
                            p -= strides[axis] * shape[axis]
                            index[axis] = 0
                            axis -= 1
                        }
                    }
                    written = n
                }
            }
        }

        /// `dst[i * columns + j] = src[i + j * columnStride]` for one matrix of 32-bit elements,
        /// in 4x4 register blocks grouped into 8x8 tiles.
        private static func transpose32(
            from src: UnsafeRawPointer, to dst: UnsafeMutableRawPointer, rows: Int, columns: Int, columnStride: Int
        ) {
            typealias Word = UInt32
            typealias Quad = SIMD4<UInt32>
            let size = MemoryLayout<Word>.stride
            let rows4 = rows & ~3
            let columns4 = columns & ~3
            @inline(__always) func load(_ i: Int, _ j: Int) -> Quad {
                src.loadUnaligned(fromByteOffset: (i + j * columnStride) * size, as: Quad.self)
            }
            @inline(__always) func store(_ value: Quad, _ i: Int, _ j: Int) {
                dst.storeBytes(of: value, toByteOffset: (i * columns + j) * size, as: Quad.self)
            }
            let tile = 8
            for i0 in stride(from: 0, to: rows4, by: tile) {
                let i1 = Swift.min(i0 + tile, rows4)
                for j0 in stride(from: 0, to: columns4, by: tile) {
                    let j1 = Swift.min(j0 + tile, columns4)
                    for j in stride(from: j0, to: j1, by: 4) {
                        for i in stride(from: i0, to: i1, by: 4) {
                            let a = load(i, j), b = load(i, j + 1), c = load(i, j + 2), d = load(i, j + 3)
                            store(Quad(a[0], b[0], c[0], d[0]), i, j)
                            store(Quad(a[1], b[1], c[1], d[1]), i + 1, j)
                            store(Quad(a[2], b[2], c[2], d[2]), i + 2, j)
                            store(Quad(a[3], b[3], c[3], d[3]), i + 3, j)
                        }
                    }
                }
            }
            // The last columns % 4 columns of the first rows, then the last rows % 4 rows.
            for i in 0..<rows {
                for j in (i < rows4 ? columns4 : 0)..<columns {
                    let value = src.load(fromByteOffset: (i + j * columnStride) * size, as: Word.self)
                    dst.storeBytes(of: value, toByteOffset: (i * columns + j) * size, as: Word.self)
                }
            }
        }
    }

    /// Repeats the single element of a one-element tensor `count` times.
    struct Fill: ElementVisitor {
        let count: Int

        func visit<T: TensorElement>(_ values: [T]) throws -> TensorStorage {
            guard let value = values.first else { throw OpError("the fill value has no element") }
            return T.storage([T](repeating: value, count: count))
        }
    }
}
