import ArgumentParser

/// The `gradscope` command: see why gradients explode or vanish.
@available(macOS 10.15, macCatalyst 13, iOS 13, tvOS 13, watchOS 6, *)
public struct Gradscope: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "gradscope",
        abstract: "See why a network's gradients explode or vanish, and where it turns into NaNs.",
        version: "0.1.0",
        subcommands: [
            TourCommand.self, PlotCommand.self, ChainCommand.self, OverflowCommand.self, AutopsyCommand.self,
            TourCommand.self, PlotCommand.self, ChainCommand.self, OverflowCommand.self, AutopsyCommand.self,
            SurfaceCommand.self, TrainCommand.self, LayersCommand.self, PhaseCommand.self, SpectrumCommand.self,
            ServeCommand.self,
        ],
        defaultSubcommand: TourCommand.self
    )

    public init() {}
}
