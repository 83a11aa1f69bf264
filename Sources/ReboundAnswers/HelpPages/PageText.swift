/// The fixed words of the help pages and the portal, in English and German.
struct PageText: Sendable {
    let de: Bool

    init(locale: String) { de = TextLanguage(localeIdentifier: locale) == .german }

    var help: String { de ? "Hilfe" : "Help" }
    var search: String { de ? "Suchen" : "Search" }
    var searchPlaceholder: String { de ? "Wie können wir helfen?" : "How can we help?" }
    var results: String { de ? "Suchergebnisse" : "Search results" }
    func resultsFor(_ q: String) -> String { de ? "Ergebnisse für „\(q)“" : "Results for “\(q)”" }
    var noResults: String {
        de ? "Keine Artikel gefunden. Versuchen Sie andere Wörter oder schreiben Sie uns." : "No articles found. Try other words or contact us."
    }
    var general: String { de ? "Allgemein" : "General" }
    var allArticles: String { de ? "Alle Artikel" : "All articles" }
    var related: String { de ? "Verwandte Artikel" : "Related articles" }
    var originalPage: String { de ? "Originalseite" : "Original page" }
    var myOrder: String { de ? "Meine Bestellung" : "My order" }
    var findOrder: String { de ? "Bestellung finden" : "Find your order" }
    var orderNumber: String { de ? "Bestellnummer" : "Order number" }
    var email: String { de ? "E-Mail-Adresse der Bestellung" : "Email used for the order" }
    var show: String { de ? "Anzeigen" : "Show order" }
    var lookupHint: String {
        de
            ? "Geben Sie Ihre Bestellnummer und die E-Mail-Adresse ein, mit der Sie bestellt haben."
            : "Enter your order number and the email address you ordered with."
    }
    var notFound: String {
        de
            ? "Zu dieser Bestellnummer und E-Mail-Adresse haben wir keine Bestellung gefunden."
            : "We couldn't find an order with that order number and email address."
    }
    var order: String { de ? "Bestellung" : "Order" }
    var placed: String { de ? "Bestellt am" : "Placed on" }
    var status: String { de ? "Status" : "Status" }
    var items: String { de ? "Artikel" : "Items" }
    var quantity: String { de ? "Menge" : "Qty" }
    var price: String { de ? "Preis" : "Price" }
    var total: String { de ? "Summe" : "Total" }
    var subtotal: String { de ? "Zwischensumme" : "Subtotal" }
    var shipping: String { de ? "Versand" : "Shipping" }
    var discount: String { de ? "Rabatt" : "Discount" }
    var tax: String { de ? "MwSt." : "Tax" }
    var taxIncluded: String { de ? "enthaltene MwSt." : "Tax included" }
    var tracking: String { de ? "Sendungsverfolgung" : "Track your parcel" }
    var trackingNumber: String { de ? "Sendungsnummer" : "Tracking number" }
    var requestReturn: String { de ? "Rücksendung anmelden" : "Request a return" }
    var invoice: String { de ? "Rechnung" : "Invoice" }
    var printHint: String {
        de
            ? "Zum Drucken oder Speichern als PDF nutzen Sie die Druckfunktion Ihres Browsers."
            : "Use your browser's print function to print or save as PDF."
    }
    func returnUntil(_ date: String) -> String { de ? "Rücksendung möglich bis \(date)." : "Returns possible until \(date)." }
    var returnNotYet: String { de ? "Eine Rücksendung ist ab der Zustellung möglich." : "You can request a return once your order is delivered." }
    var returnClosed: String { de ? "Für diese Bestellung ist keine Rücksendung mehr möglich." : "This order can no longer be returned." }
    var whichItems: String { de ? "Welche Artikel möchten Sie zurücksenden?" : "Which items do you want to return?" }
    var reason: String { de ? "Grund" : "Reason" }
    var refundOrExchange: String { de ? "Erstattung oder Umtausch" : "Refund or exchange" }
    var refund: String { de ? "Erstattung" : "Refund" }
    var exchange: String { de ? "Umtausch" : "Exchange" }
    var comment: String { de ? "Anmerkung (optional)" : "Comment (optional)" }
    var send: String { de ? "Rücksendung anmelden" : "Submit return request" }
    var invoiceNumber: String { de ? "Rechnungsnummer" : "Invoice number" }
    var invoiceDate: String { de ? "Rechnungsdatum" : "Invoice date" }
    var billTo: String { de ? "Rechnungsadresse" : "Bill to" }
    var shipTo: String { de ? "Lieferadresse" : "Ship to" }
    var vatID: String { de ? "USt-IdNr." : "VAT ID" }
    var back: String { de ? "Zurück" : "Back" }

    func status(_ status: OrderRecord.Status) -> String {
        switch status {
        case .unfulfilled: de ? "In Bearbeitung" : "Being prepared"
        case .partiallyFulfilled: de ? "Teilweise versandt" : "Partly shipped"
        case .fulfilled: de ? "Versandt" : "Shipped"
        case .delivered: de ? "Zugestellt" : "Delivered"
        case .cancelled: de ? "Storniert" : "Cancelled"
        }
    }

    func reason(_ reason: ReturnReason) -> String {
        switch reason {
        case .tooSmall: de ? "Zu klein" : "Too small"
        case .tooLarge: de ? "Zu groß" : "Too large"
        case .notAsDescribed: de ? "Entspricht nicht der Beschreibung" : "Not as described"
        case .damaged: de ? "Beschädigt oder defekt" : "Damaged or faulty"
        case .wrongItem: de ? "Falscher Artikel geliefert" : "Wrong item sent"
        case .changedMind: de ? "Gefällt mir nicht mehr" : "Changed my mind"
        case .other: de ? "Anderer Grund (bitte angeben)" : "Other (please explain)"
        }
    }
}
