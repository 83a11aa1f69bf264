import Foundation

@inline(__always) func Foundation_log(_ x: Double) -> Double { log(x) }
@inline(__always) func Foundation_exp(_ x: Double) -> Double { exp(x) }
@inline(__always) func Foundation_expf(_ x: Float) -> Float { expf(x) }
@inline(__always) func Foundation_sqrt(_ x: Double) -> Double { sqrt(x) }
