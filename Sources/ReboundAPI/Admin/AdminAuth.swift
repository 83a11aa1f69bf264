import Crypto
public import Foundation
public import HTTPTypes
import HummingbirdBcrypt
import NIOPosix
import ReboundCore

/// Passwords (bcrypt), session tokens and cookies of `/admin`.
public enum AdminAuth {
    public static let sessionCookie = "rb_admin"
    /// The pre-session CSRF token of the sign-in form (double-submit: cookie and hidden field must match).
    public static let loginCookie = "rb_login_csrf"

    /// A bcrypt hash of `password`; runs on NIO's thread pool, since it deliberately takes a long time.
    public static func hashPassword(_ password: String, cost: UInt8) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public static func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Compared against when the email is unknown, so a wrong email takes as long as a wrong password.
    static let unknownAgentHash = Bcrypt.hash("no agent has this password", cost: 12)

    /// 32 random bytes, URL-safe base64.
    public static func newToken() -> String { RandomToken.make(byteCount: 32) }

    /// What the database keeps of a session token.
    public static func tokenHash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Equal strings in time that does not depend on where they differ.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }

    /// The request's cookies by name (the first of each name wins).
    public static func cookies(_ fields: HTTPFields) -> [String: String] {
        var result: [String: String] = [:]
        for header in fields[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let name = parts[0].trimmingCharacters(in: .whitespaces)
                if result[name] == nil { result[name] = parts[1].trimmingCharacters(in: .whitespaces) }
            }
        }
        return result
    }

    /// A `Set-Cookie` value: HttpOnly and SameSite=Lax always, Secure when the admin is reached over HTTPS.
    public static func setCookie(_ name: String, _ value: String, path: String = "/admin", maxAge: Int?, secure: Bool) -> String {
        var parts = ["\(name)=\(value)", "Path=\(path)", "HttpOnly", "SameSite=Lax"]
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        if secure { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }
}
