import Foundation
import ReboundAdmin
import Testing

/// Writes one page of each kind to `$REBOUND_ADMIN_PREVIEW_DIR` (when set), for looking at in a browser.
@Suite struct PreviewTests {
    static var pages: [(String, HTML)] {
        [
            ("login", AdminPages.login(Samples.login())),
            ("login-error", AdminPages.login(Samples.login(error: "Email or password is wrong."))),
            ("dashboard", AdminPages.dashboard(Samples.dashboard())),
            ("dashboard-de", AdminPages.dashboard(Samples.dashboard(locale: .de))),
            ("experiments", AdminPages.experiments(Samples.experiments())),
            ("customers", AdminPages.customers(Samples.customers())),
            ("customer", AdminPages.customerDetail(Samples.customerDetail())),
            ("segments", AdminPages.segments(Samples.segments())),
            ("segment-editor", AdminPages.segmentEditor(Samples.segmentEditor())),
            ("inbox", AdminPages.inbox(Samples.inbox())),
            ("problem", AdminPages.problem(Samples.problem())),
            ("link-expired", AdminPages.problem(.expiredLink(shopName: "Nordlicht Outdoor", shopURL: "https://nordlicht.example"))),
        ]
    }

    @Test func writePreviews() throws {
        guard let directory = ProcessInfo.processInfo.environment["REBOUND_ADMIN_PREVIEW_DIR"] else { return }
        for (name, html) in Self.pages {
            try html.rendered.write(toFile: directory + "/" + name + ".html", atomically: true, encoding: .utf8)
        }
    }
}
