public import Foundation

/// Where a conversation stands.
public enum ConversationStatus: String, Sendable, Hashable, CaseIterable {
    case open, pending, snoozed, resolved

    /// The tab and button label.
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// The agent console: conversation list, the selected thread, and the customer beside it.
public struct InboxViewModel: Sendable, Hashable {
    public var context: AdminContext
    /// The status tab shown.
    public var filter: ConversationStatus
    /// Conversations per status, for the tab counts.
    public var counts: [ConversationStatus: Int]
    public var conversations: [ConversationListItem]
    /// The open conversation; nil shows a placeholder.
    public var thread: ConversationThread?
    /// The customer of the open conversation.
    public var customer: InboxCustomer?
    public var agents: [AgentOption]
    public var macros: [MacroOption]
    /// The live-update WebSocket (`/admin/ws`); relative paths are resolved against the page's host (ws/wss).
    public var webSocketURL: String
    /// The inbox's own path, for tab links (`?status=`).
    public var inboxURL: String
    /// Who the list shows: `all`, `mine`, `unassigned`, or a team's id.
    public var scope: String = "all"
    /// The search text (`?q=`).
    public var search: String = ""
    /// The shop's teams, for the scope filter and the assign form.
    public var teams: [AgentOption] = []
    /// The signed-in agent's presence (`online`, `away`, `offline`) and where the toggle posts.
    public var presence: String?
    public var presenceURL: String?
    /// Links to the macros and routing pages (shown to admins).
    public var showSettingsLinks = false

    /// Creates the model.
    public init(
        context: AdminContext,
        filter: ConversationStatus = .open,
        counts: [ConversationStatus: Int] = [:],
        conversations: [ConversationListItem],
        thread: ConversationThread? = nil,
        customer: InboxCustomer? = nil,
        agents: [AgentOption] = [],
        macros: [MacroOption] = [],
        webSocketURL: String = "/admin/ws",
        inboxURL: String = "/admin/inbox"
    ) {
        self.context = context
        self.filter = filter
        self.counts = counts
        self.conversations = conversations
        self.thread = thread
        self.customer = customer
        self.agents = agents
        self.macros = macros
        self.webSocketURL = webSocketURL
        self.inboxURL = inboxURL
    }
}

/// The service-level clock of a conversation.
public struct SLATimer: Sendable, Hashable {
    /// When the next reply is due.
    public var dueAt: Date
    /// True while the clock stands still (pending on the customer, snoozed, outside business hours).
    public var paused: Bool

    /// Creates a timer.
    public init(dueAt: Date, paused: Bool = false) {
        self.dueAt = dueAt
        self.paused = paused
    }
}

/// One row of the conversation list.
public struct ConversationListItem: Sendable, Hashable {
    public var id: String
    public var customerName: String
    /// The latest message, shortened.
    public var preview: String
    /// `chat`, `email`, `sms`, `social`.
    public var channel: String
    public var status: ConversationStatus
    public var lastMessageAt: Date
    public var sla: SLATimer?
    public var isVIP: Bool
    public var unreadCount: Int
    public var assigneeName: String?
    /// What the customer asked about ("checkout", "shipping"), shown as a tag.
    public var topic: String?
    public var url: String

    /// Creates a list item.
    public init(
        id: String,
        customerName: String,
        preview: String,
        channel: String,
        status: ConversationStatus,
        lastMessageAt: Date,
        sla: SLATimer? = nil,
        isVIP: Bool = false,
        unreadCount: Int = 0,
        assigneeName: String? = nil,
        topic: String? = nil,
        url: String
    ) {
        self.id = id
        self.customerName = customerName
        self.preview = preview
        self.channel = channel
        self.status = status
        self.lastMessageAt = lastMessageAt
        self.sla = sla
        self.isVIP = isVIP
        self.unreadCount = unreadCount
        self.assigneeName = assigneeName
        self.topic = topic
        self.url = url
    }
}

/// The open conversation and where its forms post.
public struct ConversationThread: Sendable, Hashable {
    public var id: String
    public var subject: String?
    public var channel: String
    public var status: ConversationStatus
    public var sla: SLATimer?
    public var assigneeID: String?
    public var tags: [String]
    public var messages: [ThreadMessage]
    /// Where the composer posts (`body`, `kind` = `reply`/`note`, `_csrf`); also used by fetch with `X-CSRF-Token`.
    public var replyURL: String
    /// Where status buttons post (`status`).
    public var statusURL: String
    /// Where the assign form posts (`assignee`).
    public var assignURL: String
    /// Where the tags form posts (`tags`, comma-separated).
    public var tagsURL: String
    /// The team whose queue it is in.
    public var teamID: String?
    /// Every service-level deadline still open (first response, next response, resolution).
    public var deadlines: [SLADeadline] = []
    /// When a snoozed conversation opens again.
    public var snoozedUntil: Date?

