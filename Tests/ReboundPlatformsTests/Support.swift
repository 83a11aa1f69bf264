import Foundation
import ReboundPlatforms

/// Records the waits a retry policy asks for instead of sleeping.
actor RecordedWaits {
    var waits: [Duration] = []
    func record(_ duration: Duration) { waits.append(duration) }

    nonisolated func policy(maxAttempts: Int = 3) -> RetryPolicy {
        RetryPolicy(maxAttempts: maxAttempts) { duration in await self.record(duration) }
    }
}

/// Fixed instants: tests never read the wall clock.
enum Fixture {
    /// 2024-10-01T12:00:00Z
    static let now = Date(timeIntervalSince1970: 1_727_784_000)
    /// 48 hours later: 2024-10-03T12:00:00Z
    static let in48h = now.addingTimeInterval(48 * 3600)

    static func request(
        code: String = "RB-7KQ4-MX2P",
        value: DiscountValue = .percent(10),
        minimum: Int64? = 5000,
        email: String? = nil
    ) -> DiscountCodeRequest {
        DiscountCodeRequest(
            code: code,
            ruleID: "cart-48h",
            value: value,
            currency: "USD",
            minimumSubtotal: minimum,
            startsAt: now,
            expiresAt: in48h,
            customerEmail: email
        )
    }
}

/// Runs `body` and returns the `PlatformError` it threw; fails the caller's expectation otherwise.
func platformError(_ body: () async throws -> some Any) async -> PlatformError? {
    do {
        _ = try await body()
        return nil
    } catch let error as PlatformError {
        return error
    } catch {
        return PlatformError(.protocolError, "unexpected error type: \(error)")
    }
}
