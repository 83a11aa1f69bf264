public import Foundation

/// How likely a customer is to have lapsed (`ChurnRisk.Level`).
public enum ChurnLevel: String, Sendable, Hashable, CaseIterable {
    case low, medium, high
}

/// The customer list: a search box, one page of customers, paging links.
public struct CustomersViewModel: Sendable, Hashable {
    public var context: AdminContext
    /// The search as typed (email, name or tag).
    public var query: String
    public var rows: [CustomerRow]
    /// All customers matching the search, when known.
    public var total: Int?
    public var nextPageURL: String?
    public var previousPageURL: String?
    /// Where the search form submits.
    public var searchAction: String
    public var source: DataSource

    /// Creates the model.
    public init(
        context: AdminContext,
        query: String = "",
        rows: [CustomerRow],
        total: Int? = nil,
        nextPageURL: String? = nil,
        previousPageURL: String? = nil,
        searchAction: String = "/admin/customers",
        source: DataSource
    ) {
        self.context = context
        self.query = query
        self.rows = rows
        self.total = total
        self.nextPageURL = nextPageURL
        self.previousPageURL = previousPageURL
        self.searchAction = searchAction
        self.source = source
    }
}

/// One line of the customer list.
public struct CustomerRow: Sendable, Hashable {
    public var id: String
    /// The name, or the email when there is no name.
    public var name: String
    public var email: String?
    public var url: String
    public var isVIP: Bool
    public var orders: Int
    /// Net spend so far (historic CLV).
    public var spend: AdminMoney
    /// Expected spend over the prediction horizon (BG/NBD + Gamma-Gamma), when the model has one.
    public var predictedCLV: AdminMoney?
    /// Three digits like "545".
    public var rfmCell: String?
    public var churn: ChurnLevel?
    public var lastOrderAt: Date?
    public var tags: [String]

    /// Creates a row.
    public init(
        id: String,
        name: String,
        email: String? = nil,
        url: String,
        isVIP: Bool = false,
        orders: Int,
        spend: AdminMoney,
        predictedCLV: AdminMoney? = nil,
        rfmCell: String? = nil,
        churn: ChurnLevel? = nil,
        lastOrderAt: Date? = nil,
        tags: [String] = []
    ) {
        self.id = id
        self.name = name
        self.email = email
        self.url = url
        self.isVIP = isVIP
        self.orders = orders
        self.spend = spend
        self.predictedCLV = predictedCLV
        self.rfmCell = rfmCell
        self.churn = churn
        self.lastOrderAt = lastOrderAt
        self.tags = tags
    }
}
