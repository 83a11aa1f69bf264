extension DefaultTemplates {
    static let german: [EmailTemplate] = [
        EmailTemplate(
            id: "cart_recovery.help",
            locale: "de",
            subject: "Ist etwas schiefgelaufen? Dein Warenkorb wartet",
            preview: "Deine Artikel liegen noch bei {{shop.name}} für dich bereit – und wir helfen gern weiter.",
            html: """
                <h2>{{#customer.first_name}}Hallo {{customer.first_name}}, ist{{/customer.first_name}}{{^customer.first_name}}Ist{{/customer.first_name}} etwas schiefgelaufen?</h2>
                <p>Du hast ein paar Artikel in deinem Warenkorb gelassen. Wenn etwas nicht geklappt hat – Versand, Größen oder Bezahlung –, frag uns einfach: Wir antworten in wenigen Minuten.</p>
                \(cartHTML(total: "Gesamt"))
                \(button("links.restore", "Zurück zum Warenkorb"))
                {{#links.chat}}<p style="text-align:center;"><a href="{{links.chat}}">Fragen? Schreib uns im Chat</a></p>{{/links.chat}}
                \(recommendationsHTML(heading: "Das könnte dir auch gefallen"))
                """,
            text: """
                {{#customer.first_name}}Hallo {{customer.first_name}},{{/customer.first_name}}{{^customer.first_name}}Hallo,{{/customer.first_name}}

                ist etwas schiefgelaufen? Diese Artikel liegen noch in deinem Warenkorb:

                \(cartText(total: "Gesamt"))

                Zurück zum Warenkorb: {{links.restore}}
                {{#links.chat}}Fragen? Schreib uns im Chat: {{links.chat}}{{/links.chat}}
                """
        ),
        EmailTemplate(
            id: "cart_recovery.reviews",
            locale: "de",
            subject: "Das sagen andere Kunden über deine Auswahl",
            preview: "Bewertungen zu den Artikeln in deinem Warenkorb bei {{shop.name}}.",
            html: """
                <h2>Noch unentschlossen{{#customer.first_name}}, {{customer.first_name}}{{/customer.first_name}}?</h2>
                <p>Das sagen andere Kundinnen und Kunden über die Artikel in deinem Warenkorb.</p>
                {{#reviews}}<p><strong>{{product}}</strong> <span style="color:#f5a623;">{{stars}}</span><br>„{{text}}“{{#author}} – {{author}}{{/author}}</p>
                {{/reviews}}
                \(cartHTML(total: "Gesamt"))
                \(button("links.restore", "Bestellung abschließen"))
                {{#links.chat}}<p style="text-align:center;"><a href="{{links.chat}}">Fragen? Schreib uns im Chat</a></p>{{/links.chat}}
                """,
            text: """
                Noch unentschlossen{{#customer.first_name}}, {{customer.first_name}}{{/customer.first_name}}?

                {{#reviews}}{{product}} {{stars}}
                „{{text}}“{{#author}} – {{author}}{{/author}}

                {{/reviews}}\(cartText(total: "Gesamt"))

                Bestellung abschließen: {{links.restore}}
                {{#links.chat}}Fragen? Schreib uns im Chat: {{links.chat}}{{/links.chat}}
                """
        ),
        EmailTemplate(
            id: "cart_recovery.offer",
            locale: "de",
            subject:
                "{{#discount.free_shipping}}Gratis-Versand für deinen Warenkorb{{/discount.free_shipping}}{{^discount.free_shipping}}{{#discount.percent_off}}{{discount.percent_off}} % Rabatt{{/discount.percent_off}}{{^discount.percent_off}}Ein kleines Extra{{/discount.percent_off}} für deinen Warenkorb{{/discount.free_shipping}} – nur für kurze Zeit",
            preview: "Mit dem Code {{discount.code}}{{#discount.expires_at}} bis {{discount.expires_at}}{{/discount.expires_at}}.",
            html: """
                <h2>{{#customer.first_name}}{{customer.first_name}}, dein{{/customer.first_name}}{{^customer.first_name}}Dein{{/customer.first_name}} Warenkorb wartet – jetzt günstiger</h2>
                <p>{{#discount.free_shipping}}Der Versand geht auf uns{{/discount.free_shipping}}{{^discount.free_shipping}}Spare {{#discount.percent_off}}{{discount.percent_off}} %{{/discount.percent_off}}{{#discount.amount_off}}{{discount.amount_off}}{{/discount.amount_off}}{{/discount.free_shipping}} mit dem Code <strong style="font-size:18px;">{{discount.code}}</strong>{{#discount.expires_at}}, gültig bis {{discount.expires_at}}{{/discount.expires_at}}.</p>
                \(cartHTML(total: "Gesamt"))
                \(button("links.restore", "Code einlösen"))
                {{#links.chat}}<p style="text-align:center;"><a href="{{links.chat}}">Fragen? Schreib uns im Chat</a></p>{{/links.chat}}
                """,
            text: """
                {{#customer.first_name}}{{customer.first_name}}, dein{{/customer.first_name}}{{^customer.first_name}}Dein{{/customer.first_name}} Warenkorb wartet.

                Code {{discount.code}}{{#discount.free_shipping}}: Gratis-Versand{{/discount.free_shipping}}{{#discount.percent_off}}: {{discount.percent_off}} % Rabatt{{/discount.percent_off}}{{#discount.expires_at}}, gültig bis {{discount.expires_at}}{{/discount.expires_at}}.

                \(cartText(total: "Gesamt"))

                Code einlösen: {{links.restore}}
                {{#links.chat}}Fragen? Schreib uns im Chat: {{links.chat}}{{/links.chat}}
                """
        ),
        EmailTemplate(
            id: "generic",
            locale: "de",
            subject: "{{extra.subject}}",
            preview: "{{extra.preview}}",
            html: """
                <h2>{{#customer.first_name}}Hallo {{customer.first_name}}, {{/customer.first_name}}{{extra.headline}}</h2>
                <p>{{extra.body}}</p>
                {{#discount}}<p>Dein Code: <strong>{{discount.code}}</strong>{{#discount.expires_at}}, gültig bis {{discount.expires_at}}{{/discount.expires_at}}</p>{{/discount}}
                {{#extra.cta_url}}\(button("extra.cta_url", "{{extra.cta_label}}")){{/extra.cta_url}}
                \(recommendationsHTML(heading: "Für dich ausgewählt"))
                {{#links.chat}}<p style="text-align:center;"><a href="{{links.chat}}">Fragen? Schreib uns im Chat</a></p>{{/links.chat}}
                """,
            text: """
                {{#customer.first_name}}Hallo {{customer.first_name}}, {{/customer.first_name}}{{extra.headline}}

                {{extra.body}}
                {{#discount}}Dein Code: {{discount.code}}{{#discount.expires_at}}, gültig bis {{discount.expires_at}}{{/discount.expires_at}}{{/discount}}
                {{#extra.cta_url}}{{extra.cta_label}}: {{extra.cta_url}}{{/extra.cta_url}}
                """
        ),
    ]
}
