/// The shipped layout and the German and English default messages.
public enum DefaultTemplates {
    /// Every shipped template: `cart_recovery.help|reviews|offer`, the `cart_recovery_72h.*` steps, and `generic`
    /// (welcome, post-purchase, win-back: headline, body and button come from `extra`), in `en` and `de`.
    public static var all: [EmailTemplate] {
        var templates = english + german + lifecycle + surveys
        let aliases = [
            "cart_recovery_72h.reminder": "cart_recovery.help",
            "cart_recovery_72h.free_shipping": "cart_recovery.offer",
            "cart_recovery_72h.offer": "cart_recovery.offer",
        ]
        for (alias, target) in aliases.sorted(by: { $0.key < $1.key }) {
            for template in english + german where template.id == target {
                var copy = template
                copy.id = alias
                templates.append(copy)
            }
        }
        return templates
    }

    public static let layoutHTML = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{subject}}</title></head>
        <body style="margin:0;padding:0;background:{{shop.background_color}};color:{{shop.text_color}};font-family:Helvetica,Arial,sans-serif;">
        <div style="display:none;max-height:0;overflow:hidden;">{{preview}}</div>
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
        <table role="presentation" width="600" cellpadding="16" cellspacing="0" style="background:#ffffff;max-width:600px;">
        <tr><td align="center">{{#shop.logo_url}}<img src="{{shop.logo_url}}" alt="{{shop.name}}" height="48">{{/shop.logo_url}}{{^shop.logo_url}}<strong style="font-size:22px;">{{shop.name}}</strong>{{/shop.logo_url}}</td></tr>
        <tr><td>{{{content}}}</td></tr>
        <tr><td style="font-size:12px;color:#777777;text-align:center;">{{shop.name}}{{#shop.address}}<br>{{.}}{{/shop.address}}
        {{#links.unsubscribe}}<br><a href="{{links.unsubscribe}}" style="color:#777777;">{{labels.unsubscribe}}</a>{{/links.unsubscribe}}</td></tr>
        </table></td></tr></table>
        {{#links.open_pixel}}<img src="{{links.open_pixel}}" width="1" height="1" alt="" style="display:block;border:0;">{{/links.open_pixel}}
        </body></html>
        """

    public static let layoutText = """
        {{{content}}}

        --
        {{shop.name}}
        {{#shop.address}}{{.}}
        {{/shop.address}}{{#links.unsubscribe}}{{labels.unsubscribe}}: {{links.unsubscribe}}
        {{/links.unsubscribe}}
        """

    /// The cart as an HTML table: image, title, quantity and price per line, then the total.
    static func cartHTML(total: String) -> String {
        """
        <table role="presentation" width="100%" cellpadding="6" cellspacing="0">
        {{#cart.lines}}<tr><td width="72">{{#image_url}}<img src="{{image_url}}" alt="{{title}}" width="64">{{/image_url}}</td><td>{{title}} × {{quantity}}</td><td align="right">{{line_total}}</td></tr>
        {{/cart.lines}}<tr><td></td><td><strong>\(total)</strong></td><td align="right"><strong>{{cart.total}}</strong></td></tr>
        </table>
        """
    }

    static func cartText(total: String) -> String {
        """
        {{#cart.lines}}- {{title}} × {{quantity}}: {{line_total}}
        {{/cart.lines}}\(total): {{cart.total}}
        """
    }

    static func button(_ url: String, _ label: String) -> String {
        """
        <p style="text-align:center;"><a href="{{\(url)}}" style="display:inline-block;padding:12px 24px;background:{{shop.primary_color}};color:#ffffff;text-decoration:none;border-radius:4px;">\(label)</a></p>
        """
    }

    /// The recommendations slot: shown only when there are recommendations.
    static func recommendationsHTML(heading: String) -> String {
        """
        {{#has_recommendations}}<h3>\(heading)</h3>{{/has_recommendations}}{{#recommendations}}<p>{{#image_url}}<img src="{{image_url}}" alt="" width="64"> {{/image_url}}<a href="{{url}}">{{title}}</a>{{#price}} – {{price}}{{/price}}</p>
        {{/recommendations}}
        """
    }
}
