import Foundation
import ReboundCore
import ReboundFlows
import Testing

@Suite struct DiscountTests {
    @Test func redemptionRules() {
        var spec = DiscountSpec.percent(10, expiresIn: "48h")
        spec.minimumCart = 5_000
        let code = IssuedDiscount(code: "RB-AAAA-BBBB", spec: spec, issuedAt: t0)
        #expect(DiscountRules.evaluate(code, on: DiscountRedemption(subtotal: 12_345), now: t0 + hour) == .apply(amount: 1_234))
        #expect(DiscountRules.evaluate(code, on: DiscountRedemption(subtotal: 12_345), now: t0 + 48 * hour) == .refuse(reason: "expired"))
        #expect(DiscountRules.evaluate(code, on: DiscountRedemption(subtotal: 4_999), now: t0) == .refuse(reason: "below_minimum_cart"))
        #expect(
            DiscountRules.evaluate(code, on: DiscountRedemption(subtotal: 9_000, earlierRedemptionsByCustomer: 1), now: t0)
                == .refuse(reason: "already_redeemed")
        )
        #expect(
            DiscountRules.evaluate(code, on: DiscountRedemption(subtotal: 9_000, otherReboundCodes: ["RB-CCCC-DDDD"]), now: t0)
                == .refuse(reason: "not_stackable")
        )
        let shipping = IssuedDiscount(code: "RB-X", spec: .freeShipping(), issuedAt: t0)
        #expect(DiscountRules.evaluate(shipping, on: DiscountRedemption(subtotal: 100, shipping: 495), now: t0 + 365 * day) == .apply(amount: 495))
        let fixed = IssuedDiscount(code: "RB-Y", spec: DiscountSpec(kind: .fixed, value: 1_000), issuedAt: t0)
        #expect(DiscountRules.evaluate(fixed, on: DiscountRedemption(subtotal: 600), now: t0) == .apply(amount: 600))
    }

    @Test func codesAreDeterministicUnambiguousAndCollisionSafe() {
        let generator = DiscountCodeGenerator()
        let code = generator.generate(seed: "secret:run_1:discount", existing: [])
        #expect(code == generator.generate(seed: "secret:run_1:discount", existing: []))
        #expect(code.count == "RB-XXXX-XXXX".count && code.hasPrefix("RB-"))
        #expect(generator.isWellFormed(code))
        #expect(!code.dropFirst(3).contains { "0O1IL".contains($0) })
        let other = generator.generate(seed: "secret:run_1:discount", existing: [code.lowercased()])
        #expect(other != code && generator.isWellFormed(other))
        var taken: Set<String> = []
        for i in 0..<2_000 { taken.insert(generator.generate(seed: "s\(i % 50)", existing: taken)) }
        #expect(taken.count == 2_000)
    }

    @Test func manyCollisionsStillEnd() {
        let tiny = DiscountCodeGenerator(configuration: .init(prefix: "", length: 1, groupSize: 0))
        var taken: Set<String> = []
        for _ in 0..<40 { taken.insert(tiny.generate(seed: "x", existing: taken)) }
        #expect(taken.count == 40)
        #expect(taken.allSatisfy { $0.allSatisfy(DiscountCodeGenerator.alphabet.contains) })
    }
}
