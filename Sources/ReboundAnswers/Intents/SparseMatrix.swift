/// Rows of sparse feature vectors in compressed-row form.
struct SparseMatrix: Sendable {
    var rowStart: [Int] = [0]
    var columns: [Int32] = []
    var values: [Float] = []

    var rowCount: Int { rowStart.count - 1 }

    mutating func append(columns c: [Int32], values v: [Float]) {
        columns.append(contentsOf: c)
        values.append(contentsOf: v)
        rowStart.append(columns.count)
    }
}
