import Foundation
import ReboundAdmin
import Testing

@Suite struct PageTests {
    @Test(arguments: PreviewTests.pages.map(\.0))
    func everyPageIsACompleteDocumentWithCSRF(name: String) throws {
        let html = try #require(PreviewTests.pages.first { $0.0 == name }?.1).rendered
        #expect(html.hasPrefix("<!doctype html>\n<html lang="))
        #expect(html.hasSuffix("</html>\n"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<style"))
        #expect(!html.contains("<link rel=\"stylesheet\""), "no external CSS")
        #expect(!html.contains("<script src"), "no external scripts")
        // A strict Content-Security-Policy (nonce for <style>/<script>) blocks style attributes and inline handlers.
        #expect(!html.contains(" style=\""), "\(name) has a style attribute")
        #expect(!html.contains(" onclick=") && !html.contains(" onchange="), "\(name) has an inline handler")
        if name != "link-expired" {
            #expect(html.contains("<meta name=\"csrf-token\" content=\"csrf-TOKEN-123\">"), "\(name) lacks the CSRF meta tag")
        }
        for form in Markup.postForms(html) {
            #expect(
                form.contains("<input type=\"hidden\" name=\"_csrf\" value=\"csrf-TOKEN-123\">"),
                "POST form without _csrf in \(name): \(form.prefix(120))"
            )
        }
    }

    @Test func shellHasNavigationAgentLogoutAndPeriodForm() throws {
        let html = AdminPages.dashboard(Samples.dashboard()).rendered
        for section in AdminSection.allCases {
            #expect(html.contains(">\(section.title)</span>"), "nav lacks \(section.title)")
        }
        #expect(html.contains("<a href=\"/admin\" aria-current=\"page\">"))
        #expect(html.contains("href=\"/admin/inbox\""))
        #expect(html.contains("Nordlicht Outdoor"))
        #expect(html.contains("Mara Jensen"))
        #expect(html.contains("<form method=\"post\" action=\"/admin/logout\" class=\"logout\">"))
        #expect(html.contains("<form class=\"period\" method=\"get\" action=\"/admin/\""))
        #expect(html.contains("name=\"from\" value=\"2025-10-28\""))
        #expect(html.contains("name=\"to\" value=\"2025-11-26\""))
        for days in [7, 30, 90] { #expect(html.contains("name=\"days\" value=\"\(days)\"")) }
        #expect(html.contains("value=\"30\" class=\"pill\" aria-pressed=\"true\""))
        #expect(html.contains("name=\"compare\" value=\"1\" checked"))
        #expect(html.contains("<style nonce=\"n0nce\">"))
        #expect(html.contains("<span class=\"badge count\" title=\"Open conversations\">7</span>"))
    }

    @Test func dashboardShowsEverySectionWithSourceAndCSV() {
        let model = Samples.dashboard()
        let html = AdminPages.dashboard(model).rendered
        for label in ["Abandoned carts", "Abandonment rate", "Recovered carts", "Recovery rate", "Recovered revenue", "Revenue per recipient"] {
            #expect(html.contains("<div class=\"label\">\(label)</div>"))
        }
        for path in ["summary", "abandonment", "funnel", "flow-steps", "chat", "support", "satisfaction", "tickets", "upsell"] {
            #expect(html.contains("<code>GET /v1/metrics/\(path)</code>"), "section from \(path) does not name its source")
        }
        #expect(html.contains("href=\"/v1/metrics/flow-steps?from=2025-10-28&amp;to=2025-11-26&amp;format=csv&amp;table=flow-steps\""))
        #expect(html.contains("email reference 40–50 %"))
        #expect(html.contains("email reference 20–25 %"))
        #expect(html.contains("respectable 10–15 %, top 20 %+"))
        #expect(html.contains("id=\"chart-funnel\""))
        #expect(html.contains("id=\"gauge-recovery-rate\""))
        #expect(html.contains("id=\"gauge-chat-engagement\""))
        #expect(html.contains("id=\"gauge-sla\""))
        #expect(html.contains("id=\"gauge-deflection\""))
        #expect(html.contains("id=\"chart-csat\"") && html.contains("id=\"chart-nps\""))
        #expect(html.contains("id=\"chart-tickets\""))
        #expect(html.contains("id=\"chart-upsell-revenue\""))
        #expect(html.contains("Chatted"))
        // −4.3 % fewer abandoned carts is good news; the rate's −2.4 pp too.
        #expect(html.contains("<span class=\"delta good\" title=\"Change against the previous period\">−4.3\u{202F}% <small>vs prev.</small></span>"))
    }

    @Test func dashboardFormatsForGerman() {
        let html = AdminPages.dashboard(Samples.dashboard(locale: .de)).rendered
        #expect(html.contains("<html lang=\"de\">"))
        #expect(html.contains("13.266,50\u{00A0}€"))
        #expect(html.contains("71,2\u{202F}%"))
    }

    @Test func dashboardWithoutDataSaysSoEverywhere() {
        var model = Samples.dashboard()
        model.abandonment.byDevice = []
        model.abandonment.byCategory = []
        model.funnel = FunnelFigures(current: FunnelCounts(viewed: 0, carted: 0, checkout: 0, ordered: 0), source: model.funnel.source)
        model.flowSteps.rows = []
        model.satisfaction.csatDaily = model.days.map { _ in nil }
        model.satisfaction.csatPreviousDaily = nil
        model.kpis.recoveryRate = PeriodFigure(current: Proportion(0, of: 0))
        model.ticketVolume.categories = []
        model.upsell.placements = []
        let html = AdminPages.dashboard(model).rendered
        #expect(html.components(separatedBy: "No data yet").count > 6)
        #expect(html.contains("No recovery messages sent in this period"))
        #expect(html.contains("no comparison"))
        #expect(!html.contains("NaN") && !html.contains("\"nan"))
    }

    @Test func experimentsShowArmsLiftsIntervalsAndVerdicts() {
        let model = Samples.experiments()
        let html = AdminPages.experiments(model).rendered
        #expect(html.contains("72 h email: 10 % code vs free shipping"))
        #expect(html.contains("<span class=\"badge good\">Free shipping wins</span>"))
        #expect(html.contains("<span class=\"badge bad\">Holdout wins</span>"))
        #expect(html.contains("too little data (n &lt; 100 per arm)"))
        #expect(html.contains("class=\"interval up\""))
        #expect(html.contains("class=\"interval down\""))
        #expect(html.contains("class=\"interval flat\""))
        #expect(html.contains("+2.1\u{202F}pp"))
        #expect(html.contains("0.003"))
        #expect(html.contains(">baseline<"))
        #expect(html.contains("6.5\u{202F}%"))
        #expect(html.contains("<code>GET /v1/experiments</code>"))
        let tables = AdminPages.experimentTables(model)
        #expect(tables.count == 3)
        #expect(tables[0].csv.contains("Free shipping,2000,130,0.065,0.021,0.0071 to 0.0351,0.0032,Free shipping wins"))
    }

    @Test func customerListAndDetail() {
        let list = AdminPages.customers(Samples.customers()).rendered
        #expect(list.contains("<input type=\"search\" name=\"q\""))
        #expect(list.contains("4,812 customers"))
        #expect(list.contains("href=\"/admin/customers?cursor=abc\" rel=\"next\""))
        #expect(list.contains("<span class=\"badge bad\">high</span>"))
        #expect(list.contains("€2,884.00"))
        let detail = AdminPages.customerDetail(Samples.customerDetail()).rendered
        for text in [
            "Spent so far (historic CLV)", "€1,423.00", "Predicted, next 12 months", "€610.00", "555", "Champions", "Churn risk", "7\u{202F}%",
            "#10482", "cart_91", "Did something go wrong with your order?", "Post-purchase", "Step 2 of 3 · review request", "in 4 days",
            "Placed order #10482", "<span class=\"badge vip\">VIP</span>", "Gold", "mailto:lena.vogt@example.com",
        ] {
            #expect(detail.contains(text), "customer detail lacks \(text)")
        }
        let tables = AdminPages.customerDetailTables(Samples.customerDetail())
        #expect(tables.map(\.id) == ["orders", "carts", "messages", "flows"])
    }

    @Test func segmentsListAndEditor() {
        let list = AdminPages.segments(Samples.segments()).rendered
        #expect(list.contains(">312<") && list.contains("+14"))
        #expect(list.contains("class=\"spark\""))
        #expect(AdminPages.segmentsTable(Samples.segments()).csv.contains("'=cmd") == false, "summary is not exported")
        #expect(AdminPages.segmentsTable(Samples.segments()).csv.contains("\"<script>alert(1)</script>\"\" onmouseover=\"\"alert(2)\""))
        let editor = AdminPages.segmentEditor(Samples.segmentEditor()).rendered
        #expect(editor.contains("<select name=\"rules[0][field]\""))
        #expect(editor.contains("<option value=\"daysSinceLastOrder\" selected>Days since last order</option>"))
        #expect(editor.contains("<option value=\"gte\" selected>at least</option>"))
        #expect(editor.contains("name=\"rules[2][value]\" value=\"5000x\""))
        #expect(editor.contains("aria-invalid=\"true\""))
        #expect(editor.contains("Enter an amount in cents, like 5000."))
        #expect(editor.contains("name=\"intent\" value=\"add\""))
        #expect(editor.contains("name=\"intent\" value=\"remove-1\""))
        #expect(editor.contains("name=\"intent\" value=\"preview\""))
        #expect(editor.contains("<strong>911</strong> customers match"))
        #expect(editor.contains("action=\"/admin/segments/seg_lapsed/delete\""))
        // Text fields only offer text operators.
        #expect(!editor.contains("<option value=\"contains\""))
    }

    @Test func loginPage() {
        let html = AdminPages.login(Samples.login(error: "Email or password is wrong.")).rendered
        #expect(html.contains("<input type=\"hidden\" name=\"_csrf\" value=\"csrf-TOKEN-123\">"))
        #expect(html.contains("name=\"email\" value=\"mara@nordlicht.example\""))
        #expect(html.contains("type=\"password\""))
        #expect(html.contains("role=\"alert\">Email or password is wrong.</div>"))
        #expect(html.contains("name=\"next\" value=\"/admin/inbox\""))
        #expect(!html.contains("class=\"sidenav\""))
        var open = Samples.login()
        open.next = "//evil.example/phish"
        #expect(!AdminPages.login(open).rendered.contains("evil.example"))
        open.next = "https://evil.example"
        #expect(!AdminPages.login(open).rendered.contains("evil.example"))
    }

    @Test func problemPages() {
        let admin = AdminPages.problem(Samples.problem()).rendered
        #expect(admin.contains("<h1>Not found</h1>"))
        #expect(admin.contains("Error 404"))
        #expect(admin.contains("req-7f3a9c"))
        #expect(admin.contains("class=\"sidenav\""))
        let expired = AdminPages.problem(.expiredLink(shopName: "Nordlicht Outdoor", shopURL: "https://nordlicht.example")).rendered
        #expect(expired.contains("This link has expired"))
        #expect(expired.contains("href=\"https://nordlicht.example\""))
        #expect(!expired.contains("410"), "shoppers see no status codes")
        #expect(!expired.contains("class=\"sidenav\""))
        let german = AdminPages.problem(.expiredLink(shopName: nil, shopURL: nil, locale: .de)).rendered
        #expect(german.contains("Dieser Link ist abgelaufen") && german.contains("<html lang=\"de\">"))
        #expect(AdminPages.problem(.invalidLink(shopName: nil, shopURL: nil)).rendered.contains("This link doesn&#39;t work"))
    }
}