    /// Creates a thread.
    public init(
        id: String,
        subject: String? = nil,
        channel: String,
        status: ConversationStatus,
        sla: SLATimer? = nil,
        assigneeID: String? = nil,
        tags: [String] = [],
        messages: [ThreadMessage],
        replyURL: String,
        statusURL: String,
        assignURL: String,
        tagsURL: String
    ) {
        self.id = id
        self.subject = subject
        self.channel = channel
        self.status = status
        self.sla = sla
        self.assigneeID = assigneeID
        self.tags = tags
        self.messages = messages
        self.replyURL = replyURL
        self.statusURL = statusURL
        self.assignURL = assignURL
        self.tagsURL = tagsURL
    }
}

/// One message in a thread.
public struct ThreadMessage: Sendable, Hashable {
    /// Who wrote it; decides the bubble's side and colour.
    public enum Author: String, Sendable, Hashable {
        case shopper, agent, bot, note
    }

    public var id: String
    public var author: Author
    public var authorName: String
    /// Plain text; line breaks are kept, nothing in it is markup.
    public var body: String
    public var sentAt: Date
    /// Delivery state of outgoing messages (`sent`, `delivered`, `read`, `failed`).
    public var delivery: String?
    /// Addresses of the images the message carries (`/files/{shop}/{id}` on this server).
    public var imageURLs: [String]

    /// Creates a message.
    public init(
        id: String,
        author: Author,
        authorName: String,
        body: String,
        sentAt: Date,
        delivery: String? = nil,
        imageURLs: [String] = []
    ) {
        self.id = id
        self.author = author
        self.authorName = authorName
        self.body = body
        self.sentAt = sentAt
        self.delivery = delivery
        self.imageURLs = imageURLs
    }
}

/// An agent the conversation can be assigned to.
public struct AgentOption: Sendable, Hashable {
    public var id: String
    public var name: String

    /// Creates an option.
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// A saved reply.
public struct MacroOption: Sendable, Hashable {
    public var id: String
    public var title: String
    /// The text put into the composer.
    public var body: String

    /// Creates a macro.
    public init(id: String, title: String, body: String) {
        self.id = id
        self.title = title
        self.body = body
    }
}

/// The customer beside the thread.
public struct InboxCustomer: Sendable, Hashable {
    public var name: String
    public var email: String?
    public var phone: String?
    public var isVIP: Bool
    public var liveCart: LiveCart?
    public var cartCount: Int
    public var orders: [OrderRow]
    public var historicCLV: AdminMoney
    public var predictedCLV: AdminMoney?
    public var messagesReceived: Int
    public var flowsEnrolled: [String]
    public var profileURL: String?

    /// Creates the sidebar model.
    public init(
        name: String,
        email: String? = nil,
        phone: String? = nil,
        isVIP: Bool = false,
        liveCart: LiveCart? = nil,
        cartCount: Int = 0,
        orders: [OrderRow] = [],
        historicCLV: AdminMoney,
        predictedCLV: AdminMoney? = nil,
        messagesReceived: Int = 0,
        flowsEnrolled: [String] = [],
        profileURL: String? = nil
    ) {
        self.name = name
        self.email = email
        self.phone = phone
        self.isVIP = isVIP
        self.liveCart = liveCart
        self.cartCount = cartCount
        self.orders = orders
        self.historicCLV = historicCLV
        self.predictedCLV = predictedCLV
        self.messagesReceived = messagesReceived
        self.flowsEnrolled = flowsEnrolled
        self.profileURL = profileURL
    }
}

/// The shopper's cart right now.
public struct LiveCart: Sendable, Hashable {
    /// One product line.
    public struct Line: Sendable, Hashable {
        public var title: String
        public var quantity: Int
        /// Unit price.
        public var price: AdminMoney

        /// Creates a line.
        public init(title: String, quantity: Int, price: AdminMoney) {
            self.title = title
            self.quantity = quantity
            self.price = price
        }
    }

    public var lines: [Line]
    public var total: AdminMoney
    /// `active`, `abandoned`, …
    public var state: String
    public var updatedAt: Date
    /// The page the shopper is on, if the widget reports it ("/checkout").
    public var currentPage: String?

    /// Creates a cart.
    public init(lines: [Line], total: AdminMoney, state: String, updatedAt: Date, currentPage: String? = nil) {
        self.lines = lines
        self.total = total
        self.state = state
        self.updatedAt = updatedAt
        self.currentPage = currentPage
    }
}

/// One named service-level deadline of a conversation.
public struct SLADeadline: Sendable, Hashable {
    /// "First response", "Next response", "Resolution".
    public var label: String
    public var timer: SLATimer

    /// Creates a deadline.
    public init(label: String, timer: SLATimer) {
        self.label = label
        self.timer = timer
    }
}
