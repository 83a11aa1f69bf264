import Crypto
public import Foundation
import _CryptoExtras

/// Signs messages with DKIM (RFC 6376): RSA-SHA256, relaxed/relaxed.
///
/// ```swift
/// let signer = try DKIMSigner(domain: "shop.example", selector: "rebound", privateKeyPEM: pem)
/// let signed = try signer.sign(MIMEWriter.render(message), now: now)
/// ```
public struct DKIMSigner: Sendable {
    /// The headers signed when present, in this order.
    public static let defaultSignedHeaders = [
        "from", "to", "subject", "date", "message-id", "mime-version", "content-type", "list-unsubscribe",
        "list-unsubscribe-post",
    ]

    public let domain: String
    public let selector: String
    public let signedHeaders: [String]
    let key: _RSA.Signing.PrivateKey

    /// - Parameter privateKeyPEM: the shop's RSA key (PKCS#1 or PKCS#8 PEM), at least 1024 bits.
    public init(domain: String, selector: String, privateKeyPEM: String, signedHeaders: [String] = DKIMSigner.defaultSignedHeaders)
        throws(DeliveryError)
    {
        do {
            let key = try _RSA.Signing.PrivateKey(unsafePEMRepresentation: privateKeyPEM)
            guard key.keySizeInBits >= 1024 else { throw DeliveryError(.invalidKey, "DKIM key shorter than 1024 bits") }
            self.key = key
        } catch let error as DeliveryError {
            throw error
        } catch {
            throw DeliveryError(.invalidKey, "cannot read the DKIM private key: \(error)")
        }
        self.domain = domain
        self.selector = selector
        self.signedHeaders = signedHeaders.map { $0.lowercased() }
    }

    /// The DNS TXT record to publish at `<selector>._domainkey.<domain>`.
    public var dnsRecord: String {
        "v=DKIM1; k=rsa; p=" + key.publicKey.derRepresentation.base64EncodedString()
    }

    /// The message with a `DKIM-Signature` header in front.
    public func sign(_ email: RenderedEmail, now: Date) throws(DeliveryError) -> RenderedEmail {
        let bodyHash = SHA256.hash(data: DKIMCanonicalization.relaxedBody(email.body))
        var present: [(name: String, value: String)] = []
        var names: [String] = []
        for name in signedHeaders {
            // Sign the last instance, as verifiers pick from the bottom (RFC 6376 section 5.4.2).
            if let header = email.headers.last(where: { $0.name.lowercased() == name }) {
                present.append(header)
                names.append(name)
            }
        }
        let tags =
            "v=1; a=rsa-sha256; c=relaxed/relaxed; d=\(domain); s=\(selector);\r\n\tt=\(Int64(now.timeIntervalSince1970));\r\n\th=\(names.joined(separator: ":"));\r\n\tbh=\(Base64.encode(Array(bodyHash)));\r\n\tb="
        var input: [UInt8] = []
        input.reserveCapacity(present.count * 100 + 300)
        for header in present {
            input.append(contentsOf: DKIMCanonicalization.relaxedHeader(name: header.name, value: header.value))
            input.append(contentsOf: [13, 10])
        }
        input.append(contentsOf: DKIMCanonicalization.relaxedHeader(name: "DKIM-Signature", value: tags))
        let signature: _RSA.Signing.RSASignature
        do {
            signature = try key.signature(for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5)
        } catch {
            throw DeliveryError(.invalidKey, "DKIM signing failed: \(error)")
        }
        let b = Base64.encode(signature.rawRepresentation)
        var folded = ""
        var index = b.startIndex
        while index < b.endIndex {
            let end = b.index(index, offsetBy: 72, limitedBy: b.endIndex) ?? b.endIndex
            if !folded.isEmpty { folded += "\r\n\t " }
            folded += b[index..<end]
            index = end
        }
        var signed = email
        signed.headers.insert(("DKIM-Signature", tags + folded), at: 0)
        return signed
    }
}
