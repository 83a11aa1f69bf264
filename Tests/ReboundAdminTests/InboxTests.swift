import Foundation
import ReboundAdmin
import Testing

@Suite struct InboxTests {
    let html = AdminPages.inbox(Samples.inbox()).rendered

    @Test func threeColumnsWithLiveUpdates() {
        #expect(html.contains("<div class=\"inbox\" id=\"inbox\" data-ws-url=\"/admin/ws\" data-conversation-id=\"c1\">"))
        #expect(html.contains("class=\"conv-pane\""))
        #expect(html.contains("class=\"thread-pane\""))
        #expect(html.contains("class=\"side-pane\""))
        #expect(html.contains("<script nonce=\"n0nce\">"))
        #expect(html.contains("'X-CSRF-Token': csrf"))
        #expect(html.contains("new WebSocket(url)"))
        #expect(html.contains("frame.type === 'message'") && html.contains("frame.type === 'refresh'"))
    }

    @Test func conversationListHasStatusTabsChannelSLAAndBadges() {
        for status in ConversationStatus.allCases {
            #expect(html.contains("href=\"/admin/inbox?status=\(status.rawValue)\""))
        }
        #expect(html.contains("href=\"/admin/inbox?status=open\" aria-current=\"page\">Open<span class=\"n\">5</span>"))
        #expect(html.contains("<span class=\"badge warn\" title=\"Reply due 26 Nov 2025, 15:05\">30\u{00A0}s left</span>"))
        #expect(html.contains("Breached 25\u{00A0}min"))
        #expect(html.contains("20\u{00A0}min left"))
        #expect(html.contains("SLA paused"))
        #expect(html.contains("<span class=\"badge vip\">VIP</span>"))
        #expect(html.contains("<li class=\"conv unread\" data-conversation-id=\"c1\" aria-current=\"true\">"))
        #expect(html.contains("aria-label=\"SMS\""))
        #expect(html.contains("aria-label=\"Email\""))
    }

    @Test func threadStylesAuthorsAndOffersActions() {
        #expect(html.contains("<div class=\"msg shopper\" id=\"msg-m2\">"))
        #expect(html.contains("<div class=\"msg agent\" id=\"msg-m6\">"))
        #expect(html.contains("<div class=\"msg bot\" id=\"msg-m1\">"))
        #expect(html.contains("<div class=\"msg note\" id=\"msg-m4\">"))
        #expect(html.contains("Do you ship to Austria, and what are the duties?<br>I&#39;d need it by Friday."))
        #expect(html.contains("<form class=\"composer\" id=\"composer\" method=\"post\" action=\"/admin/inbox/c1/reply\">"))
        #expect(html.contains("name=\"kind\" value=\"note\""))
        #expect(
            html.contains(
                "<option value=\"k2\" data-body=\"Sale items can be returned within 30 days, like everything else. &quot;Final sale&quot; items"
            )
        )
        #expect(html.contains("name=\"status\" value=\"resolved\""))
        #expect(!html.contains("name=\"status\" value=\"open\""), "no button for the current status")
        #expect(html.contains("<option value=\"a1\" selected>Mara Jensen</option>"))
        #expect(html.contains("name=\"tags\" value=\"checkout, shipping\""))
    }

    @Test func customerSidebarShowsLiveCartAndValue() {
        #expect(html.contains("1 × Fjell 2 Tent, green"))
        #expect(html.contains("2 × Merino hiking socks</span><span>€30.00"))
        #expect(html.contains("<span>Total</span><span>€249.90</span>"))
        #expect(html.contains("/checkout/shipping"))
        #expect(html.contains("<dt>Spent (CLV)</dt><dd>€1,423.00</dd>"))
        #expect(html.contains("<dt>Messages received</dt><dd>14</dd>"))
        #expect(html.contains("<li>Cart recovery (step 1)</li>"))
        #expect(html.contains("#10482"))
    }

    @Test func messageFragmentForSocketFramesIsEscaped() {
        let message = ThreadMessage(id: "m9", author: .shopper, authorName: "<i>Eve</i>", body: "<script>x()</script>", sentAt: Samples.now - 60)
        let fragment = AdminPages.inboxMessage(message, context: Samples.context(.inbox)).rendered
        #expect(fragment.hasPrefix("<div class=\"msg shopper\" id=\"msg-m9\">"))
        #expect(fragment.contains("&lt;i&gt;Eve&lt;/i&gt;"))
        #expect(fragment.contains("&lt;script&gt;x()&lt;/script&gt;"))
        #expect(fragment.contains("1\u{00A0}min ago"))
    }

    @Test func imagesShowAndOnlyAsSafeAddresses() {
        let message = ThreadMessage(
            id: "m10",
            author: .shopper,
            authorName: "Eve",
            body: "",
            sentAt: Samples.now,
            imageURLs: ["/files/shop_1/f1?a=1&b=2", "javascript:alert(1)"]
        )
        let fragment = AdminPages.inboxMessage(message, context: Samples.context(.inbox)).rendered
        #expect(fragment.contains("<img src=\"/files/shop_1/f1?a=1&amp;b=2\" alt=\"Image\">"))
        #expect(!fragment.contains("javascript:"))
    }

    @Test func emptyInbox() {
        var model = Samples.inbox()
        model.conversations = []
        model.thread = nil
        model.customer = nil
        let html = AdminPages.inbox(model).rendered
        #expect(html.contains("No open conversations"))
        #expect(html.contains("Pick a conversation on the left."))
        #expect(html.contains("data-conversation-id=\"\""))
    }
}
