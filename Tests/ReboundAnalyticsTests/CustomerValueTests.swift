import Foundation
import ReboundAnalytics
import Testing

private let day = 86_400.0
private let t0 = Date(timeIntervalSince1970: 1_700_000_000)

@Suite struct CustomerValueTests {
    @Test func historicValueSubtractsRefunds() {
        let orders = [PurchaseRecord(placedAt: t0, valueMinor: 5_000), PurchaseRecord(placedAt: t0, valueMinor: 2_500, refundedMinor: 1_000)]
        #expect(HistoricValue.lifetimeValue(orders) == 6_500)
        #expect(HistoricValue.lifetimeValue([]) == 0)
    }

    @Test func quintilesByHand() {
        // Ten distinct values: two per quintile.
        #expect(RFMScoring.quintiles((1...10).map(Double.init)) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
        #expect(RFMScoring.quintiles([]) == [])
        #expect(RFMScoring.quintiles([7]) == [1])
    }

    @Test func quintileTiesShareTheLowestRankScore() {
        // Six of ten customers have one order: all score 1; the next value has 6 below it → 1 + ⌊30/10⌋ = 4.
        let values: [Double] = [1, 1, 1, 1, 1, 1, 2, 2, 3, 9]
        #expect(RFMScoring.quintiles(values) == [1, 1, 1, 1, 1, 1, 4, 4, 5, 5])
        // Input order does not matter.
        #expect(RFMScoring.quintiles(values.reversed()) == [1, 1, 1, 1, 1, 1, 4, 4, 5, 5].reversed())
        // All equal: everybody 1.
        #expect(RFMScoring.quintiles([3, 3, 3]) == [1, 1, 1])
    }

    @Test func rfmRecencyPrefersRecentOrders() {
        let now = t0
        let customers = (0..<5).map { i in
            RFMInput(customerID: "c\(i)", lastOrderAt: now - Double(i) * 10 * day, orderCount: 5 - i, monetaryMinor: Int64(i) * 100)
        }
        let scores = RFMScoring.scores(customers, now: now)
        #expect(scores["c0"] == RFMScore(recency: 5, frequency: 5, monetary: 1))
        #expect(scores["c4"]?.cell == "115")
    }

    @Test func churnUsesOwnRhythm() throws {
        let orders = [t0, t0 + 10 * day, t0 + 20 * day]
        let risk = try #require(ChurnRisk(orderDates: orders, now: t0 + 30 * day, shopMedianGapDays: 50))
        #expect(risk.basis == .ownRhythm)
        #expect(risk.expectedGapDays == 10)
        #expect(abs(risk.score - (1 - exp(-1))) < 1e-12)
        #expect(risk.level == .medium)
    }

    @Test func churnEdgeCases() throws {
        #expect(ChurnRisk(orderDates: [], now: t0, shopMedianGapDays: nil) == nil)
        // Just ordered: no risk.
        let fresh = try #require(ChurnRisk(orderDates: [t0], now: t0, shopMedianGapDays: 30))
        #expect(fresh.score == 0 && fresh.level == .low && fresh.basis == .shopMedian)
        // One-time buyer, shop without repeat customers: 90-day default; 180 days → 1 − e⁻² = 0.8647.
        let old = try #require(ChurnRisk(orderDates: [t0], now: t0 + 180 * day, shopMedianGapDays: nil))
        #expect(old.basis == .defaultGap && abs(old.score - 0.8646647167633873) < 1e-12 && old.level == .high)
        // Two orders on the same day: the gap is clamped to 1 day, not 0.
        let burst = try #require(ChurnRisk(orderDates: [t0, t0 + 60], now: t0 + 2 * day, shopMedianGapDays: nil))
        #expect(burst.expectedGapDays == 1 && burst.score.isFinite)
        // An order in the future of now (clock skew) counts as 0 days.
        let skew = try #require(ChurnRisk(orderDates: [t0 + day], now: t0, shopMedianGapDays: nil))
        #expect(skew.daysSinceLastOrder == 0)
    }

    @Test func shopMedianGap() {
        let median = ChurnRisk.medianGapDays(orderDatesByCustomer: [
            [t0], [t0, t0 + 10 * day], [t0, t0 + 40 * day], [t0, t0 + 20 * day, t0 + 40 * day],
        ])
        #expect(median == 20)
        #expect(ChurnRisk.medianGapDays(orderDatesByCustomer: [[t0]]) == nil)
    }

    @Test func repeatPurchaseSummaryCountsDays() throws {
        let start = Date(timeIntervalSince1970: 100 * day)
        let purchases: [(at: Date, value: Double)] = [
            (start + 3600, 10), (start + 7200, 5),  // day 100, two orders → one purchase day
            (start + 5 * day, 20), (start + 9 * day, 40), (start + 30 * day, 99),  // the last is after the end
        ]
        let s = try #require(RepeatPurchaseSummary(purchases: purchases, observationEnd: start + 20 * day + 100))
        #expect(s == RepeatPurchaseSummary(frequency: 2, recency: 9, age: 20, meanRepeatValue: 30))
        #expect(RepeatPurchaseSummary(purchases: [(start + 30 * day, 1)], observationEnd: start) == nil)
    }

