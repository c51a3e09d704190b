import GradscopeNumerics

extension Autopsy {
    /// The run in FP8 training's model with `recipe`: an MLP in a narrow precision only.
    static func replay(_ c: AutopsyCase, recipe: ScalingRecipe, initial: ParameterGroups<Double>,
                       observer: (TrainingStep) -> TrainingControl) -> RemedyRun {
        let remedy = Remedy.scaling(recipe)
        guard let network = c.network as? MLPNetwork else {
            return RemedyRun(remedy: remedy, note: "scaling recipes model matrix products: use --model mlp")
        }
        guard let format = c.precision.narrowFormat else {
            return RemedyRun(remedy: remedy, note: "scaling recipes are for the narrow precisions (float8_e4m3fn, …)")
        }
        let configuration = ScaledTrainingConfiguration(recipe: recipe, format: format.with(overflow: c.overflow),
                                                        steps: c.configuration.steps, learningRate: c.configuration.learningRate, spike: c.spike)
        // The observer sees the Trainer-style reports (the CSV log and the progress bar) as the steps are taken.
        let scaled = ScaledTrainer(network: network, data: c.data, configuration: configuration).train(from: initial, observer: observer)
        return RemedyRun(remedy: remedy, run: scaled.run, scaling: scaled)
    }
}
