public import Foundation

/// Sign-in, session and rate-limit settings of `/admin`.
public struct AdminConfiguration: Sendable {
    /// bcrypt work factor for new passwords (2^cost rounds); 12 takes a few hundred milliseconds, as it should.
    public var bcryptCost: UInt8
    /// How long a session lasts after signing in.
    public var sessionLifetime: TimeInterval
    /// Failed sign-ins per email and address within `failureWindow` before further attempts are refused (429).
    public var maximumFailures: Int
    public var failureWindow: TimeInterval

    public init(bcryptCost: UInt8 = 12, sessionLifetime: TimeInterval = 12 * 3600, maximumFailures: Int = 5, failureWindow: TimeInterval = 15 * 60) {
        self.bcryptCost = bcryptCost
        self.sessionLifetime = sessionLifetime
        self.maximumFailures = maximumFailures
        self.failureWindow = failureWindow
    }
}