    @Test func bgnbdLikelihoodByHand() {
        // The paper's CDNOW estimates (Fader, Hardie & Lee 2005), time in weeks.
        let model = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        // x = 0: L = (α/(α+T))^r, so ln L = 0.243 · ln(4.414/43.274) = −0.554713.
        let zero = RepeatPurchaseSummary(frequency: 0, recency: 0, age: 38.86)
        #expect(abs(model.logLikelihood(zero) - 0.243 * log(4.414 / 43.274)) < 1e-12)
        // x = 2 (CDNOW customer 1), against scipy gammaln on equation 6: −9.45860630706627.
        let one = RepeatPurchaseSummary(frequency: 2, recency: 30.43, age: 38.86)
        #expect(abs(model.logLikelihood(one) - -9.45860630706627) < 1e-10)
        #expect(abs(model.logLikelihood(RepeatPurchaseSummary(frequency: 5, recency: 20, age: 30)) - -16.309929093600324) < 1e-10)
        #expect(abs(model.logLikelihood([zero, one]) - (-0.5547132764381585 - 9.45860630706627)) < 1e-10)
    }

    @Test func bgnbdPredictionsMatchLifetimes() {
        // Reference values from lifetimes 0.11.3 BetaGeoFitter with the same parameters.
        let model = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let one = RepeatPurchaseSummary(frequency: 2, recency: 30.43, age: 38.86)
        #expect(abs(model.conditionalExpectedPurchases(one, days: 39) - 1.226028174767135) < 1e-9)
        #expect(abs(model.probabilityAlive(one) - 0.726578570080673) < 1e-12)
        let five = RepeatPurchaseSummary(frequency: 5, recency: 20, age: 30)
        #expect(abs(model.conditionalExpectedPurchases(five, days: 39) - 2.62480997034342) < 1e-9)
        #expect(abs(model.probabilityAlive(five) - 0.5725657705642778) < 1e-12)
        let zero = RepeatPurchaseSummary(frequency: 0, recency: 0, age: 38.86)
        #expect(abs(model.conditionalExpectedPurchases(zero, days: 39) - 0.19509805201125396) < 1e-9)
        #expect(model.probabilityAlive(zero) == 1)
        #expect(abs(model.expectedPurchases(days: 39) - 1.1967231933207985) < 1e-9)
    }

    @Test func bgnbdFitRecoversAnOptimum() throws {
        // A small synthetic cohort; the fit must beat the paper's parameters on it and be a stationary point.
        var customers: [RepeatPurchaseSummary] = []
        for i in 0..<60 {
            let x = i % 7 == 0 ? 0 : i % 5
            let age = 20 + Double(i % 10) * 2
            customers.append(RepeatPurchaseSummary(frequency: x, recency: x == 0 ? 0 : age * Double(1 + i % 3) / 4, age: age))
        }
        let fit = try BGNBDModel.fit(customers)
        #expect(fit.logLikelihood >= BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426).logLikelihood(customers))
        let m = fit.model
        for (i, scale) in [(0, 1.001), (1, 1.001), (2, 1.001), (3, 1.001)] {
            var p = [m.r, m.alpha, m.a, m.b]
            p[i] *= scale
            let nudged = BGNBDModel(r: p[0], alpha: p[1], a: p[2], b: p[3]).logLikelihood(customers)
            #expect(nudged <= fit.logLikelihood + 1e-6)
        }
        #expect(throws: AnalyticsError.self) { try BGNBDModel.fit([]) }
    }

    @Test func gammaGammaByHand() {
        let model = GammaGammaModel(p: 6.25, q: 3.74, v: 15.44)
        #expect(abs(model.logLikelihood(count: 3, meanValue: 20) - -3.476003282985843) < 1e-10)
        // p(v + x·m)/(px + q − 1) = 6.25 · 75.44 / 21.49; lifetimes gives 21.94043741.
        #expect(abs(model.conditionalExpectedValue(count: 3, meanValue: 20) - 21.940437412750114) < 1e-12)
        // x = 0: the population mean pv/(q − 1).
        #expect(abs(model.conditionalExpectedValue(count: 0, meanValue: 0) - 6.25 * 15.44 / 2.74) < 1e-12)
    }

    @Test func customerValuePredictionCombinesBoth() {
        let purchases = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let value = GammaGammaModel(p: 6.25, q: 3.74, v: 15.44)
        let s = RepeatPurchaseSummary(frequency: 2, recency: 30.43, age: 38.86, meanRepeatValue: 20)
        let prediction = CustomerValuePrediction(summary: s, days: 39, purchases: purchases, value: value)
        #expect(abs(prediction.expectedValue - prediction.expectedPurchases * prediction.expectedPurchaseValue) < 1e-12)
        #expect(abs(prediction.expectedPurchases - 1.226028174767135) < 1e-9)
    }
}
