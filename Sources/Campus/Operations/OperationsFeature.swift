import Web

/// What operators and every page need: health, metrics, the language choice.
enum OperationsFeature: Feature {
    static let routes: [Route<Handler>] = OperationsRoutes.routes + MetricsRoutes.routes
}
