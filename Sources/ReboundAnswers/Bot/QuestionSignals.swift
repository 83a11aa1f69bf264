import Foundation

/// What rules recognise in a message: requests for a human, injection attempts, objections and
/// fact questions, in English and German. High precision by design: a message no rule claims goes
/// to the intent model and the articles.
struct QuestionSignals: Sendable {
    let matcher: PhraseMatcher
    let asksForHuman: Bool
    let looksLikeInjection: Bool
    let priceObjection: Bool
    let shippingCost: Bool
    let deliveryTime: Bool
    let trust: Bool
    let returns: Bool
    let mentionsSale: Bool
    let orderStatus: Bool
    let stock: Bool
    let restock: Bool
    let price: Bool
    let variantWords: Bool
    let shippingWords: Bool
    let customs: Bool
    let countries: [String]
    let requestedPercent: Int?

    init(_ text: String, language: TextLanguage) {
        let m = PhraseMatcher(text)
        matcher = m
        countries = CountryNames.find(in: text, language: language)
        requestedPercent = Self.percent(in: text)

        asksForHuman =
            m.containsWord([
                "human", "humans", "agent", "agents", "representative", "operator", "mitarbeiter", "mitarbeiterin", "mensch", "menschen",
                "sachbearbeiter*", "kundenberater*",
            ])
            || m.near(
                ["talk", "speak", "chat", "contact", "connect", "transfer", "sprechen", "reden", "chatten", "verbinden"],
                ["someone", "somebody", "person", "people", "assistant", "staff", "employee", "jemand*", "person", "berater*"],
                within: 4
            )
            // German puts the verb last: "mit jemandem reden".
            || m.near(["jemand*", "person", "berater*", "mitarbeiter*"], ["sprechen", "reden", "chatten", "verbinden", "telefonieren"], within: 3)
            || m.contains(any: ["real person", "echte person", "echten person", "live chat with", "menschlich*"])

        looksLikeInjection =
            m.near(
                [
                    "ignore", "ignoring", "disregard", "forget", "override", "bypass", "skip", "ignorier*", "vergiss", "vergessen", "missacht*",
                    "uberschreib*", "umgeh*",
                ],
                [
                    "rule*", "instruction*", "prompt*", "polic*", "limit*", "restriction*", "guideline*", "regel*", "anweisung*", "vorgabe*",
                    "richtlinie*", "beschrankung*", "einschrankung*", "grenze*", "systemprompt",
                ],
                within: 5
            )
            || m.contains(any: [
                "system prompt", "developer mode", "jailbreak", "you are now", "du bist jetzt", "act as", "pretend", "i am the owner",
                "i am the admin", "ich bin der inhaber", "ich bin der admin", "new instructions", "neue anweisungen",
            ])

        let shippingWords = m.containsWord([
            "shipping", "ship", "ships", "shipped", "delivery", "deliver", "delivers", "postage", "freight", "send", "versand*", "porto",
            "liefer*", "verschick*", "versend*", "schickt", "schicken", "sendet", "zustellung",
        ])
        self.shippingWords = shippingWords
        customs =
            m.containsWord(["customs", "duty", "duties", "tariff", "tariffs", "zoll", "zolle", "zollgebuhr*", "einfuhr*", "verzoll*"])
            || m.contains(any: ["import tax", "import taxes"])
        let costWords =
            m.containsWord([
                "cost", "costs", "price", "prices", "fee", "fees", "charge", "charges", "expensive", "free", "teuer", "kost*", "gebuhr*", "gratis",
                "kostenlos", "preis*",
            ])
            || m.contains(any: ["how much"])
        shippingCost =
            (shippingWords && costWords)
            || m.containsWord(["versandkost*", "lieferkost*", "portokost*", "versandgebuhr*", "liefergebuhr*", "versandpreis*"])

        let orderWords = [
            "order", "orders", "package", "parcel", "shipment", "delivery", "stuff", "purchase", "bestellung", "paket", "sendung", "lieferung",
            "packchen",
        ]
        orderStatus =
            (m.contains(any: [
                "where is my", "wheres my", "where s my", "status of my", "order status", "has my order", "wo ist mein*", "wo bleibt mein*",
                "status meiner", "status von meiner",
            ])
                || m.near(["track", "tracking", "trace", "verfolg*"], orderWords, within: 3)
                || m.containsWord(["sendungsverfolgung", "sendungsnummer", "trackingnummer", "trackingnumber", "bestellstatus", "lieferstatus"])
                || m.near(["when", "wann"], ["my", "mein*"], within: 3) && m.near(["my", "mein*"], orderWords, within: 2))
            // "track my refund" is about money, not a parcel: the intent model and the articles handle it.
            && !m.containsWord(["refund", "refunds", "refunded", "reimbursement", "erstattung*", "ruckerstattung*", "gutschrift"])

        deliveryTime =
            !orderStatus
            && (m.containsWord(["lieferzeit*", "versanddauer", "lieferdauer", "zustelldauer", "laufzeit"])
                || m.contains(any: ["delivery time", "shipping time", "transit time", "how many days", "business days", "werktage"])
                || (m.contains(any: ["how long", "how fast", "how quickly", "when will", "wie lange", "wie schnell", "wann kommt", "wann ist"])
                    && (shippingWords
                        || m.containsWord(["arrive", "arrives", "take", "takes", "get", "receive", "ankommen", "kommt", "dauert", "da"]))))

        trust = m.containsWord([
            "legit", "legitimate", "scam", "scammer", "scams", "fraud", "fraudulent", "fake", "trustworthy", "reputable", "genuine", "trust",
            "serios", "serioes", "seriositat", "betrug*", "betruger*", "abzocke", "fakeshop", "vertrauenswurdig", "vertrauen", "abzock*",
        ])

        returns =
            m.containsWord([
                "return", "returns", "returning", "returnable", "exchange", "exchanges", "ruckgabe*", "retoure*", "retournier*", "zuruckschick*",
                "zurucksend*", "zuruckgeben", "umtausch*", "umtauschen", "widerruf*", "rucksend*", "ruckversand",
            ]) || m.contains(any: ["send back", "send it back", "money back", "refund policy", "geld zuruck"])

        mentionsSale =
            m.containsWord([
                "sale", "clearance", "discounted", "reduced", "markdown", "outlet", "reduziert*", "rabattiert*", "ausverkauf", "schlussverkauf",
            ])
            || m.contains(any: ["final sale", "im angebot", "on offer"])

        let exclusions =
            m.contains(any: [
                "not working", "doesnt work", "does not work", "isnt working", "wont work", "invalid", "expired", "multiple", "more than one",
                "how do i use", "how to use", "where do i enter", "price match*", "price adjustment", "funktioniert nicht", "geht nicht",
                "einlosen", "mehrere", "eingeben",
            ])
            || m.containsWord([
                "bulk", "wholesale", "loyalty", "student", "students", "military", "newsletter", "grosshandel", "mengenrabatt", "treue*",
            ])
        let objection =
            m.contains(any: [
                "too expensive", "too pricey", "too costly", "too much", "cant afford", "cannot afford", "can t afford", "better price",
                "best price", "lower price", "lower the price", "percent off", "any deal", "a deal", "zu teuer", "zu viel", "guten preis",
                "besseren preis", "prozent nachlass",
            ])
            || m.containsWord([
                "discount", "discounts", "coupon", "coupons", "voucher", "promo", "cheaper", "expensive", "pricey", "rabatt*", "gutschein*",
                "preisnachlass", "nachlass", "gunstiger", "billiger", "teuer", "skonto",
            ])
            || requestedPercent != nil
        priceObjection = objection && !exclusions

        stock =
            m.contains(any: [
                "in stock", "out of stock", "sold out", "do you have", "have it in", "have this in", "have them in", "auf lager", "noch da",
                "noch zu haben", "habt ihr", "haben sie", "gibt es",
            ])
            || m.containsWord(["available", "availability", "stock", "verfugbar", "verfugbarkeit", "lieferbar", "vorratig", "ausverkauft", "lagernd"])
        restock =
            m.containsWord(["restock", "restocked", "restocking", "nachschub", "nachlieferung"])
            || m.contains(any: [
                "back in stock", "available again", "in stock again", "wieder da", "wieder verfugbar", "wieder auf lager", "wieder lieferbar",
                "wieder vorratig", "wieder reinkommen",
            ])
        price =
            m.contains(any: ["how much", "was kostet", "wie viel kostet", "wieviel kostet"])
            || m.containsWord(["price", "cost", "costs", "preis", "kostet"])
        variantWords = m.containsWord([
            "size", "sizes", "colour", "color", "colours", "colors", "variant", "variants", "grosse", "grossen", "farbe", "farben", "variante*",
        ])
    }

    /// "90 %", "90%", "90 percent", "90 Prozent" → 90; "50% off" → 50.
    static func percent(in text: String) -> Int? {
        let words = WordSplitter.words(in: text.replacingOccurrences(of: "%", with: " percent "), maximumWords: 300)
        for (i, w) in words.enumerated() where i + 1 < words.count {
            let next = TextFolding.fold(words[i + 1])
            if let n = Int(w), n >= 0, n <= 1_000, next == "percent" || next == "prozent" || next == "pct" { return n }
        }
        return nil
    }
}
