// The umbrella: one import for the three core modules.
//
// GradscopeNumerics  precisions, activations, formulas, random numbers, matrix products
// GradscopeNetworks  chains, MLPs, recurrent networks, surfaces, training, the autopsy
// GradscopeTheory    mean-field theory, wide networks, Jacobian spectra
@_exported import GradscopeNumerics
@_exported import GradscopeNetworks
@_exported import GradscopeTheory
