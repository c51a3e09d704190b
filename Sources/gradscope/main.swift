import GradscopeCLI

await Gradscope.main()
