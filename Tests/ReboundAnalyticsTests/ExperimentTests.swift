import ReboundAnalytics
import Testing

@Suite struct ExperimentTests {
    @Test func wilsonMatchesNewcombeTable() {
        // Newcombe (1998), Statistics in Medicine 17:857, Table I, method 3.
        let a = ProportionInterval.wilson(successes: 81, trials: 263)
        #expect(abs(a.lower - 0.2553) < 5e-5 && abs(a.upper - 0.3662) < 5e-5)
        let b = ProportionInterval.wilson(successes: 0, trials: 10)
        #expect(b.lower == 0 && abs(b.upper - 0.2775) < 5e-5)
        let c = ProportionInterval.wilson(successes: 1, trials: 29)
        #expect(abs(c.lower - 0.0061) < 5e-5 && abs(c.upper - 0.1718) < 5e-5)
    }

    @Test func newcombeDifferenceMatchesPaper() {
        // Newcombe (1998), Statistics in Medicine 17:873, Table II, method 10: 56/70 − 48/80.
        let interval = ProportionInterval.newcombeDifference(successes1: 56, trials1: 70, successes2: 48, trials2: 80)
        #expect(abs(interval.lower - 0.0524) < 5e-5 && abs(interval.upper - 0.3339) < 5e-5)
        // Same table, 9/10 − 3/10: 0.1705 … 0.8090.
        let small = ProportionInterval.newcombeDifference(successes1: 9, trials1: 10, successes2: 3, trials2: 10)
        #expect(abs(small.lower - 0.1705) < 5e-5 && abs(small.upper - 0.8090) < 5e-5)
    }

    @Test func waldDifferenceByHand() {
        // d = 0.2, se = √(0.8·0.2/70 + 0.6·0.4/80) = √(0.0022857 + 0.003) = 0.072703
        let interval = ProportionInterval.waldDifference(successes1: 56, trials1: 70, successes2: 48, trials2: 80)
        let se = (0.8 * 0.2 / 70 + 0.6 * 0.4 / 80).squareRoot()
        #expect(abs(interval.lower - (0.2 - 1.959963984540054 * se)) < 1e-12)
        #expect(abs(interval.upper - 0.342495) < 1e-6)
    }

    @Test func zTestMatchesScipy() {
        let (z, p) = ProportionInterval.twoProportionZTest(successes1: 130, trials1: 2000, successes2: 100, trials2: 2000)
        #expect(abs(z - 2.0375893277870785) < 1e-12)
        #expect(abs(p - 0.04159102022986781) < 1e-12)
    }

    @Test func welchMatchesScipy() throws {
        let holdout = SampleMoments(values: [0, 0, 12.5, 0, 30, 0, 0, 8, 0, 0])
        let variant = SampleMoments(count: 12, sum: 84.5, sumOfSquares: 2321.25)
        let welch = try #require(WelchComparison(variant, holdout))
        #expect(abs(welch.t - 0.41810834347100234) < 1e-10)
        #expect(abs(welch.degreesOfFreedom - 19.944147945717503) < 1e-9)
        #expect(abs(welch.pValue - 0.6803353551045995) < 1e-9)
        #expect(abs(welch.interval.lower - -7.946642175475395) < 1e-8)
        #expect(abs(welch.interval.upper - 11.92997550880873) < 1e-8)
    }

    @Test func verdicts() {
        let holdout = VariantResult(name: "holdout", recipients: 2000, conversions: 100)
        let win = ExperimentComparison(variant: VariantResult(name: "B", recipients: 2000, conversions: 130), holdout: holdout)
        #expect(win.verdict.description == "B wins")
        #expect(abs(win.absoluteLift - 0.015) < 1e-12)
        #expect(abs(win.relativeLift! - 0.3) < 1e-12)
        #expect(win.newcombeInterval.lower > 0)
        let lose = ExperimentComparison(variant: VariantResult(name: "B", recipients: 2000, conversions: 70), holdout: holdout)
        #expect(lose.verdict.description == "holdout wins")
        let unclear = ExperimentComparison(variant: VariantResult(name: "B", recipients: 2000, conversions: 110), holdout: holdout)
        #expect(unclear.verdict == .notYetSignificant)
        let small = ExperimentComparison(
            variant: VariantResult(name: "B", recipients: 99, conversions: 40),
            holdout: VariantResult(name: "holdout", recipients: 500, conversions: 10)
        )
        #expect(small.verdict.description == "too little data (n < 100 per arm)")
        let zeroHoldout = ExperimentComparison(
            variant: VariantResult(name: "B", recipients: 200, conversions: 12),
            holdout: VariantResult(name: "holdout", recipients: 200, conversions: 0)
        )
        #expect(zeroHoldout.relativeLift == nil)
        #expect(zeroHoldout.verdict.description == "B wins")
    }

    @Test func revenuePerRecipientIsCompared() throws {
        let holdout = VariantResult(
            name: "holdout",
            recipients: 10,
            conversions: 3,
            revenue: SampleMoments(values: [0, 0, 12.5, 0, 30, 0, 0, 8, 0, 0])
        )
        let variant = VariantResult(name: "B", recipients: 12, conversions: 4, revenue: SampleMoments(count: 12, sum: 84.5, sumOfSquares: 2321.25))
        let result = ExperimentComparison(variant: variant, holdout: holdout)
        let welch = try #require(result.revenuePerRecipient)
        #expect(abs(welch.difference - (84.5 / 12 - 5.05)) < 1e-12)
        #expect(result.verdict == .tooLittleData(needed: 100))
    }
}
