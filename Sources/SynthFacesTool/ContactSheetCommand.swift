import ArgumentParser
import CommandLineSupport
import Foundation
import Imaging
import SynthFaces

struct ContactSheetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact-sheet",
        abstract: "Write a PNG for a person to judge the renderer.",
        discussion: "Rows: identities × [own look, black/blond/brown/gray hair, makeup, old, eyeglasses, bangs, smiling, "
            + "mouth open, beard, pale skin]; the 13 Multi-PIE poses; the 8 RaFD expressions and 3 gazes; the 20 "
            + "illuminations (two rows); [image, UV field] pairs at five yaws.")

    @Option(help: "Where to write the PNG.")
    var output = "datasets/generated/contact-sheet.png"
    @Option(help: "Seed of the identities shown.")
    var seed: UInt64 = 1
    /// Documented ranges of the numeric flags.
    enum Limits {
        static let identities = 1...64
        static let tile = 32...512
    }

    @Option(help: "Number of identity rows (\(FlagValidation.describe(Limits.identities))).")
    var identities = 6
    @Option(help: "Tile size in pixels (\(FlagValidation.describe(Limits.tile))).")
    var tile = 128

    func validate() throws {
        try FlagValidation.require(identities, in: Limits.identities, flag: "--identities")
        try FlagValidation.require(tile, in: Limits.tile, flag: "--tile")
    }

    func run() throws {
        let sheet = try ContactSheet.make(seed: seed, identities: identities, tile: tile)
        try PNG.write(sheet, to: URL(fileURLWithPath: output))
        print("synthfaces: wrote \(output) (\(sheet.width)×\(sheet.height))")
    }
}
