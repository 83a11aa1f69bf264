public import Foundation

/// One customer with value, risk and everything Rebound did with them.
public struct CustomerDetailViewModel: Sendable, Hashable {
    public var context: AdminContext
    public var profile: CustomerProfile
    public var value: CustomerValueFigures
    public var orders: [OrderRow]
    public var carts: [CartRow]
    public var messages: [MessageRow]
    public var flows: [FlowEnrollmentRow]
    public var timeline: [TimelineEntry]
    /// Conversations with this customer in the inbox.
    public var conversationsURL: String?
    public var source: DataSource

    /// Creates the model.
    public init(
        context: AdminContext,
        profile: CustomerProfile,
        value: CustomerValueFigures,
        orders: [OrderRow] = [],
        carts: [CartRow] = [],
        messages: [MessageRow] = [],
        flows: [FlowEnrollmentRow] = [],
        timeline: [TimelineEntry] = [],
        conversationsURL: String? = nil,
        source: DataSource
    ) {
        self.context = context
        self.profile = profile
        self.value = value
        self.orders = orders
        self.carts = carts
        self.messages = messages
        self.flows = flows
        self.timeline = timeline
        self.conversationsURL = conversationsURL
        self.source = source
    }
}

/// Who the customer is.
public struct CustomerProfile: Sendable, Hashable {
    public var id: String
    public var name: String
    public var email: String?
    public var phone: String?
    public var country: String?
    public var locale: String?
    public var tags: [String]
    public var isVIP: Bool
    /// The loyalty tier, when the shop uses tiers ("Gold").
    public var tier: String?
    public var emailConsent: Bool?
    public var smsConsent: Bool?
    public var createdAt: Date

    /// Creates a profile.
    public init(
        id: String,
        name: String,
        email: String? = nil,
        phone: String? = nil,
        country: String? = nil,
        locale: String? = nil,
        tags: [String] = [],
        isVIP: Bool = false,
        tier: String? = nil,
        emailConsent: Bool? = nil,
        smsConsent: Bool? = nil,
        createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.email = email
        self.phone = phone
        self.country = country
        self.locale = locale
        self.tags = tags
        self.isVIP = isVIP
        self.tier = tier
        self.emailConsent = emailConsent
        self.smsConsent = smsConsent
        self.createdAt = createdAt
    }
}

/// Lifetime value, RFM and churn risk.
public struct CustomerValueFigures: Sendable, Hashable {
    /// Net spend so far.
    public var historicCLV: AdminMoney
    /// Expected spend over `predictionHorizon`.
    public var predictedCLV: AdminMoney?
    /// "12 months".
    public var predictionHorizon: String
    /// Expected orders over the horizon.
    public var expectedOrders: Double?
    /// Probability the customer is still active (BG/NBD).
    public var probabilityAlive: Double?
    /// Scores 1–5.
    public var rfm: RFMCell?
    public var churn: ChurnFigures?

    /// Creates the figures.
    public init(
        historicCLV: AdminMoney,
        predictedCLV: AdminMoney? = nil,
        predictionHorizon: String = "12 months",
        expectedOrders: Double? = nil,
        probabilityAlive: Double? = nil,
        rfm: RFMCell? = nil,
        churn: ChurnFigures? = nil
    ) {
        self.historicCLV = historicCLV
        self.predictedCLV = predictedCLV
        self.predictionHorizon = predictionHorizon
        self.expectedOrders = expectedOrders
        self.probabilityAlive = probabilityAlive
        self.rfm = rfm
        self.churn = churn
    }
}

/// An RFM score.
public struct RFMCell: Sendable, Hashable {
    public var recency: Int
    public var frequency: Int
    public var monetary: Int
    /// A name for the cell, if the shop uses one ("Champions", "At risk").
    public var label: String?

    /// Creates a cell.
    public init(recency: Int, frequency: Int, monetary: Int, label: String? = nil) {
        self.recency = recency
        self.frequency = frequency
        self.monetary = monetary
        self.label = label
    }

    /// "545".
    public var cell: String { "\(recency)\(frequency)\(monetary)" }
}

/// Churn risk (`ChurnRisk`).
public struct ChurnFigures: Sendable, Hashable {
    /// 0…1.
    public var score: Double
    public var level: ChurnLevel
    public var daysSinceLastOrder: Double
    public var expectedGapDays: Double
    /// Where the expected gap came from, in words ("own rhythm", "shop median", "default 90 days").
    public var basis: String

    /// Creates the figures.
    public init(score: Double, level: ChurnLevel, daysSinceLastOrder: Double, expectedGapDays: Double, basis: String) {
        self.score = score
        self.level = level
        self.daysSinceLastOrder = daysSinceLastOrder
        self.expectedGapDays = expectedGapDays
        self.basis = basis
    }
}

/// An order.
public struct OrderRow: Sendable, Hashable {
    public var number: String
    public var placedAt: Date
    public var total: AdminMoney
    public var items: Int
    /// `paid`, `fulfilled`, `refunded`, …
    public var status: String
    /// Set when a recovery flow or message is credited with the order.
    public var attributedTo: String?
    public var url: String?

    /// Creates a row.
    public init(number: String, placedAt: Date, total: AdminMoney, items: Int, status: String, attributedTo: String? = nil, url: String? = nil) {
        self.number = number
        self.placedAt = placedAt
        self.total = total
        self.items = items
        self.status = status
        self.attributedTo = attributedTo
        self.url = url
    }
}

/// A cart.
public struct CartRow: Sendable, Hashable {
    public var id: String
    /// `active`, `abandoned`, `recovered`, `converted`, `expired`.
    public var state: String
    public var value: AdminMoney
    public var items: Int
    public var updatedAt: Date
    public var url: String?

    /// Creates a row.
    public init(id: String, state: String, value: AdminMoney, items: Int, updatedAt: Date, url: String? = nil) {
        self.id = id
        self.state = state
        self.value = value
        self.items = items
        self.updatedAt = updatedAt
        self.url = url
    }
}

/// A message Rebound sent.
public struct MessageRow: Sendable, Hashable {
    public var channel: String
    /// Subject (email) or the start of the text (SMS).
    public var subject: String
    public var sentAt: Date
    /// `delivered`, `opened`, `clicked`, `bounced`, `failed`.
    public var status: String
    public var flowName: String?

    /// Creates a row.
    public init(channel: String, subject: String, sentAt: Date, status: String, flowName: String? = nil) {
        self.channel = channel
        self.subject = subject
        self.sentAt = sentAt
        self.status = status
        self.flowName = flowName
    }
}

/// A flow the customer is (or was) in.
public struct FlowEnrollmentRow: Sendable, Hashable {
    public var flowName: String
    /// "Step 2 of 3 · SMS".
    public var step: String
    /// `active`, `completed`, `exited`, `converted`.
    public var status: String
    public var nextStepAt: Date?
    public var url: String?

    /// Creates a row.
    public init(flowName: String, step: String, status: String, nextStepAt: Date? = nil, url: String? = nil) {
        self.flowName = flowName
        self.step = step
        self.status = status
        self.nextStepAt = nextStepAt
        self.url = url
    }
}

/// One event in the customer's history.
public struct TimelineEntry: Sendable, Hashable {
    public var at: Date
    /// A short kind shown as a label: `order`, `cart`, `email`, `chat`, …
    public var kind: String
    public var text: String
    public var url: String?

    /// Creates an entry.
    public init(at: Date, kind: String, text: String, url: String? = nil) {
        self.at = at
        self.kind = kind
        self.text = text
        self.url = url
    }
}
