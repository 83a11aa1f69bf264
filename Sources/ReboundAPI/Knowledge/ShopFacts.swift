import Foundation
public import ReboundAnswers
import ReboundCore

/// The facts a shop's bot answers from besides its articles: shipping zones, return policy, trust facts,
/// incentive rules, synonyms, the optional language model and the invoice's seller.
///
/// Stored as the JSON document `PUT /v1/knowledge/facts` accepted (snake_case, money in minor units of the
/// shop's currency) and read back with ``parse(_:currency:)``, which names the path of every problem.
public struct ShopFacts: Sendable {
    /// An OpenAI-compatible endpoint that phrases answers from articles; off unless set.
    public struct LLM: Sendable, Hashable {
        public var baseURL: String
        public var apiKey: String
        public var model: String
        /// After this the retrieval answer is sent as it is.
        public var timeoutMilliseconds: Int
    }

    public var defaultLocale = "en"
    public var shipping: ShippingPolicy?
    public var returns: ReturnPolicy?
    public var trust: TrustFacts?
    public var incentives: IncentiveRules?
    public var synonyms: [TextLanguage: [String: [String]]] = [:]
    public var llm: LLM?
    public var seller: SellerDetails?

    /// The top-level keys of the document.
    static let keys: Set<String> = ["default_locale", "shipping", "returns", "trust", "incentives", "synonyms", "llm", "seller"]

    /// Reads a facts document; every problem is reported with its path (`shipping.zones[0].rates[1].price`).
    static func parse(_ document: JSONValue, currency: String) -> (ShopFacts, [ProblemDetails.FieldError]) {
        var reader = FactsReader(currency: currency)
        var facts = ShopFacts()
        guard case .object(let object) = document else {
            return (facts, [.init(field: "(body)", detail: "must be a JSON object")])
        }
        for key in object.keys.sorted() where !keys.contains(key) {
            reader.fail(key, "is not a fact; known: " + keys.sorted().joined(separator: ", "))
        }
        if let locale = reader.string(object, "default_locale", at: "") {
            if locale.count > 35 || !locale.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
                reader.fail("default_locale", "must be a language tag such as en or de-AT")
            } else {
                facts.defaultLocale = locale
            }
        }
        facts.shipping = reader.object(object, "shipping", at: "") { r, o, p in r.shipping(o, at: p) }
        facts.returns = reader.object(object, "returns", at: "") { r, o, p in r.returns(o, at: p) }
        facts.trust = reader.object(object, "trust", at: "") { r, o, p in r.trust(o, at: p) }
        facts.incentives = reader.object(object, "incentives", at: "") { r, o, p in r.incentives(o, at: p) }
        facts.synonyms = reader.object(object, "synonyms", at: "") { r, o, p in r.synonyms(o, at: p) } ?? [:]
        facts.llm = reader.object(object, "llm", at: "") { r, o, p in r.llm(o, at: p) }
        facts.seller = reader.object(object, "seller", at: "") { r, o, p in r.seller(o, at: p) }
        return (facts, reader.errors)
    }

    /// The stored document for clients: the LLM key is never echoed, only whether one is set.
    static func redacted(_ document: JSONValue) -> JSONValue {
        guard case .object(var object) = document else { return document }
        if case .object(var llm)? = object["llm"] {
            let isSet = llm["api_key"]?.stringValue.map { !$0.isEmpty } ?? false
            llm["api_key"] = nil
            llm["api_key_set"] = .bool(isSet)
            object["llm"] = .object(llm)
        }
        return .object(object)
    }

    /// `patch` applied to `stored` key by key: a key set to `null` is removed; an `llm` object without
    /// `api_key` keeps the stored key, so clients can change the model without holding the secret.
    static func merge(_ patch: [String: JSONValue], into stored: JSONValue) -> JSONValue {
        var object = stored.objectValue ?? [:]
        for (key, value) in patch {
            if value.isNull {
                object[key] = nil
            } else if key == "llm", case .object(var llm) = value, llm["api_key"] == nil, let old = object["llm"]?["api_key"] {
                llm["api_key"] = old
                object[key] = .object(llm)
            } else {
                object[key] = value
            }
        }
        return .object(object)
    }
}

