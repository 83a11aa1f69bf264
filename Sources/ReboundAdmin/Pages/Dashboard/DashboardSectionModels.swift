/// One step of a recovery flow and what it achieved.
public struct FlowStepRow: Sendable, Hashable {
    public var flowName: String
    /// 1-based position in the flow.
    public var step: Int
    /// What the step is: "Email · 1 h after abandonment".
    public var stepLabel: String
    /// `email`, `sms`, `onsite`, …; open and click references apply to email only.
    public var channel: String
    public var sent: Int
    public var opened: Int
    public var clicked: Int
    /// Carts recovered with this step as the last touch.
    public var recovered: Int
    /// Revenue of those carts, minor units.
    public var revenue: Int64

    /// Creates a row.
    public init(
        flowName: String,
        step: Int,
        stepLabel: String,
        channel: String,
        sent: Int,
        opened: Int,
        clicked: Int,
        recovered: Int,
        revenue: Int64
    ) {
        self.flowName = flowName
        self.step = step
        self.stepLabel = stepLabel
        self.channel = channel
        self.sent = sent
        self.opened = opened
        self.clicked = clicked
        self.recovered = recovered
        self.revenue = revenue
    }
}

/// Per-step results of the recovery flows.
public struct FlowStepReport: Sendable, Hashable {
    public var rows: [FlowStepRow]
    public var openReference: RateReference
    public var clickReference: RateReference
    public var source: DataSource

    /// Creates the report.
    public init(
        rows: [FlowStepRow],
        openReference: RateReference = .emailOpenRate,
        clickReference: RateReference = .emailClickRate,
        source: DataSource
    ) {
        self.rows = rows
        self.openReference = openReference
        self.clickReference = clickReference
        self.source = source
    }
}

/// How many cart visitors chatted, and how chatting changed conversion.
public struct ChatEngagementFigures: Sendable, Hashable {
    /// Visitors who chatted out of visitors with a cart.
    public var engagement: Proportion
    /// Orders out of cart visitors who chatted.
    public var conversionWithChat: Proportion
    /// Orders out of cart visitors who did not chat (the baseline).
    public var conversionWithoutChat: Proportion
    public var reference: RateReference
    public var source: DataSource

    /// Creates the figures.
    public init(
        engagement: Proportion,
        conversionWithChat: Proportion,
        conversionWithoutChat: Proportion,
        reference: RateReference = .chatEngagement,
        source: DataSource
    ) {
        self.engagement = engagement
        self.conversionWithChat = conversionWithChat
        self.conversionWithoutChat = conversionWithoutChat
        self.reference = reference
        self.source = source
    }
}

/// Response and resolution times of one channel against its targets.
public struct ChannelServiceRow: Sendable, Hashable {
    /// `chat`, `email`, `sms`, `social`.
    public var channel: String
    public var conversations: Int
    /// Median first response, seconds; nil without responses.
    public var firstResponseMedian: Double?
    public var firstResponseP90: Double?
    /// chat 120 s, email 7,200 s, social 3,600 s.
    public var firstResponseTarget: Double
    /// Median time to resolution, seconds.
    public var resolutionMedian: Double?
    /// 86,400 s (simple) by default; 259,200 s for complex cases.
    public var resolutionTarget: Double
    /// Conversations answered within the target.
    public var slaMet: Proportion

    /// Creates a row.
    public init(
        channel: String,
        conversations: Int,
        firstResponseMedian: Double?,
        firstResponseP90: Double? = nil,
        firstResponseTarget: Double,
        resolutionMedian: Double?,
        resolutionTarget: Double = 86_400,
        slaMet: Proportion
    ) {
        self.channel = channel
        self.conversations = conversations
        self.firstResponseMedian = firstResponseMedian
        self.firstResponseP90 = firstResponseP90
        self.firstResponseTarget = firstResponseTarget
        self.resolutionMedian = resolutionMedian
        self.resolutionTarget = resolutionTarget
        self.slaMet = slaMet
    }

