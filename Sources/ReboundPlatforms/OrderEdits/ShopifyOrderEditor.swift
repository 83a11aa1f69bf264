public import AsyncHTTPClient
import Foundation

/// Adds a variant to a placed order with Shopify's order editing mutations, in the documented three steps
/// (https://shopify.dev/docs/apps/build/orders-fulfillment/order-management-apps/edit-orders):
/// `orderEditBegin(id:)` returns a `CalculatedOrder`; `orderEditAddVariant(id:variantId:quantity:)` stages the line;
/// `orderEditAddLineItemDiscount(id:lineItemId:discount:)` optionally discounts it (only lines added in the same edit
/// may be discounted); `orderEditCommit(id:notifyCustomer:staffNote:)` saves it. Each payload's `userErrors` is
/// checked (https://shopify.dev/docs/api/admin-graphql/2024-10/mutations/orderEditCommit and siblings).
///
/// Shopify does not charge the customer for the addition: the order gets an outstanding balance, which Shopify
/// invoices when `notifyCustomer` is true. Needs the `write_order_edits` scope.
public struct ShopifyOrderEditor: OrderEditPlatform {
    public typealias Configuration = ShopifyConfiguration

    public let configuration: Configuration
    let graphQL: ShopifyGraphQL

    public init(configuration: Configuration, httpClient: HTTPClient = .shared, retry: RetryPolicy = .none) {
        self.configuration = configuration
        self.graphQL = ShopifyGraphQL(
            configuration: configuration,
            http: PlatformHTTP(client: httpClient, timeout: configuration.timeout, retry: retry, service: "Shopify")
        )
    }

    public func addToOrder(_ addition: OrderAddition) async throws -> OrderEditResult {
        try configuration.validate()
        try addition.validate()
        guard let variant = addition.variantID else { throw PlatformError(.invalidRequest, "Shopify needs a variant id") }
        let orderID = try ShopifyGraphQL.gid("Order", addition.orderID)
        let variantID = try ShopifyGraphQL.gid("ProductVariant", variant)

        let begun = try await graphQL.execute(Self.begin, variables: ["id": orderID], as: BeginData.self).orderEditBegin
        try ShopifyGraphQL.check(begun?.userErrors, in: "orderEditBegin")
        guard let calculatedOrderID = begun?.calculatedOrder?.id else {
            throw PlatformError(.protocolError, "Shopify orderEditBegin returned no calculatedOrder")
        }

        let added = try await graphQL.execute(
            Self.addVariant,
            variables: AddVariantVariables(id: calculatedOrderID, variantId: variantID, quantity: addition.quantity),
            as: AddVariantData.self
        ).orderEditAddVariant
        try ShopifyGraphQL.check(added?.userErrors, in: "orderEditAddVariant")
        let lineItemID = added?.calculatedLineItem?.id

        if let discount = addition.discount {
            guard let lineItemID else { throw PlatformError(.protocolError, "Shopify orderEditAddVariant returned no calculatedLineItem") }
            let input: AppliedDiscountInput =
                switch discount {
                case .percent(let percent): AppliedDiscountInput(description: addition.discountDescription, percentValue: Double(percent))
                case .fixedAmount(let amount):
                    AppliedDiscountInput(
                        description: addition.discountDescription,
                        fixedValue: .init(
                            amount: DecimalAmount.format(minorUnits: amount, currency: addition.currency),
                            currencyCode: addition.currency.uppercased()
                        )
                    )
                }
            let discounted = try await graphQL.execute(
                Self.addDiscount,
                variables: AddDiscountVariables(id: calculatedOrderID, lineItemId: lineItemID, discount: input),
                as: AddDiscountData.self
            ).orderEditAddLineItemDiscount
            try ShopifyGraphQL.check(discounted?.userErrors, in: "orderEditAddLineItemDiscount")
        }

        let committed = try await graphQL.execute(
            Self.commit,
            variables: CommitVariables(id: calculatedOrderID, notifyCustomer: addition.notifyCustomer, staffNote: addition.staffNote),
            as: CommitData.self
        ).orderEditCommit
        try ShopifyGraphQL.check(committed?.userErrors, in: "orderEditCommit")
        let outstanding = committed?.order?.totalOutstandingSet?.shopMoney.amount
        let owed = outstanding.flatMap { DecimalAmount.minorUnits($0, digits: DecimalAmount.minorUnitDigits(addition.currency)) } ?? 1
        return OrderEditResult(
            orderID: committed?.order?.id ?? orderID,
            lineItemID: lineItemID,
            amountOutstanding: outstanding,
            paymentPending: owed > 0
        )
    }

