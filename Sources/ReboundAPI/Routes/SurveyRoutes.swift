import Foundation
import HTTPTypes
import Hummingbird
import ReboundChannels
import ReboundCore
import ReboundStore

/// The survey links in CSAT and NPS emails, `/v/{token}`: GET shows the question with the clicked score chosen and a
/// comment field; POST stores the answer once. The score is recorded only when the shopper sends the form, so mail
/// scanners that open every link record nothing. `GET /v1/reports/satisfaction` reads the answers.
struct SurveyRoutes {
    let environment: APIEnvironment
    var store: Store { environment.store }

    /// Longest comment kept.
    static let maxComment = 2000

    func add(to router: Router<ReboundRequestContext>) {
        router.get("v/:token") { _, context in
            let token = try context.parameters.require("token")
            let found: (LinkToken, Survey, Copy)
            do { found = try await survey(token) } catch { return LinkPage.problem(error) }
            let (link, survey, copy) = found
            if survey.answeredAt != nil { return LinkPage.html(status: .ok, title: copy.thanks, body: "<p>\(copy.already)</p>") }
            return LinkPage.html(status: .ok, title: copy.title, body: form(survey: survey, chosen: Int(link.target ?? ""), copy: copy))
        }
        router.post("v/:token") { request, context in
            let token = try context.parameters.require("token")
            let found: (LinkToken, Survey, Copy)
            do { found = try await survey(token) } catch { return LinkPage.problem(error) }
            let (_, survey, copy) = found
            let form = FormBody(try await RequestBody.bytes(request, limit: 16 * 1024))
            guard let score = form["score"].flatMap({ Int($0) }), survey.kind.scores.contains(score) else {
                return LinkPage.html(
                    status: .unprocessableContent,
                    title: copy.title,
                    body: "<p role=\"alert\">\(copy.pick)</p>" + self.form(survey: survey, chosen: nil, copy: copy)
                )
            }
            let comment = String((form["comment"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(Self.maxComment))
            let answer = try await store.answerSurvey(
                shopID: Shop.ID(found.0.shopID),
                id: survey.id,
                score: score,
                comment: comment,
                now: environment.clock.now()
            )
            if case .alreadyAnswered? = answer { return LinkPage.html(status: .ok, title: copy.thanks, body: "<p>\(copy.already)</p>") }
            return LinkPage.html(status: .ok, title: copy.thanks, body: "<p>\(copy.recorded)</p>")
        }
    }

    /// The verified link, its survey and the words in the customer's language.
    func survey(_ token: String) async throws -> (LinkToken, Survey, Copy) {
        guard let shopID = LinkSigner.unverifiedShopID(token), let shop = try await store.shop(id: Shop.ID(shopID)) else {
            throw LinkTokenError(.malformed, "the link does not name a shop")
        }
        let now = environment.clock.now()
        let key = try await store.linkKey(shopID: shop.id, now: now)
        let link = try LinkSigner(key: Array(key.utf8)).verify(token, now: now, kind: .survey)
        guard let survey = try await store.survey(shopID: shop.id, id: link.reference) else {
            throw LinkTokenError(.malformed, "the survey does not exist")
        }
        let customer = try await survey.customerID.asyncMap { try await store.customer(shopID: shop.id, id: $0) } ?? nil
        let german = (customer?.locale ?? MessageComposer.defaultLocale(shop)).hasPrefix("de")
        return (link, survey, german ? .german(survey.kind, shop: shop.name) : .english(survey.kind, shop: shop.name))
    }

    /// The score buttons (radio inputs, keyboard-usable) with `chosen` checked, and the comment field.
    func form(survey: Survey, chosen: Int?, copy: Copy) -> String {
        let options = survey.kind.scores.map { score in
            let checked = score == chosen ? " checked" : ""
            return "<label style=\"display:inline-block;margin:.2rem;padding:.4rem .6rem;border:1px solid #999;border-radius:4px\">"
                + "<input type=\"radio\" name=\"score\" value=\"\(score)\"\(checked) required> \(score)</label>"
        }.joined()
        return """
            <form method="post"><fieldset style="border:0;padding:0"><legend>\(LinkPage.escape(copy.question))</legend>\(options)
            <p style="font-size:.85rem;color:#555">\(LinkPage.escape(copy.scale))</p></fieldset>
            <p><label for="comment">\(copy.comment)</label><br><textarea id="comment" name="comment" rows="4" maxlength="\(Self.maxComment)" style="width:100%"></textarea></p>
            <button type="submit">\(copy.send)</button></form>
            """
    }

    /// The page's words.
    struct Copy {
        var title: String
        var question: String
        var scale: String
        var comment: String
        var send: String
        var pick: String
        var thanks: String
        var recorded: String
        var already: String

        static func english(_ kind: Survey.Kind, shop: String) -> Copy {
            Copy(
                title: kind == .csat ? "How did we do?" : "Would you recommend us?",
                question: kind == .csat
                    ? "How satisfied were you with our help?" : "How likely are you to recommend \(shop) to a friend or colleague?",
                scale: kind == .csat ? "1 = not at all satisfied · 5 = very satisfied" : "0 = not at all likely · 10 = extremely likely",
                comment: kind == .csat ? "Anything we could do better? (optional)" : "What is the main reason for your score? (optional)",
                send: "Send",
                pick: "Please pick a score.",
                thanks: "Thank you!",
                recorded: "Your answer was recorded. It helps us get better.",
                already: "You have already answered this survey. Thank you!"
            )
        }

        static func german(_ kind: Survey.Kind, shop: String) -> Copy {
            Copy(
                title: kind == .csat ? "Wie war unser Service?" : "Würden Sie uns empfehlen?",
                question: kind == .csat
                    ? "Wie zufrieden waren Sie mit unserer Hilfe?"
                    : "Wie wahrscheinlich ist es, dass Sie \(shop) einem Freund oder Kollegen empfehlen?",
                scale: kind == .csat ? "1 = gar nicht zufrieden · 5 = sehr zufrieden" : "0 = sehr unwahrscheinlich · 10 = äußerst wahrscheinlich",
                comment: kind == .csat ? "Was können wir besser machen? (optional)" : "Was ist der wichtigste Grund für Ihre Bewertung? (optional)",
                send: "Senden",
                pick: "Bitte wählen Sie eine Bewertung.",
                thanks: "Vielen Dank!",
                recorded: "Ihre Antwort wurde gespeichert. Sie hilft uns, besser zu werden.",
                already: "Sie haben diese Umfrage bereits beantwortet. Vielen Dank!"
            )
        }
    }
}
