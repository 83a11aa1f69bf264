/// The satisfaction surveys: `csat_survey` (1–5 after a resolved conversation) and `nps_survey` (0–10 after a
/// fulfilled order), in English and German. Each score is a signed link in `extra.survey_{score}`; the page it opens
/// confirms the score and takes a comment, so a link scanner opening every link records nothing.
extension DefaultTemplates {
    struct SurveyCopy {
        var subject: String
        var preview: String
        var question: String
        var low: String
        var high: String
        var note: String
    }

    static var surveys: [EmailTemplate] {
        [
            survey(
                "csat_survey",
                locale: "en",
                scores: 1...5,
                SurveyCopy(
                    subject: "How did we do?",
                    preview: "One click tells {{shop.name}} how your conversation with us went.",
                    question: "How satisfied were you with our help?",
                    low: "1 = not at all",
                    high: "5 = very",
                    note: "Pick a number; you can add a comment on the next page."
                )
            ),
            survey(
                "csat_survey",
                locale: "de",
                scores: 1...5,
                SurveyCopy(
                    subject: "Wie war unser Service?",
                    preview: "Ein Klick sagt {{shop.name}}, wie Ihr Gespräch mit uns war.",
                    question: "Wie zufrieden waren Sie mit unserer Hilfe?",
                    low: "1 = gar nicht",
                    high: "5 = sehr",
                    note: "Wählen Sie eine Zahl; auf der nächsten Seite können Sie einen Kommentar hinzufügen."
                )
            ),
            survey(
                "nps_survey",
                locale: "en",
                scores: 0...10,
                SurveyCopy(
                    subject: "Would you recommend {{shop.name}}?",
                    preview: "Your order arrived a while ago. How likely are you to recommend us?",
                    question: "How likely are you to recommend {{shop.name}} to a friend or colleague?",
                    low: "0 = not at all likely",
                    high: "10 = extremely likely",
                    note: "Pick a number; you can tell us why on the next page."
                )
            ),
            survey(
                "nps_survey",
                locale: "de",
                scores: 0...10,
                SurveyCopy(
                    subject: "Würden Sie {{shop.name}} weiterempfehlen?",
                    preview: "Ihre Bestellung ist vor einiger Zeit angekommen. Wie wahrscheinlich empfehlen Sie uns weiter?",
                    question: "Wie wahrscheinlich ist es, dass Sie {{shop.name}} einem Freund oder Kollegen empfehlen?",
                    low: "0 = sehr unwahrscheinlich",
                    high: "10 = äußerst wahrscheinlich",
                    note: "Wählen Sie eine Zahl; auf der nächsten Seite können Sie uns den Grund nennen."
                )
            ),
        ]
    }

    static func survey(_ id: String, locale: String, scores: ClosedRange<Int>, _ copy: SurveyCopy) -> EmailTemplate {
        let cells = scores.map { score in
            """
            <td align="center" style="padding:2px;"><a href="{{extra.survey_\(score)}}" style="display:block;min-width:28px;padding:10px 4px;border:1px solid {{shop.primary_color}};border-radius:4px;color:{{shop.primary_color}};text-decoration:none;font-weight:bold;">\(score)</a></td>
            """
        }.joined()
        let html = """
            <h2>\(copy.question)</h2>
            <table role="presentation" cellpadding="0" cellspacing="0" style="margin:16px auto;"><tr>\(cells)</tr></table>
            <p style="font-size:13px;color:#555555;text-align:center;">\(copy.low) · \(copy.high)</p>
            <p style="text-align:center;">\(copy.note)</p>
            """
        let text =
            "\(copy.question)\n\n" + scores.map { "\($0): {{extra.survey_\($0)}}" }.joined(separator: "\n")
            + "\n\n\(copy.low) · \(copy.high)\n\(copy.note)\n"
        return EmailTemplate(id: id, locale: locale, subject: copy.subject, preview: copy.preview, html: html, text: text)
    }
}