    // The operations, as in the mutation references' examples.

    static let begin = """
        mutation orderEditBegin($id: ID!) {
          orderEditBegin(id: $id) {
            calculatedOrder { id }
            userErrors { field message }
          }
        }
        """

    static let addVariant = """
        mutation orderEditAddVariant($id: ID!, $variantId: ID!, $quantity: Int!) {
          orderEditAddVariant(id: $id, variantId: $variantId, quantity: $quantity, allowDuplicates: true) {
            calculatedLineItem { id }
            calculatedOrder { id }
            userErrors { field message }
          }
        }
        """

    static let addDiscount = """
        mutation orderEditAddLineItemDiscount($id: ID!, $lineItemId: ID!, $discount: OrderEditAppliedDiscountInput!) {
          orderEditAddLineItemDiscount(id: $id, lineItemId: $lineItemId, discount: $discount) {
            addedDiscountStagedChange { id }
            calculatedOrder { id }
            userErrors { field message }
          }
        }
        """

    static let commit = """
        mutation orderEditCommit($id: ID!, $notifyCustomer: Boolean, $staffNote: String) {
          orderEditCommit(id: $id, notifyCustomer: $notifyCustomer, staffNote: $staffNote) {
            order { id totalOutstandingSet { shopMoney { amount currencyCode } } }
            userErrors { field message }
          }
        }
        """
}

// Variables and payloads of the four mutations.

struct NodeID: Decodable { var id: String }

struct BeginData: Decodable {
    struct Payload: Decodable {
        var calculatedOrder: NodeID?
        var userErrors: [ShopifyGraphQL.UserErrorDTO]?
    }
    var orderEditBegin: Payload?
}

struct AddVariantVariables: Encodable {
    var id: String
    var variantId: String
    var quantity: Int
}

struct AddVariantData: Decodable {
    struct Payload: Decodable {
        var calculatedLineItem: NodeID?
        var calculatedOrder: NodeID?
        var userErrors: [ShopifyGraphQL.UserErrorDTO]?
    }
    var orderEditAddVariant: Payload?
}

/// `OrderEditAppliedDiscountInput`: `description` plus either `percentValue` (Float) or `fixedValue` (MoneyInput).
struct AppliedDiscountInput: Encodable {
    struct MoneyInput: Encodable {
        var amount: String
        var currencyCode: String
    }
    var description: String
    var percentValue: Double?
    var fixedValue: MoneyInput?
}

struct AddDiscountVariables: Encodable {
    var id: String
    var lineItemId: String
    var discount: AppliedDiscountInput
}

struct AddDiscountData: Decodable {
    struct Payload: Decodable {
        var addedDiscountStagedChange: NodeID?
        var userErrors: [ShopifyGraphQL.UserErrorDTO]?
    }
    var orderEditAddLineItemDiscount: Payload?
}

struct CommitVariables: Encodable {
    var id: String
    var notifyCustomer: Bool
    var staffNote: String?
}

struct CommitData: Decodable {
    struct MoneyBag: Decodable {
        struct MoneyV2: Decodable {
            var amount: String
            var currencyCode: String?
        }
        var shopMoney: MoneyV2
    }
    struct Order: Decodable {
        var id: String
        var totalOutstandingSet: MoneyBag?
    }
    struct Payload: Decodable {
        var order: Order?
        var userErrors: [ShopifyGraphQL.UserErrorDTO]?
    }
    var orderEditCommit: Payload?
}
