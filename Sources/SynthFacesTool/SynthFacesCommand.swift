import ArgumentParser

@main
struct SynthFacesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synthfaces",
        abstract: "SynthFaces: procedural faces with exact ground truth, written in CelebA-HQ, RaFD and Multi-PIE layouts.",
        subcommands: [GenerateCommand.self, ContactSheetCommand.self, RenderCommand.self, BenchCommand.self])
}
