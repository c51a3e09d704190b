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
        let scaled = ScaledTrainer(network: network, data: c.data, configuration: configuration).run(from: initial)
        // The observer sees the Trainer-style reports (the CSV log and the progress bar).
        var control = TrainingControl.proceed
        for step in scaled.run.steps where control == .proceed { control = observer(step) }
        var run = scaled.run
        if control == .stop { run.ending = .stopped }
        return RemedyRun(remedy: remedy, run: run, scaling: scaled)
    }
}
