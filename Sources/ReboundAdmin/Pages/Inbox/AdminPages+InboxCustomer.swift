extension AdminPages {
    static func customerPane(_ model: InboxViewModel) -> HTML {
        guard let customer = model.customer else {
            return "<aside class=\"side-pane\" aria-label=\"Customer\"><p class=\"muted\">No customer linked to this conversation.</p></aside>"
        }
        let context = model.context, format = context.format
        let contact: [HTML] = [customer.email, customer.phone].compactMap { $0 }.map { "<div class=\"muted\">\($0)</div>" }
        let profile: HTML = customer.profileURL.map { "<a href=\"\(url: $0)\">Open profile →</a>" } ?? .empty
        let orders: [HTML] = customer.orders.prefix(5).map { order in
            "<li><span>#\(order.number) · \(time(order.placedAt, context))</span><span>\(format.money(order.total))</span></li>"
        }
        let flows: [HTML] = customer.flowsEnrolled.map { "<li>\($0)</li>" }
        // Typed lets: a ternary of literals inside an interpolation would be inferred as String and escaped.
        let orderList: HTML = orders.isEmpty ? "<p class=\"muted\">No orders yet.</p>" : "<ul class=\"cart-lines\">\(orders)</ul>"
        let flowList: HTML = flows.isEmpty ? "<p class=\"muted\">None.</p>" : "<ul class=\"plain\">\(flows)</ul>"
        return """
            <aside class="side-pane" aria-label="Customer"><section><div class="person">\(customer.name) \
            \(customer.isVIP ? badge("VIP", tone: "vip") : .empty)</div>\(contact)\(profile)</section>\
            \(liveCart(customer.liveCart, context))\
            <section><h3>Value</h3><dl class="facts"><dt>Spent (CLV)</dt><dd>\(format.money(customer.historicCLV))</dd>\
            <dt>Predicted CLV</dt><dd>\(customer.predictedCLV.map(format.money) ?? AdminFormat.missing)</dd>\
            <dt>Orders</dt><dd>\(format.number(customer.orders.count))</dd><dt>Carts</dt><dd>\(format.number(customer.cartCount))</dd>\
            <dt>Messages received</dt><dd>\(format.number(customer.messagesReceived))</dd></dl></section>\
            <section><h3>Recent orders</h3>\(orderList)</section>\
            <section><h3>Flows enrolled</h3>\(flowList)</section></aside>
            """
    }

    static func liveCart(_ cart: LiveCart?, _ context: AdminContext) -> HTML {
        guard let cart else { return "<section><h3>Live cart</h3><p class=\"muted\">No open cart.</p></section>" }
        let format = context.format
        let lines: [HTML] = cart.lines.map { line in
            let lineTotal = AdminMoney(minorUnits: line.price.minorUnits * Int64(line.quantity), currency: line.price.currency)
            return "<li><span>\(line.quantity) × \(line.title)</span><span>\(format.money(lineTotal))</span></li>"
        }
        let tone = cart.state == "abandoned" ? "warn" : cart.state == "active" ? "good" : ""
        let page: HTML = cart.currentPage.map { "<div class=\"muted\"><small>Now on <code>\($0)</code></small></div>" } ?? .empty
        return """
            <section><h3>Live cart \(badge(cart.state, tone: tone))</h3><div class="muted"><small>updated \(time(cart.updatedAt, context))</small></div>\(page)\
            <ul class="cart-lines">\(lines)</ul><div class="cart-total"><span>Total</span><span>\(format.money(cart.total))</span></div></section>
            """
    }
}
