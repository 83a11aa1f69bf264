extension DefaultTemplates {
    static let english: [EmailTemplate] = [
        EmailTemplate(
            id: "cart_recovery.help",
            locale: "en",
            subject: "Something went wrong with your cart?",
            preview: "Your items are still waiting at {{shop.name}}, and we're here if you have questions.",
            html: """
                <h2>{{#customer.first_name}}Hi {{customer.first_name}}, s{{/customer.first_name}}{{^customer.first_name}}S{{/customer.first_name}}omething went wrong?</h2>
                <p>You left a few things in your cart. If something got in the way, such as shipping, sizes or payment, just ask: we answer within minutes.</p>
                \(cartHTML(total: "Total"))
                \(button("links.restore", "Back to my cart"))
                {{#links.chat}}<p style="text-align:center;"><a href="{{links.chat}}">Questions? Chat with us</a></p>{{/links.chat}}
                \(recommendationsHTML(heading: "You might also like"))
                """,
            text: """
                {{#customer.first_name}}Hi {{customer.first_name}},{{/customer.first_name}}{{^customer.first_name}}Hi,{{/customer.first_name}}

                something went wrong? You left a few things in your cart:

                \(cartText(total: "Total"))

                Back to your cart: {{links.restore}}
                {{#links.chat}}Questions? Chat with us: {{links.chat}}{{/links.chat}}
                """
        ),
        EmailTemplate(
            id: "cart_recovery.reviews",
            locale: "en",
            subject: "What other customers say about your picks",
            preview: "Reviews of the items in your cart at {{shop.name}}.",
            html: """
                <h2>Still thinking it over{{#customer.first_name}}, {{customer.first_name}}{{/customer.first_name}}?</h2>
                <p>Here is what other customers say about the items in your cart.</p>
                {{#reviews}}<p><strong>{{product}}</strong> <span style="color:#f5a623;">{{stars}}</span><br>“{{text}}”{{#author}} – {{author}}{{/author}}</p>
                {{/reviews}}
                \(cartHTML(total: "Total"))
                \(button("links.restore", "Complete my order"))
                {{#links.chat}}<p style="text-align:center;"><a href="{{links.chat}}">Questions? Chat with us</a></p>{{/links.chat}}
                """,
            text: """
                Still thinking it over{{#customer.first_name}}, {{customer.first_name}}{{/customer.first_name}}?

                {{#reviews}}{{product}} {{stars}}
                "{{text}}"{{#author}} – {{author}}{{/author}}

                {{/reviews}}\(cartText(total: "Total"))

                Complete your order: {{links.restore}}
                {{#links.chat}}Questions? Chat with us: {{links.chat}}{{/links.chat}}
                """
        ),
        EmailTemplate(
            id: "cart_recovery.offer",
            locale: "en",
            subject:
                "{{#discount.free_shipping}}Free shipping on your cart{{/discount.free_shipping}}{{^discount.free_shipping}}{{#discount.percent_off}}{{discount.percent_off}}% off{{/discount.percent_off}}{{^discount.percent_off}}A little something{{/discount.percent_off}} for your cart{{/discount.free_shipping}}, for a short time",
            preview: "Use code {{discount.code}}{{#discount.expires_at}} before {{discount.expires_at}}{{/discount.expires_at}}.",
            html: """
                <h2>{{#customer.first_name}}{{customer.first_name}}, y{{/customer.first_name}}{{^customer.first_name}}Y{{/customer.first_name}}our cart is waiting, and it just got cheaper</h2>
                <p>{{#discount.free_shipping}}Shipping is on us{{/discount.free_shipping}}{{^discount.free_shipping}}Save {{#discount.percent_off}}{{discount.percent_off}}%{{/discount.percent_off}}{{#discount.amount_off}}{{discount.amount_off}}{{/discount.amount_off}}{{/discount.free_shipping}} with the code <strong style="font-size:18px;">{{discount.code}}</strong>{{#discount.expires_at}}, valid until {{discount.expires_at}}{{/discount.expires_at}}.</p>
                \(cartHTML(total: "Total"))
                \(button("links.restore", "Use my code"))
                {{#links.chat}}<p style="text-align:center;"><a href="{{links.chat}}">Questions? Chat with us</a></p>{{/links.chat}}
                """,
            text: """
                {{#customer.first_name}}{{customer.first_name}}, y{{/customer.first_name}}{{^customer.first_name}}Y{{/customer.first_name}}our cart is waiting.

                Code {{discount.code}}{{#discount.free_shipping}}: free shipping{{/discount.free_shipping}}{{#discount.percent_off}}: {{discount.percent_off}}% off{{/discount.percent_off}}{{#discount.expires_at}}, valid until {{discount.expires_at}}{{/discount.expires_at}}.

                \(cartText(total: "Total"))

                Use your code: {{links.restore}}
                {{#links.chat}}Questions? Chat with us: {{links.chat}}{{/links.chat}}
                """
        ),
        EmailTemplate(
            id: "generic",
            locale: "en",
            subject: "{{extra.subject}}",
            preview: "{{extra.preview}}",
            html: """
                <h2>{{#customer.first_name}}Hi {{customer.first_name}}, {{/customer.first_name}}{{extra.headline}}</h2>
                <p>{{extra.body}}</p>
                {{#discount}}<p>Your code: <strong>{{discount.code}}</strong>{{#discount.expires_at}}, valid until {{discount.expires_at}}{{/discount.expires_at}}</p>{{/discount}}
                {{#extra.cta_url}}\(button("extra.cta_url", "{{extra.cta_label}}")){{/extra.cta_url}}
                \(recommendationsHTML(heading: "Picked for you"))
                {{#links.chat}}<p style="text-align:center;"><a href="{{links.chat}}">Questions? Chat with us</a></p>{{/links.chat}}
                """,
            text: """
                {{#customer.first_name}}Hi {{customer.first_name}}, {{/customer.first_name}}{{extra.headline}}

                {{extra.body}}
                {{#discount}}Your code: {{discount.code}}{{#discount.expires_at}}, valid until {{discount.expires_at}}{{/discount.expires_at}}{{/discount}}
                {{#extra.cta_url}}{{extra.cta_label}}: {{extra.cta_url}}{{/extra.cta_url}}
                """
        ),
    ]
}