    /// The reference first-response target of a channel in seconds: chat 2 min, email 2 h, social 1 h, else 1 h.
    public static func defaultFirstResponseTarget(channel: String) -> Double {
        switch channel.lowercased() {
        case "chat": 120
        case "email": 7200
        default: 3600
        }
    }
}

/// Support service levels.
public struct SupportReport: Sendable, Hashable {
    public var channels: [ChannelServiceRow]
    /// All conversations answered within their channel's target.
    public var slaCompliance: Proportion
    /// The compliance goal, e.g. 0.9.
    public var slaTarget: Double
    /// Questions the bot resolved without an agent, out of all questions.
    public var deflection: Proportion
    public var deflectionReference: RateReference
    public var source: DataSource

    /// Creates the report.
    public init(
        channels: [ChannelServiceRow],
        slaCompliance: Proportion,
        slaTarget: Double = 0.9,
        deflection: Proportion,
        deflectionReference: RateReference = .deflectionRate,
        source: DataSource
    ) {
        self.channels = channels
        self.slaCompliance = slaCompliance
        self.slaTarget = slaTarget
        self.deflection = deflection
        self.deflectionReference = deflectionReference
        self.source = source
    }
}

/// CSAT and NPS over the period (one value per day, nil on days without answers).
public struct SatisfactionReport: Sendable, Hashable {
    /// Average CSAT 1–5 per day.
    public var csatDaily: [Double?]
    public var csatPreviousDaily: [Double?]?
    public var csat: Double?
    public var csatResponses: Int
    public var csatTarget: Double
    /// NPS −100…100 per day (or per week, aligned with `days`).
    public var npsDaily: [Double?]
    public var npsPreviousDaily: [Double?]?
    public var nps: Double?
    public var npsResponses: Int
    public var npsTarget: Double
    public var source: DataSource

    /// Creates the report.
    public init(
        csatDaily: [Double?],
        csatPreviousDaily: [Double?]? = nil,
        csat: Double?,
        csatResponses: Int,
        csatTarget: Double = 4.5,
        npsDaily: [Double?],
        npsPreviousDaily: [Double?]? = nil,
        nps: Double?,
        npsResponses: Int,
        npsTarget: Double = 50,
        source: DataSource
    ) {
        self.csatDaily = csatDaily
        self.csatPreviousDaily = csatPreviousDaily
        self.csat = csat
        self.csatResponses = csatResponses
        self.csatTarget = csatTarget
        self.npsDaily = npsDaily
        self.npsPreviousDaily = npsPreviousDaily
        self.nps = nps
        self.npsResponses = npsResponses
        self.npsTarget = npsTarget
        self.source = source
    }
}

/// Ticket counts of one category, one per day of `DashboardViewModel.days`.
public struct TicketCategorySeries: Sendable, Hashable {
    public var name: String
    public var daily: [Int]

    /// Creates a series.
    public init(name: String, daily: [Int]) {
        self.name = name
        self.daily = daily
    }
}

/// Tickets per day by category.
public struct TicketVolumeReport: Sendable, Hashable {
    public var categories: [TicketCategorySeries]
    public var source: DataSource

    /// Creates the report.
    public init(categories: [TicketCategorySeries], source: DataSource) {
        self.categories = categories
        self.source = source
    }
}

/// Revenue from one upsell placement (product page bundle, cart add-on, thank-you offer, free-shipping gap).
public struct UpsellPlacementRow: Sendable, Hashable {
    public var placement: String
    public var shown: Int
    public var accepted: Int
    /// Added revenue, minor units.
    public var revenue: Int64

    /// Creates a row.
    public init(placement: String, shown: Int, accepted: Int, revenue: Int64) {
        self.placement = placement
        self.shown = shown
        self.accepted = accepted
        self.revenue = revenue
    }
}

/// Upsell revenue by placement.
public struct UpsellReport: Sendable, Hashable {
    public var placements: [UpsellPlacementRow]
    public var source: DataSource

    /// Creates the report.
    public init(placements: [UpsellPlacementRow], source: DataSource) {
        self.placements = placements
        self.source = source
    }
}
