import Web

/// The home page.
enum HomeFeature: Feature {
    static let routes: [Route<Handler>] = HomeRoutes.routes
}
