import Hummingbird

/// `/api/figures`: the post's figures S1–S8 as control settings.
struct FigureList: ResponseCodable {
    var figures: [FigurePreset]
}
