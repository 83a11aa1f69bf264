/// Makes unique single-use discount codes such as `RB-7KQ4-MX2P`.
///
/// The alphabet leaves out characters people confuse when reading or typing (`0 O 1 I L`, and `U` next to `V`).
/// Generation is pure: the same seed and set of existing codes always give the same code, so a retried
/// `issue_discount` step issues the code it issued before. Use a seed that includes a shop secret and the step's
/// idempotency key, so codes cannot be guessed from run ids.
public struct DiscountCodeGenerator: Hashable, Sendable {
    /// `ABCDEFGHJKMNPQRSTVWXYZ23456789`: 30 characters.
    public static let alphabet: [Character] = Array("ABCDEFGHJKMNPQRSTVWXYZ23456789")

    public struct Configuration: Hashable, Sendable {
        /// Written before the random part, e.g. `RB`; empty for none.
        public var prefix: String
        /// Random characters after the prefix; 8 gives 30^8 ≈ 6.6·10^11 codes.
        public var length: Int
        /// Groups of this many characters are joined with `-`; 0 for no grouping.
        public var groupSize: Int

        public init(prefix: String = "RB", length: Int = 8, groupSize: Int = 4) {
            self.prefix = prefix
            self.length = length
            self.groupSize = groupSize
        }
    }

    public var configuration: Configuration

    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
    }

    /// A code derived from `seed` that is not in `existing` (compared case-insensitively).
    ///
    /// Tries `seed#0`, `seed#1`, … ; after 64 collisions each further attempt adds one character, so it always ends.
    public func generate(seed: String, existing: Set<String>) -> String {
        let taken = Set(existing.map { $0.uppercased() })
        var attempt = 0
        while true {
            let extra = attempt < 64 ? 0 : (attempt - 64) / 16 + 1
            let code = format(seed: "\(seed)#\(attempt)", length: configuration.length + extra)
            if !taken.contains(code) { return code }
            attempt += 1
        }
    }

    /// Whether `code` has this generator's shape (prefix, alphabet, grouping); used to tell Rebound codes apart.
    public func isWellFormed(_ code: String) -> Bool {
        var body = Substring(code.uppercased())
        if !configuration.prefix.isEmpty {
            guard body.hasPrefix(configuration.prefix.uppercased() + "-") else { return false }
            body = body.dropFirst(configuration.prefix.count + 1)
        }
        let characters = body.filter { $0 != "-" }
        return characters.count >= configuration.length && characters.allSatisfy(Self.alphabet.contains)
    }

    func format(seed: String, length: Int) -> String {
        var state = StableHash.hash(seed)
        var characters: [Character] = []
        for index in 0..<length {
            // A new 64-bit block every 10 characters keeps each character near-uniform (30^10 < 2^64 / 2^13).
            if index > 0 && index % 10 == 0 { state = StableHash.mix(state &+ 0x9e37_79b9_7f4a_7c15) }
            characters.append(Self.alphabet[Int(state % 30)])
            state /= 30
        }
        var groups: [String] = []
        if configuration.groupSize > 0 {
            var start = 0
            while start < characters.count {
                groups.append(String(characters[start..<min(start + configuration.groupSize, characters.count)]))
                start += configuration.groupSize
            }
        } else {
            groups = [String(characters)]
        }
        let body = groups.joined(separator: "-")
        return configuration.prefix.isEmpty ? body : configuration.prefix.uppercased() + "-" + body
    }
}
