import ReboundAnswers
import Testing

@Suite struct TextConversionTests {
    @Test func htmlBecomesMarkdownAndText() {
        let html = """
            <!-- hidden --><style>p{color:red}</style><h3>Size &amp; fit</h3>
            <p>Our shirts run <em>small</em>.<br>Order one size up.</p>
            <ol><li>Measure</li><li>Compare with the <a href="/pages/sizes">size chart</a></li></ol>
            <p><a href="javascript:alert(1)">click</a> &#x263A; &#8364;5 &unknown; 1 < 2</p>
            """
        let md = HTMLText.markdown(fromHTML: html)
        #expect(
            md
                == "### Size & fit\n\nOur shirts run small.\nOrder one size up.\n\n1. Measure\n2. Compare with the [size chart](/pages/sizes)\n\nclick ☺ €5 &unknown; 1 \\< 2"
        )
        #expect(HTMLText.plainText(fromHTML: html).contains("size chart") && !HTMLText.plainText(fromHTML: html).contains("/pages/sizes"))
        #expect(HTMLText.plainText(fromHTML: "<p>[not] a *link*</p>") == "[not] a *link*")
    }

    @Test func markdownPlainTextAndParagraphs() {
        let md =
            "# Title\n\n> Quote with **bold** and `code`\n\n- item [one](https://a.example)\n- ![alt text](x.png) two\n\n```\nlet x = 1\n```\nLast \\*literal\\* line"
        #expect(MarkdownText.plainText(md) == "Title\n\nQuote with bold and code\n\nitem one\nalt text two\n\nlet x = 1\nLast *literal* line")
        #expect(MarkdownText.paragraphs("a\nb\n\n\nc") == ["a b", "c"])
    }

    @Test func markdownRendersEscapedHTML() {
        let html = MarkdownHTML.render(
            "# Hi <script>\n\nText with <b>raw</b> & [safe](https://example.com/a?b=1&c=2) and [evil](javascript:alert(1)) and [evil2](JaVa\tScRiPt:x).\n\n1. one\n2. **two**\n\n- snake_case_word"
        )
        #expect(html.contains("<h2>Hi &lt;script&gt;</h2>"))
        #expect(
            html.contains("Text with &lt;b&gt;raw&lt;/b&gt; &amp; <a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"nofollow noopener\">safe</a>")
        )
        #expect(html.contains(" and evil and evil2."))
        #expect(!html.lowercased().contains("javascript"))
        #expect(html.contains("<ol><li>one</li><li><strong>two</strong></li></ol>"))
        #expect(html.contains("<li>snake_case_word</li>"))
        #expect(HTMLEscaping.href("data:text/html,x") == "#" && HTMLEscaping.href("/help/a") == "/help/a")
        #expect(HTMLEscaping.escape("\"'<>&\u{0001}") == "&quot;&#39;&lt;&gt;&amp;")
    }
}
