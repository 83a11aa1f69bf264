import Foundation
import ReboundAnalytics
import Testing

private let now = Date(timeIntervalSince1970: 1_750_000_000.75)
private let day = 86_400.0

private func parse(_ json: String) throws -> SegmentRule { try SegmentRule.parse(jsonData: Data(json.utf8)) }

private func issues(_ json: String) -> [String] {
    do {
        _ = try parse(json)
        return []
    } catch let error as AnalyticsError {
        return error.issues.map(\.description)
    } catch {
        return ["unexpected \(error)"]
    }
}

@Suite struct SegmentTests {
    let winBack = """
        {"match": "all", "rules": [
          {"field": "spend", "op": "gte", "value": 50000},
          {"field": "daysSinceLastOrder", "op": "gt", "value": 60},
          {"not": {"field": "tags", "op": "contains", "value": "wholesale"}},
          {"match": "any", "rules": [
            {"field": "country", "op": "in", "value": ["GB", "IE"]},
            {"field": "rfmCell", "op": "eq", "value": "555"}]},
          {"field": "emailConsent", "op": "eq", "value": true}]}
        """

    @Test func evaluatesRules() throws {
        let rule = try parse(winBack)
        var facts = CustomerFacts(customerID: "1", spendMinor: 60_000, orderCount: 3, lastOrderAt: now - 61 * day, emailConsent: true, country: "IE")
        #expect(rule.matches(facts, now: now))
        facts.tags = ["wholesale"]
        #expect(!rule.matches(facts, now: now))
        facts.tags = []
        facts.country = "FR"
        #expect(!rule.matches(facts, now: now))
        facts.rfm = RFMScore(recency: 5, frequency: 5, monetary: 5)
        #expect(rule.matches(facts, now: now))
        facts.lastOrderAt = now - 59 * day
        #expect(!rule.matches(facts, now: now))
    }

    @Test func missingFactsAreFalseAndNotMakesThemTrue() throws {
        let facts = CustomerFacts(customerID: "never")
        let ordered = try parse(#"{"field": "daysSinceLastOrder", "op": "ne", "value": 5}"#)
        #expect(!ordered.matches(facts, now: now))
        #expect(try parse(#"{"not": {"field": "daysSinceLastOrder", "op": "lt", "value": 5}}"#).matches(facts, now: now))
        #expect(!(try parse(#"{"field": "country", "op": "notIn", "value": ["GB"]}"#)).matches(facts, now: now))
        #expect(try parse(#"{"match": "all", "rules": []}"#).matches(facts, now: now))
        #expect(!(try parse(#"{"match": "any", "rules": []}"#)).matches(facts, now: now))
    }

    @Test func engagementWindow() throws {
        let rule = try parse(#"{"field": "daysSinceLastOpen", "op": "lte", "value": 30}"#)
        #expect(rule.matches(CustomerFacts(customerID: "a", lastOpenedAt: now - 30 * day), now: now))
        #expect(!rule.matches(CustomerFacts(customerID: "a", lastOpenedAt: now - 30 * day - 1), now: now))
        #expect(!rule.matches(CustomerFacts(customerID: "a"), now: now))
    }

    @Test func validationNamesEveryPath() {
        let found = issues(
            """
            {"match": "all", "rules": [
              {"field": "spend", "op": "gte", "value": 1},
              {"field": "spnd", "op": "gte", "value": 1},
              {"field": "country", "op": "gt", "value": "GB"},
              {"match": "any", "rules": [{"not": {"field": "orderCount", "op": "eq", "value": 1.5}}]},
              {"field": "tags", "op": "contains", "value": "x", "extra": 1},
              {"field": "emailConsent", "op": "eq", "value": 1},
              {"field": "country", "op": "in", "value": []},
              {"match": "some", "rules": []},
              {}]}
            """
        )
        #expect(
            found == [
                #"rules[1].field: unknown field "spnd""#,
                #"rules[2].op: operator "gt" is not allowed on country; use one of ["eq", "ne", "in", "notIn"]"#,
                "rules[3].rules[0].not.value: expected a whole number",
                #"rules[4].extra: unknown key "extra""#,
                "rules[5].value: expected true or false",
                "rules[6].value: expected a non-empty array of up to 1000 strings",
                #"rules[7].match: expected "all" or "any""#,
                "rules[8]: expected a group {match, rules}, a {not} or a condition {field, op, value}",
            ]
        )
        #expect(issues("[1") == ["$: not valid JSON"])
        #expect(issues(#"{"field": "spend", "value": 3}"#) == ["op: missing"])
        #expect(issues(#"{"field": "daysSinceLastOrder", "op": "gt", "value": -1}"#) == ["value: expected a number of days between 0 and 100000"])
        let deep = String(repeating: #"{"not": "#, count: 20) + #"{"field": "spend", "op": "gt", "value": 1}"# + String(repeating: "}", count: 20)
        #expect(issues(deep).first?.hasSuffix("nested deeper than 16") == true)
    }

    @Test func jsonRoundTrip() throws {
        let rule = try parse(winBack)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try SegmentRule.parse(jsonData: encoder.encode(rule)) == rule)
    }

    @Test func sqlForSQLite() throws {
        let cutoff = Int64(1_750_000_000) - 60 * 86_400
        let fragment = try parse(winBack).sqlWhere(now: now)
        #expect(
            fragment.sql
                == "(spend_minor >= ? AND (last_order_at IS NOT NULL AND last_order_at < ?) AND NOT (EXISTS (SELECT 1 FROM customer_fact_tags "
                + "WHERE customer_fact_tags.shop_id = customer_facts.shop_id AND customer_fact_tags.customer_id = customer_facts.customer_id "
                + "AND customer_fact_tags.tag = ?)) AND ((country IS NOT NULL AND country IN (?, ?)) OR (rfm_cell IS NOT NULL AND rfm_cell = ?)) "
                + "AND email_consent = ?)"
        )
        #expect(fragment.binds == [.integer(50_000), .integer(cutoff), .text("wholesale"), .text("GB"), .text("IE"), .text("555"), .bool(true)])
    }

    @Test func sqlForPostgresNumbersPlaceholders() throws {
        let rule = try parse(
            #"{"match": "any", "rules": [{"field": "orderCount", "op": "lt", "value": 2}, {"field": "rfmRecency", "op": "gte", "value": 4}]}"#
        )
        let fragment = rule.sqlWhere(now: now, placeholders: .dollar(startingAt: 2))
        #expect(fragment.sql == "(order_count < $2 OR (rfm_recency IS NOT NULL AND rfm_recency >= $3))")
        #expect(fragment.binds == [.integer(2), .integer(4)])
        #expect(SegmentRule.all([]).sqlWhere(now: now).sql == "1 = 1")
        #expect(SegmentRule.any([]).sqlWhere(now: now).sql == "1 = 0")
    }

    @Test func vipTiers() throws {
        let tiers = VIPTiers.standard
        #expect(tiers.tier(forSpendMinor: 49_999) == nil)
        #expect(tiers.tier(forSpendMinor: 100_000)?.name == "Gold")
        #expect(tiers.tier(forSpendMinor: 9_999_999)?.name == "Platinum")
        let gold = try #require(tiers.rule(forTier: "Gold"))
        #expect(gold.matches(CustomerFacts(customerID: "a", spendMinor: 249_999), now: now))
        #expect(!gold.matches(CustomerFacts(customerID: "a", spendMinor: 250_000), now: now))
        #expect(gold.sqlWhere(now: now).sql == "(spend_minor >= ? AND spend_minor < ?)")
        #expect(tiers.rule(forTier: "Bronze") == nil)
    }
}
