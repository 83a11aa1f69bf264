import ReboundChannels
import Testing

@Suite struct InboundTests {
    static let dsn = """
        From: MAILER-DAEMON@mx.example.net\r
        To: bounces@shop.example\r
        Subject: Undelivered Mail Returned to Sender\r
        MIME-Version: 1.0\r
        Content-Type: multipart/report; report-type=delivery-status;\r
        \tboundary="B0UND"\r
        \r
        --B0UND\r
        Content-Type: text/plain; charset=us-ascii\r
        \r
        I'm sorry to have to inform you that your message could not be delivered.\r
        \r
        --B0UND\r
        Content-Type: message/delivery-status\r
        \r
        Reporting-MTA: dns; mx.example.net\r
        Arrival-Date: Thu, 26 Nov 2026 14:00:00 +0000\r
        \r
        Final-Recipient: rfc822; Gone@Example.com\r
        Original-Recipient: rfc822;gone@example.com\r
        Action: failed\r
        Status: 5.1.1\r
        Diagnostic-Code: smtp; 550 5.1.1 <gone@example.com>: Recipient address\r
          rejected: User unknown\r
        \r
        Final-Recipient: rfc822; full@example.com\r
        Action: delayed\r
        Status: 4.2.2\r
        \r
        --B0UND\r
        Content-Type: text/rfc822-headers\r
        \r
        From: hallo@shop.example\r
        To: gone@example.com\r
        Message-ID: <abc123@shop.example>\r
        Subject: Dein Warenkorb\r
        \r
        --B0UND--\r

        """

    @Test func deliveryStatusNotificationSuppressesHardBounces() throws {
        let report = try #require(BounceParser.parse(Self.dsn))
        #expect(report.kind == .hardBounce)
        #expect(report.suppress == ["gone@example.com"])
        #expect(report.recipients.count == 2)
        #expect(report.recipients[0].status == "5.1.1")
        #expect(report.recipients[0].diagnostic?.contains("User unknown") == true)
        #expect(report.originalMessageID == "abc123@shop.example")
    }

    @Test func complaintSuppressesTheRecipient() throws {
        let arf = """
            From: complaints@isp.example
            To: fbl@shop.example
            Subject: FW: Dein Warenkorb
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=feedback-report; boundary="arf"

            --arf
            Content-Type: text/plain

            This is an email abuse report.

            --arf
            Content-Type: message/feedback-report

            Feedback-Type: abuse
            User-Agent: SomeGenerator/1.0
            Version: 1
            Original-Mail-From: <bounces@shop.example>
            Original-Rcpt-To: <angry@example.org>

            --arf
            Content-Type: message/rfc822

            From: hallo@shop.example
            To: angry@example.org
            Message-ID: <m-42@shop.example>
            Subject: Dein Warenkorb

            Hallo!
            --arf--
            """
        let report = try #require(BounceParser.parse(arf))
        #expect(report.kind == .complaint)
        #expect(report.suppress == ["angry@example.org"])
        #expect(report.originalMessageID == "m-42@shop.example")
        #expect(BounceParser.parse("Subject: hi\n\nnot a report") == nil)
    }

    @Test func replyFindsTheThreadAndDropsQuotedText() {
        let raw = """
            From: =?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?= <JM@example.de>\r
            To: hallo@shop.example\r
            Subject: Re: Ist etwas schiefgelaufen?\r
            Message-ID: <reply-1@example.de>\r
            In-Reply-To: <abc123@shop.example>\r
            References: <older@shop.example> <abc123@shop.example>\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            Ja, die Versandkosten nach =C3=96sterreich waren mir zu hoch.\r
            Gibt es eine L=C3=B6sung?\r
            \r
            Am 26.11.2026 um 15:00 schrieb K=C3=A4sehaus M=C3=BCller <hallo@shop.example>:\r
            > Hallo J=C3=BCrgen,\r
            > ist etwas schiefgelaufen?\r

            """
        let reply = ReplyParser.parse(raw)
        #expect(reply.from == "jm@example.de")
        #expect(reply.referencedMessageIDs == ["abc123@shop.example", "older@shop.example"])
        #expect(reply.text == "Ja, die Versandkosten nach Österreich waren mir zu hoch.\nGibt es eine Lösung?")
        #expect(reply.messageID == "reply-1@example.de")
        #expect(ReplyParser.stripQuoted("Thanks!\n\nOn Tue, Nov 24, 2026 at 10:00 AM Shop <a@b.c>\nwrote:\n> old") == "Thanks!")
    }
}
