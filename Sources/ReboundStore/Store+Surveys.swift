public import Foundation
public import ReboundCore
import SQLKit

/// A satisfaction survey sent by email: CSAT (1–5) after a resolved conversation, NPS (0–10) some days after an
/// order was fulfilled. The answer is stored here and, once, as a `csat_submitted` or `nps_submitted` event.
public struct Survey: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case csat, nps

        /// The scores a shopper picks from.
        public var scores: ClosedRange<Int> { self == .csat ? 1...5 : 0...10 }
        /// The event an answer becomes.
        public var eventType: String { self == .csat ? "csat_submitted" : "nps_submitted" }
    }

    public var id: String
    public var kind: Kind
    /// The conversation (CSAT) or the order (NPS) asked about.
    public var subjectID: String
    public var customerID: Customer.ID?
    public var channel: String
    public var recipient: String?
    public var createdAt: Date
    public var answeredAt: Date?
    public var score: Int?
    public var comment: String?

    /// The event id of the answer: one CSAT per conversation whether it came by chat or email; one NPS per survey.
    public var eventID: Event.ID { Event.ID(kind == .csat ? "csat_\(subjectID)" : "nps_\(id)") }
}

/// A conversation or an order a survey could be sent about, with where to send it.
public struct SurveyCandidate: Sendable, Hashable {
    public var shopID: Shop.ID
    public var kind: Survey.Kind
    public var subjectID: String
    public var customerID: Customer.ID?
    public var recipient: String
    public var cartID: Cart.ID?
}

extension Store {
    static let surveyColumns = "id, kind, subject_id, customer_id, channel, recipient, created_at, answered_at, score, comment"

    static func survey(from row: any SQLRow) throws -> Survey {
        Survey(
            id: try row.string("id"),
            kind: Survey.Kind(rawValue: try row.string("kind")) ?? .csat,
            subjectID: try row.string("subject_id"),
            customerID: try row.optionalString("customer_id").map { Customer.ID($0) },
            channel: try row.string("channel"),
            recipient: try row.optionalString("recipient"),
            createdAt: try row.date("created_at"),
            answeredAt: try row.optionalDate("answered_at"),
            score: try row.optionalInt("score").map(Int.init),
            comment: try row.optionalString("comment")
        )
    }

    public func survey(shopID: Shop.ID, id: String) async throws -> Survey? {
        try await read { db in
            try await db.raw(
                "SELECT \(unsafeRaw: Store.surveyColumns) FROM surveys WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id)"
            ).first().map(Store.survey)
        }
    }

    /// Resolved conversations that an agent answered, resolved in `[since, chatBefore]` (chat: the shopper had the
    /// in-chat rating first) or `[since, emailBefore]` (email), with no rating yet and no survey: the CSAT email list.
    /// The address is the customer's, else the sender of an email conversation.
    public func csatCandidates(since: Date, emailBefore: Date, chatBefore: Date, limit: Int) async throws -> [SurveyCandidate] {
        try await read { db in
            try await db.raw(
                """
                SELECT v.shop_id, v.id, v.channel, v.customer_id, v.visitor_id, v.cart_id, c.email
                FROM conversations v LEFT JOIN customers c ON c.shop_id = v.shop_id AND c.id = v.customer_id
                WHERE v.status = 'resolved' AND v.first_response_at IS NOT NULL AND v.resolved_at >= \(bind: since.epochMilliseconds)
                AND ((v.channel = 'email' AND v.resolved_at <= \(bind: emailBefore.epochMilliseconds))
                    OR (v.channel = 'chat' AND v.resolved_at <= \(bind: chatBefore.epochMilliseconds)))
                AND NOT EXISTS (SELECT 1 FROM surveys s WHERE s.shop_id = v.shop_id AND s.kind = 'csat' AND s.subject_id = v.id)
                AND NOT EXISTS (SELECT 1 FROM events e WHERE e.shop_id = v.shop_id AND e.id = 'csat_' || v.id)
                ORDER BY v.resolved_at LIMIT \(bind: limit)
                """
            ).all().compactMap { row -> SurveyCandidate? in
                let visitor = try row.optionalString("visitor_id")
                let address =
                    try row.optionalString("email") ?? (try row.string("channel") == "email" && visitor?.contains("@") == true ? visitor : nil)
                guard let address else { return nil }
                return SurveyCandidate(
                    shopID: Shop.ID(try row.string("shop_id")),
                    kind: .csat,
                    subjectID: try row.string("id"),
                    customerID: try row.optionalString("customer_id").map { Customer.ID($0) },
                    recipient: address,
                    cartID: try row.optionalString("cart_id").map { Cart.ID($0) }
                )
            }
        }
    }

