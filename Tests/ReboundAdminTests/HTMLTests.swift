import ReboundAdmin
import Testing

@Suite struct HTMLTests {
    @Test func escapesTextInContentAndAttributes() {
        let name = "<script>alert(1)</script>"
        let quote = "\" onmouseover=\"alert(2)"
        let html: HTML = "<p title=\"\(quote)\">\(name)</p>"
        #expect(html.rendered == "<p title=\"&quot; onmouseover=&quot;alert(2)\">&lt;script&gt;alert(1)&lt;/script&gt;</p>")
        #expect(HTML.escape("Tom's & Jerry's") == "Tom&#39;s &amp; Jerry&#39;s")
        #expect(HTML(text: "a<b").rendered == "a&lt;b")
    }

    @Test func trustedMarkupAndFragmentsAreNotEscapedTwice() {
        let inner: HTML = "<b>\("x&y")</b>"
        let outer: HTML = "<p>\(inner)\([inner, inner])</p>"
        #expect(outer.rendered == "<p><b>x&amp;y</b><b>x&amp;y</b><b>x&amp;y</b></p>")
        #expect((HTML.trusted("<i>") + "<u>").rendered == "<i><u>")
    }

    @Test func optionalsAndBooleanAttributes() {
        let missing: String? = nil
        let html: HTML = "<input\(attribute: "checked", if: true)\(attribute: "disabled", if: false)>\(missing)"
        #expect(html.rendered == "<input checked>")
    }

    @Test func urlsWithActiveSchemesBecomeHash() {
        #expect(HTML.safeURL("javascript:alert(1)") == "#")
        #expect(HTML.safeURL("JavaScript:alert(1)") == "#")
        #expect(HTML.safeURL("java\tscript:alert(1)") == "#")
        #expect(HTML.safeURL(" \u{1}javascript:alert(1)") == "#")
        #expect(HTML.safeURL("data:text/html;base64,PHNjcmlwdD4=") == "#")
        #expect(HTML.safeURL("vbscript:msgbox") == "#")
        #expect(HTML.safeURL("/admin/customers?q=a:b") == "/admin/customers?q=a:b")
        #expect(HTML.safeURL("https://shop.example/cart") == "https://shop.example/cart")
        #expect(HTML.safeURL("mailto:a@b.example") == "mailto:a@b.example")
        #expect(HTML.safeURL("customers/1") == "customers/1")
        let link: HTML = "<a href=\"\(url: "javascript:alert(1)\"")\">x</a>"
        #expect(link.rendered == "<a href=\"#\">x</a>")
        let escaped: HTML = "<a href=\"\(url: "/search?q=\"><script>")\">x</a>"
        #expect(escaped.rendered == "<a href=\"/search?q=&quot;&gt;&lt;script&gt;\">x</a>")
    }

    @Test func multilineKeepsBreaksAndEscapes() {
        #expect(HTML.multiline("a<b>\r\nc").rendered == "a&lt;b&gt;<br>c")
    }

    @Test func hostileCustomerDataIsInertOnEveryPage() {
        for (name, page) in PreviewTests.pages {
            let text = page.rendered
            #expect(!text.contains("<script>alert"), "\(name) lets a script tag through")
            #expect(!text.contains("\" onmouseover=\"alert"), "\(name) lets an attribute break out")
            #expect(!text.contains("<img src=x"), "\(name) lets an img tag through")
            #expect(!text.contains("<b>bold"), "\(name) renders message markup")
        }
        let inbox = AdminPages.inbox(Samples.inbox()).rendered
        #expect(inbox.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;alert(2)"))
        #expect(inbox.contains("Yes please! &lt;b&gt;bold?&lt;/b&gt;"))
    }

    @Test func ownMarkupIsNeverEscapedByAccident() {
        // A ternary of literals inside an interpolation is inferred as String and would show our markup as text.
        let leaks = [
            "&lt;span", "&lt;/span", "&lt;li", "&lt;div", "&lt;a href", "&lt;svg", "&lt;time", "&lt;ul", "&lt;p", "&lt;option", "&lt;button", "[&lt;",
            "HTML(rendered",
        ]
        for (name, page) in PreviewTests.pages {
            for leak in leaks {
                #expect(!page.rendered.contains(leak), "\(name) contains escaped markup \(leak)")
            }
        }
    }
}
