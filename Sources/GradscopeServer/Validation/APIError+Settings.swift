import GradscopeGallery

extension APIError {
    /// The Gallery's sentence with the setting spelt as the query parameter ("depth must be …").
    init(_ error: SettingsError) {
        self.init(error.sentence(.query), parameter: error.setting)
    }
}
