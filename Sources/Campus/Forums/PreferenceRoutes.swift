import Foundation
import Postgres
import Web

/// How forum news reaches the reader by email: at once, or gathered in one daily digest.
/// Which kinds come by email at all stays on /me/email.
enum PreferenceRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", ForumPaths.preferences, showPreferences),
        Route("POST", ForumPaths.preferences, savePreferences),
    ]

    static func fetchDigest(_ db: Connection, userID: Int64) throws -> Bool {
        try db.query("SELECT digest FROM forum_preferences WHERE user_id = \(userID)").first?["digest"] ?? false
    }

    static func showPreferences(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        let digest = try fetchDigest(try context.db, userID: user.id)
        return context.page(context.t("forum.preferences.title"), page(digest: digest, context: context), section: .forums)
    }

    /// `email` = instant | digest. Choosing the digest starts its day now.
    static func savePreferences(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        guard let choice = context.form["email"], ["instant", "digest"].contains(choice) else {
            throw HTTPError(.unprocessableContent, reason: "forum.preferences.choose")
        }
        try context.db.execute("""
            INSERT INTO forum_preferences (user_id, digest, digest_sent_at) VALUES (\(user.id), \(choice == "digest"), now())
            ON CONFLICT (user_id) DO UPDATE SET digest = EXCLUDED.digest,
                digest_sent_at = CASE WHEN forum_preferences.digest THEN forum_preferences.digest_sent_at ELSE now() END
            """)
        return context.redirect(ForumPaths.preferences.path(), flash: "flash.preferences_saved")
    }

    static func page(digest: Bool, context: Context) -> HTML {
        let t = context.t
        let options = [("instant", "forum.preferences.instant"), ("digest", "forum.preferences.digest")].map { value, label -> HTML in
            "<label class=\"choice\"><input type=\"radio\" name=\"email\" value=\"\(value)\"\(attribute: "checked", when: (value == "digest") == digest)> \(t(label))</label>"
        }
        return """
        \(ForumFormat.breadcrumb(t))
        <section class="narrow">
        <h1>\(t("forum.preferences.title"))</h1>
        <p class="lead">\(t("forum.preferences.lead"))</p>
        <form class="form" method="post" action="\(ForumPaths.preferences.path())">\(csrfField(context.chrome))
        <fieldset class="field"><legend>\(t("forum.preferences.legend"))</legend>\(options)</fieldset>
        <p class="hint"><a href="\(Paths.meEmail.path())">\(t("forum.preferences.kinds"))</a></p>
        <p class="actions"><button type="submit" class="button">\(t("email_prefs.save"))</button></p>
        </form>
        </section>
        """
    }
}
