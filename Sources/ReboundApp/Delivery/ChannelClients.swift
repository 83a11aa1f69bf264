import AsyncHTTPClient
import Foundation
import Logging
import ReboundAPI
import ReboundChannels
import ReboundCore
import ReboundStore

/// Long-lived channel clients shared by every message of a process: one SMTP pool per server URL, DKIM signers,
/// compiled templates per shop (the shipped defaults plus the shop's own).
actor ChannelClients {
    let logger: Logger
    private var smtpClients: [String: SMTPClient] = [:]
    private var signers: [ChannelSettings.DKIM: DKIMSigner] = [:]
    private var renderers: [Shop.ID: (stamp: [Date], renderer: TemplateRenderer)] = [:]

    init(logger: Logger) {
        self.logger = logger
    }

    /// The pool for a server URL. Retries live in the outbox (durable, with backoff), so the client tries once.
    func smtp(url: String) throws(DeliveryError) -> SMTPClient {
        if let client = smtpClients[url] { return client }
        var configuration = try SMTPConfiguration(url: url)
        configuration.backoff = Backoff(maxAttempts: 1)
        let client = SMTPClient(configuration: configuration, sleeper: Sleeper { _ in }, logger: logger)
        smtpClients[url] = client
        return client
    }

    func signer(_ dkim: ChannelSettings.DKIM) throws -> DKIMSigner {
        if let signer = signers[dkim] { return signer }
        let signer = try DKIMSigner(domain: dkim.domain, selector: dkim.selector, privateKeyPEM: dkim.privateKeyPEM)
        signers[dkim] = signer
        return signer
    }

    /// The shop's renderer, compiled again when its templates changed.
    func renderer(shopID: Shop.ID, store: Store) async throws -> TemplateRenderer {
        let stored = try await store.templates(shopID: shopID)
        let stamp = stored.map(\.updatedAt)
        if let cached = renderers[shopID], cached.stamp == stamp { return cached.renderer }
        let renderer = try TemplateRenderer(templates: MessageComposer.merge(DefaultTemplates.all, stored))
        renderers[shopID] = (stamp, renderer)
        return renderer
    }

    func shutdown() async {
        for client in smtpClients.values { await client.shutdown() }
        smtpClients = [:]
    }
}