/// Reads the parts of a facts document, collecting errors instead of stopping at the first.
struct FactsReader {
    let currency: String
    var errors: [ProblemDetails.FieldError] = []

    mutating func fail(_ field: String, _ detail: String) { errors.append(.init(field: field, detail: detail)) }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    mutating func object<T>(
        _ parent: [String: JSONValue],
        _ key: String,
        at path: String,
        _ read: (inout FactsReader, [String: JSONValue], String) -> T?
    )
        -> T?
    {
        let field = Self.join(path, key)
        switch parent[key] {
        case nil, .null?: return nil
        case .object(let object)?: return read(&self, object, field)
        default:
            fail(field, "must be an object")
            return nil
        }
    }

    mutating func string(_ parent: [String: JSONValue], _ key: String, at path: String, required: Bool = false) -> String? {
        switch parent[key] {
        case .string(let text)? where !text.trimmingCharacters(in: .whitespaces).isEmpty: return text
        case nil, .null?:
            if required { fail(Self.join(path, key), "is required") }
            return nil
        default:
            fail(Self.join(path, key), "must be a non-empty string")
            return nil
        }
    }

    mutating func int(_ parent: [String: JSONValue], _ key: String, at path: String, range: ClosedRange<Int64>, required: Bool = false) -> Int? {
        switch parent[key] {
        case nil, .null?:
            if required { fail(Self.join(path, key), "is required") }
            return nil
        case .int(let value)? where range.contains(value): return Int(value)
        default:
            fail(Self.join(path, key), "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
    }

    mutating func bool(_ parent: [String: JSONValue], _ key: String, at path: String, default value: Bool) -> Bool {
        switch parent[key] {
        case nil, .null?: return value
        case .bool(let flag)?: return flag
        default:
            fail(Self.join(path, key), "must be true or false")
            return value
        }
    }

    mutating func strings(_ parent: [String: JSONValue], _ key: String, at path: String) -> [String] {
        switch parent[key] {
        case nil, .null?: return []
        case .array(let items)?:
            var out: [String] = []
            for item in items {
                guard case .string(let text) = item else {
                    fail(Self.join(path, key), "must be an array of strings")
                    return []
                }
                out.append(text)
            }
            return out
        default:
            fail(Self.join(path, key), "must be an array of strings")
            return []
        }
    }

    /// Money in minor units of the shop's currency.
    mutating func money(_ parent: [String: JSONValue], _ key: String, at path: String, required: Bool = false) -> MoneyAmount? {
        int(parent, key, at: path, range: 0...1_000_000_000_00, required: required).map { MoneyAmount(minorUnits: Int64($0), currency: currency) }
    }

    mutating func source(_ parent: [String: JSONValue], at path: String, kind: AnswerSource.Kind, defaultTitle: String) -> AnswerSource {
        let source = object(parent, "source", at: path) { (reader: inout FactsReader, object: [String: JSONValue], p: String) -> AnswerSource? in
            let url = reader.string(object, "url", at: p)
            if let url, !(url.hasPrefix("https://") || url.hasPrefix("http://") || url.hasPrefix("/")) {
                reader.fail(Self.join(p, "url"), "must be an http(s) or relative address")
            }
            return AnswerSource(kind: kind, title: reader.string(object, "title", at: p) ?? defaultTitle, url: url)
        }
        return source ?? AnswerSource(kind: kind, title: defaultTitle)
    }

    mutating func shipping(_ object: [String: JSONValue], at path: String) -> ShippingPolicy? {
        let home = string(object, "home_country", at: path, required: true)
        if let home, !Self.isCountry(home) { fail(Self.join(path, "home_country"), "must be an ISO 3166-1 alpha-2 code such as DE") }
        var zones: [ShippingZone] = []
        guard case .array(let items)? = object["zones"], !items.isEmpty else {
            fail(Self.join(path, "zones"), "must be a non-empty array of zones")
            return nil
        }
        for (i, item) in items.enumerated() {
            let zonePath = Self.join(path, "zones[\(i)]")
            guard case .object(let zone) = item else {
                fail(zonePath, "must be an object")
                continue
            }
            let name = string(zone, "name", at: zonePath, required: true) ?? ""
            let countries = strings(zone, "countries", at: zonePath)
            if countries.isEmpty { fail(Self.join(zonePath, "countries"), "must name at least one country code, or \"*\" for the rest of the world") }
            for c in countries where c != "*" && !Self.isCountry(c) {
                fail(Self.join(zonePath, "countries"), "\"\(c)\" is not an ISO 3166-1 alpha-2 code")
            }
            let dutiesText = string(zone, "duties", at: zonePath) ?? "none"
            let duties: ShippingZone.Duties
            switch dutiesText {
            case "none": duties = .none
            case "included": duties = .included
            case "payable_on_delivery": duties = .payableOnDelivery
            default:
                fail(Self.join(zonePath, "duties"), "must be none, included or payable_on_delivery")
                duties = .none
            }
            var rates: [ShippingRate] = []
            guard case .array(let rateItems)? = zone["rates"], !rateItems.isEmpty else {
                fail(Self.join(zonePath, "rates"), "must be a non-empty array of rates")
                continue
            }
            for (k, rateItem) in rateItems.enumerated() {
                let ratePath = Self.join(zonePath, "rates[\(k)]")
                guard case .object(let rate) = rateItem else {
                    fail(ratePath, "must be an object")
                    continue
                }
                let rateName = string(rate, "name", at: ratePath, required: true)
                let price = money(rate, "price", at: ratePath, required: true)
                let minDays = int(rate, "min_days", at: ratePath, range: 0...365, required: true)
                let maxDays = int(rate, "max_days", at: ratePath, range: 0...365, required: true)
                if let minDays, let maxDays, maxDays < minDays { fail(Self.join(ratePath, "max_days"), "must not be below min_days") }
                if let rateName, let price, let minDays, let maxDays {
                    rates.append(
                        ShippingRate(
                            name: rateName,
                            price: price,
                            freeAbove: money(rate, "free_above", at: ratePath),
                            minDays: minDays,
                            maxDays: maxDays
                        )
                    )
                }
            }
            zones.append(ShippingZone(name: name, countries: countries, rates: rates, duties: duties))
        }
        let source = self.source(object, at: path, kind: .shipping, defaultTitle: "Shipping")
        guard let home else { return nil }
        return ShippingPolicy(zones: zones, source: source, homeCountry: home)
    }

    mutating func returns(_ object: [String: JSONValue], at path: String) -> ReturnPolicy? {
        let days = int(object, "window_days", at: path, range: 0...3650, required: true)
        let startText = string(object, "window_start", at: path) ?? "delivery"
        guard let start = ReturnPolicy.WindowStart(rawValue: startText) else {
            fail(Self.join(path, "window_start"), "must be delivery or order")
            return nil
        }
        let policy = ReturnPolicy(
            windowDays: days ?? 0,
            windowStart: start,
            saleItemsReturnable: bool(object, "sale_items_returnable", at: path, default: true),
            excludedTags: strings(object, "excluded_tags", at: path),
            refundsAllowed: bool(object, "refunds_allowed", at: path, default: true),
            exchangesAllowed: bool(object, "exchanges_allowed", at: path, default: true),
            returnShippingCost: money(object, "return_shipping_cost", at: path),
            source: source(object, at: path, kind: .returns, defaultTitle: "Returns")
        )
        return days == nil ? nil : policy
    }

    mutating func trust(_ object: [String: JSONValue], at path: String) -> TrustFacts? {
        let name = string(object, "legal_name", at: path, required: true)
        let reviews = self.object(object, "reviews", at: path) { (reader: inout FactsReader, r: [String: JSONValue], p: String) -> ReviewSummary? in
            guard let rating = r["rating"]?.doubleValue, let count = reader.int(r, "count", at: p, range: 0...100_000_000, required: true),
                let provider = reader.string(r, "provider", at: p, required: true)
            else {
                if r["rating"]?.doubleValue == nil { reader.fail(Self.join(p, "rating"), "must be a number") }
                return nil
            }
            return ReviewSummary(
                rating: rating,
                scale: r["scale"]?.doubleValue ?? 5,
                count: count,
                provider: provider,
                url: reader.string(r, "url", at: p)
            )
        }
        let facts = TrustFacts(
            legalName: name ?? "",
            address: string(object, "address", at: path),
            foundedYear: int(object, "founded_year", at: path, range: 1000...3000),
            reviews: reviews,
            paymentMethods: strings(object, "payment_methods", at: path),
            buyerProtection: string(object, "buyer_protection", at: path),
            contactEmail: string(object, "contact_email", at: path),
            source: source(object, at: path, kind: .trust, defaultTitle: "About us")
        )
        return name == nil ? nil : facts
    }

    mutating func incentives(_ object: [String: JSONValue], at path: String) -> IncentiveRules? {
        let percent = int(object, "percent", at: path, range: 1...100, required: true)
        let maxPercent = int(object, "max_percent", at: path, range: 1...100) ?? percent
        if let percent, let maxPercent, maxPercent < percent {
            fail(Self.join(path, "max_percent"), "must not be below percent (the bot never offers more than max_percent)")
        }
        let code = string(object, "code", at: path)
        if let code, code.count > 40 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            fail(Self.join(path, "code"), "must be 1 to 40 letters, digits, '-' or '_'")
        }
        let rules = IncentiveRules(
            isEnabled: bool(object, "enabled", at: path, default: true),
            percent: percent ?? 0,
            maxPercent: maxPercent ?? 0,
            oncePerCustomer: bool(object, "once_per_customer", at: path, default: true),
            minimumCartValue: money(object, "minimum_cart_value", at: path),
            code: code,
            validForHours: int(object, "valid_for_hours", at: path, range: 1...24 * 365),
            source: object["source"] == nil ? nil : source(object, at: path, kind: .incentive, defaultTitle: "Discount terms")
        )
        return percent == nil ? nil : rules
    }

    mutating func synonyms(_ object: [String: JSONValue], at path: String) -> [TextLanguage: [String: [String]]] {
        var out: [TextLanguage: [String: [String]]] = [:]
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            let field = Self.join(path, key)
            guard let language = TextLanguage(localeIdentifier: key) else {
                fail(field, "must be a language: en or de")
                continue
            }
            guard case .object(let map) = value else {
                fail(field, "must be an object of word → [synonyms]")
                continue
            }
            for (word, list) in map {
                let words = strings(map, word, at: field)
                if words.isEmpty, !list.isNull { fail(Self.join(field, word), "must be a non-empty array of strings") }
                out[language, default: [:]][word] = words
            }
        }
        return out
    }

    mutating func llm(_ object: [String: JSONValue], at path: String) -> ShopFacts.LLM? {
        let base = string(object, "base_url", at: path, required: true)
        if let base, URL(string: base)?.scheme.map({ ["http", "https"].contains($0) }) != true {
            fail(Self.join(path, "base_url"), "must be an http(s) URL")
        }
        let model = string(object, "model", at: path, required: true)
        let timeout = int(object, "timeout_ms", at: path, range: 100...60_000) ?? 4_000
        let key = string(object, "api_key", at: path) ?? ""
        guard let base, let model else { return nil }
        return ShopFacts.LLM(baseURL: base, apiKey: key, model: model, timeoutMilliseconds: timeout)
    }

    mutating func seller(_ object: [String: JSONValue], at path: String) -> SellerDetails? {
        let name = string(object, "name", at: path, required: true)
        let details = SellerDetails(
            name: name ?? "",
            addressLines: strings(object, "address_lines", at: path),
            vatID: string(object, "vat_id", at: path),
            email: string(object, "email", at: path)
        )
        return name == nil ? nil : details
    }

    static func isCountry(_ code: String) -> Bool { code.count == 2 && code.allSatisfy { $0.isASCII && $0.isLetter } }
}