    /// Orders of one shop fulfilled in `[from, to)`, not cancelled, whose buyer has an address, has not unsubscribed
    /// and got no NPS survey since `quietSince`: the NPS list. One order per buyer.
    public func npsCandidates(shopID: Shop.ID, fulfilledFrom from: Date, to: Date, quietSince: Date, limit: Int) async throws
        -> [SurveyCandidate]
    {
        try await read { db in
            let rows = try await db.raw(
                """
                SELECT o.id, o.customer_id, COALESCE(c.email, o.email) AS address FROM orders o
                LEFT JOIN customers c ON c.shop_id = o.shop_id AND c.id = o.customer_id
                WHERE o.shop_id = \(bind: shopID.rawValue) AND o.fulfilled_at >= \(bind: from.epochMilliseconds)
                AND o.fulfilled_at < \(bind: to.epochMilliseconds) AND o.cancelled_at IS NULL
                AND COALESCE(c.email, o.email) IS NOT NULL AND (c.email_consent IS NULL OR c.email_consent <> 0)
                AND NOT EXISTS (SELECT 1 FROM surveys s WHERE s.shop_id = o.shop_id AND s.kind = 'nps' AND (s.subject_id = o.id
                    OR (o.customer_id IS NOT NULL AND s.customer_id = o.customer_id AND s.created_at >= \(bind: quietSince.epochMilliseconds))))
                ORDER BY o.fulfilled_at LIMIT \(bind: limit)
                """
            ).all()
            var seen = Set<String>()
            return try rows.compactMap { row -> SurveyCandidate? in
                let address = try row.string("address")
                let customer = try row.optionalString("customer_id")
                guard seen.insert(customer ?? address.lowercased()).inserted else { return nil }
                return SurveyCandidate(
                    shopID: shopID,
                    kind: .nps,
                    subjectID: try row.string("id"),
                    customerID: customer.map { Customer.ID($0) },
                    recipient: address,
                    cartID: nil
                )
            }
        }
    }

    /// Records the survey and puts its email (template `csat_survey` or `nps_survey`, `detail.survey_id`) into the
    /// outbox, in one transaction; false when this conversation or order already has one.
    @discardableResult
    public func queueSurvey(_ candidate: SurveyCandidate, now: Date) async throws -> Survey? {
        let survey = Survey(
            id: "srv_" + RandomToken.make(byteCount: 12),
            kind: candidate.kind,
            subjectID: candidate.subjectID,
            customerID: candidate.customerID,
            channel: "email",
            recipient: candidate.recipient,
            createdAt: now
        )
        var record = MessageRecord(
            id: "msg_" + RandomToken.make(byteCount: 12),
            key: "survey:\(candidate.kind.rawValue):\(candidate.subjectID)",
            runID: nil,
            flowID: nil,
            flowVersion: nil,
            step: nil,
            variant: nil,
            channel: "email",
            template: candidate.kind == .csat ? "csat_survey" : "nps_survey",
            status: "intended",
            customerID: candidate.customerID,
            recipient: candidate.recipient,
            cartID: candidate.cartID,
            detail: JSONValue.object(["survey_id": .string(survey.id), "subject_id": .string(candidate.subjectID)]).jsonText,
            scheduledAt: now,
            sentAt: nil
        )
        record.dispatchAt = now
        let queued = record
        return try await write { db in
            let inserted = try await db.raw(
                """
                INSERT INTO surveys (shop_id, id, kind, subject_id, customer_id, channel, recipient, created_at)
                VALUES (\(bind: candidate.shopID.rawValue), \(bind: survey.id), \(bind: survey.kind.rawValue), \(bind: survey.subjectID),
                    \(bind: survey.customerID?.rawValue), 'email', \(bind: survey.recipient), \(bind: now.epochMilliseconds))
                ON CONFLICT (shop_id, kind, subject_id) DO NOTHING RETURNING id
                """
            ).all()
            guard !inserted.isEmpty else { return nil }
            _ = try await Store.logMessage(queued, shopID: candidate.shopID, now: now, in: db)
            return survey
        }
    }

