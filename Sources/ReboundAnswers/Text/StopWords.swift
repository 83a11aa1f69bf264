/// Stop words for retrieval, stored folded (no diacritics, `ß` as `ss`).
///
/// The intent model keeps stop words ("not", "how", "where" carry intent); retrieval drops them.
public enum StopWords {
    /// The stop words of `language`, folded.
    public static func words(for language: TextLanguage) -> Set<String> {
        switch language {
        case .english: english
        case .german: german
        }
    }

    static let english: Set<String> = Set(
        """
        a about above after again against all am an and any are as at be because been before being below between both but by \
        can could did do does doing down during each few for from further had has have having he her here hers herself him \
        himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other \
        our ours ourselves out over own same she should so some such than that the their theirs them themselves then there \
        these they this those through to too under until up very was we were what when where which while who whom why will \
        with would you your yours yourself yourselves im ive id youre dont doesnt didnt cant wont isnt arent wasnt werent \
        hasnt havent shouldnt couldnt wouldnt thats whats theres lets us may might must shall also please
        """.split(separator: " ").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    )

    static let german: Set<String> = Set(
        """
        aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anderm andern anders auch \
        auf aus bei bin bis bist da damit dann das dass dasselbe dazu dein deine deinem deinen deiner deines dem demselben den \
        denn denselben der derer derselbe derselben des desselben dessen dich die dies diese dieselbe dieselben diesem diesen \
        dieser dieses dir doch dort du durch ein eine einem einen einer eines einig einige einigem einigen einiger einiges \
        einmal er es etwas euch euer eure eurem euren eurer eures fur gegen gewesen hab habe haben hat hatte hatten hier hin \
        hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist jede jedem jeden jeder jedes jene jenem \
        jenen jener jenes jetzt kann kein keine keinem keinen keiner keines konnen konnte machen man manche manchem manchen \
        mancher manches mein meine meinem meinen meiner meines mich mir mit muss musste nach nicht nichts noch nun nur ob oder \
        ohne sehr sein seine seinem seinen seiner seines selbst sich sie sind so solche solchem solchen solcher solches soll \
        sollte sondern sonst uber um und uns unsere unserem unseren unser unseres unter viel vom von vor wahrend war waren \
        warst was weg weil weiter welche welchem welchen welcher welches wenn werde werden wie wieder will wir wird wirst wo \
        wollen wollte wurde wurden zu zum zur zwar zwischen bitte
        """.split(separator: " ").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    )
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
