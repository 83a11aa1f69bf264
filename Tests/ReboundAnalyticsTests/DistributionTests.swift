import ReboundAnalytics
import Testing

@Suite struct DistributionTests {
    @Test func normalCDFMatchesTables() {
        #expect(abs(NormalDistribution.cdf(1.959964) - 0.975) < 1e-6)
        #expect(abs(NormalDistribution.cdf(0) - 0.5) < 1e-15)
        #expect(abs(NormalDistribution.cdf(-3.5) - 0.00023262907903552502) < 1e-15)
    }

    @Test func normalQuantileMatchesScipy() {
        #expect(abs(NormalDistribution.quantile(0.975) - 1.959963984540054) < 1e-12)
        #expect(abs(NormalDistribution.quantile(0.3) - -0.5244005127080409) < 1e-12)
        #expect(abs(NormalDistribution.quantile(1e-6) - -4.753424308822899) < 1e-10)
        #expect(NormalDistribution.quantile(0.5) == 0)
    }

    @Test func studentTCDFMatchesTables() {
        #expect(abs(StudentTDistribution(degreesOfFreedom: 10).cdf(2.228139) - 0.975) < 1e-6)
        #expect(abs(StudentTDistribution(degreesOfFreedom: 4.5).cdf(-1.5) - 0.10010954282807676) < 1e-10)
        #expect(abs(StudentTDistribution(degreesOfFreedom: 1000).cdf(0.7) - 0.7579549430036988) < 1e-10)
    }

    @Test func studentTQuantileMatchesTables() {
        #expect(abs(StudentTDistribution(degreesOfFreedom: 10).quantile(0.975) - 2.228138851986274) < 1e-9)
        #expect(abs(StudentTDistribution(degreesOfFreedom: 1).quantile(0.975) - 12.706204736174694) < 1e-8)
        #expect(abs(StudentTDistribution(degreesOfFreedom: 3).quantile(0.995) - 5.840909309733355) < 1e-8)
        #expect(abs(StudentTDistribution(degreesOfFreedom: 27.3).quantile(0.9) - 1.3133408028041307) < 1e-9)
        #expect(abs(StudentTDistribution(degreesOfFreedom: 10).quantile(0.025) + 2.228138851986274) < 1e-9)
    }

    @Test func specialFunctionsMatchScipy() {
        #expect(abs(SpecialFunctions.regularizedIncompleteBeta(2.5, 0.5, 0.3) - 0.018927124071945658) < 1e-13)
        #expect(abs(SpecialFunctions.hypergeometric2F1(1.2, 3.5, 4.1, 0.6) - 2.4624433510868284) < 1e-12)
        // ₂F₁(2, 1; 3; z) = 2(−z − ln(1−z))/z², closed form.
        #expect(abs(SpecialFunctions.hypergeometric2F1(2, 1, 3, 0.95) - 4.5334787225573) < 1e-10)
    }

    @Test func nelderMeadFindsRosenbrockMinimum() {
        let result = NelderMead().minimize([-1.2, 1]) { p in 100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0]) + (1 - p[0]) * (1 - p[0]) }
        #expect(abs(result.point[0] - 1) < 1e-4 && abs(result.point[1] - 1) < 1e-4)
    }
}
