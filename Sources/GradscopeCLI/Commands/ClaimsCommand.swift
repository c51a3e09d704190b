import ArgumentParser
import GradscopeGallery

/// `gradscope claims`: the post's statements, each with a verdict, the numbers and the figure.
struct ClaimsCommand: ExperimentCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Every factual statement of the post, checked: a verdict, the numbers that decide it, and the figure that shows it.",
        discussion: """
        Each statement is quoted (one sentence at most) or paraphrased with its paragraph in the post, counted from 1 at "Have you ever been training…". The verdict — holds, holds with a condition, does not hold — is decided from numbers the tool computes for the named figure (`gradscope tour --figure <id>` draws it).

        Examples: gradscope claims
                  gradscope claims --paragraph 11 --format json
        """
    )

    @Option(help: "Only the claims of this paragraph of the post (1…11).")
    var paragraph: Int?

    @Option(help: "Write the table (.csv), the claims (.json) or the cited figures (.svg) to this file.")
    var out: String?

    @OptionGroup var output: OutputOptions

    var settings: ClaimsExperiment.Settings { .init(paragraph: paragraph) }

    typealias Lab = ClaimsExperiment
}
