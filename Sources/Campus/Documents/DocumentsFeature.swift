import Web

/// Files attached to courses and editions (and later to capsules and applications),
/// kept in PostgreSQL and served to those each owner's policy allows.
enum DocumentsFeature: Feature {
    static let routes: [Route<Handler>] = DocumentRoutes.routes
}
