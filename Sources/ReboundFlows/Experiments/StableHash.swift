/// A stable 64-bit hash: FNV-1a over the UTF-8 bytes, then the SplitMix64 finaliser to spread the bits.
///
/// Unlike `Hasher`, the value is the same in every process and on every platform, so it can decide
/// experiment buckets and code generation that must come out the same after a restart.
/// FNV-1a: offset basis `0xcbf29ce484222325`, prime `0x100000001b3`. SplitMix64 finaliser:
/// `z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9; z = (z ^ (z >> 27)) * 0x94d049bb133111eb; z ^ (z >> 31)`.
public enum StableHash {
    public static func hash(_ text: String) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        return mix(value)
    }

    /// The SplitMix64 finaliser.
    public static func mix(_ input: UInt64) -> UInt64 {
        var z = input
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A bucket in `0..<buckets` for `text`.
    public static func bucket(_ text: String, buckets: UInt64) -> UInt64 {
        hash(text) % buckets
    }
}
