import Foundation
import Hummingbird
import ReboundCore
import ReboundStore

/// `GET /v1/reports/satisfaction`: CSAT and NPS for a period — averages, distributions, response rates, the daily
/// trend in the shop's time zone and the comments (newest first); `?format=csv` exports every answer.
struct SatisfactionRoutes {
    let environment: APIEnvironment
    var store: Store { environment.store }

    func add(to group: RouterGroup<ReboundRequestContext>) {
        group.get("reports/satisfaction") { request, context in try await self.report(request, context: context) }
    }

    func report(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        let shop = try context.requireShop()
        let query = Query(request)
        let now = environment.clock.now()
        let period = try ReportPeriod.parse(
            from: query.string("from"),
            to: query.string("to"),
            days: query.string("days"),
            compare: nil,
            timeZone: TimeZone(identifier: shop.timeZone) ?? TimeZone(identifier: "UTC")!,
            now: now
        )
        let limit = Int(try query.int("comments") ?? 50)
        guard (0...1000).contains(limit) else { throw ProblemDetails.badQuery("comments", "must be a whole number from 0 to 1000") }
        let answers = try await store.satisfactionAnswers(shopID: shop.id, from: period.from, to: period.to)
        if let format = query.string("format"), format != "json" {
            guard format == "csv" else { throw ProblemDetails.badQuery("format", "must be json or csv") }
            let rows = answers.map { answer in
                [
                    answer.kind.rawValue, String(answer.score), answer.comment ?? "", answer.channel ?? "", answer.subjectID ?? "",
                    answer.customerID?.rawValue ?? "", RFC3339.format(answer.at),
                ]
            }
            let document = CSV.document(header: ["kind", "score", "comment", "channel", "subject_id", "customer_id", "at"], rows: rows)
            return CSV.response(document, filename: "satisfaction.csv")
        }
        let counts = try await store.surveyCounts(shopID: shop.id, from: period.from, to: period.to)
        let report = SatisfactionFigures(answers: answers, period: period)
        var json = report.json(counts: counts)
        let comments = answers.filter { $0.comment != nil }.suffix(limit).reversed().map { answer -> JSONValue in
            .object([
                "kind": .string(answer.kind.rawValue), "score": .int(Int64(answer.score)), "comment": .string(answer.comment ?? ""),
                "channel": answer.channel.map(JSONValue.string) ?? .null,
                (answer.kind == .csat ? "conversation_id" : "order_id"): answer.subjectID.map(JSONValue.string) ?? .null,
                "customer_id": answer.customerID.map { .string($0.rawValue) } ?? .null, "at": .string(RFC3339.format(answer.at)),
            ])
        }
        json["comments"] = .array(comments)
        return try JSONResponse(.object(json)).response(from: request, context: context)
    }
}

/// CSAT and NPS figures from a period's answers.
struct SatisfactionFigures {
    var answers: [Store.SatisfactionAnswer]
    var period: ReportPeriod

    /// Mean CSAT, 1–5.
    static func average(_ scores: [Int]) -> Double? {
        scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count)
    }

    /// Net Promoter Score: % of 9–10 minus % of 0–6, from −100 to 100.
    static func netPromoterScore(_ scores: [Int]) -> Double? {
        guard !scores.isEmpty else { return nil }
        let promoters = scores.filter { $0 >= 9 }.count, detractors = scores.filter { $0 <= 6 }.count
        return (Double(promoters) - Double(detractors)) * 100 / Double(scores.count)
    }

    func json(counts: [Survey.Kind: (sent: Int, answered: Int)]) -> [String: JSONValue] {
        let csat = answers.filter { $0.kind == .csat }, nps = answers.filter { $0.kind == .nps }
        func number(_ value: Double?) -> JSONValue { value.map { .double(($0 * 100).rounded() / 100) } ?? .null }
        func distribution(_ scores: [Int], _ range: ClosedRange<Int>) -> JSONValue {
            .object(
                Dictionary(uniqueKeysWithValues: range.map { score in (String(score), JSONValue.int(Int64(scores.filter { $0 == score }.count))) })
            )
        }
        func surveys(_ kind: Survey.Kind) -> [String: JSONValue] {
            let (sent, answered) = counts[kind] ?? (0, 0)
            return [
                "surveys_sent": .int(Int64(sent)), "surveys_answered": .int(Int64(answered)),
                "response_rate": sent == 0 ? .null : number(Double(answered) / Double(sent)),
            ]
        }
        let csatScores = csat.map(\.score), npsScores = nps.map(\.score)
        var csatJSON: [String: JSONValue] = [
            "responses": .int(Int64(csat.count)), "average": number(Self.average(csatScores)),
            "satisfied_share": csat.isEmpty ? .null : number(Double(csatScores.filter { $0 >= 4 }.count) / Double(csat.count)),
            "distribution": distribution(csatScores, 1...5),
        ]
        var byChannel: [String: JSONValue] = [:]
        for (channel, group) in Dictionary(grouping: csat, by: { $0.channel ?? "unknown" }) {
            byChannel[channel] = .object(["responses": .int(Int64(group.count)), "average": number(Self.average(group.map(\.score)))])
        }
        csatJSON["by_channel"] = .object(byChannel)
        csatJSON.merge(surveys(.csat)) { $1 }
        var npsJSON: [String: JSONValue] = [
            "responses": .int(Int64(nps.count)), "score": number(Self.netPromoterScore(npsScores)),
            "promoters": .int(Int64(npsScores.filter { $0 >= 9 }.count)), "passives": .int(Int64(npsScores.filter { (7...8).contains($0) }.count)),
            "detractors": .int(Int64(npsScores.filter { $0 <= 6 }.count)), "distribution": distribution(npsScores, 0...10),
        ]
        npsJSON.merge(surveys(.nps)) { $1 }
        let formatter = DateFormatter()
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "yyyy-MM-dd"
        var daily: [[Store.SatisfactionAnswer]] = Array(repeating: [], count: period.days)
        for answer in answers {
            let day = Int(answer.at.timeIntervalSince(period.dayStart) / 86_400)
            if day >= 0 && day < period.days { daily[day].append(answer) }
        }
        let trend = zip(period.dayDates, daily).map { date, group -> JSONValue in
            let c = group.filter { $0.kind == .csat }.map(\.score), n = group.filter { $0.kind == .nps }.map(\.score)
            // The day's date as the shop sees it: noon of a day in the shop's zone (−12 to +12 h) has that date in UTC.
            let shifted = date.addingTimeInterval(43_200)
            return .object([
                "date": .string(formatter.string(from: shifted)), "csat": number(Self.average(c)), "csat_responses": .int(Int64(c.count)),
                "nps": number(Self.netPromoterScore(n)), "nps_responses": .int(Int64(n.count)),
            ])
        }
        return [
            "from": .string(RFC3339.format(period.from)), "to": .string(RFC3339.format(period.to)), "csat": .object(csatJSON),
            "nps": .object(npsJSON), "daily": .array(trend),
        ]
    }
}
