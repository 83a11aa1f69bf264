import Foundation

extension FakeShopify {
    /// A discount code in the fake.
    struct Code: Sendable {
        var id: Int64
        var priceRuleID: Int64
        var code: String
        var usageCount: Int
        var createdAt: String

        var json: FakeJSON {
            [
                "id": .int(id), "price_rule_id": .int(priceRuleID), "code": .string(code), "usage_count": .int(Int64(usageCount)),
                "created_at": .string(createdAt), "updated_at": .string(createdAt),
            ]
        }
    }

    /// An order edit in progress: the calculated order and its staged lines.
    struct EditSession: Sendable {
        var orderID: Int64
        var staged: [LineItem] = []
    }

    actor State {
        var requests: [RecordedRequest] = []
        var failures: [FakeFailure] = []
        var throttleGraphQL = false
        var baseURL = ""
        var nextID: Int64 = 1_057_856_660
        var priceRules: [Int64: FakeJSON] = [:]
        var discountCodes: [Int64: Code] = [:]
        var orders: [Int64: Order] = [:]
        var variants: [Int64: Int64] = [:]
        var sessions: [String: EditSession] = [:]

        func record(_ request: RecordedRequest) { requests.append(request) }
        func setBaseURL(_ url: String) { baseURL = url }
        func addFailure(_ failure: FakeFailure) { failures.append(failure) }
        func setThrottleGraphQL() { throttleGraphQL = true }

        func takeFailure() -> FakeResponse? {
            guard !failures.isEmpty else { return nil }
            let response = failures[0].response
            failures[0].count -= 1
            if failures[0].count <= 0 { failures.removeFirst() }
            return response
        }

        func takeThrottle() -> Bool {
            defer { throttleGraphQL = false }
            return throttleGraphQL
        }

        func newID() -> Int64 {
            nextID += 1
            return nextID
        }

        func priceRuleList() -> [FakeJSON] { priceRules.keys.sorted().compactMap { priceRules[$0] } }
        func discountCodeList() -> [FakeJSON] { discountCodes.keys.sorted().compactMap { discountCodes[$0]?.json } }

        func setUsage(code: String, count: Int) {
            for (id, entry) in discountCodes where entry.code.caseInsensitiveCompare(code) == .orderedSame {
                discountCodes[id]?.usageCount = count
            }
        }

        func addVariant(id: Int64, price: Int64) { variants[id] = price }

        func addOrder(id: Int64, currency: String, lineItems: [(variantID: Int64, quantity: Int, unitPrice: String)]) {
            var lines: [LineItem] = []
            var paid: Int64 = 0
            for line in lineItems {
                let price = FakeMoney.cents(line.unitPrice) ?? 0
                variants[line.variantID] = variants[line.variantID] ?? price
                lines.append(LineItem(id: newID(), variantID: line.variantID, quantity: line.quantity, unitPrice: price, discount: 0))
                paid += price * Int64(line.quantity)
            }
            orders[id] = Order(id: id, currency: currency, lineItems: lines, staffNotes: [], customerNotified: false, committedEdits: 0, paid: paid)
        }

        // MARK: REST storage

        func storePriceRule(_ rule: FakeJSON) -> FakeJSON {
            let id = newID()
            var members = rule.object ?? [:]
            members["id"] = .int(id)
            members["admin_graphql_api_id"] = .string("gid://shopify/PriceRule/\(id)")
            for key in [
                "entitled_product_ids", "entitled_variant_ids", "entitled_collection_ids", "entitled_country_ids", "prerequisite_customer_ids",
            ]
            where members[key] == nil {
                members[key] = []
            }
            for key in ["usage_limit", "ends_at", "prerequisite_subtotal_range", "allocation_limit"] where members[key] == nil {
                members[key] = .null
            }
            if members["once_per_customer"] == nil { members["once_per_customer"] = false }
            members["created_at"] = "2024-10-01T12:00:00-00:00"
            members["updated_at"] = "2024-10-01T12:00:00-00:00"
            priceRules[id] = .object(members)
            return .object(members)
        }

        func deletePriceRule(_ id: Int64) -> Bool {
            guard priceRules.removeValue(forKey: id) != nil else { return false }
            for (codeID, code) in discountCodes where code.priceRuleID == id { discountCodes.removeValue(forKey: codeID) }
            return true
        }

        enum CodeResult {
            case created(Code)
            case duplicate
            case noRule
        }

        func storeCode(_ text: String, priceRuleID: Int64) -> CodeResult {
            guard priceRules[priceRuleID] != nil else { return .noRule }
            if discountCodes.values.contains(where: { $0.code.caseInsensitiveCompare(text) == .orderedSame }) { return .duplicate }
            let code = Code(id: newID(), priceRuleID: priceRuleID, code: text, usageCount: 0, createdAt: "2024-10-01T12:00:00-00:00")
            discountCodes[code.id] = code
            return .created(code)
        }

        func code(named text: String) -> Code? {
            discountCodes.values.first { $0.code.caseInsensitiveCompare(text) == .orderedSame }
        }

        // MARK: Order editing

        func begin(orderID: Int64) -> String? {
            guard orders[orderID] != nil else { return nil }
            let id = "gid://shopify/CalculatedOrder/\(newID())"
            sessions[id] = EditSession(orderID: orderID)
            return id
        }

        func session(_ id: String) -> EditSession? { sessions[id] }

        func hasVariant(_ id: Int64) -> Bool { variants.isEmpty || variants[id] != nil }

        func stage(session id: String, variantID: Int64, quantity: Int) -> Int64 {
            let lineID = newID()
            sessions[id]?.staged.append(
                LineItem(id: lineID, variantID: variantID, quantity: quantity, unitPrice: variants[variantID] ?? 1000, discount: 0)
            )
            return lineID
        }

        func discount(session id: String, lineID: Int64, percent: Double?, fixed: Int64?, description: String?) -> Bool {
            guard let index = sessions[id]?.staged.firstIndex(where: { $0.id == lineID }), var line = sessions[id]?.staged[index] else {
                return false
            }
            let total = line.unitPrice * Int64(line.quantity)
            if let percent { line.discount = Int64((Double(total) * percent / 100).rounded()) }
            if let fixed { line.discount = min(total, fixed) }
            line.discountDescription = description
            sessions[id]?.staged[index] = line
            return true
        }

        /// Applies the staged lines; returns the order and what remains unpaid.
        func commit(session id: String, notifyCustomer: Bool, staffNote: String?) -> (Order, Int64)? {
            guard let session = sessions.removeValue(forKey: id), var order = orders[session.orderID] else { return nil }
            order.lineItems += session.staged
            order.committedEdits += 1
            order.customerNotified = order.customerNotified || notifyCustomer
            if let staffNote { order.staffNotes.append(staffNote) }
            orders[order.id] = order
            let total = order.lineItems.reduce(Int64(0)) { $0 + $1.unitPrice * Int64($1.quantity) - $1.discount }
            return (order, max(0, total - order.paid))
        }
    }
}
