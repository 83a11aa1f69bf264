/// Dense kernels for the model's inner loops, written with SIMD so they vectorise without
/// relying on the optimiser (index overflow checks otherwise keep these loops scalar).
enum VectorMath {
    /// `y[0..<n] += a · x[0..<n]`.
    @inline(__always)
    static func axpy(_ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        let av = SIMD8<Float>(repeating: a)
        while i &+ 8 <= n {
            let xv = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
            let yv = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(y + i).storeBytes(of: yv + av * xv, as: SIMD8<Float>.self)
            i &+= 8
        }
        while i < n {
            y[i] += a * x[i]
            i &+= 1
        }
    }
}
