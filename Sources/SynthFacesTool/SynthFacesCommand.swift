import ArgumentParser
import Kernels

@main
struct SynthFacesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synthfaces",
        abstract: "SynthFaces: procedural faces with exact ground truth, written in CelebA-HQ, RaFD and Multi-PIE layouts.",
        subcommands: [GenerateCommand.self, ContactSheetCommand.self, RenderCommand.self, BenchCommand.self])

    /// OpenBLAS's kernels are chosen (and the process restarted if need be) before anything else runs.
    static func main() {
        BLASKernelSelection.ensureBestKernel()
        main(nil)
    }
}