    /// Whether an answer was stored now, or the survey had one already.
    public enum SurveyAnswer: Sendable, Hashable {
        case recorded(Survey)
        case alreadyAnswered(Survey)
    }

    /// Stores the first answer to a survey and appends its event, in one transaction. A second answer changes nothing.
    public func answerSurvey(shopID: Shop.ID, id: String, score: Int, comment: String, now: Date) async throws -> SurveyAnswer? {
        try await write { db in
            guard
                var survey = try await db.raw(
                    "SELECT \(unsafeRaw: Store.surveyColumns) FROM surveys WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id)"
                ).first().map(Store.survey)
            else { return nil }
            guard survey.answeredAt == nil else { return .alreadyAnswered(survey) }
            let note = comment.isEmpty ? nil : comment
            try await db.raw(
                """
                UPDATE surveys SET answered_at = \(bind: now.epochMilliseconds), score = \(bind: Int64(score)), comment = \(bind: note)
                WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id)
                """
            ).run()
            survey.answeredAt = now
            survey.score = score
            survey.comment = note
            let subjectKey = survey.kind == .csat ? "conversation_id" : "order_id"
            let event = Event(
                id: survey.eventID,
                type: survey.kind.eventType,
                occurredAt: now,
                properties: [
                    subjectKey: .string(survey.subjectID), "score": .int(Int64(score)), "comment": .string(comment), "channel": "email",
                    "survey_id": .string(survey.id),
                ]
            )
            _ = try await Store.appendEvents([(event, survey.customerID)], shopID: shopID, source: "rebound", now: now, in: db)
            return .recorded(survey)
        }
    }

    /// Surveys sent and answered in `[from, to)` per kind: the response rate.
    public func surveyCounts(shopID: Shop.ID, from: Date, to: Date) async throws -> [Survey.Kind: (sent: Int, answered: Int)] {
        try await read { db in
            var counts: [Survey.Kind: (sent: Int, answered: Int)] = [:]
            for row in try await db.raw(
                """
                SELECT kind, COUNT(*) AS sent, SUM(CASE WHEN answered_at IS NOT NULL THEN 1 ELSE 0 END) AS answered FROM surveys
                WHERE shop_id = \(bind: shopID.rawValue) AND created_at >= \(bind: from.epochMilliseconds) AND created_at < \(bind: to.epochMilliseconds)
                GROUP BY kind
                """
            ).all() {
                guard let kind = Survey.Kind(rawValue: try row.string("kind")) else { continue }
                counts[kind] = (Int(try row.int("sent")), Int(try row.optionalInt("answered") ?? 0))
            }
            return counts
        }
    }

    /// A survey answer as the reports show it.
    public struct SatisfactionAnswer: Sendable, Hashable {
        public var kind: Survey.Kind
        public var score: Int
        public var comment: String?
        public var channel: String?
        public var subjectID: String?
        public var customerID: Customer.ID?
        public var at: Date
    }

    /// Every CSAT and NPS answer in `[from, to)`, oldest first (from the events, so chat ratings count too).
    public func satisfactionAnswers(shopID: Shop.ID, from: Date, to: Date, limit: Int = 100_000) async throws -> [SatisfactionAnswer] {
        try await read { db in
            try await db.raw(
                """
                SELECT type, customer_id, occurred_at, properties FROM events WHERE shop_id = \(bind: shopID.rawValue)
                AND type IN ('csat_submitted', 'nps_submitted') AND occurred_at >= \(bind: from.epochMilliseconds)
                AND occurred_at < \(bind: to.epochMilliseconds) ORDER BY occurred_at LIMIT \(bind: limit)
                """
            ).all().compactMap { row -> SatisfactionAnswer? in
                let kind: Survey.Kind = try row.string("type") == "csat_submitted" ? .csat : .nps
                let properties = (try? JSONValue.parse(try row.string("properties")))?.objectValue ?? [:]
                guard let score = properties["score"]?.int64Value, kind.scores.contains(Int(score)) else { return nil }
                return SatisfactionAnswer(
                    kind: kind,
                    score: Int(score),
                    comment: properties["comment"]?.stringValue?.nilIfEmpty,
                    channel: properties["channel"]?.stringValue,
                    subjectID: (properties["conversation_id"] ?? properties["order_id"])?.stringValue,
                    customerID: try row.optionalString("customer_id").map { Customer.ID($0) },
                    at: try row.date("occurred_at")
                )
            }
        }
    }
}
